// Bundlers other than webpack (Vite, Rollup, esbuild, …), no plugin and no asset rule needed.
// Vite's production build turns `import.meta.env.PROD` into `true` and `new URL("…",
// import.meta.url)` into an emitted file, so its page ships the .wasm once as its own file, fetched
// and compiled while it downloads, and the minifier drops the base64 branch (and with it that
// module). No export condition tells Vite from Rollup, which would leave the URL dangling, so the
// choice is made here. Everywhere else, Vite's dev server included (it loses the file when it
// pre-bundles dependencies), the .wasm travels inside this module as base64. Compiled
// asynchronously (top-level await): browsers refuse to compile large modules synchronously on the
// main thread.
import init from "./esm/dingtalk_calendar.js";
import wasmBase64 from "./esm/dingtalk_calendar_bg.wasm.base64.js";
import { decodeBase64 } from "./decode-base64.js";
await init({
  module_or_path:
    import.meta.env?.PROD === true ? new URL("./esm/dingtalk_calendar_bg.wasm", import.meta.url) : decodeBase64(wasmBase64),
});

import { CalendarClient, DingTalkError, rejectInsteadOfThrowing } from "./esm/dingtalk_calendar.js";

// A call never throws, also detached from its client or after free().
rejectInsteadOfThrowing(CalendarClient);

export { CalendarClient, DingTalkError };
export { appAccessToken } from "./app-access-token-esm.js";
