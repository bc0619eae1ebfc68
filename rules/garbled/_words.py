"""The words of a block in lower case, shared by GS002 and GS004 through `doc.cache`.

Splitting a page into words with a regular expression costs about 20 ns a character, more
than everything else GS004 does, and GS002 needs the same words to screen its pattern (which
costs three times as much). Each block is split once, when a rule first asks.

For GS004, `prints` packs a one-byte fingerprint of every word (a byte of its hash) into one
integer, word j in byte j, so that "word j equals word j + p" is one XOR for all j at once
(`same`): equal words always give a zero byte; different words give one by chance (1 in
256), which only lets more through to the rule's exact comparison.
"""

from __future__ import annotations

import re
import struct
from functools import cached_property

from copydesk.document import Block, Document

CACHE_KEY = "garbled.words"

# Words, with inner apostrophes and hyphens; `re` rather than `regex` for speed (every word of
# every paragraph goes through it).
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


class Words:
    """A block's text in lower case, its words, and their fingerprints."""

    def __init__(self, text: str) -> None:
        self.lower = text.lower()
        self.words: list[str] = WORD.findall(self.lower)

    @cached_property
    def prints(self) -> int:
        # The hashes packed as 8-byte integers, then every eighth byte (struct.pack takes them
        # faster than array does).
        packed = struct.pack(f"{len(self.words)}q", *map(hash, self.words))[::8]
        return int.from_bytes(packed, "little")

    def same(self, p: int) -> bytes:
        """A byte per word j < len(words) - p: zero when word j may equal word j + p, never
        nonzero when it does."""
        n = len(self.words)
        prints = self.prints
        return (prints ^ (prints >> 8 * p)).to_bytes(n, "little")[: max(0, n - p)]


def block_words(doc: Document, block: Block) -> Words:
    table = doc.cache.get(CACHE_KEY)
    if not isinstance(table, dict):
        table = doc.cache[CACHE_KEY] = {}
    found = table.get(id(block))
    if found is None:
        found = table[id(block)] = Words(block.text)
    return found
