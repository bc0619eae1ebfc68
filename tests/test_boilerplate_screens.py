"""The boilerplate rules' fast paths find exactly what the plain logic finds.

The BP rules screen lines with cheap string tests before their regexes, share one list of line
units per document, and match the phrase tables entry by entry (compiled on first use) rather
than with one alternation per bucket. Each shortcut is checked here against the plain version:
the screens are switched off and the findings compared, and the old implementations of the
table matcher, `normalize` and the line units serve as references on real and generated text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.checker import Checker
from copydesk.diagnostics import Diagnostic
from copydesk.document import Document
from copydesk.rule import Rule, registry
from copydesk.rules.boilerplate import (
    _facts,
    duplicate_paragraph,
    edge_navigation,
    leaked_caption,
    photo_credit,
    site_name_run_in,
)
from copydesk.rules.boilerplate import _lines as lines_module
from copydesk.rules.boilerplate._lines import normalize, units
from copydesk.rules.boilerplate._phrases import (
    _PLACEHOLDER,
    _TIMEOUT,
    LANGUAGES,
    PLACEHOLDERS,
    Entry,
    Matcher,
    load_table,
    matcher,
)

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT.parent / "shared" / "corpus" / "boilerplate" / "pages"
needs_corpus = pytest.mark.skipif(not PAGES.exists(), reason="no ../shared/corpus")


def page_texts(n: int = 60) -> list[str]:
    return [f.read_text(encoding="utf-8") for f in sorted(PAGES.glob("*.txt"))[:n]]


def as_markdown_list(text: str) -> str:
    """Page lines as list items of three soft-wrapped lines each (continuation lines)."""
    lines = [ln for ln in text.split("\n") if ln]
    items = ["- " + "\n  ".join(lines[i : i + 3]) for i in range(0, len(lines), 3)]
    return "\n".join(items) + "\n"


def findings(rule: Rule, text: str, filename: str) -> list[tuple[Any, ...]]:
    out = []
    for d in Checker([rule], language="en").check(text, filename):
        edits = tuple((e.start, e.end, e.content) for e in d.fix.edits) if d.fix else None
        out.append((d.code, d.start, d.end, d.message, edits))
    return out


def always(*_args: object) -> bool:
    return True


class Everything:
    def __contains__(self, _item: object) -> bool:
        return True


# Every screen of the family, and what switches it off.
SCREENS: dict[str, list[tuple[Any, str, Any]]] = {
    "BP101": [
        (site_name_run_in, "_maybe", always),
        (site_name_run_in, "_first_words", lambda _extra: (Everything(), 1 << 20)),
        (site_name_run_in, "_second_words", lambda _extra: {}),
    ],
    "BP103": [
        (photo_credit, "_maybe", always),
        (photo_credit, "_candidates", lambda texts: list(range(len(texts)))),
        (photo_credit, "_maybe_whole", always),
        (photo_credit, "_maybe_tail", always),
    ],
    "BP104": [
        (leaked_caption, "_maybe", always),
        (leaked_caption, "_candidates", lambda texts: list(range(len(texts)))),
        (leaked_caption, "_has_month", always),
        (leaked_caption, "_may_mark", always),
    ],
}


# The memos of the lines' results, emptied when the screens are switched off.
MEMOS: dict[str, list[tuple[Any, str]]] = {
    "BP101": [(site_name_run_in, "_RUN_INS"), (site_name_run_in, "_LINES"), (_facts, "_FACTS")],
    "BP103": [(_facts, "_FACTS")],
    "BP104": [(leaked_caption, "_CAPTIONS"), (_facts, "_FACTS")],
}


@needs_corpus
@pytest.mark.parametrize("code", sorted(SCREENS))
def test_screens_change_no_finding(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [(t, "page.txt") for t in page_texts(40)]
    docs += [(as_markdown_list(t), "page.md") for t in page_texts(10)]
    rule = registry()[code]()
    fast = [findings(rule, text, name) for text, name in docs]
    for module, name, plain in SCREENS[code]:
        monkeypatch.setattr(module, name, plain)
    for module, name in MEMOS[code]:  # (what the screened run left there is not looked at)
        monkeypatch.setattr(module, name, {})
    assert [findings(rule, text, name) for text, name in docs] == fast
    # Through the memos the unscreened run filled (every line's result seen before).
    assert [findings(rule, text, name) for text, name in docs] == fast


# -- the old implementations, as references ------------------------------------------------------

_OLD_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u00ad\u2060\ufeff"))
_OLD_QUOTES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "´": "'"})
_OLD_SPECIAL = re.compile("[\u200b-\u200f\u00ad\u2060\ufeff’‘‛“”„´]")
_OLD_SPACE = re.compile(r"\s+")


def old_normalize(text: str) -> str:
    t = text if text.isascii() else unicodedata.normalize("NFKC", text)
    if _OLD_SPECIAL.search(t):
        t = t.translate(_OLD_INVISIBLE).translate(_OLD_QUOTES)
    t = _OLD_SPACE.sub(" ", t).strip(lines_module._LEAD).strip(lines_module._TRAIL).strip()
    return t.casefold()


def _pattern(normalized: str) -> str:
    out, pos = [], 0
    for m in _PLACEHOLDER.finditer(normalized):
        out.append(regex.escape(normalized[pos : m.start()]))
        out.append(PLACEHOLDERS[m.group(1)])
        pos = m.end()
    out.append(regex.escape(normalized[pos:]))
    return "".join(out)


class OldGroup:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        alternation = "|".join(f"({_pattern(normalize(e.phrase))})" for e in entries)
        self.regex = regex.compile(alternation, regex.DOTALL)

    def match(self, key: str) -> Entry | None:
        m = self.regex.fullmatch(key, timeout=_TIMEOUT)
        return None if m is None or m.lastindex is None else self.entries[m.lastindex - 1]


class OldMatcher:
    """The matcher as it was: one alternation per bucket, compiled up front."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.literal: dict[str, Entry] = {}
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
            if len(head) >= 2:
                by_prefix.setdefault(head[:2], []).append(e)
            elif not head and key.startswith(("{n}", "{year}", "{years}")):
                numeric.append(e)
            else:
                free.append(e)
        self.by_prefix = {k: OldGroup(v) for k, v in by_prefix.items()}
        self.numeric = OldGroup(numeric) if numeric else None
        self.free = [(normalize(e.phrase).rsplit("}", 1)[-1], OldGroup([e])) for e in free]

    def match(self, text: str) -> Entry | None:
        if len(text) > lines_module.MAX_UNIT_CHARS:
            return None
        key = normalize(text)
        if not key:
            return None
        hit = self.literal.get(key)
        if hit is not None:
            return hit
        groups = [self.by_prefix.get(key[:2])]
        if key[0].isdigit():
            groups.append(self.numeric)
        groups.extend(g for tail, g in self.free if key.endswith(tail))
        for group in groups:
            if group is not None:
                entry = group.match(key)
                if entry is not None:
                    return entry
        return None


