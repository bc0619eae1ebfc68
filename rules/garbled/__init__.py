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

Adding a rule: one new module here, one line in _RULES. Word lists live in `data/`, the shared
word-frequency loader in `_lexicon.py`, and the abbreviation tables in `copydesk.sentences`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from copydesk.rules import lazy_rules

if TYPE_CHECKING:
    from copydesk.rule import Rule

    RULES: list[type[Rule]]

# The family's rules, in order, as (module, class): `RULES` imports them when first read.
_RULES = (
    ("lowercase_sentence_start", "LowercaseSentenceStart"),
    ("repeated_word", "RepeatedWord"),
    ("glued_words", "GluedWords"),
    ("repeated_fragment", "RepeatedFragment"),
    ("repeated_sentence", "RepeatedSentence"),
    ("paragraph_ends_mid_sentence", "ParagraphEndsMidSentence"),
    ("verbless_fragment", "VerblessFragment"),
)

__getattr__ = lazy_rules(__name__, _RULES)
