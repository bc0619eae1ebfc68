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
from functools import cache

from copydesk import patterns
from copydesk.document import Block, Document
from copydesk.joined import Joined, joined

CACHE_KEY = "translation.lexicon"

# ASCII letters stay, every other byte becomes a space (after `encode("ascii", "replace")`,
# every non-ASCII character is one "?" byte, so offsets do not move).
_LETTERS_ONLY = bytes(b if 65 <= b <= 90 or 97 <= b <= 122 else 32 for b in range(256))
_NO_CHARS: frozenset[str] = frozenset()
_NON_ASCII = patterns.compile(r"[^\x00-\x7f]+")
_LETTER = patterns.compile(r"\p{L}")
_LOWER_ACCENTED = patterns.compile(r"[^\P{Ll}a-z]")  # a lower-case letter other than a-z


class Lexicon:
    """The screens' view of one block, each part computed when first asked for.

    Plain attributes rather than `functools.cached_property`, which takes a lock on every
    first access (before Python 3.12): a Markdown page has hundreds of small blocks.
    """

    __slots__ = ("_folded", "_met", "_non_ascii", "_non_ascii_chars", "_unique", "_words", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        # Which of a few word sets meet `words` (one pass over the words per set, done once).
        self._met: dict[int, AbstractSet[bytes]] = {}
        self._non_ascii: list[tuple[int, int]] | None = None
        self._non_ascii_chars: frozenset[str] | None = None
        self._folded: bytes | None = None
        self._words: list[bytes] | None = None
        self._unique: AbstractSet[bytes] | None = None

    @property
    def non_ascii(self) -> list[tuple[int, int]]:
        """The runs of non-ASCII characters."""
        if self._non_ascii is None:
            text = self.text
            self._non_ascii = (
                [] if text.isascii() else [m.span() for m in _NON_ASCII.finditer(text)]
            )
        return self._non_ascii

    @property
    def non_ascii_chars(self) -> frozenset[str]:
        if self._non_ascii_chars is None:
            text = self.text
            # (Most blocks of Markdown and HTML are short and ASCII: no scan, one shared set.
            # Otherwise from the runs, which the screens mostly need too: one scan.)
            self._non_ascii_chars = (
                _NO_CHARS
                if text.isascii()
                else frozenset("".join(text[a:b] for a, b in self.non_ascii))
            )
        return self._non_ascii_chars

    @property
    def folded(self) -> bytes:
        """A space, the block's ASCII letters with every other character a space, a space."""
        if self._folded is None:
            ascii_text = self.text.encode("ascii", "replace")
            self._folded = b" " + ascii_text.translate(_LETTERS_ONLY) + b" "
        return self._folded

    @property
    def words(self) -> list[bytes]:
        if self._words is None:
            self._words = self.folded.split()
        return self._words

    @property
    def unique(self) -> AbstractSet[bytes]:
        """The distinct words (never changed)."""
        if self._unique is None:
            self._unique = set(self.words)  # builds faster than a frozenset
        return self._unique

    def meets(self, table: AbstractSet[bytes]) -> AbstractSet[bytes]:
        """The words of `table` that are words of the block (`table` is a long-lived set)."""
        found = self._met.get(id(table))
        if found is None:
            found = self._met[id(table)] = table & self.unique  # a look-up a distinct word
        return found


def lexicon(doc: Document, block: Block) -> Lexicon:
    return doc.block_view(CACHE_KEY, block, Lexicon)


@cache
def char_class(c: str) -> tuple[bool, bool]:
    """Whether a character is a letter (`\\p{L}`) and whether it is a lower-case letter other
    than a-z (an accented or other-script one), as the rules' patterns see it."""
    return _LETTER.match(c) is not None, _LOWER_ACCENTED.match(c) is not None


def has_lower_accented(lex: Lexicon) -> bool:
    """`regex.search(r"[^\\P{Ll}a-z]", text)`, from the non-ASCII characters."""
    chars = lex.non_ascii_chars
    return bool(chars) and any(char_class(c)[1] for c in chars)


def occurrences(lex: Lexicon, word: bytes) -> list[int]:
    """Offsets in the block's text of `word` as a whole run of ASCII letters."""
    out = []
    spaced = b" " + word + b" "
    at = lex.folded.find(spaced)
    while at >= 0:
        out.append(at)  # `folded` has one extra character in front: the word starts at `at`
        at = lex.folded.find(spaced, at + 1)
    return out


# -- the whole document at once ----------------------------------------------------------------
#
# Markdown and HTML pages have a hundred or more short blocks; a screen that asks each block's
# `Lexicon` pays a few microseconds a block before it finds nothing. `DocumentLexicon` is the
# same view of all the blocks joined (one scan each in C), with the offset where each block
# starts, so a screen finds the few blocks that hold what it looks for and maps them back.


class DocumentLexicon(Lexicon):
    """A `Lexicon` of the blocks' texts joined by newlines (which no word, run of non-ASCII
    characters or letter crosses): `copydesk.joined`'s view, with its blocks' starts."""

    __slots__ = ("joined", "starts")

    def __init__(self, joined: Joined) -> None:
        super().__init__(joined.text)
        self.joined = joined
        self.starts = joined.starts

    def block_at(self, at: int) -> int:
        """The index of the block that holds offset `at` of the joined text."""
        return self.joined.block_at(at)


def document_lexicon(doc: Document) -> DocumentLexicon:
    found = doc.cache.get(CACHE_KEY + ".document")
    if isinstance(found, DocumentLexicon):
        return found
    blocks = doc.blocks
    found = doc.cache[CACHE_KEY + ".document"] = DocumentLexicon(joined(doc))
    if len(blocks) == 1:
        # (A plain-text file is one block: the document's view is the block's, shared, with
        # what the block's view has computed already.)
        views = doc.cache.get(CACHE_KEY)
        if views is None:
            views = doc.cache[CACHE_KEY] = {}
        old = views.get(id(blocks[0]))
        if isinstance(old, Lexicon):
            found._met = old._met
            found._non_ascii = old._non_ascii
            found._non_ascii_chars = old._non_ascii_chars
            found._folded = old._folded
            found._words = old._words
            found._unique = old._unique
        views[id(blocks[0])] = found
    return found


def blocks_with_lower_accented(lex: DocumentLexicon) -> set[int]:
    """The indexes of the blocks for which `has_lower_accented` holds."""
    out: set[int] = set()
    chars = lex.non_ascii_chars
    if not chars:
        return out
    out.update(lex.joined.holding(*[c for c in chars if char_class(c)[1]]))
    return out
