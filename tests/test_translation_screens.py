"""The translation rules' fast paths find exactly what the patterns they stand in for find.

Each rule screens cheaply before it runs its patterns and word lists (see `_lexicon`): these
tests compare every fast path with the straightforward computation it replaces, on the corpus
and on random text built to hit the edge cases (apostrophes, brackets, line breaks, accents,
capitals), so a screen that drops a finding fails here rather than in the recall numbers.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.checker import Checker
from copydesk.document import Document
from copydesk.rule import registry
from copydesk.rules.translation import _acronyms as acr
from copydesk.rules.translation import (
    foreign_phrase,
    foreign_script,
    foreign_sentence,
    resumptive_pronoun,
)
from copydesk.rules.translation._foreign import FUNCTION_WORDS
from copydesk.rules.translation._lexicon import Lexicon, has_lower_accented

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "boilerplate"
ARTICLES = sorted((CORPUS / "articles").glob("*.txt"))
needs_corpus = pytest.mark.skipif(not ARTICLES, reason="no corpus")

# Pieces that meet at the screens' edges: function words in every casing, accented letters,
# apostrophes straight and curly, brackets, names before pronouns, acronyms and line breaks.
PIECES = [
    *sorted({w for ws in FUNCTION_WORDS.values() for w in ws}),
    *"Der Les El LOS dEr Die La".split(),
    *"acuerdo paz rebeldes heute regierung bundestag riforma governo réforme città".split(),
    *"the and of to is that he she they it said has was Putin Vladimir Kremlin".split(),
    *"OTC CSTO OTSC OTAN NATO FMI IMF US CEO BREAKING NEWS XIV EE.UU. T-MEC EuGH".split(),
    *"( ) [ ] , . ; : ! ? ' ’ - — “ ” é ü à ß 2 _".split(),
    *"Ikea’s flat pack boxes arrived quickly yesterday don’t can’t".split(),
    "(the president of the republic and leader of the governing party since 2012)",
    "[a long insertion that runs on for well over fifty characters before it ends]",
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
]
SEPARATORS = ["", " ", " ", " ", "\n", ", "]
texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=60).map(
    lambda parts: "".join(p + sep for p, sep in parts)
)


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = [rng.choice(PIECES) for _ in range(rng.randint(1, 80))]
        out.append("".join(w + rng.choice(SEPARATORS) for w in words))
    return out


def _articles(n: int) -> list[str]:
    return [f.read_text(encoding="utf-8") for f in ARTICLES[:n]]


# -- the lexicon --------------------------------------------------------------------------------


@given(texts)
@settings(max_examples=300, deadline=None)
def test_accented_screen_is_the_pattern(text: str) -> None:
    assert has_lower_accented(Lexicon(text)) == bool(regex.search(r"[^\P{Ll}a-z]", text))


@given(texts)
@settings(max_examples=300, deadline=None)
def test_folded_words_hold_every_whole_ascii_word(text: str) -> None:
    lex = Lexicon(text)
    assert len(lex.folded) == len(text) + 2
    for m in regex.finditer(r"(?<![A-Za-z])[A-Za-z]+(?![A-Za-z])", text):
        assert m.group().encode() in lex.words


# -- MT302 foreign-sentence ---------------------------------------------------------------------


def _mt302_reference(doc: Document) -> list[int]:
    """The sentences the rule asked langdetect about before it had screens."""
    rule = foreign_sentence.ForeignSentence()
    blocks = {
        id(b)
        for b in doc.blocks
        if foreign_sentence.FUNCTION_WORD.search(b.text) or foreign_sentence.ACCENTED.search(b.text)
    }
    return [
        i
        for i, s in enumerate(doc.sentences)
        if id(s.block) in blocks and rule._maybe_foreign(s.text)
    ]


def _mt302_fast(doc: Document) -> list[int]:
    rule = foreign_sentence.ForeignSentence()
    blocks = foreign_sentence.screened_blocks(doc)
    candidates = foreign_sentence._candidates(doc, blocks, doc.sentences)
    return [i for i in candidates if rule._maybe_foreign(doc.sentences[i].text)]


@given(texts)
@settings(max_examples=300, deadline=None)
def test_foreign_sentence_screens_keep_every_candidate(text: str) -> None:
    for path in ("a.txt", "a.md"):
        assert _mt302_fast(Document(text, path=path)) == _mt302_reference(Document(text, path=path))


def test_a_curly_apostrophe_makes_a_candidate() -> None:
    # No function word and no English one: the ’ is what makes it "accented" (the block
    # passes the first screen by the é of "café").
    text = "The talks at the café ended and all went home. Ikea’s flat pack boxes arrived quickly."
    doc = Document(text)
    assert _mt302_reference(doc) == [1]
    assert _mt302_fast(Document(text)) == [1]


@needs_corpus
def test_foreign_sentence_screens_on_the_corpus() -> None:
    for text in _articles(60) + _random_texts(300, 1):
        for path in ("a.txt", "a.md"):
            assert _mt302_fast(Document(text, path=path)) == _mt302_reference(
                Document(text, path=path)
            )


# -- MT303 foreign-phrase -----------------------------------------------------------------------


def _mt303_windows(doc: Document, fast: bool) -> list[tuple[int, int, str]]:
    rule = foreign_phrase.ForeignPhrase()
    out: list[tuple[int, int, str]] = []
    by_block = foreign_phrase.document_candidate_lines(doc) if fast else {}
    for k, block in enumerate(doc.blocks):
        spans = by_block.get(k, []) if fast else [(0, len(block.text))]
        out.extend(w for a, b in spans for w in rule._windows(block, a, b))
    return out


@given(texts)
@settings(max_examples=300, deadline=None)
def test_foreign_phrase_lines_hold_every_stretch(text: str) -> None:
    for path in ("a.txt", "a.md"):  # one block, and (Markdown) one a paragraph
        fast = _mt303_windows(Document(text, path=path), fast=True)
        assert fast == _mt303_windows(Document(text, path=path), fast=False)


@needs_corpus
def test_foreign_phrase_lines_on_the_corpus() -> None:
    for text in _articles(60) + _random_texts(300, 2):
        for path in ("a.txt", "a.md"):
            fast = _mt303_windows(Document(text, path=path), fast=True)
            assert fast == _mt303_windows(Document(text, path=path), fast=False)


def test_lean_table_agrees_with_its_definition_on_common_words() -> None:
    # The full comparison with wordfreq is test_translation_leaning.py's; this one is quick.
    for word, lang in [("heute", "de"), ("acuerdo", "es"), ("riforma", "it"), ("the", "de")]:
        assert foreign_phrase._lean(word, lang) == (0 if word == "the" else 1)
    assert foreign_phrase._lean("der", "de") == 2


# -- MT201 resumptive-pronoun -------------------------------------------------------------------


LONG = "(the president of the republic and leader of the governing party since 2012)"


def _reference_clause_words(text: str, end: int) -> list[str]:
    start = 0
    for m in resumptive_pronoun._CLAUSE_BREAK.finditer(text, max(0, end - 200), end):
        start = m.end()
    return [w.group() for w in resumptive_pronoun._WORD.finditer(text, start, end)][-8:]


@given(texts)
@settings(max_examples=400, deadline=None)
def test_pronoun_candidates_are_the_pattern_s(text: str) -> None:
    fast = [(m.span(), m.group()) for m in resumptive_pronoun.candidates(text)]
    slow = [(m.span(), m.group()) for m in resumptive_pronoun.CANDIDATE.finditer(text)]
    assert fast == slow


@given(st.one_of(texts, st.text(alphabet="he sit\nTAB.", max_size=60)))
@settings(max_examples=300, deadline=None)
def test_pronoun_anchors_of_the_document_are_the_blocks(text: str) -> None:
    for path in ("a.txt", "a.md"):
        doc = Document(text, path=path)
        found = resumptive_pronoun.document_anchors(doc)
        every = {k: resumptive_pronoun.anchors(b.text) for k, b in enumerate(doc.blocks)}
        assert found == {k: a for k, a in every.items() if a}


@needs_corpus
def test_pronoun_candidates_on_the_corpus() -> None:
    rng = random.Random(3)
    for text in _articles(80):
        # A pronoun after some names, as translation leaves it.
        text = regex.sub(
            r"(?<=[A-Z][a-z]+) (?=said|has|is|was|will)",
            lambda m: " " + rng.choice(["he ", "they ", "(x) it ", "[y] she ", LONG + " he "]),
            text,
        )
        fast = [(m.span(), m.group()) for m in resumptive_pronoun.candidates(text)]
        assert fast == [(m.span(), m.group()) for m in resumptive_pronoun.CANDIDATE.finditer(text)]


@given(texts, st.integers(min_value=0, max_value=2000))
@settings(max_examples=300, deadline=None)
def test_clause_words_read_back_only_as_far_as_needed(text: str, end: int) -> None:
    end = min(end, len(text))
    assert resumptive_pronoun._clause_words(text, end) == _reference_clause_words(text, end)


# -- MT101/MT102 acronyms -----------------------------------------------------------------------


@given(st.one_of(texts, st.text(alphabet="ABa.Ⅰ -()[]x\n", max_size=50)))
@settings(max_examples=400, deadline=None)
def test_definitions_next_to_brackets_are_the_pattern_s(text: str) -> None:
    # (The matches whose short form has two capitals: `_definitions` keeps no other.)
    def kept(matches: Iterable[regex.Match[str]]) -> list[tuple[int, int]]:
        return [m.span() for m in matches if sum(map(str.isupper, m.group(1))) >= 2]

    assert kept(acr._def_before(text)) == kept(acr._DEF_BEFORE.finditer(text))


@given(texts)
@settings(max_examples=300, deadline=None)
def test_chosen_uses_are_the_pattern_s(text: str) -> None:
    chosen = {"OTC", "CSTO", "US", "NATO", "OTAN"}
    fast = list(acr._use_matches(text, chosen))
    slow = [(m.group(1), *m.span(1)) for m in acr.USE.finditer(text) if m.group(1) in chosen]
    assert fast == slow


@given(st.one_of(texts, st.text(alphabet="ABa, the\t\x1c.;()", max_size=60)))
@settings(max_examples=400, deadline=None)
def test_appositive_definitions_are_the_pattern_s(text: str) -> None:
    fast = [m.span() for m in acr._appositives(text)]
    assert fast == [m.span() for m in acr._DEF_APPOSITIVE.finditer(text)]


_CAPS = st.text(alphabet="ABSÉsaé1_ -.’\n", max_size=40)


@given(st.one_of(texts, _CAPS))
@settings(max_examples=400, deadline=None)
def test_uses_from_runs_of_capitals_are_the_pattern_s(text: str) -> None:
    assert acr._use_spans(text) == [m.span(1) for m in acr.USE.finditer(text)]


@given(st.one_of(texts, st.text(alphabet="EU. T-MCdSRshGAÉ1", max_size=30)))
@settings(max_examples=300, deadline=None)
def test_odd_form_screen_keeps_every_odd_form(text: str) -> None:
    extra = acr._extra_forms()
    assert extra is not None
    runs: set[str] = set()
    acr._use_spans(text, runs)
    assert runs == set(acr._CAPITALS.findall(text))
    if extra.search(text):
        assert acr._odd_form_may_occur(text, runs)


@given(st.one_of(texts, _CAPS, st.text(alphabet="ABZaz ÉДdé’“1\n", max_size=40)))
@settings(max_examples=400, deadline=None)
def test_capital_runs_are_the_pattern_s(text: str) -> None:
    found = [(a - 1, b - 1) for a, b in acr._padded_capital_runs(Lexicon(text))]
    assert found == [m.span() for m in acr._CAPITALS.finditer(text)]


@given(st.one_of(texts, st.text(alphabet="aA \n\n&é“—ÃΓ√–‚\x85Жω\u200b", max_size=60)))
@settings(max_examples=300, deadline=None)
def test_the_document_lexicon_is_its_blocks(text: str) -> None:
    from copydesk.rules.encoding import _mojibake
    from copydesk.rules.translation._lexicon import document_lexicon, lexicon

    for path in ("a.txt", "a.md"):
        doc = Document(text, path=path)
        lex = document_lexicon(doc)
        chars: set[str] = set()
        for block in doc.blocks:
            chars |= lexicon(doc, block).non_ascii_chars
        assert lex.non_ascii_chars == chars
        assert ("&" in lex.text) == any("&" in b.text for b in doc.blocks)
        candidate = _mojibake._screen(_mojibake._BAD_ALONE + _mojibake._EXTRA_START)
        hits = [k for k, b in enumerate(doc.blocks) if candidate.search(b.text)]
        assert lex.joined.searched(candidate) == hits
        assert _mojibake._candidate_blocks(lex) == hits  # (from the runs of non-ASCII)


def _raw_tokens_block_by_block(block_text: str) -> tuple[set[str], bool]:
    """A block's raw tokens and odd flag, from the block alone (what `_raw_tokens` finds for
    it from the whole document)."""
    extra = acr._extra_forms()
    assert extra is not None
    runs: set[str] = set()
    tokens = {block_text[a:b] for a, b in acr._use_spans(block_text, runs)}
    odd = acr._odd_form_may_occur(block_text, runs)
    if odd:
        tokens.update(extra.findall(block_text))
    return tokens, odd


@given(st.one_of(texts, _CAPS, st.text(alphabet="EU. T-MCdSRshGAÉ1\n#*", max_size=40)))
@settings(max_examples=400, deadline=None)
def test_raw_tokens_of_the_document_are_the_blocks(text: str) -> None:
    for path in ("a.txt", "a.md"):
        doc = Document(text, path=path)
        raw = acr._raw_tokens(doc)
        for k, block in enumerate(doc.blocks):
            assert (set(raw.tokens[k]), raw.odd[k]) == _raw_tokens_block_by_block(block.text)


_DEFINITIONS = st.lists(
    st.sampled_from(
        [
            "NATO",
            "(NATO)",
            "the North Atlantic Treaty Organization",
            ", the ",
            ", an ",
            "OTS",
            "[the Organization of Turkic States]",
            "CEPA",
            "Center for European Policy Analysis",
            ",",
            "\n\n",
            "\n",
            " ",
            "(",
            ")",
            "- ",
            "# ",
        ]
    ),
    max_size=30,
).map("".join)


@given(st.one_of(texts, _DEFINITIONS))
@settings(max_examples=300, deadline=None)
def test_definitions_of_the_document_are_the_blocks(text: str) -> None:
    for path in ("a.txt", "a.md"):
        doc = Document(text, path=path)
        every = acr.Acronyms()
        for block in doc.blocks:  # every block with a bracket or a comma, one by one
            if "(" in block.text or "[" in block.text or "," in block.text:
                acr._definitions(block, every)
        assert acr.scan_definitions(doc) == every.definitions


def _same_suspects(text: str) -> None:
    doc = Document(text, language="en")
    found = acr.suspects(doc)
    every = Document(text, language="en")
    assert found == acr.judge(every, acr.scan(every))  # judged on every use and definition
    for form, occurrences in acr.suspect_info(doc).uses.items():
        assert acr.scan_uses(every)[form] == occurrences


@given(texts)
@settings(max_examples=300, deadline=None)
def test_suspects_judge_on_the_uses_that_matter(text: str) -> None:
    _same_suspects(text)


def test_suspects_with_variants_of_defined_acronyms() -> None:
    rng = random.Random(4)
    pairs = list(acr.long_forms().items())
    for _ in range(300):
        short, longs = rng.choice(pairs)
        letters = list(short)
        rng.shuffle(letters)
        if len(letters) > 3 and rng.random() < 0.5:
            del letters[rng.randrange(len(letters))]
        variant = "".join(letters)
        _same_suspects(
            f"Officials of the {longs[0]} ({short}) met on Monday. "
            f"A spokesman for the {variant} said {rng.choice(['OTC', 'NATO', 'US', short])} agreed."
        )


# -- costs --------------------------------------------------------------------------------------


@needs_corpus
def test_an_english_article_loads_no_word_list_or_langdetect() -> None:
    # In a fresh interpreter: the MT rules on a clean article, its language given (the
    # engine's own language check is not the rules' to spare).
    code = (
        "import sys\n"
        "from copydesk.api import check_text\n"
        f"text = open({str(ARTICLES[0])!r}, encoding='utf-8').read()\n"
        "check_text(text, select=['MT'], config={'language': 'en'})\n"
        "print(sorted(m for m in ('wordfreq', 'langdetect') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


ADVERSARIAL = [
    "X he said " * 10_000,
    "Putin (the leader) he is " * 4_000,
    "A he is\n" * 10_000,
    "e " * 20_000,
    "de la " * 15_000,
    "que de la casa " * 8_000,
    "é " * 20_000,
    "don’t " * 15_000,
    "AAA " + "A" * 100_000,
    "OTC CSTO " * 10_000,
    "The Collective Security Treaty Organization (CSTO) met. OTC " * 1_000,
    "X (" * 10_000,
    "X, the " * 10_000,
]


@pytest.mark.parametrize("code", ["MT101", "MT102", "MT201", "MT301", "MT302", "MT303"])
def test_no_quadratic_work_on_hostile_text(code: str) -> None:
    checker = Checker([registry()[code]()], language="en")
    for text in ADVERSARIAL:
        t = time.perf_counter()
        checker.check(text, "a.txt")
        elapsed = time.perf_counter() - t
        assert elapsed < 2, f"{code} took {elapsed:.2f} s on {text[:20]!r}…"


def test_language_answers_kept_for_the_process_are_langdetect_s() -> None:
    from copydesk.rules.translation import _foreign

    text = "El ministro dijo que las negociaciones continuarán la próxima semana en Madrid."
    first = _foreign.language_probabilities(text)
    from langdetect import DetectorFactory, detector_factory

    DetectorFactory.seed = 0
    detector_factory.init_factory()  # langdetect's own profiles, as langdetect loads them
    detector = detector_factory._factory.create()
    detector.append(text)
    fresh = [(p.lang, float(p.prob)) for p in detector.get_probabilities()]
    assert first == fresh == _foreign.language_probabilities(text)
    assert first and first[0][0] == "es"


_NUMBERS = st.text(alphabet="0123.,19 20 km%€ people \U00010d40\U0001f600v\n", max_size=30)


@given(_NUMBERS)
@settings(max_examples=500, deadline=None)
def test_number_screens_keep_every_match(text: str) -> None:
    from copydesk.rules.translation import decimal_comma, dotted_date, thousands_dot

    for module in (decimal_comma, dotted_date, thousands_dot):
        if module.PATTERN.search(text):
            assert module.SCREEN.search(text), module.__name__


@given(st.text(alphabet="aAbB Éé\n1ǅⅠⓐ ΣσДд", max_size=30))
@settings(max_examples=400, deadline=None)
def test_shouting_counts_are_the_straightforward_ones(text: str) -> None:
    letters = sum(map(str.isalpha, text))
    upper = sum(map(str.isupper, filter(str.isalpha, text)))
    expected = len(text.split()) >= 3 and upper > 0.6 * letters
    assert acr._shouting(text) == expected


def _script_of_reference(text: str) -> str:
    # The counts as the rule made them before (a scan per script); the name from them is
    # `script_by_count`'s either way.
    counts = {name: len(p.findall(text)) for name, p in foreign_script._SCRIPT.items()}
    return foreign_script.script_by_count(counts)


@given(st.text(alphabet="aé Жωαשعحक中日ひカ한ไ·-’ა", max_size=12))
@settings(max_examples=300, deadline=None)
def test_script_of_counts_each_character_s_script(text: str) -> None:
    assert foreign_script.script_of(text) == _script_of_reference(text)


@given(st.text(alphabet="aé Жωαשع中ひ한·-’.,x\u0301\u0928\u093f»", max_size=40))
@settings(max_examples=400, deadline=None)
def test_foreign_script_runs_are_the_pattern_s(text: str) -> None:
    runs = foreign_script._runs(text, Lexicon(text).non_ascii)
    assert [m.span() for m in runs] == [m.span() for m in foreign_script.RUN.finditer(text)]


@given(st.text(alphabet="1290.,\n \U0001d7ce#", max_size=40))
@settings(max_examples=400, deadline=None)
def test_number_screens_name_the_blocks_from_the_blocks_joined(text: str) -> None:
    from copydesk.joined import joined
    from copydesk.rules.translation import decimal_comma, dotted_date, thousands_dot

    for path in ("a.txt", "a.md"):
        doc = Document(text, path=path)
        for module in (decimal_comma, dotted_date, thousands_dot):
            hits = [k for k, b in enumerate(doc.blocks) if module.SCREEN.search(b.text)]
            assert joined(doc).searched(module.SCREEN) == hits


@given(
    st.lists(
        st.sampled_from(["the", "and", "of", "to", " ", "’", "x", "é", "The", "\n", "was"]),
        max_size=12,
    ).map("".join)
)
@settings(max_examples=300, deadline=None)
def test_english_word_test_is_the_pattern_s(text: str) -> None:
    from copydesk.rules.translation._foreign import english_word_pattern, has_english_word

    assert has_english_word(text) == (english_word_pattern().search(text) is not None)


@given(st.text(alphabet=" \nhestiyaH", max_size=40))
@settings(max_examples=300, deadline=None)
def test_pronoun_anchors_are_every_spaced_pronoun(text: str) -> None:
    spaced = [(i, w) for w in ("he", "she", "they", "it") for i in range(len(text))]
    every = sorted(i for i, w in spaced if text.startswith(f" {w} ", i))
    assert resumptive_pronoun.anchors(text) == every


@given(st.text(alphabet="ab Жthe/|•· .\n", max_size=60))
@settings(max_examples=300, deadline=None)
def test_menu_item_splits_no_further_than_it_decides(text: str) -> None:
    # `_menu_item` splits a line into at most MENU_WORDS + 1 pieces: what the whole split decides.
    def whole_split(a: int, b: int) -> bool:
        start = text.rfind("\n", 0, a) + 1
        end = text.find("\n", b)
        line = text[start : end if end >= 0 else len(text)].strip()
        tokens = foreign_script._SEPARATORS.split(line)
        if len(tokens) > foreign_script.MENU_WORDS or line[-1:] in ".!?:;…":
            return False
        english = foreign_script.word_set("english_function")
        return not any(t.lower() in english for t in tokens)

    for a in range(len(text)):
        assert foreign_script._menu_item(text, a, a + 1) == whole_split(a, a + 1)
