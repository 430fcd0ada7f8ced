//! Ufunc loops of the machine-learning floats, as `ml_dtypes` computes them: each
//! element is widened to `f32` (exactly), the `f32` operation is applied, and the result
//! is rounded back (`T(op(float(a), float(b)))`). Negation and absolute value work on the
//! sign bit; maximum/minimum select one operand's bits (`isnan(a) || a > b ? a : b`);
//! comparisons compare the `f32` values.
//!
//! Contiguous runs are processed in blocks of [`BLOCK`]: widen both inputs into `f32`
//! buffers, apply the operation, narrow back, each a plain loop the compiler vectorises
//! (for `bfloat16` the widening is a shift and the narrowing a rounding add); the
//! AVX2 build of the same code is chosen at registration when the CPU has it. The
//! hardware flags of the `f32` operations are those `ml_dtypes` raises (overflow in
//! `multiply`, division by zero...), and the engine reads them after the call.
//!
//! `add`, `multiply`, `maximum` and `minimum` have reduce variants that fold in order
//! (`acc = T(float(acc) op float(x))` element after element), which is what NumPy does
//! with a loop of a user dtype: `sum` of 1000 `bfloat16` ones is 256 there too.

use super::format::MlFormat;
use crate::ufunc::loops::{LoopContext, LoopResult};

/// Elements per block of the contiguous paths.
pub(crate) const BLOCK: usize = 256;

/// A binary `f32` operation.
pub(crate) trait BinOp: 'static {
    fn f(a: f32, b: f32) -> f32;
}
/// A unary `f32` operation.
pub(crate) trait UnOp: 'static {
    fn f(a: f32) -> f32;
}
/// A comparison of `f32` values.
pub(crate) trait CmpOp: 'static {
    fn f(a: f32, b: f32) -> bool;
}

macro_rules! bin_ops {
    ($($name:ident => |$a:ident, $b:ident| $e:expr;)*) => {$(
        pub(crate) struct $name;
        impl BinOp for $name {
            #[inline(always)]
            fn f($a: f32, $b: f32) -> f32 { $e }
        }
    )*};
}
macro_rules! un_ops {
    ($($name:ident => |$a:ident| $e:expr;)*) => {$(
        pub(crate) struct $name;
        impl UnOp for $name {
            #[inline(always)]
            fn f($a: f32) -> f32 { $e }
        }
    )*};
}
macro_rules! cmp_ops {
    ($($name:ident => |$a:ident, $b:ident| $e:expr;)*) => {$(
        pub(crate) struct $name;
        impl CmpOp for $name {
            #[inline(always)]
            fn f($a: f32, $b: f32) -> bool { $e }
        }
    )*};
}

bin_ops! {
    Add => |a, b| a + b;
    Sub => |a, b| a - b;
    Mul => |a, b| a * b;
    Div => |a, b| a / b;
    Fmod => |a, b| a % b;
    Pow => |a, b| a.powf(b);
    Atan2 => |a, b| a.atan2(b);
    Hypot => |a, b| a.hypot(b);
    Remainder => |a, b| divmod_f32(a, b).1;
    FloorDivide => |a, b| divmod_f32(a, b).0;
    LogAddExp => |x, y| logaddexp(x, y);
    LogAddExp2 => |x, y| logaddexp2(x, y);
}

/// `ml_dtypes`' `divmod_impl`: (floor quotient, remainder) in `f32`, the same operations
/// in the same order (so the same hardware flags: none at all for a zero divisor).
#[inline(always)]
pub(crate) fn divmod_f32(a: f32, b: f32) -> (f32, f32) {
    if b == 0.0 {
        let nan = f32::NAN;
        if a.is_nan() || a == 0.0 {
            return (nan, nan);
        }
        let inf = if a.is_sign_negative() == b.is_sign_negative() {
            f32::INFINITY
        } else {
            f32::NEG_INFINITY
        };
        return (inf, nan);
    }
    let mut m = a % b;
    let mut div = (a - m) / b;
    if a.is_nan() || b.is_nan() {
        // The NaNs C's code below carries on with. Its flags, as measured on
        // `ml_dtypes`: a NaN divisor raises "invalid", a NaN dividend alone does not
        // (vectorised, Rust's `<` may compile to a signalling compare, so it is skipped).
        if b.is_nan() {
            raise_invalid();
        }
        return (div, m);
    }
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0f32.copysign(b);
    }
    let q = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        // The quotient is computed (its underflow raised) although only its sign counts.
        0f32.copysign(std::hint::black_box(a / b))
    };
    (q, m)
}

