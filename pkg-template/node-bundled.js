// A server bundle for Node: Next.js's route handlers and server rendering (Turbopack and
// webpack), Vite's SSR build and the like, chosen through the "module" condition, which
// bundlers set and Node does not. A bundler rewrites `__dirname` and moves files, so the
// CommonJS build's `fs` read finds no .wasm there (Next: ENOENT), and `new URL(…,
// import.meta.url)` names a page's asset in Next's server rendering. The bytes travel inside
// the server's bundle instead (never a page's), compiled synchronously: importing is all it takes.
import wasmBase64 from "./esm/dingtalk_calendar_bg.wasm.base64.js";
import { decodeBase64 } from "./decode-base64.js";
import * as glue from "./esm/dingtalk_calendar.js";
import { initSync, CalendarClient, DingTalkError, rejectInsteadOfThrowing } from "./esm/dingtalk_calendar.js";
import { createAppAccessToken } from "./app-access-token.js";

initSync({ module: decodeBase64(wasmBase64) });

// A call never throws, also detached from its client or after free().
rejectInsteadOfThrowing(CalendarClient);

// Server-side: see app-access-token.js. Left out of a bundle that does not use it.
export function appAccessToken(options) {
  return createAppAccessToken(options, glue);
}
export { CalendarClient, DingTalkError };
