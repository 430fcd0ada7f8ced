"""Floating-point error state (seterr / geterr / errstate / seterrcall) against NumPy.

`ox._core._errstate_report(name, flags)` is exactly what every ufunc call does with the
flags it raised; the NumPy side raises the same flags with a real operation
(`_NP_TRIGGERS`). Tests through real oxarray ufuncs are at the end of the file.
"""

import asyncio
import threading
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import oxarray as ox

MODES = ["ignore", "warn", "raise", "call", "print", "log"]
CATS = ["divide", "over", "under", "invalid"]

# flags -> (ufunc name, a NumPy call raising exactly these flags)
_NP_TRIGGERS = {
    1: ("divide", lambda: np.divide(np.array([1.0]), np.array([0.0]))),
    2: ("multiply", lambda: np.multiply(np.array([1e300]), np.array([1e300]))),
    4: ("multiply", lambda: np.multiply(np.array([1e-300]), np.array([1e-300]))),
    8: ("divide", lambda: np.divide(np.array([0.0]), np.array([0.0]))),
    10: ("divide", lambda: np.divide(np.array([0.0, 1e300]), np.array([0.0, 1e-300]))),
}


def ox_trigger(flags):
    name, _ = _NP_TRIGGERS[flags]
    return lambda: ox._core._errstate_report(name, flags)


@pytest.fixture(autouse=True)
def _isolated():
    # seterr changes the current context; restore both libraries after each test.
    with np.errstate(), ox.errstate():
        yield


def test_defaults_match_numpy():
    assert ox.geterr() == np.geterr()
    assert ox.geterrcall() is None and np.geterrcall() is None
    assert list(ox.geterr()) == list(np.geterr())
    assert ox.geterr_int_overflow() == "ignore"


kwargs_st = st.fixed_dictionaries(
    {},
    optional={k: st.sampled_from(MODES) for k in ["all", *CATS]},
)


@given(st.lists(kwargs_st, max_size=4))
def test_seterr_sequence_matches_numpy(seq):
    with np.errstate(), ox.errstate():
        for kw in seq:
            assert ox.seterr(**kw) == np.seterr(**kw)
            assert ox.geterr() == np.geterr()


@pytest.mark.parametrize("bad", ["foo", 3, "WARN", b"warn"])
@pytest.mark.parametrize("key", ["all", "divide", "invalid"])
def test_invalid_mode(bad, key):
    with pytest.raises(ValueError) as e_np:
        np.seterr(**{key: bad})
    with pytest.raises(ValueError) as e_ox:
        ox.seterr(**{key: bad})
    assert str(e_ox.value) == str(e_np.value)
    with pytest.raises(ValueError):
        with ox.errstate(**{key: bad}):
            pass
    assert ox.geterr() == np.geterr()


def test_unknown_keyword():
    with pytest.raises(TypeError):
        np.seterr(foo="warn")
    with pytest.raises(TypeError):
        ox.seterr(foo="warn")
    with pytest.raises(TypeError):
        ox.errstate(foo="warn")


@pytest.mark.parametrize("bad", [3, "x", object()])
def test_seterrcall_rejects(bad):
    with pytest.raises(TypeError) as e_np:
        np.seterrcall(bad)
    with pytest.raises(TypeError) as e_ox:
        ox.seterrcall(bad)
    assert str(e_ox.value) == str(e_np.value)


def test_seterrcall_returns_old():
    def f(*a):
        pass

    class Log:
        def write(self, msg):
            pass

    log = Log()
    assert ox.seterrcall(f) is np.seterrcall(f) is None
    assert ox.seterrcall(log) is f and np.seterrcall(log) is f
    assert ox.geterrcall() is log and np.geterrcall() is log
    assert ox.seterrcall(None) is log


