//! Calling a ufunc object through vectorcall (PEP 590), as NumPy's ufuncs are called.
//!
//! Through `tp_call`, `add(a, b, out=o)` makes CPython build an argument tuple and a
//! keyword dict, and PyO3 then matches them against the 11 parameters of `__call__`
//! (about 1400 instructions of a 3800-instruction call at n=1). PyO3 has no way to
//! declare a vectorcall offset on a class and the limited API of 3.11 names neither the
//! flag nor the slot, so `typeslots::enable_vectorcall` sets both on the type (after
//! checking the type's layout). Each `PyUfunc` holds [`call`] in its `vectorcall` field.
//!
//! [`call`] takes the direct path (`call_direct`) for positional inputs and at most an
//! `out=` keyword. Other calls whose keywords are all `__call__`'s (but `subok`) go to
//! `call_with` with the keywords read from `kwnames` (`keywords`), as `__call__` reads
//! them. The rest (an unknown keyword, `subok`, a non-string `casting`/`order`) goes to
//! PyO3's `tp_call` with the tuple and dict built here, so the errors are `__call__`'s.
//!
//! Why not the alternatives: raising the abi3 floor to 3.12 would name the flag in the
//! limited API but still leave PyO3 unable to declare the offset (and the `.venv` Python
//! is 3.11); a hand-written `tp_call` would still receive the tuple and dict CPython
//! builds for it, which is most of the cost.

use std::sync::OnceLock;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use smallvec::SmallVec;

use super::{call_direct, PyUfunc};

/// PyO3's `tp_call` of the ufunc class.
static TP_CALL: OnceLock<usize> = OnceLock::new();

/// `PY_VECTORCALL_ARGUMENTS_OFFSET`.
const ARGUMENTS_OFFSET: usize = 1 << (usize::BITS - 1);

/// The vectorcall function of every ufunc object.
///
/// # Safety
/// Called by CPython per PEP 590: `callable` is a `PyUfunc`, `args` holds the positional
/// then the keyword values, `kwnames` is null or a tuple of the keyword names.
pub unsafe extern "C" fn call(
    callable: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargsf: usize,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: the caller's contract (attached, live arguments for the call's duration).
    unsafe {
        let py = Python::assume_attached();
        let nargs = nargsf & !ARGUMENTS_OFFSET;
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            call_inner(py, callable, args, nargs, kwnames)
        }));
        match r {
            Ok(Ok(p)) => p,
            Ok(Err(e)) => {
                e.restore(py);
                std::ptr::null_mut()
            }
            Err(_) => {
                pyo3::panic::PanicException::new_err("panic in a ufunc call").restore(py);
                std::ptr::null_mut()
            }
        }
    }
}

