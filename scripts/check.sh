#!/usr/bin/env bash
# `make check`: the quick loop while changing code. What it runs needs no browser and no npm
# tool: fmt, clippy (native with every feature, and wasm32), the native tests (the core, the
# native client against an in-process mock, the mock's own), and the JS facade's wasm suite in
# Node against a mock on a free port. `make test` runs all of this and everything else.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "setup (the wasm32 target, wasm-pack, wasm-bindgen-cli; skipped when there)"
scripts/setup.sh --rust-only

step "cargo fmt --check, clippy -D warnings (native, all features; wasm32)"
cargo fmt --all --check
cargo clippy --workspace --all-targets --all-features -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p dingtalk-calendar -p dingtalk-calendar-js -p rust-client-example --all-targets -- -D warnings

step "native tests (cargo test --workspace --all-features)"
cargo test --quiet --workspace --all-features

step "the JS facade's wasm suite in Node, against the mock"
scripts/with-mock.sh wasm-pack --log-level warn test --node --mode no-install js --test node
