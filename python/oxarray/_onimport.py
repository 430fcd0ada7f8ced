"""Run a function right after a module is imported, or now if it already is.

oxarray registers itself with other libraries (threadpoolctl's controller registry,
dask's dispatch tables) without importing them: :func:`when_imported` runs the
registration at once when the module is already imported, else a meta-path finder
(:class:`_Finder`, first on ``sys.meta_path`` while some hook is pending) wraps the
module's loader so that the hooks run right after the module has executed. The finder
finds nothing itself (the other finders find the module, as they would without it) and
removes itself once no hook is pending.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import threading
from types import ModuleType
from typing import Callable, Sequence

__all__: list[str] = []

_lock = threading.RLock()
_pending: dict[str, list[Callable[[ModuleType], None]]] = {}


def when_imported(name: str, hook: Callable[[ModuleType], None]) -> None:
    """Call ``hook(module)`` once module ``name`` has been imported (now if it has)."""
    with _lock:
        mod = sys.modules.get(name)
        if mod is not None and getattr(getattr(mod, "__spec__", None), "_initializing", False) is False:
            hook(mod)
            return
        _pending.setdefault(name, []).append(hook)
        if not any(isinstance(f, _Finder) for f in sys.meta_path):
            sys.meta_path.insert(0, _Finder())


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in _pending:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        exec_module = getattr(loader, "exec_module", None)
        if exec_module is None:
            return spec

        def exec_and_run_hooks(module: ModuleType) -> None:
            exec_module(module)
            with _lock:
                hooks = _pending.pop(fullname, [])
                if not _pending and self in sys.meta_path:
                    sys.meta_path.remove(self)
            for hook in hooks:
                hook(module)

        loader.exec_module = exec_and_run_hooks  # type: ignore[union-attr,method-assign]
        return spec
