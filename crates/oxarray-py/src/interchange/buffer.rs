//! PEP 3118 buffer protocol, both directions.
//!
//! Export (`memoryview(x)`, `numpy.asarray(x)`): `__getbuffer__` fills the `Py_buffer` with
//! the array's pointer, shape, strides and a format string spelled the way NumPy spells it
//! (`'d'`, `'Zf'`, `'>q'`, ...). The view holds a strong reference to the array (`obj`) *and*
//! an `Arc` to its storage (in `internal`), so the memory outlives the view even if the
//! array object is later re-pointed.
//!
//! Import: any exporter (bytes, bytearray, array.array, memoryview, mmap, NumPy arrays) is
//! viewed without copying; the `Py_buffer` itself is the storage's keep-alive handle, so the
//! exporter stays alive (and locked against resizing) until the last view is gone.

use std::ffi::{c_int, CStr};
use std::sync::Arc;

use oxarray_core::dtype::ByteOrder;
use oxarray_core::layout::c_strides;
use oxarray_core::{Array, Builtin, DType, Shape, Storage, Strides};
use pyo3::exceptions::{PyBufferError, PyTypeError};
use pyo3::ffi;
use pyo3::prelude::*;

use crate::errors::CoreResultExt;
use crate::ndarray::PyArray;

/// What `__getbuffer__` allocates per view, freed by `__releasebuffer__`.
struct Exported {
    _storage: Arc<Storage>,
    shape: Vec<ffi::Py_ssize_t>,
    strides: Vec<ffi::Py_ssize_t>,
}

/// NumPy's PEP 3118 format string for a built-in dtype: native types use native (`@`)
/// codes without a prefix; swapped ones an explicit order and standard-size codes.
pub fn format_of(dt: DType) -> Option<&'static CStr> {
    if crate::object::is_object(dt) {
        // NumPy exports object arrays with the struct module's `'O'` (PyObject*).
        return Some(c"O");
    }
    if let Some(f) = crate::strings::buffer_format(dt) {
        return Some(f);
    }
    let b = dt.builtin?;
    let native = dt.is_native();
    let f: &'static CStr = match (b, native) {
        (Builtin::Bool, _) => c"?",
        (Builtin::Int8, _) => c"b",
        (Builtin::UInt8, _) => c"B",
        (Builtin::Int16, true) => c"h",
        (Builtin::UInt16, true) => c"H",
        (Builtin::Int32, true) => c"i",
        (Builtin::UInt32, true) => c"I",
        (Builtin::Int64, true) => {
            if std::mem::size_of::<std::ffi::c_long>() == 8 {
                c"l"
            } else {
                c"q"
            }
        }
        (Builtin::UInt64, true) => {
            if std::mem::size_of::<std::ffi::c_long>() == 8 {
                c"L"
            } else {
                c"Q"
            }
        }
        (Builtin::Float16, true) => c"e",
        (Builtin::Float32, true) => c"f",
        (Builtin::Float64, true) => c"d",
        (Builtin::Complex64, true) => c"Zf",
        (Builtin::Complex128, true) => c"Zd",
        // Swapped: the non-native order, explicitly.
        (b, false) => swapped_format(b, ByteOrder::NATIVE == ByteOrder::Little)?,
    };
    Some(f)
}

fn swapped_format(b: Builtin, big: bool) -> Option<&'static CStr> {
    Some(match (b, big) {
        (Builtin::Int16, true) => c">h",
        (Builtin::UInt16, true) => c">H",
        (Builtin::Int32, true) => c">i",
        (Builtin::UInt32, true) => c">I",
        (Builtin::Int64, true) => c">q",
        (Builtin::UInt64, true) => c">Q",
        (Builtin::Float16, true) => c">e",
        (Builtin::Float32, true) => c">f",
        (Builtin::Float64, true) => c">d",
        (Builtin::Complex64, true) => c">Zf",
        (Builtin::Complex128, true) => c">Zd",
        (Builtin::Int16, false) => c"<h",
        (Builtin::UInt16, false) => c"<H",
        (Builtin::Int32, false) => c"<i",
        (Builtin::UInt32, false) => c"<I",
        (Builtin::Int64, false) => c"<q",
        (Builtin::UInt64, false) => c"<Q",
        (Builtin::Float16, false) => c"<e",
        (Builtin::Float32, false) => c"<f",
        (Builtin::Float64, false) => c"<d",
        (Builtin::Complex64, false) => c"<Zf",
        (Builtin::Complex128, false) => c"<Zd",
        _ => return None,
    })
}

