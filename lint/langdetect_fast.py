"""langdetect's answers, computed with less Python per step.

langdetect decides a document's language when the stopword vote cannot (copydesk.language),
and judges the sentences MT302 suspects of being untranslated. Most of a question's time went
to its own per-character and per-step method calls: `NGram.add_char` and `normalize` for every
character, and `_update_lang_prob`, a Python loop over the 55 languages, for every n-gram
drawn (a page took 5 ms, a sentence 1 to 4 ms). This module runs the same algorithm on
langdetect's loaded profiles, step for step:

- the text prepared as `Detector.append` and `cleaning_text` prepare it, by whole-string
  operations (the same URL and e-mail substitutions, Vietnamese normalization, runs of spaces
  collapsed, the Latin letters dropped when other scripts are more than twice as many);
- the n-grams of `_extract_ngrams`, read a word at a time: `NGram` starts afresh after every
  space, so the n-grams of a text are those of its words one after the other, and a distinct
  word is read once per process; `NGram.normalize` is applied once per distinct character;
- the same seeded trials: the same `random.Random` calls in the same order (`gauss`, then one
  `choice` a step), each language's probability multiplied by the same factors in the same
  order and normalized every fifth step by the same sums, so every float is langdetect's;
- the result sorted by `Detector._sort_probability` itself.

tests/test_langdetect_fast.py compares the n-grams and the answers with langdetect's, float for
float, on corpus text of many languages and on random text.
"""

from __future__ import annotations

import marshal
import os
import random
from array import array
from collections import Counter
from collections.abc import Mapping
from functools import cache
from itertools import chain, repeat
from operator import add, mul, truediv
from typing import Any

from copydesk import artifacts, patterns

_SPACES = patterns.compile_re(r"  +")
_LATIN = {code: None for code in range(ord("A"), ord("z") + 1)}  # 'A' to 'z', as langdetect
# The words whose n-grams have been read, kept for the process (a corpus repeats them);
# cleared when they are more than this many.
MAX_WORDS = 100_000
_WORDS: dict[str, list[str]] = {}


class Profiles:
    """langdetect's profiles, as a `DetectorFactory` holds them for its `Detector`s, read from
    a file of flat doubles (see `_flat_profiles`): `word_lang_prob_map[word]` is the word's
    probability in each language (an array, made on first use), `words` tells which words have
    one."""

    def __init__(self, langlist: list[str], words: list[str], flat: memoryview) -> None:
        self.langlist = langlist
        self.seed = 0  # seeded: the same text gets the same answer every time
        self.words: Mapping[str, Any] = {word: i for i, word in enumerate(words)}
        self.word_lang_prob_map: Mapping[str, Any] = _Arrays(self.words, flat, len(langlist))

    @classmethod
    def loaded(cls) -> Profiles:
        """The profiles as langdetect's own factory loads them (0.2 s), where the flat file
        cannot be kept."""
        from langdetect import detector_factory

        own = detector_factory.DetectorFactory()
        own.load_profile(detector_factory.PROFILES_DIRECTORY)
        profiles = cls.__new__(cls)
        profiles.langlist = own.langlist
        profiles.seed = 0
        profiles.words = profiles.word_lang_prob_map = own.word_lang_prob_map
        return profiles

    def create(self) -> Any:
        from langdetect.detector import Detector

        return Detector(self)


class _Arrays(dict[str, "array[float]"]):
    """Each word's probabilities, cut from the flat doubles when first asked for."""

    def __init__(self, index: dict[str, int], flat: memoryview, width: int) -> None:
        super().__init__()
        self.index = index
        self.flat = flat
        self.step = width * 8

    def __missing__(self, word: str) -> array[float]:
        at = self.index[word] * self.step
        found = self[word] = array("d")
        found.frombytes(self.flat[at : at + self.step])
        return found


@cache
def factory() -> Profiles:
    """langdetect's profiles, loaded: 0.06 s from the flat file (langdetect reads its 55 JSON
    files in 0.2 s); 60 MB either way."""
    from langdetect.detector_factory import PROFILES_DIRECTORY

    folder = PROFILES_DIRECTORY
    names = os.listdir(folder)  # in langdetect's order: it numbers the languages in this one
    key = [(n, *_size_and_time(os.path.join(folder, n))) for n in names]
    data = artifacts.blob("langdetect-profiles", (folder, key), _flat_profiles)
    if data is None:
        return Profiles.loaded()
    size = int.from_bytes(data[:4], "little")
    langlist, words = marshal.loads(data[4 : 4 + size])
    return Profiles(langlist, words, data[4 + size :])


