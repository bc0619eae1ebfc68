"""Patterns compiled on first use.

Compiling a pattern with `regex` runs its parser in Python: a large one costs milliseconds,
and a one-file pre-commit run pays for every module-level pattern of every rule. Patterns that
only run once a cheap screen has found a candidate (most documents never get that far) are
declared with `lazy_regex`, so a run that never needs them never compiles them.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, cast

from copydesk import patterns

if TYPE_CHECKING:
    import regex


class LazyRegex:
    """A `regex` pattern compiled on first use (every attribute but these is the pattern's)."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags

    @functools.cached_property
    def compiled(self) -> Any:
        return patterns.compile(self.source, self.flags)

    def __getattr__(self, name: str) -> Any:
        # Only called for what the instance lacks: the pattern's own attributes and methods.
        if name.startswith("__"):
            raise AttributeError(name)  # pickle and copy probe dunders; they are not the pattern's
        value = getattr(self.compiled, name)
        # Kept on the instance: the next `.search` is a plain attribute, not another call here.
        self.__dict__[name] = value
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyRegex, (self.source, self.flags))

    def __repr__(self) -> str:
        return f"LazyRegex({self.source!r}, {self.flags})"


def lazy_regex(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile(pattern, flags)`, done when the pattern is first used."""
    return cast("regex.Pattern[str]", LazyRegex(pattern, flags))
