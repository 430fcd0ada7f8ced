//! The `repr(C)` structs behind the slots: array views, the `oxarray:array@1` and
//! `oxarray:ufunc@1` vtables, the type extension of the type-carried path, and the DLPack
//! structs of the owning export. `include/oxarray.h` declares the same structs; the test
//! `tests/header.rs` checks every size and offset the header asserts against these.
//!
//! Versioning: each struct starts (or ends, for the view) with its ABI version or size;
//! fields are only appended within a major version, so a consumer compiled against minor
//! version `m` works with a provider of minor version `>= m`.

use std::ffi::{c_char, c_int, c_void};

/// Opaque `PyObject`: this crate does not depend on Python headers; the pointers are only
/// passed through.
pub type PyObjectPtr = *mut c_void;

/// `OxArrayView` flag for [`ArrayVTable::fill_view`] and `OxArray_GetView`: the caller
/// will write through the view; providers fail with `BufferError` on read-only arrays.
pub const VIEW_WRITABLE: c_int = 1;

/// DLPack device type of host memory (`kDLCPU`).
pub const DEVICE_CPU: i32 = 1;

/// A borrowed description of an array's memory (`OxArrayView` in C).
///
/// Filled by a provider's [`ArrayVTable::fill_view`] (the pointers point into the array
/// object: valid while it is alive and its shape is not reassigned), or by the header's
/// fallbacks (DLPack, buffer protocol), which keep what they need in `internal`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ArrayView {
    /// `size_of::<ArrayView>()` as the filler knew it.
    pub struct_size: u32,
    /// Number of dimensions.
    pub ndim: i32,
    /// Address of element `[0, ..., 0]`.
    pub data: *mut c_void,
    /// `ndim` extents.
    pub shape: *const i64,
    /// `ndim` strides, in bytes.
    pub strides: *const i64,
    /// NumPy kind character: `b i u f c` (others as the provider defines them).
    pub kind: c_char,
    /// `=` native, `<` little, `>` big, `|` not applicable.
    pub byteorder: c_char,
    /// 1 when the memory must not be written.
    pub readonly: u8,
    /// Reserved, 0.
    pub reserved: u8,
    /// Bytes per element.
    pub itemsize: i32,
    /// DLPack device type ([`DEVICE_CPU`] for host memory).
    pub device_type: i32,
    /// DLPack device id.
    pub device_id: i32,
    /// The provider's dtype object, borrowed from the array (may be null).
    pub dtype: PyObjectPtr,
    /// The viewed object; `OxArray_GetView` stores a new reference, released by
    /// `OxArray_ReleaseView`. Providers' `fill_view` leave it alone.
    pub obj: PyObjectPtr,
    /// The vtable that filled the view, or null for the header's fallbacks.
    pub vtable: *const ArrayVTable,
    /// Private to whoever filled the view.
    pub internal: [*mut c_void; 4],
}

/// The `oxarray:array@1` interface (`OxArrayVTable` in C).
#[repr(C)]
#[derive(Debug)]
pub struct ArrayVTable {
    /// [`crate::ABI_MAJOR`].
    pub abi_major: u16,
    /// [`crate::ABI_MINOR`].
    pub abi_minor: u16,
    /// `size_of::<ArrayVTable>()` of the provider: fields past a consumer's knowledge are
    /// ignored, fields past the provider's size are absent.
    pub struct_size: u32,
    /// Borrowed view fill: no reference is taken; returns 0, or -1 with an exception set
    /// (`TypeError` if `obj` is not of the provider's type, `BufferError` when
    /// [`VIEW_WRITABLE`] is asked of a read-only array).
    pub fill_view:
        unsafe extern "C" fn(obj: PyObjectPtr, view: *mut ArrayView, flags: c_int) -> c_int,
    /// Owning export: a new `DLManagedTensorVersioned` that keeps `obj`'s memory alive until
    /// its deleter is called; null with an exception set on failure.
    pub export_dlpack:
        unsafe extern "C" fn(obj: PyObjectPtr, flags: c_int) -> *mut DLManagedTensorVersioned,
    /// Constructor: a new array of the provider's type viewing `view`'s memory, holding a
    /// reference to `keepalive` for as long as the memory is used. New reference, or null
    /// with an exception set.
    pub from_view:
        unsafe extern "C" fn(view: *const ArrayView, keepalive: PyObjectPtr) -> PyObjectPtr,
}

