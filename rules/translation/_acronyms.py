"""The acronyms of one document: where each is used, where it is defined, and which look translated.

Shared by MT101 and MT102 through `doc.cache`, so the document is scanned once.

Definitions follow Schwartz & Hearst (PSB 2003): a short form in brackets after its long form
("Collective Security Treaty Organization (CSTO)"), or the long form in brackets after the short
form ("OTS [the Organization of Turkic States]"), or an appositive ("CEPA, the Center for
European Policy Analysis,"). The letter matching is stricter than theirs: every content word of
the long form must give the short form a letter, starting with its initial. So a foreign
acronym after its English long form ("North Atlantic Treaty Organization (OTAN)") does not
align, which is itself the sign of a translation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import regex

from copydesk.document import Block, Document

DATA = Path(__file__).parent / "data"
CACHE_KEY = "translation.acronyms"

# Words a long form may contain without giving its acronym a letter ("Organization *of* American
# States"); English plus the Romance and German articles and prepositions of untranslated names.
STOP = frozenset(
    "of the and for in on at to by with a an & de del la le les des du y et e da do dos das di "
    "della delle dei und für der die das von".split()
)

# An acronym as used in running text: two to eight capitals, not glued to other letters or
# digits ("OTC’s", "mini-NATO" and "CSTO-led" count; "MP3" and "iPhone" do not). A plural or
# possessive "s" may follow ("CEOs").
USE = regex.compile(r"(?<![\p{L}\p{N}_])(\p{Lu}{2,8})(?=s?(?![\p{L}\p{N}_]))")
# The token a definition's bracket may hold: mixed case allowed ("EuGH", "PhD") with 2+ capitals.
SHORT = r"\p{Lu}[\p{L}\p{N}&.\-]{0,9}"
_DEF_AFTER = regex.compile(
    r"\(\s*(?:the\s+|or\s+|hereafter\s+|known\s+as\s+)?[\"“'‘]?(" + SHORT + r")[\"”'’]?\s*\)"
)
_DEF_BEFORE = regex.compile(
    r"(?<![\p{L}\p{N}])(" + SHORT + r")\s?([(\[])\s*"
    r"(?:the\s+|i\.e\.,?\s+|or\s+)?([^()\[\]]{3,120})[)\]]"
)
_DEF_APPOSITIVE = regex.compile(
    r"(?<![\p{L}\p{N}])(" + SHORT + r"),\s+(?:the|an?)\s+([^,.;:()\[\]]{3,120})[,.;]"
)
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’&.\-]*")
_CLAUSE_END = regex.compile(r"[.;:!?]\s|[()\[\]]|\n")
# Roman numerals of the kind text uses after names and events (II, XIV, XXI); not the rarer
# ones made of C, D, L and M, which are more often acronyms (CCI, MCC, LCD).
_ROMAN = regex.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")


# -- data tables -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ForeignForm:
    """A row of data/foreign_acronyms.tsv."""

    form: str
    canonical: str
    languages: tuple[str, ...]
    ambiguous: bool
    source: str


def _rows(name: str) -> Iterator[list[str]]:
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@cache
def foreign_forms() -> dict[str, ForeignForm]:
    out = {}
    for form, canonical, langs, ambiguous, source in _rows("foreign_acronyms.tsv"):
        out[form] = ForeignForm(
            form, canonical, tuple(langs.split(",")), ambiguous == "yes", source
        )
    return out


@cache
def long_forms() -> dict[str, tuple[str, ...]]:
    """English long forms of the canonical acronyms (data/organizations.tsv)."""
    rows = _rows("organizations.tsv")
    return {acr: tuple(s.strip() for s in longs.split("|")) for acr, longs in rows}


@cache
def known_acronyms() -> frozenset[str]:
    words: set[str] = set()
    for line in (DATA / "known_acronyms.txt").read_text(encoding="utf-8").splitlines():
        words.update(line.split("#", 1)[0].split())
    return frozenset(words)


@cache
def _extra_forms() -> regex.Pattern[str] | None:
    """Table forms the capitals pattern misses: dotted, spaced, hyphenated or mixed case."""
    odd = sorted((f for f in foreign_forms() if not regex.fullmatch(r"\p{Lu}{2,8}", f)), key=len)
    if not odd:
        return None
    alts = "|".join(regex.escape(f) for f in reversed(odd))
    return regex.compile(r"(?<![\p{L}\p{N}_])(" + alts + r")(?![\p{L}\p{N}_])")


LANGUAGE_NAMES = {
    "es": "Spanish",
    "fr": "French",
    "pt": "Portuguese",
    "it": "Italian",
    "de": "German",
    "ru": "Russian (transliterated)",
    "ru-cyr": "Russian",
    "en": "machine-translation",
}


def language_names(form: ForeignForm) -> str:
    names = [LANGUAGE_NAMES.get(code, code) for code in form.languages]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# -- letter matching ---------------------------------------------------------------------------


def _letters(word: str) -> str:
    return "".join(c for c in word.lower() if c.isalnum())


def _is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(c in it for c in needle)


def aligns(short: str, words: list[str]) -> bool:
    """True when `short` spells the initials of `words` (Schwartz & Hearst, stricter).

    Each content word gives one or more consecutive letters of the short form, the first being
    its initial ("Organisation for Economic Co-operation and Development" -> OECD,
    "Economic Community of West African States" -> ECOWAS); stop words may give letters or none.
    """
    letters = _letters(short)
    lowered = [_letters(w) for w in words]
    if len(letters) < 2 or not lowered or not all(lowered) or len(words) > 2 * len(letters) + 4:
        return False
    stop = [w.lower() in STOP for w in words]
    if stop[0]:
        return False
    memo: dict[tuple[int, int], bool] = {}

    def fits(li: int, wi: int) -> bool:
        key = (li, wi)
        if key in memo:
            return memo[key]
        if wi == len(words):
            ok = li == len(letters)
        else:
            w = lowered[wi]
            ok = stop[wi] and fits(li, wi + 1)
            if not ok and li < len(letters) and letters[li] == w[0]:
                for lj in range(li + 1, len(letters) + 1):
                    if not _is_subsequence(letters[li + 1 : lj], w[1:]):
                        break
                    if fits(lj, wi + 1):
                        ok = True
                        break
        memo[key] = ok
        return ok

    return fits(0, 0)


def initials(long_form: str) -> str:
    """The acronym of a long form's content words: CSTO for Collective Security Treaty Org..."""
    return "".join(w[0].upper() for w in _WORD.findall(long_form) if w.lower() not in STOP)


