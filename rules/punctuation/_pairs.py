"""Pairing of quotation marks and brackets within one paragraph, shared by PU301-PU305.

Each scan returns the marks left without a partner, with the reason. The scans run once per
block and are cached on the document, because several rules read them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
from typing import NamedTuple

from copydesk import patterns, rx
from copydesk.document import Block, Document
from copydesk.rules.punctuation._common import prose_index


class Unpaired(NamedTuple):
    pos: int  # prose offset of the mark in block.text
    mark: str  # the mark as written (two characters for `’’` and `‘‘`)
    reason: str  # "unclosed", "stray-closer", "reversed"
    split: bool = False  # a stray closer in the split-quotation shape `”. ” had` (PU305's)


# -- double quotation marks ------------------------------------------------------------------

# Two single marks are an old way to write a double one: `‘‘…’’`, ``…'' (or ``…´´ with
# acute accents, in Portuguese chat); two commas before a word are a typed German low-9
# quote (`,,Wann`).
DOUBLE_MARKS = patterns.compile(r"‘‘|’’|``|''|´´|(?<!\S),,(?=\w)|[“”„\"]")
ROLE = {"‘‘": "“", "``": "“", "’’": "”", "''": "”", "´´": "”", ",,": "„"}
# The shape `activities”. ” had`: a closing quote, maybe a mark, spaces, and a second closing
# quote that closes nothing. SPLIT_BEFORE is matched backwards from the stray quote.
# When the text holds none of the two-character forms (most texts), the marks `DOUBLE_MARKS`
# finds are single characters, found by `char_positions`.
_SPACE = patterns.compile(r"\s")
_LETTER_OR_DIGIT = patterns.compile(r"[\p{L}\p{N}]")


@cache
def _is_space(c: str) -> bool:
    """`c` is white space as `regex` sees it (`\\s`)."""
    return _SPACE.match(c) is not None


@cache
def _is_letter_or_digit(c: str) -> bool:
    return _LETTER_OR_DIGIT.match(c) is not None


def char_positions(text: str, chars: str) -> list[tuple[int, str]]:
    """`[(m.start(), m.group()) for m in re.finditer("[" + chars + "]", text)]`, from
    `str.find` (a C-level search near memory speed; `re` steps through a set of characters
    at about 2 ns a character, and a page has only dozens of marks)."""
    out: list[tuple[int, str]] = []
    find = text.find
    for c in chars:
        at = find(c)
        while at >= 0:
            out.append((at, c))
            at = find(c, at + 1)
    if len(chars) > 1:
        out.sort()
    return out


# The two-character forms `‘‘ ’’ `` '' ´´ ,,` (one `re` scan: faster than six substring tests,
# of which three are for characters most texts hold).
_TWO_CHARACTER_FORM = patterns.compile_re(r"([‘’`'´,])\1")


def _has_two_character_form(text: str) -> bool:
    return _TWO_CHARACTER_FORM.search(text) is not None


def double_marks(text: str) -> list[tuple[int, str]]:
    """`[(m.start(), m.group()) for m in DOUBLE_MARKS.finditer(text)]`."""
    if _has_two_character_form(text):
        return [(m.start(), m.group()) for m in DOUBLE_MARKS.finditer(text)]
    return char_positions(text, '“”„"')


SPLIT_BEFORE = patterns.compile(r"[”\"][.,;:]?[ \t]*$")
OPENING_START = "“\"„‘'«"


def _is_space_or_edge(text: str, i: int) -> bool:
    return i < 0 or i >= len(text) or text[i].isspace()


def _looks_like_inch(text: str, i: int) -> bool:
    """A quote right after a number is an inch or seconds mark: `34"`, `5'11"`, `16”`."""
    return i > 0 and text[i - 1].isdigit()


STRAIGHT = frozenset({'"', "''", "``", "´´"})


def scan_double(
    text: str,
    *,
    continues: Callable[[], bool],
    closers_open: bool = False,
    marks: list[tuple[int, str]] | None = None,
) -> list[Unpaired]:
    """Unpaired double quotation marks of one paragraph.

    `continues()`: whether the next paragraph starts with an opening quote, so an open
    quotation at the end is the multi-paragraph convention (no closing mark until the
    quotation ends); asked only when a quotation is open at the end.
    `closers_open`: Swedish and Finnish use `”` to open as well as to close.
    `marks`: `double_marks(text)`, when the caller has it.

    Curly and straight marks are paired separately first. When both styles are present and
    pairing them with each other leaves fewer marks alone (`“We’re On It" became`), the
    paragraph mixes styles and that explanation is taken.
    """
    if marks is None:
        marks = double_marks(text)
    curly = [t for t in marks if t[1] not in STRAIGHT]
    straight = [t for t in marks if t[1] in STRAIGHT]
    separate = _pair_double(text, curly, continues, closers_open)
    separate += _pair_double(text, straight, continues, closers_open)
    if separate and curly and straight:
        mixed = _pair_double(text, marks, continues, closers_open)
        if len(mixed) < len(separate):
            return mixed
    return sorted(separate, key=lambda u: u.pos)


def _pair_double(
    text: str, marks: list[tuple[int, str]], continues: Callable[[], bool], closers_open: bool
) -> list[Unpaired]:
    out: list[Unpaired] = []
    open_pos = -1
    open_mark = open_role = ""
    n = len(text)
    # (The neighbours of a mark are looked at only where its case needs them: a paragraph
    # has dozens of marks. `_is_space_or_edge` and `_looks_like_inch`, inline.)
    for i, written in marks:
        q = ROLE.get(written, written)
        end = i + len(written)
        if open_pos >= 0:
            if q == "”" or q == '"' or (q == "“" and open_role == "„"):
                open_pos = -1  # closed
            elif q == "“" and not (end < n and text[end].isalnum()):
                out.append(Unpaired(i, written, "reversed"))  # `“Hello“ he said`
                open_pos = -1
            else:  # a second opening mark while one is open
                out.append(Unpaired(open_pos, open_mark, "unclosed"))
                open_pos, open_mark, open_role = i, written, q
            continue
        if q in "“„" or (q == "”" and text[i - 1 : i] == "="):
            # (`type=”big”`: a shortcode attribute typed with smart quotes)
            open_pos, open_mark, open_role = i, written, q
            continue
        inch = i > 0 and text[i - 1].isdigit()
        if q == "”" and inch:
            continue
        before_space = i == 0 or text[i - 1].isspace()
        after_space = end >= n or text[end].isspace()
        if q == '"':
            if inch:
                continue
            if before_space or not after_space:
                open_pos, open_mark, open_role = i, written, q
            else:
                out.append(_stray(text, i, written))
        elif closers_open or (before_space and not after_space):
            # `”Hello” he said`: a closing mark in an opening place. Swedish style opens
            # with it; elsewhere it is a reversed mark, and the quotation still opens here.
            if not closers_open:
                out.append(Unpaired(i, written, "reversed"))
            open_pos, open_mark, open_role = i, written, q
        else:
            out.append(_stray(text, i, written))
    if open_pos >= 0 and not continues():
        out.append(Unpaired(open_pos, open_mark, "unclosed"))
    return out


def _stray(text: str, i: int, q: str) -> Unpaired:
    split = bool(SPLIT_BEFORE.search(text, max(0, i - 8), i)) and _is_space_or_edge(
        text, i + len(q)
    )
    return Unpaired(i, q, "stray-closer", split)


# -- brackets --------------------------------------------------------------------------------

BRACKETS = {"(": ")", "[": "]", "{": "}"}
CLOSING = {v: k for k, v in BRACKETS.items()}
BRACKET_MARKS = patterns.compile(r"[()\[\]{}]")
# "1)", "a)", "iv)" at the start of a line or after a space: list markers, not brackets
# (when no parenthesis is open: "(up from 12)" closes normally).
LIST_MARKER = patterns.compile(r"(?:^|(?<=\s))(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})\.?\)")
# Smileys: ":)", ";-)", "):" close nothing (when nothing is open) and ":(" before a space or
# the end opens nothing. Square brackets are never smileys (`Updated :[ 2018-08-25 ]`).
SMILEY_CLOSE = patterns.compile(r"[:;=8][-']?\)|(?<!\S)\)[-']?[:;=](?!\w)")
SMILEY_OPEN = patterns.compile(r"[:;=][-']?\((?=\s|$)")


def _smiley_opens(text: str, i: int) -> bool:
    """Whether `SMILEY_OPEN` has a match ending at the parenthesis at `i` (`:(` before a space
    or the end). Its matches hold one parenthesis, their last character, so they never
    overlap and this is `i + 1 in {m.end() for m in SMILEY_OPEN.finditer(text)}`."""
    if not (i + 1 >= len(text) or _is_space(text[i + 1])):
        return False
    c = text[i - 1 : i]
    if c and c in ":;=":
        return True
    return bool(c) and c in "-'" and i >= 2 and text[i - 2] in ":;="


def scan_brackets(text: str) -> list[Unpaired]:
    # List markers and smileys that close nothing are looked for only when a closer is left
    # alone (most paragraphs pair up).
    stacks: dict[str, list[int]] = {k: [] for k in BRACKETS}
    out: list[Unpaired] = []
    for i, c in char_positions(text, "()[]{}"):
        if c in BRACKETS:
            if c == "(" and _smiley_opens(text, i):
                continue
            stacks[c].append(i)
        elif stacks[CLOSING[c]]:
            stacks[CLOSING[c]].pop()
        else:
            out.append(Unpaired(i, c, "stray-closer"))
    if out:
        soft_close = {m.end() - 1 for m in LIST_MARKER.finditer(text)}
        soft_close.update(
            i for m in SMILEY_CLOSE.finditer(text) for i in range(*m.span()) if text[i] == ")"
        )
        out = [u for u in out if u.pos not in soft_close]
    for k, positions in stacks.items():
        out.extend(Unpaired(i, k, "unclosed") for i in positions)
    return sorted(out, key=lambda u: u.pos)


# -- single quotation marks ------------------------------------------------------------------

# An opening single quote: at the start or after a space, an opening bracket or quote, or a
# dash, and before a letter or digit.
SINGLE_OPEN = patterns.compile(r"(?:^|(?<=[\s(\[“\"—–-]))[‘'](?=[\p{L}\p{N}])")
# Elisions that start with an apostrophe ('em, 'n', '90s, 'til, 'cause) and clitics a
# tokenizer split off ("Senate 's"): never opening quotes.
ELISION = patterns.compile(
    r"[‘'](?:\d\d?s?\b|\d{2}\b|(?:em|n|til|till|tis|twas|cause|cos|coz|bout|round|nuff|kay|sup"
    r"|s|re|ve|ll|d|t|m|er|un|ow|ere|e|im|cept|fore|gainst|neath|pon|mongst)\b)",
    rx.IGNORECASE,
)
# A closing single quote: after a visible character, and not before a letter of an alphabet
# that uses apostrophes inside words (Korean and Japanese attach particles to the closing
# mark: ‘리벤지’의).
SINGLE_CLOSE = patterns.compile(
    r"(?<=\S)[’'](?![\p{Latin}\p{Greek}\p{Cyrillic}\p{Armenian}\p{Georgian}\p{N}])"
)


# The marks that may open: after a space, an opening bracket, quote or dash (`regex`'s `\s`),
# looked at from the marks themselves (`char_positions`): faster than trying the look-behind
# at every character.
_BEFORE_OPENER = '([“"—–-'


def single_openers(text: str) -> list[int]:
    """`[m.start() for m in SINGLE_OPEN.finditer(text)]`, from the marks (`char_positions`)."""
    out = []
    n = len(text)
    if text[:1] in ("‘", "'") and n > 1 and _is_letter_or_digit(text[1]):
        out.append(0)  # at the start of the text
    for p, _ in char_positions(text, "‘'"):
        if p == 0:
            continue  # (the look-behind needs a character before the mark)
        c = text[p - 1]
        if c not in _BEFORE_OPENER and not _is_space(c):
            continue
        if p + 1 < n and _is_letter_or_digit(text[p + 1]):
            out.append(p)
    return out


# What a closing single quote may not stand before (`SINGLE_CLOSE`'s look-ahead).
_CLOSER_BLOCKER = patterns.compile(r"[\p{Latin}\p{Greek}\p{Cyrillic}\p{Armenian}\p{Georgian}\p{N}]")


@cache
def _blocks_closer(c: str) -> bool:
    return _CLOSER_BLOCKER.match(c) is not None


def single_closers(text: str) -> list[int]:
    """`[m.start() for m in SINGLE_CLOSE.finditer(text)]`, from the marks (`char_positions`)."""
    out = []
    n = len(text)
    for p, _ in char_positions(text, "’'"):
        if p == 0 or _is_space(text[p - 1]):
            continue
        if p + 1 < n and _blocks_closer(text[p + 1]):
            continue
        out.append(p)
    return out


def scan_single(text: str, *, continues: Callable[[], bool]) -> list[Unpaired]:
    """Opening single quotes with no closing one later in the paragraph.

    Only openers are judged: a closer with no opener cannot be told from an apostrophe
    (plural possessives `the drivers’ union`, `goin’`), so it is never reported.
    """
    events: list[tuple[int, str]] = []
    for p in single_openers(text):
        if not ELISION.match(text, p):
            events.append((p, "open"))
    if not events:
        return []
    events.extend((p, "close") for p in single_closers(text))
    events.sort()
    stack: list[int] = []
    for pos, kind in events:
        if kind == "open":
            stack.append(pos)
        elif stack:
            stack.pop()
    if stack and continues():
        stack = stack[1:]
    return [Unpaired(p, text[p], "unclosed") for p in stack]


# Cheap screens before the exact scans: one substring test per mark (each a C-level search
# near memory speed, and most texts hold a mark early: faster than a pattern's scan).


def has_single(text: str) -> bool:
    """`re.search(r"[‘']", text)`."""
    return "'" in text or "‘" in text


def has_double(text: str) -> bool:
    """Whether the text holds a character every `DOUBLE_MARKS` match holds (`[“”„"`´]`,
    which `''`, `’’`, `‘‘` and `,,` need not)."""
    return (
        '"' in text
        or "“" in text
        or "”" in text
        or "„" in text
        or "`" in text
        or "´" in text
        or "''" in text
        or "’’" in text
        or "‘‘" in text
        or ",," in text
    )


