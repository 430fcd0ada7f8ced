"""Order statistics of object arrays: ``median``, ``quantile`` and their ``nan*`` forms.

The core's selection (``oxarray_core::ops::stats``) reads numbers; the items of an object
array are Python objects, which NumPy orders and combines with its own Python code over
``partition``, ``take``, ``mean`` and the ufuncs. This module is that code (NumPy 2.x's
``_median``, ``_quantile``, ``_lerp``, ``_get_indexes`` and the ``nan*`` 1-d paths of
``numpy/lib/_function_base_impl.py`` and ``_nanfunctions_impl.py``) over oxarray's
equivalents, so the result objects and their types are NumPy's: ``partition`` orders the
items by the object compare route (NumPy's ``OBJECT_compare``), ``mean`` divides a Python
sum by an ``intp`` count, and ``_lerp`` combines the Python objects with the object loops
(``Fraction`` quantiles give ``float``s, ``int`` medians ``float64``).

Where oxarray's engine rule differs (a ufunc of 0-d arrays gives a 0-d array, where NumPy
gives a scalar unless ``out=...``), the code below keeps NumPy's ``out=...`` result: an
array of the loop's dtype.
"""

from __future__ import annotations

import operator
import warnings
from typing import Any

import oxarray as _c  # the package (bound now, its names read at call time)

from ._core import asarray, ndarray
from .exceptions import AxisError

_range = range


def _norm_axes(axis: Any, nd: int) -> tuple[int, ...]:
    if not isinstance(axis, (tuple, list)):
        axis = (axis,)
    out = []
    for a in axis:
        a = operator.index(a)
        if not -nd <= a < nd:
            raise AxisError(f"axis {a} is out of bounds for array of dimension {nd}")
        out.append(a % nd)
    if len(set(out)) != len(out):
        raise ValueError("repeated axis")
    return tuple(out)


def _ureduce(a: Any, func: Any, keepdims: bool = False, **kwargs: Any) -> Any:
    """NumPy's ``_ureduce``: several axes merged into one last axis, ``keepdims``."""
    a = asarray(a)
    axis = kwargs.get("axis")
    out = kwargs.get("out")
    nd = a.ndim
    if axis is not None:
        axis = _norm_axes(axis, nd)
        if keepdims and out is not None:
            index_out = tuple(0 if i in axis else slice(None) for i in _range(nd))
            kwargs["out"] = out[(Ellipsis,) + index_out]
        if len(axis) == 1:
            kwargs["axis"] = axis[0]
        else:
            keep = sorted(set(_range(nd)) - set(axis))
            nkeep = len(keep)

            def reshape_arr(x: Any) -> Any:
                x = _c.moveaxis(x, keep, list(_range(nkeep)))
                return x.reshape(x.shape[:nkeep] + (-1,))

            a = reshape_arr(a)
            weights = kwargs.get("weights")
            if weights is not None:
                kwargs["weights"] = reshape_arr(weights)
            kwargs["axis"] = -1
    elif keepdims and out is not None:
        kwargs["out"] = out[(Ellipsis,) + (0,) * nd]
    r = func(a, **kwargs)
    if out is not None:
        return out
    if keepdims:
        if axis is None:
            index_r: tuple[Any, ...] = (None,) * nd
        else:
            index_r = tuple(None if i in axis else slice(None) for i in _range(nd))
        r = r[(Ellipsis,) + index_r]
    return r


def _as_result_array(r: Any, *operands: Any) -> Any:
    """A ufunc result as NumPy's ``out=...`` gives it: an array of the loop's dtype. An
    all-scalar call returns a scalar here; an object operand (an object array, or a
    Python object that is no number) means the object loop ran."""
    if isinstance(r, ndarray):
        return r
    for o in operands:
        if isinstance(o, ndarray):
            if o.dtype == object:
                return asarray(r, dtype=object)
        elif not isinstance(o, (bool, int, float, complex)) and not hasattr(o, "dtype"):
            return asarray(r, dtype=object)
    return asarray(r)


