"""copydesk's speed next to proselint's, on real English page text, whole-process.

    python -m pip install -e '.[bench]'     # once: proselint 0.16.0 (nothing installs at run time)
    python bench/speed.py [--tiers S,M,L,S-md,M-md,L-md] [--runs 5] [--jobs 0] [--no-peer]
                          [--out bench/results/speed.md] [--json FILE] [--rev HEAD]
                          [--copydesk-args ARGS] [--no-tree]

Tiers (as in ../shared/research/perf-anchors.md), built afresh in a temporary folder on every run
from the English whole-page texts of ../shared/corpus/boilerplate/pages/ (no page text is kept in
the project): T is the three smallest pages (for the test), S the one page nearest 7.9 KB (a
pre-commit run), M 200 files, L 2,000 files (the pages cycled in name order, byte-identical
copies under new names). A `-md` suffix (S-md, M-md, ...) gives the same pages turned into
Markdown by `to_markdown` (headings, lists, links), saved as .md, so copydesk's Markdown path is
measured.

Every tool runs as a fresh process on the same explicit list of files, in rounds: copydesk cold
(`--no-cache`), proselint, copydesk warm (with a cache over the unchanged tier), then again, so
machine noise hits all three alike. Round 0 is an uncounted warm-up (it also fills the warm
cache); `--runs` rounds are counted. Per tool and tier the table gives the median wall time, MB/s,
the peak RSS of the largest process and the peak memory of the whole process tree, the number of
findings, and the paired copydesk / proselint ratios. Exit code 2 if a tool fails (the table is
not written), 1 if the findings of a tool change between runs (written, with warnings).

Memory. Each tool is spawned by a small launcher (`LAUNCHER`, a bare `python -I -S`) that waits for
it with `os.wait4`: the rusage of a child merges that of every descendant it reaped, and its
ru_maxrss is the largest single process, copydesk's fork-pool workers included (they are joined
before it exits; checked: a pool worker that touches 300 MiB shows as 311 MiB). The launcher is
there because on Linux a child's ru_maxrss never reads below the RSS of the process that spawned it
(the high-water mark survives exec): spawned from the benchmark itself, every tool read at least
the benchmark's own RSS (31 MiB seen). The floor left, the launcher's own RSS, is measured (`true`
through the launcher) and printed in the header. The tree total is sampled from /proc every 20 ms
or more (`TreeSampler`; off with --no-tree), in one more round of each tool after the timed ones
(the sampler takes up to 5 % of a core: from a tool that keeps every core busy, copydesk, not
from a one-core one, proselint, so the timed rounds are not sampled): the sum of PSS over the
tool's process and its descendants, which counts the pages forked workers share with their
parent once (so for a single process it is a little below its RSS). Short runs get few
samples; the total is a lower bound.

Installation (`install`). Both tools run as a user has them after `pip install`: from a plain
virtual environment made in the temporary folder (no download: its site folder lists copydesk's
package and this environment's packages), through the console scripts pip writes, with
copydesk's modules byte-compiled and PYTHONDONTWRITEBYTECODE dropped. Not from this development
environment, whose editable-install hook costs every Python process (proselint's too) about 7 ms
at start-up. copydesk keeps its compiled patterns beside its bytecode, as Python keeps modules
(copydesk.patterns); the uncounted round 0 writes them, as a user's first run does.

copydesk is a snapshot taken when the benchmark starts: the working tree's lint/ and rules/, or
with `--rev HEAD` those of that commit (`git archive`), so edits made in the tree during a long
run cannot leak in.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "boilerplate"
DEFAULT_OUT = ROOT / "bench" / "results" / "speed.md"
SIZES = {"T": 3, "S": 1, "M": 200, "L": 2000}  # files per tier
S_TARGET = 7900  # bytes: the S page is the English page nearest this size
TIER_RE = re.compile(r"^(?P<size>[TSML])(?P<md>-md)?$")
FINDING_RE = re.compile(r"^[^\s:][^:\n]*:\d+:\d+: ", re.MULTILINE)  # path:line:col: message
SAMPLE_EVERY = 0.02  # seconds between /proc samples of the process tree
COPYDESK, PROSELINT = "copydesk", "proselint"
COLD, WARM = "copydesk cold", "copydesk warm"


class BenchError(Exception):
    """A tool failed: the benchmark stops and exits 2."""


# --- the corpus ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tier:
    name: str  # "M", "M-md", ...
    folder: Path
    files: list[str]  # names inside folder, in order
    nbytes: int

    @property
    def mb(self) -> float:
        return self.nbytes / 1e6


def english_pages() -> list[Path]:
    records = map(json.loads, (CORPUS / "pages.jsonl").open(encoding="utf-8"))
    langs = {r["page"]: r["lang"] for r in records}
    return sorted(p for p in (CORPUS / "pages").glob("*.txt") if langs.get(p.stem) == "en")


def pick_pages(size: str, pages: list[Path]) -> list[Path]:
    if size == "S":
        return [min(pages, key=lambda p: (abs(p.stat().st_size - S_TARGET), p.name))]
    if size == "T":
        return sorted(pages, key=lambda p: (p.stat().st_size, p.name))[: SIZES["T"]]
    return [pages[i % len(pages)] for i in range(SIZES[size])]


def build(tier: str, root: Path, pages: list[Path]) -> Tier:
    m = TIER_RE.match(tier)
    if m is None:
        raise ValueError(f"unknown tier {tier!r}")
    suffix = ".md" if m["md"] else ".txt"
    folder = root / tier
    folder.mkdir(parents=True)
    converted: dict[Path, str] = {}
    files = []
    chosen = pick_pages(m["size"], pages)
    for i, page in enumerate(chosen):
        name = ("article" if len(chosen) == 1 else f"{i:05d}") + suffix
        if suffix == ".md":
            if page not in converted:
                converted[page] = to_markdown(page.read_text(encoding="utf-8"))
            (folder / name).write_text(converted[page], encoding="utf-8")
        else:
            shutil.copyfile(page, folder / name)
        files.append(name)
    nbytes = sum((folder / f).stat().st_size for f in files)
    return Tier(tier, folder, files, nbytes)


# --- plain page text to Markdown ---------------------------------------------------------------

BULLET_RE = re.compile(r"^[•·▪►*–—-]\s+")
SENTENCE_END = tuple(".!?:;,\"'”’)")


def words(line: str) -> int:
    return len(line.split())


def is_nav(line: str) -> bool:
    """A menu item, button or teaser link: a few words and no sentence punctuation."""
    return words(line) <= 5 and not line.endswith(SENTENCE_END)


def is_heading(line: str, following: str) -> bool:
    """A title-like line introducing a real paragraph."""
    return (
        words(line) <= 12
        and len(line) <= 90
        and line[:1].isupper()
        and not line.endswith(SENTENCE_END)
        and words(following) >= 20
    )


def link(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "page"
    label = re.sub(r"([\[\]\\])", r"\\\1", text)
    return f"[{label}](/{slug})"


def to_markdown(text: str) -> str:
    """The page as html2text-like Markdown: the first line a `# ` title, title-like lines before
    paragraphs `## ` headings, bullet lines and runs of menu items lists (menu items as links),
    everything else a paragraph; blank lines between blocks. Deterministic."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    blocks: list[str] = [f"# {lines[0]}"]
    items: list[str] = []
    for i, line in enumerate(lines[1:], start=1):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if BULLET_RE.match(line):
            items.append(f"- {BULLET_RE.sub('', line)}")
            continue
        heading = is_heading(line, following)
        if is_nav(line) and not heading:
            items.append(f"- {link(line)}")
            continue
        if items:
            blocks.append("\n".join(items))
            items = []
        blocks.append(f"## {line}" if heading else line)
    if items:
        blocks.append("\n".join(items))
    return "\n\n".join(blocks) + "\n"