/// The dtype a PEP 3118 format string describes (single items only).
///
/// # Errors
/// `TypeError` naming the format when oxarray has no dtype for it (structs, long double,
/// pointers, chars).
pub fn dtype_of_format(fmt: &str, itemsize: usize) -> PyResult<DType> {
    let unsupported = || {
        PyTypeError::new_err(format!(
            "oxarray has no dtype for the buffer format {fmt:?} (itemsize {itemsize})"
        ))
    };
    let (order, code) = match fmt.as_bytes().first() {
        Some(b'@') => ('@', &fmt[1..]),
        Some(b'=') => ('=', &fmt[1..]),
        Some(b'<') => ('<', &fmt[1..]),
        Some(b'>' | b'!') => ('>', &fmt[1..]),
        _ => ('@', fmt),
    };
    if let Some(d) = crate::strings::dtype_of_buffer_format(order, code, itemsize) {
        return Ok(d);
    }
    let code = code.strip_prefix('1').unwrap_or(code);
    let native_sizes = order == '@';
    let long = if native_sizes {
        std::mem::size_of::<std::ffi::c_long>()
    } else {
        4
    };
    let (kind, size) = match code {
        "?" => ('b', 1),
        "b" => ('i', 1),
        "B" => ('u', 1),
        "h" => ('i', 2),
        "H" => ('u', 2),
        "i" => ('i', 4),
        "I" => ('u', 4),
        "l" => ('i', long),
        "L" => ('u', long),
        "q" => ('i', 8),
        "Q" => ('u', 8),
        "n" if native_sizes => ('i', std::mem::size_of::<isize>()),
        "N" if native_sizes => ('u', std::mem::size_of::<usize>()),
        "e" => ('f', 2),
        "f" => ('f', 4),
        "d" => ('f', 8),
        "Zf" => ('c', 8),
        "Zd" => ('c', 16),
        _ => return Err(unsupported()),
    };
    if size != itemsize {
        return Err(unsupported());
    }
    let b = match (kind, size) {
        ('b', 1) => Builtin::Bool,
        ('i', 1) => Builtin::Int8,
        ('i', 2) => Builtin::Int16,
        ('i', 4) => Builtin::Int32,
        ('i', 8) => Builtin::Int64,
        ('u', 1) => Builtin::UInt8,
        ('u', 2) => Builtin::UInt16,
        ('u', 4) => Builtin::UInt32,
        ('u', 8) => Builtin::UInt64,
        ('f', 2) => Builtin::Float16,
        ('f', 4) => Builtin::Float32,
        ('f', 8) => Builtin::Float64,
        ('c', 8) => Builtin::Complex64,
        ('c', 16) => Builtin::Complex128,
        _ => return Err(unsupported()),
    };
    let swapped = match order {
        '<' => ByteOrder::NATIVE != ByteOrder::Little,
        '>' => ByteOrder::NATIVE != ByteOrder::Big,
        _ => false,
    };
    let dt = b.dtype();
    Ok(if swapped && size > 1 {
        dt.swapped()
    } else {
        dt
    })
}

