//! NumPy-exact random streams: the bit generators ([`bitgen`]), `SeedSequence`
//! ([`seedseq`]), the Generator distributions ([`dist`], [`bounded`]) and RandomState's
//! legacy ones ([`legacy`]).
//!
//! How a distribution call runs:
//! 1. The binding converts every parameter to a contiguous `f64` (or `i64`) buffer and
//!    checks NumPy's constraints on it ([`check`]).
//! 2. [`fill_cont`] / [`fill_disc`] walk the output in C order with the parameters
//!    broadcast to it (stride 0 on broadcast axes), exactly like `np.broadcast` does in
//!    `_common.pyx`, calling one kernel per element: the raw draws are consumed in the
//!    same order as NumPy's.

// The numeric constants and tables below are transcribed digit for digit from NumPy's C
// sources, so that every rounding matches; they are kept exactly as written there.
// `!(v >= 0.0)` forms are NaN-aware on purpose: they are `_common.pyx`'s checks.
#![allow(
    clippy::neg_cmp_op_on_partial_ord,
    clippy::excessive_precision,
    clippy::unreadable_literal,
    clippy::approx_constant
)]

pub mod bitgen;
pub mod bounded;
pub mod dist;
pub mod legacy;
mod logfact;
mod mt_jump;
pub mod seedseq;
mod ziggurat;

pub use bitgen::{Rng, Source};
use dist::Binomial;
use legacy::Legacy;

/// A bit generator plus the per-generator extras NumPy keeps beside it: RandomState's
/// cached Gaussian and the binomial set-up cache.
#[derive(Clone, Debug)]
pub struct State {
    pub rng: Rng,
    pub has_gauss: bool,
    pub gauss: f64,
    pub binomial: Binomial,
}

impl State {
    pub fn new(rng: Rng) -> Self {
        State {
            rng,
            has_gauss: false,
            gauss: 0.0,
            binomial: Binomial::default(),
        }
    }

    pub fn legacy(&mut self) -> Legacy<'_, Rng> {
        Legacy {
            rng: &mut self.rng,
            has_gauss: &mut self.has_gauss,
            gauss: &mut self.gauss,
        }
    }
}

/// A continuous kernel: parameters in, one double out.
pub type ContFn = fn(&mut State, &[f64]) -> f64;
/// A discrete kernel: double parameters and int64 parameters in, one int64 out.
pub type DiscFn = fn(&mut State, &[f64], &[i64]) -> i64;

