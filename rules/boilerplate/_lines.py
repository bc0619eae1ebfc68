"""What the boilerplate rules share: line units, normalization, and clean whole-line removal.

Boilerplate is a property of whole lines (a skip link, a share bar, a comment-form heading), so
these rules look at *units*: every line of every prose block, and, for a block that spans
several lines (a soft-wrapped Markdown paragraph), the whole block as well.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from copydesk.diagnostics import Edit, Fix
from copydesk.document import Block, Document, Line

# Invisible characters real pages carry (zero-width space/joiners, marks, soft hyphen, BOM).
_INVISIBLE = dict.fromkeys("\u200b\u200c\u200d\u200e\u200f\u00ad\u2060\ufeff", "")
_QUOTES = {"’": "'", "‘": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "´": "'"}
# One replace() per character present: str.translate() with a table this sparse is many
# times slower. (No replacement is itself in the table, so the order does not matter.)
_REPLACE = tuple({**_INVISIBLE, **_QUOTES}.items())
_SPECIAL = re.compile("[\u200b-\u200f\u00ad\u2060\ufeff’‘‛“”„´]")
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
    t = text
    if not t.isascii():  # NFKC, invisible characters and curly quotes are all non-ASCII
        t = unicodedata.normalize("NFKC", t)
        if _SPECIAL.search(t):
            for old, new in _REPLACE:
                if old in t:
                    t = t.replace(old, new)
    # split() and `\s` agree on what whitespace is; join(split()) is `\s+` -> " " plus strip().
    t = " ".join(t.split()).strip(_LEAD).strip(_TRAIL).strip()
    return t.casefold()


class Unit:
    """A line (or a whole multi-line block) in prose coordinates of `block`, with its text,
    source span and normalized text computed once (every rule of the family reads them)."""

    __slots__ = ("_base", "_key", "block", "end", "span", "start", "text", "whole_block")

    def __init__(
        self,
        block: Block,
        start: int,
        end: int,
        whole_block: bool,
        text: str,
        span: tuple[int, int],
        base: int = -1,
    ) -> None:
        # Positional arguments, all given: a page has hundreds of units, and keyword arguments
        # with defaults make the constructor more than twice as slow.
        self.block = block
        self.start = start
        self.end = end
        self.whole_block = whole_block
        self.text = text
        self.span = span
        self._key: str | None = None
        # For a verbatim block (see `_build_units`), the source offset of prose offset 0.
        self._base = base

    def span_of(self, a: int, b: int) -> tuple[int, int]:
        """`block.span(a, b)` for prose offsets `a <= b` within the block."""
        if self._base >= 0:
            return self._base + a, self._base + b
        return self.block.span(a, b)

    @property
    def key(self) -> str:
        """`normalize(text)`, computed once."""
        if self._key is None:
            self._key = normalize(self.text)
        return self._key

    def _id(self) -> tuple[int, int, int, bool]:
        return id(self.block), self.start, self.end, self.whole_block

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unit) and self._id() == other._id()

    def __hash__(self) -> int:
        return hash(self._id())

    def __repr__(self) -> str:
        return f"Unit({self.start}, {self.end}, {self.text!r}, whole_block={self.whole_block})"


def _build_units(blocks: list[Block]) -> tuple[list[Unit], bool]:
    """The units of all blocks, in order (a multi-line block first as a whole, then its
    lines), and whether there is any whole-block unit."""
    out: list[Unit] = []
    add = out.append
    wholes = False
    for block in blocks:
        text = block.text
        runs = block.runs
        # A block that is one verbatim run covering its text (all plain text, most Markdown
        # paragraphs): a prose offset maps to the source by addition (`Block.span`, without
        # the bisection and clamping that cannot apply here).
        verbatim = len(runs) == 1 and runs[0][0] == 0 and runs[0][2] == len(text)
        base = runs[0][1] if verbatim else -1
        if "\n" not in text:
            # One line (every block of a plain-text file): no splitting.
            seg = text[:-1] if text.endswith("\r") else text  # a CR of a CRLF ending
            if seg:
                n = len(seg)
                span = (base, base + n) if verbatim else block.span(0, n)
                add(Unit(block, 0, n, False, seg, span, base))
            continue
        if len(text) <= MAX_UNIT_CHARS:
            span = (base, base + len(text)) if verbatim else block.span(0, len(text))
            add(Unit(block, 0, len(text), True, text, span, base))
            wholes = True
        pos = 0
        for seg in text.split("\n"):
            end = pos + len(seg)
            if seg.endswith("\r"):  # the line's text stops before a CR of a CRLF ending
                seg = seg[:-1]
            if seg:
                stop = pos + len(seg)
                span = (base + pos, base + stop) if verbatim else block.span(pos, stop)
                add(Unit(block, pos, stop, False, seg, span, base))
            pos = end + 1
    return out, wholes


def _all_units(doc: Document) -> list[Unit]:
    key = "boilerplate:units"
    found: list[Unit] | None = doc.cache.get(key)
    if found is None:
        found, wholes = _build_units(doc.blocks)
        doc.cache[key] = found
        # Without whole-block units (every plain-text file) the line units are the same list.
        doc.cache["boilerplate:line-units"] = (
            [u for u in found if not u.whole_block] if wholes else found
        )
    return found


def units(doc: Document) -> Iterator[Unit]:
    """Every multi-line block as a whole, then each of its lines; single lines once.

    Lines are those of `Block.lines()` (split at LF, a CR before it dropped); empty ones are
    left out. The list is built once per document and shared by the family's rules.
    """
    return iter(_all_units(doc))


def line_units(doc: Document) -> list[Unit]:
    """Each non-empty line once, in order (cached: several rules walk them)."""
    lines: list[Unit] | None = doc.cache.get("boilerplate:line-units")
    if lines is None:
        _all_units(doc)  # builds both lists
        lines = doc.cache["boilerplate:line-units"]
    return lines


def line_texts(doc: Document) -> list[str]:
    """The text of each of `line_units(doc)` (cached). Rules screen these with cheap string
    tests, in one comprehension, and look at the few units that pass."""
    key = "boilerplate:line-texts"
    if key not in doc.cache:
        doc.cache[key] = [u.text for u in line_units(doc)]
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


# Markdown container markers at the start of a line, after any indentation: block quotes (`>`)
# and list items (`-`, `+`, `*`, `1.`, `1)` and a space), nested (`> - `). A line that holds
# one besides the text is removed up to the marker, not as a whole, when its block goes on.
_CONTAINER = re.compile(r"(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*")


class _Span:
    """A removable unit: its source span, the source lines it covers, and where the text after
    its first line's container marker (if any) begins."""

    __slots__ = ("after_marker", "end", "first", "last", "start")

    def __init__(self, start: int, end: int, first: Line, last: Line, after_marker: int) -> None:
        self.start, self.end, self.first, self.last = start, end, first, last
        self.after_marker = after_marker  # -1: the first line holds no container marker


