"""MT102 foreign-acronym: a known foreign acronym of an international organization."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk.diagnostics import Diagnostic
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.translation._acronyms import suspect_diagnostics


class ForeignAcronym(Rule):
    """## What it does
    Finds the acronym of an international organization in another language (OTAN for NATO,
    ONU for UN, UE for EU, OMS for WHO, FMI for IMF, OCDE for OECD, EE.UU. for US, ODKB for
    CSTO...) in English text that does not use the English acronym. The forms come from
    copydesk's table `data/foreign_acronyms.tsv` (Spanish, French, Portuguese, Italian,
    German, and Russian in Cyrillic and transliterated), each with its source.

    A form that is also an ordinary English acronym (BCE "before the common era", CPI
    "consumer price index", UA, CIO...) is reported only when another foreign form in the same
    document shows that it was translated. A form the document defines is left alone.

    ## Why is this bad?
    English readers know NATO, not OTAN. A foreign acronym left in the text is the mark of a
    translation nobody edited, and readers may not recognise the organization at all.

    ## Example
    ```text
    The ONU and the OTAN condemned the attack.
    ```

    ## Use instead
    ```text
    The UN and NATO condemned the attack.
    ```

    ## Fix safety
    Unsafe: the acronym is replaced by the English one (and "a"/"an" before it follows). The
    replacement is right for the organization, but the sentence around it may need more work
    (English says "NATO", not "the NATO").
    """

    code = "MT102"
    name = "foreign-acronym"
    message = "Foreign acronym `{form}`: {reason}"
    languages = frozenset({"en"})
    fix_availability = "always"
    examples = (
        Example(
            bad="The ONU condemned the attack.",
            flagged="ONU",
            fixed="The UN condemned the attack.",
            unsafe=True,
        ),
        Example(
            bad="Russia leads the ODKB, a military alliance.",
            flagged="ODKB",
            fixed="Russia leads the CSTO, a military alliance.",
            unsafe=True,
        ),
        Example(
            bad="Trade between China and EE.UU. fell.",
            flagged="EE.UU.",
            fixed="Trade between China and US fell.",
            unsafe=True,
        ),
        Example(
            bad="Talks at the ООН went on.",
            flagged="ООН",
            fixed="Talks at the UN went on.",
            unsafe=True,
        ),
        # An ambiguous form corroborated by another foreign form in the same document.
        Example(
            bad="The OTAN and the UA sent observers.",
            flagged="UA",
            fixed="The NATO and the AU sent observers.",
            unsafe=True,
        ),
        # Ambiguous forms alone are English acronyms.
        Example(good="The temple was built in the third century BCE."),
        Example(good="The CPI rose 3 percent in May."),
        # Defined in the document: the writer's choice.
        Example(good="The Cour pénale internationale (CPI) sat in The Hague."),
        # A well-known acronym is not foreign just because another language shares it.
        Example(good="The WHO and NATO issued statements."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        return suspect_diagnostics(self, doc, "foreign")