/// # Safety
/// As [`call`].
unsafe fn call_inner(
    py: Python<'_>,
    callable: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: usize,
    kwnames: *mut ffi::PyObject,
) -> PyResult<*mut ffi::PyObject> {
    // SAFETY: the caller's contract; `callable` is exactly a `PyUfunc` (the class is
    // final, and only its instances carry this function).
    unsafe {
        let slf = Borrowed::from_ptr(py, callable).cast_unchecked::<PyUfunc>();
        let uf = &slf.get().inner;
        let nkw = if kwnames.is_null() {
            0
        } else {
            ffi::PyTuple_Size(kwnames) as usize
        };
        let mut out = None;
        let mut direct = nargs <= 3 && nargs == uf.nin() && nkw <= 1;
        if direct && nkw == 1 {
            let name = ffi::PyTuple_GetItem(kwnames, 0);
            if is_out(py, name) {
                out = Some(Borrowed::from_ptr(py, *args.add(nargs)));
            } else {
                direct = false;
            }
        }
        if direct {
            let items: SmallVec<[Borrowed<'_, '_, PyAny>; 3]> = (0..nargs)
                .map(|i| Borrowed::from_ptr(py, *args.add(i)))
                .collect();
            let refs: SmallVec<[&Bound<'_, PyAny>; 3]> = items.iter().map(|b| &**b).collect();
            if let Some(r) = call_direct(py, uf, &refs, out.as_deref())? {
                return Ok(r.into_ptr());
            }
        }
        // Keywords read straight from `kwnames` (no tuple, no dict): every keyword of
        // `__call__` but `subok`, with PyO3's reading of them (`None` is "not given").
        // Attached through PyO3 (`assume_attached` above only names the token): `call_with`
        // drops `Py` handles (given outputs), which PyO3 decrefs at once only on a thread
        // it counts as attached and otherwise defers to its pool, unseen until the next
        // PyO3 entry point (a positional `out` then looked like a leak).
        let taken = Python::attach(|py| -> PyResult<Option<*mut ffi::PyObject>> {
            let Some(kw) = keywords(py, args.add(nargs), kwnames, nkw) else {
                return Ok(None);
            };
            let items: SmallVec<[Bound<'_, PyAny>; 3]> = (0..nargs)
                .map(|i| Borrowed::from_ptr(py, *args.add(i)).to_owned())
                .collect();
            super::call_with(py, uf, &items, &kw).map(|r| Some(r.into_ptr()))
        })?;
        if let Some(r) = taken {
            return Ok(r);
        }
        // The general path: PyO3's `tp_call` with a tuple and a dict.
        let pos = PyTuple::new(
            py,
            (0..nargs).map(|i| Borrowed::from_ptr(py, *args.add(i)).to_owned()),
        )?;
        let kw = if nkw == 0 {
            None
        } else {
            let d = PyDict::new(py);
            for j in 0..nkw {
                let name = Borrowed::from_ptr(py, ffi::PyTuple_GetItem(kwnames, j as isize));
                d.set_item(name, Borrowed::from_ptr(py, *args.add(nargs + j)))?;
            }
            Some(d)
        };
        let f: ffi::ternaryfunc = std::mem::transmute(*TP_CALL.get().expect("installed"));
        let r = f(
            callable,
            pos.as_ptr(),
            kw.as_ref().map_or(std::ptr::null_mut(), |d| d.as_ptr()),
        );
        if r.is_null() {
            return Err(PyErr::fetch(py));
        }
        Ok(r)
    }
}

/// The keywords of a vectorcall as `Kw`, or `None` for anything `__call__` must answer
/// itself (an unknown name, `subok`, a `casting`/`order` that is not a string), so its
/// errors stay PyO3's.
///
/// # Safety
/// `values` holds `nkw` live objects; `kwnames` is null (then `nkw` is 0) or a tuple of
/// `nkw` live `str`.
unsafe fn keywords<'py>(
    py: Python<'py>,
    values: *const *mut ffi::PyObject,
    kwnames: *mut ffi::PyObject,
    nkw: usize,
) -> Option<super::Kw<'py>> {
    let mut kw = super::Kw::none();
    for j in 0..nkw {
        // SAFETY: the caller's contract.
        let (name, value) = unsafe {
            (
                Borrowed::from_ptr(py, ffi::PyTuple_GetItem(kwnames, j as isize)),
                Borrowed::from_ptr(py, *values.add(j)),
            )
        };
        let name = name.cast::<pyo3::types::PyString>().ok()?;
        let name = name.to_str().ok()?;
        let given = (!value.is_none()).then(|| value.to_owned());
        match name {
            "out" => kw.out = given,
            "where" => kw.where_ = given,
            "axes" => kw.axes = given,
            "axis" => kw.axis = given,
            "keepdims" => kw.keepdims = given,
            "dtype" => kw.dtype = given,
            "signature" => kw.signature = given,
            "casting" | "order" => {
                let text = match given {
                    None => None,
                    Some(v) => Some(v.extract::<String>().ok()?),
                };
                if name == "casting" {
                    kw.casting = text;
                } else {
                    kw.order = text;
                }
            }
            _ => return None,
        }
    }
    Some(kw)
}

/// Whether the keyword `name` is `out` (interned names compare by address first).
///
/// # Safety
/// `name` is a live `str`.
unsafe fn is_out(py: Python<'_>, name: *mut ffi::PyObject) -> bool {
    let out = pyo3::intern!(py, "out");
    if name == out.as_ptr() {
        return true;
    }
    // SAFETY: the caller's contract.
    unsafe { ffi::PyUnicode_CompareWithASCIIString(name, c"out".as_ptr()) == 0 }
}

/// Turn vectorcall on for the ufunc class (at module init, before any call).
pub fn install(py: Python<'_>) -> PyResult<()> {
    let tp = py.get_type::<PyUfunc>();
    if !crate::typeslots::verified(&tp) {
        return Ok(());
    }
    // The field's offset in an object, read from one made by PyO3.
    let probe = Bound::new(py, PyUfunc::new(super::builtin("add").clone()))?;
    let field = &probe.get().vectorcall as *const ffi::vectorcallfunc as usize;
    let offset = field - probe.as_ptr() as usize;
    // SAFETY: a live heap type.
    let tp_call = unsafe { ffi::PyType_GetSlot(tp.as_type_ptr(), ffi::Py_tp_call) };
    if tp_call.is_null() {
        return Ok(());
    }
    let _ = TP_CALL.set(tp_call as usize);
    // SAFETY: verified; every instance is made by `PyUfunc::new` and holds `call` at
    // `offset` (the class is final); `call` answers every call, handing what it does not
    // take to PyO3's `tp_call`, saved above.
    unsafe {
        crate::typeslots::enable_vectorcall(&tp, offset);
    }
    Ok(())
}
