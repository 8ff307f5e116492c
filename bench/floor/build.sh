#!/usr/bin/env bash
# Builds make bench's floor crate (src/lib.rs) as scripts/build-pkg.sh builds the package: the
# release profile, the same wasm stack, wasm-opt -Oz; for Node (CommonJS) and for the browser
# page (ES module), into target/bench-floor/.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=target/bench-floor
# The same flags as build-pkg.sh, so cargo reuses its build of the shared crates.
export RUSTFLAGS="${RUSTFLAGS:-} -C link-arg=-zstack-size=131072"
cargo build --quiet --release --target wasm32-unknown-unknown -p wasm-bindgen-floor
rm -rf "$out"
for target in nodejs web; do
  wasm-bindgen --target "$target" --out-dir "$out/$target" \
    target/wasm32-unknown-unknown/release/wasm_bindgen_floor.wasm
  tools/node_modules/.bin/wasm-opt -Oz --converge --strip-producers --strip-target-features \
    "$out/$target/wasm_bindgen_floor_bg.wasm" -o "$out/$target/wasm_bindgen_floor_bg.wasm"
done
