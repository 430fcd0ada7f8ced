//! Complex element functions as NumPy computes them.
//!
//! Arithmetic follows NumPy's loops (`loops.c.src`: Smith's division, the `nc_pow`
//! special cases); the elementary functions are C99's (`csqrt`, `cexp`, `clog`, `casin`...),
//! which NumPy calls from the platform libm, so branch cuts and special values (Annex G)
//! come from the same place. On other platforms num-complex's versions stand in.

use num_complex::Complex;

use super::num::Flt;
use crate::ufunc::loops::fpe;

#[cfg(target_os = "linux")]
mod sys {
    use num_complex::Complex;
    // `Complex<T>` is `#[repr(C)] { re, im }`, the layout and calling convention of C's
    // `T _Complex` on the supported ABIs (x86-64 SysV, AArch64 AAPCS64).
    #[allow(improper_ctypes)]
    unsafe extern "C" {
        pub fn csqrt(z: Complex<f64>) -> Complex<f64>;
        pub fn cexp(z: Complex<f64>) -> Complex<f64>;
        pub fn clog(z: Complex<f64>) -> Complex<f64>;
        pub fn cpow(z: Complex<f64>, w: Complex<f64>) -> Complex<f64>;
        pub fn cpowf(z: Complex<f32>, w: Complex<f32>) -> Complex<f32>;
        pub fn csin(z: Complex<f64>) -> Complex<f64>;
        pub fn ccos(z: Complex<f64>) -> Complex<f64>;
        pub fn ctan(z: Complex<f64>) -> Complex<f64>;
        pub fn casin(z: Complex<f64>) -> Complex<f64>;
        pub fn cacos(z: Complex<f64>) -> Complex<f64>;
        pub fn catan(z: Complex<f64>) -> Complex<f64>;
        pub fn csinh(z: Complex<f64>) -> Complex<f64>;
        pub fn ccosh(z: Complex<f64>) -> Complex<f64>;
        pub fn ctanh(z: Complex<f64>) -> Complex<f64>;
        pub fn casinh(z: Complex<f64>) -> Complex<f64>;
        pub fn cacosh(z: Complex<f64>) -> Complex<f64>;
        pub fn catanh(z: Complex<f64>) -> Complex<f64>;
    }
}

/// A complex element type (complex64, complex128).
pub(crate) trait Cplx: crate::dtype::Load + PartialEq + 'static {
    type R: Flt;
    fn new(re: Self::R, im: Self::R) -> Self;
    fn re(self) -> Self::R;
    fn im(self) -> Self::R;
    fn csqrt(self) -> Self;
    fn cexp(self) -> Self;
    fn clog(self) -> Self;
    fn cpow(self, w: Self) -> Self;
    fn csin(self) -> Self;
    fn ccos(self) -> Self;
    fn ctan(self) -> Self;
    fn casin(self) -> Self;
    fn cacos(self) -> Self;
    fn catan(self) -> Self;
    fn csinh(self) -> Self;
    fn ccosh(self) -> Self;
    fn ctanh(self) -> Self;
    fn casinh(self) -> Self;
    fn cacosh(self) -> Self;
    fn catanh(self) -> Self;
    fn cexp2(self) -> Self;
    /// NumPy's `nc_expm1`.
    fn cexpm1(self) -> Self {
        let (x, y) = (self.re(), self.im());
        let h = (y / Self::R::TWO).sin();
        Self::new(
            x.exp_m1() * y.cos() - Self::R::TWO * h * h,
            x.exp() * y.sin(),
        )
    }
    /// NumPy's `nc_log1p`.
    fn clog1p(self) -> Self {
        let (x, y) = (self.re(), self.im());
        let l = (x + Self::R::ONE).hypot(y);
        Self::new(l.ln(), y.atan2(x + Self::R::ONE))
    }
    /// NumPy's `nc_log2`: log(z) * log2(e).
    fn clog2(self) -> Self {
        let l = self.clog();
        Self::new(l.re() * Self::R::LOG2E, l.im() * Self::R::LOG2E)
    }
    /// NumPy's `nc_log10`: log(z) * log10(e).
    fn clog10(self) -> Self {
        let l = self.clog();
        Self::new(l.re() * Self::R::LOG10E, l.im() * Self::R::LOG10E)
    }
}

