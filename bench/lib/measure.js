// Alternating rounds, for Node and the browser page alike: every contestant is warmed up, then
// each round runs every contestant in turn (the order reversed every other round, so none always
// goes first), and the figure is the median over rounds. Sequential: one call in flight.
export async function costPerCall(contestants, { rounds = 15, calls = 400, warmup = 400 } = {}) {
  for (const { run } of contestants) for (let i = 0; i < warmup; i++) await run();
  const perRound = new Map(contestants.map(({ name }) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const { name, run } of inRoundOrder(contestants, round)) {
      const started = performance.now();
      for (let i = 0; i < calls; i++) await run();
      perRound.get(name).push(((performance.now() - started) / calls) * 1000);
    }
  }
  return contestants.map(({ name }) => ({ name, microseconds: median(perRound.get(name)) }));
}

/** The contestants in round `round`'s order: reversed every other round, so none always goes first. */
export function inRoundOrder(contestants, round) {
  return round % 2 ? [...contestants].reverse() : contestants;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
