"""Exceptions and warnings of oxarray, shaped like ``numpy.exceptions``."""

__all__ = ["AxisError", "ComplexWarning", "UFuncTypeError"]


class AxisError(ValueError, IndexError):
    """An axis argument is out of range for the array's number of dimensions.

    Subclasses both ``ValueError`` and ``IndexError``, as NumPy's ``AxisError`` does.
    """


class ComplexWarning(RuntimeWarning):
    """A complex value was cast to a real type and lost its imaginary part."""


class UFuncTypeError(TypeError):
    """A ufunc has no loop for the operand dtypes, or an operand cannot be cast to the
    chosen loop under the casting rule (``int_array += 1.5``). A ``TypeError``, like
    NumPy's ``numpy._core._exceptions.UFuncTypeError``."""
