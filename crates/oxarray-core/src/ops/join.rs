//! Joining arrays: `concatenate` (the one primitive; `stack`, `hstack`, `vstack`, ... are
//! views plus this, as in NumPy).
//!
//! The algorithm of [`concatenate`] (NumPy's `PyArray_ConcatenateArrays`):
//! 1. Check that all inputs have the same rank and the same shape except along `axis`.
//! 2. Result dtype: the given one, or the promotion of all input dtypes.
//! 3. Result layout: axes ordered by the inputs' strides with NumPy's ambiguity rules
//!    (`PyArray_CreateMultiSortedStridePerm`: C order wins conflicts), so Fortran inputs give
//!    a Fortran result.
//! 4. One strided (casting) copy per input into its window of the result.

use crate::array::Array;
use crate::dtype::{can_cast, Casting, DType};
use crate::error::{normalize_axis, Error, Result};
use crate::iter;
use crate::layout::{Shape, Strides};

/// NumPy's `PyArray_CreateMultiSortedStridePerm`: a stable insertion sort of the axes by
/// decreasing absolute stride over all arrays, C order winning conflicts.
pub fn multi_sorted_stride_perm(arrays: &[Array], ndim: usize) -> Vec<usize> {
    let mut perm: Vec<usize> = (0..ndim).collect();
    for i0 in 1..ndim {
        let mut ipos = i0;
        let ax_j0 = perm[i0];
        for i1 in (0..i0).rev() {
            let ax_j1 = perm[i1];
            let mut ambig = true;
            let mut shouldswap = false;
            for a in arrays {
                if a.shape()[ax_j0] != 1 && a.shape()[ax_j1] != 1 {
                    if a.strides()[ax_j0].unsigned_abs() <= a.strides()[ax_j1].unsigned_abs() {
                        shouldswap = false;
                    } else if ambig {
                        shouldswap = true;
                    }
                    ambig = false;
                }
            }
            if !ambig {
                if shouldswap {
                    ipos = i1;
                } else {
                    break;
                }
            }
        }
        if ipos != i0 {
            perm.copy_within(ipos..i0, ipos + 1);
            perm[ipos] = ax_j0;
        }
    }
    perm
}

/// The promoted dtype of `arrays` (NumPy's `PyArray_FindConcatenationDescriptor` without a
/// requested dtype).
///
/// # Errors
/// `ValueError` for no arrays; `TypeError` when the dtypes do not promote.
pub fn concat_dtype(arrays: &[Array]) -> Result<DType> {
    let first = arrays
        .first()
        .ok_or_else(|| Error::value("need at least one array to concatenate"))?;
    if arrays.len() == 1 {
        return Ok(first.dtype().to_native());
    }
    let dtypes: Vec<DType> = arrays.iter().map(|a| a.dtype()).collect();
    crate::dtype::promotion::promote_sequence(&dtypes)
}

fn check_cast(src: DType, dst: DType, casting: Casting) -> Result<()> {
    if can_cast(src, dst, casting) {
        Ok(())
    } else {
        Err(Error::type_(format!(
            "Cannot cast array data from dtype('{src}') to dtype('{dst}') according to the rule '{}'",
            casting.as_str()
        )))
    }
}

/// The shape of the concatenation along `axis` (already normalised), checking ranks and
/// the other dimensions with NumPy's messages.
///
/// # Errors
/// `ValueError` naming the mismatching arrays, dimension and sizes.
pub fn concat_shape(arrays: &[Array], axis: usize) -> Result<Shape> {
    let ndim = arrays[0].ndim();
    let mut shape = Shape::from_slice(arrays[0].shape());
    for (i, a) in arrays.iter().enumerate().skip(1) {
        if a.ndim() != ndim {
            return Err(Error::value(format!(
                "all the input arrays must have same number of dimensions, but the array at index 0 has {ndim} dimension(s) and the array at index {i} has {} dimension(s)",
                a.ndim()
            )));
        }
        for d in 0..ndim {
            if d == axis {
                shape[d] = shape[d]
                    .checked_add(a.shape()[d])
                    .ok_or_else(|| Error::value("array is too big"))?;
            } else if shape[d] != a.shape()[d] {
                return Err(Error::value(format!(
                    "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {d}, the array at index 0 has size {} and the array at index {i} has size {}",
                    shape[d],
                    a.shape()[d]
                )));
            }
        }
    }
    Ok(shape)
}

