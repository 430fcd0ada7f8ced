"""NumPy's __array_function__ protocol: numpy.<func>(oxarray_array) runs oxarray's function
and returns oxarray arrays with NumPy's answers; unimplemented functions raise TypeError
naming the function."""

import io

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import oxarray as ox
from conftest import assert_same, to_numpy

CASES = [
    ("reshape", ((3, 4),), {}),
    ("reshape", ((4, -1),), {"order": "F"}),
    ("transpose", (), {}),
    ("transpose", ((2, 0, 1),), {}),
    ("ravel", (), {}),
    ("ravel", (), {"order": "F"}),
    ("squeeze", (), {}),
    ("swapaxes", (0, 2), {}),
    ("moveaxis", (0, -1), {}),
    ("broadcast_to", ((3, 2, 3, 2),), {}),
    ("expand_dims", (1,), {}),
    ("flip", (), {}),
    ("flip", (), {"axis": 1}),
    ("copy", (), {}),
    ("zeros_like", (), {}),
    ("ones_like", (), {"dtype": "float32"}),
    ("full_like", (7,), {}),
    ("empty_like", (), {}),
    ("permute_dims", ((1, 0, 2),), {}),
]


def _arg():
    return np.arange(12, dtype="int32").reshape(2, 3, 2)


@pytest.mark.parametrize("name,args,kwargs", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_numpy_functions_dispatch_to_oxarray(name, args, kwargs):
    func = getattr(np, name)
    n = _arg()
    o = ox.asarray(n.copy())
    got = func(o, *args, **kwargs)
    expect = func(n, *args, **kwargs)
    assert isinstance(got, ox.ndarray)
    if name == "empty_like":
        assert got.shape == expect.shape and got.dtype.str == expect.dtype.str
    else:
        assert_same(got, expect)


@pytest.mark.parametrize("name", ["ndim", "shape", "size"])
def test_scalar_results(name):
    n = _arg()
    assert getattr(np, name)(ox.asarray(n)) == getattr(np, name)(n)


def test_views_stay_views():
    o = ox.arange(6.0)
    r = np.reshape(o, (2, 3))
    r[0, 0] = 99.0
    assert o[0] == 99.0


def test_mixed_numpy_and_oxarray_arguments():
    o, n = ox.arange(3.0), np.zeros((2, 1))
    got = np.broadcast_arrays(o, n)
    expect = np.broadcast_arrays(np.arange(3.0), n)
    assert len(got) == len(expect)
    for g, e in zip(got, expect):
        assert isinstance(g, ox.ndarray)
        assert_same(g, e)


def test_unimplemented_function_names_itself():
    o = ox.arange(4.0)
    candidates = {
        "datetime_as_string": (o,),
        "busday_count": (o, o),
        "is_busday": (o,),
    }
    missing = [c for c in candidates if hasattr(np, c) and not hasattr(ox, c)]
    assert missing
    for name in missing:
        with pytest.raises(TypeError, match=rf"numpy\.{name}\b"):
            getattr(np, name)(*candidates[name])


def test_submodule_functions_are_not_taken_for_top_level_ones():
    # numpy.linalg.X goes to oxarray.linalg.X (issue 11), never to a top-level namesake;
    # a submodule function oxarray lacks raises TypeError.
    assert np.linalg.norm(ox.arange(3.0)) == ox.linalg.norm(ox.arange(3.0))
    with pytest.raises(TypeError, match="numpy.sqrt"):
        np.emath.sqrt(ox.arange(3.0))  # numpy.emath.sqrt: oxarray has no emath
    # numpy.lib.stride_tricks.X goes to oxarray.lib.stride_tricks.X (issue 15).
    w = np.lib.stride_tricks.sliding_window_view(ox.arange(4.0), 2)
    assert isinstance(w, ox.ndarray) and w.shape == (3, 2)


def test_foreign_types_defer():
    class Other:
        def __array_function__(self, func, types, args, kwargs):
            return "other"

    # With an unknown participating type, oxarray returns NotImplemented and NumPy asks
    # the other type, as the protocol specifies.
    assert np.reshape(Other(), (1,)) == "other"
    assert np.concatenate([ox.arange(2.0), Other()]) == "other"


def test_save_dispatches_to_oxarray_writer():
    f = io.BytesIO()
    np.save(f, ox.arange(3))
    f.seek(0)
    back = np.load(f)
    assert back.dtype == np.arange(3).dtype and back.tolist() == [0, 1, 2]


@given(st.lists(st.integers(1, 4), min_size=1, max_size=4), st.data())
def test_reshape_and_transpose_hypothesis(shape, data):
    n = np.arange(int(np.prod(shape)), dtype="float64").reshape(shape)
    o = ox.asarray(n.copy())
    perm = tuple(data.draw(st.permutations(range(len(shape)))))
    assert_same(np.transpose(o, perm), np.transpose(n, perm))
    assert_same(np.ravel(np.transpose(o, perm)), np.ravel(np.transpose(n, perm)))
    assert to_numpy(np.reshape(o, (-1,))).tolist() == n.reshape(-1).tolist()


# ---------------------------------------------------------------------------------------
# __array_ufunc__

UFUNC_CASES = [
    ("add", 2), ("subtract", 2), ("multiply", 2), ("true_divide", 2), ("maximum", 2),
    ("less", 2), ("equal", 2), ("sin", 1), ("exp", 1), ("sqrt", 1), ("negative", 1),
    ("absolute", 1), ("isnan", 1),
]


@pytest.mark.parametrize("name,nin", UFUNC_CASES)
def test_numpy_ufuncs_run_oxarray_ufuncs(name, nin):
    n = np.linspace(0.5, 3.0, 12).reshape(3, 4)
    o = ox.asarray(n.copy())
    f = getattr(np, name)
    args_np = (n,) * nin
    args_ox = (o,) * nin
    with np.errstate(all="ignore"):
        expect = f(*args_np)
    got = f(*args_ox)
    assert isinstance(got, ox.ndarray)
    if name in ("sin", "exp"):
        # Transcendental kernels are accurate to < 1 ULP, not bit-identical to NumPy's.
        g = to_numpy(got)
        assert g.dtype == expect.dtype and g.shape == expect.shape
        assert np.allclose(g, expect, rtol=4e-16, atol=0)
    else:
        assert_same(got, expect)


@pytest.mark.parametrize("op", ["__add__", "__mul__", "__sub__", "__truediv__", "__lt__", "__eq__"])
def test_mixed_operators_return_oxarray(op):
    n = np.arange(1.0, 7.0).reshape(2, 3)
    o = ox.asarray(n.copy())
    expect = getattr(n, op)(n)
    for got in (getattr(o, op)(n), getattr(n, op)(o)):
        assert isinstance(got, ox.ndarray)
        assert_same(got, expect)


def test_ufunc_methods():
    n = np.arange(12.0).reshape(3, 4)
    o = ox.asarray(n.copy())
    assert_same(np.add.reduce(o, axis=1), np.add.reduce(n, axis=1))
    assert_same(np.multiply.accumulate(o, axis=0), np.multiply.accumulate(n, axis=0))
    assert_same(np.add.outer(o[0], o[1]), np.add.outer(n[0], n[1]))
    r = np.add.reduce(o)
    assert isinstance(r, ox.ndarray)
    s = np.add.reduce(o[0])
    assert isinstance(s, ox.generic) and s.item() == np.add.reduce(n[0]).item()
    target = np.zeros(4)
    np.add.at(target, [0, 0, 3], o[0, :3])
    assert target.tolist() == [1.0, 0.0, 0.0, 2.0]


def test_out_numpy_array_written_in_place_and_returned():
    o = ox.arange(4.0)
    out = np.zeros(4)
    r = np.add(o, 1.0, out=out)
    assert r is out
    assert out.tolist() == [1.0, 2.0, 3.0, 4.0]
    q, m = np.zeros(4), np.zeros(4)
    res = np.divmod(o, 3.0, out=(q, m))
    assert res[0] is q and res[1] is m
    assert q.tolist() == [0.0, 0.0, 0.0, 1.0] and m.tolist() == [0.0, 1.0, 2.0, 0.0]


def test_reductions_through_array_function():
    n = np.arange(12.0).reshape(3, 4)
    o = ox.asarray(n.copy())
    for name in ["sum", "prod", "min", "max", "mean", "any", "all", "cumsum"]:
        f = getattr(np, name)
        got = f(o, axis=0)
        assert isinstance(got, ox.ndarray)
        assert_same(got, f(n, axis=0))
    assert np.sum(o).item() == np.sum(n).item()


def test_unimplemented_ufunc_names_itself():
    missing = [n for n in ["isnat", "vecdot", "matvec", "vecmat"] if not isinstance(getattr(ox, n, None), ox.ufunc)]
    assert missing
    with pytest.raises(TypeError, match=rf"numpy\.{missing[0]}"):
        getattr(np, missing[0])(ox.arange(3.0), *((ox.arange(3.0),) if missing[0] != "isnat" else ()))


def test_ufunc_defers_to_other_overrides():
    class Other:
        def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
            return "other"

    assert np.add(ox.arange(2.0), Other()) == "other"


def test_shares_memory_works_on_oxarray_arrays():
    n = np.arange(10.0)
    o = ox.asarray(n)
    assert np.shares_memory(o, n) and np.shares_memory(n, o)
    assert np.shares_memory(o[::2], n[::2])
    assert not np.shares_memory(o[::2], n[1::2])
    assert not np.shares_memory(ox.asarray(n.copy()), n)
