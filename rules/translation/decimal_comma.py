"""MT401 decimal-comma: a decimal comma before a unit or percent ("19,5 percent")."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Document
from copydesk.joined import joined
from copydesk.rule import Example, Rule

# A number with a comma and a one- or two-digit tail (a thousands group has three), then a unit,
# a percent or a magnitude. Not part of a longer digit group ("1,234,5"), nor a list of
# numbers ("1,2,3"), nor a time with fractions ("6:42.46,8").
UNITS = (
    r"%|percent|per\s+cent|pc|percentage\s+points?|million|billion|trillion|thousand|bn|mn|"
    r"km|kilomet(?:er|re)s?|miles?|kg|kilo(?:gram(?:me)?)?s?|tonnes?|tons?|grams?|g|mg|"
    r"degrees?|°C?|°F|euros?|dollars?|pounds?|rubles?|roubles?|pesos?|reais|lire|"
    r"hours?|minutes?|seconds?|years?|months?|days?|times|points?|met(?:er|re)s?|cm|mm|m|"
    r"lit(?:er|re)s?|l|hectares?|ha|GW|MW|kW|kWh|TWh|GWh|MWh|barrels?|inches|feet|ft|"
    r"acres"
)
# What every match holds: a comma, one or two digits, and no digit or comma after them, found
# by `re` far faster than `regex` tries the look-behind at every character. (`re` knows the
# digits of an older Unicode than `regex`: the new ones are all beyond U+FFFF, taken in whole.)
_DIGIT = "[\\d\U00010000-\U0010ffff]"
SCREEN = patterns.compile_re(rf",{_DIGIT}{_DIGIT}?(?![\d\U00010000-\U0010ffff,])")
PATTERN = patterns.compile(
    r"(?<![\d,.:])(\d{1,3}),(\d{1,2})(?![\d,]|\.\d)(\s?)(?:" + UNITS + r")(?![\p{L}\d])"
)


class DecimalComma(Rule):
    """## What it does
    Finds a decimal comma in English text where a unit, a percent sign or a magnitude follows:
    "19,5 percent", "3,5 million", "€2,75 billion", "12,5 km".

    Only numbers whose comma is followed by one or two digits count: a thousands separator is
    followed by three ("1,500 people"). A list of numbers ("1,2,3") and sports timings are left
    alone.

    ## Why is this bad?
    Most European languages write the decimal separator as a comma; English uses a point.
    Machine translation copies the number as it is, and an English reader may read "3,5
    million" as "3 or 5 million" or as a typo for "3,500,000".

    ## Example
    ```text
    Inflation rose to 19,5 percent.
    ```

    ## Use instead
    ```text
    Inflation rose to 19.5 percent.
    ```

    ## Fix safety
    Unsafe: the comma becomes a point, which is right unless the text meant a list of two
    numbers with the space lost ("sizes 10,12 cm").
    """

    code = "MT401"
    name = "decimal-comma"
    message = "Decimal comma in `{number}`: English writes `{fixed}`"
    languages = frozenset({"en"})
    fix_availability = "always"
    examples = (
        Example(
            bad="Inflation rose to 19,5 percent.",
            flagged="19,5",
            fixed="Inflation rose to 19.5 percent.",
            unsafe=True,
        ),
        Example(
            bad="The fund holds €2,75 billion.",
            flagged="2,75",
            fixed="The fund holds €2.75 billion.",
            unsafe=True,
        ),
        Example(
            bad="About 3,5 million people voted.",
            flagged="3,5",
            fixed="About 3.5 million people voted.",
            unsafe=True,
        ),
        Example(bad="Growth was 0,8%.", flagged="0,8", fixed="Growth was 0.8%.", unsafe=True),
        Example(good="About 1,500 people and 12,000 soldiers were there."),
        Example(good="Pick numbers 1,2,3 and 4."),
        Example(good="Inflation rose to 19.5 percent."),
        Example(good="He scored 3,5 and 7 points in three games."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        blocks = doc.blocks
        # (The blocks where the screen has a hit, from one scan of the blocks joined; there is
        # no match without its comma and decimals in the others.)
        for k in joined(doc).searched(SCREEN):
            block = blocks[k]
            for m in PATTERN.finditer(block.text):
                a, b = m.start(1), m.end(2)
                fixed = f"{m.group(1)}.{m.group(2)}"
                edit = block.edit(m.end(1), m.start(2), ".")
                fix = Fix.unsafe(f"Write `{fixed}`", edit) if edit else None
                yield self.block_diagnostic(
                    block, a, b, fix=fix, number=m.group(1) + "," + m.group(2), fixed=fixed
                )
