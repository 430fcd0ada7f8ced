"""dtype objects, type promotion, casting rules, value casting and dtype discovery.

NumPy is the oracle everywhere: every expectation is computed by NumPy from the same
inputs; nothing is copied from oxarray's own output.
"""

import itertools
import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import oxarray as ox
from conftest import ALL_DTYPES, assert_same, raises_like

DTYPE_ATTRS = ["kind", "char", "name", "str", "itemsize", "alignment", "byteorder",
               "isnative", "num"]
CASTINGS = ["no", "equiv", "safe", "same_kind", "unsafe"]
SWAPPED = ["<i4", ">i4", "<f8", ">f8", "|u1", "<c8", ">c8", ">u2", "<i2", ">i8", ">f2",
           ">c16", "|b1"]


# Deliberate difference (docs/differences.md): oxarray has one 64-bit integer descriptor per
# signedness. NumPy's 'q'/longlong is a second descriptor equal to int64 but with its own
# char ('q') and number (9); oxarray treats these spellings as int64 ('l', 7).
LONGLONG_ALIASES = {"q": "l", "Q": "L", "longlong": "l", "ulonglong": "L"}


def _np_spec(spec):
    """The NumPy counterpart of a dtype spec (oxarray scalar types map to NumPy's)."""
    if isinstance(spec, type) and spec.__module__ == "oxarray":
        return getattr(np, spec.__name__)
    if isinstance(spec, str) and spec in LONGLONG_ALIASES:
        return LONGLONG_ALIASES[spec]
    return spec


def _ox_spec(spec):
    """The oxarray counterpart of a NumPy-side spec (NumPy dtypes become their .str)."""
    if isinstance(spec, np.dtype):
        return ox.dtype(spec.str)
    if isinstance(spec, type) and spec.__module__ == "numpy":
        return getattr(ox, spec.__name__)
    return spec


def _spec_id(spec):
    if isinstance(spec, type):
        return f"{spec.__module__}.{spec.__name__}"
    return repr(spec)


# ---------------------------------------------------------------------------
# dtype construction and attributes
# ---------------------------------------------------------------------------

NAME_SPECS = ["float64", "int", "float", "complex", "bool"] + ALL_DTYPES + [
    "intp", "uintp", "double", "single", "half", "longlong", "ulonglong", "int_", "long",
    "ulong", "short", "ushort", "byte", "ubyte", "intc", "uintc", "cdouble", "csingle", "uint",
    "bool_"]
CHAR_SPECS = ["d", "f", "?", "b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "e", "F", "D",
              "p", "P"]
TYPESTR_SPECS = ["<f8", ">i4", "=u2", "|u1", ">c16", "<c8", ">f2", "<i8", ">u8", "|b1",
                 "i1", "u4", "f4", "c16", "?", "=f8", "<i2", ">?"]
PYTYPE_SPECS = [int, float, complex, bool]
OX_TYPE_SPECS = [getattr(ox, n) for n in ALL_DTYPES] + [ox.bool_, ox.intp, ox.double,
                                                         ox.single, ox.half, ox.cdouble]
NP_SPECS = [np.dtype(">f4"), np.dtype("<i2"), np.dtype(">c8"), np.dtype("u8"),
            np.float32, np.int16, np.uint64, np.complex128, np.bool_, np.float16]
ALL_SPECS = NAME_SPECS + CHAR_SPECS + TYPESTR_SPECS + PYTYPE_SPECS + OX_TYPE_SPECS + NP_SPECS


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_spec_id)
def test_dtype_attributes(spec):
    d, n = ox.dtype(spec), np.dtype(_np_spec(spec))
    assert isinstance(d, ox.dtype)
    got = {a: getattr(d, a) for a in DTYPE_ATTRS}
    want = {a: getattr(n, a) for a in DTYPE_ATTRS}
    assert got == want


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_spec_id)
def test_dtype_repr_str(spec):
    d, n = ox.dtype(spec), np.dtype(_np_spec(spec))
    assert (repr(d), str(d)) == (repr(n), str(n))


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_spec_id)
def test_dtype_type_attribute(spec):
    d, n = ox.dtype(spec), np.dtype(_np_spec(spec))
    assert d.type is getattr(ox, n.type.__name__)
    assert d.type.__name__ == n.type.__name__


@pytest.mark.parametrize("spec", TYPESTR_SPECS + ALL_DTYPES)
def test_dtype_from_dtype_is_equal(spec):
    d = ox.dtype(spec)
    d2 = ox.dtype(d)
    assert d2 == d
    assert d2.str == np.dtype(np.dtype(spec)).str


