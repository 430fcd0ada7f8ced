//! Machine-learning floats: `bfloat16`, `float8_e4m3fn`, `float8_e5m2` (and the IEEE-like
//! `float8_e4m3`, `float8_e3m4`), bit-compatible with the `ml_dtypes` package on NumPy.
//!
//! Everything here goes through the public registration API (`dtype::registry` for the
//! dtypes, casts and promotions, `ufunc::Ufunc::register_loop` for the loops), as a
//! third-party crate would: the engine knows nothing of these names. [`register`] adds
//! them once per process (the Python module calls it at import).
//!
//! What `ml_dtypes` defines, mirrored here:
//! * the descriptors: kind `'V'` (`'f'` for `float8_e5m2`), its type characters, item
//!   size 1 or 2;
//! * casts to and from every built-in dtype and between the formats (`casts`), with
//!   `ml_dtypes`' casting levels: a format casts safely to `float32`, `float64`,
//!   `complex64`, `complex128` (and a float8 to `bfloat16`); `bool`, `int8`, `uint8`
//!   cast safely to it; other integers and floats within `same_kind`; the rest unsafe;
//! * promotion with the built-ins, as `np.result_type` answers with `ml_dtypes` (the
//!   literal table [`PROMOTION`]);
//! * ufunc loops computing in `f32` (`loops`); ufuncs without a loop here resolve as
//!   NumPy's do for a user dtype (through a safe cast to a built-in loop, usually
//!   `float32`, e.g. `matmul`), or raise `UFuncTypeError`.

pub mod casts;
pub mod format;
pub mod loops;

use std::sync::OnceLock;

use crate::dtype::cast::CastFn;
use crate::dtype::registry::{register_cast, register_dtype, register_promotion, DTypeSpec};
use crate::dtype::{Builtin, Casting, DType, DTypeOps, Descr, Scalar};
use crate::error::Result;
use crate::ufunc::loops::{LoopEntry, LoopFn, ReduceFn};
use format::{f64_to_f32_odd, i64_to_f64_odd, u64_to_f64_odd, BFloat16, Float8, MlFormat};
use format::{E4M3Fn, E3M4, E4M3, E5M2};

/// The registered dtypes, in registration order.
#[derive(Clone, Copy, Debug)]
pub struct MlDTypes {
    /// `bfloat16`.
    pub bfloat16: DType,
    /// `float8_e4m3fn`.
    pub float8_e4m3fn: DType,
    /// `float8_e5m2`.
    pub float8_e5m2: DType,
    /// `float8_e4m3` (IEEE-like, with infinities).
    pub float8_e4m3: DType,
    /// `float8_e3m4` (IEEE-like, with infinities).
    pub float8_e3m4: DType,
}

impl MlDTypes {
    /// All of them, in registration order.
    pub fn all(&self) -> [DType; 5] {
        [
            self.bfloat16,
            self.float8_e4m3fn,
            self.float8_e5m2,
            self.float8_e4m3,
            self.float8_e3m4,
        ]
    }
}

/// The names of the dtypes [`register`] adds.
pub const NAMES: [&str; 5] = [
    "bfloat16",
    "float8_e4m3fn",
    "float8_e5m2",
    "float8_e4m3",
    "float8_e3m4",
];

/// The vtable of format `T`: items read as `Scalar::Float`, written with the casts'
/// rounding.
struct Ops<T: MlFormat>(std::marker::PhantomData<T>);

impl<T: MlFormat> DTypeOps for Ops<T> {
    unsafe fn get(&self, _descr: &Descr, ptr: *const u8) -> Scalar {
        // SAFETY: the caller passes one readable element.
        let b = unsafe { (ptr as *const T::Bits).read_unaligned() };
        Scalar::Float(T::to_f32(b) as f64)
    }
    unsafe fn set(&self, _descr: &Descr, ptr: *mut u8, value: &Scalar) -> Result<()> {
        let (f, _) = match *value {
            Scalar::Bool(b) => (b as u8 as f32, false),
            Scalar::Int(i) => f64_to_f32_odd(i64_to_f64_odd(i)),
            Scalar::UInt(u) => f64_to_f32_odd(u64_to_f64_odd(u)),
            Scalar::Float(x) => f64_to_f32_odd(x),
            Scalar::Complex(c) => f64_to_f32_odd(c.re),
            Scalar::Ref(r) => {
                return Err(crate::error::Error::type_(format!(
                    "cannot convert an item of dtype {} to {}",
                    r.dtype,
                    T::NAME
                )))
            }
        };
        // SAFETY: the caller passes one writable element.
        unsafe { (ptr as *mut T::Bits).write_unaligned(T::from_f32(f)) };
        Ok(())
    }
    fn sort_as(&self, _descr: &Descr) -> Option<DType> {
        // Every code widens exactly, and in order, to `float32`: sorts, searches and
        // arg-reductions order the items as their `float32` values (NaN last, -0 == 0),
        // which is `ml_dtypes`' compare function.
        Some(Builtin::Float32.dtype())
    }
}

