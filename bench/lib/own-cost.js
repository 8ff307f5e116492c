// The client's own cost per GET with fetch stubbed (a ready Response, no I/O), the same code in
// Node and in a browser page: ours, the wasm-bindgen floor (bench/floor: what any client on our
// stack does per GET, nothing more), the hand-written client with and without the per-attempt
// timeout ours always has, and the stub alone.
import { costPerCall } from "./measure.js";
import { handWrittenClient, stubFetch } from "./hand-written.js";

export const FLOOR = "wasm-bindgen floor (bench/floor)";

/** `floor`: bench/floor's module, its `get` ready to call. */
export function ownCost(CalendarClient, { floor, ...options }) {
  const baseUrl = "https://api.dingtalk.com";
  const accessToken = "demo-access-token";
  const clients = {
    "dingtalk-calendar": new CalendarClient({ accessToken, baseUrl, fetch: stubFetch }),
    "hand-written fetch": handWrittenClient({ baseUrl, accessToken, fetch: stubFetch }),
    "hand-written fetch + timeout": handWrittenClient({ baseUrl, accessToken, fetch: stubFetch, timeoutMs: 10_000 }),
  };
  const [userId, calendarId] = ["user-alice", "cal-public-holidays"];
  const contestants = [
    { name: "the stub alone (Response, text(), JSON.parse)", run: async () => JSON.parse(await (await stubFetch()).text()) },
    ...Object.entries(clients).map(([name, client]) => ({ name, run: () => client.getSubscribedCalendar(userId, calendarId) })),
    {
      name: FLOOR,
      // The URL made in JS, as the hand-written client makes it.
      run: () => floor.get(stubFetch, `${baseUrl}/v1.0/calendar/users/${encodeURIComponent(userId)}/subscribedCalendars/${encodeURIComponent(calendarId)}`, accessToken),
    },
  ];
  return costPerCall(contestants, options);
}
