//! Python arguments of ufunc calls: operands, `out`, `dtype`, `signature`, and wrapping
//! results.
//!
//! Operands: an ndarray as it is; an oxarray scalar as a 0-d array (remembered as a
//! scalar); Python `bool` as a (strong) 0-d bool array; Python `int`/`float`/`complex`
//! (exact types) as weak scalars (NEP 50); anything else through `asarray` (a NumPy
//! scalar counts as a scalar). Results: when every input was a scalar the result is a
//! scalar; otherwise arrays (0-d array inputs give 0-d arrays, deliberately keeping what
//! NumPy loses); a given `out` is returned as the very object passed.

use num_complex::Complex;
use oxarray_core::dtype::{DType, Scalar};
use oxarray_core::ufunc::{HugeInt, Input};
use oxarray_core::{Array, Builtin, Order};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyComplex, PyFloat, PyInt, PyString, PyTuple};

use crate::convert::array_from_object;
use crate::dtype::to_dtype;
use crate::errors::CoreResultExt;
use crate::ndarray::{wrap, PyArray};
use crate::scalars::{make_scalar, PyGeneric};

/// A converted operand and whether it was a scalar.
pub struct Operand {
    pub input: Input,
    pub scalar: bool,
}

fn zero_d(v: Scalar, dt: DType) -> PyResult<Array> {
    let a = Array::zeros(&[], dt, Order::C).py()?;
    a.set(&[], &v).py()?;
    Ok(a)
}

/// Convert one operand (see the module docs).
pub fn operand(obj: &Bound<'_, PyAny>) -> PyResult<Operand> {
    if let Ok(a) = obj.cast::<PyArray>() {
        return Ok(Operand {
            input: Input::Array(a.borrow().arr.clone()),
            scalar: false,
        });
    }
    if let Ok(g) = obj.cast::<PyGeneric>() {
        let g = g.get();
        return Ok(Operand {
            input: Input::Array(zero_d(g.value, g.dtype)?),
            scalar: true,
        });
    }
    if obj.is_exact_instance_of::<PyBool>() {
        let b: bool = obj.extract()?;
        return Ok(Operand {
            input: Input::Array(zero_d(Scalar::Bool(b), Builtin::Bool.dtype())?),
            scalar: true,
        });
    }
    if obj.is_exact_instance_of::<PyInt>() {
        let input = if let Ok(i) = obj.extract::<i64>() {
            Input::Weak(Scalar::Int(i))
        } else if let Ok(u) = obj.extract::<u64>() {
            Input::Weak(Scalar::UInt(u))
        } else {
            // Beyond both: the loop decides (float loops take `float(int)`).
            Input::WeakHugeInt(HugeInt {
                float: obj.extract::<f64>().ok(),
                negative: obj.lt(0)?,
            })
        };
        return Ok(Operand {
            input,
            scalar: true,
        });
    }
    if let Ok(f) = obj.cast_exact::<PyFloat>() {
        return Ok(Operand {
            input: Input::Weak(Scalar::Float(f.value())),
            scalar: true,
        });
    }
    if let Ok(c) = obj.cast_exact::<PyComplex>() {
        return Ok(Operand {
            input: Input::Weak(Scalar::Complex(Complex::new(c.real(), c.imag()))),
            scalar: true,
        });
    }
    // NumPy scalars (and Python number subclasses, `str` and `bytes`) are strong scalars.
    let scalar = obj.is_instance_of::<PyInt>()
        || obj.is_instance_of::<PyFloat>()
        || obj.is_instance_of::<PyComplex>()
        || obj.is_instance_of::<pyo3::types::PyString>()
        || obj.is_instance_of::<pyo3::types::PyBytes>()
        || is_numpy_generic(obj);
    let a = array_from_object(obj, None)?;
    // Any other object that is not a sequence (a `Fraction`, a `Decimal`) is a scalar of
    // dtype object: NumPy returns the result object itself.
    let scalar = scalar || (a.ndim() == 0 && crate::object::is_object(a.dtype()));
    Ok(Operand {
        input: Input::Array(a),
        scalar,
    })
}

fn is_numpy_generic(obj: &Bound<'_, PyAny>) -> bool {
    let t = obj.get_type();
    t.getattr("__module__")
        .and_then(|m| m.extract::<String>())
        .is_ok_and(|m| m == "numpy")
        && obj
            .getattr("ndim")
            .and_then(|n| n.extract::<usize>())
            .is_ok_and(|n| n == 0)
        && !t.name().is_ok_and(|n| n == "ndarray")
}

/// A given output: the array and the Python object to return.
pub type OutArg = Option<(Array, Py<PyAny>)>;

