"""The style family: an opt-in newsroom style pack (`--select ST`). Adding a rule: one new
module here, one line in _RULES."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from copydesk.rule import Rule

    RULES: list[type[Rule]]

# The family's rules, in order, as (module, class). `RULES` imports them when first read, not
# with the package: a run imports only the rule modules it chose (`copydesk.rule.load_rule`),
# and importing one of them (or a shared helper module) must not import all the others.
_RULES = (
    ("place_names", "StandardPlaceName"),
    ("quote_style", "MixedQuoteStyle"),
    ("dash_style", "MixedDashStyle"),
    ("small_numbers", "SmallNumberAsFigure"),
)


def __getattr__(name: str) -> Any:
    if name == "RULES":
        rules = [getattr(import_module(f"{__name__}.{module}"), cls) for module, cls in _RULES]
        globals()["RULES"] = rules
        return rules
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