def has_bracket(text: str) -> bool:
    r"""`re.search(r"[()[\]{}]", text)` (written out: a generator costs more than the tests)."""
    return "(" in text or ")" in text or "[" in text or "]" in text or "{" in text or "}" in text


# A character (or, for `’’` and `,,`, two) that each of `has_double`, `has_single` and
# `has_bracket` needs.
_ANY_MARK = (*"\"“”„`´'‘()[]{}", "’’", ",,")

# -- per document ----------------------------------------------------------------------------


class BlockPairs(NamedTuple):
    """The marks of one block left without a partner, by kind."""

    block: Block
    double: list[Unpaired]
    single: list[Unpaired]
    brackets: list[Unpaired]


# A paragraph with more lone marks than this is not prose (a table of symbols, a corrupted
# file); reporting each would bury the output, so only the first ones are kept.
MAX_PER_BLOCK = 10
SHORT_BLOCK = 8  # spaces; shorter blocks between two paragraphs of a quotation are captions


def _continues(blocks: list[Block], k: int, marks: str) -> bool:
    """Whether the quotation open at the end of block `k` goes on in a later paragraph: the
    next paragraph of some length starts with an opening mark (captions, credits and embeds
    scraped in between are skipped)."""
    for block in blocks[k + 1 : k + 4]:
        text = block.text.lstrip()
        if text[:1] in marks:
            return True
        if text.count(" ", 0, 200) >= SHORT_BLOCK:
            return False
    return False


