//! Layout operations: views share memory and keep flags exact; copies are contiguous.

use oxarray_core::layout::{self, Order};
use oxarray_core::{iter, ops, Array, Builtin, Scalar};

fn arange(n: usize) -> Array {
    let a = Array::zeros(&[n], Builtin::Int64.dtype(), Order::C).unwrap();
    for i in 0..n {
        a.set(&[i], &Scalar::Int(i as i64)).unwrap();
    }
    a
}

fn values(a: &Array) -> Vec<i64> {
    let c = iter::copy_of(a, Order::C).unwrap();
    let flat = ops::reshape(&c, &[-1], Order::C).unwrap();
    (0..flat.size())
        .map(|i| match flat.get(&[i]) {
            Scalar::Int(v) => v,
            other => panic!("not an int64: {other:?}"),
        })
        .collect()
}

#[test]
fn reshape_is_a_view_when_strides_allow_and_a_copy_otherwise() {
    let a = ops::reshape(&arange(24), &[2, 3, 4], Order::C).unwrap();
    assert!(a.is_c_contiguous() && !a.is_f_contiguous());
    assert_eq!(a.strides(), &[96, 32, 8]);
    let v = ops::reshape(&a, &[6, -1], Order::C).unwrap();
    assert!(std::sync::Arc::ptr_eq(v.storage(), a.storage()));
    let t = ops::transpose(&a, None).unwrap();
    assert!(t.is_f_contiguous() && !t.is_c_contiguous());
    let flat = ops::reshape(&t, &[24], Order::C).unwrap();
    assert!(!std::sync::Arc::ptr_eq(flat.storage(), a.storage()));
    assert_eq!(&values(&flat)[..4], &[0, 12, 4, 16]);
    // Read in Fortran order, the transpose is contiguous again: a view.
    let fl = ops::reshape(&t, &[24], Order::F).unwrap();
    assert!(std::sync::Arc::ptr_eq(fl.storage(), a.storage()));
    let err = ops::reshape(&a, &[5, 5], Order::C).unwrap_err();
    assert_eq!(
        err.message(),
        "cannot reshape array of size 24 into shape (5, 5)"
    );
}

#[test]
fn expand_dims_and_prepend_give_numpys_strides() {
    let a = ops::reshape(&arange(24), &[2, 3, 4], Order::C).unwrap();
    assert_eq!(
        ops::expand_dims(&a, &[0]).unwrap().strides(),
        &[192, 96, 32, 8]
    );
    assert_eq!(
        ops::expand_dims(&a, &[-1]).unwrap().strides(),
        &[96, 32, 8, 8]
    );
    assert_eq!(ops::prepend_ones(&a, 4).strides(), &[192, 96, 32, 8]);
    let t = ops::transpose(&a, None).unwrap();
    assert_eq!(ops::prepend_ones(&t, 4).strides(), &[8, 8, 32, 96]);
}

#[test]
fn ravel_k_follows_memory_order_without_flipping() {
    let a = ops::reshape(&arange(24), &[4, 6], Order::C).unwrap();
    let t = ops::transpose(&a, None).unwrap();
    let r = ops::ravel(&t, Order::K).unwrap();
    assert!(std::sync::Arc::ptr_eq(r.storage(), a.storage()), "a view");
    assert_eq!(values(&r), (0..24).collect::<Vec<_>>());
    let rev = ops::flip(&arange(4), None).unwrap();
    let r = ops::ravel(&rev, Order::K).unwrap();
    assert!(r.is_c_contiguous());
    assert_eq!(values(&r), vec![3, 2, 1, 0]);
}

#[test]
fn new_empty_arrays_have_zero_strides_and_sizes_are_checked() {
    let e = Array::zeros(&[2, 0, 3], Builtin::Float64.dtype(), Order::C).unwrap();
    assert_eq!(e.strides(), &[0, 0, 0]);
    let too_big = Array::zeros(&[0, 1 << 62], Builtin::Float64.dtype(), Order::C).unwrap_err();
    assert_eq!(too_big.kind(), oxarray_core::ErrorKind::Value);
    let huge = Array::zeros(&[isize::MAX as usize], Builtin::UInt8.dtype(), Order::C).unwrap_err();
    assert_eq!(huge.kind(), oxarray_core::ErrorKind::Memory);
    assert!(huge.message().starts_with("Unable to allocate 8.00 EiB"));
}

