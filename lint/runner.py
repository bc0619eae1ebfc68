"""Files in, reports out: find files, read them, check, fix, write.

`process_file` is a pure function of a path and the run's options, returning a picklable
`FileReport`, so that files can be checked in parallel and reporters never touch the text again.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from copydesk.checker import Checker, RuleCrash, run_rules
from copydesk.config import ConfigError, ConfigFinder, Settings, relative
from copydesk.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from copydesk.document import Document, RunContext
from copydesk.fixer import FixLoopError
from copydesk.source import DEFAULT_MAX_BYTES, Source, SourceError, read_source, write_source


class Position(NamedTuple):
    row: int
    column: int


class LocatedEdit(NamedTuple):
    content: str
    start: int
    end: int
    location: Position
    end_location: Position


# A finding's record: the plain JSON-able list the cache stores and worker processes send back.
# [code, name, message, start, end, severity, url, extra, fix, row, column, end row, end column],
# where fix is None or [applicability, message, [[start, end, content, row, column, end row,
# end column], ...]]. The source lines a finding covers are not in it: the findings of one file
# share one table of them (row -> text), so a line many findings cover is stored once.
Record = list[Any]
RECORD_FIELDS = 13
# Where a record keeps what reporters read most (see Finding.__init__ for the whole layout).
CODE, MESSAGE, FIX, ROW, COLUMN = 0, 2, 8, 9, 10
LineTable = dict[int, str]


class Finding:
    """A diagnostic with everything a reporter needs, computed where the text is at hand.

    A finding read back from its record (a cache hit, or a report from a worker process) keeps
    the record and rebuilds the diagnostic and the located edits only when a reporter asks: a
    warm run that prints a line per finding never builds them.
    """

    __slots__ = (
        "_diagnostic",
        "_edits",
        "_end_location",
        "_location",
        "filename",
        "line_table",
        "record",
    )

    def __init__(
        self,
        diagnostic: Diagnostic,
        filename: str,
        location: Position,
        end_location: Position,
        edits: tuple[LocatedEdit, ...],
        # The source lines the span covers (without terminators), for the `full` format.
        lines: tuple[str, ...],
        *,
        line_table: LineTable | None = None,  # the table of the file's findings, to add to
    ) -> None:
        self.filename = filename
        self._location: Position | None = location
        self._end_location: Position | None = end_location
        self._diagnostic: Diagnostic | None = diagnostic
        self._edits: tuple[LocatedEdit, ...] | None = edits
        self.line_table: LineTable = {} if line_table is None else line_table
        self.line_table.update(enumerate(lines, location.row))
        d = diagnostic
        fix = None
        if d.fix is not None:
            fix = [
                d.fix.applicability.value,
                d.fix.message,
                [[e.start, e.end, e.content, *e.location, *e.end_location] for e in edits],
            ]
        self.record: Record = [
            d.code, d.name, d.message, d.start, d.end, d.severity.value, d.url, d.extra, fix,
            *location, *end_location,
        ]  # fmt: skip

    @classmethod
    def from_record(cls, record: Record, filename: str, line_table: LineTable) -> Finding:
        if not isinstance(record, list) or len(record) != RECORD_FIELDS:
            raise ValueError("not a finding record")
        f = cls.__new__(cls)
        f.filename = filename
        f.record = record
        f.line_table = line_table
        f._location = f._end_location = None
        f._diagnostic = None
        f._edits = None
        return f

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickle keeps one copy of the table the findings of a report share.
        return (Finding.from_record, (self.record, self.filename, self.line_table))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self.filename == other.filename and self.record == other.record

    def __hash__(self) -> int:
        return hash((self.filename, self.code, self.location, self.end_location))

    def __repr__(self) -> str:
        return f"Finding({self.filename}:{self.location.row}:{self.location.column} {self.code})"

    @property
    def location(self) -> Position:
        if self._location is None:
            self._location = Position(self.record[9], self.record[10])
        return self._location

    @property
    def end_location(self) -> Position:
        if self._end_location is None:
            self._end_location = Position(self.record[11], self.record[12])
        return self._end_location

    @property
    def code(self) -> str:
        return self.record[0]  # type: ignore[no-any-return]

    @property
    def message(self) -> str:
        return self.record[2]  # type: ignore[no-any-return]

    @property
    def applicability(self) -> Applicability | None:
        """The fix's applicability, or None without a fix."""
        fix = self.record[8]
        return None if fix is None else _APPLICABILITY[fix[0]]

    @property
    def lines(self) -> tuple[str, ...]:
        table = self.line_table
        rows = range(self.record[9], self.record[11] + 1)
        return tuple(table[r] for r in rows if r in table)

    @property
    def diagnostic(self) -> Diagnostic:
        if self._diagnostic is None:
            code, name, message, start, end, severity, url, extra, fix = self.record[:9]
            self._diagnostic = Diagnostic(
                code, name, message, start, end, Severity(severity),
                None if fix is None else Fix(
                    tuple(Edit(e[0], e[1], e[2]) for e in fix[2]), Applicability(fix[0]), fix[1]
                ),
                url, extra,
            )  # fmt: skip
        return self._diagnostic

    @property
    def edits(self) -> tuple[LocatedEdit, ...]:
        if self._edits is None:
            fix = self.record[8]
            self._edits = tuple(
                LocatedEdit(c, s, e, Position(r0, c0), Position(r1, c1))
                for s, e, c, r0, c0, r1, c1 in (fix[2] if fix else ())
            )
        return self._edits


