"""Statistics workloads for ``benches/compare.py`` (issue 10, items 4-5): std, var, median,
percentile, histogram (100 bins), bincount, isclose, diff at 1e3 and 1e6 elements, and
convolve of 1e5 by 100.

``workloads()`` yields ``(name, n, numpy_callable, oxarray_callable)`` on the same data.
"""

import numpy as np

import oxarray as ox


def workloads():
    rng = np.random.default_rng(0)
    for n in (1_000, 1_000_000):
        x = rng.standard_normal(n)
        y = x + rng.standard_normal(n) * 1e-9
        k = rng.integers(0, 1000, n)
        ox_x, ox_y, ox_k = ox.asarray(x), ox.asarray(y), ox.asarray(k)
        yield "std float64", n, lambda x=x: np.std(x), lambda a=ox_x: ox.std(a)
        yield "var float64", n, lambda x=x: np.var(x), lambda a=ox_x: ox.var(a)
        yield "median float64", n, lambda x=x: np.median(x), lambda a=ox_x: ox.median(a)
        yield ("percentile [5,50,95]", n, lambda x=x: np.percentile(x, [5, 50, 95]),
               lambda a=ox_x: ox.percentile(a, [5, 50, 95]))
        yield ("histogram 100 bins", n, lambda x=x: np.histogram(x, 100),
               lambda a=ox_x: ox.histogram(a, 100))
        yield "bincount int64", n, lambda k=k: np.bincount(k), lambda a=ox_k: ox.bincount(a)
        yield ("isclose float64", n, lambda x=x, y=y: np.isclose(x, y),
               lambda a=ox_x, b=ox_y: ox.isclose(a, b))
        yield "diff float64", n, lambda x=x: np.diff(x), lambda a=ox_x: ox.diff(a)
    a = rng.standard_normal(100_000)
    v = rng.standard_normal(100)
    ox_a, ox_v = ox.asarray(a), ox.asarray(v)
    yield ("convolve 1e5 x 100", 100_000, lambda: np.convolve(a, v),
           lambda: ox.convolve(ox_a, ox_v))
