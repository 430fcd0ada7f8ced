//! NumPy 2's `StringDType` in Python (`oxarray_core::strings::vstring`): the descriptor
//! parameters (`na_object`, `coerce`), which are Python objects and live here, the item
//! hooks (items become plain `str`, a missing item the `na_object`), and the conversion
//! to and from NumPy's `StringDType` arrays (always a copy: the item layouts differ).

use std::sync::Mutex;

use oxarray_core::dtype::DType;
use oxarray_core::strings::vstring::{self as vs, Item, Na, Params};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyFloat, PyString};

use crate::errors::CoreResultExt;

/// The `na_object`s seen so far (index + 1 is the core's key) and, per class type id, the
/// class's `(na_object, coerce)`.
struct Table {
    nas: Vec<Py<PyAny>>,
    classes: Vec<(u32, Option<usize>, bool)>,
}

static TABLE: Mutex<Table> = Mutex::new(Table {
    nas: Vec::new(),
    classes: Vec::new(),
});

fn table() -> std::sync::MutexGuard<'static, Table> {
    TABLE.lock().unwrap_or_else(|e| e.into_inner())
}

/// NumPy's `na_eq_cmp`: the same object, two NaN floats, or `==` true (a raising `==` is
/// false).
fn na_eq(a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> bool {
    if a.is(b) {
        return true;
    }
    if let (Ok(x), Ok(y)) = (a.cast::<PyFloat>(), b.cast::<PyFloat>()) {
        if x.value().is_nan() && y.value().is_nan() {
            return true;
        }
    }
    a.eq(b).unwrap_or(false)
}

/// The descriptor of `StringDType(na_object=..., coerce=...)` (`na_object` `None` when
/// not given: Python's `None` as the missing value is `Some(None)`).
///
/// # Errors
/// A `str()` of the `na_object` that raises.
pub fn dtype_for(na_object: Option<&Bound<'_, PyAny>>, coerce: bool) -> PyResult<DType> {
    let Some(na) = na_object else {
        let dt = vs::dtype_for(
            0,
            Params {
                coerce,
                ..Params::default_params()
            },
        )
        .py()?;
        remember(dt, None, coerce);
        return Ok(dt);
    };
    let py = na.py();
    let (kind, name) = if let Ok(s) = na.cast::<PyString>() {
        let s = s.to_str()?.to_string();
        (Na::Str(s.clone()), s)
    } else {
        // NumPy: NaN-like when `na != na` is truthy or its truth raises.
        let nan = na.ne(na).unwrap_or(true);
        let name = na.str()?.to_str()?.to_string();
        (if nan { Na::NanLike } else { Na::Other }, name)
    };
    let idx = {
        let mut t = table();
        match t.nas.iter().position(|o| na_eq(o.bind(py), na)) {
            Some(i) => i,
            None => {
                t.nas.push(na.clone().unbind());
                t.nas.len() - 1
            }
        }
    };
    let dt = vs::dtype_for(
        idx as u64 + 1,
        Params {
            na: kind,
            na_name: name,
            coerce,
        },
    )
    .py()?;
    remember(dt, Some(idx), coerce);
    Ok(dt)
}

fn remember(dt: DType, idx: Option<usize>, coerce: bool) {
    let mut t = table();
    if !t.classes.iter().any(|c| c.0 == dt.type_id) {
        t.classes.push((dt.type_id, idx, coerce));
        drop(t);
        crate::registered::register_py_items(dt.type_id, &V_ITEMS);
        register_object_casts(dt);
    }
}

/// A cast between a `StringDType` class and `object` (the class is the kernel's data:
/// each class has its own `na_object`).
struct ObjectCast {
    dt: DType,
    to_object: bool,
}

impl oxarray_core::dtype::cast::CastKernel for ObjectCast {
    unsafe fn run(
        &self,
        src: *const u8,
        ss: isize,
        dst: *mut u8,
        ds: isize,
        n: usize,
    ) -> oxarray_core::error::Result<()> {
        use crate::object::{attached, item_object, store_object};
        use crate::ufunc::pyloops::foreign;
        attached(|py| {
            for i in 0..n as isize {
                let (s, d) = (src.wrapping_offset(i * ss), dst.wrapping_offset(i * ds));
                if self.to_object {
                    // SAFETY: item i of each run (the cast contract); destination items
                    // are valid object items.
                    unsafe {
                        let o = item_to_py(py, self.dt, s).map_err(foreign)?;
                        store_object(d, o.into_bound(py));
                    }
                } else {
                    // SAFETY: as above, destination items are valid `StringDType` items.
                    unsafe {
                        let o = item_object(py, s);
                        set_item(self.dt, d, &o).map_err(foreign)?;
                    }
                }
            }
            Ok(())
        })
    }
}

/// NumPy's casts between `StringDType` class `dt` and `object`: to object each item as
/// its Python object (a `str`, a missing item the `na_object`), safe; from object each
/// object as the dtype's setitem stores it (the `na_object` as missing, `str()` of
/// others, `ValueError` without coercion), unsafe. The two promote to `object`.
fn register_object_casts(dt: DType) {
    use oxarray_core::dtype::registry;
    use oxarray_core::dtype::Casting;
    let o = crate::object::object_dtype();
    let to: &'static ObjectCast = Box::leak(Box::new(ObjectCast {
        dt,
        to_object: true,
    }));
    let from: &'static ObjectCast = Box::leak(Box::new(ObjectCast {
        dt,
        to_object: false,
    }));
    registry::register_cast_kernel(dt, o, to, Casting::Safe);
    registry::register_cast_kernel(o, dt, from, Casting::Unsafe);
    registry::register_promotion(dt, o, o);
}

