"""The garbled-sentence family (GS) beyond its rule examples: the seed article, start-up cost,
silence on clean text (golden rules, article corpus), injected-artifact recall, word splitting.
"""

from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import tomllib

from copydesk.api import check_text, fix_text
from copydesk.document import Document
from copydesk.rule import registry
from copydesk.rules.garbled import RULES
from copydesk.rules.garbled.glued_words import split_point

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"
GS = [cls.code for cls in RULES]

# Clean sentences written for this test (the corpus articles may not be copied into the repo).
CLEAN = [
    "The ministry said on Wednesday that the talks would resume next month in Geneva.",
    "Farmers in the region have struggled with drought for three years in a row.",
    "The company reported a loss of $2 million in the third quarter of the year.",
    "Officials from both countries met at the border to discuss the new crossing.",
    "She told reporters that the plan had been approved by the city council.",
    "Prices for wheat and corn rose sharply after the government cut export quotas.",
    "The museum will reopen its main hall to visitors after a long renovation.",
    "Several witnesses described hearing loud explosions shortly before midnight.",
    "The court ruled that the contract was valid and ordered the firm to pay damages.",
    "Teachers across the country went on strike to demand higher wages and smaller classes.",
    "A spokesman for the airline said that all flights would leave on schedule.",
    "The new bridge will connect the two halves of the city for the first time.",
    "Researchers found that the drug reduced symptoms in most of the patients studied.",
    "The mayor promised to build more housing and to improve public transport.",
    "Rescue teams searched the collapsed building for survivors throughout the night.",
    "The festival attracts thousands of visitors from all over the world every summer.",
    "Analysts expect the central bank to raise interest rates again in the spring.",
    "The minister resigned after weeks of criticism over his handling of the crisis.",
    "Volunteers handed out food and blankets to families who had lost their homes.",
    "The team scored twice in the second half and won the match with ease.",
]


