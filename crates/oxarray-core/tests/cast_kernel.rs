//! Casts that carry data and can fail (`dtype::cast::CastKernel`, registered with
//! `registry::register_cast_kernel`): copies through them run in runs of
//! `iter::kernel_cast::RUN` items, return the kernel's error, and leave the destination
//! unchanged when a run fails.

use std::sync::atomic::{AtomicUsize, Ordering};

use oxarray_core::dtype::cast::{self, CastKernel};
use oxarray_core::dtype::registry::{register_cast_kernel, register_dtype, DTypeSpec};
use oxarray_core::dtype::{can_cast, Casting, DTypeOps, Descr};
use oxarray_core::layout::Order;
use oxarray_core::{iter, Array, Builtin, DType, Error, Scalar};

/// Counts stored as int32.
struct Count;

impl DTypeOps for Count {
    unsafe fn get(&self, _descr: &Descr, ptr: *const u8) -> Scalar {
        // SAFETY: one readable item of 4 bytes.
        Scalar::Int(unsafe { (ptr as *const i32).read_unaligned() } as i64)
    }
    unsafe fn set(&self, _descr: &Descr, ptr: *mut u8, value: &Scalar) -> oxarray_core::Result<()> {
        let Scalar::Int(v) = *value else {
            return Err(Error::type_("counts are ints"));
        };
        // SAFETY: one writable item of 4 bytes.
        unsafe { (ptr as *mut i32).write_unaligned(v as i32) };
        Ok(())
    }
}

/// float64 -> count with data (an offset added to every value); negative values fail.
struct FromF64 {
    offset: i32,
    calls: AtomicUsize,
}

impl CastKernel for FromF64 {
    unsafe fn run(
        &self,
        src: *const u8,
        ss: isize,
        dst: *mut u8,
        ds: isize,
        n: usize,
    ) -> oxarray_core::Result<()> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        for i in 0..n as isize {
            // SAFETY: the `CastFn` contract: item i is valid on both sides.
            unsafe {
                let v = (src.offset(i * ss) as *const f64).read_unaligned();
                if v < 0.0 {
                    return Err(Error::value(format!("negative count {v}")));
                }
                (dst.offset(i * ds) as *mut i32).write_unaligned(v as i32 + self.offset);
            }
        }
        Ok(())
    }
}

fn count() -> (DType, &'static FromF64) {
    static DT: std::sync::OnceLock<(DType, &'static FromF64)> = std::sync::OnceLock::new();
    *DT.get_or_init(|| {
        let dt = register_dtype(DTypeSpec {
            name: "count_kernel_test".into(),
            kind: 'V',
            char: 'c',
            itemsize: 4,
            alignment: 4,
            ops: Box::new(Count),
            flags: 0,
        })
        .expect("registers");
        let k: &'static FromF64 = Box::leak(Box::new(FromF64 {
            offset: 100,
            calls: AtomicUsize::new(0),
        }));
        register_cast_kernel(Builtin::Float64.dtype(), dt, k, Casting::SameKind);
        (dt, k)
    })
}

#[test]
fn kernel_casts_are_found_and_hidden_from_plain_callers() {
    let (dt, _) = count();
    let f64d = Builtin::Float64.dtype();
    assert!(cast::get_cast(f64d, dt).is_none());
    assert!(cast::find_cast(f64d, dt).is_some_and(|c| c.is_kernel()));
    assert!(cast::kernel_cast(f64d, dt).is_some());
    assert!(cast::kernel_cast(dt, f64d).is_none());
    assert!(can_cast(f64d, dt, Casting::SameKind));
    assert!(!can_cast(f64d, dt, Casting::Safe));
}

#[test]
fn copies_run_the_kernel_in_runs_and_broadcast() {
    let (dt, k) = count();
    let n = 10_000;
    let src = Array::zeros(&[n], Builtin::Float64.dtype(), Order::C).unwrap();
    for i in 0..n {
        src.set(&[i], &Scalar::Float(i as f64)).unwrap();
    }
    let before = k.calls.load(Ordering::Relaxed);
    let out = iter::copy_as(&src, dt, Order::C).unwrap();
    let calls = k.calls.load(Ordering::Relaxed) - before;
    assert_eq!(calls, n.div_ceil(iter::kernel_cast::RUN));
    for i in [0, 1, 4095, 4096, n - 1] {
        assert_eq!(out.get(&[i]), Scalar::Int(i as i64 + 100));
    }
    // A strided, broadcast source.
    let row = Array::zeros(&[3], Builtin::Float64.dtype(), Order::C).unwrap();
    row.set(&[2], &Scalar::Float(5.0)).unwrap();
    let dst = Array::zeros(&[2, 3], dt, Order::F).unwrap();
    iter::copy_into(&dst, &row).unwrap();
    assert_eq!(dst.get(&[1, 2]), Scalar::Int(105));
    assert_eq!(dst.get(&[1, 0]), Scalar::Int(100));
}

#[test]
fn a_failing_kernel_returns_its_error_and_writes_nothing() {
    let (dt, _) = count();
    let n = 9_000;
    let src = Array::zeros(&[n], Builtin::Float64.dtype(), Order::C).unwrap();
    // The last run fails: the earlier runs' results must not reach the destination.
    src.set(&[n - 1], &Scalar::Float(-1.0)).unwrap();
    let dst = Array::zeros(&[n], dt, Order::C).unwrap();
    dst.fill(&Scalar::Int(7)).unwrap();
    let e = iter::copy_into(&dst, &src).unwrap_err();
    assert!(e.to_string().contains("negative count"), "{e}");
    assert!((0..n).all(|i| dst.get(&[i]) == Scalar::Int(7)));
}
