"""The pre-commit hooks, run by the real `pre-commit` tool against a throw-away repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIRTY = "Skip to content\n\nThe war is now in its 19th month. .\n"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    if shutil.which("pre-commit") is None:
        pytest.fail("pre-commit is not installed (it is in the test extras)")
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }


def make_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "articles"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "story.txt").write_text(DIRTY, encoding="utf-8")
    git(repo, "add", "story.txt")
    return repo


def try_repo(repo: Path, hook: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), hook, "--all-files", "--verbose"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_check_hook_fails_on_a_dirty_article(tmp_path: Path, hook_env: dict[str, str]) -> None:
    repo = make_repo(tmp_path)
    p = try_repo(repo, "copydesk", hook_env)
    assert p.returncode == 1, p.stdout + p.stderr
    assert "PU101" in p.stdout
    assert (repo / "story.txt").read_text(encoding="utf-8") == DIRTY


def test_fix_hook_repairs_the_article(tmp_path: Path, hook_env: dict[str, str]) -> None:
    repo = make_repo(tmp_path)
    p = try_repo(repo, "copydesk-fix", hook_env)
    # pre-commit fails a hook that modified files; the file is repaired.
    assert p.returncode == 1, p.stdout + p.stderr
    fixed = (repo / "story.txt").read_text(encoding="utf-8")
    assert "month. ." not in fixed and "month." in fixed
    git(repo, "add", "story.txt")
    again = try_repo(repo, "copydesk-fix", hook_env)
    assert (repo / "story.txt").read_text(encoding="utf-8") == fixed
    assert "files were modified by this hook" not in again.stdout
