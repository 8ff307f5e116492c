// Bundlers (Vite, esbuild, webpack, Rollup): the .wasm travels inside this module as base64, so
// no bundler needs a plugin or an asset rule for it. Compiled asynchronously (top-level await):
// browsers refuse to compile large modules synchronously on the main thread.
import init from "./esm/dingtalk_calendar.js";
import wasmBase64 from "./esm/dingtalk_calendar_bg.wasm.base64.js";

const binary = atob(wasmBase64);
const bytes = new Uint8Array(binary.length);
for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
await init({ module_or_path: bytes });

import { CalendarClient, DingTalkError, rejectInsteadOfThrowing } from "./esm/dingtalk_calendar.js";
import { createAppAccessToken } from "./app-access-token.js";

// A call never throws, also detached from its client or after free().
rejectInsteadOfThrowing(CalendarClient);

// Server-side: see app-access-token.js. Left out of a bundle that does not use it.
export function appAccessToken(options) {
  return createAppAccessToken(options, DingTalkError);
}
export { CalendarClient, DingTalkError };
