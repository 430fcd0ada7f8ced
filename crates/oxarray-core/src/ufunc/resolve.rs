//! Type resolution ("select" step) and the dispatch cache.
//!
//! The algorithm, per resolver rule (`ResolverHint`), mirrors NumPy 2's legacy resolvers
//! as driven by its dispatcher:
//! 1. A `signature=` (or `dtype=`, which fixes the outputs; with one output NumPy's legacy
//!    rule fixes the inputs to the same dtype) selects the first loop whose dtypes equal the
//!    fixed ones; its casts are then checked against `casting` (inputs and outputs).
//! 2. `Uniform`: `result_type` of the inputs (NEP 50: Python scalars are weak) is the
//!    dtype of every operand. `Comparison`: the same for the inputs, `bool` out.
//!    `TrueDivide`: when every input is a bool or an integer (weak ints included) the
//!    `float64` loop; otherwise the default rule.
//! 3. `Default`: NumPy's linear search: the first loop, in `types` order, that every input
//!    casts to safely (a weak int casts to any integer, float or complex dtype; a weak
//!    float to any inexact one; a weak complex to complex ones) and whose outputs cast to
//!    the given `out` arrays under `casting`.
//! 4. The inputs' casts to the loop dtypes must satisfy `casting` (they always do for the
//!    searched rules), and so must the loop's outputs to the `out` arrays.
//!
//! 0. Before all of these, the descriptor loops (`loops::DescrLoop`, NumPy's
//!    ArrayMethods: the string dtypes' loops) are matched by dtype family; the first whose
//!    families hold the inputs (and the fixed dtypes) answers the operand descriptors
//!    with its `resolve_descriptors`, checked against `casting` as in step 4.
//!
//! Errors are `TypeError`s worded as NumPy's. Successful resolutions are cached per ufunc
//! under (input dtypes and weak kinds, output dtypes, casting, signature, and the item
//! sizes of parametric operands, which descriptor loops resolve by); the cache is
//! cleared whenever a loop is registered or replaced.
//!
//! In front of that cache, the direct call path reads a small per-thread cache with no
//! lock at all ([`Ufunc::resolve_fast`]): direct-mapped slots keyed by the ufunc's stamp
//! (unique per ufunc and per state of its loops, see `Ufunc::stamp`) and the operand
//! dtypes packed into one `u64`. A miss takes the shared cache (and fills the slot).

use std::cell::RefCell;
use std::sync::Arc;

use smallvec::SmallVec;

use super::loops::{LoopFn, ResolverHint};
use super::Ufunc;
use crate::dtype::{can_cast, result_type, Builtin, Casting, DType, Operand, WeakKind};
use crate::error::{Error, Result};

/// The outcome of resolution: the loop and the dtype of each of its operands.
#[derive(Clone)]
pub struct Resolved {
    /// Loop dtypes, inputs then outputs (native byte order).
    pub types: SmallVec<[DType; 4]>,
    /// The inner loop.
    pub func: LoopFn,
    /// Its registered data.
    pub data: *const (),
    /// Its reduce variant.
    pub reduce: Option<super::loops::ReduceFn>,
    /// Its rows variant.
    pub rows: Option<super::loops::RowsFn>,
    /// It writes every output element ([`LoopEntry::writes_all`](super::loops::LoopEntry::writes_all)).
    pub writes_all: bool,
    /// Some operand (an input, a given output or a loop dtype) has reference items or
    /// needs the interpreter: inputs are converted whole before the call, never in the
    /// engine's staging buffers, and the direct path does not apply.
    pub counted: bool,
    /// The call needs the interpreter (the loop's [`LoopEntry::needs_api`](super::loops::LoopEntry::needs_api),
    /// or `counted` for a dtype with `NEEDS_API`): the bindings keep the GIL for it.
    pub needs_api: bool,
    /// The loop is a descriptor loop ([`DescrLoop`](super::loops::DescrLoop)): `types` are
    /// the descriptors its `resolve_descriptors` chose, which the loop receives in
    /// [`LoopContext::descrs`](super::loops::LoopContext::descrs).
    pub descr_loop: bool,
}

impl Resolved {
    /// The descriptors to hand the loop: `types` for a descriptor loop, else none.
    pub fn loop_descrs(&self) -> &[DType] {
        if self.descr_loop {
            &self.types
        } else {
            &[]
        }
    }
}

