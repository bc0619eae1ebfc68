"""Text in, diagnostics out: run the selected rules over one document, and the fix loop.

This is the pure core shared by the command line, the Python API and the tests. It never
reads or writes files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from copydesk import suppression
from copydesk.diagnostics import ORDER, Applicability, Diagnostic
from copydesk.document import Document, RunContext
from copydesk.fixer import FixResult, fix_loop
from copydesk.rule import Rule, RuleError


class RuleCrash(Exception):
    """A rule raised; the message names the rule so the bug can be reported."""


def run_rules(doc: Document, rules: Iterable[Rule]) -> list[Diagnostic]:
    """Every diagnostic of `rules` on `doc`, less those that suppression comments silence."""
    rules = list(rules)
    out: list[Diagnostic] = []
    n = len(doc.text)
    for rule in rules:
        if not rule.applies_to(doc):
            continue
        try:
            found = list(rule.check(doc))
        except RuleError as exc:
            raise RuleCrash(str(exc)) from exc
        except Exception as exc:
            raise RuleCrash(f"rule {rule.code} ({rule.name}) crashed: {exc!r}") from exc
        # A span or edit outside the text is a rule bug; catching it here keeps the fixer from
        # ever writing past the end of a file. A fix's edits are in order and never overlap,
        # so its last one ends last.
        for d in found:
            if d.end > n or (d.fix is not None and d.fix.edits[-1].end > n):
                raise RuleCrash(f"rule {rule.code} ({rule.name}) reported a span outside the text")
        out.extend(found)
    out = suppression.apply(doc, out, rules)
    out.sort(key=ORDER)
    return out


class Checker(NamedTuple):
    """The rules of one run and how documents are made for them."""

    rules: Sequence[Rule]
    language: str | None = None
    run: RunContext | None = None  # run-wide counts for cross-file rules

    def document(self, text: str, path: str | None, fmt: str | None = None) -> Document:
        return Document(text, path=path, format=fmt, language=self.language, run=self.run)

    def check(self, text: str, path: str | None = None, fmt: str | None = None) -> list[Diagnostic]:
        return run_rules(self.document(text, path, fmt), self.rules)

    def fix(
        self,
        text: str,
        path: str | None = None,
        *,
        unsafe: bool = False,
        fmt: str | None = None,
    ) -> FixResult:
        allowed = (
            frozenset({Applicability.SAFE, Applicability.UNSAFE})
            if unsafe
            else frozenset({Applicability.SAFE})
        )
        return fix_loop(text, lambda t: self.check(t, path, fmt), allowed)
