// The demo's backend: what a real app's server does for a page. It holds the access token (the
// page never needs it for these two) and calls create and update for the page, since a page
// cannot send DingTalk a JSON body (DingTalk's CORS policy allows no Content-Type). Same origin
// as the page, so no CORS at all between them:
//
//   POST /api/users/{userId}/calendars                 body: the new calendar   -> { calendarId }
//   PUT  /api/users/{userId}/calendars/{calendarId}     body: the changes        -> { result }
//
// A failure answers the DingTalkError's fields as JSON (never the token: the error holds none),
// with DingTalk's status, or 400 for bad input and 502 for no answer.
import { createRequire } from "node:module";

const MAX_BODY_BYTES = 64 * 1024;

export function demoBackend({ baseUrl, accessToken, packageEntry }) {
  const { CalendarClient, DingTalkError } = createRequire(import.meta.url)(packageEntry);
  const client = new CalendarClient({ accessToken, baseUrl });

  async function readJson(req) {
    let size = 0;
    const chunks = [];
    for await (const chunk of req) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return undefined;
      chunks.push(chunk);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return undefined;
    }
  }

  function answer(res, status, body) {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
  }

  /** Answers the two API routes; false for anything else (the static files). */
  return async function handle(req, res) {
    const path = new URL(req.url, "http://demo").pathname;
    const match = /^\/api\/users\/([^/]+)\/calendars(?:\/([^/]+))?$/.exec(path);
    if (!match) return false;
    const [, user, calendar] = match;
    const creating = req.method === "POST" && calendar === undefined;
    const updating = req.method === "PUT" && calendar !== undefined;
    if (!creating && !updating) {
      answer(res, 405, { kind: "invalidArgument", message: "POST …/calendars creates, PUT …/calendars/{calendarId} updates" });
      return true;
    }
    const body = await readJson(req);
    try {
      const userId = decodeURIComponent(user);
      const result = creating
        ? await client.createSubscribedCalendar(userId, body)
        : await client.updateSubscribedCalendar(userId, decodeURIComponent(calendar), body);
      answer(res, 200, result);
    } catch (error) {
      if (!(error instanceof DingTalkError)) {
        answer(res, 400, { kind: "invalidArgument", message: "the path is not valid percent-encoding" });
        return true;
      }
      const status = error.status ?? (error.kind === "invalidArgument" ? 400 : 502);
      const { kind, code, message, requestId, attempts } = error;
      answer(res, status, { kind, status: error.status, code, message, requestId, attempts });
    }
    return true;
  };
}
