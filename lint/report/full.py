"""`full`: each finding with its source line, the span underlined, and its fix.

With `--show-fixes` the fix is shown as its edits (`- 'old' + 'new' at row:col`, exact also in
CRLF files) and, when the finding's lines hold the changed text, as a small before/after diff
of the changed lines. Article lines are whole paragraphs, so lines are cut to a window around
the span or the change. Control characters are shown as symbols, never sent to the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TextIO

from copydesk.diagnostics import Applicability
from copydesk.report import ReportOptions
from copydesk.report.concise import fix_marker
from copydesk.report.style import Style
from copydesk.report.text import edit_old_text, exact_text, show, width
from copydesk.runner import FileReport, Finding, LocatedEdit, Position

# Context shown on each side of a span or change, in characters.
CONTEXT = 50
# A longer span is shown cut, with its start underlined.
LONG_SPAN = 3 * CONTEXT
# Edit contents longer than this are shown by their two ends.
LONG_EDIT = 60

FIX_LABELS = {
    Applicability.SAFE: ("help", "Safe fix"),
    Applicability.UNSAFE: ("help (unsafe)", "Unsafe fix"),
    Applicability.DISPLAY_ONLY: ("suggestion", "Suggested change (never applied)"),
}


def excerpt(line: str, start: int, end: int) -> tuple[str, int, int]:
    """The part of `line` around `[start, end)`, made printable, and the terminal columns the
    span takes in it (wide characters count two)."""
    start = min(max(start, 0), len(line))
    end = min(max(end, start), len(line))
    cut = end - start > LONG_SPAN
    if cut:
        end = start + 2 * CONTEXT
    lo = max(0, start - CONTEXT)
    hi = end if cut else min(len(line), max(end, start + 1) + CONTEXT)
    head = ("…" if lo > 0 else "") + show(line[lo:start])
    body = show(line[start:end])
    tail = show(line[end:hi]) + ("…" if hi < len(line) else "")
    a = width(head)
    return head + body + tail, a, a + width(body)


def _short(s: str) -> str:
    if len(s) <= LONG_EDIT:
        return repr(s)
    half = LONG_EDIT // 2
    return f"{s[:half]!r} … {s[-half:]!r} ({len(s)} characters)"


def _edit_line(f: Finding, e: LocatedEdit, st: Style) -> str:
    where = st.dim(f"at {e.location.row}:{e.location.column}")
    old = edit_old_text(f, e)
    if old is None:
        # The edit reaches rows the finding does not hold (a removal of whole lines takes the
        # blank lines below with it): say what it spans, and the part that is known.
        n = e.end - e.start
        r0, r1 = e.location.row, e.end_location.row
        if e.location.column == 1 and e.end_location.column == 1 and r1 > r0:
            what = f"line {r0}" if r1 == r0 + 1 else f"lines {r0}-{r1 - 1}"
            k = r0 - f.location.row
            if 0 <= k < len(f.lines):
                more = r1 - r0 - 1
                what += f": {_short(f.lines[k])}" + (f" and {more} more" if more else "")
        else:
            what = f"{n} character{'s' * (n != 1)} up to {r1}:{e.end_location.column}"
        removed = st.red(f"- {what}")
    else:
        removed = st.red(f"- {_short(old)}") if old else ""
    added = st.green(f"+ {_short(e.content)}") if e.content else ""
    return " ".join(part for part in (removed, added, where) if part)


def _split(text: str) -> list[tuple[int, str]]:
    """Lines of `text` with their offsets, without `\\n` or `\\r\\n` (only those end lines
    in the source, so `str.splitlines` would split where the file does not)."""
    out = []
    pos = 0
    while True:
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        stop = end - 1 if end > pos and text[end - 1] == "\r" else end
        out.append((pos, text[pos:stop]))
        if nl < 0:
            return out
        pos = nl + 1


def _window(line: str, ca: int, cb: int, paint: Callable[[str], str]) -> str:
    lo = max(0, ca - CONTEXT)
    hi = min(len(line), max(cb, ca + 1) + CONTEXT)
    changed = show(line[ca:cb])
    return (
        ("…" if lo > 0 else "")
        + show(line[lo:ca])
        + (paint(changed) if changed else "")
        + show(line[cb:hi])
        + ("…" if hi < len(line) else "")
    )


def _diff_rows(before: str, after: str, row: int, st: Style) -> list[str]:
    """`-`/`+` lines for the changed rows, numbered, cut around the change."""
    p = 0
    limit = min(len(before), len(after))
    while p < limit and before[p] == after[p]:
        p += 1
    s = 0
    while s < limit - p and before[-1 - s] == after[-1 - s]:
        s += 1
    old = _split(before)
    new = _split(after)
    gutter = len(str(row + max(len(old), len(new)) - 1))
    out = []
    for sign, lines, total, paint in (
        ("-", old, len(before), st.red),
        ("+", new, len(after), st.green),
    ):
        for k, (o, text) in enumerate(lines):
            ca = min(max(p - o, 0), len(text))
            cb = min(max(total - s - o, ca), len(text))
            body = _window(text, ca, cb, paint)
            mark = paint(sign)
            out.append(f"{st.blue(str(row + k).rjust(gutter))} {mark} {body}".rstrip())
    return out


def _preview(f: Finding, st: Style) -> list[str]:
    """The changed rows before and after the fix, when the finding's lines hold them all."""
    if not f.edits or not f.lines:
        return []
    first = min(f.edits, key=lambda e: e.start)
    last = max(f.edits, key=lambda e: e.end)
    j = last.end_location.row - f.location.row
    if not 0 <= first.location.row - f.location.row <= j < len(f.lines):
        return []
    base = first.start - (first.location.column - 1)  # where the first changed row starts
    stop = last.end - (last.end_location.column - 1) + len(f.lines[j])  # where the last ends
    if last.end > stop:
        return []  # the fix reaches into a line terminator: the edit list says it exactly
    end = Position(last.end_location.row, len(f.lines[j]) + 1)
    before = exact_text(f, Position(first.location.row, 1), end, stop - base)
    if before is None:
        return []
    after = before
    for e in sorted(f.edits, key=lambda e: e.start, reverse=True):
        after = after[: e.start - base] + e.content + after[e.end - base :]
    return _diff_rows(before, after, first.location.row, st)


