// The client's own cost per GET with fetch stubbed (a ready Response, no I/O), the same code in
// Node and in a browser page: ours, the wasm-bindgen floor (lib/floor.js), the hand-written
// client with and without the per-attempt timeout ours always has, and the stub alone.
import { FLOOR, floorClient } from "./floor.js";
import { costPerCall } from "./measure.js";
import { handWrittenClient, stubFetch } from "./hand-written.js";

/** `floor`: bench/floor's module, its `get` ready to call. */
export function ownCost(CalendarClient, { floor, ...options }) {
  const baseUrl = "https://api.dingtalk.com";
  const accessToken = "demo-access-token";
  const clients = {
    "dingtalk-calendar": new CalendarClient({ accessToken, baseUrl, fetch: stubFetch }),
    "hand-written fetch": handWrittenClient({ baseUrl, accessToken, fetch: stubFetch }),
    "hand-written fetch + timeout": handWrittenClient({ baseUrl, accessToken, fetch: stubFetch, timeoutMs: 10_000 }),
    [FLOOR]: floorClient({ floor, baseUrl, accessToken, fetch: stubFetch }),
  };
  const contestants = [
    { name: "the stub alone (Response, text(), JSON.parse)", run: async () => JSON.parse(await (await stubFetch()).text()) },
    ...Object.entries(clients).map(([name, client]) => ({ name, run: () => client.getSubscribedCalendar("user-alice", "cal-public-holidays") })),
  ];
  return costPerCall(contestants, options);
}
