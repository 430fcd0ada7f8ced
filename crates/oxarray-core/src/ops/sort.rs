//! Sorting, partitioning and searching: NumPy's `sort`, `argsort`, `partition`,
//! `argpartition`, `lexsort` and `searchsorted`, built on the per-dtype kernel table
//! ([`crate::kernels::sort`]).
//!
//! # The stable API (other modules build on these signatures)
//!
//! ```text
//! pub fn sort(a: &Array, axis: isize, kind: SortKind, descending: bool) -> Result<Array>
//! pub fn sort_inplace(a: &Array, axis: isize, kind: SortKind, descending: bool) -> Result<()>
//! pub fn argsort(a: &Array, axis: isize, kind: SortKind, descending: bool) -> Result<Array>
//! pub fn partition(a: &Array, kth: &[isize], axis: isize) -> Result<Array>
//! pub fn partition_inplace(a: &Array, kth: &[isize], axis: isize) -> Result<()>
//! pub fn argpartition(a: &Array, kth: &[isize], axis: isize) -> Result<Array>
//! pub fn lexsort(keys: &[Array], axis: isize) -> Result<Array>
//! pub fn searchsorted(a: &Array, v: &Array, right: bool, sorter: Option<&Array>) -> Result<Array>
//! ```
//!
//! `axis` may be negative (NumPy's normalisation; an `AxisError` when out of range; a
//! 0-d array has no axis: callers flatten for `axis=None`). Results are fresh C-contiguous
//! arrays of the input's shape (`argsort`/`argpartition`/`searchsorted`: int64); `sort`
//! and `partition` keep the input dtype (byte order included). Inputs are never modified
//! except by the `_inplace` forms.
//!
//! Order: NumPy's (`npysort`): NaN last, `-0.0 == 0.0`, complex lexicographic with NaN
//! parts after numbers. Every built-in kernel sort is stable, whatever `kind` says, so values
//! equal NumPy's bit for bit and argsort of any kind equals NumPy's `kind='stable'`.
//! `descending` (Array API; NumPy 2.5's keyword): larger values first, equal elements
//! still in input order, and NaN still LAST (NumPy 2.5: "Values that are NaN are sorted
//! to the end for both orders"). Built from the stable ascending order: the NaN tail stays
//! (complex NaNs in their ascending order), the runs of equal values before it are
//! visited last to first, each run kept in order.
//!
//! # How a sort runs
//! 1. Bring a swapped-byte-order input to native order (a copy).
//! 2. Look the dtype's kernels up in the table (`TypeError` when there are none).
//! 3. For every lane along `axis` (the other axes in C order), call the kernel with the
//!    lane's pointer and stride; for `descending`, reorder the ascending result as above.
//! 4. Swap the result back to the input's byte order when it had another.
//!
//! A dtype without kernels of its own that says it orders as another
//! (`DTypeOps::sort_as`, e.g. a registered float ordering as `float32`) is ordered by its
//! items cast to that dtype: the keys are argsorted stably and the original items gathered
//! in that order (`sort`, `partition`: a full sort, as NumPy sorts a user dtype without
//! partition functions), the keys' indices returned as they are (`argsort`,
//! `argpartition`, `lexsort`), and `searchsorted` compares in that dtype.
//!
//! The third route: a dtype with neither kernels nor `sort_as` but a comparison
//! (`DTypeOps::compare`: `S`/`U` strings, objects, StringDType) is ordered by NumPy's
//! generic algorithms ported in `ops/cmpsort.rs` (`npy_aquicksort` for `quicksort`/`heapsort`,
//! `npy_atimsort` for `stable`/`mergesort`, `npy_binsearch`), so its orders, ties
//! included, are NumPy's, *not* stable for the default kind. Each lane's items are copied
//! (as bytes) to a contiguous buffer and argsorted; `sort` and `partition` (a full
//! quicksort, as NumPy without partition functions) gather the items in that order as
//! moves ([`Array::for_moves`]), so items holding references are counted (string dtypes
//! sort the items themselves, `cmpsort::CompareKernels::of_values`). The byte order
//! is kept (the comparison reads it). A comparison's error ends the call.

use crate::array::Array;
use crate::dtype::{promote_types, Builtin, CompareFn, DType};
use crate::error::{normalize_axis, Error, Result};
use crate::iter;
use crate::kernels::sort::{kernels_for, SortKernels};
use crate::layout::{Order, Shape};
use crate::ops::cmpsort;

/// NumPy's `kind=` values. The built-in kernels are stable for every kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortKind {
    /// `'quicksort'` (NumPy's default; not guaranteed stable).
    #[default]
    QuickSort,
    /// `'mergesort'` (stable).
    MergeSort,
    /// `'heapsort'`.
    HeapSort,
    /// `'stable'`.
    Stable,
}

