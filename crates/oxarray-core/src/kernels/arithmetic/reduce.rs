//! Reduce variants of `add` and `multiply` (see [`ReduceFn`]): NumPy's orders, so that
//! sums and products are bit-identical to NumPy's for the same inner-loop runs.
//!
//! - `add` over float16/32/64 and complex64/128: NumPy's `@TYPE@_pairwise_sum`
//!   (`loops_utils.h.src`): under 8 elements a plain loop from -0.0; up to
//!   [`PW_BLOCKSIZE`] elements 8 accumulators (lane `j` takes elements `j, j+8, ...`),
//!   combined as `((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))`, then the tail in order; above, two
//!   halves split at `n/2` rounded down to a multiple of 8, summed recursively and added.
//!   The run's result is added to the accumulator once (`io1 += pairwise_sum(...)`).
//!   float16 sums in float32 and rounds once per run; complex sums are the same over the
//!   interleaved (re, im) scalars, so 4 complex accumulators per block.
//! - `multiply` over floats: in order (float16 in float32, rounded once per run).
//!
//! The 8-lane block loop is written over arrays so LLVM vectorises it (same IEEE
//! operations in the same order, lane by lane); an AVX2 copy is picked at run time.
//! Runs long enough are split along the top levels of the same pairwise tree and the
//! parts computed on the shared pool ([`crate::exec::for_each_part`]): the tree does not
//! depend on the thread count, so neither does the result.

use std::ops::{Add, Mul};

use half::f16;
use num_complex::Complex;

use super::super::num::to_f16;
use super::super::Registry;
use crate::ufunc::loops::{LoopContext, LoopResult};

/// NumPy's `PW_BLOCKSIZE`.
pub const PW_BLOCKSIZE: usize = 128;
/// Runs of at least this many elements are split into parts run on the pool.
const PAR_MIN: usize = 1 << 16;
/// Depth of the fixed split of a long run: `2^PAR_DEPTH` parts.
const PAR_DEPTH: u32 = 3;

pub(crate) trait Real: Copy + Add<Output = Self> + Mul<Output = Self> + Send + Sync {
    const NEG_ZERO: Self;
}
impl Real for f32 {
    const NEG_ZERO: f32 = -0.0;
}
impl Real for f64 {
    const NEG_ZERO: f64 = -0.0;
}

/// Reads element `i` of a run as the accumulation type.
pub(crate) trait Reader<T>: Copy + Send + Sync {
    /// # Safety
    /// `i` is inside the run.
    unsafe fn at(&self, i: usize) -> T;
    fn offset(&self, i: usize) -> Self;
    /// Hint that elements `i..i + n` will be read soon (contiguous readers issue
    /// prefetches for their cache lines; never reads memory, so any `i` is allowed).
    #[inline(always)]
    fn prefetch(&self, _i: usize, _n: usize) {}
}

#[derive(Clone, Copy)]
pub(crate) struct Contig<S>(*const S);
#[derive(Clone, Copy)]
pub(crate) struct Strided<S>(*const u8, isize, std::marker::PhantomData<S>);
// SAFETY: readers only read a run the caller keeps alive and unchanged for the call.
unsafe impl<S> Send for Contig<S> {}
// SAFETY: as above.
unsafe impl<S> Sync for Contig<S> {}
// SAFETY: as above.
unsafe impl<S> Send for Strided<S> {}
// SAFETY: as above.
unsafe impl<S> Sync for Strided<S> {}

macro_rules! reader {
    ($s:ty, $t:ty, $conv:expr) => {
        impl Reader<$t> for Contig<$s> {
            #[inline(always)]
            unsafe fn at(&self, i: usize) -> $t {
                // SAFETY: caller.
                $conv(unsafe { self.0.add(i).read() })
            }
            #[inline(always)]
            fn offset(&self, i: usize) -> Self {
                Contig(self.0.wrapping_add(i))
            }
            #[inline(always)]
            fn prefetch(&self, i: usize, n: usize) {
                prefetch_lines(
                    self.0.wrapping_add(i) as *const u8,
                    n * std::mem::size_of::<$s>(),
                );
            }
        }
        impl Reader<$t> for Strided<$s> {
            #[inline(always)]
            unsafe fn at(&self, i: usize) -> $t {
                // SAFETY: caller; items may be unaligned only for buffered-free float16.
                $conv(unsafe { (self.0.offset(i as isize * self.1) as *const $s).read_unaligned() })
            }
            #[inline(always)]
            fn offset(&self, i: usize) -> Self {
                Strided(
                    self.0.wrapping_offset(i as isize * self.1),
                    self.1,
                    std::marker::PhantomData,
                )
            }
        }
    };
}
/// Prefetch (to L1) every 64-byte line of `len` bytes from `p`; a hint, never a read
/// (addresses past the end of the data are harmless).
#[inline(always)]
fn prefetch_lines(p: *const u8, len: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        let mut o = 0;
        while o < len {
            // SAFETY: a prefetch does not access memory; the address is only computed.
            unsafe {
                std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                    p.wrapping_add(o) as *const i8,
                )
            };
            o += 64;
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (p, len);
}

