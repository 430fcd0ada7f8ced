//! Inner loops of the built-in ufuncs, one folder per operation family.
//!
//! How the definitions are put together:
//! 1. `table.rs` (generated from NumPy by `tools/gen_ufunc_table.py`) lists every ufunc with
//!    its metadata and NumPy's loop order as `types` strings (`"dd->d"`).
//! 2. Each family registers its loops into a [`Registry`] keyed by `(name, types)`.
//! 3. [`builtin_ufuncs`] walks the table and takes each loop from the registry, so the order
//!    is NumPy's and a loop missing from a family is caught by a test
//!    (`every_table_loop_is_implemented`).

pub(crate) mod builders;
pub(crate) mod cast;
pub(crate) mod complex;
pub(crate) mod num;
mod table;

pub mod arithmetic;
pub mod bitwise;
pub mod compare;
pub mod exp_log;
pub mod float_classify;
pub mod float_misc;
pub mod gather;
pub mod integer;
pub mod logical;
pub mod matmul;
pub mod minmax;
pub mod rounding;
pub mod simd;
pub mod sort;
pub mod store;
pub mod strings;
pub mod trig;

use std::collections::HashMap;

use crate::dtype::{Builtin, DType};
use crate::ufunc::loops::{LoopEntry, LoopFn, ReduceFn, RowsFn, UfuncDef};

/// Loops by `(ufunc name, NumPy types string)`.
#[derive(Default)]
pub(crate) struct Registry {
    map: HashMap<(&'static str, &'static str), LoopFn>,
    reduce: HashMap<(&'static str, &'static str), ReduceFn>,
    rows: HashMap<(&'static str, &'static str), RowsFn>,
    /// Ufuncs whose built-in loops all write every output element.
    writes_all: Vec<&'static str>,
}

impl Registry {
    /// Register `f` as the loop of `name` for `types` (e.g. `"dd->d"`).
    pub(crate) fn add(&mut self, name: &'static str, types: &'static str, f: LoopFn) {
        self.map.insert((name, types), f);
    }
    /// Register `f` as the reduce variant of that loop.
    pub(crate) fn add_reduce(&mut self, name: &'static str, types: &'static str, f: ReduceFn) {
        self.reduce.insert((name, types), f);
    }
    /// Register `f` as the rows variant of that loop.
    pub(crate) fn add_rows(&mut self, name: &'static str, types: &'static str, f: RowsFn) {
        self.rows.insert((name, types), f);
    }
    /// Declare that every loop registered for `name` writes every output element (see
    /// [`LoopEntry::writes_all`]).
    pub(crate) fn writes_all(&mut self, name: &'static str) {
        self.writes_all.push(name);
    }
    fn get(&self, name: &str, types: &str) -> Option<LoopFn> {
        self.map.get(&(name, types)).copied()
    }
}

fn registry() -> Registry {
    let mut r = Registry::default();
    arithmetic::register(&mut r);
    exp_log::register(&mut r);
    trig::register(&mut r);
    compare::register(&mut r);
    logical::register(&mut r);
    bitwise::register(&mut r);
    minmax::register(&mut r);
    rounding::register(&mut r);
    float_classify::register(&mut r);
    float_misc::register(&mut r);
    integer::register(&mut r);
    matmul::register(&mut r);
    r
}

/// The dtype of a NumPy type character (`l`/`q` are both int64 here, `L`/`Q` uint64).
fn dtype_of(c: char) -> DType {
    let b = match c {
        '?' => Builtin::Bool,
        'b' => Builtin::Int8,
        'h' => Builtin::Int16,
        'i' => Builtin::Int32,
        'l' | 'q' => Builtin::Int64,
        'B' => Builtin::UInt8,
        'H' => Builtin::UInt16,
        'I' => Builtin::UInt32,
        'L' | 'Q' => Builtin::UInt64,
        'e' => Builtin::Float16,
        'f' => Builtin::Float32,
        'd' => Builtin::Float64,
        'F' => Builtin::Complex64,
        'D' => Builtin::Complex128,
        _ => unreachable!("type character {c:?} is not in the generated table"),
    };
    b.dtype()
}

/// The operand dtypes of a types string such as `"dd->d"`.
fn parse_types(types: &str) -> Vec<DType> {
    types
        .chars()
        .filter(|c| *c != '-' && *c != '>')
        .map(dtype_of)
        .collect()
}

