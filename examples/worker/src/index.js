import { CalendarClient, DingTalkError, appAccessToken } from "dingtalk-calendar";

// A small JSON API for a frontend, which never sees the app secret or a token:
//   GET    /calendars/:userId/:calendarId              the calendar
//   POST   /calendars/:userId/:calendarId/unsubscribe  { result }
//   DELETE /calendars/:userId/:calendarId              { result }
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
      const answer =
        route.action === "get" ? await calendars.getSubscribedCalendar(userId, calendarId)
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
  if (parts[0] !== "calendars" || parts.length < 3 || parts.length > 4) return null;
  let ids;
  try {
    ids = parts.slice(1, 3).map(decodeURIComponent);
  } catch {
    return null; // not valid percent-encoding
  }
  const method = request.method;
  if (parts.length === 3 && method === "GET") return { action: "get", ids };
  if (parts.length === 3 && method === "DELETE") return { action: "delete", ids };
  if (parts[3] === "unsubscribe" && method === "POST") return { action: "unsubscribe", ids };
  return null;
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
    headers["Access-Control-Allow-Methods"] = "GET, POST, DELETE, OPTIONS";
    headers["Access-Control-Max-Age"] = "600";
  }
  return headers;
}

function json(body, status, headers) {
  return Response.json(body, { status, headers });
}
