"""Plain text: a paragraph is a run of non-blank lines; every character is prose."""

from __future__ import annotations

from copydesk import patterns
from copydesk.document import Block

# A line end followed by a blank line (whitespace only, up to the next LF or the end). The
# search jumps from LF to LF, and each attempt reads one line's whitespace: linear even on a
# 5 MB line of spaces. The blank line's own LF is left for the next match.
_BLANK_AFTER = patterns.compile_re(r"\n[^\S\n]*(?=\n|\Z)")
_BLANK_FIRST = patterns.compile_re(r"[^\S\n]*(?=\n|\Z)")


def parse(text: str) -> list[Block]:
    blocks: list[Block] = []
    first = _BLANK_FIRST.match(text)
    start = first.end() + 1 if first else 0  # the first line not yet read
    # From the first line's LF when it is blank: the search must see it, to see the next line.
    for m in _BLANK_AFTER.finditer(text, first.end() if first else 0):
        if m.start() >= start:
            _paragraph(text, start, m.start(), blocks)
        start = m.end() + 1
    if start < len(text):
        _paragraph(text, start, len(text), blocks)
    return blocks


def _paragraph(text: str, start: int, end: int, blocks: list[Block]) -> None:
    """The paragraph of lines `[start, end)` (`end` at the last line's LF or the text's end)."""
    if text[end - 1] == "\r":
        end -= 1  # the CR of a CRLF
    blocks.append(Block.verbatim("paragraph", text[start:end], start))
