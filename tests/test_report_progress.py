"""The progress bar: shown only on a terminal, for many files, after a moment; erased at the end."""

from __future__ import annotations

import io

from copydesk.report.progress import Progress, wanted


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_wanted_only_for_people_at_a_terminal() -> None:
    tty, pipe = Tty(), io.StringIO()
    env = {"TERM": "xterm"}
    assert wanted("full", stream=tty, stdout=tty, env=env)
    assert wanted("concise", stream=tty, stdout=tty, env=env)
    assert not wanted("full", stream=pipe, stdout=tty, env=env)  # stderr redirected
    assert not wanted("full", stream=tty, stdout=pipe, env=env)  # `| less`
    assert not wanted("full", stream=tty, stdout=tty, env={"CI": "true"})
    assert not wanted("full", stream=tty, stdout=tty, env={"TERM": "dumb"})
    assert not wanted("full", quiet=True, stream=tty, stdout=tty, env=env)
    for fmt in ("json", "json-lines", "github", "sarif", "gitlab", "junit"):
        assert not wanted(fmt, stream=tty, stdout=tty, env=env)


def test_bar_draws_after_the_delay_and_is_erased() -> None:
    out, clock = Tty(), Clock()
    p = Progress(out, clock=clock, min_total=5)
    p.start(40)
    p.advance()
    assert out.getvalue() == ""  # a fast run never shows a bar
    clock.now += 2
    p.advance(9)
    drawn = out.getvalue()
    assert drawn.startswith("\r") and "10/40 files  25%" in drawn and "[" in drawn
    assert drawn.isascii()
    clock.now += 0.01
    p.advance()
    assert out.getvalue() == drawn  # at most ten redraws a second
    clock.now += 1
    p.advance()
    assert "12/40" in out.getvalue() and "left" in out.getvalue()
    p.finish()
    assert out.getvalue().endswith("\r\x1b[K")


def test_no_bar_for_few_files_or_when_disabled() -> None:
    out, clock = Tty(), Clock()
    p = Progress(out, clock=clock, min_total=20)
    p.start(5)
    clock.now += 5
    for _ in range(5):
        p.advance()
    p.finish()
    assert out.getvalue() == ""
    p = Progress(out, clock=clock, enabled=False)
    p.start(100)
    clock.now += 5
    p.advance(50)
    p.finish()
    assert out.getvalue() == "" and p.done == 50


def test_line_fits_narrow_terminals() -> None:
    clock = Clock()
    p = Progress(Tty(), clock=clock)
    p.start(1000)
    p.done = 500
    assert len(p.line(clock.now, 30)) < 30
    assert len(p.line(clock.now, 200)) < 120
