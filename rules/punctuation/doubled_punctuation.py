"""PU102 doubled-punctuation."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.punctuation._common import (
    TWO_MARKS,
    is_abbreviation,
    next_visible,
    prose_index,
    screen_hits,
    two_mark_matches,
)

# The same mark twice after a word: "..", ",,", ";;", "::", or spaced ", ,", "; ;", ": :".
# ". ." is PU101's. Each alternative is a fixed-length match, so the scan is linear.
# - ".." only exactly two: "..." and "…" are ellipses, and "../" or "1..10" are paths/ranges.
# - ",," after a space is a typed low-9 quote (German ",,Wann"), so it must follow a word.
# - ".." after Chinese, Japanese or Korean text is the usual two-dot ellipsis there.
# - "::" and ";;" followed by a word are code ("std::vector", "fe80::1").
PATTERN = patterns.compile(
    r"(?<=[\w”’\"')\]%])"
    r"(?:"
    r"(?<![.…\p{Han}\p{Hangul}\p{Hiragana}\p{Katakana}])(?P<dots>\.)\.(?![.…\w/\\])"
    r"|(?P<mark>[,;:])(?P<space>[ \t]*)(?P=mark)(?![,;:\w])"
    r")"
)


class DoubledPunctuation(Rule):
    """## What it does
    Finds a punctuation mark written twice after a word: `..`, `,,`, `;;`, `::`, and the
    spaced `, ,`, `; ;`, `: :`.

    ## Why is this bad?
    A doubled mark is a typing slip or the trace of two text segments joined together (the
    source segment ended with a mark, and the joiner added another). Readers see a typo.

    ## Example
    ```text
    Partners, media, etc.. requires a plan.
    The report,, published today, says so.
    ```

    ## Use instead
    ```text
    Partners, media, etc. requires a plan.
    The report, published today, says so.
    ```

    ## Fix safety
    Safe: the second mark is removed. Ellipses (`...`, `…`), paths and ranges (`../`,
    `1..10`), code (`std::vector`) and a typed low-9 quote (`,,Wann`) are not matched. A
    `..` after an ordinary word with a lower-case word after it may be a clipped ellipsis
    ("well.. maybe"), so it is reported without a fix.
    """

    code = "PU102"
    name = "doubled-punctuation"
    message = "Doubled punctuation `{match}`"
    fix_availability = "sometimes"
    examples = (
        Example(
            bad="Partners, media, etc.. requires a plan.",
            flagged="..",
            fixed="Partners, media, etc. requires a plan.",
        ),
        Example(bad="It is over..", flagged="..", fixed="It is over."),
        Example(
            bad="The war ended.. Then peace came.",
            flagged="..",
            fixed="The war ended. Then peace came.",
        ),
        Example(
            bad="The report,, published today, says so.",
            flagged=",,",
            fixed="The report, published today, says so.",
        ),
        Example(bad="Two options; ; pick one.", flagged="; ;", fixed="Two options; pick one."),
        Example(
            bad="He listed them:: apples, pears.",
            flagged="::",
            fixed="He listed them: apples, pears.",
        ),
        Example(bad="well.. maybe not", flagged="..", fixed=None),
        Example(good="Wait... what?"),
        Example(good="He paused.… Then spoke."),
        Example(good="Run ../setup.sh from the folder."),
        Example(good="Count from 1..10 in the loop."),
        Example(good="Use std::vector here."),
        Example(good="Sie fragte: ,,Wann kommst du?“"),
        Example(good="The address is fe80::1 on the link."),
        Example(good="설리, 무엇이 이 스물다섯 청춘의.."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        index = prose_index(doc)
        # (The few blocks with two marks in a row; the hits are shared with PU102/PU103.)
        for k, starts in screen_hits(index, TWO_MARKS).items():
            block = index.blocks[k]
            text = block.text
            for m in two_mark_matches(PATTERN, text, starts):
                a, b = m.span()
                fix = None
                if m.group("dots") is None or self._dot_fix_is_safe(text, a, b):
                    edit = block.edit(a + 1, b, "")
                    fix = Fix.safe("Remove the second mark", edit) if edit else None
                yield self.block_diagnostic(block, a, b, fix=fix, match=m.group())

    @staticmethod
    def _dot_fix_is_safe(text: str, a: int, b: int) -> bool:
        """`..` is a doubled period (not a clipped ellipsis) after an abbreviation, or before
        the end of the paragraph or a capital letter."""
        after = next_visible(text, b)
        if not after or not after.islower():
            return True
        start = a
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        return is_abbreviation(text[start:a])
