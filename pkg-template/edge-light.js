// Next.js's Edge runtime (its "edge-light" condition): code may not be compiled from bytes at run
// time there, so the .wasm is imported as a module, with Next's `?module` suffix. Next hands
// over a WebAssembly.Module of another realm than the glue's, whose `instanceof` check would
// then try to compile it again (and fail); it is given this realm's prototype.
import wasm from "./esm/dingtalk_calendar_bg.wasm?module";
import { initSync, CalendarClient, DingTalkError, rejectInsteadOfThrowing } from "./esm/dingtalk_calendar.js";

if (!(wasm instanceof WebAssembly.Module)) Object.setPrototypeOf(wasm, WebAssembly.Module.prototype);
initSync({ module: wasm });

// A call never throws, also detached from its client or after free().
rejectInsteadOfThrowing(CalendarClient);

export { CalendarClient, DingTalkError };
export { appAccessToken } from "./app-access-token-esm.js";
