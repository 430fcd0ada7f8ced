//! Import of a NumPy `ndarray` straight from its C struct (issue 13: small-call overhead).
//!
//! `asarray(numpy_array)` and `from_dlpack(numpy_array)` both want the same five facts:
//! data pointer, shape, strides, dtype, writeable. The buffer protocol gets them through
//! NumPy's `array_getbuffer` (format string, a `Py_buffer` to fill and release), DLPack
//! through a bound-method call with keywords, a managed tensor and a capsule. Both are
//! replaced, for an exact `numpy.ndarray` of a built-in native dtype, by reading NumPy's
//! public struct (`PyArrayObject_fields` in `ndarraytypes.h`, part of NumPy's C ABI since
//! 1.7, the same in 2.x) and holding a strong reference to the array as the keep-alive.
//!
//! 1. The type: `numpy.ndarray` is found in `sys.modules` (never imported by us) when a
//!    foreign object comes by, and its pointer is kept.
//! 2. The layout is verified once, on the first instance, against what the buffer protocol
//!    reports for it (pointer, ndim, shape, strides, itemsize, read-only); if anything
//!    differs the fast path is switched off for the process and everything goes through
//!    the buffer protocol and DLPack as before.
//! 3. Anything unusual declines (`None`): subclasses, non-native byte order, dtypes other
//!    than the 14 built-ins (datetime, structured, strings, user dtypes), arrays flagged
//!    "warn on write" (NumPy exports them read-only). The caller then takes the general
//!    path, whose results and errors are unchanged.

use std::ffi::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

use oxarray_core::{Array, Builtin, DType, Shape, Strides};
use pyo3::ffi;
use pyo3::prelude::*;

use super::buffer::{array_over, RawBuffer};

/// The leading fields of NumPy's `PyArrayObject_fields`.
#[repr(C)]
struct NpArrayHead {
    ob_refcnt: ffi::Py_ssize_t,
    ob_type: *mut c_void,
    data: *mut u8,
    nd: c_int,
    dimensions: *const ffi::Py_ssize_t,
    strides: *const ffi::Py_ssize_t,
    base: *mut c_void,
    descr: *const NpDescrHead,
    flags: c_int,
}

/// The leading fields of NumPy's `PyArray_Descr` (1.x and 2.x agree up to `type_num`).
#[repr(C)]
struct NpDescrHead {
    ob_refcnt: ffi::Py_ssize_t,
    ob_type: *mut c_void,
    typeobj: *mut c_void,
    kind: c_char,
    type_: c_char,
    byteorder: c_char,
    former_flags: c_char,
    type_num: c_int,
}

const NPY_ARRAY_WRITEABLE: c_int = 0x0400;
const NPY_ARRAY_WARN_ON_WRITE: c_int = 1 << 31;

/// `numpy.ndarray`'s type pointer once found in `sys.modules` (0: not yet).
static NDARRAY: AtomicUsize = AtomicUsize::new(0);
/// Step 2's verdict: 0 not yet, 1 the layout is NumPy's, 2 it is not (fast path off).
static VERIFIED: AtomicU8 = AtomicU8::new(0);

/// The built-in of a NumPy type number (`None`: not one of oxarray's dtypes).
fn builtin_of(type_num: c_int) -> Option<Builtin> {
    let long64 = std::mem::size_of::<std::ffi::c_long>() == 8;
    Some(match type_num {
        0 => Builtin::Bool,
        1 => Builtin::Int8,
        2 => Builtin::UInt8,
        3 => Builtin::Int16,
        4 => Builtin::UInt16,
        5 => Builtin::Int32,
        6 => Builtin::UInt32,
        7 if long64 => Builtin::Int64,
        7 => Builtin::Int32,
        8 if long64 => Builtin::UInt64,
        8 => Builtin::UInt32,
        9 => Builtin::Int64,
        10 => Builtin::UInt64,
        11 => Builtin::Float32,
        12 => Builtin::Float64,
        14 => Builtin::Complex64,
        15 => Builtin::Complex128,
        23 => Builtin::Float16,
        _ => return None,
    })
}

/// What the struct says about an array, when it is one the fast path takes.
struct Fields<'a> {
    data: *mut u8,
    shape: &'a [ffi::Py_ssize_t],
    strides: &'a [ffi::Py_ssize_t],
    dtype: DType,
    writeable: bool,
}

/// Read `obj` as a NumPy array.
///
/// # Safety
/// `obj` is an instance of exactly `numpy.ndarray` (so the struct is NumPy's), alive for
/// `'a`; shape and strides are only read, and NumPy never reallocates them while a
/// reference is held and the GIL too (attached callers only).
unsafe fn fields<'a>(obj: *mut ffi::PyObject) -> Option<Fields<'a>> {
    // SAFETY: the caller's contract.
    unsafe {
        let h = &*(obj as *const NpArrayHead);
        let d = h.descr.as_ref()?;
        let b = builtin_of(d.type_num)?;
        let bo = d.byteorder as u8;
        let native = if cfg!(target_endian = "little") {
            b'<'
        } else {
            b'>'
        };
        if !(bo == b'=' || bo == b'|' || bo == native) {
            return None;
        }
        if h.flags & NPY_ARRAY_WARN_ON_WRITE != 0 || h.nd < 0 {
            return None;
        }
        let nd = h.nd as usize;
        let (shape, strides): (&[ffi::Py_ssize_t], &[ffi::Py_ssize_t]) = if nd == 0 {
            (&[], &[])
        } else {
            if h.dimensions.is_null() || h.strides.is_null() {
                return None;
            }
            (
                std::slice::from_raw_parts(h.dimensions, nd),
                std::slice::from_raw_parts(h.strides, nd),
            )
        };
        Some(Fields {
            data: h.data,
            shape,
            strides,
            dtype: b.dtype(),
            writeable: h.flags & NPY_ARRAY_WRITEABLE != 0,
        })
    }
}

