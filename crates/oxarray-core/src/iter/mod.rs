//! Strided iteration over several operands, and the copy/cast driver built on it.
//!
//! [`plan`] is THE iteration plan (K order, dropping length-one axes, coalescing, the
//! parallel splitter); everything else in the crate that walks several strided operands
//! goes through it ([`for_each_run`], [`par_for_each_run`], [`Plan`]).

pub mod kernel_cast;
mod plan;
mod small;

use crate::array::Array;
use crate::dtype::cast::{self, CastFn};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::layout;

pub use plan::{
    for_each_run, k_order, par_for_each_run, stride_perm, OpStrides, Part, Plan, Shared, Split,
    Tiles, Tiling, Walk, PART_BYTES, PIECE_ALIGN, TILE_ELEMS, TILE_MAX_RUN,
};

/// Copy `n` items of `size` bytes between strided runs.
///
/// # Safety
/// Every `src + i*ss` and `dst + i*ds` (`i < n`) must be a valid item; the runs must not
/// overlap.
pub unsafe fn copy_run(src: *const u8, ss: isize, dst: *mut u8, ds: isize, n: usize, size: usize) {
    let size_i = size as isize;
    if ss == size_i && ds == size_i {
        // SAFETY: contiguous runs of n items, non-overlapping by contract.
        unsafe { std::ptr::copy_nonoverlapping(src, dst, n * size) };
        return;
    }
    // SAFETY: forwarded (the same items, the destination contiguous).
    if ds == size_i
        && unsafe { crate::kernels::gather::every_second_to_contig(src, ss, dst, n, size) }
    {
        return;
    }
    macro_rules! strided {
        ($t:ty) => {{
            if ss == 0 {
                // A broadcast source: one value written to every item (a fill).
                // SAFETY: item 0 of the source is valid by contract.
                let v = unsafe { (src as *const $t).read_unaligned() };
                if ds == size_i {
                    for i in 0..n {
                        // SAFETY: item i of the contiguous destination run.
                        unsafe { (dst as *mut $t).add(i).write_unaligned(v) };
                    }
                } else {
                    for i in 0..n as isize {
                        // SAFETY: item i of the destination run.
                        unsafe { (dst.offset(i * ds) as *mut $t).write_unaligned(v) };
                    }
                }
                return;
            }
            for i in 0..n as isize {
                // SAFETY: item i of each run is valid by contract.
                unsafe {
                    let v = (src.offset(i * ss) as *const $t).read_unaligned();
                    (dst.offset(i * ds) as *mut $t).write_unaligned(v);
                }
            }
        }};
    }
    match size {
        1 => strided!(u8),
        2 => strided!(u16),
        4 => strided!(u32),
        8 => strided!(u64),
        16 => strided!(u128),
        _ => {
            for i in 0..n as isize {
                // SAFETY: as above, item by item.
                unsafe {
                    std::ptr::copy_nonoverlapping(src.offset(i * ss), dst.offset(i * ds), size)
                };
            }
        }
    }
}

/// Write the `item` bytes to every element of `arr` (already checked writeable). The
/// loop is walked without its inner axis and each call fills two axes (so short inner
/// runs, such as the border columns of `pad`, cost no call each).
pub(crate) fn fill_bytes(arr: &Array, item: &[u8]) {
    let size = item.len();
    let plan = Plan::new(arr.shape(), &[arr.strides()]);
    let (outer, (n, s)) = plan.peel_inner();
    let (_, ms) = outer.inner();
    let (s, ms) = (s[0], ms[0]);
    macro_rules! typed {
        ($t:ty) => {{
            // SAFETY: `item` holds exactly one value of this size.
            let v = unsafe { (item.as_ptr() as *const $t).read_unaligned() };
            let _ = outer.walk([arr.data_ptr()], outer.whole(), |&[p], m| {
                for j in 0..m as isize {
                    let r = p.wrapping_offset(j * ms);
                    if s == size as isize {
                        for i in 0..n {
                            // SAFETY: invariant 1 of `Array`: every element of the run
                            // is inside the storage.
                            unsafe { (r as *mut $t).add(i).write_unaligned(v) };
                        }
                    } else {
                        for i in 0..n as isize {
                            // SAFETY: as above.
                            unsafe { (r.offset(i * s) as *mut $t).write_unaligned(v) };
                        }
                    }
                }
                Ok(())
            });
        }};
    }
    match size {
        1 => typed!(u8),
        2 => typed!(u16),
        4 => typed!(u32),
        8 => typed!(u64),
        16 => typed!(u128),
        _ => {
            let _ = outer.walk([arr.data_ptr()], outer.whole(), |&[p], m| {
                for j in 0..m as isize {
                    let r = p.wrapping_offset(j * ms);
                    for i in 0..n as isize {
                        // SAFETY: as above.
                        unsafe {
                            std::ptr::copy_nonoverlapping(item.as_ptr(), r.offset(i * s), size)
                        };
                    }
                }
                Ok(())
            });
        }
    }
}