#[pymethods]
impl PyArray {
    /// PEP 3118 export.
    ///
    /// # Safety
    /// Called by CPython with a valid `view` to fill.
    unsafe fn __getbuffer__(
        slf: Bound<'_, Self>,
        view: *mut ffi::Py_buffer,
        flags: c_int,
    ) -> PyResult<()> {
        if view.is_null() {
            return Err(PyBufferError::new_err("NULL view in __getbuffer__"));
        }
        let a = slf.borrow().arr.clone();
        let want = |f: c_int| flags & f == f;
        if want(ffi::PyBUF_WRITABLE) && !a.is_writeable() {
            return Err(PyBufferError::new_err("buffer source array is read-only"));
        }
        let c = a.is_c_contiguous();
        let f = a.is_f_contiguous();
        if want(ffi::PyBUF_C_CONTIGUOUS) && !c {
            return Err(PyBufferError::new_err("ndarray is not C-contiguous"));
        }
        if want(ffi::PyBUF_F_CONTIGUOUS) && !f {
            return Err(PyBufferError::new_err("ndarray is not Fortran contiguous"));
        }
        if want(ffi::PyBUF_ANY_CONTIGUOUS) && !(c || f) {
            return Err(PyBufferError::new_err("ndarray is not contiguous"));
        }
        if !want(ffi::PyBUF_STRIDES) && !c {
            return Err(PyBufferError::new_err("ndarray is not C-contiguous"));
        }
        // A registered dtype without a format: NumPy's error for a user dtype
        // (`memoryview` of an `ml_dtypes.bfloat16` array), ValueError naming its char.
        let format = format_of(a.dtype()).ok_or_else(|| {
            pyo3::exceptions::PyValueError::new_err(format!(
                "cannot include dtype '{}' in a buffer",
                a.dtype().char
            ))
        })?;
        let exported = Box::new(Exported {
            _storage: a.storage().clone(),
            shape: a.shape().iter().map(|&n| n as ffi::Py_ssize_t).collect(),
            strides: a.strides().to_vec(),
        });
        let raw = Box::into_raw(exported);
        // SAFETY: `view` is the non-null struct CPython asked us to fill; `raw` is a live box
        // freed in `__releasebuffer__`, whose vectors are never resized, so the shape and
        // strides pointers stay valid for the life of the view. The buffer pointer stays
        // valid because `internal` holds an `Arc` of the storage (invariant 2 of `Array`).
        unsafe {
            let v = &mut *view;
            v.buf = a.data_ptr().cast();
            v.len = a.nbytes() as ffi::Py_ssize_t;
            v.itemsize = a.itemsize() as ffi::Py_ssize_t;
            v.readonly = c_int::from(!a.is_writeable());
            v.ndim = a.ndim() as c_int;
            v.format = if want(ffi::PyBUF_FORMAT) {
                format.as_ptr().cast_mut()
            } else {
                std::ptr::null_mut()
            };
            v.shape = if want(ffi::PyBUF_ND) {
                (*raw).shape.as_mut_ptr()
            } else {
                std::ptr::null_mut()
            };
            v.strides = if want(ffi::PyBUF_STRIDES) {
                (*raw).strides.as_mut_ptr()
            } else {
                std::ptr::null_mut()
            };
            v.suboffsets = std::ptr::null_mut();
            v.internal = raw.cast();
            v.obj = slf.into_any().into_ptr();
        }
        Ok(())
    }

    /// Frees what `__getbuffer__` allocated.
    ///
    /// # Safety
    /// Called by CPython once per successful `__getbuffer__`, with the same view.
    unsafe fn __releasebuffer__(_slf: &Bound<'_, Self>, view: *mut ffi::Py_buffer) {
        // SAFETY: `internal` was set by `__getbuffer__` from `Box::into_raw` and CPython
        // releases each view exactly once.
        unsafe {
            let raw = (*view).internal as *mut Exported;
            if !raw.is_null() {
                drop(Box::from_raw(raw));
                (*view).internal = std::ptr::null_mut();
            }
        }
    }
}

/// True when `obj` exports the buffer protocol.
pub fn has_buffer(obj: &Bound<'_, PyAny>) -> bool {
    // SAFETY: `obj` is a live object; the call only inspects its type.
    unsafe { ffi::PyObject_CheckBuffer(obj.as_ptr()) == 1 }
}

/// A buffer acquired from an exporter with `PyBUF_FULL_RO` (format, shape, strides as the
/// exporter has them), released when dropped. Unlike PyO3's `PyUntypedBuffer` it accepts
/// 0-d buffers, which PEP 3118 lets leave `shape` NULL.
pub struct RawBuffer(Box<ffi::Py_buffer>);

// SAFETY: the struct is only read after acquisition; release happens with the interpreter
// attached (see `Drop`), and exporters keep the memory valid until then from any thread.
unsafe impl Send for RawBuffer {}
// SAFETY: as above.
unsafe impl Sync for RawBuffer {}

