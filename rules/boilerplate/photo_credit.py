"""BP103 photo-credit: a photo credit or caption label scraped into the text."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress

from copydesk import patterns, rx
from copydesk.diagnostics import Diagnostic, Severity
from copydesk.document import Document
from copydesk.lazy import lazy_regex
from copydesk.rule import Example, Rule
from copydesk.rules.boilerplate._facts import CREDIT, column
from copydesk.rules.boilerplate._lines import (
    line_units,
    removal_fix,
    word_count,
)
from copydesk.rules.boilerplate._phrases import known_chrome_flags

# Picture agencies and wire services that appear as credits.
AGENCY_NAMES = (
    "Getty Images",
    "Getty",
    "AP Photo",
    "AP Images",
    "AP",
    "AFP",
    "Reuters",
    "REUTERS",
    "EPA",
    "EPA-EFE",
    "Shutterstock",
    "iStock",
    "iStockphoto",
    "Alamy",
    "Bloomberg",
    "Corbis",
    "PA Images",
    "PA Wire",
    "PA",
    "Xinhua",
    "Sipa",
    "SIPA",
    "Rex Features",
    "Rex",
    "NurPhoto",
    "ANP",
    "dpa",
    "Anadolu",
    "Sputnik",
    "TASS",
    "Pool",
    "GETTY",
    "GETTY IMAGES",
    "Getty Images Plus",
    "Unsplash",
    "Pexels",
    "Wikimedia Commons",
    "Wikimedia",
    "Flickr",
    "NASA",
    "ESA",
)
AGENCIES = "|".join(rx.escape(n) for n in AGENCY_NAMES)
# A capitalized word, hyphens only between letters ("Jean-Pierre"), so that a name splits into
# words one way only and the patterns stay linear.
_NAME = r"\p{Lu}[\p{L}.'’]*(?:-\p{L}[\p{L}.'’]*)*"
_NAMES = rf"{_NAME}(?: {_NAME}){{0,4}}"
# Whole-line credits.
WHOLE = patterns.compile(
    "|".join(
        [
            # "Photo: Gene J. Puskar", "Image credit: NASA", "Photograph by Jane Doe", "Foto: dpa"
            r"(?:(?:Photo|Photograph|Picture|Image|Foto|Bild|Imagen|Immagine|Fotografía|"
            r"Illustration|Video)s?(?: ?credits?)?|Credits?|Photo courtesy|Courtesy)"
            r"(?: ?: ?| by | of | ?© ?| ?/ ?)\S.{0,100}",
            # "Image copyright Getty Images", "Image caption …", "Media caption …" (BBC labels)
            r"(?:Image|Media|Video) (?:[Cc]opyright|[Cc]aption) \S.*",
            r"(?:Image |Media |Video )?[Cc]aption",
            # Russian "personal archive of …" credits
            r"[Лл]ичный архив \S.{0,60}",
            # "Sakib Ali/Hindustan Times/Getty Images", "Jason Cipriani/ZDNet"
            rf"{_NAMES}(?: ?/ ?{_NAMES})+",
            # "Michael Conroy, AP", "J. Scott Applewhite / AP file", "… via AP", "Getty Images"
            rf"{_NAMES}(?:,| via| /| -| for) ?(?:{AGENCIES})(?: (?:file|File|Photo|photo))?",
            r"Getty Images|Getty|GETTY IMAGES|Shutterstock|iStock|iStockphoto|Alamy|AP Photo|"
            r"EPA-EFE|NurPhoto|Rex Features|Getty Images/iStockphoto",
            # "Christopher Battin Submitted photo", "(Walt Disney Co.)" is not a credit
            rf"{_NAMES} (?:Submitted|submitted|Contributed|contributed|File|file) photo",
            # "© Lucy Nicholson", "© John Brecher Needle poking skin …" (credit before a caption)
            r"© ?[\p{Lu}].{0,200}",
            # "(Image credit: Blue Origin)", "(NASA/JPL-Caltech/ASU)"
            r"\((?:Image|Photo|Picture) ?(?:credit)?: [^()]{1,80}\)",
            rf"\({_NAMES}(?: ?/ ?{_NAMES})+\)",
        ]
    )
)
# A credit at the end of a caption line: "… in Hialeah, Fla. (AP Photo/Alan Diaz, File)".
TAIL = lazy_regex(
    "(?:"
    + "|".join(
        [
            rf"\((?:(?:{AGENCIES}) )?Photo(?:/| by )[^()]{{1,80}}\)",
            r"\((?:Image|Photo|Picture)(?: ?credit)?: ?[^()]{1,60}\)",
            r"\((?:Credit|Photo credit|Image credit|Source): ?[^()]{1,60}\)",
            r"\bCredit: [^.()]{1,60}",
            rf"\((?:{AGENCIES})\)",
            rf"\b(?:REUTERS|Reuters|AFP|AP|EPA)/{_NAMES}(?: ?/ ?{_NAMES})?",
            rf"\({_NAMES}(?: ?/ ?{_NAMES})+\)",
        ]
    )
    + r")\s*\|?\s*$"
)


# Cheap tests that every line `WHOLE` or `TAIL` can match passes (most lines fail them, and
# never reach the regexes). `WHOLE` is matched on the stripped line: it starts with a label
# ("Photo", "Image", "©", "(", an agency, ...), holds a "/" (`Name/Agency`), or ends with an
# agency (`Name, AP`) or with a "file" or "photo" after one (`Name, AP file`, `Name File
# photo`). `TAIL` ends with ")" before the optional trailing " |", or holds "Credit: " or "/".
_WHOLE_STARTS = (
    *"Photo Picture Image Foto Bild Immagine Illustration Video Credit Courtesy Media".split(),
    *"Caption caption Личный личный Getty GETTY Shutterstock iStock Alamy NurPhoto".split(),
    "AP Photo",
    "EPA-EFE",
    "Rex Features",
    "©",
    "(",
)
_WHOLE_ENDS = (*AGENCY_NAMES, " file", " File", " Photo", " photo")


def _by(key: int, affixes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Affixes by their first (`key` 0) or last (`key` -1) character: a line is compared only
    with those that share its first or last character."""
    out: dict[str, list[str]] = {}
    for a in affixes:
        out.setdefault(a[key], []).append(a)
    return {k: tuple(v) for k, v in out.items()}