/// The `na_object` of a `StringDType` descriptor (`None` when it has none) and `coerce`.
pub fn na_object(py: Python<'_>, dt: DType) -> (Option<Py<PyAny>>, bool) {
    let t = table();
    match t.classes.iter().find(|c| c.0 == dt.type_id) {
        Some(&(_, Some(i), c)) => (Some(t.nas[i].clone_ref(py)), c),
        Some(&(_, None, c)) => (None, c),
        None => (None, vs::params(&dt).coerce),
    }
}

/// True for a `StringDType` descriptor.
pub fn is_vstring(dt: DType) -> bool {
    vs::is_vstring(dt)
}

/// NumPy's repr of the descriptor: `StringDType()`, `StringDType(na_object=None)`,
/// `StringDType(coerce=False)`.
pub fn repr(py: Python<'_>, dt: DType) -> PyResult<String> {
    let (na, coerce) = na_object(py, dt);
    let mut parts = Vec::new();
    if let Some(na) = na {
        parts.push(format!("na_object={}", na.bind(py).repr()?));
    }
    if !coerce {
        parts.push("coerce=False".to_string());
    }
    Ok(format!("StringDType({})", parts.join(", ")))
}

/// The equal NumPy descriptor.
pub fn numpy_dtype<'py>(py: Python<'py>, dt: DType) -> PyResult<Bound<'py, PyAny>> {
    let (na, coerce) = na_object(py, dt);
    let kw = pyo3::types::PyDict::new(py);
    if let Some(na) = na {
        kw.set_item("na_object", na)?;
    }
    kw.set_item("coerce", coerce)?;
    py.import("numpy.dtypes")?
        .getattr("StringDType")?
        .call((), Some(&kw))
}

/// The descriptor equal to a NumPy `StringDType` instance.
pub fn from_numpy(npd: &Bound<'_, PyAny>) -> PyResult<DType> {
    let coerce: bool = npd.getattr("coerce")?.extract()?;
    let na = if npd.hasattr("na_object")? {
        Some(npd.getattr("na_object")?)
    } else {
        None
    };
    dtype_for(na.as_ref(), coerce)
}

/// The Python object of the item at `ptr`: a `str`, or the `na_object`.
///
/// # Safety
/// `ptr` addresses a live item of `dt`.
pub unsafe fn item_to_py(py: Python<'_>, dt: DType, ptr: *const u8) -> PyResult<Py<PyAny>> {
    // SAFETY: forwarded.
    match unsafe { vs::load(ptr) } {
        Item::Text(t) => {
            // SAFETY: items hold valid UTF-8 (written from `str` data or checked).
            let s = unsafe { std::str::from_utf8_unchecked(t) };
            Ok(PyString::new(py, s).into_any().unbind())
        }
        Item::Na => match na_object(py, dt).0 {
            Some(o) => Ok(o),
            None => Ok(PyString::new(py, "").into_any().unbind()),
        },
    }
}

