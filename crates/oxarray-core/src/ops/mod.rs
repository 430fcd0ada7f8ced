//! Operations on arrays: layout manipulation (views), conversion, creation, indexing.

pub mod argreduce;
pub(crate) mod cmpsort;
pub mod creation;
pub mod diag;
pub mod histogram;
pub mod index;
pub mod join;
pub mod products;
pub mod rearrange;
pub mod select;
pub mod set;
pub mod sort;
pub mod stats;
pub mod text;

use smallvec::SmallVec;

use crate::array::Array;
use crate::dtype::{can_cast, Casting, DType};
use crate::error::{normalize_axis, Error, Result};
use crate::iter;
use crate::layout::{self, fmt_shape, Order, Shape, Strides};

/// Resolve a requested shape that may contain one `-1` for an array of `size` elements.
///
/// # Errors
/// `ValueError` naming the size and the requested shape when they do not match.
pub fn resolve_shape(size: usize, requested: &[isize]) -> Result<Shape> {
    let mut unknown = None;
    let mut known: usize = 1;
    for (i, &d) in requested.iter().enumerate() {
        if d == -1 {
            if unknown.is_some() {
                return Err(Error::value("can only specify one unknown dimension"));
            }
            unknown = Some(i);
        } else if d < 0 {
            return Err(Error::value("negative dimensions not allowed"));
        } else {
            known = known.saturating_mul(d as usize);
        }
    }
    let shown = || {
        let s: Vec<String> = requested.iter().map(|d| d.to_string()).collect();
        if s.len() == 1 {
            format!("({},)", s[0])
        } else {
            format!("({})", s.join(", "))
        }
    };
    let mut shape: Shape = requested.iter().map(|&d| d.max(0) as usize).collect();
    match unknown {
        Some(i) => {
            if known == 0 || size % known != 0 {
                return Err(Error::value(format!(
                    "cannot reshape array of size {size} into shape {}",
                    shown()
                )));
            }
            shape[i] = size / known;
        }
        None if known != size => {
            return Err(Error::value(format!(
                "cannot reshape array of size {size} into shape {}",
                shown()
            )));
        }
        None => {}
    }
    Ok(shape)
}

/// Reshape: a view when the layout allows, a copy otherwise. `order` C or F is the order
/// elements are read and placed in (A means F for Fortran-contiguous inputs).
///
/// # Errors
/// `ValueError` naming the size and shape when they do not match.
pub fn reshape(a: &Array, requested: &[isize], order: Order) -> Result<Array> {
    let shape = resolve_shape(a.size(), requested)?;
    layout::nbytes_checked(&shape, a.itemsize())?;
    let fortran = match order {
        Order::F => true,
        Order::A => a.is_f_contiguous() && !a.is_c_contiguous(),
        _ => false,
    };
    reshape_to(a, shape, fortran)
}

/// Reshape to a resolved `shape` (same size), reading in C or Fortran order. Strides follow
/// NumPy's `PyArray_Newshape`: the same shape keeps the strides; an array contiguous in the
/// reading order gets fresh contiguous strides; otherwise `_attempt_nocopy_reshape`, and a
/// copy when that fails.
fn reshape_to(a: &Array, shape: Shape, fortran: bool) -> Result<Array> {
    if shape.as_slice() == a.shape() {
        return Ok(a.clone());
    }
    let contiguous = if fortran {
        a.is_f_contiguous()
    } else {
        a.is_c_contiguous()
    };
    let fresh = |shape: &[usize]| {
        if fortran {
            layout::f_strides(shape, a.itemsize())
        } else {
            layout::c_strides(shape, a.itemsize())
        }
    };
    if contiguous {
        let strides = fresh(&shape);
        // SAFETY: a contiguous array re-read in its own order with the same size addresses
        // the same elements; for an empty array no element is addressed.
        return Ok(unsafe { a.view_unchecked(0, shape, strides) });
    }
    if let Some(strides) =
        layout::reshape_strides(a.shape(), a.strides(), &shape, a.itemsize(), fortran)
    {
        // SAFETY: reshape_strides keeps every element at the address it had (same element
        // set, re-indexed), so invariant 1 carries over.
        return Ok(unsafe { a.view_unchecked(0, shape, strides) });
    }
    // Copy in the reading order, then view the contiguous copy.
    let copy = iter::copy_of(a, if fortran { Order::F } else { Order::C })?;
    let strides = fresh(&shape);
    // SAFETY: the copy is contiguous in the reading order with the same size.
    Ok(unsafe { copy.view_unchecked(0, shape, strides) })
}

