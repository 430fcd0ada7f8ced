//! Element functions of the arithmetic family (portable scalar code).
//!
//! Integer edge cases follow NumPy: division or remainder by zero gives 0 and raises
//! `divide`; `MIN // -1` gives MIN and raises `overflow`; arithmetic wraps. Float
//! `floor_divide`/`remainder`/`divmod` follow `npy_divmod` step by step so that the results
//! (signed zeros, infinities) and flags are NumPy's.

use super::super::builders::{BinOp, BinOp2, UnOp, ERR_NEG_POW};
use super::super::complex::{cdiv, cmul, cmul_fma, cpow, Cplx};
use super::super::num::{Flt, Int};
use crate::ufunc::loops::fpe;

macro_rules! int_bin {
    ($name:ident, |$a:ident, $b:ident, $fl:ident| $body:expr) => {
        pub(crate) struct $name;
        impl<T: $crate::kernels::num::Int> $crate::kernels::builders::BinOp<T, T, T> for $name {
            #[inline(always)]
            #[allow(unused_variables)]
            fn f($a: T, $b: T, $fl: &mut u8) -> T {
                $body
            }
        }
    };
}

macro_rules! int_un {
    ($name:ident, |$a:ident, $fl:ident| $body:expr) => {
        pub(crate) struct $name;
        impl<T: $crate::kernels::num::Int> $crate::kernels::builders::UnOp<T, T> for $name {
            #[inline(always)]
            #[allow(unused_variables)]
            fn f($a: T, $fl: &mut u8) -> T {
                $body
            }
        }
    };
}

macro_rules! flt_bin {
    ($name:ident, |$a:ident, $b:ident, $fl:ident| $body:expr) => {
        pub(crate) struct $name;
        impl<T: $crate::kernels::num::Flt> $crate::kernels::builders::BinOp<T, T, T> for $name {
            #[inline(always)]
            #[allow(unused_variables)]
            fn f($a: T, $b: T, $fl: &mut u8) -> T {
                $body
            }
        }
    };
}

macro_rules! flt_un {
    ($name:ident, |$a:ident, $fl:ident| $body:expr) => {
        pub(crate) struct $name;
        impl<T: $crate::kernels::num::Flt> $crate::kernels::builders::UnOp<T, T> for $name {
            #[inline(always)]
            #[allow(unused_variables)]
            fn f($a: T, $fl: &mut u8) -> T {
                $body
            }
        }
    };
}

macro_rules! cplx_bin {
    ($name:ident, |$a:ident, $b:ident, $fl:ident| $body:expr) => {
        pub(crate) struct $name;
        impl<C: $crate::kernels::complex::Cplx> $crate::kernels::builders::BinOp<C, C, C>
            for $name
        {
            #[inline(always)]
            #[allow(unused_variables)]
            fn f($a: C, $b: C, $fl: &mut u8) -> C {
                $body
            }
        }
    };
}

macro_rules! cplx_un {
    ($name:ident, |$a:ident $(, $fl:ident)?| $body:expr) => {
        pub(crate) struct $name;
        impl<C: $crate::kernels::complex::Cplx> $crate::kernels::builders::UnOp<C, C> for $name {
            #[inline(always)]
            #[allow(unused_variables)]
            fn f($a: C, fl_: &mut u8) -> C {
                $(let $fl = fl_;)?
                $body
            }
        }
    };
}
pub(crate) use {cplx_un, flt_bin, flt_un};

// ---- integers ----

int_bin!(IAdd, |a, b, fl| a.wadd(b));
int_bin!(ISub, |a, b, fl| a.wsub(b));
int_bin!(IMul, |a, b, fl| a.wmul(b));
int_bin!(IAddC, |a, b, fl| {
    let (r, o) = a.oadd(b);
    if o {
        *fl |= fpe::OVERFLOW;
    }
    r
});
int_bin!(ISubC, |a, b, fl| {
    let (r, o) = a.osub(b);
    if o {
        *fl |= fpe::OVERFLOW;
    }
    r
});
int_bin!(IMulC, |a, b, fl| {
    let (r, o) = a.omul(b);
    if o {
        *fl |= fpe::OVERFLOW;
    }
    r
});

/// Floor division with NumPy's edge cases.
#[inline(always)]
pub(crate) fn int_floor_div<T: Int>(a: T, b: T, fl: &mut u8) -> T {
    if b == T::ZERO {
        *fl |= fpe::DIVIDE;
        return T::ZERO;
    }
    if T::SIGNED && a == T::MIN && b.is_minus_one() {
        *fl |= fpe::OVERFLOW;
        return T::MIN;
    }
    let q = a.tdiv(b);
    let r = a.trem(b);
    if r != T::ZERO && (r.is_neg() != b.is_neg()) {
        q.wsub(T::ONE)
    } else {
        q
    }
}

