"""EN002 replacement-character."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns
from copydesk.diagnostics import Diagnostic
from copydesk.document import Document
from copydesk.joined import joined
from copydesk.rule import Example, Rule
from copydesk.rules.encoding._edit import locate
from copydesk.rules.translation._lexicon import document_lexicon

RUN = patterns.compile(r"\ufffd+")


class ReplacementCharacter(Rule):
    """## What it does
    Finds the replacement character `�` (U+FFFD), which a decoder writes where it met bytes it
    could not decode.

    ## Why is this bad?
    The original character is gone: `Montr�al` could have been `Montréal` or anything else.
    Readers see a black diamond with a question mark.

    ## Example
    ```text
    The festival in Montr�al opens on Friday.
    ```

    ## Use instead
    ```text
    The festival in Montréal opens on Friday.
    ```

    ## Fix safety
    No fix: what was lost can only be restored from the source. A run of replacement
    characters is one finding.
    """

    code = "EN002"
    name = "replacement-character"
    message = "Replacement character `{text}` (U+FFFD): a character was lost in decoding"
    examples = (
        Example(bad="The festival in Montr\ufffdal opens on Friday.", flagged="\ufffd"),
        Example(bad="It\ufffd\ufffds over.", flagged="\ufffd\ufffd"),
        Example(good="The festival in Montréal opens on Friday."),
        Example(good="A question mark? And a diamond ◆ are fine."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if "\ufffd" not in document_lexicon(doc).non_ascii_chars:
            return  # (from the set of the document's non-ASCII characters)
        blocks = doc.blocks
        for k in joined(doc).holding("\ufffd"):  # (by `str.find` in the blocks joined)
            block = blocks[k]
            for m in RUN.finditer(block.text):
                s, e, _ = locate(doc, block, m.start(), m.end())
                yield self.diagnostic(s, e, text=m.group())
