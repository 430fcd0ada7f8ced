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
//! own memory: one pass over its lines copies the named triangle in (checking that it
//! is finite) and zeroes the other one, then the factorization runs on a view with the
//! block's strides (a C-order input is a row-major view; `upper` the transposed view,
//! conjugated), with no transposing copy in or out (those were a sixth of the time of a
//! 1000x1000 factor) and no pass after it. At one thread a matrix above 384 rows is
//! factored by a right-looking blocked Cholesky with panels of 192 (`seq_llt`).
//!
//! Every path writes every element of the output block (the factor and the zeros of
//! the other triangle), so the gufunc machinery does not zero the output first
//! (`ufunc/gufunc.rs`): a large zeroed output was a fresh mapping whose 4 KiB pages
//! were faulted in on every call (1,954 faults for 1000x1000, 14.8 ms against 11.2 ms
//! when the block happened to get huge pages); an uninitialised one reuses a kept block.
//! Factoring in a panel-major scratch (each panel contiguous, copied out after) was
//! measured as well and was slower (11.0-11.8 ms CPU against 10.1-10.5 in place, with
//! and without huge pages, once the faults were gone): the kernels were not the part
//! that depended on the page size.

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
/// The panel width of the one-thread right-looking Cholesky ([`seq_llt`], above
/// `2 * LLT_SEQ_BLOCK` rows; faer's recursive one below).
const LLT_SEQ_BLOCK: usize = 192;

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
        // faer's SIMD kernel leaves values in the strict upper triangle of the block.
        zero_strict_upper(diag.as_mut());
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

/// Set the strict upper triangle of `m` to zero (column by column: contiguous for a
/// column-major block, the one faer's kernel writes into).
fn zero_strict_upper<T: Elem>(mut m: faer::MatMut<'_, T>) {
    for j in 1..m.ncols() {
        for i in 0..j.min(m.nrows()) {
            m[(i, j)] = T::e_zero();
        }
    }
}

/// `A[c0.., c0..c0 + cw] -= L21[c0.., :] L21[c0..c0 + cw, :]^H` for the columns `cols`
/// (every row) starting at column `c0`, where `l21` holds the panel's rows from `r0`
/// on: the diagonal block's lower triangle only (the strict upper triangle of the
/// matrix is never written), the rows below it as one product.
fn llt_update<T: Elem>(l21: faer::MatRef<'_, T>, r0: usize, cols: faer::MatMut<'_, T>, c0: usize) {
    use faer::linalg::matmul::triangular::BlockStructure;
    let (n, cw) = (cols.nrows(), cols.ncols());
    let (top, below) = cols.submatrix_mut(c0, 0, n - c0, cw).split_at_row_mut(cw);
    let (lhs_top, lhs_below) = l21
        .submatrix(c0 - r0, 0, n - c0, l21.ncols())
        .split_at_row(cw);
    let rhs = lhs_top.adjoint();
    faer::linalg::matmul::triangular::matmul(
        top,
        BlockStructure::TriangularLower,
        faer::Accum::Add,
        lhs_top,
        BlockStructure::Rectangular,
        rhs,
        BlockStructure::Rectangular,
        -T::e_one(),
        faer::Par::Seq,
    );
    faer::linalg::matmul::matmul(
        below,
        faer::Accum::Add,
        lhs_below,
        rhs,
        -T::e_one(),
        faer::Par::Seq,
    );
}

/// Sequential right-looking blocked Cholesky with panels of `nb` columns: each panel's
/// diagonal block by faer's Cholesky (on a column-major copy when the view is
/// row-major), the rows below it by a triangular solve, then the lower triangle of the
/// whole trailing matrix in one product (rank `nb`). The strict upper triangle is never
/// written.
fn seq_llt<T: Elem>(mut m: faer::MatMut<'_, T>, nb: usize) -> std::result::Result<(), ()> {
    let n = m.nrows();
    let mut k = 0;
    while k < n {
        let w = nb.min(n - k);
        factor_panel(m.as_mut().submatrix_mut(0, k, n, w), k)?;
        if k + w < n {
            let (left, right) = m.as_mut().split_at_col_mut(k + w);
            let l21 = left.as_ref().submatrix(k + w, k, n - k - w, w);
            llt_update(l21, k + w, right, k + w);
        }
        k += w;
    }
    Ok(())
}

