//! The string dtypes' ufunc loops: descriptor loops ([`DescrLoop`]) over the families
//! `S<n>`, `U<n>` and `StringDType`, as NumPy 2 registers them (no loop mixes `S` with
//! `U`; `StringDType` meets `U` and gives `StringDType`), and the ufuncs that have only
//! such loops (`str_len` and the `is*` predicates of `numpy.strings`).
//!
//! Each loop's `resolve_descriptors` sizes the result from the operands (`add(U3, U4)`
//! -> `U7`, or the given `out`'s descriptor of the same class, as NumPy's); the inner
//! loop views its runs as 1-d arrays of the descriptors it receives
//! ([`LoopContext::descrs`]) and computes them with the array functions of
//! `crate::strings::funcs`, so the ufuncs and `oxarray.strings` share one implementation
//! (missing values of `StringDType` included), then writes the run into the output
//! (casting to the output descriptor: a shorter given `out` truncates, as NumPy's).

use std::collections::HashMap;
use std::sync::Arc;

use crate::array::Array;
use crate::dtype::{Builtin, DType};
use crate::error::{Error, Result};
use crate::layout::{Shape, Strides};
use crate::storage::Storage;
use crate::strings::funcs::{self, Cmp, Pred};
use crate::strings::{self as cs, vstring};
use crate::ufunc::loops::{
    DTypeFamily, DescrLoop, Identity, LoopContext, LoopFn, LoopResult, ResolverHint, UfuncDef,
};
use crate::ufunc::Ufunc;

fn is_s(d: DType) -> bool {
    cs::is_bytes(d)
}
fn is_u(d: DType) -> bool {
    cs::is_unicode(d)
}
fn is_t(d: DType) -> bool {
    vstring::is_vstring(d)
}
fn is_ut(d: DType) -> bool {
    is_u(d) || is_t(d)
}
fn is_text(d: DType) -> bool {
    cs::is_text(d)
}
fn is_bool(d: DType) -> bool {
    d.is_bool()
}
fn is_int(d: DType) -> bool {
    d.is_integer()
}
fn is_int64(d: DType) -> bool {
    d.type_id == Builtin::Int64 as u32
}

/// The run of `len` items at `ptr` (byte stride `stride`) as a 1-d array of `dt`.
///
/// # Safety
/// The items are live items of `dt` (writable when `writeable`) for as long as the
/// array is used; the array is dropped before the loop returns.
unsafe fn view(
    ptr: *mut u8,
    len: usize,
    stride: isize,
    dt: DType,
    writeable: bool,
) -> Result<Array> {
    let span = if len == 0 {
        0
    } else {
        (len as isize - 1) * stride
    };
    let lo = span.min(0);
    let bytes = span.unsigned_abs() + dt.itemsize;
    // SAFETY: `lo` steps back to the lowest item of the run (caller: every item is live).
    let base = unsafe { ptr.offset(lo) };
    // SAFETY: the region covers exactly the run's items, live for the array's use
    // (caller); nothing frees it through this storage.
    let storage = unsafe { Storage::foreign(base, bytes, writeable, Box::new(())) };
    Array::from_parts(
        Arc::new(storage),
        -lo,
        Shape::from_slice(&[len]),
        Strides::from_slice(&[stride]),
        dt,
        writeable,
    )
}

/// The resolved descriptors, or an error when a caller did not pass them.
fn descrs<'a>(ctx: &'a LoopContext<'_>, n: usize) -> Result<&'a [DType]> {
    if ctx.descrs.len() == n {
        Ok(ctx.descrs)
    } else {
        Err(Error::type_(
            "a string loop was called without its operand descriptors",
        ))
    }
}

/// The `nin` inputs of a run as arrays, and the descriptors.
///
/// # Safety
/// The loop contract (`LoopFn`).
unsafe fn inputs<'a>(
    ctx: &'a LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
    nin: usize,
) -> Result<(Vec<Array>, &'a [DType])> {
    let d = descrs(ctx, nin + 1)?;
    if ptrs.len() != nin + 1 || strides.len() != nin + 1 {
        return Err(Error::type_(
            "a string loop got the wrong number of operands",
        ));
    }
    let v = (0..nin)
        // SAFETY: the loop contract: `len` items of each operand's descriptor.
        .map(|k| unsafe { view(ptrs[k], len, strides[k], d[k], false) })
        .collect::<Result<Vec<_>>>()?;
    Ok((v, d))
}

