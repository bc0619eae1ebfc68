"""EN006 stray-byte-order-mark."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Fix, Severity
from copydesk.document import Document
from copydesk.joined import joined
from copydesk.rule import Example, Rule
from copydesk.rules.encoding._edit import locate, prose_edit
from copydesk.rules.translation._lexicon import document_lexicon

RUN = patterns.compile(r"\ufeff+")


class StrayByteOrderMark(Rule):
    """## What it does
    Finds a byte-order mark (U+FEFF) anywhere but at the very start of the file.

    A file's own BOM is read and written back by copydesk and never reported. A second one
    inside the text is what is left when files that each had a BOM are concatenated, or text
    is pasted out of one.

    ## Why is this bad?
    It is invisible, but it is a character: it breaks search and comparison, makes a
    heading's first word not match, and shows up as `ï»¿` or `�` in tools that do not expect it.
    (Its old use as a zero-width no-break space is deprecated since Unicode 3.2 in favour of
    the word joiner U+2060.)

    ## Example
    ```text
    First article.
    \ufeffSecond article. (with a byte-order mark before "Second")
    ```

    ## Use instead
    ```text
    First article.
    Second article.
    ```

    ## Fix safety
    Safe: the character is removed, which changes nothing a reader sees.
    """

    code = "EN006"
    name = "stray-byte-order-mark"
    message = "Byte-order mark U+FEFF inside the text"
    severity = Severity.WARNING
    fix_availability = "always"
    examples = (
        Example(
            bad="First article.\n\ufeffSecond article.",
            flagged="\ufeff",
            fixed="First article.\nSecond article.",
        ),
        Example(bad="one\ufeff\ufefftwo", flagged="\ufeff\ufeff", fixed="onetwo"),
        # At the very start of the text it is the file's own BOM (the API may pass it in).
        Example(good="\ufeffA file that starts with a BOM."),
        Example(good="No byte-order mark at all."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if "\ufeff" not in document_lexicon(doc).non_ascii_chars:
            return  # (from the set of the document's non-ASCII characters)
        blocks = doc.blocks
        for k in joined(doc).holding("\ufeff"):  # (by `str.find` in the blocks joined)
            block = blocks[k]
            text = block.text
            for m in RUN.finditer(text):
                a, b = m.span()
                start, _end = block.span(a, b)
                if start == 0:
                    # The file's own byte-order mark (text given through the API keeps it).
                    a += 1
                    if a == b:
                        continue
                edit = prose_edit(doc, block, a, b, "")
                fix = Fix.safe("Remove the byte-order mark", edit) if edit else None
                s, e, _ = locate(doc, block, a, b)
                yield self.diagnostic(s, e, fix=fix)
