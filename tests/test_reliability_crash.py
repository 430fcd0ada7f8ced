"""Issue 8, classes 3, 4 and 7: inputs that used to crash the interpreter.

Every case runs in a fresh subprocess, so a SIGSEGV or an abort fails the test instead of
killing pytest. The child prints one JSON line describing what happened (a result or the
exception type), and NumPy's own behaviour is the reference where NumPy has one.
"""

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))

PRELUDE = """
import json, sys
import oxarray as ox
def deep(n, leaf=1.0):
    x = leaf
    for _ in range(n):
        x = [x]
    return x
def report(f):
    try:
        r = f()
        out = {"ok": True, "shape": list(getattr(r, "shape", ())), "type": type(r).__name__,
               "len": len(r) if isinstance(r, (str, list)) else None}
    except BaseException as e:
        out = {"ok": False, "exc": type(e).__name__, "msg": str(e)[:200]}
    print(json.dumps(out))
"""


def run_child_all(body: str, timeout: float = 60) -> list:
    """Run `body` in a fresh interpreter; every JSON line it printed."""
    code = PRELUDE + textwrap.dedent(body)
    env = dict(os.environ, PYTHONPATH=HERE + os.pathsep + os.environ.get("PYTHONPATH", ""))
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=timeout, env=env)
    assert p.returncode == 0, f"child died with {p.returncode}: {p.stderr[-2000:]}"
    return [json.loads(line) for line in p.stdout.strip().splitlines()]


def run_child(body: str, timeout: float = 60) -> dict:
    return run_child_all(body, timeout)[-1]


# -- class 3: native recursion on user-controlled depth, failed allocations --------------

@pytest.mark.parametrize("call", [
    "ox.array(deep(20000))",
    "ox.asarray(deep(20000))",
    "ox.array(deep(20000), dtype='i4')",
    "ox.add(deep(20000), 1)",
    "ox.array([deep(3000), deep(2000)])",
    "ox.zeros((1,) * 100000).tolist()",
    "repr(ox.zeros((1,) * 100000))",
    "str(ox.zeros((1,) * 100000))",
    "repr(ox.zeros((1,) * 3000 + (2000,)))",
    "ox.zeros((1,) * 100000).sum()",
    "ox.zeros((1,) * 100000).copy()",
])
def test_deep_nesting_and_rank_do_not_crash(call):
    out = run_child(f"report(lambda: {call})")
    # oxarray has no rank limit: these succeed, except the ragged list (NumPy's ValueError).
    if "deep(2000)" in call:
        assert out == {**out, "ok": False, "exc": "ValueError"}
    else:
        assert out["ok"], out


def test_deep_nesting_values():
    out = run_child("""
        a = ox.array(deep(5000, 7))
        def walk(x):  # Python's own == on 5000-deep lists would recurse too far
            for _ in range(5000):
                assert type(x) is list and len(x) == 1
                x = x[0]
            return x
        report(lambda: (a.ndim == 5000 and a.size == 1 and a.sum() == 7 and
                        walk(a.tolist()) == 7) or 1 / 0)
    """)
    assert out["ok"], out


def test_huge_tolist_is_memory_error():
    with pytest.raises(MemoryError):
        np.empty((2**40, 0)).tolist()
    out = run_child("report(lambda: ox.empty((2**40, 0)).tolist())")
    assert out["exc"] == "MemoryError", out


def test_huge_allocations_are_errors():
    for call, exc in [("ox.zeros((2**62, 4))", "ValueError"), ("ox.empty(2**45)", "MemoryError")]:
        out = run_child(f"report(lambda: {call})")
        assert not out["ok"] and out["exc"] in (exc, "MemoryError", "ValueError"), out


# -- class 4: loops installed with the wrong signature -----------------------------------

@pytest.mark.parametrize("types,source", [
    ("dd->d", "ox.divmod"),        # two outputs into a one-output ufunc
    ("dd->dd", "ox.divmod"),       # a signature add does not have
    ("d->dd", "ox.modf"),          # same operand count, other split
    ("dd->d", "ox.negative"),      # one input
    ("ff->f", "ox.add._replace_loop('dd->d', ox.add)"),  # a loop for other dtypes
    ("dd->d", "'not a loop'"),
    ("dd", "ox.multiply"),         # no arrow
    ("ddd->d", "ox.multiply"),
])
def test_replace_loop_checks_arity_and_dtypes(types, source):
    refused, intact = run_child_all(f"""
        def go():
            src = {source}
            return ox.add._replace_loop({types!r}, src)
        report(go)
        # add still works after the refused replacement
        report(lambda: (ox.add(ox.ones(3), ox.ones(3)).tolist() == [2.0, 2.0, 2.0]) or 1 / 0)
    """)
    assert refused == {**refused, "ok": False, "exc": "TypeError"}, refused
    assert intact["ok"], intact