impl SortKind {
    /// Parse NumPy's spelling: only the first letter counts (`q`, `m`, `h`, `s`, any case).
    ///
    /// # Errors
    /// `ValueError` naming the string otherwise.
    pub fn parse(s: &str) -> Result<SortKind> {
        match s.chars().next().map(|c| c.to_ascii_lowercase()) {
            Some('q') => Ok(SortKind::QuickSort),
            Some('m') => Ok(SortKind::MergeSort),
            Some('h') => Ok(SortKind::HeapSort),
            Some('s') => Ok(SortKind::Stable),
            _ => Err(Error::value(format!(
                "sort kind must be one of 'quick', 'heap', or 'stable' (got '{s}')"
            ))),
        }
    }
    /// Whether the kind promises stability.
    pub fn is_stable(self) -> bool {
        matches!(self, SortKind::MergeSort | SortKind::Stable)
    }
}

/// Visit every lane along `axis` of two same-shaped layouts together (the other axes in
/// C order): `f(ptr_a, ptr_b, lane_number)`.
fn for_each_lane(
    shape: &[usize],
    axis: usize,
    pa: *mut u8,
    sa: &[isize],
    pb: *mut u8,
    sb: &[isize],
    mut f: impl FnMut(*mut u8, *mut u8, usize) -> Result<()>,
) -> Result<()> {
    let dims: Vec<usize> = (0..shape.len()).filter(|&d| d != axis).collect();
    let total: usize = dims.iter().map(|&d| shape[d]).product();
    if total == 0 {
        return Ok(());
    }
    let mut idx = vec![0usize; dims.len()];
    let (mut a, mut b) = (pa, pb);
    for lane in 0..total {
        f(a, b, lane)?;
        for k in (0..dims.len()).rev() {
            let d = dims[k];
            idx[k] += 1;
            a = a.wrapping_offset(sa[d]);
            b = b.wrapping_offset(sb[d]);
            if idx[k] < shape[d] {
                break;
            }
            a = a.wrapping_offset(-(shape[d] as isize) * sa[d]);
            b = b.wrapping_offset(-(shape[d] as isize) * sb[d]);
            idx[k] = 0;
        }
    }
    Ok(())
}

/// `a` in native byte order (a copy only when it is swapped).
fn native(a: &Array) -> Result<Array> {
    if a.dtype().is_native() {
        Ok(a.clone())
    } else {
        iter::copy_as(a, a.dtype().to_native(), Order::K)
    }
}

/// The dtype `dt`'s items are ordered as when it has no sort kernels of its own
/// (`DTypeOps::sort_as`); `None` for a dtype with kernels or without such an order.
pub(crate) fn order_as(dt: DType) -> Option<DType> {
    if kernels_for(dt).is_ok() {
        return None;
    }
    dt.ops.sort_as(&dt)
}

/// `a` cast to the dtype its items are ordered as ([`order_as`]), C-ordered; `None` when
/// `a` orders by its own kernels.
pub(crate) fn order_keys(a: &Array) -> Result<Option<Array>> {
    match order_as(a.dtype()) {
        Some(k) => Ok(Some(iter::copy_as(a, k, Order::C)?)),
        None => Ok(None),
    }
}

/// Sort `a` (of a dtype ordered through `keys`, its cast of the same shape) along
/// `axis`: a fresh C-ordered native copy with each lane's items gathered in the stable
/// (or descending) order of the keys.
fn sort_by_keys(a: &Array, keys: &Array, ax: usize, descending: bool) -> Result<Array> {
    let out = iter::copy_as(a, a.dtype().to_native(), Order::C)?;
    if a.size() == 0 {
        return Ok(out);
    }
    let k = kernels_for(keys.dtype())?;
    let n = a.shape()[ax];
    let (ks, os) = (keys.strides()[ax], out.strides()[ax]);
    let isz = out.itemsize();
    let mut perm = vec![0i64; n];
    let mut bytes = vec![0u8; n * isz];
    for_each_lane(
        a.shape(),
        ax,
        keys.data_ptr(),
        keys.strides(),
        out.data_ptr(),
        out.strides(),
        |kp, op, _| {
            // SAFETY: invariant 1 of `keys`: the lane is inside its storage.
            unsafe { (k.argsort)(kp, ks, n, true, &mut perm) };
            if descending {
                let order = descending_order(&k, n, |i| {
                    kp.wrapping_offset(perm[i] as isize * ks) as *const u8
                });
                let p: Vec<i64> = order.iter().map(|&i| perm[i]).collect();
                perm.copy_from_slice(&p);
            }
            for (j, &i) in perm.iter().enumerate() {
                // SAFETY: element `i < n` of the fresh `out` lane is readable; `bytes`
                // holds n items.
                unsafe {
                    std::ptr::copy_nonoverlapping(
                        op.wrapping_offset(i as isize * os),
                        bytes.as_mut_ptr().add(j * isz),
                        isz,
                    )
                };
            }
            for j in 0..n {
                // SAFETY: element j of the fresh `out` lane is writable.
                unsafe {
                    std::ptr::copy_nonoverlapping(
                        bytes.as_ptr().add(j * isz),
                        op.wrapping_offset(j as isize * os),
                        isz,
                    )
                };
            }
            Ok(())
        },
    )?;
    Ok(out)
}

