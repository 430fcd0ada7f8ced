"""oxarray arrays inside the Array API consumer libraries: `array_api_compat` (namespace
and device helpers) and every public function of `array_api_extra`, compared with the same
call on NumPy arrays (values, dtype, shape; the result must stay an oxarray array)."""

import warnings

import numpy as np
import pytest

import oxarray as ox

compat = pytest.importorskip("array_api_compat")
xpx = pytest.importorskip("array_api_extra")


def _check_same(res_np, res_ox, rtol=1e-13):
    """`res_ox` (oxarray) equals `res_np` (NumPy): type, dtype, shape, values."""
    if isinstance(res_np, tuple):
        assert isinstance(res_ox, tuple) and len(res_ox) == len(res_np)
        for a, b in zip(res_np, res_ox):
            _check_same(a, b, rtol)
        return
    assert isinstance(res_ox, (ox.ndarray, ox.generic)), type(res_ox)
    got, want = np.asarray(res_ox), np.asarray(res_np)
    assert got.dtype == want.dtype
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=rtol, atol=0, equal_nan=True)


# ---------------------------------------------------------------- array_api_compat


def test_array_namespace_is_oxarray():
    x = ox.asarray([1.0, 2.0])
    assert compat.array_namespace(x) is ox
    assert compat.array_namespace(x, ox.asarray([1])) is ox
    assert compat.array_namespace(x, api_version="2024.12") is ox
    assert compat.array_namespace(ox.sum(x)) is ox  # a reduction's scalar too
    with pytest.raises(TypeError):
        compat.array_namespace(x, np.asarray([1.0]))  # mixed namespaces are refused


def test_scalar_array_namespace_api_version():
    s = ox.float64(1.5)
    assert s.__array_namespace__() is ox
    assert s.__array_namespace__(api_version="2025.12") is ox
    assert s.__array_namespace__(api_version=None) is ox
    with pytest.raises(ValueError):
        s.__array_namespace__(api_version="2000.01")
    with pytest.raises(ValueError):
        ox.asarray(s).__array_namespace__(api_version="2000.01")


def test_compat_helpers():
    x = ox.reshape(ox.arange(12.0), (3, 4))
    assert compat.is_array_api_obj(x)
    assert compat.is_array_api_obj(ox.float32(1))
    assert not compat.is_array_api_obj([1, 2])
    assert not compat.is_numpy_array(x)
    assert compat.device(x) == "cpu"
    assert compat.device(ox.float64(1)) == "cpu"
    y = compat.to_device(x, "cpu")
    assert isinstance(y, ox.ndarray) and compat.size(y) == 12
    assert compat.size(ox.float64(2)) == 1
    assert compat.size(ox.empty((0, 3))) == 0
    assert ox.float64(2).to_device("cpu") == 2.0
    with pytest.raises(ValueError):
        ox.float64(2).to_device("gpu")
    assert compat.is_writeable_array(x)
    assert compat.is_lazy_array(x) is False


# ---------------------------------------------------------------- array_api_extra

_A = [[1.0, 2.0, 3.0], [4.0, 5.0, 7.0], [0.5, -1.0, 2.0]]
_V = [3.0, 1.0, 2.0, 3.0, 1.0, 7.0]
_I = [3, 1, 2, 3, 1, 7]
_N = [[1.0, float("nan")], [3.0, 0.0]]

