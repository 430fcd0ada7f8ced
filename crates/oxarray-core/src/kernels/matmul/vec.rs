//! `vecdot` `(n),(n)->()`, `matvec` `(m,n),(n)->(m)` and `vecmat` `(n),(n,m)->(m)`, the
//! NumPy 2.2+ generalized ufuncs next to `matmul`. `vecdot` and `vecmat` conjugate the
//! vector (first) operand, as NumPy does for complex inputs. Accumulation follows
//! [`MatElem`] (wrapping integers, logical or/and for bool, float32 for float16).

use half::f16;
use num_complex::Complex;

use super::scalar::MatElem;
use super::Registry;
use crate::error::Error;
use crate::ufunc::loops::{LoopContext, LoopResult};

/// Complex conjugation (identity for real types) and the sum of two partial
/// accumulators (contiguous runs use 8 of them, so the adds pipeline).
pub(crate) trait Conj: MatElem {
    fn conj(self) -> Self;
    fn combine(a: Self::Acc, b: Self::Acc) -> Self::Acc;
    /// The dot product of `n` contiguous elements by the SIMD kernels of [`fast`], for
    /// the types that have them (float32, float64).
    ///
    /// # Safety
    /// `x` and `y` address `n` contiguous elements each.
    #[inline(always)]
    unsafe fn fast_dot(_n: usize, _x: *const Self, _y: *const Self) -> Option<Self> {
        None
    }
}
macro_rules! int_conj {
    ($($t:ty),*) => {$(
        impl Conj for $t {
            #[inline(always)]
            fn conj(self) -> Self { self }
            #[inline(always)]
            fn combine(a: $t, b: $t) -> $t { a.wrapping_add(b) }
        }
    )*};
}
int_conj!(i8, i16, i32, i64, u8, u16, u32, u64);
macro_rules! float_conj {
    ($($t:ty),*) => {$(
        impl Conj for $t {
            #[inline(always)]
            fn conj(self) -> Self { self }
            #[inline(always)]
            fn combine(a: $t, b: $t) -> $t { a + b }
            #[inline(always)]
            unsafe fn fast_dot(n: usize, x: *const $t, y: *const $t) -> Option<$t> {
                // SAFETY: forwarded.
                unsafe { fast::dot(n, x, y) }
            }
        }
    )*};
}
float_conj!(f32, f64);

/// SIMD dot products of contiguous float32/float64 vectors: several independent vector
/// accumulators (so the fused multiply-adds pipeline), compiled for AVX-512 and AVX2+FMA
/// and chosen by the one run-time detection (`kernels::simd::level`); long vectors are cut
/// into a fixed partition of [`fast::PART`] elements whose partial sums run on up to
/// `num_threads()` threads (`exec::for_each_part`) and are added in order, so the result
/// never depends on the thread count. Without AVX2 the portable loop of [`dot`] runs.
pub(crate) mod fast {
    use std::ops::Add;

    use crate::kernels::simd::{level, Level};

    /// Elements per part of a long dot product.
    pub(crate) const PART: usize = 1 << 17;