def pairs(doc: Document) -> list[BlockPairs]:
    """The pairing scans of the prose blocks that have a mark left alone, computed once per
    document (the rules read only the marks: blocks where every mark pairs are left out)."""
    key = "punctuation:pairs"
    cached = doc.cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    index = prose_index(doc)
    blocks = index.blocks
    out: list[BlockPairs] = []
    closers_open: bool | None = None
    # The blocks with a mark of some kind, found in all blocks at once (each kind's screen
    # below needs one of these).
    for k in index.holding(*_ANY_MARK):
        block = blocks[k]
        text = block.text
        # Each scan only where its cheap screen finds a mark (most blocks of Markdown and HTML
        # are short and have none: there the screen is all the work).
        double: list[Unpaired] = []
        marks = double_marks(text) if has_double(text) else []
        if marks:
            if closers_open is None:
                closers_open = doc.language in ("sv", "fi")
            double = scan_double(
                text,
                continues=partial(_continues, blocks, k, '“"„'),
                closers_open=closers_open,
                marks=marks,
            )
        single = []
        if has_single(text):
            single = scan_single(text, continues=partial(_continues, blocks, k, "‘'"))
        brackets = scan_brackets(text) if has_bracket(text) else []
        if double or single or brackets:
            out.append(
                BlockPairs(
                    block, double[:MAX_PER_BLOCK], single[:MAX_PER_BLOCK], brackets[:MAX_PER_BLOCK]
                )
            )
    doc.cache[key] = out
    return out