def _partition_in_place(a: Any, kth: Any, axis: Any) -> None:
    # NumPy's partition returns an empty array without checking `kth`.
    if a.size:
        a.partition(kth, axis=axis)


# ---------------------------------------------------------------------------------------
# median


def _median(a: Any, axis: Any = None, out: Any = None, overwrite_input: bool = False) -> Any:
    a = asarray(a)
    sz = a.size if axis is None else a.shape[axis]
    if sz % 2 == 0:
        szh = sz // 2
        kth = [szh - 1, szh]
    else:
        kth = [(sz - 1) // 2]
    # Objects have no NaN check (NumPy's `supports_nans` is false for them).
    part = a.flatten() if axis is None else a.copy()
    _partition_in_place(part, kth, 0 if axis is None else axis)
    if part.shape == ():
        return part.item()
    if axis is None:
        axis = 0
    indexer: list[Any] = [slice(None)] * part.ndim
    index = part.shape[axis] // 2
    if part.shape[axis] % 2 == 1:
        indexer[axis] = slice(index, index + 1)
    else:
        indexer[axis] = slice(index - 1, index + 1)
    # `mean` in both cases, as NumPy's, for the result type.
    kw = {} if out is None else {"out": out}
    return part[tuple(indexer)].mean(axis=axis, **kw)


def median(a: Any, axis: Any = None, out: Any = None, keepdims: bool = False) -> Any:
    """``numpy.median`` of an object array."""
    return _ureduce(a, func=_median, keepdims=keepdims, axis=axis, out=out)


# ---------------------------------------------------------------------------------------
# quantile


def _compute_virtual_index(n: Any, quantiles: Any, alpha: float, beta: float) -> Any:
    return n * quantiles + (alpha + quantiles * (1 - alpha - beta)) - 1


def _get_gamma_mask(shape: Any, default_value: Any, conditioned_value: Any, where: Any) -> Any:
    out = _c.full(shape, default_value)
    _c.copyto(out, conditioned_value, where=where, casting="unsafe")
    return out


def _discrete_interpolation_to_boundaries(index: Any, gamma_condition_fun: Any) -> Any:
    previous = asarray(_c.floor(index))
    nxt = previous + 1
    gamma = index - previous
    res = _get_gamma_mask(shape=index.shape, default_value=nxt, conditioned_value=previous,
                          where=gamma_condition_fun(gamma, index)).astype(_c.intp)
    res[res < 0] = 0
    return res


def _closest_observation(n: Any, quantiles: Any) -> Any:
    def gamma_fun(gamma: Any, index: Any) -> Any:
        return (gamma == 0) & (asarray(_c.floor(index)) % 2 == 1)

    return _discrete_interpolation_to_boundaries((n * quantiles) - 1 - 0.5, gamma_fun)


def _inverted_cdf(n: Any, quantiles: Any) -> Any:
    return _discrete_interpolation_to_boundaries((n * quantiles) - 1,
                                                 lambda gamma, _: gamma == 0)


def _same(gamma: Any, _: Any) -> Any:
    return gamma


# NumPy's `_QuantileMethods`: (virtual index, gamma fix or None for the discrete ones).
_METHODS: dict[str, tuple[Any, Any]] = {
    "inverted_cdf": (_inverted_cdf, None),
    "averaged_inverted_cdf": (
        lambda n, q: (n * q) - 1,
        lambda gamma, _: _get_gamma_mask(shape=gamma.shape, default_value=1.0,
                                         conditioned_value=0.5, where=gamma == 0)),
    "closest_observation": (_closest_observation, None),
    "interpolated_inverted_cdf": (lambda n, q: _compute_virtual_index(n, q, 0, 1), _same),
    "hazen": (lambda n, q: _compute_virtual_index(n, q, 0.5, 0.5), _same),
    "weibull": (lambda n, q: _compute_virtual_index(n, q, 0, 0), _same),
    "linear": (lambda n, q: (n - 1) * q, _same),
    "median_unbiased": (lambda n, q: _compute_virtual_index(n, q, 1 / 3.0, 1 / 3.0), _same),
    "normal_unbiased": (lambda n, q: _compute_virtual_index(n, q, 3 / 8.0, 3 / 8.0), _same),
    "lower": (lambda n, q: asarray(_c.floor((n - 1) * q)).astype(_c.intp), None),
    "higher": (lambda n, q: asarray(_c.ceil((n - 1) * q)).astype(_c.intp), None),
    "midpoint": (
        lambda n, q: 0.5 * (_c.floor((n - 1) * q) + _c.ceil((n - 1) * q)),
        lambda gamma, index: _get_gamma_mask(shape=gamma.shape, default_value=0.5,
                                             conditioned_value=0.0, where=index % 1 == 0)),
    "nearest": (lambda n, q: asarray(_c.around((n - 1) * q)).astype(_c.intp), None),
}


def _get_gamma(virtual_indexes: Any, previous_indexes: Any, fix_gamma: Any) -> Any:
    gamma = asarray(virtual_indexes - previous_indexes)
    gamma = fix_gamma(gamma, virtual_indexes)
    return asarray(gamma, dtype=virtual_indexes.dtype)


def _lerp(a: Any, b: Any, t: Any, out: Any = None) -> Any:
    diff_b_a = b - a
    d = diff_b_a * t
    if out is None:
        lerp_interpolation = _as_result_array(_c.add(a, d), a, d)
    else:
        lerp_interpolation = _c.add(a, d, out=out)
    _c.subtract(b, diff_b_a * (1 - t), out=lerp_interpolation, where=t >= 0.5,
                casting="unsafe", dtype=lerp_interpolation.dtype)
    if lerp_interpolation.ndim == 0 and out is None:
        lerp_interpolation = lerp_interpolation[()]
    return lerp_interpolation


def _get_indexes(arr: Any, virtual_indexes: Any, valid_values_count: int) -> tuple[Any, Any]:
    previous_indexes = asarray(_c.floor(virtual_indexes))
    next_indexes = asarray(_c.add(previous_indexes, 1))
    indexes_above_bounds = virtual_indexes >= valid_values_count - 1
    if asarray(indexes_above_bounds).any():
        previous_indexes[indexes_above_bounds] = -1
        next_indexes[indexes_above_bounds] = -1
    indexes_below_bounds = virtual_indexes < 0
    if asarray(indexes_below_bounds).any():
        previous_indexes[indexes_below_bounds] = 0
        next_indexes[indexes_below_bounds] = 0
    return previous_indexes.astype(_c.intp), next_indexes.astype(_c.intp)


def _quantile(arr: Any, quantiles: Any, axis: int = -1, method: str = "linear",
              out: Any = None, weights: Any = None, weak_q: bool = False) -> Any:
    arr = asarray(arr)
    values_count = arr.shape[axis]
    if axis != 0:
        arr = _c.moveaxis(arr, axis, 0)
    if weights is None:
        try:
            get_virtual_index, fix_gamma = _METHODS[method]
        except KeyError:
            raise ValueError(f"{method!r} is not a valid method. Use one of: "
                             f"{_METHODS.keys()}") from None
        virtual_indexes = asarray(get_virtual_index(values_count, quantiles))
        if fix_gamma is None:
            supports_integers = True
        else:
            supports_integers = method == "linear" and virtual_indexes.dtype.kind in "iu"
        if supports_integers:
            _partition_in_place(arr, virtual_indexes.ravel(), 0)
            kw = {} if out is None else {"out": out}
            result = _c.take(arr, virtual_indexes, axis=0, **kw)
        else:
            previous_indexes, next_indexes = _get_indexes(arr, virtual_indexes, values_count)
            _partition_in_place(arr, _c.unique(_c.concatenate((
                asarray([0, -1]), previous_indexes.ravel(), next_indexes.ravel()))), 0)
            previous = arr[previous_indexes]
            nxt = arr[next_indexes]
            gamma = _get_gamma(virtual_indexes, previous_indexes, fix_gamma)
            if weak_q:
                gamma = float(gamma)
            else:
                gamma = gamma.reshape(virtual_indexes.shape + (1,) * (arr.ndim - 1))
            result = _lerp(previous, nxt, gamma, out=out)
        return result
    # The weighted `inverted_cdf` (NumPy's loop over the other axes).
    weights = asarray(weights)
    if axis != 0:
        weights = _c.moveaxis(weights, axis, 0)
    index_array = _c.argsort(arr, axis=0)
    arr = _c.take_along_axis(arr, index_array, axis=0)
    if weights.shape == arr.shape:
        weights = _c.take_along_axis(weights, index_array, axis=0)
    else:
        weights = weights.reshape(-1)[index_array, ...]
    cdf = weights.cumsum(axis=0, dtype=_c.float64)
    cdf /= cdf[-1, ...]
    if asarray(_c.isnan(cdf[-1])).any():
        raise ValueError("Weights included NaN, inf or were all zero.")
    if quantiles.dtype.kind == "f":
        cdf = cdf.astype(quantiles.dtype)
    if asarray(cdf[0, ...] == 0).any():
        cdf[cdf == 0] = -1

    def find_cdf_1d(a1: Any, c1: Any) -> Any:
        indices = _c.searchsorted(c1, quantiles, side="left")
        indices = _c.minimum(indices, values_count - 1)
        return _c.take(a1, indices, axis=0)

    r_shape = tuple(arr.shape[1:])
    if quantiles.ndim > 0:
        r_shape = tuple(quantiles.shape) + r_shape
    if out is None:
        result = _c.empty(r_shape, dtype=arr.dtype)
    else:
        if tuple(out.shape) != r_shape:
            raise ValueError(f"Wrong shape of argument 'out', shape={r_shape} is "
                             f"required; got shape={out.shape}.")
        result = out
    for kk in _c.ndindex(*arr.shape[1:]):
        result[(Ellipsis,) + kk] = find_cdf_1d(arr[(slice(None),) + kk],
                                               cdf[(slice(None),) + kk])
    if result.shape == () and result.dtype == object:
        result = result.item()
    return result


def _quantile_ureduce_func(a: Any, q: Any, weights: Any, axis: Any = None, out: Any = None,
                           method: str = "linear", weak_q: bool = False) -> Any:
    if q.ndim > 2:
        raise ValueError("q must be a scalar or 1d")
    if axis is None:
        axis = 0
        arr = a.flatten()
        wgt = None if weights is None else weights.flatten()
    else:
        arr = a.copy()
        wgt = weights
    return _quantile(arr, quantiles=q, axis=axis, method=method, out=out, weights=wgt,
                     weak_q=weak_q)


def quantile(a: Any, q: Any, axis: Any, out: Any, method: str, keepdims: bool,
             weights: Any, weak_q: bool) -> Any:
    """``numpy.quantile`` of an object array (``q`` an array already checked)."""
    return _ureduce(a, func=_quantile_ureduce_func, q=q, weights=weights, keepdims=keepdims,
                    axis=axis, out=out, method=method, weak_q=weak_q)


# ---------------------------------------------------------------------------------------
# nan* forms


def _remove_nan_1d(arr1d: Any, second_arr1d: Any = None) -> tuple[Any, Any]:
    # Objects have no `isnan`: NumPy guesses with `x != x` (gh-9009).
    c = _c.not_equal(arr1d, arr1d, dtype=bool)
    s = _c.nonzero(c)[0]
    if s.size == arr1d.size:
        warnings.warn("All-NaN slice encountered", RuntimeWarning, stacklevel=6)
        return arr1d[:0], None if second_arr1d is None else second_arr1d[:0]
    if s.size == 0:
        return arr1d, second_arr1d
    arr1d = arr1d.copy()
    enonan = arr1d[-s.size:][~c[-s.size:]]
    arr1d[s[:enonan.size]] = enonan
    if second_arr1d is None:
        return arr1d[:-s.size], None
    second_arr1d = second_arr1d.copy()
    enonan = second_arr1d[-s.size:][~c[-s.size:]]
    second_arr1d[s[:enonan.size]] = enonan
    return arr1d[:-s.size], second_arr1d[:-s.size]


def _nanmedian1d(arr1d: Any) -> Any:
    parsed, _ = _remove_nan_1d(arr1d)
    if parsed.size == 0:
        return arr1d[-1]
    return median(parsed)


def _nanmedian(a: Any, axis: Any = None, out: Any = None) -> Any:
    if axis is None or a.ndim == 1:
        part = a.ravel()
        if out is None:
            return _nanmedian1d(part)
        out[...] = _nanmedian1d(part)
        return out
    if a.shape[axis] < 600:
        # NumPy's small-lane path masks `isnan(a)`, which objects refuse (`TypeError`).
        _c.isnan(a)
    result = _c.apply_along_axis(_nanmedian1d, axis, a)
    if out is not None:
        out[...] = result
    return result


def nanmedian(a: Any, axis: Any = None, out: Any = None, keepdims: bool = False) -> Any:
    """``numpy.nanmedian`` of a non-empty object array."""
    return _ureduce(a, func=_nanmedian, keepdims=keepdims, axis=axis, out=out)


def _nanquantile_1d(arr1d: Any, q: Any, method: str = "linear", weights: Any = None,
                    weak_q: bool = False) -> Any:
    arr1d, weights = _remove_nan_1d(arr1d, second_arr1d=weights)
    if arr1d.size == 0:
        return _c.full(q.shape, float("nan"), dtype=arr1d.dtype)[()]
    return quantile(arr1d, q, None, None, method, False, weights, weak_q)


def _nanquantile_ureduce_func(a: Any, q: Any, weights: Any, axis: Any = None, out: Any = None,
                              method: str = "linear", weak_q: bool = False) -> Any:
    if axis is None or a.ndim == 1:
        part = a.ravel()
        wgt = None if weights is None else weights.ravel()
        result = _nanquantile_1d(part, q, method, weights=wgt, weak_q=weak_q)
    elif weights is None:
        result = _c.apply_along_axis(_nanquantile_1d, axis, a, q, method, None, weak_q)
        if q.ndim != 0:
            from_ax = [axis + i for i in _range(q.ndim)]
            result = _c.moveaxis(result, from_ax, list(_range(q.ndim)))
    else:
        a = _c.moveaxis(a, axis, -1)
        weights = _c.moveaxis(weights, axis, -1)
        result = out if out is not None else _c.empty(tuple(q.shape) + tuple(a.shape[:-1]),
                                                      dtype=a.dtype)
        for ii in _c.ndindex(*a.shape[:-1]):
            result[(Ellipsis,) + ii] = _nanquantile_1d(a[ii], q, weights=weights[ii],
                                                       method=method, weak_q=weak_q)
        return result
    if out is not None:
        out[...] = result
    return result


def nanquantile(a: Any, q: Any, axis: Any, out: Any, method: str, keepdims: bool,
                weights: Any, weak_q: bool) -> Any:
    """``numpy.nanquantile`` of a non-empty object array (``q`` checked)."""
    return _ureduce(a, func=_nanquantile_ureduce_func, q=q, weights=weights,
                    keepdims=keepdims, axis=axis, out=out, method=method, weak_q=weak_q)
