//! Executing a resolved loop over broadcast operands ("compute" step).
//!
//! The algorithm of [`run`]:
//! 1. An operand whose dtype differs from its loop dtype, is byte-swapped, or is not
//!    aligned for the loop is *buffered*: it is converted chunk by chunk (at most
//!    [`CHUNK`] elements) into an aligned native buffer (inputs), or computed into one and
//!    converted back (outputs). Nothing is converted as a whole-array temporary.
//! 2. The loop is planned by the one iteration plan (`iter::Plan`: length-one axes
//!    dropped, K order, coalescing) and, for large elementwise calls, split into parts
//!    run on the thread pool (see [`run`]).
//! 3. Short inner runs are grouped when the plan allows it (`iter::Tiling`: a broadcast row
//!    replicated into a tile, so `(n, 10) + (10,)` is walked as runs of ~1024 elements;
//!    never for reductions).
//!    The outer axes are walked with the plan's odometer; each innermost run is handed to the loop
//!    whole when nothing is buffered or masked (the contiguous/strided fast paths are the
//!    loop's), else chunk by chunk; with a `where` mask, the loop only sees the runs of
//!    `True` elements, so masked-out outputs are never written.
//! 4. A reduction run (operand 0 and the output identical with stride 0) goes to the loop's
//!    reduce variant when it has one (the float `add` loops: NumPy's pairwise sum, so sums
//!    are NumPy's bit for bit); else a reorderable ufunc's run is combined as a balanced
//!    tree with the elementwise loop (see `Engine::pairwise`; used where the order cannot
//!    change the result: integers, min/max, logical and bitwise ops), and any other
//!    ufunc's one element at a time, in order.
//!
//! `elementwise::execute` wraps this for ordinary calls: broadcasting, output allocation
//! in the requested order, copying inputs that overlap an output (so `a[1:] += a[:-1]`
//! reads the old values), and the floating-point status.

use std::sync::atomic::{AtomicU8, Ordering};

use smallvec::SmallVec;

use super::fpstatus;
use super::loops::{LoopContext, LoopFn, LoopModes, ReduceFn};
use crate::dtype::cast::{find_cast, kernel_cast, swap_in_place, Cast};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::exec;
use crate::iter::copy_run;
use crate::iter::{Plan, Shared, Walk};
use crate::layout::Strides;

/// Elements per buffered chunk (NumPy's default buffer size).
pub const CHUNK: usize = 8192;
/// Partial results of the first level of a tree reduction (see `Engine::tree`).
const LANES: usize = 512;

/// One operand of a run: where it starts, its (broadcast) strides over the full shape, its
/// actual dtype and the dtype the loop wants.
#[derive(Clone)]
pub struct Op {
    pub ptr: *mut u8,
    pub strides: Strides,
    pub dtype: DType,
    pub loop_dtype: DType,
}

/// A 64-byte aligned block, the unit of scratch buffers.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Block([u8; 64]);

fn blocks(bytes: usize) -> Vec<Block> {
    vec![Block([0; 64]); bytes.div_ceil(64).max(1)]
}

/// Converts runs of elements between two dtypes (cast and/or byte swap) via a staging
/// buffer when a side is swapped.
#[derive(Clone)]
struct Converter {
    cast: Option<Cast>,
    src_swap: Option<usize>,
    dst_swap: Option<usize>,
    src_size: usize,
    dst_size: usize,
}

impl Converter {
    fn new(src: DType, dst: DType) -> Result<Converter> {
        let swap = |d: DType| (!d.is_native()).then(|| d.swap_unit());
        let cast = if src.type_id == dst.type_id {
            None
        } else {
            Some(find_cast(src, dst).ok_or_else(|| {
                Error::type_(format!(
                    "Cannot cast array data from dtype('{src}') to dtype('{dst}')"
                ))
            })?)
        };
        Ok(Converter {
            cast,
            src_swap: swap(src),
            dst_swap: swap(dst),
            src_size: src.itemsize,
            dst_size: dst.itemsize,
        })
    }

