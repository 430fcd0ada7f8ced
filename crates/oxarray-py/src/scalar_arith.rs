//! Python operators on oxarray scalars (`oxarray.float64(1.5) * 2` is a `float64`).
//!
//! Each operator calls its ufunc (array scalars are typed operands, Python numbers weak
//! ones) and returns a scalar when every operand was a scalar. When every operand is a
//! scalar, NumPy's scalar-math rules apply, as NumPy's scalar types do:
//! - floating-point errors are reported as `"... encountered in scalar <ufunc>"`;
//! - integer overflow in `add`, `subtract`, `multiply`, `negative` and `absolute` is
//!   detected and reported as `"overflow encountered in scalar add"` under the `over`
//!   setting (NumPy's integer scalars always check; its arrays never do).
//!
//! The common cases (oxarray scalars of the real types with each other and with Python
//! int/float/bool) take the fast path of `scalarmath.rs` first; what it declines comes here.
//!
//! With an array operand the array path (`ndarray/arithmetic.rs`) is taken. Scalars are
//! immutable, so there are no in-place forms (Python falls back to the binary operator).

use oxarray_core::ufunc::CallOptions;
use oxarray_core::Array;
use pyo3::basic::CompareOp;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::errors::CoreResultExt;
use crate::errstate::{int_overflow_checks, report};
use crate::ndarray::arithmetic::{classify, Operand};
use crate::ndarray::PyArray;
use crate::scalarmath as fast;
use crate::scalars::PyGeneric;
use crate::ufunc::{builtin, call_ufunc, operand, wrap_result};
use oxarray_core::scalarmath::{BinOp, UnOp};

/// Ufuncs whose integer overflow NumPy's scalar math reports.
fn scalar_checks_overflow(name: &str) -> bool {
    matches!(
        name,
        "add" | "subtract" | "multiply" | "negative" | "absolute"
    )
}

/// Call the ufunc `name` on `args` through the ordinary call path unless every operand is a
/// scalar; then with a scalar result, and with NumPy's scalar-math rules when
/// `scalar_rules` (NumPy's scalar math handles the operation: messages "... in scalar
/// <ufunc>", integer overflow checked; else the ufunc's rules, as for `numpy.bool`'s
/// operators and operand types that promote to a third type).
pub fn scalar_op(
    py: Python<'_>,
    name: &str,
    args: &[&Bound<'_, PyAny>],
    scalar_rules: bool,
) -> PyResult<Py<PyAny>> {
    let uf = builtin(name);
    let mut inputs = Vec::with_capacity(args.len());
    for a in args {
        let o = operand(a)?;
        if !o.scalar {
            return call_ufunc(py, uf, args, None);
        }
        inputs.push(o.input);
    }
    let opts = CallOptions {
        check_int_overflow: (scalar_rules && scalar_checks_overflow(name))
            || int_overflow_checks(py),
        scalar_math: scalar_rules,
        ..Default::default()
    };
    let outs: Vec<Option<Array>> = vec![None; uf.nout()];
    let res = uf.call(&inputs, &outs, &opts).py()?;
    if res.fpe != 0 {
        if scalar_rules {
            report(py, &format!("scalar {name}"), res.fpe)?;
        } else {
            report(py, name, res.fpe)?;
        }
    }
    let mut results = Vec::with_capacity(res.outputs.len());
    for arr in res.outputs {
        results.push(wrap_result(py, arr, None, true)?);
    }
    if results.len() == 1 {
        Ok(results.pop().expect("one output"))
    } else {
        Ok(PyTuple::new(py, results)?.into_any().unbind())
    }
}

/// `self <op> other` (or reflected) for a scalar `self`.
fn binop(
    slf: &Bound<'_, PyAny>,
    other: &Bound<'_, PyAny>,
    name: &str,
    reflected: bool,
) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    let seq = other.is_instance_of::<pyo3::types::PyList>()
        || other.is_instance_of::<pyo3::types::PyTuple>();
    let other = match classify(other, false)? {
        Operand::Defer => return Ok(py.NotImplemented()),
        // NumPy's scalar math defers to an unknown object (its reflected operation runs)
        // rather than making it a 0-d object array.
        Operand::Converted(o)
            if !seq
                && o.cast::<PyArray>().is_ok_and(|a| {
                    let d = a.borrow().arr.dtype();
                    a.borrow().arr.ndim() == 0
                        && (crate::object::is_object(d) || oxarray_core::strings::is_string(d))
                }) =>
        {
            return Ok(py.NotImplemented())
        }
        Operand::Direct(o) | Operand::Converted(o) => o,
    };
    let (l, r) = if reflected {
        (&other, slf)
    } else {
        (slf, &other)
    };
    scalar_op(py, name, &[l, r], fast::scalar_rules(l, r))
}

