//! The typed Rust consumer API (feature `pyo3`): `oxarray.h` for PyO3 extension authors.
//!
//! ```ignore
//! let v = oxarray_abi::py::view(obj, false)?;     // slot, else DLPack, else buffer
//! if let Some(xs) = v.as_slice::<f64>() { ... }   // C-contiguous native float64
//! ```
//!
//! 1. [`slot_table`] finds a type's [`SlotTable`] by the portable path (step 3b of the crate
//!    docs): the `"oxarray.slots"` capsule in the `__dict__` of the first class of the
//!    `__mro__` that defines `__oxarray_slots__`. It works under the limited API (`abi3`),
//!    which cannot read type objects, so it does not try the type-carried path; providers
//!    install the capsule always (oxarray and `tests/capi/tinyarray.c` do).
//! 2. Found tables are cached per type (the cache holds a strong reference to the type, so
//!    its address cannot be reused). Tables are install-once: a type given slots after its
//!    first lookup is seen (misses are not cached), a type whose table is *replaced* later
//!    keeps its first one in this cache.
//! 3. [`view`] fills an [`ArrayView`] from the `oxarray:array@1` slot, else `__dlpack__`,
//!    else the buffer protocol, exactly as `OxArray_GetView`; dropping the view releases it.

use std::ffi::{c_char, c_void, CStr};
use std::marker::PhantomData;
use std::sync::Mutex;

use pyo3::exceptions::{PyBufferError, PyTypeError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple, PyType};

use crate::table::{SlotTable, TABLE_MAGIC};
use crate::view::{
    self, ArrayVTable, DLManagedTensorVersioned, DLTensor, UfuncVTable, CAPSULE_ATTR, CAPSULE_NAME,
    DEVICE_CPU, DLPACK_FLAG_READ_ONLY,
};
use crate::{ABI_MAJOR, KEY_ARRAY_V1, KEY_UFUNC_V1};

/// Types whose table was found: (type kept alive, table address).
static CACHE: Mutex<Vec<(Py<PyType>, usize)>> = Mutex::new(Vec::new());
/// Most types cached (beyond it, lookups still work, uncached).
const CACHE_MAX: usize = 64;

