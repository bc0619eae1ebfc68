"""Compiled patterns, kept between runs.

Every rule and the engine compile their patterns through `compile` (the `regex` module) and
`compile_re` (the standard library's `re`), never `regex.compile` or `re.compile` directly.
"""

from __future__ import annotations

import re

import regex


def compile(source: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile(source, flags)`."""
    return regex.compile(source, flags)


def compile_re(source: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(source, flags)`."""
    return re.compile(source, flags)