@pytest.mark.parametrize("flags", sorted(_NP_TRIGGERS))
def test_warn_mode_message(flags):
    with np.errstate(all="warn"), ox.errstate(all="warn"):
        with pytest.warns(RuntimeWarning) as np_rec:
            _NP_TRIGGERS[flags][1]()
        with pytest.warns(RuntimeWarning) as ox_rec:
            ox_trigger(flags)()
    assert [str(w.message) for w in ox_rec] == [str(w.message) for w in np_rec]
    assert all(w.category is RuntimeWarning for w in ox_rec)


@pytest.mark.parametrize("flags", sorted(_NP_TRIGGERS))
def test_raise_mode(flags):
    with np.errstate(all="raise"), ox.errstate(all="raise"):
        with pytest.raises(FloatingPointError) as e_np:
            _NP_TRIGGERS[flags][1]()
        with pytest.raises(FloatingPointError) as e_ox:
            ox_trigger(flags)()
    assert str(e_ox.value) == str(e_np.value)


@pytest.mark.parametrize("flags", sorted(_NP_TRIGGERS))
def test_ignore_mode(flags):
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            _NP_TRIGGERS[flags][1]()
            assert ox_trigger(flags)() is None


@pytest.mark.parametrize("flags", sorted(_NP_TRIGGERS))
def test_call_mode(flags):
    got_np, got_ox = [], []
    with np.errstate(all="call", call=lambda *a: got_np.append(a)):
        _NP_TRIGGERS[flags][1]()
    with ox.errstate(all="call", call=lambda *a: got_ox.append(a)):
        ox_trigger(flags)()
    assert got_ox == got_np and got_np


@pytest.mark.parametrize("flags", sorted(_NP_TRIGGERS))
def test_log_mode(flags):
    class Log:
        def __init__(self):
            self.msgs = []

        def write(self, msg):
            self.msgs.append(msg)

    ln, lo = Log(), Log()
    with np.errstate(all="log", call=ln):
        _NP_TRIGGERS[flags][1]()
    with ox.errstate(all="log", call=lo):
        ox_trigger(flags)()
    assert lo.msgs == ln.msgs and ln.msgs


@pytest.mark.parametrize("flags", sorted(_NP_TRIGGERS))
def test_print_mode(flags, capfd):
    with np.errstate(all="print"):
        _NP_TRIGGERS[flags][1]()
    np_err = capfd.readouterr().err
    with ox.errstate(all="print"):
        ox_trigger(flags)()
    ox_err = capfd.readouterr().err
    assert ox_err == np_err and np_err


@pytest.mark.parametrize("mode", ["call", "log"])
def test_call_without_callback_is_name_error(mode):
    with np.errstate(all=mode, call=None), pytest.raises(NameError) as e_np:
        _NP_TRIGGERS[1][1]()
    with ox.errstate(all=mode, call=None), pytest.raises(NameError) as e_ox:
        ox_trigger(1)()
    assert str(e_ox.value) == str(e_np.value)


def test_callback_exception_propagates():
    class Boom(Exception):
        pass

    def f(*a):
        raise Boom

    with ox.errstate(all="call", call=f), pytest.raises(Boom):
        ox_trigger(1)()


def test_mixed_modes_first_raise_stops():
    # divide warns, invalid raises: NumPy handles divide first, then raises for invalid.
    with np.errstate(divide="call", invalid="raise", call=lambda *a: None):
        with pytest.raises(FloatingPointError) as e_np:
            np.divide(np.array([0.0, 1.0]), np.array([0.0, 0.0]))
    calls = []
    with ox.errstate(divide="call", invalid="raise", call=lambda *a: calls.append(a)):
        with pytest.raises(FloatingPointError) as e_ox:
            ox._core._errstate_report("divide", 1 | 8)
    assert str(e_ox.value) == str(e_np.value)
    assert calls == [("divide by zero", 9)]


def test_errstate_restores_on_exception():
    before = ox.geterr()
    with pytest.raises(KeyError):
        with ox.errstate(all="raise", call=print):
            assert ox.geterr() == {k: "raise" for k in CATS}
            assert ox.geterrcall() is print
            raise KeyError
    assert ox.geterr() == before == np.geterr()
    assert ox.geterrcall() is None


