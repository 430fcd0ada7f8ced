"""Audit issue 9's scope: every listed name exists on oxarray, and where NumPy's
signature is introspectable, oxarray's parameters match (names, kinds, defaults)."""
import inspect
import numpy as np
import oxarray as ox

FUNCS = """pi e inf nan newaxis euler_gamma little_endian finfo iinfo issubdtype isdtype isscalar
iterable typecodes sctypeDict min_scalar_type common_type mintypecode isfortran ndim shape size astype
__array_api_version__ __array_namespace_info__
concatenate concat stack vstack hstack dstack column_stack row_stack block unstack split array_split
hsplit vsplit dsplit append insert delete resize trim_zeros
tile repeat roll rollaxis fliplr flipud rot90 pad atleast_1d atleast_2d atleast_3d broadcast
matrix_transpose require asanyarray asarray_chkfinite copyto fromfunction fromiter indices meshgrid
mgrid ogrid r_ c_ s_ index_exp ix_
where nonzero flatnonzero argwhere count_nonzero take put take_along_axis put_along_axis choose
compress extract place putmask select piecewise diag diagflat diagonal trace tri tril triu
tril_indices tril_indices_from triu_indices triu_indices_from diag_indices diag_indices_from
fill_diagonal mask_indices unravel_index ravel_multi_index ndindex ndenumerate nditer
clip round around real imag angle conj iscomplex isreal iscomplexobj isrealobj isneginf isposinf
nan_to_num real_if_close shares_memory
frombuffer fromfile fromstring loadtxt savetxt genfromtxt""".split()
METHODS = """take put repeat nonzero compress choose diagonal trace clip round conj conjugate byteswap
resize setflags tofile dump dumps getfield setfield flat data ctypes __contains__ __array_wrap__
__array_priority__ __class_getitem__ __setstate__ device to_device __array_namespace__""".split()


def params(f):
    try:
        sig = inspect.signature(f)
    except (TypeError, ValueError):
        return None
    return [(p.name, p.kind, p.default) for p in sig.parameters.values()]


missing, differs = [], []
for name in FUNCS:
    if not hasattr(ox, name):
        missing.append(name)
        continue
    if not hasattr(np, name):
        continue
    nf, of = getattr(np, name), getattr(ox, name)
    if not callable(nf) or isinstance(nf, type):
        continue
    pn, po = params(nf), params(of)
    if pn is None or po is None:
        continue
    if pn != po:
        differs.append((name, pn, po))
mmissing = [m for m in METHODS if not hasattr(ox.ndarray, m)]
mdiff = []
for m in METHODS:
    if m.startswith("__") or not hasattr(ox.ndarray, m) or not hasattr(np.ndarray, m):
        continue
    pn, po = params(getattr(np.ndarray, m)), params(getattr(ox.ndarray, m))
    if pn is not None and po is not None and pn != po:
        mdiff.append((m, pn, po))
print("missing functions:", missing)
print("missing methods:", mmissing)
for name, pn, po in differs:
    print(f"\nSIGNATURE {name}:\n  numpy   {[(n, str(k)[0:3], d) for n, k, d in pn]}\n  oxarray {[(n, str(k)[0:3], d) for n, k, d in po]}")
for name, pn, po in mdiff:
    print(f"\nMETHOD {name}:\n  numpy   {pn}\n  oxarray {po}")
print(f"\n{len(FUNCS)} names, {len(missing)} missing, {len(differs)} signature differences; "
      f"{len(METHODS)} methods, {len(mmissing)} missing, {len(mdiff)} differ")
