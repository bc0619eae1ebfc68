"""BP104 leaked-caption: a photo caption at the start of a paragraph."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress
from typing import Any

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Edit, Fix, Severity
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.boilerplate._facts import CAPTION, column
from copydesk.rules.boilerplate._lines import (
    MEMO_SIZE,
    line_texts,
    line_units,
    removal_edit,
)
from copydesk.rules.boilerplate._phrases import known_chrome_flags

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? "
# A full date with a year: "September 20, 2023", "Tuesday, Nov. 19, 2019", "20 September 2023".
DATE = patterns.compile(
    rf"\b(?:{_WEEKDAY})?(?:{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? (?:19|20)\d\d"
    rf"|\d{{1,2}} {_MONTH} (?:19|20)\d\d)\b"
)
# What people in news pictures do, in the present tense of a caption ("A protester talks").
_VERBS_S = (
    "talks speaks walks holds poses gestures arrives looks stands sits waves attends listens "
    "watches delivers addresses leaves reacts celebrates greets carries rides plays prays runs "
    "shakes hugs smiles cries sings dances votes signs shows kneels enters exits departs "
    "receives inspects visits waits gathers marches rallies protests lays casts hugs points "
    "wipes mourns salutes displays"
).split()
_VERBS_BARE = (
    "talk speak walk hold pose gesture arrive look stand sit wave attend listen watch leave "
    "react celebrate greet carry ride play pray run shake hug sing dance vote sign kneel "
    "gather march rally protest wait work mourn salute display lay cast"
).split()
# Subject (two to twelve words, no clause break), then the verb.
VERB = patterns.compile(
    r"^(?:[\p{Lu}\d][^\s,;:]*)(?: [^\s;:]+){0,11}? "
    rf"(?:(?:{'|'.join(_VERBS_S)})|(?<=s )(?:{'|'.join(_VERBS_BARE)}))\b"
)
# Explicit caption openers: "FILE PHOTO: …", "FILE - …", "In this March 28, 2017, file photo, …"
MARKER = patterns.compile(
    r"^(?:FILE(?: PHOTO)?(?: ?[:\-–—] ?| )(?=\p{Lu})"
    r"|In this (?:[^,.]{1,40},? )?(?:file )?(?:photo|image|picture|handout photo)\b"
    r"|This (?:[^,.]{1,40},? ){0,2}(?:file )?(?:photo|image|picture|illustration|satellite image)"
    r"(?:,[^,]{1,80},?)? (?:shows|provided|taken|released)\b"
    r"|(?:An?|The) (?:stock |file |handout |undated )?(?:image|photo|photograph|picture) of\b)"
)
# The sentence ends at a period (not an initial or "U.S." style abbreviation) and a space.
_ABBREV = (
    "Mr Ms Mrs Dr St Jr Sr Gov Sen Rep Gen Lt Col Fla Calif Ariz Mich Minn Ind Ill Ga Va Pa Mass "
    "Conn Wash Ore Nev Tex Okla Tenn Ky Ala Miss La Ark Mo Kan Neb Iowa Wis Colo Mont Wyo Ida "
    "Utah Del Md Vt Me Co Inc Corp No Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
END = patterns.compile(
    rf"(?<!\b\p{{Lu}})(?<!\b(?:{'|'.join(_ABBREV)}))(?<!\b(?:\p{{Lu}}\.)+\p{{Lu}})[.!?](?=\s|$)"
)
# Reported speech and first person are prose, not captions.
PROSE = patterns.compile(r"[\"“”]|\b(?:said|says|told|tells|I|we|my|our)\b")
MAX_WORDS = 50
# Either a caption marker's first word or a year: lines with neither are skipped at once.
_OPENERS = ("FILE", "In ", "This ", "A ", "An ", "The ")
_MONTH_NAME = patterns.compile_re("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")


def _maybe(text: str) -> bool:
    """What every caption has (a `MARKER` starts with an opener, a `DATE` holds a year), in
    plain string tests: a caption opener at the start, or "19"/"20" somewhere."""
    return "19" in text or "20" in text or text.lstrip().startswith(_OPENERS)


def _candidates(texts: list[str]) -> list[int]:
    """`[i for i, t in enumerate(texts) if _maybe(t)]`, with `_maybe` inlined: the screen runs
    on every line, and a call per line costs as much as its tests."""
    openers = _OPENERS
    return [
        i for i, t in enumerate(texts) if "19" in t or "20" in t or t.lstrip().startswith(openers)
    ]


def _may_mark(text: str) -> bool:
    """What every `MARKER` holds besides its opener: "FILE" at the start, or the word for the
    picture ("photo", "image", "picture", "illustration"). Plain `in` tests, most lines fail."""
    return (
        text.startswith("FILE")
        or "photo" in text
        or "image" in text
        or "picture" in text
        or "illustration" in text
    )


def _has_month(text: str) -> bool:
    """What every `DATE` holds: the first three letters of a month's name."""
    return _MONTH_NAME.search(text) is not None


def caption_end(text: str) -> int | None:
    """End of the caption sentence at the start of `text`, or None when it is not one."""
    if not _maybe(text):
        return None
    # (A year, `\b(?:19|20)\d\d\b`, or an opener at the start is needed too: a `MARKER`
    # starts with an opener, and a `DATE` holds a year. The marker is only tried on a line
    # that starts with one.)
    m = MARKER.match(text) if text.startswith(_OPENERS) and _may_mark(text) else None
    if m is None and not _has_month(text):
        return None  # without a marker, only a sentence with a date (`DATE`) is a caption
    end = END.search(text)
    stop = end.end() if end else len(text)
    sentence = text[:stop]
    if len(sentence.split()) > MAX_WORDS or PROSE.search(sentence):
        return None
    if m is not None:
        return stop
    date = DATE.search(sentence)
    if date is None:
        return None
    verb = VERB.search(sentence[: date.start()])
    if verb is None:
        return None
    return stop


