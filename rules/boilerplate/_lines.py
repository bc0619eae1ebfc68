"""What the boilerplate rules share: line units, normalization, and clean whole-line removal.

Boilerplate is a property of whole lines (a skip link, a share bar, a comment-form heading), so
these rules look at *units*: every line of every prose block, and, for a block that spans
several lines (a soft-wrapped Markdown paragraph), the whole block as well.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from copydesk.diagnostics import Edit, Fix
from copydesk.document import Block, Document

# Invisible characters real pages carry (zero-width space/joiners, marks, soft hyphen, BOM).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u00ad\u2060\ufeff"))
_QUOTES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "´": "'"})
_SPECIAL = re.compile("[\u200b-\u200f\u00ad\u2060\ufeff’‘‛“”„´]")
_SPACE = re.compile(r"\s+")
# Decoration around a menu label: bullets, arrows, pipes, trailing colons and ellipses.
_LEAD = " \t•·|»›>→▶►-–—*#"
_TRAIL = " \t|»›>→▶►:.…!-–—"

# Chrome lines are short; a long line is prose (and the cap bounds every regex below).
MAX_UNIT_CHARS = 320


@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Case-folded, NFKC, invisible characters dropped, whitespace collapsed, decoration stripped.

    The same function normalizes table entries and text, so both sides always agree.
    """
    t = text if text.isascii() else unicodedata.normalize("NFKC", text)
    if _SPECIAL.search(t):  # translate() is costly; most lines need none
        t = t.translate(_INVISIBLE).translate(_QUOTES)
    t = _SPACE.sub(" ", t).strip(_LEAD).strip(_TRAIL).strip()
    return t.casefold()


@dataclass(frozen=True)
class Unit:
    """A line (or a whole multi-line block) in prose coordinates of `block`, with its text and
    source span computed once (every rule of the family reads them)."""

    block: Block
    start: int
    end: int
    whole_block: bool
    text: str = field(init=False, compare=False)
    span: tuple[int, int] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", self.block.text[self.start : self.end])
        object.__setattr__(self, "span", self.block.span(self.start, self.end))


def units(doc: Document) -> Iterator[Unit]:
    """Every multi-line block as a whole, then each of its lines; single lines once."""
    for block in doc.blocks:
        spans = list(block.lines())
        if len(spans) > 1 and len(block.text) <= MAX_UNIT_CHARS:
            yield Unit(block, 0, len(block.text), True)
        for a, b in spans:
            if b > a:
                yield Unit(block, a, b, False)


def line_units(doc: Document) -> list[Unit]:
    """Each non-empty line once, in order (cached: several rules walk them)."""
    key = "boilerplate:line-units"
    if key not in doc.cache:
        doc.cache[key] = [u for u in units(doc) if not u.whole_block]
    return doc.cache[key]  # type: ignore[no-any-return]


# -- removal --------------------------------------------------------------------------------------

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(/?)>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,10});")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def _tags_balanced(source: str) -> bool:
    """True when every element opened in `source` closes in it: removing it keeps HTML whole."""
    stack: list[str] = []
    for m in _TAG.finditer(source):
        closing, name, selfclose = m.group(1), m.group(2).lower(), m.group(3)
        if name in _VOID or selfclose:
            continue
        if closing:
            if not stack or stack[-1] != name:
                return False
            stack.pop()
        else:
            stack.append(name)
    return not stack


def _removable(doc: Document, unit: Unit) -> tuple[int, int] | None:
    """Source span of `unit` when its source lines hold nothing else but markup, else None.

    Removing the lines must take nothing else with them and leave the markup well formed: the
    lines may hold a Markdown `##`, list or quote marker, or balanced HTML tags besides the text.
    """
    s, e = unit.span
    first = doc.line_at(s)
    last = doc.line_at(max(s, e - 1))
    outside = doc.text[first.start : s] + doc.text[e : last.end]
    if doc.format == "html":
        if not _tags_balanced(doc.text[first.start : last.end]):
            return None
        outside = _ENTITY.sub("", _TAG.sub("", outside))
    if any(ch.isalnum() for ch in outside):
        return None
    return s, e


def removal_edits(doc: Document, found: list[Unit]) -> list[Edit | None]:
    """One removal edit per unit (None where the line holds other text).

    Units on consecutive lines (blank lines between allowed) share one edit that removes the
    whole run: removed one by one, a run at the end of the file would leave the blank line
    that separated it from the text above. The fixer applies an edit shared by several
    diagnostics once.
    """
    spans = [_removable(doc, u) for u in found]
    out: list[Edit | None] = [None] * len(found)
    i = 0
    while i < len(found):
        span = spans[i]
        if span is None:
            i += 1
            continue
        j = i
        while j + 1 < len(found) and spans[j + 1] is not None:
            below = doc.line_at(max(spans[j][1] - 1, spans[j][0])).index + 1  # type: ignore[index]
            nxt = doc.line_at(spans[j + 1][0]).index  # type: ignore[index]
            if nxt < below or any(not doc.is_blank(doc.lines[k]) for k in range(below, nxt)):
                break
            j += 1
        a, b = doc.removal_span(span[0], spans[j][1])  # type: ignore[index]
        for k in range(i, j + 1):
            out[k] = Edit(a, b, "")
        i = j + 1
    return out


def removal_edit(doc: Document, unit: Unit) -> Edit | None:
    """An edit removing the source lines of `unit` cleanly (see `_removable`)."""
    return removal_edits(doc, [unit])[0]


def removal_fixes(
    doc: Document, found: list[Unit], message: str, *, safe: bool
) -> list[Fix | None]:
    """`removal_edits` as fixes of one applicability."""
    make = Fix.safe if safe else Fix.unsafe
    return [make(message, e) if e else None for e in removal_edits(doc, found)]


def removal_fix(doc: Document, unit: Unit, message: str, *, safe: bool) -> Fix | None:
    return removal_fixes(doc, [unit], message, safe=safe)[0]


def word_count(text: str) -> int:
    return len(text.split())
