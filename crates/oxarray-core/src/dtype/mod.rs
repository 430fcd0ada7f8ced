//! Data types: descriptors ("ArrayType" in the seeds), scalars, casts and promotion.
//!
//! A [`DType`] is a cheap copyable handle to a `'static` [`Descr`]. Built-in descriptors are
//! statics (one native and one byte-swapped per built-in); descriptors registered at run time
//! are leaked once by the [`registry`], so every handle is `'static` and comparison is cheap.
//! A descriptor carries a vtable ([`DTypeOps`]) for get/set item and zero, so a new dtype is
//! added without touching this file (see `tests/registry.rs`).

pub mod cast;
pub mod element;
pub mod promotion;
pub mod registry;
pub mod void;

use std::fmt;

use half::f16;
use num_complex::Complex;

use crate::error::{Error, Result};
pub use element::{Element, Load};
pub use promotion::{can_cast, promote_types, result_type, Casting, Operand, WeakKind};

/// The built-in dtypes, in NumPy's promotion-table order.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Builtin {
    Bool = 0,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float16,
    Float32,
    Float64,
    Complex64,
    Complex128,
}

impl Builtin {
    /// All built-ins, in table order.
    pub const ALL: [Builtin; 14] = [
        Builtin::Bool,
        Builtin::Int8,
        Builtin::Int16,
        Builtin::Int32,
        Builtin::Int64,
        Builtin::UInt8,
        Builtin::UInt16,
        Builtin::UInt32,
        Builtin::UInt64,
        Builtin::Float16,
        Builtin::Float32,
        Builtin::Float64,
        Builtin::Complex64,
        Builtin::Complex128,
    ];

    /// Position in [`Builtin::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The native-order descriptor.
    pub fn dtype(self) -> DType {
        DType(&NATIVE[self.index()])
    }
}

/// Byte order of a descriptor, as NumPy writes it in `dtype.str`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ByteOrder {
    Little,
    Big,
    /// One-byte types have no byte order (`'|'`).
    NotApplicable,
}

impl ByteOrder {
    /// The machine's order.
    pub const NATIVE: ByteOrder = if cfg!(target_endian = "little") {
        ByteOrder::Little
    } else {
        ByteOrder::Big
    };
    /// NumPy's character: `'<'`, `'>'` or `'|'`.
    pub fn as_char(self) -> char {
        match self {
            ByteOrder::Little => '<',
            ByteOrder::Big => '>',
            ByteOrder::NotApplicable => '|',
        }
    }
}

/// A single value of any built-in kind, as read from or written to an array element.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Complex(Complex<f64>),
    /// An item of a dtype whose values are not numbers ([`flags::OPAQUE`]: objects,
    /// strings, dtypes written in Python), borrowed from the array it was read from. Only
    /// the dtype (or the bindings' hooks for it) can interpret it.
    Ref(ItemRef),
}

/// A borrowed item of an opaque dtype: its address and its dtype.
///
/// Valid only while the array it was read from is alive and the item is not overwritten;
/// readers turn it into an owned value (a Python object) at once.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ItemRef {
    /// Address of the item's first byte.
    pub addr: usize,
    /// The item's dtype.
    pub dtype: DType,
}

/// Bits of [`Descr::flags`]: what generic code must know about a dtype's items.
pub mod flags {
    /// Items hold references (Python objects, heap memory): copies must take references
    /// ([`super::DTypeOps::incref`]), overwrites and frees must release them
    /// ([`super::DTypeOps::clear`]); all-zero bytes are a valid empty item. Code that moves
    /// bytes without those hooks refuses such dtypes (see `Array::uninit`).
    pub const HAS_REFS: u32 = 1;
    /// The dtype's hooks, casts or loops call into the Python interpreter: the engine runs
    /// them on the calling thread only and never splits them over threads.
    pub const NEEDS_API: u32 = 2;
    /// The dtype has one descriptor per item size (`S5`, `U10`), interned by the registry.
    pub const PARAMETRIC: u32 = 4;
    /// Items are not numbers: [`super::DType::get`] returns [`super::Scalar::Ref`].
    pub const OPAQUE: u32 = 8;
    /// One of NumPy's legacy built-in dtypes added through the registry (`object`): the
    /// ufuncs' linear search considers its loops for any operands, as for the 14
    /// numeric built-ins, not only when an operand has it.
    pub const LEGACY: u32 = 16;
    /// A registered dtype of one descriptor whose items are in the machine's byte order
    /// (NumPy's legacy user dtypes, e.g. `ml_dtypes`' floats, say `=`: `dtype.str` is
    /// `<V2`, `byteorder` `'='`). Without it, a registered non-parametric dtype's order
    /// does not apply (`|`).
    pub const NATIVE_ORDER: u32 = 32;
}

