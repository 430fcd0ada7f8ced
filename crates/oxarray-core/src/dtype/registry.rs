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

#[derive(Default)]
struct Inner {
    names: HashMap<String, DType>,
    casts: HashMap<(u32, u32), CastImpl>,
    promotions: HashMap<(u32, u32), DType>,
    next_id: u32,
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
    if spec.itemsize == 0 || spec.alignment == 0 || !spec.alignment.is_power_of_two() {
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
        byteorder: ByteOrder::NotApplicable,
        num: type_id as i32,
        ops,
        flags: spec.flags,
    }));
    let dt = DType::from_static(descr);
    inner.names.insert(spec.name, dt);
    Ok(dt)
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
