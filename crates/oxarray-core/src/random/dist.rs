//! The distributions of `numpy.random.Generator`: a line-by-line port of NumPy's
//! `src/distributions/distributions.c`. Same raw draws, same rejection loops, same
//! floating-point operation order (no fused multiply-adds: C compiles without contraction).

use super::bitgen::Source;
use super::logfact::LOGFACT;
use super::ziggurat::*;
use std::f64::consts::PI;
use std::sync::atomic::{AtomicBool, Ordering};

pub fn standard_uniform<R: Source>(r: &mut R) -> f64 {
    r.next_double()
}

fn standard_exponential_unlikely<R: Source>(r: &mut R, idx: usize, x: f64) -> f64 {
    if idx == 0 {
        ZIGGURAT_EXP_R - (-r.next_double()).ln_1p()
    } else if (FE_DOUBLE[idx - 1] - FE_DOUBLE[idx]) * r.next_double() + FE_DOUBLE[idx] < (-x).exp()
    {
        x
    } else {
        standard_exponential(r)
    }
}

pub fn standard_exponential<R: Source>(r: &mut R) -> f64 {
    let mut ri = r.next_u64();
    ri >>= 3;
    let idx = (ri & 0xFF) as usize;
    ri >>= 8;
    let x = ri as f64 * WE_DOUBLE[idx];
    if ri < KE_DOUBLE[idx] {
        return x;
    }
    standard_exponential_unlikely(r, idx, x)
}

fn standard_exponential_unlikely_f<R: Source>(r: &mut R, idx: usize, x: f32) -> f32 {
    if idx == 0 {
        ZIGGURAT_EXP_R_F - (-r.next_float()).ln_1p()
    } else if (FE_FLOAT[idx - 1] - FE_FLOAT[idx]) * r.next_float() + FE_FLOAT[idx] < (-x).exp() {
        x
    } else {
        standard_exponential_f(r)
    }
}

pub fn standard_exponential_f<R: Source>(r: &mut R) -> f32 {
    let mut ri = r.next_u32();
    ri >>= 1;
    let idx = (ri & 0xFF) as usize;
    ri >>= 8;
    let x = ri as f32 * WE_FLOAT[idx];
    if ri < KE_FLOAT[idx] {
        return x;
    }
    standard_exponential_unlikely_f(r, idx, x)
}

pub fn standard_exponential_inv<R: Source>(r: &mut R) -> f64 {
    -(-r.next_double()).ln_1p()
}

pub fn standard_exponential_inv_f<R: Source>(r: &mut R) -> f32 {
    // C: `-npy_log1p(-next_float(...))` computes in double, stored to float.
    (-(-(r.next_float() as f64)).ln_1p()) as f32
}

pub fn standard_normal<R: Source>(r: &mut R) -> f64 {
    loop {
        let mut rr = r.next_u64();
        let idx = (rr & 0xff) as usize;
        rr >>= 8;
        let sign = rr & 0x1;
        let rabs = (rr >> 1) & 0x000fffffffffffff;
        let mut x = rabs as f64 * WI_DOUBLE[idx];
        if sign & 0x1 == 1 {
            x = -x;
        }
        if rabs < KI_DOUBLE[idx] {
            return x;
        }
        if idx == 0 {
            loop {
                let xx = -ZIGGURAT_NOR_INV_R * (-r.next_double()).ln_1p();
                let yy = -(-r.next_double()).ln_1p();
                if yy + yy > xx * xx {
                    return if (rabs >> 8) & 0x1 == 1 {
                        -(ZIGGURAT_NOR_R + xx)
                    } else {
                        ZIGGURAT_NOR_R + xx
                    };
                }
            }
        } else if (FI_DOUBLE[idx - 1] - FI_DOUBLE[idx]) * r.next_double() + FI_DOUBLE[idx]
            < (-0.5 * x * x).exp()
        {
            return x;
        }
    }
}

