//! Type promotion (NEP 50) and casting levels, as literal tables.
//!
//! The 14 x 14 tables below were generated from NumPy 2 (`np.promote_types`, `np.can_cast`)
//! and are tested against NumPy exhaustively from Python (`tests/test_dtype.py`).
//!
//! `result_type` follows NEP 50:
//! 1. Promote all strong operands (arrays, array scalars, dtypes) with the table, in
//!    NumPy's sequence order ([`promote_sequence`]).
//! 2. Python int/float/complex are *weak*: they take the kind of the strong result when it
//!    can hold them (an int with `int8` stays `int8`), else the default dtype of their own
//!    kind (`float64`, `complex128`; a weak complex with `float32` gives `complex64`).
//! 3. Only weak operands: the default dtype of the highest weak kind.

use super::{registry, Builtin, DType};
use crate::error::{Error, Result};

/// NumPy's casting levels, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Casting {
    /// Identical dtypes only (byte order included).
    No,
    /// Same type up to byte order.
    Equiv,
    /// Value-preserving casts.
    Safe,
    /// Safe, or within a kind (float64 to float32).
    SameKind,
    /// Anything that has a cast.
    Unsafe,
}

impl Casting {
    /// Parse NumPy's spelling.
    ///
    /// # Errors
    /// `ValueError` for an unknown name.
    pub fn parse(s: &str) -> Result<Casting> {
        Ok(match s {
            "no" => Casting::No,
            "equiv" => Casting::Equiv,
            "safe" => Casting::Safe,
            "same_kind" => Casting::SameKind,
            "unsafe" => Casting::Unsafe,
            _ => {
                return Err(Error::value(
                    "casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'",
                ))
            }
        })
    }
    /// NumPy's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Casting::No => "no",
            Casting::Equiv => "equiv",
            Casting::Safe => "safe",
            Casting::SameKind => "same_kind",
            Casting::Unsafe => "unsafe",
        }
    }
}

/// The kind of a weak Python scalar (NEP 50).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WeakKind {
    Int,
    Float,
    Complex,
}

/// An operand of `result_type`: a dtype, or a weak Python scalar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operand {
    Strong(DType),
    Weak(WeakKind),
}

use Builtin::{
    Bool as BO, Complex128 as C16, Complex64 as C8, Float16 as F2, Float32 as F4, Float64 as F8,
    Int16 as I2, Int32 as I4, Int64 as I8, Int8 as I1, UInt16 as U2, UInt32 as U4, UInt64 as U8,
    UInt8 as U1,
};

#[rustfmt::skip]
static PROMOTE: [[Builtin; 14]; 14] = [
    [BO, I1, I2, I4, I8, U1, U2, U4, U8, F2, F4, F8, C8, C16],
    [I1, I1, I2, I4, I8, I2, I4, I8, F8, F2, F4, F8, C8, C16],
    [I2, I2, I2, I4, I8, I2, I4, I8, F8, F4, F4, F8, C8, C16],
    [I4, I4, I4, I4, I8, I4, I4, I8, F8, F8, F8, F8, C16, C16],
    [I8, I8, I8, I8, I8, I8, I8, I8, F8, F8, F8, F8, C16, C16],
    [U1, I2, I2, I4, I8, U1, U2, U4, U8, F2, F4, F8, C8, C16],
    [U2, I4, I4, I4, I8, U2, U2, U4, U8, F4, F4, F8, C8, C16],
    [U4, I8, I8, I8, I8, U4, U4, U4, U8, F8, F8, F8, C16, C16],
    [U8, F8, F8, F8, F8, U8, U8, U8, U8, F8, F8, F8, C16, C16],
    [F2, F2, F4, F8, F8, F2, F4, F8, F8, F2, F4, F8, C8, C16],
    [F4, F4, F4, F8, F8, F4, F4, F8, F8, F4, F4, F8, C8, C16],
    [F8, F8, F8, F8, F8, F8, F8, F8, F8, F8, F8, F8, C16, C16],
    [C8, C8, C8, C16, C16, C8, C8, C16, C16, C8, C8, C16, C8, C16],
    [C16, C16, C16, C16, C16, C16, C16, C16, C16, C16, C16, C16, C16, C16],
];

