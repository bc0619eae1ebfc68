"""Language identification: a cheap stopword vote first, langdetect only when that is unclear.

langdetect costs 60 MB and 0.06 s to load its profiles (`copydesk.langdetect_fast`) and
milliseconds per call, so it is loaded on the first undecided text, seeded for determinism, and
given a bounded sample.
"""

from __future__ import annotations

from collections import Counter
from itertools import repeat

from copydesk import patterns

# Function words that are frequent in one language and rare in the others (short lists on
# purpose: the vote only has to separate the main source languages of translated news).
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the and of to is was that with for are this have has from which were by be not but "
        "they their it its an or who would been will said".split()
    ),
    "de": frozenset(
        "der die das und ist nicht mit sich auf dem den des ein eine einer zu von auch "
        "wird sind wurde im für dass oder aber".split()
    ),
    "fr": frozenset(
        "le la les et est des une un du pour dans que qui pas sur au avec sont ce cette "
        "mais ou été il elle aux".split()
    ),
    "es": frozenset(
        "el la los las y es del que en por con una un para se su sus al como pero más fue "
        "está han lo".split()
    ),
    "it": frozenset(
        "il lo la gli le e è di che per con una un del della nel sono non si ha anche come "
        "alla dei delle".split()
    ),
    "pt": frozenset(
        "o a os as e é do da dos das que em um uma para com não por no na se foi são mais "
        "ao pelo pela".split()
    ),
}

_WORD = patterns.compile_re(r"[^\W\d_]+")
# A word whose first letter is past Latin Extended-B (U+024F): of another script.
_NON_LATIN_WORD = patterns.compile_re(r"(?<![^\W\d_])[^\W\d_\x00-\u024f][^\W\d_]*")
# Any such letter: without one there is no such word (a tenth of the cost of finding them).
_NON_LATIN_LETTER = patterns.compile_re(r"[^\W\d_\x00-\u024f]")
MIN_LETTERS = 40  # below this, neither the vote nor langdetect is reliable
LANGDETECT_MIN_LETTERS = 200
SAMPLE_CHARS = 4000  # langdetect gets at most this much text


# The lists in UTF-8, to compare with the words of `_letter_runs` (which are bytes).
_STOPWORDS_UTF8: dict[str, frozenset[bytes]] = {
    lang: frozenset(" ".join(words).encode().split()) for lang, words in STOPWORDS.items()
}
_ANY_STOPWORD = frozenset().union(*_STOPWORDS_UTF8.values())

# -- `_WORD.findall` by byte operations ----------------------------------------------------------
# After `encode`, ASCII letters stay (the text is in lower case: a-z only), every other ASCII
# byte becomes a space, and the bytes of other characters stay (then each such character that
# is no letter of `_WORD` is spaced out).
_FOLD = b" " * 97 + bytes(range(97, 123)) + b" " * 5 + bytes(range(128, 256))
_ASCII = bytes(range(128))
# What is not a continuation byte of UTF-8 (10xxxxxx): deleting these leaves one byte for every
# byte of a character after its first.
_NOT_CONTINUATION = bytes(range(0x80)) + bytes(range(0xC0, 0x100))
# A page has a dozen distinct non-ASCII characters; with many more (a Chinese page), one
# `bytes.replace` per character costs more than the pattern.
MAX_DISTINCT = 100


def _letter_runs(lower: str) -> tuple[list[bytes], int]:
    """`_WORD.findall(lower)` with each word in UTF-8, and the number of letters of all the
    words (in characters): `(words, sum(map(len, words)))` of the pattern.

    The pattern costs about 30 ns a character; splitting bytes costs a fifth of that. Every
    character is a letter or not on its own (as `_WORD` tests it), and UTF-8 never matches
    one character's bytes across the edges of another's, so spacing out the few distinct
    non-letters of a text by `bytes.replace` leaves exactly the runs of letters.
    """
    data = lower.encode("utf-8", "surrogatepass").translate(_FOLD)
    if not lower.isascii():
        chars = set(data.translate(None, _ASCII).decode("utf-8", "surrogatepass"))
        if len(chars) > MAX_DISTINCT:  # a `replace` per character would cost more
            words = _WORD.findall(lower)
            return [w.encode("utf-8", "surrogatepass") for w in words], sum(map(len, words))
        punctuation = False
        for ch in chars:
            if "\u2000" <= ch <= "\u203f":
                punctuation = True  # quotes, dashes, spaces, bullets: spaced in one pass below
            elif not _letter(ch):
                code = ch.encode("utf-8", "surrogatepass")
                data = data.replace(code, b" " * len(code))
        if punctuation:  # U+2000 to U+203F, no letter among them, are E2 80 xx in UTF-8
            data = _PUNCTUATION.sub(b"   ", data)
        extra = len(data.translate(None, _NOT_CONTINUATION))
    else:
        extra = 0
    return data.split(), len(data) - data.count(b" ") - extra


