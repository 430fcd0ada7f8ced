//! Ordinary (elementwise) calls around the loop driver of `exec`: weak scalars, the
//! broadcast shape, output allocation, overlap copies, `where` masks, a one-call fast path
//! for contiguous operands, the allocation-free direct path of `Ufunc::call_direct`, and
//! the floating-point status.

use smallvec::SmallVec;

use super::exec::{k_order, run, Op, RunSpec};
use super::fpstatus;
use super::loops::{LoopContext, LoopModes};
use super::{CallOutput, DirectIn, DirectOutput, Resolved, Ufunc};
use crate::array::Array;
use crate::dtype::{can_cast, Builtin, Casting, DType};
use crate::error::{Error, Result};
use crate::iter::{copy_as, copy_of};
use crate::layout::{self, fmt_shape, Order, Shape, Strides};

/// A weak Python scalar as a 0-d array of the loop dtype `dt`.
///
/// # Errors
/// `OverflowError` for a Python int out of range of an integer `dt` (NumPy 2's rule).
pub fn weak_to_array(v: &crate::dtype::Scalar, dt: DType) -> Result<Array> {
    use crate::dtype::Scalar;
    if dt.is_integer() {
        let (lo, hi) = int_bounds(dt);
        let x: Option<i128> = match *v {
            Scalar::Int(i) => Some(i as i128),
            Scalar::UInt(u) => Some(u as i128),
            Scalar::Bool(b) => Some(b as i128),
            _ => None,
        };
        if let Some(x) = x {
            if x < lo || x > hi {
                return Err(Error::overflow(format!(
                    "Python integer {x} out of bounds for {dt}"
                )));
            }
        }
    }
    let a = Array::zeros(&[], dt, Order::C)?;
    a.set(&[], v)?;
    Ok(a)
}

/// Whether converting the weak Python scalar `v` to the loop dtype `dt` overflows: a
/// finite number (or complex part) that becomes infinite in `float16`, `float32` or
/// `complex64`, where NumPy warns "overflow encountered in cast" as it converts the Python
/// number ([`fpe::CAST_OVERFLOW`](super::loops::fpe::CAST_OVERFLOW)).
#[inline]
pub fn weak_cast_overflows(v: &crate::dtype::Scalar, dt: DType) -> bool {
    use crate::dtype::Scalar;
    let limit = match dt.builtin {
        // The smallest magnitudes that round to infinity (half way past the largest
        // finite value, ties to even).
        Some(Builtin::Float16) => 65520.0,
        Some(Builtin::Float32) | Some(Builtin::Complex64) => f32::MAX as f64 + 2f64.powi(103),
        _ => return false,
    };
    let over = |x: f64| x.is_finite() && x.abs() >= limit;
    match *v {
        Scalar::Float(f) => over(f),
        Scalar::Int(i) => over(i as f64),
        Scalar::UInt(u) => over(u as f64),
        Scalar::Complex(c) => over(c.re) || over(c.im),
        Scalar::Bool(_) | Scalar::Ref(_) => false,
    }
}

/// The range of an integer dtype.
pub fn int_bounds(dt: DType) -> (i128, i128) {
    let bits = dt.itemsize as u32 * 8;
    if dt.kind == 'u' {
        (0, (1i128 << bits) - 1)
    } else {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    }
}

/// Whether `a` viewed with strides `bs` is elementwise the same memory as `o`.
fn identical(a: &Array, bs: &[isize], o: &Array) -> bool {
    a.data_ptr() == o.data_ptr() && bs == o.strides() && a.dtype() == o.dtype()
}

