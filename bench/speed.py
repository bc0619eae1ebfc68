"""copydesk's speed next to proselint's, on real English page text, whole-process.

    python -m pip install -e '.[bench]'         # proselint, the peer
    python bench/speed.py [--tiers S,M,L] [--runs 5] [--jobs 0] [--no-peer]

Tiers (as in ../shared/research/perf-anchors.md): S is one file of about 7.9 KB (a pre-commit
run), M 200 files, L 2,000 files, built from the English whole-page texts of
../shared/corpus/boilerplate/pages/ (cycled, byte-identical copies under new names). Every tool
runs as a fresh process; times are medians of `--runs` runs after one warm-up run; peak RSS is
the largest single process (workers included) from wait4(). For copydesk, "cold" is `--no-cache`
with all default rules on, "warm" a second run over the unchanged tier with the cache.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT.parent / "shared" / "corpus" / "boilerplate"
TIERS = {"S": 1, "M": 200, "L": 2000}
S_TARGET = 7900  # bytes


def english_pages() -> list[Path]:
    langs = {r["page"]: r["lang"] for r in map(json.loads, (PAGES / "pages.jsonl").open())}
    return sorted(p for p in (PAGES / "pages").glob("*.txt") if langs.get(p.stem) == "en")


def build(tier: str, root: Path) -> tuple[Path, int]:
    pages = english_pages()
    folder = root / tier
    folder.mkdir(parents=True)
    if tier == "S":
        page = min(pages, key=lambda p: abs(p.stat().st_size - S_TARGET))
        shutil.copy(page, folder / "article.txt")
    else:
        for i in range(TIERS[tier]):
            shutil.copy(pages[i % len(pages)], folder / f"{i:05d}.txt")
    size = sum(p.stat().st_size for p in folder.iterdir())
    return folder, size


def timed(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of the largest process of the tree."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {code}")
    return wall, usage.ru_maxrss


def measure(
    cmd: list[str], cwd: Path, runs: int, before: list[str] | None = None
) -> dict[str, float]:
    walls, rss = [], []
    for i in range(runs + 1):
        if before:
            subprocess.run(before, cwd=cwd, check=False, capture_output=True)
        wall, peak = timed(cmd, cwd)
        if i:  # the first run warms the page cache and is not counted
            walls.append(wall)
            rss.append(peak)
    return {"median_s": statistics.median(walls), "min_s": min(walls), "rss_mib": max(rss) / 1024}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--tiers", default="S,M,L")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--jobs", type=int, default=0, help="copydesk --jobs (0: every core)")
    p.add_argument("--no-peer", action="store_true", help="skip proselint")
    p.add_argument("--json", type=Path, help="also write the results here")
    args = p.parse_args()
    copydesk = [sys.executable, "-m", "copydesk", "check", "--output-format", "concise"]
    proselint = shutil.which("proselint")
    if not args.no_peer and proselint is None:
        print("proselint is not installed: pip install -e '.[bench]' (or pass --no-peer)")
        return 2
    results = []
    with tempfile.TemporaryDirectory(prefix="copydesk-bench-") as tmp:
        root = Path(tmp)
        for tier in args.tiers.split(","):
            folder, size = build(tier, root)
            target = "article.txt" if tier == "S" else "."
            cache = root / f"cache-{tier}"
            runs = args.runs if tier != "L" else max(1, min(args.runs, 3))
            row: dict[str, object] = {"tier": tier, "files": TIERS[tier], "mb": size / 1e6}
            jobs = ["--jobs", str(args.jobs)]
            cold = measure([*copydesk, "--no-cache", *jobs, target], folder, runs)
            warm_cmd = [*copydesk, "--cache-dir", str(cache), *jobs, target]
            subprocess.run(warm_cmd, cwd=folder, capture_output=True, check=False)
            warm = measure(warm_cmd, folder, runs)
            row["copydesk_cold"] = cold
            row["copydesk_warm"] = warm
            if not args.no_peer:
                assert proselint is not None
                files = ["article.txt"] if tier == "S" else sorted(os.listdir(folder))
                row["proselint"] = measure([proselint, "check", *files], folder, runs)
            results.append(row)
            print(report(row), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def report(row: dict[str, object]) -> str:
    mb = float(row["mb"])  # type: ignore[arg-type]
    lines = [f"{row['tier']}: {row['files']} files, {mb:.2f} MB"]
    for key in ("copydesk_cold", "copydesk_warm", "proselint"):
        m = row.get(key)
        if not isinstance(m, dict):
            continue
        t = m["median_s"]
        lines.append(
            f"  {key:<14} median {t:7.3f} s  {mb / t:6.2f} MB/s  peak RSS {m['rss_mib']:6.1f} MiB"
        )
    peer = row.get("proselint")
    if isinstance(peer, dict):
        cold = row["copydesk_cold"]
        assert isinstance(cold, dict)
        lines.append(
            f"  copydesk/proselint wall ratio (cold): {cold['median_s'] / peer['median_s']:.2f}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
