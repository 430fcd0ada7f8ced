//! The ufunc methods: `reduce`, `accumulate`, `reduceat`, `outer`, `at`.
//!
//! Resolution for the three reduction-like methods follows NumPy's
//! `reducelike_promote_and_resolve`: the inputs are (`out` or the array, the array), the
//! output is `out`; `dtype=` fixes operands 0 and 2; with neither `dtype` nor `out`, `add`
//! and `multiply` over bool and integers narrower than 64 bits use `int64`/`uint64` (so
//! sums do not overflow); the loop's first input and output must have one dtype.
//!
//! `reduce` (the algorithm):
//! 1. The accumulator has the array's shape with reduced axes of length one.
//! 2. It starts from `initial`, else the identity; a ufunc without one copies the first
//!    element along the reduced axes and then reduces the rest (split into disjoint views,
//!    one per reduced axis, so each element is visited once). An empty reduction without a
//!    start value raises like NumPy; so does `where` without one.
//! 3. One run of the loop over the array's shape with operand 0 and the output both the
//!    accumulator (stride 0 along reduced axes): the engine's chunked casting and `where`
//!    masking apply, and reorderable ufuncs sum reduction runs pairwise. A reduction of
//!    the inner run alone (`sum(A, axis=-1)`) is split over threads in whole runs (one
//!    run per output element, the same call whatever the split); one over outer axes of
//!    a contiguous kept row (`max(A, axis=0)`) goes to the loop's rows variant when it
//!    has one (`ufunc::rows`: several rows per pass, column ranges on the pool, each
//!    column in row order). So the result never depends on a thread count.

use smallvec::SmallVec;

use super::exec::{bool_mask, run, weak_to_array, Op, RunSpec};
use super::fpstatus;
use super::loops::{Identity, LoopContext, LoopModes};
use super::{CallOptions, CallOutput, Input, ReduceOptions, Resolved, Ufunc};
use crate::array::Array;
use crate::dtype::{Builtin, Casting, DType, Operand};
use crate::error::{normalize_axis, Error, Result};
use crate::iter::{copy_as, copy_into, copy_of};
use crate::layout::{self, fmt_shape, Order, Shape, Strides};
use crate::ops::index::Index;

/// For a reduction without identity over several axes `red` of `a` that coalesce into
/// one (ordered by decreasing stride, each stride the next one's times its length): `a`
/// with those axes replaced by one last axis, and the accumulator `acc` (shape of `a`
/// with 1 at `red`) as a view of the same rank with 1 there.
fn merge_reduced(a: &Array, acc: &Array, red: &[usize]) -> Option<(Array, Array)> {
    if red.len() < 2 {
        return None;
    }
    let mut order: SmallVec<[usize; 8]> =
        red.iter().copied().filter(|&i| a.shape()[i] != 1).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(a.strides()[i].unsigned_abs()));
    if order.is_empty() {
        return None;
    }
    for w in order.windows(2) {
        let (o, i) = (w[0], w[1]);
        if a.strides()[o] != a.strides()[i] * a.shape()[i] as isize {
            return None;
        }
    }
    let inner = *order.last().expect("non-empty");
    let n: usize = red.iter().map(|&i| a.shape()[i]).product();
    let kept: SmallVec<[usize; 8]> = (0..a.ndim()).filter(|i| !red.contains(i)).collect();
    let mut shape: Shape = kept.iter().map(|&i| a.shape()[i]).collect();
    let mut strides: Strides = kept.iter().map(|&i| a.strides()[i]).collect();
    shape.push(n);
    strides.push(a.strides()[inner]);
    let mut ashape: Shape = kept.iter().map(|&i| acc.shape()[i]).collect();
    let mut astrides: Strides = kept.iter().map(|&i| acc.strides()[i]).collect();
    ashape.push(1);
    astrides.push(0);
    Some((
        array_view(a, 0, &shape, &strides),
        array_view(acc, 0, &ashape, &astrides),
    ))
}

fn array_view(a: &Array, offset: isize, shape: &[usize], strides: &[isize]) -> Array {
    // SAFETY: every caller passes a sub-block of `a` (a subset of its indices, or
    // length-one/zero-stride axes), so invariant 1 carries over.
    unsafe {
        a.view_unchecked(
            offset,
            Shape::from_slice(shape),
            Strides::from_slice(strides),
        )
    }
}

impl Ufunc {
    fn check_binary(&self, method: &str) -> Result<()> {
        if self.core_signature().is_some() {
            return Err(Error::type_(format!(
                "method {method} is not supported for ufunc with signature"
            )));
        }
        if self.nin() != 2 || self.nout() != 1 {
            return Err(Error::value(format!(
                "{method} only supported for binary functions"
            )));
        }
        Ok(())
    }