/// Where `concatenate` writes: a new array or a given `out`.
pub enum Target<'a> {
    /// Allocate a result of this dtype (`None`: promote the inputs).
    New(Option<DType>),
    /// Write into this array (its dtype is the target dtype).
    Out(&'a Array),
}

/// The checked plan of a concatenation: the result (allocated, not yet written) and the
/// axis; [`concatenate_run`] does the copies (the part to run without the GIL).
pub struct ConcatPlan {
    /// The result array (fresh, or the given `out`).
    pub out: Array,
    /// The normalised axis (`None`: the flattened form).
    pub axis: Option<usize>,
    /// Whether `out` is freshly allocated (so it shares memory with no input).
    pub fresh: bool,
}

/// Check everything and allocate the result of `concatenate(arrays, axis, out/dtype,
/// casting)`. `axis == None` concatenates the flattened (C order) arrays.
///
/// # Errors
/// NumPy's `ValueError`s (no arrays, 0-d arrays, mismatched ranks or sizes, wrong `out`
/// shape), `AxisError`, `TypeError` for a cast the casting rule refuses.
pub fn concatenate_plan(
    arrays: &[Array],
    axis: Option<isize>,
    target: Target<'_>,
    casting: Casting,
) -> Result<ConcatPlan> {
    if arrays.is_empty() {
        return Err(Error::value("need at least one array to concatenate"));
    }
    let (shape, axis) = match axis {
        None => {
            let n = arrays
                .iter()
                .try_fold(0usize, |n, a| n.checked_add(a.size()))
                .filter(|&n| n <= isize::MAX as usize)
                .ok_or_else(|| Error::value("total number of elements too large to concatenate"))?;
            (Shape::from_slice(&[n]), None)
        }
        Some(ax) => {
            let ndim = arrays[0].ndim();
            if ndim == 0 {
                return Err(Error::value(
                    "zero-dimensional arrays cannot be concatenated",
                ));
            }
            let ax = normalize_axis(ax, ndim)?;
            (concat_shape(arrays, ax)?, Some(ax))
        }
    };
    let (out, fresh) = match target {
        Target::Out(o) => {
            if axis.is_none() {
                if o.ndim() != 1 {
                    return Err(Error::value("Output array must be 1D"));
                }
                if o.size() != shape[0] {
                    return Err(Error::value("Output array is the wrong size"));
                }
            } else {
                if o.ndim() != shape.len() {
                    return Err(Error::value("Output array has wrong dimensionality"));
                }
                if o.shape() != shape.as_slice() {
                    return Err(Error::value("Output array is the wrong shape"));
                }
            }
            o.check_writeable()?;
            (o.clone(), false)
        }
        Target::New(dt) => {
            let dt = match dt {
                Some(d) => d,
                None => concat_dtype(arrays)?,
            };
            let out = match axis {
                None => Array::zeros(&shape, dt, crate::layout::Order::C)?,
                Some(_) => {
                    let perm = multi_sorted_stride_perm(arrays, shape.len());
                    let pshape: Vec<usize> = perm.iter().map(|&i| shape[i]).collect();
                    // SAFETY: every element is written by `concatenate_run` (the windows
                    // tile the concatenation axis), before the array is handed out.
                    let base = if dt.has_refs() {
                        // Counted copies fill it (`concatenate_run` copies with copy_into).
                        Array::zero_bytes(&pshape, dt, crate::layout::Order::C)?
                    } else {
                        unsafe { Array::uninit(&pshape, dt, crate::layout::Order::C)? }
                    };
                    let mut inv = vec![0usize; perm.len()];
                    for (k, &p) in perm.iter().enumerate() {
                        inv[p] = k;
                    }
                    super::permute_dims(&base, &inv)?
                }
            };
            (out, true)
        }
    };
    for a in arrays {
        check_cast(a.dtype(), out.dtype(), casting)?;
    }
    Ok(ConcatPlan { out, axis, fresh })
}

