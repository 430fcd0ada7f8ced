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
//!
//! The operators reach this module through C slots of their own on the 14 concrete classes
//! (second half of the file, installed by [`install`] through `typeslots.rs`): the
//! commonest pairs (one type among `float64`, `int64`, `float32`, `bool`, or `float64` /
//! `int64` with a Python number) are computed with the operator fixed at compile time and
//! wrapped by `scalars::Raw` without PyO3; other scalar pairs go through steps 1-4; what
//! those decline goes to PyO3's slot (`scalar_arith.rs`), as before.

use std::sync::OnceLock;

use oxarray_core::dtype::{promote_types, Builtin, Scalar};
use oxarray_core::scalarmath::{self as sm, BinOp, Out, UnOp, Val};
use oxarray_core::ufunc::loops::fpe;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyTuple;

use crate::errstate::{int_overflow_checks, report};
use crate::scalars::{make_scalar, scalar_type, PyGeneric};

/// One operand after conversion.
#[derive(Clone, Copy)]
enum Arg {
    /// A typed value: an oxarray scalar.
    Strong(Scalar, Builtin),
    /// A Python bool (typed `bool`, but a Python number: its operators defer).
    PyBool(bool),
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
        return Some(Arg::PyBool(o.is_truthy().ok()?));
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
/// overflow checked, messages say "scalar") or through the ufunc (its `PROMOTION_REQUIRED`
/// case, a third type; and every operation that `numpy.bool`'s operators handle, which are
/// the generic array ones: no integer overflow check, messages name the bare ufunc).
///
/// `a` is the left operand. NumPy's handler is the left operand's operator when it is a
/// NumPy scalar, else the right one's (a Python number's operator returns
/// `NotImplemented`); see [`handler_is_bool`].
#[inline]
///
/// The fourth value is `fpe::CAST_OVERFLOW` when a weak Python float overflows in its
/// conversion to `float32` (NumPy's "overflow encountered in cast"), else 0.
fn operands(a: Arg, b: Arg, op: BinOp) -> Option<(Val, Val, bool, u8)> {
    use Builtin as B;
    // The common case first: two scalars of one type.
    if let (Arg::Strong(u, x), Arg::Strong(v, y)) = (a, b) {
        if x == y && x != B::Bool {
            return Some((Val::from_scalar(u, x)?, Val::from_scalar(v, x)?, true, 0));
        }
    }
    let comparison = op.is_comparison();
    let bool_handler = handler_is_bool(a, b);
    let (t, scalar) = match (a, b) {
        (Arg::Strong(_, x), Arg::Strong(_, y)) => {
            let t = promote(x, y)?;
            // NumPy compares uint64 with a signed integer exactly, not as float64.
            if comparison && t == B::Float64 && is_mixed_u64(x, y) {
                return None;
            }
            (t, !bool_handler && (t == x || t == y))
        }
        (Arg::Strong(_, x), Arg::PyBool(_)) | (Arg::PyBool(_), Arg::Strong(_, x)) => {
            (x, !bool_handler)
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
    // Bool true division is the ufunc's (`??` has no `divide` loop: float64).
    let (t, scalar) = if t == B::Bool && op == BinOp::TrueDiv {
        (B::Float64, false)
    } else {
        (t, scalar)
    };
    let (x, y) = (to_val(a, t)?, to_val(b, t)?);
    let cast = if cast_overflows(a, y) || cast_overflows(b, x) {
        fpe::CAST_OVERFLOW
    } else {
        0
    };
    Some((x, y, scalar, cast))
}

/// Whether `a` is a finite weak Python float that became infinite in its conversion to the
/// operation type (`float32`; `v` is either converted operand: only the type is read).
#[inline]
fn cast_overflows(a: Arg, v: Val) -> bool {
    match (a, v) {
        (Arg::WeakFloat(f), Val::F32(_)) => f.is_finite() && !(f as f32).is_finite(),
        _ => false,
    }
}

/// Whether NumPy's handler of `a <op> b` is `numpy.bool`'s operator (the generic array
/// path): the left operand when it is a NumPy scalar, else the right one.
#[inline]
fn handler_is_bool(a: Arg, b: Arg) -> bool {
    match (a, b) {
        (Arg::Strong(_, x), _) => x == Builtin::Bool,
        (_, Arg::Strong(_, y)) => y == Builtin::Bool,
        _ => false,
    }
}

/// Whether NumPy handles `left <op> right` (at least one an oxarray scalar) in its scalar
/// math (messages "... in scalar <ufunc>", integer overflow checked in `+ - *`) rather
/// than through the ufunc, for the operands of the general path (`scalar_arith.rs`): as
/// [`operands`] decides for the fast path, for every scalar type and Python number.
pub fn scalar_rules(left: &Bound<'_, PyAny>, right: &Bound<'_, PyAny>) -> bool {
    let (h, o) = match left.cast::<PyGeneric>() {
        Ok(g) => (g.get(), right),
        Err(_) => match right.cast::<PyGeneric>() {
            Ok(g) => (g.get(), left),
            Err(_) => return false,
        },
    };
    let Some(t) = h.dtype.builtin else {
        return false;
    };
    if t == Builtin::Bool {
        return false;
    }
    let kind = t.dtype().kind;
    if let Ok(g) = o.cast::<PyGeneric>() {
        // The other's type converts safely to this one, or this one to the other's (NumPy
        // defers to the other's scalar math); else promotion to a third type: the ufunc.
        return g
            .get()
            .dtype
            .builtin
            .and_then(|u| promote(t, u).map(|p| p == t || p == u))
            .unwrap_or(false);
    }
    if o.is_exact_instance_of::<pyo3::types::PyBool>() {
        return true;
    }
    if o.is_exact_instance_of::<pyo3::types::PyInt>() {
        return true;
    }
    if o.is_exact_instance_of::<pyo3::types::PyFloat>() {
        return matches!(kind, 'f' | 'c');
    }
    if o.is_exact_instance_of::<pyo3::types::PyComplex>() {
        return kind == 'c';
    }
    false
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
        Arg::PyBool(b) => Val::from_scalar(Scalar::Bool(b), t),
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
        // An overflow to infinity is reported by the caller (`cast_overflows`).
        Arg::WeakFloat(f) => Val::from_scalar(Scalar::Float(f), t),
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
    let (x, y, scalar, cast) = operands(a, b, op)?;
    let py = slf.py();
    let checked = scalar || int_overflow_checks(py);
    let mut fl = cast;
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
    let (x, y, scalar, cast) = operands(a, b, BinOp::FloorDiv)?;
    let mut fl = cast;
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
        if let Err(e) = report(py, unop_name(op), fl) {
            return Some(Err(e));
        }
    }
    Some(wrap(py, r))
}

// ---------------------------------------------------------------------------------------
// The operator slots of the 14 concrete classes (`typeslots.rs`).
//
// PyO3's `nb_multiply` for `__mul__`/`__rmul__` enters through its trampoline, extracts
// `self` with a subclass check, and tries `__mul__` then `__rmul__`. These slots take the
// case of this module directly: one operand exactly a concrete class (read in place, see
// `scalars::Raw`), the other one that `convert_other` accepts; anything else (subclasses,
// arrays, unknown objects) and any case `binary` declines goes to PyO3's slot, unchanged.
// ---------------------------------------------------------------------------------------

use std::ffi::{c_int, c_void};

use crate::scalars::{Raw, RAW};

/// PyO3's slot functions, by `slots()` position.
static ORIG: OnceLock<[usize; N_SLOTS]> = OnceLock::new();

/// Number of slots installed.
const N_SLOTS: usize = 16;

/// Every slot installed: (slot id, our function), in `ORIG`'s order.
fn slots() -> [(c_int, *mut c_void); N_SLOTS] {
    [
        (ffi::Py_nb_add, nb_add as *mut c_void),
        (ffi::Py_nb_subtract, nb_subtract as *mut c_void),
        (ffi::Py_nb_multiply, nb_multiply as *mut c_void),
        (ffi::Py_nb_true_divide, nb_true_divide as *mut c_void),
        (ffi::Py_nb_floor_divide, nb_floor_divide as *mut c_void),
        (ffi::Py_nb_remainder, nb_remainder as *mut c_void),
        (ffi::Py_nb_power, nb_power as *mut c_void),
        (ffi::Py_nb_and, nb_and as *mut c_void),
        (ffi::Py_nb_or, nb_or as *mut c_void),
        (ffi::Py_nb_xor, nb_xor as *mut c_void),
        (ffi::Py_nb_divmod, nb_divmod as *mut c_void),
        (ffi::Py_nb_negative, nb_negative as *mut c_void),
        (ffi::Py_nb_positive, nb_positive as *mut c_void),
        (ffi::Py_nb_absolute, nb_absolute as *mut c_void),
        (ffi::Py_nb_invert, nb_invert as *mut c_void),
        (ffi::Py_tp_richcompare, tp_richcompare as *mut c_void),
    ]
}

const I_DIVMOD: usize = 10;
const I_RICH: usize = 15;

/// The operands of the commonest cases, already in their operation type (always NumPy's
/// "scalar" case: the type is an operand's own): two scalars of one type among `float64`,
/// `int64`, `float32`, `bool`; a `float64` with a Python float or int; an `int64` with a
/// Python int that fits. `None`: the general route.
///
/// # Safety
/// Attached; `a`, `b` live.
#[inline(always)]
unsafe fn fast_vals(raw: &Raw, a: *mut ffi::PyObject, b: *mut ffi::PyObject) -> Option<(Val, Val)> {
    // SAFETY: the caller's contract.
    unsafe {
        match raw.exact(a) {
            Some(ga) => match raw.exact(b) {
                Some(gb) => same_vals(ga, gb),
                None => with_py(ga, b, false),
            },
            None => with_py(raw.exact(b)?, a, true),
        }
    }
}

/// Two scalars of one class (`tp`, both operands' type) among `float64`, `bool`,
/// `int64` and `float32`: their values by a type compare, without reading the dtype
/// (the commonest scalar operation; [`fast_vals`] covers the rest).
///
/// # Safety
/// Attached; `a`, `b` live, both of type `tp`.
#[inline(always)]
unsafe fn same_class(
    raw: &Raw,
    tp: *mut ffi::PyTypeObject,
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
) -> Option<(Val, Val)> {
    use Builtin as B;
    // SAFETY: the caller's contract; `is_class` makes `value_of` valid.
    unsafe {
        let vals = || (raw.value_of(a), raw.value_of(b));
        Some(if raw.is_class(tp, B::Float64) {
            match vals() {
                (Scalar::Float(p), Scalar::Float(q)) => (Val::F64(p), Val::F64(q)),
                _ => return None,
            }
        } else if raw.is_class(tp, B::Bool) {
            match vals() {
                (Scalar::Bool(p), Scalar::Bool(q)) => (Val::Bool(p), Val::Bool(q)),
                _ => return None,
            }
        } else if raw.is_class(tp, B::Int64) {
            match vals() {
                (Scalar::Int(p), Scalar::Int(q)) => (Val::I64(p), Val::I64(q)),
                _ => return None,
            }
        } else if raw.is_class(tp, B::Float32) {
            match vals() {
                (Scalar::Float(p), Scalar::Float(q)) => (Val::F32(p as f32), Val::F32(q as f32)),
                _ => return None,
            }
        } else {
            return None;
        })
    }
}

#[inline(always)]
fn same_vals(x: &PyGeneric, y: &PyGeneric) -> Option<(Val, Val)> {
    use Builtin as B;
    let t = x.dtype.builtin?;
    if y.dtype.builtin != Some(t) {
        return None;
    }
    Some(match (t, x.value, y.value) {
        (B::Float64, Scalar::Float(p), Scalar::Float(q)) => (Val::F64(p), Val::F64(q)),
        (B::Int64, Scalar::Int(p), Scalar::Int(q)) => (Val::I64(p), Val::I64(q)),
        (B::Float32, Scalar::Float(p), Scalar::Float(q)) => {
            (Val::F32(p as f32), Val::F32(q as f32))
        }
        (B::Bool, Scalar::Bool(p), Scalar::Bool(q)) => (Val::Bool(p), Val::Bool(q)),
        _ => return None,
    })
}

/// `g` with a Python float or int `o` (`o` first when `o_first`).
///
/// # Safety
/// Attached; `o` live.
#[inline(always)]
unsafe fn with_py(g: &PyGeneric, o: *mut ffi::PyObject, o_first: bool) -> Option<(Val, Val)> {
    use Builtin as B;
    // SAFETY: the caller's contract; the type tests come before the reads.
    let (s, w) = unsafe {
        let tp = ffi::Py_TYPE(o);
        match (g.dtype.builtin?, g.value) {
            (B::Float64, Scalar::Float(f)) => {
                if tp == &raw mut ffi::PyFloat_Type {
                    (Val::F64(f), Val::F64(ffi::PyFloat_AsDouble(o)))
                } else if tp == &raw mut ffi::PyLong_Type {
                    let mut overflow = 0;
                    let v = ffi::PyLong_AsLongLongAndOverflow(o, &mut overflow);
                    // Through a double, as NumPy converts a Python int for a float scalar
                    // (beyond `int64` too; beyond `float64`'s range: the general path).
                    let d = if overflow == 0 {
                        v as f64
                    } else {
                        let d = ffi::PyLong_AsDouble(o);
                        if d == -1.0 && !ffi::PyErr_Occurred().is_null() {
                            ffi::PyErr_Clear();
                            return None;
                        }
                        d
                    };
                    (Val::F64(f), Val::F64(d))
                } else {
                    return None;
                }
            }
            (B::Int64, Scalar::Int(i)) if tp == &raw mut ffi::PyLong_Type => {
                let mut overflow = 0;
                let v = ffi::PyLong_AsLongLongAndOverflow(o, &mut overflow);
                if overflow != 0 {
                    return None;
                }
                (Val::I64(i), Val::I64(v))
            }
            _ => return None,
        }
    };
    Some(if o_first { (w, s) } else { (s, w) })
}

/// `x <op> y` on the fast operands, as a C result; `None`: the general route.
#[inline(always)]
fn fast_compute(
    py: Python<'_>,
    raw: &Raw,
    x: Val,
    y: Val,
    op: BinOp,
) -> Option<*mut ffi::PyObject> {
    let mut fl = 0u8;
    match sm::binary_inline(op, x, y, true, &mut fl) {
        Out::Val(r) if fl == 0 => Some(wrap_raw(raw, r)),
        Out::Val(r) => guard(py, || {
            Some(report(py, binop_name(op), fl).and_then(|()| wrap(py, r)))
        }),
        Out::NegativePower => {
            neg_power().restore(py);
            Some(std::ptr::null_mut())
        }
        Out::Pair(..) | Out::Unhandled => None,
    }
}

/// The object for `v`, as [`wrap`] without PyO3 (a new reference, or null with the error).
#[inline(always)]
fn wrap_raw(raw: &Raw, v: Val) -> *mut ffi::PyObject {
    if let Val::Bool(b) = v {
        if let Some(p) = BOOL_PTRS.get() {
            let o = p[b as usize] as *mut ffi::PyObject;
            // SAFETY: attached (called from a slot); the bool scalars live forever.
            unsafe { ffi::Py_INCREF(o) };
            return o;
        }
    }
    let (s, b) = v.to_scalar();
    // SAFETY: attached; the dtype is `b`'s.
    unsafe {
        raw.new_object(
            b,
            PyGeneric {
                value: s,
                dtype: b.dtype(),
            },
        )
    }
}

/// The two bool scalars as raw pointers (leaked references), for [`wrap_raw`].
static BOOL_PTRS: OnceLock<[usize; 2]> = OnceLock::new();

/// Convert a raw operand (`convert_other` without PyO3's type checks).
///
/// # Safety
/// Attached; `o` live.
#[inline(always)]
unsafe fn convert_raw(raw: &Raw, o: *mut ffi::PyObject) -> Option<Arg> {
    // SAFETY: the caller's contract.
    unsafe {
        if let Some(g) = raw.exact(o) {
            return Some(Arg::Strong(g.value, g.dtype.builtin?));
        }
        let tp = ffi::Py_TYPE(o);
        if tp == &raw mut ffi::PyFloat_Type {
            return Some(Arg::WeakFloat(ffi::PyFloat_AsDouble(o)));
        }
        if tp == &raw mut ffi::PyLong_Type {
            let mut overflow = 0;
            let v = ffi::PyLong_AsLongLongAndOverflow(o, &mut overflow);
            return (overflow == 0).then_some(Arg::WeakInt(v));
        }
        if tp == &raw mut ffi::PyBool_Type {
            return Some(Arg::PyBool(o == ffi::Py_True()));
        }
        None
    }
}

/// The operands of a binary slot when one is exactly a concrete class.
///
/// # Safety
/// Attached; `a`, `b` live.
#[inline(always)]
unsafe fn raw_pair(raw: &Raw, a: *mut ffi::PyObject, b: *mut ffi::PyObject) -> Option<(Arg, Arg)> {
    // SAFETY: the caller's contract.
    unsafe {
        if let Some(g) = raw.exact(a) {
            Some((Arg::Strong(g.value, g.dtype.builtin?), convert_raw(raw, b)?))
        } else if let Some(g) = raw.exact(b) {
            Some((convert_raw(raw, a)?, Arg::Strong(g.value, g.dtype.builtin?)))
        } else {
            None
        }
    }
}

/// `a <op> b` on converted operands, or `None` (the general path).
#[inline(always)]
fn compute(py: Python<'_>, a: Arg, b: Arg, op: BinOp) -> Option<PyResult<Py<PyAny>>> {
    let (x, y, scalar, cast) = operands(a, b, op)?;
    let checked = scalar || int_overflow_checks(py);
    let mut fl = cast;
    let r = match sm::binary(op, x, y, checked, &mut fl) {
        Out::Val(v) => v,
        Out::NegativePower => return Some(Err(neg_power())),
        Out::Pair(..) | Out::Unhandled => return None,
    };
    if fl != 0 {
        let name = binop_name(op);
        let name = if scalar { name } else { &name[7..] };
        if let Err(e) = report(py, name, fl) {
            return Some(Err(e));
        }
    }
    Some(wrap(py, r))
}

/// A result for C: a new reference, or null with the error set.
#[inline(always)]
fn to_c(py: Python<'_>, r: PyResult<Py<PyAny>>) -> *mut ffi::PyObject {
    match r {
        Ok(o) => o.into_ptr(),
        Err(e) => {
            e.restore(py);
            std::ptr::null_mut()
        }
    }
}

/// Run `f` without letting a panic unwind into C.
#[inline(always)]
fn guard(
    py: Python<'_>,
    f: impl FnOnce() -> Option<PyResult<Py<PyAny>>>,
) -> Option<*mut ffi::PyObject> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(None) => None,
        Ok(Some(r)) => Some(to_c(py, r)),
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic in scalar math".to_string());
            pyo3::panic::PanicException::new_err(msg).restore(py);
            Some(std::ptr::null_mut())
        }
    }
}

