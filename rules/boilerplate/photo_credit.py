"""BP103 photo-credit: a photo credit or caption label scraped into the text."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from copydesk.diagnostics import Diagnostic, Severity
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.boilerplate._lines import line_units, removal_fix, word_count
from copydesk.rules.boilerplate._phrases import known_chrome_spans

# Picture agencies and wire services that appear as credits.
AGENCIES = (
    r"Getty Images|Getty|AP Photo|AP Images|AP|AFP|Reuters|REUTERS|EPA|EPA-EFE|Shutterstock|"
    r"iStock(?:photo)?|Alamy|Bloomberg|Corbis|PA Images|PA Wire|PA|Xinhua|Sipa|SIPA|Rex Features|"
    r"Rex|NurPhoto|ANP|dpa|Anadolu|Sputnik|TASS|Pool|GETTY|GETTY IMAGES|Getty Images Plus|"
    r"Unsplash|Pexels|Wikimedia Commons|Wikimedia|Flickr|NASA|ESA"
)
# A capitalized word, hyphens only between letters ("Jean-Pierre"), so that a name splits into
# words one way only and the patterns stay linear.
_NAME = r"\p{Lu}[\p{L}.'’]*(?:-\p{L}[\p{L}.'’]*)*"
_NAMES = rf"{_NAME}(?: {_NAME}){{0,4}}"
# Whole-line credits.
WHOLE = regex.compile(
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
TAIL = regex.compile(
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
        skip = known_chrome_spans(doc)
        for unit in line_units(doc):
            if unit.span in skip:
                continue
            text = unit.text
            stripped = text.strip()
            if not stripped or word_count(stripped) > 60:
                continue
            lead = len(text) - len(text.lstrip())
            if word_count(stripped) <= 25 and WHOLE.fullmatch(stripped):
                a, b = unit.start + lead, unit.start + lead + len(stripped)
                fix = removal_fix(doc, unit, "Remove the credit line", safe=False)
                yield self.block_diagnostic(unit.block, a, b, fix=fix, credit=stripped)
                continue
            m = TAIL.search(text)
            if m is not None:
                credit = m.group().rstrip(" |")
                a = unit.start + m.start()
                yield self.block_diagnostic(unit.block, a, a + len(credit), credit=credit)
