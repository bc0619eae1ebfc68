"""Shared pieces of the markup parsers: a prose builder with its source map, URL spotting,
and the comments that may hold suppression directives.

Prose is what a reader sees. Where the source holds something that is not prose but takes a
place in the sentence (inline code, a URL, an image), the prose gets one PLACEHOLDER character
instead, outside every run, so rules see a symbol (not a word, not punctuation) and can never
edit it. `block.meta["atoms"]` lists those places as `(prose_offset, kind)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from copydesk import patterns

# The document model's frozen-value base: a Comment is one of its values.
from copydesk.document import Block
from copydesk.records import Frozen, fill

# U+FFFC OBJECT REPLACEMENT CHARACTER: Unicode's own "an embedded object stood here".
PLACEHOLDER = "\ufffc"

# Bare URLs and e-mail addresses (GFM's autolink literals). Each pattern starts with a literal
# anchor after a lookbehind, so a scan is linear: no start position is tried inside a word.
_URL = patterns.compile_re(
    r"(?<![\w/@.])(?:(?:https?|ftp)://|www\.)[^\s<>\"'`\u00a0]+"
    r"|(?<![\w.+@-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_URL_TRAILING = ".,:;!?'\"*_~"


def find_urls(text: str) -> Iterator[tuple[int, int]]:
    """Spans of bare URLs and e-mail addresses, without trailing punctuation (GFM's rules:
    a final `)` stays only while the parentheses inside the URL balance)."""
    if "@" not in text and "://" not in text and "www." not in text:
        return  # what every match holds: most prose has none of them
    for m in _URL.finditer(text):
        a, b = m.span()
        while b > a:
            ch = text[b - 1]
            unbalanced = ch == ")" and text.count("(", a, b) < text.count(")", a, b)
            if ch in _URL_TRAILING or unbalanced:
                b -= 1
            else:
                break
        if b - a > 4:
            yield a, b


class Comment(Frozen):
    """An HTML comment (in HTML or Markdown): source span and the text between `<!--` and `-->`."""

    __slots__ = ("body", "end", "start")
    _FIELDS = _REPR = _ALL = ("start", "end", "body")

    start: int
    end: int
    body: str

    def __init__(self, start: int, end: int, body: str) -> None:
        fill(self, "start", start)
        fill(self, "end", end)
        fill(self, "body", body)


def comments_in(source: str, start: int, end: int) -> Iterator[Comment]:
    """The complete `<!-- ... -->` comments in `source[start:end]`, by linear search (a regex
    would rescan the rest of the text from every unclosed `<!--`)."""
    pos = source.find("<!--", start, end)
    while pos >= 0:
        close = source.find("-->", pos + 4, end)
        if close < 0:
            return
        yield Comment(pos, close + 3, source[pos + 4 : close])
        pos = source.find("<!--", close + 3, end)


class ProseBuilder:
    """Appends prose and records which stretches are verbatim copies of the source (runs)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.runs: list[list[int]] = []  # [prose_start, source_start, length]
        self.pos = 0
        self.atoms: list[tuple[int, str]] = []
        self.last = ""  # the last character appended

    def verbatim(self, text: str, source_start: int) -> None:
        """Prose that is a copy of `source[source_start : source_start + len(text)]`."""
        if not text:
            return
        if self.runs:
            p, s, n = self.runs[-1]
            if p + n == self.pos and s + n == source_start:
                self.runs[-1][2] += len(text)
                self._append(text)
                return
        self.runs.append([self.pos, source_start, len(text)])
        self._append(text)

    def markup(self, text: str) -> None:
        """Prose that the source spells differently (an escape, an entity, a collapsed space)."""
        if text:
            self._append(text)

    def atom(self, kind: str) -> None:
        self.atoms.append((self.pos, kind))
        self._append(PLACEHOLDER)

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)
        self.last = text[-1]

    def rstrip(self, chars: str = " \n") -> None:
        """Drop trailing characters in `chars` (verbatim or not), keeping the runs exact."""
        while self.parts and self.parts[-1] and self.parts[-1][-1] in chars:
            part = self.parts.pop()
            keep = part.rstrip(chars)
            cut = len(part) - len(keep)
            self.pos -= cut
            while cut and self.runs:
                p, _s, n = self.runs[-1]
                overlap = p + n - self.pos
                if overlap <= 0:
                    break
                if overlap >= n:
                    self.runs.pop()
                else:
                    self.runs[-1][2] = n - overlap
                break
            if keep:
                self.parts.append(keep)
        self.last = self.parts[-1][-1] if self.parts else ""

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def has_prose(self) -> bool:
        """False when there is nothing but whitespace and placeholders (an image on its own)."""
        return any(not ch.isspace() and ch != PLACEHOLDER for part in self.parts for ch in part)

    def block(
        self,
        kind: str,
        start: int,
        end: int,
        escape: Callable[[str], str] | None,
        **meta: Any,
    ) -> Block:
        if self.atoms:
            meta["atoms"] = tuple(self.atoms)
        if escape is not None:
            meta["escape"] = escape
        runs = tuple((p, s, n) for p, s, n in self.runs if n > 0)
        return Block(kind, self.text, runs, start, end, meta)
