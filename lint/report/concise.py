"""`concise`: one line per finding, `path:row:col: CODE [*] message`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from copydesk.diagnostics import Applicability
from copydesk.report import ReportOptions
from copydesk.report.style import Style
from copydesk.runner import CODE, COLUMN, FIX, MESSAGE, ROW, FileReport, Finding


def fix_marker(f: Finding, opts: ReportOptions) -> str:
    """`[*]` when `--fix` (or, with `--unsafe-fixes`, the unsafe fix) would repair it."""
    applicability = f.applicability
    if applicability is Applicability.SAFE or (
        opts.unsafe_fixes and applicability is Applicability.UNSAFE
    ):
        return "[*] "
    return ""


def report_concise(reports: Sequence[FileReport], out: TextIO, opts: ReportOptions) -> None:
    # A corpus run prints hundreds of thousands of lines: each is built straight from the
    # finding's record, with the colon and every code styled once.
    st = Style(opts.color)
    colon = st.cyan(":")
    marked = {"safe", "unsafe"} if opts.unsafe_fixes else {"safe"}  # Applicability values
    codes: dict[str, str] = {}
    for r in reports:
        lines = []
        name = st.bold(r.filename) + colon
        for record in r.records():
            code = record[CODE]
            styled = codes.get(code)
            if styled is None:
                styled = codes[code] = st.red(st.bold(code))
            fix = record[FIX]
            mark = "[*] " if fix is not None and fix[0] in marked else ""
            lines.append(
                f"{name}{record[ROW]}{colon}{record[COLUMN]}{colon} {styled} {mark}"
                f"{record[MESSAGE]}\n"
            )
        out.write("".join(lines))
