"""`json` and `json-lines`: ruff's record shape, so existing tooling reads it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from copydesk.report import ReportOptions
from copydesk.runner import FileReport, Finding


def record(f: Finding) -> dict[str, Any]:
    d = f.diagnostic
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability.value,
            "message": d.fix.message or None,
            "edits": [
                {
                    "content": e.content,
                    "location": {"row": e.location.row, "column": e.location.column},
                    "end_location": {"row": e.end_location.row, "column": e.end_location.column},
                }
                for e in f.edits
            ],
        }
    return {
        "code": d.code,
        "name": d.name,
        "message": d.message,
        "severity": d.severity.value,
        "filename": f.filename,
        "location": {"row": f.location.row, "column": f.location.column},
        "end_location": {"row": f.end_location.row, "column": f.end_location.column},
        "fix": fix,
        "url": d.url,
    }


def report_json(reports: Sequence[FileReport], out: TextIO, opts: ReportOptions) -> None:
    records = [record(f) for r in reports for f in r.findings]
    json.dump(records, out, ensure_ascii=False, indent=2)
    out.write("\n")


def report_json_lines(reports: Sequence[FileReport], out: TextIO, opts: ReportOptions) -> None:
    for r in reports:
        for f in r.findings:
            out.write(json.dumps(record(f), ensure_ascii=False) + "\n")
