"""EN007 mixed-script-word."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from copydesk import patterns, rx
from copydesk.artifacts import load_toml
from copydesk.diagnostics import Diagnostic, Edit, Fix, Severity
from copydesk.document import Block, Document
from copydesk.rule import Example, Rule
from copydesk.rules.encoding._mojibake import inside, repaired_positions
from copydesk.rules.translation._lexicon import document_lexicon, lexicon

DATA = Path(__file__).parent / "data" / "homoglyphs.toml"

WORD = patterns.compile(r"[\p{L}\p{M}]+")
LATIN = patterns.compile(r"\p{Latin}")
CYRILLIC = patterns.compile(r"\p{Cyrillic}")
GREEK = patterns.compile(r"\p{Greek}")
# Blocks worth a look: a Latin letter and a Cyrillic or Greek one somewhere.
FOREIGN = patterns.compile(r"[\p{Cyrillic}\p{Greek}]")
# Every `FOREIGN` character lies in these ranges (tests/test_encoding_screens.py checks every code
# point): they leave out Latin and general punctuation (curly quotes, dashes, the euro sign),
# so a `re` scan for them skips most English text before the slower `regex` search.
_FOREIGN_SCREEN = patterns.compile_re("[\u0370-\u1fff\u2100-\U0010ffff]")
SCRIPTS = {"Cyrillic": CYRILLIC, "Greek": GREEK}


def _may_be_foreign(chars: frozenset[str]) -> bool:
    """`_FOREIGN_SCREEN.search(text)`, from the set of the block's non-ASCII characters
    (shared with the translation rules)."""
    return any(c >= "\u0370" and not "\u2000" <= c <= "\u20ff" for c in chars)


@cache
def tables() -> dict[str, dict[str, str]]:
    data = load_toml(DATA)  # parsed once, kept between runs
    return {k: dict(v) for k, v in data.items()}


def _count(pattern: rx.Pattern[str], text: str) -> int:
    """How many characters of `text` the one-character `pattern` matches (counted by runs)."""
    return sum(map(len, _runs(pattern).findall(text)))


@cache
def _runs(pattern: rx.Pattern[str]) -> rx.Pattern[str]:
    return patterns.compile(f"(?:{pattern.pattern})+", pattern.flags)


_WORD_CHAR = patterns.compile(r"[\p{L}\p{M}]")


@cache
def _word_char(c: str) -> bool:
    return _WORD_CHAR.match(c) is not None


def foreign_words(text: str) -> Iterator[rx.Match[str]]:
    """The matches of `WORD.finditer(text)` that hold a `FOREIGN` letter, found from those
    letters (a page of English with one Greek `μ` has thousands of words and one to judge)."""
    end = 0
    for f in FOREIGN.finditer(text):
        p = f.start()
        if p < end or not _word_char(text[p]):
            continue  # in the word just judged, or a sign of the script outside any word
        while p > end and _word_char(text[p - 1]):
            p -= 1
        m = WORD.match(text, p)
        if m is not None:
            end = m.end()
            yield m


SHORT_BLOCK = 500  # characters


@cache
def _foreign_char(c: str) -> bool:
    return FOREIGN.match(c) is not None


def _has_foreign(chars: frozenset[str]) -> bool:
    """Whether one of `chars` (a block's non-ASCII characters) is Cyrillic or Greek."""
    return _may_be_foreign(chars) and any(map(_foreign_char, chars))


class MixedScriptWord(Rule):
    """## What it does
    Finds words that mix Latin letters with Cyrillic or Greek letters that look the same:
    `Рaris` with a Cyrillic `Р`, `Москвa` with a Latin `a`, `SENSЕ` with a Ukrainian `Е`.

    A word is flagged when all its letters of one script are look-alikes of the other script
    (`data/homoglyphs.toml`, a subset of Unicode's confusables) and that other script is the
    word's majority; on a tie, when it is the script of most of the paragraph's letters (so
    `оf` with a Cyrillic `о` is found in English text). Words whose odd letters have no
    look-alike are left alone (`Яndex`, `TNFα`, `NF-κB`, `Aβ`, `μg`): those are deliberate.

    ## Why is this bad?
    The word looks right but is not the word: search, spell-checking and sorting miss it,
    and a reader cannot see why. It comes from OCR, from typing on two keyboard layouts, and
    from spam that tries to get past filters.

    ## Example
    ```text
    The summit in Рaris (with a Cyrillic Р) ended early.
    ```

    ## Use instead
    ```text
    The summit in Paris ended early.
    ```

    ## Fix safety
    Unsafe: the look-alike letters are replaced with the letters they imitate, which is
    almost always the intent; a deliberately stylized name would be changed too.
    """

    code = "EN007"
    name = "mixed-script-word"
    message = "`{word}` mixes {target} letters with {foreign} look-alikes ({letters})"
    severity = Severity.WARNING
    fix_availability = "sometimes"
    examples = (
        Example(
            bad="The summit in \u0420aris ended early.",
            flagged="\u0420aris",
            fixed="The summit in Paris ended early.",
            unsafe=True,
        ),
        Example(
            bad="В Москв\u0061 сегодня", flagged="Москвa", fixed="В Москва сегодня", unsafe=True
        ),
        Example(
            bad="SENS\u0415 - Oleg Tsedryk",
            flagged="SENS\u0415",
            fixed="SENSE - Oleg Tsedryk",
            unsafe=True,
        ),
        Example(
            bad="a lot \u043ef people", flagged="\u043ef", fixed="a lot of people", unsafe=True
        ),
        Example(bad="\u0391THENS", flagged="\u0391THENS", fixed="ATHENS", unsafe=True),
        Example(good="Яndex, TNFα, NF-κB, Aβ42 and 5 μg are written that way on purpose."),
        Example(good="ВІКІ is Ukrainian for WIKI."),
        Example(good="Η Αθήνα and Москва are fine; so is Paris."),
        Example(good="ПоздравЂаво"),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if not _has_foreign(document_lexicon(doc).non_ascii_chars):
            return  # (no block has a Cyrillic or Greek letter when the document has none)
        for block in doc.blocks:
            text = block.text
            if text.isascii():
                continue
            # `FOREIGN.search(text)`: on a short block itself, on a long one from the block's
            # set of non-ASCII characters (its letters are all non-ASCII; the set is shared).
            if len(text) <= SHORT_BLOCK:
                if not _FOREIGN_SCREEN.search(text) or not FOREIGN.search(text):
                    continue
            elif not _has_foreign(lexicon(doc, block).non_ascii_chars):
                continue
            repaired: list[tuple[int, int]] | None = None
            dominant: str | None = None
            for m in foreign_words(text):
                word = m.group()
                if not LATIN.search(word):
                    continue
                if dominant is None:
                    dominant = _dominant(text)
                found = _judge(word, dominant)
                if found is None:
                    continue
                if repaired is None:
                    repaired = repaired_positions(doc, block)
                if inside(repaired, m.start(), m.end()):
                    continue  # mojibake (`вЂ™`): EN001's business
                target, foreign, changes = found
                yield self._report(block, m.start(), word, target, foreign, changes)

    def _report(
        self,
        block: Block,
        start: int,
        word: str,
        target: str,
        foreign: str,
        changes: list[tuple[int, str]],
    ) -> Diagnostic:
        edits: list[Edit] = []
        for i, new in changes:
            edit = block.edit(start + i, start + i + 1, new)
            if edit is None:
                edits = []
                break
            edits.append(edit)
        fixed = list(word)
        for i, new in changes:
            fixed[i] = new
        fix = Fix.unsafe(f"Write `{''.join(fixed)}` in {target} letters", *edits) if edits else None
        letters = ", ".join(
            f"{word[i]} U+{ord(word[i]):04X} {unicodedata.name(word[i], '').lower()}"
            for i, _ in changes
        )
        s, e = block.span(start, start + len(word))
        return self.diagnostic(
            s,
            e,
            fix=fix,
            word=word,
            target=target,
            foreign=foreign,
            letters=letters,
        )


def _dominant(text: str) -> str:
    """The script of most of the paragraph's Latin, Cyrillic and Greek letters."""
    counts = {
        "Latin": _count(LATIN, text),
        "Cyrillic": _count(CYRILLIC, text),
        "Greek": _count(GREEK, text),
    }
    return max(counts, key=lambda k: counts[k])


def _judge(word: str, dominant: str) -> tuple[str, str, list[tuple[int, str]]] | None:
    """`(target script, foreign script, [(index, replacement)])` for a look-alike word."""
    latin = [i for i, c in enumerate(word) if LATIN.match(c)]
    cyr = [i for i, c in enumerate(word) if CYRILLIC.match(c)]
    grk = [i for i, c in enumerate(word) if GREEK.match(c)]
    if cyr and grk:
        return None  # three scripts in one word: too odd to guess
    foreign, other = ("Cyrillic", cyr) if cyr else ("Greek", grk)
    letters = [i for i, c in enumerate(word) if not unicodedata.category(c).startswith("M")]
    if len(latin) + len(other) != len(letters):
        return None  # letters of yet another script (Han, Arabic...)
    t = tables()
    to_latin_table = t["cyrillic_to_latin" if foreign == "Cyrillic" else "greek_to_latin"]
    to_foreign_table = t["latin_to_cyrillic" if foreign == "Cyrillic" else "latin_to_greek"]
    to_latin = all(word[i] in to_latin_table for i in other)
    to_foreign = all(word[i] in to_foreign_table for i in latin)
    n_lat, n_for = len(latin), len(other)
    if to_latin and (n_lat > n_for or (n_lat == n_for and dominant == "Latin")):
        return "Latin", foreign, [(i, to_latin_table[word[i]]) for i in other]
    tie_ok = n_lat == n_for and dominant == foreign and foreign == "Cyrillic"
    if to_foreign and (n_for > n_lat or tie_ok):
        return foreign, "Latin", [(i, to_foreign_table[word[i]]) for i in latin]
    return None
