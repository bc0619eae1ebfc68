"""The baseline: fingerprints that survive moved lines and edits elsewhere, counts per
fingerprint, fixed entries dropping out on rewrite, stable files, and the CLI-facing calls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copydesk.baseline import (
    BaselineError,
    apply_baseline,
    filter_reports,
    fingerprint,
    read_baseline,
    text_context,
    write_baseline,
)
from copydesk.config import ConfigError, settings_from_table
from copydesk.diagnostics import Diagnostic
from copydesk.document import Document
from copydesk.runner import FileReport, Finding, Mode, check_source, locate
from copydesk.source import Source

ARTICLE = (
    "The war is now in its 19th month. .\n"
    "\n"
    "Talks resumed on Monday. . Both sides met in Geneva.\n"
    "\n"
    "Nothing else happened.\n"
)


def check(text: str, name: str) -> FileReport:
    """The real pipeline (PU101 only, so other rules cannot change the counts)."""
    settings = settings_from_table({"select": ["PU101"]}, Path.cwd(), None)
    return check_source(Source(name, text, False), settings, Mode())


def prints(report: FileReport) -> list[str]:
    return [fingerprint(f) for f in report.findings]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


# -- fingerprints ---------------------------------------------------------------------------------


def test_fingerprint_survives_moved_lines_and_other_edits() -> None:
    base = prints(check(ARTICLE, "a.txt"))
    assert len(base) == 2 and len(set(base)) == 2
    moved = "A new lead.\n\nAnother one.\n\n" + ARTICLE
    assert prints(check(moved, "a.txt")) == base
    swapped = (
        "Talks resumed on Monday. . Both sides met in Geneva.\n\n"
        "The war is now in its 19th month. .\n"
    )
    assert sorted(prints(check(swapped, "a.txt"))) == sorted(base)
    other_paragraph = ARTICLE.replace("Nothing else happened.", "Something did happen.")
    assert prints(check(other_paragraph, "a.txt")) == base
    crlf = ARTICLE.replace("\n", "\r\n")
    assert prints(check(crlf, "a.txt")) == base
    # Far away in the same paragraph: outside the context window.
    far = ARTICLE.replace("Both sides met in Geneva.", "Both sides met in Geneva, as planned.")
    assert prints(check(far, "a.txt")) == base


def test_fingerprint_changes_with_code_text_or_near_context() -> None:
    (a, b) = check(ARTICLE, "a.txt").findings
    near = ARTICLE.replace("on Monday. .", "on Tuesday. .")
    assert prints(check(near, "a.txt"))[1] != fingerprint(b)
    assert fingerprint(a) != fingerprint(b)
    doc = Document(ARTICLE, path="a.txt")
    d = a.diagnostic
    other = Diagnostic("XX001", d.name, d.message, d.start, d.end)
    assert fingerprint(locate(doc, other, "a.txt")) != fingerprint(a)
    # Whitespace is normalized: a reflowed context is the same context.
    ctx = text_context(a)
    assert ctx.flagged == ". ."
    assert fingerprint(a, ctx._replace(before="The  war is now in its\n19th month")) == (
        fingerprint(a)
    )


def test_fingerprint_of_spans_over_lines_and_empty_files() -> None:
    text = "Skip to\ncontent here.\n"
    doc = Document(text, path="x.txt")
    d = Diagnostic("BP001", "n", "m", 0, text.index(" here"))
    f = locate(doc, d, "x.txt")
    assert text_context(f).flagged == "Skip to\ncontent"
    crlf = text.replace("\n", "\r\n")
    d2 = Diagnostic("BP001", "n", "m", 0, crlf.index(" here"))
    g = locate(Document(crlf, path="x.txt"), d2, "x.txt")
    assert fingerprint(g) == fingerprint(f)
    empty = Finding(d, "x.txt", f.location, f.location, (), ())
    assert len(fingerprint(empty)) == 16


# -- writing and applying -------------------------------------------------------------------------


def test_write_then_apply_reports_only_new_findings(here: Path) -> None:
    a = write(here / "docs" / "a.txt", ARTICLE)
    baseline = here / ".copydesk-baseline.json"
    written = write_baseline([check(ARTICLE, a)], baseline)
    assert (written.findings, written.files, written.dropped) == (2, 1, 0)
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["copydesk-baseline"] == 1
    assert list(data["files"]) == ["docs/a.txt"]  # relative to the baseline's folder, with /
    assert sum(data["files"]["docs/a.txt"]["PU101"].values()) == 2
    # Nothing new: nothing reported, even after lines moved.
    moved = "New lead.\n\n" + ARTICLE
    result = filter_reports([check(moved, a)], baseline)
    assert result.reports[0].findings == [] and result.suppressed == 2 and result.fixed == 0
    # A new finding is reported, and only it.
    new = ARTICLE + "\nA new slip. .\n"
    (left,) = apply_baseline([check(new, a)], baseline)[0].findings
    assert left.location.row == 7


def test_counts_per_fingerprint(here: Path) -> None:
    same = "Again. .\n\nAgain. .\n"
    a = write(here / "a.txt", same)
    baseline = here / "b.json"
    write_baseline([check(same, a)], baseline)
    entries = read_baseline(baseline)
    assert list(entries["a.txt"]["PU101"].values()) == [2]  # one fingerprint, counted twice
    three = same + "\nAgain. .\n"
    (left,) = apply_baseline([check(three, a)], baseline)[0].findings
    assert left.location.row == 5  # the third of three alike; the first two are recorded
    one = "Again. .\n"
    result = filter_reports([check(one, a)], baseline)
    assert result.reports[0].findings == [] and result.fixed == 1


def test_rewrite_drops_fixed_entries_and_keeps_unchecked_files(here: Path) -> None:
    a = write(here / "a.txt", ARTICLE)
    b = write(here / "b.txt", ARTICLE)
    gone = write(here / "gone.txt", ARTICLE)
    baseline = here / "baseline.json"
    write_baseline([check(ARTICLE, a), check(ARTICLE, b), check(ARTICLE, gone)], baseline)
    assert set(read_baseline(baseline)) == {"a.txt", "b.txt", "gone.txt"}
    Path(gone).unlink()
    fixed_one = ARTICLE.replace("month. .", "month.")
    # Only a.txt is checked this time: b.txt keeps its entries, gone.txt's go.
    written = write_baseline([check(fixed_one, a)], baseline)
    entries = read_baseline(baseline)
    assert set(entries) == {"a.txt", "b.txt"}
    assert sum(entries["a.txt"]["PU101"].values()) == 1
    assert (written.findings, written.dropped) == (3, 3)
    # All fixed: the file's entry goes; a file that could not be read keeps its entry.
    write_baseline([check("Clean.\n", a), FileReport(b, error="binary file")], baseline)
    assert set(read_baseline(baseline)) == {"b.txt"}


def test_baseline_file_is_stable_and_sorted(here: Path) -> None:
    a = write(here / "z.txt", ARTICLE)
    b = write(here / "a.txt", "One. .\n")
    baseline = here / "baseline.json"
    write_baseline([check(ARTICLE, a), check("One. .\n", b)], baseline)
    first = baseline.read_bytes()
    write_baseline([check("One. .\n", b), check(ARTICLE, a)], baseline)
    assert baseline.read_bytes() == first
    text = first.decode()
    assert text.index('"a.txt"') < text.index('"z.txt"') and text.endswith("}\n")
    assert b"\r" not in first


def test_baseline_paths_resolve_from_any_working_directory(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = write(here / "docs" / "a.txt", ARTICLE)
    baseline = here / "baseline.json"
    write_baseline([check(ARTICLE, a)], baseline)
    monkeypatch.chdir(here / "docs")
    assert apply_baseline([check(ARTICLE, "a.txt")], "../baseline.json")[0].findings == []


def test_bad_baselines_are_config_errors(here: Path) -> None:
    with pytest.raises(BaselineError, match="no such baseline file"):
        apply_baseline([], here / "missing.json")
    assert issubclass(BaselineError, ConfigError)  # the CLI exits 2 on it
    bad = here / "pyproject.toml"
    bad.write_text("[tool.x]\n", encoding="utf-8")
    with pytest.raises(BaselineError, match="not a copydesk baseline"):
        write_baseline([], bad)
    assert bad.read_text(encoding="utf-8") == "[tool.x]\n"  # never overwritten
    other = here / "other.json"
    other.write_text('{"copydesk-baseline": 99, "files": {}}', encoding="utf-8")
    with pytest.raises(BaselineError, match="format 99"):
        read_baseline(other)
    other.write_text('{"copydesk-baseline": 1, "files": {"a": {"PU101": {"x": -1}}}}')
    with pytest.raises(BaselineError, match="malformed"):
        read_baseline(other)
