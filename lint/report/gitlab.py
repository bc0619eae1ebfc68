"""`gitlab`: a GitLab Code Quality report (a JSON array of Code Climate issues).

GitLab compares the reports of a merge request and its target branch by `fingerprint`, so the
fingerprint must not change when unrelated edits move a finding to another line: it is built
from the path, the baseline fingerprint (code + normalized flagged text + a little context) and
the finding's rank among identical ones in its file, never from a line number.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any, TextIO

from copydesk.baseline import fingerprint
from copydesk.diagnostics import Severity
from copydesk.report import ReportOptions
from copydesk.report.paths import display_path, project_root
from copydesk.runner import FileReport

# Code Climate severities: info, minor, major, critical, blocker.
SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issues(reports: Sequence[FileReport]) -> list[dict[str, Any]]:
    root = project_root()
    out: list[dict[str, Any]] = []
    for r in reports:
        path = display_path(r.filename, root)
        seen: Counter[str] = Counter()
        for f in r.findings:
            d = f.diagnostic
            base = fingerprint(f)
            seen[base] += 1
            key = f"{path}\0{base}\0{seen[base]}"
            out.append(
                {
                    "type": "issue",
                    "check_name": d.code,
                    "description": f"{d.code} {d.message}",
                    "categories": ["Style"],
                    "severity": SEVERITIES[d.severity],
                    "fingerprint": hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[
                        :32
                    ],
                    "location": {
                        "path": path,
                        "positions": {
                            "begin": {"line": f.location.row, "column": f.location.column},
                            "end": {"line": f.end_location.row, "column": f.end_location.column},
                        },
                    },
                }
            )
    return out


def report_gitlab(reports: Sequence[FileReport], out: TextIO, opts: ReportOptions) -> None:
    json.dump(issues(reports), out, ensure_ascii=False, indent=2)
    out.write("\n")
