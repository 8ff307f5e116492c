// Where browser.js gets its .wasm: the emitted file in Vite's and Turbopack's production builds
// (both turn `import.meta.env.PROD` into `true`), base64 from a module of its own everywhere else.
// A module of its own, without top-level await: Turbopack drops the dead branch's import (the
// base64 module, 48 KB gzip) only in a module that is not async.
import wasmBase64 from "./esm/dingtalk_calendar_bg.wasm.base64.js";
import { decodeBase64 } from "./decode-base64.js";

export const wasmSource =
  import.meta.env?.PROD === true ? new URL("./esm/dingtalk_calendar_bg.wasm", import.meta.url) : decodeBase64(wasmBase64);
