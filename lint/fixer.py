"""Apply fixes: non-overlapping edits per pass, re-check, repeat to a fixpoint (ruff's loop)."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence

from copydesk.diagnostics import Applicability, Diagnostic, Edit, Fix

# Prose fixes settle in two or three passes; ruff allows 100 for code. Past this, a rule's fix
# re-creates what another removes, which is a bug to report, not to loop on.
MAX_PASSES = 12


class FixLoopError(Exception):
    """The fix loop did not converge; the message names the rules whose fixes keep applying."""

    def __init__(self, codes: Sequence[str]) -> None:
        self.codes = sorted(set(codes))
        super().__init__(
            f"fixes did not converge after {MAX_PASSES} passes (rules {', '.join(self.codes)});"
            " this is a bug in those rules, please report it"
        )


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits; text outside their spans is copied unchanged."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos or e.end > len(text):
            raise ValueError(f"edit [{e.start}, {e.end}) overlaps or lies outside the text")
        out.append(text[pos : e.start])
        out.append(e.content)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def select_fixes(
    diagnostics: Iterable[Diagnostic], allowed: frozenset[Applicability]
) -> list[Diagnostic]:
    """The diagnostics whose fixes apply together this pass: allowed, and not overlapping.

    Fixes are taken in source order. A fix is skipped (left for the next pass) when any of its
    edits overlaps an edit already taken, or inserts at a point an earlier edit touches. Taken
    spans stay sorted, so each check looks only at its neighbours: linear-logarithmic, not
    quadratic, in the number of fixes.
    """
    taken: list[Diagnostic] = []
    spans: list[tuple[int, int]] = []
    seen: set[tuple[tuple[int, int, str], ...]] = set()
    candidates = [d for d in diagnostics if d.fix is not None and d.fix.applicability in allowed]
    for d in sorted(candidates, key=lambda d: (d.fix.start, d.fix.end, d.code)):  # type: ignore[union-attr]
        fix: Fix = d.fix  # type: ignore[assignment]
        key = tuple((e.start, e.end, e.content) for e in fix.edits)
        if key in seen:
            continue  # two rules proposing the same edit: apply it once
        if any(_conflicts(e, spans) for e in fix.edits):
            continue
        seen.add(key)
        taken.append(d)
        for e in fix.edits:
            bisect.insort(spans, (e.start, e.end))
    return taken


def _conflicts(e: Edit, spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_left(spans, (e.start, e.end))
    # Taken spans do not overlap each other, so only the few around the insertion point can
    # touch this edit (several zero-width ones may share a position: look two either side).
    return any(_conflict(e, spans[j]) for j in range(max(0, i - 2), min(len(spans), i + 2)))


def _conflict(e: Edit, span: tuple[int, int]) -> bool:
    s, t = span
    if e.start < t and s < e.end:
        return True
    # Zero-width edits (insertions) at the boundary of another edit have no defined order.
    return (e.start == e.end and s <= e.start <= t) or (s == t and e.start <= s <= e.end)


class FixResult:
    """The text after fixing, the fixes applied and what is still reported."""

    __slots__ = ("applied", "passes", "remaining", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.applied: list[Diagnostic] = []  # every fix applied, in pass order
        self.remaining: list[Diagnostic] = []  # diagnostics of the final text
        self.passes = 0


def fix_loop(
    text: str,
    check: Callable[[str], list[Diagnostic]],
    allowed: frozenset[Applicability],
) -> FixResult:
    """Check, apply what may be applied, and repeat until nothing applies."""
    result = FixResult(text)
    history: list[list[str]] = []
    for _ in range(MAX_PASSES):
        diagnostics = check(result.text)
        chosen = select_fixes(diagnostics, allowed)
        if not chosen:
            result.remaining = diagnostics
            return result
        new = apply_edits(result.text, (e for d in chosen for e in d.fix.edits))  # type: ignore[union-attr]
        if new == result.text:
            result.remaining = diagnostics
            return result
        result.applied.extend(chosen)
        history.append([d.code for d in chosen])
        result.text = new
        result.passes += 1
    raise FixLoopError([c for codes in history[-3:] for c in codes])
