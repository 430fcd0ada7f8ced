//! Ufunc promoters: rules consulted when no loop matches the operands exactly (NumPy's
//! `PyUFunc_AddPromoter`, `dispatching.cpp`).
//!
//! A promoter is a pattern of `nargs` entries (inputs then outputs), each a dtype, a weak
//! Python scalar kind, or a wildcard, and a function that answers the dtypes to look for
//! a loop with. Resolution (`resolve::resolve_uncached`, no `signature=`/`dtype=`) uses
//! them as follows:
//! 1. When every input is a strong operand and a loop has exactly the inputs' dtypes (and
//!    outputs that cast to the given `out` dtypes), promoters are not consulted.
//! 2. Otherwise the matching promoter with the fewest wildcards (the first registered
//!    among equals) is called with the operands and the given output dtypes. `None` lets
//!    the built-in rules decide (beyond NumPy, whose promoters must answer).
//! 3. Its answer (`nin` or `nargs` dtypes; a missing or `None` output is free) is
//!    searched for again: a loop with exactly those dtypes is taken; when there is none,
//!    the promoters are consulted again with the answer as strong operands (NumPy
//!    recurses the same way), at most [`MAX_DEPTH`] times; then a `TypeError` (a
//!    `UFuncTypeError`) names the ufunc, the operands and the promoted dtypes.
//! 4. The operands' casts to the loop's dtypes are then checked against `casting`, as
//!    for any resolution.
//!
//! Promoters run before the ufunc's loops are locked (they may be Python code that
//! registers loops), and their answers are cached with the resolution, so they should
//! depend on the dtypes only. Registering a promoter clears the dispatch cache.

use std::sync::Arc;

use super::Ufunc;
use crate::dtype::{can_cast, DType, Operand, WeakKind};
use crate::error::{Error, Result};

/// How many times a promoter's answer may lead to another promoter.
pub const MAX_DEPTH: usize = 4;

/// One entry of a promoter's pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatternItem {
    /// Any operand, and an output that is given or not (NumPy's `None`).
    Any,
    /// A strong operand (or given output) of this dtype, in either byte order.
    DType(DType),
    /// A weak Python scalar of this kind (`int`, `float`, `complex`).
    Weak(WeakKind),
}

impl PatternItem {
    fn matches_input(&self, op: &Operand) -> bool {
        match (self, op) {
            (PatternItem::Any, _) => true,
            (PatternItem::DType(d), Operand::Strong(o)) => d.type_id == o.type_id,
            (PatternItem::Weak(k), Operand::Weak(o)) => k == o,
            _ => false,
        }
    }
    fn matches_output(&self, out: Option<DType>) -> bool {
        match (self, out) {
            (PatternItem::Any, _) => true,
            (PatternItem::DType(d), Some(o)) => d.type_id == o.type_id,
            _ => false,
        }
    }
}

impl std::fmt::Display for PatternItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PatternItem::Any => f.write_str("*"),
            PatternItem::DType(d) => write!(f, "{d}"),
            PatternItem::Weak(WeakKind::Int) => f.write_str("int"),
            PatternItem::Weak(WeakKind::Float) => f.write_str("float"),
            PatternItem::Weak(WeakKind::Complex) => f.write_str("complex"),
        }
    }
}

/// A promoter's function: called with the ufunc, the inputs (strong dtypes or weak
/// kinds) and the given outputs' dtypes (`None` = to allocate), it answers the dtypes to
/// look for a loop with (`nin` or `nargs` of them; a `None` output is free), or `None`
/// to leave the choice to the built-in rules.
pub type PromoterFn = Arc<
    dyn Fn(&Ufunc, &[Operand], &[Option<DType>]) -> Result<Option<Vec<Option<DType>>>>
        + Send
        + Sync,
>;

/// A registered promoter: its pattern (`nargs` entries) and function.
#[derive(Clone)]
pub struct Promoter {
    /// Inputs then outputs.
    pub pattern: Vec<PatternItem>,
    /// The rule.
    pub func: PromoterFn,
}

impl Promoter {
    fn matches(&self, nin: usize, ops: &[Operand], outs: &[Option<DType>]) -> bool {
        let (pi, po) = self.pattern.split_at(nin);
        pi.iter().zip(ops).all(|(p, o)| p.matches_input(o))
            && po.iter().zip(outs).all(|(p, o)| p.matches_output(*o))
    }
    fn wildcards(&self) -> usize {
        self.pattern
            .iter()
            .filter(|p| **p == PatternItem::Any)
            .count()
    }
    fn describe(&self, nin: usize) -> String {
        let (i, o) = self.pattern.split_at(nin);
        let list = |v: &[PatternItem]| {
            v.iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!("({}) -> ({})", list(i), list(o))
    }
}

fn shown_operand(op: &Operand) -> String {
    match op {
        Operand::Strong(d) => d.to_string(),
        Operand::Weak(k) => PatternItem::Weak(*k).to_string(),
    }
}

impl Ufunc {
    /// Register a promoter (module docs): `pattern` has `nin` entries (the outputs are
    /// then wildcards) or `nargs`.
    ///
    /// # Errors
    /// `TypeError` for a pattern of the wrong length, `ValueError` when a promoter with
    /// the same pattern exists.
    pub fn register_promoter(&self, mut pattern: Vec<PatternItem>, func: PromoterFn) -> Result<()> {
        if pattern.len() == self.nin() {
            pattern.resize(self.nargs(), PatternItem::Any);
        }
        if pattern.len() != self.nargs() {
            return Err(Error::type_(format!(
                "a promoter of ufunc '{}' needs a pattern of {} (inputs) or {} (inputs and outputs) entries, got {}",
                self.name(),
                self.nin(),
                self.nargs(),
                pattern.len()
            )));
        }
        if pattern[self.nin()..]
            .iter()
            .any(|p| matches!(p, PatternItem::Weak(_)))
        {
            return Err(Error::type_(format!(
                "a promoter of ufunc '{}': an output is never a Python scalar",
                self.name()
            )));
        }
        {
            let mut ps = self.promoters.write().unwrap_or_else(|e| e.into_inner());
            if ps.iter().any(|p| p.pattern == pattern) {
                return Err(Error::value(format!(
                    "ufunc '{}' already has a promoter for {}",
                    self.name(),
                    Promoter {
                        pattern,
                        func: func.clone()
                    }
                    .describe(self.nin())
                )));
            }
            ps.push(Promoter { pattern, func });
        }
        self.clear_cache();
        Ok(())
    }

