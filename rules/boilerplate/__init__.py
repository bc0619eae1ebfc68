"""The boilerplate family. Adding a rule: one new module here, one line in RULES."""

from __future__ import annotations

from copydesk.rule import Rule
from copydesk.rules.boilerplate.duplicate_paragraph import DuplicateParagraph
from copydesk.rules.boilerplate.edge_navigation import EdgeNavigation
from copydesk.rules.boilerplate.html_chrome_element import HtmlChromeElement
from copydesk.rules.boilerplate.known_chrome_line import KnownChromeLine
from copydesk.rules.boilerplate.leaked_caption import LeakedCaption
from copydesk.rules.boilerplate.photo_credit import PhotoCredit
from copydesk.rules.boilerplate.repeated_template_line import RepeatedTemplateLine
from copydesk.rules.boilerplate.site_name_run_in import SiteNameRunIn
from copydesk.rules.boilerplate.social_counter_line import SocialCounterLine

RULES: list[type[Rule]] = [
    KnownChromeLine,
    SiteNameRunIn,
    SocialCounterLine,
    PhotoCredit,
    LeakedCaption,
    DuplicateParagraph,
    EdgeNavigation,
    RepeatedTemplateLine,
    HtmlChromeElement,
]
