//! The network cases in headless Chromium (`wasm-pack test --headless --chrome`), on a page of
//! another origin than the mock, so DingTalk's CORS policy is really exercised.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod wasm_cases;