    pub(crate) trait Fma: Copy + Add<Output = Self> + Send + Sync + 'static {
        const ZERO: Self;
        fn fma(a: Self, b: Self, c: Self) -> Self;
        /// The AVX2 kernel of one part.
        ///
        /// # Safety
        /// As [`body`]; the CPU has AVX2 and FMA.
        #[cfg(target_arch = "x86_64")]
        unsafe fn avx2_dot(n: usize, x: *const Self, y: *const Self) -> Self;
    }

    /// The AVX2+FMA dot product of one type, written with intrinsics: eight 256-bit
    /// accumulators over blocks of `8 * lanes` elements (two loads and one fused
    /// multiply-add per vector, no register shuffling: the auto-vectorized generic loop
    /// came out as 128-bit operations with a rotation of its accumulators through
    /// registers and the stack every iteration), then whole vectors into the first
    /// accumulator, the accumulators added pairwise, the lanes added, and the scalar
    /// tail.
    macro_rules! avx2_dot {
        ($t:ty, $lanes:literal, $fname:ident, $zero:ident, $load:ident, $fmadd:ident,
         $add:ident, $hsum:expr) => {
            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx2,fma")]
            unsafe fn $fname(n: usize, x: *const $t, y: *const $t) -> $t {
                use std::arch::x86_64::*;
                const W: usize = $lanes;
                let mut acc = [$zero(); 8];
                let mut i = 0;
                // SAFETY: every load reads `W` elements below `n` (caller's contract).
                unsafe {
                    while i + 8 * W <= n {
                        for (l, a) in acc.iter_mut().enumerate() {
                            let o = i + l * W;
                            *a = $fmadd($load(x.add(o)), $load(y.add(o)), *a);
                        }
                        i += 8 * W;
                    }
                    while i + W <= n {
                        acc[0] = $fmadd($load(x.add(i)), $load(y.add(i)), acc[0]);
                        i += W;
                    }
                }
                let a = [
                    $add(acc[0], acc[4]),
                    $add(acc[1], acc[5]),
                    $add(acc[2], acc[6]),
                    $add(acc[3], acc[7]),
                ];
                let v = $add($add(a[0], a[2]), $add(a[1], a[3]));
                let mut total: $t = $hsum(v);
                let mut tail: $t = 0.0;
                while i < n {
                    // SAFETY: `i < n` (caller's contract).
                    tail = unsafe { (*x.add(i)).mul_add(*y.add(i), tail) };
                    i += 1;
                }
                total += tail;
                total
            }
        };
    }
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    fn hsum_pd(v: std::arch::x86_64::__m256d) -> f64 {
        use std::arch::x86_64::*;
        let s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd::<1>(v));
        _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)))
    }
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    fn hsum_ps(v: std::arch::x86_64::__m256) -> f32 {
        use std::arch::x86_64::*;
        let s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps::<1>(v));
        let s = _mm_add_ps(s, _mm_movehl_ps(s, s));
        _mm_cvtss_f32(_mm_add_ss(s, _mm_movehdup_ps(s)))
    }
    avx2_dot!(
        f64,
        4,
        dot_f64_avx2,
        _mm256_setzero_pd,
        _mm256_loadu_pd,
        _mm256_fmadd_pd,
        _mm256_add_pd,
        hsum_pd
    );
    avx2_dot!(
        f32,
        8,
        dot_f32_avx2,
        _mm256_setzero_ps,
        _mm256_loadu_ps,
        _mm256_fmadd_ps,
        _mm256_add_ps,
        hsum_ps
    );

    impl Fma for f64 {
        const ZERO: f64 = 0.0;
        #[inline(always)]
        fn fma(a: f64, b: f64, c: f64) -> f64 {
            a.mul_add(b, c)
        }
        #[cfg(target_arch = "x86_64")]
        #[inline(always)]
        unsafe fn avx2_dot(n: usize, x: *const f64, y: *const f64) -> f64 {
            // SAFETY: forwarded.
            unsafe { dot_f64_avx2(n, x, y) }
        }
    }
    impl Fma for f32 {
        const ZERO: f32 = 0.0;
        #[inline(always)]
        fn fma(a: f32, b: f32, c: f32) -> f32 {
            a.mul_add(b, c)
        }
        #[cfg(target_arch = "x86_64")]
        #[inline(always)]
        unsafe fn avx2_dot(n: usize, x: *const f32, y: *const f32) -> f32 {
            // SAFETY: forwarded.
            unsafe { dot_f32_avx2(n, x, y) }
        }
    }

    /// `L` accumulators over whole groups of `L` elements, then the tail; the
    /// accumulators are added pairwise.
    ///
    /// # Safety
    /// `x` and `y` address `n` contiguous elements each.
    #[inline(always)]
    unsafe fn body<T: Fma, const L: usize>(n: usize, x: *const T, y: *const T) -> T {
        // SAFETY: the caller's contract.
        let (xs, ys) = unsafe {
            (
                std::slice::from_raw_parts(x, n),
                std::slice::from_raw_parts(y, n),
            )
        };
        let mut acc = [T::ZERO; L];
        let (xc, yc) = (xs.chunks_exact(L), ys.chunks_exact(L));
        let (xr, yr) = (xc.remainder(), yc.remainder());
        for (a, b) in xc.zip(yc) {
            for l in 0..L {
                acc[l] = T::fma(a[l], b[l], acc[l]);
            }
        }
        let mut tail = T::ZERO;
        for (a, b) in xr.iter().zip(yr) {
            tail = T::fma(*a, *b, tail);
        }
        let mut w = L;
        while w > 1 {
            w /= 2;
            for l in 0..w {
                acc[l] = acc[l] + acc[l + w];
            }
        }
        acc[0] + tail
    }

    /// # Safety
    /// As [`body`]; the CPU has the AVX-512 level.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")]
    unsafe fn avx512<T: Fma>(n: usize, x: *const T, y: *const T) -> T {
        // SAFETY: forwarded.
        unsafe { body::<T, 64>(n, x, y) }
    }

    /// # Safety
    /// As [`body`]; the CPU has AVX2 and FMA.
    #[cfg(target_arch = "x86_64")]
    #[inline]
    unsafe fn avx2<T: Fma>(n: usize, x: *const T, y: *const T) -> T {
        // SAFETY: forwarded (the CPU has AVX2 and FMA).
        unsafe { T::avx2_dot(n, x, y) }
    }

    /// One part: `None` when the CPU has no AVX2 (the caller's portable loop runs).
    ///
    /// # Safety
    /// As [`body`].
    #[inline]
    unsafe fn part<T: Fma>(n: usize, x: *const T, y: *const T) -> Option<T> {
        #[cfg(target_arch = "x86_64")]
        {
            // SAFETY: the level says the CPU has the features; the rest is forwarded.
            match level() {
                Level::Avx512 => return Some(unsafe { avx512(n, x, y) }),
                Level::Avx2 => return Some(unsafe { avx2(n, x, y) }),
                Level::Scalar => {}
            }
        }
        let _ = (n, x, y, level);
        None
    }

    /// The dot product of `n` contiguous elements (`None`: no SIMD kernel on this CPU).
    ///
    /// # Safety
    /// `x` and `y` address `n` contiguous elements each.
    pub(crate) unsafe fn dot<T: Fma>(n: usize, x: *const T, y: *const T) -> Option<T> {
        if n <= PART {
            // SAFETY: forwarded.
            return unsafe { part(n, x, y) };
        }
        let parts = n.div_ceil(PART);
        let (xa, ya) = (x as usize, y as usize);
        let bytes = n.saturating_mul(2 * std::mem::size_of::<T>());
        let sums = crate::exec::map_parts(parts, bytes, |p| {
            let start = p * PART;
            let len = PART.min(n - start);
            let (xp, yp) = (xa as *const T, ya as *const T);
            // SAFETY: elements `start..start + len` of both vectors (caller's contract).
            Ok(unsafe { part(len, xp.add(start), yp.add(start)) })
        })
        .ok()?;
        let mut total = T::ZERO;
        for s in sums {
            total = total + s?;
        }
        Some(total)
    }
}
impl Conj for bool {
    #[inline(always)]
    fn conj(self) -> Self {
        self
    }
    #[inline(always)]
    fn combine(a: bool, b: bool) -> bool {
        a | b
    }
}
impl Conj for f16 {
    #[inline(always)]
    fn conj(self) -> Self {
        self
    }
    #[inline(always)]
    fn combine(a: f32, b: f32) -> f32 {
        a + b
    }
}
impl Conj for Complex<f32> {
    #[inline(always)]
    fn conj(self) -> Self {
        Complex::conj(&self)
    }
    #[inline(always)]
    fn combine(a: Self, b: Self) -> Self {
        a + b
    }
}
impl Conj for Complex<f64> {
    #[inline(always)]
    fn conj(self) -> Self {
        Complex::conj(&self)
    }
    #[inline(always)]
    fn combine(a: Self, b: Self) -> Self {
        a + b
    }
}

