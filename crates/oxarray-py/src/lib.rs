//! `oxarray._core`: the one extension module of oxarray.
//!
//! Everything Python sees is registered here; the work is done by `oxarray-core`.

mod args;
mod castwarn;
mod convert;
mod creation;
mod dtype;
mod errors;
pub mod errstate;
mod exec;
mod freelist;
mod functions;
mod interchange;
mod ndarray;
mod object;
mod printing;
mod pydtype;
mod registered;
mod scalar_arith;
mod scalarmath;
mod scalars;
mod slots;
mod strings;
mod threads;
mod typeslots;
pub mod ufunc;
mod vstring;

use pyo3::prelude::*;

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ndarray::PyArray>()?;
    ndarray::raw::install(m.py())?;
    m.add_class::<ndarray::PyFlags>()?;
    m.add_class::<dtype::PyDType>()?;
    scalars::register(m)?;
    registered::register(m)?;
    object::register(m)?;
    strings::register(m)?;
    vstring::register(m)?;
    pydtype::register(m)?;
    m.add_function(wrap_pyfunction!(functions::array, m)?)?;
    m.add_function(wrap_pyfunction!(functions::asarray, m)?)?;
    m.add_function(wrap_pyfunction!(functions::zeros, m)?)?;
    m.add_function(wrap_pyfunction!(functions::ones, m)?)?;
    m.add_function(wrap_pyfunction!(functions::empty, m)?)?;
    m.add_function(wrap_pyfunction!(functions::full, m)?)?;
    m.add_function(wrap_pyfunction!(functions::zeros_like, m)?)?;
    m.add_function(wrap_pyfunction!(functions::ones_like, m)?)?;
    m.add_function(wrap_pyfunction!(functions::empty_like, m)?)?;
    m.add_function(wrap_pyfunction!(functions::full_like, m)?)?;
    m.add_function(wrap_pyfunction!(functions::arange, m)?)?;
    m.add_function(wrap_pyfunction!(functions::linspace, m)?)?;
    m.add_function(wrap_pyfunction!(functions::eye, m)?)?;
    m.add_function(wrap_pyfunction!(functions::identity, m)?)?;
    m.add_function(wrap_pyfunction!(functions::can_cast, m)?)?;
    m.add_function(wrap_pyfunction!(functions::promote_types, m)?)?;
    m.add_function(wrap_pyfunction!(functions::result_type, m)?)?;
    m.add_function(wrap_pyfunction!(functions::broadcast_shapes, m)?)?;
    m.add_function(wrap_pyfunction!(functions::broadcast_to, m)?)?;
    m.add_function(wrap_pyfunction!(functions::broadcast_arrays, m)?)?;
    m.add_function(wrap_pyfunction!(functions::moveaxis, m)?)?;
    m.add_function(wrap_pyfunction!(functions::expand_dims, m)?)?;
    m.add_function(wrap_pyfunction!(functions::flip, m)?)?;
    m.add_function(wrap_pyfunction!(functions::permute_dims, m)?)?;
    m.add_function(wrap_pyfunction!(functions::ascontiguousarray, m)?)?;
    m.add_function(wrap_pyfunction!(functions::asfortranarray, m)?)?;
    m.add_function(wrap_pyfunction!(functions::copy, m)?)?;
    m.add_function(wrap_pyfunction!(functions::may_share_memory, m)?)?;
    m.add_function(wrap_pyfunction!(
        errstate::_errstate_enable_int_overflow,
        m
    )?)?;
    m.add_function(wrap_pyfunction!(errstate::_errstate_report, m)?)?;
    m.add_function(wrap_pyfunction!(
        errstate::_errstate_int_overflow_checks,
        m
    )?)?;
    functions::register_topics(m)?;
    ufunc::register(m)?;
    interchange::register(m)?;
    threads::register(m)?;
    printing::register(m)?;
    slots::install(m)?;
    ndarray::fastops::install(m.py())?;
    Ok(())
}
