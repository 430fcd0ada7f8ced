"""Machine-learning floats (issue 14 part 4) against ``ml_dtypes`` on NumPy: values and
bits of every cast (all 256 float8 codes, Hypothesis samples of bfloat16 codes and of
float32/float64 values), NaN/inf and overflow rules, promotion and casting levels, ufunc
results bit for bit, reductions, matmul, printing, scalars and zero-copy NumPy interop."""

import warnings

import numpy as np
import pytest
from hypothesis import given, strategies as st

import oxarray as ox

ml_dtypes = pytest.importorskip("ml_dtypes")

NAMES = ["bfloat16", "float8_e4m3fn", "float8_e5m2", "float8_e4m3", "float8_e3m4"]
F8 = NAMES[1:]
BUILTINS = [
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float16", "float32", "float64", "complex64", "complex128",
]


def ml(name):
    return np.dtype(getattr(ml_dtypes, name))


def uint_of(name):
    return np.uint16 if name == "bfloat16" else np.uint8


def codes(name, bits):
    """An ml_dtypes array and the oxarray array with the same codes."""
    n = np.asarray(bits, dtype=uint_of(name)).view(ml(name))
    return n, ox.asarray(n)


def bits_of(x, name):
    return np.asarray(x).view(uint_of(name))


def same(a, b, nan_sign=True):
    """Equal values and dtypes; floats compared by bits (NaN payloads included). With
    `nan_sign=False` a NaN matches any NaN (see `test_nan_sign_of_arithmetic`)."""
    a, b = np.ascontiguousarray(a), np.ascontiguousarray(b)
    assert a.dtype == b.dtype, (a.dtype, b.dtype)
    assert a.shape == b.shape
    if a.dtype.kind in "fcV":
        if not nan_sign and a.dtype.kind != "c":
            fa, fb = a.astype(np.float32), b.astype(np.float32)
            np.testing.assert_array_equal(np.isnan(fa), np.isnan(fb))
            a, b = a[~np.isnan(fa)], b[~np.isnan(fb)]
        np.testing.assert_array_equal(a.view(np.uint8), b.view(np.uint8))
    else:
        np.testing.assert_array_equal(a, b)


def all_codes(name):
    return np.arange(256 if name != "bfloat16" else 65536, dtype=np.int64)


bf16_codes = st.lists(st.integers(0, 0xFFFF), min_size=1, max_size=300)


# --- descriptors ------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_descriptor_matches_ml_dtypes(name):
    d, n = ox.dtype(name), ml(name)
    assert (d.name, d.kind, d.char, d.itemsize, d.alignment) == (
        n.name, n.kind, n.char, n.itemsize, n.alignment)
    assert repr(d) == repr(n) and str(d) == str(n)
    assert ox.dtype(getattr(ox, name)) == d
    assert ox.dtype(getattr(ml_dtypes, name)) == d
    assert ox.dtype(n) == d
    assert d.type is getattr(ox, name)
    assert ox.zeros(3, dtype=getattr(ox, name)).dtype == d


# --- casts --------------------------------------------------------------------------

@pytest.mark.parametrize("name", F8)
@pytest.mark.parametrize("to", BUILTINS + NAMES)
def test_every_float8_code_casts_as_ml_dtypes(name, to):
    n, o = codes(name, all_codes(name))
    target = ml(to) if to in NAMES else np.dtype(to)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = n.astype(target)
        got = np.asarray(o.astype(to))
    same(got, want)


@given(bf16_codes)
def test_bfloat16_codes_cast_as_ml_dtypes(bits):
    n, o = codes("bfloat16", bits)
    for to in BUILTINS + F8:
        target = ml(to) if to in NAMES else np.dtype(to)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            want = n.astype(target)
            got = np.asarray(o.astype(to))
        same(got, want)


