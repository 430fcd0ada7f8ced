//! Mixed-dtype calls cast in small chunks: `int32 + float64` never allocates a temporary
//! the size of the array. A counting allocator measures the peak bytes live during a call.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use oxarray_core::dtype::Builtin;
use oxarray_core::ufunc::{CallOptions, Input};
use oxarray_core::{Array, Order};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator, only counting sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(l.size(), Ordering::SeqCst) + l.size();
        PEAK.fetch_max(now, Ordering::SeqCst);
        // SAFETY: forwarded.
        unsafe { System.alloc(l) }
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(l.size(), Ordering::SeqCst) + l.size();
        PEAK.fetch_max(now, Ordering::SeqCst);
        // SAFETY: forwarded.
        unsafe { System.alloc_zeroed(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::SeqCst);
        // SAFETY: forwarded.
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static A: Counting = Counting;

#[test]
fn int32_plus_float64_has_no_whole_array_temporary() {
    let n = 2_000_000;
    let a = Array::zeros(&[n], Builtin::Int32.dtype(), Order::C).unwrap();
    let b = Array::zeros(&[n], Builtin::Float64.dtype(), Order::C).unwrap();
    let out = Array::zeros(&[n], Builtin::Float64.dtype(), Order::C).unwrap();
    let u = t_add();
    // Warm the dispatch cache, then measure.
    u.call(
        &[Input::Array(a.clone()), Input::Array(b.clone())],
        &[Some(out.clone())],
        &CallOptions::default(),
    )
    .unwrap();
    let base = LIVE.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    u.call(
        &[Input::Array(a.clone()), Input::Array(b.clone())],
        &[Some(out.clone())],
        &CallOptions::default(),
    )
    .unwrap();
    let extra = PEAK.load(Ordering::SeqCst) - base;
    // A converted copy of `a` would be 16 MB; the chunk buffers are ~100 KB.
    assert!(extra < 1 << 20, "peak extra allocation {extra} bytes");
    // Without `out`: only the output itself (16 MB) plus small buffers.
    PEAK.store(LIVE.load(Ordering::SeqCst), Ordering::SeqCst);
    let base = LIVE.load(Ordering::SeqCst);
    let r = u
        .call(
            &[Input::Array(a), Input::Array(b)],
            &[],
            &CallOptions::default(),
        )
        .unwrap();
    let extra = PEAK.load(Ordering::SeqCst) - base;
    assert!(
        extra < n * 8 + (1 << 20),
        "peak extra allocation {extra} bytes"
    );
    drop(r);
}
