//! C-level slots on the type objects PyO3 made: the scalar operators' `nb_*` and
//! `tp_richcompare` functions, the scalar classes' `tp_dealloc`, and the ufunc's vectorcall.
//!
//! PyO3 builds a `#[pyclass]` with `PyType_FromSpec` and gives no way to name a slot
//! function of our own (its trampolines add a GIL-pool and argument extraction to every
//! operator, about 250 instructions) nor to declare a vectorcall offset. The stable ABI
//! (abi3-py311) has no setter for a slot after creation, so this module writes the few
//! fields it needs into the type object, as CPython's own `update_slot` does:
//!
//! 1. The fields are read through [`TypeHead`], the leading part of CPython's
//!    `PyTypeObject` (unchanged from 3.8 to 3.14: `tp_as_number` at byte 96, `tp_flags`
//!    at 168 on 64-bit), and `PyNumberMethods` (an array of function pointers in a fixed
//!    order since 3.5). A heap type's `tp_as_number` points into its own
//!    `PyHeapTypeObject`, so writing there changes that type only (subclasses made later
//!    inherit the new pointer, as they would any slot).
//! 2. Before writing anything, [`verified`] checks the layout on the type at hand: every
//!    slot read through [`TypeHead`] must equal what the stable `PyType_GetSlot` /
//!    `PyType_GetFlags` return, and `tp_basicsize` must equal `__basicsize__`. If any
//!    differs (another interpreter, a future layout), nothing is written and everything
//!    keeps PyO3's slots: slower, never wrong.
//! 3. Every replacement returns the function it replaces: the new slots take their fast
//!    case and hand every other case to PyO3's original, so results and errors are the
//!    same on both paths.

use std::ffi::{c_char, c_int, c_ulong, c_void};

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyType;

/// The leading fields of CPython's `PyTypeObject` (see the module docs).
#[repr(C)]
struct TypeHead {
    ob_refcnt: ffi::Py_ssize_t,
    ob_type: *mut c_void,
    ob_size: ffi::Py_ssize_t,
    tp_name: *const c_char,
    tp_basicsize: ffi::Py_ssize_t,
    tp_itemsize: ffi::Py_ssize_t,
    tp_dealloc: *mut c_void,
    tp_vectorcall_offset: ffi::Py_ssize_t,
    tp_getattr: *mut c_void,
    tp_setattr: *mut c_void,
    tp_as_async: *mut c_void,
    tp_repr: *mut c_void,
    tp_as_number: *mut *mut c_void,
    tp_as_sequence: *mut *mut c_void,
    tp_as_mapping: *mut c_void,
    tp_hash: *mut c_void,
    tp_call: *mut c_void,
    tp_str: *mut c_void,
    tp_getattro: *mut c_void,
    tp_setattro: *mut c_void,
    tp_as_buffer: *mut c_void,
    tp_flags: c_ulong,
    tp_doc: *const c_char,
    tp_traverse: *mut c_void,
    tp_clear: *mut c_void,
    tp_richcompare: *mut c_void,
    tp_weaklistoffset: ffi::Py_ssize_t,
    tp_iter: *mut c_void,
    tp_iternext: *mut c_void,
    tp_methods: *mut c_void,
    tp_members: *mut c_void,
    tp_getset: *mut c_void,
    tp_base: *mut c_void,
    tp_dict: *mut c_void,
    tp_descr_get: *mut c_void,
    tp_descr_set: *mut c_void,
    tp_dictoffset: ffi::Py_ssize_t,
    tp_init: *mut c_void,
    tp_alloc: *mut c_void,
    tp_new: *mut c_void,
    tp_free: *mut c_void,
}

/// `Py_TPFLAGS_HAVE_VECTORCALL` (1 << 11 since 3.8; named in the limited API from 3.12).
const HAVE_VECTORCALL: c_ulong = 1 << 11;

/// Where a slot lives.
#[derive(Clone, Copy)]
enum Place {
    /// Index in `PyNumberMethods`.
    Number(usize),
    /// Index in `PySequenceMethods` (`sq_length`, `sq_concat`, `sq_repeat`, `sq_item`, ...).
    Sequence(usize),
    Dealloc,
    RichCompare,
}

