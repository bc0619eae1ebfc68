"""Artifact injectors for the punctuation (PU) rules, for bench/quality.py.

Each function corrupts one clean sentence the way joining, segmenting, tokenizing and
translating do, or returns None when the sentence offers no place for that artifact:

- PU101 a second terminator after a space (`talks. .`, `over? .`);
- PU102 a doubled period at the end (`over..`) or a doubled comma (`report,, published`);
- PU103 two different marks (`ended,.`, `ended;.`, `ended., and`);
- PU201 a space before a comma, semicolon, colon or the final terminator (`senator ,`);
- PU202 a comma and space replaced by a period with no space (`talks.The minister`);
- PU203 a doubled space between two words;
- PU301 an opening parenthesis before a word, never closed, or a removed closing one;
- PU302 an opening curly quote before a word, never closed, or a removed closing one;
- PU303 a straight double quote before a word, never closed;
- PU304 an opening curly single quote before a word, never closed;
- PU305 a quotation split by a period and a stray closing quote (`activities”. ” had`);
- PU401 the paragraph starting with the period or comma of the one before (`. The`);
- PU402 a line of stray punctuation after the sentence.

None of them is allowed to produce correct text: a period is never doubled after an
abbreviation ("U.S.." is still wrong, but "etc." + "," is right and is not injected).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

Injector = Callable[[str, random.Random], str | None]

# A word of letters between spaces (not the first word: quotes there pair with nothing else).
_INNER_WORD = re.compile(r"(?<= )[A-Za-z][a-z]+(?= )")
_COMMA = re.compile(r"(?<=[a-z]), (?=[a-z])")
_FINAL = re.compile(r"(?<=[A-Za-z0-9%])([.!?])$")
_SPACE = re.compile(r"(?<=[a-z,]) (?=[a-z])")
# Elisions a single quote may start; an injected ‘ before them would read as an apostrophe.
_ELISION = re.compile(r"(?:em|n|til|tis|twas|cause|bout|round|s|re|ve|ll|d|t|m)\b", re.I)


def _final(sentence: str) -> re.Match[str] | None:
    """The sentence's final terminator, when it follows a word (not an abbreviation)."""
    m = _FINAL.search(sentence)
    if m is None:
        return None
    last = sentence[: m.start()].rsplit(" ", 1)[-1]
    if "." in last or len(last) <= 2:
        return None  # "U.S.", "Jr.", "p.m.": the period is part of the word
    return m


def spaced_double_terminator(sentence: str, rng: random.Random) -> str | None:
    m = _final(sentence)
    if m is None:
        return None
    return sentence + rng.choice([" .", " .", "  ."])


def doubled_punctuation(sentence: str, rng: random.Random) -> str | None:
    choices = []
    if (m := _final(sentence)) and m.group(1) == ".":
        choices.append(sentence + ".")
    commas = list(_COMMA.finditer(sentence))
    if commas:
        c = rng.choice(commas)
        choices.append(sentence[: c.start()] + ",," + sentence[c.start() + 1 :])
    return rng.choice(choices) if choices else None


def mixed_punctuation(sentence: str, rng: random.Random) -> str | None:
    choices = []
    m = _final(sentence)
    if m and m.group(1) == ".":
        extra = rng.choice([",", ";", ", "])
        choices.append(sentence[: m.start()] + extra + ".")
    commas = list(_COMMA.finditer(sentence))
    if commas:
        c = rng.choice(commas)
        choices.append(sentence[: c.start()] + ".," + sentence[c.start() + 1 :])
    return rng.choice(choices) if choices else None


def space_before_punctuation(sentence: str, rng: random.Random) -> str | None:
    spots = [m.start() for m in re.finditer(r"(?<=[A-Za-z0-9])[,;:](?= )", sentence)]
    if (m := _final(sentence)) is not None:
        spots.append(m.start())
    if not spots:
        return None
    i = rng.choice(spots)
    return sentence[:i] + rng.choice([" ", " ", "  "]) + sentence[i:]


def missing_space_after_sentence(sentence: str, rng: random.Random) -> str | None:
    commas = [
        c for c in _COMMA.finditer(sentence) if len(sentence[: c.start()].rsplit(" ", 1)[-1]) > 1
    ]
    if not commas:
        return None
    c = rng.choice(commas)
    rest = sentence[c.end() :]
    return sentence[: c.start()] + "." + rest[0].upper() + rest[1:]


def multiple_spaces(sentence: str, rng: random.Random) -> str | None:
    spots = [m.start() for m in _SPACE.finditer(sentence)]
    if not spots:
        return None
    i = rng.choice(spots)
    return sentence[:i] + rng.choice(["  ", "  ", "   "]) + sentence[i + 1 :]


def _open_before_word(mark: str) -> Injector:
    def inject(sentence: str, rng: random.Random) -> str | None:
        words = [m for m in _INNER_WORD.finditer(sentence) if not _ELISION.fullmatch(m.group())]
        if not words:
            return None
        m = rng.choice(words)
        return sentence[: m.start()] + mark + sentence[m.start() :]

    return inject


def _drop_closing_or_open(closing: str, opening: str) -> Injector:
    open_before = _open_before_word(opening)

    def inject(sentence: str, rng: random.Random) -> str | None:
        if closing in sentence and opening in sentence and rng.random() < 0.5:
            i = sentence.rindex(closing)
            return sentence[:i] + sentence[i + 1 :]
        return open_before(sentence, rng)

    return inject


def split_quotation(sentence: str, rng: random.Random) -> str | None:
    """Quote two or three words that a lower-case word follows, and split the quotation."""
    words = list(re.finditer(r"(?<= )[a-z]+(?: [a-z]+){1,2}(?= [a-z])", sentence))
    if not words:
        return None
    m = rng.choice(words)
    return f"{sentence[: m.start()]}“{m.group()}”. ”{sentence[m.end() :]}"


def paragraph_starts_with_punctuation(sentence: str, rng: random.Random) -> str | None:
    if not sentence[:1].isupper():
        return None
    return rng.choice([". ", ", ", "; ", ".", ") "]) + sentence


def punctuation_only_line(sentence: str, rng: random.Random) -> str | None:
    mark = rng.choice([".", ". .", "”", ",", ")", ":", "?"])
    sep = rng.choice(["\n", "\n\n"])
    return sentence + sep + mark + "\n"


INJECTORS: dict[str, Injector] = {
    "PU101": spaced_double_terminator,
    "PU102": doubled_punctuation,
    "PU103": mixed_punctuation,
    "PU201": space_before_punctuation,
    "PU202": missing_space_after_sentence,
    "PU203": multiple_spaces,
    "PU301": _drop_closing_or_open(")", "("),
    "PU302": _drop_closing_or_open("”", "“"),
    "PU303": _open_before_word('"'),
    "PU304": _open_before_word("‘"),
    "PU305": split_quotation,
    "PU401": paragraph_starts_with_punctuation,
    "PU402": punctuation_only_line,
}

# Codes whose fix must give the clean sentence back exactly.
REPAIRS = frozenset({"PU101", "PU102", "PU103", "PU201", "PU203"})