pub fn standard_normal_f<R: Source>(r: &mut R) -> f32 {
    loop {
        let rr = r.next_u32();
        let idx = (rr & 0xff) as usize;
        let sign = (rr >> 8) & 0x1;
        let rabs = (rr >> 9) & 0x0007fffff;
        let mut x = rabs as f32 * WI_FLOAT[idx];
        if sign & 0x1 == 1 {
            x = -x;
        }
        if rabs < KI_FLOAT[idx] {
            return x;
        }
        if idx == 0 {
            loop {
                let xx = -ZIGGURAT_NOR_INV_R_F * (-r.next_float()).ln_1p();
                let yy = -(-r.next_float()).ln_1p();
                if yy + yy > xx * xx {
                    return if (rabs >> 8) & 0x1 == 1 {
                        -(ZIGGURAT_NOR_R_F + xx)
                    } else {
                        ZIGGURAT_NOR_R_F + xx
                    };
                }
            }
        } else {
            // C compares a float expression against `exp(-0.5 * x * x)` in double.
            let lhs = (FI_FLOAT[idx - 1] - FI_FLOAT[idx]) * r.next_float() + FI_FLOAT[idx];
            let xd = x as f64;
            if (lhs as f64) < (-0.5 * xd * xd).exp() {
                return x;
            }
        }
    }
}

pub fn standard_gamma<R: Source>(r: &mut R, shape: f64) -> f64 {
    if shape == 1.0 {
        standard_exponential(r)
    } else if shape == 0.0 {
        0.0
    } else if shape < 1.0 {
        loop {
            let u = r.next_double();
            let v = standard_exponential(r);
            if u <= 1.0 - shape {
                let x = u.powf(1. / shape);
                if x <= v {
                    return x;
                }
            } else {
                let y = -((1.0 - u) / shape).ln();
                let x = (1.0 - shape + shape * y).powf(1. / shape);
                if x <= v + y {
                    return x;
                }
            }
        }
    } else {
        let b = shape - 1. / 3.;
        let c = 1. / (9.0 * b).sqrt();
        loop {
            let mut x;
            let mut v;
            loop {
                x = standard_normal(r);
                v = 1.0 + c * x;
                if v > 0.0 {
                    break;
                }
            }
            v = v * v * v;
            let u = r.next_double();
            if u < 1.0 - 0.0331 * (x * x) * (x * x) {
                return b * v;
            }
            if u.ln() < 0.5 * x * x + b * (1. - v + v.ln()) {
                return b * v;
            }
        }
    }
}

pub fn standard_gamma_f<R: Source>(r: &mut R, shape: f32) -> f32 {
    if shape == 1.0 {
        standard_exponential_f(r)
    } else if shape == 0.0 {
        0.0
    } else if shape < 1.0 {
        loop {
            let u = r.next_float();
            let v = standard_exponential_f(r);
            if u <= 1.0f32 - shape {
                let x = u.powf(1.0f32 / shape);
                if x <= v {
                    return x;
                }
            } else {
                let y = -((1.0f32 - u) / shape).ln();
                let x = (1.0f32 - shape + shape * y).powf(1.0f32 / shape);
                if x <= v + y {
                    return x;
                }
            }
        }
    } else {
        let b = shape - 1.0f32 / 3.0f32;
        let c = 1.0f32 / (9.0f32 * b).sqrt();
        loop {
            let mut x;
            let mut v;
            loop {
                x = standard_normal_f(r);
                v = 1.0f32 + c * x;
                if v > 0.0f32 {
                    break;
                }
            }
            v = v * v * v;
            let u = r.next_float();
            if u < 1.0f32 - 0.0331f32 * (x * x) * (x * x) {
                return b * v;
            }
            if u.ln() < 0.5f32 * x * x + b * (1.0f32 - v + v.ln()) {
                return b * v;
            }
        }
    }
}

