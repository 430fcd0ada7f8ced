"""Complex `multiply` and `square` bit for bit as NumPy's.

NumPy's array loops on FMA machines compute each part of a complex product as one fused
multiply-add (`simd_cmul`), while its scalars, `multiply.reduce`/`accumulate`, complex64
inputs with negative strides and partly overlapping operands use the plain formula;
oxarray follows those rules, so results agree to the last bit (compared as integers).
One-element and 0-d arrays are fused as NumPy's; accumulations fuse only a single step
(NumPy's one call over the axis overlaps itself otherwise), `reduceat` and `ufunc.at` are
plain (see `LoopModes` in ufunc/loops.rs and `cmul_loop` in kernels/arithmetic/mod.rs).
The one known exception is `square` called on a complex *scalar* (NumPy 2.4's unary
scalar fast path passes stride 0 and takes its plain loop; here that call is a 0-d array,
fused as NumPy's own 0-d arrays are).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox

BITS = {"complex64": np.uint32, "complex128": np.uint64}


def _bits(x, dt):
    return np.ascontiguousarray(np.asarray(x, dtype=dt)).view(BITS[dt])


def _data(rng, n, dt):
    return (rng.standard_normal(n) * 10.0 ** rng.integers(-3, 4, n)
            + 1j * rng.standard_normal(n)).astype(dt)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 70), dt=st.sampled_from(sorted(BITS)), step=st.sampled_from([1, 2, -1]),
       seed=st.integers(0, 2**32 - 1))
def test_array_multiply_and_square_bits(n: int, dt: str, step: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    a, b = _data(rng, 2 * n, dt)[::step][:n], _data(rng, 2 * n, dt)[::step][:n]
    oa, ob = ox.asarray(a), ox.asarray(b)
    assert (_bits(oa * ob, dt) == _bits(a * b, dt)).all()
    assert (_bits(ox.square(oa), dt) == _bits(np.square(a), dt)).all()
    assert (_bits(oa * oa, dt) == _bits(a * a, dt)).all()
    assert (_bits(oa * ob[0], dt) == _bits(a * b[0], dt)).all()
    out_n, out_o = np.empty(n, dt), ox.empty(n, dt)
    np.multiply(a, b, out=out_n)
    ox.multiply(oa, ob, out=out_o)
    assert (_bits(out_o, dt) == _bits(out_n, dt)).all()


@pytest.mark.parametrize("dt", sorted(BITS))
def test_accumulate_bits(dt: str) -> None:
    rng = np.random.default_rng(7)
    a = _data(rng, 64, dt)
    a = a / np.abs(a)
    for m in (2, 3, 5, 17, 64):
        assert (_bits(ox.cumprod(ox.asarray(a[:m])), dt) == _bits(np.cumprod(a[:m]), dt)).all()


@pytest.mark.parametrize("dt", sorted(BITS))
def test_scalar_and_reduce_multiply_bits(dt: str) -> None:
    rng = np.random.default_rng(5)
    a, b = _data(rng, 200, dt), _data(rng, 200, dt)
    oa, ob = ox.asarray(a), ox.asarray(b)
    ns = np.array([a[i] * b[i] for i in range(200)])
    os_ = np.array([complex(oa[i] * ob[i]) for i in range(200)]).astype(dt)
    assert (_bits(os_, dt) == _bits(ns, dt)).all()
    for m in range(2, 40):
        r = np.multiply.reduce(a[:m])
        o = ox.multiply.reduce(oa[:m])
        assert _bits(np.asarray(o), dt).tolist() == _bits(np.asarray(r), dt).tolist(), m
    x = (a[:60] / np.abs(a[:60])).reshape(6, 10)
    assert (_bits(ox.prod(ox.asarray(x), axis=1), dt) == _bits(np.prod(x, axis=1), dt)).all()
    assert (_bits(ox.prod(ox.asarray(x), axis=0), dt) == _bits(np.prod(x, axis=0), dt)).all()


@pytest.mark.parametrize("dt", sorted(BITS))
def test_one_element_and_0d_products_bits(dt: str) -> None:
    rng = np.random.default_rng(11)
    a, b = _data(rng, 300, dt), _data(rng, 300, dt)
    for i in range(300):
        for mk in (lambda v, lib: lib.asarray(np.array(v)), lambda v, lib: lib.asarray(np.array([v]))):
            n = np.multiply(mk(a[i], np), mk(b[i], np))
            o = ox.multiply(mk(a[i], ox), mk(b[i], ox))
            assert _bits(o, dt).tolist() == _bits(n, dt).tolist()
            assert _bits(ox.square(mk(a[i], ox)), dt).tolist() == _bits(np.square(mk(a[i], np)), dt).tolist()
        # Scalar math (plain) and the mixed float64 * complex64 that NumPy's scalars hand
        # to its array loop.
        sn, so = np.dtype(dt).type, ox.dtype(dt).type
        assert _bits(so(a[i]) * so(b[i]), dt).tolist() == _bits(sn(a[i]) * sn(b[i]), dt).tolist()
        assert _bits(so(a[i]) ** 2, dt).tolist() == _bits(sn(a[i]) ** 2, dt).tolist()


@settings(max_examples=40, deadline=None)
@given(shape=st.lists(st.integers(1, 5), min_size=1, max_size=3), dt=st.sampled_from(sorted(BITS)),
       seed=st.integers(0, 2**32 - 1), data=st.data())
def test_nd_accumulate_reduceat_at_bits(shape: list[int], dt: str, seed: int, data: st.DataObject) -> None:
    rng = np.random.default_rng(seed)
    a = _data(rng, int(np.prod(shape)), dt).reshape(shape)
    a = a / np.abs(a)
    ax = data.draw(st.integers(0, len(shape) - 1))
    assert (_bits(ox.cumprod(ox.asarray(a), axis=ax), dt) == _bits(np.cumprod(a, axis=ax), dt)).all()
    idx = sorted(set(data.draw(st.lists(st.integers(0, shape[ax] - 1), min_size=1, max_size=4))))
    r = np.multiply.reduceat(a, idx, axis=ax)
    o = ox.multiply.reduceat(ox.asarray(a), idx, axis=ax)
    assert (_bits(o, dt) == _bits(r, dt)).all()
    flat = a.ravel()
    ind = data.draw(st.lists(st.integers(0, flat.size - 1), min_size=1, max_size=6))
    vals = _data(rng, len(ind), dt)
    n, o2 = flat.copy(), ox.asarray(flat.copy())
    np.multiply.at(n, ind, vals)
    ox.multiply.at(o2, ind, ox.asarray(vals))
    assert (_bits(o2, dt) == _bits(n, dt)).all()
