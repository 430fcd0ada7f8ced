//! The custom slots oxarray installs on `ndarray` (see `oxarray-abi` and `oxarray.h`).
//!
//! 1. At module init, [`install`] builds one slot table with two keys,
//!    `oxarray:array@1` → [`ARRAY_VTABLE`] and `oxarray:ufunc@1` → [`UFUNC_VTABLE`], leaks
//!    it (it lives as long as the process, like the type), and puts it on `ndarray` through
//!    the portable path: a capsule under `__oxarray_slots__` in the type's own `__dict__`.
//!    Python subclasses find it by the MRO walk, consumers cache it per type.
//! 2. Why not the type-carried path: it needs the type object to be an instance of a
//!    metaclass larger than `type`. PyO3 creates `#[pyclass]` types with `PyType_FromSpec`,
//!    which on CPython 3.11 always allocates a plain `type` instance (`PyType_FromMetaclass`
//!    is 3.12+, and PyO3 has no way to name a metaclass: PyO3 issue #906). Dropping `abi3`
//!    would not change that, so it stays. C types can use the type-carried path (see
//!    `tests/capi/tinyarray.c`); the consumer's per-type cache makes the portable path cost
//!    about the same on a hit.
//! 3. The vtable functions are `extern "C"` and are called by C with the GIL held. Each runs
//!    its body under `catch_unwind`: an error or a panic becomes a Python exception and the
//!    C error return (-1 or null); nothing unwinds into C.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::Arc;

use oxarray_abi::view::{
    ArrayVTable, ArrayView, DLDataType, DLDevice, DLManagedTensorVersioned, DLPackVersion,
    DLTensor, UfuncVTable, CAPSULE_ATTR, CAPSULE_NAME, DEVICE_CPU, DLPACK_FLAG_READ_ONLY,
    VIEW_WRITABLE,
};
use oxarray_abi::{ABI_MAJOR, ABI_MINOR, KEY_ARRAY_V1, KEY_UFUNC_V1};
use oxarray_core::dtype::DType;
use oxarray_core::storage::Storage;
use oxarray_core::Array;
use pyo3::exceptions::{PyBufferError, PyNotImplementedError, PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::panic::PanicException;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::dtype::dtype_to_py;
use crate::errors::CoreResultExt;
use crate::ndarray::PyArray;

/// `oxarray:array@1`.
pub static ARRAY_VTABLE: ArrayVTable = ArrayVTable {
    abi_major: ABI_MAJOR as u16,
    abi_minor: ABI_MINOR as u16,
    struct_size: std::mem::size_of::<ArrayVTable>() as u32,
    fill_view,
    export_dlpack,
    from_view,
};

/// `oxarray:ufunc@1`.
pub static UFUNC_VTABLE: UfuncVTable = UfuncVTable {
    abi_major: ABI_MAJOR as u16,
    abi_minor: ABI_MINOR as u16,
    struct_size: std::mem::size_of::<UfuncVTable>() as u32,
    call: ufunc_call,
};

/// Step 1: build the table and install it on `ndarray`.
pub fn install(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let table = oxarray_abi::build(&[
        (
            KEY_ARRAY_V1,
            &ARRAY_VTABLE as *const ArrayVTable as *const c_void,
        ),
        (
            KEY_UFUNC_V1,
            &UFUNC_VTABLE as *const UfuncVTable as *const c_void,
        ),
    ])
    .map_err(|e| PyValueError::new_err(e.to_string()))?
    .leak();
    // SAFETY: `table` is leaked, so the pointer stays valid for the rest of the process;
    // the capsule has no destructor; CAPSULE_NAME is a 'static C string.
    let capsule = unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyCapsule_New(
                table as *const _ as *mut c_void,
                CAPSULE_NAME.as_ptr(),
                None,
            ),
        )?
    };
    m.add_function(wrap_pyfunction!(_rust_consumer_view, m)?)?;
    m.add_function(wrap_pyfunction!(_rust_consumer_sum_f64, m)?)?;
    // Setting the attribute on the (mutable) heap type stores it in the type's own
    // `__dict__` and bumps its version tag, which is what consumers' caches key on.
    py.get_type::<PyArray>().setattr(CAPSULE_ATTR, capsule)
}

