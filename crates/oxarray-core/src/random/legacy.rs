//! `RandomState`'s distributions: NumPy's `src/legacy/legacy-distributions.c`, plus the
//! Generator's hypergeometric (`random_hypergeometric.c`) which lives beside its legacy twin.
//!
//! The legacy Gaussian is the polar Box-Muller method with one cached value
//! ([`Legacy::has_gauss`], [`Legacy::gauss`]), part of `RandomState`'s state tuple.

use super::bitgen::Source;
use super::dist::{self, logfactorial, loggam};
use std::f64::consts::PI;

/// A bit generator plus the cached Gaussian of `aug_bitgen_t`.
pub struct Legacy<'a, R: Source> {
    pub rng: &'a mut R,
    pub has_gauss: &'a mut bool,
    pub gauss: &'a mut f64,
}

impl<R: Source> Legacy<'_, R> {
    pub fn double(&mut self) -> f64 {
        self.rng.next_double()
    }

    pub fn gauss(&mut self) -> f64 {
        if *self.has_gauss {
            let t = *self.gauss;
            *self.has_gauss = false;
            *self.gauss = 0.0;
            return t;
        }
        let (mut x1, mut x2, mut r2);
        loop {
            x1 = 2.0 * self.double() - 1.0;
            x2 = 2.0 * self.double() - 1.0;
            r2 = x1 * x1 + x2 * x2;
            if !(r2 >= 1.0 || r2 == 0.0) {
                break;
            }
        }
        let f = (-2.0 * r2.ln() / r2).sqrt();
        *self.gauss = f * x1;
        *self.has_gauss = true;
        f * x2
    }

    pub fn standard_exponential(&mut self) -> f64 {
        -(1.0 - self.double()).ln()
    }

    pub fn standard_gamma(&mut self, shape: f64) -> f64 {
        if shape == 1.0 {
            return self.standard_exponential();
        } else if shape == 0.0 {
            return 0.0;
        } else if shape < 1.0 {
            loop {
                let u = self.double();
                let v = self.standard_exponential();
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
        }
        let b = shape - 1. / 3.;
        let c = 1. / (9.0 * b).sqrt();
        loop {
            let mut x;
            let mut v;
            loop {
                x = self.gauss();
                v = 1.0 + c * x;
                if v > 0.0 {
                    break;
                }
            }
            v = v * v * v;
            let u = self.double();
            if u < 1.0 - 0.0331 * (x * x) * (x * x) {
                return b * v;
            }
            if u.ln() < 0.5 * x * x + b * (1. - v + v.ln()) {
                return b * v;
            }
        }
    }

    pub fn gamma(&mut self, shape: f64, scale: f64) -> f64 {
        scale * self.standard_gamma(shape)
    }

    pub fn pareto(&mut self, a: f64) -> f64 {
        (self.standard_exponential() / a).exp() - 1.0
    }

    pub fn weibull(&mut self, a: f64) -> f64 {
        if a == 0.0 {
            return 0.0;
        }
        self.standard_exponential().powf(1. / a)
    }

    pub fn power(&mut self, a: f64) -> f64 {
        (1.0 - (-self.standard_exponential()).exp()).powf(1. / a)
    }

    pub fn chisquare(&mut self, df: f64) -> f64 {
        2.0 * self.standard_gamma(df / 2.0)
    }

    pub fn rayleigh(&mut self, mode: f64) -> f64 {
        mode * (-2.0 * (-self.double()).ln_1p()).sqrt()
    }

    pub fn noncentral_chisquare(&mut self, df: f64, nonc: f64) -> f64 {
        if nonc == 0.0 {
            return self.chisquare(df);
        }
        if 1.0 < df {
            let chi2 = self.chisquare(df - 1.0);
            let n = self.gauss() + nonc.sqrt();
            chi2 + n * n
        } else {
            let i = dist::poisson(self.rng, nonc / 2.0);
            let out = self.chisquare(df + 2.0 * i as f64);
            if nonc.is_nan() {
                f64::NAN
            } else {
                out
            }
        }
    }

    pub fn noncentral_f(&mut self, dfnum: f64, dfden: f64, nonc: f64) -> f64 {
        let t = self.noncentral_chisquare(dfnum, nonc) * dfden;
        t / (self.chisquare(dfden) * dfnum)
    }

    pub fn wald(&mut self, mean: f64, scale: f64) -> f64 {
        let mu_2l = mean / (2.0 * scale);
        let mut y = self.gauss();
        y = mean * y * y;
        let x = mean + mu_2l * (y - (4.0 * scale * y + y * y).sqrt());
        let u = self.double();
        if u <= mean / (mean + x) {
            x
        } else {
            mean * mean / x
        }
    }

    pub fn normal(&mut self, loc: f64, scale: f64) -> f64 {
        loc + scale * self.gauss()
    }

    pub fn lognormal(&mut self, mean: f64, sigma: f64) -> f64 {
        self.normal(mean, sigma).exp()
    }

    pub fn standard_t(&mut self, df: f64) -> f64 {
        let num = self.gauss();
        let denom = self.standard_gamma(df / 2.0);
        (df / 2.0).sqrt() * num / denom.sqrt()
    }

    pub fn negative_binomial(&mut self, n: f64, p: f64) -> i64 {
        let y = self.gamma(n, (1.0 - p) / p);
        dist::poisson(self.rng, y)
    }

    pub fn standard_cauchy(&mut self) -> f64 {
        let a = self.gauss();
        a / self.gauss()
    }

    pub fn beta(&mut self, a: f64, b: f64) -> f64 {
        if a <= 1.0 && b <= 1.0 {
            loop {
                let u = self.double();
                let v = self.double();
                let x = u.powf(1.0 / a);
                let y = v.powf(1.0 / b);
                if x + y <= 1.0 {
                    if x + y > 0.0 {
                        return x / (x + y);
                    }
                    let mut log_x = u.ln() / a;
                    let mut log_y = v.ln() / b;
                    let log_m = if log_x > log_y { log_x } else { log_y };
                    log_x -= log_m;
                    log_y -= log_m;
                    return (log_x - (log_x.exp() + log_y.exp()).ln()).exp();
                }
            }
        }
        let ga = self.standard_gamma(a);
        let gb = self.standard_gamma(b);
        ga / (ga + gb)
    }

    pub fn f(&mut self, dfnum: f64, dfden: f64) -> f64 {
        let a = self.chisquare(dfnum) * dfden;
        a / (self.chisquare(dfden) * dfnum)
    }

    pub fn exponential(&mut self, scale: f64) -> f64 {
        scale * self.standard_exponential()
    }
}

