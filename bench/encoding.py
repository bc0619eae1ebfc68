"""Measure the encoding (EN) rules: the ftfy test cases, clean text, and injected damage.

    python bench/encoding.py [--samples N] [--seed S] [--show N]

1. EN001 on ../shared/corpus/encoding/ftfy-cases/*.json: a case has an encoding problem when
   `original != fixed-encoding` (falling back to `fixed`). Precision and recall, every negative
   case listed if flagged, and fix exactness: applying EN001's fixes gives `fixed-encoding`.
   The other EN rules' findings on the cases are listed for judging by hand.
2. Clean text: every EN finding on the 181 gold article bodies and the pySBD sentences, per
   1,000 sentences (each is a false alarm unless it is real damage; they are printed).
3. Recall on damage injected into clean article sentences by bench/injectors/encoding.py, and
   how often the fix restores the clean sentence exactly.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType

from copydesk.api import check_text, fix_text
from copydesk.document import Document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FTFY = CORPUS / "encoding" / "ftfy-cases"
ARTICLES = CORPUS / "boilerplate" / "articles"
SENTENCES = CORPUS / "sentences"
CODES = ["EN001", "EN002", "EN003", "EN004", "EN005", "EN006", "EN007"]


def load_injectors() -> ModuleType:
    path = Path(__file__).resolve().parent / "injectors" / "encoding.py"
    spec = importlib.util.spec_from_file_location("bench_injectors_encoding", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pct(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.3f}" if b else f"{a}/0"


# -- 1. ftfy cases ----------------------------------------------------------------------------


def ftfy_cases(show: int) -> None:
    print("== EN001 on the ftfy test cases (ground truth: original != fixed-encoding)")
    tp = fp = fn = tn = 0
    exact_safe = exact_all = 0
    known = Counter[str]()
    per_file: dict[str, Counter[str]] = defaultdict(Counter)
    problems: list[str] = []
    others: list[str] = []
    for f in sorted(FTFY.glob("*.json")):
        for case in json.loads(f.read_text(encoding="utf-8")):
            original = case["original"]
            expected = case.get("fixed-encoding", case["fixed"])
            truth = original != expected
            found = check_text(original, select=["EN001"])
            flagged = bool(found)
            label = f"{f.stem}: {case['label'][:70]}"
            if truth and flagged:
                tp += 1
                per_file[f.stem]["tp"] += 1
                safe = fix_text(original, select=["EN001"]).text
                full = fix_text(original, select=["EN001"], unsafe=True).text
                exact_safe += safe == expected
                exact_all += full == expected
                if case["expect"] == "pass":
                    known["tp"] += 1
                    known["exact"] += full == expected
                if full != expected:
                    problems.append(
                        f"  inexact fix [{case['expect']}] {label}\n"
                        f"      got {full!r}\n     want {expected!r}"
                    )
            elif truth:
                fn += 1
                known["fn"] += case["expect"] == "pass"
                per_file[f.stem]["fn"] += 1
                problems.append(f"  missed      [{case['expect']}] {label}: {original[:60]!r}")
            elif flagged:
                fp += 1
                per_file[f.stem]["fp"] += 1
                spans = [original[d.start : d.end] for d in found]
                problems.append(f"  FALSE ALARM [{case['expect']}] {label}: {spans}")
            else:
                tn += 1
                per_file[f.stem]["tn"] += 1
            for d in check_text(original, select=CODES[1:]):
                others.append(f"  {d.code} {label}: {original[d.start : d.end]!r}")
    for name, c in per_file.items():
        print(f"  {name:16} tp {c['tp']:3}  fn {c['fn']:3}  fp {c['fp']:3}  tn {c['tn']:3}")
    print(
        f"  precision {pct(tp, tp + fp)}   recall {pct(tp, tp + fn)}   "
        f"negatives clean {pct(tn, tn + fp)}"
    )
    print(
        f"  fix gives fixed-encoding exactly: safe fixes {pct(exact_safe, tp)}, "
        f"with unsafe {pct(exact_all, tp)}"
    )
    print(
        "  cases ftfy itself passes (expect=pass): "
        f"recall {pct(known['tp'], known['tp'] + known['fn'])}, "
        f"exact fix {pct(known['exact'], known['tp'])}"
    )
    for p in problems:
        print(p)
    print(f"  other EN rules on the ftfy cases: {len(others)} findings")
    for o in others[: show * 3]:
        print(o)


# -- 2. clean text ----------------------------------------------------------------------------


def clean_text(show: int) -> list[str]:
    """Every EN finding on clean text; returns the article sentences for the injection test."""
    print("\n== EN rules on clean text (every finding is a false alarm unless it is real damage)")
    sentences: list[str] = []
    counts: Counter[str] = Counter()
    shown: dict[str, list[str]] = defaultdict(list)
    n_sent = 0
    t0 = time.perf_counter()
    for f in sorted(ARTICLES.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        doc = Document(text, path=f.name)
        sents = [s.text for s in doc.sentences]
        n_sent += len(sents)
        sentences.extend(s for s in sents if len(s) >= 20)
        for d in check_text(text, filename=f.name, select=CODES):
            counts[d.code] += 1
            ctx = text[max(0, d.start - 30) : d.end + 30].replace("\n", "⏎")
            shown[d.code].append(f"    {f.stem[:10]} {text[d.start : d.end]!r} …{ctx!r}…")
    elapsed = time.perf_counter() - t0
    golden = 0
    for name in ("golden_rules_en.json", "golden_rules_multilingual.json"):
        path = SENTENCES / name
        if not path.exists():
            continue
        for case in json.loads(path.read_text(encoding="utf-8")):
            golden += len(case["sentences"])
            for d in check_text(case["text"], select=CODES):
                counts[d.code + " (pySBD)"] += 1
                shown[d.code + " (pySBD)"].append(f"    {case['text'][:60]!r}")
    print(
        f"  articles: 181 files, {n_sent} sentences ({elapsed:.1f} s); "
        f"pySBD golden rules: {golden} sentences"
    )
    for code in CODES:
        n = counts[code]
        print(f"  {code}: {n} findings = {1000 * n / n_sent:.2f} per 1,000 article sentences")
        for s in shown[code][:show]:
            print(s)
        if counts[code + " (pySBD)"]:
            print(f"  {code}: {counts[code + ' (pySBD)']} findings on the pySBD sentences")
            for s in shown[code + " (pySBD)"][:show]:
                print(s)
    return sentences


# -- 3. injected damage -----------------------------------------------------------------------


def injected(sentences: list[str], samples: int, seed: int, show: int) -> None:
    print(
        f"\n== Recall on injected damage ({samples} clean article sentences per rule, seed {seed})"
    )
    injectors = load_injectors().INJECTORS
    for code, inject in injectors.items():
        rng = random.Random(seed)
        pool = rng.sample(sentences, min(samples, len(sentences)))
        tried = found = exact = exact_safe = exact_all = 0
        misses: list[str] = []
        inexact: list[str] = []
        for clean in pool:
            bad = inject(clean, rng)
            if bad is None or bad == clean:
                continue
            if check_text(clean, select=[code]):
                continue  # already flagged when clean: counted as a false alarm above
            tried += 1
            if not check_text(bad, select=[code]):
                misses.append(f"    {bad[:100]!r}")
                continue
            found += 1
            if code == "EN001" and clean.isascii():
                continue  # a word was put in before the damage: no reference to compare with
            exact += 1
            safe = fix_text(bad, select=[code]).text
            full = fix_text(bad, select=[code], unsafe=True).text
            if code == "EN004":
                # `&nbsp;` decodes to a no-break space, which the clean sentence had as a space.
                safe, full = safe.replace("\xa0", " "), full.replace("\xa0", " ")
            exact_safe += safe == clean
            exact_all += full == clean
            if full != clean and code != "EN002":
                inexact.append(f"    {bad[:70]!r}\n      -> {full[:70]!r}")
        restore = (
            "no fix"
            if code == "EN002"
            else f"safe {pct(exact_safe, exact)}, with unsafe {pct(exact_all, exact)}"
        )
        print(f"  {code}: recall {pct(found, tried)}; the fix restores the sentence: {restore}")
        for m in misses[:show]:
            print("   missed", m)
        for m in inexact[:show]:
            print("   inexact", m)


def by_code_page(sentences: list[str], samples: int, seed: int, show: int) -> None:
    """EN001 recall and exact repair for each wrong decoding the injector uses, on sentences
    that have non-ASCII characters of their own (so the clean sentence is the reference)."""
    inj = load_injectors()
    print("\n== EN001 by code page (non-ASCII article sentences, whole sentence damaged)")
    rng = random.Random(seed)
    pool = [s for s in sentences if not s.isascii()]
    pool = rng.sample(pool, min(samples, len(pool)))
    for codec, errors, _w in inj.CODECS:
        tried = found = exact = 0
        misses: list[str] = []
        for clean in pool:
            bad = clean.encode("utf-8").decode(codec, errors=errors)
            if bad == clean or check_text(clean, select=["EN001"]):
                continue
            tried += 1
            if check_text(bad, select=["EN001"]):
                found += 1
                exact += fix_text(bad, select=["EN001"], unsafe=True).text == clean
            else:
                misses.append(f"      {bad[:90]!r}")
        print(
            f"  {codec:10} {errors:22} recall {pct(found, tried)}, exact repair {pct(exact, found)}"
        )
        for m in misses[: max(0, show // 3)]:
            print(m)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--samples", type=int, default=2000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--show", type=int, default=10)
    p.add_argument("--part", choices=("ftfy", "clean", "injected", "all"), default="all")
    args = p.parse_args()
    if args.part in ("ftfy", "all"):
        ftfy_cases(args.show)
    if args.part in ("clean", "injected", "all"):
        sentences = clean_text(args.show)
        if args.part in ("injected", "all"):
            injected(sentences, args.samples, args.seed, args.show)
            by_code_page(sentences, args.samples, args.seed, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
