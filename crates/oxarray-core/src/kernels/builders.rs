//! Generic inner-loop builders.
//!
//! A kernel family describes an operation once, as a zero-sized type implementing one of
//! the op traits below (an element function), and gets a [`LoopFn`](crate::ufunc::loops::LoopFn)
//! for each element type by monomorphising a builder: `unary::<f64, f64, Exp>`. Each builder
//! has a contiguous fast path (plain indexed loops over raw pointers, which LLVM vectorises,
//! with run-time alias checks for the in-place case), fast paths for a broadcast scalar
//! operand (stride 0), and the general strided path.
//!
//! Element functions report software floating-point flags by or-ing bits of
//! [`fpe`](crate::ufunc::loops::fpe) into a local `u8`; the builder raises them once per
//! call. [`ERR_NEG_POW`] is a private bit meaning "stop with NumPy's ValueError for negative
//! integer powers".

use std::mem::size_of;

use crate::dtype::Load;
use crate::error::Error;
use crate::ufunc::loops::{LoopContext, LoopResult};

/// Private flag bit: an integer power with a negative exponent was seen.
pub(crate) const ERR_NEG_POW: u8 = 0x80;

/// A one-input, one-output element function.
pub(crate) trait UnOp<A, O> {
    fn f(a: A, fl: &mut u8) -> O;
}

/// A two-input, one-output element function.
pub(crate) trait BinOp<A, B, O> {
    fn f(a: A, b: B, fl: &mut u8) -> O;
}

/// A one-input, two-output element function (`modf`, `frexp`).
pub(crate) trait UnOp2<A, O1, O2> {
    fn f(a: A, fl: &mut u8) -> (O1, O2);
}

/// A two-input, two-output element function (`divmod`).
pub(crate) trait BinOp2<A, B, O1, O2> {
    fn f(a: A, b: B, fl: &mut u8) -> (O1, O2);
}

/// Raise the accumulated flags, or fail for the private error bits.
#[inline]
pub(crate) fn finish(ctx: &LoopContext<'_>, fl: u8) -> LoopResult {
    if fl & ERR_NEG_POW != 0 {
        return Err(Error::value(
            "Integers to negative integer powers are not allowed.",
        ));
    }
    if fl != 0 {
        ctx.raise(fl);
    }
    Ok(())
}

/// Pointer to element `i` of a strided run.
///
/// # Safety
/// `base + i * stride` must stay inside the operand (the `LoopFn` contract).
#[inline(always)]
unsafe fn at<T>(base: *mut u8, i: usize, stride: isize) -> *mut T {
    // SAFETY: forwarded from the caller.
    unsafe { base.offset(i as isize * stride) as *mut T }
}

/// Unary loop `O = Op(A)`.
///
/// # Safety
/// The [`LoopFn`](crate::ufunc::loops::LoopFn) contract, with `A` and `O` the operand
/// element types.
pub(crate) unsafe fn unary<A: Load, O: Copy, Op: UnOp<A, O>>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    let (ip, op) = (ptrs[0], ptrs[1]);
    let (is, os) = (strides[0], strides[1]);
    let mut fl = 0u8;
    if is == size_of::<A>() as isize && os == size_of::<O>() as isize {
        let (ip, op) = (ip as *const A, op as *mut O);
        #[cfg(target_arch = "x86_64")]
        if has_avx2() {
            // SAFETY: AVX2 is available (checked); same contract as below.
            unsafe { unary_contig_avx2::<A, O, Op>(ip, op, len, &mut fl) };
            return finish(ctx, fl);
        }
        // SAFETY: contiguous runs of `len` elements (LoopFn contract).
        unsafe { unary_contig::<A, O, Op>(ip, op, len, &mut fl) };
    } else {
        for i in 0..len {
            // SAFETY: strided element `i` of each operand (LoopFn contract).
            unsafe { *at::<O>(op, i, os) = Op::f(A::load(at::<A>(ip, i, is)), &mut fl) };
        }
    }
    finish(ctx, fl)
}

