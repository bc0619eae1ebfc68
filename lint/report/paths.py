"""File names as CI systems want them: relative to the project root, with `/`."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote


def project_root() -> Path:
    """GitLab names the checkout in CI_PROJECT_DIR, GitHub in GITHUB_WORKSPACE; else the
    working directory."""
    for var in ("CI_PROJECT_DIR", "GITHUB_WORKSPACE"):
        value = os.environ.get(var)
        if value:
            return Path(value)
    return Path.cwd()


def relative_path(filename: str, root: Path) -> str | None:
    """`filename` relative to `root` with `/`, or None when it lies outside `root`."""
    if filename == "-":
        return None
    try:
        rel = os.path.relpath(os.path.abspath(filename), os.path.abspath(root))
    except ValueError:  # another drive (Windows)
        return None
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return None
    return Path(rel).as_posix()


def display_path(filename: str, root: Path) -> str:
    """Relative to `root` when inside it, else as given (with `/`)."""
    rel = relative_path(filename, root)
    if rel is not None:
        return rel
    return filename if filename == "-" else Path(filename).as_posix()


def file_uri(filename: str, root: Path) -> tuple[str, bool]:
    """A URI for `filename`: (relative URI, True) inside `root`, else (absolute file URI,
    False). Stdin (`-`) stays `-`, a valid relative reference."""
    rel = relative_path(filename, root)
    if rel is not None:
        return quote(rel, safe="/"), True
    if filename == "-":
        return "-", True
    return Path(os.path.abspath(filename)).as_uri(), False
