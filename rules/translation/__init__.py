"""The translation family. Adding a rule: one new module here, one line in RULES."""

from __future__ import annotations

from copydesk.rule import Rule
from copydesk.rules.translation.acronym_variant import AcronymVariant
from copydesk.rules.translation.decimal_comma import DecimalComma
from copydesk.rules.translation.dotted_date import DottedDate
from copydesk.rules.translation.foreign_acronym import ForeignAcronym
from copydesk.rules.translation.foreign_phrase import ForeignPhrase
from copydesk.rules.translation.foreign_quotes import ForeignQuotes
from copydesk.rules.translation.foreign_script import ForeignScript
from copydesk.rules.translation.foreign_sentence import ForeignSentence
from copydesk.rules.translation.french_spacing import FrenchSpacing
from copydesk.rules.translation.fullwidth_punctuation import FullwidthPunctuation
from copydesk.rules.translation.inverted_punctuation import InvertedPunctuation
from copydesk.rules.translation.ordinal_indicator import OrdinalIndicator
from copydesk.rules.translation.resumptive_pronoun import ResumptivePronoun
from copydesk.rules.translation.thousands_dot import ThousandsDot

RULES: list[type[Rule]] = [
    AcronymVariant,
    ForeignAcronym,
    ResumptivePronoun,
    ForeignScript,
    ForeignSentence,
    ForeignPhrase,
    DecimalComma,
    ThousandsDot,
    DottedDate,
    OrdinalIndicator,
    ForeignQuotes,
    InvertedPunctuation,
    FrenchSpacing,
    FullwidthPunctuation,
]
