// The browser cases' page code (plain, Vite and esbuild): the same calls, then the outcome is
// put on the page for the test to read. The mock's URL comes in the page's query string.
import { CalendarClient, DingTalkError } from "dingtalk-calendar";

const client = new CalendarClient({
  accessToken: "demo-access-token",
  baseUrl: new URLSearchParams(location.search).get("baseUrl"),
});

const calendar = await client.getSubscribedCalendar("user-alice", "cal-public-holidays");
const unsubscribed = await client.unsubscribeCalendar("user-carol", "cal-public-holidays");
const deleted = await client.deleteSubscribedCalendar("user-bob", "cal-sprint-reviews");
// Subscribe has no body, so a page can call it like the three above: Carol comes back.
await client.subscribeCalendar("user-carol", "cal-public-holidays");
const error = await client.getSubscribedCalendar("user-erin", "cal-public-holidays").catch((e) => e);
const isDingTalkError = error instanceof DingTalkError;
document.querySelector("#result")?.replaceChildren(JSON.stringify({ calendar, unsubscribed, deleted, error, isDingTalkError }));
