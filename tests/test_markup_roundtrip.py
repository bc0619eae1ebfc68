"""Every rule, on Markdown built from its own examples: findings sit where the example text
is, never in code or front matter, fixes edit only prose (or remove whole blocks), and a fixed
document has the block structure of the same document built from the example's `fixed` text.

Each bad example is embedded, paragraph by paragraph, as plain paragraphs, a heading, list
items, block-quote paragraphs and emphasized lines, in a document that also holds it verbatim
in front matter, a fenced code block and inline code. A case is skipped only when the example
text itself is Markdown syntax (its prose would differ from the plain text).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from copydesk.checker import Checker
from copydesk.diagnostics import Diagnostic
from copydesk.document import Document
from copydesk.formats import markdown
from copydesk.rule import Example, Rule, registry

INTRO = "The council met on Tuesday."
OUTRO = "The vote is due next week."


def _paragraphs(text: str) -> list[str]:
    return [p.strip("\n") for p in text.split("\n\n") if p.strip()]


def _lines_ok(p: str) -> bool:
    return all(line and line == line.strip() for line in p.split("\n"))


@dataclass(frozen=True)
class Context:
    name: str
    embed: Callable[[list[str]], str | None]  # paragraphs -> Markdown (None: not possible)


def _plain(ps: list[str]) -> str:
    return "\n\n".join([INTRO, *ps, OUTRO])


def _heading(ps: list[str]) -> str | None:
    if any("\n" in p for p in ps):
        return None
    return "\n\n".join([INTRO, *(f"## {p}" for p in ps), OUTRO])


def _list(ps: list[str]) -> str:
    items = [f"- {p.replace(chr(10), chr(10) + '  ')}" for p in ps]
    return "\n".join([f"- {INTRO}", *items, f"- {OUTRO}"])


def _quote(ps: list[str]) -> str:
    body = "\n>\n".join("> " + p.replace("\n", "\n> ") for p in [INTRO, *ps, OUTRO])
    return body


def _emphasis(ps: list[str]) -> str | None:
    if not all(_lines_ok(p) for p in ps):
        return None
    return _plain(["\n".join(f"*{line}*" for line in p.split("\n")) for p in ps])


CONTEXTS = [
    Context("paragraph", _plain),
    Context("heading", _heading),
    Context("list", _list),
    Context("quote", _quote),
    Context("emphasis", _emphasis),
]


def document(example_text: str, ctx: Context, code_text: str) -> str | None:
    """The Markdown document, or None when the context cannot hold the text."""
    body = ctx.embed(_paragraphs(example_text)) if example_text.strip() else ctx.embed([])
    if body is None:
        return None
    first = code_text.split("\n")[0]
    inline = f"\n\nA note on `{first}` here." if "`" not in first and first.strip() else ""
    return f"---\nsummary: {first}\n---\n\n{body}{inline}\n\n```text\n{code_text}\n```\n"


def prose_of(md: str) -> list[str]:
    """The prose blocks, less the inline-code note the builder adds."""
    return [b.text for b in markdown.parse(md) if not b.text.startswith("A note on ")]


def expected_prose(example_text: str) -> list[str]:
    return [INTRO, *_paragraphs(example_text), OUTRO]


def code_regions(md: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Front matter and fences (never touched), and the inline code span (never edited, but
    removable with the whole paragraph that holds it)."""
    parsed = markdown.analyze(md)
    blocks = [r for r in parsed.code if md[r[0] : r[1]].startswith(("---", "```"))]
    inline = []
    note = md.find("A note on `")
    if note >= 0:
        tick = note + len("A note on ")
        inline.append((tick, md.index("`", tick + 1) + 1))
    return blocks, inline


def example_region(md: str) -> tuple[int, int]:
    """Source between the intro and the outro: where the example text sits."""
    bs = markdown.parse(md)
    intro = next(b for b in bs if b.text == INTRO)
    outro = next(b for b in bs if b.text == OUTRO)
    return intro.end, outro.start


def code_texts(md: str) -> list[tuple[str, str]]:
    return [item for item in markdown.skeleton(md) if item[0] in ("front_matter", "fence")]


def in_run(md: str, start: int, end: int) -> bool:
    for b in markdown.parse(md):
        for _p, s, n in b.runs:
            if s <= start and end <= s + n:
                return True
    return False


def joins_paragraphs(md: str, start: int, end: int, content: str) -> bool:
    """An edit that joins two top-level paragraphs, replacing only the blank line between."""
    if md[start:end].strip() or content.strip():
        return False
    bs = markdown.parse(md)
    before = [b for b in bs if b.end <= start]
    after = [b for b in bs if b.start >= end]
    return bool(before and after) and all(
        b.kind == "paragraph" and not b.meta.get("containers") for b in (before[-1], after[0])
    )


