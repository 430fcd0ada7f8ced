//! Scalar math: one operator on one or two values of one built-in numeric type, with the
//! results and floating-point flags of NumPy's scalar types (`scalarmath.c.src`).
//!
//! The Python crate's fast scalar path (`oxarray-py/src/scalarmath.rs`) decides the
//! operation's type (NumPy's promotion with NEP 50 weak Python numbers), converts both
//! operands to it with [`Val::from_scalar`], and calls [`binary`] / [`divmod`] /
//! [`unary`]. The element functions are the array loops' own (`kernels::arithmetic`), so a
//! scalar and a 0-d array give the same bits:
//!
//! 1. Integers: `+ - *` check overflow when asked (NumPy's scalar math does when the
//!    operation type is an operand's own type, its ufunc path does not), unary `- abs`
//!    always; `//` and `%` by zero give 0 and raise `divide`; `MIN // -1` raises
//!    `overflow`; `**` wraps, and a negative exponent is [`Out::NegativePower`].
//! 2. Floats: the hardware status flags are read after the operation (cleared first only
//!    when a flag is already up, so the common case costs one `stmxcsr`); `//`, `%` and
//!    `divmod` follow `npy_divmod`. Comparisons never report flags (NumPy's quiet compares).
//! 3. Anything else (complex, float16, shifts, bool arithmetic beyond `+ *`, float bitwise
//!    operators) is [`Out::Unhandled`]: the caller takes the general ufunc path, which
//!    gives NumPy's result or error for those.

use crate::dtype::{Builtin, Scalar};
use crate::kernels::arithmetic::scalar as k;
use crate::kernels::builders::{BinOp as KBin, BinOp2 as KBin2, UnOp as KUn, ERR_NEG_POW};

/// A value of one built-in real type (the operand type of a scalar operation).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Val {
    Bool(bool),
    I8(i8),
    I16(i16),
    I32(i32),
    I64(i64),
    U8(u8),
    U16(u16),
    U32(u32),
    U64(u64),
    F32(f32),
    F64(f64),
}

/// A binary operator of the scalar types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Rem,
    Pow,
    And,
    Or,
    Xor,
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl BinOp {
    /// Whether the result is a bool whatever the operand type.
    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinOp::Lt | BinOp::Le | BinOp::Eq | BinOp::Ne | BinOp::Gt | BinOp::Ge
        )
    }
}

/// A unary operator of the scalar types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Pos,
    Abs,
    Invert,
}

/// What a scalar operation produced.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Out {
    /// The result; the flags it raised are in the `fl` argument.
    Val(Val),
    /// `divmod`'s two results.
    Pair(Val, Val),
    /// An integer raised to a negative integer power (NumPy's `ValueError`).
    NegativePower,
    /// Not a case of this fast path: take the ufunc path.
    Unhandled,
}

impl Val {
    /// `v` (an element's value as the dtype table reads it) converted to `to` with C's cast
    /// rules, or `None` when `to` is not a type of this module.
    #[inline]
    pub fn from_scalar(v: Scalar, to: Builtin) -> Option<Val> {
        macro_rules! num {
            ($t:ty) => {
                match v {
                    Scalar::Bool(b) => b as u8 as $t,
                    Scalar::Int(i) => i as $t,
                    Scalar::UInt(u) => u as $t,
                    Scalar::Float(f) => f as $t,
                    Scalar::Complex(_) | Scalar::Ref(_) => return None,
                }
            };
        }
        Some(match to {
            Builtin::Bool => Val::Bool(match v {
                Scalar::Bool(b) => b,
                Scalar::Int(i) => i != 0,
                Scalar::UInt(u) => u != 0,
                Scalar::Float(f) => f != 0.0,
                Scalar::Complex(_) | Scalar::Ref(_) => return None,
            }),
            Builtin::Int8 => Val::I8(num!(i8)),
            Builtin::Int16 => Val::I16(num!(i16)),
            Builtin::Int32 => Val::I32(num!(i32)),
            Builtin::Int64 => Val::I64(num!(i64)),
            Builtin::UInt8 => Val::U8(num!(u8)),
            Builtin::UInt16 => Val::U16(num!(u16)),
            Builtin::UInt32 => Val::U32(num!(u32)),
            Builtin::UInt64 => Val::U64(num!(u64)),
            Builtin::Float32 => Val::F32(num!(f32)),
            Builtin::Float64 => Val::F64(num!(f64)),
            Builtin::Float16 | Builtin::Complex64 | Builtin::Complex128 => return None,
        })
    }

