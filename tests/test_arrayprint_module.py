"""Tests for ``oxarray._arrayprint``: output must equal NumPy 2.x exactly.

NumPy is only used as the oracle.  Every test builds NumPy arrays/scalars,
feeds them to the pure-Python printer (through a duck-typed wrapper exposing
only the documented interface) and asserts equality with NumPy's own
``repr``/``str`` under the same print options.
"""

import ast
import contextlib
import contextvars
import importlib.util
import pathlib
import sys
import threading
import types
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

_PATH = (pathlib.Path(__file__).resolve().parents[1]
         / "python" / "oxarray" / "_arrayprint.py")


def _load_module():
    try:
        from oxarray import _arrayprint  # type: ignore[import-not-found]
        return _arrayprint
    except Exception:
        spec = importlib.util.spec_from_file_location(
            "_oxarray_arrayprint_under_test", _PATH)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod


ap = _load_module()

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.data_too_large])

NATIVE_DTYPES = ["?", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8",
                 "f2", "f4", "f8", "c8", "c16"]
SWAPPED_DTYPES = [">f8", ">i4", ">f4", ">f2", ">c16", ">c8", ">u2", ">i8",
                  "<f8" if sys.byteorder == "big" else ">u8"]
ALL_DTYPES = NATIVE_DTYPES + SWAPPED_DTYPES
FLOAT_DTYPES = ["f2", "f4", "f8"]
COMPLEX_DTYPES = ["c8", "c16"]


# ---------------------------------------------------------------------------
# duck-typed wrapper: only the interface the printer is allowed to use
# ---------------------------------------------------------------------------

class DuckDtype:
    def __init__(self, dt):
        self.name = dt.name
        self.kind = dt.kind
        self.itemsize = dt.itemsize
        self.str = dt.str
        self.isnative = dt.isnative
        self.byteorder = dt.byteorder


class Duck:
    """Minimal array-like: shape/ndim/size/dtype, basic indexing, tolist."""

    def __init__(self, arr):
        self._a = np.asarray(arr)
        self.shape = self._a.shape
        self.ndim = self._a.ndim
        self.size = self._a.size
        self.dtype = DuckDtype(self._a.dtype)

    def __getitem__(self, key):
        return Duck(self._a[key])

    def tolist(self):
        return self._a.tolist()


def options_ctx(**opts):
    stack = contextlib.ExitStack()
    stack.enter_context(np.printoptions(**opts))
    stack.enter_context(ap.printoptions(**opts))
    return stack


def check_array(a, **opts):
    """Assert repr and str match NumPy under ``opts``."""
    with options_ctx(**opts):
        assert ap.array_repr(Duck(a)) == repr(a)
        assert ap.array_str(Duck(a)) == str(a)


def np_scalar_repr(v, module="oxarray"):
    r = repr(v)
    assert r.startswith("np.")
    return module + r[2:]


def check_scalar(v):
    dt = DuckDtype(v.dtype)
    assert ap.scalar_repr(v.item(), dt) == np_scalar_repr(v)
    assert ap.scalar_str(v.item(), dt) == str(v)


def specials(dtype):
    vals = [0.0, -0.0, np.nan, np.inf, -np.inf, 1e-300, 1e300, 1e-45,
            1e-8, 1e-5, 1e-4, 0.0001, 0.1, 0.5, 1.0, 1.5, -2.5, 999.5, 1e3,
            65504.0, 6e-8, 1e5, 1e6, 1e7, 1e8, 1e15, 1e16, 1e17, 3.4e38,
            123456789.0, 2.0 ** 52, 2.0 ** -1022, 5e-324,
            1.7976931348623157e308]
    with np.errstate(all="ignore"):
        return np.array(vals, dtype=np.float64).astype(dtype)


# ---------------------------------------------------------------------------
# module hygiene
# ---------------------------------------------------------------------------

