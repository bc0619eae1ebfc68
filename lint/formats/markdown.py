"""Markdown (CommonMark, GitHub tables and strikethrough, footnotes, front matter) to prose blocks.

markdown-it-py gives the structure but no character positions inside a block, so this module
adds them: block tokens give line ranges; each line of a block's inline source is located in
its source line (after the container markers `>`, `-`, indentation); and the inline parser is
instrumented (`_markdown_it._TrackedInline`) so that every inline token carries its span in
that inline source. Prose text tokens are then verbatim stretches of the file (runs); escapes,
entities and line breaks are prose that the source spells differently (outside runs); emphasis
markers, link destinations, HTML tags and footnote labels are not prose at all; inline code,
URLs and images become one placeholder character.

Blocks: `heading`, `paragraph`, `list_item`, `blockquote`, `footnote` (a paragraph takes the
kind of its innermost container), `table_cell`, and `alt` (image alt text). A block's
`start`/`end` run from the start of its first source line (container markers included) to the
end of its last line, so `doc.removal_span(block.start, block.end)` removes it cleanly; a
table cell's extent is the cell itself.

Fast paths (most of a scraped article; the result is the same, which the tests check against
markdown-it reading everything): headings, paragraphs and tight one-line lists between blank lines
are read here (`_plan`), markdown-it gets only the segments between them; inline
content of plain text and simple `[label](destination)` links is read here too
(`_simple_pieces`). markdown-it-py itself is imported only when something needs it.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from copydesk import patterns

# The document model's frozen-value base: Parsed is one of its values.
from copydesk.document import Block
from copydesk.formats._prose import (
    PLACEHOLDER,
    Comment,
    ProseBuilder,
    comments_in,
    find_urls,
)
from copydesk.records import Frozen, fill

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_MD: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _MD
    if _MD is None:
        from copydesk.formats._markdown_it import markdown

        _MD = markdown()
    return _MD


# markdown-it's trimming of content (`mdTrim`): the CommonMark whitespace and the Unicode
# spaces (tests check it against markdown-it's own).
MD_TRIM_CHARS = (
    "\t\n\x0b\x0c\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


def _md_trim(text: str) -> str:
    return text.strip(MD_TRIM_CHARS)


# -- the fast path: plain prose and simple links ---------------------------------------------

# What may start inline markup in text outside link destinations: a newline (breaks), escapes,
# code, emphasis, autolinks and HTML, brackets (links, images, footnotes), an image's `![`,
# strikethrough's `~~` and entities. Everything else markdown-it reads as plain text.
_MARKUP = patterns.compile_re(r"[\n\\`*_<\[\]]|!\[|~~|&#?[0-9A-Za-z]+;")
# The same less the brackets.
_MARKUP_INLINE = patterns.compile_re(r"[\n\\`*_<]|!\[|~~|&#?[0-9A-Za-z]+;")
# The first characters of both: one character class is searched 4 times faster than the
# alternatives, so it screens first.
_MARKUP_START = patterns.compile_re(r"[\n\\`*_<!~&\[\]]")
_MARKUP_INLINE_START = patterns.compile_re(r"[\n\\`*_<!~&]")


def _markup(text: str) -> bool:
    m = _MARKUP_START.search(text)
    return m is not None and _MARKUP.search(text, m.start()) is not None


def _markup_inline(text: str) -> bool:
    m = _MARKUP_INLINE_START.search(text)
    return m is not None and _MARKUP_INLINE.search(text, m.start()) is not None


# `[label](destination)` with a label of plain text and a destination that markdown-it takes
# verbatim (no spaces, controls, parentheses, angle brackets, escapes or entities).
_SIMPLE_LINK = patterns.compile_re(r"\[([^\[\]\n]*)\]\(([^\x00-\x20\x7f()<>\\&]+)\)")

# A piece of simple inline content: (offset in the content, text, href of its link or None).
_Piece = tuple[int, str, str | None]


# A path on the same site whose characters markdown-it's URL normalization keeps as they are
# (no host, no scheme, nothing to percent-encode): its href is itself.
_PLAIN_PATH = patterns.compile_re(r"/(?!/)[A-Za-z0-9/._~\-?=#:;@+$,!*']*")


def _href(destination: str) -> str | None:
    """The link's href as markdown-it makes it, or None when it would reject the link."""
    if _PLAIN_PATH.fullmatch(destination):
        return destination
    return _normalized_href(destination)


@lru_cache(maxsize=4096)
def _normalized_href(destination: str) -> str | None:
    md = _parser()
    href = md.normalizeLink(destination)
    return href if md.validateLink(href) else None


