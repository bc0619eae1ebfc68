"""ST103 mixed-dash-style."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, NamedTuple

from copydesk import patterns, rx
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Block, Document
from copydesk.lazy import LazyRegex
from copydesk.rule import Example, Rule, check_choice

# A dash between words, in one of five styles. Spaced forms take their spaces with them so the
# fix can replace the whole thing. Ranges (`1990–95`, `10 - 20`) and compounds (`Paris–Berlin`)
# are not dashes; a dash at the start or end of a line (dialogue, lists) is left alone.
_SP = r"[ \u00a0\u2009\u202f]"
DASH = LazyRegex(
    rf"(?P<em_spaced>{_SP}+—{_SP}+)"
    rf"|(?P<em_closed>(?<=[^\s—])—(?=[^\s—]))"
    rf"|(?P<en_spaced>{_SP}+–{_SP}+)"
    rf"|(?P<double>{_SP}*(?<![-\w])--(?![-\w]){_SP}*|(?<=[a-z])--(?=[a-z]))"
    rf"|(?P<hyphen>{_SP}+-{_SP}+)"
)
FORMS = {"em_spaced": " — ", "em_closed": "—", "en_spaced": " – "}
TYPOGRAPHIC = tuple(FORMS)
LABELS = {
    "em_spaced": "spaced em dash ( — )",
    "em_closed": "closed em dash (—)",
    "en_spaced": "spaced en dash ( – )",
    "double": "double hyphen (--)",
    "hyphen": "spaced hyphen ( - )",
}
STYLES = ("consistent", "em-spaced", "em-closed", "en-spaced")


class DashUse(NamedTuple):
    """A dash of `style` at prose `[start, end)` of `block`."""

    block: Block
    start: int
    end: int
    style: str


# Dashes with a fixed form of their own: a dateline ("BUFFALO, N.Y. — Hours before") and an
# attribution after a quotation ("…the end.” — Neil Gaiman").
_DATELINE = LazyRegex(r"\p{Lu}{3,}\b[^.!?]{0,60}")
_ATTRIBUTION = LazyRegex(r"[^.!?]{1,60}")
# Running prose ends a line with a terminator, maybe inside closing quotes or brackets; list
# entries, product names and titles ("32GB - Black (Renewed)") do not.
_PROSE_END = LazyRegex(r"[.!?…][\"”’')\]]*$")
# "June 14 – Alpharetta": a short capitalised label before the dash, as in schedules and lists.
_LABEL = LazyRegex(r"(?:\p{Lu}\S*|[0-9]\S*)(?:\s+(?:\p{Lu}\S*|[0-9]\S*)){0,2}")


# Every dash match is made of spaces and dashes only, so it lies inside a run of them that
# holds a dash. The runs are found from their first dash by one C-level scan (`re`), and the
# dash pattern (whose look-behinds make `regex` try it at every character) runs only on them.
_SPACES = " \u00a0\u2009\u202f"
# The runs of spaces and dashes (`[—–-][ \u00a0\u2009\u202f—–-]*` from their first dash) that
# `_matches` looks at: those that hold more than one character with the spaces before them, or
# an em dash. A lone hyphen or en dash inside a word ("well-known", "1990–95": most
# runs) is not found at all, so fewer runs come back to Python; the runs found are those
# (a run starting with an em dash, a run of two or more, a lone dash after a space).
_LONG_RUN = patterns.compile_re(
    r"[—–-](?:(?<=—)[ \u00a0\u2009\u202f—–-]*|[ \u00a0\u2009\u202f—–-]+"
    r"|(?<=[ \u00a0\u2009\u202f][–-]))"
)


def _matches(text: str) -> Iterator[rx.Match[str]]:
    """`DASH.finditer(text)`, searched only in the runs of spaces and dashes.

    Matches never reach past a run (its next character is no space or dash), and look-behind
    sees before the search's start; the one character after the run is in range for the
    look-aheads. A lone hyphen or en dash (a compound, a range) holds no match.
    """
    finditer = DASH.finditer
    n = len(text)
    for run in _LONG_RUN.finditer(text):
        s, e = run.span()
        while s > 0 and text[s - 1] in _SPACES:
            s -= 1  # the spaces before the first dash belong to the run
        if e - s == 1 and text[s] != "—":
            continue
        yield from finditer(text, s, min(e + 1, n))


def dash_uses(block: Block) -> Iterator[DashUse]:
    text = block.text
    prose: dict[int, bool] = {}
    for m in _matches(text):
        a, b = m.span()
        # A dash never spans a line break: its line (as `block.lines()` gives it, without the
        # terminator) is the one it starts on, tested once for running prose.
        la = text.rfind("\n", 0, a) + 1
        lb = text.find("\n", b)
        if lb < 0:
            lb = len(text)
        if text[lb - 1 : lb] == "\r" and lb > la:
            lb -= 1
        is_prose = prose.get(la)
        if is_prose is None:
            is_prose = prose[la] = _PROSE_END.search(text[la:lb].rstrip()) is not None
        if not is_prose:
            continue  # a list entry, a title or a label: not running prose
        before = text[la:a].rstrip(" \u00a0\u2009\u202f")
        after = text[b:lb].lstrip(" \u00a0\u2009\u202f")
        if not before or not after:
            continue  # at a line's start or end: a list marker or dialogue, not a dash
        if before[-1].isdigit() and after[0].isdigit():
            continue  # a range or a score: "10 - 20", "3 – 1"
        if _DATELINE.fullmatch(before) or _LABEL.fullmatch(before):
            continue
        if before[-1] in '”"' and _ATTRIBUTION.fullmatch(after):
            continue
        yield DashUse(block, a, b, m.lastgroup or "")


class MixedDashStyle(Rule):
    """## What it does
    Finds dashes written in another style than the one a document mostly uses: a spaced em
    dash (`word — word`, AP), a closed em dash (`word—word`, Chicago) or a spaced en dash
    (`word – word`, many British papers). Typewriter dashes (`word - word`, `word -- word`) are
    flagged when the document also uses real dashes. On a tie, the first dash's style wins. The
    option `style` ("em-spaced", "em-closed" or "en-spaced") imposes one style instead.

    ## Why is this bad?
    Mixed dash styles show text pasted together from several sources, and the typewriter forms
    read as unedited copy.

    ## Example
    ```text
    The alliance—six states—met. Its chair - a general - spoke.
    ```

    ## Use instead
    ```text
    The alliance—six states—met. Its chair—a general—spoke.
    ```

    ## Fix safety
    Unsafe: the majority is a count, and a spaced hyphen is occasionally a real hyphen typed with
    spaces. Ranges and scores between digits (`10 - 20`, `3 – 1`), compounds (`Paris–Berlin`)
    and dashes at the start or end of a line are never flagged.
    """

    code = "ST103"
    name = "mixed-dash-style"
    message = "Dash written as a {found}; this document uses the {wanted}"
    default_enabled = False
    languages = frozenset({"en"})
    fix_availability = "always"
    options: ClassVar[Mapping[str, Any]] = {"style": "consistent"}
    examples = (
        Example(
            bad="The alliance—six states—met. Its chair - a general - spoke.",
            flagged=" - ",
            fixed="The alliance—six states—met. Its chair—a general—spoke.",
            unsafe=True,
        ),
        Example(
            bad="It was late — very late — and cold—bitterly cold.",
            flagged="—",
            fixed="It was late — very late — and cold — bitterly cold.",
            unsafe=True,
        ),
        Example(
            bad="They left – quietly – at dawn, and returned -- tired.",
            flagged=" -- ",
            fixed="They left – quietly – at dawn, and returned – tired.",
            unsafe=True,
        ),
        Example(
            bad="The alliance—six states—met.",
            flagged="—",
            fixed="The alliance — six states — met.",
            unsafe=True,
            options={"style": "em-spaced"},
        ),
        Example(good="The alliance—six states—met in 1990–95, with scores of 10 - 20."),
        Example(good="It was late — very late.\n- a list item\n- another"),
        Example(good="Her chair - a general - spoke."),
        Example(good="The Paris–Berlin train ran at 3 – 1 odds."),
        Example(good="BUFFALO, N.Y. — Hours before the game—a rout—began."),
        Example(good="“Fantasy is escapism—and that is its glory.” — Neil Gaiman"),
        Example(good="June 9 -- Coral Sky Amphitheatre\nThe tour—its last—starts soon."),
        Example(good="HONOLULU, Hawaii (KHNL) - Scientists say the sky—all of it—glows."),
        Example(good="June 14 – Alpharetta (GA).\nThe tour—its last—starts soon."),
        Example(good="The phone—a 2016 model—sells.\n\niPhone 7, 32GB - Black (Renewed)"),
    )

    @classmethod
    def validate_options(cls, options: Mapping[str, Any]) -> list[str]:
        return check_choice(options, "style", STYLES)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        style = self.settings["style"]
        uses = [
            u
            for block in doc.blocks
            # (three searches for one character, in C: most short blocks have no dash)
            if "-" in block.text or "—" in block.text or "–" in block.text
            for u in dash_uses(block)
        ]
        real = [u for u in uses if u.style in TYPOGRAPHIC]
        if style != "consistent":
            wanted = style.replace("-", "_")
        elif not real:
            return  # typewriter dashes only: consistent, if old-fashioned
        else:
            counts = {s: sum(1 for u in real if u.style == s) for s in TYPOGRAPHIC}
            first = real[0].style
            wanted = max(TYPOGRAPHIC, key=lambda s: (counts[s], s == first))
        form = FORMS[wanted]
        for u in uses:
            if u.style == wanted:
                continue
            edit = u.block.edit(u.start, u.end, form)
            fix = Fix.unsafe(f"Use `{form.strip()}`", edit) if edit else None
            yield self.block_diagnostic(
                u.block, u.start, u.end, fix=fix, found=LABELS[u.style], wanted=LABELS[wanted]
            )
