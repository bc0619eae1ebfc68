"""Two copydesk processes on one tree at once (pre-commit runs hooks in parallel), issue 9.

Real processes, started together on the same folder and the same cache: afterwards every file
must be what one process alone makes of it, no temporary file may be left behind, every cache
entry must load, and a cached run must agree with an uncached one. The races these tests found
(a second `--fix` run reporting the first run's identical write as a conflicting change, and a
same-size edit within one clock tick slipping past the mtime check) have tests of their own below.
"""

from __future__ import annotations

import json
import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from copydesk.cache import Cache
from copydesk.rule import registry
from copydesk.source import SourceError, read_source, write_source

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_bd715bf342a3177c.txt"
FILES = 40
# Rounds per pair of commands, each about a second on two cores. One round already makes the
# two runs collide on most files (they walk the tree in the same order); the long run repeats it:
# `COPYDESK_CONCURRENCY_ROUNDS=20 python -m pytest tests/test_concurrency.py`.
ROUNDS = int(os.environ.get("COPYDESK_CONCURRENCY_ROUNDS", "1"))

Findings = tuple[int, list[dict[str, Any]]]


def dirty_tree(folder: Path) -> None:
    """Forty dirty articles: the seed plus a share of the rules' bad examples each, in both
    line-ending styles, some with a BOM, some as Markdown."""
    seed = SEED.read_text(encoding="utf-8")
    bads = [
        e.bad
        for cls in registry().values()
        for e in cls.examples
        # Plain examples only: no options, no other language or format; no NUL bytes (a file
        # with them is skipped as binary, and exits 2).
        if e.bad and not e.options and e.language in (None, "en") and e.filename is None
        if "\x00" not in e.bad
    ]
    folder.mkdir()
    for i in range(FILES):
        text = seed + "\n\n" + "\n\n".join(bads[i::FILES]) + "\n"
        if i % 5 == 1:
            text = text.replace("\n", "\r\n")
        data = text.encode("utf-8")
        if i % 7 == 2:
            data = b"\xef\xbb\xbf" + data
        (folder / f"article{i:02d}.{'md' if i % 6 == 3 else 'txt'}").write_bytes(data)


def copydesk(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "copydesk", "check", "--output-format", "json", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )


def finish(p: subprocess.Popen[str]) -> tuple[int, str]:
    out, err = p.communicate(timeout=120)
    assert p.returncode in (0, 1), err
    assert err == "", err  # no traceback, and no file reported as changed or unwritable
    return p.returncode, out


def without_folder(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**f, "filename": Path(f["filename"]).name} for f in findings]


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def assert_cache_valid(root: Path) -> int:
    """Every file under the cache is a complete entry (no torn write, no temporary file), and every
    entry the cache reads as a file's findings rebuilds in full. Returns how many such entries
    there are. (Other entries, such as the cross-file pre-pass keys, are the cache's own business:
    the cached run compared with an uncached one below is what checks them.)"""
    cache = Cache(root)
    reports = 0
    for path in root.rglob("*"):
        if path.is_dir() or path == root / ".gitignore":
            continue
        assert path.suffix == ".bin" and cache.dir in path.parents, path
        marshal.loads(path.read_bytes())  # raises on a torn write
        report = cache.get(path.stem, "x.txt")
        if report is not None:
            for f in report.findings:  # rebuilt in full, as a reporter would
                assert f.diagnostic.code == f.code
                assert all(e.start <= e.end for e in f.edits)
            reports += 1
    return reports


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], Findings]:
    """The dirty tree, what one process alone makes of it, and what an uncached check then
    reports on the result."""
    base = tmp_path_factory.mktemp("concurrency")
    dirty_tree(base / "pristine")
    alone = base / "alone"
    shutil.copytree(base / "pristine", alone)
    # The runs that are not racing use one process each: cheaper, and the same results.
    finish(copydesk("--fix", "--no-cache", "--jobs", "1", str(alone)))
    expected = contents(alone)
    assert expected != contents(base / "pristine")  # the fixes really change files
    code, out = finish(copydesk("--no-cache", "--jobs", "1", str(alone)))
    # Findings without a safe fix remain, so comparing with them means something. File names
    # differ between trees: compare the rest.
    findings = (code, sorted(without_folder(json.loads(out)), key=repr))
    assert findings[1]
    return base / "pristine", expected, findings