/// `ml_dtypes`' `LogAddExp` in `f32`.
#[inline(always)]
fn logaddexp(x: f32, y: f32) -> f32 {
    if x == y {
        // Infinities of the same sign.
        return x + 2f32.ln();
    }
    if x > y {
        x + (y - x).exp().ln_1p()
    } else if x < y {
        y + (x - y).exp().ln_1p()
    } else {
        nan_invalid()
    }
}

/// `ml_dtypes`' `LogAddExp2` in `f32`.
#[inline(always)]
fn logaddexp2(x: f32, y: f32) -> f32 {
    if x == y {
        return x + 1.0;
    }
    if x > y {
        x + (y - x).exp2().ln_1p() / 2f32.ln()
    } else if x < y {
        y + (x - y).exp2().ln_1p() / 2f32.ln()
    } else {
        nan_invalid()
    }
}

/// A positive quiet NaN, raising the invalid flag as `ml_dtypes`' ordered comparisons
/// of a NaN do in `logaddexp` (its build compares with a signalling instruction there).
#[inline(never)]
fn nan_invalid() -> f32 {
    raise_invalid();
    f32::NAN
}

/// Raise the hardware's invalid flag (`inf - inf`).
#[inline(never)]
fn raise_invalid() {
    let (a, b) = std::hint::black_box((f32::INFINITY, f32::INFINITY));
    std::hint::black_box(a - b);
}

un_ops! {
    Sqrt => |a| a.sqrt();
    Exp => |a| a.exp();
    Exp2 => |a| a.exp2();
    Expm1 => |a| a.exp_m1();
    Log => |a| a.ln();
    Log2 => |a| a.log2();
    Log10 => |a| a.log10();
    Log1p => |a| a.ln_1p();
    Square => |a| a * a;
    Cbrt => |a| a.cbrt();
    Reciprocal => |a| 1.0 / a;
    Sin => |a| a.sin();
    Cos => |a| a.cos();
    Tan => |a| a.tan();
    Arcsin => |a| a.asin();
    Arccos => |a| a.acos();
    Arctan => |a| a.atan();
    Sinh => |a| a.sinh();
    Cosh => |a| a.cosh();
    Tanh => |a| a.tanh();
    Arcsinh => |a| a.asinh();
    Arccosh => |a| a.acosh();
    Arctanh => |a| a.atanh();
    Floor => |a| a.floor();
    Ceil => |a| a.ceil();
    Trunc => |a| a.trunc();
    Rint => |a| a.round_ties_even();
    // `M_PI / 180.0f` and `180.0f / M_PI` are computed in double, stored as float.
    Deg2rad => |a| a * (std::f64::consts::PI / 180.0) as f32;
    Rad2deg => |a| a * (180.0 / std::f64::consts::PI) as f32;
}

cmp_ops! {
    Eq => |a, b| a == b;
    Ne => |a, b| a != b;
    Lt => |a, b| a < b;
    Le => |a, b| a <= b;
    Gt => |a, b| a > b;
    Ge => |a, b| a >= b;
    // `static_cast<bool>(x)`: true for NaN.
    LogicalAnd => |a, b| a != 0.0 && b != 0.0;
    LogicalOr => |a, b| a != 0.0 || b != 0.0;
    LogicalXor => |a, b| (a != 0.0) != (b != 0.0);
}

