"""Sorted word tables searched where they lie, without splitting them into objects.

A table is lines sorted by their key (the text up to `sep`: a tab before a value, or the line's
end). Splitting 126,000 or 321,000 lines into Python strings costs milliseconds and megabytes a
one-file run should not pay, so a table is sampled instead: the key and offset of the first
line after every `step` bytes. A search bisects the samples and finds the line with one `find`
in the few kilobytes after the sample. Shared by the garbled family's lexicon and the
translation family's leaning-word table.
"""

from __future__ import annotations

import mmap
from bisect import bisect_right

Table = bytes | mmap.mmap


def sample(table: Table, lo: int, step: int, sep: bytes) -> tuple[list[bytes], list[int]]:
    """The key of the table's first line (at offset `lo`) and of the first line after every
    `step` bytes, with their lines' offsets."""
    keys: list[bytes] = []
    offsets: list[int] = []
    at, n = lo, len(table)
    while at < n:
        keys.append(table[at : table.find(sep, at)])
        offsets.append(at)
        at = table.find(b"\n", at + step) + 1
        if at == 0:
            break
    return keys, offsets


def find_line(
    table: Table, keys: list[bytes], offsets: list[int], key: bytes, sep: bytes
) -> int | None:
    """Where the line of `key` starts, found between the last sample at most `key` and the
    next; None when the table has no such line."""
    i = bisect_right(keys, key) - 1
    if i < 0 or sep in key or b"\n" in key:
        return None  # before the first key, or no key of a line
    start = offsets[i] - 1  # the newline before the sampled line
    end = offsets[i + 1] if i + 1 < len(offsets) else len(table)
    at = table.find(b"\n" + key + sep, start, end)
    return None if at < 0 else at + 1
