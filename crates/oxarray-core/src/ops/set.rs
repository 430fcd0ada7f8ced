//! Set operations: NumPy's `unique` (flattened) and `isin`, on the sort kernel table.
//!
//! `unique`, the algorithm (NumPy's `_unique1d`):
//! 1. Flatten in C order. When only the values are asked for, sort them; otherwise take
//!    the stable argsort `perm` and gather the sorted values through it.
//! 2. The kernel's `unique_mask` marks where each run of equal values starts (NaNs form
//!    one run when `equal_nan`, else each is its own).
//! 3. values = sorted[mask]; index = perm[mask] (first occurrences, since the sort is
//!    stable); inverse[perm[i]] = (number of run starts up to i) - 1; counts = lengths of
//!    the runs.
//!
//! The other set functions (`union1d`, `intersect1d`, ...) are NumPy's compositions of
//! these in `python/oxarray/_sorting.py`.

use crate::array::Array;
use crate::dtype::{promote_types, Builtin, DType};
use crate::error::{Error, Result};
use crate::iter;
use crate::kernels::sort::kernels_for;
use crate::layout::Order;
use crate::ops::sort::{argsort, sort, SortKind};

/// What [`unique`] returns: the sorted unique values and, when asked, the first index of
/// each, the inverse (an index into the values for every input element, flattened) and
/// the counts (int64).
pub struct Unique {
    /// Sorted unique values (1-d, the input's dtype).
    pub values: Array,
    /// Index of each value's first occurrence in the flattened input.
    pub index: Option<Array>,
    /// For every flattened input element, the index of its value in `values`.
    pub inverse: Option<Array>,
    /// How often each value occurs.
    pub counts: Option<Array>,
}

fn i64_array(v: &[i64]) -> Result<Array> {
    let out = Array::zeros(&[v.len()], Builtin::Int64.dtype(), Order::C)?;
    if !v.is_empty() {
        // SAFETY: `out` is a fresh contiguous int64 array of v.len() elements.
        unsafe { std::ptr::copy_nonoverlapping(v.as_ptr(), out.data_ptr() as *mut i64, v.len()) };
    }
    Ok(out)
}

/// The elements of the contiguous 1-d `src` at `idx`, as a new 1-d array.
fn gather_bytes(src: &Array, idx: &[i64]) -> Result<Array> {
    let isz = src.itemsize();
    // SAFETY: every element is written below.
    let out = unsafe { Array::for_moves(&[idx.len()], src.dtype(), Order::C)? };
    for (j, &i) in idx.iter().enumerate() {
        // SAFETY: `src` is contiguous with more than `i` elements (indices come from a
        // permutation or mask of it); `out` holds idx.len() elements.
        unsafe {
            std::ptr::copy_nonoverlapping(
                src.data_ptr().add(i as usize * isz),
                out.data_ptr().add(j * isz),
                isz,
            )
        };
    }
    Ok(out.adopted())
}