# --- running and measuring one process ---------------------------------------------------------


@dataclass
class Sample:
    wall_s: float
    max_rss_kib: int  # the largest process of the tree (wait4)
    tree_kib: int | None  # peak sum of PSS over the tree (sampled); None where /proc cannot tell
    findings: int


def children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for task in os.scandir(f"/proc/{pid}/task"):
            with open(f"{task.path}/children", encoding="ascii") as f:
                kids.extend(int(k) for k in f.read().split())
    except OSError:  # gone, or a kernel without /proc/<pid>/task/<tid>/children
        pass
    return kids


def pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_kib(pid: int) -> int:
    """The PSS of the descendants of `pid` (the launcher, itself left out)."""
    total, todo = 0, children(pid)
    while todo:
        p = todo.pop()
        total += pss_kib(p)
        todo.extend(children(p))
    return total


class TreeSampler(threading.Thread):
    """Samples the memory of a process tree until stopped; `peak` is the largest sample.

    Reading smaps_rollup walks the page tables (about 1 ms per 200 MiB), so the pause between
    samples is at least 20 times the last sample's cost: the sampler takes at most 5 % of a core.
    """

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self._done = threading.Event()

    def run(self) -> None:
        while True:
            start = time.perf_counter()
            self.peak = max(self.peak, tree_kib(self.pid))
            pause = max(SAMPLE_EVERY, 20 * (time.perf_counter() - start))
            if self._done.wait(pause):
                return

    def finish(self) -> int | None:
        self._done.set()
        self.join()
        return self.peak or None


