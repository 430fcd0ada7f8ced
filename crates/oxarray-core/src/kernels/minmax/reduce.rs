//! The reduce variants of float32/float64 `maximum` and `minimum`: NumPy's order, so
//! signed zeros and NaN payloads come out as NumPy's (`min([0.0, -0.0, ...])` depends on
//! which operand each comparison keeps on a tie).
//!
//! NumPy's loop (`loops_minmax.dispatch.c.src`, AVX2 build, as on this project's
//! reference machines) reduces a run with the accumulator as follows:
//! - contiguous input (`simd_reduce_c_*`): a vector of `L` lanes (8 for float32, 4 for
//!   float64) set to the accumulator; blocks of 8 vectors combined as a tree
//!   (`acc = op(acc, op(op(v0 v1, v2 v3), op(v4 v5, v6 v7)))`), then single vectors;
//!   the lanes reduced by halves (`npyv_reduce_*n`: any NaN lane gives the default NaN);
//!   the tail one element at a time;
//! - strided input with at least 8 elements: 8 scalar accumulators started from the
//!   first 8 elements, combined as a tree and then into the accumulator; the rest one at
//!   a time.
//!
//! Every comparison is `op(a, b) = a if a is NaN or a wins strictly, else b` (x86
//! `minps`/`maxps` return the second operand on ties, blended to keep a NaN in `a`),
//! which is also the elementwise loop's rule (`scalar::FltMin`/`FltMax`).

use super::super::builders::FpQuiet;
use super::super::num::Flt;
use super::super::Registry;
use crate::ufunc::loops::{LoopContext, LoopResult};

/// `a` if it is NaN or wins strictly (`MAX`: greater), else `b`.
#[inline(always)]
fn op<T: Flt, const MAX: bool>(a: T, b: T) -> T {
    let wins = if MAX { a > b } else { a < b };
    if wins || a.is_nan() {
        a
    } else {
        b
    }
}

/// Lane-wise [`op`] of two vectors of `L` lanes.
#[inline(always)]
fn vop<T: Flt, const MAX: bool, const L: usize>(a: [T; L], b: [T; L]) -> [T; L] {
    std::array::from_fn(|i| op::<T, MAX>(a[i], b[i]))
}

/// NumPy's `npyv_reduce_{min,max}n`: the default NaN if any lane is NaN, else the lanes
/// reduced by halves (`(0..L/2)` against `(L/2..L)`, and so on down to one lane).
#[inline(always)]
fn reduce_lanes<T: Flt, const MAX: bool, const L: usize>(a: [T; L]) -> T {
    if a.iter().any(|x| x.is_nan()) {
        return T::from_f64(f64::NAN);
    }
    let mut v = a;
    let mut w = L;
    while w > 1 {
        w /= 2;
        for i in 0..w {
            v[i] = op::<T, MAX>(v[i], v[i + w]);
        }
    }
    v[0]
}

/// # Safety
/// `n` items of `T` from `x` with byte stride `s`.
#[inline(always)]
unsafe fn at<T: Copy>(x: *const u8, s: isize, i: usize) -> T {
    // SAFETY: the caller's contract.
    unsafe { (x.offset(i as isize * s) as *const T).read_unaligned() }
}

/// The contiguous order (see the module docs) of `n` items from `x`, accumulator `r`.
///
/// # Safety
/// `n` items of `T` from `x`.
#[inline(always)]
unsafe fn contig<T: Flt, const MAX: bool, const L: usize>(x: *const T, n: usize, r: T) -> T {
    let mut v = [r; L];
    let mut i = 0;
    // SAFETY: every read is of items below `n` (the caller's contract).
    unsafe {
        while n - i >= 8 * L {
            let blk = (x.add(i) as *const [[T; L]; 8]).read_unaligned();
            let r01 = vop::<T, MAX, L>(blk[0], blk[1]);
            let r23 = vop::<T, MAX, L>(blk[2], blk[3]);
            let r45 = vop::<T, MAX, L>(blk[4], blk[5]);
            let r67 = vop::<T, MAX, L>(blk[6], blk[7]);
            let t = vop::<T, MAX, L>(vop::<T, MAX, L>(r01, r23), vop::<T, MAX, L>(r45, r67));
            v = vop::<T, MAX, L>(v, t);
            i += 8 * L;
        }
        while n - i >= L {
            v = vop::<T, MAX, L>(v, (x.add(i) as *const [T; L]).read_unaligned());
            i += L;
        }
        let mut r = reduce_lanes::<T, MAX, L>(v);
        while i < n {
            r = op::<T, MAX>(r, x.add(i).read_unaligned());
            i += 1;
        }
        r
    }
}