/// The continuous kernels by name (`legacy_` prefix: RandomState's version).
pub fn cont_kernel(name: &str) -> Option<ContFn> {
    Some(match name {
        "random" => |s, _| s.rng.next_double(),
        "standard_normal" => |s, _| dist::standard_normal(&mut s.rng),
        "normal" => |s, p| dist::normal(&mut s.rng, p[0], p[1]),
        "standard_exponential" => |s, _| dist::standard_exponential(&mut s.rng),
        "standard_exponential_inv" => |s, _| dist::standard_exponential_inv(&mut s.rng),
        "exponential" => |s, p| dist::exponential(&mut s.rng, p[0]),
        "uniform" => |s, p| dist::uniform(&mut s.rng, p[0], p[1] - p[0]),
        "uniform_range" => |s, p| dist::uniform(&mut s.rng, p[0], p[1]),
        "standard_gamma" => |s, p| dist::standard_gamma(&mut s.rng, p[0]),
        "gamma" => |s, p| dist::gamma(&mut s.rng, p[0], p[1]),
        "beta" => |s, p| dist::beta(&mut s.rng, p[0], p[1]),
        "chisquare" => |s, p| dist::chisquare(&mut s.rng, p[0]),
        "f" => |s, p| dist::f(&mut s.rng, p[0], p[1]),
        "noncentral_chisquare" => |s, p| dist::noncentral_chisquare(&mut s.rng, p[0], p[1]),
        "noncentral_f" => |s, p| dist::noncentral_f(&mut s.rng, p[0], p[1], p[2]),
        "standard_cauchy" => |s, _| dist::standard_cauchy(&mut s.rng),
        "standard_t" => |s, p| dist::standard_t(&mut s.rng, p[0]),
        "pareto" => |s, p| dist::pareto(&mut s.rng, p[0]),
        "weibull" => |s, p| dist::weibull(&mut s.rng, p[0]),
        "power" => |s, p| dist::power(&mut s.rng, p[0]),
        "laplace" => |s, p| dist::laplace(&mut s.rng, p[0], p[1]),
        "gumbel" => |s, p| dist::gumbel(&mut s.rng, p[0], p[1]),
        "logistic" => |s, p| dist::logistic(&mut s.rng, p[0], p[1]),
        "lognormal" => |s, p| dist::lognormal(&mut s.rng, p[0], p[1]),
        "rayleigh" => |s, p| dist::rayleigh(&mut s.rng, p[0]),
        "wald" => |s, p| dist::wald(&mut s.rng, p[0], p[1]),
        "vonmises" => |s, p| dist::vonmises(&mut s.rng, p[0], p[1]),
        "triangular" => |s, p| dist::triangular(&mut s.rng, p[0], p[1], p[2]),
        "legacy_gauss" => |s, _| s.legacy().gauss(),
        "legacy_normal" => |s, p| s.legacy().normal(p[0], p[1]),
        "legacy_standard_exponential" => |s, _| s.legacy().standard_exponential(),
        "legacy_exponential" => |s, p| s.legacy().exponential(p[0]),
        "legacy_standard_gamma" => |s, p| s.legacy().standard_gamma(p[0]),
        "legacy_gamma" => |s, p| s.legacy().gamma(p[0], p[1]),
        "legacy_beta" => |s, p| s.legacy().beta(p[0], p[1]),
        "legacy_chisquare" => |s, p| s.legacy().chisquare(p[0]),
        "legacy_f" => |s, p| s.legacy().f(p[0], p[1]),
        "legacy_noncentral_chisquare" => |s, p| s.legacy().noncentral_chisquare(p[0], p[1]),
        "legacy_noncentral_f" => |s, p| s.legacy().noncentral_f(p[0], p[1], p[2]),
        "legacy_standard_cauchy" => |s, _| s.legacy().standard_cauchy(),
        "legacy_standard_t" => |s, p| s.legacy().standard_t(p[0]),
        "legacy_pareto" => |s, p| s.legacy().pareto(p[0]),
        "legacy_weibull" => |s, p| s.legacy().weibull(p[0]),
        "legacy_power" => |s, p| s.legacy().power(p[0]),
        "legacy_lognormal" => |s, p| s.legacy().lognormal(p[0], p[1]),
        "legacy_rayleigh" => |s, p| s.legacy().rayleigh(p[0]),
        "legacy_wald" => |s, p| s.legacy().wald(p[0], p[1]),
        "legacy_vonmises" => |s, p| legacy::legacy_vonmises(&mut s.rng, p[0], p[1]),
        _ => return None,
    })
}

/// The discrete kernels by name.
pub fn disc_kernel(name: &str) -> Option<DiscFn> {
    Some(match name {
        "poisson" => |s, p, _| dist::poisson(&mut s.rng, p[0]),
        "positive_int" => |s, _, _| (s.rng.next_u64() >> 1) as i64,
        "binomial" => |s, p, i| {
            let State { rng, binomial, .. } = s;
            dist::binomial(rng, p[0], i[0], binomial)
        },
        "negative_binomial" => |s, p, _| dist::negative_binomial(&mut s.rng, p[0], p[1]),
        "geometric" => |s, p, _| dist::geometric(&mut s.rng, p[0]),
        "logseries" => |s, p, _| dist::logseries(&mut s.rng, p[0]),
        "zipf" => |s, p, _| dist::zipf(&mut s.rng, p[0]),
        "hypergeometric" => |s, _, i| legacy::hypergeometric(&mut s.rng, i[0], i[1], i[2]),
        "legacy_poisson" => |s, p, _| dist::poisson(&mut s.rng, p[0]),
        "legacy_binomial" => |s, p, i| {
            let State { rng, binomial, .. } = s;
            dist::legacy_binomial(rng, p[0], i[0], binomial)
        },
        "legacy_negative_binomial" => |s, p, _| s.legacy().negative_binomial(p[0], p[1]),
        "legacy_geometric" => |s, p, _| legacy::legacy_geometric(&mut s.rng, p[0]),
        "legacy_logseries" => |s, p, _| legacy::legacy_logseries(&mut s.rng, p[0]),
        "legacy_zipf" => |s, p, _| legacy::legacy_zipf(&mut s.rng, p[0]),
        "legacy_hypergeometric" => {
            |s, _, i| legacy::legacy_hypergeometric(&mut s.rng, i[0], i[1], i[2])
        }
        _ => return None,
    })
}

