"""MT303 foreign-phrase: a few untranslated words inside an English sentence."""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import cache

import regex

from copydesk.diagnostics import Diagnostic, Severity
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.translation._foreign import FUNCTION_WORDS, WORD
from copydesk.rules.translation._words import word_set

# Three or more lower-case words separated by single spaces: no punctuation, no names.
RUN = regex.compile(r"(?<![\p{L}\p{N}'’-])\p{Ll}+(?: \p{Ll}+){2,}(?![\p{L}\p{N}'’-])")
LANGUAGES = {"es": "Spanish", "fr": "French", "de": "German", "it": "Italian", "pt": "Portuguese"}
MIN_WORDS = 3
# A content word leans to a language when it is common there (zipf 3: once per million words)
# and at least 1.5 zipf (a factor of 30) more common there than in English.
MIN_ZIPF = 3.0
MIN_MARGIN = 1.5


# wordfreq's "small" lists hold every word with a zipf of 3 or more, which is all a leaning
# word needs, and load in about 0.02 s per language (its default lists take 0.3 to 0.7 s).
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


@cache
def _lean(word: str, lang: str) -> int:
    """2 for a function word of `lang`, 1 for a word at least thirty times (1.5 zipf) more
    common in `lang` than in English and common there (zipf 3), 0 otherwise."""
    if word in FUNCTION_WORDS[lang]:
        return 2
    there = _zipf(word, lang)
    if there < MIN_ZIPF:
        return 0
    english = _zipf(word, "en") or ENGLISH_MISSING
    return int(there - english >= MIN_MARGIN)


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
    (wordfreq's word frequencies), with at least one such content word. A single word as
    common in English ("o", "da", "con") may sit between two that lean. Names are capitalized
    and never count; borrowed phrases English uses as they are ("que sera sera") are listed
    as exceptions. A sentence without English function words is left to MT302
    (foreign-sentence).

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
        borrowed = word_set("borrowed_phrases")
        english = word_set("english_function")
        for block in doc.blocks:
            found = list(self._windows(block.text, borrowed))
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

    def _windows(self, text: str, borrowed: frozenset[str]) -> Iterator[tuple[int, int, str]]:
        for m in RUN.finditer(text):
            words = m.group().split(" ")
            found = foreign_window(words)
            if found is None:
                continue
            i, j, lang = found
            if _borrowed(words[i:j], borrowed):
                continue
            a = m.start() + sum(len(w) + 1 for w in words[:i])
            yield a, a + len(" ".join(words[i:j])), lang