@pytest.mark.parametrize("spec", ["float65", "foo", "i3", "<>f8", "", "f8f8", "int128", ">",
                                  "u", "c4", "?1", "b2", "f9", " f8", "f8 ", "Float64",
                                  "float 64", "<", "i0", "float_", "complex_", "int0",
                                  "uint0", "Int64", "B1", "bool8", "i4 ", "uint8 "])
def test_dtype_bad_string(spec):
    raises_like(lambda: np.dtype(spec), lambda: ox.dtype(spec))


@pytest.mark.parametrize("bad", [3, 1.5, [1, 2], object()], ids=repr)
def test_dtype_bad_object(bad):
    raises_like(lambda: np.dtype(bad), lambda: ox.dtype(bad))


def test_dtype_none_is_default_float():
    assert ox.dtype(None).str == np.dtype(None).str


# --- equality and hashing ---------------------------------------------------

EQ_CASES = [
    ("f8", "float64"), ("f8", "d"), ("f8", "<f8"), ("f8", ">f8"), ("f8", "f4"),
    ("f8", float), ("f8", int), ("i8", int), ("?", bool), ("c16", complex),
    ("f8", "ox:float64"), ("f8", "ox:float32"), ("i4", "ox:int32"), ("u1", "ox:uint8"),
    (">f8", "<f8"), (">f8", ">f8"), (">i4", "i4"), ("|u1", "<u1"), ("|u1", ">u1"),
    ("i8", "int64"), ("i8", "l"), ("i8", "q"), ("f8", "foo"), ("f8", None), ("f8", 3),
    ("i4", "int32"), ("c8", "complex64"), ("c8", "F"), ("e", "float16"), ("b1", "bool"),
]


def _eq_other(other, lib):
    if isinstance(other, str) and other.startswith("ox:"):
        return getattr(lib, other[3:])
    return other


@pytest.mark.parametrize("spec,other", EQ_CASES, ids=lambda v: _spec_id(v))
def test_dtype_equality(spec, other):
    d, n = ox.dtype(spec), np.dtype(spec)
    oo, no = _eq_other(other, ox), _eq_other(other, np)
    assert (d == oo) == (n == no)
    assert (d != oo) == (n != no)


@pytest.mark.parametrize("spec,other", [(a, b) for a, b in EQ_CASES
                                        if not (isinstance(b, str) and b.startswith("ox:"))
                                        and b not in ("foo", 3)],
                         ids=lambda v: _spec_id(v))
def test_dtype_equality_dtype_vs_dtype(spec, other):
    d1, d2 = ox.dtype(spec), ox.dtype(other)
    n1, n2 = np.dtype(spec), np.dtype(other)
    assert (d1 == d2) == (n1 == n2)
    assert (d1 != d2) == (n1 != n2)
    if n1 == n2:
        assert hash(d1) == hash(d2)


HASH_SPECS = NAME_SPECS + CHAR_SPECS + TYPESTR_SPECS + PYTYPE_SPECS


def test_dtype_equality_and_hash_all_pairs():
    mismatches = []
    for a, b in itertools.combinations(HASH_SPECS, 2):
        d1, d2 = ox.dtype(a), ox.dtype(b)
        n1, n2 = np.dtype(a), np.dtype(b)
        eq = n1 == n2
        if (d1 == d2) != eq or (eq and hash(d1) != hash(d2)):
            mismatches.append((a, b, eq))
    assert mismatches == []


def test_dtype_hash_usable_as_dict_key():
    table = {ox.dtype("f8"): "x"}
    assert table[ox.dtype(float)] == "x"
    assert table[ox.dtype("<f8")] == "x"
    assert ox.dtype(">f8") not in table
    n_table = {np.dtype("f8"): "x"}
    assert (np.dtype(">f8") in n_table) == (ox.dtype(">f8") in table)
    assert len({ox.dtype(s) for s in ALL_DTYPES + ["int", "float"]}) == len(
        {np.dtype(s) for s in ALL_DTYPES + ["int", "float"]})


# --- newbyteorder -----------------------------------------------------------

NEWBYTEORDER_ORDERS = [None, "S", "<", ">", "=", "|", "little", "big", "swap"]


def _newbyteorder(d, order):
    return d.newbyteorder() if order is None else d.newbyteorder(order)


@pytest.mark.parametrize("spec", TYPESTR_SPECS + ALL_DTYPES)
@pytest.mark.parametrize("order", NEWBYTEORDER_ORDERS)
def test_dtype_newbyteorder(spec, order):
    got, want = _newbyteorder(ox.dtype(spec), order), _newbyteorder(np.dtype(spec), order)
    assert isinstance(got, ox.dtype)
    assert (got.str, got.isnative) == (want.str, want.isnative)
    assert got == ox.dtype(want.str)
    assert hash(got) == hash(ox.dtype(want.str))