fn portable_lookup(tp: &Bound<'_, PyType>) -> PyResult<Option<&'static SlotTable>> {
    let mro = tp.getattr("__mro__")?;
    for base in mro.cast_into::<PyTuple>()?.iter() {
        let dict = base.getattr("__dict__")?;
        // `contains` first: a miss must not cost a KeyError.
        if !dict.contains(CAPSULE_ATTR)? {
            continue;
        }
        let cap = dict.get_item(CAPSULE_ATTR)?;
        // SAFETY: `cap` is a live object; PyCapsule_IsValid accepts any object and the name
        // is a NUL-terminated 'static string.
        let valid = unsafe { ffi::PyCapsule_IsValid(cap.as_ptr(), CAPSULE_NAME.as_ptr()) } == 1;
        if !valid {
            return Ok(None); // the nearest definition wins, like attribute lookup
        }
        // SAFETY: validity was just checked; a provider's capsule points to a SlotTable
        // that lives at least as long as the type (the capsule contract).
        let t = unsafe { ffi::PyCapsule_GetPointer(cap.as_ptr(), CAPSULE_NAME.as_ptr()) }
            .cast::<SlotTable>();
        // SAFETY: as above; the magic and version are checked before anything else is used.
        let t = unsafe { t.as_ref() };
        return Ok(t.filter(|t| t.magic == TABLE_MAGIC && u32::from(t.abi_major) == ABI_MAJOR));
    }
    Ok(None)
}

/// The slot table of `tp` (portable path, cached per type), or `None`.
pub fn slot_table(tp: &Bound<'_, PyType>) -> Option<&'static SlotTable> {
    let key = tp.as_ptr() as usize;
    if let Ok(cache) = CACHE.lock() {
        if let Some(&(_, t)) = cache.iter().find(|(ty, _)| ty.as_ptr() as usize == key) {
            // SAFETY: cached tables are live for as long as their type, which the cache
            // keeps alive.
            return Some(unsafe { &*(t as *const SlotTable) });
        }
    }
    let found = portable_lookup(tp).ok().flatten()?;
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() < CACHE_MAX {
            cache.push((tp.clone().unbind(), found as *const SlotTable as usize));
        }
    }
    Some(found)
}

/// The value of slot `key` on `obj`'s type, or null.
pub fn slot(obj: &Bound<'_, PyAny>, key: u64) -> *const c_void {
    slot_table(&obj.get_type()).map_or(std::ptr::null(), |t| t.get(key))
}

/// The `oxarray:array@1` vtable of `obj`'s type.
pub fn array_vtable(obj: &Bound<'_, PyAny>) -> Option<&'static ArrayVTable> {
    let p = slot(obj, KEY_ARRAY_V1).cast::<ArrayVTable>();
    // SAFETY: a value stored under KEY_ARRAY_V1 is a static ArrayVTable (the key's contract).
    unsafe { p.as_ref() }.filter(|v| u32::from(v.abi_major) == ABI_MAJOR)
}

/// The `oxarray:ufunc@1` vtable of `obj`'s type.
pub fn ufunc_vtable(obj: &Bound<'_, PyAny>) -> Option<&'static UfuncVTable> {
    let p = slot(obj, KEY_UFUNC_V1).cast::<UfuncVTable>();
    // SAFETY: a value stored under KEY_UFUNC_V1 is a static UfuncVTable.
    unsafe { p.as_ref() }.filter(|v| u32::from(v.abi_major) == ABI_MAJOR)
}

/// Capability check: `obj`'s type has the `oxarray:array@1` slot.
pub fn is_array(obj: &Bound<'_, PyAny>) -> bool {
    array_vtable(obj).is_some()
}

/// Where a view came from, and what releasing it takes.
enum Source {
    Slot,
    DLPack(*mut DLManagedTensorVersioned),
    DLPackV0(*mut c_void),
    Buffer(Box<ffi::Py_buffer>),
}

/// A view of an array-like's memory; released on drop.
pub struct ArrayView<'py> {
    raw: view::ArrayView,
    obj: Bound<'py, PyAny>,
    source: Source,
    /// Byte strides made from DLPack's element strides.
    strides: Vec<i64>,
    _not_send: PhantomData<*mut ()>,
}

/// An element type [`ArrayView::as_slice`] can hand out.
pub trait Element: Copy {
    /// NumPy kind character.
    const KIND: u8;
}
macro_rules! element {
    ($($t:ty => $k:literal),*) => { $(impl Element for $t { const KIND: u8 = $k; })* };
}
element!(f32 => b'f', f64 => b'f', i8 => b'i', i16 => b'i', i32 => b'i', i64 => b'i',
         u8 => b'u', u16 => b'u', u32 => b'u', u64 => b'u', bool => b'b');

impl<'py> ArrayView<'py> {
    /// The C view (`OxArrayView`).
    pub fn raw(&self) -> &view::ArrayView {
        &self.raw
    }
    /// The viewed object.
    pub fn object(&self) -> &Bound<'py, PyAny> {
        &self.obj
    }
    /// Number of dimensions.
    pub fn ndim(&self) -> usize {
        self.raw.ndim as usize
    }
    /// Extents.
    pub fn shape(&self) -> &[i64] {
        if self.raw.ndim == 0 {
            return &[];
        }
        // SAFETY: a filled view has `ndim` extents, alive while the view is.
        unsafe { std::slice::from_raw_parts(self.raw.shape, self.ndim()) }
    }
    /// Strides in bytes.
    pub fn strides(&self) -> &[i64] {
        if self.raw.ndim == 0 {
            return &[];
        }
        // SAFETY: as for `shape`.
        unsafe { std::slice::from_raw_parts(self.raw.strides, self.ndim()) }
    }
    /// Address of element `[0, ..., 0]`.
    pub fn data(&self) -> *mut c_void {
        self.raw.data
    }
    /// NumPy kind character (`b i u f c`, `V` unknown).
    pub fn kind(&self) -> char {
        self.raw.kind as u8 as char
    }
    /// Bytes per element.
    pub fn itemsize(&self) -> usize {
        self.raw.itemsize as usize
    }
    /// `=` native, `<`, `>`, `|`.
    pub fn byteorder(&self) -> char {
        self.raw.byteorder as u8 as char
    }
    /// Whether the memory must not be written.
    pub fn is_readonly(&self) -> bool {
        self.raw.readonly != 0
    }
    /// `"slot"`, `"dlpack"` or `"buffer"`.
    pub fn source(&self) -> &'static str {
        match self.source {
            Source::Slot => "slot",
            Source::DLPack(_) | Source::DLPackV0(_) => "dlpack",
            Source::Buffer(_) => "buffer",
        }
    }
    fn is_c_contiguous(&self) -> bool {
        let mut expect = self.itemsize() as i64;
        for (&n, &s) in self.shape().iter().zip(self.strides()).rev() {
            if n != 1 && s != expect {
                return false;
            }
            expect *= n;
        }
        true
    }
    /// The elements as a slice, when the view is C-contiguous, aligned, native and of type
    /// `T` (by kind and size); `None` otherwise.
    pub fn as_slice<T: Element>(&self) -> Option<&[T]> {
        let native = matches!(self.byteorder(), '=' | '|');
        if self.raw.kind as u8 != T::KIND
            || self.itemsize() != std::mem::size_of::<T>()
            || !native
            || !self.is_c_contiguous()
            || (self.raw.data as usize) % std::mem::align_of::<T>() != 0
        {
            return None;
        }
        let len: i64 = self.shape().iter().product();
        if len == 0 {
            return Some(&[]);
        }
        // SAFETY: contiguous, aligned, native memory of `len` elements of T's kind and size,
        // kept alive (and, for bool, holding only 0/1 as every provider stores) by the view.
        Some(unsafe { std::slice::from_raw_parts(self.raw.data.cast::<T>(), len as usize) })
    }
}