def _fill(fills: dict[str, list[str]], name: str, k: int) -> str:
    return fills[name][k % len(fills[name])]


def _instances() -> list[str]:
    """Every table phrase with its placeholders filled in a few ways."""
    fills = {
        "n": ["12", "1,024", "3.5k", "7+"],
        "year": ["2019"],
        "years": ["2009-2023", "2019"],
        "name": ["Jane Doe", "Example Media Group"],
        "text": ["anything at all", "x"],
    }
    out = []
    for lang in LANGUAGES:
        for e in load_table(lang):
            out.append(e.phrase)
            for k in range(2):
                out.append(_PLACEHOLDER.sub(lambda m, k=k: _fill(fills, m.group(1), k), e.phrase))
    return out


def test_matcher_agrees_with_the_alternations_on_table_phrases() -> None:
    new, old = matcher(), OldMatcher(e for lang in LANGUAGES for e in load_table(lang))
    for text in _instances():
        hit = new.match(text)
        assert (hit.entry if hit else None) == old.match(text), text


@needs_corpus
def test_matcher_agrees_with_the_alternations_on_page_lines() -> None:
    new, old = matcher(), OldMatcher(e for lang in LANGUAGES for e in load_table(lang))
    for page in page_texts(181):
        for text in page.split("\n"):
            hit = new.match(text)
            assert (hit.entry if hit else None) == old.match(text), text


