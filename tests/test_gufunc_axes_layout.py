"""Layouts of gufunc calls with `axes=`/`axis=`/`keepdims=`: the operands are permuted in
place (no new arrays) and the kept axes appended in place, so these check against NumPy
the result strides and flags, the values to the bit (float64 vecdot), the operands left
untouched, broadcasting between operands of different ndim, negative axes, `out=` and the
errors for bad axes.

The float operands hold small integers, so every summation order gives the same bits: the
float64 dot kernels do not add in OpenBLAS's order (NumPy's `vecdot` calls `cblas_ddot`), so
random values can differ from NumPy's in the last bit whatever the axes; random values are
compared with the transposed call instead, which runs the same kernel on the same layout."""

from typing import Any, Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox

from conftest import raises_like


def _bits(x: Any) -> list[int]:
    a = np.ascontiguousarray(np.asarray(x.tolist() if isinstance(x, ox.ndarray) else x, dtype=np.float64))
    return a.view(np.int64).ravel().tolist()


def check_same_layout(r_ox: Any, r_np: Any) -> None:
    r_np = np.asarray(r_np)
    assert r_ox.shape == r_np.shape
    assert r_ox.dtype.str == r_np.dtype.str
    assert r_ox.strides == r_np.strides, (r_ox.strides, r_np.strides)
    assert r_ox.flags.c_contiguous == r_np.flags.c_contiguous
    assert r_ox.flags.f_contiguous == r_np.flags.f_contiguous
    assert r_ox.flags.writeable
    if r_np.dtype.kind == "f":
        assert _bits(r_ox) == _bits(r_np)
    else:
        assert r_ox.tolist() == r_np.tolist()


@st.composite
def vecdot_case(draw: Callable[..., Any]) -> tuple[np.ndarray, np.ndarray, int]:
    """Two float64 operands that broadcast (the second may have fewer axes), and an axis
    (possibly negative) of the shared core dimension counted in each operand."""
    n = draw(st.integers(1, 40))
    batch = draw(st.lists(st.integers(1, 4), max_size=3))
    nd = len(batch) + 1
    pos = draw(st.integers(0, nd - 1))
    shape = list(batch)
    shape.insert(pos, n)
    drop = draw(st.integers(0, max(0, pos)))  # leading axes the second operand lacks
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    a = rng.integers(-8, 9, size=shape).astype(np.float64)
    b_shape = [1 if draw(st.booleans()) and i != pos else s for i, s in enumerate(shape)][drop:]
    b = rng.integers(-8, 9, size=b_shape).astype(np.float64)
    neg = draw(st.booleans())
    axis = pos - nd if neg else pos
    return a, b, axis


@given(vecdot_case(), st.booleans())
@settings(max_examples=60, deadline=None)
def test_vecdot_axis_layout_and_bits(case: tuple[np.ndarray, np.ndarray, int], keepdims: bool) -> None:
    a, b, axis = case
    if axis >= 0 and b.ndim != a.ndim:
        # A non-negative axis counts in each operand: shift it for the shorter one via axes=.
        axes: list[Any] = [(axis,), (axis - (a.ndim - b.ndim),)] + ([(axis,)] if keepdims else [()])
    else:
        axes = [(axis,), (axis,)] + ([(axis,)] if keepdims else [()])
    oa, ob = ox.asarray(a), ox.asarray(b)
    sa, sb = (oa.shape, oa.strides), (ob.shape, ob.strides)
    try:
        r_np = np.vecdot(a, b, axes=axes, keepdims=keepdims)
    except Exception:  # noqa: BLE001 - the same error is expected
        raises_like(lambda: np.vecdot(a, b, axes=axes, keepdims=keepdims),
                    lambda: ox.vecdot(oa, ob, axes=axes, keepdims=keepdims))
        return
    check_same_layout(ox.vecdot(oa, ob, axes=axes, keepdims=keepdims), r_np)
    if b.ndim == a.ndim or axis < 0:
        check_same_layout(ox.vecdot(oa, ob, axis=axis, keepdims=keepdims), np.vecdot(a, b, axis=axis, keepdims=keepdims))
    # The operands are not changed by the in-place permutation of the call's own views.
    assert (oa.shape, oa.strides) == sa and (ob.shape, ob.strides) == sb
    assert oa.tolist() == a.tolist() and ob.tolist() == b.tolist()


