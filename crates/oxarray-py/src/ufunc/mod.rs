//! `oxarray.ufunc`: the Python face of the core `Ufunc` (calls, attributes, methods), the
//! built-in ufunc objects exported on the module, and the entry points operators use
//! (`call_ufunc`, `builtin`, the static handles [`op`]).
//!
//! A call first tries the direct path ([`call_direct`]): operands that are our arrays
//! (borrowed, not cloned), our scalars or exact Python numbers, no keywords but `out=`,
//! and a call short enough that the core's policy keeps the GIL. The core's
//! `Ufunc::call_direct` then resolves through its lock-free per-thread cache and calls the
//! loop once, without 0-d arrays for scalars. Whenever either side says it does not apply,
//! the general path (`call_with`: operand conversion, `Ufunc::call`) answers, so results,
//! warnings and errors are the same on both paths.

pub(crate) mod args;
mod axes;
mod methods;
pub(crate) mod pyloops;
mod vectorcall;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use oxarray_core::dtype::Casting;
use oxarray_core::ufunc::loops::{Identity, ResolverHint, UfuncDef};
use oxarray_core::ufunc::{CallOptions, Input, Ufunc};
use oxarray_core::{Array, Order};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use smallvec::SmallVec;

pub use args::{operand, wrap_result, Operand};

use crate::convert::scalar_to_py;
use crate::errors::CoreResultExt;
use crate::ndarray::PyArray;
use crate::scalars::PyGeneric;

// No doc comment on purpose: a class docstring would shadow the per-ufunc `__doc__`
// getter below (CPython stores `tp_doc` over the descriptor).
#[pyclass(name = "ufunc", module = "oxarray", frozen)]
pub struct PyUfunc {
    /// The core ufunc.
    pub inner: Arc<Ufunc>,
    /// This object's vectorcall function (PEP 590; see [`vectorcall`]).
    vectorcall: pyo3::ffi::vectorcallfunc,
}

impl PyUfunc {
    /// The Python object of the core ufunc `inner`.
    pub fn new(inner: Arc<Ufunc>) -> Self {
        PyUfunc {
            inner,
            vectorcall: vectorcall::call,
        }
    }
}

/// NumPy's aliases: (alias, ufunc name).
pub const ALIASES: &[(&str, &str)] = &[
    ("abs", "absolute"),
    ("divide", "true_divide"),
    ("true_divide", "divide"),
    ("mod", "remainder"),
    ("conj", "conjugate"),
    ("bitwise_not", "invert"),
    ("bitwise_invert", "invert"),
    ("bitwise_left_shift", "left_shift"),
    ("bitwise_right_shift", "right_shift"),
    ("pow", "power"),
    ("acos", "arccos"),
    ("asin", "arcsin"),
    ("atan", "arctan"),
    ("atan2", "arctan2"),
    ("acosh", "arccosh"),
    ("asinh", "arcsinh"),
    ("atanh", "arctanh"),
    ("degrees", "rad2deg"),
    ("radians", "deg2rad"),
];

static BUILTINS: OnceLock<HashMap<String, &'static Arc<Ufunc>>> = OnceLock::new();

fn builtins() -> &'static HashMap<String, &'static Arc<Ufunc>> {
    BUILTINS.get_or_init(|| {
        let mut m: HashMap<String, &'static Arc<Ufunc>> = HashMap::new();
        for name in oxarray_core::ufunc::names() {
            if let Some(u) = oxarray_core::ufunc::lookup(name) {
                m.insert(name.to_string(), Box::leak(Box::new(u)));
            }
        }
        m
    })
}

/// The built-in ufunc `name` (cached). A name the kernels do not define gives a ufunc
/// without loops (every call raises `TypeError`), never a panic.
pub fn builtin(name: &str) -> &'static Arc<Ufunc> {
    if let Some(u) = try_builtin(name) {
        return u;
    }
    static EMPTY: OnceLock<std::sync::Mutex<HashMap<String, &'static Arc<Ufunc>>>> =
        OnceLock::new();
    let mut m = EMPTY
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(u) = m.get(name) {
        return u;
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    let def = UfuncDef {
        name: leaked,
        nin: 2,
        nout: 1,
        identity: Identity::None,
        signature: None,
        resolver: ResolverHint::Default,
        doc: "",
        loops: Vec::new(),
    };
    let u: &'static Arc<Ufunc> = Box::leak(Box::new(Arc::new(
        Ufunc::new(def).expect("a loop-less binary ufunc is valid"),
    )));
    m.insert(name.to_string(), u);
    u
}

/// The built-in ufunc `name`, resolving NumPy's aliases, if the kernels define it.
pub fn try_builtin(name: &str) -> Option<&'static Arc<Ufunc>> {
    let b = builtins();
    b.get(name).copied().or_else(|| {
        ALIASES
            .iter()
            .find(|(a, _)| *a == name)
            .and_then(|(_, t)| b.get(*t).copied())
    })
}

