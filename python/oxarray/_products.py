# mypy: disable-error-code="overload-overlap"
"""The dot family: ``dot``, ``vdot``, ``inner``, ``outer``, ``tensordot``, ``kron``,
``cross``, ``einsum``, ``einsum_path`` (and the gufuncs ``vecdot``, ``matvec``, ``vecmat``
from the core).

Every contraction here is a transpose + reshape around ``matmul`` (the core gufunc, GEMM
for float/complex blocks), never an element loop in Python. ``einsum`` works like this:

1. Parse the subscripts (NumPy's ``_parse_einsum_input``: explicit/implicit output,
   ellipsis, the sublist form).
2. Choose a contraction order: ``optimize=False`` contracts in one step; ``True``/'greedy'/
   'optimal'/an explicit path follow NumPy's ``einsum_path`` (same cost model, so the same
   path and printed report).
3. Execute each step: repeated labels of an operand become a diagonal view (strides
   added, in Rust); labels no other operand nor the output needs are summed out; two
   operands are contracted as a batched matmul of ``(batch, free_a, k) @ (batch, k,
   free_b)`` (or a broadcast multiply when nothing is contracted); more than two go
   pairwise, left to right.

The contraction-order search is NumPy's own algorithm (``numpy/_core/einsumfunc.py``,
BSD-3-Clause), ported to Rust (``ops/products.rs``) to keep its exact paths; the report
string is built here in NumPy's format.
"""

from __future__ import annotations

import math
import operator
import warnings
from collections.abc import Sequence
from typing import Any

from ._core import (
    _einsum_diagonal,
    _einsum_search,
    asarray,
    can_cast,
    expand_dims,
    matmul,
    matvec,
    moveaxis,
    multiply,
    ndarray,
    negative,
    promote_types,
    result_type,
    vecdot,
    vecmat,
    zeros,
)
from .exceptions import AxisError

from typing import TYPE_CHECKING, overload  # noqa: E402,F811 - the typed overloads below

if TYPE_CHECKING:
    from collections.abc import Sequence  # noqa: F401
    from typing import Literal, TypeVar  # noqa: F401

    from ._core import ArrayLike, DTypeLike, _AxisLike, _NestedSequence, _NumberLike, _ShapeLike, generic  # noqa: F401
    from ._core import bool as bool_  # noqa: F401
    from ._core import ndarray as ndarray  # noqa: F401

    _ArrayT = TypeVar("_ArrayT", bound=ndarray)

__all__ = [
    "cross", "dot", "einsum", "einsum_path", "inner", "kron", "matvec", "outer", "tensordot",
    "vdot", "vecdot", "vecmat",
]


def _as_scalar_if_0d(r: Any) -> Any:
    if isinstance(r, ndarray) and r.ndim == 0:
        return r[()]
    return r


def _shape_str(shape: tuple[int, ...]) -> str:
    return "(" + ",".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def _not_aligned(a: ndarray, b: ndarray, ia: int, ib: int) -> ValueError:
    return ValueError(
        f"shapes {_shape_str(a.shape)} and {_shape_str(b.shape)} not aligned: "
        f"{a.shape[ia]} (dim {ia}) != {b.shape[ib]} (dim {ib})")


def _to_out(res: Any, out: ndarray) -> ndarray:
    """NumPy's ``dot``/``vdot`` ``out``: exact dtype and shape, C-contiguous."""
    if not isinstance(out, ndarray):
        raise TypeError("'out' must be an array")
    res_arr = asarray(res)
    if (out.dtype != res_arr.dtype or out.shape != res_arr.shape
            or not out.flags.c_contiguous):
        raise ValueError("output array is not acceptable (must have the right datatype, "
                         "number of dimensions, and be a C-contiguous array)")
    out[...] = res_arr
    return out


_ML_NAMES: frozenset[str] = frozenset()


def _ml_result(a: ndarray, b: ndarray) -> Any:
    """The result dtype of ``a`` with ``b`` when it is a machine-learning float
    (``bfloat16``, ``float8_*``: NumPy's ``dot`` family runs ``ml_dtypes``' dot function
    for these, not the ``matmul`` ufunc), else ``None``. Only an operand of such a dtype
    can promote to one, so the common call pays two name checks and no promotion."""
    global _ML_NAMES
    if not _ML_NAMES:
        from ._ml_dtypes import __all__ as ml_names  # (late: it imports this package)

        _ML_NAMES = frozenset(ml_names)
    if a.dtype.type.__name__ not in _ML_NAMES and b.dtype.type.__name__ not in _ML_NAMES:
        return None
    dt = result_type(a, b)
    return dt if dt.type.__name__ in _ML_NAMES else None


