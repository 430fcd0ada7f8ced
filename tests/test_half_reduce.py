"""float16 add/multiply reductions accumulate in float32 within a run, as NumPy's loops do."""

import numpy as np
import pytest

import oxarray as ox

from conftest import assert_same


def test_prod_does_not_overflow_in_float16_midway():
    a = np.array([[[2, 2, 2], [4, 4, 4]], [[4, 4, 8], [0, 0, 0]]], dtype=np.float16)
    assert_same(ox.prod(ox.asarray(a)), np.prod(a))


@pytest.mark.parametrize("n", [1, 7, 8, 9, 127, 128, 129, 1000, 9000])
@pytest.mark.parametrize("name", ["sum", "prod"])
def test_float16_reductions_bit_identical(name, n):
    x = np.random.default_rng(n).uniform(0.5, 1.5, n).astype(np.float16)
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        expected = getattr(np, name)(x)
        got = getattr(ox, name)(ox.asarray(x))
    assert_same(got, expected)
