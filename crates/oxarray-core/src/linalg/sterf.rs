//! Eigenvalues of a symmetric tridiagonal matrix: LAPACK's `dsterf`/`ssterf` (the
//! root-free QL/QR iteration of Pal, Walker and Kahan), what NumPy's `eigvalsh` runs
//! after the tridiagonal reduction (`syevd` without vectors).
//!
//! faer's self-adjoint solver without vectors runs its implicit QR iteration, which
//! forms every Givens rotation (a `hypot` and divisions per step): on a 500x500 matrix
//! that took ~30% of `eigvalsh`'s time. The root-free iteration works on the squared
//! off-diagonal and needs no square root in its inner loop.

/// Iterations per eigenvalue before giving up (LAPACK's `MAXIT`).
const MAXIT: usize = 30;

macro_rules! sterf_impl {
    ($name:ident, $t:ty) => {
        /// The eigenvalues, ascending, of the symmetric tridiagonal matrix with diagonal
        /// `d` (length `n`) and off-diagonal `e` (length at least `n - 1`; destroyed):
        /// written into `d`. `Err(k)`: `k` off-diagonal elements did not converge
        /// (LAPACK's `info > 0`).
        pub(crate) fn $name(d: &mut [$t], e: &mut [$t]) -> Result<(), usize> {
            /// The eigenvalues `(rt1, rt2)`, `|rt1| >= |rt2|`, of `[[a, b], [b, c]]`
            /// (LAPACK's `dlae2`).
            fn lae2(a: $t, b: $t, c: $t) -> ($t, $t) {
                let sm = a + c;
                let df = a - c;
                let adf = df.abs();
                let tb = b + b;
                let ab = tb.abs();
                let (acmx, acmn) = if a.abs() > c.abs() { (a, c) } else { (c, a) };
                let rt = if adf > ab {
                    adf * (1.0 + (ab / adf).powi(2)).sqrt()
                } else if adf < ab {
                    ab * (1.0 + (adf / ab).powi(2)).sqrt()
                } else {
                    ab * (2.0 as $t).sqrt()
                };
                if sm < 0.0 {
                    let rt1 = 0.5 * (sm - rt);
                    (rt1, (acmx / rt1) * acmn - (b / rt1) * b)
                } else if sm > 0.0 {
                    let rt1 = 0.5 * (sm + rt);
                    (rt1, (acmx / rt1) * acmn - (b / rt1) * b)
                } else {
                    (0.5 * rt, -0.5 * rt)
                }
            }
            let n = d.len();
            if n <= 1 {
                return Ok(());
            }
            let eps: $t = <$t>::EPSILON * 0.5;
            let eps2 = eps * eps;
            let safmin: $t = <$t>::MIN_POSITIVE;
            let safmax: $t = 1.0 / safmin;
            let ssfmax = safmax.sqrt() / 3.0;
            let ssfmin = safmin.sqrt() / eps2;
            let nmaxit = n * MAXIT;
            let mut jtot = 0usize;
            // 0-based: `l1` is the first row of the next unreduced block.
            let mut l1 = 0usize;
            loop {
                if l1 >= n {
                    break;
                }
                if l1 > 0 {
                    e[l1 - 1] = 0.0;
                }
                // The end `m` of the unreduced block starting at `l1`.
                let mut m = n - 1;
                for mm in l1..n - 1 {
                    let tst = e[mm].abs();
                    if tst == 0.0 {
                        m = mm;
                        break;
                    }
                    if tst <= (d[mm].abs().sqrt() * d[mm + 1].abs().sqrt()) * eps {
                        e[mm] = 0.0;
                        m = mm;
                        break;
                    }
                }
                let mut l = l1;
                let lsv = l;
                let mut lend = m;
                let lendsv = lend;
                l1 = m + 1;
                if lend == l {
                    continue;
                }
                // Scale the block.
                let mut anorm: $t = 0.0;
                for i in l..=lend {
                    let a = d[i].abs();
                    if a > anorm || a.is_nan() {
                        anorm = a;
                    }
                }
                for i in l..lend {
                    let a = e[i].abs();
                    if a > anorm || a.is_nan() {
                        anorm = a;
                    }
                }
                if anorm == 0.0 {
                    continue;
                }
                let mut iscale = 0;
                if anorm > ssfmax {
                    iscale = 1;
                    scale(&mut d[l..=lend], anorm, ssfmax);
                    scale(&mut e[l..lend], anorm, ssfmax);
                } else if anorm < ssfmin {
                    iscale = 2;
                    scale(&mut d[l..=lend], anorm, ssfmin);
                    scale(&mut e[l..lend], anorm, ssfmin);
                }
                for x in e[l..lend].iter_mut() {
                    *x *= *x;
                }
                // QL when the block's larger end is at the bottom, else QR.
                if d[lend].abs() < d[l].abs() {
                    lend = lsv;
                    l = lendsv;
                }
                if lend >= l {
                    // QL iteration: look for a small subdiagonal element.
                    'ql: loop {
                        let mut m = lend;
                        if l != lend {
                            for mm in l..lend {
                                if e[mm].abs() <= eps2 * (d[mm] * d[mm + 1]).abs() {
                                    m = mm;
                                    break;
                                }
                            }
                        }
                        if m < lend {
                            e[m] = 0.0;
                        }
                        let mut p = d[l];
                        if m == l {
                            // An eigenvalue.
                            d[l] = p;
                            l += 1;
                            if l <= lend {
                                continue 'ql;
                            }
                            break 'ql;
                        }
                        if m == l + 1 {
                            let rte = e[l].sqrt();
                            let (rt1, rt2) = lae2(d[l], rte, d[l + 1]);
                            d[l] = rt1;
                            d[l + 1] = rt2;
                            e[l] = 0.0;
                            l += 2;
                            if l <= lend {
                                continue 'ql;
                            }
                            break 'ql;
                        }
                        if jtot == nmaxit {
                            break 'ql;
                        }
                        jtot += 1;
                        // The shift.
                        let rte = e[l].sqrt();
                        let mut sigma = (d[l + 1] - p) / (2.0 * rte);
                        let r = sigma.hypot(1.0);
                        sigma = p - rte / (sigma + r.copysign(sigma));
                        let mut c: $t = 1.0;
                        let mut s: $t = 0.0;
                        let mut gamma = d[m] - sigma;
                        p = gamma * gamma;
                        let mut i = m;
                        while i > l {
                            i -= 1;
                            let bb = e[i];
                            let r = p + bb;
                            if i != m - 1 {
                                e[i + 1] = s * r;
                            }
                            let oldc = c;
                            c = p / r;
                            s = bb / r;
                            let oldgam = gamma;
                            let alpha = d[i];
                            gamma = c * (alpha - sigma) - s * oldgam;
                            d[i + 1] = oldgam + (alpha - gamma);
                            p = if c != 0.0 {
                                (gamma * gamma) / c
                            } else {
                                oldc * bb
                            };
                        }
                        e[l] = s * p;
                        d[l] = sigma + gamma;
                    }
                } else {
                    // QR iteration: look for a small superdiagonal element.
                    'qr: loop {
                        let mut m = lend;
                        let mut mm = l;
                        while mm > lend {
                            if e[mm - 1].abs() <= eps2 * (d[mm] * d[mm - 1]).abs() {
                                m = mm;
                                break;
                            }
                            mm -= 1;
                        }
                        if m > lend {
                            e[m - 1] = 0.0;
                        }
                        let mut p = d[l];
                        if m == l {
                            d[l] = p;
                            if l == lend {
                                break 'qr;
                            }
                            l -= 1;
                            continue 'qr;
                        }
                        if m + 1 == l {
                            let rte = e[l - 1].sqrt();
                            let (rt1, rt2) = lae2(d[l], rte, d[l - 1]);
                            d[l] = rt1;
                            d[l - 1] = rt2;
                            e[l - 1] = 0.0;
                            if l < lend + 2 {
                                break 'qr;
                            }
                            l -= 2;
                            continue 'qr;
                        }
                        if jtot == nmaxit {
                            break 'qr;
                        }
                        jtot += 1;
                        let rte = e[l - 1].sqrt();
                        let mut sigma = (d[l - 1] - p) / (2.0 * rte);
                        let r = sigma.hypot(1.0);
                        sigma = p - rte / (sigma + r.copysign(sigma));
                        let mut c: $t = 1.0;
                        let mut s: $t = 0.0;
                        let mut gamma = d[m] - sigma;
                        p = gamma * gamma;
                        for i in m..l {
                            let bb = e[i];
                            let r = p + bb;
                            if i != m {
                                e[i - 1] = s * r;
                            }
                            let oldc = c;
                            c = p / r;
                            s = bb / r;
                            let oldgam = gamma;
                            let alpha = d[i + 1];
                            gamma = c * (alpha - sigma) - s * oldgam;
                            d[i] = oldgam + (alpha - gamma);
                            p = if c != 0.0 {
                                (gamma * gamma) / c
                            } else {
                                oldc * bb
                            };
                        }
                        e[l - 1] = s * p;
                        d[l] = sigma + gamma;
                    }
                }
                // Undo the scaling.
                if iscale == 1 {
                    scale(&mut d[lsv..=lendsv], ssfmax, anorm);
                } else if iscale == 2 {
                    scale(&mut d[lsv..=lendsv], ssfmin, anorm);
                }
                if jtot >= nmaxit {
                    let bad = e[..n - 1].iter().filter(|x| **x != 0.0).count();
                    return Err(bad.max(1));
                }
            }
            d.sort_unstable_by(|a, b| a.total_cmp(b));
            Ok(())
        }
    };
}

