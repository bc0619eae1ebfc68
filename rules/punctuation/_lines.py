"""What counts as a punctuation-only line (PU402), shared with PU401."""

from __future__ import annotations

import re

from copydesk import patterns
from copydesk.joined import Joined

# Marks that are debris when they stand alone on a line. Not separators: `---`, `***`,
# `* * *`, `___`, `===`, `###`, `~~~`, `•`, `⁂` are Markdown rules and scene breaks.
PUNCT_ONLY = patterns.compile(r"[ \t]*[.,;:!?\"“”„'‘’()\[\]{}«»][.,;:!?\"“”„'‘’()\[\]{}«» \t]*")
# A line that is only an ellipsis marks an omission or a pause, not debris.
ELLIPSIS_ONLY = patterns.compile(
    r"[ \t]*(?:\.[ \t]?){3,}[ \t]*|[ \t]*…+[ \t]*|[ \t]*[\[(]…[\])][ \t]*"
)


# A screen for blocks: does any line look like `PUNCT_ONLY`? (one C-level scan of the block,
# where a loop over its lines costs a Python call each; most blocks have no such line)
PUNCT_ONLY_LINE = patterns.compile_re(
    r"^[ \t]*[.,;:!?\"“”„'‘’()\[\]{}«»][.,;:!?\"“”„'‘’()\[\]{}«» \t]*\r?$", re.MULTILINE
)


# The same after a line feed: a pattern that starts with one character is searched for far
# faster than one that starts with `^` (tried at every position).
_AFTER_LINE_FEED = patterns.compile_re(
    r"\n[ \t]*[.,;:!?\"“”„'‘’()\[\]{}«»][.,;:!?\"“”„'‘’()\[\]{}«» \t]*\r?$", re.MULTILINE
)


def has_punctuation_only_line(text: str) -> bool:
    """`PUNCT_ONLY_LINE.search(text) is not None`: the first line, or a line after a line
    feed."""
    return PUNCT_ONLY_LINE.match(text) is not None or _AFTER_LINE_FEED.search(text) is not None


def blocks_with_punctuation_only_line(index: Joined) -> list[int]:
    """The indexes, in order, of the blocks of `index` for which `has_punctuation_only_line`
    holds: in the joined text, every block's first line but the first block's follows a line
    feed, and `$` matches before the newline that ends a block as at its end."""
    found = index.searched(_AFTER_LINE_FEED, shift=1)
    if index.blocks and PUNCT_ONLY_LINE.match(index.text) is not None and found[:1] != [0]:
        found.insert(0, 0)
    return found


def is_punctuation_only(line: str) -> bool:
    return bool(PUNCT_ONLY.fullmatch(line)) and not ELLIPSIS_ONLY.fullmatch(line)
