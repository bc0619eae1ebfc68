"""MT406 inverted-punctuation: Spanish ¿ and ¡ opening an English sentence."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Document
from copydesk.joined import joined
from copydesk.rule import Example, Rule
from copydesk.rules.translation._lexicon import document_lexicon
from copydesk.rules.translation._words import word_set

# The mark, the clause it opens, and that clause's closing mark when there is one.
PATTERN = patterns.compile(r"([¿¡])\s?([^¿¡?!\n]{0,300})([?!]?)")
_WORD = patterns.compile(r"\p{L}+")
_SPANISH_LETTER = patterns.compile(r"[áéíóúñüÁÉÍÓÚÑÜ]")


_MARKS = ("¿", "¡")  # (every match holds one)


class InvertedPunctuation(Rule):
    """## What it does
    Finds the Spanish opening marks ¿ and ¡ at the start of an English question or
    exclamation: "¿What will happen next?".

    A Spanish phrase quoted as such ("¡No pasarán!", "¿Qué pasa?") is left alone: its words are
    not English (the foreign-text rules judge longer ones).

    ## Why is this bad?
    English has no opening question or exclamation mark. Machine translation from Spanish
    (or Galician, Asturian) keeps it.

    ## Example
    ```text
    ¿What will the government do now?
    ```

    ## Use instead
    ```text
    What will the government do now?
    ```

    ## Fix safety
    Unsafe: removing the mark is right for an English clause; the check that the clause is
    English looks at its words only.
    """

    code = "MT406"
    name = "inverted-punctuation"
    message = "Spanish opening `{mark}` in an English sentence"
    languages = frozenset({"en"})
    fix_availability = "always"
    examples = (
        Example(
            bad="¿What will the government do now?",
            flagged="¿",
            fixed="What will the government do now?",
            unsafe=True,
        ),
        Example(
            bad="He asked: ¡ this is not over!",
            flagged="¡",
            fixed="He asked: this is not over!",
            unsafe=True,
        ),
        Example(good="The crowd chanted “¡No pasarán!” all night."),
        Example(good="“¿Qué pasa?” she asked."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        english = word_set("english_function")
        if document_lexicon(doc).non_ascii_chars.isdisjoint(_MARKS):
            return  # (none of the marks, from the set of the document's non-ASCII characters)
        blocks = doc.blocks
        # (The blocks with one of the marks, by `str.find` in the blocks joined.)
        for k in joined(doc).holding(*_MARKS):
            block = blocks[k]
            for m in PATTERN.finditer(block.text):
                clause = m.group(2)
                words = [w.lower() for w in _WORD.findall(clause)]
                if not words or not any(w in english for w in words):
                    continue  # a Spanish phrase quoted as such
                if _SPANISH_LETTER.search(clause):
                    continue  # "¡No pasarán!": Spanish letters
                a = m.start(1)
                edit = block.edit(a, m.start(2), "")
                fix = Fix.unsafe(f"Remove `{m.group(1)}`", edit) if edit else None
                yield self.block_diagnostic(block, a, a + 1, fix=fix, mark=m.group(1))