# -- the document's acronyms ------------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    block: Block
    start: int  # prose offsets in block.text
    end: int


@dataclass(frozen=True)
class Definition:
    short: str
    long: str
    aligned: bool
    at: Occurrence


@dataclass
class Acronyms:
    uses: dict[str, list[Occurrence]] = field(default_factory=dict)
    definitions: dict[str, list[Definition]] = field(default_factory=dict)

    def aligned(self, short: str) -> bool:
        return any(d.aligned for d in self.definitions.get(short, ()))

    def defined(self, short: str) -> bool:
        return short in self.definitions


def _shouting(text: str) -> bool:
    """A line in capitals (a headline, a sign): its capitals are not acronyms."""
    letters = [c for c in text if c.isalpha()]
    words = text.split()
    return len(words) >= 3 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _caps_neighbour(text: str, a: int, b: int) -> bool:
    """The token sits among other all-capital words ("BREAKING NEWS OTC")."""
    before = regex.search(r"(\p{L}+)[ \t]+$", text[max(0, a - 30) : a])
    after = regex.match(r"[ \t]+(\p{L}+)", text[b : b + 30])
    return any(
        m is not None and len(m.group(1)) >= 2 and m.group(1).isupper() for m in (before, after)
    )


def _long_form_before(text: str, paren: int, short: str) -> tuple[str, bool]:
    """The words before `(SHORT)` that the short form aligns with, if any; else the window."""
    clause = 0
    for m in _CLAUSE_END.finditer(text, max(0, paren - 200), paren):
        clause = m.end()
    words = [m.group() for m in _WORD.finditer(text, clause, paren)]
    n = len(_letters(short))
    window = words[-min(n + 5, 2 * n) :] if n else []
    first = _letters(short)[:1]
    for k in range(len(window) - 1, -1, -1):
        if _letters(window[k])[:1] == first and aligns(short, window[k:]):
            return " ".join(window[k:]), True
    return " ".join(window), False


def _long_form_inside(content: str, short: str) -> tuple[str, bool]:
    head = regex.split(r"[,;]|\s[–—-]\s", content, maxsplit=1)[0].strip()
    words = _WORD.findall(head)
    return head, aligns(short, words)


def _is_acronym_token(token: str) -> bool:
    return sum(c.isupper() for c in token) >= 2 and not token.endswith("-")