    /// # Safety
    /// `n` valid, non-overlapping items on both sides; `stage` has room for `n` items of
    /// the larger of the two sizes (only one side is ever swapped by the engine).
    ///
    /// # Errors
    /// A [`CastKernel`](crate::dtype::cast::CastKernel)'s error.
    unsafe fn run(
        &self,
        s: *const u8,
        ss: isize,
        d: *mut u8,
        ds: isize,
        n: usize,
        stage: *mut u8,
    ) -> Result<()> {
        let swap_items = |p: *mut u8, stride: isize, size: usize, unit: usize| {
            for i in 0..n as isize {
                // SAFETY: item i of a run the caller vouches for.
                let item = unsafe { std::slice::from_raw_parts_mut(p.offset(i * stride), size) };
                swap_in_place(item, unit);
            }
        };
        match self.cast {
            None => {
                // SAFETY: forwarded.
                unsafe { copy_run(s, ss, d, ds, n, self.dst_size) };
                if self.src_swap != self.dst_swap {
                    let unit = self.src_swap.or(self.dst_swap).unwrap_or(1);
                    swap_items(d, ds, self.dst_size, unit);
                }
            }
            Some(f) => {
                let (sp, sst) = match self.src_swap {
                    Some(unit) => {
                        let sz = self.src_size as isize;
                        // SAFETY: `stage` holds n source items.
                        unsafe { copy_run(s, ss, stage, sz, n, self.src_size) };
                        swap_items(stage, sz, self.src_size, unit);
                        (stage as *const u8, sz)
                    }
                    None => (s, ss),
                };
                match self.dst_swap {
                    Some(unit) if self.src_swap.is_none() => {
                        let sz = self.dst_size as isize;
                        // SAFETY: `stage` holds n destination items.
                        unsafe { f.run(sp, sst, stage, sz, n)? };
                        swap_items(stage, sz, self.dst_size, unit);
                        // SAFETY: n valid destination items.
                        unsafe { copy_run(stage, sz, d, ds, n, self.dst_size) };
                    }
                    Some(unit) => {
                        // Both sides swapped (never from the engine): cast, then swap the
                        // destination in place.
                        // SAFETY: n valid items on both sides.
                        unsafe { f.run(sp, sst, d, ds, n)? };
                        swap_items(d, ds, self.dst_size, unit);
                    }
                    // SAFETY: n valid items on both sides.
                    None => unsafe { f.run(sp, sst, d, ds, n)? },
                }
            }
        }
        Ok(())
    }
}

/// True when the loop can read/write the operand in place.
fn direct(op: &Op, shape: &[usize]) -> bool {
    if op.dtype.type_id != op.loop_dtype.type_id
        || op.dtype.itemsize != op.loop_dtype.itemsize
        || !op.dtype.is_native()
    {
        return false;
    }
    let a = op.loop_dtype.alignment.max(1);
    (op.ptr as usize) % a == 0
        && op
            .strides
            .iter()
            .zip(shape)
            .all(|(&s, &n)| n <= 1 || s.rem_euclid(a as isize) == 0)
}

/// What [`run`] needs besides the operands.
pub struct RunSpec<'a> {
    pub func: LoopFn,
    pub data: *const (),
    pub nin: usize,
    /// How NumPy would run the call (see [`LoopModes`]).
    pub modes: LoopModes,
    /// The loop's reduce variant, called once per reduction run (see [`ReduceFn`]).
    pub reduce: Option<ReduceFn>,
    /// Without a reduce variant: combine reduction runs as a balanced tree with the
    /// elementwise loop (reorderable ufuncs whose results do not depend on the order).
    pub tree: bool,
    /// A boolean mask (pointer and strides over the full shape), already native bool.
    pub mask: Option<(*mut u8, &'a [isize])>,
    /// A descriptor loop's operand descriptors ([`LoopContext::descrs`]), else empty.
    /// Such a loop runs on the calling thread.
    pub descrs: &'a [DType],
}