/// Copies and casts writing at least this many bytes write their contiguous runs with
/// non-temporal stores (the policy's threshold, `exec::stream_copy_bytes`).
pub const STREAM_BYTES: usize = crate::exec::STREAM_COPY_BYTES;

/// 16-byte units in the buffer of a streamed cast (`kernels::store::STAGE_BYTES`).
const STREAM_CHUNK: usize = crate::kernels::store::STAGE_BYTES / 16;

pub use crate::kernels::store::copy_stream;

/// Inner runs shorter than this are copied two axes per call (see [`copy_into`]).
const SHORT_RUN: usize = 16;

/// Elements converted per chunk when a cast needs byte swapping.
const CHUNK: usize = 256;

/// Copy `src` into `dst`, broadcasting `src` to `dst`'s shape and casting its dtype
/// (unsafe casting: the caller checks the casting level). Overlapping memory is handled by
/// copying `src` first.
///
/// # Errors
/// Read-only `dst`, shapes that do not broadcast (naming both), or dtypes with no cast.
pub fn copy_into(dst: &Array, src: &Array) -> Result<()> {
    dst.check_writeable()?;
    let stripped;
    let src = if src.ndim() > dst.ndim() && src.shape()[0] == 1 {
        stripped = strip_leading_ones(src, dst.ndim());
        &stripped
    } else {
        src
    };
    let bstrides = layout::broadcast_strides(src.shape(), src.strides(), dst.shape())?;
    if dst.size() == 0 {
        return Ok(());
    }
    if src.may_share_memory(dst) {
        let tmp = copy_of(src, crate::layout::Order::K)?;
        return copy_into(dst, &tmp);
    }
    let (sd, dd) = (src.dtype(), dst.dtype());
    if let Some(c) = crate::dtype::registry::lookup_param_cast(sd, dd) {
        return copy_into_param(dst, src, &bstrides, c);
    }
    if let Some(k) = cast::kernel_cast(sd, dd) {
        return kernel_cast::copy_into(dst, src, k);
    }
    if dd.has_refs() || sd.needs_api() || dd.needs_api() {
        return copy_into_counted(dst, src, &bstrides);
    }
    let mut kernel = Kernel::new(sd, dd)?;
    kernel.stream = dst.size() * dd.itemsize >= crate::exec::stream_copy_bytes();
    if let Some((n, m, [ds, ss], [dos, sos])) = small::two_axes(
        dst.shape(),
        dst.strides(),
        &bstrides,
        sd.itemsize.max(dd.itemsize),
    ) {
        // A small copy over at most two axes (a transposed or strided 2-d block, a row
        // broadcast into a matrix): one double loop, no plan.
        // SAFETY: invariant 1 for both arrays (broadcast strides only revisit elements that
        // exist); no overlap (checked above); `two_axes` covers every element once.
        unsafe { kernel.run2d(src.data_ptr(), ss, sos, dst.data_ptr(), ds, dos, n, m) };
        return Ok(());
    }
    let work = dst.size() * (sd.itemsize + dd.itemsize);
    let plan = Plan::new(dst.shape(), &[dst.strides(), &bstrides]);
    let (n, inner) = plan.inner();
    if n < SHORT_RUN && plan.axes().len() >= 2 {
        // Short inner runs (a border column of `pad`, a narrow slab): walk the loop
        // without its inner axis and copy two axes per call, so the per-run cost of the
        // walk is paid once per block of runs.
        let (outer, _) = plan.peel_inner();
        let (_, mid) = outer.inner();
        let work = if plan.never_revisits(0) { work } else { 0 };
        let kernel = &kernel;
        let flags = CastFlags::new();
        // SAFETY: as below; the two axes of each call are planned axes of the same loop,
        // so every element is still visited once, and parts write disjoint elements
        // (operand 0 moves along every planned axis, else the loop is one part).
        let r = unsafe {
            outer.par_runs(
                &[dst.data_ptr(), src.data_ptr()],
                work,
                || (),
                |_, p, m| {
                    kernel.run2d(p[1], inner[1], mid[1], p[0], inner[0], mid[0], n, m);
                    flags.gather();
                    Ok(())
                },
            )
        };
        flags.finish();
        return r;
    }
    let flags = CastFlags::new();
    par_for_each_run(
        dst.shape(),
        [dst.data_ptr(), src.data_ptr()],
        [dst.strides(), &bstrides],
        work,
        |[d, s], [ds, ss], n| {
            // SAFETY: invariant 1 for both arrays (broadcast strides only revisit elements
            // that exist); no overlap (checked above); each destination element is written
            // by one part (the splitter's contract for operand 0).
            unsafe { kernel.run(s, ss, d, ds, n) };
            flags.gather();
        },
    );
    flags.finish();
    Ok(())
}