impl Drop for ArrayView<'_> {
    fn drop(&mut self) {
        match &mut self.source {
            Source::Slot => {}
            Source::DLPack(m) => {
                // SAFETY: we consumed the capsule, so the deleter is ours to call, once.
                unsafe {
                    if let Some(del) = (**m).deleter {
                        del(*m);
                    }
                }
            }
            Source::DLPackV0(m) => {
                // SAFETY: DLManagedTensor (v0): `deleter` follows the DLTensor and the
                // manager context; called once.
                unsafe {
                    let at = (*m).cast::<u8>().add(std::mem::size_of::<DLTensor>() + 8);
                    let del = *at.cast::<Option<unsafe extern "C" fn(*mut c_void)>>();
                    if let Some(del) = del {
                        del(*m);
                    }
                }
            }
            Source::Buffer(buf) => {
                // SAFETY: the buffer was filled by PyObject_GetBuffer and not yet released;
                // the GIL is held ('py).
                unsafe { ffi::PyBuffer_Release(&mut **buf) };
            }
        }
    }
}

fn empty_view() -> view::ArrayView {
    view::ArrayView {
        struct_size: std::mem::size_of::<view::ArrayView>() as u32,
        ndim: 0,
        data: std::ptr::null_mut(),
        shape: std::ptr::null(),
        strides: std::ptr::null(),
        kind: b'V' as c_char,
        byteorder: b'=' as c_char,
        readonly: 0,
        reserved: 0,
        itemsize: 0,
        device_type: DEVICE_CPU,
        device_id: 0,
        dtype: std::ptr::null_mut(),
        obj: std::ptr::null_mut(),
        vtable: std::ptr::null(),
        internal: [std::ptr::null_mut(); 4],
    }
}

/// Fill the common fields from a DLTensor; byte strides go to `strides`.
fn from_dltensor(v: &mut view::ArrayView, t: &DLTensor, strides: &mut Vec<i64>) -> PyResult<()> {
    if t.dtype.lanes != 1 {
        return Err(PyBufferError::new_err(
            "vector DLPack dtypes are not supported",
        ));
    }
    if t.device.device_type != DEVICE_CPU {
        return Err(PyBufferError::new_err(
            "the DLPack tensor is not in CPU memory",
        ));
    }
    v.kind = match t.dtype.code {
        0 => b'i',
        1 => b'u',
        2 => b'f',
        5 => b'c',
        6 => b'b',
        _ => b'V',
    } as c_char;
    v.itemsize = (i32::from(t.dtype.bits) + 7) / 8;
    v.byteorder = if v.itemsize == 1 { b'|' } else { b'=' } as c_char;
    v.ndim = t.ndim;
    // SAFETY: DLPack: data + byte_offset is element 0; shape has ndim entries.
    v.data = unsafe { t.data.cast::<u8>().add(t.byte_offset as usize) }.cast::<c_void>();
    let nd = t.ndim.max(0) as usize;
    // SAFETY: DLPack: shape and (when not null) strides have `ndim` entries.
    let shape = if nd == 0 {
        &[][..]
    } else {
        unsafe { std::slice::from_raw_parts(t.shape, nd) }
    };
    strides.clear();
    if t.strides.is_null() {
        let mut s = i64::from(v.itemsize);
        strides.resize(nd, 0);
        for i in (0..nd).rev() {
            strides[i] = s;
            s *= shape[i];
        }
    } else {
        // SAFETY: as above.
        let es = unsafe { std::slice::from_raw_parts(t.strides, nd) };
        strides.extend(es.iter().map(|&s| s * i64::from(v.itemsize)));
    }
    v.shape = t.shape;
    v.strides = strides.as_ptr();
    v.device_type = t.device.device_type;
    v.device_id = t.device.device_id;
    Ok(())
}

