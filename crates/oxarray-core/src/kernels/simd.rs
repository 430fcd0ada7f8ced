//! The one run-time SIMD detection, and the driver of the vectorised math kernels.
//!
//! [`level`] detects the CPU once (AVX-512 F+DQ+VL+BW with AVX2+FMA, AVX2+FMA, or
//! neither) and caches it; every kernel family that has code for several instruction sets
//! picks its version from it (the generic ufunc loops in `builders`, the casts, the
//! vectorised math functions below). The environment variable `OXARRAY_SIMD`
//! (`scalar`, `avx2` or `avx512`, read once at the first kernel call) lowers the level, so
//! every path can be exercised on one machine; it never raises it above what the CPU has.
//!
//! [`vunary`] is the loop of the vectorised math functions (`exp`, `log`, `sin`...): an
//! element function written branch-free (selects, integer bit tricks, fused multiply-adds)
//! so LLVM vectorises the contiguous loop, compiled twice with `#[target_feature]` (AVX-512
//! and AVX2+FMA). Floating-point flags are computed in software, NumPy's for each function,
//! and the hardware flags of the intermediate operations are discarded. At the scalar level
//! the family's libm loop runs instead. A function may give an explicit AVX-512 kernel
//! (`core::arch` intrinsics such as `vgetmant`, `vscalef`, `vpermt2pd`, written with
//! [`avx512_pass`]) through [`VecOp::PASS512`], run instead of the compiled element
//! function at the AVX-512 level.

use std::sync::atomic::{AtomicU8, Ordering};

use super::builders::{finish, FpQuiet, UnOp};
use crate::dtype::Load;
use crate::ufunc::loops::{LoopContext, LoopResult};

/// An instruction-set level, ordered: a higher level can run every lower level's code.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// No explicit SIMD code (the compiler's baseline, SSE2 on x86-64).
    Scalar = 1,
    /// AVX2 and FMA.
    Avx2 = 2,
    /// AVX-512 F, DQ, VL and BW (with AVX2 and FMA).
    Avx512 = 3,
}

impl Level {
    /// The level's name, as `OXARRAY_SIMD` spells it.
    pub fn name(self) -> &'static str {
        match self {
            Level::Scalar => "scalar",
            Level::Avx2 => "avx2",
            Level::Avx512 => "avx512",
        }
    }
}

static LEVEL: AtomicU8 = AtomicU8::new(0);

/// What the CPU supports.
pub fn cpu_level() -> Level {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::is_x86_feature_detected as has;
        let avx2 = has!("avx2") && has!("fma");
        if avx2 && has!("avx512f") && has!("avx512dq") && has!("avx512vl") && has!("avx512bw") {
            return Level::Avx512;
        }
        if avx2 {
            return Level::Avx2;
        }
    }
    Level::Scalar
}

/// The level requested by `OXARRAY_SIMD` (`None` when unset or not understood).
fn env_level() -> Option<Level> {
    match std::env::var("OXARRAY_SIMD")
        .ok()?
        .trim()
        .to_ascii_lowercase()
        .as_str()
    {
        "scalar" | "none" => Some(Level::Scalar),
        "avx2" => Some(Level::Avx2),
        "avx512" => Some(Level::Avx512),
        _ => None,
    }
}

fn detect() -> Level {
    let cpu = cpu_level();
    env_level().map_or(cpu, |e| e.min(cpu))
}

/// The SIMD level every kernel uses (detected once, then cached).
#[inline]
pub fn level() -> Level {
    match LEVEL.load(Ordering::Relaxed) {
        1 => Level::Scalar,
        2 => Level::Avx2,
        3 => Level::Avx512,
        _ => {
            let l = detect();
            LEVEL.store(l as u8, Ordering::Relaxed);
            l
        }
    }
}