    /// The value as the dtype table stores it, and its type.
    #[inline]
    pub fn to_scalar(self) -> (Scalar, Builtin) {
        match self {
            Val::Bool(b) => (Scalar::Bool(b), Builtin::Bool),
            Val::I8(x) => (Scalar::Int(x as i64), Builtin::Int8),
            Val::I16(x) => (Scalar::Int(x as i64), Builtin::Int16),
            Val::I32(x) => (Scalar::Int(x as i64), Builtin::Int32),
            Val::I64(x) => (Scalar::Int(x), Builtin::Int64),
            Val::U8(x) => (Scalar::UInt(x as u64), Builtin::UInt8),
            Val::U16(x) => (Scalar::UInt(x as u64), Builtin::UInt16),
            Val::U32(x) => (Scalar::UInt(x as u64), Builtin::UInt32),
            Val::U64(x) => (Scalar::UInt(x), Builtin::UInt64),
            Val::F32(x) => (Scalar::Float(x as f64), Builtin::Float32),
            Val::F64(x) => (Scalar::Float(x), Builtin::Float64),
        }
    }
}

/// Run `f` on `args` with the hardware status flags observed: flags already up are cleared
/// first (only then, so the common path is one read), and the ones `f` raised are or-ed
/// into `fl`.
///
/// The compiler sees floating-point arithmetic as free of side effects, so nothing would
/// stop it from moving `f`'s operations across a plain read of the status register (after
/// inlining, with constant operands, or to schedule). Here the ordering is data flow: the
/// asm block that reads (and the one that clears) the flags hands `args` to `f` as its
/// outputs, so `f` cannot start before it; the block that reads the flags afterwards takes
/// `f`'s result as an input, so it cannot run before the result exists. Each costs no
/// instruction beyond `stmxcsr` (the values stay in their registers).
#[inline(always)]
fn with_fpstatus<A: ordered::Regs, R: ordered::Regs>(
    fl: &mut u8,
    args: A,
    f: impl FnOnce(A) -> R,
) -> R {
    let (up, args) = args.read_before();
    let args = if up { args.clear_before() } else { args };
    let r = f(args);
    *fl |= r.read_after();
    r
}

/// The status-register accesses of [`with_fpstatus`], ordered by data dependencies on the
/// values they pass through.
mod ordered {

    /// Values (one or two floats) that asm blocks take as register operands.
    pub(super) trait Regs: Copy {
        /// Whether a status flag we report is up, and `self` as an output of that read.
        fn read_before(self) -> (bool, Self);
        /// Clear the status flags; `self` as an output of the clearing.
        fn clear_before(self) -> Self;
        /// The flags (bits of `fpe`), read after `self` was computed.
        fn read_after(self) -> u8;
    }

    /// MXCSR's exception bits we report: invalid, divide, overflow, underflow (not denormal
    /// or precision).
    #[cfg(target_arch = "x86_64")]
    const REPORTED: u32 = 0x01 | 0x04 | 0x08 | 0x10;

    #[cfg(target_arch = "x86_64")]
    use crate::ufunc::fpstatus::mxcsr_to_fpe as to_fpe;