    /// Resolution for reduce/accumulate/reduceat (see the module docs).
    fn resolve_reducelike(
        &self,
        method: &str,
        a: DType,
        dtype: Option<DType>,
        out: Option<DType>,
        uniform: bool,
    ) -> Result<std::sync::Arc<Resolved>> {
        let mut dtype = dtype.map(|d| d.to_native());
        if dtype.is_none()
            && out.is_none()
            && matches!(self.name(), "add" | "multiply")
            && (a.is_bool() || (a.is_integer() && a.itemsize < 8))
        {
            dtype = Some(if a.kind == 'u' {
                Builtin::UInt64.dtype()
            } else {
                Builtin::Int64.dtype()
            });
        }
        let first = out.unwrap_or(a);
        let ops = [Operand::Strong(first), Operand::Strong(a)];
        let mut fixed = dtype.map(|d| vec![Some(d), None, Some(d)]);
        // NumPy's logical promoter makes logical reductions run in bool.
        // Object inputs keep their object loop (NumPy's promoter returns object for
        // `logical_and.reduce(obj_arr)`).
        if dtype.is_none()
            && !super::resolve::is_object_like(a)
            && matches!(self.name(), "logical_and" | "logical_or" | "logical_xor")
        {
            fixed = Some(vec![Some(Builtin::Bool.dtype()); 3]);
        }
        let r = self.resolve_cached(&ops, &[out], Casting::Unsafe, fixed.as_deref())?;
        let t = &r.types;
        if t[0] != t[2] || (uniform && t[0] != t[1]) {
            let shown: Vec<String> = t.iter().map(|d| format!("dtype('{d}')")).collect();
            return Err(Error::type_(format!(
                "the resolved dtypes are not compatible with {}.{method}. Resolved (dtypes: ({}))",
                self.name(),
                shown.join(", ")
            )));
        }
        Ok(r)
    }

