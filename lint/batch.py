"""A run over many files: the cross-file pre-pass, the cache, and worker processes.

Results come back in the order of the input, whatever order the workers finish in, so output
is stable. Workers are forked once per run and get tasks as `(index, path)` pairs: settings
(which may hold rule classes created from configuration, which cannot be pickled) are inherited
through the fork, not sent.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Hashable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from copydesk import __version__
from copydesk.cache import Cache
from copydesk.config import Settings
from copydesk.digest import blake2b
from copydesk.document import Document, RunContext
from copydesk.rule import load_rule, rule_index
from copydesk.rules._index import INDEX as BUILTIN_INDEX
from copydesk.runner import FileReport, Mode, check_source
from copydesk.source import Source, SourceError, read_source

T = TypeVar("T")
R = TypeVar("R")

# Below this many files, forking workers costs more than it saves.
PARALLEL_MIN_FILES = 8
# From this many files to check on, data most runs need (langdetect's profiles included) is
# loaded before the workers fork.
PRELOAD_MIN_FILES = 64


class Batch:
    """The files of one run with their settings, and how to run them."""

    __slots__ = ("cache", "digests", "files", "jobs", "mode", "run", "run_digest", "warm")

    def __init__(
        self,
        files: Sequence[tuple[str, Settings]],
        mode: Mode,
        jobs: int = 0,  # 0: every core
        cache: Cache | None = None,
    ) -> None:
        self.files = files
        self.mode = mode
        self.jobs = jobs
        self.cache = cache
        self.run: RunContext | None = None
        self.run_digest = ""  # what cached cross-file findings depend on
        # Content digests by file index, computed once (the pre-pass and the main pass both
        # key the cache on them). None: the file could not be read.
        self.digests: dict[int, str | None] = {}
        # Whether this process has loaded what the rules load on first use (see `_map`).
        self.warm = False


_BATCH: Batch | None = None  # the run a forked worker inherits


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _collecting(settings: Settings) -> bool:
    index = rule_index()
    collects = {c: info.collects for c, info in index.items()}
    collects.update({cls.code: cls.collects for cls in settings.extra_rules})
    return any(collects.get(c, False) for c in settings.enabled_codes())


# -- the cross-file pre-pass ----------------------------------------------------------------------


def _collect_one(index: int) -> tuple[int, dict[str, list[Hashable]]]:
    assert _BATCH is not None
    batch = _BATCH
    path, settings = batch.files[index]
    out: dict[str, list[Hashable]] = {}
    try:
        source = read_source(path, max_bytes=batch.mode.max_bytes)
    except SourceError:
        return index, out  # reported by the main pass
    key = _collect_key(batch, _source_digest(batch, source), settings, path) if batch.cache else ""
    rules = [r for r in settings.rules() if r.collects]
    doc = Document(source.text, path=path, language=settings.language)
    for rule in rules:
        if rule.applies_to(doc):
            out[rule.code] = list(set(rule.collect(doc)))
    # Only string keys are cached (any key a rule yields must be hashable, not plain data).
    if key and all(isinstance(k, str) for ks in out.values() for k in ks):
        assert batch.cache is not None
        batch.cache.put_value(key, out)
    return index, out


def _collect_key(batch: Batch, digest: str, settings: Settings, path: str) -> str:
    if batch.cache is None:
        return ""
    return batch.cache.key(digest, "collect\0" + _fingerprint(settings, path))


def _collected_key(index: int) -> str | None:
    """The cache key of a file's pre-pass keys, when the cache holds them."""
    assert _BATCH is not None
    batch = _BATCH
    if batch.cache is None or (digest := _digest(batch, index)) is None:
        return None
    path, settings = batch.files[index]
    key = _collect_key(batch, digest, settings, path)
    return key if batch.cache.has(key) else None


def _load_collected(index: int, key: str) -> dict[str, list[Hashable]] | None:
    assert _BATCH is not None and _BATCH.cache is not None
    hit = _BATCH.cache.get_value(key)
    return hit if isinstance(hit, dict) else None


def _digest(batch: Batch, index: int) -> str | None:
    """The content digest of file `index`, read once a run in the main process."""
    if index not in batch.digests:
        path = batch.files[index][0]
        try:
            source = read_source(path, max_bytes=batch.mode.max_bytes)
        except SourceError:
            batch.digests[index] = None  # the worker reports it
        else:
            batch.digests[index] = _source_digest(batch, source)
    return batch.digests[index]


def _source_digest(batch: Batch, source: Source) -> str:
    assert batch.cache is not None
    data = source.text.encode("utf-8", "surrogatepass") + (b"\1" if source.bom else b"")
    return batch.cache.digest(data)


