"""The stopword vote of `copydesk.language`: its packed counts are the plain counts."""

from __future__ import annotations

import random
from collections import Counter

from copydesk import language
from copydesk.language import STOPWORDS, VOTE_WORDS, _counts


def _plain_counts(words: list[bytes]) -> dict[str, int]:
    seen = Counter(words)
    return {lang: sum(seen[w.encode()] for w in stopwords) for lang, stopwords in STOPWORDS.items()}


def test_packed_counts_are_the_plain_counts() -> None:
    rng = random.Random(5)
    pool = [w.encode() for words in STOPWORDS.values() for w in words]
    pool += [b"cat", b"dog", b"la", b"\xc3\xa9t\xc3\xa9", b"que", b"e"]
    sizes = [
        0,
        1,
        5,
        50,
        VOTE_WORDS,
        (1 << language.COUNT_BITS) - 1,
        1 << language.COUNT_BITS,
        3_000,
    ]
    for size in sizes:
        for _ in range(20):
            words = [rng.choice(pool) for _ in range(size)]
            assert _counts(words) == _plain_counts(words)
    # Every word of one list at most: the fields never carry into each other.
    for lang in STOPWORDS:
        words = [rng.choice(sorted(STOPWORDS[lang])).encode()] * ((1 << language.COUNT_BITS) - 1)
        assert _counts(words) == _plain_counts(words)


def test_vote_counts_fit_their_fields() -> None:
    assert VOTE_WORDS < 1 << language.COUNT_BITS
    assert language.COUNT_BITS * len(STOPWORDS) <= 62  # `sum` adds machine words in C


def test_non_latin_letter_is_the_pattern() -> None:
    from copydesk.language import _NON_LATIN_LETTER, _has_non_latin_letter, _non_latin_letter

    for code in range(0x110000):
        ch = chr(code)
        assert _non_latin_letter(ch) == (_NON_LATIN_LETTER.fullmatch(ch) is not None), hex(code)
    rng = random.Random(7)
    chars = [*"aZ1_ ’—é\u024f\u0250ßΣяд٣²\u3000中\ud800"]
    for _ in range(5_000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 12)))
        assert _has_non_latin_letter(text) == (_NON_LATIN_LETTER.search(text) is not None)


def test_letter_is_the_word_pattern() -> None:
    from copydesk.language import _PUNCTUATION, _WORD, _letter

    for code in range(0x110000):
        ch = chr(code)
        assert _letter(ch) == (_WORD.fullmatch(ch) is not None), hex(code)
        if 0x2000 <= code <= 0x203F:
            assert not _letter(ch)
            assert _PUNCTUATION.fullmatch(ch.encode())


def test_letter_runs_with_general_punctuation() -> None:
    from copydesk.language import _WORD, _letter_runs

    rng = random.Random(9)
    chars = [*"ab é’—“”…•\u2028\u00a0\u2000\u203f\u2040\u2070©٣²\u3000яΣ'-.\n", "\ud800"]
    for _ in range(5_000):
        lower = "".join(rng.choice(chars) for _ in range(rng.randint(0, 40))).lower()
        words = _WORD.findall(lower)
        expected = ([w.encode("utf-8", "surrogatepass") for w in words], sum(map(len, words)))
        assert _letter_runs(lower) == expected, repr(lower)
