"""Measured, not guessed: false alarms on clean text and recall on injected artifacts, per rule.

    python bench/quality.py [--select CODES] [--n 500] [--seed 0] [--show 5] [--json PATH]
                            [--strict]

1. False alarms. Every selected rule runs over clean text, and every finding counts against
   it unless bench/known_errors.toml lists it as a real error in the source, judged by a
   person (see them with --show; the table shows raw and judged counts):
   - the 181 gold article bodies, ../shared/corpus/boilerplate/articles/*.txt (language
     detected as in a real run);
   - the sentence-boundary golden rules, ../shared/corpus/sentences/*.json, each case one
     document with its language set (English for golden_rules_en.json);
   - ftfy's negative cases, ../shared/corpus/encoding/ftfy-cases/negative.json, whose
     `original` equals the expected text (a case ftfy fixes is skipped).
   Reported as findings per 1,000 clean sentences (the splitter's sentences for articles, the
   annotated sentences for the golden rules, one per ftfy case). Target: <= 1 per rule.
2. Recall on injected artifacts. Every module `bench/injectors/*.py` exposes `INJECTORS`
   (rule code -> function corrupting one clean sentence, see bench/injectors/__init__.py).
   For each code, clean sentences from the English articles are shuffled with a generator
   seeded from `--seed` and the code, and corrupted one by one until `--n` corruptions are
   collected. Sentences on which the rule already fires are skipped (they prove nothing).
   Recall is the share of corrupted sentences on which that code fires. For codes an injector
   module lists in `REPAIRS`, the bench also applies the rule's fixes (unsafe ones too) and
   reports how often they give the clean sentence back. Target: recall >= 0.9 unless the
   module's `TARGETS` says otherwise.
3. ftfy's test cases (when EN rules are selected): the share of cases with mojibake
   (`original` differs from the expected encoding fix) on which an EN rule fires, and the
   cases with no mojibake on which one fires.

Deterministic: same corpus, same code and same seed give the same numbers. `--strict` exits 1
when a target is missed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from copydesk.checker import Checker, run_rules
from copydesk.config import expand
from copydesk.diagnostics import Diagnostic
from copydesk.document import Document
from copydesk.rule import Rule, registry

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
INJECTOR_DIR = Path(__file__).resolve().parent / "injectors"
KNOWN_ERRORS = Path(__file__).resolve().parent / "known_errors.toml"
FP_TARGET = 1.0  # findings per 1,000 clean sentences
RECALL_TARGET = 0.9
MIN_CHARS, MAX_CHARS = 30, 400  # sentences worth corrupting

Injector = Callable[[str, random.Random], "str | None"]


# -- clean text ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanDoc:
    corpus: str  # "articles", "golden-en", "golden-multi", "ftfy-negative"
    name: str
    text: str
    language: str | None  # None: detect, as a real run does
    sentences: int


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def page_languages() -> dict[str, str]:
    pages = CORPUS / "boilerplate" / "pages.jsonl"
    if not pages.exists():
        return {}
    with pages.open(encoding="utf-8") as fh:
        return {r["page"]: r["lang"] for r in map(json.loads, fh)}


def clean_docs() -> Iterator[CleanDoc]:
    for f in sorted((CORPUS / "boilerplate" / "articles").glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        yield CleanDoc("articles", f.name, text, None, len(Document(text).sentences))
    for case in _json(CORPUS / "sentences" / "golden_rules_en.json"):
        yield CleanDoc("golden-en", f"en-{case['id']}", case["text"], "en", len(case["sentences"]))
    for k, case in enumerate(_json(CORPUS / "sentences" / "golden_rules_multilingual.json")):
        name = f"{case['lang']}-{k}"
        yield CleanDoc("golden-multi", name, case["text"], case["lang"], len(case["sentences"]))
    for k, case in enumerate(_json(CORPUS / "encoding" / "ftfy-cases" / "negative.json")):
        expected = case.get("fixed-encoding", case["fixed"])
        if case["original"] == expected:
            yield CleanDoc("ftfy-negative", f"negative-{k}", case["original"], None, 1)


def english_sentences(limit_chars: tuple[int, int] = (MIN_CHARS, MAX_CHARS)) -> list[str]:
    """Single-line sentences of the English articles, in corpus order, without duplicates."""
    langs = page_languages()
    seen: set[str] = set()
    out: list[str] = []
    lo, hi = limit_chars
    for f in sorted((CORPUS / "boilerplate" / "articles").glob("*.txt")):
        if langs.get(f.stem, "en") != "en":
            continue
        doc = Document(f.read_text(encoding="utf-8"), language="en")
        for s in doc.sentences:
            text = s.text
            if lo <= len(text) <= hi and "\n" not in text and text not in seen:
                seen.add(text)
                out.append(text)
    return out


# -- injectors -----------------------------------------------------------------------------


@dataclass
class InjectorSet:
    injectors: dict[str, Injector] = field(default_factory=dict)
    targets: dict[str, float] = field(default_factory=dict)
    repairs: set[str] = field(default_factory=set)
    owner: dict[str, str] = field(default_factory=dict)


def _load_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"copydesk_bench_injectors_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def load_injectors(directory: Path = INJECTOR_DIR) -> InjectorSet:
    out = InjectorSet()
    for path in sorted(directory.glob("*.py")):
        if path.name.startswith("_"):
            continue
        module = _load_module(path)
        table = getattr(module, "INJECTORS", None)
        if not isinstance(table, dict):
            raise SystemExit(f"{path}: no INJECTORS dict")
        for code, fn in table.items():
            if code in out.owner:
                raise SystemExit(f"{code} has injectors in both {out.owner[code]} and {path.name}")
            out.injectors[code] = fn
            out.owner[code] = path.name
        out.targets.update(getattr(module, "TARGETS", {}))
        out.repairs.update(getattr(module, "REPAIRS", ()))
    return out


# -- measuring -----------------------------------------------------------------------------


@dataclass
class Finding:
    corpus: str
    name: str
    code: str
    flagged: str
    context: str
    before_end: str  # the document text that ends where the finding ends (80 characters)
    real: str | None = None  # why a person judged it a real error (known_errors.toml)


def judge(findings: list[Finding], path: Path = KNOWN_ERRORS) -> list[dict[str, str]]:
    """Mark the findings known_errors.toml lists as real errors; return its stale entries."""
    if not path.exists():
        return []
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("real", [])
    stale = []
    for e in entries:
        for f in findings:
            if (
                f.real is None
                and f.code == e["code"]
                and f.name.startswith(e["doc"])
                and f.before_end.endswith(e["ends_with"])
            ):
                f.real = e["why"]
                break
        else:
            stale.append(e)
    return stale


@dataclass
class RecallResult:
    code: str
    owner: str
    tried: int = 0  # sentences offered to the injector
    not_applicable: int = 0  # the injector returned None (or an unchanged sentence)
    already_flagged: int = 0  # the clean sentence already had a finding of this code
    corrupted: int = 0
    detected: int = 0
    repaired: int | None = None  # fixes gave the clean sentence back (REPAIRS codes only)
    missed: list[tuple[str, str]] = field(default_factory=list)  # (clean, corrupted)
    unrepaired: list[tuple[str, str]] = field(default_factory=list)  # (clean, fixed)

    @property
    def recall(self) -> float:
        return self.detected / self.corrupted if self.corrupted else 0.0


def _context(text: str, d: Diagnostic) -> str:
    return text[max(0, d.start - 50) : d.end + 50].replace("\n", "⏎")


def false_alarms(rules: list[Rule]) -> tuple[list[Finding], Counter[str], Counter[str]]:
    """Findings on clean text, and clean sentences per corpus, and documents per corpus."""
    findings: list[Finding] = []
    sentences: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for cd in clean_docs():
        sentences[cd.corpus] += cd.sentences
        docs[cd.corpus] += 1
        doc = Document(cd.text, path=cd.name, language=cd.language)
        for d in run_rules(doc, rules):
            flagged = cd.text[d.start : d.end]
            before_end = cd.text[max(0, d.end - 80) : d.end]
            findings.append(
                Finding(cd.corpus, cd.name, d.code, flagged, _context(cd.text, d), before_end)
            )
    return findings, sentences, docs


def measure_recall(
    rule: Rule,
    injector: Injector,
    owner: str,
    pool: list[str],
    *,
    n: int,
    seed: int,
    repair: bool,
) -> RecallResult:
    rng = random.Random(f"{seed}:{rule.code}")
    order = list(range(len(pool)))
    rng.shuffle(order)
    checker = Checker([rule], language="en")
    res = RecallResult(rule.code, owner, repaired=0 if repair else None)
    for k in order:
        if res.corrupted >= n:
            break
        clean = pool[k]
        res.tried += 1
        corrupted = injector(clean, rng)
        if corrupted is None or corrupted == clean:
            res.not_applicable += 1
            continue
        if any(d.code == rule.code for d in checker.check(clean)):
            res.already_flagged += 1
            continue
        res.corrupted += 1
        if any(d.code == rule.code for d in checker.check(corrupted)):
            res.detected += 1
            if repair and res.repaired is not None:
                fixed = checker.fix(corrupted, unsafe=True).text
                if fixed == clean:
                    res.repaired += 1
                elif len(res.unrepaired) < 20:
                    res.unrepaired.append((clean, fixed))
        elif len(res.missed) < 20:
            res.missed.append((clean, corrupted))
    return res


@dataclass
class FtfyResult:
    positives: int = 0
    detected: int = 0
    negatives: int = 0
    flagged_negatives: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)


def ftfy_cases(rules: list[Rule]) -> FtfyResult:
    """EN-family detection on every ftfy test case: mojibake found, clean cases left alone."""
    res = FtfyResult()
    en = [r for r in rules if r.code.startswith("EN")]
    for path in sorted((CORPUS / "encoding" / "ftfy-cases").glob("*.json")):
        for case in _json(path):
            original = case["original"]
            bad = original != case.get("fixed-encoding", case["fixed"])
            fired = bool(run_rules(Document(original), en))
            label = f"{path.stem}: {case['label']}"
            if bad:
                res.positives += 1
                res.detected += fired
                if not fired:
                    res.missed.append(label)
            else:
                res.negatives += 1
                if fired:
                    res.flagged_negatives.append(label)
    return res


# -- reporting -----------------------------------------------------------------------------


def select_rules(selectors: Iterable[str]) -> list[Rule]:
    reg = registry()
    return [reg[code]() for code in sorted(expand(selectors))]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--select", default="ALL", help="rule codes, prefixes or names (default ALL)")
    p.add_argument("--n", type=int, default=500, help="corrupted sentences per code")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--show", type=int, default=0, help="print N false alarms and misses per rule")
    p.add_argument("--json", type=Path, help="also write the results here")
    p.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = p.parse_args(argv)

    started = time.perf_counter()
    rules = select_rules(args.select.split(","))
    by_code = {r.code: r for r in rules}

    findings, sentences, docs = false_alarms(rules)
    stale = [e for e in judge(findings) if e["code"] in by_code]
    total_sentences = sum(sentences.values())
    raw: Counter[str] = Counter(f.code for f in findings)
    real: Counter[str] = Counter(f.code for f in findings if f.real)
    fp: Counter[str] = Counter(f.code for f in findings if not f.real)
    fp_by_corpus: dict[str, Counter[str]] = defaultdict(Counter)
    for f in findings:
        if not f.real:
            fp_by_corpus[f.code][f.corpus] += 1

    inj = load_injectors()
    pool = english_sentences()
    recalls: dict[str, RecallResult] = {}
    for code in sorted(inj.injectors):
        if code in by_code:
            recalls[code] = measure_recall(
                by_code[code],
                inj.injectors[code],
                inj.owner[code],
                pool,
                n=args.n,
                seed=args.seed,
                repair=code in inj.repairs,
            )
    ftfy = ftfy_cases(rules) if any(c.startswith("EN") for c in by_code) else None
    elapsed = time.perf_counter() - started

    corpora = ", ".join(f"{k} {docs[k]} docs/{sentences[k]} sentences" for k in sorted(docs))
    print(f"clean text: {total_sentences} sentences ({corpora})")
    print(f"injection pool: {len(pool)} English article sentences; n={args.n}, seed={args.seed}")
    print()
    header = (
        f"{'code':<6} {'name':<34} {'on':>3} {'found':>5} {'real':>4} {'FP':>4} {'FP/1k':>6}"
        f"  {'recall':>14} {'repair':>7}  ok"
    )
    print(header)
    print("-" * len(header))
    failures: list[str] = []
    for code, rule in by_code.items():
        per_k = 1000 * fp[code] / max(total_sentences, 1)
        rec = recalls.get(code)
        rec_txt = f"{rec.detected}/{rec.corrupted} {rec.recall:.3f}" if rec else "-"
        rep_txt = "-"
        if rec and rec.repaired is not None:
            rep_txt = f"{rec.repaired / max(rec.detected, 1):.3f}"
        ok = per_k <= FP_TARGET
        if rec:
            ok = ok and rec.corrupted > 0 and rec.recall >= inj.targets.get(code, RECALL_TARGET)
        if not ok:
            failures.append(code)
        print(
            f"{code:<6} {rule.name[:34]:<34} {'yes' if rule.default_enabled else 'opt':>3}"
            f" {raw[code]:>5} {real[code]:>4} {fp[code]:>4}"
            f" {per_k:>6.2f}  {rec_txt:>14} {rep_txt:>7}  {'yes' if ok else 'NO'}"
        )
    if ftfy is not None:
        print()
        print(
            f"ftfy cases, EN family: mojibake found in {ftfy.detected}/{ftfy.positives}"
            f" ({ftfy.detected / max(ftfy.positives, 1):.3f}); clean cases flagged"
            f" {len(ftfy.flagged_negatives)}/{ftfy.negatives}"
        )
    print(
        "\non: enabled by default (opt: opt-in); found: findings on clean text; real: of those,"
        " judged real errors in the source (bench/known_errors.toml); FP = found - real."
    )
    for e in stale:
        print(f"stale known error (matches no finding): {e['code']} {e['doc']} {e['ends_with']!r}")
    print(f"\n{elapsed:.1f} s")

    if args.show:
        _show(args.show, by_code, findings, fp_by_corpus, recalls, ftfy)
    if args.json:
        _write_json(args, by_code, raw, fp, fp_by_corpus, total_sentences, recalls, ftfy, inj)
    if failures:
        print(f"targets missed: {', '.join(failures)}")
    return 1 if args.strict and failures else 0


def _show(
    n: int,
    by_code: dict[str, Rule],
    findings: list[Finding],
    fp_by_corpus: dict[str, Counter[str]],
    recalls: dict[str, RecallResult],
    ftfy: FtfyResult | None,
) -> None:
    for code in by_code:
        mine = [f for f in findings if f.code == code and not f.real]
        rec = recalls.get(code)
        if not mine and not (rec and (rec.missed or rec.unrepaired)):
            continue
        print(f"\n== {code} {by_code[code].name}: {dict(fp_by_corpus.get(code, {}))}")
        for f in mine[:n]:
            print(f"  FP  {f.name[:14]:<14} {f.flagged!r}  …{f.context}…")
        if rec:
            for _clean, bad in rec.missed[:n]:
                print(f"  MISS {bad!r}")
            for clean, fixed in rec.unrepaired[:n]:
                print(f"  FIX  {fixed!r}\n       clean {clean!r}")
    if ftfy is not None:
        for label in ftfy.missed[:n]:
            print(f"  ftfy missed: {label}")
        for label in ftfy.flagged_negatives[:n]:
            print(f"  ftfy clean flagged: {label}")


def _write_json(
    args: argparse.Namespace,
    by_code: dict[str, Rule],
    raw: Counter[str],
    fp: Counter[str],
    fp_by_corpus: dict[str, Counter[str]],
    total_sentences: int,
    recalls: dict[str, RecallResult],
    ftfy: FtfyResult | None,
    inj: InjectorSet,
) -> None:
    rows = {}
    for code, rule in by_code.items():
        rec = recalls.get(code)
        rows[code] = {
            "name": rule.name,
            "found_on_clean_text": raw[code],
            "judged_real": raw[code] - fp[code],
            "false_alarms": fp[code],
            "false_alarms_by_corpus": dict(fp_by_corpus.get(code, {})),
            "per_1000_sentences": round(1000 * fp[code] / max(total_sentences, 1), 3),
            "recall": None
            if rec is None
            else {
                "injectors": rec.owner,
                "corrupted": rec.corrupted,
                "detected": rec.detected,
                "recall": round(rec.recall, 4),
                "target": inj.targets.get(code, RECALL_TARGET),
                "skipped_not_applicable": rec.not_applicable,
                "skipped_already_flagged": rec.already_flagged,
                "repaired": rec.repaired,
            },
        }
    out: dict[str, Any] = {
        "seed": args.seed,
        "n": args.n,
        "clean_sentences": total_sentences,
        "rules": rows,
    }
    if ftfy is not None:
        out["ftfy"] = {
            "positives": ftfy.positives,
            "detected": ftfy.detected,
            "negatives": ftfy.negatives,
            "flagged_negatives": ftfy.flagged_negatives,
        }
    args.json.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