/// [`copy_into`] through a parametric cast (`U5 -> U10`, `int64 -> S21`): run by run on the
/// calling thread, stopping at the kernel's first error.
fn copy_into_param(
    dst: &Array,
    src: &Array,
    bstrides: &[isize],
    c: crate::dtype::registry::ParamCast,
) -> Result<()> {
    let (sd, dd) = (src.dtype(), dst.dtype());
    let mut err = None;
    for_each_run(
        dst.shape(),
        [dst.data_ptr(), src.data_ptr()],
        [dst.strides(), bstrides],
        |[d, s], [ds, ss], n| {
            if err.is_none() {
                // SAFETY: invariant 1 for both arrays; no overlap (checked by the caller).
                if let Err(e) = unsafe { (c.func)(&sd, &dd, s, ss, d, ds, n) } {
                    err = Some(e);
                }
            }
        },
    );
    err.map_or(Ok(()), Err)
}

/// [`copy_into`] for dtypes whose items hold references or whose casts need the
/// interpreter: on the calling thread, releasing `dst`'s old items first; byte copies of
/// a reference dtype then take one reference per item, and casts into one write new
/// references of their own. A cast that fails ([`cast::set_cast_error`]) stops the copy
/// with its error; every item of `dst` is then either empty or a valid new item.
fn copy_into_counted(dst: &Array, src: &Array, bstrides: &[isize]) -> Result<()> {
    let (sd, dd) = (src.dtype(), dst.dtype());
    let kernel = Kernel::new(sd, dd)?;
    let byte_copy = sd == dd;
    // `dst` is writeable (checked by the caller) and `src` does not share memory with it
    // (copied first by the caller otherwise), so releasing `dst`'s items cannot free an
    // item `src` still shows.
    dst.clear_items();
    // An error a previous, abandoned cast left on this thread is not this copy's.
    let _ = cast::take_cast_error();
    for_each_run(
        dst.shape(),
        [dst.data_ptr(), src.data_ptr()],
        [dst.strides(), bstrides],
        |[d, s], [ds, ss], n| {
            if cast::cast_failed() {
                return;
            }
            // SAFETY: invariant 1 for both arrays; no overlap (checked by the caller).
            unsafe {
                kernel.run(s, ss, d, ds, n);
                if byte_copy {
                    dd.incref(d, ds, n);
                }
            }
        },
    );
    match cast::take_cast_error() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// The cast flags of a copy whose parts may run on worker threads: each part moves the
/// flags its thread raised (a thread-local, `dtype::cast::take_cast_flags`) into one
/// shared word, and the calling thread takes them all back at the end, so "invalid value
/// encountered in cast" does not depend on which thread converted the bad element.
struct CastFlags(std::sync::atomic::AtomicU8);

impl CastFlags {
    fn new() -> Self {
        CastFlags(std::sync::atomic::AtomicU8::new(0))
    }
    #[inline]
    fn gather(&self) {
        let f = crate::dtype::cast::take_cast_flags();
        if f != 0 {
            self.0.fetch_or(f, std::sync::atomic::Ordering::Relaxed);
        }
    }
    fn finish(self) {
        let f = self.0.into_inner();
        if f != 0 {
            crate::dtype::cast::raise_cast_flags(f);
        }
    }
}

/// Check that `src` can be copied into `dst` (broadcasting, after dropping extra leading
/// length-one axes), without writing anything.
///
/// # Errors
/// `ValueError` naming both shapes.
pub fn check_assignable(dst: &Array, src: &Array) -> Result<()> {
    let src = if src.ndim() > dst.ndim() {
        strip_leading_ones(src, dst.ndim())
    } else {
        src.clone()
    };
    layout::broadcast_strides(src.shape(), src.strides(), dst.shape()).map(|_| ())
}

/// `src` without leading length-one axes beyond `ndim` dimensions (NumPy drops them when
/// assigning: `a[0] = [[1, 2, 3]]` works for a 1-d row).
pub fn strip_leading_ones(src: &Array, ndim: usize) -> Array {
    let mut k = 0;
    while src.ndim() - k > ndim && src.shape()[k] == 1 {
        k += 1;
    }
    // SAFETY: dropping length-one axes addresses the same elements.
    unsafe {
        src.view_unchecked(
            0,
            layout::Shape::from_slice(&src.shape()[k..]),
            layout::Strides::from_slice(&src.strides()[k..]),
        )
    }
}

/// A fresh copy of `a` laid out in `order` (K keeps `a`'s stride order).
///
/// # Errors
/// `MemoryError` when allocation fails.
pub fn copy_of(a: &Array, order: layout::Order) -> Result<Array> {
    copy_as(a, a.dtype(), order)
}

/// A fresh copy of `a` converted to `dtype`, laid out in `order`.
///
/// # Errors
/// `MemoryError`, or no cast between the dtypes.
pub fn copy_as(a: &Array, dtype: DType, order: layout::Order) -> Result<Array> {
    if let Some(r) = small::try_copy_as(a, dtype, order) {
        return r;
    }
    // SAFETY: `copy_into` writes every element of `out` (the source broadcasts to the same
    // shape); on error `out` is dropped unseen.
    let out = unsafe { alloc_like_with(a, a.shape(), dtype, order, false)? };
    copy_into(&out, a)?;
    Ok(out)
}

/// A new zeroed array of `shape` and `dtype` laid out like `a` in `order`: C, F, A (F when
/// `a` is Fortran- and not C-contiguous) or K (`a`'s stride order; needs `shape` of `a`'s
/// rank, else C).
///
/// # Errors
/// `MemoryError`, or a size that overflows.
pub fn alloc_like(a: &Array, shape: &[usize], dtype: DType, order: layout::Order) -> Result<Array> {
    // SAFETY: zeroed memory is initialised.
    unsafe { alloc_like_with(a, shape, dtype, order, true) }
}

/// [`alloc_like`] without zeroing.
///
/// # Safety
/// As [`Array::uninit`]: every element must be written before use.
///
/// # Errors
/// As [`alloc_like`].
pub unsafe fn alloc_like_uninit(
    a: &Array,
    shape: &[usize],
    dtype: DType,
    order: layout::Order,
) -> Result<Array> {
    // SAFETY: forwarded to our caller.
    unsafe { alloc_like_with(a, shape, dtype, order, false) }
}

/// [`alloc_like`], zeroed or not.
///
/// # Safety
/// With `zero == false`, as [`Array::uninit`]: every element must be written before use.
unsafe fn alloc_like_with(
    a: &Array,
    shape: &[usize],
    dtype: DType,
    order: layout::Order,
    zero: bool,
) -> Result<Array> {
    use layout::Order;
    let new = |shape: &[usize], order: Order| {
        if dtype.has_refs() {
            Array::zero_bytes(shape, dtype, order)
        } else if zero {
            Array::zeros(shape, dtype, order)
        } else {
            // SAFETY: forwarded to our caller.
            unsafe { Array::uninit(shape, dtype, order) }
        }
    };
    let fortran_input = a.is_f_contiguous() && !a.is_c_contiguous();
    match order {
        Order::A if fortran_input => new(shape, Order::F),
        // NumPy's K: C for a new rank, a 1-d or a C-contiguous input; F for an
        // F-contiguous input; anything else the input's stride order.
        Order::K if shape.len() != a.ndim() || a.ndim() <= 1 || a.is_c_contiguous() => {
            new(shape, Order::C)
        }
        Order::K if a.is_f_contiguous() => new(shape, Order::F),
        Order::K => {
            // Allocate with the axes permuted into a's stride order, then view it back.
            let nd = a.ndim();
            let perm = stride_perm(a.strides());
            let pshape: Vec<usize> = perm.iter().map(|&i| shape[i]).collect();
            let base = new(&pshape, Order::C)?;
            let mut inv = vec![0usize; nd];
            for (k, &p) in perm.iter().enumerate() {
                inv[p] = k;
            }
            crate::ops::permute_dims(&base, &inv)
        }
        Order::F => new(shape, Order::F),
        _ => new(shape, Order::C),
    }
}

/// The inner loop of a copy: plain byte copy, byte-swapping copy, or cast (with swaps).
struct Kernel {
    /// Contiguous destination runs are written with non-temporal stores (see
    /// [`STREAM_BYTES`]).
    stream: bool,
    src_size: usize,
    dst_size: usize,
    src_swap: Option<usize>,
    dst_swap: Option<usize>,
    cast: Option<CastFn>,
}

impl Kernel {
    fn new(src: DType, dst: DType) -> Result<Kernel> {
        let swap = |d: DType| (!d.is_native()).then(|| d.swap_unit());
        let cast = if src.type_id == dst.type_id {
            None
        } else {
            Some(cast::get_cast(src, dst).ok_or_else(|| {
                Error::type_(format!(
                    "Cannot cast array data from dtype('{src}') to dtype('{dst}')"
                ))
            })?)
        };
        Ok(Kernel {
            stream: false,
            src_size: src.itemsize,
            dst_size: dst.itemsize,
            src_swap: swap(src),
            dst_swap: swap(dst),
            cast,
        })
    }

    /// [`Kernel::run`] on `m` runs of `n` items, run `j` starting `j * sos` / `j * dos`
    /// bytes after `s` / `d`: plain copies move typed items in one double loop.
    ///
    /// # Safety
    /// As [`Kernel::run`], for every run.
    #[allow(clippy::too_many_arguments)]
    unsafe fn run2d(
        &self,
        s: *const u8,
        ss: isize,
        sos: isize,
        d: *mut u8,
        ds: isize,
        dos: isize,
        n: usize,
        m: usize,
    ) {
        #[inline(always)]
        unsafe fn rows<T: Copy>(
            s: *const u8,
            ss: isize,
            sos: isize,
            d: *mut u8,
            ds: isize,
            dos: isize,
            n: usize,
            m: usize,
        ) {
            for j in 0..m as isize {
                let (sr, dr) = (s.wrapping_offset(j * sos), d.wrapping_offset(j * dos));
                for i in 0..n as isize {
                    // SAFETY: item i of run j on both sides (caller's contract).
                    unsafe {
                        let v = (sr.offset(i * ss) as *const T).read_unaligned();
                        (dr.offset(i * ds) as *mut T).write_unaligned(v);
                    }
                }
            }
        }
        if self.cast.is_none() && self.src_swap == self.dst_swap {
            // SAFETY: forwarded (plain copies of one item size).
            unsafe {
                match self.dst_size {
                    1 => return rows::<u8>(s, ss, sos, d, ds, dos, n, m),
                    2 => return rows::<u16>(s, ss, sos, d, ds, dos, n, m),
                    4 => return rows::<u32>(s, ss, sos, d, ds, dos, n, m),
                    8 => return rows::<u64>(s, ss, sos, d, ds, dos, n, m),
                    16 => return rows::<u128>(s, ss, sos, d, ds, dos, n, m),
                    _ => {}
                }
            }
        }
        for j in 0..m as isize {
            // SAFETY: forwarded, run by run.
            unsafe {
                self.run(
                    s.wrapping_offset(j * sos),
                    ss,
                    d.wrapping_offset(j * dos),
                    ds,
                    n,
                )
            };
        }
    }

    /// # Safety
    /// As [`CastFn`]: `n` valid, non-overlapping items on both sides.
    unsafe fn run(&self, s: *const u8, ss: isize, d: *mut u8, ds: isize, n: usize) {
        // Streaming pays for runs of at least a few KiB (each ends with a store fence).
        let contig_dst = ds == self.dst_size as isize && n * self.dst_size >= 4096;
        match self.cast {
            None if self.stream && contig_dst && ss == ds && self.src_swap == self.dst_swap => {
                // SAFETY: forwarded (n contiguous items on both sides).
                unsafe { copy_stream(s, d, n * self.dst_size) };
            }
            Some(f)
                if self.stream
                    && contig_dst
                    && self.src_swap.is_none()
                    && self.dst_swap.is_none()
                    && self.dst_size <= 16 =>
            {
                // Cast through a small buffer that stays in L1, then stream it out.
                let mut buf = [0u128; STREAM_CHUNK];
                let mut done = 0;
                let full = STREAM_CHUNK * 16 / self.dst_size;
                // A short first chunk up to a line boundary (`store::lead_items`).
                let mut next = crate::kernels::store::lead_items(d, self.dst_size, full);
                while done < n {
                    let k = (n - done).min(next);
                    next = full;
                    // SAFETY: k valid source items; `buf` holds k items of at most 16
                    // bytes; k destination items follow `d + done * size`.
                    unsafe {
                        f(
                            s.wrapping_offset(done as isize * ss),
                            ss,
                            buf.as_mut_ptr() as *mut u8,
                            self.dst_size as isize,
                            k,
                        );
                        crate::kernels::store::stream_chunk(
                            buf.as_ptr() as *const u8,
                            d.add(done * self.dst_size),
                            k * self.dst_size,
                        );
                    }
                    done += k;
                }
                crate::kernels::store::stream_fence();
            }
            None => {
                // SAFETY: forwarded.
                unsafe { copy_run(s, ss, d, ds, n, self.dst_size) };
                if self.src_swap != self.dst_swap {
                    let unit = self.src_swap.or(self.dst_swap).unwrap_or(1);
                    for i in 0..n as isize {
                        // SAFETY: item i of the destination run is valid and now written.
                        let item = unsafe {
                            std::slice::from_raw_parts_mut(d.offset(i * ds), self.dst_size)
                        };
                        cast::swap_in_place(item, unit);
                    }
                }
            }
            Some(f) if self.src_swap.is_none() && self.dst_swap.is_none() => {
                // SAFETY: forwarded.
                unsafe { f(s, ss, d, ds, n) }
            }
            Some(f) => {
                let mut a = vec![0u8; CHUNK * self.src_size];
                let mut b = vec![0u8; CHUNK * self.dst_size];
                let mut done = 0;
                while done < n {
                    let k = (n - done).min(CHUNK);
                    let so = s.wrapping_offset(done as isize * ss);
                    let dp = d.wrapping_offset(done as isize * ds);
                    let (sp, sst) = match self.src_swap {
                        Some(unit) => {
                            // SAFETY: k valid source items; `a` has room for k.
                            unsafe {
                                copy_run(
                                    so,
                                    ss,
                                    a.as_mut_ptr(),
                                    self.src_size as isize,
                                    k,
                                    self.src_size,
                                )
                            };
                            cast::swap_in_place(&mut a[..k * self.src_size], unit);
                            (a.as_ptr(), self.src_size as isize)
                        }
                        None => (so, ss),
                    };
                    match self.dst_swap {
                        Some(unit) => {
                            // SAFETY: `b` has room for k native items.
                            unsafe { f(sp, sst, b.as_mut_ptr(), self.dst_size as isize, k) };
                            cast::swap_in_place(&mut b[..k * self.dst_size], unit);
                            // SAFETY: k valid destination items.
                            unsafe {
                                copy_run(
                                    b.as_ptr(),
                                    self.dst_size as isize,
                                    dp,
                                    ds,
                                    k,
                                    self.dst_size,
                                )
                            };
                        }
                        // SAFETY: k valid items on both sides.
                        None => unsafe { f(sp, sst, dp, ds, k) },
                    }
                    done += k;
                }
            }
        }
    }
}
