//! Python-side support for dtypes registered in the core at run time
//! (`oxarray_core::dtype::registry`): their scalar classes, their NumPy twins, and the
//! machine-learning floats of `oxarray_core::mlfloat` registered at import.
//!
//! Nothing here knows a dtype by name. A registered dtype gets
//! * a scalar class: a Python subclass of [`PyUserScalar`] tied to it with
//!   `_register_scalar_type(dtype, cls)`; `a[i]` then returns an instance of that class
//!   (holding the value as `generic` does), `dtype.type` is the class, and the class is
//!   accepted wherever a dtype is (`dtype=oxarray.bfloat16`);
//! * a NumPy twin: `_set_numpy_dtype(dtype, provider)`, where `provider()` returns the
//!   equal `numpy.dtype` (or raises when the package that defines it is missing). It
//!   serves `__array__` (a zero-copy view of the same bytes as that NumPy dtype),
//!   `__numpy_dtype__`, and the import of NumPy arrays of a dtype with the same name.

use std::collections::HashMap;
use std::sync::Mutex;

use oxarray_core::dtype::DType;
use oxarray_core::Scalar;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyType;
use pyo3::PyClassInitializer;

use crate::dtype::PyDType;
use crate::scalars::PyGeneric;

/// How the items of a dtype become Python objects and back, for dtypes whose items are not
/// numbers ([`oxarray_core::dtype::flags::OPAQUE`]: objects, strings, dtypes written in
/// Python). One table serves them all; core code reads such items as
/// [`Scalar::Ref`](oxarray_core::Scalar) and the bindings turn them into objects here.
pub trait PyItems: Send + Sync {
    /// The Python object for the item at `ptr`.
    ///
    /// `ptr` addresses one valid item of `dt` (any alignment), alive for the call.
    fn get(&self, py: Python<'_>, dt: DType, ptr: *const u8) -> PyResult<Py<PyAny>>;
    /// Store `value` into the item at `ptr`, which holds a valid item (at least zero
    /// bytes) that this call replaces, releasing what it held. On error the item is
    /// unchanged or empty, never half written.
    ///
    /// `ptr` addresses one writable item of `dt` (any alignment).
    fn set(
        &self,
        py: Python<'_>,
        dt: DType,
        ptr: *mut u8,
        value: &Bound<'_, PyAny>,
    ) -> PyResult<()>;
}

/// type id -> item hooks.
static PY_ITEMS: std::sync::RwLock<Option<HashMap<u32, &'static dyn PyItems>>> =
    std::sync::RwLock::new(None);

/// Give the dtypes with type id `type_id` their item hooks (replacing earlier ones).
pub fn register_py_items(type_id: u32, hooks: &'static dyn PyItems) {
    let mut g = PY_ITEMS.write().unwrap_or_else(|e| e.into_inner());
    g.get_or_insert_with(HashMap::new).insert(type_id, hooks);
}

/// The item hooks of `dt`, if it has any.
pub fn py_items(dt: DType) -> Option<&'static dyn PyItems> {
    if !dt.is_opaque() {
        return None;
    }
    let g = PY_ITEMS.read().unwrap_or_else(|e| e.into_inner());
    g.as_ref()?.get(&dt.type_id).copied()
}

/// The Python object for a borrowed opaque item.
pub fn item_to_py(py: Python<'_>, r: oxarray_core::dtype::ItemRef) -> PyResult<Py<PyAny>> {
    match py_items(r.dtype) {
        Some(h) => h.get(py, r.dtype, r.addr as *const u8),
        None => Err(PyTypeError::new_err(format!(
            "items of dtype {} cannot be converted to Python objects (no item hooks \
             registered)",
            r.dtype
        ))),
    }
}

/// Base class of the scalar classes of registered dtypes.
#[pyclass(name = "_UserScalar", module = "oxarray", extends = PyGeneric, subclass, frozen)]
pub struct PyUserScalar;

struct Tables {
    /// type id -> the dtype and its scalar class.
    scalar_types: HashMap<u32, (DType, Py<PyType>)>,
    /// type id -> provider of the NumPy dtype.
    numpy: HashMap<u32, Py<PyAny>>,
    /// type id -> the dtype and its DLPack type code.
    dlpack: HashMap<u32, (DType, u8)>,
}

static TABLES: Mutex<Option<Tables>> = Mutex::new(None);