/// Python-style remainder (sign of the divisor) with NumPy's edge cases.
#[inline(always)]
pub(crate) fn int_rem<T: Int>(a: T, b: T, fl: &mut u8) -> T {
    if b == T::ZERO {
        *fl |= fpe::DIVIDE;
        return T::ZERO;
    }
    let r = a.trem(b);
    if r != T::ZERO && (r.is_neg() != b.is_neg()) {
        r.wadd(b)
    } else {
        r
    }
}

int_bin!(IFloorDiv, |a, b, fl| int_floor_div(a, b, fl));
int_bin!(IRem, |a, b, fl| int_rem(a, b, fl));
int_bin!(IFmod, |a, b, fl| {
    if b == T::ZERO {
        *fl |= fpe::DIVIDE;
        T::ZERO
    } else {
        a.trem(b)
    }
});

pub(crate) struct IDivmod;
impl<T: Int> BinOp2<T, T, T, T> for IDivmod {
    #[inline(always)]
    fn f(a: T, b: T, fl: &mut u8) -> (T, T) {
        if b == T::ZERO {
            *fl |= fpe::DIVIDE;
            return (T::ZERO, T::ZERO);
        }
        (int_floor_div(a, b, fl), int_rem(a, b, fl))
    }
}

/// Integer power by squaring; negative exponents are an error (NumPy's ValueError).
#[inline(always)]
fn int_pow<T: Int, const CHECK: bool>(a: T, b: T, fl: &mut u8) -> T {
    if b.is_neg() {
        *fl |= ERR_NEG_POW;
        return T::ZERO;
    }
    // Not negative here, so the bits read as u64 are the exponent (also for u64).
    let mut e = b.as_i64() as u64;
    let mut acc = T::ONE;
    let mut base = a;
    let mut over = false;
    while e > 0 {
        if e & 1 == 1 {
            let (r, o) = acc.omul(base);
            acc = r;
            over |= o;
        }
        e >>= 1;
        if e > 0 {
            let (r, o) = base.omul(base);
            base = r;
            // Squaring overflow only matters if the square is used again.
            over |= o && e > 0;
        }
    }
    if CHECK && over {
        *fl |= fpe::OVERFLOW;
    }
    acc
}

int_bin!(IPow, |a, b, fl| int_pow::<T, false>(a, b, fl));
int_bin!(IPowC, |a, b, fl| int_pow::<T, true>(a, b, fl));

int_un!(INeg, |a, fl| a.wneg());
int_un!(INegC, |a, fl| {
    let r = a.wneg();
    if (T::SIGNED && a == T::MIN) || (!T::SIGNED && a != T::ZERO) {
        *fl |= fpe::OVERFLOW;
    }
    r
});
int_un!(ICopy, |a, fl| a);
int_un!(IAbs, |a, fl| a.wabs());
int_un!(IAbsC, |a, fl| {
    if T::SIGNED && a == T::MIN {
        *fl |= fpe::OVERFLOW;
    }
    a.wabs()
});
int_un!(ISign, |a, fl| a.signum());
int_un!(ISquare, |a, fl| a.wmul(a));

/// NumPy computes integer reciprocal as `1.0 / x` in double, then casts back (C rules).
pub(crate) struct IRecip;
impl<T: Int + crate::dtype::Element> UnOp<T, T> for IRecip {
    #[inline(always)]
    fn f(a: T, fl: &mut u8) -> T {
        if a == T::ZERO {
            // 1.0 / 0 is inf (divide), and converting inf to an integer is invalid.
            *fl |= fpe::DIVIDE | fpe::INVALID;
        }
        T::from_src(1.0f64 / a.to_f64())
    }
}

// ---- bool ----

pub(crate) struct BOr;
impl BinOp<bool, bool, bool> for BOr {
    #[inline(always)]
    fn f(a: bool, b: bool, _fl: &mut u8) -> bool {
        a | b
    }
}
pub(crate) struct BAnd;
impl BinOp<bool, bool, bool> for BAnd {
    #[inline(always)]
    fn f(a: bool, b: bool, _fl: &mut u8) -> bool {
        a & b
    }
}
pub(crate) struct BCopy;
impl UnOp<bool, bool> for BCopy {
    #[inline(always)]
    fn f(a: bool, _fl: &mut u8) -> bool {
        a
    }
}

// ---- floats ----

flt_bin!(FAdd, |a, b, fl| a + b);
flt_bin!(FSub, |a, b, fl| a - b);
flt_bin!(FMul, |a, b, fl| a * b);
flt_bin!(FDiv, |a, b, fl| a / b);
flt_bin!(FPow, |a, b, fl| a.powf(b));
// NumPy's float32/float64 `power` loops (its own SIMD pow) report 0 ** -inf = inf as a
// division by zero; libm's pow (float_power, float16) does not.
flt_bin!(FPowSimd, |a, b, fl| {
    if a == T::ZERO && b == -T::INF {
        *fl |= fpe::DIVIDE;
    }
    a.powf(b)
});
flt_bin!(FFmod, |a, b, fl| a % b);

