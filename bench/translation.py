"""Precision and recall of the translation-artifact rules (MT) on the clean article corpus.

    python bench/translation.py [--articles N] [--seed S] [--show K]

Precision: every MT finding on the clean English articles of ../shared/corpus/boilerplate
(pages.jsonl language "en") is counted as a false alarm, reported per 1,000 sentences.

Recall: for each rule, artifacts are injected into copies of those articles, one per copy,
the way translation leaves them (an acronym swapped for a permuted variant or a foreign form,
a pronoun after a named subject, a Spanish sentence, a decimal comma...). An injection counts as
found when the rule reports a span overlapping it. Where the corpus holds the pattern to
corrupt (a decimal point before "percent", a quotation in “ ”), the real text is corrupted;
otherwise a short sentence carrying the artifact is inserted. The multilingual sentences come
from ../shared/corpus/sentences/golden_rules_multilingual.json.

Also reports what langdetect costs MT302: how many sentences reach it and the time spent.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from copydesk.api import check_text
from copydesk.document import Document
from copydesk.rules.translation import _acronyms, _foreign

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
ARTICLES = CORPUS / "boilerplate" / "articles"


@dataclass
class Injected:
    text: str
    start: int  # the injected artifact's span in `text`
    end: int


Injector = Callable[[str, random.Random], Injected | None]


def english_articles() -> list[tuple[str, str]]:
    langs = {
        r["page"]: r["lang"]
        for r in map(json.loads, (CORPUS / "boilerplate" / "pages.jsonl").open(encoding="utf-8"))
    }
    out = []
    for f in sorted(ARTICLES.glob("*.txt")):
        if langs.get(f.stem) == "en":
            out.append((f.stem, f.read_text(encoding="utf-8")))
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[^\n]+", text) if len(m.group().split()) >= 8]


def insert_paragraph(
    text: str, rng: random.Random, para: str, after: int | None = None
) -> Injected:
    """Insert `para` as a paragraph of its own after a random (or the given) paragraph."""
    spans = paragraphs(text) or [(0, len(text.rstrip("\n")))]
    k = after if after is not None else rng.randrange(len(spans))
    at = spans[min(k, len(spans) - 1)][1]
    new = text[:at] + "\n\n" + para + text[at:]
    return Injected(new, at + 2, at + 2 + len(para))


def insert_sentence(text: str, rng: random.Random, sentence: str) -> Injected:
    """Insert `sentence` after a random sentence end inside a paragraph."""
    ends = [m.end() for m in re.finditer(r"[a-z][.!?](?= [A-Z])", text)]
    if not ends:
        return insert_paragraph(text, rng, sentence)
    at = rng.choice(ends)
    new = text[:at] + " " + sentence + text[at:]
    return Injected(new, at + 1, at + 1 + len(sentence))


def corrupt(
    text: str, rng: random.Random, pattern: str, replace: Callable[[re.Match[str]], str]
) -> Injected | None:
    """Rewrite one random match of `pattern` with `replace`; None when the text has none."""
    matches = list(re.finditer(pattern, text))
    if not matches:
        return None
    m = rng.choice(matches)
    new_part = replace(m)
    new = text[: m.start()] + new_part + text[m.end() :]
    return Injected(new, m.start(), m.start() + len(new_part))


# -- injectors ---------------------------------------------------------------------------------


def _orgs() -> list[tuple[str, str]]:
    return [
        (acr, longs[0])
        for acr, longs in _acronyms.long_forms().items()
        if len(acr) >= 3 and acr.isalpha() and longs[0][0].isupper()
    ]


def _variant(acr: str, rng: random.Random) -> str | None:
    known = (
        _acronyms.known_acronyms() | set(_acronyms.foreign_forms()) | set(_acronyms.long_forms())
    )
    letters = list(acr)
    for _ in range(50):
        if rng.random() < 0.5 and len(letters) >= 4:
            cand = letters[:]
            del cand[rng.randrange(len(cand))]
        else:
            cand = letters[:]
        rng.shuffle(cand)
        v = "".join(cand)
        if v != acr and v not in known and not _acronyms._is_subsequence(v, acr):
            return v
    return None


def inject_acronym_variant(text: str, rng: random.Random) -> Injected | None:
    acr, long = rng.choice(_orgs())
    variant = _variant(acr, rng)
    if variant is None:
        return None
    first = insert_paragraph(text, rng, f"Officials of the {long} ({acr}) met on Monday.", after=0)
    spans = paragraphs(first.text)
    later = [i for i, (a, _) in enumerate(spans) if a > first.end]
    para = f"A spokesman for the {variant} declined to comment on the talks."
    second = insert_paragraph(first.text, rng, para, after=rng.choice(later) if later else None)
    at = second.text.index(variant, second.start)
    return Injected(second.text, at, at + len(variant))


def inject_foreign_acronym(text: str, rng: random.Random) -> Injected | None:
    forms = [f for f in _acronyms.foreign_forms().values() if not f.ambiguous]
    form = rng.choice(forms)
    para = f"A spokesman for the {form.form} declined to comment on the talks."
    inj = insert_paragraph(text, rng, para)
    at = inj.text.index(form.form, inj.start)
    return Injected(inj.text, at, at + len(form.form))


_NAME_SUBJECT = (
    r"(?:^|(?<=\. )|(?<=\n)|(?<=that ))((?:[A-Z][a-z]+ ){1,2}[A-Z][a-z]+) "
    r"(?=(?:said|says|has|had|is|was|will|would|told|added|wrote|announced)\b)"
)


def inject_resumptive(text: str, rng: random.Random) -> Injected | None:
    def add(m: re.Match[str]) -> str:
        return m.group(1) + " " + ("she" if rng.random() < 0.3 else "he") + " "

    inj = corrupt(text, rng, _NAME_SUBJECT, add)
    if inj is None:
        return None
    pro = inj.text.rfind(" ", inj.start, inj.end - 1) + 1
    return Injected(inj.text, pro, inj.end - 1)


FOREIGN_WORDS = ["переговоры", "会谈", "المفاوضات", "협상", "वार्ता", "συνομιλίες", "交渉"]


def inject_foreign_script(text: str, rng: random.Random) -> Injected | None:
    word = rng.choice(FOREIGN_WORDS)
    return corrupt(
        text, rng, r"(?<= )(?:talks|the|said|people|government|company)(?= )", lambda m: word
    )


def _golden_sentences() -> list[str]:
    """es/fr/de/it sentences of the pySBD golden rules (short, abbreviation-heavy)."""
    cases = json.loads(
        (CORPUS / "sentences" / "golden_rules_multilingual.json").read_text(encoding="utf-8")
    )
    out = []
    for c in cases:
        for s in c["sentences"]:
            if len(s.split()) >= 6 and not re.search(r"\d\.|[\n]", s):
                out.append(s)
    return out


def _article_sentences() -> list[str]:
    """Sentences of the corpus's Portuguese, German and Italian articles (real news prose)."""
    langs = {
        r["page"]: r["lang"]
        for r in map(json.loads, (CORPUS / "boilerplate" / "pages.jsonl").open(encoding="utf-8"))
    }
    out = []
    for f in sorted(ARTICLES.glob("*.txt")):
        if langs.get(f.stem) in ("pt", "de", "it"):
            doc = Document(f.read_text(encoding="utf-8"), language="en")
            out.extend(s.text for s in doc.sentences if len(s.text.split()) >= 6)
    return out