/// NumPy's `np.unique(a)` on the flattened array (see the module doc).
///
/// # Errors
/// `TypeError` for a dtype without sort kernels, `MemoryError`.
pub fn unique(
    a: &Array,
    return_index: bool,
    return_inverse: bool,
    return_counts: bool,
    equal_nan: bool,
) -> Result<Unique> {
    let n = a.size();
    let flat = if a.dtype().is_native() {
        crate::ops::reshape(a, &[n as isize], Order::C)?
    } else {
        let c = iter::copy_as(a, a.dtype().to_native(), Order::C)?;
        crate::ops::reshape(&c, &[n as isize], Order::C)?
    };
    if let Some(keys) = crate::ops::sort::order_keys(&flat)? {
        // A dtype ordered as another (`DTypeOps::sort_as`): unique of the keys, the items
        // taken at the first occurrences. NumPy merges NaNs only for kinds c, f, m, M.
        let nan_kind = matches!(a.dtype().kind, 'c' | 'f' | 'm' | 'M');
        let u = unique(
            &keys,
            true,
            return_inverse,
            return_counts,
            equal_nan && nan_kind,
        )?;
        let index = u.index.ok_or_else(|| Error::value("unique: no index"))?;
        // SAFETY: `index` is a fresh contiguous int64 array.
        let iv =
            unsafe { std::slice::from_raw_parts(index.data_ptr() as *const i64, index.size()) };
        let flat = iter::copy_as(&flat, a.dtype().to_native(), Order::C)?;
        let values = gather_bytes(&flat, iv)?;
        let values = if values.dtype() == a.dtype() {
            values
        } else {
            iter::copy_as(&values, a.dtype(), Order::C)?
        };
        return Ok(Unique {
            values,
            index: return_index.then_some(index),
            inverse: u.inverse,
            counts: u.counts,
        });
    }
    if let Some(cmp) = crate::ops::sort::compare_of(flat.dtype()) {
        return unique_by_compare(a, &flat, cmp, return_index, return_inverse, return_counts);
    }
    let k = kernels_for(flat.dtype())?;
    if !return_index && !return_inverse && !return_counts {
        // Values only: the kernel's distinct-values path (a lookup table for small
        // integer ranges, else sort and deduplicate).
        let stride = if n > 0 { flat.strides()[0] } else { 0 };
        // SAFETY: invariant 1: `flat` is 1-d with n elements at its stride.
        let bytes = unsafe { (k.unique_values)(flat.data_ptr(), stride, n, equal_nan) };
        let isz = flat.itemsize();
        // SAFETY: every byte is written just below.
        let out = unsafe { Array::uninit(&[bytes.len() / isz], flat.dtype(), Order::C)? };
        // SAFETY: `out` holds exactly bytes.len() bytes.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), out.data_ptr(), bytes.len()) };
        return if out.dtype() == a.dtype() {
            Ok(Unique {
                values: out,
                index: None,
                inverse: None,
                counts: None,
            })
        } else {
            Ok(Unique {
                values: iter::copy_as(&out, a.dtype(), Order::C)?,
                index: None,
                inverse: None,
                counts: None,
            })
        };
    }
    let flat = if flat.is_c_contiguous() {
        flat
    } else {
        iter::copy_of(&flat, Order::C)?
    };
    let need_perm = return_index || return_inverse;
    let (sorted, perm) = if need_perm {
        let p = argsort(&flat, 0, SortKind::Stable, false)?;
        // SAFETY: `p` is a fresh contiguous int64 array of n elements.
        let pv = unsafe { std::slice::from_raw_parts(p.data_ptr() as *const i64, n) }.to_vec();
        (gather_bytes(&flat, &pv)?, pv)
    } else {
        (sort(&flat, 0, SortKind::Stable, false)?, Vec::new())
    };
    let mut mask = vec![false; n];
    // SAFETY: `sorted` is contiguous with n elements.
    unsafe {
        (k.unique_mask)(
            sorted.data_ptr(),
            sorted.itemsize() as isize,
            n,
            equal_nan,
            &mut mask,
        )
    };
    let starts: Vec<i64> = (0..n).filter(|&i| mask[i]).map(|i| i as i64).collect();
    let values = gather_bytes(&sorted, &starts)?;
    let values = if values.dtype() == a.dtype() {
        values
    } else {
        iter::copy_as(&values, a.dtype(), Order::C)?
    };
    let index = if return_index {
        Some(i64_array(
            &starts.iter().map(|&s| perm[s as usize]).collect::<Vec<_>>(),
        )?)
    } else {
        None
    };
    let inverse = if return_inverse {
        let mut inv = vec![0i64; n];
        let mut run = -1i64;
        for i in 0..n {
            run += mask[i] as i64;
            inv[perm[i] as usize] = run;
        }
        Some(i64_array(&inv)?)
    } else {
        None
    };
    let counts = if return_counts {
        let c: Vec<i64> = (0..starts.len())
            .map(|j| starts.get(j + 1).copied().unwrap_or(n as i64) - starts[j])
            .collect();
        Some(i64_array(&c)?)
    } else {
        None
    };
    Ok(Unique {
        values,
        index,
        inverse,
        counts,
    })
}

