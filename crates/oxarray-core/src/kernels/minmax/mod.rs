//! maximum minimum fmax fmin.

mod reduce;
pub(crate) mod scalar;

use half::f16;

use self::scalar::*;
use super::builders::{binary, binary_quiet, rows, rows_quiet};
use super::num::H;
use super::{each_cplx, each_flt, each_int, Registry};

pub(crate) fn register(r: &mut Registry) {
    macro_rules! ints {
        ($t:ty, $c:literal) => {
            let s = concat!($c, $c, "->", $c);
            r.add("maximum", s, binary::<$t, $t, $t, Max>);
            r.add("minimum", s, binary::<$t, $t, $t, Min>);
            r.add("fmax", s, binary::<$t, $t, $t, FMax>);
            r.add("fmin", s, binary::<$t, $t, $t, FMin>);
        };
    }
    ints!(bool, "?");
    each_int!(ints);
    // Rows variants (`max(A, axis=0)`: several rows per pass, see `builders::rows`).
    macro_rules! int_rows {
        ($t:ty, $c:literal) => {
            let s = concat!($c, $c, "->", $c);
            r.add_rows("maximum", s, rows::<$t, Max>);
            r.add_rows("minimum", s, rows::<$t, Min>);
            r.add_rows("fmax", s, rows::<$t, FMax>);
            r.add_rows("fmin", s, rows::<$t, FMin>);
        };
    }
    each_int!(int_rows);
    // Quiet: comparing NaNs must not raise "invalid".
    macro_rules! floats {
        ($t:ty, $c:literal) => {
            let s = concat!($c, $c, "->", $c);
            r.add("maximum", s, binary_quiet::<$t, $t, $t, FltMax>);
            r.add("minimum", s, binary_quiet::<$t, $t, $t, FltMin>);
            r.add("fmax", s, binary_quiet::<$t, $t, $t, FltFMax>);
            r.add("fmin", s, binary_quiet::<$t, $t, $t, FltFMin>);
            r.add_rows("maximum", s, rows_quiet::<$t, FltMax>);
            r.add_rows("minimum", s, rows_quiet::<$t, FltMin>);
            r.add_rows("fmax", s, rows_quiet::<$t, FltFMax>);
            r.add_rows("fmin", s, rows_quiet::<$t, FltFMin>);
        };
    }
    each_flt!(floats);
    type E = f16;
    r.add("maximum", "ee->e", binary_quiet::<E, E, E, H<HalfMax>>);
    r.add("minimum", "ee->e", binary_quiet::<E, E, E, H<HalfMin>>);
    r.add("fmax", "ee->e", binary_quiet::<E, E, E, H<FltFMax>>);
    r.add("fmin", "ee->e", binary_quiet::<E, E, E, H<FltFMin>>);
    macro_rules! cplx {
        ($t:ty, $c:literal) => {
            let s = concat!($c, $c, "->", $c);
            r.add("maximum", s, binary_quiet::<$t, $t, $t, CMax>);
            r.add("minimum", s, binary_quiet::<$t, $t, $t, CMin>);
            r.add("fmax", s, binary_quiet::<$t, $t, $t, CFMax>);
            r.add("fmin", s, binary_quiet::<$t, $t, $t, CFMin>);
        };
    }
    each_cplx!(cplx);
    reduce::register(r);
}
