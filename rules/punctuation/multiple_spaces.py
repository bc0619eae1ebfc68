"""PU203 multiple-spaces."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.punctuation._common import prose_index

# Two or more ASCII spaces between two words of one line (a word may end in a comma or a
# closing mark, and start with an opening one). Spaces before other punctuation are PU201's.
RUN = patterns.compile(r"(?<=[\w,;:”’\"')\]%])  +(?=[\w“‘\"'(\[$€£])")
# After a sentence end (maybe inside quotes or brackets) two spaces are an old typing
# convention, not damage.
SENTENCE_END = patterns.compile(r"[.!?:][”’\"')\]]*$")
ALIGNED_RUN = 3  # a line with two or more runs this long is aligned columns, not prose


def _spaced_lines(text: str) -> Iterator[tuple[int, int]]:
    """The lines of `block.lines()` that hold two spaces in a row, found from the spaces (a
    substring search) rather than by a look at every line."""
    at = text.find("  ")
    n = len(text)
    while at >= 0:
        a = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        if end < 0:
            end = n
        yield a, end - 1 if text[end - 1] == "\r" else end
        if end >= n:
            return
        at = text.find("  ", end + 1)


class MultipleSpaces(Rule):
    """## What it does
    Finds two or more spaces between two words of a sentence.

    ## Why is this bad?
    A doubled space is left where a word, a tag or a footnote marker was removed, or where
    segments were joined. It shows as a gap in print and breaks exact-phrase search.

    ## Example
    ```text
    The ministry  said on Wednesday that the talks had ended.
    ```

    ## Use instead
    ```text
    The ministry said on Wednesday that the talks had ended.
    ```

    ## Fix safety
    Safe: the run becomes one space. Not reported: two spaces after a sentence end (a typing
    convention), indentation and trailing spaces (Markdown's line break), tabs, and lines
    with aligned columns (two or more runs of three spaces or more) or table bars.
    """

    code = "PU203"
    name = "multiple-spaces"
    message = "{count} spaces in a row"
    fix_availability = "always"
    examples = (
        Example(
            bad="The ministry  said on Wednesday that the talks had ended.",
            flagged="  ",
            fixed="The ministry said on Wednesday that the talks had ended.",
        ),
        Example(bad="A gap    here.", flagged="    ", fixed="A gap here."),
        Example(good="It ended.  Then it began again."),
        Example(good="He said “no.”  Then he left."),
        Example(good="    Indented line.\nTrailing spaces  \nend."),
        Example(good="Name      Age      Town\nAnna      34       Oslo"),
        Example(good="| a  | b |"),
        Example(good="Tab\t\tseparated."),
        Example(good="Noise ????,                     ......more"),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        index = prose_index(doc)
        for k in index.holding("  "):
            block = index.blocks[k]
            text = block.text
            for a, b in _spaced_lines(text):
                line = text[a:b]
                if "|" in line:
                    continue
                runs = list(RUN.finditer(line))
                if sum(1 for r in runs if len(r.group()) >= ALIGNED_RUN) >= 2:
                    continue
                for r in runs:
                    if SENTENCE_END.search(line, 0, r.start()):
                        continue
                    s, e = a + r.start(), a + r.end()
                    edit = block.edit(s, e, " ")
                    fix = Fix.safe("Use one space", edit) if edit else None
                    yield self.block_diagnostic(block, s, e, fix=fix, count=e - s)
