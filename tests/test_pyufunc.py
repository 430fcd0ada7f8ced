"""Ufuncs defined in Python (issue 14, part 6): ``oxarray.ufunc(name, nin, nout, loops)``
and ``ufunc.register_loop``, with loops that are vectorised Python callables over 1-d
runs or C function pointers of NumPy's loop signature. Each behaves as a built-in ufunc
(broadcasting, casting, ``out=``, ``where=``, reduce/accumulate/outer/at), checked
against the NumPy ufunc that computes the same thing."""

import ctypes
import gc
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import oxarray as ox


def _hypot(x, y):
    return ox.sqrt(x * x + y * y)


HYPOT = ox.ufunc("hypot2", 2, 1, {"ff->f": _hypot, "dd->d": _hypot}, doc="hypot in Python")
ADD = ox.ufunc(
    "add2",
    2,
    1,
    {"ll->l": lambda x, y: x + y, (ox.float64, ox.float64, ox.float64): lambda x, y: x + y},
    identity=0,
)


def test_attributes():
    assert isinstance(HYPOT, ox.ufunc)
    assert (HYPOT.__name__, HYPOT.nin, HYPOT.nout, HYPOT.nargs, HYPOT.ntypes) == ("hypot2", 2, 1, 3, 2)
    assert HYPOT.identity is None and ADD.identity == 0
    assert "hypot2" in repr(HYPOT)


@settings(max_examples=40, deadline=None)
@given(
    shapes=hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=5),
    # (NumPy's hypot has a float16 loop that int8/uint8/bool would pick; HYPOT has none.)
    dtype=st.sampled_from(["float32", "float64", "int16", "int32", "int64"]),
    data=st.data(),
)
def test_broadcast_and_cast_like_numpy(shapes, dtype, data):
    # x*x + y*y in the loop: keep the squares finite.
    el = hnp.from_dtype(np.dtype(dtype), min_value=-1000, max_value=1000)
    if np.dtype(dtype).kind == "f":
        el = hnp.from_dtype(np.dtype(dtype), min_value=-1e3, max_value=1e3, allow_nan=False)
    a = data.draw(hnp.arrays(dtype, shapes.input_shapes[0], elements=el))
    b = data.draw(hnp.arrays(dtype, shapes.input_shapes[1], elements=el))
    # NumPy's hypot picks the same loop dtype; the loop's own arithmetic done by NumPy in
    # that dtype is the expected value, bit for bit.
    dt = np.hypot(a, b).dtype
    x, y = a.astype(dt), b.astype(dt)
    with np.errstate(all="ignore"):
        want = np.sqrt(x * x + y * y)
    with ox.errstate(all="ignore"):
        got = HYPOT(ox.asarray(a), ox.asarray(b))
    assert isinstance(got, ox.ndarray)
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(np.asarray(got), want)


def test_strided_out_where_and_python_scalars():
    rng = np.random.default_rng(1)
    a = rng.random((6, 8))
    oa = ox.asarray(a)
    np.testing.assert_allclose(np.asarray(HYPOT(oa[::2, ::-3], 2.0)), np.hypot(a[::2, ::-3], 2.0))
    out_np = np.full((6, 8), -1.0)
    out_ox = ox.asarray(out_np.copy())
    mask = (np.arange(8) % 3) == 0
    np.hypot(a, a, out=out_np, where=mask)
    r = HYPOT(oa, oa, out=out_ox, where=ox.asarray(mask))
    assert r is out_ox
    np.testing.assert_allclose(np.asarray(out_ox), out_np)
    # 0-d inputs give a scalar, as a built-in ufunc
    s = HYPOT(ox.float64(3.0), 4.0)
    assert float(s) == 5.0 and np.ndim(s) == 0