impl Scalar {
    /// The built-in dtype this value naturally has (bool, int64, uint64, float64, complex128).
    pub fn natural_dtype(&self) -> DType {
        match self {
            Scalar::Bool(_) => Builtin::Bool.dtype(),
            Scalar::Int(_) => Builtin::Int64.dtype(),
            Scalar::UInt(_) => Builtin::UInt64.dtype(),
            Scalar::Float(_) => Builtin::Float64.dtype(),
            Scalar::Complex(_) => Builtin::Complex128.dtype(),
            Scalar::Ref(r) => r.dtype,
        }
    }

    /// Convert to element type `T` with C cast semantics, raising the cast flags
    /// ([`cast::take_cast_flags`]) like an array cast would.
    pub fn to_element<T: Element>(&self) -> T {
        fn conv<S: Element, T: Element>(s: S) -> T {
            let d = T::from_src(s);
            if element::may_raise::<S, T>() {
                let f = T::cast_flags(s, d);
                if f != 0 {
                    cast::raise_cast_flags(f);
                }
            }
            d
        }
        match *self {
            Scalar::Bool(v) => conv(v),
            Scalar::Int(v) => conv(v),
            Scalar::UInt(v) => conv(v),
            Scalar::Float(v) => conv(v),
            Scalar::Complex(v) => conv(v),
            // An opaque item has no number (`DType::set` refuses it before this); its
            // dtype's casts convert whole arrays.
            Scalar::Ref(_) => conv(false),
        }
    }
}

/// Per-dtype behaviour: the vtable of a descriptor.
///
/// Built-ins share one implementation that dispatches on [`Builtin`]; a registered dtype
/// brings its own.
pub trait DTypeOps: Send + Sync {
    /// Read the element at `ptr`.
    ///
    /// # Safety
    /// `ptr` must point to `descr.itemsize` readable bytes (any alignment).
    unsafe fn get(&self, descr: &Descr, ptr: *const u8) -> Scalar;
    /// Write `value` (converted with this dtype's cast rules) to `ptr`.
    ///
    /// # Safety
    /// `ptr` must point to `descr.itemsize` writable bytes (any alignment).
    ///
    /// # Errors
    /// When `value` cannot be represented by this dtype at all.
    unsafe fn set(&self, descr: &Descr, ptr: *mut u8, value: &Scalar) -> Result<()>;
    /// True when the zero value is all zero bytes (so fresh zeroed memory needs no fill).
    fn zero_is_zero_bytes(&self) -> bool {
        true
    }
    /// The zero value.
    fn zero(&self) -> Scalar {
        Scalar::Int(0)
    }
    /// Take one new reference for each of the `n` items at `ptr + i * stride`, which were
    /// just byte-copied from live items ([`flags::HAS_REFS`] dtypes; no-op otherwise).
    ///
    /// # Safety
    /// Every item addressed must be a valid item of this dtype.
    unsafe fn incref(&self, _descr: &Descr, _ptr: *mut u8, _stride: isize, _n: usize) {}
    /// Release the references of the `n` items at `ptr + i * stride` and leave them as
    /// zero bytes ([`flags::HAS_REFS`] dtypes; no-op otherwise).
    ///
    /// # Safety
    /// Every item addressed must be a valid item of this dtype, owned by the caller.
    unsafe fn clear(&self, _descr: &Descr, _ptr: *mut u8, _stride: isize, _n: usize) {}
    /// Order items as if cast to this dtype (an exact, order-preserving cast), for sorts,
    /// searches and arg-reductions of dtypes that have no ordering loops of their own.
    fn sort_as(&self, _descr: &Descr) -> Option<DType> {
        None
    }
    /// The three-way order of items, for sorts, searches, `unique` and arg-reductions of
    /// dtypes that have neither ordering loops nor [`DTypeOps::sort_as`] (strings,
    /// objects); `None` when the items have no order.
    fn compare(&self, _descr: &Descr) -> Option<CompareFn> {
        None
    }
    /// The compare route's sorts and searches compiled for an inlined form of
    /// [`DTypeOps::compare`] ([`CompareKernels::of`] of an [`ItemOrder`] giving the same
    /// order); `None` (the default): the loops call [`DTypeOps::compare`] through the
    /// pointer.
    fn compare_kernels(&self, _descr: &Descr) -> Option<&'static CompareKernels> {
        None
    }
}

