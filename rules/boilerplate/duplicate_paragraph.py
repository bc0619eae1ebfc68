"""BP105 duplicate-paragraph: the same paragraph twice in one article."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Severity
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.boilerplate._lines import (
    line_texts,
    line_units,
    normalize,
    removal_fixes,
)

# A paragraph of prose ends with a sentence terminator (a closing quote or bracket may follow).
_PROSE_END = patterns.compile(r"[.!][\"”’)\]]?\s*$")
# The ASCII characters for which str.isdigit() holds, and the characters to test one by one.
_ASCII_DIGIT = patterns.compile_re("[0-9]")
_NON_ASCII = patterns.compile_re(r"[^\x00-\x7f]")


def is_prose(text: str, min_words: int) -> bool:
    """A sentence-like paragraph: long enough, ends like a sentence, few numbers.

    Questions (an interviewer's question asked of every guest), lists of quantities (recipes,
    meal plans) and embedded-post signatures ("— Name (@handle) date") repeat on purpose.
    """
    if len(text) < 2 * min_words - 1:
        return False  # too short to hold `min_words` words and the spaces between them
    # The terminator is at most two characters before the whitespace at the end (what `\s`
    # matches, rstrip() strips too): search only there, not the whole paragraph.
    if not _PROSE_END.search(text, max(0, len(text.rstrip()) - 2)):
        return False
    words = text.split()
    if len(words) < min_words:
        return False
    if text.lstrip()[:1] in "—–-•*":
        return False
    if not _has_digit(text):
        return True  # no number at all (most prose)
    # (A word of letters only has no digit: most words are decided without a regex.)
    numeric = sum(1 for w in words if not w.isalpha() and _has_digit(w))
    return numeric * 10 < len(words)


_CLOSERS = '"”’)]'
# What str.rstrip() strips and the pattern's `\s` does not match.
_UNMATCHED_SPACE = ("\x1c", "\x1d", "\x1e", "\x1f")


def ends_like_prose(line: str) -> bool:
    r"""`_PROSE_END.search(line, max(0, len(line.rstrip()) - 2))` for a line (no LF), in plain
    string tests: a period or exclamation mark, maybe a closing quote or bracket, and only
    whitespace after (the `\s` of the pattern, which leaves out U+001C..U+001F)."""
    kept = line.rstrip()
    if not kept:
        return False
    if len(kept) < len(line):
        tail = line[len(kept) :]
        if any(c in tail for c in _UNMATCHED_SPACE):
            return False
    last = kept[-1]
    if last == "." or last == "!":
        return True
    return last in _CLOSERS and len(kept) > 1 and kept[-2] in ".!"


def _has_digit(text: str) -> bool:
    """`any(c.isdigit() for c in text)`, without a Python loop over the ASCII characters."""
    if _ASCII_DIGIT.search(text):
        return True
    return not text.isascii() and any(c.isdigit() for c in _NON_ASCII.findall(text))


class DuplicateParagraph(Rule):
    """## What it does
    Finds a paragraph (a line of text) of at least `min-words` words (default 12) that repeats
    an earlier one of the same file, after whitespace, case and quote normalization. The
    second and later copies are reported. Only prose paragraphs count: they end with a period
    or exclamation mark and hold few numbers; questions (an interviewer asks every guest the
    same one), lists of quantities and embedded-post signatures repeat on purpose.

    ## Why is this bad?
    Scrapers pick up the same text twice: a paragraph repeated in a pull quote, a teaser
    repeated as the first paragraph, a block extracted from two page regions. Readers see the
    same paragraph again.

    ## Example
    ```text
    The plant will close in May, the company said on Monday.

    Workers were told on Friday.

    The plant will close in May, the company said on Monday.
    ```

    ## Use instead
    ```text
    The plant will close in May, the company said on Monday.

    Workers were told on Friday.
    ```

    ## Fix safety
    Unsafe: the fix removes the repeated copy. A repetition can be deliberate (a refrain, a
    quoted slogan in a list), so a reader should confirm.
    """

    code = "BP105"
    name = "duplicate-paragraph"
    message = "Paragraph repeated from line {line}"
    severity = Severity.WARNING
    fix_availability = "always"
    options: ClassVar[Mapping[str, Any]] = {"min-words": 12}
    examples = (
        Example(
            bad=(
                "The plant will close in May after a long review, the company said on Monday.\n\n"
                "Workers were told on Friday.\n\n"
                "The plant will close in May after a long review, the company said on Monday.\n"
            ),
            flagged="The plant will close in May after a long review, the company said on Monday.",
            fixed=(
                "The plant will close in May after a long review, the company said on Monday.\n\n"
                "Workers were told on Friday.\n"
            ),
            unsafe=True,
        ),
        Example(good="Workers were told.\n\nThey left.\n\nWorkers were told.\n"),
        Example(
            good=(
                "What do you like to cook at home when you have a free evening with friends?\n\n"
                "Soup.\n\n"
                "What do you like to cook at home when you have a free evening with friends?\n"
            )
        ),
        Example(
            good="The plant will close in May after a long review, the company said on Monday.\n\n"
            "The plant will close in June after a long review, the company said on Monday.\n"
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        min_words = int(self.settings["min-words"])
        lines = line_units(doc)
        texts = line_texts(doc)
        # A line shorter than this cannot hold `min-words` words and the spaces between them.
        shortest = 2 * min_words - 1
        # Lines by normalized text, among those that end like prose (`is_prose`'s cheapest
        # test). Only a text found twice needs the rest of `is_prose` (its word and digit
        # counts): most lines are never looked at again.
        by_key: dict[str, list[int]] = {}
        first: dict[str, int] = {}  # the first line of each text (most texts have one)
        for i in [i for i, t in enumerate(texts) if len(t) >= shortest]:
            text = texts[i]
            if text.rstrip() is text:  # no space at the end (most lines): inlined
                last = text[-1]
                if not (
                    last == "."
                    or last == "!"
                    or (last in _CLOSERS and len(text) > 1 and text[-2] in ".!")
                ):
                    continue
            elif not ends_like_prose(text):
                continue
            key = normalize(text)
            j = first.setdefault(key, i)
            if j != i:
                group = by_key.get(key)
                if group is None:
                    by_key[key] = [j, i]
                else:
                    group.append(i)
        pairs: list[tuple[int, int]] = []  # (a repeated copy, the first prose copy)
        for group in by_key.values():
            if len(group) > 1:
                prose = [i for i in group if is_prose(texts[i], min_words)]
                pairs.extend((i, prose[0]) for i in prose[1:])
        pairs.sort()
        found = [(lines[i], doc.row_col(lines[j].span[0])[0]) for i, j in pairs]
        fixes = removal_fixes(doc, [u for u, _ in found], "Remove the repeated copy", safe=False)
        for (unit, line), fix in zip(found, fixes, strict=True):
            text = unit.text.strip()
            a = unit.start + len(unit.text) - len(unit.text.lstrip())
            yield self.diagnostic(*unit.span_of(a, a + len(text)), fix=fix, line=line)
