//! The contract between the ufunc engine (`crate::ufunc`) and the inner loops
//! (`crate::kernels`): the one inner-loop signature, what a loop sees besides its operands,
//! and how a ufunc and its loops are described.
//!
//! The engine owns broadcasting, type resolution, casting, buffering, threading and error
//! reporting. A loop owns one thing: computing `len` elements from strided operands. Loops
//! never allocate, never see swapped or misaligned-for-casting data (the engine buffers
//! those), and never panic on any input value.

use std::cell::Cell;

use crate::dtype::{DType, Scalar};
use crate::error::Error;

/// Floating-point error categories, as bits (NumPy's `errstate` names).
pub mod fpe {
    /// Division by zero (`divide`).
    pub const DIVIDE: u8 = 1;
    /// Overflow (`over`).
    pub const OVERFLOW: u8 = 2;
    /// Underflow (`under`).
    pub const UNDERFLOW: u8 = 4;
    /// Invalid operation, e.g. a NaN produced from non-NaN inputs (`invalid`).
    pub const INVALID: u8 = 8;
    /// A weak Python scalar overflowed when converted to the loop dtype (a finite value
    /// that is infinite as `float16`/`float32`/`complex64`): NumPy's "overflow encountered
    /// in cast", reported before the call's own flags under the `over` setting.
    pub const CAST_OVERFLOW: u8 = 16;
}

/// How NumPy would run the call a loop stands for, where that changes a result's last bit
/// or the flags it raises, and the opt-in integer overflow check. `Default`: an ordinary
/// array call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoopModes {
    /// Opt-in detection of integer overflow (see [`LoopContext::modes`]).
    pub check_int_overflow: bool,
    /// The call is NumPy's scalar math (every operand a scalar and the result type one of
    /// theirs): the loops whose scalar math differs from NumPy's array loops follow the
    /// scalar math (complex `multiply` and `square` unfused, complex comparisons quiet,
    /// `float16` remainder also reporting division by zero).
    pub scalar_math: bool,
    /// `Some(o)`: the loop is stepped through what NumPy makes as one call along another
    /// axis, and `o` says whether that call overlaps its own output (an accumulation
    /// `out[i] = out[i-1] op x[i]` of more than one step) or reduces in place
    /// (`reduceat`'s segments, `ufunc.at`'s element updates) or not (an accumulation of one
    /// step); loops that choose their code by overlap as
    /// NumPy's do then follow `o` instead of their own operands. `None`: the operands tell.
    pub overlap: Option<bool>,
}

/// What an inner loop sees besides its operands. One per thread per call; not shared.
pub struct LoopContext<'a> {
    /// Flags raised in software (integer division by zero, integer overflow, ...). Float
    /// loops may leave the hardware flags to speak for them: the engine clears the FPU's
    /// status before a call and merges what it finds after it with these.
    flags: Cell<u8>,
    /// Data registered with the loop (e.g. a Python callable for `vectorize`), or null.
    pub data: *const (),
    /// How NumPy would run this call, and the opt-in integer overflow check
    /// ([`LoopModes`]; `modes.check_int_overflow`: integer add/subtract/multiply/
    /// negative/absolute/power loops raise [`fpe::OVERFLOW`] when a result wrapped, beyond
    /// NumPy, off by default).
    pub modes: LoopModes,
    /// For generalized ufuncs: the size of each core dimension, in the order the
    /// signature names them (`(n,k),(k,m)->(n,m)` gives `[n, k, m]`). Empty otherwise.
    pub core_dims: &'a [usize],
    /// For generalized ufuncs: for each operand in order, the byte strides of its core
    /// axes in the order they appear in that operand's part of the signature. Empty
    /// otherwise.
    pub core_strides: &'a [isize],
    /// For a descriptor loop ([`DescrLoop`]): the resolved descriptor of every operand,
    /// inputs then outputs (`U3`, `U4`, `U7` for `add`), so the loop knows item sizes and
    /// parameters. Empty for loops keyed by exact dtypes.
    pub descrs: &'a [DType],
}