/// Compare the item at `a` with the item at `b` (both of dtype `descr`, any alignment):
/// `Less` when `a` sorts first. Items that sort last whatever their value (NumPy's NaN,
/// a string dtype's missing value) compare greater than every other item and equal to
/// each other. An error (a Python comparison that raised) ends the sort or search that
/// asked and is reported to its caller.
///
/// # Safety
/// `a` and `b` point at live items of `descr`.
pub type CompareFn =
    unsafe fn(descr: &Descr, a: *const u8, b: *const u8) -> Result<std::cmp::Ordering>;

pub use crate::ops::cmpsort::{CompareKernels, ItemOrder};

/// A descriptor: everything needed to interpret `itemsize` bytes as one value.
pub struct Descr {
    /// Identity of the dtype "class" (built-ins: their [`Builtin`] index; registered ones
    /// get numbers from the registry). Native and swapped descriptors share it.
    pub type_id: u32,
    /// The built-in this is, if any.
    pub builtin: Option<Builtin>,
    /// NumPy's kind character: `b i u f c` (or the registrant's).
    pub kind: char,
    /// NumPy's type character: `? b h i l B H I L e f d F D`.
    pub char: char,
    /// Name, e.g. `"float64"`.
    pub name: &'static str,
    /// Size of one element in bytes.
    pub itemsize: usize,
    /// Required alignment in bytes.
    pub alignment: usize,
    /// Byte order of the stored bytes.
    pub byteorder: ByteOrder,
    /// NumPy's type number for built-ins (`dtype.num`).
    pub num: i32,
    /// The vtable.
    pub ops: &'static dyn DTypeOps,
    /// [`flags`] bits.
    pub flags: u32,
}

impl fmt::Debug for Descr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "dtype({:?})", self.name)
    }
}

/// A handle to a descriptor. Copy, `'static`, compared by type and byte order.
#[derive(Clone, Copy)]
pub struct DType(&'static Descr);

impl PartialEq for DType {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
            || (self.0.type_id == other.0.type_id
                && self.is_native() == other.is_native()
                && self.0.itemsize == other.0.itemsize)
    }
}
impl Eq for DType {}

impl std::hash::Hash for DType {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.type_id.hash(state);
        self.is_native().hash(state);
        self.0.itemsize.hash(state);
    }
}

impl fmt::Debug for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "dtype({:?})", self.str())
    }
}

impl std::ops::Deref for DType {
    type Target = Descr;
    fn deref(&self) -> &Descr {
        self.0
    }
}

