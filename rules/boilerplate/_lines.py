"""What the boilerplate rules share: line units, normalization, and clean whole-line removal.

Boilerplate is a property of whole lines (a skip link, a share bar, a comment-form heading), so
these rules look at *units*: every line of every prose block, and, for a block that spans
several lines (a soft-wrapped Markdown paragraph), the whole block as well.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import accumulate, compress, filterfalse, repeat
from operator import add, is_
from typing import TypeVar, overload

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Edit, Fix
from copydesk.document import Block, Document
from copydesk.rule import Rule

# Invisible characters real pages carry (zero-width space/joiners, marks, soft hyphen, BOM).
_INVISIBLE = dict.fromkeys("\u200b\u200c\u200d\u200e\u200f\u00ad\u2060\ufeff", "")
_QUOTES = {"’": "'", "‘": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "´": "'"}
# One replace() per character present: str.translate() with a table this sparse is many
# times slower. (No replacement is itself in the table, so the order does not matter.)
_QUOTE_PAIRS = tuple(_QUOTES.items())
# Decoration around a menu label: bullets, arrows, pipes, trailing colons and ellipses.
_LEAD = " \t•·|»›>→▶►-–—*#"
_TRAIL = " \t|»›>→▶►:.…!-–—"

# Chrome lines are short; a long line is prose (and the cap bounds every regex below).
MAX_UNIT_CHARS = 320

T = TypeVar("T")


@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Case-folded, NFKC, invisible characters dropped, whitespace collapsed, decoration stripped.

    The same function normalizes table entries and text, so both sides always agree.
    """
    t = text
    ascii = t.isascii()
    if not ascii:  # NFKC, invisible characters and curly quotes are all non-ASCII
        t = unicodedata.normalize("NFKC", t)
        # The invisible characters are all unprintable (format characters): one C-level test
        # before looking for each. The quotes are looked for one by one (C-level `in`).
        if not t.isprintable():
            for old in _INVISIBLE:
                if old in t:
                    t = t.replace(old, "")
        for old, new in _QUOTE_PAIRS:
            if old in t:
                t = t.replace(old, new)
    # split() and `\s` agree on what whitespace is; join(split()) is `\s+` -> " " plus strip().
    # Every whitespace character but the space is unprintable, so a printable text without
    # two spaces in a row needs no collapsing (most lines, and splitting a long one is most
    # of the cost): a space at either end goes with the decoration, which includes it.
    if "  " in t or not t.isprintable():
        t = " ".join(t.split())
    # (No strip() of other whitespace after these: the text now holds no whitespace but single
    # spaces, and both sets strip the space.)
    t = t.strip(_LEAD).strip(_TRAIL)
    return t.lower() if ascii else t.casefold()  # the same on ASCII, and faster


MEMO_SIZE = 1 << 16  # texts per memo (bounded memory; a corpus run sees every page's lines)


def memo_map(
    memo: dict[str, T], texts: list[str], make_all: Callable[[list[str]], Iterable[T]]
) -> list[T]:
    """`list(make_all(texts))` for a `make_all` that answers each text alone (the answers of
    a list are those of its texts), through `memo`: the memo answers most lines (the same
    chrome tops every page) in one C-level pass, and `make_all` gets the texts it has not
    seen, each once. Every pass over the texts is C-level. Returns a new list."""
    try:
        # A document whose lines the memo has all seen (most in a corpus run: a site's pages
        # share their chrome, and one page's lines come back when it is checked again) in one
        # C-level pass; the first line it has not seen stops it.
        return list(map(memo.__getitem__, texts))
    except KeyError:
        pass
    # The texts it has not seen, each once, in C-level passes (most lines of a page of its own).
    todo = dict.fromkeys(filterfalse(memo.__contains__, texts))
    if len(memo) + len(todo) > MEMO_SIZE:
        memo.clear()  # (bounded memory, once per document)
        todo = dict.fromkeys(texts)
    made = make_all(list(todo))
    memo.update(zip(todo, made, strict=True))
    return list(map(memo.__getitem__, texts))


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
        # For a verbatim block (see `Lines`), the source offset of prose offset 0.
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


