"""Scalar math (`oxarray.float64(3.0) * 2.0`) against NumPy's scalar types.

For every pair of scalar types (and Python int/float/complex/bool on either side) and every
Python operator: the result type, the value (bitwise for floats, NaN sign included), the
warnings under `errstate(all="warn")` (category and text, "... in scalar add"), the
exception type under `errstate(all="raise")`, and NumPy's OverflowError/TypeError/ValueError.
"""

import math
import operator
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from conftest import ALL_DTYPES

INT_TYPES = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]

BINOPS = {
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "truediv": operator.truediv,
    "floordiv": operator.floordiv,
    "mod": operator.mod,
    "pow": operator.pow,
    "divmod": divmod,
    "lt": operator.lt,
    "le": operator.le,
    "eq": operator.eq,
    "ne": operator.ne,
    "gt": operator.gt,
    "ge": operator.ge,
    "and": operator.and_,
    "or": operator.or_,
    "xor": operator.xor,
    "lshift": operator.lshift,
    "rshift": operator.rshift,
}
UNOPS = {"neg": operator.neg, "pos": operator.pos, "abs": abs, "invert": operator.invert}

# Ordinary operands per kind (small, so that no operator overflows by itself).
_ORDINARY = {"b": [True, False], "i": [7, -3], "u": [7, 2], "f": [2.5, -0.5], "c": [1.5 + 2j, -0.5j]}


def _kind(name):
    return np.dtype(name).kind


def _edge_values(name):
    """Edge values of a scalar type: zeros, signed zero, NaN, infinities, MIN/MAX."""
    dt = np.dtype(name)
    if dt.kind == "b":
        return [True, False]
    if dt.kind in "iu":
        info = np.iinfo(dt)
        vals = [0, 1, 2, info.max, info.min, info.max - 1]
        if dt.kind == "i":
            vals += [-1, info.min + 1]
        return vals
    if dt.kind == "f":
        fi = np.finfo(dt)
        return [0.0, -0.0, 1.0, -1.5, math.nan, math.inf, -math.inf, float(fi.max), float(fi.tiny), 3.0]
    return [0j, 1 + 1j, complex(math.nan, 0), complex(math.inf, 1), -2.5 + 0j]


PY_VALUES = {
    "pyint": [0, 1, -1, 3, 127, 128, 255, 256, 300, -129, 2**31, 2**32, 2**63 - 1, -(2**63)],
    "pyfloat": [0.0, -0.0, 2.5, -1.5, math.nan, math.inf, -math.inf, 1e300, 1e-300],
    "pycomplex": [1 + 2j, 0j, complex(math.nan, 1)],
    "pybool": [True, False],
}


def _bits(name, value):
    return np.dtype(name).type(value).tobytes()


def _run(fn, lib, mode):
    """(result, exception, [(category, text)]) of `fn()` under `lib.errstate(all=mode)`."""
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            with lib.errstate(all=mode):
                res, exc = fn(), None
        except Exception as e:  # noqa: BLE001
            res, exc = None, e
    return res, exc, [(x.category, str(x.message)) for x in w]


def _exc_base(e):
    t = type(e)
    while t.__module__.startswith("numpy"):
        t = t.__mro__[1]
    return t


def _same_result(o, n):
    """Same Python type / scalar type, and the same value bits."""
    if isinstance(n, tuple):
        return isinstance(o, tuple) and len(o) == len(n) and all(map(_same_result, o, n))
    if isinstance(n, np.generic):
        if not isinstance(o, ox.generic) or isinstance(o, ox.ndarray):
            return False
        if o.dtype.str != n.dtype.str:
            return False
        return _bits(n.dtype.name, o.item()) == n.tobytes()
    return type(o) is type(n) and (o == n or (o != o and n != n))


