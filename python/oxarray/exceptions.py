"""Exceptions and warnings of oxarray, shaped like ``numpy.exceptions``."""

__all__ = ["AxisError", "ComplexWarning"]


class AxisError(ValueError, IndexError):
    """An axis argument is out of range for the array's number of dimensions.

    Subclasses both ``ValueError`` and ``IndexError``, as NumPy's ``AxisError`` does.
    """


class ComplexWarning(RuntimeWarning):
    """A complex value was cast to a real type and lost its imaginary part."""
