"""Crash and wrong-result cases found by the merge review, each checked against NumPy."""

import subprocess
import sys

import numpy as np
import pytest

import oxarray as ox

from conftest import to_numpy


def _odd_bools():
    raw = bytes([1, 2, 0, 3, 255, 0])
    return np.frombuffer(raw, dtype=np.bool_), ox.frombuffer(raw, dtype="bool")


@pytest.mark.parametrize("name", ["unique", "unique_values", "sort"])
def test_bool_set_ops_use_truth_values(name):
    n, o = _odd_bools()
    np.testing.assert_array_equal(to_numpy(getattr(ox, name)(o)), getattr(np, name)(n))


def test_bool_isin_and_set_functions_use_truth_values():
    n, o = _odd_bools()
    t_n, t_o = np.array([True]), ox.array([True])
    np.testing.assert_array_equal(to_numpy(ox.isin(o, t_o)), np.isin(n, t_n))
    np.testing.assert_array_equal(to_numpy(ox.intersect1d(o, t_o)), np.intersect1d(n, t_n))
    np.testing.assert_array_equal(to_numpy(ox.setdiff1d(o, t_o)), np.setdiff1d(n, t_n))


@pytest.mark.parametrize("name", ["vecdot", "dot", "vdot"])
def test_vector_products_of_odd_bool_bytes(name):
    a = bytes([2] * 100)
    b = bytes([1] * 100)
    na, nb = np.frombuffer(a, np.bool_), np.frombuffer(b, np.bool_)
    oa, ob = ox.frombuffer(a, "bool"), ox.frombuffer(b, "bool")
    assert bool(getattr(ox, name)(oa, ob)) == bool(getattr(np, name)(na, nb))
    np.testing.assert_array_equal(
        to_numpy(ox.matvec(oa.reshape(1, 100), ob)), np.matvec(na.reshape(1, 100), nb))


@pytest.mark.parametrize("k", [2**63 - 1, 2**62, -(2**62)])
def test_tri_family_with_huge_k(k):
    np.testing.assert_array_equal(to_numpy(ox.tri(3, 3, k=k)), np.tri(3, 3, k=k))
    np.testing.assert_array_equal(to_numpy(ox.triu(ox.ones((3, 3)), k=k)), np.triu(np.ones((3, 3)), k=k))
    np.testing.assert_array_equal(to_numpy(ox.tril(ox.ones((3, 3)), k=k)), np.tril(np.ones((3, 3)), k=k))
    for a, b in zip(ox.triu_indices(3, k=k), np.triu_indices(3, k=k)):
        np.testing.assert_array_equal(to_numpy(a), b)


@pytest.mark.parametrize("code", [
    "ox.bincount(ox.array([2**40]))",
    "ox.bincount(ox.array([0]), weights=ox.array([1.0]), minlength=2**40)",
    "ox.bincount(ox.array([2**63 - 1]))",
    "ox.bincount(ox.array([], dtype='int64'), minlength=2**62)",
    "ox.histogramdd(ox.zeros((1, 3)), bins=[ox.arange(2**14 + 1)] * 3)",
    "ox.histogramdd(ox.full((1, 3), 0.5), bins=[ox.arange(2**22 + 1)] * 3)",
])
def test_huge_counts_raise_instead_of_aborting(code):
    # In a subprocess: before the fix these aborted the interpreter.
    prog = (
        "import oxarray as ox\n"
        f"try:\n    {code}\nexcept (MemoryError, ValueError) as e:\n    print('raised', type(e).__name__)\n"
    )
    r = subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "raised" in r.stdout


def test_permuted_axis_out_of_bounds():
    with pytest.raises(np.exceptions.AxisError):
        np.random.default_rng(0).permuted(np.ones((2, 2)), axis=5)
    with pytest.raises(ox.AxisError, match="axis 5 is out of bounds"):
        ox.random.default_rng(0).permuted(ox.ones((2, 2)), axis=5)