/// PyO3's function at `slots()` position `i`.
#[inline(always)]
fn orig(i: usize) -> usize {
    ORIG.get().map_or(0, |o| o[i])
}

/// The binary operators by a `u8` (const generic) code, `BinOp as u8` order.
const BINOPS: [BinOp; 16] = [
    BinOp::Add,
    BinOp::Sub,
    BinOp::Mul,
    BinOp::TrueDiv,
    BinOp::FloorDiv,
    BinOp::Rem,
    BinOp::Pow,
    BinOp::And,
    BinOp::Or,
    BinOp::Xor,
    BinOp::Lt,
    BinOp::Le,
    BinOp::Eq,
    BinOp::Ne,
    BinOp::Gt,
    BinOp::Ge,
];

/// A binary operation from a slot (`OP`: a [`BINOPS`] index, so each slot is compiled for
/// its operator): the fast case, the general scalar case, else `None` (PyO3's slot).
///
/// # Safety
/// Attached; `a`, `b` live.
#[inline(always)]
unsafe fn binary_raw<const OP: u8>(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
) -> Option<*mut ffi::PyObject> {
    let op = BINOPS[OP as usize];
    let raw = RAW.get()?;
    // SAFETY: the caller's contract.
    unsafe {
        let py = Python::assume_attached();
        let tp = ffi::Py_TYPE(a);
        if tp == ffi::Py_TYPE(b) {
            if let Some((x, y)) = same_class(raw, tp, a, b) {
                if let Some(r) = fast_compute(py, raw, x, y, op) {
                    return Some(r);
                }
            }
        }
        if let Some((x, y)) = fast_vals(raw, a, b) {
            if let Some(r) = fast_compute(py, raw, x, y, op) {
                return Some(r);
            }
        }
        let (x, y) = raw_pair(raw, a, b)?;
        guard(py, || compute(py, x, y, op))
    }
}

