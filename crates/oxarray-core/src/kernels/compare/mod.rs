//! Comparisons: equal not_equal less less_equal greater greater_equal (output bool).

pub(crate) mod scalar;

use half::f16;

use self::scalar::*;
use super::builders::{binary, binary_quiet};
use super::{each_cplx, each_flt, each_int, Registry};

pub(crate) fn register(r: &mut Registry) {
    macro_rules! plain {
        ($t:ty, $c:literal) => {
            let s = concat!($c, $c, "->?");
            r.add("equal", s, binary::<$t, $t, bool, Eq>);
            r.add("not_equal", s, binary::<$t, $t, bool, Ne>);
            r.add("less", s, binary::<$t, $t, bool, Lt>);
            r.add("less_equal", s, binary::<$t, $t, bool, Le>);
            r.add("greater", s, binary::<$t, $t, bool, Gt>);
            r.add("greater_equal", s, binary::<$t, $t, bool, Ge>);
        };
    }
    plain!(bool, "?");
    each_int!(plain);
    // int64 against uint64 compares the mathematical values (NumPy 2's qQ/Qq loops).
    macro_rules! mixed {
        ($a:ty, $b:ty, $s:literal) => {
            r.add("equal", $s, binary::<$a, $b, bool, Eq>);
            r.add("not_equal", $s, binary::<$a, $b, bool, Ne>);
            r.add("less", $s, binary::<$a, $b, bool, Lt>);
            r.add("less_equal", $s, binary::<$a, $b, bool, Le>);
            r.add("greater", $s, binary::<$a, $b, bool, Gt>);
            r.add("greater_equal", $s, binary::<$a, $b, bool, Ge>);
        };
    }
    mixed!(i64, u64, "lL->?");
    mixed!(u64, i64, "Ll->?");
    // Float comparisons must not raise "invalid" for NaN (vector compares would).
    macro_rules! floats {
        ($t:ty, $c:literal) => {
            let s = concat!($c, $c, "->?");
            r.add("equal", s, binary_quiet::<$t, $t, bool, Eq>);
            r.add("not_equal", s, binary_quiet::<$t, $t, bool, Ne>);
            r.add("less", s, binary_quiet::<$t, $t, bool, Lt>);
            r.add("less_equal", s, binary_quiet::<$t, $t, bool, Le>);
            r.add("greater", s, binary_quiet::<$t, $t, bool, Gt>);
            r.add("greater_equal", s, binary_quiet::<$t, $t, bool, Ge>);
        };
    }
    each_flt!(floats);
    floats!(f16, "e");
    macro_rules! cplx {
        ($t:ty, $c:literal) => {
            let s = concat!($c, $c, "->?");
            r.add("equal", s, binary_quiet::<$t, $t, bool, CEq>);
            r.add("not_equal", s, binary_quiet::<$t, $t, bool, CNe>);
            r.add("less", s, complex_order::<$t, CLt>);
            r.add("less_equal", s, complex_order::<$t, CLe>);
            r.add("greater", s, complex_order::<$t, CGt>);
            r.add("greater_equal", s, complex_order::<$t, CGe>);
        };
    }
    each_cplx!(cplx);
}

/// A complex ordering as NumPy's: its array loops raise "invalid" for a NaN part (C's
/// signalling relational operators), its scalar math does not (quiet comparisons).
///
/// # Safety
/// The [`LoopFn`](crate::ufunc::loops::LoopFn) contract for `C`.
unsafe fn complex_order<C: crate::dtype::Load, Op>(
    ctx: &crate::ufunc::loops::LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> crate::ufunc::loops::LoopResult
where
    Op: super::builders::BinOp<C, C, bool>,
{
    let before = ctx.take_flags();
    // SAFETY: forwarded.
    let r = unsafe { binary_quiet::<C, C, bool, Op>(ctx, ptrs, len, strides) };
    if ctx.modes.scalar_math {
        ctx.take_flags();
    }
    ctx.raise(before);
    r
}
