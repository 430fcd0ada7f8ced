"""NumPy's ``__array_ufunc__`` protocol for ``oxarray.ndarray``.

``numpy.add(x, y)``, ``numpy.sin(x)``, ``numpy_array + x`` and the ufunc methods
(``numpy.add.reduce(x)``, ``.accumulate``, ``.outer``, ``.at``, ...) with an oxarray operand
run oxarray's ufunc of the same name and return oxarray arrays. NumPy arrays among the
operands are viewed without copying; NumPy arrays given as ``out=`` are written in place
(through a zero-copy view) and returned as they were given, as NumPy's protocol asks.
A ufunc or method oxarray lacks raises ``TypeError`` naming it.
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
