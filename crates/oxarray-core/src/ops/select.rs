//! Selection: `where`, `nonzero`, `take`/`put`, `take_along_axis`/`put_along_axis`,
//! `choose`, `place`, `putmask`, `unravel_index`, `ravel_multi_index`.
//!
//! Every kernel is dtype-generic: it moves items of the dtype's item size (typed moves for
//! 1, 2, 4, 8 and 16 bytes, a byte copy otherwise) and never looks at the values, except
//! the integer index arrays (always native `int64`, converted by the caller) and boolean
//! masks (always `bool`, converted by the caller).
//!
//! The algorithm of the gathers ([`take`], [`take_along_axis`]):
//! 1. Make the source C-contiguous (a view when it already is) so that one axis splits it
//!    into `outer x n x inner` with contiguous `inner` blocks.
//! 2. Check (mode `raise`) or map (`wrap`, `clip`) every index once, into a position list.
//! 3. One pass over the output in C order copies one `inner` block per (outer, index)
//!    pair: a typed single-item move when `inner == 1`, a `memcpy` otherwise.

use crate::array::Array;
use crate::dtype::{Builtin, DType};
use crate::error::{normalize_axis, Error, Result};
use crate::iter::{copy_as, copy_of, for_each_run};
use crate::layout::{self, Order};

/// What to do with an out-of-range index (`mode=` of `take`, `put`, `choose`,
/// `ravel_multi_index`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClipMode {
    /// An `IndexError` naming the index and the size.
    Raise,
    /// Wrap around (`i mod n`).
    Wrap,
    /// Clamp to `0..n-1`.
    Clip,
}

impl ClipMode {
    /// Parse NumPy's mode names.
    ///
    /// # Errors
    /// `ValueError` for another name.
    pub fn parse(s: &str) -> Result<ClipMode> {
        match s {
            "raise" => Ok(ClipMode::Raise),
            "wrap" => Ok(ClipMode::Wrap),
            "clip" => Ok(ClipMode::Clip),
            _ => Err(Error::value(format!(
                "clipmode must be one of 'clip', 'raise', or 'wrap' (got '{s}')"
            ))),
        }
    }
}

/// Moves one item of a fixed size (the dtype-generic part of every kernel).
trait Mover: Copy {
    /// # Safety
    /// `src` readable and `dst` writable for one item of `size` bytes.
    unsafe fn mv(src: *const u8, dst: *mut u8, size: usize);

    /// `o[i] = if c[i] { x[i] } else { y[i] }` for `n` items when every operand is
    /// contiguous (strides `[os, cs, xs, ys]` of one item, one byte for the condition), as
    /// a branch-free blend the compiler vectorises; `false` (nothing done) otherwise.
    ///
    /// # Safety
    /// `n` valid items at each pointer with its stride; `o` does not overlap the others.
    unsafe fn select_contig(
        _o: *mut u8,
        _c: *const u8,
        _x: *const u8,
        _y: *const u8,
        _strides: [isize; 4],
        _n: usize,
    ) -> bool {
        false
    }
}

/// Unsigned integers of every item size: the branch-free blend of [`Mover::select_contig`].
trait Blend: Copy {
    /// All ones when `t`, else zero.
    fn mask(t: bool) -> Self;
    fn blend(m: Self, x: Self, y: Self) -> Self;
}

macro_rules! blend {
    ($($t:ty),*) => {$(
        impl Blend for $t {
            #[inline(always)]
            fn mask(t: bool) -> Self {
                (0 as $t).wrapping_sub(t as $t)
            }
            #[inline(always)]
            fn blend(m: Self, x: Self, y: Self) -> Self {
                (x & m) | (y & !m)
            }
        }
    )*};
}
blend!(u8, u16, u32, u64, u128);

#[derive(Clone, Copy)]
struct Fixed<T>(std::marker::PhantomData<T>);
#[derive(Clone, Copy)]
struct Bytes;

impl<T: Blend> Mover for Fixed<T> {
    #[inline(always)]
    unsafe fn mv(src: *const u8, dst: *mut u8, _size: usize) {
        // SAFETY: forwarded (one item of size_of::<T>() bytes each side).
        unsafe { (dst as *mut T).write_unaligned((src as *const T).read_unaligned()) }
    }

    #[inline(always)]
    unsafe fn select_contig(
        o: *mut u8,
        c: *const u8,
        x: *const u8,
        y: *const u8,
        [os, cs, xs, ys]: [isize; 4],
        n: usize,
    ) -> bool {
        let w = std::mem::size_of::<T>() as isize;
        if os != w || xs != w || ys != w || cs != 1 {
            return false;
        }
        for i in 0..n {
            // SAFETY: item i of each contiguous run (caller's contract); unaligned reads
            // because foreign memory need not be aligned.
            unsafe {
                let m = T::mask(*c.add(i) != 0);
                let xv = (x as *const T).add(i).read_unaligned();
                let yv = (y as *const T).add(i).read_unaligned();
                (o as *mut T).add(i).write_unaligned(T::blend(m, xv, yv));
            }
        }
        true
    }
}

impl Mover for Bytes {
    #[inline(always)]
    unsafe fn mv(src: *const u8, dst: *mut u8, size: usize) {
        // SAFETY: forwarded.
        unsafe { std::ptr::copy_nonoverlapping(src, dst, size) }
    }
}

/// Call `$f::<M>($args)` with the mover for `$size`.
macro_rules! by_size {
    ($size:expr, $f:ident($($arg:expr),*)) => {
        match $size {
            1 => $f::<Fixed<u8>>($($arg),*),
            2 => $f::<Fixed<u16>>($($arg),*),
            4 => $f::<Fixed<u32>>($($arg),*),
            8 => $f::<Fixed<u64>>($($arg),*),
            16 => $f::<Fixed<u128>>($($arg),*),
            _ => $f::<Bytes>($($arg),*),
        }
    };
}

/// `a` as a C-contiguous array (itself when it already is, with native byte order kept).
fn c_contig(a: &Array) -> Result<Array> {
    if a.is_c_contiguous() {
        Ok(a.clone())
    } else {
        copy_of(a, Order::C)
    }
}

/// `a` converted to a C-contiguous native `int64` array.
///
/// # Errors
/// No cast (the caller checks the casting rule first).
pub fn as_i64(a: &Array) -> Result<Array> {
    let d = Builtin::Int64.dtype();
    if a.dtype() == d && a.is_c_contiguous() {
        Ok(a.clone())
    } else {
        copy_as(a, d, Order::C)
    }
}

/// `a` converted to a `bool` array (truth values; C-contiguous when `contig`).
///
/// # Errors
/// No cast.
pub fn as_bool(a: &Array, contig: bool) -> Result<Array> {
    let d = Builtin::Bool.dtype();
    if a.dtype() == d && (!contig || a.is_c_contiguous()) {
        Ok(a.clone())
    } else {
        copy_as(a, d, Order::C)
    }
}

fn i64_slice(a: &Array) -> &[i64] {
    debug_assert!(a.is_c_contiguous() && a.itemsize() == 8);
    if a.size() == 0 {
        return &[];
    }
    // SAFETY: callers pass C-contiguous int64 arrays (`as_i64`); invariant 1 of `Array`
    // puts all `size` elements inside the storage, which outlives the borrow of `a`.
    unsafe { std::slice::from_raw_parts(a.data_ptr() as *const i64, a.size()) }
}