/// A fresh C-ordered array of `shape` and `dtype` whose every element the caller writes.
fn fresh(shape: &[usize], dtype: DType) -> Result<Array> {
    // SAFETY: every caller writes every element (one lane per outer index, each lane
    // fully) before the array is read or returned.
    unsafe { Array::uninit(shape, dtype, Order::C) }
}

/// Sort along `axis` in place (lanes of `dst` from lanes of `src`, same shape, native).
fn sort_lanes(
    src: &Array,
    dst: &Array,
    axis: usize,
    k: &SortKernels,
    stable: bool,
    desc: bool,
) -> Result<()> {
    let n = src.shape()[axis];
    let (ss, ds) = (src.strides()[axis], dst.strides()[axis]);
    let isz = dst.itemsize();
    for_each_lane(
        src.shape(),
        axis,
        src.data_ptr(),
        src.strides(),
        dst.data_ptr(),
        dst.strides(),
        |a, b, _| {
            // SAFETY: invariant 1 of both arrays: every lane element is inside its storage;
            // `dst` is writeable (fresh, or checked by the caller).
            // descending (Array API, stable by default) reverses the stable order
            unsafe { (k.sort)(a, ss, b, ds, n, stable || desc) };
            if desc {
                let at = |i: usize| b.wrapping_offset(i as isize * ds) as *const u8;
                let order = descending_order(k, n, at);
                let mut bytes = vec![0u8; n * isz];
                for (j, &i) in order.iter().enumerate() {
                    // SAFETY: element i of the lane is readable; `bytes` holds n items.
                    unsafe {
                        std::ptr::copy_nonoverlapping(at(i), bytes.as_mut_ptr().add(j * isz), isz)
                    };
                }
                for j in 0..n {
                    // SAFETY: element j of the destination lane is writable.
                    unsafe {
                        std::ptr::copy_nonoverlapping(
                            bytes.as_ptr().add(j * isz),
                            b.wrapping_offset(j as isize * ds),
                            isz,
                        )
                    };
                }
            }
            Ok(())
        },
    )
}

/// The positions `0..n` of an ascending stably sorted lane (element `i` at `at(i)`)
/// in descending order: the NaN tail stays last, the runs of equal elements before it are
/// taken last to first, each run kept in order (so the result is still stable).
fn descending_order(k: &SortKernels, n: usize, at: impl Fn(usize) -> *const u8) -> Vec<usize> {
    // SAFETY (both closures): `at(i)` for `i < n` points at a readable lane element.
    let nans = (0..n)
        .rev()
        .take_while(|&i| unsafe { (k.is_nan)(at(i)) })
        .count();
    let m = n - nans;
    let mut out = Vec::with_capacity(n);
    let mut end = m;
    while end > 0 {
        let mut start = end - 1;
        while start > 0
            && unsafe { (k.compare)(at(start - 1), at(end - 1)) } == std::cmp::Ordering::Equal
        {
            start -= 1;
        }
        out.extend(start..end);
        end = start;
    }
    out.extend(m..n);
    out
}

/// A sorted copy of `a` along `axis` (NumPy's `np.sort`; see the module doc).
///
/// # Errors
/// `AxisError`, `TypeError` for a dtype without sort kernels, `MemoryError`.
pub fn sort(a: &Array, axis: isize, kind: SortKind, descending: bool) -> Result<Array> {
    let ax = normalize_axis(axis, a.ndim())?;
    if let Some(keys) = order_keys(a)? {
        return restore_order(sort_by_keys(a, &keys, ax, descending)?, a.dtype());
    }
    if let Some(cmp) = compare_of(a.dtype()) {
        return cmp_sort(a, cmp, ax, kind.is_stable(), descending);
    }
    let src = native(a)?;
    let k = kernels_for(src.dtype())?;
    let out = fresh(a.shape(), src.dtype())?;
    if a.size() == 0 {
        return restore_order(out, a.dtype());
    }
    sort_lanes(&src, &out, ax, &k, kind.is_stable(), descending)?;
    restore_order(out, a.dtype())
}

fn restore_order(out: Array, dtype: DType) -> Result<Array> {
    if out.dtype() == dtype {
        Ok(out)
    } else {
        iter::copy_as(&out, dtype, Order::C)
    }
}

/// Sort `a` in place along `axis` (the method `ndarray.sort`).
///
/// # Errors
/// As [`sort`], and `ValueError` for a read-only array.
pub fn sort_inplace(a: &Array, axis: isize, kind: SortKind, descending: bool) -> Result<()> {
    let ax = normalize_axis(axis, a.ndim())?;
    a.check_writeable()?;
    if a.size() == 0 {
        return Ok(());
    }
    if !a.dtype().is_native() || order_as(a.dtype()).is_some() || compare_of(a.dtype()).is_some() {
        let s = sort(a, axis, kind, descending)?;
        return iter::copy_into(a, &s);
    }
    let k = kernels_for(a.dtype())?;
    sort_lanes(a, a, ax, &k, kind.is_stable(), descending)
}