def _removable(doc: Document, unit: Unit) -> _Span | None:
    """`unit` when its source lines hold nothing else but markup, else None.

    Removing the lines must take nothing else with them and leave the markup well formed: the
    lines may hold a Markdown `##`, list or quote marker, or balanced HTML tags besides the text.
    """
    s, e = unit.span
    first = doc.line_at(s)
    if s == first.start and e == first.end and doc.format != "html":
        # The whole of one source line (every line of a plain-text file): nothing else is on
        # it, and no marker before it. (In HTML, markup inside the span must be balanced.)
        return _Span(s, e, first, first, -1)
    last = first if e <= first.next else doc.line_at(max(s, e - 1))
    text = doc.text
    left = text[first.start : s]
    outside = left + text[e : last.end]
    if doc.format == "html":
        if not _tags_balanced(text[first.start : last.end]):
            return None
        outside = _ENTITY.sub("", _TAG.sub("", outside))
    if outside and any(ch.isalnum() for ch in outside):
        return None
    after_marker = -1
    if left and doc.format == "markdown":
        marker = _CONTAINER.match(left)
        if marker and not marker.group().isspace() and marker.end():
            after_marker = first.start + marker.end()
    return _Span(s, e, first, last, after_marker)


def _next_line_start(block: Block, end: int) -> int | None:
    """Prose start of the first non-empty line of `block` after offset `end`, if any."""
    text = block.text
    nl = text.find("\n", end)
    while nl >= 0:
        a = nl + 1
        nl = text.find("\n", a)
        line = text[a : len(text) if nl < 0 else nl]
        if line[:-1] if line.endswith("\r") else line:
            return a
    return None


