"""The ST family: an opt-in newsroom style pack (ST101-ST104)."""

from __future__ import annotations

import json
import pickle
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.api import check_text, fix_text
from copydesk.declarative import DeclarativeRule
from copydesk.rule import registry
from copydesk.rules.style import RULES
from copydesk.rules.style.place_names import StandardPlaceName

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

Run = Callable[..., tuple[int, str, str]]
SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
SEED = SEEDS / "000_bd715bf342a3177c.txt"
DATA = Path(__file__).resolve().parent.parent / "rules" / "style" / "data"


def spans(text: str, code: str, **kw: object) -> list[str]:
    return [text[d.start : d.end] for d in check_text(text, select=[code], **kw)]  # type: ignore[arg-type]


def test_family_is_opt_in() -> None:
    codes = {cls.code for cls in RULES}
    assert codes == {"ST101", "ST102", "ST103", "ST104"}
    assert all(registry()[c].default_enabled is False for c in codes)
    assert all(registry()[c].languages == frozenset({"en"}) for c in codes)
    text = "The counteroffensive by Kiev goes on, and 3 soldiers died.\n"
    assert not any(d.code.startswith("ST") for d in check_text(text))
    assert {d.code for d in check_text(text, select=["ST"])} == {"ST101", "ST104"}


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed is not available")
def test_seed_kiev_with_select_all_only(run: Run, tmp_path: Path) -> None:
    seed = tmp_path / SEED.name
    shutil.copy(SEED, seed)
    _, out, _ = run("check", "--output-format", "json", "--select", "ALL", str(seed))
    st = [r for r in json.loads(out) if str(r["code"]).startswith("ST")]
    assert [(r["code"], r["location"]["row"]) for r in st] == [("ST101", 23)]
    (record,) = st
    assert record["fix"]["applicability"] == "unsafe"
    assert [e["content"] for e in record["fix"]["edits"]] == ["Kyiv"]
    _, out, _ = run("check", "--output-format", "json", str(seed))
    assert not any(str(r["code"]).startswith("ST") for r in json.loads(out))


# -- ST101 ---------------------------------------------------------------------------------------


def test_place_names_proper_case_only() -> None:
    text = "KIEV, Ukraine — Kiev said the madras and turkey dishes from Bombay were ready.\n"
    assert spans(text, "ST101") == ["KIEV", "Kiev", "Bombay"]
    fixed = fix_text(text, select=["ST101"], unsafe=True).text
    assert (
        fixed == "KYIV, Ukraine — Kyiv said the madras and turkey dishes from Mumbai were ready.\n"
    )
    assert fix_text(text, select=["ST101"]).text == text  # unsafe: not applied by plain --fix


@pytest.mark.parametrize(
    "text",
    [
        "He ordered chicken Kiev.",
        "The Bombay Stock Exchange and IIT Madras.",
        "Mumbai (formerly Bombay) and Myanmar, also known as Burma, and Myanmar (Burma).",
        "The Battle of Kharkov in 1943 and Kievan Rus.",
        "He lives in Odessa, Texas.",
        "The Calcutta Cup was played at Peking University.",
    ],
)
def test_place_names_exceptions(text: str) -> None:
    assert spans(text, "ST101") == []


def test_place_names_every_entry_has_a_source() -> None:
    with open(DATA / "place_names.toml", "rb") as fh:
        (rule,) = tomllib.load(fh)["rule"]
    assert len(rule["entries"]) >= 10
    for entry in rule["entries"]:
        assert entry.get("source"), entry
    assert issubclass(StandardPlaceName, DeclarativeRule) and not StandardPlaceName.user
    assert "| `Kiev` | `Kyiv` | AP Stylebook" in StandardPlaceName.doc()
    # A built-in pack pickles by name, like any other built-in rule.
    assert pickle.loads(pickle.dumps(StandardPlaceName)) is StandardPlaceName


# -- ST102 ---------------------------------------------------------------------------------------


def test_quotes_minority_flagged_and_fixed() -> None:
    text = '“We stay,” she said. “It is home.” He said "no" and left.\n'
    assert spans(text, "ST102") == ['"', '"']
    fixed = fix_text(text, select=["ST102"], unsafe=True).text
    assert fixed == "“We stay,” she said. “It is home.” He said “no” and left.\n"


def test_quotes_tie_goes_to_the_first_style() -> None:
    assert spans('He said "yes" and “no”.', "ST102") == ["“", "”"]
    assert spans('He said “yes” and "no".', "ST102") == ['"', '"']


