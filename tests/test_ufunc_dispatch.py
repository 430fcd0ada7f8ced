"""Type resolution of every ufunc against NumPy's, exhaustively over the built-in dtypes
(and Python scalars, which are weak under NEP 50), plus `dtype=`, `signature=`, `casting=`
and `out=` dtypes."""

import builtins
import itertools
import warnings

import numpy as np
import pytest

import oxarray as ox

from conftest import ALL_DTYPES

WEAK = [int, float, complex]
NAMES = sorted(
    n
    for n in ox._core._ufunc_names
    if isinstance(getattr(np, n, None), np.ufunc) and getattr(ox, n).signature is None
)


def builtin_exc(e):
    """The first built-in exception class of `e` (NumPy's own classes subclass them)."""
    for cls in type(e).__mro__:
        if cls.__module__ == "builtins":
            return cls
    return Exception


def outcome(fn):
    try:
        return ("ok", fn())
    except Exception as e:  # noqa: BLE001 - the exception type is what we compare
        return ("raise", builtin_exc(e))


def dt_name(d):
    return np.dtype(str(d)).name


def test_every_numpy_ufunc_name_exists():
    ours = set(ox._core._ufunc_names)
    for name in ["add", "subtract", "multiply", "divide", "true_divide", "floor_divide", "remainder",
                 "mod", "fmod", "divmod", "power", "float_power", "negative", "positive", "absolute",
                 "abs", "fabs", "reciprocal", "sign", "conjugate", "conj", "square", "sqrt", "cbrt",
                 "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "logaddexp", "logaddexp2",
                 "sin", "cos", "tan", "arcsin", "arccos", "arctan", "arctan2", "hypot", "sinh",
                 "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "deg2rad", "rad2deg", "degrees",
                 "radians", "equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
                 "logical_and", "logical_or", "logical_xor", "logical_not", "bitwise_and",
                 "bitwise_or", "bitwise_xor", "invert", "bitwise_not", "left_shift", "right_shift",
                 "bitwise_count", "maximum", "minimum", "fmax", "fmin", "floor", "ceil", "trunc",
                 "rint", "isnan", "isinf", "isfinite", "signbit", "copysign", "nextafter", "spacing",
                 "ldexp", "frexp", "modf", "gcd", "lcm", "heaviside", "matmul", "pow", "acos",
                 "bitwise_left_shift", "bitwise_right_shift"]:
        assert name in ours, name
        assert isinstance(getattr(ox, name), ox.ufunc)


@pytest.mark.parametrize("name", NAMES)
def test_resolve_dtypes_exhaustive(name):
    nu, ou = getattr(np, name), getattr(ox, name)
    assert (ou.nin, ou.nout) == (nu.nin, nu.nout)
    cands = ALL_DTYPES + WEAK
    for combo in itertools.product(cands, repeat=nu.nin):
        if all(c in WEAK for c in combo):
            continue
        na = tuple(np.dtype(c) if isinstance(c, str) else c for c in combo) + (None,) * nu.nout
        oa = tuple(ox.dtype(c) if isinstance(c, str) else c for c in combo) + (None,) * nu.nout
        n = outcome(lambda: tuple(dt_name(d) for d in nu.resolve_dtypes(na)))
        o = outcome(lambda: tuple(dt_name(d) for d in ou.resolve_dtypes(oa)))
        assert n == o, (name, combo, n, o)


def one(dt):
    return np.ones(1, dtype=dt), ox.ones(1, dtype=dt)


@pytest.mark.parametrize("name", NAMES)
def test_call_dtypes_exhaustive(name):
    """Calling with 1-element arrays of every dtype pair: same result dtypes, or the same
    exception type."""
    nu, ou = getattr(np, name), getattr(ox, name)
    for combo in itertools.product(ALL_DTYPES, repeat=nu.nin):
        pairs = [one(d) for d in combo]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with np.errstate(all="ignore"), ox.errstate(all="ignore"):
                n = outcome(lambda: nu(*[p[0] for p in pairs]))
                o = outcome(lambda: ou(*[p[1] for p in pairs]))
        if n[0] == "raise":
            assert o == n, (name, combo, n, o)
            continue
        assert o[0] == "ok", (name, combo, o)
        nres = n[1] if isinstance(n[1], tuple) else (n[1],)
        ores = o[1] if isinstance(o[1], tuple) else (o[1],)
        assert [r.dtype.str for r in ores] == [r.dtype.str for r in nres], (name, combo)


