// One cold start, in a fresh `node --expose-gc` process: import → a client ready to call, then
// the JS heap, the array buffers and the wasm memory after a full GC, as JSON.
import { createRequire } from "node:module";

const which = process.argv[2];
// Every wasm memory the module instantiates, to report its size (Node's memoryUsage() does not
// count wasm memory among the array buffers).
const memories = [];
const Instance = WebAssembly.Instance;
WebAssembly.Instance = function (module, imports) {
  const instance = new Instance(module, imports);
  for (const value of Object.values(instance.exports)) if (value instanceof WebAssembly.Memory) memories.push(value);
  return instance;
};
const started = performance.now();
let client;
if (which === "empty") {
  client = await import("./empty.mjs");
} else if (which === "dingtalk-calendar") {
  const { CalendarClient } = await import("../../pkg/node.js");
  client = new CalendarClient({ accessToken: "demo-access-token" });
} else if (which === "wasm-bindgen floor (bench/floor)") {
  // The least a wasm-bindgen package loads: its CommonJS glue, compiling its .wasm synchronously,
  // imported from ES modules as ours is; nothing to construct, ready once loaded. (The name is
  // floor.js's FLOOR, written out: importing that module here would load the hand-written client
  // before its own cold start is timed.)
  client = await import("../../target/bench-floor/nodejs/wasm_bindgen_floor.js");
} else if (which === "hand-written fetch") {
  const { handWrittenClient } = await import("./hand-written.js");
  client = handWrittenClient({ baseUrl: "https://api.dingtalk.com", accessToken: "demo-access-token" });
} else if (which === "@alicloud/dingtalk (official SDK)") {
  const { officialSdkClient } = await import("./official-sdk.mjs");
  client = officialSdkClient("https://api.dingtalk.com");
} else {
  throw new Error(`unknown contestant ${which}`);
}
const ms = performance.now() - started;
globalThis.gc();
const { heapUsed, arrayBuffers } = process.memoryUsage();
// The CommonJS files it loaded (ours: index.cjs and the wasm-bindgen glue; the SDK: all of it).
const files = Object.keys(createRequire(import.meta.url).cache);
const wasmMemory = memories.reduce((sum, memory) => sum + memory.buffer.byteLength, 0);
process.stdout.write(JSON.stringify({ ms, heapUsed, arrayBuffers, wasmMemory, ready: client !== undefined, files }));
