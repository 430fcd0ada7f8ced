"""Python subclasses of ndarray: the ``ndarray(shape, dtype, buffer, offset, strides, order)``
constructor, ``view(type)``, which operations keep ``type(self)``, and when
``__array_finalize__`` runs -- each answer compared with NumPy's for twin subclasses."""

import copy as copymod
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import oxarray as ox
from conftest import ALL_DTYPES, assert_same, raises_like


def make_classes(base):
    """A plain subclass and one in NumPy's documented ``InfoArray`` style."""

    class Plain(base):
        pass

    class Info(base):
        def __new__(cls, shape, dtype=float, buffer=None, offset=0, strides=None, order=None,
                    info=None):
            obj = super().__new__(cls, shape, dtype, buffer, offset, strides, order)
            obj.info = info
            return obj

        def __array_finalize__(self, obj):
            # Records what the new array was made from (its type name, or None).
            self.src = None if obj is None else type(obj).__name__
            self.info = getattr(obj, "info", None)

    return Plain, Info


NP_PLAIN, NP_INFO = make_classes(np.ndarray)
OX_PLAIN, OX_INFO = make_classes(ox.ndarray)


def pair(kind, shape=(2, 3), dtype="float64"):
    """The same subclass instance (values arange) for NumPy and oxarray."""
    n = math.prod(shape)
    np_base = np.arange(n).astype(dtype).reshape(shape)
    ox_base = ox.arange(n).astype(dtype).reshape(shape)
    if kind == "plain":
        return np_base.view(NP_PLAIN), ox_base.view(OX_PLAIN)
    np_a, ox_a = np_base.view(NP_INFO), ox_base.view(OX_INFO)
    np_a.info = ox_a.info = "tag"
    return np_a, ox_a


# Operations given the array and its library: views, layout operations, copies, and the
# module-level functions (some keep the subclass, some -- subok=False -- do not).
OPS = {
    "slice": lambda x, lib: x[1:],
    "row": lambda x, lib: x[0],
    "ellipsis": lambda x, lib: x[...],
    "newaxis": lambda x, lib: x[None],
    "fancy": lambda x, lib: x[[0, 1]],
    "bool_mask": lambda x, lib: x[lib.array([True, False])],
    "scalar": lambda x, lib: x[0, 0],
    "zero_d": lambda x, lib: x[0, 0, ...],
    "reshape": lambda x, lib: x.reshape(3, 2),
    "reshape_copy": lambda x, lib: x.T.reshape(6),
    "reshape_copy_true": lambda x, lib: x.reshape(6, copy=True),
    "T": lambda x, lib: x.T,
    "mT": lambda x, lib: x.mT,
    "transpose": lambda x, lib: x.transpose(1, 0),
    "swapaxes": lambda x, lib: x.swapaxes(0, 1),
    "squeeze": lambda x, lib: x[None].squeeze(),
    "ravel": lambda x, lib: x.ravel(),
    "ravel_copy": lambda x, lib: x.T.ravel(),
    "flatten": lambda x, lib: x.flatten(),
    "copy": lambda x, lib: x.copy(),
    "copy_F": lambda x, lib: x.copy(order="F"),
    "astype": lambda x, lib: x.astype("float32"),
    "astype_subok_false": lambda x, lib: x.astype("float32", subok=False),
    "astype_no_copy": lambda x, lib: x.astype(x.dtype, copy=False),
    "view": lambda x, lib: x.view(),
    "view_dtype": lambda x, lib: x.view("int64"),
    "view_ndarray": lambda x, lib: x.view(lib.ndarray),
    "real": lambda x, lib: x.real,
    "imag": lambda x, lib: x.imag,
    "copy.copy": lambda x, lib: copymod.copy(x),
    "copy.deepcopy": lambda x, lib: copymod.deepcopy(x),
    "asarray": lambda x, lib: lib.asarray(x),
    "array": lambda x, lib: lib.array(x),
    "array_subok": lambda x, lib: lib.array(x, subok=True),
    "array_ndmin": lambda x, lib: lib.array(x, copy=False, ndmin=3),
    "array_ndmin_subok": lambda x, lib: lib.array(x, copy=False, ndmin=3, subok=True),
    "zeros_like": lambda x, lib: lib.zeros_like(x),
    "ones_like": lambda x, lib: lib.ones_like(x),
    "full_like": lambda x, lib: lib.full_like(x, 7),
    "zeros_like_nosub": lambda x, lib: lib.zeros_like(x, subok=False),
    "empty_like_shape": lambda x, lib: lib.empty_like(x, shape=(4,)).shape,
    "broadcast_to": lambda x, lib: lib.broadcast_to(x, (2, 2, 3)),
    "broadcast_to_subok": lambda x, lib: lib.broadcast_to(x, (2, 2, 3), subok=True),
    "broadcast_arrays": lambda x, lib: lib.broadcast_arrays(x, x[:1])[1],
    "broadcast_arrays_subok": lambda x, lib: lib.broadcast_arrays(x, x[:1], subok=True)[1],
    "moveaxis": lambda x, lib: lib.moveaxis(x, 0, 1),
    "expand_dims": lambda x, lib: lib.expand_dims(x, 0),
    "flip": lambda x, lib: lib.flip(x),
    "permute_dims": lambda x, lib: lib.permute_dims(x, (1, 0)),
    "ascontiguousarray": lambda x, lib: lib.ascontiguousarray(x),
    "asfortranarray": lambda x, lib: lib.asfortranarray(x),
    "np_copy": lambda x, lib: lib.copy(x),
    "np_copy_subok": lambda x, lib: lib.copy(x, subok=True),
    "np_reshape": lambda x, lib: lib.reshape(x, 6),
    "np_transpose": lambda x, lib: lib.transpose(x),
    "np_ravel": lambda x, lib: lib.ravel(x),
    "np_swapaxes": lambda x, lib: lib.swapaxes(x, 0, 1),
}