// SAFETY: `data` is the opaque `'static` pointer of a `LoopEntry` (see its impls); the
// resolved record only carries it back to the loop.
unsafe impl Send for Resolved {}
// SAFETY: see above.
unsafe impl Sync for Resolved {}

/// The dispatch-cache key.
pub type CacheKey = SmallVec<[u64; 12]>;

/// A cheap multiplicative hasher for the cache keys (a handful of small integers; the
/// cache is per ufunc and not exposed to untrusted keys, so SipHash buys nothing).
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl KeyHasher {
    #[inline]
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for KeyHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for c in bytes.chunks(8) {
            let mut v = [0u8; 8];
            v[..c.len()].copy_from_slice(c);
            self.add(u64::from_le_bytes(v));
        }
    }
    #[inline]
    fn write_u64(&mut self, v: u64) {
        self.add(v);
    }
    #[inline]
    fn write_usize(&mut self, v: usize) {
        self.add(v as u64);
    }
}

/// The cache's hasher builder.
pub type KeyHash = std::hash::BuildHasherDefault<KeyHasher>;

const NONE_CODE: u64 = u64::MAX;

fn code_dtype(d: DType) -> u64 {
    ((d.type_id as u64) << 2) | ((d.is_native() as u64) << 1)
}

fn code_operand(op: &Operand) -> u64 {
    match op {
        Operand::Strong(d) => code_dtype(*d),
        Operand::Weak(k) => (1 << 62) | (*k as u64),
    }
}

fn cache_key(
    ops: &[Operand],
    outs: &[Option<DType>],
    casting: Casting,
    fixed: Option<&[Option<DType>]>,
) -> CacheKey {
    let mut k: CacheKey = ops.iter().map(code_operand).collect();
    k.extend(outs.iter().map(|o| o.map_or(NONE_CODE, code_dtype)));
    k.push(casting as u64);
    if let Some(f) = fixed {
        k.push(NONE_CODE - 1);
        k.extend(f.iter().map(|o| o.map_or(NONE_CODE, code_dtype)));
    }
    // The item sizes of parametric operands (`U3` and `U4` share a class code; a
    // descriptor loop resolves them differently). Which operands these are follows from
    // the class codes above.
    let parametric = |d: &DType| d.flags & crate::dtype::flags::PARAMETRIC != 0;
    let strong = ops.iter().filter_map(|o| match o {
        Operand::Strong(d) => Some(d),
        Operand::Weak(_) => None,
    });
    for d in strong.chain(outs.iter().flatten()) {
        if parametric(d) {
            k.push(d.itemsize as u64);
        }
    }
    k
}

/// One slot of the per-thread cache.
struct FastSlot {
    stamp: u64,
    key: u64,
    resolved: Option<Arc<Resolved>>,
}

const FAST_SLOTS: usize = 64;

thread_local! {
    static FAST: RefCell<[FastSlot; FAST_SLOTS]> = const {
        RefCell::new([const { FastSlot { stamp: 0, key: 0, resolved: None } }; FAST_SLOTS])
    };
}

/// 16 bits per operand (0 = an output to allocate); `None` for an operand that does not
/// fit (a dtype registered past the 32 000th), which then takes the shared cache.
fn fast_code(op: Option<&Operand>) -> Option<u64> {
    Some(match op {
        None => 0,
        Some(Operand::Weak(k)) => 0xfff0 + *k as u64,
        Some(Operand::Strong(d)) => {
            let c = 1 + (((d.type_id as u64) << 1) | d.is_native() as u64);
            // A parametric descriptor's size does not fit here: the shared cache.
            if c >= 0xfff0 || d.flags & crate::dtype::flags::PARAMETRIC != 0 {
                return None;
            }
            c
        }
    })
}

/// The dtype NumPy shows for an operand in messages (a weak scalar's default dtype).
fn shown(op: &Operand) -> DType {
    match op {
        Operand::Strong(d) => *d,
        Operand::Weak(WeakKind::Int) => Builtin::Int64.dtype(),
        Operand::Weak(WeakKind::Float) => Builtin::Float64.dtype(),
        Operand::Weak(WeakKind::Complex) => Builtin::Complex128.dtype(),
    }
}

