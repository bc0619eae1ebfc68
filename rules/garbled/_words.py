"""The words of a block in lower case, shared by GS002 and GS004 through `doc.cache`.

The words are those of `WORD` (letters and digits, with inner apostrophes and hyphens), but
splitting a page with that pattern costs about 25 ns a character, more than everything else
GS002 and GS004 do. `split_words` gives the same words from C-level byte operations at about a
third of the cost (see there). Each block is split once, when a rule first asks.

Both rules then ask where word j equals word j + p (GS002 for p = 1, GS004 for p = 1 to 8).
Comparing the words as Python objects costs about 40 µs a page per p, so GS004 screens p > 1
first on the words' lengths: `lengths` packs them (a byte of each) into one integer, word j in
byte j, and one XOR with itself shifted by p bytes zeroes byte j wherever the lengths of word
j and word j + p are equal, as they are wherever the words are (`same_length`).
"""

from __future__ import annotations

import operator
from bisect import bisect_right
from itertools import accumulate, islice, repeat

from copydesk import patterns
from copydesk.document import Block, Document

CACHE_KEY = "garbled.words"

# Words, with inner apostrophes and hyphens: what `split_words` splits, and the pattern GS004
# finds the offsets of a run's words with. `re` rather than `regex` for speed.
WORD = patterns.compile_re(r"[^\W_]+(?:['’-][^\W_]+)*")

# -- the split in bytes ------------------------------------------------------------------------
# The text is encoded in UTF-8 and translated byte for byte: ASCII letters (in lower case) and
# digits, the joiners "'" and "-", and every non-ASCII byte stay; every other ASCII character
# (white space, punctuation, "_") becomes a space.
_KEEP = b"'-" + bytes(range(48, 58)) + bytes(range(97, 123))
_FOLD = bytes(
    b | 0x20 if 65 <= b <= 90 else b if b in _KEEP or b >= 128 else 32 for b in range(256)
)
_ASCII = bytes(range(128))
# The third joiner, "’", becomes the byte 1 (every byte 1 of the text is a space by then).
_APOSTROPHE = "’".encode()
_JOINER = b"\x01"
# U+2000 to U+203F (general punctuation: no letter or digit among them) are E2 80 xx in UTF-8.
_PUNCTUATION = patterns.compile_re(rb"\xe2\x80[\x80-\xbf]")
# The joiners are "j" and word bytes "w" in the mask that finds the joiners between no two word
# characters (after or before a space or another joiner): those separate words, like a space.
_J, _W = ord("j"), ord("w")
_MASK = bytes(_J if b in b"'-\x01" else 32 if b == 32 else _W for b in range(256))


def split_words(text: str) -> list[bytes] | None:
    """`WORD.findall(text.lower())`, each word encoded in UTF-8 with "’" as the byte 1; None
    when the text has a non-ASCII character that `str.lower` changes (the bytes lower-case
    ASCII letters only): then split `text.lower()`, which has none.

    Equal words stay equal and different ones different (the encoding is one to one), which is
    all the rules compare. The distinct non-ASCII characters of the text are few (a dozen a
    page): each one that is no letter or digit (`str.isalnum`, what `\\w` means in `re`) is
    replaced by spaces in the bytes, so every character is then a word character, a joiner or a
    space; the joiners next to a space or a joiner are spaced too; `bytes.split` does the rest.
    """
    data = b" " + text.encode("utf-8", "surrogatepass").translate(_FOLD) + b" "
    if not text.isascii():
        # The non-ASCII bytes alone, in order, are whole UTF-8 sequences: their characters.
        chars = set(data.translate(None, _ASCII).decode("utf-8", "surrogatepass"))
        if any(ch.lower() != ch for ch in chars):
            return None  # "É", "Σ", "İ": `str.lower` lower-cases them, in context
        if "’" in chars:
            data = data.replace(_APOSTROPHE, _JOINER)
        punctuation = False
        for ch in chars:
            if "\u2000" <= ch <= "\u203f":
                punctuation = True  # dashes, quotes, spaces, bullets: no letter or digit
            elif not ch.isalnum():
                code = ch.encode("utf-8", "surrogatepass")
                data = data.replace(code, b" " * len(code))  # same length: replaced in place
        if punctuation:  # several characters in one pass: each E2 80 xx three spaces
            data = _PUNCTUATION.sub(b"   ", data)
    if b"'" not in data and b"-" not in data and _JOINER not in data:
        return data.split()
    # A joiner stays only between two word characters (a page has a few dozen joiners: a
    # `find` of the next one and a look at its neighbours cost less than a search per pair).
    mask = data.translate(_MASK)
    spaced: bytearray | None = None
    at = mask.find(_J)
    while at >= 0:
        if mask[at - 1] != _W or mask[at + 1] != _W:
            if spaced is None:
                spaced = bytearray(data)
            spaced[at] = 32
        at = mask.find(_J, at + 1)
    return data.split() if spaced is None else bytes(spaced).split()


