"""The punctuation family. Adding a rule: one new module here, one line in RULES."""

from __future__ import annotations

from copydesk.rule import Rule
from copydesk.rules.punctuation.spaced_double_terminator import SpacedDoubleTerminator

RULES: list[type[Rule]] = [
    SpacedDoubleTerminator,
]
