"""Machine-learning floats, part 2 (issue 14 part 4) against ``ml_dtypes`` on NumPy: the
rest of the ufuncs ``ml_dtypes`` registers (bit for bit on every float8 code pair and on
Hypothesis samples of bfloat16 codes), ordering (sort, argsort, argmax/argmin,
searchsorted, unique), ``arange``/``linspace``, and export (``.npy``, buffer protocol,
``__array_interface__``)."""

import io
import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import oxarray as ox

ml_dtypes = pytest.importorskip("ml_dtypes")

NAMES = ["bfloat16", "float8_e4m3fn", "float8_e5m2", "float8_e4m3", "float8_e3m4"]
F8 = NAMES[1:]


def ml(name):
    return np.dtype(getattr(ml_dtypes, name))


def uint_of(name):
    return np.uint16 if name == "bfloat16" else np.uint8


def codes(name, bits):
    """An ml_dtypes array and the oxarray array with the same codes."""
    n = np.asarray(bits, dtype=uint_of(name)).view(ml(name))
    return n, ox.asarray(n)


def all_codes(name):
    return np.arange(256 if name != "bfloat16" else 65536, dtype=np.int64)


def same(a, b, nan_sign=True):
    """Equal dtypes and shapes; floats compared by bits (NaN payloads included). With
    `nan_sign=False` a NaN matches any NaN (the sign of a NaN that float arithmetic
    makes follows the hardware here, ml_dtypes' compiler there: see test_ml_dtypes.py)."""
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


def run(fn, *args):
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        return fn(*args)


def results(r):
    return r if isinstance(r, tuple) else (r,)


bf16_codes = st.lists(st.integers(0, 0xFFFF), min_size=1, max_size=300)

# --- ufuncs ---------------------------------------------------------------------------

# Computed in float32 and rounded back (NaN signs may follow the hardware).
BINARY_F32 = ["remainder", "mod", "floor_divide", "divmod", "logaddexp", "logaddexp2",
              "float_power", "true_divide"]
# Working on the codes: bit-identical, NaNs included.
BINARY_BITS = ["copysign", "heaviside", "nextafter", "logical_and", "logical_or",
               "logical_xor"]
UNARY_F32 = ["modf", "frexp", "deg2rad", "rad2deg", "radians", "degrees"]
UNARY_BITS = ["sign", "conjugate", "conj", "spacing", "logical_not"]


@pytest.mark.parametrize("name", F8)
@pytest.mark.parametrize("uf", BINARY_F32 + BINARY_BITS)
def test_float8_more_binary_ufuncs_on_all_code_pairs(name, uf):
    a, b = np.meshgrid(np.arange(256), np.arange(256))
    na, oa = codes(name, a.ravel())
    nb, ob = codes(name, b.ravel())
    got, want = results(run(getattr(ox, uf), oa, ob)), results(run(getattr(np, uf), na, nb))
    assert len(got) == len(want)
    for g, w in zip(got, want):
        same(np.asarray(g), w, uf in BINARY_BITS)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("uf", UNARY_F32 + UNARY_BITS)
def test_more_unary_ufuncs_on_all_codes(name, uf):
    n, o = codes(name, all_codes(name))
    got, want = results(run(getattr(ox, uf), o)), results(run(getattr(np, uf), n))
    assert len(got) == len(want)
    for g, w in zip(got, want):
        same(np.asarray(g), w, uf in UNARY_BITS)


@settings(max_examples=30, deadline=None)
@given(bf16_codes, bf16_codes)
def test_bfloat16_more_binary_ufuncs_as_ml_dtypes(x, y):
    m = min(len(x), len(y))
    na, oa = codes("bfloat16", x[:m])
    nb, ob = codes("bfloat16", y[:m])
    for uf in BINARY_F32 + BINARY_BITS:
        got = results(run(getattr(ox, uf), oa, ob))
        want = results(run(getattr(np, uf), na, nb))
        for g, w in zip(got, want):
            same(np.asarray(g), w, uf in BINARY_BITS)


