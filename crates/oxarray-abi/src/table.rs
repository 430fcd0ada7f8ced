//! The perfect-hash slot table: build by hash-and-displace, look up without branching.
//!
//! The algorithm, in steps (the C header implements the same lookup and the same builder):
//!
//! 1. **Keys.** Every entry has a 64-bit pre-hash `h` (see [`crate::key`]). Keys are
//!    distinct and never 0 (0 marks an empty entry).
//! 2. **Shape of the table.** `n_entries` is a power of two, at least twice the number of
//!    keys (load at most 1/2, so that displacements are found fast); the displacement array
//!    `d` has `n_bins` entries, a power of two at least the number of keys.
//!    `m_f = n_entries - 1`, `m_g = n_bins - 1`.
//! 3. **Two hash functions from one pre-hash.** `f(h) = (h >> r) & m_f` picks a slot,
//!    `g(h) = h & m_g` picks a bin. `r` is chosen by the builder in `0..=64 - log2(n_entries)`
//!    and never equals 64, so no shift is ever by the word width (undefined in C).
//! 4. **Displace.** Keys are grouped into bins by `g`. Bins are placed largest first: for a
//!    bin, the builder searches the smallest `d` such that `f(h) ^ d` is a free slot for every
//!    key of the bin (XOR with `d < n_entries` permutes the slots, so keys of a bin that have
//!    distinct `f` land on distinct slots). Empty bins get `d = 0`. This is O(n) expected.
//! 5. **Retry, then grow.** If some bin holds two keys with the same `f`, or no `d` fits,
//!    the next `r` is tried; when every `r` fails, `n_entries` and `n_bins` double and the
//!    search restarts. Building therefore never fails for distinct non-zero keys (larger
//!    tables separate more bits), up to the `u16` limit of `d` (65,536 entries, far beyond
//!    any real table; the builder reports [`BuildError::TooLarge`] there).
//! 6. **Lookup.** `i = ((h >> r) & m_f) ^ d[h & m_g]`; then one full-key compare,
//!    `entries[i].key == h ? entries[i].value : NULL`, which compiles to a conditional move.
//!    A key that is present is always found at `i`; no probing, no branch on the hot path.

use std::ffi::c_void;

/// `magic` of every [`SlotTable`]: the pre-hash of `"oxarray:slot-table@1"`.
pub const TABLE_MAGIC: u64 = crate::key::key_hash("oxarray:slot-table@1");

/// One entry of the table: a key's pre-hash and the pointer it maps to.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlotEntry {
    /// The pre-hash; 0 for an empty entry.
    pub key: u64,
    /// The slot's value (a vtable), or null.
    pub value: *const c_void,
}

/// The table as C sees it (`OxSlotTable` in `oxarray.h`). Fields are only ever appended
/// (minor version), never reordered.
#[repr(C)]
#[derive(Debug)]
pub struct SlotTable {
    /// [`TABLE_MAGIC`].
    pub magic: u64,
    /// ABI major version of the table format ([`crate::ABI_MAJOR`]).
    pub abi_major: u16,
    /// ABI minor version of the table format ([`crate::ABI_MINOR`]).
    pub abi_minor: u16,
    /// Number of keys stored.
    pub n_keys: u32,
    /// Shift of `f`; always `< 64`.
    pub r: u64,
    /// `n_entries - 1`.
    pub m_f: u64,
    /// `n_bins - 1`.
    pub m_g: u64,
    /// Displacements, `m_g + 1` of them, each `<= m_f`.
    pub d: *const u16,
    /// Entries, `m_f + 1` of them.
    pub entries: *const SlotEntry,
}

// SAFETY: a `SlotTable` is immutable once built and only holds pointers to immutable
// arrays (owned by `OwnedTable` or static) and to vtables, which are immutable statics.
unsafe impl Sync for SlotTable {}
// SAFETY: as above.
unsafe impl Send for SlotTable {}

impl SlotTable {
    /// Look `key` up: the value stored under it, or null.
    ///
    /// Branch-free: one displacement load, one entry load, one compare (step 6).
    #[inline(always)]
    pub fn get(&self, key: u64) -> *const c_void {
        // SAFETY: the builder guarantees `d` has `m_g + 1` entries, each at most `m_f`, and
        // `entries` has `m_f + 1` entries; `r < 64`. So both indices are in bounds.
        unsafe {
            let i =
                ((key >> self.r) & self.m_f) ^ u64::from(*self.d.add((key & self.m_g) as usize));
            let e = &*self.entries.add(i as usize);
            if e.key == key {
                e.value
            } else {
                std::ptr::null()
            }
        }
    }

