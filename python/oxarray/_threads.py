"""oxarray namespace: thread controls.

``set_num_threads``/``get_num_threads`` (in the Rust core: one process-wide setting,
initially ``OXARRAY_NUM_THREADS`` or the number of CPUs), the context manager
:class:`num_threads`, and a `threadpoolctl <https://github.com/joblib/threadpoolctl>`_
controller, so that ``threadpoolctl.threadpool_limits(1)`` limits oxarray as it limits
BLAS and OpenMP. The controller is registered when threadpoolctl is imported (now, if it
already is, else by a one-shot import hook), so importing oxarray never imports it.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from types import ModuleType, TracebackType
from typing import Any, Sequence

from ._core import get_num_threads, set_num_threads

__all__ = ["get_num_threads", "num_threads", "set_num_threads"]


class num_threads:
    """num_threads(n)

    Context manager: oxarray uses ``n`` threads inside the ``with`` block, and the
    previous number again after it (also when the block raises). The setting is
    process-wide, like :func:`set_num_threads`.
    """

    def __init__(self, n: int) -> None:
        self._n = n
        self._prev: list[int] = []

    def __enter__(self) -> num_threads:
        self._prev.append(set_num_threads(self._n))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        set_num_threads(self._prev.pop())


def _get_num_threads(self: Any) -> int:
    return int(self.dynlib.oxarray_get_num_threads())


def _set_num_threads(self: Any, num_threads: int) -> int:
    return int(self.dynlib.oxarray_set_num_threads(int(num_threads)))


def _get_version(self: Any) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("oxarray")
    except PackageNotFoundError:
        return None


def _controller_class(threadpoolctl: Any) -> type:
    """The threadpoolctl ``LibController`` for oxarray's extension module: found among the
    loaded libraries by its filename (``_core...``) and told apart from other ``_core``
    modules by the C symbols it exports (built with ``type`` because its base class comes
    from threadpoolctl, imported only when the user imports it)."""
    return type(
        "OxarrayController",
        (threadpoolctl.LibController,),
        {
            "user_api": "oxarray",
            "internal_api": "oxarray",
            "filename_prefixes": ("_core",),
            "check_symbols": ("oxarray_get_num_threads", "oxarray_set_num_threads"),
            "get_num_threads": _get_num_threads,
            "set_num_threads": _set_num_threads,
            "get_version": _get_version,
        },
    )


_registered = False


def _register(threadpoolctl: ModuleType) -> None:
    global _registered
    if _registered or not hasattr(threadpoolctl, "register"):
        return  # threadpoolctl < 3 has no controller registry
    _registered = True
    threadpoolctl.register(_controller_class(threadpoolctl))


class _RegisterOnImport(importlib.abc.MetaPathFinder):
    """Finds nothing itself: when ``threadpoolctl`` is about to be imported, wraps its
    loader so that oxarray's controller is registered right after the module runs."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != "threadpoolctl":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        exec_module = loader.exec_module

        def exec_and_register(module: ModuleType) -> None:
            exec_module(module)
            _register(module)

        loader.exec_module = exec_and_register  # type: ignore[method-assign]
        return spec


if "threadpoolctl" in sys.modules:
    _register(sys.modules["threadpoolctl"])
else:
    sys.meta_path.insert(0, _RegisterOnImport())