/// Store Python `value` into the item at `ptr` as NumPy's setitem: the `na_object` (by
/// NumPy's `na_eq_cmp`) as a missing value, a `str` as it is, `bytes` decoded as UTF-8
/// and anything else as its `str()` when `coerce`, else `ValueError`.
///
/// # Safety
/// `ptr` addresses a valid item of `dt` owned by the caller.
pub unsafe fn set_item(dt: DType, ptr: *mut u8, value: &Bound<'_, PyAny>) -> PyResult<()> {
    if let Ok(s) = value.cast_exact::<PyString>() {
        let t = s.to_str()?;
        if vs::params(&dt).has_na() {
            let (na, _) = na_object(value.py(), dt);
            if na.is_some_and(|na| na_eq(value, na.bind(value.py()))) {
                // SAFETY: forwarded.
                unsafe { vs::store_na(ptr) };
                return Ok(());
            }
        }
        // SAFETY: forwarded.
        unsafe { vs::store(ptr, t.as_bytes()) };
        return Ok(());
    }
    let py = value.py();
    let (na, coerce) = na_object(py, dt);
    if na.is_some_and(|na| na_eq(value, na.bind(py))) {
        // SAFETY: forwarded.
        unsafe { vs::store_na(ptr) };
        return Ok(());
    }
    if let Ok(s) = value.cast::<PyString>() {
        // SAFETY: forwarded.
        unsafe { vs::store(ptr, s.to_str()?.as_bytes()) };
        return Ok(());
    }
    if !coerce {
        return Err(PyValueError::new_err(
            "StringDType only allows string data when string coercion is disabled.",
        ));
    }
    if let Ok(b) = value.cast::<PyBytes>() {
        let s = std::str::from_utf8(b.as_bytes()).map_err(|e| {
            let p = e.valid_up_to();
            PyValueError::new_err(format!(
                "'utf-8' codec can't decode byte {:#x} in position {p}: invalid start byte",
                b.as_bytes()[p]
            ))
        })?;
        // SAFETY: forwarded.
        unsafe { vs::store(ptr, s.as_bytes()) };
        return Ok(());
    }
    if let Ok(a) = value.cast::<crate::ndarray::PyArray>() {
        let arr = a.borrow().arr.clone();
        if arr.ndim() != 0 {
            return Err(PyValueError::new_err(
                "setting an array element with a sequence.",
            ));
        }
        let item = arr.item().py()?;
        if let oxarray_core::Scalar::Ref(_) = item {
            let o = crate::convert::scalar_to_py(py, item)?;
            // SAFETY: forwarded.
            return unsafe { set_item(dt, ptr, o.bind(py)) };
        }
    }
    let s = value.str()?;
    // SAFETY: forwarded.
    unsafe { vs::store(ptr, s.to_str()?.as_bytes()) };
    Ok(())
}

struct VItems;

impl crate::registered::PyItems for VItems {
    fn get(&self, py: Python<'_>, dt: DType, ptr: *const u8) -> PyResult<Py<PyAny>> {
        // SAFETY: the hook's contract.
        unsafe { item_to_py(py, dt, ptr) }
    }
    fn set(
        &self,
        _py: Python<'_>,
        dt: DType,
        ptr: *mut u8,
        value: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        // SAFETY: the hook's contract.
        unsafe { set_item(dt, ptr, value) }
    }
}

static V_ITEMS: VItems = VItems;

thread_local! {
    /// Items converted by [`scalar_for`], most recent last (as the fixed strings' ring).
    static RING: std::cell::RefCell<(usize, Vec<[u64; 2]>)> =
        std::cell::RefCell::new((0, vec![[0u64; 2]; 16]));
}

/// Python `value` as one `StringDType` item for paths that take a core `Scalar` (`fill`,
/// element assignment): a `Scalar::Ref` to an item held in a per-thread ring (valid for
/// the next 15 conversions on the thread).
///
/// # Errors
/// As [`set_item`].
pub fn scalar_for(value: &Bound<'_, PyAny>, dt: DType) -> PyResult<oxarray_core::Scalar> {
    RING.with(|r| {
        let mut r = r.borrow_mut();
        let k = r.0;
        r.0 = (k + 1) % 16;
        let p = r.1[k].as_mut_ptr() as *mut u8;
        // SAFETY: a valid item owned by the ring (freed when overwritten).
        unsafe { set_item(dt, p, value)? };
        Ok(oxarray_core::Scalar::Ref(oxarray_core::dtype::ItemRef {
            addr: p as usize,
            dtype: dt,
        }))
    })
}

/// `StringDType(na_object=..., coerce=True)` as an `oxarray.dtype` (`has_na` false: no
/// `na_object`).
#[pyfunction]
#[pyo3(signature = (has_na, na_object, coerce))]
fn _vstring_dtype(
    py: Python<'_>,
    has_na: bool,
    na_object: &Bound<'_, PyAny>,
    coerce: bool,
) -> PyResult<Py<crate::dtype::PyDType>> {
    let dt = dtype_for(has_na.then_some(na_object), coerce)?;
    crate::dtype::dtype_to_py(py, dt)
}

/// Register the default `StringDType()` and this module's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let dt = vs::default_dtype();
    remember(dt, None, true);
    m.add_function(wrap_pyfunction!(_vstring_dtype, m)?)?;
    Ok(())
}
