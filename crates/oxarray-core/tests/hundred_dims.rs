//! No rank limit: a 100-dimensional array is created, indexed, reshaped, transposed and
//! copied (NumPy stops at 64 dimensions).

use oxarray_core::layout::Order;
use oxarray_core::ops::index::{self, Index};
use oxarray_core::{iter, ops, Array, Builtin, Scalar};

#[test]
fn a_hundred_dimensional_array_works_like_any_other() {
    let mut shape = vec![1usize; 100];
    shape[0] = 2;
    shape[50] = 3;
    shape[99] = 2;
    let a = Array::zeros(&shape, Builtin::Int32.dtype(), Order::C).unwrap();
    assert_eq!((a.ndim(), a.size()), (100, 12));
    assert!(a.is_c_contiguous());

    // Index: set one element through a full integer index, read it back.
    let mut idx = vec![0usize; 100];
    idx[0] = 1;
    idx[50] = 2;
    idx[99] = 1;
    a.set(&idx, &Scalar::Int(7)).unwrap();
    let key: Vec<Index> = idx.iter().map(|&i| Index::Int(i as isize)).collect();
    let (v, scalar) = index::get(&a, &key).unwrap();
    assert!(scalar);
    assert_eq!(v.item().unwrap(), Scalar::Int(7));
    // A slice along axis 50 keeps 100 dimensions.
    let mut key = vec![Index::Ellipsis];
    key.insert(0, Index::Int(1));
    let (row, _) = index::get(&a, &key).unwrap();
    assert_eq!(row.ndim(), 99);

    // Reshape to 2-d and back.
    let flat = ops::reshape(&a, &[6, 2], Order::C).unwrap();
    assert_eq!(flat.get(&[5, 1]), Scalar::Int(7));
    let back = ops::reshape(
        &flat,
        &shape.iter().map(|&d| d as isize).collect::<Vec<_>>(),
        Order::C,
    )
    .unwrap();
    assert_eq!(back.get(&idx), Scalar::Int(7));

    // Transpose (reversed axes) and a copy of it.
    let t = ops::transpose(&a, None).unwrap();
    let rev: Vec<usize> = idx.iter().rev().copied().collect();
    assert_eq!(t.get(&rev), Scalar::Int(7));
    let c = iter::copy_of(&t, Order::C).unwrap();
    assert!(c.is_c_contiguous());
    assert_eq!(c.get(&rev), Scalar::Int(7));
    assert!(!c.may_share_memory(&a));
}
