"""ST102 mixed-quote-style."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Block, Document
from copydesk.lazy import LazyRegex
from copydesk.rule import Example, Rule, check_choice
from copydesk.rules.punctuation._pairs import char_positions

# Double quotation marks only: single quotes and apostrophes are too often one or the other on
# purpose ("rock 'n' roll", a name with ’) to count (LanguageTool #6195 shows the noise).
# A straight mark right after a digit is an inch mark (`a 12" pipe`), not a quotation mark.
QUOTE = LazyRegex(r"[“”]|(?<![0-9])\"")


def quote_marks(text: str) -> list[tuple[int, str]]:
    """`[(m.start(), m.group()) for m in QUOTE.finditer(text)]`: the marks found by
    `char_positions`, a straight one after a digit dropped."""
    return [
        (at, ch)
        for at, ch in char_positions(text, '“”"')
        if ch != '"' or not ("0" <= text[at - 1 : at] <= "9")
    ]


# An opening mark follows the start of the text, a space, an opening bracket or a dash.
_OPENS_AFTER = frozenset(" \t\n\u00a0([{—–-/“‘")
STYLES = ("consistent", "curly", "straight")


def _style(ch: str) -> str:
    return "straight" if ch == '"' else "curly"


class MixedQuoteStyle(Rule):
    """## What it does
    Finds double quotation marks of the other style in a document that mostly uses curly
    (`“…”`) or mostly straight (`"…"`) ones. On a tie, the style of the first quotation mark
    wins. The option `style` ("curly" or "straight") imposes one style instead.

    ## Why is this bad?
    Mixed quotes show that text was pasted together from several sources (a wire story with
    straight quotes, an edited paragraph with curly ones). Style books pick one: typeset copy
    uses curly quotes, wire copy straight ones.

    ## Example
    ```text
    “We will stay,” she said. “It is our home.” He said "no".
    ```

    ## Use instead
    ```text
    “We will stay,” she said. “It is our home.” He said “no”.
    ```

    ## Fix safety
    Unsafe: the majority is a count, and turning a straight mark into a curly one guesses
    whether it opens or closes (it opens after a space, a bracket or a dash, and at the start).
    Inch marks right after a digit (`12"`) are not counted.
    """

    code = "ST102"
    name = "mixed-quote-style"
    message = "{found} quotation mark in a document that uses {wanted} ones"
    default_enabled = False
    languages = frozenset({"en"})
    fix_availability = "always"
    options: ClassVar[Mapping[str, Any]] = {"style": "consistent"}
    examples = (
        Example(
            bad='“We will stay,” she said. “It is our home.” He said "no".',
            flagged='"',
            fixed="“We will stay,” she said. “It is our home.” He said “no”.",
            unsafe=True,
        ),
        Example(
            bad='"We will stay," she said. "It is home." He said “no”.',
            flagged="“",
            fixed='"We will stay," she said. "It is home." He said "no".',
            unsafe=True,
        ),
        Example(
            bad="He said “yes”.",
            flagged="“",
            fixed='He said "yes".',
            unsafe=True,
            options={"style": "straight"},
        ),
        Example(good="“We will stay,” she said. “It is our home.”"),
        Example(good='"We will stay," she said, holding a 12" pipe.'),
        Example(good='“Fine,” he said, holding a 12" pipe.'),
        Example(good="It was ‘mini-NATO’, he said, and “a danger”."),
    )

    @classmethod
    def validate_options(cls, options: Mapping[str, Any]) -> list[str]:
        return check_choice(options, "style", STYLES)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        style = self.settings["style"]
        marks: list[tuple[Block, int, str]] = [
            (block, i, ch)
            for block in doc.blocks
            # (three searches for one character, in C: most short blocks have no quote)
            if '"' in block.text or "“" in block.text or "”" in block.text
            for i, ch in quote_marks(block.text)
        ]
        if not marks:
            return
        wanted = style
        if style == "consistent":
            straight = sum(1 for _, _, ch in marks if ch == '"')
            curly = len(marks) - straight
            if not straight or not curly:
                return
            wanted = (
                _style(marks[0][2])
                if straight == curly
                else ("straight" if straight > curly else "curly")
            )
        for block, i, ch in marks:
            if _style(ch) == wanted:
                continue
            new = '"' if wanted == "straight" else self._curly(block.text, i)
            edit = block.edit(i, i + 1, new)
            fix = Fix.unsafe(f"Use `{new}`", edit) if edit else None
            found = "Straight" if ch == '"' else "Curly"
            yield self.block_diagnostic(block, i, i + 1, fix=fix, found=found, wanted=wanted)

    @staticmethod
    def _curly(text: str, i: int) -> str:
        return "“" if i == 0 or text[i - 1] in _OPENS_AFTER else "”"
