"""The CI formats: SARIF (validated against the official 2.1.0 schema), GitLab Code Quality
(stable fingerprints) and JUnit XML; and the format registry the CLI offers."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from copydesk.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from copydesk.document import Document
from copydesk.report import FORMATS, MACHINE_FORMATS, ReportOptions, get_reporter
from copydesk.report.gitlab import issues
from copydesk.report.sarif import sarif_log
from copydesk.runner import FileReport, locate

Run = Callable[..., tuple[int, str, str]]
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
DIRTY = "The war is now in its 19th month. .\n\nIt goes on. . Really.\n"


def report_of(text: str, filename: str = "a.txt", *, error: str | None = None) -> FileReport:
    """Findings for every `. .` in `text`, with a safe fix, as PU101 would give them."""
    doc = Document(text, path=filename)
    findings = []
    i = text.find(". .")
    while i >= 0:
        fix = Fix((Edit(i + 1, i + 3),), Applicability.SAFE, "Remove the second terminator")
        d = Diagnostic("PU101", "spaced-double-terminator", "Repeated `. .`", i, i + 3, fix=fix)
        findings.append(locate(doc, d, filename))
        i = text.find(". .", i + 3)
    return FileReport(filename, findings, error=error)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    return tmp_path


def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_registry_lists_every_format() -> None:
    assert {"sarif", "gitlab", "junit"} <= set(FORMATS) and {"sarif", "gitlab", "junit"} <= (
        MACHINE_FORMATS
    )
    for name in FORMATS:
        assert callable(get_reporter(name))
    with pytest.raises(ValueError):
        get_reporter("nope")


# -- SARIF ----------------------------------------------------------------------------------------


def test_sarif_is_valid_against_the_official_schema(in_tmp: Path) -> None:
    reports = [
        report_of(DIRTY, "a.txt"),
        report_of("Zero. . \u00e9t\u00e9 日本. .\r\nx\r\n", "sub dir/b é.md"),
        report_of("", "bin.txt", error="binary file"),
        report_of("Clean.\n", "/elsewhere/c.txt"),
    ]
    log = sarif_log(reports)
    errors = sorted(validator().iter_errors(log), key=str)
    assert not errors, errors[0]
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["tool"]["driver"]["name"] == "copydesk"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["PU101"]
    rule = run["tool"]["driver"]["rules"][0]
    assert "## Fix safety" in rule["help"]["markdown"]  # the rule's own documentation
    results = run["results"]
    assert len(results) == 4
    first = results[0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"] == {"uri": "a.txt", "uriBaseId": "%SRCROOT%"}
    assert first["region"] == {
        "startLine": 1,
        "startColumn": 33,
        "endLine": 1,
        "endColumn": 36,
        "snippet": {"text": ". ."},
    }
    uri = results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "sub%20dir/b%20%C3%A9.md"
    fix = results[0]["fixes"][0]
    assert fix["artifactChanges"][0]["replacements"] == [
        {"deletedRegion": {"startLine": 1, "startColumn": 34, "endLine": 1, "endColumn": 36}}
    ]
    assert run["invocations"][0]["executionSuccessful"] is False
    note = run["invocations"][0]["toolExecutionNotifications"][0]
    assert note["level"] == "error" and "binary file" in note["message"]["text"]
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file://") and base.endswith("/")


def test_sarif_schema_rejects_a_broken_log(in_tmp: Path) -> None:
    # The schema is real: a log with a bad level or a missing message does not validate.
    log = sarif_log([report_of(DIRTY)])
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert list(validator().iter_errors(log))
    log = sarif_log([report_of(DIRTY)])
    del log["runs"][0]["results"][0]["message"]
    assert list(validator().iter_errors(log))


def test_sarif_levels_and_fingerprints_ignore_line_numbers(in_tmp: Path) -> None:
    moved = "New first paragraph.\n\n" + DIRTY
    a = sarif_log([report_of(DIRTY)])["runs"][0]["results"]
    b = sarif_log([report_of(moved)])["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in a] == [r["partialFingerprints"] for r in b]
    assert a[0]["locations"] != b[0]["locations"]
    doc = Document("A. .", path="x.txt")
    d = Diagnostic("PU101", "spaced-double-terminator", "m", 1, 4, severity=Severity.INFO)
    log = sarif_log([FileReport("x.txt", [locate(doc, d, "x.txt")])])
    assert log["runs"][0]["results"][0]["level"] == "note"
    assert validator().is_valid(log)


# -- GitLab ---------------------------------------------------------------------------------------


def test_gitlab_code_quality(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = issues([report_of(DIRTY, str(in_tmp / "a.txt")), report_of(DIRTY, "b.txt")])
    assert len(records) == 4
    r = records[0]
    assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(r)
    assert r["check_name"] == "PU101" and r["severity"] == "major"
    assert r["location"] == {
        "path": "a.txt",
        "positions": {"begin": {"line": 1, "column": 33}, "end": {"line": 1, "column": 36}},
    }
    fingerprints = [x["fingerprint"] for x in records]
    assert len(set(fingerprints)) == 4  # unique, also across files with the same text
    # CI_PROJECT_DIR decides what paths are relative to.
    monkeypatch.setenv("CI_PROJECT_DIR", str(in_tmp.parent))
    assert issues([report_of(DIRTY, "a.txt")])[0]["location"]["path"] == f"{in_tmp.name}/a.txt"


def test_gitlab_fingerprints_survive_moves_and_edits_elsewhere(in_tmp: Path) -> None:
    def prints(text: str) -> list[str]:
        return [x["fingerprint"] for x in issues([report_of(text)])]

    before = prints(DIRTY)
    assert prints("A new lead paragraph.\n\n" + DIRTY) == before
    assert prints(DIRTY + "\nA new closing paragraph.\n") == before
    edited = DIRTY.replace("It goes on. . Really.", "It goes on. . Really, truly.")
    assert prints(edited)[0] == before[0]  # the other finding's context changed, not this one
    # Identical findings (same text and context) are told apart by their rank.
    twice = prints("Same. . Same. . Same. .\n")
    assert len(set(twice)) == 3


# -- JUnit ----------------------------------------------------------------------------------------


def test_junit_xml(in_tmp: Path) -> None:
    reports = [
        report_of(DIRTY.replace("war", "war\x1b[31m"), "a.txt"),
        report_of("Clean.\n", "clean.txt"),
        report_of("", "bin.txt", error="binary file\x00"),
    ]
    out = io.StringIO()
    get_reporter("junit")(reports, out, ReportOptions())
    text = out.getvalue()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(text.split("\n", 1)[1])  # parses: control characters were replaced
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "1")
    suites = {s.get("name"): s for s in root}
    assert set(suites) == {"a.txt", "clean.txt", "bin.txt"}
    cases = suites["a.txt"].findall("testcase")
    assert [c.get("name") for c in cases] == [
        "PU101 spaced-double-terminator at 1:38",
        "PU101 spaced-double-terminator at 3:11",
    ]
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("type") == "PU101"
    assert "^^^ PU101" in (failure.text or "") and "␛" in (failure.text or "")
    assert suites["clean.txt"].find("testcase/failure") is None
    error = suites["bin.txt"].find("testcase/error")
    assert error is not None and error.get("message") == "binary file␀"


# -- through the CLI ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "junit"])
def test_cli_machine_formats_print_only_their_records(run: Run, in_tmp: Path, fmt: str) -> None:
    (in_tmp / "a.txt").write_text(DIRTY, encoding="utf-8")
    code, out, err = run("check", "--no-cache", "--select", "PU101", "--output-format", fmt, ".")
    assert code == 1 and err == ""
    assert "Found" not in out
    parsed: Any
    if fmt == "junit":
        parsed = ET.fromstring(out.split("\n", 1)[1])
        assert parsed.get("failures") == "2"
    else:
        parsed = json.loads(out)
        if fmt == "sarif":
            assert validator().is_valid(parsed)
            assert len(parsed["runs"][0]["results"]) == 2
        else:
            assert [x["check_name"] for x in parsed] == ["PU101", "PU101"]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_run_without_source_lines_reports_alike(
    run: Callable[..., tuple[int, str, str]], tmp_path: Path, fmt: str
) -> None:
    """Without the cache, findings keep their source lines only for the formats that show or
    fingerprint them: every format prints what it prints with them."""
    from copydesk import batch as batch_mod

    for i in range(batch_mod.PARALLEL_MIN_FILES + 2):  # a run of workers, as in a corpus
        (tmp_path / f"{i:02d}.txt").write_text(
            f"Skip to content\n\nStory {i}.  It ended. .\nShare\n", encoding="utf-8"
        )
    args = ("check", "--output-format", fmt, str(tmp_path))
    _, kept, _ = run(*args, "--cache-dir", str(tmp_path / "cache"))
    _, without, _ = run(*args, "--no-cache")
    assert without == kept
