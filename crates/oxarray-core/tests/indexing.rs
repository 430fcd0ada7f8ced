//! Indexing plans: basic indices make views, advanced ones gather and scatter, errors name
//! the index, the axis and its length.

use oxarray_core::layout::Order;
use oxarray_core::ops::index::{self, Index, Plan};
use oxarray_core::{iter, ops, Array, Builtin, Scalar};

fn arange2(rows: usize, cols: usize) -> Array {
    let a = Array::zeros(&[rows * cols], Builtin::Int64.dtype(), Order::C).unwrap();
    for i in 0..rows * cols {
        a.set(&[i], &Scalar::Int(i as i64)).unwrap();
    }
    ops::reshape(&a, &[rows as isize, cols as isize], Order::C).unwrap()
}

fn int_array(v: &[i64]) -> Array {
    let a = Array::zeros(&[v.len()], Builtin::Int64.dtype(), Order::C).unwrap();
    for (i, &x) in v.iter().enumerate() {
        a.set(&[i], &Scalar::Int(x)).unwrap();
    }
    a
}

#[test]
fn basic_indices_are_views() {
    let a = arange2(3, 4);
    let key = [
        Index::Slice(None, None, Some(-1)),
        Index::NewAxis,
        Index::Int(-1),
    ];
    match index::plan(&a, &key).unwrap() {
        Plan::View { view, scalar } => {
            assert!(!scalar);
            assert_eq!(view.shape(), &[3, 1]);
            assert_eq!(view.get(&[0, 0]), Scalar::Int(11));
            assert!(std::sync::Arc::ptr_eq(view.storage(), a.storage()));
        }
        Plan::Fancy(_) => panic!("a basic index"),
    }
}

#[test]
fn separated_advanced_indices_go_first() {
    let a = ops::reshape(&arange2(6, 4), &[2, 3, 4], Order::C).unwrap();
    let i = int_array(&[0, 1]);
    // Adjacent: the broadcast block stays in place.
    let (r, _) = index::get(
        &a,
        &[
            Index::Slice(None, None, None),
            Index::Array(i.clone()),
            Index::Array(i.clone()),
        ],
    )
    .unwrap();
    assert_eq!(r.shape(), &[2, 2]);
    // Separated by a slice: the block goes first.
    let (r, _) = index::get(
        &a,
        &[
            Index::Array(i.clone()),
            Index::Slice(None, None, None),
            Index::Array(i.clone()),
        ],
    )
    .unwrap();
    assert_eq!(r.shape(), &[2, 3]);
    // Separated by an ellipsis that expands to nothing: still first (NumPy's rule).
    let (r, _) = index::get(
        &a,
        &[
            Index::Slice(None, None, None),
            Index::Array(i.clone()),
            Index::Ellipsis,
            Index::Array(i),
        ],
    )
    .unwrap();
    assert_eq!(r.shape(), &[2, 2]);
}

#[test]
fn scatter_drops_extra_leading_unit_axes() {
    let a = arange2(3, 4);
    let v = ops::reshape(&int_array(&[9, 8, 7, 6]), &[1, 1, 4], Order::C).unwrap();
    index::set(&a, &[Index::Array(int_array(&[1]))], &v).unwrap();
    assert_eq!(a.get(&[1, 3]), Scalar::Int(6));
    iter::copy_into(&a, &v).unwrap();
    assert_eq!(a.get(&[2, 0]), Scalar::Int(9));
}

#[test]
fn errors_name_the_index_axis_and_length() {
    let a = arange2(3, 4);
    let e = index::get(&a, &[Index::NewAxis, Index::Array(int_array(&[5]))])
        .err()
        .unwrap();
    assert_eq!(
        e.message(),
        "index 5 is out of bounds for axis 0 with size 3"
    );
    let e = index::get(&a, &[Index::Int(0), Index::Int(-5)])
        .err()
        .unwrap();
    assert_eq!(
        e.message(),
        "index -5 is out of bounds for axis 1 with size 4"
    );
    let e = index::get(&a, &[Index::Int(0), Index::Int(0), Index::Int(0)])
        .err()
        .unwrap();
    assert!(e.message().starts_with("too many indices for array"));
    assert_eq!(e.kind(), oxarray_core::ErrorKind::Index);
}
