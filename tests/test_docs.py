"""docs/rules.md is generated from the rules (scripts/gen_docs.py) and must not go stale."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from copydesk.rules import builtin_rules

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "rules.md"
Run = Callable[..., tuple[int, str, str]]


def gen_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rules_md_is_up_to_date() -> None:
    fresh = gen_docs().render()
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    assert current == fresh, "docs/rules.md is stale: run `python scripts/gen_docs.py`"


def test_every_rule_is_documented_with_the_rule_command_text(run: Run) -> None:
    text = gen_docs().render()
    for cls in builtin_rules():
        assert f'<a id="{cls.code}"></a>\n\n### {cls.code} {cls.name}\n' in text
        assert f"| [{cls.code}](#{cls.code}) | {cls.name} |" in text
        # The body is what `copydesk rule CODE` prints, headings two levels down.
        code, out, _ = run("rule", cls.code)
        assert code == 0
        body = out.split("\n", 1)[1].replace("\n## ", "\n#### ").strip()
        assert body in text
        for key in cls.options:
            assert f"\n{key} = " in text


def test_check_mode_reports_staleness(tmp_path: Path) -> None:
    module = gen_docs()
    out = tmp_path / "rules.md"
    assert module.main(["--check", "--output", str(out)]) == 1
    assert module.main(["--output", str(out)]) == 0
    assert module.main(["--check", "--output", str(out)]) == 0
    out.write_text(out.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    assert module.main(["--check", "--output", str(out)]) == 1