/// Run `f` for a C caller: errors and panics become a Python exception and `on_error`.
fn guard<R>(on_error: R, f: impl FnOnce(Python<'_>) -> PyResult<R>) -> R {
    // SAFETY: the C API contract of every slot function is that the caller holds the GIL.
    let py = unsafe { Python::assume_attached() };
    match catch_unwind(AssertUnwindSafe(|| f(py))) {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => {
            e.restore(py);
            on_error
        }
        Err(_) => {
            PanicException::new_err("oxarray: panic inside a C-API slot function").restore(py);
            on_error
        }
    }
}

fn as_pyarray<'py>(py: Python<'py>, obj: *mut c_void) -> PyResult<Bound<'py, PyArray>> {
    if obj.is_null() {
        return Err(PyTypeError::new_err("oxarray:array@1: NULL object"));
    }
    // SAFETY: the caller passes a live object it holds a reference to.
    let any = unsafe { Bound::from_borrowed_ptr(py, obj.cast::<ffi::PyObject>()) };
    Ok(any.cast_into::<PyArray>()?)
}

/// NumPy kind character of a dtype, as C sees it.
fn kind_of(dt: DType) -> c_char {
    dt.kind as u8 as c_char
}

/// Borrowed pointers to the interned native built-in dtype objects, by `Builtin::index`.
static DTYPE_HANDLES: [AtomicPtr<c_void>; 14] =
    [const { AtomicPtr::new(std::ptr::null_mut()) }; 14];

/// The dtype object a view lends out: the interned object of a native built-in, else null.
/// Interned objects (`dtype::BUILTIN_OBJECTS`) live as long as the module, so the borrowed
/// pointer stays valid; it is looked up once per dtype, then read without touching refcounts.
fn dtype_handle(py: Python<'_>, dt: DType) -> PyResult<*mut c_void> {
    let (Some(b), true) = (dt.builtin, dt.is_native()) else {
        return Ok(std::ptr::null_mut());
    };
    let Some(cell) = DTYPE_HANDLES.get(b.index()) else {
        return Ok(std::ptr::null_mut());
    };
    let p = cell.load(Ordering::Relaxed);
    if !p.is_null() {
        return Ok(p);
    }
    dtype_handle_slow(py, dt, cell)
}

#[cold]
#[inline(never)]
fn dtype_handle_slow(py: Python<'_>, dt: DType, cell: &AtomicPtr<c_void>) -> PyResult<*mut c_void> {
    // A Bound (not a Py) so that the reference is released at once: the slot functions run
    // without PyO3's attach bookkeeping, where dropping a Py would defer the decref.
    let obj = dtype_to_py(py, dt)?.into_bound(py);
    let p = obj.as_ptr().cast::<c_void>();
    cell.store(p, Ordering::Relaxed);
    Ok(p)
}

/// `=` native, `|` single bytes, else `<` or `>` (the view's convention).
fn byteorder_of(dt: DType) -> c_char {
    let c = if dt.itemsize == 1 {
        '|'
    } else if dt.is_native() {
        '='
    } else {
        dt.byteorder.as_char()
    };
    c as u8 as c_char
}

/// Borrowed view fill: the pointers point into the array object (its layout lives inside
/// the `ndarray` object, or in a heap block it owns), valid while it lives unchanged.
unsafe extern "C" fn fill_view(obj: *mut c_void, view: *mut ArrayView, flags: c_int) -> c_int {
    // SAFETY: forwarded contract (live object, writable view, GIL held).
    guard(-1, |py| unsafe { fill_view_impl(py, obj, view, flags) })
}

