"""Issue 8, classes 2, 5 and 6: foreign dtypes, the caller's exception, argument validation.

Each behaviour is checked against NumPy doing the same thing.
"""

import io
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from conftest import assert_same, raises_like


def outcome(f):
    """('ok', shape, dtype) or (exception type name,)."""
    try:
        r = f()
    except Exception as e:  # noqa: BLE001 - the type is what we compare
        return (type(e).__name__,)
    return ("ok", tuple(getattr(r, "shape", ())), str(getattr(r, "dtype", type(r).__name__)))


# -- class 6: shapes ----------------------------------------------------------------------

class Index3:
    def __index__(self):
        return 3


class Boom(Exception):
    pass


class IndexBoom:
    def __index__(self):
        raise Boom("index")


SHAPES = [
    "(True, 2)", "True", "{1: 2}", "None", "2.0", "(2.0,)", "[2, 3]", "M.int8(3)", "'3'",
    "(2**63,)", "2**63", "2**64", "(-1,)", "(-1, 2)", "Index3()", "(Index3(),)", "[[2]]",
    "range(3)", "(M.bool_(True),)", "M.float64(2)", "((),)", "Fraction(2)", "()", "[]",
    "M.array(3)", "M.array([2, 3])", "(2**62, 4)", "M.array(True)",
]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("func", ["M.zeros({})", "M.empty({})", "M.ones({}, dtype='i1')",
                                  "M.full({}, 7)", "M.ones(6).reshape({})"])
def test_shape_arguments_like_numpy(func, shape):
    env = {"Index3": Index3, "Fraction": Fraction}
    n = outcome(lambda: eval(func.format(shape), {**env, "M": np}))
    o = outcome(lambda: eval(func.format(shape), {**env, "M": ox}))
    assert n[0] == o[0], (n, o)
    if n[0] == "ok":
        assert n[1] == o[1], (n, o)


@pytest.mark.parametrize("call", ["M.zeros(IndexBoom())", "M.zeros((IndexBoom(), 2))",
                                  "M.ones(3).reshape(IndexBoom())"])
def test_shape_keeps_callers_exception(call):
    for m in (np, ox):
        with pytest.raises(Boom):
            eval(call, {"M": m, "IndexBoom": IndexBoom})


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.integers(-3, 5), st.booleans(), st.floats(0, 4),
                          st.just(2**63)), max_size=4))
def test_shape_lists_hypothesis(dims):
    n = outcome(lambda: np.zeros(tuple(dims)))
    o = outcome(lambda: ox.zeros(tuple(dims)))
    assert n == o


# -- class 6: arange, signature, reduceat, mean(where=) -----------------------------------

@pytest.mark.parametrize("call", [
    "M.arange(2**64)", "M.arange(0, 10, float('inf'))", "M.arange(0, 10, -float('inf'))",
    "M.arange(float('inf'))", "M.arange(0, float('nan'))", "M.arange(5, 0, float('inf'))",
    "M.arange(-10, 0, float('inf'))", "M.arange(0, 1e-300, 1e300)", "M.arange(0, 10, 0)",
    "M.arange(2**64, 0)", "M.arange(0, -2**64)",
])
def test_arange_lengths(call):
    n = outcome(lambda: eval(call, {"M": np}))
    o = outcome(lambda: eval(call, {"M": ox}))
    assert n == o, (n, o)
    if n[0] == "ok":
        assert_same(eval(call, {"M": ox}), eval(call, {"M": np}))


@pytest.mark.parametrize("sig", [
    "('f8',)", "(None,)", "('f8', 'f8')", "('f8', 'f8', 'f8', 'f8')", "'d'", "'dd'",
    "'dd->d'", "'d->dd'", "'ddd'", "M.float64", "3", "(None, None, 'f8')", "b'dd->d'",
])
def test_ufunc_signature_argument(sig):
    call = f"M.add(M.ones(2), 1, signature={sig})"
    n = outcome(lambda: eval(call, {"M": np}))
    o = outcome(lambda: eval(call, {"M": ox}))
    assert n == o, (n, o)


@pytest.mark.parametrize("idx", ["3", "[3]", "[1.0]", "[[1]]", "[5]", "[-1]", "[0, 2]",
                                 "[True]", "[]"])
def test_reduceat_indices(idx):
    call = f"M.add.reduceat(M.arange(5), {idx})"
    n = outcome(lambda: eval(call, {"M": np}))
    o = outcome(lambda: eval(call, {"M": ox}))
    assert n[0] == o[0], (n, o)
    if n[0] == "ok":
        assert_same(eval(call, {"M": ox}), eval(call, {"M": np}))


def test_mean_with_empty_where():
    a, b = np.arange(5.0), ox.arange(5.0)
    with pytest.warns(RuntimeWarning):
        expected = np.mean(a, where=a > 100)
    with pytest.warns(RuntimeWarning):
        got = ox.mean(b, where=b > 100)
    assert_same(got, expected)


# -- class 2: foreign dtypes on every import path ----------------------------------------

def _npy(dt) -> bytes:
    buf = io.BytesIO()
    np.save(buf, np.zeros(2, dt), allow_pickle=True)
    return buf.getvalue()


def _iface(typestr: str):
    data = np.zeros(4, "i8")
    return type("Iface", (), {"__array_interface__": {
        "shape": (2,), "typestr": typestr, "data": (data.ctypes.data, False), "version": 3,
    }, "_keep": data})()


