"""MT407 french-spacing: a no-break or thin space before ; : ! ? (French typography)."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Document
from copydesk.joined import joined
from copydesk.rule import Example, Rule
from copydesk.rules.translation._lexicon import document_lexicon

# U+00A0 no-break space, U+202F narrow no-break space, U+2009 thin space before the "high"
# punctuation, after a letter, a digit or a closing quote/bracket. Not before a digit
# ("ratio 3 :1", times) and not in emoticons (" :)").
PATTERN = patterns.compile(r"(?<=[\p{L}\p{N}”’»)\]])([\u00a0\u202f\u2009]+)([;:!?])(?![\d)(\-DPp])")
NAMES = {"\u00a0": "no-break space", "\u202f": "narrow no-break space", "\u2009": "thin space"}


_SPACES = ("\u00a0", "\u202f", "\u2009")  # (every match holds one)


class FrenchSpacing(Rule):
    """## What it does
    Finds a no-break space, narrow no-break space or thin space before `;`, `:`, `!` or `?`:
    "Why not ?" typed the French way.

    An ordinary space before punctuation is a plain typing error and is reported by the
    punctuation family (PU); this rule reports the typographic French convention, which
    French and machine-translated text carries in those special spaces.

    ## Why is this bad?
    French typography puts a thin or no-break space before high punctuation; English puts
    none, and the space shows as a gap (and keeps the mark from wrapping with its word).

    ## Example
    ```text
    What now ? The answer : nobody knows.
    ```
    (with U+202F before `?` and U+00A0 before `:`)

    ## Use instead
    ```text
    What now? The answer: nobody knows.
    ```

    ## Fix safety
    Safe: the space is removed; English never wants it.
    """

    code = "MT407"
    name = "french-spacing"
    message = "French spacing: {space} before `{mark}`"
    languages = frozenset({"en"})
    fix_availability = "always"
    examples = (
        Example(
            bad="What now\u202f? Nobody knows.", flagged="\u202f?", fixed="What now? Nobody knows."
        ),
        Example(
            bad="The answer\u00a0: nobody knows.",
            flagged="\u00a0:",
            fixed="The answer: nobody knows.",
        ),
        Example(bad="Stop\u2009!", flagged="\u2009!", fixed="Stop!"),
        Example(good="The score was 3\u00a0:1 at half time."),
        Example(good="What now? The answer: nobody knows."),
        Example(good="Smile\u00a0:) it is Friday."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if document_lexicon(doc).non_ascii_chars.isdisjoint(_SPACES):
            return  # (none of the spaces, from the set of the document's non-ASCII characters)
        blocks = doc.blocks
        # (The blocks with one of the spaces, by `str.find` in the blocks joined.)
        for k in joined(doc).holding(*_SPACES):
            block = blocks[k]
            text = block.text
            for m in PATTERN.finditer(text):
                a, b = m.span()
                edit = block.edit(a, m.end(1), "")
                fix = Fix.safe("Remove the space", edit) if edit else None
                space = NAMES[m.group(1)[0]]
                yield self.block_diagnostic(block, a, b, fix=fix, space=space, mark=m.group(2))
