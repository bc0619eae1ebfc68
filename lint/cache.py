"""Results cached per file by content, settings and version (ruff's model, content-keyed).

One JSON file per key under `<cache-dir>/<version>/`, written atomically, so concurrent runs
(pre-commit starts hooks in parallel) can share a cache without a lock: the worst case is two
processes writing the same entry with the same content.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from copydesk import __version__
from copydesk.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from copydesk.runner import FileReport, Finding, LocatedEdit, Position

DEFAULT_DIR = ".copydesk_cache"


def _pos(p: Position) -> list[int]:
    return [p.row, p.column]


def finding_to_json(f: Finding) -> dict[str, Any]:
    d = f.diagnostic
    fix = None
    if d.fix is not None:
        fix = {
            "a": d.fix.applicability.value,
            "m": d.fix.message,
            "e": [
                [e.start, e.end, e.content, _pos(e.location), _pos(e.end_location)] for e in f.edits
            ],
        }
    return {
        "c": d.code,
        "n": d.name,
        "m": d.message,
        "s": [d.start, d.end],
        "v": d.severity.value,
        "u": d.url,
        "x": d.extra,
        "f": fix,
        "l": [_pos(f.location), _pos(f.end_location)],
        "t": list(f.lines),
    }


def finding_from_json(r: dict[str, Any], filename: str) -> Finding:
    fix = None
    edits: tuple[LocatedEdit, ...] = ()
    if r["f"] is not None:
        raw = r["f"]["e"]
        fix = Fix(
            tuple(Edit(s, e, c) for s, e, c, _, _ in raw),
            Applicability(r["f"]["a"]),
            r["f"]["m"],
        )
        edits = tuple(LocatedEdit(c, s, e, Position(*a), Position(*b)) for s, e, c, a, b in raw)
    d = Diagnostic(
        r["c"], r["n"], r["m"], r["s"][0], r["s"][1], Severity(r["v"]), fix, r["u"], r["x"]
    )
    loc, end = r["l"]
    return Finding(d, filename, Position(*loc), Position(*end), edits, tuple(r["t"]))


class Cache:
    def __init__(self, root: Path) -> None:
        self.dir = root / __version__

    @staticmethod
    def key(data: bytes, fingerprint: str) -> str:
        h = hashlib.blake2b(digest_size=20)
        h.update(fingerprint.encode())
        h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get_json(self, key: str) -> Any:
        try:
            with open(self._path(key), encoding="utf-8") as fh:
                return json.load(fh)
        except (OSError, ValueError):
            return None

    def get(self, key: str, filename: str) -> FileReport | None:
        records = self.get_json(key)
        if not isinstance(records, list):
            return None
        try:
            return FileReport(filename, [finding_from_json(r, filename) for r in records])
        except (KeyError, TypeError, ValueError):
            return None  # an entry from an incompatible build: recompute

    def put(self, key: str, report: FileReport) -> None:
        self.put_json(key, [finding_to_json(f) for f in report.findings])

    def put_json(self, key: str, value: Any) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            gitignore = self.dir.parent / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# Automatically created by copydesk.\n*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(value, fh, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            # A read-only tree or a full disk must not fail the check itself.
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(tmp)