impl<'a> LoopContext<'a> {
    /// A context for an elementwise loop.
    pub fn new(data: *const (), check_int_overflow: bool) -> Self {
        Self::with_modes(
            data,
            LoopModes {
                check_int_overflow,
                ..LoopModes::default()
            },
        )
    }
    /// A context for an elementwise loop run in `modes`.
    pub fn with_modes(data: *const (), modes: LoopModes) -> Self {
        LoopContext {
            flags: Cell::new(0),
            data,
            modes,
            core_dims: &[],
            core_strides: &[],
            descrs: &[],
        }
    }
    /// A context for a generalized-ufunc loop.
    pub fn with_core(
        data: *const (),
        check_int_overflow: bool,
        core_dims: &'a [usize],
        core_strides: &'a [isize],
    ) -> Self {
        LoopContext {
            flags: Cell::new(0),
            data,
            modes: LoopModes {
                check_int_overflow,
                ..LoopModes::default()
            },
            core_dims,
            core_strides,
            descrs: &[],
        }
    }
    /// This context with the resolved operand descriptors of a descriptor loop.
    pub fn with_descrs(mut self, descrs: &'a [DType]) -> Self {
        self.descrs = descrs;
        self
    }
    /// Raise `flags` (bits of [`fpe`]).
    #[inline(always)]
    pub fn raise(&self, flags: u8) {
        self.flags.set(self.flags.get() | flags);
    }
    /// The flags raised in software so far.
    pub fn flags(&self) -> u8 {
        self.flags.get()
    }
    /// Clear the software flags and return what they were.
    pub fn take_flags(&self) -> u8 {
        self.flags.replace(0)
    }
}

/// What a loop returns: `Err` stops the call (a Python callback raised, say). Ordinary
/// arithmetic never fails: it raises [`fpe`] flags instead.
pub type LoopResult = Result<(), Error>;

