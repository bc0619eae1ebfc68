"""The document model: lines, blocks, source maps, removal spans, row/column."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from copydesk.document import Block, Document


def test_lines_and_row_col_with_crlf() -> None:
    doc = Document("ab\r\ncd\n\nef")
    assert [(ln.start, ln.end, ln.next) for ln in doc.lines] == [
        (0, 2, 4),
        (4, 6, 7),
        (7, 7, 8),
        (8, 10, 10),
    ]
    assert doc.row_col(0) == (1, 1)
    assert doc.row_col(5) == (2, 2)
    assert doc.row_col(10) == (4, 3)


def test_paragraph_blocks_are_verbatim() -> None:
    text = "Title\n\nFirst line\r\nsecond line\r\n\r\n  \nLast"
    doc = Document(text)
    assert [b.text for b in doc.blocks] == ["Title", "First line\r\nsecond line", "Last"]
    for b in doc.blocks:
        assert text[b.start : b.end] == b.text
    assert list(doc.blocks[1].lines()) == [(0, 10), (12, 23)]


def test_block_source_map_across_markup() -> None:
    # prose "ab cd" from source "*ab* cd": runs (0->1, len 2) and (2->4, len 3)
    b = Block("paragraph", "ab cd", ((0, 1, 2), (2, 4, 3)), 0, 7)
    assert b.span(0, 2) == (1, 3)
    assert b.span(3, 5) == (5, 7)
    assert b.contiguous(3, 5) and not b.contiguous(1, 4)
    assert b.edit(1, 4, "x") is None
    e = b.edit(3, 5, "CD")
    assert e is not None and (e.start, e.end, e.content) == (5, 7, "CD")


def test_removal_span_takes_separating_blank_lines() -> None:
    text = "Skip to content\n\nBody one.\n\nLeave a Reply\n\nBody two.\n\n\nFooter\n"
    doc = Document(text)

    def remove(line: str) -> str:
        s = text.index(line)
        a, b = doc.removal_span(s, s + len(line))
        return text[:a] + text[b:]

    assert remove("Skip to content") == "Body one.\n\nLeave a Reply\n\nBody two.\n\n\nFooter\n"
    assert remove("Leave a Reply") == "Skip to content\n\nBody one.\n\nBody two.\n\n\nFooter\n"
    assert remove("Footer") == "Skip to content\n\nBody one.\n\nLeave a Reply\n\nBody two.\n"


def test_removal_at_end_without_final_newline() -> None:
    text = "Body.\n\nFooter"
    doc = Document(text)
    a, b = doc.removal_span(7, 13)
    assert text[:a] + text[b:] == "Body."


def test_sentences_are_exact() -> None:
    text = "Mr. Smith went to Washington, D.C. on Sept. 5. He said “Fine.” Then he left."
    doc = Document(text)
    got = [s.text for s in doc.sentences]
    assert got[0].startswith("Mr. Smith went") and got[-1] == "Then he left."
    for s in doc.sentences:
        assert text[s.block.to_source(s.start) : s.block.to_source(s.end, is_end=True)] == s.text


def test_language_is_lazy_and_forced() -> None:
    doc = Document(
        "Die Regierung hat am Mittwoch mitgeteilt, dass die Verhandlungen mit der Opposition"
        " fortgesetzt werden und dass es keine Einigung gibt."
    )
    assert doc.language == "de"
    assert Document("Short.", language="en").language == "en"
    assert Document("Too short.").language is None


@given(st.text(alphabet="ab \r\n\u2028", max_size=40))
def test_lines_cover_the_text_exactly(text: str) -> None:
    # Lines split at LF only; a CR before an LF (or at the very end) is a terminator, and every
    # offset maps to the row whose line holds it.
    doc = Document(text)
    pos = 0
    for ln in doc.lines:
        assert ln.start == pos and "\n" not in text[ln.start : ln.end]
        terminator = text[ln.end : ln.next]
        assert terminator in ("", "\n", "\r\n", "\r")
        assert terminator == "" or ln.next == len(text) or terminator.endswith("\n")
        pos = ln.next
    assert pos == len(text)
    for offset in range(len(text) + 1):
        row, col = doc.row_col(offset)
        line = doc.lines[row - 1] if doc.lines else None
        assert line is None or line.start + col - 1 == offset


def _paragraphs_by_lines(text: str) -> list[tuple[int, int]]:
    """What a plain-text paragraph is, spelled out line by line: a run of lines with something
    but whitespace on them, from its first line's start to its last line's end (a CR before
    the LF is no part of it)."""
    out: list[tuple[int, int]] = []
    start = end = -1
    pos = 0
    for seg in text.split("\n"):
        stop = pos + len(seg)
        if seg.strip():
            if start < 0:
                start = pos
            end = stop - 1 if seg.endswith("\r") else stop
        elif start >= 0:
            out.append((start, end))
            start = -1
        pos = stop + 1
    if start >= 0:
        out.append((start, end))
    return out


@given(st.text(alphabet="ab \t\r\n\u00a0\u2028\x1c\x0b", max_size=50))
def test_plain_text_paragraphs(text: str) -> None:
    blocks = Document(text).blocks
    assert [(b.start, b.end) for b in blocks] == _paragraphs_by_lines(text)
    assert all(b.text == text[b.start : b.end] and b.kind == "paragraph" for b in blocks)


def test_plain_text_paragraph_scan_is_linear() -> None:
    import time

    text = " " * 2_000_000 + "\nx\n" + ("\n" + " " * 1000) * 2000 + "\ny"
    start = time.process_time()
    blocks = Document(text).blocks
    assert [b.text for b in blocks] == ["x", "y"]
    assert time.process_time() - start < 1.0  # milliseconds when linear


def test_values_are_frozen_hashable_and_pickle() -> None:
    import pickle

    import pytest

    from copydesk.document import Line, RunContext, Sentence

    b = Block("paragraph", "ab", ((0, 3, 2),), 3, 5, {"tag": "p"})
    same = Block("paragraph", "ab", ((0, 3, 2),), 3, 5)  # meta takes no part in equality
    assert b == same and hash(b) == hash(same) and b != Block("heading", "ab", b.runs, 3, 5)
    assert repr(b) == (
        "Block(kind='paragraph', text='ab', runs=((0, 3, 2),), start=3, end=5, meta={'tag': 'p'})"
    )
    s = Sentence(b, 0, 1)
    for value in (b, s, Line(0, 1, 2, 3)):
        with pytest.raises(AttributeError):
            value.start = 9
        assert pickle.loads(pickle.dumps(value)) == value
    assert pickle.loads(pickle.dumps(b)).meta == {"tag": "p"}
    assert s.text == "a" and Line(0, 1, 2, 3).number == 1
    assert RunContext(files=2) == RunContext(files=2) != RunContext()


@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("aZ9_'- .\n"), max_size=300))
def test_letter_runs_are_the_pattern_words(text: str) -> None:
    from copydesk.language import _WORD, _letter_runs

    lower = text.lower()
    words = _WORD.findall(lower)
    assert _letter_runs(lower) == ([w.encode() for w in words], sum(map(len, words)))


@given(st.lists(st.text(alphabet="ab .?)\n\t\u00a0\u2028 ", max_size=12), max_size=8))
def test_sentences_are_those_of_each_block(texts: list[str]) -> None:
    """The document's sentences, with its shortcut for blocks of one sentence, are
    `split_sentences` of each block."""
    from copydesk.document import Sentence
    from copydesk.sentences import split_sentences

    doc = Document("")
    blocks = [Block.verbatim("paragraph", text, 0) for text in texts]
    doc.__dict__["blocks"] = blocks  # the cached property's value
    expected = [Sentence(b, x, y) for b in blocks for x, y in split_sentences(b.text)]
    assert doc.sentences == expected
