"""GS101 repeated-sentence."""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from itertools import compress, repeat
from typing import Any, ClassVar

from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Block, Document, Sentence
from copydesk.rule import Example, Rule

_TEXT = operator.attrgetter("text")


def _key(text: str) -> str:
    return " ".join(text.split())


def _keys(texts: Iterable[str]) -> list[str]:
    """`_key` of each text.

    Most sentences have no white space but single spaces and line breaks inside: their key is
    the text with spaces for its line breaks, stripped of spaces, and needs no split. The
    others have a character that is not printable (every kind of white space but the space is
    not) or two spaces in a row, found with C-level maps: a Python loop over the sentences
    would cost more than the rest of the rule.
    """
    keys = list(map(str.strip, map(str.replace, texts, repeat("\n"), repeat(" ")), repeat(" ")))
    odd = set(compress(range(len(keys)), map(operator.not_, map(str.isprintable, keys))))
    odd.update(compress(range(len(keys)), map(str.__contains__, keys, repeat("  "))))
    for k in odd:
        keys[k] = _key(keys[k])
    return keys


class RepeatedSentence(Rule):
    """## What it does
    Finds a sentence of at least `min-words` words (default 6) that repeats, word for word,
    an earlier sentence of the same document; the later copies are reported. Questions are
    left alone (an interviewer may ask each guest the same one), and so are sentences whose
    whole paragraph is repeated: that is BP105 (duplicate-paragraph).

    ## Why is this bad?
    Segment joins and scrapers duplicate sentences: a translated segment inserted twice, a
    pull quote that repeats a sentence of the body, a teaser glued to the first paragraph.

    ## Example
    ```text
    The talks ended on Friday without a deal. Both sides blamed each other. The talks ended
    on Friday without a deal.
    ```

    ## Use instead
    ```text
    The talks ended on Friday without a deal. Both sides blamed each other.
    ```

    ## Fix safety
    Unsafe: the fix removes the later copy and the space before it, which is right for a
    duplicated segment; a refrain repeated on purpose should stay. There is no fix when the
    copy is a paragraph on its own (removing it is BP105's job) or holds markup.
    """

    code = "GS101"
    name = "repeated-sentence"
    message = "Sentence repeated from line {line}"
    fix_availability = "sometimes"
    options: ClassVar[Mapping[str, Any]] = {"min-words": 6}
    examples = (
        Example(
            bad="The talks ended on Friday without a deal. Both sides blamed each other. "
            "The talks ended on Friday without a deal.",
            flagged="The talks ended on Friday without a deal.",
            fixed="The talks ended on Friday without a deal. Both sides blamed each other.",
            unsafe=True,
        ),
        Example(
            bad="The talks ended on Friday without a deal.\n\n"
            "Both sides blamed each other. The talks ended on Friday without a deal. Then more.",
            flagged="The talks ended on Friday without a deal.",
            fixed="The talks ended on Friday without a deal.\n\n"
            "Both sides blamed each other. Then more.",
            unsafe=True,
        ),
        Example(good="It ended. Both sides blamed each other. It ended."),
        Example(
            good="What did you eat this morning, then? Yes. What did you eat this morning, then?"
        ),
        Example(
            good="The talks ended on Friday without a deal, they said.\n\n"
            "The talks ended on Friday without a deal, they said."
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        min_words = int(self.settings["min-words"])
        seen: dict[str, Sentence] = {}
        block_keys: dict[int, str] = {}  # a page is often one block: normalize it once

        def block_key(block: Block) -> str:
            key = block_keys.get(id(block))
            if key is None:
                key = block_keys[id(block)] = _keys([block.text])[0]
            return key

        sentences = doc.sentences
        keys = _keys(map(_TEXT, sentences))
        # Only a key that occurs twice can be reported: the others are found in C.
        counts = Counter(keys)
        if len(counts) == len(keys):
            return
        # Repeated keys of `min-words` words or more that are no question: tested once a key,
        # not once a copy (a Markdown page repeats its short menu items many times).
        repeated = {
            key
            for key, n in counts.items()
            if n > 1
            and (key.count(" ") + 1 if key else 0) >= min_words
            and not key.endswith(("?", "?”", '?"'))
        }
        if not repeated:
            return
        for k in compress(range(len(keys)), map(repeated.__contains__, keys)):
            s, key = sentences[k], keys[k]
            first = seen.get(key)
            if first is None:
                seen[key] = s
                continue
            if first.block is not s.block and block_key(first.block) == block_key(s.block):
                continue  # the whole paragraph is repeated: BP105
            fix = None
            if block_key(s.block) != key:
                # Remove the copy with the space before it (or after it, at a paragraph start).
                nxt = sentences[k + 1] if k + 1 < len(sentences) else None
                if k > 0 and sentences[k - 1].block is s.block:
                    edit = s.block.edit(sentences[k - 1].end, s.end, "")
                elif nxt is not None and nxt.block is s.block:
                    edit = s.block.edit(s.start, nxt.start, "")
                else:
                    edit = None
                fix = Fix.unsafe("Remove the repeated sentence", edit) if edit else None
            line = doc.row_col(first.block.to_source(first.start))[0]
            yield self.block_diagnostic(s.block, s.start, s.end, fix=fix, line=line)