/// The one inner-loop signature.
///
/// Computes `len` elements. `ptrs[i]` and `strides[i]` (bytes) are per operand, inputs
/// first, then outputs. For a generalized ufunc, `len` counts loop (non-core) iterations
/// and the core sizes and strides are in `ctx`.
///
/// # Safety
/// For every operand `i` and `j < len`, `ptrs[i] + j * strides[i]` must point at an element
/// (the whole core block, for a generalized ufunc) of that operand's loop dtype, in native
/// byte order and aligned for it; outputs writable. Input and output runs either do not
/// overlap or are identical (same pointer and stride: in-place operation).
pub type LoopFn =
    unsafe fn(ctx: &LoopContext<'_>, ptrs: &[*mut u8], len: usize, strides: &[isize]) -> LoopResult;

/// A loop's reduce variant: `acc = acc op x[0] op ... op x[n-1]` for one reduction run
/// (operand 0 and the output one element, stride 0), in the order the loop defines (the
/// float `add` loops use NumPy's pairwise summation, so sums are NumPy's bit for bit).
/// The engine calls it once per run it would hand to the loop (see `ufunc::reduce`);
/// loops without one are called element by element, or as a tree when reorderable.
///
/// # Safety
/// `acc` points at one element, `x` at `n` elements with byte stride `stride`, all of the
/// loop's dtype, native byte order and aligned; `acc` is not inside `x`.
pub type ReduceFn = unsafe fn(
    ctx: &LoopContext<'_>,
    acc: *mut u8,
    x: *const u8,
    n: usize,
    stride: isize,
) -> LoopResult;

/// A loop's rows variant: for every column `j < cols`,
/// `acc[j] = acc[j] op x[0][j] op x[1][j] ... op x[rows-1][j]`, combined left to right (row
/// by row, the order of the elementwise loop called once per row with the accumulator row
/// as operand 0 and the output: `max(A, axis=0)`, `sum(A, axis=0)` of a C-contiguous `A`,
/// NumPy's order), so each column's result is the one of those calls bit for bit. A kernel
/// may read several rows per pass over the accumulator (fewer passes, more loads in
/// flight). See `ufunc::rows`.
///
/// # Safety
/// `acc` points at `cols` contiguous elements, `x` at `rows` rows of `cols` contiguous
/// elements each, `row_stride` bytes apart, all of the loop's dtype, native byte order and
/// aligned; `acc` overlaps no row.
pub type RowsFn = unsafe fn(
    ctx: &LoopContext<'_>,
    acc: *mut u8,
    x: *const u8,
    rows: usize,
    row_stride: isize,
    cols: usize,
) -> LoopResult;

/// One registered loop: the dtypes of its operands (inputs then outputs) and the function.
#[derive(Clone)]
pub struct LoopEntry {
    /// Operand dtypes, `nin + nout` of them, native byte order.
    pub types: Vec<DType>,
    /// The inner loop.
    pub func: LoopFn,
    /// Passed to the loop as [`LoopContext::data`].
    pub data: *const (),
    /// The loop's reduce variant, if it has one.
    pub reduce: Option<ReduceFn>,
    /// The loop's rows variant, if it has one.
    pub rows: Option<RowsFn>,
    /// The loop writes every element of every output it is called for whenever it
    /// returns `Ok` (a gufunc output it allocates then need not be zeroed first: a large
    /// zeroed block is a fresh mapping faulted in page by page on every call). A flag of
    /// the loop, not of the ufunc, so a replaced loop does not inherit it.
    pub writes_all: bool,
    /// The loop (or a cast it implies) calls the Python interpreter: the engine keeps
    /// the GIL for the whole call (no release and re-acquisition per run) and runs it on
    /// the calling thread. Set for loops written in Python and, by
    /// [`Ufunc::register_loop`](super::Ufunc::register_loop), for every loop over a dtype
    /// with [`flags::NEEDS_API`](crate::dtype::flags::NEEDS_API) (the object dtype's);
    /// a C function pointer loop has it only when declared.
    pub needs_api: bool,
}

/// A loop together with the arity of the ufunc it was written for: what a loop taken out
/// of one ufunc must carry to be installed in another
/// ([`Ufunc::replace_signed_loop`](super::Ufunc::replace_signed_loop) checks it).
#[derive(Clone)]
pub struct SignedLoop {
    /// Inputs the loop reads.
    pub nin: usize,
    /// Outputs the loop writes.
    pub nout: usize,
    /// Its dtypes, function and data.
    pub entry: LoopEntry,
}

// SAFETY: `data` is an opaque pointer to immutable, `'static` data owned by whoever
// registered the loop (built-in loops use null); the engine only hands it back to the loop.
unsafe impl Send for LoopEntry {}
// SAFETY: see above.
unsafe impl Sync for LoopEntry {}

impl LoopEntry {
    /// A loop with no extra data.
    pub fn new(types: Vec<DType>, func: LoopFn) -> Self {
        LoopEntry {
            types,
            func,
            data: std::ptr::null(),
            reduce: None,
            rows: None,
            writes_all: false,
            needs_api: false,
        }
    }
    /// This loop, declared to need the interpreter (see [`LoopEntry::needs_api`]).
    pub fn with_needs_api(mut self, yes: bool) -> Self {
        self.needs_api = yes;
        self
    }
    /// Whether the loop needs the interpreter: its own flag or a dtype of its operands'.
    pub(crate) fn settle_needs_api(&mut self) {
        self.needs_api |= self.types.iter().any(|t| t.needs_api());
    }
    /// This loop with reduce variant `f`.
    pub fn with_reduce(mut self, f: Option<ReduceFn>) -> Self {
        self.reduce = f;
        self
    }
    /// This loop with rows variant `f`.
    pub fn with_rows(mut self, f: Option<RowsFn>) -> Self {
        self.rows = f;
        self
    }
    /// This loop, declared to write every output element (see [`LoopEntry::writes_all`]).
    pub fn with_writes_all(mut self, yes: bool) -> Self {
        self.writes_all = yes;
        self
    }
    /// NumPy's `types` string for this loop, e.g. `"dd->d"`.
    pub fn type_string(&self, nin: usize) -> String {
        let (i, o) = self.types.split_at(nin);
        let chars = |ts: &[DType]| ts.iter().map(|t| t.char).collect::<String>();
        format!("{}->{}", chars(i), chars(o))
    }
}

/// Which dtypes an operand of a [`DescrLoop`] accepts: a predicate over descriptors, so
/// that a whole parametric family (every `U<n>`, every `StringDType` instance, any
/// integer) is one entry, including classes registered later.
pub type DTypeFamily = fn(DType) -> bool;

/// A descriptor loop's `resolve_descriptors` (NumPy's ArrayMethod step of that name):
/// from the native descriptors of the inputs (a weak Python scalar as its default dtype)
/// and of the given outputs (`None` = to allocate), the descriptor of every operand,
/// inputs then outputs (`add(U3, U4)` -> `[U3, U4, U7]`). The engine casts inputs to the
/// answered input descriptors and the outputs from the answered output descriptors under
/// the call's casting rule.
pub type ResolveDescriptorsFn =
    fn(ins: &[DType], outs: &[Option<DType>]) -> crate::error::Result<Vec<DType>>;

/// A loop registered for families of dtypes rather than exact descriptors (NumPy's
/// ArrayMethod): matched by [`DescrLoop::families`] before the loops keyed by exact
/// dtypes, its operand descriptors come from [`DescrLoop::resolve`] per call (the dispatch
/// cache keys parametric descriptors by size), and the inner loop receives them in
/// [`LoopContext::descrs`]. Not listed in `ufunc.types` (NumPy lists only legacy loops).
#[derive(Clone)]
pub struct DescrLoop {
    /// One family per operand, inputs then outputs. An output's family is checked only
    /// against a dtype fixed by `signature=`/`dtype=` (given `out` arrays are cast to).
    pub families: Vec<DTypeFamily>,
    /// The descriptors of a call.
    pub resolve: ResolveDescriptorsFn,
    /// The inner loop; it must check `ctx.descrs` (it is empty when a caller does not
    /// pass descriptors) and fail rather than guess.
    pub func: LoopFn,
    /// The inputs' casts to the resolved descriptors are taken whatever the casting rule
    /// (NumPy's logical promoter casts any input to `bool`); outputs are still checked.
    pub free_input_casts: bool,
}

impl DescrLoop {
    /// Whether the inputs (strong dtypes, weak scalars as their default dtype) and the
    /// fixed dtypes (`None` = free) fall in this loop's families.
    pub fn matches(&self, ins: &[DType], fixed: Option<&[Option<DType>]>) -> bool {
        self.matches_strictly(ins, fixed)
            || fixed.is_some_and(|fx| {
                // `dtype=` names the output only; the legacy rule's copy of it into the
                // inputs (`legacy_fill`) is for loops keyed by exact dtypes.
                let nin = ins.len();
                let nout = fx.len().saturating_sub(nin);
                nout == 1
                    && fx[..nin].iter().all(|d| *d == fx[nin])
                    && self.matches_strictly(ins, Some(&[vec![None; nin], vec![fx[nin]]].concat()))
            })
    }

    fn matches_strictly(&self, ins: &[DType], fixed: Option<&[Option<DType>]>) -> bool {
        ins.len() <= self.families.len()
            && ins.iter().zip(&self.families).all(|(d, f)| f(*d))
            && fixed.is_none_or(|fx| {
                fx.len() == self.families.len()
                    && fx.iter().zip(&self.families).all(|(d, f)| d.is_none_or(f))
            })
    }
}

/// A ufunc's identity, the value a reduction over nothing starts from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Identity {
    /// No identity; empty reductions raise (NumPy's `None`).
    None,
    /// No identity, but the operation is reorderable (maximum, minimum): empty reductions
    /// raise, non-empty ones may run in any order.
    ReorderableNone,
    /// This value (`add`: `Int(0)`, `multiply`: `Int(1)`, `logical_and`: `Bool(true)`,
    /// `bitwise_and`: `Int(-1)`).
    Value(Scalar),
}

