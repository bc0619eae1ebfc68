"""HTML to prose blocks, with the standard library's tolerant tokenizer (html.parser).

Prose is the text a browser shows: text nodes, with each block-level element (p, li, h1-h6,
td, div...) starting a new block. Runs of whitespace read as one space (as rendered), so a
collapsed "\\n    " is prose " " outside any run; entities are prose that the source spells
differently (outside runs). Never prose: script, style, pre, code, template, noscript,
comments, the head, form controls, svg and math; inline code and images leave a placeholder.
`<img alt>` text is a block of kind `alt`.

A block's `start`/`end` is the whole element (tags included) when the block is all of that
element's text, so a removal takes the element; otherwise it spans the block's text.
`meta["escape"]` escapes text a fix inserts. `analyze(text).elements` lists every element
with its source span, for rules about page structure.
"""

from __future__ import annotations

import bisect
import contextlib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from html.parser import HTMLParser

from copydesk import patterns
from copydesk.document import Block
from copydesk.formats._prose import Comment, ProseBuilder

BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt"
    " fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li"
    " main menu nav ol p section summary table tbody td tfoot th thead tr ul".split()
)
# Not prose, and a block boundary (they are blocks, or replaced content).
SKIP_BLOCK = frozenset(
    "pre head textarea select iframe object canvas video audio frameset map".split()
)
# Not prose, and invisible: no boundary, no placeholder.
SKIP_HIDDEN = frozenset("script style template noscript".split())
# Not prose but part of the sentence: a placeholder.
SKIP_INLINE = frozenset("code kbd samp tt svg math".split())
VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen".split()
)
# Start tags that close an open element (HTML's implied end tags), and where the search stops.
_CLOSES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "tr": (frozenset({"tr", "td", "th"}), frozenset({"table", "thead", "tbody", "tfoot"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "option": (frozenset({"option"}), frozenset({"select"})),
    "thead": (frozenset({"tbody", "thead", "tr", "td", "th"}), frozenset({"table"})),
    "tbody": (frozenset({"tbody", "thead", "tr", "td", "th"}), frozenset({"table"})),
    "tfoot": (frozenset({"tbody", "thead", "tr", "td", "th"}), frozenset({"table"})),
}
_KIND = {
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "td": "table_cell",
    "th": "table_cell",
    "li": "list_item",
    "dt": "list_item",
    "dd": "list_item",
    "blockquote": "blockquote",
    "figcaption": "caption",
    "caption": "caption",
}
_WS = " \t\n\r\f"
_LF = patterns.compile_re("\n")
_SPACES = patterns.compile_re(r"[ \t\n\r\f]+|[^ \t\n\r\f]+")
_ALT = patterns.compile_re(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)

html_escape: Callable[[str], str] = partial(html.escape, quote=False)
attr_escape: Callable[[str], str] = partial(html.escape, quote=True)


@dataclass(frozen=True)
class Element:
    """An element of the page: its tag, attributes, and source span (tags included)."""

    tag: str
    attrs: dict[str, str]
    start: int
    end: int
    depth: int

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()


@dataclass
class _Open:
    tag: str
    attrs: dict[str, str]
    start: int
    blocks_at_open: int
    text_before: bool  # the current block had text when this element opened


@dataclass(frozen=True)
class Parsed:
    blocks: tuple[Block, ...]
    comments: tuple[Comment, ...]
    elements: tuple[Element, ...] = field(default=())


class _Parser(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.src = source
        self.line_starts = [0] + [m.end() for m in _LF.finditer(source)]
        self.stack: list[_Open] = []
        self.skip = 0  # open elements whose content is not prose
        self.blocks: list[Block] = []
        self.comments: list[Comment] = []
        self.elements: list[Element] = []
        self.links: list[tuple[int, int, str]] = []
        self._new_block()

    # -- positions ----------------------------------------------------------------------------

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    # -- blocks -------------------------------------------------------------------------------

    def _new_block(self) -> None:
        self.out = ProseBuilder()
        self.text_start = -1
        self.text_end = -1
        self.links = []
        self.link_open: list[tuple[int, str]] = []

    def _flush(self, closing: _Open | None = None, closing_end: int = 0) -> None:
        out = self.out
        out.rstrip()
        if out.has_prose():
            start, end = self.text_start, self.text_end
            if (
                closing is not None
                and not closing.text_before
                and closing.blocks_at_open == len(self.blocks)
            ):
                start, end = closing.start, closing_end  # the block is the whole element
            kind, tag = "paragraph", "p"
            for el in reversed(self.stack):
                if el.tag in _KIND:
                    kind, tag = _KIND[el.tag], el.tag
                    break
            meta: dict[str, object] = {"tag": tag}
            if kind == "heading":
                meta["level"] = int(tag[1:])
            if self.links:
                meta["links"] = tuple(self.links)
            self.blocks.append(out.block(kind, start, end, html_escape, **meta))
        self._new_block()

    def _text(self, seg: str, pos: int) -> None:
        if self.text_start < 0:
            self.text_start = pos
        self.text_end = pos + len(seg)

    # -- elements -----------------------------------------------------------------------------

    def _close(self, index: int, end_of_content: int, end: int) -> None:
        """Close the open elements from the top of the stack down to `index`."""
        while len(self.stack) > index:
            el = self.stack[-1]
            is_last = len(self.stack) - 1 == index
            el_end = end if is_last else end_of_content
            if el.tag in BLOCK_TAGS and not self.skip:
                self._flush(el, el_end)
            self.stack.pop()
            if el.tag in SKIP_BLOCK or el.tag in SKIP_HIDDEN or el.tag in SKIP_INLINE:
                self.skip = max(self.skip - 1, 0)
            elif el.tag == "a" and self.link_open:
                p, href = self.link_open.pop()
                self.links.append((p, self.out.pos, href))
            self.elements.append(Element(el.tag, el.attrs, el.start, el_end, len(self.stack)))

    def _implied_close(self, tag: str, pos: int) -> None:
        if tag in BLOCK_TAGS or tag in SKIP_BLOCK:
            for i in range(len(self.stack) - 1, -1, -1):
                t = self.stack[i].tag
                if t == "p":
                    self._close(i, pos, pos)
                    break
                if t not in ("a", "span", "b", "i", "em", "strong", "font", "small"):
                    break
        rule = _CLOSES.get(tag)
        if rule:
            closes, stops = rule
            for i in range(len(self.stack) - 1, -1, -1):
                t = self.stack[i].tag
                if t in stops:
                    break
                if t in closes:
                    self._close(i, pos, pos)
                    break

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pos = self._pos()
        raw = self.get_starttag_text() or ""
        end = pos + len(raw)
        self._implied_close(tag, pos)
        if tag in VOID:
            self._void(tag, raw, pos, end)
            return
        attr_map = {k: v or "" for k, v in attrs}
        if not self.skip:
            if tag in BLOCK_TAGS or tag in SKIP_BLOCK:
                self._flush()
            elif tag in SKIP_INLINE:
                self.out.atom("code" if tag != "svg" and tag != "math" else tag)
            elif tag == "a":
                self.link_open.append((self.out.pos, attr_map.get("href", "")))
        if tag in SKIP_BLOCK or tag in SKIP_HIDDEN or tag in SKIP_INLINE:
            self.skip += 1
        self.stack.append(_Open(tag, attr_map, pos, len(self.blocks), self.text_start >= 0))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.handle_starttag(tag, attrs)
            return
        self.handle_starttag(tag, attrs)
        end = self._pos() + len(self.get_starttag_text() or "")
        self._close(len(self.stack) - 1, end, end)

    def handle_endtag(self, tag: str) -> None:
        pos = self._pos()
        gt = self.src.find(">", pos)
        end = gt + 1 if gt >= 0 else len(self.src)
        if tag == "br":
            self._void("br", "", pos, end)
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                self._close(i, pos, end)
                return
        if tag in BLOCK_TAGS and not self.skip:
            self._flush()  # a stray </p> or </div> still ends the block

    def _void(self, tag: str, raw: str, pos: int, end: int) -> None:
        self.elements.append(Element(tag, {}, pos, end, len(self.stack)))
        if self.skip:
            return
        if tag == "br":
            self.out.rstrip(" ")
            if self.out.pos:
                self.out.markup("\n")
        elif tag == "hr":
            self._flush()
        elif tag == "img":
            self._alt(raw, pos, end)
            self.out.atom("image")

    def _alt(self, raw: str, pos: int, end: int) -> None:
        m = _ALT.search(raw)
        if not m:
            return
        k = next(g for g in (1, 2, 3) if m.group(g) is not None)
        value, vstart = m.group(k), pos + m.start(k)
        alt = ProseBuilder()
        if "&" in value:
            alt.markup(html.unescape(value))
        else:
            alt.verbatim(value, vstart)
        if alt.has_prose():
            self.blocks.append(alt.block("alt", pos, end, attr_escape, tag="img"))

    # -- text ---------------------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        pos = self._pos()
        out = self.out
        for m in _SPACES.finditer(data):
            seg = m.group()
            s = pos + m.start()
            if seg[0] in _WS:
                if out.pos == 0 or out.last in " \n":
                    continue
                if seg == " ":
                    out.verbatim(" ", s)
                else:
                    out.markup(" ")
            else:
                out.verbatim(seg, s)
                self._text(seg, s)

    def _reference(self, raw_start: str) -> None:
        pos = self._pos()
        raw = raw_start + (";" if self.src.startswith(";", pos + len(raw_start)) else "")
        if self.skip:
            return
        decoded = html.unescape(raw)
        out = self.out
        if decoded == raw:
            out.verbatim(raw, pos)
        elif decoded and all(ch in _WS for ch in decoded):
            if out.pos and out.last not in " \n":
                out.markup(" ")
            return
        else:
            out.markup(decoded)
        self._text(raw, pos)

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def handle_comment(self, data: str) -> None:
        pos = self._pos()
        self.comments.append(Comment(pos, pos + len(data) + 7, data))

    def finish(self) -> Parsed:
        self.close()
        n = len(self.src)
        self._close(0, n, n)
        self._flush()
        blocks = sorted(self.blocks, key=lambda b: (b.start, b.end))
        return Parsed(tuple(blocks), tuple(self.comments), tuple(self.elements))


def parse(source: str) -> list[Block]:
    return list(analyze(source).blocks)


@lru_cache(maxsize=8)
def analyze(source: str) -> Parsed:
    parser = _Parser(source)
    # html.parser is tolerant; should it still raise, keep what it read.
    with contextlib.suppress(Exception):
        parser.feed(source)
    return parser.finish()


def element_at(parsed: Parsed, offset: int) -> Element | None:
    """The innermost element whose span holds `offset`."""
    starts = sorted(parsed.elements, key=lambda e: e.start)
    keys = [e.start for e in starts]
    k = bisect.bisect_right(keys, offset)
    best: Element | None = None
    for el in starts[:k]:
        if el.start <= offset < el.end and (best is None or el.depth > best.depth):
            best = el
    return best
