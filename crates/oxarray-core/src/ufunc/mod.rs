//! Universal functions: the engine (dispatch, iteration, methods). See `loops` for the
//! contract with the inner loops in `crate::kernels`.
//!
//! A call (`Ufunc::call`) goes through the steps of `shared/DESIGN.md`:
//! 1. the operands' dtypes (and weak flags for Python scalars) form a cache key;
//! 2. a cache hit gives the loop and its operand dtypes; a miss runs the resolver
//!    (`resolve`) and stores the answer;
//! 3. weak scalars become 0-d arrays of their loop dtype (out-of-range ints raise);
//! 4. `exec` broadcasts, allocates outputs in K order, copies inputs that overlap an
//!    output, and drives the loop over runs, casting through small buffers;
//! 5. the floating-point status (`fpstatus`) is cleared before and read after, and merged
//!    with the loops' software flags into `CallOutput::fpe`.
//!
//! The direct path ([`Ufunc::call_direct`]) serves the common small call without any of
//! the above allocations: borrowed operands, scalars read from a stack buffer, the
//! resolution from a lock-free per-thread cache (`resolve::resolve_fast`), and the loop
//! called once when every operand is contiguous (or a single element); anything else
//! answers `None` and the caller takes [`Ufunc::call`].
//!
//! The methods (`reduce`, `accumulate`, `reduceat`, `outer`, `at`) live in `methods`, and
//! generalized ufuncs (core dimensions) in `gufunc`.

pub mod alloc;
pub mod elementwise;
pub mod exec;
pub mod fpstatus;
pub mod gufunc;
pub mod loops;
pub mod methods;
pub mod promote;
mod reduce;
pub mod resolve;
mod rows;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, RwLock};

use crate::array::Array;
use crate::dtype::{Casting, DType, Operand, Scalar, WeakKind};
use crate::error::{Error, Result};
use crate::layout::Order;
use loops::{DescrLoop, Identity, LoopEntry, LoopFn, ResolverHint, SignedLoop, UfuncDef};

pub use resolve::Resolved;

/// An operand of a call: an array, or a weak Python scalar (NEP 50: Python `int`, `float`
/// and `complex` take the dtype of the arrays they meet when it can hold them).
#[derive(Clone, Debug)]
pub enum Input {
    /// An array (array scalars are 0-d arrays here).
    Array(Array),
    /// A Python int (`Scalar::Int`/`Scalar::UInt`), float or complex. A Python `bool` is
    /// not weak: pass it as a 0-d bool array.
    Weak(Scalar),
    /// A Python int beyond both int64 and uint64 (weak, of kind int).
    WeakHugeInt(HugeInt),
}

/// A Python int outside the ranges of int64 and uint64. NumPy converts it only into float
/// and complex loops (as Python's `float(int)`, so `float32_array * 10**20` works); an
/// integer loop raises `OverflowError`, and a comparison with an integer array gives the
/// exact constant answer (see `Ufunc::compare_out_of_range`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HugeInt {
    /// `float(int)`, or `None` where Python raises "int too large to convert to float".
    pub float: Option<f64>,
    /// Whether the int is negative.
    pub negative: bool,
}

impl HugeInt {
    /// The int as a 0-d array of the loop dtype `dt`, and whether converting it to `dt`
    /// overflowed to infinity (NumPy's "overflow encountered in cast").
    ///
    /// # Errors
    /// `OverflowError` for a loop dtype other than float/complex, or beyond float64.
    pub fn to_array(&self, dt: DType) -> Result<(Array, bool)> {
        if !dt.is_inexact() {
            return Err(Error::overflow("Python int too large to convert to C long"));
        }
        let f = self
            .float
            .ok_or_else(|| Error::overflow("int too large to convert to float"))?;
        let s = Scalar::Float(f);
        Ok((
            exec::weak_to_array(&s, dt)?,
            elementwise::weak_cast_overflows(&s, dt),
        ))
    }

