"""Every built-in ufunc over the dtype grid and special values, against NumPy.

For each ufunc and each of its loops (NumPy's ``types`` restricted to oxarray's dtypes),
the inputs are arrays of that loop's input dtypes filled with special values (signed
zeros, infinities, NaN, extremes of each integer type...; binary ufuncs see every pair
through broadcasting). oxarray must give the same result dtypes, the same values (bit for
bit, any NaN matching any NaN; a few ULP for transcendental functions, whose NumPy
versions are SIMD code with their own rounding) and report the same floating-point
categories (through ``errstate(all='call')``). The exhaustive per-element check of values
and flags of each loop lives in the Rust test ``kernels_values.rs``; this file checks the
same through the Python ufunc objects.
"""

import itertools

import numpy as np
import pytest

import oxarray as ox
from conftest import to_numpy

OURS = set("?bhilBHILefdFD")
MAP = {"q": "l", "Q": "L"}

NAMES = """add subtract multiply divide floor_divide remainder fmod divmod power float_power
negative positive absolute fabs reciprocal sign conjugate square sqrt cbrt exp exp2 expm1 log
log2 log10 log1p logaddexp logaddexp2 sin cos tan arcsin arccos arctan arctan2 hypot sinh cosh
tanh arcsinh arccosh arctanh deg2rad rad2deg degrees radians equal not_equal less less_equal
greater greater_equal logical_and logical_or logical_xor logical_not bitwise_and bitwise_or
bitwise_xor invert left_shift right_shift bitwise_count maximum minimum fmax fmin floor ceil
trunc rint isnan isinf isfinite signbit copysign nextafter spacing ldexp frexp modf gcd lcm
heaviside""".split()

# Transcendental functions: compared within ULP_TOL units in the last place.
ULP = set("""power float_power cbrt exp exp2 expm1 log log2 log10 log1p logaddexp logaddexp2
sin cos tan arcsin arccos arctan arctan2 hypot sinh cosh tanh arcsinh arccosh arctanh sqrt
divide reciprocal sign absolute""".split())
ULP_TOL = 4
# Complex results of these are compared normwise: NumPy's complex multiply uses FMA, and
# its complex64 expm1/log1p/log2/log10 formulas run in float32 (a component can be ~5 ULP
# off where ours, computed in complex128, is correctly rounded).
CPLX_NORM = {"multiply", "square", "divide", "power", "float_power", "reciprocal", "expm1",
             "log1p", "log2", "log10"}

FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, 10.0, 1e30, 1e-30, 1e300, np.inf, -np.inf,
          np.nan, 0.3, 88.5, 710.0]
CPARTS = [0.0, -0.0, 1.0, -2.0, 0.5, np.inf, np.nan]


def loops(name):
    out = []
    for t in getattr(np, name).types:
        t = "".join(MAP.get(c, c) for c in t)
        if all(c in OURS for c in t.replace("->", "")) and t not in out:
            out.append(t)
    return out


def values(c):
    if c == "?":
        return np.array([False, True])
    if c in "bhilBHIL":
        info = np.iinfo(np.dtype(c))
        v = [0, 1, 2, 3, 7, info.bits - 1, info.bits, -1, -2, -7, info.max, info.min,
             info.min + 1]
        return np.array(sorted({x for x in v if info.min <= x <= info.max}), dtype=c)
    with np.errstate(all="ignore"):
        if c in "efd":
            return np.array(FLOATS, dtype=c)
        return np.array([complex(a, b) for a, b in itertools.product(CPARTS, CPARTS)],
                        dtype=c)


def operands(name, ins):
    if name == "ldexp":
        exps = np.array([0, 1, -1, 10, -10, 1100, -1100], dtype=ins[1])
        return [values(ins[0])[:, None], exps[None, :]]
    if len(ins) == 1:
        return [values(ins[0])]
    return [values(ins[0])[:, None], values(ins[1])[None, :]]


