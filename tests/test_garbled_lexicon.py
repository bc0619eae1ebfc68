"""The shipped English word tables are wordfreq's "large" English list, and every way of looking
a word up (common table, in-place search, whole table) gives wordfreq's answer."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from copydesk.rules.garbled import _lexicon


def test_the_tables_are_up_to_date() -> None:
    # Fails after a wordfreq upgrade: regenerate with `python -m copydesk.rules.garbled._lexicon`.
    common, full = _lexicon.build()
    assert _lexicon.COMMON.read_text(encoding="utf-8") == common
    assert _lexicon.FULL.read_text(encoding="utf-8") == full
    # The index holds the same common table and samples the full one where its text says.
    size = len(_lexicon.FULL.read_bytes())
    index = _lexicon._read_index(size)
    assert index is not None
    table = full.encode("utf-8")
    words = _lexicon.parse_common(common)
    assert index == (
        words,
        _lexicon.rare_the(words),
        *_lexicon.sample(table, table.find(b"\n\n") + 2),
    )
    # What GS003 looks at among the common words: those below Zipf 3.5 ending in "the".
    assert index[1] == {w for w in words if w.endswith("the") and _lexicon.zipf(w) < 3.5}
    assert "ofthe" in index[1] and "the" not in index[1]


def test_without_the_index_the_tables_are_read_from_the_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    indexed = _lexicon._Lexicon()
    other = _lexicon.build_index("# another common table\n1\tthe\n", "\n\nthe\t1\n")
    for content in (None, b"not marshal", marshal.dumps(("another format", 1)), other):
        path = tmp_path / "index.marshal"
        if content is not None:
            path.write_bytes(content)
        monkeypatch.setattr(_lexicon, "INDEX", path)
        assert _lexicon._read_index(len(indexed.map)) is None
        lexicon = _lexicon._Lexicon()
        assert lexicon.common == indexed.common
        assert lexicon.rare_the == indexed.rare_the
        assert (lexicon.keys, lexicon.offsets) == (indexed.keys, indexed.offsets)


def test_the_search_finds_every_word_and_nothing_else() -> None:
    lexicon = _lexicon._Lexicon()
    full = dict(lexicon.load())
    lexicon.full = None
    for word, bucket in list(full.items())[::101]:
        assert lexicon._search(word.encode("utf-8", "surrogatepass")) == bucket, word
        for other in (word + "q", word[:-1], "a" + word, word + "\t1", "\n" + word, ""):
            key = other.encode("utf-8", "surrogatepass")
            assert lexicon._search(key) == full.get(other), other


SAMPLES = ["the", "of", "mortgage", "twitter", "zyzzyva", "qwxz", "naïve", "résumé", "0", "a"]


@pytest.mark.parametrize("loaded", [False, True])
def test_every_lookup_path_agrees_with_wordfreq(loaded: bool) -> None:
    wordfreq = pytest.importorskip("wordfreq")
    lexicon = _lexicon._Lexicon()
    if loaded:
        lexicon.load()
    buckets = _lexicon.wordfreq_buckets()
    # Words from every part of the list: common, rare, first and last in sort order.
    words = SAMPLES + [ws[0] for ws in buckets[::37] if ws] + [ws[-1] for ws in buckets[::53] if ws]
    ranks = {w: i for i, ws in enumerate(buckets) for w in ws}
    for word in words:
        assert lexicon.get(word) == ranks.get(word), word
        if word.isalpha() and lexicon.get(word) is not None:
            expected = wordfreq.zipf_frequency(word, "en")
            assert round(9.0 - ranks[word] / 100, 2) == pytest.approx(expected, abs=0.011), word


def test_the_search_switches_to_the_whole_table_after_many_searches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_lexicon, "LOAD_AFTER", 3)
    lexicon = _lexicon._Lexicon()
    for word in ["zyzzyva", "qwxz", "aardvarks", "xylophonist"]:
        lexicon.get(word)
    assert lexicon.full is not None and len(lexicon.full) > 300_000
    assert lexicon.get("zyzzyva") == lexicon.full.get("zyzzyva")