fn with_tables<R>(f: impl FnOnce(&mut Tables) -> R) -> R {
    let mut g = TABLES.lock().unwrap_or_else(|e| e.into_inner());
    let t = g.get_or_insert_with(|| Tables {
        scalar_types: HashMap::new(),
        numpy: HashMap::new(),
        dlpack: HashMap::new(),
    });
    f(t)
}

/// The scalar class of registered dtype `dt`, if one was tied to it.
pub fn scalar_type_of(py: Python<'_>, dt: DType) -> Option<Py<PyType>> {
    with_tables(|t| {
        t.scalar_types
            .get(&dt.type_id)
            .map(|(_, c)| c.clone_ref(py))
    })
}

/// The registered dtype whose scalar class is `cls` (or a base of it).
pub fn dtype_of_class(cls: &Bound<'_, PyType>) -> Option<DType> {
    let mro = cls.mro();
    with_tables(|t| {
        mro.iter().find_map(|c| {
            t.scalar_types
                .values()
                .find(|(_, ty)| ty.as_ptr() == c.as_ptr())
                .map(|(d, _)| *d)
        })
    })
}

/// The scalar object of registered dtype `dt` holding `value` (`None` when no class is
/// tied to it).
pub fn make_scalar(py: Python<'_>, value: Scalar, dt: DType) -> PyResult<Option<Py<PyAny>>> {
    let Some(cls) = scalar_type_of(py, dt) else {
        return Ok(None);
    };
    let v = crate::convert::scalar_to_py(py, value)?;
    Ok(Some(cls.bind(py).call1((v,))?.unbind()))
}

/// The NumPy dtype equal to registered dtype `dt`.
///
/// # Errors
/// `TypeError` when none is known (or its provider raised, e.g. the defining package is
/// not installed).
pub fn numpy_dtype<'py>(py: Python<'py>, dt: DType) -> PyResult<Bound<'py, PyAny>> {
    let provider = with_tables(|t| t.numpy.get(&dt.type_id).map(|p| p.clone_ref(py)));
    let Some(p) = provider else {
        return Err(PyTypeError::new_err(format!(
            "oxarray knows no NumPy dtype for {}",
            dt.name
        )));
    };
    p.bind(py).call0().map_err(|e| {
        let err = PyTypeError::new_err(format!(
            "NumPy has no dtype {} here (the package that defines it could not be used)",
            dt.name
        ));
        err.set_cause(py, Some(e));
        err
    })
}

#[pymethods]
impl PyUserScalar {
    /// A scalar of the class's registered dtype, converted as an array element would be.
    #[new]
    #[classmethod]
    #[pyo3(signature = (value=None))]
    fn new(
        cls: &Bound<'_, PyType>,
        value: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyClassInitializer<PyUserScalar>> {
        let dt = dtype_of_class(cls).ok_or_else(|| {
            PyTypeError::new_err(format!(
                "{} is not tied to a registered dtype",
                cls.name().map(|n| n.to_string()).unwrap_or_default()
            ))
        })?;
        let s = match value {
            None => Scalar::Int(0),
            Some(v) if v.is_instance_of::<pyo3::types::PyString>() => {
                let f = v.py().get_type::<pyo3::types::PyFloat>().call1((v,))?;
                crate::convert::scalar_for_dtype(&f, dt)?
            }
            Some(v) => crate::convert::scalar_for_dtype(v, dt)?,
        };
        let mut buf = [0u8; 32];
        if dt.itemsize > buf.len() {
            return Err(PyTypeError::new_err(
                "registered dtype too wide for a scalar",
            ));
        }
        // SAFETY: `buf` holds one element of `dt` (checked above).
        let value = unsafe {
            dt.set(buf.as_mut_ptr(), &s)
                .map_err(crate::errors::to_pyerr)?;
            dt.get(buf.as_ptr())
        };
        Ok(PyClassInitializer::from(PyGeneric { value, dtype: dt }).add_subclass(PyUserScalar))
    }
}

/// Tie scalar class `cls` (a subclass of `_UserScalar`) to registered dtype `dtype`.
#[pyfunction]
fn _register_scalar_type(dtype: &Bound<'_, PyDType>, cls: &Bound<'_, PyType>) -> PyResult<()> {
    let dt = dtype.get().dt;
    if dt.builtin.is_some() {
        return Err(PyTypeError::new_err(
            "built-in dtypes have their scalar classes",
        ));
    }
    if !cls.is_subclass_of::<PyUserScalar>()? {
        return Err(PyTypeError::new_err(
            "the class must subclass oxarray._UserScalar",
        ));
    }
    with_tables(|t| {
        t.scalar_types
            .insert(dt.type_id, (dt, cls.clone().unbind()))
    });
    Ok(())
}

/// Tie `provider` (a callable returning the equal `numpy.dtype`) to registered `dtype`.
#[pyfunction]
fn _set_numpy_dtype(dtype: &Bound<'_, PyDType>, provider: &Bound<'_, PyAny>) -> PyResult<()> {
    let dt = dtype.get().dt;
    if dt.builtin.is_some() {
        return Err(PyTypeError::new_err(
            "built-in dtypes have their NumPy dtypes",
        ));
    }
    with_tables(|t| t.numpy.insert(dt.type_id, provider.clone().unbind()));
    Ok(())
}

/// The DLPack type code of registered dtype `dt`, if one was given.
pub fn dlpack_code(dt: DType) -> Option<u8> {
    with_tables(|t| t.dlpack.get(&dt.type_id).map(|&(_, c)| c))
}

/// The registered dtype with DLPack type code `code` and `bits` bits.
pub fn dtype_of_dlpack_code(code: u8, bits: u8) -> Option<DType> {
    with_tables(|t| {
        t.dlpack
            .values()
            .find(|&&(d, c)| c == code && d.itemsize * 8 == bits as usize)
            .map(|&(d, _)| d)
    })
}

/// Give registered `dtype` the DLPack type code `code` (e.g. 4, `kDLBfloat`), for
/// `__dlpack__` and `from_dlpack`.
#[pyfunction]
fn _set_dlpack_code(dtype: &Bound<'_, PyDType>, code: u8) -> PyResult<()> {
    let dt = dtype.get().dt;
    if dt.builtin.is_some() || code <= 2 || code == 5 || code == 6 {
        return Err(PyTypeError::new_err(
            "only registered dtypes take a DLPack code, and not a built-in one",
        ));
    }
    with_tables(|t| t.dlpack.insert(dt.type_id, (dt, code)));
    Ok(())
}

/// The names of the machine-learning floats registered at import.
#[pyfunction]
fn _ml_dtype_names() -> Vec<&'static str> {
    oxarray_core::mlfloat::NAMES.to_vec()
}

