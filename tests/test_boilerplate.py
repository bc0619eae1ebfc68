"""BP001 known-chrome-line: tables, whole-line matching, removal spans, options, the seed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from copydesk.api import check_text, fix_text
from copydesk.rules.boilerplate._lines import normalize
from copydesk.rules.boilerplate._phrases import KINDS, LANGUAGES, load_table, matcher

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = SEEDS / "000_bd715bf342a3177c.txt"


def bp001(text: str, **kw: Any) -> list[str]:
    return [text[d.start : d.end] for d in check_text(text, select=["BP001"], **kw)]


def fixed(text: str, **kw: Any) -> str:
    result: str = fix_text(text, select=["BP001"], **kw).text
    return result


# -- tables --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_a_table_with_the_main_kinds(lang: str) -> None:
    entries = load_table(lang)
    kinds = {e.kind for e in entries}
    assert {"skip-link", "comment-form", "share", "related", "copyright"} <= kinds
    assert kinds <= set(KINDS)
    assert all(e.language == lang for e in entries)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_table_has_a_provenance_header(lang: str) -> None:
    path = Path(__file__).resolve().parent.parent / "rules/boilerplate/data"
    head = (path / f"phrases-{lang}.toml").read_text(encoding="utf-8")[:2000]
    assert "Provenance:" in head


def test_every_entry_matches_itself() -> None:
    m = matcher()
    for lang in LANGUAGES:
        for e in load_table(lang):
            if e.pattern:
                continue
            hit = m.match(e.phrase)
            assert hit is not None, (lang, e.phrase)


@pytest.mark.parametrize(
    "line",
    [
        "12 comments",
        "1,024 Comments",
        "1.2K shares",
        "5 min read",
        "© 2023 Example Media. All rights reserved.",
        "Copyright © 2009–2023 Example Media Ltd",
        "  SKIP   TO   CONTENT  ",
        "• Share this:",
        "Read more: Talks collapse in Geneva",
        "Don’t Miss",
        "Skip\u200b to content",
        "Lesezeit: 4 Minuten",
        "Deja una respuesta",
        "Laisser un commentaire",
        "Lascia un commento",
        "Deixe uma resposta",
    ],
)
def test_chrome_lines_match(line: str) -> None:
    assert matcher().match(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply on Tuesday.",
        "Die Vorteilen der Reform sind klar.",
        "He said he would leave a reply to the letter.",
        "Read more than 100 pages of the report, he said.",
        "12 comments were received by the ministry before the deadline.",
        "© John Smith",
        "The home team won 3-1.",
        "Advertisement revenue fell by a third.",
    ],
)
def test_prose_lines_do_not_match(line: str) -> None:
    assert matcher().match(line) is None


def test_normalize_collapses_space_case_quotes_and_decoration() -> None:
    assert normalize("  Don’t\u00a0 MISS » ") == "don't miss"
    assert normalize("Related:") == "related"


# -- diagnostics and removal -------------------------------------------------------------------


def test_span_is_the_line_text() -> None:
    text = "Skip to content\n\nThe talks ended.\n"
    assert bp001(text) == ["Skip to content"]


def test_phrase_inside_a_line_is_not_flagged() -> None:
    assert bp001("Click Skip to content to jump ahead.\n") == []


def test_removal_takes_the_separating_blank_line() -> None:
    text = "The talks ended.\n\nShare this:\n\nThey resume in May.\n"
    assert fixed(text) == "The talks ended.\n\nThey resume in May.\n"


def test_removal_at_end_takes_blank_lines_above() -> None:
    text = "The talks ended.\n\n\nLeave a Reply\n"
    assert fixed(text) == "The talks ended.\n"


def test_removal_at_end_without_final_newline() -> None:
    text = "The talks ended.\n\nLeave a Reply"
    assert fixed(text) == "The talks ended."


def test_removal_of_adjacent_chrome_lines() -> None:
    text = "Skip to content\nMenu\nSearch\n\nThe talks ended.\n\nShare\nTweet\n\nComments\n"
    assert fixed(text) == "The talks ended.\n"


def test_crlf_file_keeps_crlf() -> None:
    text = "Skip to content\r\n\r\nThe talks ended.\r\n\r\nLeave a Reply\r\n"
    assert bp001(text) == ["Skip to content", "Leave a Reply"]
    assert fixed(text) == "The talks ended.\r\n"


def test_only_chrome_in_file_is_removed_entirely() -> None:
    assert fixed("Leave a Reply\n") == ""


def test_fix_is_safe() -> None:
    (d,) = check_text("Leave a Reply\n\nText.\n", select=["BP001"])
    assert d.fix is not None and str(d.fix.applicability) == "safe"


# -- options -----------------------------------------------------------------------------------


def test_extend_phrases_per_language() -> None:
    text = "Die Gespräche endeten.\n\nJetzt im Kiosk\n"
    assert bp001(text) == []
    config = {"known-chrome-line": {"extend-phrases": {"de": ["Jetzt im Kiosk"]}}}
    assert bp001(text, config=config) == ["Jetzt im Kiosk"]
    assert fixed(text, config=config) == "Die Gespräche endeten.\n"


def test_extend_phrases_with_placeholder() -> None:
    config = {"known-chrome-line": {"extend-phrases": {"en": ["Issue {n} of The Weekly"]}}}
    assert bp001("Text.\n\nIssue 42 of The Weekly\n", config=config) == ["Issue 42 of The Weekly"]


def test_ignore_kinds_switches_a_kind_off() -> None:
    text = "Text.\n\n© 2023 Example Media. All rights reserved.\n\nLeave a Reply\n"
    assert len(bp001(text)) == 2
    config = {"known-chrome-line": {"ignore-kinds": ["copyright"]}}
    assert bp001(text, config=config) == ["Leave a Reply"]


def test_unknown_kind_is_an_error() -> None:
    with pytest.raises(Exception, match="unknown kind"):
        bp001("Text.\n", config={"known-chrome-line": {"ignore-kinds": ["nonsense"]}})


def test_message_names_the_kind() -> None:
    (d,) = check_text("Text.\n\n5 min read\n", select=["BP001"])
    assert "reading-time" in d.message


# -- the seed ------------------------------------------------------------------------------------


def test_seed_chrome_lines_are_flagged() -> None:
    text = SEED.read_text(encoding="utf-8")
    lines = text.split("\n")
    found = check_text(text, select=["BP001"])
    spans = {text[d.start : d.end] for d in found}
    for n in (1, 38, 40):
        assert lines[n - 1] in spans
    assert len(found) == 3


def test_seed_safe_fix_gives_expected_head_and_tail() -> None:
    text = SEED.read_text(encoding="utf-8")
    expected = (SEEDS / "expected_fixed.txt").read_text(encoding="utf-8")
    out = fixed(text)
    assert out.split("\n", 1)[0] == expected.split("\n", 1)[0]
    assert out.rsplit("\n", 2)[-2:] == expected.rsplit("\n", 2)[-2:]
    assert out.endswith("Nagorno-Karabakh.\n")


def test_run_of_chrome_lines_at_end_leaves_no_blank_line() -> None:
    text = "The talks ended.\n\nShare\nTweet\n\nComments\n"
    result = fix_text(text, select=["BP001"])
    assert result.text == "The talks ended.\n"


def test_run_of_chrome_lines_shares_one_edit() -> None:
    text = "Skip to content\nMenu\n\nThe talks ended.\n"
    found = check_text(text, select=["BP001"])
    assert len(found) == 2
    assert found[0].fix == found[1].fix
    assert fixed(text) == "The talks ended.\n"


def test_matcher_follows_option_changes_between_documents() -> None:
    # BP001 keeps the matcher of its last options: a change, even inside an option's list,
    # must give a new one.
    from copydesk.document import Document
    from copydesk.rules.boilerplate.known_chrome_line import KnownChromeLine

    rule = KnownChromeLine()

    def found() -> list[str]:
        doc = Document("Leave a Reply\n\nThe talks ended.\n", path="x.txt")
        return [doc.text[d.start : d.end] for d in rule.check(doc)]

    assert found() == ["Leave a Reply"]
    rule.settings["extend-phrases"] = {"en": ["Subscribe"]}
    assert found() == ["Leave a Reply"]
    rule.settings["extend-phrases"]["en"].append("The talks ended.")
    assert found() == ["Leave a Reply", "The talks ended."]
    rule.settings["ignore-kinds"] = ["comment-form"]
    assert found() == ["The talks ended."]
    rule.settings["ignore-kinds"].append("custom")
    assert found() == []