def test_nextafter_and_spacing_step_through_the_codes():
    # Every code towards +-inf (or the largest value) and towards zero, bit for bit.
    for name in NAMES:
        n, o = codes(name, all_codes(name))
        for target in [np.inf, -np.inf, 0.0, -0.0, 1.0, np.nan]:
            tn = np.full(n.shape, target, dtype=np.float32).astype(ml(name))
            to = ox.asarray(tn)
            same(np.asarray(run(ox.nextafter, o, to)), run(np.nextafter, n, tn))


EXPONENTS = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
             "uint64"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("exp_dtype", EXPONENTS)
def test_ldexp_with_every_integer_exponent(name, exp_dtype):
    rng = np.random.default_rng(5)
    n, o = codes(name, rng.integers(0, 256 if name != "bfloat16" else 65536, 2000))
    info = (np.iinfo(exp_dtype) if exp_dtype != "bool" else None)
    if info is None:
        e = rng.integers(0, 2, n.shape).astype(bool)
    else:
        lo, hi = max(info.min, -300), min(info.max, 300)
        e = rng.integers(lo, hi, n.shape, endpoint=True).astype(exp_dtype)
        e[:4] = [info.min, info.max, 0, 1]
    got = run(ox.ldexp, o, ox.asarray(e))
    want = run(np.ldexp, n, e)
    same(np.asarray(got), want)


@pytest.mark.parametrize("name", NAMES)
def test_more_ufunc_result_dtypes_with_builtins(name):
    # Mixed with a built-in, the ufuncs resolve as NumPy does with ml_dtypes.
    n = np.array([1.5, -2.0, 0.0, 3.0], dtype=ml(name))
    o = ox.asarray(n)
    for uf in BINARY_F32 + BINARY_BITS:
        for other in ["float32", "int8", "float64", "bool"]:
            m = np.array([2, 1, 0, 1]).astype(other)
            try:
                want = results(run(getattr(np, uf), n, m))
            except TypeError:
                with pytest.raises(TypeError):
                    run(getattr(ox, uf), o, ox.asarray(m))
                continue
            got = results(run(getattr(ox, uf), o, ox.asarray(m)))
            for g, w in zip(got, want):
                same(np.asarray(g), w, False)


def warned(fn, *args):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        with np.errstate(all="warn"), ox.errstate(all="warn"):
            fn(*args)
    return sorted(str(x.message) for x in w)


@pytest.mark.parametrize("uf", ["remainder", "floor_divide", "divmod", "logaddexp",
                                "logaddexp2", "heaviside", "nextafter", "spacing",
                                "fmod", "copysign", "logical_and"])
def test_more_ufunc_warnings_as_ml_dtypes(uf):
    vals = [0.0, -0.0, 1.0, -3.0, np.inf, -np.inf, np.nan, 3e38]
    a, b = np.meshgrid(vals, vals)
    n1 = a.ravel().astype(ml("bfloat16"))
    n2 = b.ravel().astype(ml("bfloat16"))
    o1, o2 = ox.asarray(n1), ox.asarray(n2)
    for i in range(n1.size):
        x, y = n1[i:i + 1], n2[i:i + 1]
        ox_, oy = o1[i:i + 1], o2[i:i + 1]
        if getattr(np, uf).nin == 1:
            assert warned(getattr(ox, uf), ox_) == warned(getattr(np, uf), x), (x,)
        else:
            assert warned(getattr(ox, uf), ox_, oy) == warned(getattr(np, uf), x, y), (x, y)


# --- ordering ---------------------------------------------------------------------------

def mixed(name, n, seed):
    """Values with ties, both zeros and NaNs (several codes), as ml_dtypes arrays."""
    rng = np.random.default_rng(seed)
    hi = 256 if name != "bfloat16" else 65536
    bits = rng.integers(0, hi, n)
    # Many ties: draw half of the codes from a small pool.
    pool = rng.integers(0, hi, 8)
    bits[::2] = pool[rng.integers(0, 8, bits[::2].size)]
    if name == "bfloat16":
        special = [0x0000, 0x8000, 0x7FC0, 0xFFC0, 0x7F81, 0x7F80, 0xFF80]
    else:
        special = [0x00, 0x80, 0x7F, 0xFF]
    bits[: len(special)] = special
    rng.shuffle(bits)
    return codes(name, bits)


