"""`oxarray.fft`: discrete Fourier transforms, NumPy 2's ``numpy.fft``.

The transforms run in Rust (``crates/oxarray-core/src/fft``, rustfft/realfft with plans
cached per length); this module only normalizes the arguments as NumPy's
``_pocketfft.py`` does and calls the one-axis primitive ``_fft_raw`` once per transformed
axis. float32 (and float16) inputs are transformed in single precision and give complex64,
as in NumPy 2.
"""

from __future__ import annotations

import math
import operator
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._core import ArrayLike

from .._core import _fft_raw, _fft_roll, _fftfreq_ints, asarray, conjugate, ndarray

__all__ = [
    "fft", "ifft", "rfft", "irfft", "hfft", "ihfft", "fft2", "ifft2", "rfft2", "irfft2",
    "fftn", "ifftn", "rfftn", "irfftn", "fftfreq", "rfftfreq", "fftshift", "ifftshift",
]

_SWAP = {"backward": "forward", None: "forward", "ortho": "ortho", "forward": "backward"}


def _swap_direction(norm: str | None) -> str:
    try:
        return _SWAP[norm]
    except KeyError:
        raise ValueError(f'Invalid norm value {norm}; should be "backward",'
                         '"ortho" or "forward".') from None


def _raw(a: ndarray, n: int, axis: int, is_real: bool, is_forward: bool, norm: str | None,
         out: Any = None) -> ndarray:
    n = operator.index(n)
    if n < 1:
        raise ValueError(f"Invalid number of FFT data points ({n}) specified.")
    if not is_forward:
        norm = _swap_direction(norm)
    if norm is None or norm == "backward":
        fct = 1.0
    elif norm == "ortho":
        fct = 1.0 / math.sqrt(n)
    elif norm == "forward":
        fct = 1.0 / n
    else:
        raise ValueError(f'Invalid norm value {norm}; should be "backward",'
                         '"ortho" or "forward".')
    if is_real:
        kind = "r2c" if is_forward else "c2r"
    else:
        kind = "c2c" if is_forward else "ic2c"
    if out is not None and not isinstance(out, ndarray):
        raise TypeError("return arrays must be of ArrayType")
    if out is not None:
        n_out = n // 2 + 1 if (is_real and is_forward) else n
        ax = axis + a.ndim if axis < 0 else axis
        if out.ndim != a.ndim or not 0 <= ax < a.ndim or out.shape[ax] != n_out:
            raise ValueError("output array has wrong shape.")
    result: ndarray = _fft_raw(a, kind, n, axis, fct, out)
    return result


def fft(a: ArrayLike, n: int | None = None, axis: int = -1, norm: str | None = None,
        out: ndarray | None = None) -> ndarray:
    """One-dimensional discrete Fourier transform."""
    a = asarray(a)
    if n is None:
        n = a.shape[axis]
    return _raw(a, n, axis, False, True, norm, out)


def ifft(a: ArrayLike, n: int | None = None, axis: int = -1, norm: str | None = None,
         out: ndarray | None = None) -> ndarray:
    """One-dimensional inverse discrete Fourier transform."""
    a = asarray(a)
    if n is None:
        n = a.shape[axis]
    return _raw(a, n, axis, False, False, norm, out)


def rfft(a: ArrayLike, n: int | None = None, axis: int = -1, norm: str | None = None,
         out: ndarray | None = None) -> ndarray:
    """One-dimensional discrete Fourier transform of real input (``n//2 + 1`` terms)."""
    a = asarray(a)
    if a.dtype.kind == "c":
        # NumPy's rfft ufunc has no complex loop; the cast to real fails.
        raise TypeError("ufunc 'rfft_n_even' did not contain a loop with signature "
                        "matching types")
    if n is None:
        n = a.shape[axis]
    return _raw(a, n, axis, True, True, norm, out)


def irfft(a: ArrayLike, n: int | None = None, axis: int = -1, norm: str | None = None,
          out: ndarray | None = None) -> ndarray:
    """Inverse of :func:`rfft`: ``n`` real points from ``n//2 + 1`` complex ones."""
    a = asarray(a)
    if n is None:
        n = (a.shape[axis] - 1) * 2
    return _raw(a, n, axis, True, False, norm, out)