/// The `oxarray:ufunc@1` interface (`OxUfuncVTable` in C).
#[repr(C)]
#[derive(Debug)]
pub struct UfuncVTable {
    /// [`crate::ABI_MAJOR`].
    pub abi_major: u16,
    /// [`crate::ABI_MINOR`].
    pub abi_minor: u16,
    /// `size_of::<UfuncVTable>()` of the provider.
    pub struct_size: u32,
    /// Call the ufunc named `name` (e.g. `"add"`) with `args` (a tuple of array-likes,
    /// anything `OxArray_GetView` accepts) and `kwargs` (may be null): a new reference to
    /// the result, or null with an exception set (`KeyError` for an unknown name).
    pub call: unsafe extern "C" fn(
        name: *const c_char,
        args: PyObjectPtr,
        kwargs: PyObjectPtr,
    ) -> PyObjectPtr,
}

/// What the type-carried path finds at offset `type.__basicsize__` of a type object whose
/// metaclass reserved room for it (`OxTypeExt` in C).
#[repr(C)]
#[derive(Debug)]
pub struct TypeExt {
    /// [`TYPE_EXT_MAGIC`] when the extension is in use.
    pub magic: u64,
    /// The type's slot table (may be null).
    pub table: *const crate::table::SlotTable,
}

/// `magic` of a [`TypeExt`] in use: the pre-hash of `"oxarray:type-ext@1"`.
pub const TYPE_EXT_MAGIC: u64 = crate::key::key_hash("oxarray:type-ext@1");

/// Name of the portable path's capsule in a type's own `__dict__`.
pub const CAPSULE_ATTR: &str = "__oxarray_slots__";
/// `PyCapsule` name of that capsule (the pointer is a `*const SlotTable`).
pub const CAPSULE_NAME: &std::ffi::CStr = c"oxarray.slots";

/// DLPack `DLDevice`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct DLDevice {
    /// `DLDeviceType`.
    pub device_type: i32,
    /// Device ordinal.
    pub device_id: i32,
}

/// DLPack `DLDataType`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct DLDataType {
    /// `DLDataTypeCode` (0 int, 1 uint, 2 float, 5 complex, 6 bool).
    pub code: u8,
    /// Bits per lane.
    pub bits: u8,
    /// Lanes (1).
    pub lanes: u16,
}

/// DLPack `DLTensor`.
#[repr(C)]
#[derive(Debug)]
pub struct DLTensor {
    /// Data pointer (before `byte_offset`).
    pub data: *mut c_void,
    /// Device.
    pub device: DLDevice,
    /// Number of dimensions.
    pub ndim: i32,
    /// Element type.
    pub dtype: DLDataType,
    /// Extents.
    pub shape: *mut i64,
    /// Strides in elements (null: C-contiguous).
    pub strides: *mut i64,
    /// Offset of element 0 from `data`, in bytes.
    pub byte_offset: u64,
}

/// DLPack `DLPackVersion`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct DLPackVersion {
    /// Major.
    pub major: u32,
    /// Minor.
    pub minor: u32,
}

/// DLPack `DLManagedTensorVersioned` (DLPack 1.0).
#[repr(C)]
#[derive(Debug)]
pub struct DLManagedTensorVersioned {
    /// The DLPack version this struct follows.
    pub version: DLPackVersion,
    /// Producer's context.
    pub manager_ctx: *mut c_void,
    /// Called by the consumer once done; frees the tensor and releases the memory.
    pub deleter: Option<unsafe extern "C" fn(*mut DLManagedTensorVersioned)>,
    /// `DLPACK_FLAG_BITMASK_*`.
    pub flags: u64,
    /// The tensor.
    pub dl_tensor: DLTensor,
}

/// DLPack flag: the tensor must not be written.
pub const DLPACK_FLAG_READ_ONLY: u64 = 1;
