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

// ---------------------------------------------------------------------------------------
// einsum's contraction-order search.
//
// NumPy's `einsum_path` algorithms (`numpy/_core/einsumfunc.py`), kept step for step so
// that the paths (including ties, broken by first occurrence) are NumPy's:
// 1. A label set is a bit mask over the 52 einsum symbols; sizes multiply (saturating).
// 2. `optimal`: breadth-first over every sequence of pairwise contractions whose
//    intermediate fits in `memory_limit`, keeping the first sequence of least total cost.
// 3. `greedy`: repeatedly take the candidate pair (sharing a label) that removes the most
//    elements, then costs least, among those that fit and keep the running cost under the
//    naive cost; after each step only pairs with the new intermediate are added.

/// The number of elements of the labels in `set`.
fn set_size(set: u64, sizes: &[u128]) -> u128 {
    let mut r: u128 = 1;
    let mut bits = set;
    while bits != 0 {
        let b = bits.trailing_zeros() as usize;
        r = r.saturating_mul(sizes.get(b).copied().unwrap_or(1));
        bits &= bits - 1;
    }
    r
}

fn flop_count(contract: u64, inner: bool, terms: usize, sizes: &[u128]) -> u128 {
    let f = terms.saturating_sub(1).max(1) as u128 + u128::from(inner);
    set_size(contract, sizes).saturating_mul(f)
}

/// `(new_result, remaining sets + new_result, removed, contracted)`.
fn find_contraction(positions: &[usize], sets: &[u64], output: u64) -> (u64, Vec<u64>, u64, u64) {
    let mut contract = 0u64;
    let mut remain = output;
    let mut remaining = Vec::with_capacity(sets.len());
    for (i, &v) in sets.iter().enumerate() {
        if positions.contains(&i) {
            contract |= v;
        } else {
            remaining.push(v);
            remain |= v;
        }
    }
    let new_result = remain & contract;
    remaining.push(new_result);
    (new_result, remaining, contract & !new_result, contract)
}

fn first_min<T, K: PartialOrd>(items: &[T], key: impl Fn(&T) -> K) -> Option<usize> {
    let mut best: Option<(usize, K)> = None;
    for (i, it) in items.iter().enumerate() {
        let k = key(it);
        if best.as_ref().is_none_or(|(_, b)| k < *b) {
            best = Some((i, k));
        }
    }
    best.map(|b| b.0)
}

fn optimal_path(sets: &[u64], output: u64, sizes: &[u128], limit: u128) -> Vec<Vec<usize>> {
    let n = sets.len();
    let mut full: Vec<(u128, Vec<Vec<usize>>, Vec<u64>)> = vec![(0, Vec::new(), sets.to_vec())];
    for iteration in 0..n.saturating_sub(1) {
        let m = n - iteration;
        let mut next = Vec::new();
        for (cost, positions, remaining) in &full {
            for i in 0..m {
                for j in i + 1..m {
                    let (res, new_sets, removed, contract) =
                        find_contraction(&[i, j], remaining, output);
                    if set_size(res, sizes) > limit {
                        continue;
                    }
                    let total = cost.saturating_add(flop_count(contract, removed != 0, 2, sizes));
                    let mut p = positions.clone();
                    p.push(vec![i, j]);
                    next.push((total, p, new_sets));
                }
            }
        }
        if next.is_empty() {
            let b = first_min(&full, |x| x.0).unwrap_or(0);
            let mut path = full.swap_remove(b).1;
            path.push((0..m).collect());
            return path;
        }
        full = next;
    }
    match first_min(&full, |x| x.0) {
        Some(b) => full.swap_remove(b).1,
        None => vec![(0..n).collect()],
    }
}

struct Candidate {
    sort: (i128, u128),
    pos: (usize, usize),
    sets: Vec<u64>,
}

