//! Histograms and `bincount`.
//!
//! `histogram_uniform` is NumPy's fast path for equal bins (`_histogram` in
//! `numpy/lib/_histograms_impl.py`) in one pass: per value `i = int((x - first) / (last -
//! first) * n)` in the edges' float type, clamped to the last bin for `x == last`, then
//! corrected by one against the actual edges (NumPy's decrement/increment step), so values
//! within an ulp of an edge land where NumPy puts them. Weighted sums are accumulated per
//! block of 65536 values and the block sums added, as NumPy's `bincount` per block does.
//!
//! `histogram_edges` (explicit, possibly unequal edges) finds each value's bin by binary
//! search; counts equal NumPy's sort-and-search; weighted sums are accumulated directly
//! (NumPy differences cumulative sums, so the last bits of float sums may differ).

use crate::array::Array;
use crate::dtype::Builtin;
use crate::error::{Error, Result};
use crate::ops::stats::{as_cow, from_vec, to_vec};

/// NumPy's histogram block size.
const BLOCK: usize = 65536;

/// A float type the uniform-bin arithmetic runs in (the bin edges' dtype).
pub trait EdgeFloat: Copy + PartialOrd + Into<f64> {
    fn from_f64(v: f64) -> Self;
    fn index(x: Self, first: Self, denom: Self, n: usize) -> isize;
}

impl EdgeFloat for f64 {
    fn from_f64(v: f64) -> Self {
        v
    }
    fn index(x: f64, first: f64, denom: f64, n: usize) -> isize {
        (((x - first) / denom) * n as f64) as isize
    }
}

impl EdgeFloat for f32 {
    fn from_f64(v: f64) -> Self {
        v as f32
    }
    fn index(x: f32, first: f32, denom: f32, n: usize) -> isize {
        (((x - first) / denom) * n as f32) as isize
    }
}

fn uniform_bins<F: EdgeFloat>(
    a: &[F],
    edges: &[F],
    weights: Option<&[f64]>,
) -> (Vec<i64>, Vec<f64>) {
    let n = edges.len() - 1;
    let (first, last) = (edges[0], edges[n]);
    let denom = F::from_f64(last.into() - first.into());
    // `last - first` in F (NumPy's `_unsigned_subtract` of two F scalars).
    let denom = if std::mem::size_of::<F>() == 4 {
        F::from_f64((last.into() as f32 - first.into() as f32) as f64)
    } else {
        denom
    };
    let mut counts = vec![0i64; if weights.is_none() { n } else { 0 }];
    let mut wsum = vec![0f64; if weights.is_some() { n } else { 0 }];
    let mut block = vec![0f64; if weights.is_some() { n } else { 0 }];
    let bin = |x: F| -> Option<usize> {
        if !(x >= first && x <= last) {
            return None;
        }
        let mut i = F::index(x, first, denom, n).clamp(0, n as isize) as usize;
        if i == n {
            i -= 1;
        }
        if x < edges[i] {
            i = i.saturating_sub(1);
        }
        if i != n - 1 && x >= edges[i + 1] {
            i += 1;
        }
        Some(i)
    };
    match weights {
        None => {
            for &x in a {
                if let Some(i) = bin(x) {
                    counts[i] += 1;
                }
            }
        }
        Some(w) => {
            for (xs, ws) in a.chunks(BLOCK).zip(w.chunks(BLOCK)) {
                block.iter_mut().for_each(|b| *b = 0.0);
                for (&x, &wt) in xs.iter().zip(ws) {
                    if let Some(i) = bin(x) {
                        block[i] += wt;
                    }
                }
                for (t, b) in wsum.iter_mut().zip(&block) {
                    *t += *b;
                }
            }
        }
    }
    (counts, wsum)
}

/// Counts (int64) or weighted sums (float64) of `a` in the `edges.len() - 1` equal bins of
/// `edges` (NumPy's `linspace(first, last, n + 1)` in `edges`' dtype, float32 or float64).
///
/// # Errors
/// `ValueError` for fewer than two edges or mismatched weights.
pub fn histogram_uniform(a: &Array, edges: &Array, weights: Option<&Array>) -> Result<Array> {
    if edges.size() < 2 {
        return Err(Error::value("histogram needs at least one bin"));
    }
    let w = match weights {
        Some(w) => {
            if w.size() != a.size() {
                return Err(Error::value("weights should have the same shape as a."));
            }
            Some(to_vec::<f64>(w)?)
        }
        None => None,
    };
    let (counts, sums) = if edges.dtype().descr().builtin == Some(Builtin::Float32) {
        let av = to_vec::<f32>(a)?;
        let ev = to_vec::<f32>(edges)?;
        uniform_bins(&av, &ev, w.as_deref())
    } else {
        let av = as_cow::<f64>(a)?;
        let ev = to_vec::<f64>(edges)?;
        uniform_bins(&av, &ev, w.as_deref())
    };
    let n = edges.size() - 1;
    if w.is_some() {
        from_vec(&sums, &[n])
    } else {
        from_vec(&counts, &[n])
    }
}

