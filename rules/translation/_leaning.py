"""The words that lean to a foreign language, for MT303: data/leaning_words.txt.

MT303 (foreign-phrase) counts a word of a run of lower-case words when it leans to Spanish,
French, German, Italian or Portuguese: a function word of that language, or a word common
there and thirty times rarer in English by wordfreq's "small" lists
(`foreign_phrase.lean_by_frequency`). Asking wordfreq means importing it and loading six
word lists, about 0.15 s, on every run. The table holds the answer instead: every lower-case
word that leans to some language without being one of its function words, and the languages
it leans to. Loaded once
(about 0.015 s), it serves both as the screen (a document whose words meet none of it where a
foreign phrase could be needs nothing more) and as the look-up itself.

The table is derived data: regenerate it with

    python -m copydesk.rules.translation._leaning

after a wordfreq upgrade or a change to `lean_by_frequency`;
tests/test_translation_leaning.py fails while it is out of date.
"""

from __future__ import annotations

import bisect
import itertools
import sys
from collections.abc import Container
from collections.abc import Set as AbstractSet
from functools import cache
from pathlib import Path

from copydesk import patterns
from copydesk.rules._sorted import find_line, sample
from copydesk.rules.translation._lexicon import Lexicon

TABLE = Path(__file__).resolve().parent / "data" / "leaning_words.txt"
LANGUAGES = ("es", "fr", "de", "it", "pt")  # the order of the table's sections
_RUN_WORD = patterns.compile(r"\p{Ll}+")  # what a word of MT303's runs is made of

HEADER = """\
# Lower-case words that lean to a foreign language for MT303 (foreign-phrase): the words w
# with `foreign_phrase.lean_by_frequency(w, lang) == 1` (common in that language and thirty
# times rarer in English) for some lang of {languages}. Function words
# (`_foreign.FUNCTION_WORDS`) are not listed. After this header and an empty line: one line
# of base-32 digits, one a word, the bits of the languages the word leans to
# ({bits}); an empty line; the words, sorted, one a line (UTF-8).
# Derived from wordfreq {version} ("small" word lists) by
# `python -m copydesk.rules.translation._leaning`; do not edit by hand.
"""
_DIGITS = "0123456789abcdefghijklmnopqrstuv"  # base 32: one digit holds the five bits


@cache
def _table() -> tuple[list[bytes], bytes]:
    """The sorted words (UTF-8; a list: splitting costs no hashing) and their language bits."""
    data = TABLE.read_bytes()
    start = data.index(b"\n\n") + 2
    end = data.index(b"\n\n", start)
    words, masks = data[end + 2 :].split(), data[start:end]
    if len(words) != len(masks):
        raise ValueError(f"{TABLE}: {len(words)} words but {len(masks)} language digits")
    return words, masks


class _InPlace:
    """The sorted table searched as one bytes object, for the look-ups a process makes before it
    builds `screen_words`: splitting the table into 126,000 words costs about 8 ms and 7 MB,
    most of a one-file run's use of it. A word of the table every `STEP` bytes is kept with its
    line's offset and number; a search bisects those, then finds the line with one `find`."""

    STEP = 2048

    def __init__(self) -> None:
        self.map = table = TABLE.read_bytes()
        self.masks = table.find(b"\n\n") + 2  # the line of language digits, one per word
        lo = table.find(b"\n\n", self.masks) + 2  # the first word's line
        self.keys, self.offsets = sample(table, lo, self.STEP, b"\n")
        # The number (among the words) of each sampled line.
        self.lines = [0]
        for a, b in itertools.pairwise(self.offsets):
            self.lines.append(self.lines[-1] + table.count(b"\n", a, b))

    def line_of(self, word: bytes) -> int | None:
        """Where the line of `word` starts, or None."""
        return find_line(self.map, self.keys, self.offsets, word, b"\n")

    def index(self, word: bytes) -> int | None:
        """The line number of `word` among the table's words, or None."""
        at = self.line_of(word)
        if at is None:
            return None
        i = bisect.bisect_right(self.offsets, at) - 1  # the sample at or before the line
        return self.lines[i] + self.map.count(b"\n", self.offsets[i], at)

    def leans(self, word: bytes, bit: int) -> bool:
        at = self.index(word)
        return at is not None and bool(_DIGITS.index(chr(self.map[self.masks + at])) >> bit & 1)


