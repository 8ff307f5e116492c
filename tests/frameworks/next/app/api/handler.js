// The Route Handlers' GET (api/node on the Node runtime, api/edge on the Edge runtime): a token
// from the app's key and secret, which stay on the server.
import { CalendarClient, appAccessToken } from "dingtalk-calendar";

// Made at the first request, not at import: `next build` imports the module without the secret.
let client;

export async function GET() {
  const baseUrl = process.env.DINGTALK_BASE_URL;
  client ??= new CalendarClient({
    accessToken: appAccessToken({ appKey: process.env.DINGTALK_APP_KEY, appSecret: process.env.DINGTALK_APP_SECRET, baseUrl }),
    baseUrl,
  });
  try {
    return Response.json(await client.getSubscribedCalendar("user-alice", "cal-public-holidays"));
  } catch (error) {
    return Response.json({ kind: error.kind, message: error.message }, { status: 502 });
  }
}