/// Counts (int64) or weighted sums (float64) of `a` in the bins of the increasing `edges`
/// (each bin half-open except the last, which includes its right edge).
///
/// # Errors
/// `ValueError` for mismatched weights.
pub fn histogram_edges(a: &Array, edges: &[f64], weights: Option<&Array>) -> Result<Array> {
    let av = as_cow::<f64>(a)?;
    let n = edges.len().saturating_sub(1);
    let w = match weights {
        Some(w) => {
            if w.size() != a.size() {
                return Err(Error::value("weights should have the same shape as a."));
            }
            Some(to_vec::<f64>(w)?)
        }
        None => None,
    };
    let mut counts = vec![0i64; n];
    let mut sums = vec![0f64; n];
    if n > 0 {
        let (first, last) = (edges[0], edges[n]);
        for (k, &x) in av.iter().enumerate() {
            if !(x >= first && x <= last) {
                continue;
            }
            // The last edge <= x; a value equal to the last edge is in the last bin.
            let i = (edges.partition_point(|&e| e <= x) - 1).min(n - 1);
            match &w {
                None => counts[i] += 1,
                Some(w) => sums[i] += w[k],
            }
        }
    }
    if w.is_some() {
        from_vec(&sums, &[n])
    } else {
        from_vec(&counts, &[n])
    }
}

/// NumPy's `bincount`: occurrences (int64) or summed weights (float64) of each value of
/// the non-negative integer array `x`, at least `minlength` long.
///
/// # Errors
/// `ValueError` for negative values, non-1-d input, mismatched weights.
/// A zero-filled vector of `len` counts, `MemoryError` when it cannot be had (sizes here
/// come from user data: a huge value or `minlength` must not abort the process).
fn zeroed<T: Clone + Default>(len: usize) -> Result<Vec<T>> {
    let bytes = len.checked_mul(std::mem::size_of::<T>());
    if bytes.is_none_or(|b| b > isize::MAX as usize) {
        return Err(Error::value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."));
    }
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| {
        Error::memory(format!(
            "Unable to allocate {} for an array with shape ({len},)",
            bytes.unwrap_or(0)
        ))
    })?;
    v.resize(len, T::default());
    Ok(v)
}

/// Minimum and maximum (at least -1) of `xs` in one branch-free pass; an AVX2 copy (4-wide
/// 64-bit compares) is picked at run time.
fn min_max(xs: &[i64]) -> (i64, i64) {
    #[inline(always)]
    fn go(xs: &[i64]) -> (i64, i64) {
        let mut lo = [i64::MAX; 8];
        let mut hi = [-1i64; 8];
        let mut ch = xs.chunks_exact(8);
        for c in &mut ch {
            for j in 0..8 {
                lo[j] = lo[j].min(c[j]);
                hi[j] = hi[j].max(c[j]);
            }
        }
        let (mut l, mut h) = (
            lo.iter().copied().min().unwrap_or(i64::MAX),
            hi.iter().copied().max().unwrap_or(-1),
        );
        for &v in ch.remainder() {
            l = l.min(v);
            h = h.max(v);
        }
        (l, h)
    }
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn go_avx2(xs: &[i64]) -> (i64, i64) {
        go(xs)
    }
    #[cfg(target_arch = "x86_64")]
    if crate::kernels::simd::has_avx2() {
        // SAFETY: AVX2 is present.
        return unsafe { go_avx2(xs) };
    }
    go(xs)
}

