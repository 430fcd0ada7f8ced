//! `Array` = storage + offset + layout + dtype.
//!
//! # For implementors: the invariants
//!
//! Every `Array` upholds, from construction to drop:
//!
//! 1. **In bounds.** For every index `i` with `i[k] < shape[k]`, the bytes
//!    `offset + sum(i[k] * strides[k]) .. + itemsize` lie inside `storage` (`0..len`).
//!    Constructors check this once ([`Array::from_parts`]); view-making methods preserve it
//!    by construction (slicing, transposing, broadcasting only select indices that exist).
//! 2. **Storage outlives views.** The storage is held by `Arc`, so memory is never freed
//!    while any view of it exists.
//! 3. **Writeable implies storage writeable.** `writeable` may only be true when the storage
//!    allows writes. Writes through an array check `writeable` first.
//!
//! Arrays alias each other's memory freely (that is the point of views), so the core never
//! forms `&`/`&mut` Rust references into array memory that outlive one element access; all
//! element access goes through raw pointers in the functions of this crate that say which
//! invariant they rely on.

use std::sync::Arc;

use crate::dtype::{DType, Scalar};
use crate::error::{Error, Result};
use crate::layout::{self, Order, Shape, Strides};
use crate::storage::Storage;

/// An N-dimensional strided view of typed memory.
pub struct Array {
    storage: Arc<Storage>,
    offset: isize,
    shape: Shape,
    strides: Strides,
    dtype: DType,
    writeable: bool,
}

/// By hand: `SmallVec`'s own `Clone` copies element by element through `extend` (it
/// cannot specialise on `Copy` on stable Rust), ~150 instructions per array; every call
/// clones its operands several times. `from_slice` is one `memcpy`.
impl Clone for Array {
    #[inline]
    fn clone(&self) -> Self {
        Array {
            storage: Arc::clone(&self.storage),
            offset: self.offset,
            shape: Shape::from_slice(&self.shape),
            strides: Strides::from_slice(&self.strides),
            dtype: self.dtype,
            writeable: self.writeable,
        }
    }
}

impl std::fmt::Debug for Array {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Array {{ shape: {}, strides: {:?}, dtype: {:?} }}",
            layout::fmt_shape(&self.shape),
            self.strides.as_slice(),
            self.dtype
        )
    }
}

impl Array {
    /// A new array of zeros (`order` C or F; A and K mean C here).
    ///
    /// # Errors
    /// `ValueError` when the size overflows, `MemoryError` when allocation fails.
    pub fn zeros(shape: &[usize], dtype: DType, order: Order) -> Result<Array> {
        let arr = Self::alloc(shape, dtype, order, true)?;
        if !dtype.ops.zero_is_zero_bytes() {
            arr.fill(&dtype.ops.zero())?;
        }
        Ok(arr)
    }

    /// A new array of all-zero bytes: zeros for the numbers, empty items (`None`) for
    /// dtypes whose items hold references (NumPy's `empty(dtype=object)`); for results
    /// that loops then overwrite item by item.
    ///
    /// # Errors
    /// As [`Array::zeros`].
    pub fn zero_bytes(shape: &[usize], dtype: DType, order: Order) -> Result<Array> {
        Self::alloc(shape, dtype, order, true)
    }

    /// A new array whose memory is not initialised, for results the caller overwrites
    /// completely (copies, casts, gathers).
    ///
    /// # Safety
    /// Every element must be written before it is read or the array is handed out.
    ///
    /// # Errors
    /// As [`Array::zeros`].
    ///
    /// Dtypes whose items hold references ([`crate::dtype::flags::HAS_REFS`]) are refused
    /// with a `TypeError`: the callers of this constructor move items as plain bytes, which
    /// would leave their references uncounted. Paths that handle such items allocate with
    /// [`Array::zeros`] and copy through [`crate::iter::copy_into`] (which counts them).
    pub unsafe fn uninit(shape: &[usize], dtype: DType, order: Order) -> Result<Array> {
        if dtype.has_refs() {
            return Err(unsupported_refs(dtype));
        }
        Self::alloc(shape, dtype, order, false)
    }

