//! Indexing: basic (views) and advanced (gather/scatter), with NumPy's rules.
//!
//! The algorithm of [`plan`]:
//! 1. Count the dimensions the index consumes (an integer, slice or integer array: one;
//!    a boolean array: its ndim; `None` and `...`: none). More than `ndim` is an
//!    `IndexError`; at most one `...`; a missing `...` is implied at the end.
//! 2. If any array is present, integers become 0-d integer arrays (NumPy treats them as
//!    advanced indices then, which matters for where the result axes go), and each boolean
//!    array becomes the integer arrays of its `nonzero()` (a 0-d boolean adds an axis of
//!    length one, indexed by `[0]` or `[]`).
//! 3. Walk the index once to build a *view*: slices narrow and stride axes, `None` inserts
//!    length-one axes, integers (basic case) move the offset and drop the axis, and axes
//!    under an array index are kept whole and remembered.
//! 4. Basic index: the view is the result.
//! 5. Advanced index: broadcast the index arrays to shape `B`, bounds-check them and turn
//!    them into one byte offset per element of `B`. The result shape is `B` put where the
//!    advanced axes were when they are adjacent, else `B` first, followed by the remaining
//!    view axes. Gather (get) or scatter (set) copies the remaining sub-array once per
//!    element of `B`.

use smallvec::SmallVec;

use crate::array::Array;
use crate::dtype::{Builtin, Scalar};
use crate::error::{Error, Result};
use crate::iter::{copy_into, copy_run, for_each_run};
use crate::layout::{self, fmt_shape, Order, Shape, Strides};

/// One item of an index tuple.
#[derive(Clone, Debug)]
pub enum Index {
    /// An integer (may be negative).
    Int(isize),
    /// `start:stop:step`, each optional.
    Slice(Option<isize>, Option<isize>, Option<isize>),
    /// `None` / `newaxis`.
    NewAxis,
    /// `...`.
    Ellipsis,
    /// An integer or boolean array.
    Array(Array),
}

/// Python's `slice.indices(n)`: (start, step, length).
///
/// # Errors
/// `ValueError` for a zero step.
pub fn slice_indices(
    start: Option<isize>,
    stop: Option<isize>,
    step: Option<isize>,
    n: usize,
) -> Result<(isize, isize, usize)> {
    let n = n as isize;
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(Error::value("slice step cannot be zero"));
    }
    let adjust = |v: Option<isize>, default: isize, lo: isize, hi: isize| match v {
        None => default,
        Some(v) if v < 0 => (v + n).max(lo),
        Some(v) => v.min(hi),
    };
    let (start, stop) = if step > 0 {
        (adjust(start, 0, 0, n), adjust(stop, n, 0, n))
    } else {
        (adjust(start, n - 1, -1, n - 1), adjust(stop, -1, -1, n - 1))
    };
    let len = if step > 0 {
        if stop > start {
            (stop - start - 1) / step + 1
        } else {
            0
        }
    } else if start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    Ok((start, step, len as usize))
}

/// Normalise integer index `i` for an axis of length `n`.
///
/// # Errors
/// `IndexError` naming the index, the axis and its length.
pub fn normalize_index(i: isize, axis: usize, n: usize) -> Result<usize> {
    let j = if i < 0 { i + n as isize } else { i };
    if j < 0 || j >= n as isize {
        return Err(Error::index(format!(
            "index {i} is out of bounds for axis {axis} with size {n}"
        )));
    }
    Ok(j as usize)
}

/// The byte offset of element `idx` (all integers, one per axis), bounds-checked.
///
/// # Errors
/// `IndexError` for a wrong count or an out-of-range index.
pub fn element_offset(a: &Array, idx: &[isize]) -> Result<isize> {
    if idx.len() > a.ndim() {
        return Err(too_many(a.ndim(), idx.len()));
    }
    let mut off = 0isize;
    for (axis, (&i, (&n, &s))) in idx
        .iter()
        .zip(a.shape().iter().zip(a.strides()))
        .enumerate()
    {
        off += normalize_index(i, axis, n)? as isize * s;
    }
    Ok(off)
}

fn too_many(ndim: usize, n: usize) -> Error {
    Error::index(format!(
        "too many indices for array: array is {ndim}-dimensional, but {n} were indexed"
    ))
}

/// What an index selects.
pub enum Plan {
    /// A basic index: the view is the result (`scalar` when every axis got an integer).
    View { view: Array, scalar: bool },
    /// An advanced index (boxed: the plan is much bigger than a view).
    Fancy(Box<Fancy>),
}

