"""oxarray namespace: thread controls.

``set_num_threads``/``get_num_threads`` (in the Rust core: one process-wide setting,
initially ``OXARRAY_NUM_THREADS`` or the number of CPUs), the context manager
:class:`num_threads`, and a `threadpoolctl <https://github.com/joblib/threadpoolctl>`_
controller, so that ``threadpoolctl.threadpool_limits(1)`` limits oxarray as it limits
BLAS and OpenMP. The controller is registered when threadpoolctl is imported (now, if it
already is, else by a one-shot import hook), so importing oxarray never imports it.
"""

from __future__ import annotations

from types import ModuleType, TracebackType
from typing import Any

from ._core import get_num_threads, set_num_threads
from ._onimport import when_imported

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


when_imported("threadpoolctl", _register)
