"""Array scalars (oxarray.float64(1.5) ...) and 0-d arrays, with NumPy 2 as the oracle."""

import copy
import math
import operator
import pickle
import warnings

import numpy as np
import pytest

import oxarray as ox
from conftest import ALL_DTYPES, _same_value, assert_same, raises_like

ABSTRACT = ["generic", "number", "integer", "signedinteger", "unsignedinteger", "inexact",
            "floating", "complexfloating"]
ALL_TYPES = ALL_DTYPES + ABSTRACT

# Documented in crates/oxarray-py/src/scalars.rs: a PyO3 class cannot share a built-in's
# layout, so oxarray.float64 does not subclass Python float (nor complex128 Python complex).
DOCUMENTED_PY_BASES = {"float64": float, "complex128": complex}


# ---------------------------------------------------------------------------
# helpers: run a call on both libraries, compare result / exception / warnings
# ---------------------------------------------------------------------------

def _map_category(cat):
    if cat is np.exceptions.ComplexWarning:
        return ox.ComplexWarning
    return cat


def _outcome(fn):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            res, exc = fn(), None
        except Exception as e:  # noqa: BLE001
            res, exc = None, e
    return res, exc, [x.category for x in w]


def _expected_exc_type(np_exc):
    t = type(np_exc)
    if t is np.exceptions.AxisError:
        return ox.AxisError
    if t.__module__.startswith("numpy"):
        return t.__mro__[1]
    return t


def assert_call_like(np_fn, ox_fn, compare=None):
    """Both calls give equal results (or both raise compatible exceptions), with the same
    warning categories (NumPy's ComplexWarning mapped onto oxarray's)."""
    n_res, n_exc, n_w = _outcome(np_fn)
    o_res, o_exc, o_w = _outcome(ox_fn)
    if n_exc is not None:
        assert o_exc is not None, f"NumPy raised {n_exc!r}, oxarray returned {o_res!r}"
        assert isinstance(o_exc, _expected_exc_type(n_exc)), (o_exc, n_exc)
    else:
        assert o_exc is None, f"oxarray raised {o_exc!r}, NumPy returned {n_res!r}"
        if compare is None:
            assert type(o_res) is type(n_res) and _same_value(o_res, n_res), (o_res, n_res)
        else:
            compare(o_res, n_res)
    assert o_w == [_map_category(c) for c in n_w], (o_w, n_w)
    return o_res


def _quiet(fn):
    """Call fn with NumPy's warnings silenced (used to build the NumPy reference objects)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            return fn()


# ---------------------------------------------------------------------------
# scalar values per dtype
# ---------------------------------------------------------------------------

_FLOATS = [0.0, -0.0, 1.5, -2.25, 0.1, 1 / 3, 2.0 / 3, 1e300, -1e300, 1e-300, 5e-324, 1e16,
           1e-5, 123456789.0, 65504.0, 6e-8, 1e-45, 3.4e38, 1e-7, 100.0, 1e15, 0.3,
           math.nan, math.inf, -math.inf, 7, -7, 2**53 + 1, True]
_COMPLEX = [1 + 2j, 0j, complex(-0.0, -0.0), complex(math.nan, 1.0), complex(math.inf, -math.inf),
            1e20 + 1e-20j, 0.1 + 0.2j, complex(-0.0, 1.0), 1j, 1.5, 2, True, complex(1e300, 1e-300),
            complex(0.0, math.nan)]


def _values(dt):
    k = np.dtype(dt).kind
    if k == "b":
        return [True, False, 0, 1, 2, -1, 0.0, 0.5, math.nan, 1j, 0j]
    if k in "iu":
        info = np.iinfo(dt)
        return [0, 1, 7, 100, int(info.max), int(info.min), -1 if k == "i" else 255,
                True, False, 2.9, -2.9 if k == "i" else 3.99]
    if k == "f":
        return _FLOATS
    return _COMPLEX


CASES = [(dt, v) for dt in ALL_DTYPES for v in _values(dt)]


def _case_id(case):
    return f"{case[0]}-{case[1]!r}"


def _pair(dt, v):
    """The NumPy reference scalar and oxarray's (both built from the Python value v)."""
    n = _quiet(lambda: getattr(np, dt)(v))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # overflow warnings: see test_construct
        o = getattr(ox, dt)(v)
    return o, n


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_construct(case):
    dt, v = case
    o = assert_call_like(lambda: getattr(np, dt)(v), lambda: getattr(ox, dt)(v),
                         compare=assert_same)
    assert type(o) is getattr(ox, dt)


