"""Measure the BP (boilerplate) rules on the labelled page corpus and on clean articles.

    python bench/boilerplate.py [--select BP] [--show-fp N] [--show-clean N] [--show-missed N]
                                [--config JSON]

1. Runs the BP rules over ../shared/corpus/boilerplate/pages/*.txt (whole-page text, one block
   per line) as one run, so cross-file rules see every page, and scores the flagged lines
   against labels.jsonl: precision per tier (error = BP0xx, warning = BP1xx) and per code, and
   recall on the in-span boilerplate lines (leaked chrome inside the article region).
2. Runs them over boilerplate/articles/*.txt (clean gold bodies) and reports findings per 100
   articles; each is a false alarm unless it is genuinely leaked chrome.
3. Counts findings of English-only rules on the non-English pages and articles (must be 0).

The labels are noisy (see the corpus README): a flagged "content" line outside the article span
is usually a menu word that matched the body by chance. Use --show-fp to judge them by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from copydesk.api import _settings
from copydesk.checker import run_rules
from copydesk.config import expand
from copydesk.diagnostics import Diagnostic
from copydesk.document import Document, RunContext
from copydesk.rule import Rule

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "boilerplate"


def tier(code: str) -> str:
    return "error" if code[2] == "0" else "warning"


def make_rules(select: str, config: dict[str, object]) -> list[Rule]:
    settings = _settings(config, [s.strip() for s in select.split(",")])
    return list(settings.rules())


def run_corpus(
    files: list[Path], rules: list[Rule]
) -> dict[str, tuple[Document, list[Diagnostic]]]:
    """Check `files` as one run: the cross-file pre-pass first, then every file."""
    run = RunContext(files=len(files))
    texts = {f.stem: f.read_text(encoding="utf-8") for f in files}
    collectors = [r for r in rules if r.collects]
    for name, text in texts.items():
        doc = Document(text, path=f"{name}.txt", run=run)
        for r in collectors:
            if r.applies_to(doc):
                run.add(r.code, r.collect(doc))
    out = {}
    for name, text in texts.items():
        doc = Document(text, path=f"{name}.txt", run=run)
        out[name] = (doc, run_rules(doc, rules))
    return out


def lines_of(doc: Document, d: Diagnostic) -> Iterable[int]:
    r0 = doc.line_at(d.start).number
    r1 = doc.line_at(max(d.start, d.end - 1)).number
    return range(r0, r1 + 1)


def pct(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--select", default="BP")
    p.add_argument("--corpus", type=Path, default=CORPUS)
    p.add_argument("--show-fp", type=int, default=0, help="print N false positives per code")
    p.add_argument("--show-clean", type=int, default=0, help="print N clean findings per code")
    p.add_argument("--show-missed", type=int, default=0, help="print N missed in-span lines")
    p.add_argument(
        "--config",
        default="{}",
        help='rule options as JSON, e.g. \'{"repeated-template-line": {"min-share": 0.0}}\'',
    )
    args = p.parse_args()
    expand([args.select], where="--select")
    rules = make_rules(args.select, json.loads(args.config))
    english_only = {r.code for r in rules if r.languages is not None and "en" in r.languages}

    records = map(json.loads, (args.corpus / "labels.jsonl").open())
    labels = {(r["page"], r["line"]): r for r in records}
    langs = {r["page"]: r["lang"] for r in map(json.loads, (args.corpus / "pages.jsonl").open())}

    # -- pages ----------------------------------------------------------------------------------
    pages = run_corpus(sorted((args.corpus / "pages").glob("*.txt")), rules)
    flagged: dict[str, set[tuple[str, int]]] = defaultdict(set)
    foreign_en = 0
    for page, (doc, found) in pages.items():
        for d in found:
            keys = {(page, n) for n in lines_of(doc, d)}
            flagged[d.code] |= keys
            flagged["tier:" + tier(d.code)] |= keys
            flagged["all"] |= keys
            if d.code in english_only and langs.get(page) != "en":
                foreign_en += 1
    target = {k for k, r in labels.items() if r["label"] == "boilerplate" and r["in_span"]}
    print(f"pages: {len(pages)}, labelled lines: {len(labels)}, in-span boilerplate: {len(target)}")
    print(
        f"{'':14} {'flagged':>8} {'TP':>6} {'FP':>5} {'FP-noise':>8} {'precision':>9} "
        f"{'P(clean)':>8} {'in-span R':>9}"
    )
    order = ["all", "tier:error", "tier:warning", *sorted(k for k in flagged if k[:2] == "BP")]
    for key in order:
        keys = flagged.get(key, set())
        tp = sum(labels[k]["label"] == "boilerplate" for k in keys)
        fp = len(keys) - tp
        # A "content" line outside the article span is almost always a chance match (label noise).
        noise = sum(labels[k]["label"] == "content" and not labels[k]["in_span"] for k in keys)
        hit = len(keys & target)
        print(
            f"{key:14} {len(keys):8} {tp:6} {fp:5} {noise:8} {pct(tp, len(keys)):>9} "
            f"{pct(tp, len(keys) - noise):>8} {pct(hit, len(target)):>9}"
        )
    print(
        "precision: flagged lines labelled boilerplate; P(clean): the same, not counting "
        "content lines outside the article span (label noise)"
    )
    if args.show_fp:
        for key in (k for k in order if k[:2] == "BP"):
            fps = sorted(k for k in flagged[key] if labels[k]["label"] == "content")
            if fps:
                print(f"\n{key} false positives ({len(fps)}):")
            for k in fps[: args.show_fp]:
                span = "in " if labels[k]["in_span"] else "out"
                print(f"   {span} {k[0][:8]}:{k[1]} {labels[k]['text'][:110]!r}")
    if args.show_missed:
        missed = sorted(target - flagged["all"])
        print(f"\nmissed in-span lines ({len(missed)}):")
        for k in missed[: args.show_missed]:
            print(f"   {k[0][:8]}:{k[1]} {labels[k]['text'][:110]!r}")

    # -- clean articles -------------------------------------------------------------------------
    articles = run_corpus(sorted((args.corpus / "articles").glob("*.txt")), rules)
    counts: Counter[str] = Counter()
    shown: dict[str, list[str]] = defaultdict(list)
    for name, (doc, found) in articles.items():
        for d in found:
            counts[d.code] += 1
            if d.code in english_only and langs.get(name) != "en":
                foreign_en += 1
            if len(shown[d.code]) < args.show_clean:
                shown[d.code].append(f"{name[:8]} {doc.text[d.start : d.end][:110]!r}")
    n = len(articles)
    print(f"\nclean articles: {n}")
    for t in ("error", "warning"):
        total = sum(v for c, v in counts.items() if tier(c) == t)
        print(f"  {t} tier: {total} findings, {100 * total / max(n, 1):.1f} per 100 articles")
    for code, v in sorted(counts.items()):
        print(f"  {code}: {v} ({100 * v / max(n, 1):.1f} per 100 articles)")
        for s in shown[code]:
            print("     ", s)
    print(f"\nEnglish-only findings on non-English pages and articles: {foreign_en}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
