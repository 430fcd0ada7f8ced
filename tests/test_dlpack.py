"""DLPack both ways, against NumPy's producer and consumer (versioned and legacy capsules)."""

import gc

import numpy as np
import pytest
from hypothesis import given

import oxarray as ox
from conftest import ALL_DTYPES, assert_same
from interchange_helpers import NATIVE_DTYPES, np_views, same_bits


def capsule_name(cap):
    return repr(cap).split('"')[1]


class LegacyProducer:
    """A producer from before DLPack 1.0: `__dlpack__(stream=None)` only."""

    def __init__(self, n):
        self.n = n

    def __dlpack__(self, stream=None):
        return self.n.__dlpack__()

    def __dlpack_device__(self):
        return self.n.__dlpack_device__()


@given(np_views(dtypes=NATIVE_DTYPES))
def test_numpy_consumes_ours(n):
    o = ox.array(n)
    o = o[..., ::-1] if o.ndim else o
    got = np.from_dlpack(o)
    assert_same(o, got)
    same_bits(got, np.asarray(o))
    if o.size:
        assert np.shares_memory(got, np.asarray(o))


@given(np_views(dtypes=NATIVE_DTYPES))
def test_we_consume_numpy(n):
    got = ox.from_dlpack(n)
    assert_same(got, n)
    assert got.flags.writeable == n.flags.writeable
    if n.size:
        assert np.shares_memory(np.asarray(got), n)


@pytest.mark.parametrize("dt", ALL_DTYPES)
def test_legacy_producer(dt):
    n = np.arange(6).astype(dt).reshape(2, 3)
    got = ox.from_dlpack(LegacyProducer(n))
    assert_same(got, n)
    assert np.shares_memory(np.asarray(got), n)
    got[0, 0] = got[1, 2]
    assert_same(got, n)


def test_capsule_kinds():
    o = ox.arange(4.0)
    assert capsule_name(o.__dlpack__()) == "dltensor"
    assert capsule_name(o.__dlpack__(max_version=(1, 0))) == "dltensor_versioned"
    assert capsule_name(o.__dlpack__(max_version=(1, 3))) == "dltensor_versioned"
    assert capsule_name(o.__dlpack__(max_version=(0, 8))) == "dltensor"
    # The names NumPy gives for the same requests.
    n = np.arange(4.0)
    assert capsule_name(n.__dlpack__()) == "dltensor"
    assert capsule_name(n.__dlpack__(max_version=(1, 0))) == "dltensor_versioned"
    # NumPy consumes both kinds of ours.
    assert_same(o, np.from_dlpack(o))
    assert_same(o, np.from_dlpack(LegacyProducer(o)))


def test_device():
    assert tuple(ox.zeros(3).__dlpack_device__()) == tuple(int(v) for v in np.zeros(3).__dlpack_device__())
    assert_same(ox.from_dlpack(np.arange(3), device="cpu"), np.arange(3))
    with pytest.raises(ValueError):
        ox.from_dlpack(np.arange(3), device="cuda")


def test_readonly_flag():
    o = ox.arange(3.0)
    o.flags.writeable = False
    n = np.arange(3.0)
    n.flags.writeable = False
    # Legacy capsules cannot say read-only: both refuse.
    for arr in (n, o):
        with pytest.raises(BufferError):
            arr.__dlpack__()
    # Versioned capsules carry the flag, and each side honours it.
    assert not np.from_dlpack(o).flags.writeable
    assert not ox.from_dlpack(n).flags.writeable
    with pytest.raises(ValueError):
        ox.from_dlpack(n)[0] = 1.0


def test_copy_argument():
    n = np.arange(5.0)
    c = ox.from_dlpack(n, copy=True)
    assert not np.shares_memory(np.asarray(c), n)
    assert_same(c, n)
    assert np.shares_memory(np.asarray(ox.from_dlpack(n, copy=False)), n)
    o = ox.arange(5.0)
    assert not np.shares_memory(np.from_dlpack(o, copy=True), np.asarray(o))
    assert np.shares_memory(np.from_dlpack(o, copy=False), np.asarray(o))
    # A legacy producer cannot copy for us: we copy ourselves.
    lc = ox.from_dlpack(LegacyProducer(n), copy=True)
    assert_same(lc, n)
    assert not np.shares_memory(np.asarray(lc), n)


def test_errors_like_numpy():
    o, n = ox.arange(3.0), np.arange(3.0)
    for arr in (n, o):
        with pytest.raises(RuntimeError):
            arr.__dlpack__(stream=1)
        with pytest.raises(BufferError):
            arr.__dlpack__(dl_device=(2, 0))
    sw_o, sw_n = ox.asarray(np.arange(3, dtype=">f8")), np.arange(3, dtype=">f8")
    for arr in (sw_n, sw_o):
        with pytest.raises(BufferError):
            arr.__dlpack__()
    for f in (np.from_dlpack, ox.from_dlpack):
        with pytest.raises(AttributeError):
            f([1, 2])


def test_capsule_cannot_be_consumed_twice():
    class Once:
        def __init__(self):
            self.cap = np.arange(3.0).__dlpack__(max_version=(1, 0))

        def __dlpack__(self, **kwargs):
            return self.cap

    p = Once()
    a = ox.from_dlpack(p)
    assert a.tolist() == [0.0, 1.0, 2.0]
    with pytest.raises(ValueError):  # NumPy: PyCapsule_GetPointer's ValueError
        ox.from_dlpack(p)


def test_lifetimes():
    # Our capsule keeps our memory alive after the array is gone.
    o = ox.arange(1000.0)
    cap_holder = LegacyProducer(o)
    del o
    gc.collect()
    n = np.from_dlpack(cap_holder)
    assert n.sum() == 999 * 1000 / 2
    # An unconsumed capsule frees itself.
    caps = [ox.arange(100.0).__dlpack__(max_version=(1, 0)) for _ in range(100)]
    del caps
    gc.collect()
    # A NumPy array we consumed stays alive through our array.
    src = np.arange(1000.0)
    got = ox.from_dlpack(src)
    del src
    gc.collect()
    assert float(np.asarray(got).sum()) == 999 * 1000 / 2


def test_zero_size_and_0d():
    for n in [np.zeros(()), np.zeros((0, 3)), np.zeros((2, 0))]:
        assert_same(ox.from_dlpack(n), n)
        o = ox.zeros(n.shape)
        assert_same(o, np.from_dlpack(o))


def test_hostile_interfaces_raise_not_crash():
    class Huge:
        __array_interface__ = {
            "shape": (2**62, 4), "typestr": "<f8", "strides": (2**62, 8),
            "data": bytearray(64), "version": 3,
        }

    class Outside:
        __array_interface__ = {"shape": (4,), "typestr": "<f8", "data": bytearray(64), "offset": 40, "version": 3}

    class Negative:
        __array_interface__ = {"shape": (4,), "typestr": "<f8", "strides": (-8,), "data": bytearray(64), "version": 3}

    for cls in (Huge, Outside, Negative):
        with pytest.raises(ValueError):
            ox.asarray(cls())