/// Read element `i` of a run.
///
/// # Safety
/// `p + i * s` is a readable element.
#[inline(always)]
unsafe fn rd<B: Copy>(p: *const u8, s: isize, i: usize) -> B {
    // SAFETY: the caller's contract.
    unsafe { (p.offset(i as isize * s) as *const B).read_unaligned() }
}

/// Write element `i` of a run.
///
/// # Safety
/// `p + i * s` is a writable element.
#[inline(always)]
unsafe fn wr<B: Copy>(p: *mut u8, s: isize, i: usize, v: B) {
    // SAFETY: the caller's contract.
    unsafe { (p.offset(i as isize * s) as *mut B).write_unaligned(v) }
}

/// Widen `n <= BLOCK` elements of a run starting at element `i0` into `out`.
///
/// # Safety
/// The elements are readable.
#[inline(always)]
pub(crate) unsafe fn widen<T: MlFormat>(
    p: *const u8,
    s: isize,
    i0: usize,
    out: &mut [f32; BLOCK],
    n: usize,
) {
    let sz = size_of::<T::Bits>() as isize;
    if s == sz {
        let q = p as *const T::Bits;
        for (k, o) in out[..n].iter_mut().enumerate() {
            // SAFETY: contiguous elements `i0 + k` are readable.
            *o = T::to_f32(unsafe { q.add(i0 + k).read_unaligned() });
        }
    } else {
        for (k, o) in out[..n].iter_mut().enumerate() {
            // SAFETY: as above, strided.
            *o = T::to_f32(unsafe { rd::<T::Bits>(p, s, i0 + k) });
        }
    }
}

/// Narrow `n` values into a run starting at element `i0`.
///
/// # Safety
/// The elements are writable.
#[inline(always)]
unsafe fn narrow<T: MlFormat>(p: *mut u8, s: isize, i0: usize, v: &[f32; BLOCK], n: usize) {
    let sz = size_of::<T::Bits>() as isize;
    if s == sz {
        let q = p as *mut T::Bits;
        for (k, &x) in v[..n].iter().enumerate() {
            // SAFETY: contiguous elements `i0 + k` are writable.
            unsafe { q.add(i0 + k).write_unaligned(T::from_f32(x)) };
        }
    } else {
        for (k, &x) in v[..n].iter().enumerate() {
            // SAFETY: as above, strided.
            unsafe { wr(p, s, i0 + k, T::from_f32(x)) };
        }
    }
}

/// `out = T(op(float(a), float(b)))`.
///
/// # Safety
/// The `LoopFn` contract (two inputs and one output of format `T`).
#[inline(always)]
pub(crate) unsafe fn binary_body<T: MlFormat, O: BinOp>(
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    let (mut fa, mut fb) = ([0f32; BLOCK], [0f32; BLOCK]);
    let mut i0 = 0;
    while i0 < len {
        let n = (len - i0).min(BLOCK);
        // SAFETY: elements `i0..i0 + n` of every operand are valid (the contract); an
        // output identical to an input is read before it is written.
        unsafe {
            widen::<T>(ptrs[0], st[0], i0, &mut fa, n);
            widen::<T>(ptrs[1], st[1], i0, &mut fb, n);
            for k in 0..n {
                fa[k] = O::f(fa[k], fb[k]);
            }
            narrow::<T>(ptrs[2], st[2], i0, &fa, n);
        }
        i0 += n;
    }
    Ok(())
}

/// `out = T(op(float(a)))`.
///
/// # Safety
/// The `LoopFn` contract (one input and one output of format `T`).
#[inline(always)]
pub(crate) unsafe fn unary_body<T: MlFormat, O: UnOp>(
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    let mut fa = [0f32; BLOCK];
    let mut i0 = 0;
    while i0 < len {
        let n = (len - i0).min(BLOCK);
        // SAFETY: as in `binary_body`.
        unsafe {
            widen::<T>(ptrs[0], st[0], i0, &mut fa, n);
            for v in &mut fa[..n] {
                *v = O::f(*v);
            }
            narrow::<T>(ptrs[1], st[1], i0, &fa, n);
        }
        i0 += n;
    }
    Ok(())
}

