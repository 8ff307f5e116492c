// The wasm as base64 text, for where no file can be found or emitted (`node
// scripts/wasm-as-base64-modules.mjs WASM ESM_OUT CJS_OUT`): an ES module (browser.js imports it)
// and a CommonJS one (index.cjs, inside a server bundle).
import { readFileSync, writeFileSync } from "node:fs";

const [wasm, esm, cjs] = process.argv.slice(2);
const text = JSON.stringify(readFileSync(wasm).toString("base64"));
writeFileSync(esm, `export default ${text};\n`);
writeFileSync(cjs, `module.exports = ${text};\n`);