/// Run the loop over `shape` (see the module docs). Returns the software FP flags, and
/// the hardware ones raised on worker threads when the call was split.
///
/// Splitting (the iteration plan's splitter, `iter::Plan::par_parts`) happens only for
/// work above the execution policy's threshold: elementwise work anywhere, reductions
/// (an output with stride 0, or a `reduce` variant/`tree`) only in parts of whole inner
/// runs when the inner run is all that is reduced (`sum(A, axis=-1)`: one row per output
/// element, each row the same one call whatever the split; other reductions are split
/// by their own code along their fixed tree), and never for loops that carry registered data (`data`
/// non-null: a loop from outside the engine, e.g. one calling back into Python, runs on
/// the calling thread only). Each worker has its own `LoopContext` and scratch buffers;
/// its software flags and FPU status are merged into the result.
///
/// # Safety
/// Every operand's pointer and strides must address valid elements of its dtype for every
/// index of `shape` (invariant 1 of `Array`, after broadcasting), outputs writable; inputs
/// may not overlap outputs unless identical (same pointer and strides).
///
/// # Errors
/// A loop's error, or a missing cast.
pub unsafe fn run(shape: &[usize], ops: &[Op], spec: &RunSpec<'_>) -> Result<u8> {
    if shape.contains(&0) {
        return Ok(0);
    }
    let nops = ops.len();
    let mut all_strides: SmallVec<[&[isize]; 6]> =
        ops.iter().map(|o| o.strides.as_slice()).collect();
    if let Some((_, ms)) = spec.mask {
        all_strides.push(ms);
    }
    let plan = Plan::new(shape, &all_strides);
    let buffered: SmallVec<[bool; 4]> = ops.iter().map(|o| !direct(o, shape)).collect();
    let any_buf = buffered.iter().any(|&b| b);
    let scratch = Scratch::new(ops, spec, buffered, any_buf || spec.mask.is_some())?;
    let base: SmallVec<[*mut u8; 6]> = ops
        .iter()
        .map(|o| o.ptr)
        .chain(spec.mask.map(|(p, _)| p))
        .collect();
    let work: usize = plan.size()
        * ops
            .iter()
            .map(|o| o.dtype.itemsize.max(o.loop_dtype.itemsize))
            .sum::<usize>();
    // A cast that carries data (e.g. one written in Python) runs on the calling thread.
    let kernel_casts = ops.iter().any(|o| {
        o.dtype.type_id != o.loop_dtype.type_id
            && (kernel_cast(o.dtype, o.loop_dtype).is_some()
                || kernel_cast(o.loop_dtype, o.dtype).is_some())
    });
    let splittable = spec.data.is_null()
        && spec.descrs.is_empty()
        && !kernel_casts
        && spec.reduce.is_none()
        && !spec.tree
        && (spec.nin..nops).all(|k| plan.never_revisits(k))
        && exec::parallelism(work) > 1;
    // Short inner runs are grouped (the iteration plan's tiling) unless this is a
    // reduction; the engine then sees runs of about `iter::TILE_ELEMS` elements.
    let tiling = if spec.reduce.is_none() && !spec.tree {
        let sizes: SmallVec<[usize; 6]> = ops
            .iter()
            .map(|o| o.dtype.itemsize)
            .chain(spec.mask.map(|_| 1))
            .collect();
        let read_only: SmallVec<[bool; 6]> = (0..all_strides.len())
            .map(|k| {
                k >= nops
                    || (k < spec.nin
                        && !(spec.nin..nops)
                            .any(|o| ops[o].ptr == ops[k].ptr && ops[o].strides == ops[k].strides))
            })
            .collect();
        plan.tiling(&sizes, &read_only)
    } else {
        None
    };
    // A reduction whose reduced axes are the inner run alone (`sum(A, axis=-1)`): every
    // output element is one whole inner run, so parts of whole runs (split along the outer
    // axes, along which every written operand moves) make exactly the calls of the one-part
    // walk, each run one call in its own order: the result does not depend on the split.
    let rows = if !splittable
        && spec.data.is_null()
        && spec.descrs.is_empty()
        && !kernel_casts
        && plan.axes().len() >= 2
        && exec::parallelism(work) > 1
    {
        let (outer, (n, inner)) = plan.peel_inner();
        let by_rows = (spec.nin..nops).all(|k| inner[k] == 0 && outer.never_revisits(k));
        by_rows.then_some((outer, n, inner))
    } else {
        None
    };
    let walk = match (&rows, &tiling) {
        (Some((outer, n, inner)), _) => Walk::Rows(outer, *n, inner),
        (None, Some(t)) => Walk::Tiled(t),
        (None, None) => Walk::Runs(&plan),
    };
    if !splittable && rows.is_none() {
        let ctx = LoopContext::with_modes(spec.data, spec.modes).with_descrs(spec.descrs);
        let mut eng = Engine::new(spec, &ctx, nops, scratch);
        // SAFETY: the operands address valid items for every index (our contract).
        unsafe {
            walk.walk(&mut None, base, walk.outer().whole(), |p, s, n| {
                eng.inner(p, s, n)
            })?
        };
        return Ok(ctx.flags());
    }
    let flags = AtomicU8::new(0);
    let shared = Shared((spec, base));
    let template = Shared(&scratch);
    let modes = spec.modes;
    // SAFETY: outputs move along every planned axis (checked above), or along every
    // axis but the row of a `Walk::Rows` reduction, so parts write disjoint elements (a
    // tiling visits the same elements in the same runs, grouped; rows are whole);
    // inputs are only read (those identical to an output are read and written by the
    // same part, element by element); the operands outlive the call, which waits for
    // every part; the loop carries no data (a built-in, thread-safe kernel).
    unsafe {
        walk.outer().par_parts(
            work,
            || {
                fpstatus::clear();
                (
                    Worker {
                        ctx: LoopContext::with_modes(std::ptr::null(), modes),
                        scratch: Some(template.get().fresh()),
                    },
                    None,
                )
            },
            |(w, tiles), part| {
                let (spec, base) = shared.get();
                let scratch = w
                    .scratch
                    .take()
                    .expect("scratch is put back after each part");
                let mut eng = Engine::new(spec, &w.ctx, nops, scratch);
                let r = walk.walk(tiles, base.clone(), part, |p, s, n| eng.inner(p, s, n));
                w.scratch = Some(eng.into_scratch());
                flags.fetch_or(w.ctx.take_flags() | fpstatus::read(), Ordering::Relaxed);
                r
            },
        )?
    };
    Ok(flags.into_inner())
}

