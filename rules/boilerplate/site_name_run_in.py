"""BP101 site-name-run-in: an outlet's name glued to the first sentence of a paragraph."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache, partial
from itertools import compress
from pathlib import Path
from typing import Any, ClassVar

from copydesk import patterns, rx
from copydesk.diagnostics import Diagnostic, Fix, Severity
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.boilerplate._facts import RUN_IN, column, shared
from copydesk.rules.boilerplate._lines import MEMO_SIZE, line_texts, line_units, memo_map
from copydesk.rules.boilerplate._phrases import known_chrome_flags

# Words that open a sentence and can never continue an outlet's name: articles, pronouns,
# prepositions, conjunctions (English, German, French, Spanish, Italian, Portuguese).
STARTERS = (
    "The A An In On At As After Before During Following According It He She They We I This "
    "That These Those There Here When While Although Though If Since Despite Amid Earlier Last "
    "Meanwhile However Officials Authorities Police Der Die Das Ein Eine Im Am Nach Laut Le La "
    "Les Un Une Selon El Los Las Una Según Il Lo Gli Secondo O Os As Um Uma Segundo"
).split()
# Programme and column titles that do start with a starter word ("CNN This Morning").
TITLES = frozenset(
    {
        "this morning",
        "this week",
        "the daily",
        "the view",
        "the five",
        "the world",
        "the lead",
        "the source",
        "the takeout",
        "the situation",
        "the big",
        "the briefing",
        "the interview",
        "the explainer",
    }
)


@cache
def _outlets() -> tuple[str, ...]:
    data = Path(__file__).resolve().parent / "data" / "outlets.txt"
    names = []
    for line in data.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            names.append(line)
    return tuple(names)


@cache
def _pattern(extra: tuple[str, ...]) -> rx.Pattern[str]:
    names = {*(_outlets()), *extra}
    names |= {n.upper() for n in names}
    # Longest first; ties by name, so that the source is the same in every run (a set's order
    # changes with the hash seed) and the compiled pattern is found in the artifact store.
    alternation = "|".join(rx.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    starters = "|".join(STARTERS)
    # Name, one space, a capitalized sentence opener, then at least three more words.
    return patterns.compile(
        rf"(?P<name>{alternation})(?P<sep>[ \u00a0])(?P<start>{starters})"
        rf"(?P<next> +\S+)(?: +\S+){{2}}"
    )


def _maybe(text: str) -> bool:
    """The pattern needs three spaces (after the opener and between the words after it): a
    cheap test that most lines (menus, labels) fail."""
    return text.count(" ") >= 3


@cache
def _first_words(extra: tuple[str, ...]) -> tuple[frozenset[str], int]:
    """The first words of the names `_pattern(extra)` matches, and a window that holds any of
    them and the character after it.

    A line the pattern matches starts (after its indentation) with a name and a space: its
    first whitespace-separated word is the name's first word. A one-set-lookup test that most
    lines (and nearly all prose) fail, where the pattern costs microseconds per line.
    """
    names = {*(_outlets()), *extra}
    words = frozenset(n.split()[0] for n in names | {n.upper() for n in names} if n.split())
    return words, max(map(len, words), default=0) + 1


@cache
def _second_words(extra: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """For a first word that starts only names of several words ("The" of "The Guardian"), the
    second words of those names: a line that starts with such a name has its second word as
    its own second word. (A first word that is a whole name, "Reuters", is not here.)"""
    names = {*(_outlets()), *extra}
    splits = [n.split() for n in names | {n.upper() for n in names}]
    whole = {ws[0] for ws in splits if len(ws) == 1}
    seconds: dict[str, set[str]] = {}
    for ws in splits:
        if len(ws) > 1 and ws[0] not in whole:
            seconds.setdefault(ws[0], set()).add(ws[1])
    return {first: frozenset(second) for first, second in seconds.items()}


# A run-in name in a line: where the name starts, where the space after it ends, where the
# sentence opener after that ends, and the name.
RunIn = tuple[int, int, int, str]


def run_in(text: str, extra: tuple[str, ...]) -> RunIn | None:
    """The outlet's name that runs into the sentence a line starts with, else None (the line
    alone: chrome and the line before are the rule's to look at)."""
    words, window = _first_words(extra)
    first = text.lstrip()[:window].split(None, 1)
    return _run_in(text, extra) if first and first[0] in words else None


def _run_in(text: str, extra: tuple[str, ...]) -> RunIn | None:
    """`run_in` of a line whose first word starts a name."""
    if not _maybe(text):
        return None  # too few words
    head = text.split(None, 2)
    second = _second_words(extra).get(head[0])
    if second is not None and (len(head) < 2 or head[1] not in second):
        return None  # "The" starts no name here ("The talks ...")
    lead = len(text) - len(text.lstrip())
    m = _pattern(extra).match(text, lead)
    if m is None:
        return None
    title = f"{m['start']}{m['next']}".lower().strip()
    if title in TITLES:
        return None
    return (m.start("name"), m.end("sep"), m.end("start"), m["name"])


