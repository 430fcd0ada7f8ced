//! The elementwise call path: resolution, the dispatch cache, loop replacement,
//! broadcasting, buffered casting, overlap, `where`, FP flags, gufuncs.

mod common;

use std::sync::Arc;

use common::*;
use oxarray_core::dtype::{Builtin, Casting, Operand, Scalar, WeakKind};
use oxarray_core::layout::Strides;
use oxarray_core::ufunc::loops::fpe;
use oxarray_core::ufunc::{CallOptions, Input};
use oxarray_core::{Array, ErrorKind, Order, Shape, Storage};

fn call1(u: &oxarray_core::ufunc::Ufunc, ins: &[Input]) -> Array {
    u.call(ins, &[], &CallOptions::default())
        .unwrap()
        .outputs
        .remove(0)
}

#[test]
fn add_broadcasts_and_resolves_uniform() {
    let u = t_add();
    let a = arr_f64(&[2, 1], &[1.0, 2.0]);
    let b = arr_f64(&[3], &[10.0, 20.0, 30.0]);
    let r = call1(&u, &[Input::Array(a), Input::Array(b)]);
    assert_eq!(r.shape(), &[2, 3]);
    assert_eq!(vals(&r), vec![11.0, 21.0, 31.0, 12.0, 22.0, 32.0]);
    assert_eq!(r.dtype(), Builtin::Float64.dtype());
}

#[test]
fn mixed_int32_float64_buffers() {
    let u = t_add();
    let n = 20_000;
    let a = arr_of(
        &[n],
        Builtin::Int32.dtype(),
        &(0..n).map(|i| i as f64).collect::<Vec<_>>(),
    );
    let b = arr_f64(&[n], &vec![0.5; n]);
    let r = call1(&u, &[Input::Array(a), Input::Array(b)]);
    assert_eq!(r.dtype(), Builtin::Float64.dtype());
    let v = vals(&r);
    assert!(v.iter().enumerate().all(|(i, &x)| x == i as f64 + 0.5));
}

#[test]
fn weak_scalars_follow_nep50() {
    let u = t_add();
    let a = arr_of(&[3], Builtin::Int32.dtype(), &[1.0, 2.0, 3.0]);
    let r = call1(&u, &[Input::Array(a.clone()), Input::Weak(Scalar::Int(5))]);
    assert_eq!(r.dtype(), Builtin::Int32.dtype());
    assert_eq!(vals(&r), vec![6.0, 7.0, 8.0]);
    let r = call1(
        &u,
        &[Input::Array(a.clone()), Input::Weak(Scalar::Float(0.5))],
    );
    assert_eq!(r.dtype(), Builtin::Float64.dtype());
    let e = u
        .call(
            &[Input::Array(a), Input::Weak(Scalar::Int(1 << 40))],
            &[],
            &CallOptions::default(),
        )
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Overflow);
    let dt = u
        .resolve_dtypes(
            &[Operand::Weak(WeakKind::Int), Operand::Weak(WeakKind::Float)],
            &CallOptions::default(),
        )
        .unwrap();
    assert_eq!(dt, vec![Builtin::Float64.dtype(); 3]);
}

#[test]
fn no_loop_and_cast_errors_are_worded_like_numpy() {
    let u = t_add();
    let c = Builtin::Complex128.dtype();
    let e = u
        .resolve_dtypes(
            &[Operand::Strong(c), Operand::Strong(c)],
            &CallOptions::default(),
        )
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Type);
    assert!(
        e.message()
            .contains("ufunc 't_add' did not contain a loop with signature matching types"),
        "{e}"
    );
    assert!(e.message().contains("Complex128DType"), "{e}");
    // Output cast refused under same_kind.
    let a = arr_f64(&[2], &[1.0, 2.0]);
    let out = Array::zeros(&[2], Builtin::Int64.dtype(), Order::C).unwrap();
    let e = u
        .call(
            &[Input::Array(a.clone()), Input::Array(a.clone())],
            &[Some(out.clone())],
            &CallOptions::default(),
        )
        .unwrap_err();
    assert_eq!(
        e.message(),
        "Cannot cast ufunc 't_add' output from dtype('float64') to dtype('int64') with casting rule 'same_kind'"
    );
    // ... allowed under unsafe.
    let opts = CallOptions {
        casting: Casting::Unsafe,
        ..Default::default()
    };
    u.call(
        &[Input::Array(a.clone()), Input::Array(a)],
        &[Some(out.clone())],
        &opts,
    )
    .unwrap();
    assert_eq!(vals(&out), vec![2.0, 4.0]);
    // Default resolver: linear search fails with NumPy's wording.
    let s = t_sqrt();
    let e = s
        .resolve_dtypes(&[Operand::Strong(c)], &CallOptions::default())
        .unwrap_err();
    assert!(
        e.message().contains("not supported for the input types"),
        "{e}"
    );
}