def describe(r):
    """What must agree: the result's type name, and for the Info subclass the propagated
    ``info`` and the type of the object ``__array_finalize__`` last saw."""
    if not isinstance(r, (np.ndarray, ox.ndarray)):
        return (type(r).__name__,)
    return (type(r).__name__, getattr(r, "info", "-"), getattr(r, "src", "-"))


@pytest.mark.parametrize("kind", ["plain", "info"])
@pytest.mark.parametrize("name", sorted(OPS))
def test_type_preservation_matches_numpy(kind, name):
    np_a, ox_a = pair(kind)
    op = OPS[name]
    np_r, ox_r = op(np_a, np), op(ox_a, ox)
    if isinstance(np_r, tuple):
        assert np_r == ox_r
        return
    assert describe(ox_r) == describe(np_r)
    assert_same(ox_r, np_r)
    assert (ox_r is ox_a) == (np_r is np_a)


@pytest.mark.parametrize("name", ["slice", "T", "reshape", "view", "copy", "astype", "fancy"])
def test_plain_array_stays_plain(name):
    np_a, ox_a = np.arange(6.0).reshape(2, 3), ox.arange(6.0).reshape(2, 3)
    np_r, ox_r = OPS[name](np_a, np), OPS[name](ox_a, ox)
    assert type(np_r) is np.ndarray and type(ox_r) is ox.ndarray
    assert_same(ox_r, np_r)


@pytest.mark.parametrize("kind", ["plain", "info"])
def test_view_as_subclass(kind):
    np_cls, ox_cls = (NP_PLAIN, OX_PLAIN) if kind == "plain" else (NP_INFO, OX_INFO)
    np_a, ox_a = np.arange(6.0).reshape(2, 3), ox.arange(6.0).reshape(2, 3)
    for np_v, ox_v in [
        (np_a.view(np_cls), ox_a.view(ox_cls)),
        (np_a.view(type=np_cls), ox_a.view(type=ox_cls)),
        (np_a.view(dtype="int64", type=np_cls), ox_a.view(dtype="int64", type=ox_cls)),
        (np_a.view("float32", np_cls), ox_a.view("float32", ox_cls)),
        (np_a.view(dtype=np_cls), ox_a.view(dtype=ox_cls)),
    ]:
        assert type(ox_v) is ox_cls and type(np_v) is np_cls
        assert describe(ox_v) == describe(np_v)
        assert_same(ox_v, np_v)
        assert (ox_v.base is ox_a) == (np_v.base is np_a)
        assert isinstance(ox_v, ox.ndarray)
        assert ox.may_share_memory(ox_v, ox_a)
    # The dtype-only view is still supported.
    assert_same(ox_a.view(ox.float32), np_a.view(np.float32))


