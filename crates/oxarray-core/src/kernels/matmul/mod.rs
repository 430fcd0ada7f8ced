//! `matmul`, the generalized ufunc `(n?,k),(k,m?)->(n?,m?)`.
//!
//! The engine hands each loop iteration one block per operand; the core sizes come in
//! `ctx.core_dims` as `[n, k, m]` and the byte strides in `ctx.core_strides` as
//! `[a_n, a_k, b_k, b_m, c_n, c_m]` (a missing optional dimension has size 1, any stride).
//! float32/float64/complex blocks large enough to pay go to `faer`'s matmul (its x86
//! kernels are picked at run time, AVX-512 where the CPU has it, AVX2+FMA otherwise; the
//! `gemm` crate without its `x86-v4` feature stops at AVX2, and its threading splits the
//! work more finely, which costs on two cores); everything else, and strides that are not
//! a whole number of elements, use the portable triple loop in `scalar.rs`.
//! float64 blocks with `k, m <= 16` (a tall thin product) go to `thin.rs` first.

pub(crate) mod scalar;
mod thin;
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
/// From this many multiply-adds on (~0.2 ms of single-core work), a product may use
/// threads (faer then decides how many of them pay for the shape). Below it, waking a
/// worker costs more than it saves, and stacks of small blocks (a batched matmul of
/// 64x64 matrices) are better run one block per call.
const GEMM_PARALLEL_WORK: usize = 1 << 20;
/// Products with a dimension below this one use threads only from
/// [`GEMM_PARALLEL_THIN_WORK`] multiply-adds on: faer splits a thin product (say
/// 400x300 by 300x20, a step of an `einsum` path) into parts too short for two threads
/// (measured: 20% slower than one thread); below that size [`split_gemm`] cuts it into
/// one part per thread instead.
const GEMM_PARALLEL_MIN_DIM: usize = 64;
/// Products with two dimensions below it never use threads: faer's parallel product of
/// 1e5x10 by 10x10 (`multivariate_normal`'s `x @ factor.T`) took 17.7 ms on two threads
/// against 4.4 ms on one (its parts are a few microseconds each).
/// See [`GEMM_PARALLEL_MIN_DIM`].
const GEMM_PARALLEL_THIN_WORK: usize = 1 << 23;

/// The least multiply-adds per part of a thin product split by [`split_gemm`].
const GEMM_PART_WORK: usize = 1 << 19;

/// `c = a @ b` for a thin product (one dimension below [`GEMM_PARALLEL_MIN_DIM`]) on
/// `parts` threads: the larger output dimension is cut into `parts` equal runs (whole
/// multiples of 16), each a one-thread product, with no synchronization but the final
/// join. Such products ran on one thread (faer's own parallel split of them lost on two
/// cores); two equal halves should take about half as long when both cores are free.
///
/// # Safety
/// As [`Gemm::gemm`].
unsafe fn split_gemm<T: Gemm>(blk: &Block, a: *const u8, b: *const u8, c: *mut u8, parts: usize) {
    use rayon::prelude::*;
    let rows = blk.n >= blk.m;
    let len = if rows { blk.n } else { blk.m };
    let step = len.div_ceil(parts).div_ceil(16) * 16;
    let (a, b, c) = (a as usize, b as usize, c as usize);
    let blk = *blk;
    crate::exec::install(|| {
        (0..len.div_ceil(step)).into_par_iter().for_each(|p| {
            let (s, e) = (p * step, (p * step + step).min(len));
            let mut part = blk;
            let (mut pa, mut pb, mut pc) = (a as *const u8, b as *const u8, c as *mut u8);
            // SAFETY: the caller's blocks, offset to rows (columns) `s..e` of `a` and `c`
            // (`b` and `c`): in bounds, and the parts write disjoint parts of `c`.
            unsafe {
                if rows {
                    part.n = e - s;
                    pa = pa.offset(s as isize * blk.a.0);
                    pc = pc.offset(s as isize * blk.c.0);
                } else {
                    part.m = e - s;
                    pb = pb.offset(s as isize * blk.b.1);
                    pc = pc.offset(s as isize * blk.c.1);
                }
                T::gemm(&part, pa, pb, pc, 1);
            }
        });
    });
}

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

