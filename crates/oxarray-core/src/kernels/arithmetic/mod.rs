//! Arithmetic: add subtract multiply divide floor_divide remainder fmod divmod power
//! float_power negative positive absolute fabs reciprocal sign conjugate square.

pub(crate) mod reduce;
pub(crate) mod scalar;

use half::f16;

use self::scalar::*;
use super::builders::{binary, binary2, unary, unary_quiet, BinOp2};
use super::num::{to_f16, H};
use super::{checked_binary, checked_unary, each_cplx, each_flt, each_int, Registry};

checked_binary!(int_add, IAdd, IAddC);
checked_binary!(int_sub, ISub, ISubC);
checked_binary!(int_mul, IMul, IMulC);
checked_binary!(int_pow, IPow, IPowC);
checked_unary!(int_neg, INeg, INegC);
checked_unary!(int_abs, IAbs, IAbsC);

/// float16 `divmod`, computed in float32 like NumPy's half loop.
pub(crate) struct HDivmod;
impl BinOp2<f16, f16, f16, f16> for HDivmod {
    #[inline(always)]
    fn f(a: f16, b: f16, fl: &mut u8) -> (f16, f16) {
        let (d, m) = flt_divmod(a.to_f32(), b.to_f32());
        (to_f16(d, fl), to_f16(m, fl))
    }
}

pub(crate) fn register(r: &mut Registry) {
    reduce::register(r);
    r.add("add", "??->?", binary::<bool, bool, bool, BOr>);
    r.add("multiply", "??->?", binary::<bool, bool, bool, BAnd>);
    r.add("absolute", "?->?", unary::<bool, bool, BCopy>);

    macro_rules! ints {
        ($t:ty, $c:literal) => {
            let bin = concat!($c, $c, "->", $c);
            let un = concat!($c, "->", $c);
            r.add("add", bin, int_add::<$t>);
            r.add("subtract", bin, int_sub::<$t>);
            r.add("multiply", bin, int_mul::<$t>);
            r.add("power", bin, int_pow::<$t>);
            r.add("floor_divide", bin, binary::<$t, $t, $t, IFloorDiv>);
            r.add("remainder", bin, binary::<$t, $t, $t, IRem>);
            r.add("fmod", bin, binary::<$t, $t, $t, IFmod>);
            r.add(
                "divmod",
                concat!($c, $c, "->", $c, $c),
                binary2::<$t, $t, $t, $t, IDivmod>,
            );
            r.add("negative", un, int_neg::<$t>);
            r.add("absolute", un, int_abs::<$t>);
            r.add("positive", un, unary::<$t, $t, ICopy>);
            r.add("conjugate", un, unary::<$t, $t, ICopy>);
            r.add("sign", un, unary::<$t, $t, ISign>);
            r.add("square", un, unary::<$t, $t, ISquare>);
            r.add("reciprocal", un, unary::<$t, $t, IRecip>);
        };
    }
    each_int!(ints);

    macro_rules! floats {
        ($t:ty, $c:literal) => {
            let bin = concat!($c, $c, "->", $c);
            let un = concat!($c, "->", $c);
            r.add("add", bin, binary::<$t, $t, $t, FAdd>);
            r.add("subtract", bin, binary::<$t, $t, $t, FSub>);
            r.add("multiply", bin, binary::<$t, $t, $t, FMul>);
            r.add("divide", bin, binary::<$t, $t, $t, FDiv>);
            r.add("power", bin, binary::<$t, $t, $t, FPowSimd>);
            r.add("floor_divide", bin, binary::<$t, $t, $t, FFloorDiv>);
            r.add("remainder", bin, binary::<$t, $t, $t, FRem>);
            r.add("fmod", bin, binary::<$t, $t, $t, FFmod>);
            r.add(
                "divmod",
                concat!($c, $c, "->", $c, $c),
                binary2::<$t, $t, $t, $t, FDivmod>,
            );
            r.add("negative", un, unary::<$t, $t, FNeg>);
            r.add("positive", un, unary::<$t, $t, FCopy>);
            r.add("conjugate", un, unary::<$t, $t, FCopy>);
            r.add("absolute", un, unary::<$t, $t, FAbs>);
            r.add("fabs", un, unary::<$t, $t, FAbs>);
            r.add("reciprocal", un, unary::<$t, $t, FRecip>);
            r.add("square", un, unary::<$t, $t, FSquare>);
            r.add("sign", un, unary_quiet::<$t, $t, FSign>);
        };
    }
    each_flt!(floats);
    r.add("float_power", "dd->d", binary::<f64, f64, f64, FPow>);

    type E = f16;
    r.add("add", "ee->e", binary::<E, E, E, H<FAdd>>);
    r.add("subtract", "ee->e", binary::<E, E, E, H<FSub>>);
    r.add("multiply", "ee->e", binary::<E, E, E, H<FMul>>);
    r.add("divide", "ee->e", binary::<E, E, E, H<FDiv>>);
    r.add("power", "ee->e", binary::<E, E, E, H<FPow>>);
    r.add("floor_divide", "ee->e", binary::<E, E, E, H<FFloorDiv>>);
    r.add("remainder", "ee->e", binary::<E, E, E, H<FRem>>);
    r.add("fmod", "ee->e", binary::<E, E, E, H<FFmod>>);
    r.add("divmod", "ee->ee", binary2::<E, E, E, E, HDivmod>);
    r.add("negative", "e->e", unary::<E, E, H<FNeg>>);
    r.add("positive", "e->e", unary::<E, E, H<FCopy>>);
    r.add("conjugate", "e->e", unary::<E, E, H<FCopy>>);
    r.add("absolute", "e->e", unary::<E, E, H<FAbs>>);
    r.add("fabs", "e->e", unary::<E, E, H<FAbs>>);
    r.add("reciprocal", "e->e", unary::<E, E, H<FRecip>>);
    r.add("square", "e->e", unary::<E, E, H<FSquare>>);
    r.add("sign", "e->e", unary_quiet::<E, E, H<FSign>>);

    macro_rules! cplx {
        ($t:ty, $c:literal) => {
            let bin = concat!($c, $c, "->", $c);
            let un = concat!($c, "->", $c);
            r.add("add", bin, binary::<$t, $t, $t, CAdd>);
            r.add("subtract", bin, binary::<$t, $t, $t, CSub>);
            r.add("multiply", bin, binary::<$t, $t, $t, CMul>);
            r.add("divide", bin, binary::<$t, $t, $t, CDiv>);
            r.add("power", bin, binary::<$t, $t, $t, CPow>);
            r.add("negative", un, unary::<$t, $t, CNeg>);
            r.add("positive", un, unary::<$t, $t, CCopy>);
            r.add("conjugate", un, unary::<$t, $t, CConj>);
            r.add("reciprocal", un, unary::<$t, $t, CRecip>);
            r.add("square", un, unary::<$t, $t, CSquare>);
            r.add("sign", un, unary_quiet::<$t, $t, CSign>);
        };
    }
    each_cplx!(cplx);
    r.add("float_power", "DD->D", binary::<C128, C128, C128, CPow>);
    r.add("absolute", "F->f", unary::<C64, f32, CAbs>);
    r.add("absolute", "D->d", unary::<C128, f64, CAbs>);
}

type C64 = num_complex::Complex<f32>;
type C128 = num_complex::Complex<f64>;
