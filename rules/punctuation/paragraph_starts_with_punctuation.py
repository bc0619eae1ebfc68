"""PU401 paragraph-starts-with-punctuation."""

from __future__ import annotations

from collections.abc import Iterator
from operator import itemgetter

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Document
from copydesk.joined import Joined
from copydesk.rule import Example, Rule
from copydesk.rules.punctuation._common import paragraph_index
from copydesk.rules.punctuation._lines import is_punctuation_only

# Marks that cannot open a paragraph, and the spaces after them. Not: an ellipsis ("...",
# "…"), a period that starts a name (".NET", ".5"), a smiley (":)") or an emoji shortcode
# (":smile:"), quotes and opening brackets, list bullets.
LEADING = patterns.compile(
    r"(?P<mark>(?![:;]\w)[,;:!?)\]}]+|\.(?![.…\w])|\.(?!NET\b)(?=\p{Lu}))(?P<space>[ \t]*)"
)
SMILEY = patterns.compile(r"[:;][-']?[()DPp]")
_FIRST = frozenset(",;:!?)]}.")  # the first character of every `LEADING` match
# A block's first character that may start a match, or white space before one.
_MAYBE_FIRST = patterns.compile_re(r"[,;:!?)\]}.\s]")


def _maybe_leading(index: Joined) -> list[int]:
    """The blocks whose first character is one of `_FIRST` or white space (or that are
    empty), in order: the first characters of all the blocks picked from the blocks joined
    at once (`itemgetter`), and searched as one string (a Markdown page has hundreds of
    blocks, each a Python step before)."""
    starts = index.starts
    if len(starts) <= 1:
        return list(range(len(starts)))  # (no block, or one: looked at as it is)
    firsts = "".join(itemgetter(*starts)(index.text + "\n"))  # (an empty last block: "\n")
    return [m.start() for m in _MAYBE_FIRST.finditer(firsts)]


class ParagraphStartsWithPunctuation(Rule):
    """## What it does
    Finds a paragraph that starts with a comma, semicolon, colon, period, `!`, `?` or a
    closing bracket.

    ## Why is this bad?
    The mark belongs to the end of the paragraph before: a paragraph break was inserted in
    the wrong place (after the word instead of after its punctuation), or a sentence was cut
    in two.

    ## Example
    ```text
    The talks ended on Tuesday

    . The ceasefire holds.
    ```

    ## Use instead
    ```text
    The talks ended on Tuesday.

    The ceasefire holds.
    ```

    ## Fix safety
    Unsafe, and only offered when a capitalized word follows: the mark is removed (the
    missing period above is PU's other rules' and the editor's job). Not reported: an
    ellipsis (`... and then`), a name that starts with a period (`.NET`), a smiley, and a
    paragraph whose first line is only punctuation (PU402 reports that line).
    """

    code = "PU401"
    name = "paragraph-starts-with-punctuation"
    message = "Paragraph starts with `{mark}`"
    fix_availability = "sometimes"
    examples = (
        Example(
            bad="The talks ended on Tuesday\n\n. The ceasefire holds.",
            flagged=".",
            fixed="The talks ended on Tuesday\n\nThe ceasefire holds.",
            unsafe=True,
        ),
        Example(bad="It rained\n\n, and then it stopped.", flagged=",", fixed=None),
        Example(
            bad="It rained\n\n.However, it stopped.",
            flagged=".",
            fixed="It rained\n\nHowever, it stopped.",
            unsafe=True,
        ),
        Example(bad="); the rest follows.", flagged=");"),
        Example(good="... Penn State quarterback Sean Clifford played."),
        Example(good=".NET is a framework.\n\n.5 is a half.\n\n.com names are cheap."),
        Example(
            bad=".US President Trump left.",
            flagged=".",
            fixed="US President Trump left.",
            unsafe=True,
        ),
        Example(good=":) That was fun."),
        Example(good=":tada: We shipped it."),
        Example(good="“Quoted,” he said.\n\n(An aside.)\n\n- a bullet"),
        Example(good="He left.\n\n.\n\nShe stayed."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        index = paragraph_index(doc)
        blocks = index.blocks
        for k in _maybe_leading(index):
            block = blocks[k]
            text = block.text
            first = text[:1]
            if first in _FIRST:
                start = 0
            elif first.isspace():
                start = len(text) - len(text.lstrip())
            else:
                continue  # (`LEADING` starts with one of `_FIRST`; no copy made)
            m = LEADING.match(text, start)
            if m is None or SMILEY.match(text, start):
                continue
            first_line_end = text.find("\n")
            if is_punctuation_only(text[: first_line_end if first_line_end >= 0 else len(text)]):
                continue  # PU402
            a, b = m.span()
            fix = None
            if text[b : b + 1].isupper():
                edit = block.edit(a, b, "")
                fix = Fix.unsafe("Remove the mark", edit) if edit else None
            yield self.block_diagnostic(block, a, m.end("mark"), fix=fix, mark=m.group("mark"))
