//! Array scalars: `oxarray.float64(1.5)` and friends, in NumPy's class hierarchy.
//!
//! ```text
//! generic ─┬─ bool
//!          └─ number ─┬─ integer ─┬─ signedinteger ── int8 int16 int32 int64
//!                     │           └─ unsignedinteger ── uint8 uint16 uint32 uint64
//!                     └─ inexact ─┬─ floating ── float16 float32 float64
//!                                 └─ complexfloating ── complex64 complex128
//! ```
//! The value lives in the base class `generic` (a core `Scalar` plus its dtype); the other
//! classes carry no data. Deliberate difference from NumPy: `float64` does not subclass
//! Python's `float` (nor `complex128` Python's `complex`), because a PyO3 class cannot share
//! its layout with a built-in; `float(x)`, `complex(x)` and `operator.index` work instead.

use crate::freelist::FreeList;
use num_complex::Complex;
use oxarray_core::dtype::{DType, Scalar};
use oxarray_core::Builtin;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyComplex, PyTuple, PyType};
use pyo3::{ffi, IntoPyObjectExt, PyClassInitializer};
use std::ffi::c_void;
use std::sync::OnceLock;

use crate::convert;
use crate::dtype::dtype_to_py;
use crate::ndarray::PyArray;
use crate::printing;

/// Base of all array scalars.
#[pyclass(name = "generic", module = "oxarray", subclass, frozen)]
pub struct PyGeneric {
    pub value: Scalar,
    pub dtype: DType,
}

macro_rules! abstract_class {
    ($rs:ident, $name:literal, $base:ty) => {
        #[doc = concat!("The abstract scalar class `", $name, "`.")]
        #[pyclass(name = $name, module = "oxarray", extends = $base, subclass, frozen)]
        pub struct $rs;
    };
}

abstract_class!(PyNumber, "number", PyGeneric);
abstract_class!(PyInteger, "integer", PyNumber);
abstract_class!(PySignedInteger, "signedinteger", PyInteger);
abstract_class!(PyUnsignedInteger, "unsignedinteger", PyInteger);
abstract_class!(PyInexact, "inexact", PyNumber);
abstract_class!(PyFloating, "floating", PyInexact);
abstract_class!(PyComplexFloating, "complexfloating", PyInexact);

/// Build the initializer chain from `generic` down to a concrete class.
macro_rules! init_chain {
    ($g:expr; $($cls:expr),*) => {{
        let init = PyClassInitializer::from($g);
        $(let init = init.add_subclass($cls);)*
        init
    }};
}