    /// A stand-in of the same sign within `Scalar` for the out-of-range comparison rule,
    /// which only asks whether the int lies above or below every integer.
    fn sign_stand_in(&self) -> Scalar {
        if self.negative {
            Scalar::Int(-1)
        } else {
            Scalar::UInt(u64::MAX)
        }
    }
}

impl Input {
    /// The operand as the resolver sees it.
    pub fn operand(&self) -> Operand {
        match self {
            Input::Array(a) => Operand::Strong(a.dtype()),
            Input::Weak(s) => Operand::Weak(weak_kind(s)),
            Input::WeakHugeInt(_) => Operand::Weak(WeakKind::Int),
        }
    }
    /// The shape (a weak scalar is 0-d).
    pub fn shape(&self) -> &[usize] {
        match self {
            Input::Array(a) => a.shape(),
            Input::Weak(_) | Input::WeakHugeInt(_) => &[],
        }
    }
}

/// The weak kind of a Python scalar value.
pub fn weak_kind(s: &Scalar) -> WeakKind {
    match s {
        // Opaque items are never weak (the bindings pass them as 0-d arrays); they are
        // listed for completeness.
        Scalar::Bool(_) | Scalar::Int(_) | Scalar::UInt(_) | Scalar::Ref(_) => WeakKind::Int,
        Scalar::Float(_) => WeakKind::Float,
        Scalar::Complex(_) => WeakKind::Complex,
    }
}

/// Keyword options of a call.
#[derive(Clone, Debug)]
pub struct CallOptions {
    /// Casting level for inputs and outputs (`same_kind` by default).
    pub casting: Casting,
    /// Memory order of new outputs (`K` by default).
    pub order: Order,
    /// `dtype=`: the output dtype (and, for one output, the loop dtype, as NumPy).
    pub dtype: Option<DType>,
    /// `signature=`: one entry per operand, `None` = free.
    pub signature: Option<Vec<Option<DType>>>,
    /// `where=`: a boolean mask broadcast with the operands.
    pub where_: Option<Array>,
    /// Opt-in integer overflow detection (beyond NumPy).
    pub check_int_overflow: bool,
    /// The call is NumPy's scalar math (see [`loops::LoopModes::scalar_math`]).
    pub scalar_math: bool,
}

impl Default for CallOptions {
    fn default() -> Self {
        CallOptions {
            casting: Casting::SameKind,
            order: Order::K,
            dtype: None,
            signature: None,
            where_: None,
            check_int_overflow: false,
            scalar_math: false,
        }
    }
}

/// The outputs of a call.
pub type Outputs = smallvec::SmallVec<[Array; 1]>;

/// What a call returns: the outputs (the `out` arrays when given) and the FP flags raised.
#[derive(Clone, Debug)]
pub struct CallOutput {
    /// One array per output (inline: no heap allocation for one output).
    pub outputs: Outputs,
    /// Bits of [`loops::fpe`] raised during the call.
    pub fpe: u8,
}

/// What [`Ufunc::call_direct`] returns: the new output (`None` when `out` was given and
/// written) and the FP flags raised.
#[derive(Clone, Debug)]
pub struct DirectOutput {
    /// The new output, or `None` for the given one.
    pub output: Option<Array>,
    /// Bits of [`loops::fpe`] raised during the call.
    pub fpe: u8,
}

/// Keyword options of `reduce`.
#[derive(Clone, Debug, Default)]
pub struct ReduceOptions {
    /// Accumulator / result dtype.
    pub dtype: Option<DType>,
    /// Result array.
    pub out: Option<Array>,
    /// Keep reduced axes as length one.
    pub keepdims: bool,
    /// Starting value (instead of the identity).
    pub initial: Option<Scalar>,
    /// Elements to include.
    pub where_: Option<Array>,
    /// Opt-in integer overflow detection.
    pub check_int_overflow: bool,
}

/// A select rule ([`Ufunc::with_select`]): the loop dtypes for these operands, or `None`.
pub type SelectFn = Arc<dyn Fn(&[Operand]) -> Result<Option<Vec<DType>>> + Send + Sync>;