/// Whether NumPy's own AVX512_SKX loops (Intel SVML: `expm1`, `log1p`, `exp2`, ...) run on
/// this CPU (AVX-512 F, CD, BW, DQ and VL). Where they do not, NumPy calls libm, whose
/// flags differ for some arguments (glibc's `expm1` raises underflow for subnormal
/// arguments, SVML's does not); kernels that mirror NumPy's flags ask this. It depends on
/// the CPU only, not on `OXARRAY_SIMD`, because NumPy's choice does not.
pub fn numpy_svml() -> bool {
    static SVML: AtomicU8 = AtomicU8::new(0);
    match SVML.load(Ordering::Relaxed) {
        1 => false,
        2 => true,
        _ => {
            #[cfg(target_arch = "x86_64")]
            let has = {
                use std::arch::is_x86_feature_detected as has;
                has!("avx512f")
                    && has!("avx512cd")
                    && has!("avx512bw")
                    && has!("avx512dq")
                    && has!("avx512vl")
            };
            #[cfg(not(target_arch = "x86_64"))]
            let has = false;
            SVML.store(1 + has as u8, Ordering::Relaxed);
            has
        }
    }
}

/// Whether AVX2 code may run (the level is AVX2 or higher).
#[inline]
pub fn has_avx2() -> bool {
    level() >= Level::Avx2
}

/// An explicit contiguous pass: `(inp, out, n) -> (flags, slow argument seen)`.
pub(crate) type PassFn<T> = unsafe fn(*const T, *mut T, usize) -> (u8, bool);

/// A float lane type of [`VecOp`]: integer keys for the quiet-run scan of [`pass`].
pub(crate) trait Lane: Copy {
    /// A signed integer ordered as the floats (NaN beyond the infinities).
    type Key: Copy + Ord;
    /// An unsigned integer: |x| as bits minus one (wrapping: ±0 gives the maximum).
    type Mag: Copy + Ord;
    const KEY_MIN: Self::Key;
    const KEY_MAX: Self::Key;
    const MAG_MAX: Self::Mag;
    fn key(self) -> Self::Key;
    fn mag(self) -> Self::Mag;
}

macro_rules! lane {
    ($t:ty, $i:ty, $u:ty, $sh:literal) => {
        impl Lane for $t {
            type Key = $i;
            type Mag = $u;
            const KEY_MIN: $i = <$i>::MIN;
            const KEY_MAX: $i = <$i>::MAX;
            const MAG_MAX: $u = <$u>::MAX;
            #[inline(always)]
            fn key(self) -> $i {
                let b = self.to_bits() as $i;
                b ^ (((b >> $sh) as $u) >> 1) as $i
            }
            #[inline(always)]
            fn mag(self) -> $u {
                (self.to_bits() & (<$u>::MAX >> 1)).wrapping_sub(1)
            }
        }
    };
}
lane!(f32, i32, u32, 31);
lane!(f64, i64, u64, 63);

/// A vectorisable element function of one float type.
pub(crate) trait VecOp<T: Copy> {
    /// The result for `x`, branch-free. Lanes for which [`VecOp::slow`] holds may return
    /// anything: they are recomputed by [`VecOp::fix`].
    fn f(x: T) -> T;
    /// NumPy's floating-point flags (bits of `fpe`) for argument `x` and result `r`.
    fn flags(x: T, r: T) -> u8;
    /// Whether some arguments take the scalar [`VecOp::fix`] pass (e.g. huge arguments of
    /// `sin`).
    const HAS_SLOW: bool = false;
    /// Whether `x` is such an argument.
    #[inline(always)]
    fn slow(_x: T) -> bool {
        false
    }
    /// The result for a slow argument.
    #[inline(always)]
    fn fix(x: T) -> T {
        x
    }
    /// An explicit AVX-512 pass over a contiguous run (same contract and result as
    /// [`pass`], flags included), run instead of the compiler-vectorised [`VecOp::f`] loop
    /// at the AVX-512 level; `None`: the generic loop.
    const PASS512: Option<PassFn<T>> = None;
    /// Bounds (lo, hi): arguments with lo <= x <= hi raise no flag and are not slow,
    /// unless [`VecOp::TINY`] says otherwise (`None`: no such bounds). [`pass`] scans each
    /// block's arguments for them (integer min/max, cheap) and skips [`VecOp::flags`] and
    /// [`VecOp::slow`] for quiet blocks.
    const QUIET: Option<(T, T)> = None;
    /// Arguments with 0 < |x| <= TINY raise a flag even inside [`VecOp::QUIET`].
    const TINY: Option<T> = None;
}

