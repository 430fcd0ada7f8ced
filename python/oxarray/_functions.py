"""Module-level functions that are thin wrappers over ndarray methods."""

from ._core import asarray, ndarray

__all__ = ["ndim", "ravel", "reshape", "shape", "size", "squeeze", "swapaxes", "transpose"]


def _arr(a):
    return a if isinstance(a, ndarray) else asarray(a)


def reshape(a, /, shape=None, order="C", *, newshape=None, copy=None):
    """Give a new shape to an array without changing its data (a view when possible)."""
    if shape is None:
        if newshape is None:
            raise TypeError("reshape() missing 1 required positional argument: 'shape'")
        shape = newshape
    elif newshape is not None:
        raise TypeError("You cannot specify 'newshape' and 'shape' arguments at the same time.")
    return _arr(a).reshape(shape, order=order, copy=copy)


def transpose(a, axes=None):
    """Permute the axes of an array (reverse them by default)."""
    return _arr(a).transpose(axes)


def swapaxes(a, axis1, axis2):
    """Interchange two axes of an array."""
    return _arr(a).swapaxes(axis1, axis2)


def squeeze(a, axis=None):
    """Remove axes of length one."""
    return _arr(a).squeeze(axis)


def ravel(a, order="C"):
    """A contiguous flattened array (a view when possible)."""
    return _arr(a).ravel(order)


def shape(a):
    """The shape of an array."""
    return _arr(a).shape


def ndim(a):
    """The number of dimensions of an array."""
    return _arr(a).ndim


def size(a, axis=None):
    """The number of elements, in total or along one axis."""
    a = _arr(a)
    return a.size if axis is None else a.shape[axis]