/// A universal function: metadata, its loops, and a cache of resolved dtype signatures.
pub struct Ufunc {
    name: &'static str,
    nin: usize,
    nout: usize,
    identity: Identity,
    signature: Option<&'static str>,
    core: Option<gufunc::CoreSignature>,
    resolver: ResolverHint,
    doc: &'static str,
    loops: RwLock<Vec<LoopEntry>>,
    /// Descriptor loops (see [`DescrLoop`]), matched before `loops`, in registration order.
    dloops: RwLock<Vec<DescrLoop>>,
    /// A select rule consulted before the resolver (see [`Ufunc::with_select`]).
    select: Option<SelectFn>,
    /// Promoters (see `promote`), in registration order.
    promoters: RwLock<Vec<promote::Promoter>>,
    cache: RwLock<HashMap<resolve::CacheKey, Arc<Resolved>, resolve::KeyHash>>,
    /// Identifies this ufunc *and* the state of its loops in the per-thread dispatch cache
    /// of the direct path: unique over the process, renewed whenever the cache is cleared.
    stamp: AtomicU64,
}

/// Source of [`Ufunc`] stamps (0 is never handed out).
static NEXT_STAMP: AtomicU64 = AtomicU64::new(1);

fn new_stamp() -> u64 {
    NEXT_STAMP.fetch_add(1, Ordering::Relaxed)
}

/// An operand of [`Ufunc::call_direct`]: borrowed, never converted to a 0-d array.
#[derive(Clone, Copy, Debug)]
pub enum DirectIn<'a> {
    /// An array.
    Array(&'a Array),
    /// An array scalar: its value and dtype (a strong operand of shape `()`).
    Scalar(&'a Scalar, DType),
    /// A weak Python scalar (as [`Input::Weak`]).
    Weak(&'a Scalar),
}

impl DirectIn<'_> {
    /// The operand as the resolver sees it.
    pub fn operand(&self) -> Operand {
        match self {
            DirectIn::Array(a) => Operand::Strong(a.dtype()),
            DirectIn::Scalar(_, d) => Operand::Strong(*d),
            DirectIn::Weak(s) => Operand::Weak(weak_kind(s)),
        }
    }
}

impl std::fmt::Debug for Ufunc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<ufunc '{}'>", self.name)
    }
}

impl Ufunc {
    /// Build a ufunc from its definition.
    ///
    /// # Errors
    /// `ValueError` for a bad gufunc signature or loops with the wrong operand count.
    pub fn new(def: UfuncDef) -> Result<Ufunc> {
        let core = match def.signature {
            Some(s) => {
                let c = gufunc::CoreSignature::parse(s)?;
                if c.nin() != def.nin || c.nout() != def.nout {
                    return Err(Error::value(format!(
                        "signature {s:?} does not match nin={} nout={}",
                        def.nin, def.nout
                    )));
                }
                Some(c)
            }
            None => None,
        };
        if def.nin == 0 {
            return Err(Error::value("a ufunc needs at least one input"));
        }
        let mut def = def;
        for l in def.loops.iter_mut() {
            l.settle_needs_api();
        }
        for l in &def.loops {
            if l.types.len() != def.nin + def.nout {
                return Err(Error::value(format!(
                    "loop of ufunc '{}' has {} types, expected {}",
                    def.name,
                    l.types.len(),
                    def.nin + def.nout
                )));
            }
        }
        Ok(Ufunc {
            name: def.name,
            nin: def.nin,
            nout: def.nout,
            identity: def.identity,
            signature: def.signature,
            core,
            resolver: def.resolver,
            doc: def.doc,
            loops: RwLock::new(def.loops),
            dloops: RwLock::new(Vec::new()),
            select: None,
            promoters: RwLock::new(Vec::new()),
            cache: RwLock::new(HashMap::default()),
            stamp: AtomicU64::new(new_stamp()),
        })
    }

