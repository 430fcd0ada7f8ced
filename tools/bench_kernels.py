"""Time a few kernels through the Python ufuncs beside NumPy (ad hoc; `make bench` is the
reference). Run: `.venv/bin/python tools/bench_kernels.py`."""
import timeit, numpy as np, oxarray as ox
def t(f, n=None):
    r = timeit.repeat(f, number=5, repeat=5); return min(r)/5
rng=np.random.default_rng(0)
for n in [1000, 1_000_000]:
    for dt in ['float64','float32','int32']:
        a=(rng.random(n)*10).astype(dt); b=(rng.random(n)*10+1).astype(dt)
        oa,ob=ox.asarray(a),ox.asarray(b)
        for name in ['add','multiply','exp','sqrt','sin','log','maximum','less','floor_divide']:
            nf,of=getattr(np,name),getattr(ox,name)
            if nf.nin==2: fn,fo=(lambda: nf(a,b)),(lambda: of(oa,ob))
            else: fn,fo=(lambda: nf(a)),(lambda: of(oa))
            with np.errstate(all='ignore'), ox.errstate(all='ignore'):
                tn,to=t(fn),t(fo)
            print(f"{name:13s} {dt:8s} n={n:<8d} numpy {tn*1e6:9.1f}us  ox {to*1e6:9.1f}us  ratio ox/np {to/tn:5.2f}")
for n in [100, 1000]:
    a=rng.random((n,n)); oa=ox.asarray(a)
    tn=t(lambda: np.matmul(a,a)); to=t(lambda: ox.matmul(oa,oa))
    print(f"matmul f64 {n} numpy {tn*1e3:.2f}ms ox {to*1e3:.2f}ms ratio {to/tn:.2f}")
