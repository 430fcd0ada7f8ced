"""NumPy's ``__array_ufunc__`` protocol for ``oxarray.ndarray``.

``numpy.add(x, y)``, ``numpy.sin(x)``, ``numpy_array + x`` and the ufunc methods
(``numpy.add.reduce(x)``, ``.accumulate``, ``.outer``, ``.at``, ...) with an oxarray operand
run oxarray's ufunc of the same name and return oxarray arrays. NumPy arrays among the
operands are viewed without copying; NumPy arrays given as ``out=`` are written in place
(through a zero-copy view) and returned as they were given, as NumPy's protocol asks.
A NumPy ufunc or method oxarray lacks raises ``TypeError`` naming it. A ufunc of another
library (``scipy.special.erfcinv(x)``: a ``numpy.ufunc`` that is not NumPy's own) runs
NumPy's loop on zero-copy NumPy views of the oxarray operands, as it would on NumPy arrays,
and returns oxarray arrays (a scalar when every operand was a scalar).
"""

from __future__ import annotations

from typing import Any


def _convert(x: Any) -> Any:
    import numpy

    import oxarray

    if isinstance(x, numpy.ndarray):
        return oxarray.asarray(x)
    return x


def array_ufunc(ufunc: Any, method: str, inputs: tuple, kwargs: dict | None) -> Any:
    import numpy

    import oxarray

    kwargs = dict(kwargs or {})
    out = kwargs.get("out")
    for x in inputs + tuple(out or ()):
        t = type(x)
        if getattr(t, "__array_ufunc__", None) is not None and not (
            issubclass(t, oxarray.ndarray) or issubclass(t, numpy.ndarray)
        ):
            return NotImplemented  # another array type takes part: let it answer
    name = getattr(ufunc, "__name__", repr(ufunc))
    oxu = getattr(oxarray, name, None)
    if getattr(numpy, name, None) is not ufunc and isinstance(ufunc, numpy.ufunc):
        # Another library's ufunc (scipy.special.erfcinv, ...): NumPy's own loops run it on
        # NumPy views of the operands (no copies) and the results come back as oxarray.
        return _foreign_ufunc(ufunc, method, inputs, kwargs)
    if not isinstance(oxu, oxarray.ufunc):
        raise TypeError(f"oxarray does not implement the ufunc numpy.{name}")
    impl = oxu if method == "__call__" else getattr(oxu, method, None)
    if impl is None:
        raise TypeError(f"oxarray does not implement numpy.{name}.{method}")
    args = tuple(_convert(x) for x in inputs)
    if out is not None:
        kwargs["out"] = tuple(_convert(o) for o in out)
    if "where" in kwargs:
        kwargs["where"] = _convert(kwargs["where"])
    result = impl(*args, **kwargs)
    if out is not None and method != "at":
        return out[0] if len(out) == 1 else tuple(out)
    return result


def _foreign_ufunc(ufunc: Any, method: str, inputs: tuple, kwargs: dict) -> Any:
    import numpy

    import oxarray

    def to_np(x: Any) -> Any:
        if isinstance(x, (oxarray.ndarray, oxarray.generic)):
            return numpy.asarray(x)
        return x

    all_scalars = not any(isinstance(x, (oxarray.ndarray, numpy.ndarray)) for x in inputs)
    out = kwargs.get("out")
    if out is not None:
        kwargs["out"] = tuple(to_np(o) for o in out)
    if "where" in kwargs:
        kwargs["where"] = to_np(kwargs["where"])
    impl = ufunc if method == "__call__" else getattr(ufunc, method)
    result = impl(*(to_np(x) for x in inputs), **kwargs)
    if out is not None and method != "at":
        return out[0] if len(out) == 1 else tuple(out)
    if method == "at":
        return None

    def back(r: Any) -> Any:
        if isinstance(r, (numpy.ndarray, numpy.generic)):
            a = oxarray.asarray(r)
            # oxarray's rule: a 0-d array operand gives a 0-d array; reductions give scalars.
            scalar = all_scalars if method == "__call__" else isinstance(r, numpy.generic)
            return a[()] if a.ndim == 0 and scalar else a
        return r

    return tuple(back(r) for r in result) if isinstance(result, tuple) else back(result)
