"""Python operators on oxarray arrays and scalars against NumPy: arithmetic, comparison,
bitwise, unary, reflected and in-place forms, divmod, @, weak Python scalars, deferral
to foreign objects, and the error state seen through real operations."""

import itertools
import operator
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import oxarray as ox
from _pyufunc_strategies import ALL_DTYPES, array_pairs, twin
from conftest import assert_same

BINARY = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
    "//": operator.floordiv, "%": operator.mod, "**": operator.pow,
    "<<": operator.lshift, ">>": operator.rshift, "&": operator.and_,
    "|": operator.or_, "^": operator.xor,
}
COMPARE = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt,
    "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}
INPLACE = {
    "+": operator.iadd, "-": operator.isub, "*": operator.imul, "/": operator.itruediv,
    "//": operator.ifloordiv, "%": operator.imod, "**": operator.ipow,
    "<<": operator.ilshift, ">>": operator.irshift, "&": operator.iand,
    "|": operator.ior, "^": operator.ixor,
}
UNARY = {"-": operator.neg, "+": operator.pos, "abs": abs, "~": operator.invert}


def values(dtype, n=6, offset=0):
    """Small values (no overflow surprises), with a zero for the division cases."""
    dt = np.dtype(dtype)
    base = (np.arange(n) + offset) % 5
    if dt.kind == "b":
        return base % 2 == 1
    if dt.kind == "u":
        return base.astype(dt)
    if dt.kind == "c":
        return (base - 2 + 1j * (base % 3)).astype(dt)
    return (base - 2).astype(dt)


def assert_close(got, expected, reference=None):
    """Same kind, shape and dtype; inexact values within a few ULP (transcendental kernels
    such as `power` need not round exactly like NumPy's: issue 3 allows 4 ULP)."""
    e = np.asarray(expected)
    if e.dtype.kind not in "fc":
        assert_same(got, expected)
        return
    assert isinstance(got, ox.ndarray) == isinstance(expected, np.ndarray)
    g = np.asarray(got.tolist(), dtype=e.dtype).reshape(e.shape)
    assert str(got.dtype) == str(e.dtype) and g.shape == e.shape
    eps = np.finfo(e.dtype).eps
    gd, ed = g.astype(np.complex128), e.astype(np.complex128)
    ok = close_to(gd, ed, e.dtype)
    if reference is not None and not ok.all():
        # NumPy's own single-precision result may be the inaccurate one (its complex64
        # power overflows to arbitrary infinities, for one): then ours must be within
        # 4 ULP of the double-precision result, or equal to it rounded.
        with np.errstate(all="ignore"):
            rd = np.asarray(reference).astype(e.dtype).astype(np.complex128)
        ok |= close_to(gd, rd, e.dtype)
    assert np.all(ok), (g, e)


def close_to(gd, ed, dtype):
    """Elementwise: same NaN-ness, same infinities, finite values within 4 ULP of the
    magnitude (a complex result's small component is not computed to full relative
    accuracy by either library)."""
    eps, tiny = np.finfo(dtype).eps, np.finfo(dtype).tiny
    with np.errstate(all="ignore"):
        same = (gd == ed) | (np.isnan(gd) & np.isnan(ed))
        fin = np.isfinite(ed) & np.isfinite(gd)
        near = fin & (np.abs(gd - ed) <= 4 * eps * np.maximum(np.abs(ed), tiny))
    return same | near