def as_floats(x):
    return np.asarray(x).astype(np.float32)


def same_order_values(got, want):
    # The default kind of NumPy's sort of a user dtype is its generic (unstable)
    # quicksort; oxarray's sorts are stable, so equal values (-0.0 and 0.0, NaN codes)
    # may come in another order: compare as float32 values.
    np.testing.assert_array_equal(as_floats(got), as_floats(want))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("shape,axis", [((300,), -1), ((17, 23), 0), ((17, 23), 1),
                                        ((4, 5, 6), 1)])
def test_sort_and_argsort_as_ml_dtypes(name, shape, axis):
    n, o = mixed(name, int(np.prod(shape)), 7)
    n, o = n.reshape(shape), o.reshape(shape)
    for kind in ["stable", "mergesort"]:
        same(np.asarray(ox.sort(o, axis=axis, kind=kind)), np.sort(n, axis=axis, kind=kind))
        np.testing.assert_array_equal(np.asarray(ox.argsort(o, axis=axis, kind=kind)),
                                      np.argsort(n, axis=axis, kind=kind))
    same_order_values(ox.sort(o, axis=axis), np.sort(n, axis=axis))
    # oxarray's argsort is stable for every kind (as for the built-ins).
    np.testing.assert_array_equal(np.asarray(ox.argsort(o, axis=axis)),
                                  np.argsort(n, axis=axis, kind="stable"))
    m = o.copy()
    m.sort(axis=axis, kind="stable")
    same(np.asarray(m), np.sort(n, axis=axis, kind="stable"))


@pytest.mark.parametrize("name", NAMES)
def test_sort_of_every_code_and_swapped_and_strided(name):
    n, o = codes(name, all_codes(name)[::-1])
    same(np.asarray(ox.sort(o, kind="stable")), np.sort(n, kind="stable"))
    np.testing.assert_array_equal(np.asarray(ox.argsort(o, kind="stable")),
                                  np.argsort(n, kind="stable"))
    s = n[::3]
    same(np.asarray(ox.sort(ox.asarray(n)[::3], kind="stable")), np.sort(s, kind="stable"))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 0xFFFF), min_size=1, max_size=200))
def test_bfloat16_sort_argsort_hypothesis(bits):
    n, o = codes("bfloat16", bits)
    same(np.asarray(ox.sort(o, kind="stable")), np.sort(n, kind="stable"))
    np.testing.assert_array_equal(np.asarray(ox.argsort(o)), np.argsort(n, kind="stable"))
    np.testing.assert_array_equal(np.asarray(ox.argmax(o)), np.argmax(n))
    np.testing.assert_array_equal(np.asarray(ox.argmin(o)), np.argmin(n))


@pytest.mark.parametrize("name", NAMES)
def test_argmax_argmin_as_ml_dtypes(name):
    n, o = mixed(name, 400, 3)
    for f in ["argmax", "argmin"]:
        assert int(getattr(ox, f)(o)) == int(getattr(np, f)(n))
        for shape, axis in [((20, 20), 0), ((20, 20), 1), ((4, 10, 10), 2)]:
            np.testing.assert_array_equal(
                np.asarray(getattr(ox, f)(o.reshape(shape), axis=axis)),
                getattr(np, f)(n.reshape(shape), axis=axis))
        # Without NaN: first of the ties, -0.0 == 0.0.
        fin = np.isfinite(n.astype(np.float32))
        assert int(getattr(ox, f)(o[ox.asarray(fin)])) == int(getattr(np, f)(n[fin]))
        for m in [np.max, np.min]:
            same(np.asarray(getattr(ox, m.__name__)(o[ox.asarray(fin)])), m(n[fin]))


