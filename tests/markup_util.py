"""Helpers shared by the Markdown and HTML format tests."""

from __future__ import annotations

from copydesk import check_text
from copydesk.document import Block, Document


def assert_runs_verbatim(source: str, bs: list[Block]) -> None:
    """Every run of every block is a true copy of the source, inside the source."""
    for b in bs:
        for p, s, n in b.runs:
            assert source[s : s + n] == b.text[p : p + n], (b.kind, b.text)
        assert 0 <= b.start <= b.end <= len(source)


def pu101_in(text: str, filename: str) -> list[tuple[int, int, str]]:
    """(row, column, flagged source) of every PU101 finding in a document."""
    doc = Document(text, path=filename)
    out = []
    for d in check_text(text, filename=filename, select=["PU101"]):
        row, col = doc.row_col(d.start)
        out.append((row, col, text[d.start : d.end]))
    return out
