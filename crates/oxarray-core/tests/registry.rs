//! The dtype registry: a new dtype, its casts and its promotion are added at run time
//! through the Rust API, without touching the built-ins.

use oxarray_core::dtype::registry::{register_cast, register_dtype, register_promotion, DTypeSpec};
use oxarray_core::dtype::{can_cast, promote_types, Casting, DTypeOps, Descr};
use oxarray_core::layout::Order;
use oxarray_core::{iter, Array, Builtin, DType, Scalar};

/// A 16-bit fixed-point number with 8 fraction bits (value = raw / 256).
struct Fixed16;

impl DTypeOps for Fixed16 {
    unsafe fn get(&self, _descr: &Descr, ptr: *const u8) -> Scalar {
        // SAFETY: the caller passes one readable element of 2 bytes.
        let raw = unsafe { (ptr as *const i16).read_unaligned() };
        Scalar::Float(raw as f64 / 256.0)
    }
    unsafe fn set(&self, _descr: &Descr, ptr: *mut u8, value: &Scalar) -> oxarray_core::Result<()> {
        let v = match *value {
            Scalar::Bool(b) => b as u8 as f64,
            Scalar::Int(i) => i as f64,
            Scalar::UInt(u) => u as f64,
            Scalar::Float(f) => f,
            Scalar::Complex(c) => c.re,
        };
        let raw = (v * 256.0).round().clamp(i16::MIN as f64, i16::MAX as f64) as i16;
        // SAFETY: the caller passes one writable element of 2 bytes.
        unsafe { (ptr as *mut i16).write_unaligned(raw) };
        Ok(())
    }
}

/// fixed16 -> float64.
///
/// # Safety
/// The `CastFn` contract: `n` valid items on both sides.
unsafe fn fixed_to_f64(src: *const u8, ss: isize, dst: *mut u8, ds: isize, n: usize) {
    for i in 0..n as isize {
        // SAFETY: item i of each run is valid by the contract.
        unsafe {
            let raw = (src.offset(i * ss) as *const i16).read_unaligned();
            (dst.offset(i * ds) as *mut f64).write_unaligned(raw as f64 / 256.0);
        }
    }
}

/// float64 -> fixed16 (rounding, saturating).
///
/// # Safety
/// The `CastFn` contract: `n` valid items on both sides.
unsafe fn f64_to_fixed(src: *const u8, ss: isize, dst: *mut u8, ds: isize, n: usize) {
    for i in 0..n as isize {
        // SAFETY: item i of each run is valid by the contract.
        unsafe {
            let v = (src.offset(i * ss) as *const f64).read_unaligned();
            let raw = (v * 256.0).round().clamp(i16::MIN as f64, i16::MAX as f64) as i16;
            (dst.offset(i * ds) as *mut i16).write_unaligned(raw);
        }
    }
}

fn fixed16() -> DType {
    // Tests in this file share the process: register once.
    static DT: std::sync::OnceLock<DType> = std::sync::OnceLock::new();
    *DT.get_or_init(|| {
        let dt = register_dtype(DTypeSpec {
            name: "fixed16".into(),
            kind: 'V',
            char: 'x',
            itemsize: 2,
            alignment: 2,
            ops: Box::new(Fixed16),
            flags: 0,
        })
        .expect("fixed16 registers");
        let f64d = Builtin::Float64.dtype();
        register_cast(dt, f64d, fixed_to_f64, Casting::Safe);
        register_cast(f64d, dt, f64_to_fixed, Casting::SameKind);
        register_promotion(dt, f64d, f64d);
        dt
    })
}

#[test]
fn a_new_dtype_is_found_by_name_and_describes_itself() {
    let dt = fixed16();
    assert_eq!(DType::parse("fixed16").unwrap(), dt);
    assert_eq!(
        (dt.itemsize, dt.alignment, dt.kind, dt.name),
        (2, 2, 'V', "fixed16")
    );
    assert!(dt.builtin.is_none());
    // Built-ins are untouched.
    assert_eq!(DType::parse("float64").unwrap(), Builtin::Float64.dtype());
    // A second registration under a taken name fails.
    let again = register_dtype(DTypeSpec {
        name: "fixed16".into(),
        kind: 'V',
        char: 'x',
        itemsize: 2,
        alignment: 2,
        ops: Box::new(Fixed16),
        flags: 0,
    });
    assert!(again.is_err());
    assert!(register_dtype(DTypeSpec {
        name: "float64".into(),
        kind: 'V',
        char: 'y',
        itemsize: 8,
        alignment: 8,
        ops: Box::new(Fixed16),
        flags: 0,
    })
    .is_err());
}

#[test]
fn arrays_of_a_new_dtype_store_and_cast() {
    let dt = fixed16();
    let a = Array::zeros(&[2, 3], dt, Order::C).unwrap();
    a.set(&[1, 2], &Scalar::Float(1.5)).unwrap();
    a.set(&[0, 0], &Scalar::Int(-2)).unwrap();
    assert_eq!(a.get(&[1, 2]), Scalar::Float(1.5));
    assert_eq!(a.get(&[0, 0]), Scalar::Float(-2.0));
    assert_eq!(a.get(&[0, 1]), Scalar::Float(0.0));
    // Through the registered casts, strided (a transposed view).
    let t = oxarray_core::ops::transpose(&a, None).unwrap();
    let f = iter::copy_as(&t, Builtin::Float64.dtype(), Order::C).unwrap();
    assert_eq!(f.shape(), &[3, 2]);
    assert_eq!(f.get(&[2, 1]), Scalar::Float(1.5));
    assert_eq!(f.get(&[0, 0]), Scalar::Float(-2.0));
    let back = iter::copy_as(&f, dt, Order::C).unwrap();
    assert_eq!(back.get(&[2, 1]), Scalar::Float(1.5));
    // No cast registered to int8: a clear TypeError, no panic.
    let err = iter::copy_as(&a, Builtin::Int8.dtype(), Order::C).unwrap_err();
    assert_eq!(err.kind(), oxarray_core::ErrorKind::Type);
}

#[test]
fn casting_levels_and_promotion_of_a_new_dtype() {
    let dt = fixed16();
    let f64d = Builtin::Float64.dtype();
    assert!(can_cast(dt, f64d, Casting::Safe));
    assert!(!can_cast(f64d, dt, Casting::Safe));
    assert!(can_cast(f64d, dt, Casting::SameKind));
    assert!(can_cast(f64d, dt, Casting::Unsafe));
    assert!(!can_cast(dt, Builtin::Int8.dtype(), Casting::Unsafe));
    assert!(can_cast(dt, dt, Casting::No));
    assert_eq!(promote_types(dt, f64d).unwrap(), f64d);
    assert_eq!(promote_types(f64d, dt).unwrap(), f64d);
    assert!(promote_types(dt, Builtin::Int8.dtype()).is_err());
    // The built-in table is unchanged.
    assert_eq!(
        promote_types(Builtin::Int8.dtype(), Builtin::UInt8.dtype()).unwrap(),
        Builtin::Int16.dtype()
    );
}