    /// This ufunc with a select rule: the design documents' *select* function (output
    /// dtypes from input dtypes), a promoter in NumPy's terms. Type resolution calls it
    /// first with the operands (strong dtypes, weak Python scalars as their kind); `Some`
    /// names the loop's dtypes (inputs then outputs), which must be a registered loop, and
    /// the operands are then checked against it under the call's casting rule; `None`
    /// leaves the choice to the ufunc's resolver. Its answer is cached per operand dtypes,
    /// like every resolution, so it should depend on them only.
    pub fn with_select(mut self, select: SelectFn) -> Ufunc {
        self.select = Some(select);
        self
    }
    /// The select rule, if any.
    pub fn select(&self) -> Option<&SelectFn> {
        self.select.as_ref()
    }

    /// The name, e.g. `"add"`.
    pub fn name(&self) -> &str {
        self.name
    }
    /// Number of inputs.
    pub fn nin(&self) -> usize {
        self.nin
    }
    /// Number of outputs.
    pub fn nout(&self) -> usize {
        self.nout
    }
    /// `nin + nout`.
    pub fn nargs(&self) -> usize {
        self.nin + self.nout
    }
    /// The identity for reductions.
    pub fn identity(&self) -> Identity {
        self.identity
    }
    /// The gufunc signature, if any.
    pub fn signature(&self) -> Option<&str> {
        self.signature
    }
    /// The parsed gufunc signature, if any.
    pub fn core_signature(&self) -> Option<&gufunc::CoreSignature> {
        self.core.as_ref()
    }
    /// The type-resolution rule.
    pub fn resolver(&self) -> ResolverHint {
        self.resolver
    }
    /// The one-line description.
    pub fn doc(&self) -> &str {
        self.doc
    }
    /// NumPy's `types`: one `"dd->d"` string per loop, in search order.
    pub fn types(&self) -> Vec<String> {
        self.read_loops()
            .iter()
            .map(|l| l.type_string(self.nin))
            .collect()
    }
    /// True when reductions may run in any order (identity known or declared
    /// reorderable): pairwise summation is allowed then.
    pub fn reorderable(&self) -> bool {
        !matches!(self.identity, Identity::None)
    }