/// Map index `i` for an axis of length `n` by `mode`.
#[inline]
fn map_index(i: i64, n: i64, mode: ClipMode) -> Option<i64> {
    match mode {
        ClipMode::Raise => {
            let j = if i < 0 { i + n } else { i };
            (0..n).contains(&j).then_some(j)
        }
        ClipMode::Wrap => Some(i.rem_euclid(n)),
        ClipMode::Clip => Some(i.clamp(0, n - 1)),
    }
}

/// The positions of `idx` on an axis of length `n` (NumPy's error messages): `idx` itself
/// when every index is already in `0..n` (checked in one vectorisable min/max pass), else
/// a mapped copy.
fn positions(
    idx: &[i64],
    n: usize,
    axis: usize,
    mode: ClipMode,
) -> Result<std::borrow::Cow<'_, [i64]>> {
    use std::borrow::Cow;
    if n == 0 && !idx.is_empty() {
        // NumPy's `PyArray_TakeFrom` checks this before the mode.
        return Err(Error::index(
            "cannot do a non-empty take from an empty axes.",
        ));
    }
    let n = n as i64;
    let (lo, hi) = idx
        .iter()
        .fold((i64::MAX, i64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    if idx.is_empty() || (lo >= 0 && hi < n) {
        return Ok(Cow::Borrowed(idx));
    }
    idx.iter()
        .map(|&i| {
            map_index(i, n, mode).ok_or_else(|| {
                Error::index(format!(
                    "index {i} is out of bounds for axis {axis} with size {n}"
                ))
            })
        })
        .collect::<Result<Vec<i64>>>()
        .map(Cow::Owned)
}

/// `np.take(a, indices, axis)`: a new C-ordered array of shape
/// `a.shape[:axis] + indices.shape + a.shape[axis+1:]` (`axis=None` takes from the
/// flattened array).
///
/// # Errors
/// `AxisError`; `IndexError` naming the index and the size (mode `raise`).
pub fn take(a: &Array, indices: &Array, axis: Option<isize>, mode: ClipMode) -> Result<Array> {
    let src = c_contig(a)?;
    let (src, axis) = match axis {
        None => (crate::ops::reshape(&src, &[-1], Order::C)?, 0),
        Some(ax) => {
            let nd = src.ndim().max(1);
            let ax = normalize_axis(ax, nd)?;
            let s = if src.ndim() == 0 {
                crate::ops::reshape(&src, &[1], Order::C)?
            } else {
                src
            };
            (s, ax)
        }
    };
    let idx = as_i64(indices)?;
    let n = src.shape()[axis];
    if mode == ClipMode::Raise && axis == 0 && n > 0 && idx.ndim() > 0 {
        // The common case: the bounds check folded into the gather.
        if let Some(out) = take_first_axis(&src, &idx)? {
            return Ok(out);
        }
    }
    let pos = positions(i64_slice(&idx), n, axis, mode)?;
    let mut shape: Vec<usize> = src.shape()[..axis].to_vec();
    shape.extend_from_slice(idx.shape());
    shape.extend_from_slice(&src.shape()[axis + 1..]);
    // SAFETY: `gather_blocks` writes every element of `out` (outer * len(pos) blocks of
    // `inner` items cover the whole result).
    let out = unsafe { Array::for_moves(&shape, src.dtype(), Order::C)? };
    let outer = layout::size_of_shape(&src.shape()[..axis]);
    let inner = layout::size_of_shape(&src.shape()[axis + 1..]);
    if out.size() > 0 {
        gather_blocks(&src, &out, outer, n, inner, &pos);
    }
    Ok(out.adopted())
}

/// Copy block `pos[j]` of every outer slab of `src` (C-contiguous, `outer x n x inner`)
/// to block `j` of the same slab of `out` (C-contiguous, `outer x len(pos) x inner`).
fn gather_blocks(src: &Array, out: &Array, outer: usize, n: usize, inner: usize, pos: &[i64]) {
    let size = src.itemsize();
    let block = inner * size;
    let (sp, dp) = (src.data_ptr() as *const u8, out.data_ptr());
    let m = pos.len();
    if inner == 1 {
        fn typed<M: Mover>(
            sp: *const u8,
            dp: *mut u8,
            outer: usize,
            n: usize,
            pos: &[i64],
            size: usize,
        ) {
            let m = pos.len();
            for o in 0..outer {
                let s = sp.wrapping_add(o * n * size);
                let d = dp.wrapping_add(o * m * size);
                for (j, &p) in pos.iter().enumerate() {
                    // SAFETY: p < n (checked by `positions`), so the source item lies in
                    // slab o of `src`; j < m items of slab o of the fresh `out`.
                    unsafe { M::mv(s.add(p as usize * size), d.add(j * size), size) };
                }
            }
        }
        by_size!(size, typed(sp, dp, outer, n, pos, size));
        return;
    }
    for o in 0..outer {
        for (j, &p) in pos.iter().enumerate() {
            // SAFETY: as above, whole blocks of `inner` items.
            unsafe {
                std::ptr::copy_nonoverlapping(
                    sp.add((o * n + p as usize) * block),
                    dp.add((o * m + j) * block),
                    block,
                )
            };
        }
    }
}

/// Build the element pointers of `a` in C order (for scatters into any layout).
fn c_order_offsets(a: &Array) -> Vec<isize> {
    let mut v = Vec::with_capacity(a.size());
    let base = a.data_ptr() as isize;
    a.for_each_ptr(|p| v.push(p as isize - base));
    v
}

/// `np.put(a, ind, v, mode)`: `a.flat[ind] = v`, with `v` repeated as needed (in place).
///
/// # Errors
/// Read-only `a`; `IndexError` naming the index and the size (mode `raise`).
pub fn put(a: &Array, indices: &Array, values: &Array, mode: ClipMode) -> Result<()> {
    a.check_writeable()?;
    let idx = as_i64(indices)?;
    let idx = i64_slice(&idx);
    let n = a.size();
    if n == 0 || idx.is_empty() || values.size() == 0 {
        if n == 0 && !idx.is_empty() {
            // NumPy's `PyArray_PutTo` checks this before looking at the values.
            return Err(Error::index("cannot replace elements of an empty array"));
        }
        return Ok(());
    }
    let pos = positions(idx, n, 0, mode)?;
    let vals = c_contig(&copy_as(values, a.dtype(), Order::C)?)?;
    scatter_cyclic(a, &pos, &vals);
    Ok(())
}

/// `a.flat[pos[k]] = vals.flat[k % len(vals)]` for every `k` (positions already checked).
fn scatter_cyclic(a: &Array, pos: &[i64], vals: &Array) {
    let size = a.itemsize();
    let nv = vals.size();
    let vp = vals.data_ptr() as *const u8;
    let offs: Option<Vec<isize>> = if a.is_c_contiguous() {
        None
    } else {
        Some(c_order_offsets(a))
    };
    let base = a.data_ptr();
    fn go<M: Mover>(
        base: *mut u8,
        offs: Option<&[isize]>,
        pos: &[i64],
        vp: *const u8,
        nv: usize,
        size: usize,
    ) {
        for (k, &p) in pos.iter().enumerate() {
            let off = match offs {
                Some(o) => o[p as usize],
                None => p as isize * size as isize,
            };
            // SAFETY: p < a.size() (checked), so `off` addresses an element of `a` (C order
            // offsets or contiguous layout); `vals` is a C-contiguous array of nv items.
            unsafe { M::mv(vp.add((k % nv) * size), base.offset(off), size) };
        }
    }
    by_size!(size, go(base, offs.as_deref(), pos, vp, nv, size));
}

/// `np.place(arr, mask, vals)`: the elements of `arr` where `mask` (same size, C order)
/// is true get the next value of `vals`, cycling (in place).
///
/// # Errors
/// Read-only `arr`; `ValueError` for a size mismatch or empty `vals` with a true mask.
pub fn place(arr: &Array, mask: &Array, vals: &Array) -> Result<()> {
    masked_assign(arr, mask, vals, false, "place")
}

/// `np.putmask(a, mask, values)`: `a.flat[i] = values.flat[i % len(values)]` where
/// `mask.flat[i]` (in place).
///
/// # Errors
/// Read-only `a`; `ValueError` for a size mismatch.
pub fn putmask(a: &Array, mask: &Array, values: &Array) -> Result<()> {
    masked_assign(a, mask, values, true, "putmask")
}

fn masked_assign(
    a: &Array,
    mask: &Array,
    vals: &Array,
    by_position: bool,
    what: &str,
) -> Result<()> {
    a.check_writeable()?;
    if mask.size() != a.size() {
        return Err(Error::value(format!(
            "{what}: mask and data must be the same size"
        )));
    }
    let m = as_bool(mask, true)?;
    // SAFETY: `m` is a C-contiguous bool array of `size` one-byte elements.
    let mb = unsafe { std::slice::from_raw_parts(m.data_ptr() as *const u8, m.size()) };
    if vals.size() == 0 {
        if !by_position && mb.iter().any(|&b| b != 0) {
            return Err(Error::value("Cannot insert from an empty array!"));
        }
        return Ok(());
    }
    let v = c_contig(&copy_as(vals, a.dtype(), Order::C)?)?;
    let mut pos = Vec::new();
    let mut src = Vec::new();
    let mut k = 0usize;
    for (i, &b) in mb.iter().enumerate() {
        if b != 0 {
            pos.push(i as i64);
            src.push(if by_position {
                i % v.size()
            } else {
                k % v.size()
            });
            k += 1;
        }
    }
    let size = a.itemsize();
    let offs: Option<Vec<isize>> = (!a.is_c_contiguous()).then(|| c_order_offsets(a));
    let (base, vp) = (a.data_ptr(), v.data_ptr() as *const u8);
    for (&p, &s) in pos.iter().zip(&src) {
        let off = match &offs {
            Some(o) => o[p as usize],
            None => p as isize * size as isize,
        };
        // SAFETY: p < a.size(), s < v.size(); `v` is a fresh C-contiguous copy.
        unsafe { std::ptr::copy_nonoverlapping(vp.add(s * size), base.offset(off), size) };
    }
    Ok(())
}

/// The common shape of `arr` and `indices` for the `*_along_axis` functions: every axis
/// but `axis` broadcast, `axis` from `indices`.
fn along_shapes(arr: &Array, indices: &Array, axis: usize) -> Result<Vec<usize>> {
    if indices.ndim() != arr.ndim() {
        return Err(Error::value(
            "`indices` and `arr` must have the same number of dimensions",
        ));
    }
    let mut shape = Vec::with_capacity(arr.ndim());
    for d in 0..arr.ndim() {
        let (x, y) = (arr.shape()[d], indices.shape()[d]);
        shape.push(if d == axis {
            y
        } else if x == y || y == 1 {
            x
        } else if x == 1 {
            y
        } else {
            return Err(Error::value(format!(
                "shape mismatch: indexing arrays could not be broadcast together with shapes {} {}",
                layout::fmt_shape(arr.shape()),
                layout::fmt_shape(indices.shape())
            )));
        });
    }
    Ok(shape)
}

/// `np.take_along_axis(arr, indices, axis)`.
///
/// # Errors
/// `AxisError`, `ValueError` for mismatched ranks/shapes, `IndexError` out of range.
pub fn take_along_axis(arr: &Array, indices: &Array, axis: isize) -> Result<Array> {
    let axis = normalize_axis(axis, arr.ndim())?;
    let shape = along_shapes(arr, indices, axis)?;
    let n = arr.shape()[axis];
    let idx = as_i64(indices)?;
    let mut pshape = shape.clone();
    pshape[axis] = n;
    let src = crate::ops::broadcast_to(arr, &pshape)?;
    let istr = layout::broadcast_strides(idx.shape(), idx.strides(), &shape)?;
    // SAFETY: `along_gather` writes every element of `out`.
    let out = unsafe { Array::for_moves(&shape, arr.dtype(), Order::C)? };
    if out.size() == 0 {
        return Ok(out.adopted());
    }
    along(&src, &idx, &istr, &out, axis, n, false)?;
    Ok(out.adopted())
}

/// `np.put_along_axis(arr, indices, values, axis)` (in place).
///
/// # Errors
/// As [`take_along_axis`], plus read-only `arr` and values that do not broadcast.
pub fn put_along_axis(arr: &Array, indices: &Array, values: &Array, axis: isize) -> Result<()> {
    arr.check_writeable()?;
    let axis = normalize_axis(axis, arr.ndim())?;
    let shape = along_shapes(arr, indices, axis)?;
    let n = arr.shape()[axis];
    for (d, (&s, &n)) in shape.iter().zip(arr.shape()).enumerate() {
        if d != axis && s != n {
            return Err(Error::value(format!(
                "shape mismatch: indexing arrays could not be broadcast together with shapes {} {}",
                layout::fmt_shape(arr.shape()),
                layout::fmt_shape(indices.shape())
            )));
        }
    }
    let idx = as_i64(indices)?;
    let istr = layout::broadcast_strides(idx.shape(), idx.strides(), &shape)?;
    let v = copy_as(values, arr.dtype(), Order::C)?;
    let v = crate::ops::broadcast_to(&v, &shape).map_err(|_| {
        Error::value(format!(
            "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
            layout::fmt_shape(values.shape()),
            layout::fmt_shape(&shape)
        ))
    })?;
    if layout::size_of_shape(&shape) == 0 {
        return Ok(());
    }
    along(arr, &idx, &istr, &v, axis, n, true)
}

/// The loop of both `*_along_axis`: for every index `i` of `shape` (the strides of `data`,
/// `idx` and `other` are all over it, except `data` along `axis`), move between
/// `data[i with axis -> idx[i]]` and `other[i]` (`scatter`: other -> data).
fn along(
    data: &Array,
    idx: &Array,
    istr: &[isize],
    other: &Array,
    axis: usize,
    n: usize,
    scatter: bool,
) -> Result<()> {
    let shape = other.shape().to_vec();
    let ostr = other.strides().to_vec();
    let dstr: Vec<isize> = data
        .strides()
        .iter()
        .enumerate()
        .map(|(d, &s)| if d == axis { 0 } else { s })
        .collect();
    let ax_stride = data.strides()[axis];
    let size = data.itemsize();
    let nn = n as i64;
    let mut bad: Option<i64> = None;
    for_each_run(
        &shape,
        [other.data_ptr(), idx.data_ptr(), data.data_ptr()],
        [&ostr, istr, &dstr],
        |[o, ip, d], [os, is, ds], len| {
            for k in 0..len as isize {
                // SAFETY: ip walks broadcast strides of the int64 index array.
                let i = unsafe { (ip.offset(k * is) as *const i64).read_unaligned() };
                let j = if i < 0 { i + nn } else { i };
                if !(0..nn).contains(&j) {
                    bad.get_or_insert(i);
                    continue;
                }
                let dp = d.wrapping_offset(k * ds + j as isize * ax_stride);
                let op = o.wrapping_offset(k * os);
                // SAFETY: j in 0..n addresses an element of `data` on its axis; `op` is
                // an element of `other`; both one item of `size` bytes.
                unsafe {
                    if scatter {
                        std::ptr::copy_nonoverlapping(op, dp, size)
                    } else {
                        std::ptr::copy_nonoverlapping(dp, op, size)
                    }
                }
            }
        },
    );
    if let Some(i) = bad {
        return Err(Error::index(format!(
            "index {i} is out of bounds for axis {axis} with size {n}"
        )));
    }
    Ok(())
}

/// `np.choose(a, choices, mode)`: `choices[a[i]][i]` with `a` and every choice broadcast
/// together; the choices are already of one dtype.
///
/// # Errors
/// Shapes that do not broadcast; `ValueError` "invalid entry in choice array" (mode
/// `raise`).
pub fn choose(a: &Array, choices: &[Array], mode: ClipMode) -> Result<Array> {
    if choices.is_empty() {
        return Err(Error::value("0-length sequence."));
    }
    let idx = as_i64(a)?;
    let mut all: Vec<&[usize]> = vec![idx.shape()];
    all.extend(choices.iter().map(|c| c.shape()));
    let shape = layout::broadcast_shapes(&all)?;
    let dt = choices[0].dtype();
    // Reference items are byte-copied below and adopted at the end (an error half way
    // releases nothing).
    let out = if dt.has_refs() {
        // SAFETY: the loop below writes every element (or returns an error first, and the
        // unadopted array owns nothing) and the result is adopted before it is returned.
        unsafe { Array::for_moves(&shape, dt, Order::C)? }
    } else {
        Array::zeros(&shape, dt, Order::C)?
    };
    let size = dt.itemsize;
    let nc = choices.len() as i64;
    let istr = layout::broadcast_strides(idx.shape(), idx.strides(), &shape)?;
    let cstr: Vec<_> = choices
        .iter()
        .map(|c| layout::broadcast_strides(c.shape(), c.strides(), &shape))
        .collect::<Result<_>>()?;
    // Per element: pick the choice, then copy from its broadcast position. Walk C order
    // with an odometer over offsets of every operand.
    let nd = shape.len();
    let total = out.size();
    let mut ix = vec![0usize; nd];
    let mut ioff = 0isize;
    let mut coffs = vec![0isize; choices.len()];
    let out_p = out.data_ptr();
    for k in 0..total {
        // SAFETY: ioff walks the broadcast int64 index array.
        let i = unsafe { (idx.data_ptr().offset(ioff) as *const i64).read_unaligned() };
        let c = map_index(i, nc, mode)
            .ok_or_else(|| Error::value("invalid entry in choice array"))? as usize;
        // SAFETY: coffs[c] is the broadcast offset of element `ix` of choice c; out is a
        // fresh C-contiguous array of `total` items.
        unsafe {
            std::ptr::copy_nonoverlapping(
                choices[c].data_ptr().offset(coffs[c]),
                out_p.add(k * size),
                size,
            )
        };
        for d in (0..nd).rev() {
            ix[d] += 1;
            ioff += istr[d];
            for (co, cs) in coffs.iter_mut().zip(&cstr) {
                *co += cs[d];
            }
            if ix[d] < shape[d] {
                break;
            }
            let back = ix[d] as isize;
            ioff -= istr[d] * back;
            for (co, cs) in coffs.iter_mut().zip(&cstr) {
                *co -= cs[d] * back;
            }
            ix[d] = 0;
        }
    }
    Ok(out.adopted())
}

/// `np.where(condition, x, y)` with `x` and `y` already of `dtype` (the caller promotes);
/// `cond` is converted to truth values here. The result is laid out like the first
/// full-shape operand (NumPy's K order).
///
/// # Errors
/// Shapes that do not broadcast (naming them), or no cast.
pub fn where3(cond: &Array, x: &Array, y: &Array, dtype: DType) -> Result<Array> {
    let c = as_bool(cond, false)?;
    let x = if x.dtype() == dtype
        && x.dtype().byteorder == dtype.byteorder
        && x.dtype().itemsize == dtype.itemsize
    {
        x.clone()
    } else {
        copy_as(x, dtype, Order::K)?
    };
    let y = if y.dtype() == dtype
        && y.dtype().byteorder == dtype.byteorder
        && y.dtype().itemsize == dtype.itemsize
    {
        y.clone()
    } else {
        copy_as(y, dtype, Order::K)?
    };
    let shape = layout::broadcast_shapes(&[c.shape(), x.shape(), y.shape()]).map_err(|_| {
        Error::value(format!(
            "operands could not be broadcast together with shapes {} {} {} ",
            layout::fmt_shape(c.shape()),
            layout::fmt_shape(x.shape()),
            layout::fmt_shape(y.shape())
        ))
    })?;
    let like = [&c, &x, &y]
        .into_iter()
        .find(|a| a.shape() == shape.as_slice())
        .unwrap_or(&c);
    // SAFETY: the loop below writes every element of `out` (it walks the whole shape).
    let out = unsafe { crate::iter::alloc_like_uninit(like, &shape, dtype, Order::K)? };
    if out.size() == 0 {
        return Ok(out);
    }
    let cs = layout::broadcast_strides(c.shape(), c.strides(), &shape)?;
    let xs = layout::broadcast_strides(x.shape(), x.strides(), &shape)?;
    let ys = layout::broadcast_strides(y.shape(), y.strides(), &shape)?;
    let size = dtype.itemsize;
    fn run<M: Mover>(out: &Array, ptrs: [*mut u8; 4], strides: [&[isize]; 4], size: usize) {
        crate::iter::par_for_each_run(
            out.shape(),
            ptrs,
            strides,
            out.size() * (2 * size + 1),
            |[o, c, x, y], [os, cs, xs, ys], n| {
                // SAFETY: invariant 1 of `Array` for each operand (broadcast strides only
                // revisit existing elements); `o` is the fresh output.
                if unsafe { M::select_contig(o, c, x, y, [os, cs, xs, ys], n) } {
                    return;
                }
                for i in 0..n as isize {
                    // SAFETY: as above; the pointer is picked without a branch, so a
                    // random condition costs no mispredictions.
                    unsafe {
                        let t = *c.offset(i * cs) != 0;
                        let src = if t {
                            x.offset(i * xs)
                        } else {
                            y.offset(i * ys)
                        };
                        M::mv(src, o.offset(i * os), size);
                    }
                }
            },
        );
    }
    let ptrs = [out.data_ptr(), c.data_ptr(), x.data_ptr(), y.data_ptr()];
    let ostr = out.strides().to_vec();
    by_size!(size, run(&out, ptrs, [&ostr, &cs, &xs, &ys], size));
    if dtype.has_refs() {
        // The output's items (empty before) are now byte copies of live items of `x` and
        // `y` (alive here): each takes its reference, owned by the output's storage.
        out.incref_items();
    }
    Ok(out)
}

/// Number of true elements of a `bool` array.
pub fn count_true(mask: &Array) -> usize {
    let mut count = 0usize;
    for_each_run(
        mask.shape(),
        [mask.data_ptr()],
        [mask.strides()],
        |[p], [s], n| {
            if s == 1 {
                // SAFETY: a contiguous run of n one-byte elements.
                let b = unsafe { std::slice::from_raw_parts(p as *const u8, n) };
                count += count_nonzero_bytes(b);
            } else {
                for i in 0..n as isize {
                    // SAFETY: element i of the run.
                    count += usize::from(unsafe { *p.offset(i * s) } != 0);
                }
            }
        },
    );
    count
}

/// `np.nonzero(a)` for an array of any dtype: one int64 array per axis (C order).
///
/// # Errors
/// `MemoryError`.
pub fn nonzero(a: &Array) -> Result<Vec<Array>> {
    let m = as_bool(a, true)?;
    if m.ndim() != 1 {
        return nonzero_nd(&m);
    }
    let total = m.size();
    // SAFETY: C-contiguous bool array of `total` bytes.
    let bytes: &[u8] = if total == 0 {
        &[]
    } else {
        unsafe { std::slice::from_raw_parts(m.data_ptr() as *const u8, total) }
    };
    let count = count_nonzero_bytes(bytes);
    // SAFETY: `flat_positions` writes `count` entries (one per true byte).
    let out = unsafe { Array::uninit(&[count], Builtin::Int64.dtype(), Order::C)? };
    // SAFETY: the fresh output holds `count` int64 values.
    let dst = unsafe { std::slice::from_raw_parts_mut(out.data_ptr() as *mut i64, count) };
    flat_positions(bytes, dst);
    Ok(vec![out])
}

/// [`nonzero`] of a C-contiguous `bool` array of any rank but one: rows of the last axis
/// at least 16 long are counted and scanned with the vector kernels (the last coordinate
/// written directly, the others filled per row); shorter rows step element by element.
fn nonzero_nd(m: &Array) -> Result<Vec<Array>> {
    let nd = m.ndim();
    let i64d = Builtin::Int64.dtype();
    if nd == 0 {
        return Ok(Vec::new());
    }
    let total = m.size();
    let bytes: &[u8] = if total == 0 {
        &[]
    } else {
        // SAFETY: C-contiguous bool array of `total` one-byte elements (invariant 1).
        unsafe { std::slice::from_raw_parts(m.data_ptr() as *const u8, total) }
    };
    let count = count_nonzero_bytes(bytes);
    // SAFETY: the loops below write `count` entries of every output (one per true byte).
    let outs: Vec<Array> = (0..nd)
        .map(|_| unsafe { Array::uninit(&[count], i64d, Order::C) })
        .collect::<Result<_>>()?;
    if count == 0 {
        return Ok(outs);
    }
    // SAFETY: each fresh output holds `count` int64 values; they do not overlap.
    let mut cols: Vec<&mut [i64]> = outs
        .iter()
        .map(|o| unsafe { std::slice::from_raw_parts_mut(o.data_ptr() as *mut i64, count) })
        .collect();
    let shape = m.shape();
    let last = shape[nd - 1];
    let mut idx = vec![0usize; nd];
    let mut k = 0usize;
    if last >= 16 {
        for row in bytes.chunks_exact(last) {
            let c = count_nonzero_bytes(row);
            if c > 0 {
                flat_positions(row, &mut cols[nd - 1][k..k + c]);
                for (col, &i) in cols[..nd - 1].iter_mut().zip(&idx) {
                    col[k..k + c].fill(i as i64);
                }
                k += c;
            }
            for d in (0..nd - 1).rev() {
                idx[d] += 1;
                if idx[d] < shape[d] {
                    break;
                }
                idx[d] = 0;
            }
        }
    } else {
        for &b in bytes {
            if b != 0 {
                for (col, &i) in cols.iter_mut().zip(&idx) {
                    col[k] = i as i64;
                }
                k += 1;
            }
            for d in (0..nd).rev() {
                idx[d] += 1;
                if idx[d] < shape[d] {
                    break;
                }
                idx[d] = 0;
            }
        }
    }
    debug_assert_eq!(k, count);
    Ok(outs)
}

/// Number of non-zero bytes (SSE2 on x86-64, part of its baseline; a portable word loop
/// elsewhere).
pub fn count_nonzero_bytes(b: &[u8]) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of the x86-64 baseline.
        unsafe { sse2::count_nonzero_bytes(b) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        count_nonzero_bytes_portable(b)
    }
}