def collect_run(batch: Batch) -> RunContext:
    ctx = RunContext(files=len(batch.files))
    for keys in _ordered(batch, _collected_key, _load_collected, _collect_one):
        for code, ks in keys.items():
            ctx.add(code, ks)
    # Only keys seen in two or more files matter to any cross-file rule; dropping the rest keeps
    # what workers inherit small.
    for code, table in ctx.counts.items():
        ctx.counts[code] = {k: n for k, n in table.items() if n > 1}
    items = sorted((c, repr(k), n) for c, t in ctx.counts.items() for k, n in t.items())
    batch.run_digest = blake2b(repr((ctx.files, items)).encode(), digest_size=16).hexdigest()
    return ctx


# -- the main pass -----------------------------------------------------------------------------


_SETTINGS_FP: dict[int, tuple[Settings, str]] = {}


def _fingerprint(settings: Settings, path: str, run_digest: str = "") -> str:
    """What a file's findings depend on besides its text: settings, version, format, run."""
    memo = _SETTINGS_FP.get(id(settings))
    if memo is None or memo[0] is not settings:
        codes = sorted(settings.enabled_codes())
        parts = {
            "v": __version__,
            "build": _build_stamp(),
            "codes": codes,
            "rules": [_rule_fingerprint(settings, c) for c in codes],
            "options": {k: dict(v) for k, v in settings.rule_options.items()},
            "language": settings.language,
            "config": _file_digest(settings.path),
        }
        import json  # only cached runs fingerprint their settings

        memo = (settings, json.dumps(parts, sort_keys=True, default=str))
        _SETTINGS_FP[id(settings)] = memo
    ignored = ",".join(sorted(settings.ignored_for(path)))
    return f"{memo[1]}\0{os.path.splitext(path)[1].lower()}\0{ignored}\0{run_digest}"


def _rule_fingerprint(settings: Settings, code: str) -> str:
    """What a rule's findings depend on beyond its code: a user's declarative rule or a plug-in
    says (`cache_fingerprint`); a built-in's data is covered by the version and the build stamp,
    so a cached run imports no rule."""
    for cls in settings.extra_rules:
        if cls.code == code:
            return str(getattr(cls, "cache_fingerprint", ""))
    if code in BUILTIN_INDEX:
        return ""
    return str(getattr(load_rule(code), "cache_fingerprint", ""))


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
        return blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return ""


def _cached_key(index: int) -> str | None:
    """The cache key of a file's report, when the cache holds it (and may be used)."""
    assert _BATCH is not None
    batch = _BATCH
    if batch.cache is None or batch.mode.fix or batch.mode.diff:
        return None
    digest = _digest(batch, index)
    if digest is None:
        return None
    path, settings = batch.files[index]
    key = batch.cache.key(digest, _fingerprint(settings, path, batch.run_digest))
    return key if batch.cache.has(key) else None


def _load_cached(index: int, key: str) -> FileReport | None:
    assert _BATCH is not None and _BATCH.cache is not None
    return _BATCH.cache.get(key, _BATCH.files[index][0])


def _check_one(index: int) -> tuple[int, FileReport]:
    assert _BATCH is not None
    batch = _BATCH
    path, settings = batch.files[index]
    try:
        source = read_source(path, max_bytes=batch.mode.max_bytes)
    except SourceError as exc:
        return index, FileReport(path, error=str(exc))
    report = check_source(source, settings, batch.mode, batch.run)
    if batch.cache is not None and not (batch.mode.fix or batch.mode.diff) and not report.error:
        digest = _source_digest(batch, source)
        batch.cache.put(
            batch.cache.key(digest, _fingerprint(settings, path, batch.run_digest)), report
        )
    return index, report