/// Multiply `x` by `to / from` without overflow or underflow (LAPACK's `dlascl` for a
/// scaling between the safe range's ends: one multiplication by the ratio is exact
/// enough there, both being powers-of-two-scaled square roots of the range).
fn scale<T: Copy + std::ops::Mul<Output = T> + std::ops::Div<Output = T>>(
    x: &mut [T],
    from: T,
    to: T,
) {
    for v in x.iter_mut() {
        *v = (*v / from) * to;
    }
}

sterf_impl!(sterf_f64, f64);
sterf_impl!(sterf_f32, f32);

#[cfg(test)]
mod tests {
    use super::*;

    /// The eigenvalues of the `n x n` tridiagonal matrix with 2 on the diagonal and -1
    /// beside it are `2 - 2 cos(k pi / (n + 1))`.
    #[test]
    fn second_difference_matrix() {
        for n in [1usize, 2, 3, 7, 50, 301] {
            let mut d = vec![2.0f64; n];
            let mut e = vec![-1.0f64; n];
            sterf_f64(&mut d, &mut e).unwrap();
            for (k, x) in d.iter().enumerate() {
                let want =
                    2.0 - 2.0 * ((k + 1) as f64 * std::f64::consts::PI / (n + 1) as f64).cos();
                assert!((x - want).abs() < 1e-12, "n={n} k={k}: {x} vs {want}");
            }
        }
    }

