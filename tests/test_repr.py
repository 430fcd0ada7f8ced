"""``repr``/``str`` of real oxarray arrays and scalars equal NumPy's, for every dtype
(native and byte-swapped), with summarising, line wrapping and print options.

(``test_arrayprint_module.py`` checks the printer itself on NumPy input; this file checks
the whole path from an ``oxarray.ndarray``.)
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import oxarray as ox
from conftest import ALL_DTYPES

SWAPPED = [">i4", ">f8", ">c8", ">u2", ">f2"]


def values(n, dtype):
    dt = np.dtype(dtype)
    base = (np.arange(n, dtype=np.int64) * 37) % 101 - 50
    if dt.kind == "b":
        return base % 3 == 0
    if dt.kind == "u":
        return (base + 50).astype(dt)
    if dt.kind == "f":
        return (base / 7.0).astype(dt)
    if dt.kind == "c":
        return (base / 3.0 + 1j * (base % 5)).astype(dt)
    return base.astype(dt)


def twin(shape, dtype):
    n = values(int(np.prod(shape)), dtype).reshape(shape)
    return n, ox.array(n.tolist(), dtype=dtype).reshape(shape) if n.size else ox.zeros(shape, dtype=dtype)


@pytest.mark.parametrize("dtype", ALL_DTYPES + SWAPPED)
@pytest.mark.parametrize("shape", [(), (0,), (5,), (3, 4), (2, 3, 4), (2000,), (40, 40), (1, 0, 3)],
                         ids=repr)
def test_repr_and_str_match_numpy(dtype, shape):
    n, o = twin(shape, dtype)
    if dtype in SWAPPED:
        n = n.astype(dtype)
        o = o.astype(dtype)
    assert repr(o) == repr(n)
    assert str(o) == str(n)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_scalar_repr_and_str_match_numpy(dtype):
    n, o = twin((3,), dtype)
    for i in range(3):
        assert repr(o[i]) == repr(n[i]).replace("np.", "oxarray.")
        assert str(o[i]) == str(n[i])


@pytest.mark.parametrize("opts", [
    {"precision": 3}, {"threshold": 5, "edgeitems": 2}, {"linewidth": 30}, {"suppress": True},
    {"sign": "+"}, {"floatmode": "fixed"}, {"legacy": "1.25"},
])
def test_printoptions_apply_to_arrays_like_numpy(opts):
    n, o = twin((4, 7), "float64")
    nc, oc = twin((6,), "complex128")
    with np.printoptions(**opts), ox.printoptions(**opts):
        assert repr(o) == repr(n)
        assert str(o) == str(n)
        assert repr(oc) == repr(nc)
    # and the defaults come back
    assert repr(o) == repr(n)


def test_set_printoptions_and_get_printoptions_like_numpy():
    before = ox.get_printoptions()
    assert before == np.get_printoptions()
    try:
        ox.set_printoptions(precision=2, threshold=10)
        np.set_printoptions(precision=2, threshold=10)
        assert ox.get_printoptions() == np.get_printoptions()
        n, o = twin((30,), "float32")
        assert repr(o) == repr(n)
    finally:
        ox.set_printoptions(**before)
        np.set_printoptions(**before)


@given(dtype=st.sampled_from(ALL_DTYPES), shape=st.lists(st.integers(0, 12), max_size=3),
       step=st.sampled_from([1, -1, 2]))
def test_repr_of_views_hypothesis(dtype, shape, step):
    n, o = twin(tuple(shape), dtype)
    key = (slice(None, None, step),) * len(shape)
    # a 0-d array indexed with () is a scalar: NumPy's repr says "np.", ours "oxarray."
    assert repr(o[key]) == repr(n[key]).replace("np.", "oxarray.")
    assert repr(o.T) == repr(n.T)