    // SAFETY (every block below): `stmxcsr` stores the 32-bit MXCSR to `csr`, a valid,
    // writable local; `ldmxcsr` loads it back with only the six status bits cleared (the
    // control bits, rounding mode and masks, unchanged). The register operands are only
    // named in a comment: the blocks leave their values as they are.
    #[cfg(target_arch = "x86_64")]
    macro_rules! regs_x86 {
        ($t:ty) => {
            impl Regs for $t {
                #[inline(always)]
                fn read_before(mut self) -> (bool, Self) {
                    let mut csr: u32 = 0;
                    // SAFETY: see the comment above `regs_x86`.
                    unsafe {
                        core::arch::asm!(
                            "stmxcsr [{p}] /* {x} */",
                            p = in(reg) &mut csr,
                            x = inout(xmm_reg) self,
                            options(nostack, preserves_flags)
                        );
                    }
                    (csr & REPORTED != 0, self)
                }
                #[inline(always)]
                fn clear_before(mut self) -> Self {
                    let mut csr: u32 = 0;
                    // SAFETY: see the comment above `regs_x86`.
                    unsafe {
                        core::arch::asm!(
                            "stmxcsr [{p}]",
                            "and dword ptr [{p}], 0xffffffc0",
                            "ldmxcsr [{p}] /* {x} */",
                            p = in(reg) &mut csr,
                            x = inout(xmm_reg) self,
                            options(nostack)
                        );
                    }
                    self
                }
                #[inline(always)]
                fn read_after(self) -> u8 {
                    let mut csr: u32 = 0;
                    // SAFETY: see the comment above `regs_x86`.
                    unsafe {
                        core::arch::asm!(
                            "stmxcsr [{p}] /* {x} */",
                            p = in(reg) &mut csr,
                            x = in(xmm_reg) self,
                            options(nostack, preserves_flags)
                        );
                    }
                    to_fpe(csr)
                }
            }

            impl Regs for ($t, $t) {
                #[inline(always)]
                fn read_before(self) -> (bool, Self) {
                    let (mut x, mut y) = self;
                    let mut csr: u32 = 0;
                    // SAFETY: see the comment above `regs_x86`.
                    unsafe {
                        core::arch::asm!(
                            "stmxcsr [{p}] /* {x} {y} */",
                            p = in(reg) &mut csr,
                            x = inout(xmm_reg) x,
                            y = inout(xmm_reg) y,
                            options(nostack, preserves_flags)
                        );
                    }
                    (csr & REPORTED != 0, (x, y))
                }
                #[inline(always)]
                fn clear_before(self) -> Self {
                    let (mut x, mut y) = self;
                    let mut csr: u32 = 0;
                    // SAFETY: see the comment above `regs_x86`.
                    unsafe {
                        core::arch::asm!(
                            "stmxcsr [{p}]",
                            "and dword ptr [{p}], 0xffffffc0",
                            "ldmxcsr [{p}] /* {x} {y} */",
                            p = in(reg) &mut csr,
                            x = inout(xmm_reg) x,
                            y = inout(xmm_reg) y,
                            options(nostack)
                        );
                    }
                    (x, y)
                }
                #[inline(always)]
                fn read_after(self) -> u8 {
                    let (x, y) = self;
                    let mut csr: u32 = 0;
                    // SAFETY: see the comment above `regs_x86`.
                    unsafe {
                        core::arch::asm!(
                            "stmxcsr [{p}] /* {x} {y} */",
                            p = in(reg) &mut csr,
                            x = in(xmm_reg) x,
                            y = in(xmm_reg) y,
                            options(nostack, preserves_flags)
                        );
                    }
                    to_fpe(csr)
                }
            }
        };
    }

    #[cfg(target_arch = "x86_64")]
    regs_x86!(f32);
    #[cfg(target_arch = "x86_64")]
    regs_x86!(f64);

    // Elsewhere: the portable reads, with the values passed through `black_box` (an
    // optimisation barrier, not a guarantee; x86_64 is the platform the tests run on).
    #[cfg(not(target_arch = "x86_64"))]
    macro_rules! regs_other {
        ($t:ty) => {
            impl Regs for $t {
                #[inline(always)]
                fn read_before(self) -> (bool, Self) {
                    let up = crate::ufunc::fpstatus::read() != 0;
                    (up, std::hint::black_box(self))
                }
                #[inline(always)]
                fn clear_before(self) -> Self {
                    crate::ufunc::fpstatus::clear();
                    std::hint::black_box(self)
                }
                #[inline(always)]
                fn read_after(self) -> u8 {
                    std::hint::black_box(self);
                    crate::ufunc::fpstatus::read()
                }
            }
        };
    }

