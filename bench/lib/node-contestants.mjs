// The contestants over real HTTP in Node, each a `run()` that makes one GET of the calendar.
import { Agent, request } from "node:http";
import { createRequire } from "node:module";

import { CalendarClient } from "../../pkg/node.js";
import { handWrittenClient } from "./hand-written.js";
import { officialSdkClient } from "./official-sdk.mjs";
import { FLOOR } from "./own-cost.js";

const TOKEN = "demo-access-token";
const USER = "user-alice";
const CALENDAR = "cal-public-holidays";

/** node:http with a keep-alive agent: the floor for a Node client. */
export function nodeHttpClient(baseUrl) {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL(baseUrl);
  return {
    getSubscribedCalendar: (user, calendar) =>
      new Promise((resolve, reject) => {
        const path = `/v1.0/calendar/users/${encodeURIComponent(user)}/subscribedCalendars/${encodeURIComponent(calendar)}`;
        const req = request({ host: url.hostname, port: url.port, path, agent, headers: { "x-acs-dingtalk-access-token": TOKEN } }, (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk) => (text += chunk));
          res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(text))));
        });
        req.on("error", reject);
        req.end();
      }),
  };
}

/** bench/floor's `get` through the global fetch, the URL made in JS as the hand-written client does. */
function floorClient(baseUrl) {
  const floor = createRequire(import.meta.url)("../../target/bench-floor/nodejs/wasm_bindgen_floor.js");
  return {
    getSubscribedCalendar: (user, calendar) =>
      floor.get(globalThis.fetch, `${baseUrl}/v1.0/calendar/users/${encodeURIComponent(user)}/subscribedCalendars/${encodeURIComponent(calendar)}`, TOKEN),
  };
}

/** Every contestant against `baseUrl`, as { name, run }. */
export function loopbackContestants(baseUrl) {
  const clients = {
    "dingtalk-calendar": new CalendarClient({ accessToken: TOKEN, baseUrl }),
    "hand-written fetch": handWrittenClient({ baseUrl, accessToken: TOKEN }),
    "hand-written fetch + timeout": handWrittenClient({ baseUrl, accessToken: TOKEN, timeoutMs: 10_000 }),
    "@alicloud/dingtalk (official SDK)": officialSdkClient(baseUrl),
    "node:http keep-alive": nodeHttpClient(baseUrl),
    [FLOOR]: floorClient(baseUrl),
  };
  return Object.entries(clients).map(([name, client]) => ({ name, run: () => client.getSubscribedCalendar(USER, CALENDAR) }));
}
