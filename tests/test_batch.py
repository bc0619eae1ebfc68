"""Runs over many files: parallel workers, stable order, the cache, cross-file counts."""

from __future__ import annotations

import json
import marshal
from collections.abc import Callable, Hashable, Iterable, Iterator
from pathlib import Path

import pytest

from copydesk import batch as batch_mod
from copydesk.batch import Batch, run_batch
from copydesk.cache import Cache
from copydesk.config import Settings
from copydesk.diagnostics import Diagnostic
from copydesk.document import Document, RunContext
from copydesk.rule import Rule
from copydesk.runner import Mode

Run = Callable[..., tuple[int, str, str]]


def make_corpus(root: Path, n: int = 20) -> list[Path]:
    paths = []
    for i in range(n):
        p = root / f"{i:03d}.txt"
        body = "It ended. ." if i % 3 == 0 else "It ended."
        p.write_text(f"Story {i}.\n\n{body}\n", encoding="utf-8")
        paths.append(p)
    return paths


def test_parallel_equals_sequential_in_order(run: Run, tmp_path: Path) -> None:
    make_corpus(tmp_path)
    args = ("check", "--select", "PU101", "--no-cache", "--output-format", "json", str(tmp_path))
    _, seq, _ = run(*args, "--jobs", "1")
    _, par, _ = run(*args, "--jobs", "2")
    assert seq == par
    names = [Path(r["filename"]).name for r in json.loads(par)]
    assert names == sorted(names) and len(names) == 7


@pytest.mark.parametrize("select", [(), ("--ignore", "BP107")])
def test_large_run_warms_up_before_forking(
    run: Run, tmp_path: Path, select: tuple[str, ...]
) -> None:
    # From PRELOAD_MIN_FILES on, the main process loads the data the workers then share: by
    # checking the first file itself before the main pass forks, or, with a cross-file rule,
    # by checking it (and dropping the report) while the pre-pass's workers run. The output
    # is still complete and in order.
    make_corpus(tmp_path, batch_mod.PRELOAD_MIN_FILES + 6)
    args = ("check", "--no-cache", *select, "--output-format", "json", str(tmp_path))
    _, seq, _ = run(*args, "--jobs", "1")
    _, par, _ = run(*args, "--jobs", "2")
    assert seq == par
    names = [Path(r["filename"]).name for r in json.loads(par)]
    assert names[0] == "000.txt" and names == sorted(names)


@pytest.mark.parametrize("select", [(), ("--ignore", "BP107")])
def test_large_run_warms_its_rules_up_once_before_forking(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, select: tuple[str, ...]
) -> None:
    # `Rule.warm_up` is called in this process (so the workers share what it builds), once a
    # rule, and only by a run large enough to warm up: a run over a few files never pays it.
    from copydesk.rules.garbled.glued_words import GluedWords

    calls: list[str] = []

    def record(self: Rule) -> None:
        calls.append(self.code)

    monkeypatch.setattr(Rule, "warm_up", record)
    monkeypatch.setattr(GluedWords, "warm_up", record)  # (GS003 builds its word screens)
    make_corpus(tmp_path, 9)
    args = ("check", "--no-cache", *select, "--output-format", "json", "--jobs", "2")
    run(*args, str(tmp_path))
    assert calls == []
    make_corpus(tmp_path, batch_mod.PRELOAD_MIN_FILES + 6)
    run(*args, str(tmp_path))
    assert calls and len(calls) == len(set(calls))
    assert "GS003" in calls and ("BP107" in calls) == (not select)


def test_large_parallel_fix_with_the_pre_pass_equals_sequential(run: Run, tmp_path: Path) -> None:
    # A run this large warms this process up on its first file before the pre-pass forks; that
    # warm-up only checks: every file is fixed once, by a worker, with the run's counts.
    n = batch_mod.PRELOAD_MIN_FILES + 6
    template = "Sign up for the Morning Briefing to get our best stories."
    for folder in ("seq", "par"):
        (tmp_path / folder).mkdir()
        for p in make_corpus(tmp_path / folder, n):
            p.write_text(p.read_text(encoding="utf-8") + f"\n{template}\n", encoding="utf-8")
    args = ("check", "--fix", "--unsafe-fixes", "--no-cache", "--select", "PU101,BP107")
    run(*args, "--jobs", "1", str(tmp_path / "seq"))
    run(*args, "--jobs", "2", str(tmp_path / "par"))
    for i in range(n):
        seq = (tmp_path / "seq" / f"{i:03d}.txt").read_text(encoding="utf-8")
        par = (tmp_path / "par" / f"{i:03d}.txt").read_text(encoding="utf-8")
        assert seq == par == f"Story {i}.\n\nIt ended.\n"