    #[test]
    fn split_and_scaled_blocks() {
        let mut d = vec![1e300, 3e300, -2.0, 5.0, 1e-300];
        let mut e = vec![1e300, 0.0, 1.0, 0.0];
        sterf_f32(&mut [1.0f32, 2.0], &mut [0.5f32]).unwrap();
        sterf_f64(&mut d, &mut e).unwrap();
        assert!(d.windows(2).all(|w| w[0] <= w[1]));
        // [[1e300, 1e300], [1e300, 3e300]]: 2e300 -+ sqrt(2) 1e300.
        let s2 = std::f64::consts::SQRT_2;
        // Ascending: 1.5 - r, 1e-300, 1.5 + r, (2 - s2) 1e300, (2 + s2) 1e300.
        assert!((d[4] / 1e300 - (2.0 + s2)).abs() < 1e-14);
        assert!((d[3] / 1e300 - (2.0 - s2)).abs() < 1e-14);
        // [[-2, 1], [1, 5]]: 1.5 -+ sqrt(12.25 + 1).
        let r = 13.25f64.sqrt();
        assert!((d[0] - (1.5 - r)).abs() < 1e-14);
        assert!((d[2] - (1.5 + r)).abs() < 1e-14);
        assert_eq!(d[1], 1e-300);
    }
}