def hfft(a: ArrayLike, n: int | None = None, axis: int = -1, norm: str | None = None,
         out: ndarray | None = None) -> ndarray:
    """Transform of a signal with Hermitian symmetry (a real spectrum)."""
    a = asarray(a)
    if n is None:
        n = (a.shape[axis] - 1) * 2
    new_norm = _swap_direction(norm)
    return irfft(conjugate(a), n, axis, norm=new_norm, out=out)


def ihfft(a: ArrayLike, n: int | None = None, axis: int = -1, norm: str | None = None,
          out: ndarray | None = None) -> ndarray:
    """Inverse of :func:`hfft`."""
    a = asarray(a)
    if n is None:
        n = a.shape[axis]
    new_norm = _swap_direction(norm)
    res = rfft(a, n, axis, norm=new_norm, out=out)
    result: ndarray = conjugate(res, out=res)
    return result


def _cook_nd_args(a: ndarray, s: Sequence[int] | None = None,
                  axes: Sequence[int] | None = None,
                  invreal: bool = False) -> tuple[list[int], list[int]]:
    if s is None:
        shapeless = True
        if axes is None:
            s_list: list[Any] = list(a.shape)
        else:
            s_list = [a.shape[ax] for ax in axes]
    else:
        shapeless = False
        s_list = list(s)
    if axes is None:
        if not shapeless:
            warnings.warn(
                "`axes` should not be `None` if `s` is not `None` (Deprecated in NumPy "
                "2.0). In a future version of NumPy, this will raise an error and `s[i]` "
                "will correspond to the size along the transformed axis specified by "
                "`axes[i]`. To retain current behaviour, pass a sequence [0, ..., k-1] "
                "to `axes` for an array of dimension k.", DeprecationWarning, stacklevel=3)
        axes_list = list(range(-len(s_list), 0))
    else:
        axes_list = list(axes)
    if len(s_list) != len(axes_list):
        raise ValueError("Shape and axes have different lengths.")
    if invreal and shapeless:
        s_list[-1] = (a.shape[axes_list[-1]] - 1) * 2
    if None in s_list:
        warnings.warn(
            "Passing an array containing `None` values to `s` is deprecated in NumPy 2.0 "
            "and will raise an error in a future version of NumPy. To use the default "
            "behaviour of the corresponding 1-D transform, pass the value matching the "
            "default for its `n` parameter. To use the default behaviour for every axis, "
            "the `s` argument can be omitted.", DeprecationWarning, stacklevel=3)
    s_out = [a.shape[ax] if sz == -1 else sz for sz, ax in zip(s_list, axes_list)]
    return s_out, axes_list


def _raw_nd(a: Any, s: Sequence[int] | None, axes: Sequence[int] | None, forward: bool,
            norm: str | None, out: ndarray | None) -> ndarray:
    a = asarray(a)
    s2, axes2 = _cook_nd_args(a, s, axes)
    func = fft if forward else ifft
    for ii in reversed(range(len(axes2))):
        a = func(a, n=s2[ii], axis=axes2[ii], norm=norm, out=out)
    return a


def fftn(a: ArrayLike, s: Sequence[int] | None = None, axes: Sequence[int] | None = None,
         norm: str | None = None, out: ndarray | None = None) -> ndarray:
    """N-dimensional discrete Fourier transform."""
    return _raw_nd(a, s, axes, True, norm, out)


def ifftn(a: ArrayLike, s: Sequence[int] | None = None, axes: Sequence[int] | None = None,
          norm: str | None = None, out: ndarray | None = None) -> ndarray:
    """N-dimensional inverse discrete Fourier transform."""
    return _raw_nd(a, s, axes, False, norm, out)


def fft2(a: ArrayLike, s: Sequence[int] | None = None, axes: Sequence[int] | None = (-2, -1),
         norm: str | None = None, out: ndarray | None = None) -> ndarray:
    """Two-dimensional discrete Fourier transform."""
    return _raw_nd(a, s, axes, True, norm, out)


