//! Test ufuncs with hand-written loops, so the engine is tested independently of the
//! kernels. Each test binary registers them under its own names.

#![allow(dead_code)]

use std::sync::Arc;

use oxarray_core::dtype::{Builtin, DType, Scalar};
use oxarray_core::ufunc::loops::{
    fpe, Identity, LoopContext, LoopEntry, LoopFn, LoopResult, ResolverHint, UfuncDef,
};
use oxarray_core::ufunc::{lookup, register_ufunc, Ufunc};
use oxarray_core::{Array, Order};

macro_rules! binary_loop {
    ($name:ident, $t:ty, $op:expr) => {
        pub unsafe fn $name(
            _ctx: &LoopContext<'_>,
            ptrs: &[*mut u8],
            len: usize,
            strides: &[isize],
        ) -> LoopResult {
            let f: fn($t, $t) -> $t = $op;
            for i in 0..len as isize {
                // SAFETY: the loop contract: valid, aligned elements at these offsets.
                unsafe {
                    let a = *(ptrs[0].offset(i * strides[0]) as *const $t);
                    let b = *(ptrs[1].offset(i * strides[1]) as *const $t);
                    *(ptrs[2].offset(i * strides[2]) as *mut $t) = f(a, b);
                }
            }
            Ok(())
        }
    };
}

binary_loop!(add_f64, f64, |a, b| a + b);
binary_loop!(add_f32, f32, |a, b| a + b);
binary_loop!(add_i64, i64, |a, b| a.wrapping_add(b));
binary_loop!(add_i32, i32, |a, b| a.wrapping_add(b));
binary_loop!(sub_f64, f64, |a, b| a - b);
binary_loop!(sub_i64, i64, |a, b| a.wrapping_sub(b));
binary_loop!(max_f64, f64, |a, b| if a >= b || a.is_nan() {
    a
} else {
    b
});
binary_loop!(max_i64, i64, |a, b| a.max(b));
binary_loop!(div_f64, f64, |a, b| a / b);
binary_loop!(forty_two_f64, f64, |_, _| 42.0);

/// sqrt, unary f64.
pub unsafe fn sqrt_f64(
    _ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    for i in 0..len as isize {
        // SAFETY: loop contract.
        unsafe {
            let a = *(ptrs[0].offset(i * strides[0]) as *const f64);
            *(ptrs[1].offset(i * strides[1]) as *mut f64) = a.sqrt();
        }
    }
    Ok(())
}

/// divmod for i64 with two outputs; division by zero raises DIVIDE in software.
pub unsafe fn divmod_i64(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    for i in 0..len as isize {
        // SAFETY: loop contract.
        unsafe {
            let a = *(ptrs[0].offset(i * strides[0]) as *const i64);
            let b = *(ptrs[1].offset(i * strides[1]) as *const i64);
            let (q, r) = if b == 0 {
                ctx.raise(fpe::DIVIDE);
                (0, 0)
            } else {
                (a.div_euclid(b), a.rem_euclid(b))
            };
            *(ptrs[2].offset(i * strides[2]) as *mut i64) = q;
            *(ptrs[3].offset(i * strides[3]) as *mut i64) = r;
        }
    }
    Ok(())
}

/// Inner product gufunc `(i),(i)->()` over f64.
pub unsafe fn inner_f64(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    let n = ctx.core_dims[0];
    let (sa, sb) = (ctx.core_strides[0], ctx.core_strides[1]);
    for k in 0..len as isize {
        let mut acc = 0.0;
        for j in 0..n as isize {
            // SAFETY: loop contract, core block at the core strides.
            unsafe {
                acc += *(ptrs[0].offset(k * strides[0] + j * sa) as *const f64)
                    * *(ptrs[1].offset(k * strides[1] + j * sb) as *const f64);
            }
        }
        // SAFETY: loop contract.
        unsafe { *(ptrs[2].offset(k * strides[2]) as *mut f64) = acc };
    }
    Ok(())
}

/// Matrix product gufunc `(n?,k),(k,m?)->(n?,m?)` over f64 (naive).
pub unsafe fn matmul_f64(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    let (n, k, m) = (ctx.core_dims[0], ctx.core_dims[1], ctx.core_dims[2]);
    let cs = ctx.core_strides;
    let (a_n, a_k, b_k, b_m, o_n, o_m) = (cs[0], cs[1], cs[2], cs[3], cs[4], cs[5]);
    for l in 0..len as isize {
        for i in 0..n as isize {
            for j in 0..m as isize {
                let mut acc = 0.0;
                for p in 0..k as isize {
                    // SAFETY: loop contract.
                    unsafe {
                        acc += *(ptrs[0].offset(l * strides[0] + i * a_n + p * a_k) as *const f64)
                            * *(ptrs[1].offset(l * strides[1] + p * b_k + j * b_m) as *const f64);
                    }
                }
                // SAFETY: loop contract.
                unsafe { *(ptrs[2].offset(l * strides[2] + i * o_n + j * o_m) as *mut f64) = acc };
            }
        }
    }
    Ok(())
}

pub fn d(b: Builtin) -> DType {
    b.dtype()
}

fn entry(types: &[Builtin], f: LoopFn) -> LoopEntry {
    LoopEntry::new(types.iter().map(|b| b.dtype()).collect(), f)
}

