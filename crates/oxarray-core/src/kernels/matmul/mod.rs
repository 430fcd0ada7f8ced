//! `matmul`, the generalized ufunc `(n?,k),(k,m?)->(n?,m?)`.
//!
//! The engine hands each loop iteration one block per operand; the core sizes come in
//! `ctx.core_dims` as `[n, k, m]` and the byte strides in `ctx.core_strides` as
//! `[a_n, a_k, b_k, b_m, c_n, c_m]` (a missing optional dimension has size 1, any stride).
//! float32/float64/complex blocks large enough to pay go to the `gemm` crate (runtime
//! SIMD dispatch, threads for big products); everything else, and strides that are not a
//! whole number of elements, use the portable triple loop in `scalar.rs`.

pub(crate) mod scalar;
mod vec;

use std::mem::size_of;

use half::f16;
use num_complex::Complex;

use self::scalar::{naive, Block, MatElem};
use super::Registry;
use crate::error::Error;
use crate::ufunc::loops::{LoopContext, LoopResult};

/// Below this many multiply-adds a block is done by the triple loop.
const GEMM_MIN_WORK: usize = 4096;
/// From this many multiply-adds on, gemm may use threads.
const GEMM_PARALLEL_WORK: usize = 1 << 24;

fn block(ctx: &LoopContext<'_>) -> Result<Block, Error> {
    let (d, s) = (ctx.core_dims, ctx.core_strides);
    if d.len() != 3 || s.len() != 6 {
        return Err(Error::value(format!(
            "matmul loop: expected 3 core dimensions and 6 core strides, got {} and {}",
            d.len(),
            s.len()
        )));
    }
    Ok(Block {
        n: d[0],
        k: d[1],
        m: d[2],
        a: (s[0], s[1]),
        b: (s[2], s[3]),
        c: (s[4], s[5]),
    })
}

/// Whether a value of type `T` can go through gemm: selected per type.
trait Gemm: MatElem {
    const USE_GEMM: bool;
    fn one() -> Self;
}
macro_rules! no_gemm {
    ($($t:ty),*) => {$(
        impl Gemm for $t {
            const USE_GEMM: bool = false;
            fn one() -> Self { unreachable!("not a gemm type") }
        }
    )*};
}
no_gemm!(bool, i8, i16, i32, i64, u8, u16, u32, u64, f16);
macro_rules! yes_gemm {
    ($($t:ty => $one:expr),*) => {$(
        impl Gemm for $t {
            const USE_GEMM: bool = true;
            fn one() -> Self { $one }
        }
    )*};
}
yes_gemm!(f32 => 1.0, f64 => 1.0, Complex<f32> => Complex::new(1.0, 0.0),
    Complex<f64> => Complex::new(1.0, 0.0));

/// The matmul loop for element type `T`.
///
/// # Safety
/// The `LoopFn` contract for a generalized ufunc with core dimensions `[n, k, m]`.
unsafe fn matmul<T: Gemm>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    let blk = block(ctx)?;
    let es = size_of::<T>() as isize;
    let whole = [blk.a, blk.b, blk.c]
        .iter()
        .all(|(x, y)| x % es == 0 && y % es == 0);
    let work = blk.n * blk.k * blk.m;
    for it in 0..len {
        let off = |i: usize| it as isize * strides[i];
        // SAFETY: loop iteration `it` of each operand points at a whole core block
        // (LoopFn contract).
        let (a, b, c) = unsafe {
            (
                ptrs[0].offset(off(0)),
                ptrs[1].offset(off(1)),
                ptrs[2].offset(off(2)),
            )
        };
        if T::USE_GEMM && whole && work >= GEMM_MIN_WORK {
            // SAFETY: the blocks are valid for the given sizes and element strides (the
            // byte strides are whole multiples of the element size, checked above); `c`
            // does not overlap `a` or `b` (the engine gives matmul a separate output).
            let call = |par: gemm::Parallelism| unsafe {
                gemm::gemm::<T>(
                    blk.n,
                    blk.m,
                    blk.k,
                    c as *mut T,
                    blk.c.1 / es,
                    blk.c.0 / es,
                    false,
                    a as *const T,
                    blk.a.1 / es,
                    blk.a.0 / es,
                    b as *const T,
                    blk.b.1 / es,
                    blk.b.0 / es,
                    T::one(),
                    T::one(),
                    false,
                    false,
                    false,
                    par,
                )
            };
            // Threads only through the execution policy: oxarray's pool, `num_threads()`.
            let threads = crate::exec::num_threads();
            if work >= GEMM_PARALLEL_WORK && threads > 1 {
                // The call's raw pointers stay valid while `install` waits for gemm, which
                // writes `c` from its own disjoint tiles.
                let shared = crate::iter::Shared(&call);
                crate::exec::install(|| (shared.get())(gemm::Parallelism::Rayon(threads)));
            } else {
                call(gemm::Parallelism::None);
            }
        } else {
            // SAFETY: as above.
            unsafe { naive::<T>(&blk, a, b, c) };
        }
    }
    Ok(())
}

pub(crate) fn register(r: &mut Registry) {
    r.add("matmul", "??->?", matmul::<bool>);
    r.add("matmul", "bb->b", matmul::<i8>);
    r.add("matmul", "BB->B", matmul::<u8>);
    r.add("matmul", "hh->h", matmul::<i16>);
    r.add("matmul", "HH->H", matmul::<u16>);
    r.add("matmul", "ii->i", matmul::<i32>);
    r.add("matmul", "II->I", matmul::<u32>);
    r.add("matmul", "ll->l", matmul::<i64>);
    r.add("matmul", "LL->L", matmul::<u64>);
    r.add("matmul", "ee->e", matmul::<f16>);
    r.add("matmul", "ff->f", matmul::<f32>);
    r.add("matmul", "dd->d", matmul::<f64>);
    r.add("matmul", "FF->F", matmul::<Complex<f32>>);
    r.add("matmul", "DD->D", matmul::<Complex<f64>>);
    vec::register(r);
}
