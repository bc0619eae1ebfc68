"""Helpers shared by the punctuation rules: which blocks are prose, abbreviations, words."""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from itertools import accumulate, repeat
from operator import add, attrgetter
from pathlib import Path

from copydesk import patterns, rx
from copydesk.document import Block, Document

DATA = Path(__file__).resolve().parent / "data"

# Block kinds that hold code or markup rather than prose (the Markdown and HTML parsers of
# issue 6 may emit them); punctuation rules never look inside.
_NOT_PROSE = ("code", "html", "math", "front_matter", "frontmatter", "table_separator")

# Closing marks that may stand between a word and the punctuation after it.
CLOSERS = "”’\"')]}»"
# Characters a flagged mark may directly follow: a word, a number, a closing mark, a percent.
HORIZONTAL_SPACE = " \t"


def is_prose(block: Block) -> bool:
    return _is_prose_kind(block.kind)


@cache
def _is_prose_kind(kind: str) -> bool:
    return not any(kind.startswith(k) for k in _NOT_PROSE)


def prose_blocks(doc: Document) -> Iterator[Block]:
    for block in doc.blocks:
        if is_prose(block):
            yield block


def paragraph_blocks(doc: Document) -> Iterator[Block]:
    """Prose blocks that are paragraphs of running text (not table cells, where a lone `?`
    or `.` is a normal entry)."""
    for block in prose_blocks(doc):
        if block.kind != "table_cell":
            yield block


@cache
def abbreviations() -> frozenset[str]:
    """Lower-case abbreviations written with a final period (data/abbreviations.txt)."""
    lines = (DATA / "abbreviations.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#"))


def token_before(text: str, end: int) -> str:
    """The run of non-space characters that ends at `end` (exclusive)."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def is_abbreviation(token: str, *, capitalized: bool = False) -> bool:
    """Whether `token` (the text before a period, without it) is an abbreviation.

    Dotted forms ("U.S", "e.g", "Ph.D") and single letters (initials) always are; so are the
    listed words (data/abbreviations.txt: titles, company suffixes, AP state and month
    abbreviations) and lower-case words of up to three letters in scripts other than Latin
    ("ст. л.," in Russian recipes). The part after a hyphen counts ("D-Minn", "R-W.Va").
    `capitalized`: also any capitalized word of up to five letters, for languages whose
    abbreviations the list does not hold ("Dir. Amm.," in Italian).
    """
    word = token.lstrip("(\"'“‘[").rsplit("-", 1)[-1]
    if not word:
        return False
    if "." in word:
        return True
    letters = word.rstrip("'’")
    if len(letters) == 1 and letters.isalpha():
        return True
    if letters.lower() in abbreviations():
        return True
    if capitalized and letters[:1].isupper() and letters.isalpha() and len(letters) <= 5:
        return True
    return letters.isalpha() and len(letters) <= 3 and not letters.isascii()


def next_visible(text: str, i: int) -> str:
    """The first character at or after `i` that is not a space, a tab or a closing mark."""
    n = len(text)
    while i < n and (text[i] in HORIZONTAL_SPACE or text[i] in CLOSERS):
        i += 1
    return text[i] if i < n else ""


# Two marks of . , ; : in a row, maybe with spaces between: where PU102's and PU103's patterns
# can start (both need a word or a closing mark before, so never start inside a hit). `re`
# finds these faster than `regex` tries their look-behinds at every character. (Each rule
# scans for itself: a per-block cache costs more than the scan on the small blocks of
# Markdown and HTML.)
TWO_MARKS = patterns.compile_re(r"[.,;:][ \t]*[.,;:]")


def two_mark_matches(
    pattern: rx.Pattern[str], text: str, starts: Iterable[int] | None = None
) -> Iterator[rx.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose matches start where `TWO_MARKS` does
    (`starts`: where its hits start, when the caller has them)."""
    match = pattern.match
    if starts is None:
        starts = [hit.start() for hit in TWO_MARKS.finditer(text)]
    for at in starts:
        m = match(text, at)
        if m is not None:
            yield m


# -- all the blocks at once --------------------------------------------------------------------
#
# Markdown and HTML pages have a hundred or more short blocks, and a rule that screens each one
# pays a Python call or two a block before it finds nothing. `BlockIndex` is the blocks' texts
# joined by newlines, with where each starts: a rule's screen runs once over the joined text
# and names the few blocks that need the rule's own look. A screen that finds a block's hits in
# its text finds them in the joined text too (its character before and after are newlines
# there, as good as the edges for patterns that hold no newline); a hit that runs on across a
# newline only names one block too many.