fn dlpack_view<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<ArrayView<'py>>> {
    let py = obj.py();
    let Ok(meth) = obj.getattr("__dlpack__") else {
        return Ok(None);
    };
    let kwargs = PyDict::new(py);
    kwargs.set_item("max_version", (1, 0))?;
    let cap = match meth.call((), Some(&kwargs)) {
        Ok(c) => c,
        Err(e) if e.is_instance_of::<PyTypeError>(py) => meth.call0()?,
        Err(e) => return Err(e),
    };
    let name_v1: &CStr = c"dltensor_versioned";
    let name_v0: &CStr = c"dltensor";
    let mut out = ArrayView {
        raw: empty_view(),
        obj: obj.clone(),
        source: Source::Slot,
        strides: Vec::new(),
        _not_send: PhantomData,
    };
    // SAFETY: `cap` is a live object; the names are NUL-terminated statics; a valid
    // "dltensor_versioned" capsule holds a DLManagedTensorVersioned (DLPack 1.0), and renaming
    // it to "used_..." transfers ownership to us (the DLPack protocol).
    unsafe {
        if ffi::PyCapsule_IsValid(cap.as_ptr(), name_v1.as_ptr()) == 1 {
            let m = ffi::PyCapsule_GetPointer(cap.as_ptr(), name_v1.as_ptr())
                .cast::<DLManagedTensorVersioned>();
            if ffi::PyCapsule_SetName(cap.as_ptr(), c"used_dltensor_versioned".as_ptr()) != 0 {
                return Err(PyErr::fetch(py));
            }
            out.source = Source::DLPack(m);
            if (*m).version.major != 1 {
                return Err(PyBufferError::new_err("unsupported DLPack major version"));
            }
            out.raw.readonly = u8::from((*m).flags & DLPACK_FLAG_READ_ONLY != 0);
            from_dltensor(&mut out.raw, &(*m).dl_tensor, &mut out.strides)?;
        } else if ffi::PyCapsule_IsValid(cap.as_ptr(), name_v0.as_ptr()) == 1 {
            let m = ffi::PyCapsule_GetPointer(cap.as_ptr(), name_v0.as_ptr());
            if ffi::PyCapsule_SetName(cap.as_ptr(), c"used_dltensor".as_ptr()) != 0 {
                return Err(PyErr::fetch(py));
            }
            out.source = Source::DLPackV0(m);
            // DLManagedTensor starts with its DLTensor.
            from_dltensor(&mut out.raw, &*m.cast::<DLTensor>(), &mut out.strides)?;
        } else {
            return Err(PyBufferError::new_err(
                "__dlpack__ did not return a DLPack capsule",
            ));
        }
    }
    Ok(Some(out))
}

fn parse_format(fmt: &[u8], itemsize: isize, v: &mut view::ArrayView) {
    let (mut order, rest) = match fmt.first() {
        Some(b'@' | b'=') => (b'=', &fmt[1..]),
        Some(b'<') => (b'<', &fmt[1..]),
        Some(b'>' | b'!') => (b'>', &fmt[1..]),
        _ => (b'=', fmt),
    };
    if (order == b'<') == cfg!(target_endian = "little") {
        order = b'=';
    }
    v.itemsize = itemsize as i32;
    v.kind = match rest {
        [b'Z', b'e' | b'f' | b'd' | b'g'] => b'c',
        [c] if b"bhilqn".contains(c) => b'i',
        [c] if b"BHILQN".contains(c) => b'u',
        [b'?'] => b'b',
        [c] if b"efdg".contains(c) => b'f',
        _ => b'V',
    } as c_char;
    v.byteorder = if itemsize == 1 { b'|' } else { order } as c_char;
}

