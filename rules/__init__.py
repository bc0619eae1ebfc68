"""The built-in rules, one family per sub-package, each listing its rules in `RULES`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from copydesk.rule import Rule

FAMILY_PACKAGES = ("encoding", "boilerplate", "translation", "punctuation", "garbled", "style")


def lazy_rules(package: str, rules: Sequence[tuple[str, str]]) -> Callable[[str], Any]:
    """A family package's module `__getattr__` (PEP 562): its `RULES` list, the family's rules
    in order from `(module, class)` pairs, is imported when first read, not with the package.
    A run imports only the rule modules it chose (`copydesk.rule.load_rule`), and importing one
    of them, or a helper module of the family, must not import all the others."""

    def __getattr__(name: str) -> Any:
        if name != "RULES":
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        found = [getattr(import_module(f"{package}.{module}"), cls) for module, cls in rules]
        vars(import_module(package))["RULES"] = found  # read like any attribute from now on
        return found

    return __getattr__


def builtin_rules() -> list[type[Rule]]:
    from copydesk.suppression import UnusedSuppression

    out: list[type[Rule]] = []
    for family in FAMILY_PACKAGES:
        module = import_module(f"copydesk.rules.{family}")
        out.extend(module.RULES)
    # The engine's own rule (ruff's RUF100): it lives beside the suppression parser it checks.
    out.append(UnusedSuppression)
    return out
