// Over loopback against the release dingtalk-mock: sequential GETs (mean, p50, p99 per call)
// and throughput with 1, 16, 64 and 256 calls in flight, alternating contestants round by round.
import { inRoundOrder, median, percentile } from "./measure.js";
import { loopbackContestants } from "./node-contestants.mjs";

export async function sequential(baseUrl, { rounds = 10, calls = 200, warmup = 300 } = {}) {
  const contestants = loopbackContestants(baseUrl);
  for (const { run } of contestants) for (let i = 0; i < warmup; i++) await run();
  const times = new Map(contestants.map(({ name }) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const { name, run } of inRoundOrder(contestants, round)) {
      for (let i = 0; i < calls; i++) {
        const started = performance.now();
        await run();
        times.get(name).push((performance.now() - started) * 1000);
      }
    }
  }
  return contestants.map(({ name }) => {
    const sorted = times.get(name).sort((a, b) => a - b);
    return { name, mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  });
}

export async function throughput(baseUrl, { inFlight = [1, 16, 64, 256], rounds = 3 } = {}) {
  const contestants = loopbackContestants(baseUrl);
  const rows = [];
  for (const concurrency of inFlight) {
    const total = Math.max(1000, concurrency * 8);
    const perRound = new Map(contestants.map(({ name }) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const { name, run } of inRoundOrder(contestants, round)) {
        let next = 0;
        const started = performance.now();
        await Promise.all(Array.from({ length: concurrency }, async () => {
          while (next++ < total) await run();
        }));
        perRound.get(name).push(total / ((performance.now() - started) / 1000));
      }
    }
    for (const { name } of contestants) rows.push({ name, concurrency, callsPerSecond: median(perRound.get(name)) });
  }
  return rows;
}