def _dot2d(a: ndarray, b: ndarray) -> ndarray:
    """``a @ b`` of 2-d operands as NumPy's ``dot`` computes it: ``matmul``, except for the
    machine-learning floats, whose dot function (``ml_dtypes``) sums ``float32`` products
    in index order into a ``float32`` accumulator rounded to the dtype at the end (NumPy's
    ``matmul`` of them casts to ``float32`` and gives ``float32``; ``dot`` keeps the dtype)."""
    dt = _ml_result(a, b)
    if dt is None:
        res: ndarray = matmul(a, b)
        return res
    from ._core import float32

    x, y = a.astype(float32), b.astype(float32)
    acc = zeros((a.shape[0], b.shape[1]), dtype=float32)
    for t in range(a.shape[1]):
        acc += x[:, t:t + 1] * y[t:t + 1, :]
    return acc.astype(dt)


def _tensordot_arrays(a: ndarray, b: ndarray, axes_a: list[int],
                      axes_b: list[int]) -> ndarray:
    nda, ndb = a.ndim, b.ndim
    as_, bs = a.shape, b.shape
    notin_a = [k for k in range(nda) if k not in axes_a]
    notin_b = [k for k in range(ndb) if k not in axes_b]
    n2 = math.prod(as_[ax] for ax in axes_a)
    at = a.transpose(notin_a + axes_a).reshape(
        (math.prod(as_[ax] for ax in notin_a), n2))
    bt = b.transpose(axes_b + notin_b).reshape(
        (n2, math.prod(bs[ax] for ax in notin_b)))
    res = _dot2d(at, bt)
    return res.reshape(tuple(as_[ax] for ax in notin_a) + tuple(bs[ax] for ax in notin_b))


@overload
def dot(a: ArrayLike, b: ArrayLike, out: _ArrayT) -> _ArrayT: ...
@overload
def dot(a: _NumberLike, b: _NumberLike, out: None = None) -> generic: ...
@overload
def dot(a: ArrayLike, b: ArrayLike, out: ndarray | None = None) -> Any: ...
def dot(a: Any, b: Any, out: ndarray | None = None) -> Any:
    """Dot product: matmul for 2-D, inner product for 1-D, sum over the last axis of ``a``
    and the second-to-last of ``b`` for N-D."""
    a, b = asarray(a), asarray(b)
    if a.ndim == 0 or b.ndim == 0:
        res = _as_scalar_if_0d(multiply(a, b))
    elif b.ndim == 1:
        if a.shape[-1] != b.shape[0]:
            raise _not_aligned(a, b, a.ndim - 1, 0)
        if _ml_result(a, b) is not None:
            res = _as_scalar_if_0d(_tensordot_arrays(a, b, [a.ndim - 1], [0]))
            return res if out is None else _to_out(res, out)
        if a.ndim == 1 and a.dtype == b.dtype and a.dtype.kind == "f":
            # Two real vectors: vecdot is the same kernel without matvec's reshaping
            # (it conjugates its first operand, a no-op for real dtypes).
            res = _as_scalar_if_0d(vecdot(a, b))
            return res if out is None else _to_out(res, out)
        # matvec: one pass over each row with independent accumulators (no GEMM packing).
        dt = promote_types(a.dtype, b.dtype)
        a2 = a.astype(dt, copy=False)
        res = matvec(a2 if a.ndim > 1 else a2[None, :], b.astype(dt, copy=False))
        if dt.kind == "O" and b.shape[0] == 0:
            # NumPy's dot zero-fills an empty sum (matvec's object loop leaves None).
            res[...] = 0
        res = _as_scalar_if_0d(res if a.ndim > 1 else res[0])
    else:
        if a.shape[-1] != b.shape[-2]:
            raise _not_aligned(a, b, a.ndim - 1, b.ndim - 2)
        if a.ndim <= 2 and b.ndim == 2 and _ml_result(a, b) is None:
            res = matmul(a, b)
        else:
            res = _tensordot_arrays(a, b, [a.ndim - 1], [b.ndim - 2])
    if out is not None:
        return _to_out(res, out)
    return res


def vdot(a: ArrayLike, b: ArrayLike, /) -> generic:
    """Dot product of the flattened inputs, conjugating the first."""
    a, b = asarray(a).ravel(), asarray(b).ravel()
    if a.size != b.size:
        raise ValueError("vectors have different lengths")
    if _ml_result(a, b) is not None:
        return _as_scalar_if_0d(_dot2d(a[None, :], b[:, None])[0, 0])
    dt = promote_types(a.dtype, b.dtype)
    return _as_scalar_if_0d(vecdot(a.astype(dt, copy=False), b.astype(dt, copy=False)))