/// The output run (operand `k`) as a 1-d array, for the functions that write their result
/// in place when it fits (`funcs::*_in`).
///
/// # Safety
/// The loop contract (`LoopFn`).
unsafe fn dest(
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
    d: &[DType],
    k: usize,
) -> Result<Array> {
    // SAFETY: the output run: `len` writable items of its descriptor.
    unsafe { view(ptrs[k], len, strides[k], d[k], true) }
}

/// Write the run's result `res` into the output run `out` (nothing to do when the function
/// wrote it there already).
fn finish(out: &Array, res: &Array) -> LoopResult {
    if res.data_ptr() == out.data_ptr() && res.dtype() == out.dtype() {
        return Ok(());
    }
    crate::iter::copy_into(out, res)
}

/// Write the run's result `res` into the output (operand `k`).
///
/// # Safety
/// The loop contract (`LoopFn`).
unsafe fn store(
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
    d: &[DType],
    k: usize,
    res: &Array,
) -> LoopResult {
    // SAFETY: forwarded.
    finish(&unsafe { dest(ptrs, len, strides, d, k)? }, res)
}

const CMPS: [Cmp; 6] = [Cmp::Eq, Cmp::Ne, Cmp::Lt, Cmp::Le, Cmp::Gt, Cmp::Ge];

unsafe fn compare_loop<const OP: usize>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    // SAFETY: forwarded loop contract.
    unsafe {
        let (a, d) = inputs(ctx, ptrs, len, strides, 2)?;
        let o = dest(ptrs, len, strides, d, 2)?;
        finish(&o, &funcs::compare_in(&a[0], &a[1], CMPS[OP], Some(&o))?)
    }
}

unsafe fn add_loop(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    // SAFETY: forwarded loop contract.
    unsafe {
        let (a, d) = inputs(ctx, ptrs, len, strides, 2)?;
        let o = dest(ptrs, len, strides, d, 2)?;
        finish(&o, &funcs::add_in(&a[0], &a[1], Some(&o))?)
    }
}

/// `multiply` with the string operand first (`S = 0`) or second (`S = 1`).
unsafe fn multiply_loop<const S: usize>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    // SAFETY: forwarded loop contract.
    unsafe {
        let (a, d) = inputs(ctx, ptrs, len, strides, 2)?;
        let r = funcs::multiply(&a[S], &a[1 - S])?;
        store(ptrs, len, strides, d, 2, &r)
    }
}

unsafe fn str_len_loop(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    // SAFETY: forwarded loop contract.
    unsafe {
        let (a, d) = inputs(ctx, ptrs, len, strides, 1)?;
        let o = dest(ptrs, len, strides, d, 1)?;
        finish(&o, &funcs::str_len_in(&a[0], Some(&o))?)
    }
}

/// `logical_and` (`OP = 0`), `logical_or` (1), `logical_xor` (2) of the strings' truth
/// values: the cast to `bool` (non-empty; missing values as that cast treats them).
unsafe fn logical_loop<const OP: usize>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    // SAFETY: forwarded loop contract.
    unsafe {
        let (a, d) = inputs(ctx, ptrs, len, strides, 2)?;
        let b = bool_dt();
        let x = crate::iter::copy_as(&a[0], b, crate::layout::Order::C)?;
        let y = crate::iter::copy_as(&a[1], b, crate::layout::Order::C)?;
        let r = Array::zeros(&[len], b, crate::layout::Order::C)?;
        let (xp, yp, rp) = (x.data_ptr(), y.data_ptr(), r.data_ptr());
        for i in 0..len {
            // SAFETY: three fresh contiguous bool arrays of `len` items.
            let (p, q) = (*xp.add(i) != 0, *yp.add(i) != 0);
            *rp.add(i) = match OP {
                0 => p && q,
                1 => p || q,
                _ => p != q,
            } as u8;
        }
        store(ptrs, len, strides, d, 2, &r)
    }
}

