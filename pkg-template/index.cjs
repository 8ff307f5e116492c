// Node's `require`, and through node.js Node's `import`, Deno and Bun: one CommonJS module, so a
// program that both imports and requires the package gets one DingTalkError class and one wasm
// instance. The .wasm is read from beside this file, synchronously: importing is all it takes.
"use strict";
const glue = require("./cjs/dingtalk_calendar.js");
const { initSync, CalendarClient, DingTalkError, rejectInsteadOfThrowing } = glue;

initSync({ module: wasmBytes() });

// A call never throws, also detached from its client or after free().
rejectInsteadOfThrowing(CalendarClient);

// Inside a server bundle (Next.js's route handlers and server rendering, Vite's SSR build,
// Nitro's, …) `__dirname` names where the bundle is, not this package, so no .wasm is there; the
// bytes come from the base64 module the bundle carries instead (never a page's: pages take
// other entries). Node without a bundler reads the file and never loads that module.
function wasmBytes() {
  try {
    return require("node:fs").readFileSync(require("node:path").join(__dirname, "esm", "dingtalk_calendar_bg.wasm"));
  } catch {
    return Buffer.from(require("./cjs/dingtalk_calendar_bg.wasm.base64.js"), "base64");
  }
}

// Server-side: see app-access-token.js. Loaded at its first use, not with the package: half a
// millisecond of every cold start that never calls it.
function appAccessToken(options) {
  return require("./app-access-token.cjs").createAppAccessToken(options, glue);
}
module.exports = { CalendarClient, DingTalkError, appAccessToken };