def inner(a: Any, b: Any, /) -> Any:
    """Sum product over the last axes of ``a`` and ``b``."""
    a, b = asarray(a), asarray(b)
    if a.ndim == 0 or b.ndim == 0:
        return _as_scalar_if_0d(multiply(a, b))
    if a.shape[-1] != b.shape[-1]:
        raise _not_aligned(a, b, a.ndim - 1, b.ndim - 1)
    return _as_scalar_if_0d(_tensordot_arrays(a, b, [a.ndim - 1], [b.ndim - 1]))


def outer(a: ArrayLike, b: ArrayLike, out: ndarray | None = None) -> ndarray:
    """Outer product of the flattened inputs."""
    a, b = asarray(a), asarray(b)
    res: ndarray = multiply(a.ravel()[:, None], b.ravel()[None, :], out=out)
    return res


def tensordot(a: ArrayLike, b: ArrayLike, axes: int | Sequence[Any] = 2) -> ndarray:
    """Sum products over ``axes`` (an int N: the last N of ``a`` with the first N of
    ``b``; or a pair of axis lists)."""
    if isinstance(axes, (int,)) or hasattr(axes, "__index__") and not hasattr(axes, "__len__"):
        n = operator.index(axes)  # type: ignore[arg-type]
        axes_a: list[int] = list(range(-n, 0))
        axes_b: list[int] = list(range(0, n))
    else:
        axes_a_any, axes_b_any = axes  # type: ignore[misc]
        try:
            axes_a = [operator.index(x) for x in axes_a_any]
        except TypeError:
            axes_a = [operator.index(axes_a_any)]
        try:
            axes_b = [operator.index(x) for x in axes_b_any]
        except TypeError:
            axes_b = [operator.index(axes_b_any)]
    a, b = asarray(a), asarray(b)
    if len(axes_a) != len(axes_b):
        raise ValueError("shape-mismatch for sum")
    for k in range(len(axes_a)):
        for ax, nd in ((axes_a[k], a.ndim), (axes_b[k], b.ndim)):
            if not -nd <= ax < nd:
                raise IndexError("tuple index out of range")
        if a.shape[axes_a[k]] != b.shape[axes_b[k]]:
            raise ValueError("shape-mismatch for sum")
        axes_a[k] %= a.ndim
        axes_b[k] %= b.ndim
    if len(set(axes_a)) != len(axes_a) or len(set(axes_b)) != len(axes_b):
        raise ValueError("repeated axis in tensordot axes")
    return _tensordot_arrays(a, b, axes_a, axes_b)


def kron(a: ArrayLike, b: ArrayLike) -> ndarray:
    """Kronecker product: blocks of ``b`` scaled by the elements of ``a``."""
    b = asarray(b)
    a = asarray(a)
    if a.ndim < b.ndim:
        a = a.reshape((1,) * (b.ndim - a.ndim) + a.shape)
    ndb, nda = b.ndim, a.ndim
    nd = max(ndb, nda)
    if nda == 0 or ndb == 0:
        return _as_scalar_if_0d(multiply(a, b))
    as_ = a.shape
    bs = (1,) * max(0, nda - ndb) + b.shape
    b_arr = b.reshape(bs)
    a_arr = expand_dims(a, axis=tuple(range(1, nd * 2, 2)))
    b_arr = expand_dims(b_arr, axis=tuple(range(0, nd * 2, 2)))
    result: ndarray = multiply(a_arr, b_arr)
    return result.reshape(tuple(x * y for x, y in zip(as_, bs)))


def _norm_axis(axis: int, ndim: int, prefix: str) -> int:
    axis = operator.index(axis)
    if not -ndim <= axis < ndim:
        raise AxisError(f"{prefix}: axis {axis} is out of bounds for array of dimension {ndim}")
    return axis % ndim


