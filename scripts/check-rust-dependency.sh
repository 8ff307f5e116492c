#!/usr/bin/env bash
# What a Rust program that depends on dingtalk-calendar with default features gets, checked on
# examples/rust-client: the crate's own stack doing its jobs (gloo-net no longer: see the README's
# "Which crate does what"), and nothing forced on it (no JS exports, no global allocator, no `=`
# version pins, no cdylib).
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "check-rust-dependency: $*" >&2; exit 1; }

tree=$(cargo tree -e normal --target wasm32-unknown-unknown -p dingtalk-calendar --prefix depth)
for crate in serde web-sys js-sys wasm-bindgen-futures; do
  grep -q "^1$crate v" <<<"$tree" || fail "$crate is not a direct dependency of the crate on wasm"
done
grep -q "^1serde_json v" <<<"$tree" && fail "serde_json is in the wasm build"
facade=$(cargo tree -e normal --target wasm32-unknown-unknown -p dingtalk-calendar-js --prefix depth)
grep -q "serde_json v" <<<"$facade" && fail "serde_json is in the npm package's wasm"
echo "ok: serde, web-sys, js-sys, wasm-bindgen-futures on wasm; no serde_json in the npm package's wasm"

features=$(cargo tree -e features --target wasm32-unknown-unknown -p rust-client-example)
grep -q 'dingtalk-calendar-js' <<<"$features" && fail "the example gets the JS facade crate"
grep -q 'lol_alloc' <<<"$features" && fail "the example gets lol_alloc"
echo "ok: a dependant gets neither the JS facade (js/) nor lol_alloc"

# The library builds an rlib only: a cdylib of ours would be an extra wasm in every dependant's
# build.
kinds=$(cargo metadata --format-version 1 --no-deps | node -e '
  const { packages } = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const lib = packages.find((p) => p.name === "dingtalk-calendar").targets.find((t) => t.kind.includes("lib") || t.kind.includes("rlib") || t.kind.includes("cdylib"));
  console.log(lib.crate_types.join(","));
')
[[ $kinds == lib || $kinds == rlib ]] || fail "the library's crate types are $kinds"
echo "ok: the library is an rlib ($kinds), no cdylib"

grep -nE '^[a-z_-]+ = \{?[^#]*"=' Cargo.toml && fail "Cargo.toml pins a version with ="
echo "ok: no = version pins in Cargo.toml"

cargo build --quiet --target wasm32-unknown-unknown -p rust-client-example --lib
node -e '
  const wasm = require("node:fs").readFileSync(process.argv[1]);
  const names = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
  const ours = names.filter((n) => /calendarclient|dingtalkerror/i.test(n));
  if (ours.length) { console.error("the example exports", ours); process.exit(1); }
  if (wasm.includes("lol_alloc")) { console.error("the example links lol_alloc"); process.exit(1); }
  console.log(`ok: the example exports none of the npm facade (${names.length} exports checked)`);
' target/wasm32-unknown-unknown/debug/rust_client_example.wasm
