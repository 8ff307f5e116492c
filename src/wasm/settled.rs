//! [`Settled`]: a promise from outside (a fetch, a body read, a token function's answer), awaited
//! so that one that never settles leaves nothing behind once the wait is given up.
//!
//! Why not wasm-bindgen-futures' `JsFuture` here: it hands the promise two closures that own its
//! state, which owns them back; only the settling breaks that cycle, so every timed-out call
//! whose promise never settles kept its closures and wasm memory for good. Here the promise gets
//! two bound copies of one program-wide function carrying only a number (a slot, a serial and
//! which outcome): dropping the future frees its slot, and a late settling finds no slot and does nothing.
//! (`JsFuture` also calls `then` unguarded, so a promise whose `then` throws escaped uncaught.)

use alloc::vec::Vec;
use core::cell::RefCell;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};

use js_sys::Function;
use wasm_bindgen::prelude::{wasm_bindgen, Closure};
use wasm_bindgen::{JsCast, JsValue};

use crate::wasm::instance_local::instance_local;
use crate::wasm::outside::call_method;

#[wasm_bindgen]
extern "C" {
    // Throws where the value's `constructor` getter does.
    #[wasm_bindgen(catch, js_namespace = Promise, js_name = resolve)]
    fn promise_resolve(value: &JsValue) -> Result<JsValue, JsValue>;
}

struct Slot {
    serial: u32,
    waker: Option<Waker>,
    outcome: Option<Result<JsValue, JsValue>>,
}

#[derive(Default)]
struct Slots {
    slots: Vec<Option<Slot>>,
    free: Vec<u32>,
    serial: u32,
}

impl Slots {
    fn open(&mut self) -> (u32, u32) {
        self.serial = self.serial.wrapping_add(1);
        let slot = Slot {
            serial: self.serial,
            waker: None,
            outcome: None,
        };
        let index = match self.free.pop() {
            Some(index) => {
                if let Some(place) = self.slots.get_mut(index as usize) {
                    *place = Some(slot);
                }
                index
            }
            None => {
                self.slots.push(Some(slot));
                (self.slots.len() - 1) as u32
            }
        };
        (index, self.serial)
    }

    fn entry(&mut self, index: u32, serial: u32) -> Option<&mut Slot> {
        self.slots
            .get_mut(index as usize)
            .and_then(Option::as_mut)
            .filter(|slot| slot.serial == serial)
    }

    fn close(&mut self, index: u32) {
        if let Some(place @ Some(_)) = self.slots.get_mut(index as usize) {
            *place = None;
            self.free.push(index);
        }
    }
}

instance_local! {
    static SLOTS: RefCell<Slots> = RefCell::new(Slots::default());
}

instance_local! {
    // One function for the whole program, never freed, called by every promise awaited here.
    // Two arguments, the first the slot, serial and outcome in one number: each closure
    // signature costs its own invoke shim in the wasm.
    static DELIVER: Function = Closure::<dyn Fn(f64, JsValue)>::new(|tag: f64, value| {
        let tag = tag as u64;
        let (index, serial) = ((tag >> 32) as u32 >> 1, tag as u32);
        deliver(index, serial, (tag >> 32) & 1 == 1, value)
    })
    .into_js_value()
    .unchecked_into();
}

/// The slot, its serial and the outcome as one number below 2^53, exact in an `f64`. (Slots
/// past 2^20, a million promises awaited at once, would find no match and time out.)
fn tag(index: u32, serial: u32, fulfilled: bool) -> f64 {
    let high = (u64::from(index & 0x000f_ffff) << 1) | u64::from(fulfilled);
    ((high << 32) | u64::from(serial)) as f64
}

fn deliver(index: u32, serial: u32, fulfilled: bool, value: JsValue) {
    let waker = SLOTS.with_borrow_mut(|slots| {
        let slot = slots.entry(index, serial)?;
        slot.outcome = Some(if fulfilled { Ok(value) } else { Err(value) });
        slot.waker.take()
    });
    if let Some(waker) = waker {
        waker.wake();
    }
}

/// The outcome of a JS value taken as a promise (`Promise.resolve` semantics): `Ok` with what it
/// fulfilled with, `Err` with what it rejected with or what was thrown while subscribing to it.
pub struct Settled {
    index: u32,
    serial: u32,
}

impl Settled {
    /// Subscribes to `value`; awaiting the result gives its outcome.
    pub fn new(value: &JsValue) -> Self {
        let (index, serial) = SLOTS.with_borrow_mut(Slots::open);
        // `then` through `outside`: an own `then` put on a promise may throw.
        let subscribed = promise_resolve(value).and_then(|promise| {
            DELIVER.with(|deliver| {
                let bound = |fulfilled: bool| {
                    let tag = JsValue::from_f64(tag(index, serial, fulfilled));
                    call_method(deliver, "bind", &[&JsValue::UNDEFINED, &tag])
                };
                call_method(&promise, "then", &[&bound(true)?, &bound(false)?])
            })
        });
        if let Err(thrown) = subscribed {
            deliver(index, serial, false, thrown);
        }
        Settled { index, serial }
    }
}

impl Future for Settled {
    type Output = Result<JsValue, JsValue>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        SLOTS.with_borrow_mut(|slots| match slots.entry(self.index, self.serial) {
            Some(slot) => match slot.outcome.take() {
                Some(outcome) => Poll::Ready(outcome),
                None => {
                    slot.waker = Some(cx.waker().clone());
                    Poll::Pending
                }
            },
            // Not while this future lives: only its drop closes its slot.
            None => Poll::Ready(Err(JsValue::UNDEFINED)),
        })
    }
}

impl Drop for Settled {
    fn drop(&mut self) {
        SLOTS.with_borrow_mut(|slots| slots.close(self.index));
    }
}

/// Subscribes to `value` only so that a rejection of it is handled (a body's `cancel()`).
pub(crate) fn settle_quietly(value: &JsValue) {
    drop(Settled::new(value));
}
