"""Output formats, one module each. A reporter gets finished FileReports and a stream."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from typing import NamedTuple, TextIO

from copydesk.runner import FileReport


class ReportOptions(NamedTuple):
    """How findings are printed."""

    color: bool = False
    show_fixes: bool = False
    unsafe_fixes: bool = False


Reporter = Callable[[Sequence[FileReport], TextIO, ReportOptions], None]

FORMATS = ("full", "concise", "json", "json-lines", "github", "sarif", "gitlab", "junit")
# Machine formats print nothing but their records on stdout: no summary line, no colors, no
# progress bar.
MACHINE_FORMATS = frozenset({"json", "json-lines", "github", "sarif", "gitlab", "junit"})

# Format name -> (module under copydesk.report, function): imported on first use, so that a run
# loads only the reporter it prints with.
_REPORTERS = {
    "full": ("full", "report_full"),
    "concise": ("concise", "report_concise"),
    "json": ("json", "report_json"),
    "json-lines": ("json", "report_json_lines"),
    "github": ("github", "report_github"),
    "sarif": ("sarif", "report_sarif"),
    "gitlab": ("gitlab", "report_gitlab"),
    "junit": ("junit", "report_junit"),
}


def get_reporter(name: str) -> Reporter:
    try:
        module, function = _REPORTERS[name]
    except KeyError:
        raise ValueError(f"unknown output format {name!r}") from None
    reporter: Reporter = getattr(import_module(f"copydesk.report.{module}"), function)
    return reporter
