// Cloudflare Workers (workerd): code cannot be fetched or compiled at run time there, so the
// .wasm is imported as a module, which Wrangler (and Miniflare's CompiledWasm rule) provide.
import wasm from "./esm/dingtalk_calendar_bg.wasm";
import { initSync } from "./esm/dingtalk_calendar.js";

initSync({ module: wasm });

import { CalendarClient, DingTalkError, rejectInsteadOfThrowing } from "./esm/dingtalk_calendar.js";

// A call never throws, also detached from its client or after free().
rejectInsteadOfThrowing(CalendarClient);

export { CalendarClient, DingTalkError };
export { appAccessToken } from "./app-access-token-esm.js";