def render(f: Finding, opts: ReportOptions, st: Style) -> str:
    d = f.diagnostic
    head = (
        f"{st.bold(f.filename)}{st.cyan(':')}{f.location.row}{st.cyan(':')}{f.location.column}"
        f"{st.cyan(':')} {st.red(st.bold(d.code))} {fix_marker(f, opts)}{d.message}"
    )
    out = [head]
    pad = " " * len(str(f.location.row))
    if f.lines:
        line = f.lines[0]
        c0 = f.location.column - 1
        c1 = f.end_location.column - 1 if f.end_location.row == f.location.row else len(line)
        shown, a, b = excerpt(line, c0, c1)
        out.append(st.blue(pad + " |"))
        out.append(f"{st.blue(str(f.location.row) + ' |')} {shown}")
        out.append(f"{st.blue(pad + ' |')} {' ' * a}{st.red('^' * max(1, b - a))} {st.red(d.code)}")
        if len(f.lines) > 1:
            out.append(f"{st.blue(pad + ' |')} {st.dim(f'(and {len(f.lines) - 1} more lines)')}")
        out.append(st.blue(pad + " |"))
    if d.fix is not None:
        label, title = FIX_LABELS[d.fix.applicability]
        out.append(f"{st.blue(pad + ' =')} {st.bold(label)}: {d.fix.message}")
        if opts.show_fixes and f.edits:
            out.append("")
            out.append(f"{pad}   {st.bold(title)}:")
            out.extend(f"{pad}     {_edit_line(f, e, st)}" for e in f.edits)
            out.extend(f"{pad}   {row}" for row in _preview(f, st))
    return "\n".join(out) + "\n"


def report_full(reports: Sequence[FileReport], out: TextIO, opts: ReportOptions) -> None:
    st = Style(opts.color)
    for r in reports:
        for f in r.findings:
            out.write(render(f, opts, st))
            out.write("\n")
