//! Output allocation for ufuncs.
//!
//! Outputs every element of which the loop writes (no `where` mask) come from
//! [`for_overwrite`] (uninitialised owned storage); the others from [`zeros`].
//!
//! `Storage::zeroed` asks for 64-byte aligned zeroed memory, which Rust's allocator serves
//! with `posix_memalign` + `memset` (it only uses `calloc` for alignments up to 16): a
//! large output then costs a full extra pass over memory before the loop writes it. Large
//! outputs (at least [`MMAP_THRESHOLD`] bytes, on Linux) therefore come straight from an
//! anonymous `mmap`, which the kernel hands out zeroed and page aligned, with NumPy's
//! huge-page advice. Such arrays view "foreign" storage (so `flags.owndata` reads False;
//! the memory is still unmapped when the last view goes).

use std::sync::Arc;

use crate::array::Array;
use crate::dtype::DType;
use crate::error::Result;
use crate::layout::{self, Order, Shape};
use crate::storage::Storage;

/// Outputs of at least this many bytes are mapped rather than allocated.
pub const MMAP_THRESHOLD: usize = 1 << 20;

/// A zeroed array of `shape` and `dtype` in C or F order (see the module docs).
///
/// # Errors
/// `MemoryError` when the memory cannot be had; `ValueError` when the size overflows.
pub fn zeros(shape: &[usize], dtype: DType, order: Order) -> Result<Array> {
    let n = layout::size_of_shape_checked(shape)?;
    let bytes = n.saturating_mul(dtype.itemsize);
    if bytes < MMAP_THRESHOLD || !dtype.ops.zero_is_zero_bytes() || bytes > isize::MAX as usize {
        return Array::zero_bytes(shape, dtype, order);
    }
    match map(bytes) {
        Some(storage) => {
            let strides = match order {
                Order::F => layout::f_strides(shape, dtype.itemsize),
                _ => layout::c_strides(shape, dtype.itemsize),
            };
            Array::from_parts(
                Arc::new(storage),
                0,
                Shape::from_slice(shape),
                strides,
                dtype,
                true,
            )
        }
        None => Array::zeros(shape, dtype, order),
    }
}

/// An array of `shape` and `dtype` in C or F order whose every element the caller will
/// write before anyone reads it (a ufunc output without a `where` mask): uninitialised
/// owned storage (`Array::uninit`), so no zeroing pass and, for memory the allocator
/// reuses, no fresh page faults (as NumPy's outputs).
///
/// # Safety
/// The caller writes every element before reading any or handing the array out (an
/// array abandoned on an error is dropped unseen).
///
/// # Errors
/// `MemoryError` when the memory cannot be had; `ValueError` when the size overflows.
pub unsafe fn for_overwrite(shape: &[usize], dtype: DType, order: Order) -> Result<Array> {
    if dtype.has_refs() {
        // Loops writing reference items replace what is there: start from empty items
        // (all-zero bytes; not the dtype's zero, which would be made and released for
        // every element).
        return Array::zero_bytes(shape, dtype, order);
    }
    // SAFETY: forwarded to the caller.
    unsafe { Array::uninit(shape, dtype, order) }
}

#[cfg(target_os = "linux")]
struct Mapping {
    ptr: *mut libc::c_void,
    len: usize,
}

// SAFETY: the mapping is a plain byte region owned by this value alone; it is only unmapped
// in `drop`, once, after every view (holding the `Storage` that owns this) is gone.
#[cfg(target_os = "linux")]
unsafe impl Send for Mapping {}
// SAFETY: see above.
#[cfg(target_os = "linux")]
unsafe impl Sync for Mapping {}

#[cfg(target_os = "linux")]
impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: `ptr`/`len` are exactly what mmap returned; unmapped once.
        unsafe { libc::munmap(self.ptr, self.len) };
    }
}

#[cfg(target_os = "linux")]
fn map(len: usize) -> Option<Storage> {
    // SAFETY: an anonymous private mapping has no preconditions; failure is checked.
    let ptr = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if ptr == libc::MAP_FAILED {
        return None;
    }
    // SAFETY: advice on our own fresh mapping; a failure is harmless.
    unsafe { libc::madvise(ptr, len, libc::MADV_HUGEPAGE) };
    let keep = Box::new(Mapping { ptr, len });
    // SAFETY: the mapping is readable and writable, `len` bytes long, and lives as long as
    // `keep`, which the storage holds.
    Some(unsafe { Storage::foreign(ptr as *mut u8, len, true, keep) })
}

#[cfg(not(target_os = "linux"))]
fn map(_len: usize) -> Option<Storage> {
    None
}