/// The body of [`fill_view`], kept out of line so that the hot path stays small.
///
/// # Safety
/// `obj` is a live object, `view` points to a writable `OxArrayView`, the GIL is held.
#[inline(never)]
unsafe fn fill_view_impl(
    py: Python<'_>,
    obj: *mut c_void,
    view: *mut ArrayView,
    flags: c_int,
) -> PyResult<c_int> {
    if obj.is_null() {
        return Err(PyTypeError::new_err("oxarray:array@1: NULL object"));
    }
    // SAFETY: the caller holds a reference to `obj` for the duration of the call, so a
    // borrowed handle (no refcount traffic) is enough.
    let any = unsafe { pyo3::Borrowed::from_ptr(py, obj.cast::<ffi::PyObject>()) };
    let a = any.cast::<PyArray>()?;
    let this = a.try_borrow()?;
    let arr = &this.arr;
    if flags & VIEW_WRITABLE != 0 && !arr.is_writeable() {
        return Err(PyBufferError::new_err("oxarray: the array is read-only"));
    }
    let dt = arr.dtype();
    let dtype_handle = dtype_handle(py, dt)?;
    // SAFETY: `view` points to a writable OxArrayView (the C contract). usize/isize and
    // i64 have the same size and alignment on the 64-bit platforms the ABI supports.
    unsafe {
        let v = &mut *view;
        v.struct_size = std::mem::size_of::<ArrayView>() as u32;
        v.ndim = arr.ndim() as i32;
        v.data = arr.data_ptr().cast::<c_void>();
        v.shape = arr.shape().as_ptr().cast::<i64>();
        v.strides = arr.strides().as_ptr().cast::<i64>();
        v.kind = kind_of(dt);
        v.byteorder = byteorder_of(dt);
        v.readonly = u8::from(!arr.is_writeable());
        v.itemsize = dt.itemsize as i32;
        v.device_type = DEVICE_CPU;
        v.device_id = 0;
        v.dtype = dtype_handle;
    }
    Ok(0)
}

/// What an exported DLPack tensor owns.
struct DLContext {
    tensor: DLManagedTensorVersioned,
    shape: Vec<i64>,
    strides: Vec<i64>,
    _owner: Py<PyAny>,
}

unsafe extern "C" fn dlpack_deleter(t: *mut DLManagedTensorVersioned) {
    if t.is_null() {
        return;
    }
    // SAFETY: `t` is the first field of a leaked `Box<DLContext>` (repr(C) not needed:
    // `manager_ctx` holds the box pointer itself).
    let ctx = unsafe { (*t).manager_ctx.cast::<DLContext>() };
    // Dropping the owner needs the GIL; consumers may call the deleter without it.
    Python::attach(|_| {
        // SAFETY: made by `Box::into_raw` in `export_dlpack`, deleted once (DLPack rule).
        drop(unsafe { Box::from_raw(ctx) });
    });
}

fn dlpack_dtype(dt: DType) -> PyResult<DLDataType> {
    let code = match dt.kind {
        'i' => 0,
        'u' => 1,
        'f' => 2,
        'c' => 5,
        'b' => 6,
        k => {
            return Err(PyBufferError::new_err(format!(
                "oxarray: dtype kind '{k}' has no DLPack equivalent"
            )))
        }
    };
    if !dt.is_native() && dt.itemsize > 1 {
        return Err(PyBufferError::new_err(
            "oxarray: DLPack only supports native byte order",
        ));
    }
    Ok(DLDataType {
        code,
        bits: (dt.itemsize * 8) as u8,
        lanes: 1,
    })
}

/// Owning export: a `DLManagedTensorVersioned` holding a reference to the array.
unsafe extern "C" fn export_dlpack(
    obj: *mut c_void,
    flags: c_int,
) -> *mut DLManagedTensorVersioned {
    guard(std::ptr::null_mut(), |py| {
        let a = as_pyarray(py, obj)?;
        let this = a.try_borrow()?;
        let arr = &this.arr;
        if flags & VIEW_WRITABLE != 0 && !arr.is_writeable() {
            return Err(PyBufferError::new_err("oxarray: the array is read-only"));
        }
        let dt = arr.dtype();
        let dtype = dlpack_dtype(dt)?;
        let itemsize = dt.itemsize as isize;
        let mut strides = Vec::with_capacity(arr.ndim());
        for &s in arr.strides() {
            if s % itemsize != 0 {
                return Err(PyBufferError::new_err(
                    "oxarray: strides that are not a multiple of the itemsize cannot be exported to DLPack",
                ));
            }
            strides.push((s / itemsize) as i64);
        }
        let shape: Vec<i64> = arr.shape().iter().map(|&n| n as i64).collect();
        let mut ctx = Box::new(DLContext {
            tensor: DLManagedTensorVersioned {
                version: DLPackVersion { major: 1, minor: 0 },
                manager_ctx: std::ptr::null_mut(),
                deleter: Some(dlpack_deleter),
                flags: if arr.is_writeable() {
                    0
                } else {
                    DLPACK_FLAG_READ_ONLY
                },
                dl_tensor: DLTensor {
                    data: arr.data_ptr().cast::<c_void>(),
                    device: DLDevice {
                        device_type: DEVICE_CPU,
                        device_id: 0,
                    },
                    ndim: arr.ndim() as i32,
                    dtype,
                    shape: std::ptr::null_mut(),
                    strides: std::ptr::null_mut(),
                    byte_offset: 0,
                },
            },
            shape,
            strides,
            _owner: a.clone().into_any().unbind(),
        });
        // The vectors' heap buffers do not move when the box is turned into a raw pointer.
        ctx.tensor.dl_tensor.shape = ctx.shape.as_mut_ptr();
        ctx.tensor.dl_tensor.strides = ctx.strides.as_mut_ptr();
        let raw = Box::into_raw(ctx);
        // SAFETY: `raw` is the live box just leaked; `tensor` is a field of it.
        unsafe {
            (*raw).tensor.manager_ctx = raw.cast::<c_void>();
            Ok(&mut (*raw).tensor as *mut DLManagedTensorVersioned)
        }
    })
}

