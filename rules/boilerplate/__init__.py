"""The boilerplate family. Adding a rule: one new module here, one line in RULES."""

from __future__ import annotations

from copydesk.rule import Rule
from copydesk.rules.boilerplate.known_chrome_line import KnownChromeLine
from copydesk.rules.boilerplate.site_name_run_in import SiteNameRunIn

RULES: list[type[Rule]] = [
    KnownChromeLine,
    SiteNameRunIn,
]