impl RawBuffer {
    /// Acquire `obj`'s buffer (read-only request; `readonly` says whether writes are OK).
    ///
    /// # Errors
    /// The exporter's error (`TypeError` when `obj` has no buffer, `BufferError`, ...).
    pub fn get(obj: &Bound<'_, PyAny>) -> PyResult<RawBuffer> {
        // SAFETY: a zeroed Py_buffer is a valid "empty" struct for the exporter to fill.
        let mut view: Box<ffi::Py_buffer> = Box::new(unsafe { std::mem::zeroed() });
        // SAFETY: `obj` is live; `view` is a writable Py_buffer at a stable (boxed) address.
        let rc = unsafe { ffi::PyObject_GetBuffer(obj.as_ptr(), &mut *view, ffi::PyBUF_FULL_RO) };
        if rc != 0 {
            return Err(PyErr::fetch(obj.py()));
        }
        Ok(RawBuffer(view))
    }
    /// Start of the data.
    pub fn ptr(&self) -> *mut u8 {
        self.0.buf.cast()
    }
    /// Total bytes.
    pub fn len_bytes(&self) -> usize {
        self.0.len.max(0) as usize
    }
    /// Bytes per item.
    pub fn itemsize(&self) -> usize {
        self.0.itemsize.max(0) as usize
    }
    /// Whether the exporter forbids writes.
    pub fn readonly(&self) -> bool {
        self.0.readonly != 0
    }
    /// The struct-module format (`"B"` when the exporter gave none).
    pub fn format(&self) -> std::borrow::Cow<'_, str> {
        if self.0.format.is_null() {
            return "B".into();
        }
        // SAFETY: a non-null format is a NUL-terminated string owned by the exporter, valid
        // until the buffer is released, which cannot happen while `self` is borrowed.
        unsafe { CStr::from_ptr(self.0.format) }.to_string_lossy()
    }
    /// The shape (`[len / itemsize]` for 1-d buffers without one, `[]` for 0-d).
    pub fn shape(&self) -> Vec<usize> {
        let nd = self.0.ndim.max(0) as usize;
        if self.0.shape.is_null() {
            return if nd == 0 {
                vec![]
            } else {
                vec![self.len_bytes() / self.itemsize().max(1)]
            };
        }
        // SAFETY: a non-null shape holds `ndim` entries (PEP 3118).
        unsafe { std::slice::from_raw_parts(self.0.shape, nd) }
            .iter()
            .map(|&n| n.max(0) as usize)
            .collect()
    }
    /// The strides in bytes (C-contiguous ones when the exporter gave none).
    pub fn strides(&self) -> Vec<isize> {
        let nd = self.0.ndim.max(0) as usize;
        if self.0.strides.is_null() || nd == 0 {
            return c_strides(&self.shape(), self.itemsize()).to_vec();
        }
        // SAFETY: a non-null strides array holds `ndim` entries (PEP 3118).
        unsafe { std::slice::from_raw_parts(self.0.strides, nd) }.to_vec()
    }
    /// The object that exported the buffer (`obj` of the `Py_buffer`; null when unset).
    pub fn exporter(&self) -> *mut ffi::PyObject {
        self.0.obj
    }
    /// True when the exporter uses PIL-style indirection.
    pub fn has_suboffsets(&self) -> bool {
        !self.0.suboffsets.is_null()
    }
    /// C-contiguous (CPython's definition).
    pub fn is_c_contiguous(&self) -> bool {
        // SAFETY: the view was filled by a successful PyObject_GetBuffer.
        unsafe { ffi::PyBuffer_IsContiguous(&*self.0, b'C' as std::ffi::c_char) == 1 }
    }
    /// C- or Fortran-contiguous.
    pub fn is_contiguous(&self) -> bool {
        // SAFETY: as above.
        unsafe { ffi::PyBuffer_IsContiguous(&*self.0, b'A' as std::ffi::c_char) == 1 }
    }
}

impl Drop for RawBuffer {
    fn drop(&mut self) {
        // Release needs the interpreter. If it is gone (process exit), the memory is too.
        let _ = Python::try_attach(|_| {
            // SAFETY: the view was acquired by PyObject_GetBuffer and is released once.
            unsafe { ffi::PyBuffer_Release(&mut *self.0) }
        });
    }
}