def scan(doc: Document) -> Acronyms:
    out = Acronyms()
    extra = _extra_forms()
    for block in doc.blocks:
        text = block.text
        if not any(c.isupper() for c in text):
            continue
        spans: list[tuple[int, int]] = []
        if extra is not None:
            for m in extra.finditer(text):
                spans.append(m.span(1))
                out.uses.setdefault(m.group(1), []).append(Occurrence(block, *m.span(1)))
        line_start = 0
        for line in text.split("\n"):
            line_end = line_start + len(line)
            if not _shouting(line):
                for m in USE.finditer(text, line_start, line_end):
                    a, b = m.span(1)
                    token = m.group(1)
                    if any(s <= a < e for s, e in spans) or _ROMAN.fullmatch(token):
                        continue
                    if _caps_neighbour(text, a, b):
                        continue
                    out.uses.setdefault(token, []).append(Occurrence(block, a, b))
            line_start = line_end + 1
        _definitions(block, out)
    return out


def _definitions(block: Block, out: Acronyms) -> None:
    text = block.text

    def add(short: str, long: str, aligned: bool, a: int) -> None:
        at = Occurrence(block, a, a + len(short))
        out.definitions.setdefault(short, []).append(Definition(short, long, aligned, at))

    for m in _DEF_AFTER.finditer(text):
        short = m.group(1).rstrip(".")
        if _is_acronym_token(short):
            long, ok = _long_form_before(text, m.start(), short)
            if long:
                add(short, long, ok, m.start(1))
    for m in _DEF_BEFORE.finditer(text):
        short = m.group(1).rstrip(".")
        if _is_acronym_token(short) and len(m.group(3).split()) >= 2:
            long, ok = _long_form_inside(m.group(3), short)
            if ok:
                add(short, long, ok, m.start(1))
    for m in _DEF_APPOSITIVE.finditer(text):
        short = m.group(1)
        if _is_acronym_token(short):
            long, ok = _long_form_inside(m.group(2), short)
            if ok:
                add(short, long, ok, m.start(1))


def document_acronyms(doc: Document) -> Acronyms:
    found = doc.cache.get(CACHE_KEY)
    if not isinstance(found, Acronyms):
        found = scan(doc)
        doc.cache[CACHE_KEY] = found
    return found


# -- which acronyms look translated ------------------------------------------------------------


@dataclass(frozen=True)
class Suspect:
    """An acronym that should be `intended`; `kind` is "variant" (the document also uses the
    intended acronym or spells it out: MT101) or "foreign" (a known foreign form: MT102)."""

    form: str
    intended: str
    kind: str
    reason: str


def _same_letters(x: str, y: str) -> str | None:
    """How `x` relates to `y`, when `x` looks like `y` translated: permuted, or one letter
    short and out of order (OTC for CSTO). A letter dropped in order (IEA for IAEA) is a
    different organization far more often than a translation, so it does not count."""
    if x == y:
        return None
    if len(x) == len(y) and sorted(x) == sorted(y):
        return f"has the letters of `{y}` in another order"
    if len(y) == len(x) + 1 and not Counter(x) - Counter(y) and not _is_subsequence(x, y):
        return f"has the letters of `{y}` but one, in another order"
    return None


def _english_word(form: str) -> bool:
    """An ordinary English word written in capitals (how, act, own): zipf 4 or more."""
    from wordfreq import zipf_frequency

    return bool(zipf_frequency(form.lower(), "en") >= 4.0)


def _mentions(doc: Document, phrase: str) -> bool:
    pattern = r"(?<!\w)" + regex.escape(phrase) + r"(?!\w)"
    return regex.search(pattern, doc.prose, regex.I) is not None


def _defined_as(info: Acronyms, short: str) -> str:
    for d in info.definitions.get(short, ()):
        if d.aligned:
            return d.long
    return ""


def suspects(doc: Document) -> dict[str, Suspect]:
    key = CACHE_KEY + ".suspects"
    cached = doc.cache.get(key)
    if isinstance(cached, dict):
        return cached
    info = document_acronyms(doc)
    table = foreign_forms()
    known = known_acronyms()
    longs = long_forms()
    canonicals = {e.canonical for e in table.values()}
    out: dict[str, Suspect] = {}
    # Foreign forms the document holds that no bracket defines: corroboration for ambiguous ones.
    plain_foreign = {
        f for f in info.uses if f in table and not table[f].ambiguous and not info.aligned(f)
    }
    for form in info.uses:
        if info.aligned(form):
            continue  # defined in the document ("Cour pénale internationale (CPI)")
        entry = table.get(form)
        found = None
        # A form machine translation made up (OTC) is best explained by its letters; a form
        # with an official source by its language.
        if entry is None or entry.languages == ("en",):
            plain = form not in known and not info.defined(form) and 3 <= len(form) <= 6
            found = _letter_suspect(info, form, known, canonicals) if plain else None
        if found is None and entry is not None:
            found = _table_suspect(doc, info, entry, plain_foreign - {form}, longs)
        if found is not None:
            out[form] = found
    doc.cache[key] = out
    return out


