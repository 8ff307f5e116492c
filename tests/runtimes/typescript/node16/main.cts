// The CommonJS side of the exports map under Node's own resolution: require() gets the same
// types.
import dingtalk = require("dingtalk-calendar");

const client = new dingtalk.CalendarClient({ accessToken: "demo-access-token" });
export async function read(): Promise<string> {
  const calendar: dingtalk.SubscribedCalendar = await client.getSubscribedCalendar("user-alice", "cal-public-holidays");
  // @ts-expect-error a number as id
  await client.getSubscribedCalendar(1, "cal-public-holidays");
  return calendar.calendarId;
}
