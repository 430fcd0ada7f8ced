//! The run-time registry of dtypes, casts and promotions.
//!
//! Built-ins never go through here (their tables are static); everything registered later
//! does. Registration leaks one descriptor per dtype, so handles stay `'static` and cheap.
//! Lookups take a read lock; registration is rare and takes the write lock.

use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};

use super::cast::{CastFn, CastKernel};
use super::{ByteOrder, Casting, DType, DTypeOps, Descr};
use crate::error::{Error, Result};

/// A cast kernel with the casting level it satisfies.
#[derive(Clone, Copy)]
pub struct CastImpl {
    /// The kernel (native byte order on both sides).
    pub func: CastFn,
    /// The weakest casting level under which the cast is allowed.
    pub level: Casting,
    /// A kernel that carries data and can fail (`register_cast_kernel`); `func` is then a
    /// placeholder that converts nothing.
    pub kernel: Option<&'static dyn CastKernel>,
}

/// What a new dtype is made of.
pub struct DTypeSpec {
    /// Unique name, e.g. `"fixed16"`.
    pub name: String,
    /// Kind character (NumPy uses `V` for user types; any character not of a built-in
    /// kind is fine).
    pub kind: char,
    /// Type character.
    pub char: char,
    /// Size of one element.
    pub itemsize: usize,
    /// Alignment of one element.
    pub alignment: usize,
    /// Get/set item and zero.
    pub ops: Box<dyn DTypeOps>,
    /// [`super::flags`] bits (references, needs the interpreter, parametric, opaque).
    pub flags: u32,
}

/// A cast kernel between dtypes of which at least one is parametric ([`super::flags::PARAMETRIC`]):
/// it sees both descriptors (item sizes, byte orders: it handles byte order itself) and
/// may fail (e.g. a string that is no number), stopping the copy with its error.
///
/// # Safety
/// As [`CastFn`], for items of `src` and `dst` (any byte order, any alignment).
pub type ParamCastFn = unsafe fn(
    src: &Descr,
    dst: &Descr,
    s: *const u8,
    ss: isize,
    d: *mut u8,
    ds: isize,
    n: usize,
) -> Result<()>;

/// A registered parametric cast: its kernel and the casting level of each pair of
/// descriptors (`U5 -> U10` is safe, `U10 -> U5` same-kind, `int64 -> U21` safe,
/// `int64 -> U20` unsafe).
#[derive(Clone, Copy)]
pub struct ParamCast {
    /// The kernel.
    pub func: ParamCastFn,
    /// The weakest casting level allowing the cast between these two descriptors.
    pub level: fn(&Descr, &Descr) -> Casting,
}

/// A promoter: the common dtype of two descriptors, at least one of its class (`None`:
/// no common dtype). Consulted for parametric dtypes, whose result depends on the sizes.
pub type Promoter = fn(DType, DType) -> Option<DType>;

#[derive(Default)]
struct Inner {
    names: HashMap<String, DType>,
    casts: HashMap<(u32, u32), CastImpl>,
    promotions: HashMap<(u32, u32), DType>,
    next_id: u32,
    /// Interned per-instance descriptors of parametric dtypes.
    instances: HashMap<(u32, usize, ByteOrder), DType>,
    /// Parametric classes by type character (`'U'`, `'S'`), with their size unit.
    type_chars: HashMap<char, DType>,
    param_casts: HashMap<(u32, u32), ParamCast>,
    promoters: HashMap<u32, Promoter>,
}

/// First type id handed to registered dtypes (built-ins use 0..14).
pub const FIRST_USER_TYPE_ID: u32 = 256;

static REGISTRY: LazyLock<RwLock<Inner>> = LazyLock::new(|| {
    RwLock::new(Inner {
        next_id: FIRST_USER_TYPE_ID,
        ..Default::default()
    })
});

fn read() -> std::sync::RwLockReadGuard<'static, Inner> {
    // A poisoned lock only means a registrant panicked; the maps are still consistent.
    REGISTRY.read().unwrap_or_else(|e| e.into_inner())
}

fn write() -> std::sync::RwLockWriteGuard<'static, Inner> {
    REGISTRY.write().unwrap_or_else(|e| e.into_inner())
}