/// Which type-resolution rule a ufunc follows (NumPy has several legacy resolvers; these are
/// the ones that give different answers from the default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResolverHint {
    /// The first loop, in registration order, that every input casts to safely (NumPy's
    /// linear search), with NEP 50 weak Python scalars.
    Default,
    /// Loops whose inputs all have one dtype: promote the inputs (`result_type`) first,
    /// then take that dtype's loop (NumPy's `SimpleUniformOperation` resolver; used by
    /// e.g. `add`, `maximum`).
    Uniform,
    /// Comparisons: promote the inputs, take the loop for that dtype, output bool.
    Comparison,
    /// `true_divide`: integers and bool go to the default float loop.
    TrueDivide,
}

/// The definition of a ufunc as the kernels provide it: metadata plus loops in NumPy's
/// `types` order.
pub struct UfuncDef {
    /// `"add"`.
    pub name: &'static str,
    /// Number of inputs.
    pub nin: usize,
    /// Number of outputs.
    pub nout: usize,
    /// Identity for reductions.
    pub identity: Identity,
    /// Generalized-ufunc signature, e.g. `"(n,k),(k,m)->(n,m)"`.
    pub signature: Option<&'static str>,
    /// Type-resolution rule.
    pub resolver: ResolverHint,
    /// One-line description (the first line of NumPy's docstring).
    pub doc: &'static str,
    /// Loops, in NumPy's `types` order.
    pub loops: Vec<LoopEntry>,
}