fn buffer_view<'py>(obj: &Bound<'py, PyAny>, writable: bool) -> PyResult<Option<ArrayView<'py>>> {
    // SAFETY: `obj` is live and the GIL is held.
    if unsafe { ffi::PyObject_CheckBuffer(obj.as_ptr()) } == 0 {
        return Ok(None);
    }
    // SAFETY: a zeroed Py_buffer is a valid "not filled" value; PyObject_GetBuffer fills it
    // or fails without touching it; the GIL is held.
    let mut buf: Box<ffi::Py_buffer> = Box::new(unsafe { std::mem::zeroed() });
    let flags = if writable {
        ffi::PyBUF_RECORDS
    } else {
        ffi::PyBUF_RECORDS_RO
    };
    // SAFETY: as above.
    if unsafe { ffi::PyObject_GetBuffer(obj.as_ptr(), &mut *buf, flags) } != 0 {
        return Err(PyErr::fetch(obj.py()));
    }
    let mut raw = empty_view();
    raw.data = buf.buf;
    raw.ndim = buf.ndim;
    raw.shape = buf.shape.cast::<i64>();
    raw.strides = buf.strides.cast::<i64>();
    raw.readonly = u8::from(buf.readonly != 0);
    let fmt: &[u8] = if buf.format.is_null() {
        b"B"
    } else {
        // SAFETY: a filled buffer's format is a NUL-terminated string.
        unsafe { CStr::from_ptr(buf.format) }.to_bytes()
    };
    parse_format(fmt, buf.itemsize, &mut raw);
    Ok(Some(ArrayView {
        raw,
        obj: obj.clone(),
        source: Source::Buffer(buf),
        strides: Vec::new(),
        _not_send: PhantomData,
    }))
}

/// A view of any array-like: the `oxarray:array@1` slot, else `__dlpack__`, else the buffer
/// protocol (as `OxArray_GetView`). `writable`: fail with `BufferError` on read-only memory.
///
/// # Errors
/// `TypeError` when `obj` is none of these; `BufferError` for read-only memory when
/// `writable`, or non-CPU memory; whatever the provider raises.
pub fn view<'py>(obj: &Bound<'py, PyAny>, writable: bool) -> PyResult<ArrayView<'py>> {
    if let Some(vt) = array_vtable(obj) {
        let mut raw = empty_view();
        let flags = if writable { view::VIEW_WRITABLE } else { 0 };
        // SAFETY: the vtable's fill_view contract: obj is live, raw is writable, GIL held.
        if unsafe { (vt.fill_view)(obj.as_ptr().cast::<c_void>(), &mut raw, flags) } != 0 {
            return Err(PyErr::fetch(obj.py()));
        }
        if raw.device_type != DEVICE_CPU {
            return Err(PyBufferError::new_err("the array is not in CPU memory"));
        }
        raw.vtable = vt;
        return Ok(ArrayView {
            raw,
            obj: obj.clone(),
            source: Source::Slot,
            strides: Vec::new(),
            _not_send: PhantomData,
        });
    }
    match dlpack_view(obj) {
        Ok(Some(v)) if writable && v.is_readonly() => {
            return Err(PyBufferError::new_err("the array is read-only"));
        }
        Ok(Some(v)) => return Ok(v),
        Ok(None) => {}
        // The producer cannot export this array through DLPack (byte order, read-only with
        // a writable request, ...): the buffer protocol may still describe it.
        Err(e) if e.is_instance_of::<PyBufferError>(obj.py()) => {
            if let Some(v) = buffer_view(obj, writable)? {
                return Ok(v);
            }
            return Err(e);
        }
        Err(e) => return Err(e),
    }
    if let Some(v) = buffer_view(obj, writable)? {
        return Ok(v);
    }
    Err(PyTypeError::new_err(format!(
        "expected an array (oxarray:array@1 slot, __dlpack__ or the buffer protocol), got '{}'",
        obj.get_type().name()?
    )))
}