@pytest.mark.parametrize("dt", ALL_DTYPES)
def test_construct_no_argument(dt):
    o = getattr(ox, dt)()
    assert type(o) is getattr(ox, dt)
    assert_same(o, getattr(np, dt)())


@pytest.mark.parametrize("dt", [d for d in ALL_DTYPES if np.dtype(d).kind in "iu"])
@pytest.mark.parametrize("offset", [1, 1000])
def test_construct_int_out_of_range(dt, offset):
    info = np.iinfo(dt)
    for v in (int(info.max) + offset, int(info.min) - offset):
        raises_like(lambda: getattr(np, dt)(v), lambda: getattr(ox, dt)(v))


@pytest.mark.parametrize("dt", ALL_DTYPES)
def test_construct_from_scalar_of_other_type(dt):
    for src in ALL_DTYPES:
        if np.dtype(src).kind == "c" and np.dtype(dt).kind != "c":
            continue  # NumPy warns/raises differently for complex -> real; not covered here
        n_src, o_src = getattr(np, src)(1), getattr(ox, src)(1)
        assert_call_like(lambda: getattr(np, dt)(n_src), lambda: getattr(ox, dt)(o_src),
                         compare=assert_same)


@pytest.mark.parametrize("dt,text", [("float64", "1.5"), ("float32", "nan"), ("int64", "7"),
                                     ("int8", "-3"), ("uint16", "65535"),
                                     ("complex128", "1+2j"), ("float16", "-inf"),
                                     ("int32", "1.5"), ("uint8", "256")], ids=str)
def test_construct_from_string(dt, text):
    assert_call_like(lambda: getattr(np, dt)(text), lambda: getattr(ox, dt)(text),
                     compare=assert_same)


@pytest.mark.parametrize("dt", ["complex64", "complex128"])
@pytest.mark.parametrize("args", [(1, 1), (1.5, -2), (0, 0.0), (1e40, 1), (2, float("nan")),
                                  (np.float64(2), np.float32(3)), (True, 2), (1j, 1), (1, 1j),
                                  ("1", 2), (1, "2"), ([1], 2), (1, 2, 3)], ids=str)
def test_construct_complex_from_real_and_imag(dt, args):
    """`complex128(re, im)` as Python's `complex(re, im)`, as NumPy's."""
    conv = [ox.float32(a) if isinstance(a, np.float32) else
            ox.float64(a) if isinstance(a, np.float64) else a for a in args]
    assert_call_like(lambda: getattr(np, dt)(*args), lambda: getattr(ox, dt)(*conv),
                     compare=assert_same)


def test_construct_real_rejects_two_arguments():
    for dt in ["float64", "int64", "bool", "float16"]:
        raises_like(lambda: getattr(np, dt)(1, 2), lambda: getattr(ox, dt)(1, 2))


_SEQ_ARGS = {
    "list": (lambda: [1, 0, 1], lambda: [1, 0, 1]),
    "2d-array": (lambda: np.array([[1], [0]]), lambda: ox.array([[1], [0]])),
    "0d-array": (lambda: np.array(1), lambda: ox.array(1)),
    "0d-float-array": (lambda: np.array(2.5), lambda: ox.array(2.5)),
}


@pytest.mark.parametrize("kind", sorted(_SEQ_ARGS))
@pytest.mark.parametrize("dt", ["float64", "int32", "bool", "complex64", "uint8"])
def test_construct_from_sequence_or_array(dt, kind):
    """np.float64([1, 0, 1]) is an array; np.float64(np.array(1)) a scalar."""
    make_np, make_ox = _SEQ_ARGS[kind]
    if kind in ("list", "2d-array"):
        # Deliberate difference (docs/differences.md): a scalar type called on a sequence
        # raises TypeError in oxarray (NumPy returns an array): use ox.array(x, dtype=...).
        assert isinstance(getattr(np, dt)(make_np()), np.ndarray)
        with pytest.raises(TypeError):
            getattr(ox, dt)(make_ox())
        return
    assert_call_like(lambda: getattr(np, dt)(make_np()), lambda: getattr(ox, dt)(make_ox()),
                     compare=assert_same)


@pytest.mark.parametrize("name", ABSTRACT)
def test_abstract_types_cannot_be_instantiated(name):
    raises_like(lambda: getattr(np, name)(1), lambda: getattr(ox, name)(1))


