"""Hostile and odd input, and properties that hold for any text (issue 9).

The property tests run a bounded number of examples in CI (60); the long run, 10x as many, is
`COPYDESK_HYPOTHESIS_EXAMPLES=600 python -m pytest tests/test_hardening.py`.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk.api import check_text, fix_text
from copydesk.checker import Checker
from copydesk.diagnostics import Applicability
from copydesk.fixer import apply_edits
from copydesk.rule import registry

Run = Callable[..., tuple[int, str, str]]
EXAMPLES = int(os.environ.get("COPYDESK_HYPOTHESIS_EXAMPLES", "60"))

# Pieces of the artifacts the rules target, mixed into generated text.
ARTIFACTS = [
    "Skip to content",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    ". .",
    "..",
    " ,",
    "”. ”",
    "“",
    "”",
    "(",
    ")",
    "[",
    "]",
    '"',
    "'",
    "Nagorno-Karabakh. agreed",
    "Twitteron",
    "the the",
    "Vladimir Putin he has",
    "OTC",
    "CSTO",
    "Collective Security Treaty Organization (CSTO)",
    "Ã©",
    "â€™",
    "\ufffd",
    "&amp;",
    "\u200b",
    "\u00ad",
    "\ufeff",
    "Newsweek The",
    "U.S.",
    "e.g.",
    "Kiev",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "# ",
    "* ",
    "`",
    "```\n",
    "<p>",
    "</p>",
    "<!-- copydesk: disable -->",
]
WORDS = ["The", "war", "is", "now", "in", "its", "month", "and", "Russia", "said", "on", "a"]
# Whole passages: every rule's bad examples (the exact shapes each rule fires on) and the seed
# article's paragraphs (real dirty text), so fixes of several rules meet in one document.
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_bd715bf342a3177c.txt"
PASSAGES = sorted(
    {e.bad for cls in registry().values() for e in cls.examples if e.bad}
    | {p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()}
)

prose = st.lists(
    st.one_of(
        st.sampled_from(ARTIFACTS),
        st.sampled_from(WORDS),
        st.text(max_size=8),
        st.sampled_from(PASSAGES),
    ),
    max_size=40,
).map(lambda parts: " ".join(parts))

SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@SETTINGS
@given(text=prose, filename=st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_any_text_spans_and_edits_lie_inside(text: str, filename: str) -> None:
    for d in check_text(text, filename=filename, select=["ALL"]):
        assert 0 <= d.start <= d.end <= len(text)
        if d.fix:
            for e in d.fix.edits:
                assert 0 <= e.start <= e.end <= len(text)
            # Applying one fix changes nothing outside its edits.
            fixed = apply_edits(text, d.fix.edits)
            first, last = d.fix.edits[0], d.fix.edits[-1]
            assert fixed.startswith(text[: first.start])
            assert fixed.endswith(text[last.end :])


@SETTINGS
@given(text=prose, filename=st.sampled_from(["a.txt", "a.md", "a.html"]), unsafe=st.booleans())
def test_fixing_is_idempotent_and_leaves_nothing_safe(
    text: str, filename: str, unsafe: bool
) -> None:
    once = fix_text(text, filename=filename, select=["ALL"], unsafe=unsafe)
    twice = fix_text(once.text, filename=filename, select=["ALL"], unsafe=unsafe)
    assert twice.text == once.text
    assert not [d for d in once.remaining if d.fix and d.fix.applicability is Applicability.SAFE]


# -- no rule can hang ------------------------------------------------------------------------------

ADVERSARIAL = [
    ". " * 20_000,
    "." * 50_000,
    "a" * 100_000,
    "A" * 100_000,
    "“" * 10_000 + "”" * 10_000,
    "(" * 5_000 + ")" * 5_000,
    "[" * 5_000,
    '"' * 20_000,
    "'" * 20_000,
    " " * 100_000 + "x",
    "\n" * 50_000,
    "A. " * 20_000,
    "the " * 20_000,
    "Ã©" * 20_000,
    "&amp;" * 10_000,
    "\u200b" * 20_000,
    "U.S. " * 10_000,
    "Aa" * 50_000,
    "OTC CSTO " * 5_000,
    "word" * 25_000,
]


@pytest.mark.parametrize("code", list(registry()))
def test_no_rule_hangs_on_adversarial_input(code: str) -> None:
    rule = registry()[code]()
    checker = Checker([rule], language="en")
    for text in ADVERSARIAL:
        t = time.perf_counter()
        checker.check(text, "a.txt")
        elapsed = time.perf_counter() - t
        # Generous: linear rules take milliseconds here; a backtracking one takes minutes.
        assert elapsed < 10, f"{code} took {elapsed:.1f} s on {text[:20]!r}…"


# -- hostile files through the command line -------------------------------------------------------


def one_error(err: str, name: str) -> str:
    lines = [ln for ln in err.splitlines() if name in ln]
    assert len(lines) == 1, err
    assert lines[0].startswith("copydesk: error: ")
    return lines[0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x7fELF\x02\x01\x00\x00binary", "binary file"),
        (b"caf\xc3 au lait", "invalid UTF-8 at byte 3"),
        ("\ufeffhello".encode("utf-16"), "UTF-16"),
        (b"", "file is empty"),
        (b"  \n\t\r\n", "whitespace only"),
    ],
)
def test_bad_files_get_one_line(run: Run, tmp_path: Path, data: bytes, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text("It ended. .\n", encoding="utf-8")
    code, out, err = run("check", "--select", "PU101", "--output-format", "json", str(tmp_path))
    assert code == 2
    assert message in one_error(err, "bad.txt")
    assert [Path(r["filename"]).name for r in json.loads(out)] == ["good.txt"]


def test_too_large_file_is_reported(run: Run, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50_000_000)  # sparse: 50 MB without writing them
    code, _, err = run("check", str(big))
    assert code == 2 and "file too large (50.0 MB" in one_error(err, "big.txt")


def test_huge_line_and_word_and_nesting(run: Run, tmp_path: Path) -> None:
    (tmp_path / "line.txt").write_text(("word " * 1_000_000) + "end. .\n", encoding="utf-8")
    (tmp_path / "word.txt").write_text("x" * 100_000 + " end. .\n", encoding="utf-8")
    (tmp_path / "nest.txt").write_text(
        "(“[" * 3000 + "text" + "]”)" * 3000 + "\n", encoding="utf-8"
    )
    code, out, err = run("check", "--output-format", "json", "--no-cache", str(tmp_path))
    assert code == 1, err
    flagged = {Path(r["filename"]).name for r in json.loads(out) if r["code"] == "PU101"}
    assert {"line.txt", "word.txt"} <= flagged


def test_symlink_loop_and_dangling_link(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("It ended. .\n", encoding="utf-8")
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    os.symlink(tmp_path / "gone.txt", tmp_path / "a" / "dangling.txt")
    code, out, err = run("check", "--select", "PU101", "--output-format", "json", str(tmp_path))
    names = [Path(r["filename"]).name for r in json.loads(out)]
    assert names == ["x.txt"]
    assert code == 2 and "dangling.txt" in err


def test_unreadable_file_and_folder(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "secret.txt").write_text("It ended. .\n", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "y.txt").write_text("It ended. .\n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("It ended. .\n", encoding="utf-8")
    (tmp_path / "secret.txt").chmod(0)
    (tmp_path / "locked").chmod(0)
    try:
        if os.geteuid() == 0:  # root reads anything: simulate a user without the right
            denied = PermissionError(13, "Permission denied")
            real_read, real_scandir = Path.read_bytes, os.scandir

            def read_bytes(self: Path) -> bytes:
                if self.name == "secret.txt":
                    raise denied
                return real_read(self)

            def scandir(path: str) -> object:
                if Path(path).name == "locked":
                    raise PermissionError(13, "Permission denied", path)
                return real_scandir(path)

            monkeypatch.setattr(Path, "read_bytes", read_bytes)
            monkeypatch.setattr(os, "scandir", scandir)
        code, out, err = run(
            "check", "--select", "PU101", "--output-format", "json", "--no-cache", str(tmp_path)
        )
    finally:
        (tmp_path / "secret.txt").chmod(0o644)
        (tmp_path / "locked").chmod(0o755)
    assert code == 2
    assert "cannot read: Permission denied" in one_error(err, "secret.txt")
    assert "cannot read folder: Permission denied" in one_error(err, "locked")
    assert [Path(r["filename"]).name for r in json.loads(out)] == ["ok.txt"]


def test_file_vanishing_during_run(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from copydesk import runner

    for i in range(3):
        (tmp_path / f"{i}.txt").write_text("It ended. .\n", encoding="utf-8")
    real = runner.discover

    def discover_then_delete(*a: object, **k: object) -> runner.Discovered:
        found = real(*a, **k)  # type: ignore[arg-type]
        (tmp_path / "1.txt").unlink()
        return found

    monkeypatch.setattr("copydesk.cli.discover", discover_then_delete)
    code, out, err = run("check", "--select", "PU101", "--output-format", "json", str(tmp_path))
    assert code == 2 and "1.txt" in one_error(err, "1.txt")
    assert len(json.loads(out)) == 2


def test_read_only_file_under_fix(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ro = tmp_path / "ro.txt"
    ro.write_text("It ended. .\n", encoding="utf-8")
    ro.chmod(0o444)
    if os.access(ro, os.W_OK):  # root may write anything: simulate a user without the right
        real = os.access
        monkeypatch.setattr(os, "access", lambda p, m, **k: real(p, m) and Path(p).name != "ro.txt")
    rw = tmp_path / "rw.txt"
    rw.write_text("It ended. .\n", encoding="utf-8")
    code, _, err = run("check", "--select", "PU101", "--fix", str(tmp_path))
    assert code == 2 and "read-only" in one_error(err, "ro.txt")
    assert ro.read_text(encoding="utf-8") == "It ended. .\n"
    assert rw.read_text(encoding="utf-8") == "It ended.\n"


def test_file_changed_on_disk_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from copydesk import runner
    from copydesk.config import Settings

    p = tmp_path / "a.txt"
    p.write_text("It ended. .\n", encoding="utf-8")
    real = runner.Checker.fix

    def edit_meanwhile(self: runner.Checker, *a: object, **k: object) -> object:
        result = real(self, *a, **k)  # type: ignore[arg-type]
        p.write_text("Someone else's edit. .\n", encoding="utf-8")
        return result

    monkeypatch.setattr(runner.Checker, "fix", edit_meanwhile)
    report = runner.process_file(str(p), Settings(select=("PU101",)), runner.Mode(fix=True))
    assert report.error and "changed on disk" in report.error
    assert report.fixed == 0  # a refused write is not counted as fixed ("1 fixed" in the summary)
    assert p.read_text(encoding="utf-8") == "Someone else's edit. .\n"
