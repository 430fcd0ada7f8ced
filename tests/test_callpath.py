"""The direct ufunc call path (issue 13, per-call overhead) against the general path and NumPy.

A call with no keywords but ``out=`` takes the direct path when its operands allow it;
passing ``casting="same_kind"`` (the default, so the same call) forces the general path.
Both must give NumPy's values, dtypes, shapes, result kinds, warnings and exceptions.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from conftest import ALL_DTYPES, assert_same, to_numpy

BINARY = ["add", "subtract", "multiply", "divide", "floor_divide", "less", "equal", "maximum", "power"]
OPERATORS = {
    "+": lambda x, y: x + y,
    "-": lambda x, y: x - y,
    "*": lambda x, y: x * y,
    "/": lambda x, y: x / y,
    "<": lambda x, y: x < y,
    "==": lambda x, y: x == y,
    ">=": lambda x, y: x >= y,
    "&": lambda x, y: x & y,
}


def _base_type(exc: type) -> type:
    """NumPy's exception class as oxarray raises it: the first non-NumPy class of its MRO
    (``_UFuncOutputCastingError`` -> ``TypeError``)."""
    return next(t for t in exc.__mro__ if not t.__module__.startswith("numpy"))


def _raise_alike(np_call: Any, ox_call: Any) -> None:
    """Both raise; oxarray's exception is an instance of NumPy's (base) type."""
    with pytest.raises(Exception) as n_info:
        np_call()
    with pytest.raises(_base_type(type(n_info.value))):
        ox_call()


def _outcome(fn: Any) -> tuple[str, Any]:
    """('ok', result) or ('err', exception type), with every FP warning silenced."""
    try:
        with np.errstate(all="ignore"), ox.errstate(all="ignore"):
            return "ok", fn()
    except Exception as e:  # noqa: BLE001 - compared below
        return "err", e


def _check_three(np_fn: Any, fast_fn: Any, slow_fn: Any, zero_d_arrays: bool = False) -> None:
    """NumPy, the direct path and the general path agree (result or exception type).
    ``zero_d_arrays``: the operands are arrays, so a 0-d result stays a 0-d array where
    NumPy gives a scalar (oxarray's documented difference, see ``ufunc/args.rs``)."""
    n_kind, n_res = _outcome(np_fn)
    f_kind, f_res = _outcome(fast_fn)
    s_kind, s_res = _outcome(slow_fn)
    assert f_kind == s_kind, (f_res, s_res)
    if f_kind == "err":
        assert type(f_res) is type(s_res), (f_res, s_res)
        assert str(f_res) == str(s_res)
        assert n_kind == "err", (n_res, f_res)
        assert isinstance(f_res, _base_type(type(n_res))), (f_res, n_res)
        return
    assert n_kind == "ok", (n_res, f_res)
    assert type(f_res) is type(s_res)
    if zero_d_arrays and isinstance(n_res, np.generic):
        assert isinstance(f_res, ox.ndarray) and f_res.ndim == 0
        n_res = np.asarray(n_res)
    assert_same(f_res, n_res)
    assert_same(s_res, n_res)


def _operand(draw: Any, dtype: str, shape: tuple[int, ...], strided: bool) -> tuple[Any, Any]:
    n = int(np.prod(shape)) if shape else 1
    if dtype == "bool":
        vals = draw(st.lists(st.booleans(), min_size=n * 2, max_size=n * 2))
    elif dtype.startswith("u"):
        vals = draw(st.lists(st.integers(0, 200), min_size=n * 2, max_size=n * 2))
    elif dtype.startswith("i"):
        vals = draw(st.lists(st.integers(-100, 100), min_size=n * 2, max_size=n * 2))
    else:
        vals = draw(
            st.lists(st.sampled_from([0.0, -0.0, 1.5, -2.0, 3.0, float("inf"), float("nan"), 1e4]), min_size=n * 2, max_size=n * 2)
        )
    base = np.array(vals, dtype=dtype)
    na = base[::2] if strided else base[:n]
    na = na.reshape(shape)
    ob = ox.asarray(base.copy())
    oa = (ob[::2] if strided else ob[:n]).reshape(shape)
    return na, oa


@st.composite
def binary_case(draw: Any) -> tuple[str, Any, Any, Any, Any]:
    name = draw(st.sampled_from(BINARY))
    shape = draw(st.sampled_from([(), (1,), (3,), (2, 3), (0,)]))
    other_shape = draw(st.sampled_from([shape, (), (1,)] + ([shape[1:]] if shape else [])))
    if draw(st.booleans()):
        shape, other_shape = other_shape, shape
    d1 = draw(st.sampled_from(ALL_DTYPES))
    d2 = draw(st.sampled_from([d1, d1, *ALL_DTYPES]))
    na, oa = _operand(draw, d1, shape, draw(st.booleans()))
    nb, ob = _operand(draw, d2, other_shape, draw(st.booleans()))
    return name, na, oa, nb, ob


@settings(max_examples=80, deadline=None)
@given(binary_case())
def test_arrays_fast_equals_slow_equals_numpy(case: tuple[str, Any, Any, Any, Any]) -> None:
    name, na, oa, nb, ob = case
    nf, of = getattr(np, name), getattr(ox, name)
    _check_three(lambda: nf(na, nb), lambda: of(oa, ob), lambda: of(oa, ob, casting="same_kind"), True)


SCALARS = [0, 1, -3, 255, 300, 2**40, 2**63 - 1, 2**63, -(2**63), 1.5, -0.0, float("inf"), 2j, 1 + 0j, True, False]


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(BINARY),
    st.sampled_from(ALL_DTYPES),
    st.sampled_from(SCALARS),
    st.booleans(),
    st.sampled_from([(), (1,), (4,)]),
)
def test_python_scalars(name: str, dtype: str, value: Any, left: bool, shape: tuple[int, ...]) -> None:
    na = (np.arange(int(np.prod(shape)) if shape else 1) % 3).astype(dtype).reshape(shape)
    oa = ox.asarray(na)
    nf, of = getattr(np, name), getattr(ox, name)
    if left:
        _check_three(lambda: nf(value, na), lambda: of(value, oa), lambda: of(value, oa, casting="same_kind"), True)
    else:
        _check_three(lambda: nf(na, value), lambda: of(oa, value), lambda: of(oa, value, casting="same_kind"), True)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(BINARY),
    st.sampled_from(ALL_DTYPES),
    st.sampled_from(ALL_DTYPES),
    st.sampled_from([1, 2, 0, 1.25, True]),
)
def test_array_scalars(name: str, d1: str, d2: str, value: Any) -> None:
    """oxarray scalars are strong operands; two of them give a scalar."""
    ns1, ns2 = np.dtype(d1).type(value), np.dtype(d2).type(2)
    os1, os2 = ox.dtype(d1).type(value), ox.dtype(d2).type(2)
    nf, of = getattr(np, name), getattr(ox, name)
    _check_three(lambda: nf(ns1, ns2), lambda: of(os1, os2), lambda: of(os1, os2, casting="same_kind"))
    na = np.arange(3).astype(d2)
    oa = ox.asarray(na)
    _check_three(lambda: nf(ns1, na), lambda: of(os1, oa), lambda: of(os1, oa, casting="same_kind"))