    /// The number of registered promoters.
    pub fn promoter_count(&self) -> usize {
        self.promoters
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .len()
    }

    /// The most specific promoter matching these operands, if any.
    fn find_promoter(&self, ops: &[Operand], outs: &[Option<DType>]) -> Option<Promoter> {
        let ps = self.promoters.read().unwrap_or_else(|e| e.into_inner());
        let mut best: Option<&Promoter> = None;
        for p in ps.iter().filter(|p| p.matches(self.nin(), ops, outs)) {
            if best.is_none_or(|b| p.wildcards() < b.wildcards()) {
                best = Some(p);
            }
        }
        best.cloned()
    }

    /// The index of the loop with exactly `want`'s dtypes (`None` entries free) whose
    /// outputs cast to the given ones under `casting`.
    fn exact_loop(
        &self,
        want: &[Option<DType>],
        outs: &[Option<DType>],
        casting: crate::dtype::Casting,
    ) -> Option<usize> {
        let nin = self.nin();
        self.read_loops().iter().position(|l| {
            l.types
                .iter()
                .zip(want)
                .all(|(t, w)| w.is_none_or(|w| w.type_id == t.type_id))
                && outs
                    .iter()
                    .zip(&l.types[nin..])
                    .all(|(o, &t)| o.is_none_or(|o| can_cast(t, o, casting)))
        })
    }

    /// Step 1 and 2 of the module docs: `Some(index of the loop)` when a promoter chose
    /// one, `None` when no promoter applies (or one left the choice to the built-in
    /// rules).
    ///
    /// # Errors
    /// The promoter's own error, unchanged; `TypeError` when its answer has no loop.
    pub(crate) fn promote(
        &self,
        ops: &[Operand],
        outs: &[Option<DType>],
        casting: crate::dtype::Casting,
    ) -> Result<Option<usize>> {
        if self.promoter_count() == 0 {
            return Ok(None);
        }
        let nin = self.nin();
        let strong: Option<Vec<Option<DType>>> = ops
            .iter()
            .map(|o| match o {
                Operand::Strong(d) => Some(Some(*d)),
                Operand::Weak(_) => None,
            })
            .collect();
        if let Some(mut want) = strong {
            want.resize(self.nargs(), None);
            if self.exact_loop(&want, outs, casting).is_some() {
                return Ok(None);
            }
        }
        let mut cur: Vec<Operand> = ops.to_vec();
        let mut cur_outs: Vec<Option<DType>> = outs.to_vec();
        let mut chosen: Vec<String> = Vec::new();
        for _ in 0..=MAX_DEPTH {
            let Some(p) = self.find_promoter(&cur, &cur_outs) else {
                if chosen.is_empty() {
                    return Ok(None);
                }
                break;
            };
            let Some(mut want) = (p.func)(self, &cur, &cur_outs)? else {
                if chosen.is_empty() {
                    return Ok(None);
                }
                break;
            };
            if want.len() == nin {
                want.resize(self.nargs(), None);
            }
            if want.len() != self.nargs() || want[..nin].iter().any(|w| w.is_none()) {
                return Err(Error::type_(format!(
                    "ufunc '{}': the promoter for {} must return {} input dtypes (optionally followed by {} output dtypes or None), got {} entries",
                    self.name(),
                    p.describe(nin),
                    nin,
                    self.nout(),
                    want.len()
                )));
            }
            let want: Vec<Option<DType>> = want.iter().map(|w| w.map(|d| d.to_native())).collect();
            chosen.push(
                want.iter()
                    .map(|w| w.map_or("None".to_string(), |d| d.to_string()))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            if let Some(i) = self.exact_loop(&want, outs, casting) {
                return Ok(Some(i));
            }
            let next: Vec<Operand> = want[..nin]
                .iter()
                .map(|w| Operand::Strong(w.expect("checked above")))
                .collect();
            let next_outs: Vec<Option<DType>> = want[nin..]
                .iter()
                .zip(outs)
                .map(|(w, o)| w.or(*o))
                .collect();
            if next == cur && next_outs == cur_outs {
                break;
            }
            cur = next;
            cur_outs = next_outs;
        }
        Err(Error::type_(format!(
            "ufunc '{}' did not contain a loop for the dtypes its promoter chose: ({}) promoted to ({})",
            self.name(),
            ops.iter().map(shown_operand).collect::<Vec<_>>().join(", "),
            chosen.join(") then (")
        )))
    }
}
