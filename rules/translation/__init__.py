"""The translation family. Adding a rule: one new module here, one line in _RULES."""

from __future__ import annotations

from typing import TYPE_CHECKING

from copydesk.rules import lazy_rules

if TYPE_CHECKING:
    from copydesk.rule import Rule

    RULES: list[type[Rule]]

# The family's rules, in order, as (module, class): `RULES` imports them when first read.
_RULES = (
    ("acronym_variant", "AcronymVariant"),
    ("foreign_acronym", "ForeignAcronym"),
    ("resumptive_pronoun", "ResumptivePronoun"),
    ("foreign_script", "ForeignScript"),
    ("foreign_sentence", "ForeignSentence"),
    ("foreign_phrase", "ForeignPhrase"),
    ("decimal_comma", "DecimalComma"),
    ("thousands_dot", "ThousandsDot"),
    ("dotted_date", "DottedDate"),
    ("ordinal_indicator", "OrdinalIndicator"),
    ("foreign_quotes", "ForeignQuotes"),
    ("inverted_punctuation", "InvertedPunctuation"),
    ("french_spacing", "FrenchSpacing"),
    ("fullwidth_punctuation", "FullwidthPunctuation"),
)


__getattr__ = lazy_rules(__name__, _RULES)