@overload
def cross(a: ndarray, b: ArrayLike, axisa: int = ..., axisb: int = ..., axisc: int = ..., axis: int | None = ...) -> ndarray: ...
@overload
def cross(a: ArrayLike, b: ArrayLike, axisa: int = ..., axisb: int = ..., axisc: int = ..., axis: int | None = ...) -> ndarray: ...
def cross(a: Any, b: Any, axisa: int = -1, axisb: int = -1, axisc: int = -1,
          axis: int | None = None) -> ndarray:
    """Cross product of 3-vectors (or 2-vectors, deprecated as in NumPy 2)."""
    if axis is not None:
        axisa, axisb, axisc = (axis,) * 3
    a, b = asarray(a), asarray(b)
    if a.ndim < 1 or b.ndim < 1:
        raise ValueError("At least one array has zero dimension")
    axisa = _norm_axis(axisa, a.ndim, "axisa")
    axisb = _norm_axis(axisb, b.ndim, "axisb")
    a = moveaxis(a, axisa, -1)
    b = moveaxis(b, axisb, -1)
    if a.shape[-1] not in (2, 3) or b.shape[-1] not in (2, 3):
        raise ValueError("incompatible dimensions for cross product\n"
                         "(dimension must be 2 or 3)")
    if a.shape[-1] == 2 or b.shape[-1] == 2:
        warnings.warn("Arrays of 2-dimensional vectors are deprecated. Use arrays of "
                      "3-dimensional vectors instead. (deprecated in NumPy 2.0)",
                      DeprecationWarning, stacklevel=2)
    shape = tuple(multiply(a[..., 0], b[..., 0]).shape)
    if a.shape[-1] == 3 or b.shape[-1] == 3:
        shape += (3,)
        axisc = _norm_axis(axisc, len(shape), "axisc")
    dtype = promote_types(a.dtype, b.dtype)
    cp = zeros(shape, dtype=dtype)
    a = a.astype(dtype)
    b = b.astype(dtype)
    a0, a1 = a[..., 0], a[..., 1]
    b0, b1 = b[..., 0], b[..., 1]
    a2 = a[..., 2] if a.shape[-1] == 3 else None
    b2 = b[..., 2] if b.shape[-1] == 3 else None
    if a.shape[-1] == 2 and b.shape[-1] == 2:
        cp[...] = a0 * b1 - a1 * b0
        return cp
    cp0, cp1, cp2 = cp[..., 0], cp[..., 1], cp[..., 2]
    if a.shape[-1] == 2:
        cp0[...] = a1 * b2
        cp1[...] = negative(a0 * b2)
        cp2[...] = a0 * b1 - a1 * b0
    elif b.shape[-1] == 3:
        cp0[...] = a1 * b2 - a2 * b1
        cp1[...] = a2 * b0 - a0 * b2
        cp2[...] = a0 * b1 - a1 * b0
    else:
        cp0[...] = negative(a2 * b1)
        cp1[...] = a2 * b0
        cp2[...] = a0 * b1 - a1 * b0
    res: ndarray = moveaxis(cp, -1, axisc)
    return res


# ---------------------------------------------------------------------------------------
# einsum: subscripts and the contraction-order search (NumPy's algorithm).

einsum_symbols = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
einsum_symbols_set = set(einsum_symbols)


def _flop_count(idx_contraction: Any, inner: bool, num_terms: int,
                size_dictionary: dict[str, int]) -> int:
    overall_size = _compute_size_by_dict(idx_contraction, size_dictionary)
    op_factor = max(1, num_terms - 1)
    if inner:
        op_factor += 1
    return overall_size * op_factor


def _compute_size_by_dict(indices: Any, idx_dict: dict[str, int]) -> int:
    ret = 1
    for i in indices:
        ret *= idx_dict[i]
    return ret


def _find_contraction(positions: Any, input_sets: list[set[str]],
                      output_set: set[str]) -> tuple[set[str], list[set[str]], set[str], set[str]]:
    idx_contract: set[str] = set()
    idx_remain = output_set.copy()
    remaining = []
    for ind, value in enumerate(input_sets):
        if ind in positions:
            idx_contract |= value
        else:
            remaining.append(value)
            idx_remain |= value
    new_result = idx_remain & idx_contract
    idx_removed = idx_contract - new_result
    remaining.append(new_result)
    return (new_result, remaining, idx_removed, idx_contract)


def _search_path(kind: str, input_sets: list[set[str]], output_set: set[str],
                 idx_dict: dict[str, int], memory_limit: int) -> list[tuple[int, ...]]:
    """NumPy's greedy/optimal search, run in Rust (``ops::products::einsum_search``) over
    label bit masks."""
    bit = {c: i for i, c in enumerate(einsum_symbols)}

    def mask(labels: set[str]) -> int:
        m = 0
        for c in labels:
            m |= 1 << bit[c]
        return m

    sizes = [1] * 64
    for c, d in idx_dict.items():
        sizes[bit[c]] = d
    limit = min(max(int(memory_limit), 0), (1 << 128) - 1)
    path = _einsum_search(kind, [mask(x) for x in input_sets], mask(output_set), sizes, limit)
    return [tuple(p) for p in path]