@pytest.mark.parametrize("spec", TYPESTR_SPECS + ALL_DTYPES)
@pytest.mark.parametrize("order", NEWBYTEORDER_ORDERS)
def test_dtype_newbyteorder_byteorder_and_repr(spec, order):
    got, want = _newbyteorder(ox.dtype(spec), order), _newbyteorder(np.dtype(spec), order)
    # Deliberate difference (docs/differences.md): a descriptor is native or swapped, so an
    # explicit native spelling ('<i4' on little-endian machines) reads back as '=' form
    # (dtype('int32')); NumPy remembers the '<'. Compare with NumPy's '='-normalised form.
    if want.isnative:
        want = want.newbyteorder("=")
    assert (got.byteorder, repr(got), str(got)) == (want.byteorder, repr(want), str(want))


def test_dtype_newbyteorder_twice_roundtrips():
    for spec in TYPESTR_SPECS + ALL_DTYPES:
        d, n = ox.dtype(spec), np.dtype(spec)
        assert (d.newbyteorder().newbyteorder() == d) == (n.newbyteorder().newbyteorder() == n)


def test_dtype_newbyteorder_bad():
    raises_like(lambda: np.dtype("i4").newbyteorder("x"),
                lambda: ox.dtype("i4").newbyteorder("x"))


# ---------------------------------------------------------------------------
# promote_types
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("a", ALL_DTYPES)
def test_promote_types_all_pairs(a):
    got = {b: ox.promote_types(a, b).str for b in ALL_DTYPES}
    want = {b: np.promote_types(a, b).str for b in ALL_DTYPES}
    assert got == want


@pytest.mark.parametrize("a", SWAPPED)
def test_promote_types_byteswapped(a):
    got = {b: ox.promote_types(a, b).str for b in SWAPPED + ALL_DTYPES}
    want = {b: np.promote_types(a, b).str for b in SWAPPED + ALL_DTYPES}
    assert got == want


def test_promote_types_accepts_types_and_dtypes():
    cases = [(ox.int8, ox.uint8, np.int8, np.uint8), (int, float, int, float),
             (ox.dtype("f2"), ox.int16, np.dtype("f2"), np.int16),
             (bool, ox.dtype(">u2"), bool, np.dtype(">u2"))]
    for oa, ob, na, nb in cases:
        r = ox.promote_types(oa, ob)
        assert isinstance(r, ox.dtype)
        assert r.str == np.promote_types(na, nb).str


def test_promote_types_is_symmetric_like_numpy():
    for a, b in itertools.combinations(ALL_DTYPES, 2):
        assert ox.promote_types(a, b) == ox.promote_types(b, a)


# ---------------------------------------------------------------------------
# can_cast
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("casting", CASTINGS)
@pytest.mark.parametrize("src", ALL_DTYPES)
def test_can_cast_all_pairs(src, casting):
    got = {dst: ox.can_cast(src, dst, casting) for dst in ALL_DTYPES}
    want = {dst: bool(np.can_cast(src, dst, casting)) for dst in ALL_DTYPES}
    assert got == want


@pytest.mark.parametrize("src", ALL_DTYPES)
def test_can_cast_default_is_safe(src):
    got = {dst: ox.can_cast(src, dst) for dst in ALL_DTYPES}
    want = {dst: bool(np.can_cast(src, dst)) for dst in ALL_DTYPES}
    assert got == want


@pytest.mark.parametrize("casting", CASTINGS)
@pytest.mark.parametrize("src", SWAPPED)
def test_can_cast_byteswapped(src, casting):
    got = {dst: ox.can_cast(src, dst, casting) for dst in SWAPPED}
    want = {dst: bool(np.can_cast(src, dst, casting)) for dst in SWAPPED}
    assert got == want


def test_can_cast_returns_python_bool():
    assert type(ox.can_cast("i4", "i8")) is type(bool(np.can_cast("i4", "i8")))


@pytest.mark.parametrize("value", [1, 1.0, 1j, True], ids=repr)
def test_can_cast_python_scalar_raises(value):
    raises_like(lambda: np.can_cast(value, "i4"), lambda: ox.can_cast(value, "i4"))


def test_can_cast_bad_casting_raises():
    raises_like(lambda: np.can_cast("i4", "i8", "bogus"),
                lambda: ox.can_cast("i4", "i8", "bogus"))


@pytest.mark.parametrize("src", ALL_DTYPES)
def test_can_cast_from_array_and_type(src):
    for dst in ALL_DTYPES:
        want = bool(np.can_cast(np.zeros(2, src), dst, "same_kind"))
        assert ox.can_cast(ox.zeros(2, src), dst, "same_kind") == want, dst
        want = bool(np.can_cast(getattr(np, src), getattr(np, dst)))
        assert ox.can_cast(getattr(ox, src), getattr(ox, dst)) == want, dst


