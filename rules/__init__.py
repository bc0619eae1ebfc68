"""The built-in rules, one family per sub-package, each listing its rules in `RULES`."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from copydesk.rule import Rule

FAMILY_PACKAGES = ("encoding", "boilerplate", "translation", "punctuation", "garbled", "style")


def builtin_rules() -> list[type[Rule]]:
    from copydesk.suppression import UnusedSuppression

    out: list[type[Rule]] = []
    for family in FAMILY_PACKAGES:
        module = import_module(f"copydesk.rules.{family}")
        out.extend(module.RULES)
    # The engine's own rule (ruff's RUF100): it lives beside the suppression parser it checks.
    out.append(UnusedSuppression)
    return out