def test_methods_like_numpy():
    a = np.arange(24, dtype=np.int64).reshape(4, 6)
    oa = ox.asarray(a)
    for axis in (0, 1, None):
        got, want = ADD.reduce(oa, axis=axis), np.add.reduce(a, axis=axis)
        np.testing.assert_array_equal(np.asarray(got), want)
        assert np.asarray(got).dtype == want.dtype
    np.testing.assert_array_equal(np.asarray(ADD.accumulate(oa, axis=1)), np.add.accumulate(a, axis=1))
    np.testing.assert_array_equal(np.asarray(ADD.outer(oa[0], oa[1])), np.add.outer(a[0], a[1]))
    x_np, x_ox = np.zeros(5, np.int64), ox.zeros(5, dtype="int64")
    idx = [0, 1, 1, 4, 4, 4]
    np.add.at(x_np, idx, 2)
    ADD.at(x_ox, ox.asarray(idx), 2)
    np.testing.assert_array_equal(np.asarray(x_ox), x_np)
    # empty reduction takes the identity
    assert int(ADD.reduce(ox.zeros(0, dtype="int64"))) == 0
    f = np.random.default_rng(2).random(50)
    np.testing.assert_allclose(float(ADD.reduce(ox.asarray(f))), f.sum(), rtol=1e-13)