/// Permute the axes: result axis `k` is input axis `axes[k]`.
///
/// # Errors
/// `ValueError` when `axes` is not a permutation, `AxisError` for an axis out of range.
pub fn permute_dims(a: &Array, axes: &[usize]) -> Result<Array> {
    let mut v = a.clone();
    v.permute_axes_in_place(axes)?;
    Ok(v)
}

/// Normalise a list of possibly negative axes.
///
/// # Errors
/// `AxisError` for an axis out of range.
pub fn normalize_axes(axes: &[isize], ndim: usize) -> Result<Vec<usize>> {
    axes.iter().map(|&ax| normalize_axis(ax, ndim)).collect()
}

/// `transpose(axes)`: `None` reverses the axes.
///
/// # Errors
/// As [`permute_dims`].
pub fn transpose(a: &Array, axes: Option<&[isize]>) -> Result<Array> {
    match axes {
        None => {
            let perm: Vec<usize> = (0..a.ndim()).rev().collect();
            permute_dims(a, &perm)
        }
        Some(axes) => {
            if axes.len() != a.ndim() {
                return Err(Error::value("axes don't match array"));
            }
            permute_dims(a, &normalize_axes(axes, a.ndim())?)
        }
    }
}

/// Swap two axes.
///
/// # Errors
/// `AxisError` for an axis out of range.
pub fn swapaxes(a: &Array, i: isize, j: isize) -> Result<Array> {
    let (i, j) = (normalize_axis(i, a.ndim())?, normalize_axis(j, a.ndim())?);
    let mut perm: Vec<usize> = (0..a.ndim()).collect();
    perm.swap(i, j);
    permute_dims(a, &perm)
}

/// Move axes `source` to positions `destination`, keeping the others in order.
///
/// # Errors
/// `ValueError` when the lists differ in length or repeat an axis; `AxisError` when out of
/// range.
pub fn moveaxis(a: &Array, source: &[isize], destination: &[isize]) -> Result<Array> {
    let nd = a.ndim();
    let src = normalize_axes(source, nd)?;
    let dst = normalize_axes(destination, nd)?;
    if src.len() != dst.len() {
        return Err(Error::value(
            "`source` and `destination` arguments must have the same number of elements",
        ));
    }
    for list in [&src, &dst] {
        let mut s = list.clone();
        s.sort_unstable();
        s.dedup();
        if s.len() != list.len() {
            return Err(Error::value("repeated axis in `source` argument"));
        }
    }
    let mut order: Vec<usize> = (0..nd).filter(|n| !src.contains(n)).collect();
    let mut pairs: Vec<(usize, usize)> = dst.iter().copied().zip(src.iter().copied()).collect();
    pairs.sort_unstable();
    for (d, s) in pairs {
        order.insert(d, s);
    }
    permute_dims(a, &order)
}

/// Remove axes of length one (`None`: all of them). Like NumPy, a 0-d array accepts axis
/// `0` or `-1` (and ignores it).
///
/// # Errors
/// `ValueError` when a selected axis is not of length one; `AxisError` out of range.
pub fn squeeze(a: &Array, axes: Option<&[isize]>) -> Result<Array> {
    let nd = a.ndim();
    let drop: Vec<bool> = match axes {
        None => a.shape().iter().map(|&n| n == 1).collect(),
        Some(axes) => {
            let mut d = vec![false; nd];
            for &ax in axes {
                if nd == 0 && (ax == 0 || ax == -1) {
                    continue;
                }
                let ax = normalize_axis(ax, nd)?;
                if std::mem::replace(&mut d[ax], true) {
                    return Err(Error::value("duplicate value in 'axis'"));
                }
            }
            for (ax, &dropped) in d.iter().enumerate() {
                if dropped && a.shape()[ax] != 1 {
                    return Err(Error::value(
                        "cannot select an axis to squeeze out which has size not equal to one",
                    ));
                }
            }
            d
        }
    };
    let shape: Shape = (0..nd)
        .filter(|&i| !drop[i])
        .map(|i| a.shape()[i])
        .collect();
    let strides: Strides = (0..nd)
        .filter(|&i| !drop[i])
        .map(|i| a.strides()[i])
        .collect();
    // SAFETY: removing length-one axes addresses the same elements.
    Ok(unsafe { a.view_unchecked(0, shape, strides) })
}

