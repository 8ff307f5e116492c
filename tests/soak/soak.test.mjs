// Soak, in Node, against the release dingtalk-mock (DINGTALK_MOCK_RELEASE=1 scripts/with-mock.sh,
// node --expose-gc): 100,000 sequential calls of all six and 1,000 at once settle as they should, and after
// warm-up and GC the wasm memory and the JS heap stay within a small bound. Prints the figures.
// Bounded: a fixed number of calls, loopback only.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

const mock = process.env.DINGTALK_MOCK_URL;
assert.ok(mock, "run through scripts/with-mock.sh");
assert.equal(typeof globalThis.gc, "function", "run with node --expose-gc");

// The package does not hand out its wasm instance; note it as the CommonJS build makes it.
let instance;
const RealInstance = WebAssembly.Instance;
WebAssembly.Instance = function Instance(module, imports) {
  instance = new RealInstance(module, imports);
  return instance;
};
const { CalendarClient, DingTalkError } = createRequire(import.meta.url)("../../pkg/index.cjs");
WebAssembly.Instance = RealInstance;
assert.ok(instance, "the package instantiated its wasm");

const SEQUENTIAL = Number(process.env.SOAK_CALLS ?? 100_000);
const CONCURRENT = 1_000;
const client = new CalendarClient({ accessToken: "demo-access-token", baseUrl: mock });

const SCOPE = { corpIds: ["ding-corp-acme"] };

/**
 * One call of a mix of all six: reads, updates, subscriptions, a calendar created and deleted
 * (so the mock's data stays the same size), some DingTalk refusals, some refused before sending.
 */
async function oneCall(i) {
  switch (i % 10) {
    case 0: {
      const error = await client.getSubscribedCalendar("user-erin", "cal-public-holidays").catch((e) => e);
      assert.ok(error instanceof DingTalkError && error.code === "permissionDenied", String(error));
      return "api";
    }
    case 1: {
      const error = await client.getSubscribedCalendar("..", "cal-public-holidays").catch((e) => e);
      assert.ok(error instanceof DingTalkError && error.kind === "invalidArgument", String(error));
      return "refused";
    }
    case 2: {
      const updated = await client.updateSubscribedCalendar("user-alice", "cal-public-holidays", { description: `soak ${i}` });
      assert.equal(updated.result, true);
      return "ok";
    }
    case 3:
      assert.equal(await client.subscribeCalendar("user-carol", "cal-public-holidays"), undefined);
      return "ok";
    case 4: {
      const { calendarId } = await client.createSubscribedCalendar("user-alice", { name: `Soak ${i}`, subscribeScope: SCOPE });
      assert.equal((await client.deleteSubscribedCalendar("user-alice", calendarId)).result, true);
      return "ok";
    }
    case 5:
      assert.equal((await client.unsubscribeCalendar("user-carol", "cal-public-holidays")).result, true);
      return "ok";
    default: {
      const calendar = await client.getSubscribedCalendar("user-alice", "cal-public-holidays");
      assert.equal(calendar.calendarId, "cal-public-holidays");
      return "ok";
    }
  }
}

function memory() {
  globalThis.gc();
  return { heapBytes: process.memoryUsage().heapUsed, wasmBytes: instance.exports.memory.buffer.byteLength };
}

const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

test(`${SEQUENTIAL} sequential and ${CONCURRENT} concurrent calls, memory bounded`, { timeout: 600_000 }, async () => {
  for (let i = 0; i < 2_000; i++) await oneCall(i);
  const warm = memory();

  const counts = { ok: 0, api: 0, refused: 0 };
  const started = Date.now();
  for (let i = 0; i < SEQUENTIAL; i++) counts[await oneCall(i)]++;
  const sequentialMs = Date.now() - started;
  assert.deepEqual(counts, { ok: SEQUENTIAL * 0.8, api: SEQUENTIAL * 0.1, refused: SEQUENTIAL * 0.1 });
  const afterSequential = memory();

  const outcomes = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => oneCall(i)));
  assert.equal(outcomes.filter((o) => o === "ok").length, CONCURRENT * 0.8);
  const afterConcurrent = memory();

  console.log(
    `soak: ${SEQUENTIAL} sequential calls in ${(sequentialMs / 1000).toFixed(1)} s; ` +
      `JS heap ${mib(warm.heapBytes)} after warm-up, ${mib(afterSequential.heapBytes)} after, ` +
      `${mib(afterConcurrent.heapBytes)} after ${CONCURRENT} at once; wasm memory ` +
      `${mib(warm.wasmBytes)}, ${mib(afterSequential.wasmBytes)}, ${mib(afterConcurrent.wasmBytes)}`,
  );
  // Nothing a call leaves behind may pile up: the sequential run is 50 times the warm-up, so a
  // leak of even a few hundred bytes a call would show as many MiB here.
  assert.ok(afterSequential.heapBytes - warm.heapBytes < 4 * 1024 * 1024, "JS heap after the sequential run");
  assert.ok(afterSequential.wasmBytes - warm.wasmBytes <= 64 * 1024, "wasm memory after the sequential run");
  // A thousand calls in flight at once need room while they last; the bound is generous.
  assert.ok(afterConcurrent.wasmBytes - warm.wasmBytes <= 2 * 1024 * 1024, "wasm memory after the concurrent calls");
  assert.ok(afterConcurrent.heapBytes - warm.heapBytes < 16 * 1024 * 1024, "JS heap after the concurrent calls");
});
