// webpack 5 (its "webpack" export condition), which turns `new URL("…", import.meta.url)` into an
// emitted file with no configuration: the .wasm ships once as its own file, fetched and compiled
// while it downloads, instead of as base64 inside the JS (a third bigger, and decoded before it
// compiles). Every other bundler takes browser.js, which does the same in Vite's production build.
import init from "./esm/dingtalk_calendar.js";

await init({ module_or_path: new URL("./esm/dingtalk_calendar_bg.wasm", import.meta.url) });

import { CalendarClient, DingTalkError, rejectInsteadOfThrowing } from "./esm/dingtalk_calendar.js";

// A call never throws, also detached from its client or after free().
rejectInsteadOfThrowing(CalendarClient);

export { CalendarClient, DingTalkError };
export { appAccessToken } from "./app-access-token-browser.js";
