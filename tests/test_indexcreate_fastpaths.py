"""The fast paths of indexing and creation agree with NumPy and with the general paths:
`a[idx]` (one integer array, bounds check folded into the gather), `a[mask]` (one pass, no
index array), `nonzero` of any rank, `take`, `array(list)` of Python ints and floats,
`arange`, and NumPy's promotion of a sequence of dtypes (`result_type`, `concatenate`)."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from _nsjoin_helpers import ALL_DTYPES, LAYOUTS, same_flags, twin_pair
from conftest import assert_same, raises_like

shapes = st.lists(st.integers(0, 5), min_size=1, max_size=3).map(tuple)
dtypes = st.sampled_from(ALL_DTYPES)
layouts = st.sampled_from(LAYOUTS)


def _check_copy(got, expected, sources, flags=True):
    assert_same(got, expected)
    if flags:
        same_flags(got, expected)
    for s in sources:
        assert not ox.may_share_memory(got, s)


@settings(max_examples=60, deadline=None)
@given(shape=shapes, dtype=dtypes, layout=layouts, data=st.data())
def test_fancy_one_index_array(shape, dtype, layout, data):
    na, oa = twin_pair(shape, dtype, layout)
    n = shape[0]
    ishape = data.draw(st.lists(st.integers(0, 4), min_size=1, max_size=2).map(tuple))
    lo, hi = (-n, n - 1) if n else (0, 0)
    vals = data.draw(st.lists(st.integers(lo, hi), min_size=int(np.prod(ishape)),
                              max_size=int(np.prod(ishape))))
    ni = np.array(vals, dtype=np.int64).reshape(ishape)
    oi = ox.asarray(ni.copy())
    if n == 0 and ni.size:
        e = raises_like(lambda: na[ni], lambda: oa[oi])
        assert "out of bounds for axis 0 with size 0" in str(e)
        return
    # (NumPy keeps a Fortran-ordered sub-space of 2+ axes in Fortran order; oxarray's
    # general path returns C order there: values and shape agree, flags are not compared.)
    flags = not (layout == "F" and na.ndim >= 3)
    _check_copy(oa[oi], na[ni], [oa, oi], flags)
    # The non-contiguous index (general path) agrees.
    if ni.ndim == 1 and ni.size > 1:
        _check_copy(oa[oi[::-1]], na[ni[::-1]], [oa], flags)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 6), bad=st.integers(-30, 30), pos=st.integers(0, 3))
def test_fancy_out_of_bounds_message(n, bad, pos):
    if -n <= bad < n:
        bad = n + abs(bad)
    na, oa = twin_pair((n, 2), "float64")
    vals = [0] * 4
    vals[pos] = bad
    ni = np.array(vals, dtype=np.int64)
    e = raises_like(lambda: na[ni], lambda: oa[ox.asarray(ni)])
    with pytest.raises(IndexError) as info:
        na[ni]
    assert str(e) == str(info.value)


@settings(max_examples=60, deadline=None)
@given(shape=shapes, dtype=dtypes, layout=layouts, data=st.data())
def test_mask_gather(shape, dtype, layout, data):
    na, oa = twin_pair(shape, dtype, layout)
    bits = data.draw(st.lists(st.booleans(), min_size=na.size, max_size=na.size))
    nm = np.array(bits, dtype=bool).reshape(shape)
    om = ox.asarray(nm.copy())
    _check_copy(oa[om], na[nm], [oa, om])
    # A mask with other byte values than 0/1 (a view of uint8 data) counts as true.
    raw = np.array([2 * b for b in bits], dtype=np.uint8).reshape(shape)
    om2 = ox.asarray(raw).view("bool")
    _check_copy(oa[om2], na[raw.view(bool)], [oa])


@settings(max_examples=30, deadline=None)
@given(shape=st.lists(st.integers(1, 4), min_size=2, max_size=3).map(tuple))
def test_mask_shape_mismatch(shape):
    na, oa = twin_pair(shape, "int32")
    nm = np.ones(shape[:-1] + (shape[-1] + 1,), dtype=bool)
    e = raises_like(lambda: na[nm], lambda: oa[ox.asarray(nm)])
    with pytest.raises(IndexError) as info:
        na[nm]
    assert str(e) == str(info.value)


@settings(max_examples=60, deadline=None)
@given(shape=st.lists(st.integers(0, 40), min_size=1, max_size=3).map(tuple), data=st.data(),
       layout=layouts)
def test_nonzero_any_rank(shape, data, layout):
    n = int(np.prod(shape))
    density = data.draw(st.sampled_from([0.0, 0.1, 0.5, 1.0]))
    seed = data.draw(st.integers(0, 1000))
    nb = np.random.default_rng(seed).random(n).reshape(shape) < density
    na, oa = twin_pair(shape, "bool", layout)
    na[...] = nb
    oa[...] = ox.asarray(nb.copy())
    for g, e in zip(ox.nonzero(oa), np.nonzero(na), strict=True):
        assert_same(g, e)
    # The 2-d and 3-d masks in indexing use the same kernel.
    if na.ndim > 1:
        nv, ov = twin_pair(shape, "float64")
        _check_copy(ov[oa], nv[na], [ov])


@settings(max_examples=40, deadline=None)
@given(n=st.integers(0, 20), dtype=dtypes, data=st.data())
def test_take_folded_bounds_check(n, dtype, data):
    na, oa = twin_pair((n,), dtype)
    m = data.draw(st.integers(0, 8))
    lo, hi = -n - 2, n + 2
    vals = data.draw(st.lists(st.integers(lo, hi), min_size=m, max_size=m))
    ni = np.array(vals, dtype=np.int64)
    oi = ox.asarray(ni.copy())
    if all(-n <= v < n for v in vals):
        assert_same(ox.take(oa, oi), np.take(na, ni))
    else:
        e = raises_like(lambda: np.take(na, ni), lambda: ox.take(oa, oi))
        with pytest.raises(IndexError) as info:
            np.take(na, ni)
        assert str(e) == str(info.value)


number = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
)


@settings(max_examples=80, deadline=None)
@given(items=st.lists(number, min_size=0, max_size=8),
       dtype=st.sampled_from([None, "float64", "int64"]))
def test_array_of_list(items, dtype):
    try:
        expected = np.array(items, dtype=dtype)
    except (OverflowError, ValueError) as err:
        with pytest.raises(type(err)):
            ox.array(items, dtype=dtype)
        return
    if expected.dtype == object:
        # (oxarray has no object dtype: ints past uint64 raise OverflowError instead.)
        with pytest.raises(OverflowError):
            ox.array(items, dtype=dtype)
        return
    got = ox.array(items, dtype=dtype)
    assert_same(got, expected)
    same_flags(got, expected)


def test_array_of_list_kinds():
    for items in ([1, 2, 3], [1.5, 2, 3], [1, 2, 2.5], [2**53 + 1, 0.5], [-0.0, 1],
                  [float("nan"), 1], [[1, 2], [3, 4]], [1, [2]], [True, 2], [2**63, 1]):
        try:
            expected = np.array(items)
        except ValueError:
            with pytest.raises(ValueError):
                ox.array(items)
            continue
        assert_same(ox.array(items), expected)


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int32", "int64", "uint64", "float16",
                                   "float32", "float64", "complex64", "complex128"])
@pytest.mark.parametrize("args", [(0,), (7,), (1000,), (3, 1000, 7), (-5, 300, 3), (2, 40, 0.5)])
def test_arange_matches(dtype, args):
    if dtype.startswith("u") and args[0] < 0 or dtype == "int8" and max(args) > 127:
        return
    if dtype in ("uint8",) and max(args) > 255:
        return
    if any(isinstance(a, float) for a in args) and dtype[0] in "iu":
        return
    assert_same(ox.arange(*args, dtype=dtype), np.arange(*args, dtype=dtype))


def test_arange_float_values_large():
    assert_same(ox.arange(0.5, 1e6, 1.25), np.arange(0.5, 1e6, 1.25))
    assert_same(ox.arange(-3.0, 7.0, 0.1, dtype="float32"), np.arange(-3.0, 7.0, 0.1, dtype="float32"))


def test_result_type_sequence_exhaustive_triples():
    for combo in itertools.product(ALL_DTYPES, repeat=3):
        assert str(ox.result_type(*combo)) == str(np.result_type(*combo)), combo


@settings(max_examples=200, deadline=None)
@given(combo=st.lists(dtypes, min_size=2, max_size=6))
def test_result_type_sequence(combo):
    assert str(ox.result_type(*combo)) == str(np.result_type(*combo)), combo


@settings(max_examples=100, deadline=None)
@given(combo=st.lists(dtypes, min_size=1, max_size=5), sizes=st.lists(st.integers(0, 2), min_size=5,
                                                                     max_size=5))
def test_concatenate_mixed_dtypes(combo, sizes):
    nps = [np.zeros(s, dtype=d) for d, s in zip(combo, sizes)]
    oxs = [ox.zeros(s, dtype=d) for d, s in zip(combo, sizes)]
    assert_same(ox.concatenate(oxs), np.concatenate(nps))


def test_concatenate_int8_uint8_float16():
    nps = [np.zeros(0, "int8"), np.zeros(0, "uint8"), np.zeros(0, "float16")]
    oxs = [ox.zeros(0, "int8"), ox.zeros(0, "uint8"), ox.zeros(0, "float16")]
    assert_same(ox.concatenate(oxs), np.concatenate(nps))


@settings(max_examples=40, deadline=None)
@given(shape=st.lists(st.integers(1, 5), min_size=1, max_size=3).map(tuple), dtype=dtypes,
       layout=layouts, data=st.data())
def test_scalar_and_slice_fast_paths(shape, dtype, layout, data):
    na, oa = twin_pair(shape, dtype, layout)
    idx = tuple(data.draw(st.integers(-n, n - 1)) for n in shape)
    assert_same(oa[idx], na[idx])
    assert_same(oa[idx[0]], na[idx[0]])
    g, e = oa[1:-1:2], na[1:-1:2]
    assert_same(g, e)
    same_flags(g, e)
    assert ox.may_share_memory(g, oa) == np.may_share_memory(e, na)
    bad = (shape[0],) + idx[1:]
    err = raises_like(lambda: na[bad], lambda: oa[bad])
    with pytest.raises(IndexError) as info:
        na[bad]
    assert str(err) == str(info.value)


@pytest.mark.parametrize("mode", ["raise", "wrap", "clip"])
def test_take_put_on_empty_axis_messages(mode):
    for shape, axis in (((0,), None), ((2, 0), 1), ((0, 3), 0)):
        na, oa = np.zeros(shape), ox.zeros(shape)
        e = raises_like(lambda: np.take(na, [0], axis=axis, mode=mode),
                        lambda: ox.take(oa, [0], axis=axis, mode=mode))
        assert str(e) == "cannot do a non-empty take from an empty axes."
    for values in ([1.0], []):
        e = raises_like(lambda: np.put(np.zeros(0), [0], values), lambda: ox.put(ox.zeros(0), [0], values))
        assert str(e) == "cannot replace elements of an empty array"