impl DType {
    /// Wrap a leaked descriptor (used by the registry).
    pub(crate) fn from_static(d: &'static Descr) -> Self {
        DType(d)
    }
    /// The descriptor.
    pub fn descr(&self) -> &'static Descr {
        self.0
    }
    /// True when stored in the machine's byte order (or when order does not apply).
    pub fn is_native(&self) -> bool {
        self.0.byteorder == ByteOrder::NATIVE || self.0.byteorder == ByteOrder::NotApplicable
    }
    /// NumPy's `dtype.str`, e.g. `"<f8"`.
    pub fn str(&self) -> String {
        if self.0.kind == 'O' {
            // NumPy writes no size for object references.
            return "|O".to_string();
        }
        // Parametric dtypes count their size in units of their alignment (`<U10` is 40
        // bytes of UCS4 code points).
        let count = if self.0.flags & flags::PARAMETRIC != 0 {
            self.0.itemsize / self.0.alignment
        } else {
            self.0.itemsize
        };
        format!("{}{}{}", self.0.byteorder.as_char(), self.0.kind, count)
    }
    /// The same dtype in native byte order.
    pub fn to_native(&self) -> DType {
        if self.is_native() {
            *self
        } else {
            self.swapped()
        }
    }
    /// The same dtype in the other byte order (itself for one-byte types).
    pub fn swapped(&self) -> DType {
        match self.0.builtin {
            Some(b) if self.0.byteorder != ByteOrder::NotApplicable => {
                if self.is_native() {
                    DType(&SWAPPED[b.index()])
                } else {
                    DType(&NATIVE[b.index()])
                }
            }
            _ if self.0.flags & flags::PARAMETRIC != 0
                && self.0.byteorder != ByteOrder::NotApplicable =>
            {
                let other = if self.is_native() {
                    SWAPPED_ORDER
                } else {
                    ByteOrder::NATIVE
                };
                registry::instance(*self, self.0.itemsize, other).unwrap_or(*self)
            }
            _ => *self,
        }
    }
    /// With byte order `order` (`'<'`, `'>'`, `'='`, `'|'`, `'S'` to swap).
    ///
    /// # Errors
    /// `ValueError` for another character.
    pub fn with_byteorder(&self, order: char) -> Result<DType> {
        let native_char = ByteOrder::NATIVE.as_char();
        Ok(match order {
            '=' | '|' | 'N' | 'n' => self.to_native(),
            'S' | 's' => self.swapped(),
            '<' | 'L' | 'l' | '>' | 'B' | 'b' => {
                let want_native = matches!(order, '<' | 'L' | 'l') == (native_char == '<');
                if want_native {
                    self.to_native()
                } else {
                    self.to_native().swapped()
                }
            }
            _ => {
                return Err(Error::value(format!(
                    "{order} is an unrecognized byteorder"
                )))
            }
        })
    }
    /// True when items hold references ([`flags::HAS_REFS`]).
    #[inline]
    pub fn has_refs(&self) -> bool {
        self.0.flags & flags::HAS_REFS != 0
    }
    /// True when the dtype's hooks, casts or loops need the Python interpreter
    /// ([`flags::NEEDS_API`]).
    #[inline]
    pub fn needs_api(&self) -> bool {
        self.0.flags & flags::NEEDS_API != 0
    }
    /// True when items are not numbers ([`flags::OPAQUE`]).
    #[inline]
    pub fn is_opaque(&self) -> bool {
        self.0.flags & flags::OPAQUE != 0
    }

    /// Take new references for `n` byte-copied items (see [`DTypeOps::incref`]).
    ///
    /// # Safety
    /// As [`DTypeOps::incref`].
    #[inline]
    pub unsafe fn incref(&self, ptr: *mut u8, stride: isize, n: usize) {
        if self.has_refs() && n > 0 {
            // SAFETY: forwarded from the caller.
            unsafe { self.0.ops.incref(self.0, ptr, stride, n) }
        }
    }

    /// Release the references of `n` items and zero them (see [`DTypeOps::clear`]).
    ///
    /// # Safety
    /// As [`DTypeOps::clear`].
    #[inline]
    pub unsafe fn clear(&self, ptr: *mut u8, stride: isize, n: usize) {
        if self.has_refs() && n > 0 {
            // SAFETY: forwarded from the caller.
            unsafe { self.0.ops.clear(self.0, ptr, stride, n) }
        }
    }

    /// True for bool.
    pub fn is_bool(&self) -> bool {
        self.0.kind == 'b'
    }
    /// True for signed or unsigned integers.
    pub fn is_integer(&self) -> bool {
        matches!(self.0.kind, 'i' | 'u')
    }
    /// True for float and complex.
    pub fn is_inexact(&self) -> bool {
        matches!(self.0.kind, 'f' | 'c')
    }

    /// Read one element at `ptr`, handling byte order.
    ///
    /// # Safety
    /// `ptr` must point to `itemsize` readable bytes.
    pub unsafe fn get(&self, ptr: *const u8) -> Scalar {
        if self.is_opaque() {
            return Scalar::Ref(ItemRef {
                addr: ptr as usize,
                dtype: *self,
            });
        }
        if self.is_native() {
            // SAFETY: forwarded from the caller.
            unsafe { self.0.ops.get(self.0, ptr) }
        } else {
            let mut buf = [0u8; 32];
            let n = self.0.itemsize;
            // SAFETY: the caller guarantees `n` readable bytes; `buf` holds up to 32.
            unsafe { std::ptr::copy_nonoverlapping(ptr, buf.as_mut_ptr(), n.min(32)) };
            cast::swap_in_place(&mut buf[..n], self.swap_unit());
            let native = self.to_native();
            // SAFETY: `buf` holds one native element.
            unsafe { native.0.ops.get(native.0, buf.as_ptr()) }
        }
    }

    /// Write one element at `ptr`, handling byte order.
    ///
    /// # Safety
    /// `ptr` must point to `itemsize` writable bytes.
    ///
    /// # Errors
    /// When the value cannot be represented.
    pub unsafe fn set(&self, ptr: *mut u8, value: &Scalar) -> Result<()> {
        if let Scalar::Ref(r) = value {
            if r.dtype == *self {
                if r.addr != ptr as usize {
                    let n = self.0.itemsize;
                    // SAFETY: the caller guarantees `n` writable bytes holding a valid item
                    // at `ptr`; `r` addresses a live item of the same dtype. The new item
                    // gets its reference before the old one is released, so an item that
                    // is only alive through `ptr` survives being assigned to itself.
                    unsafe {
                        let mut old = [0u8; 64];
                        let keep = self.has_refs() && n <= 64;
                        if keep {
                            std::ptr::copy_nonoverlapping(ptr, old.as_mut_ptr(), n);
                        } else {
                            self.clear(ptr, 0, 1);
                        }
                        std::ptr::copy(r.addr as *const u8, ptr, n);
                        self.incref(ptr, 0, 1);
                        if keep {
                            self.clear(old.as_mut_ptr(), 0, 1);
                        }
                    }
                }
                return Ok(());
            }
            if !self.is_opaque() {
                return Err(Error::type_(format!(
                    "cannot assign an item of dtype {} to an element of dtype {self} \
                     (cast the array first)",
                    r.dtype
                )));
            }
        }
        if self.is_native() || self.is_opaque() {
            // SAFETY: forwarded from the caller (opaque dtypes' hooks see the descriptor
            // and handle its byte order themselves).
            unsafe { self.0.ops.set(self.0, ptr, value) }
        } else {
            let mut buf = [0u8; 32];
            let n = self.0.itemsize;
            let native = self.to_native();
            // SAFETY: `buf` has room for one element.
            unsafe { native.0.ops.set(native.0, buf.as_mut_ptr(), value)? };
            cast::swap_in_place(&mut buf[..n], self.swap_unit());
            // SAFETY: the caller guarantees `n` writable bytes.
            unsafe { std::ptr::copy_nonoverlapping(buf.as_ptr(), ptr, n) };
            Ok(())
        }
    }

    /// The unit that byte swapping reverses: the whole item, or each half of a complex.
    pub fn swap_unit(&self) -> usize {
        if self.0.flags & flags::PARAMETRIC != 0 {
            // One unit of the size count (a UCS4 code point).
            self.0.alignment
        } else if self.0.kind == 'c' {
            self.0.itemsize / 2
        } else {
            self.0.itemsize
        }
    }

    /// Look a dtype up by any of NumPy's spellings: a name (`"float64"`, `"int"`, `"bool"`),
    /// a type character (`"d"`, `"?"`), or a type string with byte order (`"<f8"`, `">i4"`,
    /// `"u1"`), including registered dtypes' names.
    ///
    /// # Errors
    /// `TypeError` naming the string when nothing matches (NumPy's error).
    pub fn parse(s: &str) -> Result<DType> {
        parse_dtype_str(s).ok_or_else(|| Error::type_(format!("data type '{s}' not understood")))
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_native() && self.0.flags & flags::PARAMETRIC == 0 {
            f.write_str(self.0.name)
        } else {
            f.write_str(&self.str())
        }
    }
}

