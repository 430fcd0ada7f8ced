//! Element functions of exponents, logarithms and roots (portable scalar code). Real
//! functions are the platform libm's (what NumPy's `npy_*` call); complex ones follow
//! NumPy's `nc_*` definitions on top of C99's `cexp`/`clog`/`csqrt`.

use super::super::arithmetic::scalar::{cplx_un, flt_bin, flt_un};

flt_un!(FSqrt, |a, fl| a.sqrt());
flt_un!(FCbrt, |a, fl| a.cbrt());
flt_un!(FExp, |a, fl| a.exp());
flt_un!(FExp2, |a, fl| a.exp2());
flt_un!(FExpm1, |a, fl| a.exp_m1());
flt_un!(FLog, |a, fl| a.ln());
flt_un!(FLog2, |a, fl| a.log2());
flt_un!(FLog10, |a, fl| a.log10());
flt_un!(FLog1p, |a, fl| a.ln_1p());

// NumPy's npy_logaddexp: equal arguments (also equal infinities) give x + log(2) without
// an `inf - inf`; NaN differences are returned as they are.
flt_bin!(FLogAddExp, |x, y, fl| {
    if x == y {
        x + T::LN2
    } else {
        let t = x - y;
        if t.is_nan() {
            // NumPy tests `t > 0` with C's signalling comparison.
            *fl |= crate::ufunc::loops::fpe::INVALID;
        }
        if t > T::ZERO {
            x + (-t).exp().ln_1p()
        } else if t <= T::ZERO {
            y + t.exp().ln_1p()
        } else {
            t
        }
    }
});
flt_bin!(FLogAddExp2, |x, y, fl| {
    if x == y {
        x + T::ONE
    } else {
        let t = x - y;
        if t.is_nan() {
            *fl |= crate::ufunc::loops::fpe::INVALID;
        }
        if t > T::ZERO {
            x + T::LOG2E * (-t).exp2().ln_1p()
        } else if t <= T::ZERO {
            y + T::LOG2E * t.exp2().ln_1p()
        } else {
            t
        }
    }
});

cplx_un!(CSqrt, |a| a.csqrt());
cplx_un!(CExp, |a| a.cexp());
cplx_un!(CLog, |a| a.clog());
cplx_un!(CExp2, |a| a.cexp2());
cplx_un!(CExpm1, |a| a.cexpm1());
cplx_un!(CLog2, |a| a.clog2());
cplx_un!(CLog10, |a| a.clog10());
cplx_un!(CLog1p, |a| a.clog1p());
