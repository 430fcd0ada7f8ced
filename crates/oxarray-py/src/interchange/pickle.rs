//! Pickling arrays: `__reduce_ex__`.
//!
//! * Protocol 5, C- or Fortran-contiguous array: the data travel as a `pickle.PickleBuffer`
//!   of the array itself, so with a `buffer_callback` they go out of band (no copy at all),
//!   and in band they are written straight from our memory. Unpickling views the buffer it
//!   is given (`oxarray._pickle._reconstruct`), as NumPy's `_frombuffer` does.
//! * Protocol 5, an axis permutation of a contiguous block (NumPy 2 does the same): the
//!   block out of band, plus the axis order that restores the strides.
//! * Older protocols, or another non-contiguous layout (as in NumPy): the bytes in C order (or
//!   Fortran order for Fortran-contiguous arrays) in band, and unpickling copies them into
//!   a fresh writeable array (`_reconstruct_copy`).
//!
//! The dtype is pickled as itself (dtypes and scalars have their own `__reduce__`).
//!
//! Every pickle calls `oxarray._pickle._unpickle(header, kind, *args)`, `header` being
//! `(format, oxarray version)`: a reader refuses a format it does not know with an error
//! naming both versions, instead of misreading the arguments (see `_pickle.py`).

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use pyo3::IntoPyObjectExt;

use oxarray_core::{iter, ops, Order};

use crate::dtype::dtype_to_py;
use crate::errors::CoreResultExt;
use crate::ndarray::PyArray;

#[pymethods]
impl PyArray {
    fn __reduce_ex__<'py>(
        slf: &Bound<'py, Self>,
        protocol: i64,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let a = slf.borrow().arr.clone();
        let helpers = py.import("oxarray._pickle")?;
        let unpickle = helpers.getattr("_unpickle")?;
        let header = helpers.getattr("_HEADER")?;
        let dt = dtype_to_py(py, a.dtype())?;
        let shape = PyTuple::new(py, a.shape())?;
        let (c, f) = (a.is_c_contiguous(), a.is_f_contiguous());
        if crate::vstring::is_vstring(a.dtype()) {
            // Strings in band (NumPy's StringDType pickles its items too).
            let items = slf.call_method0("ravel")?.call_method0("tolist")?;
            let args = PyTuple::new(
                py,
                [items, shape.into_any(), dt.bind(py).clone().into_any()],
            )?;
            return Ok((helpers.getattr("_unpickle_items")?, args));
        }
        if crate::object::is_object(a.dtype()) {
            // Objects are pickled themselves (in band, as NumPy's object arrays): the
            // items in C order and the shape.
            let items = slf.call_method0("ravel")?.call_method0("tolist")?;
            let args = PyTuple::new(py, [items, shape.into_any()])?;
            return Ok((helpers.getattr("_unpickle_objects")?, args));
        }
        // A dtype written in Python has no buffer format: its bytes go in band.
        let protocol = if crate::pydtype::is_py_dtype(a.dtype()) {
            protocol.min(4)
        } else {
            protocol
        };
        if protocol >= 5 && (c || f) {
            let order = if c { "C" } else { "F" };
            // The buffer handed out is always C-contiguous (for a Fortran-ordered array, its
            // transpose: the same memory), so that consumers that take the out-of-band
            // buffers as plain bytes (`memoryview.cast("B")`, `b"".join`, sockets, as
            // dask.distributed's TCP comm does) accept it. An empty array hands out an
            // empty bytearray: its own zero strides would look non-contiguous to them.
            let target = if a.size() == 0 {
                pyo3::types::PyByteArray::new(py, &[]).into_any()
            } else if c {
                slf.clone().into_any()
            } else {
                slf.getattr("T")?
            };
            let pb = py
                .import("pickle")?
                .getattr("PickleBuffer")?
                .call1((target,))?;
            let args = (header, "view", pb, dt, shape, order).into_pyobject(py)?;
            return Ok((unpickle, args));
        }
        if protocol >= 5 {
            // A transposition of a C-contiguous block (NumPy 2 does this too): the block
            // goes out of band and the axis order restores the layout on loading.
            let mut perm: Vec<usize> = (0..a.ndim()).collect();
            perm.sort_by_key(|&k| std::cmp::Reverse(a.strides()[k].unsigned_abs()));
            let t = ops::permute_dims(&a, &perm).py()?;
            if t.is_c_contiguous() {
                let mut inv = vec![0usize; perm.len()];
                for (i, &p) in perm.iter().enumerate() {
                    inv[p] = i;
                }
                let tv = crate::ndarray::wrap_view(slf, t.clone())?;
                let pb = py.import("pickle")?.getattr("PickleBuffer")?.call1((tv,))?;
                let tshape = PyTuple::new(py, t.shape())?;
                let inv = PyTuple::new(py, inv)?;
                let args = (header, "view", pb, dt, tshape, "K", inv).into_pyobject(py)?;
                return Ok((unpickle, args));
            }
        }
        // In band, NumPy's pickles hold native-order data (a '>i4' array comes back as
        // '<i4' on little-endian machines); we do the same.
        let order = if f && !c { "F" } else { "C" };
        let native = a.dtype().to_native();
        let dt = dtype_to_py(py, native)?;
        let data = if native == a.dtype() {
            slf.call_method1("tobytes", (order,))?
        } else {
            let o = if order == "F" { Order::F } else { Order::C };
            let conv = iter::copy_as(&a, native, o).py()?;
            Bound::new(py, PyArray::from_array(conv))?.call_method1("tobytes", (order,))?
        };
        let args = PyTuple::new(
            py,
            [
                header,
                "copy".into_bound_py_any(py)?,
                data,
                dt.into_bound_py_any(py)?,
                shape.into_any(),
                order.into_bound_py_any(py)?,
            ],
        )?;
        Ok((unpickle, args))
    }
}