/// `maximum` (`MAX = true`) and `minimum` of `StringDType` items: the larger (smaller)
/// in code-point order, the first on ties; a NaN-like missing value sorts last (NumPy's),
/// another missing value raises as the comparison does.
unsafe fn minmax_loop<const MAX: bool>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    // SAFETY: forwarded loop contract.
    unsafe {
        let (a, d) = inputs(ctx, ptrs, len, strides, 2)?;
        let op = if MAX { Cmp::Ge } else { Cmp::Le };
        let pick_a = funcs::compare(&a[0], &a[1], op)?;
        if vstring::params(&d[0]).na == vstring::Na::NanLike {
            // A NaN-like missing value sorts last: `maximum` gives it, `minimum` the
            // other operand.
            let m = pick_a.data_ptr();
            for i in 0..len {
                // SAFETY: item i of each input run; `pick_a` is a fresh contiguous bool
                // array of `len` items.
                let na_a = vstring::is_na(ptrs[0].offset(i as isize * strides[0]));
                let na_b = vstring::is_na(ptrs[1].offset(i as isize * strides[1]));
                if MAX && na_a || !MAX && na_b && !na_a {
                    *m.add(i) = 1;
                }
            }
        }
        let r = crate::ops::select::where3(&pick_a, &a[0], &a[1], d[0])?;
        store(ptrs, len, strides, d, 2, &r)
    }
}

fn resolve_minmax(ins: &[DType], outs: &[Option<DType>]) -> Result<Vec<DType>> {
    Ok(vec![ins[0], ins[1], out_or(outs, ins[0])])
}

const PREDS: [(&str, Pred); 9] = [
    ("isalpha", Pred::Alpha),
    ("isdigit", Pred::Digit),
    ("isspace", Pred::Space),
    ("isalnum", Pred::Alnum),
    ("isnumeric", Pred::Numeric),
    ("isdecimal", Pred::Decimal),
    ("islower", Pred::Lower),
    ("isupper", Pred::Upper),
    ("istitle", Pred::Title),
];

unsafe fn predicate_loop<const P: usize>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    // SAFETY: forwarded loop contract.
    unsafe {
        let (a, d) = inputs(ctx, ptrs, len, strides, 1)?;
        let r = funcs::predicate(&a[0], PREDS[P].1)?;
        store(ptrs, len, strides, d, 1, &r)
    }
}

// ---------------------------------------------------------------------------------------
// resolve_descriptors.

fn bool_dt() -> DType {
    Builtin::Bool.dtype()
}

/// The output descriptor: a given string output as it is (the loop casts its result into
/// it, as NumPy's string loops write into any string `out`; the engine's byte buffers do
/// not convert between string classes), else `computed`.
fn out_or(outs: &[Option<DType>], computed: DType) -> DType {
    match outs.first().copied().flatten() {
        Some(o)
            if is_text(o)
                && crate::dtype::can_cast(computed, o, crate::dtype::Casting::SameKind) =>
        {
            o
        }
        _ => computed,
    }
}

/// Comparisons: the inputs as they are, `bool` out.
fn resolve_compare(ins: &[DType], outs: &[Option<DType>]) -> Result<Vec<DType>> {
    Ok(vec![ins[0], ins[1], out_or(outs, bool_dt())])
}

/// `add` of two `S` or two `U`: the sizes summed (`U3 + U4 -> U7`), or a given output
/// of the same class as it is (the result truncated to it, as NumPy's).
fn resolve_add_fixed(ins: &[DType], outs: &[Option<DType>]) -> Result<Vec<DType>> {
    let computed = match outs[0] {
        Some(o) if o.type_id == ins[0].type_id => o,
        _ => cs::same_class(ins[0], cs::nchars(&ins[0]) + cs::nchars(&ins[1]))?,
    };
    Ok(vec![ins[0], ins[1], out_or(outs, computed)])
}