fn unop(slf: &Bound<'_, PyAny>, name: &str) -> PyResult<Py<PyAny>> {
    // `numpy.bool`'s unary operators are the generic (array) ones.
    let scalar_rules = slf
        .cast::<PyGeneric>()
        .is_ok_and(|g| g.get().dtype.builtin != Some(oxarray_core::Builtin::Bool));
    scalar_op(slf.py(), name, &[slf], scalar_rules)
}

fn divmod(
    slf: &Bound<'_, PyAny>,
    other: &Bound<'_, PyAny>,
    reflected: bool,
) -> PyResult<Py<PyAny>> {
    binop(slf, other, "divmod", reflected)
}

fn power(
    slf: &Bound<'_, PyAny>,
    other: &Bound<'_, PyAny>,
    modulo: Option<&Bound<'_, PyAny>>,
    reflected: bool,
) -> PyResult<Py<PyAny>> {
    if modulo.is_some_and(|m| !m.is_none()) {
        return Ok(slf.py().NotImplemented());
    }
    binop(slf, other, "power", reflected)
}

// Written out rather than generated by `macro_rules!`: PyO3's generated trampolines
// trip `unsafe_op_in_unsafe_fn` when their spans come from a local macro.
#[pymethods]
impl PyGeneric {
    fn __add__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::binary(slf, other, BinOp::Add, false) {
            return r;
        }
        binop(slf.as_any(), other, "add", false)
    }
    fn __radd__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::binary(slf, other, BinOp::Add, true) {
            return r;
        }
        binop(slf.as_any(), other, "add", true)
    }
    fn __sub__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::binary(slf, other, BinOp::Sub, false) {
            return r;
        }
        binop(slf.as_any(), other, "subtract", false)
    }
    fn __rsub__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::binary(slf, other, BinOp::Sub, true) {
            return r;
        }
        binop(slf.as_any(), other, "subtract", true)
    }
    fn __mul__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::binary(slf, other, BinOp::Mul, false) {
            return r;
        }
        binop(slf.as_any(), other, "multiply", false)
    }
    fn __rmul__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::binary(slf, other, BinOp::Mul, true) {
            return r;
        }
        binop(slf.as_any(), other, "multiply", true)
    }
    fn __truediv__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::binary(slf, other, BinOp::TrueDiv, false) {
            return r;
        }
        binop(slf.as_any(), other, "divide", false)
    }
    fn __rtruediv__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::binary(slf, other, BinOp::TrueDiv, true) {
            return r;
        }
        binop(slf.as_any(), other, "divide", true)
    }
    fn __floordiv__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::binary(slf, other, BinOp::FloorDiv, false) {
            return r;
        }
        binop(slf.as_any(), other, "floor_divide", false)
    }
    fn __rfloordiv__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::binary(slf, other, BinOp::FloorDiv, true) {
            return r;
        }
        binop(slf.as_any(), other, "floor_divide", true)
    }
    fn __mod__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::binary(slf, other, BinOp::Rem, false) {
            return r;
        }
        binop(slf.as_any(), other, "remainder", false)
    }
    fn __rmod__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::binary(slf, other, BinOp::Rem, true) {
            return r;
        }
        binop(slf.as_any(), other, "remainder", true)
    }
    fn __matmul__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, "matmul", false)
    }
    fn __rmatmul__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, "matmul", true)
    }
    fn __lshift__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, "left_shift", false)
    }
    fn __rlshift__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, "left_shift", true)
    }
    fn __rshift__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, "right_shift", false)
    }
    fn __rrshift__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.as_any(), other, "right_shift", true)
    }
    fn __and__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::binary(slf, other, BinOp::And, false) {
            return r;
        }
        binop(slf.as_any(), other, "bitwise_and", false)
    }
    fn __rand__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::binary(slf, other, BinOp::And, true) {
            return r;
        }
        binop(slf.as_any(), other, "bitwise_and", true)
    }
    fn __or__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::binary(slf, other, BinOp::Or, false) {
            return r;
        }
        binop(slf.as_any(), other, "bitwise_or", false)
    }
    fn __ror__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::binary(slf, other, BinOp::Or, true) {
            return r;
        }
        binop(slf.as_any(), other, "bitwise_or", true)
    }
    fn __xor__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::binary(slf, other, BinOp::Xor, false) {
            return r;
        }
        binop(slf.as_any(), other, "bitwise_xor", false)
    }
    fn __rxor__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::binary(slf, other, BinOp::Xor, true) {
            return r;
        }
        binop(slf.as_any(), other, "bitwise_xor", true)
    }
}

