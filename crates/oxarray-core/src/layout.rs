//! Shapes, strides, contiguity flags and broadcasting.
//!
//! Shapes and strides are small vectors (inline up to 4 dimensions, heap beyond; there is
//! no rank limit). Strides are in bytes and may be negative or zero.

use smallvec::SmallVec;

use crate::error::{Error, Result};

/// A shape.
pub type Shape = SmallVec<[usize; 4]>;
/// Strides in bytes.
pub type Strides = SmallVec<[isize; 4]>;

/// Memory order for new arrays and copies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Row-major.
    C,
    /// Column-major.
    F,
    /// Fortran if the input is Fortran-contiguous (and not C), else C.
    A,
    /// Keep the input's stride order as closely as possible.
    K,
}

impl Order {
    /// Parse NumPy's spelling (`None` means `default`).
    ///
    /// # Errors
    /// `ValueError` for anything but C, F, A, K.
    pub fn parse(s: Option<&str>, default: Order) -> Result<Order> {
        Ok(match s {
            None => default,
            Some("C" | "c") => Order::C,
            Some("F" | "f") => Order::F,
            Some("A" | "a") => Order::A,
            Some("K" | "k") => Order::K,
            Some(o) => {
                return Err(Error::value(format!(
                    "order must be one of 'C', 'F', 'A', or 'K' (got '{o}')"
                )))
            }
        })
    }
}

/// Number of elements, or `ValueError` on overflow (NumPy's wording).
///
/// # Errors
/// When the product overflows `isize`.
pub fn size_of_shape_checked(shape: &[usize]) -> Result<usize> {
    let mut n: usize = 1;
    for &d in shape {
        n = n.checked_mul(d).filter(|&v| v <= isize::MAX as usize).ok_or_else(|| {
            Error::value(
                "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
            )
        })?;
    }
    // A zero-size shape is fine even when the other dimensions' product would overflow.
    Ok(if shape.contains(&0) { 0 } else { n })
}

/// Bytes an array of `shape` and `itemsize` spans (`0` when a dimension is 0), checked the
/// way NumPy checks new arrays: the product of the non-zero dimensions and the itemsize
/// must fit in `isize`, even for an empty array.
///
/// # Errors
/// `ValueError` with NumPy's "array is too big" message.
pub fn nbytes_checked(shape: &[usize], itemsize: usize) -> Result<usize> {
    let mut n: usize = itemsize;
    for &d in shape.iter().filter(|&&d| d != 0) {
        n = n.checked_mul(d).filter(|&v| v <= isize::MAX as usize).ok_or_else(|| {
            Error::value(
                "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
            )
        })?;
    }
    Ok(if shape.contains(&0) { 0 } else { n })
}

/// Number of elements (no overflow check: for shapes of existing arrays).
pub fn size_of_shape(shape: &[usize]) -> usize {
    shape.iter().product()
}

/// C-order strides for `shape` with `itemsize`.
pub fn c_strides(shape: &[usize], itemsize: usize) -> Strides {
    // Written once each into the fresh vector (no zero fill first: the fill was a `memset`
    // call whose narrow stores the wide reloads of the vector's move then waited on).
    let n = shape.len();
    let mut strides: Strides = SmallVec::with_capacity(n);
    let p = strides.as_mut_ptr();
    let mut acc = itemsize as isize;
    for i in (0..n).rev() {
        // SAFETY: i < n <= capacity.
        unsafe { p.add(i).write(acc) };
        acc *= shape[i].max(1) as isize;
    }
    // SAFETY: items 0..n were all written above.
    unsafe { strides.set_len(n) };
    strides
}

/// Fortran-order strides for `shape` with `itemsize`.
pub fn f_strides(shape: &[usize], itemsize: usize) -> Strides {
    let mut strides: Strides = SmallVec::from_elem(0, shape.len());
    let mut acc = itemsize as isize;
    for i in 0..shape.len() {
        strides[i] = acc;
        acc *= shape[i].max(1) as isize;
    }
    strides
}

