"""The BP warning tier (BP1xx) and the markup paths of BP001."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.api import check_text, fix_text
from copydesk.diagnostics import Applicability, Severity
from copydesk.document import Document, RunContext
from copydesk.rules.boilerplate._lines import lines_of
from copydesk.rules.boilerplate.repeated_template_line import RepeatedTemplateLine

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_bd715bf342a3177c.txt"


def spans(text: str, code: str, **kw: Any) -> list[str]:
    return [text[d.start : d.end] for d in check_text(text, select=[code], **kw)]


def fixed(text: str, code: str, **kw: Any) -> str:
    result: str = fix_text(text, select=[code], unsafe=True, **kw).text
    return result


def test_warning_tier_codes_are_warnings() -> None:
    from copydesk.rule import registry

    for code, cls in registry().items():
        if code.startswith("BP1"):
            assert cls.severity is Severity.WARNING, code


# -- BP101 site-name-run-in ----------------------------------------------------------------------


def test_seed_line_15_outlet_run_in() -> None:
    text = SEED.read_text(encoding="utf-8")
    line15 = text.split("\n")[14]
    (d,) = check_text(text, select=["BP101"])
    assert text[d.start : d.end] == "Newsweek The"
    assert text[: d.start].count("\n") == 14
    assert d.fix is not None and d.fix.applicability is Applicability.UNSAFE
    out = fixed(text, "BP101")
    assert line15.replace("Newsweek The", "The") in out.split("\n")


def test_outlet_run_in_not_fixed_without_unsafe() -> None:
    text = "Reuters The ministry said on Monday that talks would resume.\n"
    assert fix_text(text, select=["BP101"]).text == text


def test_site_names_option() -> None:
    text = "Gazette Weekly The council voted on Monday to close the pool.\n"
    assert spans(text, "BP101") == []
    config = {"site-name-run-in": {"site-names": ["Gazette Weekly"]}}
    assert spans(text, "BP101", config=config) == ["Gazette Weekly The"]


def test_outlet_as_subject_is_not_flagged() -> None:
    assert spans("Newsweek The Russian\n", "BP101") == []  # too short to be a sentence
    assert spans("Newsweek reported that The Times had erred.\n", "BP101") == []


def test_wrapped_line_continuing_a_sentence_is_not_a_paragraph_start() -> None:
    text = "The report was published by the weekly magazine\nNewsweek The week before it ran.\n"
    assert spans(text, "BP101") == []


# -- BP102 social-counter-line ------------------------------------------------------------------


def test_button_column_is_flagged_but_lone_network_name_is_not() -> None:
    column = "The plant closed.\n\nFacebook\nTwitter\nLinkedIn\n"
    assert spans(column, "BP102") == ["Facebook", "Twitter", "LinkedIn"]
    assert fixed(column, "BP102") == "The plant closed.\n"
    lone = "The plant closed.\n\nTwitter\n\nThe company said it would appeal.\n"
    assert spans(lone, "BP102") == []


def test_counter_lines() -> None:
    text = "Text here.\n\n1,204 shares | 87 comments\n\nMore text.\n"
    assert spans(text, "BP102") == ["1,204 shares | 87 comments"]


# -- BP103 photo-credit -------------------------------------------------------------------------


def test_whole_credit_line_has_an_unsafe_removal() -> None:
    text = "The plant closed.\r\n\r\nPhoto: Jane Doe/Reuters\r\n\r\nIt reopened.\r\n"
    (d,) = check_text(text, select=["BP103"])
    assert text[d.start : d.end] == "Photo: Jane Doe/Reuters"
    assert fixed(text, "BP103") == "The plant closed.\r\n\r\nIt reopened.\r\n"


def test_credit_at_end_of_caption_has_no_fix() -> None:
    text = "Officials inspect the site in Hialeah, Fla. (AP Photo/Alan Diaz, File)\n"
    (d,) = check_text(text, select=["BP103"])
    assert text[d.start : d.end] == "(AP Photo/Alan Diaz, File)"
    assert d.fix is None


def test_dateline_agency_is_not_a_credit() -> None:
    assert spans("WASHINGTON (AP) — The Senate voted on Tuesday.\n", "BP103") == []


# -- BP104 leaked-caption -----------------------------------------------------------------------


def test_seed_line_9_caption() -> None:
    text = SEED.read_text(encoding="utf-8")
    line9 = text.split("\n")[8]
    (d,) = check_text(text, select=["BP104"])
    caption = "A protester talks with Armenian police officers during a demonstration in central"
    assert text[d.start : d.end].startswith(caption)
    assert text[d.start : d.end].endswith("on September 20, 2023.")
    out = fixed(text, "BP104").split("\n")
    assert line9[line9.index("Azerbaijan said") :] in out


def test_caption_rule_is_english_only() -> None:
    # The same caption sentence, in a German article: an English-only rule stays silent.
    caption = "A protester talks with police officers in Yerevan on September 20, 2023."
    german = (
        f"{caption}\n\nDie Regierung hat die Militäroperation beendet, und die Gespräche "
        "werden nicht fortgesetzt, sagte der Sprecher der Regierung am Mittwoch in der "
        "Hauptstadt. Die Lage ist nach Angaben der Behörden weiterhin sehr angespannt, und "
        "viele Menschen haben die Region bereits verlassen.\n"
    )
    assert spans(german, "BP104") == []
    assert spans(german, "BP104", config={"language": "en"}) == [caption]


def test_whole_line_caption_is_removed_as_a_line() -> None:
    text = "The strike went on.\n\nFILE PHOTO: Traders work on the floor of the exchange.\n"
    assert fixed(text, "BP104") == "The strike went on.\n"


# -- BP105 duplicate-paragraph ------------------------------------------------------------------

PARA = "The plant will close in May after a long review, the company said on Monday."


def test_duplicate_paragraph_crlf() -> None:
    text = f"{PARA}\r\n\r\nWorkers were told.\r\n\r\n{PARA}\r\n"
    (d,) = check_text(text, select=["BP105"])
    assert d.start == text.rindex(PARA)
    assert "line 1" in d.message
    assert fixed(text, "BP105") == f"{PARA}\r\n\r\nWorkers were told.\r\n"


def test_duplicate_min_words_option() -> None:
    text = "Workers were told on Friday.\n\nThey left.\n\nWorkers were told on Friday.\n"
    assert spans(text, "BP105") == []
    config = {"duplicate-paragraph": {"min-words": 3}}
    assert spans(text, "BP105", config=config) == ["Workers were told on Friday."]


# -- BP106 edge-navigation ----------------------------------------------------------------------


def test_top_menu_is_flagged_but_not_the_headline() -> None:
    text = (
        "Politics\nWorld\nEurope\nBusiness\nTalks Collapse\n\n"
        "The talks collapsed on Tuesday after the delegations failed to agree.\n"
    )
    assert spans(text, "BP106") == ["Politics", "World", "Europe", "Business"]


def test_menu_inside_article_is_not_an_edge() -> None:
    text = (
        "The talks collapsed on Tuesday after the delegations failed to agree.\n\n"
        "Key Points\n\nNext Steps\n\nWhat Happens Now\n\n"
        "The delegations will meet again in May, officials said on Tuesday.\n"
    )
    assert spans(text, "BP106") == []


def test_clean_article_has_no_edges() -> None:
    text = "The talks collapsed on Tuesday after the delegations failed to agree.\n"
    assert spans(text, "BP106") == []


# -- BP107 repeated-template-line (cross-file) --------------------------------------------------

TEMPLATE = "Sign up for the Morning Briefing to get our best stories."


def _run(texts: list[str], rule: RepeatedTemplateLine) -> list[list[str]]:
    """What the runner's pre-pass does: collect every file, then check each one."""
    run = RunContext(files=len(texts))
    for t in texts:
        run.add(rule.code, rule.collect(Document(t, run=run)))
    out = []
    for t in texts:
        doc = Document(t, run=run)
        out.append([t[d.start : d.end] for d in rule.check(doc)])
    return out


