//! Thin float64 products: `(n, k) @ (k, m)` with `k, m <= THIN_MAX` and many rows (the
//! `x @ factor.T` of `multivariate_normal`: 1e5x10 by 10x10). A general GEMM packs and
//! tiles for large `k` and `m`; here all of `b` fits in a few registers' worth of L1, so
//! each block of rows is one pass: `b` packed once (row `p` padded to whole 4-lane
//! vectors), then for each block of `RB` rows the `RB * NV` output vectors stay in
//! registers while `p` runs over `k` (one broadcast of `a[i, p]`, one fused multiply-add
//! per output vector). AVX2+FMA, chosen at run time (the crate's one detection).
//!
//! Every output element is `fma(a[i, k-1], b[k-1, j], ... fma(a[i, 0], b[0, j], 0))`, in
//! that order whatever the row blocking or the thread split, so results do not depend on
//! the number of threads. The padding lanes of the last vector compute a copy of the last
//! real column (so they raise no floating-point flag that a real lane does not) and are
//! never stored.

use super::scalar::Block;

/// Largest `k` and `m` of a thin product.
pub(super) const THIN_MAX: usize = 16;
/// Rows per part when a thin product is split over threads.
const PART_ROWS: usize = 8192;

/// `c = a @ b` by the thin kernel when it applies (float64 blocks with `k, m <=`
/// [`THIN_MAX`], `c`'s rows contiguous, AVX2+FMA present); false (nothing done) otherwise.
/// `threads > 1` lets a large product be split by rows over the execution policy's
/// threads.
///
/// # Safety
/// `a`, `b`, `c` address float64 blocks laid out as `blk` says, with whole-element
/// strides; `c` does not overlap `a` or `b`.
pub(super) unsafe fn thin_f64(
    blk: &Block,
    a: *const u8,
    b: *const u8,
    c: *mut u8,
    threads: usize,
) -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        let (n, k, m) = (blk.n, blk.k, blk.m);
        if k == 0
            || k > THIN_MAX
            || m == 0
            || m > THIN_MAX
            || (m > 1 && blk.c.1 != 8)
            || !super::super::simd::has_avx2()
        {
            return false;
        }
        let nv = m.div_ceil(4);
        let mut bp = [0f64; THIN_MAX * THIN_MAX];
        for p in 0..k {
            for j in 0..nv * 4 {
                let jj = j.min(m - 1) as isize;
                // SAFETY: element (p, jj) of `b` (caller's contract).
                bp[p * nv * 4 + j] =
                    unsafe { *(b.offset(p as isize * blk.b.0 + jj * blk.b.1) as *const f64) };
            }
        }
        let rows = |lo: usize, hi: usize| {
            let bp = bp.as_ptr();
            // SAFETY: rows lo..hi of `a` and `c` (caller's contract); AVX2+FMA checked.
            unsafe {
                let a = a.offset(lo as isize * blk.a.0);
                let c = c.offset(lo as isize * blk.c.0);
                let nr = hi - lo;
                match nv {
                    1 => x86::rows::<1, 8>(nr, k, m, a, blk.a, bp, c, blk.c.0),
                    2 => x86::rows::<2, 6>(nr, k, m, a, blk.a, bp, c, blk.c.0),
                    3 => x86::rows::<3, 4>(nr, k, m, a, blk.a, bp, c, blk.c.0),
                    _ => x86::rows::<4, 2>(nr, k, m, a, blk.a, bp, c, blk.c.0),
                }
            }
        };
        let work_bytes = n * (k + m) * 8;
        let parts = n.div_ceil(PART_ROWS);
        if threads > 1 && parts > 1 && crate::exec::parallelism(work_bytes) > 1 {
            let rows = crate::iter::Shared(&rows);
            // SAFETY: the parts write disjoint rows of `c`; `rows` only reads `a` and the
            // packed `b`, which outlive the call (it waits for every part).
            let _ = crate::exec::for_each_part(parts, work_bytes, |i| {
                (rows.get())(i * PART_ROWS, ((i + 1) * PART_ROWS).min(n));
                Ok(())
            });
        } else {
            rows(0, n);
        }
        true
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (blk, a, b, c, threads);
        false
    }
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use std::arch::x86_64::*;

    /// Rows `0..n` of `c = a @ bp`: `a` rows of `k` elements (byte strides `sa`), `bp`
    /// packed `k x 4NV` (row `p` at `p * 4NV`), `c` rows of `m` contiguous elements
    /// `sc` bytes apart; `RB` rows at a time, then one at a time.
    ///
    /// # Safety
    /// Valid blocks as described; `4(NV-1) < m <= 4NV`; AVX2 and FMA present.
    #[allow(clippy::too_many_arguments)]
    #[target_feature(enable = "avx2,fma")]
    pub(super) unsafe fn rows<const NV: usize, const RB: usize>(
        n: usize,
        k: usize,
        m: usize,
        a: *const u8,
        sa: (isize, isize),
        bp: *const f64,
        c: *mut u8,
        sc: isize,
    ) {
        let last = m - 4 * (NV - 1);
        let mask = _mm256_set_epi64x(
            if last > 3 { -1 } else { 0 },
            if last > 2 { -1 } else { 0 },
            if last > 1 { -1 } else { 0 },
            -1,
        );
        let mut i = 0;
        // SAFETY (both loops): rows i..i+RB (or i) of `a` and `c`, elements 0..k of `a`'s
        // rows and 0..m of `c`'s (the masked store writes only the real lanes), and rows
        // 0..k of the packed `b` (caller's contract).
        unsafe {
            while i + RB <= n {
                block::<NV, RB>(k, last, mask, a.offset(i as isize * sa.0), sa, bp, c, i, sc);
                i += RB;
            }
            while i < n {
                block::<NV, 1>(k, last, mask, a.offset(i as isize * sa.0), sa, bp, c, i, sc);
                i += 1;
            }
        }
    }

    /// `R` rows from row `i` of `c` (`a` already at row `i`).
    ///
    /// # Safety
    /// As [`rows`].
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    unsafe fn block<const NV: usize, const R: usize>(
        k: usize,
        last: usize,
        mask: __m256i,
        a: *const u8,
        sa: (isize, isize),
        bp: *const f64,
        c: *mut u8,
        i: usize,
        sc: isize,
    ) {
        // SAFETY: the caller's blocks (see `rows`); AVX2+FMA enabled by the caller.
        unsafe {
            let mut acc = [[_mm256_setzero_pd(); NV]; R];
            for p in 0..k {
                let brow = bp.add(p * 4 * NV);
                let bv: [__m256d; NV] = std::array::from_fn(|v| _mm256_loadu_pd(brow.add(4 * v)));
                let ap = a.offset(p as isize * sa.1);
                for (r, accr) in acc.iter_mut().enumerate() {
                    let av = _mm256_broadcast_sd(&*(ap.offset(r as isize * sa.0) as *const f64));
                    for v in 0..NV {
                        accr[v] = _mm256_fmadd_pd(av, bv[v], accr[v]);
                    }
                }
            }
            for (r, accr) in acc.iter().enumerate() {
                let cr = c.offset((i + r) as isize * sc) as *mut f64;
                for (v, &x) in accr.iter().enumerate().take(NV - 1) {
                    _mm256_storeu_pd(cr.add(4 * v), x);
                }
                if last == 4 {
                    _mm256_storeu_pd(cr.add(4 * (NV - 1)), accr[NV - 1]);
                } else {
                    _mm256_maskstore_pd(cr.add(4 * (NV - 1)), mask, accr[NV - 1]);
                }
            }
        }
    }
}
