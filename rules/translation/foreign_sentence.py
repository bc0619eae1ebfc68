"""MT302 foreign-sentence: a sentence in another language inside an English document."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Severity
from copydesk.document import Block, Document, Sentence
from copydesk.rule import Example, Rule
from copydesk.rules.translation._foreign import (
    ASCII_FUNCTION_WORDS,
    FUNCTION_WORD,
    WORD,
    candidate_language,
    cased_function_words,
    english_function_words,
    has_english_word,
    language_probabilities,
    sentence_words,
)
from copydesk.rules.translation._lexicon import (
    Lexicon,
    blocks_with_lower_accented,
    char_class,
    document_lexicon,
    has_lower_accented,
    lexicon,
    occurrences,
)

WEAK_PROBABILITY = 0.99
ACCENTED = patterns.compile(r"[^\P{Ll}a-z]")
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
        # letter before its sentences are looked at (`screened_blocks`), and a sentence of such a
        # block needs what `candidate_language` needs (`_candidates`).
        blocks = screened_blocks(doc)
        if not blocks:
            return
        sentences = doc.sentences
        english_seen: list[bool] = []  # whether the document has an English sentence, once asked
        passages: list[list[tuple[int, str]]] = []
        for i in _candidates(doc, blocks, sentences):
            sentence = sentences[i]
            if not self._maybe_foreign(sentence.text):
                continue
            # A document with no English sentence is not an English document with a foreign
            # passage (its language was too short to tell, or mis-detected on a table of
            # names): asked before langdetect is, so that such a document never loads it.
            if not english_seen:
                english_seen.append(any(_english(s.text) for s in sentences))
            if not english_seen[0]:
                return
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
        for passage in passages:
            yield self._report(sentences[passage[0][0]], sentences[passage[-1][0]], passage[0][1])

    def _maybe_foreign(self, text: str) -> bool:
        """`_foreign`'s tests before langdetect: whether it would ask langdetect."""
        tokens = WORD.findall(text)
        if len(tokens) < self.settings["min_words"]:
            return False
        words = [w.lower() if i == 0 else w for i, w in enumerate(tokens) if i == 0 or w.islower()]
        if sum(map(len, words)) < 20:
            return False
        return candidate_language(words) is not None

    def _foreign(self, text: str) -> str | None:
        """The language of a sentence `_maybe_foreign` let through, or None."""
        screened = candidate_language(sentence_words(text))
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


def screened_blocks(doc: Document) -> list[Block]:
    """The blocks where `FUNCTION_WORD.search(text) or ACCENTED.search(text)` finds something,
    from the document's lexicon (one view of all blocks: a Markdown page has hundreds of short
    ones): the blocks with an accented lower-case letter, and those where the pattern matches
    at an occurrence of one of its ASCII words (in lower case, as `FUNCTION_WORD` has them).
    Its other words hold an accented letter."""
    blocks = doc.blocks
    lex = document_lexicon(doc)
    if len(blocks) == 1:  # (a plain-text file: the first sign decides)
        return list(blocks) if _block_screen(blocks[0].text, lex) else []
    hits = blocks_with_lower_accented(lex)
    starts = lex.starts
    for word in lex.meets(ASCII_FUNCTION_WORDS):
        for at in occurrences(lex, word):
            k = lex.block_at(at)
            # (The pattern, compiled on first use, only where a block needs it.)
            if k not in hits and FUNCTION_WORD.match(blocks[k].text, at - starts[k]):
                hits.add(k)
    return [blocks[k] for k in sorted(hits)]


def _block_screen(text: str, lex: Lexicon) -> bool:
    """`FUNCTION_WORD.search(text) or ACCENTED.search(text)` for one block, from its lexicon."""
    if has_lower_accented(lex):
        return True
    return any(
        FUNCTION_WORD.match(text, at)
        for word in lex.meets(ASCII_FUNCTION_WORDS)
        for at in occurrences(lex, word)
    )


def _candidates(doc: Document, blocks: list[Block], sentences: list[Sentence]) -> list[int]:
    """The indexes of the sentences of `blocks` that `candidate_language` may accept, in order.

    It accepts a sentence that has three function words of one language, or one function
    word or one accented lower-case word (a word with a non-ASCII letter or a ’) and no
    English function word. So a sentence is kept when it holds a function word in some
    casing, or a non-ASCII letter or ’; and of those, a sentence that cannot hold three
    function words (fewer than three ASCII ones and non-ASCII letters together) is dropped
    when it has an English function word of its own.
    """
    wanted = {id(b) for b in blocks}
    ranges: dict[int, tuple[int, list[int]]] = {}
    for i, s in enumerate(sentences):
        key = id(s.block)
        if key in wanted:
            if key not in ranges:
                ranges[key] = (i, [])
            ranges[key][1].append(s.start)
    cased = cased_function_words()
    out: list[int] = []
    for block in blocks:
        if id(block) not in ranges:
            continue
        first, starts = ranges[id(block)]
        lex = lexicon(doc, block)
        text = block.text
        function = [0] * len(starts)  # function words in some casing (an upper bound)
        letters = [0] * len(starts)  # non-ASCII letters
        kept = [False] * len(starts)
        for word in lex.meets(cased):
            for at in occurrences(lex, word):
                k = bisect.bisect_right(starts, at) - 1
                if k >= 0:
                    function[k] += 1
                    kept[k] = True
        # The non-ASCII characters that count, and whether each is a letter (most runs are
        # quotes and dashes, which do not).
        counted = {
            c: letter for c in lex.non_ascii_chars if (letter := char_class(c)[0]) or c == "’"
        }
        for a, b in lex.non_ascii if counted else ():
            for at in range(a, b):
                is_letter = counted.get(text[at])
                if is_letter is not None:
                    k = bisect.bisect_right(starts, at) - 1
                    if k >= 0:
                        kept[k] = True
                        letters[k] += is_letter
        n = len(text)
        for k, sentence in enumerate(sentences[first : first + len(starts)]):
            # A sentence that starts or ends inside a run of letters has a first or last word
            # that the block's words do not show: it is judged in full. (`_letter_at`, with
            # the usual case, a space or a line break, first.)
            a, b = sentence.start - 1, sentence.end
            cut = (a >= 0 and text[a] not in " \n" and _letter_at(text, a)) or (
                b < n and text[b] not in " \n" and _letter_at(text, b)
            )
            if not kept[k] and not cut:
                continue
            if not cut and function[k] + letters[k] < 3 and has_english_word(sentence.text):
                continue  # one or two function words at most, and an English one
            out.append(first + k)
    return out


def _letter_at(text: str, at: int) -> bool:
    if not 0 <= at < len(text):
        return False
    c = text[at]
    return c.isalpha() if c.isascii() else char_class(c)[0]  # an ASCII letter is A-Z, a-z


def _english(text: str) -> bool:
    words = [w.lower() for w in WORD.findall(text)]
    return len(words) >= 5 and english_function_words(words) >= 2
