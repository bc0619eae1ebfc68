"""Finding the files of a run: include and exclude globs, configurations per folder, symlinks.

The walk matches every file against all exclusion globs at once and resolves each folder once
(not each file); these tests pin what that must keep meaning.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

import pytest

from copydesk.config import ConfigFinder, Settings, match_any
from copydesk.runner import discover


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without a configuration file, globs are relative to the working folder (as in ruff).
    monkeypatch.chdir(tmp_path)


def _found(top: Path, *paths: str, force_exclude: bool = False, **overrides: object) -> list[str]:
    finder = ConfigFinder(None, overrides)
    out = discover([str(top / p) for p in paths] or [str(top)], finder, force_exclude=force_exclude)
    return sorted(Path(f).relative_to(top).as_posix() for f, _ in out.files)


def _touch(top: Path, *names: str) -> None:
    for name in names:
        p = top / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("The plant will close in May.\n", encoding="utf-8")


def test_include_globs_match_the_name_case_insensitively(tmp_path: Path) -> None:
    _touch(tmp_path, "a.txt", "B.TXT", "c.Markdown", "d.htm", "e.rst", "f.txt.bak", "g")
    assert _found(tmp_path) == ["B.TXT", "a.txt", "c.Markdown", "d.htm"]


def test_default_excludes_match_any_component(tmp_path: Path) -> None:
    _touch(
        tmp_path,
        "keep.txt",
        "node_modules/x.txt",
        "deep/er/build/y.txt",
        "deep/builder/z.txt",  # "build" is a whole component, not a prefix
        ".hidden/h.txt",
        "sub/.dot.txt",
    )
    assert _found(tmp_path) == ["deep/builder/z.txt", "keep.txt"]


def test_extend_exclude_with_and_without_a_slash(tmp_path: Path) -> None:
    _touch(tmp_path, "drafts/a.md", "drafts/b.txt", "x/drafts/c.md", "notes.txt", "n/notes.txt")
    # A glob with a slash matches the path from the root; one without matches any component.
    assert _found(tmp_path, extend_exclude=("drafts/*.md",)) == [
        "drafts/b.txt",
        "n/notes.txt",
        "notes.txt",
        "x/drafts/c.md",
    ]
    assert _found(tmp_path, extend_exclude=("notes.txt",)) == [
        "drafts/a.md",
        "drafts/b.txt",
        "x/drafts/c.md",
    ]
    assert _found(tmp_path, extend_exclude=("drafts",)) == ["n/notes.txt", "notes.txt"]


def test_globs_are_relative_to_the_configuration_that_applies(tmp_path: Path) -> None:
    _touch(tmp_path, "top/a.txt", "site/old/b.txt", "site/new/c.txt", "old/d.txt")
    (tmp_path / "site" / "copydesk.toml").write_text('extend-exclude = ["old/*"]\n')
    assert _found(tmp_path) == ["old/d.txt", "site/new/c.txt", "top/a.txt"]


def test_a_symlinked_file_is_matched_where_it_points(tmp_path: Path) -> None:
    _touch(tmp_path, "archive/real.txt", "live/own.txt")
    os.symlink(tmp_path / "archive" / "real.txt", tmp_path / "live" / "link.txt")
    assert _found(tmp_path) == ["archive/real.txt", "live/link.txt", "live/own.txt"]
    # Excluding the archive excludes the link too: its target is in the archive.
    assert _found(tmp_path, extend_exclude=("archive",)) == ["live/own.txt"]


def test_explicit_files_are_checked_unless_force_exclude(tmp_path: Path) -> None:
    _touch(tmp_path, "build/a.txt")
    assert _found(tmp_path, "build/a.txt") == ["build/a.txt"]
    assert _found(tmp_path, "build/a.txt", force_exclude=True) == []


@pytest.mark.parametrize(
    "rel",
    ["a.txt", "build", "build/a.txt", "x/build/y.txt", "x/builds/y.txt", "dist.txt", "d/e/f"],
)
def test_one_alternation_means_what_the_globs_mean_one_by_one(rel: str) -> None:
    globs = (*Settings().exclude, "*.txt", "d/e", "x/*/y.txt")

    def one(pattern: str) -> bool:
        whole = fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel, pattern + "/*")
        parts = "/" not in pattern and any(fnmatch.fnmatchcase(p, pattern) for p in rel.split("/"))
        return whole or parts

    assert match_any(rel, globs) == any(one(g) for g in globs)