    pub(crate) fn read_loops(&self) -> std::sync::RwLockReadGuard<'_, Vec<LoopEntry>> {
        self.loops.read().unwrap_or_else(|e| e.into_inner())
    }

    fn clear_cache(&self) {
        let mut cache = self.cache.write().unwrap_or_else(|e| e.into_inner());
        cache.clear();
        // Entries of the per-thread caches under the old stamp are never matched again.
        self.stamp.store(new_stamp(), Ordering::Release);
    }

    /// The current stamp (see the field).
    pub(crate) fn stamp(&self) -> u64 {
        self.stamp.load(Ordering::Acquire)
    }

    /// Add a descriptor loop (see [`DescrLoop`]), matched after the descriptor loops
    /// registered before it and before every loop keyed by exact dtypes.
    ///
    /// # Errors
    /// `TypeError` when the number of families is not `nin + nout`.
    pub fn register_descr_loop(&self, l: DescrLoop) -> Result<()> {
        if l.families.len() != self.nargs() {
            return Err(Error::type_(format!(
                "a descriptor loop of ufunc '{}' needs {} families, got {}",
                self.name,
                self.nargs(),
                l.families.len()
            )));
        }
        self.dloops
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .push(l);
        self.clear_cache();
        Ok(())
    }

    /// The first descriptor loop whose families hold these inputs and fixed dtypes.
    pub(crate) fn find_descr_loop(
        &self,
        ins: &[DType],
        fixed: Option<&[Option<DType>]>,
    ) -> Option<DescrLoop> {
        let dl = self.dloops.read().unwrap_or_else(|e| e.into_inner());
        dl.iter().find(|l| l.matches(ins, fixed)).cloned()
    }

    /// Whether any descriptor loop is registered.
    pub fn has_descr_loops(&self) -> bool {
        !self
            .dloops
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .is_empty()
    }

    /// Add a loop for a new dtype signature (searched after the existing ones).
    ///
    /// # Errors
    /// `TypeError` when the operand count is wrong, `ValueError` when a loop with these
    /// dtypes exists
    /// (use [`Ufunc::replace_loop`] for that).
    pub fn register_loop(&self, mut entry: LoopEntry) -> Result<()> {
        entry.settle_needs_api();
        if entry.types.len() != self.nargs() {
            return Err(Error::type_(format!(
                "a loop of ufunc '{}' needs {} dtypes, got {}",
                self.name,
                self.nargs(),
                entry.types.len()
            )));
        }
        {
            let mut loops = self.loops.write().unwrap_or_else(|e| e.into_inner());
            if loops.iter().any(|l| l.types == entry.types) {
                return Err(Error::value(format!(
                    "ufunc '{}' already has a loop for {}; use replace_loop",
                    self.name,
                    entry.type_string(self.nin)
                )));
            }
            loops.push(entry);
        }
        self.clear_cache();
        Ok(())
    }

    /// Replace the loop for exactly these dtypes, returning the old function (NumPy's
    /// `PyUFunc_ReplaceLoopBySignature`).
    ///
    /// # Errors
    /// `ValueError` when no loop has these dtypes.
    pub fn replace_loop(&self, types: &[DType], func: LoopFn) -> Result<LoopFn> {
        if types.len() != self.nargs() {
            return Err(Error::type_(format!(
                "a loop of ufunc '{}' needs {} dtypes, got {}",
                self.name,
                self.nargs(),
                types.len()
            )));
        }
        let old = {
            let mut loops = self.loops.write().unwrap_or_else(|e| e.into_inner());
            let l = loops
                .iter_mut()
                .find(|l| l.types.as_slice() == types)
                .ok_or_else(|| {
                    Error::value(format!(
                        "ufunc '{}' has no loop for the given dtypes",
                        self.name
                    ))
                })?;
            // The old reduce and rows variants belong to the old loop.
            l.reduce = None;
            l.rows = None;
            std::mem::replace(&mut l.func, func)
        };
        self.clear_cache();
        Ok(old)
    }

    /// The loop registered for exactly these dtypes, with the arity it was written for
    /// (to install elsewhere with [`Ufunc::replace_signed_loop`]).
    pub fn signed_loop_for(&self, types: &[DType]) -> Option<SignedLoop> {
        self.read_loops()
            .iter()
            .find(|l| l.types.as_slice() == types)
            .map(|l| SignedLoop {
                nin: self.nin,
                nout: self.nout,
                entry: l.clone(),
            })
    }

    /// Replace the loop whose dtypes are `new.entry.types` by `new`, returning the old one.
    /// The checked form of [`Ufunc::replace_loop`]: a loop written for another number of
    /// inputs or outputs, or for other operand dtypes, would read and write its operands
    /// wrongly (heap corruption), so it is refused.
    ///
    /// # Errors
    /// `TypeError` when `new`'s inputs/outputs differ from this ufunc's or no loop of
    /// this ufunc has its dtypes.
    pub fn replace_signed_loop(&self, new: SignedLoop) -> Result<SignedLoop> {
        if new.nin != self.nin || new.nout != self.nout || new.entry.types.len() != self.nargs() {
            return Err(Error::type_(format!(
                "a loop with {} input(s) and {} output(s) cannot replace a loop of ufunc '{}' ({} input(s), {} output(s))",
                new.nin, new.nout, self.name, self.nin, self.nout
            )));
        }
        let old = {
            let mut loops = self.loops.write().unwrap_or_else(|e| e.into_inner());
            let l = loops
                .iter_mut()
                .find(|l| l.types == new.entry.types)
                .ok_or_else(|| {
                    Error::type_(format!(
                        "ufunc '{}' has no loop {} to replace",
                        self.name,
                        new.entry.type_string(self.nin)
                    ))
                })?;
            let mut entry = new.entry;
            entry.settle_needs_api();
            std::mem::replace(l, entry)
        };
        self.clear_cache();
        Ok(SignedLoop {
            nin: self.nin,
            nout: self.nout,
            entry: old,
        })
    }

    /// The loop registered for exactly these dtypes, if any.
    pub fn loop_for(&self, types: &[DType]) -> Option<LoopFn> {
        self.read_loops()
            .iter()
            .find(|l| l.types.as_slice() == types)
            .map(|l| l.func)
    }
}