# ---------------------------------------------------------------------------
# indexing gives array scalars; type hierarchy
# ---------------------------------------------------------------------------

def test_arange_element_is_int64_scalar():
    x = ox.arange(3)[1]
    n = np.arange(3)[1]
    assert type(n) is np.int64
    assert type(x) is ox.int64
    for name in ["integer", "signedinteger", "number", "generic"]:
        assert isinstance(x, getattr(ox, name)) == isinstance(n, getattr(np, name)), name
    for name in ["unsignedinteger", "inexact", "floating", "complexfloating", "float64",
                 "bool"]:
        assert isinstance(x, getattr(ox, name)) == isinstance(n, getattr(np, name)), name
    assert not isinstance(x, ox.ndarray)
    assert_same(x, n)


@pytest.mark.parametrize("dt", ALL_DTYPES + [">i4", ">f8", ">c16", ">u2"])
def test_indexing_element_type(dt):
    vals = [0, 1, 0, 1, 1, 0]
    n = np.array(vals, dtype=dt).reshape(2, 3)
    o = ox.array(vals, dtype=dt).reshape(2, 3)
    for idx in [(1, 2), (0, 0), (-1, -1)]:
        x, y = o[idx], n[idx]
        assert type(x).__name__ == type(y).__name__
        assert type(x) is getattr(ox, type(y).__name__)
        assert_same(x, y)
    x, y = o[1][2], n[1][2]
    assert type(x) is getattr(ox, type(y).__name__)
    assert_same(x, y)
    assert [type(e).__name__ for e in o[0]] == [type(e).__name__ for e in n[0]]


@pytest.mark.parametrize("name", ALL_DTYPES)
def test_mro_matches_numpy(name):
    skip = DOCUMENTED_PY_BASES.get(name)
    want = [c.__name__ for c in getattr(np, name).__mro__ if c is not skip]
    got = [c.__name__ for c in getattr(ox, name).__mro__]
    assert got == want
    assert all(c is object or c.__module__ == "oxarray" for c in getattr(ox, name).__mro__)


@pytest.mark.parametrize("a", ALL_TYPES)
def test_issubclass_matrix(a):
    got = {b: issubclass(getattr(ox, a), getattr(ox, b)) for b in ALL_TYPES}
    want = {b: issubclass(getattr(np, a), getattr(np, b)) for b in ALL_TYPES}
    assert got == want


@pytest.mark.parametrize("a", ALL_DTYPES)
def test_isinstance_matrix(a):
    o, n = getattr(ox, a)(1), getattr(np, a)(1)
    got = {b: isinstance(o, getattr(ox, b)) for b in ALL_TYPES}
    want = {b: isinstance(n, getattr(np, b)) for b in ALL_TYPES}
    assert got == want
    for pytype in (int, float, complex, bool):
        if DOCUMENTED_PY_BASES.get(a) is pytype:
            continue
        assert isinstance(o, pytype) == isinstance(n, pytype), pytype


@pytest.mark.parametrize("name", ALL_TYPES)
def test_type_names_and_module(name):
    t, nt = getattr(ox, name), getattr(np, name)
    assert t.__name__ == nt.__name__
    assert t.__module__ == "oxarray"


def test_aliases_match_numpy():
    for alias in ["bool_", "intp", "uintp", "int_", "double", "single", "half", "cdouble",
                  "csingle", "byte", "ubyte", "short", "ushort", "intc", "uintc"]:
        assert getattr(ox, alias).__name__ == getattr(np, alias).__name__, alias


# ---------------------------------------------------------------------------
# scalar protocol: item, dtype, shape, conversions, index, hash, repr, str
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_item(case):
    o, n = _pair(*case)
    a, b = o.item(), n.item()
    assert type(a) is type(b)
    assert _same_value(a, b), (a, b)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_dtype_shape_ndim(case):
    o, n = _pair(*case)
    assert isinstance(o.dtype, ox.dtype)
    assert o.dtype.str == n.dtype.str
    assert o.dtype == ox.dtype(case[0])
    assert o.shape == n.shape == ()
    assert o.ndim == n.ndim == 0


@pytest.mark.parametrize("conv", [float, int, bool, complex], ids=lambda c: c.__name__)
@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_python_conversions(case, conv):
    o, n = _pair(*case)
    assert_call_like(lambda: conv(n), lambda: conv(o))


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_operator_index(case):
    o, n = _pair(*case)
    assert_call_like(lambda: operator.index(n), lambda: operator.index(o))