    /// `ufunc.reduce`: combine elements along `axes` (`None`: all).
    ///
    /// # Errors
    /// NumPy's: `AxisError`, duplicate axes, empty reductions without identity, `where`
    /// without identity or initial, output shape mismatches, resolution errors.
    pub fn reduce(
        &self,
        a: &Array,
        axes: Option<&[isize]>,
        opts: &ReduceOptions,
    ) -> Result<CallOutput> {
        self.check_binary("reduce")?;
        let nd = a.ndim();
        let red: Vec<usize> = match axes {
            None => (0..nd).collect(),
            // NumPy accepts axis 0 (or -1) for 0-d arrays: nothing to reduce.
            Some(ax) if nd == 0 && ax.iter().all(|&x| x == 0 || x == -1) => Vec::new(),
            Some(ax) => {
                let mut v = Vec::with_capacity(ax.len());
                for &x in ax {
                    let n = normalize_axis(x, nd)?;
                    if v.contains(&n) {
                        return Err(Error::value("duplicate value in 'axis'"));
                    }
                    v.push(n);
                }
                v.sort_unstable();
                v
            }
        };
        let r = self.resolve_reducelike(
            "reduce",
            a.dtype(),
            opts.dtype,
            opts.out.as_ref().map(|o| o.dtype()),
            false,
        )?;
        // After resolution, as NumPy (a dtype with no loop is a TypeError first).
        if red.len() > 1 && self.identity() == Identity::None {
            return Err(Error::value(format!(
                "reduction operation '{}' is not reorderable, so at most one axis may be specified",
                self.name()
            )));
        }
        let acc_dt = r.types[0];
        let keep_shape: Shape = (0..nd)
            .map(|i| if red.contains(&i) { 1 } else { a.shape()[i] })
            .collect();
        let out_shape: Shape = if opts.keepdims {
            keep_shape.clone()
        } else {
            (0..nd)
                .filter(|i| !red.contains(i))
                .map(|i| a.shape()[i])
                .collect()
        };
        if let Some(o) = &opts.out {
            o.check_writeable()?;
            if o.shape() != out_shape.as_slice() {
                return Err(Error::value(format!(
                    "output parameter for reduction operation {} has the wrong shape: found {}, expected {}",
                    self.name(),
                    fmt_shape(o.shape()),
                    fmt_shape(&out_shape)
                )));
            }
        }
        let mut a = a.clone();
        if let Some(o) = &opts.out {
            if a.may_share_memory(o) {
                a = copy_of(&a, Order::K)?;
            }
        }
        if counted(r.types[1]) && a.dtype() != r.types[1] {
            // Reference and interpreter dtypes are never cast in the loop's buffers: the
            // whole input is converted first (a counted copy on this thread).
            a = copy_as(&a, r.types[1], Order::K)?;
        }
        let mask = match &opts.where_ {
            Some(w) => {
                let m = bool_mask(w)?;
                let s = layout::broadcast_strides(m.shape(), m.strides(), a.shape())?;
                Some(array_view(&m, 0, a.shape(), &s))
            }
            None => None,
        };
        // 1-2. The accumulator and its start.
        // Laid out in the input's memory order, as NumPy's iterator allocates the result
        // (this also fixes which axis is walked innermost: NumPy's order of additions).
        let acc = crate::iter::alloc_like(&a, &keep_shape, acc_dt, Order::K)?;
        let empty = red.iter().any(|&i| a.shape()[i] == 0);
        let start = match (&opts.initial, self.identity()) {
            (Some(v), _) => Some(*v),
            // NumPy starts object reductions from the first element, not the identity
            // (`add.reduce` of strings concatenates them), except when there is none.
            (None, Identity::Value(_)) if acc_dt.has_refs() && !empty => None,
            (None, Identity::Value(v)) => Some(v),
            _ => None,
        };
        let acc_strides = layout::broadcast_strides(&keep_shape, acc.strides(), a.shape())?;
        let mut fpe = 0;
        match start {
            Some(v) => {
                acc.fill(&v)?;
                fpe |= self.reduce_run(&r, &acc, &acc_strides, &a, mask.as_ref(), opts, None)?;
            }
            None => {
                if mask.is_some() {
                    return Err(Error::value(format!(
                        "reduction operation '{}' does not have an identity, so to use a where mask one has to specify 'initial'",
                        self.name()
                    )));
                }
                if empty {
                    return Err(Error::value(format!(
                        "zero-size array to reduction operation {} which has no identity",
                        self.name()
                    )));
                } else if let Some((a2, acc2)) = merge_reduced(&a, &acc, &red) {
                    // Reduced axes that coalesce (in memory order) are one axis of NumPy's
                    // iterator: its first element, then the rest as one run per output,
                    // in NumPy's order.
                    let last = a2.ndim() - 1;
                    let mut first_shape: Shape = Shape::from_slice(a2.shape());
                    first_shape[last] = 1;
                    copy_into(&acc2, &array_view(&a2, 0, &first_shape, a2.strides()))?;
                    let mut rest: Shape = Shape::from_slice(a2.shape());
                    rest[last] -= 1;
                    if rest[last] > 0 {
                        let view = array_view(&a2, a2.strides()[last], &rest, a2.strides());
                        let accs = layout::broadcast_strides(acc2.shape(), acc2.strides(), &rest)?;
                        fpe |= self.reduce_run(
                            &r,
                            &acc2,
                            &accs,
                            &view,
                            None,
                            opts,
                            Some(a2.strides()[last]),
                        )?;
                    }
                } else {
                    // The first element along the reduced axes, then disjoint views of the
                    // rest: view k has reduced axes before k at 0 and axis k from 1.
                    let mut first_shape: Shape = Shape::from_slice(a.shape());
                    for &i in &red {
                        first_shape[i] = 1;
                    }
                    copy_into(&acc, &array_view(&a, 0, &first_shape, a.strides()))?;
                    for (k, &ax) in red.iter().enumerate() {
                        let mut shape = Shape::from_slice(a.shape());
                        for &i in &red[..k] {
                            shape[i] = 1;
                        }
                        shape[ax] -= 1;
                        if shape[ax] == 0 {
                            continue;
                        }
                        let off = a.strides()[ax];
                        let view = array_view(&a, off, &shape, a.strides());
                        let accs = layout::broadcast_strides(&keep_shape, acc.strides(), &shape)?;
                        fpe |= self.reduce_run(&r, &acc, &accs, &view, None, opts, Some(off))?;
                    }
                }
            }
        }
        // 3. The result.
        let result = match &opts.out {
            Some(o) => {
                let src = array_view(
                    &acc,
                    0,
                    &out_shape,
                    &squeeze_strides(&acc, &red, opts.keepdims),
                );
                copy_into(o, &src)?;
                o.clone()
            }
            None => array_view(
                &acc,
                0,
                &out_shape,
                &squeeze_strides(&acc, &red, opts.keepdims),
            ),
        };
        Ok(CallOutput {
            outputs: smallvec::smallvec![result],
            fpe,
        })
    }