def _simple_pieces(content: str, literal_brackets: bool = False) -> list[_Piece] | None:
    """The pieces of inline content made of plain text and simple links only, which
    markdown-it reads as one text token per stretch of text and per link label; None when the
    content holds anything else (then the instrumented inline parser reads it). Content of
    several lines has a break piece `(offset of the newline, "\n", None)` between them.

    `literal_brackets`: the document defines no link references or footnotes, so brackets that
    no `(` or `[` follows (`[sic]`, `[Rukban]`) open no link and are plain text to markdown-it
    (its link rule finds no reference and the characters stay in the pending text)."""
    if "\n" in content:
        return _lines_pieces(content, literal_brackets)
    if "[" not in content and "]" not in content:
        return None if _markup_inline(content) else [(0, content, None)]
    if literal_brackets and _LINK_OPENER.search(content) is None:
        return None if _markup_inline(content) else [(0, content, None)]
    if content[0] == "[" and content[-1] == ")":  # a list item of one link, most often
        m = _SIMPLE_LINK.fullmatch(content)
        if m and content.count("[") == 1 and content.count("]") == 1:
            if _markup_inline(content) or m.group(1).startswith("^"):
                return None
            href = _href(m.group(2))
            return None if href is None else [(1, m.group(1), href)]
    links = list(_SIMPLE_LINK.finditer(content))
    n = len(links)
    if n and content.count("[") == n and content.count("]") == n and not _markup_inline(content):
        # Every bracket is a link's (none in text, labels or destinations) and there is no
        # other markup at all, destinations included: no need to look at the texts one by one.
        pieces: list[_Piece] = []
        pos = 0
        for m in links:
            label = m.group(1)
            href = _href(m.group(2))
            if href is None or label.startswith("^"):
                return None
            start = m.start()
            if start > pos:
                pieces.append((pos, content[pos:start], None))
            pieces.append((start + 1, label, href))
            pos = m.end()
        if pos < len(content):
            pieces.append((pos, content[pos:], None))
        return pieces
    pieces = []
    pos = 0
    for m in links:
        text, label = content[pos : m.start()], m.group(1)
        if _markup(text) or _markup(label) or text.endswith("!"):
            return None  # markup, a bracket the link pattern skipped, or an image's `!`
        if label.startswith("^"):
            return None  # read as a footnote reference elsewhere: leave it to the parser
        href = _href(m.group(2))
        if href is None:
            return None
        if text:
            pieces.append((pos, text, None))
        pieces.append((m.start() + 1, label, href))
        pos = m.end()
    tail = content[pos:]
    if _markup(tail):
        return None
    if tail:
        pieces.append((pos, tail, None))
    return pieces


def _lines_pieces(content: str, literal_brackets: bool = False) -> list[_Piece] | None:
    """`_simple_pieces` of content of several lines, as markdown-it's newline rule reads it: a
    break at each newline, the next line's leading spaces and tabs skipped, and the spaces
    ending the text before it dropped (one, or all of two or more: a hard break; all, then)."""
    pieces: list[_Piece] = []
    pos = 0  # where the current line starts in the content
    lines = content.split("\n")
    for i, line in enumerate(lines):
        lead = len(line) - len(line.lstrip(" \t")) if i else 0
        seg = line[lead:]
        found = _simple_pieces(seg, literal_brackets) if seg else []
        if found is None:
            return None
        if i < len(lines) - 1 and found:
            a, text, href = found[-1]
            if href is None and text.endswith(" "):  # what the break trims off its text
                text = text.rstrip(" ")
                found[-1] = (a, text, None)
                if not text:
                    found.pop()
        pieces += [(pos + lead + a, text, href) for a, text, href in found]
        if i < len(lines) - 1:
            pieces.append((pos + len(line), "\n", None))
        pos += len(line) + 1
    return pieces


# -- source lines -----------------------------------------------------------------------------

_NEWLINE = patterns.compile_re(r"\r\n|\r|\n")


def _line_table(source: str) -> list[tuple[int, int]]:
    """(start, end) of every line without its terminator, split as markdown-it splits."""
    if "\r" not in source:  # LF only: the lengths of the split lines give every offset
        starts = itertools.accumulate((len(line) + 1 for line in source.split("\n")), initial=0)
        return [(a, b - 1) for a, b in itertools.pairwise(starts)]
    out = []
    pos = 0
    for m in _NEWLINE.finditer(source):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(source)))
    return out


def _front_matter(source: str, lines: list[tuple[int, int]]) -> int:
    """Number of lines of YAML (`---`) or TOML (`+++`) front matter at the top, or 0."""
    if not lines:
        return 0
    first = source[lines[0][0] : lines[0][1]].rstrip()
    if first not in ("---", "+++"):
        return 0
    closers = ("---", "...") if first == "---" else ("+++",)
    for i in range(1, len(lines)):
        if source[lines[i][0] : lines[i][1]].rstrip() in closers:
            return i + 1
    return 0


