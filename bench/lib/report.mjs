// bench/results/latest.md, latest.svg and the printed summary, from run.mjs's figures.
import { FLOOR } from "./floor.js";

const OURS = "dingtalk-calendar";
const fixed = (n, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (a, b) => `${fixed(a / b, 2)} ×`;
const row = (cells) => `| ${cells.join(" | ")} |`;
const table = (head, rows) => [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");
const find = (rows, name) => rows.find((r) => r.name === name);

/** The wasm-bindgen floor (bench/floor) where ours has a target: how low any client on the stack goes. */
function floors(r) {
  const timeout = (rows) => find(rows, FLOOR).microseconds / find(rows, "hand-written fetch + timeout").microseconds;
  return [
    `own cost ÷ hand-written + timeout: ${fixed(timeout(r.ownCostNode), 2)} in Node, ${fixed(timeout(r.ownCostChromium), 2)} in Chromium`,
    `sequential loopback mean ÷ hand-written: ${fixed(find(r.sequential, FLOOR).mean / find(r.sequential, "hand-written fetch").mean, 2)}`,
    `cold start above an empty module: ${fixed(find(r.coldStart, FLOOR).ms - find(r.coldStart, "empty").ms, 2)} ms`,
  ];
}

/** Ours against each target: [label, figure, target, met]. */
function targets(r) {
  const list = [];
  for (const [where, rows] of [["Node", r.ownCostNode], ["Chromium", r.ownCostChromium]]) {
    const x = find(rows, OURS).microseconds / find(rows, "hand-written fetch + timeout").microseconds;
    list.push([`own cost in ${where} ÷ hand-written + timeout`, x, 1.1]);
  }
  list.push(["sequential loopback mean ÷ hand-written", find(r.sequential, OURS).mean / find(r.sequential, "hand-written fetch").mean, 1.05]);
  const coldAbove = find(r.coldStart, OURS).ms - find(r.coldStart, "empty").ms;
  list.push(["cold start above an empty module (ms)", coldAbove, 3]);
  const page = r.browserBytes[0].gzip;
  for (const b of r.browserBytes.slice(1, 3)) list.push([`${b.name.split(" production")[0]} build ÷ no-bundler page (gzip)`, b.gzip / page, 1]);
  return list.map(([label, value, target]) => ({ label, value, target, met: value <= target }));
}

function svgChart(list) {
  const width = 760, barHeight = 26, gap = 12, left = 330, top = 40;
  const height = top + list.length * (barHeight + gap) + 30;
  const scale = (width - left - 60) / Math.max(...list.map((t) => Math.max(t.value / t.target, 1.2)));
  const bars = list.map((t, i) => {
    const y = top + i * (barHeight + gap);
    const w = Math.max(2, (t.value / t.target) * scale);
    const colour = t.met ? "#2e7d32" : "#c62828";
    return `<text x="${left - 8}" y="${y + 17}" text-anchor="end">${t.label}</text>` +
      `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${colour}"/>` +
      `<text x="${(left + w + 6).toFixed(1)}" y="${y + 17}">${fixed(t.value, 2)} (target ${t.target})</text>`;
  });
  const targetX = left + scale;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="22" font-size="14" font-weight="bold">dingtalk-calendar against its targets (bar = figure ÷ target; green: met)</text>
${bars.join("\n")}
<line x1="${targetX.toFixed(1)}" y1="${top - 6}" x2="${targetX.toFixed(1)}" y2="${height - 24}" stroke="#333" stroke-dasharray="4 3"/>
<text x="${targetX.toFixed(1)}" y="${height - 8}" text-anchor="middle">target</text>
</svg>
`;
}

export function report(r) {
  const list = targets(r);
  const own = (rows) => table(["per GET, fetch stubbed", "µs per call", "× hand-written", "× hand-written + timeout"], rows.map((x) => [
    x.name, fixed(x.microseconds, 1), ratio(x.microseconds, find(rows, "hand-written fetch").microseconds), ratio(x.microseconds, find(rows, "hand-written fetch + timeout").microseconds),
  ]));
  const hand = find(r.sequential, "hand-written fetch");
  const concurrencies = [...new Set(r.throughput.map((t) => t.concurrency))];
  const names = [...new Set(r.throughput.map((t) => t.name))];
  const tp = (name, c) => r.throughput.find((t) => t.name === name && t.concurrency === c).callsPerSecond;
  const empty = find(r.coldStart, "empty");
  const bytes = (rows, base) => table(["what", "files", "raw", "gzip", "brotli", "gzip ×"], rows.map((b) => [b.name, b.files, fixed(b.raw), fixed(b.gzip), fixed(b.brotli), ratio(b.gzip, base)]));
  const markdown = `# Benchmark results

${r.when}, ${r.machine}, Node ${r.node}, ${r.chromium}, official SDK @alicloud/dingtalk ${r.sdk}. Written by \`make bench\`
(bench/run.mjs); what each figure means is in bench/README.md. Medians over alternating rounds.

![against the targets](latest.svg)

## Against the targets

${table(["target", "figure", "target", "met"], list.map((t) => [t.label, fixed(t.value, 2), String(t.target), t.met ? "yes" : "**no**"]))}

The wasm-bindgen floor (bench/floor: what any client on this stack does per GET, nothing more):
${floors(r).map((f) => `- ${f}`).join("\n")}

## 1. Own cost, fetch stubbed (a ready Response, no I/O)

Node:

${own(r.ownCostNode)}

Headless Chromium:

${own(r.ownCostChromium)}

## 2. Sequential GETs over loopback (release dingtalk-mock)

${table(["client", "mean µs", "p50 µs", "p99 µs", "mean × hand-written"], r.sequential.map((s) => [s.name, fixed(s.mean), fixed(s.p50), fixed(s.p99), ratio(s.mean, hand.mean)]))}

## 3. Throughput, calls per second with N in flight

${table(["client", ...concurrencies.map((c) => `${c} in flight`)], names.map((n) => [n, ...concurrencies.map((c) => `${fixed(tp(n, c))} (${ratio(tp(n, c), tp("hand-written fetch", c))})`)]))}

(In brackets: × the hand-written fetch client; higher is better.)

## 4. Cold start, fresh Node process: import → client ready

${table(["module", "ms", "ms above empty", "JS heap used after GC", "array buffers", "wasm memory"], r.coldStart.map((c) => [c.name, fixed(c.ms, 1), fixed(c.ms - empty.ms, 1), `${fixed(c.heapUsed / 1024)} KiB`, `${fixed(c.arrayBuffers / 1024)} KiB`, `${fixed(c.wasmMemory / 1024)} KiB`]))}

## 5. Bytes

What Node loads:

${bytes(r.nodeBytes, find(r.nodeBytes, "hand-written fetch").gzip)}

What a browser page ships (one call):

${bytes(r.browserBytes, r.browserBytes[0].gzip)}
${r.native ? `
## 6. The native client (feature \`native\`), sequential GETs over loopback

Against the mock in the same process, beside the floor: a plain reqwest GET with the token
header whose body serde_json parses (bench/native).

${table(["client", "mean µs", "p50 µs", "p99 µs", "mean × the floor"], r.native.map((s) => [s.name, fixed(s.mean), fixed(s.p50), fixed(s.p99), ratio(s.mean, r.native[0].mean)]))}
` : ""}`;
  const summary = [
    ...list.map((t) => `${t.met ? "met " : "MISS"}  ${t.label}: ${fixed(t.value, 2)} (target ≤ ${t.target})`),
    ...floors(r).map((f) => `floor ${f}`),
    ...(r.native ? [`native: ${fixed(r.native[1].mean / r.native[0].mean, 2)} × a plain reqwest GET (${fixed(r.native[1].mean)} against ${fixed(r.native[0].mean)} µs)`] : []),
  ].join("\n");
  return { markdown, svg: svgChart(list), summary };
}
