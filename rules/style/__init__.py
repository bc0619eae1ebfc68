"""The style family: an opt-in newsroom style pack (`--select ST`). Adding a rule: one new
module here, one line in RULES."""

from __future__ import annotations

from copydesk.rule import Rule
from copydesk.rules.style.dash_style import MixedDashStyle
from copydesk.rules.style.place_names import StandardPlaceName
from copydesk.rules.style.quote_style import MixedQuoteStyle
from copydesk.rules.style.small_numbers import SmallNumberAsFigure

RULES: list[type[Rule]] = [
    StandardPlaceName,
    MixedQuoteStyle,
    MixedDashStyle,
    SmallNumberAsFigure,
]