# -- the fast path: simple chunks ---------------------------------------------------------------
#
# Scraped articles are mostly ATX headings, paragraphs and tight lists of one-line items,
# separated by blank lines. Such a chunk is read here without markdown-it's block
# parser; the rest of the document goes to markdown-it in pieces ("segments"). That gives the
# same tokens as one markdown-it pass over the whole document as long as no construct crosses
# from a segment into a chunk or back, which holds when
# - a chunk starts at column 0 with a character that opens no block and continues none (after
#   a blank line, such a line closes every list, quote and paragraph before it);
# - a list chunk follows a heading or paragraph chunk (nothing open that it could continue)
#   and the next chunk cannot continue the list (it starts at column 0 and not with a list
#   marker);
# - no fenced code block or HTML block (which run on over blank lines) is left open at the
#   end of a segment (checked on markdown-it's tokens of the segment);
# - the document has no link reference or footnote definitions (`]:`), which apply document
#   wide, and no NUL characters (which markdown-it replaces).

# First characters that may open or continue a block: indentation, headings, quotes, list
# markers and thematic breaks, HTML, code fences, table pipes, setext underlines.
_UNSAFE_START = frozenset(" \t#>*-+_<`~=|")
_ORDERED = patterns.compile_re(r"\d+[.)]")
# What can make brackets more than text when no references are defined: an inline link or a
# full reference (`](`, `][`), an image, a footnote reference, an inline footnote.
_LINK_OPENERS = ("](", "][", "![", "[^", "^[")
_LINK_OPENER = patterns.compile_re("|".join(map(re.escape, _LINK_OPENERS)))
# Lines that all start with a list marker (`-`, `*`, `+`, `1.`, `1)`), one space and an item
# content that `_plain_start` accepts. (Where the marker changes, markdown-it starts another
# list: the same list items.)
_ITEM_MARKER = patterns.compile_re(r"(?:[-*+]|\d{1,9}[.)]) ")
_LIST_LINE = r"(?:[-*+]|\d{1,9}[.)]) (?![ \t#>*\-+_<`~=|]|\[\^|\d+[.)])[^\r\n]+"
_LIST_CHUNK = patterns.compile_re(rf"{_LIST_LINE}(?:(?:\r\n|\r|\n){_LIST_LINE})*")
_ATX = patterns.compile_re(r"(#{1,6})(?:[ \t]|$)")
_ATX_OPENING = patterns.compile_re(r"[ \t]*#{1,6}[ \t]*")


def _plain_start(line: str) -> bool:
    """True when a line starting a paragraph (at column 0, after a blank line or in a list
    item) can only be a paragraph."""
    return (
        bool(line)
        and line[0] not in _UNSAFE_START
        and not line.startswith("[^")
        and _ORDERED.match(line) is None
    )


class _Simple:
    __slots__ = ("end", "items", "kind", "tag")

    def __init__(self, kind: str, tag: str, items: list[tuple[int, str]], end: int = 0) -> None:
        self.kind = kind  # "heading", "paragraph" or "list"
        self.tag = tag  # h1-h6 for a heading
        self.items = items  # (line, inline content)
        self.end = end  # the line after a paragraph of several lines (else each item has one)


def _heading(line: str, index: int) -> _Simple | None:
    """An ATX heading line, as markdown-it's heading rule reads it, or None."""
    m = _ATX.match(line)
    if m is None:
        return None
    rest = line[m.end(1) :].rstrip(" \t")
    cut = rest.rstrip("#")
    if cut != rest:
        if not cut or cut[-1] not in " \t":
            return None  # a closing sequence that is not one ("# C#"): leave it to markdown-it
        rest = cut
    return _Simple("heading", f"h{len(m.group(1))}", [(index, _md_trim(rest))])


def _chunk(text: str, table: list[tuple[int, int]], a: int, b: int) -> _Simple | None:
    """Lines `[a, b)` (non-blank, between blank lines) as a simple chunk, or None."""
    first = text[table[a][0] : table[a][1]]
    if b - a == 1:
        if first.startswith("#"):
            return _heading(first, a)
        if _plain_start(first):
            return _Simple("paragraph", "", [(a, _md_trim(first))])
    if not _LIST_CHUNK.fullmatch(text, table[a][0], table[b - 1][1]):
        # A paragraph of several lines, when no line can start anything else, interrupt it
        # (a fence, quote, list, heading, HTML, footnote) or underline it: each starts at
        # column 0 with a plain character. Without a `|` in it, it is no table either.
        lines = [text[s:e] for s, e in table[a:b]]
        if all(map(_plain_start, lines)) and not any("|" in line for line in lines):
            return _Simple("paragraph", "", [(a, _md_trim("\n".join(lines)))], end=b)
        return None
    items = []
    for i, (s, e) in enumerate(table[a:b], a):
        m = _ITEM_MARKER.match(text, s, e)
        assert m is not None  # as _LIST_CHUNK matched
        items.append((i, _md_trim(text[m.end() : e])))
    return _Simple("list", "", items)