reader!(f32, f32, |x: f32| x);
reader!(f64, f64, |x: f64| x);
reader!(f16, f32, |x: f16| x.to_f32());

/// One block of at most [`PW_BLOCKSIZE`] elements (n >= 8).
#[inline(always)]
unsafe fn block<T: Real, R: Reader<T>, const PF: bool>(rd: R, n: usize) -> T {
    let mut r = [T::NEG_ZERO; 8];
    for (j, rj) in r.iter_mut().enumerate() {
        // SAFETY: j < 8 <= n.
        *rj = unsafe { rd.at(j) };
    }
    let end = n - n % 8;
    let mut i = 8;
    while i < end {
        if PF {
            rd.prefetch(i + PREFETCH_AHEAD / std::mem::size_of::<T>(), 8);
        }
        for (j, rj) in r.iter_mut().enumerate() {
            // SAFETY: i + j < end <= n.
            *rj = *rj + unsafe { rd.at(i + j) };
        }
        i += 8;
    }
    let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    while i < n {
        // SAFETY: i < n.
        res = res + unsafe { rd.at(i) };
        i += 1;
    }
    res
}

/// NumPy's split point of a run of `n > PW_BLOCKSIZE` elements.
#[inline(always)]
fn split(n: usize) -> usize {
    let n2 = n / 2;
    n2 - n2 % 8
}

/// NumPy's `pairwise_sum` of `n` elements.
#[inline(always)]
unsafe fn pairwise<T: Real, R: Reader<T>, const PF: bool>(rd: R, n: usize) -> T {
    if n < 8 {
        let mut res = T::NEG_ZERO;
        for i in 0..n {
            // SAFETY: i < n.
            res = res + unsafe { rd.at(i) };
        }
        res
    } else if n <= PW_BLOCKSIZE {
        // SAFETY: forwarded.
        unsafe { block::<T, R, PF>(rd, n) }
    } else {
        let n2 = split(n);
        // SAFETY: both halves lie inside the run.
        unsafe {
            pairwise_rec::<T, R, PF>(rd, n2) + pairwise_rec::<T, R, PF>(rd.offset(n2), n - n2)
        }
    }
}

#[inline(never)]
unsafe fn pairwise_rec<T: Real, R: Reader<T>, const PF: bool>(rd: R, n: usize) -> T {
    // SAFETY: forwarded.
    unsafe { pairwise::<T, R, PF>(rd, n) }
}

/// Runs of at least this many bytes are read with software prefetches
/// ([`PREFETCH_AHEAD`]): beyond the caches the sum waits on memory, and the hardware
/// prefetcher alone keeps fewer lines in flight. As NumPy's `pairwise_sum`, one prefetch
/// per 8 elements inside the block loop (NumPy: 512 bytes ahead). Session 12, one thread,
/// 1e7 float64 (80 MB), median of 25 interleaved ratios to NumPy on a loaded machine: no
/// prefetch 1.12-1.17, one per block 2 KiB ahead (the previous scheme) 1.16-1.18, per 8
/// elements 512 B ahead 1.00, 1 KiB ahead 0.96, 2 KiB ahead 1.16-1.18. From 4 KiB (NumPy
/// prefetches in every block): the rows of `sum(A, axis=1)` of 3000x3000 float64 (24 KB
/// each, 72 MB in all) are each below 1 MiB but stream from memory; with a 1 MiB threshold
/// they ran at 1.08 of NumPy's time at one thread, from 4 KiB at 0.98-1.01, in-cache sums
/// (1e4-1e6 elements) unchanged or faster.
const PREFETCH_MIN_BYTES: usize = 1 << 12;
/// How far ahead of the elements being added the prefetches go (bytes).
const PREFETCH_AHEAD: usize = 1024;

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn pairwise_avx2<T: Real, R: Reader<T>, const PF: bool>(rd: R, n: usize) -> T {
    // SAFETY: forwarded; the AVX2 copy of the same operations.
    unsafe { pairwise_avx2_rec::<T, R, PF>(rd, n) }
}