def ifft2(a: ArrayLike, s: Sequence[int] | None = None, axes: Sequence[int] | None = (-2, -1),
          norm: str | None = None, out: ndarray | None = None) -> ndarray:
    """Two-dimensional inverse discrete Fourier transform."""
    return _raw_nd(a, s, axes, False, norm, out)


def rfftn(a: ArrayLike, s: Sequence[int] | None = None, axes: Sequence[int] | None = None,
          norm: str | None = None, out: ndarray | None = None) -> ndarray:
    """N-dimensional discrete Fourier transform of real input."""
    a = asarray(a)
    s2, axes2 = _cook_nd_args(a, s, axes)
    a = rfft(a, s2[-1], axes2[-1], norm, out=out)
    for ii in range(len(axes2) - 2, -1, -1):
        a = fft(a, s2[ii], axes2[ii], norm, out=out)
    return a


def rfft2(a: ArrayLike, s: Sequence[int] | None = None, axes: Sequence[int] | None = (-2, -1),
          norm: str | None = None, out: ndarray | None = None) -> ndarray:
    """Two-dimensional discrete Fourier transform of real input."""
    return rfftn(a, s, axes, norm, out=out)


def irfftn(a: ArrayLike, s: Sequence[int] | None = None, axes: Sequence[int] | None = None,
           norm: str | None = None, out: ndarray | None = None) -> ndarray:
    """Inverse of :func:`rfftn`."""
    a = asarray(a)
    s2, axes2 = _cook_nd_args(a, s, axes, invreal=True)
    for ii in range(len(axes2) - 1):
        a = ifft(a, s2[ii], axes2[ii], norm)
    return irfft(a, s2[-1], axes2[-1], norm, out=out)


def irfft2(a: ArrayLike, s: Sequence[int] | None = None, axes: Sequence[int] | None = (-2, -1),
           norm: str | None = None, out: ndarray | None = None) -> ndarray:
    """Inverse of :func:`rfft2`."""
    return irfftn(a, s, axes, norm, out=out)


def _shift(x: Any, axes: int | Sequence[int] | None, inverse: bool) -> ndarray:
    x = asarray(x)
    if axes is None:
        ax_list = list(range(x.ndim))
    elif isinstance(axes, int) or hasattr(axes, "__index__"):
        ax_list = [operator.index(axes)]  # type: ignore[arg-type]
    else:
        ax_list = [operator.index(ax) for ax in axes]
    shifts = [x.shape[ax] // 2 for ax in ax_list]
    if inverse:
        shifts = [-sh for sh in shifts]
    result: ndarray = _fft_roll(x, shifts, ax_list)
    return result


def fftshift(x: ArrayLike, axes: int | Sequence[int] | None = None) -> ndarray:
    """Shift the zero-frequency term to the centre of the spectrum."""
    return _shift(x, axes, False)


def ifftshift(x: ArrayLike, axes: int | Sequence[int] | None = None) -> ndarray:
    """Inverse of :func:`fftshift`."""
    return _shift(x, axes, True)


def _check_n(n: Any) -> int:
    if isinstance(n, bool) or not hasattr(n, "__index__"):
        raise ValueError("n should be an integer")
    return operator.index(n)


def fftfreq(n: int, d: float = 1.0, device: str | None = None) -> ndarray:
    """Sample frequencies of :func:`fft`: ``[0, 1, ..., -1] / (d*n)``."""
    if device not in (None, "cpu"):
        raise ValueError(f"Unsupported device {device!r}")
    n = _check_n(n)
    val = 1.0 / (n * d)
    result: ndarray = _fftfreq_ints(n, False) * val
    return result


def rfftfreq(n: int, d: float = 1.0, device: str | None = None) -> ndarray:
    """Sample frequencies of :func:`rfft`: ``[0, 1, ..., n//2] / (d*n)``."""
    if device not in (None, "cpu"):
        raise ValueError(f"Unsupported device {device!r}")
    n = _check_n(n)
    val = 1.0 / (n * d)
    result: ndarray = _fftfreq_ints(n, True) * val
    return result