#[pymethods]
impl PyGeneric {
    fn __pow__(
        slf: &Bound<'_, Self>,
        other: &Bound<'_, PyAny>,
        modulo: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        if modulo.is_none_or(|m| m.is_none()) {
            if let Some(r) = fast::binary(slf, other, BinOp::Pow, false) {
                return r;
            }
        }
        power(slf.as_any(), other, modulo, false)
    }
    fn __rpow__(
        slf: &Bound<'_, Self>,
        other: &Bound<'_, PyAny>,
        modulo: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        if modulo.is_none_or(|m| m.is_none()) {
            if let Some(r) = fast::binary(slf, other, BinOp::Pow, true) {
                return r;
            }
        }
        power(slf.as_any(), other, modulo, true)
    }
    fn __divmod__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::divmod(slf, other, false) {
            return r;
        }
        divmod(slf.as_any(), other, false)
    }
    fn __rdivmod__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::divmod(slf, other, true) {
            return r;
        }
        divmod(slf.as_any(), other, true)
    }
    fn __neg__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::unary(slf, UnOp::Neg) {
            return r;
        }
        unop(slf.as_any(), "negative")
    }
    fn __pos__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::unary(slf, UnOp::Pos) {
            return r;
        }
        unop(slf.as_any(), "positive")
    }
    fn __abs__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::unary(slf, UnOp::Abs) {
            return r;
        }
        unop(slf.as_any(), "absolute")
    }
    fn __invert__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        if let Some(r) = fast::unary(slf, UnOp::Invert) {
            return r;
        }
        unop(slf.as_any(), "invert")
    }
    fn __richcmp__(
        slf: &Bound<'_, Self>,
        other: &Bound<'_, PyAny>,
        op: CompareOp,
    ) -> PyResult<Py<PyAny>> {
        let bop = match op {
            CompareOp::Lt => BinOp::Lt,
            CompareOp::Le => BinOp::Le,
            CompareOp::Eq => BinOp::Eq,
            CompareOp::Ne => BinOp::Ne,
            CompareOp::Gt => BinOp::Gt,
            CompareOp::Ge => BinOp::Ge,
        };
        if let Some(r) = fast::binary(slf, other, bop, false) {
            return r;
        }
        // Through `binop`: two scalars take NumPy's scalar math (quiet complex orderings).
        let name = match op {
            CompareOp::Lt => "less",
            CompareOp::Le => "less_equal",
            CompareOp::Eq => "equal",
            CompareOp::Ne => "not_equal",
            CompareOp::Gt => "greater",
            CompareOp::Ge => "greater_equal",
        };
        binop(slf.as_any(), other, name, false)
    }
}