@pytest.mark.parametrize("sym", sorted(OPERATORS))
@pytest.mark.parametrize("dtype", ["float64", "int64", "bool", "float32", "uint8"])
@pytest.mark.parametrize("n", [1, 5])
def test_operators(sym: str, dtype: str, n: int) -> None:
    fn = OPERATORS[sym]
    na = (np.arange(n) % 2 + 1).astype(dtype)
    nb = (np.arange(n) % 3).astype(dtype)
    oa, ob = ox.asarray(na), ox.asarray(nb)
    n_kind, n_res = _outcome(lambda: fn(na, nb))
    o_kind, o_res = _outcome(lambda: fn(oa, ob))
    assert n_kind == o_kind, (n_res, o_res)
    if n_kind == "ok":
        assert_same(o_res, n_res)
    for value in (2, 2.5, True):
        n_kind, n_res = _outcome(lambda: fn(na, value))
        o_kind, o_res = _outcome(lambda: fn(oa, value))
        assert n_kind == o_kind, (value, n_res, o_res)
        if n_kind == "ok":
            assert_same(o_res, n_res)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["add", "multiply", "less", "subtract"]),
    st.sampled_from(["float64", "int64", "float32", "bool", "int8"]),
    st.sampled_from(["float64", "int64", "float32", "bool", "int8"]),
    st.sampled_from([(1,), (4,), (2, 2)]),
    st.booleans(),
)
def test_out_argument(name: str, din: str, dout: str, shape: tuple[int, ...], strided_out: bool) -> None:
    n = int(np.prod(shape))
    na = np.arange(n).reshape(shape).astype(din)
    nb = (np.arange(n) % 2).reshape(shape).astype(din)
    oa, ob = ox.asarray(na), ox.asarray(nb)
    nf, of = getattr(np, name), getattr(ox, name)

    def np_call() -> Any:
        base = np.zeros(n * 2, dtype=dout)
        o = (base[::2] if strided_out else base[:n]).reshape(shape)
        r = nf(na, nb, out=o)
        assert r is o
        return o

    def ox_call(**kw: Any) -> Any:
        base = ox.zeros(n * 2, dtype=dout)
        o = (base[::2] if strided_out else base[:n]).reshape(shape)
        r = of(oa, ob, out=o, **kw)
        assert r is o
        return o

    _check_three(np_call, ox_call, lambda: ox_call(casting="same_kind"))


