// Renames wasm-bindgen's hashed import names (`__wbg_fetch_9b478faef8cda538`) and its long
// export names (`calendarclient_getSubscribedCalendar`, `wasm_bindgen__convert__closures_…`) to
// short ones (`$0`, `$1`, …), in the .wasm and in its JS glue alike. Sixteen random hex digits
// per import, written twice (once in each file), are what gzip cannot compress: the imports
// cost 2.6 KB gzip before this step, the exports 0.2 KB. Nothing else changes; the release
// smoke test and every runtime test load the result.
//
//   node scripts/short-import-names.mjs GLUE.js WASM [GLUE.js WASM ...]
import { readFileSync, writeFileSync } from "node:fs";

const HASHED = /^__wbg_[A-Za-z0-9_$]*_[0-9a-f]{16}$/;

function readLeb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

function leb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const encode = (text) => [...new TextEncoder().encode(text)];

// Skips an import's description (after its kind byte); returns the offset past it.
function skipDescription(bytes, kind, at) {
  const limits = (p) => {
    const flags = bytes[p++];
    let q = readLeb(bytes, p)[1];
    if (flags & 1) q = readLeb(bytes, q)[1];
    return q;
  };
  switch (kind) {
    case 0: return readLeb(bytes, at)[1]; // function: type index
    case 1: return limits(at + 1); // table: reftype, limits
    case 2: return limits(at); // memory: limits
    case 3: return at + 2; // global: valtype, mutability
    case 4: return readLeb(bytes, at + 1)[1]; // tag: attribute, type index
    default: throw new Error(`unknown import kind ${kind}`);
  }
}

// Exports the glue reaches as `wasm.NAME`; `memory` keeps its name.
const RENAMED_EXPORT = /^(calendarclient_|__wbg_|__wbindgen_|__externref_|wasm_bindgen__)/;

/** `name` as a whole name in `glue`, never inside another identifier. */
function wholeName(name) {
  return new RegExp(`(?<![\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
}

/**
 * The wasm with its hashed import names, and the long export names that `usedByGlue`, renamed by
 * `rename`.
 */
function renameImports(bytes, rename, usedByGlue) {
  const out = [...bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = readLeb(bytes, at + 1);
    const end = start + size;
    if (id === 7) {
      let [count, p] = readLeb(bytes, start);
      const body = leb(count);
      while (count--) {
        let length;
        [length, p] = readLeb(bytes, p);
        const name = utf8.decode(bytes.subarray(p, p + length));
        p += length;
        const kind = bytes[p];
        const next = readLeb(bytes, p + 1)[1];
        const renamed = encode(RENAMED_EXPORT.test(name) && usedByGlue(name) ? rename(name) : name);
        body.push(...leb(renamed.length), ...renamed, kind, ...bytes.subarray(p + 1, next));
        p = next;
      }
      out.push(7, ...leb(body.length), ...body);
      at = end;
      continue;
    }
    if (id !== 2) {
      out.push(...bytes.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = readLeb(bytes, start);
    const body = leb(count);
    while (count--) {
      let length;
      [length, p] = readLeb(bytes, p);
      const module = bytes.subarray(p, p + length);
      p += length;
      [length, p] = readLeb(bytes, p);
      const name = utf8.decode(bytes.subarray(p, p + length));
      p += length;
      const kind = bytes[p];
      const next = skipDescription(bytes, kind, p + 1);
      const renamed = encode(HASHED.test(name) ? rename(name) : name);
      body.push(...leb(module.length), ...module, ...leb(renamed.length), ...renamed);
      body.push(...bytes.subarray(p, next));
      p = next;
    }
    out.push(2, ...leb(body.length), ...body);
    at = end;
  }
  return Uint8Array.from(out);
}

const args = process.argv.slice(2);
if (args.length === 0 || args.length % 2 !== 0) {
  console.error("usage: node scripts/short-import-names.mjs GLUE.js WASM [GLUE.js WASM ...]");
  process.exit(2);
}
for (let i = 0; i < args.length; i += 2) {
  const [gluePath, wasmPath] = [args[i], args[i + 1]];
  const names = new Map();
  // Short names that cannot collide with anything the glue defines: a `$` prefix and a counter.
  const rename = (name) => {
    if (!names.has(name)) names.set(name, `$${names.size.toString(36)}`);
    return names.get(name);
  };
  let glue = readFileSync(gluePath, "utf8");
  const wasm = renameImports(readFileSync(wasmPath), rename, (name) => wholeName(name).test(glue));
  for (const [long, short] of names) {
    // As a whole name only: never inside another identifier.
    const whole = wholeName(long);
    const uses = glue.match(whole)?.length ?? 0;
    const hashed = HASHED.test(long);
    if (hashed ? uses !== 1 : uses === 0) {
      console.error(`short-import-names: ${long} appears ${uses} times in ${gluePath}`);
      process.exit(1);
    }
    glue = glue.replace(whole, short);
  }
  writeFileSync(wasmPath, wasm);
  writeFileSync(gluePath, glue);
  console.log(`short-import-names: ${names.size} names shortened in ${wasmPath}`);
}
