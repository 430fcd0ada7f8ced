//! oxarray's C-level ABI.
//!
//! This crate will hold the perfect-hash custom-slot table and the `repr(C)` view structs
//! that `include/oxarray.h` mirrors (see `shared/DESIGN.md`, idea 4). For now it only
//! re-exports the ABI version so that the crate graph of the workspace is in place.

/// Major version of the C ABI; bumped only on incompatible changes.
pub const ABI_MAJOR: u32 = 1;
/// Minor version of the C ABI; bumped when fields are appended.
pub const ABI_MINOR: u32 = 0;

#[cfg(test)]
mod tests {
    #[test]
    fn abi_version_is_one() {
        assert_eq!(super::ABI_MAJOR, 1);
    }
}