# ---------------------------------------------------------------------------
# result_type (NEP 50)
# ---------------------------------------------------------------------------

def _make(tag, lib):
    kind, val = tag
    if kind == "dt":
        return lib.dtype(val)
    if kind == "arr":
        return lib.zeros(2, val)
    if kind == "arr0":
        return lib.zeros((), val)
    if kind == "sc":
        return getattr(lib, np.dtype(val).name)(1)
    if kind == "type":
        return getattr(lib, np.dtype(val).name)
    return val  # "py": a Python scalar or a Python type


def _check_result_type(*tags):
    nargs = [_make(t, np) for t in tags]
    oargs = [_make(t, ox) for t in tags]
    try:
        want = np.result_type(*nargs)
    except Exception:  # noqa: BLE001
        raises_like(lambda: np.result_type(*nargs), lambda: ox.result_type(*oargs))
        return
    got = ox.result_type(*oargs)
    assert isinstance(got, ox.dtype)
    assert got.str == want.str, (tags, got, want)


PY_WEAK = [1, -1, 0, 300, -300, 2**40, 2**63, -(2**63), 1.0, -0.5, 1e300, 1j, True, False]


@pytest.mark.parametrize("dt", ALL_DTYPES)
@pytest.mark.parametrize("kind", ["dt", "arr", "sc"])
def test_result_type_with_python_scalars(dt, kind):
    for v in PY_WEAK:
        _check_result_type((kind, dt), ("py", v))
        _check_result_type(("py", v), (kind, dt))


@pytest.mark.parametrize("v", PY_WEAK, ids=repr)
def test_result_type_python_scalars_only(v):
    _check_result_type(("py", v))
    for w in PY_WEAK:
        _check_result_type(("py", v), ("py", w))


@pytest.mark.parametrize("a", ALL_DTYPES)
def test_result_type_arrays_and_scalars(a):
    for b in ALL_DTYPES:
        _check_result_type(("arr", a), ("arr", b))
        _check_result_type(("arr", a), ("sc", b))
        _check_result_type(("sc", a), ("sc", b))
        _check_result_type(("dt", a), ("sc", b))
        _check_result_type(("arr0", a), ("arr", b))
        _check_result_type(("type", a), ("dt", b))


@pytest.mark.parametrize("dt", ALL_DTYPES)
def test_result_type_python_types_are_strong(dt):
    for t in [int, float, complex, bool]:
        _check_result_type(("dt", dt), ("py", t))


THREE_ARG = [
    (("arr", "int8"), ("py", 1.0), ("sc", "int16")),
    (("dt", "uint8"), ("py", -1), ("py", 1.0)),
    (("dt", "float16"), ("py", 1), ("py", 1j)),
    (("dt", "bool"), ("py", True), ("py", 1)),
    (("dt", "int8"), ("dt", "uint8"), ("py", 1.0)),
    (("dt", "int8"), ("dt", "uint8"), ("py", 1j)),
    (("sc", "float32"), ("py", 1), ("arr", "int64")),
    (("arr", "uint64"), ("arr", "int64"), ("py", 1)),
    (("arr", "bool"), ("py", 1), ("py", 2.5)),
    (("arr", "float32"), ("sc", "float64"), ("py", 1j)),
    (("py", 1), ("py", 2.0), ("py", True)),
    (("dt", "complex64"), ("py", 1e300), ("dt", "int8")),
    (("arr0", "int8"), ("arr", "uint8"), ("py", 1)),
    (("dt", ">i4"), ("dt", ">i4"), ("py", 1)),
    (("dt", ">f8"), ("py", 1), ("dt", "<f2")),
]


@pytest.mark.parametrize("tags", THREE_ARG, ids=str)
def test_result_type_three_args(tags):
    _check_result_type(*tags)


def test_result_type_three_args_all_kinds():
    for a, b in itertools.product(["int8", "uint16", "float16", "complex64", "bool"], repeat=2):
        for v in [1, 1.0, 1j, True]:
            _check_result_type(("dt", a), ("arr", b), ("py", v))
            _check_result_type(("sc", a), ("py", v), ("dt", b))


def test_result_type_no_arguments_raises():
    raises_like(lambda: np.result_type(), lambda: ox.result_type())


@pytest.mark.parametrize("dt", SWAPPED)
def test_result_type_byteswapped_single(dt):
    _check_result_type(("dt", dt))
    _check_result_type(("dt", dt), ("dt", dt))
    _check_result_type(("dt", dt), ("py", 1))


# ---------------------------------------------------------------------------
# Casting values with astype
# ---------------------------------------------------------------------------

