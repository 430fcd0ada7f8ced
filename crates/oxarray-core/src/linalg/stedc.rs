//! Eigenvalues and eigenvectors of a real symmetric tridiagonal matrix by Cuppen's
//! divide and conquer (what LAPACK's `dstedc` does for `syevd`).
//!
//! This follows faer 0.24's `tridiag_evd::divide_and_conquer` step for step (same
//! splitting, deflation tolerance, Löwner-formula repair of `z`, merge products), which is
//! crate-private in faer; what differs is the cost of the secular equation: faer evaluates
//! `1/rho + sum z_i^2 / (d_i - lambda)` one term after the other (a chain of dependent
//! divisions), and that evaluation was ~40% of eigh 500x500's divide and conquer (perf).
//! Here the sum runs over independent lanes (vectorised divisions), the Löwner products
//! and the eigenvector columns likewise, and the roots of one merge are found in parallel
//! when more than one thread is given. The leaves (at most `leaf` rows) are solved by
//! faer's public tridiagonal QR solver.

use faer::dyn_stack::{MemBuffer, MemStack};
use faer::linalg::evd::{
    self_adjoint_evd_scratch, tridiagonal_self_adjoint_evd, ComputeEigenvectors,
    SelfAdjointEvdParams,
};
use faer::linalg::matmul::matmul;
use faer::reborrow::{Reborrow, ReborrowMut};
use faer::{Accum, MatMut, Par};

/// Lanes of the vectorised sums (two AVX2 registers of f64, one of f32... the compiler
/// picks the width; what matters is that the lanes are independent).
const LANES: usize = 8;