/// The comparisons and bitwise operators of two scalars of one class whose result is a
/// `bool` (one of the two bool scalars, no allocation and no flags): the case a slot
/// answers before anything else, kept free of calls so that the slot's fast path needs
/// no stack frame (NumPy's `bool_arrtype_and` and `double_richcompare` are ~30-50
/// instructions; the general route costs a frame of six saved registers).
///
/// # Safety
/// Attached; `a`, `b` live.
#[inline(always)]
unsafe fn bool_result<const OP: u8>(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
) -> Option<*mut ffi::PyObject> {
    let op = BINOPS[OP as usize];
    if !matches!(
        op,
        BinOp::Lt
            | BinOp::Le
            | BinOp::Eq
            | BinOp::Ne
            | BinOp::Gt
            | BinOp::Ge
            | BinOp::And
            | BinOp::Or
            | BinOp::Xor
    ) {
        return None;
    }
    // SAFETY: the caller's contract.
    unsafe {
        let tp = ffi::Py_TYPE(a);
        if tp != ffi::Py_TYPE(b) {
            return None;
        }
        let raw = RAW.get()?;
        let (x, y) = same_class(raw, tp, a, b)?;
        let mut fl = 0u8;
        match sm::binary_inline(op, x, y, true, &mut fl) {
            Out::Val(Val::Bool(r)) if fl == 0 => {
                let o = BOOL_PTRS.get()?[r as usize] as *mut ffi::PyObject;
                ffi::Py_INCREF(o);
                Some(o)
            }
            _ => None,
        }
    }
}

