//! Python operators on `ndarray`: each one calls its ufunc object directly
//! (`crate::ufunc::call_ufunc` with the cached built-in), no Python-level hop.
//!
//! Deferral to foreign objects follows NumPy's `binop_should_defer`, in order:
//! 1. Our own arrays and scalars and Python `bool`/`int`/`float`/`complex` never defer.
//! 2. An operand whose type defines `__array_ufunc__`: defer (return `NotImplemented`) iff
//!    it is `None` and the operator is not in-place.
//! 3. A subclass of `ndarray` has had its chance already: no deferral.
//! 4. Otherwise the legacy rule: defer when its `__array_priority__` is above ours (0.0);
//!    an object without one has NumPy's scalar priority (-1e6).
//!
//! An operand that does not defer but cannot be converted to an array gives
//! `NotImplemented` too, so Python raises its usual `TypeError` ("unsupported operand
//! type(s)"), as NumPy's object loops end up doing; `==`/`!=` with such an operand compare
//! elementwise to all-`False`/all-`True`, as NumPy's do.
//!
//! In-place operators pass `out=self`, so the output cast follows `same_kind`
//! (`int_array += 1.5` raises NumPy's `UFuncTypeError`).

use std::sync::Arc;

use oxarray_core::dtype::Scalar;
use oxarray_core::ufunc::Ufunc;
use oxarray_core::{Array, Builtin, Order};
use pyo3::basic::CompareOp;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyComplex, PyFloat, PyInt, PyType};

use super::{wrap, PyArray};
use crate::errors::CoreResultExt;
use crate::scalars::PyGeneric;
use crate::ufunc::{call_ufunc, op, Op};

/// NumPy's `NPY_SCALAR_PRIORITY`: the priority of an object without `__array_priority__`.
const SCALAR_PRIORITY: f64 = -1_000_000.0;

/// How an operand takes part in a binary operator.
pub enum Operand<'py> {
    /// Use it as it is (ours, or a Python number).
    Direct(Bound<'py, PyAny>),
    /// Converted to an array first (lists, foreign arrays, ...).
    Converted(Bound<'py, PyAny>),
    /// Return `NotImplemented`.
    Defer,
}

/// Is `other` one of the types the ufunc call takes as it is?
#[inline]
pub fn is_direct(other: &Bound<'_, PyAny>) -> bool {
    other.is_instance_of::<PyArray>()
        || other.is_instance_of::<PyGeneric>()
        || other.is_exact_instance_of::<PyFloat>()
        || other.is_exact_instance_of::<PyInt>()
        || other.is_exact_instance_of::<PyBool>()
        || other.is_exact_instance_of::<PyComplex>()
}

/// NumPy's deferral rule (module docs) plus conversion of anything else.
pub fn classify<'py>(other: &Bound<'py, PyAny>, inplace: bool) -> PyResult<Operand<'py>> {
    if is_direct(other) {
        return Ok(Operand::Direct(other.clone()));
    }
    let py = other.py();
    let ty: Bound<'py, PyType> = other.get_type();
    if let Ok(attr) = ty.getattr("__array_ufunc__") {
        if attr.is_none() && !inplace {
            return Ok(Operand::Defer);
        }
    } else {
        let prio = match other.getattr("__array_priority__") {
            Ok(p) => p.extract::<f64>().unwrap_or(SCALAR_PRIORITY),
            Err(_) => SCALAR_PRIORITY,
        };
        if prio > 0.0 {
            return Ok(Operand::Defer);
        }
    }
    // Python subclasses of float/int/complex are numbers too.
    if other.is_instance_of::<PyFloat>()
        || other.is_instance_of::<PyInt>()
        || other.is_instance_of::<PyComplex>()
    {
        return Ok(Operand::Direct(other.clone()));
    }
    match crate::convert::as_core_array(other) {
        Ok(a) => Ok(Operand::Converted(
            Bound::new(py, PyArray::from_array(a))?.into_any(),
        )),
        Err(_) => Ok(Operand::Defer),
    }
}

fn uf(o: Op) -> &'static Arc<Ufunc> {
    op(o)
}

/// `self <op> other` (or `other <op> self` when `reflected`).
pub fn binop(
    slf: &Bound<'_, PyAny>,
    other: &Bound<'_, PyAny>,
    name: Op,
    reflected: bool,
) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    if matches!(name, Op::Add | Op::Multiply) {
        if let Some(r) =
            crate::strings::try_binop(slf, other, matches!(name, Op::Multiply), reflected)?
        {
            return Ok(r);
        }
    }
    let other = match classify(other, false)? {
        Operand::Defer => return Ok(py.NotImplemented()),
        Operand::Direct(o) | Operand::Converted(o) => o,
    };
    let args = if reflected {
        [&other, slf]
    } else {
        [slf, &other]
    };
    call_ufunc(py, uf(name), &args, None)
}

