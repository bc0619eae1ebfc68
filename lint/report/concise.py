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
    colon = st.cyan(":")  # styled once: a corpus run prints hundreds of thousands of lines
    marked = (
        (Applicability.SAFE, Applicability.UNSAFE) if opts.unsafe_fixes else (Applicability.SAFE,)
    )
    last, name = None, ""
    for r in reports:
        lines = []
        for f in r.findings:
            if f.filename != last:
                last, name = f.filename, st.bold(f.filename) + colon
            lines.append(
                f"{name}{f.location.row}{colon}{f.location.column}{colon} "
                f"{st.red(st.bold(f.code))} {'[*] ' if f.applicability in marked else ''}"
                f"{f.message}\n"
            )
        out.write("".join(lines))
