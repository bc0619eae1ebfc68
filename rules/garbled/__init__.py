"""The garbled-sentence family (GS): damage to the words and sentences themselves.

Scraping, segment joining and machine translation break sentences in a few typical ways; each
way is its own rule, so each can be selected, ignored and measured on its own.

Code scheme:

- `GS0xx`, inside a sentence (word level): a stray period before a lower-case word (GS001),
  a repeated word (GS002), two words glued together (GS003), a fragment repeated four or more
  times in a row (GS004).
- `GS1xx`, across sentences and paragraphs: a sentence repeated verbatim (GS101), a paragraph
  that stops in mid-sentence (GS102), a verbless fragment after a full sentence (GS103,
  opt-in). A paragraph repeated verbatim is BP105 (duplicate-paragraph) in the boilerplate
  family, so GS101 leaves whole repeated paragraphs to it.

Adding a rule: one new module here, one line in RULES. Word lists live in `data/`, the shared
word-frequency loader in `_lexicon.py`, and the abbreviation tables in `copydesk.sentences`.
"""

from __future__ import annotations

from copydesk.rule import Rule
from copydesk.rules.garbled.glued_words import GluedWords
from copydesk.rules.garbled.lowercase_sentence_start import LowercaseSentenceStart
from copydesk.rules.garbled.paragraph_ends_mid_sentence import ParagraphEndsMidSentence
from copydesk.rules.garbled.repeated_fragment import RepeatedFragment
from copydesk.rules.garbled.repeated_sentence import RepeatedSentence
from copydesk.rules.garbled.repeated_word import RepeatedWord
from copydesk.rules.garbled.verbless_fragment import VerblessFragment

RULES: list[type[Rule]] = [
    LowercaseSentenceStart,
    RepeatedWord,
    GluedWords,
    RepeatedFragment,
    RepeatedSentence,
    ParagraphEndsMidSentence,
    VerblessFragment,
]