/// Elements per block of the buffered paths (strided operands, slow-argument passes).
const BLOCK: usize = 256;

/// Elements per block of the quiet-run scan (L1-resident between scan and compute).
const SCAN: usize = 1024;

/// `out[i] = f(inp[i])` for `i < n`, with flags and slow arguments only when `CHECK`.
#[inline(always)]
unsafe fn run<T: Copy, Op: VecOp<T>, const CHECK: bool>(
    inp: *const T,
    out: *mut T,
    n: usize,
) -> (u8, bool) {
    let mut fl = 0u8;
    let mut slow = false;
    for i in 0..n {
        // SAFETY: `i < n` elements of both runs (caller); the input is read before the
        // output of the same index is written.
        unsafe {
            let x = *inp.add(i);
            let r = Op::f(x);
            if CHECK {
                fl |= Op::flags(x, r);
                if Op::HAS_SLOW {
                    slow |= Op::slow(x);
                }
            }
            *out.add(i) = r;
        }
    }
    (fl, slow)
}

/// The contiguous pass: `out[i] = f(inp[i])`, returning the flags and whether a slow
/// argument was seen. `inp` and `out` are identical or disjoint. With [`VecOp::QUIET`]
/// bounds, each block is first scanned (its arguments' integer keys' min and max) and a
/// quiet block runs without the per-element flag and slow tests.
#[inline(always)]
unsafe fn pass<T: Lane, Op: VecOp<T>>(inp: *const T, out: *mut T, n: usize) -> (u8, bool) {
    let Some((lo, hi)) = Op::QUIET else {
        // SAFETY: forwarded.
        return unsafe { run::<T, Op, true>(inp, out, n) };
    };
    let (klo, khi) = (lo.key(), hi.key());
    // 0 < |x| <= TINY exactly when mag(x) = |x| bits - 1 < |TINY| bits = mag(TINY) + 1.
    let tiny = Op::TINY.map(|t| t.mag());
    let mut fl = 0u8;
    let mut slow = false;
    let mut i = 0;
    while i < n {
        let m = (n - i).min(SCAN);
        let (mut a, mut b) = (T::KEY_MAX, T::KEY_MIN);
        let mut t = T::MAG_MAX;
        for j in 0..m {
            // SAFETY: element i + j < n of the input.
            let x = unsafe { *inp.add(i + j) };
            let k = x.key();
            a = a.min(k);
            b = b.max(k);
            if tiny.is_some() {
                t = t.min(x.mag());
            }
        }
        let quiet = klo <= a && b <= khi && tiny.is_none_or(|tm| t > tm);
        // SAFETY: elements i..i + m of both runs.
        let (f, s) = unsafe {
            if quiet {
                run::<T, Op, false>(inp.add(i), out.add(i), m)
            } else {
                run::<T, Op, true>(inp.add(i), out.add(i), m)
            }
        };
        fl |= f;
        slow |= s;
        i += m;
    }
    (fl, slow)
}

/// # Safety
/// As [`pass`]; the CPU supports the AVX-512 level.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")]
unsafe fn pass_avx512<T: Lane, Op: VecOp<T>>(inp: *const T, out: *mut T, n: usize) -> (u8, bool) {
    // SAFETY: forwarded.
    unsafe { pass::<T, Op>(inp, out, n) }
}