/// `np.can_cast` for a resolver operand: weak Python scalars follow NumPy's
/// `can_cast_pyscalar_scalar_to`.
pub fn can_cast_operand(op: &Operand, to: DType, casting: Casting) -> bool {
    match op {
        Operand::Strong(d) => can_cast(*d, to, casting),
        Operand::Weak(k) => {
            if casting == Casting::Unsafe {
                return true;
            }
            match to.kind {
                'c' => true,
                'f' => *k != WeakKind::Complex,
                'i' | 'u' => *k == WeakKind::Int,
                _ => can_cast(shown(op), to, casting),
            }
        }
    }
}

/// Weak Python scalars as the resolver treats them: a scalar the strong operands' dtype
/// can hold (an int with any integer or inexact dtype, a float with an inexact one, a
/// complex with a complex one) stays weak; otherwise (a Python int meeting only bools, a
/// float meeting integers, ...) it becomes its concrete NEP 50 dtype (`result_type` of all
/// operands). With no strong operand at all, each takes its own default dtype.
pub fn concrete_weak(ops: &[Operand]) -> Result<SmallVec<[Operand; 3]>> {
    let strong: SmallVec<[Operand; 3]> = ops
        .iter()
        .filter(|o| matches!(o, Operand::Strong(_)))
        .copied()
        .collect();
    if strong.len() == ops.len() {
        return Ok(ops.iter().copied().collect());
    }
    if strong.is_empty() {
        return Ok(ops.iter().map(|o| Operand::Strong(shown(o))).collect());
    }
    let base = result_type(&strong)?;
    ops.iter()
        .map(|o| match o {
            Operand::Weak(k) => {
                let with = result_type(&[Operand::Strong(base), *o])?;
                Ok(if with == base {
                    *o
                } else {
                    let _ = k;
                    Operand::Strong(with)
                })
            }
            s => Ok(*s),
        })
        .collect()
}

/// NumPy's name for a DType class in "no loop" messages.
fn dtype_class(d: DType) -> String {
    use Builtin as B;
    let base = match d.builtin {
        Some(B::Bool) => "Bool",
        Some(B::Int8) => "Int8",
        Some(B::Int16) => "Int16",
        Some(B::Int32) => "Int32",
        Some(B::Int64) => "Int64",
        Some(B::UInt8) => "UInt8",
        Some(B::UInt16) => "UInt16",
        Some(B::UInt32) => "UInt32",
        Some(B::UInt64) => "UInt64",
        Some(B::Float16) => "Float16",
        Some(B::Float32) => "Float32",
        Some(B::Float64) => "Float64",
        Some(B::Complex64) => "Complex64",
        Some(B::Complex128) => "Complex128",
        // NumPy's name of a user DType's class (`numpy.dtype[bfloat16]` with ml_dtypes).
        None => return format!("<class 'numpy.dtype[{}]'>", d.name),
    };
    format!("<class 'numpy.dtypes.{base}DType'>")
}

fn no_loop_error(uf: &Ufunc, ops: &[Operand]) -> Error {
    let parts: Vec<String> = ops.iter().map(|o| dtype_class(shown(o))).collect();
    let inner = if parts.len() == 1 {
        format!("({},)", parts[0])
    } else {
        format!("({})", parts.join(", "))
    };
    Error::type_(format!(
        "ufunc '{}' did not contain a loop with signature matching types {inner} -> None",
        uf.name()
    ))
}

fn input_cast_error(uf: &Ufunc, i: usize, from: DType, to: DType, casting: Casting) -> Error {
    Error::type_(format!(
        "Cannot cast ufunc '{}' input {i} from dtype('{from}') to dtype('{to}') with casting rule '{}'",
        uf.name(),
        casting.as_str()
    ))
}

fn output_cast_error(uf: &Ufunc, i: usize, from: DType, to: DType, casting: Casting) -> Error {
    let which = if uf.nout() == 1 {
        "output".to_string()
    } else {
        format!("output {i}")
    };
    Error::type_(format!(
        "Cannot cast ufunc '{}' {which} from dtype('{from}') to dtype('{to}') with casting rule '{}'",
        uf.name(),
        casting.as_str()
    ))
}