/// Whether a value of type `T` can go through GEMM: selected per type.
trait Gemm: MatElem {
    const USE_GEMM: bool;
    /// `c = a @ b` for a block of whole-element strides.
    ///
    /// # Safety
    /// `a`, `b`, `c` address the block's operands (element strides from `blk`); `c`
    /// does not overlap `a` or `b`.
    unsafe fn gemm(blk: &Block, a: *const u8, b: *const u8, c: *mut u8, threads: usize);
}
macro_rules! no_gemm {
    ($($t:ty),*) => {$(
        impl Gemm for $t {
            const USE_GEMM: bool = false;
            unsafe fn gemm(_: &Block, _: *const u8, _: *const u8, _: *mut u8, _: usize) {
                unreachable!("not a gemm type")
            }
        }
    )*};
}
no_gemm!(bool, i8, i16, i32, i64, u8, u16, u32, u64, f16);
macro_rules! yes_gemm {
    ($($t:ty => $one:expr),*) => {$(
        impl Gemm for $t {
            const USE_GEMM: bool = true;
            unsafe fn gemm(blk: &Block, a: *const u8, b: *const u8, c: *mut u8, threads: usize) {
                let es = size_of::<$t>() as isize;
                // faer only when every operand has a unit stride along one of its
                // dimensions (rows or columns contiguous): with other layouts (negative or
                // stepped strides) faer 0.24's packed SIMD kernels raised spurious
                // overflow flags (garbage in padding lanes; the values were right).
                let unit = [blk.a, blk.b, blk.c]
                    .iter()
                    .all(|&(x, y)| x > 0 && y > 0 && (x == es || y == es));
                // SAFETY: forwarded contract.
                unsafe {
                    if !unit {
                        gemm_crate::<$t>(blk, a, b, c, threads, $one);
                        if a == b && blk.n == blk.m && blk.a == (blk.b.1, blk.b.0) {
                            // `x.T @ x` of a strided `x`: mirror the lower triangle so the
                            // product is exactly symmetric, as NumPy's (see `faer_gemm`).
                            mirror_lower::<$t>(blk, c);
                        }
                    } else {
                        faer_gemm::<$t>(blk, a, b, c, threads)
                    }
                }
            }
        }
    )*};
}
yes_gemm!(f32 => 1.0, f64 => 1.0, Complex<f32> => Complex::new(1.0, 0.0),
    Complex<f64> => Complex::new(1.0, 0.0));

/// Copy the lower triangle of the `n x n` block `c` onto its upper triangle.
///
/// # Safety
/// `c` addresses an `n x n` block of `T` with the byte strides `blk.c`.
unsafe fn mirror_lower<T: Copy>(blk: &Block, c: *mut u8) {
    let (r, k) = blk.c;
    for j in 1..blk.n as isize {
        for i in 0..j {
            // SAFETY: `i, j < n`: both items are in the block.
            unsafe {
                let v = (c.offset(j * r + i * k) as *const T).read_unaligned();
                (c.offset(i * r + j * k) as *mut T).write_unaligned(v);
            }
        }
    }
}

/// The stride of a dimension of size `len` (any stride is valid for a dimension of size
/// 0 or 1; faer picks its row- or column-major kernels from the strides, so give such a
/// dimension the unit stride).
fn estride(len: usize, bytes: isize, es: isize) -> isize {
    if len <= 1 {
        1
    } else {
        bytes / es
    }
}

/// `c = a @ b` through the `gemm` crate (any strides), on `threads` threads at most.
///
/// # Safety
/// As [`Gemm::gemm`].
unsafe fn gemm_crate<T: 'static + Copy>(
    blk: &Block,
    a: *const u8,
    b: *const u8,
    c: *mut u8,
    threads: usize,
    one: T,
) {
    let es = size_of::<T>() as isize;
    let par = if threads > 1 {
        gemm::Parallelism::Rayon(threads)
    } else {
        gemm::Parallelism::None
    };
    // SAFETY: the caller's contract (whole-element strides, `c` separate).
    unsafe {
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
            one,
            one,
            false,
            false,
            false,
            par,
        );
    }
}

