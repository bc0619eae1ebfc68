"""Run mypy on the `copydesk` package as it installs.

lint/ and rules/ install as `copydesk` and `copydesk.rules` (setuptools package-dir), a mapping
mypy cannot follow. This builds a throw-away tree of symlinks with the installed layout, runs
mypy on it, and rewrites the paths in its output back to lint/ and rules/.

    python scripts/typecheck.py [extra mypy args]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="copydesk-mypy-") as tmp:
        pkg = Path(tmp) / "copydesk"
        pkg.mkdir()
        for entry in (ROOT / "lint").iterdir():
            if entry.name != "__pycache__":
                (pkg / entry.name).symlink_to(entry)
        (pkg / "rules").symlink_to(ROOT / "rules")
        cmd = [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "-p",
            "copydesk",
            *sys.argv[1:],
        ]
        env = {**os.environ, "MYPYPATH": tmp}
        proc = subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, text=True)
        out = (proc.stdout + proc.stderr).replace("copydesk/rules/", "rules/")
        out = out.replace("copydesk/", "lint/")
        sys.stdout.write(out)
        return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