/// NumPy's `npy_divmod`: (floor quotient, remainder with the divisor's sign).
#[inline(always)]
pub(crate) fn flt_divmod<T: Flt>(a: T, b: T) -> (T, T) {
    let z = T::ZERO;
    let mut m = a % b;
    if b == z {
        return (a / b, m);
    }
    let mut div = (a - m) / b;
    // The comparisons are C's quiet isless/isgreater, as in npy_divmod: optimised code
    // may otherwise use signalling compares and raise "invalid" for NaN.
    if m != z {
        if b.lt0_quiet() != m.lt0_quiet() {
            m = m + b;
            div = div - T::ONE;
        }
    } else {
        m = z.copysign(b);
    }
    let fd = if div != z {
        let mut fd = div.floor();
        if (div - fd).gt_quiet(T::HALF) {
            fd = fd + T::ONE;
        }
        fd
    } else {
        z.copysign(a / b)
    };
    (fd, m)
}

flt_bin!(FFloorDiv, |a, b, fl| {
    if b == T::ZERO {
        // The division raises what NumPy reports (divide for x/0, invalid for 0/0).
        a / b
    } else {
        flt_divmod(a, b).0
    }
});
// NumPy's remainder computes only the modulus part of npy_divmod (no quotient, so no
// spurious overflow from it).
flt_bin!(FRem, |a, b, fl| {
    let m = a % b;
    if b == T::ZERO {
        m
    } else if m != T::ZERO {
        if b.lt0_quiet() != m.lt0_quiet() {
            m + b
        } else {
            m
        }
    } else {
        T::ZERO.copysign(b)
    }
});

pub(crate) struct FDivmod;
impl<T: Flt> BinOp2<T, T, T, T> for FDivmod {
    #[inline(always)]
    fn f(a: T, b: T, _fl: &mut u8) -> (T, T) {
        flt_divmod(a, b)
    }
}

flt_un!(FNeg, |a, fl| -a);
flt_un!(FCopy, |a, fl| a);
flt_un!(FAbs, |a, fl| a.abs());
flt_un!(FRecip, |a, fl| T::ONE / a);
flt_un!(FSquare, |a, fl| a * a);
flt_un!(FSign, |a, fl| {
    if a > T::ZERO {
        T::ONE
    } else if a < T::ZERO {
        -T::ONE
    } else if a == T::ZERO {
        T::ZERO
    } else {
        a
    }
});

// ---- complex ----

cplx_bin!(CAdd, |a, b, fl| C::new(a.re() + b.re(), a.im() + b.im()));
cplx_bin!(CSub, |a, b, fl| C::new(a.re() - b.re(), a.im() - b.im()));
cplx_bin!(CMul, |a, b, fl| cmul(a, b));
// NumPy's array loops on FMA machines (`simd_cmul`: `npyv_muladdsub`): each part is one
// fused multiply-add over the other product, rounded (its scalars and reductions use the
// plain `CMul`).
cplx_bin!(CMulFma, |a, b, fl| cmul_fma(a, b));
cplx_bin!(CDiv, |a, b, fl| cdiv(a, b, fl));
cplx_bin!(CPow, |a, b, fl| cpow(a, b, fl));
cplx_un!(CNeg, |a| C::new(-a.re(), -a.im()));
cplx_un!(CCopy, |a| a);
cplx_un!(CConj, |a| C::new(a.re(), -a.im()));
cplx_un!(CSquare, |a| cmul(a, a));
// `square` as NumPy's FMA loops compute it (`simd_cmul(a, a)`, see `CMulFma`).
cplx_un!(CSquareFma, |a| cmul_fma(a, a));
cplx_un!(CRecip, |a, fl| {
    let (r, i) = (a.re(), a.im());
    let one = C::R::ONE;
    // NumPy compares |i| <= |r| with C's signalling `<=`: NaN raises "invalid".
    if r.is_nan() || i.is_nan() {
        *fl |= fpe::INVALID;
    }
    if i.abs() <= r.abs() {
        let q = i / r;
        let d = r + i * q;
        C::new(one / d, -q / d)
    } else {
        let q = r / i;
        let d = r * q + i;
        C::new(q / d, -one / d)
    }
});
cplx_un!(CSign, |a| {
    let (r, i) = (a.re(), a.im());
    let z = C::R::ZERO;
    let one = C::R::ONE;
    let m = r.hypot(i);
    if m.is_nan() {
        C::new(C::R::NAN, C::R::NAN)
    } else if m.is_inf() {
        if r.is_inf() {
            if i.is_inf() {
                C::new(C::R::NAN, C::R::NAN)
            } else {
                C::new(if r > z { one } else { -one }, z)
            }
        } else {
            C::new(z, if i > z { one } else { -one })
        }
    } else if m == z {
        C::new(z, z)
    } else {
        C::new(r / m, i / m)
    }
});

/// `absolute` of a complex value: `hypot(re, im)`.
pub(crate) struct CAbs;
impl<C: Cplx> UnOp<C, C::R> for CAbs {
    #[inline(always)]
    fn f(a: C, _fl: &mut u8) -> C::R {
        a.re().hypot(a.im())
    }
}
