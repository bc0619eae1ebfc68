"""langdetect's `Detector.get_probabilities`, computed the same way with less Python per step.

MT302 asks langdetect about the few sentences its screens cannot decide; on a real corpus each
question is new (no answer to reuse) and costs 1 to 4 ms, most of it in langdetect's own
per-character and per-step method calls: `NGram.add_char` and `normalize` for every character,
and `_update_lang_prob`, a Python loop over the 55 languages, for every drawn n-gram. This
module runs the same algorithm on langdetect's loaded profiles, step for step:

- the text prepared as `Detector.append` and `cleaning_text` prepare it (whole-string
  operations: the same URL and e-mail substitutions, Vietnamese normalization, runs of spaces
  collapsed, the Latin letters dropped when other scripts are more than twice as many);
- the n-grams `_extract_ngrams` finds, with `NGram.normalize` asked once per distinct
  character;
- the same seeded trials: the same `random.Random` calls in the same order (`gauss`, then
  one `choice` a step), each language's probability multiplied by the same factor and
  normalized every fifth step by the same sums, in the same order, so every float is the one
  langdetect computes;
- the result sorted by `Detector._sort_probability` itself.

tests/test_translation_langdetect.py checks the answers against langdetect's on sentences of
many languages and on random text.
"""

from __future__ import annotations

import random
from functools import cache
from itertools import repeat
from operator import add, mul, truediv
from typing import Any

from copydesk import patterns

# `cleaning_text` counts as non-Latin every character from U+0300 on whose block is not
# 'Latin Extended Additional'; but `unicode_block` names blocks by number, so that test
# always holds: every character from U+0300 on counts (Vietnamese letters too).
_SPACES = patterns.compile_re(r"  +")


@cache
def _normalize() -> Any:
    """`NGram.normalize`, memoized per character (a pure function of it)."""
    from langdetect.utils.ngram import NGram

    return cache(NGram.normalize)


def _prepared(detector: Any, text: str) -> str:
    """`detector.text` after `detector.append(text)` and `detector.cleaning_text()`."""
    from langdetect.utils.ngram import NGram

    text = detector.URL_RE.sub(" ", text)
    text = detector.MAIL_RE.sub(" ", text)
    text = NGram.normalize_vi(text)
    # `append` keeps a character unless it is a space after a space (of the text as it was).
    text = _SPACES.sub(" ", text[: detector.max_text_length])
    # `cleaning_text`: the Latin letters ('A' to 'z') and the non-Latin characters counted, a
    # distinct character at a time.
    latin = non_latin = 0
    for ch in set(text):
        if "A" <= ch <= "z":
            latin += text.count(ch)
        elif ch >= "\u0300":
            non_latin += text.count(ch)
    if latin * 2 < non_latin:
        text = "".join(ch for ch in text if ch < "A" or ch > "z")
    return text


def _ngrams(text: str, known: dict[str, Any]) -> list[str]:
    """`Detector._extract_ngrams` on `text`: `NGram.add_char` and its `get(n)` inline."""
    normalize = _normalize()
    result: list[str] = []
    append = result.append
    grams = " "
    capitalword = False
    for ch in text:
        ch = normalize(ch)
        last_char = grams[-1]
        if last_char == " ":
            grams = " "
            capitalword = False
            if ch == " ":
                continue  # (`add_char` returns; the buffer " " gives no n-gram)
        elif len(grams) >= 3:
            grams = grams[1:]
        grams += ch
        if ch.isupper():
            if last_char.isupper():
                capitalword = True
        else:
            capitalword = False
        if capitalword:
            continue
        w = grams[-1:]
        if w != " " and w in known:
            append(w)
        if len(grams) < 2:
            continue
        w = grams[-2:]
        if w in known:
            append(w)
        if len(grams) < 3:
            continue
        w = grams[-3:]
        if w in known:
            append(w)
    return result


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


def probabilities(factory: Any, text: str) -> list[Any]:
    """`detector.get_probabilities()` for a detector of `factory` given `text` by `append`
    (langdetect's `Language` objects, sorted); raises ValueError where langdetect raises
    (no n-gram in the text)."""
    detector = factory.create()
    known = detector.word_lang_prob_map
    ngrams = _ngrams(_prepared(detector, text), known)
    if not ngrams:
        raise ValueError("no features in text")
    count = len(detector.langlist)
    langprob = [0.0] * count
    rnd: random.Random = detector.random
    rnd.seed(detector.seed)
    if not _INLINE_DRAWS:
        _INLINE_DRAWS.append(_drawing(rnd))
    if _INLINE_DRAWS[0]:
        size = len(ngrams)
        bits = size.bit_length()
        getrandbits = rnd.getrandbits

        def draw() -> str:
            r = getrandbits(bits)
            while r >= size:
                r = getrandbits(bits)
            return ngrams[r]

    else:

        def draw() -> str:
            return rnd.choice(ngrams)

    n_trial = detector.n_trial
    limit = detector.ITERATION_LIMIT
    threshold = detector.CONV_THRESHOLD
    for _ in range(n_trial):
        prob = detector._init_probability()
        alpha = detector.alpha + rnd.gauss(0.0, 1.0) * detector.ALPHA_WIDTH
        w = alpha / detector.BASE_FREQ
        # Every n-gram drawn is in the map (`_ngrams` keeps no other), so every step is
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
