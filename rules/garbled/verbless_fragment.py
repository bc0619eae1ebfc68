"""GS103 verbless-fragment."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Severity
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.garbled._lexicon import zipf

WORD = patterns.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*")
# Five WORDs from the start, with what `findall` skips before and between them: a sentence
# that has five words is no fragment, known without listing all its words (most sentences).
# Possessive, as nothing is to be given back: linear.
FIVE_WORDS = patterns.compile(r"[^\p{L}\p{N}]*+(?:[\p{L}\p{N}][\p{L}\p{N}'’-]*+[^\p{L}\p{N}]*+){5}")
# Words of a time expression: what is left when a translation drops the clause around it.
TIME = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december today yesterday tomorrow tonight "
    "morning afternoon evening night week weekend month year earlier later last next this "
    "that".split()
)
# Words that may stand beside the time words in such a fragment.
GLUE = frozenset("on in at for from by with of to the a an during since until after".split())


class VerblessFragment(Rule):
    """## What it does
    Finds a "sentence" of one to four words after a full sentence of the same paragraph that
    is only a time expression, names and prepositions, with no verb: `wrote in X earlier.
    Twitteron Tuesday.` It is what is left when a translation or an edit broke a sentence
    and dropped the clause around a time phrase.

    Opt-in (not in the default selection): it is a heuristic without a part-of-speech tagger,
    and a writer may use such fragments on purpose (`Not yet. Next week.`).

    ## Why is this bad?
    The fragment belongs to the sentence before it, or lost its verb; either way the reader
    has to guess what happened when.

    ## Example
    ```text
    Luke Coffey wrote on X earlier. Twitter on Tuesday.
    ```

    ## Use instead
    ```text
    Luke Coffey wrote on X, formerly Twitter, on Tuesday.
    ```

    ## Fix safety
    No fix: the missing words cannot be guessed.
    """

    code = "GS103"
    name = "verbless-fragment"
    message = "Verbless fragment `{fragment}` after a full sentence: part of a broken sentence?"
    severity = Severity.WARNING
    default_enabled = False
    languages = frozenset({"en"})
    examples = (
        Example(
            bad="Coffey wrote in X earlier. Twitteron Tuesday.",
            flagged="Twitteron Tuesday.",
        ),
        Example(
            bad="The ministry confirmed the attack. On Wednesday morning.",
            flagged="On Wednesday morning.",
        ),
        Example(good="Will it end? On Tuesday."),
        Example(good="On Tuesday. The ministry confirmed the attack."),
        Example(good="The ministry confirmed the attack. Not on Tuesday."),
        Example(good="DL Myles Garrett 57 77% 1 tackle (1 combined). 3 QH."),
        Example(good="The ministry confirmed the attack. Police arrived."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        sentences = doc.sentences
        for k in range(1, len(sentences)):
            s, prev = sentences[k], sentences[k - 1]
            if prev.block is not s.block or not prev.text.endswith("."):
                continue
            text = s.text
            if not text.endswith(".") or FIVE_WORDS.match(text):
                continue
            if len(prev.text.split()) < 4:
                continue
            words = WORD.findall(text)
            if 1 <= len(words) <= 4 and _verbless(words):
                yield self.block_diagnostic(s.block, s.start, s.end, fragment=text)


def _verbless(words: list[str]) -> bool:
    """Only time words, prepositions, numbers and names, and at least one time word."""
    has_time = False
    for i, w in enumerate(words):
        lw = w.lower()
        if lw in TIME:
            has_time = True
        elif lw in GLUE or w.isdigit():
            continue
        elif not (w[0].isupper() and (i > 0 or zipf(lw) < 3.0)):
            return False  # a common word, maybe a verb ("Police arrived"), or lower case
    return has_time
