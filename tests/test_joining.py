"""Joining and splitting, checked against NumPy (values, dtype, shape, layout flags,
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
@given(shape=shapes, data=st.data(), n=st.integers(1, 4))
def test_concatenate_matches_numpy(shape, data, n):
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    nps, oxs = [], []
    for k in range(n):
        s = list(shape)
        s[axis] = data.draw(st.integers(0, 3))
        na, oa = twin_pair(s, data.draw(dtypes), data.draw(layouts), seed=k)
        nps.append(na)
        oxs.append(oa)
    expected = np.concatenate(nps, axis=axis)
    got = ox.concatenate(oxs, axis=axis)
    assert_same(got, expected)
    if all(o.strides == n.strides for o, n in zip(oxs, nps)):
        # (ox.asarray of an empty NumPy array may pick other, equally valid strides.)
        same_flags(got, expected)
    for oa in oxs:
        assert not ox.may_share_memory(got, oa)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_concatenate_every_dtype_and_layout(dtype, layout):
    na, oa = twin_pair((3, 4), dtype, layout)
    nb, ob = twin_pair((2, 4), dtype, layout, seed=3)
    for axis in (0, None):
        if axis == 0:
            e, g = np.concatenate([na, nb], axis=0), ox.concatenate([oa, ob], axis=0)
        else:
            e, g = np.concatenate([na, nb], axis=None), ox.concatenate([oa, ob], axis=None)
        assert_same(g, e)
        same_flags(g, e)
    e, g = np.concatenate([na.T, nb.T], axis=1), ox.concatenate([oa.T, ob.T], axis=1)
    assert_same(g, e)
    same_flags(g, e)


def test_concatenate_dtype_out_casting():
    na, oa = twin_pair((2, 3), "float64")
    nb, ob = twin_pair((2, 3), "int32")
    assert_same(ox.concatenate([oa, ob], dtype="float32"), np.concatenate([na, nb], dtype="float32"))
    assert_same(
        ox.concatenate([oa, ob], dtype="int8", casting="unsafe"),
        np.concatenate([na, nb], dtype="int8", casting="unsafe"),
    )
    raises_like(lambda: np.concatenate([na, nb], dtype="int8"), lambda: ox.concatenate([oa, ob], dtype="int8"))
    nout = np.zeros((4, 3))
    oout = ox.zeros((4, 3))
    r = ox.concatenate([oa, ob], out=oout)
    np.concatenate([na, nb], out=nout)
    assert r is oout
    assert_same(oout, nout)
    nout1 = np.zeros(12)
    oout1 = ox.zeros(12)
    np.concatenate([na, nb], axis=None, out=nout1)
    ox.concatenate([oa, ob], axis=None, out=oout1)
    assert_same(oout1, nout1)
    raises_like(lambda: np.concatenate([na, nb], out=np.zeros((4, 3), "int64")),
                lambda: ox.concatenate([oa, ob], out=ox.zeros((4, 3), "int64")))
    raises_like(lambda: np.concatenate([na, nb], out=np.zeros((5, 3))),
                lambda: ox.concatenate([oa, ob], out=ox.zeros((5, 3))))
    raises_like(lambda: np.concatenate([na, nb], out=np.zeros((4, 3)), dtype="f8"),
                lambda: ox.concatenate([oa, ob], out=ox.zeros((4, 3)), dtype="f8"))
    assert_same(ox.concat([oa, ob], axis=1), np.concat([na, nb], axis=1))


def test_concatenate_bad_input():
    na, oa = twin_pair((2, 3))
    nb, ob = twin_pair((2, 4))
    e = raises_like(lambda: np.concatenate([na, nb]), lambda: ox.concatenate([oa, ob]))
    assert "dimension 1" in str(e) and "size 3" in str(e) and "size 4" in str(e)
    raises_like(lambda: np.concatenate([na, nb[0]]), lambda: ox.concatenate([oa, ob[0]]))
    raises_like(lambda: np.concatenate([na, na], axis=2), lambda: ox.concatenate([oa, oa], axis=2))
    raises_like(lambda: np.concatenate([]), lambda: ox.concatenate([]))
    raises_like(lambda: np.concatenate([np.float64(1), np.float64(2)]),
                lambda: ox.concatenate([ox.float64(1), ox.float64(2)]))
    raises_like(lambda: np.concatenate(5), lambda: ox.concatenate(5))
    raises_like(lambda: np.concatenate(x for x in [na]), lambda: ox.concatenate(x for x in [oa]))
    assert_same(ox.concatenate(ox.arange(6).reshape(2, 3)), np.concatenate(np.arange(6).reshape(2, 3)))
    raises_like(lambda: np.concatenate([na, na], casting="bogus"),
                lambda: ox.concatenate([oa, oa], casting="bogus"))


def test_concatenate_lists_and_large():
    assert_same(ox.concatenate([[1, 2], [3.5]]), np.concatenate([[1, 2], [3.5]]))
    n = np.arange(300_000, dtype=np.float64)
    o = ox.asarray(n.copy())
    assert_same(ox.concatenate([o, o[::-1]]), np.concatenate([n, n[::-1]]))


def test_numpy_concatenate_dispatches_to_oxarray():
    na, oa = twin_pair((2, 3), "int16")
    r = np.concatenate([oa, oa], axis=1)
    assert isinstance(r, ox.ndarray)
    assert_same(r, np.concatenate([na, na], axis=1))
    r = np.stack([oa, oa])
    assert isinstance(r, ox.ndarray)
    assert_same(r, np.stack([na, na]))


@settings(max_examples=30, deadline=None)
@given(shape=shapes, dtype=dtypes, layout=layouts, n=st.integers(1, 3), data=st.data())
def test_stack_family(shape, dtype, layout, n, data):
    pairs = [twin_pair(shape, dtype, layout, seed=k) for k in range(n)]
    nps = [p[0] for p in pairs]
    oxs = [p[1] for p in pairs]
    axis = data.draw(st.integers(-len(shape) - 1, len(shape)))
    for name in ("vstack", "hstack", "dstack", "column_stack"):
        try:
            expected = getattr(np, name)(nps)
        except ValueError:
            raises_like(lambda: getattr(np, name)(nps), lambda: getattr(ox, name)(oxs))
            continue
        got = getattr(ox, name)(oxs)
        assert_same(got, expected)
        same_flags(got, expected)
    e, g = np.stack(nps, axis=axis), ox.stack(oxs, axis=axis)
    assert_same(g, e)
    same_flags(g, e)
    un = np.unstack(nps[0], axis=axis % len(shape) if shape else 0)
    uo = ox.unstack(oxs[0], axis=axis % len(shape) if shape else 0)
    assert len(un) == len(uo)
    for a, b in zip(uo, un):
        assert_same(a, b)
        assert not isinstance(a, ox.ndarray) or a.size == 0 or ox.may_share_memory(a, oxs[0])


def test_stack_errors_and_out():
    na, oa = twin_pair((2, 3))
    nb, ob = twin_pair((3, 2))
    raises_like(lambda: np.stack([na, nb]), lambda: ox.stack([oa, ob]))
    raises_like(lambda: np.stack([]), lambda: ox.stack([]))
    raises_like(lambda: np.stack([na, na], axis=3), lambda: ox.stack([oa, oa], axis=3))
    raises_like(lambda: np.vstack(1), lambda: ox.vstack(1))
    raises_like(lambda: np.unstack(np.float64(1)), lambda: ox.unstack(ox.asarray(1.0)))
    out_n, out_o = np.zeros((2, 2, 3)), ox.zeros((2, 2, 3))
    np.stack([na, na], out=out_n)
    ox.stack([oa, oa], out=out_o)
    assert_same(out_o, out_n)
    assert_same(ox.vstack([oa, oa], dtype="float32"), np.vstack([na, na], dtype="float32"))
    assert_same(ox.hstack([oa, oa], dtype="int8", casting="unsafe"),
                np.hstack([na, na], dtype="int8", casting="unsafe"))
    with pytest.warns(DeprecationWarning):
        assert_same(ox.row_stack([oa, oa]), np.vstack([na, na]))
    assert_same(ox.column_stack([[1, 2], [3, 4]]), np.column_stack([[1, 2], [3, 4]]))
    assert_same(ox.hstack([1, 2]), np.hstack([1, 2]))
    assert_same(ox.dstack([[1, 2], [3, 4]]), np.dstack([[1, 2], [3, 4]]))


def test_block():
    na, oa = twin_pair((2, 2), "int32")
    nb, ob = twin_pair((2, 3), "float32")
    assert_same(ox.block([[oa, ob], [ob[:, :2], oa]][0:1] + [[ob, oa]]),
                np.block([[na, nb], [nb[:, :2], na]][0:1] + [[nb, na]]))
    assert_same(ox.block([oa, ob]), np.block([na, nb]))
    assert_same(ox.block(oa), np.block(na))
    assert_same(ox.block([1, 2, 3]), np.block([1, 2, 3]))
    assert_same(ox.block([[1, 2], [3, 4]]), np.block([[1, 2], [3, 4]]))
    big_n = np.ones((600, 600), np.int16)
    big_o = ox.ones((600, 600), "int16")
    assert_same(ox.block([[big_o, big_o], [big_o, big_o]]), np.block([[big_n, big_n], [big_n, big_n]]))
    raises_like(lambda: np.block([na, [nb]]), lambda: ox.block([oa, [ob]]))
    raises_like(lambda: np.block((na, nb)), lambda: ox.block((oa, ob)))
    raises_like(lambda: np.block([[na], []]), lambda: ox.block([[oa], []]))
    raises_like(lambda: np.block([[na], [nb]]), lambda: ox.block([[oa], [ob]]))


@settings(max_examples=30, deadline=None)
@given(shape=nonempty_shapes, dtype=dtypes, layout=layouts, data=st.data())
def test_split_family(shape, dtype, layout, data):
    na, oa = twin_pair(shape, dtype, layout)
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    sections = data.draw(st.integers(1, 5))
    e = np.array_split(na, sections, axis=axis)
    g = ox.array_split(oa, sections, axis=axis)
    assert len(e) == len(g)
    for a, b in zip(g, e):
        assert_same(a, b)
        assert a.size == 0 or ox.may_share_memory(a, oa)
    idx = sorted(data.draw(st.lists(st.integers(0, 5), max_size=3)))
    for a, b in zip(ox.split(oa, idx, axis=axis), np.split(na, idx, axis=axis)):
        assert_same(a, b)
    n = shape[axis]
    if n % sections:
        raises_like(lambda: np.split(na, sections, axis), lambda: ox.split(oa, sections, axis))
    else:
        for a, b in zip(ox.split(oa, sections, axis), np.split(na, sections, axis)):
            assert_same(a, b)
    for name, minnd in (("hsplit", 1), ("vsplit", 2), ("dsplit", 3)):
        if na.ndim < minnd:
            raises_like(lambda: getattr(np, name)(na, 1), lambda: getattr(ox, name)(oa, 1))
        else:
            for a, b in zip(getattr(ox, name)(oa, [1]), getattr(np, name)(na, [1])):
                assert_same(a, b)


def test_split_errors():
    na, oa = twin_pair((4,))
    raises_like(lambda: np.array_split(na, 0), lambda: ox.array_split(oa, 0))
    raises_like(lambda: np.split(na, 3), lambda: ox.split(oa, 3))
    raises_like(lambda: np.hsplit(np.float64(1), 1), lambda: ox.hsplit(ox.asarray(1.0), 1))


@settings(max_examples=30, deadline=None)
@given(shape=shapes, dtype=dtypes, layout=layouts, data=st.data())
def test_append_insert_delete(shape, dtype, layout, data):
    na, oa = twin_pair(shape, dtype, layout)
    nb, ob = twin_pair(shape, dtype, "C", seed=5)
    assert_same(ox.append(oa, ob), np.append(na, nb))
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    assert_same(ox.append(oa, ob, axis=axis), np.append(na, nb, axis=axis))
    n = shape[axis]
    for obj in ([0], slice(None, None, 2), slice(None, None, -3), [], -1, 0, [True] * n):
        try:
            e = np.delete(na, obj, axis=axis)
        except IndexError:
            raises_like(lambda: np.delete(na, obj, axis=axis), lambda: ox.delete(oa, obj, axis=axis))
            continue
        got = ox.delete(oa, obj, axis=axis)
        assert_same(got, e)
        assert not ox.may_share_memory(got, oa) or got.size == 0
    assert_same(ox.delete(oa, 0), np.delete(na, 0)) if na.size else None
    for obj in (0, [0], [0, -1] if n else [0], slice(0, None, 2)):
        try:
            e = np.insert(na, obj, 1, axis=axis)
        except IndexError:
            raises_like(lambda: np.insert(na, obj, 1, axis=axis), lambda: ox.insert(oa, obj, 1, axis=axis))
            continue
        assert_same(ox.insert(oa, obj, 1, axis=axis), e)
    assert_same(ox.insert(oa, 0, 1), np.insert(na, 0, 1))


def test_insert_delete_cases():
    n = np.arange(12).reshape(3, 4)
    o = ox.asarray(n.copy())
    assert_same(ox.insert(o, 1, [7, 8, 9], axis=1), np.insert(n, 1, [7, 8, 9], axis=1))
    assert_same(ox.insert(o, [1], [[7], [8], [9]], axis=1), np.insert(n, [1], [[7], [8], [9]], axis=1))
    assert_same(ox.insert(o, [2, 0, 2], 5, axis=1), np.insert(n, [2, 0, 2], 5, axis=1))
    assert_same(ox.delete(o, [0, 2], axis=1), np.delete(n, [0, 2], axis=1))
    assert_same(ox.delete(o, [True, False, True], axis=0), np.delete(n, [True, False, True], axis=0))
    raises_like(lambda: np.delete(n, 5, axis=0), lambda: ox.delete(o, 5, axis=0))
    raises_like(lambda: np.insert(n, 9, 1, axis=0), lambda: ox.insert(o, 9, 1, axis=0))
    raises_like(lambda: np.delete(n, [True], axis=0), lambda: ox.delete(o, [True], axis=0))
    raises_like(lambda: np.delete(n, 0, axis=2), lambda: ox.delete(o, 0, axis=2))
    assert_same(o, n)  # inputs untouched


@settings(max_examples=30, deadline=None)
@given(shape=shapes, dtype=dtypes, layout=layouts,
       new=st.one_of(st.integers(0, 9), st.lists(st.integers(0, 4), max_size=3).map(tuple)))
def test_resize_function(shape, dtype, layout, new):
    na, oa = twin_pair(shape, dtype, layout)
    assert_same(ox.resize(oa, new), np.resize(na, new))


def test_resize_errors_and_method():
    raises_like(lambda: np.resize(np.arange(3), (-1, 2)), lambda: ox.resize(ox.arange(3), (-1, 2)))
    n = np.arange(6, dtype=np.int16)
    o = ox.arange(6, dtype="int16")
    n.resize((3, 3), refcheck=False)
    o.resize((3, 3), refcheck=False)
    assert_same(o, n)
    n.resize(2, refcheck=False)
    o.resize(2, refcheck=False)
    assert_same(o, n)
    o2 = ox.arange(4)
    o2.resize(2, 3)
    assert_same(o2, np.array([[0, 1, 2], [3, 0, 0]]))
    v = o2[:1]
    with pytest.raises(ValueError):
        o2.resize(7)
    with pytest.raises(ValueError):
        v.resize(3)
    with pytest.raises(ValueError):
        ox.ones((3, 4)).T.resize(5)
    with pytest.raises(ValueError):
        ox.arange(3).resize(-1)


@settings(max_examples=30, deadline=None)
@given(vals=st.lists(st.integers(-1, 1), max_size=8), trim=st.sampled_from(["f", "b", "fb", "BF"]),
       dtype=dtypes)
def test_trim_zeros(vals, trim, dtype):
    n = np.array(vals).astype(dtype)
    o = ox.asarray(n.copy())
    assert_same(ox.trim_zeros(o, trim), np.trim_zeros(n, trim))
    n2 = np.array(vals + vals[::-1]).reshape(2, -1).astype(dtype) if vals else np.zeros((2, 0), dtype)
    o2 = ox.asarray(n2.copy())
    assert_same(ox.trim_zeros(o2, trim), np.trim_zeros(n2, trim))
    assert_same(ox.trim_zeros(o2, trim, axis=1), np.trim_zeros(n2, trim, axis=1))


def test_trim_zeros_errors():
    raises_like(lambda: np.trim_zeros(np.arange(3), "x"), lambda: ox.trim_zeros(ox.arange(3), "x"))
