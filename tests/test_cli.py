"""The command line: exit codes, output formats, stdin, --diff, configuration errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., tuple[int, str, str]]
DIRTY = "The war is now in its 19th month. .\n\nIt goes on.\n"
CLEAN = "The war is now in its 19th month.\n\nIt goes on.\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "a.txt"
    p.write_text(DIRTY, encoding="utf-8")
    return p


def test_exit_codes(run: Run, tmp_path: Path, article: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    assert run("check", "--select", "PU101", str(clean))[0] == 0
    assert run("check", "--select", "PU101", str(article))[0] == 1
    assert run("check", "--select", "PU101", "--exit-zero", str(article))[0] == 0
    assert run("check", "--select", "NOPE1", str(article))[0] == 2
    assert run("check", "--bogus-flag", str(article))[0] == 2
    assert run("check", str(tmp_path / "missing.txt"))[0] == 2


def test_default_command_is_check(run: Run, article: Path) -> None:
    code, out, _ = run("--select", "PU101", "--output-format", "concise", str(article))
    assert code == 1 and "PU101" in out


def test_json_format_has_ruffs_fields(run: Run, article: Path) -> None:
    code, out, _ = run("check", "--select", "PU101", "--output-format", "json", str(article))
    assert code == 1
    records = json.loads(out)
    assert len(records) == 1
    r = records[0]
    assert set(r) == {
        "code",
        "name",
        "message",
        "severity",
        "filename",
        "location",
        "end_location",
        "fix",
        "url",
    }
    assert r["code"] == "PU101" and r["name"] == "spaced-double-terminator"
    assert r["location"] == {"row": 1, "column": 33}
    assert r["end_location"] == {"row": 1, "column": 36}
    assert r["fix"]["applicability"] == "safe"
    assert r["fix"]["edits"] == [
        {
            "content": "",
            "location": {"row": 1, "column": 34},
            "end_location": {"row": 1, "column": 36},
        }
    ]
    assert r["filename"] == str(article)


def test_json_lines_concise_github_full(run: Run, article: Path) -> None:
    _, out, _ = run("check", "--select", "PU101", "--output-format", "json-lines", str(article))
    assert [json.loads(line)["code"] for line in out.splitlines()] == ["PU101"]
    _, out, _ = run("check", "--select", "PU101", "--output-format", "concise", str(article))
    assert out.splitlines()[0] == f"{article}:1:33: PU101 [*] Repeated sentence terminator `. .`"
    assert "Found 1 finding." in out and "[*] 1 fixable with the `--fix` option." in out
    _, out, _ = run("check", "--select", "PU101", "--output-format", "github", str(article))
    assert out.startswith("::error title=copydesk (PU101),file=")
    assert ",line=1,col=33,endLine=1,endColumn=36::" in out
    _, out, _ = run("check", "--select", "PU101", str(article))
    assert "1 | The war is now in its 19th month. ." in out
    assert "^^^ PU101" in out and "help: Remove the second terminator" in out
    assert "\x1b[" not in out  # NO_COLOR


def test_full_format_colors_only_when_forced(
    run: Run, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, out, _ = run("check", "--select", "PU101", str(article))
    assert "\x1b[" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run("check", "--select", "PU101", str(article))
    assert "\x1b[" not in out


def test_show_fixes(run: Run, article: Path) -> None:
    _, out, _ = run("check", "--select", "PU101", "--show-fixes", str(article))
    assert "- ' .'" in out


def test_fix_writes_and_exit_zero_when_all_fixed(run: Run, article: Path) -> None:
    code, out, _ = run("check", "--select", "PU101", "--fix", str(article))
    assert code == 0
    assert article.read_text(encoding="utf-8") == CLEAN
    assert "All checks passed! (1 fixed)" in out
    # Fixing a fixed file changes nothing.
    before = article.stat().st_mtime_ns
    assert run("check", "--select", "PU101", "--fix", str(article))[0] == 0
    assert article.stat().st_mtime_ns == before


def test_diff_writes_nothing(run: Run, article: Path) -> None:
    code, out, _ = run("check", "--select", "PU101", "--diff", str(article))
    assert code == 1
    assert "-The war is now in its 19th month. .\n+The war is now in its 19th month.\n" in out
    assert article.read_text(encoding="utf-8") == DIRTY
    article.write_text(CLEAN, encoding="utf-8")
    assert run("check", "--select", "PU101", "--diff", str(article))[0] == 0


def test_statistics(run: Run, article: Path) -> None:
    code, out, _ = run("check", "--select", "PU101", "--statistics", str(article))
    assert code == 1
    assert out.splitlines()[0].split() == ["1", "PU101", "[*]", "spaced-double-terminator"]
    _, out, _ = run(
        "check", "--select", "PU101", "--statistics", "--output-format", "json", str(article)
    )
    assert json.loads(out) == [
        {"code": "PU101", "name": "spaced-double-terminator", "count": 1, "fixable": 1}
    ]


def test_selection_flags(run: Run, article: Path) -> None:
    fmt = ("--output-format", "json")
    assert json.loads(run("check", "--select", "PU", *fmt, str(article))[1])
    assert json.loads(run("check", "--select", "spaced-double-terminator", *fmt, str(article))[1])
    assert (
        json.loads(run("check", "--select", "PU101", "--ignore", "PU1", *fmt, str(article))[1])
        == []
    )
    assert (
        json.loads(
            run("check", "--ignore", "PU", "--extend-select", "PU101", *fmt, str(article))[1]
        )
        == []
    )


def test_directory_walk_include_and_hidden(run: Run, tmp_path: Path) -> None:
    for rel in (
        "a.txt",
        "b.md",
        "c.html",
        "d.py",
        ".hidden/e.txt",
        "node_modules/f.txt",
        "sub/g.txt",
    ):
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(DIRTY, encoding="utf-8")
    _, out, _ = run("check", "--select", "PU101", "--output-format", "json", str(tmp_path))
    names = sorted(Path(r["filename"]).relative_to(tmp_path).as_posix() for r in json.loads(out))
    assert names == ["a.txt", "b.md", "c.html", "sub/g.txt"]
    _, out, _ = run(
        "check",
        "--select",
        "PU101",
        "--extend-exclude",
        "sub",
        "--output-format",
        "json",
        str(tmp_path),
    )
    assert "sub/g.txt" not in out


def test_bad_files_are_reported_and_others_checked(run: Run, tmp_path: Path, article: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"abc\x00def")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, err = run("check", "--select", "PU101", "--output-format", "json", str(tmp_path))
    assert code == 2
    assert len(json.loads(out)) == 1  # a.txt was still checked
    lines = err.strip().splitlines()
    assert any("bin.txt: binary file" in ln for ln in lines)
    assert any("latin1.txt: invalid UTF-8 at byte 3" in ln for ln in lines)
    assert any("empty.txt: file is empty" in ln for ln in lines)
    assert all(ln.startswith("copydesk: error: ") for ln in lines)


def test_stdin(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "copydesk", "check", "--select", "PU101"]
    p = subprocess.run(
        [*cmd, "--output-format", "json", "-"], input=DIRTY, capture_output=True, text=True, env=env
    )
    assert p.returncode == 1 and json.loads(p.stdout)[0]["filename"] == "-"
    p = subprocess.run(
        [*cmd, "--output-format", "json", "--stdin-filename", "x.md", "-"],
        input=DIRTY,
        capture_output=True,
        text=True,
        env=env,
    )
    assert json.loads(p.stdout)[0]["filename"] == "x.md"
    # --fix on stdin writes the fixed text to stdout; remaining findings go to stderr.
    p = subprocess.run([*cmd, "--fix", "-"], input=DIRTY, capture_output=True, text=True, env=env)
    assert p.returncode == 0 and p.stdout == CLEAN


def test_config_file_and_errors(run: Run, tmp_path: Path, article: Path) -> None:
    (tmp_path / "copydesk.toml").write_text('ignore = ["PU101"]\n', encoding="utf-8")
    assert run("check", str(article))[0] == 0 or "PU101" not in run("check", str(article))[1]
    (tmp_path / "copydesk.toml").write_text('select = ["PU101"]\nbogus = 1\n', encoding="utf-8")
    code, _, err = run("check", str(article))
    assert code == 2 and "unknown key `bogus`" in err and "copydesk.toml" in err
    (tmp_path / "copydesk.toml").write_text('select = "PU101"\n', encoding="utf-8")
    code, _, err = run("check", str(article))
    assert code == 2 and "`select` must be a list of strings" in err
    (tmp_path / "copydesk.toml").write_text("select = [\n", encoding="utf-8")
    code, _, err = run("check", str(article))
    assert code == 2 and "invalid TOML" in err
    code, _, err = run("check", "--config", str(tmp_path / "nope.toml"), str(article))
    assert code == 2


def test_pyproject_config_and_per_file_ignores(run: Run, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.copydesk]\nselect = ["PU101"]\n'
        '[tool.copydesk.per-file-ignores]\n"drafts/*" = ["PU"]\n',
        encoding="utf-8",
    )
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "x.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "y.txt").write_text(DIRTY, encoding="utf-8")
    _, out, _ = run("check", "--output-format", "json", str(tmp_path))
    assert [Path(r["filename"]).name for r in json.loads(out)] == ["y.txt"]


def test_rule_command(run: Run) -> None:
    code, out, _ = run("rule", "PU101")
    assert (
        code == 0
        and out.startswith("# spaced-double-terminator (PU101)")
        and "## Fix safety" in out
    )
    code, out, _ = run("rule", "--all")
    assert code == 0 and "PU101" in out and "spaced-double-terminator" in out
    code, out, _ = run("rule", "--all", "--output-format", "json")
    rows = json.loads(out)
    assert {"code", "name", "family", "default", "fix"} <= set(rows[0])
    assert run("rule", "XX999")[0] == 2


def test_python_dash_m_and_version() -> None:
    p = subprocess.run(
        [sys.executable, "-m", "copydesk", "version"], capture_output=True, text=True
    )
    assert p.returncode == 0 and p.stdout.startswith("copydesk ")


def test_output_file_and_clean(run: Run, tmp_path: Path, article: Path) -> None:
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    code, out, _ = run(
        "check", "--select", "PU101", "--output-format", "json", "-o", str(report), str(article)
    )
    assert code == 1 and out == ""
    assert json.loads(report.read_text(encoding="utf-8"))[0]["code"] == "PU101"
    cache = tmp_path / "cache"
    run("check", "--select", "PU101", "--cache-dir", str(cache), str(article))
    assert any(cache.rglob("*.bin"))
    code, out, _ = run("clean", "--cache-dir", str(cache))
    assert code == 0 and not cache.exists()


def test_baseline_flags(run: Run, tmp_path: Path, article: Path) -> None:
    base = tmp_path / "baseline.json"
    code, _, err = run("check", "--select", "PU101", "--write-baseline", str(base), str(article))
    assert code == 0 and "Recorded 1 findings in 1 files" in err
    fmt = ("--output-format", "json")
    code, out, _ = run("check", "--select", "PU101", "--baseline", str(base), *fmt, str(article))
    assert code == 0 and json.loads(out) == []
    # A new finding above the old one is reported; the old one stays hidden.
    article.write_text("New trouble. .\n\n" + DIRTY, encoding="utf-8")
    code, out, _ = run("check", "--select", "PU101", "--baseline", str(base), *fmt, str(article))
    assert code == 1 and [r["location"]["row"] for r in json.loads(out)] == [1]


def test_summary_never_says_passed_when_a_file_failed(run: Run, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("The talks ended.\n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01binary")
    code, out, err = run("check", str(tmp_path))
    assert code == 2
    assert "All checks passed" not in out
    assert "1 file could not be checked" in out
    assert "bin.txt: binary file" in err
