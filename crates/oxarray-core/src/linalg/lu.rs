//! LU-based gufuncs: `inv`, `solve`, `solve1`, `det`, `slogdet`.
//!
//! Small matrices (n <= 16, e.g. a stack of 3x3s) use an unblocked partial-pivoting LU
//! written as LAPACK's `getf2` (pivot = first row of largest `|x|`, `|re|+|im|` for
//! complex), so that results and the singularity test (an exactly zero pivot) are NumPy's;
//! larger ones our blocked, multithreaded LU ([`BigLu`]). As NumPy, `det` is
//! `sign * exp(logdet)` from the same factorization as `slogdet`, and a singular matrix has
//! `det == 0` (`slogdet == (0, -inf)`) without raising.

use std::marker::PhantomData;

use faer::reborrow::ReborrowMut;

use super::{core, four, guarded, large, Block, Def, Elem, Kind, SINGULAR, TILE};
use crate::error::{Error, Result};
use crate::ufunc::loops::{LoopContext, LoopResult};

/// An LU factorization: `P A = L U` (unit `L` below the diagonal of `lu`, `U` on and above).
struct Lu<T> {
    n: usize,
    /// Column-major `n x n`.
    lu: Vec<T>,
    /// `perm[i]`: the original row now at row `i`.
    perm: Vec<usize>,
    /// Number of row swaps is odd.
    odd: bool,
    /// An exactly zero pivot was met.
    singular: bool,
}

impl<T: Elem> Lu<T> {
    fn new() -> Self {
        Lu {
            n: 0,
            lu: Vec::new(),
            perm: Vec::new(),
            odd: false,
            singular: false,
        }
    }
    /// Factor the `n x n` block `a` (unblocked getf2).
    ///
    /// # Safety
    /// `a` is a valid `n x n` block of `T`s.
    unsafe fn factor(&mut self, a: &Block, n: usize) {
        self.n = n;
        self.lu.clear();
        for j in 0..n {
            for i in 0..n {
                // SAFETY: the caller's contract.
                self.lu.push(unsafe { a.get::<T>(i, j) });
            }
        }
        self.perm.clear();
        self.perm.extend(0..n);
        self.odd = false;
        self.singular = false;
        let lu = &mut self.lu;
        for j in 0..n {
            let mut p = j;
            let mut best = lu[j + j * n].abs1();
            for i in j + 1..n {
                let v = lu[i + j * n].abs1();
                if v > best {
                    best = v;
                    p = i;
                }
            }
            if lu[p + j * n] != T::e_zero() {
                if p != j {
                    for c in 0..n {
                        lu.swap(p + c * n, j + c * n);
                    }
                    self.perm.swap(p, j);
                    self.odd = !self.odd;
                }
                let inv = T::e_one() / lu[j + j * n];
                for i in j + 1..n {
                    lu[i + j * n] *= inv;
                }
            } else {
                self.singular = true;
            }
            for c in j + 1..n {
                let u = lu[j + c * n];
                if u == T::e_zero() {
                    continue;
                }
                for i in j + 1..n {
                    lu[i + c * n] = lu[i + c * n] - lu[i + j * n] * u;
                }
            }
        }
    }
    /// Solve `A x = b` in place for one right-hand side `x` (length n, already permuted
    /// by the caller via [`Lu::permuted`]).
    fn solve_vec(&self, x: &mut [T]) {
        let (n, lu) = (self.n, &self.lu);
        for j in 0..n {
            let xj = x[j];
            if xj != T::e_zero() {
                for i in j + 1..n {
                    x[i] -= lu[i + j * n] * xj;
                }
            }
        }
        for j in (0..n).rev() {
            x[j] /= lu[j + j * n];
            let xj = x[j];
            if xj != T::e_zero() {
                for i in 0..j {
                    x[i] -= lu[i + j * n] * xj;
                }
            }
        }
    }
}

/// `(sign, logdet)` of a matrix from the diagonal of `U` and the permutation parity.
fn slogdet_of<T: Elem>(diag: impl Iterator<Item = T>, odd: bool) -> (T, T::Re) {
    let mut sign = if odd { -T::e_one() } else { T::e_one() };
    let mut logdet = 0.0f64;
    for d in diag {
        let m = d.modulus();
        if m == <T::Re as Elem>::e_zero() {
            return (T::e_zero(), <T::Re as Elem>::from_f64(f64::NEG_INFINITY));
        }
        sign *= d / T::from_re(m);
        logdet += m.re_f64().ln();
    }
    (sign, <T::Re as Elem>::from_f64(logdet))
}