def edge_values(dt):
    dt = np.dtype(dt)
    if dt.kind == "b":
        return np.array([False, True])
    if dt.kind in "iu":
        info = np.iinfo(dt)
        v = [info.min, info.max, 0, 1, -1, 127, 128, 255, 256, 2**24 + 1, 2**24 + 2**16 + 1,
             2**53 + 1, 2**62 + 2**54 + 1]
        return np.array([x for x in v if info.min <= x <= info.max], dtype=dt)
    v = [0.0, -0.0, 1.0, -1.5, 448, 464, 465, 480, 57344, 61440, 61441, 1e-8, 1e-40,
         1e-50, 3.4e38, 3.5e38, 1e300, np.inf, -np.inf, np.nan, -np.nan,
         1.00390625 + 1e-12, 1.0625 + 1e-12, 65504, 1 / 3]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = np.array(v, dtype=dt)
    if dt.kind == "c":
        with np.errstate(all="ignore"):
            a = a + 1j * a[::-1]
    return a


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("src", BUILTINS)
def test_builtins_cast_to_ml_floats_as_ml_dtypes(name, src):
    x = edge_values(src)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = x.astype(ml(name))
        got = np.asarray(ox.asarray(x).astype(name))
    same(got, want)


@given(st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=200))
def test_float32_bits_round_as_ml_dtypes(bits):
    x = np.array(bits, dtype=np.uint32).view(np.float32)
    for name in NAMES:
        # The same values and the same warnings (a signalling NaN into bfloat16 raises
        # "invalid value encountered in cast" in both).
        want, w_np = recorded(lambda: x.astype(ml(name)))
        got, w_ox = recorded(lambda: np.asarray(ox.asarray(x).astype(name)))
        same(got, want)
        assert w_ox == w_np


def recorded(fn):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        r = fn()
    return r, sorted({(x.category, str(x.message)) for x in w}, key=str)


@given(st.lists(st.floats(allow_nan=True, allow_infinity=True, width=64), min_size=1,
                max_size=100))
def test_float64_values_round_once_as_ml_dtypes(vals):
    x = np.array(vals, dtype=np.float64)
    for name in NAMES:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            want = x.astype(ml(name))
            got = np.asarray(ox.asarray(x).astype(name))
        same(got, want)
        # Python floats through `array(..., dtype=)` and the scalar constructors.
        same(np.asarray(ox.array(vals, dtype=name)), np.array(vals, dtype=ml(name)))


def test_cast_warnings_as_ml_dtypes():
    o = ox.array([np.nan, 1e10, 3.0], dtype="bfloat16")
    with pytest.warns(RuntimeWarning, match="invalid value encountered in cast"):
        o.astype("int32")
    with pytest.warns(RuntimeWarning, match="overflow encountered in cast"):
        ox.array([1e300]).astype("bfloat16")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # Finite f32 values that round to inf/NaN raise nothing (bit arithmetic).
        ox.array([3.4e38, 1e6], dtype="float32").astype("float8_e4m3fn")
        ox.array([3.0, 300.0], dtype="bfloat16").astype("int32")


# --- promotion ----------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_promotion_and_casting_levels_as_ml_dtypes(name):
    for other in BUILTINS + NAMES:
        o_np = ml(other) if other in NAMES else np.dtype(other)
        for a, b, an, bn in [(name, other, ml(name), o_np), (other, name, o_np, ml(name))]:
            assert ox.result_type(a, b).name == np.result_type(an, bn).name, (a, b)
            assert ox.promote_types(a, b).name == np.promote_types(an, bn).name, (a, b)
            for level in ["no", "equiv", "safe", "same_kind", "unsafe"]:
                assert ox.can_cast(a, b, level) == np.can_cast(an, bn, level), (a, b, level)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("scalar", [1, 1.0, 1j, True, -2.5])
def test_python_scalars_with_ml_floats(name, scalar):
    n = np.array([1.5, -2.0], dtype=ml(name))
    o = ox.asarray(n)
    same(np.asarray(o + scalar), n + scalar)
    same(np.asarray(scalar * o), scalar * n)


# --- ufuncs -------------------------------------------------------------------------

BINARY = ["add", "subtract", "multiply", "divide", "maximum", "minimum", "fmax", "fmin",
          "equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
          "power", "arctan2", "hypot", "fmod"]
UNARY = ["negative", "positive", "absolute", "sqrt", "exp", "log", "sin", "cos", "tanh",
         "square", "reciprocal", "floor", "ceil", "rint", "trunc", "isnan", "isinf",
         "isfinite", "signbit", "exp2", "log1p", "cbrt"]