/// Whether `obj` is exactly `numpy.ndarray` with the layout verified (steps 1 and 2).
#[inline]
fn is_ndarray(obj: &Bound<'_, PyAny>) -> bool {
    let mut known = NDARRAY.load(Ordering::Relaxed);
    if known == 0 {
        known = find_ndarray(obj.py());
        if known == 0 {
            return false;
        }
    }
    if known != obj.get_type_ptr() as usize {
        return false;
    }
    match VERIFIED.load(Ordering::Relaxed) {
        1 => true,
        2 => false,
        _ => match verify(obj) {
            Some(ok) => {
                VERIFIED.store(if ok { 1 } else { 2 }, Ordering::Relaxed);
                ok
            }
            // This instance cannot tell (a dtype without a buffer format): ask again.
            None => false,
        },
    }
}

/// Step 1: `numpy.ndarray` if NumPy is imported (a `sys.modules` lookup; NumPy is never
/// imported from here). The type is kept alive for the process.
#[cold]
fn find_ndarray(py: Python<'_>) -> usize {
    let name = pyo3::intern!(py, "numpy");
    // SAFETY: attached; `name` is a live str; a new reference or NULL (no error set when
    // the module is absent, an error otherwise, which we clear).
    let m = unsafe { ffi::PyImport_GetModule(name.as_ptr()) };
    if m.is_null() {
        let _ = PyErr::take(py);
        return 0;
    }
    // SAFETY: `m` is a new reference.
    let m = unsafe { Bound::from_owned_ptr(py, m) };
    let Ok(t) = m.getattr("ndarray") else {
        return 0;
    };
    if !t.is_instance_of::<pyo3::types::PyType>() {
        return 0;
    }
    let p = t.as_ptr() as usize;
    std::mem::forget(t);
    NDARRAY.store(p, Ordering::Relaxed);
    p
}

/// Step 2: the struct against the buffer protocol, on one instance (`None`: undecided).
fn verify(obj: &Bound<'_, PyAny>) -> Option<bool> {
    // SAFETY: `obj` is exactly `numpy.ndarray` (checked by the caller), attached.
    let f = unsafe { fields(obj.as_ptr()) }?;
    let Ok(buf) = RawBuffer::get(obj) else {
        let _ = PyErr::take(obj.py());
        return None;
    };
    let shape: Vec<usize> = f.shape.iter().map(|&n| n.max(0) as usize).collect();
    Some(
        buf.ptr() == f.data
            && buf.shape() == shape
            && buf.strides() == f.strides
            && buf.itemsize() == f.dtype.itemsize
            && buf.readonly() != f.writeable,
    )
}

/// Holds a strong reference to the NumPy array whose memory an oxarray array views.
struct Keep(*mut ffi::PyObject);

// SAFETY: the reference is only released with the interpreter attached (see `Drop`).
unsafe impl Send for Keep {}
// SAFETY: never read except to release it.
unsafe impl Sync for Keep {}

impl Drop for Keep {
    fn drop(&mut self) {
        // If the interpreter is gone (process exit), so is the array.
        let _ = Python::try_attach(|_| {
            // SAFETY: we own this reference (taken in `import`).
            unsafe { ffi::Py_DECREF(self.0) }
        });
    }
}

/// An array viewing an exact `numpy.ndarray` `obj` of a built-in native dtype, or `None`
/// for every other object (the general path). With `dlpack`, also `None` for strides that
/// are not multiples of the itemsize (NumPy's `__dlpack__` refuses them: its error is kept).
pub fn import(obj: &Bound<'_, PyAny>, dlpack: bool) -> Option<PyResult<Array>> {
    if !is_ndarray(obj) {
        return None;
    }
    // SAFETY: `obj` is exactly `numpy.ndarray` with the verified layout; attached.
    let f = unsafe { fields(obj.as_ptr()) }?;
    let isz = f.dtype.itemsize as isize;
    if dlpack
        && f.strides
            .iter()
            .zip(f.shape)
            .any(|(&s, &n)| s % isz != 0 && n > 1)
    {
        return None;
    }
    let shape = Shape::from_iter(f.shape.iter().map(|&n| n.max(0) as usize));
    let strides = Strides::from_slice(f.strides);
    let keep = Keep(obj.clone().into_ptr());
    Some(array_over(
        f.data,
        shape,
        strides,
        f.dtype,
        f.writeable,
        Box::new(keep),
    ))
}
