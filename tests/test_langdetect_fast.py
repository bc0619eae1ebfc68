"""copydesk.langdetect_fast answers what langdetect's own detector answers, float for float."""

from __future__ import annotations

import functools
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk import langdetect_fast

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
ARTICLES = sorted((CORPUS / "boilerplate" / "articles").glob("*.txt"))
PAGES = sorted((CORPUS / "boilerplate" / "pages").glob("*.txt"))
MULTILINGUAL = CORPUS / "sentences" / "golden_rules_multilingual.json"


@functools.cache
def _langdetect_factory() -> Any:
    """langdetect's own factory, its profiles loaded by langdetect itself."""
    from langdetect import DetectorFactory, detector_factory

    DetectorFactory.seed = 0
    detector_factory.init_factory()
    return detector_factory._factory


def _theirs(text: str) -> tuple[list[str], list[tuple[str, float]] | None, str | None]:
    from langdetect.detector import Detector

    detector = Detector(_langdetect_factory())
    detector.append(text)
    detector.cleaning_text()
    grams = detector._extract_ngrams()
    try:
        found = [(p.lang, p.prob) for p in detector.get_probabilities()]
        return grams, found, detector.detect()
    except Exception:
        return grams, None, None


def _ours(text: str) -> tuple[list[str], list[tuple[str, float]] | None, str | None]:
    profiles = langdetect_fast.factory()
    grams = langdetect_fast.ngrams(
        langdetect_fast.prepared(profiles.create(), text), profiles.words
    )
    try:
        found = [(p.lang, p.prob) for p in langdetect_fast.probabilities(text)]
        return grams, found, langdetect_fast.detect(text)
    except ValueError:
        return grams, None, None


@pytest.mark.parametrize(
    "text",
    [
        "El ministro dijo que las negociaciones continuarán la próxima semana.",
        "Die Regierung hat die Pläne für das neue Gesetz noch nicht vorgestellt.",
        "Le gouvernement a annoncé des mesures pour les agriculteurs et les éleveurs.",
        "Amnesty International: в Иране больше ста человек погибли в ходе протестов",
        "東京都は新しい計画を発表した。 とうきょう カタカナ",
        "Tiếng Việt có dấu: người, được, những   ",
        "NASA’s plans, though, depend on getting SUFFICIENT funding. See http://x.org a@b.com",
        "ABC DEF the Quick BROWN fox  jumps ÉCOLE école 日本語のテキスト 한국어 العربية ی",
        "  AB  CD e ",
        "Der Hund läuft über die Straße, und die Katze schläft. " * 5,
        "12345 !!! ---",
        "",
    ],
)
def test_texts_of_several_languages(text: str) -> None:
    assert _ours(text) == _theirs(text)


def _samples() -> list[str]:
    out = []
    for path in ARTICLES:
        paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        out.extend(p[:1000] for p in paragraphs[:3])
    for path in PAGES[:12]:  # whole pages, as the document's language is asked about
        text = path.read_text(encoding="utf-8")
        out += [text[:4000], text[4000:8000], text[:250]]
    if MULTILINGUAL.exists():
        data: Any = json.loads(MULTILINGUAL.read_text(encoding="utf-8"))
        cases = data if isinstance(data, list) else [c for v in data.values() for c in v]
        for case in cases:
            text = case.get("text") or case.get("input") if isinstance(case, dict) else case
            if isinstance(text, str):
                out.append(text[:1000])
    return out


@pytest.mark.skipif(not ARTICLES, reason="no corpus")
def test_corpus_text() -> None:
    samples = _samples()
    for text in random.Random(8).sample(samples, min(250, len(samples))):
        assert _ours(text) == _theirs(text), text[:80]


_MIXED = st.text(
    alphabet="aeioustnrlAEZ  'éèüñçßøœ\u0301\u0303ạệйцукенΑβγ中文字あカ한국ي\u06cc\u0219\u1ea1.,-1",
    max_size=120,
)


@given(_MIXED)
@settings(max_examples=150, deadline=None)
def test_random_text(text: str) -> None:
    assert _ours(text) == _theirs(text)


def test_the_profiles_are_langdetects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read back from the flat file (written in a fresh store beside this test): the same
    languages in the same order, the same probabilities for every word."""
    from copydesk import artifacts

    monkeypatch.setattr("sys.dont_write_bytecode", False)  # written as bytecode would be

    theirs = _langdetect_factory()
    previous = artifacts.store().path
    try:
        artifacts.use_store(tmp_path / "artifacts.bin")
        langdetect_fast.factory.cache_clear()
        written = langdetect_fast.factory()  # built from langdetect's files, and written
        assert list((tmp_path).glob("langdetect-profiles.*.bin"))
        langdetect_fast.factory.cache_clear()
        read = langdetect_fast.factory()  # read back
    finally:
        artifacts.use_store(previous)
        langdetect_fast.factory.cache_clear()
    for ours in (written, read):
        assert ours.langlist == theirs.langlist
        assert ours.words.keys() == theirs.word_lang_prob_map.keys()
        for word, probs in theirs.word_lang_prob_map.items():
            assert list(ours.word_lang_prob_map[word]) == probs


def test_without_a_place_to_keep_the_flat_file_langdetect_loads_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where Python writes no bytecode (PYTHONDONTWRITEBYTECODE, common in containers) and no
    flat file is there, the profiles are langdetect's own (0.2 s), not built anew every run."""
    from copydesk import artifacts

    monkeypatch.setattr("sys.dont_write_bytecode", True)
    built: list[bool] = []
    monkeypatch.setattr(langdetect_fast, "_flat_profiles", lambda: built.append(True) or b"")
    previous = artifacts.store().path
    try:
        artifacts.use_store(Path("/nonexistent-copydesk-test/artifacts.bin"))
        langdetect_fast.factory.cache_clear()
        profiles = langdetect_fast.factory()
        assert not built
        assert profiles.langlist == _langdetect_factory().langlist
        text = "Die Regierung hat die Pläne für das neue Gesetz noch nicht vorgestellt."
        assert _ours(text) == _theirs(text)
    finally:
        artifacts.use_store(previous)
        langdetect_fast.factory.cache_clear()
