"""Issue 11's scope list against oxarray: every name the issue lists, whether oxarray has
it (in ``oxarray``, ``oxarray.linalg``, ``oxarray.fft``, ``oxarray.polynomial``), and the
parameters NumPy's signature has that oxarray's lacks (or has in addition). Also the Array
API inspection answers (``__array_namespace_info__().capabilities()``) and the names of the
2025.12 ``linalg``/``fft`` extensions. Run: ``.venv/bin/python tools/issue11_scope.py``."""

import inspect
from types import ModuleType
from typing import Any

import numpy as np

import oxarray as ox
import oxarray.fft as oxfft
import oxarray.linalg as oxla
import oxarray.polynomial as oxpoly

PRODUCTS = "dot vdot inner outer tensordot einsum einsum_path kron cross vecdot matvec vecmat".split()
LINALG = ("solve inv pinv det slogdet eig eigvals eigh eigvalsh svd svdvals qr cholesky lstsq "
          "matrix_rank norm vector_norm matrix_norm cond tensorsolve tensorinv trace diagonal "
          "outer cross matmul matrix_transpose vecdot multi_dot matrix_power LinAlgError").split()
FFT = ("fft ifft rfft irfft hfft ihfft fft2 ifft2 rfft2 irfft2 fftn ifftn rfftn irfftn fftfreq "
       "rfftfreq fftshift ifftshift").split()
POLY = "poly1d polyfit polyval roots poly polyadd polysub polymul polydiv polyder polyint".split()
POLYNOMIAL_METHODS = "fit __call__ deriv integ roots domain window __add__ __sub__ __mul__ " \
                     "__floordiv__ __mod__ __divmod__ __pow__ linspace convert".split()
# The Array API 2025.12 extensions (function names).
API_LINALG = ("cholesky cross det diagonal eigh eigvalsh inv matmul matrix_norm matrix_power "
              "matrix_rank matrix_transpose outer pinv qr slogdet solve svd svdvals tensordot "
              "trace vecdot vector_norm").split()
API_FFT = ("fft ifft fftn ifftn rfft irfft rfftn irfftn hfft ihfft fftfreq rfftfreq fftshift "
           "ifftshift").split()


def params(f: Any) -> dict[str, inspect.Parameter] | None:
    try:
        return {p.name: p for p in inspect.signature(f).parameters.values()}
    except (TypeError, ValueError):
        return None


def compare(label: str, names: list[str], npmod: ModuleType, oxmod: ModuleType) -> list[str]:
    missing: list[str] = []
    diffs: list[str] = []
    for name in names:
        o = getattr(oxmod, name, None)
        if o is None:
            missing.append(name)
            continue
        n = getattr(npmod, name, None)
        if n is None or inspect.isclass(n):
            continue
        pn, po = params(n), params(o)
        if pn is None or po is None:
            continue
        lack = [k for k in pn if k not in po]
        extra = [k for k in po if k not in pn]
        if lack or extra:
            diffs.append(f"{name}: lacks {lack} extra {extra}")
    print(f"[{label}] {len(names) - len(missing)}/{len(names)} present;"
          f" missing: {missing or 'none'}")
    for d in diffs:
        print("   ", d)
    return missing


def main() -> int:
    missing: list[str] = []
    missing += compare("products (oxarray)", PRODUCTS, np, ox)
    missing += compare("linalg", LINALG, np.linalg, oxla)
    missing += compare("fft", FFT, np.fft, oxfft)
    missing += compare("polynomials (oxarray)", POLY, np, ox)
    P = getattr(oxpoly, "Polynomial", None)
    if P is None:
        missing.append("polynomial.Polynomial")
        print("[polynomial] Polynomial missing")
    else:
        lack = [m for m in POLYNOMIAL_METHODS if not hasattr(P, m)]
        print(f"[polynomial.Polynomial] lacks: {lack or 'none'}")
    print(f"[Array API linalg extension] missing:"
          f" {[n for n in API_LINALG if not hasattr(oxla, n)] or 'none'}")
    print(f"[Array API fft extension] missing:"
          f" {[n for n in API_FFT if not hasattr(oxfft, n)] or 'none'}")
    info = ox.__array_namespace_info__()
    caps = info.capabilities()
    print("capabilities():", caps)
    print("ox.linalg is oxarray.linalg:", getattr(ox, "linalg", None) is oxla,
          "| ox.fft is oxarray.fft:", getattr(ox, "fft", None) is oxfft)
    ok_caps = {"boolean indexing", "data-dependent shapes", "max dimensions"} <= set(caps)
    print("capabilities keys of 2025.12 present:", ok_caps)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