@pytest.mark.parametrize(
    "args",
    [
        ("int", None),
        (None, int),
        ("sub", "sub"),
        (None, "dtype_obj"),
        (None, None),  # an explicit type=None is refused, as in NumPy
        ("sub", None),
    ],
)
def test_view_type_errors(args):
    def call(lib, cls):
        def conv(v):
            return {"sub": cls, "int": int, "dtype_obj": lib.dtype("f8")}.get(v, v)
        d, t = (conv(v) for v in args)
        return lib.arange(4.0).view(d, t)

    raises_like(lambda: call(np, NP_PLAIN), lambda: call(ox, OX_PLAIN))
    raises_like(lambda: np.arange(2.0).view(type=None), lambda: ox.arange(2.0).view(type=None))


def test_views_of_views_and_base():
    np_a, ox_a = pair("plain")
    np_v, ox_v = np_a[1:][:, 1:], ox_a[1:][:, 1:]
    # A chain of same-type views collapses onto the first array of another type.
    assert type(ox_v.base) is type(ox_a) and type(np_v.base) is type(np_a)
    assert (ox_v.base is ox_a) == (np_v.base is np_a)
    np_p, ox_p = np.asarray(np_v), ox.asarray(ox_v)
    assert type(ox_p) is ox.ndarray and type(np_p) is np.ndarray
    assert (ox_p.base is ox_v) == (np_p.base is np_v)


def test_subclass_instance_dict_isinstance_and_repr():
    np_s, ox_s = NP_PLAIN((2, 2)), OX_PLAIN((2, 2))
    assert isinstance(ox_s, ox.ndarray) and type(ox_s) is OX_PLAIN
    ox_s.note = 5
    np_s.note = 5
    assert ox_s.__dict__ == np_s.__dict__ == {"note": 5}
    for kind in ("plain", "info"):
        np_a, ox_a = pair(kind)
        assert repr(ox_a) == repr(np_a) and str(ox_a) == str(np_a)
        assert repr(ox_a[0, 0]).replace("oxarray.", "np.") == repr(np_a[0, 0])
    assert repr(ox.zeros((2, 2)).view(OX_PLAIN)) == "Plain([[0., 0.],\n       [0., 0.]])"
    # Plain arrays have no instance dict, as in NumPy.
    with pytest.raises(AttributeError):
        ox.zeros(2).note = 1


def test_constructor_finalize_and_subclass_new():
    np_i, ox_i = NP_INFO((2,), info="x"), OX_INFO((2,), info="x")
    assert describe(ox_i) == describe(np_i) == ("Info", "x", None)
    np_v, ox_v = np_i[:1], ox_i[:1]
    assert describe(ox_v) == describe(np_v) == ("Info", "x", "Info")
    # Views never call the subclass's __new__ (it takes other arguments).
    assert describe(ox_i.reshape(2, 1)) == describe(np_i.reshape(2, 1))


def test_finalize_none_and_errors_propagate():
    class NoFinalize(ox.ndarray):
        __array_finalize__ = None

    assert type(NoFinalize((2,))[:1]) is NoFinalize

    class Boom(ox.ndarray):
        def __array_finalize__(self, obj):
            if obj is not None:
                raise KeyError("boom")

    b = Boom((3,))
    with pytest.raises(KeyError):
        b[1:]
    # ndarray's own __array_finalize__ is a callable no-op, as NumPy's.
    assert ox.zeros(2).__array_finalize__(None) is None

    class Super(ox.ndarray):
        def __array_finalize__(self, obj):
            super().__array_finalize__(obj)
            self.seen = obj is not None

    assert Super((2,)).seen is False and Super((2,))[:1].seen is True