macro_rules! concrete_class {
    ($rs:ident, $name:literal, $b:ident, $base:ty, [$($chain:expr),*]) => {
        concrete_class!(@def $rs, $name, $b, $base, [$($chain),*]);

        #[pymethods]
        impl $rs {
            #[new]
            #[pyo3(signature = (value=None))]
            fn new(value: Option<&Bound<'_, PyAny>>) -> PyResult<PyClassInitializer<$rs>> {
                Self::from_value(value)
            }
        }
    };
    // The complex types also take `(real, imag)`, as Python's `complex` (and NumPy's).
    (@complex $rs:ident, $name:literal, $b:ident, $base:ty, [$($chain:expr),*]) => {
        concrete_class!(@def $rs, $name, $b, $base, [$($chain),*]);

        #[pymethods]
        impl $rs {
            #[new]
            #[pyo3(signature = (value=None, imag=None, /))]
            fn new(
                value: Option<&Bound<'_, PyAny>>,
                imag: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<PyClassInitializer<$rs>> {
                match (value, imag) {
                    (Some(re), Some(im)) => {
                        // NumPy refuses complex parts, which Python's `complex` still takes.
                        let is_c = |x: &Bound<'_, PyAny>| {
                            x.is_instance_of::<pyo3::types::PyComplex>()
                                || x.is_instance_of::<PyComplexFloating>()
                        };
                        if is_c(re) || is_c(im) {
                            return Err(pyo3::exceptions::PyTypeError::new_err(
                                "complex() argument must be a real number, not complex",
                            ));
                        }
                        let c = re.py().get_type::<pyo3::types::PyComplex>().call1((re, im))?;
                        Self::from_value(Some(&c))
                    }
                    (None, Some(im)) => {
                        let c = im
                            .py()
                            .get_type::<pyo3::types::PyComplex>()
                            .call1((0, im))?;
                        Self::from_value(Some(&c))
                    }
                    (v, None) => Self::from_value(v),
                }
            }
        }
    };
    (@def $rs:ident, $name:literal, $b:ident, $base:ty, [$($chain:expr),*]) => {
        #[doc = concat!("The scalar type `", $name, "`.")]
        #[pyclass(name = $name, module = "oxarray", extends = $base, subclass, frozen)]
        pub struct $rs;

        impl $rs {
            fn init(value: Scalar) -> PyClassInitializer<$rs> {
                let g = PyGeneric { value, dtype: Builtin::$b.dtype() };
                init_chain!(g; $($chain,)* $rs)
            }

            fn from_value(value: Option<&Bound<'_, PyAny>>) -> PyResult<PyClassInitializer<$rs>> {
                let dt = Builtin::$b.dtype();
                crate::castwarn::begin();
                let v = match value {
                    None => Scalar::Int(0),
                    Some(v) => convert::scalar_for_dtype(&from_text(v, dt)?, dt)?,
                };
                // Normalise through the element type so `int8(300.0)` wraps like a cast.
                let v = roundtrip(v, dt);
                if let Some(v) = value {
                    crate::castwarn::finish(v.py())?;
                }
                Ok(Self::init(v))
            }
        }
    };
}

concrete_class!(PyBoolScalar, "bool", Bool, PyGeneric, []);
concrete_class!(
    PyInt8,
    "int8",
    Int8,
    PySignedInteger,
    [PyNumber, PyInteger, PySignedInteger]
);
concrete_class!(
    PyInt16,
    "int16",
    Int16,
    PySignedInteger,
    [PyNumber, PyInteger, PySignedInteger]
);
concrete_class!(
    PyInt32,
    "int32",
    Int32,
    PySignedInteger,
    [PyNumber, PyInteger, PySignedInteger]
);
concrete_class!(
    PyInt64,
    "int64",
    Int64,
    PySignedInteger,
    [PyNumber, PyInteger, PySignedInteger]
);
concrete_class!(
    PyUInt8,
    "uint8",
    UInt8,
    PyUnsignedInteger,
    [PyNumber, PyInteger, PyUnsignedInteger]
);
concrete_class!(
    PyUInt16,
    "uint16",
    UInt16,
    PyUnsignedInteger,
    [PyNumber, PyInteger, PyUnsignedInteger]
);
concrete_class!(
    PyUInt32,
    "uint32",
    UInt32,
    PyUnsignedInteger,
    [PyNumber, PyInteger, PyUnsignedInteger]
);
concrete_class!(
    PyUInt64,
    "uint64",
    UInt64,
    PyUnsignedInteger,
    [PyNumber, PyInteger, PyUnsignedInteger]
);
concrete_class!(
    PyFloat16,
    "float16",
    Float16,
    PyFloating,
    [PyNumber, PyInexact, PyFloating]
);
concrete_class!(
    PyFloat32,
    "float32",
    Float32,
    PyFloating,
    [PyNumber, PyInexact, PyFloating]
);
concrete_class!(
    PyFloat64,
    "float64",
    Float64,
    PyFloating,
    [PyNumber, PyInexact, PyFloating]
);
concrete_class!(
    @complex PyComplex64,
    "complex64",
    Complex64,
    PyComplexFloating,
    [PyNumber, PyInexact, PyComplexFloating]
);
concrete_class!(
    @complex PyComplex128,
    "complex128",
    Complex128,
    PyComplexFloating,
    [PyNumber, PyInexact, PyComplexFloating]
);

