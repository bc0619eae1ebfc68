"""The words of a block in lower case, shared by GS002 and GS004 through `doc.cache`.

Splitting a page into words with a regular expression costs about 20 ns a character, more
than everything else GS004 does, and GS002 needs the same words to screen its pattern (which
costs three times as much). Each block is split once, when a rule first asks.

Both rules then ask where word j equals word j + p (GS002 for p = 1, GS004 for p = 1 to 8).
Comparing the words as Python objects costs about 40 µs a page per p, so GS004 screens p > 1
first on the words' lengths: `lengths` packs them (a byte of each) into one integer, word j in
byte j, and one XOR with itself shifted by p bytes zeroes byte j wherever the lengths of word
j and word j + p are equal, as they are wherever the words are (`same_length`).
"""

from __future__ import annotations

import operator
import re
from array import array
from functools import cached_property

from copydesk.document import Block, Document

CACHE_KEY = "garbled.words"

# Words, with inner apostrophes and hyphens; `re` rather than `regex` for speed (every word of
# every paragraph goes through it).
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


class Words:
    """A block's text in lower case and its words."""

    def __init__(self, text: str) -> None:
        self.lower = text.lower()
        self.words: list[str] = WORD.findall(self.lower)

    def equal(self, p: int) -> bytes:
        """A byte per word j < len(words) - p: 1 when word j equals word j + p, else 0."""
        if p == 1:
            return self._next_equal
        return bytes(map(operator.eq, self.words[:-p], self.words[p:]))

    @cached_property
    def _next_equal(self) -> bytes:
        return bytes(map(operator.eq, self.words[:-1], self.words[1:]))

    @cached_property
    def lengths(self) -> int:
        # One byte of each length (the low one on a little-endian machine): faster than
        # reducing each length modulo 256 in a second map.
        return int.from_bytes(array("Q", map(len, self.words)).tobytes()[::8], "little")

    def same_length(self, p: int) -> bytes:
        """A byte per word j < len(words) - p: zero when the lengths of word j and word j + p
        agree in the byte `lengths` keeps, so always when the words are equal."""
        n = len(self.words)
        lengths = self.lengths
        return (lengths ^ (lengths >> 8 * p)).to_bytes(n, "little")[: max(0, n - p)]


def block_words(doc: Document, block: Block) -> Words:
    return doc.block_view(CACHE_KEY, block, Words)