/// `out = op(float(a), float(b))` as bool.
///
/// # Safety
/// The `LoopFn` contract (two inputs of format `T`, a bool output).
#[inline(always)]
pub(crate) unsafe fn compare_body<T: MlFormat, O: CmpOp>(
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    let (mut fa, mut fb) = ([0f32; BLOCK], [0f32; BLOCK]);
    let mut i0 = 0;
    while i0 < len {
        let n = (len - i0).min(BLOCK);
        // SAFETY: as in `binary_body`.
        unsafe {
            widen::<T>(ptrs[0], st[0], i0, &mut fa, n);
            widen::<T>(ptrs[1], st[1], i0, &mut fb, n);
            for k in 0..n {
                wr(ptrs[2], st[2], i0 + k, O::f(fa[k], fb[k]));
            }
        }
        i0 += n;
    }
    Ok(())
}

/// A bit-level unary operation.
pub(crate) trait BitsOp: 'static {
    fn f<T: MlFormat>(b: T::Bits) -> T::Bits;
}
pub(crate) struct Neg;
impl BitsOp for Neg {
    #[inline(always)]
    fn f<T: MlFormat>(b: T::Bits) -> T::Bits {
        T::neg(b)
    }
}
pub(crate) struct Abs;
impl BitsOp for Abs {
    #[inline(always)]
    fn f<T: MlFormat>(b: T::Bits) -> T::Bits {
        T::abs(b)
    }
}
pub(crate) struct Positive;
impl BitsOp for Positive {
    #[inline(always)]
    fn f<T: MlFormat>(b: T::Bits) -> T::Bits {
        b
    }
}

/// The sign bit of format `T` as `u32`.
#[inline(always)]
fn sign_mask<T: MlFormat>() -> u32 {
    1 << (size_of::<T::Bits>() * 8 - 1)
}

/// `ml_dtypes`' `SignAndMagnitude`: (sign bit, bits of `abs(x)`).
#[inline(always)]
fn sign_mag<T: MlFormat>(b: T::Bits) -> (u32, u32) {
    (T::to_u32(b) & sign_mask::<T>(), T::to_u32(T::abs(b)))
}

#[inline(always)]
fn is_nan<T: MlFormat>(b: T::Bits) -> bool {
    T::to_f32(b).is_nan()
}

/// `sign`: NaN and zeros unchanged, else -1 or 1.
pub(crate) struct Sign;
impl BitsOp for Sign {
    #[inline(always)]
    fn f<T: MlFormat>(b: T::Bits) -> T::Bits {
        let (s, m) = sign_mag::<T>(b);
        if is_nan::<T>(b) || m == 0 {
            b
        } else {
            T::from_f32(if s != 0 { -1.0 } else { 1.0 })
        }
    }
}

/// `nextafter` stepping through the format's codes, as `ml_dtypes`' `NextAfter`.
#[inline(always)]
pub(crate) fn next_after<T: MlFormat>(from: T::Bits, to: T::Bits) -> T::Bits {
    if is_nan::<T>(from) || is_nan::<T>(to) {
        return T::from_f32(f32::NAN);
    }
    let (fr, tr) = (T::to_u32(from), T::to_u32(to));
    if fr == tr {
        return to;
    }
    let (fs, fa) = sign_mag::<T>(from);
    let (ts, ta) = sign_mag::<T>(to);
    if fa == 0 {
        return if ta == 0 { to } else { T::from_u32(1 | ts) };
    }
    let width = (sign_mask::<T>() << 1).wrapping_sub(1);
    let out = if fa > ta || fs != ts {
        fr.wrapping_sub(1)
    } else {
        fr + 1
    } & width;
    let out = T::from_u32(out);
    // A format whose code next to the largest is NaN steps to zero instead.
    if is_nan::<T>(out) {
        T::from_u32(0)
    } else {
        out
    }
}

