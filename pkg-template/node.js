// Node (ESM), Deno and Bun: the .wasm is read from next to this file and instantiated
// synchronously, so importing the package is all it takes.
import { readFileSync } from "node:fs";
import { initSync } from "./esm/dingtalk_calendar.js";

initSync({ module: readFileSync(new URL("./esm/dingtalk_calendar_bg.wasm", import.meta.url)) });

export { CalendarClient, DingTalkError } from "./esm/dingtalk_calendar.js";