/// Copy every input into its window of `plan.out`.
///
/// # Errors
/// Only for dtypes without a cast (checked by the plan).
pub fn concatenate_run(plan: &ConcatPlan, arrays: &[Array]) -> Result<()> {
    let out = &plan.out;
    let mut start = 0usize;
    for a in arrays {
        let window = match plan.axis {
            Some(ax) => {
                let mut shape = Shape::from_slice(out.shape());
                shape[ax] = a.shape()[ax];
                let off = start as isize * out.strides()[ax];
                start += a.shape()[ax];
                if a.size() == 0 {
                    continue;
                }
                // SAFETY: the window [start, start + n) along `ax` lies inside `out`
                // (the plan's shape is the sum of the inputs' lengths).
                unsafe { out.view_unchecked(off, shape, Strides::from_slice(out.strides())) }
            }
            None => {
                let n = a.size();
                let s = out.strides()[0];
                let off = start as isize * s;
                start += n;
                if n == 0 {
                    continue;
                }
                // The 1-d window seen with the input's shape, C order.
                let mut strides = Strides::from_elem(0, a.ndim());
                let mut step = s;
                for k in (0..a.ndim()).rev() {
                    strides[k] = step;
                    step *= a.shape()[k] as isize;
                }
                // SAFETY: the window holds `n` consecutive elements of `out` at stride
                // `s`, re-indexed in C order over the input's shape (same count).
                unsafe { out.view_unchecked(off, Shape::from_slice(a.shape()), strides) }
            }
        };
        if plan.fresh
            && a.dtype() == out.dtype()
            && !a.dtype().has_refs()
            && a.is_c_contiguous()
            && window.is_c_contiguous()
        {
            // SAFETY: both hold `a.size()` items laid out contiguously in C order from
            // their data pointers (same shape, same item size); a fresh result shares no
            // memory with any input.
            unsafe { std::ptr::copy_nonoverlapping(a.data_ptr(), window.data_ptr(), a.nbytes()) };
            continue;
        }
        // A given `out` may overlap an input: copy_into copies overlapping sources first.
        iter::copy_into(&window, a)?;
    }
    Ok(())
}

/// `concatenate` in one call (see [`concatenate_plan`] and [`concatenate_run`]).
///
/// # Errors
/// As [`concatenate_plan`].
pub fn concatenate(
    arrays: &[Array],
    axis: Option<isize>,
    dtype: Option<DType>,
    casting: Casting,
) -> Result<Array> {
    let plan = concatenate_plan(arrays, axis, Target::New(dtype), casting)?;
    concatenate_run(&plan, arrays)?;
    Ok(plan.out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtype::Builtin;
    use crate::layout::Order;

    #[test]
    fn concat_shapes_and_errors() {
        let a = Array::zeros(&[2, 3], Builtin::Float64.dtype(), Order::C).unwrap();
        let b = Array::zeros(&[1, 3], Builtin::Int32.dtype(), Order::C).unwrap();
        let r = concatenate(&[a.clone(), b.clone()], Some(0), None, Casting::SameKind).unwrap();
        assert_eq!(r.shape(), &[3, 3]);
        assert_eq!(r.dtype(), Builtin::Float64.dtype());
        assert!(concatenate(&[a.clone(), b.clone()], Some(1), None, Casting::SameKind).is_err());
        let f = concatenate(&[a, b], None, None, Casting::SameKind).unwrap();
        assert_eq!(f.shape(), &[9]);
    }

    #[test]
    fn fortran_inputs_give_fortran_result() {
        let a = Array::zeros(&[2, 3], Builtin::Int8.dtype(), Order::F).unwrap();
        let r = concatenate(&[a.clone(), a], Some(0), None, Casting::SameKind).unwrap();
        assert!(r.is_f_contiguous());
    }
}
