//! [`Alarm`]: rings after a number of milliseconds, or at once when the caller's `AbortSignal`
//! fires; whatever it guards (a fetch, a body, a token function, a backoff wait) ends then.

use alloc::rc::Rc;
use core::cell::Cell;
use core::convert::Infallible;
use core::future::{pending, poll_fn, Future};
use core::pin::pin;
use core::task::{Poll, Waker};

use js_sys::Function;
use wasm_bindgen::prelude::{wasm_bindgen, Closure};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use crate::wasm::outside::get;

#[wasm_bindgen]
extern "C" {
    // The global timer functions: web-sys binds them only on `Window` and `WorkerGlobalScope`,
    // and Node, Deno and workerd have neither.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// Whether `signal` has fired. Read through [`outside`](crate::wasm::outside): a caller's signal
/// may be a look-alike from another realm or a polyfill, whose getter may throw (then: not
/// aborted, and its timer still bounds the wait).
pub(crate) fn is_aborted(signal: &AbortSignal) -> bool {
    get(signal, "aborted").ok().and_then(|a| a.as_bool()) == Some(true)
}

/// Why an [`Alarm`] rang.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ring {
    /// Its time ran out.
    Timer,
    /// The caller's signal aborted.
    Abort,
}

/// Whether the alarm rang, and the task to wake when it does.
#[derive(Default)]
struct Bell {
    rang: Cell<bool>,
    waiting: Cell<Option<Waker>>,
}

/// A timer and the caller's signal, both calling one closure that wakes whatever waits. Dropping
/// it clears the timer and removes the listener, so nothing of a finished call stays behind.
///
/// One closure for JS to call, rather than a promise settled by the timer and awaited as a
/// `JsFuture`, which costs a promise executor, a pair of closures and a settling at drop per
/// attempt (the difference shows in `make bench`'s stubbed GET).
pub(crate) struct Alarm<'a> {
    bell: Rc<Bell>,
    ring: Closure<dyn FnMut()>,
    timer: JsValue,
    signal: Option<&'a AbortSignal>,
}

impl<'a> Alarm<'a> {
    /// Sets an alarm for `ms` milliseconds, or the signal, whichever comes first.
    pub(crate) fn set(ms: f64, signal: Option<&'a AbortSignal>) -> Self {
        let bell = Rc::new(Bell::default());
        let ring = {
            let bell = Rc::clone(&bell);
            Closure::<dyn FnMut()>::new(move || {
                bell.rang.set(true);
                if let Some(waker) = bell.waiting.take() {
                    waker.wake();
                }
            })
        };
        let handler = ring.as_ref().unchecked_ref::<Function>();
        let timer = set_timeout(handler, ms);
        if let Some(signal) = signal {
            let _ = signal.add_event_listener_with_callback("abort", handler);
        }
        Alarm {
            bell,
            ring,
            timer,
            signal,
        }
    }

    fn aborted(&self) -> bool {
        self.signal.is_some_and(is_aborted)
    }

    /// Runs `work` to its end, unless the alarm rings first (or the signal has already fired).
    pub(crate) async fn guard<T>(&mut self, work: impl Future<Output = T>) -> Result<T, Ring> {
        if self.aborted() {
            return Err(Ring::Abort);
        }
        let mut work = pin!(work);
        poll_fn(|cx| {
            if self.bell.rang.get() {
                return Poll::Ready(Err(self.why()));
            }
            let polled = work.as_mut().poll(cx).map(Ok);
            if polled.is_pending() {
                // JS runs the bell only between polls, never during one.
                self.bell.waiting.set(Some(cx.waker().clone()));
            }
            polled
        })
        .await
    }

    /// Waits until the alarm rings.
    pub(crate) async fn rings(&mut self) -> Ring {
        match self.guard(pending::<Infallible>()).await {
            Ok(never) => match never {},
            Err(ring) => ring,
        }
    }

    /// Why the alarm rang. Both may have happened: the caller's abort is what they asked for.
    fn why(&self) -> Ring {
        if self.aborted() {
            Ring::Abort
        } else {
            Ring::Timer
        }
    }
}

impl Drop for Alarm<'_> {
    fn drop(&mut self) {
        // Nothing calls the closure once this is done, so dropping it (next) frees it.
        clear_timeout(&self.timer);
        if let Some(signal) = self.signal {
            let _ = signal
                .remove_event_listener_with_callback("abort", self.ring.as_ref().unchecked_ref());
        }
    }
}