fn spec<T: MlFormat>() -> DTypeSpec {
    let size = size_of::<T::Bits>();
    DTypeSpec {
        name: T::NAME.to_string(),
        kind: T::KIND,
        char: T::CHAR,
        itemsize: size,
        alignment: size,
        ops: Box::new(Ops::<T>(std::marker::PhantomData)),
        // `ml_dtypes`' descriptors say native order (`<V2`, `<f1`).
        flags: crate::dtype::flags::NATIVE_ORDER,
    }
}

fn avx2() -> bool {
    crate::kernels::simd::has_avx2()
}

/// Pick the AVX2 build of a kernel when the CPU has it.
macro_rules! pick {
    ($base:expr, $avx2:expr) => {{
        #[cfg(target_arch = "x86_64")]
        let f = if avx2() { $avx2 } else { $base };
        #[cfg(not(target_arch = "x86_64"))]
        let f = $base;
        f
    }};
}

/// The casts between format `T` and built-in `b` (both ways).
fn builtin_casts<T: MlFormat>(b: Builtin) -> (CastFn, CastFn) {
    crate::with_element_type!(b, E => (
        pick!(casts::to_ml::<E, T> as CastFn, casts::to_ml_avx2::<E, T> as CastFn),
        pick!(casts::from_ml::<T, E> as CastFn, casts::from_ml_avx2::<T, E> as CastFn),
    ))
}

/// `ml_dtypes`' level for the cast `format -> b` and `b -> format`.
fn levels(b: Builtin) -> (Casting, Casting) {
    use Builtin as B;
    let to = match b {
        B::Float32 | B::Float64 | B::Complex64 | B::Complex128 => Casting::Safe,
        B::Float16 => Casting::SameKind,
        _ => Casting::Unsafe,
    };
    let from = match b {
        B::Bool | B::Int8 | B::UInt8 => Casting::Safe,
        B::Complex64 | B::Complex128 => Casting::Unsafe,
        _ => Casting::SameKind,
    };
    (to, from)
}

/// `np.result_type(format, b)` with `ml_dtypes` (the same for every format): `None` keeps
/// the format.
fn promotion(b: Builtin) -> Option<Builtin> {
    use Builtin as B;
    match b {
        B::Bool | B::Int8 | B::UInt8 => None,
        B::Int16 | B::UInt16 | B::Float16 | B::Float32 => Some(B::Float32),
        B::Int32 | B::Int64 | B::UInt32 | B::UInt64 | B::Float64 => Some(B::Float64),
        B::Complex64 => Some(B::Complex64),
        B::Complex128 => Some(B::Complex128),
    }
}

/// `PROMOTION` as data, for documentation and tests: each built-in with what
/// `np.result_type(bfloat16, b)` gives (`"="`: the format itself).
pub const PROMOTION: [(&str, &str); 14] = [
    ("bool", "="),
    ("int8", "="),
    ("int16", "float32"),
    ("int32", "float64"),
    ("int64", "float64"),
    ("uint8", "="),
    ("uint16", "float32"),
    ("uint32", "float64"),
    ("uint64", "float64"),
    ("float16", "float32"),
    ("float32", "float32"),
    ("float64", "float64"),
    ("complex64", "complex64"),
    ("complex128", "complex128"),
];

fn register_builtin_relations<T: MlFormat>(dt: DType) {
    for b in Builtin::ALL {
        let (to_fn, from_fn) = builtin_casts::<T>(b);
        let (to_level, from_level) = levels(b);
        register_cast(dt, b.dtype(), from_fn, to_level);
        register_cast(b.dtype(), dt, to_fn, from_level);
        register_promotion(dt, b.dtype(), promotion(b).map_or(dt, |p| p.dtype()));
    }
}

fn register_pair<A: MlFormat, B: MlFormat>(a: DType, b: DType, a_to_b: Casting, b_to_a: Casting) {
    register_cast(
        a,
        b,
        pick!(
            casts::ml_to_ml::<A, B> as CastFn,
            casts::ml_to_ml_avx2::<A, B> as CastFn
        ),
        a_to_b,
    );
    register_cast(
        b,
        a,
        pick!(
            casts::ml_to_ml::<B, A> as CastFn,
            casts::ml_to_ml_avx2::<B, A> as CastFn
        ),
        b_to_a,
    );
}