// ---------------------------------------------------------------------------------------
// The registry.

static REGISTRY: LazyLock<RwLock<HashMap<&'static str, Arc<Ufunc>>>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for def in crate::kernels::builtin_ufuncs() {
        let name = def.name;
        match Ufunc::new(def) {
            Ok(u) => {
                map.insert(name, Arc::new(u));
            }
            // A bad built-in definition is a bug in the kernels; skip it rather than abort.
            Err(e) => debug_assert!(false, "bad built-in ufunc {name}: {e}"),
        }
    }
    // Loops over families of descriptors (the string dtypes), and the ufuncs that have
    // only such loops.
    crate::kernels::strings::install(&mut map);
    RwLock::new(map)
});

/// A ufunc by name (built-ins and registered ones).
pub fn lookup(name: &str) -> Option<Arc<Ufunc>> {
    REGISTRY
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .get(name)
        .cloned()
}

/// The names of every registered ufunc, sorted.
pub fn names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = REGISTRY
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .keys()
        .copied()
        .collect();
    v.sort_unstable();
    v
}

/// Register a new ufunc under its name.
///
/// # Errors
/// `ValueError` when the name is taken or the definition is inconsistent.
pub fn register_ufunc(def: UfuncDef) -> Result<Arc<Ufunc>> {
    let name = def.name;
    let u = Arc::new(Ufunc::new(def)?);
    let mut reg = REGISTRY.write().unwrap_or_else(|e| e.into_inner());
    if reg.contains_key(name) {
        return Err(Error::value(format!(
            "a ufunc named '{name}' already exists"
        )));
    }
    reg.insert(name, u.clone());
    Ok(u)
}

impl Ufunc {
    /// Call the ufunc elementwise (or, for a gufunc, over its core dimensions).
    ///
    /// `out` is empty or has one entry per output (`None` = allocate).
    ///
    /// # Errors
    /// NumPy's errors: `TypeError` when no loop fits or a cast is not allowed, `ValueError`
    /// for shapes that do not broadcast, `OverflowError` for out-of-range Python ints.
    pub fn call(
        &self,
        inputs: &[Input],
        out: &[Option<Array>],
        opts: &CallOptions,
    ) -> Result<CallOutput> {
        let r = self.resolve_call(inputs, out, opts)?;
        self.call_resolved(&r, inputs, out, opts)
    }

    /// The first half of [`Ufunc::call`]: the argument checks and the resolution (one
    /// dispatch-cache lookup), whose [`Resolved::needs_api`] tells the bindings whether to
    /// keep the GIL. [`Ufunc::call_resolved`] with the same arguments runs it.
    ///
    /// # Errors
    /// As [`Ufunc::call`]'s checks and resolution.
    pub fn resolve_call(
        &self,
        inputs: &[Input],
        out: &[Option<Array>],
        opts: &CallOptions,
    ) -> Result<Arc<Resolved>> {
        if inputs.len() != self.nin {
            return Err(Error::type_(format!(
                "{}() takes from {} to {} positional arguments but {} were given",
                self.name,
                self.nin,
                self.nargs(),
                inputs.len()
            )));
        }
        if !out.is_empty() && out.len() != self.nout {
            return Err(Error::value(format!(
                "The 'out' tuple must have exactly {} entries: one per ufunc output",
                self.nout
            )));
        }
        if opts.dtype.is_none()
            && opts.signature.is_none()
            && self.resolver != ResolverHint::TrueDivide
        {
            bool_meets_huge_int(inputs)?;
        }
        // NumPy converts a huge Python int for a non-float `dtype=` before resolving.
        if opts.dtype.is_some_and(|d| !d.is_inexact())
            && inputs.iter().any(|i| matches!(i, Input::WeakHugeInt(_)))
        {
            return Err(Error::overflow("Python int too large to convert to C long"));
        }
        let ops: smallvec::SmallVec<[Operand; 3]> = inputs.iter().map(|i| i.operand()).collect();
        let out_dtypes: smallvec::SmallVec<[Option<DType>; 2]> = (0..self.nout)
            .map(|j| out.get(j).and_then(|o| o.as_ref()).map(|a| a.dtype()))
            .collect();
        let fixed = self.fixed_signature(opts.dtype, opts.signature.as_deref())?;
        self.resolve_cached(&ops, &out_dtypes, opts.casting, fixed.as_deref())
    }

