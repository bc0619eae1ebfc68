"""Suppression comments in Markdown and HTML, and CD100 unused-suppression."""

from __future__ import annotations

import pytest

from copydesk.checker import Checker
from copydesk.document import Document
from copydesk.rule import Example, registry
from copydesk.suppression import Suppressions, UnusedSuppression, parse_directive


def codes(
    text: str, filename: str = "a.md", *, select: tuple[str, ...] = ("PU101", "BP001")
) -> list[tuple[str, str]]:
    """(code, flagged text) of what the selected rules and CD100 report."""
    reg = registry()
    checker = Checker([reg[c]() for c in select] + [UnusedSuppression()])
    return [(d.code, text[d.start : d.end]) for d in checker.check(text, filename)]


def test_parse_directive() -> None:
    d = parse_directive(" copydesk: disable PU101, BP ", 0, 10)
    assert d is not None and (d.action, d.selectors) == ("disable", ("PU101", "BP"))
    d = parse_directive("copydesk:file-ignore", 0, 10)
    assert d is not None and (d.action, d.selectors) == ("file-ignore", ())
    assert parse_directive(" copydesk: disabled PU101 ", 0, 1) is None
    assert parse_directive(" a comment ", 0, 1) is None


def test_disable_enable_range() -> None:
    src = (
        "One. . a\n\n<!-- copydesk: disable PU101 -->\n\nTwo. . b\n\nThree. . c\n\n"
        "<!-- copydesk: enable PU101 -->\n\nFour. . d\n"
    )
    assert codes(src) == [("PU101", ". ."), ("PU101", ". .")]
    flagged = [src.index(line) for line in ("One", "Four")]
    found = Checker([registry()["PU101"]()]).check(src, "a.md")
    assert [src.rfind("\n", 0, d.start) + 1 for d in found] == flagged


def test_disable_without_codes_and_prefixes() -> None:
    src = "<!-- copydesk: disable -->\nOver. .\n\nSkip to content\n"
    assert codes(src) == []
    src = "<!-- copydesk: disable PU -->\nOver. .\n\nSkip to content\n"
    assert codes(src) == [("BP001", "Skip to content")]
    src = "<!-- copydesk: disable spaced-double-terminator -->\nOver. .\n"
    assert codes(src) == []


def test_ignore_next_block_only() -> None:
    src = "<!-- copydesk: ignore PU101 -->\n\n## Over. .\n\nAgain. . x\n"
    found = Checker([registry()["PU101"]()]).check(src, "a.md")
    assert [d.start for d in found] == [src.index("Again") + 5]


def test_ignore_inside_a_block() -> None:
    src = "Over. . <!-- copydesk: ignore PU101 --> end\n\nAgain. . x\n"
    found = Checker([registry()["PU101"]()]).check(src, "a.md")
    assert [d.start for d in found] == [src.index("Again") + 5]


def test_file_ignore() -> None:
    src = "Over. .\n\nSkip to content\n\n<!-- copydesk: file-ignore BP, PU101 -->\n"
    assert codes(src) == []


def test_directive_in_code_is_not_a_directive() -> None:
    src = "```\n<!-- copydesk: file-ignore -->\n```\n\nOver. .\n"
    assert codes(src) == [("PU101", ". .")]


def test_plain_text_has_no_directives() -> None:
    src = "<!-- copydesk: file-ignore -->\nOver. .\n"
    assert codes(src, "a.txt") == [("PU101", ". .")]


def test_html_directives() -> None:
    src = (
        "<p>One. . a</p>\n<!-- copydesk: ignore BP201 -->\n<nav><a>Home</a></nav>\n"
        "<!-- copydesk: disable PU101 --><p>Two. . b</p><!-- copydesk: enable PU101 -->\n"
        "<footer>x</footer>\n"
    )
    assert codes(src, "a.html", select=("PU101", "BP201")) == [
        ("PU101", ". ."),
        ("BP201", "<footer>x</footer>"),
    ]


# -- CD100 ----------------------------------------------------------------------------------------


def test_unused_suppressions_are_reported() -> None:
    src = (
        "<!-- copydesk: ignore PU101 -->\nClean.\n\n"
        "<!-- copydesk: disable BP001 -->\nOver. .\n\n"
        "<!-- copydesk: enable PU101 -->\n"
    )
    assert codes(src) == [
        ("CD100", "<!-- copydesk: ignore PU101 -->"),
        ("CD100", "<!-- copydesk: disable BP001 -->"),
        ("PU101", ". ."),
        ("CD100", "<!-- copydesk: enable PU101 -->"),
    ]


def test_partly_unused_directive_is_rewritten() -> None:
    src = "<!-- copydesk: ignore PU101, BP001 -->\nOver. .\n"
    reg = registry()
    checker = Checker([reg["PU101"](), reg["BP001"](), UnusedSuppression()])
    (d,) = checker.check(src, "a.md")
    assert d.code == "CD100" and "unused: BP001" in d.message
    assert checker.fix(src, "a.md").text == "<!-- copydesk: ignore PU101 -->\nOver. .\n"


def test_codes_of_rules_not_run_are_not_reported() -> None:
    src = "<!-- copydesk: disable MT101 -->\nClean.\n"
    assert codes(src) == []


def test_used_directive_is_kept_by_fix() -> None:
    src = (
        "Text.\n\n<!-- copydesk: ignore PU101 -->\nOver. .\n\n"
        "<!-- copydesk: ignore PU101 -->\nOk.\n"
    )
    checker = Checker([registry()["PU101"](), UnusedSuppression()])
    fixed = checker.fix(src, "a.md").text
    assert fixed == "Text.\n\n<!-- copydesk: ignore PU101 -->\nOver. .\n\nOk.\n"


@pytest.mark.parametrize("alone", [True, False], ids=["alone", "with-PU101"])
@pytest.mark.parametrize("ex", UnusedSuppression.examples, ids=lambda e: repr(e.bad or e.good)[:30])
def test_cd100_examples(ex: Example, alone: bool) -> None:
    """CD100's examples, run as test_examples runs registered rules: alone, and beside PU101."""
    rules = [UnusedSuppression()] if alone else [registry()["PU101"](), UnusedSuppression()]
    checker = Checker(rules)
    text = ex.bad if ex.bad is not None else ex.good
    assert text is not None
    found = [d for d in checker.check(text, ex.filename) if d.code == "CD100"]
    if ex.good is not None:
        if alone or "PU101" not in text:
            assert found == []
        return
    assert ex.flagged in [text[d.start : d.end] for d in found]
    fixed = checker.fix(text, ex.filename).text
    assert fixed == ex.fixed
    assert [d for d in checker.check(fixed, ex.filename) if d.code == "CD100"] == []
    assert UnusedSuppression.validate() == []


def test_regions() -> None:
    src = "<!-- copydesk: disable PU1 -->\nA\n\n<!-- copydesk: enable -->\nB\n"
    sup = Suppressions.of(Document(src, path="a.md"))
    (region,) = sup.regions
    assert (region.selector, src[region.start : region.end]) == ("PU1", "\nA\n\n")
