"""The punctuation family (PU): marks and spaces left wrong by scraping, segmenting and MT.

Codes are grouped by what goes wrong; adding a rule is one new module here and one line in
_RULES.

- PU1xx doubled marks: PU101 spaced-double-terminator (`. .`), PU102 doubled-punctuation
  (`..`, `,,`), PU103 mixed-punctuation-pair (`,.`, `.,`, `;.`).
- PU2xx spacing: PU201 space-before-punctuation (`word ,`), PU202
  missing-space-after-sentence (`killed.The`), PU203 multiple-spaces.
- PU3xx quotes and brackets, paired within a paragraph: PU301 unpaired-bracket, PU302
  unpaired-curly-quote, PU303 unpaired-straight-quote, PU304 unpaired-single-quote, PU305
  split-quotation (`activities”. ” had`).
- PU4xx paragraph and line structure: PU401 paragraph-starts-with-punctuation, PU402
  punctuation-only-line.

Shared helpers live in the underscore modules: `_common` (prose blocks, abbreviations),
`_pairs` (the quote and bracket scans, computed once per document), `_lines`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from copydesk.rules import lazy_rules

if TYPE_CHECKING:
    from copydesk.rule import Rule

    RULES: list[type[Rule]]

# The family's rules, in order, as (module, class): `RULES` imports them when first read.
_RULES = (
    ("spaced_double_terminator", "SpacedDoubleTerminator"),
    ("doubled_punctuation", "DoubledPunctuation"),
    ("mixed_punctuation", "MixedPunctuation"),
    ("space_before_punctuation", "SpaceBeforePunctuation"),
    ("missing_space_after_sentence", "MissingSpaceAfterSentence"),
    ("multiple_spaces", "MultipleSpaces"),
    ("unpaired_bracket", "UnpairedBracket"),
    ("unpaired_curly_quote", "UnpairedCurlyQuote"),
    ("unpaired_straight_quote", "UnpairedStraightQuote"),
    ("unpaired_single_quote", "UnpairedSingleQuote"),
    ("split_quotation", "SplitQuotation"),
    ("paragraph_starts_with_punctuation", "ParagraphStartsWithPunctuation"),
    ("punctuation_only_line", "PunctuationOnlyLine"),
)


__getattr__ = lazy_rules(__name__, _RULES)
