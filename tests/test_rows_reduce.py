"""Reductions over outer axes through a loop's rows variant, and in-place elementwise
loops, compared with NumPy by bytes.

``max(A, axis=0)``, ``sum(A, axis=0)`` and the like of a block whose inner axis is
contiguous and kept are combined several rows per pass (``crates/oxarray-core/src/ufunc/
rows.rs``, ``kernels/builders.rs::rows``), each column in NumPy's row-by-row order, so
signed zeros, NaN payloads and float sums come out as NumPy's bit for bit, at every
thread count. Row counts around the pass sizes (passes of 8, leftovers in passes of 2 to
4), every layout that plans to "contiguous kept row over a reduced axis" (C order
``axis=0``, F order ``axis=-1``, sliced and reversed rows, 3-d blocks with outer axes)
and the in-place contiguous loops (``maximum(a, b, out=a)``, staged through L1) are
checked.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox

FLOATS = ["float32", "float64"]
INTS = ["int8", "uint8", "int16", "int32", "int64", "uint64"]
FUNCS = ["max", "min", "sum"]
UFUNCS = ["maximum", "minimum", "add"]
ROWS = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 17, 25, 33]


def same(expected: Any, got: Any) -> None:
    e = np.asarray(expected)
    g = np.asarray(got)
    assert g.dtype == e.dtype and g.shape == e.shape, (e.dtype, g.dtype, e.shape, g.shape)
    assert g.tobytes() == e.tobytes(), (e, g)


def special(rng: np.random.Generator, shape: tuple[int, ...], dtype: str) -> np.ndarray:
    """Values where the order of comparisons shows: signed zeros, ties, NaNs with
    payloads and signs, infinities, ordinary numbers."""
    n = int(np.prod(shape))
    pool = np.array([0.0, -0.0, 1.0, -1.0, 1.0, np.inf, -np.inf, 2.5], dtype=dtype)
    a = pool[rng.integers(0, len(pool), n)]
    bits = np.dtype(dtype.replace("float", "uint"))
    raw = a.view(bits)
    k = rng.integers(0, n, size=max(1, n // 50)) if rng.random() < 0.7 else np.array([], dtype=np.int64)
    nan = np.array(np.nan, dtype=dtype).view(bits)
    payload = rng.integers(1, 200, size=len(k)).astype(bits)
    sign = (rng.integers(0, 2, size=len(k)).astype(bits)) << (8 * bits.itemsize - 1)
    raw[k] = (nan | payload) ^ sign
    return a.reshape(shape)


def same_but_nan_payloads(expected: Any, got: Any) -> None:
    """Bytes equal except where both are NaN (which NaN an addition of two NaNs keeps
    is the instruction's operand order, not defined by NumPy: it differs between its
    own vector and scalar paths)."""
    e = np.asarray(expected)
    g = np.asarray(got)
    assert g.dtype == e.dtype and g.shape == e.shape
    both = np.isnan(e) & np.isnan(g)
    assert np.array_equal(np.isnan(e), np.isnan(g)), (e, g)
    assert e[~both].tobytes() == g[~both].tobytes(), (e, g)


def check_reduce(a: np.ndarray, axis: Any, payloads: bool = True) -> None:
    """`payloads=False`: NaN payloads of min/max not compared. Known differences outside
    the rows path: a reduced axis of length 2 that NumPy walks innermost (it calls its
    reduce loop with one element per output, whose contiguous path turns a NaN into the
    default NaN; the engine drops the axis of length one left and keeps the payload), and
    full reductions of non-contiguous blocks (NumPy reduces the buffered block in
    vectors; the engine reduces the views after the first element separately)."""
    oa = ox.asarray(a)
    for name in FUNCS:
        with np.errstate(all="ignore"):
            expected = getattr(np, name)(a, axis=axis)
        with ox.errstate(all="ignore"):
            got = getattr(ox, name)(oa, axis=axis)
        if name == "sum" or not payloads:
            same_but_nan_payloads(expected, got)
        else:
            same(expected, got)
    if a.dtype.kind == "f":
        # NumPy's fmax/fmin keep either zero on a ±0 tie depending on its loop (scalar or
        # SIMD), so these compare values (NaNs equal, -0.0 == 0.0), not bytes.
        for uf in ("fmax", "fmin"):
            with np.errstate(all="ignore"):
                expected = getattr(np, uf).reduce(a, axis=axis)
            got = np.asarray(getattr(ox, uf).reduce(oa, axis=axis))
            assert got.dtype == expected.dtype
            np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("rows", ROWS)
def test_axis0_rows_floats(dtype: str, rows: int) -> None:
    rng = np.random.default_rng(rows)
    for cols in (16, 17, 64, 100, 257):
        a = special(rng, (rows, cols), dtype)
        check_reduce(a, 0)
        check_reduce(np.asfortranarray(a.T), 1)


@pytest.mark.parametrize("dtype", INTS)
@pytest.mark.parametrize("rows", [2, 9, 17, 33])
def test_axis0_rows_ints(dtype: str, rows: int) -> None:
    rng = np.random.default_rng(rows)
    info = np.iinfo(dtype)
    a = rng.integers(info.min, info.max, size=(rows, 70), dtype=dtype, endpoint=True)
    oa = ox.asarray(a)
    for name in ("max", "min"):
        same(getattr(np, name)(a, axis=0), getattr(ox, name)(oa, axis=0))
    for uf in ("fmax", "fmin", "maximum", "minimum"):
        same(getattr(np, uf).reduce(a, axis=0), getattr(ox, uf).reduce(oa, axis=0))


@settings(max_examples=80, deadline=None)
@given(
    dtype=st.sampled_from(FLOATS),
    shape=st.lists(st.integers(1, 40), min_size=2, max_size=3),
    seed=st.integers(0, 2**32 - 1),
    data=st.data(),
)
def test_layouts(dtype: str, shape: list[int], seed: int, data: Any) -> None:
    rng = np.random.default_rng(seed)
    a = special(rng, tuple(shape), dtype)
    view = data.draw(st.sampled_from(["c", "f", "rows2", "rev", "colslice"]))
    if view == "f":
        a = np.asfortranarray(a)
    elif view == "rows2":
        a = a[::2]
    elif view == "rev":
        a = a[::-1]
    elif view == "colslice":
        a = a[..., 1:]
        if a.size == 0:
            return
    axes: list[Any] = [None, *range(a.ndim)]
    if a.ndim == 3:
        axes += [(0, 1), (1, 2), (0, 2)]
    check_reduce(a, data.draw(st.sampled_from(axes)), payloads=False)


@pytest.mark.parametrize("threads", [1, 2])
def test_large_split_by_columns(threads: int) -> None:
    """Large enough for the column split over threads: the same bytes as NumPy, hence as
    one thread."""
    rng = np.random.default_rng(11)
    with ox.num_threads(threads):
        for dtype in FLOATS:
            a = special(rng, (333, 3001), dtype)
            check_reduce(a, 0)
            check_reduce(a.reshape(3, 111, 3001), (0, 1))
            check_reduce(a.reshape(3, 111, 3001), 1)
        s = rng.standard_normal((700, 2050))
        same(np.sum(s, axis=0), ox.sum(ox.asarray(s), axis=0))
        same(np.max(s, axis=0, keepdims=True), ox.max(ox.asarray(s), axis=0, keepdims=True))
        out_np, out_ox = np.empty(2050), ox.empty(2050)
        np.max(s, axis=0, out=out_np)
        ox.max(ox.asarray(s), axis=0, out=out_ox)
        same(out_np, out_ox)


def test_initial_and_errstate() -> None:
    a = np.array([[1.0, np.nan, -0.0] * 8, [0.0, 2.0, 0.0] * 8, [np.nan, 1.0, -0.0] * 8])
    same(np.max(a, axis=0, initial=0.5), ox.max(ox.asarray(a), axis=0, initial=0.5))
    same(np.min(a, axis=0, initial=-0.0), ox.min(ox.asarray(a), axis=0, initial=-0.0))
    # NaNs compared by max/min raise no "invalid", as NumPy's loop.
    with np.errstate(all="raise"):
        expected = np.max(a, axis=0)
    with ox.errstate(all="raise"):
        got = ox.max(ox.asarray(a), axis=0)
    same(expected, got)
    big = np.full((4, 32), 1e308)
    with np.errstate(over="ignore"):
        expected = np.sum(big, axis=0)
    with pytest.warns(RuntimeWarning, match="overflow"):
        got = ox.sum(ox.asarray(big), axis=0)
    same(expected, got)


@settings(max_examples=60, deadline=None)
@given(
    dtype=st.sampled_from(["float32", "float64", "int8", "int64", "complex128"]),
    n=st.integers(0, 700),
    which=st.sampled_from(["a", "b", "both"]),
    seed=st.integers(0, 2**32 - 1),
)
def test_in_place_binary(dtype: str, n: int, which: str, seed: int) -> None:
    """Contiguous in-place binary loops (one input identical to the output, staged
    through L1 block by block) give NumPy's bytes."""
    rng = np.random.default_rng(seed)
    if dtype.startswith("complex"):
        a = (rng.standard_normal(n) + 1j * rng.standard_normal(n)).astype(dtype)
        b = (rng.standard_normal(n) + 1j * rng.standard_normal(n)).astype(dtype)
        names = ["add", "multiply", "subtract"]
    elif dtype.startswith("float"):
        a, b = special(rng, (n,), dtype) if n else np.empty(0, dtype), special(rng, (n,), dtype) if n else np.empty(0, dtype)
        names = UFUNCS + ["multiply", "subtract", "copysign"]
    else:
        a = rng.integers(-100, 100, n).astype(dtype)
        b = rng.integers(-100, 100, n).astype(dtype)
        names = ["maximum", "minimum", "add", "bitwise_xor"]
    for name in names:
        x, y = a.copy(), b.copy()
        ox_x, ox_y = ox.asarray(a.copy()), ox.asarray(b.copy())
        with np.errstate(all="ignore"):
            if which == "a":
                getattr(np, name)(x, y, out=x)
            elif which == "b":
                getattr(np, name)(x, y, out=y)
            else:
                getattr(np, name)(x, x, out=x)
        with ox.errstate(all="ignore"):
            if which == "a":
                getattr(ox, name)(ox_x, ox_y, out=ox_x)
            elif which == "b":
                getattr(ox, name)(ox_x, ox_y, out=ox_y)
            else:
                getattr(ox, name)(ox_x, ox_x, out=ox_x)
        if dtype.startswith("float") and name not in ("maximum", "minimum", "copysign"):
            same_but_nan_payloads(x, ox_x)
            same_but_nan_payloads(y, ox_y)
        else:
            same(x, ox_x)
            same(y, ox_y)


