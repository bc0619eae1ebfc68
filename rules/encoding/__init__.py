"""The encoding family. Adding a rule: one new module here, one line in RULES."""

from __future__ import annotations

from copydesk.rule import Rule
from copydesk.rules.encoding.control_character import ControlCharacter
from copydesk.rules.encoding.html_entity import HtmlEntity
from copydesk.rules.encoding.invisible_in_word import InvisibleCharacterInWord
from copydesk.rules.encoding.mixed_script_word import MixedScriptWord
from copydesk.rules.encoding.mojibake import Mojibake
from copydesk.rules.encoding.replacement_character import ReplacementCharacter
from copydesk.rules.encoding.stray_bom import StrayByteOrderMark

RULES: list[type[Rule]] = [
    Mojibake,
    ReplacementCharacter,
    ControlCharacter,
    HtmlEntity,
    InvisibleCharacterInWord,
    StrayByteOrderMark,
    MixedScriptWord,
]