    /// The second half of [`Ufunc::call`]: run the call that [`Ufunc::resolve_call`]
    /// resolved as `r`. `inputs`, `out` and `opts` must be the ones `r` was resolved for
    /// (its flags, such as [`Resolved::counted`], describe those operands' dtypes).
    ///
    /// # Errors
    /// As [`Ufunc::call`]'s execution.
    pub fn call_resolved(
        &self,
        r: &Resolved,
        inputs: &[Input],
        out: &[Option<Array>],
        opts: &CallOptions,
    ) -> Result<CallOutput> {
        debug_assert_eq!(inputs.len(), self.nin);
        let mut arrays: smallvec::SmallVec<[Array; 3]> = smallvec::SmallVec::new();
        let mut cast_fpe = 0;
        for (i, inp) in inputs.iter().enumerate() {
            arrays.push(match inp {
                Input::Array(a) => a.clone(),
                Input::Weak(s) => match exec::weak_to_array(s, r.types[i]) {
                    Ok(a) => {
                        if elementwise::weak_cast_overflows(s, r.types[i]) {
                            cast_fpe = loops::fpe::CAST_OVERFLOW;
                        }
                        a
                    }
                    Err(e) if e.kind() == crate::error::ErrorKind::Overflow => {
                        return self
                            .compare_out_of_range(inputs, i, s, out, opts)
                            .unwrap_or(Err(e));
                    }
                    Err(e) => return Err(e),
                },
                Input::WeakHugeInt(h) => match h.to_array(r.types[i]) {
                    Ok((a, over)) => {
                        if over {
                            cast_fpe = loops::fpe::CAST_OVERFLOW;
                        }
                        a
                    }
                    Err(e) => {
                        return self
                            .compare_out_of_range(inputs, i, &h.sign_stand_in(), out, opts)
                            .unwrap_or(Err(e));
                    }
                },
            });
        }
        let res = if self.core.is_some() {
            gufunc::execute(self, r, arrays, out, opts)
        } else {
            exec::execute(
                self,
                r,
                arrays,
                out,
                opts.where_.as_ref(),
                opts.order,
                loops::LoopModes {
                    check_int_overflow: opts.check_int_overflow,
                    scalar_math: opts.scalar_math,
                    overlap: None,
                },
            )
        };
        res.map(|mut o| {
            o.fpe |= cast_fpe;
            o
        })
    }

