"""PU305 split-quotation."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.punctuation._common import next_visible
from copydesk.rules.punctuation._pairs import pairs

# Read backwards from the stray quote: the closing quote, a mark, the spaces.
BEFORE = patterns.compile(r"(?P<quote>[”\"])(?P<mark>[.,;:]?)(?P<space>[ \t]*)$")


class SplitQuotation(Rule):
    """## What it does
    Finds a quotation that was split in two: a closing quote, maybe a period, and a second
    closing quote that closes nothing, as in `activities”. ” had`.

    ## Why is this bad?
    Segmenters cut a sentence at the period after a quotation; when the pieces are joined
    again the quote mark is repeated and the period stays in the middle of the sentence.
    Readers see a stray quote mark and a sentence that stops too early.

    ## Example
    ```text
    It issued a statement saying “local anti-terrorist activities”. ” had been launched.
    ```

    ## Use instead
    ```text
    It issued a statement saying “local anti-terrorist activities” had been launched.
    ```

    ## Fix safety
    Unsafe: the fix removes the stray quote, and the period between the two marks when the
    sentence goes on in lower case. The result is what the sentence almost always meant,
    but the words around it may also have been damaged and deserve a look.
    """

    code = "PU305"
    name = "split-quotation"
    message = "Quotation split by a stray `{mark}`"
    fix_availability = "always"
    examples = (
        Example(
            bad="A statement saying “local anti-terrorist activities”. ” had been launched.",
            flagged="”. ”",
            fixed="A statement saying “local anti-terrorist activities” had been launched.",
            unsafe=True,
        ),
        Example(
            bad="He said “it is over”. ” The crowd cheered.",
            flagged="”. ”",
            fixed="He said “it is over”. The crowd cheered.",
            unsafe=True,
        ),
        Example(
            bad="They called it “a farce”” and left.",
            flagged="””",
            fixed="They called it “a farce” and left.",
            unsafe=True,
        ),
        Example(good="It states that any “aggression against member states”. The talks went on."),
        Example(good="He said “no”. “Yes,” she replied."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for bp in pairs(doc):
            text = bp.block.text
            for u in bp.double:
                if not u.split:
                    continue
                m = BEFORE.search(text, max(0, u.pos - 8), u.pos)
                if m is None:
                    continue
                first = m.start("quote")
                stray_end = u.pos + 1
                if next_visible(text, stray_end)[:1].islower():
                    edit = bp.block.edit(first + 1, stray_end, "")  # `”. ” had` -> `” had`
                else:
                    edit = bp.block.edit(m.start("space"), stray_end, "")  # `”. ” The` -> `”. The`
                fix = Fix.unsafe("Remove the stray quote", edit) if edit else None
                yield self.block_diagnostic(bp.block, first, stray_end, fix=fix, mark=u.mark)
