"""The fix machinery: overlaps, convergence, idempotence; files keep BOM, line endings, mode."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from copydesk.checker import Checker
from copydesk.config import Settings
from copydesk.diagnostics import Applicability, Diagnostic, Edit, Fix
from copydesk.document import Document
from copydesk.fixer import FixLoopError, apply_edits, select_fixes
from copydesk.rule import Rule
from copydesk.runner import Mode, process_file


class Replace(Rule):
    """Replace every `find` with `repl` (a test rule)."""

    code = "TT001"
    name = "test-replace"
    message = "replace"
    find = "aa"
    repl = "a"
    applicability = Applicability.SAFE

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        start = doc.text.find(self.find)
        while start >= 0:
            end = start + len(self.find)
            fix = Fix((Edit(start, end, self.repl),), self.applicability, "r")
            yield self.diagnostic(start, end, fix=fix)
            start = doc.text.find(self.find, start + 1)


class PingPong(Replace):
    code = "TT002"
    name = "test-ping"
    find = "x"
    repl = "y"


class PongPing(Replace):
    code = "TT003"
    name = "test-pong"
    find = "y"
    repl = "x"


class Unsafe(Replace):
    code = "TT004"
    name = "test-unsafe"
    find = "bad"
    repl = "good"
    applicability = Applicability.UNSAFE


def test_apply_edits_touches_only_spans() -> None:
    text = "0123456789"
    assert apply_edits(text, [Edit(2, 4, "X"), Edit(6, 6, "Y"), Edit(8, 10, "")]) == "01X45Y67"
    with pytest.raises(ValueError):
        apply_edits(text, [Edit(2, 5, ""), Edit(4, 6, "")])


def test_overlapping_fixes_are_deferred_to_the_next_pass() -> None:
    # "aaa": fixes at [0,2) and [1,3) overlap; one pass applies the first, the next the rest.
    result = Checker([Replace()]).fix("aaaa")
    assert result.text == "a"
    assert result.passes >= 2
    assert result.remaining == []


def test_select_fixes_skips_overlaps_and_duplicates() -> None:
    def d(s: int, e: int, code: str = "TT001") -> Diagnostic:
        return Diagnostic(code, "n", "m", s, e, fix=Fix.safe("f", Edit(s, e, "")))

    chosen = select_fixes(
        [d(0, 2), d(1, 3), d(3, 4), d(3, 4, "TT009")], frozenset({Applicability.SAFE})
    )
    assert [(c.start, c.end) for c in chosen] == [(0, 2), (3, 4)]


def test_non_convergence_names_the_rules() -> None:
    with pytest.raises(FixLoopError) as info:
        Checker([PingPong(), PongPing()]).fix("x")
    assert "TT002" in str(info.value) and "TT003" in str(info.value)


def test_unsafe_fixes_need_the_flag_and_display_only_never_applies() -> None:
    c = Checker([Unsafe()])
    assert c.fix("a bad day").text == "a bad day"
    assert c.fix("a bad day", unsafe=True).text == "a good day"

    class Show(Replace):
        code = "TT005"
        name = "test-show"
        applicability = Applicability.DISPLAY_ONLY

    assert Checker([Show()]).fix("aa", unsafe=True).text == "aa"


def test_fixing_twice_changes_nothing() -> None:
    c = Checker([Replace(), Unsafe()])
    once = c.fix("aaa bad aa", unsafe=True).text
    assert c.fix(once, unsafe=True).text == once


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"month. .\r\nnext. .\r\n", b"month.\r\nnext.\r\n"),  # CRLF kept
        (b"\xef\xbb\xbfmonth. .\n", b"\xef\xbb\xbfmonth.\n"),  # BOM kept
        (b"month. .\r\nnext. .\n", b"month.\r\nnext.\n"),  # mixed endings kept
        (b"month. .", b"month."),  # no final newline stays so
    ],
)
def test_files_keep_bom_and_line_endings(tmp_path: Path, raw: bytes, expected: bytes) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(raw)
    report = process_file(str(p), Settings(select=("PU101",)), Mode(fix=True))
    assert report.error is None
    assert p.read_bytes() == expected


def test_write_keeps_mode_and_refuses_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = tmp_path / "a.txt"
    p.write_text("month. .\n", encoding="utf-8")
    os.chmod(p, 0o640)
    process_file(str(p), Settings(select=("PU101",)), Mode(fix=True))
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert p.read_text(encoding="utf-8") == "month.\n"
    leftovers = [x for x in tmp_path.iterdir() if x.name != "a.txt"]
    assert leftovers == []
    p.write_text("month. .\n", encoding="utf-8")
    os.chmod(p, 0o444)
    if os.access(p, os.W_OK):  # root may write anything: simulate a user without the right
        monkeypatch.setattr(os, "access", lambda *a, **k: False)
    report = process_file(str(p), Settings(select=("PU101",)), Mode(fix=True))
    assert report.error and "read-only" in report.error
