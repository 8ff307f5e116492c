// A universal `load`'s call: SvelteKit's own `fetch`, on the server (where it throws for every
// response header a load did not allow) and in the browser after a client-side navigation.
import { CalendarClient } from "dingtalk-calendar";
import { env } from "$env/dynamic/public";

export async function loadCalendar(fetch, userId, calendarId) {
  const client = new CalendarClient({ accessToken: "demo-access-token", baseUrl: env.PUBLIC_DINGTALK_BASE_URL, fetch });
  const calendar = await client.getSubscribedCalendar(userId, calendarId);
  return { name: calendar.name, where: typeof window === "undefined" ? "server" : "browser" };
}
