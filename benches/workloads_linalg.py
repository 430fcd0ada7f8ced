"""Linear-algebra and polynomial workloads for ``benches/compare.py``: the decompositions of
issue 11 on random (well-conditioned where it matters) float64 matrices, the batched 3x3
inverse, and ``polyfit`` of degree 3 on 1e6 points. NumPy uses its bundled OpenBLAS with
its default thread count; oxarray uses faer (rayon, all cores) for large matrices.

``workloads()`` yields ``(name, n, numpy_callable, oxarray_callable)``.
"""

import numpy as np

import oxarray as ox
import oxarray.linalg as la


def _pair(a):
    return a, ox.asarray(a.copy())


def workloads():
    rng = np.random.default_rng(0)

    def square(n):
        return rng.standard_normal((n, n)) + n * np.eye(n)

    a, x = _pair(square(1000))
    b, y = _pair(rng.standard_normal((1000, 1)))
    # Warm both libraries first: NumPy's one-thread cholesky of 1000x1000 takes ~21 ms in a
    # process where no `solve` has run yet and ~11.4 ms after one (measured on the bench
    # machine, session 9), so a filtered run (`compare.py cholesky`) would otherwise time a
    # cold NumPy.
    np.linalg.solve(a, a)
    la.solve(x, x)
    yield "solve 1000x1000", 1000 * 1000, lambda: np.linalg.solve(a, b), lambda: la.solve(x, y)
    a, x = _pair(square(500))
    yield "inv 500x500", 500 * 500, lambda: np.linalg.inv(a), lambda: la.inv(x)
    yield "det 500x500", 500 * 500, lambda: np.linalg.det(a), lambda: la.det(x)
    g, gx = _pair(rng.standard_normal((500, 500)))
    yield "svd 500x500", 500 * 500, lambda: np.linalg.svd(g), lambda: la.svd(gx)
    h, hx = _pair(g + g.T)
    yield "eigh 500x500", 500 * 500, lambda: np.linalg.eigh(h), lambda: la.eigh(hx)
    # Eigenvalues only: nearly all of it is the tridiagonalization (faer's is unblocked).
    yield "eigvalsh 500x500", 500 * 500, lambda: np.linalg.eigvalsh(h), lambda: la.eigvalsh(hx)
    e, ex = _pair(rng.standard_normal((200, 200)))
    yield "eig 200x200", 200 * 200, lambda: np.linalg.eig(e), lambda: la.eig(ex)
    q, qx = _pair(rng.standard_normal((1000, 500)))
    yield "qr 1000x500", 1000 * 500, lambda: np.linalg.qr(q), lambda: la.qr(qx)
    s = rng.standard_normal((1000, 1000))
    c, cx = _pair(s @ s.T + 1000 * np.eye(1000))
    yield "cholesky 1000x1000", 1000 * 1000, lambda: np.linalg.cholesky(c), lambda: la.cholesky(cx)
    l, lx = _pair(rng.standard_normal((1000, 100)))
    r, rx = _pair(rng.standard_normal(1000))
    yield "lstsq 1000x100", 1000 * 100, lambda: np.linalg.lstsq(l, r), lambda: la.lstsq(lx, rx)
    t, tx = _pair(rng.standard_normal((10000, 3, 3)) + 3 * np.eye(3))
    yield "batched inv 10000x3x3", 10000 * 9, lambda: np.linalg.inv(t), lambda: la.inv(tx)
    px, pxx = _pair(np.linspace(-1, 1, 1_000_000))
    py, pyx = _pair(1 + px - 2 * px ** 3 + 0.01 * rng.standard_normal(1_000_000))
    yield "polyfit deg 3, 1e6 points", 1_000_000, lambda: np.polyfit(px, py, 3), \
        lambda: ox.polyfit(pxx, pyx, 3)
    tall, tallx = _pair(rng.standard_normal((1_000_000, 4)))
    yield "lstsq 1e6x4", 1_000_000, lambda: np.linalg.lstsq(tall, py), lambda: la.lstsq(tallx, pyx)
