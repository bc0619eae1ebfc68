"""MT201 resumptive-pronoun: a named subject repeated as a pronoun ("Vladimir Putin he has")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from copydesk import patterns, rx
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Block, Document
from copydesk.joined import joined
from copydesk.rule import Example, Rule
from copydesk.rules.translation._words import word_set

# A name (capitalized words or an acronym), an optional bracketed insertion, then a pronoun and
# the word after it. Names are one to four words; the pronoun must be lower case.
_NAME_WORD = r"(?:\p{Lu}[\p{Ll}'’]*(?:-\p{Lu}?[\p{Ll}'’]+)*|\p{Lu}{2,6})"
CANDIDATE = patterns.compile(
    r"(?<![\p{L}\p{N}'’-])(?P<name>" + _NAME_WORD + r"(?: " + _NAME_WORD + r"){0,3})"
    r"(?P<ins> [\[(][^\[\]()\n]{2,100}[\])])?"
    r" (?P<pro>he|she|they|it) (?P<next>\p{Ll}+)(?![\p{L}'’-])"
)


def _zipf(word: str) -> float:
    """Word frequency (the garbled family's table), imported on first use: importing that
    package imports every rule of it."""
    from copydesk.rules.garbled._lexicon import zipf

    return zipf(word)


_WORD = patterns.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*")
_NOT_WORD = patterns.compile(r"[^\p{L}\p{N}'’-]")  # a character no word holds
_HAS_PRONOUN = patterns.compile(r"\p{L}[\])]? (?:he|she|they|it) \p{Ll}")
# Where the clause of the name begins: a terminator, a colon or semicolon, a comma, a dash,
# an opening quote or bracket.
_CLAUSE_BREAK = patterns.compile(r"[.!?;:,—–\"“”‘«»\[\]()\n]| - ")


class ResumptivePronoun(Rule):
    """## What it does
    Finds a subject that is named and then repeated as a pronoun: "the Russian leader Vladimir
    Putin he has not been able to". The pronoun must be followed by a verb (has, is, said, will,
    a past tense...), and the name must be the subject of its clause: names after a
    preposition ("in Bavaria they are", "according to Reuters it could"), after a verb that
    takes an object and a clause ("told Putin he had"), or in a clause that already has a
    subject ("when he met Putin he said") are left alone, and so are capitalized words that are
    not names ("Yesterday he said", "Meanwhile it was").

    A subject followed by a bracketed or parenthetical insertion is checked too: "Two members of
    the OTS [the Organization of Turkic States] they are also found".

    ## Why is this bad?
    Several languages (Arabic, Hebrew, colloquial Spanish and French with dislocation, and
    machine translation from them) restate the subject as a pronoun. English does not: the
    sentence reads as broken, or as if two subjects were meant.

    ## Example
    ```text
    Pashinyan said that the Russian leader Vladimir Putin he has not been able to help.
    ```

    ## Use instead
    ```text
    Pashinyan said that the Russian leader Vladimir Putin has not been able to help.
    ```

    ## Fix safety
    Unsafe: removing the pronoun is right when the name is the subject, which copydesk can only
    guess without parsing the sentence ("When in Rome they..." style clauses with a missing
    comma are excluded by the guards, but not every such clause can be).
    """

    code = "MT201"
    name = "resumptive-pronoun"
    message = "Resumptive pronoun: `{pronoun}` repeats the subject `{subject}`"
    languages = frozenset({"en"})
    fix_availability = "always"
    examples = (
        Example(
            bad="He said that the Russian leader Vladimir Putin he has not been able to help.",
            flagged="he",
            fixed="He said that the Russian leader Vladimir Putin has not been able to help.",
            unsafe=True,
        ),
        Example(
            bad="Angela Merkel she said the talks had failed.",
            flagged="she",
            fixed="Angela Merkel said the talks had failed.",
            unsafe=True,
        ),
        Example(
            bad="The Kremlin it announced new measures on Monday.",
            flagged="it",
            fixed="The Kremlin announced new measures on Monday.",
            unsafe=True,
        ),
        Example(
            bad="“Two members of the OTS [the Organization of Turkic States] they are also found.”",
            flagged="they",
            fixed="“Two members of the OTS [the Organization of Turkic States] are also found.”",
            unsafe=True,
        ),
        Example(
            bad="Vladimir Putin (the Russian president) he will not attend.",
            flagged="he",
            fixed="Vladimir Putin (the Russian president) will not attend.",
            unsafe=True,
        ),
        Example(good="Beer is cheap in Bavaria they are proud of it."),
        Example(good="According to Reuters it could take weeks."),
        Example(good="Trump told Putin he had to leave."),
        Example(good="When he met Putin he said little."),
        Example(good="In a meeting with the Russian leader Vladimir Putin he said little."),
        Example(good="Yesterday he said he would stay. Meanwhile it was raining."),
        Example(good="On Monday they were in Paris."),
        Example(good="After leaving Google she founded a start-up."),
        Example(good="Like many Americans they have doubts."),
        Example(good="As CEO he has the final say."),
        Example(good="Thank you Mom she said."),
        Example(good="In 2019 (when the law passed) they were in Paris."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        blocks = doc.blocks
        for k, anchors in document_anchors(doc).items():
            block = blocks[k]
            gate: bool | None = None  # _HAS_PRONOUN, looked for once there is a candidate
            for m in candidates(block.text, anchors):
                # The verb test first: it is a set look-up, and `_subject` may ask wordfreq.
                if not _is_verb(m.group("next"), m.group("pro")):
                    continue
                if gate is None:
                    gate = _HAS_PRONOUN.search(block.text) is not None
                if not gate:
                    break
                subject = self._subject(block, m)
                if subject is None:
                    continue
                a, b = m.span("pro")
                edit = block.edit(a, m.start("next"), "")
                fix = Fix.unsafe(f"Remove `{m.group('pro')}`", edit) if edit else None
                yield self.block_diagnostic(
                    block, a, b, fix=fix, pronoun=m.group("pro"), subject=subject
                )

    def _subject(self, block: Block, m: rx.Match[str]) -> str | None:
        """The subject the pronoun repeats, or None when the name is not a subject."""
        words = m.group("name").split(" ")
        before = _clause_words(block.text, m.start("name"))
        # Capitalized words that open the sentence but are not names ("In Bavaria", "Yesterday",
        # "Meanwhile", "Monday", "See it now", "What’s he") belong to the context before it.
        function = _not_subject_words()
        while words and (_base(words[0]) in function or _base(words[0]).endswith(("ly", "ing"))):
            before.append(words.pop(0))
        if not words or any(_base(w) in word_set("not_names") for w in words):
            return None
        at_clause_start = not before or before[-1].lower() in word_set("clause_openers")
        if at_clause_start and len(words) == 1 and _common_word(words[0]):
            return None  # "Police they said", "Trump he": a common word, maybe not a name
        if m.group("ins") is not None and _noun_phrase_subject(before):
            return " ".join([*before, *words])
        if not _name_is_subject(before):
            return None
        return " ".join(words)


@cache
def _not_subject_words() -> frozenset[str]:
    return (
        word_set("not_names")
        | word_set("prepositions")
        | word_set("clause_openers")
        | word_set("object_verbs")
    )


# -- finding the candidates without running CANDIDATE over the whole text -------------------
#
# CANDIDATE tries its look-behind and a name at every position, which costs about as much as
# every other translation rule together. Its matches are found instead from the places that
# can hold one: every match has " he ", " she ", " they " or " it " (the anchor) after its name
# and optional insertion, lies within one line, and
# - ends at the end of the word after the pronoun: before the first white space after it;
# - starts after the fourth space before the anchor (a name has at most three), or, with an
#   insertion (the anchor then follows a closing bracket), after the fourth space before the
#   insertion, which is at most 103 characters long;
# - without an insertion, has a name word ending at the anchor: the run of letters,
#   apostrophes and hyphens before the anchor starts with a capital.
# So each anchor that can end a name gives an interval that holds every match with that
# pronoun; CANDIDATE.finditer over the merged intervals gives the matches that finditer over
# the whole text gives. (A match never ends at an interval's end, which is just after a white
# space, so cutting the text there changes no look-ahead.)

_ANCHOR = patterns.compile_re(r" (?:he|she|they|it)(?= )")
_INSERTION = 103  # " [" + at most 100 characters + "]"
_NAME_TAIL = patterns.compile(r"(?<![\p{L}'’-])\p{Lu}[\p{L}'’-]*\Z")
_SPACE = patterns.compile(r"\s")


def _back(text: str, at: int, floor: int) -> int:
    """The position after the fourth space before `at` (not before `floor`)."""
    for _ in range(4):
        at = text.rfind(" ", floor, at)
        if at < 0:
            return floor
    return at + 1


def anchors(text: str) -> list[int]:
    """Where every anchor's first space is, in order, by one scan for a space that begins one
    (`re`; a match ends before the anchor's last space, so anchors sharing a space, " it it ",
    are each found; the pronoun matched, not looked ahead for, costs less)."""
    return list(map(_START, _ANCHOR.finditer(text)))


_START = re.Match.start


def document_anchors(doc: Document) -> dict[int, list[int]]:
    """`anchors` of each block that has some, by block index, in order: from one scan of the
    blocks joined by newlines (`copydesk.joined`; a Markdown page has hundreds of short blocks,
    most without an anchor). An anchor is a space, a pronoun and a space: it holds no newline,
    so the joined text has the blocks' anchors and no other."""
    view = joined(doc)
    return view.by_block(anchors(view.text))