/// [`contig`] compiled for AVX2 (one `vminps`/`vcmpps`/`vblendvps` per vector).
///
/// # Safety
/// As [`contig`]; AVX2 present.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn contig_avx2<T: Flt, const MAX: bool, const L: usize>(x: *const T, n: usize, r: T) -> T {
    // SAFETY: forwarded.
    unsafe { contig::<T, MAX, L>(x, n, r) }
}

/// [`contig`] at the best instruction set present (the same operations, so the same
/// result).
///
/// # Safety
/// As [`contig`].
#[inline(always)]
unsafe fn contig_best<T: Flt, const MAX: bool, const L: usize>(x: *const T, n: usize, r: T) -> T {
    #[cfg(target_arch = "x86_64")]
    if super::super::simd::has_avx2() {
        // SAFETY: AVX2 is present; forwarded.
        return unsafe { contig_avx2::<T, MAX, L>(x, n, r) };
    }
    // SAFETY: forwarded.
    unsafe { contig::<T, MAX, L>(x, n, r) }
}

/// The reduce variant (see the module docs); `L`: NumPy's lanes for `T`.
///
/// # Safety
/// The `ReduceFn` contract: `acc` one element, `x` `n` elements with stride `s`.
unsafe fn minmax_reduce<T: Flt, const MAX: bool, const L: usize>(
    _ctx: &LoopContext<'_>,
    acc: *mut u8,
    x: *const u8,
    n: usize,
    s: isize,
) -> LoopResult {
    let size = std::mem::size_of::<T>();
    // Comparisons of NaNs raise no flag (NumPy's loop clears them).
    let _q = FpQuiet::new();
    // SAFETY: the contract.
    unsafe {
        let a = acc as *mut T;
        let mut r = a.read();
        if s == size as isize {
            r = contig_best::<T, MAX, L>(x as *const T, n, r);
        } else {
            let mut i = 0;
            if n >= 8 {
                let mut m: [T; 8] = std::array::from_fn(|k| at::<T>(x, s, k));
                i = 8;
                while i + 8 <= n {
                    for (k, mk) in m.iter_mut().enumerate() {
                        *mk = op::<T, MAX>(*mk, at::<T>(x, s, i + k));
                    }
                    i += 8;
                }
                let m0 = op::<T, MAX>(m[0], m[1]);
                let m2 = op::<T, MAX>(m[2], m[3]);
                let m4 = op::<T, MAX>(m[4], m[5]);
                let m6 = op::<T, MAX>(m[6], m[7]);
                let m0 = op::<T, MAX>(m0, m2);
                let m4 = op::<T, MAX>(m4, m6);
                r = op::<T, MAX>(r, op::<T, MAX>(m0, m4));
            }
            while i < n {
                r = op::<T, MAX>(r, at::<T>(x, s, i));
                i += 1;
            }
        }
        a.write(r);
    }
    Ok(())
}

pub(crate) fn register(r: &mut Registry) {
    r.add_reduce("minimum", "ff->f", minmax_reduce::<f32, false, 8>);
    r.add_reduce("maximum", "ff->f", minmax_reduce::<f32, true, 8>);
    r.add_reduce("minimum", "dd->d", minmax_reduce::<f64, false, 4>);
    r.add_reduce("maximum", "dd->d", minmax_reduce::<f64, true, 4>);
}
