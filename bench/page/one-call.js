// A page that makes one call: what a Vite or webpack production build of it ships is measured.
import { CalendarClient } from "dingtalk-calendar";

const client = new CalendarClient({ accessToken: "demo-access-token", baseUrl: new URLSearchParams(location.search).get("baseUrl") });
document.querySelector("#result").textContent = JSON.stringify(await client.getSubscribedCalendar("user-alice", "cal-public-holidays"));