macro_rules! sys_or {
    ($sys:ident, $fallback:ident, $z:expr) => {{
        #[cfg(target_os = "linux")]
        // SAFETY: a pure C99 libm function of one complex value.
        let r = unsafe { sys::$sys($z) };
        #[cfg(not(target_os = "linux"))]
        let r = $z.$fallback();
        r
    }};
}

macro_rules! impl_c128 {
    ($($name:ident => $sys:ident, $fallback:ident);*) => {
        impl Cplx for Complex<f64> {
            type R = f64;
            #[inline(always)]
            fn new(re: f64, im: f64) -> Self {
                Complex::new(re, im)
            }
            #[inline(always)]
            fn re(self) -> f64 {
                self.re
            }
            #[inline(always)]
            fn im(self) -> f64 {
                self.im
            }
            $(
                #[inline(always)]
                fn $name(self) -> Self {
                    sys_or!($sys, $fallback, self)
                }
            )*
            #[inline(always)]
            fn ctan(self) -> Self {
                ctan_d(self)
            }
            #[inline(always)]
            fn ctanh(self) -> Self {
                ctanh_d(self)
            }
            #[inline(always)]
            fn cexp2(self) -> Self {
                cexp2_d(self)
            }
            #[inline(always)]
            fn cpow(self, w: Self) -> Self {
                #[cfg(target_os = "linux")]
                // SAFETY: a pure C99 libm function of two complex values.
                return unsafe { sys::cpow(self, w) };
                #[cfg(not(target_os = "linux"))]
                return self.powc(w);
            }
        }
    };
}

impl_c128!(csqrt => csqrt, sqrt; cexp => cexp, exp; clog => clog, ln; csin => csin, sin;
    ccos => ccos, cos; casin => casin, asin; cacos => cacos, acos;
    catan => catan, atan; csinh => csinh, sinh; ccosh => ccosh, cosh;
    casinh => casinh, asinh; cacosh => cacosh, acosh; catanh => catanh, atanh);

/// complex64 functions are computed in complex128 and rounded once: more accurate than
/// C's `cexpf`... (which NumPy calls), by up to ~2 ULP; the rounding raises overflow and
/// underflow as the float function would. `power` is the exception: NumPy's `nc_pow`
/// ends in C's `cpowf`, which glibc computes as `cexpf(w * clogf(z))` in single
/// precision, several ULP from the rounded exact power; the result of a power is
/// deterministic and users compare it with NumPy's, so complex64 calls `cpowf` itself.
macro_rules! impl_c64 {
    ($($name:ident),*) => {
        impl Cplx for Complex<f32> {
            type R = f32;
            #[inline(always)]
            fn new(re: f32, im: f32) -> Self {
                Complex::new(re, im)
            }
            #[inline(always)]
            fn re(self) -> f32 {
                self.re
            }
            #[inline(always)]
            fn im(self) -> f32 {
                self.im
            }
            $(
                #[inline(always)]
                fn $name(self) -> Self {
                    narrow(widen(self).$name())
                }
            )*
            #[inline(always)]
            fn cpow(self, w: Self) -> Self {
                #[cfg(target_os = "linux")]
                // SAFETY: a pure C99 libm function of two complex values.
                return unsafe { sys::cpowf(self, w) };
                #[cfg(not(target_os = "linux"))]
                return narrow(widen(self).cpow(widen(w)));
            }
        }
    };
}
impl_c64!(
    csqrt, cexp, clog, csin, ccos, ctan, casin, cacos, catan, csinh, ccosh, ctanh, casinh, cacosh,
    catanh, cexp2, cexpm1, clog1p, clog2, clog10
);

