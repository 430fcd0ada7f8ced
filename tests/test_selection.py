"""Selection functions checked against NumPy: where, nonzero & co, take/put, the
*_along_axis pair, choose, compress, extract, place, putmask, select, piecewise,
unravel_index/ravel_multi_index, clip/round and the type-check helpers, shares_memory."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from conftest import ALL_DTYPES, assert_same, raises_like, to_numpy

FAST = settings(max_examples=25, deadline=None)


@st.composite
def arrays(draw, min_dims=0, max_dims=3, min_side=0, dtypes=ALL_DTYPES):
    """A NumPy array (any of the 14 dtypes, maybe reversed or transposed) and the oxarray
    view of the same memory."""
    shape = tuple(draw(st.lists(st.integers(min_side, 4), min_size=min_dims, max_size=max_dims)))
    dt = draw(st.sampled_from(dtypes))
    n = int(np.prod(shape))
    vals = draw(st.lists(st.integers(-3, 5), min_size=n, max_size=n))
    a = np.array(vals, dtype=np.int64).reshape(shape).astype(dt)
    if a.ndim and draw(st.booleans()):
        ax = draw(st.integers(0, a.ndim - 1))
        a = np.flip(a, ax)
    if a.ndim > 1 and draw(st.booleans()):
        a = a.T
    return a, ox.asarray(a)


@FAST
@given(arrays(), arrays(dtypes=["int8", "float32", "float64", "complex64", "bool"]), st.data())
def test_where_three_args(p, q, data):
    a, oa = p
    b, ob = q
    cond = a > 1
    shape = data.draw(st.sampled_from([b.shape, ()]))
    b2 = b if shape == b.shape else b.reshape(-1)[:1].reshape(()) if b.size else b
    try:
        expected = np.where(cond, a, b2)
    except ValueError:
        raises_like(lambda: np.where(cond, a, b2), lambda: ox.where(ox.asarray(cond), oa, ox.asarray(b2)))
        return
    got = ox.where(ox.asarray(cond), oa, ox.asarray(b2))
    assert_same(got, expected)
    if expected.shape in (cond.shape, a.shape, b2.shape):
        # The layout follows NumPy's K order when an operand has the result's shape; with
        # every operand broadcast, oxarray allocates C order (NumPy may pick another).
        assert got.flags.c_contiguous == expected.flags.c_contiguous
    assert not ox.may_share_memory(got, oa)


def test_where_python_scalars_and_errors():
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    assert_same(ox.where(ox.asarray(a) > 2, ox.asarray(a), 0), np.where(a > 2, a, 0))
    assert_same(ox.where(True, 1, 2.5), np.where(True, 1, 2.5))
    raises_like(lambda: np.where(a > 1, a), lambda: ox.where(ox.asarray(a) > 1, ox.asarray(a)))
    raises_like(lambda: np.where(a > 1, a, np.zeros(4)),
                lambda: ox.where(ox.asarray(a) > 1, ox.asarray(a), ox.zeros(4)))


@FAST
@given(arrays(min_dims=1))
def test_nonzero_family(p):
    a, oa = p
    for got, exp in zip(ox.nonzero(oa), np.nonzero(a)):
        assert_same(got, exp)
    for got, exp in zip(oa.nonzero(), a.nonzero()):
        assert_same(got, exp)
    for got, exp in zip(ox.where(oa), np.where(a)):
        assert_same(got, exp)
    assert_same(ox.flatnonzero(oa), np.flatnonzero(a))
    assert_same(ox.argwhere(oa), np.argwhere(a))
    assert ox.count_nonzero(oa) == np.count_nonzero(a)
    assert type(ox.count_nonzero(oa)) is int
    ax = a.ndim - 1
    assert_same(ox.count_nonzero(oa, axis=ax), np.count_nonzero(a, axis=ax))
    assert_same(ox.count_nonzero(oa, axis=ax, keepdims=True), np.count_nonzero(a, axis=ax, keepdims=True))


def test_nonzero_0d_and_argwhere_0d():
    raises_like(lambda: np.nonzero(np.array(1)), lambda: ox.nonzero(ox.asarray(1)))
    assert_same(ox.argwhere(ox.asarray(3)), np.argwhere(np.array(3)))


@FAST
@given(arrays(min_dims=1, min_side=1), st.data())
def test_take_modes_axes(p, data):
    a, oa = p
    axis = data.draw(st.one_of(st.none(), st.integers(-a.ndim, a.ndim - 1)))
    n = a.size if axis is None else a.shape[axis]
    mode = data.draw(st.sampled_from(["raise", "wrap", "clip"]))
    lo, hi = (-n, n - 1) if mode == "raise" else (-2 * n - 1, 2 * n + 1)
    idx = np.array(data.draw(st.lists(st.integers(lo, hi), max_size=6)), dtype=np.int64)
    if data.draw(st.booleans()) and idx.size:
        idx = idx.reshape(1, -1)
    expected = np.take(a, idx, axis=axis, mode=mode)
    got = ox.take(oa, ox.asarray(idx), axis=axis, mode=mode)
    assert_same(got, expected)
    assert got.flags.c_contiguous
    assert_same(oa.take(ox.asarray(idx), axis=axis, mode=mode), a.take(idx, axis=axis, mode=mode))
    # A scalar index gives a scalar (axis=None) or drops the axis.
    i = data.draw(st.integers(-n, n - 1))
    assert_same(ox.take(oa, i, axis=axis), np.take(a, i, axis=axis))


def test_take_errors_and_out():
    a = np.arange(6.0).reshape(2, 3)
    oa = ox.asarray(a)
    e = raises_like(lambda: np.take(a, [5], axis=1), lambda: ox.take(oa, [5], axis=1))
    assert "5" in str(e) and "3" in str(e)
    raises_like(lambda: np.take(a, np.array([1.5])), lambda: ox.take(oa, ox.asarray([1.5])))
    assert_same(ox.take(oa, [1.5]), np.take(a, [1.5]))
    raises_like(lambda: np.take(a, [0], axis=2), lambda: ox.take(oa, [0], axis=2))
    raises_like(lambda: np.take(a, [0], mode="bogus"), lambda: ox.take(oa, [0], mode="bogus"))
    out = ox.zeros(2)
    r = ox.take(oa, [0, 4], out=out)
    assert r is out
    assert_same(out, np.take(a, [0, 4]))
    assert_same(ox.take(oa, []), np.take(a, []))
    o2, n2 = ox.zeros(2, dtype="int64"), np.zeros(2, dtype="int64")
    assert_same(ox.take(oa, [1, 5], out=o2), np.take(a, [1, 5], out=n2))
    raises_like(lambda: np.take(a, [1], out=np.zeros(2)), lambda: ox.take(oa, [1], out=ox.zeros(2)))


@FAST
@given(arrays(min_dims=1, min_side=1), st.data())
def test_put(p, data):
    a, oa = p
    a = a.copy()
    oa = ox.asarray(a.copy())
    mode = data.draw(st.sampled_from(["raise", "wrap", "clip"]))
    n = a.size
    lo, hi = (-n, n - 1) if mode == "raise" else (-2 * n, 2 * n)
    idx = data.draw(st.lists(st.integers(lo, hi), max_size=5))
    vals = data.draw(st.lists(st.integers(0, 3), min_size=1, max_size=3))
    np.put(a, idx, vals, mode=mode)
    ox.put(oa, idx, vals, mode=mode)
    assert_same(oa, a)


def test_put_noncontiguous_and_errors():
    a = np.arange(12).reshape(3, 4).T
    oa = ox.asarray(a.copy()).T.copy().T  # a transposed (F-ordered) oxarray
    oa = ox.asarray(np.arange(12).reshape(3, 4)).T
    np.put(a, [0, 5, 11], [-1, -2])
    oa.put([0, 5, 11], [-1, -2])
    assert_same(oa, a)
    e = raises_like(lambda: np.put(np.arange(3), [7], 1), lambda: ox.put(ox.arange(3), [7], 1))
    assert "7" in str(e) and "3" in str(e)
    raises_like(lambda: np.put([1, 2], [0], 1), lambda: ox.put([1, 2], [0], 1))


@FAST
@given(arrays(min_dims=1, min_side=1), st.data())
def test_take_put_along_axis(p, data):
    a, oa = p
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    n = a.shape[axis]
    ishape = list(a.shape)
    ishape[axis] = data.draw(st.integers(0, 3))
    for d in range(a.ndim):
        if d != axis % a.ndim and data.draw(st.booleans()):
            ishape[d] = 1
    m = int(np.prod(ishape))
    idx = np.array(data.draw(st.lists(st.integers(-n, n - 1), min_size=m, max_size=m)),
                   dtype=np.int64).reshape(ishape)
    assert_same(ox.take_along_axis(oa, ox.asarray(idx), axis=axis),
                np.take_along_axis(a, idx, axis=axis))
    a2 = a.copy()
    oa2 = ox.asarray(a.copy())
    np.put_along_axis(a2, idx, 1, axis=axis)
    ox.put_along_axis(oa2, ox.asarray(idx), 1, axis=axis)
    assert_same(oa2, a2)


def test_along_axis_errors_and_none():
    a = np.arange(6).reshape(2, 3)
    oa = ox.asarray(a)
    raises_like(lambda: np.take_along_axis(a, np.array([[3]]), axis=1),
                lambda: ox.take_along_axis(oa, ox.asarray([[3]]), axis=1))
    raises_like(lambda: np.take_along_axis(a, np.array([[0.5]]), axis=1),
                lambda: ox.take_along_axis(oa, ox.asarray([[0.5]]), axis=1))
    raises_like(lambda: np.take_along_axis(a, np.array([0]), axis=1),
                lambda: ox.take_along_axis(oa, ox.asarray([0]), axis=1))
    assert_same(ox.take_along_axis(oa, ox.asarray([4, 0]), axis=None),
                np.take_along_axis(a, np.array([4, 0]), axis=None))


@FAST
@given(st.sampled_from(ALL_DTYPES), st.sampled_from(["raise", "wrap", "clip"]), st.data())
def test_choose(dt, mode, data):
    choices = [np.arange(4).astype(dt), np.full(4, 3).astype(dt), np.array(1).astype(dt)]
    lo, hi = (0, 2) if mode == "raise" else (-4, 6)
    idx = np.array(data.draw(st.lists(st.integers(lo, hi), min_size=4, max_size=4)))
    assert_same(ox.choose(ox.asarray(idx), [ox.asarray(c) for c in choices], mode=mode),
                np.choose(idx, choices, mode=mode))
    assert_same(ox.asarray(idx).choose([ox.asarray(c) for c in choices], mode=mode),
                idx.choose(choices, mode=mode))


def test_choose_errors():
    raises_like(lambda: np.choose([3], [[1], [2]]), lambda: ox.choose([3], [[1], [2]]))


@FAST
@given(arrays(min_dims=1, min_side=1), st.data())
def test_compress_extract_place_putmask(p, data):
    a, oa = p
    axis = data.draw(st.integers(0, a.ndim - 1))
    cond = np.array(data.draw(st.lists(st.booleans(), min_size=a.shape[axis], max_size=a.shape[axis])))
    assert_same(ox.compress(ox.asarray(cond), oa, axis=axis), np.compress(cond, a, axis=axis))
    assert_same(oa.compress(ox.asarray(cond), axis=axis), a.compress(cond, axis=axis))
    mask = a > 1
    assert_same(ox.extract(ox.asarray(mask), oa), np.extract(mask, a))
    vals = np.array([7, 8]).astype(a.dtype)
    a1, o1 = a.copy(), ox.asarray(a.copy())
    np.place(a1, mask, vals)
    ox.place(o1, ox.asarray(mask), ox.asarray(vals))
    assert_same(o1, a1)
    a2, o2 = a.copy(), ox.asarray(a.copy())
    np.putmask(a2, mask, vals)
    ox.putmask(o2, ox.asarray(mask), ox.asarray(vals))
    assert_same(o2, a2)


def test_mask_errors():
    raises_like(lambda: np.putmask(np.arange(3), np.array([True]), 1),
                lambda: ox.putmask(ox.arange(3), ox.asarray([True]), 1))
    raises_like(lambda: np.place(np.arange(3), np.array([True, False, True]), []),
                lambda: ox.place(ox.arange(3), ox.asarray([True, False, True]), []))
    raises_like(lambda: np.compress([[True]], np.arange(3)), lambda: ox.compress([[True]], ox.arange(3)))
    raises_like(lambda: np.compress([True, False, True, True], np.arange(3)),
                lambda: ox.compress([True, False, True, True], ox.arange(3)))


def test_select_piecewise():
    x = np.arange(10.0)
    ox_x = ox.asarray(x)
    assert_same(ox.select([ox_x < 3, ox_x > 5], [ox_x, ox_x ** 2], 42),
                np.select([x < 3, x > 5], [x, x ** 2], 42))
    assert_same(ox.select([ox_x < 3], [1], default=0), np.select([x < 3], [1], default=0))
    raises_like(lambda: np.select([x < 3], [x, x]), lambda: ox.select([ox_x < 3], [ox_x, ox_x]))
    raises_like(lambda: np.select([], []), lambda: ox.select([], []))
    raises_like(lambda: np.select([x], [x]), lambda: ox.select([ox_x], [ox_x]))
    assert_same(ox.piecewise(ox_x, [ox_x < 4, ox_x >= 4], [-1, lambda v: v * 2]),
                np.piecewise(x, [x < 4, x >= 4], [-1, lambda v: v * 2]))
    assert_same(ox.piecewise(ox_x, [ox_x < 4], [lambda v: -v, 5.0]),
                np.piecewise(x, [x < 4], [lambda v: -v, 5.0]))


@FAST
@given(st.lists(st.integers(1, 4), min_size=1, max_size=3), st.sampled_from(["C", "F"]), st.data())
def test_unravel_ravel(dims, order, data):
    size = int(np.prod(dims))
    idx = np.array(data.draw(st.lists(st.integers(0, size - 1), max_size=5)), dtype=np.int64)
    for got, exp in zip(ox.unravel_index(ox.asarray(idx), dims, order=order),
                        np.unravel_index(idx, dims, order=order)):
        assert_same(got, exp)
    i = data.draw(st.integers(0, size - 1))
    for got, exp in zip(ox.unravel_index(i, dims), np.unravel_index(i, dims)):
        assert_same(got, exp)
    coords = np.unravel_index(idx, dims, order=order)
    assert_same(ox.ravel_multi_index(tuple(ox.asarray(c) for c in coords), dims, order=order),
                np.ravel_multi_index(coords, dims, order=order))
    wild = tuple(np.array([-5, 0, 7]) for _ in dims)
    for mode in ("wrap", "clip"):
        assert_same(ox.ravel_multi_index(tuple(ox.asarray(c) for c in wild), dims, mode=mode),
                    np.ravel_multi_index(wild, dims, mode=mode))


def test_unravel_ravel_errors():
    e = raises_like(lambda: np.unravel_index(10, (2, 3)), lambda: ox.unravel_index(10, (2, 3)))
    assert "10" in str(e) and "6" in str(e)
    raises_like(lambda: np.unravel_index(1.5, (2, 3)), lambda: ox.unravel_index(1.5, (2, 3)))
    raises_like(lambda: np.ravel_multi_index(([3], [0]), (2, 3)),
                lambda: ox.ravel_multi_index(([3], [0]), (2, 3)))
    raises_like(lambda: np.ravel_multi_index(([1],), (2, 3)),
                lambda: ox.ravel_multi_index(([1],), (2, 3)))
    assert_same(ox.ravel_multi_index((1, 2), (2, 3)), np.ravel_multi_index((1, 2), (2, 3)))


REAL = [d for d in ALL_DTYPES if d != "bool"]


@FAST
@given(arrays(min_dims=1, dtypes=REAL), st.integers(-2, 2))
def test_clip_round(p, decimals):
    a, oa = p
    if a.dtype.kind == "c":
        assert_same(ox.round(oa, decimals), np.round(a, decimals))
        return
    assert_same(ox.clip(oa, 0, 3), np.clip(a, 0, 3))
    assert_same(oa.clip(1, None), a.clip(1, None))
    assert_same(ox.clip(oa, max=2), np.clip(a, max=2))
    if a.dtype.kind == "u" and decimals < 0 and a.size and a.max() > 1000:
        # Wrapped negatives near 2**32 round past the type's range; the float -> unsigned
        # cast of such values is platform-defined (NumPy gives 0 here, a C cast 4).
        a, oa = a % 7, ox.asarray(a % 7)
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        assert_same(ox.round(oa, decimals), np.round(a, decimals))
        assert_same(oa.round(decimals), a.round(decimals))
        assert_same(ox.around(oa, decimals), np.around(a, decimals))


def test_round_scalars_and_floats():
    x = np.array([0.5, 1.5, 2.675, -1.25, 1234.5678], dtype=np.float64)
    for d in (-2, -1, 0, 1, 2, 3):
        assert_same(ox.round(ox.asarray(x), d), np.round(x, d))
        assert_same(ox.round(ox.asarray(x.astype(np.float32)), d), np.round(x.astype(np.float32), d))


@FAST
@given(arrays(min_dims=1, dtypes=REAL))
def test_type_checks(p):
    a, oa = p
    assert_same(ox.real(oa), np.real(a))
    assert_same(ox.imag(oa), np.imag(a))
    assert_same(ox.angle(oa), np.angle(a))
    assert_same(ox.iscomplex(oa), np.iscomplex(a))
    assert_same(ox.isreal(oa), np.isreal(a))
    assert ox.iscomplexobj(oa) == np.iscomplexobj(a)
    assert ox.isrealobj(oa) == np.isrealobj(a)
    if a.dtype.kind == "c":
        assert ox.may_share_memory(ox.real(oa), oa) == np.may_share_memory(np.real(a), a)
        assert_same(ox.real_if_close(oa), np.real_if_close(a))
        assert_same(ox.conj(oa), np.conj(a))
        assert_same(oa.conjugate(), a.conjugate())
        assert_same(oa.conj(), a.conj())


def test_inf_nan_helpers():
    for dt in ("float16", "float32", "float64", "complex64", "complex128"):
        x = np.array([np.nan, np.inf, -np.inf, 1.0, -0.0], dtype=dt)
        if dt.startswith("complex"):
            x = x.copy()
            x.imag = np.array([np.inf, 0, np.nan, -np.inf, 2], dtype=x.real.dtype)
        ox_x = ox.asarray(x)
        assert_same(ox.nan_to_num(ox_x), np.nan_to_num(x))
        assert_same(ox.nan_to_num(ox_x, nan=1.5, posinf=7, neginf=-7),
                    np.nan_to_num(x, nan=1.5, posinf=7, neginf=-7))
        if dt.startswith("float"):
            assert_same(ox.isposinf(ox_x), np.isposinf(x))
            assert_same(ox.isneginf(ox_x), np.isneginf(x))
        else:
            raises_like(lambda: np.isposinf(x), lambda: ox.isposinf(ox_x))
    assert_same(ox.nan_to_num(ox.asarray(np.float64(np.nan))), np.nan_to_num(np.float64(np.nan)))
    assert_same(ox.nan_to_num(ox.arange(3)), np.nan_to_num(np.arange(3)))
    x = np.array([1 + 1e-20j, 2 + 0j])
    assert_same(ox.real_if_close(ox.asarray(x)), np.real_if_close(x))


def test_shares_memory_exact():
    base = np.arange(24, dtype=np.int32)
    ob = ox.asarray(base.copy())
    cases = [
        (lambda b: b[::2], lambda b: b[1::2]),
        (lambda b: b[:12], lambda b: b[12:]),
        (lambda b: b[:13], lambda b: b[12:]),
        (lambda b: b.reshape(4, 6)[:, :3], lambda b: b.reshape(4, 6)[:, 3:]),
        (lambda b: b.reshape(4, 6)[::-1, 1], lambda b: b.reshape(4, 6)[:, 1]),
        (lambda b: b, lambda b: b.view(np.int16) if isinstance(b, np.ndarray) else b.view("int16")),
    ]
    for f, g in cases:
        assert ox.shares_memory(f(ob), g(ob)) == np.shares_memory(f(base), g(base))
        assert ox.may_share_memory(f(ob), g(ob)) == np.may_share_memory(f(base), g(base))
    assert not ox.shares_memory(ox.arange(3), ox.arange(3))


def test_methods_misc():
    a = np.arange(6, dtype=np.int32).reshape(2, 3)
    oa = ox.asarray(a.copy())
    assert_same(oa.byteswap(), a.byteswap())
    ob = ox.asarray(a.copy())
    r = ob.byteswap(inplace=True)
    assert r is ob
    assert_same(ob, a.byteswap())
    assert 4 in oa and 9 not in oa
    assert (4 in a) and (9 not in a)
    oa.setflags(write=False)
    assert not oa.flags.writeable
    raises_like(lambda: a.setflags(uic=True), lambda: oa.setflags(uic=True))
    assert ox.ndarray.__array_priority__ == np.zeros(1).__array_priority__
    assert ox.ndarray[int] is not None and ox.ndarray[int].__origin__ is ox.ndarray
    f = np.arange(4, dtype=np.float64)
    of = ox.asarray(f.copy())
    assert_same(of.getfield(np.int32, 4), f.getfield(np.int32, 4))
    of.setfield(0, np.int32, 4)
    f2 = f.copy()
    f2.setfield(0, np.int32, 4)
    assert_same(of, f2)
    assert bytes(oa.data) == bytes(a.data)
    assert oa.ctypes.data == oa._data_ptr
    assert tuple(oa.ctypes.shape) == a.shape and tuple(oa.ctypes.strides) == a.strides
    import pickle

    assert_same(pickle.loads(oa.dumps()), a)
    w = oa.__array_wrap__(ox.asarray(np.array(5)), None, True)
    assert_same(w, np.int32(5) if False else a.__array_wrap__(np.array(5), None, True))


def test_setstate():
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    o = ox.zeros(1)
    o.__setstate__((1, (2, 3), ox.dtype("float32"), False, a.tobytes()))
    assert_same(o, a)
    o.__setstate__((1, (3, 2), ox.dtype("float32"), True, a.T.tobytes(order="F")))
    assert_same(o, a.T)
    assert o.flags.f_contiguous


def test_numpy_functions_dispatch_to_oxarray():
    a = ox.arange(6).reshape(2, 3)
    na = np.arange(6).reshape(2, 3)
    assert_same(np.take(a, [0, 4]), np.take(na, [0, 4]))
    assert_same(np.where(a > 2, a, 0), np.where(na > 2, na, 0))
    assert_same(np.diag(a), np.diag(na))
    assert_same(np.tril(a), np.tril(na))
    assert_same(np.clip(a, 1, 3), np.clip(na, 1, 3))
    assert_same(np.compress([True, False], a, axis=0), np.compress([True, False], na, axis=0))
    assert_same(np.take_along_axis(a, ox.asarray([[0], [1]]), 1), np.take_along_axis(na, np.array([[0], [1]]), 1))
    for got, exp in zip(np.nonzero(a), np.nonzero(na)):
        assert_same(got, exp)
