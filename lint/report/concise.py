"""`concise`: one line per finding, `path:row:col: CODE [*] message`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from copydesk.diagnostics import Applicability
from copydesk.report import ReportOptions
from copydesk.report.style import Style
from copydesk.runner import FileReport, Finding


def fix_marker(f: Finding, opts: ReportOptions) -> str:
    """`[*]` when `--fix` (or, with `--unsafe-fixes`, the unsafe fix) would repair it."""
    applicability = f.applicability
    if applicability is Applicability.SAFE or (
        opts.unsafe_fixes and applicability is Applicability.UNSAFE
    ):
        return "[*] "
    return ""


def report_concise(reports: Sequence[FileReport], out: TextIO, opts: ReportOptions) -> None:
    st = Style(opts.color)
    for r in reports:
        for f in r.findings:
            out.write(
                f"{st.bold(f.filename)}{st.cyan(':')}{f.location.row}{st.cyan(':')}"
                f"{f.location.column}{st.cyan(':')} {st.red(st.bold(f.code))} "
                f"{fix_marker(f, opts)}{f.message}\n"
            )
