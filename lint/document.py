"""The document model every rule reads: prose blocks with a source map, lines, sentences, language.

Everything here is computed once per file, lazily, and shared by all rules. Rules work in the
*prose* coordinates of a block (`block.text`) and turn them into source offsets with
`block.span()`/`block.edit()`, so the same rule runs on plain text, Markdown and HTML.
"""

from __future__ import annotations

import bisect
import itertools
from bisect import bisect_right as _bisect_right
from collections.abc import Callable, Hashable, Iterable, Iterator
from functools import cached_property
from typing import Any, TypeVar

from copydesk.diagnostics import Edit
from copydesk.records import Frozen, fill, slot_setters

T = TypeVar("T")


class Block(Frozen):
    """A unit of prose (a paragraph, heading, list item, table cell...) and its map to the source.

    `runs` are `(prose_start, source_start, length)` triples, sorted, covering `text` exactly:
    each run is a stretch of prose that is a verbatim copy of the source. Between runs the
    source holds markup (emphasis markers, tags, entities) that the prose does not show.
    """

    __slots__ = ("_line_ranges", "_starts", "end", "kind", "meta", "runs", "start", "text")
    _FIELDS = ("kind", "text", "runs", "start", "end")  # meta takes no part in equality
    _REPR = (*_FIELDS, "meta")
    _ALL = _REPR  # `_starts` and `_line_ranges` are made again when first needed

    kind: str
    text: str
    runs: tuple[tuple[int, int, int], ...]
    start: int  # source extent of the whole block, markup included
    end: int
    # Whole-block removal is meaningful for line-oriented rules (a heading "## Leave a Reply").
    meta: dict[str, Any]
    # Prose starts of the runs, for bisection (computed on first use, then kept: rules map
    # offsets constantly; most blocks of a page are never mapped).
    _starts: tuple[int, ...]
    # Prose ranges of its lines, computed on first use (`lines`).
    _line_ranges: tuple[tuple[int, int], ...]

    def __init__(
        self,
        kind: str,
        text: str,
        runs: tuple[tuple[int, int, int], ...],
        start: int,
        end: int,
        meta: dict[str, Any] | None = None,
    ) -> None:
        # The slots' own setters (`fill` looks each one up by name: a Markdown page makes
        # hundreds of blocks).
        _BLOCK_KIND(self, kind)
        _BLOCK_TEXT(self, text)
        _BLOCK_RUNS(self, runs)
        _BLOCK_START(self, start)
        _BLOCK_END(self, end)
        _BLOCK_META(self, {} if meta is None else meta)
        # `_starts` and `_line_ranges` stay unset until first asked for (a slot read then
        # raises AttributeError): a Markdown page makes hundreds of blocks.

    @classmethod
    def verbatim(cls, kind: str, text: str, start: int) -> Block:
        return cls(kind, text, ((0, start, len(text)),), start, start + len(text))

    def _run(self, i: int, *, is_end: bool) -> tuple[int, int, int]:
        try:
            starts = self._starts
        except AttributeError:
            runs = self.runs
            starts = (runs[0][0],) if len(runs) == 1 else tuple([r[0] for r in runs])
            fill(self, "_starts", starts)
        k = _bisect_right(starts, i) - 1
        if is_end and k > 0 and self.runs[k][0] == i:
            p, _s, n = self.runs[k - 1]
            if p + n == i:
                k -= 1  # an end offset on a run boundary belongs to the run before it
        return self.runs[max(k, 0)]

    def to_source(self, i: int, *, is_end: bool = False) -> int:
        if not self.runs:
            return self.start
        p, s, n = self._run(i, is_end=is_end)
        # An end offset right after decoded prose (an entity, an escape) that is not in any run
        # lands on the next run's start: the span then covers the entity's whole source.
        return s + min(max(i - p, 0), n)

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Source span of the prose range `[a, b)`."""
        start = self.to_source(a)
        return start, max(start, self.to_source(b, is_end=True))

    def contiguous(self, a: int, b: int) -> bool:
        """True when prose `[a, b)` is one verbatim stretch of source (no markup inside)."""
        if not self.runs:
            return False
        p, _s, n = self._run(a, is_end=False)
        return p <= a and b <= p + n

    def edit(self, a: int, b: int, content: str) -> Edit | None:
        """An edit replacing prose `[a, b)`, or None when that would touch markup."""
        if not self.contiguous(a, b):
            return None
        s, e = self.span(a, b)
        escape = self.meta.get("escape")
        return Edit(s, e, escape(content) if callable(escape) else content)

    def lines(self) -> Iterator[tuple[int, int]]:
        """Prose ranges of the lines of this block (without their line terminators)."""
        return iter(self._lines)

    @property
    def _lines(self) -> tuple[tuple[int, int], ...]:
        # Computed once: a dozen rules walk every block's lines.
        try:
            return self._line_ranges
        except AttributeError:
            pass
        out = []
        pos = 0
        for seg in self.text.split("\n"):
            stop = pos + len(seg)
            out.append((pos, stop - 1 if seg.endswith("\r") else stop))
            pos = stop + 1
        ranges = tuple(out)
        fill(self, "_line_ranges", ranges)
        return ranges


# Setters of Block's slots, called by its __init__.
_BLOCK_KIND, _BLOCK_TEXT, _BLOCK_RUNS, _BLOCK_START, _BLOCK_END, _BLOCK_META = slot_setters(
    Block, "kind", "text", "runs", "start", "end", "meta"
)


class Line(Frozen):
    """A physical line of the source: `[start, end)` is its text, `next` where the next begins."""

    __slots__ = ("end", "index", "next", "start")
    _FIELDS = _REPR = _ALL = ("index", "start", "end", "next")

    index: int  # 0-based
    start: int
    end: int
    next: int

    def __init__(self, index: int, start: int, end: int, next: int) -> None:
        fill(self, "index", index)
        fill(self, "start", start)
        fill(self, "end", end)
        fill(self, "next", next)

    @property
    def number(self) -> int:
        return self.index + 1


class Sentence(Frozen):
    __slots__ = ("block", "end", "start")
    _FIELDS = _REPR = _ALL = ("block", "start", "end")

    block: Block
    start: int  # prose offsets in block.text
    end: int

    def __init__(self, block: Block, start: int, end: int) -> None:
        _SENTENCE_BLOCK(self, block)
        _SENTENCE_START(self, start)
        _SENTENCE_END(self, end)

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]


_SENTENCE_BLOCK, _SENTENCE_START, _SENTENCE_END = slot_setters(Sentence, "block", "start", "end")


class RunContext:
    """What cross-file rules know about the whole run: how many files, and key counts per rule.

    A key counts once per file however often the file yields it.
    """

    __slots__ = ("_peaks", "counts", "files")

    def __init__(
        self, files: int = 0, counts: dict[str, dict[Hashable, int]] | None = None
    ) -> None:
        self.files = files
        self.counts: dict[str, dict[Hashable, int]] = {} if counts is None else counts
        # The highest count per code, with the table it was taken from (see `peak`).
        self._peaks: dict[str, tuple[dict[Hashable, int], int]] = {}

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        if not isinstance(other, RunContext):
            return NotImplemented
        return (self.files, self.counts) == (other.files, other.counts)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass it was

    def __repr__(self) -> str:
        return f"RunContext(files={self.files!r}, counts={self.counts!r})"

    def add(self, code: str, keys: Iterable[Hashable]) -> None:
        table = self.counts.setdefault(code, {})
        for key in set(keys):
            table[key] = table.get(key, 0) + 1
        self._peaks.pop(code, None)

    def count(self, code: str, key: Hashable) -> int:
        return self.counts.get(code, {}).get(key, 0)

    def peak(self, code: str) -> int:
        """The highest count of any key of `code` (0 without any), found once for every file of
        the run to ask: kept until `add` changes the counts or the table is replaced."""
        table = self.counts.get(code)
        if table is None:
            return 0
        known = self._peaks.get(code)
        if known is None or known[0] is not table:
            known = self._peaks[code] = (table, max(table.values(), default=0))
        return known[1]


class Document:
    """One file, parsed once. Attributes are computed on first use."""

    def __init__(
        self,
        text: str,
        *,
        path: str | None = None,
        format: str | None = None,
        language: str | None = None,
        run: RunContext | None = None,
    ) -> None:
        from copydesk.formats import format_for_path

        self.text = text
        self.path = path
        self.format = format or format_for_path(path)
        self._forced_language = language
        self.run = run if run is not None else RunContext()
        # Rules share derived data here (acronym definitions, word lists) keyed by their own name.
        self.cache: dict[str, Any] = {}

    # -- structure ----------------------------------------------------------------------------

    @cached_property
    def blocks(self) -> list[Block]:
        from copydesk.formats import parse

        return parse(self.text, self.format)

    @cached_property
    def prose(self) -> str:
        """All prose blocks joined by blank lines (for document-wide statistics only)."""
        return "\n\n".join(b.text for b in self.blocks)

    @cached_property
    def lines(self) -> list[Line]:
        text = self.text
        starts = self.line_starts
        out: list[Line] = []
        nexts = [*starts[1:], len(text)] if starts else []
        for i, (start, nxt) in enumerate(zip(starts, nexts, strict=True)):
            end = nxt - 1 if text[nxt - 1] == "\n" else nxt
            if end > start and text[end - 1] == "\r":  # a CR before the LF (or at the end)
                end -= 1
            out.append(Line(i, start, end, nxt))
        return out

    @cached_property
    def line_starts(self) -> list[int]:
        """Where each line starts: after every LF that is not the last character."""
        n = len(self.text)
        starts = list(itertools.accumulate((len(s) + 1 for s in self.text.split("\n")), initial=0))
        while starts and starts[-1] >= n:
            starts.pop()
        return starts

    def line_at(self, offset: int) -> Line:
        k = bisect.bisect_right(self.line_starts, offset) - 1
        return self.lines[max(k, 0)]

    def row_col(self, offset: int) -> tuple[int, int]:
        """1-based row and column (in code points) of a source offset."""
        # Called for every finding and edit: the common case (past the first line) first.
        starts = self.line_starts
        k = _bisect_right(starts, offset)
        if k > 1:
            return k, offset - starts[k - 1] + 1
        return (1, offset - starts[0] + 1) if starts else (1, 1)

    def line_texts(self, first: int, last: int) -> tuple[str, ...]:
        """The text of rows `first` to `last` (1-based, inclusive), without terminators (as
        `lines` has them, without building the Line objects)."""
        text = self.text
        starts = self.line_starts
        out = []
        for k in range(max(first - 1, 0), min(last, len(starts))):
            start = starts[k]
            nxt = starts[k + 1] if k + 1 < len(starts) else len(text)
            end = nxt - 1 if text[nxt - 1] == "\n" else nxt
            if end > start and text[end - 1] == "\r":
                end -= 1
            out.append(text[start:end])
        return tuple(out)

    def is_blank(self, line: Line) -> bool:
        return not self.text[line.start : line.end].strip()

    def removal_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span that removes the whole lines holding `[start, end)` cleanly.

        The lines go with their terminators and the blank lines that separated them from the
        text below. At the end of the file, where nothing follows, the blank lines above go
        instead, so the file still ends the way it did (with or without a final newline).
        """
        first = self.line_at(start)
        last = self.line_at(max(start, end - 1))
        s, e = first.start, last.next
        k = last.index + 1
        while k < len(self.lines) and self.is_blank(self.lines[k]):
            e = self.lines[k].next
            k += 1
        if k >= len(self.lines):
            # Nothing below: take the blank lines above instead, and leave the trailing ones.
            e = last.next
            j = first.index - 1
            while j >= 0 and self.is_blank(self.lines[j]):
                s = self.lines[j].start
                j -= 1
            if e == len(self.text) and last.next == last.end and j >= 0:
                # The removed line had no terminator: drop the one before it, keeping the
                # file's missing final newline.
                s = self.lines[j].end
        return s, e

    # -- sentences ----------------------------------------------------------------------------

    @cached_property
    def sentences(self) -> list[Sentence]:
        from copydesk.sentences import SPLIT_CHARS, split_sentences, whole_span

        out: list[Sentence] = []
        split_chars = SPLIT_CHARS.search
        for block in self.blocks:
            text = block.text
            if split_chars(text) is None:
                # `split_sentences` of a text with no terminator, no `)` and no `.` (most
                # blocks of a Markdown page: a heading, a list item, a link): the text less
                # the white space around it (usually none), without a list made for it.
                n = len(text)
                if n and len(text.strip()) == n:
                    out.append(Sentence(block, 0, n))
                else:
                    whole = whole_span(text)
                    if whole:
                        out.append(Sentence(block, *whole))
            else:
                out += [Sentence(block, a, b) for a, b in split_sentences(text)]
        return out

    # -- language -----------------------------------------------------------------------------

    @cached_property
    def language(self) -> str | None:
        """The document's language (ISO 639-1), or None when the text is too short to decide."""
        if self._forced_language:
            return self._forced_language
        from copydesk.language import detect_language

        return detect_language(self.prose)

    def block_view(self, key: str, block: Block, make: Callable[[str], T]) -> T:
        """`make(block.text)`, computed once per block and kept in `cache` under `key` (the
        per-block word views several rules share)."""
        table = self.cache.get(key)
        if table is None:
            table = self.cache[key] = {}
        found = table.get(id(block))
        if found is None:
            found = table[id(block)] = make(block.text)
        return found

    def block_language(self, block: Block) -> str | None:
        key = f"block-language:{block.start}"
        if key not in self.cache:
            from copydesk.language import detect_language

            self.cache[key] = detect_language(block.text)
        return self.cache[key]  # type: ignore[no-any-return]

    def iter_lines(self) -> Iterator[tuple[Block, int, int]]:
        """Every prose line of every block, as `(block, start, end)` in prose coordinates."""
        for block in self.blocks:
            for a, b in block.lines():
                yield block, a, b