/// Write the positions of the non-zero bytes of `b` to `dst` (exactly its length).
fn flat_positions(b: &[u8], dst: &mut [i64]) {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of the x86-64 baseline.
        unsafe { sse2::flat_positions(b, dst) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        flat_positions_portable(b, dst)
    }
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::*;

    /// # Safety
    /// SSE2 must be available (always on x86-64).
    #[target_feature(enable = "sse2")]
    pub unsafe fn count_nonzero_bytes(b: &[u8]) -> usize {
        let zero = _mm_setzero_si128();
        let hsum = |acc: __m128i| -> usize {
            let s = _mm_sad_epu8(acc, zero);
            (_mm_cvtsi128_si64(s) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(s, s))) as usize
        };
        let mut chunks = b.chunks_exact(16);
        let mut zeros = 0usize;
        let mut acc = zero;
        let mut n = 0;
        for c in &mut chunks {
            // SAFETY: `c` holds 16 readable bytes (unaligned load).
            let v = unsafe { _mm_loadu_si128(c.as_ptr() as *const __m128i) };
            // cmpeq gives 0xff (-1) for a zero byte: subtracting counts it.
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, zero));
            n += 1;
            if n == 255 {
                zeros += hsum(acc);
                acc = zero;
                n = 0;
            }
        }
        zeros += hsum(acc);
        let rest = chunks.remainder();
        (b.len() - rest.len() - zeros) + rest.iter().filter(|&&x| x != 0).count()
    }

    /// # Safety
    /// As above; `dst.len()` must be the number of non-zero bytes of `b`.
    #[target_feature(enable = "sse2")]
    pub unsafe fn flat_positions(b: &[u8], dst: &mut [i64]) {
        let zero = _mm_setzero_si128();
        let mut k = 0usize;
        let mut base = 0usize;
        let mut chunks = b.chunks_exact(16);
        for c in &mut chunks {
            // SAFETY: `c` holds 16 readable bytes.
            let v = unsafe { _mm_loadu_si128(c.as_ptr() as *const __m128i) };
            let mut m = !(_mm_movemask_epi8(_mm_cmpeq_epi8(v, zero)) as u32) & 0xffff;
            if m != 0 && k + 16 <= dst.len() {
                // Branch-free: write every slot, advance on set bits (random masks would
                // mispredict a loop over the set bits).
                for j in 0..16 {
                    dst[k] = (base + j) as i64;
                    k += ((m >> j) & 1) as usize;
                }
            } else {
                while m != 0 {
                    dst[k] = (base + m.trailing_zeros() as usize) as i64;
                    k += 1;
                    m &= m - 1;
                }
            }
            base += 16;
        }
        for (j, &x) in chunks.remainder().iter().enumerate() {
            if x != 0 {
                dst[k] = (base + j) as i64;
                k += 1;
            }
        }
        debug_assert_eq!(k, dst.len());
    }
}

