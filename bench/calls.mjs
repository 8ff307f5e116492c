// `make bench`: what the client costs per call, in Node, against dingtalk-mock on loopback:
// the released package (pkg/node.js) next to a bare fetch of the same request. Timing lives
// here, never in the tests. Bounded: a fixed number of calls, loopback only.
import { performance } from "node:perf_hooks";
import { mkdirSync, writeFileSync } from "node:fs";
import { CalendarClient } from "../pkg/node.js";

const baseUrl = process.env.DINGTALK_MOCK_URL;
if (!baseUrl) throw new Error("run through scripts/with-mock.sh");
const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const WARMUP = 200;
const path = "/v1.0/calendar/users/user-alice/subscribedCalendars/cal-public-holidays";
const client = new CalendarClient({ accessToken: "demo-access-token", baseUrl });

const cases = {
  "bare fetch + JSON.parse": async () => {
    const response = await fetch(baseUrl + path, { headers: { "x-acs-dingtalk-access-token": "demo-access-token" } });
    return JSON.parse(await response.text());
  },
  "client.getSubscribedCalendar": () => client.getSubscribedCalendar("user-alice", "cal-public-holidays"),
  "client, refused before sending (bad id)": () => client.getSubscribedCalendar("..", "x").catch((e) => e),
};

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const rows = [];
for (const [name, run] of Object.entries(cases)) {
  for (let i = 0; i < WARMUP; i++) await run();
  const times = [];
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  rows.push({ name, callsPerSecond: Math.round((CALLS / total) * 1000), p50Ms: +percentile(times, 50).toFixed(3), p95Ms: +percentile(times, 95).toFixed(3), p99Ms: +percentile(times, 99).toFixed(3) });
}

console.log(`${CALLS} sequential calls each, Node ${process.version}, mock at ${baseUrl}`);
console.table(rows);
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/calls.json", import.meta.url), JSON.stringify({ calls: CALLS, node: process.version, rows }, null, 2));