def test_replace_loop_refusal_type():
    out = run_child("report(lambda: ox.add._replace_loop('dd->d', ox.divmod))")
    assert out["exc"] == "TypeError", out
    out = run_child("report(lambda: ox.add._replace_loop('d->dd', ox.modf))")
    assert out["exc"] == "TypeError", out
    out = run_child("""
        old = ox.add._replace_loop('dd->d', ox.multiply)
        report(lambda: ox.add._replace_loop('ff->f', old))
    """)
    assert out["exc"] == "TypeError", out


def test_replace_loop_still_works():
    out = run_child("""
        old = ox.add._replace_loop('dd->d', ox.multiply)
        r1 = (ox.ones(3) * 3 + ox.ones(3) * 2).tolist()
        ox.add._replace_loop('dd->d', old)
        r2 = (ox.ones(3) * 3 + ox.ones(3) * 2).tolist()
        report(lambda: (r1 == [6.0] * 3 and r2 == [5.0] * 3) or 1 / 0)
    """)
    assert out["ok"], out


# -- class 7: DLPack capsules -------------------------------------------------------------

DL_CASES = {
    "ok": {},
    "used name": {"name": b"used_dltensor_versioned"},
    "misnamed": {"name": b"foo"},
    "neg ndim": {"ndim": -1},
    "neg shape": {"shape": (-1,)},
    "bad dtype code": {"code": 9},
    "bad bits": {"bits": 7},
    "lanes 2": {"lanes": 2},
    "bool": {"code": 6, "bits": 8},
    "bfloat": {"code": 4, "bits": 16},
    "device cuda": {"device": 2},
    "device 99": {"device": 99},
    "version 2": {"version": (2, 0)},
    "readonly": {"flags": 1},
    "legacy": {"legacy": True},
}


@pytest.mark.parametrize("case", sorted(DL_CASES))
def test_dlpack_capsules_like_numpy(case):
    kw = DL_CASES[case]
    body = f"""
        import numpy as np
        from dlpack_capsules import make, Producer
        def outcome(f, kw):
            try:
                r = f(Producer(make(**kw)))
                return ["ok", str(r.dtype), list(r.shape), r.tolist()]
            except Exception as e:
                return [type(e).__name__]
        n = outcome(np.from_dlpack, {kw!r})
        o = outcome(ox.from_dlpack, {kw!r})
        print(json.dumps({{"np": n, "ox": o}}))
    """
    out = run_child(body)
    n, o = out["np"], out["ox"]
    if case == "bfloat":
        # Beyond NumPy (which raises): oxarray has bfloat16 and imports kDLBfloat as it
        # (docs/dtypes.md); the values are the capsule's first 8 bytes as bfloat16.
        assert n == ["RuntimeError"]
        bits = np.arange(4.0).view(np.uint16)[:4].astype(np.uint32) << 16
        assert o == ["ok", "bfloat16", [4], bits.view(np.float32).tolist()]
        return
    assert n == o, (case, n, o)


@pytest.mark.parametrize("kw", [
    {"strides": (2**62,)},
    {"strides": (-(2**62),)},
    {"offset": 2**63},
    {"offset": 2**64 - 8},
    {"data": 8},
    {"data": 0},
    {"shape": (2**62, 4)},
    {"shape": (2**58,), "strides": (1,)},
    {"shape": (3,), "strides": (2**56,)},
])
def test_dlpack_impossible_layouts_are_refused(kw):
    # NumPy trusts these (and can crash reading them): we refuse them before reading.
    out = run_child(f"""
        from dlpack_capsules import make, Producer
        report(lambda: ox.from_dlpack(Producer(make(**{kw!r}))).sum())
    """)
    assert out == {**out, "ok": False, "exc": "BufferError"}, out


def test_dlpack_copy_and_device_arguments():
    out = run_child("""
        import numpy as np
        res = []
        for kw in [dict(copy="yes"), dict(copy=1), dict(copy=None), dict(device="cuda"),
                   dict(device=(2, 0)), dict(device="cpu")]:
            row = []
            for f in (np.from_dlpack, ox.from_dlpack):
                try:
                    f(np.arange(3.0), **kw)
                    row.append("ok")
                except Exception as e:
                    row.append(type(e).__name__)
            res.append(row)
        print(json.dumps({"rows": res}))
    """)
    for n, o in out["rows"]:
        assert n == o, out["rows"]


def test_capsule_consumed_once():
    out = run_child("""
        import numpy as np
        cap = np.arange(3.0).__dlpack__(max_version=(1, 0))
        class P:
            def __dlpack__(self, **kw):
                return cap
        a = ox.from_dlpack(P())
        report(lambda: ox.from_dlpack(P()))
    """)
    assert out["exc"] == "ValueError", out
