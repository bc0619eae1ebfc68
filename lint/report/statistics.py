"""`--statistics`: findings counted per rule, as a table or (json formats) as records.

The text table keeps ruff's columns (count, code, fix mark, name) aligned, and says how many
findings are fixable when only some are:

       12  PU101  [*] spaced-double-terminator
        3  MT101  [-] acronym-variant  (1 of 3 fixable)
        1  EN002      replacement-character
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TextIO

from copydesk.diagnostics import Applicability
from copydesk.report import ReportOptions
from copydesk.report.style import Style
from copydesk.runner import FileReport

JSON_FORMATS = frozenset({"json", "json-lines"})


@dataclass(frozen=True)
class Row:
    """One rule's line of `--statistics`."""

    code: str
    name: str
    count: int
    fixable: int  # applied by --fix (with --unsafe-fixes: by --fix --unsafe-fixes)


def statistics(reports: Sequence[FileReport], opts: ReportOptions) -> list[Row]:
    """One row per rule with findings, most frequent first."""
    counts: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    allowed = {Applicability.SAFE}
    if opts.unsafe_fixes:
        allowed.add(Applicability.UNSAFE)
    for r in reports:
        for f in r.findings:
            d = f.diagnostic
            row = counts.setdefault(d.code, [0, 0])
            names.setdefault(d.code, d.name)
            row[0] += 1
            if d.fix is not None and d.fix.applicability in allowed:
                row[1] += 1
    rows = [Row(code, names[code], n, k) for code, (n, k) in counts.items()]
    return sorted(rows, key=lambda r: (-r.count, r.code))


def report_statistics(
    reports: Sequence[FileReport], out: TextIO, opts: ReportOptions, fmt: str = "full"
) -> None:
    rows = statistics(reports, opts)
    if fmt in JSON_FORMATS:
        import json  # only these formats need it

        if fmt == "json":
            json.dump([asdict(r) for r in rows], out, indent=2)
            out.write("\n")
        else:
            for r in rows:
                out.write(json.dumps(asdict(r)) + "\n")
        return
    if not rows:
        return
    st = Style(opts.color)
    wn = max(len(str(r.count)) for r in rows)
    wc = max(len(r.code) for r in rows)
    wname = max(len(r.name) for r in rows)
    for r in rows:
        mark = "[*]" if r.fixable == r.count else "[-]" if r.fixable else "   "
        note = f"  ({r.fixable} of {r.count} fixable)" if 0 < r.fixable < r.count else ""
        line = (
            f"{r.count:>{wn}}  {st.red(st.bold(r.code.ljust(wc)))}  {mark} "
            f"{r.name.ljust(wname) if note else r.name}{st.dim(note)}"
        )
        out.write(line.rstrip() + "\n")
