"""MT302 foreign-sentence: a sentence in another language inside an English document."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from copydesk.diagnostics import Diagnostic, Severity
from copydesk.document import Document, Sentence
from copydesk.rule import Example, Rule
from copydesk.rules.translation._foreign import (
    WORD,
    english_function_words,
    function_word_counts,
    language_probabilities,
)

LANGUAGES = {"es": "Spanish", "fr": "French", "de": "German", "it": "Italian", "pt": "Portuguese"}


class ForeignSentence(Rule):
    """## What it does
    Finds sentences in Spanish, French, German, Italian or Portuguese inside an English
    document: a passage the translation skipped. Consecutive foreign sentences are reported as
    one passage.

    A sentence is a candidate only when it is long enough to judge (at least
    `min_words` words) and a fifth of its words are function words of one of those languages
    (el, los, que, der, und, les, des, della...) with few English ones. langdetect, seeded so it
    answers the same every run, then has to agree on the language with a probability of at
    least `min_probability`. Names with particles ("Juan de la Cruz", "von der Leyen") and
    borrowed phrases ("joie de vivre") are too short or too English to pass.

    ## Why is this bad?
    An untranslated sentence is a hole in the article for its English readers; machine
    translation pipelines leave them when a segment fails or is marked "do not translate".

    ## Example
    ```text
    The talks ended on Monday. El ministro dijo que las negociaciones continuarán la
    próxima semana. Both sides left Geneva.
    ```

    ## Use instead
    ```text
    The talks ended on Monday. The minister said the negotiations will continue next week.
    Both sides left Geneva.
    ```

    ## Fix safety
    No fix: the passage needs translating.
    """

    code = "MT302"
    name = "foreign-sentence"
    message = "Untranslated {language} text: `{text}`"
    severity = Severity.WARNING
    languages = frozenset({"en"})
    options: ClassVar[Mapping[str, Any]] = {"min_words": 5, "min_probability": 0.9}
    examples = (
        Example(
            bad=(
                "The talks ended on Monday. El ministro dijo que las negociaciones continuarán "
                "la próxima semana. Both sides left Geneva."
            ),
            flagged="El ministro dijo que las negociaciones continuarán la próxima semana.",
            language="en",
        ),
        Example(
            bad=(
                "The vote was close. Le gouvernement a annoncé des mesures pour les "
                "agriculteurs et les éleveurs."
            ),
            flagged=(
                "Le gouvernement a annoncé des mesures pour les agriculteurs et les éleveurs."
            ),
            language="en",
        ),
        Example(
            bad=(
                "Officials met in Berlin. Die Regierung hat die Pläne für das neue Gesetz "
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
        passages: list[list[tuple[Sentence, str]]] = []
        for sentence in doc.sentences:
            lang = self._foreign(sentence.text)
            if not lang:
                continue
            last = passages[-1][-1] if passages else None
            # Consecutive foreign sentences of one block and one language are one passage.
            if (
                last is not None
                and last[0].block is sentence.block
                and last[1] == lang
                and _next_to(doc, last[0], sentence)
            ):
                passages[-1].append((sentence, lang))
            else:
                passages.append([(sentence, lang)])
        # A document that is foreign throughout is not an English document with a foreign
        # passage (its language was too short to tell, or mis-detected).
        if sum(len(p) for p in passages) == len(doc.sentences):
            return
        for passage in passages:
            yield self._report(passage)

    def _foreign(self, text: str) -> str | None:
        words = [w.lower() for w in WORD.findall(text)]
        if len(words) < self.settings["min_words"] or sum(map(len, words)) < 25:
            return None
        counts = function_word_counts(words)
        lang = max(counts, key=lambda k: counts[k])
        hits = counts[lang]
        if hits < 3 or hits < 0.2 * len(words) or english_function_words(words) * 2 > hits:
            return None
        probs = language_probabilities(text)
        if not probs or probs[0][0] != lang or probs[0][1] < self.settings["min_probability"]:
            return None
        return lang

    def _report(self, passage: list[tuple[Sentence, str]]) -> Diagnostic:
        first, lang = passage[0]
        last = passage[-1][0]
        text = first.block.text[first.start : last.end]
        shown = text if len(text) <= 60 else text[:59] + "…"
        return self.block_diagnostic(
            first.block, first.start, last.end, language=LANGUAGES[lang], text=shown
        )


def _next_to(doc: Document, a: Sentence, b: Sentence) -> bool:
    """`b` is the sentence right after `a`."""
    i = doc.sentences.index(a)
    return i + 1 < len(doc.sentences) and doc.sentences[i + 1] is b
