"""MT402 thousands-dot: a point as thousands separator ("1.000 people", "2.500.000 euros")."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns, rx
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Document
from copydesk.joined import joined
from copydesk.rule import Example, Rule

# Groups of three digits after points, then a counted noun: a plural word, a currency, a unit.
# One group must be round ("1.000", "2.500"): "1.125 inches" is an English decimal. Two or
# more groups ("1.000.000") cannot be a decimal at all.
# What every match holds: a dot and three digits, found by `re` far faster than `regex` tries
# the look-behind at every character. (`re` knows the digits of an older Unicode than
# `regex`: the new ones are all beyond U+FFFF, taken in whole.)
SCREEN = patterns.compile_re(r"\.[\d\U00010000-\U0010ffff]{3}")
PATTERN = patterns.compile(
    r"(?<![\d.,]|\d[.,])(?P<num>[1-9]\d{0,2}(?:\.\d{3})+)(?![\d]|[.,]\d)"
    r"(?P<gap>[ \u00a0])(?P<noun>people|men|women|children|police|euros?|dollars?|pounds?|"
    r"rubles?|roubles?|pesos?|reais|lire|yuan|yen|km|kilomet(?:er|re)s|kg|tonnes|tons|"
    r"met(?:er|re)s|hectares|barrels|\p{Ll}{2,}[^\W\dsiu_]s)(?![\p{L}\d])"
)
_ROUND = patterns.compile(r"\.(?:000|500|250|750)$")
# Words in -s that are not plural nouns, and words before a number that make it a version.
NOT_PLURAL = frozenset(
    "this thus was has does its yes perhaps always sometimes towards afterwards besides "
    "whereas unless across less fixes adds makes takes gives gets goes says means seems".split()
)
_VERSION = patterns.compile(r"(?:version|release|firmware|v|build|update|rev)\s?$", rx.I)


class ThousandsDot(Rule):
    """## What it does
    Finds a point used as thousands separator before a counted noun: "1.000 people",
    "20.000 soldiers", "2.500.000 euros".

    A number with one group after the point counts only when that group is round (000, 250,
    500, 750) and a plural noun, a currency or a unit follows; "1.125 inches" and "a 1.000
    average" are English decimals. Two groups or more ("1.000.000") are never decimals.

    ## Why is this bad?
    German, Spanish, Italian, Portuguese, Dutch and others separate thousands with a point.
    An English reader takes "1.000 people" for one person with three decimals.

    ## Example
    ```text
    More than 20.000 soldiers took part.
    ```

    ## Use instead
    ```text
    More than 20,000 soldiers took part.
    ```

    ## Fix safety
    Unsafe: the points become commas, right for a count of things; a measurement written with
    three decimals ("2.500 meters" for two and a half) would be changed wrongly.
    """

    code = "MT402"
    name = "thousands-dot"
    message = "Point as thousands separator in `{number}`: English writes `{fixed}`"
    languages = frozenset({"en"})
    fix_availability = "always"
    examples = (
        Example(
            bad="More than 20.000 soldiers took part.",
            flagged="20.000",
            fixed="More than 20,000 soldiers took part.",
            unsafe=True,
        ),
        Example(
            bad="The prize is 2.500.000 euros.",
            flagged="2.500.000",
            fixed="The prize is 2,500,000 euros.",
            unsafe=True,
        ),
        Example(
            bad="About 1.500 people marched.",
            flagged="1.500",
            fixed="About 1,500 people marched.",
            unsafe=True,
        ),
        Example(good="The bolt is 1.125 inches long."),
        Example(good="He is batting 1.000 this season."),
        Example(good="Version 2.000 fixes bugs."),
        Example(good="The server at 10.100.200.100 answers."),
        Example(good="About 1,500 people marched."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        blocks = doc.blocks
        # (The blocks where the screen has a hit, from one scan of the blocks joined; there is
        # no match without a dot before three digits in the others.)
        for k in joined(doc).searched(SCREEN):
            block = blocks[k]
            for m in PATTERN.finditer(block.text):
                number = m.group("num")
                groups = number.count(".")
                if groups == 1 and not _ROUND.search(number):
                    continue
                if groups >= 3:
                    continue  # "10.100.200.100" is an IP address
                if m.group("noun") in NOT_PLURAL or _VERSION.search(block.text, 0, m.start()):
                    continue
                fixed = number.replace(".", ",")
                a, b = m.span("num")
                edit = block.edit(a, b, fixed)
                fix = Fix.unsafe(f"Write `{fixed}`", edit) if edit else None
                yield self.block_diagnostic(block, a, b, fix=fix, number=number, fixed=fixed)