/// The same tree as [`pairwise`]; with `PF`, the block loop prefetches the line
/// [`PREFETCH_AHEAD`] bytes past the 8 elements it adds (only the memory access changes:
/// the same additions in the same order).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn pairwise_avx2_rec<T: Real, R: Reader<T>, const PF: bool>(rd: R, n: usize) -> T {
    if n <= PW_BLOCKSIZE {
        // SAFETY: forwarded.
        return unsafe { pairwise::<T, R, PF>(rd, n) };
    }
    let n2 = split(n);
    // SAFETY: both halves lie inside the run.
    unsafe {
        pairwise_avx2_rec::<T, R, PF>(rd, n2) + pairwise_avx2_rec::<T, R, PF>(rd.offset(n2), n - n2)
    }
}

#[inline(always)]
unsafe fn pairwise_best<T: Real, R: Reader<T>>(rd: R, n: usize) -> T {
    #[cfg(target_arch = "x86_64")]
    if super::super::simd::has_avx2() {
        // SAFETY: AVX2 is present.
        return unsafe {
            if n * std::mem::size_of::<T>() >= PREFETCH_MIN_BYTES {
                pairwise_avx2::<T, R, true>(rd, n)
            } else {
                pairwise_avx2::<T, R, false>(rd, n)
            }
        };
    }
    // SAFETY: forwarded.
    unsafe { pairwise::<T, R, false>(rd, n) }
}

/// The pairwise sum of a run, its top `PAR_DEPTH` levels split into parts computed on the
/// pool when the run is long; the parts are combined along the same tree, so the result
/// equals the serial one exactly.
unsafe fn pairwise_sum<T: Real, R: Reader<T>>(rd: R, n: usize, item: usize) -> T {
    if n < PAR_MIN || crate::exec::parallelism(n * item) <= 1 {
        // SAFETY: forwarded.
        return unsafe { pairwise_best(rd, n) };
    }
    // Leaves of the top levels: (start, len), in order.
    let mut leaves: Vec<(usize, usize)> = vec![(0, n)];
    for _ in 0..PAR_DEPTH {
        leaves = leaves
            .into_iter()
            .flat_map(|(s, l)| {
                let h = split(l);
                [(s, h), (s + h, l - h)]
            })
            .collect();
    }
    let mut vals = crate::exec::map_parts(leaves.len(), n * item, |k| {
        let (s, l) = leaves[k];
        // SAFETY: the leaf lies inside the run.
        Ok(unsafe { pairwise_best(rd.offset(s), l) })
    })
    .expect("the parts cannot fail");
    while vals.len() > 1 {
        vals = vals.chunks(2).map(|p| p[0] + p[1]).collect();
    }
    vals[0]
}

/// The squared deviations `(x[i] - m) * (x[i] - m)` of a run, each rounded as NumPy's
/// `x = a - mean; multiply(x, x, out=x)` rounds them (two IEEE operations in `T`).
#[derive(Clone, Copy)]
struct SqDev<R, T>(R, T);

impl<T: Real + std::ops::Sub<Output = T>, R: Reader<T>> Reader<T> for SqDev<R, T> {
    #[inline(always)]
    unsafe fn at(&self, i: usize) -> T {
        // SAFETY: caller.
        let d = unsafe { self.0.at(i) } - self.1;
        d * d
    }
    #[inline(always)]
    fn offset(&self, i: usize) -> Self {
        SqDev(self.0.offset(i), self.1)
    }
    #[inline(always)]
    fn prefetch(&self, i: usize, n: usize) {
        self.0.prefetch(i, n)
    }
}

/// Floats with a fused statistics kernel ([`sum_run`], [`sum_sq_dev_run`]).
pub(crate) trait StatFloat: Real + std::ops::Sub<Output = Self> {}
impl StatFloat for f32 {}
impl StatFloat for f64 {}

