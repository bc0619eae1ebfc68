"""Corpus mode: JSON Lines in and out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., tuple[int, str, str]]


def corpus(path: Path, n: int = 40) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = f"Story {i} ended. ." if i % 2 else f"Story {i} ended."
            fh.write(json.dumps({"id": i, "text": text, "meta": {"lang": "en"}}) + "\n")
    return path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_findings_per_record(run: Run, tmp_path: Path, jobs: str) -> None:
    src = corpus(tmp_path / "c.jsonl")
    code, out, _ = run(
        "check",
        "--input-format",
        "jsonl",
        "--select",
        "PU101",
        "--jobs",
        jobs,
        "--output-format",
        "json",
        str(src),
    )
    assert code == 1
    names = [r["filename"] for r in json.loads(out)]
    assert names == [f"{src}:{i}:text" for i in range(2, 41, 2)]


def test_fix_rewrites_only_the_text_field(run: Run, tmp_path: Path) -> None:
    src = corpus(tmp_path / "c.jsonl")
    code, _, _ = run("check", "--input-format", "jsonl", "--select", "PU101", "--fix", str(src))
    assert code == 0
    records = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == list(range(40))
    assert all(
        r["text"] == f"Story {r['id']} ended." and r["meta"] == {"lang": "en"} for r in records
    )


def test_bad_records_are_reported_and_kept(run: Run, tmp_path: Path) -> None:
    src = tmp_path / "c.jsonl"
    src.write_text(
        '{"text": "Fine. ."}\nnot json\n{"body": "x"}\n{"text": 5}\n\n{"text": "  "}\n',
        encoding="utf-8",
    )
    code, _, err = run(
        "check",
        "--input-format",
        "jsonl",
        "--select",
        "PU101",
        "--fix",
        "--output-format",
        "concise",
        str(src),
    )
    assert code == 2
    assert f"{src}:2:text: invalid JSON" in err
    assert f"{src}:3:text: record has no field 'text'" in err
    assert f"{src}:4:text: field 'text' is not a string" in err
    assert src.read_text(encoding="utf-8").splitlines() == [
        '{"text": "Fine."}',
        "not json",
        '{"body": "x"}',
        '{"text": 5}',
        '{"text": "  "}',
    ]


def test_stdin_to_stdout_streaming(tmp_path: Path) -> None:
    src = corpus(tmp_path / "c.jsonl", 300)
    env = {**os.environ, "NO_COLOR": "1"}
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "copydesk",
            "check",
            "--input-format",
            "jsonl",
            "--select",
            "PU101",
            "--fix",
            "--text-field",
            "text",
            "-",
        ],
        input=src.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        env=env,
    )
    assert p.returncode == 0, p.stderr
    out = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(out) == 300 and all(r["text"].endswith("ended.") for r in out)
    assert [r["id"] for r in out] == list(range(300))
