//! The npm package's JS surface over `dingtalk-calendar`: `CalendarClient`, `DingTalkError` and
//! the rules `appAccessToken` takes from the wasm, as `#[wasm_bindgen]` exports, with lol_alloc
//! as the allocator. The input of `scripts/build-pkg.sh`; not published, and nothing a Rust
//! program depends on (it takes `dingtalk-calendar`, which has none of this).
//!
//! Arrows point one way: `facade` (the exported class) → `interop` (every JS conversion) →
//! `dingtalk-calendar`'s `Client`; `shared_rules` → `interop`.
#![deny(missing_docs)]
#![cfg(target_arch = "wasm32")]
// The package's build (scripts/build-pkg.sh, `--no-default-features`): no std, so that std's
// panic machinery (message formatting, the hook, location data) stays out of the wasm.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

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

/// A panic traps (`unreachable`), as std's did with the release profile's `panic = "abort"`,
/// only without first formatting a message that nothing on wasm32-unknown-unknown prints: 1,270
/// bytes of gzipped wasm (make size; nightly's `-Cpanic=immediate-abort`, which also drops what
/// each panic site passes, measured 4.7 KB). The wasm never panics on outside data, so one
/// would be this crate's bug.
#[cfg(not(feature = "std"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
