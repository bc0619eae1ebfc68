"""Declarative rules in configuration files, through the command line: discovery, rule files,
selection, per-file ignores, output, fixes, docs, and configuration errors (exit 2)."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from copydesk.config import ConfigError, ConfigFinder, load_file

Run = Callable[..., tuple[int, str, str]]

# One rule of each kind: the "test repository configuration" of issue 7.
HOUSE = textwrap.dedent(
    """
    [[rule]]
    code = "XH101"
    name = "house-kyiv"
    kind = "substitution"
    swap = { "Kiev" = "Kyiv" }
    exceptions = ["chicken Kiev"]
    source = "AP Stylebook, 2019"
    examples = [
        { bad = "in Kiev today", flagged = "Kiev", fixed = "in Kyiv today" },
        { good = "chicken Kiev" },
    ]

    [[rule]]
    code = "XH102"
    name = "no-skip-link"
    kind = "existence"
    words = ["Skip to content"]
    whole-line = true
    fix = "safe"
    examples = [
        { bad = "Skip to content\\n\\nText.\\n", flagged = "Skip to content", fixed = "Text.\\n" },
        { good = "Skip to content of the report." },
    ]

    [[rule]]
    code = "XH103"
    name = "one-email"
    kind = "consistency"
    groups = [["email", "e-mail"]]
    examples = [
        { bad = "An e-mail, an email.", flagged = "e-mail", fixed = "An email, an email." },
        { good = "An email." },
    ]

    [[rule]]
    code = "XH104"
    name = "define-acronyms"
    kind = "acronym"
    allow = ["CEPA"]
    severity = "warning"
    examples = [
        { bad = "The OTC met.", flagged = "OTC" },
        { good = "The Collective Security Treaty Organization (CSTO) met." },
    ]
    """
)
ARTICLE = (
    "Skip to content\n\n"
    "The counteroffensive by Kiev goes on. Send an email, not an e-mail; email is fine.\n\n"
    "The OTC met under CEPA.\n"
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path / "copydesk.toml", HOUSE)
    write(tmp_path / "articles" / "a.txt", ARTICLE)
    return tmp_path


def records(out: str) -> list[dict[str, object]]:
    data = json.loads(out)
    assert isinstance(data, list)
    return data


def test_one_rule_of_each_kind_findings(run: Run, repo: Path) -> None:
    code, out, _ = run("check", "--output-format", "json", "--select", "X", str(repo / "articles"))
    assert code == 1
    got = sorted((r["code"], r["name"]) for r in records(out))
    assert got == [
        ("XH101", "house-kyiv"),
        ("XH102", "no-skip-link"),
        ("XH103", "one-email"),
        ("XH104", "define-acronyms"),
    ]
    by_code = {r["code"]: r for r in records(out)}
    assert by_code["XH104"]["severity"] == "warning"
    assert by_code["XH101"]["message"] == "Use `Kyiv` instead of `Kiev`"
    assert by_code["XH101"]["fix"]["applicability"] == "unsafe"  # type: ignore[index]


def test_one_rule_of_each_kind_fixes(run: Run, repo: Path) -> None:
    path = repo / "articles" / "a.txt"
    assert run("check", "--select", "X", "--fix", str(path))[0] == 1  # XH104 has no fix
    assert path.read_text(encoding="utf-8") == (
        "The counteroffensive by Kiev goes on. Send an email, not an e-mail; email is fine.\n\n"
        "The OTC met under CEPA.\n"
    )
    run("check", "--select", "X", "--fix", "--unsafe-fixes", str(path))
    assert path.read_text(encoding="utf-8") == (
        "The counteroffensive by Kyiv goes on. Send an email, not an email; email is fine.\n\n"
        "The OTC met under CEPA.\n"
    )


def test_declarative_rules_are_in_the_default_selection(run: Run, repo: Path) -> None:
    _, out, _ = run("check", "--output-format", "json", str(repo / "articles"))
    assert {"XH101", "XH102", "XH103", "XH104"} <= {r["code"] for r in records(out)}


def test_selection_like_builtin_rules(run: Run, repo: Path) -> None:
    target = str(repo / "articles")
    _, out, _ = run("check", "--output-format", "json", "--select", "XH101,one-email", target)
    assert {r["code"] for r in records(out)} == {"XH101", "XH103"}
    _, out, _ = run("check", "--output-format", "json", "--select", "X", "--ignore", "XH1", target)
    assert records(out) == []
    _, out, _ = run("check", "--output-format", "json", "--select", "PU", target)
    assert not any(str(r["code"]).startswith("X") for r in records(out))


def test_cli_selector_of_a_user_code_nobody_defines_is_an_error(run: Run, repo: Path) -> None:
    code, _, err = run("check", "--select", "XH999", str(repo / "articles"))
    assert code == 2 and "XH999" in err


def test_config_selection_and_per_file_ignores(run: Run, tmp_path: Path) -> None:
    write(
        tmp_path / "copydesk.toml",
        'select = ["XH101", "XH104"]\n[per-file-ignores]\n"drafts/*" = ["house-kyiv"]\n' + HOUSE,
    )
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "drafts" / "b.txt", ARTICLE)
    _, out, _ = run("check", "--output-format", "json", str(tmp_path))
    got = sorted((Path(str(r["filename"])).name, r["code"]) for r in records(out))
    assert got == [("a.txt", "XH101"), ("a.txt", "XH104"), ("b.txt", "XH104")]


def test_default_enabled_false_needs_a_selection(run: Run, tmp_path: Path) -> None:
    write(
        tmp_path / "copydesk.toml",
        HOUSE.replace('name = "house-kyiv"', 'name = "house-kyiv"\ndefault-enabled = false'),
    )
    write(tmp_path / "a.txt", "In Kiev.\n")
    _, out, _ = run("check", "--output-format", "json", str(tmp_path / "a.txt"))
    assert "XH101" not in {r["code"] for r in records(out)}
    _, out, _ = run(
        "check", "--output-format", "json", "--extend-select", "XH101", str(tmp_path / "a.txt")
    )
    assert "XH101" in {r["code"] for r in records(out)}


def test_pyproject_rule_tables_and_shared_rule_files(run: Run, tmp_path: Path) -> None:
    """A pack shared by two repositories, each pointing at it relative to its own config."""
    write(tmp_path / "styles" / "house.toml", HOUSE)
    one = tmp_path / "one"
    two = tmp_path / "nested" / "two"
    write(
        one / "pyproject.toml",
        textwrap.dedent(
            """
            [tool.copydesk]
            rule-files = ["../styles/house.toml"]

            [[tool.copydesk.rule]]
            code = "XO101"
            name = "no-breaking"
            kind = "existence"
            words = ["BREAKING"]
            examples = [
                { bad = "BREAKING: a storm", flagged = "BREAKING" },
                { good = "Breaking news" },
            ]
            """
        ),
    )
    write(two / "copydesk.toml", 'rule-files = ["../../styles/house.toml"]\n')
    write(one / "a.txt", "BREAKING: storm hits Kiev.\n")
    write(two / "a.txt", "BREAKING: storm hits Kiev.\n")
    _, out, _ = run("check", "--output-format", "json", "--select", "X", str(one), str(two))
    got = sorted((Path(str(r["filename"])).parent.name, r["code"]) for r in records(out))
    assert got == [("one", "XH101"), ("one", "XO101"), ("two", "XH101")]


def test_rule_docs_from_settings(repo: Path) -> None:
    settings = load_file(repo / "copydesk.toml")
    assert settings is not None
    cls = settings.rule("XH101")
    assert cls is not None and settings.rule("house-kyiv") is cls
    doc = cls.doc()
    assert "## What it does" in doc and "| `Kiev` | `Kyiv` |" in doc
    assert str(repo / "copydesk.toml") in doc and "- AP Stylebook, 2019" in doc
    assert set(settings.all_rules()) >= {"XH101", "XH102", "XH103", "XH104", "PU101"}


def test_rule_command_documents_a_declarative_rule(
    run: Run, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    code, out, _ = run("rule", "XH101")
    assert code == 0
    assert "# house-kyiv (XH101)" in out and "| `Kiev` | `Kyiv` |" in out
    code, out, _ = run("rule", "--all")
    assert "XH104" in out


# -- configuration errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (
            'code = "XB101"\nname = "bad-regex"\nkind = "existence"\npatterns = ["(unclosed"]',
            r"rule XB101 \(bad-regex\): `patterns\[0\]` is not a valid regular expression",
        ),
        (
            'code = "XB101"\nname = "bad-kind"\nkind = "occurrence"',
            r"rule XB101 \(bad-kind\): `kind` must be one of 'existence', 'substitution'",
        ),
        (
            'code = "XB101"\nname = "no-swap"\nkind = "substitution"',
            r"rule XB101 \(no-swap\): a substitution rule needs `swap` or `entries`",
        ),
        (
            'name = "no-code"\nkind = "existence"\nwords = ["x"]',
            r"rule #1: missing required key `code`",
        ),
        (
            'code = "XB101"\nname = "no-examples"\nkind = "existence"\nwords = ["x"]',
            r"rule XB101 \(no-examples\): missing required key `examples`",
        ),
        (
            'code = "PU901"\nname = "builtin-range"\nkind = "existence"\nwords = ["x"]',
            r"rule PU901 \(builtin-range\): `code` 'PU901' is not in the user range",
        ),
        (
            'code = "XB101"\nname = "typo"\nkind = "existence"\nword = ["x"]',
            r"rule XB101 \(typo\): unknown key `word` \(known: .*words",
        ),
    ],
)
def test_definition_errors_exit_2_naming_rule_and_key(
    run: Run, tmp_path: Path, rule: str, message: str
) -> None:
    examples = 'examples = [{ bad = "x y", flagged = "x" }, { good = "z" }]\n'
    body = f"[[rule]]\n{rule}\n" + ("" if "no-examples" in rule else examples)
    write(tmp_path / "copydesk.toml", body)
    write(tmp_path / "a.txt", "x y\n")
    code, _, err = run("check", str(tmp_path / "a.txt"))
    assert code == 2
    assert str(tmp_path / "copydesk.toml") in err
    assert re.search(message, err), err


def test_failing_examples_block_loading(run: Run, tmp_path: Path) -> None:
    write(
        tmp_path / "copydesk.toml",
        textwrap.dedent(
            """
            [[rule]]
            code = "XB101"
            name = "kyiv"
            kind = "substitution"
            swap = { "Kiev" = "Kyiv" }
            examples = [
                { bad = "in Kiev", flagged = "Kiev", fixed = "in Kyiv" },
                { good = "chicken Kiev" },
            ]
            """
        ),
    )
    write(tmp_path / "a.txt", "text\n")
    code, _, err = run("check", str(tmp_path / "a.txt"))
    assert code == 2
    assert "rule XB101 (kyiv): its examples fail, so it does not load" in err
    assert "examples[1]: the good example 'chicken Kiev' is flagged at ['Kiev']" in err


def test_duplicate_codes_and_names(tmp_path: Path) -> None:
    rule = textwrap.dedent(
        """
        [[rule]]
        code = "XD101"
        name = "{name}"
        kind = "existence"
        words = ["x"]
        examples = [{{ bad = "x", flagged = "x" }}, {{ good = "y" }}]
        """
    )
    write(tmp_path / "pack.toml", rule.format(name="from-pack"))
    write(tmp_path / "copydesk.toml", 'rule-files = ["pack.toml"]\n' + rule.format(name="inline"))
    with pytest.raises(ConfigError, match=r"two rules share the code XD101: .*pack.toml and"):
        load_file(tmp_path / "copydesk.toml")
    write(
        tmp_path / "copydesk.toml",
        rule.format(name="same") + rule.format(name="same").replace("XD101", "XD102"),
    )
    with pytest.raises(ConfigError, match=r"two rules share the name same: XD101 and XD102"):
        load_file(tmp_path / "copydesk.toml")
    write(
        tmp_path / "copydesk.toml",
        rule.format(name="spaced-double-terminator"),
    )
    with pytest.raises(ConfigError, match=r"two rules share the name spaced-double-terminator"):
        load_file(tmp_path / "copydesk.toml")


def test_rule_file_errors(tmp_path: Path) -> None:
    write(tmp_path / "copydesk.toml", 'rule-files = ["missing.toml"]\n')
    with pytest.raises(ConfigError, match=r"copydesk.toml: rule-files: .*missing.toml"):
        load_file(tmp_path / "copydesk.toml")
    write(tmp_path / "bad.toml", "[[rule]\n")
    write(tmp_path / "copydesk.toml", 'rule-files = ["bad.toml"]\n')
    with pytest.raises(ConfigError, match=r"bad.toml: invalid TOML"):
        load_file(tmp_path / "copydesk.toml")
    write(tmp_path / "bad.toml", 'select = ["X"]\n')
    with pytest.raises(ConfigError, match=r"bad.toml: unknown key `select` \(a rule file holds"):
        load_file(tmp_path / "copydesk.toml")


def test_single_bracket_rule_table_is_explained(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.copydesk.rule]\ncode = "XA101"\n')
    with pytest.raises(ConfigError, match=r"`rule` must be an array of tables: write \[\[rule\]\]"):
        load_file(tmp_path / "pyproject.toml")


def test_declarative_rule_has_no_options_table(tmp_path: Path) -> None:
    write(tmp_path / "copydesk.toml", HOUSE + "\n[house-kyiv]\nfoo = 1\n")
    with pytest.raises(ConfigError, match=r"`house-kyiv` is a declarative rule: it has no options"):
        load_file(tmp_path / "copydesk.toml")


def test_validate_overrides(repo: Path, tmp_path: Path) -> None:
    finder = ConfigFinder(overrides={"select": ["XH101"]})
    settings = finder.for_dir(repo)
    assert settings.enabled_codes() == {"XH101"}
    finder.validate_overrides()
    # A folder whose configuration lacks XH101 selects nothing from it instead of failing...
    other = tmp_path / "elsewhere"
    other.mkdir()
    write(other / "copydesk.toml", "")
    assert finder.for_dir(other).enabled_codes() == frozenset()
    finder.validate_overrides()  # ...since another configuration of the run defines it.
    typo = ConfigFinder(overrides={"select": ["XH1O1"]})
    typo.for_dir(repo)
    with pytest.raises(ConfigError, match=r"unknown rule selector 'XH1O1'"):
        typo.validate_overrides()
