"""The acronyms of one document: where each is used, where it is defined, and which look translated.

Shared by MT101 and MT102 through `doc.cache`, so the document is scanned once.

Definitions follow Schwartz & Hearst (PSB 2003): a short form in brackets after its long form
("Collective Security Treaty Organization (CSTO)"), or the long form in brackets after the short
form ("OTS [the Organization of Turkic States]"), or an appositive ("CEPA, the Center for
European Policy Analysis,"). The letter matching is stricter than theirs: every content word of
the long form must give the short form a letter, starting with its initial. So a foreign
acronym after its English long form ("North Atlantic Treaty Organization (OTAN)") does not
align, which is itself the sign of a translation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from functools import cache
from itertools import chain
from pathlib import Path
from typing import NamedTuple

from copydesk import patterns, rx
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Block, Document
from copydesk.rule import Rule
from copydesk.rules.translation._lexicon import Lexicon, document_lexicon

DATA = Path(__file__).parent / "data"
CACHE_KEY = "translation.acronyms"

# Words a long form may contain without giving its acronym a letter ("Organization *of* American
# States"); English plus the Romance and German articles and prepositions of untranslated names.
STOP = frozenset(
    "of the and for in on at to by with a an & de del la le les des du y et e da do dos das di "
    "della delle dei und für der die das von".split()
)


def _zipf(word: str) -> float:
    """Word frequency (the garbled family's table), imported on first use: importing that
    package imports every rule of it."""
    from copydesk.rules.garbled._lexicon import zipf

    return zipf(word)


# An acronym as used in running text: two to eight capitals, not glued to other letters or
# digits ("OTC’s", "mini-NATO" and "CSTO-led" count; "MP3" and "iPhone" do not). A plural or
# possessive "s" may follow ("CEOs").
USE = patterns.compile(r"(?<![\p{L}\p{N}_])(\p{Lu}{2,8})(?=s?(?![\p{L}\p{N}_]))")
# `USE`'s matches are whole runs of capitals (a shorter part of a run has a capital before or
# after it), so they are found from the runs: a pattern that opens with a capital is searched
# for far faster than one that opens with a look-behind. `_use_spans` tests the rest.
_CAPITALS = patterns.compile(r"\p{Lu}{2,}")
_WORD_CHAR = patterns.compile(r"[\p{L}\p{N}_]")


@cache
def _word_char(c: str) -> bool:
    """`c` is a letter, a digit or `_` (`[\\p{L}\\p{N}_]`, as `USE` sees it)."""
    return _WORD_CHAR.match(c) is not None


def _use_spans(text: str, runs: set[str] | None = None) -> list[tuple[int, int]]:
    """The spans of `USE.finditer(text)`'s group: capitals, two to eight, with no letter,
    digit or `_` before, and none after but a plural `s`. Every run of two or more capitals is
    added to `runs`, if given."""
    out = []
    n = len(text)
    for m in _CAPITALS.finditer(text):
        a, b = m.span()
        if runs is not None:
            runs.add(m.group())
        if _standalone(text, a, b, n):
            out.append((a, b))
    return out


def _standalone(text: str, a: int, b: int, n: int) -> bool:
    """Whether the capitals at `[a, b)` of `text` (`n` long) stand alone: at most 8 of them,
    no word character before, and none after but a plural "s" at the end of the word."""
    if b - a > 8 or (a and _word_char(text[a - 1])):
        return False
    if b < n:
        c = text[b]
        if c == "s":
            return not (b + 1 < n and _word_char(text[b + 1]))
        return not _word_char(c)
    return True


# A table form the capitals pattern finds; the others are searched for by `_extra_forms`.
_PLAIN_FORM = patterns.compile(r"\p{Lu}{2,8}")
# The token a definition's bracket may hold: mixed case allowed ("EuGH", "PhD") with 2+ capitals.
SHORT = r"\p{Lu}[\p{L}\p{N}&.\-]{0,9}"
_DEF_AFTER = patterns.compile(
    r"\(\s*(?:the\s+|or\s+|hereafter\s+|known\s+as\s+)?[\"“'‘]?(" + SHORT + r")[\"”'’]?\s*\)"
)
_DEF_BEFORE = patterns.compile(
    r"(?<![\p{L}\p{N}])(" + SHORT + r")\s?([(\[])\s*"
    r"(?:the\s+|i\.e\.,?\s+|or\s+)?([^()\[\]]{3,120})[)\]]"
)
_DEF_APPOSITIVE = patterns.compile(
    r"(?<![\p{L}\p{N}])(" + SHORT + r"),\s+(?:the|an?)\s+([^,.;:()\[\]]{3,120})[,.;]"
)
_WORD = patterns.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’&.\-]*")
_CLAUSE_END = patterns.compile(r"[.;:!?]\s|[()\[\]]|\n")
# Roman numerals of the kind text uses after names and events (II, XIV, XXI); not the rarer
# ones made of C, D, L and M, which are more often acronyms (CCI, MCC, LCD).
_ROMAN = patterns.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")


@cache
def _roman(token: str) -> bool:
    return _ROMAN.fullmatch(token) is not None


# -- data tables -----------------------------------------------------------------------------


class ForeignForm(NamedTuple):
    """A row of data/foreign_acronyms.tsv."""

    form: str
    canonical: str
    languages: tuple[str, ...]
    ambiguous: bool
    source: str


def _rows(name: str) -> Iterator[list[str]]:
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@cache
def foreign_forms() -> dict[str, ForeignForm]:
    out = {}
    for form, canonical, langs, ambiguous, source in _rows("foreign_acronyms.tsv"):
        out[form] = ForeignForm(
            form, canonical, tuple(langs.split(",")), ambiguous == "yes", source
        )
    return out


@cache
def long_forms() -> dict[str, tuple[str, ...]]:
    """English long forms of the canonical acronyms (data/organizations.tsv)."""
    rows = _rows("organizations.tsv")
    return {acr: tuple(s.strip() for s in longs.split("|")) for acr, longs in rows}


@cache
def known_acronyms() -> frozenset[str]:
    words: set[str] = set()
    for line in (DATA / "known_acronyms.txt").read_text(encoding="utf-8").splitlines():
        words.update(line.split("#", 1)[0].split())
    return frozenset(words)


@cache
def _odd_forms() -> tuple[str, ...]:
    """Table forms the capitals pattern misses: dotted, spaced, hyphenated or mixed case."""
    return tuple(sorted((f for f in foreign_forms() if not _PLAIN_FORM.fullmatch(f)), key=len))


@cache
def _odd_runs() -> tuple[tuple[str, frozenset[str]], ...]:
    """Each odd form with its runs of two or more capitals (`_CAPITALS` in the form)."""
    return tuple((f, frozenset(_CAPITALS.findall(f))) for f in _odd_forms())


def _odd_form_may_occur(text: str, runs: set[str]) -> bool:
    """Whether one of the odd forms may occur in `text`, whose runs of two or more capitals
    are `runs`. A match of their pattern has no letter on either side, so each run of capitals
    in the form is a whole run of the text; a form without one is looked for as a substring."""
    if runs.isdisjoint(_odd_run_union()) and not _odd_runless():
        return False  # (most blocks: none of the forms' runs of capitals)
    return any(r <= runs if r else f in text for f, r in _odd_runs())


@cache
def _odd_run_union() -> frozenset[str]:
    return frozenset(r for _f, runs in _odd_runs() for r in runs)


@cache
def _odd_runless() -> bool:
    """Whether an odd form has no run of two capitals (looked for as a substring)."""
    return any(not runs for _f, runs in _odd_runs())


@cache
def _extra_forms() -> rx.Pattern[str] | None:
    """A pattern for `_odd_forms`, longest first."""
    odd = _odd_forms()
    if not odd:
        return None
    alts = "|".join(rx.escape(f) for f in reversed(odd))
    return patterns.compile(r"(?<![\p{L}\p{N}_])(" + alts + r")(?![\p{L}\p{N}_])")


LANGUAGE_NAMES = {
    "es": "Spanish",
    "fr": "French",
    "pt": "Portuguese",
    "it": "Italian",
    "de": "German",
    "ru": "Russian (transliterated)",
    "ru-cyr": "Russian",
    "en": "machine-translation",
}


def language_names(form: ForeignForm) -> str:
    names = [LANGUAGE_NAMES.get(code, code) for code in form.languages]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# -- letter matching ---------------------------------------------------------------------------


def _letters(word: str) -> str:
    return "".join(c for c in word.lower() if c.isalnum())


def _is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(c in it for c in needle)


def aligns(short: str, words: list[str]) -> bool:
    """True when `short` spells the initials of `words` (Schwartz & Hearst, stricter).

    Each content word gives one or more consecutive letters of the short form, the first being
    its initial ("Organisation for Economic Co-operation and Development" -> OECD,
    "Economic Community of West African States" -> ECOWAS); stop words may give letters or none.
    """
    letters = _letters(short)
    lowered = [_letters(w) for w in words]
    if len(letters) < 2 or not lowered or not all(lowered) or len(words) > 2 * len(letters) + 4:
        return False
    stop = [w.lower() in STOP for w in words]
    if stop[0]:
        return False
    memo: dict[tuple[int, int], bool] = {}

    def fits(li: int, wi: int) -> bool:
        key = (li, wi)
        if key in memo:
            return memo[key]
        if wi == len(words):
            ok = li == len(letters)
        else:
            w = lowered[wi]
            ok = stop[wi] and fits(li, wi + 1)
            if not ok and li < len(letters) and letters[li] == w[0]:
                for lj in range(li + 1, len(letters) + 1):
                    if not _is_subsequence(letters[li + 1 : lj], w[1:]):
                        break
                    if fits(lj, wi + 1):
                        ok = True
                        break
        memo[key] = ok
        return ok

    return fits(0, 0)


def initials(long_form: str) -> str:
    """The acronym of a long form's content words: CSTO for Collective Security Treaty Org..."""
    return "".join(w[0].upper() for w in _WORD.findall(long_form) if w.lower() not in STOP)


# -- the document's acronyms ------------------------------------------------------------------


class Occurrence(NamedTuple):  # a tuple: documents have thousands of uses, made fast
    block: Block
    start: int  # prose offsets in block.text
    end: int


class Definition(NamedTuple):
    """An acronym's definition in the document: `short` spelled out as `long` at `at`."""

    short: str
    long: str
    aligned: bool
    at: Occurrence


Uses = dict[str, list[Occurrence]]


class Acronyms:
    """Where a document uses each acronym, and where it defines each."""

    __slots__ = ("definitions", "uses")

    def __init__(
        self, uses: Uses | None = None, definitions: dict[str, list[Definition]] | None = None
    ) -> None:
        self.uses: Uses = {} if uses is None else uses
        self.definitions: dict[str, list[Definition]] = {} if definitions is None else definitions

    def aligned(self, short: str) -> bool:
        return any(d.aligned for d in self.definitions.get(short, ()))

    def defined(self, short: str) -> bool:
        return short in self.definitions


def _shouting(text: str) -> bool:
    """A line in capitals (a headline, a sign): its capitals are not acronyms."""
    if len(text.split(None, 3)) < 3:  # (fewer than three words; split no further)
        return False
    # The ASCII characters counted in C: ASCII letters are A-Z and a-z, the upper-case ones
    # A-Z; the few others one by one.
    raw = text.encode("ascii", "ignore")
    letters = len(raw.translate(None, _NOT_ALPHA))
    upper = len(raw.translate(None, _NOT_UPPER))
    if not text.isascii():
        other = "".join(_NON_ASCII.findall(text))
        letters += sum(map(str.isalpha, other))
        upper += sum(map(str.isupper, filter(str.isalpha, other)))
    return upper > 0.6 * letters


_NON_ASCII = patterns.compile(r"[^\x00-\x7f]+")


_ASCII_LETTERS = frozenset(range(ord("A"), ord("Z") + 1)) | frozenset(range(ord("a"), ord("z") + 1))
_NOT_ALPHA = bytes(b for b in range(128) if b not in _ASCII_LETTERS)
_NOT_UPPER = bytes(b for b in range(128) if not ord("A") <= b <= ord("Z"))


def _caps_neighbour(text: str, a: int, b: int) -> bool:
    """The token sits among other all-capital words ("BREAKING NEWS OTC")."""
    return _caps_before(text, a) or _caps_after(text, b)


def _caps_before(text: str, a: int) -> bool:
    s = text[max(0, a - 30) : a]
    # The pattern needs blanks at the end (`$` also matches before a final line break) after a
    # letter; a lower-case one there makes the word no capital word. Both are tested first.
    t = s[:-1] if s.endswith("\n") else s
    u = t.rstrip(" \t")
    if len(u) == len(t) or not u or u[-1].islower():
        return False
    m = _WORD_BEFORE.search(s)
    return m is not None and len(m.group(1)) >= 2 and m.group(1).isupper()


def _caps_after(text: str, b: int) -> bool:
    s = text[b : b + 30]
    t = s.lstrip(" \t")
    if len(t) == len(s) or not t or t[0].islower():
        return False
    m = _WORD_AFTER.match(s)
    return m is not None and len(m.group(1)) >= 2 and m.group(1).isupper()


_WORD_BEFORE = patterns.compile(r"(\p{L}+)[ \t]+$")
_WORD_AFTER = patterns.compile(r"[ \t]+(\p{L}+)")


def _long_form_before(text: str, paren: int, short: str) -> tuple[str, bool]:
    """The words before `(SHORT)` that the short form aligns with, if any; else the window."""
    clause = 0
    for m in _CLAUSE_END.finditer(text, max(0, paren - 200), paren):
        clause = m.end()
    words = [m.group() for m in _WORD.finditer(text, clause, paren)]
    n = len(_letters(short))
    window = words[-min(n + 5, 2 * n) :] if n else []
    first = _letters(short)[:1]
    for k in range(len(window) - 1, -1, -1):
        if _letters(window[k])[:1] == first and aligns(short, window[k:]):
            return " ".join(window[k:]), True
    return " ".join(window), False


_LONG_FORM_END = patterns.compile(r"[,;]|\s[–—-]\s")


def _long_form_inside(content: str, short: str) -> tuple[str, bool]:
    head = _LONG_FORM_END.split(content, maxsplit=1)[0].strip()
    words = _WORD.findall(head)
    return head, aligns(short, words)


def _is_acronym_token(token: str) -> bool:
    return sum(c.isupper() for c in token) >= 2 and not token.endswith("-")


_NO_TOKENS: frozenset[str] = frozenset()


class _Raw:
    """Per block, the tokens the capitals pattern finds (before any test), and whether one of
    the odd forms occurs in it."""

    __slots__ = ("filled", "odd", "tokens")

    def __init__(self, tokens: list[AbstractSet[str]], odd: list[bool]) -> None:
        self.tokens = tokens
        self.odd = odd
        self.filled: list[int] = []  # the blocks with a set of tokens (maybe empty), in order

    def union(self) -> set[str]:
        return set().union(*self.tokens)


# ASCII capitals as "A", every other byte a space; a run of capitals is then a run of "A"s, which
# `re` finds by its literal prefix far faster than `regex` scans for `\p{Lu}{2,}`.
_CAPITALS_ONLY = bytes(65 if 65 <= b <= 90 else 32 for b in range(256))
_A_RUN = patterns.compile_re(r"AA+")


@cache
def _is_capital(c: str) -> bool:
    return _UPPER.match(c) is not None


def _padded_capital_runs(lex: Lexicon) -> Iterator[tuple[int, int]]:
    """`m.span()` of each `_CAPITALS` hit in the lexicon's text, each offset one more (offsets
    in the text with a character put in front, as the folded text has): from the ASCII
    capitals of the folded text when the text has no other capital letter (most English text:
    its non-ASCII characters are quotes and dashes, each one byte of the folded text)."""
    if any(_is_capital(c) for c in lex.non_ascii_chars):
        return ((m.start() + 1, m.end() + 1) for m in _CAPITALS.finditer(lex.text))
    return map(re.Match.span, _A_RUN.finditer(lex.folded.translate(_CAPITALS_ONLY).decode("ascii")))


# The ASCII letters, digits and "_": `_word_char` without a call for them.
_ASCII_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


_NO_RUNS: set[str] = set()  # (never changed)


def _raw_tokens(doc: Document) -> _Raw:
    """Every block's `_use_spans` tokens, from one scan of the document's blocks joined by
    newlines (`document_lexicon`; a Markdown page has hundreds of short blocks). A newline is
    neither a capital nor a letter, digit or `_`, so the runs and their tests are the blocks'."""
    key = CACHE_KEY + ".raw"
    cached = doc.cache.get(key)
    if isinstance(cached, _Raw):
        return cached
    blocks = doc.blocks
    count = len(blocks)
    raw = _Raw([_NO_TOKENS] * count, [False] * count)
    lex = document_lexicon(doc)
    # The text with a space at each end, so that its offsets are the folded text's, and a run
    # has a character on each side (a space is what the text's edge is to `_standalone`).
    padded = " " + lex.text + " "
    starts = lex.starts
    runs_of: dict[int, set[str]] = {}
    k = -1
    following = 0  # where the block after block k starts (in `padded`)
    runs: set[str] = set()
    tokens: set[str] = set()
    for a, b in _padded_capital_runs(lex):
        if a >= following:
            k = lex.block_at(a - 1)
            following = starts[k + 1] + 1 if k + 1 < count else len(padded)
            runs = runs_of[k] = set()
            tokens = set()
            raw.tokens[k] = tokens
        run = padded[a:b]
        runs.add(run)
        # `_standalone`'s test, written out (a call a run costs more): at most 8 capitals, no
        # word character before, and none after but a plural "s" at the end of the word.
        if b - a > 8:
            continue
        c = padded[a - 1]
        if c in _ASCII_WORD if c.isascii() else _word_char(c):
            continue
        c = padded[b + 1] if padded[b] == "s" else padded[b]
        if not (c in _ASCII_WORD if c.isascii() else _word_char(c)):
            tokens.add(run)
    # The odd forms' pattern runs only where one of them may occur (its look-behind is tried
    # at every position).
    extra = _extra_forms()
    if extra is not None:
        # A form without a run of two capitals ("UdS") may be in a block without one too. (A
        # document none of whose runs is one of the forms' has none: one test, in C.)
        if _odd_runless():
            looked: Iterable[int] = range(count)
        elif _odd_run_union().isdisjoint(chain.from_iterable(runs_of.values())):
            looked = ()
        else:
            looked = list(runs_of)
        for k in looked:
            block_text = blocks[k].text
            if _odd_form_may_occur(block_text, runs_of.get(k, _NO_RUNS)):
                raw.odd[k] = True
                found = raw.tokens[k]
                if not isinstance(found, set):
                    found = raw.tokens[k] = set()
                    runs_of[k] = _NO_RUNS  # (a block with tokens)
                found.update(extra.findall(block_text))
    raw.filled = sorted(runs_of)
    doc.cache[key] = raw
    return raw


def scan_uses(
    doc: Document, wanted: Callable[[str], bool] | AbstractSet[str] | None = None
) -> Uses:
    """Where each acronym is used (of those `wanted` says or holds, by default every one)."""
    uses: Uses = {}
    extra = _extra_forms()
    raw = _raw_tokens(doc)
    blocks = doc.blocks
    for k in raw.filled:  # (the blocks with capitals: a Markdown page has hundreds without)
        tokens = raw.tokens[k]
        if not tokens:
            continue  # no capitals: no use
        block = blocks[k]
        odd = raw.odd[k]
        text = block.text
        spans: list[tuple[int, int]] = []
        if extra is not None and odd:
            for m in extra.finditer(text):
                spans.append(m.span(1))
                uses.setdefault(m.group(1), []).append(Occurrence(block, *m.span(1)))
        shouting: dict[int, bool] = {}
        if wanted is None:
            chosen = None
        elif isinstance(wanted, AbstractSet):
            chosen = set(tokens & wanted)  # (C-level: the tokens were judged once a document)
        else:
            chosen = {t for t in tokens if wanted(t)}
        for token, a, b in _use_matches(text, chosen):
            if spans and any(s <= a < e for s, e in spans):
                continue
            if _roman(token) or _caps_neighbour(text, a, b):
                continue
            # A use never spans a line break; its line is tested for capitals (a headline)
            # once, and only when a use passes the other tests.
            line_start = text.rfind("\n", 0, a) + 1
            loud = shouting.get(line_start)
            if loud is None:
                line_end = text.find("\n", b)
                loud = _shouting(text[line_start : line_end if line_end >= 0 else len(text)])
                shouting[line_start] = loud
            if not loud:
                uses.setdefault(token, []).append(Occurrence(block, a, b))
    return uses


def _use_matches(text: str, chosen: set[str] | None) -> Iterator[tuple[str, int, int]]:
    """`USE.finditer(text)` as (token, start, end), of the `chosen` tokens (default all).

    A chosen token is found by a substring search and checked with `USE.match`: the
    pattern's matches are whole words, so they never overlap, and the places where it matches
    are the matches `finditer` gives.
    """
    if chosen is None:
        for a, b in _use_spans(text):
            yield text[a:b], a, b
        return
    found: list[tuple[int, int, str]] = []
    for token in chosen:
        at = text.find(token)
        while at >= 0:
            m = USE.match(text, at)
            if m is not None and m.group(1) == token:
                found.append((at, m.end(1), token))
            at = text.find(token, at + 1)
    for a, b, token in sorted(found):
        yield token, a, b


def scan(doc: Document, wanted: Callable[[str], bool] | None = None) -> Acronyms:
    """The document's uses (of the acronyms `wanted` says) and all its definitions."""
    out = Acronyms(uses=scan_uses(doc, wanted), definitions=scan_definitions(doc))
    return out


def scan_definitions(doc: Document) -> dict[str, list[Definition]]:
    key = CACHE_KEY + ".definitions"
    cached = doc.cache.get(key)
    if isinstance(cached, dict):
        return cached
    out = Acronyms()
    blocks = doc.blocks
    for k in _definition_blocks(doc):
        text = blocks[k].text
        if any(c.isupper() for c in text):  # every definition holds a capital
            _definitions(blocks[k], out)
    doc.cache[key] = out.definitions
    return out.definitions


def _definition_blocks(doc: Document) -> list[int]:
    """The indexes, in order, of the blocks where `_definitions` may find something: those with
    an opening bracket (every match of `_DEF_AFTER` and `_DEF_BEFORE` holds one) or a hit of
    `_APPOSITIVE_COMMA` (which every match of `_DEF_APPOSITIVE` starts at). Found in the
    blocks joined (`document_lexicon`), so a Markdown page's hundreds of short blocks are not
    looked at one by one (the commas only when a block without a bracket is left); a hit that
    runs on into the next block only keeps one block too many."""
    lex = document_lexicon(doc)
    found = set(lex.joined.holding("(", "["))
    if len(lex.starts) > len(found):  # (a block is left to look for)
        found.update(lex.joined.searched(_APPOSITIVE_COMMA))
    return sorted(found)


def _definitions(block: Block, out: Acronyms) -> None:
    text = block.text

    def add(short: str, long: str, aligned: bool, a: int) -> None:
        at = Occurrence(block, a, a + len(short))
        out.definitions.setdefault(short, []).append(Definition(short, long, aligned, at))

    for m in _DEF_AFTER.finditer(text):
        short = m.group(1).rstrip(".")
        if _is_acronym_token(short):
            long, ok = _long_form_before(text, m.start(), short)
            if long:
                add(short, long, ok, m.start(1))
    for m in _def_before(text):
        short = m.group(1).rstrip(".")
        if _is_acronym_token(short) and len(m.group(3).split()) >= 2:
            long, ok = _long_form_inside(m.group(3), short)
            if ok:
                add(short, long, ok, m.start(1))
    for m in _appositives(text):
        short = m.group(1)
        if _is_acronym_token(short):
            long, ok = _long_form_inside(m.group(2), short)
            if ok:
                add(short, long, ok, m.start(1))


_ANY_BRACKET = patterns.compile_re(r"[()\[\]]")
_UPPER = patterns.compile(r"\p{Lu}")
_SHORT_REACH = 11  # a short form is at most 10 characters, then one optional space


# What follows the comma of every `_DEF_APPOSITIVE` match (`re`'s `\s` holds all of `regex`'s).
_APPOSITIVE_COMMA = patterns.compile_re(r",\s+(?:the|an?)\s+")
_LONG_REACH = 121  # the long form and the mark after it


def _appositives(text: str) -> Iterator[rx.Match[str]]:
    """`_DEF_APPOSITIVE.finditer(text)`, searched only before the commas it can use.

    A match's short form (at most 10 characters, no comma, starting with a capital) ends at its
    comma, and what follows the comma is a hit of `_APPOSITIVE_COMMA`; the long form and its
    mark come within 121 characters after the hit. So the match with a hit's comma is searched
    for from 10 characters before the comma to that end, and only when a capital is there.
    """
    pos = 0
    n = len(text)
    for hit in _APPOSITIVE_COMMA.finditer(text):
        c = hit.start()
        start = max(pos, c - _SHORT_REACH + 1)
        if c < pos or _UPPER.search(text, start, c) is None:
            continue
        m = _DEF_APPOSITIVE.search(text, start, min(n, hit.end() + _LONG_REACH))
        if m is not None and m.start() < c:
            yield m
            pos = m.end()


def _def_before(text: str) -> Iterator[rx.Match[str]]:
    """`_DEF_BEFORE.finditer(text)`'s matches, searched only next to opening brackets; of
    those whose short form has fewer than two capitals (`str.isupper`), which `_definitions`
    does not keep, some are left out.

    A match holds one opening bracket, at most 11 characters after its start, and ends at the
    first bracket after that one (its content holds none). So the leftmost match from the scan
    position is found by searching from 11 characters before the next opening bracket to the
    bracket after it; the pattern's look-behind is not tried at every position of the text.
    A bracket with fewer than two capitals in the 11 characters before it is passed over: the
    short form of a match there (a word right before the bracket) has fewer. No match of a
    later bracket starts before one passed over (a short form holds no bracket), so those are
    found as before.
    """
    pos = 0
    for p in _open_brackets(text):
        if p < pos:
            continue
        start = max(pos, p - _SHORT_REACH)
        if sum(map(str.isupper, text[start:p])) < 2:
            pos = p + 1
            continue
        close = _ANY_BRACKET.search(text, p + 1)
        if close is None:
            break  # no bracket closes: no match from here on
        m = _DEF_BEFORE.search(text, start, close.end())
        if m is not None:
            yield m
            pos = m.end()


def _open_brackets(text: str) -> list[int]:
    """The offsets of "(" and "[", in order (by `str.find`: a `re` class is scanned a
    character at a time)."""
    out = []
    for mark in "([":
        at = text.find(mark)
        while at >= 0:
            out.append(at)
            at = text.find(mark, at + 1)
    out.sort()
    return out


def document_acronyms(doc: Document) -> Acronyms:
    found = doc.cache.get(CACHE_KEY)
    if not isinstance(found, Acronyms):
        found = scan(doc)
        doc.cache[CACHE_KEY] = found
    return found


# -- which acronyms look translated ------------------------------------------------------------


class Suspect(NamedTuple):
    """An acronym that should be `intended`; `kind` is "variant" (the document also uses the
    intended acronym or spells it out: MT101) or "foreign" (a known foreign form: MT102)."""

    form: str
    intended: str
    kind: str
    reason: str


def _same_letters(x: str, y: str) -> str | None:
    """How `x` relates to `y`, when `x` looks like `y` translated: permuted, or one letter
    short and out of order (OTC for CSTO). A letter dropped in order (IEA for IAEA) is a
    different organization far more often than a translation, so it does not count."""
    if x == y:
        return None
    if len(x) == len(y) and sorted(x) == sorted(y):
        return f"has the letters of `{y}` in another order"
    if len(y) == len(x) + 1 and not Counter(x) - Counter(y) and not _is_subsequence(x, y):
        return f"has the letters of `{y}` but one, in another order"
    return None


def _english_word(form: str) -> bool:
    """An ordinary English word written in capitals (how, act, own): zipf 4 or more."""
    return _zipf(form) >= 4.0


def _mentions(doc: Document, phrase: str) -> bool:
    return _mention_pattern(phrase).search(doc.prose) is not None


@cache
def _mention_pattern(phrase: str) -> rx.Pattern[str]:
    """A long form of the table as a whole phrase, in any case (one per long form, through the
    pattern store)."""
    return patterns.compile(r"(?<!\w)" + rx.escape(phrase) + r"(?!\w)", rx.I)


def _defined_as(info: Acronyms, short: str) -> str:
    for d in info.definitions.get(short, ()):
        if d.aligned:
            return d.long
    return ""


def suspects(doc: Document) -> dict[str, Suspect]:
    """The acronyms of the document that look translated (shared through `doc.cache`; the
    uses they were judged on are `suspect_info(doc).uses`)."""
    key = CACHE_KEY + ".suspects"
    cached = doc.cache.get(key)
    if isinstance(cached, dict):
        return cached
    table = foreign_forms()
    known = known_acronyms()
    canonicals = _canonicals()
    raw = _raw_tokens(doc).union()
    # Only a form in the table or an unknown one of three to six letters can be a suspect: when
    # the document has none, its definitions need not be looked for.
    if not any(f in table or (f not in known and 3 <= len(f) <= 6) for f in raw):
        doc.cache[key] = {}
        doc.cache[key + ".info"] = Acronyms()
        return {}
    definitions = scan_definitions(doc)
    # The uses that can change the outcome: the table's forms and their English acronyms, and
    # the unknown forms that have something to be a variant of (an acronym the document
    # defines, or an English acronym of the table it holds). The others are never looked up.
    anchors = {s for s, ds in definitions.items() if any(d.aligned for d in ds)}
    anchors |= raw & canonicals

    def wanted(token: str) -> bool:
        if token in table or token in canonicals:
            return True
        plain = token not in known and 3 <= len(token) <= 6
        return plain and any(_same_letters(token, y) for y in anchors)

    # (Each distinct token judged once: a Markdown page repeats its acronyms block by block.)
    info = Acronyms(uses=scan_uses(doc, {t for t in raw if wanted(t)}), definitions=definitions)
    doc.cache[key + ".info"] = info
    out = judge(doc, info)
    doc.cache[key] = out
    return out


def judge(doc: Document, info: Acronyms) -> dict[str, Suspect]:
    """The suspects among the acronyms `info` holds (`suspects` gives it the uses that
    matter; given every use, it finds the same)."""
    table = foreign_forms()
    known = known_acronyms()
    canonicals = _canonicals()
    longs = long_forms()
    out: dict[str, Suspect] = {}
    # Foreign forms the document holds that no bracket defines: corroboration for ambiguous ones.
    plain_foreign = {
        f for f in info.uses if f in table and not table[f].ambiguous and not info.aligned(f)
    }
    for form in info.uses:
        if info.aligned(form):
            continue  # defined in the document ("Cour pénale internationale (CPI)")
        entry = table.get(form)
        found = None
        # A form machine translation made up (OTC) is best explained by its letters; a form
        # with an official source by its language.
        if entry is None or entry.languages == ("en",):
            plain = form not in known and not info.defined(form) and 3 <= len(form) <= 6
            found = _letter_suspect(info, form, known, canonicals) if plain else None
        if found is None and entry is not None:
            found = _table_suspect(doc, info, entry, plain_foreign - {form}, longs)
        if found is not None:
            out[form] = found
    return out


def suspect_info(doc: Document) -> Acronyms:
    """The uses and definitions `suspects` judged the document's acronyms on."""
    suspects(doc)
    info = doc.cache[CACHE_KEY + ".suspects.info"]
    assert isinstance(info, Acronyms)
    return info


@cache
def _canonicals() -> frozenset[str]:
    return frozenset(e.canonical for e in foreign_forms().values())


def _table_suspect(
    doc: Document,
    info: Acronyms,
    entry: ForeignForm,
    other_foreign: set[str],
    longs: dict[str, tuple[str, ...]],
) -> Suspect | None:
    canonical = entry.canonical
    english = longs.get(canonical, ())
    langs = language_names(entry)
    spelled = next((lf for lf in english if _mentions(doc, lf)), "")
    # An unaligned definition "North Atlantic Treaty Organization (OTAN)": does the long form
    # spell the English acronym?
    for d in info.definitions.get(entry.form, ()):
        words = _WORD.findall(d.long)
        if any(aligns(canonical, words[k:]) for k in range(len(words))):
            return Suspect(
                entry.form,
                canonical,
                "variant",
                f"it is the {langs} form, and the long form before it is {d.long}",
            )
    if info.definitions.get(entry.form):
        return None  # defined as something else: the writer's own acronym
    uses_english = canonical in info.uses or info.defined(canonical)
    short_ambiguous = entry.ambiguous and len(entry.form) <= 2
    # An ambiguous form next to the English acronym is not enough: "the CPI rose, the ICC said"
    # is an index and a chamber of commerce. Its long form spelled out is.
    if uses_english and not entry.ambiguous:
        return Suspect(
            entry.form,
            canonical,
            "variant",
            f"it is the {langs} form, and the document also uses `{canonical}`",
        )
    if spelled and not short_ambiguous:
        return Suspect(
            entry.form,
            canonical,
            "variant",
            f"it is the {langs} form, and the document spells out {spelled}",
        )
    if not entry.ambiguous or other_foreign:
        what = f" ({english[0]})" if english else ""
        return Suspect(
            entry.form, canonical, "foreign", f"it is the {langs} form of `{canonical}`{what}"
        )
    return None


def _letter_suspect(
    info: Acronyms, form: str, known: frozenset[str], canonicals: frozenset[str]
) -> Suspect | None:
    # What a variant may stand for: an acronym the document defines, or an international
    # organization's English acronym that it uses. Not any known acronym: ARM next to RAM, or
    # RSS next to SARS, are two different things far more often than one translated.
    anchors = {s for s in info.definitions if info.aligned(s)}
    anchors |= {s for s in info.uses if s in canonicals}
    related = [(y, how) for y in sorted(anchors) if (how := _same_letters(form, y))]
    if len(related) != 1:
        return None  # none, or several candidates: no way to say which was meant
    if _english_word(form):
        return None  # "HOW" next to WHO, "ACT" next to CTA: a word in capitals
    intended, how = related[0]
    long = _defined_as(info, intended)
    if long:
        reason = f"it {how}, which the document defines as {long}"
    else:
        reason = f"it {how}, which the document uses"
    return Suspect(form, intended, "variant", reason)


# -- fixes --------------------------------------------------------------------------------------

_ONSETS = frozenset("bl br cl cr dr fl fr gl gr pl pr sc sk sl sm sn sp st sw tr tw".split())


def _spoken_as_word(acronym: str) -> bool:
    """NATO and OPEC are said as words, CSTO and OECD letter by letter (a rough guess)."""
    a = acronym.lower()
    if len(a) < 4 or not a.isalpha():
        return False
    vowels = sum(c in "aeiou" for c in a)
    first_two_consonants = a[0] not in "aeiou" and a[1] not in "aeiou"
    starts_with_two_vowels = a[0] in "aeiou" and a[1] in "aeiou"
    return (
        vowels * 3 >= len(a)
        and not starts_with_two_vowels
        and (not first_two_consonants or a[:2] in _ONSETS)
    )


def indefinite_article(acronym: str) -> str:
    """The article before an acronym: "an OTC", "a CSTO", "a NATO", "an OTAN"."""
    first = acronym[:1].upper()
    if _spoken_as_word(acronym):
        return "an" if first in "AEIO" else "a"
    return "an" if first in "AEFHILMNORSX" else "a"


_ARTICLE = patterns.compile(r"(?<![\p{L}\p{N}])([Aa]n?) $")


def replacement(block: Block, start: int, end: int, intended: str) -> tuple[int, str]:
    """Where the edit starts and what it writes: the acronym, and "a"/"an" when that changes."""
    m = _ARTICLE.search(block.text, max(0, start - 4), start)
    if m is None:
        return start, intended
    old = m.group(1)
    new = indefinite_article(intended)
    if old.lower() == new:
        return start, intended
    new = new.capitalize() if old[0].isupper() else new
    return m.start(1), f"{new} {intended}"


def suspect_diagnostics(rule: Rule, doc: Document, kind: str) -> Iterator[Diagnostic]:
    """MT101 and MT102's shared check: every use of a suspect acronym of `kind` ("variant" or
    "foreign"), with an unsafe fix to the intended English acronym."""
    found = suspects(doc)
    if not found:
        return
    info = suspect_info(doc)
    for form, suspect in found.items():
        if suspect.kind != kind:
            continue
        for occ in info.uses.get(form, ()):
            at, content = replacement(occ.block, occ.start, occ.end, suspect.intended)
            edit = occ.block.edit(at, occ.end, content)
            fix = Fix.unsafe(f"Replace with `{suspect.intended}`", edit) if edit else None
            yield rule.block_diagnostic(
                occ.block,
                occ.start,
                occ.end,
                fix=fix,
                form=form,
                intended=suspect.intended,
                reason=suspect.reason,
            )
