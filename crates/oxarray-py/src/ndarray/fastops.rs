//! C slots of `ndarray`'s operators (`a + b`, `a < b`, `a += b`, `-a`, ...) that skip
//! PyO3's trampoline for the common operands, as `scalarmath.rs` does for the scalars.
//!
//! 1. The fast case: every operand is exactly an `ndarray` (not a subclass), an exact
//!    Python `float` or an exact Python `int`, and at least one is an `ndarray`. None of
//!    these can override the operator (no `__array_ufunc__`, no `__array_priority__`), so
//!    `arithmetic::binop` would take them as they are and call `call_ufunc`, which tries
//!    `call_direct` first. The slot calls `call_direct` itself with the operands in slot
//!    order (CPython passes `(left, right)` for both `__add__` and `__radd__`).
//! 2. Everything else, and every call `call_direct` declines (`Ok(None)`: nothing done),
//!    goes to PyO3's original slot (saved at install), so subclasses, deferral,
//!    `NotImplemented`, conversion of lists, big ints, `errstate` and the error messages
//!    are exactly those of `arithmetic.rs`.
//! 3. In-place operators pass `out=self` (what `arithmetic::inplace` does) and return
//!    `self` with a new reference (what PyO3 does for a `__iadd__` returning `()`).
//! 4. `**`, `@` and `divmod` keep PyO3's slots (their special cases live in
//!    `arithmetic.rs`).

use std::ffi::{c_int, c_void};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use pyo3::ffi;
use pyo3::prelude::*;

use super::PyArray;
use crate::ufunc::{call_direct, op, Op};

/// The `ndarray` type object (0: not installed).
static NDARRAY: AtomicUsize = AtomicUsize::new(0);

/// PyO3's functions of the slots replaced, by the index in [`SLOTS`].
static ORIG: OnceLock<[usize; N]> = OnceLock::new();

/// Whether `o` is one of the fast-case operand types.
///
/// # Safety
/// `o` is a live object.
#[inline(always)]
unsafe fn fast_operand(o: *mut ffi::PyObject, nd: usize) -> bool {
    // SAFETY: the caller's contract.
    let t = unsafe { ffi::Py_TYPE(o) };
    t as usize == nd || t == &raw mut ffi::PyFloat_Type || t == &raw mut ffi::PyLong_Type
}

/// Run `call_direct`; `None`: declined (nothing done).
///
/// # Safety
/// Attached; the pointers are live objects for the call.
#[inline]
unsafe fn direct(
    o: Op,
    args: &[*mut ffi::PyObject],
    out: Option<*mut ffi::PyObject>,
) -> Option<*mut ffi::PyObject> {
    // SAFETY: the caller's contract.
    unsafe {
        let py = Python::assume_attached();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let b: [Borrowed<'_, '_, PyAny>; 2] = [
                Borrowed::from_ptr(py, args[0]),
                Borrowed::from_ptr(py, *args.get(1).unwrap_or(&args[0])),
            ];
            let refs: [&Bound<'_, PyAny>; 2] = [&b[0], &b[1]];
            let out_b = out.map(|p| Borrowed::from_ptr(py, p));
            call_direct(py, op(o), &refs[..args.len()], out_b.as_deref())
        }));
        match r {
            Ok(Ok(Some(r))) => Some(r.into_ptr()),
            Ok(Ok(None)) => None,
            Ok(Err(e)) => {
                e.restore(py);
                Some(std::ptr::null_mut())
            }
            Err(_) => {
                pyo3::panic::PanicException::new_err("panic in an ndarray operator").restore(py);
                Some(std::ptr::null_mut())
            }
        }
    }
}

#[inline(always)]
fn nd() -> usize {
    NDARRAY.load(Ordering::Relaxed)
}

#[inline(always)]
fn orig(i: usize) -> usize {
    ORIG.get().expect("installed")[i]
}

