// Node's `require`: wasm-bindgen's CommonJS build, which loads its .wasm synchronously.
"use strict";
const { CalendarClient, DingTalkError, rejectInsteadOfThrowing } = require("./cjs/dingtalk_calendar.js");

// A call never throws, also detached from its client or after free().
rejectInsteadOfThrowing(CalendarClient);
module.exports = { CalendarClient, DingTalkError };
