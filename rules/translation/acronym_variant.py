"""MT101 acronym-variant: an undefined acronym, a translated form of one the document uses."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk.diagnostics import Diagnostic
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.translation._acronyms import suspect_diagnostics


class AcronymVariant(Rule):
    """## What it does
    Finds an acronym that the document never defines and that looks like a translated form of
    an acronym the document does define or use: the same letters in another order, the same
    letters less one in another order, or a known foreign form of the same organization (from
    copydesk's table of international organizations, `data/foreign_acronyms.tsv`).

    Definitions are found the way Schwartz & Hearst do it: "Long Form (ACR)", "ACR (Long Form)",
    "ACR [the Long Form]" and "ACR, the Long Form,", with every content word of the long form
    giving the acronym a letter. Acronyms every reader knows (NATO, US, BBC, CEO...) and names
    styled in capitals (POLITICO, IKEA) are left alone, and so is any acronym the document
    defines.

    ## Why is this bad?
    Machine translation renders one organization by two acronyms. Romance languages put the
    words in another order, so the Collective Security Treaty Organization (CSTO) is the OTSC
    in Spanish, and a translation leaves "OTSC", or a garbled "OTC", next to the "CSTO" of the
    English definition. Readers think a second organization is meant.

    ## Example
    ```text
    The Collective Security Treaty Organization (CSTO) met. The OTC is a military alliance.
    ```

    ## Use instead
    ```text
    The Collective Security Treaty Organization (CSTO) met. The CSTO is a military alliance.
    ```

    ## Fix safety
    Unsafe: the acronym is replaced by the one the document uses (and "a"/"an" before it
    follows), which is right when the two name the same organization; an editor should
    confirm that no second organization with that acronym is meant.
    """

    code = "MT101"
    name = "acronym-variant"
    message = "`{form}` is probably `{intended}` translated: {reason}"
    languages = frozenset({"en"})
    fix_availability = "always"
    examples = (
        Example(
            bad="The Collective Security Treaty Organization (CSTO) met. The OTC is an ally.",
            flagged="OTC",
            fixed="The Collective Security Treaty Organization (CSTO) met. The CSTO is an ally.",
            unsafe=True,
        ),
        Example(
            bad="Members of the CSTO met on Monday. The OTSC said it would act.",
            flagged="OTSC",
            fixed="Members of the CSTO met on Monday. The CSTO said it would act.",
            unsafe=True,
        ),
        Example(
            bad="NATO allies met in Vilnius. An OTAN spokesman said the talks went well.",
            flagged="OTAN",
            fixed="NATO allies met in Vilnius. A NATO spokesman said the talks went well.",
            unsafe=True,
            language="en",  # too short for the language vote, and langdetect says "af"
        ),
        Example(
            bad="The International Monetary Fund (IMF) lent more. The FMI's board agreed.",
            flagged="FMI",
            fixed="The International Monetary Fund (IMF) lent more. The IMF's board agreed.",
            unsafe=True,
        ),
        Example(
            bad="He spoke at the North Atlantic Treaty Organization (OTAN) summit.",
            flagged="OTAN",
            fixed="He spoke at the North Atlantic Treaty Organization (NATO) summit.",
            unsafe=True,
        ),
        Example(
            bad="Kazakhstan is in the CSTO. Meanwhile, OTC members issued a statement.",
            flagged="OTC",
            fixed="Kazakhstan is in the CSTO. Meanwhile, CSTO members issued a statement.",
            unsafe=True,
        ),
        # Defined by a bracketed insertion: not a variant of anything.
        Example(good="Two members of the OTS [the Organization of Turkic States] met the CSTO."),
        # Defined in the document, even though its letters are those of another acronym.
        Example(good="The CSTO met the Trade Organization (OTC) of Chile and the OTC agreed."),
        # A letter dropped in order is another organization (IEA next to IAEA).
        Example(good="The IAEA and the IEA met. The IEA said oil demand would rise."),
        # A word in capitals whose letters are those of a defined acronym.
        Example(good="The World Health Organization (WHO) explained HOW it works."),
        # Well-known acronyms and names in capitals.
        Example(good="The CSTO and NATO met; POLITICO and the BBC reported it from the US."),
        # Over-the-counter drugs: OTC is only a CSTO when the document supports that reading.
        Example(good="Most OTC painkillers are safe. The FDA regulates OTC drugs."),
        # ICC and CPI: an economics article, no court in sight.
        Example(good="The CPI rose 3 percent, the ICC said. Prices of oil and gas led the rise."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        return suspect_diagnostics(self, doc, "variant")