    #[cfg(not(target_arch = "x86_64"))]
    regs_other!(f32);
    #[cfg(not(target_arch = "x86_64"))]
    regs_other!(f64);
    #[cfg(not(target_arch = "x86_64"))]
    regs_other!((f32, f32));
    #[cfg(not(target_arch = "x86_64"))]
    regs_other!((f64, f64));
}

macro_rules! int_binary {
    ($t:ty, $v:ident, $op:expr, $a:expr, $b:expr, $checked:expr, $fl:expr) => {{
        let (a, b): ($t, $t) = ($a, $b);
        let fl: &mut u8 = $fl;
        match $op {
            BinOp::Add if $checked => {
                Out::Val(Val::$v(<k::IAddC as KBin<$t, $t, $t>>::f(a, b, fl)))
            }
            BinOp::Sub if $checked => {
                Out::Val(Val::$v(<k::ISubC as KBin<$t, $t, $t>>::f(a, b, fl)))
            }
            BinOp::Mul if $checked => {
                Out::Val(Val::$v(<k::IMulC as KBin<$t, $t, $t>>::f(a, b, fl)))
            }
            BinOp::Add => Out::Val(Val::$v(<k::IAdd as KBin<$t, $t, $t>>::f(a, b, fl))),
            BinOp::Sub => Out::Val(Val::$v(<k::ISub as KBin<$t, $t, $t>>::f(a, b, fl))),
            BinOp::Mul => Out::Val(Val::$v(<k::IMul as KBin<$t, $t, $t>>::f(a, b, fl))),
            BinOp::FloorDiv => Out::Val(Val::$v(<k::IFloorDiv as KBin<$t, $t, $t>>::f(a, b, fl))),
            BinOp::Rem => Out::Val(Val::$v(<k::IRem as KBin<$t, $t, $t>>::f(a, b, fl))),
            BinOp::Pow => {
                let r = <k::IPow as KBin<$t, $t, $t>>::f(a, b, fl);
                if *fl & ERR_NEG_POW != 0 {
                    *fl &= !ERR_NEG_POW;
                    Out::NegativePower
                } else {
                    Out::Val(Val::$v(r))
                }
            }
            // NumPy's integer true division is float64's (`ii->d` loops).
            BinOp::TrueDiv => {
                let (x, y) = (a as f64, b as f64);
                Out::Val(Val::F64(with_fpstatus(fl, (x, y), |(x, y)| x / y)))
            }
            BinOp::And => Out::Val(Val::$v(a & b)),
            BinOp::Or => Out::Val(Val::$v(a | b)),
            BinOp::Xor => Out::Val(Val::$v(a ^ b)),
            BinOp::Lt => Out::Val(Val::Bool(a < b)),
            BinOp::Le => Out::Val(Val::Bool(a <= b)),
            BinOp::Eq => Out::Val(Val::Bool(a == b)),
            BinOp::Ne => Out::Val(Val::Bool(a != b)),
            BinOp::Gt => Out::Val(Val::Bool(a > b)),
            BinOp::Ge => Out::Val(Val::Bool(a >= b)),
        }
    }};
}