/// The `StringDType` operand of a pair (the first when both are).
fn vstring_of(ins: &[DType]) -> DType {
    if is_t(ins[0]) {
        ins[0]
    } else {
        ins[1]
    }
}

/// `add` with a `StringDType` operand: that descriptor out (`T + U -> T`).
fn resolve_add_t(ins: &[DType], outs: &[Option<DType>]) -> Result<Vec<DType>> {
    Ok(vec![ins[0], ins[1], out_or(outs, vstring_of(ins))])
}

/// `multiply` of `S`/`U` and an integer (string first when `S == 0`): the integer as
/// `int64`; the output must be given (NumPy's ufunc cannot size it), and is taken as it is
/// when of the string's class, else as the string's class with its length.
fn resolve_multiply_fixed<const S: usize>(
    ins: &[DType],
    outs: &[Option<DType>],
) -> Result<Vec<DType>> {
    let Some(o) = outs[0] else {
        return Err(Error::type_(
            "The 'out' kwarg is necessary when using the string multiply ufunc directly. Use oxarray.strings.multiply to multiply strings without specifying 'out'.",
        ));
    };
    let s = ins[S];
    let out = out_or(outs, cs::same_class(s, cs::nchars(&s).max(cs::nchars(&o)))?);
    let mut v = vec![Builtin::Int64.dtype(); 3];
    v[S] = s;
    v[2] = out;
    Ok(v)
}

/// `multiply` of `StringDType` and an integer: that descriptor out.
fn resolve_multiply_t<const S: usize>(ins: &[DType], outs: &[Option<DType>]) -> Result<Vec<DType>> {
    let mut v = vec![Builtin::Int64.dtype(); 3];
    v[S] = ins[S];
    v[2] = out_or(outs, ins[S]);
    Ok(v)
}

/// The logical ufuncs: the strings as they are, `bool` out.
fn resolve_logical(ins: &[DType], outs: &[Option<DType>]) -> Result<Vec<DType>> {
    Ok(vec![ins[0], ins[1], out_or(outs, bool_dt())])
}

fn resolve_str_len(ins: &[DType], outs: &[Option<DType>]) -> Result<Vec<DType>> {
    Ok(vec![ins[0], out_or(outs, Builtin::Int64.dtype())])
}

fn resolve_predicate(ins: &[DType], outs: &[Option<DType>]) -> Result<Vec<DType>> {
    Ok(vec![ins[0], out_or(outs, bool_dt())])
}

// ---------------------------------------------------------------------------------------
// Registration.

fn dl(
    families: &[DTypeFamily],
    resolve: crate::ufunc::loops::ResolveDescriptorsFn,
    func: LoopFn,
) -> DescrLoop {
    DescrLoop {
        families: families.to_vec(),
        resolve,
        func,
        free_input_casts: false,
    }
}

/// The ufuncs of `numpy.strings` that have string loops only, in `numpy.strings`'
/// order: `str_len` and the predicates.
pub const STRING_UFUNCS: [&str; 10] = [
    "str_len",
    "isalpha",
    "isdigit",
    "isspace",
    "isalnum",
    "isnumeric",
    "isdecimal",
    "islower",
    "isupper",
    "istitle",
];

fn unary_def(name: &'static str, doc: &'static str) -> UfuncDef {
    UfuncDef {
        name,
        nin: 1,
        nout: 1,
        identity: Identity::None,
        signature: None,
        resolver: ResolverHint::Default,
        doc,
        loops: Vec::new(),
    }
}

