//! NumPy's unstructured void dtype `V<n>` (`|V2`): `n` raw bytes per item, no arithmetic.
//!
//! It is what NumPy reads from a `.npy` file whose descr is `'<V2'`, which is how
//! `np.save` writes `ml_dtypes` arrays (their dtype is not recorded): `ox.load` gives the
//! same void array, and `.view(bfloat16)` gives the data back, as with NumPy. Registered
//! through the public registry as a parametric opaque class (type character `V`); items
//! are read as references ([`Scalar::Ref`]) and become `bytes` in the bindings. Copies,
//! views, reshapes and equality of dtypes work as for any parametric dtype; there are no
//! casts to or from it and no ufunc loops (a `TypeError` naming the dtype).

use std::sync::OnceLock;

use super::registry::{self, DTypeSpec};
use super::{flags, ByteOrder, DType, DTypeOps, Descr, ItemRef, Scalar};
use crate::error::{Error, Result};

struct VoidOps;

static VOID: OnceLock<DType> = OnceLock::new();

impl DTypeOps for VoidOps {
    unsafe fn get(&self, descr: &Descr, ptr: *const u8) -> Scalar {
        // Not reached through `DType::get` (opaque dtypes are read as references).
        let dtype = void_dtype(descr.itemsize).unwrap_or_else(|_| register());
        Scalar::Ref(ItemRef {
            addr: ptr as usize,
            dtype,
        })
    }

    unsafe fn set(&self, descr: &Descr, ptr: *mut u8, value: &Scalar) -> Result<()> {
        match value {
            Scalar::Ref(r) if r.dtype.type_id == descr.type_id => {
                let n = r.dtype.itemsize.min(descr.itemsize);
                // SAFETY: `r` addresses a live item of its dtype, `ptr` one writable item
                // of `descr` (the caller's contract); a shorter item is padded with zeros
                // (NumPy's void assignment).
                unsafe {
                    std::ptr::copy(r.addr as *const u8, ptr, n);
                    std::ptr::write_bytes(ptr.add(n), 0, descr.itemsize - n);
                }
                Ok(())
            }
            _ => Err(Error::type_(format!(
                "cannot assign this value to an item of dtype |V{}",
                descr.itemsize
            ))),
        }
    }

    fn compare(&self, _descr: &Descr) -> Option<super::CompareFn> {
        Some(compare_items)
    }
}

/// Items ordered as their bytes (NumPy compares void items bytewise).
///
/// # Safety
/// `a` and `b` address one item of `descr` each.
unsafe fn compare_items(descr: &Descr, a: *const u8, b: *const u8) -> Result<std::cmp::Ordering> {
    let n = descr.itemsize;
    // SAFETY: the caller's contract.
    let (x, y) = unsafe {
        (
            std::slice::from_raw_parts(a, n),
            std::slice::from_raw_parts(b, n),
        )
    };
    Ok(x.cmp(y))
}

/// Register the void class (once per process) and return it (of size 0).
pub fn register() -> DType {
    *VOID.get_or_init(|| {
        let v = registry::register_dtype(DTypeSpec {
            name: "void".to_string(),
            kind: 'V',
            char: 'V',
            itemsize: 0,
            alignment: 1,
            ops: Box::new(VoidOps),
            flags: flags::PARAMETRIC | flags::OPAQUE,
        })
        .expect("void registers once");
        registry::register_type_char('V', v);
        v
    })
}

/// True for a `V<n>` descriptor.
pub fn is_void(dt: DType) -> bool {
    VOID.get().is_some_and(|v| v.type_id == dt.type_id)
}

/// `V<n>`.
///
/// # Errors
/// `ValueError` for a size too large.
pub fn void_dtype(n: usize) -> Result<DType> {
    registry::instance(register(), n, ByteOrder::NotApplicable)
}