def test_quotes_style_option() -> None:
    cfg = {"mixed-quote-style": {"style": "curly"}}
    assert spans('He said "yes".', "ST102", config=cfg) == ['"', '"']
    assert spans("He said “yes”.", "ST102", config=cfg) == []


@pytest.mark.parametrize("table", ["mixed-quote-style", "mixed-dash-style"])
def test_style_option_values_are_checked_with_the_configuration(table: str) -> None:
    from copydesk.config import ConfigError

    with pytest.raises(ConfigError, match=rf"`{table}`: `style` must be one of 'consistent'"):
        check_text("text", select=["ST"], config={table: {"style": "fancy"}})


def test_quotes_one_style_and_inch_marks_are_clean() -> None:
    assert spans('He said "yes" about the 12" pipe.', "ST102") == []
    assert spans('“Yes,” he said of the 12" pipe.', "ST102") == []


# -- ST103 ---------------------------------------------------------------------------------------


def test_dashes_minority_and_typewriter_forms() -> None:
    text = "The bloc—six states—met. Its chair - a general - spoke -- briefly.\n"
    assert spans(text, "ST103") == [" - ", " - ", " -- "]
    fixed = fix_text(text, select=["ST103"], unsafe=True).text
    assert fixed == "The bloc—six states—met. Its chair—a general—spoke—briefly.\n"


def test_dashes_style_option_and_clean_cases() -> None:
    cfg = {"mixed-dash-style": {"style": "em-spaced"}}
    text = "The bloc—six states—met.\n"
    assert fix_text(text, select=["ST103"], unsafe=True, config=cfg).text == (
        "The bloc — six states — met.\n"
    )
    assert spans("It ran - and ran - away.", "ST103") == []  # typewriter only: consistent
    assert spans("From 1990–95 the score was 3 - 1 — a rout.", "ST103") == []


# -- ST104 ---------------------------------------------------------------------------------------


def test_small_numbers() -> None:
    text = "The attack killed 3 soldiers. 2 people were hurt, and 12 fled in 4 cars.\n"
    assert spans(text, "ST104") == ["3", "2", "4"]
    fixed = fix_text(text, select=["ST104"], unsafe=True).text
    assert fixed == (
        "The attack killed three soldiers. Two people were hurt, and 12 fled in four cars.\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        "He is 5 years old; a 7-year-old girl; the boy, 4, smiled.",
        "It rose 3 percent to $5, or 4%, at 7 p.m. on Nov. 9 this year.",
        "Article 4 applies to Category 3 storms in Windows 7 systems.",
        "They won 3-1, and 1 in 5 voters agreed; 3 million people watched.",
        "Top 5 moments of the year",
        "The 9th month; 2.5 tons; (1) first; 1. second.",
    ],
)
def test_small_numbers_exceptions(text: str) -> None:
    assert spans(text, "ST104") == []


_DASHY = 'ab1 —–-\u00a0\u2009\u202f\n\r."”'


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_DASHY, max_size=40))
def test_dash_runs_find_what_the_whole_scan_finds(text: str) -> None:
    from copydesk.rules.style.dash_style import DASH, _matches

    assert [m.span() for m in _matches(text)] == [m.span() for m in DASH.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_DASHY, max_size=40))
def test_long_runs_are_the_runs_that_can_hold_a_dash(text: str) -> None:
    from copydesk.rules.style.dash_style import _LONG_RUN, _SPACES

    every_run = re.compile("[—–-][ \u00a0\u2009\u202f—–-]*")

    def extended(m: re.Match[str]) -> tuple[int, int]:
        s, e = m.span()
        while s > 0 and text[s - 1] in _SPACES:
            s -= 1
        return s, e

    every = [extended(m) for m in every_run.finditer(text)]
    kept = [(s, e) for s, e in every if e - s > 1 or text[s] == "—"]
    assert [extended(m) for m in _LONG_RUN.finditer(text)] == kept


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="19 \u00a0az’'-.$%(\n\r", max_size=40))
def test_figures_screened_are_the_pattern_s(text: str) -> None:
    from copydesk.rules.style.small_numbers import FIGURE, figures

    assert [m.span() for m in figures(text)] == [m.span() for m in FIGURE.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a09 “”\"'\n", max_size=30))
def test_quote_marks_are_the_pattern_s(text: str) -> None:
    from copydesk.rules.style.quote_style import QUOTE, quote_marks

    assert quote_marks(text) == [(m.start(), m.group()) for m in QUOTE.finditer(text)]
