//! Arithmetic: add subtract multiply divide floor_divide remainder fmod divmod power
//! float_power negative positive absolute fabs reciprocal sign conjugate square.

pub(crate) mod reduce;
pub(crate) mod scalar;

use half::f16;

use self::scalar::*;
use super::builders::{binary, binary2, rows, unary, unary_quiet, BinOp2};
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
            r.add_rows("add", bin, rows::<$t, FAdd>);
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
    r.add("remainder", "ee->e", half_remainder);
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
            r.add("multiply", bin, cmul_loop::<$t>);
            r.add("divide", bin, binary::<$t, $t, $t, CDiv>);
            r.add("power", bin, binary::<$t, $t, $t, CPow>);
            r.add("negative", un, unary::<$t, $t, CNeg>);
            r.add("positive", un, unary::<$t, $t, CCopy>);
            r.add("conjugate", un, unary::<$t, $t, CConj>);
            r.add("reciprocal", un, unary::<$t, $t, CRecip>);
            r.add("square", un, csquare_loop::<$t>);
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

/// Whether NumPy's SIMD complex loops (`loops_arithm_fp.dispatch.c.src`) take an input
/// of byte stride `s`: its `npyv_loadn2` gathers refuse negative strides of complex64
/// items (then it runs its scalar loop), not of complex128.
#[inline]
fn numpy_loadable<C>(s: isize) -> bool {
    !(std::mem::size_of::<C>() == 8 && s < 0)
}

/// NumPy's `is_mem_overlap`: the ranges from the first to the last item's address of two
/// runs overlap without being identical (runs that only touch do not overlap; one-element
/// runs overlap only when they are the same element, and then they are identical).
#[inline]
fn numpy_overlap(a: *const u8, sa: isize, b: *const u8, sb: isize, len: usize) -> bool {
    let range = |p: *const u8, s: isize| {
        let (p, span) = (p as isize, s.wrapping_mul(len.saturating_sub(1) as isize));
        if span < 0 {
            (p.wrapping_add(span), p)
        } else {
            (p, p.wrapping_add(span))
        }
    };
    let ((a0, a1), (b0, b1)) = (range(a, sa), range(b, sb));
    !((a0 == b0 && a1 == b1) || a0 > b1 || b0 > a1)
}

/// The strides NumPy's loop would see: its iterator turns an axis around when no operand
/// moves forward along it (and one moves backward).
#[inline]
fn numpy_flipped<const N: usize>(strides: &[isize]) -> [isize; N] {
    let mut s: [isize; N] = std::array::from_fn(|k| strides[k]);
    if s.iter().any(|&x| x < 0) && !s.iter().any(|&x| x > 0) {
        s.iter_mut().for_each(|x| *x = -*x);
    }
    s
}

/// Complex `multiply` as NumPy computes it for the same operands: its SIMD loop (each part
/// one fused multiply-add, [`CMulFma`]) where the CPU has FMA, the inputs are loadable and
/// do not partly overlap the output; its scalar loop (the plain formula, [`CMul`])
/// otherwise. Reductions go through `reduce::mul_reduce_c` (plain, as NumPy's).
///
/// NumPy's scalar math is plain ([`LoopModes::scalar_math`]), and so is its one call of
/// `multiply.accumulate` over more than one step, which overlaps its own output (stepped
/// one element at a time here, [`LoopModes::overlap`]); a reduce call (input and
/// output the same element with stride 0) is plain. One-element and 0-d arrays are fused.
///
/// [`LoopModes::scalar_math`]: crate::ufunc::loops::LoopModes::scalar_math
/// [`LoopModes::overlap`]: crate::ufunc::loops::LoopModes::overlap
///
/// # Safety
/// The [`LoopFn`](crate::ufunc::loops::LoopFn) contract for `C`.
unsafe fn cmul_loop<C: super::complex::Cplx>(
    ctx: &crate::ufunc::loops::LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> crate::ufunc::loops::LoopResult {
    let [s0, s1, so] = numpy_flipped::<3>(strides);
    let fused = super::simd::has_avx2()
        && !ctx.modes.scalar_math
        && !(s0 == 0 && so == 0 && ptrs[0] == ptrs[2])
        && numpy_loadable::<C>(s0)
        && numpy_loadable::<C>(s1)
        && !ctx.modes.overlap.unwrap_or_else(|| {
            numpy_overlap(ptrs[0], strides[0], ptrs[2], strides[2], len)
                || numpy_overlap(ptrs[1], strides[1], ptrs[2], strides[2], len)
        });
    // SAFETY: forwarded.
    unsafe {
        if fused {
            binary::<C, C, C, CMulFma>(ctx, ptrs, len, strides)
        } else {
            binary::<C, C, C, CMul>(ctx, ptrs, len, strides)
        }
    }
}

/// Complex `square` as NumPy computes it: its SIMD loop (fused, [`CSquareFma`]) for a
/// contiguous input, or a contiguous output and a loadable input; its scalar loop (plain,
/// [`CSquare`]) otherwise and for scalar math (as [`cmul_loop`]).
///
/// # Safety
/// The [`LoopFn`](crate::ufunc::loops::LoopFn) contract for `C`.
unsafe fn csquare_loop<C: super::complex::Cplx>(
    ctx: &crate::ufunc::loops::LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> crate::ufunc::loops::LoopResult {
    let e = std::mem::size_of::<C>() as isize;
    let [si, so] = numpy_flipped::<2>(strides);
    let fused = super::simd::has_avx2()
        && !ctx.modes.scalar_math
        && (si == e || (so == e && numpy_loadable::<C>(si)) || len == 1)
        && !numpy_overlap(ptrs[0], strides[0], ptrs[1], strides[1], len);
    // SAFETY: forwarded.
    unsafe {
        if fused {
            unary::<C, C, CSquareFma>(ctx, ptrs, len, strides)
        } else {
            unary::<C, C, CSquare>(ctx, ptrs, len, strides)
        }
    }
}

/// `float16` remainder. NumPy's scalar math computes it with `npy_divmodf`, whose quotient
/// `a / 0` also reports division by zero for a finite non-zero `a`; its array loop does
/// not.
///
/// # Safety
/// The [`LoopFn`](crate::ufunc::loops::LoopFn) contract for `f16`.
unsafe fn half_remainder(
    ctx: &crate::ufunc::loops::LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> crate::ufunc::loops::LoopResult {
    if ctx.modes.scalar_math {
        for i in 0..len as isize {
            // SAFETY: element i of the two inputs (the loop contract).
            let (a, b) = unsafe {
                (
                    ptrs[0].offset(i * strides[0]).cast::<f16>().read(),
                    ptrs[1].offset(i * strides[1]).cast::<f16>().read(),
                )
            };
            if b.to_f32() == 0.0 && a.to_f32().is_finite() && a.to_f32() != 0.0 {
                ctx.raise(crate::ufunc::loops::fpe::DIVIDE);
            }
        }
    }
    // SAFETY: forwarded.
    unsafe { binary::<f16, f16, f16, H<FRem>>(ctx, ptrs, len, strides) }
}