#[test]
fn broadcasting_names_both_shapes() {
    let a = arange(3);
    let b = ops::broadcast_to(&a, &[2, 3]).unwrap();
    assert_eq!(b.strides(), &[0, 8]);
    assert!(!b.is_writeable());
    let err = ops::broadcast_to(&a, &[4]).unwrap_err();
    assert!(err.message().contains("(3,)") && err.message().contains("(4,)"));
    let shapes = layout::broadcast_shapes(&[&[3, 1], &[4]]).unwrap();
    assert_eq!(shapes.as_slice(), &[3, 4]);
    assert!(ops::broadcast_shapes(&[&[1 << 62], &[4, 1]]).is_err());
}

#[test]
fn copies_cast_and_swap_bytes() {
    let a = arange(5);
    let be = Builtin::Int32.dtype().with_byteorder('>').unwrap();
    let swapped = iter::copy_as(&a, be, Order::C).unwrap();
    // SAFETY: `swapped` holds 5 big-endian int32 elements, contiguous.
    let raw = unsafe { std::slice::from_raw_parts(swapped.data_ptr(), 20) };
    assert_eq!(&raw[4..8], &[0, 0, 0, 1]);
    let back = iter::copy_as(&swapped, Builtin::Float64.dtype(), Order::C).unwrap();
    assert_eq!(back.get(&[4]), Scalar::Float(4.0));
}

#[test]
fn arange_for_rust_callers() {
    let a = oxarray_core::ops::creation::arange(
        Scalar::Int(0),
        Scalar::Int(5),
        Scalar::Int(2),
        Builtin::Int64.dtype(),
    )
    .unwrap();
    assert_eq!(values(&a), vec![0, 2, 4]);
    let f = oxarray_core::ops::creation::arange(
        Scalar::Float(-0.0),
        Scalar::Float(1.0),
        Scalar::Float(0.25),
        Builtin::Float64.dtype(),
    )
    .unwrap();
    assert_eq!(f.size(), 4);
    assert_eq!(f.get(&[3]), Scalar::Float(0.75));
    assert!(matches!(f.get(&[0]), Scalar::Float(z) if z == 0.0 && z.is_sign_negative()));
}

#[test]
fn foreign_memory_stays_alive_while_any_view_exists() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    static DROPPED: AtomicBool = AtomicBool::new(false);
    struct Owner(Vec<f64>);
    impl Drop for Owner {
        fn drop(&mut self) {
            DROPPED.store(true, Ordering::SeqCst);
        }
    }
    let mut owner = Owner((0..6).map(|i| i as f64).collect());
    let ptr = owner.0.as_mut_ptr() as *mut u8;
    // SAFETY: the Vec's buffer stays put inside `owner`, which the storage keeps alive.
    let storage = unsafe { oxarray_core::Storage::foreign(ptr, 48, true, Box::new(owner)) };
    let a = Array::from_parts(
        Arc::new(storage),
        0,
        smallvec::smallvec![2, 3],
        smallvec::smallvec![24, 8],
        Builtin::Float64.dtype(),
        true,
    )
    .unwrap();
    assert!(!a.storage().is_owned() && a.is_c_contiguous() && a.is_writeable());
    let t = ops::transpose(&a, None).unwrap();
    drop(a);
    assert!(
        !DROPPED.load(Ordering::SeqCst),
        "a view still holds the memory"
    );
    assert_eq!(t.get(&[2, 1]), Scalar::Float(5.0));
    drop(t);
    assert!(DROPPED.load(Ordering::SeqCst));
    // A layout reaching outside the buffer is refused.
    let mut small = vec![0u8; 8];
    // SAFETY: `small` outlives the storage in this scope; nothing is read.
    let st = unsafe { oxarray_core::Storage::foreign(small.as_mut_ptr(), 8, false, Box::new(())) };
    let bad = Array::from_parts(
        Arc::new(st),
        0,
        smallvec::smallvec![2],
        smallvec::smallvec![8],
        Builtin::Float64.dtype(),
        false,
    );
    assert!(bad.is_err());
}
