//! [`instance_local!`]: one value per wasm instance, for the JS values the crate keeps between
//! calls (a key's JS string, the promise slots). With `std` it is `thread_local!` (a wasm built
//! with `atomics` may run the crate on several threads, and a `JsValue` belongs to one); without
//! it (the npm package's `no_std` build, which has one thread) it is a static [`InstanceLocal`].

#[cfg(not(feature = "std"))]
use core::cell::{LazyCell, RefCell};

/// `static NAME: T = init;`, made at its first use, read through `with`, `with_borrow` and
/// `with_borrow_mut` like a `thread_local!`'s `LocalKey`.
#[cfg(feature = "std")]
macro_rules! instance_local {
    ($(#[$meta:meta])* static $name:ident: $type:ty = $init:expr;) => {
        std::thread_local! { $(#[$meta])* static $name: $type = $init; }
    };
}

#[cfg(not(feature = "std"))]
macro_rules! instance_local {
    ($(#[$meta:meta])* static $name:ident: $type:ty = $init:expr;) => {
        $(#[$meta])*
        static $name: $crate::wasm::instance_local::InstanceLocal<$type> =
            $crate::wasm::instance_local::InstanceLocal::new(|| $init);
    };
}

pub(crate) use instance_local;

#[cfg(all(not(feature = "std"), target_feature = "atomics"))]
compile_error!("dingtalk-calendar without `std` is for a single-threaded wasm (no `atomics`)");

/// A value made at its first use, for the one thread of a wasm without `atomics`.
#[cfg(not(feature = "std"))]
pub(crate) struct InstanceLocal<T>(LazyCell<T>);

// SAFETY: without the `atomics` target feature (refused above) the wasm has one thread, so the
// value is never reached from two.
#[cfg(not(feature = "std"))]
unsafe impl<T> Sync for InstanceLocal<T> {}

#[cfg(not(feature = "std"))]
impl<T> InstanceLocal<T> {
    pub(crate) const fn new(init: fn() -> T) -> Self {
        InstanceLocal(LazyCell::new(init))
    }

    pub(crate) fn with<R>(&'static self, read: impl FnOnce(&T) -> R) -> R {
        read(&self.0)
    }
}

#[cfg(not(feature = "std"))]
impl<T> InstanceLocal<RefCell<T>> {
    pub(crate) fn with_borrow<R>(&'static self, read: impl FnOnce(&T) -> R) -> R {
        read(&self.0.borrow())
    }

    pub(crate) fn with_borrow_mut<R>(&'static self, write: impl FnOnce(&mut T) -> R) -> R {
        write(&mut self.0.borrow_mut())
    }
}
