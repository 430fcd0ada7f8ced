//! Python functions: joining (`concatenate`, `stack`; the composites `hstack`, `split`, ...
//! are in `python/oxarray/_joining.py`, as NumPy's are Python too).

use oxarray_core::dtype::Casting;
use oxarray_core::ops::expand_dims;
use oxarray_core::ops::join::{concatenate_plan, concatenate_run, Target};
use oxarray_core::Array;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use super::{as_pyarray, dtype_opt};
use crate::errors::CoreResultExt;
use crate::ndarray::{wrap, PyArray};

/// `axis=` of `concatenate`: an integer, or `None` for the flattened form (a type of its
/// own so that an explicit `None` differs from the default `0`).
#[derive(Clone, Copy)]
pub struct ConcatAxis(pub Option<isize>);

impl<'a, 'py> FromPyObject<'a, 'py> for ConcatAxis {
    type Error = PyErr;
    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_none() {
            return Ok(ConcatAxis(None));
        }
        if obj.is_exact_instance_of::<pyo3::types::PyInt>() {
            return Ok(ConcatAxis(Some(obj.extract()?)));
        }
        let i = obj.call_method0("__index__").map_err(|_| {
            PyTypeError::new_err(format!(
                "'{}' object cannot be interpreted as an integer",
                obj.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })?;
        Ok(ConcatAxis(Some(i.extract()?)))
    }
}

/// The core arrays of a sequence of array-likes.
pub fn arrays_of(seq: &Bound<'_, PyAny>) -> PyResult<Vec<Array>> {
    let core_of = |o: &Bound<'_, PyAny>| -> PyResult<Array> {
        match o.cast::<PyArray>() {
            Ok(a) => Ok(a.borrow().arr.clone()),
            Err(_) => Ok(as_pyarray(o)?.borrow().arr.clone()),
        }
    };
    // Fast paths for the usual list and tuple (no attribute lookups).
    if let Ok(l) = seq.cast_exact::<PyList>() {
        return l.iter().map(|o| core_of(&o)).collect();
    }
    if let Ok(t) = seq.cast_exact::<PyTuple>() {
        return t.iter().map(|o| core_of(&o)).collect();
    }
    if seq.cast::<PyArray>().is_ok() {
        // NumPy iterates an array argument along its first axis.
        let a = seq.cast::<PyArray>()?.borrow().arr.clone();
        if a.ndim() == 0 {
            return Err(PyTypeError::new_err(
                "The first input argument needs to be a sequence",
            ));
        }
    }
    // NumPy needs a sequence (a generator is refused), iterated like a list.
    let py = seq.py();
    if !(seq.hasattr(pyo3::intern!(py, "__len__"))?
        && seq.hasattr(pyo3::intern!(py, "__getitem__"))?)
    {
        return Err(PyTypeError::new_err(
            "The first input argument needs to be a sequence",
        ));
    }
    let it = seq
        .try_iter()
        .map_err(|_| PyTypeError::new_err("The first input argument needs to be a sequence"))?;
    it.map(|o| core_of(&o?)).collect()
}

/// `concatenate((a1, a2, ...), axis=0, out=None, dtype=None, casting="same_kind")`.
#[pyfunction]
#[pyo3(signature = (arrays, /, axis=ConcatAxis(Some(0)), out=None, *, dtype=None, casting="same_kind"))]
pub fn concatenate(
    py: Python<'_>,
    arrays: &Bound<'_, PyAny>,
    axis: ConcatAxis,
    out: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    casting: &str,
) -> PyResult<Py<PyAny>> {
    let cores = arrays_of(arrays)?;
    join(py, &cores, axis.0, out, dtype, casting)
}

/// `stack(arrays, axis=0, out=None, *, dtype=None, casting="same_kind")`: NumPy's checks
/// (a sequence, at least one array, one shape, the axis within `ndim + 1`), then every
/// input viewed with the new length-one axis and joined as `concatenate` joins. In Rust
/// rather than NumPy's Python composition: for ten small arrays the ten indexing calls
/// that add the axis cost more than the join.
#[pyfunction]
#[pyo3(signature = (arrays, axis=0, out=None, *, dtype=None, casting="same_kind"))]
pub fn stack(
    py: Python<'_>,
    arrays: &Bound<'_, PyAny>,
    axis: isize,
    out: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    casting: &str,
) -> PyResult<Py<PyAny>> {
    if !arrays.hasattr(pyo3::intern!(py, "__getitem__"))? {
        return Err(PyTypeError::new_err(
            "arrays to stack must be passed as a \"sequence\" type such as list or tuple.",
        ));
    }
    let cores = arrays_of(arrays)?;
    let Some(first) = cores.first() else {
        return Err(PyValueError::new_err("need at least one array to stack"));
    };
    if cores.iter().any(|a| a.shape() != first.shape()) {
        return Err(PyValueError::new_err(
            "all input arrays must have the same shape",
        ));
    }
    let axis = oxarray_core::error::normalize_axis(axis, first.ndim() + 1).py()?;
    let expanded = cores
        .iter()
        .map(|a| expand_dims(a, &[axis as isize]))
        .collect::<oxarray_core::Result<Vec<_>>>()
        .py()?;
    join(py, &expanded, Some(axis as isize), out, dtype, casting)
}

/// The join both `concatenate` and `stack` end in.
fn join(
    py: Python<'_>,
    cores: &[Array],
    axis: Option<isize>,
    out: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    casting: &str,
) -> PyResult<Py<PyAny>> {
    let dt = dtype_opt(dtype)?;
    let casting = Casting::parse(casting).py()?;
    let out = out.filter(|o| !o.is_none());
    if out.is_some() && dt.is_some() {
        return Err(PyTypeError::new_err(
            "concatenate() only takes `out` or `dtype` as an argument, but both were provided.",
        ));
    }
    let out_arr = match out {
        Some(o) => Some(
            o.cast::<PyArray>()
                .map_err(|_| PyTypeError::new_err("'out' must be an array"))?
                .borrow()
                .arr
                .clone(),
        ),
        None => None,
    };
    let target = match &out_arr {
        Some(o) => Target::Out(o),
        None => Target::New(dt),
    };
    let plan = concatenate_plan(cores, axis, target, casting).py()?;
    crate::exec::detach(py, plan.out.nbytes(), || concatenate_run(&plan, cores)).py()?;
    match out {
        Some(o) => Ok(o.clone().unbind()),
        None => wrap(py, plan.out),
    }
}

/// Add this topic's functions and classes to `oxarray._core`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(concatenate, m)?)?;
    m.add_function(wrap_pyfunction!(stack, m)?)?;
    Ok(())
}
