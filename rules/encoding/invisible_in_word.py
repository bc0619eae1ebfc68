"""EN005 invisible-character-in-word."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Fix, Severity
from copydesk.document import Block, Document
from copydesk.rule import Example, Rule
from copydesk.rules.encoding._edit import locate
from copydesk.rules.encoding._mojibake import inside, repaired_positions
from copydesk.rules.translation._lexicon import document_lexicon

NAMES = {
    "\u200b": "zero-width space",
    "\u2060": "word joiner",
    "\u00ad": "soft hyphen",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
}
# Removing these changes nothing a reader sees (at most a line-break opportunity).
HARMLESS = frozenset("\u200b\u2060\u00ad")
# In HTML these are the page's line-breaking hints (what `&shy;` and `<wbr>` are for).
BREAK_HINTS = frozenset("\u200b\u00ad")
RUN = patterns.compile(r"[\u200b\u2060\u00ad\u200c\u200d]+")
_INVISIBLE = frozenset("\u200b\u2060\u00ad\u200c\u200d")
# Letters of scripts that separate words with spaces, digits, and combining accents. Thai,
# Lao, Khmer, Myanmar, Chinese and Japanese mark word boundaries with a zero-width space, so a
# zero-width space between two of their letters is no damage.
SPACED = patterns.compile(
    r"[\p{Latin}\p{Greek}\p{Cyrillic}\p{Armenian}\p{Georgian}\p{Hebrew}\p{Nd}\p{Script=Inherited}]"
)
# Joiners shape Arabic, Persian and Indic text and build emoji sequences (`🏳️‍🌈`): only
# between two European letters are they certainly stray.
EUROPEAN = patterns.compile(r"[\p{Latin}\p{Greek}\p{Cyrillic}\p{Script=Inherited}]")
LETTER = patterns.compile(r"[\p{L}\p{M}\p{Nd}]")


class InvisibleCharacterInWord(Rule):
    """## What it does
    Finds invisible characters inside a word: zero-width space (U+200B), word joiner (U+2060)
    and soft hyphen (U+00AD) between two letters or digits of a language that separates words
    with spaces, and zero-width (non-)joiners (U+200C, U+200D) between two Latin, Greek or
    Cyrillic letters. A byte-order mark inside the text is EN006.

    Only inside a word is this damage. At a word's edge, between words, on a line of its own
    (a spacer paragraph), next to punctuation (`example.​com`, written that way to stop
    auto-linking) or in an emoji sequence the character may be deliberate and is left alone.
    So is a zero-width space between Thai, Khmer, Chinese or Japanese letters, where it marks a
    word boundary, and a joiner in Arabic, Persian or Indic text, where it shapes letters. A
    character written as an entity (`&shy;` in HTML or Markdown) is a deliberate hyphenation
    hint and is left alone, and in an HTML file so are raw soft hyphens and zero-width spaces:
    there they tell the browser where it may break the word, which is their job. In plain text
    and Markdown they are what was left when the text was copied out of such a page.

    ## Why is this bad?
    The word looks right but is not the word: search, spell-checking, word counts and
    translation memory all miss `Not­fall­daten` (with soft hyphens) when looking for
    `Notfalldaten`. They are usually left over from HTML hyphenation or a CMS.

    ## Example
    ```text
    The co\u200boperation agreement (with a zero-width space inside "cooperation")
    ```

    ## Use instead
    ```text
    The cooperation agreement
    ```

    ## Fix safety
    Safe for zero-width spaces, word joiners and soft hyphens: removing them changes nothing a
    reader sees. Unsafe for zero-width (non-)joiners, which can be deliberate ligature control.
    """

    code = "EN005"
    name = "invisible-character-in-word"
    message = "Invisible {what} inside the word `{word}`"
    severity = Severity.WARNING
    fix_availability = "always"
    examples = (
        Example(
            bad="The co\u200boperation agreement",
            flagged="\u200b",
            fixed="The cooperation agreement",
        ),
        Example(
            bad="den Not\u00adfall\u00addaten\u00adsatz",
            flagged="\u00ad",
            fixed="den Notfalldatensatz",
        ),
        Example(bad="a 12\u2060000 rise", flagged="\u2060", fixed="a 12000 rise"),
        Example(bad="Auf\u200c\u200clage", flagged="\u200c\u200c", fixed="Auflage", unsafe=True),
        Example(good="Line one\n\n\u200b\n\nLine two"),
        Example(good="Visit example.\u200bcom or write @\u200bhandle."),
        Example(good="a word\u200b and US \u00adforces"),
        Example(good="Pride 🏳️\u200d🌈 month"),
        Example(good="ภาษา\u200bไทย"),
        Example(good="می\u200cخواهم"),
        Example(good="<p>Not&shy;fall</p>", filename="a.html"),
        Example(good="<p>Not\u00adfall\u00addaten</p>", filename="a.html"),
        Example(
            bad="<p>co\u2060operation</p>",
            flagged="\u2060",
            fixed="<p>cooperation</p>",
            filename="a.html",
        ),
        # Part of mojibake (`Ã\xad` is `í` read as Latin-1): EN001 reports it, not this rule.
        Example(good="eliminado o antÃ\xadgeno e mantidos"),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        html = doc.format == "html"
        if _INVISIBLE.isdisjoint(document_lexicon(doc).non_ascii_chars):
            return  # (no block has one when the document has none: one test)
        for block in doc.blocks:
            text = block.text
            if text.isascii() or not any(c in text for c in _INVISIBLE):
                continue  # none of the characters (five searches for one character, in C)
            repaired: list[tuple[int, int]] | None = None
            for m in RUN.finditer(text):
                a, b = m.span()
                run = m.group()
                if a == 0 or b >= len(text):
                    continue
                before, after = text[a - 1], text[b]
                harmless = all(c in HARMLESS for c in run)
                if html and all(c in BREAK_HINTS for c in run):
                    continue
                pattern = SPACED if harmless else EUROPEAN
                if not (pattern.match(before) and pattern.match(after)):
                    continue
                if not (LETTER.match(before) and LETTER.match(after)):
                    continue
                if _from_markup(doc, block, a, b):
                    continue
                if repaired is None:
                    repaired = repaired_positions(doc, block)
                if inside(repaired, a, b):
                    continue  # `Ã\xad` is mojibake of `í`: EN001's business
                edit = block.edit(a, b, "")
                what = " and ".join(dict.fromkeys(NAMES[c] for c in run))
                fix = None
                if edit is not None:
                    fix = (
                        Fix.safe(f"Remove the {what}", edit)
                        if harmless
                        else Fix.unsafe(f"Remove the {what}", edit)
                    )
                s, e, _ = locate(doc, block, a, b)
                yield self.diagnostic(
                    s, e, fix=fix, what=f"{what} ({_codes(run)})", word=_word(text, a, b)
                )


def _codes(run: str) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(run))


_WORD_BEFORE = patterns.compile(r"[\p{L}\p{M}\p{Nd}\u200b\u2060\u00ad\u200c\u200d]{0,40}$")
_WORD_AFTER = patterns.compile(r"[\p{L}\p{M}\p{Nd}\u200b\u2060\u00ad\u200c\u200d]{0,40}")
_SHOW = str.maketrans(dict.fromkeys(NAMES, "|"))


def _word(text: str, a: int, b: int) -> str:
    """The word around `[a, b)` (up to 40 characters each side), invisible characters as `|`."""
    before = _WORD_BEFORE.search(text, max(0, a - 40), a)
    after = _WORD_AFTER.match(text, b)
    s = before.start() if before else a
    e = after.end() if after else b
    return text[s:e].translate(_SHOW)


def _from_markup(doc: Document, block: Block, a: int, b: int) -> bool:
    """True when the characters are not verbatim in the source (an entity such as `&shy;`)."""
    if not block.contiguous(a, b):
        return True
    s, e = block.span(a, b)
    return doc.text[s:e] != block.text[a:b]
