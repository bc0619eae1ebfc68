"""Format-specific parsers: text in, prose blocks with a source map out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from copydesk.document import Block

# Extension -> format name. Users map more through the `formats` configuration key (later).
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
}

FORMATS = ("text", "markdown", "html")


def format_for_path(path: str | None) -> str:
    if not path:
        return "text"
    return EXTENSIONS.get(PurePath(path).suffix.lower(), "text")


def _parser(fmt: str) -> Callable[[str], list[Block]]:
    # Imported on demand: a plain-text run never pays for the Markdown or HTML parser.
    if fmt == "markdown":
        from copydesk.formats import markdown

        return markdown.parse
    if fmt == "html":
        from copydesk.formats import html

        return html.parse
    from copydesk.formats import text

    return text.parse


def parse(text: str, fmt: str) -> list[Block]:
    return _parser(fmt)(text)
