//! # oxarray-core
//!
//! The array engine of oxarray, in pure Rust (no Python): typed N-dimensional views of
//! shared memory ([`Array`]), an open dtype system ([`dtype`]), strided iteration and
//! casting ([`iter`]), and operations ([`ops`]). See `shared/DESIGN.md` for the plan.

pub mod array;
pub mod dtype;
pub mod error;
pub mod exec;
pub mod fft;
pub mod io;
pub mod iter;
pub mod kernels;
pub mod layout;
pub mod linalg;
pub mod mlfloat;
pub mod ops;
pub mod random;
pub mod scalarmath;
pub mod storage;
pub mod strings;
pub mod ufunc;

pub use array::Array;
pub use dtype::{Builtin, DType, Scalar};
pub use error::{Error, ErrorKind, Result};
pub use layout::{Order, Shape, Strides};
pub use storage::Storage;
