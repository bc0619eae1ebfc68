"""The encoding family. Adding a rule: one new module here, one line in _RULES."""

from __future__ import annotations

from typing import TYPE_CHECKING

from copydesk.rules import lazy_rules

if TYPE_CHECKING:
    from copydesk.rule import Rule

    RULES: list[type[Rule]]

# The family's rules, in order, as (module, class): `RULES` imports them when first read.
_RULES = (
    ("mojibake", "Mojibake"),
    ("replacement_character", "ReplacementCharacter"),
    ("control_character", "ControlCharacter"),
    ("html_entity", "HtmlEntity"),
    ("invisible_in_word", "InvisibleCharacterInWord"),
    ("stray_bom", "StrayByteOrderMark"),
    ("mixed_script_word", "MixedScriptWord"),
)


__getattr__ = lazy_rules(__name__, _RULES)