    /// A new array for results made by moving items as bytes from live arrays (gathers,
    /// joins, repeats): [`Array::uninit`] for plain dtypes; for dtypes whose items hold
    /// references, zeroed memory that owns nothing yet. The caller fills every element by
    /// byte copies of live items and then calls [`Array::adopt_moved_items`], which gives
    /// each copy its reference and makes the storage own them (dropping the array before
    /// that releases nothing, so an error half way is safe).
    ///
    /// # Safety
    /// As [`Array::uninit`]; and [`Array::adopt_moved_items`] must be called before the
    /// array is handed out.
    ///
    /// # Errors
    /// As [`Array::zeros`].
    pub unsafe fn for_moves(shape: &[usize], dtype: DType, order: Order) -> Result<Array> {
        Self::alloc_armed(shape, dtype, order, false, false)
    }

    /// [`Array::adopt_moved_items`], returning the array.
    pub fn adopted(self) -> Array {
        self.adopt_moved_items();
        self
    }

    /// Finish an array made by [`Array::for_moves`]: each item (a byte copy of a live
    /// item) takes its reference and the storage starts owning them. A no-op for plain
    /// dtypes.
    pub fn adopt_moved_items(&self) {
        if self.dtype.has_refs() {
            // SAFETY: every element is a byte copy of a live item (the caller's contract
            // with `for_moves`), inside the fresh storage.
            self.incref_items();
            self.storage.own_items(self.dtype);
        }
    }

    fn alloc(shape: &[usize], dtype: DType, order: Order, zero: bool) -> Result<Array> {
        Self::alloc_armed(shape, dtype, order, zero, true)
    }

    fn alloc_armed(
        shape: &[usize],
        dtype: DType,
        order: Order,
        zero: bool,
        armed: bool,
    ) -> Result<Array> {
        let bytes = layout::nbytes_checked(shape, dtype.itemsize)?;
        let storage = if zero || dtype.has_refs() {
            Storage::zeroed(bytes)
        } else {
            // SAFETY: forwarded to the caller of `uninit` (every element gets written).
            unsafe { Storage::uninit(bytes) }
        };
        let storage = storage.map_err(|e| {
            if e.kind() == crate::error::ErrorKind::Memory {
                Error::memory(format!(
                    "Unable to allocate {} for an array with shape {} and data type {}",
                    crate::storage::human_bytes(bytes),
                    layout::fmt_shape(shape),
                    dtype
                ))
            } else {
                e
            }
        })?;
        let strides = if bytes == 0 && shape.contains(&0) {
            // NumPy 2 gives fresh empty arrays all-zero strides.
            Strides::from_elem(0, shape.len())
        } else {
            match order {
                Order::F => layout::f_strides(shape, dtype.itemsize),
                _ => layout::c_strides(shape, dtype.itemsize),
            }
        };
        if dtype.has_refs() && armed {
            storage.own_items(dtype);
        }
        let arr = Array {
            storage: Arc::new(storage),
            offset: 0,
            shape: Shape::from_slice(shape),
            strides,
            dtype,
            writeable: true,
        };
        Ok(arr)
    }

    /// A new array with every element set to `value` (cast to `dtype`).
    ///
    /// # Errors
    /// As [`Array::zeros`], plus when `value` cannot be stored.
    pub fn full(shape: &[usize], dtype: DType, value: &Scalar, order: Order) -> Result<Array> {
        let arr = Array::zeros(shape, dtype, order)?;
        arr.fill(value)?;
        Ok(arr)
    }

