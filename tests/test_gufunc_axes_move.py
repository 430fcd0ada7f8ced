"""gufunc `axes=`/`axis=` items for one core axis (moved to the end in place, no
permutation vector): results, result layout and `out=` against NumPy."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(1, 4), min_size=1, max_size=4),
    st.data(),
    st.booleans(),
    st.booleans(),
)
def test_vecdot_one_core_axis_items(shape, data, as_tuple, keepdims):
    nd = len(shape)
    ax = data.draw(st.integers(-nd, nd - 1))
    a = np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape) - 3
    b = a[::-1].copy() if nd else a
    item = (ax,) if as_tuple else ax
    out_item = (ax,) if keepdims else ()
    axes = [item, item, out_item]
    want = np.vecdot(a, b, axes=axes, keepdims=keepdims)
    got = ox.vecdot(ox.asarray(a), ox.asarray(b), axes=axes, keepdims=keepdims)
    got_np = np.asarray(got)
    assert got_np.shape == want.shape
    np.testing.assert_array_equal(got_np, want)
    # axis= is the same call.
    got2 = np.asarray(ox.vecdot(ox.asarray(a), ox.asarray(b), axis=ax, keepdims=keepdims))
    np.testing.assert_array_equal(got2, want)
    # A given output with a moved kept axis.
    if keepdims:
        o = np.zeros(want.shape)
        oo = ox.asarray(o)
        r = ox.vecdot(ox.asarray(a), ox.asarray(b), axis=ax, keepdims=True, out=oo)
        assert r is oo
        np.testing.assert_array_equal(np.asarray(oo), want)


@pytest.mark.parametrize("ax", [3, -4, (0, 1)])
def test_one_core_axis_errors_match_numpy(ax):
    a = np.ones((2, 3, 4))
    with pytest.raises(Exception) as e_np:
        np.vecdot(a, a, axes=[ax, ax, ()])
    with pytest.raises(Exception) as e_ox:
        ox.vecdot(ox.asarray(a), ox.asarray(a), axes=[ax, ax, ()])
    assert type(e_ox.value).__name__ == type(e_np.value).__name__
    assert str(e_ox.value) == str(e_np.value)