#[cfg_attr(target_arch = "x86_64", allow(dead_code))] // the fallback of other targets
/// Number of non-zero bytes, eight at a time: per 64-bit word, a bit trick sets the high
/// bit of exactly the zero bytes (`!(((w & 0x7f..) + 0x7f..) | w | 0x7f..)`, no carries
/// between bytes), and a popcount counts them.
fn count_nonzero_bytes_portable(b: &[u8]) -> usize {
    const M7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut words = b.chunks_exact(8);
    let mut zeros = 0usize;
    for w in &mut words {
        let w = u64::from_ne_bytes(w.try_into().expect("eight bytes"));
        let t = !(((w & M7).wrapping_add(M7)) | w | M7);
        zeros += t.count_ones() as usize;
    }
    let rest = words.remainder();
    (b.len() - rest.len() - zeros) + rest.iter().filter(|&&x| x != 0).count()
}

#[cfg_attr(target_arch = "x86_64", allow(dead_code))] // the fallback of other targets
/// Write the positions of the non-zero bytes of `b` to `dst` (exactly its length): words
/// of eight zero bytes are skipped at once; other words are written branch-free while at
/// least eight slots remain, else with a test per byte.
fn flat_positions_portable(b: &[u8], dst: &mut [i64]) {
    let count = dst.len();
    let mut k = 0usize;
    let mut base = 0usize;
    let mut words = b.chunks_exact(8);
    for w in &mut words {
        let word = u64::from_ne_bytes(w.try_into().expect("eight bytes"));
        if word != 0 {
            if k + 8 <= count {
                for (j, &x) in w.iter().enumerate() {
                    dst[k] = (base + j) as i64;
                    k += usize::from(x != 0);
                }
            } else {
                for (j, &x) in w.iter().enumerate() {
                    if x != 0 {
                        dst[k] = (base + j) as i64;
                        k += 1;
                    }
                }
            }
        }
        base += 8;
    }
    for (j, &x) in words.remainder().iter().enumerate() {
        if x != 0 {
            dst[k] = (base + j) as i64;
            k += 1;
        }
    }
    debug_assert_eq!(k, count);
}