/// The gather/scatter plan of an advanced index.
pub struct Fancy {
    /// The view after basic indexing, advanced axes kept whole.
    view: Array,
    /// One byte offset into `view` per element of the broadcast index shape (C order);
    /// empty when `direct` holds the plan instead.
    offsets: Vec<isize>,
    /// The common case of one contiguous int64 index array (already bounds-checked): the
    /// array, the byte stride and the length of its axis. Gathers read it directly instead
    /// of going through `offsets`.
    direct: Option<(Array, isize, isize)>,
    /// The broadcast index shape.
    bshape: Shape,
    /// Shape and strides of the view's non-advanced axes.
    rest_shape: Shape,
    rest_strides: Strides,
    /// Where the broadcast block goes in the result (number of rest axes before it).
    insert_at: usize,
}

/// Turn an index into a [`Plan`] (see the module docs).
///
/// # Errors
/// `IndexError` with NumPy's messages for indices out of range, too many indices, bad
/// index arrays; `ValueError` for a zero slice step.
pub fn plan(a: &Array, index: &[Index]) -> Result<Plan> {
    // 1. Count consumed dimensions.
    let mut consumed = 0usize;
    let mut ellipses = 0usize;
    let mut any_array = false;
    for it in index {
        match it {
            Index::Int(_) | Index::Slice(..) => consumed += 1,
            Index::Array(arr) => {
                any_array = true;
                consumed += if arr.dtype().is_bool() { arr.ndim() } else { 1 };
            }
            Index::Ellipsis => ellipses += 1,
            Index::NewAxis => {}
        }
    }
    if ellipses > 1 {
        return Err(Error::index(
            "an index can only have a single ellipsis ('...')",
        ));
    }
    if consumed > a.ndim() {
        return Err(too_many(a.ndim(), consumed));
    }
    // 3. Walk, building the view.
    let mut shape = Shape::new();
    let mut strides = Strides::new();
    let mut offset = 0isize;
    let mut axis = 0usize; // input axis
                           // (view axis, input axis for error messages, int64 index array)
    let mut adv: Vec<(usize, usize, Array)> = Vec::new();
    // Position in `index` of each advanced entry: NumPy calls the advanced indices
    // adjacent only when no other index item (not even an empty `...`) separates them.
    let mut adv_pos: Vec<usize> = Vec::new();
    let mut ints = 0usize;
    let fill_ellipsis =
        |axis: &mut usize, shape: &mut Shape, strides: &mut Strides, count: usize| {
            for _ in 0..count {
                shape.push(a.shape()[*axis]);
                strides.push(a.strides()[*axis]);
                *axis += 1;
            }
        };
    for (pos, it) in index.iter().enumerate() {
        while adv_pos.len() < adv.len() {
            adv_pos.push(pos - 1);
        }
        match it {
            Index::Ellipsis => {
                fill_ellipsis(&mut axis, &mut shape, &mut strides, a.ndim() - consumed)
            }
            Index::NewAxis => {
                shape.push(1);
                strides.push(0);
            }
            Index::Slice(start, stop, step) => {
                let n = a.shape()[axis];
                let (s0, st, len) = slice_indices(*start, *stop, *step, n)?;
                if len > 0 {
                    offset += s0 * a.strides()[axis];
                }
                shape.push(len);
                strides.push(a.strides()[axis] * st);
                axis += 1;
            }
            Index::Int(i) => {
                let n = a.shape()[axis];
                let j = normalize_index(*i, axis, n)?;
                if any_array {
                    // 2. An integer among arrays is a 0-d index array.
                    adv.push((shape.len(), axis, scalar_index(j as i64)?));
                    shape.push(n);
                    strides.push(a.strides()[axis]);
                } else {
                    offset += j as isize * a.strides()[axis];
                    ints += 1;
                }
                axis += 1;
            }
            Index::Array(arr) if arr.dtype().is_bool() => {
                if arr.ndim() == 0 {
                    // A 0-d boolean: a new axis of length one, kept or emptied.
                    let keep = arr.item()? == Scalar::Bool(true);
                    let idx = if keep {
                        scalar_index(0)?.reshape1(1)?
                    } else {
                        Array::zeros(&[0], Builtin::Int64.dtype(), Order::C)?
                    };
                    adv.push((shape.len(), axis, idx));
                    shape.push(1);
                    strides.push(0);
                    continue;
                }
                for (k, &m) in arr.shape().iter().enumerate() {
                    let n = a.shape()[axis + k];
                    if m != n {
                        return Err(Error::index(format!(
                            "boolean index did not match indexed array along axis {}; size of axis is {n} but size of corresponding boolean axis is {m}",
                            axis + k
                        )));
                    }
                }
                for (k, idx) in nonzero(arr)?.into_iter().enumerate() {
                    adv.push((shape.len(), axis + k, idx));
                    shape.push(a.shape()[axis + k]);
                    strides.push(a.strides()[axis + k]);
                }
                axis += arr.ndim();
            }
            Index::Array(arr) => {
                if !arr.dtype().is_integer() {
                    return Err(Error::index(
                        "arrays used as indices must be of integer (or boolean) type",
                    ));
                }
                adv.push((shape.len(), axis, copy_of_as_i64(arr)?));
                shape.push(a.shape()[axis]);
                strides.push(a.strides()[axis]);
                axis += 1;
            }
        }
    }
    while adv_pos.len() < adv.len() {
        adv_pos.push(index.len().saturating_sub(1));
    }
    if ellipses == 0 {
        fill_ellipsis(&mut axis, &mut shape, &mut strides, a.ndim() - consumed);
    }
    // SAFETY: each step above selects existing elements only: slices via slice_indices,
    // integers after normalize_index, new axes with stride 0 and length 1.
    let view = unsafe { a.view_unchecked(offset, shape, strides) };
    if adv.is_empty() {
        let scalar = ints == a.ndim() && index.iter().all(|i| matches!(i, Index::Int(_)));
        return Ok(Plan::View { view, scalar });
    }
    let adjacent = adv_pos.windows(2).all(|w| w[1] <= w[0] + 1);
    fancy(view, adv, adjacent).map(|f| Plan::Fancy(Box::new(f)))
}