/// The items of NumPy's void dtype `V<n>` (`oxarray_core::dtype::void`) as `bytes` of
/// the item's size (NumPy's `np.void` holds the same bytes); assignment takes a bytes-like
/// object of at most that size, padded with zeros.
struct VoidItems;

impl PyItems for VoidItems {
    fn get(&self, py: Python<'_>, dt: DType, ptr: *const u8) -> PyResult<Py<PyAny>> {
        // SAFETY: `ptr` addresses one valid item of `dt` (the trait's contract).
        let b = unsafe { std::slice::from_raw_parts(ptr, dt.itemsize) };
        Ok(pyo3::types::PyBytes::new(py, b).into_any().unbind())
    }
    fn set(
        &self,
        _py: Python<'_>,
        dt: DType,
        ptr: *mut u8,
        value: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let b: Vec<u8> = match value.cast::<pyo3::types::PyBytes>() {
            Ok(b) => b.as_bytes().to_vec(),
            Err(_) => {
                return Err(PyTypeError::new_err(format!(
                    "an item of dtype {} takes bytes, not '{}'",
                    dt,
                    value.get_type().name()?
                )))
            }
        };
        if b.len() > dt.itemsize {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "{} bytes do not fit an item of dtype {}",
                b.len(),
                dt
            )));
        }
        // SAFETY: `ptr` addresses one writable item of `dt` (the trait's contract).
        unsafe {
            std::ptr::copy_nonoverlapping(b.as_ptr(), ptr, b.len());
            std::ptr::write_bytes(ptr.add(b.len()), 0, dt.itemsize - b.len());
        }
        Ok(())
    }
}

static VOID_ITEMS: VoidItems = VoidItems;

/// Register the classes and functions of this module (and the machine-learning floats
/// and the void dtype in the core).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    oxarray_core::mlfloat::register().map_err(crate::errors::to_pyerr)?;
    let void = oxarray_core::dtype::void::register();
    register_py_items(void.type_id, &VOID_ITEMS);
    m.add_class::<PyUserScalar>()?;
    m.add_function(wrap_pyfunction!(_register_scalar_type, m)?)?;
    m.add_function(wrap_pyfunction!(_set_numpy_dtype, m)?)?;
    m.add_function(wrap_pyfunction!(_ml_dtype_names, m)?)?;
    m.add_function(wrap_pyfunction!(_set_dlpack_code, m)?)?;
    Ok(())
}
