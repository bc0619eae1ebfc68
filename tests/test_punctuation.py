"""The punctuation family (PU) beyond its examples: the seed article, clean corpora, properties.

The rules' own examples (tests/test_examples.py) are their specification; these tests check
what examples cannot: the seed article's annotated lines, silence on the clean sentence and
ftfy corpora, and properties that must hold for any text.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk.api import check_text, fix_text
from copydesk.checker import Checker
from copydesk.rule import registry

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"
PU = [cls() for code, cls in registry().items() if code.startswith("PU")]


def pu_check(text: str, filename: str | None = None) -> list[tuple[str, str]]:
    return [(d.code, text[d.start : d.end]) for d in Checker(PU).check(text, filename)]


# -- the seed article -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> str:
    return (SEEDS / "000_bd715bf342a3177c.txt").read_text(encoding="utf-8")


def _line(text: str, n: int) -> str:
    return text.split("\n")[n - 1]


def test_seed_findings_are_exactly_the_annotated_ones(seed: str) -> None:
    found = Checker(PU).check(seed)
    rows = [(seed.count("\n", 0, d.start) + 1, d.code, seed[d.start : d.end]) for d in found]
    assert rows == [(9, "PU101", ". ."), (17, "PU305", "”. ”"), (23, "PU101", ". .")]


def test_seed_safe_fix_leaves_the_split_quotation(seed: str) -> None:
    fixed = Checker(PU).fix(seed).text
    assert _line(fixed, 9).endswith("reintegration talks.")
    assert _line(fixed, 23).endswith("now in its 19th month.")
    assert _line(fixed, 17) == _line(seed, 17)  # unsafe: only with --unsafe-fixes
    expected = (SEEDS / "expected_fixed.txt").read_text(encoding="utf-8")
    assert _line(expected, 15) == _line(fixed, 17)


def test_seed_unsafe_fix_rejoins_the_quotation(seed: str) -> None:
    fixed = Checker(PU).fix(seed, unsafe=True).text
    expected = (SEEDS / "expected_fixed_unsafe.txt").read_text(encoding="utf-8")
    assert "activities” had been launched" in _line(fixed, 17)
    assert _line(fixed, 17) == _line(expected, 15)


@pytest.mark.parametrize("line", [3, 5, 19, 21, 25, 27, 29, 31, 33, 35])
def test_seed_clean_lines_get_no_pu_finding(seed: str, line: int) -> None:
    start = sum(len(x) + 1 for x in seed.split("\n")[: line - 1])
    end = start + len(_line(seed, line))
    assert [d for d in Checker(PU).check(seed) if start <= d.start < end] == []


# -- clean corpora (read-only; skipped when the shared corpus is absent) ---------------------


def _cases(name: str) -> list[dict[str, object]]:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_english_golden_rules_are_clean() -> None:
    """Spaced ellipses, U.S. at a sentence end, Yahoo!, e-mail addresses, URLs, "1.)" lists."""
    bad = {
        case["id"]: pu_check(str(case["text"]))
        for case in _cases("sentences/golden_rules_en.json")
        if pu_check(str(case["text"]))
    }
    assert bad == {}


def test_ftfy_negative_cases_are_clean() -> None:
    """Text that looks odd (smileys, ``…´´ quotes, Greek diaereses) but is what was meant."""
    bad = []
    for case in _cases("encoding/ftfy-cases/negative.json"):
        if case["original"] == case.get("fixed-encoding", case["fixed"]):
            found = pu_check(str(case["original"]))
            if found:
                bad.append((case["label"], found))
    assert bad == []


def test_multilingual_golden_rules_flag_only_the_odd_inputs() -> None:
    """With their language set, only the deliberately odd inputs the corpus README lists
    (`EE. UU..`, `Nov..`, `az..` and Italian `comprare : 1)pesce`) are flagged."""
    found: Counter[str] = Counter()
    for case in _cases("sentences/golden_rules_multilingual.json"):
        text = str(case["text"])
        for d in Checker(PU, language=str(case["lang"])).check(text):
            found[f"{d.code} {text[max(0, d.start - 6) : d.end]}"] += 1
    assert found == Counter({"PU102 EE. UU..": 1, "PU102 23 Nov..": 1, "PU102 on. az..": 1,
                             "PU201 mprare :": 1})  # fmt: skip


# -- behaviour the examples cannot show --------------------------------------------------------


def test_split_quotation_is_reported_once() -> None:
    text = "A statement saying “local activities”. ” had been launched."
    assert pu_check(text) == [("PU305", "”. ”")]


def test_multi_paragraph_quotation_with_a_caption_between() -> None:
    text = (
        "He said: “The first paragraph of the statement goes on and on.\n\n"
        "Club statement\n\n"
        "“The second paragraph of the statement closes it.”\n"
    )
    assert pu_check(text) == []


def test_markdown_inline_code_and_links_are_not_prose() -> None:
    text = "Run `a , b ;` then see [the docs](https://example.com/a..b) ( or not ).\n"
    codes = [code for code, _ in pu_check(text, "notes.md")]
    assert "PU201" not in codes and "PU102" not in codes


def test_french_document_keeps_its_spacing() -> None:
    text = "Il a dit : « Je ne sais pas ! » Pourquoi ? Parce que ; voilà."
    assert [d.code for d in Checker(PU, language="fr").check(text)] == []
    assert {d.code for d in Checker(PU, language="en").check(text)} == {"PU201"}


def test_fixes_converge_on_piled_up_artifacts() -> None:
    text = "The talks ended , . . Then ,, the ministry  said.The end..\n\n. Next\n\n.\n"
    result = fix_text(text, unsafe=True, select=["PU"])
    assert result.text == "The talks ended. Then, the ministry said. The end.\n\nNext\n"
    assert check_text(result.text, select=["PU"]) == []


# -- properties --------------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "word", "Word", "U.S.", "etc.", "3.5", ".NET", "a", "I", " ", "  ", "\n", "\n\n",
        ".", ",", ";", ":", "!", "?", "..", "...", "…", ". .", "“", "”", "‘", "’", '"', "'",
        "(", ")", "[", "]", ":)", "1)", "'em", "http://x.org/a.B", "x@y.com",
    ]
)  # fmt: skip


def _letters(text: str) -> Counter[str]:
    return Counter(c for c in text if c.isalnum())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=40).map("".join))
def test_pu_fixes_only_touch_punctuation_and_spaces(text: str) -> None:
    """No PU fix adds, removes or reorders a letter or a digit, and fixing converges."""
    fixed = Checker(PU).fix(text, unsafe=True).text
    assert _letters(fixed) == _letters(text)
    assert Checker(PU).fix(fixed, unsafe=True).text == fixed


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=40).map("".join))
def test_pu_spans_are_inside_the_text(text: str) -> None:
    for d in Checker(PU).check(text):
        assert 0 <= d.start <= d.end <= len(text)
        assert d.start < d.end, f"{d.code} reported an empty span"


# The fast paths of the pairing scans (`_pairs`) find what the patterns they stand in for find.
_PAIR_MARKS = st.text(alphabet="a1 \n\t,.‘’Ωя٣'`´“”„\"()[]{}:;=8-\u00a0\u3000é", max_size=40)


@settings(max_examples=500, deadline=None)
@given(_PAIR_MARKS)
def test_pair_scans_find_what_their_patterns_find(text: str) -> None:
    from copydesk.rules.punctuation import _pairs as p

    assert p.double_marks(text) == [(m.start(), m.group()) for m in p.DOUBLE_MARKS.finditer(text)]
    assert p.single_openers(text) == [m.start() for m in p.SINGLE_OPEN.finditer(text)]
    assert p.single_closers(text) == [m.start() for m in p.SINGLE_CLOSE.finditer(text)]
    assert p.has_single(text) == bool(re.search(r"[‘']", text))
    assert p.has_double(text) == bool(re.search(r"[“”„\"`´]|''|’’|‘‘|,,", text))
    assert p.has_bracket(text) == bool(re.search(r"[()\[\]{}]", text))
    assert p.char_positions(text, "()[]{}") == [
        (m.start(), m.group()) for m in re.finditer(r"[()\[\]{}]", text)
    ]
    soft = {m.end() - 1 for m in p.LIST_MARKER.finditer(text)}
    soft.update(
        i for m in p.SMILEY_CLOSE.finditer(text) for i in range(*m.span()) if text[i] == ")"
    )
    never = {m.end() - 1 for m in p.SMILEY_OPEN.finditer(text)}
    stacks: dict[str, list[int]] = {k: [] for k in p.BRACKETS}
    out = []
    for m in p.BRACKET_MARKS.finditer(text):
        i, c = m.start(), m.group()
        if i in never:
            continue
        if c in p.BRACKETS:
            stacks[c].append(i)
        elif stacks[p.CLOSING[c]]:
            stacks[p.CLOSING[c]].pop()
        elif i not in soft:
            out.append(p.Unpaired(i, c, "stray-closer"))
    for k, positions in stacks.items():
        out.extend(p.Unpaired(i, k, "unclosed") for i in positions)
    assert p.scan_brackets(text) == sorted(out, key=lambda u: u.pos)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="a1_ \t\n,;:!?.”’\"')]%(é", max_size=40))
def test_space_before_punctuation_screen_finds_the_pattern_s(text: str) -> None:
    from copydesk.rules.punctuation import space_before_punctuation as sbp

    assert [m.span() for m in sbp.matches(text)] == [m.span() for m in sbp.PATTERN.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="a \r\n", max_size=30))
def test_spaced_lines_are_the_lines_with_two_spaces(text: str) -> None:
    from copydesk.document import Block
    from copydesk.rules.punctuation.multiple_spaces import _spaced_lines

    lines = Block.verbatim("paragraph", text, 0).lines()
    assert list(_spaced_lines(text)) == [(a, b) for a, b in lines if "  " in text[a:b]]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aAIÉz1%) \t\u00a0\n.!?…”\"’'", max_size=30))
def test_sentence_mark_screens_keep_every_match(text: str) -> None:
    from copydesk.rules.punctuation import missing_space_after_sentence as msas
    from copydesk.rules.punctuation import spaced_double_terminator as sdt

    slow = [m.span() for m in msas.PATTERN.finditer(text)]
    assert [m.span() for m in msas.matches(text)] == slow
    if sdt.PATTERN.search(text):
        assert sdt.SCREEN.search(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="a1_ \t\n.,;:…”’\"')]%&#漢", max_size=30))
def test_two_mark_rules_match_from_the_screen_s_hits(text: str) -> None:
    from copydesk.rules.punctuation import doubled_punctuation as dp
    from copydesk.rules.punctuation import mixed_punctuation as mp
    from copydesk.rules.punctuation._common import TWO_MARKS, two_mark_matches

    assert TWO_MARKS.pattern == r"[.,;:][ \t]*[.,;:]"
    for module in (dp, mp):
        slow = [m.span() for m in module.PATTERN.finditer(text)]
        assert [m.span() for m in two_mark_matches(module.PATTERN, text)] == slow


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="a .?!“)\t\r\n", max_size=30))
def test_punctuation_only_line_screen_is_the_pattern_s(text: str) -> None:
    from copydesk.rules.punctuation import _lines

    assert _lines.has_punctuation_only_line(text) == bool(_lines.PUNCT_ONLY_LINE.search(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a;:.,! \t\x07\n", max_size=20))
def test_one_character_screens_keep_every_match(text: str) -> None:
    from copydesk.rules.punctuation import doubled_punctuation as dp
    from copydesk.rules.punctuation import mixed_punctuation as mp

    for module in (dp, mp):
        if module.PATTERN.search(text):
            assert any(c in text for c in ".,;:")


# The screens over all blocks at once (`copydesk.joined`) name the blocks the per-block
# screens name.
_BLOCKY = st.text(alphabet="a A1.,;:!?\"“”'‘’()[]{}`´-\n\n\n \t\r|#>*", max_size=80)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aAÉz1.,;:!?…”\"’')]/- \t\u00a0\n", max_size=40))
def test_one_scan_finds_every_hit_of_the_mark_screens(text: str) -> None:
    from copydesk.document import Document
    from copydesk.rules.punctuation import _common
    from copydesk.rules.punctuation import missing_space_after_sentence as msas
    from copydesk.rules.punctuation import space_before_punctuation as sbp
    from copydesk.rules.punctuation import spaced_double_terminator as sdt

    index = _common.all_index(Document(text, path="a.txt"))
    for pattern in (_common.TWO_MARKS, sdt.SCREEN, msas.SCREEN, sbp.SCREEN):
        hits = {
            k: [m.start() for m in pattern.finditer(b.text)] for k, b in enumerate(index.blocks)
        }
        assert _common.screen_hits(index, pattern) == {k: v for k, v in hits.items() if v}


@settings(max_examples=400, deadline=None)
@given(_BLOCKY)
def test_block_index_screens_name_the_blocks_with_a_hit(text: str) -> None:
    from copydesk.document import Document
    from copydesk.rules.punctuation import _common, _lines, _pairs
    from copydesk.rules.punctuation import missing_space_after_sentence as msas
    from copydesk.rules.punctuation import space_before_punctuation as sbp
    from copydesk.rules.punctuation import spaced_double_terminator as sdt

    for path in ("a.txt", "a.md"):
        doc = Document(text, path=path)
        for index in (
            _common.all_index(doc),
            _common.prose_index(doc),
            _common.paragraph_index(doc),
        ):
            texts = [b.text for b in index.blocks]
            for pattern in (_common.TWO_MARKS, sdt.SCREEN, msas.SCREEN, sbp.SCREEN):
                hits = [k for k, t in enumerate(texts) if pattern.search(t)]
                assert index.searched(pattern) == hits
                assert index.hits(pattern) == {
                    k: [m.start() for m in pattern.finditer(texts[k])] for k in hits
                }
                # (From the one scan for the four screens.)
                assert list(_common.screen_hits(index, pattern)) == hits
                assert _common.screen_hits(index, pattern) == index.hits(pattern)
            assert index.holding("  ") == [k for k, t in enumerate(texts) if "  " in t]
            with_mark = [
                k
                for k, t in enumerate(texts)
                if _pairs.has_double(t) or _pairs.has_single(t) or _pairs.has_bracket(t)
            ]
            assert set(with_mark) <= set(index.holding(*_pairs._ANY_MARK))
            only = [k for k, t in enumerate(texts) if _lines.has_punctuation_only_line(t)]
            assert _lines.blocks_with_punctuation_only_line(index) == only


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a ,.)\n\n\t\u2028-#>*|", max_size=60))
def test_leading_mark_blocks_from_the_first_characters(text: str) -> None:
    from copydesk.document import Document
    from copydesk.rules.punctuation import _common
    from copydesk.rules.punctuation import paragraph_starts_with_punctuation as psp

    for path in ("a.txt", "a.md"):
        index = _common.paragraph_index(Document(text, path=path))
        if len(index.blocks) == 1:
            continue  # (one block: looked at whatever it starts with)
        firsts = [b.text[:1] for b in index.blocks]
        wanted = [k for k, c in enumerate(firsts) if not c or c in psp._FIRST or c.isspace()]
        assert psp._maybe_leading(index) == wanted