/// The built-in ufuncs behind Python's operators, as static handles ([`op`]): an
/// operator never looks its ufunc up by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Add,
    Subtract,
    Multiply,
    Divide,
    FloorDivide,
    Remainder,
    Power,
    Matmul,
    LeftShift,
    RightShift,
    BitwiseAnd,
    BitwiseOr,
    BitwiseXor,
    Divmod,
    Negative,
    Positive,
    Absolute,
    Invert,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Square,
    Reciprocal,
    Sqrt,
}

/// The ufunc names of [`Op`], in its order.
const OP_NAMES: [&str; 27] = [
    "add",
    "subtract",
    "multiply",
    "divide",
    "floor_divide",
    "remainder",
    "power",
    "matmul",
    "left_shift",
    "right_shift",
    "bitwise_and",
    "bitwise_or",
    "bitwise_xor",
    "divmod",
    "negative",
    "positive",
    "absolute",
    "invert",
    "equal",
    "not_equal",
    "less",
    "less_equal",
    "greater",
    "greater_equal",
    "square",
    "reciprocal",
    "sqrt",
];

impl Op {
    /// The ufunc's name as the operator knows it.
    pub fn name(self) -> &'static str {
        OP_NAMES[self as usize]
    }
}

/// The built-in ufunc of the operator `o` (looked up once per process).
#[inline]
pub fn op(o: Op) -> &'static Arc<Ufunc> {
    static HANDLES: OnceLock<[&'static Arc<Ufunc>; 27]> = OnceLock::new();
    HANDLES.get_or_init(|| OP_NAMES.map(builtin))[o as usize]
}

