//! Generalized ufuncs: core-dimension signatures such as `(n?,k),(k,m?)->(n?,m?)`.
//!
//! The algorithm of [`execute`]:
//! 1. Each operand's trailing axes are its core axes, one per name in its part of the
//!    signature. An operand with fewer axes than that may drop its *flexible* (`?`) dims,
//!    all of them: they then count as size 1 and are dropped from every output too
//!    (matmul with a vector).
//! 2. Core sizes are read off the inputs (and given outputs) and must agree; fixed sizes
//!    (`(3)`) must match; an output-only dimension needs a given output.
//! 3. The remaining leading axes are loop axes, broadcast together; outputs get the loop
//!    shape followed by their core sizes.
//! 4. Inputs not already in the loop dtype (native, aligned) are converted first; outputs
//!    that are not are computed into a temporary and copied in.
//! 5. The loop is called once per innermost run of loop axes, with the core sizes (one per
//!    distinct name, in order of first appearance) and each operand's core strides (one per
//!    name in its part, missing flexible dims with stride 0) in its `LoopContext`.

use smallvec::SmallVec;

use super::exec::broadcast;
use super::fpstatus;
use super::loops::LoopContext;
use super::{CallOptions, CallOutput, Outputs, Resolved, Ufunc};
use crate::array::Array;
use crate::error::{Error, Result};
use crate::iter::{copy_as, copy_into};
use crate::layout::{self, fmt_shape, Order};

/// One named core dimension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoreDim {
    /// The name (`"n"`), or the digits of a fixed size.
    pub name: String,
    /// A fixed size (`(3)`).
    pub fixed: Option<usize>,
    /// May be missing (`n?`).
    pub flexible: bool,
}

/// A parsed core signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoreSignature {
    /// Distinct dimensions in order of first appearance.
    pub dims: Vec<CoreDim>,
    /// Per input, indices into `dims`.
    pub inputs: Vec<Vec<usize>>,
    /// Per output, indices into `dims`.
    pub outputs: Vec<Vec<usize>>,
    text: String,
}

fn bad(sig: &str, why: &str) -> Error {
    Error::value(format!("not a valid gufunc signature: {sig:?} ({why})"))
}

impl CoreSignature {
    /// Parse `"(n,k),(k,m)->(n,m)"` (names, integers, `?` for flexible dims).
    ///
    /// # Errors
    /// `ValueError` naming the signature and what is wrong.
    pub fn parse(sig: &str) -> Result<CoreSignature> {
        let text: String = sig.chars().filter(|c| !c.is_whitespace()).collect();
        let (lhs, rhs) = text.split_once("->").ok_or_else(|| bad(sig, "no '->'"))?;
        let mut dims: Vec<CoreDim> = Vec::new();
        let mut parse_side = |side: &str| -> Result<Vec<Vec<usize>>> {
            let mut groups = Vec::new();
            let mut rest = side;
            loop {
                rest = rest
                    .strip_prefix('(')
                    .ok_or_else(|| bad(sig, "expected '('"))?;
                let close = rest.find(')').ok_or_else(|| bad(sig, "missing ')'"))?;
                let body = &rest[..close];
                let mut group = Vec::new();
                if !body.is_empty() {
                    for item in body.split(',') {
                        let (name, flexible) = match item.strip_suffix('?') {
                            Some(n) => (n, true),
                            None => (item, false),
                        };
                        let valid = !name.is_empty()
                            && (name.chars().all(|c| c.is_ascii_digit())
                                || (name.chars().all(|c| c.is_alphanumeric() || c == '_')
                                    && !name.starts_with(|c: char| c.is_ascii_digit())));
                        if !valid {
                            return Err(bad(sig, "bad dimension name"));
                        }
                        let fixed = name.parse::<usize>().ok();
                        let idx = match dims.iter().position(|d| d.name == name) {
                            Some(i) => {
                                if dims[i].flexible != flexible {
                                    return Err(bad(sig, "inconsistent '?'"));
                                }
                                i
                            }
                            None => {
                                dims.push(CoreDim {
                                    name: name.to_string(),
                                    fixed,
                                    flexible,
                                });
                                dims.len() - 1
                            }
                        };
                        group.push(idx);
                    }
                }
                groups.push(group);
                rest = &rest[close + 1..];
                if rest.is_empty() {
                    return Ok(groups);
                }
                rest = rest
                    .strip_prefix(',')
                    .ok_or_else(|| bad(sig, "expected ','"))?;
            }
        };
        let inputs = parse_side(lhs)?;
        let outputs = parse_side(rhs)?;
        Ok(CoreSignature {
            dims,
            inputs,
            outputs,
            text,
        })
    }
    /// Number of inputs.
    pub fn nin(&self) -> usize {
        self.inputs.len()
    }
    /// Number of outputs.
    pub fn nout(&self) -> usize {
        self.outputs.len()
    }
    /// The signature as written (without spaces).
    pub fn text(&self) -> &str {
        &self.text
    }
    fn part(&self, op: usize) -> &[usize] {
        if op < self.inputs.len() {
            &self.inputs[op]
        } else {
            &self.outputs[op - self.inputs.len()]
        }
    }
}