/// Insert axes of length one at `axes` (positions in the result). NumPy implements this as
/// a reshape, so the new axes get the strides a reshape gives them (not 0).
///
/// # Errors
/// `AxisError` out of range; `ValueError` for a repeated axis.
pub fn expand_dims(a: &Array, axes: &[isize]) -> Result<Array> {
    let out_nd = a.ndim() + axes.len();
    let mut pos = normalize_axes(axes, out_nd)?;
    pos.sort_unstable();
    if pos.windows(2).any(|w| w[0] == w[1]) {
        return Err(Error::value("repeated axis"));
    }
    let mut shape = Shape::new();
    let mut src = 0;
    for k in 0..out_nd {
        if pos.binary_search(&k).is_ok() {
            shape.push(1);
        } else {
            shape.push(a.shape()[src]);
            src += 1;
        }
    }
    // Inserting length-one axes never needs a copy.
    reshape_to(a, shape, false)
}

/// Prepend length-one axes up to `ndmin` dimensions, with the strides NumPy's
/// `_prepend_ones` gives them.
pub fn prepend_ones(a: &Array, ndmin: usize) -> Array {
    if a.ndim() >= ndmin {
        return a.clone();
    }
    let fortran = a.is_f_contiguous() && !a.is_c_contiguous();
    let stride = if fortran || a.ndim() == 0 {
        a.itemsize() as isize
    } else {
        a.strides()[0] * a.shape()[0] as isize
    };
    let k = ndmin - a.ndim();
    let mut shape = Shape::from_elem(1, k);
    shape.extend_from_slice(a.shape());
    let mut strides = Strides::from_elem(stride, k);
    strides.extend_from_slice(a.strides());
    // SAFETY: length-one axes address no new elements.
    unsafe { a.view_unchecked(0, shape, strides) }
}

/// A read-only view of `a` broadcast to `shape`.
///
/// # Errors
/// `ValueError` naming both shapes when `a` does not broadcast to `shape`.
pub fn broadcast_to(a: &Array, shape: &[usize]) -> Result<Array> {
    // NumPy's limits: the element count must fit an intp, then the bytes.
    shape
        .iter()
        .try_fold(1usize, |n, &d| {
            n.checked_mul(d).filter(|&v| v <= isize::MAX as usize)
        })
        .ok_or_else(|| Error::value("iterator is too large"))?;
    layout::nbytes_checked(shape, a.itemsize())?;
    let strides = layout::broadcast_strides(a.shape(), a.strides(), shape).map_err(|_| {
        Error::value(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {}  and requested shape {}",
            fmt_shape(a.shape()),
            fmt_shape(shape)
        ))
    })?;
    // SAFETY: broadcast strides revisit existing elements (zero stride on new axes).
    let mut v = unsafe { a.view_unchecked(0, Shape::from_slice(shape), strides) };
    v.set_writeable(false)?;
    Ok(v)
}

/// Views of all inputs broadcast to their common shape (read-only where broadcasting
/// repeated elements, like NumPy's).
///
/// # Errors
/// `ValueError` naming the shapes when they do not broadcast.
pub fn broadcast_arrays(arrays: &[Array]) -> Result<Vec<Array>> {
    let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape()).collect();
    let shape = layout::broadcast_shapes(&shapes)?;
    arrays
        .iter()
        .map(|a| {
            if a.shape() == shape.as_slice() {
                Ok(a.clone())
            } else {
                broadcast_to(a, &shape)
            }
        })
        .collect()
}

