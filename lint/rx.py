"""What rule modules use of the `regex` module at import, without importing it.

Importing `regex` runs its pattern compiler's 5,000 lines of Python and the tables they build:
about a tenth of a one-file pre-commit run. But a run rarely compiles anything:
`copydesk.patterns` builds the rules' patterns from stored programs with regex's C engine
alone. So rule modules take the flags and `escape` from here (`from copydesk import rx`), and
anything else (`rx.Pattern`, `rx.error`, `rx.search`) is regex's own, imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from regex import Match, Pattern, error

    __all__ = ["Match", "Pattern", "error"]

# regex's flag values (tests/test_patterns.py checks them against the module's own).
ASCII = A = 0x80
IGNORECASE = I = 0x2  # noqa: E741 - regex's own short name
MULTILINE = M = 0x8
DOTALL = S = 0x10
UNICODE = U = 0x20
VERBOSE = X = 0x40
VERSION0 = V0 = 0x2000
VERSION1 = V1 = 0x100
WORD = W = 0x800
FULLCASE = F = 0x4000
BESTMATCH = B = 0x1000
ENHANCEMATCH = E = 0x8000
POSIX = P = 0x10000
REVERSE = R = 0x400
FLAGS = (
    "ASCII A IGNORECASE I MULTILINE M DOTALL S UNICODE U VERBOSE X VERSION0 V0 VERSION1 V1 "
    "WORD W FULLCASE F BESTMATCH B ENHANCEMATCH E POSIX P REVERSE R"
).split()

_METACHARS = frozenset("()[]{}?*+|^$\\.-#&~")


def escape(pattern: str) -> str:
    """`regex.escape(pattern)` for `str`: the characters a pattern treats specially, and
    whitespace, get a backslash. tests/test_patterns.py checks it against regex's own."""
    return "".join("\\" + c if c in _METACHARS or c.isspace() else c for c in pattern)


def __getattr__(name: str) -> Any:
    import regex  # the rest of the module, on first use

    return getattr(regex, name)
