"""Small-call fast paths against NumPy (issue 13): the two-axis small copy inside
`iter::copy_into` (transposed / strided / broadcast blocks up to 64 KiB, every copy, cast
and assignment goes through it), at sizes around its limit, every layout and dtype."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from conftest import assert_same, to_numpy

DTYPES = ["bool", "int8", "uint16", "int32", "int64", "float32", "float64", "complex128"]


@st.composite
def _views(draw):
    """(dtype, base shape, index tuple, transpose) of a small 2-d or 3-d view: strided,
    reversed, transposed, with length-one axes."""
    dt = draw(st.sampled_from(DTYPES))
    nd = draw(st.integers(1, 3))
    # Around the 64 KiB limit for 8-byte items: 90x90 is 63 KiB, 91x91 above.
    shape = tuple(draw(st.sampled_from([1, 2, 3, 7, 16, 31, 90, 91, 130])) if nd <= 2 else
                  draw(st.integers(1, 9)) for _ in range(nd))
    idx = tuple(
        slice(draw(st.integers(0, 1)), None, draw(st.sampled_from([1, 2, -1, -3]))) for _ in range(nd)
    )
    perm = draw(st.permutations(range(nd)))
    return dt, shape, idx, perm


def _pair(dt, shape, idx, perm):
    n = int(np.prod(shape))
    base = (np.arange(n) % 251 - 100).astype(dt).reshape(shape)
    ob = ox.array(base.tolist(), dtype=dt) if base.ndim else ox.asarray(base)
    return base[idx].transpose(perm), ob[idx].transpose(perm)


@settings(max_examples=300, deadline=None)
@given(_views(), st.sampled_from(["C", "F", "A", "K"]))
def test_copy_layouts(view, order):
    na, oa = _pair(*view)
    for n_r, o_r in (
        (na.copy(order=order), oa.copy(order=order)),
        (np.ascontiguousarray(na), ox.ascontiguousarray(oa)),
        (np.asfortranarray(na), ox.asfortranarray(oa)),
        (np.array(na, order=order), ox.array(oa, order=order)),
    ):
        assert_same(o_r, n_r)
        assert o_r.flags["C_CONTIGUOUS"] == n_r.flags["C_CONTIGUOUS"]
        assert o_r.flags["F_CONTIGUOUS"] == n_r.flags["F_CONTIGUOUS"]
        if n_r.size:  # (strides of empty results differ: not this path's, it skips them)
            assert o_r.strides == n_r.strides


@settings(max_examples=200, deadline=None)
@given(_views(), st.sampled_from(DTYPES + [">f8", ">i4", "<u2"]), st.sampled_from(["C", "F", "K"]))
def test_astype_layouts(view, to, order):
    na, oa = _pair(*view)
    if na.dtype.kind == "c" and np.dtype(to).kind != "c":
        na, oa = na.real, oa.real
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        n_r = na.astype(to, order=order)
        o_r = oa.astype(to, order=order)
    assert_same(o_r, n_r)
    if n_r.size:
        assert o_r.strides == n_r.strides


@settings(max_examples=200, deadline=None)
@given(_views(), st.booleans())
def test_assign_into_strided(view, broadcast_row):
    """`dst[...] = src` with a strided destination and a (broadcast) source."""
    na, oa = _pair(*view)
    src_shape = na.shape[-1:] if broadcast_row and na.ndim else na.shape
    ns = (np.arange(int(np.prod(src_shape))) * 3).reshape(src_shape).astype("float64")
    os_ = ox.array(ns.ravel().tolist(), dtype="float64").reshape(src_shape)
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        na[...] = ns
        oa[...] = os_
    assert_same(oa, na)


@pytest.mark.parametrize("side", [1, 2, 31, 90, 91, 200])
@pytest.mark.parametrize("dt", ["float64", "float32", "int8", "complex128"])
def test_transposed_square(side, dt):
    n = np.arange(side * side).astype(dt).reshape(side, side)
    o = ox.asarray(n.copy())
    assert_same(ox.ascontiguousarray(o.T), np.ascontiguousarray(n.T))
    to = "complex64" if dt == "complex128" else "float64"
    assert_same(o.T.astype(to, order="C"), n.T.astype(to, order="C"))
    assert_same(o[::-1, ::2].copy(), n[::-1, ::2].copy())
    # Overlapping assignment takes the copy-first path.
    o2, n2 = o.copy(), n.copy()
    o2[...] = o2.T
    n2[...] = n2.T
    assert_same(o2, n2)


def test_readonly_destination_still_raises():
    o = ox.broadcast_to(ox.arange(3.0), (4, 3))
    with pytest.raises(ValueError):
        o[...] = ox.ones((4, 3))
    assert to_numpy(o).tolist() == [[0.0, 1.0, 2.0]] * 4