fn check(ctx: &LoopContext<'_>, dims: usize, strides: usize, name: &str) -> Result<(), Error> {
    if ctx.core_dims.len() != dims || ctx.core_strides.len() != strides {
        return Err(Error::value(format!(
            "{name} loop: expected {dims} core dimensions and {strides} core strides, got {} and {}",
            ctx.core_dims.len(),
            ctx.core_strides.len()
        )));
    }
    Ok(())
}

/// `sum_k f(x[k]) * y[k]` over `n` strided elements.
///
/// # Safety
/// `x` and `y` must address `n` elements of `T` at byte strides `sx` and `sy`.
#[inline(always)]
unsafe fn dot<T: Conj>(
    n: usize,
    x: *const u8,
    sx: isize,
    y: *const u8,
    sy: isize,
    conj: bool,
) -> T {
    let es = std::mem::size_of::<T>() as isize;
    if sx == es && sy == es && n >= 16 {
        // SAFETY: contiguous, `n` elements each (caller's contract).
        if let Some(v) = unsafe { T::fast_dot(n, x as *const T, y as *const T) } {
            return v;
        }
    }
    if sx == es && sy == es && n >= 64 {
        // Contiguous: 8 independent accumulators, combined pairwise at the end.
        let (xs, ys) = (x as *const T, y as *const T);
        let mut acc = [T::zero(); 8];
        let whole = n / 8 * 8;
        let mut k = 0;
        while k < whole {
            for (l, a) in acc.iter_mut().enumerate() {
                // SAFETY: `k + l < n` elements, contiguous (caller's contract).
                let (p, q) = unsafe { (T::load(xs.add(k + l)), T::load(ys.add(k + l))) };
                *a = T::mul_add(*a, if conj { p.conj() } else { p }, q);
            }
            k += 8;
        }
        let mut tail = T::zero();
        for k in whole..n {
            // SAFETY: as above.
            let (p, q) = unsafe { (T::load(xs.add(k)), T::load(ys.add(k))) };
            tail = T::mul_add(tail, if conj { p.conj() } else { p }, q);
        }
        let c = |a, b| T::combine(a, b);
        let s = c(
            c(c(acc[0], acc[1]), c(acc[2], acc[3])),
            c(c(acc[4], acc[5]), c(acc[6], acc[7])),
        );
        return T::finish(c(s, tail));
    }
    let mut acc = T::zero();
    for k in 0..n {
        // SAFETY: in bounds by the caller's contract.
        let (a, b) = unsafe {
            (
                T::load(x.offset(k as isize * sx) as *const T),
                T::load(y.offset(k as isize * sy) as *const T),
            )
        };
        acc = T::mul_add(acc, if conj { a.conj() } else { a }, b);
    }
    T::finish(acc)
}

