"""GS002 repeated-word."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import repeat

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Block, Document
from copydesk.joined import by_block
from copydesk.rule import Example, Rule
from copydesk.rules.garbled._lexicon import word_list
from copydesk.rules.garbled._words import Words, block_words, decode, joined_words

# A word (inner apostrophes and hyphens included: "you’ve", "pop-up") and, ahead, the same word
# again after white space, case-insensitively. Letters only, so "20 20" (a score, a table) is
# no repeat; "[^\W\d_]" is a letter. "Boutros Boutros-Ghali" is no repeat either.
PAIR = patterns.compile_re(
    r"(?<![\w'’-])([^\W\d_]+(?:['’-][^\W\d_]+)*)(?=(\s+)\1(?![\w'’-]))", re.IGNORECASE
)
# A whole word of PAIR.
LETTER_WORD = patterns.compile_re(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Characters that make a word part of a longer one on either side ("Boutros-Ghali", "nato/a",
# "it's"): then it is no repeat.
EDGE = frozenset("'’/-")
# What may stand between the two words: spaces, and at most one line break.
GAP = patterns.compile(r"[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?")
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
        Example(
            bad="If you’ve you’ve seen the pop-up pop-up ad",
            flagged="you’ve you’ve",
            fixed="If you’ve seen the pop-up ad",
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
        for block, pairs in _doc_pairs(doc):
            text = block.text
            last_end = -1
            for m in pairs:
                a0, a1 = m.span(1)
                b0 = a1 + len(m.group(2))
                b1 = b0 + (a1 - a0)
                if a0 < last_end or not self._repeat(text, a0, a1, b0, b1, legit):
                    continue
                word = text[b0:b1]
                edit = block.edit(a1, b1, "")
                fix = None
                if edit is not None:
                    make = Fix.safe if english and word.lower() in SAFE else Fix.unsafe
                    fix = make(f"Remove the second `{word}`", edit)
                yield self.block_diagnostic(block, a0, b1, fix=fix, word=word)
                last_end = b1  # "the the the": one finding, not two overlapping ones

    @staticmethod
    def _repeat(text: str, a0: int, a1: int, b0: int, b1: int, legit: frozenset[str]) -> bool:
        w1, w2 = text[a0:a1], text[b0:b1]
        lower = w1.lower()
        if lower in legit or w1.lower() != w2.lower():
            return False
        if text[a0 - 1 : a0] in EDGE or text[b1 : b1 + 1] in EDGE or text[b1 : b1 + 1].isalnum():
            return False  # part of a longer word: "Boutros Boutros-Ghali", "nato/a a", "it it's"
        if not GAP.fullmatch(text, a1, b0):
            return False  # a blank line between (another paragraph)
        if len(w1) == 1 and lower not in ("a", "i"):
            return False  # "x x", list letters
        if w1 == w2:
            return True  # names written twice on purpose ("Walla Walla") are in the list
        # "The the": a capitalised first copy at a sentence start; not "A a" in "vitamin A a day".
        return w1[0].isupper() and w1[1:] == w2[1:] and w2.islower() and _sentence_start(text, a0)


def _doc_pairs(doc: Document) -> Iterator[tuple[Block, Iterable[re.Match[str]]]]:
    """The blocks that may hold a pair, each with `_pairs`' matches in it (or a superset: the
    others are no pair of words equal in lower case, which `_repeat` turns down).

    `_pairs` done once over all the blocks joined (`joined_words`): the doubled words of the
    page, then the starts of those words in the joined text, each mapped to its block. A Markdown
    page has hundreds of small blocks; most have no doubled word.
    """
    joined = joined_words(doc)
    if joined is None or "İ" in joined.text or "Σ" in joined.text:
        for block in doc.blocks:
            yield block, _pairs(doc, block)
        return
    lower = joined.words
    starts = _starts(lower)
    if not starts:
        return
    blocks = joined.blocks
    # In the order of the blocks (the starts sorted).
    for k, local in by_block(joined.offsets, sorted(starts)).items():
        text = blocks[k].text
        yield blocks[k], [m for m in map(PAIR.match, repeat(text), local) if m is not None]


def _starts(lower: Words) -> set[int]:
    """Where the doubled words of `lower` (but those `_repeat` turns down in any text) occur in
    its lower-case text."""
    words = lower.words
    same = lower.equal(1)
    doubled = set()
    j = same.find(1)
    while j >= 0:
        doubled.add(words[j])
        j = same.find(1, j + 1)
    starts: set[int] = set()
    if not doubled:
        return starts
    legit = word_list("legit_doubles")
    text = lower.lower
    find = text.find
    for word in map(decode, doubled):
        if not LETTER_WORD.fullmatch(word):
            continue  # digits ("20 20"): no PAIR word
        if word in legit or (len(word) == 1 and word not in ("a", "i")):
            continue  # what `_repeat` turns down whatever the text around: spare the search
        # PAIR's first word is followed by white space (`str.isspace` is what `\s` matches):
        # a short word ("a", "in", "it") is found inside hundreds of other words, each of which
        # would cost a PAIR match.
        n = len(word)
        at = find(word)
        while at >= 0:
            if text[at + n : at + n + 1].isspace():
                starts.add(at)
            at = find(word, at + 1)
    return starts


def _pairs(doc: Document, block: Block) -> Iterator[re.Match[str]]:
    """PAIR's matches in the block, in order: at least all those whose two words are equal in
    lower case (no other match is reported).

    PAIR tries every word of the text, at about 70 ns a character. Instead, the block's words
    in lower case (`block_words`, shared with GS004, which splits the block anyway) show in C
    which words equal the next one; PAIR is then tried only where those words occur. That
    holds because `text.lower()` lower-cases character by character, keeping offsets and what
    is a letter, a digit, a space or an apostrophe (checked for every code point), so two
    words of a pair are two neighbouring words there too; except for "İ" (two characters in
    lower case) and "Σ" (a final sigma depends on the next character): there, the plain scan.
    """
    text = block.text
    if "İ" in text or "Σ" in text:
        yield from PAIR.finditer(text)
        return
    starts = _starts(block_words(doc, block))
    # A match at every start where PAIR matches is what `finditer` gives: its matches end at
    # the end of the first word, and no match starts inside a word (the look-behind).
    for at in sorted(starts):
        m = PAIR.match(text, at)
        if m is not None:
            yield m


def _sentence_start(text: str, i: int) -> bool:
    while i > 0 and text[i - 1] in " \t\u00a0\"'“‘(":
        i -= 1
    return i == 0 or text[i - 1] in ".!?\n"
