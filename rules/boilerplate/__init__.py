"""The boilerplate family. Adding a rule: one new module here, one line in _RULES."""

from __future__ import annotations

from typing import TYPE_CHECKING

from copydesk.rules import lazy_rules

if TYPE_CHECKING:
    from copydesk.rule import Rule

    RULES: list[type[Rule]]

# The family's rules, in order, as (module, class): `RULES` imports them when first read.
_RULES = (
    ("known_chrome_line", "KnownChromeLine"),
    ("site_name_run_in", "SiteNameRunIn"),
    ("social_counter_line", "SocialCounterLine"),
    ("photo_credit", "PhotoCredit"),
    ("leaked_caption", "LeakedCaption"),
    ("duplicate_paragraph", "DuplicateParagraph"),
    ("edge_navigation", "EdgeNavigation"),
    ("repeated_template_line", "RepeatedTemplateLine"),
    ("html_chrome_element", "HtmlChromeElement"),
)

__getattr__ = lazy_rules(__name__, _RULES)