@pytest.mark.parametrize("dt", ALL_DTYPES)
def test_scalar_indexes_python_list(dt):
    seq = list(range(10, 20))
    o, n = getattr(ox, dt)(1), getattr(np, dt)(1)
    assert_call_like(lambda: seq[n], lambda: seq[o])
    assert_call_like(lambda: seq[n:4], lambda: seq[o:4])
    assert_call_like(lambda: seq[-5:n], lambda: seq[-5:o])
    assert_call_like(lambda: list(range(getattr(np, dt)(3))),
                     lambda: list(range(getattr(ox, dt)(3))))


def _hashable_value(case):
    v = case[1]
    parts = [v.real, v.imag] if isinstance(v, complex) else [v]
    return not any(isinstance(p, float) and math.isnan(p) for p in parts)


@pytest.mark.parametrize("case", [c for c in CASES if _hashable_value(c)], ids=_case_id)
def test_hash(case):
    o, n = _pair(*case)
    assert hash(n) == hash(n.item())  # the oracle's own invariant
    assert hash(o) == hash(o.item())
    assert hash(o) == hash(n)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_repr(case):
    o, n = _pair(*case)
    assert repr(o) == repr(n).replace("np.", "oxarray.")


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_str(case):
    o, n = _pair(*case)
    assert str(o) == str(n)


EXTRA_FLOAT32 = [0.1, 1 / 3, 16777217.0, 3.4028234663852886e38, 1.4e-45, 1e-40, 1e10, 123456.789,
                 0.2, 1e-8]
EXTRA_FLOAT16 = [0.1, 1 / 3, 65504.0, 6e-8, 6.1e-5, 1000.5, 2049.0, 0.333, 1e-4, 3.14159]


@pytest.mark.parametrize("dt,v", [("float32", v) for v in EXTRA_FLOAT32]
                         + [("float16", v) for v in EXTRA_FLOAT16], ids=str)
def test_reduced_precision_float_repr_str_item(dt, v):
    o, n = _pair(dt, v)
    assert repr(o) == repr(n).replace("np.", "oxarray.")
    assert str(o) == str(n)
    assert o.item() == n.item()
    assert float(o) == float(n)


def test_bool_scalar_repr_uses_true_false_names():
    assert repr(ox.bool(True)) == repr(np.bool(True)).replace("np.", "oxarray.")
    assert repr(ox.bool(False)) == repr(np.bool(False)).replace("np.", "oxarray.")
    assert repr(ox.array([True])[0]) == repr(np.array([True])[0]).replace("np.", "oxarray.")


# ---------------------------------------------------------------------------
# 0-d arrays
# ---------------------------------------------------------------------------

def test_zero_d_array_stays_array():
    o, n = ox.array(5), np.array(5)
    assert isinstance(n, np.ndarray) and isinstance(o, ox.ndarray)
    assert not isinstance(o, ox.generic)
    assert o.ndim == n.ndim == 0
    assert o.shape == n.shape == ()
    assert_same(o, n)


@pytest.mark.parametrize("dt", ALL_DTYPES)
def test_zero_d_array_indexing(dt):
    o, n = ox.array(1, dtype=dt), np.array(1, dtype=dt)
    x, y = o[()], n[()]
    assert type(x) is getattr(ox, type(y).__name__)
    assert_same(x, y)
    e, f = o[...], n[...]
    assert isinstance(e, ox.ndarray)
    assert_same(e, f)
    assert_same(o.item(), n.item())


@pytest.mark.parametrize("conv", [int, float, complex, bool, operator.index],
                         ids=lambda c: c.__name__)
@pytest.mark.parametrize("value,dt", [(5, "int64"), (0, "uint8"), (2.5, "float64"),
                                      (-0.0, "float32"), (1 + 2j, "complex128"),
                                      (True, "bool"), (math.nan, "float64"),
                                      (math.inf, "float16"), (-3, "int8")], ids=str)
def test_zero_d_array_conversions(value, dt, conv):
    n = np.array(value, dtype=dt)
    o = ox.array(value, dtype=dt)
    assert_call_like(lambda: conv(n), lambda: conv(o))


def test_zero_d_int_array_indexes_list():
    seq = [10, 20, 30]
    assert seq[ox.array(1)] == seq[np.array(1)]
    assert operator.index(ox.array(5)) == operator.index(np.array(5))
    assert type(operator.index(ox.array(5))) is int


@pytest.mark.parametrize("conv", [int, float, complex, bool, operator.index],
                         ids=lambda c: c.__name__)