@pytest.mark.parametrize("dtype", ["float32", "float64", "int16"])
@pytest.mark.parametrize("n", [0, 1, 7, 127, 128, 129, 255, 256, 257, 513, 1000])
def test_in_place_unary(dtype: str, n: int) -> None:
    rng = np.random.default_rng(n)
    if dtype.startswith("float"):
        a = special(rng, (n,), dtype) if n else np.empty(0, dtype)
        names = ["negative", "absolute", "sqrt", "floor", "sign"]
    else:
        a = rng.integers(-100, 100, n).astype(dtype)
        names = ["negative", "absolute", "invert", "square"]
    for name in names:
        x, ox_x = a.copy(), ox.asarray(a.copy())
        with np.errstate(all="ignore"):
            getattr(np, name)(x, out=x)
        with ox.errstate(all="ignore"):
            getattr(ox, name)(ox_x, out=ox_x)
        same(x, ox_x)


@pytest.mark.parametrize("dtype", FLOATS)
def test_one_element_left(dtype: str) -> None:
    """Two elements along the reduced axis: after the first, NumPy calls its reduce loop
    on one element with the axis's stride, so a NaN first element becomes the default
    NaN on a contiguous axis and keeps its payload on a strided one."""
    bits = np.dtype(dtype.replace("float", "uint"))
    nan = (np.array(np.nan, dtype=dtype).view(bits) | np.array(5, dtype=bits)).item()
    x = np.ones(6, dtype)
    x.view(bits)[0] = nan
    cases = [
        (x[:2], None),
        (x[::3], None),
        (x[::-5], None),
        (x[:2].reshape(2, 1), 0),
        (x[:4].reshape(2, 2)[:, :1], 0),
        (x[:2].reshape(1, 2), None),
        (x[:2].reshape(1, 2), 1),
    ]
    for v, axis in cases:
        for name in ("max", "min"):
            same(getattr(np, name)(v, axis=axis), getattr(ox, name)(ox.asarray(v), axis=axis))
