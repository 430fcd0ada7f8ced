//! The `axes=`, `axis=` and `keepdims=` keywords of generalized ufunc calls, with NumPy's
//! checks (`_parse_axes_arg`, `_parse_axis_arg`, `_check_axis_support`,
//! `_check_keepdims_support`, `_validate_num_dims` in `ufunc_object.c`).
//!
//! The remapping is done with views: each operand is permuted so that its core axes come
//! last (the default layout the core gufunc machinery expects), given outputs likewise, and
//! allocated outputs are permuted back from the default layout to the requested one.

use oxarray_core::ops::{expand_dims, squeeze};
use oxarray_core::ufunc::gufunc::CoreSignature;
use oxarray_core::{Array, Error, ErrorKind};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyList, PyTuple};
use smallvec::SmallVec;

use crate::errors::CoreResultExt;

/// One operand's axis permutation (inline: these calls are small and frequent).
type Axes = SmallVec<[usize; 4]>;

/// How one operand is moved to the default layout (broadcast axes first, then core axes).
enum Move {
    /// Already in the default layout.
    Keep,
    /// One core axis: operand axis `.0` moves to the end, the others keep their order
    /// (`axis=`, and `axes=` items for one core axis; no permutation vector to build).
    ToEnd(usize),
    /// `perm[k]` is the operand axis that sits at default position `k`.
    Perm(Axes),
}

/// How operands are remapped for one call.
pub struct Remap {
    /// Per operand (inputs, then outputs).
    moves: SmallVec<[Move; 4]>,
    /// Number of inputs.
    nin: usize,
    /// `keepdims=True`: the outputs carry this many extra length-one core axes.
    keep: usize,
}

#[cold]
#[inline(never)]
fn cold(f: impl FnOnce() -> PyErr) -> PyErr {
    f()
}

#[cold]
#[inline(never)]
fn axis_error(msg: String) -> PyErr {
    crate::errors::to_pyerr(Error::new(ErrorKind::Axis, msg))
}

/// An axis as NumPy's `PyArray_PyIntAsInt` reads it (a `bool` is not an integer).
fn int_of(obj: &Bound<'_, PyAny>) -> PyResult<isize> {
    if obj.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err("an integer is required"));
    }
    obj.extract::<isize>()
}

fn normalize(ax: isize, ndim: usize) -> PyResult<usize> {
    oxarray_core::error::normalize_axis(ax, ndim).py()
}