def _plan(text: str, table: list[tuple[int, int]]) -> list[_Simple | list[Token]] | None:
    """The document as simple chunks and markdown-it's tokens of the segments between them
    (line numbers those of the document), or None when it must be parsed whole."""
    if "]:" in text or "\0" in text:
        return None
    chunks: list[tuple[int, int]] = []
    a = -1
    for i, (ls, le) in enumerate(table):
        if text[ls:le].strip(" \t"):
            if a < 0:
                a = i
        elif a >= 0:
            chunks.append((a, i))
            a = -1
    if a >= 0:
        chunks.append((a, len(table)))
    simple = [_chunk(text, table, a, b) for a, b in chunks]
    if not any(simple):
        return None
    # A list chunk is kept only between a heading or paragraph chunk (or the start) and a line
    # that ends the list.
    for k, chunk in enumerate(simple):
        if chunk is None or chunk.kind != "list":
            continue
        before = simple[k - 1] if k > 0 else None
        if k > 0 and (before is None or before.kind == "list"):
            simple[k] = None
        elif k + 1 < len(chunks):
            ls, le = table[chunks[k + 1][0]]
            if text[ls] in "-*+" or _ORDERED.match(text, ls, le) or text[ls] in " \t":
                simple[k] = None
    plan: list[_Simple | list[Token]] = []
    line = 0  # the first line not yet planned
    pending = False  # whether a chunk for markdown-it lies between `line` and the next chunk
    for (a, b), chunk in zip(chunks, simple, strict=True):
        if chunk is None:
            pending = True
            continue
        if pending:
            tokens = _segment(text, table, line, a)
            if tokens is None:
                return None
            plan.append(tokens)
            pending = False
        plan.append(chunk)
        line = b
    if pending:
        tokens = _segment(text, table, line, len(table))
        if tokens is None:
            return None
        plan.append(tokens)
    return plan


def _segment(text: str, table: list[tuple[int, int]], a: int, b: int) -> list[Token] | None:
    """markdown-it's tokens of lines `[a, b)`, their maps shifted to document lines; None when
    a fenced code or HTML block runs to the segment's end (it would run on in the document)."""
    end = table[b][0] if b < len(table) else len(text)
    tokens = _parser().parse(text[table[a][0] : end], {})
    for tok in tokens:
        if tok.map is None:
            continue
        open_end = b < len(table) and tok.level == 0 and tok.map[1] >= b - a
        if open_end and tok.type in ("fence", "html_block"):
            return None
        tok.map = [tok.map[0] + a, tok.map[1] + a]
    return tokens


# -- inline source to file offsets -------------------------------------------------------------


class _SourceMap:
    """Maps offsets of an inline source string (a block's `content`) to file offsets.

    Pieces are `(inline_start, inline_end, source_start, verbatim)`, added in order: when
    verbatim, the piece is a copy of the source from source_start; otherwise all of it maps to
    source_start.
    """

    __slots__ = ("pieces", "starts")

    def __init__(self) -> None:
        self.pieces: list[tuple[int, int, int, bool]] = []
        self.starts: list[int] = []

    def add(self, a: int, b: int, s: int, verbatim: bool) -> None:
        if b > a:
            self.pieces.append((a, b, s, verbatim))
            self.starts.append(a)

    def locate(self, i: int) -> int:
        if not self.pieces:
            return 0
        k = max(bisect.bisect_right(self.starts, i) - 1, 0)
        a, b, s, verbatim = self.pieces[k]
        return s + min(max(i - a, 0), b - a) if verbatim else s

    def split(self, a: int, b: int) -> Iterator[tuple[int, int, int, bool]]:
        """The parts of `[a, b)` with their source start and whether they are verbatim."""
        k = max(bisect.bisect_right(self.starts, a) - 1, 0)
        pieces = self.pieces
        for j in range(k, len(pieces)):
            pa, pb, s, verbatim = pieces[j]
            if pa >= b:
                break
            x, y = max(a, pa), min(b, pb)
            if x < y:
                yield x, y, (s + x - pa if verbatim else s), verbatim


def _locate_lines(
    source: str, lines: list[tuple[int, int]], first: int, content: str, heading: bool
) -> _SourceMap:
    """Source map of a paragraph's or heading's inline content, line by line."""
    smap = _SourceMap()
    offset = 0
    parts = content.split("\n")
    prev_end: int | None = None
    for i, part in enumerate(parts):
        ln = first + i
        if ln >= len(lines):
            smap.add(offset, offset + len(part), len(source), False)
            break
        ls, le = lines[ln]
        text = source[ls:le]
        col = _find_in_line(text, part, heading)
        if prev_end is not None:
            # the "\n" between two content lines: verbatim only when nothing else is there
            nl_src = source[prev_end : ls + (col if col is not None else 0)]
            smap.add(offset - 1, offset, prev_end, nl_src == "\n")
        if col is None:
            smap.add(offset, offset + len(part), ls, False)
            prev_end = le
        else:
            smap.add(offset, offset + len(part), ls + col, True)
            prev_end = ls + col + len(part)
        offset += len(part) + 1
    return smap


