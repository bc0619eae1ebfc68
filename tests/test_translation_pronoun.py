"""MT201 resumptive-pronoun on the seed article."""

from __future__ import annotations

from pathlib import Path

from copydesk.api import check_text, fix_text

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_bd715bf342a3177c.txt"


def test_seed_pronouns() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = check_text(text, select=["MT201"])
    assert [text[d.start : d.end] for d in found] == ["he", "they"]
    assert "Vladimir Putin he has" in text[found[0].start - 15 : found[0].end + 4]
    assert (
        "OTS [the Organization of Turkic States] they are"
        in text[found[1].start - 45 : found[1].end + 4]
    )
    fixed = fix_text(text, select=["MT201"], unsafe=True).text
    assert "the Russian leader Vladimir Putin has not been able" in fixed
    assert "[the Organization of Turkic States] are also found" in fixed
    assert fix_text(text, select=["MT201"]).text == text  # the fix is unsafe


def test_no_pronoun_after_prepositions_or_object_verbs() -> None:
    text = (
        "Beer is cheap and in Bavaria they are proud of it. According to Reuters it could take "
        "weeks. Biden told Putin he had to leave. When she met Macron she was pleased. Under "
        "Putin it has changed. Thanks to Merkel they were saved."
    )
    assert check_text(text, select=["MT201"]) == []