def test_errstate_restores_seterr_inside():
    with ox.errstate(divide="ignore"), np.errstate(divide="ignore"):
        ox.seterr(all="raise")
        np.seterr(all="raise")
        assert ox.geterr() == np.geterr()
    assert ox.geterr() == np.geterr()


def test_errstate_nested():
    with ox.errstate(all="ignore"), np.errstate(all="ignore"):
        with ox.errstate(over="raise"), np.errstate(over="raise"):
            assert ox.geterr() == np.geterr()
        assert ox.geterr() == np.geterr()


def test_errstate_enter_twice_raises():
    e = ox.errstate(all="ignore")
    with e:
        with pytest.raises(TypeError):
            e.__enter__()
    # Difference from NumPy (documented): a left errstate may be entered again.
    with e:
        assert ox.geterr()["divide"] == "ignore"


def test_errstate_decorator():
    @ox.errstate(all="raise")
    def f(x):
        return ox.geterr(), x

    @np.errstate(all="raise")
    def g(x):
        return np.geterr(), x

    assert f(1) == g(1)
    assert f.__name__ == "f"
    assert ox.geterr() == np.geterr()

    @ox.errstate(invalid="ignore")
    def boom():
        raise ValueError

    with pytest.raises(ValueError):
        boom()
    assert ox.geterr() == np.geterr()


def test_errstate_call_keyword():
    with ox.errstate(call=print), np.errstate(call=print):
        assert ox.geterrcall() is np.geterrcall() is print
    assert ox.geterrcall() is None
    with pytest.raises(TypeError):
        with ox.errstate(call=3):
            pass


def test_threads_do_not_see_each_other():
    barrier = threading.Barrier(2, timeout=30)
    seen = {}

    def worker(name, mode):
        with ox.errstate(all=mode):
            barrier.wait()  # both threads are inside their errstate now
            seen[name] = ox.geterr()
            try:
                ox_trigger(1)()
                seen[name + "-raised"] = None
            except FloatingPointError as e:
                seen[name + "-raised"] = str(e)
            barrier.wait()

    ts = [
        threading.Thread(target=worker, args=("a", "raise")),
        threading.Thread(target=worker, args=("b", "ignore")),
    ]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert seen["a"] == {k: "raise" for k in CATS}
    assert seen["b"] == {k: "ignore" for k in CATS}
    assert seen["a-raised"] == "divide by zero encountered in divide"
    assert seen["b-raised"] is None
    assert ox.geterr() == np.geterr()


def test_seterr_in_thread_stays_in_thread():
    result = {}

    def worker():
        ox.seterr(all="raise", int_overflow="warn")
        result["inner"] = ox.geterr()
        result["checks"] = ox._core._errstate_int_overflow_checks()

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    assert result["inner"] == {k: "raise" for k in CATS}
    assert result["checks"] is True
    assert ox.geterr() == np.geterr()
    assert ox._core._errstate_int_overflow_checks() is False


def test_asyncio_tasks_are_isolated():
    async def task(mode, log):
        with ox.errstate(all=mode):
            for _ in range(3):
                await asyncio.sleep(0)  # let the other task run inside its errstate
                log.append(ox.geterr()["divide"])
                try:
                    ox_trigger(1)()
                    log.append("quiet")
                except FloatingPointError:
                    log.append("raised")

    async def main():
        a, b = [], []
        await asyncio.gather(task("raise", a), task("ignore", b))
        return a, b

    a, b = asyncio.run(main())
    assert a == ["raise", "raised"] * 3
    assert b == ["ignore", "quiet"] * 3
    assert ox.geterr() == np.geterr()