/// The direct path of a call (module docs): `Ok(None)` when it does not apply, with
/// nothing done.
pub fn call_direct(
    py: Python<'_>,
    uf: &Ufunc,
    args: &[&Bound<'_, PyAny>],
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<Py<PyAny>>> {
    use oxarray_core::dtype::Scalar;
    use oxarray_core::ufunc::DirectIn;
    use pyo3::types::{PyBool, PyComplex, PyFloat, PyInt};
    let nin = args.len();
    // Generalized ufuncs never take the core's direct path: answer at once, before
    // borrowing and classifying the operands for nothing.
    if nin > 3 || nin != uf.nin() || uf.nout() != 1 || uf.core_signature().is_some() {
        return Ok(None);
    }
    let mut arrays: [Option<PyRef<'_, PyArray>>; 3] = [None, None, None];
    let mut values = [Scalar::Bool(false); 3];
    let mut dtypes: [Option<oxarray_core::DType>; 3] = [None; 3];
    let mut all_scalars = true;
    let mut work = 0usize;
    for (i, a) in args.iter().enumerate() {
        if let Ok(arr) = a.cast::<PyArray>() {
            let Ok(r) = arr.try_borrow() else {
                return Ok(None);
            };
            work = work.max(r.arr.size() * r.arr.itemsize());
            arrays[i] = Some(r);
            all_scalars = false;
        } else if let Ok(g) = a.cast::<PyGeneric>() {
            let g = g.get();
            values[i] = g.value;
            dtypes[i] = Some(g.dtype);
        } else if let Ok(f) = a.cast_exact::<PyFloat>() {
            values[i] = Scalar::Float(f.value());
        } else if a.is_exact_instance_of::<PyInt>() {
            match a.extract::<i64>() {
                Ok(v) => values[i] = Scalar::Int(v),
                Err(_) => return Ok(None),
            }
        } else if let Ok(b) = a.cast_exact::<PyBool>() {
            values[i] = Scalar::Bool(b.is_true());
            dtypes[i] = Some(oxarray_core::Builtin::Bool.dtype());
        } else if let Ok(c) = a.cast_exact::<PyComplex>() {
            values[i] = Scalar::Complex(num_complex::Complex::new(c.real(), c.imag()));
        } else {
            return Ok(None);
        }
    }
    let out_ref = match out {
        Some(o) if !o.is_none() => match o.cast::<PyArray>().ok().and_then(|a| a.try_borrow().ok())
        {
            Some(r) => Some(r),
            None => return Ok(None),
        },
        _ => None,
    };
    // Long calls take the general path, which releases the GIL (the core's policy).
    if oxarray_core::exec::release_gil(work.saturating_mul(nin + 1)) {
        return Ok(None);
    }
    let res = {
        let mut ins: SmallVec<[DirectIn<'_>; 3]> = SmallVec::new();
        for i in 0..nin {
            ins.push(match (&arrays[i], dtypes[i]) {
                (Some(r), _) => DirectIn::Array(&r.arr),
                (None, Some(d)) => DirectIn::Scalar(&values[i], d),
                (None, None) => DirectIn::Weak(&values[i]),
            });
        }
        let check = crate::errstate::int_overflow_checks(py);
        match uf.call_direct(&ins, out_ref.as_ref().map(|r| &r.arr), check) {
            None => return Ok(None),
            Some(r) => r,
        }
    };
    // No borrow is held while warnings, callbacks or wrapping run Python code.
    drop(arrays);
    drop(out_ref);
    let res = res.py()?;
    if res.fpe != 0 {
        crate::errstate::report(py, uf.name(), res.fpe)?;
    }
    match (res.output, out) {
        (Some(arr), _) => wrap_result(py, arr, None, all_scalars).map(Some),
        (None, Some(o)) => Ok(Some(o.clone().unbind())),
        (None, None) => Err(pyo3::exceptions::PySystemError::new_err(
            "ufunc direct path returned no output",
        )),
    }
}

/// Parsed keyword options of a call.
pub struct Kw<'py> {
    pub out: Option<Bound<'py, PyAny>>,
    pub where_: Option<Bound<'py, PyAny>>,
    pub casting: Option<String>,
    pub order: Option<String>,
    pub dtype: Option<Bound<'py, PyAny>>,
    pub signature: Option<Bound<'py, PyAny>>,
    /// Generalized ufuncs: `axes=`, `axis=`, `keepdims=`.
    pub axes: Option<Bound<'py, PyAny>>,
    pub axis: Option<Bound<'py, PyAny>>,
    pub keepdims: Option<Bound<'py, PyAny>>,
}

impl<'py> Kw<'py> {
    /// No options.
    pub fn none() -> Self {
        Kw {
            out: None,
            where_: None,
            casting: None,
            order: None,
            dtype: None,
            signature: None,
            axes: None,
            axis: None,
            keepdims: None,
        }
    }
}

fn where_mask(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Array>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) if o.is_exact_instance_of::<pyo3::types::PyBool>() && o.is_truthy()? => Ok(None),
        Some(o) => {
            let op = operand(o)?;
            match op.input {
                Input::Array(a) => Ok(Some(a)),
                Input::Weak(_) | Input::WeakHugeInt(_) => Err(PyTypeError::new_err(
                    "Cannot cast array data from dtype('int64') to dtype('bool') according to the rule 'safe'",
                )),
            }
        }
    }
}

/// Call `uf` on Python operands: inputs, then optional positional outputs.
pub fn call_with(
    py: Python<'_>,
    uf: &Arc<Ufunc>,
    args: &[Bound<'_, PyAny>],
    kw: &Kw<'_>,
) -> PyResult<Py<PyAny>> {
    let nin = uf.nin();
    let nout = uf.nout();
    if args.len() < nin || args.len() > nin + nout {
        return Err(PyTypeError::new_err(format!(
            "{}() takes from {nin} to {} positional arguments but {} were given",
            uf.name(),
            nin + nout,
            args.len()
        )));
    }
    let mut ops: SmallVec<[Input; 3]> = SmallVec::new();
    let mut all_scalars = true;
    for a in &args[..nin] {
        let o = operand(a)?;
        all_scalars &= o.scalar;
        ops.push(o.input);
    }
    let outs = if args.len() > nin {
        if kw.out.as_ref().is_some_and(|o| !o.is_none()) {
            return Err(PyTypeError::new_err(
                "cannot specify 'out' as both a positional and keyword argument",
            ));
        }
        let mut v = args[nin..]
            .iter()
            .map(args::out_array)
            .collect::<PyResult<Vec<_>>>()?;
        v.resize_with(nout, || None);
        v
    } else {
        args::parse_out(kw.out.as_ref(), nout)?
    };
    let remap = if kw.axes.is_none() && kw.axis.is_none() && kw.keepdims.is_none() {
        None
    } else {
        gufunc_axes(uf, &ops, &outs, kw)?
    };
    if let Some(r) = &remap {
        for (i, op) in ops.iter_mut().enumerate() {
            if let Input::Array(a) = op {
                r.input(i, a)?;
            }
        }
    }
    let opts = CallOptions {
        casting: match &kw.casting {
            None => Casting::SameKind,
            Some(s) => Casting::parse(s).py()?,
        },
        order: crate::functions::parse_order(kw.order.as_deref(), Order::K)?,
        dtype: args::opt_dtype(kw.dtype.as_ref())?,
        signature: args::parse_signature(kw.signature.as_ref(), uf)?,
        where_: where_mask(kw.where_.as_ref())?,
        check_int_overflow: crate::errstate::int_overflow_checks(py),
        scalar_math: false,
    };
    let out_arrays: SmallVec<[Option<Array>; 2]> = outs
        .iter()
        .enumerate()
        .map(|(j, o)| match (o, &remap) {
            (None, _) => Ok(None),
            (Some((a, _)), None) => Ok(Some(a.clone())),
            (Some((a, _)), Some(r)) => r.given_output(j, a).map(Some),
        })
        .collect::<PyResult<_>>()?;
    let size: usize = ops
        .iter()
        .map(|i| match i {
            Input::Array(a) => a.size(),
            Input::Weak(_) | Input::WeakHugeInt(_) => 1,
        })
        .max()
        .unwrap_or(0);
    let itemsizes: usize = ops
        .iter()
        .map(|i| match i {
            Input::Array(a) => a.itemsize(),
            Input::Weak(_) | Input::WeakHugeInt(_) => 0,
        })
        .sum();
    let r = uf.resolve_call(&ops, &out_arrays, &opts).py()?;
    // A loop or cast that calls the interpreter keeps the GIL (no release and
    // re-acquisition per run): settled once per resolution (`Resolved::needs_api`).
    let work = if r.needs_api {
        0
    } else {
        size * (itemsizes + 8 * uf.nout())
    };
    let res =
        crate::exec::detach(py, work, || uf.call_resolved(&r, &ops, &out_arrays, &opts)).py()?;
    if res.fpe != 0 {
        crate::errstate::report(py, uf.name(), res.fpe)?;
    }
    let mut outputs = res.outputs;
    if let Some(r) = &remap {
        for (j, o) in outputs.iter_mut().enumerate() {
            if outs.get(j).is_none_or(Option::is_none) {
                r.result(j, o)?;
            }
        }
    }
    if nout == 1 {
        let arr = outputs.into_iter().next().expect("one output");
        let out_obj = outs.first().and_then(|o| o.as_ref()).map(|(_, obj)| obj);
        return wrap_result(py, arr, out_obj, all_scalars);
    }
    let mut results = Vec::with_capacity(nout);
    for (j, arr) in outputs.into_iter().enumerate() {
        let out_obj = outs.get(j).and_then(|o| o.as_ref()).map(|(_, obj)| obj);
        results.push(wrap_result(py, arr, out_obj, all_scalars)?);
    }
    {
        Ok(PyTuple::new(py, results)?.into_any().unbind())
    }
}

/// The `axes=`/`axis=`/`keepdims=` keywords: `TypeError` for ufuncs without a core
/// signature (NumPy rejects them as unexpected keywords), else the remapping to apply.
#[inline(never)]
fn gufunc_axes(
    uf: &Ufunc,
    ops: &[Input],
    outs: &[args::OutArg],
    kw: &Kw<'_>,
) -> PyResult<Option<axes::Remap>> {
    let given = [
        ("axes", kw.axes.as_ref()),
        ("axis", kw.axis.as_ref()),
        ("keepdims", kw.keepdims.as_ref()),
    ];
    if given.iter().all(|(_, v)| v.is_none()) {
        return Ok(None);
    }
    let Some(sig) = uf.core_signature() else {
        let (key, _) = given
            .iter()
            .find(|(_, v)| v.is_some())
            .expect("one is given");
        return Err(PyTypeError::new_err(format!(
            "{}() got an unexpected keyword argument '{key}'",
            uf.name()
        )));
    };
    if kw.axes.is_some() && kw.axis.is_some() {
        return Err(PyTypeError::new_err(
            "cannot specify both 'axis' and 'axes'",
        ));
    }
    let mut ndims: SmallVec<[Option<usize>; 4]> = ops
        .iter()
        .map(|i| match i {
            Input::Array(a) => Some(a.ndim()),
            Input::Weak(_) | Input::WeakHugeInt(_) => Some(0),
        })
        .collect();
    for j in 0..uf.nout() {
        ndims.push(outs.get(j).and_then(|o| o.as_ref()).map(|(a, _)| a.ndim()));
    }
    axes::parse(
        uf.name(),
        sig,
        &ndims,
        kw.axes.as_ref(),
        kw.axis.as_ref(),
        kw.keepdims.as_ref(),
    )
}

/// Call `uf` for an operator: `args` are the inputs, `out` the in-place target.
pub fn call_ufunc(
    py: Python<'_>,
    uf: &Arc<Ufunc>,
    args: &[&Bound<'_, PyAny>],
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    if let Some(r) = call_direct(py, uf, args, out)? {
        return Ok(r);
    }
    let owned: Vec<Bound<'_, PyAny>> = args.iter().map(|a| (*a).clone()).collect();
    let mut kw = Kw::none();
    kw.out = out.cloned();
    call_with(py, uf, &owned, &kw)
}

fn identity_obj(py: Python<'_>, id: Identity) -> PyResult<Py<PyAny>> {
    match id {
        Identity::None | Identity::ReorderableNone => Ok(py.None()),
        Identity::Value(v) => scalar_to_py(py, v),
    }
}

fn doc_text(uf: &Ufunc) -> String {
    let ins: Vec<String> = if uf.nin() == 1 {
        vec!["x".to_string()]
    } else {
        (1..=uf.nin()).map(|i| format!("x{i}")).collect()
    };
    let out = if uf.nout() == 1 {
        "out=None".to_string()
    } else {
        let outs: Vec<&str> = (0..uf.nout()).map(|_| "None").collect();
        format!("out=({})", outs.join(", "))
    };
    let sig = if uf.signature().is_some() {
        ", axes, axis"
    } else {
        ""
    };
    format!(
        "{}({}, /, {out}, *, where=True, casting='same_kind', order='K', dtype=None, subok=True[, signature{sig}])\n\n{}",
        uf.name(),
        ins.join(", "),
        uf.doc()
    )
}

/// Loop dtypes from `"dd->d"` or a sequence of `nin + nout` dtype-likes.
fn loop_types(
    types: &Bound<'_, PyAny>,
    nin: usize,
    nout: usize,
) -> PyResult<Vec<oxarray_core::DType>> {
    if let Ok(s) = types.extract::<String>() {
        return parse_signature(&s, nin, nout);
    }
    let v: Vec<Bound<'_, PyAny>> = types.try_iter()?.collect::<PyResult<_>>()?;
    if v.len() != nin + nout {
        return Err(PyTypeError::new_err(format!(
            "a loop of a ufunc with {nin} input(s) and {nout} output(s) needs {} dtypes, got {}",
            nin + nout,
            v.len()
        )));
    }
    v.iter()
        .map(|t| crate::dtype::to_dtype(t).map(|d| d.to_native()))
        .collect()
}

/// A ufunc's identity from Python: `None`, a bool, an int or a float.
fn identity_from_py(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Identity> {
    use oxarray_core::Scalar;
    let Some(o) = obj.filter(|o| !o.is_none()) else {
        return Ok(Identity::None);
    };
    let v = if o.is_instance_of::<pyo3::types::PyBool>() {
        Scalar::Bool(o.extract()?)
    } else if o.is_instance_of::<pyo3::types::PyInt>() {
        Scalar::Int(o.extract()?)
    } else if o.is_instance_of::<pyo3::types::PyFloat>() {
        Scalar::Float(o.extract()?)
    } else {
        return Err(PyTypeError::new_err(format!(
            "identity must be None, a bool, an int or a float, not '{}'",
            o.get_type().name()?
        )));
    };
    Ok(Identity::Value(v))
}

#[pymethods]
impl PyUfunc {
    // A new ufunc from loops (see `pyloops`): `loops` maps a loop signature (`"dd->d"` or
    // a tuple of `nin + nout` dtypes) to a Python callable or a C function pointer. Loops
    // are tried in order: the first whose inputs every operand casts to safely runs
    // (NumPy's linear search, with NEP 50 weak Python scalars). `select(*operands)`, when
    // given, is consulted first (see `pyloops::select_fn`). Plain comments and no text
    // signature: either would become the class docstring, which shadows the per-ufunc
    // `__doc__` getter.
    #[new]
    #[pyo3(signature = (name, nin, nout, loops, *, identity=None, select=None, signature=None, doc=None), text_signature = None)]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        name: String,
        nin: usize,
        nout: usize,
        loops: &Bound<'_, PyDict>,
        identity: Option<Bound<'_, PyAny>>,
        select: Option<Bound<'_, PyAny>>,
        signature: Option<String>,
        doc: Option<String>,
    ) -> PyResult<Self> {
        let core = match &signature {
            Some(s) => {
                let c = oxarray_core::ufunc::gufunc::CoreSignature::parse(s).py()?;
                if c.dims.iter().any(|d| d.flexible) {
                    return Err(pyo3::exceptions::PyValueError::new_err(format!(
                        "signature {s:?}: flexible (?) core dimensions are for built-in ufuncs only"
                    )));
                }
                Some(c)
            }
            None => None,
        };
        if nout == 0 {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "a ufunc needs at least one output",
            ));
        }
        let mut entries = Vec::with_capacity(loops.len());
        for (k, f) in loops.iter() {
            let types = loop_types(&k, nin, nout)?;
            if entries
                .iter()
                .any(|e: &oxarray_core::ufunc::loops::LoopEntry| e.types == types)
            {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "two loops of ufunc '{name}' have the dtypes {k}"
                )));
            }
            entries.push(pyloops::loop_entry(
                &name,
                types,
                nin,
                core.as_ref(),
                &f,
                0,
                false,
            )?);
        }
        let def = UfuncDef {
            name: Box::leak(name.into_boxed_str()),
            nin,
            nout,
            identity: identity_from_py(identity.as_ref())?,
            signature: signature.map(|s| &*Box::leak(s.into_boxed_str())),
            resolver: ResolverHint::Default,
            doc: Box::leak(doc.unwrap_or_default().into_boxed_str()),
            loops: entries,
        };
        let mut uf = Ufunc::new(def).py()?;
        if let Some(sel) = select.filter(|s| !s.is_none()) {
            if !sel.is_callable() {
                return Err(PyTypeError::new_err("select must be callable"));
            }
            uf = uf.with_select(pyloops::select_fn(sel.unbind(), nin, nout));
        }
        Ok(PyUfunc::new(Arc::new(uf)))
    }

    /// Add a loop for the dtypes `types` (`"dd->d"` or a tuple of `nin + nout` dtypes):
    /// `func` is a Python callable over 1-d runs or a C function pointer of NumPy's loop
    /// signature (`data` is its `void *data` argument). `ValueError` when a loop with these
    /// dtypes exists. Also `register_loop(inputs, outputs, func)`: the input dtypes, then
    /// the output dtype (or a tuple of them). A Python loop always runs with the GIL held;
    /// `needs_api=True` says the same of a C loop (one that calls the Python C API
    /// without taking the GIL itself).
    #[pyo3(signature = (types, func, loop_func=None, *, data=0, needs_api=false))]
    fn register_loop(
        &self,
        types: &Bound<'_, PyAny>,
        func: &Bound<'_, PyAny>,
        loop_func: Option<&Bound<'_, PyAny>>,
        data: usize,
        needs_api: bool,
    ) -> PyResult<()> {
        let uf = &self.inner;
        let (dts, func) = match loop_func {
            None => (loop_types(types, uf.nin(), uf.nout())?, func),
            Some(f) => {
                fn one<'py>(t: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyAny>>> {
                    if t.is_instance_of::<PyTuple>() || t.is_instance_of::<PyList>() {
                        t.try_iter()?.collect()
                    } else {
                        Ok(vec![t.clone()])
                    }
                }
                let all: Vec<Bound<'_, PyAny>> =
                    one(types)?.into_iter().chain(one(func)?).collect();
                (
                    loop_types(
                        &PyTuple::new(types.py(), all)?.into_any(),
                        uf.nin(),
                        uf.nout(),
                    )?,
                    f,
                )
            }
        };
        let e = pyloops::loop_entry(
            uf.name(),
            dts,
            uf.nin(),
            uf.core_signature(),
            func,
            data,
            needs_api,
        )?;
        uf.register_loop(e).py()
    }

    /// Register a promoter, consulted when no loop matches the operands' dtypes exactly
    /// (NumPy's `PyUFunc_AddPromoter`). `pattern` has one entry per input (or per input
    /// and output): `None` matches anything, `int`/`float`/`complex` a Python scalar of
    /// that type, any other dtype-like an operand of that dtype. `func(ufunc, dtypes)`
    /// gets one entry per operand (the dtype, or `int`/`float`/`complex` for a Python
    /// scalar; `None` for an output to allocate) and returns the dtypes to look for a loop
    /// with (the inputs, optionally the outputs), or `None` to let the built-in rules
    /// decide. The most specific matching promoter is used; `ValueError` when one with
    /// the same pattern exists.
    fn register_promoter(
        slf: &Bound<'_, Self>,
        pattern: &Bound<'_, PyAny>,
        func: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        if !func.is_callable() {
            return Err(PyTypeError::new_err(format!(
                "a promoter must be callable, not '{}'",
                func.get_type().name()?
            )));
        }
        if pattern.is_instance_of::<pyo3::types::PyString>() {
            return Err(PyTypeError::new_err(
                "a promoter's pattern is a tuple of dtypes, Python scalar types or None",
            ));
        }
        let items = pattern
            .try_iter()
            .map_err(|_| {
                PyTypeError::new_err(
                    "a promoter's pattern is a tuple of dtypes, Python scalar types or None",
                )
            })?
            .map(|t| t.and_then(|t| pyloops::pattern_item(&t)))
            .collect::<PyResult<Vec<_>>>()?;
        let uf = &slf.get().inner;
        let f = pyloops::promoter_fn(slf.clone().into_any().unbind(), func.clone().unbind());
        uf.register_promoter(items, f).py()
    }

    /// Call the ufunc.
    #[pyo3(signature = (*args, out=None, r#where=None, axes=None, axis=None, keepdims=None, casting=None, order=None, dtype=None, signature=None, subok=true))]
    fn __call__(
        &self,
        py: Python<'_>,
        args: &Bound<'_, PyTuple>,
        out: Option<Bound<'_, PyAny>>,
        r#where: Option<Bound<'_, PyAny>>,
        axes: Option<Bound<'_, PyAny>>,
        axis: Option<Bound<'_, PyAny>>,
        keepdims: Option<Bound<'_, PyAny>>,
        casting: Option<String>,
        order: Option<String>,
        dtype: Option<Bound<'_, PyAny>>,
        signature: Option<Bound<'_, PyAny>>,
        subok: bool,
    ) -> PyResult<Py<PyAny>> {
        let _ = subok;
        if r#where.is_none()
            && axes.is_none()
            && axis.is_none()
            && keepdims.is_none()
            && casting.is_none()
            && order.is_none()
            && dtype.is_none()
            && signature.is_none()
            && args.len() <= 3
        {
            let mut items: SmallVec<[Bound<'_, PyAny>; 3]> = SmallVec::new();
            for a in args.iter() {
                items.push(a);
            }
            let refs: SmallVec<[&Bound<'_, PyAny>; 3]> = items.iter().collect();
            if refs.len() == self.inner.nin() {
                if let Some(r) = call_direct(py, &self.inner, &refs, out.as_ref())? {
                    return Ok(r);
                }
            }
        }
        let items: Vec<Bound<'_, PyAny>> = args.iter().collect();
        let kw = Kw {
            out,
            where_: r#where,
            casting,
            order,
            dtype,
            signature,
            axes,
            axis,
            keepdims,
        };
        call_with(py, &self.inner, &items, &kw)
    }

    fn __repr__(&self) -> String {
        format!("<ufunc '{}'>", self.inner.name())
    }

    /// The name.
    #[getter]
    fn __name__(&self) -> &str {
        self.inner.name()
    }
    /// NumPy's `__qualname__`.
    #[getter]
    fn __qualname__(&self) -> &str {
        self.inner.name()
    }
    /// The docstring: the call signature, then the description.
    #[getter]
    fn __doc__(&self) -> String {
        doc_text(&self.inner)
    }
    /// Number of inputs.
    #[getter]
    fn nin(&self) -> usize {
        self.inner.nin()
    }
    /// Number of outputs.
    #[getter]
    fn nout(&self) -> usize {
        self.inner.nout()
    }
    /// Number of arguments (`nin + nout`).
    #[getter]
    fn nargs(&self) -> usize {
        self.inner.nargs()
    }
    /// Number of loops.
    #[getter]
    fn ntypes(&self) -> usize {
        self.inner.types().len()
    }
    /// The loops as `"dd->d"` strings, in search order.
    #[getter]
    fn types<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.inner.types())
    }
    /// The identity of reductions (`None` when there is none).
    #[getter]
    fn identity(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        identity_obj(py, self.inner.identity())
    }
    /// The core signature of a generalized ufunc, else `None`.
    #[getter]
    fn signature(&self) -> Option<String> {
        self.inner.signature().map(|s| s.to_string())
    }

    /// The dtypes a call with these operand dtypes would use (NumPy's `resolve_dtypes`):
    /// a tuple of `nargs` dtypes, Python scalar types (`int`, `float`, `complex`) for weak
    /// scalars, `None` for outputs to allocate.
    #[pyo3(signature = (dtypes, *, signature=None, casting=None, reduction=false))]
    fn resolve_dtypes<'py>(
        &self,
        py: Python<'py>,
        dtypes: &Bound<'py, PyTuple>,
        signature: Option<Bound<'py, PyAny>>,
        casting: Option<String>,
        reduction: bool,
    ) -> PyResult<Bound<'py, PyTuple>> {
        methods::resolve_dtypes(
            py,
            &self.inner,
            dtypes,
            signature.as_ref(),
            casting.as_deref(),
            reduction,
        )
    }

    /// Replace the inner loop for the dtypes `types` (`"dd->d"`) by `source`'s: another
    /// ufunc's loop for the same dtypes, or a loop returned by an earlier call. Returns the
    /// loop it replaced, to restore it later (the run-time loop replacement of the Rust
    /// API, `Ufunc::replace_signed_loop`, reachable from Python for demos and tests).
    ///
    /// The loop must have been written for this ufunc's numbers of inputs and outputs and
    /// for exactly these dtypes (`TypeError` otherwise): `types` must split as this ufunc's
    /// `nin`/`nout`, and the source's loop carries its own arity.
    fn _replace_loop(&self, types: &str, source: &Bound<'_, PyAny>) -> PyResult<InnerLoop> {
        let dts = parse_signature(types, self.inner.nin(), self.inner.nout())?;
        let new = if let Ok(h) = source.cast::<InnerLoop>() {
            let l = h.get().signed.clone();
            if l.entry.types != dts {
                return Err(PyTypeError::new_err(format!(
                    "the loop is for {}, not {types}",
                    l.entry.type_string(l.nin)
                )));
            }
            l
        } else if let Ok(u) = source.cast::<PyUfunc>() {
            let src = &u.get().inner;
            if src.nin() != self.inner.nin() || src.nout() != self.inner.nout() {
                return Err(PyTypeError::new_err(format!(
                    "ufunc '{}' ({} inputs, {} outputs) has no loop that fits ufunc '{}' ({} inputs, {} outputs)",
                    src.name(),
                    src.nin(),
                    src.nout(),
                    self.inner.name(),
                    self.inner.nin(),
                    self.inner.nout()
                )));
            }
            src.signed_loop_for(&dts).ok_or_else(|| {
                PyTypeError::new_err(format!("ufunc '{}' has no loop {types}", src.name()))
            })?
        } else {
            return Err(PyTypeError::new_err(
                "source must be a ufunc or a loop from _replace_loop",
            ));
        };
        let old = self.inner.replace_signed_loop(new).py()?;
        Ok(InnerLoop { signed: old })
    }

    /// Reduce along `axis` (NumPy's `ufunc.reduce`).
    #[pyo3(signature = (array, axis=PyAxis::Axes(vec![0]), dtype=None, out=None, keepdims=false, initial=None, r#where=None))]
    fn reduce(
        &self,
        py: Python<'_>,
        array: &Bound<'_, PyAny>,
        axis: PyAxis,
        dtype: Option<Bound<'_, PyAny>>,
        out: Option<Bound<'_, PyAny>>,
        keepdims: bool,
        initial: Option<Bound<'_, PyAny>>,
        r#where: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        methods::reduce(
            py,
            &self.inner,
            array,
            axis,
            dtype,
            out,
            keepdims,
            initial,
            r#where,
        )
    }

    /// Accumulate along `axis` (NumPy's `ufunc.accumulate`).
    #[pyo3(signature = (array, axis=0, dtype=None, out=None))]
    fn accumulate(
        &self,
        py: Python<'_>,
        array: &Bound<'_, PyAny>,
        axis: isize,
        dtype: Option<Bound<'_, PyAny>>,
        out: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        methods::accumulate(py, &self.inner, array, axis, dtype, out)
    }

    /// Reduce over slices given by `indices` along `axis` (NumPy's `ufunc.reduceat`).
    #[pyo3(signature = (array, indices, axis=0, dtype=None, out=None))]
    fn reduceat(
        &self,
        py: Python<'_>,
        array: &Bound<'_, PyAny>,
        indices: &Bound<'_, PyAny>,
        axis: isize,
        dtype: Option<Bound<'_, PyAny>>,
        out: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        methods::reduceat(py, &self.inner, array, indices, axis, dtype, out)
    }

    /// Apply to all pairs `(a[i...], b[j...])` (NumPy's `ufunc.outer`).
    #[pyo3(signature = (A, B, /, **kwargs))]
    #[allow(non_snake_case)]
    fn outer(
        &self,
        py: Python<'_>,
        A: &Bound<'_, PyAny>,
        B: &Bound<'_, PyAny>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        methods::outer(py, &self.inner, A, B, kwargs)
    }

    /// Unbuffered in-place operation on `a[indices]` (NumPy's `ufunc.at`).
    #[pyo3(signature = (a, indices, b=None, /))]
    fn at(
        &self,
        py: Python<'_>,
        a: &Bound<'_, PyAny>,
        indices: &Bound<'_, PyAny>,
        b: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        methods::at(py, &self.inner, a, indices, b.as_ref())
    }
}

