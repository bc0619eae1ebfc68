"""A progress bar on stderr for long runs, shown only to a person watching a terminal.

    progress = Progress.for_run(fmt, quiet=args.quiet)
    progress.start(len(files))
    for report in run_batch(batch):
        progress.advance()
    progress.finish()

It stays silent unless stderr *and* stdout are terminals (so never in a pipe, a redirect or
`| less`, whose screen it would garble), CI is unset (CI logs are not terminals that redraw a
line, though some pretend to be), TERM is not `dumb`, the output format is not a machine
format, there are at least `min_total` files, and the run has lasted `delay` seconds (a fast run
never flashes a bar). `finish()` erases the bar, so the findings and the summary print as they
would without it. Drawing is ASCII, at most ten times a second.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from typing import TextIO

from copydesk.report import MACHINE_FORMATS

MIN_TOTAL = 20
DELAY = 0.5
INTERVAL = 0.1


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except (OSError, ValueError):  # a closed stream
        return False


def wanted(
    fmt: str,
    *,
    quiet: bool = False,
    stream: TextIO | None = None,
    stdout: TextIO | None = None,
    env: Mapping[str, str] | None = None,
) -> bool:
    """Whether a run with output format `fmt` should show a progress bar on `stream`."""
    env = os.environ if env is None else env
    if quiet or fmt in MACHINE_FORMATS or env.get("CI") or env.get("TERM") == "dumb":
        return False
    return _isatty(sys.stderr if stream is None else stream) and _isatty(
        sys.stdout if stdout is None else stdout
    )


class Progress:
    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        enabled: bool = True,
        label: str = "Checking",
        min_total: int = MIN_TOTAL,
        delay: float = DELAY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.enabled = enabled
        self.label = label
        self.min_total = min_total
        self.delay = delay
        self.clock = clock
        self.total = 0
        self.done = 0
        self._started = 0.0
        self._drawn_at: float | None = None  # when the bar was last drawn; None: not shown

    @classmethod
    def for_run(cls, fmt: str, *, quiet: bool = False, stream: TextIO | None = None) -> Progress:
        """A bar that shows itself only where `wanted()` says so."""
        return cls(stream, enabled=wanted(fmt, quiet=quiet, stream=stream))

    def start(self, total: int) -> None:
        self.total = max(total, 0)
        self.done = 0
        self._started = self.clock()
        self._drawn_at = None
        if self.total < self.min_total:
            self.enabled = False

    def advance(self, n: int = 1) -> None:
        self.done = min(self.done + n, self.total)
        if not self.enabled:
            return
        now = self.clock()
        if now - self._started < self.delay:
            return
        if (
            self._drawn_at is not None
            and now - self._drawn_at < INTERVAL
            and self.done < self.total
        ):
            return
        self._draw(now)

    def finish(self) -> None:
        """Erase the bar (if it was shown)."""
        if self._drawn_at is not None:
            self._write("\r\x1b[K")
            self._drawn_at = None
        self.enabled = False

    # -- drawing ------------------------------------------------------------------------------

    def line(self, now: float, columns: int) -> str:
        """The bar as text, fitted to `columns`."""
        total = max(self.total, 1)
        pct = self.done * 100 // total
        counts = f"{self.done}/{self.total} files {pct:3d}%"
        elapsed = now - self._started
        eta = ""
        if 0 < self.done < self.total and elapsed >= 1:
            left = int(elapsed / self.done * (self.total - self.done))
            eta = f" {left // 60}:{left % 60:02d} left"
        text = f" {counts}{eta}"
        room = columns - len(self.label) - len(text) - 4
        if room < 10:
            return f"{self.label}{text}"[: max(columns - 1, 0)]
        bar = min(room, 40)
        fill = self.done * bar // total
        return f"{self.label} [{'#' * fill}{'-' * (bar - fill)}]{text}"

    def _draw(self, now: float) -> None:
        import shutil  # only a progress bar on a terminal needs it

        columns = shutil.get_terminal_size((80, 24)).columns
        self._write("\r" + self.line(now, columns) + "\x1b[K")
        self._drawn_at = now

    def _write(self, s: str) -> None:
        try:
            self.stream.write(s)
            self.stream.flush()
        except (OSError, ValueError):
            self.enabled = False  # a closed terminal must not fail the run