/// Parity of a permutation given as a forward array.
fn perm_odd(fwd: &[usize]) -> bool {
    let n = fwd.len();
    let mut seen = vec![false; n];
    let mut cycles = 0;
    for s in 0..n {
        if !seen[s] {
            cycles += 1;
            let mut i = s;
            while !seen[i] {
                seen[i] = true;
                i = fwd[i];
            }
        }
    }
    (n - cycles) % 2 == 1
}

/// The panel width of the blocked LU ([`BigLu::factor`]).
const LU_BLOCK: usize = 128;

/// faer's recursive LU of a panel (on this thread): returns the panel's row permutation
/// (`fwd[i]`: the panel row now at row `i`).
fn factor_panel<T: Elem>(panel: faer::MatMut<'_, T>) -> Vec<usize> {
    use faer::dyn_stack::{MemBuffer, MemStack};
    use faer::linalg::lu::partial_pivoting::factor::{lu_in_place, lu_in_place_scratch};
    let (m, w) = (panel.nrows(), panel.ncols());
    let mut mem = MemBuffer::new(lu_in_place_scratch::<usize, T>(
        m,
        w,
        faer::Par::Seq,
        Default::default(),
    ));
    let mut pf = vec![0usize; m];
    let mut pb = vec![0usize; m];
    lu_in_place(
        panel,
        &mut pf,
        &mut pb,
        faer::Par::Seq,
        MemStack::new(&mut mem),
        Default::default(),
    );
    pf
}

/// Apply a panel's row permutation to columns `c` (all rows): row `k + i` gets row
/// `k + pf[i]` for every `i` in `moved` (the rows that moved).
fn swap_rows<T: Elem>(mut c: faer::MatMut<'_, T>, k: usize, moved: &[usize], pf: &[usize]) {
    if moved.is_empty() {
        return;
    }
    let mut tmp: Vec<T> = Vec::with_capacity(moved.len());
    for j in 0..c.ncols() {
        tmp.clear();
        tmp.extend(moved.iter().map(|&i| c[(k + pf[i], j)]));
        for (&i, &v) in moved.iter().zip(&tmp) {
            c[(k + i, j)] = v;
        }
    }
}

/// The panel width of the parallel LU for an `n x n` matrix.
fn lu_block(n: usize) -> usize {
    if n < 800 {
        LU_BLOCK / 2
    } else {
        LU_BLOCK
    }
}

/// Columns per task of the parallel LU's trailing update.
const LU_CHUNK: usize = 64;

/// The trailing update of columns `cols` (all `n` rows) by a factored panel (`panel`:
/// rows `k..n` of the panel's `w` columns, unit `L11` on top of `L21`): `U12 = L11^-1
/// A12` on the panel's rows, then `A22 -= L21 U12` below them.
fn update<T: Elem>(
    panel: faer::MatRef<'_, T>,
    cols: faer::MatMut<'_, T>,
    w: usize,
    par: faer::Par,
) {
    let n = cols.nrows();
    let k = n - panel.nrows();
    let (l11, l21) = panel.split_at_row(w);
    let (top, a22) = cols.split_at_row_mut(k + w);
    let (_, mut a12) = top.split_at_row_mut(k);
    faer::linalg::triangular_solve::solve_unit_lower_triangular_in_place(l11, a12.as_mut(), par);
    faer::linalg::matmul::matmul(a22, faer::Accum::Add, l21, a12.as_ref(), -T::e_one(), par);
}

/// An `nrows x ncols` column-major work matrix of `T`s, zero-initialised, in the array
/// allocator's memory (`Storage`: 64-byte aligned, and blocks of 4 MiB and more are
/// reused from recent frees, so a 1000 x 1000 solve does not fault in ~2000 fresh pages per
/// call — 2-4 ms in this VM, a third of a two-thread solve); its column stride is a
/// multiple of 64 bytes.
struct Work<T: Elem> {
    buf: crate::storage::Storage,
    nrows: usize,
    ncols: usize,
    cs: usize,
    _t: PhantomData<T>,
}

