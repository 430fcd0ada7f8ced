"""Shape and memory-layout operations: reshape, transpose and friends, broadcasting,
flip, ravel/flatten, copy, astype, views, real/imag, fill, tolist/item, flags/base and
the size attributes -- values, dtype, shape, flags and memory sharing compared with NumPy."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import oxarray as ox
from conftest import ALL_DTYPES, assert_same, raises_like, to_numpy


def meaningful_strides(a):
    """Strides of the axes longer than one (the only ones that address memory);
    None for zero-size arrays, whose strides address nothing."""
    if a.size == 0:
        return None
    return tuple(s for s, n in zip(a.strides, a.shape) if n > 1)


def assert_layout(o, n):
    """Same contiguity flags and the same strides on the axes that matter."""
    assert o.flags.c_contiguous == n.flags.c_contiguous, ("C", o.shape, o.strides, n.strides)
    assert o.flags.f_contiguous == n.flags.f_contiguous, ("F", o.shape, o.strides, n.strides)
    assert meaningful_strides(o) == meaningful_strides(n), (o.shape, o.strides, n.strides)


def twin(shape, dtype="int64", view=None):
    n = math.prod(shape)
    np_a = np.arange(n).reshape(shape).astype(dtype)
    ox_a = ox.arange(n).reshape(shape).astype(dtype)
    if view is not None:
        return view(np_a), view(ox_a), np_a, ox_a
    return np_a, ox_a


def same_sharing(o, ox_base, n, np_base):
    assert ox.may_share_memory(o, ox_base) == np.may_share_memory(n, np_base), (o.shape, n.shape)


def same_sharing_nonempty(o, ox_base, n, np_base):
    """Memory sharing compared for non-empty results (empty views are covered by
    test_may_share_memory_of_empty_views)."""
    if n.size:
        same_sharing(o, ox_base, n, np_base)


# ---------------------------------------------------------------------------
# reshape
# ---------------------------------------------------------------------------

def test_reshape_forms():
    np_a, ox_a = twin((2, 3, 4))
    for args in [(6, 4), ((6, 4),), ([6, 4],), (-1,), ((-1,),), (4, -1), (2, -1, 2), (24,),
                 ((1, 24),), (1, 2, 1, 12, 1)]:
        assert_same(ox_a.reshape(*args), np_a.reshape(*args))
    assert_same(ox.reshape(ox_a, (4, 6)), np.reshape(np_a, (4, 6)))
    assert_same(ox.reshape(ox_a, -1), np.reshape(np_a, -1))


def test_reshape_0d_and_to_0d():
    assert_same(ox.array(5).reshape(1, 1), np.array(5).reshape(1, 1))
    assert_same(ox.array([5]).reshape(()), np.array([5]).reshape(()))
    assert_same(ox.zeros((1, 1, 1)).reshape([]), np.zeros((1, 1, 1)).reshape([]))


def test_reshape_zero_size():
    np_a, ox_a = twin((0, 3))
    for shape in [(3, 0), (0,), (0, 2, 5), (-1, 3), (2, 0), (-1, 5)]:
        assert_same(ox_a.reshape(shape), np_a.reshape(shape))


def test_reshape_view_writes_through():
    np_a, ox_a = twin((2, 3))
    n, o = np_a.reshape(3, 2), ox_a.reshape(3, 2)
    assert ox.may_share_memory(o, ox_a) and np.may_share_memory(n, np_a)
    n[0, 1] = 99
    o[0, 1] = 99
    assert_same(ox_a, np_a)
    assert ox_a[0, 1] == 99


def test_reshape_of_transpose_copies():
    np_a, ox_a = twin((2, 3))
    n, o = np_a.T.reshape(6), ox_a.T.reshape(6)
    assert_same(o, n)
    same_sharing(o, ox_a, n, np_a)
    assert not ox.may_share_memory(o, ox_a)
    o[0] = 99
    assert_same(ox_a, np.arange(6).reshape(2, 3))


@pytest.mark.parametrize("order", ["C", "F", "A"])
@pytest.mark.parametrize("view", ["c", "T", "stepped"])
def test_reshape_order(order, view):
    views = {"c": lambda a: a, "T": lambda a: a.T, "stepped": lambda a: a[:, ::2]}
    n, o, np_a, ox_a = twin((4, 6), "float32", views[view])
    for shape in [(-1,), (2, -1), (3, 2, o.size // 6)]:
        rn, ro = n.reshape(shape, order=order), o.reshape(shape, order=order)
        assert_same(ro, rn)
        same_sharing(ro, ox_a, rn, np_a)
        if np.may_share_memory(rn, np_a):
            assert_layout(ro, rn)


def test_reshape_copy_keyword():
    np_a, ox_a = twin((2, 3, 4))
    rn, ro = np_a.reshape(6, 4, copy=True), ox_a.reshape(6, 4, copy=True)
    assert_same(ro, rn)
    assert not ox.may_share_memory(ro, ox_a)
    rn, ro = np_a.reshape(6, 4, copy=False), ox_a.reshape(6, 4, copy=False)
    assert_same(ro, rn)
    assert ox.may_share_memory(ro, ox_a)
    rn, ro = np_a.T.reshape(4, 6, order="F", copy=False), ox_a.T.reshape(4, 6, order="F", copy=False)
    assert_same(ro, rn)


@pytest.mark.parametrize("make", [lambda a: a.T.reshape(24, copy=False),
                                  lambda a: a.T.reshape(4, 6, copy=False),
                                  lambda a: a[:, ::2].reshape(-1, copy=False),
                                  lambda a: a.reshape(24, order="F", copy=False)])
def test_reshape_copy_false_raises_when_copy_needed(make):
    np_a, ox_a = twin((2, 3, 4))
    exc = raises_like(lambda: make(np_a), lambda: make(ox_a))
    assert "copy" in str(exc)


# ---------------------------------------------------------------------------
# transpose family
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("axes", [None, (0, 1, 2), (2, 1, 0), (1, 0, 2), (2, 0, 1), (-1, 0, 1), [1, 2, 0]])
def test_transpose_axes(axes):
    np_a, ox_a = twin((2, 3, 4))
    n, o = np_a.transpose(axes), ox_a.transpose(axes)
    assert_same(o, n)
    assert o.strides == n.strides
    assert_layout(o, n)
    same_sharing(o, ox_a, n, np_a)
    assert_same(ox.transpose(ox_a, axes), np.transpose(np_a, axes))
    if axes is not None:
        assert_same(ox_a.transpose(*axes), np_a.transpose(*axes))
        assert_same(ox.permute_dims(ox_a, axes), np.permute_dims(np_a, axes))


def test_permute_dims_default_axes_reverses():
    np_a, ox_a = twin((2, 3, 4))
    assert_same(ox.permute_dims(ox_a), np.permute_dims(np_a))


@pytest.mark.parametrize("shape", [(), (5,), (2, 3), (2, 3, 4), (1, 0, 3)])
def test_T_attribute(shape):
    np_a, ox_a = twin(shape)
    assert_same(ox_a.T, np_a.T)
    assert_layout(ox_a.T, np_a.T)


@pytest.mark.parametrize("shape", [(2, 3), (2, 3, 4), (2, 1, 3, 4)])
def test_mT_attribute(shape):
    np_a, ox_a = twin(shape)
    assert_same(ox_a.mT, np_a.mT)
    assert ox_a.mT.strides == np_a.mT.strides


def test_transpose_writes_through():
    np_a, ox_a = twin((2, 3))
    for f in (lambda a: a.T, lambda a: a.mT, lambda a: a.swapaxes(0, 1)):
        np_a, ox_a = twin((2, 3))
        f(np_a)[2, 0] = -1
        f(ox_a)[2, 0] = -1
        assert_same(ox_a, np_a)
    np_a, ox_a = twin((2, 3))
    np.permute_dims(np_a, (1, 0))[0, 1] = -5
    ox.permute_dims(ox_a, (1, 0))[0, 1] = -5
    assert_same(ox_a, np_a)


@pytest.mark.parametrize("a1,a2", [(0, 1), (0, 2), (-1, 0), (1, 1), (2, -3)])
def test_swapaxes(a1, a2):
    np_a, ox_a = twin((2, 3, 4))
    n, o = np_a.swapaxes(a1, a2), ox_a.swapaxes(a1, a2)
    assert_same(o, n)
    assert o.strides == n.strides
    assert_same(ox.swapaxes(ox_a, a1, a2), np.swapaxes(np_a, a1, a2))


@pytest.mark.parametrize("src,dst", [(0, -1), (-1, 0), (1, 1), (0, 2), ([0, 1], [-1, -2]),
                                     ((0, 2), (2, 0)), ([], []), ([0, 1, 2], [2, 0, 1])])
def test_moveaxis(src, dst):
    np_a, ox_a = twin((2, 3, 4))
    n, o = np.moveaxis(np_a, src, dst), ox.moveaxis(ox_a, src, dst)
    assert_same(o, n)
    assert o.strides == n.strides
    same_sharing(o, ox_a, n, np_a)


# ---------------------------------------------------------------------------
# squeeze / expand_dims
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("axis", [None, 0, 2, -1, (0, 2), (2, 0), (), (-1, 0)])
def test_squeeze(axis):
    np_a, ox_a = twin((1, 3, 1))
    n, o = np_a.squeeze(axis), ox_a.squeeze(axis)
    assert_same(o, n)
    assert_same(ox.squeeze(ox_a, axis), np.squeeze(np_a, axis))
    same_sharing(o, ox_a, n, np_a)


def test_squeeze_writes_through_and_zero_size():
    np_a, ox_a = twin((1, 2, 1, 3))
    np_a.squeeze()[1, 1] = 77
    ox_a.squeeze()[1, 1] = 77
    assert_same(ox_a, np_a)
    np_z, ox_z = twin((1, 0, 1))
    assert_same(ox_z.squeeze(), np_z.squeeze())


def test_squeeze_0d():
    assert_same(ox.zeros(()).squeeze(), np.zeros(()).squeeze())
    assert_same(ox.zeros(()).squeeze(()), np.zeros(()).squeeze(()))


def test_squeeze_0d_axis0_accepted_like_numpy():
    # NumPy accepts axis=0 (and -1) for 0-d arrays in squeeze.
    assert_same(ox.zeros(()).squeeze(0), np.zeros(()).squeeze(0))


@pytest.mark.parametrize("axis", [0, 1, 3, -1, -4, (0, 2), (-1, -3), (0, 1, 2), (0, -1)])
def test_expand_dims(axis):
    np_a, ox_a = twin((2, 3, 4))
    n, o = np.expand_dims(np_a, axis), ox.expand_dims(ox_a, axis)
    assert_same(o, n)
    assert meaningful_strides(o) == meaningful_strides(n)
    assert o.flags.c_contiguous == n.flags.c_contiguous
    same_sharing(o, ox_a, n, np_a)


def test_expand_dims_0d_and_write_through():
    assert_same(ox.expand_dims(ox.array(3), 0), np.expand_dims(np.array(3), 0))
    assert_same(ox.expand_dims(ox.array(3), (0, 1)), np.expand_dims(np.array(3), (0, 1)))
    np_a, ox_a = twin((2, 3))
    np.expand_dims(np_a, 1)[1, 0, 2] = 50
    ox.expand_dims(ox_a, 1)[1, 0, 2] = 50
    assert_same(ox_a, np_a)


def test_strides_of_length_one_axes_match_numpy():
    # Strides of length-1 axes do not address memory, but they are visible through
    # .strides and NumPy never reports 0 for them in these cases.
    np_a, ox_a = twin((2, 3, 4))
    assert ox.expand_dims(ox_a, 0).strides == np.expand_dims(np_a, 0).strides
    assert ox.expand_dims(ox_a, -1).strides == np.expand_dims(np_a, -1).strides
    assert ox.array(ox_a, ndmin=4).strides == np.array(np_a, ndmin=4).strides
    assert ox.ascontiguousarray(5).strides == np.ascontiguousarray(5).strides
    assert (ox.arange(3).reshape(1, 3).T.copy(order="K").strides
            == np.arange(3).reshape(1, 3).T.copy(order="K").strides)


def test_strides_of_zero_size_arrays_match_numpy():
    for shape in [(0,), (0, 5), (2, 0, 3)]:
        assert ox.zeros(shape).strides == np.zeros(shape).strides, shape
        assert ox.empty(shape, order="F").strides == np.empty(shape, order="F").strides, shape
    np_a, ox_a = twin((2, 3))
    assert ox_a[:, 3:].copy().strides == np_a[:, 3:].copy().strides


# ---------------------------------------------------------------------------
# broadcasting
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("src,shape", [((4,), (3, 4)), ((1,), (5,)), ((3, 1), (3, 4)), ((), (2, 2)),
                                       ((1, 4), (2, 3, 4)), ((4,), 4), ((0,), (3, 0)), ((1,), (0,)),
                                       ((2, 3), (2, 3))])
def test_broadcast_to(src, shape):
    np_a, ox_a = twin(src, "float32")
    n, o = np.broadcast_to(np_a, shape), ox.broadcast_to(ox_a, shape)
    assert_same(o, n)
    assert meaningful_strides(o) == meaningful_strides(n), (o.strides, n.strides)
    assert o.flags.writeable is False and n.flags.writeable is False
    same_sharing(o, ox_a, n, np_a)


def test_broadcast_to_read_only_and_scalar_input():
    o = ox.broadcast_to(ox.arange(3), (2, 3))
    with pytest.raises(ValueError):
        o[0, 0] = 5
    assert_same(ox.broadcast_to(5, (2,)), np.broadcast_to(5, (2,)))
    assert_same(ox.broadcast_to([1, 2], (3, 2)), np.broadcast_to([1, 2], (3, 2)))


def test_broadcast_arrays():
    pairs = [((3,), (2, 1)), ((1, 4), (3, 1)), ((2, 3), (2, 3)), ((), (2,)), ((0,), (1,)), ((5, 1, 3), (4, 1))]
    for s1, s2 in pairs:
        n1, o1 = twin(s1)
        n2, o2 = twin(s2, "float64")
        rn, ro = np.broadcast_arrays(n1, n2), ox.broadcast_arrays(o1, o2)
        assert len(rn) == len(ro) == 2
        for o, n in zip(ro, rn):
            assert_same(o, n)
            assert meaningful_strides(o) == meaningful_strides(n), (o.strides, n.strides)
    assert ox.broadcast_arrays() == () == np.broadcast_arrays()
    (single,) = ox.broadcast_arrays(ox.arange(3))
    assert_same(single, np.arange(3))


@pytest.mark.parametrize("shapes", [((1, 3), (2, 1)), ((3,), (4, 1, 3)), (), ((2,),), (3, (2, 1)),
                                    ((0,), (1,)), ((1, 0), (5, 1)), ((), ()), ((2, 1, 3), (1, 4, 1), (4, 3))])
def test_broadcast_shapes(shapes):
    assert ox.broadcast_shapes(*shapes) == np.broadcast_shapes(*shapes)


# ---------------------------------------------------------------------------
# flip
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("axis", [None, 0, 1, 2, -1, (0, 2), (), (1,)])
def test_flip(axis):
    np_a, ox_a = twin((2, 3, 4))
    n, o = np.flip(np_a, axis), ox.flip(ox_a, axis)
    assert_same(o, n)
    assert o.strides == n.strides
    same_sharing(o, ox_a, n, np_a)
    n[0, 0, 0] = -1
    o[0, 0, 0] = -1
    assert_same(ox_a, np_a)


def test_flip_zero_size():
    np_a, ox_a = twin((2, 0))
    assert_same(ox.flip(ox_a), np.flip(np_a))
    assert_same(ox.flip(ox_a, 1), np.flip(np_a, 1))


def test_flip_0d():
    assert_same(ox.flip(ox.array(3.0)), np.flip(np.array(3.0)))


# ---------------------------------------------------------------------------
# ravel / flatten / copy
# ---------------------------------------------------------------------------

FLAT_VIEWS = {
    "c": ((2, 3, 4), lambda a: a),
    "T": ((2, 3, 4), lambda a: a.T),
    "permuted": ((2, 3, 4), lambda a: a.transpose(1, 0, 2)),
    "reversed": ((2, 3, 4), lambda a: a[:, ::-1]),
    "stepped": ((2, 3, 4), lambda a: a[::-1, :, ::2]),
    "T-stepped": ((2, 3, 4), lambda a: a.T[::2]),
    "perm-reversed": ((2, 3, 4), lambda a: a.transpose(2, 0, 1)[:, ::-1]),
    "1d-neg": ((7,), lambda a: a[::-2]),
    "0d": ((), lambda a: a),
    "empty-T": ((3, 0), lambda a: a.T),
}


@pytest.mark.parametrize("order", ["C", "F", "A", "K"])
@pytest.mark.parametrize("view", list(FLAT_VIEWS))
def test_ravel_flatten(order, view):
    shape, f = FLAT_VIEWS[view]
    n, o, np_a, ox_a = twin(shape, "int32", f)
    rn, ro = n.ravel(order), o.ravel(order)
    assert_same(ro, rn)
    # ravel returns a *contiguous* flattened array (a view only when that is possible)
    assert ro.flags.c_contiguous == rn.flags.c_contiguous is True
    same_sharing(ro, ox_a, rn, np_a)
    assert_same(ox.ravel(o, order=order), np.ravel(n, order=order))
    fn, fo = n.flatten(order), o.flatten(order)
    assert_same(fo, fn)
    assert fo.flags.owndata
    assert not ox.may_share_memory(fo, ox_a)


@pytest.mark.parametrize("order", ["C", "F", "A", "K"])
@pytest.mark.parametrize("view", list(FLAT_VIEWS))
def test_copy_orders(order, view):
    shape, f = FLAT_VIEWS[view]
    n, o, np_a, ox_a = twin(shape, "float64", f)
    for cn, co in [(n.copy(order=order), o.copy(order=order)),
                   (np.copy(n, order=order), ox.copy(o, order=order))]:
        assert_same(co, cn)
        assert_layout(co, cn)
        assert co.flags.owndata and co.base is None
        assert not ox.may_share_memory(co, ox_a)
    assert_same(o.copy(), n.copy())
    assert o.copy().flags.c_contiguous
    assert_layout(ox.copy(o), np.copy(n))


def test_copy_is_independent():
    np_a, ox_a = twin((2, 3))
    c = ox_a.copy()
    c[0, 0] = 100
    assert_same(ox_a, np_a)


# ---------------------------------------------------------------------------
# astype / ascontiguousarray / asfortranarray
# ---------------------------------------------------------------------------

def _warning_types(call):
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        result = call()
    return result, [type(w.message) for w in rec]


@pytest.mark.parametrize("src", ALL_DTYPES)
@pytest.mark.parametrize("dst", ALL_DTYPES)
def test_astype_values(src, dst):
    np_a, ox_a = twin((2, 3), src)
    n, np_warnings = _warning_types(lambda: np_a.astype(dst))
    o, ox_warnings = _warning_types(lambda: ox_a.astype(dst))
    assert_same(o, n)
    # warnings (NumPy's ComplexWarning) are compared in test_astype_complex_to_real_warns
    assert not [w for w in ox_warnings if not issubclass(w, ox.ComplexWarning)]


def test_astype_complex_to_real_warns():
    # NumPy warns with ComplexWarning whenever a cast discards the imaginary part.
    seen = {}
    for src in ("complex64", "complex128"):
        for dst in ALL_DTYPES:
            np_a, ox_a = twin((3,), src)
            _, np_warnings = _warning_types(lambda: np_a.astype(dst))
            _, ox_warnings = _warning_types(lambda: ox_a.astype(dst))
            expected = [ox.ComplexWarning if w is np.exceptions.ComplexWarning else w for w in np_warnings]
            seen[(src, dst)] = (ox_warnings, expected)
    wrong = {k: v for k, v in seen.items() if v[0] != v[1]}
    assert not wrong, wrong


@pytest.mark.parametrize("order", ["C", "F", "A", "K"])
@pytest.mark.parametrize("view", ["c", "T", "stepped"])
def test_astype_order(order, view):
    views = {"c": lambda a: a, "T": lambda a: a.T, "stepped": lambda a: a.T[::2]}
    n, o, _, _ = twin((4, 6), "int16", views[view])
    rn, ro = n.astype("float32", order=order), o.astype("float32", order=order)
    assert_same(ro, rn)
    assert_layout(ro, rn)


def test_astype_copy_keyword():
    np_a, ox_a = twin((2, 3))
    assert (ox_a.astype("int64") is ox_a) == (np_a.astype("int64") is np_a) is False
    assert (ox_a.astype("int64", copy=False) is ox_a) == (np_a.astype("int64", copy=False) is np_a) is True
    assert ((ox_a.astype("int64", copy=False, order="F") is ox_a)
            == (np_a.astype("int64", copy=False, order="F") is np_a))
    r = ox_a.astype("float64", copy=False)
    assert_same(r, np_a.astype("float64", copy=False))
    assert not ox.may_share_memory(r, ox_a)
    c = ox_a.astype("int64")
    c[0, 0] = 9
    assert_same(ox_a, np_a)


@pytest.mark.parametrize("casting", ["no", "equiv", "safe", "same_kind", "unsafe"])
@pytest.mark.parametrize("dst", ["int8", "int64", "uint64", "float32", "float64", "complex128"])
def test_astype_casting(casting, dst):
    np_a, ox_a = twin((4,), "int64")
    try:
        expected = np_a.astype(dst, casting=casting)
    except TypeError:
        raises_like(lambda: np_a.astype(dst, casting=casting), lambda: ox_a.astype(dst, casting=casting))
    else:
        assert_same(ox_a.astype(dst, casting=casting), expected)


@pytest.mark.parametrize("view", ["c", "T", "stepped", "0d"])
def test_ascontiguous_asfortran(view):
    views = {"c": lambda a: a, "T": lambda a: a.T, "stepped": lambda a: a[:, ::2], "0d": lambda a: a[0, 0]}
    n, o, _, _ = twin((3, 4), "float32", views[view])
    for fn in ("ascontiguousarray", "asfortranarray"):
        rn, ro = getattr(np, fn)(n), getattr(ox, fn)(o)
        assert_same(ro, rn)
        assert_layout(ro, rn)
        if isinstance(o, ox.ndarray):
            assert (ro is o) == (rn is n)
            assert ox.may_share_memory(ro, o) == np.may_share_memory(rn, n)
    assert_same(ox.ascontiguousarray(o, dtype="float64"), np.ascontiguousarray(n, dtype="float64"))
    assert_same(ox.asfortranarray([[1, 2], [3, 4]]), np.asfortranarray([[1, 2], [3, 4]]))


# ---------------------------------------------------------------------------
# view(dtype), real / imag
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("src", ALL_DTYPES)
@pytest.mark.parametrize("dst", ALL_DTYPES)
def test_view_dtype(src, dst):
    np_a, ox_a = twin((2, 4), src)
    try:
        n = np_a.view(dst)
    except ValueError:
        raises_like(lambda: np_a.view(dst), lambda: ox_a.view(dst))
        return
    if dst == "bool":
        # Reinterpreting arbitrary bytes as bool is not well-defined; compare raw bytes.
        assert ox_a.view(dst).shape == n.shape
        assert_same(ox_a.view(dst).view("uint8"), n.view("uint8"))
        return
    o = ox_a.view(dst)
    assert_same(o, n)
    assert o.strides == n.strides
    assert o.base is ox_a and n.base is np_a


def test_view_writes_through_and_noncontiguous():
    np_a, ox_a = twin((2, 3), "int64")
    n, o = np_a.view("float64"), ox_a.view("float64")
    n[0, 0] = 1.5
    o[0, 0] = 1.5
    assert_same(ox_a, np_a)
    n, o = np_a.view("int32"), ox_a.view("int32")
    assert_same(o, n)
    o[1, 1] = 7
    n[1, 1] = 7
    assert_same(ox_a, np_a)
    raises_like(lambda: np_a.T.view("int32"), lambda: ox_a.T.view("int32"))
    assert_same(ox_a.T.view("uint64"), np_a.T.view("uint64"))
    assert_same(ox_a[:, :2].view("int32"), np_a[:, :2].view("int32"))
    assert_same(ox_a.view(), np_a.view())
    assert ox_a.view().base is ox_a


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_real_imag(dtype):
    np_a, ox_a = twin((2, 3), dtype)
    if np.dtype(dtype).kind == "c":
        np_a = np_a + np_a.real.astype(dtype) * 1j * 2
        ox_a = ox.array(np_a.tolist(), dtype=dtype)
    assert_same(ox_a.real, np_a.real)
    assert_same(ox_a.imag, np_a.imag)
    assert ox_a.real.strides == np_a.real.strides
    assert ox_a.imag.flags.writeable == np_a.imag.flags.writeable
    assert ox.may_share_memory(ox_a.imag, ox_a) == np.may_share_memory(np_a.imag, np_a)


@pytest.mark.parametrize("dtype", ["complex64", "complex128"])
def test_real_imag_are_views_for_complex(dtype):
    np_a, ox_a = twin((2, 3), dtype)
    np_a.imag[...] = 5
    ox_a.imag[...] = 5
    assert_same(ox_a, np_a)
    np_a.real[0, 1] = -3
    ox_a.real[0, 1] = -3
    assert_same(ox_a, np_a)
    assert ox_a.imag.base is ox_a
    np_a.imag = 2
    ox_a.imag = 2
    assert_same(ox_a, np_a)
    n, o = np_a[:, ::2].imag, ox_a[:, ::2].imag
    assert_same(o, n)
    assert o.strides == n.strides


def test_real_of_real_array_writes_through():
    np_a, ox_a = twin((3,), "float64")
    np_a.real[...] = 7
    ox_a.real[...] = 7
    assert_same(ox_a, np_a)
    assert (ox_a.real is ox_a) == (np_a.real is np_a)
    with pytest.raises(ValueError):
        ox_a.imag[0] = 1


# ---------------------------------------------------------------------------
# fill / tolist / item / len / iteration
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("value", [0, 1, 2.75, True])
def test_fill(dtype, value):
    np_a, ox_a = twin((2, 3), dtype)
    np_a.fill(value)
    assert ox_a.fill(value) is None
    assert_same(ox_a, np_a)


def test_fill_on_views():
    np_a, ox_a = twin((3, 4))
    np_a.T[::2].fill(-1)
    ox_a.T[::2].fill(-1)
    assert_same(ox_a, np_a)
    np_a[::-1, 1].fill(9)
    ox_a[::-1, 1].fill(9)
    assert_same(ox_a, np_a)
    z = ox.zeros((0, 3))
    z.fill(1)
    assert z.shape == (0, 3)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("shape", [(), (3,), (2, 3), (2, 0), (1, 2, 2)])
def test_tolist(dtype, shape):
    np_a, ox_a = twin(shape, dtype)
    on, oo = np_a.tolist(), ox_a.tolist()
    assert oo == on
    flat_n, flat_o = np.ravel(np_a).tolist(), ox_a.ravel().tolist()
    assert [type(x) for x in flat_o] == [type(x) for x in flat_n]
    assert ox_a.T.tolist() == np_a.T.tolist()


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_item_forms(dtype):
    np_a, ox_a = twin((2, 3, 4), dtype)
    for args in [(5,), (-1,), (0,), (23,), (1, 2, 3), ((1, 2, 3),), (0, -1, -2), ((0, 0, 0),)]:
        assert_same(ox_a.item(*args), np_a.item(*args))
    assert_same(ox_a.T.item(5), np_a.T.item(5))
    assert_same(ox_a[1, ::-1].item(0), np_a[1, ::-1].item(0))
    np_one, ox_one = twin((1, 1), dtype)
    assert_same(ox_one.item(), np_one.item())
    np_0d, ox_0d = twin((), dtype)
    assert_same(ox_0d.item(), np_0d.item())
    assert_same(ox_0d.item(()), np_0d.item(()))
    assert_same(ox_0d.item(0), np_0d.item(0))


def test_len():
    for shape in [(5,), (2, 3), (0, 3), (3, 0), (1,)]:
        np_a, ox_a = twin(shape)
        assert len(ox_a) == len(np_a)
        assert len(ox_a.T) == len(np_a.T)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_iteration(dtype):
    np_a, ox_a = twin((4,), dtype)
    items_o, items_n = list(ox_a), list(np_a)
    assert len(items_o) == len(items_n)
    for o, n in zip(items_o, items_n):
        assert_same(o, n)
    np_b, ox_b = twin((2, 3, 2), dtype)
    rows_o, rows_n = list(ox_b.T), list(np_b.T)
    assert len(rows_o) == len(rows_n)
    for o, n in zip(rows_o, rows_n):
        assert_same(o, n)
        assert ox.may_share_memory(o, ox_b)
    assert list(ox.zeros((0, 3))) == [] == list(np.zeros((0, 3)))


# ---------------------------------------------------------------------------
# flags / base / attributes
# ---------------------------------------------------------------------------

FLAG_VIEWS = {
    "owner": lambda a: a,
    "reshape": lambda a: a.reshape(4, 6),
    "T": lambda a: a.T,
    "row": lambda a: a[1],
    "stepped": lambda a: a[:, ::2],
    "reversed": lambda a: a[::-1],
    "col": lambda a: a[:, 1:2],
    "first-row": lambda a: a[0:1],
}


@pytest.mark.parametrize("view", list(FLAG_VIEWS))
def test_flags(view):
    n, o, np_a, ox_a = twin((4, 6), "float32", FLAG_VIEWS[view])
    for name in ("c_contiguous", "f_contiguous", "owndata", "writeable", "aligned"):
        assert getattr(o.flags, name) == getattr(n.flags, name), name
    for key in ("C_CONTIGUOUS", "F_CONTIGUOUS", "OWNDATA", "WRITEABLE", "ALIGNED"):
        assert o.flags[key] == n.flags[key], key


def test_flags_writeable_settable():
    np_a, ox_a = twin((2, 3))
    ox_a.flags.writeable = False
    np_a.flags.writeable = False
    assert ox_a.flags.writeable is False
    raises_like(lambda: np_a.__setitem__((0, 0), 1), lambda: ox_a.__setitem__((0, 0), 1))
    raises_like(lambda: np_a.fill(1), lambda: ox_a.fill(1))
    v = ox_a[1:]
    assert v.flags.writeable is False
    raises_like(lambda: setattr(np_a[1:].flags, "writeable", True),
                lambda: setattr(v.flags, "writeable", True))
    ox_a.flags.writeable = True
    ox_a[0, 0] = 5
    assert ox_a[0, 0] == 5
    ox_a.flags["WRITEABLE"] = False
    assert not ox_a.flags.writeable
    raises_like(lambda: setattr(np_a.flags, "c_contiguous", False),
                lambda: setattr(ox_a.flags, "c_contiguous", False))


def test_base_collapses_to_owner():
    np_a, ox_a = np.arange(6), ox.arange(6)
    assert ox_a.base is None and np_a.base is None
    chains = [
        lambda a: a[1:],
        lambda a: a[1:][1:],
        lambda a: a.reshape(2, 3).T[::-1],
        lambda a: a.view("float64").reshape(3, 2),
        lambda a: a[::2][::-1],
        lambda a: a.reshape(2, 3)[1],
    ]
    for f in chains:
        assert (f(ox_a).base is ox_a) == (f(np_a).base is np_a) is True
    assert ox_a.copy().base is None
    c = ox.ascontiguousarray(ox_a.reshape(2, 3).T)
    assert not ox.may_share_memory(c, ox_a)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("shape", [(), (5,), (2, 3), (2, 0, 3), (3, 4, 2)])
def test_size_attributes(dtype, shape):
    np_a, ox_a = twin(shape, dtype)
    for attr in ("nbytes", "itemsize", "size", "ndim", "shape"):
        assert getattr(ox_a, attr) == getattr(np_a, attr), attr
    if np_a.size:
        assert ox_a.strides == np_a.strides
        assert ox_a.T.strides == np_a.T.strides
        assert ox.zeros(shape, dtype=dtype, order="F").strides == np.zeros(shape, dtype=dtype, order="F").strides
    if np_a.ndim >= 2:
        assert ox_a[:, ::2].nbytes == np_a[:, ::2].nbytes
        assert ox_a[:, ::2].size == np_a[:, ::2].size
    assert ox.shape(ox_a) == np.shape(np_a)
    assert ox.ndim(ox_a) == np.ndim(np_a)
    assert ox.size(ox_a) == np.size(np_a)


def test_module_shape_helpers_on_lists():
    assert ox.shape([[1, 2]]) == np.shape([[1, 2]])
    assert ox.ndim(5) == np.ndim(5)
    assert ox.size([1, 2, 3]) == np.size([1, 2, 3])
    assert ox.size(ox.zeros((2, 3)), 1) == np.size(np.zeros((2, 3)), 1)


def test_may_share_memory():
    np_a, ox_a = np.arange(6), ox.arange(6)
    pairs = [(lambda a: a[:3], lambda a: a[3:]), (lambda a: a[::2], lambda a: a[1::2]),
             (lambda a: a, lambda a: a.copy()), (lambda a: a[3:3], lambda a: a)]
    for f, g in pairs:
        assert ox.may_share_memory(f(ox_a), g(ox_a)) == np.may_share_memory(f(np_a), g(np_a))


def test_may_share_memory_of_empty_views():
    # A zero-size array addresses no memory, so NumPy never reports sharing for it.
    np_a, ox_a = np.arange(4), ox.arange(4)
    for f in (lambda a: a[1:1], lambda a: a[:0], lambda a: a[1:][:0], lambda a: a.reshape(2, 2)[:0, 1:]):
        assert ox.may_share_memory(f(ox_a), ox_a) == np.may_share_memory(f(np_a), np_a)


# ---------------------------------------------------------------------------
# hypothesis: random shapes, dtypes and stride patterns, twin-built
# ---------------------------------------------------------------------------

def _prime_factors(n):
    out, p = [], 2
    while n > 1:
        while n % p == 0:
            out.append(p)
            n //= p
        p += 1
    return out


@st.composite
def strided_twins(draw):
    ndim = draw(st.integers(0, 5))
    shape = tuple(draw(st.lists(st.integers(0, 4), min_size=ndim, max_size=ndim)))
    dtype = draw(st.sampled_from(ALL_DTYPES))
    n = math.prod(shape)
    np_owner = np.arange(n).reshape(shape).astype(dtype)
    ox_owner = ox.arange(n).reshape(shape).astype(dtype)
    np_v, ox_v = np_owner, ox_owner
    steps = []
    for _ in range(draw(st.integers(0, 3)) if ndim else 0):
        if draw(st.booleans()):
            idx = tuple(slice(draw(st.sampled_from([None, 0, 1, -1, -2, 2])),
                              draw(st.sampled_from([None, 0, 1, 3, -1, -3])),
                              draw(st.sampled_from([None, 1, 2, 3, -1, -2])))
                        for _ in range(np_v.ndim))
            np_v, ox_v = np_v[idx], ox_v[idx]
            steps.append(("slice", idx))
        else:
            perm = tuple(draw(st.permutations(range(np_v.ndim))))
            np_v, ox_v = np_v.transpose(perm), ox_v.transpose(perm)
            steps.append(("transpose", perm))
    return np_owner, ox_owner, np_v, ox_v, steps


@st.composite
def target_shapes(draw, size):
    ndim = draw(st.integers(0 if size == 1 else 1, 4))
    if ndim == 0:
        return ()
    dims = [1] * ndim
    if size == 0:
        dims[draw(st.integers(0, ndim - 1))] = 0
        for i in range(ndim):
            if dims[i] != 0:
                dims[i] = draw(st.integers(0, 3))
    else:
        for p in _prime_factors(size):
            dims[draw(st.integers(0, ndim - 1))] *= p
    if size != 0 and draw(st.booleans()):
        dims[draw(st.integers(0, ndim - 1))] = -1
    return tuple(dims)


@given(data=st.data(), twins=strided_twins())
def test_hypothesis_strided_views(data, twins):
    np_owner, ox_owner, n, o, _ = twins
    assert_same(o, n)
    assert_layout(o, n)
    same_sharing_nonempty(o, ox_owner, n, np_owner)
    assert (o.base is ox_owner) == (n.base is np_owner)
    assert o.flags.owndata == n.flags.owndata
    assert o.nbytes == n.nbytes and o.size == n.size and o.ndim == n.ndim


@given(data=st.data(), twins=strided_twins())
def test_hypothesis_reshape(data, twins):
    np_owner, ox_owner, n, o, _ = twins
    shape = data.draw(target_shapes(n.size))
    order = data.draw(st.sampled_from(["C", "F", "A"]))
    rn, ro = n.reshape(shape, order=order), o.reshape(shape, order=order)
    assert_same(ro, rn)
    same_sharing_nonempty(ro, ox_owner, rn, np_owner)
    if np.may_share_memory(rn, np_owner):
        assert_layout(ro, rn)
    try:
        expected = n.reshape(shape, order=order, copy=False)
    except ValueError:
        raises_like(lambda: n.reshape(shape, order=order, copy=False),
                    lambda: o.reshape(shape, order=order, copy=False))
    else:
        got = o.reshape(shape, order=order, copy=False)
        assert_same(got, expected)
        if n.size:
            assert ox.may_share_memory(got, o) == np.may_share_memory(expected, n)


@given(data=st.data(), twins=strided_twins())
def test_hypothesis_transpose(data, twins):
    np_owner, ox_owner, n, o, _ = twins
    axes = data.draw(st.one_of(st.none(), st.permutations(range(n.ndim)).map(tuple)))
    rn, ro = n.transpose(axes), o.transpose(axes)
    assert_same(ro, rn)
    if rn.size:
        assert ro.strides == rn.strides
    assert_layout(ro, rn)
    same_sharing_nonempty(ro, ox_owner, rn, np_owner)
    assert_same(o.T, n.T)
    if n.ndim >= 2:
        assert_same(o.mT, n.mT)


@given(data=st.data(), twins=strided_twins())
def test_hypothesis_ravel_flatten(data, twins):
    np_owner, ox_owner, n, o, _ = twins
    order = data.draw(st.sampled_from(["C", "F", "A", "K"]))
    rn, ro = n.ravel(order), o.ravel(order)
    assert_same(ro, rn)
    assert ro.flags.c_contiguous
    same_sharing_nonempty(ro, ox_owner, rn, np_owner)
    assert_same(o.flatten(order), n.flatten(order))


@given(data=st.data(), twins=strided_twins())
def test_hypothesis_copy(data, twins):
    _, ox_owner, n, o, _ = twins
    order = data.draw(st.sampled_from(["C", "F", "A", "K"]))
    cn, co = n.copy(order=order), o.copy(order=order)
    assert_same(co, cn)
    assert_layout(co, cn)
    assert co.flags.owndata
    assert not ox.may_share_memory(co, ox_owner)
    assert_same(ox.copy(o, order=order), np.copy(n, order=order))


@given(data=st.data(), twins=strided_twins())
def test_hypothesis_astype_and_tolist(data, twins):
    _, _, n, o, _ = twins
    if n.dtype.kind == "c":
        return
    dst = data.draw(st.sampled_from(ALL_DTYPES))
    order = data.draw(st.sampled_from(["C", "F", "A", "K"]))
    rn, ro = n.astype(dst, order=order), o.astype(dst, order=order)
    assert_same(ro, rn)
    assert_layout(ro, rn)
    assert o.tolist() == n.tolist()


@given(data=st.data(), twins=strided_twins())
def test_hypothesis_view_dtype(data, twins):
    np_owner, ox_owner, n, o, _ = twins
    dst = data.draw(st.sampled_from([d for d in ALL_DTYPES if d != "bool"]))
    try:
        expected = n.view(dst)
    except ValueError:
        raises_like(lambda: n.view(dst), lambda: o.view(dst))
        return
    got = o.view(dst)
    assert_same(got, expected)
    assert got.view(n.dtype).tolist() == o.tolist()
    if expected.size:
        assert got.strides == expected.strides
        same_sharing_nonempty(got, ox_owner, expected, np_owner)


@given(data=st.data(), twins=strided_twins())
def test_hypothesis_axis_views(data, twins):
    np_owner, ox_owner, n, o, _ = twins
    nd = n.ndim
    ops = [
        ("expand0", lambda m, a: m.expand_dims(a, 0)),
        ("expand-last", lambda m, a: m.expand_dims(a, -1)),
        ("squeeze", lambda m, a: a.squeeze()),
        ("broadcast", lambda m, a: m.broadcast_to(a, (2,) + a.shape)),
    ]
    if nd:  # flip of a 0-d array is covered by test_flip_0d
        ops.append(("flip-all", lambda m, a: m.flip(a)))
        ax1 = data.draw(st.integers(-nd, nd - 1))
        ax2 = data.draw(st.integers(-nd, nd - 1))
        ops += [
            ("flip-axis", lambda m, a: m.flip(a, ax1)),
            ("swapaxes", lambda m, a: a.swapaxes(ax1, ax2)),
            ("moveaxis", lambda m, a: m.moveaxis(a, ax1, ax2)),
        ]
    for name, f in ops:
        rn, ro = f(np, n), f(ox, o)
        assert_same(ro, rn)
        assert meaningful_strides(ro) == meaningful_strides(rn), (name, ro.strides, rn.strides)
        same_sharing_nonempty(ro, ox_owner, rn, np_owner)


# ---------------------------------------------------------------------------
# 100 dimensions (beyond NumPy's 64: self-consistency, no oracle)
# ---------------------------------------------------------------------------

def test_hundred_dimensions():
    shape = (1,) * 99 + (2,)
    a = ox.zeros(shape)
    assert a.shape == shape
    assert a.ndim == 100
    assert a.size == 2 and a.nbytes == 16
    assert len(a.strides) == 100
    assert a.strides[-1] == 8
    assert a.flags.c_contiguous and a.flags.f_contiguous
    idx = (0,) * 99 + (1,)
    assert a[idx] == 0.0
    a[idx] = 5.0
    assert a[idx] == 5.0
    assert a.item(1) == 5.0
    assert a.item(idx) == 5.0
    flat = a.reshape(2)
    assert flat.shape == (2,)
    assert flat.tolist() == [0.0, 5.0]
    assert ox.may_share_memory(flat, a)
    back = flat.reshape(shape)
    assert back.shape == shape
    assert back[idx] == 5.0
    t = a.transpose()
    assert t.shape == tuple(reversed(shape))
    assert t[(1,) + (0,) * 99] == 5.0
    assert t.strides == tuple(reversed(a.strides))
    c = a.copy()
    assert c.shape == shape and c.flags.owndata
    assert not ox.may_share_memory(c, a)
    c[idx] = 7.0
    assert a[idx] == 5.0 and c[idx] == 7.0
    r = repr(a)
    assert "array(" in r
    assert str(a).count("[") == 100
    assert a.ravel().tolist() == [0.0, 5.0]
    assert a.squeeze().shape == (2,)
    assert ox.expand_dims(a, 0).ndim == 101
    nested = a.tolist()
    for _ in range(99):
        nested = nested[0]
    assert nested == [0.0, 5.0]


def test_hundred_dimensions_non_trivial_layout():
    shape = (2,) + (1,) * 98 + (3,)
    a = ox.arange(6).reshape(shape)
    assert a.ndim == 100
    assert a.reshape(2, 3).tolist() == [[0, 1, 2], [3, 4, 5]]
    assert a.transpose().reshape(3, 2).tolist() == [[0, 3], [1, 4], [2, 5]]
    assert a.copy(order="F").reshape(6, order="F").tolist() == [0, 3, 1, 4, 2, 5]
    assert ox.flip(a).reshape(6).tolist() == [5, 4, 3, 2, 1, 0]
    assert a.swapaxes(0, 99).shape == (3,) + (1,) * 98 + (2,)
    assert ox.moveaxis(a, 0, -1).reshape(3, 2).tolist() == [[0, 3], [1, 4], [2, 5]]
    assert a.astype("float32").ravel().tolist() == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    assert to_numpy(a.reshape(2, 3)).tolist() == [[0, 1, 2], [3, 4, 5]]


@pytest.mark.parametrize("view", list(FLAT_VIEWS))
def test_copy_module_on_arrays(view):
    import copy as copy_module
    shape, f = FLAT_VIEWS[view]
    n, o, np_a, ox_a = twin(shape, "float64", f)
    for fn in (copy_module.copy, copy_module.deepcopy):
        cn, co = fn(n), fn(o)
        assert_same(co, cn)
        assert co.flags.owndata and co.base is None
        assert co.flags.c_contiguous == cn.flags.c_contiguous
        assert co.flags.f_contiguous == cn.flags.f_contiguous
        assert not ox.may_share_memory(co, ox_a)