    /// An array over existing storage, checking invariant 1 and 3.
    ///
    /// # Errors
    /// `ValueError` when the layout reaches outside the storage, or `writeable` is asked of
    /// read-only storage.
    pub fn from_parts(
        storage: Arc<Storage>,
        offset: isize,
        shape: Shape,
        strides: Strides,
        dtype: DType,
        writeable: bool,
    ) -> Result<Array> {
        if shape.len() != strides.len() {
            return Err(Error::value("shape and strides must have the same length"));
        }
        layout::size_of_shape_checked(&shape)?;
        let (lo, hi) = layout::byte_extent(&shape, &strides, dtype.itemsize);
        let empty = shape.contains(&0);
        if !empty && (offset + lo < 0 || offset + hi > storage.len() as isize) {
            return Err(Error::value(
                "the requested layout reaches outside the memory of the buffer",
            ));
        }
        if writeable && !storage.is_writeable() {
            return Err(Error::value(
                "cannot make a writeable array over read-only memory",
            ));
        }
        Ok(Array {
            storage,
            offset,
            shape,
            strides,
            dtype,
            writeable,
        })
    }

    /// A view of the same memory with a new layout.
    ///
    /// # Safety
    /// The new layout must satisfy invariant 1 for this array's storage: every index of
    /// `shape` must land, with `strides` from `self.offset + offset_delta`, inside memory
    /// that this array may address.
    pub unsafe fn view_unchecked(
        &self,
        offset_delta: isize,
        shape: Shape,
        strides: Strides,
    ) -> Array {
        debug_assert!({
            let (lo, hi) = layout::byte_extent(&shape, &strides, self.dtype.itemsize);
            let off = self.offset + offset_delta;
            shape.contains(&0) || (off + lo >= 0 && off + hi <= self.storage.len() as isize)
        });
        Array {
            storage: self.storage.clone(),
            offset: self.offset + offset_delta,
            shape,
            strides,
            dtype: self.dtype,
            writeable: self.writeable,
        }
    }

    /// The same memory and layout seen as another dtype of the same itemsize.
    ///
    /// # Errors
    /// `ValueError` when the itemsizes differ (a view that changes the item size needs
    /// [`crate::ops::view_as`]).
    pub fn with_dtype(&self, dtype: DType) -> Result<Array> {
        if dtype.itemsize != self.dtype.itemsize {
            return Err(Error::value("with_dtype needs the same itemsize"));
        }
        let mut v = self.clone();
        v.dtype = dtype;
        Ok(v)
    }

