"""`github`: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from copydesk.report import ReportOptions
from copydesk.runner import FileReport


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def report_github(reports: Sequence[FileReport], out: TextIO, opts: ReportOptions) -> None:
    for r in reports:
        for f in r.findings:
            d = f.diagnostic
            level = "error" if d.severity.value == "error" else "warning"
            props = ",".join(
                [
                    f"title={_escape_property(f'copydesk ({d.code})')}",
                    f"file={_escape_property(f.filename)}",
                    f"line={f.location.row}",
                    f"col={f.location.column}",
                    f"endLine={f.end_location.row}",
                    f"endColumn={f.end_location.column}",
                ]
            )
            msg = f"{f.filename}:{f.location.row}:{f.location.column}: {d.code} {d.message}"
            out.write(f"::{level} {props}::{_escape_data(msg)}\n")