def test_int_overflow_extension_scoping():
    assert ox._core._errstate_int_overflow_checks() is False
    with ox.errstate(int_overflow="raise"):
        assert ox.geterr_int_overflow() == "raise"
        assert ox._core._errstate_int_overflow_checks() is True
        # NumPy's four keys are unchanged by the extension.
        assert ox.geterr() == np.geterr()
        with pytest.raises(FloatingPointError, match="overflow encountered in add"):
            ox._core._errstate_report("add", 2)
        with ox.errstate(int_overflow="ignore"):
            assert ox._core._errstate_int_overflow_checks() is False
    assert ox._core._errstate_int_overflow_checks() is False
    assert ox.geterr_int_overflow() == "ignore"


def test_int_overflow_seterr_round_trip():
    old = ox.seterr(int_overflow="warn")
    assert old == {**np.geterr(), "int_overflow": "ignore"}
    assert ox._core._errstate_int_overflow_checks() is True
    with pytest.warns(RuntimeWarning, match="overflow encountered in multiply"):
        ox._core._errstate_report("multiply", 2)
    ox.seterr(**old)
    assert ox._core._errstate_int_overflow_checks() is False
    with pytest.raises(ValueError):
        ox.seterr(int_overflow="loud")


# ------------------------------------------------------------------ through real operations


@pytest.mark.parametrize("mode", ["ignore", "warn", "raise"])
def test_cast_overflow_follows_errstate(mode):
    def run(m):
        with m.errstate(over=mode):
            return m.float32(1e300)

    with warnings.catch_warnings(record=True) as np_rec:
        warnings.simplefilter("always")
        try:
            run(np)
            np_exc = None
        except FloatingPointError as e:
            np_exc = str(e)
    with warnings.catch_warnings(record=True) as ox_rec:
        warnings.simplefilter("always")
        try:
            run(ox)
            ox_exc = None
        except FloatingPointError as e:
            ox_exc = str(e)
    assert ox_exc == np_exc
    assert [str(w.message) for w in ox_rec] == [str(w.message) for w in np_rec]


@pytest.mark.parametrize("mode", MODES)
def test_modes_through_a_real_ufunc(mode, capfd):
    got = {}

    class Log:
        def __init__(self):
            self.msgs = []

        def write(self, msg):
            self.msgs.append(msg)

    for m in (np, ox):
        log = Log()
        calls = []
        call = log if mode == "log" else (lambda *a, calls=calls: calls.append(a))
        with warnings.catch_warnings(record=True) as rec:
            warnings.simplefilter("always")
            with m.errstate(all=mode, call=call):
                try:
                    m.divide(m.array([0.0, 1.0]), m.array([0.0, 0.0]))
                    exc = None
                except FloatingPointError as e:
                    exc = str(e)
        got[m.__name__] = (exc, [str(w.message) for w in rec], calls, log.msgs, capfd.readouterr().err)
    assert got["oxarray"] == got["numpy"]


def test_threads_with_real_ufunc_calls():
    # Large enough that the engine releases the GIL while computing: each thread's
    # settings must still apply to its own calls. (No catch_warnings here: it is not
    # thread-safe; a stray warning would be raised as an error by pytest's filter.)
    n = 1 << 17
    zeros = ox.zeros(n)
    barrier = threading.Barrier(3, timeout=60)
    seen = {}

    def worker(mode):
        calls = []
        with ox.errstate(divide=mode, call=lambda *a: calls.append(a)):
            barrier.wait()
            outcomes = []
            for _ in range(5):
                try:
                    ox.divide(1.0, zeros)
                    outcomes.append("quiet")
                except FloatingPointError as e:
                    outcomes.append(str(e))
                except RuntimeWarning as w:
                    outcomes.append(f"warned: {w}")
        seen[mode] = (outcomes, calls)

    ts = [threading.Thread(target=worker, args=(m,)) for m in ("raise", "ignore", "call")]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert seen["raise"] == (["divide by zero encountered in divide"] * 5, [])
    assert seen["ignore"] == (["quiet"] * 5, [])
    assert seen["call"] == (["quiet"] * 5, [("divide by zero", 1)] * 5)
