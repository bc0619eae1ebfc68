"""Output formats, one module each. A reporter gets finished FileReports and a stream."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from copydesk.runner import FileReport


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    show_fixes: bool = False
    unsafe_fixes: bool = False


Reporter = Callable[[Sequence[FileReport], TextIO, ReportOptions], None]

FORMATS = ("full", "concise", "json", "json-lines", "github")
# Machine formats print nothing but their records on stdout: no summary line, no colors.
MACHINE_FORMATS = frozenset({"json", "json-lines", "github"})


def get_reporter(name: str) -> Reporter:
    if name == "json":
        from copydesk.report.json import report_json

        return report_json
    if name == "json-lines":
        from copydesk.report.json import report_json_lines

        return report_json_lines
    if name == "github":
        from copydesk.report.github import report_github

        return report_github
    if name == "concise":
        from copydesk.report.concise import report_concise

        return report_concise
    if name == "full":
        from copydesk.report.full import report_full

        return report_full
    raise ValueError(f"unknown output format {name!r}")