def check(np_fn, ox_fn, what):
    """Compare the two calls under errstate warn and raise; return a failure text or None."""
    for mode in ("warn", "raise"):
        nr, ne, nw = _run(np_fn, np, mode)
        orr, oe, ow = _run(ox_fn, ox, mode)
        if ne is not None:
            if oe is None or not isinstance(oe, _exc_base(ne)):
                return f"{what} [{mode}]: NumPy raised {ne!r}, oxarray gave {orr!r} / {oe!r}"
            if mode == "raise" and isinstance(ne, FloatingPointError) and str(oe) != str(ne):
                return f"{what} [{mode}]: message {oe!r} != {ne!r}"
        elif type(nr) in (bool, int, float, complex) and isinstance(orr, ox.generic):
            # Documented difference (tests/test_scalars.py): NumPy's float64/complex128
            # subclass Python's float/complex, so Python's own operator answers first.
            pass
        elif oe is not None:
            return f"{what} [{mode}]: oxarray raised {oe!r}, NumPy gave {nr!r}"
        elif not _same_result(orr, nr):
            return f"{what} [{mode}]: {orr!r} != {nr!r}"
        if mode == "warn" and ow != nw:
            return f"{what} [{mode}]: warnings {ow} != {nw}"
    return None


def _make(lib, name, value):
    if name.startswith("py"):
        return value
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return getattr(lib, name)(value)


def _pair_cases(a_name, b_name):
    """Operand value pairs for the type pair: ordinary values, then a few edges."""
    def vals(name):
        if name.startswith("py"):
            return PY_VALUES[name]
        return _ORDINARY[_kind(name)]
    out = [(x, y) for x in vals(a_name)[:2] for y in vals(b_name)[:2]]
    return out


# The scalar types of the fast path (`scalarmath.rs`) and the Python numbers it takes.
# float16, complex64/128, Python complex and Python ints outside int64 take the general
# ufunc path, whose differences from NumPy's scalar math are listed in the issue note (not
# tested here).
REAL_TYPES = [t for t in ALL_DTYPES if t not in ("float16", "complex64", "complex128")]
OPERANDS = REAL_TYPES + ["pyint", "pyfloat", "pybool"]


@pytest.mark.parametrize("opname", list(BINOPS))
def test_every_type_pair(opname):
    """Every scalar type with every scalar type and Python number, both orders."""
    op = BINOPS[opname]
    failures = []
    for a in OPERANDS:
        for b in OPERANDS:
            if a.startswith("py") and b.startswith("py"):
                continue
            for x, y in _pair_cases(a, b):
                f = check(
                    lambda: op(_make(np, a, x), _make(np, b, y)),
                    lambda: op(_make(ox, a, x), _make(ox, b, y)),
                    f"{a}({x!r}) {opname} {b}({y!r})",
                )
                if f:
                    failures.append(f)
    assert not failures, "\n".join(failures[:30]) + f"\n({len(failures)} failures)"


@pytest.mark.parametrize("opname", list(UNOPS))
def test_unary_every_type(opname):
    op = UNOPS[opname]
    failures = []
    for a in REAL_TYPES:
        for x in _edge_values(a):
            f = check(lambda: op(_make(np, a, x)), lambda: op(_make(ox, a, x)), f"{opname} {a}({x!r})")
            if f:
                failures.append(f)
    assert not failures, "\n".join(failures[:30]) + f"\n({len(failures)} failures)"


# The fast types, every operator, edge values on both sides (overflow, division by zero,
# MIN // -1, NaN, signed zeros, infinities): warnings text and errstate raise included.
FAST = ["bool", "int8", "int64", "uint8", "uint64", "float32", "float64"]


@pytest.mark.parametrize("a", FAST + ["pyint", "pyfloat", "pybool"])
def test_edge_values(a):
    failures = []
    for b in FAST:
        for opname in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "divmod", "lt", "eq", "and"):
            op = BINOPS[opname]
            xs = PY_VALUES[a] if a.startswith("py") else _edge_values(a)
            for x in xs:
                for y in _edge_values(b)[:6]:
                    for lhs, rhs, swap in ((a, b, False), (b, a, True)):
                        u, v = (y, x) if swap else (x, y)
                        f = check(
                            lambda: op(_make(np, lhs, u), _make(np, rhs, v)),
                            lambda: op(_make(ox, lhs, u), _make(ox, rhs, v)),
                            f"{lhs}({u!r}) {opname} {rhs}({v!r})",
                        )
                        if f and not (opname == "pow" and "[warn]" in f and _numpy_svml()):
                            failures.append(f)
    assert not failures, "\n".join(failures[:30]) + f"\n({len(failures)} failures)"


