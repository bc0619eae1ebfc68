"""The Python API: lint and fix text without touching files."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from copydesk.checker import Checker
from copydesk.config import Settings, settings_from_table
from copydesk.diagnostics import Diagnostic


class FixedText(NamedTuple):
    """The result of `fix_text`."""

    text: str
    applied: list[Diagnostic]  # the fixes that were applied, pass by pass
    remaining: list[Diagnostic]  # what is still reported on the fixed text


def _settings(
    config: Mapping[str, Any] | Settings | None, select: Iterable[str] | None
) -> Settings:
    if isinstance(config, Settings):
        settings = config
    else:
        settings = settings_from_table(dict(config or {}), Path.cwd(), None)
    if select is not None:
        settings = settings.replace(select=tuple(select))
    return settings


def _checker(settings: Settings, filename: str | None) -> Checker:
    ignored = settings.ignored_for(filename) if filename else frozenset()
    return Checker([r for r in settings.rules() if r.code not in ignored], settings.language)


def check_text(
    text: str,
    *,
    filename: str | None = None,
    select: Iterable[str] | None = None,
    config: Mapping[str, Any] | Settings | None = None,
) -> list[Diagnostic]:
    """Diagnostics for `text`, sorted by position. `filename` picks the format (.md, .html)
    and `per-file-ignores`; `config` is a `[tool.copydesk]` table as a dict.

    >>> [d.code for d in check_text("It is over. .")]
    ['PU101']
    """
    settings = _settings(config, select)
    return _checker(settings, filename).check(text, filename)


def fix_text(
    text: str,
    *,
    unsafe: bool = False,
    filename: str | None = None,
    select: Iterable[str] | None = None,
    config: Mapping[str, Any] | Settings | None = None,
) -> FixedText:
    """Apply fixes (safe ones, or unsafe too) until none applies.

    >>> fix_text("It is over. .").text
    'It is over.'
    """
    settings = _settings(config, select)
    result = _checker(settings, filename).fix(text, filename, unsafe=unsafe)
    return FixedText(result.text, result.applied, result.remaining)