macro_rules! flt_binary {
    ($t:ty, $v:ident, $op:expr, $a:expr, $b:expr, $fl:expr) => {{
        let (a, b): ($t, $t) = ($a, $b);
        let fl: &mut u8 = $fl;
        let arith = |f: fn($t, $t, &mut u8) -> $t, fl: &mut u8| {
            let mut sw = 0u8;
            let r = with_fpstatus(fl, (a, b), |(a, b)| f(a, b, &mut sw));
            *fl |= sw;
            Out::Val(Val::$v(r))
        };
        match $op {
            BinOp::Add => arith(<k::FAdd as KBin<$t, $t, $t>>::f, fl),
            BinOp::Sub => arith(<k::FSub as KBin<$t, $t, $t>>::f, fl),
            BinOp::Mul => arith(<k::FMul as KBin<$t, $t, $t>>::f, fl),
            BinOp::TrueDiv => arith(<k::FDiv as KBin<$t, $t, $t>>::f, fl),
            BinOp::FloorDiv => arith(<k::FFloorDiv as KBin<$t, $t, $t>>::f, fl),
            BinOp::Rem => arith(<k::FRem as KBin<$t, $t, $t>>::f, fl),
            // NumPy's scalar power is libm's `pow` (its array loops may use SIMD code that
            // reports `0 ** -inf` as a division by zero; its scalars never do).
            BinOp::Pow => arith(<k::FPow as KBin<$t, $t, $t>>::f, fl),
            BinOp::And | BinOp::Or | BinOp::Xor => Out::Unhandled,
            // Quiet comparisons: NumPy's scalar comparisons report no flags.
            BinOp::Lt => Out::Val(Val::Bool(a < b)),
            BinOp::Le => Out::Val(Val::Bool(a <= b)),
            BinOp::Eq => Out::Val(Val::Bool(a == b)),
            BinOp::Ne => Out::Val(Val::Bool(a != b)),
            BinOp::Gt => Out::Val(Val::Bool(a > b)),
            BinOp::Ge => Out::Val(Val::Bool(a >= b)),
        }
    }};
}

/// `a <op> b` for two values of one type, raising flags into `fl` (bits of
/// `ufunc::loops::fpe`). `checked`: integer `+ - *` report overflow (NumPy's scalar math
/// does when the operation type is one of the operands' own; its ufunc path does not).
#[inline]
pub fn binary(op: BinOp, a: Val, b: Val, checked: bool, fl: &mut u8) -> Out {
    binary_inline(op, a, b, checked, fl)
}

/// [`binary`], always inlined: with a constant `op` and operand types the caller's code
/// keeps only the one operation (the Python crate's per-operator slots).
#[inline(always)]
pub fn binary_inline(op: BinOp, a: Val, b: Val, checked: bool, fl: &mut u8) -> Out {
    match (a, b) {
        (Val::F64(x), Val::F64(y)) => flt_binary!(f64, F64, op, x, y, fl),
        (Val::I64(x), Val::I64(y)) => int_binary!(i64, I64, op, x, y, checked, fl),
        (Val::F32(x), Val::F32(y)) => flt_binary!(f32, F32, op, x, y, fl),
        (Val::Bool(x), Val::Bool(y)) => match op {
            // NumPy's bool `add` is `logical_or`, `multiply` is `logical_and`.
            BinOp::Add | BinOp::Or => Out::Val(Val::Bool(x | y)),
            BinOp::Mul | BinOp::And => Out::Val(Val::Bool(x & y)),
            BinOp::Xor => Out::Val(Val::Bool(x ^ y)),
            BinOp::Lt => Out::Val(Val::Bool(!x & y)),
            BinOp::Le => Out::Val(Val::Bool(x <= y)),
            BinOp::Eq => Out::Val(Val::Bool(x == y)),
            BinOp::Ne => Out::Val(Val::Bool(x != y)),
            BinOp::Gt => Out::Val(Val::Bool(x & !y)),
            BinOp::Ge => Out::Val(Val::Bool(x >= y)),
            _ => Out::Unhandled,
        },
        (Val::I8(x), Val::I8(y)) => int_binary!(i8, I8, op, x, y, checked, fl),
        (Val::I16(x), Val::I16(y)) => int_binary!(i16, I16, op, x, y, checked, fl),
        (Val::I32(x), Val::I32(y)) => int_binary!(i32, I32, op, x, y, checked, fl),
        (Val::U8(x), Val::U8(y)) => int_binary!(u8, U8, op, x, y, checked, fl),
        (Val::U16(x), Val::U16(y)) => int_binary!(u16, U16, op, x, y, checked, fl),
        (Val::U32(x), Val::U32(y)) => int_binary!(u32, U32, op, x, y, checked, fl),
        (Val::U64(x), Val::U64(y)) => int_binary!(u64, U64, op, x, y, checked, fl),
        _ => Out::Unhandled,
    }
}

