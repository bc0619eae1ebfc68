"""EN004 html-entity."""

from __future__ import annotations

import html
from collections.abc import Iterator
from functools import cache

import regex

from copydesk.diagnostics import Diagnostic, Edit, Fix
from copydesk.document import Block, Document
from copydesk.rule import Example, Rule

# A character reference as HTML writes it: named (`&amp;`), decimal (`&#8217;`) or hexadecimal
# (`&#x2019;`), always with its semicolon, plus `&nbsp` without one (scrapers drop it) when no
# letter, digit or semicolon follows. Bare `&` as in `AT&T`, `R&D` or `Q&A` never matches.
ENTITY = regex.compile(
    r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};|nbsp(?![A-Za-z0-9;]))"
)


@cache
def _names() -> frozenset[str]:
    from html.entities import html5

    return frozenset(k for k in html5 if k.endswith(";"))


def _decode(ref: str) -> str | None:
    """The character(s) a reference stands for, or None when it is not a valid reference."""
    if ref == "&nbsp":
        return "\xa0"
    if ref[1] != "#" and ref[1:] not in _names():
        return None
    out = html.unescape(ref)
    # Invalid code points (`&#0;`, surrogates, beyond U+10FFFF) decode to U+FFFD: no fix.
    if out == ref or "\ufffd" in out:
        return None
    return out


class HtmlEntity(Rule):
    """## What it does
    Finds HTML character references left in plain text or Markdown prose: `&amp;`, `&#8217;`,
    `&rsquo;`, `&nbsp;`. A double-escaped reference (`&amp;#8217;`) is one finding, decoded all
    the way.

    Only real references count: a known entity name or a valid code point, with its semicolon
    (`AT&T`, `R&D` and `&c.` are left alone). HTML files are skipped, where references are
    markup. In Markdown the parser decodes the references Markdown itself allows, so the rule
    sees only what is still escaped in the rendered text, such as `&amp;amp;`.

    ## Why is this bad?
    Readers see `&#8217;` where an apostrophe belongs: the text was escaped for HTML once too
    often, or copied out of HTML source.

    ## Example
    ```text
    Barnes &amp; Noble said it didn&#8217;t agree.
    ```

    ## Use instead
    ```text
    Barnes & Noble said it didn’t agree.
    ```

    ## Fix safety
    Safe: the reference is replaced by exactly the character HTML defines for it (`&nbsp;`
    becomes a no-break space U+00A0). A reference to an invalid code point (`&#0;`) is reported
    without a fix.
    """

    code = "EN004"
    name = "html-entity"
    message = "HTML entity `{text}` in prose; it stands for `{decoded}`"
    fix_availability = "sometimes"
    examples = (
        Example(
            bad="Barnes &amp; Noble said it didn&#8217;t agree.",
            flagged="&amp;",
            fixed="Barnes & Noble said it didn’t agree.",
        ),
        Example(bad="it didn&#x2019;t", flagged="&#x2019;", fixed="it didn’t"),
        Example(bad="the &ldquo;deal&rdquo;", flagged="&ldquo;", fixed="the “deal”"),
        Example(bad="10&nbsp;km", flagged="&nbsp;", fixed="10\xa0km"),
        Example(bad="it&amp;#8217;s", flagged="&amp;#8217;", fixed="it’s"),
        Example(bad="AT&amp;amp;T", flagged="&amp;amp;", fixed="AT&T"),
        Example(
            bad="In Markdown too: it&amp;#8217;s",
            flagged="&amp;#8217;",
            fixed="In Markdown too: it’s",
            filename="a.md",
        ),
        Example(bad="Also \\&amp; here", flagged="\\&amp;", fixed="Also & here", filename="a.md"),
        Example(good="AT&T, R&D, Q&A and S&P 500 use a bare ampersand."),
        Example(good="Markdown decodes this one: Barnes &amp; Noble", filename="a.md"),
        Example(good="Not an entity: &madeup; or & amp;"),
        Example(good="<p>Barnes &amp; Noble didn&#8217;t agree.</p>", filename="a.html"),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if doc.format == "html":
            return
        for block in doc.blocks:
            text = block.text
            if "&" not in text:
                continue
            pos = 0
            while True:
                m = ENTITY.search(text, pos)
                if m is None:
                    break
                a, b = m.span()
                decoded = _decode(m.group())
                if decoded is None:
                    # Not a real reference; maybe one starts inside it (`&foo&amp;`).
                    pos = a + 1
                    continue
                # `&amp;` followed by the rest of a reference is a double escape: take it too.
                while decoded.endswith("&"):
                    n = _continuation(text, b)
                    if n is None:
                        break
                    inner = _decode("&" + text[b:n])
                    if inner is None:
                        break
                    decoded = decoded[:-1] + inner
                    b = n
                pos = b
                edit = _edit(doc, block, a, b, decoded)
                fix = Fix.safe(f"Replace with `{_show(decoded)}`", edit) if edit else None
                yield self.block_diagnostic(
                    block, a, b, fix=fix, text=text[a:b], decoded=_show(decoded)
                )


_REST = regex.compile(
    r"(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};|nbsp(?![A-Za-z0-9;]))"
)


def _continuation(text: str, at: int) -> int | None:
    """End of the reference body (`#8217;`, `amp;`) that starts at `at`, if any."""
    m = _REST.match(text, at)
    return m.end() if m else None


# What Markdown decodes in one pass: a backslash escape of ASCII punctuation, or a reference.
_MD_SPECIAL = regex.compile(
    r"\\([!-/:-@\[-`{-~])|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)


def _source_decode(src: str) -> str:
    return str(_MD_SPECIAL.sub(lambda m: m.group(1) or html.unescape(m.group()), src))


def _edit(doc: Document, block: Block, a: int, b: int, content: str) -> Edit | None:
    """An edit replacing prose `[a, b)`, also where the prose came from an entity or escape.

    In Markdown `&amp;#8217;` is prose `&#8217;` whose `&` is spelled `&amp;` in the source, so
    `block.edit` refuses it (it touches markup). When the source span holds nothing but text,
    escapes and entities that decode to exactly that prose, replacing all of it is exact.
    """
    edit = block.edit(a, b, content)
    if edit is not None:
        return edit
    s, e = block.span(a, b)
    if s >= e or _source_decode(doc.text[s:e]) != block.text[a:b]:
        return None
    escape = block.meta.get("escape")
    return Edit(s, e, escape(content) if callable(escape) else content)


def _show(s: str) -> str:
    return s.replace("\xa0", "\\xa0 (no-break space)")