/// One loop call over `n` elements (the elementwise fast path: every operand contiguous or
/// of stride 0), split over threads by the iteration plan's splitter when it is large
/// enough and the loop carries no registered data (see [`run`]). Worker flags (software
/// and FPU status) are raised on `ctx`.
///
/// # Safety
/// As [`LoopFn`] for `ptrs`, `n` and `strides`; no output has stride 0 unless `n <= 1`.
///
/// # Errors
/// The loop's error.
#[inline]
pub unsafe fn call_split(
    func: LoopFn,
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    n: usize,
    strides: &[isize],
) -> Result<()> {
    let work = n * strides.iter().map(|s| s.unsigned_abs()).sum::<usize>();
    // The last operand is an output, contiguous (its stride is its item size, or 0 for
    // one element): stream it when it is far bigger than the caches, unless it is also
    // an input (`add(a, b, out=a)`): its lines are read anyway, so plain stores cost no
    // extra read, and streaming them out only evicts them (1.4x NumPy's time in place).
    let os = strides.last().copied().unwrap_or(0);
    let last = ptrs.len().saturating_sub(1);
    let stream = ctx.data.is_null()
        && (1..=STREAM_OUT_MAX_ITEM as isize).contains(&os)
        && n.saturating_mul(os as usize) >= exec::stream_out_bytes()
        && !ptrs[..last].contains(&ptrs[last]);
    if !ctx.data.is_null() || exec::parallelism(work) <= 1 {
        if stream {
            // SAFETY: forwarded.
            return unsafe { call_streamed(func, ctx, ptrs, n, strides) };
        }
        // SAFETY: forwarded.
        return unsafe { func(ctx, ptrs, n, strides) };
    }
    let shape = [n];
    let per_op: SmallVec<[[isize; 1]; 6]> = strides.iter().map(|&s| [s]).collect();
    let refs: SmallVec<[&[isize]; 6]> = per_op.iter().map(|s| s.as_slice()).collect();
    let plan = Plan::new(&shape, &refs);
    let flags = AtomicU8::new(0);
    let modes = ctx.modes;
    // SAFETY: pieces of one run of distinct elements: parts write disjoint output
    // elements; the loop is data-free (built in) and the operands outlive the call.
    unsafe {
        plan.par_runs(
            ptrs,
            work,
            || {
                fpstatus::clear();
                LoopContext::with_modes(std::ptr::null(), modes)
            },
            |wctx, p, len| {
                let r = if stream {
                    call_streamed(func, wctx, p, len, strides)
                } else {
                    func(wctx, p, len, strides)
                };
                flags.fetch_or(wctx.take_flags() | fpstatus::read(), Ordering::Relaxed);
                r
            },
        )?
    };
    ctx.raise(flags.into_inner());
    Ok(())
}

/// Elementwise outputs of at least this many bytes are written with non-temporal stores
/// (see [`call_streamed`]; the policy's threshold, `exec::stream_out_bytes`).
pub const STREAM_OUT_BYTES: usize = exec::STREAM_OUT_BYTES;

/// Largest output item streamed (the staging buffer holds at least 32 items).
const STREAM_OUT_MAX_ITEM: usize = 16;

/// Bytes of the staging buffer of [`call_streamed`] (`kernels::store::STAGE_BYTES`: small,
/// so the loop's loads and the streamed stores stay interleaved).
const STREAM_STAGE: usize = crate::kernels::store::STAGE_BYTES;

