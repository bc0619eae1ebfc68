"""BP107 repeated-template-line: a line that recurs across many files of one run."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Iterator, Mapping
from itertools import compress, repeat
from operator import lt, not_
from typing import Any, ClassVar

from copydesk.diagnostics import Diagnostic, Severity
from copydesk.digest import blake2b
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.boilerplate._lines import (
    MAX_UNIT_CHARS,
    Unit,
    line_texts,
    line_units,
    lines_of,
    normalize,
    removal_fixes,
)
from copydesk.rules.boilerplate._phrases import known_chrome_among, matcher

# A key longer than a digest is sent as its digest: the pre-pass ships every file's keys to
# the main process (and its cache), and most are whole sentences. A digest (hex, no spaces)
# can never equal a line of several words, and 128 bits do not collide in practice.
_DIGEST_OVER = 32


def _key(text: str) -> str:
    key = normalize(text)
    if len(key) <= _DIGEST_OVER:
        return key
    return blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _keys(texts: list[str]) -> list[str]:
    """`[_key(t) for t in texts]` in any order, each key once: the pre-pass keys every long
    line of every file (normalized through C-level maps, each distinct key digested once)."""
    keys = list(set(map(normalize, texts)))
    over = list(map(lt, repeat(_DIGEST_OVER), map(len, keys)))  # longer than a digest
    out = list(compress(keys, map(not_, over)))
    # (A comprehension: digests through `map` and `partial` cost more.)
    out += [
        blake2b(k.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        for k in compress(keys, over)
    ]
    return out


def _over_cap(key: str) -> str:
    """The key counted for a line longer than `MAX_UNIT_CHARS` besides `key` (see `collect`):
    a normalized line never starts with a space, so no other key can equal it."""
    return " " + key


class RepeatedTemplateLine(Rule):
    """## What it does
    Finds lines that recur, word for word, in a large share of the files checked together:
    the same line (after whitespace, case and quote normalization) of at least `min-words`
    words (default 5) in at least `min-share` of the files (default 0.5) and in at least
    `min-count` files (default 3), when the run has at least `min-files` files (default 4).
    A site's template (a newsletter prompt, a disclaimer, a footer sentence) repeats on every
    page scraped from it; an article's own sentences do not.

    The runner counts the lines of every file in a first pass (a hash table of normalized
    lines, each counted once per file), so the cost is one pass more over the text. A single
    file, the Python API and stdin have no run to compare with, and the rule stays silent.

    ## Why is this bad?
    Text that every page of a site carries is the site's, not the article's.

    ## Example
    ```text
    The plant will close in May.

    Sign up for the Morning Briefing to get our best stories.
    ```
    (with the last line in most of the files of the run)

    ## Use instead
    ```text
    The plant will close in May.
    ```

    ## Fix safety
    Unsafe: the fix removes the line. Articles of one series can share a sentence on purpose
    (a standing correction, a background paragraph), so a reader should confirm.
    """

    code = "BP107"
    name = "repeated-template-line"
    message = "Line repeated in {count} of {files} files (template text)"
    severity = Severity.WARNING
    fix_availability = "always"
    collects = True
    options: ClassVar[Mapping[str, Any]] = {
        "min-words": 5,
        "min-share": 0.5,
        "min-count": 3,
        "min-files": 4,
    }
    examples = (
        Example(good="Sign up for the Morning Briefing to get our best stories."),
        Example(
            bad="Sign up for the Morning Briefing to get our best stories.",
            flagged="Sign up for the Morning Briefing to get our best stories.",
            # One file is a run of one: the threshold needs no other files here.
            options={"min-files": 1, "min-count": 1, "min-share": 0.0},
            fixed="",
            unsafe=True,
        ),
    )

    def _long(self, texts: list[str]) -> list[int]:
        """Indexes of the lines of at least `min-words` words."""
        return list(compress(range(len(texts)), self._long_mask(texts)))

    def _long_texts(self, texts: list[str]) -> list[str]:
        """The lines of `texts` of at least `min-words` words (`_long`'s, as texts)."""
        return list(compress(texts, self._long_mask(texts)))

    def _long_mask(self, texts: list[str]) -> list[bool]:
        """Whether each line has at least `min-words` words."""
        min_words = int(self.settings["min-words"])
        shortest = 2 * min_words - 1  # `min-words` words and the spaces between them
        # split() with a limit stops after `min-words` words instead of splitting a long line.
        return [
            len(t) >= shortest and len(t.split(None, min_words - 1)) >= min_words for t in texts
        ]

    def collect(self, doc: Document) -> Iterable[Hashable]:
        """The keys of the file's long lines that are not known chrome, counted once per file.

        Known chrome is told apart without the phrase tables (this pass runs on every file
        before any other rule, and matching each long line is most of its cost): the tables
        match a line by its key, except that a line longer than `MAX_UNIT_CHARS` never matches.
        So when no two lines share a span (`known_chrome_flags`), every long line's key is
        counted, and a line over the cap also under `_over_cap(key)`: `check` reads the plain
        count for a key the tables do not match (the lines that bear it are not chrome), and
        the over-the-cap count for a key they do match (only such lines bear it outside
        chrome). Otherwise (some HTML, where chrome is told by span) chrome is left out here.
        """
        long = self._plain_long(doc)
        if long is None:
            texts = line_texts(doc)
            idx = self._long(texts)
            if not lines_of(doc).distinct_spans:
                chrome = known_chrome_among(doc, idx)
                idx = [i for i, c in zip(idx, chrome, strict=True) if not c]
            long = [texts[i] for i in idx]
        keys = _keys(long)
        over = [t for t in long if len(t) > MAX_UNIT_CHARS]
        if over:
            keys += map(_over_cap, _keys(over))
        return keys

    def _plain_long(self, doc: Document) -> list[str] | None:
        """The long lines of a plain-text file as `Lines` would have them, straight from its
        text (None for other files, when the document's lines are built already, or when
        `min-words` is below 1).

        The pre-pass runs on a document of its own, before the main pass parses the file
        again: splitting the text is all it needs of the parse and of `Lines`. Every non-blank
        line of a plain-text file is a line of one of its paragraphs, in order, and no two
        share a span (`Lines.distinct_spans`). A line keeps a CR that `Lines` drops (the one
        of a CRLF): it counts for no word, and `normalize` drops it, so only the length of a
        line over the cap could differ, and such a file takes the `Lines` path.
        """
        if doc.format != "text" or "boilerplate:lines" in doc.cache:
            return None
        if int(self.settings["min-words"]) < 1:
            return None  # every line would be long, blank ones too, which `Lines` has not
        long = self._long_texts(doc.text.split("\n"))
        if "\r" in doc.text and any(len(t) > MAX_UNIT_CHARS and t.endswith("\r") for t in long):
            return None
        return long

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        run = doc.run
        files = max(run.files, 1)  # the API checks one document without a run
        if files < int(self.settings["min-files"]):
            return
        need = max(
            int(self.settings["min-count"]),
            math.ceil(float(self.settings["min-share"]) * files),
        )
        if self.code in run.counts and run.peak(self.code) < need:
            # No line of the run is in enough files (most runs): no work per line.
            return
        found: list[tuple[Unit, int]] = []
        lines = line_units(doc)
        texts = line_texts(doc)
        long = self._long(texts)
        chrome = known_chrome_among(doc, long)
        for i in [i for i, c in zip(long, chrome, strict=True) if not c]:
            key = _key(texts[i])
            # A line over the cap whose key the tables match (see `collect`).
            if len(texts[i]) > MAX_UNIT_CHARS and matcher().match_key(normalize(texts[i])):
                key = _over_cap(key)
            # Without a pre-pass (a run of one), the document counts for itself.
            count = run.count(self.code, key) if self.code in run.counts else 1
            if count >= need:
                found.append((lines[i], count))
        fixes = removal_fixes(doc, [u for u, _ in found], "Remove the template line", safe=False)
        for (unit, count), fix in zip(found, fixes, strict=True):
            text = unit.text.strip()
            a = unit.start + len(unit.text) - len(unit.text.lstrip())
            yield self.diagnostic(
                *unit.span_of(a, a + len(text)), fix=fix, count=count, files=files
            )
