//! DLPack, both directions (`__dlpack__`, `__dlpack_device__`, `from_dlpack`).
//!
//! The structs below are the C ABI of `dlpack.h` (v1.x), written out `#[repr(C)]`.
//!
//! Export: `__dlpack__` allocates a managed tensor whose `manager_ctx` owns an `Arc` of the
//! array's storage plus the shape/strides vectors, and wraps it in a capsule named
//! `dltensor_versioned` when the consumer passed `max_version >= (1, 0)`, else `dltensor`
//! (the legacy struct, which cannot say "read-only", so read-only arrays are refused there
//! exactly as NumPy refuses them). A consumer renames the capsule to `used_...` and calls
//! the deleter when done; a capsule that was never consumed calls the deleter from its
//! destructor.
//!
//! Import: the capsule is checked (name, major version, device, dtype) *before* it is
//! renamed, so a refused capsule is still freed by its own destructor; after renaming, the
//! managed tensor is owned by the storage's keep-alive, which calls the deleter on drop.

use std::ffi::{c_void, CStr};
use std::sync::Arc;

use oxarray_core::{iter, Array, Builtin, DType, Order, Shape, Storage, Strides};
use pyo3::exceptions::{PyBufferError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3::{ffi, IntoPyObjectExt};

use super::buffer::array_over;
use crate::errors::CoreResultExt;
use crate::ndarray::PyArray;

const KDL_CPU: i32 = 1;
/// Host memory visible to the CPU that NumPy also accepts: CUDA host, ROCm host, CUDA managed.
const HOST_DEVICES: [i32; 4] = [KDL_CPU, 3, 11, 13];

const KDL_INT: u8 = 0;
const KDL_UINT: u8 = 1;
const KDL_FLOAT: u8 = 2;
const KDL_COMPLEX: u8 = 5;
const KDL_BOOL: u8 = 6;

const FLAG_READ_ONLY: u64 = 1 << 0;
const FLAG_IS_COPIED: u64 = 1 << 1;

const NAME_LEGACY: &CStr = c"dltensor";
const NAME_LEGACY_USED: &CStr = c"used_dltensor";
const NAME_VERSIONED: &CStr = c"dltensor_versioned";
const NAME_VERSIONED_USED: &CStr = c"used_dltensor_versioned";

/// The DLPack version we produce.
const VERSION: DLPackVersion = DLPackVersion { major: 1, minor: 0 };

#[repr(C)]
#[derive(Clone, Copy)]
struct DLDevice {
    device_type: i32,
    device_id: i32,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct DLDataType {
    code: u8,
    bits: u8,
    lanes: u16,
}

#[repr(C)]
struct DLTensor {
    data: *mut c_void,
    device: DLDevice,
    ndim: i32,
    dtype: DLDataType,
    shape: *mut i64,
    strides: *mut i64,
    byte_offset: u64,
}

#[repr(C)]
struct DLManagedTensor {
    dl_tensor: DLTensor,
    manager_ctx: *mut c_void,
    deleter: Option<unsafe extern "C" fn(*mut DLManagedTensor)>,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct DLPackVersion {
    major: u32,
    minor: u32,
}

#[repr(C)]
struct DLManagedTensorVersioned {
    version: DLPackVersion,
    manager_ctx: *mut c_void,
    deleter: Option<unsafe extern "C" fn(*mut DLManagedTensorVersioned)>,
    flags: u64,
    dl_tensor: DLTensor,
}

/// What an exported tensor owns.
struct ExportCtx {
    _storage: Arc<Storage>,
    shape: Vec<i64>,
    strides: Vec<i64>,
}

fn dl_dtype(dt: DType) -> Option<DLDataType> {
    let Some(b) = dt.builtin else {
        // A registered dtype with a DLPack code (`kDLBfloat`, the float8 codes of 1.1).
        let code = crate::registered::dlpack_code(dt)?;
        return Some(DLDataType {
            code,
            bits: (dt.itemsize * 8) as u8,
            lanes: 1,
        });
    };
    let code = match b {
        Builtin::Bool => KDL_BOOL,
        Builtin::Int8 | Builtin::Int16 | Builtin::Int32 | Builtin::Int64 => KDL_INT,
        Builtin::UInt8 | Builtin::UInt16 | Builtin::UInt32 | Builtin::UInt64 => KDL_UINT,
        Builtin::Float16 | Builtin::Float32 | Builtin::Float64 => KDL_FLOAT,
        Builtin::Complex64 | Builtin::Complex128 => KDL_COMPLEX,
    };
    Some(DLDataType {
        code,
        bits: (dt.itemsize * 8) as u8,
        lanes: 1,
    })
}

fn dtype_of_dl(t: DLDataType) -> Option<DType> {
    if t.lanes != 1 {
        return None;
    }
    let b = match (t.code, t.bits) {
        (KDL_BOOL, 8) => Builtin::Bool,
        (KDL_INT, 8) => Builtin::Int8,
        (KDL_INT, 16) => Builtin::Int16,
        (KDL_INT, 32) => Builtin::Int32,
        (KDL_INT, 64) => Builtin::Int64,
        (KDL_UINT, 8) => Builtin::UInt8,
        (KDL_UINT, 16) => Builtin::UInt16,
        (KDL_UINT, 32) => Builtin::UInt32,
        (KDL_UINT, 64) => Builtin::UInt64,
        (KDL_FLOAT, 16) => Builtin::Float16,
        (KDL_FLOAT, 32) => Builtin::Float32,
        (KDL_FLOAT, 64) => Builtin::Float64,
        (KDL_COMPLEX, 64) => Builtin::Complex64,
        (KDL_COMPLEX, 128) => Builtin::Complex128,
        (code, bits) => return crate::registered::dtype_of_dlpack_code(code, bits),
    };
    Some(b.dtype())
}

/// Fill a `DLTensor` for `a` and the context that keeps its pointers valid.
fn tensor_for(a: &Array) -> PyResult<(DLTensor, Box<ExportCtx>)> {
    if !a.dtype().is_native() {
        return Err(PyBufferError::new_err(
            "DLPack only supports native byte order.",
        ));
    }
    let dt = dl_dtype(a.dtype()).ok_or_else(|| {
        PyBufferError::new_err(format!("DLPack cannot describe dtype {}", a.dtype()))
    })?;
    let isz = a.itemsize() as isize;
    let mut strides = Vec::with_capacity(a.ndim());
    for (&s, &n) in a.strides().iter().zip(a.shape()) {
        if s % isz != 0 && n > 1 {
            return Err(PyBufferError::new_err(
                "DLPack only supports strides which are a multiple of itemsize.",
            ));
        }
        strides.push((s / isz) as i64);
    }
    let mut ctx = Box::new(ExportCtx {
        _storage: a.storage().clone(),
        shape: a.shape().iter().map(|&n| n as i64).collect(),
        strides,
    });
    let t = DLTensor {
        data: a.data_ptr().cast(),
        device: DLDevice {
            device_type: KDL_CPU,
            device_id: 0,
        },
        ndim: a.ndim() as i32,
        dtype: dt,
        shape: ctx.shape.as_mut_ptr(),
        strides: ctx.strides.as_mut_ptr(),
        byte_offset: 0,
    };
    Ok((t, ctx))
}

unsafe extern "C" fn delete_legacy(p: *mut DLManagedTensor) {
    if p.is_null() {
        return;
    }
    // SAFETY: `p` and its `manager_ctx` were made by `Box::into_raw` in `export`, and DLPack
    // calls the deleter exactly once.
    unsafe {
        drop(Box::from_raw((*p).manager_ctx as *mut ExportCtx));
        drop(Box::from_raw(p));
    }
}

unsafe extern "C" fn delete_versioned(p: *mut DLManagedTensorVersioned) {
    if p.is_null() {
        return;
    }
    // SAFETY: as in `delete_legacy`.
    unsafe {
        drop(Box::from_raw((*p).manager_ctx as *mut ExportCtx));
        drop(Box::from_raw(p));
    }
}

/// Capsule destructor: free the tensor unless a consumer took it (renamed the capsule).
unsafe extern "C" fn capsule_destructor(capsule: *mut ffi::PyObject) {
    // SAFETY: CPython calls this with the capsule being destroyed. `PyCapsule_IsValid`
    // never raises; the pointer behind a valid, unconsumed capsule is one of ours (or a
    // producer's, whose deleter we call as DLPack prescribes).
    unsafe {
        if ffi::PyCapsule_IsValid(capsule, NAME_VERSIONED.as_ptr()) == 1 {
            let p = ffi::PyCapsule_GetPointer(capsule, NAME_VERSIONED.as_ptr())
                as *mut DLManagedTensorVersioned;
            if let Some(d) = p.as_ref().and_then(|m| m.deleter) {
                d(p);
            }
        } else if ffi::PyCapsule_IsValid(capsule, NAME_LEGACY.as_ptr()) == 1 {
            let p =
                ffi::PyCapsule_GetPointer(capsule, NAME_LEGACY.as_ptr()) as *mut DLManagedTensor;
            if let Some(d) = p.as_ref().and_then(|m| m.deleter) {
                d(p);
            }
        }
    }
}

fn export(py: Python<'_>, a: &Array, versioned: bool, copied: bool) -> PyResult<Py<PyAny>> {
    let (t, ctx) = tensor_for(a)?;
    let ctx = Box::into_raw(ctx).cast::<c_void>();
    let (ptr, name) = if versioned {
        let mut flags = 0;
        if !a.is_writeable() {
            flags |= FLAG_READ_ONLY;
        }
        if copied {
            flags |= FLAG_IS_COPIED;
        }
        let m = Box::new(DLManagedTensorVersioned {
            version: VERSION,
            manager_ctx: ctx,
            deleter: Some(delete_versioned),
            flags,
            dl_tensor: t,
        });
        (Box::into_raw(m).cast::<c_void>(), NAME_VERSIONED)
    } else {
        let m = Box::new(DLManagedTensor {
            dl_tensor: t,
            manager_ctx: ctx,
            deleter: Some(delete_legacy),
        });
        (Box::into_raw(m).cast::<c_void>(), NAME_LEGACY)
    };
    // SAFETY: `ptr` is a live managed tensor and `name` a static string; on failure the
    // capsule does not exist, so we free the tensor ourselves.
    unsafe {
        let cap = ffi::PyCapsule_New(ptr, name.as_ptr(), Some(capsule_destructor));
        if cap.is_null() {
            if versioned {
                delete_versioned(ptr.cast());
            } else {
                delete_legacy(ptr.cast());
            }
            return Err(PyErr::fetch(py));
        }
        Ok(Bound::from_owned_ptr(py, cap).unbind())
    }
}

fn check_device(dl_device: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    if let Some(d) = dl_device.filter(|d| !d.is_none()) {
        let (t, id): (i32, i32) = d.extract()?;
        if t != KDL_CPU || id != 0 {
            return Err(PyBufferError::new_err("unsupported device requested"));
        }
    }
    Ok(())
}

#[pymethods]
impl PyArray {
    /// Export as a DLPack capsule (versioned when `max_version >= (1, 0)`).
    #[pyo3(signature = (*, stream=None, max_version=None, dl_device=None, copy=None))]
    fn __dlpack__(
        &self,
        py: Python<'_>,
        stream: Option<&Bound<'_, PyAny>>,
        max_version: Option<(u32, u32)>,
        dl_device: Option<&Bound<'_, PyAny>>,
        copy: Option<bool>,
    ) -> PyResult<Py<PyAny>> {
        if stream.is_some_and(|s| !s.is_none()) {
            return Err(PyRuntimeError::new_err(
                "oxarray only supports stream=None.",
            ));
        }
        check_device(dl_device)?;
        let versioned = max_version.is_some_and(|(major, _)| major >= 1);
        let copied = copy == Some(true);
        let a = if copied {
            iter::copy_of(&self.arr, Order::K).py()?
        } else {
            self.arr.clone()
        };
        if !versioned && !a.is_writeable() {
            return Err(PyBufferError::new_err(
                "Cannot export readonly array since signalling readonly is unsupported by DLPack (supported by newer DLPack version).",
            ));
        }
        export(py, &a, versioned, copied)
    }

    /// `(device_type, device_id)`: always the CPU, `(1, 0)`.
    fn __dlpack_device__(&self) -> (i32, i32) {
        (KDL_CPU, 0)
    }
}

/// Owns a consumed managed tensor; calls its deleter when the storage goes.
enum Consumed {
    Legacy(*mut DLManagedTensor),
    Versioned(*mut DLManagedTensorVersioned),
}

// SAFETY: DLPack requires deleters to be callable from any thread, and the tensor itself is
// plain memory that the producer gave up to us.
unsafe impl Send for Consumed {}
// SAFETY: see above; we never touch the struct except to call the deleter once, in drop.
unsafe impl Sync for Consumed {}

impl Drop for Consumed {
    fn drop(&mut self) {
        // SAFETY: the pointer came from a capsule we renamed to `used_...`, so we are its
        // only owner, and drop runs once.
        unsafe {
            match *self {
                Consumed::Legacy(p) => {
                    if let Some(d) = (*p).deleter {
                        d(p)
                    }
                }
                Consumed::Versioned(p) => {
                    if let Some(d) = (*p).deleter {
                        d(p)
                    }
                }
            }
        }
    }
}

/// No user-space allocation of a 64-bit process ends above this address.
#[cfg(target_pointer_width = "64")]
const MAX_USER_ADDRESS: usize = 1 << 57;
#[cfg(not(target_pointer_width = "64"))]
const MAX_USER_ADDRESS: usize = usize::MAX;

/// A DLPack tensor's layout, validated before anything touches its memory.
struct Checked {
    ptr: *mut u8,
    dtype: DType,
    shape: Shape,
    strides: Strides,
}

/// Validate everything read from a tensor before the capsule is consumed: device, dtype,
/// `ndim`, the shape and strides arrays, and that the addressed bytes form a plausible
/// allocation (no overflow of the byte extent, no wrap-around of the address space, no
/// NULL data for a non-empty tensor). NumPy itself trusts strides and offsets it should
/// not (and can crash); we refuse them with `BufferError`.
///
/// # Safety
/// `t.shape` (and `t.strides` when non-NULL) must point at `t.ndim` readable entries when
/// `t.ndim > 0` and they are non-NULL: the DLPack contract of the producer.
unsafe fn validate(t: &DLTensor) -> PyResult<Checked> {
    if !HOST_DEVICES.contains(&t.device.device_type) {
        return Err(PyRuntimeError::new_err(
            "Unsupported device in DLTensor (oxarray only reads CPU memory).",
        ));
    }
    let dtype = dtype_of_dl(t.dtype)
        .ok_or_else(|| PyRuntimeError::new_err("Unsupported dtype in DLTensor."))?;
    if t.ndim < 0 {
        return Err(PyValueError::new_err("negative ndim in DLTensor"));
    }
    let nd = t.ndim as usize;
    if nd > 0 && t.shape.is_null() {
        return Err(PyBufferError::new_err("malformed DLTensor shape (NULL)"));
    }
    let shape_v: &[i64] = if nd == 0 {
        &[]
    } else {
        // SAFETY: non-NULL, `ndim` entries (the caller's contract).
        unsafe { std::slice::from_raw_parts(t.shape, nd) }
    };
    if shape_v.iter().any(|&n| n < 0) {
        return Err(PyValueError::new_err("negative dimensions are not allowed"));
    }
    let mut shape = Shape::new();
    for &n in shape_v {
        shape.push(
            usize::try_from(n)
                .ok()
                .filter(|&n| n <= isize::MAX as usize)
                .ok_or_else(|| PyBufferError::new_err("DLTensor dimension too large"))?,
        );
    }
    let isz = dtype.itemsize as isize;
    let strides: Strides = if t.strides.is_null() || nd == 0 {
        oxarray_core::layout::c_strides(&shape, dtype.itemsize)
    } else {
        // SAFETY: as above.
        let s = unsafe { std::slice::from_raw_parts(t.strides, nd) };
        let mut out = Strides::new();
        for &e in s {
            out.push(
                isize::try_from(e)
                    .ok()
                    .and_then(|e| e.checked_mul(isz))
                    .ok_or_else(|| PyBufferError::new_err("DLTensor stride overflows"))?,
            );
        }
        out
    };
    let empty = shape.contains(&0);
    let offset = isize::try_from(t.byte_offset)
        .map_err(|_| PyBufferError::new_err("DLTensor byte_offset too large"))?;
    let base = t.data as usize;
    if !empty {
        if t.data.is_null() {
            return Err(PyBufferError::new_err("NULL data in a non-empty DLTensor"));
        }
        let (lo, hi) =
            super::buffer::checked_extent(&shape, &strides, dtype.itemsize).ok_or_else(|| {
                PyBufferError::new_err("DLTensor shape and strides overflow the address space")
            })?;
        // The addressed bytes [data + offset + lo, data + offset + hi) must be able to
        // exist: no wrap-around, and inside the user address space of any 64-bit platform
        // (x86-64 and aarch64 stop below 2**57 even with 5-level paging).
        let first = offset
            .checked_add(lo)
            .and_then(|d| base.checked_add_signed(d));
        let last = offset
            .checked_add(hi)
            .and_then(|d| base.checked_add_signed(d));
        match (first, last) {
            // Page zero is never mapped: an address there is a bogus pointer.
            (Some(f), Some(l)) if f >= 4096 && l <= MAX_USER_ADDRESS => {}
            _ => {
                return Err(PyBufferError::new_err(
                    "DLTensor data, byte_offset and strides point outside any possible allocation",
                ))
            }
        }
    }
    Ok(Checked {
        ptr: t.data.cast::<u8>().wrapping_offset(offset),
        dtype,
        shape,
        strides,
    })
}

/// Build an array over a validated DLPack tensor.
///
/// # Safety
/// The memory `c` describes must stay valid while `keep` lives.
unsafe fn array_of_tensor(c: Checked, writeable: bool, keep: Consumed) -> PyResult<Array> {
    array_over(
        c.ptr,
        c.shape,
        c.strides,
        c.dtype,
        writeable,
        Box::new(keep),
    )
}

/// View the tensor in a DLPack capsule (either kind) as an array, consuming the capsule.
///
/// # Errors
/// NumPy's types: `ValueError` for a non-capsule, a used capsule or a negative `ndim` or
/// dimension, `RuntimeError` for an unsupported device or dtype, `BufferError` for an
/// unsupported version or a layout outside any possible allocation (the capsule then stays unconsumed and frees itself).
pub fn import_capsule(cap: &Bound<'_, PyAny>) -> PyResult<Array> {
    let p = cap.as_ptr();
    // SAFETY: `PyCapsule_IsValid` accepts any object and never raises.
    let versioned = unsafe { ffi::PyCapsule_IsValid(p, NAME_VERSIONED.as_ptr()) } == 1;
    // SAFETY: as above.
    let legacy = unsafe { ffi::PyCapsule_IsValid(p, NAME_LEGACY.as_ptr()) } == 1;
    if versioned {
        // SAFETY: a valid capsule of this name holds a `DLManagedTensorVersioned`.
        let m = unsafe { ffi::PyCapsule_GetPointer(p, NAME_VERSIONED.as_ptr()) }
            as *mut DLManagedTensorVersioned;
        // SAFETY: non-null (the capsule is valid), owned by the capsule until renamed.
        let mr = unsafe { &*m };
        if mr.version.major != 1 {
            return Err(PyBufferError::new_err(format!(
                "DLPack version {}.{} is not supported (oxarray reads 1.x)",
                mr.version.major, mr.version.minor
            )));
        }
        let writeable = mr.flags & FLAG_READ_ONLY == 0;
        // SAFETY: the producer's tensor (DLPack contract).
        let checked = unsafe { validate(&mr.dl_tensor)? };
        // SAFETY: renaming marks the capsule consumed: its destructor will no longer free
        // the tensor, which from here on belongs to `Consumed`.
        if unsafe { ffi::PyCapsule_SetName(p, NAME_VERSIONED_USED.as_ptr()) } != 0 {
            return Err(PyErr::fetch(cap.py()));
        }
        // SAFETY: the producer keeps the tensor valid until its deleter runs.
        unsafe { array_of_tensor(checked, writeable, Consumed::Versioned(m)) }
    } else if legacy {
        // SAFETY: as above, for the legacy struct.
        let m =
            unsafe { ffi::PyCapsule_GetPointer(p, NAME_LEGACY.as_ptr()) } as *mut DLManagedTensor;
        // SAFETY: as above.
        let mr = unsafe { &*m };
        // SAFETY: the producer's tensor (DLPack contract).
        let checked = unsafe { validate(&mr.dl_tensor)? };
        // SAFETY: as above.
        if unsafe { ffi::PyCapsule_SetName(p, NAME_LEGACY_USED.as_ptr()) } != 0 {
            return Err(PyErr::fetch(cap.py()));
        }
        // SAFETY: as above.
        unsafe { array_of_tensor(checked, true, Consumed::Legacy(m)) }
    } else {
        // NumPy: ValueError from PyCapsule_GetPointer.
        Err(PyValueError::new_err(
            "expected a DLPack capsule named 'dltensor' or 'dltensor_versioned' (a used capsule cannot be consumed twice)",
        ))
    }
}

/// `from_dlpack(x, /, *, device=None, copy=None)`: an array viewing the memory of any
/// DLPack producer (zero-copy unless `copy=True`).
#[pyfunction]
#[pyo3(signature = (x, /, *, device=None, copy=None))]
pub fn from_dlpack(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    device: Option<&Bound<'_, PyAny>>,
    copy: Option<crate::functions::CopyArg>,
) -> PyResult<Py<PyAny>> {
    let copy = copy.and_then(|c| c.0);
    if let Some(d) = device.filter(|d| !d.is_none()) {
        let ok = d.extract::<String>().is_ok_and(|s| s == "cpu")
            || d.extract::<(i32, i32)>().is_ok_and(|t| t == (KDL_CPU, 0));
        if !ok {
            return Err(PyValueError::new_err(format!(
                "oxarray only supports device='cpu', not {}",
                d.repr()?
            )));
        }
    }
    // An exact NumPy array: its struct, not a capsule (the same view `__dlpack__` would
    // give; anything it would refuse or flag differently declines and goes below).
    if let Some(a) = super::numpy_direct::import(x, true) {
        let a = a?;
        if copy == Some(true) {
            return crate::ndarray::wrap(py, iter::copy_of(&a, Order::K).py()?);
        }
        return Py::new(
            py,
            PyArray {
                arr: a,
                base: Some(x.clone().unbind()),
            },
        )
        .map(|o| o.into_any());
    }
    let method = x.getattr("__dlpack__")?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("max_version", (1, 0))?;
    if let Some(c) = copy {
        kwargs.set_item("copy", c)?;
    }
    let cap = match method.call((), Some(&kwargs)) {
        Ok(c) => c,
        Err(e) if e.is_instance_of::<PyTypeError>(py) => {
            // A producer that predates the versioned protocol (it cannot take `copy`
            // either: a copy, if asked, is made below).
            method.call0()?
        }
        Err(e) => return Err(e),
    };
    let mut a = import_capsule(&cap)?;
    if copy == Some(true) && !capsule_was_copied(&cap) {
        a = iter::copy_of(&a, Order::K).py()?;
        return crate::ndarray::wrap(py, a);
    }
    Ok(Py::new(
        py,
        PyArray {
            arr: a,
            base: Some(cap.into_py_any(py)?),
        },
    )?
    .into_any())
}

/// Whether a consumed versioned capsule's producer said it copied.
fn capsule_was_copied(cap: &Bound<'_, PyAny>) -> bool {
    let p = cap.as_ptr();
    // SAFETY: `PyCapsule_IsValid` never raises; a used versioned capsule still holds the
    // tensor pointer, which stays alive until the deleter runs (owned by our array).
    unsafe {
        if ffi::PyCapsule_IsValid(p, NAME_VERSIONED_USED.as_ptr()) == 1 {
            let m = ffi::PyCapsule_GetPointer(p, NAME_VERSIONED_USED.as_ptr())
                as *const DLManagedTensorVersioned;
            return m.as_ref().is_some_and(|m| m.flags & FLAG_IS_COPIED != 0);
        }
    }
    false
}