def _sublist_to_str(sub: Any) -> str:
    out = ""
    for s in sub:
        if s is Ellipsis:
            out += "..."
        else:
            try:
                idx = operator.index(s)
            except TypeError as e:
                raise TypeError("For this input type lists must contain "
                                "either int or Ellipsis") from e
            if not 0 <= idx < len(einsum_symbols):
                raise ValueError(f"subscript is not within the valid range [0, 52): {idx}")
            out += einsum_symbols[idx]
    return out


def _parse_einsum_input(operands: Sequence[Any]) -> tuple[str, str, list[ndarray]]:
    if len(operands) == 0:
        raise ValueError("No input operands")
    if isinstance(operands[0], str):
        subscripts = operands[0].replace(" ", "")
        ops = [asarray(v) for v in operands[1:]]
        for s in subscripts:
            if s in ".,->":
                continue
            if s not in einsum_symbols:
                raise ValueError(f"Character {s} is not a valid symbol.")
    else:
        tmp = list(operands)
        operand_list = []
        subscript_list = []
        for _ in range(len(operands) // 2):
            operand_list.append(tmp.pop(0))
            subscript_list.append(tmp.pop(0))
        output_list = tmp[-1] if len(tmp) else None
        ops = [asarray(v) for v in operand_list]
        subscripts = ",".join(_sublist_to_str(sub) for sub in subscript_list)
        if output_list is not None:
            subscripts += "->" + _sublist_to_str(output_list)
    if ("-" in subscripts) or (">" in subscripts):
        invalid = (subscripts.count("-") > 1) or (subscripts.count(">") > 1)
        if invalid or (subscripts.count("->") != 1):
            raise ValueError("Subscripts can only contain one '->'.")
    if "." in subscripts:
        used = subscripts.replace(".", "").replace(",", "").replace("->", "")
        unused = sorted(einsum_symbols_set - set(used))
        ellipse_inds = "".join(unused)
        longest = 0
        if "->" in subscripts:
            input_tmp, output_sub = subscripts.split("->")
            split_subscripts = input_tmp.split(",")
            out_sub = True
        else:
            split_subscripts = subscripts.split(",")
            out_sub = False
        if len(split_subscripts) != len(ops):
            raise ValueError("Number of einsum subscripts must be equal to the "
                             "number of operands.")
        for num, sub in enumerate(split_subscripts):
            if "." in sub:
                if (sub.count(".") != 3) or (sub.count("...") != 1):
                    raise ValueError("Invalid Ellipses.")
                if ops[num].shape == ():
                    ellipse_count = 0
                else:
                    ellipse_count = max(ops[num].ndim, 1)
                    ellipse_count -= len(sub) - 3
                if ellipse_count > longest:
                    longest = ellipse_count
                if ellipse_count < 0:
                    raise ValueError("Ellipses lengths do not match.")
                if ellipse_count == 0:
                    split_subscripts[num] = sub.replace("...", "")
                else:
                    rep_inds = ellipse_inds[-ellipse_count:]
                    split_subscripts[num] = sub.replace("...", rep_inds)
        subscripts = ",".join(split_subscripts)
        out_ellipse = "" if longest == 0 else ellipse_inds[-longest:]
        if out_sub:
            subscripts += "->" + output_sub.replace("...", out_ellipse)
        else:
            output_subscript = ""
            tmp_subscripts = subscripts.replace(",", "")
            for s in sorted(set(tmp_subscripts)):
                if s not in einsum_symbols:
                    raise ValueError(f"Character {s} is not a valid symbol.")
                if tmp_subscripts.count(s) == 1:
                    output_subscript += s
            normal_inds = "".join(sorted(set(output_subscript) - set(out_ellipse)))
            subscripts += "->" + out_ellipse + normal_inds
    if "->" in subscripts:
        input_subscripts, output_subscript = subscripts.split("->")
    else:
        input_subscripts = subscripts
        tmp_subscripts = subscripts.replace(",", "")
        output_subscript = ""
        for s in sorted(set(tmp_subscripts)):
            if s not in einsum_symbols:
                raise ValueError(f"Character {s} is not a valid symbol.")
            if tmp_subscripts.count(s) == 1:
                output_subscript += s
    for char in output_subscript:
        if output_subscript.count(char) != 1:
            raise ValueError(f"Output character {char} appeared more than once in "
                             "the output.")
        if char not in input_subscripts:
            raise ValueError(f"Output character {char} did not appear in the input")
    if len(input_subscripts.split(",")) != len(ops):
        raise ValueError("Number of einsum subscripts must be equal to the "
                         "number of operands.")
    return (input_subscripts, output_subscript, ops)


def einsum_path(*operands: Any, optimize: Any = "greedy",
                einsum_call: bool = False) -> Any:
    """The contraction order ``einsum`` uses, as ``(['einsum_path', (i, j), ...], report)``
    (NumPy's format: the path list and a printed cost report)."""
    path_type = optimize
    if path_type is True:
        path_type = "greedy"
    if path_type is None:
        path_type = False
    explicit_einsum_path = False
    memory_limit = None
    if (path_type is False) or isinstance(path_type, str):
        pass
    elif len(path_type) and (path_type[0] == "einsum_path"):
        explicit_einsum_path = True
    elif ((len(path_type) == 2) and isinstance(path_type[0], str)
          and isinstance(path_type[1], (int, float))):
        memory_limit = int(path_type[1])
        path_type = path_type[0]
    else:
        raise TypeError(f"Did not understand the path: {str(path_type)}")
    input_subscripts, output_subscript, ops = _parse_einsum_input(operands)
    input_list = input_subscripts.split(",")
    num_inputs = len(input_list)
    input_sets = [set(x) for x in input_list]
    output_set = set(output_subscript)
    indices = set(input_subscripts.replace(",", ""))
    num_indices = len(indices)
    dimension_dict: dict[str, int] = {}
    for tnum, term in enumerate(input_list):
        sh = ops[tnum].shape
        if len(sh) != len(term):
            raise ValueError(f"Einstein sum subscript {input_subscripts[tnum]} does not "
                             "contain the correct number of indices for operand "
                             f"{tnum}.")
        for cnum, char in enumerate(term):
            dim = sh[cnum]
            if char in dimension_dict:
                if dimension_dict[char] == 1:
                    dimension_dict[char] = dim
                elif dim not in (1, dimension_dict[char]):
                    raise ValueError(f"Size of label {char!r} for operand {tnum} "
                                     f"({dimension_dict[char]}) does not match previous "
                                     f"terms ({dim}).")
            else:
                dimension_dict[char] = dim
    size_list = [_compute_size_by_dict(term, dimension_dict)
                 for term in input_list + [output_subscript]]
    max_size = max(size_list)
    memory_arg = max_size if memory_limit is None else memory_limit
    if explicit_einsum_path:
        path = [tuple(p) for p in path_type[1:]]
    elif (path_type is False) or (num_inputs in [1, 2]) or (indices == output_set):
        path = [tuple(range(num_inputs))]
    elif path_type in ("greedy", "optimal"):
        path = _search_path(path_type, input_sets, output_set, dimension_dict, memory_arg)
    else:
        raise KeyError("Path name %s not found", path_type)
    cost_list: list[int] = []
    scale_list: list[int] = []
    size_list = []
    contraction_list = []
    for cnum, contract_inds in enumerate(path):
        contract_inds = tuple(sorted(contract_inds, reverse=True))
        contract = _find_contraction(contract_inds, input_sets, output_set)
        out_inds, input_sets, idx_removed, idx_contract = contract
        if not einsum_call:
            cost = _flop_count(idx_contract, bool(idx_removed), len(contract_inds),
                               dimension_dict)
            cost_list.append(cost)
            scale_list.append(len(idx_contract))
            size_list.append(_compute_size_by_dict(out_inds, dimension_dict))
        tmp_inputs = [input_list.pop(x) for x in contract_inds]
        if (cnum - len(path)) == -1:
            idx_result = output_subscript
        else:
            sort_result = [(dimension_dict[ind], ind) for ind in out_inds]
            idx_result = "".join([x[1] for x in sorted(sort_result)])
        input_list.append(idx_result)
        einsum_str = ",".join(tmp_inputs) + "->" + idx_result
        contraction_list.append((contract_inds, einsum_str, input_list[:]))
    if len(input_list) != 1:
        raise RuntimeError(f"Invalid einsum_path is specified: {len(input_list) - 1} "
                           "more operands has to be contracted.")
    if einsum_call:
        return (ops, contraction_list)
    overall_contraction = input_subscripts + "->" + output_subscript
    inner_product = (sum(len(set(x)) for x in input_subscripts.split(",")) - num_indices) > 0
    naive_cost = _flop_count(indices, inner_product, num_inputs, dimension_dict)
    opt_cost = sum(cost_list) + 1
    speedup = naive_cost / opt_cost
    max_i = max(size_list)
    path_print = f"  Complete contraction:  {overall_contraction}\n"
    path_print += f"         Naive scaling:  {num_indices}\n"
    path_print += f"     Optimized scaling:  {max(scale_list)}\n"
    path_print += f"      Naive FLOP count:  {naive_cost:.3e}\n"
    path_print += f"  Optimized FLOP count:  {opt_cost:.3e}\n"
    path_print += f"   Theoretical speedup:  {speedup:3.3f}\n"
    path_print += f"  Largest intermediate:  {max_i:.3e} elements\n"
    path_print += "-" * 74 + "\n"
    path_print += f"{'scaling':>6} {'current':>24} {'remaining':>40}\n"
    path_print += "-" * 74
    for n, contraction in enumerate(contraction_list):
        _, einsum_str, remaining = contraction
        remaining_str = ",".join(remaining) + "->" + output_subscript
        path_print += f"\n{scale_list[n]:4d}    {einsum_str:>24} {remaining_str:>40}"
    return (["einsum_path"] + path, path_print)


# ---------------------------------------------------------------------------------------
# einsum: execution through matmul.

def _sum_labels(a: ndarray, labels: str, drop: set[str]) -> tuple[ndarray, str]:
    """Sum `a` over the axes whose label is in `drop` (keeping the dtype, as einsum does)."""
    axes = tuple(i for i, c in enumerate(labels) if c in drop)
    if not axes:
        return a, labels
    return (asarray(a.sum(axis=axes, dtype=a.dtype)),
            "".join(c for c in labels if c not in drop))


def _prepare(a: ndarray, labels: str, needed: set[str]) -> tuple[ndarray, str]:
    """Diagonal view for repeated labels, then sum over labels not `needed`."""
    if len(set(labels)) != len(labels):
        a, codes = _einsum_diagonal(a, [ord(c) for c in labels])
        labels = "".join(chr(c) for c in codes)
    return _sum_labels(a, labels, set(labels) - needed)


def _contract_pair(a: ndarray, la: str, b: ndarray, lb: str,
                   keep: set[str]) -> tuple[ndarray, str]:
    a, la = _sum_labels(a, la, {c for c in la if c not in lb and c not in keep})
    b, lb = _sum_labels(b, lb, {c for c in lb if c not in la and c not in keep})
    contracted = [c for c in la if c in lb and c not in keep]
    # A contracted label broadcast against size 1 on one side: sum the other side first.
    for c in contracted:
        na, nb = a.shape[la.index(c)], b.shape[lb.index(c)]
        if na != nb:
            if na == 1:
                b = b.sum(axis=lb.index(c), keepdims=True, dtype=b.dtype)
            else:
                a = a.sum(axis=la.index(c), keepdims=True, dtype=a.dtype)
    batch = [c for c in la if c in lb and c in keep]
    fa = [c for c in la if c not in lb]
    fb = [c for c in lb if c not in la]
    sa = {c: a.shape[la.index(c)] for c in la}
    sb = {c: b.shape[lb.index(c)] for c in lb}
    if not contracted:
        # Nothing summed: a broadcast multiply, (batch, fa, 1..) * (batch, 1.., fb).
        at = a.transpose([la.index(c) for c in batch + fa]).reshape(
            tuple(sa[c] for c in batch + fa) + (1,) * len(fb))
        bt = b.transpose([lb.index(c) for c in batch + fb]).reshape(
            tuple(sb[c] for c in batch) + (1,) * len(fa) + tuple(sb[c] for c in fb))
        return multiply(at, bt), "".join(batch + fa + fb)
    k = math.prod(sa[c] for c in contracted)
    at = a.transpose([la.index(c) for c in batch + fa + contracted]).reshape(
        tuple(sa[c] for c in batch) + (math.prod(sa[c] for c in fa), k))
    bt = b.transpose([lb.index(c) for c in batch + contracted + fb]).reshape(
        tuple(sb[c] for c in batch) + (k, math.prod(sb[c] for c in fb)))
    res = matmul(at, bt)
    shape = tuple(res.shape[: len(batch)]) + tuple(sa[c] for c in fa) + tuple(
        sb[c] for c in fb)
    return res.reshape(shape), "".join(batch + fa + fb)


def _contract(ops: list[ndarray], subs: list[str], out_sub: str) -> ndarray:
    """One einsum step: `subs[i]` labels `ops[i]`; the result is labelled `out_sub`."""
    work = []
    for i, (a, s) in enumerate(zip(ops, subs)):
        needed = set(out_sub).union(*(set(t) for j, t in enumerate(subs) if j != i))
        work.append(_prepare(a, s, needed))
    while len(work) > 1:
        (a, la), (b, lb) = work[0], work[1]
        keep = set(out_sub).union(*(set(t) for _, t in work[2:]))
        # The operand with more free elements goes on the left (GEMM's row side, where
        # its kernels are fastest); the final transpose puts the labels in order.
        free_a = math.prod(d for c, d in zip(la, a.shape) if c not in lb)
        free_b = math.prod(d for c, d in zip(lb, b.shape) if c not in la)
        if free_b > free_a:
            (a, la), (b, lb) = (b, lb), (a, la)
        work[:2] = [_contract_pair(a, la, b, lb, keep)]
    a, la = work[0]
    a, la = _sum_labels(a, la, set(la) - set(out_sub))
    if la != out_sub:
        a = a.transpose([la.index(c) for c in out_sub])
    return a


_PATH_CACHE: dict[Any, Any] = {}


def _cached_path(operands: Sequence[Any], optimize: Any) -> tuple[list[ndarray], Any]:
    """``einsum_path(..., einsum_call=True)``, remembered per (subscripts, operand
    shapes, optimize) for the string form: the search and the parsing cost more than a
    small contraction."""
    if (operands and isinstance(operands[0], str)
            and isinstance(optimize, (bool, str)) and optimize is not None):
        ops = [asarray(v) for v in operands[1:]]
        key = (operands[0], tuple(o.shape for o in ops), optimize)
        hit = _PATH_CACHE.get(key)
        if hit is None:
            _, hit = einsum_path(operands[0], *ops, optimize=optimize, einsum_call=True)
            if len(_PATH_CACHE) >= 256:
                _PATH_CACHE.clear()
            _PATH_CACHE[key] = hit
        return ops, hit
    ops2, contractions = einsum_path(*operands, optimize=optimize, einsum_call=True)
    return ops2, contractions


def einsum(*operands: Any, out: ndarray | None = None, optimize: Any = False,
           dtype: Any = None, order: str = "K", casting: str = "safe") -> Any:
    """Einstein summation: ``einsum('ij,jk->ik', a, b)``; contractions run through
    ``matmul`` in the order ``optimize`` picks (see :func:`einsum_path`)."""
    if order not in ("K", "A", "C", "F", "k", "a", "c", "f"):
        raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got {order!r})")
    if casting not in ("no", "equiv", "safe", "same_kind", "unsafe"):
        raise ValueError("casting must be one of 'no', 'equiv', 'safe', 'same_kind', or "
                         "'unsafe'")
    ops, contractions = _cached_path(operands, optimize)
    if dtype is not None:
        for o in ops:
            if not can_cast(o.dtype, dtype, casting):
                raise TypeError(f"Cannot cast array data from {o.dtype!r} to "
                                f"{result_type(dtype)!r} according to the rule {casting!r}")
        common = result_type(dtype)
    else:
        common = result_type(*ops)
    ops = [o if o.dtype == common else o.astype(common) for o in ops]
    pure = False
    for contract_inds, einsum_str, _remaining in contractions:
        tmp = [ops.pop(x) for x in contract_inds]
        lhs, rhs = einsum_str.split("->")
        terms = lhs.split(",")
        if len(tmp) == 2:
            # NumPy's bmm_einsum: no label of size > 1 on both sides summed away means a
            # plain multiply (whose 0-d result is a scalar).
            big = [{c for c, d in zip(t, o.shape) if d != 1} for t, o in zip(terms, tmp)]
            pure = not ((big[0] & big[1]) - set(rhs))
        ops.append(_contract(tmp, terms, rhs))
    res = ops[0]
    if out is not None:
        if not isinstance(out, ndarray):
            raise TypeError("'out' must be an array")
        if not can_cast(res.dtype, out.dtype, casting):
            raise TypeError(f"Cannot cast array data from {res.dtype!r} to {out.dtype!r} "
                            f"according to the rule {casting!r}")
        if out.shape != res.shape:
            raise ValueError(f"output has shape {out.shape}, expected {res.shape}")
        out[...] = res
        return out
    # NumPy: a 0-d result is a scalar, except when `optimize` ran a last step with two
    # operands (its batched-matmul path returns an array).
    two = optimize is not False and len(contractions[-1][0]) == 2
    if res.ndim == 0 and not (two and not pure):
        return res[()]
    if not res.flags.c_contiguous and res.size > 1:
        res = res.copy()
    return res
