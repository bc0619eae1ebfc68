"""What three warning rules want to know of every line, found together through one memo.

BP102 (a share bar's kind), BP103 (a photo credit) and BP104 (a caption at the start of a
line) each ask a question of every line that depends on the line alone. A site's pages share
most of their lines, so the answers go through a memo of lines (`memo_map`), and one memo of
the three answers costs one pass over a document's lines where three memos cost three: each
pass looks up every line in a table far larger than the processor's cache. Each rule reads
its own column (`column`); the three are found once per document.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from copydesk.document import Document
from copydesk.rules.boilerplate._lines import line_texts, memo_map

SOCIAL, CREDIT, CAPTION = 0, 1, 2  # the columns: `social`, `credit`, `caption` of a line

# The three answers of the lines seen (see `memo_map`).
_FACTS: dict[str, tuple[Any, Any, Any]] = {}


def _fact(text: str) -> tuple[Any, Any, Any]:
    return _facts_new([text])[0]


def _facts_new(texts: list[str]) -> list[tuple[Any, Any, Any]]:
    """The answers for lines the memo has not seen, each rule's way (its screens first)."""
    # (Imported here: the rules import this module.)
    from copydesk.rules.boilerplate import leaked_caption, photo_credit, social_counter_line

    return list(
        zip(
            social_counter_line._socials_new(texts),
            photo_credit._credits_new(texts),
            leaked_caption._captions_new(texts),
            strict=True,
        )
    )


def column(doc: Document, k: int) -> list[Any]:
    """Answer `k` (`SOCIAL`, `CREDIT` or `CAPTION`) for each of `line_texts(doc)`."""
    facts: list[tuple[Any, Any, Any]] | None = doc.cache.get("boilerplate:facts")
    if facts is None:
        facts = doc.cache["boilerplate:facts"] = memo_map(
            _FACTS, _fact, line_texts(doc), _facts_new
        )
    return list(map(itemgetter(k), facts))


def seen(text: str) -> tuple[Any, Any, Any] | None:
    """The answers for `text` when the memo has them."""
    return _FACTS.get(text)
