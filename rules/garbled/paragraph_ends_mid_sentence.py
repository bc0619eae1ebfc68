"""GS102 paragraph-ends-mid-sentence."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Edit, Fix
from copydesk.document import Block, Document
from copydesk.rule import Example, Rule

# Words a sentence cannot end on: articles, prepositions, conjunctions, possessives.
DANGLING = frozenset(
    "the a an of to in on at for with from by into onto upon about between among through during "
    "without within toward towards and or but nor than that which who whose whom whether if "
    "because although though while when where its their his her our your my this these those "
    "is are was were has have had will would could should".split()
)
# The end of a finished paragraph: a terminator, a closing quote or bracket, a colon (a list
# follows), or any symbol or emoji rather than a letter or digit.
# The last word (and a comma after it) of a text without white space at its end, written
# backwards: matched at the start of the reversed tail, rather than searched for from every
# position of the tail (`(\p{L}+),?$`).
LAST_WORD_REVERSED = patterns.compile(r",?(\p{L}+)")
LOWER_START = patterns.compile(r"\p{Ll}[\p{L}'’-]*(?=[\s,;:])")
PROSE = frozenset({"paragraph", "blockquote"})


class ParagraphEndsMidSentence(Rule):
    """## What it does
    Finds a paragraph of at least `min-words` words (default 8) that stops in the middle of
    a sentence: it has no final punctuation and either ends on a word no sentence ends on
    (`the`, `of`, `with an`, `and`) or the next paragraph goes on in lower case.

    ## Why is this bad?
    Scrapers and converters break paragraphs at inline elements, line-length limits and page
    breaks, and truncate text at a character limit. The reader is left mid-sentence.

    ## Example
    ```text
    Recommendation widgets and native ads provide publishers with an

    effective way to recirculate organic content.
    ```

    ## Use instead
    ```text
    Recommendation widgets and native ads provide publishers with an effective way to
    recirculate organic content.
    ```

    ## Fix safety
    Unsafe: when the next paragraph goes on in lower case, the fix joins the two with a space,
    which is right for a broken paragraph but wrong for a list whose items start in lower
    case. A paragraph that ends on `the` or `of` gets no fix: the missing words are lost.
    """

    code = "GS102"
    name = "paragraph-ends-mid-sentence"
    message = "Paragraph ends mid-sentence: {why}"
    fix_availability = "sometimes"
    options: ClassVar[Mapping[str, Any]] = {"min-words": 8}
    examples = (
        Example(
            bad="Recommendation widgets and native ads provide publishers with an\n\n"
            "effective way to recirculate organic content.\n",
            flagged="with an",
            fixed="Recommendation widgets and native ads provide publishers with an "
            "effective way to recirculate organic content.\n",
            unsafe=True,
        ),
        Example(
            bad="The company said. Its new phone will come with a\n\nThe next paragraph.",
            flagged="with a",
        ),
        Example(good="Ingredients you will need for this recipe are the following:\n\n- salt"),
        Example(good="Leave a Reply\n\nthe comment form"),
        Example(good="He said it would end soon, and it did, as we know today\n\nThe end."),
        Example(good="Visit us at the following address for more information on\n\nhttp://x.y"),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        min_words = int(self.settings["min-words"])
        blocks = doc.blocks
        for k, block in enumerate(blocks):
            if block.kind not in PROSE:
                continue
            text = block.text.rstrip()
            if not text or not (text[-1].isalpha() or text[-1] == ","):
                continue  # ends with a terminator, a quote, a bracket, a digit or a symbol
            # At least `min-words` words: splitting stops after that many (a page may be one
            # long block).
            if len(text.split(None, max(min_words, 0))) < min_words:
                continue
            cut = max(0, len(text) - 80)
            m = LAST_WORD_REVERSED.match(text[cut:][::-1])
            if m is None:
                continue
            last = m.group(1)[::-1]
            start = len(text) - m.end(1)  # where the last word starts in `text`
            nxt = blocks[k + 1] if k + 1 < len(blocks) else None
            if nxt is not None and nxt.text.lstrip().startswith(("http", "www", "\ufffc")):
                continue  # a link on its own line finishes the sentence
            if nxt is not None and nxt.kind in PROSE and LOWER_START.match(nxt.text):
                yield self._diagnostic(doc, block, text, start, nxt)
            elif last.lower() in DANGLING and last[0].islower():
                yield self._diagnostic(doc, block, text, start, None)

    def _diagnostic(
        self, doc: Document, block: Block, text: str, last: int, nxt: Block | None
    ) -> Diagnostic:
        # Flag the last two words: enough to see where the paragraph stops.
        a = text.rfind(" ", 0, max(0, last - 1)) + 1
        b = len(text)
        if nxt is None:
            return self.block_diagnostic(
                block, a, b, why=f"no sentence ends on `{text[last:].rstrip(',')}`"
            )
        e = block.to_source(b, is_end=True)
        start = nxt.to_source(0)
        fix = None
        if e <= start and not doc.text[e:start].strip() and nxt.contiguous(0, 1):
            fix = Fix.unsafe("Join the paragraphs", Edit(e, start, " "))
        return self.block_diagnostic(
            block, a, b, fix=fix, why="the next paragraph goes on in lower case"
        )