/// [`unique`] of the flattened `flat` (1-d) of a dtype ordered only by a comparison
/// (strings, objects): NumPy's `_unique1d` (a stable argsort, runs of items comparing
/// equal).
fn unique_by_compare(
    a: &Array,
    flat: &Array,
    cmp: crate::dtype::CompareFn,
    return_index: bool,
    return_inverse: bool,
    return_counts: bool,
) -> Result<Unique> {
    let n = flat.size();
    let flat = if flat.is_c_contiguous() {
        flat.clone()
    } else {
        iter::copy_of(flat, Order::C)?
    };
    let p = argsort(&flat, 0, SortKind::Stable, false)?;
    // SAFETY: `p` is a fresh contiguous int64 array of n elements.
    let perm = unsafe { std::slice::from_raw_parts(p.data_ptr() as *const i64, n) }.to_vec();
    let dt = flat.dtype();
    let isz = dt.itemsize;
    let base = flat.data_ptr() as *const u8;
    let mut starts: Vec<i64> = Vec::new();
    for i in 0..n {
        let new_run = i == 0 || {
            // SAFETY: `perm` indexes the n contiguous items of `flat`.
            let o = unsafe {
                cmp(
                    &dt,
                    base.add(perm[i - 1] as usize * isz),
                    base.add(perm[i] as usize * isz),
                )?
            };
            o != std::cmp::Ordering::Equal
        };
        if new_run {
            starts.push(i as i64);
        }
    }
    let first: Vec<i64> = starts.iter().map(|&s| perm[s as usize]).collect();
    let values = gather_bytes(&flat, &first)?;
    let values = if values.dtype() == a.dtype() {
        values
    } else {
        iter::copy_as(&values, a.dtype(), Order::C)?
    };
    let inverse = if return_inverse {
        let mut inv = vec![0i64; n];
        let mut run = -1i64;
        let mut next = 0;
        for i in 0..n {
            if next < starts.len() && starts[next] == i as i64 {
                run += 1;
                next += 1;
            }
            inv[perm[i] as usize] = run;
        }
        Some(i64_array(&inv)?)
    } else {
        None
    };
    let counts = if return_counts {
        let c: Vec<i64> = (0..starts.len())
            .map(|j| starts.get(j + 1).copied().unwrap_or(n as i64) - starts[j])
            .collect();
        Some(i64_array(&c)?)
    } else {
        None
    };
    Ok(Unique {
        values,
        index: if return_index {
            Some(i64_array(&first)?)
        } else {
            None
        },
        inverse,
        counts,
    })
}

/// How `isin` finds members (NumPy's `kind=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum IsInKind {
    /// Let the kernel choose (a table for small integer ranges, else sorting).
    #[default]
    Auto,
    /// Sort-based.
    Sort,
    /// Lookup table (bool and integer dtypes only).
    Table,
}

/// NumPy's `np.isin(element, test_elements, invert=)`: a bool array of `element`'s shape,
/// true where the element equals some test element (`==` in the common dtype: NaN is never
/// found, `-0.0` finds `0.0`).
///
/// # Errors
/// `ValueError` for `Table` on non-integer dtypes (NumPy's message), `TypeError` without
/// a common dtype or kernels.
pub fn isin(element: &Array, test: &Array, invert: bool, kind: IsInKind) -> Result<Array> {
    let dt = promote_types(element.dtype(), test.dtype())?.to_native();
    if kind == IsInKind::Table && !(dt.is_integer() || dt.is_bool()) {
        return Err(Error::value(
            "The 'table' method is only supported for boolean or integer arrays. Please select 'sort' or None for kind.",
        ));
    }
    // The operands as contiguous native arrays of `dt` (no copy when they already are).
    let ready = |x: &Array| x.dtype() == dt && x.is_c_contiguous() && x.is_aligned();
    let a = if ready(element) {
        element.clone()
    } else {
        iter::copy_as(element, dt, Order::C)?
    };
    let b = if ready(test) {
        test.clone()
    } else {
        iter::copy_as(test, dt, Order::C)?
    };
    if let Some(cmp) = crate::ops::sort::compare_of(dt) {
        return isin_by_compare(&a, &b, cmp, invert);
    }
    let k = kernels_for(dt)?;
    let out = Array::zeros(element.shape(), Builtin::Bool.dtype(), Order::C)?;
    let m = a.size();
    if m == 0 {
        return Ok(out);
    }
    // SAFETY: `out` is a fresh, zero-filled (all `false`) contiguous bool array of `m`
    // elements, not otherwise referenced while the slice lives.
    let res = unsafe { std::slice::from_raw_parts_mut(out.data_ptr() as *mut bool, m) };
    // SAFETY: `a` and `b` are contiguous arrays of their sizes.
    unsafe {
        (k.isin)(
            a.data_ptr(),
            a.itemsize() as isize,
            m,
            b.data_ptr(),
            b.itemsize() as isize,
            b.size(),
            res,
        )
    };
    if invert {
        res.iter_mut().for_each(|r| *r = !*r);
    }
    Ok(out)
}

