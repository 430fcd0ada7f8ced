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
        pub fn csqrtf(z: Complex<f32>) -> Complex<f32>;
        pub fn cexpf(z: Complex<f32>) -> Complex<f32>;
        pub fn clogf(z: Complex<f32>) -> Complex<f32>;
        pub fn cpowf(z: Complex<f32>, w: Complex<f32>) -> Complex<f32>;
        pub fn csinf(z: Complex<f32>) -> Complex<f32>;
        pub fn ccosf(z: Complex<f32>) -> Complex<f32>;
        pub fn ctanf(z: Complex<f32>) -> Complex<f32>;
        pub fn casinf(z: Complex<f32>) -> Complex<f32>;
        pub fn cacosf(z: Complex<f32>) -> Complex<f32>;
        pub fn catanf(z: Complex<f32>) -> Complex<f32>;
        pub fn csinhf(z: Complex<f32>) -> Complex<f32>;
        pub fn ccoshf(z: Complex<f32>) -> Complex<f32>;
        pub fn ctanhf(z: Complex<f32>) -> Complex<f32>;
        pub fn casinhf(z: Complex<f32>) -> Complex<f32>;
        pub fn cacoshf(z: Complex<f32>) -> Complex<f32>;
        pub fn catanhf(z: Complex<f32>) -> Complex<f32>;
    }
}

/// A complex element type (complex64, complex128).
pub(crate) trait Cplx: Copy + PartialEq + 'static {
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
}

macro_rules! impl_cplx {
    ($t:ty, pow => $pow:ident; $($name:ident => $sys:ident, $fallback:ident);*) => {
        impl Cplx for Complex<$t> {
            type R = $t;
            #[inline(always)]
            fn new(re: $t, im: $t) -> Self {
                Complex::new(re, im)
            }
            #[inline(always)]
            fn re(self) -> $t {
                self.re
            }
            #[inline(always)]
            fn im(self) -> $t {
                self.im
            }
            $(
                #[inline(always)]
                fn $name(self) -> Self {
                    #[cfg(target_os = "linux")]
                    // SAFETY: a pure C99 libm function of one complex value.
                    return unsafe { sys::$sys(self) };
                    #[cfg(not(target_os = "linux"))]
                    return self.$fallback();
                }
            )*
            #[inline(always)]
            fn cpow(self, w: Self) -> Self {
                #[cfg(target_os = "linux")]
                // SAFETY: a pure C99 libm function of two complex values.
                return unsafe { sys::$pow(self, w) };
                #[cfg(not(target_os = "linux"))]
                return self.powc(w);
            }
        }
    };
}

impl_cplx!(f64, pow => cpow; csqrt => csqrt, sqrt; cexp => cexp, exp; clog => clog, ln; csin => csin, sin;
    ccos => ccos, cos; ctan => ctan, tan; casin => casin, asin; cacos => cacos, acos;
    catan => catan, atan; csinh => csinh, sinh; ccosh => ccosh, cosh; ctanh => ctanh, tanh;
    casinh => casinh, asinh; cacosh => cacosh, acosh; catanh => catanh, atanh);
impl_cplx!(f32, pow => cpowf; csqrt => csqrtf, sqrt; cexp => cexpf, exp; clog => clogf, ln; csin => csinf, sin;
    ccos => ccosf, cos; ctan => ctanf, tan; casin => casinf, asin; cacos => cacosf, acos;
    catan => catanf, atan; csinh => csinhf, sinh; ccosh => ccoshf, cosh; ctanh => ctanhf, tanh;
    casinh => casinhf, asinh; cacosh => cacoshf, acosh; catanh => catanhf, atanh);

/// `a * b` as NumPy's loop computes it.
#[inline(always)]
pub(crate) fn cmul<C: Cplx>(a: C, b: C) -> C {
    let (ar, ai, br, bi) = (a.re(), a.im(), b.re(), b.im());
    C::new(ar * br - ai * bi, ar * bi + ai * br)
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
        if bra == C::R::ZERO && bia == C::R::ZERO {
            C::new(ar / bra, ai / bra)
        } else {
            let rat = bi / br;
            let scl = C::R::ONE / (br + bi * rat);
            C::new((ar + ai * rat) * scl, (ai - ar * rat) * scl)
        }
    } else {
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
    if bi == z && !(br.abs() < C::R::from_f64(9.223_372_036_854_776e18)) {
        // NumPy converts the exponent to an integer first: NaN or out of range is invalid.
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