/// `random_loggam`: log-gamma from SPECFUN.
pub fn loggam(x: f64) -> f64 {
    const A: [f64; 10] = [
        8.333333333333333e-02,
        -2.777777777777778e-03,
        7.936507936507937e-04,
        -5.952380952380952e-04,
        8.417508417508418e-04,
        -1.917526917526918e-03,
        6.410256410256410e-03,
        -2.955065359477124e-02,
        1.796443723688307e-01,
        -1.39243221690590e+00,
    ];
    if x == 1.0 || x == 2.0 {
        return 0.0;
    }
    let n: i64 = if x < 7.0 { (7.0 - x) as i64 } else { 0 };
    let mut x0 = x + n as f64;
    let x2 = (1.0 / x0) * (1.0 / x0);
    let lg2pi = 1.8378770664093453e+00;
    let mut gl0 = A[9];
    for k in (0..=8).rev() {
        gl0 *= x2;
        gl0 += A[k];
    }
    let mut gl = gl0 / x0 + 0.5 * lg2pi + (x0 - 0.5) * x0.ln() - x0;
    if x < 7.0 {
        for _ in 1..=n {
            gl -= (x0 - 1.0).ln();
            x0 -= 1.0;
        }
    }
    gl
}

/// `logfactorial(k)`: table, then Stirling's series.
pub fn logfactorial(k: i64) -> f64 {
    let halfln2pi = 0.9189385332046728;
    if (k as u64) < LOGFACT.len() as u64 {
        return LOGFACT[k as usize];
    }
    let kf = k as f64;
    (kf + 0.5) * kf.ln() - kf + (halfln2pi + (1.0 / kf) * (1.0 / 12.0 - 1.0 / (360.0 * kf * kf)))
}

pub fn normal<R: Source>(r: &mut R, loc: f64, scale: f64) -> f64 {
    loc + scale * standard_normal(r)
}

pub fn exponential<R: Source>(r: &mut R, scale: f64) -> f64 {
    scale * standard_exponential(r)
}

pub fn uniform<R: Source>(r: &mut R, lower: f64, range: f64) -> f64 {
    lower + range * r.next_double()
}

pub fn gamma<R: Source>(r: &mut R, shape: f64, scale: f64) -> f64 {
    scale * standard_gamma(r, shape)
}

pub fn gamma_f<R: Source>(r: &mut R, shape: f32, scale: f32) -> f32 {
    scale * standard_gamma_f(r, shape)
}

const BETA_TINY_THRESHOLD: f64 = 3e-103;

pub fn beta<R: Source>(r: &mut R, a: f64, b: f64) -> f64 {
    if a <= 1.0 && b <= 1.0 {
        if a < BETA_TINY_THRESHOLD && b < BETA_TINY_THRESHOLD {
            let u = r.next_double();
            return if (a + b) * u < a { 1.0 } else { 0.0 };
        }
        loop {
            let u = r.next_double();
            let v = r.next_double();
            let x = u.powf(1.0 / a);
            let y = v.powf(1.0 / b);
            let xpy = x + y;
            if xpy <= 1.0 && u + v > 0.0 {
                if x > 0.0 && y > 0.0 {
                    return x / xpy;
                }
                let log_x = u.ln() / a;
                let log_y = v.ln() / b;
                let delta = log_x - log_y;
                if delta > 0.0 {
                    return (-((-delta).exp()).ln_1p()).exp();
                }
                return (delta - delta.exp().ln_1p()).exp();
            }
        }
    } else {
        let ga = standard_gamma(r, a);
        let gb = standard_gamma(r, b);
        ga / (ga + gb)
    }
}

pub fn chisquare<R: Source>(r: &mut R, df: f64) -> f64 {
    2.0 * standard_gamma(r, df / 2.0)
}

pub fn f<R: Source>(r: &mut R, dfnum: f64, dfden: f64) -> f64 {
    let s1 = chisquare(r, dfnum) * dfden;
    let s2 = chisquare(r, dfden) * dfnum;
    s1 / s2
}

pub fn standard_cauchy<R: Source>(r: &mut R) -> f64 {
    let s1 = standard_normal(r);
    let s2 = standard_normal(r);
    s1 / s2
}

pub fn pareto<R: Source>(r: &mut R, a: f64) -> f64 {
    (standard_exponential(r) / a).exp_m1()
}

