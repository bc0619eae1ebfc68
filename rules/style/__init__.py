"""The style family: an opt-in newsroom style pack (`--select ST`). Adding a rule: one new
module here, one line in _RULES."""

from __future__ import annotations

from typing import TYPE_CHECKING

from copydesk.rules import lazy_rules

if TYPE_CHECKING:
    from copydesk.rule import Rule

    RULES: list[type[Rule]]

# The family's rules, in order, as (module, class): `RULES` imports them when first read.
_RULES = (
    ("place_names", "StandardPlaceName"),
    ("quote_style", "MixedQuoteStyle"),
    ("dash_style", "MixedDashStyle"),
    ("small_numbers", "SmallNumberAsFigure"),
)


__getattr__ = lazy_rules(__name__, _RULES)
