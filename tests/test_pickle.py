"""Pickling arrays, scalars and dtypes; copy/deepcopy. NumPy is the oracle for values,
flags and for how many buffers go out of band."""

import copy
import pickle

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import oxarray as ox
from conftest import ALL_DTYPES, assert_same
from interchange_helpers import np_views, same_bits

PROTOCOLS = list(range(pickle.HIGHEST_PROTOCOL + 1))


def ox_like(n):
    """An oxarray array with the values and the *layout* of NumPy view `n` (our memory)."""
    o = ox.array(n)  # C-ordered copy, owned
    if n.ndim == 0:
        return o
    # Re-derive n's layout: transpose/slice a base that has the same memory order.
    order = np.argsort([-abs(s) for s in n.strides], kind="stable") if n.size else np.arange(n.ndim)
    base = ox.array(np.ascontiguousarray(np.transpose(n, order)))
    inv = np.argsort(order)
    return base.transpose(tuple(int(i) for i in inv))


@given(np_views(), st.sampled_from(PROTOCOLS))
def test_roundtrip_like_numpy(n, protocol):
    o = ox_like(n)
    back = pickle.loads(pickle.dumps(o, protocol=protocol))
    nback = pickle.loads(pickle.dumps(np.asarray(o), protocol=protocol))  # same layout
    assert isinstance(back, ox.ndarray)
    assert_same(back, nback)
    same_bits(back, nback)
    assert back.flags.writeable == nback.flags.writeable


@given(np_views())
def test_out_of_band_buffers_like_numpy(n):
    o = ox_like(n)
    obufs, nbufs = [], []
    so = pickle.dumps(o, protocol=5, buffer_callback=obufs.append)
    pickle.dumps(np.asarray(o), protocol=5, buffer_callback=nbufs.append)  # same layout
    assert len(obufs) == len(nbufs)
    if o.flags.c_contiguous or o.flags.f_contiguous:
        assert len(obufs) == 1
    back = pickle.loads(so, buffers=obufs)
    assert_same(back, np.asarray(o))
    if obufs and o.size:
        # Out of band means no copy at all: the result views the original memory.
        assert np.shares_memory(np.asarray(back), np.asarray(o))
        assert len(so) < 300  # the stream holds no data
    if obufs:
        assert obufs[0].raw().nbytes == o.nbytes


def test_in_band_protocol5_writes_data_once():
    o = ox.arange(100000, dtype="float64")
    s = pickle.dumps(o, protocol=5)
    assert o.nbytes < len(s) < o.nbytes + 300
    back = pickle.loads(s)
    assert back.flags.writeable
    assert_same(back, np.arange(100000, dtype="float64"))


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize(
    "make",
    [
        lambda m: m.zeros(()),
        lambda m: m.arange(6.0).reshape(2, 3)[:, ::2],
        lambda m: m.arange(6.0).reshape(2, 3).T,
        lambda m: m.zeros((0, 4)),
        lambda m: m.zeros((3, 0)).T,
        lambda m: m.arange(5, dtype="int16")[::-1],
        lambda m: m.asarray(np.arange(4, dtype=">i4")),
    ],
)
def test_layouts(protocol, make):
    o, n = make(ox), make(np)
    if not isinstance(n, np.ndarray):
        n = np.asarray(n)
    back = pickle.loads(pickle.dumps(o, protocol=protocol))
    assert_same(back, pickle.loads(pickle.dumps(n, protocol=protocol)))


def test_permuted_layout_out_of_band_like_numpy():
    n = np.arange(24.0).reshape(2, 3, 4).transpose(1, 0, 2)
    o = ox.arange(24.0).reshape(2, 3, 4).transpose(1, 0, 2)
    for arr in (n, o):
        bufs = []
        back = pickle.loads(pickle.dumps(arr, protocol=5, buffer_callback=bufs.append), buffers=bufs)
        assert len(bufs) == 1
        assert back.strides == arr.strides
    assert_same(back, n)
    assert np.shares_memory(np.asarray(back), np.asarray(o))


def test_fortran_order_kept_out_of_band():
    o = ox.asfortranarray(ox.arange(12.0).reshape(3, 4))
    bufs = []
    back = pickle.loads(pickle.dumps(o, protocol=5, buffer_callback=bufs.append), buffers=bufs)
    assert back.flags.f_contiguous and back.strides == o.strides
    assert_same(back, np.asfortranarray(np.arange(12.0).reshape(3, 4)))


def test_readonly_arrays_like_numpy():
    for protocol in PROTOCOLS:
        o, n = ox.arange(4), np.arange(4)
        o.flags.writeable = False
        n.flags.writeable = False
        ob = pickle.loads(pickle.dumps(o, protocol=protocol))
        nb = pickle.loads(pickle.dumps(n, protocol=protocol))
        assert ob.flags.writeable == nb.flags.writeable, protocol


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("dt", ALL_DTYPES)
def test_scalars_and_dtypes(protocol, dt):
    d = ox.dtype(dt)
    assert pickle.loads(pickle.dumps(d, protocol=protocol)) == d
    s = ox.asarray([1], dtype=dt)[0]
    back = pickle.loads(pickle.dumps(s, protocol=protocol))
    assert_same(back, np.asarray([1], dtype=dt)[0])
    sw = ox.dtype(">i4")
    assert pickle.loads(pickle.dumps(sw, protocol=protocol)).str == ">i4"


def test_copy_and_deepcopy():
    o = ox.arange(6.0).reshape(2, 3)[:, ::-1]
    for f in (copy.copy, copy.deepcopy):
        c = f(o)
        assert_same(c, np.arange(6.0).reshape(2, 3)[:, ::-1])
        c[0, 0] = 100.0
        assert o[0, 0] == 2.0
    # Inside containers, deepcopy copies arrays once per identity (memo).
    box = [o, o]
    c = copy.deepcopy(box)
    assert c[0] is c[1]


def test_pickled_array_inside_structures():
    data = {"a": ox.arange(3), "b": [ox.zeros((2, 2)), ox.float32(1.5)]}
    back = pickle.loads(pickle.dumps(data, protocol=5))
    assert_same(back["a"], np.arange(3))
    assert_same(back["b"][0], np.zeros((2, 2)))
    assert_same(back["b"][1], np.float32(1.5))