/// `func` over `n` elements with the last operand (a contiguous output of item size
/// `strides[last]`) computed chunk by chunk into an L1 buffer and streamed out with
/// non-temporal stores (`kernels::store::copy_stream`). Each chunk's inputs are read before its
/// output is written, so an input identical to the output is fine.
///
/// # Safety
/// As [`LoopFn`]; the last operand is an output with `0 < strides[last] <= 16` equal to
/// its item size (contiguous).
unsafe fn call_streamed(
    func: LoopFn,
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    n: usize,
    strides: &[isize],
) -> Result<()> {
    let last = ptrs.len() - 1;
    let os = strides[last] as usize;
    let k = STREAM_STAGE / os;
    let mut stage = [Block([0; 64]); STREAM_STAGE / 64];
    let mut p: SmallVec<[*mut u8; 6]> = SmallVec::from_slice(ptrs);
    let mut done = 0;
    // A short first chunk up to a line boundary of the output (`store::lead_items`).
    let mut next = crate::kernels::store::lead_items(ptrs[last], os, k);
    while done < n {
        let m = (n - done).min(next);
        next = k;
        for j in 0..last {
            p[j] = ptrs[j].wrapping_offset(done as isize * strides[j]);
        }
        p[last] = stage.as_mut_ptr() as *mut u8;
        // SAFETY: elements done..done + m of every operand (caller), the output replaced
        // by the stage buffer of `STREAM_STAGE >= m * os` bytes; then those `m * os`
        // bytes are copied to the output's elements done..done + m.
        unsafe {
            if let Err(e) = func(ctx, &p, m, strides) {
                crate::kernels::store::stream_fence();
                return Err(e);
            }
            crate::kernels::store::stream_chunk(
                stage.as_ptr() as *const u8,
                ptrs[last].add(done * os),
                m * os,
            );
        }
        done += m;
    }
    crate::kernels::store::stream_fence();
    Ok(())
}

/// One worker's state in a split call.
struct Worker {
    ctx: LoopContext<'static>,
    scratch: Option<Scratch>,
}

/// An engine's buffers and conversions (one set per worker).
struct Scratch {
    buffered: SmallVec<[bool; 4]>,
    sizes: SmallVec<[usize; 4]>,
    bufs: SmallVec<[Vec<Block>; 4]>,
    convs: SmallVec<[Option<Converter>; 4]>,
    stage: Vec<Block>,
    scratch: std::cell::RefCell<Vec<Block>>,
}

impl Scratch {
    /// Buffers for the buffered operands (all when `chunked`: masks and casts walk runs
    /// chunk by chunk).
    fn new(
        ops: &[Op],
        spec: &RunSpec<'_>,
        buffered: SmallVec<[bool; 4]>,
        chunked: bool,
    ) -> Result<Scratch> {
        let mut s = Scratch {
            sizes: ops.iter().map(|o| o.loop_dtype.itemsize).collect(),
            buffered,
            bufs: SmallVec::new(),
            convs: SmallVec::new(),
            stage: Vec::new(),
            scratch: std::cell::RefCell::new(Vec::new()),
        };
        if chunked {
            let mut stage_size = 0;
            for (k, o) in ops.iter().enumerate() {
                if s.buffered[k] {
                    s.bufs.push(blocks(CHUNK * o.loop_dtype.itemsize));
                    let c = if k < spec.nin {
                        Converter::new(o.dtype, o.loop_dtype)?
                    } else {
                        Converter::new(o.loop_dtype, o.dtype)?
                    };
                    s.convs.push(Some(c));
                    stage_size = stage_size.max(o.dtype.itemsize.max(o.loop_dtype.itemsize));
                } else {
                    s.bufs.push(Vec::new());
                    s.convs.push(None);
                }
            }
            s.stage = blocks(CHUNK * stage_size);
        }
        Ok(s)
    }

    /// Fresh buffers of the same sizes and the same conversions.
    fn fresh(&self) -> Scratch {
        Scratch {
            buffered: self.buffered.clone(),
            sizes: self.sizes.clone(),
            bufs: self
                .bufs
                .iter()
                .map(|b| {
                    if b.is_empty() {
                        Vec::new()
                    } else {
                        blocks(b.len() * 64)
                    }
                })
                .collect(),
            convs: self.convs.clone(),
            stage: if self.stage.is_empty() {
                Vec::new()
            } else {
                blocks(self.stage.len() * 64)
            },
            scratch: std::cell::RefCell::new(Vec::new()),
        }
    }
}

