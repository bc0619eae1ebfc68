"""BP001 known-chrome-line: a whole line that is a known piece of page chrome."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import compress
from typing import Any, ClassVar

from copydesk.diagnostics import Diagnostic
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.boilerplate._lines import (
    MEMO_SIZE,
    Unit,
    line_diagnostics,
    line_findings,
    lines_of,
    removal_fixes,
)
from copydesk.rules.boilerplate._phrases import KINDS, LANGUAGES, Matcher, matcher, unit_matches

# `KnownChromeLine._message` of the lines seen.
_MESSAGES: dict[tuple[str, str], str] = {}


def check_options(settings: dict[str, Any]) -> Matcher:
    """Validate the options and build the matcher (a bad option is a clear error)."""
    extend = settings.get("extend-phrases") or {}
    off = settings.get("ignore-kinds") or []
    if not isinstance(extend, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(p, str) for p in v)
        for k, v in extend.items()
    ):
        raise ValueError("`extend-phrases` must be a table of language = [phrases]")
    unknown = sorted(set(off) - set(KINDS))
    if unknown:
        raise ValueError(f"`ignore-kinds`: unknown kind {unknown[0]!r} (known: {', '.join(KINDS)})")
    return matcher(extend, off)


class KnownChromeLine(Rule):
    """## What it does
    Finds a line that is, as a whole, a known piece of web-page chrome: a skip link, a comment
    form, a share or follow bar, a newsletter or cookie prompt, an advertising label, a "Read
    more" or "Related" link, a copyright line, a reading-time or counter line, tags, print and
    e-mail buttons, an author box. The phrases come from tables shipped with copydesk, one per
    language (English, Spanish, German, French, Italian, Portuguese), and all tables apply to
    every document: an English share button on a German page is chrome too.

    Matching is on whole lines (for Markdown and HTML, on whole prose blocks), case-insensitive,
    after whitespace and quote normalization; bullets and arrows around the line and a final
    colon or ellipsis are ignored. Variable parts are patterns: `12 comments`, `5 min read`,
    `© 2023 Example Media. All rights reserved.`. A phrase is never matched inside a sentence.

    Options: `extend-phrases` (a table of language = [phrases], with the same `{n}`, `{year}`,
    `{years}`, `{name}` and `{text}` placeholders) and `ignore-kinds` (kinds to switch off, e.g.
    `["copyright", "navigation"]`).

    ## Why is this bad?
    It was scraped from the page around the article and is not part of it. Readers of the
    republished text see "Skip to content" or "Leave a Reply" in the middle of the news.

    ## Example
    ```text
    Skip to content

    The talks ended on Tuesday.

    Leave a Reply
    ```

    ## Use instead
    ```text
    The talks ended on Tuesday.
    ```

    ## Fix safety
    Safe: the fix removes the whole line and the blank line that separated it from the next
    text (at the end of the file, the blank lines above it), and only when the source line
    holds nothing but the matched text and markup; the phrases are UI labels that never form a
    line of article prose on their own.
    """

    code = "BP001"
    name = "known-chrome-line"
    message = "Page chrome ({kind}): `{text}`"
    fix_availability = "always"
    options: ClassVar[Mapping[str, Any]] = {"extend-phrases": {}, "ignore-kinds": []}
    examples = (
        Example(
            bad="Skip to content\n\nThe talks ended on Tuesday.\n",
            flagged="Skip to content",
            fixed="The talks ended on Tuesday.\n",
        ),
        Example(
            bad="The talks ended on Tuesday.\n\nLeave a Reply\n",
            flagged="Leave a Reply",
            fixed="The talks ended on Tuesday.\n",
        ),
        Example(
            bad="The talks ended.\n\n12 Comments\n\nThey resume in May.\n",
            flagged="12 Comments",
            fixed="The talks ended.\n\nThey resume in May.\n",
        ),
        Example(
            bad="5 min read\n\nThe talks ended.\n",
            flagged="5 min read",
            fixed="The talks ended.\n",
        ),
        Example(
            bad="The talks ended.\n\n© 2023 Example Media. All rights reserved.\n",
            flagged="© 2023 Example Media. All rights reserved.",
            fixed="The talks ended.\n",
        ),
        Example(
            bad="Die Gespräche endeten.\n\nArtikel teilen\n",
            flagged="Artikel teilen",
            fixed="Die Gespräche endeten.\n",
        ),
        Example(
            bad="The talks ended.\n\nSubscribe to The Daily\n",
            flagged="Subscribe to The Daily",
            fixed="The talks ended.\n",
            options={"extend-phrases": {"en": ["Subscribe to The Daily"]}},
        ),
        Example(good="Leave a reply to the ministry, the envoy said."),
        Example(good="Die Vorteilen der Reform sind klar."),
        Example(good="Read more about the plan on page 4 of the report."),
        Example(good="© 2023 Example Media", options={"ignore-kinds": ["copyright"]}),
        Example(good="Share prices fell."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        m = self._matcher()
        lines = lines_of(doc)
        hits = unit_matches(doc, m)
        if lines.all_texts is lines.texts:
            # No multi-line block (a plain-text file over 320 characters, most Markdown): every
            # unit is a line, and the matched lines' spans and fixes are found without building
            # their units.
            texts = lines.texts
            matched = [
                (k, hit.entry.kind)
                for k, hit in zip(compress(range(len(hits)), hits), filter(None, hits), strict=True)
                if texts[k].strip()
            ]
            removals = line_findings(
                doc, [k for k, _ in matched], "Remove the page-chrome line", safe=True, strip=False
            )
            messages = [
                self._message(kind, text)
                for (_, kind), (_a, _b, text, _fix) in zip(matched, removals, strict=True)
            ]
            yield from line_diagnostics(self, removals, messages)
            return
        covered: list[tuple[int, int]] = []  # source spans of whole blocks already reported
        found: list[tuple[Unit, str]] = []
        # Only the matched units (a few in a hundred) are looked at, and built as `Unit`s.
        for k, hit in zip(compress(range(len(hits)), hits), filter(None, hits), strict=True):
            unit = lines.unit_at(k)
            if not unit.text.strip():
                continue
            s, e = unit.span
            if covered and any(a <= s and e <= b for a, b in covered):
                continue
            if unit.whole_block:
                covered.append((s, e))
            found.append((unit, hit.entry.kind))
        fixes = removal_fixes(doc, [u for u, _ in found], "Remove the page-chrome line", safe=True)
        for (unit, kind), fix in zip(found, fixes, strict=True):
            text = " ".join(unit.text.split())
            yield self.diagnostic(*unit.span, fix=fix, kind=kind, text=text)

    # The options `_matcher` last built a matcher for (copies), and that matcher.
    _built: tuple[Any, Any, Matcher] | None = None

    def _matcher(self) -> Matcher:
        """`check_options(self.settings)`, built again only when the options have changed
        since the last document (an equality test of two small values, where validating them
        and looking the matcher up costs several microseconds per document)."""
        extend = self.settings.get("extend-phrases")
        off = self.settings.get("ignore-kinds")
        built = self._built
        if built is not None and built[0] == extend and built[1] == off:
            return built[2]
        from copy import deepcopy  # (on a rebuild only: once per run)

        m = check_options(self.settings)
        # Deep copies: a change inside the option values must not go unseen.
        self._built = (deepcopy(extend), deepcopy(off), m)
        return m

    def _message(self, kind: str, text: str) -> str:
        """`message` for a line of `kind` with text `text` (before its whitespace is
        collapsed), memoized: the same chrome lines top every page of a site."""
        key = (kind, text)
        found = _MESSAGES.get(key)
        if found is None:
            if len(_MESSAGES) >= MEMO_SIZE:
                _MESSAGES.clear()
            found = _MESSAGES[key] = self.message.format(kind=kind, text=" ".join(text.split()))
        return found


__all__ = ["LANGUAGES", "KnownChromeLine"]
