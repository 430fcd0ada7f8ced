"""[random_mvn] workloads: multivariate_normal of oxarray.random beside numpy.random."""

import numpy as np

import oxarray as ox
import oxarray.random as oxr


def workloads():
    d, n = 10, 100_000
    a = np.random.default_rng(0).standard_normal((d, d))
    cov = a @ a.T + d * np.eye(d)
    cov_o = ox.asarray(cov)
    mean = np.zeros(d)
    mean_o = ox.zeros(d)
    ng, og = np.random.default_rng(1), oxr.default_rng(1)
    for method in ("svd", "eigh", "cholesky"):
        yield (
            f"random.multivariate_normal d=10 {method}",
            n,
            lambda m=method: ng.multivariate_normal(mean, cov, n, method=m),
            lambda m=method: og.multivariate_normal(mean_o, cov_o, n, method=m),
        )
    nr, orr = np.random.RandomState(1), oxr.RandomState(1)
    yield (
        "random.RandomState.multivariate_normal d=10",
        n,
        lambda: nr.multivariate_normal(mean, cov, n),
        lambda: orr.multivariate_normal(mean_o, cov_o, n),
    )
