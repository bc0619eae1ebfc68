"""What five rules want to know of every line, found together through one memo.

BP102 (a share bar's kind), BP103 (a photo credit) and BP104 (a caption at the start of a
line) each ask a question of every line that depends on the line alone, and so does BP001
(the shipped phrase tables' match, which BP102 and BP106 read too, to skip BP001's lines),
and BP101 (an outlet's name run into the sentence a line starts, without extra names).
A site's pages share most of their lines, so the answers go through a memo of lines
(`memo_map`), and one memo of the five answers costs one pass over a document's lines where
five memos cost five: each pass looks up every line in a table far larger than the
processor's cache. Each rule reads its own column (`column`); the five are found once per
document, by the first rule that asks (BP001, or the first of the others that runs); BP001
and BP101 ask only when two of BP102-BP104 run too (see `shared`), and one of BP102-BP104
running alone gets its own answer alone (see `column`).
"""

from __future__ import annotations

from typing import Any

from copydesk.document import Document
from copydesk.rules.boilerplate._lines import line_texts, memo_map

# The columns: `social`, `credit`, `caption` of a line, the shipped tables' `Match`, and
# `run_in` with no `site-names` option.
SOCIAL, CREDIT, CAPTION, CHROME, RUN_IN = 0, 1, 2, 3, 4

Facts = tuple[Any, Any, Any, Any, Any]
_WIDTH = 5

# The five answers of the lines seen (see `memo_map`).
_FACTS: dict[str, Facts] = {}


def _facts_new(texts: list[str]) -> list[Facts]:
    """The answers for lines the memo has not seen, each rule's way (its screens first)."""
    # (Imported here: the rules and the matcher import this module.)
    from copydesk.rules.boilerplate import (
        leaked_caption,
        photo_credit,
        site_name_run_in,
        social_counter_line,
    )
    from copydesk.rules.boilerplate._phrases import matcher

    return list(
        zip(
            social_counter_line._socials_new(texts),
            photo_credit._credits_new(texts),
            leaked_caption._captions_new(texts),
            matcher()._match_new(texts),
            site_name_run_in._run_ins_new(texts, ()),
            strict=True,
        )
    )


def _one_column(k: int, texts: list[str]) -> list[Any]:
    """Answer `k` of BP102-BP104 for each of `texts`, without the others."""
    from copydesk.rules.boilerplate import leaked_caption, photo_credit, social_counter_line

    if k == SOCIAL:
        return social_counter_line._socials_new(texts)
    if k == CREDIT:
        return photo_credit._credits_new(texts)
    return leaked_caption._captions_new(texts)


# Which of BP102-BP104's answers (`SOCIAL`, `CREDIT`, `CAPTION`) rules have asked for in this
# process: with two or more of those rules running, the five answers are found together (see
# `shared` and `column`).
_core_asked: set[int] = set()


def shared(doc: Document) -> bool:
    """Whether BP001's matches and BP101's run-in names should come from the facts: they are
    found for this document already, or two of the rules that always read them (BP102-BP104)
    have run in this process (with the default rules, from the second document on). Without
    them (`--select BP001`, `--select BP103`), finding all five would cost more than the one
    column saves, and those rules go their own way (the same answers, through their own
    memos)."""
    return len(_core_asked) > 1 or "boilerplate:facts" in doc.cache


def column(doc: Document, k: int) -> list[Any]:
    """Answer `k` (`SOCIAL`, `CREDIT`, `CAPTION`, `CHROME` or `RUN_IN`) for each of
    `line_texts(doc)`.

    The five are found together, except while only one of BP102-BP104 has asked in this
    process (`--select BP103`): finding all five for it would cost several times what its own
    answer costs, so it gets that alone (the same answers, without the memo)."""
    if k <= CAPTION:
        _core_asked.add(k)
    columns: list[tuple[Any, ...]] | None = doc.cache.get("boilerplate:facts")
    if columns is None and k <= CAPTION and len(_core_asked) == 1:
        return _one_column(k, line_texts(doc))
    if columns is None:
        facts = memo_map(_FACTS, line_texts(doc), _facts_new)
        # The rows as columns, in one C-level pass for all five (a copy of a column is a
        # copy of its pointers, where a column of the rows would look into every row).
        columns = doc.cache["boilerplate:facts"] = (
            list(zip(*facts, strict=True)) if facts else [()] * _WIDTH
        )
    return list(columns[k])


def seen(text: str) -> Facts | None:
    """The answers for `text` when the memo has them."""
    return _FACTS.get(text)
