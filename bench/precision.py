"""Run rules over the clean article corpus and print every finding: each is a false alarm
unless it is real leaked chrome or damage (see ../shared/corpus/README.md).

    python bench/precision.py [--select CODES] [--corpus DIR] [--show N] [--lang en]

Reports findings per rule, per 1,000 non-empty lines and per article, and prints up to N
findings per rule with their context so each can be judged by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from copydesk.api import check_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "boilerplate"


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--select", default="ALL")
    p.add_argument("--corpus", type=Path, default=CORPUS / "articles")
    p.add_argument("--show", type=int, default=10)
    p.add_argument("--lang", help="only articles whose pages.jsonl language is this")
    args = p.parse_args()
    langs = {}
    pages = CORPUS / "pages.jsonl"
    if pages.exists():
        langs = {r["page"]: r["lang"] for r in map(json.loads, pages.open())}
    files = sorted(args.corpus.glob("*.txt"))
    if args.lang:
        files = [f for f in files if langs.get(f.stem) == args.lang]
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    lines = 0
    for f in files:
        text = f.read_text(encoding="utf-8")
        lines += sum(1 for ln in text.splitlines() if ln.strip())
        for d in check_text(text, filename=f.name, select=args.select.split(",")):
            counts[d.code] += 1
            if len(examples[d.code]) < args.show:
                ctx = text[max(0, d.start - 40) : d.end + 40].replace("\n", "⏎")
                examples[d.code].append(f"{f.stem[:10]} {text[d.start : d.end]!r}  …{ctx}…")
    print(f"{len(files)} articles, {lines} non-empty lines")
    for code, n in sorted(counts.items()):
        print(f"{code}: {n} findings, {1000 * n / max(lines, 1):.2f} per 1,000 lines")
        for e in examples[code]:
            print("   ", e)
    if not counts:
        print("no findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
