// Cloudflare Workers (workerd): code cannot be fetched or compiled at run time there, so the
// .wasm is imported as a module, which Wrangler (and Miniflare's CompiledWasm rule) provide.
import wasm from "./esm/dingtalk_calendar_bg.wasm";
import { initSync } from "./esm/dingtalk_calendar.js";

initSync({ module: wasm });

import * as glue from "./esm/dingtalk_calendar.js";
import { CalendarClient, DingTalkError, rejectInsteadOfThrowing } from "./esm/dingtalk_calendar.js";
import { createAppAccessToken } from "./app-access-token.js";

// A call never throws, also detached from its client or after free().
rejectInsteadOfThrowing(CalendarClient);

// Server-side: see app-access-token.js. Left out of a bundle that does not use it.
export function appAccessToken(options) {
  return createAppAccessToken(options, glue);
}
export { CalendarClient, DingTalkError };
