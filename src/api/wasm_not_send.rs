//! [`WasmNotSend`]: `Send` where a value can move between threads, nothing on wasm.

/// `Send` on native targets, where a runtime (tokio's) may move a call between threads;
/// implemented by every type on wasm, where a token function's future awaits JS promises,
/// which belong to the one thread a wasm program has. (wgpu names its own the same way.)
#[cfg(target_arch = "wasm32")]
pub trait WasmNotSend {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> WasmNotSend for T {}

/// `Send` on native targets, where a runtime (tokio's) may move a call between threads;
/// implemented by every type on wasm, where a token function's future awaits JS promises,
/// which belong to the one thread a wasm program has. (wgpu names its own the same way.)
#[cfg(not(target_arch = "wasm32"))]
pub trait WasmNotSend: Send {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: ?Sized + Send> WasmNotSend for T {}