_APPLICABILITY = {a.value: a for a in Applicability}


class FileReport:
    """What checking (or fixing) one file gave: findings, or the error that stopped it.

    A report keeps its findings as records (as `check_source` makes them, as workers send them
    and as the cache keeps them) and makes its `Finding` objects only when asked: the
    reporters that print a line per finding and the summary read `records()`, so a corpus run
    makes none.
    """

    __slots__ = (
        "_findings",
        "_records",
        "_table",
        "diff",
        "error",
        "filename",
        "fixed",
        "fixed_text",
    )
    _ORDER = ("filename", "findings", "error", "fixed", "diff", "fixed_text")  # __init__'s

    def __init__(
        self,
        filename: str,
        findings: list[Finding] | None = None,
        error: str | None = None,  # one line; the file could not be checked
        fixed: int = 0,  # fixes applied (with --fix) or applicable (with --diff)
        diff: str = "",  # unified diff of the fix (with --diff)
        fixed_text: str | None = None,  # for stdin with --fix
    ) -> None:
        self.filename = filename
        self._findings: list[Finding] | None = [] if findings is None else findings
        self._records: list[Record] = []
        self._table: LineTable = {}
        self.error = error
        self.fixed = fixed
        self.diff = diff
        self.fixed_text = fixed_text

    @classmethod
    def from_records(
        cls,
        filename: str,
        records: list[Record],
        table: LineTable,
        error: str | None = None,
        fixed: int = 0,
        diff: str = "",
        fixed_text: str | None = None,
    ) -> FileReport:
        """A report of finding records sharing one line table (`ValueError` if one is not a
        record: a damaged cache entry)."""
        if not all(isinstance(r, list) and len(r) == RECORD_FIELDS for r in records):
            raise ValueError("not a finding record")
        return _of_records(filename, records, table, error, fixed, diff, fixed_text)

    @property
    def findings(self) -> list[Finding]:
        if self._findings is None:
            name, table = self.filename, self._table
            self._findings = [Finding.from_record(r, name, table) for r in self._records]
        return self._findings

    @findings.setter
    def findings(self, findings: list[Finding]) -> None:
        self._findings = findings

    def records(self) -> list[Record]:
        """The findings' records, without making `Finding` objects for them."""
        if self._findings is None:
            return self._records
        return [f.record for f in self._findings]

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in FileReport._ORDER)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass would be

    def __reduce__(self) -> tuple[Any, ...]:
        # Workers send every report to the main process: the findings travel as one list of
        # records and the one line table they share, not as an object each (and are not
        # checked again on arrival, as a cache entry read from disk is).
        rest = (self.error, self.fixed, self.diff, self.fixed_text)
        if self._findings is None:
            return (_of_records, (self.filename, self._records, self._table, *rest))
        tables = {id(f.line_table): f.line_table for f in self._findings}
        if len(tables) > 1:
            return (FileReport, self._fields())
        table = next(iter(tables.values()), {})
        records = [f.record for f in self._findings]
        return (_of_records, (self.filename, records, table, *rest))

    def __repr__(self) -> str:
        pairs = zip(FileReport._ORDER, self._fields(), strict=True)
        fields = ", ".join(f"{n}={v!r}" for n, v in pairs)
        return f"FileReport({fields})"


