"""Markdown: until the Markdown parser lands (issue 6), Markdown files are read as plain text."""

from __future__ import annotations

from copydesk.document import Block
from copydesk.formats import text


def parse(source: str) -> list[Block]:
    return text.parse(source)