/// `np.unravel_index(indices, shape, order)`: one int64 array per dimension, shaped like
/// `indices`.
///
/// # Errors
/// `ValueError` naming the index and the size for an index out of range.
pub fn unravel_index(indices: &Array, dims: &[usize], order: Order) -> Result<Vec<Array>> {
    let idx = as_i64(indices)?;
    let vals = i64_slice(&idx);
    let size = layout::size_of_shape_checked(dims).map_err(|_| {
        Error::value("dimensions are too large; arrays and shapes with a total size greater than 'intp' are not supported.")
    })? as i64;
    let nd = dims.len();
    let outs: Vec<Array> = (0..nd)
        .map(|_| Array::zeros(idx.shape(), Builtin::Int64.dtype(), Order::C))
        .collect::<Result<_>>()?;
    let ptrs: Vec<*mut i64> = outs.iter().map(|o| o.data_ptr() as *mut i64).collect();
    let axes: Vec<usize> = match order {
        Order::F => (0..nd).collect(),
        _ => (0..nd).rev().collect(),
    };
    for (k, &v) in vals.iter().enumerate() {
        if v < 0 || v >= size {
            return Err(Error::value(format!(
                "index {v} is out of bounds for array with size {size}"
            )));
        }
        let mut r = v;
        for &d in &axes {
            let n = dims[d] as i64;
            // SAFETY: k < size of each output (shaped like `indices`).
            unsafe { ptrs[d].add(k).write(r % n) };
            r /= n;
        }
    }
    Ok(outs)
}