/// Binary loop `O = Op(A, B)`.
///
/// # Safety
/// The [`LoopFn`](crate::ufunc::loops::LoopFn) contract, with `A`, `B`, `O` the operand
/// element types.
pub(crate) unsafe fn binary<A: Load, B: Load, O: Copy, Op: BinOp<A, B, O>>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    let (ap, bp, op) = (ptrs[0], ptrs[1], ptrs[2]);
    let (sa, sb, so) = (strides[0], strides[1], strides[2]);
    let (ea, eb, eo) = (
        size_of::<A>() as isize,
        size_of::<B>() as isize,
        size_of::<O>() as isize,
    );
    let mut fl = 0u8;
    // SAFETY (all four paths): element `i` of each operand is valid for `i < len` (LoopFn
    // contract); each index reads its inputs before writing its output, so identical
    // in-place runs are fine.
    unsafe {
        let (a, b, o) = (ap as *const A, bp as *const B, op as *mut O);
        if so == eo && sa == ea && sb == eb {
            #[cfg(target_arch = "x86_64")]
            if has_avx2() {
                binary_contig_avx2::<A, B, O, Op>(a, b, o, len, &mut fl);
                return finish(ctx, fl);
            }
            binary_contig::<A, B, O, Op>(a, b, o, len, &mut fl);
        } else if so == eo && sa == ea && sb == 0 {
            let bv = B::load(b);
            for i in 0..len {
                *o.add(i) = Op::f(A::load(a.add(i)), bv, &mut fl);
            }
        } else if so == eo && sa == 0 && sb == eb {
            let av = A::load(a);
            for i in 0..len {
                *o.add(i) = Op::f(av, B::load(b.add(i)), &mut fl);
            }
        } else {
            for i in 0..len {
                *at::<O>(op, i, so) = Op::f(
                    A::load(at::<A>(ap, i, sa)),
                    B::load(at::<B>(bp, i, sb)),
                    &mut fl,
                );
            }
        }
    }
    finish(ctx, fl)
}

/// Whether AVX2 code may run (the one detection, [`super::simd::level`]).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn has_avx2() -> bool {
    super::simd::has_avx2()
}

/// The contiguous unary loop; the portable version, and an AVX2 copy of the same code
/// (LLVM vectorises it 4 or 8 wide; same IEEE operations, so the same results).
///
/// # Safety
/// `ip` and `op` point at `len` elements each; the runs are identical or disjoint.
#[inline(always)]
unsafe fn unary_contig<A: Load, O: Copy, Op: UnOp<A, O>>(
    ip: *const A,
    op: *mut O,
    len: usize,
    fl: &mut u8,
) {
    let (i0, o0) = (ip as usize, op as usize);
    let disjoint = i0 + len * size_of::<A>() <= o0 || o0 + len * size_of::<O>() <= i0;
    if disjoint {
        // SAFETY: two disjoint runs of `len` elements; slices let LLVM vectorise without
        // run-time alias checks.
        let (src, dst) = unsafe {
            (
                std::slice::from_raw_parts(ip as *const A::Raw, len),
                std::slice::from_raw_parts_mut(op, len),
            )
        };
        let mut f = 0u8;
        for (d, s) in dst.iter_mut().zip(src) {
            *d = Op::f(A::from_raw(*s), &mut f);
        }
        *fl |= f;
        return;
    }
    for i in 0..len {
        // SAFETY: element `i < len` of both runs; reads happen before the write of the
        // same index, so in-place runs are fine.
        unsafe { *op.add(i) = Op::f(A::load(ip.add(i)), fl) };
    }
}

/// # Safety
/// As [`unary_contig`], and the CPU supports AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn unary_contig_avx2<A: Load, O: Copy, Op: UnOp<A, O>>(
    ip: *const A,
    op: *mut O,
    len: usize,
    fl: &mut u8,
) {
    // SAFETY: forwarded from the caller.
    unsafe { unary_contig::<A, O, Op>(ip, op, len, fl) }
}

/// The contiguous binary loop (see [`unary_contig`]).
///
/// # Safety
/// `a`, `b`, `o` point at `len` elements each; each input run is identical to the output
/// run or disjoint from it.
#[inline(always)]
unsafe fn binary_contig<A: Load, B: Load, O: Copy, Op: BinOp<A, B, O>>(
    a: *const A,
    b: *const B,
    o: *mut O,
    len: usize,
    fl: &mut u8,
) {
    for i in 0..len {
        // SAFETY: element `i < len` of each run; inputs are read before the output of the
        // same index is written.
        unsafe { *o.add(i) = Op::f(A::load(a.add(i)), B::load(b.add(i)), fl) };
    }
}