/// `self <op>= other`: the ufunc with `out=self` (Python then rebinds the name to `self`).
/// An operand that cannot take part raises `TypeError` (an in-place operator cannot hand
/// the operation to the other object).
pub fn inplace(slf: &Bound<'_, PyAny>, other: &Bound<'_, PyAny>, name: Op) -> PyResult<()> {
    let py = slf.py();
    let other = match classify(other, true)? {
        Operand::Defer => {
            return Err(PyTypeError::new_err(format!(
                "unsupported operand type(s) for {} (in place): '{}' and '{}'",
                name.name(),
                slf.get_type().name()?,
                other.get_type().name()?
            )))
        }
        Operand::Direct(o) | Operand::Converted(o) => o,
    };
    call_ufunc(py, uf(name), &[slf, &other], Some(slf))?;
    Ok(())
}

/// A unary operator.
pub fn unop(slf: &Bound<'_, PyAny>, name: Op) -> PyResult<Py<PyAny>> {
    call_ufunc(slf.py(), uf(name), &[slf], None)
}

/// Rich comparison through `equal`, `less`, ...
pub fn compare(
    slf: &Bound<'_, PyAny>,
    other: &Bound<'_, PyAny>,
    op: CompareOp,
) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    if let Some(r) = crate::strings::try_compare(slf, other, op)? {
        return Ok(r);
    }
    let name = match op {
        CompareOp::Eq => Op::Equal,
        CompareOp::Ne => Op::NotEqual,
        CompareOp::Lt => Op::Less,
        CompareOp::Le => Op::LessEqual,
        CompareOp::Gt => Op::Greater,
        CompareOp::Ge => Op::GreaterEqual,
    };
    let other = match classify(other, false)? {
        Operand::Defer => {
            return match op {
                // NumPy compares unconvertible objects elementwise as objects: never equal.
                CompareOp::Eq | CompareOp::Ne
                    if slf.is_instance_of::<PyArray>()
                        && other.getattr("__array_ufunc__").is_err() =>
                {
                    let shape = slf.cast::<PyArray>()?.borrow().arr.shape().to_vec();
                    let v = Scalar::Bool(matches!(op, CompareOp::Ne));
                    let a = Array::full(&shape, Builtin::Bool.dtype(), &v, Order::C).py()?;
                    wrap(py, a)
                }
                _ => Ok(py.NotImplemented()),
            };
        }
        Operand::Direct(o) | Operand::Converted(o) => o,
    };
    call_ufunc(py, uf(name), &[slf, &other], None)
}

/// `vector @ vector` is a scalar in NumPy (a 0-d result from arrays of rank >= 1; matmul
/// refuses 0-d operands, so no 0-d input can be involved).
pub fn matmul_result(r: Py<PyAny>, py: Python<'_>) -> PyResult<Py<PyAny>> {
    let b = r.bind(py);
    if let Ok(a) = b.cast::<PyArray>() {
        let arr = &a.borrow().arr;
        if arr.ndim() == 0 {
            let v = arr.item().py()?;
            return crate::scalars::make_scalar(py, v, arr.dtype());
        }
    }
    Ok(r)
}

/// `divmod(self, other)` (or reflected): the `divmod` ufunc's two outputs.
pub fn divmod(
    slf: &Bound<'_, PyAny>,
    other: &Bound<'_, PyAny>,
    reflected: bool,
) -> PyResult<Py<PyAny>> {
    binop(slf, other, Op::Divmod, reflected)
}

/// NumPy's `fast_scalar_power`: for a float or complex array, `a ** 2` is `square(a)`,
/// `a ** -1` is `reciprocal(a)` and `a ** 0.5` is `sqrt(a)` (exact Python int/float
/// exponents only). Same values and the same error-state messages as NumPy.
fn fast_power_ufunc(slf: &Bound<'_, PyAny>, other: &Bound<'_, PyAny>) -> Option<Op> {
    let arr = slf.cast::<PyArray>().ok()?;
    let kind = arr.borrow().arr.dtype().kind;
    if kind != 'f' && kind != 'c' {
        return None;
    }
    if other.is_exact_instance_of::<PyInt>() {
        match other.extract::<i64>().ok()? {
            2 => Some(Op::Square),
            -1 => Some(Op::Reciprocal),
            _ => None,
        }
    } else if let Ok(f) = other.cast_exact::<PyFloat>() {
        (f.value() == 0.5).then_some(Op::Sqrt)
    } else {
        None
    }
}

