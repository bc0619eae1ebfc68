"""Removing boilerplate lines from Markdown keeps the document's structure.

A list item's `- ` marker sits on its first line only. When the first lines of an item are
chrome and its last lines are not, the removal keeps the marker for the rest of the item
instead of taking it with the whole lines (which would join the rest to the item above).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.api import check_text, fix_text
from copydesk.document import Document
from copydesk.formats import markdown
from copydesk.rules.boilerplate._lines import (
    _whole_line,
    line_at,
    line_findings,
    lines_of,
    removal_fixes,
    removal_span,
)

PROSE = "The talks collapsed on Tuesday after the delegations failed to agree."


def fixed(text: str, code: str = "BP106") -> str:
    result: str = fix_text(text, filename="a.md", select=[code], unsafe=True).text
    return result


def blocks(text: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in markdown.parse(text)]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (  # the rest of the item keeps the item's marker
            "- The council met.\n- Politics\n  World\n  Europe\n  Business\n"
            f"  Talks collapse in Geneva\n  {PROSE}\n- The vote is due.\n",
            f"- The council met.\n- Talks collapse in Geneva\n  {PROSE}\n- The vote is due.\n",
        ),
        (  # other bullets, and a list inside a quote
            f"* Politics\n  World\n  Europe\n  Business\n  Talks collapse in Geneva\n  {PROSE}\n",
            f"* Talks collapse in Geneva\n  {PROSE}\n",
        ),
        (
            "> - Intro here.\n> - Politics\n>   World\n>   Europe\n>   Business\n"
            f">   Talks collapse in Geneva\n>   {PROSE}\n",
            f"> - Intro here.\n> - Talks collapse in Geneva\n>   {PROSE}\n",
        ),
        (  # emphasis stays balanced
            "- *Politics*\n  *World*\n  *Europe*\n  *Business*\n"
            f"  *Talks collapse in Geneva*\n  {PROSE}\n",
            f"- *Talks collapse in Geneva*\n  {PROSE}\n",
        ),
        (  # CRLF line endings are kept
            "- Politics\r\n  World\r\n  Europe\r\n  Business\r\n"
            f"  Talks collapse in Geneva\r\n  {PROSE}\r\n",
            f"- Talks collapse in Geneva\r\n  {PROSE}\r\n",
        ),
        (  # a run over several blocks: whole lines before the last block, the marker kept in it
            f"Politics\n\n- World\n  Europe\n  Business\n  Talks collapse in Geneva\n  {PROSE}\n",
            f"- Talks collapse in Geneva\n  {PROSE}\n",
        ),
    ],
)
def test_removal_keeps_the_container_marker(before: str, after: str) -> None:
    assert fixed(before) == after
    assert [k for k, _ in blocks(fixed(before))] == [k for k, _ in blocks(after)]


def test_every_line_marked_quote_is_removed_as_whole_lines() -> None:
    text = f"> Politics\n> World\n> Europe\n> Business\n> Talks collapse in Geneva\n> {PROSE}\n"
    edits = {e for d in check_text(text, filename="a.md", select=["BP106"]) for e in d.fix.edits}  # type: ignore[union-attr]
    assert all(e.content == "" and text[e.start - 1 : e.start] in ("", "\n") for e in edits)
    assert fixed(text) == f"> Talks collapse in Geneva\n> {PROSE}\n"


def test_item_that_ends_with_chrome_goes_as_whole_lines() -> None:
    text = f"{PROSE}\n\n- News\n- Sport\n- Arts & Culture\n- Weather\n"
    assert fixed(text) == f"{PROSE}\n\n- News\n"


def test_known_chrome_in_a_list_item_keeps_the_marker() -> None:
    text = f"- Skip to content\n  {PROSE}\n- The vote is due next week.\n"
    assert fixed(text, "BP001") == f"- {PROSE}\n- The vote is due next week.\n"


def test_plain_text_is_removed_as_whole_lines() -> None:
    # In plain text a dash is text, not a marker ("- Politics" is no menu label): the menu
    # lines below it go whole, their indentation with them.
    text = f"- Politics\n  World\n  Europe\n  Business\n  Talks collapse in Geneva\n{PROSE}\n"
    result = fix_text(text, filename="a.txt", select=["BP106"], unsafe=True).text
    assert result == f"- Politics\n  Talks collapse in Geneva\n{PROSE}\n"


# -- the family's own line lookups agree with the document's -------------------------------------

_WHITESPACE = ["\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u2028", "\u3000"]  # str.strip's too
_LINE_TEXT = st.lists(
    st.sampled_from(["", " ", "\t", "a", "b c", "\r", "Chrome", *_WHITESPACE]), max_size=4
).map("".join)
_SOURCE = st.lists(_LINE_TEXT, max_size=8).flatmap(
    lambda lines: st.sampled_from(["\n", "\r\n"]).map(lambda nl: nl.join(lines))
) | st.text(alphabet=st.sampled_from(["a", "b", " ", "\t", "\r", "\n", *_WHITESPACE]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(_SOURCE, st.data())
def test_line_at_and_removal_span_match_the_document(text: str, data: st.DataObject) -> None:
    doc = Document(text, path="a.txt")
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start, len(text)))
    for offset in (start, end, max(start, end - 1)):
        mine, theirs = line_at(doc, offset), doc.line_at(offset)
        assert (mine.start, mine.end, mine.next) == (theirs.start, theirs.end, theirs.next)
    assert removal_span(doc, start, end) == doc.removal_span(start, end)


@settings(max_examples=300, deadline=None)
@given(_SOURCE, st.data())
def test_whole_line_is_the_line_at_its_start(text: str, data: st.DataObject) -> None:
    if not text:
        return
    s = data.draw(st.integers(0, len(text)))
    e = data.draw(st.integers(s, len(text)))
    line = Document(text, path="a.txt").line_at(s)
    whole = s == line.start and e == line.end
    assert _whole_line(text, s, e) == (line.next if whole else -1)


_MARKUP_SOURCE = st.lists(
    st.sampled_from(["Share", "x y", " ", "\t", "\n", "\r\n", "\n\n", "- ", "> ", "## ", "*a*"]),
    max_size=16,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(
    _SOURCE | _MARKUP_SOURCE,
    st.sampled_from(["a.txt", "a.md", "a.html"]),
    st.data(),
)
def test_line_removals_match_the_units(text: str, filename: str, data: st.DataObject) -> None:
    # The line-index helpers (no units built) give what the unit path gives, for any choice of
    # lines: whole lines, lines with a marker or markup beside them, runs with blank lines.
    doc = Document(text, path=filename)
    lines = lines_of(doc)
    idx = sorted(set(data.draw(st.lists(st.integers(0, max(len(lines) - 1, 0)), max_size=6))))
    idx = [i for i in idx if i < len(lines)]
    units = [lines[i] for i in idx]
    expected = []
    for u in units:
        kept = u.text.strip()
        a = u.start + len(u.text) - len(u.text.lstrip())
        expected.append((*u.span_of(a, a + len(kept)), kept))
    fixes = removal_fixes(doc, units, "Remove", safe=False)
    # A fresh document each time: no unit built yet.
    found = line_findings(Document(text, path=filename), idx, "Remove", safe=False)
    assert found == [(*span, fix) for span, fix in zip(expected, fixes, strict=True)]
    whole = line_findings(Document(text, path=filename), idx, "Remove", safe=False, strip=False)
    assert whole == [(*u.span, u.text, fix) for u, fix in zip(units, fixes, strict=True)]


@pytest.mark.parametrize("filename", ["a.txt", "a.md"])
@pytest.mark.parametrize(
    "text",
    [
        "Body.\n\nHome\n\n  \nWorld\nNews\n\nMore body.\n",
        "Home\r\n\r\nWorld\r\nBody.\r\n\r\nNews",
        "  Home  \nWorld\n\n\n",
    ],
)
def test_line_findings_join_runs_across_blank_lines(text: str, filename: str) -> None:
    doc = Document(text, path=filename)
    lines = lines_of(doc)
    idx = [i for i, t in enumerate(lines.texts) if t.strip() in {"Home", "World", "News"}]
    units = [lines[i] for i in idx]
    fixes = removal_fixes(doc, units, "Remove", safe=True)
    found = line_findings(Document(text, path=filename), idx, "Remove", safe=True)
    assert [f for *_, f in found] == fixes
    assert len({id(f) for *_, f in found}) < len(found)  # a run shares one fix


@pytest.mark.parametrize("code", ["BP001", "BP102", "BP106"])
def test_line_diagnostics_are_the_rules_own(code: str) -> None:
    # Built directly after the first, the diagnostics equal `Rule.diagnostic`'s in every field.
    from copydesk.rule import registry

    rule = registry()[code]()
    text = (
        "Home\nWorld\nSkip to content\nShare on Facebook\n1.2K shares\nNews  Desk\n\n"
        f"{PROSE}\n\nNews\nSport\nLeave a Reply\nTwitter\nFacebook\nWeather\n"
    )
    found = list(rule.check(Document(text, path="a.txt")))
    assert len(found) >= 2
    fields = {"kind": "", "text": ""}
    for d in found:
        flagged = " ".join(text[d.start : d.end].split())
        if code == "BP001":
            fields = {"kind": d.message.split("(")[1].split(")")[0], "text": flagged}
        else:
            fields = {"text": text[d.start : d.end]}
        again = rule.diagnostic(d.start, d.end, fix=d.fix, **fields)
        assert d == again
        assert (d.message, d.url, d.severity, d.extra) == (
            again.message,
            again.url,
            again.severity,
            again.extra,
        )
