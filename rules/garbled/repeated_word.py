"""GS002 repeated-word."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.garbled._lexicon import word_list

# A word: letters (any script), with inner apostrophes and hyphens ("Boutros-Ghali" is one word,
# so "Boutros Boutros-Ghali" is no repeat), not next to a slash ("nato/a a"). Digits are left
# out: "20 20" is a score or a table.
WORD = regex.compile(r"(?<![\w'’/-])\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*(?![\w'’/-])")
# What may stand between the two words: spaces, and at most one line break.
GAP = regex.compile(r"[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?")
# Removing the second word is always right for these: articles, and prepositions that never
# end a phrasal verb ("came in in the morning" is correct English, "the rest of of" is not).
SAFE = frozenset(
    "the a an of to for from with into onto upon among amongst during within without between "
    "against toward towards despite via".split()
)
# Languages whose grammar doubles words (Indonesian and Malay "biasa biasa", Tagalog,
# Vietnamese): the rule runs for the others, and when the language is undecided.
LANGUAGES = frozenset(
    "en de fr es it pt nl ru uk pl cs sk sl hr sr bg ro hu fi et lv lt sv da no nb nn is ga cy "
    "ca eu gl el tr".split()
)


class RepeatedWord(Rule):
    """## What it does
    Finds a word written twice in a row, like `the the`, also when a line break separates
    the two. Correct doubles are allowed: `had had`, `that that`, `is is`, `her her`,
    `bye bye`, `Walla Walla`, and German `die die`, French `vous vous`.

    ## Why is this bad?
    Doubled words come from editing slips, segment joins and machine translation, and the
    eye skips over them, especially across a line break.

    ## Example
    ```text
    They agreed to the the ceasefire.
    ```

    ## Use instead
    ```text
    They agreed to the ceasefire.
    ```

    ## Fix safety
    Safe when the word is an article or a preposition that cannot end a phrasal verb (`the`,
    `a`, `an`, `of`, `to`, `for`, `from`, `with`, ...) in English text: such a double is never
    right. Unsafe otherwise, as a few doubles are correct in context ("he came in in the
    morning", "what it does does matter").
    """

    code = "GS002"
    name = "repeated-word"
    message = "Repeated word `{word}`"
    languages = LANGUAGES
    fix_availability = "always"
    examples = (
        Example(
            bad="They agreed to the the ceasefire.",
            flagged="the the",
            fixed="They agreed to the ceasefire.",
        ),
        Example(bad="The the talks resumed.", flagged="The the", fixed="The talks resumed."),
        Example(
            bad="the rest of\nof the region",
            flagged="of\nof",
            fixed="the rest of the region",
        ),
        Example(
            bad="Armenia said said that it would leave.",
            flagged="said said",
            fixed="Armenia said that it would leave.",
            unsafe=True,
        ),
        Example(
            bad="He came in in the morning.",
            flagged="in in",
            fixed="He came in the morning.",
            unsafe=True,
        ),
        Example(good="He had had enough, and he said that that was final."),
        Example(good="What it is is a ceasefire. She gave her her book."),
        Example(good="They flew to Walla Walla and then Bora Bora."),
        Example(good="Boutros Boutros-Ghali spoke. No, no, no."),
        Example(good="The score was 20 20 at half time."),
        Example(good="Sie sagte, dass das das Beste sei."),
        Example(good="Il/la sottoscritto/a nato/a a Roma.", language="it"),
        Example(good="Mereka biasa biasa saja.", language="id"),
        Example(good="She loves the Goo Goo Dolls."),
        Example(good="the end.\n\nThe next paragraph"),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        english = doc.language in (None, "en")
        legit = word_list("legit_doubles")
        for block in doc.blocks:
            text = block.text
            prev: regex.Match[str] | None = None
            for m in WORD.finditer(text):
                if prev is not None and self._repeat(text, prev, m, legit):
                    word = m.group()
                    lower = word.lower()
                    edit = block.edit(prev.end(), m.end(), "")
                    fix = None
                    if edit is not None:
                        safe = english and lower in SAFE
                        make = Fix.safe if safe else Fix.unsafe
                        fix = make(f"Remove the second `{word}`", edit)
                    yield self.block_diagnostic(block, prev.start(), m.end(), fix=fix, word=word)
                    prev = None  # "the the the": one finding per pair, not overlapping ones
                    continue
                prev = m

    @staticmethod
    def _repeat(text: str, a: regex.Match[str], b: regex.Match[str], legit: frozenset[str]) -> bool:
        w1, w2 = a.group(), b.group()
        lower = w1.lower()
        if lower != w2.lower() or lower in legit:
            return False
        if not GAP.fullmatch(text, a.end(), b.start()):
            return False  # punctuation between: "No, no" or "end. End"
        if len(w1) == 1 and lower not in ("a", "i"):
            return False  # "x x", list letters
        if w1 == w2:
            return True  # names written twice on purpose ("Walla Walla") are in the list
        # "The the": a capitalised first copy at a sentence start; not "A a" in "vitamin A a day".
        return w1[0].isupper() and w1[1:] == w2[1:] and w2.islower() and _sentence_start(text, a)


def _sentence_start(text: str, m: regex.Match[str]) -> bool:
    i = m.start()
    while i > 0 and text[i - 1] in " \t\u00a0\"'“‘(":
        i -= 1
    return i == 0 or text[i - 1] in ".!?\n"