_UNSEEN: Any = object()  # a text the memo below has not seen
# `_run_in` of the lines seen, per `site-names` option.
_RUN_INS: dict[tuple[str, ...], dict[str, RunIn | None]] = {}


# `run_in` of every line seen, per `site-names` option.
_LINES: dict[tuple[str, ...], dict[str, RunIn | None]] = {}


def run_ins(texts: list[str], extra: tuple[str, ...]) -> list[RunIn | None]:
    """`[run_in(t, extra) for t in texts]`, through a memo of every line (see `memo_map`): a
    site's pages share most of their lines."""
    memo = _LINES.get(extra)
    if memo is None:
        memo = _LINES[extra] = {}
    return memo_map(memo, texts, partial(_run_ins_new, extra=extra))


def _run_ins_new(texts: list[str], extra: tuple[str, ...]) -> list[RunIn | None]:
    """`[run_in(t, extra) for t in texts]`: the lines whose first word starts a name (one set
    lookup each; `split` skips the indentation, and a word longer than the window is no
    name's) through a memo (a site's lines recur on its pages; "The" starts many)."""
    words, window = _first_words(extra)
    memo = _RUN_INS.get(extra)
    if memo is None:
        memo = _RUN_INS[extra] = {}
    out: list[RunIn | None] = [None] * len(texts)
    for i in [
        i
        for i, t in enumerate(texts)
        if (first := t.lstrip()[:window].split(None, 1)) and first[0] in words
    ]:
        text = texts[i]
        found = memo.get(text, _UNSEEN)
        if found is _UNSEEN:
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            found = memo[text] = _run_in(text, extra)
        out[i] = found
    return out


class SiteNameRunIn(Rule):
    """## What it does
    Finds a paragraph that starts with a news outlet's name directly followed by a capitalized
    sentence start, with no punctuation between: `Newsweek The Russian Ministry of Defense…`.
    The outlet list ships with copydesk (major international and national outlets and wire
    agencies); add your own with the `site-names` option. Only sentence openers (articles,
    pronouns, prepositions such as "The", "It", "In", "According") count as the start, so a
    name that continues ("BBC News", "Bloomberg Businessweek") is left alone.

    ## Why is this bad?
    The outlet's name came from a logo, byline or label on the page and was run into the
    article's sentence by the scraper. Readers see a sentence that begins with a stray word.

    ## Example
    ```text
    Newsweek The Russian Ministry of Defense was contacted for comment by email.
    ```

    ## Use instead
    ```text
    The Russian Ministry of Defense was contacted for comment by email.
    ```

    ## Fix safety
    Unsafe: the fix deletes the outlet's name. That is right when it is a leaked label, but a
    sentence may (rarely) begin with the name of a column or programme that starts with "The".
    """

    code = "BP101"
    name = "site-name-run-in"
    message = "Outlet name `{outlet}` run into the sentence"
    severity = Severity.WARNING
    fix_availability = "always"
    options: ClassVar[Mapping[str, Any]] = {"site-names": []}
    examples = (
        Example(
            bad="Newsweek The Russian Ministry of Defense was contacted by email.",
            flagged="Newsweek The",
            fixed="The Russian Ministry of Defense was contacted by email.",
            unsafe=True,
        ),
        Example(
            bad="The talks ended.\n\nREUTERS It was not clear who fired first.",
            flagged="REUTERS It",
            fixed="The talks ended.\n\nIt was not clear who fired first.",
            unsafe=True,
        ),
        Example(
            bad="Daily Planet The mayor resigned on Monday evening.",
            flagged="Daily Planet The",
            fixed="The mayor resigned on Monday evening.",
            unsafe=True,
            options={"site-names": ["Daily Planet"]},
        ),
        Example(good="Newsweek reported the story on Tuesday."),
        Example(good="Bloomberg Businessweek The Russian Ministry of Defense said."),
        Example(good="Reuters, The Russian Ministry of Defense said, was not available."),
        Example(good="CNN This Morning host Audie Cornish asked him twice."),
        Example(good="The story was first reported by Newsweek The Russian Ministry."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        extra = tuple(str(s) for s in self.settings.get("site-names") or ())
        chrome = known_chrome_flags(doc)
        lines = line_units(doc)
        texts = line_texts(doc)
        # Without extra names, with the other rules' line facts (one memo for them all).
        found = column(doc, RUN_IN) if not extra and shared(doc) else run_ins(texts, extra)
        for i in compress(range(len(found)), found):
            if chrome[i]:
                continue  # known chrome
            # A line that continues the previous one's sentence is not a paragraph start.
            if i > 0 and lines.same_block(i - 1, i):
                last = texts[i - 1].rstrip()[-1:]
                if last.isalpha() and last.islower():
                    continue
            name_start, sep_end, start_end, outlet = found[i]  # type: ignore[misc]
            unit = lines[i]
            a = unit.start + name_start
            edit = unit.block.edit(a, unit.start + sep_end, "")
            fix = Fix.unsafe(f"Remove `{outlet}`", edit) if edit else None
            yield self.diagnostic(*unit.span_of(a, unit.start + start_end), fix=fix, outlet=outlet)
