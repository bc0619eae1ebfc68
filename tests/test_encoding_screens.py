"""The cheap screens of the EN rules find everything the full tests would.

Each screen skips text that cannot match a slower test (ftfy's badness regex, a `regex` module
pattern). A screen that skipped too much would silently lose findings, so each one is checked
here against the test it stands in front of: by the structure of the pattern where that is
possible, over every code point where the screen is a character class, and on generated and
real text.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.document import Block, Document
from copydesk.rules.encoding import _mojibake
from copydesk.rules.encoding._mojibake import (
    _BAD_ALONE,
    _EXTRA_START,
    _MAYBE_BAD,
    Repair,
    _badness,
    mojibake_repairs,
    repair_line,
)
from copydesk.rules.encoding.control_character import _CONTROL as _SCREEN  # (the definition)
from copydesk.rules.encoding.control_character import RUN
from copydesk.rules.encoding.mixed_script_word import (
    _FOREIGN_SCREEN,
    CYRILLIC,
    FOREIGN,
    GREEK,
    LATIN,
    _count,
)

# The mojibake candidate screen as a pattern: the definition the fast paths are tested against.
_CANDIDATE = _mojibake._screen(_BAD_ALONE + _EXTRA_START)

try:  # the parser of the `re` module (renamed in Python 3.11)
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PAGES = CORPUS / "boilerplate" / "pages"
FTFY_CASES = CORPUS / "encoding" / "ftfy-cases"
ALONE = re.compile(f"[{_BAD_ALONE}]")


def corpus_lines() -> list[str]:
    lines: list[str] = []
    for f in sorted(PAGES.glob("*.txt")):
        lines.extend(f.read_text(encoding="utf-8").split("\n"))
    for f in sorted(FTFY_CASES.glob("*.json")):
        for case in json.loads(f.read_text(encoding="utf-8")):
            lines.extend(case["original"].split("\n"))
    return lines


needs_corpus = pytest.mark.skipif(not PAGES.exists(), reason="no ../shared/corpus")


# -- EN001: which lines can be mojibake -----------------------------------------------------------


def _chars(op: Any, av: Any) -> set[str] | None:
    """The characters a single-character pattern item matches, or None when it is not one
    (a negated class, a category such as \\s, a repeat, a group)."""
    if op == sre_parse.LITERAL:
        return {chr(av)}
    if op == sre_parse.IN:
        out: set[str] = set()
        for kind, arg in av:
            if kind == sre_parse.LITERAL:
                out.add(chr(arg))
            elif kind == sre_parse.RANGE:
                out.update(map(chr, range(arg[0], arg[1] + 1)))
            else:  # NEGATE, CATEGORY
                return None
        return out
    return None


def _proves_screen(branch: list[tuple[Any, Any]]) -> bool:
    """True when every match of `branch` holds two non-ASCII characters in a row or one
    character of `_BAD_ALONE` (so `_MAYBE_BAD` finds it)."""
    items: list[set[str] | None] = []
    for op, av in branch:
        if op == sre_parse.AT:
            continue  # `^`: matches no character
        items.append(_chars(op, av))  # an optional or unknown item breaks a run: None
    for here, there in itertools.pairwise(items):
        if here and there and all(ord(c) > 0x7F for c in here | there):
            return True
    return any(s and all(ALONE.fullmatch(c) for c in s) for s in items)


def test_maybe_bad_screen_holds_for_every_branch_of_ftfys_badness_regex() -> None:
    from ftfy.badness import BADNESS_RE

    parsed = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert len(parsed) == 1 and parsed[0][0] == sre_parse.BRANCH
    branches = parsed[0][1][1]
    assert len(branches) > 30  # the regex as ftfy 6 writes it: one alternation
    unproved = [str(b) for b in branches if not _proves_screen(list(b))]
    assert not unproved, unproved


# Characters ftfy's badness test is about, with ASCII letters and spaces between them.
_MOJI = (
    "ÂÃÎÐØÙàâãäåçéêëìíîïðñòóôõöùúûüýþÿŒœŠšŸŽžƒˆ˜–—‘’‚“”„†‡•…‰‹›€™¢£¥§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿"
    "\x80\x81\x8d\x8f\x90\x9d\xa0\xadΓΒΞΟβ√≈∂∆∏∑∞∩∫≠≡≤≥№ВГРСЂўЃѓабвгдежзийклмнопрстуфхцчшщъыьэюяāĂ"
    "│┌┐┘├┤┬┼═║╔╗╚╝╠╣╦╩╬▀▄█▌▐░▒▓"
)
_TEXTISH = st.text(alphabet=_MOJI + "abcXYZ .,?!\n\t", max_size=40)


@settings(max_examples=2000, deadline=None)
@given(_TEXTISH)
def test_maybe_bad_finds_every_bad_text(text: str) -> None:
    from ftfy.badness import is_bad

    if is_bad(text):
        assert _MAYBE_BAD.search(text), text


@needs_corpus
def test_maybe_bad_finds_every_bad_corpus_line() -> None:
    from ftfy.badness import is_bad

    missed = [ln for ln in corpus_lines() if is_bad(ln) and not _MAYBE_BAD.search(ln)]
    assert not missed


def test_screens_match_their_plain_forms() -> None:
    """`_screen` writes `[^ascii]{2}|[alone]` in a faster form; both find the same lines."""
    plain = re.compile(rf"[^\x00-\x7f]{{2}}|[{_BAD_ALONE}]")
    plain_candidate = re.compile(rf"[^\x00-\x7f]{{2}}|[{_BAD_ALONE}{_mojibake._EXTRA_START}]")
    for text in ["", "abc", "é", "éé", "a é b", "Ã", "x\x85y", "—", "a—b", "’”", "Œ x", "√2"]:
        assert bool(_MAYBE_BAD.search(text)) == bool(plain.search(text)), text
        assert bool(_CANDIDATE.search(text)) == bool(plain_candidate.search(text)), text


@settings(max_examples=500, deadline=None)
@given(_TEXTISH)
def test_screens_match_their_plain_forms_on_generated_text(text: str) -> None:
    plain = re.compile(rf"[^\x00-\x7f]{{2}}|[{_BAD_ALONE}]")
    assert bool(_MAYBE_BAD.search(text)) == bool(plain.search(text))


def test_badness_is_ftfys_without_importing_ftfy() -> None:
    script = (
        "import sys\n"
        "from copydesk.rules.encoding._mojibake import _is_bad\n"
        "print(_is_bad('The café doesnâ€™t open'), _is_bad('A naïve café'))\n"
        "print('ftfy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False", "False"]


@needs_corpus
def test_badness_module_agrees_with_ftfy() -> None:
    from ftfy.badness import is_bad

    mine = _badness()
    for line in corpus_lines():
        assert bool(mine.is_bad(line)) == bool(is_bad(line)), line


def _repairs_line_by_line(doc: Document) -> list[tuple[int, int, int, str, str, bool]]:
    """Every line of every block through `repair_line`: what `mojibake_repairs` must equal."""
    out = []
    for k, block in enumerate(doc.blocks):
        text = block.text
        for a, b in block.lines():
            found = repair_line(text[a:b])
            if found is None:
                continue
            fixed, plan, spans = found
            for i1, i2, j1, j2 in spans:
                rep = fixed[j1:j2]
                near = text[max(a, a + i1 - 1) : a + i2 + 1]
                lossy = "\ufffd" in rep or "\ufffd" in near
                out.append((k, a + i1, a + i2, rep, plan, lossy))
    return out


def _repairs(doc: Document) -> list[tuple[int, int, int, str, str, bool]]:
    index = {id(b): k for k, b in enumerate(doc.blocks)}
    found: list[Repair] = mojibake_repairs(doc)
    return [(index[id(r.block)], r.start, r.end, r.replacement, r.plan, r.lossy) for r in found]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "caf",
                "Ã©",
                "â€™",
                " ",
                "\n",
                "\r\n",
                "\n\n",
                "ΓÇÖ",
                "–ü—Ä",
                "—",
                "–",
                "‚Äô",
                "a√°",
                "√π",
            ]
        ),
        max_size=30,
    ),
    st.sampled_from(["a.txt", "a.md"]),
)
def test_repairs_come_from_candidate_lines_only(parts: list[str], filename: str) -> None:
    doc = Document("".join(parts), path=filename)
    assert _repairs(doc) == _repairs_line_by_line(doc)


@pytest.mark.skipif(not FTFY_CASES.exists(), reason="no ../shared/corpus")
def test_repairs_come_from_candidate_lines_only_on_ftfy_cases() -> None:
    for f in sorted(FTFY_CASES.glob("*.json")):
        for case in json.loads(f.read_text(encoding="utf-8")):
            doc = Document(case["original"] + "\nplain line\n" + case["original"], path="a.txt")
            assert _repairs(doc) == _repairs_line_by_line(doc), case["label"]


# -- EN003, EN007 ---------------------------------------------------------------------------------


def _all_code_points() -> str:
    return "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i <= 0xDFFF)


def test_foreign_screen_holds_every_cyrillic_and_greek_character() -> None:
    every = _all_code_points()
    missed = [m.group() for m in FOREIGN.finditer(every) if not _FOREIGN_SCREEN.match(m.group())]
    assert not missed, [f"U+{ord(c):04X}" for c in missed[:20]]


def test_control_screen_holds_every_run() -> None:
    every = _all_code_points()
    assert all(_SCREEN.search(m.group()) for m in RUN.finditer(every))
    assert all(_SCREEN.search(m.group()) for m in RUN.finditer("a\x1b[31mred\x1b[0m b\x07c"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a é\t\n\r\x00\x07\x0b\x1b\x1f\x7f\x80\x85\x9f\xa0?", max_size=30))
def test_control_screen_in_c_is_the_pattern_s(text: str) -> None:
    from copydesk.rules.encoding.control_character import _has_control, _has_control_in
    from copydesk.rules.translation._lexicon import document_lexicon

    for path in ("a.txt", "a.md"):
        doc = Document(text, path=path)
        for block in doc.blocks:
            assert _has_control(doc, block) == bool(_SCREEN.search(block.text))
        lex = document_lexicon(doc)  # (the document's screen: some block's)
        some = any(_SCREEN.search(b.text) for b in doc.blocks)
        assert _has_control_in(lex.text, lex.non_ascii_chars) == some


def test_control_screen_in_c_on_every_code_point() -> None:
    from copydesk.rules.encoding.control_character import _has_control

    for c in map(chr, range(0x100)):
        doc = Document(f"a{c}b", path="a.txt")
        for block in doc.blocks:
            assert _has_control(doc, block) == bool(_SCREEN.search(block.text)), hex(ord(c))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZéЖжΩωα1 -", max_size=60))
def test_script_counts_by_runs(text: str) -> None:
    for pattern in (LATIN, CYRILLIC, GREEK):
        assert _count(pattern, text) == sum(1 for _ in pattern.finditer(text))


def test_extra_shapes_start_with_their_leads() -> None:
    from copydesk.rules.encoding import _mojibake as mb

    assert len(mb._EXTRA_LEADS) == len(mb._EXTRA)
    assert {c for leads in mb._EXTRA_LEADS for c in leads} == set(mb._EXTRA_START)
    for (pattern, _codec, _name), leads in zip(mb._EXTRA, mb._EXTRA_LEADS, strict=True):
        # Every match's first character is one of its leads.
        source = pattern.pattern
        body = source.split(")", 1)[1] if source.startswith("(?<=") else source
        first = body[4:] if body.startswith("(?:") else body
        assert first[0] in "".join(leads) or first.startswith("[–—]"), source


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aPé РаМοΑμ\u0301\u0384\u0482-1\n", max_size=30))
def test_foreign_words_are_the_words_holding_a_foreign_letter(text: str) -> None:
    from copydesk.rules.encoding import mixed_script_word as msw

    slow = [m.span() for m in msw.WORD.finditer(text) if msw.FOREIGN.search(m.group())]
    assert [m.span() for m in msw.foreign_words(text)] == slow


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aé\u036f\u0370Ж\u1fff\u2000\u2019\u20ac\u20ff\u2100😀", max_size=20))
def test_foreign_screen_from_the_set_of_characters(text: str) -> None:
    from copydesk.rules.encoding import mixed_script_word as msw

    assert msw._may_be_foreign(frozenset(text)) == bool(msw._FOREIGN_SCREEN.search(text))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aé \n–—‚ÄôΓÇö√°πŒÃ\x85’”“", max_size=30))
def test_may_repair_is_its_patterns_from_the_set_of_characters(text: str) -> None:
    from copydesk.rules.encoding import _mojibake as mb
    from copydesk.rules.translation._lexicon import Lexicon

    slow = bool(mb._MAYBE_BAD.search(text)) or any(p.search(text) for p, _c, _n in mb._EXTRA)
    assert mb._may_repair(text, Lexicon(text)) == slow


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aé\u0370Ж\u1fff\u2019\u2122😀Ωμ", max_size=20))
def test_foreign_letters_from_the_set_of_characters(text: str) -> None:
    from copydesk.rules.encoding import mixed_script_word as msw

    chars = frozenset(c for c in text if not c.isascii())
    assert msw._has_foreign(chars) == bool(msw.FOREIGN.search(text))


def _locate_reference(doc: Document, block: Block, a: int, b: int) -> tuple[int, int, bool]:
    """`_edit.locate` as first written: every end tried."""
    from copydesk.rules.encoding._edit import source_decode

    s, e = block.span(a, b)
    want = block.text[a:b]
    if block.contiguous(a, b) or source_decode(doc.text[s:e], doc.format) == want:
        return s, e, True
    if doc.format in ("markdown", "html") and len(want) <= 200:
        limit = min(len(doc.text), s + 40 * len(want) + 8)
        src = doc.text
        for end in range(s + 1, limit + 1):
            if source_decode(src[s:end], doc.format) != want:
                continue
            if end == len(src) or source_decode(src[s : end + 1], doc.format) == want + src[end]:
                return s, end, True
    return s, e, False


_LOCATE_PIECES = ["a", "é", "&eacute;", "&amp;", "&amp;amp;", "\\*", "*x*", " ", ";", "&#233;"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(_LOCATE_PIECES),
        max_size=12,
    ),
    st.sampled_from(["a.md", "a.html"]),
)
def test_locate_skips_only_ends_that_cannot_decode(parts: list[str], filename: str) -> None:
    from copydesk.rules.encoding._edit import locate

    text = "".join(parts) if filename == "a.md" else "<p>" + "".join(parts) + "</p>"
    doc = Document(text, path=filename)
    for block in doc.blocks:
        n = len(block.text)
        for a in range(n):
            for b in range(a, min(n, a + 4) + 1):
                assert locate(doc, block, a, b) == _locate_reference(doc, block, a, b)
