//! Rearranging elements into new arrays: `repeat`, `tile`, `roll`, and the centre copy of
//! `pad`. Each is one pass over memory through the dtype-agnostic copy machinery (item
//! size only, never a per-dtype `match`).
//!
//! - [`repeat`]: the input seen as `outer x n x chunk` (C order, `chunk` = bytes of the
//!   axes after `axis`); each chunk is copied `repeats[i]` times in a row.
//! - [`tile`]: the result seen as `(r0, s0, r1, s1, ...)` and filled by one broadcasting copy
//!   from the input with zero strides on the `r` axes; then viewed as `(r0*s0, r1*s1, ...)`.
//! - [`roll`]: at most two block copies per rolled axis (every combination of the pieces).
//! - [`pad_simple`]: the padded array with the input in its centre and zeroed borders (the
//!   pad modes, composed in Python as NumPy's, then overwrite the borders).

use crate::array::Array;
use crate::error::{normalize_axis, Error, Result};
use crate::iter;
use crate::layout::{self, Order, Shape, Strides};

/// Repeat elements: each element (or sub-array along `axis`) `i` appears `repeats[i]`
/// times (one value: all of them). `axis == None` works on the flattened array.
///
/// # Errors
/// `ValueError` when `repeats` neither has one value nor one per element along the axis;
/// `AxisError` for a bad axis.
pub fn repeat(a: &Array, repeats: &[usize], axis: Option<isize>) -> Result<Array> {
    let (src, axis) = match axis {
        None => (super::ravel(a, Order::C)?, 0),
        Some(ax) => {
            let nd = a.ndim().max(1);
            let ax = normalize_axis(ax, nd)?;
            let src = if a.ndim() == 0 {
                super::prepend_ones(a, 1)
            } else {
                a.clone()
            };
            (src, ax)
        }
    };
    let n = src.shape()[axis];
    if repeats.len() != 1 && repeats.len() != n {
        return Err(Error::value(format!(
            "operands could not be broadcast together with shape ({n},) ({},)",
            repeats.len()
        )));
    }
    let rep = |i: usize| {
        if repeats.len() == 1 {
            repeats[0]
        } else {
            repeats[i]
        }
    };
    let total = if repeats.len() == 1 {
        repeats[0]
            .checked_mul(n)
            .ok_or_else(|| Error::value("array is too big"))?
    } else {
        repeats
            .iter()
            .try_fold(0usize, |t, &r| t.checked_add(r))
            .ok_or_else(|| Error::value("array is too big"))?
    };
    let mut shape = Shape::from_slice(src.shape());
    shape[axis] = total;
    // SAFETY: the loop below writes every element of `out`: for each outer index the
    // chunks of the n inputs are written sum(repeats) = total times, in order.
    let out = unsafe { Array::for_moves(&shape, src.dtype(), Order::C)? };
    if out.size() == 0 {
        return Ok(out.adopted());
    }
    let src = match super::as_contiguous(&src, false)? {
        Some(c) => c,
        None => src,
    };
    let outer: usize = src.shape()[..axis].iter().product();
    let chunk: usize = src.shape()[axis + 1..].iter().product::<usize>() * src.itemsize();
    let sp = src.data_ptr() as *const u8;
    let mut dp = out.data_ptr();
    // Typed fast path for one item per chunk (the common 1-d case).
    macro_rules! typed {
        ($t:ty) => {{
            let mut s = sp as *const $t;
            let mut d = dp as *mut $t;
            for _ in 0..outer {
                for i in 0..n {
                    // SAFETY: `s` walks the n*outer items of the contiguous source; `d`
                    // the `total*outer` items of the contiguous result.
                    unsafe {
                        let v = s.read_unaligned();
                        for _ in 0..rep(i) {
                            d.write_unaligned(v);
                            d = d.add(1);
                        }
                        s = s.add(1);
                    }
                }
            }
        }};
    }
    match chunk {
        1 => typed!(u8),
        2 => typed!(u16),
        4 => typed!(u32),
        8 => typed!(u64),
        16 => typed!(u128),
        _ => {
            let mut s = sp;
            for _ in 0..outer {
                for i in 0..n {
                    for _ in 0..rep(i) {
                        // SAFETY: as above, whole chunks of bytes.
                        unsafe {
                            std::ptr::copy_nonoverlapping(s, dp, chunk);
                            dp = dp.add(chunk);
                        }
                    }
                    // SAFETY: next chunk of the source (one past the end at most).
                    s = unsafe { s.add(chunk) };
                }
            }
        }
    }
    Ok(out.adopted())
}

