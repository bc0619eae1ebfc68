"""Foreign-text signals the MT3xx rules share: function words per language and a seeded
langdetect, called only on candidates and on a bounded sample.

langdetect costs about 0.06 s to load its profiles (once per process, shared with the engine's
document-language check: `copydesk.langdetect_fast`) and 1 to 4 ms per call; its results on
short text are poor and random unless seeded (`DetectorFactory.seed = 0`, as its README says).
"""

from __future__ import annotations

from functools import cache, lru_cache

from copydesk import patterns, rx
from copydesk.lazy import lazy_regex
from copydesk.rules.translation._words import word_set

SAMPLE_CHARS = 1000  # langdetect sees at most this much of a candidate
WORD = patterns.compile(r"\p{L}+(?:['’]\p{L}+)?")

# Function words that are frequent in one language and are not English words (so "a", "no",
# "die", "come", "pour", "per", "in" are left out). Particles of names ("de la", "von der",
# "da") are in, which is why a candidate needs several of them and langdetect's agreement.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "es": frozenset(
        "el los las y es del que en por con una para se su sus como pero más fue está "
        "han lo muy también este esta entre sobre cuando porque sin ser desde donde ha hasta "
        "según".split()
    ),
    "fr": frozenset(
        "le les et est des une du dans que qui pas sur au avec sont ce cette mais été il "
        "elle aux nous vous leur ils ont sa ses était être comme où avait".split()
    ),
    "de": frozenset(
        "der das und ist nicht mit sich auf dem ein eine einer zu von auch wird sind wurde "
        "für dass oder aber sie es werden bei nach wie noch nur vor zum zur über".split()
    ),
    "it": frozenset(
        "il gli è di che con una del della nel sono si anche alla dei delle degli questo "
        "questa stato più tra fra sul sulla loro essere perché dopo".split()
    ),
    "pt": frozenset(
        "os é da dos das que uma não por se foi são mais ao pelo pela também já está ser "
        "entre sobre quando seu sua muito até".split()
    ),
}
# Left out on purpose: English words and name particles ("son", "hay", "plus", "par", "hat",
# "im", "do", "um", "em", "com", "na", "ha", "non", and "al" of "al-Qaeda").


def _longest_first(word: str) -> tuple[int, str]:
    return -len(word), word


# Any of those words, lower case, as a whole word: the screen a block must pass first.
FUNCTION_WORD = lazy_regex(
    r"(?<![\p{L}'’])(?:"
    # Longest first, then by spelling: the same source every run, so that it is stored (a
    # set's order changes with each process's string hashes).
    + "|".join(sorted({w for ws in FUNCTION_WORDS.values() for w in ws}, key=_longest_first))
    + r")(?![\p{L}'’])"
)


# The ASCII function words, as bytes for the folded text of `_lexicon`, and in every casing
# (a sentence's first word counts lower-cased: "Der", "LES"). The others hold an accented
# letter, which the screens look for anyway.
ASCII_FUNCTION_WORDS = frozenset(
    w.encode() for ws in FUNCTION_WORDS.values() for w in ws if w.isascii()
)


@cache
def cased_function_words() -> frozenset[bytes]:
    out: set[bytes] = set()
    for word in ASCII_FUNCTION_WORDS:
        forms = [b""]
        for c in word:
            forms = [f + bytes([x]) for f in forms for x in {c, ord(chr(c).upper())}]
        out.update(forms)
    return frozenset(out)


@cache
def english_word_pattern() -> rx.Pattern[str]:
    """An English function word as a lower-case word of its own (a `WORD` token)."""
    table = sorted(word_set("english_function"), key=_longest_first)
    alternation = "|".join(rx.escape(w) for w in table)
    return patterns.compile(r"(?<![\p{L}'’])(?:" + alternation + r")(?![\p{L}'’])")


# English function words between spaces, the commonest first: where one is, the pattern of
# `english_word_pattern` matches (a `str` search each, in C, not the pattern's look-behind
# tried at every character).
_COMMON_ENGLISH = (" the ", " and ", " of ", " to ")


def has_english_word(text: str) -> bool:
    """`english_word_pattern().search(text) is not None`, the common case first."""
    for spaced in _COMMON_ENGLISH:
        if spaced in text:
            return True
    return english_word_pattern().search(text) is not None


def function_word_counts(words: list[str]) -> dict[str, int]:
    counts = {lang: 0 for lang in FUNCTION_WORDS}
    for w in words:
        for lang, table in FUNCTION_WORDS.items():
            if w in table:
                counts[lang] += 1
    return counts


def english_function_words(words: list[str]) -> int:
    table = word_set("english_function")
    return sum(1 for w in words if w in table)


def sentence_words(text: str) -> list[str]:
    """The words of a sentence for the function-word screen: lower-case words, and the first
    word lower-cased. Capitalized words are names ("Los Angeles", "Le Monde", "Der Spiegel")."""
    words = WORD.findall(text)
    return [w.lower() if i == 0 else w for i, w in enumerate(words) if i == 0 or w.islower()]


def candidate_language(words: list[str]) -> tuple[str, bool] | None:
    """The language the words of a sentence (`sentence_words`) point to, and whether the
    signal is strong, or None when nothing points away from English. This is the cheap screen before
    langdetect: a fifth of the words function words of one language, or (weak) two of them,
    or one and an accented word, with no English function word at all."""
    counts = function_word_counts(words)
    lang = max(counts, key=lambda k: counts[k])
    hits = counts[lang]
    english = english_function_words(words)
    if english * 3 > hits:
        return None
    if hits >= 3 and hits >= 0.2 * len(words):
        return lang, True
    accented = any(w.islower() and not w.isascii() for w in words)
    if english == 0 and (hits >= 1 or accented):
        return lang, False
    return None


def language_probabilities(text: str) -> list[tuple[str, float]]:
    """langdetect's languages and probabilities for `text` (seeded, sample bounded)."""
    return list(_probabilities(text[:SAMPLE_CHARS]))


@lru_cache(maxsize=4096)
def _probabilities(sample: str) -> tuple[tuple[str, float], ...]:
    """langdetect's answer for `sample`, kept for the process: a seeded detector answers the
    same every time (each detector seeds its own generator; `copydesk.langdetect_fast` runs
    its algorithm with less Python per step), and the sentences it is asked
    about recur across a site's pages (a footer, a standard notice): on 2,000 web pages, 61
    questions were 4 sentences."""
    from copydesk.langdetect_fast import probabilities

    try:
        return tuple((p.lang, float(p.prob)) for p in probabilities(sample))
    except Exception:  # langdetect raises on text without features (digits, symbols)
        return ()
