"""PU303 unpaired-straight-quote."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk.diagnostics import Diagnostic
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.punctuation._pairs import pairs
from copydesk.rules.punctuation.unpaired_curly_quote import describe


class UnpairedStraightQuote(Rule):
    """## What it does
    Finds a straight double quotation mark (`"`) without a partner in its paragraph.

    ## Why is this bad?
    As with curly quotes (PU302), a lost or doubled mark hides where a quotation ends.
    Straight quotes come from plain-text sources and from text typed without smart quotes,
    so they are a separate rule: some sources use `"` for inches.

    ## Example
    ```text
    He called the plan "a farce and left.
    ```

    ## Use instead
    ```text
    He called the plan "a farce" and left.
    ```

    ## Fix safety
    No fix: where the missing mark belongs is a guess.

    A `"` right after a number is an inch or seconds mark (`a 65" TV`, `5'11"`) and is not
    counted. Straight and curly marks pair with each other. A quotation that stays open is
    fine when the next paragraph starts with an opening quote.
    """

    code = "PU303"
    name = "unpaired-straight-quote"
    message = "{what}"
    fix_availability = "none"
    examples = (
        Example(bad='He called the plan "a farce and left.', flagged='"'),
        Example(bad='He called the plan a farce" and left.', flagged='"'),
        Example(good='"It is over," he said. "We are going home."'),
        Example(good='A 65" LG TV and a 34" monitor, Now $549'),
        Example(good="He is 5'11\" tall."),
        Example(good='"First paragraph of a quotation.\n\n"Second paragraph."'),
        Example(good='“A curly quote closed by a straight one," he said.'),
        Example(good="``A TeX-style quotation,'' he said."),
        Example(good="``voce nao vai pegar o trem pra lá´´"),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for bp in pairs(doc):
            for u in bp.double:
                if u.mark[0] in "\"'`´" and not u.split:
                    end = u.pos + len(u.mark)
                    yield self.block_diagnostic(bp.block, u.pos, end, what=describe(u))
