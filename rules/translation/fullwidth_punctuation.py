"""MT408 fullwidth-punctuation: Chinese and Japanese punctuation in English text."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns, rx
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.translation._lexicon import document_lexicon, lexicon

# Full-width forms of ASCII punctuation, the ideographic comma and full stop, and corner
# brackets (used as quotation marks), with what English writes instead. A trailing space is
# added where the mark ends a clause and a word follows directly.
MAP = {
    "，": ",",
    "、": ",",
    "。": ".",
    "．": ".",
    "：": ":",
    "；": ";",
    "！": "!",
    "？": "?",
    "（": "(",
    "）": ")",
    "「": "“",
    "」": "”",
    "『": "‘",
    "』": "’",
    "【": "[",
    "】": "]",
    "＂": '"',
    "＇": "'",
    "～": "~",
}
SPACED_AFTER = frozenset("，、。．：；！？")
PATTERN = patterns.compile("[" + rx.escape("".join(MAP)) + "]")
_MARKS = frozenset(MAP)
_CJK = patterns.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_LATIN = patterns.compile(r"[\p{Latin}\d]")


class FullwidthPunctuation(Rule):
    """## What it does
    Finds full-width (CJK) punctuation next to Latin text: "the talks，which", "it ended。The",
    "（see below）".

    Punctuation between Chinese, Japanese or Korean characters belongs to that text (the
    foreign-script rule reports the text itself) and is left alone.

    ## Why is this bad?
    Chinese and Japanese input methods and machine translation from those languages leave
    full-width marks that take a whole character cell: they show as odd gaps in English.

    ## Example
    ```text
    The talks ended，and both sides left。
    ```

    ## Use instead
    ```text
    The talks ended, and both sides left.
    ```

    ## Fix safety
    Safe: each mark becomes its ASCII or English counterpart (corner brackets become curly
    quotes), with a space after a comma, stop, colon, semicolon, ! or ? when a word follows
    directly.
    """

    code = "MT408"
    name = "fullwidth-punctuation"
    message = "Full-width `{mark}` in English text: write `{ascii}`"
    languages = frozenset({"en"})
    fix_availability = "always"
    examples = (
        Example(
            bad="The talks ended，and both sides left。",
            flagged="，",
            fixed="The talks ended, and both sides left.",
        ),
        Example(bad="Why？ Nobody knows.", flagged="？", fixed="Why? Nobody knows."),
        Example(bad="Prices rose （see below）.", flagged="（", fixed="Prices rose (see below)."),
        Example(good="会谈结束，双方离开。"),
        Example(good="The talks ended, and both sides left."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if _MARKS.isdisjoint(document_lexicon(doc).non_ascii_chars):
            return  # (no block has a mark when the document has none: one test)
        for block in doc.blocks:
            text = block.text
            if block.text.isascii() or _MARKS.isdisjoint(lexicon(doc, block).non_ascii_chars):
                continue  # the marks are not ASCII: the block's non-ASCII characters tell
            for m in PATTERN.finditer(text):
                a = m.start()
                before = text[a - 1 : a].strip() or text[a - 2 : a - 1]
                after = text[a + 1 : a + 2].strip() or text[a + 2 : a + 3]
                if _CJK.match(before) or _CJK.match(after):
                    continue
                if not (_LATIN.match(before) or _LATIN.match(after)):
                    continue
                mark = m.group()
                new = MAP[mark]
                if mark in SPACED_AFTER and text[a + 1 : a + 2].isalnum():
                    new += " "
                edit = block.edit(a, a + 1, new)
                fix = Fix.safe(f"Write `{new.strip()}`", edit) if edit else None
                yield self.block_diagnostic(block, a, a + 1, fix=fix, mark=mark, ascii=new.strip())