    /// One reduction run: `acc (strides over a's shape) = acc op a`, masked. `axis_stride`:
    /// the input's stride along the reduced axis, when `a` is the rest of that axis after
    /// its first element.
    #[allow(clippy::too_many_arguments)] // One private helper; the reduction's pieces.
    fn reduce_run(
        &self,
        r: &Resolved,
        acc: &Array,
        acc_strides: &[isize],
        a: &Array,
        mask: Option<&Array>,
        opts: &ReduceOptions,
        axis_stride: Option<isize>,
    ) -> Result<u8> {
        // One element left (`max` of two elements, after the first): NumPy still calls
        // its loop as a reduction of one element, with the reduced axis's stride, so a
        // contiguous axis takes the reduce variant's contiguous path (float `maximum`:
        // the lanes reduced by `npyv_reduce_maxn`, which turns any NaN into the default
        // NaN), a strided one its scalar path.
        if let (Some(rf), Some(st), None, 1) = (r.reduce, axis_stride, mask, a.size()) {
            let lt = r.types[1];
            if a.dtype() == lt && lt.is_native() && a.is_aligned() && acc.dtype() == r.types[0] {
                let ctx = LoopContext::new(r.data, opts.check_int_overflow);
                fpstatus::clear();
                // SAFETY: `a` is one live element of the loop dtype (invariant 1), read with
                // count 1 whatever the stride; the accumulator's element for it is its
                // first (every index of `a` is 0).
                unsafe { rf(&ctx, acc.data_ptr(), a.data_ptr(), 1, st)? };
                return Ok(ctx.flags() | fpstatus::read());
            }
        }
        let ops = [
            Op {
                ptr: acc.data_ptr(),
                strides: Strides::from_slice(acc_strides),
                dtype: acc.dtype(),
                loop_dtype: r.types[0],
            },
            Op {
                ptr: a.data_ptr(),
                strides: Strides::from_slice(a.strides()),
                dtype: a.dtype(),
                loop_dtype: r.types[1],
            },
            Op {
                ptr: acc.data_ptr(),
                strides: Strides::from_slice(acc_strides),
                dtype: acc.dtype(),
                loop_dtype: r.types[2],
            },
        ];
        let spec = RunSpec {
            func: r.func,
            data: r.data,
            nin: 2,
            modes: LoopModes {
                check_int_overflow: opts.check_int_overflow,
                ..LoopModes::default()
            },
            reduce: r.reduce,
            // Without a reduce variant, the tree only where NumPy's order is not a
            // defined sequence: never for products (NumPy multiplies in order), nor for
            // float sums (a replaced add loop without a reduce variant goes in order).
            tree: self.reorderable()
                && !r.descr_loop
                && !counted(r.types[1])
                && self.name != "multiply"
                && !(self.name == "add" && matches!(r.types[1].kind, 'f' | 'c')),
            mask: mask.map(|m| (m.data_ptr(), m.strides())),
            descrs: r.loop_descrs(),
        };
        fpstatus::clear();
        // NumPy's buffered calls where they differ from the engine's runs (see `reduce`).
        if let Some(rf) = r.reduce {
            let (src, lt) = (a.dtype(), r.types[1]);
            let cast = src.type_id != lt.type_id;
            let plan = if src.is_native() && a.is_aligned() && acc.dtype() == r.types[0] {
                super::reduce::plan(
                    a.shape(),
                    a.strides(),
                    acc_strides,
                    mask.map(|m| m.strides()),
                    cast,
                )
            } else {
                None
            };
            let castf = if cast {
                crate::dtype::cast::get_cast(src, lt)
            } else {
                None
            };
            if let Some(p) = plan.filter(|_| !cast || castf.is_some()) {
                let ctx = LoopContext::new(r.data, opts.check_int_overflow);
                // SAFETY: the plan covers a's elements (invariant 1) and the accumulator
                // broadcast over a's shape; the cast converts a's dtype to the loop's.
                unsafe {
                    super::reduce::run_blocks(
                        &p,
                        &ctx,
                        rf,
                        a.data_ptr(),
                        src.itemsize,
                        castf,
                        acc.data_ptr(),
                        lt.itemsize,
                        mask.map(|m| m.data_ptr() as *const u8),
                    )?
                };
                return Ok(ctx.flags() | fpstatus::read());
            }
        }
        if mask.is_none() {
            // SAFETY: as below; `acc` is a fresh array disjoint from `a`.
            if let Some(res) =
                unsafe { super::rows::reduce_rows(r, acc, acc_strides, a, spec.modes) }
            {
                return res;
            }
        }
        // SAFETY: the accumulator is a fresh native array of the loop dtype broadcast over
        // a's shape (operand 0 and the output identical, as the loop contract allows), `a`
        // and the mask are live views of that shape (invariant 1).
        let soft = unsafe { run(a.shape(), &ops, &spec)? };
        Ok(soft | fpstatus::read())
    }

