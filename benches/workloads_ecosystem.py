"""[ecosystem]: dask.array graphs on NumPy chunks beside oxarray chunks (threaded scheduler
and a two-process LocalCluster, created on first use), and scikit-learn's PCA fit.

2e8 float64 elements in 1e7-element chunks, made by each backend's ``da.ones`` inside the
graph (never held in memory at once). SCIPY_ARRAY_API must be set before SciPy loads.
"""

import os

os.environ.setdefault("SCIPY_ARRAY_API", "1")

import numpy as np  # noqa: E402

import oxarray as ox  # noqa: E402

N, CHUNK = 200_000_000, 10_000_000
_cluster = {}


def _client():
    if "client" not in _cluster:
        import distributed

        cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                           host="127.0.0.1", dashboard_address=None, silence_logs=50)
        _cluster["cluster"], _cluster["client"] = cluster, distributed.Client(cluster)
    return _cluster["client"]


def _graphs(backend):
    import dask
    import dask.array as da

    with dask.config.set({"array.backend": backend}):
        x = da.ones((N,), chunks=CHUNK) + 1.0  # + 1: real chunks, not broadcast views
        m = da.ones((N // 10, 10), chunks=(CHUNK // 10, 10)) + 1.0
    return {"sum": x.sum(), "mean": x.mean(), "matmul": m.T @ m}


def workloads():
    try:
        import dask  # noqa: F401
    except ImportError:
        return
    gn, go = _graphs("numpy"), _graphs("oxarray")
    for name in ("sum", "mean", "matmul"):
        yield (f"dask {name} threads", N, (lambda g=gn[name]: g.compute(scheduler="threads")),
               (lambda g=go[name]: g.compute(scheduler="threads")))
        yield (f"dask {name} 2-proc cluster", N, (lambda g=gn[name]: _client().compute(g).result()),
               (lambda g=go[name]: _client().compute(g).result()))
    try:
        import sklearn
        from sklearn.decomposition import PCA
    except ImportError:
        return
    xn = np.random.default_rng(0).standard_normal((100_000, 100))
    xo = ox.asarray(xn)

    def fit_ox():
        with sklearn.config_context(array_api_dispatch=True):
            PCA(n_components=10).fit(xo)

    yield "sklearn PCA(10).fit 1e5x100", xn.size, (lambda: PCA(n_components=10).fit(xn)), fit_ox