def _article(i: int, template: bool) -> str:
    body = f"Story number {i} is about the council vote on the new harbour plan.\n"
    return body + (f"\n{TEMPLATE}\n" if template else "")


def test_template_line_in_most_files_is_flagged() -> None:
    texts = [_article(i, template=i < 4) for i in range(5)]
    found = _run(texts, RepeatedTemplateLine())
    assert found[:4] == [[TEMPLATE]] * 4
    assert found[4] == []


def test_line_in_few_files_is_not_flagged() -> None:
    texts = [_article(i, template=i < 2) for i in range(6)]
    assert all(f == [] for f in _run(texts, RepeatedTemplateLine()))


def test_small_run_is_silent() -> None:
    texts = [_article(i, template=True) for i in range(3)]  # below min-files (4)
    assert all(f == [] for f in _run(texts, RepeatedTemplateLine()))


def test_thresholds_are_options() -> None:
    texts = [_article(i, template=i < 2) for i in range(6)]
    rule = RepeatedTemplateLine({"min-share": 0.3, "min-count": 2})
    assert sum(bool(f) for f in _run(texts, rule)) == 2


def test_collect_counts_a_line_once_per_file() -> None:
    rule = RepeatedTemplateLine()
    run = RunContext(files=1)
    text = f"{TEMPLATE}\n\nBody text.\n\n{TEMPLATE}\n"
    run.add(rule.code, rule.collect(Document(text, run=run)))
    assert list(run.counts[rule.code].values()) == [1]


