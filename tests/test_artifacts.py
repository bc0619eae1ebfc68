"""copydesk.artifacts: the store of derived data, kept between runs like bytecode."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

from copydesk import artifacts, patterns


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-10] + bytes(10),  # payload overwritten
        lambda data: b"not a store at all",
        # another regex: its files differ
        lambda data: data.replace(repr(artifacts._regex_files()).encode(), b"()"),
    ],
)
def test_damaged_or_foreign_store_is_ignored(store: Path, damage: Any) -> None:
    patterns.compile(r"(?P<x>a+)b", 0)
    artifacts.use_store(store)
    store.write_bytes(damage(store.read_bytes()))
    artifacts.use_store(store)
    pattern = patterns.compile(r"(?P<x>a+)b", 0)
    assert artifacts.store().added == 1, "a damaged file must be ignored and the pattern compiled"
    assert pattern.search("xaab").group("x") == "aa"


def test_nothing_written_when_bytecode_is_not(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    patterns.compile(r"x+y", 0)
    artifacts.store().save()
    assert not store.exists()


def test_a_forked_worker_does_not_write(store: Path) -> None:
    patterns.compile(r"x+z", 0)
    artifacts.store().owner = os.getpid() + 1  # as seen from a forked child
    artifacts.store().save()
    assert not store.exists()


def test_two_runs_saving_keep_both_runs_patterns(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patterns.compile(r"one", 0)
    artifacts.store().save()
    first, second = artifacts.Store(store), artifacts.Store(store)  # two processes at once
    monkeypatch.setattr(artifacts, "_store", first)
    patterns.compile(r"two", 0)
    monkeypatch.setattr(artifacts, "_store", second)
    patterns.compile(r"three", 0)
    first.save()
    second.save()
    saved = artifacts.decode(store.read_bytes())
    assert saved is not None
    assert {key[1] for key in saved} == {"one", "two", "three"}


def test_store_file_readable_by_others(store: Path) -> None:
    patterns.compile(r"mode", 0)
    artifacts.store().save()
    assert store.stat().st_mode & 0o777 == 0o644


def test_toml_is_parsed_once_then_read_back(store: Path, tmp_path: Path) -> None:
    data = tmp_path / "table.toml"
    data.write_text('[words]\nen = ["the", "and"]\nlimit = 3\n', encoding="utf-8")
    first = artifacts.load_toml(data)
    artifacts.use_store(store)
    second = artifacts.load_toml(data)
    assert artifacts.store().added == 0, "an unchanged file must come from the store"
    assert first == second == {"words": {"en": ["the", "and"], "limit": 3}}
    second["words"]["en"].append("changed")  # a caller's own copy
    assert artifacts.load_toml(data) == first


def test_a_changed_toml_file_is_parsed_again(store: Path, tmp_path: Path) -> None:
    data = tmp_path / "table.toml"
    data.write_text("a = 1\n", encoding="utf-8")
    assert artifacts.load_toml(data) == {"a": 1}
    artifacts.use_store(store)
    data.write_text("a = 22\n", encoding="utf-8")  # another size, another key
    assert artifacts.load_toml(data) == {"a": 22}


def test_toml_with_dates_is_read_but_not_kept(store: Path, tmp_path: Path) -> None:
    data = tmp_path / "dated.toml"
    data.write_text("when = 2026-11-26\n", encoding="utf-8")
    assert str(artifacts.load_toml(data)["when"]) == "2026-11-26"
    assert artifacts.store().added == 0


def test_invalid_toml_raises_as_tomllib_does(store: Path, tmp_path: Path) -> None:
    import tomllib

    data = tmp_path / "bad.toml"
    data.write_text("a = = 1\n", encoding="utf-8")
    with pytest.raises(tomllib.TOMLDecodeError):
        artifacts.load_toml(data)


def test_a_blob_is_built_once_and_read_back_even_when_a_worker_builds_it(store: Path) -> None:
    built: list[int] = []

    def build() -> bytes:
        built.append(os.getpid())
        return b"\x00\x01" * 1000

    pid = os.fork()
    if pid == 0:  # a forked worker is the first to need it: it writes the file
        artifacts.blob("test-blob", ("v", 1), build)
        os._exit(0)
    os.waitpid(pid, 0)
    assert bytes(artifacts.blob("test-blob", ("v", 1), build)) == b"\x00\x01" * 1000
    assert built == []  # read back, not built again
    assert bytes(artifacts.blob("test-blob", ("v", 2), build)) == b"\x00\x01" * 1000
    assert built == [os.getpid()]  # another key: built afresh
    path = next(store.parent.glob("test-blob.*.bin"))
    path.write_bytes(path.read_bytes()[:-5])  # damaged: built again
    assert bytes(artifacts.blob("test-blob", ("v", 2), build)) == b"\x00\x01" * 1000
    assert len(built) == 2
