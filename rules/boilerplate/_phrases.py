"""The shipped page-chrome phrase tables (data/phrases-<lang>.toml) and their matcher.

A table entry is a whole line. Entries without placeholders go in a hash table of normalized
lines (one lookup per line); entries with placeholders (`{n}`, `{year}`, `{years}`, `{name}`,
`{text}`) are bucketed by their literal start, and each is compiled (on first use) and tried
only on a line that starts and ends with its literal text: most lines reach no regex at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from itertools import compress
from pathlib import Path
from typing import NamedTuple

from copydesk import artifacts, patterns, rx
from copydesk.document import Document
from copydesk.rules.boilerplate._facts import CHROME, column, shared
from copydesk.rules.boilerplate._lines import (
    MAX_UNIT_CHARS,
    lines_of,
    memo_map,
    normalize,
)

_DATA = Path(__file__).resolve().parent / "data"

LANGUAGES = ("en", "es", "de", "fr", "it", "pt")
KINDS = (
    "skip-link",
    "comment-form",
    "share",
    "follow",
    "newsletter",
    "cookie-consent",
    "advertising",
    "related",
    "navigation",
    "login",
    "copyright",
    "reading-time",
    "tags",
    "print-email",
    "author-box",
    "counter",
    "custom",  # entries from the `extend-phrases` option
)

# Placeholders. Each is linear on its own; lines are capped at MAX_UNIT_CHARS, which bounds the
# work of the alternation, and the match runs with a timeout besides.
_YEAR = r"(?:1[89]|20)\d\d"
PLACEHOLDERS: dict[str, str] = {
    "n": r"\d[\d,.]*(?: ?[kmb])?\+?",
    "year": _YEAR,
    "years": rf"{_YEAR}(?: ?[-–—] ?{_YEAR})?",
    "name": r"[^\s,;:!?]+(?: [^\s,;:!?]+){0,5}",
    "text": r".+",
}
_PLACEHOLDER = patterns.compile_re(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
_TIMEOUT = 0.5  # seconds; a timeout counts as no match


# NamedTuples, not dataclasses: a one-file run would import dataclasses for these two alone.
class Entry(NamedTuple):
    """One phrase of a table."""

    phrase: str  # as written in the table
    kind: str
    language: str
    pattern: bool  # has placeholders


class Match(NamedTuple):
    """A line recognized as one of the table's phrases."""

    entry: Entry


def _pattern(normalized: str) -> str:
    out = []
    pos = 0
    for m in _PLACEHOLDER.finditer(normalized):
        out.append(rx.escape(normalized[pos : m.start()]))
        out.append(PLACEHOLDERS[m.group(1)])
        pos = m.end()
    out.append(rx.escape(normalized[pos:]))
    return "".join(out)


@cache
def load_table(language: str) -> tuple[Entry, ...]:
    """The shipped entries of one language, in file order."""
    # Parsed once, then read back from copydesk's artifact store while the file is unchanged.
    table = artifacts.load_toml(_DATA / f"phrases-{language}.toml")
    entries = []
    for kind, body in table.items():
        if kind not in KINDS:
            raise ValueError(f"phrases-{language}.toml: unknown kind [{kind}]")
        for phrase in body["phrases"]:
            entries.append(Entry(phrase, kind, language, bool(_PLACEHOLDER.search(phrase))))
    return tuple(entries)


