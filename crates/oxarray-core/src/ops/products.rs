//! Helpers of the dot family and `einsum` that need layout access: the rest (`dot`,
//! `tensordot`, `einsum`'s contractions) is transposes and reshapes around `matmul`
//! (GEMM), in `python/oxarray/_products.py`.

use crate::array::Array;
use crate::error::{Error, Result};
use crate::layout::{Shape, Strides};

/// The view `einsum` takes of an operand with repeated labels (`'ii->i'`, `'iij->ij'`):
/// axes with the same label merge into one whose stride is the sum of theirs (the
/// diagonal). Returns the view and its labels (each once, in order of first appearance).
///
/// # Errors
/// `ValueError` when `labels` does not name every axis, or repeated axes differ in size.
pub fn einsum_diagonal(a: &Array, labels: &[u32]) -> Result<(Array, Vec<u32>)> {
    if labels.len() != a.ndim() {
        return Err(Error::value(format!(
            "einstein sum subscripts string contains {} characters but operand has {} dimensions",
            labels.len(),
            a.ndim()
        )));
    }
    let mut out_labels: Vec<u32> = Vec::new();
    let mut shape = Shape::new();
    let mut strides = Strides::new();
    for (k, &l) in labels.iter().enumerate() {
        match out_labels.iter().position(|&x| x == l) {
            Some(j) => {
                if shape[j] != a.shape()[k] {
                    return Err(Error::value(format!(
                        "dimensions in operand for collapsing index '{}' don't match ({} != {})",
                        char::from_u32(l).unwrap_or('?'),
                        shape[j],
                        a.shape()[k]
                    )));
                }
                strides[j] += a.strides()[k];
            }
            None => {
                out_labels.push(l);
                shape.push(a.shape()[k]);
                strides.push(a.strides()[k]);
            }
        }
    }
    // SAFETY: index `i` of the view is the index of `a` that repeats `i[j]` on every axis
    // labelled like `j`; all those axes have the same size (checked), so it is an index of
    // `a` and invariant 1 carries over.
    let v = unsafe { a.view_unchecked(0, shape, strides) };
    Ok((v, out_labels))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Builtin, Order};

    #[test]
    fn diagonal_strides() {
        let a = Array::zeros(&[3, 3, 2], Builtin::Float64.dtype(), Order::C).unwrap();
        let (v, l) = einsum_diagonal(&a, &[1, 1, 2]).unwrap();
        assert_eq!(v.shape(), &[3, 2]);
        assert_eq!(v.strides(), &[48 + 16, 8]);
        assert_eq!(l, vec![1, 2]);
        assert!(einsum_diagonal(&a, &[1, 2, 2]).is_err());
    }
}