/// `pow(self, other[, modulo])`: three-argument `pow` is not supported (NumPy's
/// `NotImplemented`, hence Python's `TypeError`).
pub fn power(
    slf: &Bound<'_, PyAny>,
    other: &Bound<'_, PyAny>,
    modulo: Option<&Bound<'_, PyAny>>,
    reflected: bool,
) -> PyResult<Py<PyAny>> {
    if modulo.is_some_and(|m| !m.is_none()) {
        return Ok(slf.py().NotImplemented());
    }
    if !reflected {
        if let Some(name) = fast_power_ufunc(slf, other) {
            return unop(slf, name);
        }
    }
    binop(slf, other, Op::Power, reflected)
}

// Written out rather than generated by `macro_rules!`: PyO3's generated trampolines
// trip `unsafe_op_in_unsafe_fn` when their spans come from a local macro.
#[pymethods]
impl PyArray {
    fn __add__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::Add, false)
    }
    fn __radd__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::Add, true)
    }
    fn __iadd__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.as_any(), other, Op::Add)
    }
    fn __sub__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::Subtract, false)
    }
    fn __rsub__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::Subtract, true)
    }
    fn __isub__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.as_any(), other, Op::Subtract)
    }
    fn __mul__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::Multiply, false)
    }
    fn __rmul__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::Multiply, true)
    }
    fn __imul__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.as_any(), other, Op::Multiply)
    }
    fn __truediv__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::Divide, false)
    }
    fn __rtruediv__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::Divide, true)
    }
    fn __itruediv__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.as_any(), other, Op::Divide)
    }
    fn __floordiv__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::FloorDivide, false)
    }
    fn __rfloordiv__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::FloorDivide, true)
    }
    fn __ifloordiv__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.as_any(), other, Op::FloorDivide)
    }
    fn __mod__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::Remainder, false)
    }
    fn __rmod__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::Remainder, true)
    }
    fn __imod__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.as_any(), other, Op::Remainder)
    }
    fn __matmul__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        matmul_result(binop(slf.as_any(), other, Op::Matmul, false)?, slf.py())
    }
    fn __rmatmul__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        matmul_result(binop(slf.as_any(), other, Op::Matmul, true)?, slf.py())
    }
    fn __imatmul__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.as_any(), other, Op::Matmul)
    }
    fn __lshift__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::LeftShift, false)
    }
    fn __rlshift__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::LeftShift, true)
    }
    fn __ilshift__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.as_any(), other, Op::LeftShift)
    }
    fn __rshift__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::RightShift, false)
    }
    fn __rrshift__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::RightShift, true)
    }
    fn __irshift__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.as_any(), other, Op::RightShift)
    }
    fn __and__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::BitwiseAnd, false)
    }
    fn __rand__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::BitwiseAnd, true)
    }
    fn __iand__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.as_any(), other, Op::BitwiseAnd)
    }
    fn __or__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::BitwiseOr, false)
    }
    fn __ror__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::BitwiseOr, true)
    }
    fn __ior__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.as_any(), other, Op::BitwiseOr)
    }
    fn __xor__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::BitwiseXor, false)
    }
    fn __rxor__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, Op::BitwiseXor, true)
    }
    fn __ixor__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.as_any(), other, Op::BitwiseXor)
    }
}

#[pymethods]
impl PyArray {
    fn __pow__(
        slf: &Bound<'_, Self>,
        other: &Bound<'_, PyAny>,
        modulo: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        power(slf.as_any(), other, modulo, false)
    }
    fn __rpow__(
        slf: &Bound<'_, Self>,
        other: &Bound<'_, PyAny>,
        modulo: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        power(slf.as_any(), other, modulo, true)
    }
    fn __ipow__(
        slf: &Bound<'_, Self>,
        other: &Bound<'_, PyAny>,
        modulo: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let _ = modulo;
        if let Some(name) = fast_power_ufunc(slf.as_any(), other) {
            call_ufunc(slf.py(), uf(name), &[slf.as_any()], Some(slf.as_any()))?;
            return Ok(());
        }
        inplace(slf.as_any(), other, Op::Power)
    }
    fn __divmod__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        divmod(slf.as_any(), other, false)
    }
    fn __rdivmod__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        divmod(slf.as_any(), other, true)
    }
    fn __neg__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        unop(slf.as_any(), Op::Negative)
    }
    fn __pos__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        unop(slf.as_any(), Op::Positive)
    }
    fn __abs__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        unop(slf.as_any(), Op::Absolute)
    }
    fn __invert__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        unop(slf.as_any(), Op::Invert)
    }
    fn __richcmp__(
        slf: &Bound<'_, Self>,
        other: &Bound<'_, PyAny>,
        op: CompareOp,
    ) -> PyResult<Py<PyAny>> {
        compare(slf.as_any(), other, op)
    }
}