/// # Safety
/// As [`binary_contig`], and the CPU supports AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn binary_contig_avx2<A: Load, B: Load, O: Copy, Op: BinOp<A, B, O>>(
    a: *const A,
    b: *const B,
    o: *mut O,
    len: usize,
    fl: &mut u8,
) {
    // SAFETY: forwarded from the caller.
    unsafe { binary_contig::<A, B, O, Op>(a, b, o, len, fl) }
}

/// Unary loop with two outputs.
///
/// # Safety
/// The [`LoopFn`](crate::ufunc::loops::LoopFn) contract.
pub(crate) unsafe fn unary2<A: Load, O1: Copy, O2: Copy, Op: UnOp2<A, O1, O2>>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    let mut fl = 0u8;
    for i in 0..len {
        // SAFETY: strided element `i` of each operand (LoopFn contract).
        unsafe {
            let (x, y) = Op::f(A::load(at::<A>(ptrs[0], i, strides[0])), &mut fl);
            *at::<O1>(ptrs[1], i, strides[1]) = x;
            *at::<O2>(ptrs[2], i, strides[2]) = y;
        }
    }
    finish(ctx, fl)
}

/// Binary loop with two outputs.
///
/// # Safety
/// The [`LoopFn`](crate::ufunc::loops::LoopFn) contract.
pub(crate) unsafe fn binary2<A: Load, B: Load, O1: Copy, O2: Copy, Op: BinOp2<A, B, O1, O2>>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    let mut fl = 0u8;
    for i in 0..len {
        // SAFETY: strided element `i` of each operand (LoopFn contract).
        unsafe {
            let (x, y) = Op::f(
                A::load(at::<A>(ptrs[0], i, strides[0])),
                B::load(at::<B>(ptrs[1], i, strides[1])),
                &mut fl,
            );
            *at::<O1>(ptrs[2], i, strides[2]) = x;
            *at::<O2>(ptrs[3], i, strides[3]) = y;
        }
    }
    finish(ctx, fl)
}

/// Saves the SSE status flags and restores them on drop: for loops that must not raise any
/// floating-point flag whatever the compiler emits. Vectorised float comparisons
/// (`cmpltpd`) signal "invalid" on quiet NaNs, which NumPy's comparison, `maximum`,
/// `isnan`... never report.
pub(crate) struct FpQuiet {
    #[cfg(target_arch = "x86_64")]
    csr: u32,
}

impl FpQuiet {
    #[inline(always)]
    pub(crate) fn new() -> Self {
        #[cfg(target_arch = "x86_64")]
        {
            let mut csr = 0u32;
            // SAFETY: `stmxcsr` stores the 4-byte MXCSR register to a valid, writable u32.
            unsafe {
                std::arch::asm!("stmxcsr [{}]", in(reg) &mut csr, options(nostack, preserves_flags));
            }
            FpQuiet { csr }
        }
        #[cfg(not(target_arch = "x86_64"))]
        FpQuiet {}
    }
}

impl Drop for FpQuiet {
    #[inline(always)]
    fn drop(&mut self) {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `ldmxcsr` loads the value saved by `new` on this same thread (the guard is
        // a local), restoring the rounding mode, masks and status flags it had then.
        unsafe {
            std::arch::asm!("ldmxcsr [{}]", in(reg) &self.csr, options(nostack, preserves_flags, readonly));
        }
    }
}

/// A unary loop that never raises hardware flags.
///
/// # Safety
/// As [`unary`].
pub(crate) unsafe fn unary_quiet<A: Load, O: Copy, Op: UnOp<A, O>>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    let _q = FpQuiet::new();
    // SAFETY: forwarded from the caller.
    unsafe { unary::<A, O, Op>(ctx, ptrs, len, strides) }
}

/// A binary loop that never raises hardware flags.
///
/// # Safety
/// As [`binary`].
pub(crate) unsafe fn binary_quiet<A: Load, B: Load, O: Copy, Op: BinOp<A, B, O>>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    let _q = FpQuiet::new();
    // SAFETY: forwarded from the caller.
    unsafe { binary::<A, B, O, Op>(ctx, ptrs, len, strides) }
}