def _intervals(text: str, found: list[int] | None = None) -> list[tuple[int, int]]:
    """The merged intervals that hold every match (see above), from the anchors (`found`: the
    text's `anchors`, when the caller has them)."""
    spans: list[tuple[int, int]] = []
    for at in anchors(text) if found is None else found:
        word = text[text.rfind(" ", 0, at) + 1 : at]
        if word.isascii() and word.isalpha() and word.islower():
            # "that he", "said it": the word before is lower-case letters, no name ends
            # here (the test below, in short)
            continue
        # The anchor's line (looked for back from it: a web page has thousands of short lines
        # and few anchors that pass the test above).
        line = text.rfind("\n", 0, at) + 1
        if text[at - 1 : at] in (")", "]"):
            start = _back(text, max(line, at - _INSERTION), line)
        else:
            start = _back(text, at, line)
            if _NAME_TAIL.search(text, start, at) is None:
                start = -1  # no capitalized word before the pronoun: no name
        if start >= 0:
            # (After the pronoun, which ends at the next space: the anchor is " word ".)
            space = _SPACE.search(text, text.find(" ", at + 1) + 1)
            spans.append((start, space.end() if space is not None else len(text)))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def candidates(text: str, found: list[int] | None = None) -> Iterator[rx.Match[str]]:
    """`CANDIDATE.finditer(text)`, searched only where a match can be (see above; `found`: the
    text's `anchors`, when the caller has them)."""
    for a, b in _intervals(text, found):
        yield from CANDIDATE.finditer(text, a, b)


