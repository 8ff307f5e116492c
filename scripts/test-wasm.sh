#!/usr/bin/env bash
# The wasm suites against the mock in DINGTALK_MOCK_URL (see scripts/with-mock.sh): the JS
# facade's (js/) shared cases in Node, then in each browser engine on a page of another origin;
# then the same for examples/rust-client, a program that depends on the crate as Rust users do;
# then the library's `worker` feature.
# Engines: Chromium, Firefox ESR, and WebKit through WebKitGTK's WebKitWebDriver, which
# wasm-bindgen-test-runner drives as its safaridriver (its MiniBrowser needs an X display, so
# that run is under xvfb-run). Their binaries and flags are in webdriver.json.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DINGTALK_MOCK_URL:?run through scripts/with-mock.sh}"
chromedriver=$(command -v chromedriver)
geckodriver=$(command -v geckodriver)
webkitdriver=$(command -v WebKitWebDriver)

# wasm-pack test's browser runs, in each engine; the arguments say what to test.
in_every_engine() {
  echo "==> wasm-pack test --headless --chrome $*"
  wasm-pack --log-level warn test --headless --chrome --chromedriver "$chromedriver" --mode no-install "$@"
  echo "==> wasm-pack test --headless --firefox $*"
  wasm-pack --log-level warn test --headless --firefox --geckodriver "$geckodriver" --mode no-install "$@"
  echo "==> wasm-pack test --headless --safari (WebKitGTK's WebKitWebDriver) $*"
  xvfb-run --auto-servernum wasm-pack --log-level warn test --headless --safari --safaridriver "$webkitdriver" --mode no-install "$@"
}

echo "==> wasm-pack test --node js (mock at $DINGTALK_MOCK_URL)"
wasm-pack --log-level warn test --node --mode no-install js --test node
in_every_engine js --test browser

echo "==> wasm-pack test --node examples/rust-client"
wasm-pack --log-level warn test --node --mode no-install examples/rust-client
in_every_engine examples/rust-client

# The library's own: `?` into workers-rs's worker::Error, with the `worker` feature (no mock).
echo "==> wasm-pack test --node . --features worker --test worker_error"
wasm-pack --log-level warn test --node --mode no-install . --features worker --test worker_error