struct Engine<'a, 'c> {
    spec: &'a RunSpec<'a>,
    ctx: &'a LoopContext<'c>,
    nops: usize,
    buffered: SmallVec<[bool; 4]>,
    sizes: SmallVec<[usize; 4]>,
    bufs: SmallVec<[Vec<Block>; 4]>,
    convs: SmallVec<[Option<Converter>; 4]>,
    stage: Vec<Block>,
    scratch: std::cell::RefCell<Vec<Block>>,
}

impl<'a, 'c> Engine<'a, 'c> {
    fn new(
        spec: &'a RunSpec<'a>,
        ctx: &'a LoopContext<'c>,
        nops: usize,
        s: Scratch,
    ) -> Engine<'a, 'c> {
        Engine {
            spec,
            ctx,
            nops,
            buffered: s.buffered,
            sizes: s.sizes,
            bufs: s.bufs,
            convs: s.convs,
            stage: s.stage,
            scratch: s.scratch,
        }
    }

    fn into_scratch(self) -> Scratch {
        Scratch {
            buffered: self.buffered,
            sizes: self.sizes,
            bufs: self.bufs,
            convs: self.convs,
            stage: self.stage,
            scratch: self.scratch,
        }
    }
}

impl Engine<'_, '_> {
    /// One innermost run of `n` elements.
    ///
    /// # Safety
    /// As [`run`], for this run.
    unsafe fn inner(&mut self, p: &[*mut u8], s: &[isize], n: usize) -> Result<()> {
        let nops = self.nops;
        if self.convs.is_empty() {
            // SAFETY: forwarded.
            return unsafe { self.invoke(&p[..nops], n, &s[..nops]) };
        }
        // Chunks exist for the buffers; with none (a `where` mask only), the mask's runs
        // are found over the whole run, as NumPy's iterator (`GROWINNER`) hands it to its
        // masked loop whole: a masked reduction's True runs are then summed as NumPy's,
        // not cut at chunk edges.
        let chunk = if self.buffered.iter().any(|&b| b) {
            CHUNK
        } else {
            n
        };
        let mut start = 0;
        while start < n {
            let k = (n - start).min(chunk);
            let mut ptrs: SmallVec<[*mut u8; 6]> = SmallVec::new();
            let mut strides: SmallVec<[isize; 6]> = SmallVec::new();
            for op in 0..nops {
                let src = p[op].wrapping_offset(start as isize * s[op]);
                if self.buffered[op] {
                    let buf = self.bufs[op].as_mut_ptr() as *mut u8;
                    let isz = self.loop_size(op);
                    if op < self.spec.nin {
                        let stage = self.stage.as_mut_ptr() as *mut u8;
                        if let Some(c) = &self.convs[op] {
                            // SAFETY: k valid source items; `buf` holds CHUNK loop items.
                            unsafe { c.run(src, s[op], buf, isz as isize, k, stage)? };
                        }
                    }
                    ptrs.push(buf);
                    strides.push(isz as isize);
                } else {
                    ptrs.push(src);
                    strides.push(s[op]);
                }
            }
            match self.spec.mask {
                None => {
                    // SAFETY: ptrs address k valid items each.
                    unsafe { self.invoke(&ptrs, k, &strides)? };
                    // SAFETY: as above.
                    unsafe { self.write_back(p, s, start, &ptrs, 0, k)? };
                }
                Some(_) => {
                    let mp = p[nops].wrapping_offset(start as isize * s[nops]);
                    let ms = s[nops];
                    let mut i = 0;
                    while i < k {
                        // SAFETY: mask items i < k are valid bools.
                        while i < k && unsafe { *mp.offset(i as isize * ms) } == 0 {
                            i += 1;
                        }
                        let a = i;
                        // SAFETY: as above.
                        while i < k && unsafe { *mp.offset(i as isize * ms) } != 0 {
                            i += 1;
                        }
                        if i > a {
                            let sub: SmallVec<[*mut u8; 6]> = ptrs
                                .iter()
                                .zip(&strides)
                                .map(|(&q, &st)| q.wrapping_offset(a as isize * st))
                                .collect();
                            // SAFETY: a sub-run of the chunk.
                            unsafe { self.invoke(&sub, i - a, &strides)? };
                            // SAFETY: as above.
                            unsafe { self.write_back(p, s, start, &ptrs, a, i - a)? };
                        }
                    }
                }
            }
            start += k;
        }
        Ok(())
    }