def _map(batch: Batch, fn: Callable[[int], T], indices: Sequence[int]) -> Iterator[T]:
    global _BATCH
    _BATCH = batch
    jobs = batch.jobs or default_jobs()
    n = len(indices)
    if jobs <= 1 or n < PARALLEL_MIN_FILES or not _can_fork():
        for i in indices:
            yield fn(i)
        return
    # Imported only here: a pre-commit run on a few files never pays for multiprocessing.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # With dozens of pages every worker will meet one that needs langdetect (the stopword
    # vote leaves about one in fifty undecided, and MT302 asks about the sentences it cannot
    # decide), so its profiles (60 MB, 0.06 s) are loaded in this process before the main pass
    # forks, and the workers share one copy.
    langdetect = n >= PRELOAD_MIN_FILES
    warm_up = langdetect and not batch.warm
    if warm_up and fn is _check_one:
        # Data the rules load on first use (word tables, phrase matchers, patterns) is loaded
        # once here, by checking the first file in this process, and the workers share it
        # instead of each loading its own copy. gc.freeze keeps the collector from touching,
        # and so copying, those pages in the workers.
        first, indices = indices[0], indices[1:]
        yield fn(first)
        _warm_rules(batch)
        batch.warm = True
    if fn is _check_one and langdetect:
        _preload_langdetect()  # a no-op when the pre-pass loaded them
    ctx = multiprocessing.get_context("fork")
    # Small chunks: the last one to finish leaves the other cores idle meanwhile.
    chunk = max(1, min(8, n // (jobs * 8)))
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, n), mp_context=ctx) as pool:
            results = pool.map(fn, indices, chunksize=chunk)  # every task is queued here
            if warm_up and fn is _collect_one:
                # The main pass forks from this process after the pre-pass: warming up here
                # while the pre-pass's workers count lines keeps every core busy meanwhile.
                _warm_up(batch, indices[0])
                _warm_rules(batch)
                if langdetect:
                    _preload_langdetect()
                batch.warm = True
            yield from results
    finally:
        gc.unfreeze()  # this process's own objects are collectable again


def _warm_up(batch: Batch, index: int) -> None:
    """Check file `index` in this process and drop the report, only to load what the rules
    load on first use (its report comes from a worker, with the run's counts)."""
    path, settings = batch.files[index]
    try:
        source = read_source(path, max_bytes=batch.mode.max_bytes)
    except SourceError:
        return
    check_source(source, settings, Mode(max_bytes=batch.mode.max_bytes))


def _warm_rules(batch: Batch) -> None:
    """Every rule of the run builds what pays only over many files (`Rule.warm_up`)."""
    done: set[int] = set()
    for _, settings in batch.files:
        if id(settings) not in done:
            done.add(id(settings))
            for rule in settings.rules():
                rule.warm_up()


def _preload_langdetect() -> None:
    from copydesk.language import preload

    preload()


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def run_batch(batch: Batch) -> Iterator[FileReport]:
    """Reports in input order. Cache hits are served by this process; only the misses go to
    worker processes, so a warm run forks nothing."""
    global _BATCH
    _BATCH = batch
    # Counting across files needs at least two of them; a pre-commit run on one file skips it.
    if len(batch.files) > 1 and any(_collecting(s) for _, s in batch.files):
        # The pre-pass only matters to files the cache cannot answer: when this very set of
        # files was counted before, its digest is known, and if every report is then a hit,
        # the pre-pass (a cache read per file) is skipped.
        run_key = _run_key(batch) if batch.cache is not None else ""
        stored = batch.cache.get_value(run_key) if batch.cache is not None else None
        if isinstance(stored, dict) and isinstance(stored.get("run"), str):
            batch.run_digest = stored["run"]
            keys = [_cached_key(i) for i in range(len(batch.files))]
            if all(keys):
                yield from _ordered(batch, keys.__getitem__, _load_cached, _check_one)
                return
        batch.run = collect_run(batch)
        if batch.cache is not None:
            batch.cache.put_value(run_key, {"run": batch.run_digest})
    yield from _ordered(batch, _cached_key, _load_cached, _check_one)


def _run_key(batch: Batch) -> str:
    """What the pre-pass's outcome depends on: every file's content and settings, in order."""
    h = blake2b(b"run\0", digest_size=20)
    for i, (path, settings) in enumerate(batch.files):
        digest = _digest(batch, i)
        h.update(f"{digest}\0{_fingerprint(settings, path)}\0".encode())
    return h.hexdigest()


def _ordered(
    batch: Batch,
    hit_key: Callable[[int], str | None],
    load: Callable[[int, str], R | None],
    compute: Callable[[int], tuple[int, R]],
) -> Iterator[R]:
    """Results for every file in input order: cached ones loaded in this process as their turn
    comes (so output streams and memory stays flat), the others from `compute` in workers
    (forked only when enough files miss the cache)."""
    global _BATCH
    _BATCH = batch
    keys = {i: k for i in range(len(batch.files)) if (k := hit_key(i)) is not None}
    computed = _map(batch, compute, [i for i in range(len(batch.files)) if i not in keys])
    for i in range(len(batch.files)):
        if i in keys:
            hit = load(i, keys[i])
            # An entry removed or damaged since it was seen (a concurrent `copydesk clean`):
            # computed here instead.
            yield hit if hit is not None else compute(i)[1]
        else:
            _, result = next(computed)
            yield result
