"""Where the time goes: seconds per rule over English corpus pages, in one process.

    python bench/rule_profile.py [--pages 60] [--select CODES] [--top 20]

Builds each page's Document once (timing the shared work: blocks, sentences, language) and runs
every selected rule on it, first-call costs (lazy imports, word lists, pattern compiles)
included, as a one-file pre-commit run would pay them. Prints MB/s for one core.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

from copydesk.config import Settings
from copydesk.document import Document

PAGES = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "boilerplate"


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--pages", type=int, default=60)
    p.add_argument("--select", default=None, help="comma-separated selectors (default: defaults)")
    p.add_argument("--top", type=int, default=20)
    args = p.parse_args()
    langs = {r["page"]: r["lang"] for r in map(json.loads, (PAGES / "pages.jsonl").open())}
    pages = sorted(f for f in (PAGES / "pages").glob("*.txt") if langs.get(f.stem) == "en")
    texts = [f.read_text(encoding="utf-8") for f in pages[: args.pages]]
    size = sum(len(t.encode()) for t in texts) / 1e6
    select = tuple(args.select.split(",")) if args.select else None
    rules = Settings(select=select).rules()
    per_rule: collections.Counter[str] = collections.Counter()
    shared = 0.0
    start = time.perf_counter()
    for text in texts:
        t = time.perf_counter()
        doc = Document(text, path="page.txt")
        _ = doc.blocks, doc.sentences, doc.language
        shared += time.perf_counter() - t
        for rule in rules:
            t = time.perf_counter()
            if rule.applies_to(doc):
                list(rule.check(doc))
            per_rule[rule.code] += time.perf_counter() - t
    total = time.perf_counter() - start
    print(f"{len(texts)} pages, {size:.2f} MB: {total:.2f} s, {size / total:.2f} MB/s on one core")
    print(f"  shared document work {shared:.3f} s")
    names = {r.code: r.name for r in rules}
    for code, secs in per_rule.most_common(args.top):
        print(f"  {code} {names[code]:<34} {secs:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
