"""dask.array on oxarray chunks, threaded scheduler (issue 15, scope 1).

Every graph is built twice, on NumPy chunks and on oxarray chunks with the same data and
chunking, and the oxarray result must be NumPy's (values, dtype, shape: ``assert_same``),
and stay an oxarray array (``_meta``, chunks, computed result). Also here: the lazy
registration, the ``oxarray`` array backend, tokens, ``sizeof``, pickles (protocol 5
out-of-band buffers, the format version) and threads. The two-process cluster is in
``test_dask_distributed.py``.
"""

import os
import pickle
import subprocess
import sys
import threading

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from conftest import assert_same

dask = pytest.importorskip("dask")
da = pytest.importorskip("dask.array")


@pytest.fixture(autouse=True)
def threaded_scheduler():
    with dask.config.set(scheduler="threads", num_workers=2):
        yield


def both(build, *arrays, chunks):
    """``build`` on dask arrays of NumPy chunks and of oxarray chunks: (numpy, oxarray)."""
    dn = [da.from_array(a, chunks=chunks) for a in arrays]
    do = [da.from_array(ox.asarray(a), chunks=chunks) for a in arrays]
    return build(*dn), build(*do)


# Known gaps, checked on values only (see docs/dask.md): dask computes the meta of
# arg-reductions and of boolean-mask indexing with NumPy (their ``_meta`` is a NumPy array
# although every chunk is oxarray's), and a 0-d result that goes through a NumPy ufunc
# after the reduction (``std``'s square root) is NumPy's scalar, oxarray scalars having
# no ``__array_ufunc__``.
NUMPY_META = {"arg", "mask"}


def check(build, *arrays, chunks, close=False, known=None):
    rn, ro = both(build, *arrays, chunks=chunks)
    if isinstance(ro, da.Array) and ro.ndim and known not in NUMPY_META:
        # (0-d results: dask's meta_from_array turns every scalar meta, NumPy's too, into a
        # NumPy 0-d array; the computed value is still oxarray's scalar, checked below)
        assert isinstance(ro._meta, ox.ndarray), type(ro._meta)
    vn, vo = dask.compute(rn)[0], dask.compute(ro)[0]
    if close:
        assert isinstance(vo, (ox.ndarray, ox.generic)), type(vo)
        assert vo.dtype.str == vn.dtype.str and np.shape(vo) == np.shape(vn)
        np.testing.assert_allclose(np.asarray(vo), vn, rtol=1e-12, atol=1e-12)
    elif known == "scalar" and isinstance(vo, np.generic):
        assert type(vo) is type(vn) and vo == vn
    else:
        assert_same(vo, vn)
    return vo


RNG = np.random.default_rng(15)
A = RNG.standard_normal((9, 12))
B = RNG.standard_normal((12, 7))
C3 = RNG.standard_normal((6, 5, 8))
I = RNG.integers(-50, 50, size=(10, 6)).astype(np.int64)


