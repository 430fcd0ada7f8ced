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

use crate::dtype::DType;
use crate::error::{Error, Result};

/// Alignment of owned allocations (a cache line; enough for every SIMD width we use).
pub const ALIGN: usize = 64;

/// Memory an array views.
pub struct Storage {
    ptr: NonNull<u8>,
    len: usize,
    kind: Kind,
    /// The dtype whose items this storage owns, when they hold references
    /// ([`crate::dtype::flags::HAS_REFS`]): dropping the storage releases them.
    items: Option<DType>,
}

enum Kind {
    /// Rust's global allocator, layout `(small::block_size(len), ALIGN)`.
    Owned,
    /// A large block (see [`large`]): `base` is the allocation to free, `cap` the usable
    /// bytes it was made (or last kept) for, at least `len`.
    Large { base: NonNull<u8>, cap: usize },
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
                items: None,
            });
        }
        if let Some(raw) = small::take(len) {
            if zero {
                // SAFETY: a cached block of at least `len` writable bytes.
                unsafe { std::ptr::write_bytes(raw, 0, len) };
            }
            // SAFETY: non-null (it came from the allocator).
            let ptr = unsafe { NonNull::new_unchecked(raw) };
            return Ok(Storage {
                ptr,
                len,
                kind: Kind::Owned,
                items: None,
            });
        }
        if len > small::MAX {
            let (base, ptr, cap) = large::alloc(len, zero).ok_or_else(too_big)?;
            return Ok(Storage {
                ptr,
                len,
                kind: Kind::Large { base, cap },
                items: None,
            });
        }
        let layout =
            Layout::from_size_align(small::block_size(len), ALIGN).map_err(|_| too_big())?;
        // SAFETY: the layout has non-zero size.
        let raw = unsafe {
            if zero {
                alloc::alloc_zeroed(layout)
            } else {
                alloc::alloc(layout)
            }
        };
        let ptr = NonNull::new(raw).ok_or_else(too_big)?;
        advise_huge_pages(raw, len);
        Ok(Storage {
            ptr,
            len,
            kind: Kind::Owned,
            items: None,
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
            items: None,
        }
    }

    /// Make this (zero-filled, owned) storage the owner of items of `dtype`, a
    /// [`crate::dtype::flags::HAS_REFS`] dtype: on drop, every item's references are
    /// released. All-zero bytes are empty items, so the storage may be filled gradually.
    pub(crate) fn own_items(&mut self, dtype: DType) {
        debug_assert!(self.is_owned());
        self.items = Some(dtype);
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
        !matches!(self.kind, Kind::Foreign { .. })
    }
    /// Whether the memory may be written at all.
    pub fn is_writeable(&self) -> bool {
        match self.kind {
            Kind::Foreign { writeable, .. } => writeable,
            _ => true,
        }
    }
}

impl Drop for Storage {
    fn drop(&mut self) {
        if let Some(dt) = self.items {
            let n = self.len / dt.itemsize.max(1);
            // SAFETY: the storage owns `n` contiguous items of `dt` (see `own_items`); no
            // array views it any more.
            unsafe { dt.clear(self.ptr.as_ptr(), dt.itemsize as isize, n) };
        }
        if let Kind::Large { base, cap } = self.kind {
            // SAFETY: made by `large::alloc` with `cap` bytes at `ptr`, released once here.
            unsafe { large::free(base, self.ptr, cap) };
            return;
        }
        if let Kind::Owned = self.kind {
            if self.len > 0 && !small::give(self.ptr.as_ptr(), self.len) {
                let layout = Layout::from_size_align(small::block_size(self.len), ALIGN)
                    .expect("laid out at alloc");
                // SAFETY: allocated in `alloc` with this exact layout, freed once here.
                unsafe { alloc::dealloc(self.ptr.as_ptr(), layout) };
            }
        }
    }
}

/// A per-thread cache of small owned blocks (NumPy's `npy_alloc_cache` for data below
/// 1 KiB): creating and dropping many small arrays then costs no `posix_memalign`/`free`.
///
/// Blocks of up to [`small::MAX`] bytes are allocated rounded up to a multiple of
/// [`ALIGN`] (their size class), so a cached block of a class serves any length of that
/// class, and a block freed on another thread than the one that made it simply joins that
/// thread's cache (all blocks come from the one global allocator with the same layout).
mod small {
    use std::alloc::{self, Layout};
    use std::cell::RefCell;

