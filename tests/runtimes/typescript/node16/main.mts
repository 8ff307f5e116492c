// The ES module side of the exports map under Node's own resolution.
import { CalendarClient, DingTalkError, type SubscribedCalendar } from "dingtalk-calendar";

const client = new CalendarClient({ accessToken: "demo-access-token" });
export async function read(): Promise<string> {
  const calendar: SubscribedCalendar = await client.getSubscribedCalendar("user-alice", "cal-public-holidays");
  const error = await client.getSubscribedCalendar("user-erin", "x").catch((e: unknown) => e);
  return error instanceof DingTalkError ? error.kind : calendar.calendarId;
}