/// `a <op> b` for a binary number slot.
///
/// # Safety
/// Called by CPython as a `binaryfunc` of `ndarray` (or a subclass inheriting it).
#[inline(always)]
unsafe fn binary(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    o: Op,
    i: usize,
) -> *mut ffi::PyObject {
    // SAFETY: the caller's contract; ORIG holds PyO3's `binaryfunc` of this slot.
    unsafe {
        let n = nd();
        if (ffi::Py_TYPE(a) as usize == n || ffi::Py_TYPE(b) as usize == n)
            && fast_operand(a, n)
            && fast_operand(b, n)
        {
            if let Some(r) = direct(o, &[a, b], None) {
                return r;
            }
        }
        let f: ffi::binaryfunc = std::mem::transmute(orig(i));
        f(a, b)
    }
}

/// `a <op>= b`.
///
/// # Safety
/// As [`binary`].
#[inline(always)]
unsafe fn inplace(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    o: Op,
    i: usize,
) -> *mut ffi::PyObject {
    // SAFETY: as `binary`.
    unsafe {
        let n = nd();
        if ffi::Py_TYPE(a) as usize == n && fast_operand(b, n) {
            if let Some(r) = direct(o, &[a, b], Some(a)) {
                return r;
            }
        }
        let f: ffi::binaryfunc = std::mem::transmute(orig(i));
        f(a, b)
    }
}

/// `<op> a`.
///
/// # Safety
/// Called by CPython as a `unaryfunc` of `ndarray` (or a subclass inheriting it).
#[inline(always)]
unsafe fn unary(a: *mut ffi::PyObject, o: Op, i: usize) -> *mut ffi::PyObject {
    // SAFETY: as `binary`.
    unsafe {
        if ffi::Py_TYPE(a) as usize == nd() {
            if let Some(r) = direct(o, &[a], None) {
                return r;
            }
        }
        let f: ffi::unaryfunc = std::mem::transmute(orig(i));
        f(a)
    }
}

unsafe extern "C" fn richcompare(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    cmp: c_int,
) -> *mut ffi::PyObject {
    // SAFETY: called by CPython as the `richcmpfunc` of `ndarray`; ORIG holds PyO3's.
    unsafe {
        let n = nd();
        if ffi::Py_TYPE(a) as usize == n && fast_operand(b, n) {
            let o = match cmp {
                ffi::Py_LT => Some(Op::Less),
                ffi::Py_LE => Some(Op::LessEqual),
                ffi::Py_EQ => Some(Op::Equal),
                ffi::Py_NE => Some(Op::NotEqual),
                ffi::Py_GT => Some(Op::Greater),
                ffi::Py_GE => Some(Op::GreaterEqual),
                _ => None,
            };
            if let Some(o) = o {
                if let Some(r) = direct(o, &[a, b], None) {
                    return r;
                }
            }
        }
        let f: ffi::richcmpfunc = std::mem::transmute(orig(I_RICH));
        f(a, b, cmp)
    }
}

macro_rules! binary_slots {
    ($($name:ident, $kind:ident, $op:ident, $i:expr;)*) => {
        $(
            unsafe extern "C" fn $name(
                a: *mut ffi::PyObject,
                b: *mut ffi::PyObject,
            ) -> *mut ffi::PyObject {
                // SAFETY: called by CPython as this slot's function.
                unsafe { $kind(a, b, Op::$op, $i) }
            }
        )*
    };
}

binary_slots! {
    nb_add, binary, Add, 0;
    nb_subtract, binary, Subtract, 1;
    nb_multiply, binary, Multiply, 2;
    nb_true_divide, binary, Divide, 3;
    nb_floor_divide, binary, FloorDivide, 4;
    nb_remainder, binary, Remainder, 5;
    nb_and, binary, BitwiseAnd, 6;
    nb_or, binary, BitwiseOr, 7;
    nb_xor, binary, BitwiseXor, 8;
    nb_lshift, binary, LeftShift, 9;
    nb_rshift, binary, RightShift, 10;
    nb_inplace_add, inplace, Add, 11;
    nb_inplace_subtract, inplace, Subtract, 12;
    nb_inplace_multiply, inplace, Multiply, 13;
    nb_inplace_true_divide, inplace, Divide, 14;
    nb_inplace_floor_divide, inplace, FloorDivide, 15;
    nb_inplace_remainder, inplace, Remainder, 16;
    nb_inplace_and, inplace, BitwiseAnd, 17;
    nb_inplace_or, inplace, BitwiseOr, 18;
    nb_inplace_xor, inplace, BitwiseXor, 19;
    nb_inplace_lshift, inplace, LeftShift, 20;
    nb_inplace_rshift, inplace, RightShift, 21;
}