/// A string argument parsed like NumPy's scalar constructors do (Python's `float()`,
/// `int()`, `complex()`, or truthiness for bool); other values pass through.
fn from_text<'py>(v: &Bound<'py, PyAny>, dt: DType) -> PyResult<Bound<'py, PyAny>> {
    let is_array = v.cast::<PyArray>().is_ok_and(|a| a.borrow().arr.ndim() > 0);
    if is_array || v.is_instance_of::<pyo3::types::PyList>() || v.is_instance_of::<PyTuple>() {
        // Deliberate difference from NumPy (which returns an array here): a scalar type
        // makes scalars only.
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "oxarray.{}() takes a single number; use oxarray.array(x, dtype='{}') for sequences",
            dt.name, dt.name
        )));
    }
    if !v.is_instance_of::<pyo3::types::PyString>() {
        return Ok(v.clone());
    }
    let py = v.py();
    match dt.kind {
        'b' => Ok(pyo3::types::PyBool::new(py, v.is_truthy()?)
            .to_owned()
            .into_any()),
        'i' | 'u' => py.get_type::<pyo3::types::PyInt>().call1((v,)),
        'c' => py.get_type::<PyComplex>().call1((v,)),
        _ => py.get_type::<pyo3::types::PyFloat>().call1((v,)),
    }
}

/// Store `v` into one element of `dt` and read it back (applies the cast).
fn roundtrip(v: Scalar, dt: DType) -> Scalar {
    let mut buf = [0u8; 16];
    // SAFETY: `buf` holds one element of any built-in dtype (at most 16 bytes).
    unsafe {
        if dt.set(buf.as_mut_ptr(), &v).is_err() {
            return v;
        }
        dt.get(buf.as_ptr())
    }
}

/// The scalar object for one element of `dt`.
pub fn make_scalar(py: Python<'_>, value: Scalar, dt: DType) -> PyResult<Py<PyAny>> {
    use Builtin as B;
    if let Scalar::Ref(r) = value {
        // Opaque items (objects, strings, dtypes written in Python) are their own Python
        // objects; a `generic` never holds one.
        return crate::registered::item_to_py(py, r);
    }
    let Some(b) = dt.builtin else {
        if let Some(o) = crate::registered::make_scalar(py, value, dt)? {
            return Ok(o);
        }
        return Ok(Py::new(py, PyGeneric { value, dtype: dt })?.into_any());
    };
    if let Some(raw) = RAW.get() {
        // SAFETY: `raw` describes the installed classes; the dtype is `b`'s (native, as
        // the classes' own constructors make it).
        let p = unsafe {
            raw.new_object(
                b,
                PyGeneric {
                    value,
                    dtype: b.dtype(),
                },
            )
        };
        // SAFETY: a new reference, or null with the error set.
        return unsafe { Bound::from_owned_ptr_or_err(py, p).map(Bound::unbind) };
    }
    macro_rules! mk {
        ($t:ident) => {
            Py::new(py, $t::init(value))?.into_any()
        };
    }
    Ok(match b {
        B::Bool => mk!(PyBoolScalar),
        B::Int8 => mk!(PyInt8),
        B::Int16 => mk!(PyInt16),
        B::Int32 => mk!(PyInt32),
        B::Int64 => mk!(PyInt64),
        B::UInt8 => mk!(PyUInt8),
        B::UInt16 => mk!(PyUInt16),
        B::UInt32 => mk!(PyUInt32),
        B::UInt64 => mk!(PyUInt64),
        B::Float16 => mk!(PyFloat16),
        B::Float32 => mk!(PyFloat32),
        B::Float64 => mk!(PyFloat64),
        B::Complex64 => mk!(PyComplex64),
        B::Complex128 => mk!(PyComplex128),
    })
}

