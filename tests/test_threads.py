"""All cores: large elementwise ufuncs, casts, copies and 3-arg ``where`` give the same
results at 1, 2 and 4 threads (and NumPy's), FP warnings fire once under threads, and the
thread controls (``set_num_threads``, ``num_threads``, ``OXARRAY_NUM_THREADS``,
threadpoolctl) work and restore.

Arrays here are above the execution policy's parallel threshold (2 MiB of work), so the
calls at 2 and 4 threads really are split.
"""

import os
import subprocess
import sys
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from conftest import assert_same

THREADS = [1, 2, 4]
# Shapes of about 200k elements: 1-d, 2-d, 3-d, and an inner axis too short to split.
SHAPES = [(200_003,), (450, 451), (7, 130, 221), (100_001, 2)]
LAYOUTS = ["C", "T", "step", "reversed"]
DTYPES = ["float64", "float32", "int32", "int16", "uint8", "complex128"]


def as_np(x):
    """An oxarray array as a NumPy array (zero-copy view through the buffer protocol)."""
    r = np.asarray(x)
    assert r.dtype.str == x.dtype.str and r.shape == x.shape
    return r


def make(shape, dtype, layout, seed):
    """The same array in NumPy and oxarray, laid out as `layout` (a view)."""
    rng = np.random.default_rng(seed)
    base = (rng.random(shape) * 100 - 20).astype(dtype)
    o = ox.asarray(base)
    if layout == "T":
        return base.T, o.T
    if layout == "step":
        return base[..., ::2], o[..., ::2]
    if layout == "reversed":
        return base[::-1], o[::-1]
    return base, o


def at_threads(fn):
    """fn() at each thread count, as NumPy arrays."""
    out = []
    for t in THREADS:
        with ox.num_threads(t):
            out.append(fn())
    return out


def assert_identical(results, np_result, exact=True):
    first = as_np(results[0])
    for r in results[1:]:
        # Bit-identical across thread counts (NaN == NaN).
        assert np.array_equal(as_np(r), first, equal_nan=True)
    assert first.dtype == np_result.dtype and first.shape == np_result.shape
    if exact:
        assert np.array_equal(first, np_result, equal_nan=True)
    else:
        np.testing.assert_allclose(first, np_result, rtol=1e-5 if first.dtype.itemsize <= 8 else 1e-12)


@settings(max_examples=12, deadline=None)
@given(
    shape=st.sampled_from(SHAPES),
    dtype=st.sampled_from(DTYPES),
    layout=st.sampled_from(LAYOUTS),
    other=st.sampled_from(["same", "float64", "scalar"]),
)
def test_binary_ufuncs_identical_at_every_thread_count(shape, dtype, layout, other):
    na, oa = make(shape, dtype, layout, 1)
    if other == "scalar":
        nb, ob = 3, 3
    else:
        nb, ob = make(shape, dtype if other == "same" else other, "C", 2)
        nb, ob = nb[tuple(slice(0, n) for n in na.shape)], ob[tuple(slice(0, n) for n in na.shape)]
        if nb.shape != na.shape:
            nb, ob = make(na.shape, dtype if other == "same" else other, "C", 2)
    for name in ["add", "multiply", "maximum", "less"]:
        res = at_threads(lambda: getattr(ox, name)(oa, ob))
        assert_identical(res, getattr(np, name)(na, nb))


@settings(max_examples=10, deadline=None)
@given(
    shape=st.sampled_from(SHAPES),
    dtype=st.sampled_from(["float64", "float32"]),
    layout=st.sampled_from(LAYOUTS),
)
def test_unary_float_ufuncs_and_out(shape, dtype, layout):
    na, oa = make(shape, dtype, layout, 3)
    for name in ["sqrt", "exp", "negative", "absolute"]:
        with ox.errstate(invalid="ignore"), np.errstate(invalid="ignore"):
            res = at_threads(lambda: getattr(ox, name)(oa))
            expected = getattr(np, name)(na)
        assert_identical(res, expected, exact=name not in ("exp",))
    outs = []
    for t in THREADS:
        o = ox.zeros(na.shape, dtype=dtype)
        with ox.num_threads(t):
            ox.add(oa, oa, out=o)
        outs.append(o)
    assert_identical(outs, np.add(na, na))


@settings(max_examples=12, deadline=None)
@given(
    shape=st.sampled_from(SHAPES),
    src=st.sampled_from(DTYPES),
    dst=st.sampled_from(["float32", "int64", "int8", "float64", ">f8"]),
    layout=st.sampled_from(LAYOUTS),
)
def test_casts_and_copies(shape, src, dst, layout):
    na, oa = make(shape, src, layout, 4)
    if np.dtype(src).kind == "c" and np.dtype(dst).kind != "c":
        na, oa = na.real.copy(), ox.asarray(na.real.copy())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = na.astype(dst)
        res = at_threads(lambda: oa.astype(dst))
    assert_identical(res, expected)
    assert_identical(at_threads(lambda: oa.copy()), na.copy())
    assert_identical(at_threads(lambda: ox.ascontiguousarray(oa)), np.ascontiguousarray(na))


