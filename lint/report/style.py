"""ANSI styling that turns itself off when color is off."""

from __future__ import annotations


class Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def _wrap(self, code: str, s: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if self.color and s else s

    def bold(self, s: str) -> str:
        return self._wrap("1", s)

    def red(self, s: str) -> str:
        return self._wrap("31", s)

    def green(self, s: str) -> str:
        return self._wrap("32", s)

    def cyan(self, s: str) -> str:
        return self._wrap("36", s)

    def blue(self, s: str) -> str:
        return self._wrap("34", s)

    def dim(self, s: str) -> str:
        return self._wrap("2", s)
