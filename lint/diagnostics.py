"""Diagnostics, fixes and edits: what a rule reports.

Offsets are code points into the original text of the file (after the BOM is stripped), end
exclusive. Rules never compute rows and columns; the reporters do, from the document.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterable
from enum import Enum

from copydesk.records import Frozen, slot_setters


class Applicability(str, Enum):
    """How sure a fix is, in ruff's three levels."""

    SAFE = "safe"  # always right: applied by `--fix`
    UNSAFE = "unsafe"  # probably right: applied only with `--unsafe-fixes`
    DISPLAY_ONLY = "display-only"  # a suggestion to show, never applied

    def __str__(self) -> str:
        return self.value


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


class Edit(Frozen):
    """Replace the text in `[start, end)` with `content`."""

    __slots__ = ("content", "end", "start")
    _FIELDS = _REPR = _ALL = ("start", "end", "content")
    start: int
    end: int
    content: str

    def __init__(self, start: int, end: int, content: str = "") -> None:
        if not 0 <= start <= end:
            raise ValueError(f"bad edit range [{start}, {end})")
        _EDIT_START(self, start)
        _EDIT_END(self, end)
        _EDIT_CONTENT(self, content)

    @classmethod
    def replace(cls, start: int, end: int, content: str) -> Edit:
        return cls(start, end, content)

    @classmethod
    def delete(cls, start: int, end: int) -> Edit:
        return cls(start, end, "")

    @classmethod
    def insert(cls, at: int, content: str) -> Edit:
        return cls(at, at, content)


_EDIT_START, _EDIT_END, _EDIT_CONTENT = slot_setters(Edit, "start", "end", "content")
_EDIT_ORDER = operator.attrgetter("start", "end")


class Fix(Frozen):
    """One or more edits that are applied together, or not at all."""

    __slots__ = ("applicability", "edits", "message")
    _FIELDS = _REPR = _ALL = ("edits", "applicability", "message")
    edits: tuple[Edit, ...]
    applicability: Applicability
    message: str

    def __init__(
        self, edits: tuple[Edit, ...], applicability: Applicability, message: str = ""
    ) -> None:
        if len(edits) != 1:  # (most fixes are one edit: nothing to order or to overlap)
            if not edits:
                raise ValueError("a fix needs at least one edit")
            edits = tuple(sorted(edits, key=_EDIT_ORDER))
            for a, b in itertools.pairwise(edits):
                if b.start < a.end:
                    raise ValueError("the edits of one fix overlap")
        _FIX_EDITS(self, tuple(edits))
        _FIX_APPLICABILITY(self, applicability)
        _FIX_MESSAGE(self, message)

    @classmethod
    def safe(cls, message: str, *edits: Edit) -> Fix:
        return cls(tuple(edits), Applicability.SAFE, message)

    @classmethod
    def unsafe(cls, message: str, *edits: Edit) -> Fix:
        return cls(tuple(edits), Applicability.UNSAFE, message)

    @classmethod
    def display_only(cls, message: str, *edits: Edit) -> Fix:
        return cls(tuple(edits), Applicability.DISPLAY_ONLY, message)

    @property
    def start(self) -> int:
        return self.edits[0].start

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)

    def applies(self, allowed: Iterable[Applicability]) -> bool:
        return self.applicability in set(allowed)


_FIX_EDITS, _FIX_APPLICABILITY, _FIX_MESSAGE = slot_setters(
    Fix, "edits", "applicability", "message"
)


class Diagnostic(Frozen):
    """One finding: a rule's code and name, a message, a span, and maybe a fix."""

    __slots__ = ("code", "end", "extra", "fix", "message", "name", "severity", "start", "url")
    _FIELDS = ("code", "name", "message", "start", "end", "severity", "fix", "url")
    _REPR = _ALL = (*_FIELDS, "extra")  # `extra` takes no part in equality or the hash
    code: str
    name: str
    message: str
    start: int
    end: int
    severity: Severity
    fix: Fix | None
    url: str | None
    # Free-form data for reporters and baselines (e.g. the flagged text); never affects fixing,
    # equality or hashing.
    extra: dict[str, str]

    def __init__(
        self,
        code: str,
        name: str,
        message: str,
        start: int,
        end: int,
        severity: Severity = Severity.ERROR,
        fix: Fix | None = None,
        url: str | None = None,
        extra: dict[str, str] | None = None,
    ) -> None:
        if not 0 <= start <= end:
            raise ValueError(f"bad diagnostic span [{start}, {end}) for {code}")
        # (A corpus run makes one per finding: the slots' own setters, see `slot_setters`.)
        _D_CODE(self, code)
        _D_NAME(self, name)
        _D_MESSAGE(self, message)
        _D_START(self, start)
        _D_END(self, end)
        _D_SEVERITY(self, severity)
        _D_FIX(self, fix)
        _D_URL(self, url)
        _D_EXTRA(self, {} if extra is None else extra)

    @property
    def fixable(self) -> bool:
        return self.fix is not None and self.fix.applicability is not Applicability.DISPLAY_ONLY

    def sort_key(self) -> tuple[int, int, str]:
        return ORDER(self)


# The order findings are reported in (`Diagnostic.sort_key`), read at C level: a corpus run
# sorts every file's findings.
ORDER = operator.attrgetter("start", "end", "code")

_D_CODE, _D_NAME, _D_MESSAGE, _D_START, _D_END, _D_SEVERITY, _D_FIX, _D_URL, _D_EXTRA = (
    slot_setters(
        Diagnostic, "code", "name", "message", "start", "end", "severity", "fix", "url", "extra"
    )
)