/// A binary slot: [`bool_result`], else [`binary_slow`].
///
/// # Safety
/// Called by CPython as a `binaryfunc` with the GIL held.
#[inline(always)]
unsafe fn binary_slot<const OP: u8>(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    i: usize,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls slots attached to the interpreter, with live operands.
    unsafe {
        if let Some(r) = bool_result::<OP>(a, b) {
            return r;
        }
        binary_slow::<OP>(a, b, i)
    }
}

/// [`binary_raw`], else PyO3's function at `slots()` position `i` (out of line: the
/// frame it needs is not paid by [`bool_result`]'s cases).
///
/// # Safety
/// As [`binary_slot`].
#[inline(never)]
unsafe fn binary_slow<const OP: u8>(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    i: usize,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls slots attached to the interpreter, with live operands.
    unsafe {
        if let Some(r) = binary_raw::<OP>(a, b) {
            return r;
        }
        let f: ffi::binaryfunc = std::mem::transmute(orig(i));
        f(a, b)
    }
}

macro_rules! binslot {
    ($name:ident, $op:expr, $i:expr) => {
        unsafe extern "C" fn $name(
            a: *mut ffi::PyObject,
            b: *mut ffi::PyObject,
        ) -> *mut ffi::PyObject {
            // SAFETY: called by CPython as a `binaryfunc`.
            unsafe { binary_slot::<{ $op as u8 }>(a, b, $i) }
        }
    };
}

