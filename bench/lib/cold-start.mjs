// Cold start in fresh Node processes (lib/cold-child.mjs), alternating contestants; medians.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import { inRoundOrder, median } from "./measure.js";
import { FLOOR } from "./floor.js";

export const COLD_CONTESTANTS = ["empty", "hand-written fetch", FLOOR, "dingtalk-calendar", "@alicloud/dingtalk (official SDK)"];
const child = fileURLToPath(new URL("cold-child.mjs", import.meta.url));

export function coldStart({ rounds = 15 } = {}) {
  const runs = new Map(COLD_CONTESTANTS.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of inRoundOrder(COLD_CONTESTANTS, round)) {
      runs.get(name).push(JSON.parse(execFileSync(process.execPath, ["--expose-gc", child, name], { encoding: "utf8" })));
    }
  }
  return COLD_CONTESTANTS.map((name) => {
    const samples = runs.get(name);
    return {
      name,
      ms: median(samples.map((s) => s.ms)),
      heapUsed: median(samples.map((s) => s.heapUsed)),
      arrayBuffers: median(samples.map((s) => s.arrayBuffers)),
      wasmMemory: median(samples.map((s) => s.wasmMemory)),
      files: samples[0].files,
    };
  });
}