/// `spacing`, as `ml_dtypes`' `Spacing`: the distance to the next code away from zero
/// (`nextafter(x, ±inf) - x` in the format), NaN at the largest value of a format
/// without infinities.
pub(crate) struct Spacing;
impl BitsOp for Spacing {
    #[inline(always)]
    fn f<T: MlFormat>(b: T::Bits) -> T::Bits {
        let copysign = |a: T::Bits, s: T::Bits| {
            T::from_u32(T::to_u32(T::abs(a)) | (T::to_u32(s) & sign_mask::<T>()))
        };
        let inf = T::from_f32(f32::INFINITY);
        let away = if T::to_f32(inf).is_infinite() {
            inf
        } else {
            let max = max_finite::<T>();
            if T::to_f32(T::abs(b)) == T::to_f32(max) {
                return copysign(T::from_f32(f32::NAN), b);
            }
            max
        };
        let next = next_after::<T>(b, copysign(away, b));
        T::from_f32(T::to_f32(next) - T::to_f32(b))
    }
}

/// The largest finite value of format `T` (a scan of the positive codes).
fn max_finite<T: MlFormat>() -> T::Bits {
    let mut best = T::from_u32(0);
    for c in 0..sign_mask::<T>() {
        let v = T::to_f32(T::from_u32(c));
        if v.is_finite() && v > T::to_f32(best) {
            best = T::from_u32(c);
        }
    }
    best
}

/// A bit-level binary operation.
pub(crate) trait Bits2Op: 'static {
    fn f<T: MlFormat>(a: T::Bits, b: T::Bits) -> T::Bits;
}
/// `copysign`: the magnitude of `a` with the sign bit of `b`.
pub(crate) struct CopySign;
impl Bits2Op for CopySign {
    #[inline(always)]
    fn f<T: MlFormat>(a: T::Bits, b: T::Bits) -> T::Bits {
        T::from_u32(T::to_u32(T::abs(a)) | (T::to_u32(b) & sign_mask::<T>()))
    }
}
/// `heaviside`: NaN stays, `h0` at zero, else 0 or 1.
pub(crate) struct Heaviside;
impl Bits2Op for Heaviside {
    #[inline(always)]
    fn f<T: MlFormat>(x: T::Bits, h0: T::Bits) -> T::Bits {
        if is_nan::<T>(x) {
            return x;
        }
        let (s, m) = sign_mag::<T>(x);
        if m == 0 {
            h0
        } else {
            T::from_f32(if s != 0 { 0.0 } else { 1.0 })
        }
    }
}
/// `nextafter`.
pub(crate) struct NextAfter;
impl Bits2Op for NextAfter {
    #[inline(always)]
    fn f<T: MlFormat>(a: T::Bits, b: T::Bits) -> T::Bits {
        next_after::<T>(a, b)
    }
}

/// `out = op(a, b)` on the bits.
///
/// # Safety
/// The `LoopFn` contract (two inputs and one output of format `T`).
#[inline(always)]
pub(crate) unsafe fn bits2_body<T: MlFormat, O: Bits2Op>(
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    for i in 0..len {
        // SAFETY: element i of every run is valid.
        unsafe {
            let a: T::Bits = rd(ptrs[0], st[0], i);
            let b: T::Bits = rd(ptrs[1], st[1], i);
            wr(ptrs[2], st[2], i, O::f::<T>(a, b));
        }
    }
    Ok(())
}

/// `divmod`: two outputs of format `T`.
///
/// # Safety
/// The `LoopFn` contract (two inputs, two outputs, all of format `T`).
#[inline(always)]
pub(crate) unsafe fn divmod_body<T: MlFormat>(
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    for i in 0..len {
        // SAFETY: element i of every run is valid; both inputs are read first.
        unsafe {
            let a = T::to_f32(rd(ptrs[0], st[0], i));
            let b = T::to_f32(rd(ptrs[1], st[1], i));
            let (q, m) = divmod_f32(a, b);
            wr(ptrs[2], st[2], i, T::from_f32(q));
            wr(ptrs[3], st[3], i, T::from_f32(m));
        }
    }
    Ok(())
}