# --------------------------------------------------------------------------- registration
def test_registration_is_lazy_both_ways():
    code = (
        "import sys\n"
        "import oxarray as ox\n"
        "assert 'dask' not in sys.modules, 'oxarray imported dask'\n"
        "import dask.array as da\n"
        "from dask.array.chunk_types import is_valid_chunk_type\n"
        "from dask.sizeof import sizeof\n"
        "assert is_valid_chunk_type(ox.ndarray)\n"
        "assert sizeof(ox.ones(1000)) == 8000\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr
    code = (
        "import sys\n"
        "import dask, dask.array as da, dask.sizeof\n"
        "assert 'oxarray' not in sys.modules, 'dask imported oxarray'\n"
        "import oxarray as ox\n"
        "from dask.array.chunk_types import is_valid_chunk_type\n"
        "assert is_valid_chunk_type(ox.ndarray)\n"
        "assert dask.sizeof.sizeof(ox.ones(1000)) == 8000\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_entry_point_is_installed():
    from importlib.metadata import entry_points

    eps = {ep.name: ep for ep in entry_points(group="dask.array.backends")}
    assert eps["oxarray"].value == "oxarray._dask_backend:OxarrayBackendEntrypoint"
    from dask.array.backends import ArrayBackendEntrypoint

    assert issubclass(eps["oxarray"].load(), ArrayBackendEntrypoint)


def test_from_array_keeps_oxarray_chunks_and_meta():
    d = da.from_array(ox.asarray(A), chunks=(4, 5))
    assert isinstance(d._meta, ox.ndarray) and d.dtype == np.float64
    assert "oxarray.ndarray" in repr(d)
    blocks = [d.blocks[i, j].compute() for i in range(3) for j in range(3)]
    assert all(type(b) is ox.ndarray for b in blocks)
    for expr in (d, d + 1, d.T, d[1:, ::2], d.rechunk((3, 3)), da.exp(d)):
        assert isinstance(expr._meta, ox.ndarray)
        assert type(expr.compute()) is ox.ndarray


def test_numpy_accepts_oxarray_dtypes():
    # NumPy's __numpy_dtype__ protocol: dask builds NumPy arrays with Array.dtype.
    for name in ["bool", "int8", "uint16", "int64", "float16", "float32", "float64", "complex128"]:
        dt = ox.dtype(name)
        assert np.dtype(dt) == np.dtype(name)
        assert np.empty(2, dtype=dt).dtype == np.dtype(name)
        assert np.dtype(ox.zeros(2, dtype=name)) == np.dtype(name)
        assert np.dtype(ox.zeros(2, dtype=name)[0]) == np.dtype(name)
    assert np.dtype(ox.dtype(">i4")) == np.dtype(">i4")
    # and oxarray accepts NumPy's (dtype objects and scalar types)
    for name in ["int8", "float32", "complex64", "bool"]:
        assert ox.zeros(2, dtype=np.dtype(name)).dtype == ox.dtype(name)
        assert ox.zeros(2, dtype=np.dtype(name).type).dtype == ox.dtype(name)
        assert ox.arange(3).astype(np.dtype(name)).dtype == ox.dtype(name)


def test_scalar_types_are_registered_with_the_numbers_abcs():
    import numbers

    for name in ["bool", "int8", "uint64", "float16", "float32", "float64", "complex64", "complex128"]:
        x, n = ox.dtype(name).type(1), np.dtype(name).type(1)
        for abc in (numbers.Number, numbers.Complex, numbers.Real, numbers.Integral):
            assert isinstance(x, abc) == isinstance(n, abc), (name, abc)


# --------------------------------------------------------------------------- operations
ELEMENTWISE = {
    "add": lambda x: x + 1,
    "mul": lambda x: x * x - 2.5 * x,
    "truediv": lambda x: x / (abs(x) + 1),
    "floordiv_mod": lambda x: (x // 0.7) + (x % 0.7),
    "pow": lambda x: abs(x) ** 1.5,
    "neg_abs": lambda x: -abs(x),
    "compare": lambda x: (x > 0) & (x < 1),
    "sin": lambda x: np.sin(x),
    "exp_log": lambda x: np.log1p(np.exp(x)),
    "sqrt": lambda x: da.sqrt(abs(x)),
    "maximum": lambda x: np.maximum(x, 0.25),
    "where": lambda x: da.where(x > 0, x, -x),
    "clip": lambda x: x.clip(-0.5, 0.5),
    "isnan": lambda x: da.isnan(x / x),
    "astype": lambda x: (x * 10).astype("int32"),
    "round": lambda x: da.round(x, 2),
}


# oxarray's transcendental functions are within an ulp or two of NumPy's, not bit-equal
# (docs/differences.md): compared with a tolerance, everything else exactly.
TRANSCENDENTAL = {"sin", "exp_log", "pow"}


@pytest.mark.parametrize("name", list(ELEMENTWISE))
def test_elementwise_and_ufuncs(name):
    check(ELEMENTWISE[name], A, chunks=(4, 5), close=name in TRANSCENDENTAL)


def test_elementwise_two_arrays_broadcasting():
    row = RNG.standard_normal(12)
    check(lambda x, r: x * r + r, A, row, chunks=5)
    check(lambda x: x + x.T.T, A, chunks=(4, 5))


def test_integer_arithmetic():
    check(lambda x: x * 3 - x // 4 + (x % 7), I, chunks=(3, 4))
    check(lambda x: x.sum(axis=0) + x.max(), I, chunks=(3, 4))


AXES_2D = [None, 0, 1, -1, (0, 1)]


@pytest.mark.parametrize("op", ["sum", "mean", "std", "var", "min", "max", "prod", "nansum", "nanmean"])
@pytest.mark.parametrize("axis", AXES_2D)
def test_reductions_2d(op, axis):
    data = A * 0.5
    if op.startswith("nan"):
        data = data.copy()
        data[1, 3] = data[5, 0] = np.nan
    f = getattr(da, op)
    check(lambda x: f(x, axis=axis), data, chunks=(4, 5), known="scalar" if op == "std" else None)


@settings(max_examples=12)
@given(
    axis=st.sampled_from([None, 0, 1, 2, (0, 1), (0, 2), (1, 2), (0, 1, 2), -1]),
    op=st.sampled_from(["sum", "mean", "std", "var", "min", "max"]),
    chunks=st.sampled_from([2, 3, (6, 2, 3), (1, 5, 8)]),
    keepdims=st.booleans(),
)
def test_reductions_3d(axis, op, chunks, keepdims):
    f = getattr(da, op)
    check(lambda x: f(x, axis=axis, keepdims=keepdims), C3, chunks=chunks, known="scalar" if op == "std" else None)


@pytest.mark.parametrize("op", ["argmax", "argmin", "nanargmax"])
@pytest.mark.parametrize("axis", [None, 0, 1, -1])
def test_arg_reductions(op, axis):
    check(lambda x: getattr(da, op)(x, axis=axis), A, chunks=(4, 5), known="arg")


def test_std_var_ddof_and_dtype():
    check(lambda x: x.std(axis=0, ddof=1), A, chunks=(4, 5))
    check(lambda x: x.var(axis=(0, 1), ddof=2), A, chunks=(4, 5))
    check(lambda x: x.sum(axis=1, dtype="float32"), A, chunks=(4, 5))
    check(lambda x: x.mean(axis=0, dtype="float64"), I, chunks=(3, 4))


def test_matmul_tensordot_einsum_dot():
    check(lambda x, y: x @ y, A, B, chunks=4, close=True)
    check(lambda x, y: da.matmul(x, y), A, B, chunks=(3, 6), close=True)
    check(lambda x: da.tensordot(x, x, axes=([0], [0])), A, chunks=(4, 5), close=True)
    check(lambda x: da.tensordot(x, x, axes=((0, 1), (0, 1))), A, chunks=(4, 5), close=True)
    check(lambda x, y: da.einsum("ij,jk->ik", x, y), A, B, chunks=4, close=True)
    check(lambda x: da.dot(x, x.T), A, chunks=(4, 5), close=True)
    check(lambda x: x.T @ x, A, chunks=(4, 12), close=True)


def test_concatenate_stack():
    check(lambda x, y: da.concatenate([x, y, x], axis=0), A, A * 2, chunks=(4, 5))
    check(lambda x, y: da.concatenate([x, y.T], axis=1), A[:7], B, chunks=(3, 4))
    check(lambda x, y: da.stack([x, y], axis=1), A, A + 1, chunks=(4, 5))
    check(lambda x, y: da.stack([x, y], axis=-1), A, A + 1, chunks=(4, 5))
    check(lambda x: da.block([[x, x], [x, x]]), A, chunks=(4, 5))


def test_slicing_basic_fancy_boolean():
    check(lambda x: x[2:7, ::3], A, chunks=(4, 5))
    check(lambda x: x[::-2, -1], A, chunks=(4, 5))
    check(lambda x: x[None, 3, ..., 1:], A, chunks=(4, 5))
    check(lambda x: x[[0, 5, 5, 2]], A, chunks=(4, 5))
    check(lambda x: x[:, np.array([11, 0, 3])], A, chunks=(4, 5))
    check(lambda x: x[np.array([True, False] * 6) == 1][:, 0] if x.shape[0] == 12 else x[[1, 2]], A, chunks=(4, 5))
    check(lambda x: x[x > 0.5], A, chunks=(4, 5), known="mask")
    check(lambda x: x[:, x[0] > 0], A, chunks=(4, 5), known="mask")
    check(lambda x: da.take(x, [1, 3, 8], axis=1), A, chunks=(4, 5))


def test_map_blocks_rechunk_and_overlap():
    check(lambda x: x.map_blocks(lambda b: b * 2 + 1, dtype=x.dtype), A, chunks=(4, 5))
    check(lambda x: x.map_blocks(lambda b: b.sum(axis=0, keepdims=True), chunks=(1, 5)), A, chunks=(9, 5))
    check(lambda x: x.rechunk((2, 12)).rechunk((9, 1)), A, chunks=(4, 5))
    check(lambda x: x.rechunk((9, 12)).reshape(3, 36).rechunk((1, 36)), A, chunks=(9, 4))
    check(lambda x: da.cumsum(x, axis=1), A, chunks=(4, 5))


def test_percentile():
    v = RNG.standard_normal(200)
    check(lambda x: da.percentile(x, [0, 10, 50, 99.5, 100]), v, chunks=200)
    # several chunks: dask merges per-chunk percentiles (approximate, but the same
    # algorithm on either chunk type)
    check(lambda x: da.percentile(x, [5, 50, 95]), v, chunks=37, close=True)
    iv = RNG.integers(0, 1000, 150)
    check(lambda x: da.percentile(x, [25, 75], method="nearest"), iv, chunks=50, close=True)


def test_store_into_a_memory_mapped_npy(tmp_path):
    path = tmp_path / "out.npy"
    d = da.from_array(ox.asarray(A), chunks=(4, 5)) * 3
    mm = ox.open_memmap(path, mode="w+", dtype="float64", shape=A.shape)
    da.store(d, mm, lock=threading.Lock())
    mm.flush()
    del mm
    np.testing.assert_array_equal(np.load(path), A * 3)
    # and read back lazily from the mapped file, as chunks of the mapped array
    src = ox.open_memmap(path, mode="r")
    back = da.from_array(src, chunks=(5, 6))
    assert isinstance(back._meta, ox.ndarray)
    got = back.sum(axis=0).compute()
    assert type(got) is ox.ndarray
    np.testing.assert_allclose(np.asarray(got), (A * 3).sum(axis=0), rtol=1e-13)


def test_mixed_dask_and_oxarray_operands():
    d = da.from_array(ox.asarray(A), chunks=(4, 5))
    o = ox.asarray(A[0])
    r = d + o  # oxarray is a registered chunk type: dask handles the operation
    assert isinstance(r, da.Array) and isinstance(r._meta, ox.ndarray)
    assert_same(r.compute(), A + A[0])
    assert isinstance(np.add(d, o), da.Array)


# --------------------------------------------------------------------------- errors
def _raises_same(build, data, chunks):
    """The NumPy-chunk graph and the oxarray-chunk graph raise alike (when building or
    computing): oxarray's exception is an instance of every builtin class NumPy's is."""
    errs = []
    for arr in (data, ox.asarray(data)):
        with pytest.raises(Exception) as info:
            build(da.from_array(arr, chunks=chunks)).compute()
        errs.append(info.value)
    builtin = [c for c in type(errs[0]).__mro__ if c.__module__ == "builtins" and c is not object]
    assert all(isinstance(errs[1], c) for c in builtin), (type(errs[0]), type(errs[1]), errs)
    return errs


def test_errors_inside_a_graph_match_numpy():
    bad = np.ones(7)
    errs = _raises_same(lambda x: x.map_blocks(lambda b: b + bad[: b.shape[1] + 1], dtype=x.dtype, meta=x._meta), A, (4, 5))
    assert isinstance(errs[1], ValueError)
    errs = _raises_same(lambda x: x.map_blocks(lambda b: b.sum(axis=3), dtype=x.dtype, meta=x._meta, drop_axis=1), A, (4, 5))
    assert isinstance(errs[0], np.exceptions.AxisError) and isinstance(errs[1], ox.AxisError)
    _raises_same(lambda x: x.sum(axis=2), A, (4, 5))
    _raises_same(lambda x: x + da.ones(5), A, (4, 5))
    _raises_same(lambda x: x.map_blocks(lambda b: b.reshape(-1, 7), dtype=x.dtype, meta=x._meta), A, (4, 5))


# --------------------------------------------------------------------------- backend
@pytest.fixture
def ox_backend():
    with dask.config.set({"array.backend": "oxarray"}):
        yield


def _compare_backends(make, close=False):
    with dask.config.set({"array.backend": "numpy"}):
        rn = make()
    with dask.config.set({"array.backend": "oxarray"}):
        ro = make()
    assert isinstance(ro._meta, ox.ndarray), type(ro._meta)
    vo = ro.compute()
    assert type(vo) is ox.ndarray
    if close:
        np.testing.assert_allclose(np.asarray(vo), rn.compute(), rtol=1e-12)
    else:
        assert_same(vo, rn.compute())
    return ro


def test_backend_creation_functions():
    _compare_backends(lambda: da.ones((7, 9), chunks=4))
    _compare_backends(lambda: da.zeros((7, 9), chunks=4, dtype="int32"))
    _compare_backends(lambda: da.full((5, 3), 2.5, chunks=2))
    _compare_backends(lambda: da.full((5,), 7, chunks=2, dtype="int16"))
    _compare_backends(lambda: da.arange(0, 25, 3, chunks=4))
    _compare_backends(lambda: da.arange(10.0, chunks=3) * 2)
    _compare_backends(lambda: da.ones((6, 6), chunks=3).sum(axis=0))
    e = _compare_backends(lambda: da.empty((4, 4), chunks=2) * 0)
    assert e.dtype == np.float64


def test_backend_random_streams_are_numpys():
    _compare_backends(lambda: da.random.default_rng(42).random((20, 3), chunks=(7, 3)))
    _compare_backends(lambda: da.random.default_rng(7).standard_normal(30, chunks=8))
    _compare_backends(lambda: da.random.default_rng(7).integers(0, 100, size=25, chunks=10))
    _compare_backends(lambda: da.random.RandomState(3).normal(2.0, 3.0, size=(8, 5), chunks=4))
    _compare_backends(lambda: da.random.RandomState(3).uniform(size=12, chunks=5))


def test_to_backend_moves_chunks(ox_backend):
    with dask.config.set({"array.backend": "numpy"}):
        x = da.arange(12, chunks=5)
    y = x.to_backend("oxarray")
    assert isinstance(y._meta, ox.ndarray) and type(y.compute()) is ox.ndarray
    z = y.to_backend("numpy")
    assert isinstance(z._meta, np.ndarray) and type(z.compute()) is np.ndarray
    assert_same(y.compute(), np.arange(12))


# --------------------------------------------------------------------------- tokens, sizeof
def test_tokenize_is_deterministic_and_content_based():
    from dask.base import tokenize

    a = ox.asarray(A)
    assert tokenize(a) == tokenize(ox.asarray(A.copy()))
    assert tokenize(a) != tokenize(a + 0.5)
    assert tokenize(a) != tokenize(a.astype("float32"))
    assert tokenize(a) != tokenize(a.reshape(12, 9))
    b = a.copy()
    b[8, 11] = -1.0
    assert tokenize(a) != tokenize(b)
    sq = ox.asarray(A[:9, :9].copy())
    assert tokenize(sq) != tokenize(sq.T)  # same memory, other layout (NumPy's collide)
    assert tokenize(sq.T) == tokenize(ox.asfortranarray(ox.asarray(A[:9, :9].T)))
    v = a[1:, ::2]
    assert tokenize(v) == tokenize(v.copy())  # a strided view: hashed in C order
    assert tokenize(ox.asarray(3.5)) == tokenize(ox.asarray(3.5))
    assert tokenize(ox.zeros((0, 3))) != tokenize(ox.zeros((3, 0)))
    # an oxarray array and a NumPy array with the same data are different values for dask
    assert tokenize(a) != tokenize(A)
    # the same in another process
    code = "import oxarray as ox; from dask.base import tokenize; print(tokenize(ox.arange(20.0).reshape(4, 5)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == tokenize(ox.arange(20.0).reshape(4, 5))
    # from_array names follow
    assert da.from_array(a, chunks=4).name == da.from_array(ox.asarray(A.copy()), chunks=4).name


def test_tokenize_memory_mapped(tmp_path):
    from dask.base import tokenize

    path = tmp_path / "m.npy"
    np.save(path, A)
    m1, m2 = ox.open_memmap(path, mode="r"), ox.open_memmap(path, mode="r")
    assert tokenize(m1) == tokenize(m2) == tokenize(ox.asarray(A))


def test_sizeof_counts_the_buffer():
    from dask.sizeof import sizeof

    a = ox.ones((1000, 10))
    assert sizeof(a) == a.nbytes == 80_000
    assert sizeof(a[::2]) == 40_000  # dask counts a view's nbytes, as for NumPy
    assert sizeof(ox.broadcast_to(ox.ones(10), (1000, 10))) == 80  # NumPy's rule
    assert sizeof(ox.broadcast_to(ox.ones(10), (1000, 10))) == sizeof(np.broadcast_to(np.ones(10), (1000, 10)))
    # sys.getsizeof as NumPy's: an owner counts its buffer, a view only itself
    n_own, n_view = sys.getsizeof(np.ones(100_000)), sys.getsizeof(np.ones(100_000)[1:])
    o_own, o_view = sys.getsizeof(ox.ones(100_000)), sys.getsizeof(ox.ones(100_000)[1:])
    assert o_own - o_view == n_own - n_view == 800_000
    assert o_view < 1000
    assert sys.getsizeof(ox.frombuffer(bytearray(800))) == o_view


# --------------------------------------------------------------------------- pickles
def _address(x):
    return np.asarray(x).__array_interface__["data"][0]


def test_pickle5_out_of_band_buffers_are_not_copied():
    a = ox.asarray(A)
    for x in (a, ox.asfortranarray(a), a.T, ox.arange(10, dtype="int16"), ox.asarray(A)[2:5]):
        bufs = []
        data = pickle.dumps(x, protocol=5, buffer_callback=bufs.append)
        assert len(bufs) == 1 and len(data) < 300
        raw = bufs[0].raw()
        assert raw.nbytes == x.nbytes
        assert memoryview(bufs[0]).c_contiguous  # plain bytes to sockets (distributed's TCP)
        assert len(b"".join([memoryview(bufs[0])])) == x.nbytes
        assert np.frombuffer(raw, dtype=np.uint8).__array_interface__["data"][0] == _address(x)
        y = pickle.loads(data, buffers=bufs)
        assert type(y) is ox.ndarray and _address(y) == _address(x)  # a view, no copy
        assert_same(y, np.asarray(x))
        assert y.strides == x.strides
    # empty arrays: an empty, contiguous buffer (distributed's TCP comm joins them as bytes)
    for x in (ox.empty((0,)), ox.ones((3, 0)), ox.asfortranarray(ox.ones((0, 2)))):
        bufs = []
        y = pickle.loads(pickle.dumps(x, protocol=5, buffer_callback=bufs.append), buffers=bufs)
        assert len(bufs) == 1 and b"".join([memoryview(bufs[0])]) == b""
        assert y.shape == x.shape and y.dtype == x.dtype
    # strided views and protocol 4 still round-trip (in band, copied)
    v = a[:, ::2]
    for proto in (2, 4, 5):
        assert_same(pickle.loads(pickle.dumps(v, protocol=proto)), A[:, ::2])


class _Reduce:
    def __init__(self, func, args):
        self.func, self.args = func, args

    def __reduce__(self):
        return self.func, self.args


def test_pickle_format_version_is_checked():
    from oxarray import _pickle

    good = pickle.dumps(ox.arange(4.0), protocol=5)
    assert_same(pickle.loads(good), np.arange(4.0))
    assert b"_unpickle" in good
    # a pickle of a newer oxarray with another layout: refused, naming both versions
    future = pickle.dumps(_Reduce(_pickle._unpickle, ((2, "9.1.0"), "view", b"\0" * 8, "f8", (1,), "C")))
    with pytest.raises(pickle.UnpicklingError) as info:
        pickle.loads(future)
    msg = str(info.value)
    assert "9.1.0" in msg and ox.__version__ in msg and "format 2" in msg
    # pickles of earlier builds (no header) still load
    legacy = pickle.dumps(_Reduce(_pickle._reconstruct, (bytearray(np.arange(3.0).tobytes()), ox.dtype("f8"), (3,), "C")))
    assert_same(pickle.loads(legacy), np.arange(3.0))
    legacy = pickle.dumps(_Reduce(_pickle._reconstruct_copy, (np.arange(6, dtype="<i4").tobytes(), ox.dtype("i4"), (2, 3), "F")))
    assert_same(pickle.loads(legacy), np.arange(6, dtype=np.int32).reshape(2, 3, order="F"))


# --------------------------------------------------------------------------- threads
def test_threadpoolctl_limits_reach_chunk_tasks():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    d = da.from_array(ox.ones(40), chunks=10)
    seen = d.map_blocks(lambda b: ox.full(b.shape, ox.get_num_threads()), dtype="int64")
    with threadpoolctl.threadpool_limits(1):
        assert set(np.asarray(seen.compute()).tolist()) == {1}
    assert set(np.asarray(seen.compute()).tolist()) == {ox.get_num_threads()}


def test_threaded_results_do_not_depend_on_oxarray_threads():
    # dask's threads all share oxarray's one pool (oxarray_core::exec): a chunk task asks it
    # for at most num_threads() workers; the results are the same at any count.
    x = RNG.standard_normal((400, 600))
    d = da.from_array(ox.asarray(x), chunks=(100, 600))
    graph = (da.sin(d) * 2 + d).sum(axis=0)
    with ox.num_threads(1):
        one = graph.compute()
    with ox.num_threads(4):
        four = graph.compute()
    assert_same(four, np.asarray(one))
    expected = (np.sin(x) * 2 + x).reshape(4, 100, 600).sum(axis=1).sum(axis=0)
    np.testing.assert_allclose(np.asarray(one), expected, rtol=1e-12)


def test_omp_num_threads_sets_the_default_like_dask_workers():
    code = "import oxarray as ox; print(ox.get_num_threads())"
    env = {k: v for k, v in os.environ.items() if k not in ("OXARRAY_NUM_THREADS", "OMP_NUM_THREADS")}
    out = subprocess.run([sys.executable, "-c", code], env=dict(env, OMP_NUM_THREADS="1"), capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"
    out = subprocess.run([sys.executable, "-c", code], env=dict(env, OMP_NUM_THREADS="3,1"), capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "3"
    both_set = dict(env, OMP_NUM_THREADS="1", OXARRAY_NUM_THREADS="2")
    out = subprocess.run([sys.executable, "-c", code], env=both_set, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "2"  # oxarray's own variable wins
