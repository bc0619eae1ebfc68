"""BP106 edge-navigation: menu lines above the article's first paragraph or below its last."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from itertools import compress, repeat
from operator import eq
from typing import Any, ClassVar

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Severity
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.boilerplate._lines import (
    MEMO_SIZE,
    line_diagnostics,
    line_findings,
    line_texts,
    line_units,
    memo_map,
)
from copydesk.rules.boilerplate._phrases import known_chrome_flags
from copydesk.rules.boilerplate.social_counter_line import social

# Little words a menu label may hold in lower case ("News & Politics", "Arts and Culture").
CONNECTORS = frozenset(
    "& + and of the for to in on a an at by with / | und der die das de la le les et du des "
    "y e el los las del da do di della".split()
)
_WORD = patterns.compile(r"\S+")
_LABEL_WORD = patterns.compile(r"[\p{Lu}][\p{L}'’.\-]*|[\p{Lu}\d]+")
_PROSE_END = patterns.compile(r"[.!?…][\"”’)\]]?$")


def is_prose(text: str) -> bool:
    """A line that reads like article text: a sentence of some length."""
    if len(text) < 15:
        return False  # too short for 8 words and the 7 spaces between them (most menu lines)
    n = len(text.split())
    if n >= 15:
        return True
    t = text.rstrip()
    return n >= 8 and bool(_PROSE_END.search(t, max(0, len(t) - 2)))  # the last 1-2 characters


def is_menu_label(text: str, max_words: int) -> bool:
    """A short title-case label without sentence punctuation ("World", "Arts & Culture")."""
    t = text.strip()
    if not t or len(t) > 40 or t[-1] in ".!?,;:…":
        return False
    words = _WORD.findall(t)
    if len(words) > max_words:
        return False
    labels = 0
    classes = _CLASSES
    for w in words:
        # Through a memo of words: menu words ("News", "World", "&") recur on every page.
        c = classes.get(w)
        if c is None:
            if len(classes) >= MEMO_SIZE:
                classes.clear()
            c = classes[w] = _word_class(w)
        if c == _NOT_LABEL:
            return False
        labels += c
    # Last, as the costliest test: a label has a letter ("2019" alone is not one).
    return labels > 0 and any(map(str.isalpha, t))


_CONNECTOR, _LABEL, _NOT_LABEL = 0, 1, 2  # `_word_class`
_CLASSES: dict[str, int] = {}  # `_word_class` of the words seen


def _word_class(word: str) -> int:
    """A menu label's connector ("&", "and", "of"), a label word ("Arts", "COVID-19"), or a
    word that no menu label holds."""
    if word.lower() in CONNECTORS:
        return _CONNECTOR
    return _LABEL if _LABEL_WORD.fullmatch(word) else _NOT_LABEL


# `_line_kind` of the lines seen, per `max-words` (see `memo_map`).
_KINDS: dict[int, dict[str, int]] = {}


def _line_kind(text: str, max_words: int) -> int:
    """`kind` of a line that is not known chrome: 2 for a share bar or counter, 1 for a menu
    label, 0 otherwise."""
    if social(text) == 2:
        return 2
    return 1 if is_menu_label(text, max_words) else 0


def line_kinds(texts: list[str], max_words: int) -> list[int]:
    """`[_line_kind(t, max_words) for t in texts]`, memoized (the same menu lines, "Home",
    "World", top every page of a site) with no Python loop over the lines seen before."""
    memo = _KINDS.get(max_words)
    if memo is None:
        memo = _KINDS[max_words] = {}
    return memo_map(memo, texts, partial(map, partial(_line_kind, max_words=max_words)))


# A run of lines of a kind (1 or 2) in the lines' kinds as a string (see `check`).
_RUN = patterns.compile_re(r"[\x01\x02]+")
_PROSE: dict[str, bool] = {}  # `is_prose` of the lines seen (long enough for it)


def _first_prose(texts: list[str], order: range) -> int:
    """The first line of `order` that is prose, or -1. (`is_prose` is only called on lines
    long enough for it, most edge lines are short, and through a memo: a site's footer and
    byline lines recur on its pages.)"""
    memo = _PROSE
    for i in order:
        text = texts[i]
        if len(text) < 15:
            continue
        prose = memo.get(text)
        if prose is None:
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            prose = memo[text] = is_prose(text)
        if prose:
            return i
    return -1


class EdgeNavigation(Rule):
    """## What it does
    Finds navigation menus at the edges of a document: short title-case lines without final
    punctuation ("World", "Arts & Culture", "Sign In") above the first paragraph of prose or
    below the last one, but only in a run of at least `min-run` (default 3) such lines or
    known chrome lines, so that one neighbour is chrome too. The line right next to the
    article (often a headline, a byline or a sign-off) is never reported.

    ## Why is this bad?
    Menus and section links were part of the page, not of the article. At the top of a
    scraped text they bury the headline; at the bottom they trail after the last paragraph.

    ## Example
    ```text
    Politics
    World
    Europe
    Business
    Talks collapse in Geneva
    The talks collapsed on Tuesday after the delegations failed to agree.
    ```

    ## Use instead
    ```text
    Talks collapse in Geneva
    The talks collapsed on Tuesday after the delegations failed to agree.
    ```

    ## Fix safety
    Unsafe: the fix removes the menu lines. A short title-case line can also be a subheading
    or a list item, so a reader should confirm.
    """

    code = "BP106"
    name = "edge-navigation"
    message = "Navigation line at the edge of the article: `{text}`"
    severity = Severity.WARNING
    fix_availability = "always"
    options: ClassVar[Mapping[str, Any]] = {"min-run": 3, "max-words": 4}
    examples = (
        Example(
            bad=(
                "Politics\nWorld\nEurope\nBusiness\nTalks collapse in Geneva\n"
                "The talks collapsed on Tuesday after the delegations failed to agree.\n"
            ),
            flagged="World",
            fixed=(
                "Talks collapse in Geneva\n"
                "The talks collapsed on Tuesday after the delegations failed to agree.\n"
            ),
            unsafe=True,
        ),
        Example(
            bad=(
                "The talks collapsed on Tuesday after the delegations failed to agree.\n\n"
                "News\n\nSport\n\nArts & Culture\n\nWeather\n"
            ),
            flagged="Arts & Culture",
            # "News" touches the article and stays (it could be a sign-off).
            fixed="The talks collapsed on Tuesday after the delegations failed to agree.\n\nNews\n",
            unsafe=True,
        ),
        Example(
            good=(
                "Talks Collapse\n\n"
                "The talks collapsed on Tuesday after the delegations failed to agree.\n"
            )
        ),
        Example(
            good=(
                "The talks collapsed on Tuesday after the delegations failed to agree.\n\n"
                "Key Points\n\nThe delegations will meet again in May, officials said.\n"
            )
        ),
        Example(
            good=(
                "The talks collapsed on Tuesday after the delegations failed to agree.\n\n"
                "Jane Doe\nGeneva\n"
            )
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        min_run = int(self.settings["min-run"])
        max_words = int(self.settings["max-words"])
        lines = line_units(doc)
        texts = line_texts(doc)
        # The first and the last prose line (the lines between them are never looked at).
        first = _first_prose(texts, range(len(texts)))
        if first < 0:
            return  # a list or a menu page: nothing to take the edges of
        last = _first_prose(texts, range(len(texts) - 1, first - 1, -1))
        chrome = known_chrome_flags(doc)
        # The edges, without the line that touches the article (a headline or a sign-off).
        top = range(0, max(first - 1, 0))
        bottom = range(last + 2, len(lines))
        found: list[int] = []
        for edge in (top, bottom):
            # 2: known chrome (reported by BP001/BP102), 1: a menu label, 0: anything else.
            # (A known chrome line is looked at as an empty one, which the memo knows.)
            known = list(compress(range(len(edge)), chrome[edge.start : edge.stop]))
            edge_texts = texts[edge.start : edge.stop]
            for i in known:
                edge_texts[i] = ""
            kinds = line_kinds(edge_texts, max_words)
            for i in known:
                kinds[i] = 2
            # The runs of lines of a kind (one C-level search over the kinds as a string of
            # characters 0, 1 and 2), and in each run of at least `min-run` lines, its labels.
            for m in _RUN.finditer(bytes(kinds).decode("latin-1")):
                a, b = m.span()
                if b - a >= min_run:
                    found.extend(
                        compress(
                            range(edge.start + a, edge.start + b), map(eq, kinds[a:b], repeat(1))
                        )
                    )
        if not found:
            return
        # The lines' spans and fixes without building their units (most findings are here).
        yield from line_diagnostics(
            self, line_findings(doc, found, "Remove the navigation line", safe=False)
        )
