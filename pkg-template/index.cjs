// Node's `require`: wasm-bindgen's CommonJS build, which loads its .wasm synchronously.
"use strict";
const { CalendarClient, DingTalkError } = require("./cjs/dingtalk_calendar.js");
module.exports = { CalendarClient, DingTalkError };
