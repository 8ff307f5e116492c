import { loadCalendar } from "$lib/calendar.js";

export const load = ({ fetch }) => loadCalendar(fetch, "user-alice", "cal-public-holidays");
