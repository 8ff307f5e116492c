// A server route: the app's key and secret stay on the server.
import { json } from "@sveltejs/kit";
import { env } from "$env/dynamic/private";
import { CalendarClient, appAccessToken } from "dingtalk-calendar";

let client;

export async function GET() {
  const baseUrl = env.DINGTALK_BASE_URL;
  client ??= new CalendarClient({
    accessToken: appAccessToken({ appKey: env.DINGTALK_APP_KEY, appSecret: env.DINGTALK_APP_SECRET, baseUrl }),
    baseUrl,
  });
  return json(await client.getSubscribedCalendar("user-alice", "cal-public-holidays"));
}
