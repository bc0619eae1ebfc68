"""MT403 dotted-date: a numeric date in day.month.year form ("20.09.2023")."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Edit, Fix, Severity
from copydesk.document import Document
from copydesk.joined import joined
from copydesk.rule import Example, Rule

# What every match holds (the dot before its year), found by `re` far faster than `regex`
# tries the look-behind at every character.
SCREEN = patterns.compile_re(r"\.(?:19|20)")
PATTERN = patterns.compile(
    r"(?<![\d.]|[vV]|[vV]ersion\s)(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<m>0?[1-9]|1[0-2])\."
    r"(?P<y>(?:19|20)\d\d)(?![\d]|\.\d)"
)
MONTHS = (
    "January February March April May June July August September October November December"
).split()


class DottedDate(Rule):
    """## What it does
    Finds numeric dates written day.month.year with points ("20.09.2023", "1.5.2019").

    ## Why is this bad?
    It is the German, Russian, Scandinavian and Central European convention. English text
    writes dates out ("20 September 2023", "September 20, 2023"), and a reader cannot tell
    whether "05.09.2023" is in May or September.

    ## Example
    ```text
    The treaty was signed on 20.09.2023 in Berlin.
    ```

    ## Use instead
    ```text
    The treaty was signed on 20 September 2023 in Berlin.
    ```

    ## Fix safety
    Display only: a point-separated numeric date is always day first, so the suggestion
    ("20 September 2023") is right, but the date style ("September 20, 2023") is the
    house's choice.
    """

    code = "MT403"
    name = "dotted-date"
    message = "Date in day.month.year form `{date}`: write `{written}`"
    severity = Severity.WARNING
    languages = frozenset({"en"})
    fix_availability = "always"
    examples = (
        Example(bad="It was signed on 20.09.2023 in Berlin.", flagged="20.09.2023"),
        Example(bad="Born 1.5.1990 in Kyiv.", flagged="1.5.1990"),
        Example(good="It was signed on 20 September 2023."),
        Example(good="Update to version 1.2.2019 now."),
        Example(good="The value was 12.13.2019 units."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        blocks = doc.blocks
        # (The blocks where the screen has a hit, from one scan of the blocks joined; there is
        # no match without ".19" or ".20" in it in the others.)
        for k in joined(doc).searched(SCREEN):
            block = blocks[k]
            for m in PATTERN.finditer(block.text):
                a, b = m.span()
                written = f"{int(m['d'])} {MONTHS[int(m['m']) - 1]} {m['y']}"
                s, e = block.span(a, b)
                fix = Fix.display_only(f"Write `{written}`", Edit(s, e, written))
                yield self.block_diagnostic(block, a, b, fix=fix, date=m.group(), written=written)
