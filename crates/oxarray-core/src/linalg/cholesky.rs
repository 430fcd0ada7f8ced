//! `cholesky_lo` / `cholesky_up`: `(m,m)->(m,m)`, faer's blocked Cholesky (LAPACK `potrf`).
//!
//! As NumPy, only the named triangle is read (`lo`: `A = L L^H` from the lower triangle;
//! `up`: `A = U^H U` from the upper one), the other triangle of the result is zero, and a
//! matrix that is not positive definite raises
//! `LinAlgError("Matrix is not positive definite")`. Small matrices, and matrices with
//! NaN (which LAPACK, and so NumPy, lets through as NaN results), use an unblocked
//! Cholesky (LAPACK's `potf2`: fails only when a pivot is `<= 0`).
//!
//! A packed block (C or Fortran order, the usual case) is factored in the output block's
//! own memory: one `memcpy` in, the factorization on a view with the block's strides (a
//! C-order input is a row-major view; `upper` the transposed view, conjugated), and no
//! transposing copy in or out (those were a sixth of the time of a 1000x1000 factor).

use faer::Mat;

use super::{core, four, guarded, large, Block, Def, Elem, Kind, NOT_POSDEF};
use crate::error::{Error, Result};

/// Unblocked lower Cholesky of the lower triangle of `m` (column-major, in place).
fn potf2<T: Elem>(mut m: faer::MatMut<'_, T>) -> Result<()> {
    let n = m.nrows();
    for j in 0..n {
        let mut ajj = m[(j, j)].re().re_f64();
        for k in 0..j {
            let l = m[(j, k)];
            ajj -= l.re().re_f64().powi(2) + l.im().re_f64().powi(2);
        }
        if ajj <= 0.0 {
            return Err(Error::value(NOT_POSDEF));
        }
        let ljj = ajj.sqrt();
        m[(j, j)] = T::from_f64(ljj);
        for i in j + 1..n {
            let mut v = m[(i, j)];
            for k in 0..j {
                v -= m[(i, k)] * m[(j, k)].conj_e();
            }
            m[(i, j)] = v / T::from_f64(ljj);
        }
        for i in 0..j {
            m[(i, j)] = T::e_zero();
        }
    }
    super::finish()
}
use crate::ufunc::loops::{LoopContext, LoopResult};

/// The panel width of the parallel Cholesky (measured at one thread on a C-order
/// 1000x1000 input, CPU time: this blocked algorithm with panels of 64, 96 or 128 took
/// 14.0-14.1 ms, faer's recursive one 13.4 ms, so one thread keeps faer's).
const LLT_BLOCK: usize = 96;
/// Columns per task of its trailing update.
const LLT_CHUNK: usize = 64;

/// faer's Cholesky of the diagonal block of a panel and the triangular solve of the rows
/// below it (`cols`: every row of the panel's `w` columns; the diagonal block starts at
/// row `k`), on this thread.
fn factor_panel<T: Elem>(cols: faer::MatMut<'_, T>, k: usize) -> std::result::Result<(), ()> {
    use faer::dyn_stack::{MemBuffer, MemStack};
    use faer::linalg::cholesky::llt::factor::{cholesky_in_place, cholesky_in_place_scratch};
    let w = cols.ncols();
    let (top, below) = cols.split_at_row_mut(k + w);
    let (_, mut diag) = top.split_at_row_mut(k);
    let par = faer::Par::Seq;
    let mut mem = MemBuffer::new(cholesky_in_place_scratch::<T>(w, par, Default::default()));
    if diag.row_stride() == 1 {
        cholesky_in_place(
            diag.as_mut(),
            Default::default(),
            par,
            MemStack::new(&mut mem),
            Default::default(),
        )
        .map_err(|_| ())?;
    } else {
        // faer's SIMD kernel wants contiguous columns (a row-major block, from a C-order
        // input, would take its scalar fallback): factor a column-major copy.
        let mut c = Mat::<T>::from_fn(w, w, |i, j| if i >= j { diag[(i, j)] } else { T::e_zero() });
        cholesky_in_place(
            c.as_mut(),
            Default::default(),
            par,
            MemStack::new(&mut mem),
            Default::default(),
        )
        .map_err(|_| ())?;
        for j in 0..w {
            for i in j..w {
                diag[(i, j)] = c[(i, j)];
            }
        }
    }
    // L21 L11^H = A21, i.e. conj(L11) L21^T = A21^T.
    faer::linalg::triangular_solve::solve_lower_triangular_in_place(
        diag.as_ref().conjugate(),
        below.transpose_mut(),
        par,
    );
    Ok(())
}

