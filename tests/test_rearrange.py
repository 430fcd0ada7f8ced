"""Rearranging elements, checked against NumPy (values, dtype, shape, layout flags,
view-vs-copy, exception types)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from _nsjoin_helpers import (
    ALL_DTYPES,
    LAYOUTS,
    dtypes,
    layouts,
    nonempty_shapes,
    same_flags,
    shapes,
    twin_pair,
)
from conftest import assert_same, raises_like


@settings(max_examples=40, deadline=None)
@given(shape=shapes, dtype=dtypes, layout=layouts,
       reps=st.one_of(st.integers(0, 3), st.lists(st.integers(0, 3), max_size=4).map(tuple)))
def test_tile(shape, dtype, layout, reps):
    na, oa = twin_pair(shape, dtype, layout)
    e, g = np.tile(na, reps), ox.tile(oa, reps)
    assert_same(g, e)
    if 0 not in shape:
        same_flags(g, e)
    assert not ox.may_share_memory(g, oa) or g.size == 0


def test_tile_cases():
    assert_same(ox.tile([1, 2], 2), np.tile([1, 2], 2))
    assert_same(ox.tile(ox.asarray(3.0), (2, 2)), np.tile(np.asarray(3.0), (2, 2)))
    raises_like(lambda: np.tile(np.arange(3), -1), lambda: ox.tile(ox.arange(3), -1))


@settings(max_examples=40, deadline=None)
@given(shape=nonempty_shapes, dtype=dtypes, layout=layouts, data=st.data())
def test_repeat(shape, dtype, layout, data):
    na, oa = twin_pair(shape, dtype, layout)
    r = data.draw(st.integers(0, 3))
    assert_same(ox.repeat(oa, r), np.repeat(na, r))
    assert_same(oa.repeat(r), na.repeat(r))
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    reps = data.draw(st.lists(st.integers(0, 3), min_size=shape[axis], max_size=shape[axis]))
    e, g = np.repeat(na, reps, axis=axis), ox.repeat(oa, reps, axis=axis)
    assert_same(g, e)
    same_flags(g, e)
    assert_same(oa.repeat(r, axis=axis), na.repeat(r, axis=axis))


def test_repeat_errors():
    na, oa = twin_pair((2, 3))
    raises_like(lambda: np.repeat(na, [1, 2], axis=1), lambda: ox.repeat(oa, [1, 2], axis=1))
    raises_like(lambda: np.repeat(na, -1), lambda: ox.repeat(oa, -1))
    raises_like(lambda: np.repeat(na, [1, -1], axis=0), lambda: ox.repeat(oa, [1, -1], axis=0))
    raises_like(lambda: np.repeat(na, 2, axis=2), lambda: ox.repeat(oa, 2, axis=2))
    assert_same(ox.repeat(oa, [1.5, 2], axis=0), np.repeat(na, [1.5, 2], axis=0))
    raises_like(lambda: np.repeat(na, [1j, 2], axis=0), lambda: ox.repeat(oa, [1j, 2], axis=0))
    raises_like(lambda: np.repeat(na, [[1, 2]], axis=0), lambda: ox.repeat(oa, [[1, 2]], axis=0))
    assert_same(ox.repeat(3, 4), np.repeat(3, 4))
    assert_same(ox.repeat(ox.asarray(3), 2, axis=0), np.repeat(np.asarray(3), 2, axis=0))


@settings(max_examples=40, deadline=None)
@given(shape=shapes, dtype=dtypes, layout=layouts, data=st.data())
def test_roll(shape, dtype, layout, data):
    na, oa = twin_pair(shape, dtype, layout)
    s = data.draw(st.integers(-7, 7))
    assert_same(ox.roll(oa, s), np.roll(na, s))
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    e, g = np.roll(na, s, axis=axis), ox.roll(oa, s, axis=axis)
    assert_same(g, e)
    if 0 not in shape:
        same_flags(g, e)
    shifts = tuple(data.draw(st.integers(-5, 5)) for _ in shape)
    axes = tuple(range(len(shape)))
    assert_same(ox.roll(oa, shifts, axis=axes), np.roll(na, shifts, axis=axes))
    assert_same(ox.roll(oa, s, axis=axes), np.roll(na, s, axis=axes))
    assert not ox.may_share_memory(g, oa) or g.size == 0


def test_roll_errors_and_repeated_axes():
    na, oa = twin_pair((3, 4))
    assert_same(ox.roll(oa, (1, 2), axis=(0, 0)), np.roll(na, (1, 2), axis=(0, 0)))
    assert_same(ox.roll(oa, [1, -2], axis=1), np.roll(na, [1, -2], axis=1))
    assert_same(ox.roll(oa, 2.0), np.roll(na, 2.0))
    assert_same(ox.roll(oa, ox.asarray([1, 2]), axis=(0, 1)), np.roll(na, np.asarray([1, 2]), axis=(0, 1)))
    raises_like(lambda: np.roll(na, 1, axis=2), lambda: ox.roll(oa, 1, axis=2))
    raises_like(lambda: np.roll(na, (1, 2, 3), axis=(0, 1)), lambda: ox.roll(oa, (1, 2, 3), axis=(0, 1)))


@settings(max_examples=30, deadline=None)
@given(shape=nonempty_shapes, dtype=dtypes, layout=layouts, data=st.data())
def test_views(shape, dtype, layout, data):
    na, oa = twin_pair(shape, dtype, layout)
    nd = len(shape)
    axis = data.draw(st.integers(-nd, nd - 1))
    start = data.draw(st.integers(-nd, nd))
    g, e = ox.rollaxis(oa, axis, start), np.rollaxis(na, axis, start)
    assert_same(g, e)
    assert ox.may_share_memory(g, oa)
    for name in ("flipud", "fliplr"):
        if nd >= (2 if name == "fliplr" else 1):
            g, e = getattr(ox, name)(oa), getattr(np, name)(na)
            assert_same(g, e)
            assert g.strides == e.strides or na.strides != oa.strides
            assert ox.may_share_memory(g, oa)
        else:
            raises_like(lambda: getattr(np, name)(na), lambda: getattr(ox, name)(oa))
    if nd >= 2:
        k = data.draw(st.integers(-5, 5))
        axes = data.draw(st.sampled_from([(0, 1), (1, 0), (-1, 0), (0, -1)]))
        g, e = ox.rot90(oa, k, axes), np.rot90(na, k, axes)
        assert_same(g, e)
        assert ox.may_share_memory(g, oa)
        g, e = ox.matrix_transpose(oa), np.matrix_transpose(na)
        assert_same(g, e)
        assert ox.may_share_memory(g, oa)


def test_view_errors():
    na, oa = twin_pair((2, 3))
    raises_like(lambda: np.rollaxis(na, 0, 5), lambda: ox.rollaxis(oa, 0, 5))
    raises_like(lambda: np.rollaxis(na, 3), lambda: ox.rollaxis(oa, 3))
    raises_like(lambda: np.rot90(na, 1, (0, 0)), lambda: ox.rot90(oa, 1, (0, 0)))
    assert_same(ox.rot90(oa, 1.0), np.rot90(na, 1.0))
    raises_like(lambda: np.rot90(na, 1, (0, 1, 2)), lambda: ox.rot90(oa, 1, (0, 1, 2)))
    raises_like(lambda: np.rot90(na, 1, (0, 4)), lambda: ox.rot90(oa, 1, (0, 4)))
    raises_like(lambda: np.matrix_transpose(na[0]), lambda: ox.matrix_transpose(oa[0]))


PAD_MODES = ["constant", "edge", "linear_ramp", "maximum", "mean", "median", "minimum",
             "reflect", "symmetric", "wrap"]


@settings(max_examples=60, deadline=None)
@given(shape=nonempty_shapes, dtype=st.sampled_from([d for d in ALL_DTYPES if d != "float16"]),
       layout=layouts, mode=st.sampled_from(PAD_MODES), data=st.data())
def test_pad_modes(shape, dtype, layout, mode, data):
    na, oa = twin_pair(shape, dtype, layout)
    width = data.draw(st.one_of(
        st.integers(0, 5),
        st.tuples(st.integers(0, 4), st.integers(0, 4)),
        st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)),
                 min_size=len(shape), max_size=len(shape)),
    ))
    kwargs = {}
    if mode in ("maximum", "mean", "median", "minimum") and data.draw(st.booleans()):
        kwargs["stat_length"] = data.draw(st.integers(1, 3))
    if mode in ("reflect", "symmetric") and data.draw(st.booleans()):
        kwargs["reflect_type"] = "odd"
    if mode == "constant" and data.draw(st.booleans()):
        kwargs["constant_values"] = (1, 2)
    if mode == "linear_ramp" and data.draw(st.booleans()):
        kwargs["end_values"] = (2, 5)
    if dtype == "bool" and (mode in ("mean", "median", "linear_ramp") or
                            kwargs.get("reflect_type") == "odd"):
        with np.errstate(all="ignore"):
            try:
                np.pad(na, width, mode, **kwargs)
            except Exception:  # noqa: BLE001 - NumPy has no meaning for these on bool
                return
    with np.errstate(all="ignore"):
        e = np.pad(na, width, mode, **kwargs)
    with ox.errstate(all="ignore"):
        g = ox.pad(oa, width, mode, **kwargs)
    if mode == "mean" and dtype in ("float32", "complex64"):
        # oxarray.mean of float32 is not bit-identical to NumPy's (a reductions issue,
        # reported separately): the padded statistics may differ in the last ulp.
        assert g.dtype.str == e.dtype.str and g.shape == e.shape
        np.testing.assert_allclose(np.asarray(g.tolist(), dtype=e.dtype), e, rtol=1e-5)
    else:
        assert_same(g, e)
    same_flags(g, e)
    assert not ox.may_share_memory(g, oa)


def test_pad_float16_and_empty_and_callable():
    na, oa = twin_pair((3, 4), "float16")
    for mode in ("constant", "edge", "reflect", "symmetric", "wrap", "maximum", "minimum"):
        assert_same(ox.pad(oa, 2, mode), np.pad(na, 2, mode))
    g = ox.pad(oa, 1, "empty")
    assert g.shape == (5, 6) and g.dtype == ox.float16
    assert_same(g[1:-1, 1:-1], na)

    def padder(vector, pad_width, iaxis, kwargs):
        vector[: pad_width[0]] = kwargs.get("v", 10)
        if pad_width[1]:
            vector[-pad_width[1]:] = -1

    nb, ob = twin_pair((3, 4), "int32")
    assert_same(ox.pad(ob, (1, 2), padder, v=7), np.pad(nb, (1, 2), padder, v=7))
    assert_same(ox.pad(ob, {0: 1, 1: (0, 2)}), np.pad(nb, {0: 1, 1: (0, 2)}))
    ne, oe = twin_pair((0, 3), "int64")
    assert_same(ox.pad(oe, 1), np.pad(ne, 1))
    raises_like(lambda: np.pad(ne, 1, "edge"), lambda: ox.pad(oe, 1, "edge"))
    raises_like(lambda: np.pad(nb, -1), lambda: ox.pad(ob, -1))
    raises_like(lambda: np.pad(nb, 1.5), lambda: ox.pad(ob, 1.5))
    raises_like(lambda: np.pad(nb, 1, "bogus"), lambda: ox.pad(ob, 1, "bogus"))
    raises_like(lambda: np.pad(nb, 1, "edge", foo=1), lambda: ox.pad(ob, 1, "edge", foo=1))
    raises_like(lambda: np.pad(nb, 1, "maximum", stat_length=0),
                lambda: ox.pad(ob, 1, "maximum", stat_length=0))
    raises_like(lambda: np.pad(nb, ((1, 2), (3, 4), (5, 6))), lambda: ox.pad(ob, ((1, 2), (3, 4), (5, 6))))


def test_pad_large_reflect_constant():
    n = np.arange(200_000, dtype=np.float32).reshape(400, 500)
    o = ox.asarray(n.copy())
    assert_same(ox.pad(o, 3, "reflect"), np.pad(n, 3, "reflect"))
    assert_same(ox.pad(o, (2, 5), constant_values=-1), np.pad(n, (2, 5), constant_values=-1))


def test_atleast_nd():
    for v in (1.5, [1, 2], [[1, 2]], [[[1]]], np.zeros((1, 2, 3, 4))):
        n = np.asarray(v)
        o = ox.asarray(n.copy())
        for name in ("atleast_1d", "atleast_2d", "atleast_3d"):
            g, e = getattr(ox, name)(o), getattr(np, name)(n)
            assert_same(g, e)
            assert g.strides == e.strides
    g = ox.atleast_2d(ox.arange(3), 4)
    e = np.atleast_2d(np.arange(3), 4)
    assert isinstance(g, tuple) and len(g) == 2
    for a, b in zip(g, e):
        assert_same(a, b)
    assert ox.atleast_1d() == () and np.atleast_1d() == ()


def test_broadcast_object():
    x = ox.asarray([[1], [2], [3]])
    y = ox.asarray([4, 5, 6])
    b = ox.broadcast(x, y)
    nb = np.broadcast(np.asarray([[1], [2], [3]]), np.asarray([4, 5, 6]))
    assert (b.shape, b.ndim, b.nd, b.size, b.numiter, b.index) == (
        nb.shape, nb.ndim, nb.nd, nb.size, nb.numiter, nb.index)
    got = [(int(u), int(v)) for u, v in b]
    exp = [(int(u), int(v)) for u, v in nb]
    assert got == exp
    assert b.index == nb.index == 9
    b.reset()
    assert b.index == 0
    assert ox.broadcast(b, ox.ones(3)).numiter == 3
    raises_like(lambda: np.broadcast(np.ones(2), np.ones(3)), lambda: ox.broadcast(ox.ones(2), ox.ones(3)))


def test_require_asanyarray_chkfinite():
    n = np.arange(6.0).reshape(2, 3).T
    o = ox.asarray(n.copy()).T if False else ox.asarray(np.ascontiguousarray(n.T)).T
    for req in (None, "C", "F", ["A", "W"], "O", ["E", "C"]):
        g, e = ox.require(o, requirements=req), np.require(n, requirements=req)
        assert_same(g, e)
        same_flags(g, e)
    assert_same(ox.require(o, dtype="f4", requirements="C"), np.require(n, dtype="f4", requirements="C"))
    raises_like(lambda: np.require(n, requirements=["C", "F"]), lambda: ox.require(o, requirements=["C", "F"]))
    assert ox.asanyarray(o) is o
    assert_same(ox.asanyarray([1, 2], dtype="i2"), np.asanyarray([1, 2], dtype="i2"))
    assert_same(ox.asarray_chkfinite([1, 2.5]), np.asarray_chkfinite([1, 2.5]))
    assert_same(ox.asarray_chkfinite([1, 2]), np.asarray_chkfinite([1, 2]))
    raises_like(lambda: np.asarray_chkfinite([1, np.nan]), lambda: ox.asarray_chkfinite([1, ox.nan]))
    raises_like(lambda: np.asarray_chkfinite([1j * np.inf]), lambda: ox.asarray_chkfinite([1j * ox.inf]))


@settings(max_examples=30, deadline=None)
@given(shape=nonempty_shapes, src_dtype=dtypes, dst_dtype=dtypes, layout=layouts,
       casting=st.sampled_from(["no", "equiv", "safe", "same_kind", "unsafe"]),
       use_where=st.booleans())
def test_copyto(shape, src_dtype, dst_dtype, layout, casting, use_where):
    nd, od = twin_pair(shape, dst_dtype, layout)
    ns, os_ = twin_pair(shape[1:], src_dtype, "C", seed=4)
    kw_n, kw_o = {}, {}
    if use_where:
        nm = base_mask = (np.arange(int(np.prod(shape))).reshape(shape) % 3) == 0
        kw_n["where"] = base_mask
        kw_o["where"] = ox.asarray(nm.copy())
    try:
        with np.errstate(all="ignore"), _nowarn():
            np.copyto(nd, ns, casting=casting, **kw_n)
    except TypeError:
        raises_like(lambda: np.copyto(nd, ns, casting=casting, **kw_n),
                    lambda: ox.copyto(od, os_, casting=casting, **kw_o))
        return
    with ox.errstate(all="ignore"), _nowarn():
        ox.copyto(od, os_, casting=casting, **kw_o)
    assert_same(od, nd)


class _nowarn:
    def __enter__(self):
        import warnings

        self._c = warnings.catch_warnings()
        self._c.__enter__()
        warnings.simplefilter("ignore")

    def __exit__(self, *a):
        self._c.__exit__(*a)


def test_copyto_scalars_and_errors():
    n = np.zeros(4, np.int16)
    o = ox.zeros(4, "int16")
    np.copyto(n, 3)
    ox.copyto(o, 3)
    assert_same(o, n)
    raises_like(lambda: np.copyto(n, 1.5), lambda: ox.copyto(o, 1.5))
    np.copyto(n, 2.5, casting="unsafe")
    ox.copyto(o, 2.5, casting="unsafe")
    assert_same(o, n)
    np.copyto(n, [9, 8, 7, 6], where=[True, False, True, False])
    ox.copyto(o, [9, 8, 7, 6], where=[True, False, True, False])
    assert_same(o, n)
    raises_like(lambda: np.copyto(n, np.ones(3, np.int16)), lambda: ox.copyto(o, ox.ones(3, "int16")))
    raises_like(lambda: np.copyto([1, 2], 1), lambda: ox.copyto([1, 2], 1))
    raises_like(lambda: np.copyto(n, 1, casting="bogus"), lambda: ox.copyto(o, 1, casting="bogus"))
    ro = ox.broadcast_to(ox.zeros(3), (2, 3))
    raises_like(lambda: np.copyto(np.broadcast_to(np.zeros(3), (2, 3)), 1.0), lambda: ox.copyto(ro, 1.0))


def test_indices_fromfunction_fromiter():
    for dims in ((2, 3), (0, 2), (4,), ()):
        assert_same(ox.indices(dims), np.indices(dims))
        for a, b in zip(ox.indices(dims, sparse=True), np.indices(dims, sparse=True)):
            assert_same(a, b)
    assert_same(ox.indices((2, 2), dtype="int16"), np.indices((2, 2), dtype="int16"))
    assert_same(ox.fromfunction(lambda i, j: i * 10 + j, (3, 4)),
                np.fromfunction(lambda i, j: i * 10 + j, (3, 4)))
    assert_same(ox.fromfunction(lambda i: i, (3,), dtype=int),
                np.fromfunction(lambda i: i, (3,), dtype=int))
    for dt in ALL_DTYPES:
        assert_same(ox.fromiter(iter([1, 0, 3]), dt), np.fromiter(iter([1, 0, 3]), dt))
    assert_same(ox.fromiter((x * x for x in range(5)), "f4", count=3),
                np.fromiter((x * x for x in range(5)), "f4", count=3))
    raises_like(lambda: np.fromiter(iter([1]), "i4", count=3), lambda: ox.fromiter(iter([1]), "i4", count=3))
    assert_same(ox.fromiter(iter([1]), "i4", count=-2), np.fromiter(iter([1]), "i4", count=-2))


@settings(max_examples=30, deadline=None)
@given(lens=st.lists(st.integers(0, 4), max_size=4), dtype=dtypes,
       indexing=st.sampled_from(["xy", "ij"]), sparse=st.booleans(), copy=st.booleans())
def test_meshgrid(lens, dtype, indexing, sparse, copy):
    pairs = [twin_pair((n,), dtype, "strided", seed=k) for k, n in enumerate(lens)]
    e = np.meshgrid(*[p[0] for p in pairs], indexing=indexing, sparse=sparse, copy=copy)
    g = ox.meshgrid(*[p[1] for p in pairs], indexing=indexing, sparse=sparse, copy=copy)
    assert type(g) is type(e) and len(g) == len(e)
    for (a, b), (pn, po) in zip(zip(g, e), pairs):
        assert_same(a, b)
        if 0 not in a.shape:
            same_flags(a, b)
        assert ox.may_share_memory(a, po) == np.may_share_memory(b, pn)


def test_meshgrid_errors():
    raises_like(lambda: np.meshgrid([1], indexing="zz"), lambda: ox.meshgrid([1], indexing="zz"))


def test_index_tricks():
    assert_same(ox.mgrid[0:5], np.mgrid[0:5])
    assert_same(ox.mgrid[0:4, 1:3], np.mgrid[0:4, 1:3])
    assert_same(ox.mgrid[-1:1:5j], np.mgrid[-1:1:5j])
    assert_same(ox.mgrid[0:1:3j, 0:2:0.5], np.mgrid[0:1:3j, 0:2:0.5])
    for a, b in zip(ox.ogrid[0:3, 0:4:2], np.ogrid[0:3, 0:4:2]):
        assert_same(a, b)
    assert_same(ox.ogrid[0:5:2], np.ogrid[0:5:2])
    assert_same(ox.r_[1:4, 7, [8, 9]], np.r_[1:4, 7, [8, 9]])
    assert_same(ox.r_[-1:1:4j, [0.5]], np.r_[-1:1:4j, [0.5]])
    assert_same(ox.r_["0,2", [1, 2], [3, 4]], np.r_["0,2", [1, 2], [3, 4]])
    assert_same(ox.r_["0,2,0", [1, 2], [3, 4]], np.r_["0,2,0", [1, 2], [3, 4]])
    assert_same(ox.r_["1", [[1, 2]], [[3]]], np.r_["1", [[1, 2]], [[3]]])
    assert_same(ox.c_[ox.arange(3), ox.arange(3, 6)], np.c_[np.arange(3), np.arange(3, 6)])
    assert_same(ox.c_[[[1, 2]], 0, 0, [[4, 5]]], np.c_[[[1, 2]], 0, 0, [[4, 5]]])
    assert ox.s_[1:2, ::3] == np.s_[1:2, ::3]
    assert ox.s_[3] == np.s_[3]
    assert ox.index_exp[3] == np.index_exp[3]
    assert ox.index_exp[1:2, 4] == np.index_exp[1:2, 4]
    assert len(ox.r_) == 0
    with pytest.raises(ValueError):
        ox.r_[[1], "0"]
    for a, b in zip(ox.ix_([0, 1], [2, 4]), np.ix_([0, 1], [2, 4])):
        assert_same(a, b)
    for a, b in zip(ox.ix_([True, False, True], []), np.ix_([True, False, True], [])):
        assert_same(a, b)
    raises_like(lambda: np.ix_([[1]]), lambda: ox.ix_([[1]]))
    nz = np.arange(20).reshape(4, 5)
    oz = ox.asarray(nz.copy())
    assert_same(oz[ox.ix_([0, 3], [1, 2])], nz[np.ix_([0, 3], [1, 2])])


def test_numpy_functions_dispatch():
    na, oa = twin_pair((3, 4), "float32")
    for call in (lambda m, a: m.tile(a, 2), lambda m, a: m.repeat(a, 2), lambda m, a: m.roll(a, 1),
                 lambda m, a: m.pad(a, 1), lambda m, a: m.rot90(a)):
        g = call(np, oa)
        assert isinstance(g, ox.ndarray)
        assert_same(g, call(np, na))