/// `modf`: (fractional part, integral part), C's `modff` on the `f32` value.
///
/// # Safety
/// The `LoopFn` contract (one input, two outputs, all of format `T`).
#[inline(always)]
pub(crate) unsafe fn modf_body<T: MlFormat>(
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    for i in 0..len {
        // SAFETY: element i of every run is valid.
        unsafe {
            let x = T::to_f32(rd(ptrs[0], st[0], i));
            let int = x.trunc();
            let frac = if x.is_infinite() { 0.0 } else { x - int };
            wr(ptrs[1], st[1], i, T::from_f32(frac.copysign(x)));
            wr(ptrs[2], st[2], i, T::from_f32(int));
        }
    }
    Ok(())
}

/// `frexp`: (mantissa of format `T`, `int32` exponent) of the `f32` value.
///
/// # Safety
/// The `LoopFn` contract (one input of format `T`, outputs `T` and `int32`).
#[inline(always)]
pub(crate) unsafe fn frexp_body<T: MlFormat>(
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    use crate::kernels::float_misc::scalar::frexp32;
    for i in 0..len {
        // SAFETY: element i of every run is valid.
        unsafe {
            let (m, e) = frexp32(T::to_f32(rd(ptrs[0], st[0], i)));
            wr(ptrs[1], st[1], i, T::from_f32(m));
            wr(ptrs[2], st[2], i, e);
        }
    }
    Ok(())
}

/// An integer exponent operand of `ldexp`, read as NumPy casts it to the loop's `int32`
/// or `int64` (`uint64` wraps).
pub(crate) trait Exponent: Copy + 'static {
    fn get(self) -> i64;
}
macro_rules! exponent {
    ($($t:ty => $via:ty),*) => {$(
        impl Exponent for $t {
            #[inline(always)]
            fn get(self) -> i64 {
                self as $via as i64
            }
        }
    )*};
}
exponent!(i8 => i32, i16 => i32, i32 => i32, i64 => i64, u8 => i32, u16 => i32,
          u32 => i64, u64 => i64);
impl Exponent for bool {
    #[inline(always)]
    fn get(self) -> i64 {
        self as i64
    }
}

/// `ldexp(x, n)`: `x * 2**n` in `f32`, rounded once to `T`.
///
/// # Safety
/// The `LoopFn` contract (input `T` and an integer `I`, output `T`).
#[inline(always)]
pub(crate) unsafe fn ldexp_body<T: MlFormat, I: Exponent>(
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    use crate::kernels::float_misc::scalar::scalbn32;
    for i in 0..len {
        // SAFETY: element i of every run is valid.
        unsafe {
            let x = T::to_f32(rd(ptrs[0], st[0], i));
            let n: I = rd(ptrs[1], st[1], i);
            wr(ptrs[2], st[2], i, T::from_f32(scalbn32(x, n.get())));
        }
    }
    Ok(())
}

/// `out = op(a)` on the bits.
///
/// # Safety
/// The `LoopFn` contract (one input and one output of format `T`).
#[inline(always)]
pub(crate) unsafe fn bits_body<T: MlFormat, O: BitsOp>(
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    for i in 0..len {
        // SAFETY: element i of both runs is valid.
        unsafe {
            wr(
                ptrs[1],
                st[1],
                i,
                O::f::<T>(rd::<T::Bits>(ptrs[0], st[0], i)),
            )
        };
    }
    Ok(())
}

