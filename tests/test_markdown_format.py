"""Markdown: prose blocks, exact source positions, and what is never prose."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markup_util import assert_runs_verbatim, pu101_in

from copydesk import check_text, fix_text
from copydesk.document import Block, Document
from copydesk.formats import markdown
from copydesk.formats._prose import PLACEHOLDER


def blocks(text: str) -> list[Block]:
    return markdown.parse(text)


def pu101(text: str) -> list[tuple[int, int, str]]:
    return pu101_in(text, "a.md")


# -- what is prose -----------------------------------------------------------------------------


def test_block_kinds_and_text() -> None:
    src = (
        "# The *big* title\n\n"
        "A paragraph with **bold** and [a link](http://example.com/x) here.\n\n"
        "- item one\n- item two\n  - nested item\n\n"
        "> quoted text\n\n"
        "| Name | Value |\n|------|-------|\n| alpha | beta |\n\n"
        "![An alt text](pic.png)\n"
    )
    bs = blocks(src)
    assert [(b.kind, b.text) for b in bs] == [
        ("heading", "The big title"),
        ("paragraph", "A paragraph with bold and a link here."),
        ("list_item", "item one"),
        ("list_item", "item two"),
        ("list_item", "nested item"),
        ("blockquote", "quoted text"),
        ("table_cell", "Name"),
        ("table_cell", "Value"),
        ("table_cell", "alpha"),
        ("table_cell", "beta"),
        ("alt", "An alt text"),
    ]
    assert bs[0].meta["level"] == 1
    assert bs[1].meta["links"] == ((26, 32, "http://example.com/x"),)
    assert_runs_verbatim(src, bs)


def test_code_front_matter_html_and_urls_are_not_prose() -> None:
    src = (
        "---\ntitle: Over. .\nsummary: Skip to content\n---\n\n"
        "Text with `code. .` and <span title='a. .'>html</span> and https://ex.com/a. .\n\n"
        "```\nfenced. .\n```\n\n"
        "    indented. .\n\n"
        "<div>\nblock. .\n</div>\n\n"
        "[ref. .]: http://example.com\n\n"
        "See <http://auto.link/x>.\n"
    )
    texts = [b.text for b in blocks(src)]
    assert texts == [
        f"Text with {PLACEHOLDER} and html and {PLACEHOLDER}. .",
        f"See {PLACEHOLDER}.",
    ]
    # the only ". ." in prose is the one after the bare URL
    assert pu101(src) == [(6, 76, ". .")]


def test_toml_front_matter() -> None:
    src = "+++\ntitle = 'x. .'\n+++\n\nBody. . text\n"
    assert [b.text for b in blocks(src)] == ["Body. . text"]
    assert pu101(src) == [(5, 5, ". .")]


def test_code_fence_with_chrome_is_not_linted() -> None:
    src = "Intro.\n\n```text\nSkip to content\nIt is over. .\n```\n"
    assert check_text(src, filename="a.md") == []


def test_footnotes() -> None:
    pytest.importorskip("mdit_py_plugins")  # footnotes need the plugin (a declared dependency)
    src = "Text[^1] here.\n\n[^1]: The *note*. . text.\n"
    bs = blocks(src)
    assert [(b.kind, b.text) for b in bs] == [
        ("paragraph", "Text here."),
        ("footnote", "The note. . text."),
    ]
    assert pu101(src) == [(3, 17, ". .")]


def test_inline_code_and_images_leave_a_placeholder() -> None:
    bs = blocks("Run `make` then ![logo](l.png) done.\n")
    para = next(b for b in bs if b.kind == "paragraph")
    assert para.text == f"Run {PLACEHOLDER} then {PLACEHOLDER} done."
    assert para.meta["atoms"] == ((4, "code"), (11, "image"))


def test_link_text_is_prose_destination_and_title_are_not() -> None:
    src = '[Over. . here](<http://x.com/a. .b> "Title. . t") and [ref. .][r]\n\n[r]: <y. .z>\n'
    assert pu101(src) == [(1, 6, ". ."), (1, 59, ". .")]


# -- exact positions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("Some *emphasis* text. . more\n", [(1, 21, ". .")]),
        ("**Bold. .** after\n", [(1, 7, ". .")]),
        ("_a_ b. . c\n", [(1, 6, ". .")]),
        ("A [link. .](http://x.com) b\n", [(1, 8, ". .")]),
        ("\\*Note\\*: over. . Yes\n", [(1, 15, ". .")]),
        ("Tom &amp; Jerry. . ok\n", [(1, 16, ". .")]),
        ("Caf&eacute;&#33; Done. . x\n", [(1, 22, ". .")]),
        ("# Heading. . #\n", [(1, 10, ". .")]),
        ("Title. .\n=====\n", [(1, 6, ". .")]),
        ("> - quoted *item*\n>   second. . line\n", [(2, 11, ". .")]),
        ("1. first\n2. second. . x\n", [(2, 10, ". .")]),
        ("| a | b. . |\n|---|---|\n| c \\| d. . | e |\n", [(1, 8, ". ."), (3, 9, ". .")]),
        ("line one  \nline two. . x\n", [(2, 9, ". .")]),
        ("Crlf line\r\nsecond. . x\r\n", [(2, 7, ". .")]),
        ("Tab\tbefore. . x\n", [(1, 11, ". .")]),
        ("Ünïcödé. . x\n", [(1, 8, ". .")]),
    ],
)
def test_positions(src: str, expected: list[tuple[int, int, str]]) -> None:
    assert pu101(src) == expected


def test_escaped_character_maps_to_its_escape() -> None:
    src = "a \\* b\n"
    (b,) = blocks(src)
    assert b.text == "a * b"
    assert not b.contiguous(2, 3)  # the "*" is spelled "\*": not editable
    assert b.edit(2, 3, "") is None
    assert b.span(0, 2) == (0, 2)
    assert b.to_source(2) == 2  # the escape starts at the backslash
    assert b.span(4, 5) == (5, 6)


def test_fix_keeps_markup() -> None:
    src = "*Over. .* and [link. .](<u. .>) and `x. .`\n"
    fixed = fix_text(src, filename="a.md", select=["PU101"]).text
    assert fixed == "*Over.* and [link.](<u. .>) and `x. .`\n"


def test_inserted_text_is_escaped() -> None:
    (b,) = blocks("a b\n")
    edit = b.edit(1, 2, " *x_ ")
    assert edit is not None and edit.content == " \\*x\\_ "


# -- whole-block removal --------------------------------------------------------------------------


def removed(src: str, kind: str) -> str:
    doc = Document(src, path="a.md")
    b = next(b for b in doc.blocks if b.kind == kind)
    s, e = doc.removal_span(b.start, b.end)
    return src[:s] + src[e:]


def test_heading_block_removal() -> None:
    src = "Text.\n\n## Leave a Reply\n\nMore.\n"
    (heading,) = [b for b in blocks(src) if b.kind == "heading"]
    assert heading.text == "Leave a Reply"
    assert src[heading.start : heading.end] == "## Leave a Reply"
    assert removed(src, "heading") == "Text.\n\nMore.\n"


def test_setext_heading_removal_takes_the_underline() -> None:
    src = "Text.\n\nLeave a Reply\n-------------\n\nMore.\n"
    assert removed(src, "heading") == "Text.\n\nMore.\n"


def test_list_item_removal() -> None:
    src = "- one\n- Share this\n- three\n"
    doc = Document(src, path="a.md")
    b = next(b for b in doc.blocks if b.text == "Share this")
    s, e = doc.removal_span(b.start, b.end)
    assert src[:s] + src[e:] == "- one\n- three\n"
    assert markdown.skeleton(src[:s] + src[e:])[:2] == markdown.skeleton(src)[:2]


def test_chrome_heading_is_removed_by_bp001() -> None:
    src = "The talks ended.\n\n## Leave a Reply\n\n```\n## Leave a Reply\n```\n"
    found = check_text(src, filename="a.md", select=["BP001"])
    assert [(src[d.start : d.end]) for d in found] == ["Leave a Reply"]
    fixed = fix_text(src, filename="a.md", select=["BP001"], unsafe=True).text
    assert fixed == "The talks ended.\n\n```\n## Leave a Reply\n```\n"


# -- robustness ---------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "a",
        "word",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "*",
        "**",
        "_",
        "`",
        "``",
        "[",
        "]",
        "(",
        ")",
        "![",
        "](",
        "\\",
        "\\*",
        "&amp;",
        "&#33;",
        "&",
        "<",
        ">",
        "<b>",
        "</b>",
        "<!-- c -->",
        "# ",
        "## ",
        "- ",
        "1. ",
        "> ",
        "    ",
        "```\n",
        "---\n",
        "|",
        "| a |",
        "|---|",
        "[^1]",
        "[^1]: ",
        "http://x.y/z",
        "www.a.b",
        ". .",
        "é",
        "\u00a0",
        "~~",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_input_maps_exactly(src: str) -> None:
    bs = blocks(src)
    assert_runs_verbatim(src, bs)
    assert [b.start for b in bs] == sorted(b.start for b in bs)
    for b in bs:
        for a in range(len(b.text) + 1):
            assert 0 <= b.to_source(a) <= len(src)


# -- the fast paths read what markdown-it reads -------------------------------------------------

# Lines of scraped-article Markdown, and every block opener and inline markup next to them.
FAST_PATH_LINES = [
    "# Title",
    "## Sub head",
    "###### six",
    "####### seven",
    "# C#",
    "## x ##",
    "# x #",
    "#x",
    "#",
    "Plain paragraph text.",
    "Another one, with (parens) and 50% & more!",
    "A [link](/x) here.",
    "[Only link](/only)",
    "[Only link](/only) tail",
    "Text *emph*",
    "Text `code`",
    "Word  ",
    "- item",
    "- [Nav](/nav)",
    "- [Nav two](http://ex.com/a_b)",
    "- item | pipe",
    "- - x",
    "- 1. x",
    "-\tx",
    "- ",
    "-",
    "+ x",
    "* x",
    "1. one",
    "2) two",
    "2019 was a year",
    "1984. Orwell",
    "  - nested",
    "   indented",
    "    code",
    "\tcode",
    "> quote",
    ">",
    "===",
    "---",
    "***",
    "___",
    "| a | b |",
    "|---|---|",
    "a | b",
    "```",
    "```py",
    "~~~",
    "<div>",
    "</div>",
    "<!-- c -->",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "[^1]",
    "[^1]: note",
    "[a]: /u",
    "[a]",
    "\u00a0x",
    " x",
    "x\u00a0",
    "\\# not",
    "![img](/i.png)",
    "=",
    "- =",
    "- # h",
    "- > q",
    "- <b>x</b>",
    "- `c`",
    "+++",
    "Hello<br>world",
    "- [x](javascript:alert)",
    "[^x](/y)",
    "- [x](/a?b=c#d)",
    "- [A](/p%20q)",
    "- [B](//host/x)",
    "- [C](/a)[D](/b)",
    "Hi![a](/b)",
    "- item  ",
    "see http://ex.com/x. now",
    "mail a@b.cd",
    "&amp; &copy; R&D",
    "a ~~b~~ c",
    "x\x00y",
    "a\rb",
    "\u00a0",
    "wrapped text goes on",
    "ends with two spaces  ",
    "ends with backslash\\",
    "    lazy continuation",
    ":-|-:",
    "a|b",
    "* star item",
    "+ plus item",
    "1. one item",
    "2) two item",
    "10. ten",
    "1234567890. big",
    "3.item",
    "+ * x",
    "1.  two spaces",
    "-      code in an item",
]
FAST_PATH_SEPARATORS = ["\n", "\n\n", "\n\n", "\n\n\n", "\n \n", "\n\t\n", "\r\n", "\r\n\r\n"]


def _read(parsed: markdown.Parsed) -> tuple[object, ...]:
    blocks = [(b, sorted(b.meta.items(), key=str)) for b in parsed.blocks]
    return blocks, parsed.comments, parsed.front_matter, parsed.code


def test_fast_paths_match_markdown_it() -> None:
    rnd = random.Random(7)
    for _ in range(3000):
        parts = []
        for _ in range(rnd.randint(1, 12)):
            parts += [rnd.choice(FAST_PATH_LINES), rnd.choice(FAST_PATH_SEPARATORS)]
        if rnd.random() < 0.1:
            parts.insert(0, "---\ntitle: x\n---\n")
        src = "".join(parts)
        fast = markdown._analyze(src, fast=True)
        assert _read(fast) == _read(markdown._analyze(src, fast=False)), src


@pytest.mark.parametrize(
    "src",
    [
        "a|b\n:-|-:\nc|d\n",  # a table, though every line starts plainly
        "Title\n===\n\nText\n---\n",  # setext headings
        "- a\n\n- b\n\nc\n",  # one loose list, then a paragraph
        "- a\n\n  more of a\n\nText\n",  # an item's second paragraph
        "Text\n\n```\ncode\n\nstill code\n",  # an unclosed fence runs to the end
        "Text\n\n<!--\n\nText in a comment\n\n-->\n\nText\n",  # an HTML block over blanks
        "[a]\n\n[a]: /url\n",  # a link reference defined below its use
        "Line one\nline two  \nline three\\\nline four\n",  # hard breaks
        "\ufeff# Title\n",  # a BOM: a paragraph
        "# Title #\n\n## C#\n\n#\n",  # closing sequences, an empty heading
    ],
)
def test_fast_paths_match_markdown_it_on_tricky_documents(src: str) -> None:
    fast = markdown._analyze(src, fast=True)
    assert _read(fast) == _read(markdown._analyze(src, fast=False))


def test_a_document_of_simple_chunks_takes_the_fast_path() -> None:
    src = "# Title\n\nA paragraph, [a link](/x).\n\n- [One](/one)\n- [Two](/two)\n\nThe end.\n"
    plan = markdown._plan(src, markdown._line_table(src))
    assert plan is not None and all(isinstance(step, markdown._Simple) for step in plan)
    kinds = [b.kind for b in markdown.parse(src)]
    assert kinds == ["heading", "paragraph", "list_item", "list_item", "paragraph"]


def test_trim_characters_are_markdown_its() -> None:
    from markdown_it.common.utils import MD_TRIM_CHARS

    assert sorted(markdown.MD_TRIM_CHARS) == sorted(MD_TRIM_CHARS)


# Brackets that open no link: plain text when the document defines no references (then the
# fast path reads them without markdown-it); a definition anywhere makes them links again.
BRACKET_LINES = [
    "Berm [Rukban] residents said.",
    "A [link](/x) and [y] z",
    "[y]",
    "x [a][b] y",
    "[a]: /u",
    "[^1]: note",
    "See [^1] here",
    "Inline ^[n] x",
    "![i] x",
    "[a]\n(b)",
    "[[double]]",
    "[a [b] c]",
    "\\[esc] x",
    "`[code]` x",
    "- item [sic]",
    "# Head [x]",
    "[x] (y)",
    "[]",
]


@pytest.mark.parametrize("seed", range(4))
def test_literal_brackets_read_as_markdown_it_reads_them(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(500):
        parts = [rnd.choice(BRACKET_LINES) + rnd.choice(["\n", "\n\n"]) for _ in range(6)]
        src = "".join(parts[: rnd.randint(1, 6)])
        assert markdown._analyze(src, fast=True) == markdown._analyze(src, fast=False), src


def test_literal_brackets_take_the_fast_path() -> None:
    assert markdown._simple_pieces("Berm [Rukban] x", True) == [(0, "Berm [Rukban] x", None)]
    assert markdown._simple_pieces("Berm [Rukban] x", False) is None  # references unknown
    assert markdown._simple_pieces("a [b](/c) [d]", True) is None  # a link: the general path
    assert markdown._simple_pieces("a [d][e]", True) is None  # a full reference