def inject_golden_sentence(text: str, rng: random.Random) -> Injected | None:
    return insert_sentence(text, rng, rng.choice(_golden_sentences()))


def inject_article_sentence(text: str, rng: random.Random) -> Injected | None:
    return insert_sentence(text, rng, rng.choice(_article_sentences()))


_LOWER_RUN = re.compile(r"(?<![\w'’-])[^\W\d_A-Z]+(?: [^\W\d_A-Z]+){2,}(?![\w'’-])")


def _foreign_phrases() -> list[str]:
    """Runs of three to five lower-case words from the foreign articles' sentences."""
    out = []
    for sentence in _article_sentences() + _golden_sentences():
        for m in _LOWER_RUN.finditer(sentence):
            words = [w for w in m.group().split(" ") if w.islower()]
            if len(words) >= 3:
                out.append(" ".join(words[:5]))
    return out


def inject_foreign_phrase(text: str, rng: random.Random) -> Injected | None:
    phrase = rng.choice(_foreign_phrases())
    return corrupt(
        text, rng, r"(?<= the )[a-z]{4,}(?= (?:of|was|is|and|in|to)\b)", lambda m: phrase
    )


UNIT = r"(?:percent|per cent|%|million|billion|trillion|km|miles|kg|degrees)"


def inject_decimal_comma(text: str, rng: random.Random) -> Injected | None:
    inj = corrupt(
        text, rng, r"\b(\d{1,3})\.(\d{1,2}) ?" + UNIT, lambda m: m.group().replace(".", ",", 1)
    )
    if inj is not None:
        return inj
    return insert_sentence(
        text, rng, f"Prices rose by {rng.randint(1, 99)},{rng.randint(1, 9)} percent."
    )


