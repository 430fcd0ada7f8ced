"""oxarray beside NumPy, in one run: median time per call and the ratio.

Each workload is a pair of callables built the same way for both libraries. Timing uses
``timeit`` with enough repetitions for ~0.1 s per measurement and reports the median of
several measurements. ``ratio`` is oxarray's time over NumPy's: below 1 means oxarray is
faster. Run with ``make bench`` (or ``python benches/compare.py [filter]``: only workloads
whose name, or whose module's name, contains ``filter``).

The foundation's workloads are below (``workloads()``). Later capabilities add theirs in
``benches/workloads_<topic>.py`` modules next to this file: each defines ``workloads()``
yielding ``(name, n, numpy_callable, oxarray_callable)``, and is collected here
automatically, in file-name order, as one section of the table. A workload may add a fifth
item, a ``numexpr`` callable doing the same job: it is timed as a second peer.

Every oxarray callable is timed twice: at one thread (``ox.num_threads(1)``) and at all
threads (the default, ``OXARRAY_NUM_THREADS`` or the CPU count), with a ratio over NumPy
for each, and a geometric mean of each ratio column. NumPy is timed at the same thread
counts: beside oxarray's one thread with its BLAS limited to one thread
(``threadpoolctl.threadpool_limits(1)``), beside oxarray's all threads with its default
(OpenBLAS's threads). NumPy's own loops are single-threaded, so only the BLAS-backed rows
(linalg, dot, matmul, einsum) differ between the two NumPy columns.
"""

import importlib.util
import pathlib
import statistics
import sys
import timeit

import numpy as np
from threadpoolctl import threadpool_limits

import oxarray as ox

SIZES = [1, 1_000, 1_000_000]


def timed(fn, budget=0.08, repeats=5):
    """Median seconds per call of ``fn``."""
    number = 1
    while True:
        t = timeit.timeit(fn, number=number)
        if t >= budget / 4 or number >= 1 << 20:
            break
        number *= 4
    number = max(1, int(number * (budget / 4) / max(t, 1e-9)))
    samples = [timeit.timeit(fn, number=number) / number for _ in range(repeats)]
    return statistics.median(samples)


def fmt(sec):
    for unit, scale in (("s", 1), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)):
        if sec >= scale:
            return f"{sec / scale:7.2f} {unit}"
    return f"{sec / 1e-9:7.2f} ns"


def workloads():
    """(name, n, numpy_callable, oxarray_callable)."""
    for n in SIZES:
        side = max(1, int(n ** 0.5))
        data = list(range(min(n, 1000)))
        na, oa = np.arange(n, dtype=np.float64), ox.arange(n, dtype=ox.float64)
        n2, o2 = na[: side * side].reshape(side, side), oa[: side * side].reshape(side, side)
        idx_np = np.arange(0, n, 7) % n
        idx_ox = ox.arange(0, n, 7)
        mask_np = (np.arange(n) % 3) == 0
        mask_ox = ox.array(mask_np.tolist(), dtype="bool")
        yield "zeros", n, lambda: np.zeros(n), lambda: ox.zeros(n)
        yield "ones", n, lambda: np.ones(n), lambda: ox.ones(n)
        yield "arange", n, lambda: np.arange(n), lambda: ox.arange(n)
        if n <= 1000:
            yield "array(list)", n, lambda: np.array(data), lambda: ox.array(data)
        yield "a[i] scalar", n, lambda: na[n // 2], lambda: oa[n // 2]
        yield "a[i, j] scalar", n, lambda: n2[side // 2, side // 2], lambda: o2[side // 2, side // 2]
        yield "a[1:-1:2] slice", n, lambda: na[1:-1:2], lambda: oa[1:-1:2]
        yield "a[idx] fancy", n, lambda: na[idx_np], lambda: oa[idx_ox]
        yield "a[mask] boolean", n, lambda: na[mask_np], lambda: oa[mask_ox]
        yield "a.copy()", n, lambda: na.copy(), lambda: oa.copy()
        yield "ascontiguousarray(a.T)", n, (lambda: np.ascontiguousarray(n2.T)), (lambda: ox.ascontiguousarray(o2.T))
        yield "astype(float32)", n, lambda: na.astype(np.float32), lambda: oa.astype(ox.float32)
        yield "astype(int32)", n, lambda: na.astype(np.int32), lambda: oa.astype(ox.int32)


def sections():
    """(section name, workloads generator function): the foundation's, then every
    ``benches/workloads_*.py`` module's."""
    yield "foundation", workloads
    here = pathlib.Path(__file__).resolve().parent
    for path in sorted(here.glob("workloads_*.py")):
        spec = importlib.util.spec_from_file_location(f"oxbench_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield path.stem.removeprefix("workloads_"), module.workloads


def main():
    filt = sys.argv[1] if len(sys.argv) > 1 else ""
    width = 34
    threads = ox.get_num_threads()
    print(f"oxarray threads: 1 and {threads} (all); ratios are oxarray time / NumPy time")
    print(
        f"{'workload':<{width}}{'n':>10}  {'np 1 thr':>10}  {'ox 1 thr':>10}  {'ratio':>6}"
        f"  {'np all':>10}  {'ox all':>10}  {'ratio':>6}  {'numexpr':>10}  {'all/ne':>6}"
    )
    line = width + 100
    print("-" * line)
    ratios_one, ratios_all = [], []
    for section, make in sections():
        header_printed = False
        for item in make():
            name, n, fnp, fox = item[:4]
            fne = item[4] if len(item) > 4 else None
            if filt not in name and filt not in section:
                continue
            if not header_printed:
                print(f"[{section}]")
                header_printed = True
            # Order: NumPy's all-threads timing last, so OpenBLAS's worker threads, which
            # spin for a while after a call, never run beside oxarray's timing (they would
            # take a core from it); the next row starts with NumPy again.
            with threadpool_limits(1):
                tn1 = timed(fnp)
            with ox.num_threads(1):
                t1 = timed(fox)
            ta = timed(fox)
            tn = timed(fnp)
            ratios_one.append(t1 / tn1)
            ratios_all.append(ta / tn)
            ne = ""
            if fne is not None:
                te = timed(fne)
                ne = f"{fmt(te):>10}  {ta / te:6.2f}"
            print(
                f"{name:<{width}}{n:>10}  {fmt(tn1):>10}  {fmt(t1):>10}  {t1 / tn1:6.2f}"
                f"  {fmt(tn):>10}  {fmt(ta):>10}  {ta / tn:6.2f}  {ne}",
                flush=True,
            )
    if ratios_one:
        print("-" * line)
        g1 = statistics.geometric_mean(ratios_one)
        ga = statistics.geometric_mean(ratios_all)
        print(f"geometric mean of ratios (oxarray / numpy): 1 thread {g1:.2f}, "
              f"all threads {ga:.2f}  (below 1: oxarray faster)")


if __name__ == "__main__":
    main()
