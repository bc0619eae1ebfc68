"""`full`: each finding with its source line, the span underlined, and the fix."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from copydesk.report import ReportOptions
from copydesk.report.concise import fix_marker
from copydesk.report.style import Style
from copydesk.runner import FileReport, Finding

# Article lines are whole paragraphs; show a window around the span, not 2,000 characters.
CONTEXT = 50


def excerpt(line: str, start: int, end: int) -> tuple[str, int, int]:
    """The part of `line` around `[start, end)` and the span's position inside it."""
    end = max(end, start + 1)
    lo = max(0, start - CONTEXT)
    hi = min(len(line), end + CONTEXT)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line) else ""
    shown = (prefix + line[lo:hi] + suffix).replace("\t", " ")
    return shown, start - lo + len(prefix), min(end, hi) - lo + len(prefix)


def render(f: Finding, opts: ReportOptions, st: Style) -> str:
    d = f.diagnostic
    head = (
        f"{st.bold(f.filename)}{st.cyan(':')}{f.location.row}{st.cyan(':')}{f.location.column}"
        f"{st.cyan(':')} {st.red(st.bold(d.code))} {fix_marker(f, opts)}{d.message}"
    )
    out = [head]
    if f.lines:
        line = f.lines[0]
        c0 = f.location.column - 1
        c1 = f.end_location.column - 1 if f.end_location.row == f.location.row else len(line)
        shown, a, b = excerpt(line, c0, c1)
        gutter = str(f.location.row)
        pad = " " * len(gutter)
        out.append(f"{st.blue(pad + ' |')}")
        out.append(f"{st.blue(gutter + ' |')} {shown}")
        out.append(f"{st.blue(pad + ' |')} {' ' * a}{st.red('^' * max(1, b - a))} {st.red(d.code)}")
        if len(f.lines) > 1:
            out.append(f"{st.blue(pad + ' |')} {st.dim(f'(and {len(f.lines) - 1} more lines)')}")
        out.append(st.blue(pad + " |"))
        if d.fix is not None:
            label = {"safe": "help", "unsafe": "help (unsafe)", "display-only": "suggestion"}[
                d.fix.applicability.value
            ]
            out.append(f"{st.blue(pad + ' =')} {st.bold(label)}: {d.fix.message}")
            if opts.show_fixes:
                for e in f.edits:
                    where = f"{e.location.row}:{e.location.column}"
                    old = "" if not f.lines else _old_text(f, e.start, e.end)
                    if old:
                        out.append(f"{pad}   {st.red('- ' + repr(old))} {st.dim('at ' + where)}")
                    if e.content:
                        out.append(f"{pad}   {st.green('+ ' + repr(e.content))}")
    return "\n".join(out) + "\n"


def _old_text(f: Finding, start: int, end: int) -> str:
    # The finding's lines start at its first row; offsets are file offsets, so rebuild them
    # from the diagnostic span (start of the span is column location.column on row 1).
    base = f.diagnostic.start - (f.location.column - 1)
    joined = "\n".join(f.lines)
    a, b = start - base, end - base
    if 0 <= a <= b <= len(joined):
        return joined[a:b]
    return f"{end - start} characters"


def report_full(reports: Sequence[FileReport], out: TextIO, opts: ReportOptions) -> None:
    st = Style(opts.color)
    for r in reports:
        for f in r.findings:
            out.write(render(f, opts, st))
            out.write("\n")
