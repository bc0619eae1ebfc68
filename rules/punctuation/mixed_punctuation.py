"""PU103 mixed-punctuation-pair."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns, rx
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Block, Document
from copydesk.rule import Example, Rule
from copydesk.rules.punctuation._common import (
    TWO_MARKS,
    is_abbreviation,
    next_visible,
    prose_index,
    screen_hits,
    token_before,
    two_mark_matches,
)

# Two different marks of , ; : . after a word, maybe with spaces between (",.", ".,", ";.",
# ", ."), followed by a space, a closing mark or the end. The first mark must not continue an
# ellipsis ("...,") and the second must not start one (",...") or a number (",.5").
PATTERN = patterns.compile(
    r"(?<=[\w”’\"')\]%])(?<![.…])"
    r"(?P<first>[,;:.])(?P<space>[ \t]*)(?P<second>[,;:.])"
    r"(?=[\s”’\"')\]]|$)"
)
# "&amp;," is an HTML entity (the EN family's business), not a semicolon.
ENTITY = patterns.compile(r"&#?\w{1,10}$")


class MixedPunctuation(Rule):
    """## What it does
    Finds two different punctuation marks side by side after a word: `,.`, `.,`, `;.`,
    `.;`, `,;`, `:.` and their spaced forms like `, .`.

    ## Why is this bad?
    Only one of the two can be right. The pair is left behind when a segment that ended with
    one mark was joined to text that added another, or when an edit replaced only half of
    the punctuation.

    ## Example
    ```text
    The talks ended,. The ceasefire holds.
    The talks ended., and the ceasefire holds.
    ```

    ## Use instead
    ```text
    The talks ended. The ceasefire holds.
    The talks ended, and the ceasefire holds.
    ```

    ## Fix safety
    The fix keeps the period when the next word starts a sentence (a capital letter or the end
    of the paragraph) and the comma or semicolon when it continues in lower case. That choice
    is safe. A pair with a colon, or with no period, is ambiguous: its fix is unsafe.

    A period that ends an abbreviation is not part of a pair: `Inc.,`, `Calif.,`, `U.S.,`,
    `etc.;` and `a.m.:` are correct. Nor is an ellipsis (`...,`), a decimal (`,.5`) or an HTML
    entity (`&amp;,`).
    """

    code = "PU103"
    name = "mixed-punctuation-pair"
    message = "Two punctuation marks `{match}` where one belongs"
    fix_availability = "always"
    examples = (
        Example(
            bad="The talks ended,. The ceasefire holds.",
            flagged=",.",
            fixed="The talks ended. The ceasefire holds.",
        ),
        Example(
            bad="The talks ended., and the ceasefire holds.",
            flagged=".,",
            fixed="The talks ended, and the ceasefire holds.",
        ),
        Example(bad="It was over;.", flagged=";.", fixed="It was over."),
        Example(
            bad="They left, . Then it rained.", flagged=", .", fixed="They left. Then it rained."
        ),
        Example(
            bad="He named three:. apples, pears and plums.",
            flagged=":.",
            fixed="He named three: apples, pears and plums.",
            unsafe=True,
        ),
        Example(good="AccuSoft Inc., the maker, said so."),
        Example(good="He lives in Hartford, Conn., with his family."),
        Example(good="Prices rose in the U.S., the report said."),
        Example(good="Bring pens, paper, etc.; we supply the rest."),
        Example(good="It starts at 9 a.m.: be early."),
        Example(good="And so on..., he said."),
        Example(good="The values were 1,.5 and 2."),
        Example(good="Bread, salt &amp;, pepper."),
        Example(good="Patrick Carlineo Jr., 55, could face ten years."),
        Example(good="Egregio Dir. Amm., le faccio sapere che non funziona.", language="it"),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        index = prose_index(doc)
        # (The few blocks with two marks in a row; the hits are shared with PU102/PU103.)
        for k, starts in screen_hits(index, TWO_MARKS).items():
            block = index.blocks[k]
            text = block.text
            for m in two_mark_matches(PATTERN, text, starts):
                first, second = m.group("first"), m.group("second")
                if first == second:
                    continue  # PU101 and PU102
                a, _b = m.span()
                before = token_before(text, a)
                foreign = doc.language not in (None, "en")
                if first == "." and is_abbreviation(before, capitalized=foreign):
                    continue
                if first == ";" and ENTITY.search(before):
                    continue
                yield self._diagnostic(block, text, m)

    def _diagnostic(self, block: Block, text: str, m: rx.Match[str]) -> Diagnostic:
        first, second = m.group("first"), m.group("second")
        a, b = m.span()
        after = next_visible(text, b)
        pair = {first, second}
        safe = "." in pair and ":" not in pair
        if "." in pair:
            keep = "." if not after or not after.islower() else (pair - {"."}).pop()
            if after and not after.isalpha():
                safe = False
        else:
            keep = second
        edit = block.edit(a + 1, b, "") if keep == first else block.edit(a, b - 1, "")
        fix = None
        if edit is not None:
            message = f"Keep only `{keep}`"
            fix = Fix.safe(message, edit) if safe else Fix.unsafe(message, edit)
        return self.block_diagnostic(block, a, b, fix=fix, match=m.group())
