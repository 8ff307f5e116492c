import { CalendarClient, DingTalkError, appAccessToken } from "dingtalk-calendar";

// A small JSON API for a frontend, which never sees the app secret or a token:
//   POST   /calendars/:userId                          { calendarId }  body: the new calendar
//   GET    /calendars/:userId/:calendarId              the calendar
//   PUT    /calendars/:userId/:calendarId              { result }      body: the changes
//   POST   /calendars/:userId/:calendarId/subscribe    {}
//   POST   /calendars/:userId/:calendarId/unsubscribe  { result }
//   DELETE /calendars/:userId/:calendarId              { result }
// Create and update belong here rather than in the page: DingTalk's CORS policy lets no page
// send it a JSON body, and this Worker's lets the frontend send one.
// Put your own sign-in in front of it before deploying: as it stands, whoever reaches it acts
// as your app.

let client; // one per isolate: its cached token serves every request the isolate handles

function calendarClient(env) {
  client ??= new CalendarClient({
    accessToken: appAccessToken({
      appKey: env.DINGTALK_APP_KEY, // secrets: `wrangler secret put DINGTALK_APP_KEY`
      appSecret: env.DINGTALK_APP_SECRET, // and DINGTALK_APP_SECRET
      baseUrl: env.DINGTALK_BASE_URL, // unset: https://api.dingtalk.com
    }),
    baseUrl: env.DINGTALK_BASE_URL,
  });
  return client;
}

export default {
  async fetch(request, env) {
    const cors = corsHeaders(request, env);
    if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: cors });
    const route = matchRoute(request);
    if (!route) return json({ error: { kind: "notFound", message: "no such route" } }, 404, cors);
    try {
      const calendars = calendarClient(env);
      const [userId, calendarId] = route.ids;
      const body = route.hasBody ? await readJson(request) : undefined;
      const answer =
        route.action === "create" ? await calendars.createSubscribedCalendar(userId, body)
        : route.action === "get" ? await calendars.getSubscribedCalendar(userId, calendarId)
        : route.action === "update" ? await calendars.updateSubscribedCalendar(userId, calendarId, body)
        : route.action === "subscribe" ? ((await calendars.subscribeCalendar(userId, calendarId)), {})
        : route.action === "unsubscribe" ? await calendars.unsubscribeCalendar(userId, calendarId)
        : await calendars.deleteSubscribedCalendar(userId, calendarId);
      return json(answer, 200, cors);
    } catch (error) {
      if (!(error instanceof DingTalkError)) throw error;
      // The message, code and request id never hold the token or the secret.
      const { kind, code, message, requestId } = error;
      return json({ error: { kind, code, message, requestId } }, httpStatus(error), cors);
    }
  },
};

function matchRoute(request) {
  const parts = new URL(request.url).pathname.split("/").slice(1);
  if (parts[0] !== "calendars" || parts.length < 2 || parts.length > 4) return null;
  let ids;
  try {
    ids = parts.slice(1, 3).map(decodeURIComponent);
  } catch {
    return null; // not valid percent-encoding
  }
  const method = request.method;
  if (parts.length === 2 && method === "POST") return { action: "create", ids, hasBody: true };
  if (parts.length === 3 && method === "GET") return { action: "get", ids };
  if (parts.length === 3 && method === "PUT") return { action: "update", ids, hasBody: true };
  if (parts.length === 3 && method === "DELETE") return { action: "delete", ids };
  if (parts[3] === "subscribe" && method === "POST") return { action: "subscribe", ids };
  if (parts[3] === "unsubscribe" && method === "POST") return { action: "unsubscribe", ids };
  return null;
}

// The frontend's JSON, at most 64 KiB (a calendar is a few hundred bytes); anything else is
// handed on as it is, and the client refuses it as bad input before sending DingTalk anything.
async function readJson(request) {
  if (Number(request.headers.get("Content-Length") ?? 0) > 65_536) return null;
  const text = await request.text();
  if (text.length > 65_536) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// DingTalk's answer to a bad request or a refusal passes through; anything wrong between this
// Worker and DingTalk (its credentials included) is the gateway's problem, not the caller's.
/** @param {import("dingtalk-calendar").DingTalkError} error */
function httpStatus({ kind, status }) {
  switch (kind) {
    case "invalidArgument": return 400;
    case "api": return status >= 400 && status < 500 ? status : 502;
    case "throttled": return 429;
    case "timeout": return 504;
    default: return 502; // auth, network, decode, aborted
  }
}

function corsHeaders(request, env) {
  const headers = { Vary: "Origin" };
  if (request.headers.get("Origin") === env.ALLOWED_ORIGIN) {
    headers["Access-Control-Allow-Origin"] = env.ALLOWED_ORIGIN;
    headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, DELETE, OPTIONS";
    headers["Access-Control-Allow-Headers"] = "Content-Type"; // the JSON bodies of create and update
    headers["Access-Control-Max-Age"] = "600";
  }
  return headers;
}

function json(body, status, headers) {
  return Response.json(body, { status, headers });
}
