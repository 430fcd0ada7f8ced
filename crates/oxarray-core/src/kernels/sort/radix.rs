//! LSD radix sort of unsigned keys, alone or carrying a `u32` payload (the index, for
//! argsort).
//!
//! The algorithm:
//! 1. One pass over the keys counts every byte position's digits (one histogram per byte).
//! 2. A byte position where all keys share one digit is skipped (small-range integers need
//!    only one or two passes).
//! 3. Each remaining position, least significant first, is one stable counting scatter
//!    between two buffers. Stability of every pass makes the whole sort stable, so equal
//!    keys keep their input order (their indices come out ascending).

/// Unsigned keys a radix sort can take apart byte by byte.
pub(crate) trait RadixKey: Copy + Ord + Default + Send + Sync + 'static {
    /// Bytes in the key.
    const BYTES: usize;
    /// Byte `i` (0 = least significant).
    fn byte(self, i: usize) -> usize;
}

macro_rules! radix_key {
    ($($t:ty),*) => {$(
        impl RadixKey for $t {
            const BYTES: usize = std::mem::size_of::<$t>();
            #[inline(always)]
            fn byte(self, i: usize) -> usize {
                ((self >> (8 * i)) & 0xff) as usize
            }
        }
    )*};
}
radix_key!(u8, u16, u32, u64);

/// Per-byte histograms, and which byte positions need a pass.
fn histograms<K: RadixKey>(
    keys: impl Iterator<Item = K>,
    n: usize,
) -> (Vec<[usize; 256]>, Vec<usize>) {
    let mut h = vec![[0usize; 256]; K::BYTES];
    for k in keys {
        for (b, hb) in h.iter_mut().enumerate() {
            hb[k.byte(b)] += 1;
        }
    }
    let passes = (0..K::BYTES).filter(|&b| !h[b].contains(&n)).collect();
    (h, passes)
}

fn offsets(h: &[usize; 256]) -> [usize; 256] {
    let mut off = [0usize; 256];
    let mut s = 0;
    for (o, &c) in off.iter_mut().zip(h.iter()) {
        *o = s;
        s += c;
    }
    off
}

/// Sort `keys` ascending (stable; the scratch buffer is allocated here).
pub(crate) fn sort_keys<K: RadixKey>(keys: &mut [K]) {
    let n = keys.len();
    let (h, passes) = histograms(keys.iter().copied(), n);
    if passes.is_empty() {
        return;
    }
    let mut tmp = vec![K::default(); n];
    let mut in_keys = true; // whether the current data lives in `keys`
    for &b in &passes {
        let mut off = offsets(&h[b]);
        let (src, dst): (&[K], &mut [K]) = if in_keys {
            (&*keys, &mut tmp[..])
        } else {
            (&tmp[..], &mut *keys)
        };
        for &k in src {
            let d = k.byte(b);
            dst[off[d]] = k;
            off[d] += 1;
        }
        in_keys = !in_keys;
    }
    if !in_keys {
        keys.copy_from_slice(&tmp);
    }
}

/// Stable argsort of `keys` (`n < 2**32`): the permutation written to `out`.
pub(crate) fn argsort_keys<K: RadixKey>(keys: &[K], out: &mut [i64]) {
    let n = keys.len();
    debug_assert!(out.len() == n && n <= u32::MAX as usize);
    let (h, passes) = histograms(keys.iter().copied(), n);
    if passes.is_empty() {
        for (i, o) in out.iter_mut().enumerate() {
            *o = i as i64;
        }
        return;
    }
    let mut a: Vec<(K, u32)> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    let mut b: Vec<(K, u32)> = vec![(K::default(), 0); n];
    for &p in &passes {
        let mut off = offsets(&h[p]);
        for &e in &a {
            let d = e.0.byte(p);
            b[off[d]] = e;
            off[d] += 1;
        }
        std::mem::swap(&mut a, &mut b);
    }
    for (o, e) in out.iter_mut().zip(&a) {
        *o = e.1 as i64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_argsorts_stably() {
        let mut s = 7u64;
        let mut next = || {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            s >> 20
        };
        for n in [0usize, 1, 5, 300, 5000] {
            let v: Vec<u64> = (0..n).map(|_| next() % 97 * 0x0101_0000_0000).collect();
            let mut a = v.clone();
            sort_keys(&mut a);
            let mut e = v.clone();
            e.sort();
            assert_eq!(a, e);
            let mut idx = vec![0i64; n];
            argsort_keys(&v, &mut idx);
            let mut ei: Vec<i64> = (0..n as i64).collect();
            ei.sort_by_key(|&i| v[i as usize]);
            assert_eq!(idx, ei);
        }
    }
}