macro_rules! stedc_impl {
    ($modname:ident, $t:ty) => {
        pub(crate) mod $modname {
            use super::*;
            type T = $t;

            /// `1/rho + sum z_i^2 / ((d_i - shift) - mu)`.
            #[inline(always)]
            fn secular_body(shift: T, mu: T, d: &[T], z: &[T], rho_recip: T) -> T {
                let mut acc = [0.0 as T; LANES];
                let mut dc = d.chunks_exact(LANES);
                let mut zc = z.chunks_exact(LANES);
                for (dd, zz) in (&mut dc).zip(&mut zc) {
                    for l in 0..LANES {
                        acc[l] += zz[l] * (zz[l] / ((dd[l] - shift) - mu));
                    }
                }
                let mut tail = 0.0 as T;
                for (dd, zz) in dc.remainder().iter().zip(zc.remainder()) {
                    tail += zz * (zz / ((dd - shift) - mu));
                }
                let mut s = rho_recip;
                for a in acc {
                    s += a;
                }
                s + tail
            }

            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx2,fma")]
            unsafe fn secular_avx2(shift: T, mu: T, d: &[T], z: &[T], rho_recip: T) -> T {
                secular_body(shift, mu, d, z, rho_recip)
            }

            fn secular_eq(shift: T, mu: T, d: &[T], z: &[T], rho_recip: T) -> T {
                #[cfg(target_arch = "x86_64")]
                if std::arch::is_x86_feature_detected!("avx2")
                    && std::arch::is_x86_feature_detected!("fma")
                {
                    // SAFETY: the features were just detected.
                    return unsafe { secular_avx2(shift, mu, d, z, rho_recip) };
                }
                secular_body(shift, mu, d, z, rho_recip)
            }

            /// `prod_{k != i} (mu_k + (shift_k - d_i)) / (d_k - d_i)`, times
            /// `mu_i + (shift_i - d_i)`: the square of the repaired `z_i` (Löwner).
            #[inline(always)]
            fn lowner_body(i: usize, d: &[T], mus: &[T], shifts: &[T]) -> T {
                let di = d[i];
                let mut acc = [1.0 as T; LANES];
                let part = |lo: usize, hi: usize, acc: &mut [T; LANES]| {
                    let (d, mus, shifts) = (&d[lo..hi], &mus[lo..hi], &shifts[lo..hi]);
                    let mut dc = d.chunks_exact(LANES);
                    let mut mc = mus.chunks_exact(LANES);
                    let mut sc = shifts.chunks_exact(LANES);
                    for ((dd, mm), ss) in (&mut dc).zip(&mut mc).zip(&mut sc) {
                        for l in 0..LANES {
                            acc[l] *= (mm[l] + (ss[l] - di)) / (dd[l] - di);
                        }
                    }
                    for ((dd, mm), ss) in dc
                        .remainder()
                        .iter()
                        .zip(mc.remainder())
                        .zip(sc.remainder())
                    {
                        acc[0] *= (mm + (ss - di)) / (dd - di);
                    }
                };
                part(0, i, &mut acc);
                part(i + 1, d.len(), &mut acc);
                let mut prod = mus[i] + (shifts[i] - di);
                for a in acc {
                    prod *= a;
                }
                prod
            }

            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx2,fma")]
            unsafe fn lowner_avx2(i: usize, d: &[T], mus: &[T], shifts: &[T]) -> T {
                lowner_body(i, d, mus, shifts)
            }

            fn lowner(i: usize, d: &[T], mus: &[T], shifts: &[T]) -> T {
                #[cfg(target_arch = "x86_64")]
                if std::arch::is_x86_feature_detected!("avx2")
                    && std::arch::is_x86_feature_detected!("fma")
                {
                    // SAFETY: the features were just detected.
                    return unsafe { lowner_avx2(i, d, mus, shifts) };
                }
                lowner_body(i, d, mus, shifts)
            }

            /// `out_i = z_i / ((d_i - shift) - mu)`, returning `sum out_i^2`.
            #[inline(always)]
            fn vec_col_body(out: &mut [T], z: &[T], d: &[T], shift: T, mu: T) -> T {
                let mut acc = [0.0 as T; LANES];
                let mut oc = out.chunks_exact_mut(LANES);
                let mut zc = z.chunks_exact(LANES);
                let mut dc = d.chunks_exact(LANES);
                for ((oo, zz), dd) in (&mut oc).zip(&mut zc).zip(&mut dc) {
                    for l in 0..LANES {
                        let v = zz[l] / ((dd[l] - shift) - mu);
                        oo[l] = v;
                        acc[l] += v * v;
                    }
                }
                for ((oo, zz), dd) in oc
                    .into_remainder()
                    .iter_mut()
                    .zip(zc.remainder())
                    .zip(dc.remainder())
                {
                    let v = zz / ((dd - shift) - mu);
                    *oo = v;
                    acc[0] += v * v;
                }
                acc.iter().sum()
            }

            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx2,fma")]
            unsafe fn vec_col_avx2(out: &mut [T], z: &[T], d: &[T], shift: T, mu: T) -> T {
                vec_col_body(out, z, d, shift, mu)
            }

            fn vec_col(out: &mut [T], z: &[T], d: &[T], shift: T, mu: T) -> T {
                #[cfg(target_arch = "x86_64")]
                if std::arch::is_x86_feature_detected!("avx2")
                    && std::arch::is_x86_feature_detected!("fma")
                {
                    // SAFETY: the features were just detected.
                    return unsafe { vec_col_avx2(out, z, d, shift, mu) };
                }
                vec_col_body(out, z, d, shift, mu)
            }

            /// The root of the secular equation in `(left, right)` (or `(left, right]`
            /// for the last one) as `(shift, mu)`, `lambda = shift + mu`, `shift` the
            /// nearer pole: faer's `secular_eq_root_finder` (bisection on the geometric
            /// mean, then secant, then bisection if the secant leaves the bracket).
            fn root(d: &[T], z: &[T], rho_recip: T, left: T, right: T, last: bool) -> (T, T) {
                let f = |shift: T, mu: T| secular_eq(shift, mu, d, z, rho_recip);
                let epsilon = T::EPSILON;
                let mid = left + (right - left) * 0.5;
                let f_mid0 = f(0.0, mid);
                let f_max = f(
                    left,
                    if last {
                        right - left
                    } else {
                        (right - left) * 0.5
                    },
                );
                let f_mid_left_shift = f(left, (right - left) * 0.5);
                let f_mid_right_shift = f(right, (left - right) * 0.5);
                let mut f_mid = f_mid0;
                let (mut shift, mu) = if last || (f_mid > 0.0) {
                    (left, (right - left) * 0.5)
                } else {
                    (right, (left - right) * 0.5)
                };
                if (f_mid_left_shift <= 0.0) && (f_mid_right_shift > 0.0) {
                    return (shift, mu);
                }
                if !last {
                    if shift == left {
                        if f_mid_left_shift < 0.0 {
                            shift = right;
                            f_mid = f_mid_right_shift;
                        }
                    } else if f_mid_right_shift > 0.0 {
                        shift = left;
                        f_mid = f_mid_left_shift;
                    }
                }
                // The secant iteration: (use_bisection, mu, left and right candidates).
                let secant = |mut mu_cur: T, mut mu_prev: T, mut f_cur: T, mut f_prev: T| {
                    if f_prev.abs() < f_cur.abs() {
                        std::mem::swap(&mut f_prev, &mut f_cur);
                        std::mem::swap(&mut mu_prev, &mut mu_cur);
                    }
                    let mut left_candidate = None;
                    let mut right_candidate = None;
                    let mut use_bisection = false;
                    let same_sign = (f_prev > 0.0) == (f_cur > 0.0);
                    if !same_sign {
                        let (min, max) = if mu_cur < mu_prev {
                            (mu_cur, mu_prev)
                        } else {
                            (mu_prev, mu_cur)
                        };
                        left_candidate = Some(min);
                        right_candidate = Some(max);
                    }
                    while f_cur != 0.0
                        && (mu_cur - mu_prev).abs()
                            > 8.0 * epsilon * mu_cur.abs().max(mu_prev.abs())
                        && (f_cur - f_prev).abs() > epsilon
                        && !use_bisection
                    {
                        let a = (f_cur - f_prev) * (mu_prev * mu_cur) / (mu_prev - mu_cur);
                        let b = f_cur - a / mu_cur;
                        let mu_zero = -a / b;
                        let f_zero = f(shift, mu_zero);
                        if f_zero < 0.0 {
                            left_candidate = Some(mu_zero);
                        } else {
                            right_candidate = Some(mu_zero);
                        }
                        mu_prev = mu_cur;
                        f_prev = f_cur;
                        mu_cur = mu_zero;
                        f_cur = f_zero;
                        if shift == left && (mu_cur < 0.0 || mu_cur > right - left) {
                            use_bisection = true;
                        }
                        if shift == right && (mu_cur > 0.0 || mu_cur < left - right) {
                            use_bisection = true;
                        }
                        if f_cur.abs() > f_prev.abs() {
                            let mut k = 1.0 as T;
                            for _ in 0..4 {
                                let mu_opposite = -a / (k * f_zero + b);
                                let f_opposite = f(shift, mu_opposite);
                                if f_zero < 0.0 && f_opposite >= 0.0 {
                                    right_candidate = Some(mu_opposite);
                                    break;
                                }
                                if f_zero > 0.0 && f_opposite <= 0.0 {
                                    left_candidate = Some(mu_opposite);
                                    break;
                                }
                                k *= 2.0;
                            }
                            use_bisection = true;
                        }
                    }
                    (use_bisection, mu_cur, left_candidate, right_candidate)
                };
                let (mut left_shifted, mut f_left, mut right_shifted, mut f_right) =
                    if shift == left {
                        (
                            0.0 as T,
                            T::NEG_INFINITY,
                            if last {
                                right - left
                            } else {
                                (right - left) * 0.5
                            },
                            if last { f_max } else { f_mid },
                        )
                    } else {
                        ((left - right) * 0.5, f_mid, 0.0 as T, T::INFINITY)
                    };
                let mut iteration_count = 0;
                let mut f_prev = f_mid;
                let (h0, h1, h2, h3) = (0.5 as T, 0.25 as T, 0.0625 as T, 0.00390625 as T);
                let mu_values = if shift == left {
                    [
                        right_shifted * h3,
                        right_shifted * h2,
                        right_shifted * h1,
                        right_shifted * h0,
                    ]
                } else {
                    [
                        left_shifted * h3,
                        left_shifted * h2,
                        left_shifted * h1,
                        left_shifted * h0,
                    ]
                };
                let f_values = mu_values.map(|mu| f(shift, mu));
                if shift == left {
                    let mut i = 0;
                    for (idx, (mu, fv)) in mu_values.iter().zip(&f_values).enumerate() {
                        if *fv < 0.0 {
                            left_shifted = *mu;
                            f_left = *fv;
                            i = idx + 1;
                        }
                    }
                    if i < f_values.len() {
                        right_shifted = mu_values[i];
                        f_right = f_values[i];
                    }
                } else {
                    let mut i = 0;
                    for (idx, (mu, fv)) in mu_values.iter().zip(&f_values).enumerate() {
                        if *fv > 0.0 {
                            right_shifted = *mu;
                            f_right = *fv;
                            i = idx + 1;
                        }
                    }
                    if i < f_values.len() {
                        left_shifted = mu_values[i];
                        f_left = f_values[i];
                    }
                }
                while right_shifted - left_shifted
                    > 2.0 * epsilon * left_shifted.abs().max(right_shifted.abs())
                {
                    let mid_arith = (left_shifted + right_shifted) * 0.5;
                    let mut mid_geom = left_shifted.abs().sqrt() * right_shifted.abs().sqrt();
                    if left_shifted < 0.0 {
                        mid_geom = -mid_geom;
                    }
                    let mid_shifted = if mid_geom == 0.0 { mid_arith } else { mid_geom };
                    let f_mid = f(shift, mid_shifted);
                    if f_mid == 0.0 {
                        return (shift, mid_shifted);
                    } else if f_mid > 0.0 {
                        right_shifted = mid_shifted;
                        f_prev = f_right;
                        f_right = f_mid;
                    } else {
                        left_shifted = mid_shifted;
                        f_prev = f_left;
                        f_left = f_mid;
                    }
                    if iteration_count == 4 {
                        break;
                    }
                    iteration_count += 1;
                }
                let args = if left_shifted == 0.0 {
                    (right_shifted * 2.0, right_shifted, f_prev, f_right)
                } else if right_shifted == 0.0 {
                    (left_shifted * 2.0, left_shifted, f_prev, f_left)
                } else {
                    (left_shifted, right_shifted, f_left, f_right)
                };
                let (use_bisection, mut mu_cur, left_candidate, right_candidate) =
                    secant(args.0, args.1, args.2, args.3);
                if let (Some(l), Some(r)) = (left_candidate, right_candidate) {
                    if l < r {
                        if l > left_shifted {
                            left_shifted = l;
                        }
                        if r < right_shifted {
                            right_shifted = r;
                        }
                    }
                }
                if use_bisection {
                    while right_shifted - left_shifted
                        > 2.0 * epsilon * left_shifted.abs().max(right_shifted.abs())
                    {
                        let mid_shifted = (left_shifted + right_shifted) * 0.5;
                        let f_mid = f(shift, mid_shifted);
                        if f_mid == 0.0 {
                            break;
                        } else if f_mid > 0.0 {
                            right_shifted = mid_shifted;
                        } else {
                            left_shifted = mid_shifted;
                        }
                    }
                    mu_cur = (left_shifted + right_shifted) * 0.5;
                }
                (shift, mu_cur)
            }

            /// The eigenvalues of `diag(d) + rho z z^T` (`d` ascending, the first `k`
            /// entries the non-deflated ones), as `shift + mu` per root.
            fn compute_eigenvalues(
                mus: &mut [T],
                shifts: &mut [T],
                d: &[T],
                z: &[T],
                rho: T,
                k: usize,
                threads: usize,
            ) {
                let rho_recip = rho.recip();
                let (dk, zk) = (&d[..k], &z[..k]);
                let znorm2: T = zk.iter().map(|x| x * x).sum();
                let one = |i: usize| {
                    let last = i == k - 1;
                    let left = d[i];
                    let right = if last { d[i] + rho * znorm2 } else { d[i + 1] };
                    root(dk, zk, rho_recip, left, right, last)
                };
                if threads > 1 && k >= 64 {
                    use rayon::prelude::*;
                    mus[..k]
                        .par_iter_mut()
                        .zip(shifts[..k].par_iter_mut())
                        .enumerate()
                        .with_min_len(16)
                        .for_each(|(i, (m, s))| {
                            let (sh, mu) = one(i);
                            *s = sh;
                            *m = mu;
                        });
                } else {
                    for i in 0..k {
                        let (sh, mu) = one(i);
                        shifts[i] = sh;
                        mus[i] = mu;
                    }
                }
                for i in k..d.len() {
                    shifts[i] = 0.0;
                    mus[i] = d[i];
                }
            }

            /// Scratch of one call, split between the halves of the recursion.
            struct Work<'a> {
                pl_before: &'a mut [usize],
                pl_after: &'a mut [usize],
                pr: &'a mut [usize],
                run_info: &'a mut [usize],
                z: &'a mut [T],
                pdiag: &'a mut [T],
                pz: &'a mut [T],
                hh: &'a mut [T],
                mus: &'a mut [T],
                shifts: &'a mut [T],
                repaired: MatMut<'a, T>,
                tmp: MatMut<'a, T>,
            }

            impl Work<'_> {
                fn split(&mut self, n1: usize) -> (Work<'_>, Work<'_>) {
                    let (a0, a1) = self.pl_before.split_at_mut(n1);
                    let (b0, b1) = self.pl_after.split_at_mut(n1);
                    let (c0, c1) = self.pr.split_at_mut(n1);
                    let (d0, d1) = self.run_info.split_at_mut(n1);
                    let (e0, e1) = self.z.split_at_mut(n1);
                    let (f0, f1) = self.pdiag.split_at_mut(n1);
                    let (g0, g1) = self.pz.split_at_mut(n1);
                    let (h0, h1) = self.hh.split_at_mut(n1);
                    let (i0, i1) = self.mus.split_at_mut(n1);
                    let (j0, j1) = self.shifts.split_at_mut(n1);
                    let (r0, _, _, r1) = self.repaired.rb_mut().split_at_mut(n1, n1);
                    let (t0, _, _, t1) = self.tmp.rb_mut().split_at_mut(n1, n1);
                    (
                        Work {
                            pl_before: a0,
                            pl_after: b0,
                            pr: c0,
                            run_info: d0,
                            z: e0,
                            pdiag: f0,
                            pz: g0,
                            hh: h0,
                            mus: i0,
                            shifts: j0,
                            repaired: r0,
                            tmp: t0,
                        },
                        Work {
                            pl_before: a1,
                            pl_after: b1,
                            pr: c1,
                            run_info: d1,
                            z: e1,
                            pdiag: f1,
                            pz: g1,
                            hh: h1,
                            mus: i1,
                            shifts: j1,
                            repaired: r1,
                            tmp: t1,
                        },
                    )
                }
            }

            fn par_of(threads: usize) -> Par {
                if threads > 1 {
                    Par::rayon(threads)
                } else {
                    Par::Seq
                }
            }

            /// faer's tridiagonal QR solver for a leaf (eigenvalues ascending).
            fn leaf(diag: &mut [T], offdiag: &[T], u: MatMut<'_, T>) -> Result<(), ()> {
                let n = diag.len();
                let d = faer::Col::<T>::from_fn(n, |i| diag[i]);
                let e = faer::Col::<T>::from_fn(n, |i| if i + 1 < n { offdiag[i] } else { 0.0 });
                let mut s = faer::Col::<T>::zeros(n);
                let mut params: faer::Spec<SelfAdjointEvdParams, T> = Default::default();
                params.recursion_threshold = usize::MAX;
                let mut mem = MemBuffer::new(self_adjoint_evd_scratch::<T>(
                    n,
                    ComputeEigenvectors::Yes,
                    Par::Seq,
                    params,
                ));
                tridiagonal_self_adjoint_evd(
                    d.as_diagonal(),
                    e.as_diagonal(),
                    s.as_diagonal_mut(),
                    Some(u),
                    Par::Seq,
                    MemStack::new(&mut mem),
                    params,
                )
                .map_err(|_| ())?;
                for i in 0..n {
                    diag[i] = s[i];
                }
                Ok(())
            }

            #[allow(clippy::too_many_lines)]
            fn recurse(
                diag: &mut [T],
                offdiag: &mut [T],
                mut u: MatMut<'_, T>,
                threads: usize,
                w: Work<'_>,
                leaf_size: usize,
            ) -> Result<(), ()> {
                let n = diag.len();
                if n <= leaf_size.max(4) {
                    return leaf(diag, offdiag, u);
                }
                let n1 = n / 2;
                let mut rho = offdiag[n1 - 1];
                diag[n1 - 1] -= rho.abs();
                diag[n1] -= rho.abs();
                let mut w = w;
                {
                    let (w0, w1) = w.split(n1);
                    let (diag0, diag1) = diag.split_at_mut(n1);
                    let (off0, off1) = offdiag.split_at_mut(n1 - 1);
                    let off1 = &mut off1[1..];
                    let (u0, _, _, u1) = u.rb_mut().split_at_mut(n1, n1);
                    if threads > 1 {
                        let t0 = threads / 2;
                        let t1 = threads - t0;
                        let (r0, r1) = rayon::join(
                            || recurse(diag0, off0, u0, t0, w0, leaf_size),
                            || recurse(diag1, off1, u1, t1, w1, leaf_size),
                        );
                        r0?;
                        r1?;
                    } else {
                        recurse(diag0, off0, u0, 1, w0, leaf_size)?;
                        recurse(diag1, off1, u1, 1, w1, leaf_size)?;
                    }
                }
                let Work {
                    pl_before,
                    pl_after,
                    pr,
                    run_info,
                    z,
                    pdiag,
                    pz,
                    hh,
                    mus,
                    shifts,
                    mut repaired,
                    mut tmp,
                } = w;
                let n2 = n - n1;
                // z: the last row of the first half's vectors, the first row of the
                // second's (negated for a negative coupling), over sqrt(2).
                let s2 = (0.5 as T).sqrt();
                for j in 0..n1 {
                    z[j] = u[(n1 - 1, j)] * s2;
                }
                for j in 0..n2 {
                    let x = u[(n1, n1 + j)];
                    z[n1 + j] = if rho < 0.0 { -x } else { x } * s2;
                }
                rho = rho.abs() * 2.0;
                {
                    let (mut i, mut j) = (0usize, 0usize);
                    for p in pl_before.iter_mut() {
                        if i == n1 {
                            *p = n1 + j;
                            j += 1;
                        } else if (j == n2) || diag[i] < diag[n1 + j] {
                            *p = i;
                            i += 1;
                        } else {
                            *p = n1 + j;
                            j += 1;
                        }
                    }
                }
                for (i, &p) in pl_before.iter().enumerate() {
                    pdiag[i] = diag[p];
                    pz[i] = z[p];
                }
                let dmax = pdiag.iter().fold(0.0 as T, |m, x| m.max(x.abs()));
                let zmax = pz.iter().fold(0.0 as T, |m, x| m.max(x.abs()));
                let eps = T::EPSILON;
                let tol = 8.0 * eps * dmax.max(zmax);
                if rho * zmax <= tol {
                    // Fully deflated: the halves' vectors, merged by eigenvalue.
                    {
                        let (mut tl, mut tr, mut bl, mut br) = tmp.rb_mut().split_at_mut(n1, n1);
                        tl.copy_from(u.rb().submatrix(0, 0, n1, n1));
                        br.copy_from(u.rb().submatrix(n1, n1, n2, n2));
                        tr.fill(0.0);
                        bl.fill(0.0);
                    }
                    for (j, &p) in pl_before.iter().enumerate() {
                        u.rb_mut().col_mut(j).copy_from(tmp.rb().col(p));
                    }
                    diag.copy_from_slice(pdiag);
                    return Ok(());
                }
                for x in pz.iter_mut() {
                    if (rho * *x).abs() <= tol {
                        *x = 0.0;
                    }
                }
                // Runs of (numerically) equal poles: a reflector per run leaves one
                // non-zero z in it.
                let mut applied_householder = false;
                let mut idx = 0;
                while idx < n {
                    let mut run_len = 1;
                    let d_prev = pdiag[idx];
                    while idx + run_len < n {
                        if pdiag[idx + run_len] - d_prev <= tol {
                            pdiag[idx + run_len] = d_prev;
                            run_len += 1;
                        } else {
                            break;
                        }
                    }
                    run_info[idx..idx + run_len].fill(run_len);
                    if run_len > 1 {
                        applied_householder = true;
                        let x = &mut pz[idx..idx + run_len];
                        let v = &mut hh[idx..idx + run_len];
                        let norm = x.iter().map(|t| t * t).sum::<T>().sqrt();
                        if norm == 0.0 {
                            v.fill(0.0);
                        } else {
                            // H = I - v v^T with H x = beta e_last.
                            let alpha = x[run_len - 1];
                            let beta = if alpha >= 0.0 { -norm } else { norm };
                            v.copy_from_slice(x);
                            v[run_len - 1] = alpha - beta;
                            let vtv: T = v.iter().map(|t| t * t).sum();
                            let sc = (2.0 / vtv).sqrt();
                            for t in v.iter_mut() {
                                *t *= sc;
                            }
                            x.fill(0.0);
                            x[run_len - 1] = beta;
                        }
                    }
                    idx += run_len;
                }
                let mut wd = 0;
                let mut wn = 0;
                for reader in 0..n {
                    let zz = pz[reader];
                    let dd = pdiag[reader];
                    if zz == 0.0 {
                        diag[wd] = dd;
                        pr[wd] = reader;
                        wd += 1;
                    } else {
                        pz[wn] = zz;
                        pdiag[wn] = dd;
                        pl_after[wn] = reader;
                        wn += 1;
                    }
                }
                let k = wn;
                for i in 0..wd {
                    pdiag[k + i] = diag[i];
                    pl_after[k + i] = pr[i];
                }
                compute_eigenvalues(mus, shifts, pdiag, pz, rho, k, threads);
                // Löwner: the z for which the computed roots are exact.
                for i in 0..k {
                    let prod = lowner(i, &pdiag[..k], &mus[..k], &shifts[..k]).abs().sqrt();
                    pz[i] = if pz[i] < 0.0 { -prod } else { prod };
                }
                let eigenvals = z;
                for i in 0..n {
                    eigenvals[i] = mus[i] + shifts[i];
                }
                for (i, p) in pr.iter_mut().enumerate() {
                    *p = i;
                }
                pr.sort_unstable_by(|&i, &j| match eigenvals[i].partial_cmp(&eigenvals[j]) {
                    Some(o) => o,
                    None => {
                        if eigenvals[i].is_nan() && eigenvals[j].is_nan() {
                            std::cmp::Ordering::Equal
                        } else if eigenvals[i].is_nan() {
                            std::cmp::Ordering::Greater
                        } else {
                            std::cmp::Ordering::Less
                        }
                    }
                });
                if !applied_householder {
                    // Deflated columns are columns of the halves' vectors; the others are
                    // the halves' vectors at the non-deflated rows times the secular
                    // vectors (LAPACK's `laed3` products, only over those rows).
                    for p in pl_after.iter_mut() {
                        *p = pl_before[*p];
                    }
                    let (top, bot): (Vec<usize>, Vec<usize>) =
                        (0..k).partition(|&i| pl_after[i] < n1);
                    let (kt, kb) = (top.len(), bot.len());
                    let ut = faer::Mat::<T>::from_fn(n1, kt, |r, c| u[(r, pl_after[top[c]])]);
                    let ub = faer::Mat::<T>::from_fn(n2, kb, |r, c| u[(n1 + r, pl_after[bot[c]])]);
                    let order: Vec<usize> = top.iter().chain(bot.iter()).copied().collect();
                    let mut sm = faer::Mat::<T>::zeros(k, k);
                    let mut col = vec![0.0 as T; k];
                    let mut c = 0;
                    for &pj in pr.iter() {
                        if pj < k {
                            let ss = vec_col(&mut col, &pz[..k], &pdiag[..k], shifts[pj], mus[pj]);
                            let inv = ss.sqrt().recip();
                            let mut sc = sm.as_mut().col_mut(c);
                            for (r, &i) in order.iter().enumerate() {
                                sc[r] = col[i] * inv;
                            }
                            c += 1;
                        }
                    }
                    let mut ot = faer::Mat::<T>::zeros(n1, k);
                    let mut ob = faer::Mat::<T>::zeros(n2, k);
                    {
                        let (st, sb) = sm.as_ref().split_at_row(kt);
                        let (otm, obm) = (ot.as_mut(), ob.as_mut());
                        let (utr, ubr) = (ut.as_ref(), ub.as_ref());
                        let go = |o: MatMut<'_, T>,
                                  l: faer::MatRef<'_, T>,
                                  r: faer::MatRef<'_, T>,
                                  t: usize| {
                            if l.ncols() > 0 {
                                matmul(o, Accum::Replace, l, r, 1.0, par_of(t));
                            }
                        };
                        if threads > 1 {
                            let t0 = threads / 2;
                            let t1 = threads - t0;
                            rayon::join(|| go(otm, utr, st, t0), || go(obm, ubr, sb, t1));
                        } else {
                            go(otm, utr, st, 1);
                            go(obm, ubr, sb, 1);
                        }
                    }
                    let mut out = tmp;
                    let mut c = 0;
                    for (j, &pj) in pr.iter().enumerate() {
                        let (mut o_top, mut o_bot) = out.rb_mut().col_mut(j).split_at_row_mut(n1);
                        if pj >= k {
                            let r = pl_after[pj];
                            if r < n1 {
                                o_top.copy_from(u.rb().col(r).subrows(0, n1));
                                o_bot.fill(0.0);
                            } else {
                                o_top.fill(0.0);
                                o_bot.copy_from(u.rb().col(r).subrows(n1, n2));
                            }
                        } else {
                            o_top.copy_from(ot.col(c));
                            o_bot.copy_from(ob.col(c));
                            c += 1;
                        }
                    }
                    u.copy_from(out.rb());
                    for i in 0..n {
                        diag[i] = mus[pr[i]] + shifts[pr[i]];
                    }
                    return Ok(());
                }
                // The secular vectors, columns in ascending eigenvalue order.
                let mut col = vec![0.0 as T; k];
                for (j, &pj) in pr.iter().enumerate() {
                    let mut c = repaired.rb_mut().col_mut(j);
                    if pj >= k {
                        c.fill(0.0);
                        c[pl_after[pj]] = 1.0;
                    } else {
                        let ss = vec_col(&mut col, &pz[..k], &pdiag[..k], shifts[pj], mus[pj]);
                        let inv = ss.sqrt().recip();
                        for (i, &p) in pl_after[..k].iter().enumerate() {
                            c[p] = col[i] * inv;
                        }
                        for &p in &pl_after[k..n] {
                            c[p] = 0.0;
                        }
                    }
                }
                let (rep, mut out) = if applied_householder {
                    let mut idx = 0;
                    while idx < n {
                        let run_len = run_info[idx];
                        if run_len > 1 {
                            let v = &hh[idx..idx + run_len];
                            for j in 0..n {
                                let mut c = repaired.rb_mut().col_mut(j);
                                let mut dot = 0.0 as T;
                                for (r, vr) in v.iter().enumerate() {
                                    dot += vr * c[idx + r];
                                }
                                for (r, vr) in v.iter().enumerate() {
                                    c[idx + r] -= dot * vr;
                                }
                            }
                        }
                        idx += run_len;
                    }
                    for j in 0..n {
                        for (i, &p) in pl_before.iter().enumerate() {
                            tmp[(p, j)] = repaired[(i, j)];
                        }
                    }
                    (tmp, repaired)
                } else {
                    (repaired, tmp)
                };
                {
                    let (rep_top, rep_bot) = rep.rb().split_at_row(n1);
                    let (out_top, out_bot) = out.rb_mut().split_at_row_mut(n1);
                    let u0 = u.rb().submatrix(0, 0, n1, n1);
                    let u1 = u.rb().submatrix(n1, n1, n2, n2);
                    if threads > 1 {
                        let t0 = threads / 2;
                        let t1 = threads - t0;
                        rayon::join(
                            || matmul(out_top, Accum::Replace, u0, rep_top, 1.0, par_of(t0)),
                            || matmul(out_bot, Accum::Replace, u1, rep_bot, 1.0, par_of(t1)),
                        );
                    } else {
                        matmul(out_top, Accum::Replace, u0, rep_top, 1.0, Par::Seq);
                        matmul(out_bot, Accum::Replace, u1, rep_bot, 1.0, Par::Seq);
                    }
                }
                u.copy_from(out.rb());
                for i in 0..n {
                    diag[i] = mus[pr[i]] + shifts[pr[i]];
                }
                Ok(())
            }

            /// The eigenvalues (ascending, into `diag`) and eigenvectors (columns of `u`,
            /// `n x n`) of the symmetric tridiagonal matrix with diagonal `diag` and
            /// off-diagonal `offdiag` (length `n - 1` or more; destroyed), on `threads`
            /// threads, with leaves of at most `leaf_size` rows solved by QR.
            pub(crate) fn stedc(
                diag: &mut [T],
                offdiag: &mut [T],
                u: MatMut<'_, T>,
                threads: usize,
                leaf_size: usize,
            ) -> Result<(), ()> {
                let n = diag.len();
                if n == 0 {
                    return Ok(());
                }
                let mut ib = vec![0usize; 4 * n];
                let (pl_before, rest) = ib.split_at_mut(n);
                let (pl_after, rest) = rest.split_at_mut(n);
                let (pr, run_info) = rest.split_at_mut(n);
                let mut fb = vec![0.0 as T; 7 * n];
                let (z, rest) = fb.split_at_mut(n);
                let (pdiag, rest) = rest.split_at_mut(n);
                let (pz, rest) = rest.split_at_mut(n);
                let (hh, rest) = rest.split_at_mut(n);
                let (mus, rest) = rest.split_at_mut(n);
                let (shifts, _) = rest.split_at_mut(n);
                let mut repaired = faer::Mat::<T>::zeros(n, n);
                let mut tmp = faer::Mat::<T>::zeros(n, n);
                let w = Work {
                    pl_before,
                    pl_after,
                    pr,
                    run_info,
                    z,
                    pdiag,
                    pz,
                    hh,
                    mus,
                    shifts,
                    repaired: repaired.as_mut(),
                    tmp: tmp.as_mut(),
                };
                let mut off = offdiag[..n - 1].to_vec();
                off.push(0.0);
                recurse(diag, &mut off, u, threads, w, leaf_size)
            }
        }
    };
}

stedc_impl!(f64s, f64);
stedc_impl!(f32s, f32);
