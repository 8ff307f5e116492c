// A browser page without a bundler (map "dingtalk-calendar" to this file in an import map): the
// .wasm is fetched from next to this module, compiled while it downloads. It leaves out
// appAccessToken, which holds an app secret: a page never should.
import init from "./esm/dingtalk_calendar.js";

await init({ module_or_path: new URL("./esm/dingtalk_calendar_bg.wasm", import.meta.url) });

import { CalendarClient, DingTalkError, rejectInsteadOfThrowing } from "./esm/dingtalk_calendar.js";

// A call never throws, also detached from its client or after free().
rejectInsteadOfThrowing(CalendarClient);

export { CalendarClient, DingTalkError };
