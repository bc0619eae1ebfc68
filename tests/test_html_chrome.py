"""BP201 html-chrome-element on real pages: it finds page structure, and its unsafe fix keeps
the article (every gold article line of the corpus page survives)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from copydesk.checker import Checker
from copydesk.formats.html import Element, analyze
from copydesk.rules.boilerplate.html_chrome_element import HtmlChromeElement, chrome_kind

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "boilerplate"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def el(tag: str, **attrs: str) -> Element:
    return Element(tag, dict(attrs), 0, 1, 0)


@pytest.mark.parametrize(
    ("element", "kind"),
    [
        (el("nav"), "navigation"),
        (el("div", id="comments"), "comments"),
        (el("div", **{"class": "entry-share-buttons"}), "share widget"),
        (el("ul", **{"class": "addthis_toolbox"}), "share widget"),
        (el("form", action="https://x.org/wp-comments-post.php"), "comment form"),
        (el("form", role="search"), "search form"),
        (el("div", **{"class": "site-footer"}), "footer"),
        (el("div", **{"class": "social-media-embed"}), None),
        (el("aside", **{"class": "pullquote"}), None),
        (el("div", **{"class": "content-with-sidebar"}), None),
        (el("body", **{"class": "has-sidebar"}), None),
        (el("div", **{"class": "sharpness"}), None),
        (el("p"), None),
    ],
)
def test_chrome_kind(element: Element, kind: str | None) -> None:
    assert chrome_kind(element) == kind


def test_reports_outermost_elements_only() -> None:
    src = '<div class="share"><nav><a>Facebook</a></nav></div><p>The article.</p>'
    found = Checker([HtmlChromeElement()]).check(src, "a.html")
    assert [src[d.start : d.end] for d in found] == [
        '<div class="share"><nav><a>Facebook</a></nav></div>'
    ]


@pytest.mark.skipif(not (CORPUS / "pages").is_dir(), reason="corpus not available")
def test_unsafe_fix_keeps_the_article_on_corpus_pages() -> None:
    checker = Checker([HtmlChromeElement()])
    reported = kept = total = 0
    for page in sorted((CORPUS / "pages").glob("*.html"))[:15]:
        src = page.read_text(encoding="utf-8")
        article = (CORPUS / "articles" / f"{page.stem}.txt").read_text(encoding="utf-8")
        gold = [norm(line)[:60] for line in article.splitlines() if len(line.strip()) >= 60]
        reported += len(checker.check(src, str(page)))
        fixed = checker.fix(src, str(page), unsafe=True).text
        before = norm(" ".join(b.text for b in analyze(src).blocks))
        after = norm(" ".join(b.text for b in analyze(fixed).blocks))
        total += sum(g in before for g in gold)
        kept += sum(g in after for g in gold)
        assert len(after) < len(before)
    assert reported >= 15
    assert kept == total
