//! A free list of object memory for classes that allocate their exact instances
//! themselves (`scalars.rs`, `ndarray/raw.rs`): a freed instance's block is kept for the
//! next instance instead of going back to `PyObject_Free`.

use std::cell::UnsafeCell;

use pyo3::ffi;

/// Up to `N` blocks of `PyObject_Malloc` memory of one size (the owner's `tp_basicsize`).
pub struct FreeList<const N: usize>(UnsafeCell<(usize, [*mut ffi::PyObject; N])>);

// SAFETY: only used while attached to the interpreter (abi3 builds run on GIL
// interpreters only, so the GIL serialises every access).
unsafe impl<const N: usize> Sync for FreeList<N> {}

impl<const N: usize> FreeList<N> {
    /// An empty list.
    pub const fn new() -> Self {
        Self(UnsafeCell::new((0, [std::ptr::null_mut(); N])))
    }

    /// A block of `size` bytes: a kept one or a new one (null when out of memory, with no
    /// exception set).
    ///
    /// # Safety
    /// Attached to the interpreter; `size` is the size every block of this list has.
    #[inline]
    pub unsafe fn take(&self, size: usize) -> *mut ffi::PyObject {
        // SAFETY: the GIL serialises the list (the caller is attached).
        unsafe {
            let (len, items) = &mut *self.0.get();
            if *len > 0 {
                *len -= 1;
                items[*len]
            } else {
                ffi::PyObject_Malloc(size).cast()
            }
        }
    }

    /// Keep the block of a deallocated instance, or free it when the list is full.
    ///
    /// # Safety
    /// Attached; `o` is a block of this list's size whose object is gone.
    #[inline]
    pub unsafe fn give(&self, o: *mut ffi::PyObject) {
        // SAFETY: as `take`.
        unsafe {
            let (len, items) = &mut *self.0.get();
            if *len < N {
                items[*len] = o;
                *len += 1;
            } else {
                ffi::PyObject_Free(o.cast());
            }
        }
    }
}