/// The scalar type object of `dt`.
pub fn scalar_type(py: Python<'_>, dt: DType) -> PyResult<Py<PyType>> {
    use Builtin as B;
    let t = match dt.builtin {
        None => {
            return Ok(crate::registered::scalar_type_of(py, dt)
                .unwrap_or_else(|| py.get_type::<PyGeneric>().unbind()))
        }
        Some(B::Bool) => py.get_type::<PyBoolScalar>(),
        Some(B::Int8) => py.get_type::<PyInt8>(),
        Some(B::Int16) => py.get_type::<PyInt16>(),
        Some(B::Int32) => py.get_type::<PyInt32>(),
        Some(B::Int64) => py.get_type::<PyInt64>(),
        Some(B::UInt8) => py.get_type::<PyUInt8>(),
        Some(B::UInt16) => py.get_type::<PyUInt16>(),
        Some(B::UInt32) => py.get_type::<PyUInt32>(),
        Some(B::UInt64) => py.get_type::<PyUInt64>(),
        Some(B::Float16) => py.get_type::<PyFloat16>(),
        Some(B::Float32) => py.get_type::<PyFloat32>(),
        Some(B::Float64) => py.get_type::<PyFloat64>(),
        Some(B::Complex64) => py.get_type::<PyComplex64>(),
        Some(B::Complex128) => py.get_type::<PyComplex128>(),
    };
    Ok(t.unbind())
}

/// The dtype of a concrete scalar type object, if it is one.
pub fn dtype_of_scalar_type(t: &Bound<'_, PyType>) -> Option<DType> {
    let py = t.py();
    Builtin::ALL
        .iter()
        .map(|b| b.dtype())
        .find(|&dt| scalar_type(py, dt).is_ok_and(|st| st.bind(py).is(t)))
        .or_else(|| crate::registered::dtype_of_class(t))
}

/// Register all scalar classes on the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyGeneric>()?;
    m.add_class::<PyNumber>()?;
    m.add_class::<PyInteger>()?;
    m.add_class::<PySignedInteger>()?;
    m.add_class::<PyUnsignedInteger>()?;
    m.add_class::<PyInexact>()?;
    m.add_class::<PyFloating>()?;
    m.add_class::<PyComplexFloating>()?;
    m.add_class::<PyBoolScalar>()?;
    m.add_class::<PyInt8>()?;
    m.add_class::<PyInt16>()?;
    m.add_class::<PyInt32>()?;
    m.add_class::<PyInt64>()?;
    m.add_class::<PyUInt8>()?;
    m.add_class::<PyUInt16>()?;
    m.add_class::<PyUInt32>()?;
    m.add_class::<PyUInt64>()?;
    m.add_class::<PyFloat16>()?;
    m.add_class::<PyFloat32>()?;
    m.add_class::<PyFloat64>()?;
    m.add_class::<PyComplex64>()?;
    m.add_class::<PyComplex128>()?;
    install_raw(m.py())?;
    crate::scalarmath::install(m.py())
}

// ---------------------------------------------------------------------------------------
// Allocation without PyO3's initializer chain.
//
// `make_scalar` is on every scalar result (`a[i]`, `x * y`, reductions), and PyO3's
// `Py::new` walks the initializer chain of the 4-5 classes down to `generic` and calls
// `object.__new__` (about 280 instructions), then its `tp_dealloc` the chain back (190).
// An instance of a concrete class is a Python object header and the `PyGeneric` value
// (every other class in the chain holds nothing; `frozen`: no borrow flag; no dict, no
// weakref list), so it is built as CPython builds its floats: memory from a free list or
// `PyObject_Malloc`, `PyObject_Init` (type, reference count), the value written in place.
// Its `tp_dealloc` ([`dealloc`]) returns exact instances to the free list; instances of
// Python subclasses (which `subtype_dealloc` hands to this class's `tp_dealloc`) go to
// PyO3's function as before. PyO3 makes every class a GC type; a scalar holds no
// reference, so the 14 classes become plain ones (`typeslots::make_untracked`), as NumPy's
// scalars are. The layout facts are checked at install time (an object made by PyO3 is
// read back through the offset), and nothing is installed if one fails.
// ---------------------------------------------------------------------------------------

