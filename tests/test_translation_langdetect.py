"""`_langdetect.probabilities` answers what langdetect's own detector answers, float for float."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.rules.translation import _foreign, _langdetect

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
ARTICLES = sorted((CORPUS / "boilerplate" / "articles").glob("*.txt"))
MULTILINGUAL = CORPUS / "sentences" / "golden_rules_multilingual.json"


def _langdetect_s(text: str) -> list[tuple[str, float]] | None:
    detector = _foreign._factory().create()
    detector.append(text)
    try:
        return [(p.lang, p.prob) for p in detector.get_probabilities()]
    except Exception:
        return None


def _ours(text: str) -> list[tuple[str, float]] | None:
    try:
        return [(p.lang, p.prob) for p in _langdetect.probabilities(_foreign._factory(), text)]
    except Exception:
        return None


def test_the_examples_of_several_languages() -> None:
    for text in [
        "El ministro dijo que las negociaciones continuarán la próxima semana.",
        "Die Regierung hat die Pläne für das neue Gesetz noch nicht vorgestellt.",
        "Le gouvernement a annoncé des mesures pour les agriculteurs et les éleveurs.",
        "Amnesty International: в Иране больше ста человек погибли в ходе протестов",
        "東京都は新しい計画を発表した。 とうきょう カタカナ",
        "Tiếng Việt có dấu: người, được, những   ",
        "NASA’s plans, though, depend on getting SUFFICIENT funding. See http://x.org a@b.com",
        "12345 !!! ---",
        "",
    ]:
        assert _ours(text) == _langdetect_s(text)


def _samples() -> list[str]:
    out = []
    for path in ARTICLES:
        text = path.read_text(encoding="utf-8")
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        out.extend(p[:1000] for p in paragraphs[:3])
    if MULTILINGUAL.exists():
        data: Any = json.loads(MULTILINGUAL.read_text(encoding="utf-8"))
        cases = data if isinstance(data, list) else [c for v in data.values() for c in v]
        for case in cases:
            text = case.get("text") or case.get("input") if isinstance(case, dict) else case
            if isinstance(text, str):
                out.append(text[:1000])
    return out


@pytest.mark.skipif(not ARTICLES, reason="no corpus")
def test_the_corpus_paragraphs() -> None:
    samples = _samples()
    rng = random.Random(8)
    for text in rng.sample(samples, min(250, len(samples))):
        assert _ours(text) == _langdetect_s(text), text[:80]


_MIXED = st.text(
    alphabet="aeioustnrlAEZ  'éèüñçßøœ\u0301\u0303ạệйцукенΑβγ中文字あカ한국ي\u06cc\u0219\u1ea1.,-1",
    max_size=120,
)


@given(_MIXED)
@settings(max_examples=150, deadline=None)
def test_random_text(text: str) -> None:
    assert _ours(text) == _langdetect_s(text)
