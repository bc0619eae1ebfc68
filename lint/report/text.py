"""The text of a finding, rebuilt from the source lines it carries; safe display of that text.

A `Finding` holds the lines its span covers (without their terminators) and 1-based row/column
positions in code points. That is enough to recover the flagged text, and the text an edit
replaces, exactly, in CRLF files too: the terminators between two rows are inferred from the
length of the span. Where the text cannot be known (an edit reaching rows the finding does not
hold, mixed line endings inside one span, a span starting inside a CRLF pair) `exact_text`
returns None instead of guessing.
"""

from __future__ import annotations

import unicodedata

from copydesk.runner import Finding, LocatedEdit, Position


def exact_text(f: Finding, start: Position, end: Position, length: int) -> str | None:
    """The source text from `start` to `end` (`length` code points), or None if unknown."""
    lines = f.lines
    i, j = start.row - f.location.row, end.row - f.location.row
    if not (0 <= i <= j < len(lines)) or length < 0:
        return None
    a, b = start.column - 1, end.column - 1
    if i == j:
        line = lines[i]
        # Past the line's end the span is in its terminator: one character of it is `\n` in
        # an LF file and `\r` in a CRLF file, so only the whole pair is known for sure.
        if b - a != length or a > len(line):
            return None
        if b <= len(line):
            return line[a:b]
        return line[a:] + "\r\n" if b - len(line) == 2 else None
    first, last = lines[i], lines[j]
    if a > len(first) or b > len(last):
        return None
    parts = [first[a:], *lines[i + 1 : j], last[:b]]
    n = j - i  # terminators crossed
    gaps = length - sum(len(p) for p in parts)
    # `gaps` is the total length of n terminators, each 1 (LF) or 2 (CRLF) long: only the
    # all-LF and all-CRLF totals say which terminator sits where.
    if gaps == n:
        return "\n".join(parts)
    if gaps == 2 * n:
        return "\r\n".join(parts)
    return None


def flagged_text(f: Finding) -> str | None:
    d = f.diagnostic
    return exact_text(f, f.location, f.end_location, d.end - d.start)


def edit_old_text(f: Finding, e: LocatedEdit) -> str | None:
    """The text the edit replaces, when the finding's lines hold it."""
    return exact_text(f, e.location, e.end_location, e.end - e.start)


def loose_context(f: Finding) -> tuple[str, str, str]:
    """(text before the span on its first line, the flagged text, text after it on its last
    line), with unknown line terminators read as `\\n`. For fingerprints, which normalize
    whitespace anyway, so they need no exact terminators."""
    lines = f.lines
    if not lines:
        return "", "", ""
    a = f.location.column - 1
    b = f.end_location.column - 1
    rows = f.end_location.row - f.location.row
    if rows <= 0:
        line = lines[0]
        return line[:a], line[a:b], line[b:]
    last = lines[min(rows, len(lines) - 1)]
    flagged = "\n".join([lines[0][a:], *lines[1:rows], last[:b]])
    return lines[0][:a], flagged, last[b:]


# -- showing source text on a terminal -----------------------------------------------------------


def visible(ch: str) -> str:
    """A character as it may safely be printed: control characters (which a terminal would act
    on: a file can hold escape sequences) as their Unicode control pictures, invisible format
    characters (zero-width spaces, bidi controls, BOMs) named, a tab as a space."""
    o = ord(ch)
    if ch == "\t":
        return " "
    if o < 0x20:
        return chr(0x2400 + o)
    if o == 0x7F:
        return "\u2421"
    if 0x80 <= o <= 0x9F:
        return "\ufffd"
    cat = unicodedata.category(ch)
    if cat in ("Cf", "Zl", "Zp", "Cs", "Co"):
        return f"<U+{o:04X}>"
    return ch


def show(s: str) -> str:
    return "".join(visible(ch) for ch in s)


def width(s: str) -> int:
    """Terminal columns `s` takes: wide East Asian characters two, combining marks none."""
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w
