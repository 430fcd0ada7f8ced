//! Exponents, logarithms and roots: sqrt cbrt exp exp2 expm1 log log2 log10 log1p
//! logaddexp logaddexp2.

pub(crate) mod scalar;
pub(crate) mod vector;
#[cfg(target_arch = "x86_64")]
mod x86;

use half::f16;

use self::scalar::*;
use self::vector::{VExp, VExpm1, VLog};
use super::builders::{binary, unary};
use super::num::{H, W};
use super::simd::vunary;
use super::{each_cplx, each_flt, Registry};

pub(crate) fn register(r: &mut Registry) {
    macro_rules! floats {
        ($t:ty, $c:literal) => {
            let un = concat!($c, "->", $c);
            r.add("sqrt", un, unary::<$t, $t, FSqrt>);
            r.add("cbrt", un, unary::<$t, $t, FCbrt>);
            r.add("exp", un, vunary::<$t, VExp, FExp>);
            r.add("exp2", un, unary::<$t, $t, FExp2>);
            r.add("expm1", un, vunary::<$t, VExpm1, FExpm1>);
            r.add("log", un, vunary::<$t, VLog, FLog>);
            r.add("log2", un, unary::<$t, $t, FLog2>);
            r.add("log10", un, unary::<$t, $t, FLog10>);
            r.add("log1p", un, unary::<$t, $t, FLog1p>);
        };
    }
    each_flt!(floats);
    r.add("logaddexp", "dd->d", binary::<f64, f64, f64, FLogAddExp>);
    r.add("logaddexp2", "dd->d", binary::<f64, f64, f64, FLogAddExp2>);
    r.add("logaddexp", "ff->f", binary::<f32, f32, f32, W<FLogAddExp>>);
    r.add(
        "logaddexp2",
        "ff->f",
        binary::<f32, f32, f32, W<FLogAddExp2>>,
    );
    type E = f16;
    r.add("sqrt", "e->e", unary::<E, E, H<FSqrt>>);
    r.add("cbrt", "e->e", unary::<E, E, H<FCbrt>>);
    r.add("exp", "e->e", unary::<E, E, H<FExp>>);
    r.add("exp2", "e->e", unary::<E, E, H<FExp2>>);
    r.add("expm1", "e->e", unary::<E, E, H<FExpm1>>);
    r.add("log", "e->e", unary::<E, E, H<FLog>>);
    r.add("log2", "e->e", unary::<E, E, H<FLog2>>);
    r.add("log10", "e->e", unary::<E, E, H<FLog10>>);
    r.add("log1p", "e->e", unary::<E, E, H<FLog1p>>);
    r.add("logaddexp", "ee->e", binary::<E, E, E, H<FLogAddExp>>);
    r.add("logaddexp2", "ee->e", binary::<E, E, E, H<FLogAddExp2>>);
    macro_rules! cplx {
        ($t:ty, $c:literal) => {
            let un = concat!($c, "->", $c);
            r.add("sqrt", un, unary::<$t, $t, CSqrt>);
            r.add("exp", un, unary::<$t, $t, CExp>);
            r.add("exp2", un, unary::<$t, $t, CExp2>);
            r.add("expm1", un, unary::<$t, $t, CExpm1>);
            r.add("log", un, unary::<$t, $t, CLog>);
            r.add("log2", un, unary::<$t, $t, CLog2>);
            r.add("log10", un, unary::<$t, $t, CLog10>);
            r.add("log1p", un, unary::<$t, $t, CLog1p>);
        };
    }
    each_cplx!(cplx);
}
