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

/// Bytes of the stage an in-place run is copied to, block by block (see [`unary_contig`]).
/// Small, so that a full block's copy has a constant size LLVM inlines as a few vector
/// moves: a 1 KiB copy is a `memcpy` call per block, which made `maximum(a, b, out=a)`
/// of 9e6 float64 1.6x slower on the Zen 2 machine (Rust model: 12.6 ms with 1 KiB
/// blocks, 7.9 ms with 256-byte blocks, 7.3 ms for a plain in-place add).
const INPLACE_STAGE: usize = 256;

/// A stage of [`INPLACE_STAGE`] bytes, aligned for every built-in item (8 bytes).
type Stage = [u64; INPLACE_STAGE / 8];

/// Copy a block of `n <= k` items of `size` bytes into the stage: a full block
/// (`n == k`, so `INPLACE_STAGE` bytes) with a constant-size copy LLVM inlines.
///
/// # Safety
/// `src` readable for `n * size` bytes, `dst` a stage; `n * size <= INPLACE_STAGE`.
#[inline(always)]
unsafe fn stage_copy(src: *const u8, dst: *mut u8, n: usize, k: usize, size: usize) {
    // SAFETY: the caller's contract; a full block is `k * size <= INPLACE_STAGE` bytes.
    unsafe {
        if n == k && k * size == INPLACE_STAGE {
            std::ptr::copy_nonoverlapping(src, dst, INPLACE_STAGE);
        } else {
            std::ptr::copy_nonoverlapping(src, dst, n * size);
        }
    }
}

/// Items of `O` per stage block (0 when one does not fit, or needs more alignment than
/// the stage has: then no staging).
#[inline(always)]
const fn stage_items<O>() -> usize {
    match size_of::<O>() {
        0 => 0,
        _ if std::mem::align_of::<O>() > std::mem::align_of::<Stage>() => 0,
        s => INPLACE_STAGE / s,
    }
}

