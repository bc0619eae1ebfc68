"""A baseline: today's findings recorded, so that only new ones are reported.

`--write-baseline FILE` records, per file and per rule, how many findings share each
fingerprint; `--baseline FILE` then reports only the findings beyond those counts (the shape of
ESLint's bulk-suppressions RFC, eslint/rfcs#119, with fingerprints instead of bare per-rule
counts). A fingerprint is the rule code, the flagged text and a little text on either side of
it, all with whitespace normalized, and never a line number: moving a paragraph, or editing
another one, keeps every fingerprint (the objection to line-number baselines in ruff#1149).

The file is sorted, stable JSON with paths relative to the baseline's own folder (so it can be
committed and used from any working directory):

    {
      "copydesk-baseline": 1,
      "files": {
        "articles/x.md": {"PU101": {"3f1c0d2a9b8e7f6a": 2}}
      }
    }

Rewriting a baseline drops what was fixed ("ratcheting", ruff#21907): the entries of every file
in the run are replaced by the run's findings, entries of files that no longer exist go, and
only files the run did not check (or could not read) keep their old entries.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from copydesk.config import ConfigError
from copydesk.report.text import loose_context
from copydesk.runner import FileReport, Finding

FORMAT_KEY = "copydesk-baseline"
FORMAT_VERSION = 1
# Characters of normalized text kept on each side of the span: enough to tell two `. .` in one
# paragraph apart, little enough that an edit a sentence away leaves the fingerprint alone.
CONTEXT = 20
# A flagged span longer than this is fingerprinted by its two ends.
LONG_SPAN = 200

Entries = dict[str, dict[str, dict[str, int]]]  # path -> code -> fingerprint -> count


class BaselineError(ConfigError):
    """A baseline file that cannot be read or written (exit code 2, like a bad config)."""


class TextContext(NamedTuple):
    before: str  # text before the span on its first line
    flagged: str
    after: str  # text after the span on its last line


def _normalize(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def text_context(f: Finding) -> TextContext:
    """The flagged text and its surroundings, from the lines the finding carries."""
    return TextContext(*loose_context(f))


def fingerprint(f: Finding, context: TextContext | None = None) -> str:
    """A stable id of a finding: code + normalized flagged text + a little context.

    `context` defaults to `text_context(f)`; pass it when the text comes from elsewhere.
    """
    before, flagged, after = context if context is not None else text_context(f)
    flagged = _normalize(flagged)
    if len(flagged) > LONG_SPAN:
        half = LONG_SPAN // 2
        flagged = f"{flagged[:half]}\0{flagged[-half:]}"
    # Normalize before cutting, so that whitespace changes never shift the window.
    parts = ("v1", f.code, flagged, _normalize(before)[-CONTEXT:], _normalize(after)[:CONTEXT])
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def file_key(filename: str, root: Path) -> str:
    """The name a file has in a baseline stored in folder `root`: relative, with `/`."""
    if filename == "-":
        return filename
    path = os.path.abspath(filename)
    try:
        rel = os.path.relpath(path, os.path.abspath(root))
    except ValueError:  # another drive (Windows)
        return Path(path).as_posix()
    return Path(rel).as_posix()


def count_fingerprints(findings: Iterable[Finding]) -> dict[str, dict[str, int]]:
    out: dict[str, Counter[str]] = {}
    for f in findings:
        out.setdefault(f.code, Counter())[fingerprint(f)] += 1
    return {code: dict(c) for code, c in out.items()}


# -- reading and writing -------------------------------------------------------------------------


def _valid(entries: Any) -> bool:
    return isinstance(entries, dict) and all(
        isinstance(path, str)
        and isinstance(codes, dict)
        and all(
            isinstance(code, str)
            and isinstance(fps, dict)
            and all(isinstance(k, str) and type(n) is int and n > 0 for k, n in fps.items())
            for code, fps in codes.items()
        )
        for path, codes in entries.items()
    )


def read_baseline(path: str | Path) -> Entries:
    """The entries of a baseline file; BaselineError if it is missing or not a baseline."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror}") from None
    except ValueError as exc:
        raise BaselineError(f"{path}: not a copydesk baseline (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or FORMAT_KEY not in data:
        raise BaselineError(f"{path}: not a copydesk baseline (no `{FORMAT_KEY}` key)")
    if data[FORMAT_KEY] != FORMAT_VERSION:
        raise BaselineError(
            f"{path}: baseline format {data[FORMAT_KEY]!r} is not supported by this copydesk"
            f" (it writes format {FORMAT_VERSION}); rewrite it with --write-baseline"
        )
    entries = data.get("files", {})
    if not _valid(entries):
        raise BaselineError(
            f"{path}: malformed baseline (`files` must map paths to rule codes"
            " to fingerprint counts)"
        )
    return entries  # type: ignore[no-any-return]


def dumps(entries: Entries) -> str:
    """The file's text: sorted keys, one entry a line, so diffs of a baseline read well."""
    data = {FORMAT_KEY: FORMAT_VERSION, "files": entries}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Written:
    findings: int  # findings recorded
    files: int  # files with an entry
    dropped: int  # findings of the previous baseline no longer recorded (fixed or gone)


def write_baseline(reports: Sequence[FileReport], path: str | Path) -> Written:
    """Record the findings of `reports` in the baseline at `path`, merging with what it holds.

    Files in `reports` get exactly their current findings (none: no entry), files not in the
    run keep their entries while they exist, unreadable files keep theirs. Refuses to replace a
    file that is not a copydesk baseline.
    """
    path = Path(path)
    root = path.absolute().parent
    old: Entries = {}
    if path.exists():
        old = read_baseline(path)
    entries: Entries = {}
    for key, codes in old.items():
        if key == "-" or (root / key).is_file():
            entries[key] = codes
    for r in reports:
        if r.error is not None:
            continue
        key = file_key(r.filename, root)
        entries.pop(key, None)
        counted = count_fingerprints(r.findings)
        if counted:
            entries[key] = counted
    total = sum(n for codes in entries.values() for fps in codes.values() for n in fps.values())
    before = sum(n for codes in old.values() for fps in codes.values() for n in fps.values())
    kept = sum(
        min(n, old.get(key, {}).get(code, {}).get(fp, 0))
        for key, codes in entries.items()
        for code, fps in codes.items()
        for fp, n in fps.items()
    )
    _write_atomic(path, dumps(entries))
    return Written(findings=total, files=len(entries), dropped=before - kept)


def _write_atomic(path: Path, text: str) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise BaselineError(f"{path}: cannot write the baseline: {exc.strerror}") from None


# -- applying ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Applied:
    reports: list[FileReport]
    suppressed: int  # findings the baseline hid
    fixed: int  # baseline entries with no finding left: rewrite the baseline to drop them


def filter_reports(reports: Sequence[FileReport], path: str | Path) -> Applied:
    """`reports` with the findings the baseline at `path` accounts for removed, and counts."""
    path = Path(path)
    entries = read_baseline(path)
    root = path.absolute().parent
    out: list[FileReport] = []
    suppressed = fixed = 0
    for r in reports:
        allowed = entries.get(file_key(r.filename, root), {})
        if not allowed or r.error is not None:
            out.append(r)
            continue
        seen: Counter[tuple[str, str]] = Counter()
        kept: list[Finding] = []
        for f in r.findings:
            key = (f.code, fingerprint(f))
            seen[key] += 1
            # Of several findings with one fingerprint the first ones are the recorded ones;
            # they look alike, so which of them is reported does not matter.
            if seen[key] > allowed.get(f.code, {}).get(key[1], 0):
                kept.append(f)
        suppressed += len(r.findings) - len(kept)
        fixed += sum(
            max(0, n - seen[(code, fp)]) for code, fps in allowed.items() for fp, n in fps.items()
        )
        out.append(FileReport(r.filename, kept, r.error, r.fixed, r.diff, r.fixed_text))
    return Applied(out, suppressed, fixed)


def apply_baseline(reports: Sequence[FileReport], path: str | Path) -> list[FileReport]:
    """`reports` keeping only the findings beyond the baseline's counts."""
    return filter_reports(reports, path).reports


__all__ = [
    "Applied",
    "BaselineError",
    "TextContext",
    "Written",
    "apply_baseline",
    "filter_reports",
    "fingerprint",
    "read_baseline",
    "text_context",
    "write_baseline",
]
