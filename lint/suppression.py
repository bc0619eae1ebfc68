"""Suppression comments in Markdown and HTML files.

    <!-- copydesk: disable PU101, BP -->   ... <!-- copydesk: enable PU101, BP -->
    <!-- copydesk: ignore PU101 -->        the next block (or the block holding the comment)
    <!-- copydesk: file-ignore BP -->      the whole file

A selector is a rule code, a code prefix (`BP`, `PU1`) or a rule name; no selector means every
rule. `disable` lasts until an `enable` naming the same selector (an `enable` with no selector
ends them all) or the end of the file. Only comments the format parser saw count: a directive
inside a code block is code. Plain text has no comments; use `per-file-ignores` there.

`UnusedSuppression` (CD100) reports directives that suppress nothing, with a safe fix that
removes them (ruff's RUF100).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Edit, Fix
from copydesk.document import Block, Document
from copydesk.rule import Example, Rule

_DIRECTIVE = patterns.compile_re(
    r"\s*copydesk\s*:\s*(disable|enable|ignore|file-ignore)(?![\w-])(.*)", re.DOTALL
)
_SPLIT = patterns.compile_re(r"[\s,]+")
ACTIONS = ("disable", "enable", "ignore", "file-ignore")


class Directive(NamedTuple):
    """One `copydesk: disable/enable/ignore` comment."""

    action: str
    selectors: tuple[str, ...]  # empty: every rule
    start: int  # source span of the comment
    end: int

    def matches(self, selector: str, d: Diagnostic) -> bool:
        return matches(selector, d.code, d.name)


def matches(selector: str, code: str, name: str) -> bool:
    if not selector:
        return True
    return code.startswith(selector.upper()) or name == selector.lower()


class Region:
    """Where one selector of one directive is in force: `[start, end)` of the source."""

    __slots__ = ("directive", "end", "selector", "start", "used")

    def __init__(self, directive: Directive, selector: str, start: int, end: int) -> None:
        self.directive = directive
        self.selector = selector
        self.start = start
        self.end = end
        self.used = False


def parse_directive(body: str, start: int, end: int) -> Directive | None:
    m = _DIRECTIVE.match(body)
    if not m:
        return None
    rest = m.group(2).strip()
    selectors = tuple(s for s in _SPLIT.split(rest) if s) if rest else ()
    return Directive(m.group(1), selectors, start, end)


def directives(doc: Document) -> list[Directive]:
    """The directives in the comments of a Markdown or HTML document, in source order."""
    if doc.format == "markdown":
        from copydesk.formats import markdown

        comments = markdown.analyze(doc.text).comments
    elif doc.format == "html":
        from copydesk.formats import html

        comments = html.analyze(doc.text).comments
    else:
        return []
    found = (parse_directive(c.body, c.start, c.end) for c in comments)
    return sorted((d for d in found if d is not None), key=lambda d: d.start)


class Suppressions:
    """A document's suppression comments and the regions they silence."""

    __slots__ = ("directives", "enables", "regions")

    def __init__(self, directives: list[Directive]) -> None:
        self.directives = directives
        self.regions: list[Region] = []
        # `enable` directives and the selectors they closed (an unmatched one is unused).
        self.enables: dict[Directive, set[str]] = {}

    @classmethod
    def of(cls, doc: Document) -> Suppressions:
        found = directives(doc)
        out = cls(found)
        if found:
            out._build(doc)
        return out

    def _build(self, doc: Document) -> None:
        n = len(doc.text)
        open_: dict[str, Region] = {}
        blocks = doc.blocks
        for d in self.directives:
            sels = d.selectors or ("",)
            if d.action == "file-ignore":
                self.regions.extend(Region(d, s, 0, n) for s in sels)
            elif d.action == "ignore":
                start, end = _next_block(blocks, d)
                self.regions.extend(Region(d, s, start, end) for s in sels)
            elif d.action == "disable":
                for s in sels:
                    if s.upper() not in open_:
                        opened = Region(d, s, d.end, n)
                        open_[s.upper()] = opened
                        self.regions.append(opened)
            else:  # enable
                closed: set[str] = set()
                keys = list(open_) if not d.selectors else [s.upper() for s in d.selectors]
                for key in keys:
                    if key in open_:
                        open_.pop(key).end = d.start
                        closed.add(key)
                self.enables[d] = closed

    def suppressed(self, d: Diagnostic, *, besides: Directive | None = None) -> bool:
        """Whether `d` is suppressed (by a directive other than `besides`); marks the regions
        that suppress it as used."""
        hit = False
        for r in self.regions:
            if r.directive is besides:
                continue
            if r.start <= d.start < r.end and matches(r.selector, d.code, d.name):
                r.used = True
                hit = True
        return hit

    def unused(self, rules: Sequence[Rule]) -> Iterator[tuple[Directive, list[str]]]:
        """Directives (and which of their selectors) that suppressed nothing. A selector that
        matches no rule of this run is left alone: nothing can be said about it."""

        def known(sel: str) -> bool:
            return any(matches(sel, r.code, r.name) for r in rules)

        by_directive: dict[Directive, list[Region]] = {}
        for r in self.regions:
            by_directive.setdefault(r.directive, []).append(r)
        for d in self.directives:
            if d.action == "enable":
                wanted = {s.upper() for s in d.selectors}
                closed = self.enables.get(d, set())
                if not closed:
                    yield d, list(d.selectors)
                elif wanted:
                    missing = [s for s in d.selectors if s.upper() not in closed]
                    if missing:
                        yield d, missing
                continue
            regions = by_directive.get(d, [])
            idle = [r.selector for r in regions if not r.used and known(r.selector)]
            if idle:
                yield d, [s for s in idle if s]


