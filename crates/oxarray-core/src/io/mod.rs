//! File formats: NumPy's `.npy` header (the `.npz` container is a zip of `.npy` files and is
//! handled by the Python layer with `zipfile`).

pub mod npy;