/// Loops of the table that no family implements, as `(name, types)` (empty when complete).
pub fn missing_loops() -> Vec<(&'static str, &'static str)> {
    let r = registry();
    let mut out = Vec::new();
    for spec in table::SPECS {
        for t in spec.types {
            if r.get(spec.name, t).is_none() {
                out.push((spec.name, *t));
            }
        }
    }
    out
}

/// Every built-in ufunc with its loops, in NumPy's `types` order.
pub fn builtin_ufuncs() -> Vec<UfuncDef> {
    let r = registry();
    table::SPECS
        .iter()
        .map(|spec| UfuncDef {
            name: spec.name,
            nin: spec.nin,
            nout: spec.nout,
            identity: spec.identity,
            signature: spec.signature,
            resolver: spec.resolver,
            doc: spec.doc,
            loops: spec
                .types
                .iter()
                .filter_map(|t| {
                    r.get(spec.name, t).map(|f| {
                        LoopEntry::new(parse_types(t), f)
                            .with_reduce(r.reduce.get(&(spec.name, *t)).copied())
                            .with_rows(r.rows.get(&(spec.name, *t)).copied())
                            .with_writes_all(r.writes_all.contains(&spec.name))
                    })
                })
                .collect(),
        })
        .collect()
}

/// The loop of ufunc `name` for NumPy types string `types` (`"dd->d"`), for tests and
/// benchmarks that call loops directly.
pub fn find_loop(name: &str, types: &str) -> Option<LoopFn> {
    let r = registry();
    r.get(name, types)
}

/// Invoke `$m!(rust_type, "numpy_char")` for every integer type.
macro_rules! each_int {
    ($m:ident) => {
        $m!(i8, "b");
        $m!(i16, "h");
        $m!(i32, "i");
        $m!(i64, "l");
        $m!(u8, "B");
        $m!(u16, "H");
        $m!(u32, "I");
        $m!(u64, "L");
    };
}

/// Invoke `$m!(rust_type, "numpy_char")` for float32 and float64.
macro_rules! each_flt {
    ($m:ident) => {
        $m!(f32, "f");
        $m!(f64, "d");
    };
}

/// Invoke `$m!(rust_type, "numpy_char")` for complex64 and complex128.
macro_rules! each_cplx {
    ($m:ident) => {
        $m!(num_complex::Complex<f32>, "F");
        $m!(num_complex::Complex<f64>, "D");
    };
}

/// A generic loop that picks the overflow-checking element function when
/// `ctx.modes.check_int_overflow` is set.
macro_rules! checked_binary {
    ($fname:ident, $plain:ident, $checked:ident) => {
        /// # Safety
        /// The `LoopFn` contract.
        pub(crate) unsafe fn $fname<T: $crate::kernels::num::Int>(
            ctx: &$crate::ufunc::loops::LoopContext<'_>,
            ptrs: &[*mut u8],
            len: usize,
            strides: &[isize],
        ) -> $crate::ufunc::loops::LoopResult {
            use $crate::kernels::builders::binary;
            // SAFETY: forwarded from the caller.
            unsafe {
                if ctx.modes.check_int_overflow {
                    binary::<T, T, T, $checked>(ctx, ptrs, len, strides)
                } else {
                    binary::<T, T, T, $plain>(ctx, ptrs, len, strides)
                }
            }
        }
    };
}

/// Unary version of [`checked_binary`].
macro_rules! checked_unary {
    ($fname:ident, $plain:ident, $checked:ident) => {
        /// # Safety
        /// The `LoopFn` contract.
        pub(crate) unsafe fn $fname<T: $crate::kernels::num::Int>(
            ctx: &$crate::ufunc::loops::LoopContext<'_>,
            ptrs: &[*mut u8],
            len: usize,
            strides: &[isize],
        ) -> $crate::ufunc::loops::LoopResult {
            use $crate::kernels::builders::unary;
            // SAFETY: forwarded from the caller.
            unsafe {
                if ctx.modes.check_int_overflow {
                    unary::<T, T, $checked>(ctx, ptrs, len, strides)
                } else {
                    unary::<T, T, $plain>(ctx, ptrs, len, strides)
                }
            }
        }
    };
}
pub(crate) use {checked_binary, checked_unary, each_cplx, each_flt, each_int};
