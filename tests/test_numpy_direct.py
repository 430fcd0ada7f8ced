"""`asarray` / `from_dlpack` of an exact NumPy array read straight from NumPy's struct
(interchange/numpy_direct.rs): the same arrays, flags, errors and lifetimes as the buffer
protocol and DLPack capsule paths it replaces, and as NumPy."""

import gc
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from conftest import assert_same
from interchange_helpers import ANY_DTYPES, np_views, same_bits


class CapsuleOnly:
    """Not a NumPy array: `from_dlpack` must go through the capsule."""

    def __init__(self, n):
        self.n = n

    def __dlpack__(self, **kw):
        return self.n.__dlpack__(**kw)

    def __dlpack_device__(self):
        return self.n.__dlpack_device__()


def _maybe_readonly(n, ro):
    if ro and n.flags.writeable:
        n = n.view()
        n.flags.writeable = False
    return n


@settings(max_examples=150, deadline=None)
@given(np_views(dtypes=ANY_DTYPES), st.booleans())
def test_asarray_matches_buffer_path(n, ro):
    n = _maybe_readonly(n, ro)
    got = ox.asarray(n)
    ref = ox.asarray(memoryview(n))
    assert_same(got, n)
    same_bits(got, n)
    assert got.flags.writeable == n.flags.writeable
    assert got.dtype == ref.dtype and got.flags.writeable == ref.flags.writeable
    # Strides of axes longer than 1 (NumPy's buffer export canonicalizes the others).
    if n.size:
        for g, r, e, d in zip(got.strides, ref.strides, n.strides, n.shape):
            assert d < 2 or g == r == e
    if n.size:
        assert np.shares_memory(np.asarray(got), n)
    if n.flags.writeable:
        if n.size:
            got[(0,) * n.ndim] = got[(-1,) * n.ndim]
            assert_same(got, n)
    else:
        with pytest.raises(ValueError):
            got[...] = 0


@settings(max_examples=150, deadline=None)
@given(np_views(dtypes=ANY_DTYPES), st.booleans(), st.sampled_from([None, True, False]))
def test_from_dlpack_matches_capsule_path(n, ro, copy):
    n = _maybe_readonly(n, ro)
    kw = {} if copy is None else {"copy": copy}
    try:
        ref = ox.from_dlpack(CapsuleOnly(n), **kw)
    except Exception as e:  # noqa: BLE001 - the same exception type is the test
        with pytest.raises(type(e)):
            ox.from_dlpack(n, **kw)
        with pytest.raises(type(e)):
            np.from_dlpack(n, **kw)
        return
    got = ox.from_dlpack(n, **kw)
    exp = np.from_dlpack(n, **kw)
    assert_same(got, exp)
    same_bits(got, exp)
    assert got.flags.writeable == ref.flags.writeable == exp.flags.writeable
    if n.size:
        for g, r, d in zip(got.strides, ref.strides, n.shape):
            assert d < 2 or g == r
        assert np.shares_memory(np.asarray(got), n) == (copy is not True)


def test_declined_cases_keep_their_errors():
    sw = np.arange(3, dtype=">f8")
    with pytest.raises(BufferError):
        ox.from_dlpack(sw)
    assert ox.asarray(sw).dtype.str == ">f8"
    # Strides that are not a multiple of the itemsize: DLPack refuses, the buffer takes it.
    raw = np.zeros(16, dtype=np.uint8)
    odd = np.ndarray((3,), dtype=np.int16, buffer=raw, offset=0, strides=(3,))
    for f in (np.from_dlpack, ox.from_dlpack):
        with pytest.raises(BufferError):
            f(odd)
    assert ox.asarray(odd).tolist() == odd.tolist()
    # Dtypes oxarray lacks: the same exception types as before (general paths).
    dt = np.array(["2020-01-01"], dtype="datetime64[D]")
    for f in (ox.from_dlpack, ox.asarray):
        with pytest.raises((TypeError, BufferError, ValueError)):
            f(dt)
    with pytest.raises(BufferError):
        np.from_dlpack(dt)
    with pytest.raises(AttributeError):
        ox.from_dlpack([1.0])


def test_subclasses_and_broadcast_views():
    m = np.ma.masked_array([1.0, 2.0, 3.0])
    assert ox.asarray(m).tolist() == [1.0, 2.0, 3.0]
    b = np.broadcast_to(np.arange(3.0), (2, 3))
    got = ox.asarray(b)
    assert not got.flags.writeable and got.strides == b.strides
    assert_same(ox.from_dlpack(b), np.from_dlpack(b))
    x, _ = np.broadcast_arrays(np.arange(3.0), np.zeros((2, 3)))
    assert ox.asarray(x).flags.writeable == (not memoryview(x).readonly)
    assert_same(ox.asarray(x), x)


def test_0d_bool_complex_empty():
    for n in [np.array(True), np.array(1.5 + 2j), np.zeros((0, 3)), np.zeros((2, 0), np.complex64),
              np.array([True, False])[::-1], np.float16(1.5) * np.ones((2, 2))]:
        assert_same(ox.asarray(n), n)
        assert_same(ox.from_dlpack(n), np.from_dlpack(n))


def test_references_released():
    n = np.arange(10.0)
    before = sys.getrefcount(n)
    for _ in range(200):
        a = ox.asarray(n)
        b = ox.from_dlpack(n)
        c = ox.from_dlpack(n, copy=True)
        del a, b, c
    gc.collect()
    assert sys.getrefcount(n) == before
    # The view keeps the NumPy array alive.
    a = ox.from_dlpack(np.arange(1000.0))
    gc.collect()
    assert float(np.asarray(a).sum()) == 999 * 1000 / 2
    assert ox.asarray(np.arange(5)).base is not None


@settings(max_examples=60, deadline=None)
@given(np_views(dtypes=st.sampled_from(["f8", "i4", "?", "c8"])))
def test_ascontiguousarray_and_T_like_numpy(n):
    o = ox.asarray(n).copy()
    n = n.copy()
    for on, nn in [(o, n), (o.T, n.T)]:
        r_o, r_n = ox.ascontiguousarray(on), np.ascontiguousarray(nn)
        assert_same(r_o, r_n)
        assert r_o.flags.c_contiguous and r_o.ndim == max(1, nn.ndim)
        # The array itself exactly when NumPy returns its own.
        assert (r_o is on) == (r_n is nn)
        assert_same(on, nn)
        assert on.T.shape == nn.T.shape
    with pytest.raises(TypeError):
        ox.ascontiguousarray(o, dtype="not a dtype")
