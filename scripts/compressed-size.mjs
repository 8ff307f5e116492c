// Raw, gzip (level 9) and brotli (quality 11) bytes of a set of files: `make size` and `make bench`.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export function compressedSize(paths) {
  let raw = 0, gzip = 0, brotli = 0;
  for (const path of paths) {
    const bytes = readFileSync(path);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { raw, gzip, brotli };
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** What the no-bundler page loads from a package folder: the .wasm, and web.js with its glue. */
export function noBundlerPage(pkgDir) {
  return {
    wasm: [join(pkgDir, "esm/dingtalk_calendar_bg.wasm")],
    js: [join(pkgDir, "web.js"), join(pkgDir, "esm/dingtalk_calendar.js"), ...filesUnder(join(pkgDir, "esm", "snippets"))],
  };
}