INT_POOL = [0, 1, -1, 2, 7, -7, 100, 127, -128, 128, 255, 256, 1000, -1000, 32767, -32768,
            65504, 65535, 2**24 + 1, 2**31 - 1, -(2**31), 2**32 - 1, 2**53 + 1, 2**62,
            2**63 - 1, -(2**63), 2**64 - 1]
FLOAT_POOL = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.75, -2.75, 3.5, 2.9, -2.9, 127.0, -128.0,
              255.0, 1000.0, 1000.25, 0.1, 65504.0, 70000.0, 1e10, -1e10, 2.0**40, 1.5e38,
              1e300, 2.0**-24, 1e-40, 2.0**62, 9.2e18, 1.8e19, math.nan, math.inf, -math.inf]
COMPLEX_POOL = [0j, 1 + 2j, -2.75 + 0.5j, 3.5 - 1j, 0.5j, -0.0 - 0.0j, 255 + 0j, 1e10 + 1j,
                complex(math.nan, 1.0), complex(math.inf, 0.0), complex(2.5, math.inf),
                complex(1e300, 1.0), complex(0.1, -0.1), complex(-1.0, 1e-40)]


def _in_int_range(v, dt):
    info = np.iinfo(dt)
    return info.min <= v <= info.max


def _float_exact(v, dt):
    if math.isnan(v) or math.isinf(v):
        return True
    with np.errstate(all="ignore"):
        return float(np.dtype(dt).type(v)) == v


def _fits_float(v, dt):
    """Finite values inside dt's range, or nan/inf themselves (well defined conversions)."""
    if math.isnan(v) or math.isinf(v):
        return True
    return abs(v) <= float(np.finfo(dt).max)


def _source_values(src):
    k = np.dtype(src).kind
    if k == "b":
        return [False, True]
    if k in "iu":
        return [v for v in INT_POOL if _in_int_range(v, src)]
    if k == "f":
        return [v for v in FLOAT_POOL if _float_exact(v, src)]
    part = "f4" if src == "complex64" else "f8"
    return [v for v in COMPLEX_POOL if _float_exact(v.real, part) and _float_exact(v.imag, part)]


def _well_defined(v, src, dst):
    sk, dk = np.dtype(src).kind, np.dtype(dst).kind
    if sk == "b" or dk == "b":
        return True
    if sk in "iu":
        if dk in "iu":
            return _in_int_range(v, dst)
        real_dst = dst if dk == "f" else ("f4" if dst == "complex64" else "f8")
        return _fits_float(v, real_dst)
    parts = [v.real, v.imag] if isinstance(v, complex) else [v]
    if dk in "iu":
        r = parts[0]
        if math.isnan(r) or math.isinf(r):
            return False
        if dk == "u" and r < 0:
            return False
        return _in_int_range(math.trunc(r), dst)
    if dk == "f":
        return _fits_float(parts[0], dst)
    real_dst = "f4" if dst == "complex64" else "f8"
    return all(_fits_float(p, real_dst) for p in parts)