#[inline(always)]
fn widen(z: Complex<f32>) -> Complex<f64> {
    Complex::new(z.re as f64, z.im as f64)
}
#[inline(always)]
fn narrow(z: Complex<f64>) -> Complex<f32> {
    Complex::new(z.re as f32, z.im as f32)
}

/// tanh for complex128. Non-finite inputs go to C's `ctanh` (C99 Annex G special values);
/// finite ones use formulas that stay within ~2 ULP (glibc's `ctanh`, which NumPy calls,
/// reaches ~5 ULP): for |x| >= 1, `re = sign(x) (1 - (e^-2|x| + cos 2y) / D)` with
/// `D = cosh 2x + cos 2y` (no cancellation there), `im = sin 2y / D`; for smaller |x|
/// Kahan's `tan`/`sinh` form.
fn ctanh_d(z: Complex<f64>) -> Complex<f64> {
    let (x, y) = (z.re, z.im);
    if !x.is_finite() || !y.is_finite() {
        return sys_or!(ctanh, tanh, z);
    }
    let ax = x.abs();
    if ax > 22.0 {
        // tanh(x) is ±1 to double precision; im ~ 4 sin y cos y e^(-2|x|).
        let e = (-2.0 * ax).exp();
        return Complex::new(1f64.copysign(x), 4.0 * y.sin() * y.cos() * e);
    }
    if ax >= 1.0 && y.abs() < 1e300 {
        let (s2y, c2y) = (2.0 * y).sin_cos();
        let d = (2.0 * ax).cosh() + c2y;
        let corr = ((-2.0 * ax).exp() + c2y) / d;
        return Complex::new((1.0 - corr).copysign(x), s2y / d);
    }
    let t = y.tan();
    let beta = 1.0 + t * t;
    let s = x.sinh();
    let rho = (1.0 + s * s).sqrt();
    let den = 1.0 + beta * s * s;
    Complex::new(beta * rho * s / den, t / den)
}

/// tan(z) = -i tanh(iz), with C's `ctan` for non-finite inputs.
fn ctan_d(z: Complex<f64>) -> Complex<f64> {
    if !z.re.is_finite() || !z.im.is_finite() {
        return sys_or!(ctan, tan, z);
    }
    let w = ctanh_d(Complex::new(-z.im, z.re));
    Complex::new(w.im, -w.re)
}

/// 2**z for complex128: NumPy computes `cexp(z * ln 2)`, whose rounded `y ln 2` costs up
/// to ~4 ULP; here the angle carries its rounding error (`fma`) into the sine and cosine.
/// Non-finite inputs keep NumPy's formula (and its special values).
fn cexp2_d(z: Complex<f64>) -> Complex<f64> {
    const LN2_HI: f64 = std::f64::consts::LN_2;
    const LN2_LO: f64 = 2.319_046_813_846_299_6e-17;
    let (x, y) = (z.re, z.im);
    if !x.is_finite() || !y.is_finite() || y.abs() > 1e300 || x.abs() > 1000.0 {
        return Complex::new(x * LN2_HI, y * LN2_HI).cexp();
    }
    let hi = y * LN2_HI;
    let lo = y.mul_add(LN2_HI, -hi) + y * LN2_LO;
    let (s, c) = hi.sin_cos();
    let (sl, cl) = lo.sin_cos();
    let (s, c) = (s * cl + c * sl, c * cl - s * sl);
    let m = x.exp2();
    Complex::new(m * c, m * s)
}

/// `a * b` as NumPy's loop computes it.
#[inline(always)]
pub(crate) fn cmul<C: Cplx>(a: C, b: C) -> C {
    let (ar, ai, br, bi) = (a.re(), a.im(), b.re(), b.im());
    C::new(ar * br - ai * bi, ar * bi + ai * br)
}