/// Add the string ufuncs to the registry being built and register the string loops of
/// the built-in ufuncs (called once, by the registry).
pub(crate) fn install(map: &mut HashMap<&'static str, Arc<Ufunc>>) {
    let mut defs = vec![unary_def("str_len", "Returns the length of each element.")];
    for (name, _) in PREDS {
        defs.push(unary_def(
            name,
            "Returns true for each element if the string's characters have the named property (Python's str method of that name).",
        ));
    }
    for def in defs {
        let name = def.name;
        if let Ok(u) = Ufunc::new(def) {
            map.entry(name).or_insert_with(|| Arc::new(u));
        }
    }
    let reg = |name: &str, l: DescrLoop| {
        if let Some(u) = map.get(name) {
            let r = u.register_descr_loop(l);
            debug_assert!(r.is_ok(), "string loop of {name}");
        }
    };
    // Comparisons: S with S, U with U, StringDType with itself or U.
    const CMP_LOOPS: [LoopFn; 6] = [
        compare_loop::<0>,
        compare_loop::<1>,
        compare_loop::<2>,
        compare_loop::<3>,
        compare_loop::<4>,
        compare_loop::<5>,
    ];
    let names = [
        "equal",
        "not_equal",
        "less",
        "less_equal",
        "greater",
        "greater_equal",
    ];
    for (name, f) in names.into_iter().zip(CMP_LOOPS) {
        reg(name, dl(&[is_s, is_s, is_bool], resolve_compare, f));
        reg(name, dl(&[is_u, is_u, is_bool], resolve_compare, f));
        reg(name, dl(&[is_t, is_ut, is_bool], resolve_compare, f));
        reg(name, dl(&[is_u, is_t, is_bool], resolve_compare, f));
    }
    // add.
    reg("add", dl(&[is_s, is_s, is_s], resolve_add_fixed, add_loop));
    reg("add", dl(&[is_u, is_u, is_u], resolve_add_fixed, add_loop));
    reg("add", dl(&[is_t, is_ut, is_t], resolve_add_t, add_loop));
    reg("add", dl(&[is_u, is_t, is_t], resolve_add_t, add_loop));
    // multiply: a string and an integer, either way round.
    for fam in [is_s as DTypeFamily, is_u] {
        reg(
            "multiply",
            dl(
                &[fam, is_int, fam],
                resolve_multiply_fixed::<0>,
                multiply_loop::<0>,
            ),
        );
        reg(
            "multiply",
            dl(
                &[is_int, fam, fam],
                resolve_multiply_fixed::<1>,
                multiply_loop::<1>,
            ),
        );
    }
    reg(
        "multiply",
        dl(
            &[is_t, is_int, is_t],
            resolve_multiply_t::<0>,
            multiply_loop::<0>,
        ),
    );
    reg(
        "multiply",
        dl(
            &[is_int, is_t, is_t],
            resolve_multiply_t::<1>,
            multiply_loop::<1>,
        ),
    );
    // maximum/minimum: StringDType only (NumPy has no S or U loops).
    reg(
        "maximum",
        dl(&[is_t, is_t, is_t], resolve_minmax, minmax_loop::<true>),
    );
    reg(
        "minimum",
        dl(&[is_t, is_t, is_t], resolve_minmax, minmax_loop::<false>),
    );
    // The logical ufuncs: strings by their truth (any two string dtypes, as NumPy's
    // logical promoter casts any input to bool).
    const LOGICAL_LOOPS: [LoopFn; 3] = [logical_loop::<0>, logical_loop::<1>, logical_loop::<2>];
    for (name, f) in ["logical_and", "logical_or", "logical_xor"]
        .into_iter()
        .zip(LOGICAL_LOOPS)
    {
        reg(name, dl(&[is_text, is_text, is_bool], resolve_logical, f));
    }
    // str_len and the predicates (`isnumeric`/`isdecimal`: no `S` loops, as NumPy's).
    reg(
        "str_len",
        dl(&[is_text, is_int64], resolve_str_len, str_len_loop),
    );
    const PRED_LOOPS: [LoopFn; 9] = [
        predicate_loop::<0>,
        predicate_loop::<1>,
        predicate_loop::<2>,
        predicate_loop::<3>,
        predicate_loop::<4>,
        predicate_loop::<5>,
        predicate_loop::<6>,
        predicate_loop::<7>,
        predicate_loop::<8>,
    ];
    for ((name, p), f) in PREDS.into_iter().zip(PRED_LOOPS) {
        let fam: DTypeFamily = if matches!(p, Pred::Numeric | Pred::Decimal) {
            is_ut
        } else {
            is_text
        };
        reg(name, dl(&[fam, is_bool], resolve_predicate, f));
    }
}