    fn loop_size(&self, op: usize) -> usize {
        self.sizes[op]
    }

    /// Convert buffered outputs' items `a..a+len` of the current chunk back.
    ///
    /// # Safety
    /// The chunk's items are valid in the user's outputs.
    ///
    /// # Errors
    /// A cast kernel's error.
    unsafe fn write_back(
        &self,
        p: &[*mut u8],
        s: &[isize],
        start: usize,
        ptrs: &[*mut u8],
        a: usize,
        len: usize,
    ) -> Result<()> {
        for op in self.spec.nin..self.nops {
            if !self.buffered[op] {
                continue;
            }
            if let Some(c) = &self.convs[op] {
                let isz = c.src_size as isize;
                let src = ptrs[op].wrapping_offset(a as isize * isz);
                let dst = p[op].wrapping_offset((start + a) as isize * s[op]);
                let stage = self.stage.as_ptr() as *mut u8;
                // SAFETY: len valid items on both sides; the stage is only used here.
                unsafe { c.run(src, isz, dst, s[op], len, stage)? };
            }
        }
        Ok(())
    }

    /// Call the loop, splitting reduction runs pairwise.
    ///
    /// # Safety
    /// As [`run`].
    unsafe fn invoke(&self, ptrs: &[*mut u8], n: usize, strides: &[isize]) -> Result<()> {
        let f = self.spec.func;
        if n > 1
            && self.nops == 3
            && self.spec.nin == 2
            && ptrs[0] == ptrs[2]
            && strides[0] == 0
            && strides[2] == 0
        {
            // A reduction run. Loops are not asked to handle it (a kernel may read a
            // stride-0 input once): the loop's reduce variant takes it whole (NumPy's
            // order), else reorderable ufuncs combine it as a tree, others one element at
            // a time, in order.
            if let Some(rf) = self.spec.reduce {
                // SAFETY: forwarded; operand 0 is the one-element accumulator.
                return unsafe { rf(self.ctx, ptrs[0], ptrs[1], n, strides[1]) };
            }
            if self.spec.tree {
                // SAFETY: forwarded.
                return unsafe { self.pairwise(ptrs[0], ptrs[1], n, strides[1]) };
            }
            for i in 0..n as isize {
                // SAFETY: element i of the run; the accumulator is one element.
                unsafe {
                    f(
                        self.ctx,
                        &[ptrs[0], ptrs[1].offset(i * strides[1]), ptrs[2]],
                        1,
                        &[0, 0, 0],
                    )?
                };
            }
            return Ok(());
        }
        // SAFETY: forwarded.
        unsafe { f(self.ctx, ptrs, n, strides) }
    }

    /// `acc = acc op (x[0] op ... op x[n-1])`, the inner combination built as a balanced
    /// tree: each chunk of at most [`CHUNK`] elements is halved repeatedly with the
    /// elementwise loop (`y[i] = x[i] op x[i + m]`, vectorised by the kernel, into scratch),
    /// and chunk results are merged like a binary counter, so every element sits at depth
    /// O(log n): pairwise summation, at least as accurate as NumPy's blocked one.
    ///
    /// # Safety
    /// `acc` is one element, `x` `n` elements with stride `s`, of the loop dtype.
    unsafe fn pairwise(&self, acc: *mut u8, x: *mut u8, n: usize, s: isize) -> Result<()> {
        let f = self.spec.func;
        let isz = self.elem_size();
        let need = (n.min(CHUNK) / 2 + 1 + LANES) * isz;
        let mut scratch = self.scratch.borrow_mut();
        if scratch.len() * 64 < need {
            *scratch = blocks(need);
        }
        let scr = scratch.as_mut_ptr() as *mut u8;
        // (level, value) pairs, merged when two of one level meet.
        let mut stack: SmallVec<[(u32, Block); 32]> = SmallVec::new();
        let mut start = 0;
        while start < n {
            let k = (n - start).min(CHUNK);
            let mut v = Block([0; 64]);
            // SAFETY: k elements of x from `start`; the scratch holds k/2 + 1 + LANES
            // elements.
            unsafe {
                self.tree(
                    x.offset(start as isize * s),
                    k,
                    s,
                    scr,
                    isz,
                    v.0.as_mut_ptr(),
                )?
            };
            let mut level = 0;
            while let Some((l, top)) = stack.last_mut() {
                if *l != level {
                    break;
                }
                let tp = top.0.as_mut_ptr();
                // SAFETY: one element each, in aligned scratch blocks.
                unsafe { f(self.ctx, &[tp, v.0.as_mut_ptr(), tp], 1, &[0, 0, 0])? };
                v = *top;
                stack.pop();
                level += 1;
            }
            stack.push((level, v));
            start += k;
        }
        let mut total = stack.pop().expect("n > 0").1;
        while let Some((_, mut prev)) = stack.pop() {
            let pp = prev.0.as_mut_ptr();
            // SAFETY: one element each.
            unsafe { f(self.ctx, &[pp, total.0.as_mut_ptr(), pp], 1, &[0, 0, 0])? };
            total = prev;
        }
        // SAFETY: `acc` is one element; `total` holds one.
        unsafe { f(self.ctx, &[acc, total.0.as_mut_ptr(), acc], 1, &[0, 0, 0]) }
    }