    use super::ALIGN;

    /// Largest cached length.
    pub const MAX: usize = 1024;
    const CLASSES: usize = MAX / ALIGN;
    const DEPTH: usize = 8;

    struct Cache {
        blocks: [[*mut u8; DEPTH]; CLASSES],
        lens: [u8; CLASSES],
    }

    impl Drop for Cache {
        fn drop(&mut self) {
            for (class, &n) in self.lens.iter().enumerate() {
                for &p in &self.blocks[class][..n as usize] {
                    let layout =
                        Layout::from_size_align((class + 1) * ALIGN, ALIGN).expect("a size class");
                    // SAFETY: every cached block was allocated with its class's layout
                    // (`block_size`) and is owned by the cache alone.
                    unsafe { alloc::dealloc(p, layout) };
                }
            }
        }
    }

    thread_local! {
        static CACHE: RefCell<Cache> = const {
            RefCell::new(Cache {
                blocks: [[std::ptr::null_mut(); DEPTH]; CLASSES],
                lens: [0; CLASSES],
            })
        };
    }

    /// The size the allocator is asked for: the class size for small lengths.
    pub fn block_size(len: usize) -> usize {
        if len <= MAX {
            len.next_multiple_of(ALIGN)
        } else {
            len
        }
    }

    /// A cached block for `len` (1..=MAX) bytes, if one is free.
    pub fn take(len: usize) -> Option<*mut u8> {
        if len == 0 || len > MAX {
            return None;
        }
        let class = (len - 1) / ALIGN;
        CACHE
            .try_with(|c| {
                let mut c = c.try_borrow_mut().ok()?;
                let n = c.lens[class];
                if n == 0 {
                    return None;
                }
                c.lens[class] = n - 1;
                Some(c.blocks[class][n as usize - 1])
            })
            .ok()
            .flatten()
    }

    /// Keep the block `p` of `len` bytes for reuse; `false` when the cache is full (or the
    /// thread is exiting) and the caller must free it.
    pub fn give(p: *mut u8, len: usize) -> bool {
        if len == 0 || len > MAX {
            return false;
        }
        let class = (len - 1) / ALIGN;
        CACHE
            .try_with(|c| {
                let Ok(mut c) = c.try_borrow_mut() else {
                    return false;
                };
                let n = c.lens[class] as usize;
                if n == DEPTH {
                    return false;
                }
                c.blocks[class][n] = p;
                c.lens[class] = n as u8 + 1;
                true
            })
            .unwrap_or(false)
    }
}

/// Allocations above [`small::MAX`] bytes: asked of the global allocator at 16-byte
/// alignment and aligned up to [`ALIGN`] by hand, because at an alignment of at most 16
/// Rust's system allocator is `malloc`/`calloc`, as NumPy's data allocations are. `calloc`
/// does not write memory the C library maps fresh, so its pages are faulted in at the
/// first write, as huge pages after [`advise_huge_pages`]; Rust's `alloc_zeroed` at
/// 64-byte alignment is `posix_memalign` + `memset`, which faults every page in as a
/// 4 KiB page before the advice can apply (every later pass over such an array then pays
/// TLB misses).
///
/// The most recently freed blocks of at least [`large::KEEP_MIN`] bytes are kept for
/// reuse (at most [`large::KEEP_BLOCKS`] of them, [`large::KEEP_BYTES`] in all, the
/// oldest evicted first), as allocators such as jemalloc keep freed memory: the C
/// library returns blocks this big to the kernel at once, so every large temporary
/// (`a + b`, `a.copy()`, `astype`) would otherwise fault in and zero all its pages
/// again, which costs more than the work itself. A reused
/// block is already faulted in; a zeroed request clears it with `memset`.
mod large {
    use std::alloc::{self, Layout};
    use std::ptr::NonNull;
    use std::sync::Mutex;

    use super::{advise_huge_pages, ALIGN};