/// Execute a gufunc call (see the module docs).
///
/// # Errors
/// `ValueError` for missing or mismatched core dimensions (naming the shapes), shapes
/// that do not broadcast; allocation and loop errors.
pub fn execute(
    uf: &Ufunc,
    r: &Resolved,
    inputs: SmallVec<[Array; 3]>,
    outs: &[Option<Array>],
    opts: &CallOptions,
) -> Result<CallOutput> {
    let sig = uf
        .core_signature()
        .ok_or_else(|| Error::value("not a generalized ufunc"))?;
    if opts.where_.is_some() {
        return Err(cold(|| {
            Error::value(format!(
                "{}: 'where' is not supported for generalized ufuncs",
                uf.name()
            ))
        }));
    }
    let nin = uf.nin();
    let nout = uf.nout();
    let ndims = sig.dims.len();
    // Small inline vectors throughout: a gufunc call on small operands is dominated by
    // this bookkeeping, and heap allocations were most of it.
    let mut missing: SmallVec<[bool; 8]> = smallvec::smallvec![false; ndims];
    let mut sizes: SmallVec<[Option<usize>; 8]> = sig.dims.iter().map(|d| d.fixed).collect();
    // 1-2. Core dims of inputs and given outputs.
    let operand_shapes: SmallVec<[Option<&[usize]>; 4]> = inputs
        .iter()
        .map(|a| Some(a.shape()))
        .chain((0..nout).map(|j| outs.get(j).and_then(|o| o.as_ref()).map(|a| a.shape())))
        .collect();
    let mut loop_shapes: SmallVec<[&[usize]; 4]> = SmallVec::new();
    let mut out_loop_shapes: SmallVec<[&[usize]; 2]> = SmallVec::new();
    for (op, shp) in operand_shapes.iter().enumerate() {
        let Some(shp) = shp else { continue };
        let part = sig.part(op);
        let flex: SmallVec<[usize; 4]> = part
            .iter()
            .copied()
            .filter(|&d| sig.dims[d].flexible)
            .collect();
        let mut present: SmallVec<[usize; 4]> = SmallVec::from_slice(part);
        if shp.len() < part.len() {
            let deficit = part.len() - shp.len();
            if deficit != flex.len() {
                let what = if op < nin { "Input" } else { "Output" };
                let idx = if op < nin { op } else { op - nin };
                return Err(cold(|| {
                    Error::value(format!(
                    "{}: {what} operand {idx} does not have enough dimensions (has {}, gufunc core with signature {} requires {})",
                    uf.name(),
                    shp.len(),
                    sig.text(),
                    part.len() - flex.len()
                ))
                }));
            }
            for &d in &flex {
                missing[d] = true;
            }
            present.retain(|d| !flex.contains(d));
        }
        let ncore = present.len();
        let (lead, core) = shp.split_at(shp.len() - ncore);
        if op < nin {
            loop_shapes.push(lead);
        } else {
            out_loop_shapes.push(lead);
        }
        for (k, &d) in present.iter().enumerate() {
            match sizes[d] {
                Some(s) if s != core[k] => {
                    let what = if op < nin { "Input" } else { "Output" };
                    let idx = if op < nin { op } else { op - nin };
                    return Err(cold(|| {
                        Error::value(format!(
                        "{}: {what} operand {idx} has a mismatch in its core dimension {k}, with gufunc signature {} (size {} is different from {})",
                        uf.name(),
                        sig.text(),
                        core[k],
                        s
                    ))
                    }));
                }
                _ => sizes[d] = Some(core[k]),
            }
        }
    }
    for (d, m) in missing.iter().enumerate() {
        if *m {
            sizes[d] = Some(1);
        }
    }
    let core_sizes: SmallVec<[usize; 8]> = sizes
        .iter()
        .enumerate()
        .map(|(d, s)| {
            s.ok_or_else(|| {
                cold(|| Error::value(format!(
                    "{}: Output operand has core dimension {} unspecified, with gufunc signature {}",
                    uf.name(),
                    sig.dims[d].name,
                    sig.text()
                )))
            })
        })
        .collect::<Result<_>>()?;
    // 3. Loop shape.
    let loop_shape = broadcast(&loop_shapes)?;
    for ls in &out_loop_shapes {
        if *ls != loop_shape.as_slice() {
            return Err(cold(|| {
                Error::value(format!(
                "{}: non-broadcastable output operand with loop shape {} doesn't match the broadcast shape {}",
                uf.name(),
                fmt_shape(ls),
                fmt_shape(&loop_shape)
            ))
            }));
        }
    }
    drop((operand_shapes, loop_shapes, out_loop_shapes));
    // 4. Operands in loop dtypes (moved, not cloned, when they already are). A given
    // output is checked for overlap with these: an input that was converted is a fresh
    // copy, read in full before the output is written.
    let aligned_native =
        |a: &Array, want| a.dtype() == want && a.dtype().is_native() && a.is_aligned();
    let mut work_in = inputs;
    for (i, a) in work_in.iter_mut().enumerate() {
        let want = r.types[i];
        if !aligned_native(a, want) {
            *a = copy_as(a, want, Order::C)?;
        }
    }
    // Per output: the given array to copy the result into, when it is not computed in
    // place (`None`: the work array is the result).
    let mut copy_back: SmallVec<[Option<Array>; 2]> = SmallVec::new();
    let mut work_out: Outputs = SmallVec::new();
    for j in 0..nout {
        let want = r.types[nin + j];
        let mut shape: SmallVec<[usize; 8]> = SmallVec::from_slice(&loop_shape);
        shape.extend(
            sig.outputs[j]
                .iter()
                .filter(|&&d| !missing[d])
                .map(|&d| core_sizes[d]),
        );
        match outs.get(j).and_then(|o| o.as_ref()) {
            Some(o) => {
                o.check_writeable()?;
                if o.shape() != shape.as_slice() {
                    return Err(out_shape_error(uf.name(), j, o.shape(), &shape));
                }
                let overlaps = work_in.iter().any(|a| a.may_share_memory(o));
                if aligned_native(o, want) && !overlaps {
                    work_out.push(o.clone());
                    copy_back.push(None);
                } else {
                    work_out.push(super::alloc::zeros(&shape, want, Order::C)?);
                    copy_back.push(Some(o.clone()));
                }
            }
            None => {
                // A loop that writes every output element (matmul's, cholesky's, inv's,
                // solve's: `LoopEntry::writes_all`) gets an uninitialised output: a large
                // zeroed one is a fresh mapping, faulted in page by page on every call
                // (1,954 faults, ~3.5 ms of a 15 ms cholesky 1000x1000), where an
                // uninitialised one reuses a kept block. On an error the output is dropped.
                let a = if r.writes_all {
                    // SAFETY: see above: the loop writes every element before any is read.
                    unsafe { super::alloc::for_overwrite(&shape, want, Order::C)? }
                } else {
                    super::alloc::zeros(&shape, want, Order::C)?
                };
                work_out.push(a);
                copy_back.push(None);
            }
        }
    }
    // 5. Core strides and loop strides per operand.
    let mut core_strides: SmallVec<[isize; 12]> = SmallVec::new();
    let mut loop_strides: SmallVec<[layout::Strides; 4]> = SmallVec::new();
    let all: SmallVec<[&Array; 4]> = work_in.iter().chain(work_out.iter()).collect();
    for (op, a) in all.iter().enumerate() {
        let part = sig.part(op);
        let npresent = part.iter().filter(|&&d| !missing[d]).count();
        let lead = a.ndim() - npresent;
        let mut k = lead;
        for &d in part {
            if missing[d] {
                core_strides.push(0);
            } else {
                core_strides.push(a.strides()[k]);
                k += 1;
            }
        }
        let ls = layout::broadcast_strides(&a.shape()[..lead], &a.strides()[..lead], &loop_shape)?;
        loop_strides.push(ls);
    }
    let ctx = LoopContext::with_core(r.data, opts.check_int_overflow, &core_sizes, &core_strides);
    let ptrs: SmallVec<[*mut u8; 4]> = all.iter().map(|a| a.data_ptr()).collect();
    fpstatus::clear();
    if layout::size_of_shape(&loop_shape) > 0 {
        let nd = loop_shape.len();
        let (inner_n, inner_ix) = if nd == 0 {
            (1, None)
        } else {
            (loop_shape[nd - 1], Some(nd - 1))
        };
        let inner_s: SmallVec<[isize; 4]> = loop_strides
            .iter()
            .map(|s| inner_ix.map_or(0, |i| s[i]))
            .collect();
        let outer = if nd == 0 { 0 } else { nd - 1 };
        let mut idx: SmallVec<[usize; 8]> = smallvec::smallvec![0usize; outer];
        let mut p = ptrs.clone();
        loop {
            // SAFETY: every pointer addresses a loop position of a live array in its loop
            // dtype (native, aligned: converted above), whose core block lies at the core
            // strides given (invariant 1); outputs are fresh or checked writable and do not
            // overlap inputs (copied above otherwise).
            unsafe { (r.func)(&ctx, &p, inner_n, &inner_s)? };
            let mut d = outer;
            let mut done = true;
            while d > 0 {
                d -= 1;
                idx[d] += 1;
                if idx[d] < loop_shape[d] {
                    for (k, pk) in p.iter_mut().enumerate() {
                        *pk = pk.wrapping_offset(loop_strides[k][d]);
                    }
                    done = false;
                    break;
                }
                for (k, pk) in p.iter_mut().enumerate() {
                    *pk = pk.wrapping_offset(-(loop_strides[k][d] * (loop_shape[d] as isize - 1)));
                }
                idx[d] = 0;
            }
            if done {
                break;
            }
        }
    }
    let fpe = ctx.flags() | fpstatus::read();
    drop(all);
    let mut outputs = work_out;
    for (res, given) in outputs.iter_mut().zip(copy_back.iter_mut()) {
        if let Some(o) = given.take() {
            copy_into(&o, res)?;
            *res = o;
        }
    }
    Ok(CallOutput { outputs, fpe })
}

