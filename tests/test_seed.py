"""The annotated seed article, end to end, with the project's own checker script."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
FILES = [
    "000_bd715bf342a3177c.txt",
    "expected.toml",
    "expected_fixed.txt",
    "expected_fixed_unsafe.txt",
]


def test_seeds_folder_holds_the_seed_and_its_annotations() -> None:
    for name in FILES:
        assert filecmp.cmp(ROOT / "seeds" / name, SHARED_SEEDS / name, shallow=False), name


def test_check_seed_passes() -> None:
    cmd = f"{sys.executable} -m copydesk"
    p = subprocess.run(
        [sys.executable, str(SHARED_SEEDS / "check_seed.py"), cmd],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stdout + p.stderr
    summary = p.stdout.strip().splitlines()[-1]
    assert "clean-text violations 0" in summary
    assert "--fix exact yes" in summary and "--unsafe-fixes exact yes" in summary
