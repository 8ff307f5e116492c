#!/usr/bin/env bash
# `make pkg`: builds the release wasm of js/ (the JS facade crate; opt-level "z", LTO, one
# codegen unit, then wasm-opt -Oz) and assembles pkg/, one npm package for every runtime, from pkg-template/ and wasm-bindgen's
# web (ES module) and nodejs (CommonJS) outputs. `cd pkg && npm pack` makes the tarball.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build="$root/target/pkg-build"
out="$root/pkg"
wasm_opt="$root/tools/node_modules/.bin/wasm-opt"
name=dingtalk_calendar

# The wasm's shadow stack: 128 KiB instead of Rust's default 1 MiB, which was most of the
# 1,152 KiB of wasm memory a client started with (256 KiB now; make bench). Its depth is set by
# the code, not by outside data (no recursion follows the input's nesting); the release smoke,
# appAccessToken and runtime tests all pass with 16 KiB, so this is 8 times that. An overflow
# would trap, not corrupt (the stack sits below the data). For this package only: a crate that
# depends on ours keeps its own linker settings.
export RUSTFLAGS="${RUSTFLAGS:-} -C link-arg=-zstack-size=131072"

rm -rf "$build" "$out"
# The web (ES module) output is the package's one glue and wasm; the nodejs output gives only
# the declarations (they have no init functions). Without js/'s default `std` feature: the wasm
# is `no_std`, its panics trap without std's formatting (js/src/lib.rs).
for target in web nodejs; do
  wasm-pack --log-level warn build js --release --target "$target" --mode no-install --no-pack \
    --out-dir "$build/$target" --out-name "$name" -- --no-default-features
done
# binaryen from npm: Debian's binaryen 108 writes wasm that fails to load.
"$wasm_opt" -Oz --converge --strip-producers --strip-target-features \
  "$build/web/${name}_bg.wasm" -o "$build/web/${name}_bg.wasm"
node scripts/short-import-names.mjs "$build/web/$name.js" "$build/web/${name}_bg.wasm"

mkdir -p "$out/esm" "$out/cjs"
cp "$build/web/$name.js" "$build/web/${name}_bg.wasm" "$out/esm/"
cp -r "$build/web/snippets" "$out/esm/"
# Every entry tells the glue where its wasm is: its own fallback URL goes.
node scripts/drop-default-wasm-url.mjs "$out/esm/$name.js"
# The CommonJS glue (index.cjs's, and through it node.js's): the same ES module glue and its
# snippets as one CommonJS file, by esbuild, so that `require` and `import` in Node share one
# wasm, and index.cjs, not the glue, says where the .wasm is (wasm-bindgen's nodejs glue reads it
# through `__dirname`, which a bundler moves: Next's server found no .wasm there).
"$root/tools/node_modules/.bin/esbuild" "$out/esm/$name.js" --bundle --format=cjs --platform=neutral \
  --log-level=warning --outfile="$out/cjs/$name.js"
echo '{ "type": "commonjs" }' > "$out/cjs/package.json"

# The wasm as base64 modules, for where no file can be found or emitted.
node scripts/wasm-as-base64-modules.mjs "$out/esm/${name}_bg.wasm" \
  "$out/esm/${name}_bg.wasm.base64.js" "$out/cjs/${name}_bg.wasm.base64.js"

# Types: the nodejs output's declarations, which have no init functions (no entry exports any).
if grep -q 'initSync\|InitInput' "$build/nodejs/$name.d.ts"; then
  echo "build-pkg.sh: the declarations mention init functions the entries do not export" >&2
  exit 1
fi
# `[Symbol.dispose]` (wasm-bindgen sets it to free()) is declared for projects without
# TypeScript's esnext.disposable lib too: see pkg-template/disposable.d.ts.
cat "$build/nodejs/$name.d.ts" pkg-template/disposable.d.ts > "$out/index.d.ts"
# The same declarations as ES module types (index.d.ts, "type": "module"), as CommonJS types
# (index.d.cts), and beside web.js for TypeScript's node10 resolution, which ignores "exports".
# appAccessToken (server-side) is in every entry but web.js, the no-bundler page's (the browser
# builds' refuses: see pkg-template/app-access-token-browser.js).
cp "$out/index.d.ts" "$out/web.d.ts"
cat pkg-template/app-access-token.d.ts >> "$out/index.d.ts"
cp "$out/index.d.ts" "$out/index.d.cts"

# The package's own modules, copied as they are (and then minified with the glue, below).
modules=(node.js browser.js bundler.js web.js workerd.js edge-light.js default.js app-access-token-esm.js
  app-access-token-browser.js browser-wasm-source.js decode-base64.js app-access-token.js)
for module in "${modules[@]}"; do cp "pkg-template/$module" "$out/"; done
cp pkg-template/index.cjs README.md "$out/"
# The same helper for `require`, converted by esbuild rather than kept twice by hand.
"$root/tools/node_modules/.bin/esbuild" pkg-template/app-access-token.js --format=cjs \
  --log-level=warning --outfile="$out/app-access-token.cjs"

# The ES modules are what browsers download: minified (whitespace, local names), as every byte
# counts in `make size`. The CommonJS build, for Node only, stays as generated.
find "$out/esm" "${modules[@]/#/$out/}" -name '*.js' ! -name '*.base64.js' -print0 |
  xargs -0 -I{} "$root/tools/node_modules/.bin/esbuild" {} --minify --format=esm \
    --log-level=warning --outfile={} --allow-overwrite
cp LICENSE "$out/"
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
node scripts/stamp-package-version.mjs pkg-template/package.json "$out/package.json" "$version"

raw=$(stat -c %s "$out/esm/${name}_bg.wasm")
gz=$(gzip -9c "$out/esm/${name}_bg.wasm" | wc -c)
echo "==> pkg/ ready: dingtalk-calendar@$version, wasm $raw bytes ($gz gzip)"
