"""python/oxarray/_extras.py and oxarray.lib.stride_tricks against NumPy (issue 15, item 4)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import oxarray as ox
from oxarray.lib.stride_tricks import as_strided, sliding_window_view

SETTINGS = settings(max_examples=40, deadline=None)


def _same(r: Any, e: Any) -> None:
    got = np.asarray(r)
    assert got.shape == e.shape and got.dtype == e.dtype, (got.shape, e.shape, got.dtype, e.dtype)
    np.testing.assert_array_equal(got, e)


@pytest.mark.parametrize(
    "args,kw",
    [
        ((0, 3, 7), {}),
        ((0.5, 2, 5), {"base": 2.0, "dtype": "float32"}),
        ((np.array([0.0, 1]), 3, 4), {"axis": 1}),
        ((0, 1, 4), {"base": np.array([2.0, 10.0])}),
        ((0, 1, 1), {}),
        ((0, 2, 3), {"endpoint": False}),
        ((0, 2, 0), {}),
    ],
)
def test_logspace(args: tuple[Any, ...], kw: dict[str, Any]) -> None:
    oargs = [ox.asarray(a) if isinstance(a, np.ndarray) else a for a in args]
    okw = {k: ox.asarray(v) if isinstance(v, np.ndarray) else v for k, v in kw.items()}
    got, want = ox.logspace(*oargs, **okw), np.logspace(*args, **kw)
    if _numpy_svml() and np.dtype(want.dtype).kind == "f":
        # NumPy on AVX-512 CPUs raises with SVML's power: equal within one ulp there.
        g = np.asarray(got)
        assert g.shape == want.shape and g.dtype == want.dtype
        np.testing.assert_array_max_ulp(g, want, maxulp=1)
        return
    _same(got, want)


def _numpy_svml() -> bool:
    from conftest import numpy_sort_kernel

    return numpy_sort_kernel("float64") == "avx512"


@pytest.mark.parametrize(
    "args,kw",
    [
        ((1, 1000, 4), {}),
        ((-1, -1000, 5), {"endpoint": False}),
        ((1, 256, 9), {"dtype": "int64"}),
        ((np.array([1.0, 2]), 100, 3), {"axis": 1}),
        ((1j, 1000j, 4), {}),
        ((np.float32(1), 7, 4), {}),
    ],
)
def test_geomspace(args: tuple[Any, ...], kw: dict[str, Any]) -> None:
    oargs = [ox.asarray(a) if isinstance(a, np.ndarray) else a for a in args]
    _same(ox.geomspace(*oargs, **kw), np.geomspace(*args, **kw))


def test_geomspace_zero_raises() -> None:
    with pytest.raises(ValueError):
        np.geomspace(0, 5)
    with pytest.raises(ValueError):
        ox.geomspace(0, 5)


@SETTINGS
@given(
    x=hnp.arrays(st.sampled_from(["int8", "int64", "uint16", "float64", "bool"]), st.integers(0, 6)),
    n=st.one_of(st.none(), st.integers(0, 5)),
    inc=st.booleans(),
)
def test_vander(x: Any, n: int | None, inc: bool) -> None:
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        e = np.vander(x, n, increasing=inc)
        r = ox.vander(ox.asarray(x), n, increasing=inc)
    got = np.asarray(r)
    assert got.shape == e.shape and got.dtype == e.dtype
    np.testing.assert_array_equal(got, e)


@SETTINGS
@given(shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4), data=st.data())
def test_apply_along_axis(shape: tuple[int, ...], data: Any) -> None:
    a = np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape)
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    _same(ox.apply_along_axis(lambda v: v[::-1] * 2, axis, ox.asarray(a)), np.apply_along_axis(lambda v: v[::-1] * 2, axis, a))
    _same(ox.apply_along_axis(lambda v: v.sum(), axis, ox.asarray(a)), np.apply_along_axis(lambda v: v.sum(), axis, a))
    _same(
        ox.apply_along_axis(lambda v: ox.stack([v, v + 1]), axis, ox.asarray(a)),
        np.apply_along_axis(lambda v: np.stack([v, v + 1]), axis, a),
    )


def test_apply_over_axes() -> None:
    a = np.arange(24).reshape(2, 3, 4)
    for axes in [0, [0, 2], (1, -1)]:
        _same(ox.apply_over_axes(ox.sum, ox.asarray(a), axes), np.apply_over_axes(np.sum, a, axes))


@SETTINGS
@given(
    x=hnp.arrays(st.sampled_from(["bool", "uint8", "int32"]), hnp.array_shapes(min_dims=1, max_dims=3, max_side=11)),
    data=st.data(),
)
def test_packbits_unpackbits(x: Any, data: Any) -> None:
    axis = data.draw(st.one_of(st.none(), st.integers(-x.ndim, x.ndim - 1)))
    order = data.draw(st.sampled_from(["big", "little"]))
    e = np.packbits(x, axis=axis, bitorder=order)
    _same(ox.packbits(ox.asarray(x), axis=axis, bitorder=order), e)
    count = data.draw(st.one_of(st.none(), st.integers(-3, 20)))
    try:
        eu = np.unpackbits(e, axis=axis, count=count, bitorder=order)
    except ValueError:
        with pytest.raises(ValueError):
            ox.unpackbits(ox.asarray(e), axis=axis, count=count, bitorder=order)
        return
    _same(ox.unpackbits(ox.asarray(e), axis=axis, count=count, bitorder=order), eu)


@SETTINGS
@given(num=st.integers(-(2**70), 2**70), width=st.one_of(st.none(), st.integers(1, 80)), base=st.integers(2, 36), pad=st.integers(0, 3))
def test_binary_and_base_repr(num: int, width: int | None, base: int, pad: int) -> None:
    for f, args in [("binary_repr", (num, width)), ("base_repr", (num, base, pad))]:
        try:
            e = getattr(np, f)(*args)
        except ValueError:
            with pytest.raises(ValueError):
                getattr(ox, f)(*args)
            continue
        assert getattr(ox, f)(*args) == e


@pytest.mark.parametrize("x", [np.pi, 1e300, -0.0, 5e-324, np.float32(0.1), np.float16(1 / 3), np.float32(-3e38)])
def test_format_float(x: Any) -> None:
    ox_x = x if isinstance(x, float) and type(x) is float else ox.asarray(np.asarray(x))[()]
    for kw in [{}, {"precision": 3, "unique": False, "pad_left": 4}, {"precision": 5, "min_digits": 2, "trim": "-", "sign": True}]:
        assert ox.format_float_positional(ox_x, **kw) == np.format_float_positional(x, **kw)
    for kw in [{}, {"precision": 4, "exp_digits": 3}, {"precision": 2, "unique": False, "trim": "0"}]:
        assert ox.format_float_scientific(ox_x, **kw) == np.format_float_scientific(x, **kw)


def test_array_text_and_names() -> None:
    a = np.array([[1.5, 2, np.pi], [1e-9, -0.0, 7]])
    assert ox.array2string(ox.asarray(a), precision=3) == np.array2string(a, precision=3)
    assert ox.array_repr(ox.asarray(a)) == np.array_repr(a)
    assert ox.array_str(ox.asarray(a), precision=2) == np.array_str(a, precision=2)
    assert ox.array_repr(ox.arange(3, dtype="int8")) == np.array_repr(np.arange(3, dtype=np.int8))
    for c in "?bBhHiIlLqQfdgFDGSUVO":
        assert ox.typename(c) == np.typename(c)
    assert ox.True_ == np.True_ and type(ox.True_) is ox.bool and ox.False_ is not ox.True_
    assert not ox.False_
    assert ox.float64 in ox.ScalarType and int in ox.ScalarType


@SETTINGS
@given(x=hnp.arrays("float64", hnp.array_shapes(min_dims=1, max_dims=3, max_side=6)), data=st.data())
def test_sliding_window_view(x: Any, data: Any) -> None:
    step = data.draw(st.sampled_from([1, -1, 2]))
    xs = x[(slice(None, None, step),) * x.ndim]
    axis = data.draw(st.one_of(st.none(), st.integers(-xs.ndim, xs.ndim - 1)))
    if axis is None:
        window: Any = tuple(data.draw(st.integers(0, s + 1)) for s in xs.shape)
    else:
        window = data.draw(st.integers(0, xs.shape[axis] + 1))
    o = ox.asarray(x)[(slice(None, None, step),) * x.ndim]
    try:
        e = np.lib.stride_tricks.sliding_window_view(xs, window, axis)
    except ValueError:
        with pytest.raises(ValueError):
            sliding_window_view(o, window, axis)
        return
    r = sliding_window_view(o, window, axis)
    _same(r, e)
    assert not r.flags.writeable
    assert r.size == 0 or ox.may_share_memory(r, o)


def test_as_strided_writeable_view() -> None:
    o = ox.zeros(6)
    v = as_strided(o, shape=(3, 2), strides=(16, 8))
    v[1, 1] = 5.0
    assert o[3] == 5.0
    assert not as_strided(o, writeable=False).flags.writeable
    ro = ox.frombuffer(b"abcdefgh", dtype="u1")  # read-only memory stays read-only
    assert not as_strided(ro, shape=(4,), strides=(2,)).flags.writeable
    with pytest.raises(ValueError):
        as_strided(o, shape=(2,), strides=(8, 8))
