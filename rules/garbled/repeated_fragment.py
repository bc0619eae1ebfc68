"""GS004 repeated-fragment."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import regex

from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.garbled._lexicon import word_list

WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*")


class RepeatedFragment(Rule):
    """## What it does
    Finds a fragment of one to `max-words` words (default 8) repeated `min-repeats` times
    (default 4) or more in a row, like `buy now buy now buy now buy now`, the span tagger of
    Dolma's repetition filter done on words. A word written twice is GS002; numbers alone
    (tables of scores) and reduplicated interjections (`no no no no`, `ha ha ha ha`) are not
    reported.

    ## Why is this bad?
    Machine translation loops, template bugs and scrapers that pick up one element many times
    produce these runs. Readers see noise; search engines see keyword stuffing.

    ## Example
    ```text
    Click here to read more read more read more read more about the deal.
    ```

    ## Use instead
    ```text
    Click here to read more about the deal.
    ```

    ## Fix safety
    Unsafe: the fix keeps the first copy and removes the others, which is right for a loop
    but wrong for a deliberate refrain (a chant quoted in full).
    """

    code = "GS004"
    name = "repeated-fragment"
    message = "`{fragment}` repeated {count} times in a row"
    fix_availability = "always"
    options: ClassVar[Mapping[str, Any]] = {"min-repeats": 4, "max-words": 8}
    examples = (
        Example(
            bad="Click here to read more read more read more read more about the deal.",
            flagged="read more read more read more read more",
            fixed="Click here to read more about the deal.",
            unsafe=True,
        ),
        Example(
            bad="the the the the end",
            flagged="the the the the",
            fixed="the end",
            unsafe=True,
        ),
        Example(
            bad="Sources said, sources said, sources said, sources said that",
            flagged="Sources said, sources said, sources said, sources said",
            fixed="Sources said that",
            unsafe=True,
        ),
        Example(good="No, no, no, no! Ha ha ha ha."),
        Example(good="The scores were 0 0 0 0 and 1 1 1 1."),
        Example(good="Lock her up! Lock her up! Lock her up!"),
        Example(good="Tick tock tick tock tick tock tick tock.", options={"min-repeats": 5}),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        legit = word_list("legit_doubles")
        min_repeats = max(2, int(self.settings["min-repeats"]))
        max_words = max(1, int(self.settings["max-words"]))
        for block in doc.blocks:
            words = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(block.text)]
            taken = -1  # index of the last word already inside a reported run
            i = 0
            while i < len(words):
                found = self._run_at(words, i, min_repeats, max_words, legit)
                if found is None or i <= taken:
                    i += 1
                    continue
                period, units = found
                last = i + period * units - 1
                a, b = words[i][0], words[last][1]
                keep = words[i + period - 1][1]
                edit = block.edit(keep, b, "")
                fix = Fix.unsafe("Keep one copy", edit) if edit else None
                fragment = block.text[a:keep]
                yield self.block_diagnostic(block, a, b, fix=fix, fragment=fragment, count=units)
                taken = last
                i = last + 1

    @staticmethod
    def _run_at(
        words: list[tuple[int, int, str]],
        i: int,
        min_repeats: int,
        max_words: int,
        legit: frozenset[str],
    ) -> tuple[int, int] | None:
        """The shortest period p at word i repeated at least min_repeats times, and the count."""
        n = len(words)
        for p in range(1, max_words + 1):
            if i + p * min_repeats > n:
                break
            unit = [w[2] for w in words[i : i + p]]
            if all(w.isdigit() for w in unit) or (p == 1 and unit[0] in legit):
                continue
            units = 1
            while i + p * (units + 1) <= n and all(
                words[i + p * units + k][2] == unit[k] for k in range(p)
            ):
                units += 1
            if units >= min_repeats:
                return p, units
        return None
