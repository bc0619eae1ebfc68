"""The punctuation family (PU): marks and spaces left wrong by scraping, segmenting and MT.

Codes are grouped by what goes wrong; adding a rule is one new module here and one line in
RULES.

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

from copydesk.rule import Rule
from copydesk.rules.punctuation.doubled_punctuation import DoubledPunctuation
from copydesk.rules.punctuation.missing_space_after_sentence import MissingSpaceAfterSentence
from copydesk.rules.punctuation.mixed_punctuation import MixedPunctuation
from copydesk.rules.punctuation.multiple_spaces import MultipleSpaces
from copydesk.rules.punctuation.paragraph_starts_with_punctuation import (
    ParagraphStartsWithPunctuation,
)
from copydesk.rules.punctuation.punctuation_only_line import PunctuationOnlyLine
from copydesk.rules.punctuation.space_before_punctuation import SpaceBeforePunctuation
from copydesk.rules.punctuation.spaced_double_terminator import SpacedDoubleTerminator
from copydesk.rules.punctuation.split_quotation import SplitQuotation
from copydesk.rules.punctuation.unpaired_bracket import UnpairedBracket
from copydesk.rules.punctuation.unpaired_curly_quote import UnpairedCurlyQuote
from copydesk.rules.punctuation.unpaired_single_quote import UnpairedSingleQuote
from copydesk.rules.punctuation.unpaired_straight_quote import UnpairedStraightQuote

RULES: list[type[Rule]] = [
    SpacedDoubleTerminator,
    DoubledPunctuation,
    MixedPunctuation,
    SpaceBeforePunctuation,
    MissingSpaceAfterSentence,
    MultipleSpaces,
    UnpairedBracket,
    UnpairedCurlyQuote,
    UnpairedStraightQuote,
    UnpairedSingleQuote,
    SplitQuotation,
    ParagraphStartsWithPunctuation,
    PunctuationOnlyLine,
]