def test_two_outputs():
    dm = ox.ufunc("divmod2", 2, 2, {"ll->ll": lambda x, y: (x // y, x % y)})
    a, b = np.arange(-7, 8, dtype=np.int64), np.int64(3)
    q, r = dm(ox.asarray(a), 3)
    wq, wr = np.divmod(a, b)
    np.testing.assert_array_equal(np.asarray(q), wq)
    np.testing.assert_array_equal(np.asarray(r), wr)
    bad = ox.ufunc("divmod3", 2, 2, {"ll->ll": lambda x, y: x // y})
    with pytest.raises(TypeError, match="tuple of 2 outputs"):
        bad(ox.asarray(a), 3)


class MyError(Exception):
    pass


def test_exception_reaches_caller_unchanged():
    seen = []

    def boom(x):
        e = MyError("from the loop")
        seen.append(e)
        raise e

    u = ox.ufunc("boom", 1, 1, {"d->d": boom})
    with pytest.raises(MyError) as info:
        u(ox.arange(5.0))
    assert info.value is seen[0]


def test_no_loop_and_bad_results():
    with pytest.raises(TypeError) as np_info:
        np.hypot(np.ones(2, complex), 1)
    with pytest.raises(type(np_info.value)) as info:
        HYPOT(ox.ones(2, dtype="complex128"), 1)
    assert "hypot2" in str(info.value) and "complex128" in str(info.value)
    u = ox.ufunc("tocomplex", 1, 1, {"d->d": lambda x: x + 1j})
    with pytest.raises(TypeError, match="same_kind"):
        u(ox.arange(3.0))
    v = ox.ufunc("badshape", 1, 1, {"d->d": lambda x: ox.zeros(x.shape[0] + 1)})
    with pytest.raises(ValueError):
        v(ox.arange(3.0))


def test_construction_errors():
    with pytest.raises(ValueError):
        ox.ufunc("x", 1, 0, {})
    with pytest.raises(TypeError):
        ox.ufunc("x", 1, 1, {"d->d": 3.5})
    with pytest.raises(TypeError):
        ox.ufunc("x", 1, 1, {"dd->d": abs})
    with pytest.raises(TypeError):
        ox.ufunc("x", 1, 1, {"d->d": abs}, identity="zero")
    u = ox.ufunc("x", 1, 1, {"d->d": abs})
    with pytest.raises(ValueError, match="already has a loop"):
        u.register_loop("d->d", abs)
    with pytest.raises(ValueError):
        u.register_loop("f->f", abs, data=8)


def test_register_loop_adds_dtypes():
    u = ox.ufunc("negate", 1, 1, {"l->l": lambda x: -x})
    with pytest.raises(TypeError):
        u(ox.arange(3.0))
    u.register_loop((ox.float64, ox.float64), lambda x: -x)
    np.testing.assert_array_equal(np.asarray(u(ox.arange(3.0))), -np.arange(3.0))
    assert u.ntypes == 2


def test_inputs_are_copies_the_loop_may_keep():
    kept = []

    def keep(x):
        kept.append(x)
        return x * 2

    u = ox.ufunc("keep", 1, 1, {"d->d": keep})
    a = ox.arange(6.0)
    u(a[::2])
    a[...] = 100.0
    gc.collect()
    np.testing.assert_array_equal(np.asarray(kept[0]), [0.0, 2.0, 4.0])


def test_refcounts_do_not_leak():
    f = lambda x: x + 1.0  # noqa: E731
    u = ox.ufunc("inc", 1, 1, {"d->d": f})
    a = ox.arange(10.0)
    u(a)
    before = (sys.getrefcount(f), sys.getrefcount(a))
    for _ in range(2000):
        u(a)
    assert (sys.getrefcount(f), sys.getrefcount(a)) == before


def test_large_call_threads_and_gil():
    # Above the GIL-release and thread thresholds: the loop runs on the calling thread,
    # taking the GIL back for each run.
    n = 1_000_003
    a = np.random.default_rng(3).random(n)
    calls = []

    def sq(x):
        calls.append(len(x))
        return x * x

    u = ox.ufunc("sq", 1, 1, {"d->d": sq})
    with ox.num_threads(2):
        got = u(ox.asarray(a))
    np.testing.assert_array_equal(np.asarray(got), a * a)
    assert sum(calls) == n


LOOP = ctypes.CFUNCTYPE(
    None,
    ctypes.POINTER(ctypes.c_void_p),
    ctypes.POINTER(ctypes.c_ssize_t),
    ctypes.POINTER(ctypes.c_ssize_t),
    ctypes.c_void_p,
)


@LOOP
def _fma_loop(args, dims, steps, data):
    # out = x * y + k, with k the double at `data`
    k = ctypes.c_double.from_address(data).value
    for i in range(dims[0]):
        x = ctypes.c_double.from_address(args[0] + i * steps[0]).value
        y = ctypes.c_double.from_address(args[1] + i * steps[1]).value
        ctypes.c_double.from_address(args[2] + i * steps[2]).value = x * y + k


_K = ctypes.c_double(0.5)


@pytest.mark.parametrize("as_int", [False, True])
def test_c_function_pointer_loop(as_int):
    u = ox.ufunc("fma_c", 2, 1, {})
    func = ctypes.cast(_fma_loop, ctypes.c_void_p).value if as_int else _fma_loop
    u.register_loop("dd->d", func, data=ctypes.addressof(_K))
    a = np.arange(12.0).reshape(3, 4)
    b = np.linspace(-1, 1, 4)
    got = u(ox.asarray(a)[:, ::-1], ox.asarray(b))
    np.testing.assert_array_equal(np.asarray(got), a[:, ::-1] * b + 0.5)
    # an int input casts safely to the double loop
    np.testing.assert_array_equal(np.asarray(u(ox.arange(4), 2.0)), np.arange(4) * 2.0 + 0.5)


def test_select_rule():
    calls = []

    def select(*ops):
        calls.append(ops)
        if any(o is float or (isinstance(o, ox.dtype) and o.kind == "f") for o in ops):
            return "dd->d"
        return None

    u = ox.ufunc(
        "mix",
        2,
        1,
        {"ll->l": lambda x, y: x * 10 + y, "dd->d": lambda x, y: x * 100 + y},
        select=select,
    )
    a = ox.arange(3, dtype="int32")
    r = u(a, a)  # select declines: the linear search takes ll->l
    assert r.dtype == ox.int64
    np.testing.assert_array_equal(np.asarray(r), np.arange(3) * 11)
    r = u(a, 0.5)  # a weak Python float: select sees `float`
    assert r.dtype == ox.float64
    np.testing.assert_array_equal(np.asarray(r), np.arange(3) * 100 + 0.5)
    assert (ox.int32, float) in [tuple(c) for c in calls]
    n = len(calls)
    u(a, 0.5)
    u(a, 1.5)
    assert len(calls) == n  # one resolution per dtype combination, cached
    # float32 casts safely to the float64 loop the rule names; a forced cast does not
    r = u(ox.ones(3, dtype="float32"), a)
    assert r.dtype == ox.float64
    with pytest.raises(TypeError):
        u(ox.ones(3, dtype="complex64"), a)


def test_select_errors():
    class SelectError(Exception):
        pass

    def bad(*ops):
        raise SelectError("no")

    u = ox.ufunc("s1", 1, 1, {"d->d": lambda x: x}, select=bad)
    with pytest.raises(SelectError):
        u(ox.arange(2.0))
    v = ox.ufunc("s2", 1, 1, {"d->d": lambda x: x}, select=lambda *o: "f->f")
    with pytest.raises(TypeError, match="does not have"):
        v(ox.arange(2.0))
    with pytest.raises(TypeError):
        ox.ufunc("s3", 1, 1, {"d->d": abs}, select=3)


@settings(max_examples=25, deadline=None)
@given(
    batch=hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=2, max_side=4),
    n=st.integers(0, 5),
    m=st.integers(1, 4),
    data=st.data(),
)
def test_generalized_python_loops(batch, n, m, data):
    el = st.floats(-100, 100)
    a = data.draw(hnp.arrays(np.float64, batch.input_shapes[0] + (n,), elements=el))
    b = data.draw(hnp.arrays(np.float64, batch.input_shapes[1] + (n,), elements=el))
    inner = ox.ufunc("inner1", 2, 1, {"dd->d": lambda x, y: (x * y).sum(axis=-1)}, signature="(n),(n)->()")
    assert inner.signature == "(n),(n)->()"
    got = inner(ox.asarray(a), ox.asarray(b))
    want = np.vecdot(a, b)
    assert np.shape(got) == want.shape
    np.testing.assert_allclose(np.asarray(got), want, rtol=1e-12, atol=1e-9)
    A = data.draw(hnp.arrays(np.float64, batch.input_shapes[0] + (m, n), elements=el))
    mv = ox.ufunc("matvec1", 2, 1, {"dd->d": lambda A, x: (A @ x[..., None])[..., 0]}, signature="(m,n),(n)->(m)")
    got = mv(ox.asarray(A), ox.asarray(b))
    want = np.matvec(A, b)
    assert np.shape(got) == want.shape
    np.testing.assert_allclose(np.asarray(got), want, rtol=1e-12, atol=1e-9)


def test_generalized_errors():
    inner = ox.ufunc("inner2", 2, 1, {"dd->d": lambda x, y: (x * y).sum(axis=-1)}, signature="(n),(n)->()")
    with pytest.raises(ValueError) as np_info:
        np.vecdot(np.ones(3), np.ones(4))
    with pytest.raises(type(np_info.value)):
        inner(ox.ones(3), ox.ones(4))
    with pytest.raises(ValueError, match="flexible"):
        ox.ufunc("mm", 2, 1, {"dd->d": abs}, signature="(n?,k),(k,m?)->(n?,m?)")
    with pytest.raises(ValueError):
        ox.ufunc("bad", 2, 1, {"dd->d": abs}, signature="(n),(n)")


@LOOP
def _sum_core_loop(args, dims, steps, data):
    # "(n)->()": NumPy's gufunc convention (dims = [len, n], steps = [in, out, in core])
    for i in range(dims[0]):
        t = 0.0
        for j in range(dims[1]):
            t += ctypes.c_double.from_address(args[0] + i * steps[0] + j * steps[2]).value
        ctypes.c_double.from_address(args[1] + i * steps[1]).value = t


def test_generalized_c_loop():
    u = ox.ufunc("sumcore", 1, 1, {}, signature="(n)->()")
    u.register_loop("d->d", _sum_core_loop)
    a = np.arange(24.0).reshape(2, 3, 4)
    got = u(ox.asarray(a)[:, ::-1, ::2])
    np.testing.assert_array_equal(np.asarray(got), a[:, ::-1, ::2].sum(axis=-1))


def test_python_loops_do_not_leak():
    # Memory stays flat over 1e5 calls, half of them raising (ru_maxrss: the high-water
    # mark, so any growth would show).
    resource = pytest.importorskip("resource")

    class E(Exception):
        pass

    def bad(x):
        raise E("x")

    u = ox.ufunc("inc2", 1, 1, {"d->d": lambda x: x + 1.0})
    v = ox.ufunc("bad2", 1, 1, {"d->d": bad})
    a = ox.arange(100.0)

    def run(k):
        for _ in range(k):
            u(a)
            try:
                v(a)
            except E:
                pass

    run(5000)
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    run(50000)
    gc.collect()
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 4096, grown_kb