# --- the constructor ------------------------------------------------------------------


def same_layout(o, n):
    assert type(o).__name__ == type(n).__name__.replace("ndarray", "ndarray")
    assert o.shape == n.shape and o.strides == n.strides and o.dtype.str == n.dtype.str
    for flag in ("c_contiguous", "f_contiguous", "writeable", "owndata"):
        assert getattr(o.flags, flag) == getattr(n.flags, flag), flag


shapes = st.lists(st.integers(0, 4), min_size=0, max_size=4).map(tuple)


@given(shape=shapes, dtype=st.sampled_from(ALL_DTYPES), order=st.sampled_from([None, "C", "F", "A", "K"]))
def test_constructor_matches_numpy_layout(shape, dtype, order):
    np_a = np.ndarray(shape, dtype=dtype, order=order)
    ox_a = ox.ndarray(shape, dtype=dtype, order=order)
    same_layout(ox_a, np_a)
    same_layout(OX_PLAIN(shape, dtype, order=order), NP_PLAIN(shape, dtype, order=order))
    assert type(OX_PLAIN(shape, dtype)) is OX_PLAIN


@given(
    shape=st.lists(st.integers(1, 3), min_size=1, max_size=3).map(tuple),
    dtype=st.sampled_from(ALL_DTYPES),
    perm=st.randoms(use_true_random=False),
)
def test_constructor_with_strides_matches_numpy(shape, dtype, perm):
    itemsize = np.dtype(dtype).itemsize
    axes = list(range(len(shape)))
    perm.shuffle(axes)
    # Strides of a permuted C layout: a valid, non-standard layout of exactly nbytes.
    strides = [0] * len(shape)
    step = itemsize
    for ax in reversed(axes):
        strides[ax] = step
        step *= shape[ax]
    np_a = np.ndarray(shape, dtype=dtype, strides=strides)
    ox_a = ox.ndarray(shape, dtype=dtype, strides=strides)
    same_layout(ox_a, np_a)


