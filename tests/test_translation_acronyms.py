"""The acronym rules (MT101, MT102) on the seed article and their building blocks."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from copydesk.api import check_text, fix_text
from copydesk.document import Document
from copydesk.rules.translation import _acronyms as acr

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_bd715bf342a3177c.txt"


def words(text: str) -> list[str]:
    return regex.findall(r"[\p{L}\p{N}][\p{L}\p{N}'’&.\-]*", text)


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("CSTO", "Collective Security Treaty Organization"),
        ("OECD", "Organisation for Economic Co-operation and Development"),
        ("ECOWAS", "Economic Community of West African States"),
        ("UNESCO", "United Nations Educational, Scientific and Cultural Organization"),
        ("OTS", "Organization of Turkic States"),
        ("CEPA", "Center for European Policy Analysis"),
    ],
)
def test_aligns(short: str, long: str) -> None:
    assert acr.aligns(short, words(long))


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("OTAN", "North Atlantic Treaty Organization"),
        ("OTAN", "Organization"),
        ("OMS", "World Health Organization"),
        ("UE", "European Union"),
        ("ONU", "United Nations"),
        ("ODKB", "Organization of the Collective Security Treaty"),
        ("OTC", "Collective Security Treaty Organization"),
    ],
)
def test_foreign_forms_do_not_align(short: str, long: str) -> None:
    assert not acr.aligns(short, words(long))


def test_definitions_in_the_seed() -> None:
    info = acr.document_acronyms(Document(SEED.read_text(encoding="utf-8")))
    longs = {k: v[0].long for k, v in info.definitions.items() if v[0].aligned}
    assert longs == {
        "CSTO": "Collective Security Treaty Organization",
        "OTS": "Organization of Turkic States",
        "CEPA": "Center for European Policy Analysis",
    }
    assert len(info.uses["OTC"]) == 4
    # "CSTO (Kazakhstan and Kyrgyzstan)" is no definition of CSTO.
    assert all(d.aligned for d in info.definitions["CSTO"])


def test_appositive_definition() -> None:
    info = acr.document_acronyms(Document("CEPA, the Center for European Policy Analysis, said."))
    assert info.aligned("CEPA")


def test_seed_flags_every_otc_with_csto() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = [d for d in check_text(text, select=["MT"]) if d.code in ("MT101", "MT102")]
    flagged = [(text[d.start : d.end], Document(text).row_col(d.start)[0]) for d in found]
    assert flagged == [("OTC", 11), ("OTC", 15), ("OTC", 25), ("OTC", 33)]
    for d in found:
        assert d.fix is not None and d.fix.applicability.value == "unsafe"
        assert [e.content for e in d.fix.edits] == ["CSTO"]
    assert fix_text(text, select=["MT101", "MT102"]).text == text  # nothing safe to do
    fixed = fix_text(text, select=["MT101", "MT102"], unsafe=True).text
    assert "OTC" not in fixed and "the CSTO’s peacekeeping mission" in fixed


def test_seed_leaves_defined_and_known_acronyms_alone() -> None:
    text = SEED.read_text(encoding="utf-8")
    flagged = {text[d.start : d.end] for d in check_text(text, select=["MT101", "MT102"])}
    assert flagged == {"OTC"}


@pytest.mark.parametrize(
    ("acronym", "article"),
    [("OTC", "an"), ("CSTO", "a"), ("NATO", "a"), ("OTAN", "an"), ("UN", "a"), ("IMF", "an")],
)
def test_indefinite_article(acronym: str, article: str) -> None:
    assert acr.indefinite_article(acronym) == article


def test_tables_are_consistent() -> None:
    forms = acr.foreign_forms()
    longs = acr.long_forms()
    known = acr.known_acronyms()
    assert len(forms) >= 100
    for f in forms.values():
        assert f.canonical in longs, f"{f.form}: {f.canonical} has no long form"
        assert f.source.strip(), f"{f.form} has no source"
        assert set(f.languages) <= set(acr.LANGUAGE_NAMES), f.form
        # A form every reader knows cannot also be a foreign form to replace.
        assert f.form not in known, f"{f.form} is both known and foreign"


def test_an_odd_form_without_a_run_of_capitals_is_found_in_any_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No such form is in the table today; one added ("UdS") must be found in a block with no
    # run of two capitals, as in one with runs.
    forms = ("UdS",)
    monkeypatch.setattr(acr, "_odd_forms", lambda: forms)
    monkeypatch.setattr(acr, "_odd_runs", lambda: (("UdS", frozenset()),))
    monkeypatch.setattr(acr, "_odd_run_union", lambda: frozenset())
    monkeypatch.setattr(acr, "_odd_runless", lambda: True)
    pattern = acr.patterns.compile(r"(?<![\p{L}\p{N}_])(UdS)(?![\p{L}\p{N}_])")
    monkeypatch.setattr(acr, "_extra_forms", lambda: pattern)
    for text in ("# Title\n\nThe UdS said it would act.\n", "The UdS and the NATO met.\n"):
        uses = acr.scan_uses(Document(text, path="a.md"))
        assert [o.block.text[o.start : o.end] for o in uses.get("UdS", [])] == ["UdS"], text
