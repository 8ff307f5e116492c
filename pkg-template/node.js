// Node (ES modules), Deno and Bun: the same CommonJS build that `require` loads, so a program
// that both imports and requires the package gets one module: one DingTalkError class, one wasm
// instance. It reads its .wasm from beside itself, synchronously: importing is all it takes.
import cjs from "./index.cjs";

export const { CalendarClient, DingTalkError, appAccessToken } = cjs;