fn place(slot: c_int) -> Option<Place> {
    Some(match slot {
        ffi::Py_nb_add => Place::Number(0),
        ffi::Py_nb_subtract => Place::Number(1),
        ffi::Py_nb_multiply => Place::Number(2),
        ffi::Py_nb_remainder => Place::Number(3),
        ffi::Py_nb_divmod => Place::Number(4),
        ffi::Py_nb_power => Place::Number(5),
        ffi::Py_nb_negative => Place::Number(6),
        ffi::Py_nb_positive => Place::Number(7),
        ffi::Py_nb_absolute => Place::Number(8),
        ffi::Py_nb_invert => Place::Number(10),
        ffi::Py_nb_lshift => Place::Number(11),
        ffi::Py_nb_rshift => Place::Number(12),
        ffi::Py_nb_and => Place::Number(13),
        ffi::Py_nb_xor => Place::Number(14),
        ffi::Py_nb_or => Place::Number(15),
        ffi::Py_nb_inplace_add => Place::Number(19),
        ffi::Py_nb_inplace_subtract => Place::Number(20),
        ffi::Py_nb_inplace_multiply => Place::Number(21),
        ffi::Py_nb_inplace_remainder => Place::Number(22),
        ffi::Py_nb_inplace_lshift => Place::Number(24),
        ffi::Py_nb_inplace_rshift => Place::Number(25),
        ffi::Py_nb_inplace_and => Place::Number(26),
        ffi::Py_nb_inplace_xor => Place::Number(27),
        ffi::Py_nb_inplace_or => Place::Number(28),
        ffi::Py_nb_floor_divide => Place::Number(29),
        ffi::Py_nb_true_divide => Place::Number(30),
        ffi::Py_nb_inplace_floor_divide => Place::Number(31),
        ffi::Py_nb_inplace_true_divide => Place::Number(32),
        ffi::Py_sq_item => Place::Sequence(3),
        ffi::Py_tp_dealloc => Place::Dealloc,
        ffi::Py_tp_richcompare => Place::RichCompare,
        _ => return None,
    })
}

/// The slots [`verified`] compares (one per kind of place, and all the numbers we use).
const CHECKED: [c_int; 30] = [
    ffi::Py_nb_add,
    ffi::Py_nb_subtract,
    ffi::Py_nb_multiply,
    ffi::Py_nb_remainder,
    ffi::Py_nb_divmod,
    ffi::Py_nb_power,
    ffi::Py_nb_negative,
    ffi::Py_nb_positive,
    ffi::Py_nb_absolute,
    ffi::Py_nb_invert,
    ffi::Py_nb_lshift,
    ffi::Py_nb_rshift,
    ffi::Py_nb_and,
    ffi::Py_nb_xor,
    ffi::Py_nb_or,
    ffi::Py_nb_inplace_add,
    ffi::Py_nb_inplace_subtract,
    ffi::Py_nb_inplace_multiply,
    ffi::Py_nb_inplace_remainder,
    ffi::Py_nb_inplace_lshift,
    ffi::Py_nb_inplace_rshift,
    ffi::Py_nb_inplace_and,
    ffi::Py_nb_inplace_xor,
    ffi::Py_nb_inplace_or,
    ffi::Py_nb_floor_divide,
    ffi::Py_nb_true_divide,
    ffi::Py_nb_inplace_floor_divide,
    ffi::Py_nb_inplace_true_divide,
    ffi::Py_tp_dealloc,
    ffi::Py_tp_richcompare,
];

/// The address of `slot`'s field in `tp`.
///
/// # Safety
/// `tp` is a live heap type whose layout [`verified`] accepted (or is being checked).
unsafe fn field(tp: *mut ffi::PyTypeObject, p: Place) -> Option<*mut *mut c_void> {
    let h = tp.cast::<TypeHead>();
    // SAFETY: the caller's contract; the fields are in the leading part of the type.
    unsafe {
        Some(match p {
            Place::Number(i) => {
                let nb = (*h).tp_as_number;
                if nb.is_null() {
                    return None;
                }
                nb.add(i)
            }
            Place::Sequence(i) => {
                let sq = (*h).tp_as_sequence;
                if sq.is_null() {
                    return None;
                }
                sq.add(i)
            }
            Place::Dealloc => &raw mut (*h).tp_dealloc,
            Place::RichCompare => &raw mut (*h).tp_richcompare,
        })
    }
}

/// Whether `tp`'s fields read through [`TypeHead`] are what the stable ABI says they are.
pub fn verified(tp: &Bound<'_, PyType>) -> bool {
    let t = tp.as_type_ptr();
    let Ok(basic) = tp
        .getattr("__basicsize__")
        .and_then(|b| b.extract::<isize>())
    else {
        return false;
    };
    // SAFETY: `t` is a live type object; `PyType_GetSlot` accepts heap types on 3.4+
    // (and every type on 3.10+); the reads stay within the type object.
    unsafe {
        if ffi::PyType_HasFeature(t, ffi::Py_TPFLAGS_HEAPTYPE) == 0 {
            return false;
        }
        let h = t.cast::<TypeHead>();
        if (*h).tp_basicsize != basic
            || (*h).tp_flags != ffi::PyType_GetFlags(t)
            || (*h).tp_call != ffi::PyType_GetSlot(t, ffi::Py_tp_call)
            || (*h).tp_base != ffi::PyType_GetSlot(t, ffi::Py_tp_base)
            || (*h).tp_alloc != ffi::PyType_GetSlot(t, ffi::Py_tp_alloc)
            || (*h).tp_new != ffi::PyType_GetSlot(t, ffi::Py_tp_new)
            || (*h).tp_free != ffi::PyType_GetSlot(t, ffi::Py_tp_free)
        {
            return false;
        }
        CHECKED.iter().all(|&s| {
            let want = ffi::PyType_GetSlot(t, s);
            match place(s).and_then(|p| field(t, p)) {
                Some(f) => *f == want,
                None => want.is_null(),
            }
        })
    }
}