def _injectors() -> ModuleType:
    path = ROOT / "bench" / "injectors" / "garbled.py"
    spec = importlib.util.spec_from_file_location("garbled_injectors", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _seed() -> tuple[str, dict[str, Any]]:
    text = (SEEDS / "000_bd715bf342a3177c.txt").read_text(encoding="utf-8")
    with (SEEDS / "expected.toml").open("rb") as f:
        return text, tomllib.load(f)


def _line_span(text: str, line: int, needle: str) -> tuple[int, int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    a = text.index(needle, starts[line - 1])
    return a, a + len(needle)


@pytest.mark.parametrize(
    ("line", "needle", "codes"),
    [
        (7, "Nagorno-Karabakh. agreed", ["GS001"]),
        (27, "Twitteron", ["GS003", "GS103"]),  # GS103 (opt-in): "Twitteron Tuesday."
    ],
)
def test_seed_findings(line: int, needle: str, codes: list[str]) -> None:
    text, _ = _seed()
    a, b = _line_span(text, line, needle)
    found = [d for d in check_text(text, select=["GS"]) if d.start < b and a < d.end]
    assert [d.code for d in found] == codes


def test_seed_fixes() -> None:
    text, _ = _seed()
    safe = fix_text(text, select=["GS"]).text
    assert safe == text  # both GS fixes on the seed are unsafe
    unsafe = fix_text(text, select=["GS"], unsafe=True).text
    expected = (SEEDS / "expected_fixed_unsafe.txt").read_text(encoding="utf-8")
    assert "control Nagorno-Karabakh agreed to a ceasefire" in unsafe
    assert "Twitter on Tuesday." in unsafe
    for line in unsafe.splitlines():
        if "Nagorno-Karabakh agreed" in line or "Twitter on Tuesday" in line:
            assert line in expected.splitlines()


def test_seed_clean_lines() -> None:
    text, expected = _seed()
    lines = text.split("\n")
    found = check_text(text, select=["GS"])
    for clean in expected["clean"]:
        line = clean["line"]
        needle = lines[line - 1] if clean["text"] == "*" else clean["text"]
        a, b = _line_span(text, line, needle)
        assert not [d for d in found if d.start < b and a < d.end], clean


def test_wordfreq_is_loaded_lazily() -> None:
    code = (
        "import sys, copydesk.rules.garbled, copydesk.rule; copydesk.rule.registry(); "
        "print(any(m in sys.modules for m in ('wordfreq', 'msgpack')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_gs_rule_is_registered() -> None:
    reg = registry()
    assert all(code in reg and reg[code].family() == "GS" for code in GS)
    assert len(set(GS)) == len(GS)


@pytest.mark.parametrize(
    ("token", "split"),
    [
        ("Twitteron", "Twitter on"),
        ("theRussian", "the Russian"),
        ("ofthe", "of the"),
        ("Detailsare", "Details are"),
        ("amortgage", "a mortgage"),
        ("Itried", "I tried"),
        ("goodthing", "good thing"),
        ("isthere", "is there"),
        ("asour", "as our"),
        ("MedSource", None),
        ("InDesign", None),
        ("iPhone", None),
        ("overdrew", None),
        ("Temnycky", None),
    ],
)
def test_split_point(token: str, split: str | None) -> None:
    cut = split_point(token)
    assert (None if cut is None else f"{token[:cut]} {token[cut:]}") == split


def test_clean_sentences_are_silent() -> None:
    for sentence in CLEAN:
        assert check_text(sentence, select=GS, config={"language": "en"}) == [], sentence


@pytest.mark.parametrize(
    ("code", "floor"), [("GS001", 0.9), ("GS002", 0.9), ("GS003", 0.6), ("GS004", 0.9)]
)
def test_injected_recall(code: str, floor: float) -> None:
    inject = _injectors().INJECTORS[code]
    rng = random.Random(5)
    tried = hit = 0
    for _ in range(5):
        for sentence in CLEAN:
            bad = inject(sentence, rng)
            if bad is None:
                continue
            tried += 1
            found = check_text(bad, select=[code], config={"language": "en"})
            hit += any(d.code == code for d in found)
    assert tried >= 50
    print(f"\n{code}: recall {hit}/{tried} = {hit / tried:.2f} on injected artifacts")
    assert hit / tried >= floor


def _golden() -> list[str]:
    texts = []
    for name in ("golden_rules_en.json", "golden_rules_multilingual.json"):
        path = CORPUS / "sentences" / name
        if not path.exists():
            pytest.skip("sentence corpus not available")
        texts += [c["text"] for c in json.loads(path.read_text(encoding="utf-8"))]
    return texts


def test_golden_rules_are_silent() -> None:
    for text in _golden():
        assert check_text(text, select=GS) == [], text


def test_clean_articles_precision() -> None:
    """At most 1 finding per 1,000 sentences per rule on the clean English articles. The few
    findings there are mostly real damage in the gold text (a stray period, "the the", a
    paragraph split mid-sentence, pull quotes), so this bounds noise, not exact counts."""
    articles = CORPUS / "boilerplate" / "articles"
    pages = CORPUS / "boilerplate" / "pages.jsonl"
    if not pages.exists():
        pytest.skip("article corpus not available")
    lang = {r["page"]: r["lang"] for r in map(json.loads, pages.open(encoding="utf-8"))}
    counts: dict[str, int] = dict.fromkeys(GS, 0)
    sentences = 0
    for f in sorted(articles.glob("*.txt")):
        if lang.get(f.stem) != "en":
            continue
        text = f.read_text(encoding="utf-8")
        sentences += len(Document(text).sentences)
        for d in check_text(text, select=GS):
            counts[d.code] += 1
    print(f"\n{sentences} sentences: {counts}")
    for code, n in counts.items():
        assert n * 1000 <= sentences, (code, n)


# -- the fast paths give what the plain ones did -------------------------------------------------

# Characters that make the word split and the sentence keys tricky: joiners ("'", "’", "-") at
# word edges and doubled, punctuation that is not a letter (ASCII and U+2000 to U+203F), letters
# and digits outside ASCII, letters whose lower case is longer ("İ"), white space of every kind,
# an unpaired surrogate, and the byte 1 the split uses for "’".
TRICKY = [*"ab1Z_ '’-\"—–“”…\n\t\xa0\u2028\u3000éÉß²٣̇İΣ\x01😀‘\u2070\u203f\u2040?.", "\ud800"]


def _tricky_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(TRICKY) for _ in range(rng.randint(0, 16))) for _ in range(n)]


def test_split_words_is_the_word_pattern() -> None:
    from copydesk.rules.garbled._words import WORD, Words, decode, split_words

    texts = [*_tricky_texts(20_000, 8), *CLEAN, "don't -- 'tis’ x’y a-’b ‐ Ab AB"]
    texts += ["".join(texts[k : k + 12]) for k in range(0, 2_000, 12)]  # long ones too
    for text in texts:
        expected = WORD.findall(text.lower())
        words = split_words(text)
        assert words is None or [decode(w) for w in words] == expected, repr(text)
        assert [decode(w) for w in split_words(text.lower()) or []] in ([], expected)
        assert [decode(w) for w in Words(text).words] == expected, repr(text)


def test_repeated_word_starts_hold_every_reported_pair() -> None:
    from copydesk.rules.garbled._lexicon import word_list
    from copydesk.rules.garbled._words import Words
    from copydesk.rules.garbled.repeated_word import PAIR, RepeatedWord, _starts

    legit = word_list("legit_doubles")
    rng = random.Random(21)
    pieces = ["a", "A", "in", "IN", "it", "the", "The", "had", "x", "20", "inn", "-", "’", "'"]
    gaps = [" ", "  ", "\n", "\t", "\u00a0", "\u2028", "\u3000", "", ".", "\r\n"]
    texts = [*_tricky_texts(3_000, 22)]
    for _ in range(5_000):
        texts.append(
            "".join(rng.choice(pieces) + rng.choice(gaps) for _ in range(rng.randint(1, 12)))
        )
    texts += ["".join(texts[k : k + 30]) for k in range(0, 6_000, 30)]  # long ones (`split_words`)
    for text in texts:
        if "İ" in text or "Σ" in text:
            continue  # the plain scan (see `_pairs`)
        starts = _starts(Words(text))
        for m in PAIR.finditer(text):
            a0, a1 = m.span(1)
            b0 = a1 + len(m.group(2))
            if RepeatedWord._repeat(text, a0, a1, b0, b0 + a1 - a0, legit):
                assert a0 in starts, (text, a0)


def test_sentence_keys_are_the_split_words() -> None:
    from copydesk.rules.garbled.repeated_sentence import _key, _keys

    texts = [*_tricky_texts(5_000, 101), "  a  b ", " a\nb ", "a \n b", "", " "]
    assert _keys(texts) == [_key(text) for text in texts]
    assert [_keys([text])[0] for text in texts[:500]] == [_key(text) for text in texts[:500]]


def test_repeated_fragment_stretches() -> None:
    import re

    from copydesk.rules.garbled.repeated_fragment import _stretches

    rng = random.Random(4)
    for _ in range(5_000):
        same = bytes(rng.choice([0, 1, 1]) for _ in range(rng.randint(0, 30)))
        need = rng.randint(1, 5)
        expected = [m.span() for m in re.finditer(b"\x01{%d,}" % need, same)]
        assert list(_stretches(same, need)) == expected


def test_may_split_is_the_plain_loop() -> None:
    from copydesk.rules.garbled import glued_words as gw
    from copydesk.rules.garbled._lexicon import _lexicon, word_list

    function, common = word_list("function_words"), _lexicon().common

    def plain(lower: str) -> bool:
        n = len(lower)
        for i in range(1, n):
            left, right = lower[:i], lower[i:]
            if (left in function and n - i >= 3) or (right in function and i >= 3):
                return True
            if left in gw.ONE_LETTER and right in common:
                return True
            if i >= 4 and n - i >= 4 and left in common and right in common:
                return True
        return False

    rng = random.Random(7)
    pieces = [*sorted(function), *"abcdefghijklmnopqrstuvwxyz", "water", "mortgage", "the"]
    for _ in range(20_000):
        word = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 5)))
        assert gw._may_split(word) == plain(word), word


