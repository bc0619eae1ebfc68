"""Diagnostics, fixes and edits: what a rule reports.

Offsets are code points into the original text of the file (after the BOM is stripped), end
exclusive. Rules never compute rows and columns; the reporters do, from the document.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


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


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text in `[start, end)` with `content`."""

    start: int
    end: int
    content: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad edit range [{self.start}, {self.end})")

    @classmethod
    def replace(cls, start: int, end: int, content: str) -> Edit:
        return cls(start, end, content)

    @classmethod
    def delete(cls, start: int, end: int) -> Edit:
        return cls(start, end, "")

    @classmethod
    def insert(cls, at: int, content: str) -> Edit:
        return cls(at, at, content)


@dataclass(frozen=True, slots=True)
class Fix:
    """One or more edits that are applied together, or not at all."""

    edits: tuple[Edit, ...]
    applicability: Applicability
    message: str = ""

    def __post_init__(self) -> None:
        if not self.edits:
            raise ValueError("a fix needs at least one edit")
        ordered = tuple(sorted(self.edits, key=lambda e: (e.start, e.end)))
        for a, b in itertools.pairwise(ordered):
            if b.start < a.end:
                raise ValueError("the edits of one fix overlap")
        object.__setattr__(self, "edits", ordered)

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


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: a rule's code and name, a message, a span, and maybe a fix."""

    code: str
    name: str
    message: str
    start: int
    end: int
    severity: Severity = Severity.ERROR
    fix: Fix | None = None
    url: str | None = None
    # Free-form data for reporters and baselines (e.g. the flagged text); never affects fixing.
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad diagnostic span [{self.start}, {self.end}) for {self.code}")

    @property
    def fixable(self) -> bool:
        return self.fix is not None and self.fix.applicability is not Applicability.DISPLAY_ONLY

    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.code)