/// NumPy's `add.reduce` of one run of `n` items of `T` with byte stride `s` (one inner-loop
/// call: the pairwise tree, split over the pool when long), from `-0.0`.
///
/// # Safety
/// `x` addresses `n` readable, aligned items of `T` with byte stride `s`.
pub(crate) unsafe fn sum_run<T: StatFloat>(x: *const u8, n: usize, s: isize) -> T
where
    Contig<T>: Reader<T>,
    Strided<T>: Reader<T>,
{
    let size = std::mem::size_of::<T>();
    // SAFETY: the caller's run.
    unsafe {
        if s == size as isize {
            pairwise_sum(Contig(x as *const T), n, size)
        } else {
            pairwise_sum(Strided::<T>(x, s, std::marker::PhantomData), n, size)
        }
    }
}

/// NumPy's `add.reduce` over `(x - m)**2` (`x = a - mean; x *= x`) of one run, fused: the
/// same pairwise tree over the same rounded squares as summing the materialised array.
///
/// # Safety
/// As [`sum_run`].
pub(crate) unsafe fn sum_sq_dev_run<T: StatFloat>(x: *const u8, n: usize, s: isize, m: T) -> T
where
    Contig<T>: Reader<T>,
    Strided<T>: Reader<T>,
{
    let size = std::mem::size_of::<T>();
    // SAFETY: the caller's run.
    unsafe {
        if s == size as isize {
            pairwise_sum(SqDev(Contig(x as *const T), m), n, 2 * size)
        } else {
            pairwise_sum(
                SqDev(Strided::<T>(x, s, std::marker::PhantomData), m),
                n,
                2 * size,
            )
        }
    }
}

/// # Safety
/// The [`ReduceFn`] contract: `acc` one element, `x` `n` elements with stride `s`.
unsafe fn add_reduce_f<T: Real>(
    _ctx: &LoopContext<'_>,
    acc: *mut u8,
    x: *const u8,
    n: usize,
    s: isize,
) -> LoopResult
where
    Contig<T>: Reader<T>,
    Strided<T>: Reader<T>,
{
    let size = std::mem::size_of::<T>();
    // SAFETY: the contract.
    unsafe {
        let v = if s == size as isize {
            pairwise_sum(Contig(x as *const T), n, size)
        } else {
            pairwise_sum(Strided::<T>(x, s, std::marker::PhantomData), n, size)
        };
        let a = acc as *mut T;
        a.write(a.read() + v);
    }
    Ok(())
}

/// # Safety
/// As [`add_reduce_f`], float16 items.
unsafe fn add_reduce_e(
    ctx: &LoopContext<'_>,
    acc: *mut u8,
    x: *const u8,
    n: usize,
    s: isize,
) -> LoopResult {
    // SAFETY: the contract.
    unsafe {
        let v = if s == 2 {
            pairwise_sum(Contig(x as *const f16), n, 2)
        } else {
            pairwise_sum(Strided::<f16>(x, s, std::marker::PhantomData), n, 2)
        };
        let a = acc as *mut f16;
        let mut fl = 0;
        a.write(to_f16(a.read().to_f32() + v, &mut fl));
        ctx.raise(fl);
    }
    Ok(())
}

/// Complex pairwise sum over `n` complex elements (NumPy's over `2n` scalars).
unsafe fn cpairwise<T: Real>(x: *const u8, n: usize, s: isize) -> (T, T) {
    // SAFETY (all reads): element k < n of the run, `Complex<T>` is `{re, im}`.
    let rd = |k: usize| unsafe { (x.offset(k as isize * s) as *const Complex<T>).read() };
    if n < 4 {
        let (mut rr, mut ri) = (T::NEG_ZERO, T::NEG_ZERO);
        for k in 0..n {
            let c = rd(k);
            rr = rr + c.re;
            ri = ri + c.im;
        }
        (rr, ri)
    } else if n <= PW_BLOCKSIZE / 2 {
        let mut r = [(T::NEG_ZERO, T::NEG_ZERO); 4];
        for (j, rj) in r.iter_mut().enumerate() {
            let c = rd(j);
            *rj = (c.re, c.im);
        }
        let end = n - n % 4;
        let mut k = 4;
        while k < end {
            for (j, rj) in r.iter_mut().enumerate() {
                let c = rd(k + j);
                *rj = (rj.0 + c.re, rj.1 + c.im);
            }
            k += 4;
        }
        let mut rr = (r[0].0 + r[1].0) + (r[2].0 + r[3].0);
        let mut ri = (r[0].1 + r[1].1) + (r[2].1 + r[3].1);
        while k < n {
            let c = rd(k);
            rr = rr + c.re;
            ri = ri + c.im;
            k += 1;
        }
        (rr, ri)
    } else {
        // NumPy splits the 2n scalars at n rounded down to a multiple of 8.
        let h = (n - n % 8) / 2;
        // SAFETY: both halves lie inside the run.
        let (a, b) = unsafe { cpairwise::<T>(x, h, s) };
        // SAFETY: as above.
        let (c, d) = unsafe { cpairwise::<T>(x.offset(h as isize * s), n - h, s) };
        (a + c, b + d)
    }
}