def _of_records(
    filename: str,
    records: list[Record],
    table: LineTable,
    error: str | None,
    fixed: int,
    diff: str,
    fixed_text: str | None,
) -> FileReport:
    """`FileReport.from_records` without checking the records (made by `records_of`)."""
    report = FileReport(filename, None, error, fixed, diff, fixed_text)
    report._findings = None
    report._records = records
    report._table = table
    return report


class Mode(NamedTuple):
    """What a run does to each file: check, fix (safe or unsafe too), or show the diff."""

    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    write: bool = True  # False for stdin: the fixed text goes to stdout
    max_bytes: int = DEFAULT_MAX_BYTES
    # Whether findings keep the source lines they cover: some formats show or fingerprint them,
    # and the cache keeps them for the runs to come (cli's LINELESS_FORMATS are the others).
    lines: bool = True


_VALUE: dict[object, str] = {e: e.value for e in (*Applicability, *Severity)}


def locate(
    doc: Document,
    d: Diagnostic,
    filename: str,
    table: LineTable | None = None,
    lines: bool = True,  # False: the table is left as it is (see `Mode.lines`)
) -> Finding:
    """The finding of `d`, its record built straight from the document (the located edits are
    built from the record only if a reporter asks for them)."""
    if table is None:
        table = {}
    finding = Finding.__new__(Finding)
    finding.filename = filename
    finding.record = records_of(doc, [d], table, lines)[0]
    finding.line_table = table
    finding._location = finding._end_location = None
    finding._diagnostic = d
    finding._edits = None
    return finding


def records_of(
    doc: Document, diagnostics: list[Diagnostic], table: LineTable, lines: bool = True
) -> list[Record]:
    """The records of `diagnostics` (see `Finding`), adding the source lines they cover to
    `table` unless `lines` is False. Called on every finding of a corpus run, in one loop:
    rows come from bisecting the line starts here (not a method call per offset), enum values
    from a table, and a span that ends on its first line (most do) is located with one search."""
    starts = doc.line_starts
    if not starts:  # an empty text
        starts = [0]
    find = doc.text.find
    value = _VALUE
    out: list[Record] = []
    append = out.append
    for d in diagnostics:
        start, end = d.start, d.end
        k = bisect_right(starts, start) - 1
        r0, c0 = k + 1, start - starts[k] + 1
        if end > start and find("\n", start, end) >= 0:
            k1 = bisect_right(starts, end) - 1
            r1, c1 = k1 + 1, end - starts[k1] + 1
        else:
            r1, c1 = r0, c0 + (end - start)
        fix: list[Any] | None = None
        if d.fix is not None:
            edits = []
            for e in d.fix.edits:
                a, b = e.start, e.end
                ka = k if a == start else bisect_right(starts, a) - 1
                kb = bisect_right(starts, b) - 1
                edits.append(
                    [a, b, e.content, ka + 1, a - starts[ka] + 1, kb + 1, b - starts[kb] + 1]
                )
            fix = [value[d.fix.applicability], d.fix.message, edits]
        append([
            d.code, d.name, d.message, start, end, value[d.severity], d.url, d.extra, fix,
            r0, c0, r1, c1,
        ])  # fmt: skip
        if not lines:
            continue
        if r0 == r1:
            if r0 not in table:
                table.update(enumerate(doc.line_texts(r0, r0), r0))
        else:
            for row in range(r0, r1 + 1):
                if row not in table:
                    table.update(enumerate(doc.line_texts(row, r1), row))
                    break
    return out


def unified_diff(filename: str, before: str, after: str) -> str:
    import difflib  # only --diff needs it

    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{filename}",
            tofile=f"b/{filename}",
        )
    )