def test_out_identical_and_overlapping() -> None:
    na, oa = np.arange(6.0), ox.arange(6.0)
    np.add(na, na, out=na)
    ox.add(oa, oa, out=oa)
    assert_same(oa, na)
    na, oa = np.arange(6.0), ox.arange(6.0)
    na[1:] += na[:-1]
    oa[1:] += oa[:-1]
    assert_same(oa, na)
    na, oa = np.arange(6), ox.arange(6)
    na[:-1] += na[1:]
    oa[:-1] += oa[1:]
    assert_same(oa, na)
    na, oa = np.arange(6.0), ox.arange(6.0)
    np.multiply(na[::-1], 2.0, out=na)
    ox.multiply(oa[::-1], 2.0, out=oa)
    assert_same(oa, na)
    na, oa = np.arange(6.0), ox.arange(6.0)
    np.add(na, na[0:1], out=na)
    ox.add(oa, oa[0:1], out=oa)
    assert_same(oa, na)


def test_inplace_operators() -> None:
    for dtype in ["float64", "int64", "int8"]:
        na, oa = np.arange(5).astype(dtype), ox.arange(5).astype(dtype)
        nb, ob = np.ones(5, dtype=dtype), ox.ones(5, dtype=dtype)
        na += nb
        oa += ob
        na *= 3
        oa *= 3
        assert_same(oa, na)
    oi = ox.arange(3)
    _raise_alike(lambda: np.arange(3).__iadd__(1.5), lambda: oi.__iadd__(1.5))
    ro = ox.arange(3.0)
    ro.flags.writeable = False
    nro = np.arange(3.0)
    nro.flags.writeable = False
    _raise_alike(lambda: np.add(nro, 1.0, out=nro), lambda: ox.add(ro, 1.0, out=ro))