CASES = {
    "angle": lambda xp: xpx.angle(xp.asarray([1 + 1j, -1 + 0j, 2j]), xp=xp),
    "apply_where": lambda xp: xpx.apply_where(
        xp.asarray(_V) > 2, xp.asarray(_V), lambda x: x * 2, fill_value=0.0, xp=xp
    ),
    "apply_where_2": lambda xp: xpx.apply_where(
        xp.asarray(_V) > 2,
        (xp.asarray(_V), xp.asarray(_V)),
        lambda x, y: x * y,
        lambda x, y: x - y,
    ),
    "argpartition": lambda xp: xp.sort(xp.asarray(_V)[xpx.argpartition(xp.asarray(_V), 2)][:3]),
    "at_set": lambda xp: xpx.at(xp.asarray(_V))[1:3].set(9.0),
    "at_add_mask": lambda xp: xpx.at(xp.asarray(_V))[xp.asarray(_V) > 2].add(1.0, xp=xp),
    "at_set_fancy": lambda xp: xpx.at(xp.asarray(_V))[xp.asarray([0, 2])].set(0.0),
    "at_multiply": lambda xp: xpx.at(xp.asarray(_A))[0].multiply(2.0),
    "at_divide": lambda xp: xpx.at(xp.asarray(_A))[:, 1].divide(4.0),
    "at_subtract": lambda xp: xpx.at(xp.asarray(_V))[:2].subtract(2.0),
    "at_power": lambda xp: xpx.at(xp.asarray(_V))[:2].power(2.0),
    "at_min": lambda xp: xpx.at(xp.asarray(_V))[::2].min(2.0),
    "at_max": lambda xp: xpx.at(xp.asarray(_V))[::2].max(2.0),
    "atleast_nd": lambda xp: xpx.atleast_nd(xp.asarray(_V), ndim=3),
    "broadcast_shapes": lambda xp: xp.asarray(xpx.broadcast_shapes((3, 1), (1, 4), (4,))),
    "cov": lambda xp: xpx.cov(xp.asarray(_A)),
    "cov_1d": lambda xp: xpx.cov(xp.asarray(_V)),
    "create_diagonal": lambda xp: xpx.create_diagonal(xp.asarray(_V), offset=1),
    "create_diagonal_batch": lambda xp: xpx.create_diagonal(xp.asarray(_A), offset=-1),
    "default_dtype_real": lambda xp: xp.zeros(2, dtype=xpx.default_dtype(xp)),
    "default_dtype_int": lambda xp: xp.zeros(2, dtype=xpx.default_dtype(xp, "integral")),
    "default_dtype_index": lambda xp: xp.zeros(2, dtype=xpx.default_dtype(xp, "indexing")),
    "default_dtype_complex": lambda xp: xp.zeros(2, dtype=xpx.default_dtype(xp, "complex floating")),
    "deg2rad": lambda xp: xpx.deg2rad(xp.asarray(_V)),
    "rad2deg": lambda xp: xpx.rad2deg(xp.asarray(_V)),
    "diag_indices": lambda xp: xpx.diag_indices(3, xp=xp),
    "expand_dims": lambda xp: xpx.expand_dims(xp.asarray(_V), axis=(0, 2)),
    "isclose": lambda xp: xpx.isclose(xp.asarray(_V), xp.asarray(_V) + 1e-9),
    "isclose_nan": lambda xp: xpx.isclose(xp.asarray(_N), xp.asarray(_N), equal_nan=True),
    "isclose_int": lambda xp: xpx.isclose(xp.asarray(_I), xp.asarray(_I[::-1]), atol=1),
    "isin": lambda xp: xpx.isin(xp.asarray(_I), xp.asarray([1, 7])),
    "isin_invert": lambda xp: xpx.isin(xp.asarray(_I), xp.asarray([1, 7]), invert=True),
    "kron": lambda xp: xpx.kron(xp.asarray(_A), xp.asarray(_A)[:2, :2]),
    "lazy_apply": lambda xp: xpx.lazy_apply(
        np.cumsum, xp.asarray(_V), shape=(6,), dtype=xp.float64, as_numpy=True
    ),
    "lazy_apply_native": lambda xp: xpx.lazy_apply(lambda x: x * 2, xp.asarray(_V)),
    "nan_to_num": lambda xp: xpx.nan_to_num(xp.asarray([1.0, float("nan"), float("inf")])),
    "nanmax": lambda xp: xpx.nanmax(xp.asarray(_N), axis=0),
    "nanmin": lambda xp: xpx.nanmin(xp.asarray(_N), axis=0),
    "nanmean": lambda xp: xpx.nanmean(xp.asarray(_N), axis=1),
    "nansum": lambda xp: xpx.nansum(xp.asarray(_N)),
    "nunique": lambda xp: xpx.nunique(xp.asarray(_I)),
    "one_hot": lambda xp: xpx.one_hot(xp.asarray(_I), 8),
    "one_hot_axis0_f32": lambda xp: xpx.one_hot(xp.asarray(_I), 8, dtype=xp.float32, axis=0),
    "pad": lambda xp: xpx.pad(xp.asarray(_A), 2, constant_values=-1.0),
    "pad_pairs": lambda xp: xpx.pad(xp.asarray(_A), ((1, 0), (0, 2))),
    "partition": lambda xp: xp.sort(xpx.partition(xp.asarray(_V), 3)[:3]),
    "searchsorted": lambda xp: xpx.searchsorted(
        xp.asarray([1.0, 2.0, 3.0, 7.0]), xp.asarray(_V), side="right"
    ),
    "setdiff1d": lambda xp: xpx.setdiff1d(xp.asarray(_I), xp.asarray([1, 2])),
    "setdiff1d_unique": lambda xp: xpx.setdiff1d(
        xp.asarray([1, 3, 4]), xp.asarray([1, 2]), assume_unique=True
    ),
    "sinc": lambda xp: xpx.sinc(xp.asarray(_V) / 3),
    "tril_indices": lambda xp: xpx.tril_indices(4, offset=1, xp=xp),
    "triu_indices": lambda xp: xpx.triu_indices(4, offset=-1, m=3, xp=xp),
    "union1d": lambda xp: xpx.union1d(xp.asarray(_I), xp.asarray([9, 1])),
    "unravel_index": lambda xp: xpx.unravel_index(xp.asarray([5, 7]), (3, 4)),
}


def test_every_extra_function_is_covered():
    """A new `array_api_extra` function must get a case here."""
    exported = {n for n in xpx.__all__ if n not in ("__version__", "testing")}
    covered = {c for c in exported if any(k == c or k.startswith(c + "_") for k in CASES)}
    assert exported - covered == set()


@pytest.mark.parametrize("name", sorted(CASES))
def test_extra_function(name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # broadcast_shapes, expand_dims
        res_np = CASES[name](np)
        res_ox = CASES[name](ox)
    _check_same(res_np, res_ox)


def test_extra_at_copy_semantics_as_numpy():
    """copy=True leaves the input alone; the default (copy=None) writes a writeable input in
    place, for oxarray as for NumPy."""
    for xp in (np, ox):
        x = xp.asarray(_V)
        y = xpx.at(x)[0].set(-1.0, copy=True)
        assert float(x[0]) == 3.0 and float(y[0]) == -1.0
        y = xpx.at(x)[1].set(-2.0)
        assert float(x[1]) == -2.0 and float(y[1]) == -2.0