def test_run_without_a_frequent_line_is_silent_and_a_grown_table_is_measured_again() -> None:
    # Every template line is in 2 of 5 files (need 3): nothing is found, and the check learns
    # that from the run's highest count once. A table that grows afterwards is measured again.
    rule = RepeatedTemplateLine()
    texts = [_article(i, template=i < 2) for i in range(5)]
    run = RunContext(files=len(texts))
    for t in texts:
        run.add(rule.code, rule.collect(Document(t, run=run)))
    assert [list(rule.check(Document(t, run=run))) for t in texts] == [[]] * 5
    run.add(rule.code, rule.collect(Document(texts[0], run=run)))  # now in 3 files
    run.add(rule.code, ["another key"])
    found = [[t[d.start : d.end] for d in rule.check(Document(t, run=run))] for t in texts]
    assert found == [[TEMPLATE], [TEMPLATE], [], [], []]


_LINE = st.sampled_from(
    [
        "",
        "   ",
        "Share",
        TEMPLATE,
        TEMPLATE.upper() + "  \u00bb",
        "One two three four",
        "One two three four five",
        "One\ttwo three\u00a0four five\r",
        "\u201cQuoted words in a five word line\u201d",
        "x " * 161,  # over the matcher's cap, with and without a CR
        "x " * 159 + "yz\r",  # at the cap without its CR
        "Skip to content now, please, thanks",
        "\u00a9 2023 Example Media. All rights reserved. " * 7,
        "* * *",  # no word: a key of "" if it counted
        "  ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_LINE, st.sampled_from(["\n", "\r\n", "\r\r\n", "\n\n"])), max_size=12),
    st.sampled_from([5, 1, 3, 0, -1]),
)
def test_collect_from_plain_text_matches_the_lines_path(
    parts: list[tuple[str, str]], min_words: int
) -> None:
    # The pre-pass splits a plain-text file itself (no parse, no `Lines`); the keys must be
    # those of the document's lines, which a document with its lines built takes, whatever
    # `min-words` is (below 1, every line would count: blank ones too).
    text = "".join(a + b for a, b in parts)
    rule = RepeatedTemplateLine({"min-words": min_words})
    fast = Document(text, path="a.txt")
    slow = Document(text, path="a.txt")
    lines_of(slow)
    assert sorted(rule.collect(fast)) == sorted(rule.collect(slow))
    if "\r" not in text and min_words >= 1:  # (a line over the cap with a CR: the lines path)
        assert "boilerplate:lines" not in fast.cache


def test_collect_counts_a_line_over_the_cap_under_both_keys() -> None:
    # The tables never match a line over MAX_UNIT_CHARS: its key is counted plain and over
    # the cap (see `collect`), on both paths.
    long_line = "x " * 161
    for path in ("a.txt", "a.md"):
        keys = list(RepeatedTemplateLine().collect(Document(f"{long_line}\n\nShort.\n", path=path)))
        assert len(keys) == 2 and len(set(keys)) == 2, path


def test_single_document_without_run_is_silent() -> None:
    assert spans(f"Body.\n\n{TEMPLATE}\n", "BP107") == []


# -- markup ---------------------------------------------------------------------------------------


def test_markdown_heading_and_list_items_are_removed_whole() -> None:
    text = "The talks ended.\n\n## Leave a Reply\n\n- Share this\n- Tweet\n\nMore text here.\n"
    assert spans(text, "BP001", filename="a.md") == ["Leave a Reply", "Share this", "Tweet"]
    out = fix_text(text, select=["BP001"], filename="a.md").text
    assert out == "The talks ended.\n\nMore text here.\n"


def test_markdown_soft_wrapped_paragraph_matches_as_a_block() -> None:
    text = "The talks ended.\n\nYour email address will not be\npublished.\n"
    found = check_text(text, select=["BP001"], filename="a.md")
    assert [text[d.start : d.end] for d in found] == ["Your email address will not be\npublished."]


def test_html_removal_only_when_tags_stay_balanced() -> None:
    text = "<p>The talks ended.</p>\n<p>Leave a Reply</p>\n<div>\n<p>Share</p></div>\n"
    found = check_text(text, select=["BP001"], filename="a.html")
    by_text = {text[d.start : d.end]: d for d in found}
    assert by_text["Leave a Reply"].fix is not None
    assert by_text["Share"].fix is None
    out = fix_text(text, select=["BP001"], filename="a.html").text
    assert out == "<p>The talks ended.</p>\n<div>\n<p>Share</p></div>\n"


def test_line_with_other_text_has_no_removal() -> None:
    text = "<p>The talks ended.</p><p>Leave a Reply</p>\n"
    (d,) = check_text(text, select=["BP001"], filename="a.html")
    assert d.fix is None


def test_line_facts_have_one_answer_per_column() -> None:
    from copydesk.document import Document
    from copydesk.rules.boilerplate import _facts

    assert [len(row) for row in _facts._facts_new(["Share on Facebook"])] == [_facts._WIDTH]
    # A document without lines gives empty columns, one per answer.
    empty = Document("\n\n", path="x.txt")
    assert [_facts.column(empty, k) for k in range(_facts._WIDTH)] == [[]] * _facts._WIDTH


@pytest.mark.parametrize("code", ["BP001", "BP101"])
def test_line_facts_path_finds_what_the_rules_own_path_finds(
    code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # BP001 and BP101 take their columns from the line facts only when BP102-BP104 read them
    # too (`shared`); both ways give the same findings.
    from copydesk.rule import registry
    from copydesk.rules.boilerplate import _facts

    text = (
        "Skip to content\n\nNewsweek The Russian Ministry of Defense was contacted by email.\n\n"
        "Share on Facebook\n\nREUTERS It was not clear who fired first.\n\nLeave a Reply\n\n"
        # (In Markdown, a paragraph of several lines is also matched whole: its unit comes
        # before its lines'.)
        "Your email address will not be\npublished.\n\nThe talks went on.\nSkip to content\n\n"
        "They met again\non Friday.\n\nShare on\nFacebook\n\nLeave a Reply\n"
    )
    rule = registry()[code]()

    def found(path: str) -> list[tuple[int, int, str]]:
        doc = Document(text, path=path)
        return [(d.start, d.end, d.message) for d in rule.check(doc)]

    for path in ("x.txt", "x.md"):
        monkeypatch.setattr(_facts, "_core_asked", set())
        alone = found(path)
        monkeypatch.setattr(_facts, "_core_asked", {_facts.SOCIAL, _facts.CREDIT})
        assert found(path) == alone
        assert alone


def test_social_is_the_same_from_the_line_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    # BP106 asks `social` about its lines; a line the line facts hold (BP102 ran on it) is
    # answered from them, any other one by its own memo: the same answer either way.
    from copydesk.rules.boilerplate import _facts, social_counter_line

    lines = [
        "Share on Facebook", "Twitter", "12 Comments", "The talks went on.", "Share this:",
        "Facebook Twitter WhatsApp Email", "1.2K Shares", "Follow us on Instagram",
    ]  # fmt: skip
    monkeypatch.setattr(_facts, "_FACTS", {})
    monkeypatch.setattr(social_counter_line, "_KINDS", {})
    plain = [social_counter_line._social(t) for t in lines]
    assert 1 in plain and 2 in plain and 0 in plain
    assert [social_counter_line.social(t) for t in lines] == plain  # (own memo)
    monkeypatch.setattr(social_counter_line, "_KINDS", {})
    _facts.column(Document("\n\n".join(lines), path="x.txt"), _facts.SOCIAL)
    assert all(_facts.seen(t) is not None for t in lines)
    assert [social_counter_line.social(t) for t in lines] == plain  # (from the facts)
    assert social_counter_line._KINDS == {}


@pytest.mark.parametrize("code", ["BP102", "BP103", "BP104"])
def test_one_line_fact_alone_is_the_shared_one(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # While only one of BP102-BP104 asks for the line facts in a process (`--select BP103`),
    # it gets its own answer alone, not all five; the findings are the shared path's.
    from pathlib import Path

    from copydesk.rule import registry
    from copydesk.rules.boilerplate import _facts

    pages = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "boilerplate" / "pages"
    texts = [p.read_text(encoding="utf-8") for p in sorted(pages.glob("*.txt"))[:40]]
    rule = registry()[code]()

    def found(asked: set[int]) -> list[tuple[int, int, str]]:
        out = []
        for text in texts:
            monkeypatch.setattr(_facts, "_core_asked", set(asked))
            doc = Document(text, path="x.txt")
            out += [(d.start, d.end, d.message) for d in rule.check(doc)]
            assert ("boilerplate:facts" in doc.cache) == bool(asked)
        return out

    alone = found(set())
    assert alone
    assert found({_facts.SOCIAL, _facts.CREDIT, _facts.CAPTION}) == alone