@pytest.mark.parametrize(
    "pair",
    [(["--fix"], ["--fix"]), ([], ["--fix"])],
    ids=["fix+fix", "check+fix"],
)
def test_two_processes_on_one_tree(
    trees: tuple[Path, dict[str, bytes], Findings],
    tmp_path: Path,
    pair: tuple[list[str], list[str]],
) -> None:
    pristine, expected, uncached = trees
    cache = tmp_path / "cache"
    tree = tmp_path / "tree"
    for _ in range(ROUNDS):
        shutil.rmtree(tree, ignore_errors=True)
        shutil.copytree(pristine, tree)
        procs = [copydesk(*args, "--cache-dir", str(cache), str(tree)) for args in pair]
        for p in procs:
            finish(p)
        # Same names (no temporary file left over) and the same bytes as a run alone.
        assert contents(tree) == expected
        assert_cache_valid(cache)

    # A third run over the result: the shared cache gives what a run without it gives.
    code, out = finish(copydesk("--cache-dir", str(cache), "--jobs", "1", str(tree)))
    assert (code, sorted(without_folder(json.loads(out)), key=repr)) == uncached
    assert assert_cache_valid(cache) >= FILES  # the cached run stored every file's findings


# -- the races, one at a time --------------------------------------------------------------------


def test_second_writer_of_the_same_fix_is_not_an_error(tmp_path: Path) -> None:
    """Two runs read the file, the first writes the fix; the second's write finds the file
    changed, but to exactly what it would write: nothing to do, and no error (it used to exit 2
    with 'file changed on disk')."""
    p = tmp_path / "a.txt"
    p.write_text("It ended. .\n", encoding="utf-8")
    first, second = read_source(p), read_source(p)
    write_source(first, "It ended.\n")
    write_source(second, "It ended.\n")
    assert p.read_text(encoding="utf-8") == "It ended.\n"
    assert [f.name for f in tmp_path.iterdir()] == ["a.txt"]


def test_second_writer_of_another_text_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("It ended. .\n", encoding="utf-8")
    first, second = read_source(p), read_source(p)
    write_source(first, "It ended.\n")
    with pytest.raises(SourceError, match="changed on disk"):
        write_source(second, "It ended. \n")
    assert p.read_text(encoding="utf-8") == "It ended.\n"
    assert [f.name for f in tmp_path.iterdir()] == ["a.txt"]


def test_same_size_edit_in_the_same_clock_tick_is_not_overwritten(tmp_path: Path) -> None:
    """File times have the resolution of a clock tick: an edit of the same size within it
    leaves (mtime, size) as they were. The write must still see the change (it used to
    overwrite it: a lost update)."""
    p = tmp_path / "a.txt"
    p.write_text("It ended. .\n", encoding="utf-8")
    source = read_source(p)
    st = p.stat()
    p.write_text("It ENDED. .\n", encoding="utf-8")  # someone else's edit, same size
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))  # ... within the same tick
    with pytest.raises(SourceError, match="changed on disk"):
        write_source(source, "It ended.\n")
    assert p.read_text(encoding="utf-8") == "It ENDED. .\n"


def test_interrupted_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = tmp_path / "a.txt"
    p.write_text("It ended. .\n", encoding="utf-8")
    source = read_source(p)

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_source(source, "It ended.\n")
    assert [f.name for f in tmp_path.iterdir()] == ["a.txt"]
    assert p.read_text(encoding="utf-8") == "It ended. .\n"


def test_interrupted_cache_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path)

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cache.put_value("ab" * 20, {"BP107": ["x"]})
    assert [f for f in tmp_path.rglob("*") if f.is_file() and f.name != ".gitignore"] == []