fn parse_dtype_str(s: &str) -> Option<DType> {
    if let Some(d) = builtin_by_name(s) {
        return Some(d);
    }
    if let Some(d) = registry::lookup_name(s) {
        return Some(d);
    }
    if let Some(d) = registry::parse_parametric(s) {
        return Some(d);
    }
    let mut chars = s.chars();
    let first = chars.next()?;
    let (order, rest) = match first {
        '<' | '>' | '=' | '|' => (Some(first), chars.as_str()),
        _ => (None, s),
    };
    let base = builtin_by_typestr(rest)?;
    match order {
        Some(o) => base.with_byteorder(o).ok(),
        None => Some(base),
    }
}

fn builtin_by_name(s: &str) -> Option<DType> {
    use Builtin as B;
    let b = match s {
        "bool" | "bool_" | "?" | "b1" => B::Bool,
        "int8" | "byte" => B::Int8,
        "int16" | "short" => B::Int16,
        "int32" | "intc" => B::Int32,
        "int64" | "int" | "long" | "longlong" | "intp" | "int_" => B::Int64,
        "uint8" | "ubyte" => B::UInt8,
        "uint16" | "ushort" => B::UInt16,
        "uint32" | "uintc" => B::UInt32,
        "uint64" | "uint" | "ulong" | "ulonglong" | "uintp" => B::UInt64,
        "float16" | "half" => B::Float16,
        "float32" | "single" => B::Float32,
        "float64" | "float" | "double" => B::Float64,
        "complex64" | "csingle" => B::Complex64,
        "complex128" | "complex" | "cdouble" => B::Complex128,
        _ => return None,
    };
    Some(b.dtype())
}