#[test]
fn default_resolver_linear_search() {
    let s = t_sqrt();
    let i = Builtin::Int32.dtype();
    let r = s
        .resolve_dtypes(&[Operand::Strong(i)], &CallOptions::default())
        .unwrap();
    assert_eq!(r, vec![Builtin::Float64.dtype(); 2]);
    // A weak int casts to the float loop.
    let r = s
        .resolve_dtypes(&[Operand::Weak(WeakKind::Int)], &CallOptions::default())
        .unwrap();
    assert_eq!(r[0], Builtin::Float64.dtype());
}

#[test]
fn dtype_and_signature_fix_the_loop() {
    let u = t_add();
    let a = arr_f64(&[2], &[1.5, 2.5]);
    let opts = CallOptions {
        dtype: Some(Builtin::Float32.dtype()),
        ..Default::default()
    };
    let r = u
        .call(
            &[Input::Array(a.clone()), Input::Array(a.clone())],
            &[],
            &opts,
        )
        .unwrap();
    assert_eq!(r.outputs[0].dtype(), Builtin::Float32.dtype());
    let opts = CallOptions {
        dtype: Some(Builtin::Int64.dtype()),
        ..Default::default()
    };
    let e = u
        .call(
            &[Input::Array(a.clone()), Input::Array(a.clone())],
            &[],
            &opts,
        )
        .unwrap_err();
    assert!(
        e.message().starts_with(
            "Cannot cast ufunc 't_add' input 0 from dtype('float64') to dtype('int64')"
        ),
        "{e}"
    );
    // A partial signature: the free operands take the common dtype (NumPy's promoter), so
    // (int64, None, None) with float64 inputs finds no (int64, float64, float64) loop...
    let opts = CallOptions {
        signature: Some(vec![Some(Builtin::Int64.dtype()), None, None]),
        casting: Casting::Unsafe,
        ..Default::default()
    };
    assert!(u
        .call(
            &[Input::Array(a.clone()), Input::Array(a.clone())],
            &[],
            &opts
        )
        .is_err());
    // ... while (int64, int64, None) does.
    let opts = CallOptions {
        signature: Some(vec![
            Some(Builtin::Int64.dtype()),
            Some(Builtin::Int64.dtype()),
            None,
        ]),
        casting: Casting::Unsafe,
        ..Default::default()
    };
    let r = u
        .call(&[Input::Array(a.clone()), Input::Array(a)], &[], &opts)
        .unwrap();
    assert_eq!(r.outputs[0].dtype(), Builtin::Int64.dtype());
    assert_eq!(vals(&r.outputs[0]), vec![2.0, 4.0]);
}

#[test]
fn replace_loop_is_used_and_restored() {
    let u = t_add();
    let a = arr_f64(&[3], &[1.0, 2.0, 3.0]);
    let ins = [Input::Array(a.clone()), Input::Array(a.clone())];
    assert_eq!(vals(&call1(&u, &ins)), vec![2.0, 4.0, 6.0]); // fills the cache
    let f8 = Builtin::Float64.dtype();
    let old = u.replace_loop(&[f8, f8, f8], forty_two_f64).unwrap();
    assert_eq!(vals(&call1(&u, &ins)), vec![42.0; 3]);
    let mine = u.replace_loop(&[f8, f8, f8], old).unwrap();
    assert_eq!(
        mine as *const () as usize,
        forty_two_f64 as *const () as usize
    );
    assert_eq!(vals(&call1(&u, &ins)), vec![2.0, 4.0, 6.0]);
    assert!(u.replace_loop(&[Builtin::Bool.dtype(); 3], old).is_err());
}

