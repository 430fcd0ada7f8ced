"""Floating-point flags of scalar operators as NumPy 2.4's, where its scalar math and its
array loops differ: complex scalar orderings are quiet (its arrays warn "invalid" for a
NaN part), float16 scalar `x % 0` also reports division by zero (its arrays do not), a
complex power with an exponent beyond the integer range is quiet, and `float64 *
complex64` (promoted to complex128, NumPy's array loop, fused) raises nothing for inf*nan.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest

import oxarray as ox

VALS = [0, 1, -1, 2.5, float("inf"), float("nan"), 1e300, 1j, complex("nan+1j")]
OPS = ["<", "<=", ">", ">=", "==", "!=", "*", "%", "**", "/"]
TYPES = ["bool", "float16", "float32", "float64", "complex64", "complex128", "int8", "int64", "uint64"]


def _outcome(f):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            r = f()
        except Exception as e:  # noqa: BLE001 - the exception type is compared
            return ("raised", type(e).__name__)
    return (repr(r).replace("np.", "").replace("oxarray.", ""), sorted(str(x.message) for x in w))


@pytest.mark.parametrize("t1", TYPES)
def test_scalar_operator_flags_match_numpy(t1: str) -> None:
    checked = 0
    for t2, op, a, b in itertools.product(TYPES + ["py"], OPS, VALS, VALS):
        res = []
        for lib in (np, ox):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    x = lib.dtype(t1).type(a)
                    y = b if t2 == "py" else lib.dtype(t2).type(b)
                except Exception:  # noqa: BLE001 - value not representable: skip the pair
                    res.append(None)
                    continue
            res.append(_outcome(lambda: eval(f"x {op} y")))  # noqa: S307
        if None in res:
            continue
        checked += 1
        assert res[1] == res[0], (t1, t2, a, op, b)
    assert checked > 1000


@pytest.mark.parametrize("dt", ["complex64", "complex128"])
def test_complex_array_power_flags(dt: str) -> None:
    for base, e in itertools.product([1 + 0j, 2 + 1j, 0.5j], [1e300, -1e19, 9.3e18, 1e18, 150.0, 2.5, float("nan")]):
        n = _outcome(lambda: np.array([base], dt) ** np.array([complex(e, 0)], dt))
        o = _outcome(lambda: ox.array([base], dt) ** ox.array([complex(e, 0)], dt))
        assert o == n, (base, e)