/// The installed raw allocation.
pub(crate) struct Raw {
    /// The 14 concrete classes, by `Builtin::index`.
    types: [usize; 14],
    /// PyO3's `tp_dealloc` of each, for instances of Python subclasses.
    pyo3_dealloc: [usize; 14],
    /// Byte offset of the `PyGeneric` value in an instance.
    pub(crate) offset: usize,
    /// `tp_basicsize` (the same for the 14 classes).
    size: usize,
}

pub(crate) static RAW: OnceLock<Raw> = OnceLock::new();

// The value is written in place and never dropped.
const _: () = assert!(!std::mem::needs_drop::<PyGeneric>());

/// Objects kept for reuse (their type reference already released), touched only with the
/// GIL held (abi3 builds run on GIL interpreters only).
static FREE: FreeList<128> = FreeList::new();

impl Raw {
    /// A new reference to a fresh instance of `b`'s class holding `g`, or null with a
    /// `MemoryError` set.
    ///
    /// # Safety
    /// Attached to the interpreter; `g.dtype` is the built-in `b`.
    #[inline]
    pub(crate) unsafe fn new_object(&self, b: Builtin, g: PyGeneric) -> *mut ffi::PyObject {
        let tp = self.types[b.index()] as *mut ffi::PyTypeObject;
        // SAFETY: the GIL serialises the free list; the memory has `size` bytes from
        // `PyObject_Malloc`; `offset` is where PyO3 keeps the value.
        unsafe {
            let obj = FREE.take(self.size);
            if obj.is_null() {
                return ffi::PyErr_NoMemory();
            }
            std::ptr::write(obj.cast::<u8>().add(self.offset).cast::<PyGeneric>(), g);
            ffi::PyObject_Init(obj, tp)
        }
    }

    /// Whether `tp` is exactly the concrete class of `b` (one load and a compare: the
    /// scalar operators' same-class fast path, before the general [`Raw::exact`]).
    #[inline(always)]
    pub(crate) fn is_class(&self, tp: *mut ffi::PyTypeObject, b: Builtin) -> bool {
        self.types[b.index()] == tp as usize
    }

    /// The value held by `o`, an instance of one of the 14 concrete classes.
    ///
    /// # Safety
    /// `o` is live and its type is exactly one of the concrete classes (see
    /// [`Raw::is_class`]).
    #[inline(always)]
    pub(crate) unsafe fn value_of(&self, o: *mut ffi::PyObject) -> Scalar {
        // SAFETY: the caller's contract: the value is at `offset`.
        unsafe { (*o.cast::<u8>().add(self.offset).cast::<PyGeneric>()).value }
    }

    /// The value of `o` if its type is exactly one of the concrete classes.
    ///
    /// # Safety
    /// `o` is a live object; attached to the interpreter.
    #[inline(always)]
    pub(crate) unsafe fn exact(&self, o: *mut ffi::PyObject) -> Option<&PyGeneric> {
        // SAFETY: the caller's contract; only the 14 classes have `dealloc` as their own
        // `tp_dealloc` (Python subclasses have `subtype_dealloc`), and their instances
        // hold the value at `offset`.
        unsafe {
            if crate::typeslots::dealloc_of(ffi::Py_TYPE(o)) != dealloc as *mut c_void {
                return None;
            }
            Some(&*o.cast::<u8>().add(self.offset).cast::<PyGeneric>())
        }
    }
}