#[test]
fn builtin_add_can_be_replaced_when_kernels_provide_it() {
    let Some(u) = oxarray_core::ufunc::lookup("add") else {
        return;
    };
    let f8 = Builtin::Float64.dtype();
    let a = arr_f64(&[2], &[1.0, 2.0]);
    let ins = [Input::Array(a.clone()), Input::Array(a)];
    let old = u.replace_loop(&[f8, f8, f8], forty_two_f64).unwrap();
    let got = vals(&call1(&u, &ins));
    u.replace_loop(&[f8, f8, f8], old).unwrap();
    assert_eq!(got, vec![42.0, 42.0]);
    assert_eq!(vals(&call1(&u, &ins)), vec![2.0, 4.0]);
}

#[test]
fn register_loop_adds_a_signature() {
    let u = t_sub();
    let f4 = Builtin::Float32.dtype();
    let before = u.types().len();
    // float32 resolves to the float64 loop via... no: Uniform wants an f4 loop.
    let a = arr_of(&[2], f4, &[3.0, 4.0]);
    assert!(u
        .call(
            &[Input::Array(a.clone()), Input::Array(a.clone())],
            &[],
            &CallOptions::default()
        )
        .is_err());
    u.register_loop(oxarray_core::ufunc::loops::LoopEntry::new(
        vec![f4, f4, f4],
        add_f32,
    ))
    .unwrap();
    assert_eq!(u.types().len(), before + 1);
    let r = call1(&u, &[Input::Array(a.clone()), Input::Array(a)]);
    assert_eq!(r.dtype(), f4);
    assert_eq!(vals(&r), vec![6.0, 8.0]);
    assert!(u
        .register_loop(oxarray_core::ufunc::loops::LoopEntry::new(
            vec![f4, f4, f4],
            add_f32
        ))
        .is_err());
}

#[test]
fn swapped_and_misaligned_operands() {
    let u = t_add();
    let f8 = Builtin::Float64.dtype();
    let a = arr_f64(&[4], &[1.0, 2.0, 3.0, 4.0]);
    let swapped = oxarray_core::iter::copy_as(&a, f8.swapped(), Order::C).unwrap();
    let r = call1(
        &u,
        &[Input::Array(swapped.clone()), Input::Array(a.clone())],
    );
    assert_eq!(vals(&r), vec![2.0, 4.0, 6.0, 8.0]);
    // Misaligned: f64 elements at an odd byte offset.
    let st = Arc::new(Storage::zeroed(8 * 4 + 1).unwrap());
    let mis = Array::from_parts(
        st,
        1,
        Shape::from_slice(&[4]),
        Strides::from_slice(&[8]),
        f8,
        true,
    )
    .unwrap();
    oxarray_core::iter::copy_into(&mis, &a).unwrap();
    assert!(!mis.is_aligned());
    let r = call1(&u, &[Input::Array(mis.clone()), Input::Array(a.clone())]);
    assert_eq!(vals(&r), vec![2.0, 4.0, 6.0, 8.0]);
    // Swapped and misaligned output.
    u.call(
        &[Input::Array(a.clone()), Input::Array(a.clone())],
        &[Some(mis.clone())],
        &CallOptions::default(),
    )
    .unwrap();
    assert_eq!(vals(&mis), vec![2.0, 4.0, 6.0, 8.0]);
    u.call(
        &[Input::Array(a.clone()), Input::Array(a)],
        &[Some(swapped.clone())],
        &CallOptions::default(),
    )
    .unwrap();
    assert_eq!(vals(&swapped), vec![2.0, 4.0, 6.0, 8.0]);
}

#[test]
fn overlapping_out_reads_old_values() {
    // a[1:] += a[:-1]  ->  NumPy gives [0, 1, 3, 5, 7]
    let u = t_add();
    let a = arr_f64(&[5], &[0.0, 1.0, 2.0, 3.0, 4.0]);
    // SAFETY: sub-views of `a`.
    let (hi, lo) = unsafe {
        (
            a.view_unchecked(8, Shape::from_slice(&[4]), Strides::from_slice(&[8])),
            a.view_unchecked(0, Shape::from_slice(&[4]), Strides::from_slice(&[8])),
        )
    };
    u.call(
        &[Input::Array(hi.clone()), Input::Array(lo)],
        &[Some(hi)],
        &CallOptions::default(),
    )
    .unwrap();
    assert_eq!(vals(&a), vec![0.0, 1.0, 3.0, 5.0, 7.0]);
    // In place (identical) works without copying: a += a.
    u.call(
        &[Input::Array(a.clone()), Input::Array(a.clone())],
        &[Some(a.clone())],
        &CallOptions::default(),
    )
    .unwrap();
    assert_eq!(vals(&a), vec![0.0, 2.0, 6.0, 10.0, 14.0]);
}