def test_a_plus_a_transposed():
    m = np.random.default_rng(5).random((700, 700))
    om = ox.asarray(m)
    assert_identical(at_threads(lambda: om + om.T), m + m.T)


@settings(max_examples=8, deadline=None)
@given(shape=st.sampled_from(SHAPES), dtype=st.sampled_from(DTYPES), layout=st.sampled_from(LAYOUTS))
def test_where_three_args(shape, dtype, layout):
    na, oa = make(shape, dtype, layout, 6)
    nb, ob = make(na.shape, dtype, "C", 7)
    cond = na > nb
    res = at_threads(lambda: ox.where(ox.asarray(cond), oa, ob))
    assert_identical(res, np.where(cond, na, nb))


@pytest.mark.parametrize("threads", THREADS)
def test_errstate_warning_fires_once_under_threads(threads):
    a = np.zeros(400_000)
    a[::1000] = -1.0
    oa = ox.asarray(a)
    with ox.num_threads(threads):
        with pytest.warns(RuntimeWarning) as rec:
            r = ox.sqrt(oa)
        assert len(rec) == 1 and "invalid value" in str(rec[0].message)
        with ox.errstate(divide="raise"), pytest.raises(FloatingPointError):
            ox.divide(1.0, ox.asarray(np.zeros(400_000)))
        with ox.errstate(all="ignore"):
            ox.log(oa)  # nothing is reported
    with np.errstate(invalid="ignore"):
        assert np.array_equal(as_np(r), np.sqrt(a), equal_nan=True)


def test_controls_and_context_manager_restores_on_exception():
    before = ox.get_num_threads()
    assert before >= 1
    with ox.num_threads(3):
        assert ox.get_num_threads() == 3
    assert ox.get_num_threads() == before
    with pytest.raises(KeyError), ox.num_threads(2):
        assert ox.get_num_threads() == 2
        raise KeyError("boom")
    assert ox.get_num_threads() == before
    prev = ox.set_num_threads(5)
    try:
        assert prev == before and ox.get_num_threads() == 5
    finally:
        ox.set_num_threads(prev)
    for bad in (0, -1):
        with pytest.raises(ValueError):
            ox.set_num_threads(bad)
    with pytest.raises(TypeError):
        ox.set_num_threads(1.5)
    assert ox.get_num_threads() == before


def test_environment_variable_in_a_subprocess():
    code = "import oxarray as ox; print(ox.get_num_threads())"
    env = dict(os.environ, OXARRAY_NUM_THREADS="3")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "3"
    env["OXARRAY_NUM_THREADS"] = "not a number"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert int(out.stdout.strip()) == os.cpu_count() or int(out.stdout.strip()) >= 1


def test_threadpoolctl_limits_and_restores():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    before = ox.get_num_threads()
    info = [i for i in threadpoolctl.threadpool_info() if i["internal_api"] == "oxarray"]
    assert len(info) == 1 and info[0]["num_threads"] == before
    assert info[0]["filepath"] == os.path.realpath(ox._core.__file__)
    with threadpoolctl.threadpool_limits(1):
        assert ox.get_num_threads() == 1
        a = ox.arange(400_000.0)
        assert_same(a + a, np.arange(400_000.0) * 2)
    assert ox.get_num_threads() == before
    with threadpoolctl.threadpool_limits(limits=2, user_api="oxarray"):
        assert ox.get_num_threads() == 2
    assert ox.get_num_threads() == before


def test_threadpoolctl_imported_after_oxarray_registers_the_controller():
    pytest.importorskip("threadpoolctl")
    code = (
        "import oxarray as ox, threadpoolctl\n"
        "ox.set_num_threads(3)\n"
        "info = [i for i in threadpoolctl.threadpool_info() if i['internal_api'] == 'oxarray']\n"
        "print(len(info), info[0]['num_threads'])\n"
        "with threadpoolctl.threadpool_limits(1):\n"
        "    print(ox.get_num_threads())\n"
        "print(ox.get_num_threads())\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "OXARRAY_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "3", "1", "3"]


def test_python_callbacks_with_threads_on():
    f = ox.frompyfunc(lambda x, y: x * 2 + y, 2, 1)
    a = np.arange(300_000, dtype=np.int64)
    with ox.num_threads(4):
        r = f(ox.asarray(a), 1)
        v = ox.vectorize(lambda x: x + 1)(ox.asarray(a[:50_000]))
    assert np.array_equal(np.asarray(r, dtype=np.int64), a * 2 + 1)
    assert np.array_equal(as_np(v), a[:50_000] + 1)