def _gs002_gs004(text: str, path: str, *, joined: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    from copydesk.config import Settings
    from copydesk.document import Document
    from copydesk.rules.garbled import repeated_fragment, repeated_word

    with monkeypatch.context() as patch:
        if not joined:
            patch.setattr(repeated_word, "joined_words", lambda doc: None)
            patch.setattr(repeated_fragment, "joined_words", lambda doc: None)
        doc = Document(text, path=path)
        rules = Settings(select=("GS002", "GS004")).rules()
        return [
            (d.code, d.start, d.end, d.message, repr(d.fix))
            for rule in rules
            if rule.applies_to(doc)
            for d in rule.check(doc)
        ]


def test_joined_blocks_find_what_each_block_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    """GS002 and GS004 read all blocks at once (`joined_words`): the same findings as block by
    block, with pairs and runs across blocks, separator characters, "İ" and "Σ" in the text."""
    rng = random.Random(5)
    words = [
        "the", "The", "a", "A", "read more", "buy now", "İstanbul", "ΣΑΣ", "\u01c2", "in", "no",
        "20", "x", "Walla", "it's", "pop-up", "WSJ", "Share", "said", "of",
    ]  # fmt: skip
    found = 0
    for _ in range(400):
        lines = [
            rng.choice(["", "- ", "# ", "1. ", "> "])
            + " ".join(rng.choice(words) for _ in range(rng.randint(1, 14)))
            for _ in range(rng.randint(1, 12))
        ]
        text = rng.choice(["\n\n", "\n"]).join(lines)
        path = rng.choice(["x.md", "x.txt", "x.html"])
        expected = _gs002_gs004(text, path, joined=False, monkeypatch=monkeypatch)
        assert _gs002_gs004(text, path, joined=True, monkeypatch=monkeypatch) == expected
        found += len(expected)
    assert found > 100


def _gs003(text: str, path: str, *, joined: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    from copydesk.config import Settings
    from copydesk.document import Document
    from copydesk.rules.garbled import glued_words

    with monkeypatch.context() as patch:
        if joined:
            patch.setattr(glued_words, "WORDS_AFTER", 0)  # the joined words from the first page
        else:
            patch.setattr(glued_words, "joined_words", lambda doc: None)
        doc = Document(text, path=path, language="en")
        (rule,) = Settings(select=("GS003",)).rules()
        return [(d.start, d.end, d.message, repr(d.fix)) for d in rule.check(doc)]


def test_glued_words_from_the_joined_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """GS003 looks for its candidates among GS002's words (`joined_words`): the same findings
    as from the runs of letters of the blocks, with joiners, digits, letters outside ASCII
    ("\u212a", the Kelvin sign, is "k" in lower case), common words with a run of letters that
    is none ("wouldn't", "fiancé": no run of theirs can be reported; that the screens let such
    words through is `test_glued_word_screens_hold_every_rare_run`'s) and the separator
    character in the text."""
    rng = random.Random(6)
    words = [
        "Twitteron", "ofthe", "theRussian", "goodthing", "Itried", "wouldn't", "wouldnt",
        "Twitteron's", "Twitteron’s", "fiancé", "fiancéthe", "pop-up", "Twitteron-based", "x",
        "\u212aofthe", "ofthe\u212a", "İofthe", "ofthe2", "2ofthe", "\u01c2", "inthe", "NATO",
        "amortgage", "the", "Details", "Detailsare", "—ofthe—", "“ofthe”", "o'ofthe", "ofthe'",
        "ofthe.", "Mr.", "Jane", "Coaston", "(ofthe)", "the\u00a0ofthe", "ΣΑΣ", "wouldn’t",
    ]  # fmt: skip
    found = 0
    for _ in range(400):
        lines = [
            rng.choice(["", "- ", "# ", "1. ", "> "])
            + rng.choice([" ", "  ", "\t", ", "]).join(
                rng.choice(words) for _ in range(rng.randint(1, 14))
            )
            for _ in range(rng.randint(1, 8))
        ]
        text = rng.choice(["\n\n", "\n"]).join(lines)
        path = rng.choice(["x.md", "x.txt", "x.html"])
        expected = _gs003(text, path, joined=False, monkeypatch=monkeypatch)
        assert _gs003(text, path, joined=True, monkeypatch=monkeypatch) == expected, text
        found += len(expected)
    assert found > 100


def test_glued_word_screens_hold_every_rare_run() -> None:
    """A word the whole-word screens drop has no run of letters that may be a candidate."""
    from copydesk.rules.garbled import glued_words as gw

    screen = gw._screen()
    screen_bytes, screen_str = gw._screen_bytes(), gw._screen_words()
    assert screen_bytes == {w.encode() for w in screen_str}
    for word in screen_str:
        runs = gw._fold(word).split()
        assert all(len(r) < gw.MIN_LETTERS or r in screen for r in runs), word
    assert "wouldn't" in screen and "wouldn't" not in screen_str
    # ...and the screens keep every other word: each one left out has such a run.
    for word in screen - screen_str:
        runs = gw._fold(word).split()
        assert any(len(r) >= gw.MIN_LETTERS and r not in screen for r in runs), word


def test_glued_words_warm_up_builds_the_word_screens(monkeypatch: pytest.MonkeyPatch) -> None:
    """A corpus run warms GS003 up before its workers fork: the whole-word screens are built
    then, to be shared, and every page is screened by them from the first on."""
    from copydesk.config import Settings
    from copydesk.document import Document
    from copydesk.rules.garbled import glued_words as gw

    monkeypatch.setattr(gw, "_WORD_SCREENS", False)
    monkeypatch.setattr(gw, "WORDS_AFTER", 10**9)
    (rule,) = Settings(select=("GS003",)).rules()
    asked: list[int] = []
    monkeypatch.setattr(gw, "joined_words", lambda doc: asked.append(1))  # (then: None)
    list(rule.check(Document("Twitteron said.", path="x.txt", language="en")))
    assert asked == []  # a process that was not warmed up screens its first pages' own runs
    rule.warm_up()
    assert gw._WORD_SCREENS and gw._screen_bytes.cache_info().currsize == 1
    list(rule.check(Document("Twitteron said.", path="x.txt", language="en")))
    assert asked == [1]


def test_separators_are_formatted_once() -> None:
    """`_separators(n)` is the n separators formatted, also for n <= 0 (a page without blocks
    asks for -1)."""
    from copydesk.rules.garbled import _words as w

    def plain(n: int) -> list[str]:
        return [w._SEPARATOR_FORMAT.format(k) for k in range(n)]

    for n in (3, 0, 7, w.MAX_SEPARATORS + 5, 5, 1, -1):
        assert w._separators(n) == plain(n)
    assert len(w._SEPARATORS) <= w.MAX_SEPARATORS
