"""Word data the garbled-sentence rules share, loaded on first use and then cached per process.

- English word frequencies from `wordfreq` (Apache-2.0 code, CC-BY-SA-4.0 data; the project
  is frozen upstream, so its data files no longer change). Only rules that meet a candidate
  load them.
- Word lists in `data/*.txt`, one word per line, `#` comments (each file says where it came from).
"""

from __future__ import annotations

import gzip
import importlib.util
from functools import cache
from pathlib import Path
from typing import Any

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


def _buckets() -> list[list[str]]:
    """wordfreq's English "large" list: bucket i holds the words of frequency 10 ** (-i / 100).

    The file is read directly (wordfreq's documented "cBpack" format: a gzipped msgpack list,
    a format header, then the buckets) because `import wordfreq` also imports langcodes and its
    tokenizers, which costs more than reading the data. Falls back to wordfreq's own reader.
    """
    spec = importlib.util.find_spec("wordfreq")  # finds the package without importing it
    for location in (spec.submodule_search_locations or []) if spec else []:
        path = Path(location) / "data" / "large_en.msgpack.gz"
        if path.is_file():
            import msgpack

            with gzip.open(path, "rb") as f:
                data: Any = msgpack.load(f, raw=False)
            if isinstance(data, list) and data[:1] == [{"format": "cB", "version": 1}]:
                return data[1:]
    import wordfreq

    buckets: list[list[str]] = wordfreq.get_frequency_list("en", wordlist="large")
    return buckets


@cache
def lexicon() -> dict[str, int]:
    """Every English word wordfreq knows, lower case -> its bucket (centibels below 1)."""
    return {word: i for i, bucket in enumerate(_buckets()) for word in bucket}


def zipf(word: str) -> float:
    """The Zipf frequency of `word` in English (log10 per billion words; 0 for unknown words),
    as `wordfreq.zipf_frequency` gives it for a single alphabetic token."""
    i = lexicon().get(word.lower())
    return 0.0 if i is None else round(9.0 - i / 100, 2)