binslot!(nb_add, BinOp::Add, 0);
binslot!(nb_subtract, BinOp::Sub, 1);
binslot!(nb_multiply, BinOp::Mul, 2);
binslot!(nb_true_divide, BinOp::TrueDiv, 3);
binslot!(nb_floor_divide, BinOp::FloorDiv, 4);
binslot!(nb_remainder, BinOp::Rem, 5);
binslot!(nb_and, BinOp::And, 7);
binslot!(nb_or, BinOp::Or, 8);
binslot!(nb_xor, BinOp::Xor, 9);

unsafe extern "C" fn nb_power(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    c: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: called by CPython as a `ternaryfunc`, attached, live operands.
    unsafe {
        if c == ffi::Py_None() {
            if let Some(r) = binary_raw::<{ BinOp::Pow as u8 }>(a, b) {
                return r;
            }
        }
        let f: ffi::ternaryfunc = std::mem::transmute(orig(6));
        f(a, b, c)
    }
}

unsafe extern "C" fn nb_divmod(a: *mut ffi::PyObject, b: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: called by CPython as a `binaryfunc`, attached, live operands.
    unsafe {
        let py = Python::assume_attached();
        if let Some((x, y)) = RAW.get().and_then(|raw| raw_pair(raw, a, b)) {
            let r = guard(py, || {
                let (x, y, scalar, cast) = operands(x, y, BinOp::FloorDiv)?;
                let mut fl = cast;
                let (q, r) = match sm::divmod(x, y, &mut fl) {
                    Out::Pair(q, r) => (q, r),
                    _ => return None,
                };
                Some((|| {
                    if fl != 0 {
                        report(py, if scalar { "scalar divmod" } else { "divmod" }, fl)?;
                    }
                    Ok(PyTuple::new(py, [wrap(py, q)?, wrap(py, r)?])?
                        .into_any()
                        .unbind())
                })())
            });
            if let Some(r) = r {
                return r;
            }
        }
        let f: ffi::binaryfunc = std::mem::transmute(orig(I_DIVMOD));
        f(a, b)
    }
}