/// Tile `a` by `reps` (same length as `a.ndim()`; the caller prepends ones to either).
/// The result is C-contiguous.
///
/// # Errors
/// `ValueError` when the lengths differ or the size overflows.
pub fn tile(a: &Array, reps: &[usize]) -> Result<Array> {
    let nd = a.ndim();
    if reps.len() != nd {
        return Err(Error::value("tile: reps must have one entry per dimension"));
    }
    let out_shape: Shape = a
        .shape()
        .iter()
        .zip(reps)
        .map(|(&s, &r)| s.checked_mul(r))
        .collect::<Option<Shape>>()
        .ok_or_else(|| Error::value("array is too big"))?;
    layout::nbytes_checked(&out_shape, a.itemsize())?;
    // SAFETY: the broadcasting copy below writes every element of the interleaved view,
    // which covers all of `out` (same size, C order).
    let out = unsafe { Array::for_moves(&out_shape, a.dtype(), Order::C)? };
    if out.size() == 0 {
        return Ok(out.adopted());
    }
    let mut ishape = Shape::new();
    let mut src_strides = Strides::new();
    for (k, &r) in reps.iter().enumerate() {
        ishape.push(r);
        ishape.push(a.shape()[k]);
        src_strides.push(0);
        src_strides.push(a.strides()[k]);
    }
    let dst_strides = layout::c_strides(&ishape, a.itemsize());
    // SAFETY: the interleaved C-order view addresses exactly the `size` elements of `out`.
    let dst = unsafe { out.view_unchecked(0, ishape.clone(), dst_strides) };
    // SAFETY: zero strides on the repetition axes revisit the input's own elements.
    let src = unsafe { a.view_unchecked(0, ishape, src_strides) };
    iter::copy_into(&dst, &src)?;
    Ok(out.adopted())
}

/// Roll `a` by `shifts[k]` positions along each axis `k` (one entry per axis, any sign);
/// the result is laid out like `a` (NumPy's `empty_like`).
///
/// # Errors
/// `ValueError` when `shifts` does not have one entry per axis.
pub fn roll(a: &Array, shifts: &[isize]) -> Result<Array> {
    let nd = a.ndim();
    if shifts.len() != nd {
        return Err(Error::value("roll: one shift per axis is needed"));
    }
    // Reference items start empty (zeroed) and are copied with their counts by
    // `copy_into`.
    let out = if a.dtype().has_refs() {
        iter::alloc_like(a, a.shape(), a.dtype(), Order::K)?
    } else {
        // SAFETY: the piece copies below tile every axis ([0, n-k) and [n-k, n) of the
        // result), so every element is written.
        unsafe { alloc_uninit_like(a)? }
    };
    if a.size() == 0 {
        return Ok(out);
    }
    // Per axis: the pieces as (src start, dst start, len).
    let pieces: Vec<Vec<(usize, usize, usize)>> = (0..nd)
        .map(|k| {
            let n = a.shape()[k];
            let off = shifts[k].rem_euclid(n.max(1) as isize) as usize;
            if off == 0 {
                vec![(0, 0, n)]
            } else {
                vec![(0, off, n - off), (n - off, 0, off)]
            }
        })
        .collect();
    let mut idx = vec![0usize; nd];
    loop {
        let mut shape = Shape::new();
        let (mut so, mut doff) = (0isize, 0isize);
        for k in 0..nd {
            let (s, d, len) = pieces[k][idx[k]];
            shape.push(len);
            so += s as isize * a.strides()[k];
            doff += d as isize * out.strides()[k];
        }
        // SAFETY: each piece is a sub-box of both arrays (start + len <= n on every axis).
        let (src, dst) = unsafe {
            (
                a.view_unchecked(so, shape.clone(), Strides::from_slice(a.strides())),
                out.view_unchecked(doff, shape, Strides::from_slice(out.strides())),
            )
        };
        iter::copy_into(&dst, &src)?;
        // Next combination of pieces.
        let mut k = nd;
        loop {
            if k == 0 {
                return Ok(out);
            }
            k -= 1;
            idx[k] += 1;
            if idx[k] < pieces[k].len() {
                break;
            }
            idx[k] = 0;
        }
    }
}