def test_weak_integer_rules() -> None:
    nu, ou = np.arange(3, dtype=np.uint8), ox.arange(3, dtype=ox.uint8)
    _raise_alike(lambda: nu + 300, lambda: ou + 300)
    _raise_alike(lambda: nu + (-1), lambda: ou + (-1))
    assert_same(ou < 300, nu < 300)
    assert_same(ou == -1, nu == -1)
    assert_same(ou > -1, nu > -1)
    assert_same(ou + 255, nu + 255)
    nb, ob = np.array([True, False]), ox.array([True, False])
    _raise_alike(lambda: nb + 2**64, lambda: ob + 2**64)
    assert_same(ob + (2**63 - 1), nb + (2**63 - 1))
    _raise_alike(lambda: nb + 2**63, lambda: ob + 2**63)
    ni, oi = np.arange(3), ox.arange(3)
    _raise_alike(lambda: ni + 2**63, lambda: oi + 2**63)
    _raise_alike(lambda: ni + 2**64, lambda: oi + 2**64)
    assert_same(oi * 1.5, ni * 1.5)
    assert_same(oi + 1j, ni + 1j)
    nf, of = np.arange(3, dtype=np.float32), ox.arange(3, dtype=ox.float32)
    assert_same(of * 2.0, nf * 2.0)
    assert_same(of + 3, nf + 3)


def test_errstate_on_direct_path() -> None:
    oa, oz = ox.ones(1), ox.zeros(1)
    with ox.errstate(divide="raise"):
        with pytest.raises(FloatingPointError):
            oa / oz
        with pytest.raises(FloatingPointError):
            ox.divide(oa, 0.0)
        with pytest.raises(FloatingPointError):
            ox.divide(oa, oz, out=ox.empty(1))
    with ox.errstate(divide="warn"):
        with pytest.warns(RuntimeWarning, match="divide by zero encountered in divide"):
            oa / oz
    with ox.errstate(all="ignore"):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            r = oa / oz
    assert to_numpy(r).tolist() == [float("inf")]
    with ox.errstate(invalid="raise"):
        with pytest.raises(FloatingPointError):
            oz / oz
    seen: list[Any] = []
    with ox.errstate(over="call", call=lambda kind, flag: seen.append(kind)):
        ox.multiply(ox.full(1, 1e308), 10.0)
    assert seen == ["overflow"]
    # A state left by an earlier call does not leak into the next.
    with ox.errstate(all="raise"):
        ox.add(oa, oa)


def test_integer_division_by_zero_warns_like_numpy() -> None:
    na, oa = np.arange(3), ox.arange(3)
    with pytest.warns(RuntimeWarning) as np_w:
        nr = na // 0
    with pytest.warns(RuntimeWarning) as ox_w:
        orr = oa // 0
    assert_same(orr, nr)
    assert [str(w.message) for w in ox_w] == [str(w.message) for w in np_w]


class Sub(ox.ndarray):
    pass


def test_subclasses_same_on_both_paths() -> None:
    s = ox.arange(4.0).view(Sub)
    fast, slow = ox.add(s, 1.0), ox.add(s, 1.0, casting="same_kind")
    assert type(fast) is type(slow)
    assert to_numpy(fast).tolist() == to_numpy(slow).tolist() == [1.0, 2.0, 3.0, 4.0]
    op = s + s
    assert type(op) is type(slow)
    assert to_numpy(op).tolist() == [0.0, 2.0, 4.0, 6.0]
    out = ox.zeros(4).view(Sub)
    assert ox.add(s, s, out=out) is out


class Deferring:
    __array_ufunc__ = None

    def __radd__(self, other: Any) -> str:
        return "radd"

    def __rlt__(self, other: Any) -> str:
        return "rlt"

    def __gt__(self, other: Any) -> str:
        return "gt"


class Prioritised:
    __array_priority__ = 100.0

    def __rmul__(self, other: Any) -> str:
        return "rmul"


class Overriding:
    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> str:
        return "override"

    def __radd__(self, other: Any) -> str:
        return "radd"


