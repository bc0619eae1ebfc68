"""Word data the garbled-sentence rules share, loaded on first use and then cached per process.

- English word frequencies from `wordfreq` (Apache-2.0 code, CC-BY-SA-4.0 data; its data are
  frozen upstream). Importing it costs about 0.1 s, so it is imported inside `frequencies()`,
  never at module import, and only by rules that meet a candidate.
- Word lists in `data/*.txt`, one word per line, `#` comments (each file says where it came from).
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@cache
def word_list(name: str) -> frozenset[str]:
    """The words of `data/<name>.txt`, lower-cased, comments and blank lines dropped."""
    words = set()
    for line in (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.add(word)
    return frozenset(words)


@cache
def frequencies() -> dict[str, float]:
    """wordfreq's English word frequencies (lower-case word -> share of all words)."""
    import wordfreq

    return dict(wordfreq.get_frequency_dict("en"))


def zipf(word: str) -> float:
    """The Zipf frequency of `word` in English (log10 per billion words; 0 for unknown words).

    A plain dictionary look-up rather than `wordfreq.zipf_frequency`, which tokenizes and
    normalizes every call: the rules only ask about single alphabetic tokens.
    """
    f = frequencies().get(word.lower())
    return math.log10(f) + 9.0 if f else 0.0
