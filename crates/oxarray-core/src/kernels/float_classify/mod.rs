//! Floating-point classification: isnan isinf isfinite signbit (output bool).

pub(crate) mod scalar;

use half::f16;

use self::scalar::*;
use super::builders::unary_quiet;
use super::{each_cplx, each_flt, each_int, Registry};

pub(crate) fn register(r: &mut Registry) {
    macro_rules! all {
        ($t:ty, $c:literal) => {
            let s = concat!($c, "->?");
            r.add("isnan", s, unary_quiet::<$t, bool, IsNan>);
            r.add("isinf", s, unary_quiet::<$t, bool, IsInf>);
            r.add("isfinite", s, unary_quiet::<$t, bool, IsFinite>);
        };
    }
    all!(bool, "?");
    each_int!(all);
    all!(f16, "e");
    each_flt!(all);
    each_cplx!(all);
    r.add("signbit", "e->?", unary_quiet::<f16, bool, SignBit>);
    r.add("signbit", "f->?", unary_quiet::<f32, bool, SignBit>);
    r.add("signbit", "d->?", unary_quiet::<f64, bool, SignBit>);
}
