"""Array and module reductions against NumPy: sum prod min max argmin argmax mean any all
cumsum cumprod (values, dtype, shape, exception types)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import oxarray as ox
from _pyufunc_strategies import ALL_DTYPES, array_pairs, twin
from conftest import assert_same, raises_like


def axis_for(draw, ndim, allow_none=True):
    choices = list(range(-ndim, ndim))
    if allow_none:
        choices.append(None)
    return draw(st.sampled_from(choices)) if choices else None


# ---------------------------------------------------------------- argmin / argmax


@pytest.mark.parametrize("name", ["argmax", "argmin"])
@given(data=st.data())
def test_arg_reductions_match_numpy(name, data):
    na, oa = data.draw(array_pairs(min_side=1))
    axis = axis_for(data.draw, na.ndim)
    keepdims = data.draw(st.booleans())
    expected = getattr(np, name)(na, axis=axis, keepdims=keepdims)
    assert_same(getattr(oa, name)(axis=axis, keepdims=keepdims), expected)
    assert_same(getattr(ox, name)(oa, axis=axis, keepdims=keepdims), expected)


@pytest.mark.parametrize("name", ["argmax", "argmin"])
@pytest.mark.parametrize("dtype", ["float16", "float32", "float64", "complex64", "complex128"])
def test_arg_nan_and_ties(name, dtype):
    cases = [
        [1, 3, 3, np.nan, 5, np.nan],
        [np.nan, 1, 2],
        [2, 2, 1, 1],
        [-0.0, 0.0],
        [np.inf, -np.inf, np.inf],
    ]
    for c in cases:
        na = np.array(c, dtype=dtype)
        assert_same(getattr(twin(na), name)(), getattr(np, name)(na))
    if dtype.startswith("complex"):
        na = np.array([1 + 2j, 1 + 3j, complex(1, np.nan), 0j], dtype=dtype)
        assert_same(getattr(twin(na), name)(), getattr(np, name)(na))


@pytest.mark.parametrize("name", ["argmax", "argmin"])
@pytest.mark.parametrize("shape,axis", [((0,), None), ((0,), 0), ((2, 0), 1), ((0, 3), 0)])
def test_arg_empty_raises(name, shape, axis):
    na = np.zeros(shape)
    e = raises_like(lambda: getattr(np, name)(na, axis=axis), lambda: getattr(ox, name)(twin(na), axis=axis))
    assert "empty sequence" in str(e)


@pytest.mark.parametrize("name", ["argmax", "argmin"])
def test_arg_empty_outer_ok(name):
    na = np.zeros((0, 3))
    assert_same(getattr(ox, name)(twin(na), axis=1), getattr(np, name)(na, axis=1))


@pytest.mark.parametrize("name", ["argmax", "argmin"])
def test_arg_axis_error(name):
    na = np.zeros((2, 3))
    raises_like(lambda: getattr(np, name)(na, axis=2), lambda: getattr(ox, name)(twin(na), axis=2))


@pytest.mark.parametrize("name", ["argmax", "argmin"])
def test_arg_out(name):
    na = np.arange(12.0).reshape(3, 4) % 5
    oa = twin(na)
    nout, oout = np.zeros(4, np.int64), ox.zeros(4, dtype="int64")
    r = getattr(oa, name)(axis=0, out=oout)
    assert r is oout
    getattr(na, name)(axis=0, out=nout)
    assert_same(oout, nout)
    raises_like(lambda: getattr(na, name)(axis=0, out=np.zeros(3, np.int64)),
                lambda: getattr(oa, name)(axis=0, out=ox.zeros(3, dtype="int64")))
    raises_like(lambda: getattr(na, name)(axis=0, out=np.zeros(4)),
                lambda: getattr(oa, name)(axis=0, out=ox.zeros(4)))


def test_arg_python_inputs():
    for v in [[1, 3, 2], 5, [[1.5, -2.0], [3.0, 0.0]], [True, False, True]]:
        assert_same(ox.argmax(v), np.argmax(v))
        assert_same(ox.argmin(v), np.argmin(v))


def test_arg_byteswapped():
    na = np.array([3, 1, 4, 1, 5], dtype=">i4")
    oa = ox.asarray(na)
    assert_same(oa.argmax(), np.argmax(na))
    assert_same(oa.argmin(), np.argmin(na))


# ---------------------------------------------------------------- ufunc-based reductions

import math
import warnings

from hypothesis.extra import numpy as hnp

from _pyufunc_strategies import small_values


@st.composite
def axis_arg(draw, ndim):
    kind = draw(st.sampled_from(["none", "int", "tuple"]))
    if kind == "none" or ndim == 0:
        return None
    if kind == "int":
        return draw(st.integers(-ndim, ndim - 1))
    axes = draw(st.lists(st.integers(0, ndim - 1), unique=True, max_size=ndim))
    return tuple(a - ndim if draw(st.booleans()) else a for a in axes)


def same_or_raises(np_call, ox_call):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = np_call()
    except Exception as e:  # noqa: BLE001 - compare whatever NumPy raises
        exc = type(e)
        if exc is np.exceptions.AxisError:
            exc = ox.AxisError
        with pytest.raises(exc):
            ox_call()
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = ox_call()
    assert_same(got, expected)


@pytest.mark.parametrize("name", ["sum", "prod"])
@given(data=st.data())
def test_sum_prod(name, data):
    na, oa = data.draw(array_pairs(elements=small_values, max_side=4))
    axis = data.draw(axis_arg(na.ndim))
    keepdims = data.draw(st.booleans())
    dtype = data.draw(st.sampled_from([None, None, "int64", "float64", "complex128", "float32"]))
    kw = dict(axis=axis, keepdims=keepdims, dtype=dtype)
    same_or_raises(lambda: getattr(np, name)(na, **kw), lambda: getattr(ox, name)(oa, **kw))
    same_or_raises(lambda: getattr(na, name)(**kw), lambda: getattr(oa, name)(**kw))


@pytest.mark.parametrize("name", ["max", "min"])
@given(data=st.data())
def test_max_min(name, data):
    na, oa = data.draw(array_pairs(max_side=4))
    axis = data.draw(axis_arg(na.ndim))
    keepdims = data.draw(st.booleans())
    same_or_raises(lambda: getattr(np, name)(na, axis=axis, keepdims=keepdims),
                   lambda: getattr(ox, name)(oa, axis=axis, keepdims=keepdims))


@pytest.mark.parametrize("name", ["any", "all"])
@given(data=st.data())
def test_any_all(name, data):
    na, oa = data.draw(array_pairs(max_side=4))
    axis = data.draw(axis_arg(na.ndim))
    keepdims = data.draw(st.booleans())
    same_or_raises(lambda: getattr(np, name)(na, axis=axis, keepdims=keepdims),
                   lambda: getattr(ox, name)(oa, axis=axis, keepdims=keepdims))
    same_or_raises(lambda: getattr(na, name)(axis), lambda: getattr(oa, name)(axis))


@pytest.mark.parametrize("name", ["cumsum", "cumprod"])
@given(data=st.data())
def test_cumulative(name, data):
    na, oa = data.draw(array_pairs(elements=small_values, max_side=4))
    axis = data.draw(st.sampled_from([None, *range(-na.ndim, na.ndim)]))
    dtype = data.draw(st.sampled_from([None, None, "int64", "float64"]))
    same_or_raises(lambda: getattr(np, name)(na, axis=axis, dtype=dtype),
                   lambda: getattr(ox, name)(oa, axis=axis, dtype=dtype))


@given(data=st.data())
def test_mean(data):
    na, oa = data.draw(array_pairs(elements=small_values, max_side=4))
    axis = data.draw(axis_arg(na.ndim))
    keepdims = data.draw(st.booleans())
    dtype = data.draw(st.sampled_from([None, None, "float32", "float64"]))
    kw = dict(axis=axis, keepdims=keepdims, dtype=dtype)
    same_or_raises(lambda: np.mean(na, **kw), lambda: ox.mean(oa, **kw))


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_result_dtypes(dtype):
    na = np.ones((2, 3), dtype=dtype)
    oa = twin(na)
    for name in ["sum", "prod", "max", "min", "any", "all", "mean"]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert_same(getattr(oa, name)(), getattr(na, name)())
            assert_same(getattr(oa, name)(axis=0), getattr(na, name)(axis=0))
    for name in ["cumsum", "cumprod"]:
        assert_same(getattr(oa, name)(), getattr(na, name)())
        assert_same(getattr(oa, name)(axis=1), getattr(na, name)(axis=1))


def test_empty_reductions():
    na = np.zeros((0, 3))
    oa = twin(na)
    for name in ["sum", "prod", "any", "all"]:
        assert_same(getattr(oa, name)(), getattr(na, name)())
        assert_same(getattr(oa, name)(axis=0), getattr(na, name)(axis=0))
    for name in ["max", "min"]:
        e = raises_like(lambda: getattr(na, name)(), lambda: getattr(oa, name)())
        assert "zero-size array" in str(e)
        assert_same(getattr(oa, name)(initial=5.0), getattr(na, name)(initial=5.0))
        assert_same(getattr(oa, name)(axis=1), getattr(na, name)(axis=1))


def test_mean_of_empty_warns_like_numpy():
    na = np.zeros((0, 3))
    oa = twin(na)
    with pytest.warns(RuntimeWarning) as np_rec:
        expected = na.mean()
    with pytest.warns(RuntimeWarning) as ox_rec:
        got = oa.mean()
    assert_same(got, expected)
    assert str(ox_rec[0].message) == str(np_rec[0].message) == "Mean of empty slice"
    with pytest.warns(RuntimeWarning):
        assert_same(oa.mean(axis=0), na.mean(axis=0))


def test_initial_and_where():
    na = np.arange(12.0).reshape(3, 4)
    oa = twin(na)
    mask = np.array([True, False, True, True])
    omask = twin(mask)
    for name in ["sum", "prod", "max", "min"]:
        f_np, f_ox = getattr(np, name), getattr(ox, name)
        assert_same(f_ox(oa, initial=100.0), f_np(na, initial=100.0))
        assert_same(f_ox(oa, axis=1, initial=3), f_np(na, axis=1, initial=3))
        assert_same(f_ox(oa, axis=1, where=omask, initial=1.0), f_np(na, axis=1, where=mask, initial=1.0))
    assert_same(ox.sum(oa, axis=0, where=omask), np.sum(na, axis=0, where=mask))
    assert_same(ox.mean(oa, axis=1, where=omask), np.mean(na, axis=1, where=mask))
    assert_same(ox.any(oa > 5, axis=1, where=omask), np.any(na > 5, axis=1, where=mask))
    assert_same(ox.all(oa > 5, axis=1, where=omask), np.all(na > 5, axis=1, where=mask))


def test_out_argument():
    na = np.arange(12).reshape(3, 4)
    oa = twin(na)
    nout, oout = np.zeros(4), ox.zeros(4)
    assert oa.sum(axis=0, out=oout) is oout
    na.sum(axis=0, out=nout)
    assert_same(oout, nout)
    nout, oout = np.zeros((3, 4), np.int64), ox.zeros((3, 4), dtype="int64")
    assert ox.cumsum(oa, axis=1, out=oout) is oout
    np.cumsum(na, axis=1, out=nout)
    assert_same(oout, nout)
    n0, o0 = np.zeros(()), ox.zeros(())
    assert oa.max(out=o0) is o0
    na.max(out=n0)
    assert_same(o0, n0)


def test_axis_errors():
    na = np.zeros((2, 3))
    oa = twin(na)
    for name in ["sum", "prod", "max", "min", "any", "all", "mean"]:
        raises_like(lambda: getattr(na, name)(axis=2), lambda: getattr(oa, name)(axis=2))
        raises_like(lambda: getattr(na, name)(axis=(0, 0)), lambda: getattr(oa, name)(axis=(0, 0)))
    for name in ["cumsum", "cumprod"]:
        raises_like(lambda: getattr(na, name)(axis=-3), lambda: getattr(oa, name)(axis=-3))


def test_python_inputs():
    for v in [[1, 2, 3], 5, 2.5, [[1.5, -2.0], [3.0, 0.0]], [True, False], [[1, 2], [3, 4]]]:
        for name in ["sum", "prod", "max", "min", "any", "all", "mean", "cumsum", "cumprod",
                     "argmax", "argmin"]:
            assert_same(getattr(ox, name)(v), getattr(np, name)(v))
    assert ox.amax is ox.max and ox.amin is ox.min


def test_nan_propagation():
    na = np.array([[1.0, np.nan, 3.0], [4.0, 5.0, 6.0]])
    oa = twin(na)
    for name in ["max", "min", "sum", "prod", "mean"]:
        assert_same(getattr(oa, name)(axis=1), getattr(na, name)(axis=1))
        assert_same(getattr(oa, name)(), getattr(na, name)())


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_float_sum_is_pairwise_accurate(dtype):
    rng = np.random.default_rng(7)
    for n in [10, 1000, 100_000, 1_000_003]:
        na = (rng.standard_normal(n) * 1e3 + 1e4).astype(dtype)
        exact = math.fsum(na.astype(np.float64).tolist())
        err_np = abs(float(na.sum()) - exact)
        err_ox = abs(float(twin(na).sum()) - exact)
        eps = float(np.finfo(dtype).eps)
        # Pairwise summation error is O(eps log n) relative: never worse than NumPy's by
        # more than a few roundings of the total.
        assert err_ox <= err_np + 4 * eps * abs(exact), (n, err_ox, err_np)


def test_int_sum_overflow_extension():
    na = np.array([2**62, 2**62], dtype=np.int64)
    oa = twin(na)
    assert_same(oa.sum(), na.sum())  # wraps like NumPy by default
    with ox.errstate(int_overflow="raise"), pytest.raises(FloatingPointError, match="overflow"):
        oa.sum()
