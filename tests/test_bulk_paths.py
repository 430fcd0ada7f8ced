"""Bulk paths rewritten for speed (issue 13) give NumPy's exact results.

* the printer's Dragon4 runs in Rust (``oxarray._core._format_float[s]``): every
  mode, width, cutoff, trim and padding against ``np.format_float_positional`` /
  ``np.format_float_scientific``, and ``repr``/``str`` of float arrays with print
  options (the leaves are formatted in one call);
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from oxarray import _core

FLOATS = {2: np.float16, 4: np.float32, 8: np.float64}


@st.composite
def float_of_size(draw):
    size = draw(st.sampled_from([2, 4, 8]))
    kind = draw(st.sampled_from(["bits", "decimal", "any"]))
    if kind == "bits":
        bits = draw(st.integers(0, 2 ** (8 * size) - 1))
        x = float(np.frombuffer(bits.to_bytes(size, "little"), dtype=FLOATS[size])[0])
    elif kind == "decimal":
        m = draw(st.integers(-(10**17), 10**17))
        e = draw(st.integers(-30, 30))
        with np.errstate(over="ignore"):
            x = float(FLOATS[size](m * 10.0**e))
    else:
        with np.errstate(over="ignore"):
            x = float(FLOATS[size](draw(st.floats(allow_nan=True, allow_infinity=True))))
    return size, x


@settings(max_examples=600, deadline=None)
@given(
    float_of_size(),
    st.booleans(),
    st.booleans(),
    st.sampled_from([-1, 0, 1, 2, 5, 8, 17, 25]),
    st.sampled_from([-1, 0, 1, 3, 8]),
    st.sampled_from("k.0-"),
    st.booleans(),
    st.sampled_from([-1, 0, 2, 9]),
    st.sampled_from([-1, 0, 3, 9]),
    st.sampled_from([-1, 1, 3, 5]),
)
def test_format_float_matches_numpy(sx, sci, unique, prec, md, trim, sign, pl, pr, ed):
    size, x = sx
    if not unique and prec < 0:
        prec = 3
    if prec >= 0 and md > prec:
        md = prec
    v = FLOATS[size](x)
    kw = dict(
        precision=None if prec < 0 else prec,
        unique=unique,
        trim=trim,
        sign=sign,
        pad_left=None if pl < 0 else pl,
        min_digits=None if md < 0 else md,
    )
    if sci:
        ref = np.format_float_scientific(v, exp_digits=None if ed < 0 else ed, **kw)
        got = _core._format_float(x, size, True, prec, md, unique, trim, sign, pl, -1, ed)
    else:
        ref = np.format_float_positional(v, pad_right=None if pr < 0 else pr, **kw)
        got = _core._format_float(x, size, False, prec, md, unique, trim, sign, pl, pr, -1)
    assert got == ref
    assert _core._format_floats([x, x], size, sci, prec, md, unique, trim, sign, pl,
                                pr if not sci else -1, ed if sci else -1) == [got, got]


def test_format_float_ties_and_extremes():
    # exact ties between two shortest candidates round to the even digit
    for v in [np.float64(2.0**60), np.float64(2.0**70 + 2.0**18), np.float32(2.0**30),
              np.float16(2048.0), np.float16(65504.0), np.float64(5e-324),
              np.float64(1.7976931348623157e308), np.float32(1e-45), np.float16(6e-8)]:
        size = v.dtype.itemsize
        for unique in (True, False):
            for prec in (0, 1, 3, 16):
                assert _core._format_float(float(v), size, False, prec, -1, unique, ".") == \
                    np.format_float_positional(v, precision=prec, unique=unique, trim=".")
                assert _core._format_float(float(v), size, True, prec, -1, unique, ".") == \
                    np.format_float_scientific(v, precision=prec, unique=unique, trim=".")
        assert _core._format_float(float(v), size, True) == \
            np.format_float_scientific(v, trim="k")


def test_format_float_non_unique_needs_precision():
    with pytest.raises(TypeError):
        _core._format_float(1.5, 8, False, -1, -1, False)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["float16", "float32", "float64", "complex64", "complex128"]),
    st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True, width=32),
                       st.integers(-(10**6), 10**6).map(lambda i: i / 64)),
             min_size=1, max_size=40),
    st.sampled_from([(-1,), (2, -1), (1, 1, -1)]),
    st.sampled_from([{}, {"precision": 3}, {"floatmode": "fixed"}, {"floatmode": "unique"},
                     {"floatmode": "maxprec_equal", "sign": "+"}, {"suppress": True},
                     {"threshold": 5, "edgeitems": 2}, {"threshold": 5, "edgeitems": 0},
                     {"sign": " ", "linewidth": 30}, {"legacy": "1.13"}]),
)
def test_float_array_repr_matches_numpy(dtype, vals, shape, opts):
    n = np.array(vals, dtype=np.float64)
    if len(shape) > 1 and len(vals) % 2:
        n = n[:-1] if len(n) > 1 else n
    n = n.reshape(shape if n.size % 2 == 0 or len(shape) == 1 else (-1,))
    with np.errstate(all="ignore"):
        n = n.astype(dtype)
    o = ox.asarray(n)
    with np.printoptions(**opts), ox.printoptions(**opts):
        assert repr(o) == repr(n)
        assert str(o) == str(n)


# --- array(nested sequence): the last axis is walked by index (convert.rs) -------------

LEAVES = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(2**63), 2**63 - 1),
    st.integers(2**63, 2**64 - 1),
    st.booleans(),
    st.sampled_from([np.float32(1.5), np.int8(-3), np.uint16(7), np.float16(2.0)]),
    st.complex_numbers(allow_nan=False, allow_infinity=False, max_magnitude=1e6),
)


def _outcome(fn):
    try:
        r = fn()
    except Exception as e:  # noqa: BLE001 - the exception type is what is compared
        return type(e)
    return r


@settings(max_examples=300, deadline=None)
@given(
    st.lists(LEAVES, min_size=1, max_size=24),
    st.sampled_from([(-1,), (2, -1), (2, 2, -1)]),
    st.sampled_from([None, "float64", "int64", "float32", "uint8", "complex128", "bool"]),
    st.booleans(),
    st.integers(0, 3),
)
def test_array_nested_matches_numpy(vals, shape, dtype, as_tuple, ragged):
    size = int(np.prod([d for d in shape if d > 0]))
    if len(vals) % size:
        vals = vals[: len(vals) - len(vals) % size] or vals[:1] * size
    nested = np.empty(len(vals), dtype=object)
    nested[:] = vals
    nested = nested.reshape(shape).tolist()
    if as_tuple:
        nested = tuple(tuple(r) if isinstance(r, list) else r for r in nested)
    if ragged == 1 and isinstance(nested, list) and isinstance(nested[0], list):
        nested[0] = nested[0] + [1.0]           # ragged at the last axis
    elif ragged == 2 and isinstance(nested, list) and isinstance(nested[-1], list):
        nested[-1] = nested[-1][:-1] + [[1.0]]  # a sequence where a leaf belongs
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref = _outcome(lambda: np.array(nested, dtype=dtype))
            got = _outcome(lambda: ox.array(nested, dtype=dtype))
    if isinstance(ref, type):
        assert got is ref
        return
    if ref.dtype == object:
        assert isinstance(got, type)
        return
    assert not isinstance(got, type), got
    assert got.dtype == ref.dtype and got.shape == ref.shape
    np.testing.assert_array_equal(np.asarray(got), ref)


def test_array_nested_last_axis_kinds():
    for data in ([[1.0, 2, 3.5], [4, 5, 6.0]], [[1, 2], [3, 2**63]], ((1, 2), (3, 4)),
                 [[1, 2], (3, 4)], [[True, 2], [3, 4]], [[1.0, np.float32(2)], [3, 4]],
                 [[ox.float64(1.0), 2.0]], [[1, 2**62], [-(2**63), 0]], [[1.5, -0.0]]):
        for dtype in (None, "float64", "int64", "float32", "int16"):
            ref = _outcome(lambda: np.array(data, dtype=dtype))
            got = _outcome(lambda: ox.array(data, dtype=dtype))
            if isinstance(ref, type):
                assert got is ref
                continue
            assert got.dtype == ref.dtype
            np.testing.assert_array_equal(np.asarray(got), ref)
    with pytest.raises(OverflowError):
        ox.array([[1, 2**64]])
    with pytest.raises(ValueError):
        ox.array([[1.0, 2.0], [3.0]])


# --- tolist(): one list per last-axis run, float64/int64 boxed directly ----------------

@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["float64", "int64", "float32", "bool", "uint64", "complex128", ">f8",
                     "<i8", "int8", "float16"]),
    st.lists(st.integers(0, 4), min_size=1, max_size=4),
    st.integers(-2, 2).filter(lambda s: s != 0),
    st.booleans(),
)
def test_tolist_matches_numpy(dtype, shape, step, transpose):
    n = (np.arange(int(np.prod(shape)), dtype=np.int64) * 7 - 11).reshape(shape)
    with np.errstate(all="ignore"):
        n = n.astype(dtype)
    if transpose:
        n = n.T
    n = n[..., ::step]
    o = ox.array(n) if not n.dtype.isnative else ox.asarray(n)
    got, ref = o.tolist(), n.tolist()
    assert got == ref
    assert repr(got) == repr(ref)  # the element types too (float/int/bool/complex)


# --- sum(axis=0): rows added into the accumulator, columns split in equal ranges --------

@settings(max_examples=40, deadline=None)
@given(st.integers(1, 70), st.integers(1, 40000), st.sampled_from(["float64", "float32"]),
       st.sampled_from([1, 2, 4]), st.integers(0, 2**32 - 1))
def test_sum_axis0_bit_identical(rows, cols, dtype, threads, seed):
    if rows * cols > 600_000:
        rows = max(1, 600_000 // cols)
    a = np.random.default_rng(seed).standard_normal((rows, cols)).astype(dtype) * 1e3
    o = ox.asarray(a)
    with ox.num_threads(threads):
        got = np.asarray(o.sum(axis=0))
        got_mean = np.asarray(o.mean(axis=0))
    ref = a.sum(axis=0)
    assert got.dtype == ref.dtype
    assert got.tobytes() == ref.tobytes()
    assert got_mean.tobytes() == a.mean(axis=0).tobytes()
