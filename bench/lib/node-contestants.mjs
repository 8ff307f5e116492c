// The contestants over real HTTP in Node, each a `run()` that makes one GET of the calendar.
import { Agent, request } from "node:http";
import { createRequire } from "node:module";

import { CalendarClient } from "../../pkg/node.js";
import { calendarUrl, handWrittenClient } from "./hand-written.js";
import { officialSdkClient } from "./official-sdk.mjs";
import { FLOOR, floorClient } from "./floor.js";

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
        const path = calendarUrl("", user, calendar);
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

/** Every contestant against `baseUrl`, as { name, run }. */
export function loopbackContestants(baseUrl) {
  const clients = {
    "dingtalk-calendar": new CalendarClient({ accessToken: TOKEN, baseUrl }),
    "hand-written fetch": handWrittenClient({ baseUrl, accessToken: TOKEN }),
    "hand-written fetch + timeout": handWrittenClient({ baseUrl, accessToken: TOKEN, timeoutMs: 10_000 }),
    "@alicloud/dingtalk (official SDK)": officialSdkClient(baseUrl),
    "node:http keep-alive": nodeHttpClient(baseUrl),
    [FLOOR]: floorClient({ floor: createRequire(import.meta.url)("../../target/bench-floor/nodejs/wasm_bindgen_floor.js"), baseUrl, accessToken: TOKEN }),
  };
  return Object.entries(clients).map(([name, client]) => ({ name, run: () => client.getSubscribedCalendar(USER, CALENDAR) }));
}