    /// Number of entries (`m_f + 1`).
    pub fn n_entries(&self) -> usize {
        self.m_f as usize + 1
    }
}

/// Why a table could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildError {
    /// Two entries have the same key (or two key strings share a pre-hash).
    DuplicateKey(u64),
    /// The key 0 is reserved for empty entries.
    ZeroKey,
    /// More than 32,768 keys (displacements are `u16`).
    TooLarge,
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::DuplicateKey(k) => write!(f, "duplicate slot key {k:#018x}"),
            BuildError::ZeroKey => write!(f, "slot key 0 is reserved"),
            BuildError::TooLarge => write!(f, "too many slot keys"),
        }
    }
}

impl std::error::Error for BuildError {}

/// A built table and the arrays it points to. The [`SlotTable`] header points into the
/// boxed arrays, which never move; keep the `OwnedTable` alive (or leak it) for as long as
/// the table is installed anywhere.
#[derive(Debug)]
pub struct OwnedTable {
    table: SlotTable,
    _d: Box<[u16]>,
    _entries: Box<[SlotEntry]>,
}

// SAFETY: see `SlotTable`; the boxes are never mutated after building.
unsafe impl Send for OwnedTable {}
// SAFETY: as above.
unsafe impl Sync for OwnedTable {}

impl OwnedTable {
    /// The table header, as installed on types.
    pub fn table(&self) -> &SlotTable {
        &self.table
    }
    /// Leak the table: it lives for the rest of the process.
    pub fn leak(self) -> &'static SlotTable {
        &Box::leak(Box::new(self)).table
    }
}

/// Largest number of entries (displacements must fit in `u16`).
const MAX_ENTRIES: usize = 1 << 16;

/// Build a table from `(key, value)` pairs (steps 2 to 5).
///
/// # Errors
/// [`BuildError`] for a duplicate or zero key, or more than 32,768 keys. Parameter search
/// itself never fails: the table grows instead.
pub fn build(items: &[(u64, *const c_void)]) -> Result<OwnedTable, BuildError> {
    let n = items.len();
    if items.iter().any(|&(k, _)| k == 0) {
        return Err(BuildError::ZeroKey);
    }
    let mut sorted: Vec<u64> = items.iter().map(|&(k, _)| k).collect();
    sorted.sort_unstable();
    if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
        return Err(BuildError::DuplicateKey(w[0]));
    }
    let mut n_bins = n.max(1).next_power_of_two();
    let mut n_entries = (2 * n).max(1).next_power_of_two();
    let mut scratch = Scratch::default();
    while n_entries <= MAX_ENTRIES {
        let log2 = n_entries.trailing_zeros() as u64;
        scratch.bin(items, n_bins);
        for r in 0..=(64 - log2).min(63) {
            if scratch.displace(items, r, n_entries) {
                let m_f = (n_entries - 1) as u64;
                let m_g = (n_bins - 1) as u64;
                let d = std::mem::take(&mut scratch.d);
                let mut entries = vec![
                    SlotEntry {
                        key: 0,
                        value: std::ptr::null(),
                    };
                    n_entries
                ];
                for &(k, v) in items {
                    let i = ((k >> r) & m_f) ^ u64::from(d[(k & m_g) as usize]);
                    entries[i as usize] = SlotEntry { key: k, value: v };
                }
                let d = d.into_boxed_slice();
                let entries = entries.into_boxed_slice();
                let table = SlotTable {
                    magic: TABLE_MAGIC,
                    abi_major: crate::ABI_MAJOR as u16,
                    abi_minor: crate::ABI_MINOR as u16,
                    n_keys: n as u32,
                    r,
                    m_f,
                    m_g,
                    d: d.as_ptr(),
                    entries: entries.as_ptr(),
                };
                return Ok(OwnedTable {
                    table,
                    _d: d,
                    _entries: entries,
                });
            }
        }
        n_entries *= 2;
        n_bins *= 2;
    }
    Err(BuildError::TooLarge)
}

/// Work arrays reused across attempts.
#[derive(Default)]
struct Scratch {
    /// Key indices sorted by bin.
    order: Vec<u32>,
    /// Start of each bin in `order` (`n_bins + 1` entries).
    start: Vec<u32>,
    /// Non-empty bins sorted by size, largest first.
    bins: Vec<u32>,
    /// Occupied slots.
    taken: Vec<bool>,
    /// Displacements of the current attempt.
    d: Vec<u16>,
}

