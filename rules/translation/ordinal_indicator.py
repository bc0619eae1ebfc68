"""MT404 ordinal-indicator: Romance ordinal indicators in English ("1º", "2ª")."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Document
from copydesk.joined import joined
from copydesk.rule import Example, Rule
from copydesk.rules.translation._lexicon import document_lexicon

# A number and the masculine or feminine ordinal indicator (U+00BA, U+00AA), sometimes written
# with a dot ("1.º"). Not the degree sign (U+00B0), and not "25º C" or "40º N", where the
# indicator stands in for a degree sign.
PATTERN = patterns.compile(
    r"(?<![\d\p{L}])(?P<n>\d{1,4})(?P<dot>\.?)(?P<ind>[ºª])(?![\p{L}\d])(?!\s?[CFNSEW]\b)"
)


def english_ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


_INDICATORS = ("º", "ª")  # (every match holds one)


class OrdinalIndicator(Rule):
    """## What it does
    Finds Spanish, Portuguese and Italian ordinal indicators after a number: "1º", "2ª",
    "3.º". Degrees written with the indicator by mistake ("25º C", "40º N") are left alone.

    ## Why is this bad?
    English writes ordinals with letters (1st, 2nd, 3rd). Machine translation copies "1º" from
    the source, and English readers may take it for a degree sign.

    ## Example
    ```text
    She finished 2º in the final.
    ```

    ## Use instead
    ```text
    She finished 2nd in the final.
    ```

    ## Fix safety
    Unsafe: the English ordinal is right, but the phrase around it may need rewording ("the
    1º of May" is "May 1" in English).
    """

    code = "MT404"
    name = "ordinal-indicator"
    message = "Ordinal indicator in `{text}`: English writes `{fixed}`"
    languages = frozenset({"en"})
    fix_availability = "always"
    examples = (
        Example(
            bad="She finished 2º in the final.",
            flagged="2º",
            fixed="She finished 2nd in the final.",
            unsafe=True,
        ),
        Example(
            bad="It was the 13ª edition.",
            flagged="13ª",
            fixed="It was the 13th edition.",
            unsafe=True,
        ),
        Example(
            bad="He came 1.º overall.", flagged="1.º", fixed="He came 1st overall.", unsafe=True
        ),
        Example(good="It was 25º C outside."),
        Example(good="It was 25° outside, she finished 2nd."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if document_lexicon(doc).non_ascii_chars.isdisjoint(_INDICATORS):
            return  # (none of them, from the set of the document's non-ASCII characters)
        blocks = doc.blocks
        # (The blocks with one of the indicators, by `str.find` in the blocks joined.)
        for k in joined(doc).holding(*_INDICATORS):
            block = blocks[k]
            for m in PATTERN.finditer(block.text):
                a, b = m.span()
                fixed = english_ordinal(int(m["n"]))
                edit = block.edit(a, b, fixed)
                fix = Fix.unsafe(f"Write `{fixed}`", edit) if edit else None
                yield self.block_diagnostic(block, a, b, fix=fix, text=m.group(), fixed=fixed)
