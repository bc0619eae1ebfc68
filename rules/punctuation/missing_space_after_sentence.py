"""PU202 missing-space-after-sentence."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from copydesk import patterns, rx
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.punctuation._common import (
    MARK_BEFORE_CAPITAL,
    prose_index,
    screen_hits,
    screened_matches,
)

# A word, a sentence terminator, maybe a closing double quote, and a capitalized word right
# after it: "killed.The", "over?Yes", "said.”The". The capitalized word must go on in lower
# case, so "U.S.A", "ASP.NET" and "Ph.D" never match.
# The single-letter words "A" and "I" count too ("body.A cell").
PATTERN = patterns.compile(
    r"(?<=[\p{L}\d%)])(?P<mark>[.!?])(?P<quote>[”\"]?)(?P<next>\p{Lu}\p{Ll}+|[AI](?=[\s’']))"
)
# Where a match can start: a mark, maybe a quote, and a character that may be a capital (the
# class leaves out only characters that are none); its hits come from `MARKS`'s (see
# `screen_hits`), not from trying `PATTERN`'s look-behind at every character.
SCREEN = MARK_BEFORE_CAPITAL


def matches(text: str, starts: Iterable[int] | None = None) -> Iterator[rx.Match[str]]:
    """`PATTERN.finditer(text)`: a match starts at its mark and holds no other, so the matches
    are those of `PATTERN.match` where the screen finds a mark (`starts`: where the screen's
    hits start, when the caller has them)."""
    return screened_matches(PATTERN, SCREEN, text, starts)


DECIMAL = patterns.compile(r"\d\.\d")
# Characters that make a token a URL, an e-mail address, a path or code.
NOT_PROSE = patterns.compile(r"[@/\\=_#~:<>|{}\[\]]|www\.", rx.IGNORECASE)
TRAILING = ".,;:!?”’\"')]}"
# A capitalized "word" after a dot that is a domain, a file extension or a framework suffix
# ("Amazon.Com", "Node.Js", "Report.Pdf").
# Two-letter domains that are also sentence starters ("in", "it", "me", "us", "es") are
# left out on purpose.
SUFFIXES = frozenset(
    "com net org edu gov mil int info biz io uk eu de fr ru cn jp au ca tv ly fm ai app dev "
    "js ts jsx py rb rs php asp aspx html htm xml json pdf doc docx xls xlsx ppt pptx txt csv "
    "rtf jpg jpeg png gif svg webp mp3 mp4 mov avi zip rar exe dll css".split()
)


class MissingSpaceAfterSentence(Rule):
    """## What it does
    Finds a sentence that ends and the next that starts with no space between them:
    `killed.The`, `over?Yes`, `said.”The`.

    ## Why is this bad?
    Joining scraped paragraphs or translated segments often drops the space between two
    sentences. Readers stumble over the glued words, and search and sentence splitting treat
    them as one token.

    ## Example
    ```text
    A 57-year-old man was arrested on Wednesday.Police said he acted alone.
    ```

    ## Use instead
    ```text
    A 57-year-old man was arrested on Wednesday. Police said he acted alone.
    ```

    ## Fix safety
    Unsafe: inserting the space is almost always right, but a token like `Vue.Js`,
    `Yahoo!News` or a product name with a dot may be meant as written.

    Not reported: URLs, e-mail addresses, paths and code (a token with `/`, `@`, `\\`, `_`,
    `=`, `:` or `www.`), tokens with more than one dot (`U.S.Army`, `www.DearAbby.com`),
    decimals (`3.5`), initials (`J.Doe`), domains and file extensions (`Amazon.Com`,
    `Report.Pdf`), and dotted names in upper case (`ASP.NET`, `U.S.A`).
    """

    code = "PU202"
    name = "missing-space-after-sentence"
    message = "No space after `{mark}` before `{word}`"
    fix_availability = "always"
    examples = (
        Example(
            bad="He was arrested on Wednesday.Police said he acted alone.",
            flagged=".",
            fixed="He was arrested on Wednesday. Police said he acted alone.",
            unsafe=True,
        ),
        Example(
            bad="Is it over?Yes, it is.", flagged="?", fixed="Is it over? Yes, it is.", unsafe=True
        ),
        Example(
            bad="He said “it is over.”The crowd cheered.",
            flagged=".”",
            fixed="He said “it is over.” The crowd cheered.",
            unsafe=True,
        ),
        Example(
            bad="Es gab Verluste.Weder die TK noch IBM.",
            flagged=".",
            fixed="Es gab Verluste. Weder die TK noch IBM.",
            unsafe=True,
        ),
        Example(good="Write to www.DearAbby.com or to jane.Doe@example.com today."),
        Example(good="See https://example.com/Index.Html for details."),
        Example(good="The U.S.Army base and the U.S.A. are here."),
        Example(good="It grew 3.5 percent on ASP.NET and Ph.D programs."),
        Example(good="Shop at Amazon.Com and try Node.Js."),
        Example(good="Written by J.Doe last year."),
        Example(
            bad="They played a game.It was fun.",
            flagged=".",
            fixed="They played a game. It was fun.",
            unsafe=True,
        ),
        Example(good="Rep. David McKinley, R-W.Va., visited the border."),
        Example(good="A Ph.D student and the U.S.A team."),
        Example(
            bad="It asked for $22.6bn.And it got it.",
            flagged=".",
            fixed="It asked for $22.6bn. And it got it.",
            unsafe=True,
        ),
        Example(
            bad="It was a mission.A rover will fly in 2022.",
            flagged=".",
            fixed="It was a mission. A rover will fly in 2022.",
            unsafe=True,
        ),
        Example(
            bad="Said the dean of the School of Public Health.Commented: “Yes.”",
            flagged=".",
            fixed="Said the dean of the School of Public Health. Commented: “Yes.”",
            unsafe=True,
        ),
        Example(good="Call String.Format(value) in the code."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        index = prose_index(doc)
        # (The blocks with a mark the screen finds.)
        for k, starts in screen_hits(index, SCREEN).items():
            block = index.blocks[k]
            text = block.text
            for m in matches(text, starts):
                if not self._is_sentence_join(text, m):
                    continue
                a = m.start()
                b = m.end("quote")
                edit = block.edit(b, b, " ")
                fix = Fix.unsafe("Insert a space", edit) if edit else None
                yield self.block_diagnostic(
                    block, a, b, fix=fix, mark=text[a:b], word=m.group("next")
                )

    @staticmethod
    def _is_sentence_join(text: str, m: rx.Match[str]) -> bool:
        start = m.start()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = m.end()
        while end < len(text) and not text[end].isspace():
            end += 1
        core = text[start:end].rstrip(TRAILING).lstrip("“\"'‘(")
        if NOT_PROSE.search(core):
            return False
        if text[m.end() : m.end() + 1] == "(":
            return False  # a call in code: "String.Format("
        if sum(DECIMAL.sub("", core).count(c) for c in ".!?") > 1:
            return False
        word = text[start : m.start()].lstrip("“\"'‘(").rsplit("-", 1)[-1]
        if len(word) <= 1:
            return False  # an initial
        return m.group("next").lower() not in SUFFIXES
