#!/usr/bin/env bash
# examples/workers-rs: built the way workers-rs users build (worker-build --release), with the
# installed wasm-bindgen and npm's binaryen instead of worker-build's downloads, then run in
# workerd (Miniflare) against the mock. Run through with-mock.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command -v worker-build >/dev/null || { echo "test-workers-rs-example.sh: worker-build is missing; run scripts/setup.sh" >&2; exit 1; }
export WASM_BINDGEN_BIN WASM_OPT_BIN
WASM_BINDGEN_BIN=$(command -v wasm-bindgen)
WASM_OPT_BIN="$root/tools/node_modules/.bin/wasm-opt"
cd examples/workers-rs
rm -rf build
worker-build --release
node --test test/worker.test.mjs
