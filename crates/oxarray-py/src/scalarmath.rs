//! The fast scalar path: `oxarray.float64(3.0) * 2.0` without the ufunc machinery, as
//! NumPy's `scalarmath.c.src` does for its scalar types.
//!
//! 1. Convert the other operand, like NumPy's `convert_to_<name>`: an oxarray scalar of
//!    exactly a concrete built-in class is a typed ("strong") value; an exact Python `float`
//!    or an `int` that fits in an `int64` is a weak value (NEP 50); a Python `bool` is a
//!    strong `bool`. Anything else (arrays, subclasses, big ints, complex, unknown objects)
//!    returns `None`: the caller takes the general path (`scalar_arith.rs`), which defers to
//!    the array path or returns `NotImplemented` exactly as before.
//! 2. The operation type: the promotion table for two strong values; for a weak Python
//!    value NumPy's NEP 50 rule (a Python int takes an integer or float scalar's type, and
//!    `int64` beside a bool; a Python float takes a float scalar's type, else `float64`).
//!    A weak int outside the scalar's range, a float that overflows a `float32`, `float16`
//!    and complex types also go to the general path, which raises or warns as NumPy does.
//! 3. Compute in the core (`oxarray_core::scalarmath`, the array loops' element
//!    functions) and report any flag through the caller's errstate as
//!    `"<what> encountered in scalar <ufunc>"`; the state is read only when a flag is up.
//! 4. Wrap: a new scalar object, or one of two cached bool scalars (NumPy's `True_` and
//!    `False_` are singletons too).

use std::sync::OnceLock;

use oxarray_core::dtype::{promote_types, Builtin, Scalar};
use oxarray_core::scalarmath::{self as sm, BinOp, Out, UnOp, Val};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyTuple;

use crate::errstate::{int_overflow_checks, report};
use crate::scalars::{make_scalar, scalar_type, PyGeneric};

/// One operand after conversion.
#[derive(Clone, Copy)]
enum Arg {
    /// A typed value (an oxarray scalar or a Python bool).
    Strong(Scalar, Builtin),
    /// A Python int that fits in an `int64`.
    WeakInt(i64),
    /// A Python float.
    WeakFloat(f64),
}

/// The type objects of the 14 concrete scalar classes, by `Builtin::index`.
static TYPES: PyOnceLock<[usize; 14]> = PyOnceLock::new();

/// The two bool scalars, `[False, True]`.
static BOOLS: PyOnceLock<[Py<PyAny>; 2]> = PyOnceLock::new();

/// `promote_types` of two built-ins, by index (`u8::MAX`: none).
static PROMOTE: OnceLock<[[u8; 14]; 14]> = OnceLock::new();

fn types(py: Python<'_>) -> &[usize; 14] {
    TYPES.get_or_init(py, || {
        let mut t = [0usize; 14];
        for b in Builtin::ALL {
            t[b.index()] = scalar_type(py, b.dtype())
                .map(|ty| ty.bind(py).as_type_ptr() as usize)
                .unwrap_or(0);
        }
        t
    })
}

fn promote(a: Builtin, b: Builtin) -> Option<Builtin> {
    let table = PROMOTE.get_or_init(|| {
        let mut t = [[u8::MAX; 14]; 14];
        for x in Builtin::ALL {
            for y in Builtin::ALL {
                if let Ok(r) = promote_types(x.dtype(), y.dtype()) {
                    if let Some(rb) = r.builtin {
                        t[x.index()][y.index()] = rb.index() as u8;
                    }
                }
            }
        }
        t
    });
    let r = table[a.index()][b.index()];
    Builtin::ALL.get(r as usize).copied()
}

/// The value and type of an oxarray scalar `slf` (any scalar class, subclasses included:
/// the operator being called is ours).
#[inline]
fn own(slf: &Bound<'_, PyGeneric>) -> Option<Arg> {
    let g = slf.get();
    Some(Arg::Strong(g.value, g.dtype.builtin?))
}

/// Step 1 for the other operand.
#[inline]
fn convert_other(o: &Bound<'_, PyAny>) -> Option<Arg> {
    let tp = o.get_type_ptr();
    // Addresses of the interpreter's static type objects (no read, so no `unsafe`).
    let (float_t, long_t, bool_t) = (
        &raw mut ffi::PyFloat_Type,
        &raw mut ffi::PyLong_Type,
        &raw mut ffi::PyBool_Type,
    );
    if tp == float_t {
        // SAFETY: `o` is exactly a Python float.
        return Some(Arg::WeakFloat(unsafe { ffi::PyFloat_AsDouble(o.as_ptr()) }));
    }
    if tp == long_t {
        let mut overflow = 0;
        // SAFETY: `o` is exactly a Python int; with an overflow the call sets no error.
        let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(o.as_ptr(), &mut overflow) };
        return (overflow == 0).then_some(Arg::WeakInt(v));
    }
    if tp == bool_t {
        return Some(Arg::Strong(
            Scalar::Bool(o.is_truthy().ok()?),
            Builtin::Bool,
        ));
    }
    let g = o.cast::<PyGeneric>().ok()?.get();
    let b = g.dtype.builtin?;
    // Exactly a concrete class: a Python subclass may override the operator.
    (types(o.py())[b.index()] == tp as usize).then_some(Arg::Strong(g.value, b))
}