# Spawns the tool and reports its wall time, peak RSS and exit code. A child's ru_maxrss never
# reads below the RSS of the process that spawned it (Linux keeps the old memory's high-water
# mark across exec), so the tools are spawned from this small, fresh interpreter and not from
# the benchmark's own, larger process. `python -I -S`: nothing but the standard library's core.
LAUNCHER = """import os, sys, time
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(sys.argv[1], "w") as f:
    f.write(f"{wall} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run_once(
    tool: str, cmd: list[str], cwd: Path, scratch: Path, tree: bool, env: dict[str, str] | None
) -> Sample:
    """Run `cmd` to the end; its output goes to files in `scratch` (to count the findings).
    `tree`: sample the memory of the process tree as well."""
    out_path, err_path, report = scratch / "stdout", scratch / "stderr", scratch / "launcher"
    report.unlink(missing_ok=True)
    launch = [sys.executable, "-I", "-S", "-c", LAUNCHER, str(report), *cmd]
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen(launch, cwd=cwd, stdout=out, stderr=err, env=env)
        sampler = TreeSampler(proc.pid) if tree else None
        if sampler:
            sampler.start()
        proc.wait()
        tree_peak = sampler.finish() if sampler else None
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    if proc.returncode != 0 or not report.exists():  # could not start the tool
        raise BenchError(f"{tool}: cannot run {shlex.join(cmd[:8])} ...\n{stderr.strip()}")
    wall, maxrss, code = report.read_text(encoding="ascii").split()
    findings = len(FINDING_RE.findall(stdout))
    check_run(tool, cmd, int(code), findings, stderr)
    return Sample(float(wall), int(maxrss), tree_peak, findings)


def check_run(tool: str, cmd: list[str], code: int, findings: int, stderr: str) -> None:
    """Exit 0 (clean) and 1 (findings) are success. Anything else stops the benchmark, and so do
    a Python traceback (an uncaught exception exits 1 too), exit 1 without a finding, and a file
    the tool could not read (proselint reports those on stderr and still exits 0)."""
    failed = (
        code not in (0, 1)
        or (code == 1 and findings == 0)
        or "Traceback (most recent call last)" in stderr
        or (tool == PROSELINT and "Error encountered" in stderr)
    )
    if failed:
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        raise BenchError(f"{tool} failed (exit code {code}): {shlex.join(cmd[:8])} ...\n{tail}")


# --- one tier: interleaved rounds --------------------------------------------------------------


@dataclass
class Commands:
    copydesk: list[str]  # up to (not including) the cache flags and the files
    proselint: list[str] | None  # None: --no-peer
    env: dict[str, str] | None = None  # for every tool

    def for_tier(self, tier: Tier, cache: Path) -> dict[str, list[str]]:
        """The commands of one round, in the order they run."""
        cmds = {COLD: [*self.copydesk, "--no-cache", *tier.files]}
        if self.proselint is not None:
            cmds[PROSELINT] = [*self.proselint, *tier.files]
        cmds[WARM] = [*self.copydesk, "--cache-dir", str(cache), *tier.files]
        return cmds


@dataclass
class TierResult:
    tier: str
    files: int
    mb: float
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def run_tier(tier: Tier, commands: Commands, runs: int, scratch: Path, tree: bool) -> TierResult:
    cmds = commands.for_tier(tier, scratch / f"cache-{tier.name}")
    result = TierResult(tier.name, len(tier.files), tier.mb, {tool: [] for tool in cmds})
    for round_no in range(runs + 1):
        for tool, cmd in cmds.items():
            sample = run_once(tool, cmd, tier.folder, scratch, False, commands.env)
            if round_no:  # round 0 warms the page cache (and fills copydesk's cache): not counted
                result.samples[tool].append(sample)
        print(f"  {tier.name}: round {round_no}/{runs} done", file=sys.stderr, flush=True)
    if tree:
        # The process tree's memory in one more round, not timed: the sampler takes up to 5 %
        # of a core, which a tool busy on every core (copydesk) would lose and a one-core tool
        # (proselint) would not.
        for tool, cmd in cmds.items():
            sampled = run_once(tool, cmd, tier.folder, scratch, True, commands.env)
            for sample in result.samples[tool]:
                sample.tree_kib = sampled.tree_kib
        print(f"  {tier.name}: memory round done", file=sys.stderr, flush=True)
    result.warnings = consistency_warnings(result)
    return result


def consistency_warnings(result: TierResult) -> list[str]:
    """Findings must not change between runs, nor between a cold and a cached run."""
    counts = {tool: sorted({s.findings for s in runs}) for tool, runs in result.samples.items()}
    notes = [
        f"{tool}: findings differ between runs: {c}" for tool, c in counts.items() if len(c) > 1
    ]
    if counts[COLD] != counts[WARM]:
        notes.append(f"copydesk findings cold {counts[COLD]} != warm {counts[WARM]}")
    return notes


# --- summaries and the table -------------------------------------------------------------------


@dataclass
class Row:
    tier: str
    files: int
    mb: float
    tool: str
    median_s: float
    mb_per_s: float
    max_rss_mib: float
    tree_mib: float | None
    findings: int
    time_ratio: float | None  # median over rounds of copydesk / proselint wall time
    speed_ratio: float | None  # median over rounds of copydesk / proselint MB/s


def paired(mine: Sequence[Sample], peer: Sequence[Sample] | None) -> tuple[float, float] | None:
    if not peer:
        return None
    time_ratio = statistics.median(a.wall_s / b.wall_s for a, b in zip(mine, peer, strict=True))
    speed_ratio = statistics.median(b.wall_s / a.wall_s for a, b in zip(mine, peer, strict=True))
    return time_ratio, speed_ratio


def rows(result: TierResult) -> list[Row]:
    out = []
    peer = result.samples.get(PROSELINT)
    for tool, samples in result.samples.items():
        median = statistics.median(s.wall_s for s in samples)
        trees = [s.tree_kib for s in samples if s.tree_kib is not None]
        ratios = paired(samples, peer) if tool != PROSELINT else None
        out.append(
            Row(
                tier=result.tier,
                files=result.files,
                mb=result.mb,
                tool=tool,
                median_s=median,
                mb_per_s=result.mb / median,
                max_rss_mib=max(s.max_rss_kib for s in samples) / 1024,
                tree_mib=max(trees) / 1024 if trees else None,
                findings=samples[0].findings,
                time_ratio=ratios[0] if ratios else None,
                speed_ratio=ratios[1] if ratios else None,
            )
        )
    return out


HEADER = (
    "| tier | files | MB | tool | median s | MB/s | peak RSS, largest process (MiB) "
    "| peak PSS, process tree (MiB) | findings | time / proselint | MB/s / proselint |"
)
ALIGN = "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"


def fmt(value: float | None, spec: str = "") -> str:
    """`spec`, or by default three figures for small numbers and fewer decimals for large."""
    if value is None:
        return "—"
    if not spec:
        spec = ".3f" if value < 1 else ".2f" if value < 100 else ".1f"
    return format(value, spec)


def table_row(r: Row) -> str:
    cells = [
        r.tier,
        str(r.files),
        fmt(r.mb),
        r.tool,
        fmt(r.median_s),
        fmt(r.mb_per_s),
        f"{r.max_rss_mib:.1f}",
        fmt(r.tree_mib, ".1f"),
        str(r.findings),
        fmt(r.time_ratio, ".2f"),
        fmt(r.speed_ratio, ".2f"),
    ]
    return "| " + " | ".join(cells) + " |"


LEGEND = """\
Whole-process wall times, medians of the counted runs; copydesk and proselint alternate on the
same files (cold, proselint, warm in every round, after one uncounted warm-up round). MB = 10^6
bytes. *copydesk cold*: `--no-cache`, all default rules; *copydesk warm*: the same over the
unchanged tier with a cache filled by the warm-up round. Peak RSS: the largest single process,
pool workers included (`os.wait4`). Peak PSS: the whole process tree, sampled every 20 ms or
more in one more round that is not timed (shared pages counted once; a lower bound on short
runs). Ratios: medians of the per-round
copydesk / proselint ratios, for wall time (below 1 is faster) and for throughput (above 1 is
faster)."""


# --- the machine -------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def git(*args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else ""


def git_revision() -> str:
    rev = git("rev-parse", "--short", "HEAD")
    if not rev:
        return "no git"
    dirty = git("status", "--porcelain", "--untracked-files=no", "lint", "rules")
    return rev + (" + uncommitted changes in lint/ or rules/" if dirty else "")


def snapshot(rev: str | None, dest: Path) -> tuple[str | None, Path]:
    """copydesk's lint/ and rules/ as of commit `rev` (None: the working tree as it is now), laid
    out as the installed package under `dest` / "pkg", so edits made during the run do not leak
    in. Returns the commit and that folder."""
    src = dest / "src"
    src.mkdir(parents=True)
    commit = None
    if rev is None:
        for part in ("lint", "rules"):
            shutil.copytree(ROOT / part, src / part, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        commit = git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
        if not commit:
            raise BenchError(f"--rev: no such commit: {rev}")
        archive = subprocess.run(
            ["git", "archive", "--format=tar", commit, "lint", "rules"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive.stdout, check=True)
    pkg = dest / "pkg"
    pkg.mkdir()
    (src / "lint").rename(pkg / "copydesk")
    (src / "rules").rename(pkg / "copydesk" / "rules")
    return commit, pkg


SCRIPT = """#!{python}
import sys
from {module} import {function}
if __name__ == "__main__":
    sys.exit({function}())
