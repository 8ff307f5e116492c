// Removes wasm-bindgen's default wasm URL from its ES module glue (`node
// scripts/drop-default-wasm-url.mjs GLUE`). Every package entry tells the glue where its wasm is;
// the fallback `new URL("…_bg.wasm", import.meta.url)` would make Vite emit the .wasm as an
// unused file beside the base64 copy that browser.js carries. Fails if the glue has no such
// fallback, so a wasm-bindgen that changes its output stops the build instead of passing.
import { readFileSync, writeFileSync } from "node:fs";

const [file] = process.argv.slice(2);
const fallback = /\n *if \(module_or_path === undefined\) \{\n *module_or_path = new URL\([^)]*, import\.meta\.url\);\n *\}/;
const glue = readFileSync(file, "utf8");
if (!fallback.test(glue)) {
  console.error("drop-default-wasm-url.mjs: the glue has no default wasm URL to remove");
  process.exit(1);
}
writeFileSync(file, glue.replace(fallback, ""));
