"""Helpers shared by the punctuation rules: which blocks are prose, abbreviations, words."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import regex

from copydesk import patterns
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


def two_mark_matches(pattern: regex.Pattern[str], text: str) -> Iterator[regex.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose matches start where `TWO_MARKS` does."""
    match = pattern.match
    for hit in TWO_MARKS.finditer(text):
        m = match(text, hit.start())
        if m is not None:
            yield m
