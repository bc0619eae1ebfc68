"""HTML: prose from text nodes, exact positions through tags and entities, escaped fixes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markup_util import assert_runs_verbatim, pu101_in

from copydesk import fix_text
from copydesk.document import Block
from copydesk.formats import html
from copydesk.formats._prose import PLACEHOLDER

PAGES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "boilerplate" / "pages"


def blocks(text: str) -> list[Block]:
    return html.parse(text)


def pu101(text: str) -> list[tuple[int, int, str]]:
    return pu101_in(text, "a.html")


def test_blocks_from_elements() -> None:
    src = (
        "<h2>The  big\n   title</h2>\n<p>First <em>para</em>graph,\n  two lines.</p>\n"
        "<ul><li>one<li>two</ul>\n<blockquote><p>quoted</p></blockquote>\n"
        "<table><tr><td>cell<td>other</table>\n<div>Intro <p>inner</p> tail</div>\n"
        '<figure><img src="a.png" alt="A cat"><figcaption>Photo: X</figcaption></figure>\n'
    )
    bs = blocks(src)
    assert [(b.kind, b.text) for b in bs] == [
        ("heading", "The big title"),
        ("paragraph", "First paragraph, two lines."),
        ("list_item", "one"),
        ("list_item", "two"),
        ("blockquote", "quoted"),
        ("table_cell", "cell"),
        ("table_cell", "other"),
        ("paragraph", "Intro"),
        ("paragraph", "inner"),
        ("paragraph", "tail"),
        ("alt", "A cat"),
        ("caption", "Photo: X"),
    ]
    assert_runs_verbatim(src, bs)
    heading = bs[0]
    assert src[heading.start : heading.end] == "<h2>The  big\n   title</h2>"
    inner = bs[8]
    assert src[inner.start : inner.end] == "<p>inner</p>"


def test_skipped_elements() -> None:
    src = (
        "<head><title>Over. .</title><style>a{b:c}</style></head>"
        "<p>Run <code>x. .</code> now.</p><pre>pre. .</pre>"
        "<script>var s = '. .';</script><noscript>no. .</noscript>"
        "<template><p>t. .</p></template><!-- c. . --><p>End <kbd>k. .</kbd>.</p>"
    )
    assert [b.text for b in blocks(src)] == [f"Run {PLACEHOLDER} now.", f"End {PLACEHOLDER}."]
    assert pu101(src) == []


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("<p>Tom &amp; Jerry. . ok</p>", [(1, 19, ". .")]),
        ("<p>Caf&eacute;&#233;&#x21; done. . x</p>", [(1, 32, ". .")]),
        ("<p>A <a href='/x. .'>link. .</a> b</p>", [(1, 26, ". .")]),
        ("<div>\n  <p>\n    Over. .\n  </p>\n</div>", [(3, 9, ". .")]),
        ("<p>One<br>Two. . x</p>", [(1, 14, ". .")]),
        ("<p>\u00fcber. . x</p>\r\n<p>y. . z</p>", [(1, 8, ". ."), (2, 5, ". .")]),
        ("<p title='a. .'>AT&T rose. . x</p>", [(1, 26, ". .")]),
        ('<img alt="A cat. . sits">', [(1, 16, ". .")]),
    ],
)
def test_positions(src: str, expected: list[tuple[int, int, str]]) -> None:
    assert pu101(src) == expected


def test_whitespace_collapses_and_is_not_editable() -> None:
    (b,) = blocks("<p>a  \n b</p>")
    assert b.text == "a b"
    assert b.edit(1, 2, "") is None  # "  \n " reads as one space: not a copy of the source


def test_inserted_text_is_escaped() -> None:
    (b,) = blocks("<p>a b</p>")
    edit = b.edit(1, 2, " & <x> ")
    assert edit is not None and edit.content == " &amp; &lt;x&gt; "


def test_fix_inside_entities_and_tags() -> None:
    src = "<p><b>Over. .</b> Tom &amp; Jerry. . <code>x. .</code></p>"
    fixed = fix_text(src, filename="a.html", select=["PU101"]).text
    assert fixed == "<p><b>Over.</b> Tom &amp; Jerry. <code>x. .</code></p>"


def test_implied_end_tags_and_stray_end_tags() -> None:
    src = "<p>one<p>two</div><li>three</p><table><tr><td>a<td>b<tr><td>c</table>"
    assert [b.text for b in blocks(src)] == ["one", "two", "three", "a", "b", "c"]


def test_elements_have_spans() -> None:
    src = '<body><nav class="menu"><a href="/">Home</a></nav><p>x</p></body>'
    parsed = html.analyze(src)
    nav = next(e for e in parsed.elements if e.tag == "nav")
    assert src[nav.start : nav.end] == '<nav class="menu"><a href="/">Home</a></nav>'
    assert nav.classes == ["menu"]
    el = html.element_at(parsed, src.index("Home"))
    assert el is not None and el.tag == "a"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<div class='share'>",
                "</div>",
                "<li>",
                "<br>",
                "<img alt='a b'>",
                "&amp;",
                "&nbsp;",
                "&#33;",
                "&bogus;",
                "&",
                "<",
                ">",
                "<!-- x -->",
                "<script>",
                "</script>",
                "<code>",
                "</code>",
                "text",
                " ",
                "\n",
                "\r\n",
                "  ",
                ". .",
                "é",
                "<h1>",
                "</h1>",
                "<td>",
                "<tr>",
                "</table>",
                "<b>",
                "</b>",
                "<pre>",
                "</pre>",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_any_input_maps_exactly(src: str) -> None:
    bs = blocks(src)
    assert_runs_verbatim(src, bs)
    for b in bs:
        assert b.text == b.text.strip(" ")


@pytest.mark.skipif(not PAGES.is_dir(), reason="corpus not available")
def test_corpus_pages_map_exactly() -> None:
    pages = sorted(PAGES.glob("*.html"))[:12]
    assert pages
    for page in pages:
        src = page.read_text(encoding="utf-8")
        bs = blocks(src)
        assert len(bs) > 10
        assert_runs_verbatim(src, bs)