impl<T: Elem> Work<T> {
    fn new(nrows: usize, ncols: usize) -> Result<Self> {
        let es = std::mem::size_of::<T>();
        let per = (64 / es).max(1);
        let cs = nrows.div_ceil(per) * per;
        let bytes = cs
            .checked_mul(ncols)
            .and_then(|x| x.checked_mul(es))
            .ok_or_else(|| Error::memory("Unable to allocate a linalg work matrix"))?;
        Ok(Work {
            buf: crate::storage::Storage::zeroed(bytes)?,
            nrows,
            ncols,
            cs,
            _t: PhantomData,
        })
    }
    fn as_mut(&mut self) -> faer::MatMut<'_, T> {
        let len = self.cs * self.ncols;
        // SAFETY: the storage holds `len` zero-initialised `T`s (a float or complex of
        // floats: every bit pattern valid, alignment at most 64), owned by `self`.
        let slice = unsafe { std::slice::from_raw_parts_mut(self.buf.as_ptr() as *mut T, len) };
        faer::MatMut::from_column_major_slice_with_stride_mut(
            slice, self.nrows, self.ncols, self.cs,
        )
    }
    fn as_ref(&self) -> faer::MatRef<'_, T> {
        let len = self.cs * self.ncols;
        // SAFETY: as in `as_mut`.
        let slice = unsafe { std::slice::from_raw_parts(self.buf.as_ptr() as *const T, len) };
        faer::MatRef::from_column_major_slice_with_stride(slice, self.nrows, self.ncols, self.cs)
    }
}

/// Copy the `dst.nrows() x dst.ncols()` block `src` into `dst`, on `threads` threads
/// (halves of the columns). `dst` has unit row stride. A block with contiguous columns
/// is copied a column at a time, others by 32-row strips.
///
/// # Safety
/// As [`Block::get`] for every element of that shape.
unsafe fn read_into<T: Elem>(src: &Block, dst: faer::MatMut<'_, T>, j0: usize, threads: usize) {
    let (r, c) = (dst.nrows(), dst.ncols());
    if threads > 1 && c >= 64 {
        let (a, b) = dst.split_at_col_mut(c / 2);
        rayon::join(
            // SAFETY: the caller's contract, for disjoint halves of the columns.
            || unsafe { read_into(src, a, j0, 1) },
            || unsafe { read_into(src, b, j0 + c / 2, threads - 1) },
        );
        return;
    }
    let mut dst = dst;
    let es = std::mem::size_of::<T>() as isize;
    if src.rs == es {
        for j in 0..c {
            // SAFETY: the caller's contract: column `j0 + j` of `src` is `r` contiguous
            // `T`s (copied as bytes: the block need not be aligned); `dst`'s column `j`
            // is `r` contiguous `T`s (unit row stride of a `Work`).
            unsafe {
                std::ptr::copy_nonoverlapping(
                    src.ptr.wrapping_offset((j0 + j) as isize * src.cs),
                    dst.rb_mut().ptr_at_mut(0, j).cast::<u8>(),
                    r * es as usize,
                );
            }
        }
        return;
    }
    for i0 in (0..r).step_by(TILE) {
        for j in 0..c {
            for i in i0..(i0 + TILE).min(r) {
                // SAFETY: the caller's contract.
                dst[(i, j)] = unsafe { src.get::<T>(i, j0 + j) };
            }
        }
    }
}

/// Columns per task of the solves with many right-hand sides (a fixed split, so the
/// result does not depend on the thread count). Wide: a triangular solve with few
/// columns rereads all of `L` and `U` per column block (`inv` of 500 x 500 took 9.7 ms
/// in 64-column chunks against 7.1 in two halves on one thread).
const RHS_CHUNK: usize = 256;

