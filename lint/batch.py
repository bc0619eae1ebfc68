"""A run over many files: the cross-file pre-pass, the cache, and worker processes.

Results come back in the order of the input, whatever order the workers finish in, so output
is stable. Workers are forked once per run and get tasks as `(index, path)` pairs: settings
(which may hold rule classes created from configuration, which cannot be pickled) are inherited
through the fork, not sent.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
from collections.abc import Callable, Hashable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from copydesk import __version__
from copydesk.cache import Cache
from copydesk.config import Settings
from copydesk.document import Document, RunContext
from copydesk.rule import registry
from copydesk.runner import FileReport, Mode, check_source
from copydesk.source import SourceError, read_source

T = TypeVar("T")

# Below this many files, forking workers costs more than it saves.
PARALLEL_MIN_FILES = 8


@dataclass
class Batch:
    files: Sequence[tuple[str, Settings]]
    mode: Mode
    jobs: int = 0  # 0: every core
    cache: Cache | None = None
    run: RunContext | None = None


_BATCH: Batch | None = None  # the run a forked worker inherits


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _collecting(settings: Settings) -> bool:
    reg = registry()
    return any(reg[c].collects for c in settings.enabled_codes() if c in reg)


# -- the cross-file pre-pass ----------------------------------------------------------------------


def _collect_one(index: int) -> tuple[int, dict[str, list[Hashable]]]:
    assert _BATCH is not None
    batch = _BATCH
    path, settings = batch.files[index]
    out: dict[str, list[Hashable]] = {}
    rules = [r for r in settings.rules() if r.collects]
    try:
        source = read_source(path, max_bytes=batch.mode.max_bytes)
    except SourceError:
        return index, out  # reported by the main pass
    doc = Document(source.text, path=path, language=settings.language)
    for rule in rules:
        if rule.applies_to(doc):
            out[rule.code] = list(set(rule.collect(doc)))
    return index, out


def collect_run(batch: Batch) -> RunContext:
    ctx = RunContext(files=len(batch.files))
    for _, keys in _map(batch, _collect_one, range(len(batch.files))):
        for code, ks in keys.items():
            ctx.add(code, ks)
    # Only keys seen in two or more files matter to any cross-file rule; dropping the rest keeps
    # what workers inherit small.
    for code, table in ctx.counts.items():
        ctx.counts[code] = {k: n for k, n in table.items() if n > 1}
    return ctx


# -- the main pass -----------------------------------------------------------------------------


def _fingerprint(settings: Settings, path: str, run: RunContext | None) -> str:
    ignored = settings.ignored_for(path)
    codes = sorted(settings.enabled_codes() - ignored)
    reg = settings.all_rules()
    parts = {
        "v": __version__,
        "build": _build_stamp(),
        "codes": codes,
        "rules": [getattr(reg[c], "cache_fingerprint", "") for c in codes if c in reg],
        "options": {k: dict(v) for k, v in settings.rule_options.items()},
        "language": settings.language,
        "config": _file_digest(settings.path),
        "format": Path(path).suffix.lower(),
    }
    if run is not None and run.counts:
        # Cross-file findings depend on the other files: key on the run's counts too.
        parts["run"] = [
            run.files,
            hashlib.blake2b(
                repr(
                    sorted((c, repr(k), n) for c, t in run.counts.items() for k, n in t.items())
                ).encode(),
                digest_size=16,
            ).hexdigest(),
        ]
    return json.dumps(parts, sort_keys=True, default=str)


_STAMP: str | None = None


def _build_stamp() -> str:
    """The newest modification time in the installed package, so that editing a rule or its data
    in a development checkout invalidates the cache without a version bump."""
    global _STAMP
    if _STAMP is None:
        newest = 0
        for base in (Path(__file__).resolve().parent, _rules_dir()):
            for dirpath, _dirs, files in os.walk(base):
                for name in files:
                    with contextlib.suppress(OSError):
                        newest = max(newest, os.stat(os.path.join(dirpath, name)).st_mtime_ns)
        _STAMP = str(newest)
    return _STAMP


def _rules_dir() -> Path:
    import copydesk.rules

    return Path(copydesk.rules.__file__).resolve().parent


def _file_digest(path: Path | None) -> str:
    if path is None:
        return ""
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return ""


def _check_one(index: int) -> tuple[int, FileReport]:
    assert _BATCH is not None
    batch = _BATCH
    path, settings = batch.files[index]
    try:
        source = read_source(path, max_bytes=batch.mode.max_bytes)
    except SourceError as exc:
        return index, FileReport(path, error=str(exc))
    use_cache = batch.cache is not None and not (batch.mode.fix or batch.mode.diff)
    key = ""
    if use_cache:
        assert batch.cache is not None
        data = source.text.encode("utf-8", "surrogatepass") + (b"\1" if source.bom else b"")
        key = batch.cache.key(data, _fingerprint(settings, path, batch.run))
        hit = batch.cache.get(key, path)
        if hit is not None:
            return index, hit
    report = check_source(source, settings, batch.mode, batch.run)
    if use_cache and report.error is None:
        assert batch.cache is not None
        batch.cache.put(key, report)
    return index, report


def _map(batch: Batch, fn: Callable[[int], T], indices: Sequence[int]) -> Iterator[T]:
    global _BATCH
    _BATCH = batch
    jobs = batch.jobs or default_jobs()
    n = len(indices)
    if jobs <= 1 or n < PARALLEL_MIN_FILES or "fork" not in multiprocessing.get_all_start_methods():
        for i in indices:
            yield fn(i)
        return
    ctx = multiprocessing.get_context("fork")
    chunk = max(1, min(32, n // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=min(jobs, n), mp_context=ctx) as pool:
        yield from pool.map(fn, indices, chunksize=chunk)


def run_batch(batch: Batch) -> Iterator[FileReport]:
    """Reports in input order."""
    # Counting across files needs at least two of them; a pre-commit run on one file skips it.
    if len(batch.files) > 1 and any(_collecting(s) for _, s in batch.files):
        batch.run = collect_run(batch)
    for _, report in _map(batch, _check_one, range(len(batch.files))):
        yield report