_NORMALIZE_TEXT = st.text(
    alphabet=st.sampled_from(
        list(
            "aZé Ǆ\t\n\r\x0b\x1c\x01\x85\u2028\u00a0\u2003\u200b\u200d\u00ad\ufeff’‘“”„´"
            "•·|»›>→-–—*#:.…!ﬁ½Ｆ¨"
        )
    ),
    max_size=30,
)


@settings(max_examples=1000, deadline=None)
@given(_NORMALIZE_TEXT)
def test_normalize_is_unchanged(text: str) -> None:
    assert normalize.__wrapped__(text) == old_normalize(text)


def test_normalize_premises() -> None:
    # `normalize` looks for invisible characters only in an unprintable text, and collapses
    # whitespace only in an unprintable text or one with a double space.
    assert not any(c.isprintable() for c in lines_module._INVISIBLE)
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert [c for c in spaces if c.isprintable()] == [" "]
    # And strips no other whitespace after the decoration: both sets strip the space.
    assert " " in lines_module._LEAD and " " in lines_module._TRAIL


@needs_corpus
def test_normalize_is_unchanged_on_page_lines() -> None:
    for page in page_texts(181):
        for text in page.split("\n"):
            assert normalize.__wrapped__(text) == old_normalize(text)


def reference_units(doc: Document) -> list[tuple[int, int, bool, str, tuple[int, int]]]:
    """What `units` gave before: `Block.lines()` and `Block.span()` for every unit."""
    out = []
    for block in doc.blocks:
        spans = list(block.lines())
        if len(spans) > 1 and len(block.text) <= lines_module.MAX_UNIT_CHARS:
            out.append((0, len(block.text), True, block.text, block.span(0, len(block.text))))
        for a, b in spans:
            if b > a:
                out.append((a, b, False, block.text[a:b], block.span(a, b)))
    return out


def unit_tuples(doc: Document) -> list[tuple[int, int, bool, str, tuple[int, int]]]:
    return [(u.start, u.end, u.whole_block, u.text, u.span) for u in units(doc)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Share", "x", " ", "\n", "\r\n", "\n\n", "- ", "> ", "*a*", "&amp;"])
    ),
    st.sampled_from(["a.txt", "a.md", "a.html"]),
)
def test_units_are_unchanged(parts: list[str], filename: str) -> None:
    doc = Document("".join(parts), path=filename)
    assert unit_tuples(doc) == reference_units(doc)


@needs_corpus
def test_units_are_unchanged_on_pages() -> None:
    for text in page_texts(20):
        for doc in (
            Document(text, path="a.txt"),
            Document(text.replace("\n", "\r\n"), path="a.txt"),
            Document(as_markdown_list(text), path="a.md"),
        ):
            assert unit_tuples(doc) == reference_units(doc)
    for f in sorted(PAGES.glob("*.html"))[:5]:
        doc = Document(f.read_text(encoding="utf-8"), path="a.html")
        assert unit_tuples(doc) == reference_units(doc)


@pytest.mark.parametrize("text", ["Share", "a\nb", "x\r\ny", "- a\n  b"])
def test_span_of_is_block_span(text: str) -> None:
    for filename in ("a.txt", "a.md"):
        doc = Document(text, path=filename)
        for u in units(doc):
            for a in range(u.start, u.end + 1):
                assert u.span_of(a, u.end) == u.block.span(a, u.end)


# -- BP105, BP106: the rewritten tests -----------------------------------------------------------


def old_is_prose_105(text: str, min_words: int) -> bool:
    words = text.split()
    if len(words) < min_words or not duplicate_paragraph._PROSE_END.search(text):
        return False
    if text.lstrip()[:1] in "—–-•*":
        return False
    numeric = sum(any(c.isdigit() for c in w) for w in words)
    return numeric * 10 < len(words)


