"""data/leaning_words.txt is what MT303's definition of a leaning word gives with wordfreq."""

from __future__ import annotations

import pytest

from copydesk.rules.translation import _leaning, foreign_phrase
from copydesk.rules.translation._foreign import FUNCTION_WORDS
from copydesk.rules.translation._lexicon import Lexicon


def test_the_table_is_up_to_date() -> None:
    # Fails after a wordfreq upgrade or a change to `lean_by_frequency`: regenerate the table
    # with `python -m copydesk.rules.translation._leaning`.
    built = _leaning.build()
    words, _masks = _leaning._table()
    assert [w.decode() for w in words] == sorted(built)
    for word, bits in built.items():
        for bit, lang in enumerate(_leaning.LANGUAGES):
            assert _leaning.leans(word, lang) == bool(bits >> bit & 1), (word, lang)


def test_lean_from_the_table_is_lean_by_frequency() -> None:
    samples = ["heute", "acuerdo", "riforma", "réforme", "aquisição", "the", "und", "die", "per"]
    samples += [w.decode() for w in _leaning._table()[0][::5000]]
    for lang in _leaning.LANGUAGES:
        for word in samples:
            assert foreign_phrase._lean(word, lang) == foreign_phrase.lean_by_frequency(word, lang)


def test_the_screen_holds_every_leaning_word_and_function_word() -> None:
    screen = _leaning.screen_words()
    assert all(w in screen for w in _leaning._table()[0])
    assert all(w.encode() in screen for ws in FUNCTION_WORDS.values() for w in ws)


def test_bisection_looks_up_what_the_set_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = _leaning.screen_words()
    words = [*_leaning._table()[0][::997], b"the", b"und", b"heute", b"com", b"", b"zzzz", b"a"]
    words += [w.encode() for ws in FUNCTION_WORDS.values() for w in ws]
    assert [_leaning._in_table(w) for w in words] == [w in screen for w in words]
    lex = Lexicon("Der Vertrag wurde heute von der Regierung in Berlin unterzeichnet, the end.")
    by_set = _leaning.screen_lookup(lex)[0]
    # A fresh process: no set yet, and the whole budget for bisection.
    monkeypatch.setattr(_leaning, "_bisected", 0)
    monkeypatch.setattr(_leaning, "_built", [])
    found, table = _leaning.screen_lookup(lex)
    assert table is _leaning._BISECTED
    assert found == by_set
    assert [w in table for w in words] == [w in screen for w in words]