fn greedy_path(sets: &[u64], output: u64, sizes: &[u128], limit: u128) -> Vec<Vec<usize>> {
    let n = sets.len();
    if n <= 2 {
        return vec![(0..n).collect()];
    }
    let all: Vec<usize> = (0..n).collect();
    let (_, _, removed, contract) = find_contraction(&all, sets, output);
    let naive = flop_count(contract, removed != 0, n, sizes);
    let parse = |x: usize, y: usize, sets: &[u64], path_cost: u128| -> Option<Candidate> {
        let (res, new_sets, removed, contract) = find_contraction(&[x, y], sets, output);
        let new_size = set_size(res, sizes);
        if new_size > limit {
            return None;
        }
        let old = set_size(sets[x], sizes).saturating_add(set_size(sets[y], sizes));
        let removed_size =
            old.min(i128::MAX as u128) as i128 - new_size.min(i128::MAX as u128) as i128;
        let cost = flop_count(contract, removed != 0, 2, sizes);
        if path_cost.saturating_add(cost) > naive {
            return None;
        }
        Some(Candidate {
            sort: (-removed_size, cost),
            pos: (x, y),
            sets: new_sets,
        })
    };
    let pairs = |m: usize| -> Vec<(usize, usize)> {
        (0..m)
            .flat_map(|i| (i + 1..m).map(move |j| (i, j)))
            .collect()
    };
    let mut sets = sets.to_vec();
    let mut comb = pairs(n);
    let mut known: Vec<Candidate> = Vec::new();
    let mut path_cost: u128 = 0;
    let mut path: Vec<Vec<usize>> = Vec::new();
    for _ in 0..n - 1 {
        for &(x, y) in &comb {
            if sets[x] & sets[y] == 0 {
                continue;
            }
            if let Some(c) = parse(x, y, &sets, path_cost) {
                known.push(c);
            }
        }
        if known.is_empty() {
            for (x, y) in pairs(sets.len()) {
                if let Some(c) = parse(x, y, &sets, path_cost) {
                    known.push(c);
                }
            }
            if known.is_empty() {
                path.push((0..sets.len()).collect());
                break;
            }
        }
        let b = first_min(&known, |c| c.sort).unwrap_or(0);
        let best = known.remove(b);
        let (bx, by) = best.pos;
        let newest = *best.sets.last().unwrap_or(&0);
        known = known
            .into_iter()
            .filter(|c| ![bx, by].contains(&c.pos.0) && ![bx, by].contains(&c.pos.1))
            .map(|mut c| {
                let (x, y) = c.pos;
                let shift = |v: usize| v - usize::from(v > x) - usize::from(v > y);
                c.sets.remove(shift(by));
                c.sets.remove(shift(bx));
                let at = c.sets.len() - 1;
                c.sets.insert(at, newest);
                let back = |v: usize| v - usize::from(v > bx) - usize::from(v > by);
                c.pos = (back(x), back(y));
                c
            })
            .collect();
        sets = best.sets;
        let new_pos = sets.len() - 1;
        comb = (0..new_pos).map(|i| (i, new_pos)).collect();
        path.push(vec![bx, by]);
        path_cost = path_cost.saturating_add(best.sort.1);
    }
    path
}

/// NumPy's `einsum_path` search: `kind` is `"greedy"` or `"optimal"`; `sets` are the
/// operands' label sets and `output` the output's (bit masks over the 52 symbols);
/// `sizes[b]` is the size of label `b`. Returns the path as lists of operand positions.
///
/// # Errors
/// `ValueError` for an unknown `kind`.
pub fn einsum_search(
    kind: &str,
    sets: &[u64],
    output: u64,
    sizes: &[u128],
    memory_limit: u128,
) -> Result<Vec<Vec<usize>>> {
    match kind {
        "greedy" => Ok(greedy_path(sets, output, sizes, memory_limit)),
        "optimal" => Ok(optimal_path(sets, output, sizes, memory_limit)),
        _ => Err(Error::value(format!("unknown path search {kind:?}"))),
    }
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

    #[test]
    fn chain_order() {
        // ij,jk,kl->il with i=5, j=30, k=4, l=60: contract (0, 1) first.
        let mut sizes = vec![1u128; 64];
        for (b, n) in [(0, 5), (1, 30), (2, 4), (3, 60)] {
            sizes[b] = n;
        }
        let sets = [0b0011, 0b0110, 0b1100];
        let p = einsum_search("greedy", &sets, 0b1001, &sizes, u128::MAX).unwrap();
        assert_eq!(p, vec![vec![0, 1], vec![0, 1]]);
        let p = einsum_search("optimal", &sets, 0b1001, &sizes, u128::MAX).unwrap();
        assert_eq!(p, vec![vec![0, 1], vec![0, 1]]);
    }
}