def decode(word: bytes | str) -> str:
    """A word of `Words.words` as `WORD` found it."""
    if isinstance(word, str):
        return word
    return word.replace(_JOINER, _APOSTROPHE).decode("utf-8", "surrogatepass")


# Below this many characters `WORD.findall` costs less than `split_words`, whose dozen steps
# cost more than the pattern on a short text (a heading, a list item, a table cell).
SHORT = 64


class Words:
    """A block's text in lower case and its words: `WORD.findall` of a short text, and
    `split_words` of a longer one. The rules only compare the words of one block with each
    other (and their lengths), which both do alike.

    Plain attributes rather than `functools.cached_property`, which takes a lock on every
    first access (before Python 3.12): a Markdown page has hundreds of small blocks.
    """

    __slots__ = ("_lengths", "_lower", "_next_equal", "_packed", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self._lower: str | None = None
        words = None
        if len(text) >= SHORT:
            words = split_words(text)
            if words is None:
                words = split_words(self.lower)
        self.words: list[bytes] | list[str] = WORD.findall(self.lower) if words is None else words
        self._next_equal: bytes | None = None
        self._packed: bytes | None = None
        self._lengths: int | None = None

    @property
    def lower(self) -> str:
        """The text in lower case (made when first asked for: GS002 needs it only where a
        word is doubled)."""
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    def word(self, j: int) -> str:
        """Word j as a string."""
        return decode(self.words[j])

    def equal(self, p: int) -> bytes:
        """A byte per word j < len(words) - p: 1 when word j equals word j + p, else 0."""
        if p == 1:
            if self._next_equal is None:
                self._next_equal = self._equal(1)
            return self._next_equal
        return self._equal(p)

    def _equal(self, p: int) -> bytes:
        # `map` stops at the end of the shorter iterable: len(words) - p comparisons.
        return bytes(map(operator.eq, self.words, islice(self.words, p, None)))

    @property
    def packed_lengths(self) -> bytes:
        """A byte per word: its length (in bytes for the words of `split_words`), 255 for a
        longer one."""
        if self._packed is None:
            try:
                self._packed = bytes(map(len, self.words))
            except ValueError:  # a word of 256 bytes or more
                self._packed = bytes(map(min, map(len, self.words), repeat(255)))
        return self._packed

    @property
    def lengths(self) -> int:
        """`packed_lengths` as one integer, word j in byte j: equal words have equal bytes."""
        if self._lengths is None:
            self._lengths = int.from_bytes(self.packed_lengths, "little")
        return self._lengths

    def same_length(self, p: int) -> bytes:
        """A byte per word j < len(words) - p: zero when the lengths of word j and word j + p
        agree as `packed_lengths` keeps them, so always when the words are equal."""
        n = len(self.words)
        lengths = self.lengths
        return (lengths ^ (lengths >> 8 * p)).to_bytes(n, "little")[: max(0, n - p)]


def block_words(doc: Document, block: Block) -> Words:
    return doc.block_view(CACHE_KEY, block, Words)


# -- all blocks at once ------------------------------------------------------------------------
# A Markdown page has hundreds of small blocks (list items, links, headings): a split, a
# comparison and a few look-ups per block cost more than the same work once over the page.

JOINED_KEY = "garbled.joined-words"
# Between two blocks of the joined text stands a word of its own, different for each block:
# U+01C2 (a letter, so `WORD` keeps it in a word) around the block's number. No pair or run of
# equal words then spans two blocks: the joined words hold exactly the pairs and runs of the
# blocks' words, which are the blocks' words one block after the other (a space on each side
# of the separator ends a word and a joiner's run alike).
SEPARATOR = "\u01c2"


class Joined:
    """The blocks' texts joined with separator words, their `Words`, where each block starts
    in the joined text and (on first use) the indices of the separator words."""

    __slots__ = ("_separators", "blocks", "offsets", "text", "words")

    def __init__(self, blocks: list[Block], words: Words, offsets: list[int]) -> None:
        self.blocks = blocks
        self.words = words
        self.text = words.text
        self.offsets = offsets
        # One block: no separator (and a separator character in the text is no separator).
        self._separators: list[int] | None = [] if len(blocks) == 1 else None

    def block_at(self, word: int) -> tuple[int, int]:
        """The block of joined word `word`, and the index in the joined words of that
        block's first word."""
        if self._separators is None:
            mark = SEPARATOR.encode()
            self._separators = [
                j
                for j, w in enumerate(self.words.words)
                if (mark in w if isinstance(w, bytes) else SEPARATOR in w)
            ]
        k = bisect_right(self._separators, word)
        return k, (self._separators[k - 1] + 1 if k else 0)


# The separator after block k, formatted with k.
_SEPARATOR_FORMAT = f" {SEPARATOR}{{}}{SEPARATOR} "
# The separators made so far, kept for the process (formatting them cost a Markdown page of
# hundreds of blocks more than the rest of the join). Replaced, never changed in place: a
# thread always reads a whole list.
_SEPARATORS: list[str] = []
MAX_SEPARATORS = 20_000  # about 2 MB of strings at most ("ǂ" makes them two bytes a character)
_TEXT = operator.attrgetter("text")


def _separators(n: int) -> list[str]:
    """The separators after blocks 0 to n - 1 (none for n <= 0)."""
    global _SEPARATORS
    if n <= 0:
        return []
    made = _SEPARATORS
    if len(made) < n:
        made = [*made, *map(_SEPARATOR_FORMAT.format, range(len(made), n))]
        if n > MAX_SEPARATORS:
            return made  # a page of more blocks than most: not kept
        _SEPARATORS = made
    return made[:n]


def joined_words(doc: Document) -> Joined | None:
    """The words of all the blocks of `doc` at once (computed once per document), or None when
    a block holds the separator character itself. A document of one block shares that block's
    `block_words`."""
    if JOINED_KEY in doc.cache:
        return doc.cache[JOINED_KEY]  # type: ignore[no-any-return]
    blocks = doc.blocks
    joined: Joined | None = None
    if len(blocks) == 1:
        joined = Joined(blocks, block_words(doc, blocks[0]), [0])
    else:
        # Block texts and separators interleaved, all in C: each block starts where the
        # lengths of the parts before it add up to.
        parts = [""] * max(2 * len(blocks) - 1, 0)
        parts[0::2] = map(_TEXT, blocks)
        parts[1::2] = _separators(len(blocks) - 1)
        text = "".join(parts)
        if text.count(SEPARATOR) == 2 * max(len(blocks) - 1, 0):  # none in the blocks
            offsets = [0, *islice(accumulate(map(len, parts)), 1, None, 2)]
            joined = Joined(blocks, Words(text), offsets)
    doc.cache[JOINED_KEY] = joined
    return joined
