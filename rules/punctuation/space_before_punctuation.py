"""PU201 space-before-punctuation."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from copydesk import patterns, rx
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Block, Document
from copydesk.rule import Example, Rule
from copydesk.rules.punctuation._common import (
    CLOSERS,
    MARK_AFTER_SPACE,
    next_visible,
    prose_index,
    screen_hits,
)

# Spaces or tabs between a word (or a closing mark) and , ; : ! ? or a period. Only ASCII
# space and tab: a no-break or narrow no-break space before ; : ! ? is French typography,
# which the MT family reports in English text.
PATTERN = patterns.compile(r"(?<=[\w”’\"')\]%])(?P<space>[ \t]+)(?P<mark>[,;:!?.])")
# A mark after a space or a tab: where a match ends (its hits come from `MARKS`'s, see
# `screen_hits`).
SCREEN = MARK_AFTER_SPACE
_AFTER = patterns.compile(r"[\w”’\"')\]%]")


@cache
def _may_precede(c: str) -> bool:
    """`c` is in `PATTERN`'s look-behind set."""
    return _AFTER.match(c) is not None


def matches(text: str, starts: Iterable[int] | None = None) -> Iterator[rx.Match[str]]:
    """`PATTERN.finditer(text)`, from the screen's hits (`re`, far faster than `regex` trying
    the look-behind at every character; `starts`: where they start, when the caller has them).
    A match's spaces are the whole run of spaces before its mark (inside the run, a space
    precedes, which the look-behind refuses)."""
    if starts is None:
        starts = [c.start() for c in SCREEN.finditer(text)]
    for s in starts:  # the mark; the spaces before it are the run
        while s > 0 and text[s - 1] in " \t":
            s -= 1
        if s > 0 and _may_precede(text[s - 1]):
            m = PATTERN.match(text, s)
            if m is not None:
                yield m


# A smiley (":)", ";-)", ":D") is not a colon or semicolon.
SMILEY_TAIL = frozenset(")(DPpO/\\|[]3*-")
# Languages that put a space before ; : ! ? (French), and those whose web text commonly
# spaces a colon ("VIP : 60,000₩" in Korean): there a spaced colon is a convention.
SPACED_LANGUAGES = frozenset({"fr"})
SPACED_COLON_LANGUAGES = frozenset({"fr", "ko", "ja", "zh"})


LABEL_LINE_WORDS = 6


def _is_label_line(text: str, after_colon: int) -> bool:
    """A short line `label : value` with no sentence punctuation: a list entry, not prose."""
    start = text.rfind("\n", 0, after_colon) + 1
    end = text.find("\n", after_colon)
    line = text[start : end if end >= 0 else len(text)].rstrip()
    value = line[after_colon - start :].strip()
    return bool(value) and len(line.split()) <= LABEL_LINE_WORDS and line[-1] not in ".!?"


_DOTS_AFTER = patterns.compile(r"[ \t]*[.…]")