/// A unary slot.
///
/// # Safety
/// Called by CPython as a `unaryfunc`.
#[inline(always)]
unsafe fn unary_slot(a: *mut ffi::PyObject, op: UnOp, i: usize) -> *mut ffi::PyObject {
    // SAFETY: called attached, with a live operand.
    unsafe {
        let py = Python::assume_attached();
        let raw = RAW.get();
        if let Some(g) = raw.and_then(|raw| raw.exact(a)) {
            let (v, dt) = (g.value, g.dtype);
            let x = match (dt.builtin, v) {
                (Some(Builtin::Float64), Scalar::Float(f)) => Some(Val::F64(f)),
                (Some(Builtin::Int64), Scalar::Int(i)) => Some(Val::I64(i)),
                _ => None,
            };
            if let (Some(x), Some(raw)) = (x, raw) {
                let mut fl = 0u8;
                if let Out::Val(r) = sm::unary(op, x, &mut fl) {
                    if fl == 0 {
                        return wrap_raw(raw, r);
                    }
                }
            }
            let r = guard(py, || {
                let x = Val::from_scalar(v, dt.builtin?)?;
                let mut fl = 0u8;
                let r = match sm::unary(op, x, &mut fl) {
                    Out::Val(v) => v,
                    _ => return None,
                };
                if fl != 0 {
                    if let Err(e) = report(py, unop_name(op), fl) {
                        return Some(Err(e));
                    }
                }
                Some(wrap(py, r))
            });
            if let Some(r) = r {
                return r;
            }
        }
        let f: ffi::unaryfunc = std::mem::transmute(orig(i));
        f(a)
    }
}