@pytest.mark.parametrize("name", NAMES)
def test_searchsorted_as_ml_dtypes(name):
    n, _ = mixed(name, 200, 4)
    s = np.sort(n, kind="stable")
    so = ox.asarray(s)
    q, qo = mixed(name, 50, 5)
    for side in ["left", "right"]:
        np.testing.assert_array_equal(np.asarray(ox.searchsorted(so, qo, side=side)),
                                      np.searchsorted(s, q, side=side))
        f = np.array([0.5, -1e30, np.nan, 3.0], dtype=np.float32)
        np.testing.assert_array_equal(np.asarray(ox.searchsorted(so, ox.asarray(f), side=side)),
                                      np.searchsorted(s, f, side=side))
    perm = np.argsort(n, kind="stable")
    np.testing.assert_array_equal(
        np.asarray(ox.searchsorted(ox.asarray(n), qo, sorter=ox.asarray(perm))),
        np.searchsorted(n, q, sorter=perm))


@pytest.mark.parametrize("name", NAMES)
def test_unique_as_ml_dtypes(name):
    # NumPy merges NaNs in `unique` only for kinds c, f, m, M: float8_e5m2 (kind 'f')
    # has one NaN there, the 'V' kinds keep every NaN.
    n, o = mixed(name, 300, 6)
    vals, idx, inv, cnt = np.unique(n, return_index=True, return_inverse=True,
                                    return_counts=True)
    got = ox.unique(o, return_index=True, return_inverse=True, return_counts=True)
    same(np.asarray(got[0]), vals)
    for g, w in zip(got[1:], (idx, inv, cnt)):
        np.testing.assert_array_equal(np.asarray(g), w)
    same_order_values(ox.unique(o), np.unique(n))


@pytest.mark.parametrize("name", NAMES)
def test_partition_lexsort_as_ml_dtypes(name):
    # NumPy has no partition function for a user dtype: it sorts.
    n, o = mixed(name, 100, 8)
    same_order_values(ox.partition(o, 10), np.partition(n, 10))
    np.testing.assert_array_equal(np.asarray(ox.argpartition(o, 10)),
                                  np.argsort(n, kind="stable"))
    k2 = np.arange(100) % 3
    np.testing.assert_array_equal(np.asarray(ox.lexsort((o, ox.asarray(k2)))),
                                  np.lexsort((n, k2)))


# --- arange and linspace ------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("args", [(10,), (0, 5, 0.5), (1000, 1100, 1.3), (0.1, 3000, 7.7),
                                  (0, 600, 50), (5.0, 0, -1.5), (1, 2), (1, 1),
                                  (-3, 3, 0.25), (0, 1e6, 999.5)])
