import { CalendarClient, DingTalkError } from "dingtalk-calendar";

const client = new CalendarClient({
  accessToken: Bun.env.DINGTALK_TOKEN!,
  baseUrl: Bun.env.DINGTALK_BASE_URL, // leave out for https://api.dingtalk.com
});

const calendar = await client.getSubscribedCalendar("user-alice", "cal-public-holidays");
const unsubscribed = await client.unsubscribeCalendar("user-carol", "cal-public-holidays");
const deleted = await client.deleteSubscribedCalendar("user-bob", "cal-sprint-reviews");
// The rest of a calendar's life, on a server (a page cannot send DingTalk a JSON body):
const { calendarId } = await client.createSubscribedCalendar("user-alice", {
  name: "Release train",
  subscribeScope: { corpIds: ["ding-corp-acme"] },
});
const updated = await client.updateSubscribedCalendar("user-alice", calendarId, { description: "Every other Tuesday" });
await client.subscribeCalendar("user-bob", calendarId);
const error = await client.getSubscribedCalendar("user-erin", "cal-public-holidays").catch((e) => e);
const isDingTalkError = error instanceof DingTalkError;
console.log(JSON.stringify({ calendar, unsubscribed, deleted, calendarId, updated, error, isDingTalkError }));