@cache
def _in_place() -> _InPlace:
    return _InPlace()


def leans(word: str, lang: str) -> bool:
    """Whether `word` leans to `lang` without being one of its function words."""
    return _in_place().leans(word.encode(), LANGUAGES.index(lang))


@cache
def screen_words() -> AbstractSet[bytes]:
    """Every word that leans to some language, function words included (UTF-8): what the
    screen looks the words of a document up in, one look-up a word. (A set, never changed:
    it builds a third faster than a frozenset.)"""
    table = set(itertools.chain(_table()[0], _function_words()))
    _built[:] = [table]
    return table


# Distinct words a process looks up by bisection of the sorted table (about 1 us each) before
# it builds `screen_words` (about 10 ms for 126,000 words; then 0.05 us a word): a one-file
# run (an article has a few hundred to two thousand distinct words) never needs the set, a
# corpus run builds it after a few documents.
BISECTION_BUDGET = 5_000
_bisected = 0


@cache
def _function_words() -> frozenset[bytes]:
    from copydesk.rules.translation._foreign import FUNCTION_WORDS

    return frozenset(w.encode() for ws in FUNCTION_WORDS.values() for w in ws)


def _in_table(word: bytes) -> bool:
    """`word in screen_words()`, by a search of the sorted table in place."""
    table = _in_place()
    return word in _function_words() or table.line_of(word) is not None


class _Bisected:
    """`screen_words()` for `in`, by bisection (before the set is built)."""

    __slots__ = ()

    def __contains__(self, word: object) -> bool:
        return isinstance(word, bytes) and _in_table(word)


_BISECTED = _Bisected()
# A block of at most this many words is tested word by word before a set of its words is
# built: most short blocks (Markdown's list items, links, captions) have no leaning word, and
# a long block almost always has one.
SHORT_BLOCK_WORDS = 40
_NONE: frozenset[bytes] = frozenset()
_built: list[AbstractSet[bytes]] = []  # `screen_words()`, once built


def screen_lookup(lex: Lexicon) -> tuple[AbstractSet[bytes], Container[bytes]]:
    """The words of `lex` in `screen_words()`, and the table to test words with `in` (the
    set, or bisection while the process is within its budget)."""
    global _bisected
    if _built:
        table = _built[0]
    elif _bisected + len(lex.unique) > BISECTION_BUDGET:
        table = screen_words()
    else:
        _bisected += len(lex.unique)
        return {w for w in lex.unique if _in_table(w)}, _BISECTED
    words = lex.words
    if len(words) <= SHORT_BLOCK_WORDS and table.isdisjoint(words):
        return _NONE, table  # (most short blocks: no set of their words needed)
    return lex.meets(table), table


def build() -> dict[str, int]:
    """Every leaning word and its language bits, from wordfreq (slow: loads every list)."""
    from copydesk.rules.translation.foreign_phrase import _frequencies, lean_by_frequency

    table: dict[str, int] = {}
    for bit, lang in enumerate(LANGUAGES):
        for w in _frequencies(lang):
            if _RUN_WORD.fullmatch(w) and lean_by_frequency(w, lang) == 1:
                table[w] = table.get(w, 0) | 1 << bit
    return table


def main() -> int:
    from importlib.metadata import version

    table = build()
    words = sorted(table)
    header = HEADER.format(
        languages=", ".join(LANGUAGES),
        bits=", ".join(f"{lang} {1 << bit}" for bit, lang in enumerate(LANGUAGES)),
        version=version("wordfreq"),
    )
    masks = "".join(_DIGITS[table[w]] for w in words)
    TABLE.write_text(header + "\n" + masks + "\n\n" + "\n".join(words) + "\n", "utf-8")
    print(f"{TABLE}: {len(words)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
