"""PU101 spaced-double-terminator."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.punctuation._common import SPACED_TERMINATOR, all_index, screen_hits

# A terminator, spaces, and one more terminator: ". ." or "? ." where segments were joined.
# Not a spaced ellipsis (". . ." has a third dot; Chicago's ". . . ." has more), so the
# second mark must not be followed by another spaced dot, nor the first preceded by one.
PATTERN = patterns.compile(r"(?<![.…]\s*)([.!?])([ \t\u00a0]+)\.(?![ \t\u00a0]*[.…])")
# What every match holds; its hits come from `MARKS`'s (see `screen_hits`), not from trying
# the look-behind everywhere.
SCREEN = SPACED_TERMINATOR


class SpacedDoubleTerminator(Rule):
    """## What it does
    Finds a sentence terminator followed by a space and a second period, like `month. .`.

    ## Why is this bad?
    It is left behind when scraped or machine-translated segments are joined: the source
    segment ended with a period and the joiner added another. Readers see a typo.

    ## Example
    ```text
    The war is now in its 19th month. .
    ```

    ## Use instead
    ```text
    The war is now in its 19th month.
    ```

    ## Fix safety
    Safe: the second period never carries meaning. A spaced ellipsis (`. . .`, `. . . .`) and
    `...` are not matched.
    """

    code = "PU101"
    name = "spaced-double-terminator"
    message = "Repeated sentence terminator `{match}`"
    fix_availability = "always"
    examples = (
        Example(bad="now in its 19th month. .", flagged=". .", fixed="now in its 19th month."),
        Example(bad="Is it over? . Yes.", flagged="? .", fixed="Is it over? Yes."),
        Example(good="Wait . . . what?"),
        Example(good="It ended . . . . Then it began."),
        Example(good="He paused... Then spoke."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        index = all_index(doc)
        for k in screen_hits(index, SCREEN):  # no match without this in it (most blocks)
            block = index.blocks[k]
            for m in PATTERN.finditer(block.text):
                a, b = m.span()
                edit = block.edit(m.end(1), b, "")
                fix = Fix.safe("Remove the second terminator", edit) if edit else None
                yield self.block_diagnostic(block, a, b, fix=fix, match=m.group())