def old_is_prose_106(text: str) -> bool:
    n = len(text.split())
    return (n >= 8 and bool(edge_navigation._PROSE_END.search(text.rstrip()))) or n >= 15


def old_is_menu_label(text: str, max_words: int) -> bool:
    t = text.strip()
    if not t or len(t) > 40 or t[-1] in ".!?,;:…" or not any(c.isalpha() for c in t):
        return False
    words = edge_navigation._WORD.findall(t)
    if len(words) > max_words:
        return False
    labels = 0
    for w in words:
        if w.lower() in edge_navigation.CONNECTORS:
            continue
        if not edge_navigation._LABEL_WORD.fullmatch(w):
            return False
        labels += 1
    return labels > 0


_PROSE_PARTS = "word Word 2019 ² ٣ x1 & and . ! ? ” ) — • World Arts …".split()
_PROSE_TEXT = st.lists(
    st.sampled_from([*_PROSE_PARTS, " ", "  ", "\u2003", "\x1c", "\n"]), max_size=40
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_PROSE_TEXT, st.integers(min_value=0, max_value=14))
def test_prose_and_label_tests_are_unchanged(text: str, n: int) -> None:
    assert duplicate_paragraph.is_prose(text, n) == old_is_prose_105(text, n)
    assert edge_navigation.is_prose(text) == old_is_prose_106(text)
    assert edge_navigation.is_menu_label(text, n % 6) == old_is_menu_label(text, n % 6)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=list("a.!?\"”’)]' \t\r\x0b\x1c\x1f\x85\xa0\u2028\u3000"), max_size=8))
def test_ends_like_prose_is_the_pattern(line: str) -> None:
    pattern = duplicate_paragraph._PROSE_END
    expected = bool(pattern.search(line, max(0, len(line.rstrip()) - 2)))
    assert duplicate_paragraph.ends_like_prose(line) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab1²٣①x .-", max_size=20))
def test_has_digit(text: str) -> None:
    assert duplicate_paragraph._has_digit(text) == any(c.isdigit() for c in text)


@needs_corpus
def test_prose_tests_are_unchanged_on_page_lines() -> None:
    for page in page_texts(80):
        for text in page.split("\n"):
            assert duplicate_paragraph.is_prose(text, 12) == old_is_prose_105(text, 12)
            assert edge_navigation.is_prose(text) == old_is_prose_106(text)
            assert edge_navigation.is_menu_label(text, 4) == old_is_menu_label(text, 4)


def _findings_text(text: str, code: str, filename: str) -> list[Diagnostic]:
    return Checker([registry()[code]()], language="en").check(text, filename)


def test_photo_credit_screens_pass_every_credit() -> None:
    credits = [
        "Photo: Gene J. Puskar",
        "Sakib Ali/Hindustan Times/Getty Images",
        "Image copyright Getty Images",
        "Michael Conroy, AP",
        "Michael Conroy,AP",
        "J. Scott Applewhite / AP file",
        "Jane Doe via Getty Images Plus",
        "Christopher Battin Submitted photo",
        "© Lucy Nicholson",
        "(Image credit: Blue Origin)",
        "(NASA/JPL-Caltech/ASU)",
        "Личный архив Оли",
        "caption",
        "Media caption Something",
    ]
    for c in credits:
        assert photo_credit.WHOLE.fullmatch(c), c
        assert photo_credit._maybe_whole(c) and photo_credit._maybe(c), c
    tails = [
        "A worker loads trims. (AP Photo/Alan Diaz, File)",
        "Protesters (Image: GETTY ) |",
        "The plant. Credit: Getty",
        "The plant. REUTERS/Jane Doe",
        "The plant (Reuters)",
    ]
    for t in tails:
        assert photo_credit.TAIL.search(t), t
        assert photo_credit._maybe_tail(t) and photo_credit._maybe(t), t