class Lines(Sequence[Unit]):
    """The units of a document, built once and shared by the family's rules.

    Rules screen the line texts (`texts`, plain strings) with cheap string tests and look at
    the few lines that pass, so a line's `Unit` object is only built when a rule asks for it
    (`lines[i]`): a page has hundreds of lines, and most are never looked at as units. For a
    plain-text file (one block) the texts come from one `str.split`.

    As a sequence, `Lines` is the line units, in order. `all_texts` and `unit_at` add the
    whole-block units (a multi-line block of at most `MAX_UNIT_CHARS` characters, before its
    lines) for the rules that match whole blocks too.
    """

    def __init__(self, blocks: list[Block]) -> None:
        texts: list[str] = []  # non-empty line texts, without a CR before the LF
        starts: list[int] = []  # their prose offsets in their block
        self.texts = texts
        self._starts = starts
        # Per block that has lines: the block, the source offset of its prose offset 0 when it
        # is verbatim (else -1), and the index of its first line.
        self._blocks: list[Block] = []
        self._bases: list[int] = []
        self._firsts: list[int] = []
        # Whole-block units, each with the index of its block's first line (it comes first).
        self._wholes: list[tuple[int, Unit]] = []
        # No two lines share a source span when every block is verbatim and the blocks follow
        # each other in the source: a line's span is then its own (`known_chrome_flags`).
        self.distinct_spans = True
        end = -1
        for block in blocks:
            text = block.text
            runs = block.runs
            # A block that is one verbatim run covering its text (all plain text, most Markdown
            # paragraphs): a prose offset maps to the source by addition (`Block.span`, without
            # the bisection and clamping that cannot apply here).
            verbatim = len(runs) == 1 and runs[0][0] == 0 and runs[0][2] == len(text)
            base = runs[0][1] if verbatim else -1
            if not verbatim or base < end:
                self.distinct_spans = False
            end = base + len(text)
            first = len(texts)
            if "\n" not in text:  # one line (most Markdown and HTML blocks)
                seg = text[:-1] if text.endswith("\r") else text  # a CR of a CRLF ending
                if seg:
                    texts.append(seg)
                    starts.append(0)
            else:
                if len(text) <= MAX_UNIT_CHARS:
                    span = (base, end) if verbatim else block.span(0, len(text))
                    self._wholes.append((first, Unit(block, 0, len(text), True, text, span, base)))
                segs = text.split("\n")
                # Where each line starts: after the LF that ends the one before (C-level calls).
                pos = accumulate(map(add, map(len, segs), repeat(1)), initial=0)
                if "\r" in text:  # the line's text stops before a CR of a CRLF ending
                    segs = [seg[:-1] if seg.endswith("\r") else seg for seg in segs]
                starts.extend(compress(pos, segs))  # the non-empty lines only
                texts.extend(compress(segs, segs))
            if len(texts) > first:
                self._blocks.append(block)
                self._bases.append(base)
                self._firsts.append(first)
        self._units: list[Unit | None] = [None] * len(texts)
        self._all: list[str] | None = None
        self._order: list[int] = []

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, i: int) -> Unit: ...

    @overload
    def __getitem__(self, i: slice) -> list[Unit]: ...

    def __getitem__(self, i: int | slice) -> Unit | list[Unit]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        unit = self._units[i]
        if unit is None:
            if i < 0:
                i += len(self.texts)
            k = bisect.bisect_right(self._firsts, i) - 1
            block, base = self._blocks[k], self._bases[k]
            text = self.texts[i]
            start = self._starts[i]
            end = start + len(text)
            span = (base + start, base + end) if base >= 0 else block.span(start, end)
            unit = self._units[i] = Unit(block, start, end, False, text, span, base)
        return unit

    def __iter__(self) -> Iterator[Unit]:
        return (self[i] for i in range(len(self.texts)))

    def _base_of(self, i: int) -> int:
        """The source offset of prose offset 0 of line `i`'s block when it is verbatim, else -1."""
        bases = self._bases
        return bases[0] if len(bases) == 1 else bases[bisect.bisect_right(self._firsts, i) - 1]

    def same_block(self, i: int, j: int) -> bool:
        """Whether lines `i` and `j` belong to one block (without building their units)."""
        firsts = self._firsts
        if len(firsts) == 1:
            return True  # one block (a plain-text file)
        blocks = self._blocks
        right = bisect.bisect_right
        return blocks[right(firsts, i) - 1] is blocks[right(firsts, j) - 1]

    # -- all units, whole blocks included -------------------------------------------------------

    @property
    def all_texts(self) -> list[str]:
        """The texts of all units in order: a multi-line block's whole text before its lines."""
        if self._all is None:
            if not self._wholes:
                self._all = self.texts
            else:
                # `_order`: for each unit, its line index, or -1 - k for whole unit k.
                order: list[int] = []
                line = 0
                for k, (first, _unit) in enumerate(self._wholes):
                    order.extend(range(line, first))
                    order.append(-1 - k)
                    line = first
                order.extend(range(line, len(self.texts)))
                self._order = order
                self._all = [
                    self.texts[j] if j >= 0 else self._wholes[-1 - j][1].text for j in order
                ]
        return self._all

    def unit_at(self, k: int) -> Unit:
        """Unit `k` of `all_texts`."""
        if self.all_texts is self.texts:
            return self[k]
        j = self._order[k]
        return self[j] if j >= 0 else self._wholes[-1 - j][1]

    def line_index(self, k: int) -> int:
        """The line index of unit `k` of `all_texts`, or -1 for a whole-block unit."""
        if self.all_texts is self.texts:
            return k
        return max(self._order[k], -1)


