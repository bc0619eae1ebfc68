"""PU402 punctuation-only-line."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk.diagnostics import Diagnostic, Edit, Fix
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.punctuation._common import paragraph_index
from copydesk.rules.punctuation._lines import (
    blocks_with_punctuation_only_line,
    has_punctuation_only_line,
    is_punctuation_only,
)


class PunctuationOnlyLine(Rule):
    """## What it does
    Finds a line that holds nothing but punctuation: `.`, `. .`, `”`, `),`.

    ## Why is this bad?
    When an article is scraped or segmented, the punctuation that ended a paragraph, a
    caption or a removed embed is sometimes left behind on a line of its own.

    ## Example
    ```text
    The talks ended on Tuesday.

    .

    The ceasefire holds.
    ```

    ## Use instead
    ```text
    The talks ended on Tuesday.

    The ceasefire holds.
    ```

    ## Fix safety
    Unsafe: the line is removed. It is almost always debris, but the mark may belong to the
    line above (a closing quote or bracket that was wrapped).

    Not reported: separators and scene breaks (`---`, `***`, `* * *`, `###`), and a line
    that is only an ellipsis (`...`, `…`, `[…]`), which marks an omission.
    """

    code = "PU402"
    name = "punctuation-only-line"
    message = "Line holds only punctuation `{text}`"
    fix_availability = "always"
    examples = (
        Example(
            bad="The talks ended.\n\n.\n\nThe ceasefire holds.\n",
            flagged=".",
            fixed="The talks ended.\n\nThe ceasefire holds.\n",
            unsafe=True,
        ),
        Example(
            bad="The talks ended.\n. .\nThe ceasefire holds.\n",
            flagged=". .",
            fixed="The talks ended.\nThe ceasefire holds.\n",
            unsafe=True,
        ),
        Example(bad="He left.\n\n”\n", flagged="”", fixed="He left.\n", unsafe=True),
        Example(good="Part one.\n\n* * *\n\nPart two.\n\n---\n\nPart three."),
        Example(good="He paused.\n\n...\n\nThen he spoke.\n\n[…]\n\nThe end."),
        Example(good="| Item | Known |\n| --- | --- |\n| Ships | ? |\n", filename="t.md"),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        index = paragraph_index(doc)
        for k in blocks_with_punctuation_only_line(index):
            block = index.blocks[k]
            text = block.text
            if not has_punctuation_only_line(text):
                continue
            for a, b in block.lines():
                line = text[a:b]
                if not is_punctuation_only(line):
                    continue
                s = a + len(line) - len(line.lstrip())
                e = a + len(line.rstrip())
                fix = None
                if block.contiguous(a, b):
                    src_start, src_end = block.span(a, b)
                    start, end = doc.removal_span(src_start, src_end)
                    fix = Fix.unsafe("Remove the line", Edit(start, end, ""))
                yield self.block_diagnostic(block, s, e, fix=fix, text=text[s:e])