#[test]
fn where_leaves_masked_outputs_untouched() {
    let u = t_add();
    let a = arr_f64(&[4], &[1.0, 2.0, 3.0, 4.0]);
    let out = arr_f64(&[4], &[-1.0; 4]);
    let mask = arr_of(&[4], Builtin::Bool.dtype(), &[1.0, 0.0, 0.0, 1.0]);
    let opts = CallOptions {
        where_: Some(mask),
        ..Default::default()
    };
    u.call(
        &[Input::Array(a.clone()), Input::Array(a.clone())],
        &[Some(out.clone())],
        &opts,
    )
    .unwrap();
    assert_eq!(vals(&out), vec![2.0, -1.0, -1.0, 8.0]);
    // Buffered output (int64 out, unsafe) with a broadcast mask.
    let out = arr_of(&[2, 2], Builtin::Int64.dtype(), &[-1.0; 4]);
    let mask = arr_of(&[2], Builtin::Bool.dtype(), &[0.0, 1.0]);
    let b = arr_f64(&[2, 2], &[1.0, 2.0, 3.0, 4.0]);
    let opts = CallOptions {
        where_: Some(mask),
        casting: Casting::Unsafe,
        ..Default::default()
    };
    u.call(
        &[Input::Array(b.clone()), Input::Array(b)],
        &[Some(out.clone())],
        &opts,
    )
    .unwrap();
    assert_eq!(vals(&out), vec![-1.0, 4.0, -1.0, 8.0]);
}

#[test]
fn zero_size_and_shape_errors() {
    let u = t_add();
    let a = Array::zeros(&[0, 3], Builtin::Float64.dtype(), Order::C).unwrap();
    let b = arr_f64(&[3], &[1.0, 2.0, 3.0]);
    let r = call1(&u, &[Input::Array(a), Input::Array(b.clone())]);
    assert_eq!(r.shape(), &[0, 3]);
    let c = arr_f64(&[2], &[1.0, 2.0]);
    let e = u
        .call(
            &[Input::Array(b.clone()), Input::Array(c)],
            &[],
            &CallOptions::default(),
        )
        .unwrap_err();
    assert_eq!(
        e.message(),
        "operands could not be broadcast together with shapes (3,) (2,) "
    );
    let out = Array::zeros(&[1], Builtin::Float64.dtype(), Order::C).unwrap();
    let e = u
        .call(
            &[Input::Array(b.clone()), Input::Array(b)],
            &[Some(out)],
            &CallOptions::default(),
        )
        .unwrap_err();
    assert!(
        e.message()
            .starts_with("non-broadcastable output operand with shape (1,)"),
        "{e}"
    );
}