def test_arange_as_ml_dtypes(name, args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = np.arange(*args, dtype=ml(name))
        got = ox.arange(*args, dtype=name)
    same(np.asarray(got), want)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("args", [(0, 1, 5), (0, 1000, 7), (-2.5, 3, 50, False)])
def test_linspace_as_ml_dtypes(name, args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = np.linspace(*args, dtype=ml(name))
        got = ox.linspace(*args, dtype=name)
    same(np.asarray(got), want)


# --- export: .npy, buffer protocol, __array_interface__ -------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_npy_save_writes_numpys_header_and_bytes(name):
    n = np.array([[1.5, -2.0, np.nan], [0.25, -0.0, 3.0]], dtype=ml(name))
    o = ox.asarray(n)
    for src, arr in [("c", (n, o)), ("f", (np.asfortranarray(n), ox.asfortranarray(o))),
                     ("strided", (n[:, ::2], o[:, ::2]))]:
        bn, bo = io.BytesIO(), io.BytesIO()
        np.save(bn, arr[0])
        ox.save(bo, arr[1])
        assert bo.getvalue() == bn.getvalue(), src
        # NumPy reads the file back as raw void items; viewed as the ML float, the same.
        bo.seek(0)
        if name != "float8_e5m2":
            back = np.load(bo)
            same(back.view(ml(name)), arr[0])
        else:
            # '<f1' (kind 'f', 1 byte) is no dtype NumPy can read back.
            with pytest.raises(ValueError):
                np.load(bo)


@pytest.mark.parametrize("name", NAMES)
def test_npy_load_of_ml_float_files_as_numpy_void_or_refused(name):
    # NumPy loads '<V2'/'<V1' as void arrays ('|V2': raw bytes, the ML dtype is not
    # recorded) and refuses '<f1' (ValueError); oxarray does the same.
    n = np.array([[1.5, -2.0, 3.25], [0.0, 4.0, -0.5]], dtype=ml(name))
    b = io.BytesIO()
    np.save(b, n)
    if name == "float8_e5m2":
        b.seek(0)
        with pytest.raises(ValueError):
            np.load(b)
        b.seek(0)
        with pytest.raises(ValueError):
            ox.load(b)
        return
    b.seek(0)
    want = np.load(b)
    b.seek(0)
    got = ox.load(b)
    assert got.dtype.str == want.dtype.str and got.dtype.kind == want.dtype.kind == "V"
    assert got.dtype.itemsize == want.dtype.itemsize and got.shape == want.shape
    assert got.tobytes() == want.tobytes()
    assert got[0, 1] == bytes(want[0, 1])
    # Viewed as the ML float, the data comes back (as with NumPy).
    same(np.asarray(got.view(ox.dtype(name))), want.view(ml(name)))
    same(want.view(ml(name)), n)


@pytest.mark.parametrize("name", NAMES)
def test_buffer_protocol_refused_like_numpy(name):
    n = np.ones(3, ml(name))
    with pytest.raises(ValueError) as en:
        memoryview(n)
    with pytest.raises(ValueError) as eo:
        memoryview(ox.asarray(n))
    assert str(eo.value) == str(en.value)


# -- dtype.str, median / percentile / quantile ----------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_dtype_str_byteorder_descr_as_ml_dtypes(name):
    d, n = ox.dtype(name), ml(name)
    assert d.str == n.str
    assert d.byteorder == n.byteorder
    assert d.descr == n.descr
    assert d.isnative == n.isnative


def to_np(x):
    return np.asarray(ox.asarray(x))


def same_values(got, want):
    """Same dtype and shape, equal values (NaN == NaN, -0 == 0: a partition may leave
    either of two equal zeros in the middle)."""
    got, want = to_np(got), np.asarray(want)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert got.shape == want.shape
    np.testing.assert_array_equal(got.astype(np.float64), want.astype(np.float64))


def finite_ml(name, draw, shape):
    """An ml_dtypes array of finite codes with `shape`."""
    size = int(np.prod(shape))
    top = 65536 if name == "bfloat16" else 256
    bits = np.array(draw(st.lists(st.integers(0, top - 1), min_size=size, max_size=size)), dtype=np.int64)
    n = bits.astype(uint_of(name)).view(ml(name))
    f = n.astype(np.float32)
    n = np.where(np.isfinite(f), f, np.float32(1.5)).astype(ml(name))
    return n.reshape(shape)


shapes = st.sampled_from([(1,), (2,), (5,), (8,), (3, 4), (2, 3, 2)])


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=25, deadline=None)
@given(data=st.data(), shape=shapes)
def test_median_as_ml_dtypes(name, data, shape):
    n = finite_ml(name, data.draw, shape)
    o = ox.asarray(n)
    axes = [None] + list(range(len(shape)))
    axis = data.draw(st.sampled_from(axes))
    same_values(run(ox.median, o, axis), run(np.median, n, axis))


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=25, deadline=None)
@given(data=st.data(), shape=shapes)
def test_percentile_quantile_as_ml_dtypes(name, data, shape):
    n = finite_ml(name, data.draw, shape)
    o = ox.asarray(n)
    axis = data.draw(st.sampled_from([None] + list(range(len(shape)))))
    method = data.draw(st.sampled_from(["linear", "lower", "higher", "nearest", "midpoint",
                                        "hazen", "weibull", "median_unbiased", "inverted_cdf"]))
    # A Python float q (weak: the result keeps the ML dtype for interpolating methods)
    q = data.draw(st.floats(0, 100))
    same_values(run(lambda a: ox.percentile(a, q, axis=axis, method=method), o),
                run(lambda a: np.percentile(a, q, axis=axis, method=method), n))
    # and a float64 array of quantiles (the result is float64 for those methods).
    qs = np.array(data.draw(st.lists(st.floats(0, 1), min_size=1, max_size=3)))
    same_values(run(lambda a: ox.quantile(a, ox.asarray(qs), axis=axis, method=method), o),
                run(lambda a: np.quantile(a, qs, axis=axis, method=method), n))