/// The start of `pad`: a new array of `a`'s shape grown by `widths[k] = (before, after)`
/// on every axis (C or Fortran order), with `a` copied into the centre and every border
/// slab set to zero bytes (the modes then overwrite the borders). One pass over the centre;
/// the borders are written once more at most (corners up to once per axis).
///
/// # Errors
/// `ValueError` when `widths` does not have one pair per axis or the size overflows.
pub fn pad_simple(a: &Array, widths: &[(usize, usize)], fortran: bool) -> Result<Array> {
    let nd = a.ndim();
    if widths.len() != nd {
        return Err(Error::value(
            "pad: one (before, after) pair per axis is needed",
        ));
    }
    let shape: Shape = a
        .shape()
        .iter()
        .zip(widths)
        .map(|(&n, &(b, e))| n.checked_add(b).and_then(|v| v.checked_add(e)))
        .collect::<Option<Shape>>()
        .ok_or_else(|| Error::value("array is too big"))?;
    let order = if fortran { Order::F } else { Order::C };
    // Reference items start empty (all-zero bytes, NumPy's `None`) and the centre is
    // copied with its counts by `copy_into`.
    let refs = a.dtype().has_refs();
    let out = if refs {
        Array::zero_bytes(&shape, a.dtype(), order)?
    } else {
        // SAFETY: the centre is copied below and every element outside it lies in one of
        // the border slabs, which are all zero-filled, so every element is written.
        unsafe { Array::uninit(&shape, a.dtype(), order)? }
    };
    if out.size() == 0 {
        return Ok(out);
    }
    let zero = vec![0u8; a.itemsize()];
    let strides = Strides::from_slice(out.strides());
    for (k, &(before, after)) in widths.iter().enumerate() {
        if refs {
            break;
        }
        for (start, len) in [(0, before), (shape[k] - after, after)] {
            if len == 0 {
                continue;
            }
            let mut s = shape.clone();
            s[k] = len;
            // SAFETY: the slab [start, start + len) along axis k lies inside `out`.
            let slab =
                unsafe { out.view_unchecked(start as isize * strides[k], s, strides.clone()) };
            iter::fill_bytes(&slab, &zero);
        }
    }
    if a.size() > 0 {
        let off: isize = widths
            .iter()
            .zip(strides.iter())
            .map(|(&(b, _), &st)| b as isize * st)
            .sum();
        // SAFETY: the centre box [before, before + n) on every axis lies inside `out`.
        let centre =
            unsafe { out.view_unchecked(off, Shape::from_slice(a.shape()), strides.clone()) };
        iter::copy_into(&centre, a)?;
    }
    Ok(out)
}

/// An uninitialised array with `a`'s shape, dtype and (K-order) layout.
///
/// # Safety
/// As [`Array::uninit`]: every element must be written before use.
unsafe fn alloc_uninit_like(a: &Array) -> Result<Array> {
    if a.is_c_contiguous() || a.ndim() <= 1 {
        // SAFETY: forwarded.
        return unsafe { Array::uninit(a.shape(), a.dtype(), Order::C) };
    }
    if a.is_f_contiguous() {
        // SAFETY: forwarded.
        return unsafe { Array::uninit(a.shape(), a.dtype(), Order::F) };
    }
    let perm = super::stride_order(a);
    let pshape: Vec<usize> = perm.iter().map(|&i| a.shape()[i]).collect();
    // SAFETY: forwarded.
    let base = unsafe { Array::uninit(&pshape, a.dtype(), Order::C)? };
    let mut inv = vec![0usize; perm.len()];
    for (k, &p) in perm.iter().enumerate() {
        inv[p] = k;
    }
    super::permute_dims(&base, &inv)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtype::{Builtin, Scalar};

    fn arange(n: usize) -> Array {
        let a = Array::zeros(&[n], Builtin::Int64.dtype(), Order::C).unwrap();
        for i in 0..n {
            a.set(&[i], &Scalar::Int(i as i64)).unwrap();
        }
        a
    }

    fn values(a: &Array) -> Vec<i64> {
        (0..a.size())
            .map(|i| match a.get(&[i]) {
                Scalar::Int(v) => v,
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn repeat_tile_roll() {
        let a = arange(3);
        assert_eq!(
            values(&repeat(&a, &[2], Some(0)).unwrap()),
            [0, 0, 1, 1, 2, 2]
        );
        assert_eq!(values(&repeat(&a, &[0, 1, 2], None).unwrap()), [1, 2, 2]);
        assert_eq!(values(&tile(&a, &[2]).unwrap()), [0, 1, 2, 0, 1, 2]);
        assert_eq!(values(&roll(&a, &[1]).unwrap()), [2, 0, 1]);
        assert_eq!(values(&roll(&a, &[-4]).unwrap()), [1, 2, 0]);
        assert!(repeat(&a, &[1, 2], Some(0)).is_err());
        assert_eq!(
            values(&pad_simple(&a, &[(2, 1)], false).unwrap()),
            [0, 0, 0, 1, 2, 0]
        );
    }
}
