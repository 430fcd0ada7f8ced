"""The `axes=`, `axis=` and `keepdims=` keywords of generalized ufunc calls (matmul, vecdot,
matvec, vecmat), checked against NumPy: shapes, dtypes, values, `out=`, and errors."""

from typing import Any, Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox

from conftest import assert_same as _assert_same
from conftest import raises_like

GUFUNCS = ["matmul", "vecdot", "matvec", "vecmat"]


def assert_same(ox_result: Any, np_result: Any) -> None:
    """As conftest's, except that a 0-d gufunc result is compared as a 0-d array: oxarray
    gives 0-d arrays where NumPy gives scalars for every gufunc call (with or without axes;
    documented in docs/differences.md)."""
    if isinstance(np_result, np.generic):
        np_result = np.asarray(np_result)
    _assert_same(ox_result, np_result)


def _ints(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    return rng.integers(-5, 6, size=shape).astype(np.int64)


def both(name: str, np_args: list[Any], **kw: Any) -> tuple[Any, Any]:
    ox_args = [ox.asarray(a) if isinstance(a, np.ndarray) else a for a in np_args]
    return getattr(np, name)(*np_args, **kw), getattr(ox, name)(*ox_args, **kw)


@st.composite
def matmul_case(draw: Callable[..., Any]) -> tuple[np.ndarray, np.ndarray, list[tuple[int, ...]]]:
    """Operands of matmul with their core axes placed anywhere, and the matching axes."""
    n, k, m = (draw(st.integers(1, 4)) for _ in range(3))
    batch = tuple(draw(st.lists(st.integers(1, 3), max_size=2)))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    nd = len(batch) + 2
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
        ops.append(_ints(rng, tuple(shape)))
    return ops[0], ops[1], axes


@given(matmul_case())
@settings(max_examples=40, deadline=None)
def test_matmul_axes(case: tuple[np.ndarray, np.ndarray, list[tuple[int, ...]]]) -> None:
    a, b, axes = case
    r_np, r_ox = both("matmul", [a, b], axes=axes)
    assert_same(r_ox, r_np)


@given(matmul_case(), st.booleans())
@settings(max_examples=25, deadline=None)
def test_matmul_axes_out(case: tuple[np.ndarray, np.ndarray, list[tuple[int, ...]]], positional: bool) -> None:
    a, b, axes = case
    expected = np.matmul(a, b, axes=axes)
    out = ox.zeros(expected.shape, dtype="int64")
    r = ox.matmul(ox.asarray(a), ox.asarray(b), out, axes=axes) if positional else ox.matmul(
        ox.asarray(a), ox.asarray(b), out=out, axes=axes
    )
    assert r is out
    assert_same(out, expected)


@given(
    st.lists(st.integers(1, 4), min_size=1, max_size=3),
    st.integers(-4, 3),
    st.sampled_from(["int64", "float64", "complex128"]),
    st.integers(0, 2**32 - 1),
)
@settings(max_examples=40, deadline=None)
def test_vecdot_axis(shape: list[int], axis: int, dtype: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    a = _ints(rng, tuple(shape)).astype(dtype)
    b = _ints(rng, tuple(shape)).astype(dtype)
    if dtype == "complex128":
        a = a + 1j * _ints(rng, tuple(shape))
    if not -len(shape) <= axis < len(shape):
        raises_like(lambda: np.vecdot(a, b, axis=axis), lambda: ox.vecdot(ox.asarray(a), ox.asarray(b), axis=axis))
        return
    r_np, r_ox = both("vecdot", [a, b], axis=axis)
    assert_same(r_ox, r_np)
    r_np, r_ox = both("vecdot", [a, b], axes=[axis, axis])
    assert_same(r_ox, r_np)
    r_np, r_ox = both("vecdot", [a, b], axes=[(axis,), (axis,), ()])
    assert_same(r_ox, r_np)
    for keep_axes in [{"axis": axis}, {"axes": [axis, axis, axis]}, {"axes": [axis, axis]}]:
        r_np, r_ox = both("vecdot", [a, b], keepdims=True, **keep_axes)
        assert_same(r_ox, r_np)
    r_np, r_ox = both("vecdot", [a, b], keepdims=False, axis=axis)
    assert_same(r_ox, r_np)


@given(st.integers(0, 2), st.integers(0, 2), st.integers(0, 1), st.integers(0, 2**32 - 1))
@settings(max_examples=30, deadline=None)
def test_matvec_vecmat_axes(p0: int, p1: int, pv: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    a = _ints(rng, (2, 3, 4))
    if p0 == p1:
        p1 = (p1 + 1) % 3
    n_len = a.shape[p1]
    m_len = a.shape[p0]
    batch = [s for i, s in enumerate(a.shape) if i not in (p0, p1)][0]
    v_shape = [batch, n_len] if pv == 1 else [n_len, batch]
    v = _ints(rng, tuple(v_shape))
    r_np, r_ox = both("matvec", [a, v], axes=[(p0, p1), pv, pv])
    assert_same(r_ox, r_np)
    assert r_np.shape[pv] == m_len
    # vecmat: (n),(n,m)->(m) with the matrix core axes (p1, p0)
    r_np, r_ox = both("vecmat", [v, a], axes=[pv, (p1, p0), -1])
    assert_same(r_ox, r_np)


def test_float_values_close() -> None:
    rng = np.random.default_rng(1)
    a = rng.standard_normal((5, 3, 4))
    b = rng.standard_normal((4, 5, 2))
    r_np = np.matmul(a, b, axes=[(1, 2), (0, 2), (2, 0)])
    r_ox = ox.matmul(ox.asarray(a), ox.asarray(b), axes=[(1, 2), (0, 2), (2, 0)])
    assert r_ox.shape == r_np.shape and r_ox.dtype.str == r_np.dtype.str
    np.testing.assert_allclose(np.asarray(r_ox.tolist()), r_np, rtol=1e-12, atol=1e-12)


def test_flexible_dims() -> None:
    rng = np.random.default_rng(2)
    a = _ints(rng, (2, 3, 4))
    v = _ints(rng, (2,))
    w = _ints(rng, (4,))
    for args, axes in [
        ([a, _ints(rng, (3,))], [(0, 1), (0,), (0,)]),
        ([v, a], [(0,), (0, 2), (0,)]),
        ([v, v], [0, 0, ()]),
        ([a, w], [(1, 2), 0, 0]),
    ]:
        r_np, r_ox = both("matmul", args, axes=axes)
        assert_same(r_ox, r_np)


def test_vecdot_axis_out() -> None:
    rng = np.random.default_rng(3)
    a = _ints(rng, (2, 3, 4))
    b = _ints(rng, (2, 3, 4))
    expected = np.vecdot(a, b, axis=1)
    out = ox.zeros(expected.shape, dtype="int64")
    assert ox.vecdot(ox.asarray(a), ox.asarray(b), axis=1, out=out) is out
    assert_same(out, expected)
    expected = np.vecdot(a, b, axis=0, keepdims=True)
    out = ox.zeros(expected.shape, dtype="int64")
    assert ox.vecdot(ox.asarray(a), ox.asarray(b), axis=0, keepdims=True, out=out) is out
    assert_same(out, expected)
    # out in a transposed layout: the results land in its view
    expected = np.matmul(a, np.swapaxes(b, 1, 2), axes=[(1, 2), (1, 2), (0, 2)])
    out = ox.zeros(expected.shape, dtype="int64")
    ox.matmul(ox.asarray(a), ox.asarray(np.swapaxes(b, 1, 2)), out=out, axes=[(1, 2), (1, 2), (0, 2)])
    assert_same(out, expected)


def test_views_not_copies_of_inputs() -> None:
    a = ox.arange(24, dtype="int64").reshape(2, 3, 4)
    before = a.tolist()
    ox.vecdot(a, a, axis=0)
    assert a.tolist() == before


A = np.ones((2, 3, 4))
B = np.ones((4, 3))

ERROR_CASES: list[tuple[str, list[Any], dict[str, Any]]] = [
    ("add", [A, A], {"axes": [(0,), (0,), (0,)]}),
    ("add", [A, A], {"axis": 0}),
    ("add", [A, A], {"keepdims": True}),
    ("vecdot", [A, A], {"keepdims": 1}),
    ("vecdot", [A, A], {"keepdims": "a"}),
    ("vecdot", [A, A], {"axis": 0, "keepdims": np.True_}),
    ("vecdot", [A, A], {"axes": [0, 0, ()], "keepdims": True}),
    ("vecdot", [A, A], {"axes": [0, 0, 0]}),
    ("vecdot", [A, A], {"axes": (0, 0)}),
    ("vecdot", [A, A], {"axes": [0, 0.0]}),
    ("vecdot", [A, A], {"axes": [0, 5]}),
    ("vecdot", [A, A], {"axes": [0, -4]}),
    ("vecdot", [A, A], {"axes": [(0, 1), 0]}),
    ("vecdot", [A, A], {"axes": [True, 0, ()]}),
    ("vecdot", [A, A], {"axes": [(0,), (0,), "x"]}),
    ("vecdot", [A, A], {"axes": [(0,), (0,), []]}),
    ("vecdot", [A, A], {"axes": [(0,), (0,), (0,)]}),
    ("vecdot", [A, A], {"axes": [0]}),
    ("vecdot", [A, A], {"axis": True}),
    ("vecdot", [A, A], {"axis": 3}),
    ("vecdot", [A, A], {"axis": "0"}),
    ("vecdot", [A, A], {"axis": 0, "axes": [0, 0]}),
    ("matmul", [A, A], {"axes": [(0, 1), 0, (0, 1)]}),
    ("matmul", [A, A], {"axes": [(0, 1), (0, 1)]}),
    ("matmul", [A, A], {"axes": [(0, 1), (0, 0), (0, 1)]}),
    ("matmul", [A, A], {"axes": [(0, 1), (1, 2), (0, 1)]}),
    ("matmul", [A, A], {"axis": 0}),
    ("matmul", [A, A], {"keepdims": False}),
    ("matmul", [A, np.ones(3)], {"axes": [(0, 1), (0,), (0, 1)]}),
    ("matvec", [A, np.ones(3)], {"keepdims": False}),
    ("matvec", [A, np.ones(3)], {"axis": 0}),
    ("matmul", [np.ones(3), B], {"axes": [(0, 1), (0, 1), (0, 1)]}),
]


@pytest.mark.parametrize("name,args,kw", ERROR_CASES)
def test_errors(name: str, args: list[Any], kw: dict[str, Any]) -> None:
    ox_args = [ox.asarray(a) for a in args]
    raises_like(lambda: getattr(np, name)(*args, **kw), lambda: getattr(ox, name)(*ox_args, **kw))


def test_error_messages() -> None:
    a = ox.ones((2, 3, 4))
    with pytest.raises(ox.AxisError, match="operand 2 has 0 core dimensions"):
        ox.vecdot(a, a, axes=[0, 0, 0])
    with pytest.raises(ValueError, match="axes item 1 has value 0 repeated"):
        ox.matmul(a, a, axes=[(0, 1), (0, 0), (0, 1)])
    with pytest.raises(TypeError, match="cannot specify both 'axis' and 'axes'"):
        ox.vecdot(a, a, axis=0, axes=[0, 0])
    with pytest.raises(TypeError, match="single shared core dimension"):
        ox.matmul(a, a, axis=0)


def test_out_shape_mismatch_raises() -> None:
    a = np.ones((2, 3, 4))
    raises_like(
        lambda: np.vecdot(a, a, axis=1, out=np.ones((1, 4))),
        lambda: ox.vecdot(ox.asarray(a), ox.asarray(a), axis=1, out=ox.ones((1, 4))),
    )
    raises_like(
        lambda: np.vecdot(a, a, axis=0, keepdims=True, out=np.ones((2, 3, 4))),
        lambda: ox.vecdot(ox.asarray(a), ox.asarray(a), axis=0, keepdims=True, out=ox.ones((2, 3, 4))),
    )