def _table_suspect(
    doc: Document,
    info: Acronyms,
    entry: ForeignForm,
    other_foreign: set[str],
    longs: dict[str, tuple[str, ...]],
) -> Suspect | None:
    canonical = entry.canonical
    english = longs.get(canonical, ())
    langs = language_names(entry)
    spelled = next((lf for lf in english if _mentions(doc, lf)), "")
    # An unaligned definition "North Atlantic Treaty Organization (OTAN)": does the long form
    # spell the English acronym?
    for d in info.definitions.get(entry.form, ()):
        words = _WORD.findall(d.long)
        if any(aligns(canonical, words[k:]) for k in range(len(words))):
            return Suspect(
                entry.form,
                canonical,
                "variant",
                f"it is the {langs} form, and the long form before it is {d.long}",
            )
    if info.definitions.get(entry.form):
        return None  # defined as something else: the writer's own acronym
    uses_english = canonical in info.uses or info.defined(canonical)
    short_ambiguous = entry.ambiguous and len(entry.form) <= 2
    # An ambiguous form next to the English acronym is not enough: "the CPI rose, the ICC said"
    # is an index and a chamber of commerce. Its long form spelled out is.
    if uses_english and not entry.ambiguous:
        return Suspect(
            entry.form,
            canonical,
            "variant",
            f"it is the {langs} form, and the document also uses `{canonical}`",
        )
    if spelled and not short_ambiguous:
        return Suspect(
            entry.form,
            canonical,
            "variant",
            f"it is the {langs} form, and the document spells out {spelled}",
        )
    if not entry.ambiguous or other_foreign:
        what = f" ({english[0]})" if english else ""
        return Suspect(
            entry.form, canonical, "foreign", f"it is the {langs} form of `{canonical}`{what}"
        )
    return None


def _letter_suspect(
    info: Acronyms, form: str, known: frozenset[str], canonicals: set[str]
) -> Suspect | None:
    # What a variant may stand for: an acronym the document defines, or an international
    # organization's English acronym that it uses. Not any known acronym: ARM next to RAM, or
    # RSS next to SARS, are two different things far more often than one translated.
    anchors = {s for s in info.definitions if info.aligned(s)}
    anchors |= {s for s in info.uses if s in canonicals}
    related = [(y, how) for y in sorted(anchors) if (how := _same_letters(form, y))]
    if len(related) != 1:
        return None  # none, or several candidates: no way to say which was meant
    if _english_word(form):
        return None  # "HOW" next to WHO, "ACT" next to CTA: a word in capitals
    intended, how = related[0]
    long = _defined_as(info, intended)
    if long:
        reason = f"it {how}, which the document defines as {long}"
    else:
        reason = f"it {how}, which the document uses"
    return Suspect(form, intended, "variant", reason)


# -- fixes --------------------------------------------------------------------------------------

_ONSETS = frozenset("bl br cl cr dr fl fr gl gr pl pr sc sk sl sm sn sp st sw tr tw".split())


def _spoken_as_word(acronym: str) -> bool:
    """NATO and OPEC are said as words, CSTO and OECD letter by letter (a rough guess)."""
    a = acronym.lower()
    if len(a) < 4 or not a.isalpha():
        return False
    vowels = sum(c in "aeiou" for c in a)
    first_two_consonants = a[0] not in "aeiou" and a[1] not in "aeiou"
    starts_with_two_vowels = a[0] in "aeiou" and a[1] in "aeiou"
    return (
        vowels * 3 >= len(a)
        and not starts_with_two_vowels
        and (not first_two_consonants or a[:2] in _ONSETS)
    )


def indefinite_article(acronym: str) -> str:
    """The article before an acronym: "an OTC", "a CSTO", "a NATO", "an OTAN"."""
    first = acronym[:1].upper()
    if _spoken_as_word(acronym):
        return "an" if first in "AEIO" else "a"
    return "an" if first in "AEFHILMNORSX" else "a"


_ARTICLE = regex.compile(r"(?<![\p{L}\p{N}])([Aa]n?) $")


def replacement(block: Block, start: int, end: int, intended: str) -> tuple[int, str]:
    """Where the edit starts and what it writes: the acronym, and "a"/"an" when that changes."""
    m = _ARTICLE.search(block.text, max(0, start - 4), start)
    if m is None:
        return start, intended
    old = m.group(1)
    new = indefinite_article(intended)
    if old.lower() == new:
        return start, intended
    new = new.capitalize() if old[0].isupper() else new
    return m.start(1), f"{new} {intended}"
