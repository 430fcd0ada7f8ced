//! The Python `dtype` object and the conversion of anything dtype-like into a core `DType`.

use oxarray_core::dtype::{ByteOrder, DType};
use oxarray_core::Builtin;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyComplex, PyFloat, PyInt, PyString, PyType};

use crate::scalars;

/// `oxarray.dtype`: a descriptor.
#[pyclass(name = "dtype", module = "oxarray", frozen)]
pub struct PyDType {
    pub dt: DType,
}

/// Interned Python objects for the native built-in dtypes (so `a.dtype` allocates nothing).
static BUILTIN_OBJECTS: PyOnceLock<Vec<Py<PyDType>>> = PyOnceLock::new();

/// The Python object for `dt`.
pub fn dtype_to_py(py: Python<'_>, dt: DType) -> PyResult<Py<PyDType>> {
    if let (Some(b), true) = (dt.builtin, dt.is_native()) {
        let objs = BUILTIN_OBJECTS.get_or_try_init(py, || {
            Builtin::ALL
                .iter()
                .map(|b| Py::new(py, PyDType { dt: b.dtype() }))
                .collect::<PyResult<Vec<_>>>()
        })?;
        return Ok(objs[b.index()].clone_ref(py));
    }
    Py::new(py, PyDType { dt })
}

/// Convert anything NumPy accepts as a dtype: `None` (float64), a dtype, a string, a Python
/// type, an oxarray scalar type, or a NumPy dtype / scalar type.
pub fn to_dtype(obj: &Bound<'_, PyAny>) -> PyResult<DType> {
    if obj.is_none() {
        return Ok(Builtin::Float64.dtype());
    }
    if let Ok(d) = obj.cast::<PyDType>() {
        return Ok(d.get().dt);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_str()?;
        return DType::parse(s)
            .map_err(|_| PyTypeError::new_err(format!("data type '{s}' not understood")));
    }
    let py = obj.py();
    if let Ok(t) = obj.cast::<PyType>() {
        if t.is(py.get_type::<PyBool>()) {
            return Ok(Builtin::Bool.dtype());
        }
        if t.is(py.get_type::<PyInt>()) {
            return Ok(Builtin::Int64.dtype());
        }
        if t.is(py.get_type::<PyFloat>()) {
            return Ok(Builtin::Float64.dtype());
        }
        if t.is(py.get_type::<PyComplex>()) {
            return Ok(Builtin::Complex128.dtype());
        }
        if t.is(py.get_type::<pyo3::types::PyAny>()) {
            return Ok(crate::object::object_dtype());
        }
        if let Some(dt) = scalars::dtype_of_scalar_type(t) {
            return Ok(dt);
        }
        if let Some(dt) = crate::strings::dtype_of_type(t) {
            return Ok(dt);
        }
    }
    // An object with a `dtype` attribute that is a dtype (e.g. an array): NumPy accepts it.
    if let Ok(d) = obj.getattr("dtype") {
        if let Ok(d) = d.cast::<PyDType>() {
            return Ok(d.get().dt);
        }
    }
    // NumPy dtypes and scalar types: through their type string, when NumPy is loaded.
    if let Some(dt) = numpy_dtype(obj)? {
        return Ok(dt);
    }
    Err(PyTypeError::new_err(format!(
        "Cannot interpret '{}' as a data type",
        obj.repr()?
    )))
}

