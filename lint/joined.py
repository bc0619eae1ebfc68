"""All the blocks of a document at once: their texts joined by newlines, and where each starts.

Markdown and HTML pages have a hundred or more short blocks, and a rule that screens each one
pays a Python call or two a block before it finds nothing. With the texts joined, a rule's
screen runs once (a `str.find`, a pattern's scan) and names the few blocks that need the rule's
own look. A screen that finds a block's hits in its text finds them in the joined text too:
the characters before and after a block are newlines there, as good as the block's edges for
needles and patterns that hold no newline; a hit that runs on across a newline only names one
block too many. A plain-text file is one block, and its text is not copied.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Sequence
from itertools import accumulate, repeat
from operator import add, attrgetter
from typing import Any

from copydesk.document import Block, Document

_TEXT = attrgetter("text")
CACHE_KEY = "joined"


class Joined:
    """Blocks, their texts joined by newlines, and the offset where each starts."""

    __slots__ = ("_hits", "blocks", "starts", "text")

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self._hits: dict[Any, dict[int, list[int]]] = {}
        if len(blocks) == 1:
            self.text: str = blocks[0].text
            self.starts = [0]
            return
        texts = list(map(_TEXT, blocks))
        self.text = "\n".join(texts)
        # Each block starts one past the end of the one before (C-level maps: a Markdown page
        # has hundreds of blocks).
        self.starts = list(accumulate(map(add, map(len, texts), repeat(1)), initial=0))
        self.starts.pop()

    def block_at(self, at: int) -> int:
        """The index of the block that holds offset `at` of the joined text."""
        return bisect.bisect_right(self.starts, at) - 1

    def holding(self, *needles: str) -> list[int]:
        """The indexes, in order, of the blocks that hold one of `needles` (none holding a
        newline), by `str.find` from block to block."""
        text = self.text
        starts = self.starts
        if len(starts) == 1:
            return [0] if any(s in text for s in needles) else []
        last = len(starts) - 1
        found: set[int] = set()
        for needle in needles:
            at = text.find(needle)
            while at >= 0:
                k = self.block_at(at)
                found.add(k)
                if k == last:
                    break
                at = text.find(needle, starts[k + 1])  # the next block that holds it
        return sorted(found)

    def searched(self, pattern: Any, shift: int = 0) -> list[int]:
        """The indexes, in order, of the blocks where `pattern` (of `re` or `regex`) has a hit:
        the block of each hit's start (plus `shift`: 1 for a pattern that starts with the
        newline before a line), searched from block to block."""
        text = self.text
        starts = self.starts
        last = len(starts) - 1
        out: list[int] = []
        search = pattern.search
        m = search(text)
        while m is not None:
            k = self.block_at(m.start() + shift)
            out.append(k)
            if k == last:
                break
            m = search(text, starts[k + 1] - shift)
        return out

    def by_block(self, offsets: Sequence[int]) -> dict[int, list[int]]:
        """Offsets of the joined text (in order) grouped by block, each made an offset into its
        block's text: {block index: [offset, ...]}, only blocks with an offset."""
        return by_block(self.starts, offsets)

    def hits(self, pattern: re.Pattern[str]) -> dict[int, list[int]]:
        """For each block where `pattern` has hits, in order, where they start in the block's
        text: `[m.start() for m in pattern.finditer(block.text)]`, from one scan of the joined
        text, kept for the other rules that ask (for a pattern whose hits hold no newline and
        need none before or after them)."""
        found = self._hits.get(pattern)
        if found is None:
            found = self._hits[pattern] = self.by_block(
                [m.start() for m in pattern.finditer(self.text)]
            )
        return found


def by_block(starts: Sequence[int], offsets: Sequence[int]) -> dict[int, list[int]]:
    """Offsets of a text made of blocks that start at `starts` (in order, the first at 0),
    the offsets in order, grouped by block and made offsets into their block:
    {block index: [offset, ...]}, only blocks with an offset."""
    if not offsets:
        return {}
    count = len(starts)
    if count == 1:
        return {0: list(offsets)}
    out: dict[int, list[int]] = {}
    local: list[int] = []
    first = following = 0  # where the block of the last offset starts, and the next one
    for at in offsets:
        if at >= following:
            k = bisect.bisect_right(starts, at) - 1
            first = starts[k]
            following = starts[k + 1] if k + 1 < count else sys.maxsize
            local = out[k] = []
        local.append(at - first)
    return out


def joined(doc: Document) -> Joined:
    """`Joined` of all the document's blocks, made once a document."""
    found = doc.cache.get(CACHE_KEY)
    if not isinstance(found, Joined):
        found = doc.cache[CACHE_KEY] = Joined(doc.blocks)
    return found
