//! Diagonals and triangles: `diagonal` (a read-only view), `diag` of a 1-d array, `tri`,
//! `tril`/`triu`, `fill_diagonal`.
//!
//! `tril`/`triu` make one pass over the result: per row of every matrix, the kept columns
//! are copied from the source and the others are filled with the dtype's zero.

use crate::array::Array;
use crate::dtype::{DType, Scalar};
use crate::error::{normalize_axis, Error, Result};
use crate::iter::{copy_run, for_each_run};
use crate::layout::{self, Order, Shape, Strides};

/// `np.diagonal(a, offset, axis1, axis2)`: a read-only view whose last axis runs along the
/// diagonal of the `(axis1, axis2)` planes.
///
/// # Errors
/// `ValueError` for fewer than two dimensions or equal axes; `AxisError`.
pub fn diagonal(a: &Array, offset: isize, axis1: isize, axis2: isize) -> Result<Array> {
    let nd = a.ndim();
    if nd < 2 {
        return Err(Error::value(
            "diag requires an array of at least two dimensions",
        ));
    }
    let a1 = normalize_axis(axis1, nd)?;
    let a2 = normalize_axis(axis2, nd)?;
    if a1 == a2 {
        return Err(Error::value("axis1 and axis2 cannot be the same"));
    }
    let (n1, n2) = (a.shape()[a1] as isize, a.shape()[a2] as isize);
    let (s1, s2) = (a.strides()[a1], a.strides()[a2]);
    let (len, start) = if offset >= 0 {
        ((n1.min(n2 - offset)).max(0), offset * s2)
    } else {
        ((n1 + offset).min(n2).max(0), -offset * s1)
    };
    let start = if len == 0 { 0 } else { start };
    let mut shape = Shape::new();
    let mut strides = Strides::new();
    for d in 0..nd {
        if d != a1 && d != a2 {
            shape.push(a.shape()[d]);
            strides.push(a.strides()[d]);
        }
    }
    shape.push(len as usize);
    strides.push(s1 + s2);
    // SAFETY: element k of the diagonal is a[..., i0 + k, j0 + k] with i0 + k < n1 and
    // j0 + k < n2 for k < len, an existing element of `a` (invariant 1); an empty
    // diagonal starts at the array's own offset.
    let mut v = unsafe { a.view_unchecked(start, shape, strides) };
    v.set_writeable(false)?;
    Ok(v)
}

/// One item of `dtype` holding `value`.
fn item_bytes(dtype: DType, value: &Scalar) -> Result<Vec<u8>> {
    let mut buf = vec![0u8; dtype.itemsize];
    // SAFETY: `buf` holds one item.
    unsafe { dtype.set(buf.as_mut_ptr(), value)? };
    Ok(buf)
}

/// `np.diag(v, k)` for a 1-d `v`: a new square array with `v` on diagonal `k`.
///
/// # Errors
/// `MemoryError`.
pub fn diag_from_1d(v: &Array, k: isize) -> Result<Array> {
    let n = v.size() + k.unsigned_abs();
    let out = Array::zeros(&[n, n], v.dtype(), Order::C)?;
    let (r0, c0) = if k >= 0 {
        (0, k as usize)
    } else {
        ((-k) as usize, 0)
    };
    if v.size() > 0 {
        let size = v.itemsize();
        let dst = out.data_ptr().wrapping_add((r0 * n + c0) * size);
        // SAFETY: v.size() items along the diagonal of the fresh n x n output (row r0 + i,
        // column c0 + i, both < n); the source run is v's own elements.
        unsafe {
            copy_run(
                v.data_ptr(),
                v.strides()[0],
                dst,
                ((n + 1) * size) as isize,
                v.size(),
                size,
            )
        };
    }
    Ok(out)
}

/// `np.tri(n, m, k, dtype)`: ones at and below diagonal `k`, zeros elsewhere.
///
/// # Errors
/// `MemoryError`.
pub fn tri(n: usize, m: usize, k: isize, dtype: DType) -> Result<Array> {
    let out = Array::zeros(&[n, m], dtype, Order::C)?;
    let one = item_bytes(dtype, &Scalar::Int(1))?;
    let size = dtype.itemsize;
    for i in 0..n {
        let stop = (i as isize)
            .saturating_add(k)
            .saturating_add(1)
            .clamp(0, m as isize) as usize;
        let row = out.data_ptr().wrapping_add(i * m * size);
        for j in 0..stop {
            // SAFETY: (i, j) is inside the fresh n x m output.
            unsafe { std::ptr::copy_nonoverlapping(one.as_ptr(), row.add(j * size), size) };
        }
    }
    Ok(out)
}