/// `a * b` as NumPy's SIMD loops compute it on FMA machines (`simd_cmul`:
/// `npyv_muladdsub`): each part one fused multiply-add over the other product, rounded.
#[inline(always)]
pub(crate) fn cmul_fma<C: Cplx>(a: C, b: C) -> C {
    let (ar, ai, br, bi) = (a.re(), a.im(), b.re(), b.im());
    C::new(ar.mul_add(br, -(ai * bi)), ar.mul_add(bi, ai * br))
}

/// `a / b` as NumPy's loop computes it (Smith's algorithm; x/0 gives complex inf or nan).
#[inline(always)]
pub(crate) fn cdiv<C: Cplx>(a: C, b: C, fl: &mut u8) -> C {
    let (ar, ai, br, bi) = (a.re(), a.im(), b.re(), b.im());
    let (bra, bia) = (br.abs(), bi.abs());
    // NumPy compares |br| >= |bi| with C's signalling `>=`: a NaN raises "invalid".
    if br.is_nan() || bi.is_nan() {
        *fl |= fpe::INVALID;
    }
    if bra >= bia {
        // black_box keeps each branch's divisions inside it: optimised code would otherwise
        // compute both branches and raise the flags of the one not taken (0/0: invalid).
        if bra == C::R::ZERO && bia == C::R::ZERO {
            // Separate opaque divisors also keep the two divisions out of one vector
            // instruction whose unused lanes would divide 0 by 0.
            let (b1, b2) = (std::hint::black_box(bra), std::hint::black_box(bra));
            let re = ar / b1;
            let im = std::hint::black_box(ai / b2);
            C::new(re, im)
        } else {
            let (br, bi) = std::hint::black_box((br, bi));
            let rat = bi / br;
            let scl = C::R::ONE / (br + bi * rat);
            C::new((ar + ai * rat) * scl, (ai - ar * rat) * scl)
        }
    } else {
        let (br, bi) = std::hint::black_box((br, bi));
        let rat = br / bi;
        let scl = C::R::ONE / (bi + br * rat);
        C::new((ar * rat + ai) * scl, (ai * rat - ar) * scl)
    }
}

/// NumPy's `nc_pow`: exact small integer powers by repeated multiplication, else `cpow`.
#[inline]
pub(crate) fn cpow<C: Cplx>(a: C, b: C, fl: &mut u8) -> C {
    let z = C::R::ZERO;
    let one = C::new(C::R::ONE, z);
    let (ar, ai, br, bi) = (a.re(), a.im(), b.re(), b.im());
    if br == z && bi == z {
        return one;
    }
    if ar == z && ai == z {
        if br > z {
            return C::new(z, z);
        }
        // 0 ** (non-positive real part): NumPy returns nan+nanj and raises invalid.
        *fl |= fpe::INVALID;
        return C::new(C::R::NAN, C::R::NAN);
    }
    if bi == z && br.is_nan() {
        // NumPy 2.4 reports a NaN real exponent as invalid (an exponent out of the
        // integer range is quiet: 1 ** 1e300 is 1 without a warning).
        *fl |= fpe::INVALID;
    }
    if bi == z && br.trunc() == br && br.abs() < C::R::from_f64(100.0) {
        let n = br.to_f64() as i64;
        if n == 1 {
            return a;
        } else if n == 2 {
            return cmul(a, a);
        } else if n == 3 {
            return cmul(cmul(a, a), a);
        }
        let mut m = n.unsigned_abs();
        let mut acc = one;
        let mut p = a;
        loop {
            if m & 1 == 1 {
                acc = cmul(acc, p);
            }
            m >>= 1;
            if m == 0 {
                break;
            }
            p = cmul(p, p);
        }
        if n < 0 {
            acc = cdiv(one, acc, fl);
        }
        return acc;
    }
    a.cpow(b)
}