/// NumPy's C-contiguity test: dimensions of length 1 may have any stride; an empty array is
/// contiguous.
pub fn is_c_contiguous(shape: &[usize], strides: &[isize], itemsize: usize) -> bool {
    if shape.contains(&0) {
        return true;
    }
    let mut expect = itemsize as isize;
    for i in (0..shape.len()).rev() {
        if shape[i] != 1 {
            if strides[i] != expect {
                return false;
            }
            expect *= shape[i] as isize;
        }
    }
    true
}

/// NumPy's Fortran-contiguity test.
pub fn is_f_contiguous(shape: &[usize], strides: &[isize], itemsize: usize) -> bool {
    if shape.contains(&0) {
        return true;
    }
    let mut expect = itemsize as isize;
    for i in 0..shape.len() {
        if shape[i] != 1 {
            if strides[i] != expect {
                return false;
            }
            expect *= shape[i] as isize;
        }
    }
    true
}

/// Lowest and highest byte offsets (relative to the base pointer) an array with this layout
/// touches, the high end exclusive. `(0, 0)` for empty arrays.
pub fn byte_extent(shape: &[usize], strides: &[isize], itemsize: usize) -> (isize, isize) {
    if shape.contains(&0) {
        return (0, 0);
    }
    let (mut lo, mut hi) = (0isize, 0isize);
    for (&n, &s) in shape.iter().zip(strides) {
        let span = (n as isize - 1) * s;
        if span < 0 {
            lo += span;
        } else {
            hi += span;
        }
    }
    (lo, hi + itemsize as isize)
}

/// Broadcast shapes together (NumPy's rules), naming the shapes on failure.
///
/// # Errors
/// `ValueError` naming the shapes when they cannot be broadcast.
pub fn broadcast_shapes(shapes: &[&[usize]]) -> Result<Shape> {
    let nd = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out: Shape = SmallVec::from_elem(1, nd);
    for s in shapes {
        let off = nd - s.len();
        for (i, &d) in s.iter().enumerate() {
            let o = &mut out[off + i];
            if *o == 1 {
                *o = d;
            } else if d != 1 && d != *o {
                let listed: Vec<String> = shapes.iter().map(|s| fmt_shape(s)).collect();
                return Err(Error::value(format!(
                    "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between {}",
                    listed.join(" and ")
                )));
            }
        }
    }
    Ok(out)
}

/// Strides that view an array of `shape`/`strides` as `target` (broadcast), or an error
/// naming both shapes.
///
/// # Errors
/// `ValueError` when `shape` cannot be broadcast to `target`.
pub fn broadcast_strides(shape: &[usize], strides: &[isize], target: &[usize]) -> Result<Strides> {
    let err = || {
        Error::value(format!(
            "could not broadcast input array from shape {} into shape {}",
            fmt_shape(shape),
            fmt_shape(target)
        ))
    };
    if shape.len() > target.len() {
        return Err(err());
    }
    let off = target.len() - shape.len();
    let mut out: Strides = SmallVec::from_elem(0, target.len());
    for i in 0..shape.len() {
        if shape[i] == target[off + i] {
            out[off + i] = if shape[i] == 1 { 0 } else { strides[i] };
        } else if shape[i] == 1 {
            out[off + i] = 0;
        } else {
            return Err(err());
        }
    }
    Ok(out)
}