/// `A[c0.., c0..c0 + cw] -= L21[c0.., :] L21[c0..c0 + cw, :]^H` for the columns `cols`
/// (every row) starting at column `c0`, where `l21` holds the panel's rows from `r0`
/// on.
fn llt_update<T: Elem>(l21: faer::MatRef<'_, T>, r0: usize, cols: faer::MatMut<'_, T>, c0: usize) {
    let (n, cw) = (cols.nrows(), cols.ncols());
    let dst = cols.submatrix_mut(c0, 0, n - c0, cw);
    let lhs = l21.submatrix(c0 - r0, 0, n - c0, l21.ncols());
    let rhs = l21.submatrix(c0 - r0, 0, cw, l21.ncols()).adjoint();
    faer::linalg::matmul::matmul(dst, faer::Accum::Add, lhs, rhs, -T::e_one(), faer::Par::Seq);
}

/// The lower Cholesky factor of the lower triangle of `m`, in place (the strict upper
/// triangle is left as it was). One thread: faer's blocked Cholesky. Several: a
/// right-looking blocked Cholesky (LAPACK's `potrf`) with a look-ahead of one panel, as
/// the LU of `lu.rs`: one thread updates and factors the next panel while every thread
/// takes column chunks of the trailing update (a product, nearly all the flops).
fn blocked_llt<T: Elem>(mut m: faer::MatMut<'_, T>, threads: usize) -> std::result::Result<(), ()> {
    use rayon::prelude::*;
    let n = m.nrows();
    let nb = LLT_BLOCK;
    if threads <= 1 || n <= 2 * nb {
        use faer::dyn_stack::{MemBuffer, MemStack};
        use faer::linalg::cholesky::llt::factor::{cholesky_in_place, cholesky_in_place_scratch};
        let par = super::faer_par(threads);
        let mut mem = MemBuffer::new(cholesky_in_place_scratch::<T>(n, par, Default::default()));
        cholesky_in_place(
            m,
            Default::default(),
            par,
            MemStack::new(&mut mem),
            Default::default(),
        )
        .map_err(|_| ())?;
        return Ok(());
    }
    factor_panel(m.as_mut().submatrix_mut(0, 0, n, nb), 0)?;
    let mut k = 0;
    while k + nb < n {
        let w = nb;
        let next_w = nb.min(n - k - w);
        let (left, right) = m.as_mut().split_at_col_mut(k + w);
        let l21 = left.as_ref().submatrix(k + w, k, n - k - w, w);
        let r0 = k + w;
        let (next, rest) = right.split_at_col_mut(next_w);
        let mut chunks: Vec<(faer::MatMut<'_, T>, usize)> = Vec::new();
        let mut c0 = k + w + next_w;
        let mut rest = rest;
        while rest.ncols() > 0 {
            let cw = LLT_CHUNK.min(rest.ncols());
            let (c, r) = rest.split_at_col_mut(cw);
            chunks.push((c, c0));
            c0 += cw;
            rest = r;
        }
        let (done, ()) = rayon::join(
            || {
                let mut next = next;
                llt_update(l21, r0, next.as_mut(), r0);
                factor_panel(next, r0)
            },
            || {
                chunks
                    .into_par_iter()
                    .with_max_len(1)
                    .for_each(|(c, c0)| llt_update(l21, r0, c, c0));
            },
        );
        done?;
        k += w;
    }
    Ok(())
}

/// Whether a square `n x n` block of `T`s is packed: `Some(true)` when its rows are
/// contiguous and follow each other (C order), `Some(false)` for columns (Fortran
/// order), `None` otherwise.
fn packed<T>(b: &Block, n: usize) -> Option<bool> {
    let es = std::mem::size_of::<T>() as isize;
    let ne = n as isize * es;
    if b.cs == es && b.rs == ne {
        Some(true)
    } else if b.rs == es && b.cs == ne {
        Some(false)
    } else {
        None
    }
}

/// Whether every element of the lower triangle of `m` is finite (the only triangle the
/// factorization reads).
fn lower_finite<T: Elem>(m: faer::MatRef<'_, T>) -> bool {
    (0..m.ncols()).all(|j| (j..m.nrows()).all(|i| m[(i, j)].finite()))
}

/// Conjugate the lower triangle of `m` (complex types only; nothing for reals).
fn conj_lower<T: Elem>(mut m: faer::MatMut<'_, T>) {
    if std::mem::size_of::<T>() == std::mem::size_of::<T::Re>() {
        return;
    }
    for j in 0..m.ncols() {
        for i in j..m.nrows() {
            m[(i, j)] = m[(i, j)].conj_e();
        }
    }
}

/// Factor the lower triangle of `m` in place (the lower Cholesky factor), the strict
/// upper triangle set to zero.
fn factor_lower<T: Elem>(mut m: faer::MatMut<'_, T>, threads: usize) -> Result<()> {
    let n = m.nrows();
    if large(n) && lower_finite(m.as_ref()) {
        blocked_llt(m.as_mut(), threads).map_err(|()| Error::value(NOT_POSDEF))?;
        for j in 1..n {
            for i in 0..j {
                m[(i, j)] = T::e_zero();
            }
        }
        Ok(())
    } else {
        potf2(m)
    }
}

/// The Cholesky factor of a packed block computed in the packed output block itself:
/// the input is copied in with one `memcpy` (no transposing copy in or out), the
/// factorization runs on a view with the block's strides (a C-order block is a
/// row-major view; `upper` factors the lower triangle of `A^H`, the transposed view,
/// conjugated).
///
/// # Safety
/// `a` and `o` are valid packed `n x n` blocks of `T`s of the same layout (`c_order`)
/// that do not overlap; `o` is writable.
unsafe fn chol_packed<T: Elem, const UPPER: bool>(
    a: &Block,
    o: &Block,
    n: usize,
    c_order: bool,
    threads: usize,
) -> Result<()> {
    // SAFETY: the caller's contract: both blocks hold `n * n` elements from their base.
    let view = unsafe {
        std::ptr::copy_nonoverlapping(a.ptr as *const T, o.ptr as *mut T, n * n);
        let (rs, cs) = if c_order {
            (n as isize, 1)
        } else {
            (1, n as isize)
        };
        faer::MatMut::<T>::from_raw_parts_mut(o.ptr as *mut T, n, n, rs, cs)
    };
    if UPPER {
        // A = U^H U from the upper triangle: the lower Cholesky factor L of A^H (the
        // transposed view, conjugated) is U^H, i.e. U is the conjugate of that view.
        let mut m = view.transpose_mut();
        conj_lower(m.as_mut());
        factor_lower(m.as_mut(), threads)?;
        conj_lower(m);
    } else {
        factor_lower(view, threads)?;
    }
    Ok(())
}

/// Whether two `n x n` blocks of `T`s (packed) share memory.
fn overlap<T>(a: &Block, o: &Block, n: usize) -> bool {
    let len = n * n * std::mem::size_of::<T>();
    let (x, y) = (a.ptr as usize, o.ptr as usize);
    x < y + len && y < x + len
}

unsafe fn chol<T: Elem, const UPPER: bool>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    let (d, s) = core(ctx, "cholesky", 1, 4)?;
    let n = d[0];
    for it in 0..len {
        let a = Block::new(ptrs, st, 0, it, s[0], s[1]);
        let o = Block::new(ptrs, st, 1, it, s[2], s[3]);
        let lay = packed::<T>(&a, n);
        if n > 0 && lay.is_some() && lay == packed::<T>(&o, n) && !overlap::<T>(&a, &o, n) {
            let c_order = lay == Some(true);
            guarded("cholesky", Kind::Cholesky, n, n, |threads| {
                // SAFETY: gufunc loop contract: whole core blocks of `T`, packed in the
                // same layout (checked above), not overlapping, the output writable.
                unsafe { chol_packed::<T, UPPER>(&a, &o, n, c_order, threads) }
            })?;
            continue;
        }
        guarded("cholesky", Kind::Cholesky, n, n, |threads| {
            // The named triangle as the lower one: `A^H` read straight from the block
            // for `upper` (rows and columns swapped, then conjugated).
            let src = if UPPER {
                Block {
                    ptr: a.ptr,
                    rs: a.cs,
                    cs: a.rs,
                }
            } else {
                a
            };
            // SAFETY: gufunc loop contract: whole core blocks of `T`.
            let mut m: Mat<T> = unsafe { src.read(n, n) };
            if UPPER {
                conj_lower(m.as_mut());
            }
            factor_lower(m.as_mut(), threads)?;
            // SAFETY: as above.
            unsafe { o.write_lower(m.as_ref(), UPPER) };
            Ok(())
        })?;
    }
    super::finish()
}

unsafe fn chol_lo<T: Elem>(
    c: &LoopContext<'_>,
    p: &[*mut u8],
    n: usize,
    s: &[isize],
) -> LoopResult {
    // SAFETY: forwarded loop contract.
    unsafe { chol::<T, false>(c, p, n, s) }
}

unsafe fn chol_up<T: Elem>(
    c: &LoopContext<'_>,
    p: &[*mut u8],
    n: usize,
    s: &[isize],
) -> LoopResult {
    // SAFETY: forwarded loop contract.
    unsafe { chol::<T, true>(c, p, n, s) }
}

pub(super) fn defs(v: &mut Vec<Def>) {
    v.push(Def {
        name: "cholesky_lo",
        nin: 1,
        nout: 1,
        sig: "(m,m)->(m,m)",
        doc: "Lower Cholesky factor.",
        loops: four!(chol_lo, "f->f", "d->d", "F->F", "D->D"),
    });
    v.push(Def {
        name: "cholesky_up",
        nin: 1,
        nout: 1,
        sig: "(m,m)->(m,m)",
        doc: "Upper Cholesky factor.",
        loops: four!(chol_up, "f->f", "d->d", "F->F", "D->D"),
    });
}
