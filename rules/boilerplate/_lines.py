"""What the boilerplate rules share: line units, normalization, and clean whole-line removal.

Boilerplate is a property of whole lines (a skip link, a share bar, a comment-form heading), so
these rules look at *units*: every line of every prose block, and, for a block that spans
several lines (a soft-wrapped Markdown paragraph), the whole block as well.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from copydesk.diagnostics import Edit, Fix
from copydesk.document import Block, Document

# Invisible characters real pages carry (zero-width space/joiners, marks, soft hyphen, BOM).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u00ad\u2060\ufeff"))
_QUOTES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "´": "'"})
_SPACE = re.compile(r"\s+")
# Decoration around a menu label: bullets, arrows, pipes, trailing colons and ellipses.
_LEAD = " \t•·|»›>→▶►-–—*#"
_TRAIL = " \t|»›>→▶►:.…!-–—"

# Chrome lines are short; a long line is prose (and the cap bounds every regex below).
MAX_UNIT_CHARS = 320


def normalize(text: str) -> str:
    """Case-folded, NFKC, invisible characters dropped, whitespace collapsed, decoration stripped.

    The same function normalizes table entries and text, so both sides always agree.
    """
    t = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(_QUOTES)
    t = _SPACE.sub(" ", t).strip(_LEAD).strip(_TRAIL).strip()
    return t.casefold()


@dataclass(frozen=True)
class Unit:
    """A line (or a whole multi-line block) in prose coordinates of `block`."""

    block: Block
    start: int
    end: int
    whole_block: bool

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]


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


def removal_edit(doc: Document, unit: Unit) -> Edit | None:
    """An edit removing the source lines of `unit` cleanly, or None when they hold other text.

    The source lines must contain nothing but the unit's text and markup (a Markdown `##`, list
    marker or quote marker, balanced HTML tags), so that removing them takes nothing else with
    them and leaves the markup well formed.
    """
    s, e = unit.block.span(unit.start, unit.end)
    first = doc.line_at(s)
    last = doc.line_at(max(s, e - 1))
    outside = doc.text[first.start : s] + doc.text[e : last.end]
    if doc.format == "html":
        if not _tags_balanced(doc.text[first.start : last.end]):
            return None
        outside = _ENTITY.sub("", _TAG.sub("", outside))
    if any(ch.isalnum() for ch in outside):
        return None
    a, b = doc.removal_span(s, e)
    return Edit(a, b, "")


def removal_fix(doc: Document, unit: Unit, message: str, *, safe: bool) -> Fix | None:
    edit = removal_edit(doc, unit)
    if edit is None:
        return None
    return Fix.safe(message, edit) if safe else Fix.unsafe(message, edit)


def word_count(text: str) -> int:
    return len(text.split())