/// An inner loop taken out by `ufunc._replace_loop` (opaque; pass it back to restore).
#[pyclass(name = "_InnerLoop", module = "oxarray", frozen)]
pub struct InnerLoop {
    signed: oxarray_core::ufunc::loops::SignedLoop,
}

/// A `"dd->d"` loop signature for a ufunc of `nin` inputs and `nout` outputs: the arrow is
/// required and must split the dtypes as the ufunc does (`TypeError` otherwise).
fn parse_signature(types: &str, nin: usize, nout: usize) -> PyResult<Vec<oxarray_core::DType>> {
    let Some((ins, outs)) = types.split_once("->") else {
        return Err(PyTypeError::new_err(format!(
            "loop signature {types:?} needs '->' between inputs and outputs"
        )));
    };
    let (ins, outs) = (parse_types(ins)?, parse_types(outs)?);
    if ins.len() != nin || outs.len() != nout {
        return Err(PyTypeError::new_err(format!(
            "loop signature {types:?} has {} input(s) and {} output(s); the ufunc takes {nin} and {nout}",
            ins.len(),
            outs.len()
        )));
    }
    Ok(ins.into_iter().chain(outs).collect())
}

fn parse_types(types: &str) -> PyResult<Vec<oxarray_core::DType>> {
    types
        .chars()
        .filter(|c| !matches!(c, '-' | '>' | ' ' | ','))
        .map(|c| {
            oxarray_core::DType::parse(&c.to_string())
                .map_err(|_| PyTypeError::new_err(format!("data type '{c}' not understood")))
        })
        .collect()
}

