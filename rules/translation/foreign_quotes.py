"""MT405 foreign-quotes: guillemets and low quotation marks in English text."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns, rx
from copydesk.diagnostics import Diagnostic, Edit, Fix
from copydesk.document import Block, Document
from copydesk.rule import Example, Rule
from copydesk.rules.translation._lexicon import document_lexicon, lexicon

_SPACE = r"[ \u00a0\u202f\u2009]?"
# Paired quotations within one paragraph, in the conventions of the source languages:
# «…» (French, Spanish, Italian, Russian...), »…« (German, Danish), „…“ and „…” (German,
# Polish, Czech...), ‹…› and ›…‹, ‚…‘ (German single quotes). The text inside holds no quote
# of the same kind and no line break.
PAIRS = (
    ("«", "»", True),
    ("»", "«", True),
    ("„", "“", True),
    ("„", "”", True),
    ("‹", "›", False),
    ("›", "‹", False),
    ("‚", "‘", False),
)
PATTERNS = [
    (
        patterns.compile(
            rx.escape(o)
            + _SPACE
            + r"([^\s«»‹›„‚“”](?:[^«»‹›„‚“”\n]{0,600}?[^\s«»‹›„‚“”])?)"
            + _SPACE
            + rx.escape(c)
        ),
        double,
    )
    for o, c, double in PAIRS
]
ANY = patterns.compile(r"[«»‹›„‚]")
_MARKS = frozenset("«»‹›„‚")
_LETTER = patterns.compile(r"[\p{L}\p{N}]")
# "« Previous Post Next Post »", "‹ Older posts": the marks are arrows of page navigation.
_NAVIGATION = patterns.compile(
    r"(?:(?:previous|prev|next|older|newer|back|home|more|first|last|read|go|to|top|the|"
    r"posts?|entries|page|articles?|stories|comments)\s*)+",
    rx.I,
)


def quote_style(doc: Document) -> tuple[str, str, str, str]:
    """The document's own quotation marks: curly unless straight ones are the majority."""
    text = doc.text
    curly = text.count("“") + text.count("”")
    straight = text.count('"')
    if straight > curly:
        return '"', '"', "'", "'"
    return "“", "”", "‘", "’"


class ForeignQuotes(Rule):
    """## What it does
    Finds quotations marked with guillemets (« », » «, ‹ ›) or low quotation marks („ “, ‚ ‘)
    in English text.

    Only complete pairs inside one paragraph are reported: a lone » is a breadcrumb or a
    "Read more »" link, which the boilerplate rules look at.

    ## Why is this bad?
    French, Spanish, Italian, Russian, German and Polish mark quotations this way; English uses
    “ ” and ‘ ’ (or straight quotes). Machine translation keeps the source's marks.

    ## Example
    ```text
    The minister called it «a historic day».
    ```

    ## Use instead
    ```text
    The minister called it “a historic day”.
    ```

    ## Fix safety
    Safe: the pair becomes the document's own quotation marks (curly unless the document uses
    straight ones), double for « » and „ “, single for ‹ › and ‚ ‘, and the French spaces
    inside the guillemets go.
    """

    code = "MT405"
    name = "foreign-quotes"
    message = "Foreign quotation marks `{open}…{close}`: English uses `{new_open}…{new_close}`"
    languages = frozenset({"en"})
    fix_availability = "always"
    examples = (
        Example(
            bad="The minister called it «a historic day».",
            flagged="«a historic day»",
            fixed="The minister called it “a historic day”.",
        ),
        Example(
            bad="He said « we will win » and left.",
            flagged="« we will win »",
            fixed="He said “we will win” and left.",
        ),
        Example(
            bad='She said „no“ twice. "Never," he said.',
            flagged="„no“",
            fixed='She said "no" twice. "Never," he said.',
        ),
        Example(
            bad="The word ‹Heimat› has no English equivalent.",
            flagged="‹Heimat›",
            fixed="The word ‘Heimat’ has no English equivalent.",
        ),
        Example(
            bad="Er sagte »ja« — he said yes.",
            flagged="»ja«",
            fixed="Er sagte “ja” — he said yes.",
        ),
        Example(good="Home » News » World"),
        Example(good="Read more »"),
        Example(good="« Previous Post Next Post »"),
        Example(
            bad="It is the «next best thing».",
            flagged="«next best thing»",
            fixed="It is the “next best thing”.",
        ),
        Example(good="The minister called it “a historic day”."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        style: tuple[str, str, str, str] | None = None
        if _MARKS.isdisjoint(document_lexicon(doc).non_ascii_chars):
            return  # (no block has a mark when the document has none: one test)
        for block in doc.blocks:
            if block.text.isascii() or _MARKS.isdisjoint(lexicon(doc, block).non_ascii_chars):
                continue  # `ANY.search(block.text)`, from the block's non-ASCII characters
            if style is None:
                style = quote_style(doc)
            yield from self._block(block, style)

    def _block(self, block: Block, style: tuple[str, str, str, str]) -> Iterator[Diagnostic]:
        taken: list[tuple[int, int]] = []
        for pattern, double in PATTERNS:
            for m in pattern.finditer(block.text):
                a, b = m.span()
                if not _LETTER.search(m.group(1)):
                    continue  # "‹ ›", "› ‹": arrows of a slider or a menu, not quotes
                if _NAVIGATION.fullmatch(m.group(1)):
                    continue
                if any(s < b and a < e for s, e in taken):
                    continue
                taken.append((a, b))
                new_open, new_close = (style[0], style[1]) if double else (style[2], style[3])
                inner_a, inner_b = m.span(1)
                edits = [block.edit(a, inner_a, new_open), block.edit(inner_b, b, new_close)]
                fix = None
                if all(isinstance(e, Edit) for e in edits):
                    fix = Fix.safe(
                        f"Use {new_open}…{new_close}", *(e for e in edits if e is not None)
                    )
                yield self.block_diagnostic(
                    block,
                    a,
                    b,
                    fix=fix,
                    open=block.text[a],
                    close=block.text[b - 1],
                    new_open=new_open,
                    new_close=new_close,
                )