class _Entry:
    """A pattern entry, compiled on first use, with the literal text it must start and end
    with: a line that lacks either cannot match, so most lines never reach the pattern."""

    __slots__ = ("_regex", "entry", "head", "inner", "key", "least", "tail")

    def __init__(self, entry: Entry) -> None:
        self.entry = entry
        self.key = normalize(entry.phrase)
        parts = _PLACEHOLDER.split(self.key)  # literals at even indexes, placeholder names odd
        self.head, self.tail = parts[0], parts[-1]
        # The literal text between the placeholders ("{n} of {n}": " of "), which a match
        # holds too: a C-level `in` before the regex (`{n} of {n}` is a candidate for every
        # line that starts with a digit).
        self.inner = tuple(p for p in parts[2:-2:2] if p)
        # Every placeholder matches at least one character.
        self.least = sum(len(p) for p in parts[::2]) + len(parts) // 2
        self._regex: rx.Pattern[str] | None = None

    def possible(self, key: str) -> bool:
        return (
            len(key) >= self.least
            and key.startswith(self.head)
            and key.endswith(self.tail)
            and all(p in key for p in self.inner)
        )

    def fullmatch(self, key: str) -> bool:
        if self._regex is None:
            self._regex = patterns.compile(_pattern(self.key), rx.DOTALL)
        return self._regex.fullmatch(key, timeout=_TIMEOUT) is not None