macro_rules! unary_slots {
    ($($name:ident, $op:ident, $i:expr;)*) => {
        $(
            unsafe extern "C" fn $name(a: *mut ffi::PyObject) -> *mut ffi::PyObject {
                // SAFETY: called by CPython as this slot's function.
                unsafe { unary(a, Op::$op, $i) }
            }
        )*
    };
}

unary_slots! {
    nb_negative, Negative, 22;
    nb_positive, Positive, 23;
    nb_absolute, Absolute, 24;
    nb_invert, Invert, 25;
}

const I_RICH: usize = 26;
const N: usize = 27;

/// The replaced slots, in the order of the indices above.
fn slots() -> [(c_int, *mut c_void); N] {
    [
        (ffi::Py_nb_add, nb_add as *mut c_void),
        (ffi::Py_nb_subtract, nb_subtract as *mut c_void),
        (ffi::Py_nb_multiply, nb_multiply as *mut c_void),
        (ffi::Py_nb_true_divide, nb_true_divide as *mut c_void),
        (ffi::Py_nb_floor_divide, nb_floor_divide as *mut c_void),
        (ffi::Py_nb_remainder, nb_remainder as *mut c_void),
        (ffi::Py_nb_and, nb_and as *mut c_void),
        (ffi::Py_nb_or, nb_or as *mut c_void),
        (ffi::Py_nb_xor, nb_xor as *mut c_void),
        (ffi::Py_nb_lshift, nb_lshift as *mut c_void),
        (ffi::Py_nb_rshift, nb_rshift as *mut c_void),
        (ffi::Py_nb_inplace_add, nb_inplace_add as *mut c_void),
        (
            ffi::Py_nb_inplace_subtract,
            nb_inplace_subtract as *mut c_void,
        ),
        (
            ffi::Py_nb_inplace_multiply,
            nb_inplace_multiply as *mut c_void,
        ),
        (
            ffi::Py_nb_inplace_true_divide,
            nb_inplace_true_divide as *mut c_void,
        ),
        (
            ffi::Py_nb_inplace_floor_divide,
            nb_inplace_floor_divide as *mut c_void,
        ),
        (
            ffi::Py_nb_inplace_remainder,
            nb_inplace_remainder as *mut c_void,
        ),
        (ffi::Py_nb_inplace_and, nb_inplace_and as *mut c_void),
        (ffi::Py_nb_inplace_or, nb_inplace_or as *mut c_void),
        (ffi::Py_nb_inplace_xor, nb_inplace_xor as *mut c_void),
        (ffi::Py_nb_inplace_lshift, nb_inplace_lshift as *mut c_void),
        (ffi::Py_nb_inplace_rshift, nb_inplace_rshift as *mut c_void),
        (ffi::Py_nb_negative, nb_negative as *mut c_void),
        (ffi::Py_nb_positive, nb_positive as *mut c_void),
        (ffi::Py_nb_absolute, nb_absolute as *mut c_void),
        (ffi::Py_nb_invert, nb_invert as *mut c_void),
        (ffi::Py_tp_richcompare, richcompare as *mut c_void),
    ]
}

/// Put the slots on `ndarray` (at module init, after the class is added). Nothing is
/// installed unless the type passes `typeslots::verified` and PyO3 defined every slot.
pub fn install(py: Python<'_>) -> PyResult<()> {
    if std::env::var_os("OXARRAY_NO_FAST_OPS").is_some() {
        return Ok(());
    }
    let tp = py.get_type::<PyArray>();
    if !crate::typeslots::verified(&tp) || ORIG.get().is_some() {
        return Ok(());
    }
    // SAFETY: verified above; each function handles every object its slot receives, passing what it does
    // not take to PyO3's function, saved in ORIG before any slot changes.
    unsafe {
        crate::typeslots::override_slots(std::slice::from_ref(&tp), &slots(), |orig| {
            let _ = ORIG.set(orig);
            NDARRAY.store(tp.as_type_ptr() as usize, Ordering::Relaxed);
        });
    }
    Ok(())
}