def run(fn, *args):
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        return fn(*args)


@pytest.mark.parametrize("name", F8)
@pytest.mark.parametrize("uf", BINARY)
def test_float8_binary_ufuncs_on_all_code_pairs(name, uf):
    a, b = np.meshgrid(np.arange(256), np.arange(256))
    na, oa = codes(name, a.ravel())
    nb, ob = codes(name, b.ravel())
    same(np.asarray(run(getattr(ox, uf), oa, ob)), run(getattr(np, uf), na, nb), False)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("uf", UNARY)
def test_unary_ufuncs_on_all_codes(name, uf):
    n, o = codes(name, all_codes(name))
    same(np.asarray(run(getattr(ox, uf), o)), run(getattr(np, uf), n), False)


@given(bf16_codes, bf16_codes)
def test_bfloat16_binary_ufuncs_as_ml_dtypes(x, y):
    m = min(len(x), len(y))
    na, oa = codes("bfloat16", x[:m])
    nb, ob = codes("bfloat16", y[:m])
    for uf in BINARY:
        same(np.asarray(run(getattr(ox, uf), oa, ob)), run(getattr(np, uf), na, nb), False)


def test_nan_sign_of_arithmetic():
    # Deliberate difference: the sign of a NaN that arithmetic produces follows the
    # hardware's rule here (x86: the NaN operand, the first one if both are NaN, as in
    # ml_dtypes' `multiply` or `sqrt`), while ml_dtypes' sign depends on its compiler's
    # operand order and libm (`add` of two NaNs keeps the second, `exp(-nan)` is +nan).
    # Values, NaN-ness and every cast are bit-identical; only this sign bit may differ.
    n = np.array([np.nan, -np.nan], dtype=ml("bfloat16"))
    o = ox.asarray(n)
    same(np.asarray(o * o), n * n)
    same(np.asarray(ox.sqrt(o)), np.sqrt(n))


def test_strided_and_in_place_loops():
    r = np.random.default_rng(1).standard_normal((7, 300)).astype(ml("bfloat16"))
    o = ox.asarray(r)
    same(np.asarray(o[:, ::3] * o[:, 1::3]), r[:, ::3] * r[:, 1::3])
    same(np.asarray(o.T + o.T), r.T + r.T)
    o2 = o.copy()
    o2 += o
    same(np.asarray(o2), r + r)


def test_fp_flags_as_ml_dtypes():
    a = ox.array([3e38], dtype="bfloat16")
    with pytest.warns(RuntimeWarning, match="overflow encountered in multiply"):
        a * a
    with pytest.warns(RuntimeWarning, match="divide by zero encountered in divide"):
        ox.array([1.0], dtype="bfloat16") / ox.array([0.0], dtype="bfloat16")


@pytest.mark.parametrize("name", NAMES)
def test_unsupported_ufunc_raises_ufunc_type_error(name):
    o = ox.ones(3, dtype=name)
    with pytest.raises(ox.exceptions.UFuncTypeError, match=f"bitwise_and.*{name}"):
        ox.bitwise_and(o, o)
    with pytest.raises(TypeError):
        np.bitwise_and(np.ones(3, ml(name)), np.ones(3, ml(name)))


# --- reductions and matmul ------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("shape,axis", [((1000,), None), ((37, 41), 0), ((37, 41), 1),
                                        ((37, 41), None), ((5, 6, 7), (0, 2))])
def test_reductions_as_ml_dtypes(name, shape, axis):
    r = np.random.default_rng(2).uniform(0.5, 2, shape).astype(ml(name))
    o = ox.asarray(r)
    for f in ["sum", "prod", "max", "min"]:
        same(np.asarray(run(getattr(ox, f), o, axis)), run(getattr(np, f), r, axis))
    same(np.asarray(ox.sum(o, axis=axis, dtype="float32")),
         np.sum(r, axis=axis, dtype=np.float32))