/// `c = a @ b` through faer, on `threads` threads at most (1: this thread only).
///
/// # Safety
/// As [`Gemm::gemm`].
unsafe fn faer_gemm<T: faer::traits::ComplexField + Copy>(
    blk: &Block,
    a: *const u8,
    b: *const u8,
    c: *mut u8,
    threads: usize,
) {
    let es = size_of::<T>() as isize;
    let (n, k, m) = (blk.n, blk.k, blk.m);
    // SAFETY: the caller's contract: each view addresses its operand's block.
    let (av, bv, cv) = unsafe {
        (
            faer::MatRef::<T>::from_raw_parts(
                a as *const T,
                n,
                k,
                estride(n, blk.a.0, es),
                estride(k, blk.a.1, es),
            ),
            faer::MatRef::<T>::from_raw_parts(
                b as *const T,
                k,
                m,
                estride(k, blk.b.0, es),
                estride(m, blk.b.1, es),
            ),
            faer::MatMut::<T>::from_raw_parts_mut(
                c as *mut T,
                n,
                m,
                estride(n, blk.c.0, es),
                estride(m, blk.c.1, es),
            ),
        )
    };
    let par = if threads > 1 {
        faer::Par::rayon(threads)
    } else {
        faer::Par::Seq
    };
    if a == b && n == m && blk.a == (blk.b.1, blk.b.0) {
        // `x.T @ x` (or `x @ x.T`): one operand is the other's transpose, so the product
        // is symmetric. As NumPy (which calls BLAS `syrk` here), compute one triangle
        // (half the multiply-adds) and mirror it, so the result is exactly symmetric.
        let mut cv = cv;
        faer::linalg::matmul::triangular::matmul(
            cv.as_mut(),
            faer::linalg::matmul::triangular::BlockStructure::TriangularLower,
            faer::Accum::Replace,
            av,
            faer::linalg::matmul::triangular::BlockStructure::Rectangular,
            bv,
            faer::linalg::matmul::triangular::BlockStructure::Rectangular,
            T::one_impl(),
            par,
        );
        for j in 1..n {
            for i in 0..j {
                let v = cv[(j, i)];
                cv[(i, j)] = v;
            }
        }
        return;
    }
    faer::linalg::matmul::matmul(cv, faer::Accum::Replace, av, bv, T::one_impl(), par);
}

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
        if T::USE_GEMM
            && whole
            && work >= GEMM_MIN_WORK
            && std::any::TypeId::of::<T>() == std::any::TypeId::of::<f64>()
            && blk.k <= thin::THIN_MAX
            && blk.m <= thin::THIN_MAX
        {
            // SAFETY: float64 blocks (checked) of whole-element strides; `c` separate.
            if unsafe { thin::thin_f64(&blk, a, b, c, crate::exec::num_threads()) } {
                continue;
            }
        }
        if T::USE_GEMM && whole && work >= GEMM_MIN_WORK {
            let small = [blk.n, blk.k, blk.m]
                .iter()
                .filter(|&&d| d < GEMM_PARALLEL_MIN_DIM)
                .count();
            let threads = if work >= GEMM_PARALLEL_WORK
                && (small == 0 || (small == 1 && work >= GEMM_PARALLEL_THIN_WORK))
            {
                crate::exec::num_threads()
            } else {
                1
            };
            if threads == 1 && small == 1 && work >= GEMM_PARALLEL_WORK {
                let parts = crate::exec::num_threads().min(work / GEMM_PART_WORK);
                if parts > 1 {
                    // SAFETY: forwarded: the same blocks, cut into disjoint output rows
                    // or columns.
                    unsafe { split_gemm::<T>(&blk, a, b, c, parts) };
                    continue;
                }
            }
            // SAFETY: the blocks are valid for the given sizes and element strides (the
            // byte strides are whole multiples of the element size, checked above); `c`
            // does not overlap `a` or `b` (the engine gives matmul a separate output).
            // Threads only through the execution policy: oxarray's pool, `num_threads()`.
            if threads > 1 {
                // The raw pointers stay valid while `install` waits for the product, which
                // writes `c` from its own disjoint tiles.
                let call = || unsafe { T::gemm(&blk, a, b, c, threads) };
                let shared = crate::iter::Shared(&call);
                crate::exec::install(|| (shared.get())());
            } else {
                // SAFETY: as above.
                unsafe { T::gemm(&blk, a, b, c, 1) };
            }
        } else {
            // SAFETY: as above.
            unsafe { naive::<T>(&blk, a, b, c) };
        }
    }
    Ok(())
}

pub(crate) fn register(r: &mut Registry) {
    // Every loop writes every output element: the triple loop (which also writes the
    // zeros of k = 0), GEMM with the output replaced, and the thin kernel.
    r.writes_all("matmul");
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