/// `np.ravel_multi_index(multi_index, dims, mode, order)`: the flat indices (int64, the
/// broadcast shape of the coordinate arrays).
///
/// # Errors
/// `ValueError` for a wrong number of coordinate arrays or an invalid entry (mode
/// `raise`).
pub fn ravel_multi_index(
    coords: &[Array],
    dims: &[usize],
    modes: &[ClipMode],
    order: Order,
) -> Result<Array> {
    if coords.len() != dims.len() {
        return Err(Error::value(format!(
            "parameter multi_index must be a sequence of length {}",
            dims.len()
        )));
    }
    layout::size_of_shape_checked(dims).map_err(|_| {
        Error::value(
            "invalid dims: array size defined by dims is larger than the maximum possible size.",
        )
    })?;
    let cs: Vec<Array> = coords.iter().map(as_i64).collect::<Result<_>>()?;
    let shapes: Vec<&[usize]> = cs.iter().map(|c| c.shape()).collect();
    let shape = layout::broadcast_shapes(&shapes)?;
    let bc: Vec<Array> = cs
        .iter()
        .map(|c| crate::ops::broadcast_to(c, &shape).and_then(|b| c_contig(&b)))
        .collect::<Result<_>>()?;
    let out = Array::zeros(&shape, Builtin::Int64.dtype(), Order::C)?;
    let nd = dims.len();
    let mut mult = vec![0i64; nd];
    let mut m = 1i64;
    let axes: Vec<usize> = match order {
        Order::F => (0..nd).collect(),
        _ => (0..nd).rev().collect(),
    };
    for &d in &axes {
        mult[d] = m;
        m = m.saturating_mul(dims[d] as i64);
    }
    let total = out.size();
    let dst = out.data_ptr() as *mut i64;
    let slices: Vec<&[i64]> = bc.iter().map(i64_slice).collect();
    for k in 0..total {
        let mut flat = 0i64;
        for (d, (&dim, sl)) in dims.iter().zip(&slices).enumerate() {
            let n = dim as i64;
            let v = sl[k];
            let mode = modes[d.min(modes.len() - 1)];
            let j = match mode {
                ClipMode::Raise => {
                    if !(0..n).contains(&v) {
                        return Err(Error::value("invalid entry in coordinates array"));
                    }
                    v
                }
                _ if n == 0 => {
                    return Err(Error::value(
                        "cannot unravel if shape has zero entries (is empty).",
                    ))
                }
                ClipMode::Wrap => v.rem_euclid(n),
                ClipMode::Clip => v.clamp(0, n - 1),
            };
            flat += j * mult[d];
        }
        // SAFETY: k < total elements of the fresh output.
        unsafe { dst.add(k).write(flat) };
    }
    Ok(out)
}

/// Byte intervals `[lo, hi)` touched by `a` (absolute addresses), one per contiguous run
/// or per element; `None` when more than `limit` would be needed.
fn intervals(a: &Array, limit: usize) -> Option<Vec<(usize, usize)>> {
    let size = a.itemsize() as isize;
    let mut v = Vec::new();
    let mut over = false;
    for_each_run(a.shape(), [a.data_ptr()], [a.strides()], |[p], [s], n| {
        if over {
            return;
        }
        let p = p as isize;
        if s.abs() == size || n == 1 {
            let lo = if s < 0 { p + (n as isize - 1) * s } else { p };
            v.push((lo as usize, (lo + n as isize * size) as usize));
        } else {
            for i in 0..n as isize {
                let lo = p + i * s;
                v.push((lo as usize, (lo + size) as usize));
            }
        }
        over = v.len() > limit;
    });
    (!over).then_some(v)
}