/// The contiguous unary loop; the portable version, and an AVX2 copy of the same code
/// (LLVM vectorises it 4 or 8 wide; same IEEE operations, so the same results).
///
/// Written as slice loops, so that LLVM vectorises without run-time alias checks (its own
/// checks reject identical runs and would run in-place calls one element at a time). An
/// input identical to the output (in place: `a += b`, the accumulator row of an axis-0
/// reduction) is first copied block by block into an L1 stage and read from there: the
/// element function then never selects "the value already stored", which LLVM turns
/// into a masked store (`vmaskmovpd`, microcoded and many times slower than a plain
/// store on AMD Zen) for `maximum`/`minimum` and the like.
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
    let mut f = 0u8;
    let k = stage_items::<O>();
    if std::ptr::addr_eq(ip, op)
        && size_of::<A>() == size_of::<O>()
        && k > 0
        && stage_items::<A::Raw>() > 0
        && len > 0
    {
        let mut stage = std::mem::MaybeUninit::<Stage>::uninit();
        // SAFETY: the one run of `len` elements (caller's contract).
        let dst = unsafe { std::slice::from_raw_parts_mut(op, len) };
        for d in dst.chunks_mut(k) {
            let n = d.len();
            // SAFETY: `n * size_of::<O>() <= INPLACE_STAGE` bytes of the run (of `A`
            // items, same size) into the stage, aligned for any item; read back as `A`.
            let x = unsafe {
                stage_copy(
                    d.as_ptr() as *const u8,
                    stage.as_mut_ptr() as *mut u8,
                    n,
                    k,
                    size_of::<O>(),
                );
                std::slice::from_raw_parts(stage.as_ptr() as *const A::Raw, n)
            };
            for (d, s) in d.iter_mut().zip(x) {
                *d = Op::f(A::from_raw(*s), &mut f);
            }
        }
        *fl |= f;
        return;
    }
    let (i0, o0) = (ip as usize, op as usize);
    let disjoint = i0 + len * size_of::<A>() <= o0 || o0 + len * size_of::<O>() <= i0;
    if disjoint {
        // SAFETY: two disjoint runs of `len` elements.
        let (src, dst) = unsafe {
            (
                std::slice::from_raw_parts(ip as *const A::Raw, len),
                std::slice::from_raw_parts_mut(op, len),
            )
        };
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

/// The contiguous binary loop (see [`unary_contig`]: slice loops, an input identical to
/// the output read from an L1 stage).
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
    let fits = stage_items::<O>() > 0 && stage_items::<A::Raw>() > 0 && stage_items::<B::Raw>() > 0;
    let k = if fits { stage_items::<O>() } else { 0 };
    let a_in_place = std::ptr::addr_eq(a, o) && size_of::<A>() == size_of::<O>();
    let b_in_place = std::ptr::addr_eq(b, o) && size_of::<B>() == size_of::<O>();
    let mut f = 0u8;
    if len == 0 {
        return;
    }
    if !(a_in_place || b_in_place) || k == 0 {
        if a_in_place || b_in_place {
            // Items the stage cannot hold (none of the built-in dtypes).
            for i in 0..len {
                // SAFETY: element `i < len` of each run, read before the write of the
                // output's same element.
                unsafe { *o.add(i) = Op::f(A::load(a.add(i)), B::load(b.add(i)), fl) };
            }
            return;
        }
        // SAFETY: three runs of `len` elements; the inputs are disjoint from the output
        // (caller's contract; they may be identical to each other: both only read).
        let (x, y, dst) = unsafe {
            (
                std::slice::from_raw_parts(a as *const A::Raw, len),
                std::slice::from_raw_parts(b as *const B::Raw, len),
                std::slice::from_raw_parts_mut(o, len),
            )
        };
        for ((d, x), y) in dst.iter_mut().zip(x).zip(y) {
            *d = Op::f(A::from_raw(*x), B::from_raw(*y), &mut f);
        }
        *fl |= f;
        return;
    }
    let mut stage = std::mem::MaybeUninit::<Stage>::uninit();
    // SAFETY: the output run of `len` elements (caller's contract).
    let dst = unsafe { std::slice::from_raw_parts_mut(o, len) };
    let mut start = 0;
    for d in dst.chunks_mut(k) {
        let n = d.len();
        // SAFETY: the block's `n * size_of::<O>() <= INPLACE_STAGE` bytes into the stage
        // (aligned for any item); an input identical to the output is read from there
        // (same item size), the other from its own run, disjoint from the output.
        unsafe {
            stage_copy(
                d.as_ptr() as *const u8,
                stage.as_mut_ptr() as *mut u8,
                n,
                k,
                size_of::<O>(),
            );
            let sp = stage.as_ptr() as *const u8;
            let x = if a_in_place {
                std::slice::from_raw_parts(sp as *const A::Raw, n)
            } else {
                std::slice::from_raw_parts((a as *const A::Raw).add(start), n)
            };
            let y = if b_in_place {
                std::slice::from_raw_parts(sp as *const B::Raw, n)
            } else {
                std::slice::from_raw_parts((b as *const B::Raw).add(start), n)
            };
            for ((d, x), y) in d.iter_mut().zip(x).zip(y) {
                *d = Op::f(A::from_raw(*x), B::from_raw(*y), &mut f);
            }
        }
        start += n;
    }
    *fl |= f;
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

/// Rows per pass of [`rows`] over the accumulator.
const ROWS_PER_PASS: usize = 8;

/// One pass of [`rows`]: `acc[j] = acc[j] op r0[j] op r1[j] ...` for every column, the
/// rows as separate slice arguments, so LLVM knows none of them aliases the accumulator
/// and vectorises over the columns without run-time checks.
macro_rules! rows_pass {
    ($name:ident, $($r:ident),+) => {
        #[inline(always)]
        fn $name<T: Load, Op: BinOp<T, T, T>>(acc: &mut [T], $($r: &[T::Raw],)+ fl: &mut u8) {
            let n = acc.len();
            $(let $r = &$r[..n];)+
            let mut f = 0u8;
            for j in 0..n {
                let mut v = acc[j];
                $(v = Op::f(v, T::from_raw($r[j]), &mut f);)+
                acc[j] = v;
            }
            *fl |= f;
        }
    };
}
rows_pass!(rows_pass2, r0, r1);
rows_pass!(rows_pass3, r0, r1, r2);
rows_pass!(rows_pass4, r0, r1, r2, r3);
rows_pass!(rows_pass8, r0, r1, r2, r3, r4, r5, r6, r7);

/// The rows variant ([`RowsFn`](crate::ufunc::loops::RowsFn)) of a binary loop
/// `T op T -> T` built from the same element function: each column's combination is the
/// elementwise loop's, row by row, so the results are those of one loop call per row.
///
/// Passes of [`ROWS_PER_PASS`] rows over the accumulator (the rows left over first, in
/// passes of 2 to 4): eight input streams in flight at once keep more loads outstanding
/// than one row at a time (`max(A, axis=0)` of 3000x3000 float64 at one thread, measured
/// on the Zen 2 machine in a Rust model: 6.5 ms row by row, 3.1 ms eight rows a pass;
/// NumPy 5.2 ms), and the accumulator is read and written once per pass. A single row
/// goes through the contiguous binary loop.
///
/// # Safety
/// The [`RowsFn`](crate::ufunc::loops::RowsFn) contract, with `T` the loop dtype.
pub(crate) unsafe fn rows<T: Load, Op: BinOp<T, T, T>>(
    ctx: &LoopContext<'_>,
    acc: *mut u8,
    x: *const u8,
    rows: usize,
    row_stride: isize,
    cols: usize,
) -> LoopResult {
    let mut fl = 0u8;
    let acc = acc as *mut T;
    #[cfg(target_arch = "x86_64")]
    if has_avx2() {
        // SAFETY: AVX2 is available (checked); forwarded.
        unsafe { rows_avx2::<T, Op>(acc, x, rows, row_stride, cols, &mut fl) };
        return finish(ctx, fl);
    }
    // SAFETY: forwarded.
    unsafe { rows_body::<T, Op>(acc, x, rows, row_stride, cols, &mut fl) };
    finish(ctx, fl)
}

/// [`rows`] for a loop that must never raise hardware flags (see [`binary_quiet`]).
///
/// # Safety
/// As [`rows`].
pub(crate) unsafe fn rows_quiet<T: Load, Op: BinOp<T, T, T>>(
    ctx: &LoopContext<'_>,
    acc: *mut u8,
    x: *const u8,
    rows: usize,
    row_stride: isize,
    cols: usize,
) -> LoopResult {
    let _q = FpQuiet::new();
    // SAFETY: forwarded from the caller.
    unsafe { self::rows::<T, Op>(ctx, acc, x, rows, row_stride, cols) }
}

/// # Safety
/// As [`rows_body`], and the CPU supports AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn rows_avx2<T: Load, Op: BinOp<T, T, T>>(
    acc: *mut T,
    x: *const u8,
    rows: usize,
    rs: isize,
    cols: usize,
    fl: &mut u8,
) {
    // SAFETY: forwarded from the caller.
    unsafe { rows_body::<T, Op>(acc, x, rows, rs, cols, fl) }
}