fn register_loops<T: MlFormat>(dt: DType) -> Result<()> {
    use loops::*;
    let bool_ = Builtin::Bool.dtype();
    let add = |name: &str, types: Vec<DType>, f: LoopFn, r: Option<ReduceFn>| -> Result<()> {
        match crate::ufunc::lookup(name) {
            Some(u) => u.register_loop(
                LoopEntry::new(types, f)
                    .with_reduce(r)
                    .with_writes_all(true),
            ),
            None => Ok(()),
        }
    };
    macro_rules! bin {
        ($($name:literal => $op:ty, $red:expr;)*) => {$(
            add($name, vec![dt, dt, dt],
                pick!(binary::<T, $op> as LoopFn, binary_avx2::<T, $op> as LoopFn), $red)?;
        )*};
    }
    macro_rules! un {
        ($($name:literal => $op:ty;)*) => {$(
            add($name, vec![dt, dt],
                pick!(unary::<T, $op> as LoopFn, unary_avx2::<T, $op> as LoopFn), None)?;
        )*};
    }
    macro_rules! cmp {
        ($($name:literal => $op:ty;)*) => {$(
            add($name, vec![dt, dt, bool_],
                pick!(compare::<T, $op> as LoopFn, compare_avx2::<T, $op> as LoopFn), None)?;
        )*};
    }
    macro_rules! sel {
        ($($name:literal => $op:ty, $red:expr;)*) => {$(
            add($name, vec![dt, dt, dt],
                pick!(select::<T, $op> as LoopFn, select_avx2::<T, $op> as LoopFn), $red)?;
        )*};
    }
    macro_rules! bits_ {
        ($($name:literal => $op:ty;)*) => {$(
            add($name, vec![dt, dt],
                pick!(bits::<T, $op> as LoopFn, bits_avx2::<T, $op> as LoopFn), None)?;
        )*};
    }
    macro_rules! pred_ {
        ($($name:literal => $op:ty;)*) => {$(
            add($name, vec![dt, bool_],
                pick!(pred::<T, $op> as LoopFn, pred_avx2::<T, $op> as LoopFn), None)?;
        )*};
    }
    bin! {
        "add" => Add, Some(fold::<T, Add> as ReduceFn);
        "subtract" => Sub, None;
        "multiply" => Mul, Some(fold::<T, Mul> as ReduceFn);
        "divide" => Div, None;
        "fmod" => Fmod, None;
        "power" => Pow, None;
        "arctan2" => Atan2, None;
        "hypot" => Hypot, None;
        "float_power" => Pow, None;
        "remainder" => Remainder, None;
        "floor_divide" => FloorDivide, None;
        "logaddexp" => LogAddExp, None;
        "logaddexp2" => LogAddExp2, None;
    }
    un! {
        "sqrt" => Sqrt; "exp" => Exp; "exp2" => Exp2; "expm1" => Expm1;
        "log" => Log; "log2" => Log2; "log10" => Log10; "log1p" => Log1p;
        "square" => Square; "cbrt" => Cbrt; "reciprocal" => Reciprocal;
        "sin" => Sin; "cos" => Cos; "tan" => Tan;
        "arcsin" => Arcsin; "arccos" => Arccos; "arctan" => Arctan;
        "sinh" => Sinh; "cosh" => Cosh; "tanh" => Tanh;
        "arcsinh" => Arcsinh; "arccosh" => Arccosh; "arctanh" => Arctanh;
        "floor" => Floor; "ceil" => Ceil; "trunc" => Trunc; "rint" => Rint;
        "deg2rad" => Deg2rad; "rad2deg" => Rad2deg;
    }
    cmp! {
        "equal" => Eq; "not_equal" => Ne; "less" => Lt; "less_equal" => Le;
        "greater" => Gt; "greater_equal" => Ge;
        "logical_and" => LogicalAnd; "logical_or" => LogicalOr; "logical_xor" => LogicalXor;
    }
    sel! {
        "maximum" => Max, Some(select_fold::<T, Max> as ReduceFn);
        "minimum" => Min, Some(select_fold::<T, Min> as ReduceFn);
        "fmax" => FMax, Some(select_fold::<T, FMax> as ReduceFn);
        "fmin" => FMin, Some(select_fold::<T, FMin> as ReduceFn);
    }
    bits_! {
        "negative" => Neg; "absolute" => Abs; "fabs" => Abs; "positive" => Positive;
        "conjugate" => Positive; "sign" => Sign; "spacing" => Spacing;
    }
    macro_rules! bits2_ {
        ($($name:literal => $op:ty;)*) => {$(
            add($name, vec![dt, dt, dt],
                pick!(bits2::<T, $op> as LoopFn, bits2_avx2::<T, $op> as LoopFn), None)?;
        )*};
    }
    bits2_! { "copysign" => CopySign; "heaviside" => Heaviside; "nextafter" => NextAfter; }
    pred_! {
        "isnan" => IsNan; "isinf" => IsInf; "isfinite" => IsFinite; "signbit" => SignBit;
        "logical_not" => LogicalNot;
    }
    add(
        "divmod",
        vec![dt, dt, dt, dt],
        pick!(divmod::<T> as LoopFn, divmod_avx2::<T> as LoopFn),
        None,
    )?;
    add(
        "modf",
        vec![dt, dt, dt],
        pick!(modf::<T> as LoopFn, modf_avx2::<T> as LoopFn),
        None,
    )?;
    add(
        "frexp",
        vec![dt, dt, Builtin::Int32.dtype()],
        pick!(frexp::<T> as LoopFn, frexp_avx2::<T> as LoopFn),
        None,
    )?;
    // ml_dtypes registers `ldexp` for int32 and int64 exponents, and NumPy searches a
    // user dtype's loops first, so every integer exponent runs in the format (int8, int16,
    // uint8, uint16 and bool through int32; uint32 and uint64 through int64, wrapping).
    // One loop per exponent type gives the same values without that search.
    macro_rules! ldexp_ {
        ($($b:ident => $t:ty),*) => {$(
            add("ldexp", vec![dt, Builtin::$b.dtype(), dt],
                pick!(ldexp::<T, $t> as LoopFn, ldexp_avx2::<T, $t> as LoopFn), None)?;
        )*};
    }
    ldexp_!(Int32 => i32, Int64 => i64, Int8 => i8, Int16 => i16, UInt8 => u8,
            UInt16 => u16, UInt32 => u32, UInt64 => u64, Bool => bool);
    Ok(())
}

