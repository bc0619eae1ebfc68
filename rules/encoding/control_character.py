"""EN003 control-character."""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Set as AbstractSet

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Block, Document
from copydesk.rule import Example, Rule
from copydesk.rules.encoding._edit import locate, prose_edit
from copydesk.rules.encoding._mojibake import inside, repaired_positions
from copydesk.rules.translation._lexicon import document_lexicon, lexicon

# A terminal colour or cursor code (ANSI CSI: ESC [ parameters final-byte) goes as a whole;
# otherwise a run of C0 controls except tab, line feed and carriage return, DEL, and the C1
# controls U+0080-U+009F.
RUN = patterns.compile(r"\x1b\[[0-9;?]{0,32}[ -/]{0,4}[@-~]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
_C1 = patterns.compile(r"[\x80-\x9f]")
_CONTROL = patterns.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Every `RUN` match holds one of `_CONTROL`'s characters (ESC is one), and almost no block has
# any. They are tested in C without a pattern (`re` tries a class a character at a
# time): its ASCII ones are the bytes left when `bytes.translate` deletes these, its others
# (C1) are non-ASCII characters, which the block's `Lexicon` holds as a set.
_NOT_C0 = bytes(b for b in range(256) if not (b <= 8 or b in (11, 12) or 14 <= b <= 31 or b == 127))
_C1_CHARS = frozenset(map(chr, range(0x80, 0xA0)))


def _has_control(doc: Document, block: Block) -> bool:
    """`_CONTROL.search(block.text)`, in C: the ASCII controls in the text's bytes (each
    non-ASCII character is one printable "?" there), the C1 ones in its non-ASCII characters."""
    text = block.text
    chars = _NO_CHARS if text.isascii() else lexicon(doc, block).non_ascii_chars
    return _has_control_in(text, chars)


_NO_CHARS: frozenset[str] = frozenset()


def _has_control_in(text: str, non_ascii: AbstractSet[str]) -> bool:
    """`_CONTROL.search(text)`, given the text's set of non-ASCII characters."""
    if text.encode("ascii", "replace").translate(None, _NOT_C0):
        return True
    return not _C1_CHARS.isdisjoint(non_ascii)


class ControlCharacter(Rule):
    """## What it does
    Finds control characters in prose: C0 controls other than tab, line feed and carriage
    return (U+0000-U+001F), DEL (U+007F) and the C1 controls (U+0080-U+009F).

    C1 characters that are Windows-1252 punctuation read as Latin-1 (`\\x93quoted\\x94`,
    `wait\\x85`) are mojibake, and EN001 reports and repairs them; this rule reports the ones
    EN001 leaves alone.

    ## Why is this bad?
    Control characters are invisible or render as boxes, break search and copy-paste, and
    some tools reject text that holds them. In an article they are always debris: a vertical
    tab from a word processor's manual line break, an escape code from a terminal, a stray
    byte from a broken conversion.

    ## Example
    ```text
    The vote was\\x0bpostponed until May.
    ```

    ## Use instead
    ```text
    The vote was postponed until May.
    ```

    ## Fix safety
    Unsafe: the fix removes the characters (or puts a space where removing them would join two
    words); a vertical tab or form feed may have stood for a line or page break that should
    come back in another form.
    """

    code = "EN003"
    name = "control-character"
    message = "Control character {codes} in prose"
    fix_availability = "always"
    examples = (
        Example(
            bad="The vote was\x0bpostponed until May.",
            flagged="\x0b",
            fixed="The vote was postponed until May.",
            unsafe=True,
        ),
        Example(bad="Done.\x1b[0m Next.", flagged="\x1b[0m", fixed="Done. Next.", unsafe=True),
        Example(
            bad="These control characters \x1a are here \x81",
            flagged="\x1a",
            fixed="These control characters  are here ",
            unsafe=True,
        ),
        Example(bad="\x00\x00Title", flagged="\x00\x00", fixed="Title", unsafe=True),
        Example(good="Tabs\tand\r\nline breaks are fine."),
        # cp1252 quotes read as Latin-1: mojibake, reported once by EN001, not here.
        Example(good="He said \x93no\x94 twice."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        lex = document_lexicon(doc)
        if not _has_control_in(lex.text, lex.non_ascii_chars):
            return  # (the blocks joined by line feeds, which are no control here: one test)
        for block in doc.blocks:
            text = block.text
            # (Control characters are not printable: a printable block, most short ones, has
            # none, known in C without a pattern.)
            if text.isprintable() or not _has_control(doc, block):
                continue
            repaired: list[tuple[int, int]] | None = None
            for m in RUN.finditer(text):
                a, b = m.span()
                if _C1.search(m.group()):
                    if repaired is None:
                        repaired = repaired_positions(doc, block)
                    if inside(repaired, a, b):
                        continue
                joins = (
                    0 < a < b < len(text)
                    and not (b - a > 1 and text.startswith("\x1b[", a))
                    and not text[a - 1].isspace()
                    and not text[b].isspace()
                )
                edit = prose_edit(doc, block, a, b, " " if joins else "")
                what = "Replace with a space" if joins else "Remove"
                fix = Fix.unsafe(what, edit) if edit else None
                codes = ", ".join(
                    f"U+{ord(c):04X}" for c in dict.fromkeys(_CONTROL.findall(m.group()))
                )
                s, e, _ = locate(doc, block, a, b)
                yield self.diagnostic(s, e, fix=fix, codes=codes)