def _base(word: str) -> str:
    low = word.lower()
    for suffix in ("’s", "'s"):
        if low.endswith(suffix):
            return low[: -len(suffix)]
    return low


def _common_word(word: str) -> bool:
    """A capitalized word that is mostly an ordinary English word (zipf above 4.5)."""
    if word.isupper():
        return False
    return _zipf(word) > 4.5


def _clause_words(text: str, end: int) -> list[str]:
    """The words between the start of the clause and `end` (the last eight)."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(text, max(0, end - 200), end):
        start = m.end()
    # With no clause break in reach the clause starts at the text's start: read back only as
    # far as eight words need (from just after a character no word holds, where reading from
    # `start` would also begin a word), not the whole text before every candidate.
    reach = 200
    while True:
        at = max(start, end - reach)
        gap = _NOT_WORD.search(text, at, end) if at > start else None
        if at == start or gap is not None:
            words = [w.group() for w in _WORD.finditer(text, gap.end() if gap else at, end)]
            if len(words) >= 8 or at == start:
                return words[-8:]
        reach *= 2


def _name_is_subject(before: list[str]) -> bool:
    """No preposition, subject pronoun or object-taking verb between the clause start and the
    name: then the name begins the clause's subject ("that the Russian leader Putin he")."""
    preps = word_set("prepositions")
    pronouns = word_set("subject_pronouns")
    verbs = word_set("object_verbs")
    conj = word_set("clause_openers")
    for w in reversed(before):
        low = w.lower()
        if low in conj:
            return True  # "that Putin he": the clause starts here
        if low in preps or low in pronouns or low in verbs:
            return False
        if w[0].islower() and len(low) >= 4 and (low.endswith("ed") or low.endswith("ing")):
            return False  # "after meeting Putin he", "criticized Biden they"
    return True


def _noun_phrase_subject(before: list[str]) -> bool:
    """A clause that opens with a noun phrase and nothing else: "Two members of the OTS"."""
    if not before or len(before) > 7:
        return False
    first = before[0].lower()
    determiners = word_set("determiners")
    if first not in determiners and not before[0][0].isupper():
        return False
    if first in word_set("prepositions") or first in word_set("clause_openers"):
        return False
    preps = word_set("prepositions") - {"of"}
    verbs = word_set("object_verbs") | word_set("subject_pronouns")
    for w in before[1:]:
        low = w.lower()
        if low in preps or low in verbs or low.endswith("ed") or low.endswith("ing"):
            return False
    return True


def _is_verb(word: str, pronoun: str) -> bool:
    """The word after the pronoun is a verb: an auxiliary, a listed verb, a past tense, or a
    present tense in -s after he, she or it ("Putin he wants")."""
    if word in word_set("verbs"):
        return True
    if len(word) >= 4 and word.endswith("ed"):
        return True
    if word in word_set("not_verbs_in_s"):
        return False
    return pronoun != "they" and len(word) >= 4 and word.endswith("s") and not word.endswith("ss")
