"""Corpus mode: JSON Lines in, findings per record out, and a cleaned JSON Lines with `--fix`.

    copydesk check --input-format jsonl --text-field text corpus.jsonl
    cat corpus.jsonl | copydesk check --input-format jsonl --fix - > clean.jsonl

A record is one line holding a JSON object; the text field is linted like a plain-text file.
Findings name the record as `corpus.jsonl:<record number>:<field>` (records count from 1, like
lines). With `--fix`, every record is written back with only its text field changed, in input
order; a file is replaced atomically, stdin goes to stdout.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import IO

from copydesk.batch import PARALLEL_MIN_FILES, default_jobs
from copydesk.config import Settings
from copydesk.runner import FileReport, Mode, check_source
from copydesk.source import Source

CHUNK = 256  # records per task: enough to amortize pickling, small enough to stream


@dataclass(frozen=True)
class Record:
    number: int
    line: str  # the raw JSON line, without its terminator


@dataclass(frozen=True)
class RecordResult:
    report: FileReport
    output: str | None  # the record line to write (with --fix), else None


_STATE: tuple[str, str, Settings, Mode] | None = None  # inherited by forked workers


def _process(record: Record) -> RecordResult:
    assert _STATE is not None
    name, field, settings, mode = _STATE
    label = f"{name}:{record.number}:{field}"
    try:
        obj = json.loads(record.line)
    except ValueError as exc:
        return RecordResult(FileReport(label, error=f"invalid JSON: {exc}"), record.line)
    if not isinstance(obj, dict) or field not in obj:
        return RecordResult(FileReport(label, error=f"record has no field {field!r}"), record.line)
    text = obj[field]
    if not isinstance(text, str):
        return RecordResult(
            FileReport(label, error=f"field {field!r} is not a string"), record.line
        )
    if not text.strip():
        return RecordResult(FileReport(label), record.line)  # empty texts are common in corpora
    report = check_source(Source(label, text), settings, mode)
    out = record.line
    if mode.fix and report.fixed_text is not None and report.fixed_text != text:
        obj[field] = report.fixed_text
        out = json.dumps(obj, ensure_ascii=False)
    return RecordResult(report, out)


def _records(stream: IO[str]) -> Iterator[Record]:
    for i, line in enumerate(stream, 1):
        line = line.rstrip("\r\n")
        if line.strip():
            yield Record(i, line)


def _chunks(records: Iterable[Record]) -> Iterator[list[Record]]:
    it = iter(records)
    while chunk := list(islice(it, CHUNK)):
        yield chunk


def _process_chunk(chunk: list[Record]) -> list[RecordResult]:
    return [_process(r) for r in chunk]


def run_jsonl(
    stream: IO[str],
    name: str,
    field: str,
    settings: Settings,
    mode: Mode,
    jobs: int = 0,
) -> Iterator[RecordResult]:
    """Results per record, in input order; records are checked in worker processes."""
    global _STATE
    _STATE = (name, field, settings, Mode(mode.fix, mode.unsafe_fixes, False, write=False))
    jobs = jobs or default_jobs()
    import multiprocessing

    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for chunk in _chunks(_records(stream)):
            yield from _process_chunk(chunk)
        return
    chunks = _chunks(_records(stream))
    first = list(islice(chunks, PARALLEL_MIN_FILES))
    if len(first) < 2:
        for chunk in first:
            yield from _process_chunk(chunk)
        return
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        # map() over a lazy iterator submits everything at once; feed it in windows instead so
        # memory stays bounded on a corpus of any size.
        pending = [*first, *islice(chunks, jobs * 4)]
        while pending:
            for results in pool.map(_process_chunk, pending):
                yield from results
            pending = list(islice(chunks, jobs * 8))


def check_jsonl(
    path: str, field: str, settings: Settings, mode: Mode, jobs: int, out: IO[str]
) -> Iterator[FileReport]:
    """Check one JSONL file (`-`: stdin). With `--fix`, cleaned records go to `out` for stdin,
    or over the file itself, atomically, once every record is through."""
    if path == "-":
        import sys

        for res in run_jsonl(sys.stdin, "-", field, settings, mode, jobs):
            if mode.fix and res.output is not None:
                out.write(res.output + "\n")
            yield res.report
        return
    try:
        fh = open(path, encoding="utf-8")  # noqa: SIM115 - closed below, streamed through
    except OSError as exc:
        yield FileReport(path, error=f"cannot read: {exc.strerror}")
        return
    tmp = None
    try:
        writer = None
        if mode.fix:
            folder = os.path.dirname(os.path.abspath(path))
            fd, tmp = tempfile.mkstemp(prefix=".copydesk-", suffix=".jsonl", dir=folder)
            writer = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        try:
            for res in run_jsonl(fh, path, field, settings, mode, jobs):
                if writer is not None and res.output is not None:
                    writer.write(res.output + "\n")
                yield res.report
        except UnicodeDecodeError as exc:
            yield FileReport(path, error=f"invalid UTF-8 at byte {exc.start} of a chunk")
            return
        if writer is not None and tmp is not None:
            writer.close()
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
            os.replace(tmp, path)
            tmp = None
    finally:
        fh.close()
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
