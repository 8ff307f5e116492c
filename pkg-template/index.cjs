// Node's `require`: wasm-bindgen's CommonJS build, which loads its .wasm synchronously.
"use strict";
const { CalendarClient, DingTalkError, rejectInsteadOfThrowing } = require("./cjs/dingtalk_calendar.js");
const { createAppAccessToken } = require("./app-access-token.cjs");

// A call never throws, also detached from its client or after free().
rejectInsteadOfThrowing(CalendarClient);
// Server-side: see app-access-token.js.
function appAccessToken(options) {
  return createAppAccessToken(options, DingTalkError);
}
module.exports = { CalendarClient, DingTalkError, appAccessToken };