/// Overwrite `rhs` with `A^-1 rhs` (`A^-T rhs` with `transpose`) for the factorization
/// `lu`, `perm`: chunks of [`RHS_CHUNK`] columns solved in parallel, each on one thread.
fn solve_chunks<T: Elem>(
    lu: faer::MatRef<'_, T>,
    perm: faer::perm::PermRef<'_, usize>,
    transpose: bool,
    rhs: faer::MatMut<'_, T>,
) {
    use faer::dyn_stack::{MemBuffer, MemStack};
    use faer::linalg::lu::partial_pivoting::solve::{
        solve_in_place_scratch, solve_in_place_with_conj, solve_transpose_in_place_with_conj,
    };
    use rayon::prelude::*;
    let n = lu.nrows();
    let one = |c: faer::MatMut<'_, T>| {
        let mut mem = MemBuffer::new(solve_in_place_scratch::<usize, T>(
            n,
            c.ncols(),
            faer::Par::Seq,
        ));
        let stack = MemStack::new(&mut mem);
        if transpose {
            solve_transpose_in_place_with_conj(
                lu,
                lu,
                perm,
                faer::Conj::No,
                c,
                faer::Par::Seq,
                stack,
            );
        } else {
            solve_in_place_with_conj(lu, lu, perm, faer::Conj::No, c, faer::Par::Seq, stack);
        }
    };
    if rhs.ncols() <= RHS_CHUNK {
        one(rhs);
        return;
    }
    let mut chunks = Vec::new();
    let mut m = rhs;
    while m.ncols() > 0 {
        let w = RHS_CHUNK.min(m.ncols());
        let (c, r) = m.split_at_col_mut(w);
        chunks.push(c);
        m = r;
    }
    chunks.into_par_iter().with_max_len(1).for_each(one);
}

/// The LU factorization of a large matrix: `P A = L U`, computed in a column-major work
/// matrix (unit `L` below the diagonal, `U` on and above).
struct BigLu<T: Elem> {
    lu: Work<T>,
    /// `fwd[i]`: the original row now at row `i`; `bwd` its inverse.
    fwd: Vec<usize>,
    bwd: Vec<usize>,
    threads: usize,
    /// `lu` factors `A^T`, not `A`: a block with contiguous rows (C order) is read
    /// without transposing it (its memory is `A^T` in column-major order), and the
    /// transpose is undone in the solve (faer's transposed solve) and the inverse
    /// (written transposed). `det(A^T) = det(A)`.
    transposed: bool,
}

impl<T: Elem> BigLu<T> {
    /// Factor the `n x n` block `a` on `threads` threads.
    ///
    /// Up to two panels: faer's recursive LU. Larger: a right-looking blocked LU
    /// (LAPACK's `getrf`) with a look-ahead of one panel: while one task updates the
    /// next panel of [`lu_block`] columns and factors it (faer's recursive LU, on one
    /// thread), the others update the rest of the trailing matrix in fixed chunks of
    /// [`LU_CHUNK`] columns (a triangular solve and a product, nearly all the flops).
    /// The tasks and their arithmetic are the same on any number of threads (one
    /// thread runs them in turn), so the factors are bit-identical across thread
    /// counts. faer's own parallel LU synchronizes the threads at every level of its
    /// recursion, down to 16-column panels, and factors its panels while the other
    /// threads wait: on two cores it was slower than one thread up to several thousand
    /// rows.
    ///
    /// # Safety
    /// `a` is a valid `n x n` block of `T`s.
    unsafe fn factor(a: &Block, n: usize, threads: usize) -> Result<Self> {
        let es = std::mem::size_of::<T>() as isize;
        let transposed = n > 1 && a.cs == es && a.rs != es;
        let src = if transposed { a.swapped() } else { *a };
        let mut lu = Work::<T>::new(n, n)?;
        // SAFETY: the caller's contract.
        unsafe { read_into(&src, lu.as_mut(), 0, threads) };
        let fwd = if n <= 2 * lu_block(n) {
            factor_panel(lu.as_mut())
        } else {
            blocked_lu(lu.as_mut())
        };
        let mut bwd = vec![0usize; n];
        for (i, &f) in fwd.iter().enumerate() {
            bwd[f] = i;
        }
        Ok(BigLu {
            lu,
            fwd,
            bwd,
            threads,
            transposed,
        })
    }

