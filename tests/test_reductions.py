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
