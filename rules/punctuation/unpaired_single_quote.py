"""PU304 unpaired-single-quote."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk.diagnostics import Diagnostic
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.punctuation._pairs import pairs

# Indonesian and Malay write the Arabic letter ʿayn as `‘` at the start of names
# (Siti ‘Aisyah, ‘Umar): not an opening quote.
TRANSLITERATING = frozenset({"id", "ms"})


class UnpairedSingleQuote(Rule):
    """## What it does
    Finds an opening single quotation mark (`‘` or `'` before a word) that is never closed
    in its paragraph.

    ## Why is this bad?
    Single quotes mark headline quotations and quotations inside quotations. A lost
    closing mark leaves the reader guessing where the quoted words end.

    ## Example
    ```text
    Putin’s ‘mini-NATO is in danger.
    ```

    ## Use instead
    ```text
    Putin’s ‘mini-NATO’ is in danger.
    ```

    ## Fix safety
    No fix: where the missing mark belongs is a guess.

    Only opening marks are judged, because a closing `’` cannot be told from an apostrophe
    (`the drivers’ union`, `goin’`). Elisions that start with an apostrophe are not quotes:
    `’em`, `rock ’n’ roll`, `’til`, `’cause`, `the ’90s`, and clitics split off by a
    tokenizer (`Senate ’s`). A quotation that continues in the next paragraph (which then
    starts with an opening quote) is fine.
    """

    code = "PU304"
    name = "unpaired-single-quote"
    message = "Quotation opened with `{mark}` is never closed"
    fix_availability = "none"
    examples = (
        Example(bad="Putin’s ‘mini-NATO is in danger.", flagged="‘"),
        Example(bad="The sign said 'keep out and we did.", flagged="'"),
        Example(good="Putin’s ‘mini-NATO’ is in danger as the drivers’ union walks out."),
        Example(good="Rock ’n’ roll in the ’90s: ‘em and ’til and 'cause."),
        Example(good="“He told me ‘no’ twice,” she said."),
        Example(good="The details of the Senate 's meeting."),
        Example(good="He sang 'em all, from 'Yesterday' to 'Help!'"),
        Example(good="그는 이 문제를 ‘데이트 폭력’이라고 분명히 했다."),
        Example(good="Menghina istri Nabi Siti ‘Aisyah ra dan menghina sahabat.", language="id"),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if doc.language in TRANSLITERATING:
            return
        for bp in pairs(doc):
            for u in bp.single:
                yield self.block_diagnostic(bp.block, u.pos, u.pos + 1, mark=u.mark)