/// # Safety
/// As [`pass`]; the CPU supports AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn pass_avx2<T: Lane, Op: VecOp<T>>(inp: *const T, out: *mut T, n: usize) -> (u8, bool) {
    // SAFETY: forwarded.
    unsafe { pass::<T, Op>(inp, out, n) }
}

/// The scalar level's pass: the libm element function `Fb`, with `Op`'s (NumPy's) flags.
///
/// # Safety
/// As [`pass`].
unsafe fn pass_scalar<T: Copy, Op: VecOp<T>, Fb: UnOp<T, T>>(
    inp: *const T,
    out: *mut T,
    n: usize,
) -> (u8, bool) {
    let mut fl = 0u8;
    let mut ignored = 0u8;
    for i in 0..n {
        // SAFETY: as in `pass`.
        unsafe {
            let x = *inp.add(i);
            let r = Fb::f(x, &mut ignored);
            fl |= Op::flags(x, r);
            *out.add(i) = r;
        }
    }
    (fl, false)
}

/// [`pass`] at level `lv` (the libm loop at the scalar level).
#[inline(always)]
unsafe fn pass_at<T: Lane, Op: VecOp<T>, Fb: UnOp<T, T>>(
    lv: Level,
    inp: *const T,
    out: *mut T,
    n: usize,
) -> (u8, bool) {
    if lv == Level::Scalar {
        // SAFETY: forwarded.
        return unsafe { pass_scalar::<T, Op, Fb>(inp, out, n) };
    }
    // SAFETY: the level was detected on this CPU; runs as the caller's.
    #[cfg(target_arch = "x86_64")]
    unsafe {
        if lv == Level::Avx512 {
            match Op::PASS512 {
                Some(p) => p(inp, out, n),
                None => pass_avx512::<T, Op>(inp, out, n),
            }
        } else {
            pass_avx2::<T, Op>(inp, out, n)
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    unsafe {
        let _ = lv;
        pass::<T, Op>(inp, out, n)
    }
}

/// The ufunc loop of a vectorised element function `Op`, with `Fallback` (the libm loop
/// element) at the scalar level; the flags are `Op::flags` (NumPy's) at every level.
///
/// # Safety
/// The `LoopFn` contract for one `T` input and one `T` output.
pub(crate) unsafe fn vunary<T: Load + Default + Lane, Op: VecOp<T>, Fallback: UnOp<T, T>>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    let lv = level();
    let (ip, op) = (ptrs[0], ptrs[1]);
    let (is, os) = (strides[0], strides[1]);
    let es = size_of::<T>() as isize;
    let mut fl = 0u8;
    {
        // Intermediate operations may raise any hardware flag; the flags NumPy reports are
        // computed in software (`Op::flags`).
        let _quiet = FpQuiet::new();
        let contiguous = is == es && os == es;
        if contiguous && (!Op::HAS_SLOW || lv == Level::Scalar || ip != op) {
            // SAFETY: contiguous runs of `len` elements, identical or disjoint.
            let (f, slow) =
                unsafe { pass_at::<T, Op, Fallback>(lv, ip as *const T, op as *mut T, len) };
            fl = f;
            if slow && lv != Level::Scalar {
                // Disjoint runs (`ip != op`): the arguments are still there.
                for j in 0..len {
                    // SAFETY: element j < len of both runs.
                    unsafe {
                        let x = *(ip as *const T).add(j);
                        if Op::slow(x) {
                            *(op as *mut T).add(j) = Op::fix(x);
                        }
                    }
                }
            }
        } else {
            let mut buf = [T::default(); BLOCK];
            let mut res = [T::default(); BLOCK];
            let mut start = 0;
            while start < len {
                let n = (len - start).min(BLOCK);
                for (j, b) in buf[..n].iter_mut().enumerate() {
                    // SAFETY: element start + j < len of the input (LoopFn contract).
                    *b = unsafe { T::load(ip.offset((start + j) as isize * is) as *const T) };
                }
                // SAFETY: two stack buffers of BLOCK >= n elements.
                let (f, slow) =
                    unsafe { pass_at::<T, Op, Fallback>(lv, buf.as_ptr(), res.as_mut_ptr(), n) };
                fl |= f;
                if slow && lv != Level::Scalar {
                    for (r, x) in res[..n].iter_mut().zip(&buf[..n]) {
                        if Op::slow(*x) {
                            *r = Op::fix(*x);
                        }
                    }
                }
                for (j, r) in res[..n].iter().enumerate() {
                    // SAFETY: element start + j < len of the output (LoopFn contract).
                    unsafe { *(op.offset((start + j) as isize * os) as *mut T) = *r };
                }
                start += n;
            }
        }
    }
    finish(ctx, fl)
}

/// Defines `unsafe fn $name(inp: *const $t, out: *mut $t, n: usize) -> (u8, bool)`, an
/// explicit AVX-512 pass (for [`VecOp::PASS512`]): `$kernel` (a `#[target_feature]`
/// function of one register, returning the results and NumPy's flags for its lanes) over
/// full registers, then one masked register for the tail, its unused lanes loaded as
/// `$fill` (an argument that raises no flag).
#[cfg(target_arch = "x86_64")]
macro_rules! avx512_pass {
    ($name:ident, f32, $kernel:path, $fill:expr) => {
        /// # Safety
        /// As `simd::pass`; the CPU supports the AVX-512 level.
        #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")]
        pub(crate) unsafe fn $name(inp: *const f32, out: *mut f32, n: usize) -> (u8, bool) {
            use std::arch::x86_64::*;
            let mut fl = 0u8;
            let mut i = 0;
            while i + 16 <= n {
                // SAFETY: elements i..i + 16 of both runs (caller); read before written.
                unsafe {
                    let (r, f) = $kernel(_mm512_loadu_ps(inp.add(i)));
                    fl |= f;
                    _mm512_storeu_ps(out.add(i), r);
                }
                i += 16;
            }
            if i < n {
                let m: __mmask16 = ((1u32 << (n - i)) - 1) as u16;
                // SAFETY: masked lanes i..n only.
                unsafe {
                    let x = _mm512_mask_loadu_ps(_mm512_set1_ps($fill), m, inp.add(i));
                    let (r, f) = $kernel(x);
                    fl |= f;
                    _mm512_mask_storeu_ps(out.add(i), m, r);
                }
            }
            (fl, false)
        }
    };
    ($name:ident, f64, $kernel:path, $fill:expr) => {
        /// # Safety
        /// As `simd::pass`; the CPU supports the AVX-512 level.
        #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")]
        pub(crate) unsafe fn $name(inp: *const f64, out: *mut f64, n: usize) -> (u8, bool) {
            use std::arch::x86_64::*;
            let mut fl = 0u8;
            let mut i = 0;
            while i + 8 <= n {
                // SAFETY: elements i..i + 8 of both runs (caller); read before written.
                unsafe {
                    let (r, f) = $kernel(_mm512_loadu_pd(inp.add(i)));
                    fl |= f;
                    _mm512_storeu_pd(out.add(i), r);
                }
                i += 8;
            }
            if i < n {
                let m: __mmask8 = ((1u32 << (n - i)) - 1) as u8;
                // SAFETY: masked lanes i..n only.
                unsafe {
                    let x = _mm512_mask_loadu_pd(_mm512_set1_pd($fill), m, inp.add(i));
                    let (r, f) = $kernel(x);
                    fl |= f;
                    _mm512_mask_storeu_pd(out.add(i), m, r);
                }
            }
            (fl, false)
        }
    };
}
#[cfg(target_arch = "x86_64")]
pub(crate) use avx512_pass;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_is_cached_and_not_above_cpu() {
        let l = level();
        assert_eq!(l, level());
        assert!(l <= cpu_level());
    }
}
