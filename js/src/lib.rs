//! The npm package's JS surface over `dingtalk-calendar`: `CalendarClient`, `DingTalkError` and
//! the rules `appAccessToken` takes from the wasm, as `#[wasm_bindgen]` exports, with lol_alloc
//! as the allocator. The input of `scripts/build-pkg.sh`; not published, and nothing a Rust
//! program depends on (it takes `dingtalk-calendar`, which has none of this).
//!
//! Arrows point one way: `facade` (the exported class) → `interop` (every JS conversion) →
//! `dingtalk-calendar`'s `Client`; `shared_rules` → `interop`.
#![deny(missing_docs)]
#![cfg(target_arch = "wasm32")]

mod facade;
mod interop;
mod shared_rules;

pub use facade::CalendarClient;

// SAFETY: wasm32 without the `atomics` feature has one thread, which is all
// `AssumeSingleThreaded` asks for.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