    fn perm(&self) -> faer::perm::PermRef<'_, usize> {
        faer::perm::PermRef::new_checked(&self.fwd, &self.bwd, self.fwd.len())
    }

    fn diag(&self, i: usize) -> T {
        self.lu.as_ref()[(i, i)]
    }

    /// Whether `U` has an exactly zero pivot (LAPACK's `info > 0`).
    fn singular(&self) -> bool {
        (0..self.fwd.len()).any(|i| self.diag(i) == T::e_zero())
    }

    /// Write `A^-1` into the block `o` (`n x n`).
    ///
    /// faer's inverse from the factors (triangular inverses and a product, 4/3 n^3 flops).
    /// Solving `A X = I` in parallel column chunks (2 n^3 flops, bit-identical across
    /// thread counts) was tried and lost in the bench: inv 500x500 1.12-1.14 (one thread)
    /// and 1.22 (two) of NumPy's time against 0.92-0.99 and 0.93-0.99 this way.
    ///
    /// # Safety
    /// `o` is a valid `n x n` block of `T`s.
    unsafe fn write_inverse(&self, o: &Block) -> Result<()> {
        let n = self.fwd.len();
        // `lu` factors `A^T` when transposed: its inverse is written transposed.
        let o = if self.transposed { o.swapped() } else { *o };
        let mut out = Work::<T>::new(n, n)?;
        use faer::dyn_stack::{MemBuffer, MemStack};
        use faer::linalg::lu::partial_pivoting::inverse::{inverse, inverse_scratch};
        let par = super::faer_par(self.threads);
        let mut mem = MemBuffer::new(inverse_scratch::<usize, T>(n, par));
        let lu = self.lu.as_ref();
        inverse(
            out.as_mut(),
            lu,
            lu,
            self.perm(),
            par,
            MemStack::new(&mut mem),
        );
        // SAFETY: the caller's contract.
        unsafe { o.write(out.as_ref()) };
        Ok(())
    }

    /// Overwrite `rhs` with `A^-1 rhs`.
    fn solve_in_place(&self, rhs: faer::MatMut<'_, T>) {
        // `lu` factors `A^T` when transposed: `A x = b` is its transposed system.
        solve_chunks(self.lu.as_ref(), self.perm(), self.transposed, rhs);
    }
}

/// The blocked LU of [`BigLu::factor`] on the square matrix `lu`: returns `fwd`.
fn blocked_lu<T: Elem>(mut lu: faer::MatMut<'_, T>) -> Vec<usize> {
    use rayon::prelude::*;
    let n = lu.nrows();
    let nb = lu_block(n);
    let mut fwd: Vec<usize> = (0..n).collect();
    let mut pf = factor_panel(lu.as_mut().submatrix_mut(0, 0, n, nb));
    let mut k = 0;
    loop {
        let w = nb.min(n - k);
        // The panel's row permutation (rows k.., `pf` relative to k): rows that moved,
        // applied to the global permutation here and to the columns outside the panel by
        // the tasks below.
        let moved: Vec<usize> = (0..n - k).filter(|&i| pf[i] != i).collect();
        if !moved.is_empty() {
            let old: Vec<usize> = fwd[k..].to_vec();
            for &i in &moved {
                fwd[k + i] = old[pf[i]];
            }
        }
        let (left, right) = lu.as_mut().split_at_col_mut(k + w);
        let (done, panel) = left.split_at_col_mut(k);
        let panel = panel.as_ref().submatrix(k, 0, n - k, w);
        let swap = |c: &mut faer::MatMut<'_, T>| swap_rows(c.as_mut(), k, &moved, &pf);
        if k + w == n {
            let mut done = done;
            swap(&mut done);
            break;
        }
        let next_w = nb.min(n - k - w);
        let (next, rest) = right.split_at_col_mut(next_w);
        // Column chunks for the other threads: the rest of the trailing matrix (swap and
        // update) and the finished columns on the left (swap only).
        let mut chunks: Vec<(faer::MatMut<'_, T>, bool)> = Vec::new();
        for (mut m, upd) in [(rest, true), (done, false)] {
            while m.ncols() > 0 {
                let w = LU_CHUNK.min(m.ncols());
                let (c, r) = m.split_at_col_mut(w);
                chunks.push((c, upd));
                m = r;
            }
        }
        let (next_pf, ()) = rayon::join(
            || {
                let mut next = next;
                swap(&mut next);
                update(panel, next.as_mut(), w, faer::Par::Seq);
                factor_panel(next.submatrix_mut(k + w, 0, n - k - w, next_w))
            },
            || {
                chunks
                    .into_par_iter()
                    .with_max_len(1)
                    .for_each(|(mut c, upd)| {
                        swap(&mut c);
                        if upd {
                            update(panel, c, w, faer::Par::Seq);
                        }
                    });
            },
        );
        pf = next_pf;
        k += w;
    }
    fwd
}

/// `inv`: `(m,m)->(m,m)`.
unsafe fn inv<T: Elem>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    let (d, s) = core(ctx, "inv", 1, 4)?;
    let n = d[0];
    let mut lu = Lu::<T>::new();
    let mut col = vec![T::e_zero(); n];
    for it in 0..len {
        let a = Block::new(ptrs, st, 0, it, s[0], s[1]);
        let o = Block::new(ptrs, st, 1, it, s[2], s[3]);
        if large(n) {
            guarded("inv", Kind::Lu, n, n, |threads| {
                // SAFETY: gufunc loop contract: whole core blocks of `T`.
                let f = unsafe { BigLu::<T>::factor(&a, n, threads)? };
                if f.singular() {
                    return Err(Error::value(SINGULAR));
                }
                // SAFETY: as above.
                unsafe { f.write_inverse(&o)? };
                Ok(())
            })?;
            continue;
        }
        // SAFETY: gufunc loop contract.
        unsafe { lu.factor(&a, n) };
        if lu.singular {
            return Err(Error::value(SINGULAR));
        }
        for c in 0..n {
            for (i, x) in col.iter_mut().enumerate() {
                *x = if lu.perm[i] == c {
                    T::e_one()
                } else {
                    T::e_zero()
                };
            }
            lu.solve_vec(&mut col);
            for (i, x) in col.iter().enumerate() {
                // SAFETY: gufunc loop contract.
                unsafe { o.set(i, c, *x) };
            }
        }
    }
    super::finish()
}