/// The NumPy dtype equal to `dt` (imports NumPy): the value of the `__numpy_dtype__`
/// protocol (NumPy >= 2.4 reads it wherever it takes a dtype, e.g. `numpy.empty(n,
/// dtype=x)` with `x` an oxarray dtype, scalar or array, as dask does with `Array.dtype`).
pub fn numpy_dtype_of(py: Python<'_>, dt: DType) -> PyResult<Bound<'_, PyAny>> {
    if crate::vstring::is_vstring(dt) {
        return crate::vstring::numpy_dtype(py, dt);
    }
    if dt.builtin.is_none()
        && !oxarray_core::strings::is_string(dt)
        && !crate::object::is_object(dt)
        && !oxarray_core::dtype::void::is_void(dt)
    {
        return crate::registered::numpy_dtype(py, dt);
    }
    py.import("numpy")?.getattr("dtype")?.call1((dt.str(),))
}

fn numpy_dtype(obj: &Bound<'_, PyAny>) -> PyResult<Option<DType>> {
    let py = obj.py();
    let modules = py.import("sys")?.getattr("modules")?;
    let Ok(np) = modules.get_item("numpy") else {
        return Ok(None);
    };
    let is_np = obj.is_instance(&np.getattr("dtype")?)?
        || obj.cast::<PyType>().is_ok_and(|t| {
            t.is_subclass(&np.getattr("generic").unwrap())
                .unwrap_or(false)
        });
    if !is_np {
        return Ok(None);
    }
    let npd = np.getattr("dtype")?.call1((obj,))?;
    if npd.getattr("char")?.extract::<String>()? == "T" {
        return crate::vstring::from_numpy(&npd).map(Some);
    }
    // A user dtype of NumPy (num >= 256) with the name of a registered dtype is it
    // (`ml_dtypes.bfloat16` is `bfloat16`).
    if npd.getattr("num")?.extract::<i64>()? >= 256 {
        let name: String = npd.getattr("name")?.extract()?;
        if let Some(d) = oxarray_core::dtype::registry::lookup_name(&name) {
            if d.itemsize == npd.getattr("itemsize")?.extract::<usize>()? {
                return Ok(Some(d));
            }
        }
    }
    let s: String = npd.getattr("str")?.extract()?;
    DType::parse(&s)
        .map(Some)
        .map_err(|_| PyTypeError::new_err(format!("oxarray has no dtype for NumPy's '{s}'")))
}

#[pymethods]
impl PyDType {
    #[new]
    #[pyo3(signature = (obj, align=false, copy=false))]
    fn new(obj: &Bound<'_, PyAny>, align: bool, copy: bool) -> PyResult<Py<PyDType>> {
        let _ = (align, copy);
        dtype_to_py(obj.py(), to_dtype(obj)?)
    }

    /// NumPy's dtype protocol: the equal `numpy.dtype`.
    #[getter]
    fn __numpy_dtype__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        numpy_dtype_of(py, self.dt)
    }
    #[getter]
    fn kind(&self) -> String {
        self.dt.kind.to_string()
    }
    #[getter]
    fn char(&self) -> String {
        self.dt.char.to_string()
    }
    #[getter]
    fn name(&self) -> &'static str {
        if crate::vstring::is_vstring(self.dt) {
            return "StringDType128";
        }
        self.dt.name
    }
    #[getter]
    fn str(&self, py: Python<'_>) -> PyResult<String> {
        if crate::vstring::is_vstring(self.dt) {
            return crate::vstring::repr(py, self.dt);
        }
        Ok(self.dt.str())
    }
    #[getter]
    fn itemsize(&self) -> usize {
        self.dt.itemsize
    }
    #[getter]
    fn alignment(&self) -> usize {
        self.dt.alignment
    }
    #[getter]
    fn num(&self) -> i32 {
        if crate::object::is_object(self.dt) {
            return 17; // NumPy's NPY_OBJECT
        }
        if crate::vstring::is_vstring(self.dt) {
            return 2056; // NumPy's NPY_VSTRING
        }
        self.dt.num
    }
    /// `'='` for native order, `'<'`/`'>'` otherwise, `'|'` when order does not apply.
    #[getter]
    fn byteorder(&self) -> &'static str {
        match self.dt.byteorder {
            ByteOrder::NotApplicable => "|",
            _ if self.dt.is_native() => "=",
            ByteOrder::Little => "<",
            ByteOrder::Big => ">",
        }
    }
    #[getter]
    fn isnative(&self) -> bool {
        self.dt.is_native()
    }
    #[getter]
    fn isbuiltin(&self) -> i32 {
        if crate::object::is_object(self.dt) {
            return 1;
        }
        if crate::vstring::is_vstring(self.dt) {
            return 0;
        }
        if oxarray_core::strings::is_string(self.dt) {
            // NumPy's flexible dtypes: 0 (1 for the unsized `dtype('U')`, `dtype('S')`).
            return (self.dt.itemsize == 0) as i32;
        }
        match (self.dt.builtin, self.dt.is_native()) {
            (Some(_), true) => 1,
            (None, _) => 2,
            _ => 0,
        }
    }
    /// The scalar type of this dtype (`oxarray.float64`, ...).
    #[getter]
    fn r#type(&self, py: Python<'_>) -> PyResult<Py<PyType>> {
        scalars::scalar_type(py, self.dt)
    }
    #[getter]
    fn shape<'py>(&self, py: Python<'py>) -> Bound<'py, pyo3::types::PyTuple> {
        pyo3::types::PyTuple::empty(py)
    }
    #[getter]
    fn ndim(&self) -> usize {
        0
    }
    #[getter]
    fn base(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    #[getter]
    fn descr(&self) -> Vec<(String, String)> {
        vec![(String::new(), self.dt.str())]
    }
    #[getter]
    fn names(&self) -> Option<()> {
        None
    }
    #[getter]
    fn fields(&self) -> Option<()> {
        None
    }
    #[getter]
    fn hasobject(&self) -> bool {
        // NumPy: StringDType items hold references (NPY_ITEM_REFCOUNT).
        crate::vstring::is_vstring(self.dt)
    }
    #[getter]
    fn flags(&self) -> u32 {
        0
    }
    #[getter]
    fn metadata(&self) -> Option<()> {
        None
    }
    #[getter]
    fn subdtype(&self) -> Option<()> {
        None
    }

    /// A new dtype with another byte order (`'S'` swaps).
    #[pyo3(signature = (new_order="S"))]
    fn newbyteorder(&self, py: Python<'_>, new_order: &str) -> PyResult<Py<PyDType>> {
        let c = new_order.chars().next().unwrap_or('S');
        if matches!(c, '|' | 'I' | 'i') {
            // "Ignore": keep the byte order.
            return dtype_to_py(py, self.dt);
        }
        let dt = self
            .dt
            .with_byteorder(c)
            .map_err(|e| PyValueError::new_err(e.message().to_string()))?;
        dtype_to_py(py, dt)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        if crate::vstring::is_vstring(self.dt) {
            return crate::vstring::repr(py, self.dt);
        }
        Ok(self.repr_plain())
    }
    fn __str__(&self, py: Python<'_>) -> PyResult<String> {
        if crate::vstring::is_vstring(self.dt) {
            return crate::vstring::repr(py, self.dt);
        }
        Ok(self.dt.to_string())
    }
    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.dt.hash(&mut h);
        h.finish()
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        to_dtype_quiet(other).is_some_and(|d| same(d, self.dt))
    }
    fn __ne__(&self, other: &Bound<'_, PyAny>) -> bool {
        !self.__eq__(other)
    }
    fn __reduce__(&self, py: Python<'_>) -> PyResult<(Py<PyAny>, Py<PyAny>)> {
        if crate::vstring::is_vstring(self.dt) {
            let (na, coerce) = crate::vstring::na_object(py, self.dt);
            let f = py.import("oxarray._core")?.getattr("_vstring_dtype")?;
            let args = (na.is_some(), na.unwrap_or_else(|| py.None()), coerce);
            return Ok((f.unbind(), args.into_pyobject(py)?.into_any().unbind()));
        }
        // A registered dtype by its name (its type string `|V2` names no dtype).
        let key = if self.dt.builtin.is_none() && !oxarray_core::strings::is_string(self.dt) {
            self.dt.name.to_string()
        } else {
            self.dt.str()
        };
        Ok((
            py.get_type::<PyDType>().into_any().unbind(),
            (key,).into_pyobject(py)?.into_any().unbind(),
        ))
    }
    fn __len__(&self) -> usize {
        0
    }
}

