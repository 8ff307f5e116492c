//! The network cases in a browser page (`wasm-pack test --headless --chrome`, `--firefox`, and
//! `--safari` with WebKitGTK's WebKitWebDriver; see scripts/test-wasm.sh), on a page of another
//! origin than the mock, so DingTalk's CORS policy is really exercised in each engine.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod wasm_cases;
