"""MT303 foreign-phrase: a few untranslated words inside an English sentence."""

from __future__ import annotations

import math
from collections.abc import Container, Iterator
from functools import cache

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Severity
from copydesk.document import Block, Document
from copydesk.rule import Example, Rule
from copydesk.rules.translation._foreign import FUNCTION_WORDS, WORD
from copydesk.rules.translation._leaning import leans, screen_lookup
from copydesk.rules.translation._lexicon import (
    char_class,
    document_lexicon,
)
from copydesk.rules.translation._words import word_set

# Three or more lower-case words separated by single spaces: no punctuation, no names.
RUN = patterns.compile(r"(?<![\p{L}\p{N}'’-])\p{Ll}+(?: \p{Ll}+){2,}(?![\p{L}\p{N}'’-])")
LANGUAGES = {"es": "Spanish", "fr": "French", "de": "German", "it": "Italian", "pt": "Portuguese"}
MIN_WORDS = 3
# A content word leans to a language when it is common there (zipf 3: once per million words)
# and at least 1.5 zipf (a factor of 30) more common there than in English.
MIN_ZIPF = 3.0
MIN_MARGIN = 1.5


# wordfreq's "small" lists hold every word with a zipf of 3 or more, which is all a leaning
# word needs. They are read only to build data/leaning_words.txt (`_leaning`), which holds the
# leaning words of each language: loading that takes about 0.02 s, the lists (and wordfreq's
# import) about 0.15 s.
WORDLIST = "small"
# A word missing from the small English list is rarer than zipf 3 in English; counting it as
# 1.5 keeps "aquisição" (pt 4.2) leaning and a rare English word common elsewhere not.
ENGLISH_MISSING = 1.5


@cache
def _frequencies(lang: str) -> dict[str, float]:
    import wordfreq

    return dict(wordfreq.get_frequency_dict(lang, wordlist=WORDLIST))


def _zipf(word: str, lang: str) -> float:
    """Zipf frequency of a lower-case word: a dictionary look-up, not wordfreq's tokenizing
    `zipf_frequency`, which costs 30 µs a call."""
    f = _frequencies(lang).get(word)
    return math.log10(f) + 9.0 if f else 0.0


def lean_by_frequency(word: str, lang: str) -> int:
    """2 for a function word of `lang`, 1 for a word at least thirty times (1.5 zipf) more
    common in `lang` than in English and common there (zipf 3), 0 otherwise: the definition,
    from wordfreq, that data/leaning_words.txt is built from."""
    if word in FUNCTION_WORDS[lang]:
        return 2
    there = _zipf(word, lang)
    if there < MIN_ZIPF:
        return 0
    english = _zipf(word, "en") or ENGLISH_MISSING
    return int(there - english >= MIN_MARGIN)


@cache
def _lean(word: str, lang: str) -> int:
    """`lean_by_frequency`, from the table built from it."""
    if word in FUNCTION_WORDS[lang]:
        return 2
    return int(leans(word, lang))


def foreign_window(words: list[str]) -> tuple[int, int, str] | None:
    """The longest stretch `[i, j)` of `words` that reads as one foreign language: three or
    more words that lean to it (see `_lean`), at least one a content word; a single word as
    common in English ("o", "da", "con") may sit between two that lean."""
    best: tuple[int, int, str] | None = None
    for lang in FUNCTION_WORDS:
        leans = [_lean(w, lang) for w in words]
        start = 0
        while start < len(words):
            if not leans[start]:
                start += 1
                continue
            end = start
            while end < len(words) and (
                leans[end] or (end + 1 < len(words) and leans[end + 1] and leans[end - 1])
            ):
                end += 1
            kinds = [k for k in leans[start:end] if k]
            enough = 1 in kinds
            longer = best is None or end - start > best[1] - best[0]
            if len(kinds) >= MIN_WORDS and enough and longer:
                best = (start, end, lang)
            start = end + 1
    return best