def _container_edit(doc: Document, unit: Unit, span: _Span, last: Unit) -> Edit | None:
    """The removal of units `unit`..`last` of one Markdown block whose first line carries a
    container marker that the block's next line does not repeat (a list item's `- ` before
    its indented continuation lines), when the block goes on after `last`.

    Removed as whole lines, the marker would go, and the rest of the item would join the item
    above. The edit replaces the lines from the first unit's to the block's next line with
    that next line, marker first: `- Politics` / `  World` / `  Talks` becomes `- Talks`.
    None when whole lines are right (no marker, the block ends, or every line carries the
    marker, as in a block quote).
    """
    if span.after_marker < 0 or unit.block is not last.block:
        return None
    nxt = _next_line_start(last.block, last.end)
    if nxt is None:
        return None
    src = last.block.to_source(nxt)
    line = doc.line_at(src)
    indent = _CONTAINER.match(doc.text, line.start, src)
    rest = indent.end() if indent else line.start
    marker = doc.text[span.first.start : span.after_marker]
    if doc.text[line.start : rest] == marker:
        return None
    return Edit(span.first.start, line.next, marker + doc.text[rest : line.next])


def removal_edits(doc: Document, found: list[Unit]) -> list[Edit | None]:
    """One removal edit per unit (None where the line holds other text).

    Units on consecutive lines (blank lines between allowed) share one edit that removes the
    whole run: removed one by one, a run at the end of the file would leave the blank line
    that separated it from the text above. The fixer applies an edit shared by several
    diagnostics once. In Markdown, the part of a run in a block that goes on after it keeps
    its container marker (see `_container_edit`).
    """
    spans = [_removable(doc, u) for u in found]
    n = len(found)
    out: list[Edit | None] = [None] * n
    lines = doc.lines
    i = 0
    while i < n:
        span = spans[i]
        if span is None:
            i += 1
            continue
        j = i
        while j + 1 < n:
            here, there = spans[j], spans[j + 1]
            if there is None:
                break
            below = here.last.index + 1  # type: ignore[union-attr]
            nxt = there.first.index
            # The next unit's line right below (a menu, line after line) is the common case.
            if nxt != below and (
                nxt < below or any(not doc.is_blank(lines[k]) for k in range(below, nxt))
            ):
                break
            j += 1
        # The units of the run's last block, and the marker-keeping edit for them.
        k = j
        while k > i and found[k - 1].block is found[j].block:
            k -= 1
        kept = _container_edit(doc, found[k], spans[k], found[j])  # type: ignore[arg-type]
        if kept is None:
            k = j + 1
        else:
            for m in range(k, j + 1):
                out[m] = kept
        if k > i:
            a, b = doc.removal_span(span.start, spans[k - 1].end)  # type: ignore[union-attr]
            edit = Edit(a, b, "")
            for m in range(i, k):
                out[m] = edit
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
    out: list[Fix | None] = []
    shared: tuple[Edit | None, Fix | None] = (None, None)
    for e in removal_edits(doc, found):
        if e is not None and e is not shared[0]:
            shared = (e, make(message, e))  # units removed by one edit share one (frozen) fix
        out.append(shared[1] if e is not None else None)
    return out


def removal_fix(doc: Document, unit: Unit, message: str, *, safe: bool) -> Fix | None:
    return removal_fixes(doc, [unit], message, safe=safe)[0]


def word_count(text: str) -> int:
    return len(text.split())
