"""The type stub: a typed program passes ``mypy --strict`` against the
installed package, misuse is caught, and the stub agrees with the compiled
module (mypy's stubtest)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import msgrisk

HERE = Path(__file__).parent

try:
    from mypy import api as mypy_api
except ImportError as e:  # pragma: no cover
    raise ImportError("the typing tests need mypy: pip install -r tests/python/requirements.txt") from e


def mypy(path: Path, cache: Path) -> tuple[str, int]:
    # Checked against the installed package, as a user's code is; run from
    # a folder with no msgrisk sources in it.
    stdout, stderr, status = mypy_api.run(
        ["--strict", "--no-incremental", "--cache-dir", str(cache), "--python-executable", sys.executable, str(path)]
    )
    return stdout + stderr, status


def test_typed_usage_passes_mypy_strict(tmp_path: Path) -> None:
    output, status = mypy(HERE / "typed_usage.py", tmp_path / "cache")
    assert status == 0, output


def test_typed_usage_runs() -> None:
    import typed_usage

    out = typed_usage.main()
    assert out["level"] == "low"
    assert out["evidence"] == [("local.switch", "add me on KIK", 0.4)]
    assert out["span"] == (3, 16)
    assert out["hits"] == [1]
    assert out["bad"] == 1
    assert out["failures"] == 0


def test_misuse_is_caught(tmp_path: Path) -> None:
    bad = tmp_path / "misuse.py"
    bad.write_text(
        textwrap.dedent(
            """
            import msgrisk

            clf = msgrisk.Classifier()
            clf.score(42)
            clf.score_batch(["a"], threads="4")
            r = clf.score("x")
            n: int = r.level
            if r.level == "hgh":
                pass
            r.matches[0].start = 3
            msgrisk.Classifier.from_toml("x", defaults=None)
            """
        ),
        encoding="utf-8",
    )
    output, status = mypy(bad, tmp_path / "cache")
    assert status == 1, output
    for line in (5, 6, 8, 9, 11, 12):
        assert f"misuse.py:{line}:" in output, output


def test_stub_agrees_with_the_module(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "msgrisk._msgrisk"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("name", msgrisk.__all__)
def test_every_export_is_in_the_stub(name: str) -> None:
    stub = (Path(msgrisk.__file__).parent / "_msgrisk.pyi").read_text(encoding="utf-8")
    if name != "LEVELS":
        assert f"class {name}" in stub or f"{name}:" in stub, name