_TEXT = attrgetter("text")


class BlockIndex:
    """Blocks, their texts joined by newlines, and the offset where each starts."""

    __slots__ = ("_hits", "blocks", "starts", "text")

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self._hits: dict[re.Pattern[str], dict[int, list[int]]] = {}
        if len(blocks) == 1:  # (a plain-text file)
            self.text = blocks[0].text
            self.starts = [0]
            return
        texts = list(map(_TEXT, blocks))
        self.text = "\n".join(texts)
        # Each block starts one past the end of the one before (C-level maps: a Markdown page
        # has hundreds of blocks).
        self.starts = list(accumulate(map(add, map(len, texts), repeat(1)), initial=0))
        self.starts.pop()

    def block_at(self, at: int) -> int:
        """The index of the block that holds offset `at` of the joined text."""
        return bisect.bisect_right(self.starts, at) - 1

    def holding(self, *needles: str) -> list[int]:
        """The indexes, in order, of the blocks that hold one of `needles` (none holding a
        newline), by `str.find` from block to block."""
        text = self.text
        if len(self.blocks) == 1:
            return [0] if any(s in text for s in needles) else []
        starts = self.starts
        last = len(starts) - 1
        found: set[int] = set()
        for needle in needles:
            at = text.find(needle)
            while at >= 0:
                k = self.block_at(at)
                found.add(k)
                if k == last:
                    break
                at = text.find(needle, starts[k + 1])  # the next block that holds it
        return sorted(found)

    def hits(self, pattern: re.Pattern[str]) -> dict[int, list[int]]:
        """For each block where `pattern` has hits, in order, where they start in the block's
        text: `[m.start() for m in pattern.finditer(block.text)]`, from one scan of the joined
        text, kept for the other rules that ask (for a pattern whose hits hold no newline and
        need none before or after them)."""
        found = self._hits.get(pattern)
        if found is not None:
            return found
        found = self._hits[pattern] = {}
        starts = self.starts
        count = len(starts)
        k = -1
        first = following = 0  # where block k starts, and the block after it
        at: list[int] = []
        for m in pattern.finditer(self.text):
            a = m.start()
            if a >= following:
                k = self.block_at(a)
                first = starts[k]
                following = starts[k + 1] if k + 1 < count else len(self.text) + 1
                at = found[k] = []
            at.append(a - first)
        return found

    def searched(self, pattern: re.Pattern[str], shift: int = 0) -> list[int]:
        """The indexes, in order, of the blocks where `pattern` has a hit: the block of each
        hit's start (plus `shift`: 1 for a pattern that starts with the newline before a
        line), searched from block to block."""
        text = self.text
        starts = self.starts
        last = len(starts) - 1
        out: list[int] = []
        search = pattern.search
        m = search(text)
        while m is not None:
            k = self.block_at(m.start() + shift)
            out.append(k)
            if k == last:
                break
            m = search(text, starts[k + 1] - shift)
        return out


def _index(doc: Document, key: str, blocks: Callable[[Document], list[Block]]) -> BlockIndex:
    found = doc.cache.get(key)
    if not isinstance(found, BlockIndex):
        chosen = blocks(doc)
        # (Most documents' blocks are all prose paragraphs: one index serves every kind.)
        for other in ("punctuation:index:all", "punctuation:index:prose"):
            known = doc.cache.get(other)
            if (
                isinstance(known, BlockIndex)
                and len(known.blocks) == len(chosen)
                and all(map(operator.is_, known.blocks, chosen))
            ):
                found = doc.cache[key] = known
                return found
        found = doc.cache[key] = BlockIndex(chosen)
    return found


def all_index(doc: Document) -> BlockIndex:
    """`BlockIndex` of every block."""
    return _index(doc, "punctuation:index:all", _all_blocks)


def prose_index(doc: Document) -> BlockIndex:
    """`BlockIndex` of `prose_blocks`."""
    return _index(doc, "punctuation:index:prose", _prose_list)


def paragraph_index(doc: Document) -> BlockIndex:
    """`BlockIndex` of `paragraph_blocks`."""
    return _index(doc, "punctuation:index:paragraph", _paragraph_list)


def _all_blocks(doc: Document) -> list[Block]:
    return doc.blocks


def _prose_list(doc: Document) -> list[Block]:
    """`list(prose_blocks(doc))`."""
    return [b for b in doc.blocks if _is_prose_kind(b.kind)]


def _paragraph_list(doc: Document) -> list[Block]:
    """`list(paragraph_blocks(doc))`."""
    return [b for b in doc.blocks if _is_prose_kind(b.kind) and b.kind != "table_cell"]
