"""Third-party rules plug in through the `copydesk.rules` entry-point group.

The test builds a tiny plugin package, installs it with pip into a private folder, and runs
copydesk with that folder on the path: the plugin's rule is listed, selected and fixes text
exactly like a built-in one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PLUGIN = '''
from copydesk import Diagnostic, Document, Edit, Example, Fix, Rule


class NoShouting(Rule):
    """## What it does
    Flags "!!!".

    ## Why is this bad?
    Newsrooms do not shout.

    ## Example
    ```text
    Wow!!!
    ```

    ## Use instead
    ```text
    Wow!
    ```

    ## Fix safety
    Safe.
    """

    code = "ZZ001"
    name = "no-shouting"
    message = "Triple exclamation mark"
    fix_availability = "always"
    examples = (Example(bad="Wow!!!", flagged="!!!", fixed="Wow!"), Example(good="Wow!"))

    def check(self, doc: Document):
        for block in doc.blocks:
            i = block.text.find("!!!")
            while i >= 0:
                edit = block.edit(i + 1, i + 3, "")
                yield self.block_diagnostic(block, i, i + 3, fix=Fix.safe("Keep one", edit))
                i = block.text.find("!!!", i + 3)


RULES = [NoShouting]
'''


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("plugin")
    pkg = root / "src"
    (pkg / "copydesk_noshout").mkdir(parents=True)
    (pkg / "copydesk_noshout" / "__init__.py").write_text(PLUGIN, encoding="utf-8")
    (pkg / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "copydesk-noshout"
            version = "1.0"

            [project.entry-points."copydesk.rules"]
            noshout = "copydesk_noshout"

            [tool.setuptools]
            packages = ["copydesk_noshout"]
            """
        ),
        encoding="utf-8",
    )
    site = root / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(site),
            str(pkg),
        ],
        check=True,
        capture_output=True,
    )
    return site


def copydesk(site: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "copydesk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
    )


def test_plugin_rule_is_listed(plugin_site: Path) -> None:
    p = copydesk(plugin_site, "rule", "--all", "--output-format", "json")
    assert p.returncode == 0, p.stderr
    assert "ZZ001" in {r["code"] for r in json.loads(p.stdout)}
    assert "Newsrooms do not shout." in copydesk(plugin_site, "rule", "no-shouting").stdout


def test_plugin_rule_checks_and_fixes(plugin_site: Path, tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Wow!!! Really.\n", encoding="utf-8")
    p = copydesk(plugin_site, "check", "--select", "ZZ", "--output-format", "json", str(f))
    assert p.returncode == 1
    assert [(r["code"], r["location"]["column"]) for r in json.loads(p.stdout)] == [("ZZ001", 4)]
    assert copydesk(plugin_site, "check", "--select", "ZZ001", "--fix", str(f)).returncode == 0
    assert f.read_text(encoding="utf-8") == "Wow! Really.\n"


def test_plugin_examples_pass_the_same_checks(plugin_site: Path) -> None:
    code = (
        "from copydesk.rule import registry\n"
        "from copydesk.checker import Checker\n"
        "cls = registry()['ZZ001']\n"
        "assert cls.validate() == []\n"
        "assert Checker([cls()]).fix('Wow!!!').text == 'Wow!'\n"
    )
    env = {**os.environ, "PYTHONPATH": str(plugin_site)}
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert p.returncode == 0, p.stderr


def test_broken_plugin_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """A plugin that fails to import stops the run with a message naming it, not a traceback."""
    site = tmp_path / "site"
    dist = site / "broken_plugin-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[copydesk.rules]\nbroken = broken_rules\n")
    (site / "broken_rules.py").write_text('raise ImportError("boom")\n', encoding="utf-8")
    f = tmp_path / "a.txt"
    f.write_text("It ended. .\n", encoding="utf-8")
    p = copydesk(site, "check", "--no-cache", str(f))
    assert p.returncode == 2
    assert p.stderr == "copydesk: error: plugin broken (broken_rules) failed to load: boom\n"