def inject_thousands_dot(text: str, rng: random.Random) -> Injected | None:
    inj = corrupt(
        text,
        rng,
        r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?= (?:people|[a-z]{3,}[^\Wsiu\d_]s|dollars|euros)\b)",
        lambda m: m.group().replace(",", "."),
    )
    if inj is not None:
        return inj
    n = f"{rng.randint(2, 90)}.000"
    return insert_sentence(text, rng, f"About {n} people attended the rally.")


MONTHS = "January February March April May June July August September October November December"


def inject_dotted_date(text: str, rng: random.Random) -> Injected | None:
    months = MONTHS.split()

    def dotted(m: re.Match[str]) -> str:
        return f"{int(m.group(2)):02d}.{months.index(m.group(1)) + 1:02d}.{m.group(3)}"

    inj = corrupt(text, rng, r"\b(" + "|".join(months) + r") (\d{1,2}), ((?:19|20)\d\d)\b", dotted)
    if inj is not None:
        return inj
    return insert_sentence(
        text, rng, f"The deal was signed on {rng.randint(10, 28)}.0{rng.randint(1, 9)}.2019."
    )


def inject_ordinal(text: str, rng: random.Random) -> Injected | None:
    inj = corrupt(text, rng, r"\b(\d{1,3})(?:st|nd|rd|th)\b", lambda m: m.group(1) + "º")
    if inj is not None:
        return inj
    return insert_sentence(text, rng, f"She finished {rng.randint(1, 9)}º in the final.")


def inject_guillemets(text: str, rng: random.Random) -> Injected | None:
    inj = corrupt(text, rng, r"“([^“”\n]{1,200})”", lambda m: "«" + m.group(1) + "»")
    if inj is not None:
        return inj
    return insert_sentence(text, rng, "He called it «a historic day».")


def inject_inverted(text: str, rng: random.Random) -> Injected | None:
    inj = corrupt(
        text, rng, r"(?<=[.!?] )([A-Z][a-z]+ [^.!?\n]{3,120}\?)", lambda m: "¿" + m.group(1)
    )
    if inj is not None:
        return Injected(inj.text, inj.start, inj.start + 1)
    sentence = "¿What will the government do now?"
    got = insert_sentence(text, rng, sentence)
    return Injected(got.text, got.start, got.start + 1)


def inject_french_spacing(text: str, rng: random.Random) -> Injected | None:
    space = rng.choice(["\u00a0", "\u202f"])
    return corrupt(text, rng, r"(?<=[a-z])([:;?!])(?= [A-Za-z]| ?$)", lambda m: space + m.group(1))


def inject_fullwidth(text: str, rng: random.Random) -> Injected | None:
    return corrupt(text, rng, r"(?<=[a-z]), (?=[a-z])", lambda m: "，")


# Codes whose findings count for an injection (the acronym rules share one analysis: a foreign
# form is MT101 when the document also uses the English acronym, MT102 when it does not).
ACCEPT = {"MT101": ["MT101", "MT102"], "MT102": ["MT101", "MT102"]}
INJECTORS: dict[str, tuple[str, Injector]] = {
    "MT101": ("acronym replaced by a permuted variant", inject_acronym_variant),
    "MT102": ("foreign organization acronym", inject_foreign_acronym),
    "MT201": ("pronoun after a named subject", inject_resumptive),
    "MT301": ("word in another script", inject_foreign_script),
    "MT302": ("pt/de/it sentence from the corpus's foreign articles", inject_article_sentence),
    "MT302 ": ("es/fr/de/it sentence of the pySBD golden rules", inject_golden_sentence),
    "MT303": ("3-5 lower-case words of a pt/de/it/es/fr sentence", inject_foreign_phrase),
    "MT401": ("decimal point -> comma", inject_decimal_comma),
    "MT402": ("thousands comma -> point", inject_thousands_dot),
    "MT403": ("date -> dd.mm.yyyy", inject_dotted_date),
    "MT404": ("ordinal -> 1º", inject_ordinal),
    "MT405": ("“…” -> «…»", inject_guillemets),
    "MT406": ("¿ before a question", inject_inverted),
    "MT407": ("no-break space before ; : ! ?", inject_french_spacing),
    "MT408": (", -> ，", inject_fullwidth),
}