@given(
    n=st.integers(1, 12),
    dtype=st.sampled_from(["int8", "int16", "int32", "float64", "complex128"]),
    data=st.data(),
)
def test_constructor_over_array_buffer(n, dtype, data):
    itemsize = np.dtype(dtype).itemsize
    np_buf, ox_buf = np.arange(n, dtype="int64"), ox.arange(n, dtype="int64")
    nbytes = 8 * n
    count = data.draw(st.integers(0, nbytes // itemsize))
    offset = data.draw(st.integers(0, nbytes - count * itemsize)) // itemsize * itemsize
    np_a = np.ndarray((count,), dtype=dtype, buffer=np_buf, offset=offset)
    ox_a = ox.ndarray((count,), dtype=dtype, buffer=ox_buf, offset=offset)
    same_layout(ox_a, np_a)
    assert_same(ox_a, np_a)
    assert ox_a.base is ox_buf and np_a.base is np_buf
    if count:
        ox_a[0] = 1
        np_a[0] = 1
        assert_same(ox_buf, np_buf)


def test_constructor_buffer_layouts():
    np_b, ox_b = np.arange(10.0), ox.arange(10.0)
    cases = [
        dict(shape=(2, 2), offset=8, strides=(16, 8)),
        dict(shape=(2, 3), order="F"),
        dict(shape=(2,), offset=8, strides=(-8,)),
        dict(shape=(3,), strides=(0,)),
        dict(shape=(2, 2), buffer_view=lambda b: b[2:6]),
        dict(shape=(5,), buffer_view=lambda b: b.reshape(2, 5).T),
    ]
    for c in cases:
        c = dict(c)
        view = c.pop("buffer_view", lambda b: b)
        np_a = np.ndarray(buffer=view(np_b), **c)
        ox_a = ox.ndarray(buffer=view(ox_b), **c)
        same_layout(ox_a, np_a)
        assert_same(ox_a, np_a)
        assert (ox_a.base is ox_b) == (np_a.base is np_b)
    # A read-only buffer gives a read-only array.
    np_r, ox_r = np.arange(4.0), ox.arange(4.0)
    np_r.flags.writeable = False
    ox_r.flags.writeable = False
    same_layout(ox.ndarray((2,), buffer=ox_r), np.ndarray((2,), buffer=np_r))
    # A subclass over a buffer.
    s = OX_INFO((2,), buffer=ox_b, offset=16, info="b")
    assert type(s) is OX_INFO and s.info == "b" and s.tolist() == [2.0, 3.0]
    for np_buf, ox_buf in [(np.arange(4.0), ox.arange(4.0)),
                           (np.arange(4.0).view(NP_INFO), ox.arange(4.0).view(OX_INFO))]:
        np_s = NP_INFO((2,), buffer=np_buf, offset=8, info="b")
        ox_s = OX_INFO((2,), buffer=ox_buf, offset=8, info="b")
        assert describe(ox_s) == describe(np_s)
        assert type(ox_s.base).__name__ == type(np_s.base).__name__
        assert_same(ox_s, np_s)


ERRORS = [
    dict(shape=(-1,)),
    dict(shape=(2, -3)),
    dict(shape="a"),
    dict(shape=2.0),
    dict(shape=(2,), order="X"),
    dict(shape=(2,), dtype="zz"),
    dict(shape=(2,), strides=(8, 8)),
    dict(shape=(2,), strides=(16,)),
    dict(shape=(2,), strides=(-8,)),
    dict(shape=(3,), buffer="array2", strides=(2**63 - 1,)),
    dict(shape=(2**62, 2**62)),
    dict(shape=(4,), buffer="array2"),
    dict(shape=(2,), buffer="array2", offset=8),
    dict(shape=(0,), buffer="array0", offset=8),
    dict(shape=(2,), buffer="array2", strides=(16,)),
    dict(shape=(2,), buffer="array2", strides=(-8,)),
    dict(shape=(1,), buffer="noncontig"),
    dict(shape=(2,), buffer=3),
]


@pytest.mark.parametrize("kw", ERRORS, ids=[str(e) for e in ERRORS])
def test_constructor_errors_match_numpy(kw):
    def call(lib):
        k = dict(kw)
        buffers = {
            "array2": lambda: lib.zeros(2),
            "array0": lambda: lib.zeros(0),
            "noncontig": lambda: lib.zeros((2, 3))[:, :2],
        }
        if isinstance(k.get("buffer"), str):
            k["buffer"] = buffers[k["buffer"]]()
        return lib.ndarray(**k)

    raises_like(lambda: call(np), lambda: call(ox))


@pytest.mark.parametrize("kw", [
    dict(shape=(5,), strides=(2**62,)),
    dict(shape=(5, 5), strides=(2**62, -(2**62))),
    dict(shape=(5,), strides=(2**62,), buffer="b"),
])
def test_constructor_refuses_wrapping_strides(kw):
    # Deliberate difference: NumPy's extent check wraps around 2**64 here and hands out an
    # array addressing memory it does not own; oxarray computes the extent exactly.
    k = dict(kw)
    if "buffer" in k:
        k["buffer"] = ox.zeros(8)
    with pytest.raises(ValueError, match="strides is incompatible"):
        ox.ndarray(**k)


def test_constructor_missing_shape_and_other_buffers():
    raises_like(lambda: np.ndarray(), lambda: ox.ndarray())
    # Python buffer objects are not imported on this branch: a clear TypeError.
    with pytest.raises(TypeError, match="bytes-like"):
        ox.ndarray((2,), buffer=b"\0" * 16)
    # A negative offset is refused (NumPy would address memory before the buffer).
    with pytest.raises(ValueError, match="offset"):
        ox.ndarray((1,), buffer=ox.zeros(2), offset=-8)
    with pytest.raises(MemoryError):
        ox.ndarray((2**40,))


def test_subclass_of_subclass_and_isinstance():
    class Sub2(OX_PLAIN):
        pass

    s = Sub2((3,))
    assert type(s[1:]) is Sub2 and isinstance(s, OX_PLAIN) and isinstance(s, ox.ndarray)
    assert type(s.view(OX_PLAIN)) is OX_PLAIN
    assert type(ox.zeros(3).view(Sub2).T) is Sub2