fn hypergeometric_hyp<R: Source>(r: &mut R, good: i64, bad: i64, sample: i64) -> i64 {
    let d1 = bad + good - sample;
    let d2 = bad.min(good) as f64;
    let mut y = d2;
    let mut k = sample;
    while y > 0.0 {
        let u = r.next_double();
        y -= (u + y / (d1 + k) as f64).floor() as i64 as f64;
        k -= 1;
        if k == 0 {
            break;
        }
    }
    let mut z = (d2 - y) as i64;
    if good > bad {
        z = sample - z;
    }
    z
}

const D1: f64 = 1.7155277699214135;
const D2: f64 = 0.8989161620588988;

fn hypergeometric_hrua_legacy<R: Source>(r: &mut R, good: i64, bad: i64, sample: i64) -> i64 {
    let mingoodbad = good.min(bad);
    let popsize = good + bad;
    let maxgoodbad = good.max(bad);
    let m = sample.min(popsize - sample);
    let d4 = mingoodbad as f64 / popsize as f64;
    let d5 = 1.0 - d4;
    let d6 = m as f64 * d4 + 0.5;
    let d7 = ((popsize - m) as f64 * sample as f64 * d4 * d5 / (popsize - 1) as f64 + 0.5).sqrt();
    let d8 = D1 * d7 + D2;
    let d9 = ((m + 1) as f64 * (mingoodbad + 1) as f64 / (popsize + 2) as f64).floor() as i64;
    let d10 = loggam((d9 + 1) as f64)
        + loggam((mingoodbad - d9 + 1) as f64)
        + loggam((m - d9 + 1) as f64)
        + loggam((maxgoodbad - m + d9 + 1) as f64);
    let mm = (m.min(mingoodbad) as f64 + 1.0, (d6 + 16.0 * d7).floor());
    let d11 = if mm.0 < mm.1 { mm.0 } else { mm.1 };
    let mut z;
    loop {
        let x = r.next_double();
        let y = r.next_double();
        let w = d6 + d8 * (y - 0.5) / x;
        if w < 0.0 || w >= d11 {
            continue;
        }
        z = w.floor() as i64;
        let t = d10
            - (loggam((z + 1) as f64)
                + loggam((mingoodbad - z + 1) as f64)
                + loggam((m - z + 1) as f64)
                + loggam((maxgoodbad - m + z + 1) as f64));
        if x * (4.0 - x) - 3.0 <= t {
            break;
        }
        if x * (x - t) >= 1.0 {
            continue;
        }
        if 2.0 * x.ln() <= t {
            break;
        }
    }
    if good > bad {
        z = m - z;
    }
    if m < sample {
        z = good - z;
    }
    z
}