/// [`isin`] of contiguous `a` in contiguous `b` (same dtype, ordered only by a
/// comparison): each element searched in the sorted `b`, a member when an item compares
/// equal.
fn isin_by_compare(
    a: &Array,
    b: &Array,
    cmp: crate::dtype::CompareFn,
    invert: bool,
) -> Result<Array> {
    let out = Array::zeros(a.shape(), Builtin::Bool.dtype(), Order::C)?;
    let (m, nb) = (a.size(), b.size());
    if m == 0 {
        return Ok(out);
    }
    let flat_b = crate::ops::reshape(b, &[nb as isize], Order::C)?;
    let p = argsort(&flat_b, 0, SortKind::Stable, false)?;
    // SAFETY: `p` is a fresh contiguous int64 array of nb elements.
    let perm = unsafe { std::slice::from_raw_parts(p.data_ptr() as *const i64, nb) };
    let dt = a.dtype();
    let isz = dt.itemsize;
    let (pa, pb) = (a.data_ptr() as *const u8, b.data_ptr() as *const u8);
    // Each element's place among the sorted test items (NumPy's left `searchsorted`),
    // then one comparison with the item found there.
    let mut at = vec![0i64; m];
    // SAFETY: `b` holds nb contiguous items of `dt`, `perm` indices below nb; `a` holds m
    // contiguous items.
    unsafe {
        crate::ops::cmpsort::searchsorted(
            dt,
            cmp,
            pb,
            isz as isize,
            nb,
            Some(perm),
            pa,
            m,
            false,
            &mut at,
        )?
    };
    // SAFETY: `out` is a fresh contiguous bool array of m elements.
    let res = unsafe { std::slice::from_raw_parts_mut(out.data_ptr() as *mut bool, m) };
    for (i, (r, &lo)) in res.iter_mut().zip(&at).enumerate() {
        let lo = lo as usize;
        let found = lo < nb && {
            // SAFETY: item `i` of `a`, item `perm[lo] < nb` of `b`.
            let o = unsafe { cmp(&dt, pb.add(perm[lo] as usize * isz), pa.add(i * isz))? };
            o == std::cmp::Ordering::Equal
        };
        *r = found != invert;
    }
    Ok(out)
}