fn builtin_by_typestr(s: &str) -> Option<DType> {
    use Builtin as B;
    let b = match s {
        "?" | "b1" => B::Bool,
        "b" | "i1" => B::Int8,
        "h" | "i2" => B::Int16,
        "i" | "i4" => B::Int32,
        "l" | "q" | "p" | "i8" | "n" => B::Int64,
        "B" | "u1" => B::UInt8,
        "H" | "u2" => B::UInt16,
        "I" | "u4" => B::UInt32,
        "L" | "Q" | "P" | "u8" | "N" => B::UInt64,
        "e" | "f2" => B::Float16,
        "f" | "f4" => B::Float32,
        "d" | "f8" => B::Float64,
        "F" | "c8" => B::Complex64,
        "D" | "c16" => B::Complex128,
        _ => return None,
    };
    Some(b.dtype())
}

/// The vtable shared by all built-ins.
struct BuiltinOps;

/// Expand `$body` with `$t` bound to the element type of built-in `$b`.
#[macro_export]
#[doc(hidden)]
macro_rules! with_element_type {
    ($b:expr, $t:ident => $body:expr) => {{
        use $crate::dtype::Builtin as __B;
        match $b {
            __B::Bool => {
                type $t = bool;
                $body
            }
            __B::Int8 => {
                type $t = i8;
                $body
            }
            __B::Int16 => {
                type $t = i16;
                $body
            }
            __B::Int32 => {
                type $t = i32;
                $body
            }
            __B::Int64 => {
                type $t = i64;
                $body
            }
            __B::UInt8 => {
                type $t = u8;
                $body
            }
            __B::UInt16 => {
                type $t = u16;
                $body
            }
            __B::UInt32 => {
                type $t = u32;
                $body
            }
            __B::UInt64 => {
                type $t = u64;
                $body
            }
            __B::Float16 => {
                type $t = half::f16;
                $body
            }
            __B::Float32 => {
                type $t = f32;
                $body
            }
            __B::Float64 => {
                type $t = f64;
                $body
            }
            __B::Complex64 => {
                type $t = num_complex::Complex<f32>;
                $body
            }
            __B::Complex128 => {
                type $t = num_complex::Complex<f64>;
                $body
            }
        }
    }};
}

/// The natural scalar of an element.
pub fn element_to_scalar<T: Element>(v: T) -> Scalar {
    match T::BUILTIN {
        Builtin::Bool => Scalar::Bool(v.nonzero()),
        Builtin::Int8 | Builtin::Int16 | Builtin::Int32 | Builtin::Int64 => {
            Scalar::Int(v.as_i128().unwrap_or(0) as i64)
        }
        Builtin::UInt8 | Builtin::UInt16 | Builtin::UInt32 | Builtin::UInt64 => {
            Scalar::UInt(v.as_i128().unwrap_or(0) as u64)
        }
        Builtin::Float16 | Builtin::Float32 | Builtin::Float64 => Scalar::Float(v.re_f64()),
        Builtin::Complex64 | Builtin::Complex128 => {
            Scalar::Complex(Complex::new(v.re_f64(), v.im_f64()))
        }
    }
}

impl DTypeOps for BuiltinOps {
    unsafe fn get(&self, descr: &Descr, ptr: *const u8) -> Scalar {
        let b = descr.builtin.expect("BuiltinOps only serves built-ins");
        crate::with_element_type!(b, T => {
            // SAFETY: the caller guarantees one readable element; read_unaligned allows any
            // alignment.
            let v = unsafe { T::load_unaligned(ptr) };
            element_to_scalar(v)
        })
    }