/// Allocate an output of `shape` and `dtype` in `order`, K following `inputs`' strides;
/// `overwritten` says every element will be written (no `where` mask), so a large one
/// need not be zeroed.
pub fn alloc_output(
    shape: &[usize],
    dtype: DType,
    order: Order,
    inputs: &[(&Array, &[isize])],
    overwritten: bool,
) -> Result<Array> {
    let nd = shape.len();
    let zeros = |s: &[usize], d: DType, o: Order| {
        if overwritten {
            // SAFETY: `overwritten` promises the run writes every element (no mask).
            unsafe { super::alloc::for_overwrite(s, d, o) }
        } else {
            super::alloc::zeros(s, d, o)
        }
    };
    match order {
        Order::C => zeros(shape, dtype, Order::C),
        Order::F => zeros(shape, dtype, Order::F),
        Order::A => {
            let f = !inputs.is_empty()
                && inputs
                    .iter()
                    .all(|(a, _)| a.is_f_contiguous() && !a.is_c_contiguous());
            zeros(shape, dtype, if f { Order::F } else { Order::C })
        }
        Order::K => {
            if nd <= 1 || inputs.is_empty() {
                return zeros(shape, dtype, Order::C);
            }
            let strides: SmallVec<[&[isize]; 4]> = inputs.iter().map(|(_, s)| *s).collect();
            let perm = k_order(shape, &strides);
            if perm.iter().enumerate().all(|(i, &p)| i == p) {
                return zeros(shape, dtype, Order::C);
            }
            let pshape: SmallVec<[usize; 8]> = perm.iter().map(|&i| shape[i]).collect();
            let base = zeros(&pshape, dtype, Order::C)?;
            let mut inv = vec![0usize; nd];
            for (k, &p) in perm.iter().enumerate() {
                inv[p] = k;
            }
            crate::ops::permute_dims(&base, &inv)
        }
    }
}

/// NumPy's broadcasting error for ufunc operands.
fn broadcast_error(shapes: &[&[usize]]) -> Error {
    let mut msg = String::from("operands could not be broadcast together with shapes ");
    for s in shapes {
        msg.push_str(&fmt_shape(s).replace(' ', ""));
        msg.push(' ');
    }
    Error::value(msg)
}

/// The broadcast shape of `shapes` (NumPy's ufunc wording on failure).
///
/// # Errors
/// `ValueError` naming the shapes.
pub fn broadcast(shapes: &[&[usize]]) -> Result<Shape> {
    layout::broadcast_shapes(shapes).map_err(|_| broadcast_error(shapes))
}

/// A `where=` mask as a native bool array.
///
/// # Errors
/// `TypeError` when the mask's dtype does not cast safely to bool.
pub fn bool_mask(w: &Array) -> Result<Array> {
    let b = Builtin::Bool.dtype();
    if w.dtype() == b {
        return Ok(w.clone());
    }
    if !can_cast(w.dtype(), b, Casting::Safe) {
        return Err(Error::type_(format!(
            "Cannot cast array data from dtype('{}') to dtype('bool') according to the rule 'safe'",
            w.dtype()
        )));
    }
    crate::iter::copy_as(w, b, Order::K)
}