/// A parameter broadcast to the output: its data (C order) and per-axis element strides
/// over the output's axes (0 where broadcast).
pub struct Param<'a, T> {
    pub data: &'a [T],
    pub strides: Vec<usize>,
}

impl<'a, T> Param<'a, T> {
    /// Strides to read `data` (of `shape`) broadcast against `out_shape` (right-aligned).
    /// `None` when the shapes do not broadcast to `out_shape`.
    pub fn new(data: &'a [T], shape: &[usize], out_shape: &[usize]) -> Option<Self> {
        if shape.len() > out_shape.len() {
            return None;
        }
        let lead = out_shape.len() - shape.len();
        let mut strides = vec![0usize; out_shape.len()];
        let mut acc = 1usize;
        for k in (0..shape.len()).rev() {
            let d = shape[k];
            if d == out_shape[lead + k] && d != 1 {
                strides[lead + k] = acc;
            } else if d != 1 {
                return None;
            }
            acc *= d;
        }
        Some(Param { data, strides })
    }
}

/// Visit the output in C order with the flat index of every parameter.
fn walk(shape: &[usize], strides: &[&[usize]], mut f: impl FnMut(usize, &[usize])) {
    let n: usize = shape.iter().product();
    if n == 0 {
        return;
    }
    let nd = shape.len();
    let np = strides.len();
    let mut idx = vec![0usize; nd];
    let mut off = vec![0usize; np];
    for i in 0..n {
        f(i, &off);
        let mut k = nd;
        while k > 0 {
            k -= 1;
            idx[k] += 1;
            for (o, s) in off.iter_mut().zip(strides) {
                *o += s[k];
            }
            if idx[k] < shape[k] {
                break;
            }
            for (o, s) in off.iter_mut().zip(strides) {
                *o -= s[k] * shape[k];
            }
            idx[k] = 0;
        }
    }
}

/// Monomorphised loops (one generator dispatch per fill) for the most used
/// scalar-parameter distributions; `false` when `name` has none (use [`fill_cont`]).
pub fn fill_fast(st: &mut State, name: &str, p: &[f64], out: &mut [f64]) -> bool {
    let State {
        rng,
        has_gauss,
        gauss,
        ..
    } = st;
    macro_rules! go {
        ($g:ident => $e:expr) => {{
            crate::with_source!(rng, $g => {
                for o in out.iter_mut() {
                    *o = $e;
                }
            });
            true
        }};
    }
    match (name, p.len()) {
        ("random", 0) => go!(g => g.next_double()),
        ("standard_normal", 0) => go!(g => dist::standard_normal(g)),
        ("normal", 2) => go!(g => dist::normal(g, p[0], p[1])),
        ("standard_exponential", 0) => go!(g => dist::standard_exponential(g)),
        ("exponential", 1) => go!(g => dist::exponential(g, p[0])),
        ("uniform_range", 2) => go!(g => dist::uniform(g, p[0], p[1])),
        ("standard_gamma", 1) => go!(g => dist::standard_gamma(g, p[0])),
        ("gamma", 2) => go!(g => dist::gamma(g, p[0], p[1])),
        ("legacy_gauss", 0) => go!(g => Legacy { rng: g, has_gauss, gauss }.gauss()),
        ("legacy_normal", 2) => go!(g => Legacy { rng: g, has_gauss, gauss }.normal(p[0], p[1])),
        _ => false,
    }
}