    /// The shape.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }
    /// The strides in bytes.
    pub fn strides(&self) -> &[isize] {
        &self.strides
    }
    /// The dtype.
    pub fn dtype(&self) -> DType {
        self.dtype
    }
    /// Number of dimensions.
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }
    /// Number of elements.
    pub fn size(&self) -> usize {
        layout::size_of_shape(&self.shape)
    }
    /// Bytes of one element.
    pub fn itemsize(&self) -> usize {
        self.dtype.itemsize
    }
    /// `size * itemsize`.
    pub fn nbytes(&self) -> usize {
        self.size() * self.itemsize()
    }
    /// The storage shared by all views.
    pub fn storage(&self) -> &Arc<Storage> {
        &self.storage
    }
    /// Byte offset of element `[0, ..., 0]` in the storage.
    pub fn offset(&self) -> isize {
        self.offset
    }
    /// Pointer to element `[0, ..., 0]`.
    pub fn data_ptr(&self) -> *mut u8 {
        // wrapping_offset: for empty arrays the offset may point at the end of the storage.
        self.storage.as_ptr().wrapping_offset(self.offset)
    }
    /// Whether writes are allowed.
    pub fn is_writeable(&self) -> bool {
        self.writeable
    }
    /// Allow or forbid writes through this array.
    ///
    /// # Errors
    /// `ValueError` when asked to allow writes to read-only memory.
    pub fn set_writeable(&mut self, w: bool) -> Result<()> {
        if w && !self.storage.is_writeable() {
            return Err(Error::value(
                "cannot set WRITEABLE flag to True of this array",
            ));
        }
        self.writeable = w;
        Ok(())
    }
    /// C-contiguous (NumPy's definition).
    pub fn is_c_contiguous(&self) -> bool {
        layout::is_c_contiguous(&self.shape, &self.strides, self.itemsize())
    }
    /// Fortran-contiguous (NumPy's definition).
    pub fn is_f_contiguous(&self) -> bool {
        layout::is_f_contiguous(&self.shape, &self.strides, self.itemsize())
    }
    /// Data pointer and every stride are multiples of the dtype's alignment.
    pub fn is_aligned(&self) -> bool {
        let a = self.dtype.alignment.max(1);
        if self.size() == 0 {
            return true;
        }
        if a.is_power_of_two() {
            // A mask, not a division (alignments are powers of two; `%` by a run-time
            // value is an integer division per operand and stride on every call).
            let m = a - 1;
            return (self.data_ptr() as usize) & m == 0
                && self
                    .strides
                    .iter()
                    .zip(&self.shape)
                    .all(|(&s, &n)| n == 1 || (s as usize) & m == 0);
        }
        (self.data_ptr() as usize) % a == 0
            && self
                .strides
                .iter()
                .zip(&self.shape)
                .all(|(&s, &n)| n == 1 || s.rem_euclid(a as isize) == 0)
    }

    /// Reorder the axes in place: axis `k` becomes the old axis `perm[k]`. The same view
    /// as [`crate::ops::permute_dims`] gives, without building a new array.
    ///
    /// # Errors
    /// `ValueError` when `perm` is not a permutation of the axes, `AxisError` for an axis
    /// out of range (as `permute_dims`).
    pub fn permute_axes_in_place(&mut self, perm: &[usize]) -> Result<()> {
        let nd = self.shape.len();
        if perm.len() != nd {
            return Err(Error::value("axes don't match array"));
        }
        if nd <= 8 {
            // The common case without heap or `SmallVec` bookkeeping: a bit set, and the
            // old layout on the stack.
            let mut seen = 0u32;
            for &ax in perm {
                if ax >= nd {
                    return Err(Error::axis(ax as isize, nd));
                }
                if seen & (1 << ax) != 0 {
                    return Err(Error::value("repeated axis in transpose"));
                }
                seen |= 1 << ax;
            }
            let mut shape = [0usize; 8];
            let mut strides = [0isize; 8];
            shape[..nd].copy_from_slice(&self.shape);
            strides[..nd].copy_from_slice(&self.strides);
            for (k, &p) in perm.iter().enumerate() {
                self.shape[k] = shape[p];
                self.strides[k] = strides[p];
            }
            return Ok(());
        }
        let mut seen: smallvec::SmallVec<[bool; 8]> = smallvec::smallvec![false; nd];
        for &ax in perm {
            if ax >= nd {
                return Err(Error::axis(ax as isize, nd));
            }
            if std::mem::replace(&mut seen[ax], true) {
                return Err(Error::value("repeated axis in transpose"));
            }
        }
        let shape: smallvec::SmallVec<[usize; 8]> = smallvec::SmallVec::from_slice(&self.shape);
        let strides: smallvec::SmallVec<[isize; 8]> = smallvec::SmallVec::from_slice(&self.strides);
        // A permutation of (shape, stride) pairs addresses the same elements (invariant 1
        // holds as before).
        for (k, &p) in perm.iter().enumerate() {
            self.shape[k] = shape[p];
            self.strides[k] = strides[p];
        }
        Ok(())
    }

    /// Move axis `from` to the end in place, keeping the order of the others (the view
    /// `moveaxis(a, from, -1)` gives). Nothing to validate: `from` must be in range.
    ///
    /// # Panics
    /// When `from >= ndim`.
    #[inline]
    pub fn move_axis_to_end(&mut self, from: usize) {
        // A permutation of (shape, stride) pairs addresses the same elements. By hand:
        // `rotate_left` is a general algorithm, several times the cost for a few axes.
        let last = self.shape.len() - 1;
        let (n, s) = (self.shape[from], self.strides[from]);
        for k in from..last {
            self.shape[k] = self.shape[k + 1];
            self.strides[k] = self.strides[k + 1];
        }
        self.shape[last] = n;
        self.strides[last] = s;
    }

    /// The inverse of [`Array::move_axis_to_end`]: the last axis moves to position `to`.
    ///
    /// # Panics
    /// When `to >= ndim`.
    #[inline]
    pub fn move_last_axis_to(&mut self, to: usize) {
        let last = self.shape.len() - 1;
        assert!(to <= last, "axis out of range");
        let (n, s) = (self.shape[last], self.strides[last]);
        for k in (to..last).rev() {
            self.shape[k + 1] = self.shape[k];
            self.strides[k + 1] = self.strides[k];
        }
        self.shape[to] = n;
        self.strides[to] = s;
    }

    /// Append `k` length-one axes to a C-contiguous array in place, with the strides a
    /// reshape gives them (C strides of the new shape: the trailing axes get the item
    /// size, the others keep theirs). `false` (nothing done) when the array is not
    /// C-contiguous.
    pub fn append_unit_axes_c(&mut self, k: usize) -> bool {
        if !self.is_c_contiguous() {
            return false;
        }
        self.shape.extend(std::iter::repeat_n(1, k));
        self.strides = layout::c_strides(&self.shape, self.dtype.itemsize);
        true
    }

    /// Fail with NumPy's message when the array is read-only.
    ///
    /// # Errors
    /// `ValueError("assignment destination is read-only")`.
    pub fn check_writeable(&self) -> Result<()> {
        if self.writeable {
            Ok(())
        } else {
            Err(Error::value("assignment destination is read-only"))
        }
    }

    /// Pointer to the element at `index` (already checked to be in range).
    ///
    /// # Panics
    /// In debug builds, when `index` is out of range.
    pub fn ptr_at(&self, index: &[usize]) -> *mut u8 {
        debug_assert!(
            index.len() == self.ndim() && index.iter().zip(&self.shape).all(|(i, n)| i < n)
        );
        let off: isize = index
            .iter()
            .zip(&self.strides)
            .map(|(&i, &s)| i as isize * s)
            .sum();
        self.data_ptr().wrapping_offset(off)
    }

    /// Read the element at `index` (in range).
    pub fn get(&self, index: &[usize]) -> Scalar {
        assert!(index.len() == self.ndim() && index.iter().zip(&self.shape).all(|(i, n)| i < n));
        // SAFETY: invariant 1: an in-range index points at an element inside the storage.
        unsafe { self.dtype.get(self.ptr_at(index)) }
    }

    /// Read the only element of a size-1 array.
    ///
    /// # Errors
    /// `ValueError` when the size is not 1 (NumPy's `item()` wording).
    pub fn item(&self) -> Result<Scalar> {
        if self.size() != 1 {
            return Err(Error::value(
                "can only convert an array of size 1 to a Python scalar",
            ));
        }
        // SAFETY: invariant 1, size 1: element [0,...,0] is inside the storage.
        Ok(unsafe { self.dtype.get(self.data_ptr()) })
    }

    /// Write `value` to the element at `index` (in range).
    ///
    /// # Errors
    /// Read-only array, or a value the dtype cannot hold.
    pub fn set(&self, index: &[usize], value: &Scalar) -> Result<()> {
        assert!(index.len() == self.ndim() && index.iter().zip(&self.shape).all(|(i, n)| i < n));
        self.check_writeable()?;
        // SAFETY: invariant 1 (in range) and 3 (writeable storage).
        unsafe { self.dtype.set(self.ptr_at(index), value) }
    }

    /// Set every element to `value`.
    ///
    /// # Errors
    /// Read-only array, or a value the dtype cannot hold.
    pub fn fill(&self, value: &Scalar) -> Result<()> {
        self.check_writeable()?;
        let isz = self.itemsize();
        let mut one: smallvec::SmallVec<[u8; 64]> = smallvec::smallvec![0u8; isz];
        // SAFETY: `one` has room for one element (zero bytes: a valid empty item).
        unsafe { self.dtype.set(one.as_mut_ptr(), value)? };
        if self.dtype.has_refs() {
            // Release the old items, write byte copies of the new one, and give each copy
            // its reference; the temporary's own reference goes last.
            self.clear_items();
            crate::iter::fill_bytes(self, &one[..isz]);
            // The items are now byte copies of the live item in `one`.
            self.incref_items();
            // SAFETY: `one` holds one item owned here.
            unsafe { self.dtype.clear(one.as_mut_ptr(), 0, 1) };
        } else {
            crate::iter::fill_bytes(self, &one[..isz]);
        }
        Ok(())
    }

    /// Take one reference for every element (byte copies of live items of a
    /// [`crate::dtype::flags::HAS_REFS`] dtype), a run at a time (one attachment to the
    /// interpreter per run, not per item).
    pub(crate) fn incref_items(&self) {
        let dt = self.dtype;
        crate::iter::for_each_run(
            self.shape(),
            [self.data_ptr()],
            [self.strides()],
            // SAFETY: runs of this array's elements, valid items by the caller's contract.
            |[p], [s], n| unsafe { dt.incref(p, s, n) },
        );
    }

    /// Release every element's references and leave empty items, a run at a time.
    pub(crate) fn clear_items(&self) {
        let dt = self.dtype;
        crate::iter::for_each_run(
            self.shape(),
            [self.data_ptr()],
            [self.strides()],
            // SAFETY: runs of this (writeable) array's elements, items it owns.
            |[p], [s], n| unsafe { dt.clear(p, s, n) },
        );
    }

    /// Visit every element's pointer in C (row-major) order.
    pub fn for_each_ptr(&self, mut f: impl FnMut(*mut u8)) {
        if self.size() == 0 {
            return;
        }
        let nd = self.ndim();
        let mut idx = vec![0usize; nd];
        let mut ptr = self.data_ptr();
        loop {
            f(ptr);
            // Odometer step.
            let mut k = nd;
            loop {
                if k == 0 {
                    return;
                }
                k -= 1;
                idx[k] += 1;
                ptr = ptr.wrapping_offset(self.strides[k]);
                if idx[k] < self.shape[k] {
                    break;
                }
                ptr = ptr.wrapping_offset(-(self.strides[k] * self.shape[k] as isize));
                idx[k] = 0;
            }
        }
    }

    /// True when `self` and `other` may touch the same bytes (a conservative test on the
    /// byte extents, like NumPy's `may_share_memory`).
    pub fn may_share_memory(&self, other: &Array) -> bool {
        if self.size() == 0 || other.size() == 0 {
            return false;
        }
        if !Arc::ptr_eq(&self.storage, &other.storage)
            && self.storage.as_ptr() != other.storage.as_ptr()
        {
            // Different storages can still alias (two foreign views of one buffer): compare
            // absolute address ranges.
            let (a0, a1) = self.abs_extent();
            let (b0, b1) = other.abs_extent();
            return a0 < b1 && b0 < a1;
        }
        let (a0, a1) = self.abs_extent();
        let (b0, b1) = other.abs_extent();
        a0 < b1 && b0 < a1
    }

    fn abs_extent(&self) -> (usize, usize) {
        let (lo, hi) = layout::byte_extent(&self.shape, &self.strides, self.itemsize());
        let base = self.data_ptr() as isize;
        ((base + lo) as usize, (base + hi) as usize)
    }
}

/// The error of byte-moving paths given a dtype whose items hold references.
pub(crate) fn unsupported_refs(dtype: DType) -> Error {
    Error::type_(format!(
        "this operation is not supported for arrays of dtype {dtype} yet (its items hold \
         references)"
    ))
}