def test_module_does_not_import_numpy():
    tree = ast.parse(_PATH.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert all(not n.name.startswith("numpy") for n in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert not (node.module or "").startswith("numpy")


# ---------------------------------------------------------------------------
# deterministic arrays, every dtype
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("shape", [(), (1,), (5,), (2, 3), (2, 3, 4),
                                   (2, 1, 3, 2), (0,), (0, 3), (3, 0),
                                   (2, 0, 4)])
def test_arange_shapes(dtype, shape):
    n = int(np.prod(shape))
    with np.errstate(all="ignore"):
        base = (np.arange(n) - n // 3)
        if np.dtype(dtype).kind == "c":
            base = base * (1.5 - 0.25j)
        elif np.dtype(dtype).kind == "f":
            base = base * 0.75
        elif np.dtype(dtype).kind == "b":
            base = base % 3 == 0
        a = base.astype(dtype).reshape(shape)
    check_array(a)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_extreme_values(dtype):
    dt = np.dtype(dtype)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        a = np.array([info.min, 0, info.max, 1], dtype=dt)
    elif dt.kind == "b":
        a = np.array([True, False, True], dtype=dt)
    elif dt.kind == "f":
        info = np.finfo(dt)
        a = np.array([info.min, info.max, info.tiny, info.eps,
                      info.smallest_subnormal], dtype=dt)
    else:
        info = np.finfo(dt)
        a = np.array([complex(info.max, info.tiny), complex(info.eps, -1),
                      complex(info.smallest_subnormal, info.min)], dtype=dt)
    check_array(a)
    check_array(a.reshape(-1, 1))
    for v in a:
        check_scalar(v)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES + [">f8", ">f2"])
def test_special_floats(dtype):
    a = specials(dtype)
    check_array(a)
    for v in a:
        check_scalar(v)
    # each value alone and in small groups chooses its own notation
    for i in range(len(a)):
        check_array(a[i:i + 1])
        check_array(a[i:i + 3])
        check_array(np.array(a[i]))
    for opts in [dict(suppress=True), dict(precision=3), dict(sign="+"),
                 dict(sign=" "), dict(floatmode="fixed", precision=4),
                 dict(floatmode="unique"), dict(floatmode="maxprec_equal"),
                 dict(nanstr="NaN", infstr="Infinity")]:
        check_array(a, **opts)
        check_array(a[:8], **opts)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_notation_switch(dtype):
    with np.errstate(all="ignore"):
        for vals in ([1e-4, 1.0], [9.99e-5, 1.0], [1.0, 1000.0],
                     [1.0, 1001.0], [0.1, 100.5], [1e3], [1e6], [1e8],
                     [999.0], [99999999.0], [1e16, 1.0], [0.0, 1e-10],
                     [-0.0, 1e5], [1e-4], [0.0001, 0.1], [1.0, np.nan],
                     # max/min is > 1000 in float64 but not in float16
                     [0.1, 100.0], [0.0999, 99.9]):
            a = np.array(vals, dtype=dtype)
            check_array(a)
            check_array(a, suppress=True)
            check_array(a, precision=2)


@pytest.mark.parametrize("dtype", COMPLEX_DTYPES + [">c16"])
def test_complex_special_parts(dtype):
    parts = [0.0, -0.0, 1.5, -2.0, np.nan, np.inf, -np.inf, 1e-10, 1e20]
    vals = [complex(r, i) for r in parts for i in parts]
    with np.errstate(all="ignore"):
        a = np.array(vals, dtype=dtype)
    check_array(a)
    check_array(a.reshape(9, 9))
    check_array(a, sign="+")
    check_array(a, sign=" ", precision=3)
    check_array(a, floatmode="fixed", precision=2)
    for v in a:
        check_scalar(v)
        check_array(np.array(v))
        check_array(np.array([v, 1 + 1j], dtype=dtype))


# ---------------------------------------------------------------------------
# summarisation and wrapping
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", ["f8", "i8", "?", "c8", "f2", ">i4", "u1"])
@pytest.mark.parametrize("shape", [(2000,), (1001,), (40, 30), (3, 400),
                                   (400, 3), (11, 12, 13), (5, 6, 7, 8)])
def test_summarised(dtype, shape):
    n = int(np.prod(shape))
    rng = np.random.default_rng(n)
    with np.errstate(all="ignore"):
        a = (rng.standard_normal(n) * 100).astype(dtype).reshape(shape)
    check_array(a)
    check_array(a, edgeitems=1)
    check_array(a, threshold=10, edgeitems=2)


def test_summarised_options():
    a = np.arange(60, dtype=np.float64).reshape(3, 4, 5) / 7
    for opts in [dict(threshold=0), dict(threshold=5, edgeitems=0),
                 dict(threshold=5, edgeitems=1), dict(threshold=59),
                 dict(threshold=60), dict(threshold=sys.maxsize),
                 dict(threshold=5, edgeitems=10), dict(threshold=5.5)]:
        check_array(a, **opts)
        check_array(a.ravel(), **opts)


@pytest.mark.parametrize("linewidth", [1, 5, 20, 40, 75, 76, 100, 200])
@pytest.mark.parametrize("dtype", ["f8", "i4", "c16", "?", "f4"])
def test_wrapping(linewidth, dtype):
    rng = np.random.default_rng(linewidth)
    with np.errstate(all="ignore"):
        a = (rng.standard_normal(60) * 1000).astype(dtype)
    check_array(a, linewidth=linewidth)
    check_array(a.reshape(3, 20), linewidth=linewidth)
    check_array(a.reshape(2, 2, 15), linewidth=linewidth)
    check_array(a[:7], linewidth=linewidth)  # dtype suffix placement


def test_dtype_suffix_line_break():
    for n in range(1, 40):
        for dtype in ["i4", "f4", ">f8", "u8"]:
            check_array(np.arange(n, dtype=dtype))
            check_array(np.arange(n, dtype=dtype) * 1111)


# ---------------------------------------------------------------------------
# property based: random arrays, random options
# ---------------------------------------------------------------------------

def _array_strategy(dtypes, max_dims=4, max_side=6):
    @st.composite
    def strat(draw):
        dtype = np.dtype(draw(st.sampled_from(dtypes)))
        native = dtype.newbyteorder("=")
        shape = draw(hnp.array_shapes(min_dims=0, max_dims=max_dims,
                                      min_side=0, max_side=max_side))
        if native.kind in "fc":
            elements = hnp.from_dtype(native, allow_nan=True,
                                      allow_infinity=True,
                                      allow_subnormal=True)
        else:
            elements = hnp.from_dtype(native)
        a = draw(hnp.arrays(native, shape, elements=elements))
        return a.astype(dtype)
    return strat()


_options_strategy = st.fixed_dictionaries({}, optional={
    "precision": st.integers(0, 20),
    "threshold": st.sampled_from([0, 3, 10, 100, 1000, sys.maxsize]),
    "edgeitems": st.integers(0, 4),
    "linewidth": st.integers(1, 120),
    "suppress": st.booleans(),
    "floatmode": st.sampled_from(["fixed", "unique", "maxprec",
                                  "maxprec_equal"]),
    "sign": st.sampled_from(["-", "+", " "]),
    "nanstr": st.sampled_from(["nan", "NaN", "N"]),
    "infstr": st.sampled_from(["inf", "Infinity", "I"]),
})


@SETTINGS
@given(_array_strategy(ALL_DTYPES))
def test_random_arrays(a):
    check_array(a)


@SETTINGS
@given(_array_strategy(ALL_DTYPES, max_dims=3), _options_strategy)
def test_random_arrays_with_options(a, opts):
    check_array(a, **opts)


@pytest.mark.parametrize("fdtype,udtype", [("f2", "u2"), ("f4", "u4"),
                                           ("f8", "u8")])
@SETTINGS
@given(data=st.data())
def test_random_float_bits(fdtype, udtype, data):
    """Arbitrary bit patterns of each float width, arrays and scalars."""
    bits = data.draw(st.lists(st.integers(0, 2 ** (8 * np.dtype(udtype)
                                                   .itemsize) - 1),
                              min_size=1, max_size=12))
    a = np.array(bits, dtype=udtype).view(fdtype)
    opts = data.draw(_options_strategy)
    check_array(a, **opts)
    check_array(a.astype(np.dtype(fdtype).newbyteorder()), **opts)
    for v in a:
        check_scalar(v)


@SETTINGS
@given(st.sampled_from(FLOAT_DTYPES),
       st.lists(st.floats(-1e6, 1e6, allow_nan=False, width=32),
                min_size=1, max_size=10),
       st.integers(-10, 10), st.sampled_from(["fixed", "unique", "maxprec",
                                              "maxprec_equal"]),
       st.integers(0, 10))
def test_random_scaled_floats(dtype, vals, exp10, floatmode, precision):
    with np.errstate(all="ignore"):
        a = (np.array(vals) * 10.0 ** exp10).astype(dtype)
    check_array(a, floatmode=floatmode, precision=precision)
    check_array(a, floatmode=floatmode, precision=precision, suppress=True)


@SETTINGS
@given(st.sampled_from(COMPLEX_DTYPES),
       st.lists(st.complex_numbers(allow_nan=True, allow_infinity=True,
                                   width=64), min_size=1, max_size=8))
def test_random_complex(dtype, vals):
    a = np.array(vals, dtype=dtype)
    check_array(a)
    for v in a:
        check_scalar(v)


# ---------------------------------------------------------------------------
# scalars
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", NATIVE_DTYPES)
def test_scalar_basic(dtype):
    dt = np.dtype(dtype)
    with np.errstate(all="ignore"):
        for x in [0, 1, 3, 100, 127]:
            check_scalar(np.array(x).astype(dt)[()])
        if dt.kind in "fc":
            for x in specials(dtype):
                check_scalar(np.array(x).astype(dt)[()])


def test_scalar_module_name():
    f8 = DuckDtype(np.dtype("f8"))
    assert ap.scalar_repr(1.5, f8, module="np") == repr(np.float64(1.5))
    b = DuckDtype(np.dtype("?"))
    assert ap.scalar_repr(True, b, module="np") == repr(np.True_)
    assert ap.scalar_repr(False, b) == "oxarray" + repr(np.False_)[2:]
    c8 = DuckDtype(np.dtype("c8"))
    assert ap.scalar_repr(1 + 2j, c8) == np_scalar_repr(np.complex64(1 + 2j))
    f4 = DuckDtype(np.dtype("f4"))
    # an un-rounded Python float is rounded to the dtype first
    assert ap.scalar_repr(0.1, f4) == np_scalar_repr(np.float32(0.1))
    assert ap.scalar_str(0.1, DuckDtype(np.dtype("f2"))) == \
        str(np.float16(0.1))


@SETTINGS
@given(st.sampled_from(["i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8"]),
       st.integers())
def test_scalar_ints(dtype, x):
    info = np.iinfo(dtype)
    v = np.array(min(max(x, info.min), info.max), dtype=dtype)[()]
    check_scalar(v)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_zero_dim_arrays(dtype):
    kind = np.dtype(dtype).kind
    values = {"b": [True, False], "i": [0, 1, -1, 127], "u": [0, 1, 255],
              "f": [0.0, -0.0, 0.5, 1e20, 1e-20, np.nan, -np.inf],
              "c": [0j, 1 + 1j, complex(-0.0, 2), complex(np.nan, 1e20)]}
    with np.errstate(all="ignore"):
        for x in values[kind]:
            check_array(np.array(x).astype(dtype))


# ---------------------------------------------------------------------------
# print options API
# ---------------------------------------------------------------------------

def test_default_printoptions_match_numpy():
    assert ap.get_printoptions() == np.get_printoptions()


def test_set_printoptions_roundtrip_and_reset():
    old = ap.get_printoptions()
    try:
        ap.set_printoptions(precision=3, linewidth=50, suppress=1)
        np_old = np.get_printoptions()
        with np.printoptions(precision=3, linewidth=50, suppress=1):
            assert ap.get_printoptions() == np.get_printoptions()
        assert np.get_printoptions() == np_old
        a = np.linspace(0, 1e-5, 30)
        with np.printoptions(precision=3, linewidth=50, suppress=True):
            assert ap.array_repr(Duck(a)) == repr(a)
    finally:
        ap.set_printoptions(**old)
    assert ap.get_printoptions() == old


def test_printoptions_context_restores_on_error():
    before = ap.get_printoptions()
    with pytest.raises(RuntimeError):
        with ap.printoptions(precision=2, threshold=5) as opts:
            assert opts["precision"] == 2
            assert ap.get_printoptions()["threshold"] == 5
            raise RuntimeError
    assert ap.get_printoptions() == before


def test_printoptions_are_context_local():
    seen = {}

    def worker():
        seen["thread"] = ap.get_printoptions()["precision"]

    with ap.printoptions(precision=1):
        t = threading.Thread(target=worker)
        t.start()
        t.join()
        ctx_value = contextvars.copy_context().run(
            lambda: ap.get_printoptions()["precision"])
    assert seen["thread"] == 8
    assert ctx_value == 1


@pytest.mark.parametrize("kwargs", [
    dict(precision="a"), dict(precision=1.5), dict(floatmode="x"),
    dict(sign="x"), dict(threshold="x"), dict(threshold=float("nan")),
])
def test_invalid_options_raise_like_numpy(kwargs):
    with pytest.raises(Exception) as np_exc:
        np.set_printoptions(**kwargs)
    with pytest.raises(np_exc.type):
        ap.set_printoptions(**kwargs)
    with pytest.raises(np_exc.type):
        with ap.printoptions(**kwargs):
            pass


def test_negative_precision_raises_like_numpy():
    a = np.array([1.5, 2.25])
    with np.printoptions(precision=-1):
        with pytest.raises(ValueError):
            repr(a)
    with ap.printoptions(precision=-1):
        with pytest.raises(ValueError):
            ap.array_repr(Duck(a))


@pytest.mark.parametrize("legacy", ["foo", 0])
def test_legacy_warnings(legacy):
    """Same warning category as NumPy (NumPy itself then fails on 'foo',
    we keep the previous legacy mode instead)."""
    with warnings.catch_warnings(record=True) as np_warnings:
        warnings.simplefilter("always")
        try:
            np.array2string(np.arange(3), legacy=legacy)
        except TypeError:
            pass
    assert len(np_warnings) == 1
    with pytest.warns(np_warnings[0].category):
        with ap.printoptions(legacy=legacy) as opts:
            assert opts["legacy"] is False
            assert ap.array_repr(Duck(np.arange(3))) == repr(np.arange(3))


@pytest.mark.parametrize("legacy", ["1.13", "1.21", "1.25", "2.1", "2.2"])
def test_legacy_modes(legacy):
    rng = np.random.default_rng(3)
    arrays = [np.array([1.5, -2.0, np.nan]), np.arange(2000.0),
              np.array(1.5), np.array([True, False]), np.array(True),
              np.array([1 + 2j, -np.inf + 0j]), np.array(3 + 0j),
              rng.standard_normal((4, 5)).astype("f4"),
              np.array([1e-5, 1e5]), np.array([], dtype="f4"),
              np.array([70000.0, 1.0], dtype="f8").astype("f4")]
    for a in arrays:
        check_array(a, legacy=legacy)
    with options_ctx(legacy=legacy):
        for v in [np.float64(0.1), np.float32(0.1), np.float16(0.1),
                  np.float64(np.nan), np.float32(1e20), np.True_,
                  np.complex128(1 + 2j), np.complex64(1j),
                  np.complex128(complex(np.nan, -np.inf)), np.int16(-3)]:
            dt = DuckDtype(v.dtype)
            assert ap.scalar_str(v.item(), dt) == str(v)
            assert ap.scalar_repr(v.item(), dt, module="np") == repr(v)


def test_formatter():
    a = np.array([[1.5, -2.25], [3.0, 4.125]])
    i = np.arange(6).reshape(2, 3)
    c = np.array([1 + 2j, 3 - 4j])
    b = np.array([True, False])
    for fmt in [{"float": lambda x: f"{x:.3f}"},
                {"float_kind": lambda x: f"<{x:g}>"},
                {"all": lambda x: "X"},
                {"int": lambda x: hex(x)},
                {"int_kind": lambda x: f"{x:03d}", "all": lambda x: "Y"},
                {"complexfloat": lambda x: f"{x.real:g}|{x.imag:g}"},
                {"complex_kind": lambda x: "C", "float": None},
                {"bool": lambda x: "T" if x else "F"}]:
        for arr in (a, i, c, b):
            check_array(arr, formatter=fmt)


def test_override_repr():
    a = np.arange(3)
    with options_ctx(override_repr=lambda x: "custom!"):
        assert ap.array_repr(Duck(a)) == repr(a) == "custom!"


def test_array2string_and_class_name():
    a = np.linspace(-1, 1, 13).reshape(13, 1)
    assert ap.array2string(Duck(a), precision=2, separator=",") == \
        np.array2string(a, precision=2, separator=",")
    class Tensor(np.ndarray):
        pass

    for b in (np.arange(30, dtype="i2"), np.arange(2000.0),
              np.zeros((0, 2))):
        t = b.view(Tensor)
        assert ap.array_repr(Duck(b), class_name="Tensor") == repr(t)
    assert ap.array_repr(Duck(a), max_line_width=30, precision=3) == \
        np.array_repr(a, max_line_width=30, precision=3)
    assert ap.array_str(Duck(a), suppress_small=True, precision=1) == \
        np.array_str(a, suppress_small=True, precision=1)


def test_duck_interface_only():
    """The printer must work with the minimal interface (no numpy calls)."""
    a = Duck(np.arange(24, dtype=">i4").reshape(2, 3, 4))
    assert isinstance(a.dtype, DuckDtype)
    assert ap.array_repr(a) == repr(np.arange(24, dtype=">i4")
                                    .reshape(2, 3, 4))
    ns = types.SimpleNamespace(name="float64", kind="f", itemsize=8,
                               str="<f8", isnative=True, byteorder="=")
    assert ap.scalar_repr(float("-inf"), ns) == \
        np_scalar_repr(np.float64(-np.inf))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ap.scalar_str(float("nan"), ns) == str(np.float64("nan"))