impl Scratch {
    /// Group keys into bins by `g` (independent of `r`, so done once per table size).
    fn bin(&mut self, items: &[(u64, *const c_void)], n_bins: usize) {
        let m_g = (n_bins - 1) as u64;
        self.start.clear();
        self.start.resize(n_bins + 1, 0);
        for &(k, _) in items {
            self.start[(k & m_g) as usize + 1] += 1;
        }
        for b in 0..n_bins {
            self.start[b + 1] += self.start[b];
        }
        self.order.clear();
        self.order.resize(items.len(), 0);
        let mut fill: Vec<u32> = self.start[..n_bins].to_vec();
        for (i, &(k, _)) in items.iter().enumerate() {
            let b = (k & m_g) as usize;
            self.order[fill[b] as usize] = i as u32;
            fill[b] += 1;
        }
        let start = &self.start;
        self.bins.clear();
        self.bins
            .extend((0..n_bins as u32).filter(|&b| start[b as usize + 1] > start[b as usize]));
        self.bins.sort_unstable_by_key(|&b| {
            std::cmp::Reverse(start[b as usize + 1] - start[b as usize])
        });
        self.d.clear();
        self.d.resize(n_bins, 0);
    }

    /// Step 4 for one `r`: fills `self.d`, or returns false when this `r` does not work.
    fn displace(&mut self, items: &[(u64, *const c_void)], r: u64, n_entries: usize) -> bool {
        let m_f = (n_entries - 1) as u64;
        let f = |i: u32| (items[i as usize].0 >> r) & m_f;
        self.taken.clear();
        self.taken.resize(n_entries, false);
        self.d.iter_mut().for_each(|x| *x = 0);
        for &b in &self.bins {
            let keys =
                &self.order[self.start[b as usize] as usize..self.start[b as usize + 1] as usize];
            // Keys of one bin need distinct f, else no displacement separates them.
            for (x, &i) in keys.iter().enumerate() {
                if keys[..x].iter().any(|&j| f(j) == f(i)) {
                    return false;
                }
            }
            let taken = &self.taken;
            let Some(found) = (0..n_entries as u64)
                .find(|&dv| keys.iter().all(|&i| !taken[(f(i) ^ dv) as usize]))
            else {
                return false;
            };
            for &i in keys {
                self.taken[(f(i) ^ found) as usize] = true;
            }
            self.d[b as usize] = found as u16;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::key_hash_runtime;

    fn check(keys: &[u64]) -> OwnedTable {
        let items: Vec<(u64, *const c_void)> = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, (i + 1) as *const c_void))
            .collect();
        let t = build(&items).expect("build");
        let tab = t.table();
        assert!(tab.r < 64);
        assert!(tab.n_entries() >= 2 * keys.len());
        for (i, &k) in keys.iter().enumerate() {
            assert_eq!(tab.get(k), (i + 1) as *const c_void, "key {k:#x}");
        }
        for probe in 0..2000u64 {
            let k = key_hash_runtime(&format!("absent:{probe}@1"));
            if !keys.contains(&k) {
                assert!(tab.get(k).is_null());
            }
        }
        t
    }

    #[test]
    fn finds_every_key_and_no_other_for_1_to_256_keys() {
        for n in 0..=256 {
            let keys: Vec<u64> = (0..n)
                .map(|i| key_hash_runtime(&format!("test:k{i}@1")))
                .collect();
            check(&keys);
        }
    }

    #[test]
    fn adversarial_keys_grow_the_table_instead_of_failing() {
        // Keys equal in their low 40 bits: every one lands in the same bin until the bin
        // mask is very wide, so only r and growth can separate them.
        let keys: Vec<u64> = (1..=40u64).map(|i| (i << 40) | 0xAB_CDEF_0123).collect();
        check(&keys);
        // Keys differing only in their top bits.
        let keys: Vec<u64> = (1..=16u64).map(|i| (i << 59) | 1).collect();
        check(&keys);
    }

    #[test]
    fn empty_table_misses() {
        let t = build(&[]).unwrap();
        assert!(t.table().get(key_hash_runtime("oxarray:array@1")).is_null());
    }

    #[test]
    fn rejects_duplicates_and_zero() {
        let p = std::ptr::null();
        assert_eq!(
            build(&[(5, p), (5, p)]).unwrap_err(),
            BuildError::DuplicateKey(5)
        );
        assert_eq!(build(&[(0, p)]).unwrap_err(), BuildError::ZeroKey);
    }
}