impl Ufunc {
    /// Resolve with the dispatch cache: the loop and operand dtypes for these inputs,
    /// outputs (`None` = to allocate), casting and fixed signature.
    ///
    /// # Errors
    /// `TypeError` as NumPy's when no loop fits or a cast is not allowed.
    pub fn resolve_cached(
        &self,
        ops: &[Operand],
        outs: &[Option<DType>],
        casting: Casting,
        fixed: Option<&[Option<DType>]>,
    ) -> Result<Arc<Resolved>> {
        let key = cache_key(ops, outs, casting, fixed);
        if let Some(r) = self
            .cache
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return Ok(r.clone());
        }
        let r = Arc::new(self.resolve_uncached(ops, outs, casting, fixed)?);
        let mut cache = self.cache.write().unwrap_or_else(|e| e.into_inner());
        // Bound the cache: a pathological caller cycling through signatures cannot grow it
        // without limit.
        if cache.len() > 4096 {
            cache.clear();
        }
        cache.insert(key, r.clone());
        Ok(r)
    }

    /// [`Ufunc::resolve_cached`] for default options (`same_kind`, nothing fixed) and at
    /// most one output, through the per-thread cache (module docs). `None` when resolution
    /// fails (the general path then raises the error).
    pub(crate) fn resolve_fast(
        &self,
        ops: &[Operand],
        out: Option<DType>,
    ) -> Option<Arc<Resolved>> {
        let out_op = out.map(Operand::Strong);
        let mut key = 0u64;
        let mut packed = ops.len() < 4;
        for (i, op) in ops.iter().map(Some).chain([out_op.as_ref()]).enumerate() {
            match fast_code(op) {
                Some(c) if packed => key |= c << (16 * i),
                _ => packed = false,
            }
        }
        let outs = [out];
        if !packed {
            return self
                .resolve_cached(ops, &outs[..self.nout()], Casting::SameKind, None)
                .ok();
        }
        let stamp = self.stamp();
        let slot = (stamp ^ key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 58) as usize % FAST_SLOTS;
        let hit = FAST.with(|c| {
            let c = c.borrow();
            let s = &c[slot];
            (s.stamp == stamp && s.key == key)
                .then(|| s.resolved.clone())
                .flatten()
        });
        if hit.is_some() {
            return hit;
        }
        let r = self
            .resolve_cached(ops, &outs[..self.nout()], Casting::SameKind, None)
            .ok()?;
        FAST.with(|c| {
            // A loop running Python code could hold no borrow here: none is taken across
            // a call out of this module.
            if let Ok(mut c) = c.try_borrow_mut() {
                c[slot] = FastSlot {
                    stamp,
                    key,
                    resolved: Some(r.clone()),
                };
            }
        });
        Some(r)
    }

    /// The fixed dtypes from `dtype=` and `signature=` (see the module docs), or `None`.
    ///
    /// # Errors
    /// `ValueError` for a signature of the wrong length, `TypeError` when both are given.
    pub fn fixed_signature(
        &self,
        dtype: Option<DType>,
        signature: Option<&[Option<DType>]>,
    ) -> Result<Option<Vec<Option<DType>>>> {
        let n = self.nargs();
        match (dtype, signature) {
            (None, None) => Ok(None),
            (Some(_), Some(_)) => Err(Error::type_("cannot specify both 'signature' and 'dtype'")),
            (Some(d), None) => {
                let d = d.to_native();
                let mut v = vec![None; n];
                for slot in v.iter_mut().skip(self.nin()) {
                    *slot = Some(d);
                }
                Ok(Some(self.legacy_fill(v)))
            }
            (None, Some(sig)) => {
                if sig.len() == 1 && n > 1 {
                    // A single dtype means the same for every operand (NumPy's `sig='d'`).
                    return Ok(Some(vec![sig[0].map(|d| d.to_native()); n]));
                }
                if sig.len() != n {
                    return Err(Error::value(format!(
                        "a type-tuple must be specified of length {n} (or 1) for ufunc '{}'",
                        self.name()
                    )));
                }
                let v: Vec<Option<DType>> = sig.iter().map(|o| o.map(|d| d.to_native())).collect();
                Ok(Some(self.legacy_fill(v)))
            }
        }
    }

    /// NumPy's legacy rule: with exactly one output and only it fixed, the inputs get the
    /// same dtype (`dtype=` historically named the loop).
    fn legacy_fill(&self, mut v: Vec<Option<DType>>) -> Vec<Option<DType>> {
        let nin = self.nin();
        // Comparisons: `dtype=bool` only names the output they always have.
        if self.resolver() == ResolverHint::Comparison
            && v[..nin].iter().all(|o| o.is_none())
            && v[nin..].iter().all(|o| o.is_some_and(|d| d.is_bool()))
        {
            return vec![None; v.len()];
        }
        if self.nout() == 1 && v[..nin].iter().all(|o| o.is_none()) {
            if let Some(d) = v[nin] {
                for slot in v.iter_mut().take(nin) {
                    *slot = Some(d);
                }
            }
        }
        v
    }

    fn special_refusals(&self, ops: &[Operand]) -> Result<()> {
        let is_bool = |o: &Operand| matches!(o, Operand::Strong(d) if d.is_bool());
        match self.name() {
            "subtract" if ops.len() == 2 && ops.iter().all(is_bool) => Err(Error::type_(
                "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
            )),
            "negative" if ops.len() == 1 && is_bool(&ops[0]) => Err(Error::type_(
                "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
            )),
            _ => Ok(()),
        }
    }

    /// Resolution without the cache (see the module docs), with the call's execution
    /// flags ([`Resolved::counted`], [`Resolved::needs_api`]) settled once for it.
    ///
    /// # Errors
    /// As [`Ufunc::resolve_cached`].
    pub fn resolve_uncached(
        &self,
        ops: &[Operand],
        outs: &[Option<DType>],
        casting: Casting,
        fixed: Option<&[Option<DType>]>,
    ) -> Result<Resolved> {
        let mut r = self.resolve_search(ops, outs, casting, fixed)?;
        let counted = |t: DType| t.has_refs() || t.needs_api();
        r.counted = r.types.iter().any(|&t| counted(t))
            || ops
                .iter()
                .any(|o| matches!(o, Operand::Strong(d) if counted(*d)))
            || outs.iter().flatten().any(|&d| counted(d));
        let api = |t: DType| t.needs_api();
        r.needs_api = r.needs_api
            || r.types.iter().any(|&t| api(t))
            || ops
                .iter()
                .any(|o| matches!(o, Operand::Strong(d) if api(*d)))
            || outs.iter().flatten().any(|&d| api(d));
        Ok(r)
    }

    fn resolve_search(
        &self,
        ops: &[Operand],
        outs: &[Option<DType>],
        casting: Casting,
        fixed: Option<&[Option<DType>]>,
    ) -> Result<Resolved> {
        let nin = self.nin();
        if ops.len() != nin || outs.len() != self.nout() {
            return Err(Error::value(format!(
                "ufunc '{}' takes {nin} inputs and {} outputs",
                self.name(),
                self.nout()
            )));
        }
        if let Some(r) = self.resolve_descr_loop(ops, outs, casting, fixed)? {
            return Ok(r);
        }
        // The select rule runs before the loops are locked: it may be user code that
        // registers loops.
        let selected = match (fixed, self.select()) {
            (None, Some(select)) => select(ops)?,
            _ => None,
        };
        // Promoters (see `promote`), also before the loops are locked.
        let promoted = match (fixed, &selected) {
            (None, None) => self.promote(ops, outs, casting)?,
            _ => None,
        };
        let loops = self.read_loops();
        let pick = |i: usize| {
            let l = &loops[i];
            Resolved {
                types: l.types.iter().copied().collect(),
                func: l.func,
                data: l.data,
                reduce: l.reduce,
                rows: l.rows,
                writes_all: l.writes_all,
                counted: false,
                needs_api: l.needs_api,
                descr_loop: false,
            }
        };
        if let Some(fixed) = fixed {
            if fixed.iter().all(|f| f.is_none()) {
                drop(loops);
                return self.resolve_search(ops, outs, casting, None);
            }
            // Uniform rules fill the free positions with the common dtype of the inputs
            // (fixed ones substituted), as NumPy's default promoter does; the loop must
            // then match exactly.
            let mut want: Vec<Option<DType>> = fixed.to_vec();
            let nin = self.nin();
            if matches!(
                self.resolver(),
                ResolverHint::Uniform | ResolverHint::Comparison
            ) && fixed.iter().any(|f| f.is_none())
            {
                let eff: SmallVec<[Operand; 3]> = ops
                    .iter()
                    .zip(fixed)
                    .map(|(o, f)| f.map_or(*o, Operand::Strong))
                    .collect();
                // Homogeneous fixed outputs name the common dtype (NumPy's default
                // promoter); else the inputs' common dtype.
                let fixed_outs: SmallVec<[Option<DType>; 2]> =
                    fixed[nin..].iter().copied().collect();
                let common = match fixed_outs.first() {
                    Some(Some(d)) if fixed_outs.iter().all(|o| *o == Some(*d)) => *d,
                    _ => result_type(&eff)?,
                };
                for (k, w) in want.iter_mut().enumerate() {
                    if w.is_none() {
                        *w = Some(if k >= nin && self.resolver() == ResolverHint::Comparison {
                            Builtin::Bool.dtype()
                        } else {
                            common
                        });
                    }
                }
            }
            let matching = loops.iter().position(|l| {
                l.types
                    .iter()
                    .zip(&want)
                    .all(|(t, f)| f.is_none_or(|f| f.type_id == t.type_id))
            });
            let Some(i) = matching else {
                return Err(Error::type_(format!(
                    "No loop matching the specified signature and casting was found for ufunc {}",
                    self.name()
                )));
            };
            let r = pick(i);
            drop(loops);
            self.special_refusals(ops)?;
            self.validate(ops, outs, &r.types, casting)?;
            return Ok(r);
        }
        self.special_refusals(ops)?;
        if let Some(i) = promoted {
            let r = pick(i);
            drop(loops);
            self.validate(ops, outs, &r.types, casting)?;
            return Ok(r);
        }
        if let Some(want) = selected {
            let found = (want.len() == self.nargs())
                .then(|| loops.iter().position(|l| l.types == want))
                .flatten();
            let Some(i) = found else {
                return Err(Error::type_(format!(
                    "ufunc '{}': the select rule chose the loop {}, which the ufunc does not have",
                    self.name(),
                    want.iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            };
            let r = pick(i);
            drop(loops);
            self.validate(ops, outs, &r.types, casting)?;
            return Ok(r);
        }
        let concrete = concrete_weak(ops)?;
        let orig_ops = ops;
        let ops: &[Operand] = &concrete;
        let all_int = || {
            ops.iter().all(|o| match o {
                Operand::Strong(d) => d.is_bool() || d.is_integer(),
                Operand::Weak(k) => *k == WeakKind::Int,
            })
        };
        let special = self.special_promotion(orig_ops);
        let logical = special.is_some() && self.name().starts_with("logical_");
        // NumPy resolves gcd and lcm with its uniform resolver (generate_umath.py); the
        // kernels' table files them under the default search.
        let hint = match self.name() {
            "gcd" | "lcm" => ResolverHint::Uniform,
            _ => self.resolver(),
        };
        let uniform = if let Some(w) = special {
            Some(w)
        } else {
            match hint {
                ResolverHint::Uniform | ResolverHint::Comparison => {
                    let dt = result_type(ops)?;
                    let mut want: SmallVec<[DType; 4]> = SmallVec::from_elem(dt, nin);
                    for _ in 0..self.nout() {
                        want.push(if hint == ResolverHint::Comparison {
                            Builtin::Bool.dtype()
                        } else {
                            dt
                        });
                    }
                    Some(want)
                }
                ResolverHint::TrueDivide if all_int() => {
                    Some(SmallVec::from_elem(Builtin::Float64.dtype(), self.nargs()))
                }
                _ => None,
            }
        };
        if let Some(want) = uniform {
            let found = loops.iter().position(|l| {
                l.types
                    .iter()
                    .zip(&want)
                    .all(|(t, w)| t.type_id == w.type_id)
            });
            let Some(i) = found else {
                return Err(no_loop_error(self, ops));
            };
            let r = pick(i);
            drop(loops);
            // NumPy's logical promoter casts any input to bool, whatever `casting` says.
            let checked: &[Operand] = if logical { &[] } else { orig_ops };
            self.validate(checked, outs, &r.types, casting)?;
            return Ok(r);
        }
        // A registered dtype among the inputs: a loop registered for exactly the inputs'
        // dtypes comes first (NumPy's dispatcher matches a user dtype's loops by their
        // DTypes before any promotion or legacy search; with built-in inputs only, the
        // search below already gives its answer). A weak scalar stands for the dtype it
        // takes with the others (`power(bf16_array, 2)` runs the bfloat16 loop).
        if ops
            .iter()
            .any(|o| matches!(o, Operand::Strong(d) if d.builtin.is_none()))
        {
            if let Ok(common) = result_type(ops) {
                let want: SmallVec<[DType; 3]> = ops
                    .iter()
                    .map(|o| match o {
                        Operand::Strong(d) => *d,
                        Operand::Weak(_) => common,
                    })
                    .collect();
                let exact = loops.iter().position(|l| {
                    l.types[..nin]
                        .iter()
                        .zip(&want)
                        .all(|(t, w)| t.type_id == w.type_id)
                        && outs
                            .iter()
                            .zip(&l.types[nin..])
                            .all(|(o, &t)| o.is_none_or(|o| can_cast(t, o, casting)))
                });
                if let Some(i) = exact {
                    return Ok(pick(i));
                }
            }
        }
        // Default: NumPy's linear search: the loops registered for a user dtype among
        // the operands first (`linear_search_userloop_type_resolver`:
        // `remainder(bfloat16, int8)` runs the bfloat16 loop, not float32's), then the
        // built-in loops; a loop of a user dtype no operand has is not a candidate
        // (`ldexp(bool, uint64)` raises, it does not find bfloat16's loop).
        let input_casting = casting.min(Casting::Safe);
        let mut bad_output: Option<(DType, DType)> = None;
        let present = |t: &DType| {
            ops.iter()
                .any(|o| matches!(o, Operand::Strong(d) if d.type_id == t.type_id))
                || outs.iter().flatten().any(|d| d.type_id == t.type_id)
        };
        let user =
            |l: &super::loops::LoopEntry| l.types.iter().any(|t| t.builtin.is_none() && present(t));
        // Loops of a legacy registered dtype (`object`) are candidates when an operand
        // has it or when they are the ufunc's only loops (`frompyfunc`), as NumPy's
        // `ufunc_loop_matches` skips object loops for non-object inputs.
        let only_loop = loops.len() == 1;
        let builtin = |l: &super::loops::LoopEntry| {
            l.types.iter().all(|t| {
                t.builtin.is_some()
                    || (t.flags & crate::dtype::flags::LEGACY != 0 && (only_loop || present(t)))
            })
        };
        let order = loops
            .iter()
            .enumerate()
            .filter(|(_, l)| user(l))
            .chain(loops.iter().enumerate().filter(|(_, l)| builtin(l)));
        for (i, l) in order {
            let (ti, to) = l.types.split_at(nin);
            if !ops
                .iter()
                .zip(ti)
                .all(|(o, &t)| can_cast_operand(o, t, input_casting))
            {
                continue;
            }
            let mut ok = true;
            for (o, &t) in outs.iter().zip(to) {
                if let Some(o) = o {
                    if !can_cast(t, *o, casting) {
                        bad_output.get_or_insert((t, *o));
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                return Ok(pick(i));
            }
        }
        // No loop for a registered dtype: name the dtypes (NumPy's message for this case
        // names neither, which says nothing useful about a user dtype).
        if loops.is_empty()
            || ops
                .iter()
                .any(|o| matches!(o, Operand::Strong(d) if d.builtin.is_none()))
        {
            return Err(no_loop_error(self, ops));
        }
        Err(match bad_output {
            Some((from, to)) => Error::type_(format!(
                "ufunc '{}' output (typecode '{}') could not be coerced to provided output parameter (typecode '{}') according to the casting rule '{}'",
                self.name(),
                from.char,
                to.char,
                casting.as_str()
            )),
            // NumPy's words, then (beyond NumPy's message) the input dtypes.
            None => Error::type_(format!(
                "ufunc '{}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''{}'' (input types: {})",
                self.name(),
                input_casting.as_str(),
                ops.iter()
                    .map(|o| shown(o).to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        })
    }

    /// The descriptor loops' turn (NumPy's dispatcher matches ArrayMethods by DType
    /// class first): the first [`DescrLoop`](super::loops::DescrLoop) whose families hold
    /// the inputs (a weak Python scalar as its default dtype) and the fixed dtypes, with
    /// the descriptors its `resolve_descriptors` answers, checked against `casting`.
    /// `None` when no descriptor loop matches.
    fn resolve_descr_loop(
        &self,
        ops: &[Operand],
        outs: &[Option<DType>],
        casting: Casting,
        fixed: Option<&[Option<DType>]>,
    ) -> Result<Option<Resolved>> {
        if !self.has_descr_loops() {
            return Ok(None);
        }
        let ins: SmallVec<[DType; 3]> = ops.iter().map(|o| shown(o).to_native()).collect();
        let fixed = fixed.filter(|f| f.iter().any(|d| d.is_some()));
        let Some(l) = self.find_descr_loop(&ins, fixed) else {
            return Ok(None);
        };
        let outs_native: SmallVec<[Option<DType>; 2]> =
            outs.iter().map(|o| o.map(|d| d.to_native())).collect();
        let types = (l.resolve)(&ins, &outs_native)?;
        if types.len() != self.nargs() {
            return Err(Error::type_(format!(
                "ufunc '{}': a descriptor loop resolved {} descriptors, expected {}",
                self.name(),
                types.len(),
                self.nargs()
            )));
        }
        // The engine converts an operand of the loop's class by swapping bytes only, so
        // a descriptor loop must keep the size of such an operand.
        let strong_ins = ops.iter().zip(types.iter()).filter_map(|(o, t)| match o {
            Operand::Strong(d) => Some((d.to_native(), t)),
            Operand::Weak(_) => None,
        });
        let given_outs = outs_native
            .iter()
            .zip(&types[self.nin()..])
            .filter_map(|(o, t)| o.map(|o| (o, t)));
        let fixed_size = strong_ins
            .chain(given_outs)
            .all(|(d, t)| d.type_id != t.type_id || d.itemsize == t.itemsize);
        if !fixed_size {
            return Err(Error::type_(format!(
                "ufunc '{}': a descriptor loop resolved an operand to another size of its own class",
                self.name()
            )));
        }
        let checked: &[Operand] = if l.free_input_casts { &[] } else { ops };
        self.validate(checked, outs, &types, casting)?;
        Ok(Some(Resolved {
            types: types.into_iter().collect(),
            func: l.func,
            data: std::ptr::null(),
            reduce: None,
            rows: None,
            writes_all: false,
            counted: false,
            needs_api: false,
            descr_loop: true,
        }))
    }

    /// NumPy's promoters registered by name: logical ufuncs with differing inputs run in
    /// bool; comparisons of a signed integer with uint64 use the exact mixed loops.
    fn special_promotion(&self, ops: &[Operand]) -> Option<SmallVec<[DType; 4]>> {
        let strong = |o: &Operand| match o {
            Operand::Strong(d) => Some(*d),
            Operand::Weak(_) => None,
        };
        if ops.len() != 2 {
            return None;
        }
        let bool_ = Builtin::Bool.dtype();
        if matches!(self.name(), "logical_and" | "logical_or" | "logical_xor") {
            // NumPy's `logical_ufunc_promoter`: an object operand forces the object loop
            // (its `a and b` semantics) for all three operands.
            let object = ops
                .iter()
                .find_map(|o| strong(o).filter(|d| is_object_like(*d)));
            if let Some(o) = object {
                return Some(SmallVec::from_elem(o.to_native(), 3));
            }
            // A Python scalar is a DType of its own here: it differs from any array's.
            let same = match (strong(&ops[0]), strong(&ops[1])) {
                (Some(a), Some(b)) => {
                    a.type_id == b.type_id || a.builtin.is_none() || b.builtin.is_none()
                }
                _ => false,
            };
            return (!same).then(|| SmallVec::from_elem(bool_, 3));
        }
        let (a, b) = (strong(&ops[0])?, strong(&ops[1])?);
        if self.resolver() == ResolverHint::Comparison {
            let u8_ = Builtin::UInt64.dtype();
            let i8_ = Builtin::Int64.dtype();
            let signed = |d: DType| d.kind == 'i';
            if signed(a) && b.type_id == u8_.type_id {
                return Some(SmallVec::from_slice(&[i8_, u8_, bool_]));
            }
            if a.type_id == u8_.type_id && signed(b) {
                return Some(SmallVec::from_slice(&[u8_, i8_, bool_]));
            }
        }
        None
    }

    /// Check the casts of inputs to the loop and of the loop to the outputs.
    fn validate(
        &self,
        ops: &[Operand],
        outs: &[Option<DType>],
        types: &[DType],
        casting: Casting,
    ) -> Result<()> {
        let nin = self.nin();
        for (i, (o, &t)) in ops.iter().zip(types).enumerate() {
            if !can_cast_operand(o, t, casting) {
                return Err(input_cast_error(self, i, shown(o), t, casting));
            }
        }
        for (i, (o, &t)) in outs.iter().zip(&types[nin..]).enumerate() {
            if let Some(o) = o {
                if !can_cast(t, *o, casting) {
                    return Err(output_cast_error(self, i, t, *o, casting));
                }
            }
        }
        Ok(())
    }
}

/// NumPy's `object` dtype (registered by the bindings as a legacy, opaque dtype of kind
/// `'O'`), which some of NumPy's promoters single out.
pub(crate) fn is_object_like(d: DType) -> bool {
    use crate::dtype::flags;
    d.kind == 'O' && d.flags & (flags::LEGACY | flags::OPAQUE) == flags::LEGACY | flags::OPAQUE
}