    /// `ufunc.accumulate` along `axis`.
    ///
    /// # Errors
    /// `AxisError`, resolution errors, a wrongly shaped `out`.
    pub fn accumulate(
        &self,
        a: &Array,
        axis: isize,
        dtype: Option<DType>,
        out: Option<Array>,
    ) -> Result<CallOutput> {
        self.check_binary("accumulate")?;
        if a.ndim() == 0 {
            return Err(Error::type_("cannot accumulate on a scalar"));
        }
        let ax = normalize_axis(axis, a.ndim())?;
        let r = self.resolve_reducelike(
            "accumulate",
            a.dtype(),
            dtype,
            out.as_ref().map(|o| o.dtype()),
            true,
        )?;
        let (work, result) = self.method_output(&r, a.shape(), out)?;
        let aw = self.loop_input(a, r.types[1], &result)?;
        let n = a.shape()[ax];
        if n == 0 || a.size() == 0 {
            return Ok(CallOutput {
                outputs: smallvec::smallvec![result],
                fpe: 0,
            });
        }
        let first = take(&aw, ax, 0);
        copy_into(&take(&work, ax, 0), &first)?;
        fpstatus::clear();
        let mut soft = 0;
        // SAFETY: `work` and `aw` are native, aligned 1-d arrays of the loop dtype
        // (method_output, loop_input) of `n` elements.
        if a.ndim() == 1 && unsafe { accumulate_typed(self.name(), &r, &work, &aw, n) } {
            soft = 0;
        } else if a.ndim() == 1 {
            // One element per step, straight through the loop (no views per element).
            // NumPy makes one call over the axis, overlapping its own output when it
            // has more than one step.
            let ctx = LoopContext::with_modes(
                r.data,
                LoopModes {
                    overlap: Some(n > 2),
                    ..LoopModes::default()
                },
            )
            .with_descrs(r.loop_descrs());
            let (wp, ws) = (work.data_ptr(), work.strides()[0]);
            let (ap, as_) = (aw.data_ptr(), aw.strides()[0]);
            for i in 1..n as isize {
                // SAFETY: elements i-1 and i of the working output and i of the input,
                // native and aligned in the loop dtypes (method_output, loop_input).
                unsafe {
                    (r.func)(
                        &ctx,
                        &[
                            wp.wrapping_offset((i - 1) * ws),
                            ap.wrapping_offset(i * as_),
                            wp.wrapping_offset(i * ws),
                        ],
                        1,
                        &[0, 0, 0],
                    )?
                };
            }
            soft = ctx.flags();
        }
        for i in (if a.ndim() == 1 { n } else { 1 })..n {
            soft |= self.step(
                &r,
                &take(&work, ax, i - 1),
                &take(&aw, ax, i),
                &take(&work, ax, i),
                Some(n > 2),
            )?;
        }
        let fpe = soft | fpstatus::read();
        if work.data_ptr() != result.data_ptr() || work.dtype() != result.dtype() {
            copy_into(&result, &work)?;
        }
        Ok(CallOutput {
            outputs: smallvec::smallvec![result],
            fpe,
        })
    }

    /// `ufunc.reduceat`: reductions over the slices `indices[i]:indices[i+1]` of `axis`.
    ///
    /// # Errors
    /// `IndexError` for indices out of range, as NumPy words it; as `accumulate`.
    pub fn reduceat(
        &self,
        a: &Array,
        indices: &[isize],
        axis: isize,
        dtype: Option<DType>,
        out: Option<Array>,
    ) -> Result<CallOutput> {
        self.check_binary("reduceat")?;
        let nd = a.ndim().max(1);
        let a = if a.ndim() == 0 {
            array_view(a, 0, &[1], &[0])
        } else {
            a.clone()
        };
        let ax = normalize_axis(axis, nd)?;
        let n = a.shape()[ax];
        for &i in indices {
            if i < 0 || i as usize >= n {
                return Err(Error::index(format!(
                    "index {i} out-of-bounds in {}.reduceat [0, {n})",
                    self.name()
                )));
            }
        }
        let r = self.resolve_reducelike(
            "reduceat",
            a.dtype(),
            dtype,
            out.as_ref().map(|o| o.dtype()),
            true,
        )?;
        let mut shape = Shape::from_slice(a.shape());
        shape[ax] = indices.len();
        let (work, result) = self.method_output(&r, &shape, out)?;
        let aw = self.loop_input(&a, r.types[1], &result)?;
        fpstatus::clear();
        let mut soft = 0;
        for (k, &s) in indices.iter().enumerate() {
            let s = s as usize;
            let end = match indices.get(k + 1) {
                Some(&e) if (e as usize) > s => e as usize,
                Some(_) => s + 1,
                None => n,
            };
            let dst = take(&work, ax, k);
            copy_into(&dst, &take(&aw, ax, s))?;
            for j in s + 1..end {
                // NumPy reduces each segment with one reduce call of its loop.
                soft |= self.step(&r, &dst, &take(&aw, ax, j), &dst, Some(true))?;
            }
        }
        let fpe = soft | fpstatus::read();
        if work.data_ptr() != result.data_ptr() || work.dtype() != result.dtype() {
            copy_into(&result, &work)?;
        }
        Ok(CallOutput {
            outputs: smallvec::smallvec![result],
            fpe,
        })
    }

