// A server route: the app's key and secret stay on the server; appAccessToken gets and caches
// the token. One client per server process.
import { CalendarClient, appAccessToken } from "dingtalk-calendar";

let client;

export default defineEventHandler(async () => {
  const baseUrl = process.env.DINGTALK_BASE_URL;
  client ??= new CalendarClient({
    accessToken: appAccessToken({ appKey: process.env.DINGTALK_APP_KEY, appSecret: process.env.DINGTALK_APP_SECRET, baseUrl }),
    baseUrl,
  });
  return client.getSubscribedCalendar("user-alice", "cal-public-holidays");
});
