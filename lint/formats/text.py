"""Plain text: a paragraph is a run of non-blank lines; every character is prose."""

from __future__ import annotations

from copydesk.document import Block


def parse(text: str) -> list[Block]:
    # A line-by-line scan rather than one regex: linear even on a 5 MB line of spaces.
    blocks: list[Block] = []
    start = -1  # start of the current paragraph, -1 when between paragraphs
    end = 0  # end of the last non-blank line's text
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        stop = n if nl < 0 else nl
        line_end = stop - 1 if stop > pos and text[stop - 1] == "\r" else stop
        if text[pos:line_end].strip():
            if start < 0:
                start = pos
            end = line_end
        elif start >= 0:
            blocks.append(Block.verbatim("paragraph", text[start:end], start))
            start = -1
        pos = stop + 1
    if start >= 0:
        blocks.append(Block.verbatim("paragraph", text[start:end], start))
    return blocks