def _next_block(blocks: Sequence[Block], d: Directive) -> tuple[int, int]:
    """The region of an `ignore`: the block holding the comment, or from the comment to the
    end of the next block (a diagnostic on an element that opens before that block's text,
    like a `<nav>`, starts in between and is covered too)."""
    for b in blocks:
        if b.start <= d.start and d.end <= b.end:
            return b.start, b.end
        if b.start >= d.end:
            return d.end, b.end
    return d.end, d.end


def apply(doc: Document, diagnostics: list[Diagnostic], rules: Sequence[Rule]) -> list[Diagnostic]:
    """Drop suppressed diagnostics; add CD100 findings when that rule is in the run."""
    if doc.format not in ("markdown", "html"):
        return diagnostics
    sup = Suppressions.of(doc)
    if not sup.directives:
        return diagnostics
    kept = [d for d in diagnostics if not sup.suppressed(d)]
    reporter = next((r for r in rules if isinstance(r, UnusedSuppression)), None)
    if reporter is not None:
        for directive, d in reporter.report(doc, sup, rules):
            # A directive never silences the report about itself (`ignore` inside a block).
            if not sup.suppressed(d, besides=directive):
                kept.append(d)
    return kept


class UnusedSuppression(Rule):
    """## What it does
    Finds `<!-- copydesk: ... -->` suppression comments in Markdown and HTML files that
    suppress nothing: a `disable`, `ignore` or `file-ignore` whose rules report nothing where
    it applies, or an `enable` with no matching `disable`.

    ## Why is this bad?
    A stale suppression hides the next real problem of that kind, and readers of the source
    cannot tell which suppressions still matter.

    ## Example
    ```markdown
    <!-- copydesk: ignore PU101 -->
    A clean paragraph.
    ```

    ## Use instead
    ```markdown
    A clean paragraph.
    ```

    ## Fix safety
    Safe: removing a comment that suppresses nothing changes no finding and no rendered
    text. When only some of its codes are unused, the fix rewrites the comment without them.
    Codes of rules that did not run (not selected) are never reported.
    """

    code = "CD100"
    name = "unused-suppression"
    message = "Unused suppression `{directive}`{detail}"
    fix_availability = "always"
    # Self-contained: a directive without codes concerns every rule, CD100 included, so these
    # run with CD100 alone (as tests/test_examples.py runs them).
    examples = (
        Example(
            bad="<!-- copydesk: ignore -->\nA clean paragraph.\n",
            flagged="<!-- copydesk: ignore -->",
            fixed="A clean paragraph.\n",
            filename="a.md",
        ),
        Example(
            bad="Text.\n\n<!-- copydesk: enable -->\n",
            flagged="<!-- copydesk: enable -->",
            fixed="Text.\n",
            filename="a.md",
        ),
        Example(
            bad="<p>Fine.</p>\n<!-- copydesk: disable -->\n<p>Also fine.</p>\n",
            flagged="<!-- copydesk: disable -->",
            fixed="<p>Fine.</p>\n<p>Also fine.</p>\n",
            filename="a.html",
        ),
        Example(
            bad="Keep <!-- copydesk: ignore --> this.\n",
            flagged="<!-- copydesk: ignore -->",
            fixed="Keep this.\n",
            filename="a.md",
        ),
        # PU101 is not in this run: nothing can be said about its suppression.
        Example(good="<!-- copydesk: ignore PU101 -->\nOver. .\n", filename="a.md"),
        Example(good="<!-- a plain comment -->\nText.\n", filename="a.md"),
        Example(good="```\n<!-- copydesk: ignore -->\n```\n", filename="a.md"),
        Example(good="<!-- copydesk: ignore -->\nText.\n", filename="a.txt"),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        # Computed by the checker after every other rule ran (see `apply`).
        return iter(())

    def report(
        self, doc: Document, sup: Suppressions, rules: Sequence[Rule]
    ) -> Iterable[tuple[Directive, Diagnostic]]:
        for d, selectors in sup.unused(rules):
            raw = doc.text[d.start : d.end]
            remaining = [s for s in d.selectors if s not in selectors]
            if d.selectors and remaining and selectors:
                new = f"<!-- copydesk: {d.action} {', '.join(remaining)} -->"
                fix = Fix.safe("Remove the unused codes", Edit(d.start, d.end, new))
                detail = f" (unused: {', '.join(selectors)})"
            else:
                fix = Fix.safe("Remove the suppression comment", _removal(doc, d.start, d.end))
                detail = ""
            yield d, self.diagnostic(d.start, d.end, fix=fix, directive=raw, detail=detail)


def _removal(doc: Document, start: int, end: int) -> Edit:
    """Remove a comment; with its line when it is alone there."""
    line_a, line_b = doc.line_at(start), doc.line_at(max(start, end - 1))
    before = doc.text[line_a.start : start]
    after = doc.text[end : line_b.end]
    if not before.strip() and not after.strip():
        return Edit(*doc.removal_span(start, end))
    if before.endswith(" ") and (not after or after.startswith(" ")):
        start -= 1
    return Edit(start, end, "")