def _find_in_line(line: str, part: str, heading: bool) -> int | None:
    """Column of a content line in its source line: it is the line's tail (less trailing
    spaces), or for an ATX heading the text between the `#` marks."""
    tail = line.rstrip()
    col = len(tail) - len(part.rstrip())
    if col >= 0 and line.startswith(part, col):
        return col
    if heading:
        m = _ATX_OPENING.match(line)
        start = m.end() if m else 0
        found = line.find(part, start)
        if found >= 0:
            return found
    return None


def _cell_spans(row: str) -> list[tuple[int, int]]:
    """Cell spans of a table row (outer pipes dropped, `\\|` does not split, cells trimmed)."""
    bounds = [-1]
    i = 0
    while i < len(row):
        ch = row[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "|":
            bounds.append(i)
        i += 1
    bounds.append(len(row))
    spans = []
    for a, b in itertools.pairwise(bounds):
        x, y = a + 1, b
        while x < y and row[x] in " \t":
            x += 1
        while y > x and row[y - 1] in " \t":
            y -= 1
        spans.append((x, y))
    stripped = row.strip()
    if stripped.startswith("|") and spans and spans[0][0] == spans[0][1]:
        spans.pop(0)
    if (
        stripped.endswith("|")
        and not stripped.endswith("\\|")
        and spans
        and spans[-1][0] == spans[-1][1]
    ):
        spans.pop()
    return spans


def _unmapped(length: int, at: int) -> _SourceMap:
    smap = _SourceMap()
    smap.add(0, length, at, False)
    return smap


def _cell_map(source: str, start: int, end: int, content: str) -> _SourceMap | None:
    """Source map of a cell whose content is the source with `\\|` read as `|`."""
    smap = _SourceMap()
    i, j = start, 0
    while i < end:
        if source.startswith("\\|", i):
            smap.add(j, j + 1, i, False)
            i, j = i + 2, j + 1
        else:
            smap.add(j, j + 1, i, True)
            i, j = i + 1, j + 1
    if source[start:end].replace("\\|", "|") != content:
        return None
    # merge single-character pieces into stretches
    merged = _SourceMap()
    for a, b, s, v in smap.pieces:
        if merged.pieces:
            pa, pb, ps, pv = merged.pieces[-1]
            if v and pv and pb == a and ps + (pb - pa) == s:
                merged.pieces[-1] = (pa, b, ps, True)
                continue
        merged.add(a, b, s, v)
    return merged


# -- inline tokens to prose ---------------------------------------------------------------------

_BR = patterns.compile_re(r"<br\s*/?>", re.IGNORECASE)
_MD_SPECIAL = patterns.compile_re(r"([\\`*_\[\]<]|&(?=#?\w+;))")


def md_escape(text: str) -> str:
    """Escape inserted prose so Markdown reads it back as the same text."""
    return _MD_SPECIAL.sub(r"\\\1", text)


class _Inline:
    __slots__ = ("alts", "comments", "content", "links", "smap", "source")

    def __init__(
        self, source: str, content: str, smap: _SourceMap, comments: list[Comment]
    ) -> None:
        self.source = source
        self.content = content
        self.smap = smap
        self.comments = comments
        self.alts: list[Block] = []
        self.links: list[tuple[int, int, str]] = []

    def emit_simple(self, pieces: list[_Piece], out: ProseBuilder) -> None:
        """`emit` for the tokens markdown-it makes of `_simple_pieces`: text, and links."""
        for a, text, href in pieces:
            if text == "\n":  # a line break (no text piece holds a newline)
                self._break(a, out)
            elif href is None:
                self._text(text, a, out)
            else:
                p = out.pos
                self._text(text, a, out)
                self.links.append((p, out.pos, href))

    def emit(self, children: list[Token], out: ProseBuilder, base: int = 0) -> None:
        in_autolink = False
        link_start: list[tuple[int, str]] = []
        for tok in children:
            span = tok.meta.get("span")
            a, b = (span[0] + base, span[1] + base) if span else (None, None)
            t = tok.type
            if in_autolink:
                in_autolink = t != "link_close"
                continue
            if t == "text":
                self._text(tok.content, a, out)
            elif t == "text_special":  # an escape or an entity
                out.markup(tok.content)
            elif t in ("softbreak", "hardbreak"):
                self._break(self.content.find("\n", a, b) if a is not None else -1, out)
            elif t == "code_inline":
                out.atom("code")
            elif t == "html_inline":
                if _BR.fullmatch(tok.content.strip()):
                    out.markup("\n")
                elif tok.content.startswith("<!--") and a is not None and b is not None:
                    s = self.smap.locate(a)
                    body = tok.content[4:-3] if tok.content.endswith("-->") else tok.content[4:]
                    self.comments.append(Comment(s, s + len(tok.content), body))
            elif t == "link_open":
                if tok.markup == "autolink":
                    out.atom("url")
                    in_autolink = True
                else:
                    link_start.append((out.pos, str(tok.attrs.get("href", ""))))
            elif t == "link_close":
                if link_start:
                    p, href = link_start.pop()
                    self.links.append((p, out.pos, href))
            elif t == "image":
                out.atom("image")
                if a is not None and b is not None:
                    self._alt(tok, a, b)
            # emphasis, strikethrough, footnote references: markup with no prose

    def _break(self, nl: int, out: ProseBuilder) -> None:
        """A line break at `nl` in the content: verbatim when the source has just a newline."""
        parts = list(self.smap.split(nl, nl + 1)) if nl >= 0 else []
        if parts and parts[0][3]:
            out.verbatim("\n", parts[0][2])
        else:
            out.markup("\n")

    def _text(self, content: str, a: int | None, out: ProseBuilder) -> None:
        if a is None or not self.content.startswith(content, a):
            out.markup(content)  # cannot place it: prose, but never editable
            return
        pos = 0
        for ua, ub in find_urls(content):
            self._verbatim(a + pos, a + ua, out)
            out.atom("url")
            pos = ub
        self._verbatim(a + pos, a + len(content), out)

    def _verbatim(self, a: int, b: int, out: ProseBuilder) -> None:
        for x, y, s, verbatim in self.smap.split(a, b):
            if verbatim:
                out.verbatim(self.content[x:y], s)
            else:
                out.markup(self.content[x:y])

    def _alt(self, tok: Token, a: int, b: int) -> None:
        if not self.content.startswith("![", a) or not tok.children:
            return
        alt = ProseBuilder()
        self.emit(tok.children, alt, base=a + 2)
        if alt.has_prose():
            s, e = self.smap.locate(a), self.smap.locate(b - 1) + 1
            self.alts.append(alt.block("alt", s, e, md_escape, tag="img"))


# -- the document walk --------------------------------------------------------------------------

_CONTAINERS = {
    "blockquote_open": "blockquote",
    "list_item_open": "list_item",
    "footnote_open": "footnote",
    "footnote_reference_open": "footnote",
}
_CLOSERS = {
    "blockquote_close": "blockquote",
    "list_item_close": "list_item",
    "footnote_close": "footnote",
    "footnote_reference_close": "footnote",
}


class Parsed(Frozen):
    __slots__ = ("blocks", "code", "comments", "front_matter")
    _FIELDS = _REPR = _ALL = ("blocks", "comments", "front_matter", "code")

    blocks: tuple[Block, ...]
    comments: tuple[Comment, ...]
    front_matter: tuple[int, int] | None  # source span of the front matter
    # Spans of source that is never prose: code blocks, HTML blocks, front matter.
    code: tuple[tuple[int, int], ...]

    def __init__(
        self,
        blocks: tuple[Block, ...],
        comments: tuple[Comment, ...],
        front_matter: tuple[int, int] | None,
        code: tuple[tuple[int, int], ...],
    ) -> None:
        fill(self, "blocks", blocks)
        fill(self, "comments", comments)
        fill(self, "front_matter", front_matter)
        fill(self, "code", code)


def parse(source: str) -> list[Block]:
    return list(analyze(source).blocks)


_BLOCK_ORDER = operator.attrgetter("start", "end")


@lru_cache(maxsize=8)
def analyze(source: str) -> Parsed:
    return _analyze(source, fast=True)


def _analyze(source: str, *, fast: bool) -> Parsed:
    """`analyze`; with `fast` False, markdown-it reads all of it (what the fast paths must
    match exactly: the tests compare the two)."""
    lines = _line_table(source)
    fm = _front_matter(source, lines)
    text = source
    front: tuple[int, int] | None = None
    code: list[tuple[int, int]] = []
    if fm:
        # Blank out the front matter, keeping its lines so markdown-it's line numbers hold.
        front = (lines[0][0], lines[fm - 1][1])
        text = "\n" * fm + source[lines[fm][0] :] if fm < len(lines) else "\n" * fm
        code.append(front)
    walk = _Walk(source, lines, fast)
    text_lines = lines if text is source else _line_table(text)
    plan = _plan(text, text_lines) if fast else None
    if plan is None:
        tokens = _parser().parse(text, walk.env)
        walk.brackets = not walk.env.get("references") and not walk.env.get("footnotes")
        walk.tokens(tokens)
    else:
        walk.brackets = True  # a plan exists only for a document without `]:` definitions
        for step in plan:
            if isinstance(step, _Simple):
                walk.simple(step)
            else:
                walk.tokens(step)
    blocks = walk.blocks
    blocks.sort(key=_BLOCK_ORDER)
    return Parsed(tuple(blocks), tuple(walk.comments), front, (*code, *walk.code))


class _Walk:
    """Blocks, comments and code spans from markdown-it's token stream, or from simple chunks."""

    def __init__(self, source: str, lines: list[tuple[int, int]], fast: bool) -> None:
        self.source = source
        self.lines = lines
        self.fast = fast
        # Whether brackets that open no link are plain text: set once the document is known
        # to define no link references or footnotes.
        self.brackets = False
        self.env: dict[str, Any] = {}
        self.blocks: list[Block] = []
        self.comments: list[Comment] = []
        self.code: list[tuple[int, int]] = []

    def extent(self, m: list[int]) -> tuple[int, int]:
        lines = self.lines
        last = max(m[0], min(m[1], len(lines)) - 1)
        return lines[m[0]][0], lines[last][1]

    def tokens(self, tokens: list[Token]) -> None:
        source, lines, env = self.source, self.lines, self.env
        stack: list[str] = []
        heading: Token | None = None
        row_cells: list[tuple[int, int]] = []
        cell_index = 0
        cell_tag = ""  # "th" or "td" while inside a table cell
        for tok in tokens:
            t = tok.type
            if t in _CONTAINERS:
                stack.append(_CONTAINERS[t])
            elif t in _CLOSERS:
                if stack:
                    stack.pop()
            elif t == "heading_open":
                heading = tok
            elif t == "heading_close":
                heading = None
            elif t == "tr_open" and tok.map:
                ls, le = lines[tok.map[0]]
                row_cells = [(ls + a, ls + b) for a, b in _cell_spans(source[ls:le])]
                cell_index = 0
            elif t in ("th_open", "td_open"):
                cell_tag = tok.tag
            elif t in ("th_close", "td_close"):
                cell_index += 1
                cell_tag = ""
            elif t in ("fence", "code_block", "html_block") and tok.map:
                span = self.extent(tok.map)
                self.code.append(span)
                if t == "html_block":
                    self.comments.extend(comments_in(source, *span))
            elif t == "inline" and tok.map is not None and tok.children is not None:
                content = tok.content
                pieces = _simple_pieces(content, self.brackets) if self.fast else None
                if pieces is None:
                    md = _parser()
                    md.inline.parse(content, md, env, tok.children)
                head = None
                if heading is not None:
                    head = (heading.tag, heading.map or tok.map)
                self.blocks.extend(
                    _inline_block(
                        source,
                        lines,
                        content,
                        tok.children,
                        tok.map,
                        pieces,
                        head,
                        stack,
                        row_cells,
                        cell_index,
                        cell_tag,
                        self.comments,
                    )
                )

    def simple(self, chunk: _Simple) -> None:
        """The blocks of a simple chunk: what markdown-it's tokens of it would give."""
        stack = ["list_item"] if chunk.kind == "list" else []
        heading = chunk.kind == "heading"
        # What `_inline_block` would make of the chunk's tokens, once for all its items.
        base_meta: dict[str, Any] = {"containers": tuple(stack)}
        if heading:
            base_meta["tag"] = chunk.tag
            base_meta["level"] = int(chunk.tag[1:])
        else:
            base_meta["tag"] = "p"
        kind = "heading" if heading else (stack[-1] if stack else "paragraph")
        source, lines = self.source, self.lines
        for line, content in chunk.items:
            pieces = _simple_pieces(content, self.brackets)
            if pieces is not None and not chunk.end:  # one line
                fast = _simple_block(source, lines, line, content, pieces, kind, base_meta)
                if fast is not None:
                    self.blocks.extend(fast)
                    continue
            children: list[Token] = []
            if pieces is None:
                md = _parser()
                md.inline.parse(content, md, self.env, children)
            block_map = [line, chunk.end or line + 1]
            head = (chunk.tag, block_map) if heading else None
            self.blocks.extend(
                _inline_block(
                    self.source,
                    self.lines,
                    content,
                    children,
                    block_map,
                    pieces,
                    head,
                    stack,
                    [],
                    0,
                    "",
                    self.comments,
                )
            )


def _simple_block(
    source: str,
    lines: list[tuple[int, int]],
    line: int,
    content: str,
    pieces: list[_Piece],
    kind: str,
    base_meta: dict[str, Any],
) -> list[Block] | None:
    """`_inline_block` for the one-line content of a simple chunk read by `_simple_pieces`,
    when it stands verbatim in its line (else None): each piece is prose copied from the
    source, less the URLs in it. `base_meta` is the chunk's (containers, tag, level)."""
    ls, le = lines[line]
    col = _find_in_line(source[ls:le], content, kind == "heading")
    if col is None:
        return None
    base = ls + col
    if len(pieces) == 1:
        # One stretch of text or one link's label (most list items and headings), no URL: the
        # loop below would make one run of it.
        a, text, href = pieces[0]
        if "@" not in text and "://" not in text and "www." not in text:
            if not text.strip():
                return []  # nothing but whitespace
            meta = base_meta.copy()
            if href is not None:
                meta["links"] = ((0, len(text), href),)
            meta["escape"] = md_escape
            return [Block(kind, text, ((0, base + a, len(text)),), ls, le, meta)]
    meta = base_meta.copy()
    # ProseBuilder's work, unrolled: every piece is verbatim source but for its URLs, and no
    # two runs touch (link syntax or a URL's placeholder lies between them).
    parts: list[str] = []
    runs: list[tuple[int, int, int]] = []
    atoms: list[tuple[int, str]] = []
    links = []
    pos = 0
    for a, text, href in pieces:
        p = pos
        src = base + a
        if "@" in text or "://" in text or "www." in text:
            k = 0
            for ua, ub in find_urls(text):
                if ua > k:
                    parts.append(text[k:ua])
                    runs.append((pos, src + k, ua - k))
                    pos += ua - k
                atoms.append((pos, "url"))
                parts.append(PLACEHOLDER)
                pos += 1
                k = ub
            text = text[k:]
            src += k
        if text:
            parts.append(text)
            runs.append((pos, src, len(text)))
            pos += len(text)
        if href is not None:
            links.append((p, pos, href))
    if links:
        meta["links"] = tuple(links)
    prose = "".join(parts)
    if not (prose.replace(PLACEHOLDER, "") if atoms else prose).strip():
        return []  # nothing but whitespace and placeholders
    if atoms:
        meta["atoms"] = tuple(atoms)
    meta["escape"] = md_escape
    return [Block(kind, prose, tuple(runs), ls, le, meta)]


def _inline_block(
    source: str,
    lines: list[tuple[int, int]],
    content: str,
    children: list[Token],
    inline_map: list[int],
    pieces: list[_Piece] | None,
    heading: tuple[str, list[int]] | None,
    stack: list[str],
    row_cells: list[tuple[int, int]],
    cell_index: int,
    cell_tag: str,
    comments: list[Comment],
) -> list[Block]:
    """The blocks of one inline token: its prose, and the alt texts of its images. `heading`
    is the tag and line range of the heading it belongs to."""
    in_cell = bool(cell_tag)
    meta: dict[str, Any] = {"containers": tuple(stack)}
    if in_cell:
        if cell_index >= len(row_cells) or not content:
            return []
        s, e = row_cells[cell_index]
        smap = _cell_map(source, s, e, content) or _unmapped(len(content), s)
        kind, start, end = "table_cell", s, e
        meta["tag"] = cell_tag
    else:
        smap = _locate_lines(source, lines, inline_map[0], content, heading is not None)
        # A setext heading's underline belongs to it: take the heading's own line range.
        block_map = heading[1] if heading is not None else inline_map
        first = block_map[0]
        last = max(first, min(block_map[1], len(lines)) - 1)
        start, end = lines[first][0], lines[last][1]
        if heading is not None:
            kind = "heading"
            meta["tag"] = heading[0]
            meta["level"] = int(heading[0][1:])
        else:
            kind = stack[-1] if stack else "paragraph"
            meta["tag"] = "p"
    inline = _Inline(source, content, smap, comments)
    out = ProseBuilder()
    if pieces is None:
        inline.emit(children, out)
    else:
        inline.emit_simple(pieces, out)
    result = list(inline.alts)
    if inline.links:
        meta["links"] = tuple(inline.links)
    if out.has_prose():
        result.append(out.block(kind, start, end, md_escape, **meta))
    return result


# -- structure, for the invariant "a fix keeps the document's shape" ----------------------------


def skeleton(source: str) -> list[tuple[str, str]]:
    """The block structure: every block token's type and tag, in order, with the exact text of
    code blocks, HTML blocks and front matter. Two documents with equal skeletons have the
    same blocks in the same order and the same code."""
    parsed = analyze(source)
    lines = _line_table(source)
    fm = _front_matter(source, lines)
    text = "\n" * fm + source[lines[fm][0] :] if fm and fm < len(lines) else source
    out: list[tuple[str, str]] = []
    if parsed.front_matter:
        out.append(("front_matter", source[parsed.front_matter[0] : parsed.front_matter[1]]))
    for tok in _parser().parse(text):
        if tok.type == "inline":
            continue
        detail = tok.tag
        if tok.type in ("fence", "code_block", "html_block"):
            detail = f"{tok.info}\n{tok.content}"
        out.append((tok.type, detail))
    return out
