"""Helpers shared by the punctuation rules: which blocks are prose, abbreviations, words."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path

from copydesk import patterns, rx
from copydesk.document import Block, Document
from copydesk.joined import Joined, joined

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
# can start (both need a word or a closing mark before, so never start inside a hit). Its
# hits come from `MARKS`'s (`screen_hits`), not from trying the rules' look-behinds at every
# character.
TWO_MARKS = patterns.compile_re(r"[.,;:][ \t]*[.,;:]")

# The screens of PU101, PU201 and PU202 (their modules' `SCREEN`), beside PU102/PU103's
# `TWO_MARKS`: each hit is one mark of [.,;:!?] with something before or after it.
SPACED_TERMINATOR = patterns.compile_re(r"[.!?][ \t\u00a0]+\.")
# (Each is only matched at `MARKS`'s hits, never scanned for.)
MARK_AFTER_SPACE = patterns.compile_re(r"[,;:!?.](?<=[ \t][,;:!?.])")
MARK_BEFORE_CAPITAL = patterns.compile_re(r"[.!?][”\"]?[^\sa-z0-9.,;:!?…'’\"”)\]/-]")
# Every mark where one of those four screens matches, and only those: the mark, then a look
# back or ahead for each screen's context. `re` scans for a class a character at a time, so a
# scan costs about as much as the text is long whatever it finds: one scan serves the four
# (`screen_hits`), where each rule scanned the text for its own screen.
MARKS = patterns.compile_re(
    r"[.,;:!?](?:(?<=[ \t][,;:!?.])|(?<=[.,;:])(?=[ \t]*[.,;:])"
    r"|(?<=[.!?])(?=[”\"]?[^\sa-z0-9.,;:!?…'’\"”)\]/-]|[ \t\u00a0]+\.))"
)


def screen_hits(index: Joined, screen: re.Pattern[str]) -> dict[int, list[int]]:
    """`index.hits(screen)` (for each block with a hit, `[m.start() for m in
    screen.finditer(text)]`) for one of the screens `MARKS` covers, from `MARKS`'s hits (one
    scan of the blocks joined, shared): the hits where the screen matches, each after the end
    of the one before, as `finditer` takes them."""
    out: dict[int, list[int]] = {}
    blocks = index.blocks
    match = screen.match
    for k, marks in index.hits(MARKS).items():
        text = blocks[k].text
        found = []
        end = 0
        for at in marks:
            if at >= end and (m := match(text, at)) is not None:
                found.append(at)
                end = m.end()
        if found:
            out[k] = found
    return out


def two_mark_matches(
    pattern: rx.Pattern[str], text: str, starts: Iterable[int] | None = None
) -> Iterator[rx.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose matches start where `TWO_MARKS` does
    (`starts`: where its hits start, when the caller has them)."""
    return screened_matches(pattern, TWO_MARKS, text, starts)


def screened_matches(
    pattern: rx.Pattern[str],
    screen: re.Pattern[str] | rx.Pattern[str],
    text: str,
    starts: Iterable[int] | None = None,
) -> Iterator[rx.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose matches start only where `screen`'s hits
    do and hold no other hit (`starts`: where the hits start, when the caller has them): `re`
    finds the hits far faster than `regex` tries a look-behind at every character."""
    match = pattern.match
    if starts is None:
        starts = [hit.start() for hit in screen.finditer(text)]
    for at in starts:
        m = match(text, at)
        if m is not None:
            yield m


# -- all the blocks at once (copydesk.joined) ---------------------------------------------------


def _index(doc: Document, key: str, blocks: Callable[[Document], list[Block]]) -> Joined:
    found = doc.cache.get(key)
    if not isinstance(found, Joined):
        chosen = blocks(doc)
        if chosen is doc.blocks:
            found = doc.cache[key] = joined(doc)
            return found
        # (Most documents' blocks are all prose paragraphs: one view serves every kind.)
        for known in (joined(doc), doc.cache.get("punctuation:index:prose")):
            if (
                isinstance(known, Joined)
                and len(known.blocks) == len(chosen)
                and all(map(operator.is_, known.blocks, chosen))
            ):
                found = doc.cache[key] = known
                return found
        found = doc.cache[key] = Joined(chosen)
    return found


def all_index(doc: Document) -> Joined:
    """`Joined` of every block."""
    return joined(doc)


def prose_index(doc: Document) -> Joined:
    """`Joined` of `prose_blocks`."""
    return _index(doc, "punctuation:index:prose", _prose_list)


def paragraph_index(doc: Document) -> Joined:
    """`Joined` of `paragraph_blocks`."""
    return _index(doc, "punctuation:index:paragraph", _paragraph_list)


def _prose_list(doc: Document) -> list[Block]:
    """`list(prose_blocks(doc))` (`doc.blocks` itself when every block is prose: its kinds,
    a few, are tested, not its hundreds of blocks)."""
    blocks = doc.blocks
    if all(map(_is_prose_kind, set(map(_KIND, blocks)))):
        return blocks
    return [b for b in blocks if _is_prose_kind(b.kind)]


_KIND = operator.attrgetter("kind")


def _paragraph_list(doc: Document) -> list[Block]:
    """`list(paragraph_blocks(doc))` (`doc.blocks` itself when every block is one)."""
    blocks = doc.blocks
    kinds = set(map(_KIND, blocks))
    if "table_cell" not in kinds and all(map(_is_prose_kind, kinds)):
        return blocks
    return [b for b in blocks if _is_prose_kind(b.kind) and b.kind != "table_cell"]