def _size_and_time(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def _flat_profiles() -> bytes:
    """langdetect's profiles as its factory loads them, flattened: the languages and the words
    (marshalled, after their size), then every word's probabilities as doubles, word by word."""
    from langdetect import detector_factory

    loaded = detector_factory.DetectorFactory()
    loaded.load_profile(detector_factory.PROFILES_DIRECTORY)
    table = loaded.word_lang_prob_map
    words = list(table)
    head = marshal.dumps((loaded.langlist, words))
    flat = array("d", chain.from_iterable(map(table.__getitem__, words)))
    return len(head).to_bytes(4, "little") + head + flat.tobytes()


@cache
def _normalize() -> Any:
    from langdetect.utils.ngram import NGram

    return NGram.normalize


def prepared(detector: Any, text: str) -> str:
    """`detector.text` after `detector.append(text)` and `detector.cleaning_text()` on a new
    detector."""
    from langdetect.utils.ngram import NGram
    from langdetect.utils.unicode_block import unicode_block

    text = detector.URL_RE.sub(" ", text)
    text = detector.MAIL_RE.sub(" ", text)
    text = NGram.normalize_vi(text)
    # `append` keeps a character unless it is a space right after a space.
    text = _SPACES.sub(" ", text[: detector.max_text_length])
    # `cleaning_text`, counting a distinct character at a time.
    latin = non_latin = 0
    for ch, n in Counter(text).items():
        if "A" <= ch <= "z":
            latin += n
        elif ch >= "\u0300" and unicode_block(ch) != "Latin Extended Additional":
            non_latin += n
    if latin * 2 < non_latin:
        text = text.translate(_LATIN)
    return text


def ngrams(text: str, known: Mapping[str, Any]) -> list[str]:
    """`Detector._extract_ngrams` on a prepared `text`, keeping the n-grams in `known`."""
    normalize = _normalize()
    parts = text.translate({ord(ch): normalize(ch) for ch in set(text)}).split(" ")
    if len(_WORDS) > MAX_WORDS:
        _WORDS.clear()
    result: list[str] = []
    last = len(parts) - 1
    for i, part in enumerate(parts):
        if not part:
            continue
        word = part + " " if i < last else part  # with the space after it, if any
        grams = _WORDS.get(word)
        if grams is None:
            grams = _WORDS[word] = _word_ngrams(word, known)
        result += grams
    return result


def _word_ngrams(word: str, known: Mapping[str, Any]) -> list[str]:
    """The n-grams `_extract_ngrams` takes from `word` (no space in it but maybe one at its end)
    after a space: `NGram.add_char` and `NGram.get` inlined."""
    out: list[str] = []
    grams = " "
    capital = False
    for ch in word:
        last = grams[-1]
        if last == " ":
            grams = " "
            capital = False  # `NGram`'s reset (a word starts after a space)
        elif len(grams) >= 3:
            grams = grams[1:]
        grams += ch
        if ch.isupper():
            if last.isupper():
                capital = True
        else:
            capital = False
        if capital:
            continue
        if ch != " " and ch in known:
            out.append(ch)
        n = len(grams)
        if n >= 2:
            pair = grams[-2:]
            if pair in known:
                out.append(pair)
            if n >= 3 and grams in known:
                out.append(grams)
    return out


def _drawing(rnd: random.Random) -> bool:
    """Whether `rnd.choice(seq)` is `seq[r]` for the first `r = rnd.getrandbits(k) < len(seq)`,
    `k = len(seq).bit_length()` (CPython's `Random.choice`), so the draws can be made inline:
    checked once on a copy of the generator's state."""
    mine, theirs = random.Random(), random.Random()
    mine.setstate(rnd.getstate())
    theirs.setstate(rnd.getstate())
    for size in (*range(1, 40), 100, 1000, 4097):
        seq = range(size)
        k = size.bit_length()
        for _ in range(3):
            r = mine.getrandbits(k)
            while r >= size:
                r = mine.getrandbits(k)
            if theirs.choice(seq) != r:
                return False
    return True


_INLINE_DRAWS: list[bool] = []


def probabilities(text: str) -> list[Any]:
    """`get_probabilities()` of a detector given `text` (langdetect's `Language` objects,
    sorted); raises ValueError where langdetect raises (no n-gram in the text)."""
    profiles = factory()
    detector = profiles.create()
    known = detector.word_lang_prob_map
    grams = ngrams(prepared(detector, text), profiles.words)
    if not grams:
        raise ValueError("no features in text")
    count = len(detector.langlist)
    langprob = [0.0] * count
    rnd: random.Random = detector.random
    rnd.seed(detector.seed)
    if not _INLINE_DRAWS:
        _INLINE_DRAWS.append(_drawing(rnd))
    if _INLINE_DRAWS[0]:
        size = len(grams)
        bits = size.bit_length()
        getrandbits = rnd.getrandbits

        def draw() -> str:
            r = getrandbits(bits)
            while r >= size:
                r = getrandbits(bits)
            return grams[r]

    else:

        def draw() -> str:
            return rnd.choice(grams)

    n_trial = detector.n_trial
    limit = detector.ITERATION_LIMIT
    threshold = detector.CONV_THRESHOLD
    for _ in range(n_trial):
        prob = detector._init_probability()
        alpha = detector.alpha + rnd.gauss(0.0, 1.0) * detector.ALPHA_WIDTH
        w = alpha / detector.BASE_FREQ
        # Every n-gram drawn is in the map (`ngrams` keeps no other), so every step is
        # `_update_lang_prob`'s `p *= w + q` for each language.
        # Step 0, then normalized (`_normalize_prob`: the same sum, each divided by it).
        prob = list(map(mul, prob, map(add, repeat(w), known[draw()])))
        total = sum(prob)
        prob = list(map(truediv, prob, repeat(total)))
        i = 0
        # Then five steps (drawn in order) between normalizations, at steps 5, 10, ...: each
        # probability multiplied by the five factors one after the other, as langdetect
        # multiplies it step by step (one pass over the languages instead of five).
        while max(prob) <= threshold and i < limit:
            qa, qb, qc, qd = known[draw()], known[draw()], known[draw()], known[draw()]
            qe = known[draw()]
            prob = [
                p * (w + a) * (w + b) * (w + c) * (w + d) * (w + e)
                for p, a, b, c, d, e in zip(prob, qa, qb, qc, qd, qe, strict=True)
            ]
            i += 5
            total = sum(prob)
            prob = list(map(truediv, prob, repeat(total)))
        for j in range(count):
            langprob[j] += prob[j] / n_trial
    return list(detector._sort_probability(langprob))


def detect(text: str) -> str:
    """`detect()` of a detector given `text`: the likeliest language, or "unknown"; raises
    ValueError where langdetect raises."""
    found = probabilities(text)
    return str(found[0].lang) if found else "unknown"