/// The dtype a view describes.
fn dtype_of_view(v: &ArrayView) -> PyResult<DType> {
    let kind = v.kind as u8 as char;
    let order = match v.byteorder as u8 {
        b'<' | b'>' | b'=' | b'|' => v.byteorder as u8 as char,
        _ => return Err(PyValueError::new_err("oxarray: invalid byteorder in view")),
    };
    let order = if v.itemsize == 1 { '|' } else { order };
    DType::parse(&format!("{order}{kind}{}", v.itemsize)).py()
}

/// Constructor: a new `ndarray` over a view's memory, keeping `keepalive` alive.
unsafe extern "C" fn from_view(view: *const ArrayView, keepalive: *mut c_void) -> *mut c_void {
    guard(std::ptr::null_mut(), |py| {
        if view.is_null() || keepalive.is_null() {
            return Err(PyTypeError::new_err(
                "oxarray:array@1 from_view: NULL argument",
            ));
        }
        // SAFETY: the C contract: `view` points to a filled OxArrayView whose shape and
        // strides arrays hold `ndim` entries each.
        let v = unsafe { &*view };
        if v.device_type != DEVICE_CPU {
            return Err(PyBufferError::new_err(
                "oxarray: only CPU memory can be viewed",
            ));
        }
        let ndim = usize::try_from(v.ndim).map_err(|_| PyValueError::new_err("negative ndim"))?;
        let (shape_in, strides_in): (&[i64], &[i64]) = if ndim == 0 {
            (&[], &[])
        } else {
            // SAFETY: see above.
            unsafe {
                (
                    std::slice::from_raw_parts(v.shape, ndim),
                    std::slice::from_raw_parts(v.strides, ndim),
                )
            }
        };
        let dt = dtype_of_view(v)?;
        let mut shape = oxarray_core::layout::Shape::new();
        for &n in shape_in {
            shape.push(
                usize::try_from(n)
                    .map_err(|_| PyValueError::new_err("negative dimension in view"))?,
            );
        }
        let strides: oxarray_core::layout::Strides =
            strides_in.iter().map(|&s| s as isize).collect();
        // Byte extent of the view relative to `data`, with overflow checks (untrusted input).
        let (mut lo, mut hi) = (0i128, dt.itemsize as i128);
        if shape.contains(&0) {
            hi = 0;
        } else {
            for (&n, &s) in shape.iter().zip(strides.iter()) {
                let span = (n as i128 - 1) * s as i128;
                if span < 0 {
                    lo += span;
                } else {
                    hi += span;
                }
            }
        }
        if hi - lo > isize::MAX as i128 {
            return Err(PyValueError::new_err("oxarray: view too large"));
        }
        let start = (v.data as *mut u8).wrapping_offset(lo as isize);
        let keep: Py<PyAny> =
            // SAFETY: `keepalive` is a live object the caller holds.
            unsafe { Bound::from_borrowed_ptr(py, keepalive.cast::<ffi::PyObject>()) }.unbind();
        // SAFETY: the C contract of from_view: the memory of the view stays valid for as
        // long as `keepalive` is alive, and the storage holds a reference to it.
        let storage = unsafe {
            Storage::foreign(
                start,
                (hi - lo) as usize,
                v.readonly == 0,
                Box::new(keep.clone_ref(py)),
            )
        };
        let arr = Array::from_parts(
            Arc::new(storage),
            -lo as isize,
            shape,
            strides,
            dt,
            v.readonly == 0,
        )
        .py()?;
        let obj = Py::new(
            py,
            PyArray {
                arr,
                base: Some(keep),
            },
        )?;
        Ok(obj.into_ptr().cast::<c_void>())
    })
}

