//! reduce, accumulate, reduceat, outer, at.

mod common;

use common::*;
use oxarray_core::dtype::{Builtin, Scalar};
use oxarray_core::ops::index::Index;
use oxarray_core::ufunc::{CallOptions, Input, ReduceOptions};
use oxarray_core::{Array, ErrorKind, Order};

fn red(a: &Array, axes: Option<&[isize]>, opts: &ReduceOptions) -> Array {
    t_add().reduce(a, axes, opts).unwrap().outputs.remove(0)
}

#[test]
fn reduce_axes_keepdims_initial() {
    let a = arr_f64(&[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    let d = ReduceOptions::default();
    let r = red(&a, None, &d);
    assert_eq!(r.shape(), &[] as &[usize]);
    assert_eq!(vals(&r), vec![21.0]);
    assert_eq!(vals(&red(&a, Some(&[0]), &d)), vec![5.0, 7.0, 9.0]);
    assert_eq!(vals(&red(&a, Some(&[-1]), &d)), vec![6.0, 15.0]);
    let k = ReduceOptions {
        keepdims: true,
        ..Default::default()
    };
    assert_eq!(red(&a, Some(&[1]), &k).shape(), &[2, 1]);
    let i = ReduceOptions {
        initial: Some(Scalar::Float(10.0)),
        ..Default::default()
    };
    assert_eq!(vals(&red(&a, Some(&[0, 1]), &i)), vec![31.0]);
    assert_eq!(red(&a, Some(&[]), &d).shape(), &[2, 3]);
    let e = t_add().reduce(&a, Some(&[2]), &d).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Axis);
    let e = t_add().reduce(&a, Some(&[0, -2]), &d).unwrap_err();
    assert_eq!(e.message(), "duplicate value in 'axis'");
}

#[test]
fn reduce_where_and_out() {
    let a = arr_f64(&[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    let m = arr_of(&[3], Builtin::Bool.dtype(), &[1.0, 0.0, 1.0]);
    let o = ReduceOptions {
        where_: Some(m.clone()),
        ..Default::default()
    };
    assert_eq!(vals(&red(&a, Some(&[1]), &o)), vec![4.0, 10.0]);
    // No identity: where needs initial.
    let e = t_max().reduce(&a, Some(&[1]), &o).unwrap_err();
    assert!(e.message().contains("does not have an identity"), "{e}");
    let out = Array::zeros(&[2], Builtin::Float32.dtype(), Order::C).unwrap();
    let o = ReduceOptions {
        out: Some(out.clone()),
        ..Default::default()
    };
    let r = t_add()
        .reduce(&a, Some(&[1]), &o)
        .unwrap()
        .outputs
        .remove(0);
    assert_eq!(r.data_ptr(), out.data_ptr());
    assert_eq!(vals(&out), vec![6.0, 15.0]);
}

#[test]
fn reduce_int_add_uses_int64_and_empty_rules() {
    let a = arr_of(&[3], Builtin::Int32.dtype(), &[1.0, 2.0, 3.0]);
    let r = red(&a, None, &ReduceOptions::default());
    // The widening to int64 is NumPy's rule for `add` and `multiply` by name only.
    assert_eq!(r.dtype(), Builtin::Int32.dtype());
    assert_eq!(vals(&r), vec![6.0]);
    if let Some(add) = oxarray_core::ufunc::lookup("add") {
        let r = add
            .reduce(&a, None, &ReduceOptions::default())
            .unwrap()
            .outputs
            .remove(0);
        assert_eq!(r.dtype(), Builtin::Int64.dtype());
    }
    let e = Array::zeros(&[0], Builtin::Float64.dtype(), Order::C).unwrap();
    assert_eq!(vals(&red(&e, None, &ReduceOptions::default())), vec![0.0]);
    let err = t_max()
        .reduce(&e, None, &ReduceOptions::default())
        .unwrap_err();
    assert_eq!(
        err.message(),
        "zero-size array to reduction operation t_max which has no identity"
    );
    let e2 = Array::zeros(&[0, 3], Builtin::Float64.dtype(), Order::C).unwrap();
    let r = t_max()
        .reduce(&e2, Some(&[1]), &ReduceOptions::default())
        .unwrap()
        .outputs
        .remove(0);
    assert_eq!(r.shape(), &[0]);
    // Non-reorderable with two axes.
    let a2 = arr_f64(&[2, 2], &[1.0, 2.0, 3.0, 4.0]);
    let err = t_sub()
        .reduce(&a2, None, &ReduceOptions::default())
        .unwrap_err();
    assert!(err.message().contains("is not reorderable"), "{err}");
    // subtract.reduce along one axis keeps order: 1 - 2 = -1, 3 - 4 = -1.
    let r = t_sub()
        .reduce(&a2, Some(&[1]), &ReduceOptions::default())
        .unwrap()
        .outputs
        .remove(0);
    assert_eq!(vals(&r), vec![-1.0, -1.0]);
    // maximum over several axes (copy-first path).
    let a3 = arr_f64(&[2, 2, 2], &[1.0, 9.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]);
    let r = t_max()
        .reduce(&a3, Some(&[0, 2]), &ReduceOptions::default())
        .unwrap()
        .outputs
        .remove(0);
    assert_eq!(vals(&r), vec![9.0, 8.0]);
}

#[test]
fn float_sums_are_pairwise() {
    // 1e6 copies of 0.1: naive summation drifts by ~1e-6 relative; pairwise stays ~1e-15.
    let n = 1_000_000;
    let a = arr_f64(&[n], &vec![0.1; n]);
    let s = vals(&red(&a, None, &ReduceOptions::default()))[0];
    let exact = 0.1f64 * n as f64;
    assert!(((s - exact) / exact).abs() < 1e-13, "{s} vs {exact}");
    // Along axis 1 of a 2-d array, and through a casting buffer (float32 input).
    let b = arr_of(&[2, n / 2], Builtin::Float32.dtype(), &vec![0.1; n]);
    let o = ReduceOptions {
        dtype: Some(Builtin::Float64.dtype()),
        ..Default::default()
    };
    let r = vals(&red(&b, Some(&[1]), &o));
    let exact = 0.1f32 as f64 * (n / 2) as f64;
    assert!(
        r.iter().all(|&x| ((x - exact) / exact).abs() < 1e-12),
        "{r:?}"
    );
}

#[test]
fn accumulate_and_reduceat() {
    let a = arr_f64(&[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    let r = t_add()
        .accumulate(&a, 1, None, None)
        .unwrap()
        .outputs
        .remove(0);
    assert_eq!(vals(&r), vec![1.0, 3.0, 6.0, 4.0, 9.0, 15.0]);
    let r = t_add()
        .accumulate(&a, 0, None, None)
        .unwrap()
        .outputs
        .remove(0);
    assert_eq!(vals(&r), vec![1.0, 2.0, 3.0, 5.0, 7.0, 9.0]);
    let r = t_sub()
        .accumulate(&a, -1, None, None)
        .unwrap()
        .outputs
        .remove(0);
    assert_eq!(vals(&r), vec![1.0, -1.0, -4.0, 4.0, -1.0, -7.0]);
    let x = arr_f64(&[8], &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]);
    // NumPy: np.add.reduceat(np.arange(8), [0, 4, 1, 5]) -> [6, 4, 10, 18]
    let r = t_add()
        .reduceat(&x, &[0, 4, 1, 5], 0, None, None)
        .unwrap()
        .outputs
        .remove(0);
    assert_eq!(vals(&r), vec![6.0, 4.0, 10.0, 18.0]);
    let e = t_add().reduceat(&x, &[0, 8], 0, None, None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Index);
    assert_eq!(
        e.message(),
        "index 8 out-of-bounds in t_add.reduceat [0, 8)"
    );
}

#[test]
fn outer_and_at() {
    let a = arr_f64(&[2], &[1.0, 2.0]);
    let b = arr_f64(&[3], &[10.0, 20.0, 30.0]);
    let r = t_add()
        .outer(&Input::Array(a), &Input::Array(b), &CallOptions::default())
        .unwrap()
        .outputs
        .remove(0);
    assert_eq!(r.shape(), &[2, 3]);
    assert_eq!(vals(&r), vec![11.0, 21.0, 31.0, 12.0, 22.0, 32.0]);
    // at: repeated indices accumulate.
    let x = arr_f64(&[4], &[0.0; 4]);
    let idx = arr_of(&[4], Builtin::Int64.dtype(), &[0.0, 1.0, 1.0, 3.0]);
    t_add()
        .at(
            &x,
            &[Index::Array(idx)],
            Some(&Input::Weak(Scalar::Float(1.0))),
        )
        .unwrap();
    assert_eq!(vals(&x), vec![1.0, 2.0, 0.0, 1.0]);
    let idx = arr_of(&[2], Builtin::Int64.dtype(), &[2.0, 2.0]);
    let v = arr_f64(&[2], &[5.0, 7.0]);
    t_add()
        .at(&x, &[Index::Array(idx)], Some(&Input::Array(v)))
        .unwrap();
    assert_eq!(vals(&x), vec![1.0, 2.0, 12.0, 1.0]);
    let y = arr_f64(&[3], &[4.0, 9.0, 16.0]);
    t_sqrt()
        .at(&y, &[Index::Slice(None, None, Some(2))], None)
        .unwrap();
    assert_eq!(vals(&y), vec![2.0, 9.0, 4.0]);
}