/// `divmod(a, b)` for two values of one type.
#[inline]
pub fn divmod(a: Val, b: Val, fl: &mut u8) -> Out {
    macro_rules! int {
        ($t:ty, $v:ident, $x:expr, $y:expr) => {{
            let (q, r) = <k::IDivmod as KBin2<$t, $t, $t, $t>>::f($x, $y, fl);
            Out::Pair(Val::$v(q), Val::$v(r))
        }};
    }
    macro_rules! flt {
        ($t:ty, $v:ident, $x:expr, $y:expr) => {{
            let mut sw = 0u8;
            let (q, r) = with_fpstatus(fl, ($x, $y), |(x, y)| {
                <k::FDivmod as KBin2<$t, $t, $t, $t>>::f(x, y, &mut sw)
            });
            *fl |= sw;
            Out::Pair(Val::$v(q), Val::$v(r))
        }};
    }
    match (a, b) {
        (Val::F64(x), Val::F64(y)) => flt!(f64, F64, x, y),
        (Val::F32(x), Val::F32(y)) => flt!(f32, F32, x, y),
        (Val::I8(x), Val::I8(y)) => int!(i8, I8, x, y),
        (Val::I16(x), Val::I16(y)) => int!(i16, I16, x, y),
        (Val::I32(x), Val::I32(y)) => int!(i32, I32, x, y),
        (Val::I64(x), Val::I64(y)) => int!(i64, I64, x, y),
        (Val::U8(x), Val::U8(y)) => int!(u8, U8, x, y),
        (Val::U16(x), Val::U16(y)) => int!(u16, U16, x, y),
        (Val::U32(x), Val::U32(y)) => int!(u32, U32, x, y),
        (Val::U64(x), Val::U64(y)) => int!(u64, U64, x, y),
        _ => Out::Unhandled,
    }
}