/// `tp_dealloc` of the 14 concrete classes.
unsafe extern "C" fn dealloc(o: *mut ffi::PyObject) {
    // SAFETY: CPython calls this with an object whose count reached zero; `RAW` is set
    // before this is installed.
    unsafe {
        let tp = ffi::Py_TYPE(o);
        let raw = RAW.get().expect("installed with RAW");
        if crate::typeslots::dealloc_of(tp) == dealloc as *mut c_void {
            FREE.give(o);
            ffi::Py_DECREF(tp.cast());
            return;
        }
        // A Python subclass's instance: PyO3's function of the nearest concrete base.
        let mut t = tp;
        while !t.is_null() {
            if let Some(i) = raw.types.iter().position(|&x| x == t as usize) {
                let f: ffi::destructor = std::mem::transmute(raw.pyo3_dealloc[i]);
                return f(o);
            }
            t = ffi::PyType_GetSlot(t, ffi::Py_tp_base).cast();
        }
        unreachable!("a scalar class's dealloc on an object of no scalar class");
    }
}

/// Install [`dealloc`] and [`RAW`] on the 14 classes when every layout check passes.
fn install_raw(py: Python<'_>) -> PyResult<()> {
    let mut types = [0usize; 14];
    let mut size = None;
    let mut offset = None;
    for b in Builtin::ALL {
        let t = scalar_type(py, b.dtype())?;
        let t = t.bind(py);
        if !crate::typeslots::verified(t) {
            return Ok(());
        }
        let s: usize = t.getattr("__basicsize__")?.extract()?;
        // One object made by PyO3, read back through the offset.
        let probe = make_scalar(py, Scalar::Int(1), b.dtype())?;
        let probe = probe.bind(py);
        let gp = probe.cast::<PyGeneric>()?.get() as *const PyGeneric as usize;
        let off = gp - probe.as_ptr() as usize;
        let ok = size.is_none_or(|x| x == s)
            && offset.is_none_or(|x| x == off)
            && off + std::mem::size_of::<PyGeneric>() <= s
            && off >= std::mem::size_of::<ffi::PyObject>();
        if !ok {
            return Ok(());
        }
        size = Some(s);
        offset = Some(off);
        types[b.index()] = t.as_type_ptr() as usize;
    }
    let (Some(size), Some(offset)) = (size, offset) else {
        return Ok(());
    };
    let mut pyo3_dealloc = [0usize; 14];
    for b in Builtin::ALL {
        // SAFETY: a live heap type.
        pyo3_dealloc[b.index()] =
            unsafe { ffi::PyType_GetSlot(types[b.index()] as *mut _, ffi::Py_tp_dealloc) } as usize;
    }
    // `RAW` first: `dealloc` reads it, and objects `new_object` makes are freed correctly
    // by PyO3's function too (same memory, same layout).
    let raw = RAW.get_or_init(|| Raw {
        types,
        pyo3_dealloc,
        offset,
        size,
    });
    for b in Builtin::ALL {
        let t = scalar_type(py, b.dtype())?;
        if raw.types[b.index()] != t.bind(py).as_type_ptr() as usize {
            continue;
        }
        // SAFETY: verified above; no instance exists yet (the probes are gone);
        // `dealloc` frees exact instances with `PyObject_Free` (or keeps them) and hands
        // subclass instances (GC objects of their own types) to PyO3's function, saved in
        // `RAW`.
        unsafe {
            crate::typeslots::make_untracked(t.bind(py));
            crate::typeslots::replace(t.bind(py), ffi::Py_tp_dealloc, dealloc as *mut c_void);
            // `__getitem__` (s[()], s[...]) also filled `sq_item`: without it, as NumPy's
            // scalars, they are not sequences (`PySequence_Check` false, `iter(s)` raises
            // TypeError instead of iterating over nothing).
            crate::typeslots::replace(t.bind(py), ffi::Py_sq_item, std::ptr::null_mut());
        }
    }
    Ok(())
}

#[pymethods]
impl PyInteger {
    /// Integer scalars index Python sequences.
    fn __index__(slf: PyRef<'_, Self>) -> PyResult<Py<PyAny>> {
        let g = slf.into_super().into_super();
        convert::scalar_to_py(g.py(), g.value)
    }
}