/// Execute a resolved elementwise call (see the module docs).
///
/// # Errors
/// Shapes that do not broadcast, bad or read-only outputs, allocation failures, loop
/// errors.
pub fn execute(
    uf: &Ufunc,
    r: &Resolved,
    mut inputs: SmallVec<[Array; 3]>,
    outs: &[Option<Array>],
    where_: Option<&Array>,
    order: Order,
    modes: LoopModes,
) -> Result<CallOutput> {
    let nin = uf.nin();
    let nout = uf.nout();
    // Reference and interpreter dtypes are never converted in the engine's staging
    // buffers (they move plain bytes): inputs are converted whole first (counted copies),
    // and an output of another dtype is computed in the loop's dtype and converted after.
    // Settled once per resolution (`Resolved::counted`: loop, input and output dtypes).
    if r.counted {
        for (a, &t) in inputs.iter_mut().zip(r.types.iter()) {
            if a.dtype() != t {
                *a = copy_as(a, t, Order::K)?;
            }
        }
        if outs
            .iter()
            .enumerate()
            .any(|(j, o)| o.as_ref().is_some_and(|o| o.dtype() != r.types[nin + j]))
        {
            if where_.is_some() {
                return Err(Error::type_(format!(
                    "ufunc '{}' with where= cannot write to an output of another dtype than \
                     its loop's ({}) for these dtypes yet",
                    uf.name(),
                    r.types[nin..]
                        .iter()
                        .map(|t| t.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            let direct: SmallVec<[Option<Array>; 2]> = outs
                .iter()
                .enumerate()
                .map(|(j, o)| o.clone().filter(|o| o.dtype() == r.types[nin + j]))
                .collect();
            let res = execute(uf, r, inputs, &direct, None, order, modes)?;
            for (j, o) in outs.iter().enumerate() {
                if let Some(o) = o {
                    if o.dtype() != r.types[nin + j] {
                        crate::iter::copy_into(o, &res.outputs[j])?;
                    }
                }
            }
            let outputs = outs
                .iter()
                .zip(res.outputs)
                .map(|(o, t)| o.clone().unwrap_or(t))
                .collect();
            return Ok(CallOutput {
                outputs,
                fpe: res.fpe,
            });
        }
    }
    if where_.is_none() && (order != Order::F || inputs.iter().all(|a| a.ndim() <= 1)) {
        if let Some(res) = fast_path(r, &inputs, outs, nin, modes)? {
            return Ok(res);
        }
    }
    let mut mask = match where_ {
        Some(w) => Some(bool_mask(w)?),
        None => None,
    };
    // 1. The broadcast shape of the inputs (and mask), then of the outputs too.
    let in_shape = {
        let mut shapes: SmallVec<[&[usize]; 6]> = inputs.iter().map(|a| a.shape()).collect();
        if let Some(m) = &mask {
            shapes.push(m.shape());
        }
        broadcast(&shapes)?
    };
    let mut shape = in_shape.clone();
    for o in outs.iter().flatten() {
        shape = layout::broadcast_shapes(&[&shape, o.shape()]).map_err(|_| {
            Error::value(format!(
                "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
                fmt_shape(o.shape()),
                fmt_shape(&in_shape)
            ))
        })?;
    }
    for o in outs.iter().flatten() {
        if o.shape() != shape.as_slice() {
            return Err(Error::value(format!(
                "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
                fmt_shape(o.shape()),
                fmt_shape(&shape)
            )));
        }
        o.check_writeable()?;
    }
    // 2. Broadcast input strides; copy inputs that overlap an output unless identical.
    let mut bstrides: SmallVec<[Strides; 3]> = SmallVec::new();
    for a in inputs.iter_mut() {
        let mut bs = layout::broadcast_strides(a.shape(), a.strides(), &shape)?;
        if outs
            .iter()
            .flatten()
            .any(|o| a.may_share_memory(o) && !identical(a, &bs, o))
        {
            *a = copy_of(a, Order::K)?;
            bs = layout::broadcast_strides(a.shape(), a.strides(), &shape)?;
        }
        bstrides.push(bs);
    }
    let mut mstrides = Strides::new();
    if let Some(m) = &mut mask {
        if outs.iter().flatten().any(|o| m.may_share_memory(o)) {
            *m = copy_of(m, Order::K)?;
        }
        mstrides = layout::broadcast_strides(m.shape(), m.strides(), &shape)?;
    }
    // 3. Outputs: the given ones, or new ones in `order`.
    let mut outputs: super::Outputs = SmallVec::new();
    for j in 0..nout {
        match outs.get(j).and_then(|o| o.as_ref()) {
            Some(o) => outputs.push(o.clone()),
            None => {
                let pairs: SmallVec<[(&Array, &[isize]); 3]> = inputs
                    .iter()
                    .zip(&bstrides)
                    .filter(|(a, _)| a.ndim() == shape.len())
                    .map(|(a, s)| (a, s.as_slice()))
                    .collect();
                outputs.push(alloc_output(
                    &shape,
                    r.types[nin + j],
                    order,
                    &pairs,
                    mask.is_none(),
                )?);
            }
        }
    }
    // 4. Run.
    let mut ops: SmallVec<[Op; 4]> = SmallVec::new();
    for (i, a) in inputs.iter().enumerate() {
        ops.push(Op {
            ptr: a.data_ptr(),
            strides: bstrides[i].clone(),
            dtype: a.dtype(),
            loop_dtype: r.types[i],
        });
    }
    for (j, o) in outputs.iter().enumerate() {
        ops.push(Op {
            ptr: o.data_ptr(),
            strides: o.strides().into(),
            dtype: o.dtype(),
            loop_dtype: r.types[nin + j],
        });
    }
    let spec = RunSpec {
        func: r.func,
        data: r.data,
        nin,
        modes,
        reduce: None,
        tree: false,
        mask: mask.as_ref().map(|m| (m.data_ptr(), mstrides.as_slice())),
        descrs: r.loop_descrs(),
    };
    fpstatus::clear();
    // SAFETY: inputs are broadcast views of live arrays (invariant 1), outputs are
    // writable arrays of exactly `shape`, overlapping inputs were copied above, and the
    // mask is a live bool array broadcast to `shape`.
    let soft = unsafe { run(&shape, &ops, &spec)? };
    let fpe = soft | fpstatus::read();
    Ok(CallOutput { outputs, fpe })
}

/// The common case in one loop call: every input C-contiguous with one shape (or a single
/// element, broadcast with stride 0) and already in its loop dtype, outputs absent or
/// likewise and not overlapping inputs. `None` means "take the general path".
fn fast_path(
    r: &Resolved,
    inputs: &[Array],
    outs: &[Option<Array>],
    nin: usize,
    modes: LoopModes,
) -> Result<Option<CallOutput>> {
    // A descriptor loop's operands are sized by its descriptors: the general path.
    if r.descr_loop {
        return Ok(None);
    }
    let ready = |a: &Array, t: DType| {
        a.dtype().type_id == t.type_id
            && a.dtype().is_native()
            && (a.data_ptr() as usize) % t.alignment.max(1) == 0
    };
    let shape: &[usize] = inputs
        .iter()
        .map(|a| a.shape())
        .max_by_key(|s| s.len())
        .unwrap_or(&[]);
    let n = layout::size_of_shape(shape);
    let mut strides: SmallVec<[isize; 4]> = SmallVec::new();
    for (i, a) in inputs.iter().enumerate() {
        if !ready(a, r.types[i]) {
            return Ok(None);
        }
        if a.shape() == shape && a.is_c_contiguous() {
            strides.push(if n == 1 { 0 } else { a.itemsize() as isize });
        } else if a.size() == 1 && a.ndim() <= shape.len() {
            strides.push(0);
        } else {
            return Ok(None);
        }
    }
    let mut outputs: super::Outputs = SmallVec::new();
    for j in 0..r.types.len() - nin {
        let t = r.types[nin + j];
        match outs.get(j).and_then(|o| o.as_ref()) {
            Some(o) => {
                if o.shape() != shape || !o.is_c_contiguous() || !ready(o, t) || !o.is_writeable() {
                    return Ok(None);
                }
                let clash = inputs.iter().any(|a| {
                    a.may_share_memory(o) && (a.size() != n || a.data_ptr() != o.data_ptr())
                });
                if clash {
                    return Ok(None);
                }
                outputs.push(o.clone());
            }
            // SAFETY: the single loop call below writes all `n` elements of every output
            // (an error drops the arrays unseen).
            None => outputs.push(unsafe { super::alloc::for_overwrite(shape, t, Order::C)? }),
        }
        strides.push(if n == 1 { 0 } else { t.itemsize as isize });
    }
    let mut fpe = 0;
    if n > 0 {
        let ptrs: SmallVec<[*mut u8; 4]> = inputs
            .iter()
            .chain(outputs.iter())
            .map(|a| a.data_ptr())
            .collect();
        let ctx = LoopContext::with_modes(r.data, modes);
        fpstatus::clear();
        // SAFETY: every operand holds `n` contiguous aligned elements of its loop dtype
        // (or one, read with stride 0); outputs are writable and either fresh or identical
        // to an input (checked above).
        unsafe { super::exec::call_split(r.func, &ctx, &ptrs, n, &strides)? };
        fpe = ctx.flags() | fpstatus::read();
    }
    Ok(Some(CallOutput { outputs, fpe }))
}

/// Room for one scalar operand of the direct path (any built-in item fits; 64-byte
/// aligned like owned storage).
#[repr(C, align(64))]
struct ScalarBuf([u8; 64]);

/// Whether the weak Python scalar `v` fits the integer loop dtype `dt` (always true for
/// other dtypes), as [`weak_to_array`] checks.
fn weak_fits(v: &crate::dtype::Scalar, dt: DType) -> bool {
    use crate::dtype::Scalar;
    if !dt.is_integer() {
        return true;
    }
    let (lo, hi) = int_bounds(dt);
    let x: i128 = match *v {
        Scalar::Int(i) => i as i128,
        Scalar::UInt(u) => u as i128,
        Scalar::Bool(b) => b as i128,
        _ => return true,
    };
    lo <= x && x <= hi
}

/// The direct path of [`Ufunc::call_direct`] with the resolution `r` (see there for when
/// it applies; `None` otherwise, with nothing done).
pub(crate) fn direct(
    r: &Resolved,
    inputs: &[DirectIn<'_>],
    out: Option<&Array>,
    modes: LoopModes,
) -> Option<Result<DirectOutput>> {
    let nin = inputs.len();
    if nin > 3 || r.types.len() != nin + 1 || r.descr_loop {
        return None;
    }
    let ready = |a: &Array, t: DType| {
        a.dtype().type_id == t.type_id
            && a.dtype().is_native()
            && (a.data_ptr() as usize) % t.alignment.max(1) == 0
    };
    // The broadcast shape: the longest array shape (each array has it or one element).
    let mut shape: &[usize] = &[];
    for i in inputs {
        if let DirectIn::Array(a) = i {
            if a.ndim() >= shape.len() {
                shape = a.shape();
            }
        }
    }
    let n = layout::size_of_shape(shape);
    let mut bufs: [std::mem::MaybeUninit<ScalarBuf>; 3] =
        [const { std::mem::MaybeUninit::uninit() }; 3];
    let mut ptrs: [*mut u8; 4] = [std::ptr::null_mut(); 4];
    let mut strides: [isize; 4] = [0; 4];
    let mut cast_fpe = 0;
    for (i, inp) in inputs.iter().enumerate() {
        let t = r.types[i];
        match inp {
            DirectIn::Array(a) => {
                if !ready(a, t) {
                    return None;
                }
                if a.shape() == shape && a.is_c_contiguous() {
                    strides[i] = if n == 1 { 0 } else { t.itemsize as isize };
                } else if a.size() != 1 {
                    return None;
                }
                ptrs[i] = a.data_ptr();
            }
            DirectIn::Scalar(v, d) => {
                if d.type_id != t.type_id || !d.is_native() || t.itemsize > 64 {
                    return None;
                }
                let p = bufs[i].as_mut_ptr() as *mut u8;
                // SAFETY: the buffer holds 64 aligned bytes, room for one item of `t`; the
                // loop only reads the item `set` wrote.
                if unsafe { t.set(p, v) }.is_err() {
                    return None;
                }
                ptrs[i] = p;
            }
            DirectIn::Weak(v) => {
                if t.itemsize > 64 || !weak_fits(v, t) {
                    return None;
                }
                if weak_cast_overflows(v, t) {
                    cast_fpe = super::loops::fpe::CAST_OVERFLOW;
                }
                let p = bufs[i].as_mut_ptr() as *mut u8;
                // SAFETY: as above.
                if unsafe { t.set(p, v) }.is_err() {
                    return None;
                }
                ptrs[i] = p;
            }
        }
    }
    let t = r.types[nin];
    let output = match out {
        Some(o) => {
            if o.shape() != shape || !o.is_c_contiguous() || !ready(o, t) || !o.is_writeable() {
                return None;
            }
            // Every operand here is one contiguous block (or one element): an input may
            // overlap the output only by being identical to it.
            let (o_lo, o_hi) = (
                o.data_ptr() as usize,
                o.data_ptr() as usize + n * t.itemsize,
            );
            let clash = inputs.iter().any(|i| match i {
                DirectIn::Array(a) => {
                    let lo = a.data_ptr() as usize;
                    let hi = lo + a.size() * a.itemsize();
                    let identical = lo == o_lo && a.size() == n;
                    !identical && lo < o_hi && o_lo < hi
                }
                _ => false,
            });
            if clash {
                return None;
            }
            None
        }
        // SAFETY: the single loop call below writes all `n` elements (an error drops the
        // array unseen).
        None => match unsafe { super::alloc::for_overwrite(shape, t, Order::C) } {
            Ok(a) => Some(a),
            Err(e) => return Some(Err(e)),
        },
    };
    let mut fpe = 0;
    if n > 0 {
        ptrs[nin] = output
            .as_ref()
            .or(out)
            .map_or(std::ptr::null_mut(), |a| a.data_ptr());
        strides[nin] = if n == 1 { 0 } else { t.itemsize as isize };
        let ctx = LoopContext::with_modes(r.data, modes);
        fpstatus::clear();
        // SAFETY: every operand holds `n` contiguous aligned elements of its loop dtype
        // (or one, read with stride 0, possibly from a scalar buffer that lives to the end
        // of this function); the output is writable and either fresh or identical to an
        // input (checked above).
        if let Err(e) = unsafe { (r.func)(&ctx, &ptrs[..=nin], n, &strides[..=nin]) } {
            return Some(Err(e));
        }
        fpe = ctx.flags() | fpstatus::read();
    }
    fpe |= cast_fpe;
    Some(Ok(DirectOutput { output, fpe }))
}