def _numpy_svml() -> bool:
    """NumPy on an AVX-512 CPU computes array powers with SVML (other last bits, and
    `0 ** -inf` flags division by zero where libm's pow does not): docs/differences.md."""
    from conftest import numpy_sort_kernel

    return numpy_sort_kernel("float64") == "avx512"


@st.composite
def _operand(draw):
    name = draw(st.sampled_from(FAST + ["int16", "uint32", "pyint", "pyfloat", "pybool"]))
    if name == "pyint":
        return name, draw(st.integers(-(2**63), 2**63 - 1))
    if name == "pyfloat":
        return name, draw(st.floats(allow_nan=True, allow_infinity=True))
    if name == "pybool":
        return name, draw(st.booleans())
    dt = np.dtype(name)
    if dt.kind == "b":
        return name, draw(st.booleans())
    if dt.kind in "iu":
        info = np.iinfo(dt)
        return name, draw(st.sampled_from([int(info.min), int(info.max), 0, -1 if dt.kind == "i" else 1])
                          | st.integers(int(info.min), int(info.max)))
    width = 32 if name == "float32" else 64
    return name, draw(st.sampled_from([0.0, -0.0, math.nan, math.inf, -math.inf])
                      | st.floats(width=width, allow_nan=True, allow_infinity=True))


@settings(max_examples=300, deadline=None)
@given(_operand(), _operand(), st.sampled_from(list(BINOPS)))
def test_hypothesis_values(a, b, opname):
    (an, x), (bn, y) = a, b
    if an.startswith("py") and bn.startswith("py"):
        return
    op = BINOPS[opname]
    f = check(lambda: op(_make(np, an, x), _make(np, bn, y)),
              lambda: op(_make(ox, an, x), _make(ox, bn, y)),
              f"{an}({x!r}) {opname} {bn}({y!r})")
    assert f is None, f


@pytest.mark.parametrize(
    "expr",
    [
        lambda m: m.float32(1) + 1.0,
        lambda m: m.int8(1) + 300,
        lambda m: m.uint8(1) + -1,
        lambda m: m.int64(1) + m.float32(1),
        lambda m: m.uint64(1) + m.int64(1),
        lambda m: m.int64(2**62) * 4,
        lambda m: m.int64(1) // 0,
        lambda m: m.int8(-128) // m.int8(-1),
        lambda m: m.float64(1) / 0.0,
        lambda m: m.float64(0) / 0.0,
        lambda m: m.int64(2) ** -1,
        lambda m: -m.uint8(1),
        lambda m: abs(m.int8(-128)),
        lambda m: m.float32(1) + 1e300,
        lambda m: m.bool(True) + 1,
        lambda m: m.uint64(2**64 - 1) == m.int64(-1),
        lambda m: m.uint64(2**63) > m.int64(-1),
        lambda m: m.int8(1) < 300,
    ],
)
def test_named_rules(expr):
    """The rules the issue names (NEP 50 weak Python numbers, overflow, division by zero)."""
    f = check(lambda: expr(np), lambda: expr(ox), "expr")
    assert f is None, f


def test_errstate_call_and_ignore():
    calls = []
    with ox.errstate(all="call", call=lambda kind, flag: calls.append(kind)):
        r = ox.int64(2**62) * 4
    assert calls == ["overflow"] and r == 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with ox.errstate(all="ignore"):
            assert math.isinf(float(ox.float64(1) / 0.0))
            assert ox.int64(1) // 0 == 0


def test_results_are_scalars_and_bool_results_are_cached():
    r = ox.float64(3.0) * ox.float64(2.0)
    assert type(r) is ox.float64 and not isinstance(r, ox.ndarray)
    assert (ox.float64(1) < 2.0) is (ox.int64(1) < ox.int64(5))
    assert type(ox.bool(True) & ox.bool(True)) is ox.bool