def _np_astype(arr, dst, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", np.exceptions.ComplexWarning)
        with np.errstate(all="ignore"):
            return arr.astype(dst, **kw)


def _ox_astype(arr, dst, **kw):
    # Values only, as _np_astype: ignore the cast warnings (ComplexWarning and the
    # RuntimeWarnings NumPy's errstate(all="ignore") silences above) -- they are compared
    # in test_layout.py::test_astype_complex_to_real_warns and test_indexing.py.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return arr.astype(dst, **kw)


def test_cast_value_pools_cover_each_kind():
    for dt in ALL_DTYPES:
        assert len(_source_values(dt)) >= 2, dt


@pytest.mark.parametrize("dst", ALL_DTYPES)
@pytest.mark.parametrize("src", ALL_DTYPES)
def test_astype_values_all_pairs(src, dst):
    vals = [v for v in _source_values(src) if _well_defined(v, src, dst)]
    assert vals
    n = np.array(vals, dtype=src)
    o = ox.array(vals, dtype=src)
    assert_same(o, n)
    assert_same(_ox_astype(o, dst), _np_astype(n, dst))


@pytest.mark.parametrize("dst", ["int8", "int16", "int32", "uint8", "uint16", "uint32", "int64",
                                 "uint64"])
@pytest.mark.parametrize("src", ["int16", "int32", "int64", "uint16", "uint32", "uint64"])
def test_astype_int_wraparound(src, dst):
    """Integer narrowing wraps modulo 2**bits in NumPy (two's complement)."""
    vals = [v for v in _source_values(src) if not _in_int_range(v, dst)]
    if not vals:
        vals = _source_values(src)
    n = np.array(vals, dtype=src)
    assert_same(_ox_astype(ox.array(vals, dtype=src), dst), _np_astype(n, dst))


@pytest.mark.parametrize("src", ["float64", "float32", "complex128", "int64", "uint64"])
@pytest.mark.parametrize("dst", ["float16", "float32", "complex64"])
def test_astype_float_overflow_to_inf(src, dst):
    """Finite values beyond the destination's range become inf (NumPy warns; values only)."""
    kind = np.dtype(src).kind
    if kind in "fc":
        vals = [v for v in [1e10, -1e10, 1e300, -1e300]
                if _float_exact(v, "f4" if src in ("float32", "complex64") else "f8")]
    else:
        vals = [v for v in [2**62, -(2**62)] if _in_int_range(v, src)]
    n = np.array(vals, dtype=src)
    assert_same(_ox_astype(ox.array(vals, dtype=src), dst), _np_astype(n, dst))


BYTESWAP_CASTS = [(">i4", "<f8"), ("<f8", ">f4"), (">c16", ">c8"), (">f8", ">i2"),
                  ("<u2", ">u2"), (">u2", "<u2"), (">i8", "bool"), ("bool", ">i8"),
                  (">f2", "<f4"), ("<f4", ">f2"), (">c8", "<c16"), (">i2", ">c16"),
                  (">u8", "<f8"), ("<i4", ">i4"), (">f8", ">f8"), (">c16", "<f8"),
                  (">i4", "|u1"), ("|u1", ">u8")]


@pytest.mark.parametrize("src,dst", BYTESWAP_CASTS, ids=str)
def test_astype_byteswapped(src, dst):
    native = np.dtype(src).newbyteorder("=").name
    vals = [v for v in _source_values(native) if _well_defined(v, native,
                                                                 np.dtype(dst).name)]
    n = np.array(vals, dtype=src)
    o = ox.array(vals, dtype=src)
    assert_same(o, n)
    assert_same(_ox_astype(o, dst), _np_astype(n, dst))


@pytest.mark.parametrize("casting", ["no", "equiv", "safe", "same_kind"])
@pytest.mark.parametrize("src", ALL_DTYPES + [">i4", ">f8"])
def test_astype_casting_checks(src, casting):
    base = np.dtype(src).newbyteorder("=").name
    vals = _source_values(base)[:2]
    n = np.array(vals, dtype=src)
    o = ox.array(vals, dtype=src)
    for dst in ALL_DTYPES + [">i4", ">f8"]:
        if np.can_cast(src, dst, casting):
            assert_same(_ox_astype(o, dst, casting=casting),
                        _np_astype(n, dst, casting=casting))
        else:
            raises_like(lambda: n.astype(dst, casting=casting),
                        lambda: o.astype(dst, casting=casting))


@pytest.mark.parametrize("dt", ALL_DTYPES + [">i4", ">c16"])
def test_astype_copy_false(dt):
    n = np.zeros(3, dt)
    o = ox.zeros(3, dt)
    assert (o.astype(dt, copy=False) is o) == (n.astype(dt, copy=False) is n)
    assert (o.astype(dt) is o) == (n.astype(dt) is n)
    assert (o.astype(dt, copy=True) is o) == (n.astype(dt, copy=True) is n)
    for other in ["float64", "int8", ">f8"]:
        got = _ox_astype(o, other, copy=False)
        want = _np_astype(n, other, copy=False)
        assert (got is o) == (want is n), other
        assert_same(got, want)


def test_astype_copy_true_is_independent():
    o = ox.array([1, 2, 3], dtype="int32")
    c = o.astype("int32")
    assert c is not o
    assert not ox.may_share_memory(c, o)
    n = np.array([1, 2, 3], dtype="int32")
    assert np.may_share_memory(n.astype("int32"), n) == ox.may_share_memory(c, o)


# ---------------------------------------------------------------------------
# Array creation dtype discovery
# ---------------------------------------------------------------------------

def _ox_category(cat):
    return ox.ComplexWarning if cat is np.exceptions.ComplexWarning else cat


def _both(obj_np, obj_ox=None, **kw):
    """ox.array(obj_ox, **kw) matches np.array(obj_np, **kw): same result or same exception
    type, and the same warning categories."""
    obj_ox = obj_np if obj_ox is None else obj_ox
    with warnings.catch_warnings(record=True) as np_w:
        warnings.simplefilter("always")
        try:
            want = np.array(obj_np, **kw)
        except Exception:  # noqa: BLE001
            want = None
    if want is None:
        raises_like(lambda: np.array(obj_np, **kw), lambda: ox.array(obj_ox, **kw))
        return
    with warnings.catch_warnings(record=True) as ox_w:
        warnings.simplefilter("always")
        got = ox.array(obj_ox, **kw)
    assert_same(got, want)
    assert [w.category for w in ox_w] == [_ox_category(w.category) for w in np_w]


DISCOVERY = [
    True, False, 0, 1, -5, 1.5, -0.0, 1j, 1 + 2j, math.nan, math.inf,
    [], [[]], [[], []], [[[]]],
    [True, False], [1, 2, 3], [1.0, 2.0], [1j, 2], [True, 1], [True, 1.5], [1, 2.5],
    [True, 1j], [1, 2.5, 3j], [[1, 2], [3, 4]], [[1.5], [2]], [[True], [False]],
    [[1, 2j], [3.0, True]], [[[1], [2]], [[3], [4]]],
    2**62, 2**63 - 1, 2**63, 2**64 - 1, -(2**63), [2**63, 1], [2**63, -1], [2**64 - 1, 0],
    [-(2**63), 2**63 - 1], [2**63, 1.5], [2**63, True], [2**31, -(2**31)],
    [math.nan, 1], [math.inf, -math.inf, 0],
]


@pytest.mark.parametrize("obj", DISCOVERY, ids=repr)
def test_array_discovery(obj):
    _both(obj)


@pytest.mark.parametrize("obj", [[1, [2]], [[1, 2], [3]], [[1], 2]], ids=repr)
def test_array_ragged_raises(obj):
    raises_like(lambda: np.array(obj), lambda: ox.array(obj))


def test_array_2_64_overflow():
    # NumPy falls back to an object array here; oxarray has no object dtype and must raise
    # OverflowError (NumPy itself raises OverflowError as soon as an integer dtype is given).
    with pytest.raises(OverflowError):
        ox.array(2**64)
    with pytest.raises(OverflowError):
        ox.array([1, 2**64])
    raises_like(lambda: np.array(2**64, dtype="uint64"), lambda: ox.array(2**64, dtype="uint64"))
    raises_like(lambda: np.array([-(2**63) - 1], dtype="int64"),
                lambda: ox.array([-(2**63) - 1], dtype="int64"))


@pytest.mark.parametrize("dt", ALL_DTYPES)
def test_array_of_array_scalars(dt):
    npt, oxt = getattr(np, dt), getattr(ox, dt)
    _both([npt(1), npt(0)], [oxt(1), oxt(0)])
    _both(npt(1), oxt(1))
    _both([[npt(1)], [npt(0)]], [[oxt(1)], [oxt(0)]])
    _both([npt(1), 2], [oxt(1), 2])
    _both([npt(1), 2.5], [oxt(1), 2.5])
    _both([npt(1), 1j], [oxt(1), 1j])
    _both([npt(1), True], [oxt(1), True])


@pytest.mark.parametrize("a,b", list(itertools.combinations(ALL_DTYPES, 2)), ids=str)
def test_array_of_mixed_array_scalars(a, b):
    _both([getattr(np, a)(1), getattr(np, b)(0)], [getattr(ox, a)(1), getattr(ox, b)(0)])


@pytest.mark.parametrize("dt", ALL_DTYPES)
def test_array_of_arrays(dt):
    _both([np.zeros(2, dt), np.ones(2, dt)], [ox.zeros(2, dt), ox.ones(2, dt)])
    _both([np.zeros(2, dt), [1, 2]], [ox.zeros(2, dt), [1, 2]])
    _both(np.zeros((), dt), ox.zeros((), dt))


EXPLICIT = [
    ([300], "int8"), ([-1], "uint8"), ([255], "uint8"), ([256], "uint8"), ([-129], "int8"),
    ([2**63], "int64"), ([2**64 - 1], "uint64"), ([-1], "uint64"), ([2**31], "int32"),
    ([1.7, -2.5, 2.9], "int32"), ([1.7, -2.5], "int8"), ([0.9, 3.99], "uint16"),
    ([1.5, 2.5], "bool"), ([0, 1, 2], "bool"), ([0.0, 1j], "bool"),
    ([True, False], "float16"), ([1, 2], "complex64"), ([1 + 2j], "complex128"),
    ([0.1], "float16"), ([0.1], "float32"), ([70000.0], "float16"), ([1], "float16"),
    ([[1, 2], [3, 4]], "uint8"), ([], "int8"), ([[]], "complex64"), (5, "int16"),
    (1.5, "int64"), (True, "int32"), ([300.0], "int8"), ([1e20], "int64"),
    ([-1.5], "uint8"), ([-0.5], "uint8"), ([127.9, -128.9], "int8"), ([2.0**63], "int64"),
    ([2.0**64], "uint64"), ([1.8e19], "uint64"), ([255.9], "uint8"), ([1e300], "float32"),
    ([2**53 + 1], "float64"), ([2**24 + 1], "float32"), ([1], ">i4"), ([1.5, 2], ">f8"),
    ([1 + 1j], ">c16"), ([1, 2], "<u2"), ([True], "|b1"), ([1, 2], int), ([1, 2], float),
    ([1, 2], complex), ([0, 3], bool),
]


@pytest.mark.parametrize("obj,dt", EXPLICIT, ids=str)
def test_array_explicit_dtype(obj, dt):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _both(obj, dtype=dt)


@pytest.mark.parametrize("dt", ALL_DTYPES)
def test_array_explicit_dtype_as_types(dt):
    want = np.array([1, 0], dtype=getattr(np, dt))
    assert_same(ox.array([1, 0], dtype=getattr(ox, dt)), want)
    assert_same(ox.array([1, 0], dtype=ox.dtype(dt)), want)
    assert_same(ox.array([1, 0], dtype=np.dtype(dt)), want)


def test_array_complex_into_real_dtype_raises():
    raises_like(lambda: np.array([1 + 2j], dtype="float64"),
                lambda: ox.array([1 + 2j], dtype="float64"))
    raises_like(lambda: np.array([1j], dtype="int32"), lambda: ox.array([1j], dtype="int32"))


def test_array_nan_into_int_dtype_raises():
    raises_like(lambda: np.array([math.nan], dtype="int32"),
                lambda: ox.array([math.nan], dtype="int32"))
    raises_like(lambda: np.array([math.inf], dtype="int64"),
                lambda: ox.array([math.inf], dtype="int64"))


# --- hypothesis: nested lists of Python numbers ------------------------------

_ELEMENT_KINDS = {
    "bool": st.booleans(),
    "int": st.integers(min_value=-(2**63), max_value=2**63 - 1),
    "bigint": st.integers(min_value=0, max_value=2**64 - 1),
    "float": st.floats(allow_nan=True, allow_infinity=True),
    "complex": st.complex_numbers(allow_nan=True, allow_infinity=True),
}


@st.composite
def nested_number_lists(draw):
    kinds = draw(st.lists(st.sampled_from(sorted(_ELEMENT_KINDS)), min_size=1, max_size=3,
                          unique=True))
    elem = st.one_of(*[_ELEMENT_KINDS[k] for k in kinds])
    shape = draw(st.lists(st.integers(0, 3), min_size=0, max_size=3))
    size = math.prod(shape)
    flat = draw(st.lists(elem, min_size=size, max_size=size))
    if not shape:
        return flat[0] if flat else draw(elem)

    def build(items, dims):
        if len(dims) == 1:
            return list(items)
        step = math.prod(dims[1:])
        return [build(items[i * step:(i + 1) * step], dims[1:]) for i in range(dims[0])]
    return build(flat, shape)


@given(nested_number_lists())
def test_array_discovery_hypothesis(obj):
    try:
        want = np.array(obj)
    except Exception:  # noqa: BLE001
        raises_like(lambda: np.array(obj), lambda: ox.array(obj))
        return
    if want.dtype == object:
        with pytest.raises(OverflowError):
            ox.array(obj)
        return
    assert_same(ox.array(obj), want)


def _explicit_well_defined(v, dt):
    """Python number v converted to dt without hitting NumPy's overflow errors/warnings."""
    kind = np.dtype(dt).kind
    if kind == "b":
        return True
    if isinstance(v, complex) and kind != "c":
        return False  # NumPy raises TypeError; covered by test_array_complex_into_real_...
    if kind in "iu":
        if isinstance(v, float):
            if not math.isfinite(v) or (kind == "u" and v < 0):
                return False
            v = math.trunc(v)
        return isinstance(v, int) and _in_int_range(v, dt)
    lim = float(np.finfo(dt).max)
    parts = [v.real, v.imag] if isinstance(v, complex) else [v]
    return all(not math.isfinite(p) or abs(p) <= lim for p in parts)


@given(nested_number_lists(), st.sampled_from(ALL_DTYPES))
def test_array_explicit_dtype_hypothesis(obj, dt):
    flat = list(np.ravel(np.array(obj, dtype=object))) if isinstance(obj, list) else [obj]
    if not all(_explicit_well_defined(v, dt) for v in flat):
        if np.dtype(dt).kind in "iu" and any(isinstance(v, float) for v in flat):
            return  # out-of-range floats into ints: covered by test_array_explicit_dtype
        # out-of-range ints / complex into real: must raise like NumPy when NumPy raises
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # NumPy may warn (overflow) before raising
            with np.errstate(all="ignore"):
                try:
                    np.array(obj, dtype=dt)
                except Exception:  # noqa: BLE001
                    raises_like(lambda: np.array(obj, dtype=dt),
                                lambda: ox.array(obj, dtype=dt))
        return
    assert_same(ox.array(obj, dtype=dt), np.array(obj, dtype=dt))
