//! The example's cases in headless Chromium (`wasm-pack test --headless --chrome`), on a page
//! of another origin than the mock.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod cases;