@pytest.mark.parametrize("name", ["float64", "float32", "int64", "int8", "uint64", "bool"])
def test_hash_and_equality_with_python_numbers(name):
    for v in _ORDINARY[_kind(name)]:
        s = getattr(ox, name)(v)
        pv = s.item()
        assert s == pv and pv == s and not (s != pv)
        assert hash(s) == hash(pv) == hash(getattr(np, name)(v))
        assert {pv: "x"}[s] == "x"


def test_mixed_with_arrays_and_unknown_objects():
    from conftest import assert_same

    for lib_op in (operator.add, operator.mul, operator.lt, operator.truediv):
        assert_same(lib_op(ox.float64(2.0), ox.array([1.0, 2.0])), lib_op(np.float64(2.0), np.array([1.0, 2.0])))
        assert_same(lib_op(ox.array([1, 2]), ox.int64(3)), lib_op(np.array([1, 2]), np.int64(3)))
        # A 0-d array operand gives a 0-d array (oxarray's documented rule, "0-d in, 0-d
        # out", docs/differences.md) where NumPy gives a scalar: same value and dtype.
        got = lib_op(ox.float32(2.0), ox.array(3.0))
        want = lib_op(np.float32(2.0), np.array(3.0))
        assert isinstance(got, ox.ndarray) and got.ndim == 0 and not isinstance(want, np.ndarray)
        assert_same(got, np.asarray(want))

    class Other:
        def __radd__(self, o):
            return "radd"

        def __rlt__(self, o):  # pragma: no cover - not a Python protocol
            return "never"

        def __gt__(self, o):
            return "reflected-gt"

    assert ox.float64(1) + Other() == np.float64(1) + Other() == "radd"
    assert (ox.int64(1) < Other()) == (np.int64(1) < Other()) == "reflected-gt"
    with pytest.raises(TypeError):
        ox.float64(1) + "a"
    with pytest.raises(TypeError):
        np.float64(1) + "a"


# Operations whose FP flags come from the hardware status register (read after the
# operation, which the scalar path orders by data dependencies): each must report exactly
# NumPy's flags under every errstate mode, also right after flags were left up by earlier
# work and with operands the compiler could see as constants.
FLAG_CASES = [
    lambda m: m.float64(m.inf) * 0,
    lambda m: m.float64(1e308) * 10,
    lambda m: m.float64(1e308) * m.float64(10.0),
    lambda m: m.int8(0) ** m.float32(-m.inf),
    lambda m: m.float32(0) ** m.float32(-m.inf),
    lambda m: m.float64(0.0) ** -m.inf,
    lambda m: m.float64(1.0) / 0.0,
    lambda m: m.int64(1) / m.int64(0),
    lambda m: m.float32(1e-30) * m.float32(1e-30),
    lambda m: divmod(m.float64(1.0), 0.0),
    lambda m: m.float64(0.0) % 0.0,
    lambda m: m.float32(3.0) // m.float32(0.0),
    lambda m: m.float32(0) * 1e300,
    lambda m: m.float64(2.0) * 3.0,
    lambda m: m.float32(2.0) - m.float32(3.0),
    lambda m: m.bool(True) // m.bool(False),
    lambda m: m.int64(2**62) * 4,
]