/// Put `f` in `slot` of `tp` and return what was there (`None`: not done).
///
/// # Safety
/// [`verified`] accepted `tp`; `f` has the slot's C signature and handles every object
/// the old function did (by calling it).
pub unsafe fn replace(tp: &Bound<'_, PyType>, slot: c_int, f: *mut c_void) -> Option<*mut c_void> {
    let t = tp.as_type_ptr();
    // SAFETY: the caller's contract.
    unsafe {
        let fld = field(t, place(slot)?)?;
        let old = *fld;
        if old.is_null() {
            return None;
        }
        *fld = f;
        ffi::PyType_Modified(t);
        Some(old)
    }
}

/// Override `slots` on every type of `types` (the same functions on each), keeping the
/// functions they replace: `publish` receives those, by position in `slots`, before the
/// first slot changes, so an overriding function can always reach its original. Nothing
/// is changed (and `false` returned) unless every type has a function in every slot, the
/// same one across the types.
///
/// # Safety
/// [`verified`] accepted every type (before the caller changed any of it); each function
/// has its slot's C signature and handles every object the replaced one
/// did (passing what it declines to the original that `publish` stored).
pub unsafe fn override_slots<const N: usize>(
    types: &[Bound<'_, PyType>],
    slots: &[(c_int, *mut c_void); N],
    publish: impl FnOnce([usize; N]),
) -> bool {
    let mut orig = [0usize; N];
    for (i, &(slot, _)) in slots.iter().enumerate() {
        for t in types {
            // SAFETY: a live heap type.
            let cur = unsafe { ffi::PyType_GetSlot(t.as_type_ptr(), slot) } as usize;
            if cur == 0 || (orig[i] != 0 && orig[i] != cur) {
                return false;
            }
            orig[i] = cur;
        }
    }
    publish(orig);
    for &(slot, f) in slots {
        for t in types {
            // SAFETY: the caller's contract.
            unsafe {
                replace(t, slot, f);
            }
        }
    }
    true
}

/// Make instances of `tp` made from now on plain (not garbage-collected) objects freed by
/// `PyObject_Free`: PyO3 makes every class a GC type, but a scalar holds no reference, so
/// tracking it is pure cost (NumPy's scalars are not GC objects either). Python
/// subclasses stay GC types (CPython makes every class statement's type one).
///
/// # Safety
/// [`verified`] accepted `tp`; no instance of `tp` exists; `tp`'s `tp_dealloc` frees
/// exact instances with `PyObject_Free` and leaves subclass instances to their own path.
pub unsafe fn make_untracked(tp: &Bound<'_, PyType>) {
    let t = tp.as_type_ptr();
    // SAFETY: the caller's contract.
    unsafe {
        let h = t.cast::<TypeHead>();
        (*h).tp_flags &= !(ffi::Py_TPFLAGS_HAVE_GC as c_ulong);
        (*h).tp_free = ffi::PyObject_Free as *mut c_void;
        ffi::PyType_Modified(t);
    }
}

/// `tp_dealloc` of a type (one load).
///
/// # Safety
/// `tp` is a live type object of a CPython whose layout [`verified`] accepted once.
#[inline(always)]
pub unsafe fn dealloc_of(tp: *mut ffi::PyTypeObject) -> *mut c_void {
    // SAFETY: the caller's contract.
    unsafe { (*tp.cast::<TypeHead>()).tp_dealloc }
}

/// Make instances of `tp` callable through the vectorcall function stored at byte
/// `offset` of each instance (PEP 590), and return whether it was done.
///
/// # Safety
/// [`verified`] accepted `tp`; every instance of `tp` (not of its subclasses: CPython
/// does not pass the flag to heap subclasses) holds a valid `vectorcallfunc` or null
/// there, for its whole life.
pub unsafe fn enable_vectorcall(tp: &Bound<'_, PyType>, offset: usize) -> bool {
    let t = tp.as_type_ptr();
    // SAFETY: the caller's contract.
    unsafe {
        let h = t.cast::<TypeHead>();
        if (*h).tp_call.is_null() || (*h).tp_vectorcall_offset != 0 {
            return false;
        }
        (*h).tp_vectorcall_offset = offset as ffi::Py_ssize_t;
        (*h).tp_flags |= HAVE_VECTORCALL;
        ffi::PyType_Modified(t);
    }
    true
}
