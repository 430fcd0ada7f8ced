"""The copy engine's special paths, each checked against NumPy: two-axis copies of short
inner runs (pad borders, narrow slabs), broadcast (stride-0) sources, streamed copies and
casts of large arrays, the branch-free `where`, the parallel `take` gather, and reuse of
large freed blocks (a zeroed request must read zero after a dirty block was freed)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from conftest import ALL_DTYPES, assert_same, to_numpy


def _values(shape, dtype, seed=0):
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape))
    v = rng.integers(-100, 100, n).reshape(shape)
    if dtype == "bool":
        return v > 0
    if dtype.startswith("complex"):
        return (v + 1j * rng.integers(-9, 9, n).reshape(shape)).astype(dtype)
    return v.astype(dtype)


@settings(max_examples=40, deadline=None)
@given(
    dt=st.sampled_from(ALL_DTYPES),
    rows=st.integers(1, 40),
    cols=st.integers(1, 20),
    width=st.integers(1, 5),
    step=st.sampled_from([1, -1, 2, -2]),
    byteswap=st.booleans(),
)
def test_short_run_slab_copies(dt, rows, cols, width, step, byteswap):
    """Assigning a narrow (short inner run) slab, reversed or stepped, from another view."""
    na = _values((rows, cols + 3 * width + 4), dt)
    if byteswap and na.dtype.itemsize > 1:
        na = na.astype(na.dtype.newbyteorder())
    oa = ox.asarray(na.copy())
    if step < 0:
        src = slice(width + 1 + width * -step, width + 1, step)
    else:
        src = slice(width + 1, width + 1 + width * step, step)
    na[:, :width] = na[:, src]
    oa[:, :width] = oa[:, src]
    assert_same(oa, na)
    # A cast between dtypes through the same short-run path.
    tgt = "complex128" if dt.startswith("complex") else "float64"
    nf = np.zeros((rows, width), dtype=tgt)
    of = ox.zeros((rows, width), dtype=tgt)
    nf[...] = na[:, src]
    of[...] = oa[:, src]
    assert_same(of, nf)


@settings(max_examples=40, deadline=None)
@given(
    dt=st.sampled_from(ALL_DTYPES),
    shape=st.lists(st.integers(1, 9), min_size=2, max_size=4),
    data=st.data(),
)
def test_broadcast_source_copies(dt, shape, data):
    """Copies whose source has a stride-0 axis (inner or outer): fills of rows."""
    axis = data.draw(st.integers(0, len(shape) - 1))
    sshape = list(shape)
    sshape[axis] = 1
    ns = _values(sshape, dt, seed=1)
    os_ = ox.asarray(ns.copy())
    assert_same(ox.broadcast_to(os_, shape).copy(), np.broadcast_to(ns, shape).copy())
    nt = np.zeros(shape, dtype=dt)
    ot = ox.zeros(shape, dtype=dt)
    nt[...] = ns
    ot[...] = os_
    assert_same(ot, nt)
    # Strided destination.
    nt2 = np.zeros([2 * s for s in shape], dtype=dt)[(slice(None, None, 2),) * len(shape)]
    ot2 = ox.zeros([2 * s for s in shape], dtype=dt)[(slice(None, None, 2),) * len(shape)]
    nt2[...] = ns
    ot2[...] = os_
    assert_same(ot2, nt2)


@pytest.mark.parametrize("indexing", ["xy", "ij"])
def test_meshgrid_copies(indexing):
    nx, ny = np.arange(37.0), np.arange(23.0) * 2
    ogrids = ox.meshgrid(ox.asarray(nx), ox.asarray(ny), indexing=indexing)
    ngrids = np.meshgrid(nx, ny, indexing=indexing)
    for o, n in zip(ogrids, ngrids):
        assert_same(o, n)
        assert o.flags["C_CONTIGUOUS"] and o.flags["OWNDATA"]


@settings(max_examples=25, deadline=None)
@given(
    shape=st.lists(st.integers(1, 12), min_size=1, max_size=3),
    width=st.integers(0, 7),
    mode=st.sampled_from(["reflect", "symmetric", "wrap", "edge", "constant"]),
    dt=st.sampled_from(["int8", "int32", "float64", "complex128", "bool"]),
)
def test_pad_borders(shape, width, mode, dt):
    na = _values(shape, dt, seed=2)
    assert_same(ox.pad(ox.asarray(na), width, mode=mode), np.pad(na, width, mode=mode))


@settings(max_examples=30, deadline=None)
@given(
    dt=st.sampled_from(ALL_DTYPES),
    shape=st.lists(st.integers(0, 30), min_size=1, max_size=3),
    layout=st.sampled_from(["c", "f", "reversed", "broadcast"]),
)
def test_where_blend(dt, shape, layout):
    rng = np.random.default_rng(3)
    nc = rng.random(shape) > 0.5
    nx = _values(shape, dt, seed=4)
    ny = _values(shape, dt, seed=5)
    if layout == "f":
        nx, ny = np.asfortranarray(nx), np.asfortranarray(ny)
    elif layout == "reversed":
        nx, ny = nx[..., ::-1], ny[..., ::-1]
    elif layout == "broadcast":
        ny = ny[..., :1] if shape[-1] > 0 else ny
    ox_c, ox_x, ox_y = ox.asarray(nc.copy()), ox.asarray(nx.copy()), ox.asarray(ny.copy())
    if layout == "reversed":
        ox_x, ox_y = ox.asarray(nx[..., ::-1].copy())[..., ::-1], ox.asarray(ny[..., ::-1].copy())[..., ::-1]
    assert_same(ox.where(ox_c, ox_x, ox_y), np.where(nc, nx, ny))


def test_where_large_parallel():
    rng = np.random.default_rng(6)
    n = 600_000
    na, nb = rng.random(n), rng.random(n)
    nc = na > 0.5
    got = ox.where(ox.asarray(nc), ox.asarray(na), ox.asarray(nb))
    assert np.array_equal(np.asarray(got), np.where(nc, na, nb))
    got32 = ox.where(ox.asarray(nc), ox.asarray(na.astype("float32")), ox.asarray(nb.astype("float32")))
    assert np.array_equal(np.asarray(got32), np.where(nc, na.astype("float32"), nb.astype("float32")))


@pytest.mark.parametrize("dt", ["int8", "int16", "float32", "float64", "complex128"])
def test_take_large_parallel(dt):
    """A gather big enough to be split over threads: same values, and the first bad index
    in the error whatever part it falls in."""
    rng = np.random.default_rng(7)
    n = 400_000
    na = _values((n,), dt, seed=8)
    idx = rng.integers(-n, n, n)
    assert_same(ox.take(ox.asarray(na), ox.asarray(idx)), np.take(na, idx))
    bad = idx.copy()
    bad[300_000] = n + 5
    bad[350_000] = -n - 9
    with pytest.raises(IndexError) as eo:
        ox.take(ox.asarray(na), ox.asarray(bad))
    with pytest.raises(IndexError) as en:
        np.take(na, bad)
    assert str(eo.value) == str(en.value)
    with ox.num_threads(1):
        assert_same(ox.take(ox.asarray(na), ox.asarray(idx)), np.take(na, idx))


def test_take_rows_large():
    rng = np.random.default_rng(9)
    na = rng.random((50_000, 6))
    idx = rng.integers(0, 50_000, 60_000)
    got = ox.take(ox.asarray(na), ox.asarray(idx), axis=0)
    assert np.array_equal(np.asarray(got), np.take(na, idx, axis=0))


def test_large_copies_and_casts_streamed():
    """Copies and casts whose destination passes the streaming threshold (16 MiB)."""
    n = (16 << 20) // 8 + 123
    na = np.random.default_rng(10).standard_normal(n)
    oa = ox.asarray(na)
    assert np.array_equal(np.asarray(oa.copy()), na)
    assert np.array_equal(np.asarray(oa[1:].copy()), na[1:])  # unaligned start
    n32 = np.concatenate([na, na, na])
    o32 = ox.asarray(n32)
    got = o32.astype(ox.float32)
    assert np.array_equal(np.asarray(got), n32.astype(np.float32))
    got_i = o32[1:].astype(ox.int16)
    with np.errstate(invalid="ignore"):
        assert np.array_equal(np.asarray(got_i), n32[1:].astype(np.int16))
    # Byte-swapped source: not streamed, still exact.
    sw = na.astype(">f8")
    assert np.array_equal(np.asarray(ox.asarray(sw).astype("float64")), na)


def test_large_block_reuse_is_zeroed():
    """A freed dirty large block that is reused for a zeroed request reads zero."""
    n = (6 << 20) // 8
    for _ in range(3):
        a = ox.ones(n)
        assert float(a.sum()) == n
        del a
        z = ox.zeros(n)
        assert not bool(ox.any(z != 0))
        e = ox.empty(n)
        e.fill(2.0)
        assert float(e[::4096].sum()) == 2.0 * len(range(0, n, 4096))
        del z, e
    big = ox.arange(n, dtype="float64")
    del big
    assert np.array_equal(to_numpy(ox.zeros(n)[-5:]), np.zeros(5))
