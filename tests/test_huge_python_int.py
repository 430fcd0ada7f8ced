"""Python ints beyond both int64 and uint64 as ufunc operands (NEP 50 weak ints).

NumPy converts such an int only into float and complex loops (``float32_array * 10**20``
works), raises ``OverflowError`` for integer loops, and answers comparisons with integer
arrays exactly. Every case is checked against NumPy itself, warnings included.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from conftest import assert_same, raises_like

HUGE = st.one_of(st.integers(2**64, 2**1100), st.integers(-(2**1100), -(2**63) - 1))
DTYPES = ["bool", "int8", "uint8", "int64", "uint64", "float16", "float32", "float64",
          "complex64", "complex128"]
BINARY = ["add", "subtract", "multiply", "true_divide", "maximum", "less", "greater_equal",
          "equal", "not_equal", "power", "arctan2"]


def _outcome(call):
    """(result, None, warning messages) or (None, exception, warnings)."""
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            r = call()
        except Exception as e:  # noqa: BLE001 - compared with NumPy's
            return None, e, []
    return r, None, sorted(str(x.message) for x in w)


def _check(np_call, ox_call):
    nr, ne, nw = _outcome(np_call)
    orr, oe, ow = _outcome(ox_call)
    if ne is not None:
        assert oe is not None, (ne, orr)
        raises_like(np_call, ox_call)
        return
    assert oe is None, (oe, nr)
    if isinstance(nr, np.generic) and isinstance(orr, ox.ndarray):
        # A 0-d array operand gives a 0-d array here ("0-d in, 0-d out",
        # docs/differences.md) where NumPy gives a scalar: same value and dtype.
        assert orr.ndim == 0
        nr = np.asarray(nr)
    assert_same(orr, nr)
    assert ow == nw


@settings(max_examples=150, deadline=None)
@given(v=HUGE, dtype=st.sampled_from(DTYPES), name=st.sampled_from(BINARY),
       left=st.booleans(), zero_d=st.booleans())
def test_array_op_huge_int(v: int, dtype: str, name: str, left: bool, zero_d: bool) -> None:
    shape = () if zero_d else (3,)
    na = np.full(shape, 3, dtype=dtype)
    oa = ox.asarray(na)
    nf, of = getattr(np, name), getattr(ox, name)
    if left:
        _check(lambda: nf(v, na), lambda: of(v, oa))
    else:
        _check(lambda: nf(na, v), lambda: of(oa, v))


@settings(max_examples=100, deadline=None)
@given(v=HUGE, dtype=st.sampled_from(DTYPES), op=st.sampled_from(["+", "-", "*", "/", "<", "==", ">="]))
def test_scalar_op_huge_int(v: int, dtype: str, op: str) -> None:
    ns, os_ = np.dtype(dtype).type(3), ox.dtype(dtype).type(3)
    _check(lambda: eval(f"ns {op} v"), lambda: eval(f"os_ {op} v"))
    _check(lambda: eval(f"v {op} ns"), lambda: eval(f"v {op} os_"))


@pytest.mark.parametrize(
    "expr",
    [
        "lib.array([1.0], lib.float32) * 10**20",
        "lib.array([1.5], lib.float16) * 2**70",
        "lib.array([1j]) + 2**70",
        "lib.array([1.0]) + 10**400",
        "lib.float32(1) + 10**400",
        "lib.array([True]) + 2**70",
        "lib.array([1], lib.int64) * 10**20",
        "lib.array([1], lib.uint64) == 2**70",
        "lib.array([1], lib.int8) > -(2**70)",
        "lib.add(lib.array([1.0]), 2**70, dtype=lib.int64)",
        "lib.add(lib.array([1.0]), 2**70, dtype=lib.float32)",
        "lib.multiply(lib.array([1.0, 2.0]), 2**70, out=lib.zeros(2, lib.float32))",
        "lib.add(lib.array([1.0, 2.0]), 2**70, where=lib.array([True, False]), out=lib.zeros(2))",
    ],
)
def test_huge_int_cases(expr: str) -> None:
    _check(lambda: eval(expr, {"lib": np}), lambda: eval(expr, {"lib": ox}))


def test_huge_int_in_ufunc_at() -> None:
    na, oa = np.zeros(3), ox.zeros(3)
    np.add.at(na, [0, 2], 2**70)
    ox.add.at(oa, [0, 2], 2**70)
    assert_same(oa, na)
    ni, oi = np.zeros(3, np.int64), ox.zeros(3, ox.int64)
    raises_like(lambda: np.add.at(ni, [0], 2**70), lambda: ox.add.at(oi, [0], 2**70))