    /// The working output (loop dtype, native) and the array returned.
    fn method_output(
        &self,
        r: &Resolved,
        shape: &[usize],
        out: Option<Array>,
    ) -> Result<(Array, Array)> {
        let t = r.types[2];
        match out {
            Some(o) => {
                o.check_writeable()?;
                if o.shape() != shape {
                    return Err(Error::value(format!(
                        "output operand has shape {}, expected {}",
                        fmt_shape(o.shape()),
                        fmt_shape(shape)
                    )));
                }
                if o.dtype() == t && o.dtype().is_native() && o.is_aligned() {
                    Ok((o.clone(), o))
                } else {
                    Ok((super::alloc::zeros(shape, t, Order::C)?, o))
                }
            }
            None => {
                let w = super::alloc::zeros(shape, t, Order::C)?;
                Ok((w.clone(), w))
            }
        }
    }

    /// The input in the loop dtype, copied when it overlaps the result.
    fn loop_input(&self, a: &Array, t: DType, result: &Array) -> Result<Array> {
        if a.dtype() == t && a.dtype().is_native() && a.is_aligned() && !a.may_share_memory(result)
        {
            Ok(a.clone())
        } else {
            copy_as(a, t, Order::C)
        }
    }

    /// `out = x op y` elementwise over equal-shaped native loop-dtype views (`x` may be
    /// `out` itself); `overlap`: whether NumPy's one call along the axis overlaps
    /// ([`LoopModes::overlap`]).
    fn step(
        &self,
        r: &Resolved,
        x: &Array,
        y: &Array,
        out: &Array,
        overlap: Option<bool>,
    ) -> Result<u8> {
        let modes = LoopModes {
            overlap,
            ..LoopModes::default()
        };
        let ctx = LoopContext::with_modes(r.data, modes).with_descrs(r.loop_descrs());
        if x.size() == 1 {
            // SAFETY: one element each, native and aligned in the loop dtypes.
            unsafe {
                (r.func)(
                    &ctx,
                    &[x.data_ptr(), y.data_ptr(), out.data_ptr()],
                    1,
                    &[0, 0, 0],
                )?
            };
            return Ok(ctx.flags());
        }
        let ops = [x, y, out].map(|v| Op {
            ptr: v.data_ptr(),
            strides: Strides::from_slice(v.strides()),
            dtype: v.dtype(),
            loop_dtype: v.dtype(),
        });
        let spec = RunSpec {
            func: r.func,
            data: r.data,
            nin: 2,
            modes,
            reduce: None,
            tree: false,
            mask: None,
            descrs: r.loop_descrs(),
        };
        // SAFETY: three live views of one shape; x and out are identical or disjoint
        // slices of the working array.
        unsafe { run(out.shape(), &ops, &spec) }
    }

    /// `ufunc.outer(a, b)`: `op(a[i..., None...], b[None..., j...])`.
    ///
    /// # Errors
    /// As [`Ufunc::call`].
    pub fn outer(&self, a: &Input, b: &Input, opts: &CallOptions) -> Result<CallOutput> {
        self.check_binary("outer")?;
        let a2 = match a {
            Input::Array(x) => {
                let mut shape = Shape::from_slice(x.shape());
                let mut strides = Strides::from_slice(x.strides());
                for _ in 0..b.shape().len() {
                    shape.push(1);
                    strides.push(0);
                }
                Input::Array(array_view(x, 0, &shape, &strides))
            }
            w => w.clone(),
        };
        self.call(&[a2, b.clone()], &[], opts)
    }

