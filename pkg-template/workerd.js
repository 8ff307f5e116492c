// Cloudflare Workers (workerd): code cannot be fetched or compiled at run time there, so the
// .wasm is imported as a module, which Wrangler (and Miniflare's CompiledWasm rule) provide.
import wasm from "./esm/dingtalk_calendar_bg.wasm";
import { initSync } from "./esm/dingtalk_calendar.js";

initSync({ module: wasm });

export { CalendarClient, DingTalkError } from "./esm/dingtalk_calendar.js";