/// Which operand maximum/minimum keep.
pub(crate) trait SelOp: 'static {
    /// True to keep `a` (`isnan(a) || a > b` for maximum).
    fn keep_a(a: f32, b: f32) -> bool;
}
pub(crate) struct Max;
impl SelOp for Max {
    #[inline(always)]
    fn keep_a(a: f32, b: f32) -> bool {
        a.is_nan() || a > b
    }
}
pub(crate) struct Min;
impl SelOp for Min {
    #[inline(always)]
    fn keep_a(a: f32, b: f32) -> bool {
        a.is_nan() || a < b
    }
}
/// `fmax`: `isnan(b) || a > b ? a : b`.
pub(crate) struct FMax;
impl SelOp for FMax {
    #[inline(always)]
    fn keep_a(a: f32, b: f32) -> bool {
        b.is_nan() || a > b
    }
}
/// `fmin`: `isnan(b) || a < b ? a : b`.
pub(crate) struct FMin;
impl SelOp for FMin {
    #[inline(always)]
    fn keep_a(a: f32, b: f32) -> bool {
        b.is_nan() || a < b
    }
}

/// `out = keep_a(a, b) ? a : b` (the bits of the kept operand).
///
/// # Safety
/// The `LoopFn` contract (two inputs and one output of format `T`).
#[inline(always)]
pub(crate) unsafe fn select_body<T: MlFormat, O: SelOp>(
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    for i in 0..len {
        // SAFETY: element i of every run is valid.
        unsafe {
            let a: T::Bits = rd(ptrs[0], st[0], i);
            let b: T::Bits = rd(ptrs[1], st[1], i);
            let keep = O::keep_a(T::to_f32(a), T::to_f32(b));
            wr(ptrs[2], st[2], i, if keep { a } else { b });
        }
    }
    Ok(())
}

/// A predicate on the `f32` value (`isnan`...), bool out.
pub(crate) trait PredOp: 'static {
    fn f(a: f32) -> bool;
}
pub(crate) struct IsNan;
impl PredOp for IsNan {
    #[inline(always)]
    fn f(a: f32) -> bool {
        a.is_nan()
    }
}
pub(crate) struct IsInf;
impl PredOp for IsInf {
    #[inline(always)]
    fn f(a: f32) -> bool {
        a.is_infinite()
    }
}
pub(crate) struct IsFinite;
impl PredOp for IsFinite {
    #[inline(always)]
    fn f(a: f32) -> bool {
        a.is_finite()
    }
}
pub(crate) struct LogicalNot;
impl PredOp for LogicalNot {
    #[inline(always)]
    fn f(a: f32) -> bool {
        a == 0.0
    }
}
pub(crate) struct SignBit;
impl PredOp for SignBit {
    #[inline(always)]
    fn f(a: f32) -> bool {
        a.is_sign_negative()
    }
}

/// `out = pred(float(a))`.
///
/// # Safety
/// The `LoopFn` contract (one input of format `T`, a bool output).
#[inline(always)]
pub(crate) unsafe fn pred_body<T: MlFormat, O: PredOp>(
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    for i in 0..len {
        // SAFETY: element i of both runs is valid.
        unsafe {
            let a: T::Bits = rd(ptrs[0], st[0], i);
            wr(ptrs[1], st[1], i, O::f(T::to_f32(a)));
        }
    }
    Ok(())
}

/// Reduce variant of a binary operation: `acc = T(op(float(acc), float(x)))` in order.
///
/// # Safety
/// The `ReduceFn` contract.
#[inline(always)]
pub(crate) unsafe fn fold_body<T: MlFormat, O: BinOp>(
    acc: *mut u8,
    x: *const u8,
    n: usize,
    stride: isize,
) -> LoopResult {
    // SAFETY: `acc` is one element, `x` `n` elements (the contract).
    unsafe {
        let mut a = T::to_f32(rd::<T::Bits>(acc, 0, 0));
        for i in 0..n {
            // The rounding after each step is what makes the fold sequential.
            a = T::to_f32(T::from_f32(O::f(a, T::to_f32(rd::<T::Bits>(x, stride, i)))));
        }
        wr(acc, 0, 0, T::from_f32(a));
    }
    Ok(())
}

