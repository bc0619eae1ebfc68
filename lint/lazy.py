"""Patterns compiled on first use.

Compiling a pattern with `regex` runs its parser in Python: a large one costs milliseconds,
and a one-file pre-commit run pays for every module-level pattern of every rule. Patterns that
only run once a cheap screen has found a candidate (most documents never get that far) are
declared with `lazy_regex`, so a run that never needs them never compiles them.
"""

from __future__ import annotations

from typing import Any, cast

import regex


class _LazyPattern:
    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int) -> None:
        self._args = (pattern, flags)
        self._compiled: Any = None

    def __getattr__(self, name: str) -> Any:
        # Only called for what the proxy itself lacks: every attribute of the pattern.
        if self._compiled is None:
            self._compiled = regex.compile(*self._args)
        return getattr(self._compiled, name)

    def __repr__(self) -> str:
        return f"lazy_regex({self._args[0]!r}, {self._args[1]})"


def lazy_regex(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile(pattern, flags)`, done when the pattern is first used."""
    return cast("regex.Pattern[str]", _LazyPattern(pattern, flags))
