"""PU301 unpaired-bracket."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk.diagnostics import Diagnostic
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.punctuation._pairs import pairs


class UnpairedBracket(Rule):
    """## What it does
    Finds a parenthesis, square bracket or brace that has no partner in its paragraph.

    ## Why is this bad?
    A lost bracket is left where a segment was cut or joined, where an aside was deleted
    half-way, or where a translation dropped one side. Readers cannot tell where the aside
    ends.

    ## Example
    ```text
    Two members (Kazakhstan and Kyrgyzstan agreed with the statement.
    ```

    ## Use instead
    ```text
    Two members (Kazakhstan and Kyrgyzstan) agreed with the statement.
    ```

    ## Fix safety
    No fix: where the missing half belongs is a guess.

    Not reported: list markers with no parenthesis open (`1) first`, `a) second`), smileys
    (`:)`, `:-(`), and pairs that nest (`(see [1])`).
    """

    code = "PU301"
    name = "unpaired-bracket"
    message = "{what} `{mark}`"
    fix_availability = "none"
    examples = (
        Example(bad="Two members (Kazakhstan and Kyrgyzstan agreed.", flagged="("),
        Example(bad="Two members Kazakhstan and Kyrgyzstan) agreed.", flagged=")"),
        Example(bad="The index [see p. 4 lists them.", flagged="["),
        Example(good="Two members (Kazakhstan and Kyrgyzstan) agreed [see note 4]."),
        Example(good="1) Lego set\n2) Racing track\n3) Board game"),
        Example(good="a) first choice, b) second choice"),
        Example(good="Prices rose (up from 12) this year."),
        Example(good="Great news :) and more :-( later"),
        Example(good="Buy: 1)fish 2)salt."),
        Example(good="1.) The first item 2.) The second item"),
        Example(good="OK??:(   so sad    ):"),
        Example(good="기사입력 :[ 2018-08-25 15:24 ]"),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for bp in pairs(doc):
            for u in bp.brackets:
                what = (
                    "Unclosed" if u.reason == "unclosed" else "Closing bracket without an opening"
                )
                yield self.block_diagnostic(bp.block, u.pos, u.pos + 1, what=what, mark=u.mark)