/// View an exporter's memory as an array (no copy).
///
/// # Errors
/// `BufferError` from the exporter; `TypeError` for formats oxarray has no dtype for or
/// indirect (PIL-style) buffers.
pub fn import_buffer(obj: &Bound<'_, PyAny>) -> PyResult<Array> {
    let buf = RawBuffer::get(obj)?;
    if buf.has_suboffsets() {
        return Err(PyTypeError::new_err(
            "oxarray cannot view indirect buffers (with suboffsets)",
        ));
    }
    let dtype = if buf.format() == "O" && buf.itemsize() == std::mem::size_of::<usize>() {
        // Items are object pointers: trusted only from an exporter whose items are live
        // objects (an oxarray or NumPy object array, or a memoryview of one), as the view
        // reads them as objects.
        if !exports_live_objects(obj, buf.exporter())? {
            return Err(PyTypeError::new_err(
                "oxarray views buffers of format 'O' only from object arrays",
            ));
        }
        crate::object::object_dtype()
    } else {
        dtype_of_format(&buf.format(), buf.itemsize())?
    };
    let shape: Shape = Shape::from_slice(&buf.shape());
    let strides: Strides = Strides::from_slice(&buf.strides());
    let ptr = buf.ptr();
    let writeable = !buf.readonly();
    array_over(ptr, shape, strides, dtype, writeable, Box::new(buf))
}

/// An array over foreign memory at `ptr` with the given layout, kept alive by `keepalive`.
///
/// The storage spans exactly the bytes the layout reaches, so the bounds check of
/// `Array::from_parts` is meaningful.
pub fn array_over(
    ptr: *mut u8,
    shape: Shape,
    strides: Strides,
    dtype: DType,
    writeable: bool,
    keepalive: Box<dyn std::any::Any + Send + Sync>,
) -> PyResult<Array> {
    let empty = shape.contains(&0);
    let (lo, hi) = if empty {
        (0, 0)
    } else {
        checked_extent(&shape, &strides, dtype.itemsize).ok_or_else(|| {
            pyo3::exceptions::PyValueError::new_err(
                "the foreign array's shape and strides describe more memory than can exist",
            )
        })?
    };
    // SAFETY: the exporter guarantees that every element its layout addresses, i.e. the
    // bytes `ptr + lo .. ptr + hi`, stays valid (and writable when it said so) while the
    // keep-alive handle lives; the storage owns that handle.
    let storage = unsafe {
        Storage::foreign(
            ptr.wrapping_offset(lo),
            (hi - lo) as usize,
            writeable,
            keepalive,
        )
    };
    Array::from_parts(Arc::new(storage), -lo, shape, strides, dtype, writeable).py()
}

/// `byte_extent` with overflow checks, for layouts that come from outside (DLPack tensors,
/// array interfaces): `None` when the numbers cannot describe real memory.
pub fn checked_extent(
    shape: &[usize],
    strides: &[isize],
    itemsize: usize,
) -> Option<(isize, isize)> {
    let (mut lo, mut hi) = (0isize, 0isize);
    for (&n, &st) in shape.iter().zip(strides) {
        let span = (isize::try_from(n).ok()? - 1).checked_mul(st)?;
        if span < 0 {
            lo = lo.checked_add(span)?;
        } else {
            hi = hi.checked_add(span)?;
        }
    }
    Some((lo, hi.checked_add(isize::try_from(itemsize).ok()?)?))
}

/// True when `exporter` (the buffer's owner, reached from `obj`) is an oxarray or NumPy
/// array of dtype object, whose items are live objects.
fn exports_live_objects(obj: &Bound<'_, PyAny>, exporter: *mut ffi::PyObject) -> PyResult<bool> {
    let py = obj.py();
    if exporter.is_null() {
        return Ok(false);
    }
    // SAFETY: the buffer holds a reference to its exporter while it lives.
    let mut e = unsafe { Bound::from_borrowed_ptr(py, exporter) };
    // A memoryview re-exports its own exporter's memory.
    while let Ok(m) = e.cast::<pyo3::types::PyMemoryView>() {
        let inner = m.getattr("obj")?;
        if inner.is_none() {
            return Ok(false);
        }
        e = inner;
    }
    if let Ok(a) = e.cast::<PyArray>() {
        return Ok(crate::object::is_object(a.borrow().arr.dtype()));
    }
    let t = e.get_type();
    let module = t.module().map(|m| m.to_string()).unwrap_or_default();
    if module == "numpy" && t.name()? == "ndarray" {
        return Ok(e.getattr("dtype")?.getattr("kind")?.extract::<String>()? == "O");
    }
    Ok(false)
}