pub fn weibull<R: Source>(r: &mut R, a: f64) -> f64 {
    if a == 0.0 {
        return 0.0;
    }
    standard_exponential(r).powf(1. / a)
}

pub fn power<R: Source>(r: &mut R, a: f64) -> f64 {
    (-(-standard_exponential(r)).exp_m1()).powf(1. / a)
}

pub fn laplace<R: Source>(r: &mut R, loc: f64, scale: f64) -> f64 {
    loop {
        let u = r.next_double();
        if u >= 0.5 {
            return loc - scale * (2.0 - u - u).ln();
        } else if u > 0.0 {
            return loc + scale * (u + u).ln();
        }
    }
}

pub fn gumbel<R: Source>(r: &mut R, loc: f64, scale: f64) -> f64 {
    loop {
        let u = 1.0 - r.next_double();
        if u < 1.0 {
            return loc - scale * (-u.ln()).ln();
        }
    }
}

pub fn logistic<R: Source>(r: &mut R, loc: f64, scale: f64) -> f64 {
    loop {
        let u = r.next_double();
        if u > 0.0 {
            return loc + scale * (u / (1.0 - u)).ln();
        }
    }
}

pub fn lognormal<R: Source>(r: &mut R, mean: f64, sigma: f64) -> f64 {
    normal(r, mean, sigma).exp()
}

pub fn rayleigh<R: Source>(r: &mut R, mode: f64) -> f64 {
    mode * (2.0 * standard_exponential(r)).sqrt()
}

pub fn standard_t<R: Source>(r: &mut R, df: f64) -> f64 {
    let num = standard_normal(r);
    let denom = standard_gamma(r, df / 2.0);
    (df / 2.0).sqrt() * num / denom.sqrt()
}

fn poisson_mult<R: Source>(r: &mut R, lam: f64) -> i64 {
    let enlam = (-lam).exp();
    let mut x = 0;
    let mut prod = 1.0;
    loop {
        let u = r.next_double();
        prod *= u;
        if prod > enlam {
            x += 1;
        } else {
            return x;
        }
    }
}

/// Hörmann's transformed rejection (PTRS).
fn poisson_ptrs<R: Source>(r: &mut R, lam: f64) -> i64 {
    let slam = lam.sqrt();
    let loglam = lam.ln();
    let b = 0.931 + 2.53 * slam;
    let a = -0.059 + 0.02483 * b;
    let invalpha = 1.1239 + 1.1328 / (b - 3.4);
    let vr = 0.9277 - 3.6224 / (b - 2.0);
    loop {
        let u = r.next_double() - 0.5;
        let v = r.next_double();
        let us = 0.5 - u.abs();
        let k = ((2.0 * a / us + b) * u + lam + 0.43).floor() as i64;
        if us >= 0.07 && v <= vr {
            return k;
        }
        if k < 0 || (us < 0.013 && v > us) {
            continue;
        }
        if (v.ln() + invalpha.ln() - (a / (us * us) + b).ln())
            <= (-lam + k as f64 * loglam - loggam(k as f64 + 1.0))
        {
            return k;
        }
    }
}

pub fn poisson<R: Source>(r: &mut R, lam: f64) -> i64 {
    if lam >= 10.0 {
        poisson_ptrs(r, lam)
    } else if lam == 0.0 {
        0
    } else {
        poisson_mult(r, lam)
    }
}

pub fn negative_binomial<R: Source>(r: &mut R, n: f64, p: f64) -> i64 {
    let y = gamma(r, n, (1.0 - p) / p);
    poisson(r, y)
}

/// The cached set-up of the binomial samplers (`binomial_t`).
#[derive(Clone, Debug, Default)]
pub struct Binomial {
    has: bool,
    nsave: i64,
    psave: f64,
    r: f64,
    q: f64,
    fm: f64,
    m: i64,
    p1: f64,
    xm: f64,
    xl: f64,
    xr: f64,
    c: f64,
    laml: f64,
    lamr: f64,
    p2: f64,
    p3: f64,
    p4: f64,
}