/// Reverse the order of elements along `axes` (`None`: all axes).
///
/// # Errors
/// `AxisError` out of range, `ValueError` for a repeated axis.
pub fn flip(a: &Array, axes: Option<&[isize]>) -> Result<Array> {
    let sel: Vec<usize> = match axes {
        None => (0..a.ndim()).collect(),
        Some(ax) => normalize_axes(ax, a.ndim())?,
    };
    let mut seen = vec![false; a.ndim()];
    for &ax in &sel {
        if std::mem::replace(&mut seen[ax], true) {
            return Err(Error::value("repeated axis"));
        }
    }
    let mut strides = Strides::from_slice(a.strides());
    let mut off = 0isize;
    for &ax in &sel {
        let n = a.shape()[ax];
        if n > 0 {
            off += (n as isize - 1) * strides[ax];
        }
        strides[ax] = -strides[ax];
    }
    // SAFETY: index i along a flipped axis is index n-1-i of the original.
    Ok(unsafe { a.view_unchecked(off, Shape::from_slice(a.shape()), strides) })
}

/// A contiguous 1-d array of the elements (NumPy's `PyArray_Ravel`): a view when the
/// elements already lie contiguously in the requested order, else a copy. K reads in
/// memory order: axes sorted by decreasing |stride| (stable), each in index order.
///
/// # Errors
/// `MemoryError` when a copy cannot be allocated.
pub fn ravel(a: &Array, order: Order) -> Result<Array> {
    let order = match order {
        Order::K if a.is_c_contiguous() => Order::C,
        Order::K if a.is_f_contiguous() => Order::F,
        Order::A if a.is_f_contiguous() && !a.is_c_contiguous() => Order::F,
        Order::A => Order::C,
        o => o,
    };
    let n: Shape = smallvec::smallvec![a.size()];
    let flat_strides: Strides = smallvec::smallvec![a.itemsize() as isize];
    match order {
        Order::C if a.is_c_contiguous() => return reshape_to(a, n, false),
        Order::F if a.is_f_contiguous() => return reshape_to(a, n, true),
        Order::K => {
            let p = permute_dims(a, &stride_order(a))?;
            let mut expect = a.itemsize() as isize;
            let fits = (0..p.ndim()).rev().all(|i| {
                let d = p.shape()[i];
                if d == 1 {
                    return true;
                }
                let ok = p.strides()[i] == expect;
                expect *= d as isize;
                ok
            });
            if fits {
                // SAFETY: the elements, read in K order, are consecutive items from the
                // data pointer on (checked above), so one stride of itemsize reaches them.
                return Ok(unsafe { p.view_unchecked(0, n, flat_strides) });
            }
        }
        _ => {}
    }
    flatten(a, order)
}

/// A new contiguous 1-d copy of the elements read in `order` (NumPy's `PyArray_Flatten`).
///
/// # Errors
/// `MemoryError` when the copy cannot be allocated.
pub fn flatten(a: &Array, order: Order) -> Result<Array> {
    let src = match order {
        Order::F => transpose(a, None)?,
        Order::A if a.is_f_contiguous() && !a.is_c_contiguous() => transpose(a, None)?,
        Order::K if !a.is_c_contiguous() => {
            if a.is_f_contiguous() {
                transpose(a, None)?
            } else {
                permute_dims(a, &stride_order(a))?
            }
        }
        _ => a.clone(),
    };
    // SAFETY: `copy_into` below writes all `size` elements (same shape, no broadcast).
    let out = unsafe { Array::for_moves(&[a.size()], a.dtype(), Order::C)? };
    let strides = layout::c_strides(src.shape(), a.itemsize());
    // SAFETY: `out` is a fresh contiguous array of `size` elements; viewing it with C
    // strides of `src`'s shape (same size) addresses exactly those elements.
    let dst = unsafe { out.view_unchecked(0, Shape::from_slice(src.shape()), strides) };
    iter::copy_into(&dst, &src)?;
    Ok(out.adopted())
}

/// Axes sorted by decreasing absolute stride (stable, like NumPy's
/// `PyArray_CreateSortedStridePerm`).
pub fn stride_order(a: &Array) -> Vec<usize> {
    iter::stride_perm(a.strides())
}