/// An `out` entry: an ndarray or `None`.
pub fn out_array(obj: &Bound<'_, PyAny>) -> PyResult<OutArg> {
    if obj.is_none() {
        return Ok(None);
    }
    match obj.cast::<PyArray>() {
        Ok(a) => Ok(Some((a.borrow().arr.clone(), obj.clone().unbind()))),
        Err(_) => Err(PyTypeError::new_err("return arrays must be of ArrayType")),
    }
}

/// The `out=` keyword: `None`, an array (one output), or a tuple with one entry per output.
pub fn parse_out(obj: Option<&Bound<'_, PyAny>>, nout: usize) -> PyResult<Vec<OutArg>> {
    let Some(obj) = obj else {
        return Ok(Vec::new());
    };
    if obj.is_none() {
        return Ok(Vec::new());
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        if t.len() != nout {
            return Err(PyValueError::new_err(format!(
                "The 'out' tuple must have exactly {nout} entries: one per ufunc output"
            )));
        }
        return t.iter().map(|o| out_array(&o)).collect();
    }
    if nout != 1 {
        return Err(PyTypeError::new_err("'out' must be a tuple of arrays"));
    }
    Ok(vec![out_array(obj)?])
}

/// A `dtype=` argument (`None` means none).
pub fn opt_dtype(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<DType>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => to_dtype(o).map(Some),
    }
}

/// A `signature=` argument with NumPy's checks (`_get_fixed_signature`): a tuple of
/// `nin + nout` dtypes or `None`s (one item: `TypeError`, another length: `ValueError`), or
/// a type string `"dd->d"` with exactly `nin` codes before the arrow and `nout` after
/// (`ValueError` otherwise; one code: `TypeError`); anything else is a `TypeError`.
pub fn parse_signature(
    obj: Option<&Bound<'_, PyAny>>,
    uf: &oxarray_core::ufunc::Ufunc,
) -> PyResult<Option<Vec<Option<DType>>>> {
    let Some(obj) = obj else { return Ok(None) };
    if obj.is_none() {
        return Ok(None);
    }
    let (nin, nout) = (uf.nin(), uf.nout());
    let nop = nin + nout;
    let one_item = |none: bool| {
        PyTypeError::new_err(if none {
            "a single item type tuple cannot contain None."
        } else {
            "Use `dtype` or  fill the tuple with more than one 'None'."
        })
    };
    if let Ok(t) = obj.cast::<PyTuple>() {
        if t.len() == 1 && nop != 1 {
            return Err(one_item(t.get_item(0)?.is_none()));
        }
        if t.len() != nop {
            return Err(PyValueError::new_err(format!(
                "a type-tuple must be specified of length {nop} for ufunc '{}'",
                uf.name()
            )));
        }
        let mut v = Vec::new();
        for item in t.iter() {
            v.push(opt_dtype(Some(&item))?);
        }
        return Ok(Some(v));
    }
    let text = if let Ok(s) = obj.cast::<PyString>() {
        s.to_str()?.to_string()
    } else if let Ok(b) = obj.cast::<pyo3::types::PyBytes>() {
        String::from_utf8_lossy(b.as_bytes()).into_owned()
    } else {
        return Err(PyTypeError::new_err(
            "the signature object to ufunc must be a string or a tuple.",
        ));
    };
    let chars: Vec<char> = text.chars().collect();
    if chars.len() != 1 && (chars.len() != nop + 2 || chars[nin] != '-' || chars[nin + 1] != '>') {
        return Err(PyValueError::new_err(format!(
            "a type-string for {}, {nin} typecode(s) before and {nout} after the -> sign",
            uf.name()
        )));
    }
    if chars.len() == 1 && nop != 1 {
        return Err(one_item(false));
    }
    let mut v = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        if chars.len() > 1 && (i == nin || i == nin + 1) {
            continue;
        }
        let d = DType::parse(&c.to_string())
            .map_err(|_| PyTypeError::new_err(format!("data type '{c}' not understood")))?;
        v.push(Some(d));
    }
    Ok(Some(v))
}

/// Wrap one result: the `out` object when given, a scalar when every input was one, else
/// an ndarray.
pub fn wrap_result(
    py: Python<'_>,
    arr: Array,
    out_obj: Option<&Py<PyAny>>,
    all_scalars: bool,
) -> PyResult<Py<PyAny>> {
    if let Some(o) = out_obj {
        return Ok(o.clone_ref(py));
    }
    if all_scalars && arr.ndim() == 0 {
        let v = arr.item().py()?;
        return make_scalar(py, v, arr.dtype());
    }
    wrap(py, arr)
}
