// bench/floor's `get` as a client shaped like the hand-written one, the URL made in JS the same
// way: the same code in Node and in the browser page.
import { calendarUrl } from "./hand-written.js";

export const FLOOR = "wasm-bindgen floor (bench/floor)";

/** `floor`: bench/floor's module, its `get` ready to call. */
export function floorClient({ floor, baseUrl, accessToken, fetch = globalThis.fetch }) {
  return {
    getSubscribedCalendar: (userId, calendarId) => floor.get(fetch, calendarUrl(baseUrl, userId, calendarId), accessToken),
  };
}