pub fn legacy_hypergeometric<R: Source>(r: &mut R, good: i64, bad: i64, sample: i64) -> i64 {
    if sample > 10 {
        hypergeometric_hrua_legacy(r, good, bad, sample)
    } else if sample > 0 {
        hypergeometric_hyp(r, good, bad, sample)
    } else {
        0
    }
}

fn hypergeometric_sample<R: Source>(r: &mut R, good: i64, bad: i64, sample: i64) -> i64 {
    let total = good + bad;
    let mut computed_sample = if sample > total / 2 {
        total - sample
    } else {
        sample
    };
    let mut remaining_total = total;
    let mut remaining_good = good;
    while computed_sample > 0 && remaining_good > 0 && remaining_total > remaining_good {
        remaining_total -= 1;
        if (dist::interval(r, remaining_total as u64) as i64) < remaining_good {
            remaining_good -= 1;
        }
        computed_sample -= 1;
    }
    if remaining_total == remaining_good {
        remaining_good -= computed_sample;
    }
    if sample > total / 2 {
        remaining_good
    } else {
        good - remaining_good
    }
}

fn hypergeometric_hrua<R: Source>(r: &mut R, good: i64, bad: i64, sample: i64) -> i64 {
    let popsize = good + bad;
    let computed_sample = sample.min(popsize - sample);
    let mingoodbad = good.min(bad);
    let maxgoodbad = good.max(bad);
    let p = mingoodbad as f64 / popsize as f64;
    let q = maxgoodbad as f64 / popsize as f64;
    let mu = computed_sample as f64 * p;
    let a = mu + 0.5;
    let var =
        (popsize - computed_sample) as f64 * computed_sample as f64 * p * q / (popsize - 1) as f64;
    let c = (var + 0.5).sqrt();
    let h = D1 * c + D2;
    let m = ((computed_sample + 1) as f64 * (mingoodbad + 1) as f64 / (popsize + 2) as f64).floor()
        as i64;
    let g = logfactorial(m)
        + logfactorial(mingoodbad - m)
        + logfactorial(computed_sample - m)
        + logfactorial(maxgoodbad - computed_sample + m);
    let bb = (
        (computed_sample.min(mingoodbad) + 1) as f64,
        (a + 16.0 * c).floor(),
    );
    let b = if bb.0 < bb.1 { bb.0 } else { bb.1 };
    let mut k;
    loop {
        let u = r.next_double();
        let v = r.next_double();
        let x = a + h * (v - 0.5) / u;
        if x < 0.0 || x >= b {
            continue;
        }
        k = x.floor() as i64;
        let gp = logfactorial(k)
            + logfactorial(mingoodbad - k)
            + logfactorial(computed_sample - k)
            + logfactorial(maxgoodbad - computed_sample + k);
        let t = g - gp;
        if u * (4.0 - u) - 3.0 <= t {
            break;
        }
        if u * (u - t) >= 1.0 {
            continue;
        }
        if 2.0 * u.ln() <= t {
            break;
        }
    }
    if good > bad {
        k = computed_sample - k;
    }
    if computed_sample < sample {
        k = good - k;
    }
    k
}