/// `np.tril(m, k)` (`lower`) or `np.triu(m, k)` over the last two axes of `m` (ndim >= 2):
/// a new C-ordered array (as NumPy's `where(tri(...), m, 0)` gives).
///
/// # Errors
/// `MemoryError`.
pub fn tril_triu(m: &Array, k: isize, lower: bool) -> Result<Array> {
    let nd = m.ndim();
    debug_assert!(nd >= 2);
    // SAFETY: every element of every matrix row is written below (kept or zeroed).
    let out = unsafe { Array::for_moves(m.shape(), m.dtype(), Order::C)? };
    if out.size() == 0 {
        return Ok(out.adopted());
    }
    let zero = item_bytes(m.dtype(), &m.dtype().ops.zero())?;
    let zero_bytes = zero.iter().all(|&b| b == 0);
    let (rows, cols) = (m.shape()[nd - 2], m.shape()[nd - 1]);
    let (mrs, mcs) = (m.strides()[nd - 2], m.strides()[nd - 1]);
    let (ors, ocs) = (out.strides()[nd - 2], out.strides()[nd - 1]);
    let size = m.itemsize();
    let lead = &m.shape()[..nd - 2];
    let one_matrix = |sp: *mut u8, dp: *mut u8| {
        for i in 0..rows {
            // Kept columns: j <= i + k (tril) or j >= i + k (triu).
            // Saturating: a huge user `k` must not wrap and flip the mask.
            let edge = (i as isize).saturating_add(k);
            let (keep_lo, keep_hi) = if lower {
                (0, edge.saturating_add(1).clamp(0, cols as isize) as usize)
            } else {
                (edge.clamp(0, cols as isize) as usize, cols)
            };
            let s = sp.wrapping_offset(i as isize * mrs);
            let d = dp.wrapping_offset(i as isize * ors);
            for (j0, j1) in [(0, keep_lo), (keep_hi, cols)] {
                if j1 <= j0 {
                    continue;
                }
                if zero_bytes && ocs == size as isize {
                    // SAFETY: columns j0..j1 of row i of the fresh C-ordered output.
                    unsafe {
                        std::ptr::write_bytes(
                            d.wrapping_offset(j0 as isize * ocs),
                            0,
                            (j1 - j0) * size,
                        )
                    };
                    continue;
                }
                for j in j0..j1 {
                    // SAFETY: (i, j) is an element of the fresh output matrix.
                    unsafe {
                        std::ptr::copy_nonoverlapping(
                            zero.as_ptr(),
                            d.wrapping_offset(j as isize * ocs),
                            size,
                        )
                    };
                }
            }
            if keep_hi > keep_lo {
                // SAFETY: columns keep_lo..keep_hi of row i exist in both matrices.
                unsafe {
                    copy_run(
                        s.wrapping_offset(keep_lo as isize * mcs),
                        mcs,
                        d.wrapping_offset(keep_lo as isize * ocs),
                        ocs,
                        keep_hi - keep_lo,
                        size,
                    )
                };
            }
        }
    };
    if lead.is_empty() {
        one_matrix(m.data_ptr(), out.data_ptr());
    } else {
        let (ml, ol) = (&m.strides()[..nd - 2], &out.strides()[..nd - 2]);
        for_each_run(
            lead,
            [m.data_ptr(), out.data_ptr()],
            [ml, ol],
            |[s, d], [ss, ds], n| {
                for t in 0..n as isize {
                    one_matrix(s.wrapping_offset(t * ss), d.wrapping_offset(t * ds));
                }
            },
        );
    }
    let _ = layout::size_of_shape(lead);
    Ok(out.adopted())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtype::Builtin;

    #[test]
    fn tri_and_tril() {
        let t = tri(3, 4, 0, Builtin::Int32.dtype()).unwrap();
        assert_eq!(t.get(&[1, 1]), Scalar::Int(1));
        assert_eq!(t.get(&[1, 2]), Scalar::Int(0));
        let u = tril_triu(&t, 0, false).unwrap();
        assert_eq!(u.get(&[2, 2]), Scalar::Int(1));
        assert_eq!(u.get(&[2, 1]), Scalar::Int(0));
    }

    #[test]
    fn diagonal_is_readonly_view() {
        let t = tri(3, 3, 0, Builtin::Float64.dtype()).unwrap();
        let d = diagonal(&t, -1, 0, 1).unwrap();
        assert_eq!(d.shape(), &[2]);
        assert!(!d.is_writeable());
    }
}