#[rustfmt::skip]
static SAFE: [[u8; 14]; 14] = [
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    [0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1],
    [0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1],
    [0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1],
    [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1],
    [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    [0, 0, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1],
    [0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1],
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
];

#[rustfmt::skip]
static SAME_KIND: [[u8; 14]; 14] = [
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    [0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1],
    [0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1],
    [0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1],
    [0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1],
    [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1],
];

/// The smallest dtype both `a` and `b` cast to safely (always native byte order).
///
/// # Errors
/// `TypeError` naming both dtypes when they have no common type.
pub fn promote_types(a: DType, b: DType) -> Result<DType> {
    if let (Some(x), Some(y)) = (a.builtin, b.builtin) {
        return Ok(PROMOTE[x.index()][y.index()].dtype());
    }
    if a == b {
        return Ok(a.to_native());
    }
    // A promotion registered for the two classes (`object` with anything) comes first.
    if let Some(r) = registry::lookup_promotion(a, b) {
        return Ok(r);
    }
    if let Some(r) = registry::promote_parametric(a, b) {
        return r.ok_or_else(|| {
            Error::type_(format!(
                "The DType {} and {} could not be promoted: no common dtype",
                a.to_native(),
                b.to_native()
            ))
        });
    }
    registry::lookup_promotion(a, b).ok_or_else(|| {
        Error::type_(format!(
            "The DType {} and {} could not be promoted: no common dtype",
            a.to_native(),
            b.to_native()
        ))
    })
}

/// NumPy's legacy type number of a built-in: `common_dtype` of two built-in DTypes is
/// answered by the one with the larger number (`float16` comes after all others).
fn type_num(b: Builtin) -> u8 {
    match b {
        BO => 0,
        I1 => 1,
        U1 => 2,
        I2 => 3,
        U2 => 4,
        I4 => 5,
        U4 => 6,
        I8 => 7,
        U8 => 8,
        F4 => 11,
        F8 => 12,
        C8 => 14,
        C16 => 15,
        F2 => 23,
    }
}

/// `cls.__common_dtype__(other)` for built-ins (NumPy's `default_builtin_common_dtype`):
/// `None` (NotImplemented) when `other` has the larger type number.
fn common_dtype(cls: Builtin, other: Builtin) -> Option<Builtin> {
    if type_num(other) > type_num(cls) {
        None
    } else {
        Some(PROMOTE[cls.index()][other.index()])
    }
}

/// The common dtype of a sequence of dtypes, NumPy's `PyArray_PromoteDTypeSequence` (used
/// by `result_type` and `concatenate`).
///
/// It is not a left fold of [`promote_types`]: NumPy first reduces the sequence pairwise
/// from both ends to find the "most knowledgeable" DType (`reduce_dtypes_to_most_
/// knowledgeable`), then promotes every other DType with that one and reduces the results.
/// So `int8, uint8, float16` gives `float16` (each meets `float16` directly), where
/// `promote_types(promote_types(int8, uint8), float16)` gives `float32`.
///
/// # Errors
/// `ValueError` for an empty sequence; `TypeError` when the dtypes do not promote.
pub fn promote_sequence(dtypes: &[DType]) -> Result<DType> {
    let Some(first) = dtypes.first() else {
        return Err(Error::value("at least one array or dtype is required"));
    };
    let builtins: Option<Vec<Builtin>> = dtypes.iter().map(|d| d.builtin).collect();
    let Some(v) = builtins.filter(|v| v.len() > 2) else {
        // One or two dtypes, or a registered dtype: the pairwise promotion is the rule.
        let mut dt = first.to_native();
        for d in &dtypes[1..] {
            dt = promote_types(dt, *d)?;
        }
        return Ok(dt);
    };
    // 1. Reduce to the most knowledgeable DType (entries it makes irrelevant are cleared).
    let mut slots: Vec<Option<Builtin>> = v.into_iter().map(Some).collect();
    let mut len = slots.len();
    let mut res;
    loop {
        let half = len / 2;
        res = None;
        for low in 0..half {
            let high = len - 1 - low;
            let (l, h) = (slots[low].expect("live"), slots[high].expect("live"));
            res = if l == h { Some(l) } else { common_dtype(l, h) };
            match res {
                None => slots.swap(low, high),
                Some(r) if r == l => slots[high] = None,
                Some(_) => {}
            }
        }
        if len == 2 {
            break;
        }
        len -= half;
    }
    // 2. Promote the others with it, reducing the results.
    let main = slots[0].expect("live");
    let start = if res.is_none() { 1 } else { 2 };
    for other in slots[start..].iter().flatten() {
        // (For built-ins `main` knows every other; the reverse call is NumPy's fallback in
        // `PyArray_CommonDType`.)
        let promotion = common_dtype(main, *other).unwrap_or(PROMOTE[other.index()][main.index()]);
        res = Some(match res {
            None => promotion,
            Some(r) => PROMOTE[r.index()][promotion.index()],
        });
    }
    Ok(res.unwrap_or(main).dtype())
}

/// Whether a cast from `from` to `to` is allowed under `casting`.
pub fn can_cast(from: DType, to: DType, casting: Casting) -> bool {
    if let Some(c) = registry::lookup_param_cast(from, to) {
        // Parametric casts: the level depends on both descriptors' sizes.
        return (c.level)(&from, &to) <= casting;
    }
    let same_type = from.type_id == to.type_id;
    match casting {
        Casting::No => same_type && (from.is_native() == to.is_native() || from.itemsize == 1),
        Casting::Equiv => same_type,
        _ if same_type => true,
        _ => match (from.builtin, to.builtin) {
            (Some(x), Some(y)) => match casting {
                Casting::Safe => SAFE[x.index()][y.index()] == 1,
                Casting::SameKind => SAME_KIND[x.index()][y.index()] == 1,
                _ => true,
            },
            _ => registry::lookup_cast(from, to).is_some_and(|c| c.level <= casting),
        },
    }
}

/// The default dtype of a weak kind.
fn weak_default(w: WeakKind) -> DType {
    match w {
        WeakKind::Int => Builtin::Int64.dtype(),
        WeakKind::Float => Builtin::Float64.dtype(),
        WeakKind::Complex => Builtin::Complex128.dtype(),
    }
}

/// NumPy 2's `result_type` over dtypes and weak Python scalars (see the module docs).
///
/// # Errors
/// `ValueError` with no operands; `TypeError` when strong dtypes do not promote.
pub fn result_type(ops: &[Operand]) -> Result<DType> {
    let mut strongs: Vec<DType> = Vec::with_capacity(ops.len());
    let mut weak: Option<WeakKind> = None;
    for op in ops {
        match *op {
            Operand::Strong(d) => strongs.push(d),
            Operand::Weak(w) => weak = weak.max(Some(w)),
        }
    }
    let strong = if strongs.is_empty() {
        None
    } else {
        Some(promote_sequence(&strongs)?)
    };
    match (strong, weak) {
        (None, None) => Err(Error::value("at least one array or dtype is required")),
        (Some(s), None) => Ok(s),
        (None, Some(w)) => Ok(weak_default(w)),
        (Some(s), Some(w)) => Ok(apply_weak(s, w)),
    }
}

/// The result of a strong dtype `s` meeting a weak scalar of kind `w`.
fn apply_weak(s: DType, w: WeakKind) -> DType {
    let kind = s.kind;
    match w {
        WeakKind::Int if kind == 'b' => weak_default(w),
        WeakKind::Int => s,
        WeakKind::Float if matches!(kind, 'b' | 'i' | 'u') => weak_default(w),
        WeakKind::Float => s,
        WeakKind::Complex => match s.builtin {
            Some(Builtin::Float16 | Builtin::Float32) => Builtin::Complex64.dtype(),
            _ if kind == 'c' => s,
            _ if s.builtin.is_some() => weak_default(w),
            // A registered dtype meets a Python complex: the first complex dtype it casts
            // to safely, as NumPy's `complex_common_dtype` tries `complex64` then
            // `complex128` for a user dtype; else as if the scalar were complex128.
            _ => [Builtin::Complex64, Builtin::Complex128]
                .into_iter()
                .map(Builtin::dtype)
                .find(|&c| can_cast(s, c, Casting::Safe))
                .unwrap_or_else(|| promote_types(s, weak_default(w)).unwrap_or(s)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_scalars() {
        use Operand::*;
        let i8d = Builtin::Int8.dtype();
        assert_eq!(
            result_type(&[Strong(i8d), Weak(WeakKind::Int)]).unwrap(),
            i8d
        );
        assert_eq!(
            result_type(&[Strong(i8d), Weak(WeakKind::Float)]).unwrap(),
            Builtin::Float64.dtype()
        );
        assert_eq!(
            result_type(&[Strong(Builtin::Float16.dtype()), Weak(WeakKind::Complex)]).unwrap(),
            Builtin::Complex64.dtype()
        );
        assert_eq!(
            result_type(&[Weak(WeakKind::Int)]).unwrap(),
            Builtin::Int64.dtype()
        );
    }

    #[test]
    fn casting_levels() {
        let f8 = Builtin::Float64.dtype();
        assert!(can_cast(f8, f8.swapped(), Casting::Equiv));
        assert!(!can_cast(f8, f8.swapped(), Casting::No));
        assert!(can_cast(Builtin::Int8.dtype(), f8, Casting::Safe));
        assert!(!can_cast(f8, Builtin::Float32.dtype(), Casting::Safe));
        assert!(can_cast(f8, Builtin::Float32.dtype(), Casting::SameKind));
    }
}
