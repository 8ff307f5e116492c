// Node's `require`: wasm-bindgen's CommonJS build, which loads its .wasm synchronously.
"use strict";
const glue = require("./cjs/dingtalk_calendar.js");
const { CalendarClient, DingTalkError, rejectInsteadOfThrowing } = glue;

// A call never throws, also detached from its client or after free().
rejectInsteadOfThrowing(CalendarClient);
// Server-side: see app-access-token.js. Loaded at its first use, not with the package: half a
// millisecond of every cold start that never calls it.
function appAccessToken(options) {
  return require("./app-access-token.cjs").createAppAccessToken(options, glue);
}
module.exports = { CalendarClient, DingTalkError, appAccessToken };
