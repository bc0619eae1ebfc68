"""Artifact injectors for the garbled-sentence (GS) rules, for bench/quality.py.

`INJECTORS` maps a rule code to a function that corrupts one clean sentence the way scraping,
segment joining and machine translation do, or returns None when the sentence offers no place
for that artifact:

- GS001: a stray period after a word that a lower-case word follows ("Karabakh. agreed"),
  which turns the rest into a lower-cased sentence start;
- GS002: a word written twice ("the the"), sometimes across a line break;
- GS003: the space between two words removed ("Twitteron", "theRussian"), any two words, not
  only the ones the rule is built for, so recall is honest;
- GS004: a run of one to four words written four times in a row.

An injection that produces correct English is not an artifact and returns None: doubling a
word that is correctly doubled ("had had"), gluing two words into a real word ("in" + "to"),
or a period after an abbreviation or initial ("Co. agreed" reads as correct).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

Injector = Callable[[str, random.Random], str | None]

_WORD = re.compile(r"(?<![\w'’.@/-])[A-Za-z]+(?:['’-][A-Za-z]+)*(?![\w'’@/-]|\.\w)")
# Two words separated by one space, both letters only (no hyphens, digits, apostrophes).
_PAIR = re.compile(r"(?<![\w'’.@/-])([A-Za-z]+) ([A-Za-z]+)(?![\w'’@/-])")


def _pairs(sentence: str) -> list[re.Match[str]]:
    out: list[re.Match[str]] = []
    pos = 0
    while True:
        m = _PAIR.search(sentence, pos)
        if not m:
            return out
        out.append(m)
        pos = m.start(2)  # overlapping: "a b c" gives (a, b) and (b, c)


def stray_period(sentence: str, rng: random.Random) -> str | None:
    """GS001: insert a period between a word and the lower-case word after it."""
    from copydesk.sentences import is_abbreviation

    spots = [
        m
        for m in _pairs(sentence)
        if m.group(2)[0].islower()
        and len(m.group(1)) > 1
        and not is_abbreviation(m.group(1))
        and not (m.group(1).isupper() and len(m.group(1)) <= 3)
    ]
    if not spots:
        return None
    m = rng.choice(spots)
    return sentence[: m.end(1)] + "." + sentence[m.end(1) :]


def doubled_word(sentence: str, rng: random.Random) -> str | None:
    """GS002: write one word twice, separated by a space (one time in five a line break)."""
    from copydesk.rules.garbled._lexicon import word_list

    legit = word_list("legit_doubles")
    words = [
        m for m in _WORD.finditer(sentence) if m.group().lower() not in legit and len(m.group()) > 1
    ]
    if not words:
        return None
    m = rng.choice(words)
    sep = "\n" if rng.random() < 0.2 else " "
    return sentence[: m.end()] + sep + m.group() + sentence[m.end() :]


def glued_words(sentence: str, rng: random.Random) -> str | None:
    """GS003: remove the space between two words, unless that makes a real word."""
    from copydesk.rules.garbled._lexicon import zipf

    spots = [m for m in _pairs(sentence) if zipf(m.group(1) + m.group(2)) == 0.0]
    if not spots:
        return None
    m = rng.choice(spots)
    return sentence[: m.end(1)] + sentence[m.start(2) :]


def repeated_fragment(sentence: str, rng: random.Random) -> str | None:
    """GS004: write a run of one to four words four times in a row (a translation loop)."""
    from copydesk.rules.garbled._lexicon import word_list

    legit = word_list("legit_doubles")
    words = list(_WORD.finditer(sentence))
    if not words:
        return None
    size = rng.randint(1, min(4, len(words)))
    first = rng.randrange(len(words) - size + 1)
    if size == 1 and (words[first].group().lower() in legit or len(words[first].group()) < 2):
        return None  # correct ("no no no no") or a one-letter word (GS002's "a a")
    a, b = words[first].start(), words[first + size - 1].end()
    return sentence[:b] + (" " + sentence[a:b]) * 3 + sentence[b:]


# Recall targets from issue 5: 0.9 (the default) except glued words.
TARGETS: dict[str, float] = {"GS003": 0.6}
# Each fix undoes its artifact: the period goes, the second copy goes, the space comes back.
REPAIRS: frozenset[str] = frozenset({"GS001", "GS002", "GS003", "GS004"})

INJECTORS: dict[str, Injector] = {
    "GS001": stray_period,
    "GS002": doubled_word,
    "GS003": glued_words,
    "GS004": repeated_fragment,
}