    /// `ufunc.at(a, index, b)`: unbuffered in-place operation; repeated indices apply
    /// repeatedly. Returns the FP flags raised.
    ///
    /// # Errors
    /// Index errors, resolution errors, a read-only `a`, `b` missing or not broadcastable.
    pub fn at(&self, a: &Array, index: &[Index], b: Option<&Input>) -> Result<u8> {
        if self.core_signature().is_some() || self.nout() != 1 || self.nin() > 2 {
            return Err(Error::value(
                "at only supported for unary and binary ufuncs with one output",
            ));
        }
        match (self.nin(), b) {
            (2, None) => return Err(Error::value("second operand needed for ufunc")),
            (1, Some(_)) => {
                return Err(Error::value("second operand provided when ufunc is unary"))
            }
            _ => {}
        }
        a.check_writeable()?;
        // Linear (C-order) positions of the selected elements.
        let n = a.size();
        let pos = crate::ops::creation::arange(
            crate::dtype::Scalar::Int(0),
            crate::dtype::Scalar::Int(n as i64),
            crate::dtype::Scalar::Int(1),
            Builtin::Int64.dtype(),
        )?;
        let pos = crate::ops::reshape(
            &pos,
            &a.shape().iter().map(|&d| d as isize).collect::<Vec<_>>(),
            Order::C,
        )?;
        let (sel, _) = crate::ops::index::get(&pos, index)?;
        let sel = copy_of(&sel, Order::C)?;
        let sshape = Shape::from_slice(sel.shape());
        let mut ops: SmallVec<[Operand; 2]> = SmallVec::new();
        ops.push(Operand::Strong(a.dtype()));
        if let Some(b) = b {
            ops.push(b.operand());
        }
        let r = self.resolve_cached(&ops, &[Some(a.dtype())], Casting::Unsafe, None)?;
        if r.descr_loop {
            // Elements are staged in small fixed buffers below; string items need not fit.
            return Err(Error::type_(format!(
                "ufunc.at is not supported for ufunc '{}' with dtypes {}",
                self.name(),
                r.types
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let nin = self.nin();
        let barr = match b {
            Some(Input::Array(x)) => {
                let x = if x.may_share_memory(a) {
                    copy_of(x, Order::C)?
                } else {
                    x.clone()
                };
                let s = layout::broadcast_strides(x.shape(), x.strides(), &sshape).map_err(|_| {
                    Error::value(format!(
                        "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
                        fmt_shape(x.shape()),
                        fmt_shape(&sshape)
                    ))
                })?;
                Some(copy_as(
                    &array_view(&x, 0, &sshape, &s),
                    r.types[1],
                    Order::C,
                )?)
            }
            Some(Input::Weak(v)) => {
                let w = weak_to_array(v, r.types[1])?;
                let s = Strides::from_elem(0, sshape.len());
                Some(array_view(&w, 0, &sshape, &s))
            }
            Some(Input::WeakHugeInt(h)) => {
                let (w, _) = h.to_array(r.types[1])?;
                let s = Strides::from_elem(0, sshape.len());
                Some(array_view(&w, 0, &sshape, &s))
            }
            None => None,
        };
        let t0 = r.types[0];
        let t_out = r.types[nin];
        let mut x = [0u64; 4];
        let mut y = [0u64; 4];
        let xp = x.as_mut_ptr() as *mut u8;
        let yp = y.as_mut_ptr() as *mut u8;
        let shape = a.shape().to_vec();
        let strides = a.strides().to_vec();
        // NumPy updates each element in place with one reduce-like call of its loop
        // (input and output the same element).
        let ctx = LoopContext::with_modes(
            r.data,
            LoopModes {
                overlap: Some(true),
                ..LoopModes::default()
            },
        );
        fpstatus::clear();
        let cin = [a.dtype(), t0];
        let bptr0 = barr.as_ref().map(|b| b.data_ptr());
        let total = sel.size();
        let selp = sel.data_ptr() as *const i64;
        let mut bptr = bptr0;
        let bnd = barr.as_ref().map_or(0, |b| b.ndim());
        let mut bidx = vec![0usize; bnd];
        for k in 0..total {
            // SAFETY: `sel` is a fresh C-contiguous int64 array of `total` elements.
            let mut lin = unsafe { selp.add(k).read() } as usize;
            let mut off = 0isize;
            for d in (0..shape.len()).rev() {
                off += (lin % shape[d]) as isize * strides[d];
                lin /= shape[d];
            }
            let pa = a.data_ptr().wrapping_offset(off);
            // SAFETY: `pa` is an element of `a` (positions come from indexing a's own
            // positions); x/y hold one element of up to 32 bytes; b's pointer walks its
            // broadcast view in C order.
            unsafe {
                convert_one(pa, cin[0], xp, cin[1])?;
                let mut ptrs: SmallVec<[*mut u8; 3]> = SmallVec::new();
                ptrs.push(xp);
                if let Some(bp) = bptr {
                    ptrs.push(bp);
                }
                ptrs.push(yp);
                (r.func)(&ctx, &ptrs, 1, &[0, 0, 0][..ptrs.len()])?;
                convert_one(yp, t_out, pa, a.dtype())?;
            }
            // Advance b in C order.
            if let (Some(b), Some(bp)) = (&barr, bptr.as_mut()) {
                for d in (0..bnd).rev() {
                    bidx[d] += 1;
                    *bp = bp.wrapping_offset(b.strides()[d]);
                    if bidx[d] < b.shape()[d] {
                        break;
                    }
                    *bp = bp.wrapping_offset(-(b.strides()[d] * b.shape()[d] as isize));
                    bidx[d] = 0;
                }
            }
        }
        Ok(ctx.flags() | fpstatus::read())
    }
}

/// A running sum or product in one typed pass (`out[i] = out[i-1] op x[i]`, in order:
/// NumPy's accumulate), for the loops whose elementwise kernel is the plain IEEE
/// operation (the built-in float64/float32 `add`/`multiply` loops: a loop replaced by
/// `replace_loop` has lost its reduce variant and is stepped through). False when the
/// loop is not one of those (the caller steps through the loop).
///
/// # Safety
/// `work` and `aw` are 1-d native, aligned arrays of `r`'s loop dtype with `n` elements,
/// `work[0]` already holds `aw[0]`.
unsafe fn accumulate_typed(name: &str, r: &Resolved, work: &Array, aw: &Array, n: usize) -> bool {
    unsafe fn run<T: Copy>(work: &Array, aw: &Array, n: usize, f: impl Fn(T, T) -> T) {
        let (wp, ws) = (work.data_ptr() as *mut T, work.strides()[0]);
        let (ap, as_) = (aw.data_ptr() as *const T, aw.strides()[0]);
        let sz = std::mem::size_of::<T>() as isize;
        // SAFETY (all accesses): elements 0..n of the two arrays (caller).
        unsafe {
            let mut acc = wp.read();
            if ws == sz && as_ == sz {
                for i in 1..n {
                    acc = f(acc, ap.add(i).read());
                    wp.add(i).write(acc);
                }
            } else {
                for i in 1..n as isize {
                    acc = f(acc, (ap as *const u8).offset(i * as_).cast::<T>().read());
                    (wp as *mut u8).offset(i * ws).cast::<T>().write(acc);
                }
            }
        }
    }
    let t = r.types[0];
    if r.reduce.is_none()
        || r.types[1] != t
        || r.types[2] != t
        || work.dtype() != t
        || aw.dtype() != t
    {
        return false;
    }
    // SAFETY: forwarded; the element type is the loop dtype checked above.
    unsafe {
        match (name, t.descr().builtin) {
            ("add", Some(Builtin::Float64)) => run::<f64>(work, aw, n, |a, b| a + b),
            ("add", Some(Builtin::Float32)) => run::<f32>(work, aw, n, |a, b| a + b),
            ("multiply", Some(Builtin::Float64)) => run::<f64>(work, aw, n, |a, b| a * b),
            ("multiply", Some(Builtin::Float32)) => run::<f32>(work, aw, n, |a, b| a * b),
            _ => return false,
        }
    }
    true
}

/// Convert one element from `(src, sd)` to `(dst, dd)`.
///
/// # Safety
/// Both pointers address one element of their dtype (any alignment).
unsafe fn convert_one(src: *const u8, sd: DType, dst: *mut u8, dd: DType) -> Result<()> {
    // SAFETY: forwarded; get/set handle byte order and alignment.
    unsafe {
        if sd == dd && sd.str() == dd.str() {
            std::ptr::copy_nonoverlapping(src, dst, sd.itemsize);
            return Ok(());
        }
        if let (Some(_), Some(_)) = (sd.builtin, dd.builtin) {
            if sd.is_native() && dd.is_native() {
                let f = crate::dtype::cast::get_cast(sd, dd).expect("built-in casts exist");
                f(src, 0, dst, 0, 1);
                return Ok(());
            }
        }
        let v = sd.get(src);
        dd.set(dst, &v)
    }
}

/// The strides of `acc` (keep-dims shape) with the reduced axes removed unless `keep`.
fn squeeze_strides(acc: &Array, red: &[usize], keep: bool) -> Strides {
    acc.strides()
        .iter()
        .enumerate()
        .filter(|(i, _)| keep || !red.contains(i))
        .map(|(_, &s)| s)
        .collect()
}

/// The slice `a[..., i, ...]` along `axis` (axis removed).
fn take(a: &Array, axis: usize, i: usize) -> Array {
    let mut shape = Shape::from_slice(a.shape());
    let mut strides = Strides::from_slice(a.strides());
    let off = i as isize * strides[axis];
    shape.remove(axis);
    strides.remove(axis);
    array_view(a, off, &shape, &strides)
}

/// True for loop dtypes whose items are reference-counted or need the interpreter: such
/// operands are converted whole before a call (never in the engine's staging buffers,
/// which move plain bytes) and reduced in order.
pub(crate) fn counted(dt: DType) -> bool {
    dt.has_refs() || dt.needs_api()
}
