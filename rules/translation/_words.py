"""English word lists the translation rules share (data/english_words.toml), loaded once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from copydesk.artifacts import load_toml

DATA = Path(__file__).resolve().parent / "data"


@cache
def _tables() -> dict[str, frozenset[str]]:
    raw = load_toml(DATA / "english_words.toml")  # parsed once, kept between runs
    return {name: frozenset(w.lower() for w in words.split()) for name, words in raw.items()}


def word_set(name: str) -> frozenset[str]:
    """The lower-case words of list `name` in data/english_words.toml."""
    return _tables()[name]
