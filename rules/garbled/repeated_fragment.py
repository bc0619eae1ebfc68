"""GS004 repeated-fragment."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import islice
from typing import Any, ClassVar

from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Block, Document
from copydesk.rule import Example, Rule
from copydesk.rules.garbled._lexicon import word_list
from copydesk.rules.garbled._words import WORD, Words, block_words, joined_words


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
        Example(good="The scores were 0 0 0 0 and 1 1 1 1. Pattern: a┼┐a┼┐a┼┐a┼┐a."),
        Example(good="Lock her up! Lock her up! Lock her up!"),
        Example(good="Tick tock tick tock tick tock tick tock.", options={"min-repeats": 5}),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        legit = word_list("legit_doubles")
        min_repeats = max(2, int(self.settings["min-repeats"]))
        max_words = max(1, int(self.settings["max-words"]))
        shortest = 2 * min_repeats - 1  # characters: a word a repeat and a space between
        for block, runs in _block_runs(doc, min_repeats, max_words, legit, shortest):
            # Offsets only for the rare paragraph with a run (lower() may change lengths), and
            # only up to its last run's last word (a page may be one long block).
            needed = max(first + period * units for first, period, units in runs)
            words = [m.span() for m in islice(WORD.finditer(block.text), needed)]
            for first, period, units in runs:
                last = first + period * units - 1
                if last >= len(words):
                    continue
                a, b = words[first][0], words[last][1]
                keep = words[first + period - 1][1]
                edit = block.edit(keep, b, "")
                fix = Fix.unsafe("Keep one copy", edit) if edit else None
                fragment = block.text[a:keep]
                yield self.block_diagnostic(block, a, b, fix=fix, fragment=fragment, count=units)


def _block_runs(
    doc: Document, min_repeats: int, max_words: int, legit: frozenset[str], shortest: int
) -> Iterator[tuple[Block, list[tuple[int, int, int]]]]:
    """The blocks with runs, in order, each with its `_runs`.

    Found once over the words of all the blocks (`joined_words`): no run spans two blocks (a
    separator word stands between them), and the runs of a block only ever compete with each
    other, so the runs of the joined words are those of the blocks, each block's runs shifted
    by the index of its first word. A block shorter than `shortest` characters has none.
    """
    joined = joined_words(doc)
    if joined is None:
        for block in doc.blocks:
            if len(block.text) < shortest:
                continue  # a heading, a table cell: too short for a run
            runs = _runs(block_words(doc, block), min_repeats, max_words, legit)
            if runs:
                yield block, runs
        return
    by_block: dict[int, list[tuple[int, int, int]]] = {}
    for first, period, units in _runs(joined.words, min_repeats, max_words, legit):
        k, base = joined.block_at(first)
        by_block.setdefault(k, []).append((first - base, period, units))
    for k, runs in by_block.items():  # in order: `_runs` sorts its runs
        yield joined.blocks[k], runs


def _runs(
    lower: Words, min_repeats: int, max_words: int, legit: frozenset[str]
) -> list[tuple[int, int, int]]:
    """`(first word, period, units)` of every run of a unit of `period` words repeated at least
    `min_repeats` times; shorter periods win, runs do not overlap.

    For each period p, word j equals word j + p all along a run, so the runs are the stretches
    of a 0/1 byte string of length >= (min_repeats - 1) * p: found with `bytes.find`.
    Building that string compares every pair of words as Python objects, so for p > 1 (p = 1
    GS002 compares anyway) a screen on the words' lengths first rules out most periods in C.
    """
    n = len(lower.words)
    found: list[tuple[int, int, int]] = []
    taken: list[tuple[int, int]] = []
    for p in range(1, min(max_words, n // min_repeats) + 1):
        need = (min_repeats - 1) * p
        if p > 1 and bytes(need) not in lower.same_length(p):
            continue  # no `need` words in a row as long as the words p further on
        same = lower.equal(p)
        if b"\x01" * need not in same:
            continue  # no run (most blocks): spare the generator
        for first, stop in _stretches(same, need):
            length = stop - first
            units = (length + p) // p
            end = first + units * p
            unit = [lower.word(j) for j in range(first, first + p)]
            if all(w.isdigit() for w in unit):
                continue  # numbers: "0 0 0 0" in a table
            if p == 1 and (unit[0] in legit or len(unit[0]) < 2):
                continue  # "no no no no", and a letter in a pattern ("a┼┐a┼┐a┼┐a")
            if any(first < t1 and t0 < end for t0, t1 in taken):
                continue
            taken.append((first, end))
            found.append((first, p, units))
    found.sort()
    return found


def _stretches(same: bytes, need: int) -> Iterator[tuple[int, int]]:
    """The maximal stretches of at least `need` (>= 1) bytes 1 in `same`, as (start, stop), in
    order: what `re.finditer(b"\\x01{need,}", same)` finds, with two `find`s a stretch."""
    ones = b"\x01" * need
    at = same.find(ones)
    while at >= 0:
        stop = same.find(0, at + need)
        stop = len(same) if stop < 0 else stop
        yield at, stop
        at = same.find(ones, stop)
