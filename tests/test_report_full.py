"""The `full` format and the text helpers behind it: exact old text in LF and CRLF files,
safe display of control characters, alignment under wide characters, the fix diff, and the
`--statistics` table."""

from __future__ import annotations

import io

import pytest

from copydesk.diagnostics import Applicability, Diagnostic, Edit, Fix
from copydesk.document import Document
from copydesk.report import ReportOptions
from copydesk.report.full import excerpt, render
from copydesk.report.statistics import report_statistics, statistics
from copydesk.report.style import Style
from copydesk.report.text import edit_old_text, exact_text, flagged_text, loose_context
from copydesk.runner import FileReport, Finding, Position, locate

SHOW = ReportOptions(show_fixes=True)


def finding(
    text: str, start: int, end: int, *edits: Edit, how: Applicability = Applicability.SAFE
) -> Finding:
    fix = Fix(tuple(edits), how, "Fix it") if edits else None
    d = Diagnostic("XX001", "test-rule", "Something", start, end, fix=fix)
    return locate(Document(text, path="a.txt"), d, "a.txt")


@pytest.mark.parametrize("nl", ["\n", "\r\n"])
def test_exact_text_recovers_spans_across_lines(nl: str) -> None:
    text = f"One line. .{nl}Two{nl}three words{nl}"
    a = text.index("line")
    b = text.index("three") + len("three")
    f = finding(text, a, b)
    assert f.lines == ("One line. .", "Two", "three words")
    assert flagged_text(f) == text[a:b]
    # An edit inside the span, and one crossing a line end.
    e = Edit(text.index(". ."), text.index("Two"), " ")
    f = finding(text, a, b, e)
    assert edit_old_text(f, f.edits[0]) == text[e.start : e.end]


def test_exact_text_refuses_to_guess() -> None:
    text = "abc\r\ndef\nghi\n"  # mixed line endings inside one span
    f = finding(text, 1, text.index("hi"))
    assert flagged_text(f) is None
    # The span is known: its text inside one line always is.
    f = finding(text, 0, 2)
    assert flagged_text(f) == "ab"
    # An edit reaching a row the finding does not hold.
    f = finding(text, 0, 3, Edit(0, text.index("ghi")))
    assert edit_old_text(f, f.edits[0]) is None
    # A column inside a line terminator: `\n` of LF or `\r` of CRLF, unknowable from the line.
    assert exact_text(f, Position(1, 4), Position(1, 5), 1) is None


def test_loose_context_is_the_text_around_the_span() -> None:
    text = "Before it. . after it.\nNext."
    f = finding(text, text.index(". ."), text.index(". .") + 3)
    assert loose_context(f) == ("Before it", ". .", " after it.")


def test_excerpt_makes_control_characters_visible_and_aligns_wide_text() -> None:
    line = "Esc\x1b[31m here; 戦争は. . ok"
    a = line.index(". .")
    shown, ca, cb = excerpt(line, a, a + 3)
    assert "\x1b" not in shown and "␛" in shown
    # Two columns per CJK character: the caret sits under the span on a terminal.
    assert ca == len(line[:a]) + 3 and cb - ca == 3
    shown, ca, cb = excerpt("a\u200bb", 1, 2)
    assert shown == "a<U+200B>b" and (ca, cb) == (1, 9)


def test_excerpt_cuts_long_lines_and_spans() -> None:
    line = "x" * 300 + ". ." + "y" * 300
    shown, ca, cb = excerpt(line, 300, 303)
    assert shown.startswith("…") and shown.endswith("…") and len(shown) < 120
    assert shown[ca:cb] == ". ."
    shown, ca, cb = excerpt("z" * 1000, 0, 1000)
    assert cb - ca == 100 and shown.endswith("…")


@pytest.mark.parametrize("nl", ["\n", "\r\n"])
def test_show_fixes_diff_is_exact_in_lf_and_crlf_files(nl: str) -> None:
    text = f"Intro.{nl}The war is in its 19th month. . It goes on.{nl}"
    a = text.index(". .")
    f = finding(text, a, a + 3, Edit(a + 1, a + 3))
    out = render(f, SHOW, Style(False))
    assert "a.txt:2:29: XX001 [*] Something" in out
    assert "2 | The war is in its 19th month. . It goes on." in out
    assert "Safe fix:" in out and "- ' .' at 2:30" in out
    assert "2 - The war is in its 19th month. . It goes on." in out
    assert "2 + The war is in its 19th month. It goes on." in out
    assert "\r" not in out


def test_show_fixes_for_a_replacement_across_lines_in_crlf() -> None:
    text = "First line of it\r\nand the second.\r\n"
    a = text.index("it")
    b = text.index("and") + 3
    f = finding(text, a, b, Edit(a, b, "it, and"))
    out = render(f, SHOW, Style(False))
    assert "- 'it\\r\\nand' + 'it, and' at 1:15" in out
    assert "1 - First line of it" in out and "2 - and the second." in out
    assert "1 + First line of it, and the second." in out


def test_show_fixes_for_whole_line_removal_beyond_the_finding() -> None:
    text = "Skip to content\n\n\nThe article.\n"
    f = finding(text, 0, 15, Edit(0, text.index("The")))
    out = render(f, SHOW, Style(False))
    assert "- lines 1-3: 'Skip to content' and 2 more at 1:1" in out
    f = finding(text, 0, 15, Edit(0, 4, "Jump"), Edit(9, 17))
    out = render(f, SHOW, Style(False))
    assert "- 'Skip' + 'Jump' at 1:1" in out and "- 8 characters up to 3:1 at 1:10" in out


def test_fix_labels_and_colors() -> None:
    text = "It is over. ."
    f = finding(text, 10, 13, Edit(11, 13), how=Applicability.UNSAFE)
    out = render(f, SHOW, Style(False))
    assert "help (unsafe): Fix it" in out and "Unsafe fix:" in out
    assert "[*]" not in out  # not applied without --unsafe-fixes
    assert "[*]" in render(f, ReportOptions(unsafe_fixes=True), Style(False))
    f = finding(text, 10, 13, Edit(11, 13), how=Applicability.DISPLAY_ONLY)
    assert "suggestion: Fix it" in render(f, SHOW, Style(False))
    colored = render(f, SHOW, Style(True))
    assert "\x1b[31m" in colored and "\x1b[" not in render(f, SHOW, Style(False))
    # Without --show-fixes only the help line.
    assert "- ' .'" not in render(f, ReportOptions(), Style(False))


def _report(*findings: Finding) -> FileReport:
    return FileReport("a.txt", list(findings))


def test_statistics_table_and_records() -> None:
    text = "One. . Two. . Three"
    a, b = text.index(". ."), text.rindex(". .")
    fixable = finding(text, a, a + 3, Edit(a + 1, a + 3))
    unfixable = finding(text, b, b + 3)
    rows = statistics([_report(fixable, unfixable, fixable)], ReportOptions())
    assert [(r.code, r.count, r.fixable) for r in rows] == [("XX001", 3, 2)]
    out = io.StringIO()
    report_statistics([_report(fixable, unfixable, fixable)], out, ReportOptions())
    assert out.getvalue() == "3  XX001  [-] test-rule  (2 of 3 fixable)\n"
    out = io.StringIO()
    report_statistics([_report(fixable)], out, ReportOptions(), "json-lines")
    assert out.getvalue() == ('{"code": "XX001", "name": "test-rule", "count": 1, "fixable": 1}\n')
