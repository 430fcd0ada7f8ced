//! Buffers: who owns the memory an array views.
//!
//! A [`Storage`] is shared (through `Arc`) by every array that views it. It is either an
//! owned, 64-byte-aligned allocation, or foreign memory kept alive by a handle (a NumPy
//! array, a Python buffer, an mmapped file). Storage never moves or frees its memory while
//! any `Arc` to it exists, which is the "buffer outlives every view" half of the invariants
//! written at [`Array`](crate::Array).

use std::alloc::{self, Layout};
use std::any::Any;
use std::ptr::NonNull;

use crate::error::{Error, Result};

/// Alignment of owned allocations (a cache line; enough for every SIMD width we use).
pub const ALIGN: usize = 64;

/// Memory an array views.
pub struct Storage {
    ptr: NonNull<u8>,
    len: usize,
    kind: Kind,
}

enum Kind {
    Owned,
    Foreign {
        writeable: bool,
        _keepalive: Box<dyn Any + Send + Sync>,
    },
}

// SAFETY: `Storage` is a raw byte region. Arrays deliberately share it across views, as
// NumPy's do; writes through different views are the user's to order (like NumPy), and the
// core never holds Rust references into the region across calls. The keep-alive handle is
// itself `Send + Sync`.
unsafe impl Send for Storage {}
// SAFETY: see above.
unsafe impl Sync for Storage {}

impl Storage {
    /// Allocate `len` zeroed bytes, 64-byte aligned.
    ///
    /// # Errors
    /// `MemoryError` when the allocation fails; `ValueError` when `len` is too big to lay out.
    pub fn zeroed(len: usize) -> Result<Storage> {
        Self::alloc(len, true)
    }

    /// Allocate `len` uninitialised bytes, for results that are written completely before
    /// anyone sees them (copies, casts, gathers). Skips the zeroing (and, for memory the
    /// allocator reuses, the page faults of fresh zero pages).
    ///
    /// # Safety
    /// The caller writes every byte before reading it or handing the storage to anyone
    /// else (user-visible arrays never show stale data).
    ///
    /// # Errors
    /// As [`Storage::zeroed`].
    pub unsafe fn uninit(len: usize) -> Result<Storage> {
        Self::alloc(len, false)
    }

    fn alloc(len: usize, zero: bool) -> Result<Storage> {
        let too_big = || {
            Error::memory(format!(
                "Unable to allocate {} for an array",
                human_bytes(len)
            ))
        };
        if len > isize::MAX as usize - ALIGN {
            return Err(too_big());
        }
        if len == 0 {
            // A dangling, aligned, never-dereferenced pointer.
            let ptr = NonNull::new(ALIGN as *mut u8).expect("ALIGN is not zero");
            return Ok(Storage {
                ptr,
                len: 0,
                kind: Kind::Owned,
            });
        }
        let layout = Layout::from_size_align(len, ALIGN).map_err(|_| too_big())?;
        // SAFETY: the layout has non-zero size.
        let raw = unsafe {
            if zero {
                alloc::alloc_zeroed(layout)
            } else {
                alloc::alloc(layout)
            }
        };
        let ptr = NonNull::new(raw).ok_or_else(|| {
            Error::memory(format!(
                "Unable to allocate {} for an array",
                human_bytes(len)
            ))
        })?;
        advise_huge_pages(raw, len);
        Ok(Storage {
            ptr,
            len,
            kind: Kind::Owned,
        })
    }

    /// View foreign memory, kept alive by `keepalive` for as long as this storage lives.
    ///
    /// # Safety
    /// `ptr..ptr+len` must stay valid (readable, and writable when `writeable`) for as long
    /// as `keepalive` is alive, and must not be freed by anyone else meanwhile.
    pub unsafe fn foreign(
        ptr: *mut u8,
        len: usize,
        writeable: bool,
        keepalive: Box<dyn Any + Send + Sync>,
    ) -> Storage {
        let ptr = NonNull::new(ptr).unwrap_or(NonNull::dangling());
        Storage {
            ptr,
            len,
            kind: Kind::Foreign {
                writeable,
                _keepalive: keepalive,
            },
        }
    }

    /// Start of the region.
    pub fn as_ptr(&self) -> *mut u8 {
        self.ptr.as_ptr()
    }
    /// Length of the region in bytes.
    pub fn len(&self) -> usize {
        self.len
    }
    /// True for a zero-length region.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// True for memory oxarray allocated.
    pub fn is_owned(&self) -> bool {
        matches!(self.kind, Kind::Owned)
    }
    /// Whether the memory may be written at all.
    pub fn is_writeable(&self) -> bool {
        match self.kind {
            Kind::Owned => true,
            Kind::Foreign { writeable, .. } => writeable,
        }
    }
}

impl Drop for Storage {
    fn drop(&mut self) {
        if let Kind::Owned = self.kind {
            if self.len > 0 {
                let layout = Layout::from_size_align(self.len, ALIGN).expect("laid out at alloc");
                // SAFETY: allocated in `alloc` with this exact layout, freed once here.
                unsafe { alloc::dealloc(self.ptr.as_ptr(), layout) };
            }
        }
    }
}

/// Ask the kernel to back large allocations with huge pages (as NumPy does for >= 4 MiB):
/// one page fault per 2 MiB instead of per 4 KiB when the array is first written.
/// `ptr..ptr + len` should be one allocation of the caller's; the advice only changes how
/// the kernel backs those pages, never their contents, and a failure is ignored.
#[cfg(target_os = "linux")]
pub fn advise_huge_pages(ptr: *mut u8, len: usize) {
    const HUGE: usize = 1 << 21;
    if len < 4 << 20 {
        return;
    }
    let start = (ptr as usize).next_multiple_of(HUGE);
    let end = (ptr as usize + len) & !(HUGE - 1);
    if end > start {
        // SAFETY: [start, end) lies inside the allocation just made; madvise only changes
        // how the kernel backs it and never invalidates it. A failure is harmless.
        unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE) };
    }
}

/// No-op where huge-page advice is not available.
#[cfg(not(target_os = "linux"))]
pub fn advise_huge_pages(_ptr: *mut u8, _len: usize) {}

/// NumPy's human-readable size for allocation errors: three significant digits ("8.00 EiB",
/// "74.5 GiB", "512. MiB"), plain bytes below 1 KiB.
pub fn human_bytes(n: usize) -> String {
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let mut v = n as f64;
    let mut i = 0;
    while v >= 1023.5 && i + 1 < units.len() {
        v /= 1024.0;
        i += 1;
    }
    if i == 0 {
        format!("{n} bytes")
    } else if v < 10.0 {
        format!("{v:.2} {}", units[i])
    } else if v < 100.0 {
        format!("{v:.1} {}", units[i])
    } else {
        format!("{v:.0}. {}", units[i])
    }
}