class _Group:
    """Pattern entries tried in order; the first that matches the whole line wins (what one
    alternation of them gives: its first alternative that can match the whole line)."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        tries = [_Entry(e) for e in entries]
        # Entries by the last character of their literal tail (a line ending otherwise cannot
        # match them); those that end with a placeholder are candidates for every line.
        self._any = [(i, t) for i, t in enumerate(tries) if not t.tail]
        self._any_heads = tuple({t.head for _i, t in self._any})
        self._tails = tuple({t.tail for t in tries if t.tail})
        self._by_last: dict[str, list[tuple[int, _Entry]]] = {}
        for i, t in enumerate(tries):
            if t.tail:
                self._by_last.setdefault(t.tail[-1], []).append((i, t))
        self._tails_by_last = {
            c: tuple({t.tail for _i, t in ts}) for c, ts in self._by_last.items()
        }

    def screen(self, key: str) -> bool:
        """Whether an entry's literal tail ends the line or an entry's head starts it (what
        `match` needs; most lines fail, and callers test this before calling `match`)."""
        return key.endswith(self._tails) or key.startswith(self._any_heads)

    def match(self, key: str) -> Entry | None:
        """The first entry that matches `key`, a line that passes `screen`."""
        tail = self._by_last.get(key[-1:], [])
        if tail and not key.endswith(self._tails_by_last[key[-1]]):
            tail = []  # no entry's tail ends the line (one C-level test for all of them)
        head = self._any if key.startswith(self._any_heads) else []
        candidates = sorted(head + tail) if head and tail else head or tail
        for _i, t in candidates:
            if not t.possible(key):
                continue
            try:
                if t.fullmatch(key):
                    return t.entry
            except TimeoutError:
                continue  # a pathological line: no match for this entry
        return None


def _by_end(affixes: Iterable[str], end: int) -> dict[str, tuple[str, ...]]:
    """Non-empty `affixes` by their last (`end` -1) or first (`end` 0) character."""
    out: dict[str, list[str]] = {}
    for a in affixes:
        if a:
            out.setdefault(a[end], []).append(a)
    return {k: tuple(v) for k, v in out.items()}


_MEMO = 1 << 16  # memoized lines per matcher
_PREFIX = 2  # pattern entries are bucketed by the first two characters of their literal start


class Matcher:
    """Whole-line matching against a set of entries.

    Literal entries are one dict lookup. Pattern entries are bucketed so that a line is tried
    only against the few that can match it: by the first characters of their literal start,
    by "starts with a number" for `{n}`/`{year}` entries, and the rest (a free-text start)
    by the literal text they end with. Within a bucket, an entry is compiled and tried only
    when the line starts and ends with the entry's literal text.
    """

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.literal: dict[str, Entry] = {}
        self._memo: dict[str, Match | None] = {}
        by_prefix: dict[str, list[Entry]] = {}
        numeric: list[Entry] = []
        free: list[Entry] = []
        for e in entries:
            key = normalize(e.phrase)
            if not key:
                continue
            if not e.pattern:
                self.literal.setdefault(key, e)
                continue
            head = key[: key.find("{")]
            if len(head) >= _PREFIX:
                by_prefix.setdefault(head[:_PREFIX], []).append(e)
            elif not head and key.startswith(("{n}", "{year}", "{years}")):
                numeric.append(e)
            else:
                free.append(e)
        self.by_prefix = {k: _Group(v) for k, v in by_prefix.items()}
        self.numeric = _Group(numeric) if numeric else None
        # A free-text start ("{name}. All rights reserved."): the entry's literal tail (or,
        # when it ends with a placeholder, its head) is what screens the line.
        self.free = _Group(free) if free else None
        # What the `screen` of every group but the numeric one tests, for all of them at once
        # and bucketed by the line's last (first) character: a line that does not start with a
        # digit, ends with no entry's literal tail and starts with no head of an entry that ends
        # with a placeholder reaches no group (most lines).
        groups = [*self.by_prefix.values(), self.free]
        tails = {t for g in groups if g is not None for t in g._tails}
        heads = {h for g in groups if g is not None for h in g._any_heads}
        self._tails_by_last = _by_end(tails, -1)
        self._heads_by_first = _by_end(heads, 0)
        self._every_line = "" in heads  # an entry with no literal text at either end

    def match(self, text: str) -> Match | None:
        if len(text) > MAX_UNIT_CHARS:
            return None
        # The same lines ("Share", "Advertisement") recur in every file and every rule asks.
        if text in self._memo:
            return self._memo[text]
        if len(self._memo) >= _MEMO:
            self._memo.clear()
        hit = self._memo[text] = self._match_one(text)
        return hit

    def match_all(self, texts: list[str]) -> list[Match | None]:
        """`[self.match(t) for t in texts]` (see `memo_map`)."""
        return memo_map(self._memo, texts, self._match_new)

    def _match_one(self, text: str) -> Match | None:
        """`match` for a text the memo has not seen."""
        return None if len(text) > MAX_UNIT_CHARS else self.match_key(normalize(text))

    def _match_new(self, texts: list[str]) -> list[Match | None]:
        """`[self._match_one(t) for t in texts]`, with `match_key`'s literal lookup and its
        screen inlined: most of these lines are prose, which the screen rejects."""
        literal = self.literal
        every = self._every_line
        tails, heads = self._tails_by_last, self._heads_by_first
        match_key = self.match_key
        out: list[Match | None] = []
        for text in texts:
            key = normalize(text) if len(text) <= MAX_UNIT_CHARS else ""
            if not key:
                out.append(None)
            elif (hit := literal.get(key)) is not None:
                out.append(Match(hit))
            elif (
                every
                or key[0].isdigit()
                or key.endswith(tails.get(key[-1], ()))
                or key.startswith(heads.get(key[0], ()))
            ):
                out.append(match_key(key))
            else:
                out.append(None)
        return out

    def match_key(self, key: str) -> Match | None:
        """What `match` gives for a line of at most `MAX_UNIT_CHARS` characters whose
        normalized text is `key`."""
        if not key:
            return None
        hit = self.literal.get(key)
        if hit is not None:
            return Match(hit)
        if not (
            self._every_line
            or key[0].isdigit()
            or key.endswith(self._tails_by_last.get(key[-1], ()))
            or key.startswith(self._heads_by_first.get(key[0], ()))
        ):
            return None
        # The groups that can hold a match, in order; each screens the line first.
        group = self.by_prefix.get(key[:_PREFIX])
        if group is not None and group.screen(key) and (entry := group.match(key)) is not None:
            return Match(entry)
        group = self.numeric
        if group is not None and key[0].isdigit() and group.screen(key):
            entry = group.match(key)
            if entry is not None:
                return Match(entry)
        group = self.free
        if group is not None and group.screen(key) and (entry := group.match(key)) is not None:
            return Match(entry)
        return None


@cache
def _matcher(extra: tuple[tuple[str, str], ...], off: frozenset[str]) -> Matcher:
    entries = [e for lang in LANGUAGES for e in load_table(lang) if e.kind not in off]
    if "custom" not in off:
        entries += [Entry(p, "custom", lang, bool(_PLACEHOLDER.search(p))) for lang, p in extra]
    return Matcher(entries)


def matcher(extend: Mapping[str, Iterable[str]] | None = None, off: Iterable[str] = ()) -> Matcher:
    """The matcher for the shipped tables plus `extend` (language -> phrases), minus kinds `off`."""
    extra = tuple((lang, p) for lang, phrases in sorted((extend or {}).items()) for p in phrases)
    return _matcher(extra, frozenset(off))


def unit_matches(doc: Document, m: Matcher) -> list[Match | None]:
    """`m.match(text)` for every unit of `units(doc)` (`Lines.all_texts`), in order (cached per
    document and matcher: BP001 and the rules that skip its lines share one pass)."""
    key = f"boilerplate:matches:{id(m)}"  # matchers are cached for the life of the process
    found: list[Match | None] | None = doc.cache.get(key)
    if found is None:
        lines = lines_of(doc)
        if m is not matcher() or not shared(doc):
            found = m.match_all(lines.all_texts)
        else:
            # The shipped tables' matches of the lines come with the other rules' line facts,
            # through their memo (one lookup of a line where two memos cost two); only the
            # whole-block units of a document that has them go through the matcher's own.
            found = column(doc, CHROME)
            if lines._wholes:
                # Whole unit k comes right before its block's first line, after k others.
                wholes = m.match_all([unit.text for _first, unit in lines._wholes])
                for k, ((first, _unit), hit) in enumerate(zip(lines._wholes, wholes, strict=True)):
                    found.insert(first + k, hit)
        doc.cache[key] = found
    return found


def _line_hits(doc: Document) -> list[int]:
    """Indexes of the line units (not whole blocks) that the shipped tables match (cached)."""
    key = "boilerplate:known-chrome-lines"
    found: list[int] | None = doc.cache.get(key)
    if found is None:
        lines = lines_of(doc)
        hits = unit_matches(doc, matcher())
        matched = (lines.line_index(k) for k in compress(range(len(hits)), hits))
        found = doc.cache[key] = [i for i in matched if i >= 0]
    return found


def known_chrome_spans(doc: Document) -> set[tuple[int, int]]:
    """Source spans of the lines the shipped tables match (cached per document).

    The warning-tier rules skip these lines: BP001 already reports them.
    """
    key = "boilerplate:known-chrome"
    found: set[tuple[int, int]] | None = doc.cache.get(key)
    if found is None:
        lines = lines_of(doc)
        found = doc.cache[key] = {lines[i].span for i in _line_hits(doc)}
    return found


def known_chrome_flags(doc: Document) -> list[bool]:
    """For each of `line_units(doc)`: is its span one of `known_chrome_spans(doc)`? (cached)"""
    key = "boilerplate:known-chrome-flags"
    found: list[bool] | None = doc.cache.get(key)
    if found is None:
        lines = lines_of(doc)
        found = [False] * len(lines)
        if lines.distinct_spans:
            # No two lines share a span: a line's span is a known one when the line matched.
            for i in _line_hits(doc):
                found[i] = True
        elif hits := known_chrome_spans(doc):
            found = [u.span in hits for u in lines]
        doc.cache[key] = found
    return found


def known_chrome_among(doc: Document, indexes: list[int]) -> list[bool]:
    """`[known_chrome_flags(doc)[i] for i in indexes]`, matching only those lines when the flags
    are not known yet and no two lines share a span (BP107's pre-pass, which runs alone and
    looks at the long lines only)."""
    flags: list[bool] | None = doc.cache.get("boilerplate:known-chrome-flags")
    lines = lines_of(doc)
    if flags is None and lines.distinct_spans:
        m, texts = matcher(), lines.texts
        return [m.match(texts[i]) is not None for i in indexes]
    flags = known_chrome_flags(doc)
    return [flags[i] for i in indexes]