/// Whether a Python int `v` is a value of `t` (NumPy raises `OverflowError` otherwise,
/// which the general path does).
fn int_fits(v: i64, t: Builtin) -> bool {
    match t {
        Builtin::Int8 => v as i8 as i64 == v,
        Builtin::Int16 => v as i16 as i64 == v,
        Builtin::Int32 => v as i32 as i64 == v,
        Builtin::UInt8 => (0..=u8::MAX as i64).contains(&v),
        Builtin::UInt16 => (0..=u16::MAX as i64).contains(&v),
        Builtin::UInt32 => (0..=u32::MAX as i64).contains(&v),
        Builtin::UInt64 => v >= 0,
        _ => true,
    }
}

/// Step 2: the operation type, both operands converted to it, and whether NumPy computes
/// this in its scalar math (the type is an operand's own, the other converts to it: integer
/// overflow checked, messages say "scalar") or, its `PROMOTION_REQUIRED` case, through the
/// ufunc (a third type: no integer overflow check, messages name the bare ufunc).
#[inline]
fn operands(a: Arg, b: Arg, op: BinOp) -> Option<(Val, Val, bool)> {
    use Builtin as B;
    // The common case first: two scalars of one type.
    if let (Arg::Strong(u, x), Arg::Strong(v, y)) = (a, b) {
        if x == y && !(x == B::Bool && op == BinOp::TrueDiv) {
            return Some((Val::from_scalar(u, x)?, Val::from_scalar(v, x)?, true));
        }
    }
    let comparison = op.is_comparison();
    let t = match (a, b) {
        (Arg::Strong(_, x), Arg::Strong(_, y)) => {
            let t = promote(x, y)?;
            // NumPy compares uint64 with a signed integer exactly, not as float64.
            if comparison && t == B::Float64 && is_mixed_u64(x, y) {
                return None;
            }
            (t, t == x || t == y)
        }
        (Arg::Strong(_, x), Arg::WeakInt(_)) | (Arg::WeakInt(_), Arg::Strong(_, x)) => match x {
            B::Bool => (B::Int64, false),
            B::Float16 | B::Complex64 | B::Complex128 => return None,
            _ => (x, true),
        },
        (Arg::Strong(_, x), Arg::WeakFloat(_)) | (Arg::WeakFloat(_), Arg::Strong(_, x)) => {
            match x {
                B::Float32 => (B::Float32, true),
                B::Float64 => (B::Float64, true),
                B::Float16 | B::Complex64 | B::Complex128 => return None,
                _ => (B::Float64, false),
            }
        }
        _ => return None,
    };
    let (t, scalar) = t;
    // Bool true division is the ufunc's (`??` has no `divide` loop: float64).
    let (t, scalar) = if t == B::Bool && op == BinOp::TrueDiv {
        (B::Float64, false)
    } else {
        (t, scalar)
    };
    Some((to_val(a, t)?, to_val(b, t)?, scalar))
}

fn is_mixed_u64(x: Builtin, y: Builtin) -> bool {
    let signed = |b: Builtin| {
        matches!(
            b,
            Builtin::Int8 | Builtin::Int16 | Builtin::Int32 | Builtin::Int64
        )
    };
    (x == Builtin::UInt64 && signed(y)) || (y == Builtin::UInt64 && signed(x))
}

#[inline]
fn to_val(a: Arg, t: Builtin) -> Option<Val> {
    match a {
        Arg::Strong(v, _) => Val::from_scalar(v, t),
        Arg::WeakInt(i) => {
            if !int_fits(i, t) {
                return None;
            }
            // Through a double, as NumPy's float setitem of a Python int.
            match t {
                Builtin::Float32 => Some(Val::F32(i as f64 as f32)),
                _ => Val::from_scalar(Scalar::Int(i), t),
            }
        }
        Arg::WeakFloat(f) => {
            let v = Val::from_scalar(Scalar::Float(f), t)?;
            // NumPy warns "overflow encountered in cast" here: the general path's business.
            match v {
                Val::F32(x) if f.is_finite() && !x.is_finite() => None,
                v => Some(v),
            }
        }
    }
}