@pytest.mark.parametrize("obj", [[1.5], [[3]], [True], [], [1, 2], [[]], [1j]], ids=str)
def test_non_zero_d_array_conversions(obj, conv):
    """NumPy 2.4: size-1 arrays of ndim > 0 no longer convert (TypeError), bool() of empty
    or multi-element arrays raises ValueError; oxarray must behave (and warn) the same."""
    n, o = np.array(obj), ox.array(obj)
    assert_call_like(lambda: conv(n), lambda: conv(o))


def test_float_of_one_element_array_like_numpy():
    """float(array([1.5])): NumPy 2.0-2.3 emit a DeprecationWarning and return 1.5, NumPy
    2.4 raises TypeError; oxarray must do what the installed NumPy does."""
    n, o = np.array([1.5]), ox.array([1.5])
    n_res, n_exc, n_w = _outcome(lambda: float(n))
    if DeprecationWarning in n_w:
        with pytest.warns(DeprecationWarning):
            assert float(n) == 1.5
        with pytest.warns(DeprecationWarning):
            assert float(o) == 1.5
    else:
        assert n_exc is not None
        raises_like(lambda: float(n), lambda: float(o))


# ---------------------------------------------------------------------------
# copy / pickle
# ---------------------------------------------------------------------------

def _same_scalar(a, b):
    assert type(a) is type(b)
    assert a.dtype == b.dtype
    assert _same_value(a.item(), b.item()), (a, b)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_copy_and_deepcopy(case):
    o, n = _pair(*case)
    _same_scalar(copy.copy(o), o)
    _same_scalar(copy.deepcopy(o), o)
    _same_scalar(copy.copy(n), n)  # the oracle agrees that this round-trips
    assert_same(copy.deepcopy(o), n)


@pytest.mark.parametrize("protocol", [0, 2, pickle.HIGHEST_PROTOCOL])
@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_pickle_roundtrip(case, protocol):
    o, n = _pair(*case)
    o2 = pickle.loads(pickle.dumps(o, protocol=protocol))
    _same_scalar(o2, o)
    assert_same(o2, pickle.loads(pickle.dumps(n, protocol=protocol)))


def test_pickle_of_scalar_inside_container():
    o = [ox.int8(3), ox.float32(0.5), ox.complex64(1j), ox.bool(True)]
    back = pickle.loads(pickle.dumps(o))
    for a, b in zip(back, o):
        _same_scalar(a, b)
    n = [np.int8(3), np.float32(0.5), np.complex64(1j), np.bool(True)]
    for a, b in zip(back, n):
        assert_same(a, b)


# --- Array API helpers and NumPy's scalar indexing (consumers: scikit-learn, SciPy) -------


def test_scalar_array_api_helpers():
    for s, n in [(ox.float64(1.5), np.float64(1.5)), (ox.int8(3), np.int8(3))]:
        assert s.device == n.device == "cpu"
        assert s.to_device("cpu") is s
        assert s.__array_namespace__(api_version="2025.12") is ox
        with pytest.raises(ValueError):
            s.to_device("cuda")
        with pytest.raises(ValueError):
            s.to_device("cpu", stream=1)
        with pytest.raises(ValueError):
            s.__array_namespace__(api_version="1999.12")


@pytest.mark.parametrize("key", [(), ..., None, (None, ...), (..., None, None)])
def test_scalar_getitem_as_numpy(key):
    s, n = ox.float32(2.5), np.float32(2.5)
    got, want = s[key], n[key]
    if isinstance(want, np.ndarray):
        assert isinstance(got, ox.ndarray)
        assert got.shape == want.shape and np.asarray(got).dtype == want.dtype
        np.testing.assert_array_equal(np.asarray(got), want)
    else:
        assert got is s


@pytest.mark.parametrize("key", [0, -1, slice(None), (0,), (slice(None),)])
def test_scalar_getitem_invalid_as_numpy(key):
    with pytest.raises(IndexError) as np_err:
        np.float64(1.0)[key]
    with pytest.raises(IndexError) as ox_err:
        ox.float64(1.0)[key]
    assert str(ox_err.value) == str(np_err.value)


def test_scalar_not_iterable():
    with pytest.raises(TypeError):
        iter(np.float64(1.0))
    with pytest.raises(TypeError):
        iter(ox.float64(1.0))
    with pytest.raises(TypeError):
        list(ox.int64(3))
    assert not np.iterable(ox.float64(1.0))
