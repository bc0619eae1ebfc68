"""bench/speed.py on its tiny tier, as a subprocess, so the benchmark cannot rot."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "bench" / "speed.py"
PAGES = ROOT.parent / "shared" / "corpus" / "boilerplate" / "pages"
HAS_PEER = importlib.util.find_spec("proselint") is not None
NUMBER = r"\d+(?:\.\d+)?"

needs_corpus = pytest.mark.skipif(not PAGES.exists(), reason="no ../shared/corpus")


def bench(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, str(SCRIPT), "--runs", "1", *args]
    if not HAS_PEER:
        cmd.append("--no-peer")
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


@needs_corpus
def test_tiny_tier_in_both_formats(tmp_path: Path) -> None:
    out, data = tmp_path / "speed.md", tmp_path / "speed.json"
    proc = bench("--tiers", "T,T-md", "--out", str(out), "--json", str(data))
    # exit 1 with a warning when someone edits copydesk during these seconds: not this test's fault
    assert proc.returncode == 0 or "changed during the run" in proc.stderr, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert re.search(r"^Machine: .+, \d+ cores .*Python 3\.\d+.*copydesk \d", text, re.MULTILINE)
    rows = [cells(line) for line in text.splitlines() if re.match(r"\| T(-md)? \|", line)]
    tools = ["copydesk cold", "copydesk warm"]
    if HAS_PEER:
        tools.insert(1, "proselint")  # a round runs cold, proselint, warm
    assert [(r[0], r[3]) for r in rows] == [(t, tool) for t in ("T", "T-md") for tool in tools]
    for r in rows:
        # files, MB, median s, MB/s, peak RSS, findings: all numbers, and the run took time
        assert r[1] == "3"
        for cell in (r[2], r[4], r[5], r[6], r[8]):
            assert re.fullmatch(NUMBER, cell), r
        assert float(r[4]) > 0 and float(r[6]) > 5  # seconds; MiB: a Python process at least
        ratios = r[9:11]
        if HAS_PEER and r[3] != "proselint":
            assert all(re.fullmatch(NUMBER, c) for c in ratios), r
            assert float(ratios[0]) == pytest.approx(1 / float(ratios[1]), rel=0.02)
        else:
            assert ratios == ["—", "—"]
    # the Markdown tier really is Markdown, and bigger than the text it was made from
    results = json.loads(data.read_text(encoding="utf-8"))["results"]
    assert [r["tier"] for r in results] == ["T", "T-md"]
    assert results[1]["mb"] > results[0]["mb"]
    cold = results[0]["samples"]["copydesk cold"][0]
    assert cold["findings"] > 0 and cold["wall_s"] > 0


@pytest.fixture
def speed(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """bench/speed.py imported as a module."""
    spec = importlib.util.spec_from_file_location("bench_speed", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_speed", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_markdown_conversion_is_deterministic_markdown(speed: ModuleType) -> None:
    page = "\n".join(
        [
            "A Title Of The Page",
            "Home",
            "World News",
            "• A bulleted teaser line",
            "The heading of the story",
            "This is a long paragraph with more than twenty words in it, so that the line "
            "before it reads as the heading of a section of the article itself.",
            "Short sentence.",
        ]
    )
    md = speed.to_markdown(page)
    assert md == speed.to_markdown(page)
    assert md.split("\n\n") == [
        "# A Title Of The Page",
        "- [Home](/home)\n- [World News](/world-news)\n- A bulleted teaser line",
        "## The heading of the story",
        page.splitlines()[5],
        "Short sentence.\n",
    ]


@needs_corpus
def test_a_failing_copydesk_fails_the_benchmark(tmp_path: Path) -> None:
    out = tmp_path / "speed.md"
    # an unknown rule selector makes copydesk exit 2
    proc = bench("--tiers", "T", "--no-peer", "--out", str(out), "--copydesk-args=--select XX999")
    assert proc.returncode == 2
    assert "copydesk cold failed (exit code 2)" in proc.stderr
    assert "XX999" in proc.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("code", "findings", "stderr", "ok"),
    [
        (0, 0, "", True),
        (1, 12, "", True),
        (2, 0, "copydesk: error: x.txt: no such file or directory", False),
        (1, 0, "Traceback (most recent call last):\n  ...\nSyntaxError: invalid syntax", False),
        (1, 0, "", False),  # "findings" but none printed: not a real run
        (-9, 0, "", False),  # killed by a signal
    ],
)
def test_only_clean_runs_count(
    speed: ModuleType, code: int, findings: int, stderr: str, ok: bool
) -> None:
    check = speed.check_run
    if ok:
        check("copydesk cold", ["copydesk"], code, findings, stderr)
    else:
        with pytest.raises(speed.BenchError, match=f"exit code {code}"):
            check("copydesk cold", ["copydesk"], code, findings, stderr)


def test_proselint_unreadable_file_is_a_failure(speed: ModuleType) -> None:
    with pytest.raises(speed.BenchError):
        speed.check_run("proselint", ["proselint"], 0, 0, "Error encountered while linting x")


# A child that forks a pool worker touching 120 MiB and holds it a while, then both exit.
WORKER = """
import multiprocessing, time
from concurrent.futures import ProcessPoolExecutor

def touch(mib):
    block = bytearray(mib << 20)
    block[::4096] = b"x" * (len(block) // 4096)
    time.sleep(0.3)
    return len(block)

if __name__ == "__main__":
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        print(pool.submit(touch, 120).result())
"""


def test_memory_covers_pool_workers_and_not_the_benchmark(
    speed: ModuleType, tmp_path: Path
) -> None:
    ballast = bytearray(200 << 20)  # this process is big: its children must not inherit that
    ballast[::4096] = b"x" * (len(ballast) // 4096)
    small = speed.run_once("true", ["true"], tmp_path, tmp_path, tree=False, env=None)
    assert small.max_rss_kib < 30 << 10
    big = speed.run_once("pool", [sys.executable, "-c", WORKER], tmp_path, tmp_path, True, None)
    assert 120 << 10 < big.max_rss_kib < 180 << 10  # the worker, and not the ballast
    assert big.tree_kib is not None and big.tree_kib > 120 << 10
    del ballast
