"""The translation family. Adding a rule: one new module here, one line in RULES."""

from __future__ import annotations

from copydesk.rule import Rule
from copydesk.rules.translation.acronym_variant import AcronymVariant
from copydesk.rules.translation.foreign_acronym import ForeignAcronym
from copydesk.rules.translation.foreign_script import ForeignScript
from copydesk.rules.translation.foreign_sentence import ForeignSentence
from copydesk.rules.translation.resumptive_pronoun import ResumptivePronoun

RULES: list[type[Rule]] = [
    AcronymVariant,
    ForeignAcronym,
    ResumptivePronoun,
    ForeignScript,
    ForeignSentence,
]