def lines_of(doc: Document) -> Lines:
    """The document's `Lines` (built on first use, cached)."""
    found: Lines | None = doc.cache.get("boilerplate:lines")
    if found is None:
        found = doc.cache["boilerplate:lines"] = Lines(doc.blocks)
    return found


def units(doc: Document) -> Iterator[Unit]:
    """Every multi-line block as a whole, then each of its lines; single lines once.

    Lines are those of `Block.lines()` (split at LF, a CR before it dropped); empty ones are
    left out.
    """
    lines = lines_of(doc)
    return (lines.unit_at(k) for k in range(len(lines.all_texts)))


def line_units(doc: Document) -> Lines:
    """Each non-empty line once, in order, as a sequence of units built on demand."""
    return lines_of(doc)


def line_texts(doc: Document) -> list[str]:
    """The text of each of `line_units(doc)`. Rules screen these with cheap string tests, in
    one comprehension, and look at the few units that pass."""
    return lines_of(doc).texts


# -- removal --------------------------------------------------------------------------------------

_TAG = patterns.compile_re(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(/?)>")
_ENTITY = patterns.compile_re(r"&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,10});")
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
_CONTAINER = patterns.compile_re(r"(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*")


class SourceLine:
    """A physical line of the source, as `Document.lines` has it (`[start, end)` its text
    without the terminator, `next` where the next line begins), built alone: the family never
    needs all of a document's lines, and building `Document.lines` costs more than the rules."""

    __slots__ = ("end", "next", "start")

    def __init__(self, start: int, end: int, nxt: int) -> None:
        self.start, self.end, self.next = start, end, nxt


def line_at(doc: Document, offset: int) -> SourceLine:
    """`doc.line_at(offset)` (without its `index`), without building `doc.lines`."""
    text = doc.text
    n = len(text)
    start = text.rfind("\n", 0, offset) + 1
    if start >= n > 0:  # past the final LF: no line starts there, the last line holds it
        start = text.rfind("\n", 0, n - 1) + 1
    nl = text.find("\n", start)
    if nl < 0:
        nxt = end = n
    else:
        nxt, end = nl + 1, nl
    if end > start and text[end - 1] == "\r":  # a CR before the LF (or at the end)
        end -= 1
    return SourceLine(start, end, nxt)


_BLANK_LINES = patterns.compile_re(r"(?:[^\S\n]*\n)*")
_BLANK_END = patterns.compile_re(r"[^\S\n]+\Z")


def _blank(text: str, start: int, stop: int) -> bool:
    return not text[start:stop].strip()


def removal_span(doc: Document, start: int, end: int) -> tuple[int, int]:
    """`doc.removal_span(start, end)`, without `doc.lines`: the whole lines holding
    `[start, end)` with their terminators and the blank lines below them, or, when nothing but
    blank lines follows, the blank lines above instead (see `Document.removal_span`)."""
    first = line_at(doc, start)
    last = first if max(start, end - 1) < first.next else line_at(doc, max(start, end - 1))
    return _removal_span_lines(doc, first.start, last.next)


def _removal_span_lines(doc: Document, first: int, below: int) -> tuple[int, int]:
    """`removal_span` of the lines from the one that starts at `first` to the one before the
    line that starts at `below` (the end of the text when there is none)."""
    text = doc.text
    n = len(text)
    if below < n and not text[below].isspace():
        return first, below  # text right below (no blank line to take): the common case
    s = first
    # The blank lines below: whole lines of whitespace with their LF, and a last line without
    # one (`str.strip` and `re`'s `\s` agree on what whitespace is).
    k = e = _BLANK_LINES.match(text, below).end()  # type: ignore[union-attr]
    if k < n and _BLANK_END.match(text, k):
        k = e = n
    if k >= n:
        # Nothing below: take the blank lines above instead, and leave the trailing ones.
        e = below
        j = first  # the start of the line below the one looked at
        above = -1  # the end of the first non-blank line above, if any
        while j > 0:
            a = text.rfind("\n", 0, j - 1) + 1  # the start of the line above
            if not _blank(text, a, j):
                stop = j - 1  # its end: before its LF, and a CR before that
                above = stop - 1 if stop > a and text[stop - 1] == "\r" else stop
                break
            s = j = a
        if e == n and above >= 0 and line_at(doc, n - 1).end == n:
            # The removed line had no terminator: drop the one before it, keeping the
            # file's missing final newline.
            s = above
    return s, e


# A removable unit (`_removable`): its source span, where its first source line starts, where
# the line after its last begins, and where the text after its first line's container marker
# begins (-1: no marker). A tuple: the family builds one per finding.
_Span = tuple[int, int, int, int, int]


def _removable(doc: Document, unit: Unit) -> _Span | None:
    """`unit` when its source lines hold nothing else but markup, else None.

    Removing the lines must take nothing else with them and leave the markup well formed: the
    lines may hold a Markdown `##`, list or quote marker, or balanced HTML tags besides the text.
    (`removal_edits` tests the common case, a whole line of a file that is not HTML, itself.)
    """
    s, e = unit.span
    text = doc.text
    first = line_at(doc, s)
    start = first.start
    html = doc.format == "html"
    if s == start and e == first.end and not html:
        # The whole of one source line (every line of a plain-text file): nothing else is on
        # it, and no marker before it. (In HTML, markup inside the span must be balanced.)
        return (s, e, start, first.next, -1)
    last = first if e <= first.next else line_at(doc, max(s, e - 1))
    left = text[start:s]
    outside = left + text[e : last.end]
    if html:
        if not _tags_balanced(text[start : last.end]):
            return None
        outside = _ENTITY.sub("", _TAG.sub("", outside))
    if outside and any(map(str.isalnum, outside)):
        return None
    after_marker = -1
    if left and doc.format == "markdown":
        marker = _CONTAINER.match(left)
        if marker and not marker.group().isspace() and marker.end():
            after_marker = start + marker.end()
    return (s, e, start, last.next, after_marker)


def _whole_line(text: str, s: int, e: int) -> int:
    """Where the next line begins when `[s, e)` is a whole line of `text` (the line that
    `line_at` finds for `s`, from its start to its end), else -1."""
    if (s and text[s - 1] != "\n") or s >= len(text):
        return -1  # not a line start (no line starts at the end of the text)
    nl = text.find("\n", s)
    end = nxt = len(text) if nl < 0 else nl
    if nl >= 0:
        nxt += 1
    if end > s and text[end - 1] == "\r":  # a CR before the LF (or at the end)
        end -= 1
    return nxt if e == end else -1


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
    if span[4] < 0 or unit.block is not last.block:
        return None
    nxt = _next_line_start(last.block, last.end)
    if nxt is None:
        return None
    src = last.block.to_source(nxt)
    line = line_at(doc, src)
    indent = _CONTAINER.match(doc.text, line.start, src)
    rest = indent.end() if indent else line.start
    marker = doc.text[span[2] : span[4]]
    if doc.text[line.start : rest] == marker:
        return None
    return Edit(span[2], line.next, marker + doc.text[rest : line.next])


def removal_edits(doc: Document, found: list[Unit]) -> list[Edit | None]:
    """One removal edit per unit (None where the line holds other text).

    Units on consecutive lines (blank lines between allowed) share one edit that removes the
    whole run: removed one by one, a run at the end of the file would leave the blank line
    that separated it from the text above. The fixer applies an edit shared by several
    diagnostics once. In Markdown, the part of a run in a block that goes on after it keeps
    its container marker (see `_container_edit`).
    """
    text = doc.text
    plain = doc.format != "html"
    spans: list[_Span | None] = []
    for u in found:
        s, e = u.span
        # The common case, a whole line outside HTML, tested here; `_removable` for the rest.
        nxt = _whole_line(text, s, e) if plain and not u.whole_block else -1
        spans.append((s, e, s, nxt, -1) if nxt >= 0 else _removable(doc, u))
    n = len(found)
    out: list[Edit | None] = [None] * n
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
            below = here[3]  # type: ignore[index]
            nxt = there[2]
            # The next unit's line right below (a menu, line after line) is the common case.
            if nxt != below and (nxt < below or not _blank(text, below, nxt)):
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
            a, b = _removal_span_lines(doc, span[2], spans[k - 1][3])  # type: ignore[index]
            edit = Edit(a, b, "")
            for m in range(i, k):
                out[m] = edit
        i = j + 1
    return out


def line_findings(
    doc: Document, idx: list[int], message: str, *, safe: bool, strip: bool = True
) -> list[tuple[int, int, str, Fix | None]]:
    """For each line of `idx` (ascending): the source span of its text without the whitespace
    around it, that text, and the fix removing the line (the unit path's `span_of` of the
    stripped text and `removal_fixes` together); with `strip=False`, the line's own span and
    text. When every line is a whole source line of a verbatim block outside HTML (plain text,
    most Markdown), in one pass over the lines, a run's fix made as it ends."""
    if doc.format == "html":
        return _line_findings(doc, idx, message, safe, strip)
    lines = lines_of(doc)
    bases = lines._bases
    one = bases[0] if len(bases) == 1 else -1  # one verbatim block: no lookup per line
    base_of = lines._base_of
    text = doc.text
    n = len(text)
    find = text.find
    # A plain-text block is a run of whole lines (`formats.text`), so without a CR in the file
    # every line is a whole source line, which ends where its LF (or the text) is.
    whole = doc.format == "text" and "\r" not in text
    starts, texts = lines._starts, lines.texts
    make = Fix.safe if safe else Fix.unsafe
    out: list[tuple[int, int, str, Fix | None]] = []
    run: list[tuple[int, int, str]] = []  # the lines of the run of lines being removed
    first = below = -1  # where the run starts, and where the line below it begins
    for i in idx:
        line = texts[i]
        base = one if one >= 0 else base_of(i)
        if base < 0:
            return _line_findings(doc, idx, message, safe, strip)
        s = base + starts[i]
        e = s + len(line)
        if whole:
            nxt = e + 1 if e < n else n  # (the LF that ends the line is at `e`)
        else:
            # `nxt = _whole_line(text, s, e)`, inlined (a call costs as much as its tests).
            if (s and text[s - 1] != "\n") or s >= n:
                return _line_findings(doc, idx, message, safe, strip)  # not a line start
            nl = find("\n", s)
            end = nxt = n if nl < 0 else nl
            if nl >= 0:
                nxt += 1
            if end > s and text[end - 1] == "\r":  # a CR before the LF (or at the end)
                end -= 1
            if e != end:
                return _line_findings(doc, idx, message, safe, strip)  # not a whole line
        if strip:
            kept = line.strip()  # (the line itself when nothing is stripped: most lines)
            a = s if kept is line else e - len(line.lstrip())
        else:
            kept, a = line, s
        # The next line right below (a menu, line after line) goes on the run.
        if run and (s == below or (s > below and not text[below:s].strip())):
            run.append((a, a + len(kept), kept))
            below = nxt
            continue
        if run:
            fix = make(message, Edit(*_removal_span_lines(doc, first, below), ""))
            out.extend([(x, y, t, fix) for x, y, t in run])
        run = [(a, a + len(kept), kept)]
        first, below = s, nxt
    if run:
        fix = make(message, Edit(*_removal_span_lines(doc, first, below), ""))
        out.extend([(x, y, t, fix) for x, y, t in run])
    return out


def _line_findings(
    doc: Document, idx: list[int], message: str, safe: bool, strip: bool
) -> list[tuple[int, int, str, Fix | None]]:
    """`line_findings` through the lines' units (a line with markup or a marker beside it)."""
    lines = lines_of(doc)
    units = [lines[i] for i in idx]
    out: list[tuple[int, int, str, Fix | None]] = []
    for u, fix in zip(units, removal_fixes(doc, units, message, safe=safe), strict=True):
        if not strip:
            out.append((*u.span, u.text, fix))
            continue
        kept = u.text.strip()
        a = u.start + len(u.text) - len(u.text.lstrip())
        out.append((*u.span_of(a, a + len(kept)), kept, fix))
    return out


def _fixes(edits: list[Edit | None], message: str, safe: bool) -> list[Fix | None]:
    make = Fix.safe if safe else Fix.unsafe
    out: list[Fix | None] = []
    shared: tuple[Edit | None, Fix | None] = (None, None)
    for e in edits:
        if e is not None and e is not shared[0]:
            shared = (e, make(message, e))  # units removed by one edit share one (frozen) fix
        out.append(shared[1] if e is not None else None)
    return out


def removal_edit(doc: Document, unit: Unit) -> Edit | None:
    """An edit removing the source lines of `unit` cleanly (see `_removable`)."""
    return removal_edits(doc, [unit])[0]


def removal_fixes(
    doc: Document, found: list[Unit], message: str, *, safe: bool
) -> list[Fix | None]:
    """`removal_edits` as fixes of one applicability."""
    return _fixes(removal_edits(doc, found), message, safe)


def removal_fix(doc: Document, unit: Unit, message: str, *, safe: bool) -> Fix | None:
    return removal_fixes(doc, [unit], message, safe=safe)[0]


# Messages by rule (its message template) and line text: the same menu and chrome lines are
# reported on every page of a site.
_MESSAGES: dict[str, dict[str, str]] = {}


def messages_of(rule: Rule, texts: list[str]) -> list[str]:
    """`[rule.message.format(text=t) for t in texts]` (a rule whose message has `{text}`
    only), memoized, the texts seen before found in one C-level pass."""
    template = rule.message
    memo = _MESSAGES.get(template)
    if memo is None:
        memo = _MESSAGES[template] = {}
    out: list[str | None] = list(map(memo.get, texts))  # None where unseen: filled below
    if None in out:
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        fmt = template.format
        for k in compress(range(len(out)), map(is_, out, repeat(None))):
            text = texts[k]
            found = memo.get(text)
            if found is None:
                found = memo[text] = fmt(text=text)
            out[k] = found
    return out  # type: ignore[return-value]  # (every None filled)


def line_diagnostics(
    rule: Rule, found: list[tuple[int, int, str, Fix | None]], messages: list[str] | None = None
) -> Iterator[Diagnostic]:
    """`rule.diagnostic(a, b, fix=fix, text=text)` for each of `line_findings`' rows (a rule
    whose message has `{text}` only), or with `messages[k]` as row `k`'s message."""
    if messages is None:
        messages = messages_of(rule, [row[2] for row in found])
    return rule.diagnostics(
        (a, b, message, fix) for (a, b, _text, fix), message in zip(found, messages, strict=True)
    )


def word_count(text: str) -> int:
    return len(text.split())