fn register_format<T: MlFormat>() -> Result<DType> {
    let dt = register_dtype(spec::<T>())?;
    register_builtin_relations::<T>(dt);
    register_loops::<T>(dt)?;
    Ok(dt)
}

fn register_all() -> Result<MlDTypes> {
    type F8E4 = Float8<E4M3Fn>;
    type F8E5 = Float8<E5M2>;
    type F8E4I = Float8<E4M3>;
    type F8E3 = Float8<E3M4>;
    let d = MlDTypes {
        bfloat16: register_format::<BFloat16>()?,
        float8_e4m3fn: register_format::<F8E4>()?,
        float8_e5m2: register_format::<F8E5>()?,
        float8_e4m3: register_format::<F8E4I>()?,
        float8_e3m4: register_format::<F8E3>()?,
    };
    use Casting::{Safe, SameKind};
    let f32_ = Builtin::Float32.dtype();
    // A float8 casts safely to bfloat16 and promotes to it; two float8 formats promote
    // to float32 and cast within same_kind (ml_dtypes registers no safe cast between them).
    register_pair::<F8E4, BFloat16>(d.float8_e4m3fn, d.bfloat16, Safe, SameKind);
    register_pair::<F8E5, BFloat16>(d.float8_e5m2, d.bfloat16, Safe, SameKind);
    register_pair::<F8E4I, BFloat16>(d.float8_e4m3, d.bfloat16, Safe, SameKind);
    register_pair::<F8E3, BFloat16>(d.float8_e3m4, d.bfloat16, Safe, SameKind);
    register_pair::<F8E4, F8E5>(d.float8_e4m3fn, d.float8_e5m2, SameKind, SameKind);
    register_pair::<F8E4, F8E4I>(d.float8_e4m3fn, d.float8_e4m3, SameKind, SameKind);
    register_pair::<F8E4, F8E3>(d.float8_e4m3fn, d.float8_e3m4, SameKind, SameKind);
    register_pair::<F8E5, F8E4I>(d.float8_e5m2, d.float8_e4m3, SameKind, SameKind);
    register_pair::<F8E5, F8E3>(d.float8_e5m2, d.float8_e3m4, SameKind, SameKind);
    register_pair::<F8E4I, F8E3>(d.float8_e4m3, d.float8_e3m4, SameKind, SameKind);
    let all = d.all();
    for (i, &a) in all.iter().enumerate() {
        for &b in &all[i + 1..] {
            let r = if a == d.bfloat16 { a } else { f32_ };
            register_promotion(a, b, r);
        }
    }
    Ok(d)
}

static REGISTERED: OnceLock<std::result::Result<MlDTypes, String>> = OnceLock::new();

/// Register the machine-learning floats (once per process; later calls return the same
/// handles).
///
/// # Errors
/// `ValueError` when one of the names was taken by another registration first.
pub fn register() -> Result<MlDTypes> {
    REGISTERED
        .get_or_init(|| register_all().map_err(|e| e.message().to_string()))
        .clone()
        .map_err(crate::error::Error::value)
}