/// An `axis=` argument of `reduce`: an int, a tuple of ints, or `None` (all axes).
pub enum PyAxis {
    /// `None`: every axis.
    All,
    /// The listed axes.
    Axes(Vec<isize>),
}

impl<'py> FromPyObject<'_, 'py> for PyAxis {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_none() {
            return Ok(PyAxis::All);
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            let v = t
                .iter()
                .map(|x| x.extract::<isize>())
                .collect::<PyResult<Vec<_>>>()?;
            return Ok(PyAxis::Axes(v));
        }
        match obj.extract::<isize>() {
            Ok(i) => Ok(PyAxis::Axes(vec![i])),
            Err(_) => Err(PyTypeError::new_err(format!(
                "'{}' object cannot be interpreted as an integer",
                obj.get_type().name()?
            ))),
        }
    }
}

/// Register the class and every built-in (and alias) on the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyUfunc>()?;
    m.add_class::<InnerLoop>()?;
    let mut names: Vec<String> = Vec::new();
    for (name, u) in builtins() {
        m.add(name.as_str(), Py::new(py, PyUfunc::new((*u).clone()))?)?;
        names.push(name.clone());
    }
    for (alias, target) in ALIASES {
        if m.hasattr(*alias)? {
            continue;
        }
        if let Some(u) = builtins().get(*target) {
            m.add(*alias, Py::new(py, PyUfunc::new((*u).clone()))?)?;
            names.push(alias.to_string());
        }
    }
    names.sort();
    m.add("_ufunc_names", PyTuple::new(py, names)?)?;
    vectorcall::install(py)
}
