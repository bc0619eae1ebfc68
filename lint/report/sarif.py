"""`sarif`: one SARIF 2.1.0 log (GitHub code scanning, Azure DevOps, IDE viewers).

Columns are code points, as everywhere in copydesk, and the log says so (`columnKind`); SARIF's
default would be UTF-16 code units. Paths are relative to the project root (`%SRCROOT%`), rules
carry their documentation, results carry a line-independent fingerprint and their fixes, and
files that could not be read become tool notifications rather than results.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from copydesk import __version__
from copydesk.baseline import fingerprint
from copydesk.diagnostics import Applicability, Severity
from copydesk.report import ReportOptions
from copydesk.report.paths import file_uri, project_root
from copydesk.report.text import flagged_text
from copydesk.runner import FileReport, Finding, Position

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "copydeskTextHash/v1"
# Longer flagged text is left out of the result (the region locates it).
SNIPPET_MAX = 500


def _section(doc: str, title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", doc, re.M | re.S)
    return " ".join(m.group(1).split()) if m else ""


def _rule_descriptor(f: Finding) -> dict[str, Any]:
    from copydesk.rule import registry

    d = f.diagnostic
    desc: dict[str, Any] = {"id": d.code, "name": d.name}
    cls = registry().get(d.code)
    if cls is not None:
        doc = cls.doc()
        desc["shortDescription"] = {"text": cls.summary()}
        what = _section(doc, "What it does")
        if what:
            desc["fullDescription"] = {"text": what}
        desc["help"] = {"text": doc, "markdown": doc}
        desc["defaultConfiguration"] = {"level": LEVELS[cls.severity]}
        desc["properties"] = {
            "tags": [cls.family()],
            "fixAvailability": cls.fix_availability,
        }
    else:
        desc["shortDescription"] = {"text": d.message}
    if d.url:
        desc["helpUri"] = d.url
    return desc


def _region(start: Position, end: Position) -> dict[str, int]:
    return {
        "startLine": start.row,
        "startColumn": start.column,
        "endLine": end.row,
        "endColumn": end.column,
    }


def _artifact(filename: str, root: Path) -> dict[str, str]:
    uri, relative = file_uri(filename, root)
    return {"uri": uri, "uriBaseId": "%SRCROOT%"} if relative else {"uri": uri}


def _result(f: Finding, rule_index: int, artifact: dict[str, str], fp: str) -> dict[str, Any]:
    d = f.diagnostic
    region: dict[str, Any] = _region(f.location, f.end_location)
    snippet = flagged_text(f)
    if snippet and len(snippet) <= SNIPPET_MAX:
        region["snippet"] = {"text": snippet}
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
    }
    if d.fix is not None and f.edits:
        replacements = []
        for e in f.edits:
            rep: dict[str, Any] = {"deletedRegion": _region(e.location, e.end_location)}
            if e.content:
                rep["insertedContent"] = {"text": e.content}
            replacements.append(rep)
        result["fixes"] = [
            {
                "description": {"text": d.fix.message or "Apply the fix"},
                "artifactChanges": [{"artifactLocation": artifact, "replacements": replacements}],
                "properties": {"applicability": d.fix.applicability.value},
            }
        ]
        result["properties"] = {
            "fixable": d.fix.applicability is not Applicability.DISPLAY_ONLY,
        }
    return result


def sarif_log(reports: Sequence[FileReport]) -> dict[str, Any]:
    root = project_root()
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for r in reports:
        artifact = _artifact(r.filename, root)
        if r.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{r.filename}: {r.error}"},
                    "locations": [{"physicalLocation": {"artifactLocation": artifact}}],
                }
            )
            continue
        for f in r.findings:
            if f.code not in index:
                index[f.code] = len(rules)
                rules.append(_rule_descriptor(f))
            results.append(_result(f, index[f.code], artifact, fingerprint(f)))
    base = root.absolute().as_uri()
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "copydesk",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }
        },
        "invocations": [
            {
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
            }
        ],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": base if base.endswith("/") else base + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def report_sarif(reports: Sequence[FileReport], out: TextIO, opts: ReportOptions) -> None:
    json.dump(sarif_log(reports), out, ensure_ascii=False, indent=2)
    out.write("\n")
