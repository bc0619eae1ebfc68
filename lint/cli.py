"""The command line: `copydesk check`, `copydesk rule`, `copydesk version` (ruff's conventions).

Exit codes: 0 nothing left to report, 1 findings remain, 2 usage, configuration or file errors.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from copydesk import __version__
from copydesk.batch import Batch, run_batch
from copydesk.cache import DEFAULT_DIR as DEFAULT_CACHE
from copydesk.cache import Cache
from copydesk.config import ConfigError, ConfigFinder
from copydesk.report import FORMATS, MACHINE_FORMATS, ReportOptions, get_reporter
from copydesk.report.progress import Progress
from copydesk.rule import FAMILIES, Rule, RuleLoadError
from copydesk.runner import FIX, FileReport, Mode, check_source, discover
from copydesk.source import DEFAULT_MAX_BYTES, Source, SourceError, check_has_text, decode

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
COMMANDS = ("check", "rule", "clean", "version", "-h", "--help", "--version")


class UsageError(Exception):
    pass


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, told the terminal's width: left to itself it imports `shutil`
    (with bz2 and lzma, 1.7 ms of every run) for a width only `--help` needs, because
    `add_argument` makes a formatter for every argument."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24) -> None:
        super().__init__(prog, indent_increment, max_help_position, _help_width())


def _help_width() -> int:
    """`shutil.get_terminal_size().columns - 2`, as argparse computes it."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _codes(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="copydesk", description="Lint and fix scraped, machine-translated articles.")
    p.add_argument("--version", action="version", version=f"copydesk {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    c = sub.add_parser("check", help="check files and folders (the default command)")
    c.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; - reads stdin")
    c.add_argument("--fix", action="store_true", help="apply safe fixes")
    c.add_argument(
        "--unsafe-fixes", action="store_true", help="also apply (with --fix) or show unsafe fixes"
    )
    c.add_argument(
        "--diff", action="store_true", help="print the diff --fix would make; write nothing"
    )
    c.add_argument("--show-fixes", action="store_true", help="show each fix's edits")
    c.add_argument("--select", type=_codes, help="rules to enable: codes, prefixes, names, ALL")
    c.add_argument("--extend-select", type=_codes, default=[], help="rules to enable in addition")
    c.add_argument("--ignore", type=_codes, default=[], help="rules to disable")
    c.add_argument("--extend-exclude", type=_codes, default=[], help="more globs to skip")
    c.add_argument(
        "--force-exclude", action="store_true", help="apply excludes to explicit paths too"
    )
    c.add_argument("--output-format", choices=FORMATS, default=None, help="how to print findings")
    c.add_argument(
        "--baseline", type=Path, metavar="FILE", help="report only findings not in this baseline"
    )
    c.add_argument(
        "--write-baseline",
        type=Path,
        metavar="FILE",
        help="record the current findings in FILE and exit",
    )
    c.add_argument("-o", "--output-file", type=Path, help="write the report to this file")
    c.add_argument("--statistics", action="store_true", help="print counts per rule instead")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    c.add_argument("--config", type=Path, help="use this configuration file only")
    c.add_argument("--language", help="assume this document language (ISO 639-1)")
    c.add_argument(
        "--input-format",
        choices=("files", "jsonl"),
        default="files",
        help="jsonl: each path is a JSON Lines corpus; lint one field of every record",
    )
    c.add_argument("--text-field", default="text", help="the record field to lint (jsonl)")
    c.add_argument("--stdin-filename", help="the name of the text read from stdin")
    c.add_argument(
        "-j", "--jobs", type=int, default=0, help="worker processes (default: every core)"
    )
    c.add_argument(
        "--max-file-size",
        type=float,
        default=DEFAULT_MAX_BYTES / 1e6,
        metavar="MB",
        help="skip (and report) larger files",
    )
    c.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    c.add_argument(
        "--cache-dir", type=Path, help="where results are cached (default .copydesk_cache)"
    )
    c.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary")

    r = sub.add_parser("rule", help="print a rule's documentation")
    r.add_argument("rule", nargs="?", help="a code or name")
    r.add_argument("--all", action="store_true", help="list every rule")
    r.add_argument("--output-format", choices=("text", "json"), default="text")
    r.add_argument("--config", type=Path, help="use this configuration file only")

    cl = sub.add_parser("clean", help="remove the cache")
    cl.add_argument("--cache-dir", type=Path, help="the cache to remove (default .copydesk_cache)")

    sub.add_parser("version", help="print the version")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    # Checking allocates millions of short-lived containers (words, spans, records) and frees
    # them in order; with the collector's default first threshold (700) it runs young
    # collections thousands of times per corpus for almost nothing to collect. A corpus run is
    # about 4% faster this way (workers fork from here and inherit it); memory is unchanged.
    gc.set_threshold(10_000, 20, 20)
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in COMMANDS:
        args_list.insert(0, "check")
    try:
        args = build_parser().parse_args(args_list)
        if args.command == "version":
            print(f"copydesk {__version__}")
            return EXIT_OK
        if args.command == "rule":
            return cmd_rule(args)
        if args.command == "clean":
            return cmd_clean(args)
        return cmd_check(args)
    except UsageError as exc:
        print(f"copydesk: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except (ConfigError, RuleLoadError) as exc:
        print(f"copydesk: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # A closed pipe (`copydesk check | head`) is not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FINDINGS
    except KeyboardInterrupt:
        return 130


def cmd_clean(args: argparse.Namespace) -> int:
    root = args.cache_dir or Path(os.environ.get("COPYDESK_CACHE_DIR", DEFAULT_CACHE))
    if root.is_dir():
        import shutil  # only `copydesk clean` needs it

        shutil.rmtree(root, ignore_errors=True)
        print(f"Removed cache at {root}")
    return EXIT_OK


# -- rule ---------------------------------------------------------------------------------------


def family_name(cls: type[Rule]) -> str:
    if cls.code.startswith("X"):
        return "user-defined"
    return FAMILIES.get(cls.family(), cls.family())


def cmd_rule(args: argparse.Namespace) -> int:
    if args.config is not None and not args.config.is_file():
        raise ConfigError(f"{args.config}: no such configuration file")
    # The configuration may define rules of its own (declarative rules); list those too.
    settings = ConfigFinder(args.config).for_dir(Path.cwd())
    reg = settings.all_rules()
    if args.all:
        rows = [
            {
                "code": cls.code,
                "name": cls.name,
                "family": family_name(cls),
                "default": cls.default_enabled,
                "fix": cls.fix_availability,
                "languages": sorted(cls.languages) if cls.languages is not None else None,
                "summary": cls.summary(),
                "explanation": cls.doc(),
            }
            for cls in reg.values()
        ]
        if args.output_format == "json":
            import json

            json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
            print()
            return EXIT_OK
        print(f"{'code':<7} {'name':<34} {'family':<12} {'default':<8} fix")
        for row in rows:
            default = "on" if row["default"] else "opt-in"
            print(
                f"{row['code']:<7} {row['name']:<34} {row['family']:<12} {default:<8} {row['fix']}"
            )
        return EXIT_OK
    if not args.rule:
        raise UsageError("rule: give a rule code or name, or --all")
    cls = settings.rule(args.rule)
    if cls is None:
        raise UsageError(f"rule: unknown rule {args.rule!r}")
    if args.output_format == "json":
        import json

        json.dump(
            {
                "code": cls.code,
                "name": cls.name,
                "summary": cls.summary(),
                "explanation": cls.doc(),
                "fix": cls.fix_availability,
                "default": cls.default_enabled,
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
        return EXIT_OK
    print(f"# {cls.name} ({cls.code})\n")
    family = family_name(cls)
    fix = {
        "always": "always available",
        "sometimes": "sometimes available",
        "none": "not available",
    }
    print(
        f"Derived from the **{family}** family. Fix is {fix[cls.fix_availability]}."
        f"{'' if cls.default_enabled else ' Opt-in: enable it with --select.'}\n"
    )
    print(cls.doc())
    return EXIT_OK


# -- check --------------------------------------------------------------------------------------


def _use_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def cmd_check(args: argparse.Namespace) -> int:
    if args.diff and args.fix:
        args.fix = False  # as in ruff, --diff means "show, do not write"
    overrides = {
        "select": args.select,
        "extend_select": args.extend_select,
        "ignore": args.ignore,
        "extend_exclude": args.extend_exclude,
        "language": args.language,
    }
    if args.config is not None and not args.config.is_file():
        raise ConfigError(f"{args.config}: no such configuration file")
    finder = ConfigFinder(args.config, overrides)
    max_bytes = int(args.max_file_size * 1e6)
    mode = Mode(args.fix, args.unsafe_fixes, args.diff, max_bytes=max_bytes)
    paths = args.paths or ["."]
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (every core) or more")

    if "-" in paths and len(paths) > 1:
        raise UsageError("- (stdin) cannot be mixed with other paths")
    if args.input_format == "jsonl":
        return cmd_check_jsonl(args, finder, mode, paths)
    if "-" in paths:
        name = args.stdin_filename or "-"
        settings = finder.for_path(Path(name).absolute() if args.stdin_filename else Path.cwd())
        settings.enabled_codes()  # a bad selector is a usage error before stdin is read
        finder.validate_overrides()
        data = sys.stdin.buffer.read(max_bytes + 1)
        try:
            if len(data) > max_bytes:
                raise SourceError(f"input too large (the limit is {args.max_file_size:g} MB)")
            text, bom = decode(data)
            check_has_text(text)
        except SourceError as exc:
            return finish(args, iter([FileReport(name, error=str(exc))]), None)
        src = Source(name, text, bom)
        stdin_mode = Mode(args.fix, args.unsafe_fixes, args.diff, write=False, max_bytes=max_bytes)
        report = check_source(src, settings, stdin_mode)
        return finish(args, iter([report]), report.fixed_text)

    found = discover(paths, finder, force_exclude=args.force_exclude)
    # Validate the selection once even when no file was found (a typo must still exit 2).
    finder.for_dir(Path.cwd()).enabled_codes()
    finder.validate_overrides()
    cache = None
    if not args.no_cache:
        cache = Cache(args.cache_dir or Path(os.environ.get("COPYDESK_CACHE_DIR", DEFAULT_CACHE)))
    elif output_format(args) in LINELESS_FORMATS:
        mode = mode._replace(lines=False)  # the format does not show them, no cache keeps them
    batch = Batch(found.files, mode, jobs=args.jobs, cache=cache)
    progress = Progress.for_run(output_format(args), quiet=args.quiet)

    def with_progress() -> Iterator[FileReport]:
        progress.start(len(found.files))
        try:
            for report in run_batch(batch):
                progress.advance()
                yield report
        finally:
            progress.finish()

    return finish(
        args,
        itertools.chain(found.errors, with_progress()),
        None,
        # A bar on stderr and findings streaming to the same terminal would garble each other.
        hold=progress.enabled and len(found.files) >= progress.min_total,
    )


def cmd_check_jsonl(
    args: argparse.Namespace, finder: ConfigFinder, mode: Mode, paths: list[str]
) -> int:
    from copydesk.corpus import check_jsonl

    if args.diff:
        raise UsageError("--diff is not available with --input-format jsonl")
    settings = finder.for_dir(Path.cwd())
    settings.enabled_codes()
    finder.validate_overrides()
    # With --fix on stdin the cleaned corpus owns stdout, so findings go to stderr.
    to_stdout = mode.fix and paths == ["-"]

    def reports() -> Iterator[FileReport]:
        for path in paths:
            yield from check_jsonl(path, args.text_field, settings, mode, args.jobs, sys.stdout)

    return finish(args, reports(), None, findings_to_stderr=to_stdout)


# Formats that never read the source lines a finding covers (`full` shows them; junit embeds
# `full`'s excerpt; sarif and gitlab fingerprint findings with them).
LINELESS_FORMATS = frozenset({"concise", "json", "json-lines", "github"})

# Formats whose output is a concatenation of per-file output: printed as each file finishes.
STREAMING = frozenset({"full", "concise", "json-lines", "github"})


def output_format(args: argparse.Namespace) -> str:
    fmt: str = args.output_format or ("concise" if args.stdin_filename and args.fix else "full")
    return fmt


def finish(
    args: argparse.Namespace,
    stream: Iterator[FileReport],
    stdin_fixed: str | None,
    *,
    findings_to_stderr: bool = False,
    hold: bool = False,
) -> int:
    """Print the reports as they come (or, where a baseline, statistics, a progress bar or the
    format need them all, at the end), the summary, and return the exit code."""
    fmt = output_format(args)
    if args.write_baseline is not None:
        return write_baseline_and_exit(args, list(stream))
    if args.baseline is not None:
        from copydesk.baseline import apply_baseline

        stream = iter(apply_baseline(list(stream), args.baseline))
    with contextlib.ExitStack() as stack:
        if args.output_file:
            out: TextIO = stack.enter_context(open(args.output_file, "w", encoding="utf-8"))
        elif stdin_fixed is not None:
            # The fixed text owns stdout; findings go to stderr (ruff does the same).
            sys.stdout.write(stdin_fixed)
            sys.stdout.flush()
            out = sys.stderr
        else:
            out = sys.stderr if findings_to_stderr else sys.stdout
        opts = ReportOptions(
            color=_use_color(out) and fmt not in MACHINE_FORMATS,
            show_fixes=args.show_fixes,
            unsafe_fixes=args.unsafe_fixes,
        )
        streaming = fmt in STREAMING and not args.statistics and not args.diff and not hold
        reporter = get_reporter(fmt)
        # Streamed reports are dropped once printed: only the tally outlives them, so memory
        # stays flat however large the corpus.
        keep = args.statistics or (not streaming and not args.diff)
        reports: list[FileReport] = []
        tally = Tally()
        for r in stream:
            if r.error:
                print(f"copydesk: error: {r.filename}: {r.error}", file=sys.stderr, flush=True)
            if args.diff and r.diff:
                out.write(r.diff)
            elif streaming and r.records():
                reporter([r], out, opts)
            tally.add(r)
            if keep:
                reports.append(r)
        if args.statistics:
            from copydesk.report.statistics import report_statistics

            report_statistics(reports, out, opts, fmt)
        elif keep:
            reporter(reports, out, opts)
        if fmt not in MACHINE_FORMATS and not args.quiet:
            print_summary(args, tally, out)
    if tally.errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    if args.diff:
        return EXIT_FINDINGS if tally.diffs else EXIT_OK
    return EXIT_FINDINGS if tally.findings else EXIT_OK


def write_baseline_and_exit(args: argparse.Namespace, reports: list[FileReport]) -> int:
    from copydesk.baseline import write_baseline

    for r in reports:
        if r.error:
            print(f"copydesk: error: {r.filename}: {r.error}", file=sys.stderr)
    w = write_baseline(reports, args.write_baseline)
    dropped = f"; {w.dropped} fixed entries dropped" if w.dropped else ""
    print(
        f"Recorded {w.findings} findings in {w.files} files in {args.write_baseline}{dropped}",
        file=sys.stderr,
    )
    return EXIT_ERROR if any(r.error for r in reports) else EXIT_OK


class Tally:
    """What the summary line and the exit code need of a run, counted as reports stream by."""

    __slots__ = ("diffs", "errors", "findings", "fixed", "safe", "unsafe")

    def __init__(self) -> None:
        self.findings = 0
        self.fixed = 0
        self.safe = 0
        self.unsafe = 0
        self.diffs = 0  # files with a diff
        self.errors = 0

    def add(self, r: FileReport) -> None:
        records = r.records()  # not the findings: a corpus run counts every finding here
        self.findings += len(records)
        self.fixed += r.fixed
        self.diffs += bool(r.diff)
        self.errors += bool(r.error)
        for record in records:
            fix = record[FIX]
            if fix is not None:
                if fix[0] == "safe":
                    self.safe += 1
                elif fix[0] == "unsafe":
                    self.unsafe += 1


def print_summary(args: argparse.Namespace, tally: Tally, out: TextIO) -> None:
    fixed = tally.fixed
    if args.diff:
        n = tally.diffs
        out.write(
            f"Would fix {fixed} finding{'s' * (fixed != 1)} in {n} file{'s' * (n != 1)}.\n"
            if fixed
            else "No fixes available.\n"
        )
        return
    safe, unsafe = tally.safe, tally.unsafe
    n = tally.findings
    if not n:
        if tally.errors:  # not "passed": some files were never checked (exit code 2)
            failed = f"{tally.errors} file{'s' * (tally.errors != 1)} could not be checked"
            out.write(f"No findings in the files checked; {failed}.\n")
        else:
            out.write(f"All checks passed!{f' ({fixed} fixed)' if fixed else ''}\n")
        return
    line = f"Found {n + fixed} finding{'s' * (n + fixed != 1)}"
    line += f" ({fixed} fixed, {n} remaining).\n" if fixed else ".\n"
    out.write(line)
    if args.unsafe_fixes:
        if safe + unsafe:
            out.write(f"[*] {safe + unsafe} fixable with the `--fix --unsafe-fixes` options.\n")
    elif safe:
        extra = (
            f" ({unsafe} hidden fixes can be enabled with the `--unsafe-fixes` option)"
            if unsafe
            else ""
        )
        out.write(f"[*] {safe} fixable with the `--fix` option{extra}.\n")
    elif unsafe:
        out.write(
            f"No fixes available ({unsafe} hidden fixes can be enabled with the"
            " `--unsafe-fixes` option).\n"
        )