/// `astype`: convert to `dtype` under `casting`; returns `None` when `copy` is false and no
/// conversion or re-layout is needed (the caller returns the input itself).
///
/// # Errors
/// `TypeError` naming both dtypes and the rule when the cast is not allowed.
pub fn astype(
    a: &Array,
    dtype: DType,
    casting: Casting,
    order: Order,
    copy: bool,
) -> Result<Option<Array>> {
    if !can_cast(a.dtype(), dtype, casting) {
        return Err(Error::type_(format!(
            "Cannot cast array data from dtype('{}') to dtype('{}') according to the rule '{}'",
            a.dtype(),
            dtype,
            casting.as_str()
        )));
    }
    let layout_ok = match order {
        Order::C => a.is_c_contiguous(),
        Order::F => a.is_f_contiguous(),
        Order::A | Order::K => true,
    };
    if !copy && a.dtype() == dtype && a.dtype().str() == dtype.str() && layout_ok {
        return Ok(None);
    }
    iter::copy_as(a, dtype, order).map(Some)
}

/// View the same memory as another dtype (`ndarray.view(dtype)`); the last axis scales when
/// the item size changes.
///
/// # Errors
/// `ValueError` with NumPy's messages when the sizes or layout do not allow it;
/// `TypeError` to or from a dtype whose items hold references (object, StringDType),
/// except the same dtype.
pub fn view_as(a: &Array, dtype: DType) -> Result<Array> {
    if (a.dtype().flags | dtype.flags) & crate::dtype::flags::HAS_REFS != 0 && a.dtype() != dtype {
        // Items holding references are live objects: other bytes read as them would be
        // dangling (NumPy's refusal, for object and StringDType alike).
        return Err(Error::type_(
            "Cannot change data-type for array of references.",
        ));
    }
    let (old, new) = (a.itemsize(), dtype.itemsize);
    if old == new {
        return a.with_dtype(dtype);
    }
    if a.ndim() == 0 {
        return Err(Error::value(
            "Changing the dtype of a 0d array is only supported if the itemsize is unchanged",
        ));
    }
    let last = a.ndim() - 1;
    if a.shape()[last] != 1 && a.strides()[last] != old as isize && a.size() != 0 {
        return Err(Error::value(
            "To change to a dtype of a different size, the last axis must be contiguous",
        ));
    }
    let bytes = a.shape()[last] * old;
    if new < old && old % new != 0 || new > old && bytes % new != 0 {
        return Err(Error::value(if new < old {
            "When changing to a smaller dtype, its size must be a divisor of the size of original dtype"
        } else {
            "When changing to a larger dtype, its size must be a divisor of the total size in bytes of the last axis of the array."
        }));
    }
    let mut shape = Shape::from_slice(a.shape());
    let mut strides = Strides::from_slice(a.strides());
    shape[last] = bytes / new;
    strides[last] = new as isize;
    let base = Array::from_parts(
        a.storage().clone(),
        a.offset(),
        shape,
        strides,
        dtype,
        false,
    )?;
    let mut v = base;
    if a.is_writeable() {
        v.set_writeable(true)?;
    }
    Ok(v)
}

/// `ascontiguousarray`-style: `a` itself when already C-contiguous (with at least one
/// dimension), else a C-ordered copy.
///
/// # Errors
/// `MemoryError` when a copy cannot be allocated.
pub fn as_contiguous(a: &Array, fortran: bool) -> Result<Option<Array>> {
    let ok = if fortran {
        a.is_f_contiguous()
    } else {
        a.is_c_contiguous()
    };
    if ok {
        return Ok(None);
    }
    iter::copy_of(a, if fortran { Order::F } else { Order::C }).map(Some)
}

/// Shape of the result of broadcasting `shapes` (re-exported for convenience).
///
/// # Errors
/// `ValueError` naming the shapes.
pub fn broadcast_shapes(shapes: &[&[usize]]) -> Result<SmallVec<[usize; 4]>> {
    let out = layout::broadcast_shapes(shapes)?;
    out.iter()
        .try_fold(1usize, |n, &d| {
            n.checked_mul(d).filter(|&v| v <= isize::MAX as usize)
        })
        .ok_or_else(|| Error::value("broadcast dimensions too large."))?;
    Ok(out)
}
