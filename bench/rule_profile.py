"""Where the time goes: seconds per rule and per engine stage over a benchmark tier, one process.

    python bench/rule_profile.py [--tier M] [--select CODES] [--top 20] [--first-call] [--cpu]

Builds the tier as bench/speed.py does (M: 200 English pages, 1.7 MB; `M-md` its Markdown form)
and checks every file the way a worker does, timing each stage: building the document (parsing,
blocks, sentences, language), each rule, and the engine's own work on the findings (suppression
comments, sorting, rows and columns, the records findings travel as). By default the first 20
files are checked once untimed, so the table shows the steady state of a corpus run;
`--first-call` times them too (lazy imports, word lists, pattern compiles: what a one-file
pre-commit run pays). Prints MB/s for one core. `--cpu` times with the process's CPU clock instead
of the wall clock: steadier while other work shares the machine.
"""

from __future__ import annotations

import argparse
import collections
import gc
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import build, english_pages

from copydesk import suppression
from copydesk.config import Settings
from copydesk.diagnostics import ORDER, Diagnostic
from copydesk.document import Document
from copydesk.rule import Rule
from copydesk.runner import records_of

WARM_FILES = 20
clock = time.perf_counter  # --cpu: time.process_time


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--tier", default="M", help="a bench/speed.py tier (default M)")
    p.add_argument("--select", default=None, help="comma-separated selectors (default: defaults)")
    p.add_argument("--top", type=int, default=20)
    p.add_argument("--first-call", action="store_true", help="time the first files too")
    p.add_argument("--cpu", action="store_true", help="CPU time of this process, not wall time")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="copydesk-profile-") as tmp:
        tier = build(args.tier, Path(tmp), english_pages())
        texts = [(f, (tier.folder / f).read_text(encoding="utf-8")) for f in tier.files]
    select = tuple(args.select.split(",")) if args.select else None
    rules = Settings(select=select).rules()
    if not args.first_call:
        for name, text in texts[:WARM_FILES]:
            check(name, text, rules, collections.Counter())
        # As a corpus run loads them before its workers fork: the warm-up files may all be
        # decided without langdetect, and its profiles' load is no page's cost; so is what
        # the rules build for a corpus (`Rule.warm_up`).
        from copydesk.language import preload

        preload()
        for rule in rules:
            rule.warm_up()
        # And as the workers of a corpus run are: what the warm-up loaded is frozen, out of the
        # collector's way (`copydesk.batch` freezes it before forking them).
        gc.freeze()
    global clock
    clock = time.process_time if args.cpu else time.perf_counter
    times: collections.Counter[str] = collections.Counter()
    start = clock()
    for name, text in texts:
        check(name, text, rules, times)
    total = clock() - start
    size = sum(len(t.encode()) for _, t in texts) / 1e6
    print(f"{args.tier}: {len(texts)} files, {size:.2f} MB: {total:.2f} s, {size / total:.2f} MB/s")
    names = {r.code: r.name for r in rules}
    rule_total = sum(v for k, v in times.items() if k in names)
    print(f"  {'document (parse, sentences, language)':<42} {times['document']:.3f} s")
    print(f"  {'findings (suppression, rows, records)':<42} {times['findings']:.3f} s")
    print(f"  {'rules, all':<42} {rule_total:.3f} s")
    ranked = sorted(((k, v) for k, v in times.items() if k in names), key=lambda kv: -kv[1])
    for code, secs in ranked[: args.top]:
        print(f"    {code} {names[code]:<36} {secs:.3f} s")
    return 0


def check(name: str, text: str, rules: list[Rule], times: collections.Counter[str]) -> None:
    t = clock()
    doc = Document(text, path=name)
    _ = doc.blocks, doc.sentences, doc.language
    times["document"] += clock() - t
    found: list[Diagnostic] = []
    for rule in rules:
        t = clock()
        if rule.applies_to(doc):
            found.extend(rule.check(doc))
        times[rule.code] += clock() - t
    t = clock()
    found = suppression.apply(doc, found, rules)
    found.sort(key=ORDER)
    records_of(doc, found, {})  # as check_source makes them
    times["findings"] += clock() - t


if __name__ == "__main__":
    sys.exit(main())