impl Array {
    fn reshape1(&self, n: usize) -> Result<Array> {
        crate::ops::reshape(self, &[n as isize], Order::C)
    }
}

fn scalar_index(v: i64) -> Result<Array> {
    let arr = Array::zeros(&[], Builtin::Int64.dtype(), Order::C)?;
    arr.set(&[], &Scalar::Int(v))?;
    Ok(arr)
}

fn copy_of_as_i64(arr: &Array) -> Result<Array> {
    let i64d = Builtin::Int64.dtype();
    if arr.dtype() == i64d && arr.is_c_contiguous() {
        return Ok(arr.clone());
    }
    crate::iter::copy_as(arr, i64d, Order::C)
}

/// The integer arrays of `mask.nonzero()` (one int64 array per axis; the kernels of
/// [`crate::ops::select::nonzero`]).
///
/// # Errors
/// `MemoryError`.
pub fn nonzero(mask: &Array) -> Result<Vec<Array>> {
    crate::ops::select::nonzero(mask)
}

fn fancy(view: Array, adv: Vec<(usize, usize, Array)>, adjacent: bool) -> Result<Fancy> {
    let shapes: Vec<&[usize]> = adv.iter().map(|(_, _, a)| a.shape()).collect();
    let bshape = layout::broadcast_shapes(&shapes).map_err(|_| {
        let listed: Vec<String> = shapes.iter().map(|s| fmt_shape(s)).collect();
        Error::index(format!(
            "shape mismatch: indexing arrays could not be broadcast together with shapes {}",
            listed.join(" ")
        ))
    })?;
    let nb = layout::size_of_shape(&bshape);
    let axes: Vec<usize> = adv.iter().map(|(ax, _, _)| *ax).collect();
    let mut rest_shape = Shape::new();
    let mut rest_strides = Strides::new();
    for ax in 0..view.ndim() {
        if !axes.contains(&ax) {
            rest_shape.push(view.shape()[ax]);
            rest_strides.push(view.strides()[ax]);
        }
    }
    let insert_at = if adjacent { axes[0] } else { 0 };
    if let [(vaxis, in_axis, idx)] = adv.as_slice() {
        if idx.shape() == bshape.as_slice() && idx.is_c_contiguous() {
            // One contiguous index array: check its range in one (vectorised) min/max pass
            // and keep it; no per-element offsets.
            let n = view.shape()[*vaxis] as i64;
            // SAFETY: `idx` is a C-contiguous int64 array of `nb` elements.
            let vals = unsafe { std::slice::from_raw_parts(idx.data_ptr() as *const i64, nb) };
            let (lo, hi) = vals
                .iter()
                .fold((i64::MAX, i64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
            if nb > 0 && (lo < -n || hi >= n) {
                let bad = vals
                    .iter()
                    .find(|&&v| v < -n || v >= n)
                    .copied()
                    .unwrap_or(lo);
                return Err(Error::index(format!(
                    "index {bad} is out of bounds for axis {in_axis} with size {n}"
                )));
            }
            return Ok(Fancy {
                direct: Some((idx.clone(), view.strides()[*vaxis], n as isize)),
                view,
                offsets: Vec::new(),
                bshape,
                rest_shape,
                rest_strides,
                insert_at,
            });
        }
    }
    let mut offsets = vec![0isize; nb];
    for (vaxis, in_axis, idx) in &adv {
        let n = view.shape()[*vaxis];
        let stride = view.strides()[*vaxis];
        let bounds = |i: isize| -> Result<isize> {
            let j = if i < 0 { i + n as isize } else { i };
            if j < 0 || j >= n as isize {
                return Err(Error::index(format!(
                    "index {i} is out of bounds for axis {in_axis} with size {n}"
                )));
            }
            Ok(j * stride)
        };
        if idx.shape() == bshape.as_slice() && idx.is_c_contiguous() {
            // The common case: one contiguous int64 index array per axis.
            // SAFETY: `idx` is a C-contiguous int64 array of `nb` elements.
            let vals = unsafe { std::slice::from_raw_parts(idx.data_ptr() as *const i64, nb) };
            for (o, &i) in offsets.iter_mut().zip(vals) {
                *o += bounds(i as isize)?;
            }
            continue;
        }
        let bs = layout::broadcast_strides(idx.shape(), idx.strides(), &bshape)?;
        // SAFETY: `idx` is an int64 array (copy_of_as_i64 / scalar_index / nonzero);
        // broadcast strides visit only its elements.
        let bview = unsafe { idx.view_unchecked(0, bshape.clone(), bs) };
        let mut k = 0usize;
        let mut err = None;
        bview.for_each_ptr(|p| {
            // SAFETY: p points at an int64 element of `idx`.
            let i = unsafe { (p as *const i64).read_unaligned() } as isize;
            match bounds(i) {
                Ok(off) => offsets[k] += off,
                Err(e) => {
                    err.get_or_insert(e);
                }
            }
            k += 1;
        });
        if let Some(e) = err {
            return Err(e);
        }
    }
    Ok(Fancy {
        direct: None,
        view,
        offsets,
        bshape,
        rest_shape,
        rest_strides,
        insert_at,
    })
}

impl Fancy {
    /// The shape of the result.
    pub fn result_shape(&self) -> Shape {
        let mut s = Shape::from_slice(&self.rest_shape[..self.insert_at]);
        s.extend_from_slice(&self.bshape);
        s.extend_from_slice(&self.rest_shape[self.insert_at..]);
        s
    }

    /// A view of `out` (result-shaped) with the broadcast block moved first.
    fn work_view(&self, out: &Array) -> Result<Array> {
        let nb = self.bshape.len();
        let k = self.insert_at;
        let nd = out.ndim();
        let mut perm: Vec<usize> = (k..k + nb).collect();
        perm.extend(0..k);
        perm.extend(k + nb..nd);
        crate::ops::permute_dims(out, &perm)
    }

    /// Run `f(view_ptr, work_ptr)` once per element of the broadcast block, with the rest
    /// sub-arrays at those pointers.
    fn pairs(
        &self,
        work: &Array,
        mut f: impl FnMut(*mut u8, *mut u8, &[usize], &[isize], &[isize]),
    ) {
        let nb = self.bshape.len();
        let (bstr, rstr) = work.strides().split_at(nb);
        let mut idx = vec![0usize; nb];
        for &off in self.offsets().iter() {
            let woff: isize = idx.iter().zip(bstr).map(|(&i, &s)| i as isize * s).sum();
            f(
                self.view.data_ptr().wrapping_offset(off),
                work.data_ptr().wrapping_offset(woff),
                &self.rest_shape,
                &self.rest_strides,
                rstr,
            );
            for d in (0..nb).rev() {
                idx[d] += 1;
                if idx[d] < self.bshape[d] {
                    break;
                }
                idx[d] = 0;
            }
        }
    }

    /// The byte offsets (computed from `direct` when that holds the plan).
    fn offsets(&self) -> std::borrow::Cow<'_, [isize]> {
        match &self.direct {
            None => std::borrow::Cow::Borrowed(&self.offsets),
            Some((idx, stride, n)) => {
                let nb = idx.size();
                // SAFETY: `direct` holds a C-contiguous int64 array of `nb` elements.
                let vals = unsafe { std::slice::from_raw_parts(idx.data_ptr() as *const i64, nb) };
                let (stride, n) = (*stride, *n);
                std::borrow::Cow::Owned(
                    vals.iter()
                        .map(|&i| {
                            let i = i as isize;
                            (if i < 0 { i + n } else { i }) * stride
                        })
                        .collect(),
                )
            }
        }
    }

    /// Gather into a new C-ordered array.
    ///
    /// # Errors
    /// `MemoryError`.
    pub fn get(&self) -> Result<Array> {
        if let Some((idx, stride, n)) = &self.direct {
            if layout::size_of_shape(&self.rest_shape) == 1 {
                return self.gather_direct(idx, *stride, *n);
            }
        }
        // SAFETY: the gather below writes every element of `out` (one sub-array per
        // element of the broadcast block, covering the result shape).
        let out = unsafe { Array::for_moves(&self.result_shape(), self.view.dtype(), Order::C)? };
        let work = self.work_view(&out)?;
        let size = self.view.itemsize();
        if layout::size_of_shape(&self.rest_shape) == 1 && self.bshape.len() == 1 {
            // One element per index into a contiguous 1-d block: a typed gather loop.
            let step = work.strides()[0];
            let (base, out_ptr) = (self.view.data_ptr(), work.data_ptr());
            let offsets = self.offsets();
            macro_rules! gather {
                ($t:ty) => {
                    for (k, &off) in offsets.iter().enumerate() {
                        // SAFETY: offsets were bounds-checked into the view; k < len of the
                        // fresh output's broadcast axis.
                        unsafe {
                            let v = (base.offset(off) as *const $t).read_unaligned();
                            (out_ptr.offset(k as isize * step) as *mut $t).write_unaligned(v);
                        }
                    }
                };
            }
            match size {
                1 => gather!(u8),
                2 => gather!(u16),
                4 => gather!(u32),
                8 => gather!(u64),
                16 => gather!(u128),
                _ => {
                    for (k, &off) in offsets.iter().enumerate() {
                        // SAFETY: as above, item by item.
                        unsafe {
                            std::ptr::copy_nonoverlapping(
                                base.offset(off),
                                out_ptr.offset(k as isize * step),
                                size,
                            )
                        };
                    }
                }
            }
            return Ok(out.adopted());
        }
        self.pairs(&work, |src, dst, shape, ss, ds| {
            {
                for_each_run(shape, [dst, src], [ds, ss], |[d, s], [dst_s, src_s], n| {
                    // SAFETY: runs of the rest sub-arrays, inside view and output.
                    unsafe { copy_run(s, src_s, d, dst_s, n, size) };
                });
            }
        });
        Ok(out.adopted())
    }

    /// The gather of one contiguous, range-checked index array with one element per index:
    /// a single typed loop from the index values to a fresh contiguous result.
    fn gather_direct(&self, idx: &Array, stride: isize, n: isize) -> Result<Array> {
        let nb = idx.size();
        // SAFETY: the loop below writes all `nb` elements (the result has the block's
        // elements only: the rest axes have length one).
        let out = unsafe { Array::for_moves(&self.result_shape(), self.view.dtype(), Order::C)? };
        // SAFETY: `direct` holds a C-contiguous int64 array of `nb` elements.
        let vals = unsafe { std::slice::from_raw_parts(idx.data_ptr() as *const i64, nb) };
        let (base, dst) = (self.view.data_ptr(), out.data_ptr());
        macro_rules! gather {
            ($t:ty) => {{
                let dst = dst as *mut $t;
                for (k, &i) in vals.iter().enumerate() {
                    let i = i as isize;
                    let j = if i < 0 { i + n } else { i };
                    // SAFETY: every index was checked to lie in -n..n when the plan was
                    // made, so `j` is in 0..n and `j * stride` addresses an element of the
                    // view; `k < nb` elements of the fresh result.
                    unsafe {
                        let v = (base.offset(j * stride) as *const $t).read_unaligned();
                        dst.add(k).write_unaligned(v);
                    }
                }
            }};
        }
        match self.view.itemsize() {
            1 => gather!(u8),
            2 => gather!(u16),
            4 => gather!(u32),
            8 => gather!(u64),
            16 => gather!(u128),
            size => {
                for (k, &i) in vals.iter().enumerate() {
                    let i = i as isize;
                    let j = if i < 0 { i + n } else { i };
                    // SAFETY: as above, item by item.
                    unsafe {
                        std::ptr::copy_nonoverlapping(
                            base.offset(j * stride),
                            dst.add(k * size),
                            size,
                        )
                    };
                }
            }
        }
        Ok(out.adopted())
    }

    /// Check that `value` can be assigned (broadcasts to the result shape, after dropping
    /// extra leading length-one axes), without writing anything.
    ///
    /// # Errors
    /// `ValueError` naming both shapes.
    pub fn check_value(&self, value: &Array) -> Result<()> {
        let rshape = self.result_shape();
        let value = if value.ndim() > rshape.len() {
            crate::iter::strip_leading_ones(value, rshape.len())
        } else {
            value.clone()
        };
        layout::broadcast_strides(value.shape(), value.strides(), &rshape)
            .map(|_| ())
            .map_err(|_| {
                Error::value(format!(
                    "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
                    fmt_shape(value.shape()),
                    fmt_shape(&rshape)
                ))
            })
    }

    /// Scatter `value` (broadcast to the result shape, cast to the array's dtype).
    ///
    /// # Errors
    /// Read-only array; `ValueError` naming both shapes when `value` does not broadcast.
    pub fn set(&self, value: &Array) -> Result<()> {
        self.view.check_writeable()?;
        let rshape = self.result_shape();
        let mut value = if value.ndim() > rshape.len() {
            crate::iter::strip_leading_ones(value, rshape.len())
        } else {
            value.clone()
        };
        if value.dtype() != self.view.dtype()
            || value.dtype().itemsize != self.view.dtype().itemsize
            || value.dtype().byteorder != self.view.dtype().byteorder
            || value.may_share_memory(&self.view)
        {
            value = crate::iter::copy_as(&value, self.view.dtype(), Order::C)?;
        }
        let bstr = layout::broadcast_strides(value.shape(), value.strides(), &rshape).map_err(|_| {
            Error::value(format!(
                "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
                fmt_shape(value.shape()),
                fmt_shape(&rshape)
            ))
        })?;
        // SAFETY: broadcast strides revisit existing elements of `value`.
        let vb = unsafe { value.view_unchecked(0, rshape, bstr) };
        let work = self.work_view(&vb)?;
        let size = self.view.itemsize();
        let dt = self.view.dtype();
        if dt.has_refs() {
            // Item by item, each write taking the new item's reference and releasing the
            // old one's (repeated indices included, as NumPy's).
            let mut res = Ok(());
            self.pairs(&work, |dst, src, shape, ds, ss| {
                for_each_run(shape, [dst, src], [ds, ss], |[d, s], [dst_s, src_s], n| {
                    for i in 0..n as isize {
                        let item = crate::dtype::Scalar::Ref(crate::dtype::ItemRef {
                            addr: s.wrapping_offset(i * src_s) as usize,
                            dtype: dt,
                        });
                        // SAFETY: items of the (writeable) view and of the live value.
                        if let Err(e) = unsafe { dt.set(d.wrapping_offset(i * dst_s), &item) } {
                            res = Err(e);
                        }
                    }
                });
            });
            return res;
        }
        self.pairs(&work, |dst, src, shape, ds, ss| {
            for_each_run(shape, [dst, src], [ds, ss], |[d, s], [dst_s, src_s], n| {
                // SAFETY: rest sub-arrays inside the (writeable) view and the value.
                unsafe { copy_run(s, src_s, d, dst_s, n, size) };
            });
        });
        Ok(())
    }
}

/// `a[index]`: a view for basic indices, a new array for advanced ones. The flag says
/// whether every axis got an integer (the caller returns a scalar then).
///
/// # Errors
/// As [`plan`].
pub fn get(a: &Array, index: &[Index]) -> Result<(Array, bool)> {
    match plan(a, index)? {
        Plan::View { view, scalar } => Ok((view, scalar)),
        Plan::Fancy(f) => Ok((f.get()?, false)),
    }
}

/// `a[index] = value`.
///
/// # Errors
/// As [`plan`], plus read-only arrays and values that do not broadcast.
pub fn set(a: &Array, index: &[Index], value: &Array) -> Result<()> {
    a.check_writeable()?;
    match plan(a, index)? {
        Plan::View { view, .. } => copy_into(&view, value),
        Plan::Fancy(f) => f.set(value),
    }
}

/// Index arrays as a small-vector of offsets, for callers that want raw offsets.
pub type Offsets = SmallVec<[isize; 8]>;
