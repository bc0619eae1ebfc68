"""The translation family. Adding a rule: one new module here, one line in RULES."""

from __future__ import annotations

from copydesk.rule import Rule

RULES: list[type[Rule]] = []
