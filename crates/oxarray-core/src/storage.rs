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
        if let Some(raw) = small::take(len) {
            if zero {
                // SAFETY: `raw` holds at least `len` writable bytes (its size class).
                unsafe { raw.write_bytes(0, len) };
            }
            // SAFETY: a block of the size class of `len`, owned by nobody else now.
            let ptr = unsafe { NonNull::new_unchecked(raw) };
            return Ok(Storage {
                ptr,
                len,
                kind: Kind::Owned,
            });
        }
        let layout =
            Layout::from_size_align(small::alloc_len(len), ALIGN).map_err(|_| too_big())?;
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
            if self.len > 0 && !small::give(self.ptr.as_ptr(), self.len) {
                let layout = Layout::from_size_align(small::alloc_len(self.len), ALIGN)
                    .expect("laid out at alloc");
                // SAFETY: allocated in `alloc` with this exact layout, freed once here.
                unsafe { alloc::dealloc(self.ptr.as_ptr(), layout) };
            }
        }
    }
}

/// Recycling of small owned blocks, per thread (NumPy keeps such a cache of small data
/// buffers too): a 64-byte aligned allocation costs the system allocator several hundred
/// instructions, a small array's whole ufunc call about as much. Blocks up to
/// [`small::MAX`] bytes are allocated in 64-byte size classes and, when freed, kept (a few
/// per class) for the next allocation of their class on the freeing thread.
mod small {
    use std::alloc::{self, Layout};
    use std::cell::RefCell;

    use super::ALIGN;

    /// Largest recycled block.
    pub const MAX: usize = 1024;
    const CLASSES: usize = MAX / ALIGN;
    const DEPTH: usize = 8;

    struct Cache {
        blocks: [[*mut u8; DEPTH]; CLASSES],
        len: [u8; CLASSES],
    }

    impl Drop for Cache {
        fn drop(&mut self) {
            for (c, blocks) in self.blocks.iter().enumerate() {
                let layout =
                    Layout::from_size_align((c + 1) * ALIGN, ALIGN).expect("a small layout");
                for &b in &blocks[..self.len[c] as usize] {
                    // SAFETY: each block was allocated with its class's layout (`alloc_len`)
                    // and is owned by the cache alone.
                    unsafe { alloc::dealloc(b, layout) };
                }
            }
        }
    }

    thread_local! {
        static CACHE: RefCell<Cache> = const {
            RefCell::new(Cache {
                blocks: [[std::ptr::null_mut(); DEPTH]; CLASSES],
                len: [0; CLASSES],
            })
        };
    }

    /// The size actually allocated for `len` bytes (`len > 0`): its class's for small ones.
    #[inline]
    pub fn alloc_len(len: usize) -> usize {
        if len <= MAX {
            len.next_multiple_of(ALIGN)
        } else {
            len
        }
    }

    /// A recycled block for `len` bytes (`len > 0`), if one is at hand.
    #[inline]
    pub fn take(len: usize) -> Option<*mut u8> {
        if len > MAX {
            return None;
        }
        let c = len.div_ceil(ALIGN) - 1;
        CACHE
            .try_with(|cache| {
                let mut cache = cache.try_borrow_mut().ok()?;
                let n = cache.len[c] as usize;
                if n == 0 {
                    return None;
                }
                cache.len[c] -= 1;
                Some(cache.blocks[c][n - 1])
            })
            .ok()
            .flatten()
    }

    /// Keep the block `ptr` of `len` bytes (`len > 0`, allocated with `alloc_len(len)`) for
    /// reuse; false when it must be freed (too big, class full, thread exiting).
    #[inline]
    pub fn give(ptr: *mut u8, len: usize) -> bool {
        if len > MAX {
            return false;
        }
        let c = len.div_ceil(ALIGN) - 1;
        CACHE
            .try_with(|cache| {
                let Ok(mut cache) = cache.try_borrow_mut() else {
                    return false;
                };
                let n = cache.len[c] as usize;
                if n == DEPTH {
                    return false;
                }
                cache.blocks[c][n] = ptr;
                cache.len[c] += 1;
                true
            })
            .unwrap_or(false)
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

#[cfg(test)]
mod small_block_tests {
    use super::*;

    #[test]
    fn recycled_blocks_are_aligned_and_zeroed_on_request() {
        for len in [1usize, 8, 63, 64, 65, 1000, 1024, 1025, 5000] {
            // SAFETY: every byte is written before it is read.
            let a = unsafe { Storage::uninit(len) }.expect("alloc");
            // SAFETY: `a` holds `len` writable bytes.
            unsafe { a.as_ptr().write_bytes(0xab, len) };
            drop(a);
            let z = Storage::zeroed(len).expect("alloc");
            assert_eq!(z.as_ptr() as usize % ALIGN, 0);
            assert_eq!(z.len(), len);
            // SAFETY: `z` holds `len` initialised bytes.
            let bytes = unsafe { std::slice::from_raw_parts(z.as_ptr(), len) };
            assert!(bytes.iter().all(|&b| b == 0));
        }
    }
}
