//! Universal functions: the engine (dispatch, iteration, methods). See `loops` for the
//! contract with the inner loops in `crate::kernels`.

pub mod loops;
