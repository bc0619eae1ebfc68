"""EN004 html-entity."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Document
from copydesk.joined import joined
from copydesk.lazy import lazy_regex
from copydesk.rule import Example, Rule
from copydesk.rules.encoding._edit import locate, prose_edit
from copydesk.rules.translation._lexicon import document_lexicon

# A character reference as HTML writes it: named (`&amp;`), decimal (`&#8217;`) or hexadecimal
# (`&#x2019;`), always with its semicolon, plus `&nbsp` without one (scrapers drop it) when no
# letter, digit or semicolon follows. Bare `&` as in `AT&T`, `R&D` or `Q&A` never matches.
ENTITY = lazy_regex(
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
    import html  # only where a reference was found

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
        if doc.format == "html" or "&" not in document_lexicon(doc).text:
            return  # (the blocks joined: one search)
        blocks = doc.blocks
        for k in joined(doc).holding("&"):  # (by `str.find` in the blocks joined)
            block = blocks[k]
            text = block.text
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
                edit = prose_edit(doc, block, a, b, decoded)
                fix = Fix.safe(f"Replace with `{_show(decoded)}`", edit) if edit else None
                s, e, _ = locate(doc, block, a, b)
                yield self.diagnostic(s, e, fix=fix, text=text[a:b], decoded=_show(decoded))


_REST = patterns.compile(
    r"(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};|nbsp(?![A-Za-z0-9;]))"
)


def _continuation(text: str, at: int) -> int | None:
    """End of the reference body (`#8217;`, `amp;`) that starts at `at`, if any."""
    m = _REST.match(text, at)
    return m.end() if m else None


def _show(s: str) -> str:
    return s.replace("\xa0", "\\xa0 (no-break space)")