def ordered(a):
    """Float array -> (nan mask, ordered integers for ULP distances)."""
    bits = {2: np.int16, 4: np.int32, 8: np.int64}[a.dtype.itemsize]
    i = a.view(bits).astype(np.int64)
    mag = i & np.int64((1 << (8 * a.dtype.itemsize - 1)) - 1)
    return np.isnan(a), np.where(i < 0, -mag, mag)


def assert_same(name, got, want, tol, normwise=False):
    assert got.dtype == want.dtype, (name, got.dtype, want.dtype)
    assert got.shape == want.shape
    if want.dtype.kind == "c":
        if normwise and tol:
            with np.errstate(all="ignore"):
                scale = np.maximum(abs(want.real), abs(want.imag))
                eps = np.finfo(want.real.dtype).eps
                fin = np.isfinite(want) & np.isfinite(got)
                close = (abs(got.real - want.real) <= tol * eps * scale) & \
                        (abs(got.imag - want.imag) <= tol * eps * scale)
            parts_ok = _ok(got.real, want.real, tol) & _ok(got.imag, want.imag, tol)
            bad = ~(parts_ok | (fin & close))
        else:
            bad = ~(_ok(got.real, want.real, tol) & _ok(got.imag, want.imag, tol))
    elif want.dtype.kind == "f":
        bad = ~_ok(got, want, tol)
    else:
        bad = got != want
    assert not bad.any(), f"{name}: {np.argwhere(bad)[:5].tolist()} got {got[bad][:5]} want {want[bad][:5]}"


def _ok(got, want, tol):
    gn, g = ordered(got)
    wn, w = ordered(want)
    inf = np.isinf(got) | np.isinf(want)
    exact = got.view(f"u{got.dtype.itemsize}") == want.view(f"u{want.dtype.itemsize}")
    near = (abs(g - w) <= tol) & ~inf
    return (gn & wn) | (~gn & ~wn & (exact | near))


class Flags:
    def __init__(self):
        self.seen = set()

    def __call__(self, kind, flag):
        self.seen.add(kind)


CASES = [(n, t) for n in NAMES for t in loops(n)]


@pytest.mark.parametrize("name,types", CASES, ids=[f"{n}-{t}" for n, t in CASES])
def test_values_dtypes_and_flags_match_numpy(name, types):
    ins, outs = types.split("->")
    args = operands(name, ins)
    npf, oxf = getattr(np, name), getattr(ox, name)
    np_flags, ox_flags = Flags(), Flags()
    err = None
    try:
        with np.errstate(all="call", call=np_flags):
            want = npf(*args)
    except Exception as e:  # noqa: BLE001 - the exception type is what is compared
        err = e
    if err is not None:
        with pytest.raises(type(err)):
            with ox.errstate(all="call", call=ox_flags):
                oxf(*[ox.asarray(a) for a in args])
        return
    with ox.errstate(all="call", call=ox_flags):
        got = oxf(*[ox.asarray(a) for a in args])
    if not isinstance(want, tuple):
        want, got = (want,), (got,)
    assert len(got) == len(want) == len(outs)
    cplx = any(c in "FD" for c in ins)
    tol = ULP_TOL if (name in ULP or (cplx and name in CPLX_NORM)) else 0
    if name.endswith("power") and ins[0] == "F":
        tol = 16  # NumPy's cpowf is off by up to ~10 ULP; ours rounds a complex128 result
    for g, w in zip(got, want):
        assert isinstance(g, ox.ndarray)
        g = to_numpy(g)
        if name == "exp2" and cplx:
            # NumPy rounds the angle y*ln2 (see kernels_values.rs): compare small angles.
            keep = np.broadcast_to(abs(args[0].imag) <= 1e3, w.shape)
            g, w = g[keep], w[keep]
        assert_same(name, g, w, tol, normwise=cplx and name in CPLX_NORM)
    # Categories of floating-point errors. Underflow is NumPy's default "ignore" and its
    # SIMD loops raise it inconsistently; transcendental functions and complex loops with
    # NaN/inf parts may differ in overflow/invalid (see kernels_values.rs), so those compare
    # only "divide".
    seen_np = np_flags.seen - {"underflow"}
    seen_ox = ox_flags.seen - {"underflow"}
    if tol or cplx:
        seen_np &= {"divide by zero"}
        seen_ox &= {"divide by zero"}
    assert seen_ox == seen_np, (name, types, seen_ox, seen_np)


