"""ST101 standard-place-name: a built-in substitution rule written as data.

The rule is data/place_names.toml, in the declarative rule format users write their own rules
in (copydesk.declarative); this module only loads it, under a stable importable name.
"""

from __future__ import annotations

from pathlib import Path

from copydesk.declarative import builtin_rule

StandardPlaceName = builtin_rule(
    Path(__file__).with_name("data") / "place_names.toml",
    module=__name__,
    qualname="StandardPlaceName",
    origin="rules/style/data/place_names.toml",
)