    /// The direct path of a call with default options (no `dtype`, `signature`, `where`,
    /// `casting` or `order`) and at most one given output: `None` when it does not apply
    /// (then nothing was done and [`Ufunc::call`] gives the answer, errors included).
    ///
    /// It applies to ufuncs without core dimensions and with one output, when the
    /// resolution succeeds, every array operand is aligned, native, already of its loop
    /// dtype and either C-contiguous with the broadcast shape or a single element, scalars
    /// are of their loop dtype (weak ones in range of it), and a given output is
    /// C-contiguous, writeable, of the loop dtype and overlaps no input other than an
    /// identical one. Results, FP flags and errors are then those of [`Ufunc::call`].
    ///
    /// # Errors
    /// Allocation failures and loop errors, as [`Ufunc::call`].
    pub fn call_direct(
        &self,
        inputs: &[DirectIn<'_>],
        out: Option<&Array>,
        check_int_overflow: bool,
    ) -> Option<Result<DirectOutput>> {
        if self.core.is_some() || self.nout != 1 || inputs.len() != self.nin {
            return None;
        }
        let mut ops: smallvec::SmallVec<[Operand; 3]> = smallvec::SmallVec::new();
        let mut huge_weak = false;
        for i in inputs {
            huge_weak |= matches!(i, DirectIn::Weak(Scalar::UInt(_)));
            ops.push(i.operand());
        }
        // `bool_meets_huge_int` and out-of-range comparisons: the general path.
        if huge_weak {
            return None;
        }
        let r = self.resolve_fast(&ops, out.map(|o| o.dtype()))?;
        // Reference and interpreter dtypes take the general path (the direct one stages
        // operands in plain byte buffers); settled once per resolution.
        if r.counted {
            return None;
        }
        elementwise::direct(
            &r,
            inputs,
            out,
            loops::LoopModes {
                check_int_overflow,
                ..Default::default()
            },
        )
    }

    /// NumPy 2 compares integer arrays with Python ints outside their range exactly
    /// (`uint8_array == -1` is all False, `uint8_array < 300` all True) instead of raising:
    /// the answer is one constant, computed as `equal(x, x)` (True) or `not_equal(x, x)`
    /// (False) on the integer operand so that `out`, `where` and shapes behave as usual.
    /// `None` when this rule does not apply.
    fn compare_out_of_range(
        &self,
        inputs: &[Input],
        weak_pos: usize,
        v: &Scalar,
        out: &[Option<Array>],
        opts: &CallOptions,
    ) -> Option<Result<CallOutput>> {
        if self.resolver != ResolverHint::Comparison || inputs.len() != 2 {
            return None;
        }
        let Input::Array(x) = &inputs[1 - weak_pos] else {
            return None;
        };
        if !(x.dtype().is_integer() || x.dtype().is_bool()) {
            return None;
        }
        let big = match *v {
            Scalar::Int(i) => i > 0,
            Scalar::UInt(_) => true,
            _ => return None,
        };
        // "x OP v" with v above (big) or below every x.
        let x_op_v = match self.name {
            "equal" => false,
            "not_equal" => true,
            "less" | "less_equal" => big,
            "greater" | "greater_equal" => !big,
            _ => return None,
        };
        // For "v OP x" the order flips (equality is symmetric).
        let value = if weak_pos == 1 || matches!(self.name, "equal" | "not_equal") {
            x_op_v
        } else {
            !x_op_v
        };
        let uf = lookup(if value { "equal" } else { "not_equal" })?;
        let opts = CallOptions {
            dtype: None,
            signature: None,
            ..opts.clone()
        };
        Some(uf.call(
            &[Input::Array(x.clone()), Input::Array(x.clone())],
            out,
            &opts,
        ))
    }

    /// The loop dtypes (inputs then outputs) a call with these inputs would use.
    ///
    /// # Errors
    /// As [`Ufunc::call`]'s resolution.
    pub fn resolve_dtypes(&self, inputs: &[Operand], opts: &CallOptions) -> Result<Vec<DType>> {
        self.resolve_dtypes_with_out(inputs, &vec![None; self.nout], opts)
    }

    /// As [`Ufunc::resolve_dtypes`], with the dtypes of given outputs.
    ///
    /// # Errors
    /// As [`Ufunc::call`]'s resolution.
    pub fn resolve_dtypes_with_out(
        &self,
        inputs: &[Operand],
        outs: &[Option<DType>],
        opts: &CallOptions,
    ) -> Result<Vec<DType>> {
        let fixed = self.fixed_signature(opts.dtype, opts.signature.as_deref())?;
        let r = self.resolve_cached(inputs, outs, opts.casting, fixed.as_deref())?;
        Ok(r.types.to_vec())
    }
}

/// NumPy converts a Python int that meets only bool arrays to int64 before anything else,
/// so one past int64's range is an `OverflowError` there, whatever the ufunc.
///
/// # Errors
/// `OverflowError` in that case.
fn bool_meets_huge_int(inputs: &[Input]) -> Result<()> {
    let mut huge = false;
    let mut arrays = false;
    for i in inputs {
        match i {
            Input::Weak(Scalar::UInt(_)) | Input::WeakHugeInt(_) => huge = true,
            Input::Weak(_) => {}
            Input::Array(a) if a.dtype().is_bool() => arrays = true,
            Input::Array(_) => return Ok(()),
        }
    }
    if huge && arrays {
        return Err(Error::overflow("Python int too large to convert to C long"));
    }
    Ok(())
}