def whole_lines(md: str, start: int, end: int) -> bool:
    at_line_start = start == 0 or md[start - 1] == "\n"
    at_line_end = end == len(md) or md[end - 1] == "\n"
    return at_line_start and at_line_end


# Known failures, reported to the rule's owner: (code, example index, context) -> why.
KNOWN: dict[tuple[str, int, str], str] = {}


def _marks(code: str, i: int, ctx: str) -> list[pytest.MarkDecorator]:
    reason = KNOWN.get((code, i, ctx))
    return [pytest.mark.xfail(reason=reason, strict=False)] if reason else []


CASES = [
    pytest.param(
        cls, ex, ctx, id=f"{cls.code}-bad{i}-{ctx.name}", marks=_marks(cls.code, i, ctx.name)
    )
    for cls in registry().values()
    for i, ex in enumerate(cls.examples)
    if ex.bad is not None and (ex.filename is None or ex.filename.endswith(".txt"))
    for ctx in CONTEXTS
]


def _check(cls: type[Rule], ex: Example, ctx: Context) -> list[Diagnostic] | None:
    assert ex.bad is not None and ex.flagged is not None
    md = document(ex.bad, ctx, ex.bad)
    if md is None or prose_of(md) != expected_prose(ex.bad):
        return None  # the example is Markdown syntax here: nothing to compare
    checker = Checker([cls(ex.options)], language=ex.language)
    found = [d for d in checker.check(md, "doc.md") if d.code == cls.code]
    block_code, inline_code = code_regions(md)
    for d in found:
        for a, b in block_code + inline_code:
            assert not (a <= d.start < b), f"{cls.code} flagged code: {md[d.start : d.end]!r}"
        for e in d.fix.edits if d.fix else ():
            for a, b in block_code:
                assert e.end <= a or e.start >= b, f"{cls.code} fix edits code: {e}"
            whole = whole_lines(md, e.start, e.end)
            for a, b in inline_code:
                inside = e.start <= a and b <= e.end and whole
                assert e.end <= a or e.start >= b or inside, f"{cls.code} fix edits code: {e}"
            joins = joins_paragraphs(md, e.start, e.end, e.content)
            assert in_run(md, e.start, e.end) or whole or joins, (
                f"{cls.code} fix {e} touches markup in {md[e.start - 5 : e.end + 5]!r}"
            )
    if not found:
        return found
    line = ex.flagged.split("\n")[0]
    assert any(md.startswith(line, d.start) for d in found), (
        f"{cls.code} flagged {[md[d.start : d.end] for d in found]}, expected {line!r}"
    )
    if ex.fixed is None:
        return found
    result = checker.fix(md, "doc.md", unsafe=ex.unsafe).text
    assert code_texts(result) == code_texts(md), f"{cls.code} changed code"
    lo, hi = example_region(md)
    # The oracle below (the document built from `fixed`) holds when the rule touched only the
    # example: some examples' options make a rule flag every line (BP107 in a run of one).
    if result != md and all(lo <= d.start < hi for d in found):
        want = document(ex.fixed, ctx, ex.bad)
        if want is not None and prose_of(want) == expected_prose(ex.fixed):
            assert markdown.skeleton(result) == markdown.skeleton(want), (
                f"{cls.code} changed the block structure:\n{result}\n--- expected ---\n{want}"
            )
            assert prose_of(result) == prose_of(want)
    return found


@pytest.mark.parametrize(("cls", "ex", "ctx"), CASES)
def test_rule_on_markdown(cls: type[Rule], ex: Example, ctx: Context) -> None:
    _check(cls, ex, ctx)


def test_most_examples_run_in_markdown() -> None:
    """Guard against a vacuous suite: most text examples must embed and be flagged."""
    tried = flagged = 0
    for param in CASES:
        cls, ex, ctx = param.values
        if ctx.name != "paragraph":
            continue
        tried += 1
        found = _check(cls, ex, ctx)
        flagged += bool(found)
    print(f"{flagged} of {tried} bad examples flagged in a Markdown paragraph")
    assert tried and flagged >= 0.7 * tried, (flagged, tried)


def test_document_builder_keeps_code() -> None:
    md = document("Over. .", CONTEXTS[0], "Over. .")
    assert md is not None
    assert code_texts(md) == [
        ("front_matter", "---\nsummary: Over. .\n---"),
        ("fence", "text\nOver. .\n"),
    ]
    doc = Document(md, path="a.md")
    assert [b.text for b in doc.blocks] == [INTRO, "Over. .", OUTRO, "A note on \ufffc here."]