# General punctuation (U+2000 to U+203F) in UTF-8.
_PUNCTUATION = patterns.compile_re(rb"\xe2\x80[\x80-\xbf]")


def _letter(ch: str) -> bool:
    # What `_WORD` (`[^\W\d_]`) matches in `re`: alphanumeric, no decimal digit, no "_".
    return ch.isalnum() and not ch.isdecimal()


def _vote(words: list[bytes]) -> str | None:
    counts = _counts(words)
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    # Clear winner: three or more of its function words, twice the runner-up's, and not
    # lost in a page of menu words (6 %). Tuned on the 181 corpus pages and articles: 163 pages
    # decided here, none wrongly (langdetect, which the rest goes to, costs milliseconds a page).
    if top >= 3 and top >= 2 * second and top >= 0.06 * len(words):
        return best
    return None


# The vote's counts in one sum: each stopword weighs 1 in the COUNT_BITS-bit field of each
# language whose list holds it (fields in the order of STOPWORDS), so the sum over a text's words
# holds every language's count in its field. Six fields of 10 bits fit in one machine word,
# where `sum` adds in C without making an integer per step; `VOTE_WORDS` (600) words keep
# every count below 2 ** 10.
COUNT_BITS = 10
VOTE_WORDS = 600


def _weights() -> dict[bytes, int]:
    weights: dict[bytes, int] = {}
    for field, words in enumerate(_STOPWORDS_UTF8.values()):
        for word in words:
            weights[word] = weights.get(word, 0) + (1 << COUNT_BITS * field)
    return weights


_WEIGHTS = _weights()


def _counts(words: list[bytes]) -> dict[str, int]:
    """For each language, how many of `words` are in its list (a word in two lists counts for
    both). Faster than a `Counter` of the stopwords: one dictionary look-up per word in C."""
    if len(words) >= 1 << COUNT_BITS:  # a count could overflow its field
        seen = Counter(filter(_ANY_STOPWORD.__contains__, words))
        distinct = seen.keys()
        return {lang: sum(seen[w] for w in sw & distinct) for lang, sw in _STOPWORDS_UTF8.items()}
    total = sum(map(_WEIGHTS.get, words, repeat(0)))
    mask = (1 << COUNT_BITS) - 1
    return {lang: total >> COUNT_BITS * k & mask for k, lang in enumerate(_STOPWORDS_UTF8)}


def _has_non_latin_letter(text: str) -> bool:
    """`_NON_LATIN_LETTER.search(text) is not None`, from the text's distinct non-ASCII
    characters (a dozen on a page): the pattern tests every character of the text, about three
    times the cost of encoding it and keeping the bytes of the others."""
    data = text.encode("utf-8", "surrogatepass").translate(None, _ASCII)
    return any(map(_non_latin_letter, set(data.decode("utf-8", "surrogatepass"))))


def _non_latin_letter(ch: str) -> bool:
    # What `[^\W\d_\x00-\u024f]` matches in `re`: a word character (alphanumeric), no decimal
    # digit, past U+024F (the ASCII "_" is below it).
    return ch > "\u024f" and ch.isalnum() and not ch.isdecimal()


def preload() -> None:
    """Load langdetect's profiles now (about 60 MB): before worker processes fork, so that they
    share one copy instead of each loading its own."""
    from copydesk.langdetect_fast import factory

    factory()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`'s language, or None when the text is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    words, letters = _letter_runs(sample.lower())
    if letters < MIN_LETTERS:
        return None
    # The vote knows Latin-script languages only: a Japanese page with a few English words
    # goes straight to langdetect.
    other = 0
    if not sample.isascii() and _has_non_latin_letter(sample):
        other = sum(map(len, _NON_LATIN_WORD.findall(sample)))
    voted = _vote(words[:VOTE_WORDS]) if (letters - other) * 2 > letters else None
    if voted:
        return voted
    if letters < LANGDETECT_MIN_LETTERS:
        # langdetect guesses wildly on a sentence or two (an English headline came out "af");
        # undecided is better than wrong: English-only rules then still run.
        return None
    from copydesk.langdetect_fast import detect  # langdetect's answer, with less Python

    try:
        lang = detect(sample)
    except Exception:  # langdetect raises on text with no features (digits, symbols)
        return None
    return lang.split("-")[0]
