"""PU302 unpaired-curly-quote."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk.diagnostics import Diagnostic
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.punctuation._pairs import Unpaired, pairs

CURLY = "“”„‘’"
WHAT = {
    "unclosed": "Quotation opened with `{mark}` is never closed",
    "stray-closer": "Closing quote `{mark}` with no opening quote",
    "reversed": "Quote `{mark}` faces the wrong way",
}


def describe(u: Unpaired) -> str:
    return WHAT[u.reason].format(mark=u.mark)


class UnpairedCurlyQuote(Rule):
    """## What it does
    Finds a curly double quotation mark (`“`, `”`, `„`) without a partner in its paragraph,
    or one that faces the wrong way.

    ## Why is this bad?
    Quotations are split and re-joined when articles are scraped, segmented and translated,
    and a quote mark is often lost or doubled on the way. The reader cannot tell where the
    quotation ends, which matters for attribution.

    ## Example
    ```text
    He said the talks were “a farce and left the room.
    ```

    ## Use instead
    ```text
    He said the talks were “a farce” and left the room.
    ```

    ## Fix safety
    No fix: where the missing mark belongs is a guess. (PU305 fixes the one shape that is
    clear, a split quotation like `activities”. ” had`.)

    Curly and straight marks pair with each other (`“Hello," he said`); German `„…“` pairs;
    in Swedish and Finnish `”…”` pairs. A paragraph whose quotation stays open is fine when
    the next paragraph starts with an opening quote: that is how a quotation of several
    paragraphs is written.
    """

    code = "PU302"
    name = "unpaired-curly-quote"
    message = "{what}"
    fix_availability = "none"
    examples = (
        Example(bad="He said the talks were “a farce and left the room.", flagged="“"),
        Example(bad="He said the talks were a farce” and left.", flagged="”"),
        Example(bad="“It is over“ he said.", flagged="“"),
        Example(bad="the anime “ I Cavalieri dello Zodiaco “, made by Toei", flagged="“"),
        Example(bad="He said: ”Bird flu is coming.”", flagged="”"),
        Example(good="“It is over,” he said. “We are going home.”"),
        Example(good='“We’re On It" became a trend.'),
        Example(good="Die App „Vivy“ wurde entwickelt."),
        Example(
            good="“The first paragraph of a quotation.\n\n“The second paragraph, which closes.”"
        ),
        Example(good="Putin’s ‘mini-NATO’ is in danger."),
        Example(good="Han sa ”nej” och gick.", language="sv"),
        Example(good="Sell your 15” laptop and buy the 16”. It is worth it."),
        Example(good="[button link=”http://example.com/” type=”big”] Send us a review"),
        Example(
            good="A warning that “voters are entitled to transparency.’’ Critically, it said so."
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for bp in pairs(doc):
            for u in bp.double:
                if u.mark[0] in CURLY and not u.split:
                    end = u.pos + len(u.mark)
                    yield self.block_diagnostic(bp.block, u.pos, end, what=describe(u))
