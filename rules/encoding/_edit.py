"""Edits for prose the source spells differently: entities and backslash escapes.

`block.edit` refuses a range that is not one verbatim stretch of the source, which is right
for emphasis markers and tags. But a character written as an entity (`&Atilde;` in HTML,
`&amp;` in Markdown) or a backslash escape is prose too, just spelled another way; when the
source span holds nothing but text, entities and escapes that decode to exactly the flagged
prose, replacing the whole span (with the format's own escaping) is exact.
"""

from __future__ import annotations

from copydesk.diagnostics import Edit
from copydesk.document import Block, Document
from copydesk.lazy import lazy_regex

# What Markdown decodes in one pass: a backslash escape of ASCII punctuation, or a reference.
_MD_SPECIAL = lazy_regex(
    r"\\([!-/:-@\[-`{-~])|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)


def source_decode(src: str, fmt: str) -> str:
    """The prose a stretch of source stands for, if it holds only text, entities and escapes."""
    if fmt == "text":
        return src
    import html  # markup only: a plain-text run never imports it (nor its entity table)

    if fmt == "markdown":
        return str(_MD_SPECIAL.sub(lambda m: m.group(1) or html.unescape(m.group()), src))
    if fmt == "html":
        return html.unescape(src)
    return src


def locate(doc: Document, block: Block, a: int, b: int) -> tuple[int, int, bool]:
    """Source span of prose `[a, b)`, and whether it holds nothing but that prose.

    `block.span` maps prose that came from an entity to the edge of the markup around it (an
    empty span for `caf&eacute;` at the end of a paragraph). When the mapped span does not
    decode to the prose, the end is searched for: the shortest stretch from the same start
    that does (an entity is at most 32 characters).
    """
    s, e = block.span(a, b)
    want = block.text[a:b]
    if block.contiguous(a, b) or source_decode(doc.text[s:e], doc.format) == want:
        return s, e, True
    if doc.format in ("markdown", "html") and len(want) <= 200 and want:
        limit = min(len(doc.text), s + 40 * len(want) + 8)
        src = doc.text
        markdown = doc.format == "markdown"
        # Decoding never lengthens text, so the stretch is at least as long as the prose. In
        # Markdown it also ends with the prose's last character or a reference's `;` (an
        # escape ends with the character it stands for); ends that cannot are not decoded.
        last = want[-1]
        for end in range(max(s + 1, s + len(want)), limit + 1):
            if markdown and src[end - 1] != last and src[end - 1] != ";":
                continue
            if source_decode(src[s:end], doc.format) != want:
                continue
            # Not in the middle of a reference: `&copy` decodes too, but `;` belongs to it.
            if end == len(src) or source_decode(src[s : end + 1], doc.format) == want + src[end]:
                return s, end, True
    return s, e, False


def prose_edit(doc: Document, block: Block, a: int, b: int, content: str) -> Edit | None:
    """An edit replacing prose `[a, b)` of `block` with `content`, or None if it touches markup."""
    edit = block.edit(a, b, content)
    if edit is not None:
        return edit
    s, e, exact = locate(doc, block, a, b)
    if not exact or s >= e:
        return None
    escape = block.meta.get("escape")
    return Edit(s, e, escape(content) if callable(escape) else content)
