"""copydesk.joined: what the joined text finds is what each block's own text finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.document import Document
from copydesk.joined import Joined, joined

_TEXT = st.text(alphabet="ab (.[é\n#*-", max_size=120)
_WORD = re.compile(r"(?<![a-z])ab")


def _doc(text: str) -> Document:
    return Document(text, path="a.md")


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_the_joined_text_finds_what_the_blocks_find(text: str) -> None:
    doc = _doc(text)
    view = joined(doc)
    blocks = doc.blocks
    assert view.blocks is blocks and joined(doc) is view
    for k, block in enumerate(blocks):
        assert view.text[view.starts[k] : view.starts[k] + len(block.text)] == block.text
        assert all(view.block_at(view.starts[k] + i) == k for i in range(len(block.text)))
    assert view.holding("(", "é") == [
        k for k, b in enumerate(blocks) if "(" in b.text or "é" in b.text
    ]
    hits = {k: [m.start() for m in _WORD.finditer(b.text)] for k, b in enumerate(blocks)}
    assert view.hits(_WORD) == {k: at for k, at in hits.items() if at}
    assert view.searched(_WORD) == [k for k, at in hits.items() if at]


def test_one_block_is_not_copied() -> None:
    doc = Document("One paragraph of plain text.\n", path="a.txt")
    view = Joined(doc.blocks)
    assert view.text is doc.blocks[0].text and view.starts == [0]
    assert view.by_block([3, 9]) == {0: [3, 9]} and view.by_block([]) == {}
