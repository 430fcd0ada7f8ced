"""Constants and type information, checked against NumPy."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from _nsjoin_helpers import ALL_DTYPES
from conftest import assert_same, raises_like

FLOATS = ["float16", "float32", "float64", "complex64", "complex128"]
INTS = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
ABSTRACT = ["generic", "number", "integer", "signedinteger", "unsignedinteger", "inexact",
            "floating", "complexfloating", "bool"]


def test_constants():
    for name in ("pi", "e", "euler_gamma", "inf"):
        assert getattr(ox, name) == getattr(np, name)
        assert type(getattr(ox, name)) is float
    assert math.isnan(ox.nan)
    assert ox.little_endian is np.little_endian
    assert ox.newaxis is None
    assert ox.__array_api_version__ == "2025.12"


@pytest.mark.parametrize("name", FLOATS)
def test_finfo_fields(name):
    fields = ["bits", "eps", "epsneg", "iexp", "machep", "max", "maxexp", "min", "minexp",
              "negep", "nexp", "nmant", "precision", "resolution", "smallest_normal",
              "smallest_subnormal", "tiny"]
    for spec in (name, getattr(ox, name), ox.dtype(name)):
        fo = ox.finfo(spec)
        fn = np.finfo(name)
        assert fo.dtype.str == fn.dtype.str
        for f in fields:
            a, b = getattr(fo, f), getattr(fn, f)
            if isinstance(b, np.generic):
                assert_same(a, b)
            else:
                assert a == b and type(a) is type(b), (f, a, b)
    assert repr(ox.finfo(name)) == repr(np.finfo(name))
    assert "Machine parameters" in str(ox.finfo(name))


def test_finfo_other_inputs():
    assert ox.finfo(float).dtype == ox.float64
    assert ox.finfo(complex).dtype == ox.float64
    assert ox.finfo(ox.float32(1)).dtype == ox.float32
    assert ox.finfo(1.0).dtype == ox.float64
    assert ox.finfo(ox.floating).dtype == ox.float64
    raises_like(lambda: np.finfo(np.int32), lambda: ox.finfo(ox.int32))
    with pytest.warns(DeprecationWarning):
        assert ox.finfo(None).dtype == ox.float64
    raises_like(lambda: np.isdtype("f8", "numeric"), lambda: ox.isdtype("f8", "numeric"))


@pytest.mark.parametrize("name", INTS)
def test_iinfo(name):
    for spec in (name, getattr(ox, name), ox.dtype(name), getattr(ox, name)(1)):
        io, inn = ox.iinfo(spec), np.iinfo(name)
        assert (io.bits, io.kind, io.min, io.max) == (inn.bits, inn.kind, inn.min, inn.max)
        assert type(io.min) is int and type(io.max) is int
        assert io.dtype.str == inn.dtype.str
    assert repr(ox.iinfo(name)) == repr(np.iinfo(name))
    assert str(ox.iinfo(name)) == str(np.iinfo(name))


def test_iinfo_errors():
    assert ox.iinfo(int).max == np.iinfo(int).max
    raises_like(lambda: np.iinfo(np.float32), lambda: ox.iinfo(ox.float32))
    raises_like(lambda: np.iinfo("bool"), lambda: ox.iinfo("bool"))


def _both(name):
    return getattr(ox, name), getattr(np, name)


@pytest.mark.parametrize("a", ALL_DTYPES + ABSTRACT)
def test_issubdtype(a):
    for b in ALL_DTYPES + ABSTRACT:
        oa, na = _both(a)
        ob, nb = _both(b)
        assert ox.issubdtype(oa, ob) == np.issubdtype(na, nb), (a, b)
        if a not in ABSTRACT:
            assert ox.issubdtype(a, ob) == np.issubdtype(a, nb), (a, b)
            assert ox.issubdtype(ox.dtype(a), ob) == np.issubdtype(np.dtype(a), nb)
    for py in (int, float, complex, bool):
        if a not in ABSTRACT:
            assert ox.issubdtype(a, py) == np.issubdtype(a, py), (a, py)


def test_isdtype():
    kinds = ["bool", "signed integer", "unsigned integer", "integral", "real floating",
             "complex floating", "numeric"]
    for d in ALL_DTYPES:
        for k in kinds:
            assert ox.isdtype(ox.dtype(d), k) == np.isdtype(np.dtype(d), k), (d, k)
        assert ox.isdtype(ox.dtype(d), ("bool", ox.dtype("float32"))) == np.isdtype(
            np.dtype(d), ("bool", np.dtype("float32")))
    assert ox.isdtype(ox.float64, "numeric") == np.isdtype(np.float64, "numeric")
    assert ox.isdtype(ox.dtype("f4"), ox.float32) == np.isdtype(np.dtype("f4"), np.float32)
    raises_like(lambda: np.isdtype(np.dtype("f8"), "bogus"), lambda: ox.isdtype(ox.dtype("f8"), "bogus"))
    raises_like(lambda: np.isdtype(np.dtype("f8"), 3), lambda: ox.isdtype(ox.dtype("f8"), 3))


def test_isscalar_iterable():
    cases = [(1, 1), (1.5, 1.5), (1j, 1j), (True, True), ("s", "s"), (b"b", b"b"),
             ([1], [1]), ((1,), (1,)), (None, None)]
    for o, n in cases:
        assert ox.isscalar(o) == np.isscalar(n)
        assert ox.iterable(o) == np.iterable(n)
    for d in ALL_DTYPES:
        assert ox.isscalar(getattr(ox, d)(1)) and np.isscalar(getattr(np, d)(1))
    assert ox.isscalar(ox.arange(3)) == np.isscalar(np.arange(3))
    assert ox.isscalar(ox.asarray(3)) == np.isscalar(np.asarray(3))
    assert ox.iterable(ox.arange(3)) == np.iterable(np.arange(3))
    assert ox.iterable(ox.asarray(3)) == np.iterable(np.asarray(3))


def test_typecodes_sctypedict():
    assert ox.typecodes == np.typecodes
    for key, t in ox.sctypeDict.items():
        assert np.sctypeDict[key].__name__ == t.__name__, key
    names = set(ALL_DTYPES)
    assert set(ox.sctypeDict) == {k for k, v in np.sctypeDict.items() if v.__name__ in names}
    for d in ALL_DTYPES:
        assert ox.sctypeDict[d] is getattr(ox, d)


@settings(max_examples=60, deadline=None)
@given(v=st.one_of(st.booleans(), st.integers(-(2**63), 2**64 - 1),
                   st.floats(allow_nan=True, allow_infinity=True),
                   st.complex_numbers(allow_nan=False, max_magnitude=1e300)))
def test_min_scalar_type(v):
    assert ox.min_scalar_type(v).str == np.min_scalar_type(v).str


def test_min_scalar_type_arrays_and_scalars():
    for d in ALL_DTYPES:
        assert ox.min_scalar_type(ox.ones(2, d)).str == np.min_scalar_type(np.ones(2, d)).str
        assert ox.min_scalar_type(getattr(ox, d)(1)).str == np.min_scalar_type(getattr(np, d)(1)).str
    for v in (70000.0, 1e39, -1e39, 300, -300, 2**40):
        assert ox.min_scalar_type(ox.asarray(v)).str == np.min_scalar_type(np.asarray(v)).str


def test_common_type_mintypecode():
    for d1 in ALL_DTYPES:
        for d2 in ALL_DTYPES:
            a, b = np.ones(1, d1), np.ones(1, d2)
            oa, ob = ox.ones(1, d1), ox.ones(1, d2)
            try:
                e = np.common_type(a, b)
            except TypeError:
                raises_like(lambda: np.common_type(a, b), lambda: ox.common_type(oa, ob))
                continue
            assert ox.common_type(oa, ob).__name__ == e.__name__
    assert ox.common_type().__name__ == np.common_type().__name__
    for chars in ("idF", "i", "f", "dF", "Ff", ["d", "f"], [ox.ones(1, "f4"), "d"]):
        nchars = chars if not isinstance(chars, list) else [
            c if isinstance(c, str) else np.ones(1, "f4") for c in chars]
        assert ox.mintypecode(chars) == np.mintypecode(nchars)
    assert ox.mintypecode("ib", typeset="ib", default="x") == np.mintypecode("ib", typeset="ib", default="x")


def test_isfortran_astype():
    for order, shape in (("C", (2, 3)), ("F", (2, 3)), ("F", (3,)), ("F", (1, 3))):
        assert ox.isfortran(ox.ones(shape, order=order)) == np.isfortran(np.ones(shape, order=order))
    for d in ALL_DTYPES:
        n = np.arange(5).astype("float64")
        o = ox.asarray(n.copy())
        with np.errstate(all="ignore"):
            e = np.astype(n, d)
        assert_same(ox.astype(o, d), e)
    o = ox.arange(3)
    assert ox.astype(o, "int64", copy=False) is o
    assert ox.astype(o, "int64") is not o
    raises_like(lambda: np.astype([1, 2], "f8"), lambda: ox.astype([1, 2], "f8"))
    raises_like(lambda: np.astype(np.arange(3), "f8", device="gpu"), lambda: ox.astype(o, "f8", device="gpu"))


def test_namespace_info_and_device():
    info, ninfo = ox.__array_namespace_info__(), np.__array_namespace_info__()
    caps = info.capabilities()
    assert set(caps) == set(ninfo.capabilities())
    assert caps["boolean indexing"] and caps["data-dependent shapes"]
    assert caps["max dimensions"] is None  # oxarray has no rank limit
    assert info.default_device() == ninfo.default_device() == "cpu"
    assert info.devices() == ninfo.devices()
    assert {k: v.str for k, v in info.default_dtypes().items()} == {
        k: v.str for k, v in ninfo.default_dtypes().items()}
    for kind in (None, "bool", "signed integer", "unsigned integer", "integral", "real floating",
                 "complex floating", "numeric", ("bool", "real floating")):
        got = {k: v.str for k, v in info.dtypes(kind=kind).items()}
        # (NumPy 2.4 returns the scalar type `numpy.bool` for "bool", not a dtype;
        # oxarray returns dtypes everywhere, as the Array API standard says.)
        exp = {k: np.dtype(v).str for k, v in ninfo.dtypes(kind=kind).items()}
        assert got == exp, kind
    raises_like(lambda: ninfo.dtypes(kind="bogus"), lambda: info.dtypes(kind="bogus"))
    raises_like(lambda: ninfo.dtypes(device="gpu"), lambda: info.dtypes(device="gpu"))
    raises_like(lambda: ninfo.default_dtypes(device="gpu"), lambda: info.default_dtypes(device="gpu"))
    a = ox.arange(3)
    assert a.device == np.arange(3).device == "cpu"
    assert a.to_device("cpu") is a
    raises_like(lambda: np.arange(3).to_device("gpu"), lambda: a.to_device("gpu"))
    assert a.__array_namespace__() is ox
    assert a.__array_namespace__(api_version="2023.12") is ox
    assert a.__array_namespace__(api_version="2025.12") is ox
    raises_like(lambda: np.arange(3).__array_namespace__(api_version="2011.12"),
                lambda: a.__array_namespace__(api_version="2011.12"))
