"""NumPy's ``__array_function__`` protocol for ``oxarray.ndarray``.

``numpy.reshape(x, ...)`` with an oxarray ``x`` runs ``oxarray.reshape``: a NumPy function
of the top-level ``numpy`` namespace is mapped to the oxarray function of the same name when
oxarray implements it, and ``numpy.linalg.X`` / ``numpy.fft.X`` to ``oxarray.linalg.X`` /
``oxarray.fft.X``. A NumPy function oxarray does not implement raises ``TypeError``
naming it (rather than silently converting to NumPy and returning a NumPy array).
"""

from __future__ import annotations

from typing import Any


def _implementation(func: Any) -> Any:
    import oxarray

    name = getattr(func, "__name__", None)
    module = getattr(func, "__module__", None) or ""
    if name is None or not (module == "numpy" or module.startswith("numpy.")):
        return None
    import numpy

    # ``numpy.linalg.X`` -> ``oxarray.linalg.X``, ``numpy.fft.X`` -> ``oxarray.fft.X``, ``numpy.lib.stride_tricks.X`` likewise (when
    # oxarray has it: looked up by name, so a namespace filled in later is found too).
    for sub in ("linalg", "fft", "lib.stride_tricks"):
        np_sub: Any = numpy
        ox_sub: Any = oxarray
        for part in sub.split("."):
            np_sub = getattr(np_sub, part, None)
            ox_sub = getattr(ox_sub, part, None)
        if np_sub is not None and getattr(np_sub, name, None) is func:
            impl = getattr(ox_sub, name, None)
            if impl is not None and callable(impl) and not isinstance(impl, type):
                return impl
    # Otherwise only top-level NumPy functions share oxarray's names and meanings.
    if getattr(numpy, name, None) is not func:
        return None
    impl = getattr(oxarray, name, None)
    if impl is None or isinstance(impl, type) or not callable(impl):
        return None
    return impl


#: NumPy functions that only inspect memory: they run as NumPy's own implementation on
#: zero-copy NumPy views of the oxarray arguments (the answer is about the same bytes).
_ON_NUMPY_VIEWS = {"shares_memory"}


def array_function(func: Any, types: Any, args: tuple, kwargs: dict) -> Any:
    import numpy

    import oxarray

    for t in types:
        if not (issubclass(t, oxarray.ndarray) or issubclass(t, numpy.ndarray)):
            return NotImplemented
    name = getattr(func, "__name__", None)
    numpy_impl = getattr(func, "_implementation", None)
    if name in _ON_NUMPY_VIEWS and numpy_impl is not None and getattr(numpy, name, None) is func:
        views = [numpy.asarray(a) if isinstance(a, oxarray.ndarray) else a for a in args]
        return numpy_impl(*views, **kwargs)
    impl = _implementation(func)
    if impl is None:
        name = getattr(func, "__name__", repr(func))
        raise TypeError(
            f"oxarray does not implement numpy.{name}; convert explicitly with "
            f"numpy.asarray(x) to use NumPy's version"
        )
    return impl(*args, **kwargs)