/// Build an error out of line (the formatting code stays off the hot path).
#[cold]
#[inline(never)]
fn cold(f: impl FnOnce() -> Error) -> Error {
    f()
}

#[cold]
#[inline(never)]
fn out_shape_error(name: &str, j: usize, got: &[usize], want: &[usize]) -> Error {
    Error::value(format!(
        "{name}: output operand {j} has shape {}, expected {}",
        fmt_shape(got),
        fmt_shape(want)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_matmul() {
        let s = CoreSignature::parse("(n?,k),(k,m?)->(n?,m?)").unwrap();
        assert_eq!(s.dims.len(), 3);
        assert_eq!(s.inputs, vec![vec![0, 1], vec![1, 2]]);
        assert_eq!(s.outputs, vec![vec![0, 2]]);
        assert!(s.dims[0].flexible && !s.dims[1].flexible);
        let s = CoreSignature::parse("(i),(i)->()").unwrap();
        assert_eq!(s.outputs, vec![Vec::<usize>::new()]);
        let s = CoreSignature::parse("(3),(3)->(3)").unwrap();
        assert_eq!(s.dims[0].fixed, Some(3));
        assert!(CoreSignature::parse("(n,k)(k)->(n)").is_err());
        assert!(CoreSignature::parse("(n,k)").is_err());
    }
}