class SpaceBeforePunctuation(Rule):
    """## What it does
    Finds a space before `,` `;` `:` `!` `?` or a sentence-final period.

    ## Why is this bad?
    English (and German, Spanish, Italian...) sets these marks directly after the word.
    A space before them is typical of tokenized or machine-translated text and of
    copy-pasted segments; a line break may then strand the mark at the start of a line.

    ## Example
    ```text
    The senator , who chairs the panel , spoke on Tuesday .
    ```

    ## Use instead
    ```text
    The senator, who chairs the panel, spoke on Tuesday.
    ```

    ## Fix safety
    Safe: the spaces are removed; a comma or semicolon glued to the next word (`word ,next`)
    trades places with its space.

    Not reported: a period before a digit (`.5`) or a name (`.NET`, `.txt`), spaced
    ellipses (`. . .`), smileys (`:)`), ratios and scores (`3 : 1`), `; : ! ?` in French
    documents, a spaced colon in Korean, Japanese and Chinese ones, and in a short line that
    lists a label and a value (`VIP : 60,000₩`).
    A no-break space before `; : ! ?` is French typography, which the MT family reports.
    """

    code = "PU201"
    name = "space-before-punctuation"
    message = "Space before `{mark}`"
    fix_availability = "always"
    examples = (
        Example(
            bad="The senator , who chairs it, spoke.",
            flagged=" ,",
            fixed="The senator, who chairs it, spoke.",
        ),
        Example(
            bad="It was on its annual recess .", flagged=" .", fixed="It was on its annual recess."
        ),
        Example(bad="Is it over ?", flagged=" ?", fixed="Is it over?"),
        Example(bad="See tweets :\n\nMore here.", flagged=" :", fixed="See tweets:\n\nMore here."),
        Example(bad="Stop it !", flagged=" !", fixed="Stop it!"),
        Example(bad="He called it “a farce” .", flagged=" .", fixed="He called it “a farce”."),
        Example(bad="Apples ,pears and plums.", flagged=" ,", fixed="Apples, pears and plums."),
        Example(bad="First ; second.", flagged=" ;", fixed="First; second."),
        Example(bad="Then ,, the end.", flagged=" ,", fixed="Then,, the end."),
        Example(good="The rate is .5 percent."),
        Example(good="Install .NET and open the .txt file."),
        Example(good="I wasn't really . . . well, you know."),
        Example(good="The ratio was 3 : 1 in favour."),
        Example(good="Thanks for coming :) See you."),
        Example(
            bad="The question is : is it right?",
            flagged=" :",
            fixed="The question is: is it right?",
        ),
        Example(good="VIP : 60,000원 R : 50,000원 S : 40,000원 공연 문의", language="ko"),
        Example(good="Tickets\nVIP : 60,000₩\nR : 50,000₩"),
        Example(good="Qu'est-ce que c'est ? Je ne sais pas : demande à Paul !", language="fr"),
        Example(good="Il a dit\u202f: bonjour\u00a0!"),
        Example(good="A line\n, then a wrapped comma."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        index = prose_index(doc)
        for k, starts in screen_hits(index, SCREEN).items():  # (blocks with a mark after a space)
            block = index.blocks[k]
            text = block.text
            for m in matches(text, starts):
                mark = m.group("mark")
                fix_kind = self._classify(text, m)
                if fix_kind is None:
                    continue
                if mark in ";:!?" and doc.language in SPACED_LANGUAGES:
                    continue
                if mark == ":" and doc.language in SPACED_COLON_LANGUAGES:
                    continue
                yield self._diagnostic(block, m, fix_kind)

    @staticmethod
    def _classify(text: str, m: rx.Match[str]) -> str | None:
        """ "delete" (drop the spaces), "swap" (`word ,next`), or None when not an error."""
        mark = m.group("mark")
        a, b = m.span()
        after = text[b] if b < len(text) else ""
        ends = not after or after.isspace() or after in CLOSERS
        digit_before = text[a - 1].isdigit()
        if mark in ";:" and after in SMILEY_TAIL:
            return None
        if mark == ".":
            if not ends or _DOTS_AFTER.match(text, b):
                return None  # ".NET", ".5", ". . ." (a spaced ellipsis)
            if digit_before and next_visible(text, b).isdigit():
                return None  # "1 . 2"
            return "delete"
        if mark in ",;":
            # `word ,, next` (PU102 takes the doubled mark next), but not `,,Das` (a quote)
            if ends or after in ";:." or (after == "," and not text[b + 1 : b + 2].isalnum()):
                return "delete"
            if after.isalpha() and after != "'":
                return "swap"
            return None
        if mark == ":":
            if not ends:
                return None  # ":smile:", "10 :30"
            if digit_before and next_visible(text, b).isdigit():
                return None  # a ratio or a score, "3 : 1"
            if _is_label_line(text, b):
                return None  # "VIP : 60,000₩", a list of labels and values
            return "delete"
        # ! and ?
        if ends or after in "!?":
            return "delete"
        return None

    def _diagnostic(self, block: Block, m: rx.Match[str], kind: str) -> Diagnostic:
        a, b = m.span()
        mark = m.group("mark")
        if kind == "swap":
            edit = block.edit(a, b, mark + " ")
            message = f"Put the space after `{mark}`"
        else:
            edit = block.edit(a, m.end("space"), "")
            message = "Remove the space"
        fix = Fix.safe(message, edit) if edit else None
        return self.block_diagnostic(block, a, b, fix=fix, mark=mark)