/// Step 4: the Python object for `v`.
#[inline]
fn wrap(py: Python<'_>, v: Val) -> PyResult<Py<PyAny>> {
    if let Val::Bool(b) = v {
        return bool_scalar(py, b);
    }
    let (s, b) = v.to_scalar();
    make_scalar(py, s, b.dtype())
}

/// The cached `oxarray.bool` scalar of `b`.
pub fn bool_scalar(py: Python<'_>, b: bool) -> PyResult<Py<PyAny>> {
    let pair = BOOLS.get_or_try_init(py, || -> PyResult<[Py<PyAny>; 2]> {
        Ok([
            make_scalar(py, Scalar::Bool(false), Builtin::Bool.dtype())?,
            make_scalar(py, Scalar::Bool(true), Builtin::Bool.dtype())?,
        ])
    })?;
    Ok(pair[b as usize].clone_ref(py))
}

fn binop_name(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "scalar add",
        BinOp::Sub => "scalar subtract",
        BinOp::Mul => "scalar multiply",
        BinOp::TrueDiv => "scalar divide",
        BinOp::FloorDiv => "scalar floor_divide",
        BinOp::Rem => "scalar remainder",
        BinOp::Pow => "scalar power",
        BinOp::And => "scalar bitwise_and",
        BinOp::Or => "scalar bitwise_or",
        BinOp::Xor => "scalar bitwise_xor",
        BinOp::Lt => "scalar less",
        BinOp::Le => "scalar less_equal",
        BinOp::Eq => "scalar equal",
        BinOp::Ne => "scalar not_equal",
        BinOp::Gt => "scalar greater",
        BinOp::Ge => "scalar greater_equal",
    }
}

fn neg_power() -> PyErr {
    pyo3::exceptions::PyValueError::new_err("Integers to negative integer powers are not allowed.")
}

/// `slf <op> other` (`other <op> slf` when `reflected`), or `None` for the general path.
#[inline]
pub fn binary(
    slf: &Bound<'_, PyGeneric>,
    other: &Bound<'_, PyAny>,
    op: BinOp,
    reflected: bool,
) -> Option<PyResult<Py<PyAny>>> {
    let (mut a, mut b) = (own(slf)?, convert_other(other)?);
    if reflected {
        std::mem::swap(&mut a, &mut b);
    }
    let (x, y, scalar) = operands(a, b, op)?;
    let py = slf.py();
    let checked = scalar || int_overflow_checks(py);
    let mut fl = 0u8;
    let r = match sm::binary(op, x, y, checked, &mut fl) {
        Out::Val(v) => v,
        Out::NegativePower => return Some(Err(neg_power())),
        Out::Pair(..) | Out::Unhandled => return None,
    };
    if fl != 0 {
        let name = binop_name(op);
        // The ufunc path's messages name the bare ufunc ("divide by zero ... in divide").
        let name = if scalar { name } else { &name[7..] };
        if let Err(e) = report(py, name, fl) {
            return Some(Err(e));
        }
    }
    Some(wrap(py, r))
}

/// `divmod(slf, other)` (reflected: `divmod(other, slf)`), or `None`.
pub fn divmod(
    slf: &Bound<'_, PyGeneric>,
    other: &Bound<'_, PyAny>,
    reflected: bool,
) -> Option<PyResult<Py<PyAny>>> {
    let (mut a, mut b) = (own(slf)?, convert_other(other)?);
    if reflected {
        std::mem::swap(&mut a, &mut b);
    }
    let (x, y, scalar) = operands(a, b, BinOp::FloorDiv)?;
    let mut fl = 0u8;
    let (q, r) = match sm::divmod(x, y, &mut fl) {
        Out::Pair(q, r) => (q, r),
        _ => return None,
    };
    let py = slf.py();
    Some((|| {
        if fl != 0 {
            report(py, if scalar { "scalar divmod" } else { "divmod" }, fl)?;
        }
        Ok(PyTuple::new(py, [wrap(py, q)?, wrap(py, r)?])?
            .into_any()
            .unbind())
    })())
}

/// `<op> slf`, or `None`.
#[inline]
pub fn unary(slf: &Bound<'_, PyGeneric>, op: UnOp) -> Option<PyResult<Py<PyAny>>> {
    let Arg::Strong(v, t) = own(slf)? else {
        return None;
    };
    let x = Val::from_scalar(v, t)?;
    let mut fl = 0u8;
    let r = match sm::unary(op, x, &mut fl) {
        Out::Val(v) => v,
        _ => return None,
    };
    let py = slf.py();
    if fl != 0 {
        let name = match op {
            UnOp::Neg => "scalar negative",
            UnOp::Abs => "scalar absolute",
            UnOp::Pos => "scalar positive",
            UnOp::Invert => "scalar invert",
        };
        if let Err(e) = report(py, name, fl) {
            return Some(Err(e));
        }
    }
    Some(wrap(py, r))
}