/// Write `v` to the int64 lane at `p` with byte stride `s`.
///
/// # Safety
/// `v.len()` int64 elements at `p + i*s` must be writable.
unsafe fn write_i64(v: &[i64], p: *mut u8, s: isize) {
    for (i, &x) in v.iter().enumerate() {
        // SAFETY: forwarded from the caller.
        unsafe { (p.wrapping_offset(i as isize * s) as *mut i64).write_unaligned(x) };
    }
}

/// The indices that sort `a` along `axis` (int64, `a`'s shape). Stable for every kind.
///
/// # Errors
/// As [`sort`].
pub fn argsort(a: &Array, axis: isize, kind: SortKind, descending: bool) -> Result<Array> {
    if let Some(keys) = order_keys(a)? {
        return argsort(&keys, axis, kind, descending);
    }
    let ax = normalize_axis(axis, a.ndim())?;
    if let Some(cmp) = compare_of(a.dtype()) {
        return cmp_argsort(a, cmp, ax, kind.is_stable(), descending);
    }
    let src = native(a)?;
    let k = kernels_for(src.dtype())?;
    let out = fresh(a.shape(), Builtin::Int64.dtype())?;
    if a.size() == 0 {
        return Ok(out);
    }
    let n = a.shape()[ax];
    let (ss, os) = (src.strides()[ax], out.strides()[ax]);
    let mut buf = vec![0i64; n];
    for_each_lane(
        a.shape(),
        ax,
        src.data_ptr(),
        src.strides(),
        out.data_ptr(),
        out.strides(),
        |p, o, _| {
            // SAFETY: invariant 1 of `src`: the lane is inside its storage.
            unsafe { (k.argsort)(p, ss, n, kind.is_stable(), &mut buf) };
            if descending {
                let order = descending_order(&k, n, |i| {
                    p.wrapping_offset(buf[i] as isize * ss) as *const u8
                });
                let perm: Vec<i64> = order.iter().map(|&i| buf[i]).collect();
                buf.copy_from_slice(&perm);
            }
            // SAFETY: `out` is fresh, C-ordered, of the same shape: the lane is inside it.
            unsafe { write_i64(&buf, o, os) };
            Ok(())
        },
    )?;
    Ok(out)
}