def _calls(lib, fn, mode):
    """What `fn()` passes to the `call`/`log` handler (or raises) under `errstate(all=mode)`."""
    seen = []

    class Log:
        def write(self, msg):
            seen.append(msg)

    handler = Log() if mode == "log" else (lambda kind, flag: seen.append((kind, flag)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            with lib.errstate(all=mode, call=handler):
                r = fn()
        except Exception as e:  # noqa: BLE001
            return None, type(e), seen
    return r, None, seen


@pytest.mark.parametrize("case", range(len(FLAG_CASES)))
@pytest.mark.parametrize("stale", [False, True])
def test_fp_flags_every_errstate_mode(case, stale):
    expr = FLAG_CASES[case]

    def run(lib):
        if stale:
            # Leave every status flag up (this operation's handling ignores them).
            with lib.errstate(all="ignore"):
                lib.float64(1.0) / 0.0, lib.float64(0.0) / 0.0, lib.float64(1e308) * 1e308
                lib.float32(1e-30) * lib.float32(1e-30)
        return expr(lib)

    for mode in ("ignore", "warn", "raise"):
        nr, ne, nw = _run(lambda: run(np), np, mode)
        orr, oe, ow = _run(lambda: run(ox), ox, mode)
        assert ow == nw, (mode, ow, nw)
        assert (ne is None) == (oe is None) and (ne is None or isinstance(oe, _exc_base(ne))), (mode, oe, ne)
        if ne is None:
            assert _same_result(orr, nr), (mode, orr, nr)
        elif isinstance(ne, FloatingPointError):
            assert str(oe) == str(ne)
    for mode in ("call", "log"):
        nr, ne, ns = _calls(np, lambda: run(np), mode)
        orr, oe, os_ = _calls(ox, lambda: run(ox), mode)
        assert os_ == ns and (oe is None) == (ne is None), (mode, os_, ns, oe, ne)
        if ne is None:
            assert _same_result(orr, nr), (mode, orr, nr)


def test_clean_operation_after_flags_left_up():
    """Flags raised (and ignored) by one operation never leak into the next one."""
    for lib in (np, ox):
        with lib.errstate(all="ignore"):
            lib.float64(1.0) / 0.0
            lib.float64(1e308) * 1e308
        with lib.errstate(all="raise"):
            assert lib.float64(2.0) * 3.0 == 6.0
            assert lib.float32(1.5) + lib.float32(2.0) == 3.5
            assert lib.int64(7) / lib.int64(2) == 3.5


# A weak Python number that overflows in its conversion (a finite float that is infinite
# as float32/float16/complex64): NumPy warns "overflow encountered in cast" before the
# operation's own flags, for scalars, 0-d and n-d arrays, operators and ufunc calls.
CAST_CASES = [
    lambda m: m.float32(0.0) + 3.4028235677973366e+38,
    lambda m: m.float32(1) + 3.4028235677973362e+38,
    lambda m: m.float32(1) + -1e300,
    lambda m: 1e300 - m.float32(1),
    lambda m: m.float32(0) * 1e300,
    lambda m: m.float32(0) ** -1e300,
    lambda m: m.float32(1) < 1e300,
    lambda m: divmod(m.float32(0), 1e300),
    lambda m: m.float16(1) + 70000,
    lambda m: m.float16(1) + 65519.99,
    lambda m: m.float16(1) + 65520.0,
    lambda m: m.complex64(1) + 1e300,
    lambda m: m.complex64(1) + 1e300j,
    lambda m: m.add(m.float32(1), 1e300),
    lambda m: m.array([0], "f4") + 3.4028235677973366e+38,
    lambda m: m.array([0, 1], "f4") * 1e300,
    lambda m: m.array(0, "f4") + 3.4028235677973366e+38,
    lambda m: m.array([1], "f2") + 70000,
    lambda m: m.array([1], "f4") < 1e300,
    lambda m: m.array([1], "f4") + 1e300j,
    lambda m: m.array([1], "c8") + 1e300,
    lambda m: m.multiply(m.array([0.0], "f4"), 1e300),
]


@pytest.mark.parametrize("case", range(len(CAST_CASES)))
def test_weak_cast_overflow(case):
    expr = CAST_CASES[case]
    for mode in ("ignore", "warn", "raise"):
        nr, ne, nw = _run(lambda: expr(np), np, mode)
        orr, oe, ow = _run(lambda: expr(ox), ox, mode)
        assert ow == nw, (mode, ow, nw)
        if ne is not None:
            assert isinstance(oe, _exc_base(ne)) and str(oe) == str(ne), (mode, oe, ne)
            continue
        assert oe is None, (mode, oe)
        if isinstance(nr, np.ndarray) or isinstance(orr, ox.ndarray):
            # 0-d in, 0-d out (docs/differences.md): compare as arrays.
            got, want = np.asarray(orr), np.asarray(nr)
            assert got.dtype == want.dtype and got.shape == want.shape
            assert got.tobytes() == want.tobytes()
        else:
            assert _same_result(orr, nr), (mode, orr, nr)
