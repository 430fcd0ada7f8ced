"""[random] workloads: oxarray.random beside numpy.random (same seeds, same streams)."""

import numpy as np

import oxarray.random as oxr


def workloads():
    n7, n6 = 10_000_000, 1_000_000
    ng, og = np.random.default_rng(1), oxr.default_rng(1)
    yield "random.random", n7, lambda: ng.random(n7), lambda: og.random(n7)
    yield "random.standard_normal f64", n7, lambda: ng.standard_normal(n7), lambda: og.standard_normal(n7)
    yield (
        "random.standard_normal f32",
        n7,
        lambda: ng.standard_normal(n7, dtype=np.float32),
        lambda: og.standard_normal(n7, dtype=np.float32),
    )
    yield (
        "random.integers(0,1000)",
        n7,
        lambda: ng.integers(0, 1000, n7),
        lambda: og.integers(0, 1000, n7),
    )
    yield "random.exponential", n7, lambda: ng.exponential(size=n7), lambda: og.exponential(size=n7)
    yield "random.gamma(2.0)", n6, lambda: ng.gamma(2.0, size=n6), lambda: og.gamma(2.0, size=n6)
    yield (
        "random.binomial(10,0.3)",
        n6,
        lambda: ng.binomial(10, 0.3, n6),
        lambda: og.binomial(10, 0.3, n6),
    )
    yield (
        "random.choice(1e6,1e5,noreplace)",
        100_000,
        lambda: ng.choice(n6, 100_000, replace=False),
        lambda: og.choice(n6, 100_000, replace=False),
    )
    yield "random.permutation", n7, lambda: ng.permutation(n7), lambda: og.permutation(n7)
    nr, orr = np.random.RandomState(1), oxr.RandomState(1)
    yield "random.legacy rand", n7, lambda: nr.rand(n7), lambda: orr.rand(n7)
    yield "random.legacy randn", n7, lambda: nr.randn(n7), lambda: orr.randn(n7)
