import { loadCalendar } from "$lib/calendar.js";

export const load = ({ fetch }) => loadCalendar(fetch, "user-bob", "cal-sprint-reviews");
