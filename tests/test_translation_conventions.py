"""The foreign-text and foreign-convention rules (MT3xx, MT4xx) beyond their examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copydesk.api import check_text, fix_text

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "sentences"
MT_TEXT = ["MT301", "MT302", "MT303", "MT401", "MT402", "MT403", "MT404", "MT405", "MT406"]


def test_guillemets_follow_the_documents_quotes() -> None:
    curly = "He said “yes” and she said «no»."
    straight = 'He said "yes" and she said «no».'
    assert fix_text(curly, select=["MT405"]).text == "He said “yes” and she said “no”."
    assert fix_text(straight, select=["MT405"]).text == 'He said "yes" and she said "no".'


def test_french_spacing_fix_is_safe_and_keeps_ordinary_spaces() -> None:
    text = "Why\u202f? Because : it works."
    fixed = fix_text(text, select=["MT407"]).text
    assert fixed == "Why? Because : it works."  # the ordinary space is the PU family's


def test_fullwidth_marks_inside_cjk_text_are_left_alone() -> None:
    assert check_text("He wrote 会谈结束，双方离开。 in his notes.", select=["MT408"]) == []


def test_foreign_sentence_needs_an_english_document() -> None:
    spanish = "El ministro dijo que las negociaciones continuarán la próxima semana en Ginebra."
    assert check_text(spanish, select=["MT302"], config={"language": "en"}) == []
    mixed = "The talks ended and the delegates went home for the weekend. " + spanish
    found = check_text(mixed, select=["MT302"], config={"language": "en"})
    assert [mixed[d.start : d.end] for d in found] == [spanish]


def test_consecutive_foreign_sentences_are_one_passage() -> None:
    text = (
        "The vote was close and the result was clear to all of them. Le gouvernement a annoncé "
        "des mesures pour les agriculteurs. Les syndicats ont rejeté le plan du ministre."
    )
    found = check_text(text, select=["MT302"], config={"language": "en"})
    assert len(found) == 1 and text[found[0].start : found[0].end].startswith("Le gouvernement")
    assert text[found[0].start : found[0].end].endswith("du ministre.")


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not available")
@pytest.mark.parametrize("name", ["golden_rules_en.json", "golden_rules_multilingual.json"])
def test_golden_rules_are_clean(name: str) -> None:
    for case in json.loads((CORPUS / name).read_text(encoding="utf-8")):
        language = case.get("lang", "en")
        found = check_text(case["text"], select=MT_TEXT, config={"language": language})
        assert found == [], (case["text"], found)