def _borrowed(words: list[str], borrowed: frozenset[str]) -> bool:
    """The stretch holds a phrase English borrows as it is ("joie de vivre", "status quo")."""
    for i in range(len(words)):
        for j in range(i + 2, min(len(words), i + 6) + 1):
            if "_".join(words[i:j]) in borrowed:
                return True
    return False


class ForeignPhrase(Rule):
    """## What it does
    Finds a few untranslated words inside an English sentence: "the minister of defensa
    nacional de la república said", "talks on the acuerdo de paz con los rebeldes".

    A stretch of three or more lower-case words counts when each leans to one language
    (Spanish, French, German, Italian, Portuguese): a function word of that language, or a
    word at least thirty times more common in that language than in English and common there
    (wordfreq's word frequencies, tabled in `data/leaning_words.txt`), with at least one such
    content word. A single word as common in English ("o", "da", "con") may sit between two
    that lean. Names are capitalized and never count; borrowed phrases English uses as they
    are ("que sera sera") are listed as exceptions. A sentence without English function words
    is left to MT302 (foreign-sentence).

    ## Why is this bad?
    Machine translation leaves words it did not recognise (terms, names of institutions,
    idioms) in the source language, and readers cannot follow them.

    ## Example
    ```text
    He met the leaders of the acuerdo de paz con los rebeldes in Havana.
    ```

    ## Use instead
    ```text
    He met the leaders of the peace agreement with the rebels in Havana.
    ```

    ## Fix safety
    No fix: the phrase needs translating.
    """

    code = "MT303"
    name = "foreign-phrase"
    message = "Untranslated {language} phrase `{text}`"
    severity = Severity.WARNING
    languages = frozenset({"en"})
    examples = (
        Example(
            bad="He met the leaders of the acuerdo de paz con los rebeldes in Havana.",
            flagged="acuerdo de paz con los rebeldes",
        ),
        Example(
            bad="The ministry said that the réforme des retraites was needed for the budget.",
            flagged="réforme des retraites",
        ),
        Example(
            bad="It was the first time that the regierung und der bundestag had agreed.",
            flagged="regierung und der bundestag",
        ),
        Example(good="She has a certain joie de vivre and the dish was the pièce de résistance."),
        Example(good="Juan de la Cruz met Ursula von der Leyen and the mayor of Los Angeles."),
        Example(good="He sang que sera sera to the crowd at the end of the night."),
        Example(good="It was a quid pro quo and the status quo held, as a matter of fact."),
        Example(good="The prices of the items were low, and it was a great sale for the shop."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        english = word_set("english_function")
        blocks = doc.blocks
        for k, lines in document_candidate_lines(doc).items():
            # Runs are looked at only on the lines that may hold a foreign stretch (see
            # `document_candidate_lines`); the word lists are loaded only for those.
            block = blocks[k]
            found = [w for a, b in lines for w in self._windows(block, a, b)]
            if not found:
                continue  # sentences are split only for blocks with a foreign stretch
            sentences = [s for s in doc.sentences if s.block is block]
            for a, b, lang in found:
                sentence = next((s for s in sentences if s.start <= a < s.end), None)
                if sentence is None:
                    continue
                words = [w.lower() for w in WORD.findall(sentence.text)]
                if sum(1 for w in words if w in english) < 2:
                    continue  # not an English sentence: MT302's to judge
                yield self.block_diagnostic(
                    block, a, b, language=LANGUAGES[lang], text=block.text[a:b]
                )

    def _windows(self, block: Block, start: int, end: int) -> Iterator[tuple[int, int, str]]:
        """The foreign stretches of the runs of `block.text[start:end]` (whole lines)."""
        borrowed = word_set("borrowed_phrases")
        text = block.text
        for m in RUN.finditer(text, start, end):
            words = m.group().split(" ")
            found = foreign_window(words)
            if found is None:
                continue
            i, j, lang = found
            if _borrowed(words[i:j], borrowed):
                continue
            a = m.start() + sum(len(w) + 1 for w in words[:i])
            yield a, a + len(" ".join(words[i:j])), lang


# -- where a foreign stretch can be ----------------------------------------------------------
#
# `foreign_window` needs three words that lean to one language, each at most two words from
# the next (a gap of one word is allowed). The second of them is then inside its run, with a
# space on each side, and has a leaning word one or two words before it and one or two words
# after it. So a line can hold a foreign stretch only when some word of it with a space on each
# side is in the table of leaning words (`_leaning`), and so is a word (or, for a word at the
# edge of a run, the lower-case letters of it) among the two before it and among the two after
# it. Those lines are found from the words of the block (`_lexicon`) without a pattern over
# the text; the runs of every other line are left alone: they hold no foreign stretch.

_LOWER_PIECE = patterns.compile(r"\p{Ll}+")


def document_candidate_lines(doc: Document) -> dict[int, list[tuple[int, int]]]:
    """The lines of every block that may hold a foreign stretch, as sorted `(start, end)` of
    its text, by block index (in order; only blocks with some), found from the words of all
    blocks at once (`document_lexicon`: a Markdown page has hundreds of short blocks). The
    joined text puts a newline between blocks, so a word at a block's edge has no space on
    that side there either, and the spaces around a run are looked for in its block."""
    lex = document_lexicon(doc)
    met, leaning = screen_lookup(lex)
    text = lex.text
    starts = lex.starts
    blocks = doc.blocks
    middles: dict[int, set[int]] = {}
    for word in met:
        # (Where the word stands between two spaces: found as such, not at each of its
        # occurrences as a run of letters. Every word of `met` is ASCII letters.)
        needle = f" {word.decode('ascii')} "
        at = text.find(needle)
        while at >= 0:
            k = lex.block_at(at + 1)
            middles.setdefault(k, set()).add(at + 1 - starts[k])
            at = text.find(needle, at + 1)
    lower = frozenset(c for c in lex.non_ascii_chars if char_class(c)[1])
    for a, b in lex.non_ascii if lower else ():
        if not (text[a] in lower if b - a == 1 else all(c in lower for c in text[a:b])):
            continue
        k = lex.block_at(a)
        first = starts[k]
        space = text.rfind(" ", first, a)
        end = text.find(" ", b, first + len(blocks[k].text))
        if space >= 0 and end >= 0 and text[space + 1 : end].encode() in leaning:
            middles.setdefault(k, set()).add(space + 1 - first)
    out = {}
    for k in sorted(middles):
        lines = _lines_of(blocks[k].text, middles[k], leaning)
        if lines:
            out[k] = lines
    return out


def _lines_of(text: str, middles: set[int], leaning: Container[bytes]) -> list[tuple[int, int]]:
    """The lines of `text` with a middle word (a start in `middles`) that has leaning words
    around it."""
    lines: list[tuple[int, int]] = []
    for at in sorted(middles):
        if lines and at < lines[-1][1]:
            continue  # its line is in already
        if _leaning_around(text, at, leaning):
            end = text.find("\n", at)
            lines.append((text.rfind("\n", 0, at) + 1, end if end >= 0 else len(text)))
    return lines


def _leaning_around(text: str, at: int, leaning: Container[bytes]) -> bool:
    """Whether one of the two space-separated words before the word at `at` and one of the
    two after it may lean (its lower-case letters are in `leaning`)."""
    end = text.find(" ", at)
    before = text.rfind(" ", 0, at - 1)
    prev1 = text[before + 1 : at - 1]
    before2 = text.rfind(" ", 0, before) if before > 0 else -1
    prev2 = text[before2 + 1 : before] if before > 0 else ""
    after = text.find(" ", end + 1)
    next1 = text[end + 1 : after if after >= 0 else len(text)]
    next2 = ""
    if after >= 0:
        after2 = text.find(" ", after + 1)
        next2 = text[after + 1 : after2 if after2 >= 0 else len(text)]
    return (_may_lean(prev1, leaning) or _may_lean(prev2, leaning)) and (
        _may_lean(next1, leaning) or _may_lean(next2, leaning)
    )


def _may_lean(token: str, leaning: Container[bytes]) -> bool:
    return any(p.encode() in leaning for p in _LOWER_PIECE.findall(token))