def test_cache_hits_on_unchanged_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "c").mkdir()
    paths = make_corpus(tmp_path / "c", 5)
    cache = Cache(tmp_path / "cache")
    files = [(str(p), Settings(select=("PU101",))) for p in paths]
    first = list(run_batch(Batch(files, Mode(), jobs=1, cache=cache)))
    calls = []
    real = batch_mod.check_source

    def counting(*a: object, **k: object) -> object:
        calls.append(a)
        return real(*a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(batch_mod, "check_source", counting)
    second = list(run_batch(Batch(files, Mode(), jobs=1, cache=cache)))
    assert calls == []
    assert [[f.diagnostic for f in r.findings] for r in first] == [
        [f.diagnostic for f in r.findings] for r in second
    ]
    assert [[f.location for f in r.findings] for r in first] == [
        [f.location for f in r.findings] for r in second
    ]
    # A changed file and a changed selection are checked again.
    paths[0].write_text("Changed. .\n", encoding="utf-8")
    list(run_batch(Batch(files, Mode(), jobs=1, cache=cache)))
    assert len(calls) == 1
    other = [(str(p), Settings(select=("PU101",), ignore=("PU",))) for p in paths]
    list(run_batch(Batch(other, Mode(), jobs=1, cache=cache)))
    assert len(calls) == 1 + len(paths)


class Repeated(Rule):
    """Flags a first line seen in at least two files of the run (a test rule)."""

    code = "TT101"
    name = "test-repeated"
    message = "seen in {n} files"
    collects = True

    def collect(self, doc: Document) -> Iterable[Hashable]:
        yield doc.text.splitlines()[0]

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        first = doc.text.splitlines()[0]
        n = doc.run.count(self.code, first)
        if n >= 2:
            yield self.diagnostic(0, len(first), n=n)


def test_run_context_counts_once_per_file() -> None:
    ctx = RunContext()
    ctx.add("X", ["a", "a", "b"])
    ctx.add("X", ["a"])
    assert ctx.count("X", "a") == 2 and ctx.count("X", "b") == 1 and ctx.count("Y", "a") == 0


def test_cross_file_pre_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i, first in enumerate(["Share this", "Share this", "Unique"]):
        (tmp_path / f"{i}.txt").write_text(f"{first}\nbody\n", encoding="utf-8")

    class S(Settings):
        def enabled_codes(self) -> frozenset[str]:
            return frozenset({"TT101"})

        def rules(self) -> list[Rule]:
            return [Repeated()]

    settings = S(extra_rules=(Repeated,))  # a rule the run knows without the built-in index
    files = [(str(tmp_path / f"{i}.txt"), settings) for i in range(3)]
    reports = list(run_batch(Batch(files, Mode(), jobs=1)))
    assert [[f.diagnostic.message for f in r.findings] for r in reports] == [
        ["seen in 2 files"],
        ["seen in 2 files"],
        [],
    ]

    # With a cache: a second run over the same files needs neither the checks nor the pre-pass;
    # a changed file brings both back, with the new counts.
    cache = Cache(tmp_path / "cache")
    calls: list[str] = []
    for name in ("_collect_one", "_load_collected", "_check_one"):
        real = getattr(batch_mod, name)
        monkeypatch.setattr(
            batch_mod, name, lambda *a, _f=real, _n=name: calls.append(_n) or _f(*a)
        )

    def messages() -> list[list[str]]:
        batch = Batch(files, Mode(), jobs=1, cache=cache)
        return [[f.message for f in r.findings] for r in run_batch(batch)]

    assert messages() == [["seen in 2 files"], ["seen in 2 files"], []]
    calls.clear()
    assert messages() == [["seen in 2 files"], ["seen in 2 files"], []]
    assert calls == []
    (tmp_path / "2.txt").write_text("Share this\nanother body\n", encoding="utf-8")
    assert messages() == [["seen in 3 files"]] * 3
    assert calls.count("_check_one") == 3 and calls.count("_collect_one") == 1


def test_cached_and_piped_findings_report_alike(run: Run, tmp_path: Path) -> None:
    # Cold (from workers), warm (from the cache) and single-process runs print the same `full`
    # output, source lines included: findings travel as records with one shared line table.
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(10):
        (corpus / f"{i:02d}.txt").write_text(
            f"Title {i}\r\n\r\nIt ended. . And it began again. . Twice.\r\nShare this:\r\n",
            encoding="utf-8",
        )
    args = ("check", "--output-format", "full", "--show-fixes", str(corpus))
    cache = ("--cache-dir", str(tmp_path / "cache"))
    _, sequential, _ = run(*args, "--no-cache", "--jobs", "1")
    _, cold, _ = run(*args, *cache, "--jobs", "2")
    _, warm, _ = run(*args, *cache, "--jobs", "2")
    assert sequential == cold == warm
    assert sequential.count("It ended. . And it began again. . Twice.") >= 20
    entries = [marshal.loads(p.read_bytes()) for p in (tmp_path / "cache").rglob("*.bin")]
    reports = [e for e in entries if isinstance(e, dict) and "findings" in e]
    assert reports
    for value in reports:
        assert len(value["findings"]) > len(value["lines"]) > 0
        rows = [row for row, _text in value["lines"]]
        assert len(rows) == len(set(rows))  # each line stored once, however many findings


def test_cross_file_counts_raised_after_a_check_are_seen_by_the_next() -> None:
    from copydesk.checker import Checker
    from copydesk.rule import load_rule

    rule = load_rule("BP107")()
    text = "Sign up for the Morning Briefing to get our best stories.\n\nThe plant will close.\n"
    doc = Document(text, path="a.txt")
    keys = list(rule.collect(doc))
    run = RunContext(files=4)
    run.add("BP107", keys)
    checker = Checker([rule], run=run)
    assert checker.check(text, "a.txt") == []  # one file of four: not a template
    run.add("BP107", keys)
    run.add("BP107", keys)
    assert run.peak("BP107") == 3
    assert [d.code for d in checker.check(text, "a.txt")] == ["BP107"]
