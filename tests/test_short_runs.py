"""Elementwise ufuncs over short inner runs with a broadcast row (`(n, 10) + (10,)`): the
iteration plan groups consecutive short runs into long ones and replicates the broadcast
row into a tile (`iter::Tiling`, used by `ufunc::exec::run`). Results, dtypes and shapes
must be NumPy's exactly, for every dtype class, casts, byte-swapped and strided operands,
negative strides, `out=`, `where=`, in-place operation, stacks whose row changes along an
outer axis, and at 1 and 2 threads."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox

DTYPES = [
    np.bool_,
    np.int8,
    np.uint16,
    np.int32,
    np.int64,
    np.float16,
    np.float32,
    np.float64,
    np.complex64,
    np.complex128,
]


def _rand(rng, shape, dt):
    dt = np.dtype(dt)
    if dt.kind == "b":
        return rng.integers(0, 2, shape).astype(dt)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        return rng.integers(max(info.min, -100), min(info.max, 100), shape, endpoint=True).astype(dt)
    a = rng.standard_normal(shape) * 10
    if dt.kind == "c":
        a = a + 1j * rng.standard_normal(shape)
    return a.astype(dt)


def _same(got, want, exact=True):
    got = np.asarray(got)
    assert got.dtype == want.dtype
    assert got.shape == want.shape
    if exact:
        np.testing.assert_array_equal(got, want)
    else:
        np.testing.assert_allclose(got, want, rtol=4 * np.finfo(want.dtype).eps)


OPS = [np.add, np.subtract, np.multiply, np.maximum, np.not_equal]


@settings(max_examples=150, deadline=None)
@given(
    rows=st.integers(1, 300),
    inner=st.integers(1, 140),
    dt=st.sampled_from(DTYPES),
    op=st.sampled_from(OPS),
    swap=st.booleans(),
    threads=st.sampled_from([1, 2]),
    seed=st.integers(0, 2**32 - 1),
)
def test_row_broadcast(rows, inner, dt, op, swap, threads, seed):
    rng = np.random.default_rng(seed)
    if op is np.subtract and dt is np.bool_:
        op = np.add
    a = _rand(rng, (rows, inner), dt)
    b = _rand(rng, (inner,), dt)
    name = op.__name__
    # complex64 products are not NumPy's bit for bit on any path (not this change's).
    exact = not (op is np.multiply and np.dtype(dt).kind == "c")
    with ox.num_threads(threads):
        _same(getattr(ox, name)(ox.asarray(a), ox.asarray(b)), op(a, b), exact)
        args = (b, a) if swap else (a, b)
        _same(getattr(ox, name)(*map(ox.asarray, args)), op(*args), exact)


@settings(max_examples=100, deadline=None)
@given(
    outer=st.integers(1, 4),
    rows=st.integers(1, 200),
    inner=st.integers(1, 40),
    dta=st.sampled_from(DTYPES),
    dtb=st.sampled_from(DTYPES),
    step=st.sampled_from([1, 2, -1, -2]),
    row_varies=st.booleans(),
    threads=st.sampled_from([1, 2]),
    seed=st.integers(0, 2**32 - 1),
)
def test_strides_casts_stacks(outer, rows, inner, dta, dtb, step, row_varies, threads, seed):
    """Mixed dtypes (the row is cast chunk by chunk from its tile), steps and negative
    steps on either operand, and a row that changes along an outer axis (refilled)."""
    rng = np.random.default_rng(seed)
    big = _rand(rng, (outer, rows, inner * abs(step)), dta)[..., ::step]
    row = _rand(rng, (outer if row_varies else 1, 1, inner * abs(step)), dtb)[..., ::step]
    with ox.num_threads(threads):
        _same(ox.add(ox.asarray(big), ox.asarray(row)), np.add(big, row))
        op = np.logical_xor if dta is np.bool_ and dtb is np.bool_ else np.subtract
        _same(getattr(ox, op.__name__)(ox.asarray(row), ox.asarray(big)), op(row, big))


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("dt", [np.float64, np.int16, np.complex64])
def test_byteswapped_row_and_unaligned(dt, threads):
    rng = np.random.default_rng(5)
    a = _rand(rng, (5000, 10), dt)
    b = _rand(rng, (10,), dt)
    bs = b.astype(np.dtype(dt).newbyteorder())
    raw = np.zeros(b.nbytes + 1, np.uint8)
    bu = raw[1:].view(dt)
    bu[:] = b
    with ox.num_threads(threads):
        _same(ox.asarray(a) + ox.asarray(bs), a + bs)
        _same(ox.asarray(bs) - ox.asarray(a), bs - a)
        _same(ox.asarray(a) + ox.asarray(bu), a + bu)


@pytest.mark.parametrize("threads", [1, 2])
def test_out_where_inplace(threads):
    rng = np.random.default_rng(7)
    a = rng.standard_normal((20000, 10))
    b = rng.standard_normal(10)
    m_row = rng.integers(0, 2, 10).astype(bool)
    m_full = rng.integers(0, 2, (20000, 10)).astype(bool)
    xa, xb = ox.asarray(a), ox.asarray(b)
    with ox.num_threads(threads):
        # out= of another dtype (cast back chunk by chunk).
        o = np.zeros((20000, 10), np.float32)
        xo = ox.asarray(o.copy())
        ox.add(xa, xb, out=xo)
        _same(xo, np.add(a, b, out=o))
        # where= with a broadcast mask row (tiled too) and with a full mask.
        for m in (m_row, m_full):
            o = np.full((20000, 10), -1.0)
            xo = ox.asarray(o.copy())
            ox.multiply(xa, xb, out=xo, where=ox.asarray(m))
            _same(xo, np.multiply(a, b, out=o, where=m))
        # In place: the output is also the first input.
        c = a.copy()
        xc = ox.asarray(c.copy())
        xc += xb
        c += b
        _same(xc, c)
        xc = ox.asarray(a.copy())
        ox.subtract(xc, xb, out=xc)
        _same(xc, a - b)
        # Output in F order: the rows are not contiguous in it, no grouping.
        o = np.zeros((20000, 10), order="F")
        xo = ox.asarray(o.copy(order="F"))
        ox.add(xa, xb, out=xo)
        _same(xo, a + b)


def test_threads_agree_large():
    rng = np.random.default_rng(11)
    a = rng.standard_normal((100_000, 10))
    b = rng.standard_normal(10)
    xa, xb = ox.asarray(a), ox.asarray(b)
    with ox.num_threads(1):
        one = np.asarray(ox.divide(xa, xb))
    with ox.num_threads(2):
        two = np.asarray(ox.divide(xa, xb))
    _same(one, a / b)
    _same(two, a / b)


def test_fp_warnings_like_numpy():
    a = np.ones((3000, 10))
    b = np.zeros(10)
    b[3] = 1.0
    with pytest.warns(RuntimeWarning, match="divide by zero"):
        got = ox.asarray(a) / ox.asarray(b)
    with np.errstate(divide="ignore"):
        want = a / b
    _same(got, want)


def test_integer_errors_and_ternary():
    a = np.arange(30000, dtype=np.int64).reshape(3000, 10)
    b = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    with np.errstate(divide="ignore"):
        want = a // b
    with ox.errstate(divide="ignore"):
        got = ox.asarray(a) // ox.asarray(b)
    _same(got, want)
    lo = np.arange(10) * 100
    hi = lo + 5000
    _same(ox.clip(ox.asarray(a), ox.asarray(lo), ox.asarray(hi)), np.clip(a, lo, hi))