/// Parse and check the keywords; `ndims` has the operands' dimensions (`None` for outputs
/// to allocate). Returns `None` when nothing needs remapping.
#[inline(never)]
pub fn parse(
    name: &str,
    sig: &CoreSignature,
    ndims: &[Option<usize>],
    axes: Option<&Bound<'_, PyAny>>,
    axis: Option<&Bound<'_, PyAny>>,
    keepdims: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<Remap>> {
    let nin = sig.nin();
    let nop = nin + sig.nout();
    let part = |i: usize| -> &[usize] {
        if i < nin {
            &sig.inputs[i]
        } else {
            &sig.outputs[i - nin]
        }
    };
    let mut ncore: SmallVec<[usize; 4]> = (0..nop).map(|i| part(i).len()).collect();

    let keep = match keepdims {
        None => false,
        Some(k) => {
            if !k.is_exact_instance_of::<PyBool>() {
                return Err(cold(|| {
                    PyTypeError::new_err("'keepdims' must be a boolean")
                }));
            }
            for i in 1..nop {
                let want = if i < nin { ncore[0] } else { 0 };
                if ncore[i] != want {
                    return Err(keepdims_error(name, sig, i, ncore[i]));
                }
            }
            k.is_truthy()?
        }
    };
    if axis.is_some() && sig.dims.len() != 1 {
        return Err(cold(|| {
            PyTypeError::new_err(format!(
                "{name}: axis can only be used with a single shared core dimension, not with the {} distinct ones implied by signature {}.",
                sig.dims.len(),
                sig.text()
            ))
        }));
    }
    let keep_n = if keep { ncore[0] } else { 0 };
    if keep {
        for c in ncore.iter_mut().skip(nin) {
            *c = keep_n;
        }
    }

    // Missing flexible dimensions (`n?`) reduce the core dimensions of every operand
    // that uses them.
    if (0..nop).any(|i| ndims[i].is_some_and(|nd| nd < ncore[i])) {
        flexible(name, sig, ndims, &mut ncore)?;
    }
    let broadcast_ndim = (0..nop)
        .filter_map(|i| ndims[i].map(|nd| nd - ncore[i]))
        .max()
        .unwrap_or(0);
    let op_ndim = |i: usize| ndims[i].unwrap_or(broadcast_ndim + ncore[i]);

    let mut moves: SmallVec<[Move; 4]> = SmallVec::new();
    if let Some(axes) = axes {
        let list = axes
            .cast::<PyList>()
            .map_err(|_| cold(|| PyTypeError::new_err("axes should be a list.")))?;
        let len = list.len();
        if len != nop && (len != nin || sig.outputs.iter().any(|o| !o.is_empty())) {
            return Err(cold(|| {
                PyValueError::new_err(format!(
                    "axes should be a list with an entry for all {nop} inputs and outputs; entries for outputs can only be omitted if none of them has core axes."
                ))
            }));
        }
        for (iop, item) in list.iter().enumerate() {
            let nc = ncore[iop];
            let nd = op_ndim(iop);
            moves.push(axes_item(name, iop, &item, nc, nd)?);
        }
        // Omitted output entries (no core axes): unchanged.
        moves.resize_with(nop, || Move::Keep);
    } else if let Some(axis) = axis {
        let ax = int_of(axis)?;
        for iop in 0..nop {
            if ncore[iop] == 0 {
                moves.push(Move::Keep);
                continue;
            }
            let nd = op_ndim(iop);
            let a = normalize(ax, nd)?;
            moves.push(if a == nd - 1 {
                Move::Keep
            } else {
                Move::ToEnd(a)
            });
        }
    }
    if keep_n == 0 && moves.iter().all(|m| matches!(m, Move::Keep)) {
        return Ok(None);
    }
    moves.resize_with(nop, || Move::Keep);
    Ok(Some(Remap {
        moves,
        nin,
        keep: keep_n,
    }))
}

/// One item of `axes=` for an operand with `nc` core axes and `nd` dimensions.
fn axes_item(
    name: &str,
    iop: usize,
    item: &Bound<'_, PyAny>,
    nc: usize,
    nd: usize,
) -> PyResult<Move> {
    let tuple = item.cast::<PyTuple>().ok();
    if let Some(t) = tuple {
        if t.len() != nc {
            return Err(axis_error(format!(
                "{name}: operand {iop} has {nc} core dimensions, but {} dimensions are specified by axes tuple.",
                t.len()
            )));
        }
    } else if nc != 1 {
        if int_of(item).is_err() {
            return Err(cold(|| {
                PyTypeError::new_err(format!("{name}: axes item {iop} should be a tuple."))
            }));
        }
        return Err(axis_error(format!(
            "{name}: operand {iop} has {nc} core dimensions, but the axes item is a single integer."
        )));
    }
    if nc == 0 {
        return Ok(Move::Keep);
    }
    if nc == 1 {
        // The one core axis moves to the end, the others keep their order.
        let e = match tuple {
            Some(t) => t.get_item(0)?,
            None => item.clone(),
        };
        let ax = normalize(int_of(&e)?, nd)?;
        return Ok(if ax == nd - 1 {
            Move::Keep
        } else {
            Move::ToEnd(ax)
        });
    }
    let t = tuple.expect("a tuple for two or more core axes");
    let nb = nd - nc;
    let mut seen: SmallVec<[bool; 8]> = smallvec::smallvec![false; nd];
    let mut p: Axes = smallvec::smallvec![0usize; nd];
    for (k, e) in t.iter().enumerate() {
        let ax = normalize(int_of(&e)?, nd)?;
        if seen[ax] {
            return Err(cold(|| {
                PyValueError::new_err(format!("axes item {iop} has value {ax} repeated"))
            }));
        }
        seen[ax] = true;
        p[nb + k] = ax;
    }
    let mut free = (0..nd).filter(|&a| !seen[a]);
    for slot in p.iter_mut().take(nb) {
        *slot = free.next().expect("as many free axes as broadcast axes");
    }
    Ok(if p.iter().enumerate().any(|(k, &a)| k != a) {
        Move::Perm(p)
    } else {
        Move::Keep
    })
}

#[cold]
#[inline(never)]
fn keepdims_error(name: &str, sig: &CoreSignature, i: usize, got: usize) -> PyErr {
    let nin = sig.nin();
    PyTypeError::new_err(format!(
        "{name} does not support keepdims: its signature {} requires {} {} to have {} core dimensions, but keepdims can only be used when all inputs have the same number of core dimensions and all outputs have no core dimensions.",
        sig.text(),
        if i < nin { "input" } else { "output" },
        if i < nin { i } else { i - nin },
        got
    ))
}

/// Operands with fewer dimensions than core axes: drop missing flexible dimensions
/// (`n?`) from every operand that uses them, or raise NumPy's error.
#[cold]
#[inline(never)]
fn flexible(
    name: &str,
    sig: &CoreSignature,
    ndims: &[Option<usize>],
    ncore: &mut [usize],
) -> PyResult<()> {
    let nin = sig.nin();
    let ixs: SmallVec<[&Vec<usize>; 4]> = sig.inputs.iter().chain(sig.outputs.iter()).collect();
    let mut can_ignore: SmallVec<[bool; 8]> = sig.dims.iter().map(|d| d.flexible).collect();
    for i in 0..ixs.len() {
        let Some(nd) = ndims[i] else { continue };
        if nd < ncore[i] {
            for &d in ixs[i] {
                if can_ignore[d] {
                    can_ignore[d] = false;
                    for (i1, v) in ixs.iter().enumerate() {
                        ncore[i1] -= v.iter().filter(|&&d1| d1 == d).count();
                    }
                    if nd == ncore[i] {
                        break;
                    }
                }
            }
            if nd < ncore[i] {
                return Err(PyValueError::new_err(format!(
                    "{name}: {} operand {} does not have enough dimensions (has {nd}, gufunc core with signature {} requires {})",
                    if i < nin { "Input" } else { "Output" },
                    if i < nin { i } else { i - nin },
                    sig.text(),
                    ncore[i]
                )));
            }
        }
    }
    Ok(())
}

impl Remap {
    /// Input `i` moved to the default layout, in place (the same view as
    /// `permute_dims`, without a new array).
    #[inline]
    pub fn input(&self, i: usize, a: &mut Array) -> PyResult<()> {
        match &self.moves[i] {
            Move::Keep => {}
            Move::ToEnd(from) => a.move_axis_to_end(*from),
            Move::Perm(p) => a.permute_axes_in_place(p).py()?,
        }
        Ok(())
    }

    /// A given output `j` in the default layout (a view), without the kept axes.
    pub fn given_output(&self, j: usize, a: &Array) -> PyResult<Array> {
        let mut v = a.clone();
        match &self.moves[self.nin + j] {
            Move::Keep => {}
            Move::ToEnd(from) => v.move_axis_to_end(*from),
            Move::Perm(p) => v.permute_axes_in_place(p).py()?,
        }
        if self.keep == 0 {
            return Ok(v);
        }
        let nd = v.ndim();
        let tail: Vec<isize> = (nd - self.keep..nd).map(|k| k as isize).collect();
        if tail.iter().any(|&k| v.shape()[k as usize] != 1) {
            return Err(PyValueError::new_err(format!(
                "output operand {j} with keepdims=True must have length one along its kept axes"
            )));
        }
        squeeze(&v, Some(&tail)).py()
    }

    /// An allocated output `j` (default layout) moved to the requested layout, in place
    /// (a view of the same elements).
    pub fn result(&self, j: usize, r: &mut Array) -> PyResult<()> {
        // A fresh output is C-contiguous: the kept axes are appended in place, with the
        // strides `expand_dims` gives them (its general path otherwise).
        if self.keep != 0 && !r.append_unit_axes_c(self.keep) {
            let nd = r.ndim() + self.keep;
            let tail: SmallVec<[isize; 4]> = (nd - self.keep..nd).map(|k| k as isize).collect();
            *r = expand_dims(r, &tail).py()?;
        }
        match &self.moves[self.nin + j] {
            Move::Keep => {}
            Move::ToEnd(to) => r.move_last_axis_to(*to),
            Move::Perm(p) => {
                let mut inv: Axes = smallvec::smallvec![0usize; p.len()];
                for (k, &a) in p.iter().enumerate() {
                    inv[a] = k;
                }
                r.permute_axes_in_place(&inv).py()?;
            }
        }
        Ok(())
    }
}
