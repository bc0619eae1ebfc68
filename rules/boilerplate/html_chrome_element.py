"""BP201 html-chrome-element: page structure (nav, footer, aside, comment forms, share
widgets) inside an HTML article file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Edit, Fix
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.boilerplate._lines import line_at, removal_span

if TYPE_CHECKING:
    from copydesk.formats.html import Element

# Elements that are page structure by their very name.
CHROME_TAGS = {"nav": "navigation", "footer": "footer", "aside": "sidebar"}
# class/id words (split on "-", "_" and spaces) used by common themes and widgets: WordPress,
# Jetpack (sharedaddy), AddThis, AddToAny (a2a), ShareThis, Shareaholic, Disqus, Bootstrap.
CHROME_WORDS = {
    "share": "share widget",
    "sharing": "share widget",
    "sharebar": "share widget",
    "social": "share widget",
    "a2a": "share widget",
    "comments": "comments",
    "comment": "comments",
    "respond": "comments",
    "nav": "navigation",
    "navbar": "navigation",
    "navigation": "navigation",
    "menu": "navigation",
    "breadcrumb": "navigation",
    "breadcrumbs": "navigation",
    "footer": "footer",
    "sidebar": "sidebar",
}
# Widget names written as one word.
CHROME_SUBSTRINGS = {
    "sharedaddy": "share widget",
    "addthis": "share widget",
    "addtoany": "share widget",
    "sharethis": "share widget",
    "shareaholic": "share widget",
    "disqus": "comments",
    "commentlist": "comments",
    "commentform": "comments",
}
# Never chrome themselves: the page and the article (`<body class="has-sidebar">`).
NEVER = frozenset({"html", "head", "body", "main", "article"})
# Class words that make an element content after all: an embedded post or a quote
# (`social-media-embed` holds a quoted tweet), or a layout modifier (`with-sidebar`).
CONTENT_WORDS = frozenset({"embed", "embedded", "quote", "pullquote", "with", "has", "no"})
_WORD = patterns.compile_re(r"[a-z0-9]+")


def chrome_kind(el: Element) -> str | None:
    """What kind of page structure an element is, or None."""
    if el.tag in NEVER:
        return None
    names = " ".join((el.attrs.get("class", ""), el.attrs.get("id", ""))).lower()
    words = _WORD.findall(names)
    if CONTENT_WORDS.intersection(words):
        return None
    if el.tag in CHROME_TAGS:
        return CHROME_TAGS[el.tag]
    if el.tag == "form":
        action = el.attrs.get("action", "").lower()
        if "comment" in action or "comment" in names or "respond" in names:
            return "comment form"
        if el.attrs.get("role", "") == "search" or "search" in names:
            return "search form"
    for word in words:
        if word in CHROME_WORDS:
            return CHROME_WORDS[word]
    for sub, kind in CHROME_SUBSTRINGS.items():
        if sub in names:
            return kind
    return None


def _label(el: Element) -> str:
    for attr in ("id", "class"):
        value = el.attrs.get(attr, "").strip()
        if value:
            value = value if len(value) <= 40 else value[:39] + "…"
            return f'<{el.tag} {attr}="{value}">'
    return f"<{el.tag}>"


class HtmlChromeElement(Rule):
    """## What it does
    Finds page structure inside an HTML article file: `<nav>`, `<footer>` and `<aside>`
    elements, comment and search forms, and elements whose class or id names a share widget,
    a comments section, a menu, breadcrumbs, a footer or a sidebar (the names used by common
    themes and widgets: WordPress, Jetpack, AddThis, AddToAny, ShareThis, Disqus, Bootstrap).
    Each is reported once, as a whole element; elements inside a reported one are not
    reported again. Only HTML files are checked.

    An element is left alone when it holds the article: an `<article>`, `<main>` or `<h1>`
    element, or most of the document's prose (a layout wrapper named `sidebar-layout`).

    ## Why is this bad?
    An article file holds the article. Menus, footers, comment forms and share bars come from
    the page template; they are not part of the text and get republished with it.

    ## Example
    ```html
    <p>The talks ended on Tuesday.</p>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav>
    ```

    ## Use instead
    ```html
    <p>The talks ended on Tuesday.</p>
    ```

    ## Fix safety
    Unsafe: the fix removes the element with everything in it (and its lines, when it stands
    on lines of its own). A class name can mislead, so review the removal.
    """

    code = "BP201"
    name = "html-chrome-element"
    message = "Page structure in an article file: {kind} `{element}`"
    fix_availability = "always"
    examples = (
        Example(
            bad='<p>The talks ended on Tuesday.</p>\n<nav><a href="/">Home</a></nav>\n',
            flagged='<nav><a href="/">Home</a></nav>',
            fixed="<p>The talks ended on Tuesday.</p>\n",
            unsafe=True,
            filename="a.html",
        ),
        Example(
            bad='<p>Text.</p><div class="sharedaddy sd-sharing"><a>Facebook</a></div><p>End.</p>',
            flagged='<div class="sharedaddy sd-sharing"><a>Facebook</a></div>',
            fixed="<p>Text.</p><p>End.</p>",
            unsafe=True,
            filename="a.html",
        ),
        Example(
            bad=(
                "<p>Text.</p>\n\n"
                '<div id="respond">\n  <h3>Leave a Reply</h3>\n'
                '  <form action="/wp-comments-post.php"><textarea></textarea></form>\n'
                "</div>\n"
            ),
            flagged=(
                '<div id="respond">\n  <h3>Leave a Reply</h3>\n'
                '  <form action="/wp-comments-post.php"><textarea></textarea></form>\n'
                "</div>"
            ),
            fixed="<p>Text.</p>\n",
            unsafe=True,
            filename="a.html",
        ),
        Example(
            bad="<article><p>Text.</p><footer>Filed under: World</footer></article>",
            flagged="<footer>Filed under: World</footer>",
            fixed="<article><p>Text.</p></article>",
            unsafe=True,
            filename="a.html",
        ),
        Example(good="<p>Shares of the company rose. The menu changed.</p>", filename="a.html"),
        Example(
            good='<div class="has-sidebar"><article><h1>Talks</h1><p>Text.</p></article></div>',
            filename="a.html",
        ),
        Example(good='<p class="sharp">A <span class="comma">point</span>.</p>', filename="a.html"),
        Example(good="<nav>Home</nav>\n", filename="a.md"),
        Example(good="<nav>Home</nav>\n", filename="a.txt"),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if doc.format != "html":
            return
        # Here: the HTML analyzer is only needed for HTML files (start-up of other runs).
        from copydesk.formats.html import analyze

        parsed = analyze(doc.text)
        blocks = parsed.blocks
        # Article-like prose: paragraphs long enough to be sentences, not menu items.
        long = [b for b in blocks if b.kind != "alt" and len(b.text) >= 80]
        total = sum(len(b.text) for b in long)
        keepers = [e for e in parsed.elements if e.tag in ("article", "main", "h1")]
        done_until = -1
        for el in sorted(parsed.elements, key=lambda e: (e.start, -e.end)):
            if el.start < done_until:
                continue  # inside an element already reported
            kind = chrome_kind(el)
            if kind is None:
                continue
            if any(el.start <= k.start and k.end <= el.end for k in keepers):
                continue
            inside = sum(len(b.text) for b in long if el.start <= b.start and b.end <= el.end)
            if inside * 5 > total * 2 and inside > 160:
                continue  # it holds much of the prose: a layout wrapper, not chrome
            done_until = el.end
            fix = Fix.unsafe(f"Remove the <{el.tag}> element", _removal(doc, el.start, el.end))
            yield self.diagnostic(el.start, el.end, fix=fix, kind=kind, element=_label(el))


def _removal(doc: Document, start: int, end: int) -> Edit:
    """The element, with its lines when it stands on lines of its own."""
    first, last = line_at(doc, start), line_at(doc, max(start, end - 1))
    if not doc.text[first.start : start].strip() and not doc.text[end : last.end].strip():
        return Edit(*removal_span(doc, start, end))
    return Edit(start, end, "")