/// The shared body of `solve` (`nrhs` columns) and `solve1` (one vector).
unsafe fn solve_impl<T: Elem>(
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
    n: usize,
    nrhs: usize,
    a_s: (isize, isize),
    b_s: (isize, isize),
    o_s: (isize, isize),
) -> LoopResult {
    let mut lu = Lu::<T>::new();
    let mut col = vec![T::e_zero(); n];
    for it in 0..len {
        let a = Block::new(ptrs, st, 0, it, a_s.0, a_s.1);
        let b = Block::new(ptrs, st, 1, it, b_s.0, b_s.1);
        let o = Block::new(ptrs, st, 2, it, o_s.0, o_s.1);
        if large(n) {
            guarded("solve", Kind::Lu, n, n, |threads| {
                // SAFETY: gufunc loop contract.
                let f = unsafe { BigLu::<T>::factor(&a, n, threads)? };
                if f.singular() {
                    return Err(Error::value(SINGULAR));
                }
                let mut x = Work::<T>::new(n, nrhs)?;
                // SAFETY: as above.
                unsafe { read_into(&b, x.as_mut(), 0, 1) };
                f.solve_in_place(x.as_mut());
                // SAFETY: as above.
                unsafe { o.write(x.as_ref()) };
                Ok(())
            })?;
            continue;
        }
        // SAFETY: gufunc loop contract.
        unsafe { lu.factor(&a, n) };
        if lu.singular {
            return Err(Error::value(SINGULAR));
        }
        for c in 0..nrhs {
            for (i, x) in col.iter_mut().enumerate() {
                // SAFETY: gufunc loop contract.
                *x = unsafe { b.get::<T>(lu.perm[i], c) };
            }
            lu.solve_vec(&mut col);
            for (i, x) in col.iter().enumerate() {
                // SAFETY: gufunc loop contract.
                unsafe { o.set(i, c, *x) };
            }
        }
    }
    super::finish()
}

/// `solve`: `(m,m),(m,n)->(m,n)`.
unsafe fn solve<T: Elem>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    let (d, s) = core(ctx, "solve", 2, 6)?;
    // SAFETY: forwarded loop contract.
    unsafe {
        solve_impl::<T>(
            ptrs,
            len,
            st,
            d[0],
            d[1],
            (s[0], s[1]),
            (s[2], s[3]),
            (s[4], s[5]),
        )
    }
}

/// `solve1`: `(m,m),(m)->(m)`.
unsafe fn solve1<T: Elem>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    let (d, s) = core(ctx, "solve1", 1, 4)?;
    // SAFETY: forwarded loop contract.
    unsafe { solve_impl::<T>(ptrs, len, st, d[0], 1, (s[0], s[1]), (s[2], 0), (s[3], 0)) }
}

