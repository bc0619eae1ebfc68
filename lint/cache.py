"""Results cached per file by content, settings and version (ruff's model, content-keyed).

One file per key under `<cache-dir>/<version>-<python>/`, written atomically, so concurrent runs
(pre-commit starts hooks in parallel) can share a cache without a lock: the worst case is two
processes writing the same entry with the same content. Entries are plain data (lists, strings,
numbers) in `marshal`'s format, which Python reads about five times faster than JSON: a warm
run over thousands of files is mostly reading them. marshal's format belongs to one Python
version, hence the folder name; an entry that does not load is simply recomputed.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from copydesk import __version__
from copydesk.digest import blake2b
from copydesk.runner import FileReport

DEFAULT_DIR = ".copydesk_cache"


def report_to_entry(report: FileReport) -> dict[str, Any]:
    """A report's findings as the cache stores them: their records and one table of the lines
    they cover."""
    table: dict[int, str] = {}
    for t in {id(f.line_table): f.line_table for f in report.findings}.values():
        table.update(t)
    return {"lines": list(table.items()), "findings": report.records()}


def report_from_entry(value: Any, filename: str) -> FileReport:
    return FileReport.from_records(filename, value["findings"], dict(value["lines"]))


class Cache:
    def __init__(self, root: Path) -> None:
        self.dir = root / f"{__version__}-{sys.implementation.cache_tag}"

    @staticmethod
    def digest(data: bytes) -> str:
        """A file's content digest: computed once a run, the key of its every entry."""
        return blake2b(data, digest_size=20).hexdigest()

    @staticmethod
    def key(digest: str, fingerprint: str) -> str:
        h = blake2b(digest_size=20)
        h.update(fingerprint.encode())
        h.update(b"\0")
        h.update(digest.encode())
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.bin"

    def has(self, key: str) -> bool:
        return os.path.exists(self._path(key))

    def get_value(self, key: str) -> Any:
        try:
            with open(self._path(key), "rb") as fh:
                return marshal.loads(fh.read())
        except (OSError, ValueError, EOFError, TypeError):
            return None

    def get(self, key: str, filename: str) -> FileReport | None:
        value = self.get_value(key)
        if not isinstance(value, dict):
            return None
        try:
            return report_from_entry(value, filename)
        except (KeyError, TypeError, ValueError):
            return None  # an entry from an incompatible build: recompute

    def put(self, key: str, report: FileReport) -> None:
        self.put_value(key, report_to_entry(report))

    def put_value(self, key: str, value: Any) -> None:
        import tempfile  # a --no-cache or all-hits run writes nothing and never imports it

        try:
            data = marshal.dumps(value)
        except ValueError:  # not plain data: not cached
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            gitignore = self.dir.parent / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# Automatically created by copydesk.\n*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException as exc:
            # Whatever stops the write (Ctrl-C too), no temporary file stays behind in the cache.
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(tmp)
            # A read-only tree or a full disk must not fail the check itself.
            if not isinstance(exc, OSError):
                raise
