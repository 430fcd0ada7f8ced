"""`python -m oxarray.demo` prints the whole tour without errors, and new sections can be
appended by later capabilities."""

import subprocess
import sys

import oxarray.demo as demo


def test_demo_runs_every_section(capsys):
    demo.main([])
    out = capsys.readouterr().out
    for title, _ in demo.SECTIONS:
        assert f"== {title} " in out
    assert "ndim=100" in out
    assert "Error" not in out.replace("IndexError:", "").replace("OverflowError:", "").replace(
        "ValueError:", "")


def test_demo_sections_can_be_added_and_selected(capsys):
    seen = []
    demo.add_section("Zzz test section", lambda: seen.append(True) or print("hello from a section"))
    try:
        demo.main(["zzz"])
        out = capsys.readouterr().out
        assert seen == [True]
        assert "hello from a section" in out and "== Creation" not in out
    finally:
        demo.SECTIONS.pop()


def test_demo_as_module_under_warnings_as_errors():
    proc = subprocess.run([sys.executable, "-W", "error", "-m", "oxarray.demo"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "No rank limit" in proc.stdout
