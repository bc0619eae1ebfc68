"""MT302 foreign-sentence: a sentence in another language inside an English document."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import regex

from copydesk.diagnostics import Diagnostic, Severity
from copydesk.document import Document, Sentence
from copydesk.rule import Example, Rule
from copydesk.rules.translation._foreign import (
    FUNCTION_WORD,
    WORD,
    candidate_language,
    english_function_words,
    language_probabilities,
    sentence_words,
)

WEAK_PROBABILITY = 0.99
ACCENTED = regex.compile(r"[^\P{Ll}a-z]")
LANGUAGES = {"es": "Spanish", "fr": "French", "de": "German", "it": "Italian", "pt": "Portuguese"}


class ForeignSentence(Rule):
    """## What it does
    Finds sentences in Spanish, French, German, Italian or Portuguese inside an English
    document: a passage the translation skipped. Consecutive foreign sentences are reported as
    one passage.

    A sentence is a candidate only when it is long enough to judge (at least `min_words`
    words) and its words point away from English: a fifth of them are function words of one
    of those languages (el, los, que, der, und, les, des, della...) with few English ones, or
    it has one such word or an accented lower-case word, and no English function word at all.
    Only then is langdetect asked, seeded so it answers the same every run, on at most 1,000
    characters; it must name one of the five languages with a probability of at least
    `min_probability` (0.99 for the weaker candidates). Names with particles ("Juan de la
    Cruz", "von der Leyen") and borrowed phrases ("joie de vivre") are too short or too
    English to pass.

    ## Why is this bad?
    An untranslated sentence is a hole in the article for its English readers; machine
    translation pipelines leave them when a segment fails or is marked "do not translate".

    ## Example
    ```text
    The talks ended and the delegates went home. El ministro dijo que las negociaciones
    continuarán la próxima semana.
    ```

    ## Use instead
    ```text
    The talks ended and the delegates went home. The minister said the negotiations will
    continue next week.
    ```

    ## Fix safety
    No fix: the passage needs translating.
    """

    code = "MT302"
    name = "foreign-sentence"
    message = "Untranslated {language} text: `{text}`"
    severity = Severity.WARNING
    languages = frozenset({"en"})
    options: ClassVar[Mapping[str, Any]] = {"min_words": 5, "min_probability": 0.95}
    examples = (
        Example(
            bad=(
                "The talks ended and the delegates went home. El ministro dijo que las "
                "negociaciones continuarán "
                "la próxima semana. Both sides left Geneva."
            ),
            flagged="El ministro dijo que las negociaciones continuarán la próxima semana.",
            language="en",
        ),
        Example(
            bad=(
                "The vote was close and the result was clear. Le gouvernement a annoncé des "
                "mesures pour les "
                "agriculteurs et les éleveurs."
            ),
            flagged=(
                "Le gouvernement a annoncé des mesures pour les agriculteurs et les éleveurs."
            ),
            language="en",
        ),
        Example(
            bad=(
                "The officials met in Berlin with their staff. Die Regierung hat die Pläne für "
                "das neue Gesetz "
                "noch nicht vorgestellt. A decision is due."
            ),
            flagged="Die Regierung hat die Pläne für das neue Gesetz noch nicht vorgestellt.",
            language="en",
        ),
        Example(
            bad=(
                "Il governo ha detto che la riforma è stata approvata. Gli elettori della "
                "regione sono contrari. The opposition disagreed and called for a new vote "
                "on the reform in the spring."
            ),
            flagged=(
                "Il governo ha detto che la riforma è stata approvata. Gli elettori della "
                "regione sono contrari."
            ),
            language="en",
        ),
        Example(good="Ursula von der Leyen met Juan de la Cruz and the mayor of Los Angeles."),
        Example(good="She has a certain joie de vivre, and the dish was the pièce de résistance."),
        Example(good="The motto of the state is “Liberté, égalité, fraternité”, he said."),
        Example(good="¡No pasarán! they shouted in the street."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        # Cheap screen first: a block needs a foreign function word or an accented lower-case
        # letter before its sentences are looked at.
        blocks = {
            id(b) for b in doc.blocks if FUNCTION_WORD.search(b.text) or ACCENTED.search(b.text)
        }
        if not blocks:
            return
        sentences = doc.sentences
        passages: list[list[tuple[int, str]]] = []
        for i, sentence in enumerate(sentences):
            if id(sentence.block) not in blocks:
                continue
            lang = self._foreign(sentence.text)
            if not lang:
                continue
            last = passages[-1][-1] if passages else None
            # Consecutive foreign sentences of one block and one language are one passage.
            if (
                last is not None
                and last[0] == i - 1
                and sentences[last[0]].block is sentence.block
                and last[1] == lang
            ):
                passages[-1].append((i, lang))
            else:
                passages.append([(i, lang)])
        # A document with no English sentence is not an English document with a foreign
        # passage (its language was too short to tell, or mis-detected on a table of names).
        if not passages or not any(_english(s.text) for s in sentences):
            return
        for passage in passages:
            yield self._report(sentences[passage[0][0]], sentences[passage[-1][0]], passage[0][1])

    def _foreign(self, text: str) -> str | None:
        if len(WORD.findall(text)) < self.settings["min_words"]:
            return None
        words = sentence_words(text)
        if sum(map(len, words)) < 20:
            return None
        screened = candidate_language(words)
        if screened is None:
            return None
        probs = language_probabilities(text)
        if not probs or probs[0][0] not in LANGUAGES:
            return None
        # A weak screen (two function words, or one and an accent) needs langdetect surer.
        needed = self.settings["min_probability"]
        if not screened[1]:
            needed = max(needed, WEAK_PROBABILITY)
        return probs[0][0] if probs[0][1] >= needed else None

    def _report(self, first: Sentence, last: Sentence, lang: str) -> Diagnostic:
        text = first.block.text[first.start : last.end]
        shown = text if len(text) <= 60 else text[:59] + "…"
        return self.block_diagnostic(
            first.block, first.start, last.end, language=LANGUAGES[lang], text=shown
        )


def _english(text: str) -> bool:
    words = [w.lower() for w in WORD.findall(text)]
    return len(words) >= 5 and english_function_words(words) >= 2
