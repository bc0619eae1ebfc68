from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from copydesk import artifacts
from copydesk.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., tuple[int, str, str]]:
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("NO_COLOR", "1")

    def _run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return _run


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A store of derived artifacts of the test's own (`copydesk.artifacts`), written even
    where PYTHONDONTWRITEBYTECODE is set; the default store is back afterwards."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    path = tmp_path / "artifacts.bin"
    artifacts.use_store(path)
    yield path
    artifacts.use_store(artifacts.default_path())
