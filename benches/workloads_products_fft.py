"""Products and FFT workloads for ``make bench`` (collected by ``benches/compare.py``).

Issue 11's list: dot of 1e6 vectors, matmul 1000², einsum 'ij,jk->ik', a 3-operand
contraction with optimize=True, fft of 2^20 complex, rfft of 1e6, fft of a prime length
1e5+3, fft2 of 1024². Both sides get the same values.
"""

import numpy as np

import oxarray as ox


def workloads():
    """(name, n, numpy_callable, oxarray_callable)."""
    rng = np.random.default_rng(0)
    n = 1_000_000
    va, vb = rng.standard_normal(n), rng.standard_normal(n)
    oa, ob = ox.asarray(va), ox.asarray(vb)
    yield "dot(v, v)", n, lambda: np.dot(va, vb), lambda: ox.dot(oa, ob)
    m = 1000
    ma, mb = rng.standard_normal((m, m)), rng.standard_normal((m, m))
    oma, omb = ox.asarray(ma), ox.asarray(mb)
    yield "matmul 1000x1000", m * m, lambda: np.matmul(ma, mb), lambda: ox.matmul(oma, omb)
    yield "einsum ij,jk->ik", m * m, (lambda: np.einsum("ij,jk->ik", ma, mb)), (
        lambda: ox.einsum("ij,jk->ik", oma, omb))
    x, y, z = (rng.standard_normal((400, 300)), rng.standard_normal((300, 500)),
               rng.standard_normal((500, 20)))
    ox_, oy, oz = ox.asarray(x), ox.asarray(y), ox.asarray(z)
    yield "einsum ij,jk,kl->il opt", 400 * 300, (
        lambda: np.einsum("ij,jk,kl->il", x, y, z, optimize=True)), (
        lambda: ox.einsum("ij,jk,kl->il", ox_, oy, oz, optimize=True))
    t = rng.standard_normal((300, 20))
    ot = ox.asarray(t)
    yield "matmul 400x300 @ 300x20", 400 * 300, lambda: x @ t, lambda: ox_ @ ot
    k = 1 << 20
    c = rng.standard_normal(k) + 1j * rng.standard_normal(k)
    oc = ox.asarray(c)
    yield "fft 2^20 complex", k, lambda: np.fft.fft(c), lambda: ox.fft.fft(oc)
    r = rng.standard_normal(n)
    orr = ox.asarray(r)
    yield "rfft 1e6", n, lambda: np.fft.rfft(r), lambda: ox.fft.rfft(orr)
    p = 100_003
    cp = rng.standard_normal(p) + 1j * rng.standard_normal(p)
    ocp = ox.asarray(cp)
    yield "fft prime 1e5+3", p, lambda: np.fft.fft(cp), lambda: ox.fft.fft(ocp)
    s = 1024
    c2 = rng.standard_normal((s, s)) + 1j * rng.standard_normal((s, s))
    oc2 = ox.asarray(c2)
    yield "fft2 1024x1024", s * s, lambda: np.fft.fft2(c2), lambda: ox.fft.fft2(oc2)
