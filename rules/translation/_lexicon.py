"""Cheap per-block views of the text that the translation rules share through `doc.cache`.

A regular expression that opens with a look-behind, like the function-word pattern, is tried
at every position of the text and costs about 100 ns a character; a rule that ran three of them
over every block cost more than all the other rules together. What the screens need is
cheaper, and each part is computed once, when a rule first asks for it:

- `non_ascii`, the runs of non-ASCII characters (a few dozen a page: accented letters, curly
  quotes and apostrophes, dashes), and the set of those characters: a block without an
  accented letter, a letter of another script or a guillemet is known without a pattern;
- `folded`, the block as ASCII letters with every other character a space, offset for offset
  (and a space added at each end), and `words`, its runs of ASCII letters (split in C). An
  ASCII word of the text with no letter next to it is one of `words`, so a table of such words
  meets `words` whenever the text holds one of them; `occurrences` then finds where.

The screens built on these only ever keep too much; the rules' own tests then decide.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from functools import cache, cached_property

import regex

from copydesk.document import Block, Document

CACHE_KEY = "translation.lexicon"

# ASCII letters stay, every other byte becomes a space (after `encode("ascii", "replace")`,
# every non-ASCII character is one "?" byte, so offsets do not move).
_LETTERS_ONLY = bytes(b if 65 <= b <= 90 or 97 <= b <= 122 else 32 for b in range(256))
_NON_ASCII = regex.compile(r"[^\x00-\x7f]+")
_LETTER = regex.compile(r"\p{L}")
_LOWER_ACCENTED = regex.compile(r"[^\P{Ll}a-z]")  # a lower-case letter other than a-z


class Lexicon:
    """The screens' view of one block, each part computed when first asked for."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Which of a few word sets meet `words` (one pass over the words per set, done once).
        self._met: dict[int, AbstractSet[bytes]] = {}

    @cached_property
    def non_ascii(self) -> list[tuple[int, int]]:
        """The runs of non-ASCII characters."""
        text = self.text
        return [] if text.isascii() else [m.span() for m in _NON_ASCII.finditer(text)]

    @cached_property
    def non_ascii_chars(self) -> frozenset[str]:
        text = self.text
        return frozenset("".join(text[a:b] for a, b in self.non_ascii))

    @cached_property
    def folded(self) -> bytes:
        """A space, the block's ASCII letters with every other character a space, a space."""
        return b" " + self.text.encode("ascii", "replace").translate(_LETTERS_ONLY) + b" "

    @cached_property
    def words(self) -> list[bytes]:
        return self.folded.split()

    @cached_property
    def _unique(self) -> AbstractSet[bytes]:
        return set(self.words)  # never changed; builds faster than a frozenset

    def meets(self, table: AbstractSet[bytes]) -> AbstractSet[bytes]:
        """The words of `table` that are words of the block (`table` is a long-lived set)."""
        found = self._met.get(id(table))
        if found is None:
            found = self._met[id(table)] = table & self._unique  # a look-up a distinct word
        return found


def lexicon(doc: Document, block: Block) -> Lexicon:
    table = doc.cache.get(CACHE_KEY)
    if not isinstance(table, dict):
        table = doc.cache[CACHE_KEY] = {}
    found = table.get(id(block))
    if found is None:
        found = table[id(block)] = Lexicon(block.text)
    return found


@cache
def char_class(c: str) -> tuple[bool, bool]:
    """Whether a character is a letter (`\\p{L}`) and whether it is a lower-case letter other
    than a-z (an accented or other-script one), as the rules' patterns see it."""
    return _LETTER.match(c) is not None, _LOWER_ACCENTED.match(c) is not None


def has_lower_accented(lex: Lexicon) -> bool:
    """`regex.search(r"[^\\P{Ll}a-z]", text)`, from the non-ASCII characters."""
    return any(char_class(c)[1] for c in lex.non_ascii_chars)


def occurrences(lex: Lexicon, word: bytes) -> list[int]:
    """Offsets in the block's text of `word` as a whole run of ASCII letters."""
    out = []
    spaced = b" " + word + b" "
    at = lex.folded.find(spaced)
    while at >= 0:
        out.append(at)  # `folded` has one extra character in front: the word starts at `at`
        at = lex.folded.find(spaced, at + 1)
    return out