def check(np_call, ox_call, zero_d_inputs=False, close=False):
    """Same result (values, dtype, shape, scalar-or-array), or the same exception type.

    `zero_d_inputs`: every operand was a 0-d array, so oxarray deliberately returns a 0-d
    array where NumPy returns a scalar (issue 3, part 1)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            try:
                expected = np_call()
            except Exception as e:  # noqa: BLE001 - compare whatever NumPy raises
                exc = type(e)
                while exc.__module__.startswith("numpy"):
                    exc = exc.__mro__[1]
                with ox.errstate(all="ignore"), pytest.raises(exc):
                    ox_call()
                return
        with ox.errstate(all="ignore"):
            got = ox_call()
    if zero_d_inputs:
        expected = (tuple(np.asarray(e) for e in expected) if isinstance(expected, tuple)
                    else np.asarray(expected))
    if isinstance(expected, tuple):
        assert isinstance(got, tuple) and len(got) == len(expected)
        for g, e in zip(got, expected):
            assert_same(g, e)
    elif close:
        with np.errstate(all="ignore"):
            reference = close() if callable(close) else None
        assert_close(got, expected, reference=reference)
    else:
        assert_same(got, expected)


@pytest.mark.parametrize("op", sorted(BINARY))
@pytest.mark.parametrize("ldt", ALL_DTYPES)
def test_binary_all_dtype_pairs(op, ldt):
    f = BINARY[op]
    for rdt in ALL_DTYPES:
        na, nb = values(ldt), values(rdt, offset=2)
        oa, ob = twin(na), twin(nb)
        check(lambda: f(na, nb), lambda: f(oa, ob), close=op == "**")


@pytest.mark.parametrize("op", sorted(COMPARE))
@pytest.mark.parametrize("ldt", ALL_DTYPES)
def test_compare_all_dtype_pairs(op, ldt):
    f = COMPARE[op]
    for rdt in ALL_DTYPES:
        na, nb = values(ldt), values(rdt, offset=2)
        check(lambda: f(na, nb), lambda: f(twin(na), twin(nb)))


PY_SCALARS = [True, False, 0, 3, -2, 200, 300, 2**40, -(2**63), 2**64 - 1, 2.5, -0.0, float("inf"),
              float("nan"), 1e300, 1 + 2j]


@pytest.mark.parametrize("op", sorted(BINARY) + sorted(COMPARE))
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_python_scalars_are_weak(op, dtype):
    f = BINARY.get(op) or COMPARE[op]
    na = values(dtype)
    oa = twin(na)
    wide = {"float16": "float64", "float32": "float64", "complex64": "complex128"}.get(dtype)
    for s in PY_SCALARS:
        close = op == "**"
        if close and wide:
            close = (lambda s=s: f(na.astype(wide), s))
        check(lambda: f(na, s), lambda: f(oa, s), close=close)
        if close and wide:
            close = (lambda s=s: f(s, na.astype(wide)))
        check(lambda: f(s, na), lambda: f(s, oa), close=close)


@pytest.mark.parametrize("op", sorted(UNARY))
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_unary(op, dtype):
    f = UNARY[op]
    na = values(dtype)
    check(lambda: f(na), lambda: f(twin(na)))
    # Scalars: NumPy scalar -> our scalar of the same dtype.
    check(lambda: f(na[1]), lambda: f(twin(na)[1]))


@pytest.mark.parametrize("op", sorted(INPLACE))
@pytest.mark.parametrize("ldt", ALL_DTYPES)
def test_inplace_all_dtype_pairs(op, ldt):
    f = INPLACE[op]
    for rdt in ALL_DTYPES:
        na, nb = values(ldt), values(rdt, offset=2)
        oa, ob = twin(na), twin(nb)

        def np_call():
            r = f(na, nb)
            assert r is na
            return na

        def ox_call():
            r = f(oa, ob)
            assert r is oa
            return oa

        check(np_call, ox_call, close=op == "**")


@pytest.mark.parametrize("dtype", ["int8", "int32", "int64", "uint8", "bool"])
def test_int_inplace_float_raises(dtype):
    na, oa = values(dtype), twin(values(dtype))
    with pytest.raises(TypeError) as e_np:
        na += 1.5
    with pytest.raises(TypeError) as e_ox:
        oa += 1.5
    assert isinstance(e_ox.value, ox.exceptions.UFuncTypeError)
    assert str(e_ox.value) == str(e_np.value)
    assert_same(oa, na)  # untouched


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_inplace_python_scalars(dtype):
    for s in PY_SCALARS:
        for op in ["+", "*", "-"]:
            na, oa = values(dtype), twin(values(dtype))

            def np_call(na=na):
                na = INPLACE[op](na, s)
                return na

            def ox_call(oa=oa):
                oa = INPLACE[op](oa, s)
                return oa

            check(np_call, ox_call)


@pytest.mark.parametrize("ldt", ALL_DTYPES)
def test_divmod(ldt):
    for rdt in ALL_DTYPES:
        na, nb = values(ldt), values(rdt, offset=2)
        check(lambda: divmod(na, nb), lambda: divmod(twin(na), twin(nb)))
    na = values(ldt)
    check(lambda: divmod(na, 3), lambda: divmod(twin(na), 3))
    check(lambda: divmod(7, na), lambda: divmod(7, twin(na)))


def test_pow_with_modulo_is_type_error():
    with pytest.raises(TypeError):
        pow(np.arange(3), 2, 3)
    with pytest.raises(TypeError):
        pow(ox.arange(3), 2, 3)


@pytest.mark.parametrize("dtype", ["int32", "int64", "float32", "float64", "complex128", "bool"])
@pytest.mark.parametrize("shapes", [((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 4)), ((2, 3), (3, 4)),
                                    ((5, 2, 3), (3, 2)), ((2, 3), (4, 2))])
def test_matmul_operator(dtype, shapes):
    na = values(dtype, n=int(np.prod(shapes[0]))).reshape(shapes[0])
    nb = values(dtype, n=int(np.prod(shapes[1])), offset=1).reshape(shapes[1])
    check(lambda: na @ nb, lambda: twin(na) @ twin(nb))


def test_matmul_scalar_raises():
    with pytest.raises(ValueError):
        np.arange(3) @ 2
    with pytest.raises(ValueError):
        ox.arange(3) @ 2


@given(data=st.data())
def test_broadcast_and_views(data):
    dts = ["int16", "int64", "uint8", "float32", "float64", "complex64", "bool"]
    na, oa = data.draw(array_pairs(dtypes=dts, max_dims=3))
    shape_b = data.draw(hnp.broadcastable_shapes(na.shape, max_dims=3, min_side=0))
    nb, ob = data.draw(array_pairs(dtypes=dts, shape=shape_b))
    op = data.draw(st.sampled_from(sorted(set(BINARY) - {"**", "<<", ">>"}) + sorted(COMPARE)))
    f = BINARY.get(op) or COMPARE[op]
    check(lambda: f(na, nb), lambda: f(oa, ob), zero_d_inputs=na.ndim == nb.ndim == 0)


@given(data=st.data())
def test_inplace_overlap(data):
    n = data.draw(st.integers(2, 20))
    na = np.arange(n, dtype=np.int64)
    oa = twin(na)
    na[1:] += na[:-1]
    oa[1:] += oa[:-1]
    assert_same(oa, na)


def test_scalar_results_are_scalars():
    for t in ["int8", "uint16", "int64", "float16", "float32", "float64", "complex64"]:
        ns, os_ = np.dtype(t).type(3), getattr(ox, t)(3)
        for s in [2, 2.5, True, 1j]:
            for f in (operator.add, operator.mul, operator.sub, operator.truediv, operator.lt):
                check(lambda: f(ns, s), lambda: f(os_, s))
                if t == "float64" and isinstance(s, complex):
                    # NumPy's float64 subclasses Python's float, so `1j + np.float64(3)` is
                    # Python's complex arithmetic; ours does not (documented in scalars.rs)
                    # and gives a complex128 scalar of the same value.
                    r = f(s, os_)
                    assert type(r) in (ox.complex128, ox.bool) and r == f(s, ns)
                    continue
                check(lambda: f(s, ns), lambda: f(s, os_))
        for u in ["int8", "float32", "float64", "uint64"]:
            nu, ou = np.dtype(u).type(2), getattr(ox, u)(2)
            check(lambda: ns * nu, lambda: os_ * ou)
    assert type(ox.float64(1.5) * 2) is ox.float64
    assert ox.float64(1.5) * 2 == 3.0


def test_scalar_with_array():
    na = values("float32")
    check(lambda: np.float64(2) * na, lambda: ox.float64(2) * twin(na))
    check(lambda: na + np.int8(1), lambda: twin(na) + ox.int8(1))
    # 0-d arrays stay arrays (deliberately: NumPy would give a scalar).
    r = ox.array(2.0) + ox.array(3.0)
    assert isinstance(r, ox.ndarray) and r.shape == () and r.dtype == ox.float64


def test_lists_and_numpy_arrays_as_operands():
    na = values("int32")
    check(lambda: na + [1, 2, 3, 4, 5, 6], lambda: twin(na) + [1, 2, 3, 4, 5, 6])
    check(lambda: [1.5] * 6 - na, lambda: [1.5] * 6 - twin(na))
    assert_same(twin(na) + np.ones(6, np.int8), na + np.ones(6, np.int8))


class Prio:
    __array_priority__ = 10.0

    def __radd__(self, other):
        return "Prio.__radd__"

    def __rmul__(self, other):
        return "Prio.__rmul__"


class NoUfunc:
    __array_ufunc__ = None

    def __radd__(self, other):
        return "NoUfunc.__radd__"

    def __rsub__(self, other):
        return "NoUfunc.__rsub__"

    def __eq__(self, other):
        return "NoUfunc.__eq__"

    __hash__ = object.__hash__


def test_deferral_to_foreign_objects():
    for a in (np.arange(3), ox.arange(3)):
        assert a + Prio() == "Prio.__radd__"
        assert a * Prio() == "Prio.__rmul__"
        assert a + NoUfunc() == "NoUfunc.__radd__"
        assert a - NoUfunc() == "NoUfunc.__rsub__"
        assert (a == NoUfunc()) == "NoUfunc.__eq__"


def test_unconvertible_operands():
    for a in (np.arange(3), ox.arange(3)):
        with pytest.raises(TypeError):
            a + object()
        with pytest.raises(TypeError):
            a < object()
    assert_same(ox.arange(3) == object(), np.arange(3) == object())
    assert_same(ox.arange(3) != object(), np.arange(3) != object())


def test_arrays_are_unhashable():
    with pytest.raises(TypeError):
        hash(np.arange(3))
    with pytest.raises(TypeError):
        hash(ox.arange(3))


def test_inputs_not_modified():
    na = values("float64")
    oa = twin(na)
    before = oa.tolist()
    for f in list(BINARY.values()) + list(COMPARE.values()):
        with ox.errstate(all="ignore"):
            try:
                f(oa, oa)
            except TypeError:  # shifts and bitwise operators refuse floats, as NumPy's
                pass
    assert oa.tolist() == before


# ------------------------------------------------------------- error state through operators


@pytest.mark.parametrize("expr,name", [
    (lambda m: m.array([1.0, 2.0]) / 0.0, "divide"),
    (lambda m: m.array([0.0]) / 0.0, "divide"),
    (lambda m: m.array([1e300]) * 1e300, "multiply"),
    (lambda m: m.array([-1.0]) ** 0.5, "sqrt"),
    (lambda m: m.array([0.0]) ** -1, "reciprocal"),
    (lambda m: m.array([1e300]) ** 2, "square"),
    (lambda m: m.array([-1.0]) ** 1.5, "power"),
    (lambda m: m.array([1, 2]) // 0, "floor_divide"),
    (lambda m: m.array([1, 2]) % 0, "remainder"),
])
def test_errstate_through_operators(expr, name):
    with pytest.warns(RuntimeWarning) as np_rec:
        expr(np)
    with pytest.warns(RuntimeWarning) as ox_rec:
        expr(ox)
    assert [str(w.message) for w in ox_rec] == [str(w.message) for w in np_rec]
    with np.errstate(all="raise"), pytest.raises(FloatingPointError) as e_np:
        expr(np)
    with ox.errstate(all="raise"), pytest.raises(FloatingPointError) as e_ox:
        expr(ox)
    assert str(e_ox.value) == str(e_np.value)
    with ox.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("error")
        expr(ox)


def test_errstate_decorator_with_operators():
    @ox.errstate(divide="raise")
    def f():
        return ox.array([1.0]) / 0.0

    with pytest.raises(FloatingPointError, match="divide by zero encountered in divide"):
        f()
    with pytest.warns(RuntimeWarning):
        ox.array([1.0]) / 0.0


@pytest.mark.parametrize("dtype", ["int8", "int16", "int32", "int64", "uint8", "uint64"])
def test_int_overflow_extension(dtype):
    info = np.iinfo(dtype)
    na = np.array([info.max, 1], dtype=dtype)
    oa = twin(na)
    # Off by default: wraps silently, exactly like NumPy.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_same(oa + 1, na + 1)
    with ox.errstate(int_overflow="raise"):
        with pytest.raises(FloatingPointError, match="overflow encountered in add"):
            oa + 1
        with pytest.raises(FloatingPointError, match="overflow encountered in multiply"):
            oa * 2
        assert_same(oa - 1, na - 1)  # no overflow, no error
    with ox.errstate(int_overflow="warn"), pytest.warns(RuntimeWarning, match="overflow"):
        oa + oa


SCALAR_EXPRS = [
    "m.float64(1) / 0.0", "m.float64(1) // 0.0", "m.float64(1) % 0.0", "m.float64(1e300) * 1e300",
    "m.float64(-1) ** 0.5", "m.int8(127) + m.int8(1)", "m.int8(127) + 1", "m.int8(-128) - 1",
    "m.int8(100) * 2", "-m.int8(-128)", "abs(m.int8(-128))", "m.int8(1) // 0", "m.int8(1) % 0",
    "divmod(m.int8(1), 0)", "m.float32(3) ** 200", "m.uint8(0) - 1", "m.int64(2) ** 70",
    "m.int16(300) * m.int16(300)", "m.uint64(2**63) * 2", "m.int32(5) + m.int32(6)",
    "m.float64(1) / m.array([0.0])", "m.array([0.0]) / m.float64(0)",
]


@pytest.mark.parametrize("expr", SCALAR_EXPRS)
def test_scalar_math_errors_like_numpy(expr):
    results = {}
    for m in (np, ox):
        with warnings.catch_warnings(record=True) as rec:
            warnings.simplefilter("always")
            value = eval(expr, {"m": m})
        results[m.__name__] = (value, [str(w.message) for w in rec])
    (ov, omsgs), (nv, nmsgs) = results["oxarray"], results["numpy"]
    assert omsgs == nmsgs
    if isinstance(nv, tuple):
        for a, b in zip(ov, nv):
            assert_same(a, b)
    else:
        assert_same(ov, nv)
    with np.errstate(all="raise"), pytest.raises(FloatingPointError) if nmsgs else warnings.catch_warnings():
        eval(expr, {"m": np})
    with ox.errstate(all="raise"), pytest.raises(FloatingPointError) if nmsgs else warnings.catch_warnings():
        eval(expr, {"m": ox})
