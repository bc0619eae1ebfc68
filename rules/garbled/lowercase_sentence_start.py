"""GS001 lowercase-sentence-start."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.garbled._lexicon import zipf
from copydesk.sentences import is_abbreviation, token_before

# A period right after a letter or digit, spaces, then a lower-case letter. Not across a line
# break: in plain text the lines of one paragraph are often separate items (lists, addresses).
# Not after another period (an ellipsis) and not `!`/`?` ("Yahoo! in", "“Why?” she asked").
PATTERN = patterns.compile(r"(?<=[\p{L}\p{N}])\.[ \t\u00a0]+(?=\p{Ll})")
# The word after the period: letters with inner apostrophes, hyphens and dots.
NEXT_WORD = patterns.compile(r"[\p{L}\p{M}\p{N}]+(?:['’.\-_/@][\p{L}\p{M}\p{N}]+)*")
# Lower-case name particles that may start a sentence ("de Blasio said", "van Gogh painted").
PARTICLES = frozenset(
    "de del della di da das dos du des van von der den ter ten zu la le al el bin ibn ben "
    "ap af av y e".split()
)
# A list marker on its own ("a) ...", "ii. ...") after a period is an inline list, not a sentence.
LIST_LABEL = patterns.compile(r"(?:[a-z]|[ivxlc]{1,5})[.)]")


class LowercaseSentenceStart(Rule):
    """## What it does
    Finds a period followed by a word in lower case, like `Nagorno-Karabakh. agreed`: either a
    stray period splits one sentence in two, or the next sentence lost its capital.

    It knows the abbreviations that a lower-case word may follow (`a.m.`, `Co.`, `Ltd.`,
    `etc.`, `e.g.`, `U.S.`, `Sept.`, `Mr.`, `vs.`), initials (`J. smith`), ellipses, numbered
    list markers, URLs, e-mail addresses and file names, name particles (`de Blasio`), and
    product names that start in lower case (`iPhone`, `eBay`).

    ## Why is this bad?
    Machine translation and segment joining leave periods in the middle of sentences. The
    reader stumbles on a sentence that starts mid-thought.

    ## Example
    ```text
    Armenians control Nagorno-Karabakh. agreed to a ceasefire proposed by Moscow.
    ```

    ## Use instead
    ```text
    Armenians control Nagorno-Karabakh agreed to a ceasefire proposed by Moscow.
    ```

    ## Fix safety
    Unsafe: the fix removes the period, which is right when the period is stray. When a
    sentence really ends there and the next one lost its capital letter, capitalize instead.
    English only: the abbreviation tables are English.
    """

    code = "GS001"
    name = "lowercase-sentence-start"
    message = "Lower-case `{word}` after a period: a stray period in the middle of a sentence?"
    severity = Rule.severity
    languages = frozenset({"en"})
    fix_availability = "always"
    examples = (
        Example(
            bad="Armenians control Nagorno-Karabakh. agreed to a ceasefire proposed by Moscow.",
            flagged="Nagorno-Karabakh. agreed",
            fixed="Armenians control Nagorno-Karabakh agreed to a ceasefire proposed by Moscow.",
            unsafe=True,
        ),
        Example(
            bad="The deal was signed in 2019. the talks went on for months.",
            flagged="2019. the",
            fixed="The deal was signed in 2019 the talks went on for months.",
            unsafe=True,
        ),
        Example(
            bad="The. order is valued at $8.8 billion.",
            flagged="The. order",
            fixed="The order is valued at $8.8 billion.",
            unsafe=True,
        ),
        Example(
            bad="After a lukewarm initial impression. we've adopted it.",
            flagged="impression. we've",
            fixed="After a lukewarm initial impression we've adopted it.",
            unsafe=True,
        ),
        Example(good="He left at 5 a.m. and came back at 6 p.m. on Friday."),
        Example(
            good="Apple Inc. said on Monday that Foo Co. and Bar Ltd. are partners, etc. and so on."
        ),
        Example(good="Fruit, e.g. apples, and the U.S. economy, i.e. the largest one."),
        Example(good="On Sept. 5 he met J. smith and Dr. jones."),
        Example(good="I wasn’t really ... well, what I mean...see . . . what I'm saying."),
        Example(good="He bought the new phone. iPhone sales rose, and eBay. eBay listings fell."),
        Example(good="Visit www.example.com. or write to jane.doe@example.com. today"),
        Example(good="It was Mayor Bill de Blasio. de Blasio said no."),
        Example(good="She works at Yahoo! in the accounting department. “Why?” she asked."),
        Example(good="She turned to him, 'This is great.' she said."),
        Example(good="Options: 1. a red one 2. a blue one."),
        Example(good="The mayor of South Bend, Ind. said so. He was at the ID. event."),
        Example(good="Sorry.\nclick to copy"),
        Example(good="on. meth. dot. com.\nwe’re. on. it."),
        Example(good="It was cheap on Prime Day 2019. ecobee redesigned it."),
        Example(good="The first item. b) The second item."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for block in doc.blocks:
            text = block.text
            if "." not in text:
                continue  # no period (a heading, a list item): spare the pattern's set-up
            for m in PATTERN.finditer(text):
                dot = m.start()
                word_m = NEXT_WORD.match(text, m.end())
                if word_m is None:
                    continue
                word = word_m.group()
                if not self._stray(text, dot, word):
                    continue
                # The flagged span runs from the start of the word before the period.
                a = dot
                while a > 0 and not text[a - 1].isspace():
                    a -= 1
                edit = block.edit(dot, dot + 1, "")
                fix = Fix.unsafe("Remove the stray period", edit) if edit else None
                yield self.block_diagnostic(block, a, word_m.end(), fix=fix, word=word)

    @staticmethod
    def _stray(text: str, dot: int, word: str) -> bool:
        """True when the period at `dot` before the lower-case `word` is not explained."""
        before = token_before(text, dot)
        if not before or is_abbreviation(before) or not before.isascii():
            return False  # an abbreviation; a foreign word ("Admón.") may be one too
        # The whole whitespace-delimited token: URLs, e-mail addresses, file names, versions.
        start = dot
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        if any(c in text[start:dot] for c in "./@_\\#=&"):
            return False
        if before.isupper() and len(before) <= 3:
            return False  # a short capitalised abbreviation ("ID. models", "PT. the")

        if before.isdigit() and len(before) <= 2:
            return False  # a list marker ("1. a red one 2. a blue one"), not a year or amount
        if any(c.isupper() or c.isdigit() for c in word[1:]) or any(c in word for c in "./@_"):
            return False  # iPhone, eBay, mRNA, my6sense; example.com
        if word in PARTICLES or zipf(word) < 2.0:
            return False  # "de Blasio"; a rare word in lower case is a name ("ecobee")
        nxt = dot + 1
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        after = nxt + len(word)
        if _starts_sentence(text, start) and text[after : after + 1] in (".", "!", "?"):
            return False  # one-word sentences in a row: a slogan ("on. meth. dot. com.")
        if text.startswith(("://", "www"), after) or word == "www":
            return False  # a URL
        return LIST_LABEL.match(text, nxt) is None


def _starts_sentence(text: str, i: int) -> bool:
    """True when the word at `i` is the first of its line or follows a sentence terminator."""
    j = i
    while j > 0 and text[j - 1] in " \t\u00a0":
        j -= 1
    return j == 0 or text[j - 1] in "\n.!?…:"