fn get_or_register(def: UfuncDef) -> Arc<Ufunc> {
    let name = def.name;
    match register_ufunc(def) {
        Ok(u) => u,
        Err(_) => lookup(name).expect("registered"),
    }
}

use Builtin::{Float32 as F4, Float64 as F8, Int32 as I4, Int64 as I8};

pub fn t_add() -> Arc<Ufunc> {
    get_or_register(UfuncDef {
        name: "t_add",
        nin: 2,
        nout: 1,
        identity: Identity::Value(Scalar::Int(0)),
        signature: None,
        resolver: ResolverHint::Uniform,
        doc: "test add",
        loops: vec![
            entry(&[I4, I4, I4], add_i32),
            entry(&[I8, I8, I8], add_i64),
            entry(&[F4, F4, F4], add_f32),
            entry(&[F8, F8, F8], add_f64),
        ],
    })
}

pub fn t_sub() -> Arc<Ufunc> {
    get_or_register(UfuncDef {
        name: "t_sub",
        nin: 2,
        nout: 1,
        identity: Identity::None,
        signature: None,
        resolver: ResolverHint::Uniform,
        doc: "test subtract",
        loops: vec![entry(&[I8, I8, I8], sub_i64), entry(&[F8, F8, F8], sub_f64)],
    })
}

pub fn t_max() -> Arc<Ufunc> {
    get_or_register(UfuncDef {
        name: "t_max",
        nin: 2,
        nout: 1,
        identity: Identity::ReorderableNone,
        signature: None,
        resolver: ResolverHint::Uniform,
        doc: "test maximum",
        loops: vec![entry(&[I8, I8, I8], max_i64), entry(&[F8, F8, F8], max_f64)],
    })
}

pub fn t_div() -> Arc<Ufunc> {
    get_or_register(UfuncDef {
        name: "t_div",
        nin: 2,
        nout: 1,
        identity: Identity::None,
        signature: None,
        resolver: ResolverHint::Default,
        doc: "test divide",
        loops: vec![entry(&[F8, F8, F8], div_f64)],
    })
}

pub fn t_sqrt() -> Arc<Ufunc> {
    get_or_register(UfuncDef {
        name: "t_sqrt",
        nin: 1,
        nout: 1,
        identity: Identity::None,
        signature: None,
        resolver: ResolverHint::Default,
        doc: "test sqrt",
        loops: vec![entry(&[F8, F8], sqrt_f64)],
    })
}

pub fn t_divmod() -> Arc<Ufunc> {
    get_or_register(UfuncDef {
        name: "t_divmod",
        nin: 2,
        nout: 2,
        identity: Identity::None,
        signature: None,
        resolver: ResolverHint::Default,
        doc: "test divmod",
        loops: vec![entry(&[I8, I8, I8, I8], divmod_i64)],
    })
}

pub fn t_inner() -> Arc<Ufunc> {
    get_or_register(UfuncDef {
        name: "t_inner",
        nin: 2,
        nout: 1,
        identity: Identity::None,
        signature: Some("(i),(i)->()"),
        resolver: ResolverHint::Default,
        doc: "test inner product",
        loops: vec![entry(&[F8, F8, F8], inner_f64)],
    })
}

pub fn t_matmul() -> Arc<Ufunc> {
    get_or_register(UfuncDef {
        name: "t_matmul",
        nin: 2,
        nout: 1,
        identity: Identity::None,
        signature: Some("(n?,k),(k,m?)->(n?,m?)"),
        resolver: ResolverHint::Default,
        doc: "test matmul",
        loops: vec![entry(&[F8, F8, F8], matmul_f64)],
    })
}

/// A C-ordered array from f64 values.
pub fn arr_f64(shape: &[usize], vals: &[f64]) -> Array {
    let a = Array::zeros(shape, F8.dtype(), Order::C).unwrap();
    let mut k = 0;
    a.for_each_ptr(|p| {
        // SAFETY: p is an element of the fresh array.
        unsafe { (p as *mut f64).write(vals[k]) };
        k += 1;
    });
    a
}

/// A C-ordered array of `dt` from values (cast through Scalar).
pub fn arr_of(shape: &[usize], dt: DType, vals: &[f64]) -> Array {
    let a = Array::zeros(shape, dt, Order::C).unwrap();
    let mut k = 0;
    a.for_each_ptr(|p| {
        // SAFETY: p is an element of the fresh array.
        unsafe { dt.set(p, &Scalar::Float(vals[k])).unwrap() };
        k += 1;
    });
    a
}

/// Elements in C order as f64.
pub fn vals(a: &Array) -> Vec<f64> {
    let mut v = Vec::new();
    let dt = a.dtype();
    a.for_each_ptr(|p| {
        // SAFETY: p is an element of `a`.
        let s = unsafe { dt.get(p) };
        v.push(match s {
            Scalar::Bool(b) => b as i64 as f64,
            Scalar::Int(i) => i as f64,
            Scalar::UInt(u) => u as f64,
            Scalar::Float(f) => f,
            Scalar::Complex(c) => c.re,
            Scalar::Ref(_) => f64::NAN,
        })
    });
    v
}
