"""Every rule's examples run as tests (LanguageTool's discipline).

- a bad example is flagged by the rule, at exactly the `flagged` text;
- applying the rule's fixes gives `fixed` (with unsafe fixes when the example says so);
- the fixed text is not flagged again by that rule;
- a good example is clean;
- a rule without bad and good examples fails.
"""

from __future__ import annotations

import pytest

from copydesk.checker import Checker
from copydesk.diagnostics import Applicability
from copydesk.rule import Example, Rule, registry

RULES = list(registry().values())
CASES = [
    pytest.param(cls, ex, id=f"{cls.code}-{'bad' if ex.bad is not None else 'good'}{i}")
    for cls in RULES
    for i, ex in enumerate(cls.examples)
]


def checker(cls: type[Rule], ex: Example) -> Checker:
    return Checker([cls(ex.options)], language=ex.language)


@pytest.mark.parametrize("cls", RULES, ids=[c.code for c in RULES])
def test_rule_metadata(cls: type[Rule]) -> None:
    assert cls.validate() == []


@pytest.mark.parametrize(("cls", "ex"), CASES)
def test_example(cls: type[Rule], ex: Example) -> None:
    c = checker(cls, ex)
    if ex.good is not None:
        found = c.check(ex.good, ex.filename)
        assert found == [], f"{cls.code} flagged a good example: {found}"
        return
    assert ex.bad is not None and ex.flagged is not None
    found = c.check(ex.bad, ex.filename)
    assert found, f"{cls.code} did not flag {ex.bad!r}"
    spans = [ex.bad[d.start : d.end] for d in found]
    assert all(d.code == cls.code for d in found)
    assert ex.flagged in spans, f"{cls.code} flagged {spans}, expected {ex.flagged!r}"
    if ex.fixed is None:
        return
    result = c.fix(ex.bad, ex.filename, unsafe=ex.unsafe)
    assert result.text == ex.fixed
    if not ex.unsafe:
        # A safe example must not need unsafe fixes to reach `fixed`.
        assert all(d.fix and d.fix.applicability is Applicability.SAFE for d in result.applied)
    again = c.check(result.text, ex.filename)
    assert again == [], f"{cls.code} flags its own fixed text: {again}"
    # Fixing the fixed text changes nothing.
    assert c.fix(result.text, ex.filename, unsafe=ex.unsafe).text == result.text