def caption(text: str) -> tuple[int, int] | None:
    """Where the caption at the start of a line starts (after its indentation) and how long it
    is, or None when the line does not start with one."""
    lead = len(text) - len(text.lstrip())
    end = caption_end(text[lead:])
    return None if end is None else (lead, end)


_UNSEEN: Any = object()  # a text the memo below has not seen
_CAPTIONS: dict[str, tuple[int, int] | None] = {}  # `caption` of the lines seen


def _captions_new(texts: list[str]) -> list[tuple[int, int] | None]:
    """`[caption(t) for t in texts]`: the lines `_candidates` lets through (a fifth of them)
    through a memo (bylines, dates and captions recur on a site's pages, and the regexes
    cost microseconds); a screen decides the rest."""
    out: list[tuple[int, int] | None] = [None] * len(texts)
    memo = _CAPTIONS
    for i in _candidates(texts):
        text = texts[i]
        # `caption_end`'s next screen, here: a caption without a month's name (a `DATE`'s)
        # needs a `MARKER`, which starts with an opener and holds `_may_mark`'s words. Most
        # candidates (a number with "19" or "20" in it) fail it.
        if not _has_month(text):
            x = text.lstrip()
            if not (x.startswith(_OPENERS) and _may_mark(x)):
                continue
        found = memo.get(text, _UNSEEN)
        if found is _UNSEEN:
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            found = memo[text] = caption(text)
        out[i] = found
    return out


class LeakedCaption(Rule):
    """## What it does
    Finds a photo caption at the start of a paragraph: a present-tense description of a
    picture with a full date ("A protester talks with police officers in central Yerevan on
    September 20, 2023."), or a sentence opened by a caption marker ("FILE PHOTO: …", "In this
    March 28, 2017, file photo, …", "This satellite image shows …", "A stock image of …").
    English only: the verbs and markers are English.

    ## Why is this bad?
    The caption described a picture that is gone. Glued to the article's first sentence, it
    reads as a non-sequitur in the wrong tense.

    ## Example
    ```text
    A protester talks with police officers in Yerevan on September 20, 2023. Azerbaijan said
    it had ended its operation.
    ```

    ## Use instead
    ```text
    Azerbaijan said it had ended its operation.
    ```

    ## Fix safety
    Unsafe: the fix removes the caption sentence (or the whole line when the caption is all of
    it). News prose is in the past tense, so a present-tense sentence with a full date is
    almost always a caption, but a reader should confirm.
    """

    code = "BP104"
    name = "leaked-caption"
    message = "Photo caption leaked into the text"
    severity = Severity.WARNING
    languages = frozenset({"en"})
    fix_availability = "always"
    examples = (
        Example(
            bad=(
                "A protester talks with police officers in central Yerevan on September 20, "
                "2023. Azerbaijan said it had ended its operation."
            ),
            flagged=(
                "A protester talks with police officers in central Yerevan on September 20, 2023."
            ),
            fixed="Azerbaijan said it had ended its operation.",
            unsafe=True,
        ),
        Example(
            bad=(
                "The talks ended.\n\nFILE PHOTO: Traders work on the floor of the exchange.\n\n"
                "Stocks fell."
            ),
            flagged="FILE PHOTO: Traders work on the floor of the exchange.",
            fixed="The talks ended.\n\nStocks fell.",
            unsafe=True,
        ),
        Example(
            bad=(
                "Teachers hold a rally at the Statehouse in Indianapolis, Tuesday, Nov. 19, "
                "2019.\n\nThe strike went on."
            ),
            flagged=(
                "Teachers hold a rally at the Statehouse in Indianapolis, Tuesday, Nov. 19, 2019."
            ),
            fixed="The strike went on.",
            unsafe=True,
        ),
        Example(good="A protester talked with police officers in Yerevan on September 20, 2023."),
        Example(good="He said the president speaks to reporters on September 20, 2023."),
        Example(good="The minister speaks well of the plan."),
        Example(good="The law, which takes effect on January 1, 2024, bans the practice."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        chrome = known_chrome_flags(doc)
        lines = line_units(doc)
        texts = line_texts(doc)
        found: list[tuple[int, int] | None] = column(doc, CAPTION)  # `caption` of each line
        for i in compress(range(len(found)), found):
            # A line that continues the previous line's sentence is not a paragraph start.
            continues = i > 0 and lines.same_block(i - 1, i)
            if (continues and texts[i - 1].rstrip()[-1:].islower()) or chrome[i]:
                continue
            text = texts[i]
            lead, end = found[i]  # type: ignore[misc]
            unit = lines[i]
            a, b = unit.start + lead, unit.start + lead + end
            rest = text[lead + end :]
            if rest.strip():
                # Remove the sentence and the space after it; the paragraph goes on.
                gap = len(rest) - len(rest.lstrip())
                edit = unit.block.edit(a, b + gap, "")
            else:
                edit = removal_edit(doc, unit)
            fix = Fix.unsafe("Remove the caption", edit) if isinstance(edit, Edit) else None
            yield self.diagnostic(*unit.span_of(a, b), fix=fix)