/// BTPE (Kachitvichyanukul & Schmeiser); `legacy` keeps RandomState's original error terms.
pub fn binomial_btpe<R: Source>(
    rng: &mut R,
    n: i64,
    p: f64,
    bi: &mut Binomial,
    legacy: bool,
) -> i64 {
    if !bi.has || bi.nsave != n || bi.psave != p {
        bi.nsave = n;
        bi.psave = p;
        bi.has = true;
        // C `MIN(p, 1.0 - p)` is `p < 1-p ? p : 1-p`.
        bi.r = if p < 1.0 - p { p } else { 1.0 - p };
        let r = bi.r;
        bi.q = 1.0 - r;
        let q = bi.q;
        bi.fm = n as f64 * r + r;
        bi.m = bi.fm.floor() as i64;
        bi.p1 = (2.195 * (n as f64 * r * q).sqrt() - 4.6 * q).floor() + 0.5;
        bi.xm = bi.m as f64 + 0.5;
        bi.xl = bi.xm - bi.p1;
        bi.xr = bi.xm + bi.p1;
        bi.c = 0.134 + 20.5 / (15.3 + bi.m as f64);
        let a = (bi.fm - bi.xl) / (bi.fm - bi.xl * r);
        bi.laml = a * (1.0 + a / 2.0);
        let a = (bi.xr - bi.fm) / (bi.xr * q);
        bi.lamr = a * (1.0 + a / 2.0);
        bi.p2 = bi.p1 * (1.0 + 2.0 * bi.c);
        bi.p3 = bi.p2 + bi.c / bi.laml;
        bi.p4 = bi.p3 + bi.c / bi.lamr;
    }
    let (r, q, m, p1, xm, xl, xr, c, laml, lamr, p2, p3, p4) = (
        bi.r, bi.q, bi.m, bi.p1, bi.xm, bi.xl, bi.xr, bi.c, bi.laml, bi.lamr, bi.p2, bi.p3, bi.p4,
    );
    let nf = n as f64;
    let mf = m as f64;
    let mut y: i64;
    'step10: loop {
        let nrq = nf * r * q;
        let u = rng.next_double() * p4;
        let mut v = rng.next_double();
        if u <= p1 {
            y = (xm - p1 * v + u).floor() as i64;
            break 'step10;
        }
        if u <= p2 {
            let x = xl + (u - p1) / c;
            v = v * c + 1.0 - (mf - x + 0.5).abs() / p1;
            if v > 1.0 {
                continue 'step10;
            }
            y = x.floor() as i64;
        } else if u <= p3 {
            y = (xl + v.ln() / laml).floor() as i64;
            if y < 0 || v == 0.0 {
                continue 'step10;
            }
            v = v * (u - p2) * laml;
        } else {
            y = (xr - v.ln() / lamr).floor() as i64;
            if y > n || v == 0.0 {
                continue 'step10;
            }
            v = v * (u - p3) * lamr;
        }
        // Step50
        let k = (y - m).abs();
        if !(k > 20 && (k as f64) < nrq / 2.0 - 1.0) {
            let s = r / q;
            let a = s * (nf + 1.0);
            let mut ff = 1.0;
            if m < y {
                let mut i = m + 1;
                while i <= y {
                    ff *= a / i as f64 - s;
                    i += 1;
                }
            } else if m > y {
                let mut i = y + 1;
                while i <= m {
                    ff /= a / i as f64 - s;
                    i += 1;
                }
            }
            if v > ff {
                continue 'step10;
            }
            break 'step10;
        }
        // Step52
        let kf = k as f64;
        let rho = (kf / nrq) * ((kf * (kf / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
        let t = (-k).wrapping_mul(k) as f64 / (2.0 * nrq);
        let aa = v.ln();
        if aa < t - rho {
            break 'step10;
        }
        if aa > t + rho {
            continue 'step10;
        }
        let x1 = y as f64 + 1.0;
        let f1 = mf + 1.0;
        let z = nf + 1.0 - mf;
        let w = nf - y as f64 + 1.0;
        let x2 = x1 * x1;
        let f2 = f1 * f1;
        let z2 = z * z;
        let w2 = w * w;
        let bound = if legacy {
            xm * (f1 / x1).ln()
                + ((n - m) as f64 + 0.5) * (z / w).ln()
                + ((y - m) as f64) * (w * r / (x1 * q)).ln()
                + (13680. - (462. - (132. - (99. - 140. / f2) / f2) / f2) / f2) / f1 / 166320.
                + (13680. - (462. - (132. - (99. - 140. / z2) / z2) / z2) / z2) / z / 166320.
                + (13680. - (462. - (132. - (99. - 140. / x2) / x2) / x2) / x2) / x1 / 166320.
                + (13680. - (462. - (132. - (99. - 140. / w2) / w2) / w2) / w2) / w / 166320.
        } else {
            xm * (f1 / x1).ln()
                + ((n - m) as f64 + 0.5) * (z / w).ln()
                + ((y - m) as f64) * (w * r / (x1 * q)).ln()
                + (13860. - (462. - (132. - (99. - 140. / f2) / f2) / f2) / f2) / f1 / 166320.
                + (13860. - (462. - (132. - (99. - 140. / z2) / z2) / z2) / z2) / z / 166320.
                - (13860. - (462. - (132. - (99. - 140. / x2) / x2) / x2) / x2) / x1 / 166320.
                - (13860. - (462. - (132. - (99. - 140. / w2) / w2) / w2) / w2) / w / 166320.
        };
        if aa > bound {
            continue 'step10;
        }
        break 'step10;
    }
    // Step60
    if p > 0.5 {
        y = n - y;
    }
    y
}

/// Inversion; `legacy` computes q**n as `exp(n * log(q))` as RandomState does.
pub fn binomial_inversion<R: Source>(
    rng: &mut R,
    n: i64,
    p: f64,
    bi: &mut Binomial,
    legacy: bool,
) -> i64 {
    if !bi.has || bi.nsave != n || bi.psave != p {
        bi.nsave = n;
        bi.psave = p;
        bi.has = true;
        bi.q = 1.0 - p;
        bi.r = if legacy {
            (n as f64 * bi.q.ln()).exp()
        } else {
            (n as f64 * (-p).ln_1p()).exp()
        };
        bi.c = n as f64 * p;
        let np = bi.c;
        let bnd = np + 10.0 * (np * bi.q + 1.0).sqrt();
        // C: `(RAND_INT_TYPE)MIN(n, np + 10.0 * sqrt(np * q + 1))` in double.
        bi.m = if (n as f64) < bnd { n } else { bnd as i64 };
    }
    let (q, qn, bound) = (bi.q, bi.r, bi.m);
    let mut x: i64 = 0;
    let mut px = qn;
    let mut u = rng.next_double();
    while u > px {
        x += 1;
        if x > bound {
            x = 0;
            px = qn;
            u = rng.next_double();
        } else {
            u -= px;
            px = ((n - x + 1) as f64 * p * px) / (x as f64 * q);
        }
    }
    x
}

/// Whether `Generator.binomial`'s BTPE uses the corrected Stirling terms of NumPy >= 2.5
/// (numpy#31238: 13860, third and fourth terms subtracted) or NumPy <= 2.4's original
/// ones. The Python layer sets it from the NumPy version installed beside oxarray, so the
/// streams match the NumPy a script is compared with; RandomState always keeps the old.
static BTPE_CORRECTED: AtomicBool = AtomicBool::new(true);

/// Select the BTPE variant of `Generator.binomial` (see [`BTPE_CORRECTED`]).
pub fn set_btpe_corrected(on: bool) {
    BTPE_CORRECTED.store(on, Ordering::Relaxed);
}

pub fn binomial<R: Source>(rng: &mut R, p: f64, n: i64, bi: &mut Binomial) -> i64 {
    if n == 0 || p == 0.0 {
        return 0;
    }
    let old_terms = !BTPE_CORRECTED.load(Ordering::Relaxed);
    binomial_original(rng, p, n, bi, false, old_terms)
}

/// `legacy_random_binomial`: no shortcut for n == 0 or p == 0 (a draw is still consumed).
pub fn legacy_binomial<R: Source>(rng: &mut R, p: f64, n: i64, bi: &mut Binomial) -> i64 {
    binomial_original(rng, p, n, bi, true, true)
}

fn binomial_original<R: Source>(
    rng: &mut R,
    p: f64,
    n: i64,
    bi: &mut Binomial,
    legacy: bool,
    old_terms: bool,
) -> i64 {
    if p <= 0.5 {
        if p * n as f64 <= 30.0 {
            binomial_inversion(rng, n, p, bi, legacy)
        } else {
            binomial_btpe(rng, n, p, bi, old_terms)
        }
    } else {
        let q = 1.0 - p;
        if q * n as f64 <= 30.0 {
            n - binomial_inversion(rng, n, q, bi, legacy)
        } else {
            n - binomial_btpe(rng, n, q, bi, old_terms)
        }
    }
}

pub fn noncentral_chisquare<R: Source>(r: &mut R, df: f64, nonc: f64) -> f64 {
    if nonc.is_nan() {
        return f64::NAN;
    }
    if nonc == 0.0 {
        return chisquare(r, df);
    }
    if 1.0 < df {
        let chi2 = chisquare(r, df - 1.0);
        let n = standard_normal(r) + nonc.sqrt();
        chi2 + n * n
    } else {
        let i = poisson(r, nonc / 2.0);
        chisquare(r, df + 2.0 * i as f64)
    }
}

pub fn noncentral_f<R: Source>(r: &mut R, dfnum: f64, dfden: f64, nonc: f64) -> f64 {
    let t = noncentral_chisquare(r, dfnum, nonc) * dfden;
    t / (chisquare(r, dfden) * dfnum)
}

pub fn wald<R: Source>(r: &mut R, mean: f64, scale: f64) -> f64 {
    let mut y = standard_normal(r);
    y = mean * y * y;
    let d = 1.0 + (1.0 + 4.0 * scale / y).sqrt();
    let x = mean * (1.0 - 2.0 / d);
    let u = r.next_double();
    if u <= mean / (mean + x) {
        x
    } else {
        mean * mean / x
    }
}

/// `fmod` as C computes it (Rust's `%` on f64 is fmod).
fn fmod(a: f64, b: f64) -> f64 {
    a % b
}

pub fn vonmises<R: Source>(r: &mut R, mu: f64, kappa: f64) -> f64 {
    if kappa.is_nan() {
        return f64::NAN;
    }
    if kappa < 1e-8 {
        return PI * (2.0 * r.next_double() - 1.0);
    }
    let s;
    if kappa < 1e-5 {
        s = 1. / kappa + kappa;
    } else if kappa <= 1e6 {
        let rr = 1.0 + (1.0 + 4.0 * kappa * kappa).sqrt();
        let rho = (rr - (2.0 * rr).sqrt()) / (2.0 * kappa);
        s = (1.0 + rho * rho) / (2.0 * rho);
    } else {
        let mut result = mu + (1. / kappa).sqrt() * standard_normal(r);
        if result < -PI {
            result += 2.0 * PI;
        }
        if result > PI {
            result -= 2.0 * PI;
        }
        return result;
    }
    let mut w;
    loop {
        let u = r.next_double();
        let z = (PI * u).cos();
        w = (1.0 + s * z) / (s + z);
        let y = kappa * (s - w);
        let v = r.next_double();
        if y * (2.0 - y) - v >= 0.0 || (y / v).ln() + 1.0 - y >= 0.0 {
            break;
        }
    }
    let u = r.next_double();
    let mut result = w.acos();
    if u < 0.5 {
        result = -result;
    }
    result += mu;
    let neg = result < 0.0;
    let mut m = result.abs();
    m = fmod(m + PI, 2.0 * PI) - PI;
    if neg {
        m *= -1.0;
    }
    m
}

pub fn logseries<R: Source>(r: &mut R, p: f64) -> i64 {
    let rr = (-p).ln_1p();
    loop {
        let v = r.next_double();
        if v >= p {
            return 1;
        }
        let u = r.next_double();
        let q = -(rr * u).exp_m1();
        if v <= q * q {
            let result = (1.0 + v.ln() / q.ln()).floor() as i64;
            if result < 1 || v == 0.0 {
                continue;
            }
            return result;
        }
        if v >= q {
            return 1;
        }
        return 2;
    }
}

pub fn geometric_search<R: Source>(r: &mut R, p: f64) -> i64 {
    let mut x: i64 = 1;
    let mut sum = p;
    let mut prod = p;
    let q = 1.0 - p;
    let u = r.next_double();
    while u > sum {
        prod *= q;
        sum += prod;
        x += 1;
    }
    x
}

pub fn geometric_inversion<R: Source>(r: &mut R, p: f64) -> i64 {
    let z = (-standard_exponential(r) / (-p).ln_1p()).ceil();
    if z >= 9.223372036854776e+18 {
        return i64::MAX;
    }
    z as i64
}

pub fn geometric<R: Source>(r: &mut R, p: f64) -> i64 {
    if p >= 0.333333333333333333333333 {
        geometric_search(r, p)
    } else {
        geometric_inversion(r, p)
    }
}

pub fn zipf<R: Source>(r: &mut R, a: f64) -> i64 {
    if a >= 1025.0 {
        return 1;
    }
    let am1 = a - 1.0;
    let b = 2.0f64.powf(am1);
    let umin = (i64::MAX as f64).powf(-am1);
    loop {
        let u01 = r.next_double();
        let u = u01 * umin + (1.0 - u01);
        let v = r.next_double();
        let x = u.powf(-1.0 / am1).floor();
        if x > i64::MAX as f64 || x < 1.0 {
            continue;
        }
        let t = (1.0 + 1.0 / x).powf(am1);
        if v * x * (t - 1.0) / (b - 1.0) <= t / b {
            return x as i64;
        }
    }
}

pub fn triangular<R: Source>(r: &mut R, left: f64, mode: f64, right: f64) -> f64 {
    let base = right - left;
    let leftbase = mode - left;
    let ratio = leftbase / base;
    let leftprod = leftbase * base;
    let rightprod = (right - mode) * base;
    let u = r.next_double();
    if u <= ratio {
        left + (u * leftprod).sqrt()
    } else {
        right - ((1.0 - u) * rightprod).sqrt()
    }
}

/// `random_interval`: masked rejection in [0, max] (used by shuffle and legacy choice).
pub fn interval<R: Source>(r: &mut R, max: u64) -> u64 {
    if max == 0 {
        return 0;
    }
    let mask = gen_mask(max);
    if max <= 0xffffffff {
        loop {
            let v = r.next_u32() as u64 & mask;
            if v <= max {
                return v;
            }
        }
    } else {
        loop {
            let v = r.next_u64() & mask;
            if v <= max {
                return v;
            }
        }
    }
}

pub fn gen_mask(max: u64) -> u64 {
    let mut mask = max;
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    mask |= mask >> 32;
    mask
}

/// `random_multinomial`: one draw of `d` counts into `out`.
pub fn multinomial<R: Source>(
    r: &mut R,
    n: i64,
    out: &mut [i64],
    pix: &[f64],
    bi: &mut Binomial,
    legacy: bool,
) {
    let d = pix.len();
    let mut remaining_p = 1.0;
    let mut dn = n;
    for j in 0..d.saturating_sub(1) {
        out[j] = if legacy {
            legacy_binomial(r, pix[j] / remaining_p, dn, bi)
        } else {
            binomial(r, pix[j] / remaining_p, dn, bi)
        };
        dn -= out[j];
        if dn <= 0 {
            break;
        }
        remaining_p -= pix[j];
    }
    if dn > 0 {
        out[d - 1] = dn;
    }
}
