"""Declarative rules: each kind's behaviour, case-aware fixes, generated docs, pickling."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as settings_h
from hypothesis import strategies as st

from copydesk import declarative
from copydesk.api import check_text, fix_text
from copydesk.config import ConfigError, Settings, settings_from_table
from copydesk.declarative import DefinitionError, apply_case, build_rule
from copydesk.diagnostics import Applicability, Severity
from copydesk.rule import DOC_SECTIONS


def rule(kind: str, examples: list[dict[str, Any]], **keys: Any) -> dict[str, Any]:
    return {"code": "XT101", "name": "house-test", "kind": kind, "examples": examples, **keys}


def settings(*rules: dict[str, Any], **table: Any) -> Settings:
    return settings_from_table({"rule": list(rules), **table}, Path.cwd(), None)


def found(text: str, s: Settings, code: str = "XT101", filename: str | None = None) -> list[str]:
    ds = check_text(text, config=s, select=[code], filename=filename)
    return [text[d.start : d.end] for d in ds]


def fixed(text: str, s: Settings, *, unsafe: bool = True, filename: str | None = None) -> str:
    return fix_text(text, config=s, select=["XT101"], unsafe=unsafe, filename=filename).text


# -- existence ---------------------------------------------------------------------------------

EXISTENCE_EXAMPLES = [
    {"bad": "Click here to read more.", "flagged": "Click here"},
    {"good": "He clicked here."},
]


def test_existence_words_match_whole_words_as_written() -> None:
    s = settings(rule("existence", EXISTENCE_EXAMPLES, words=["Click here", "per se"]))
    assert found("Click here now, per se. Click  here.", s) == [
        "Click here",
        "per se",
        "Click  here",
    ]
    assert found("click here; Clicks here; apper se", s) == []


def test_existence_case_any_and_patterns() -> None:
    s = settings(
        rule(
            "existence",
            EXISTENCE_EXAMPLES,
            words=["click here"],
            patterns=[r"\bread more\b"],
            case="any",
        )
    )
    assert found("CLICK HERE and Read More.", s) == ["CLICK HERE", "Read More"]
    assert found("then read more, or reread moreover", s) == ["read more"]


def test_existence_exceptions() -> None:
    s = settings(
        rule("existence", EXISTENCE_EXAMPLES, words=["Click here"], exceptions=["Click here Inc"])
    )
    assert found("Click here Inc. was sold. Click here.", s) == ["Click here"]


def test_existence_whole_line_removes_the_line() -> None:
    examples = [
        {"bad": "Skip to content\n\nText.\n", "flagged": "Skip to content", "fixed": "Text.\n"},
        {"good": "Skip to content of the report.\n"},
    ]
    s = settings(
        rule(
            "existence",
            examples,
            words=["Skip to content"],
            **{"whole-line": True, "fix": "safe", "case": "any"},
        )
    )
    text = "Skip to content\n\nThe war goes on.\n\n  SKIP TO CONTENT  \n\nEnd.\n"
    assert found(text, s) == ["Skip to content", "SKIP TO CONTENT"]
    result = fix_text(text, config=s, select=["XT101"])
    assert result.text == "The war goes on.\n\nEnd.\n"
    assert all(d.fix and d.fix.applicability is Applicability.SAFE for d in result.applied)


def test_existence_fix_needs_whole_line() -> None:
    with pytest.raises(ConfigError, match=r"rule XT101 \(house-test\): `fix` needs `whole-line"):
        settings(rule("existence", EXISTENCE_EXAMPLES, words=["Click here"], fix="unsafe"))


# -- substitution ------------------------------------------------------------------------------

KYIV_EXAMPLES = [
    {"bad": "in Kiev today", "flagged": "Kiev", "fixed": "in Kyiv today"},
    {"good": "in Kyiv today"},
]


def test_substitution_is_case_aware() -> None:
    s = settings(
        rule("substitution", KYIV_EXAMPLES, swap={"Kiev": "Kyiv"}, exceptions=["chicken Kiev"])
    )
    text = "Kiev, kiev, KIEV and Kievan Rus; chicken Kiev."
    assert found(text, s) == ["Kiev", "kiev", "KIEV"]
    assert fixed(text, s) == "Kyiv, kyiv, KYIV and Kievan Rus; chicken Kiev."
    messages = [d.message for d in check_text("in kiev", config=s, select=["XT101"])]
    assert messages == ["Use `kyiv` instead of `kiev`"]


@pytest.mark.parametrize(
    ("matched", "written", "replacement", "case", "expected"),
    [
        ("Kiev", "Kiev", "Kyiv", "any", "Kyiv"),
        ("kiev", "Kiev", "Kyiv", "any", "kyiv"),
        ("KIEV", "Kiev", "Kyiv", "any", "KYIV"),
        ("Web site", "web site", "website", "any", "Website"),
        ("internet", "internet", "Internet", "any", "Internet"),
        ("KIEV", "Kiev", "Kyiv", "proper", "KYIV"),
        ("kiev", "Kiev", "Kyiv", "exact", "Kyiv"),
    ],
)
def test_apply_case(matched: str, written: str, replacement: str, case: str, expected: str) -> None:
    assert apply_case(matched, written, replacement, case) == expected


def test_substitution_written_form_already_right_is_not_flagged() -> None:
    examples = [
        {"bad": "on the internet", "flagged": "internet", "fixed": "on the Internet"},
        {"good": "on the Internet"},
    ]
    s = settings(rule("substitution", examples, swap={"internet": "Internet"}))
    assert found("The Internet, the INTERNET and the internet.", s) == ["internet"]


def test_substitution_exact_and_proper_case() -> None:
    examples = [
        {"bad": "in Madras", "flagged": "Madras", "fixed": "in Chennai"},
        {"good": "a madras shirt"},
    ]
    exact = settings(rule("substitution", examples, swap={"Madras": "Chennai"}, case="exact"))
    assert found("Madras, MADRAS, madras", exact) == ["Madras"]
    proper = settings(rule("substitution", examples, swap={"Madras": "Chennai"}, case="proper"))
    assert found("Madras, MADRAS, madras", proper) == ["Madras", "MADRAS"]
    assert fixed("MADRAS, India", proper) == "CHENNAI, India"


def test_substitution_entries_with_own_exceptions_and_skip_after() -> None:
    examples = [
        {"bad": "flights to Bombay", "flagged": "Bombay", "fixed": "flights to Mumbai"},
        {"good": "the Bombay Stock Exchange"},
    ]
    s = settings(
        rule(
            "substitution",
            examples,
            entries=[
                {"from": "Bombay", "to": "Mumbai", "exceptions": ["Bombay Stock Exchange"]},
                {"from": ["Peking", "Pekin"], "to": "Beijing", "source": "pinyin"},
            ],
            **{"skip-after": ["formerly", "also known as"]},
        )
    )
    text = "Bombay Stock Exchange. Mumbai (formerly Bombay). Pekin and Peking. Bombay."
    assert found(text, s) == ["Pekin", "Peking", "Bombay"]
    doc = s.rule("XT101")
    assert doc is not None and "| `Peking`, `Pekin` | `Beijing` | pinyin |" in doc.doc()


def test_substitution_regex_with_groups() -> None:
    examples = [
        {"bad": "It costs 5 dollars.", "flagged": "5 dollars", "fixed": "It costs $5."},
        {"good": "It costs $5."},
    ]
    s = settings(
        rule(
            "substitution",
            examples,
            swap={r"\b([0-9]+) dollars\b": r"$\1"},
            regex=True,
            fix="safe",
        )
    )
    assert fixed("From 12 dollars to 30 dollars.", s, unsafe=False) == "From $12 to $30."


def test_substitution_fix_modes() -> None:
    shown = settings(
        rule(
            "substitution",
            [{"bad": "in Kiev", "flagged": "Kiev"}, {"good": "in Kyiv"}],
            swap={"Kiev": "Kyiv"},
            fix="display-only",
        )
    )
    (d,) = check_text("in Kiev", config=shown, select=["XT101"])
    assert d.fix is not None and d.fix.applicability is Applicability.DISPLAY_ONLY
    assert fixed("in Kiev", shown) == "in Kiev"
    none = settings(
        rule(
            "substitution",
            [{"bad": "in Kiev", "flagged": "Kiev"}, {"good": "in Kyiv"}],
            swap={"Kiev": "Kyiv"},
            fix="none",
        )
    )
    (d,) = check_text("in Kiev", config=none, select=["XT101"])
    assert d.fix is None
    safe = settings(rule("substitution", KYIV_EXAMPLES, swap={"Kiev": "Kyiv"}, fix="safe"))
    assert fixed("in Kiev", safe, unsafe=False) == "in Kyiv"
    unsafe = settings(rule("substitution", KYIV_EXAMPLES, swap={"Kiev": "Kyiv"}))
    assert fixed("in Kiev", unsafe, unsafe=False) == "in Kiev"
    assert fixed("in Kiev", unsafe, unsafe=True) == "in Kyiv"


def test_markdown_spans_and_fixes() -> None:
    s = settings(rule("substitution", KYIV_EXAMPLES, swap={"Kiev": "Kyiv"}))
    # A match across emphasis markers is found (prose coordinates), but gets no fix.
    text = "In *Ki*ev today.\n"
    (d,) = check_text(text, filename="a.md", config=s, select=["XT101"])
    assert text[d.start : d.end] == "Ki*ev" and d.fix is None
    assert fixed("In **Kiev** today.\n", s, filename="a.md") == "In **Kyiv** today.\n"
    lines = settings(
        rule(
            "existence",
            [{"bad": "Skip to content\n\nText.\n", "flagged": "Skip to content"}, {"good": "A."}],
            words=["Skip to content"],
            **{"whole-line": True, "fix": "safe"},
        )
    )
    md = "# Skip to content\n\nText here.\n\n- Skip to content\n"
    assert found(md, lines, filename="a.md") == ["Skip to content", "Skip to content"]
    assert fix_text(md, filename="a.md", config=lines, select=["XT101"]).text == "Text here.\n"


_SCREENED_RULES = [
    rule("substitution", KYIV_EXAMPLES, swap={"Kiev": "Kyiv", "New  York": "NYC"}, case="any"),
    rule("substitution", KYIV_EXAMPLES, swap={"Kiev": "Kyiv"}, exceptions=["Kiev Rus"]),
    rule("existence", EXISTENCE_EXAMPLES, words=["Click here", "per se", "-- end"]),
    rule(
        "existence",
        [{"bad": "Skip to content\n\nText.\n", "flagged": "Skip to content"}, {"good": "A."}],
        words=["Skip to content", "Home"],
        **{"whole-line": True, "fix": "safe"},
    ),
]
_PIECES = st.sampled_from(
    ["Kiev", "kiev", "Kiev Rus", "New", "York", "Click", "here", "per", "se", "-- end", "Home",
     "Skip to content", "Kievan", "xKiev", " ", "  ", "\n", "\n\n", "\n- ", "\n# ", "*",
     "`", "**", "[", "](u)", ".", ",", "\t"]
)  # fmt: skip


@settings_h(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40), st.sampled_from(["a.md", "a.txt", "a.html"]))
def test_phrase_rules_search_only_the_blocks_the_joined_screen_names(
    pieces: list[str], filename: str
) -> None:
    # Phrase rules search only the blocks where their phrases have a hit in the blocks joined;
    # a rule that searched every block finds exactly the same.
    text = "".join(pieces)
    if filename == "a.html":
        text = f"<p>{text}</p>"
    for definition in _SCREENED_RULES:
        s = settings(definition)
        screened = check_text(text, config=s, select=["XT101"], filename=filename)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(declarative, "_blocks_to_search", lambda doc, *_: range(len(doc.blocks)))
            every = check_text(text, config=s, select=["XT101"], filename=filename)
        assert screened == every


# -- consistency -------------------------------------------------------------------------------

EMAIL_EXAMPLES = [
    {
        "bad": "An email, an e-mail, an email.",
        "flagged": "e-mail",
        "fixed": "An email, an email, an email.",
    },
    {"good": "An email and an email."},
]


def test_consistency_flags_the_minority_and_fixes_to_the_majority() -> None:
    s = settings(rule("consistency", EMAIL_EXAMPLES, groups=[["e-mail", "email"], ["OK", "okay"]]))
    text = "e-mail, email, email. OK, okay, okay, OK, OK."
    assert found(text, s) == ["e-mail", "okay", "okay"]
    assert fixed(text, s) == "email, email, email. OK, OK, OK, OK, OK."
    (d, *_) = check_text(text, config=s, select=["XT101"])
    assert d.message == "`e-mail` here, but this document mostly writes `email`"


def test_consistency_tie_goes_to_the_variant_listed_first() -> None:
    s = settings(rule("consistency", EMAIL_EXAMPLES, groups=[["email", "e-mail"]]))
    assert found("An e-mail and an email.", s) == ["e-mail"]
    s2 = settings(rule("consistency", EMAIL_EXAMPLES, groups=[["e-mail", "email"]]))
    assert found("An e-mail and an email.", s2) == ["email"]


def test_consistency_one_variant_is_consistent() -> None:
    s = settings(rule("consistency", EMAIL_EXAMPLES, groups=[["e-mail", "email"]]))
    assert found("e-mail, e-mail, e-mail", s) == []


def test_consistency_case_any_keeps_case() -> None:
    s = settings(rule("consistency", EMAIL_EXAMPLES, groups=[["e-mail", "email"]], case="any"))
    assert fixed("E-mail us. Send an email, an email.", s) == "Email us. Send an email, an email."


# -- acronym -----------------------------------------------------------------------------------

ACRONYM_EXAMPLES = [
    {"bad": "The OTC met.", "flagged": "OTC"},
    {"good": "The Collective Security Treaty Organization (CSTO) met. The CSTO said."},
]


@pytest.mark.parametrize(
    "text",
    [
        "The Collective Security Treaty Organization (CSTO) met. The CSTO left.",
        "CEPA (Comprehensive and Enhanced Partnership Agreement) was signed. CEPA works.",
        "Two members of the OTS [the Organization of Turkic States] agreed.",
        "The Collective Security Treaty Organization, or CSTO, met.",
        "NATO and the FBI and the UN met in World War II under Louis XIV.",
        "A LINE WRITTEN IN CAPITALS LIKE A HEADLINE\n\nThen prose.",
        "The ACME group met.",
        "GET OUT and VOTE for your GREAT Governor!",
        "MADRID — Rafael Nadal won.\n\nNEW YORK (Reuters) - Oil fell.",
        "It is SUPER easy to opt out BEFORE signing up.",
    ],
)
def test_acronym_defined_or_known(text: str) -> None:
    s = settings(rule("acronym", ACRONYM_EXAMPLES, allow=["ACME"]))
    assert found(text, s) == []


def test_acronym_flags_the_first_use_only() -> None:
    s = settings(rule("acronym", ACRONYM_EXAMPLES))
    text = "The OTC met. The OTC left. OTCs are alliances. Then the Other Treaty Council (OTC)."
    assert found(text, s) == ["OTC"]
    ds = check_text(text, config=s, select=["XT101"])
    assert ds[0].start == text.index("OTC") and ds[0].fix is None


def test_acronym_options() -> None:
    s = settings(rule("acronym", ACRONYM_EXAMPLES, common=False, **{"min-length": 2}))
    assert found("NATO and the EU.", s) == ["NATO", "EU"]
    s2 = settings(rule("acronym", ACRONYM_EXAMPLES, **{"max-length": 4}))
    assert found("POLITICO and the OTC.", s2) == ["OTC"]


def test_acronym_has_no_fix_key() -> None:
    with pytest.raises(ConfigError, match=r"unknown key `fix`"):
        settings(rule("acronym", ACRONYM_EXAMPLES, fix="unsafe"))


# -- the rule class ----------------------------------------------------------------------------


def test_generated_docstring_has_every_section() -> None:
    s = settings(
        rule(
            "substitution",
            KYIV_EXAMPLES,
            swap={"Kiev": "Kyiv"},
            why="House style.",
            source="AP Stylebook",
            link="https://example.org/style",
            description="Ukrainian spellings.",
        )
    )
    cls = s.rule("house-test")
    assert cls is not None and cls.validate() == []
    doc = cls.doc()
    for section in DOC_SECTIONS:
        assert f"## {section}" in doc
    assert "House style." in doc and "Ukrainian spellings." in doc
    assert "- AP Stylebook\n- https://example.org/style" in doc
    assert "```text\nin Kiev today\n```" in doc and "```text\nin Kyiv today\n```" in doc
    assert "Unsafe" in doc and "`configuration`" in doc


def test_rule_attributes() -> None:
    s = settings(
        rule(
            "existence",
            EXISTENCE_EXAMPLES,
            words=["Click here"],
            severity="warning",
            languages=["en"],
            **{"default-enabled": False, "message": "No `{match}` please"},
        )
    )
    cls = s.rule("XT101")
    assert cls is not None
    assert cls.severity is Severity.WARNING
    assert cls.languages == frozenset({"en"})
    assert cls.default_enabled is False
    assert cls.fix_availability == "none"
    assert "XT101" not in s.enabled_codes()
    (d,) = check_text("Click here.", config=s, select=["XT101"])
    assert d.message == "No `Click here` please" and d.severity is Severity.WARNING
    assert d.url and "XT101" in d.url and d.name == "house-test"


def test_cache_fingerprint_follows_the_definition() -> None:
    one = build_rule(rule("substitution", KYIV_EXAMPLES, swap={"Kiev": "Kyiv"}), "a.toml")
    same = build_rule(rule("substitution", KYIV_EXAMPLES, swap={"Kiev": "Kyiv"}), "a.toml")
    other = build_rule(
        rule("substitution", KYIV_EXAMPLES, swap={"Kiev": "Kyiv", "Lvov": "Lviv"}), "a.toml"
    )
    assert one.cache_fingerprint == same.cache_fingerprint != other.cache_fingerprint


def test_settings_with_declarative_rules_pickle() -> None:
    s = settings(rule("substitution", KYIV_EXAMPLES, swap={"Kiev": "Kyiv"}))
    again = pickle.loads(pickle.dumps(s))
    (cls,) = again.extra_rules
    assert cls.code == "XT101"
    assert found("in Kiev", again) == ["Kiev"]
    # Built-in classes still pickle by reference.
    assert pickle.loads(pickle.dumps(declarative.SubstitutionRule)) is declarative.SubstitutionRule


def test_pattern_timeout_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    cls = build_rule(
        rule("existence", EXISTENCE_EXAMPLES, patterns=[r"(?:\w+\s?)+$", r"Click here"]),
        "test",
    )
    monkeypatch.setattr(declarative, "PATTERN_TIMEOUT", 0.01)
    from copydesk.checker import Checker, RuleCrash

    text = "word " * 5000 + "!"
    # The message as the rule wrote it, not wrapped as a crash.
    with pytest.raises(RuleCrash, match=r"^rule XT101 \(house-test\): a pattern ran longer than"):
        Checker([cls()]).check(text)


def test_build_rule_errors_name_rule_and_key() -> None:
    with pytest.raises(
        DefinitionError, match=r"^rule XT101 \(house-test\): `patterns\[1\]` is not"
    ):
        build_rule(rule("existence", EXISTENCE_EXAMPLES, patterns=["ok", "(unclosed"]), "x")
    with pytest.raises(DefinitionError, match=r"`patterns\[0\]` matches the empty string"):
        build_rule(rule("existence", EXISTENCE_EXAMPLES, patterns=["a*"]), "x")
    with pytest.raises(DefinitionError, match=r"refers to a group the pattern lacks"):
        build_rule(rule("substitution", KYIV_EXAMPLES, swap={"Kiev": r"\2"}, regex=True), "x")
    with pytest.raises(DefinitionError, match=r"maps 'Kiev' to itself"):
        build_rule(rule("substitution", KYIV_EXAMPLES, swap={"Kiev": "Kiev"}), "x")
    with pytest.raises(DefinitionError, match=r"lists 'Kiev' and 'kiev', which match the same"):
        build_rule(rule("substitution", KYIV_EXAMPLES, swap={"Kiev": "Kyiv", "kiev": "kyiv"}), "x")
    with pytest.raises(DefinitionError, match=r"`groups\[0\]` needs at least two different"):
        build_rule(rule("consistency", EMAIL_EXAMPLES, groups=[["email", "email"]]), "x")
    with pytest.raises(DefinitionError, match=r"`message` uses \{what\}"):
        build_rule(rule("acronym", ACRONYM_EXAMPLES, message="Define {what}"), "x")
    with pytest.raises(DefinitionError, match=r"`severity` must be one of"):
        build_rule(rule("acronym", ACRONYM_EXAMPLES, severity="fatal"), "x")
    with pytest.raises(DefinitionError, match=r"needs at least one `bad` and one `good`"):
        build_rule(rule("acronym", ACRONYM_EXAMPLES[:1]), "x")
    with pytest.raises(DefinitionError, match=r"`examples\[0\]` `flagged` 'X' is not in"):
        build_rule(rule("acronym", [{"bad": "The OTC", "flagged": "X"}, {"good": "ok"}]), "x")
    with pytest.raises(DefinitionError, match=r"`name` 'House Test' must be kebab-case"):
        build_rule({**rule("acronym", ACRONYM_EXAMPLES), "name": "House Test"}, "x")