@pytest.mark.parametrize("n,k,m", [(4, 5, 3), (64, 64, 64), (1, 300, 7)])
def test_bfloat16_matmul_accumulates_in_float32(n, k, m):
    rng = np.random.default_rng(3)
    a = rng.standard_normal((n, k)).astype(ml("bfloat16"))
    b = rng.standard_normal((k, m)).astype(ml("bfloat16"))
    got = np.asarray(ox.asarray(a) @ ox.asarray(b))
    want = a @ b
    assert got.dtype == want.dtype == np.float32
    # Same float32 inputs; the float32 kernels may add in another order than NumPy's BLAS.
    ref = a.astype(np.float64) @ b.astype(np.float64)
    np.testing.assert_allclose(got, ref, rtol=1e-5, atol=1e-5 * np.abs(ref).max())


# --- printing and scalars ----------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_printing_as_ml_dtypes(name):
    for vals in [[1, 2.5, 3], [0.1, 448, -np.inf, np.nan, 1 / 3, -0.0, 1e-3],
                 [[0.1, 4], [np.nan, 3]]]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            n = np.array(vals, dtype=ml(name))
        o = ox.asarray(n)
        assert repr(o) == repr(n)
        assert str(o) == str(n)
        s_o, s_n = o.ravel()[0], n.ravel()[0]
        assert repr(s_o) == repr(s_n) and str(s_o) == str(s_n)


@pytest.mark.parametrize("name", NAMES)
def test_scalars(name):
    cls = getattr(ox, name)
    n = np.array([0.1, -3.3, 1e5], dtype=ml(name))
    o = ox.asarray(n)
    s = o[1]
    assert type(s) is cls and isinstance(s, ox.generic)
    assert s.dtype == ox.dtype(name)
    assert float(s) == float(n[1]) and s.item() == n[1].item()
    assert repr(cls(0.1)) == repr(getattr(ml_dtypes, name)(0.1))
    assert repr(cls("2.5")) == repr(getattr(ml_dtypes, name)("2.5"))
    same(np.asarray(s + s), n[1] + n[1])
    np.testing.assert_array_equal(o.tolist(), n.tolist())


# --- interop ------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_numpy_interop_is_zero_copy(name):
    n = np.array([1, 2, 3, 4], dtype=ml(name))
    o = ox.asarray(n)
    assert o.dtype == ox.dtype(name)
    n[0] = 8
    assert float(o[0]) == 8.0          # ox.asarray views NumPy's memory
    back = np.asarray(o)
    assert back.dtype == ml(name)
    assert np.shares_memory(back, n)
    strided = ox.asarray(n)[::2]
    same(np.asarray(strided), n[::2])
    same(np.asarray(o, dtype=np.float32), n.astype(np.float32))
    assert np.asarray(o, copy=True).base is None or not np.shares_memory(
        np.asarray(o, copy=True), n)


@pytest.mark.parametrize("name,code", [("bfloat16", 4), ("float8_e4m3fn", 10),
                                       ("float8_e5m2", 12)])
def test_dlpack_carries_the_ml_codes(name, code):
    # DLPack's kDLBfloat (4) and the float8 codes of dlpack.h 1.1; NumPy with ml_dtypes
    # refuses to export these (BufferError), oxarray exports and imports them.
    n = np.array([1.5, -2.0, 3.0], dtype=ml(name))
    o = ox.asarray(n)
    cap = o.__dlpack__()
    assert ox.from_dlpack(o).dtype == ox.dtype(name)
    back = ox.from_dlpack(o)
    same(np.asarray(back), n)
    assert type(cap).__name__ == "PyCapsule"
    with pytest.raises(BufferError):
        np.from_dlpack(n)


def test_ml_floats_refuse_the_buffer_protocol_like_numpy():
    o = ox.ones(3, dtype="bfloat16")
    with pytest.raises(ValueError, match="cannot include dtype 'E' in a buffer"):
        memoryview(o)
    with pytest.raises(ValueError):
        memoryview(np.ones(3, ml("bfloat16")))


@pytest.mark.parametrize("name", NAMES)
def test_pickle_round_trip(name):
    import pickle

    o = ox.asarray(np.array([1.5, -2.0, np.nan], dtype=ml(name)))
    same(np.asarray(pickle.loads(pickle.dumps(o))), np.asarray(o))
    assert pickle.loads(pickle.dumps(o.dtype)) == o.dtype
    s = pickle.loads(pickle.dumps(o[0]))
    assert type(s) is getattr(ox, name) and float(s) == 1.5
