"""The seed article as Markdown (front matter, the headline as a heading, a code block) and as
an HTML fragment gives the same findings as the plain text, at the corresponding positions;
and fixing either keeps its markup."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from copydesk.checker import Checker
from copydesk.config import settings_from_table
from copydesk.document import Document
from copydesk.formats import markdown

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_bd715bf342a3177c.txt"
HEADLINE = 3  # 1-based line of the headline in the seed
CODE = "```text\nIt ended. .\nSkip to content\n```\n"
FRONT = "---\ntitle: Putin's mini-NATO. .\ntags: [Skip to content]\n---\n\n"
FRONT_LINES = FRONT.count("\n")


def checker() -> Checker:
    settings = settings_from_table({}, Path.cwd(), None)
    return Checker(settings.rules(), settings.language)


def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def to_markdown(lines: list[str]) -> tuple[str, dict[int, tuple[int, int]]]:
    """The Markdown text, and for each seed line (1-based) its row and column shift."""
    out = FRONT
    where: dict[int, tuple[int, int]] = {}
    for i, line in enumerate(lines, 1):
        prefix = "# " if i == HEADLINE else ""
        where[i] = (i + FRONT_LINES, len(prefix))
        out += prefix + line + ("\n" if i < len(lines) else "")
    return out + "\n" + CODE, where


def to_html(lines: list[str]) -> tuple[str, dict[int, tuple[int, int]]]:
    out = ""
    where: dict[int, tuple[int, int]] = {}
    for i, line in enumerate(lines, 1):
        tag = "h1" if i == HEADLINE else "p"
        text = html.escape(line, quote=False)
        assert text == line or i == 40, "the seed has HTML specials only on its last line"
        where[i] = (i, len(tag) + 2)
        out += (f"<{tag}>{text}</{tag}>" if line.strip() else "") + "\n"
    return out + "<pre>It ended. .\nSkip to content</pre>\n", where


def findings(text: str, path: str) -> list[tuple[str, int, int, str]]:
    doc = Document(text, path=path)
    out = []
    for d in checker().check(text, path):
        row, col = doc.row_col(d.start)
        out.append((d.code, row, col, html.unescape(text[d.start : d.end])))
    return out


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_seed_in_markup_has_the_plain_findings(fmt: str) -> None:
    lines = seed_lines()
    plain = findings("\n".join(lines), "seed.txt")
    assert plain, "the seed has findings"
    text, where = to_markdown(lines) if fmt == "markdown" else to_html(lines)
    got = findings(text, "seed.md" if fmt == "markdown" else "seed.html")
    expected = []
    for code, row, col, flagged in plain:
        new_row, shift = where[row]
        expected.append((code, new_row, col + shift, flagged))
    assert sorted(got) == sorted(expected)


def test_seed_markdown_fix_keeps_structure() -> None:
    text, _ = to_markdown(seed_lines())
    result = checker().fix(text, "seed.md", unsafe=True)
    assert result.text != text
    assert CODE in result.text and result.text.startswith(FRONT)
    para = ("paragraph_open", "paragraph_close")
    before = [k for k in markdown.skeleton(text) if k[0] not in para]
    after = [k for k in markdown.skeleton(result.text) if k[0] not in para]
    assert after == before  # the heading, the front matter and the code block are all still there
    plain = checker().fix("\n".join(seed_lines()), "seed.txt", unsafe=True).text
    assert [b.text for b in markdown.parse(result.text)] == [
        b.text for b in Document(plain, path="seed.txt").blocks
    ]