/// `<op> a`.
#[inline(always)]
pub fn unary(op: UnOp, a: Val, fl: &mut u8) -> Out {
    macro_rules! int {
        ($t:ty, $v:ident, $x:expr) => {{
            let x: $t = $x;
            Out::Val(Val::$v(match op {
                UnOp::Neg => <k::INegC as KUn<$t, $t>>::f(x, fl),
                UnOp::Pos => x,
                UnOp::Abs => <k::IAbsC as KUn<$t, $t>>::f(x, fl),
                UnOp::Invert => !x,
            }))
        }};
    }
    macro_rules! flt {
        ($t:ty, $v:ident, $x:expr) => {{
            let x: $t = $x;
            match op {
                // Sign-bit operations: no flags, even for NaN.
                UnOp::Neg => Out::Val(Val::$v(-x)),
                UnOp::Pos => Out::Val(Val::$v(x)),
                UnOp::Abs => Out::Val(Val::$v(x.abs())),
                UnOp::Invert => Out::Unhandled,
            }
        }};
    }
    match a {
        Val::F64(x) => flt!(f64, F64, x),
        Val::I64(x) => int!(i64, I64, x),
        Val::F32(x) => flt!(f32, F32, x),
        Val::Bool(x) => match op {
            // `~` and `abs` of a bool; `-` is NumPy's TypeError (ufunc path).
            UnOp::Invert => Out::Val(Val::Bool(!x)),
            UnOp::Abs => Out::Val(Val::Bool(x)),
            // `+` and `-` of a bool are NumPy's TypeError (ufunc path).
            UnOp::Neg | UnOp::Pos => Out::Unhandled,
        },
        Val::I8(x) => int!(i8, I8, x),
        Val::I16(x) => int!(i16, I16, x),
        Val::I32(x) => int!(i32, I32, x),
        Val::U8(x) => int!(u8, U8, x),
        Val::U16(x) => int!(u16, U16, x),
        Val::U32(x) => int!(u32, U32, x),
        Val::U64(x) => int!(u64, U64, x),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ufunc::loops::fpe;

    #[test]
    fn int_edges() {
        let mut fl = 0;
        assert_eq!(
            binary(BinOp::FloorDiv, Val::I8(-128), Val::I8(-1), true, &mut fl),
            Out::Val(Val::I8(-128))
        );
        assert_eq!(fl, fpe::OVERFLOW);
        fl = 0;
        assert_eq!(
            binary(BinOp::Rem, Val::I64(5), Val::I64(0), true, &mut fl),
            Out::Val(Val::I64(0))
        );
        assert_eq!(fl, fpe::DIVIDE);
        fl = 0;
        assert_eq!(
            binary(BinOp::Pow, Val::I64(2), Val::I64(-1), true, &mut fl),
            Out::NegativePower
        );
        assert_eq!(fl, 0);
    }

    /// Constant operands (which the compiler could fold or move across the status reads
    /// without the data dependencies of `with_fpstatus`), with and without flags already
    /// up from earlier work.
    #[test]
    fn float_flags_are_ordered() {
        use crate::ufunc::fpstatus;
        let cases: [(BinOp, Val, Val, u8); 8] = [
            (
                BinOp::Mul,
                Val::F64(f64::INFINITY),
                Val::F64(0.0),
                fpe::INVALID,
            ),
            (BinOp::Mul, Val::F64(1e308), Val::F64(10.0), fpe::OVERFLOW),
            (BinOp::TrueDiv, Val::F64(1.0), Val::F64(0.0), fpe::DIVIDE),
            (BinOp::Mul, Val::F32(1e-30), Val::F32(1e-30), fpe::UNDERFLOW),
            (
                BinOp::Add,
                Val::F32(f32::MAX),
                Val::F32(f32::MAX),
                fpe::OVERFLOW,
            ),
            (BinOp::Pow, Val::F32(0.0), Val::F32(f32::NEG_INFINITY), 0),
            (BinOp::Mul, Val::F64(2.0), Val::F64(3.0), 0),
            (BinOp::TrueDiv, Val::I64(1), Val::I64(0), fpe::DIVIDE),
        ];
        for stale in [false, true] {
            for (op, a, b, want) in cases {
                if stale {
                    // Leave every reported flag up, as earlier unrelated work may.
                    let z = std::hint::black_box(0.0f64);
                    let _ = std::hint::black_box(std::hint::black_box(1.0f64) / z);
                    let _ = std::hint::black_box(z / z);
                    let big = std::hint::black_box(1e308f64);
                    let _ = std::hint::black_box(big * big);
                } else {
                    fpstatus::clear();
                }
                let mut fl = 0;
                binary(op, a, b, true, &mut fl);
                assert_eq!(fl, want, "{op:?} {a:?} {b:?} (stale flags: {stale})");
            }
            let mut fl = 0;
            let r = divmod(Val::F64(1.0), Val::F64(0.0), &mut fl);
            assert!(matches!(r, Out::Pair(..)));
            assert_eq!(fl, fpe::DIVIDE | fpe::INVALID, "divmod(1.0, 0.0)");
        }
    }

    #[test]
    fn float_flags() {
        let mut fl = 0;
        let one = std::hint::black_box(1.0f64);
        assert_eq!(
            binary(BinOp::TrueDiv, Val::F64(one), Val::F64(0.0), true, &mut fl),
            Out::Val(Val::F64(f64::INFINITY))
        );
        assert_eq!(fl, fpe::DIVIDE);
        fl = 0;
        assert_eq!(
            binary(BinOp::Rem, Val::F64(-1.0), Val::F64(3.0), true, &mut fl),
            Out::Val(Val::F64(2.0))
        );
        assert_eq!(fl, 0);
    }
}