/// Occurrences of each value of `xs` (all in `0..c.len()`) added to `c`. Long inputs with
/// a short table are split into parts counted on the pool into tables of their own, then
/// summed (integer counts: the same result for any split); each part counts into four
/// interleaved tables so repeated values do not wait on one another's stores.
fn count_into(xs: &[i64], c: &mut [i64]) -> Result<()> {
    /// Values per part.
    const PART: usize = 1 << 17;
    fn count4(xs: &[i64], c: &mut [i64]) {
        let len = c.len();
        if len > 1 << 16 || xs.len() < 4 * len {
            for &v in xs {
                c[v as usize] += 1;
            }
            return;
        }
        let mut t = vec![0i64; 3 * len];
        let (t1, rest) = t.split_at_mut(len);
        let (t2, t3) = rest.split_at_mut(len);
        let mut ch = xs.chunks_exact(4);
        for q in &mut ch {
            c[q[0] as usize] += 1;
            t1[q[1] as usize] += 1;
            t2[q[2] as usize] += 1;
            t3[q[3] as usize] += 1;
        }
        for &v in ch.remainder() {
            c[v as usize] += 1;
        }
        for i in 0..len {
            c[i] += t1[i] + t2[i] + t3[i];
        }
    }
    let parts = xs.len().div_ceil(PART);
    let work = xs.len() * 8;
    if parts < 2 || c.len() * 8 > xs.len() || crate::exec::parallelism(work) < 2 {
        count4(xs, c);
        return Ok(());
    }
    let tables: Vec<std::sync::Mutex<Vec<i64>>> = (0..parts)
        .map(|_| std::sync::Mutex::new(Vec::new()))
        .collect();
    let len = c.len();
    crate::exec::for_each_part(parts, work, |p| {
        let mut t = zeroed::<i64>(len)?;
        count4(&xs[p * PART..((p + 1) * PART).min(xs.len())], &mut t);
        *tables[p].lock().unwrap_or_else(|e| e.into_inner()) = t;
        Ok(())
    })?;
    for t in tables {
        let t = t.into_inner().unwrap_or_else(|e| e.into_inner());
        for (ci, ti) in c.iter_mut().zip(&t) {
            *ci += ti;
        }
    }
    Ok(())
}

pub fn bincount(x: &Array, weights: Option<&Array>, minlength: usize) -> Result<Array> {
    if x.ndim() > 1 {
        return Err(Error::value("object too deep for desired array"));
    }
    let xs = as_cow::<i64>(x)?;
    if xs.is_empty() {
        // NumPy answers an empty input with int64 zeros, weights or not.
        return from_vec(&zeroed::<i64>(minlength)?, &[minlength]);
    }
    let (minv, maxv) = min_max(&xs);
    if minv < 0 {
        return Err(Error::value(
            "'list' argument must have no negative elements",
        ));
    }
    let len = usize::try_from(maxv)
        .ok()
        .and_then(|m| m.checked_add(1))
        .ok_or_else(|| Error::value("maximum allowed dimension exceeded"))?
        .max(minlength);
    match weights {
        None => {
            let mut c = zeroed::<i64>(len)?;
            count_into(&xs, &mut c)?;
            from_vec(&c, &[len])
        }
        Some(w) => {
            if w.ndim() > 1 {
                return Err(Error::value("object too deep for desired array"));
            }
            if w.size() != xs.len() {
                return Err(Error::value(
                    "The weights and list don't have the same length.",
                ));
            }
            let ws = to_vec::<f64>(w)?;
            let mut c = zeroed::<f64>(len)?;
            for (&v, &wt) in xs.iter().zip(&ws) {
                c[v as usize] += wt;
            }
            from_vec(&c, &[len])
        }
    }
}

/// NumPy's `histogramdd` core: `sample` is `(N, D)`, `edges[d]` the increasing edges of
/// dimension `d`; returns the float64 histogram of shape `(len(edges[d]) - 1, ...)`.
/// A value equal to a dimension's last edge counts in its last bin; NaN and values outside
/// the edges are dropped.
///
/// # Errors
/// `ValueError` when `sample` is not 2-d with D columns or weights mismatch.
pub fn histogramdd(sample: &Array, edges: &[Vec<f64>], weights: Option<&Array>) -> Result<Array> {
    if sample.ndim() != 2 || sample.shape()[1] != edges.len() {
        return Err(Error::value(
            "The dimension of bins must be equal to the dimension of the sample x.",
        ));
    }
    let (n, d) = (sample.shape()[0], sample.shape()[1]);
    let sv = to_vec::<f64>(sample)?;
    let w = match weights {
        Some(w) => {
            if w.size() != n {
                return Err(Error::value(
                    "The weights and list don't have the same length.",
                ));
            }
            Some(to_vec::<f64>(w)?)
        }
        None => None,
    };
    let shape: Vec<usize> = edges.iter().map(|e| e.len().saturating_sub(1)).collect();
    let total = shape
        .iter()
        .try_fold(1usize, |acc, &n| acc.checked_mul(n))
        .ok_or_else(|| {
            Error::value(
                "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
            )
        })?;
    let mut hist = zeroed::<f64>(total)?;
    'samples: for s in 0..n {
        let mut flat = 0usize;
        for (k, e) in edges.iter().enumerate() {
            let x = sv[s * d + k];
            let nb = e.len() - 1;
            if x.is_nan() || nb == 0 {
                continue 'samples;
            }
            // searchsorted(edges, x, 'right'), minus one for x == last edge.
            let mut c = e.partition_point(|&v| v <= x);
            if x == e[nb] {
                c -= 1;
            }
            if c == 0 || c > nb {
                continue 'samples;
            }
            flat = flat * nb + (c - 1);
        }
        hist[flat] += w.as_ref().map_or(1.0, |w| w[s]);
    }
    from_vec(&hist, &shape)
}