/// `(sign, logdet)` of the block at iteration `it`.
unsafe fn slogdet_block<T: Elem>(lu: &mut Lu<T>, a: &Block, n: usize) -> Result<(T, T::Re)> {
    if large(n) {
        return guarded("det", Kind::Lu, n, n, |threads| {
            // SAFETY: the caller's contract.
            let f = unsafe { BigLu::<T>::factor(a, n, threads)? };
            let odd = perm_odd(&f.fwd);
            Ok(slogdet_of((0..n).map(|i| f.diag(i)), odd))
        });
    }
    // SAFETY: the caller's contract.
    unsafe { lu.factor(a, n) };
    if lu.singular {
        return Ok((T::e_zero(), <T::Re as Elem>::from_f64(f64::NEG_INFINITY)));
    }
    Ok(slogdet_of((0..n).map(|i| lu.lu[i + i * n]), lu.odd))
}

/// `det`: `(m,m)->()`.
unsafe fn det<T: Elem>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    let (d, s) = core(ctx, "det", 1, 2)?;
    let n = d[0];
    let mut lu = Lu::<T>::new();
    for it in 0..len {
        let a = Block::new(ptrs, st, 0, it, s[0], s[1]);
        let o = Block::new(ptrs, st, 1, it, 0, 0);
        // SAFETY: gufunc loop contract.
        let (sign, logdet) = unsafe { slogdet_block(&mut lu, &a, n)? };
        let v = sign * T::from_f64(logdet.re_f64().exp());
        // SAFETY: gufunc loop contract.
        unsafe { o.set(0, 0, v) };
    }
    super::finish()
}

/// `slogdet`: `(m,m)->(),()` (sign in the input type, logdet real).
unsafe fn slogdet<T: Elem>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    let (d, s) = core(ctx, "slogdet", 1, 2)?;
    let n = d[0];
    let mut lu = Lu::<T>::new();
    for it in 0..len {
        let a = Block::new(ptrs, st, 0, it, s[0], s[1]);
        let o1 = Block::new(ptrs, st, 1, it, 0, 0);
        let o2 = Block::new(ptrs, st, 2, it, 0, 0);
        // SAFETY: gufunc loop contract.
        let (sign, logdet) = unsafe { slogdet_block(&mut lu, &a, n)? };
        // SAFETY: gufunc loop contract.
        unsafe {
            o1.set(0, 0, sign);
            o2.set(0, 0, logdet);
        }
    }
    super::finish()
}

pub(super) fn defs(v: &mut Vec<Def>) {
    v.push(Def {
        name: "inv",
        nin: 1,
        nout: 1,
        sig: "(m,m)->(m,m)",
        doc: "Inverse of square matrices.",
        loops: four!(inv, "f->f", "d->d", "F->F", "D->D"),
        writes_all: true,
    });
    v.push(Def {
        name: "solve",
        nin: 2,
        nout: 1,
        sig: "(m,m),(m,n)->(m,n)",
        doc: "Solve the linear system A X = B.",
        loops: four!(solve, "ff->f", "dd->d", "FF->F", "DD->D"),
        writes_all: true,
    });
    v.push(Def {
        name: "solve1",
        nin: 2,
        nout: 1,
        sig: "(m,m),(m)->(m)",
        doc: "Solve the linear system A x = b for a vector b.",
        loops: four!(solve1, "ff->f", "dd->d", "FF->F", "DD->D"),
        writes_all: true,
    });
    v.push(Def {
        name: "det",
        nin: 1,
        nout: 1,
        sig: "(m,m)->()",
        doc: "Determinant of square matrices.",
        loops: four!(det, "f->f", "d->d", "F->F", "D->D"),
        writes_all: false,
    });
    v.push(Def {
        name: "slogdet",
        nin: 1,
        nout: 2,
        sig: "(m,m)->(),()",
        doc: "Sign and natural log of the absolute determinant.",
        loops: four!(slogdet, "f->ff", "d->dd", "F->Ff", "D->Dd"),
        writes_all: false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parity() {
        assert!(!perm_odd(&[0, 1, 2]));
        assert!(perm_odd(&[1, 0, 2]));
        assert!(!perm_odd(&[1, 2, 0]));
    }
}
