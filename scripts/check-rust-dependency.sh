#!/usr/bin/env bash
# What a Rust program that depends on dingtalk-calendar with default features gets, checked on
# examples/rust-client: the crate's own stack doing its jobs (gloo-net no longer: see README-rust.md's
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

# A dependant with its own #[global_allocator] (as a program using wee_alloc or talc has) links:
# a second allocator from us would fail it ("the #[global_allocator] in this crate conflicts").
# Built outside the workspace, with the workspace's lock file so nothing new is resolved.
dependant=$(mktemp -d)
trap 'rm -rf "$dependant"' EXIT
mkdir -p "$dependant/src"
cat >"$dependant/Cargo.toml" <<TOML
[package]
name = "allocator-dependant"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
crate-type = ["cdylib"]

[dependencies]
dingtalk-calendar = { path = "$PWD" }
wasm-bindgen = "0.2"
TOML
cat >"$dependant/src/lib.rs" <<'RUST'
use std::alloc::{GlobalAlloc, Layout, System};

/// The program's own allocator: here std's, passed through.
struct Own;
unsafe impl GlobalAlloc for Own {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}
#[global_allocator]
static OWN: Own = Own;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn base_url() -> String {
    use dingtalk_calendar::{AccessToken, Client};
    match Client::builder(AccessToken::fixed("t")).build() {
        Ok(client) => client.base_url().to_owned(),
        Err(e) => e.to_string(),
    }
}
RUST
cp Cargo.lock "$dependant/Cargo.lock"
CARGO_TARGET_DIR="$PWD/target/allocator-dependant" cargo build --quiet --offline \
  --manifest-path "$dependant/Cargo.toml" --target wasm32-unknown-unknown \
  || fail "a dependant with its own #[global_allocator] does not build"
built=$(find "$PWD/target/allocator-dependant/wasm32-unknown-unknown/debug" -maxdepth 1 -name '*.wasm' -printf '%f\n' | sort | tr '\n' ' ')
[[ $built == "allocator_dependant.wasm " ]] || fail "the dependant's build made these wasm files: $built"
echo "ok: a dependant with its own #[global_allocator] links, and its build makes no wasm of ours"