/// Whether `a` and `b` touch a common byte, exactly: the byte intervals of both are sorted
/// and swept. `None` when more than `limit` intervals would be examined.
pub fn shares_memory_exact(a: &Array, b: &Array, limit: Option<usize>) -> Option<bool> {
    if a.size() == 0 || b.size() == 0 {
        return Some(false);
    }
    let limit = limit.unwrap_or(usize::MAX);
    let mut x = intervals(a, limit)?;
    let mut y = intervals(b, limit.saturating_sub(x.len()))?;
    x.sort_unstable();
    y.sort_unstable();
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        if x[i].0 < y[j].1 && y[j].0 < x[i].1 {
            return Some(true);
        }
        if x[i].1 <= y[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    Some(false)
}

/// The out-of-bounds error of a gather (NumPy's message).
fn out_of_bounds(i: i64, axis: usize, n: usize) -> Error {
    Error::index(format!(
        "index {i} is out of bounds for axis {axis} with size {n}"
    ))
}

/// Gather rows `idx` of a `n x block`-byte source with the bounds check folded into the
/// copy (one pass over the indices): `dst` row `k` = source row `idx[k]` (negative
/// indices count from the end). Rows are `block` bytes at `src + j * stride`.
///
/// # Safety
/// `src + j * stride .. + block` must be readable for every `j` in `0..n`; `dst` writable
/// for `idx.len() * block` bytes.
unsafe fn gather_rows_checked(
    src: *const u8,
    stride: isize,
    n: usize,
    block: usize,
    idx: &[i64],
    dst: *mut u8,
    axis: usize,
) -> Result<()> {
    /// Index `i` of an axis of length `n` mapped into `0..n` (a negative one counts from
    /// the end), branch-free; out of range shows as a value `>= n` when read unsigned.
    #[inline(always)]
    fn wrap_neg(i: i64, n: i64) -> u64 {
        (i + (n & (i >> 63))) as u64
    }
    /// One item per row: typed moves; a unit source stride indexes directly.
    #[inline(always)]
    unsafe fn typed<T: Copy>(
        src: *const u8,
        stride: isize,
        n: usize,
        idx: &[i64],
        dst: *mut u8,
    ) -> Option<i64> {
        let ni = n as i64;
        let dst = dst as *mut T;
        if stride == std::mem::size_of::<T>() as isize {
            let src = src as *const T;
            for (k, &i) in idx.iter().enumerate() {
                let j = wrap_neg(i, ni);
                if j >= n as u64 {
                    return Some(i);
                }
                // SAFETY: `j < n` (just checked): an item of the source (the caller's
                // contract); `k < idx.len()` items of the destination.
                unsafe {
                    dst.add(k)
                        .write_unaligned(src.add(j as usize).read_unaligned())
                };
            }
        } else {
            for (k, &i) in idx.iter().enumerate() {
                let j = wrap_neg(i, ni);
                if j >= n as u64 {
                    return Some(i);
                }
                // SAFETY: as above, at the source's byte stride.
                unsafe {
                    let v = (src.offset(j as isize * stride) as *const T).read_unaligned();
                    dst.add(k).write_unaligned(v);
                }
            }
        }
        None
    }
    /// Rows of any size: one `memcpy` each.
    unsafe fn rows(
        src: *const u8,
        stride: isize,
        n: usize,
        block: usize,
        idx: &[i64],
        dst: *mut u8,
    ) -> Option<i64> {
        for (k, &i) in idx.iter().enumerate() {
            let j = wrap_neg(i, n as i64);
            if j >= n as u64 {
                return Some(i);
            }
            // SAFETY: as above, whole rows of `block` bytes.
            unsafe {
                std::ptr::copy_nonoverlapping(
                    src.offset(j as isize * stride),
                    dst.add(k * block),
                    block,
                )
            };
        }
        None
    }
    // SAFETY: forwarded (rows of `block` bytes; the typed moves are exactly one row).
    let bad = unsafe {
        match block {
            1 => typed::<u8>(src, stride, n, idx, dst),
            2 => typed::<u16>(src, stride, n, idx, dst),
            4 => typed::<u32>(src, stride, n, idx, dst),
            8 => typed::<u64>(src, stride, n, idx, dst),
            16 => typed::<u128>(src, stride, n, idx, dst),
            _ => rows(src, stride, n, block, idx, dst),
        }
    };
    match bad {
        Some(i) => Err(out_of_bounds(i, axis, n)),
        None => Ok(()),
    }
}

/// Indices per part of a parallel gather (a fixed partition: the split never depends on
/// the thread count, and the first bad index is reported whatever the split).
const GATHER_PART: usize = 1 << 15;

/// [`gather_rows_checked`] over parts of `idx` of [`GATHER_PART`] indices, run on the
/// threads the execution policy gives for the bytes touched (one pass on the calling
/// thread below its threshold). An out-of-range index stops the gather with the error of
/// the first one, as the serial loop does.
///
/// # Safety
/// As [`gather_rows_checked`].
unsafe fn par_gather_rows_checked(
    src: *const u8,
    stride: isize,
    n: usize,
    block: usize,
    idx: &[i64],
    dst: *mut u8,
    axis: usize,
) -> Result<()> {
    let work = idx.len() * (8 + 2 * block);
    if crate::exec::parallelism(work) <= 1 {
        // SAFETY: forwarded.
        return unsafe { gather_rows_checked(src, stride, n, block, idx, dst, axis) };
    }
    let parts = idx.len().div_ceil(GATHER_PART);
    let ptrs = crate::iter::Shared((src, dst));
    crate::exec::for_each_part(parts, work, |p| {
        let lo = p * GATHER_PART;
        let hi = (lo + GATHER_PART).min(idx.len());
        let (s, d) = *ptrs.get();
        // SAFETY: forwarded; part p writes only its own rows lo..hi of `dst`.
        unsafe { gather_rows_checked(s, stride, n, block, &idx[lo..hi], d.add(lo * block), axis) }
    })
}

/// Whether `a` is a built-in dtype, and its trailing axes (after the first `skip`) form
/// one C-contiguous block: the layouts the direct gathers below handle.
fn rows_contiguous(a: &Array, skip: usize) -> bool {
    let shape = &a.shape()[skip..];
    let strides = &a.strides()[skip..];
    a.dtype().builtin.is_some() && layout::is_c_contiguous(shape, strides, a.itemsize())
}

/// `a[idx]` for one native `int64` index array of at least one dimension on the first axis
/// of `a`: a fresh C-ordered array of shape `idx.shape + a.shape[1:]`, gathered in one pass
/// with the bounds check folded in (NumPy's error names the index, axis 0 and its length).
/// `None` when the layouts are not the direct case (`idx` not C-contiguous, `a`'s rows not
/// contiguous, a non-built-in dtype): the caller takes the general path then.
///
/// # Errors
/// `IndexError` for an index out of range; `MemoryError`.
pub fn take_first_axis(a: &Array, idx: &Array) -> Result<Option<Array>> {
    if a.ndim() == 0
        || idx.ndim() == 0
        || idx.dtype() != Builtin::Int64.dtype()
        || !idx.is_c_contiguous()
        || !rows_contiguous(a, 1)
    {
        return Ok(None);
    }
    let n = a.shape()[0];
    let vals = i64_slice(idx);
    let mut shape: layout::Shape = layout::Shape::from_slice(idx.shape());
    shape.extend_from_slice(&a.shape()[1..]);
    let block = layout::size_of_shape(&a.shape()[1..]) * a.itemsize();
    // SAFETY: `gather_rows_checked` writes all `idx.len()` rows of `block` bytes, which is
    // the whole result; on an error the array is dropped unread.
    let out = unsafe { Array::for_moves(&shape, a.dtype(), Order::C)? };
    if block == 0 {
        // Nothing to copy, but NumPy still checks every index.
        if let Some(&i) = vals
            .iter()
            .find(|&&i| map_index(i, n as i64, ClipMode::Raise).is_none())
        {
            return Err(out_of_bounds(i, 0, n));
        }
        return Ok(Some(out.adopted()));
    }
    // SAFETY: rows `j < n` of `a` lie inside its storage (invariant 1 of Array: the row
    // block is C-contiguous, checked above); the fresh output holds `len * block` bytes.
    unsafe {
        par_gather_rows_checked(
            a.data_ptr(),
            a.strides()[0],
            n,
            block,
            vals,
            out.data_ptr(),
            0,
        )?
    };
    Ok(Some(out.adopted()))
}

/// `a[mask]` for a `bool` mask of `a`'s whole shape: the selected elements in C order, in
/// one pass over the data with no index array (NumPy's boolean gather). `None` when the
/// layouts are not the direct case (mask or array not C-contiguous, except a 1-d array of
/// any stride; another shape; a non-built-in dtype).
///
/// # Errors
/// `MemoryError`.
pub fn compress_mask(a: &Array, mask: &Array) -> Result<Option<Array>> {
    if mask.dtype() != Builtin::Bool.dtype()
        || mask.ndim() == 0
        || mask.shape() != a.shape()
        || !mask.is_c_contiguous()
        || a.dtype().builtin.is_none()
        || !(a.ndim() == 1 || a.is_c_contiguous())
    {
        return Ok(None);
    }
    let total = mask.size();
    let bytes: &[u8] = if total == 0 {
        &[]
    } else {
        // SAFETY: C-contiguous bool array of `total` one-byte elements (invariant 1).
        unsafe { std::slice::from_raw_parts(mask.data_ptr() as *const u8, total) }
    };
    let count = count_nonzero_bytes(bytes);
    // SAFETY: `compress` writes exactly `count` items, one per true byte.
    let out = unsafe { Array::for_moves(&[count], a.dtype(), Order::C)? };
    if count == 0 {
        return Ok(Some(out.adopted()));
    }
    let stride = if a.ndim() == 1 {
        a.strides()[0]
    } else {
        a.itemsize() as isize
    };
    // SAFETY: element `i < total` of `a` is at `data + i * stride` (1-d, or C-contiguous
    // so the flat index addresses it); the output holds `count` items.
    unsafe {
        compress(
            a.data_ptr(),
            stride,
            a.itemsize(),
            bytes,
            out.data_ptr(),
            count,
        )
    };
    Ok(Some(out.adopted()))
}

/// Copy item `i` of the source (at `src + i * stride`) for every non-zero `mask[i]`, in
/// order, to consecutive items of `dst`. Eight mask bytes are tested at once: all-zero
/// words are skipped, words with room for eight writes are copied branch-free (every item
/// written, the cursor advanced by the mask byte), the tail with a test per byte.
///
/// # Safety
/// The source items for `i < mask.len()` readable; `dst` writable for `count` items, where
/// `count` is the number of non-zero bytes of `mask`.
unsafe fn compress(
    src: *const u8,
    stride: isize,
    size: usize,
    mask: &[u8],
    dst: *mut u8,
    count: usize,
) {
    #[inline(always)]
    unsafe fn typed<M: Mover>(
        src: *const u8,
        stride: isize,
        size: usize,
        mask: &[u8],
        dst: *mut u8,
        count: usize,
    ) {
        let mut k = 0usize;
        let mut words = mask.chunks_exact(8);
        let mut base = 0isize;
        for w in &mut words {
            let word = u64::from_ne_bytes(w.try_into().expect("eight bytes"));
            if word != 0 {
                if k + 8 <= count {
                    for (j, &b) in w.iter().enumerate() {
                        // SAFETY: k < count (k + 8 <= count before this word); item
                        // base + j of the source exists.
                        unsafe {
                            M::mv(
                                src.offset((base + j as isize) * stride),
                                dst.add(k * size),
                                size,
                            )
                        };
                        k += usize::from(b != 0);
                    }
                } else {
                    for (j, &b) in w.iter().enumerate() {
                        if b != 0 {
                            // SAFETY: one write per true byte: k < count.
                            unsafe {
                                M::mv(
                                    src.offset((base + j as isize) * stride),
                                    dst.add(k * size),
                                    size,
                                )
                            };
                            k += 1;
                        }
                    }
                }
            }
            base += 8;
        }
        for (j, &b) in words.remainder().iter().enumerate() {
            if b != 0 {
                // SAFETY: as above.
                unsafe {
                    M::mv(
                        src.offset((base + j as isize) * stride),
                        dst.add(k * size),
                        size,
                    )
                };
                k += 1;
            }
        }
        debug_assert_eq!(k, count);
    }
    // SAFETY: forwarded.
    unsafe { by_size!(size, typed(src, stride, size, mask, dst, count)) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtype::Scalar;

    fn arange(n: usize) -> Array {
        crate::ops::creation::arange(
            Scalar::Int(0),
            Scalar::Int(n as i64),
            Scalar::Int(1),
            Builtin::Int64.dtype(),
        )
        .unwrap()
    }

    #[test]
    fn take_modes() {
        let a = arange(5);
        let idx = Array::zeros(&[2], Builtin::Int64.dtype(), Order::C).unwrap();
        idx.set(&[0], &Scalar::Int(-1)).unwrap();
        idx.set(&[1], &Scalar::Int(7)).unwrap();
        assert!(take(&a, &idx, Some(0), ClipMode::Raise).is_err());
        let w = take(&a, &idx, Some(0), ClipMode::Wrap).unwrap();
        assert_eq!(w.get(&[0]), Scalar::Int(4));
        assert_eq!(w.get(&[1]), Scalar::Int(2));
        let c = take(&a, &idx, Some(0), ClipMode::Clip).unwrap();
        assert_eq!(c.get(&[0]), Scalar::Int(0));
        assert_eq!(c.get(&[1]), Scalar::Int(4));
    }

    #[test]
    fn positions_of_true_bytes() {
        for n in [0usize, 1, 7, 8, 9, 63, 100, 1000] {
            for pattern in 0..4u32 {
                let b: Vec<u8> = (0..n)
                    .map(|i| {
                        u8::from(
                            ((i as u32).wrapping_mul(2654435761u32) >> (pattern + 3)) % 3 == 0
                                || pattern == 3,
                        )
                    })
                    .collect();
                let expected: Vec<i64> = (0..n).filter(|&i| b[i] != 0).map(|i| i as i64).collect();
                assert_eq!(count_nonzero_bytes(&b), expected.len());
                assert_eq!(count_nonzero_bytes_portable(&b), expected.len());
                let mut got = vec![0i64; expected.len()];
                flat_positions(&b, &mut got);
                assert_eq!(got, expected);
                let mut got2 = vec![0i64; expected.len()];
                flat_positions_portable(&b, &mut got2);
                assert_eq!(got2, expected);
            }
        }
    }

    #[test]
    fn unravel_roundtrip() {
        let idx = arange(6);
        let parts = unravel_index(&idx, &[2, 3], Order::C).unwrap();
        let back = ravel_multi_index(&parts, &[2, 3], &[ClipMode::Raise], Order::C).unwrap();
        for i in 0..6 {
            assert_eq!(back.get(&[i]), Scalar::Int(i as i64));
        }
    }
}
