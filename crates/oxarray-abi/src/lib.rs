//! oxarray's C-level ABI: C-level duck typing through a custom-slot table on type objects.
//!
//! "Array-ness" is a capability, not a type check: C (or Rust) code asks an object's *type*
//! for the interface it needs, by key, and any library that installs the same key is served
//! by the same code. How it works, in steps:
//!
//! 1. **Keys** ([`key`]). An interface is named `"<registrar>:<interface>@<major>"`, e.g.
//!    `"oxarray:array@1"`; its 64-bit pre-hash is the low 64 bits of the MD5 of that string,
//!    computed at compile time ([`key::key_hash`] is a `const fn`; the C header carries the
//!    literals). A new major version is a new key, so old and new consumers coexist.
//! 2. **Table** ([`table`]). A type's slots live in one immutable [`table::SlotTable`]: a
//!    perfect-hash table built by hash-and-displace. Lookup is
//!    `((h >> r) & m_f) ^ d[h & m_g]` plus one full-key compare, with no branch.
//! 3. **Where the table lives.** Two paths, tried in this order by `OxSlot_TypeTable` in
//!    `oxarray.h` and by [`py`]:
//!    - *Type-carried*: the type's metaclass made its instances larger than `type`, and
//!      the type object holds a [`view::TypeExt`] `{magic, table}` at offset
//!      `type.__basicsize__`. A lookup is a size check on the metaclass, a magic compare
//!      and a load. Python subclasses keep it (the metaclass copies the extension of the
//!      first base that has one when the subclass is created).
//!    - *Portable*: a `PyCapsule` named `"oxarray.slots"` under `__oxarray_slots__` in the
//!      type's own `__dict__`, found by walking the `__mro__` dicts (never an attribute
//!      lookup: no descriptors, no `__getattr__`). The result (or its absence) is cached by
//!      the consumer per type, keyed by the type's pointer and version tag, which CPython
//!      changes whenever the type's dict changes.
//!
//!    oxarray's `ndarray` uses the portable path: PyO3 cannot give a `#[pyclass]` a
//!    metaclass on CPython 3.11 (`PyType_FromMetaclass` is 3.12+, PyO3 issue #906), and the
//!    type object PyO3 allocates has no room for an extension. C types (see
//!    `tests/capi/tinyarray.c`) can use the type-carried path.
//! 4. **Interfaces** ([`view`]). `oxarray:array@1` is an [`view::ArrayVTable`]: a borrowed
//!    view fill ([`view::ArrayView`]: data, ndim, shape, byte strides, dtype kind, itemsize,
//!    byte order, dtype handle, read-only flag, device), an owning export to
//!    `DLManagedTensorVersioned`, and a constructor from a view plus a keep-alive object.
//!    `oxarray:ufunc@1` is an [`view::UfuncVTable`]: call an oxarray ufunc by name.
//! 5. **Fallbacks.** An object without the slot is still an array if it speaks DLPack
//!    (`__dlpack__`) or the buffer protocol; `OxArray_GetView` tries those in that order, so
//!    NumPy arrays, memoryviews and bytes are served too.
//! 6. **Versions.** [`ABI_MAJOR`] changes only with incompatible changes (and new keys);
//!    [`ABI_MINOR`] grows when fields are appended. Every struct carries its version or
//!    size. `include/oxarray.h` mirrors these definitions; `tests/header.rs` checks it.

pub mod key;
#[cfg(feature = "pyo3")]
pub mod py;
pub mod table;
pub mod view;

pub use key::{key_hash, key_hash_runtime};
pub use table::{build, BuildError, OwnedTable, SlotEntry, SlotTable};
pub use view::{ArrayVTable, ArrayView, TypeExt, UfuncVTable};

/// Major version of the C ABI; bumped only on incompatible changes.
pub const ABI_MAJOR: u32 = 1;
/// Minor version of the C ABI; bumped when fields are appended.
pub const ABI_MINOR: u32 = 0;

/// Pre-hash of `"oxarray:array@1"`.
pub const KEY_ARRAY_V1: u64 = key_hash("oxarray:array@1");
/// Pre-hash of `"oxarray:ufunc@1"`.
pub const KEY_UFUNC_V1: u64 = key_hash("oxarray:ufunc@1");

/// Path of the committed C header, for tests and build scripts.
pub const HEADER_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/include/oxarray.h");