"""


def install(pkg: Path, dest: Path) -> tuple[dict[str, str], Path]:
    """Both tools as a user has them: a plain virtual environment (no editable-install hook,
    which costs every process of this development venv about 7 ms at start-up) whose site
    folder lists `pkg` (copydesk) and this venv's packages (regex, ftfy, proselint, ...), with
    the console scripts pip writes. Nothing is downloaded. copydesk's modules are
    byte-compiled as `pip install` leaves them: without .pyc files every run compiles ~120
    modules (0.08 s), which users never pay. PYTHONDONTWRITEBYTECODE (set in some sandboxes)
    is dropped for the same reason. Returns the tools' environment and the venv's bin folder."""
    venv = dest / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = sysconfig.get_paths()["purelib"]  # this venv's packages: only added to sys.path
    Path(purelib, "copydesk-bench.pth").write_text(f"{pkg}\n{ours}\n", encoding="utf-8")
    for name, module, function in (
        (COPYDESK, "copydesk.cli", "main"),
        (PROSELINT, "proselint.command_line", "main"),
    ):
        script = venv / "bin" / name
        script.write_text(SCRIPT.format(python=python, module=module, function=function))
        script.chmod(0o755)
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPATH", None)
    compile_all = [str(python), "-m", "compileall", "-q", str(pkg / "copydesk")]
    subprocess.run(compile_all, check=True, env=env)
    return env, venv / "bin"


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def machine(peer: bool, rev: str | None) -> dict[str, str]:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu": cpu_model(),
        "cores": f"{os.cpu_count()} cores ({usable} usable)",
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "copydesk": f"{package_version('copydesk')} (git {rev[:7] if rev else git_revision()})",
        "proselint": package_version("proselint") if peer else "not run (--no-peer)",
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "load": load_average(),
    }


def markdown(info: dict[str, str], argv: list[str], table: list[str], warnings: list[str]) -> str:
    head = (
        f"Machine: {info['cpu']}, {info['cores']}, {info['os']}; "
        f"Python {info['python']}; copydesk {info['copydesk']}; proselint {info['proselint']}; "
        f"{info['date']}; load average at start {info['load']}, at end {info['load_end']}; "
        f"peak RSS floor (the launcher) {info['rss_floor']}."
    )
    command = shlex.join(["python", "bench/speed.py", *argv])
    return (
        "\n\n".join(
            ["# copydesk speed", head, f"`{command}`", "\n".join(table), LEGEND]
            + (
                [
                    "**Warnings** (the numbers are suspect):\n\n"
                    + "\n".join(f"- {w}" for w in warnings)
                ]
                if warnings
                else []
            )
        )
        + "\n"
    )


# --- main --------------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--tiers", default="S,M,L,S-md,M-md,L-md", help="comma-separated: T S M L[-md]")
    p.add_argument("--runs", type=int, default=5, help="counted rounds per tier (after 1 warm-up)")
    p.add_argument(
        "--jobs", type=int, default=0, help="copydesk --jobs (0: its default, every core)"
    )
    p.add_argument("--no-peer", action="store_true", help="skip proselint")
    p.add_argument("--no-tree", action="store_true", help="don't sample the process tree's memory")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the Markdown table")
    p.add_argument("--json", type=Path, help="also write every sample here")
    p.add_argument(
        "--rev", help="benchmark copydesk as of this git commit (e.g. HEAD), not the tree"
    )
    p.add_argument("--copydesk-args", default="", help="more copydesk check arguments (quoted)")
    args = p.parse_args(argv)
    args.tiers = args.tiers.split(",")
    bad = [t for t in args.tiers if not TIER_RE.match(t)]
    if bad or args.runs < 1:
        p.error(f"unknown tiers {bad}" if bad else "--runs must be 1 or more")
    return args


def commands(args: argparse.Namespace, env: dict[str, str], bindir: Path) -> Commands:
    copydesk = [str(bindir / COPYDESK), "check", "--output-format", "concise"]
    if args.jobs:
        copydesk += ["--jobs", str(args.jobs)]
    copydesk += shlex.split(args.copydesk_args)
    if args.no_peer:
        return Commands(copydesk, None, env)
    if importlib.util.find_spec("proselint") is None:
        raise BenchError("proselint is not installed: pip install -e '.[bench]' (or --no-peer)")
    proselint = [str(bindir / PROSELINT), "--output-format", "compact", "check"]
    return Commands(copydesk, proselint, env)


def run(args: argparse.Namespace, argv: list[str]) -> int:
    table, results, warnings = [HEADER, ALIGN], [], []
    with tempfile.TemporaryDirectory(prefix="copydesk-bench-") as tmp:
        rev, pkg = snapshot(args.rev, Path(tmp) / "copydesk")
        env, bindir = install(pkg, Path(tmp))
        cmds = commands(args, env, bindir)
        info = machine(peer=cmds.proselint is not None, rev=rev)
        floor = run_once("true", ["true"], Path(tmp), Path(tmp), tree=False, env=None)
        info["rss_floor"] = f"{floor.max_rss_kib / 1024:.1f} MiB"
        print("\n".join(table), flush=True)
        pages = english_pages()
        for name in args.tiers:
            tier = build(name, Path(tmp), pages)
            result = run_tier(tier, cmds, args.runs, Path(tmp), not args.no_tree)
            warnings += [f"{name}: {w}" for w in result.warnings]
            lines = [table_row(r) for r in rows(result)]
            print("\n".join(lines), flush=True)
            table += lines
            results.append(result)
    info["load_end"] = load_average()
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(markdown(info, argv, table, warnings), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    if args.json:
        data = {"machine": info, "results": [asdict(r) for r in results]}
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 1 if warnings else 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    try:
        return run(args, argv)
    except BenchError as e:
        print(f"speed.py: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
