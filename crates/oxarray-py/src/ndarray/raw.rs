//! Making and freeing exact `ndarray` objects without PyO3's initializer chain, as
//! `scalars.rs` does for the scalars.
//!
//! `Py::new` walks PyO3's initializer (`create_class_object` → `object.__new__` →
//! `PyType_GenericAlloc` with GC linking and a memset), about 290 instructions, and its
//! `tp_dealloc` goes through a GIL-pool trampoline and `tp_free` (about 370 with the drop).
//! An exact instance is a Python object header, the `PyArray` value and PyO3's borrow flag
//! (`repr(C)`, nothing else: no dict, no weakref list). So:
//!
//! 1. `ndarray` becomes a plain (not garbage-collected) type, as NumPy's is: it has no
//!    `__traverse__`, so the collector could never look inside one anyway, and tracking is
//!    pure cost. Python subclasses stay GC types (every class statement makes one) and are
//!    made and freed by PyO3 as before (`new_of_type`, `subtype_dealloc` → PyO3's
//!    `tp_dealloc`, which frees with the subclass's own `tp_free`).
//! 2. [`new_exact`] takes memory from a free list or `PyObject_Malloc`, writes the value and
//!    a zero borrow flag, and `PyObject_Init`s the header.
//! 3. [`dealloc`] (the type's `tp_dealloc`) drops the value of an exact instance and keeps
//!    the memory on the free list; instances of subclasses go to PyO3's function.
//!
//! Objects made by PyO3's `Py::new` elsewhere have the same layout and memory allocator
//! (`PyType_GenericAlloc` uses `PyObject_Malloc` for a non-GC type), so either path may free
//! either's objects. The layout is checked at install on an object PyO3 made (value offset,
//! borrow flag read back while a borrow is held, `tp_basicsize`); if anything differs,
//! nothing is installed and PyO3's paths stay.

use std::ffi::c_void;
use std::sync::OnceLock;

use pyo3::ffi;
use pyo3::prelude::*;

use super::PyArray;
use crate::errors::CoreResultExt;
use crate::freelist::FreeList;

struct Raw {
    tp: usize,
    pyo3_dealloc: usize,
    /// Byte offset of the `PyArray` value.
    offset: usize,
    /// Byte offset of PyO3's borrow flag (a `usize`, 0 = not borrowed).
    flag: usize,
    /// `tp_basicsize`.
    size: usize,
}

static RAW: OnceLock<Raw> = OnceLock::new();

static FREE: FreeList<64> = FreeList::new();

/// A new exact `ndarray` holding `value`.
#[inline]
pub fn new_exact(py: Python<'_>, value: PyArray) -> PyResult<Py<PyAny>> {
    let Some(raw) = RAW.get() else {
        return Ok(Py::new(py, value)?.into_any());
    };
    // SAFETY: attached (we hold `py`), so the GIL serialises the free list; the memory
    // has `size` bytes from `PyObject_Malloc` (or came back from an exact instance);
    // `offset` and `flag` are where PyO3 keeps the value and the borrow flag (checked at
    // install).
    unsafe {
        let obj = FREE.take(raw.size);
        if obj.is_null() {
            drop(value);
            return Err(pyo3::exceptions::PyMemoryError::new_err(()));
        }
        let base = obj.cast::<u8>();
        std::ptr::write(base.add(raw.offset).cast::<PyArray>(), value);
        std::ptr::write(base.add(raw.flag).cast::<usize>(), 0);
        let o = ffi::PyObject_Init(obj, raw.tp as *mut ffi::PyTypeObject);
        Ok(Bound::from_owned_ptr(py, o).unbind())
    }
}

/// `tp_dealloc` of `ndarray`.
unsafe extern "C" fn dealloc(o: *mut ffi::PyObject) {
    // SAFETY: CPython calls this with an object whose count reached zero; `RAW` is set
    // before this is installed.
    unsafe {
        let raw = RAW.get().expect("installed with RAW");
        let tp = ffi::Py_TYPE(o);
        if tp as usize != raw.tp {
            let f: ffi::destructor = std::mem::transmute(raw.pyo3_dealloc);
            return f(o);
        }
        // Dropping may run Python code (the base's deallocation): the object is not on the
        // free list until its value is gone.
        let value = o.cast::<u8>().add(raw.offset).cast::<PyArray>();
        // The base is released here, at once: dropped as a `Py` it would go to PyO3's
        // deferred pool (this slot is not a PyO3 entry point, so PyO3 does not count the
        // thread as attached) and the exporter would look referenced until the next call.
        let base = (*value).base.take().map(Py::into_ptr);
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            std::ptr::drop_in_place(value);
        }));
        if let Some(b) = base {
            ffi::Py_DECREF(b);
        }
        if r.is_err() {
            // Nothing can be raised from a deallocator; PyO3 reports it as unraisable too.
            let py = Python::assume_attached();
            pyo3::panic::PanicException::new_err("panic in ndarray dealloc").restore(py);
            ffi::PyErr_WriteUnraisable(o);
        }
        FREE.give(o);
        ffi::Py_DECREF(tp.cast());
    }
}

/// Install at module init, right after the class is created (no instance exists yet).
pub fn install(py: Python<'_>) -> PyResult<()> {
    if RAW.get().is_some() {
        return Ok(());
    }
    let tp = py.get_type::<PyArray>();
    if !crate::typeslots::verified(&tp) {
        return Ok(());
    }
    let size: usize = tp.getattr("__basicsize__")?.extract()?;
    let vsize = std::mem::size_of::<PyArray>();
    let (offset, flag) = {
        let arr = oxarray_core::Array::zeros(
            &[0],
            oxarray_core::Builtin::Float64.dtype(),
            oxarray_core::Order::C,
        )
        .py()?;
        let probe = Bound::new(py, PyArray::from_array(arr))?;
        let r = probe.borrow();
        let off = (&*r as *const PyArray as usize).wrapping_sub(probe.as_ptr() as usize);
        let flag = off + vsize;
        if off < std::mem::size_of::<ffi::PyObject>()
            || flag % std::mem::align_of::<usize>() != 0
            || flag + std::mem::size_of::<usize>() > size
        {
            return Ok(());
        }
        // SAFETY: `flag` is inside the object (checked above).
        let held = unsafe { *(probe.as_ptr().cast::<u8>().add(flag).cast::<usize>()) };
        drop(r);
        // SAFETY: as above.
        let free = unsafe { *(probe.as_ptr().cast::<u8>().add(flag).cast::<usize>()) };
        if held != 1 || free != 0 {
            return Ok(());
        }
        (off, flag)
    };
    // The probe is gone: no instance exists.
    // SAFETY: a live heap type.
    let pyo3_dealloc = unsafe { ffi::PyType_GetSlot(tp.as_type_ptr(), ffi::Py_tp_dealloc) };
    if pyo3_dealloc.is_null() {
        return Ok(());
    }
    let _ = RAW.set(Raw {
        tp: tp.as_type_ptr() as usize,
        pyo3_dealloc: pyo3_dealloc as usize,
        offset,
        flag,
        size,
    });
    // SAFETY: verified; no instance exists; `dealloc` drops and frees exact instances
    // (memory from `PyObject_Malloc`) and hands subclass instances to PyO3's function.
    unsafe {
        crate::typeslots::make_untracked(&tp);
        crate::typeslots::replace(&tp, ffi::Py_tp_dealloc, dealloc as *mut c_void);
    }
    Ok(())
}