def _old_caption_end(text: str) -> int | None:
    """BP104's `caption_end` as it was, with its year-or-opener regex before the marker."""
    if not leaked_caption._maybe(text):
        return None
    if not regex.search(r"^(?:FILE|In |This |An? |The )|\b(?:19|20)\d\d\b", text):
        return None
    m = leaked_caption.MARKER.match(text)
    if m is None and not leaked_caption._has_month(text):
        return None
    end = leaked_caption.END.search(text)
    stop = end.end() if end else len(text)
    sentence = text[:stop]
    if len(sentence.split()) > leaked_caption.MAX_WORDS or leaked_caption.PROSE.search(sentence):
        return None
    if m is not None:
        return stop
    date = leaked_caption.DATE.search(sentence)
    if date is None or leaked_caption.VERB.search(sentence[: date.start()]) is None:
        return None
    return stop


_CAPTIONS = [
    "A protester talks with police officers in central Yerevan on September 20, 2023. More.",
    "FILE PHOTO: Traders work on the floor of the exchange.",
    "In this March 28, 2017, file photo, a man walks. Then",
    "This satellite image shows the island.",
    "The minister speaks on 20 September 2023.",
    "Teachers hold a rally in Indianapolis, Tuesday, Nov. 19, 2019.",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *_CAPTIONS,
                *("2019", "20", "19", "The", "A ", "FILE", "said", " ", ".", "photo of"),
                *("An image of", "In this ", "This ", "picture", "illustration", "file ", ", "),
            ]
        ),
        max_size=5,
    ).map("".join)
)
def test_caption_end_needs_no_year_regex(text: str) -> None:
    assert leaked_caption.caption_end(text) == _old_caption_end(text)


@needs_corpus
def test_caption_end_needs_no_year_regex_on_pages() -> None:
    lines = [ln.lstrip() for t in page_texts(100) for ln in t.split("\n") if ln.strip()]
    assert [leaked_caption.caption_end(ln) for ln in lines] == [
        _old_caption_end(ln) for ln in lines
    ]
    assert any(leaked_caption.caption_end(c) is not None for c in _CAPTIONS)


def test_site_name_screens_pass_every_outlet() -> None:
    # A line that starts with any outlet's name (as listed, or in capitals) and a sentence
    # start passes the first-word and second-word screens, and the pattern matches it.
    names = site_name_run_in._outlets()
    words, window = site_name_run_in._first_words(())
    seconds = site_name_run_in._second_words(())
    pattern = site_name_run_in._pattern(())
    for name in (*names, *(n.upper() for n in names)):
        line = f"  {name} The minister said on Monday."
        head = line.split(None, 2)
        assert line.lstrip()[:window].split(None, 1)[0] in words, name
        second = seconds.get(head[0])
        assert second is None or head[1] in second, name
        assert pattern.match(line, 2) is not None, name


@needs_corpus
def test_matcher_batch_matches_one_by_one() -> None:
    # `match_all` matches the lines its memo has not seen in one batch, with the literal
    # lookup and the screen inlined: the same as matching each line alone.
    m = matcher()
    lines = [ln for page in page_texts(60) for ln in page.split("\n")]
    lines += [e.phrase for lang in LANGUAGES for e in load_table(lang)]
    lines += ["x" * (lines_module.MAX_UNIT_CHARS + 1), "", "  ", "12 comments", "© 2023 X."]
    assert m._match_new(lines) == [m._match_one(t) for t in lines]
    fresh = Matcher(e for lang in LANGUAGES for e in load_table(lang))
    assert fresh.match_all(lines) == [m.match(t) for t in lines]


_MEMO: dict[str, int] = {}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["", "a", "b", "Home", "World", "x" * 40]), max_size=12),
    st.booleans(),
)
def test_memo_map_is_the_plain_map(texts: list[str], batch: bool) -> None:
    # One memo across examples: documents it has seen whole, in part, or not at all; a bound
    # small enough to clear it now and then.
    make_all: Any = (lambda ts: [len(t) for t in ts]) if batch else partial(map, len)
    old = lines_module.MEMO_SIZE
    lines_module.MEMO_SIZE = 4
    try:
        assert lines_module.memo_map(_MEMO, texts, make_all) == [len(t) for t in texts]
    finally:
        lines_module.MEMO_SIZE = old
    assert all(_MEMO[t] == len(t) for t in texts if t in _MEMO)