#[test]
fn k_order_output_and_high_rank() {
    let u = t_add();
    let a = arr_f64(&[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    let at = oxarray_core::ops::transpose(&a, None).unwrap();
    let r = call1(&u, &[Input::Array(at.clone()), Input::Array(at)]);
    assert!(r.is_f_contiguous() && !r.is_c_contiguous());
    assert_eq!(vals(&r), vec![2.0, 8.0, 4.0, 10.0, 6.0, 12.0]);
    // 40 dimensions (no rank limit).
    let mut shape = vec![1usize; 40];
    shape[39] = 2;
    shape[0] = 2;
    let big = arr_f64(&shape, &[1.0, 2.0, 3.0, 4.0]);
    let r = call1(&u, &[Input::Array(big.clone()), Input::Array(big)]);
    assert_eq!(r.ndim(), 40);
    assert_eq!(vals(&r), vec![2.0, 4.0, 6.0, 8.0]);
}

#[test]
fn fp_flags_hardware_and_software() {
    let u = t_div();
    let a = arr_f64(&[2], &[1.0, 0.0]);
    let z = arr_f64(&[2], &[0.0, 0.0]);
    let r = u
        .call(
            &[Input::Array(a.clone()), Input::Array(z)],
            &[],
            &CallOptions::default(),
        )
        .unwrap();
    if cfg!(any(target_arch = "x86_64", target_arch = "aarch64")) {
        assert_ne!(r.fpe & fpe::DIVIDE, 0);
        assert_ne!(r.fpe & fpe::INVALID, 0);
    }
    let r = u.call(
        &[Input::Array(a.clone()), Input::Array(a.clone())],
        &[],
        &CallOptions::default(),
    );
    // 1/1 and 0/0: invalid again; a clean call reports nothing.
    assert!(r.is_ok());
    let one = arr_f64(&[2], &[1.0, 2.0]);
    let r = u
        .call(
            &[Input::Array(one.clone()), Input::Array(one)],
            &[],
            &CallOptions::default(),
        )
        .unwrap();
    assert_eq!(r.fpe, 0);
    let dm = t_divmod();
    let x = arr_of(&[2], Builtin::Int64.dtype(), &[7.0, 7.0]);
    let y = arr_of(&[2], Builtin::Int64.dtype(), &[2.0, 0.0]);
    let r = dm
        .call(
            &[Input::Array(x), Input::Array(y)],
            &[],
            &CallOptions::default(),
        )
        .unwrap();
    assert_eq!(r.outputs.len(), 2);
    assert_eq!(vals(&r.outputs[0]), vec![3.0, 0.0]);
    assert_eq!(vals(&r.outputs[1]), vec![1.0, 0.0]);
    assert_eq!(r.fpe, fpe::DIVIDE);
}

#[test]
fn gufunc_inner_and_matmul() {
    let u = t_inner();
    let a = arr_f64(&[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    let b = arr_f64(&[3], &[1.0, 1.0, 1.0]);
    let r = call1(&u, &[Input::Array(a.clone()), Input::Array(b)]);
    assert_eq!(r.shape(), &[2]);
    assert_eq!(vals(&r), vec![6.0, 15.0]);
    let c = arr_f64(&[2], &[1.0, 1.0]);
    let e = u
        .call(
            &[Input::Array(a.clone()), Input::Array(c)],
            &[],
            &CallOptions::default(),
        )
        .unwrap_err();
    assert!(
        e.message().contains("mismatch in its core dimension 0"),
        "{e}"
    );
    assert!(e.message().contains("(i),(i)->()"), "{e}");
    let m = t_matmul();
    let x = arr_f64(&[3, 2], &[1.0, 0.0, 0.0, 1.0, 1.0, 1.0]);
    let r = call1(&m, &[Input::Array(a.clone()), Input::Array(x.clone())]);
    assert_eq!(r.shape(), &[2, 2]);
    assert_eq!(vals(&r), vec![4.0, 5.0, 10.0, 11.0]);
    // Vector @ matrix and matrix @ vector drop the flexible dims.
    let v = arr_f64(&[2], &[1.0, 1.0]);
    let r = call1(&m, &[Input::Array(v.clone()), Input::Array(a.clone())]);
    assert_eq!(r.shape(), &[3]);
    assert_eq!(vals(&r), vec![5.0, 7.0, 9.0]);
    let w = arr_f64(&[3], &[1.0, 1.0, 1.0]);
    let r = call1(&m, &[Input::Array(a.clone()), Input::Array(w)]);
    assert_eq!(r.shape(), &[2]);
    assert_eq!(vals(&r), vec![6.0, 15.0]);
    // Broadcast loop dims: (2,2,3) @ (3,2).
    let s = arr_f64(
        &[2, 2, 3],
        &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
    );
    let r = call1(&m, &[Input::Array(s), Input::Array(x)]);
    assert_eq!(r.shape(), &[2, 2, 2]);
    assert_eq!(vals(&r), vec![4.0, 5.0, 10.0, 11.0, 4.0, 5.0, 10.0, 11.0]);
    let e = m
        .call(
            &[Input::Array(a.clone()), Input::Array(a)],
            &[],
            &CallOptions::default(),
        )
        .unwrap_err();
    assert!(
        e.message()
            .contains("Input operand 1 has a mismatch in its core dimension 0"),
        "{e}"
    );
}