macro_rules! unslot {
    ($name:ident, $op:expr, $i:expr) => {
        unsafe extern "C" fn $name(a: *mut ffi::PyObject) -> *mut ffi::PyObject {
            // SAFETY: called by CPython as a `unaryfunc`.
            unsafe { unary_slot(a, $op, $i) }
        }
    };
}

unslot!(nb_negative, UnOp::Neg, 11);
unslot!(nb_positive, UnOp::Pos, 12);
unslot!(nb_absolute, UnOp::Abs, 13);
unslot!(nb_invert, UnOp::Invert, 14);

unsafe extern "C" fn tp_richcompare(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    op: c_int,
) -> *mut ffi::PyObject {
    // SAFETY: called by CPython as a `richcmpfunc`, attached; `a` is of this type.
    unsafe {
        let quick = match op {
            ffi::Py_LT => bool_result::<{ BinOp::Lt as u8 }>(a, b),
            ffi::Py_LE => bool_result::<{ BinOp::Le as u8 }>(a, b),
            ffi::Py_EQ => bool_result::<{ BinOp::Eq as u8 }>(a, b),
            ffi::Py_NE => bool_result::<{ BinOp::Ne as u8 }>(a, b),
            ffi::Py_GT => bool_result::<{ BinOp::Gt as u8 }>(a, b),
            ffi::Py_GE => bool_result::<{ BinOp::Ge as u8 }>(a, b),
            _ => None,
        };
        match quick {
            Some(r) => r,
            None => richcompare_slow(a, b, op),
        }
    }
}