def check_source(
    source: Source, settings: Settings, mode: Mode, run: RunContext | None = None
) -> FileReport:
    """Check (and fix) one decoded file."""
    ignored = settings.ignored_for(source.path)
    rules = [r for r in settings.rules() if r.code not in ignored]
    checker = Checker(rules, language=settings.language, run=run)
    report = FileReport(source.path)
    text = source.text
    try:
        if mode.fix or mode.diff:
            result = checker.fix(text, source.path, unsafe=mode.unsafe_fixes)
            final = result.text
            report.fixed = len(result.applied)
            if final != text:
                if mode.diff:
                    report.diff = unified_diff(source.path, text, final)
                elif mode.write:
                    write_source(source, final)
                else:
                    report.fixed_text = final
            elif not mode.write and mode.fix:
                report.fixed_text = text
            if mode.diff:
                final = text  # nothing is written: report what the file holds now
            doc = checker.document(final, source.path)
            diagnostics = result.remaining if not mode.diff else checker.check(text, source.path)
        else:
            # One document for the rules and for locating their findings (rows, line texts).
            doc = checker.document(text, source.path)
            diagnostics = run_rules(doc, checker.rules)
    except (RuleCrash, FixLoopError, SourceError) as exc:
        report.error = str(exc)
        report.fixed = 0  # nothing was written: the summary must not count these fixes
        return report
    # The report keeps records (what workers send and the cache keeps); `Finding` objects are
    # made from them only for a caller that asks for `findings`.
    table: LineTable = {}
    records = records_of(doc, diagnostics, table, mode.lines)
    return _of_records(
        source.path, records, table, None, report.fixed, report.diff, report.fixed_text
    )


def process_file(
    path: str, settings: Settings, mode: Mode, run: RunContext | None = None
) -> FileReport:
    try:
        source = read_source(path, max_bytes=mode.max_bytes)
    except SourceError as exc:
        return FileReport(path, error=str(exc))
    return check_source(source, settings, mode, run)


# -- discovery -----------------------------------------------------------------------------------


class Discovered:
    """The files found under the given paths, and the paths that could not be used."""

    __slots__ = ("errors", "files")

    def __init__(self) -> None:
        self.files: list[tuple[str, Settings]] = []
        self.errors: list[FileReport] = []


def discover(paths: Sequence[str], finder: ConfigFinder, *, force_exclude: bool) -> Discovered:
    """Expand paths to files with their settings. Explicit files are checked even when excluded
    (ruff), unless `force_exclude`; folders are walked, skipping hidden and excluded ones."""
    out = Discovered()
    seen: set[str] = set()

    def add(p: Path, settings: Settings) -> None:
        key = os.path.normcase(os.path.abspath(p))
        if key not in seen:
            seen.add(key)
            out.files.append((str(p), settings))

    for raw in paths:
        p = Path(raw)
        if not p.exists() and not p.is_symlink():
            out.errors.append(FileReport(raw, error="no such file or directory"))
            continue
        if p.is_dir():
            for f, settings in _walk(p, finder, out):
                add(f, settings)
        else:
            settings = finder.for_path(p)
            if force_exclude and settings.is_excluded(p):
                continue
            add(p, settings)
    return out


def _walk(top: Path, finder: ConfigFinder, out: Discovered) -> Iterator[tuple[Path, Settings]]:
    visited: set[tuple[int, int]] = set()

    def onerror(exc: OSError) -> None:
        out.errors.append(
            FileReport(str(exc.filename or top), error=f"cannot read folder: {exc.strerror}")
        )

    for dirpath, dirnames, filenames in os.walk(top, onerror=onerror, followlinks=True):
        d = Path(dirpath)
        try:
            st = d.stat()
        except OSError:
            dirnames[:] = []
            continue
        if (st.st_dev, st.st_ino) in visited:  # a symlink loop: each folder once
            dirnames[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        settings = finder.for_dir(d)
        dirnames[:] = sorted(
            n for n in dirnames if not n.startswith(".") and not settings.is_excluded(d / n)
        )
        # The folder is resolved once: a file in it that is no symlink resolves to the
        # resolved folder plus its name (realpath per file was most of walking a corpus).
        rel_dir = relative(d, settings.root)
        prefix = "" if rel_dir == "." else rel_dir + "/"
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            f = d / name
            if not settings.is_included(f):
                continue
            rel = None if os.path.islink(f) else prefix + name
            if not settings.is_excluded(f, rel):
                yield f, settings


__all__ = [
    "ConfigError",
    "Discovered",
    "FileReport",
    "Finding",
    "Mode",
    "check_source",
    "discover",
    "process_file",
]