def test_every_ufunc_is_exported_with_numpys_types():
    for name in NAMES:
        uf = getattr(ox, name)
        assert uf.nin == getattr(np, name).nin and uf.nout == getattr(np, name).nout
        # The built-in loops, in NumPy's order; loops of registered dtypes (the
        # machine-learning floats, tests/test_ml_dtypes.py; dtypes written in Python,
        # type character 'V', tests/test_pydtype.py) follow them.
        builtin = loops(name)
        assert list(uf.types)[: len(builtin)] == builtin, name
        extra = list(uf.types)[len(builtin):]
        assert all(any(c in "E4573VO" for c in t.split("->")[0]) for t in extra), name


@pytest.mark.parametrize("dt", ["int8", "int16", "int32", "int64", "uint8", "uint64"])
def test_integer_division_by_zero_and_min_over_minus_one(dt):
    info = np.iinfo(dt)
    a = np.array([7, -7, info.min, 0, info.max], dtype=dt) if info.min < 0 else \
        np.array([7, 0, info.max], dtype=dt)
    for b in (np.zeros_like(a), np.full_like(a, -1) if info.min < 0 else np.ones_like(a)):
        for name in ["floor_divide", "remainder", "fmod", "divmod"]:
            npf, oxf = getattr(np, name), getattr(ox, name)
            np_flags, ox_flags = Flags(), Flags()
            with np.errstate(all="call", call=np_flags):
                want = npf(a, b)
            with ox.errstate(all="call", call=ox_flags):
                got = oxf(ox.asarray(a), ox.asarray(b))
            if not isinstance(want, tuple):
                want, got = (want,), (got,)
            for g, w in zip(got, want):
                assert_same(name, to_numpy(g), w, 0)
            assert ox_flags.seen == np_flags.seen, (name, dt)


def test_integer_power_with_negative_exponent_raises_value_error():
    with pytest.raises(ValueError, match="Integers to negative integer powers are not allowed"):
        np.power(np.array([2], "int32"), np.array([-1], "int32"))
    with pytest.raises(ValueError, match="Integers to negative integer powers are not allowed"):
        ox.power(ox.asarray(np.array([2], "int32")), ox.asarray(np.array([-1], "int32")))


@pytest.mark.parametrize("name", ["add", "multiply", "maximum", "exp", "sqrt", "less", "sin"])
@pytest.mark.parametrize("dt", ["float32", "float64", "int32"])
def test_long_and_strided_arrays_match_numpy(name, dt):
    # Long contiguous runs (vectorised paths), negative and non-unit strides, broadcast
    # scalars.
    rng = np.random.default_rng(0)
    a = (rng.standard_normal(10_001) * 50).astype(dt)
    b = (rng.standard_normal(10_001) * 50).astype(dt)
    npf, oxf = getattr(np, name), getattr(ox, name)
    if npf.nin == 1:
        cases = [(a,), (a[::-3],), (a[::2],)]
    else:
        cases = [(a, b), (a[::-3], b[::-3]), (a[:-1:2], b[1::2]), (a, b[:1]), (a[:1], b)]
    for args in cases:
        with np.errstate(all="ignore"):
            want = npf(*args)
        with ox.errstate(all="ignore"):
            got = to_numpy(oxf(*[ox.asarray(x) for x in args]))
        assert_same(name, got, want, ULP_TOL if name in ULP else 0)