/// `oxarray:ufunc@1` `call`: the ufunc named `name` in the `oxarray` namespace.
///
/// The ufunc engine is being built on another branch; until `oxarray.<name>` is a ufunc
/// object this reports `NotImplementedError` ("not available"), and it starts working as
/// soon as the ufunc objects exist, with no change here.
unsafe extern "C" fn ufunc_call(
    name: *const c_char,
    args: *mut c_void,
    kwargs: *mut c_void,
) -> *mut c_void {
    guard(std::ptr::null_mut(), |py| {
        if name.is_null() || args.is_null() {
            return Err(PyTypeError::new_err("oxarray:ufunc@1 call: NULL argument"));
        }
        // SAFETY: `name` is a NUL-terminated string (the C contract).
        let name = unsafe { CStr::from_ptr(name) }
            .to_str()
            .map_err(|_| PyValueError::new_err("ufunc name is not UTF-8"))?;
        // SAFETY: `args` (and `kwargs` when not null) are live objects the caller holds.
        let args = unsafe { Bound::from_borrowed_ptr(py, args.cast::<ffi::PyObject>()) }
            .cast_into::<PyTuple>()?;
        let kwargs = if kwargs.is_null() {
            None
        } else {
            // SAFETY: as above.
            Some(
                unsafe { Bound::from_borrowed_ptr(py, kwargs.cast::<ffi::PyObject>()) }
                    .cast_into::<PyDict>()?,
            )
        };
        let ufunc = py
            .import("oxarray")?
            .getattr(name)
            .ok()
            .filter(|f| f.get_type().name().map(|n| n == "ufunc").unwrap_or(false));
        let Some(ufunc) = ufunc else {
            return Err(PyNotImplementedError::new_err(format!(
                "oxarray:ufunc@1: ufunc '{name}' is not available (no oxarray ufunc of that name in this build)"
            )));
        };
        Ok(ufunc
            .call(args, kwargs.as_ref())?
            .into_ptr()
            .cast::<c_void>())
    })
}

/// The Rust consumer API (`oxarray_abi::py`) seen from Python, for tests: what
/// `oxarray_abi::py::view` reports for `obj`.
#[pyfunction]
fn _rust_consumer_view<'py>(
    obj: &Bound<'py, PyAny>,
    writable: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let v = oxarray_abi::py::view(obj, writable)?;
    let d = PyDict::new(obj.py());
    d.set_item("is_array", oxarray_abi::py::is_array(obj))?;
    d.set_item("source", v.source())?;
    d.set_item("shape", v.shape().to_vec())?;
    d.set_item("strides", v.strides().to_vec())?;
    d.set_item("kind", v.kind().to_string())?;
    d.set_item("itemsize", v.itemsize())?;
    d.set_item("byteorder", v.byteorder().to_string())?;
    d.set_item("readonly", v.is_readonly())?;
    Ok(d)
}

/// Sum of a native float64 array-like through the Rust consumer API: the contiguous fast
/// path (`as_slice`) or a strided walk.
#[pyfunction]
fn _rust_consumer_sum_f64(obj: &Bound<'_, PyAny>) -> PyResult<f64> {
    let v = oxarray_abi::py::view(obj, false)?;
    if v.kind() != 'f' || v.itemsize() != 8 || !matches!(v.byteorder(), '=' | '|') {
        return Err(PyTypeError::new_err("expected native float64 data"));
    }
    if let Some(xs) = v.as_slice::<f64>() {
        return Ok(xs.iter().fold(0.0, |acc, &x| acc + x));
    }
    fn walk(shape: &[i64], strides: &[i64], p: *const u8, acc: &mut f64) {
        let Some((&n, rest)) = shape.split_first() else {
            // SAFETY: `p` addresses an element of the view (shape/strides walk), which the
            // view keeps alive; unaligned reads are allowed.
            *acc += unsafe { p.cast::<f64>().read_unaligned() };
            return;
        };
        for i in 0..n {
            walk(
                rest,
                &strides[1..],
                p.wrapping_offset((i * strides[0]) as isize),
                acc,
            );
        }
    }
    let mut acc = 0.0;
    walk(v.shape(), v.strides(), v.data() as *const u8, &mut acc);
    Ok(acc)
}