    /// Combine `k >= 1` elements of `x` (stride `s`) into `out` by halving in `scr`.
    ///
    /// # Safety
    /// As [`Engine::pairwise`]; `scr` holds `k/2 + 1 + LANES` elements, `out` one.
    unsafe fn tree(
        &self,
        x: *mut u8,
        k: usize,
        s: isize,
        scr: *mut u8,
        isz: usize,
        out: *mut u8,
    ) -> Result<()> {
        let f = self.spec.func;
        let is = isz as isize;
        if k == 1 {
            // SAFETY: one element each.
            unsafe { std::ptr::copy_nonoverlapping(x, out, isz) };
            return Ok(());
        }
        let mut n;
        if k >= 2 * LANES {
            // Blocked first level (NumPy's blocks of 8 lanes, widened): LANES partial
            // results, each combining every LANES-th element (16 of them for a full chunk),
            // ping-ponging between two scratch runs (distinct input and output let the
            // kernel vectorise) that stay in L1.
            // SAFETY: x[0..k] valid with stride s; the scratch holds 2 * LANES elements;
            // every call reads one scratch run (or x) and writes the other, except the
            // remainder, whose input 0 and output are the identical run.
            unsafe {
                let other = scr.offset(LANES as isize * is);
                f(
                    self.ctx,
                    &[x, x.offset(LANES as isize * s), scr],
                    LANES,
                    &[s, s, is],
                )?;
                let (mut cur, mut nxt) = (scr, other);
                let full = k / LANES;
                for j in 2..full {
                    f(
                        self.ctx,
                        &[cur, x.offset((j * LANES) as isize * s), nxt],
                        LANES,
                        &[is, s, is],
                    )?;
                    std::mem::swap(&mut cur, &mut nxt);
                }
                let rem = k - full * LANES;
                if rem > 0 {
                    f(
                        self.ctx,
                        &[cur, x.offset((full * LANES) as isize * s), cur],
                        rem,
                        &[is, s, is],
                    )?;
                }
                if cur != scr {
                    std::ptr::copy_nonoverlapping(cur, scr, LANES * isz);
                }
            }
            n = LANES;
        } else {
            let m = k.div_ceil(2);
            // SAFETY: x[0..k-m] and x[m..k] are valid and disjoint; scr[0..k-m] is scratch.
            unsafe {
                f(
                    self.ctx,
                    &[x, x.offset(m as isize * s), scr],
                    k - m,
                    &[s, s, is],
                )?;
                if k % 2 == 1 {
                    std::ptr::copy_nonoverlapping(
                        x.offset((m as isize - 1) * s),
                        scr.offset((m as isize - 1) * is),
                        isz,
                    );
                }
            }
            n = m;
        }
        while n > 1 {
            let h = n.div_ceil(2);
            // SAFETY: scr[0..n-h] is both input 0 and the output (identical runs), and
            // scr[h..n] is disjoint from it since h >= n - h.
            unsafe {
                f(
                    self.ctx,
                    &[scr, scr.offset(h as isize * is), scr],
                    n - h,
                    &[is, is, is],
                )?
            };
            n = h;
        }
        // SAFETY: scr[0] is the result.
        unsafe { std::ptr::copy_nonoverlapping(scr, out, isz) };
        Ok(())
    }

    fn elem_size(&self) -> usize {
        // Operand 1's loop item size (the reduction's element).
        self.sizes[1].min(64)
    }
}

pub use crate::iter::k_order;

pub use super::elementwise::{
    alloc_output, bool_mask, broadcast, execute, int_bounds, weak_to_array,
};