def _sentence_injector(inject: Injector) -> Callable[[str, random.Random], str | None]:
    def corrupt_sentence(sentence: str, rng: random.Random) -> str | None:
        got = inject(sentence, rng)
        return got.text if got is not None else None

    return corrupt_sentence


# The same injectors in bench/quality.py's form (one clean sentence in, the corrupted text
# out), so that a `bench/injectors/translation.py` can say
# `INJECTORS = translation.SENTENCE_INJECTORS` and the project-wide bench covers MT too.
SENTENCE_INJECTORS: dict[str, Callable[[str, random.Random], str | None]] = {
    key: _sentence_injector(fn) for key, (_what, fn) in INJECTORS.items() if key == key.strip()
}


def measure_precision(articles: list[tuple[str, str]], show: int) -> None:
    counts: Counter[str] = Counter()
    sentences = 0
    examples: list[str] = []
    for stem, text in articles:
        sentences += len(Document(text, language="en").sentences)
        for d in check_text(text, select=["MT"]):
            counts[d.code] += 1
            if len(examples) < show:
                examples.append(f"  {stem[:10]} {d.code} {text[d.start : d.end]!r}")
    print(f"precision: {len(articles)} clean English articles, {sentences} sentences")
    codes = sorted({k.strip() for k in INJECTORS})
    for code in codes:
        n = counts[code]
        print(f"  {code}: {n} findings = {1000 * n / max(sentences, 1):.2f} per 1,000 sentences")
    for e in examples:
        print(e)


def measure_recall(articles: list[tuple[str, str]], seed: int, show: int) -> None:
    print("recall on injected artifacts (one per article copy):")
    for key, (what, injector) in INJECTORS.items():
        code = key.strip()
        rng = random.Random(f"{seed}-{key}")
        trials = found = 0
        misses: list[str] = []
        for _stem, text in articles:
            inj = injector(text, rng)
            if inj is None:
                continue
            trials += 1
            hits = [
                d
                for d in check_text(
                    inj.text, select=ACCEPT.get(code, [code]), config={"language": "en"}
                )
                if d.start < inj.end and inj.start < d.end
            ]
            if hits:
                found += 1
            elif len(misses) < show:
                misses.append(repr(inj.text[max(0, inj.start - 50) : inj.end + 30]))
        rate = found / trials if trials else 0.0
        print(f"  {code} {what}: {found}/{trials} = {rate:.2f}")
        for miss in misses:
            print(f"      missed: {miss}")


def measure_langdetect(articles: list[tuple[str, str]]) -> None:
    calls = 0
    spent = 0.0
    original = _foreign.language_probabilities

    def counting(text: str) -> list[tuple[str, float]]:
        nonlocal calls, spent
        calls += 1
        t = time.perf_counter()
        try:
            return original(text)
        finally:
            spent += time.perf_counter() - t

    from copydesk.rules.translation import foreign_sentence

    foreign_sentence.language_probabilities = counting  # type: ignore[assignment]
    t0 = time.perf_counter()
    sentences = 0
    for _stem, text in articles:
        sentences += len(Document(text, language="en").sentences)
        check_text(text, select=["MT302"], config={"language": "en"})
    total = time.perf_counter() - t0
    foreign_sentence.language_probabilities = original
    print(
        f"MT302 langdetect: {calls} calls for {sentences} sentences "
        f"({spent * 1000:.0f} ms in langdetect, {total * 1000:.0f} ms for the whole rule)"
    )


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--articles", type=int, default=0, help="use only the first N articles")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--show", type=int, default=3, help="misses and false alarms to print")
    args = p.parse_args()
    articles = english_articles()
    if args.articles:
        articles = articles[: args.articles]
    measure_precision(articles, args.show)
    measure_recall(articles, args.seed, args.show)
    measure_langdetect(articles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