/// Register a new dtype.
///
/// # Errors
/// `ValueError` when the name is taken (by a built-in or a registered dtype) or the size
/// or alignment is zero.
pub fn register_dtype(spec: DTypeSpec) -> Result<DType> {
    // A parametric class's own descriptor is its unsized instance (`U0`, NumPy's flexible
    // `dtype('U')`).
    let parametric = spec.flags & super::flags::PARAMETRIC != 0;
    if (spec.itemsize == 0 && !parametric)
        || spec.alignment == 0
        || !spec.alignment.is_power_of_two()
    {
        return Err(Error::value(
            "a dtype needs a non-zero itemsize and a power-of-two alignment",
        ));
    }
    if DType::parse(&spec.name).is_ok() {
        return Err(Error::value(format!(
            "a dtype named {:?} already exists",
            spec.name
        )));
    }
    let mut inner = write();
    let type_id = inner.next_id;
    inner.next_id += 1;
    let name: &'static str = Box::leak(spec.name.clone().into_boxed_str());
    let ops: &'static dyn DTypeOps = Box::leak(spec.ops);
    let descr: &'static Descr = Box::leak(Box::new(Descr {
        type_id,
        builtin: None,
        kind: spec.kind,
        char: spec.char,
        name,
        itemsize: spec.itemsize,
        alignment: spec.alignment,
        byteorder: if (parametric && spec.alignment > 1)
            || (!parametric && spec.flags & super::flags::NATIVE_ORDER != 0)
        {
            ByteOrder::NATIVE
        } else {
            ByteOrder::NotApplicable
        },
        num: type_id as i32,
        ops,
        flags: spec.flags,
    }));
    let dt = DType::from_static(descr);
    if parametric {
        inner.instances.insert((type_id, 0, descr.byteorder), dt);
    }
    inner.names.insert(spec.name, dt);
    Ok(dt)
}

/// Register another name for `dt` (`"O"` for `object`); it parses like the dtype's own.
///
/// # Errors
/// `ValueError` when the name is taken.
pub fn register_alias(name: &str, dt: DType) -> Result<()> {
    if DType::parse(name).is_ok() {
        return Err(Error::value(format!(
            "a dtype named {name:?} already exists"
        )));
    }
    write().names.insert(name.to_string(), dt);
    Ok(())
}

/// Register (or replace) the cast `from -> to`, allowed from casting level `level` up.
/// Returns the cast it replaced, if any.
pub fn register_cast(from: DType, to: DType, func: CastFn, level: Casting) -> Option<CastImpl> {
    write().casts.insert(
        (from.type_id, to.type_id),
        CastImpl {
            func,
            level,
            kernel: None,
        },
    )
}

/// Register (or replace) the cast `from -> to` as a [`CastKernel`] (a cast that carries
/// data and can fail, e.g. one written in Python), allowed from casting level `level` up.
pub fn register_cast_kernel(
    from: DType,
    to: DType,
    kernel: &'static dyn CastKernel,
    level: Casting,
) -> Option<CastImpl> {
    /// Never called: `cast::get_cast` hides kernel casts from plain-kernel callers.
    unsafe fn none(_: *const u8, _: isize, _: *mut u8, _: isize, _: usize) {}
    write().casts.insert(
        (from.type_id, to.type_id),
        CastImpl {
            func: none,
            level,
            kernel: Some(kernel),
        },
    )
}

/// Register the common dtype of `a` and `b` (symmetric).
pub fn register_promotion(a: DType, b: DType, result: DType) {
    let mut inner = write();
    inner.promotions.insert((a.type_id, b.type_id), result);
    inner.promotions.insert((b.type_id, a.type_id), result);
}

/// A registered dtype by name.
pub fn lookup_name(name: &str) -> Option<DType> {
    read().names.get(name).copied()
}

/// A registered cast.
pub fn lookup_cast(from: DType, to: DType) -> Option<CastImpl> {
    read().casts.get(&(from.type_id, to.type_id)).copied()
}

/// A registered promotion.
pub fn lookup_promotion(a: DType, b: DType) -> Option<DType> {
    read().promotions.get(&(a.type_id, b.type_id)).copied()
}