/// NumPy's `np.unique(a, axis=0)` for a 2-d `a` of shape `(n, m)`: the unique rows.
///
/// Rows are ordered lexicographically by the dtype's sort order (NaN last), with a stable
/// sort so `index` holds first occurrences; two rows are equal when every element is
/// `==` (so a row holding a NaN is never equal to another: NumPy compares the rows as
/// structured records, where `equal_nan` does not apply). `values` has shape `(k, m)`.
///
/// # Errors
/// `ValueError` when `a` is not 2-d, `TypeError` without sort kernels.
pub fn unique_rows(
    a: &Array,
    return_index: bool,
    return_inverse: bool,
    return_counts: bool,
) -> Result<Unique> {
    if a.ndim() != 2 {
        return Err(Error::value("unique_rows needs a 2-d array"));
    }
    let src = iter::copy_as(a, a.dtype().to_native(), Order::C)?;
    let dt = src.dtype();
    // The element order: the sort kernels', or (dtypes ordered only by a comparison) the
    // dtype's comparison, whose first error ends the call.
    let cmpf = crate::ops::sort::compare_of(dt);
    let k = match cmpf {
        Some(_) => None,
        None => Some(kernels_for(dt)?),
    };
    let failed: std::cell::RefCell<Option<Error>> = std::cell::RefCell::new(None);
    // SAFETY (callers): `p` and `q` are elements of `src`.
    let elem_cmp = |p: *const u8, q: *const u8| -> std::cmp::Ordering {
        match (cmpf, &k) {
            (Some(c), _) => match unsafe { c(&dt, p, q) } {
                Ok(o) => o,
                Err(e) => {
                    failed.borrow_mut().get_or_insert(e);
                    std::cmp::Ordering::Equal
                }
            },
            (None, Some(k)) => unsafe { (k.compare)(p, q) },
            (None, None) => std::cmp::Ordering::Equal,
        }
    };
    let is_nan = |p: *const u8| match &k {
        // SAFETY: `p` is an element of `src`.
        Some(k) => unsafe { (k.is_nan)(p) },
        None => false,
    };
    let (n, m) = (a.shape()[0], a.shape()[1]);
    let isz = src.itemsize();
    let base = src.data_ptr() as *const u8;
    // SAFETY: `src` is a fresh C-contiguous (n, m) array: row r, column c is inside.
    let at = |r: usize, c: usize| unsafe { base.add((r * m + c) * isz) };
    let mut perm: Vec<usize> = (0..n).collect();
    perm.sort_by(|&x, &y| {
        for c in 0..m {
            // both elements are inside `src` (see `at`).
            let o = elem_cmp(at(x, c), at(y, c));
            if o != std::cmp::Ordering::Equal {
                return o;
            }
        }
        std::cmp::Ordering::Equal
    });
    let row_eq = |x: usize, y: usize| {
        (0..m).all(|c| {
            let (p, q) = (at(x, c), at(y, c));
            !is_nan(p) && !is_nan(q) && elem_cmp(p, q) == std::cmp::Ordering::Equal
        })
    };
    let mut starts: Vec<usize> = Vec::new();
    for i in 0..n {
        if i == 0 || !row_eq(perm[i - 1], perm[i]) {
            starts.push(i);
        }
    }
    if let Some(e) = failed.borrow_mut().take() {
        return Err(e);
    }
    // SAFETY: every row of `values` is written below (byte copies of live items), then
    // adopted.
    let values = unsafe { Array::for_moves(&[starts.len(), m], src.dtype(), Order::C)? };
    for (j, &s) in starts.iter().enumerate() {
        // SAFETY: row `perm[s]` of `src` and row `j` of `values` are inside their arrays.
        unsafe {
            std::ptr::copy_nonoverlapping(
                at(perm[s], 0),
                values.data_ptr().add(j * m * isz),
                m * isz,
            )
        };
    }
    let values = values.adopted();
    let values = if values.dtype() == a.dtype() {
        values
    } else {
        iter::copy_as(&values, a.dtype(), Order::C)?
    };
    let index = if return_index {
        Some(i64_array(
            &starts.iter().map(|&s| perm[s] as i64).collect::<Vec<_>>(),
        )?)
    } else {
        None
    };
    let inverse = if return_inverse {
        let mut inv = vec![0i64; n];
        let mut run = -1i64;
        let mut next = 0;
        for i in 0..n {
            if next < starts.len() && starts[next] == i {
                run += 1;
                next += 1;
            }
            inv[perm[i]] = run;
        }
        Some(i64_array(&inv)?)
    } else {
        None
    };
    let counts = if return_counts {
        let c: Vec<i64> = (0..starts.len())
            .map(|j| (starts.get(j + 1).copied().unwrap_or(n) - starts[j]) as i64)
            .collect();
        Some(i64_array(&c)?)
    } else {
        None
    };
    Ok(Unique {
        values,
        index,
        inverse,
        counts,
    })
}

/// The flattened (C order) arrays one after another, in `dtype` when given, else their
/// common dtype (NumPy's `concatenate(arrays, axis=None)`).
///
/// # Errors
/// `TypeError` without a common dtype or cast, `MemoryError`.
pub fn concat_flat(arrays: &[Array], dtype: Option<DType>) -> Result<Array> {
    let dt = match dtype {
        Some(d) => d,
        None => {
            let mut it = arrays.iter().map(|a| a.dtype());
            let first = it
                .next()
                .ok_or_else(|| Error::value("need at least one array to concatenate"))?;
            it.try_fold(first, promote_types)?
        }
    };
    let total: usize = arrays.iter().map(|a| a.size()).sum();
    let out = Array::zeros(&[total], dt, Order::C)?;
    let mut at = 0usize;
    for a in arrays {
        let n = a.size();
        if n == 0 {
            continue;
        }
        let part = iter::copy_as(a, dt, Order::C)?;
        // SAFETY: `part` is contiguous with n elements; `out` has room for them at `at`.
        unsafe {
            std::ptr::copy_nonoverlapping(
                part.data_ptr(),
                out.data_ptr().add(at * dt.itemsize),
                n * dt.itemsize,
            )
        };
        at += n;
    }
    Ok(out)
}