/// The lower Cholesky factor of the lower triangle of `m`, in place; the strict upper
/// triangle is left as it was on the blocked paths and set to zero on faer's (whose
/// SIMD kernel writes into it). One thread: above `2 * LLT_SEQ_BLOCK` rows [`seq_llt`],
/// else faer's recursive Cholesky. Several: a
/// right-looking blocked Cholesky (LAPACK's `potrf`) with a look-ahead of one panel, as
/// the LU of `lu.rs`: one thread updates and factors the next panel while every thread
/// takes column chunks of the trailing update (a product, nearly all the flops).
fn blocked_llt<T: Elem>(mut m: faer::MatMut<'_, T>, threads: usize) -> std::result::Result<(), ()> {
    use rayon::prelude::*;
    let n = m.nrows();
    let nb = LLT_BLOCK;
    if threads <= 1 && n > 2 * LLT_SEQ_BLOCK {
        return seq_llt(m, LLT_SEQ_BLOCK);
    }
    if threads <= 1 || n <= 2 * nb {
        use faer::dyn_stack::{MemBuffer, MemStack};
        use faer::linalg::cholesky::llt::factor::{cholesky_in_place, cholesky_in_place_scratch};
        let par = super::faer_par(threads);
        let mut mem = MemBuffer::new(cholesky_in_place_scratch::<T>(n, par, Default::default()));
        cholesky_in_place(
            m.as_mut(),
            Default::default(),
            par,
            MemStack::new(&mut mem),
            Default::default(),
        )
        .map_err(|_| ())?;
        // faer's SIMD kernel (column-major blocks) leaves values in the strict upper
        // triangle; at most 384 rows here.
        zero_strict_upper(m);
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

/// Factor the lower triangle of `m` in place (the lower Cholesky factor). `finite`:
/// whether that triangle is all finite (else LAPACK's unblocked `potf2`, which lets
/// NaN through as NumPy does). The blocked factorizations leave the strict upper
/// triangle as it was for real types and write into it for complex ones (the packed
/// path zeroes it before, and after for complex types; `write_lower` skips it);
/// `potf2` and faer's own path set it to zero.
fn factor_lower<T: Elem>(m: faer::MatMut<'_, T>, threads: usize, finite: bool) -> Result<()> {
    let n = m.nrows();
    if large(n) && finite {
        blocked_llt(m, threads).map_err(|()| Error::value(NOT_POSDEF))
    } else {
        potf2(m)
    }
}

/// One pass over the `n` contiguous lines of `n` elements of a packed block, in memory
/// order: copy the part of each line that lies in the lower triangle of the view being
/// factored (`prefix`: elements `0..=r` of line `r`, the lower triangle of a row-major
/// view; else `r..n`, that of a column-major view) from `src` to `dst`, conjugated
/// with `conj`, and set the rest of the line to zero. Returns whether every copied
/// element is finite. This replaces a full copy, a finiteness scan of the triangle and
/// the zeroing of the other triangle after the factorization (each a strided walk of
/// the 8 MB of a 1000x1000 block when it went through the view).
///
/// # Safety
/// `src` and `dst` hold `n * n` elements each and do not overlap; `dst` is writable.
unsafe fn copy_triangle<T: Elem>(
    src: *const T,
    dst: *mut T,
    n: usize,
    lines: std::ops::Range<usize>,
    prefix: bool,
    conj: bool,
) -> bool {
    let mut finite = true;
    for r in lines {
        // SAFETY: the caller's contract: line `r` lies inside both blocks.
        let (s, d) = unsafe {
            (
                std::slice::from_raw_parts(src.add(r * n), n),
                std::slice::from_raw_parts_mut(dst.add(r * n), n),
            )
        };
        let (keep, zero) = if prefix {
            (0..r + 1, r + 1..n)
        } else {
            (r..n, 0..r)
        };
        let (s, dk) = (&s[keep.clone()], &mut d[keep]);
        if conj {
            for (o, &x) in dk.iter_mut().zip(s) {
                *o = x.conj_e();
            }
        } else {
            dk.copy_from_slice(s);
        }
        finite &= s.iter().fold(true, |f, x| f & x.finite());
        d[zero].fill(T::e_zero());
    }
    finite
}

/// [`copy_triangle`] of all `n` lines, split over the pool's threads in parts of whole
/// lines with `threads > 1` (it is a memory-bound pass over the whole block).
///
/// # Safety
/// As [`copy_triangle`].
unsafe fn copy_triangle_par<T: Elem>(
    src: *const T,
    dst: *mut T,
    n: usize,
    prefix: bool,
    conj: bool,
    threads: usize,
) -> bool {
    use rayon::prelude::*;
    if threads <= 1 || n < 256 {
        // SAFETY: the caller's contract.
        return unsafe { copy_triangle(src, dst, n, 0..n, prefix, conj) };
    }
    let parts = 4 * threads;
    let (s, d) = (src as usize, dst as usize);
    (0..parts)
        .into_par_iter()
        .map(|p| {
            // SAFETY: the caller's contract; the parts write disjoint lines of `dst`.
            unsafe {
                copy_triangle(
                    s as *const T,
                    d as *mut T,
                    n,
                    p * n / parts..(p + 1) * n / parts,
                    prefix,
                    conj,
                )
            }
        })
        .reduce(|| true, |a, b| a & b)
}

/// Zero the strict upper triangle of the view of a packed block, line by line as
/// [`copy_triangle`].
///
/// # Safety
/// `p` holds `n * n` writable elements.
unsafe fn zero_other_triangle<T: Elem>(p: *mut T, n: usize, prefix: bool) {
    for r in 0..n {
        // SAFETY: the caller's contract.
        let d = unsafe { std::slice::from_raw_parts_mut(p.add(r * n), n) };
        let part = if prefix { &mut d[r + 1..] } else { &mut d[..r] };
        part.fill(T::e_zero());
    }
}

/// Conjugate the lower triangle of the view of a packed block, line by line as
/// [`copy_triangle`] (complex types only; nothing for reals).
///
/// # Safety
/// `p` holds `n * n` writable elements.
unsafe fn conj_triangle<T: Elem>(p: *mut T, n: usize, prefix: bool) {
    if std::mem::size_of::<T>() == std::mem::size_of::<T::Re>() {
        return;
    }
    for r in 0..n {
        // SAFETY: the caller's contract.
        let d = unsafe { std::slice::from_raw_parts_mut(p.add(r * n), n) };
        let part = if prefix { &mut d[..=r] } else { &mut d[r..] };
        for x in part {
            *x = x.conj_e();
        }
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
    // The view factored is the block's (row-major for C order) or, for `upper`, its
    // transpose; the lower triangle of a row-major view is the start of each line.
    let prefix = c_order != UPPER;
    let (src, dst) = (a.ptr as *const T, o.ptr as *mut T);
    // SAFETY: the caller's contract: both blocks hold `n * n` elements from their base
    // and do not overlap.
    let finite = unsafe { copy_triangle_par(src, dst, n, prefix, UPPER, threads) };
    let (rs, cs) = if prefix {
        (n as isize, 1)
    } else {
        (1, n as isize)
    };
    // SAFETY: as above; `o` is writable and nothing else refers to it during the call.
    let view = unsafe { faer::MatMut::<T>::from_raw_parts_mut(dst, n, n, rs, cs) };
    // `upper`: A = U^H U from the upper triangle: the lower Cholesky factor L of A^H
    // (the transposed view, conjugated while copied) is U^H, i.e. U is the conjugate
    // of that view.
    factor_lower(view, threads, finite)?;
    if std::mem::size_of::<T>() != std::mem::size_of::<T::Re>() {
        // faer's triangular products of complex types write into the strict upper
        // triangle near the diagonal (measured; its real ones do not, which the tests
        // check at every path and size).
        // SAFETY: as above.
        unsafe { zero_other_triangle(dst, n, prefix) };
    }
    if UPPER {
        // SAFETY: as above.
        unsafe { conj_triangle(dst, n, prefix) };
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
            let finite = lower_finite(m.as_ref());
            factor_lower(m.as_mut(), threads, finite)?;
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
        writes_all: true,
    });
    v.push(Def {
        name: "cholesky_up",
        nin: 1,
        nout: 1,
        sig: "(m,m)->(m,m)",
        doc: "Upper Cholesky factor.",
        loops: four!(chol_up, "f->f", "d->d", "F->F", "D->D"),
        writes_all: true,
    });
}
