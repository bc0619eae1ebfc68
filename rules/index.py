"""Writes `_index.py`: every built-in rule's code, name, defaults and home, read from the classes.

    python -m copydesk.rules.index

A run reads the index to choose its rules and imports only the ones it chose
(`copydesk.rule.rule_index`, `load_rule`). Run this after adding, renaming or moving a rule, or
changing whether it is on by default or collects across files; tests/test_rule_index.py fails
until the index is current.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from copydesk.rule import RuleInfo
from copydesk.rules import builtin_rules

HEADER = '''"""Built-in rules by code: (name, on by default, collects across files, module, class).

Generated from the rule classes by `python -m copydesk.rules.index`; do not edit.
tests/test_rule_index.py fails when it is out of date.
"""

INDEX: dict[str, tuple[str, bool, bool, str, str]] = {
'''


def _literal(value: object) -> str:
    """A Python literal as `ruff format` writes it (strings in double quotes)."""
    return json.dumps(value) if isinstance(value, str) else repr(value)


def render() -> str:
    lines = [HEADER]
    for cls in sorted(builtin_rules(), key=lambda c: c.code):
        _code, *rest = RuleInfo.of(cls)
        # One value a line with trailing commas: the layout `ruff format` keeps.
        values = "".join(f"        {_literal(value)},\n" for value in rest)
        lines.append(f"    {_literal(cls.code)}: (\n{values}    ),\n")
    lines.append("}\n")
    return "".join(lines)


def main() -> int:
    path = Path(__file__).with_name("_index.py")
    path.write_text(render(), encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