/// See [`rows`].
///
/// # Safety
/// `acc` holds `cols` items; `x` `rows` rows of `cols` items, `rs` bytes apart, none
/// overlapping `acc` (the `RowsFn` contract).
#[inline(always)]
unsafe fn rows_body<T: Load, Op: BinOp<T, T, T>>(
    acc: *mut T,
    x: *const u8,
    rows: usize,
    rs: isize,
    cols: usize,
    fl: &mut u8,
) {
    if rows == 0 || cols == 0 {
        return;
    }
    if rows == 1 {
        // SAFETY: one row of `cols` items, disjoint from the accumulator; the accumulator
        // is input 0 and the output (identical runs).
        unsafe { binary_contig::<T, T, T, Op>(acc, x as *const T, acc, cols, fl) };
        return;
    }
    // SAFETY: the contract: `cols` accumulator items, disjoint from every row.
    let a = unsafe { std::slice::from_raw_parts_mut(acc, cols) };
    // SAFETY: row `i < rows` holds `cols` items (the contract).
    let row = |i: usize| unsafe {
        std::slice::from_raw_parts(x.offset(i as isize * rs) as *const T::Raw, cols)
    };
    // The rows left over by the passes of eight, in passes of 2 to 4 (never one alone:
    // one row at a time is the slow pattern, see `binary_contig`).
    let mut head = rows % ROWS_PER_PASS;
    if head == 1 {
        head += ROWS_PER_PASS;
    }
    let mut i = 0;
    while head > 0 {
        let k = match head {
            5 => 3,
            h => h.min(4),
        };
        match k {
            2 => rows_pass2::<T, Op>(a, row(i), row(i + 1), fl),
            3 => rows_pass3::<T, Op>(a, row(i), row(i + 1), row(i + 2), fl),
            _ => rows_pass4::<T, Op>(a, row(i), row(i + 1), row(i + 2), row(i + 3), fl),
        }
        i += k;
        head -= k;
    }
    while i < rows {
        rows_pass8::<T, Op>(
            a,
            row(i),
            row(i + 1),
            row(i + 2),
            row(i + 3),
            row(i + 4),
            row(i + 5),
            row(i + 6),
            row(i + 7),
            fl,
        );
        i += ROWS_PER_PASS;
    }
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

#[cfg(test)]
mod tests {
    use super::super::arithmetic::scalar::FAdd;
    use super::super::minmax::scalar::{FltMax, FltMin};
    use super::*;

    /// `rows` equals the binary loop called once per row with the accumulator in place,
    /// bit for bit (signed zeros, NaN payloads, sums), for row counts around the passes.
    #[test]
    fn rows_equal_row_by_row_calls() {
        let mut seed = 0x2545f4914f6cdd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let ctx = LoopContext::new(std::ptr::null(), false);
        for rows_n in 1..=27usize {
            let cols = 37usize;
            let x: Vec<f64> = (0..rows_n * cols)
                .map(|_| match next() % 7 {
                    0 => 0.0,
                    1 => -0.0,
                    2 => f64::from_bits(0x7ff8_0000_0000_0000 | (next() & 0xff)),
                    3 => 1.0,
                    _ => (next() % 1000) as f64 * 0.37 - 100.0,
                })
                .collect();
            let init: Vec<f64> = (0..cols)
                .map(|j| if j % 2 == 0 { 0.0 } else { -0.0 })
                .collect();
            type F = unsafe fn(&LoopContext<'_>, &[*mut u8], usize, &[isize]) -> LoopResult;
            type R =
                unsafe fn(&LoopContext<'_>, *mut u8, *const u8, usize, isize, usize) -> LoopResult;
            let pairs: [(F, R); 3] = [
                (binary::<f64, f64, f64, FltMax>, rows::<f64, FltMax>),
                (binary::<f64, f64, f64, FltMin>, rows::<f64, FltMin>),
                (binary::<f64, f64, f64, FAdd>, rows::<f64, FAdd>),
            ];
            for (bin, rws) in pairs {
                let mut a = init.clone();
                let mut b = init.clone();
                // SAFETY: `cols` items per row, accumulators of `cols` items, disjoint.
                unsafe {
                    for r in 0..rows_n {
                        let p = a.as_mut_ptr() as *mut u8;
                        let q = x.as_ptr().add(r * cols) as *mut u8;
                        bin(&ctx, &[p, q, p], cols, &[8, 8, 8]).unwrap();
                    }
                    rws(
                        &ctx,
                        b.as_mut_ptr() as *mut u8,
                        x.as_ptr() as *const u8,
                        rows_n,
                        (cols * 8) as isize,
                        cols,
                    )
                    .unwrap();
                }
                let (ba, bb): (Vec<u64>, Vec<u64>) = (
                    a.iter().map(|v| v.to_bits()).collect(),
                    b.iter().map(|v| v.to_bits()).collect(),
                );
                assert_eq!(ba, bb, "rows={rows_n}");
            }
        }
    }
}
