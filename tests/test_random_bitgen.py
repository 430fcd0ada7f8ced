"""oxarray.random bit generators and SeedSequence against NumPy's: raw streams, state
dictionaries in both directions, jumped/advance, spawn, pickling, the lock."""

import pickle
import threading

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
import oxarray.random as oxr

KINDS = ["PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64"]
SEEDS = [0, 1, 12345, 2**32 - 1, 2**64 + 3, 2**200 + 17, [1, 2, 3], (0, 2**40), ["0x1f", "987"]]


def same_array(o, n):
    assert isinstance(o, ox.ndarray), type(o)
    assert o.shape == n.shape and o.dtype.str == n.dtype.str, (o.shape, n.shape, o.dtype, n.dtype)
    assert np.array_equal(np.asarray(o), n)


def pair(kind, seed):
    return getattr(oxr, kind)(seed), getattr(np.random, kind)(seed)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("seed", SEEDS)
def test_raw_stream(kind, seed):
    o, n = pair(kind, seed)
    same_array(o.random_raw(37), n.random_raw(37))
    same_array(o.random_raw((2, 3)), n.random_raw((2, 3)))
    assert o.random_raw() == n.random_raw()


@settings(max_examples=25, deadline=None)
@given(kind=st.sampled_from(KINDS), seed=st.integers(0, 2**128), n=st.integers(0, 700))
def test_raw_stream_hypothesis(kind, seed, n):
    o, g = pair(kind, seed)
    same_array(o.random_raw(n), g.random_raw(n))
    assert o.random_raw() == g.random_raw()


def _plain(state):
    """A state dict with oxarray arrays turned into NumPy ones (for comparisons)."""
    out = {}
    for k, v in state.items():
        if isinstance(v, dict):
            out[k] = _plain(v)
        elif isinstance(v, ox.ndarray):
            out[k] = np.asarray(v)
        else:
            out[k] = v
    return out


def _state_equal(a, b):
    a, b = _plain(a), _plain(b)
    assert a.keys() == b.keys()
    for k in a:
        if isinstance(a[k], dict):
            _state_equal(a[k], b[k])
        elif isinstance(b[k], np.ndarray):
            assert np.array_equal(a[k], b[k]) and np.asarray(a[k]).dtype == b[k].dtype, k
        else:
            assert a[k] == b[k] and type(a[k]) is type(b[k]), (k, a[k], b[k])


@pytest.mark.parametrize("kind", KINDS)
def test_state_dicts_round_trip_both_ways(kind):
    o, n = pair(kind, 99)
    # Leave a buffered 32-bit half behind (has_uint32) and a partly used Philox buffer.
    oxr.Generator(o).integers(0, 10, size=3, dtype=np.uint32)
    np.random.Generator(n).integers(0, 10, size=3, dtype=np.uint32)
    _state_equal(o.state, n.state)
    o2, n2 = getattr(oxr, kind)(), getattr(np.random, kind)()
    n2.state = o.state  # oxarray -> NumPy
    o2.state = n.state  # NumPy -> oxarray
    same_array(o2.random_raw(11), n2.random_raw(11))
    same_array(o.random_raw(11), n.random_raw(11))
    assert oxr.Generator(o2).random() == np.random.Generator(n2).random()


@pytest.mark.parametrize("kind", KINDS)
def test_state_errors(kind):
    o = getattr(oxr, kind)(1)
    with pytest.raises(TypeError):
        o.state = [1, 2]
    with pytest.raises(ValueError):
        o.state = {"bit_generator": "nope"}


@pytest.mark.parametrize("kind", ["PCG64", "PCG64DXSM", "MT19937", "Philox"])
@pytest.mark.parametrize("jumps", [1, 3])
def test_jumped(kind, jumps):
    o, n = pair(kind, 2024)
    o.random_raw(5)
    n.random_raw(5)
    same_array(o.jumped(jumps).random_raw(9), n.jumped(jumps).random_raw(9))
    same_array(o.random_raw(3), n.random_raw(3))


@pytest.mark.parametrize("kind", ["PCG64", "PCG64DXSM", "Philox"])
@pytest.mark.parametrize("delta", [0, 1, 7, 2**70 + 5, 2**130 + 1])
def test_advance(kind, delta):
    o, n = pair(kind, 5)
    oxr.Generator(o).integers(0, 5, dtype=np.uint32)
    np.random.Generator(n).integers(0, 5, dtype=np.uint32)
    assert o.advance(delta) is o
    n.advance(delta)
    _state_equal(o.state, n.state)
    same_array(o.random_raw(6), n.random_raw(6))


def test_philox_counter_and_key():
    o = oxr.Philox(counter=2**70 + 3, key=12345)
    n = np.random.Philox(counter=2**70 + 3, key=12345)
    same_array(o.random_raw(10), n.random_raw(10))
    with pytest.raises(ValueError):
        oxr.Philox(1, key=2)


@pytest.mark.parametrize("kind", KINDS)
def test_spawn_and_pickle(kind):
    o, n = pair(kind, 31)
    for a, b in zip(o.spawn(3), n.spawn(3)):
        same_array(a.random_raw(4), b.random_raw(4))
    o.random_raw(3)
    p = pickle.loads(pickle.dumps(o))
    assert type(p) is type(o)
    same_array(p.random_raw(8), np.asarray(o.random_raw(8)))
    assert isinstance(o.seed_seq, oxr.SeedSequence)


@pytest.mark.parametrize("entropy", [0, 1234, 2**100, [1, 2, 3], list(range(10))])
@pytest.mark.parametrize("pool_size", [4, 8])
def test_seed_sequence(entropy, pool_size):
    o = oxr.SeedSequence(entropy, pool_size=pool_size)
    n = np.random.SeedSequence(entropy, pool_size=pool_size)
    same_array(o.pool, n.pool)
    same_array(o.generate_state(9), n.generate_state(9))
    same_array(o.generate_state(5, np.uint64), n.generate_state(5, np.uint64))
    for a, b in zip(o.spawn(2), n.spawn(2)):
        assert a.spawn_key == b.spawn_key
        same_array(a.generate_state(4), b.generate_state(4))
    assert o.state == n.state
    assert repr(o) == repr(n)
    with pytest.raises(ValueError):
        o.generate_state(2, np.int32)
    with pytest.raises(ValueError):
        oxr.SeedSequence(1, pool_size=2)
    with pytest.raises(TypeError):
        oxr.SeedSequence(1.5)


def test_lock_shared_across_threads():
    o = oxr.PCG64(8)
    n = np.random.PCG64(8)
    out = []

    def work():
        for _ in range(50):
            with o.lock:
                out.append(int(o.random_raw()))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(out) == sorted(n.random_raw(200).tolist())
    assert o.random_raw() == n.random_raw()


def test_legacy_mt_seeding_matches():
    for seed in [0, 1, 2**32 - 1, [1, 2, 3], np.arange(700)]:
        o = oxr.RandomState(seed)
        n = np.random.RandomState(seed)
        st_o, st_n = o.get_state(), n.get_state()
        assert np.array_equal(np.asarray(st_o[1]), st_n[1]) and st_o[2:] == st_n[2:]
    for bad in [-1, 2**32, [-1], [[1, 2]], []]:
        with pytest.raises(ValueError):
            oxr.RandomState(bad)