/// Python's repr of a shape tuple: `(3,)`, `(2, 3)`, `()`.
pub fn fmt_shape(shape: &[usize]) -> String {
    match shape.len() {
        0 => "()".to_string(),
        1 => format!("({},)", shape[0]),
        _ => {
            let parts: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// Strides for a reshape without copying, or `None` when the layout does not allow it
/// (NumPy's `_attempt_nocopy_reshape`). `order` C or F says in which order elements are
/// read.
pub fn reshape_strides(
    old_shape: &[usize],
    old_strides: &[isize],
    new_shape: &[usize],
    itemsize: usize,
    fortran: bool,
) -> Option<Strides> {
    if size_of_shape(old_shape) == 0 || size_of_shape(new_shape) == 0 {
        // Empty arrays: any strides do.
        return Some(if fortran {
            f_strides(new_shape, itemsize)
        } else {
            c_strides(new_shape, itemsize)
        });
    }
    // Drop length-1 axes of the old layout; they carry no stride information.
    let (olddims, oldstrides): (Vec<usize>, Vec<isize>) = old_shape
        .iter()
        .zip(old_strides)
        .filter(|(&d, _)| d != 1)
        .map(|(&d, &s)| (d, s))
        .unzip();
    let newdims = new_shape;
    let mut newstrides: Strides = SmallVec::from_elem(0, newdims.len());
    let (oldnd, newnd) = (olddims.len(), newdims.len());
    let (mut oi, mut oj, mut ni, mut nj) = (0usize, 1usize, 0usize, 1usize);
    while ni < newnd && oi < oldnd {
        let mut np = newdims[ni];
        let mut op = olddims[oi];
        while np != op {
            if np < op {
                np *= newdims[nj];
                nj += 1;
            } else {
                op *= olddims[oj];
                oj += 1;
            }
        }
        // Check the old axes oi..oj can be merged.
        for ok in oi..oj - 1 {
            if fortran {
                if oldstrides[ok + 1] != olddims[ok] as isize * oldstrides[ok] {
                    return None;
                }
            } else if oldstrides[ok] != olddims[ok + 1] as isize * oldstrides[ok + 1] {
                return None;
            }
        }
        // Compute new strides for ni..nj.
        if fortran {
            newstrides[ni] = oldstrides[oi];
            for nk in ni + 1..nj {
                newstrides[nk] = newstrides[nk - 1] * newdims[nk - 1] as isize;
            }
        } else {
            newstrides[nj - 1] = oldstrides[oj - 1];
            for nk in (ni + 1..nj).rev() {
                newstrides[nk - 1] = newstrides[nk] * newdims[nk] as isize;
            }
        }
        ni = nj;
        nj += 1;
        oi = oj;
        oj += 1;
    }
    // Trailing length-1 new axes get a harmless stride.
    let last = if ni >= 1 {
        newstrides[ni - 1]
    } else {
        itemsize as isize
    };
    let last = if fortran && ni >= 1 {
        last * newdims[ni - 1] as isize
    } else {
        last
    };
    for s in newstrides.iter_mut().skip(ni) {
        *s = last;
    }
    Some(newstrides)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contiguity() {
        let s = c_strides(&[2, 3, 4], 8);
        assert_eq!(s.as_slice(), &[96, 32, 8]);
        assert!(is_c_contiguous(&[2, 3, 4], &s, 8));
        assert!(!is_f_contiguous(&[2, 3, 4], &s, 8));
        assert!(is_c_contiguous(&[1, 3], &[999, 8], 8));
    }

    #[test]
    fn broadcasting() {
        assert_eq!(
            broadcast_shapes(&[&[3, 1], &[4]]).unwrap().as_slice(),
            &[3, 4]
        );
        let e = broadcast_shapes(&[&[3], &[4]]).unwrap_err();
        assert!(e.message().contains("(3,)") && e.message().contains("(4,)"));
    }

    #[test]
    fn nocopy_reshape() {
        let st = c_strides(&[4, 6], 8);
        assert_eq!(
            reshape_strides(&[4, 6], &st, &[2, 2, 6], 8, false)
                .unwrap()
                .as_slice(),
            &[96, 48, 8]
        );
        // A transposed array cannot be flattened in C order without a copy.
        assert!(reshape_strides(&[6, 4], &[8, 48], &[24], 8, false).is_none());
    }
}