FOREIGN = {
    "datetime64 scalar": lambda: np.datetime64(1, "s"),
    "timedelta64 scalar": lambda: np.timedelta64(1, "s"),
    "longdouble scalar": lambda: np.longdouble(1),
    "datetime64 array": lambda: np.array([1, 2], "M8[s]"),
    "struct array": lambda: np.zeros(2, [("a", "i4")]),
    "longdouble array": lambda: np.zeros(2, np.longdouble),
    "memoryview of struct": lambda: memoryview(np.zeros(2, [("a", "i4"), ("b", "f8")])),
    "memoryview of longdouble": lambda: memoryview(np.zeros(2, np.longdouble)),
    "interface M8": lambda: _iface("<M8[s]"),
    "interface f16": lambda: _iface("<f16"),
}


@pytest.mark.parametrize("name", sorted(FOREIGN))
@pytest.mark.parametrize("how", ["array", "asarray", "in_list", "as_operand"])
def test_foreign_dtypes_are_refused(name, how):
    obj = FOREIGN[name]()
    call = {
        "array": lambda: ox.array(obj),
        "asarray": lambda: ox.asarray(obj),
        "in_list": lambda: ox.array([obj, obj]),
        "as_operand": lambda: ox.add(ox.zeros(()), obj),
    }[how]
    with pytest.raises((TypeError, ValueError, BufferError)):
        call()


# (Unstructured void, "V4", is NumPy's void dtype, which oxarray has: test_buffer.py.)
@pytest.mark.parametrize("dt", ["M8[s]", "O", [("a", "i4")], np.longdouble])
def test_npy_with_foreign_descr_is_refused(dt):
    with pytest.raises((TypeError, ValueError)):
        ox.load(io.BytesIO(_npy(dt)))


def test_dlpack_foreign_dtype_is_refused():
    with pytest.raises((TypeError, ValueError, BufferError, RuntimeError)):
        ox.from_dlpack(np.zeros(2, "M8[s]"))


# -- class 5: the caller's exception, unchanged -------------------------------------------

def _raiser(name: str, **extra):
    def boom(self, *args):
        raise Boom(name)
    return type("Obj_" + name.strip("_"), (), {name: boom, **extra})()


def _raising_property():
    def get(self):
        raise Boom("property")
    return property(get)


CONVERSIONS = {
    "__float__": ["f8", "f4", "c16"],
    "__int__": ["i8", "u1"],
    "__index__": ["i8", "f8", "c16"],
    "__complex__": ["c16", "c8"],
    "__bool__": ["?"],
}


@pytest.mark.parametrize("method,dtype", [(m, d) for m, ds in CONVERSIONS.items() for d in ds])
def test_conversion_methods_keep_exception(method, dtype):
    obj = _raiser(method)
    for call in (lambda m: m.array([obj], dtype=dtype),
                 lambda m: m.zeros(2, dtype=dtype).__setitem__(0, obj),
                 lambda m: m.full(2, obj, dtype=dtype)):
        with pytest.raises(Boom):
            call(np)
        with pytest.raises(Boom) as info:
            call(ox)
        assert info.value.__traceback__ is not None


@pytest.mark.parametrize("method,dtype", [("__int__", "f8"), ("__complex__", "f8"),
                                          ("__float__", "i8"), ("__int__", "c16"),
                                          ("__bool__", "f8")])
def test_conversion_without_the_right_method_is_type_error(method, dtype):
    obj = _raiser(method)
    raises_like(lambda: np.array([obj], dtype=dtype), lambda: ox.array([obj], dtype=dtype))


def test_array_protocols_keep_exception():
    arr_method = _raiser("__array__")
    iface = type("Iface", (), {"__array_interface__": _raising_property()})()
    for obj in (arr_method, iface):
        for m in (np, ox):
            for call in (lambda: m.asarray(obj), lambda: m.array([obj]),
                         lambda: m.array([obj], dtype="f8")):
                with pytest.raises(Boom):
                    call()


def test_fractions_and_decimals_convert():
    from decimal import Decimal
    for obj, dt in [(Fraction(1, 2), "f8"), (Fraction(7, 2), "c16"), (Decimal("2.5"), "f4"),
                    (Fraction(9, 2), "i8"), (Decimal("3"), "u2"), (Fraction(0), "?")]:
        assert_same(ox.array([obj, obj], dtype=dt), np.array([obj, obj], dtype=dt))


class Seq:
    """A user sequence (the sequence protocol, not a list)."""

    def __init__(self, items, fail_at=None):
        self.items, self.fail_at = items, fail_at

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        if i == self.fail_at:
            raise Boom("getitem")
        return self.items[i]


def test_user_sequences_are_nested_like_lists():
    for obj, dt in [(Seq([1, 2, 3]), None), (Seq([Seq([1.5, 2]), [3, 4]]), None),
                    (Seq([1, 2]), "f4"), ([Seq([1, 2]), Seq([3, 4])], "c16")]:
        assert_same(ox.array(obj, dtype=dt), np.array(obj, dtype=dt))
    raises_like(lambda: np.array([Seq([1, 2]), Seq([3])], dtype="f8"),
                lambda: ox.array([Seq([1, 2]), Seq([3])], dtype="f8"))


def test_user_sequence_getitem_exception_passes_through():
    for m in (np, ox):
        for call in (lambda: m.array(Seq([1, 2], fail_at=1)),
                     lambda: m.array([Seq([1, 2], fail_at=0)], dtype="f8"),
                     lambda: m.add(m.zeros(2), Seq([1, 2], fail_at=1))):
            with pytest.raises(Boom):
                call()