/// The descriptor of parametric dtype `base`'s class with `itemsize` bytes and
/// `byteorder`, interned: one leaked descriptor per (class, size, order), sharing the
/// class's type id, vtable, casts, loops and promotions. Its name is the class's name
/// followed by the size in bits (NumPy's `str320` for `U10`, `bytes40` for `S5`); one-byte
/// units (`S`) have no byte order.
///
/// # Errors
/// `TypeError` when `base` is not parametric; `ValueError` when `itemsize` is not a
/// multiple of the class's unit (its alignment) or is too large.
pub fn instance(base: DType, itemsize: usize, byteorder: ByteOrder) -> Result<DType> {
    if base.flags & super::flags::PARAMETRIC == 0 {
        return Err(Error::type_(format!("dtype {base} has no sized instances")));
    }
    if itemsize % base.alignment != 0 || itemsize > isize::MAX as usize / 2 {
        return Err(Error::value(format!(
            "invalid itemsize {itemsize} for dtype {}",
            base.kind
        )));
    }
    let order = match (base.alignment, byteorder) {
        (1, _) => ByteOrder::NotApplicable,
        (_, ByteOrder::NotApplicable) => ByteOrder::NATIVE,
        (_, o) => o,
    };
    let key = (base.type_id, itemsize, order);
    if let Some(d) = read().instances.get(&key) {
        return Ok(*d);
    }
    let mut inner = write();
    if let Some(d) = inner.instances.get(&key) {
        return Ok(*d);
    }
    let class = class_name(base.name);
    let name: &'static str = if itemsize == 0 {
        class
    } else {
        Box::leak(format!("{class}{}", itemsize * 8).into_boxed_str())
    };
    let descr: &'static Descr = Box::leak(Box::new(Descr {
        type_id: base.type_id,
        builtin: None,
        kind: base.kind,
        char: base.char,
        name,
        itemsize,
        alignment: base.alignment,
        byteorder: order,
        num: base.num,
        ops: base.ops,
        flags: base.flags,
    }));
    let dt = DType::from_static(descr);
    inner.instances.insert(key, dt);
    Ok(dt)
}

/// The class name of a parametric descriptor's name (`"str320"` -> `"str"`).
fn class_name(name: &'static str) -> &'static str {
    name.trim_end_matches(|c: char| c.is_ascii_digit())
}

/// The unsized instance of a parametric class (`U0`): what the class's name, its type
/// character alone (`"U"`) and its Python type (`str`) mean as a dtype.
///
/// # Errors
/// As [`instance`].
pub fn unsized_instance(base: DType) -> Result<DType> {
    instance(base, 0, ByteOrder::NATIVE)
}

/// Make type character `c` spell instances of parametric class `base` (`"U10"`, `"<U10"`,
/// `"S5"`; the count is in units of the class's alignment).
pub fn register_type_char(c: char, base: DType) {
    write().type_chars.insert(c, base);
}

/// Parse a parametric type string: an optional byte order (`< > = |`), a registered type
/// character, and an optional count (none: the unsized instance).
pub fn parse_parametric(s: &str) -> Option<DType> {
    let mut chars = s.chars();
    let first = chars.next()?;
    let (order, rest) = match first {
        '<' => (ByteOrder::Little, chars.as_str()),
        '>' => (ByteOrder::Big, chars.as_str()),
        '=' | '|' => (ByteOrder::NATIVE, chars.as_str()),
        _ => (ByteOrder::NATIVE, s),
    };
    let mut rc = rest.chars();
    let c = rc.next()?;
    let digits = rc.as_str();
    if !digits.chars().all(|d| d.is_ascii_digit()) {
        return None;
    }
    let base = *read().type_chars.get(&c)?;
    let count: usize = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    instance(base, count.checked_mul(base.alignment)?, order).ok()
}

/// Register (or replace) the parametric cast between classes `from` and `to` (either may
/// be a built-in; same class: between sizes and byte orders).
pub fn register_param_cast(from: DType, to: DType, cast: ParamCast) {
    write().param_casts.insert((from.type_id, to.type_id), cast);
}

/// The parametric cast `from -> to`, when either is parametric and they are not the same
/// descriptor (identical instances copy as bytes).
pub fn lookup_param_cast(from: DType, to: DType) -> Option<ParamCast> {
    if (from.flags | to.flags) & super::flags::PARAMETRIC == 0 {
        return None;
    }
    if from.type_id == to.type_id && from.itemsize == to.itemsize && from.byteorder == to.byteorder
    {
        return None;
    }
    read().param_casts.get(&(from.type_id, to.type_id)).copied()
}

/// Register the promoter of a class (consulted whenever one operand is of that class).
pub fn register_promoter(class: DType, p: Promoter) {
    write().promoters.insert(class.type_id, p);
}

/// The common dtype of `a` and `b` from a promoter of either's class, if one is
/// registered and answers.
pub fn promote_parametric(a: DType, b: DType) -> Option<Option<DType>> {
    if (a.flags | b.flags) & super::flags::PARAMETRIC == 0 {
        return None;
    }
    let inner = read();
    let p = inner
        .promoters
        .get(&a.type_id)
        .or_else(|| inner.promoters.get(&b.type_id))
        .copied()?;
    drop(inner);
    Some(p(a, b))
}