def test_overrides_still_dispatched() -> None:
    a = ox.arange(3.0)
    assert a + Deferring() == "radd"
    assert (a < Deferring()) == "gt"
    assert a * Prioritised() == "rmul"
    n = np.arange(3.0)
    assert n + Deferring() == "radd"
    assert n * Prioritised() == "rmul"
    # NumPy ufuncs on oxarray arrays still go through oxarray's __array_ufunc__.
    r = np.add(a, a)
    assert isinstance(r, ox.ndarray)
    assert to_numpy(r).tolist() == [0.0, 2.0, 4.0]


def test_loop_replacement_invalidates_the_cache() -> None:
    a, b = ox.array([5.0]), ox.array([3.0])
    assert (a + b).tolist() == [8.0]
    old = ox.add._replace_loop("dd->d", ox.subtract)
    try:
        assert (a + b).tolist() == [2.0]
        assert ox.add(a, b).tolist() == [2.0]
    finally:
        ox.add._replace_loop("dd->d", old)
    assert (a + b).tolist() == [8.0]
    assert ox.add(a, b).tolist() == [8.0]


def test_keywords_take_the_general_path() -> None:
    na, nb = np.arange(4.0), np.arange(4.0)[::-1].copy()
    oa, ob = ox.asarray(na), ox.asarray(nb)
    mask_n = np.array([True, False, True, False])
    mask_o = ox.asarray(mask_n)
    no, oo = np.zeros(4), ox.zeros(4)
    np.add(na, nb, out=no, where=mask_n)
    ox.add(oa, ob, out=oo, where=mask_o)
    assert_same(oo, no)
    assert_same(ox.add(oa, ob, dtype="float32"), np.add(na, nb, dtype="float32"))
    assert_same(ox.add(oa, 1, casting="unsafe", dtype="int64"), np.add(na, 1, casting="unsafe", dtype="int64"))
    assert_same(ox.add(oa, ob, out=(oo,)), np.add(na, nb, out=(no,)))
    _raise_alike(lambda: np.add(na, nb, out=no, casting="no", dtype="int64"), lambda: ox.add(oa, ob, out=oo, casting="no", dtype="int64"))
    _raise_alike(lambda: np.add(na, nb, bogus=1), lambda: ox.add(oa, ob, bogus=1))
    assert_same(ox.add(oa, ob, out=None), np.add(na, nb, out=None))
    assert_same(ox.add(oa, ob, where=True), np.add(na, nb, where=True))
    assert_same(ox.add(oa, ob, subok=True, order="K"), np.add(na, nb, subok=True, order="K"))
    assert_same(ox.add(oa, ob, casting="unsafe"), np.add(na, nb, casting="unsafe"))
    _raise_alike(lambda: np.add(na, nb, casting=3), lambda: ox.add(oa, ob, casting=3))
    _raise_alike(lambda: np.add(na), lambda: ox.add(oa))
    _raise_alike(lambda: np.add(na, np.arange(3.0)), lambda: ox.add(oa, ox.arange(3.0)))
    _raise_alike(lambda: np.add(na, nb, out=np.zeros(3)), lambda: ox.add(oa, ob, out=ox.zeros(3)))
    _raise_alike(lambda: np.add(na, "x"), lambda: ox.add(oa, "x"))


def test_unary_and_multi_output() -> None:
    na, oa = np.array([-1.5, 0.0, 2.0]), ox.array([-1.5, 0.0, 2.0])
    assert_same(-oa, -na)
    assert_same(abs(oa), abs(na))
    assert_same(ox.negative(oa), np.negative(na))
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        assert_same(ox.sqrt(oa), np.sqrt(na))
    q, r = divmod(oa, 2.0)
    nq, nr = divmod(na, 2.0)
    assert_same(q, nq)
    assert_same(r, nr)
    assert_same(oa**2, na**2)
