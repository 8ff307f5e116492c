#!/usr/bin/env bash
# The wasm suites against the mock in DINGTALK_MOCK_URL (see scripts/with-mock.sh): the crate's
# shared cases in Node, then in headless Chromium on a page of another origin; then the same
# for examples/rust-client, a program that depends on the crate as Rust users do.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DINGTALK_MOCK_URL:?run through scripts/with-mock.sh}"
chromedriver=$(command -v chromedriver)

echo "==> wasm-pack test --node (mock at $DINGTALK_MOCK_URL)"
wasm-pack --log-level warn test --node --mode no-install -- --test node

echo "==> wasm-pack test --headless --chrome"
wasm-pack --log-level warn test --headless --chrome --chromedriver "$chromedriver" --mode no-install -- --test browser

echo "==> wasm-pack test --node examples/rust-client"
wasm-pack --log-level warn test --node --mode no-install examples/rust-client

echo "==> wasm-pack test --headless --chrome examples/rust-client"
wasm-pack --log-level warn test --headless --chrome --chromedriver "$chromedriver" --mode no-install examples/rust-client