/// # Safety
/// The [`ReduceFn`] contract, complex items.
unsafe fn add_reduce_c<T: Real>(
    _ctx: &LoopContext<'_>,
    acc: *mut u8,
    x: *const u8,
    n: usize,
    s: isize,
) -> LoopResult {
    // SAFETY: the contract.
    unsafe {
        let (rr, ri) = cpairwise::<T>(x, n, s);
        let a = acc as *mut Complex<T>;
        let mut c = a.read();
        c.re = c.re + rr;
        c.im = c.im + ri;
        a.write(c);
    }
    Ok(())
}

/// # Safety
/// The [`ReduceFn`] contract.
unsafe fn mul_reduce_f<T: Real>(
    _ctx: &LoopContext<'_>,
    acc: *mut u8,
    x: *const u8,
    n: usize,
    s: isize,
) -> LoopResult {
    // SAFETY: the contract.
    unsafe {
        let a = acc as *mut T;
        let mut v = a.read();
        for i in 0..n as isize {
            v = v * (x.offset(i * s) as *const T).read();
        }
        a.write(v);
    }
    Ok(())
}

/// # Safety
/// The [`ReduceFn`] contract, float16 items (the product runs in float32).
unsafe fn mul_reduce_e(
    ctx: &LoopContext<'_>,
    acc: *mut u8,
    x: *const u8,
    n: usize,
    s: isize,
) -> LoopResult {
    // SAFETY: the contract.
    unsafe {
        let a = acc as *mut f16;
        let mut v = a.read().to_f32();
        for i in 0..n as isize {
            v *= (x.offset(i * s) as *const f16).read_unaligned().to_f32();
        }
        let mut fl = 0;
        a.write(to_f16(v, &mut fl));
        ctx.raise(fl);
    }
    Ok(())
}

pub(crate) fn register(r: &mut Registry) {
    r.add_reduce("add", "ee->e", add_reduce_e);
    r.add_reduce("add", "ff->f", add_reduce_f::<f32>);
    r.add_reduce("add", "dd->d", add_reduce_f::<f64>);
    r.add_reduce("add", "FF->F", add_reduce_c::<f32>);
    r.add_reduce("add", "DD->D", add_reduce_c::<f64>);
    r.add_reduce("multiply", "ee->e", mul_reduce_e);
    r.add_reduce("multiply", "ff->f", mul_reduce_f::<f32>);
    r.add_reduce("multiply", "dd->d", mul_reduce_f::<f64>);
    r.add_reduce("multiply", "FF->F", mul_reduce_c::<Complex<f32>>);
    r.add_reduce("multiply", "DD->D", mul_reduce_c::<Complex<f64>>);
}

/// Complex products in order, each step the plain (unfused) product: NumPy reduces with
/// its scalar loop, while its array loops fuse (`CMulFma`).
///
/// # Safety
/// The [`ReduceFn`] contract.
unsafe fn mul_reduce_c<C: super::super::complex::Cplx>(
    _ctx: &LoopContext<'_>,
    acc: *mut u8,
    x: *const u8,
    n: usize,
    s: isize,
) -> LoopResult {
    // SAFETY: the contract.
    unsafe {
        let a = acc as *mut C;
        let mut v = a.read();
        for i in 0..n as isize {
            v = super::super::complex::cmul(v, (x.offset(i * s) as *const C).read());
        }
        a.write(v);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The serial and the split sums agree bit for bit, at any thread count.
    #[test]
    fn split_sum_is_thread_invariant() {
        let x: Vec<f32> = (0..300_001)
            .map(|i| ((i as f32) * 0.618_034).sin() * 1000.0)
            .collect();
        // SAFETY: the whole vector.
        let serial = unsafe { pairwise::<_, _, false>(Contig(x.as_ptr()), x.len()) };
        for t in [1, 2, 4] {
            crate::exec::set_num_threads(t).unwrap();
            // SAFETY: as above.
            let split = unsafe { pairwise_sum(Contig(x.as_ptr()), x.len(), usize::MAX / x.len()) };
            assert_eq!(serial.to_bits(), split.to_bits(), "threads={t}");
        }
    }
}