#[pymethods]
impl PyGeneric {
    /// The Python number.
    fn item(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        convert::scalar_to_py(py, self.value)
    }
    #[getter]
    fn dtype(&self, py: Python<'_>) -> PyResult<Py<crate::dtype::PyDType>> {
        dtype_to_py(py, self.dtype)
    }
    /// NumPy's dtype protocol: the `numpy.dtype` of this scalar's dtype.
    #[getter]
    fn __numpy_dtype__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::dtype::numpy_dtype_of(py, self.dtype)
    }
    #[getter]
    fn shape<'py>(&self, py: Python<'py>) -> Bound<'py, PyTuple> {
        PyTuple::empty(py)
    }
    #[getter]
    fn ndim(&self) -> usize {
        0
    }
    #[getter]
    fn size(&self) -> usize {
        1
    }
    #[getter]
    fn itemsize(&self) -> usize {
        self.dtype.itemsize
    }
    #[getter]
    fn nbytes(&self) -> usize {
        self.dtype.itemsize
    }
    #[getter]
    fn strides<'py>(&self, py: Python<'py>) -> Bound<'py, PyTuple> {
        PyTuple::empty(py)
    }
    #[getter]
    fn real(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match self.value {
            Scalar::Complex(c) => make_scalar(py, Scalar::Float(c.re), real_dtype(self.dtype)),
            v => make_scalar(py, v, self.dtype),
        }
    }
    #[getter]
    fn imag(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match self.value {
            Scalar::Complex(c) => make_scalar(py, Scalar::Float(c.im), real_dtype(self.dtype)),
            _ => make_scalar(py, Scalar::Int(0), self.dtype),
        }
    }
    /// The Array API namespace of this scalar (`oxarray`), as for arrays (`api_version`
    /// checked the same way).
    #[pyo3(signature = (*, api_version=None))]
    fn __array_namespace__(
        &self,
        py: Python<'_>,
        api_version: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        crate::ndarray::nsjoin_methods::check_api_version(api_version)?;
        Ok(py.import("oxarray")?.unbind().into_any())
    }
    /// The device of the scalar: `"cpu"`, as for arrays (NumPy's scalars have it too).
    #[getter]
    fn device(&self) -> &'static str {
        "cpu"
    }
    /// The scalar on `device` (only `"cpu"` exists; the scalar itself is returned).
    #[pyo3(signature = (device, /, *, stream=None))]
    fn to_device(
        slf: &Bound<'_, Self>,
        device: &Bound<'_, PyAny>,
        stream: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        crate::ndarray::nsjoin_methods::check_device(device, stream)?;
        Ok(slf.clone().into_any().unbind())
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        printing::scalar_repr(py, self.value, self.dtype)
    }
    fn __str__(&self, py: Python<'_>) -> PyResult<String> {
        printing::scalar_str(py, self.value, self.dtype)
    }
    fn __float__(&self, py: Python<'_>) -> PyResult<f64> {
        match self.value {
            Scalar::Bool(b) => Ok(b as u8 as f64),
            Scalar::Int(i) => Ok(i as f64),
            Scalar::UInt(u) => Ok(u as f64),
            Scalar::Float(f) => Ok(f),
            Scalar::Complex(c) => {
                complex_warning(py)?;
                Ok(c.re)
            }
            Scalar::Ref(r) => Err(convert::opaque_item_error(r)),
        }
    }
    fn __int__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match self.value {
            Scalar::Float(f) => {
                if f.is_nan() {
                    return Err(PyValueError::new_err("cannot convert float NaN to integer"));
                }
                if f.is_infinite() {
                    return Err(pyo3::exceptions::PyOverflowError::new_err(
                        "cannot convert float infinity to integer",
                    ));
                }
                py.get_type::<pyo3::types::PyInt>()
                    .call1((f,))
                    .map(|o| o.unbind())
            }
            Scalar::Complex(c) => {
                complex_warning(py)?;
                py.get_type::<pyo3::types::PyInt>()
                    .call1((c.re,))
                    .map(|o| o.unbind())
            }
            Scalar::Bool(b) => (b as i64).into_py_any(py),
            v => convert::scalar_to_py(py, v),
        }
    }
    fn __complex__<'py>(&self, py: Python<'py>) -> Bound<'py, PyComplex> {
        let c = match self.value {
            Scalar::Complex(c) => c,
            Scalar::Bool(b) => Complex::new(b as u8 as f64, 0.0),
            Scalar::Int(i) => Complex::new(i as f64, 0.0),
            Scalar::UInt(u) => Complex::new(u as f64, 0.0),
            Scalar::Float(f) => Complex::new(f, 0.0),
            // Never held: opaque items become their own Python objects.
            Scalar::Ref(_) => Complex::new(f64::NAN, 0.0),
        };
        PyComplex::from_doubles(py, c.re, c.im)
    }
    fn __bool__(&self) -> bool {
        match self.value {
            Scalar::Bool(b) => b,
            Scalar::Int(i) => i != 0,
            Scalar::UInt(u) => u != 0,
            Scalar::Float(f) => f != 0.0,
            Scalar::Complex(c) => c.re != 0.0 || c.im != 0.0,
            // Never held: opaque items become their own Python objects.
            Scalar::Ref(_) => true,
        }
    }
    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        convert::scalar_to_py(py, self.value)?.bind(py).hash()
    }
    // Comparisons are in `scalar_arith.rs` (through the comparison ufuncs).
    fn __reduce__(&self, py: Python<'_>) -> PyResult<(Py<PyType>, (Py<PyAny>,))> {
        Ok((
            scalar_type(py, self.dtype)?,
            (convert::scalar_to_py(py, self.value)?,),
        ))
    }
    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __deepcopy__<'a>(slf: PyRef<'a, Self>, _memo: &Bound<'_, PyAny>) -> PyRef<'a, Self> {
        slf
    }
    /// Convert to another dtype (NumPy's `astype` on scalars).
    fn astype(&self, py: Python<'_>, dtype: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let dt = crate::dtype::to_dtype(dtype)?.to_native();
        make_scalar(py, roundtrip(self.value, dt), dt)
    }
    fn tolist(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        convert::scalar_to_py(py, self.value)
    }
    /// Indexing a scalar as NumPy does: `s[()]` is the scalar itself, `s[...]` a 0-d array,
    /// `s[None]` a 1-element array; anything else raises `IndexError` (duck-array
    /// consumers such as xarray index 0-d results this way).
    fn __getitem__(slf: &Bound<'_, Self>, key: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        if let Ok(t) = key.cast::<PyTuple>() {
            if t.is_empty() {
                return Ok(slf.clone().into_any().unbind());
            }
        }
        let arr = py.import("oxarray")?.getattr("asarray")?.call1((slf,))?;
        arr.get_item(key).map(|o| o.unbind()).map_err(|e| {
            if e.is_instance_of::<pyo3::exceptions::PyIndexError>(py) {
                pyo3::exceptions::PyIndexError::new_err("invalid index to scalar variable.")
            } else {
                e
            }
        })
    }
}

fn real_dtype(dt: DType) -> DType {
    match dt.builtin {
        Some(Builtin::Complex64) => Builtin::Float32.dtype(),
        Some(Builtin::Complex128) => Builtin::Float64.dtype(),
        _ => dt,
    }
}

/// Warn like NumPy when a complex value loses its imaginary part.
pub fn complex_warning(py: Python<'_>) -> PyResult<()> {
    let cls = py.import("oxarray.exceptions")?.getattr("ComplexWarning")?;
    PyErr::warn(
        py,
        &cls,
        c"Casting complex values to real discards the imaginary part",
        1,
    )
}