/// [`tp_richcompare`] beyond [`bool_result`]'s cases (out of line, as [`binary_slow`]).
///
/// # Safety
/// As [`tp_richcompare`].
#[inline(never)]
unsafe fn richcompare_slow(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    op: c_int,
) -> *mut ffi::PyObject {
    // SAFETY: the caller's contract.
    unsafe {
        let fast = match op {
            ffi::Py_LT => binary_raw::<{ BinOp::Lt as u8 }>(a, b),
            ffi::Py_LE => binary_raw::<{ BinOp::Le as u8 }>(a, b),
            ffi::Py_EQ => binary_raw::<{ BinOp::Eq as u8 }>(a, b),
            ffi::Py_NE => binary_raw::<{ BinOp::Ne as u8 }>(a, b),
            ffi::Py_GT => binary_raw::<{ BinOp::Gt as u8 }>(a, b),
            ffi::Py_GE => binary_raw::<{ BinOp::Ge as u8 }>(a, b),
            _ => None,
        };
        if let Some(r) = fast {
            return r;
        }
        let f: ffi::richcmpfunc = std::mem::transmute(orig(I_RICH));
        f(a, b, op)
    }
}

/// Put the slots above on the 14 concrete classes (after `scalars::register`), keeping
/// PyO3's functions for the cases they decline. Nothing is installed unless every class
/// passed `typeslots::verified` and has the same PyO3 function in each slot.
pub fn install(py: Python<'_>) -> PyResult<()> {
    if RAW.get().is_none() {
        return Ok(());
    }
    let tys: Vec<Bound<'_, pyo3::types::PyType>> = Builtin::ALL
        .iter()
        .map(|b| scalar_type(py, b.dtype()).map(|t| t.into_bound(py)))
        .collect::<PyResult<_>>()?;
    let pair = [
        bool_scalar(py, false)?.into_ptr() as usize,
        bool_scalar(py, true)?.into_ptr() as usize,
    ];
    // SAFETY: `scalars::install_raw` verified the types; each function handles every
    // object by passing what it declines to PyO3's
    // function, saved in ORIG before any slot changes.
    unsafe {
        crate::typeslots::override_slots(&tys, &slots(), |orig| {
            let _ = BOOL_PTRS.set(pair);
            let _ = ORIG.set(orig);
        });
    }
    Ok(())
}

fn unop_name(op: UnOp) -> &'static str {
    match op {
        UnOp::Neg => "scalar negative",
        UnOp::Abs => "scalar absolute",
        UnOp::Pos => "scalar positive",
        UnOp::Invert => "scalar invert",
    }
}