@pytest.mark.parametrize("name", ["add", "multiply", "sqrt", "arctan2", "maximum", "floor_divide", "ldexp", "equal"])
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_dtype_argument(name, dtype):
    nu, ou = getattr(np, name), getattr(ox, name)
    args = [one("int16"), one("float32")][: nu.nin]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"), ox.errstate(all="ignore"):
            n = outcome(lambda: nu(*[a[0] for a in args], dtype=dtype))
            o = outcome(lambda: ou(*[a[1] for a in args], dtype=dtype))
    assert n[0] == o[0], (name, dtype, n, o)
    if n[0] == "ok":
        assert o[1].dtype.str == n[1].dtype.str
    else:
        assert o[1] is n[1]


@pytest.mark.parametrize("sig", ["dd->d", "ff->f", "ll->l", ("float32", None, None), (None, None, "float64"), "ii->i"])
@pytest.mark.parametrize("casting", ["no", "equiv", "safe", "same_kind", "unsafe"])
def test_signature_and_casting(sig, casting):
    a = [one("int16"), one("float64")]
    nsig = sig if isinstance(sig, str) else tuple(None if s is None else np.dtype(s) for s in sig)
    osig = sig if isinstance(sig, str) else tuple(None if s is None else ox.dtype(s) for s in sig)
    n = outcome(lambda: np.add(a[0][0], a[1][0], signature=nsig, casting=casting))
    o = outcome(lambda: ox.add(a[0][1], a[1][1], signature=osig, casting=casting))
    assert n[0] == o[0], (sig, casting, n, o)
    if n[0] == "ok":
        assert o[1].dtype.str == n[1].dtype.str
    else:
        assert o[1] is n[1]


@pytest.mark.parametrize("casting", ["no", "equiv", "safe", "same_kind", "unsafe"])
@pytest.mark.parametrize("name", ["add", "sqrt", "true_divide", "less"])
def test_out_dtype_casting_grid(name, casting):
    nu, ou = getattr(np, name), getattr(ox, name)
    for din, dout in itertools.product(["bool", "int8", "uint16", "int64", "float32", "float64", "complex64"], repeat=2):
        ins = [one(din) for _ in range(nu.nin)]
        nout, oout = np.zeros(1, dtype=dout), ox.zeros(1, dtype=dout)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with np.errstate(all="ignore"), ox.errstate(all="ignore"):
                n = outcome(lambda: nu(*[i[0] for i in ins], out=nout, casting=casting))
                o = outcome(lambda: ou(*[i[1] for i in ins], out=oout, casting=casting))
        assert n[0] == o[0], (name, din, dout, casting, n, o)
        if n[0] == "raise":
            assert o[1] is n[1]
        else:
            assert o[1] is oout
            assert oout.tolist() == nout.tolist()


def test_error_messages_name_the_ufunc_and_dtypes():
    with pytest.raises(TypeError, match=r"Cannot cast ufunc 'add' output from dtype\('float64'\) to dtype\('int64'\) with casting rule 'same_kind'"):
        ox.add(ox.ones(2), ox.ones(2), out=ox.zeros(2, dtype="int64"))
    with pytest.raises(TypeError, match=r"ufunc 'left_shift' not supported for the input types"):
        ox.left_shift(ox.ones(2), 1)
    with pytest.raises(TypeError, match="boolean subtract"):
        ox.subtract(ox.ones(2, dtype=bool), ox.ones(2, dtype=bool))


def test_weak_python_int_out_of_range():
    raises = outcome(lambda: np.add(np.ones(2, np.int8), 300))
    assert outcome(lambda: ox.add(ox.ones(2, dtype="int8"), 300)) == raises
    assert raises == ("raise", builtins.OverflowError)
    # In range: stays int8, as NEP 50 says.
    assert ox.add(ox.ones(2, dtype="int8"), 100).dtype == ox.int8


def test_resolution_cache_is_transparent():
    a = ox.ones(3, dtype="int32")
    for _ in range(3):
        assert ox.add(a, 1.5).dtype == ox.float64
        assert ox.add(a, 1).dtype == ox.int32
        assert ox.add(a, a, dtype="float32").dtype == ox.float32