    /// Smallest block kept for reuse (below it the C library reuses its own heap).
    pub const KEEP_MIN: usize = 4 << 20;
    /// Most blocks kept.
    pub const KEEP_BLOCKS: usize = 4;
    /// Most bytes kept in all.
    pub const KEEP_BYTES: usize = 256 << 20;
    /// Alignment asked of the allocator (`malloc`'s own).
    const BASE_ALIGN: usize = 16;

    /// A kept block: the allocation, the aligned start, usable bytes from it.
    struct Kept {
        base: usize,
        ptr: usize,
        cap: usize,
    }

    static KEPT: Mutex<Vec<Kept>> = Mutex::new(Vec::new());

    fn layout(len: usize) -> Option<Layout> {
        Layout::from_size_align(len.checked_add(ALIGN - BASE_ALIGN)?, BASE_ALIGN).ok()
    }

    /// Take the most recently kept block of at least `len` and at most `len + len / 4`
    /// bytes.
    fn reuse(len: usize) -> Option<Kept> {
        let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
        let i = kept
            .iter()
            .rposition(|k| k.cap >= len && k.cap - len <= len / 4)?;
        Some(kept.remove(i))
    }

    /// `(base, aligned start, capacity)` of a block of at least `len` bytes (the first
    /// `len` zeroed when `zero`).
    pub fn alloc(len: usize, zero: bool) -> Option<(NonNull<u8>, NonNull<u8>, usize)> {
        if len >= KEEP_MIN {
            if let Some(k) = reuse(len) {
                if zero {
                    // SAFETY: a kept block has `cap >= len` writable bytes from `ptr`.
                    unsafe { std::ptr::write_bytes(k.ptr as *mut u8, 0, len) };
                }
                return Some((
                    NonNull::new(k.base as *mut u8)?,
                    NonNull::new(k.ptr as *mut u8)?,
                    k.cap,
                ));
            }
        }
        let layout = layout(len)?;
        // SAFETY: the layout has non-zero size; a null result is handled below.
        let base = unsafe {
            if zero {
                alloc::alloc_zeroed(layout)
            } else {
                alloc::alloc(layout)
            }
        };
        let base = NonNull::new(base)?;
        let off = (base.as_ptr() as usize).next_multiple_of(ALIGN) - base.as_ptr() as usize;
        // SAFETY: `off <= ALIGN - BASE_ALIGN` (the base is 16-aligned), so
        // `base + off .. + len` lies inside the block just allocated.
        let ptr = unsafe { base.as_ptr().add(off) };
        advise_huge_pages(ptr, len);
        Some((base, NonNull::new(ptr)?, len))
    }

    /// Release a block made by [`alloc`] with capacity `len` at `ptr`.
    ///
    /// # Safety
    /// `base`/`ptr`/`len` are what one [`alloc`] call returned, released once; nothing
    /// uses the memory afterwards.
    pub unsafe fn free(base: NonNull<u8>, ptr: NonNull<u8>, len: usize) {
        if (KEEP_MIN..=KEEP_BYTES).contains(&len) {
            // Keep the newest blocks: evict the oldest beyond the limits (so blocks of
            // sizes no longer asked for do not hold the cache).
            let mut evicted: Vec<Kept> = Vec::new();
            {
                let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
                kept.push(Kept {
                    base: base.as_ptr() as usize,
                    ptr: ptr.as_ptr() as usize,
                    cap: len,
                });
                while kept.len() > KEEP_BLOCKS
                    || kept.iter().map(|k| k.cap).sum::<usize>() > KEEP_BYTES
                {
                    evicted.push(kept.remove(0));
                }
            }
            for k in evicted {
                let layout = layout(k.cap).expect("laid out at alloc");
                // SAFETY: a kept block was allocated in `alloc` with the layout of its
                // capacity and is owned by the cache alone.
                unsafe { alloc::dealloc(k.base as *mut u8, layout) };
            }
            return;
        }
        let layout = layout(len).expect("laid out at alloc");
        // SAFETY: allocated in `alloc` with this exact layout, freed once (the caller's
        // contract).
        unsafe { alloc::dealloc(base.as_ptr(), layout) };
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
