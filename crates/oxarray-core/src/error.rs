//! The one error type of the core.
//!
//! An opaque [`Error`] wraps a `#[non_exhaustive]` [`ErrorKind`] and a message, so the
//! representation can grow without breaking users. The Python crate maps each kind onto
//! NumPy's exception type in exactly one place.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

/// What went wrong, in the terms NumPy's exceptions use.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad value: shapes that do not match, a bad reshape, a bad argument (`ValueError`).
    Value,
    /// Wrong type, impossible cast (`TypeError`).
    Type,
    /// Index out of range or of the wrong kind (`IndexError`).
    Index,
    /// Axis out of range (`AxisError`, a `ValueError` and `IndexError`).
    Axis,
    /// An allocation failed (`MemoryError`).
    Memory,
    /// A value does not fit its dtype (`OverflowError`).
    Overflow,
    /// A buffer cannot be exported or imported (`BufferError`).
    Buffer,
    /// The operation is not supported for these operands (`NotImplementedError`).
    NotImplemented,
    /// An error raised by code outside the core (a Python callback's exception, say),
    /// carried through unchanged as the error's [`Error::payload`].
    Foreign,
}

/// The core error: a kind plus a human-readable message, and for [`ErrorKind::Foreign`]
/// the foreign error itself (opaque to the core; the bindings downcast it back).
#[derive(Clone)]
pub struct Error {
    kind: ErrorKind,
    msg: String,
    payload: Option<Arc<dyn Any + Send + Sync>>,
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("msg", &self.msg)
            .field("payload", &self.payload.is_some())
            .finish()
    }
}

/// Equal kinds and messages, and the same payload object (if any).
impl PartialEq for Error {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
            && self.msg == other.msg
            && match (&self.payload, &other.payload) {
                (None, None) => true,
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                _ => false,
            }
    }
}
impl Eq for Error {}

/// The core's result type.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// An error of `kind` with message `msg`.
    pub fn new(kind: ErrorKind, msg: impl Into<String>) -> Self {
        Error {
            kind,
            msg: msg.into(),
            payload: None,
        }
    }
    /// A foreign error (e.g. a Python exception raised in a callback) carried through the
    /// core unchanged; `msg` describes it for Rust callers.
    pub fn foreign(payload: Arc<dyn Any + Send + Sync>, msg: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Foreign,
            msg: msg.into(),
            payload: Some(payload),
        }
    }
    /// The foreign error of an [`ErrorKind::Foreign`] error.
    pub fn payload(&self) -> Option<&(dyn Any + Send + Sync)> {
        self.payload.as_deref()
    }
    /// The kind of the error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// The message of the error.
    pub fn message(&self) -> &str {
        &self.msg
    }
    /// `ValueError`.
    pub fn value(msg: impl Into<String>) -> Self {
        Self::new(ErrorKind::Value, msg)
    }
    /// `TypeError`.
    pub fn type_(msg: impl Into<String>) -> Self {
        Self::new(ErrorKind::Type, msg)
    }
    /// `IndexError`.
    pub fn index(msg: impl Into<String>) -> Self {
        Self::new(ErrorKind::Index, msg)
    }
    /// `MemoryError`.
    pub fn memory(msg: impl Into<String>) -> Self {
        Self::new(ErrorKind::Memory, msg)
    }
    /// `OverflowError`.
    pub fn overflow(msg: impl Into<String>) -> Self {
        Self::new(ErrorKind::Overflow, msg)
    }
    /// `AxisError` for `axis` on an array of `ndim` dimensions, worded as NumPy's.
    pub fn axis(axis: isize, ndim: usize) -> Self {
        Self::new(
            ErrorKind::Axis,
            format!("axis {axis} is out of bounds for array of dimension {ndim}"),
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

impl std::error::Error for Error {}

/// Normalise a possibly negative `axis` for an array of `ndim` dimensions.
///
/// # Errors
/// [`ErrorKind::Axis`] when `axis` is outside `-ndim..ndim`.
pub fn normalize_axis(axis: isize, ndim: usize) -> Result<usize> {
    let n = ndim as isize;
    if axis < -n || axis >= n {
        return Err(Error::axis(axis, ndim));
    }
    Ok(if axis < 0 {
        (axis + n) as usize
    } else {
        axis as usize
    })
}
