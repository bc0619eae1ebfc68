"""English word lists the translation rules share (data/english_words.toml), loaded once."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DATA = Path(__file__).resolve().parent / "data"


@cache
def _tables() -> dict[str, frozenset[str]]:
    with (DATA / "english_words.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    return {name: frozenset(w.lower() for w in words.split()) for name, words in raw.items()}


def word_set(name: str) -> frozenset[str]:
    """The lower-case words of list `name` in data/english_words.toml."""
    return _tables()[name]