pub fn hypergeometric<R: Source>(r: &mut R, good: i64, bad: i64, sample: i64) -> i64 {
    if sample >= 10 && sample <= good + bad - 10 {
        hypergeometric_hrua(r, good, bad, sample)
    } else {
        hypergeometric_sample(r, good, bad, sample)
    }
}

pub fn legacy_zipf<R: Source>(r: &mut R, a: f64) -> i64 {
    let am1 = a - 1.0;
    let b = 2.0f64.powf(am1);
    loop {
        let u = 1.0 - r.next_double();
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

pub fn legacy_geometric<R: Source>(r: &mut R, p: f64) -> i64 {
    if p >= 0.333333333333333333333333 {
        dist::geometric_search(r, p)
    } else {
        ((-r.next_double()).ln_1p() / (1.0 - p).ln()).ceil() as i64
    }
}

pub fn legacy_vonmises<R: Source>(r: &mut R, mu: f64, kappa: f64) -> f64 {
    if kappa.is_nan() {
        return f64::NAN;
    }
    if kappa < 1e-8 {
        return PI * (2.0 * r.next_double() - 1.0);
    }
    let s = if kappa < 1e-5 {
        1. / kappa + kappa
    } else {
        let rr = 1.0 + (1.0 + 4.0 * kappa * kappa).sqrt();
        let rho = (rr - (2.0 * rr).sqrt()) / (2.0 * kappa);
        (1.0 + rho * rho) / (2.0 * rho)
    };
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
    m = (m + PI) % (2.0 * PI) - PI;
    if neg {
        m *= -1.0;
    }
    m
}

pub fn legacy_logseries<R: Source>(r: &mut R, p: f64) -> i64 {
    let rr = (1.0 - p).ln();
    loop {
        let v = r.next_double();
        if v >= p {
            return 1;
        }
        let u = r.next_double();
        let q = 1.0 - (rr * u).exp();
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

/// `random_multivariate_hypergeometric_count`: shuffle a list of colour labels partially
/// (`nsample` steps of Fisher-Yates from the front) and count. `out` is `rows * colors`.
pub fn mvhg_count<R: Source>(r: &mut R, total: i64, colors: &[i64], nsample: i64, out: &mut [i64]) {
    let nc = colors.len();
    if total == 0 || nsample == 0 || out.is_empty() || nc == 0 {
        return;
    }
    let mut choices: Vec<usize> = Vec::with_capacity(total as usize);
    for (i, &c) in colors.iter().enumerate() {
        choices.extend(std::iter::repeat_n(i, c as usize));
    }
    let more_than_half = nsample > total / 2;
    let nsample = if more_than_half {
        total - nsample
    } else {
        nsample
    } as usize;
    for row in out.chunks_mut(nc) {
        for j in 0..nsample {
            let k = j + dist::interval(r, (total as usize - j - 1) as u64) as usize;
            choices.swap(j, k);
        }
        for &c in &choices[..nsample] {
            row[c] += 1;
        }
        if more_than_half {
            for (v, &c) in row.iter_mut().zip(colors) {
                *v = c - *v;
            }
        }
    }
}

/// `random_multivariate_hypergeometric_marginals`: one hypergeometric draw per colour.
pub fn mvhg_marginals<R: Source>(
    r: &mut R,
    total: i64,
    colors: &[i64],
    nsample: i64,
    out: &mut [i64],
) {
    let nc = colors.len();
    if total == 0 || nsample == 0 || out.is_empty() || nc == 0 {
        return;
    }
    let more_than_half = nsample > total / 2;
    let nsample = if more_than_half {
        total - nsample
    } else {
        nsample
    };
    for row in out.chunks_mut(nc) {
        let mut num_to_sample = nsample;
        let mut remaining = total;
        let mut j = 0;
        while num_to_sample > 0 && j + 1 < nc {
            remaining -= colors[j];
            let v = hypergeometric(r, colors[j], remaining, num_to_sample);
            row[j] = v;
            num_to_sample -= v;
            j += 1;
        }
        if num_to_sample > 0 {
            row[nc - 1] = num_to_sample;
        }
        if more_than_half {
            for (v, &c) in row.iter_mut().zip(colors) {
                *v = c - *v;
            }
        }
    }
}