@given(st.integers(1, 12), st.integers(1, 12), st.integers(0, 2**32 - 1))
@settings(max_examples=30, deadline=None)
def test_vecdot_axis0_same_bits_as_transpose(n: int, m: int, seed: int) -> None:
    a = np.random.default_rng(seed).standard_normal((n, m))
    oa = ox.asarray(a)
    r = ox.vecdot(oa, oa, axis=0)
    assert _bits(r) == _bits(ox.vecdot(oa.T, oa.T)) == _bits(ox.vecdot(oa, oa, axes=[(0,), (0,), ()]))
    e = np.vecdot(a, a, axis=0)
    np.testing.assert_allclose(np.asarray(r.tolist()), e, rtol=1e-14, atol=1e-14)
    rk = ox.vecdot(oa, oa, axis=0, keepdims=True)
    ek = np.vecdot(a, a, axis=0, keepdims=True)
    assert rk.shape == ek.shape and rk.strides == ek.strides and rk.flags.c_contiguous == ek.flags.c_contiguous
    assert _bits(rk) == _bits(np.asarray(r.tolist()).reshape(ek.shape))


@st.composite
def matmul_layout_case(draw: Callable[..., Any]) -> tuple[np.ndarray, np.ndarray, list[tuple[int, ...]]]:
    n, k, m = (draw(st.integers(1, 5)) for _ in range(3))
    batch = tuple(draw(st.lists(st.integers(1, 3), max_size=2)))
    nd = len(batch) + 2
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    axes: list[tuple[int, ...]] = []
    ops = []
    for core in [(n, k), (k, m), (n, m)]:
        pos = draw(st.permutations(range(nd)))[:2]
        perm = [a for a in range(nd) if a not in pos] + list(pos)
        default = batch + core
        shape = [0] * nd
        for d, a in enumerate(perm):
            shape[a] = default[d]
        neg = draw(st.booleans())
        axes.append(tuple(p - nd if neg else p for p in pos))
        ops.append(rng.standard_normal(tuple(shape)))
    return ops[0], ops[1], axes


@given(matmul_layout_case(), st.sampled_from(["none", "keyword", "positional"]))
@settings(max_examples=40, deadline=None)
def test_matmul_axes_layout(case: tuple[np.ndarray, np.ndarray, list[tuple[int, ...]]], out_mode: str) -> None:
    a, b, axes = case
    oa, ob = ox.asarray(a), ox.asarray(b)
    expected = np.matmul(a, b, axes=axes)
    if out_mode == "none":
        r = ox.matmul(oa, ob, axes=axes)
        assert r.shape == expected.shape and r.strides == expected.strides
        np.testing.assert_allclose(np.asarray(r.tolist()), expected, rtol=1e-12, atol=1e-12)
    else:
        out = ox.zeros(expected.shape)
        r = ox.matmul(oa, ob, out, axes=axes) if out_mode == "positional" else ox.matmul(oa, ob, out=out, axes=axes)
        assert r is out
        np.testing.assert_allclose(np.asarray(out.tolist()), expected, rtol=1e-12, atol=1e-12)
    assert oa.shape == a.shape and ob.shape == b.shape


@given(st.lists(st.integers(1, 4), min_size=1, max_size=3), st.integers(-4, 3), st.booleans())
@settings(max_examples=40, deadline=None)
def test_vecdot_axis_out_keepdims(shape: list[int], axis: int, keepdims: bool) -> None:
    a = np.arange(float(np.prod(shape))).reshape(shape) - 3.5
    oa = ox.asarray(a)
    if not -len(shape) <= axis < len(shape):
        raises_like(lambda: np.vecdot(a, a, axis=axis, keepdims=keepdims),
                    lambda: ox.vecdot(oa, oa, axis=axis, keepdims=keepdims))
        return
    expected = np.vecdot(a, a, axis=axis, keepdims=keepdims)
    out = ox.zeros(np.shape(expected))
    assert ox.vecdot(oa, oa, axis=axis, keepdims=keepdims, out=out) is out
    assert _bits(out) == _bits(expected)
    # An output that the result cannot be cast to: a TypeError on both sides.
    with pytest.raises(TypeError):
        np.vecdot(a, a, axis=axis, keepdims=keepdims, out=np.zeros(np.shape(expected), dtype=np.int64))
    with pytest.raises(TypeError):
        ox.vecdot(oa, oa, axis=axis, keepdims=keepdims, out=ox.zeros(np.shape(expected), dtype="int64"))


@pytest.mark.parametrize("kw", [
    {"axis": 2}, {"axis": -3}, {"axes": [(0,), (2,), ()]}, {"axes": [(0,), (0,), (0,)]},
    {"axes": [(-3,), (0,), ()]}, {"axes": [(0, 1), (0,), ()]}, {"axes": [0, 0, 0]},
    {"axis": 0, "keepdims": 1}, {"axes": [(0,), (1,), ()]},
])
def test_bad_axes_errors(kw: dict[str, Any]) -> None:
    a = np.ones((3, 2))
    oa = ox.asarray(a)
    raises_like(lambda: np.vecdot(a, a, **kw), lambda: ox.vecdot(oa, oa, **kw))
    assert oa.shape == (3, 2) and oa.strides == (16, 8)