/// The vecdot loop.
///
/// # Safety
/// The `LoopFn` contract for core dimensions `[n]`.
unsafe fn vecdot<T: Conj>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    check(ctx, 1, 2, "vecdot")?;
    let n = ctx.core_dims[0];
    let (sx, sy) = (ctx.core_strides[0], ctx.core_strides[1]);
    let es = std::mem::size_of::<T>() as isize;
    let mut start = 0;
    if sx != es || sy != es {
        // Strided vectors (e.g. `axis=0` of a C-ordered matrix): BLOCK dot products at
        // once, walking the core dimension, so the BLOCK independent accumulations
        // pipeline and neighbouring outputs share each cache line read.
        const BLOCK: usize = 8;
        while start + BLOCK <= len {
            let base = |i: usize| ptrs[i].wrapping_offset(start as isize * strides[i]);
            let (x0, y0) = (base(0), base(1));
            let mut acc = [T::zero(); BLOCK];
            for k in 0..n as isize {
                for (l, a) in acc.iter_mut().enumerate() {
                    // SAFETY: element `k` of iteration `start + l < len` of each input
                    // (LoopFn contract).
                    let (p, q) = unsafe {
                        (
                            T::load(x0.offset(l as isize * strides[0] + k * sx) as *const T),
                            T::load(y0.offset(l as isize * strides[1] + k * sy) as *const T),
                        )
                    };
                    *a = T::mul_add(*a, p.conj(), q);
                }
            }
            for (l, a) in acc.into_iter().enumerate() {
                // SAFETY: output of iteration `start + l < len` (LoopFn contract).
                unsafe {
                    (ptrs[2].offset((start + l) as isize * strides[2]) as *mut T)
                        .write(T::finish(a));
                }
            }
            start += BLOCK;
        }
    }
    for it in start..len {
        let off = |i: usize| it as isize * strides[i];
        // SAFETY: iteration `it` of each operand is a whole core block (LoopFn contract).
        unsafe {
            let v = dot::<T>(
                n,
                ptrs[0].offset(off(0)),
                sx,
                ptrs[1].offset(off(1)),
                sy,
                true,
            );
            (ptrs[2].offset(off(2)) as *mut T).write(v);
        }
    }
    Ok(())
}

