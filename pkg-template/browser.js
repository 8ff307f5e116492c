// Bundlers other than webpack (Vite, Turbopack, Rollup, esbuild, …), no plugin and no asset rule
// needed. Vite's and Turbopack's production builds emit the .wasm as a file of its own, fetched
// and compiled while it downloads; everywhere else (Rollup, esbuild, Vite's dev server, which
// loses the file when it pre-bundles dependencies) the .wasm travels as base64. No export
// condition tells them apart (Turbopack sets exactly Rollup's: browser, import, module,
// production), so the choice is made in code: see browser-wasm-source.js. Compiled
// asynchronously (top-level await): browsers refuse to compile large modules synchronously on the
// main thread.
import init from "./esm/dingtalk_calendar.js";
import { wasmSource } from "./browser-wasm-source.js";

await init({ module_or_path: wasmSource });

import { CalendarClient, DingTalkError, rejectInsteadOfThrowing } from "./esm/dingtalk_calendar.js";

// A call never throws, also detached from its client or after free().
rejectInsteadOfThrowing(CalendarClient);

export { CalendarClient, DingTalkError };
export { appAccessToken } from "./app-access-token-browser.js";
