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

/// `a` if it is NaN or wins strictly (`MAX`: greater), else `b` (x86 `maxp`/`minp`
/// then a blend keeping a NaN `a`: see [`MinMaxLanes`]).
#[inline(always)]
fn op<T: Flt, const MAX: bool>(a: T, b: T) -> T {
    let m = if MAX {
        if a > b {
            a
        } else {
            b
        }
    } else if a < b {
        a
    } else {
        b
    };
    if a.is_nan() {
        a
    } else {
        m
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

/// The lanes of the contiguous order (see the module docs) over `n` items from `x`
/// (`n` a multiple of `L`), starting from the lane vector `v`.
///
/// # Safety
/// `n` items of `T` from `x`.
#[inline(always)]
unsafe fn lanes<T: Flt, const MAX: bool, const L: usize>(
    x: *const T,
    n: usize,
    mut v: [T; L],
) -> [T; L] {
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
    }
    v
}

/// Reduce the lane vector `v` of the first `nv` items, then fold items `nv..n` in order.
///
/// # Safety
/// `n` items of `T` from `x`.
#[inline(always)]
unsafe fn finish<T: Flt, const MAX: bool, const L: usize>(
    x: *const T,
    n: usize,
    nv: usize,
    v: [T; L],
) -> T {
    let mut r = reduce_lanes::<T, MAX, L>(v);
    for i in nv..n {
        // SAFETY: an item below `n`.
        r = op::<T, MAX>(r, unsafe { x.add(i).read_unaligned() });
    }
    r
}

/// The float types of the reduce variant: [`lanes`] written with AVX2 intrinsics.
pub(crate) trait MinMaxLanes: Flt + Send + Sync {
    /// [`lanes`] with NumPy's three instructions per vector (`vmaxp`/`vminp`, which keep
    /// the second operand on ties and NaNs, then a blend keeping a NaN first operand),
    /// the same operations in the same order, so the same lanes.
    ///
    /// # Safety
    /// As [`lanes`]; AVX2 present; `L` is the type's lane count (8 for f32, 4 for f64).
    #[cfg(target_arch = "x86_64")]
    unsafe fn lanes_avx2<const MAX: bool, const L: usize>(
        x: *const Self,
        n: usize,
        v: [Self; L],
    ) -> [Self; L];
}

macro_rules! avx_lanes {
    ($t:ty, $lanes:literal, $v:ty, $load:ident, $max:ident, $min:ident, $cmp:ident, $blend:ident, $unord:ident) => {
        impl MinMaxLanes for $t {
            #[cfg(target_arch = "x86_64")]
            unsafe fn lanes_avx2<const MAX: bool, const L: usize>(
                x: *const $t,
                n: usize,
                v: [$t; L],
            ) -> [$t; L] {
                use std::arch::x86_64::*;
                const { assert!(L == $lanes) };

                #[target_feature(enable = "avx2")]
                #[inline]
                fn vop<const MAX: bool>(a: $v, b: $v) -> $v {
                    let m = if MAX { $max(a, b) } else { $min(a, b) };
                    $blend(m, a, $cmp::<$unord>(a, a))
                }

                #[target_feature(enable = "avx2")]
                unsafe fn run<const MAX: bool>(x: *const $t, n: usize, v: $v) -> $v {
                    let mut v = v;
                    let mut i = 0;
                    // SAFETY: every read is of items below `n` (the caller's contract).
                    unsafe {
                        while n - i >= 8 * $lanes {
                            let p = x.add(i);
                            let r01 = vop::<MAX>($load(p), $load(p.add($lanes)));
                            let r23 =
                                vop::<MAX>($load(p.add(2 * $lanes)), $load(p.add(3 * $lanes)));
                            let r45 =
                                vop::<MAX>($load(p.add(4 * $lanes)), $load(p.add(5 * $lanes)));
                            let r67 =
                                vop::<MAX>($load(p.add(6 * $lanes)), $load(p.add(7 * $lanes)));
                            v = vop::<MAX>(
                                v,
                                vop::<MAX>(vop::<MAX>(r01, r23), vop::<MAX>(r45, r67)),
                            );
                            i += 8 * $lanes;
                        }
                        while n - i >= $lanes {
                            v = vop::<MAX>(v, $load(x.add(i)));
                            i += $lanes;
                        }
                    }
                    v
                }

                // SAFETY: `[$t; L]` and the vector type have the same size (L checked
                // above); the caller's contract for the reads and AVX2.
                unsafe {
                    let v0: $v = std::mem::transmute_copy(&v);
                    std::mem::transmute_copy(&run::<MAX>(x, n, v0))
                }
            }
        }
    };
}

avx_lanes!(
    f32,
    8,
    __m256,
    _mm256_loadu_ps,
    _mm256_max_ps,
    _mm256_min_ps,
    _mm256_cmp_ps,
    _mm256_blendv_ps,
    _CMP_UNORD_Q
);
avx_lanes!(
    f64,
    4,
    __m256d,
    _mm256_loadu_pd,
    _mm256_max_pd,
    _mm256_min_pd,
    _mm256_cmp_pd,
    _mm256_blendv_pd,
    _CMP_UNORD_Q
);

/// [`lanes`] at the best instruction set present (the same operations, so the same
/// lanes).
///
/// # Safety
/// As [`lanes`].
#[inline(always)]
unsafe fn lanes_best<T: MinMaxLanes, const MAX: bool, const L: usize>(
    x: *const T,
    n: usize,
    v: [T; L],
) -> [T; L] {
    #[cfg(target_arch = "x86_64")]
    if super::super::simd::has_avx2() {
        // SAFETY: AVX2 is present; forwarded.
        return unsafe { T::lanes_avx2::<MAX, L>(x, n, v) };
    }
    // SAFETY: forwarded.
    unsafe { lanes::<T, MAX, L>(x, n, v) }
}

/// Runs of at least this many items are split into parts run on the pool.
const PAR_MIN: usize = 1 << 17;
/// Items per part of a split run (a multiple of every `8 * L`).
const PAR_PART: usize = 1 << 16;

/// The contiguous order of `n` items from `x`, accumulator `r` (the lanes over the
/// whole vectors, reduced, then the tail one at a time), at the best instruction set
/// present, long runs split into parts of
/// [`PAR_PART`] items computed on the pool (`exec::for_each_part`).
///
/// Exact for every split: each lane's [`op`] fold keeps the first NaN, else the last
/// item (in order) of the winning value, and that choice is associative, so a part's
/// lanes started from its own first vector and combined in order with the lanes before
/// it give the serial lanes; every part starts at a multiple of `L`, so each item stays
/// in its lane.
///
/// # Safety
/// `n` items of `T` from `x`.
#[inline(always)]
unsafe fn contig_best<T: MinMaxLanes, const MAX: bool, const L: usize>(
    x: *const T,
    n: usize,
    r: T,
) -> T {
    let nv = n - n % L;
    let item = std::mem::size_of::<T>();
    if nv < PAR_MIN || crate::exec::parallelism(nv * item) <= 1 {
        // SAFETY: forwarded.
        return unsafe { finish::<T, MAX, L>(x, n, nv, lanes_best::<T, MAX, L>(x, nv, [r; L])) };
    }
    let parts = nv.div_ceil(PAR_PART);
    let xa = x as usize;
    let lanes = crate::exec::map_parts(parts, nv * item, |k| {
        let (s, e) = (k * PAR_PART, ((k + 1) * PAR_PART).min(nv));
        // Comparisons of NaNs raise no flag on the worker either.
        let _q = FpQuiet::new();
        // SAFETY: items s..e lie inside the run; part 0 starts from the accumulator,
        // the others from their own first vector (read, then folded over the rest).
        Ok(unsafe {
            let p = (xa as *const T).add(s);
            if k == 0 {
                lanes_best::<T, MAX, L>(p, e - s, [r; L])
            } else {
                let first = (p as *const [T; L]).read_unaligned();
                lanes_best::<T, MAX, L>(p.add(L), e - s - L, first)
            }
        })
    })
    .expect("the parts cannot fail");
    let v = lanes
        .into_iter()
        .reduce(|v, w| vop::<T, MAX, L>(v, w))
        .expect("at least one part");
    // SAFETY: the caller's contract.
    unsafe { finish::<T, MAX, L>(x, n, nv, v) }
}

/// The reduce variant (see the module docs); `L`: NumPy's lanes for `T`.
///
/// # Safety
/// The `ReduceFn` contract: `acc` one element, `x` `n` elements with stride `s`.
unsafe fn minmax_reduce<T: MinMaxLanes, const MAX: bool, const L: usize>(
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The AVX2 lanes equal the portable lanes bit for bit (signed zeros, ties, NaN
    /// payloads in every lane and position).
    #[test]
    fn avx2_lanes_are_the_portable_lanes() {
        if !crate::kernels::simd::has_avx2() {
            return;
        }
        let mut seed = 0x2545f4914f6cdd1du64;
        for n in [0usize, 4, 8, 28, 32, 36, 64, 100, 1000] {
            for case in 0..3 {
                let x: Vec<f64> = (0..n)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        match (case, seed % 40) {
                            (2, 0) => f64::from_bits(0x7ff8_0000_0000_0000 | (seed >> 40)),
                            (1, _) => (seed % 3) as f64 - 1.0,
                            _ => {
                                if seed & 2 == 0 {
                                    0.0
                                } else {
                                    -0.0
                                }
                            }
                        }
                    })
                    .collect();
                let y: Vec<f32> = x.iter().map(|&v| v as f32).collect();
                let (n4, n8) = (n - n % 4, n - n % 8);
                // SAFETY: n4/n8 items; AVX2 checked above.
                unsafe {
                    let a = lanes::<f64, true, 4>(x.as_ptr(), n4, [-0.0; 4]);
                    let b = f64::lanes_avx2::<true, 4>(x.as_ptr(), n4, [-0.0; 4]);
                    assert_eq!(
                        a.map(f64::to_bits),
                        b.map(f64::to_bits),
                        "n={n} case={case}"
                    );
                    let a = lanes::<f32, false, 8>(y.as_ptr(), n8, [0.0; 8]);
                    let b = f32::lanes_avx2::<false, 8>(y.as_ptr(), n8, [0.0; 8]);
                    assert_eq!(
                        a.map(f32::to_bits),
                        b.map(f32::to_bits),
                        "n={n} case={case}"
                    );
                }
            }
        }
    }

    /// Signed zeros, ties and NaNs placed so that any change of lane or order shows in
    /// the bits; the split result must equal the one-thread result at every length.
    #[test]
    fn split_is_thread_invariant() {
        let mut seed = 0x9e3779b97f4a7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for n in [
            PAR_MIN - 1,
            PAR_MIN,
            PAR_MIN + 3,
            3 * PAR_PART + 5,
            5 * PAR_PART + 1,
        ] {
            for case in 0..4 {
                let x: Vec<f64> = (0..n)
                    .map(|_| {
                        let r = next();
                        match case {
                            0 => {
                                if r & 1 == 0 {
                                    0.0
                                } else {
                                    -0.0
                                }
                            }
                            1 => (r % 3) as f64 - 2.0,
                            2 if r % 100_000 == 0 => {
                                f64::from_bits(0x7ff8_0000_0000_0000 | (r & 0xffff))
                            }
                            _ => {
                                if r & 1 == 0 {
                                    0.0
                                } else {
                                    -0.0
                                }
                            }
                        }
                    })
                    .collect();
                let mut bits = Vec::new();
                for t in [1, 2] {
                    crate::exec::set_num_threads(t).unwrap();
                    // SAFETY: n items.
                    let lo = unsafe { contig_best::<f64, false, 4>(x.as_ptr(), n, 0.0) };
                    // SAFETY: n items.
                    let hi = unsafe { contig_best::<f64, true, 4>(x.as_ptr(), n, -0.0) };
                    bits.push((lo.to_bits(), hi.to_bits()));
                }
                assert_eq!(bits[0], bits[1], "n={n} case={case}");
            }
        }
    }
}