impl PyDType {
    fn repr_plain(&self) -> String {
        if crate::object::is_object(self.dt) {
            return "dtype('O')".to_string();
        }
        if oxarray_core::strings::is_string(self.dt) {
            // NumPy: `dtype('<U10')`, `dtype('S5')` (no `|`), `dtype('<U')` when unsized.
            let s = self.dt.str();
            let s = s
                .trim_start_matches('|')
                .trim_end_matches(|c| c == '0' && self.dt.itemsize == 0);
            return format!("dtype('{s}')");
        }
        if self.dt.builtin.is_none() {
            // NumPy's repr of a user DType's instance (`dtype(bfloat16)` with ml_dtypes).
            return format!("dtype({})", self.dt.name);
        }
        if self.dt.is_native() {
            format!("dtype('{}')", self.dt.name)
        } else {
            format!("dtype('{}')", self.dt.str())
        }
    }
}

/// Full identity: type and byte order (NumPy's `==` on dtypes).
pub fn same(a: DType, b: DType) -> bool {
    // (`str()` equality without formatting two strings.)
    a == b && a.byteorder == b.byteorder && a.kind == b.kind && a.itemsize == b.itemsize
}

/// `to_dtype` without raising: `None` for anything that is not a dtype (Python's `None`
/// is float64 here too, so `dtype('f8') == None` like NumPy's).
pub fn to_dtype_quiet(obj: &Bound<'_, PyAny>) -> Option<DType> {
    to_dtype(obj).ok()
}