_STARTS_BY_FIRST = _by(0, _WHOLE_STARTS)
_ENDS_BY_LAST = _by(-1, _WHOLE_ENDS)


def _maybe_whole(stripped: str) -> bool:
    return (
        stripped.startswith(_STARTS_BY_FIRST.get(stripped[:1], ()))
        or "/" in stripped
        or stripped.endswith(_ENDS_BY_LAST.get(stripped[-1:], ()))
    )


def _maybe(text: str) -> bool:
    """A quick superset of `_maybe_whole(text.strip()) or _maybe_tail(text)`."""
    if "/" in text or ")" in text or "Credit: " in text:
        return True
    s = text.strip()
    return s.startswith(_STARTS_BY_FIRST.get(s[:1], ())) or s.endswith(
        _ENDS_BY_LAST.get(s[-1:], ())
    )


def _candidates(texts: list[str]) -> list[int]:
    """`[i for i, t in enumerate(texts) if _maybe(t)]`, with `_maybe`'s substring tests
    inlined: the screen runs on every line, and a call per line costs as much as a test."""
    starts, ends = _STARTS_BY_FIRST, _ENDS_BY_LAST
    return [
        i
        for i, t in enumerate(texts)
        if "/" in t
        or ")" in t
        or "Credit: " in t
        or (s := t.strip()).startswith(starts.get(s[:1], ()))
        or s.endswith(ends.get(s[-1:], ()))
    ]


def _maybe_tail(text: str) -> bool:
    return "/" in text or "Credit: " in text or text.rstrip().rstrip("|").rstrip().endswith(")")


# A credit in a line: where it starts and ends in the line, its text, and whether it is the
# whole line (a line of nothing but a credit, which the fix removes).
Credit = tuple[int, int, str, bool]