/// Normalise `kth` against an axis of length `n`: negative values count from the end;
/// the result is ascending without repeats.
///
/// # Errors
/// `ValueError("kth(=K) out of bounds (N)")`, NumPy's message.
pub fn normalize_kth(kth: &[isize], n: usize) -> Result<Vec<usize>> {
    let mut out = Vec::with_capacity(kth.len());
    for &k in kth {
        let kk = if k < 0 { k + n as isize } else { k };
        if kk < 0 || kk >= n as isize {
            return Err(Error::value(format!("kth(={k}) out of bounds ({n})")));
        }
        out.push(kk as usize);
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// [`normalize_kth`] for `a` along axis `ax`: an empty array takes any `kth`, as NumPy
/// checks the bounds only when there is something to partition.
fn kth_of(a: &Array, ax: usize, kth: &[isize]) -> Result<Vec<usize>> {
    if a.size() == 0 {
        return Ok(Vec::new());
    }
    normalize_kth(kth, a.shape()[ax])
}

/// A copy of `a` partitioned along `axis` so that every `kth` element is where a full
/// sort puts it, not larger elements before and not smaller after (NumPy's
/// `np.partition`; the order inside the parts is unspecified, as in NumPy).
///
/// # Errors
/// `kth` out of bounds (`ValueError`), `AxisError`, `TypeError`.
pub fn partition(a: &Array, kth: &[isize], axis: isize) -> Result<Array> {
    if let Some(keys) = order_keys(a)? {
        let ax = normalize_axis(axis, a.ndim())?;
        kth_of(a, ax, kth)?;
        return restore_order(sort_by_keys(a, &keys, ax, false)?, a.dtype());
    }
    if let Some(cmp) = compare_of(a.dtype()) {
        // NumPy has no partition functions for these: it sorts (`npy_quicksort`).
        let ax = normalize_axis(axis, a.ndim())?;
        kth_of(a, ax, kth)?;
        return cmp_sort(a, cmp, ax, false, false);
    }
    let out = iter::copy_as(a, a.dtype().to_native(), Order::C)?;
    partition_inplace(&out, kth, axis)?;
    restore_order(out, a.dtype())
}

/// [`partition`] in place (the method `ndarray.partition`).
///
/// # Errors
/// As [`partition`], and `ValueError` for a read-only array.
pub fn partition_inplace(a: &Array, kth: &[isize], axis: isize) -> Result<()> {
    let ax = normalize_axis(axis, a.ndim())?;
    let n = a.shape()[ax];
    let kth = kth_of(a, ax, kth)?;
    a.check_writeable()?;
    if a.size() == 0 {
        return Ok(());
    }
    if !a.dtype().is_native() || order_as(a.dtype()).is_some() || compare_of(a.dtype()).is_some() {
        let p = partition(
            a,
            &kth.iter().map(|&k| k as isize).collect::<Vec<_>>(),
            axis,
        )?;
        return iter::copy_into(a, &p);
    }
    let k = kernels_for(a.dtype())?;
    let s = a.strides()[ax];
    for_each_lane(
        a.shape(),
        ax,
        a.data_ptr(),
        a.strides(),
        a.data_ptr(),
        a.strides(),
        |p, _, _| {
            // SAFETY: invariant 1 and 3: the lane is inside the writeable storage.
            unsafe { (k.partition)(p, s, p, s, n, &kth) };
            Ok(())
        },
    )
}

/// The indices that partition `a` along `axis` (NumPy's `np.argpartition`), int64.
///
/// # Errors
/// As [`partition`].
pub fn argpartition(a: &Array, kth: &[isize], axis: isize) -> Result<Array> {
    let ax = normalize_axis(axis, a.ndim())?;
    let n = a.shape()[ax];
    let kth = kth_of(a, ax, kth)?;
    if let Some(keys) = order_keys(a)? {
        return argsort(&keys, axis, SortKind::Stable, false);
    }
    if let Some(cmp) = compare_of(a.dtype()) {
        // NumPy: `npy_aquicksort` for dtypes without argpartition functions.
        return cmp_argsort(a, cmp, ax, false, false);
    }
    let src = native(a)?;
    let k = kernels_for(src.dtype())?;
    let out = fresh(a.shape(), Builtin::Int64.dtype())?;
    if a.size() == 0 {
        return Ok(out);
    }
    let (ss, os) = (src.strides()[ax], out.strides()[ax]);
    let mut buf = vec![0i64; n];
    for_each_lane(
        a.shape(),
        ax,
        src.data_ptr(),
        src.strides(),
        out.data_ptr(),
        out.strides(),
        |p, o, _| {
            // SAFETY: invariant 1 of `src` and of the fresh `out`.
            unsafe {
                (k.argpartition)(p, ss, n, &kth, &mut buf);
                write_i64(&buf, o, os);
            }
            Ok(())
        },
    )?;
    Ok(out)
}

/// NumPy's `np.lexsort`: the stable sort by several keys, the LAST key primary, along
/// `axis` (int64, the keys' common shape).
///
/// # Errors
/// `TypeError` for no keys, `ValueError` when the shapes differ, `AxisError`.
pub fn lexsort(keys: &[Array], axis: isize) -> Result<Array> {
    let first = keys
        .first()
        .ok_or_else(|| Error::type_("need sequence of keys with len > 0 in lexsort"))?;
    let shape = Shape::from_slice(first.shape());
    if keys.iter().any(|k| k.shape() != shape.as_slice()) {
        return Err(Error::value("all keys need to be the same shape"));
    }
    if shape.is_empty() {
        // NumPy: 0-d keys sort to the index array `0`.
        let out = Array::zeros(&[], Builtin::Int64.dtype(), Order::C)?;
        return Ok(out);
    }
    let ax = normalize_axis(axis, shape.len())?;
    let natives: Vec<Array> = keys
        .iter()
        .map(|k| order_keys(k)?.map_or_else(|| native(k), Ok))
        .collect::<Result<_>>()?;
    // Each key's order: its kernels, or (compare route) its comparison.
    let ks: Vec<std::result::Result<SortKernels, CompareFn>> = natives
        .iter()
        .map(|a| match compare_of(a.dtype()) {
            Some(c) => Ok(Err(c)),
            None => kernels_for(a.dtype()).map(Ok),
        })
        .collect::<Result<_>>()?;
    let out = fresh(&shape, Builtin::Int64.dtype())?;
    if out.size() == 0 {
        return Ok(out);
    }
    let n = shape[ax];
    let os = out.strides()[ax];
    // Lane offsets of each key, visited with the output's lanes.
    let mut perm = vec![0i64; n];
    let mut step = vec![0i64; n];
    let mut gathered: Vec<u8> = Vec::new();
    let mut lane_no = 0usize;
    let dims: Vec<usize> = (0..shape.len()).filter(|&d| d != ax).collect();
    for_each_lane(
        &shape,
        ax,
        out.data_ptr(),
        out.strides(),
        out.data_ptr(),
        out.strides(),
        |o, _, _| {
            // The lane's multi-index, from its number in C order of the other axes.
            let mut rem = lane_no;
            let mut idx = vec![0usize; dims.len()];
            for j in (0..dims.len()).rev() {
                idx[j] = rem % shape[dims[j]];
                rem /= shape[dims[j]];
            }
            lane_no += 1;
            for (i, p) in perm.iter_mut().enumerate() {
                *p = i as i64;
            }
            for (key, k) in natives.iter().zip(&ks) {
                let isz = key.itemsize();
                let base: isize = dims
                    .iter()
                    .zip(&idx)
                    .map(|(&d, &i)| i as isize * key.strides()[d])
                    .sum();
                let s = key.strides()[ax];
                let p0 = key.data_ptr().wrapping_offset(base);
                gathered.resize(n * isz, 0);
                for (j, &pj) in perm.iter().enumerate() {
                    // SAFETY: invariant 1 of `key`: index `pj < n` along the axis is inside.
                    unsafe {
                        std::ptr::copy_nonoverlapping(
                            p0.wrapping_offset(pj as isize * s),
                            gathered.as_mut_ptr().add(j * isz),
                            isz,
                        )
                    };
                }
                match k {
                    // SAFETY: `gathered` holds n contiguous native elements.
                    Ok(k) => unsafe {
                        (k.argsort)(gathered.as_ptr(), isz as isize, n, true, &mut step)
                    },
                    Err(c) => {
                        cmpsort::argsort_lane(key.dtype(), *c, &gathered, &mut step, true)?;
                    }
                }
                let composed: Vec<i64> = step.iter().map(|&j| perm[j as usize]).collect();
                perm.copy_from_slice(&composed);
            }
            // SAFETY: `out` is fresh and C-ordered: the lane is inside it.
            unsafe { write_i64(&perm, o, os) };
            Ok(())
        },
    )?;
    Ok(out)
}

/// NumPy's `np.searchsorted(a, v, side, sorter)`: where to insert each element of `v` into
/// the sorted 1-d `a` (int64, `v`'s shape). Both are compared in their common dtype.
///
/// # Errors
/// `ValueError` when `a` is not 1-d (NumPy's "object too deep / of too small depth"
/// messages), when `sorter` has another length than `a` or an index out of range;
/// `TypeError` for a non-integer sorter (NumPy's message) or no common dtype.
pub fn searchsorted(a: &Array, v: &Array, right: bool, sorter: Option<&Array>) -> Result<Array> {
    match a.ndim() {
        0 => return Err(Error::value("object of too small depth for desired array")),
        1 => {}
        _ => return Err(Error::value("object too deep for desired array")),
    }
    let dt = promote_types(a.dtype(), v.dtype())?.to_native();
    let dt = order_as(dt).unwrap_or(dt);
    let a = if a.dtype() == dt {
        a.clone()
    } else {
        iter::copy_as(a, dt, Order::C)?
    };
    // The needles contiguous in `dt` (no copy when they already are).
    let v = if v.dtype() == dt && v.is_c_contiguous() && v.is_aligned() {
        v.clone()
    } else {
        iter::copy_as(v, dt, Order::C)?
    };
    let cmp = compare_of(dt);
    let k = match cmp {
        Some(_) => None,
        None => Some(kernels_for(dt)?),
    };
    let n = a.shape()[0];
    let sorter_vec: Option<Vec<i64>> = match sorter {
        None => None,
        Some(s) => {
            if !s.dtype().is_integer() && !s.dtype().is_bool() {
                return Err(Error::type_("sorter must only contain integers"));
            }
            if s.ndim() != 1 || s.size() != n {
                return Err(Error::value("sorter.size must equal a.size"));
            }
            let s64 = iter::copy_as(s, Builtin::Int64.dtype(), Order::C)?;
            // SAFETY: `s64` is a fresh contiguous int64 array of n elements.
            let sv =
                unsafe { std::slice::from_raw_parts(s64.data_ptr() as *const i64, n) }.to_vec();
            if sv.iter().any(|&i| i < 0 || i as usize >= n) {
                return Err(Error::value("Sorter index out of range."));
            }
            Some(sv)
        }
    };
    let out = fresh(v.shape(), Builtin::Int64.dtype())?;
    let m = v.size();
    if m == 0 {
        return Ok(out);
    }
    // SAFETY: `out` is a fresh contiguous int64 array of m elements.
    let o = unsafe { std::slice::from_raw_parts_mut(out.data_ptr() as *mut i64, m) };
    let Some(k) = k else {
        let cmp = cmp.ok_or_else(|| Error::type_("searchsorted: no order"))?;
        // SAFETY: invariant 1: `a` is 1-d with n items of `dt` at its stride; `v` holds m
        // contiguous ones; the sorter's indices were checked above.
        return unsafe {
            cmpsort::searchsorted(
                dt,
                cmp,
                a.data_ptr(),
                a.strides()[0],
                n,
                sorter_vec.as_deref(),
                v.data_ptr(),
                m,
                right,
                o,
            )
        }
        .map(|()| out);
    };
    // SAFETY: invariant 1: `a` is 1-d with n elements at its stride; `v` is contiguous.
    unsafe {
        (k.searchsorted)(
            a.data_ptr(),
            a.strides()[0],
            n,
            sorter_vec.as_deref(),
            v.data_ptr(),
            v.itemsize() as isize,
            m,
            right,
            o,
        )
    };
    Ok(out)
}

// ---------------------------------------------------------------------------------
// The compare route: dtypes ordered only by `DTypeOps::compare` (strings, objects).
// ---------------------------------------------------------------------------------

/// The comparison of `dt` when it is ordered only by [`crate::dtype::DTypeOps::compare`]
/// (no sort kernels, no `sort_as`); `None` otherwise.
pub(crate) fn compare_of(dt: DType) -> Option<CompareFn> {
    if kernels_for(dt).is_ok() || dt.ops.sort_as(&dt).is_some() {
        return None;
    }
    dt.ops.compare(&dt)
}

/// A zeroed buffer of `len` elements for one lane of the compare route, backed by huge
/// pages when large (as NumPy's allocations of 4 MiB and more): the sorts read it at
/// random through indices, where 4 KiB pages cost a TLB miss per item.
fn lane_buffer<T: Copy + Default>(len: usize) -> Vec<T> {
    let mut v: Vec<T> = Vec::with_capacity(len);
    // Advised before the first write, so the pages are faulted in as huge ones.
    crate::storage::advise_huge_pages(v.as_mut_ptr() as *mut u8, len * std::mem::size_of::<T>());
    v.resize(len, T::default());
    v
}

/// Copy the `n` items of the lane at `p` (byte stride `s`) into `buf` (contiguous; byte
/// copies: items holding references are borrowed from the live array, not counted).
///
/// # Safety
/// The lane's items are readable.
unsafe fn gather_lane(p: *const u8, s: isize, n: usize, isz: usize, buf: &mut Vec<u8>) {
    buf.resize(n * isz, 0);
    for i in 0..n {
        // SAFETY: forwarded from the caller; `buf` holds n items.
        unsafe {
            std::ptr::copy_nonoverlapping(
                p.wrapping_offset(i as isize * s),
                buf.as_mut_ptr().add(i * isz),
                isz,
            )
        };
    }
}

/// The positions of a stably sorted lane (`perm`, the comparison of its items `v`) in
/// descending order: the runs of equal items taken last to first, each kept in order.
fn cmp_descending(v: &cmpsort::Items<'_>, perm: &mut [i64]) -> Result<()> {
    let n = perm.len();
    let mut out = Vec::with_capacity(n);
    let mut end = n;
    while end > 0 {
        let mut start = end - 1;
        while start > 0 && v.cmp(perm[start - 1], perm[end - 1])? == std::cmp::Ordering::Equal {
            start -= 1;
        }
        out.extend_from_slice(&perm[start..end]);
        end = start;
    }
    perm.copy_from_slice(&out);
    Ok(())
}

/// For every lane of `a` along `ax`: the permutation that sorts it (NumPy's generic
/// index sorts, see [`cmpsort`]), handed to `f(lane_ptr, perm, lane_number)`.
fn cmp_lanes(
    a: &Array,
    cmp: CompareFn,
    ax: usize,
    stable: bool,
    descending: bool,
    mut f: impl FnMut(*mut u8, &[i64], usize) -> Result<()>,
) -> Result<()> {
    let n = a.shape()[ax];
    let s = a.strides()[ax];
    let isz = a.itemsize();
    let mut buf = lane_buffer::<u8>(n * isz);
    let mut perm = lane_buffer::<i64>(n);
    for_each_lane(
        a.shape(),
        ax,
        a.data_ptr(),
        a.strides(),
        a.data_ptr(),
        a.strides(),
        |p, _, lane| {
            // SAFETY: invariant 1 of `a`: the lane is inside its storage.
            unsafe { gather_lane(p, s, n, isz, &mut buf) };
            cmpsort::argsort_lane(a.dtype(), cmp, &buf, &mut perm, stable || descending)?;
            if descending {
                cmp_descending(&cmpsort::Items::new(a.dtype(), cmp, &buf), &mut perm)?;
            }
            f(p, &perm, lane)
        },
    )
}

/// [`argsort`] on the compare route.
fn cmp_argsort(
    a: &Array,
    cmp: CompareFn,
    ax: usize,
    stable: bool,
    descending: bool,
) -> Result<Array> {
    let out = fresh(a.shape(), Builtin::Int64.dtype())?;
    if a.size() == 0 {
        return Ok(out);
    }
    let os = out.strides()[ax];
    let ostr = out.strides().to_vec();
    let keep: Vec<usize> = (0..a.ndim()).filter(|&d| d != ax).collect();
    cmp_lanes(a, cmp, ax, stable, descending, |_, perm, lane| {
        let o = lane_ptr(&out, &ostr, &keep, lane);
        // SAFETY: `out` is fresh, C-ordered, of `a`'s shape: the lane is inside it.
        unsafe { write_i64(perm, o, os) };
        Ok(())
    })?;
    Ok(out)
}

/// The address of lane number `lane` (C order over the axes `keep`) of `out`.
fn lane_ptr(out: &Array, strides: &[isize], keep: &[usize], lane: usize) -> *mut u8 {
    let mut rem = lane;
    let mut off = 0isize;
    for &d in keep.iter().rev() {
        let len = out.shape()[d];
        off += (rem % len) as isize * strides[d];
        rem /= len;
    }
    out.data_ptr().wrapping_offset(off)
}

/// [`sort`] on the compare route: each lane's items gathered in the sorted order (as
/// moves, so items holding references are counted), `a`'s dtype kept.
fn cmp_sort(a: &Array, cmp: CompareFn, ax: usize, stable: bool, descending: bool) -> Result<Array> {
    // SAFETY: every element is written below (each lane fully) before `adopted`.
    let out = unsafe { Array::for_moves(a.shape(), a.dtype(), Order::C)? };
    if a.size() == 0 {
        return Ok(out.adopted());
    }
    let (s, os) = (a.strides()[ax], out.strides()[ax]);
    let isz = a.itemsize();
    let ostr = out.strides().to_vec();
    let keep: Vec<usize> = (0..a.ndim()).filter(|&d| d != ax).collect();
    if cmpsort::sorts_values(a.dtype()) {
        // Items equal only when they are the same value: NumPy's value sort (any sort
        // leaves the same values, stable or not), reversed for `descending`.
        let n = a.shape()[ax];
        let mut buf = lane_buffer::<u8>(n * isz);
        return for_each_lane(
            a.shape(),
            ax,
            a.data_ptr(),
            a.strides(),
            a.data_ptr(),
            a.strides(),
            |p, _, lane| {
                // SAFETY: invariant 1 of `a`: the lane is inside its storage.
                unsafe { gather_lane(p, s, n, isz, &mut buf) };
                cmpsort::sort_values(a.dtype(), cmp, &mut buf)?;
                let o = lane_ptr(&out, &ostr, &keep, lane);
                for j in 0..n {
                    let i = if descending { n - 1 - j } else { j };
                    // SAFETY: item `j` of the fresh destination lane is writable; `buf`
                    // holds n items.
                    unsafe {
                        std::ptr::copy_nonoverlapping(
                            buf.as_ptr().add(i * isz),
                            o.wrapping_offset(j as isize * os),
                            isz,
                        )
                    };
                }
                Ok(())
            },
        )
        .map(|()| out.adopted());
    }
    cmp_lanes(a, cmp, ax, stable, descending, |p, perm, lane| {
        let o = lane_ptr(&out, &ostr, &keep, lane);
        for (j, &i) in perm.iter().enumerate() {
            // SAFETY: item `i < n` of the source lane is readable, item `j` of the fresh
            // destination lane writable.
            unsafe {
                std::ptr::copy_nonoverlapping(
                    p.wrapping_offset(i as isize * s),
                    o.wrapping_offset(j as isize * os),
                    isz,
                )
            };
        }
        Ok(())
    })?;
    Ok(out.adopted())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtype::Scalar;

    fn f64s(v: &[f64]) -> Array {
        let a = Array::zeros(&[v.len()], Builtin::Float64.dtype(), Order::C).unwrap();
        for (i, &x) in v.iter().enumerate() {
            a.set(&[i], &Scalar::Float(x)).unwrap();
        }
        a
    }

    fn ints(a: &Array) -> Vec<i64> {
        (0..a.size())
            .map(|i| match a.get(&[i]) {
                Scalar::Int(v) => v,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn argsort_ascending_and_descending_keep_nan_last_and_ties_stable() {
        let a = f64s(&[2.0, f64::NAN, 1.0, 2.0, -0.0, 0.0, f64::NAN]);
        let asc = argsort(&a, 0, SortKind::Stable, false).unwrap();
        assert_eq!(ints(&asc), vec![4, 5, 2, 0, 3, 1, 6]);
        let desc = argsort(&a, -1, SortKind::QuickSort, true).unwrap();
        assert_eq!(ints(&desc), vec![0, 3, 2, 4, 5, 1, 6]);
    }

    #[test]
    fn kth_out_of_bounds_names_kth_and_length() {
        let e = normalize_kth(&[5], 5).unwrap_err();
        assert_eq!(e.message(), "kth(=5) out of bounds (5)");
        assert_eq!(normalize_kth(&[-1, 0, 4], 5).unwrap(), vec![0, 4]);
    }

    #[test]
    fn lexsort_last_key_primary() {
        let k0 = f64s(&[1.0, 2.0, 1.0]);
        let k1 = f64s(&[0.0, 0.0, 1.0]);
        assert_eq!(ints(&lexsort(&[k0, k1], -1).unwrap()), vec![0, 1, 2]);
    }
}