/// The matvec loop.
///
/// # Safety
/// The `LoopFn` contract for core dimensions `[m, n]`.
unsafe fn matvec<T: Conj>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    check(ctx, 2, 4, "matvec")?;
    let (m, n) = (ctx.core_dims[0], ctx.core_dims[1]);
    let s = ctx.core_strides;
    for it in 0..len {
        let off = |i: usize| it as isize * strides[i];
        // SAFETY: as in `vecdot`.
        unsafe {
            let (a, x, c) = (
                ptrs[0].offset(off(0)),
                ptrs[1].offset(off(1)),
                ptrs[2].offset(off(2)),
            );
            for i in 0..m {
                let v = dot::<T>(n, x, s[2], a.offset(i as isize * s[0]), s[1], false);
                (c.offset(i as isize * s[3]) as *mut T).write(v);
            }
        }
    }
    Ok(())
}

/// The vecmat loop.
///
/// # Safety
/// The `LoopFn` contract for core dimensions `[n, m]`.
unsafe fn vecmat<T: Conj>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    check(ctx, 2, 4, "vecmat")?;
    let (n, m) = (ctx.core_dims[0], ctx.core_dims[1]);
    let s = ctx.core_strides;
    for it in 0..len {
        let off = |i: usize| it as isize * strides[i];
        // SAFETY: as in `vecdot`.
        unsafe {
            let (x, a, c) = (
                ptrs[0].offset(off(0)),
                ptrs[1].offset(off(1)),
                ptrs[2].offset(off(2)),
            );
            for j in 0..m {
                let v = dot::<T>(n, x, s[0], a.offset(j as isize * s[2]), s[1], true);
                (c.offset(j as isize * s[3]) as *mut T).write(v);
            }
        }
    }
    Ok(())
}

macro_rules! reg_all {
    ($r:expr, $name:expr, $f:ident) => {
        $r.add($name, "??->?", $f::<bool>);
        $r.add($name, "bb->b", $f::<i8>);
        $r.add($name, "BB->B", $f::<u8>);
        $r.add($name, "hh->h", $f::<i16>);
        $r.add($name, "HH->H", $f::<u16>);
        $r.add($name, "ii->i", $f::<i32>);
        $r.add($name, "II->I", $f::<u32>);
        $r.add($name, "ll->l", $f::<i64>);
        $r.add($name, "LL->L", $f::<u64>);
        $r.add($name, "ee->e", $f::<f16>);
        $r.add($name, "ff->f", $f::<f32>);
        $r.add($name, "dd->d", $f::<f64>);
        $r.add($name, "FF->F", $f::<Complex<f32>>);
        $r.add($name, "DD->D", $f::<Complex<f64>>);
    };
}

pub(crate) fn register(r: &mut Registry) {
    reg_all!(r, "vecdot", vecdot);
    reg_all!(r, "matvec", matvec);
    reg_all!(r, "vecmat", vecmat);
}
