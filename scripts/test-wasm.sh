#!/usr/bin/env bash
# The wasm suites against the mock in DINGTALK_MOCK_URL (see scripts/with-mock.sh): the shared
# cases in Node, then in headless Chromium on a page of another origin.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DINGTALK_MOCK_URL:?run through scripts/with-mock.sh}"

echo "==> wasm-pack test --node (mock at $DINGTALK_MOCK_URL)"
wasm-pack --log-level warn test --node --mode no-install -- --test node

echo "==> wasm-pack test --headless --chrome"
wasm-pack --log-level warn test --headless --chrome --chromedriver "$(command -v chromedriver)" --mode no-install -- --test browser