/// As [`fill_fast`] for the discrete distributions (doubles, then int64 parameters).
pub fn fill_fast_disc(st: &mut State, name: &str, d: &[f64], i: &[i64], out: &mut [i64]) -> bool {
    let State { rng, binomial, .. } = st;
    macro_rules! go {
        ($g:ident => $e:expr) => {{
            crate::with_source!(rng, $g => {
                for o in out.iter_mut() {
                    *o = $e;
                }
            });
            true
        }};
    }
    match (name, d.len(), i.len()) {
        ("binomial", 1, 1) => go!(g => dist::binomial(g, d[0], i[0], binomial)),
        ("legacy_binomial", 1, 1) => go!(g => dist::legacy_binomial(g, d[0], i[0], binomial)),
        ("poisson" | "legacy_poisson", 1, 0) => go!(g => dist::poisson(g, d[0])),
        _ => false,
    }
}

/// Fill `out` (C order, `shape`) with a continuous kernel over broadcast parameters.
pub fn fill_cont(
    st: &mut State,
    k: ContFn,
    params: &[Param<'_, f64>],
    shape: &[usize],
    out: &mut [f64],
) {
    if params.iter().all(|p| p.data.len() == 1) {
        let vals: Vec<f64> = params.iter().map(|p| p.data[0]).collect();
        for o in out.iter_mut() {
            *o = k(st, &vals);
        }
        return;
    }
    let strides: Vec<&[usize]> = params.iter().map(|p| p.strides.as_slice()).collect();
    let mut vals = vec![0.0; params.len()];
    walk(shape, &strides, |i, off| {
        for (j, p) in params.iter().enumerate() {
            vals[j] = p.data[off[j]];
        }
        out[i] = k(st, &vals);
    });
}

/// Fill `out` with a discrete kernel: `dparams` doubles first, then `iparams` int64s.
pub fn fill_disc(
    st: &mut State,
    k: DiscFn,
    dparams: &[Param<'_, f64>],
    iparams: &[Param<'_, i64>],
    shape: &[usize],
    out: &mut [i64],
) {
    if dparams.iter().all(|p| p.data.len() == 1) && iparams.iter().all(|p| p.data.len() == 1) {
        let dv: Vec<f64> = dparams.iter().map(|p| p.data[0]).collect();
        let iv: Vec<i64> = iparams.iter().map(|p| p.data[0]).collect();
        for o in out.iter_mut() {
            *o = k(st, &dv, &iv);
        }
        return;
    }
    let mut strides: Vec<&[usize]> = dparams.iter().map(|p| p.strides.as_slice()).collect();
    strides.extend(iparams.iter().map(|p| p.strides.as_slice()));
    let nd = dparams.len();
    let mut dv = vec![0.0; nd];
    let mut iv = vec![0i64; iparams.len()];
    walk(shape, &strides, |i, off| {
        for (j, p) in dparams.iter().enumerate() {
            dv[j] = p.data[off[j]];
        }
        for (j, p) in iparams.iter().enumerate() {
            iv[j] = p.data[off[nd + j]];
        }
        out[i] = k(st, &dv, &iv);
    });
}

/// Walk broadcast `(off, rng)` pairs for `integers` over the output, per element.
pub fn fill_bounded_broadcast(
    st: &mut State,
    w: bounded::Width,
    masked: bool,
    off: &Param<'_, u64>,
    rng: &Param<'_, u64>,
    shape: &[usize],
    mut emit: impl FnMut(usize, u64),
) {
    let mut b = bounded::Buf::default();
    let strides: [&[usize]; 2] = [&off.strides, &rng.strides];
    walk(shape, &strides, |i, o| {
        let v = bounded::one(
            &mut st.rng,
            w,
            off.data[o[0]],
            rng.data[o[1]],
            masked,
            &mut b,
        );
        emit(i, v);
    });
}

/// NumPy's parameter constraints (`_common.pyx` `constraint_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cons {
    None,
    NonNegative,
    Positive,
    PositiveNotNan,
    Bounded01,
    BoundedGt01,
    BoundedLt01,
    Gt1,
    Gte1,
    Poisson,
    LegacyPoisson,
    LegacyNonNegInboundsLong,
}

impl Cons {
    pub fn from_code(c: u8) -> Cons {
        match c {
            1 => Cons::NonNegative,
            2 => Cons::Positive,
            3 => Cons::PositiveNotNan,
            4 => Cons::Bounded01,
            5 => Cons::BoundedGt01,
            6 => Cons::BoundedLt01,
            7 => Cons::Gt1,
            8 => Cons::Gte1,
            9 => Cons::Poisson,
            10 => Cons::LegacyPoisson,
            11 => Cons::LegacyNonNegInboundsLong,
            _ => Cons::None,
        }
    }
}

const POISSON_LAM_MAX: f64 = 9.223372006484771e18;

/// Check NumPy's constraint on every value; `scalar` selects the scalar-path wording
/// ("is NaN") over the array-path one ("contains NaNs"). Returns the ValueError message.
pub fn check(vals: &[f64], name: &str, cons: Cons, scalar: bool) -> Result<(), String> {
    let nan_word = if scalar { "is NaN" } else { "contains NaNs" };
    let any = |f: &dyn Fn(f64) -> bool| vals.iter().any(|&v| f(v));
    match cons {
        Cons::None => {}
        Cons::NonNegative => {
            if any(&|v| !v.is_nan() && v.is_sign_negative()) {
                return Err(format!("{name} < 0"));
            }
        }
        Cons::Positive | Cons::PositiveNotNan => {
            if cons == Cons::PositiveNotNan && any(&|v| v.is_nan()) {
                return Err(format!("{name} must not be NaN"));
            }
            if any(&|v| v <= 0.0) {
                return Err(format!("{name} <= 0"));
            }
        }
        Cons::Bounded01 => {
            if any(&|v| !(v >= 0.0) || !(v <= 1.0)) {
                return Err(format!("{name} < 0, {name} > 1 or {name} {nan_word}"));
            }
        }
        Cons::BoundedGt01 => {
            if any(&|v| !(v > 0.0) || !(v <= 1.0)) {
                return Err(format!("{name} <= 0, {name} > 1 or {name} contains NaNs"));
            }
        }
        Cons::BoundedLt01 => {
            if any(&|v| !(v >= 0.0) || !(v < 1.0)) {
                return Err(format!("{name} < 0, {name} >= 1 or {name} {nan_word}"));
            }
        }
        Cons::Gt1 => {
            if any(&|v| !(v > 1.0)) {
                return Err(format!("{name} <= 1 or {name} {nan_word}"));
            }
        }
        Cons::Gte1 => {
            if any(&|v| !(v >= 1.0)) {
                return Err(format!("{name} < 1 or {name} {nan_word}"));
            }
        }
        Cons::Poisson | Cons::LegacyPoisson => {
            // `long` is 64-bit here, so the legacy limit equals the int64 one.
            let max = POISSON_LAM_MAX;
            if scalar {
                if any(&|v| !(v >= 0.0)) {
                    return Err(format!("{name} < 0 or {name} is NaN"));
                }
                if any(&|v| !(v <= max)) {
                    return Err(format!("{name} value too large"));
                }
            } else {
                if any(&|v| !(v <= max)) {
                    return Err(format!("{name} value too large"));
                }
                if any(&|v| !(v >= 0.0)) {
                    return Err(format!("{name} < 0 or {name} contains NaNs"));
                }
            }
        }
        Cons::LegacyNonNegInboundsLong => {
            if any(&|v| v < 0.0) {
                return Err(format!("{name} < 0"));
            }
            if any(&|v| v > i64::MAX as f64) {
                return Err(format!(
                    "{name} is out of bounds for long, consider using the new generator API for 64bit integers."
                ));
            }
        }
    }
    Ok(())
}