    unsafe fn set(&self, descr: &Descr, ptr: *mut u8, value: &Scalar) -> Result<()> {
        let b = descr.builtin.expect("BuiltinOps only serves built-ins");
        crate::with_element_type!(b, T => {
            let v: T = value.to_element();
            // SAFETY: the caller guarantees one writable element of any alignment.
            unsafe { (ptr as *mut T).write_unaligned(v) };
        });
        Ok(())
    }
}

static BUILTIN_OPS: BuiltinOps = BuiltinOps;

macro_rules! descr {
    ($b:ident, $kind:expr, $char:expr, $name:expr, $size:expr, $num:expr, $order:expr) => {
        Descr {
            type_id: Builtin::$b as u32,
            builtin: Some(Builtin::$b),
            kind: $kind,
            char: $char,
            name: $name,
            itemsize: $size,
            alignment: if $kind == 'c' { $size / 2 } else { $size },
            byteorder: if $size == 1 {
                ByteOrder::NotApplicable
            } else {
                $order
            },
            num: $num,
            ops: &BUILTIN_OPS,
            flags: 0,
        }
    };
}

macro_rules! descr_table {
    ($order:expr) => {
        [
            descr!(Bool, 'b', '?', "bool", 1, 0, $order),
            descr!(Int8, 'i', 'b', "int8", 1, 1, $order),
            descr!(Int16, 'i', 'h', "int16", 2, 3, $order),
            descr!(Int32, 'i', 'i', "int32", 4, 5, $order),
            descr!(Int64, 'i', 'l', "int64", 8, 7, $order),
            descr!(UInt8, 'u', 'B', "uint8", 1, 2, $order),
            descr!(UInt16, 'u', 'H', "uint16", 2, 4, $order),
            descr!(UInt32, 'u', 'I', "uint32", 4, 6, $order),
            descr!(UInt64, 'u', 'L', "uint64", 8, 8, $order),
            descr!(Float16, 'f', 'e', "float16", 2, 23, $order),
            descr!(Float32, 'f', 'f', "float32", 4, 11, $order),
            descr!(Float64, 'f', 'd', "float64", 8, 12, $order),
            descr!(Complex64, 'c', 'F', "complex64", 8, 14, $order),
            descr!(Complex128, 'c', 'D', "complex128", 16, 15, $order),
        ]
    };
}

const SWAPPED_ORDER: ByteOrder = match ByteOrder::NATIVE {
    ByteOrder::Little => ByteOrder::Big,
    _ => ByteOrder::Little,
};

static NATIVE: [Descr; 14] = descr_table!(ByteOrder::NATIVE);
static SWAPPED: [Descr; 14] = descr_table!(SWAPPED_ORDER);

/// Read a native `T` element; a convenience for kernels and tests.
///
/// # Safety
/// `ptr` must point to a readable `T` (any alignment).
pub unsafe fn read<T: Element>(ptr: *const u8) -> T {
    // SAFETY: forwarded from the caller; `Load` reads any bit pattern (bool: nonzero).
    unsafe { T::load_unaligned(ptr) }
}

/// `half::f16` re-exported for users of the element types.
pub type F16 = f16;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_spellings() {
        assert_eq!(DType::parse("f8").unwrap(), Builtin::Float64.dtype());
        assert_eq!(DType::parse("float32").unwrap(), Builtin::Float32.dtype());
        assert_eq!(DType::parse("?").unwrap(), Builtin::Bool.dtype());
        let be = DType::parse(">i4").unwrap();
        assert!(!be.is_native());
        assert_eq!(be.str(), ">i4");
        assert_eq!(DType::parse("|u1").unwrap().str(), "|u1");
        assert!(DType::parse("f3").is_err());
    }

    #[test]
    fn swapped_get_set_roundtrip() {
        let be = Builtin::Int32.dtype().swapped();
        let mut buf = [0u8; 4];
        unsafe { be.set(buf.as_mut_ptr(), &Scalar::Int(0x01020304)).unwrap() };
        let expect = if cfg!(target_endian = "little") {
            [1, 2, 3, 4]
        } else {
            [4, 3, 2, 1]
        };
        assert_eq!(buf, expect);
        assert_eq!(unsafe { be.get(buf.as_ptr()) }, Scalar::Int(0x01020304));
    }
}
