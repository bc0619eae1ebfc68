"""The rule index: runs choose rules from it and import only the rules they chose."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from copydesk import rule as rule_mod
from copydesk.config import Settings, expand
from copydesk.rule import RuleInfo, RuleLoadError, load_rule, registry, rule_index
from copydesk.rules import index

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("*.txt"))


def test_index_is_current() -> None:
    written = (ROOT / "rules" / "_index.py").read_text(encoding="utf-8")
    assert written == index.render(), "run: python -m copydesk.rules.index"


def test_index_matches_every_registered_class() -> None:
    reg = registry()
    assert set(rule_index()) == set(reg)
    for code, cls in reg.items():
        assert rule_index()[code] == RuleInfo.of(cls)
        assert load_rule(code) is cls


def test_a_stale_entry_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    stale = dict(rule_index())
    info = stale["PU101"]
    stale["PU101"] = info._replace(name="renamed-meanwhile")
    monkeypatch.setattr(rule_mod, "rule_index", lambda: stale)
    load_rule.cache_clear()
    try:
        with pytest.raises(RuleLoadError, match="regenerate"):
            load_rule("PU101")
        stale["PU101"] = info._replace(qualname="Gone")
        load_rule.cache_clear()
        with pytest.raises(RuleLoadError, match="failed to load"):
            load_rule("PU101")
    finally:
        load_rule.cache_clear()


def _imported_rule_modules(*args: str, cwd: Path) -> list[str]:
    """The rule modules a CLI run in a fresh process imported."""
    code = (
        "import sys, json\n"
        "from copydesk.cli import main\n"
        f"status = main({list(args)!r})\n"
        "mods = sorted(m for m in sys.modules if m.startswith('copydesk.rules.'))\n"
        "print(json.dumps([status, mods, 'copydesk.declarative' in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, check=True
    )
    status, mods, declarative = json.loads(done.stdout.strip().splitlines()[-1])
    assert status in (0, 1), done.stderr
    return [*mods, *(["copydesk.declarative"] if declarative else [])]


def test_a_default_run_imports_no_opt_in_rule(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    mods = _imported_rule_modules("check", "--no-cache", "-q", str(page), cwd=tmp_path)
    assert "copydesk.rules.garbled.glued_words" in mods  # the default rules did run
    assert not [m for m in mods if m.startswith("copydesk.rules.style.")]
    assert "copydesk.declarative" not in mods


def test_a_run_served_by_the_cache_imports_no_rule(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    args = ("check", "-q", "--cache-dir", str(tmp_path / "cache"), str(tmp_path))
    first = _imported_rule_modules(*args, cwd=tmp_path)
    assert "copydesk.rules.boilerplate.known_chrome_line" in first
    second = _imported_rule_modules(*args, cwd=tmp_path)
    assert [m for m in second if m not in ("copydesk.rules._index",)] == []


def test_selectors_resolve_from_the_index_alone() -> None:
    assert expand(["ST"]) == {c for c in rule_index() if c.startswith("ST")}
    assert expand(["glued-words"]) == {"GS003"}
    assert "ST101" not in Settings().enabled_codes()
    assert "ST101" in Settings(select=("ST101",)).enabled_codes()
    assert [r.code for r in Settings(select=("PU101",)).rules()] == ["PU101"]