/// Reduce variant of a selection (maximum/minimum), in order.
///
/// # Safety
/// The `ReduceFn` contract.
#[inline(always)]
pub(crate) unsafe fn select_fold_body<T: MlFormat, O: SelOp>(
    acc: *mut u8,
    x: *const u8,
    n: usize,
    stride: isize,
) -> LoopResult {
    // SAFETY: `acc` is one element, `x` `n` elements (the contract).
    unsafe {
        let mut a: T::Bits = rd(acc, 0, 0);
        for i in 0..n {
            let b: T::Bits = rd(x, stride, i);
            if !O::keep_a(T::to_f32(a), T::to_f32(b)) {
                a = b;
            }
        }
        wr(acc, 0, 0, a);
    }
    Ok(())
}

/// The `LoopFn` wrappers: one at the baseline level and one compiled for AVX2.
macro_rules! loop_wrappers {
    ($($name:ident, $avx2:ident => $body:ident<$($g:ident: $b:path),*>;)*) => {$(
        /// The loop at the baseline level (see the module docs).
        ///
        /// # Safety
        /// The `LoopFn` contract.
        pub(crate) unsafe fn $name<$($g: $b),*>(
            _ctx: &LoopContext<'_>,
            ptrs: &[*mut u8],
            len: usize,
            st: &[isize],
        ) -> LoopResult {
            // SAFETY: forwarded.
            unsafe { $body::<$($g),*>(ptrs, len, st) }
        }
        /// The loop compiled for AVX2.
        ///
        /// # Safety
        /// The `LoopFn` contract; the CPU supports AVX2.
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx2")]
        pub(crate) unsafe fn $avx2<$($g: $b),*>(
            _ctx: &LoopContext<'_>,
            ptrs: &[*mut u8],
            len: usize,
            st: &[isize],
        ) -> LoopResult {
            // SAFETY: forwarded.
            unsafe { $body::<$($g),*>(ptrs, len, st) }
        }
    )*};
}

loop_wrappers! {
    binary, binary_avx2 => binary_body<T: MlFormat, O: BinOp>;
    unary, unary_avx2 => unary_body<T: MlFormat, O: UnOp>;
    compare, compare_avx2 => compare_body<T: MlFormat, O: CmpOp>;
    bits, bits_avx2 => bits_body<T: MlFormat, O: BitsOp>;
    select, select_avx2 => select_body<T: MlFormat, O: SelOp>;
    pred, pred_avx2 => pred_body<T: MlFormat, O: PredOp>;
    bits2, bits2_avx2 => bits2_body<T: MlFormat, O: Bits2Op>;
    divmod, divmod_avx2 => divmod_body<T: MlFormat>;
    modf, modf_avx2 => modf_body<T: MlFormat>;
    frexp, frexp_avx2 => frexp_body<T: MlFormat>;
    ldexp, ldexp_avx2 => ldexp_body<T: MlFormat, I: Exponent>;
}

/// The reduce variant of `O`.
///
/// # Safety
/// The `ReduceFn` contract.
pub(crate) unsafe fn fold<T: MlFormat, O: BinOp>(
    _ctx: &LoopContext<'_>,
    acc: *mut u8,
    x: *const u8,
    n: usize,
    stride: isize,
) -> LoopResult {
    // SAFETY: forwarded.
    unsafe { fold_body::<T, O>(acc, x, n, stride) }
}

/// The reduce variant of selection `O`.
///
/// # Safety
/// The `ReduceFn` contract.
pub(crate) unsafe fn select_fold<T: MlFormat, O: SelOp>(
    _ctx: &LoopContext<'_>,
    acc: *mut u8,
    x: *const u8,
    n: usize,
    stride: isize,
) -> LoopResult {
    // SAFETY: forwarded.
    unsafe { select_fold_body::<T, O>(acc, x, n, stride) }
}