def credit(text: str) -> Credit | None:
    """The credit of a line that is one or that ends with one (a caption), else None."""
    stripped = text.strip()
    whole, tail = _maybe_whole(stripped), _maybe_tail(text)
    if not (whole or tail):
        return None
    words = word_count(stripped)
    if not stripped or words > 60:
        return None
    if whole and words <= 25 and WHOLE.fullmatch(stripped):
        lead = len(text) - len(text.lstrip())
        return (lead, lead + len(stripped), stripped, True)
    m = TAIL.search(text) if tail else None
    if m is None:
        return None
    found = m.group().rstrip(" |")
    return (m.start(), m.start() + len(found), found, False)


def _credits_new(texts: list[str]) -> list[Credit | None]:
    """`[credit(t) for t in texts]`, for the lines `_candidates` lets through only."""
    out: list[Credit | None] = [None] * len(texts)
    for i in _candidates(texts):
        out[i] = credit(texts[i])
    return out


class PhotoCredit(Rule):
    """## What it does
    Finds photo credits and caption labels that were scraped into the article: a line that is
    only a credit (`Photo: Gene J. Puskar`, `Sakib Ali/Hindustan Times/Getty Images`,
    `Image copyright Getty Images`, `Michael Conroy, AP`), and a line that ends with one
    (`… in Hialeah, Fla. (AP Photo/Alan Diaz, File)`, `… (Image: GETTY)`, `… Credit: Getty`).

    ## Why is this bad?
    Credits and captions belong under the picture, which is gone. In the text they interrupt
    the article, and a credit at the end of a line marks the whole line as a leaked caption.

    ## Example
    ```text
    The plant closed in May.

    Photo: Gene J. Puskar
    ```

    ## Use instead
    ```text
    The plant closed in May.
    ```

    ## Fix safety
    Unsafe, and only for a line that is nothing but a credit: the fix removes that line. A
    caption that ends with a credit is reported without a fix, because deciding where the
    caption starts needs a reader.
    """

    code = "BP103"
    name = "photo-credit"
    message = "Photo credit scraped into the text: `{credit}`"
    severity = Severity.WARNING
    fix_availability = "sometimes"
    examples = (
        Example(
            bad="The plant closed in May.\n\nPhoto: Gene J. Puskar\n",
            flagged="Photo: Gene J. Puskar",
            fixed="The plant closed in May.\n",
            unsafe=True,
        ),
        Example(
            bad="The plant closed.\n\nSakib Ali/Hindustan Times/Getty Images\n\nIt reopened.\n",
            flagged="Sakib Ali/Hindustan Times/Getty Images",
            fixed="The plant closed.\n\nIt reopened.\n",
            unsafe=True,
        ),
        Example(
            bad="Image copyright Getty Images\n\nThe plant closed.\n",
            flagged="Image copyright Getty Images",
            fixed="The plant closed.\n",
            unsafe=True,
        ),
        Example(
            bad="A worker loads trims into a truck. (AP Photo/Alan Diaz, File)\n",
            flagged="(AP Photo/Alan Diaz, File)",
        ),
        Example(
            bad="Protesters have worn masks (Image: GETTY )\n",
            flagged="(Image: GETTY )",
        ),
        Example(good="Getty Images said on Monday that it would cut 200 jobs."),
        Example(good="Photo booths are back in fashion, the survey found."),
        Example(good="He worked for AP and Reuters before joining the ministry."),
        Example(good="The result was 3/4 of the vote."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        chrome = known_chrome_flags(doc)
        lines = line_units(doc)
        found: list[Credit | None] = column(doc, CREDIT)  # `credit` of each line
        for i in compress(range(len(found)), found):
            if chrome[i]:
                continue
            a, b, text, whole = found[i]  # type: ignore[misc]
            unit = lines[i]
            span = unit.span_of(unit.start + a, unit.start + b)
            if whole:
                fix = removal_fix(doc, unit, "Remove the credit line", safe=False)
                yield self.diagnostic(*span, fix=fix, credit=text)
            else:
                yield self.diagnostic(*span, credit=text)