@pytest.mark.parametrize("name", NAMES)
def test_median_quantile_examples_as_ml_dtypes(name):
    n = np.array([1, 2, 3, 4.5], dtype=ml(name))
    o = ox.asarray(n)
    same_values(ox.median(o), np.median(n))
    same_values(ox.percentile(o, 30), np.percentile(n, 30))
    same_values(ox.quantile(o, [0.1, 0.5]), np.quantile(n, [0.1, 0.5]))
    same_values(ox.quantile(o, 0.5), np.quantile(n, 0.5))


@pytest.mark.parametrize("name", ["bfloat16", "float8_e5m2", "float8_e4m3"])
def test_median_quantile_no_nan_check_and_zero_sign_as_ml_dtypes(name):
    # ML floats are no NumPy inexact subtype: no NaN check (a NaN sorts last and only
    # counts where it is taken), and the mean of the middle keeps -0.
    for vals in ([np.nan, 2, 1, 5], [1, 2, np.nan, np.nan], [-0.0], [-0.0, -0.0]):
        n = np.array(vals, dtype=ml(name))
        o = ox.asarray(n)
        for f, args in ((np.median, ()), (np.quantile, (0.3,)), (np.percentile, ([10, 50],)),
                        (np.nanmedian, ()), (np.nanquantile, (0.3,))):
            want = run(f, n, *args)
            got = run(getattr(ox, f.__name__), o, *args)
            same_values(got, want)
            np.testing.assert_array_equal(np.signbit(to_np(got).astype(np.float32)),
                                          np.signbit(np.asarray(want).astype(np.float32)))


@settings(max_examples=25, deadline=None)
@given(name=st.sampled_from(NAMES), n1=st.integers(1, 9), n2=st.integers(1, 9),
       mode=st.sampled_from(["valid", "same", "full"]),
       fn=st.sampled_from(["convolve", "correlate"]), seed=st.integers(0, 2**16))
def test_convolve_correlate_as_ml_dtypes(name, n1, n2, mode, fn, seed):
    """ml_dtypes' dot function: a float32 accumulator in index order, rounded at the end."""
    rng = np.random.default_rng(seed)
    a = (rng.standard_normal(n1) * 4).astype(ml(name))
    v = (rng.standard_normal(n2) * 4).astype(ml(name))
    oa, ov = ox.asarray(a), ox.asarray(v)
    same(np.asarray(run(getattr(ox, fn), oa, ov, mode)), run(getattr(np, fn), a, v, mode),
         nan_sign=False)


@settings(max_examples=25, deadline=None)
@given(name=st.sampled_from(NAMES), shapes=st.sampled_from(
    [((3, 9), (9, 2)), ((9,), (9,)), ((3, 9), (9,)), ((9,), (9, 5)), ((2, 3, 4), (5, 4, 2)),
     ((4,), (2, 4, 3)), ((0, 3), (3, 2)), ((3, 0), (0, 2))]), seed=st.integers(0, 2**16))
def test_dot_family_as_ml_dtypes(name, shapes, seed):
    """dot/inner/vdot/tensordot keep the dtype and round a float32 accumulator summed in
    index order, as ml_dtypes' dot function (matmul gives float32, as NumPy's)."""
    rng = np.random.default_rng(seed)
    a = (rng.standard_normal(shapes[0]) * 3).astype(ml(name))
    b = (rng.standard_normal(shapes[1]) * 3).astype(ml(name))
    oa, ob = ox.asarray(a), ox.asarray(b)
    same(np.asarray(run(ox.dot, oa, ob)), np.asarray(run(np.dot, a, b)), nan_sign=False)
    if a.shape[-1] == b.shape[0]:
        same(np.asarray(run(ox.tensordot, oa, ob, 1)), run(np.tensordot, a, b, 1), nan_sign=False)
    if a.shape[-1] == b.shape[-1]:
        same(np.asarray(run(ox.inner, oa, ob)), np.asarray(run(np.inner, a, b)), nan_sign=False)
    if a.size == b.size:
        same(np.asarray(run(ox.vdot, oa, ob)), np.asarray(run(np.vdot, a, b)), nan_sign=False)
