"""Module-level reductions (``oxarray.sum(a, ...)`` and friends).

Each converts its input with :func:`asarray` and calls the ``ndarray`` method of the same
name, which does the work in Rust; the signatures are NumPy's.
"""

from __future__ import annotations

from typing import Any

from ._core import asarray

__all__ = ["argmax", "argmin"]


def argmax(a: Any, axis: Any = None, out: Any = None, *, keepdims: bool = False) -> Any:
    """Indices of the maximum values along an axis (the first among equals; NaN wins)."""
    return asarray(a).argmax(axis, out, keepdims=keepdims)


def argmin(a: Any, axis: Any = None, out: Any = None, *, keepdims: bool = False) -> Any:
    """Indices of the minimum values along an axis (the first among equals; NaN wins)."""
    return asarray(a).argmin(axis, out, keepdims=keepdims)
