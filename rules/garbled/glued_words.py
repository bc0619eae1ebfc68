"""GS003 glued-words."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from functools import cache, lru_cache
from itertools import accumulate, compress, count, filterfalse
from typing import Any, ClassVar

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.garbled._lexicon import _lexicon, known, word_list, zipf
from copydesk.rules.garbled._words import Words, joined_words
from copydesk.sentences import TITLES

# The candidates are the runs of 5 to 40 ASCII letters. Tokens longer than two long words
# together are something else (a chemical name, a run of letters), and splitting them would
# cost time quadratic in their length.
MIN_LETTERS, MAX_LETTERS = 5, 40
# Folding a text for the search of those runs: after `encode("ascii", "replace")` (every other
# character one "?" byte, so offsets stay), ASCII letters in lower case and all else a space.
FOLD = bytes(b | 0x20 if 65 <= b <= 90 or 97 <= b <= 122 else 32 for b in range(256))
# A token of five or more ASCII letters between spaces and punctuation: not part of a URL, an
# e-mail address, a file name, a hashtag, a handle, a hyphenated or apostrophised word, or a
# word with a symbol in it ("₿itcoin"). A possessive 's may follow.
TOKEN = patterns.compile(
    r"(?<=^|[\s\"“‘(\[«—–])[A-Za-z]{5,}(?=$|['’]s\b|[\s\"”’)\]»—–,;:!?]|\.(?![A-Za-z0-9]))"
)
# How common the word beside the function word must be (Zipf scale: 3 is once per million
# words). Rarer words are too often pieces of names ("Tams" + "in"), and more so beside a
# two-letter function word.
MIN_ZIPF = 2.5
MIN_ZIPF_SHORT = 3.5
# One-letter words, with the case they must have, and how common the rest must be.
ONE_LETTER = {"a": "a", "i": "I"}
ONE_LETTER_ZIPF = 3.5
# Function words that are also productive prefixes: before a content word they make a
# compound ("overdrew", "underdelivering", "bypass"), not a glue.
PREFIXES = frozenset("over under after out up down off".split())
# Short prefixes that also start names and brands ("Inexhibit", "Bypolls"): a glue only in a
# lower-case token ("inprison", "bystudying"), where the word list has the real compounds.
NAME_PREFIXES = frozenset("in on by".split())
# Two content words: both at least this common (Zipf 4 is once per 100,000 words).
COMPOUND_ZIPF = 4.0
# Left halves that English uses as prefixes to coin words missing from any word list.
COMPOUND_PREFIXES = frozenset(
    "over under back self super hyper multi micro mini anti auto counter cross inter post semi "
    "tele ultra cyber electro bio geo photo meta mega poly pseudo proto trans retro head hand "
    "home life time work world water fire play side down with some every where there".split()
)


class GluedWords(Rule):
    """## What it does
    Finds two words written without the space between them, like `Twitteron` or
    `theRussian`: a token that is not a word, but splits into a known word and a function
    word (`on`, `the`, `of`, `and`, `is`...).

    Tokens in capitals (`NATO`), inside URLs, e-mail addresses, hashtags and handles, and
    brand-style names with inner capitals (`MedSource`, `InDesign`, `PayPal`) are left alone.
    Two content words glued (`goodthing`) are found only in lower case, when both are common
    words, the first is no prefix (`overdrew`), and the token occurs only once in the
    document: a coined compound (`frontmatter`, `stopwords`) is used again, a slip is not.
    Set `content-words = false` to report function-word glues only (advised for technical
    writing, which coins many compounds).

    ## Why is this bad?
    Scrapers drop the space where an inline element ended, and machine translation and OCR
    glue words. Readers see a typo, and search engines a non-word.

    ## Example
    ```text
    wrote in X earlier. Twitteron Tuesday.
    ```

    ## Use instead
    ```text
    wrote in X earlier. Twitter on Tuesday.
    ```

    ## Fix safety
    Unsafe: the fix inserts the space where the split is most likely, which is right for a
    glue but wrong for a rare word or a name the dictionary lacks. English only: the word
    frequencies are those of English (from `wordfreq`).
    """

    code = "GS003"
    name = "glued-words"
    message = "`{token}` is not a word: `{split}` with a missing space?"
    languages = frozenset({"en"})
    fix_availability = "always"
    options: ClassVar[Mapping[str, Any]] = {"content-words": True}
    examples = (
        Example(
            bad="wrote in X earlier. Twitteron Tuesday.",
            flagged="Twitteron",
            fixed="wrote in X earlier. Twitter on Tuesday.",
            unsafe=True,
        ),
        Example(
            bad="a blow to theRussian leader",
            flagged="theRussian",
            fixed="a blow to the Russian leader",
            unsafe=True,
        ),
        Example(
            bad="The decision ofthe court was final.",
            flagged="ofthe",
            fixed="The decision of the court was final.",
            unsafe=True,
        ),
        Example(
            bad="Detailsare still unclear.",
            flagged="Detailsare",
            fixed="Details are still unclear.",
            unsafe=True,
        ),
        Example(good="NATOmembers and the OTSC met; MedSource and InDesign are brands."),
        Example(good="Follow @Twitteron or #Twitteron, and see twitteron.com/Twitteron."),
        Example(good="Prices in ₿itcoin, see Twitteron_2 and Twitteron2."),
        Example(good="The counteroffensive by Kiev, a livestream, and peacebuilding."),
        Example(good="Pashinyan met Temnycky in Yerevan. By Jane Coaston and Mr. Goldis."),
        Example(good="Code formatters and linters."),
        Example(good="the Twitteron-based app, underdelivering that overdrew, Inexhibit."),
        Example(good="An heron, a canto, within, therein, the donor and the lathe."),
        Example(
            bad="and this is a goodthing.",
            flagged="goodthing",
            fixed="and this is a good thing.",
            unsafe=True,
        ),
        Example(good="and this is a goodthing.", options={"content-words": False}),
        Example(
            good="The copydesk tool: install copydesk, and stopword lists (one stopwords file)."
        ),
        Example(good="Lightcloud and Riveredge, hyperpersonalized and multiplanetary."),
        Example(
            bad="Itried to leave, it was amortgage.",
            flagged="Itried",
            fixed="I tried to leave, it was a mortgage.",
            unsafe=True,
        ),
    )

    def warm_up(self) -> None:
        global _WORD_SCREENS
        _screen_bytes()
        _screen_words()
        _WORD_SCREENS = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        blocks = doc.blocks
        joined = None
        if _WORD_SCREENS or next(_PAGES) >= WORDS_AFTER:
            joined = joined_words(doc)
        if joined is None:
            # All blocks folded at once (a Markdown page has hundreds of small ones), joined by
            # a line break, which no run of letters crosses; `starts` maps offsets back.
            texts = [block.text for block in blocks]
            fold = _fold("\n".join(texts))
            suspects = _suspects([fold])
            if not suspects:
                return
            starts = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
        else:
            # The words GS002 and GS004 split anyway (`joined_words`): the runs of letters are
            # found in the few that are no common word.
            suspects = _word_suspects(joined.words)
            if not suspects:
                return
            fold = _fold(joined.text)
            starts = joined.offsets
        for at, stop in _occurrences(fold, suspects):
            k = bisect_right(starts, at) - 1
            block = blocks[k]
            text = block.text
            start, end = at - starts[k], stop - starts[k]
            token = text[start:end]
            if token.isupper():
                continue  # capitals: an acronym or shouting ("NATO"), left alone
            m = TOKEN.match(text, start)
            if m is None or m.end() != end:
                continue
            if token[0].isupper() and _after_name(text, start):
                continue  # "Jane Coaston", "Mike Goldis": a surname the list lacks
            cut = _split_point(token, bool(self.settings["content-words"]))
            if cut is None:
                continue
            left, right = token[:cut], token[cut:]
            if _compound(left, right) and _recurs(doc, token.lower()):
                continue  # a coined term used again ("copydesk", "stopwords"), not a slip
            a = start + cut
            edit = block.edit(a, a, " ")
            fix = Fix.unsafe(f"Insert a space: `{left} {right}`", edit) if edit else None
            yield self.block_diagnostic(
                block, start, end, fix=fix, token=token, split=f"{left} {right}"
            )


# Which way a page's runs of letters are screened. The screens of whole words
# (`_screen_bytes`, `_screen_words`) cost about 9 ms and 3 MB to build and save about 0.04 ms
# a page (0.02 ms on Markdown) against screening the runs of the page's own fold: they pay
# from a few hundred pages on. So a corpus run builds them before its workers fork
# (`warm_up`, `_WORD_SCREENS`), to be shared; any other process only after WORDS_AFTER
# checks (`_PAGES` counts them; a fix run checks a file once per pass).
_WORD_SCREENS = False
_PAGES = count()
WORDS_AFTER = 300


def _fold(text: str) -> str:
    """The text's ASCII letters in lower case, every other character a space, offset for
    offset, with a space added in front and at the end (so each run has a space on each side)."""
    return " " + text.encode("ascii", "replace").translate(FOLD).decode("ascii") + " "


def _suspects(folded: list[str]) -> set[str]:
    """The distinct runs of letters (lower case) of the texts that are not words: the glue
    candidates.

    A page has thousands of runs, nearly all of them common words: splitting in C and a C-level
    filter against the common-word table leave the few dozen that need a look-up, instead of a
    regex match and a Python call per token.
    """
    screen = _screen().__contains__
    rest: set[str] = set()
    for fold in folded:
        rest.update(filterfalse(screen, fold.split()))
    return _decide(rest)


def _word_suspects(lower: Words) -> set[str]:
    """`_suspects` of a text from its words as `split_words` (or `WORD`) gives them.

    Every run of letters of the text lies in one of those words, and every run that can be
    reported (one TOKEN matches, between spaces or punctuation) begins one. Words shorter than
    `MIN_LETTERS` hold no candidate (their lengths are GS004's screen too), a word of the
    common-word screen is dropped whole (`_rare_run_words` are kept out: the few with a run of
    letters that is no common word: "wouldn't"); the runs of the rest, a few dozen distinct
    words a page, are then screened as in `_suspects`. The split is GS002's, made once for all.
    """
    words = lower.words
    if not words:
        return set()
    long = lower.packed_lengths.translate(_LONG)
    # The distinct words first, then the screen: a look-up in the screen (29,000 words, cold
    # in the cache after the other rules' work) costs more than a word added to a small set.
    # `WORD`'s words (of a short text, or of one `split_words` declines):
    if not isinstance(words[0], bytes):
        rest_str = set(compress(words, long)).difference(_screen_words())
        runs = _fold(" ".join(rest_str)).split() if rest_str else []
        return _decide(set(filterfalse(_screen().__contains__, runs)))
    rest_bytes = set(compress(words, long)).difference(_screen_bytes())
    if not rest_bytes:
        return set()
    # A word of ASCII letters (most) is its own run, and no common word: it was screened.
    plain = set(filter(bytes.isalpha, rest_bytes))
    found = b" ".join(plain).decode("ascii").split()
    rest_bytes -= plain
    if rest_bytes:
        # Every byte but an ASCII letter folds to a space (UTF-8 sequences, "’" as byte 1).
        runs = b" ".join(rest_bytes).translate(FOLD).decode("ascii").split()
        found += filterfalse(_screen().__contains__, runs)
    return _decide(set(found))


# Word lengths (`Words.packed_lengths`) to 1 from MIN_LETTERS on, else 0: a mask for `compress`.
_LONG = bytes(int(n >= MIN_LETTERS) for n in range(256))


def _decide(rest: set[str]) -> set[str]:
    """The glue candidates among runs of letters that are no common word (`rest`, changed).

    What was decided about a run is kept for the process (`_DECIDED`): a corpus repeats its
    rare words.
    """
    cleared, suspects = _DECIDED
    rest.difference_update(cleared)
    found = rest.intersection(suspects)
    rest.difference_update(suspects)
    if len(cleared) + len(suspects) + len(rest) > MAX_DECIDED:
        cleared.clear()
        suspects.clear()
    for word in rest:
        if _suspect(word):
            suspects.add(word)
            found.add(word)
        else:
            cleared.add(word)
    return found


@cache
def _rare_run_words() -> frozenset[str]:
    """The words of `_screen` holding a run of letters that may be a candidate itself (a run
    of `MIN_LETTERS` or more that is no common word: "wouldn" in "wouldn't", "fianc" in
    "fiancé"): a screen of whole words must let them through, so that their runs are looked at
    one by one. Only words with a character besides ASCII letters have runs other than
    themselves."""
    screen = _screen()
    odd = set(filterfalse(str.isalpha, screen))
    odd.update(filterfalse(str.isascii, screen))
    return frozenset(
        word
        for word in odd
        if any(len(run) >= MIN_LETTERS and run not in screen for run in _fold(word).split())
    )


@cache
def _screen_bytes() -> frozenset[bytes]:
    """The common-word screen for whole words of `split_words` (in UTF-8)."""
    words = frozenset(" ".join(_screen()).encode("utf-8", "surrogatepass").split())
    return words.difference(w.encode("utf-8", "surrogatepass") for w in _rare_run_words())


@cache
def _screen_words() -> frozenset[str]:
    """The common-word screen for whole words of `WORD` (the words of a short text)."""
    return frozenset(_screen().difference(_rare_run_words()))


@cache
def _screen() -> set[str]:
    """The common words that end the search for a glue: all but the rare-ish ones ending in
    "the" ("ofthe", "inthe", "bathe"). A set of its own (about 1 ms to build, never changed):
    testing each run of a page against it costs less than a set of the page's runs minus the
    common-word dictionary."""
    lexicon = _lexicon()
    screen = set(lexicon.common)
    screen.difference_update(lexicon.rare_the)
    return screen


def _suspect(lower: str) -> bool:
    """Whether a run of letters that is not a common word may be a glue."""
    if not MIN_LETTERS <= len(lower) <= MAX_LETTERS:
        return False
    if not _may_split(lower):
        return False  # no split `_score` could accept: spare the look-ups of a rare word
    if known(lower) and not (lower.endswith("the") and zipf(lower) < 3.5):
        return False  # a rare word ("heron"), but "ofthe" or "inthe" may be a glue
    # "formatters": a known word plus an ending, not two words
    return not _inflected(lower)


# The runs decided not to be glue candidates, and those that are, for the process; cleared
# when they hold more than MAX_DECIDED runs between them.
_DECIDED: tuple[set[str], set[str]] = (set(), set())
MAX_DECIDED = 100_000  # about 10 MB of strings at most


def _occurrences(fold: str, words: set[str]) -> list[tuple[int, int]]:
    """The spans of the words as whole runs of letters in the text that `fold` folds, in order.

    `str.find` jumps between the few occurrences of a few suspects; scanning every token of
    the text in Python to compare it with them would cost a call per word.
    """
    spans: list[tuple[int, int]] = []
    for word in words:
        spaced = " " + word + " "
        at = fold.find(spaced)
        while at >= 0:
            spans.append((at, at + len(word)))  # `fold` has one extra character in front
            at = fold.find(spaced, at + 1)
    return sorted(spans)


def _inflected(lower: str) -> bool:
    """True when `lower` is a known word plus an inflectional ending ("formatters")."""
    for end in ("s", "es", "ed", "ing"):
        stem = lower[: -len(end)]
        if lower.endswith(end) and len(stem) >= 5 and known(stem):
            return True
    return False


def _compound(left: str, right: str) -> bool:
    """True for a split into two content words (no function word, no one-letter word)."""
    function = word_list("function_words")
    return not ({left.lower(), right.lower()} & function) and len(left) > 1


def _recurs(doc: Document, lower: str) -> bool:
    """True when the token occurs more than once in the document (its plural counted too)."""
    stem = lower[:-1] if lower.endswith("s") else lower
    source = r"(?<![A-Za-z])" + re.escape(stem) + r"(?:s|es)?(?![A-Za-z])"
    pattern = patterns.compile_re(source, re.IGNORECASE)
    found = pattern.finditer(doc.prose)
    return next(found, None) is not None and next(found, None) is not None


def _after_name(text: str, i: int) -> bool:
    """True when the word before offset `i` is capitalised and does not end a sentence."""
    j = i
    while j > 0 and text[j - 1] in " \t\u00a0":
        j -= 1
    if j == i or j == 0:
        return False
    k = j
    while k > 0 and not text[k - 1].isspace():
        k -= 1
    word = text[k:j]
    if word.endswith("."):
        return word[:-1].lower() in TITLES  # "Mr. Goldis"; other periods end a sentence
    return word[:1].isupper() and word[-1] not in "!?:;\"“”'’)"


def _may_split(lower: str) -> bool:
    """False when no casing of `lower` can split (`split_point`), known from the function-word
    list and the common-word table alone, without the binary search of the full table that
    a rare word costs (it is a name or a foreign word more often than a glue).

    Each test is implied by one branch of `_score`: a function word on the left of a content
    word of 3 letters or more (or of "the", or of another function word), a function word on
    the right, "a" or "I" before a word of Zipf 3.5 or more, two words of Zipf 4 or more
    (every word of Zipf 3 or more is in the common table). The case of a token only makes
    `_score` stricter (camel case, names, prefixes), so the lower-case tests suffice.
    """
    common = _lexicon().common
    if lower[0] in ONE_LETTER and lower[1:] in common:
        return True
    before, after = _function_edges()
    if before.match(lower) or after.match(lower[::-1]):
        return True  # a function word before, or after, at least three letters
    for i in range(4, len(lower) - 3):  # noqa: SIM110 (a loop is faster than any())
        if lower[:i] in common and lower[i:] in common:
            return True
    return False


@cache
def _function_edges() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns matching a function word followed by three more letters at the start of a
    word, and at the start of a word written backwards (so at the end of the word)."""
    words = sorted(word_list("function_words"), key=lambda w: (-len(w), w))  # a stable source
    before = "|".join(map(re.escape, words))
    after = "|".join(re.escape(w[::-1]) for w in words)
    return (
        patterns.compile_re(f"(?:{before})(?=.{{3}})", re.DOTALL),
        patterns.compile_re(f"(?:{after})(?=.{{3}})", re.DOTALL),
    )


@lru_cache(maxsize=16_384)
def _split_point(token: str, content_words: bool) -> int | None:
    """`split_point`, kept for the process: a suspect occurs on many pages of a corpus."""
    return split_point(token, content_words=content_words)


def split_point(token: str, *, content_words: bool = True) -> int | None:
    """Where to split `token` into a function word and a known word, or None.

    With `content_words`, an all-lower-case token may also split into two common content
    words ("goodthing"), when neither half looks like a compounding prefix.

    Lower case ("ofthe") and capitalised ("Twitteron") tokens may split anywhere; a token with
    one inner capital only there, after a lower-case function word ("theRussian"). Any other
    mix of cases is a brand or a code ("MedSource", "InDesign", "iPhone", "eBay").
    """
    function = word_list("function_words")
    lower = token.lower()
    inner = [i for i in range(1, len(token)) if token[i].isupper()]
    if inner:
        if len(inner) > 1 or not token[0].islower():
            return None
        cuts = inner
    else:
        cuts = list(range(1, len(token) - 1))
    title = token[0].isupper() and not inner
    best: tuple[float, int] | None = None
    for i in cuts:
        left, right = lower[:i], lower[i:]
        score = _score(token, left, right, function, title, bool(inner), content_words)
        if score is not None and (best is None or score > best[0]):
            best = (score, i)
    return best[1] if best else None


def _score(
    token: str,
    left: str,
    right: str,
    function: frozenset[str],
    title: bool,
    camel: bool,
    content_words: bool,
) -> float | None:
    """How likely `left + right` is a glue (the content word's Zipf frequency), or None."""
    if right == "the" and left in function:
        return 9.0  # "ofthe", "inthe": common enough in web text to be in the word list
    if left in ONE_LETTER:
        # "amortgage", "Itried": a one-letter word glued on is likely only before a common
        # word, and "I" only starts a capitalised token.
        ok = token[0] == ONE_LETTER[left] and not camel and len(right) >= 4
        return zipf(right) if ok and zipf(right) >= ONE_LETTER_ZIPF else None
    if left in function and right in function:
        return 9.0  # "isthere", "Butif", "asour": preferred to "ist here"
    if left in function:
        if (left in PREFIXES or (left in NAME_PREFIXES and title)) and not camel:
            return None  # "underdelivering", "overdrew", and names ("Inexhibit", "Bypolls")
        content, short = right, len(left) == 2
    elif right in function and not camel:
        content, short = left, len(right) == 2
    elif content_words and token.islower():
        return _compound_score(left, right)
    else:
        return None
    if len(content) < 3:
        return None
    z = zipf(content)
    # Two-letter function words fit inside many names ("Amer" + "is"): ask more of the rest.
    return z if z >= (MIN_ZIPF_SHORT if short else MIN_ZIPF) else None


def _compound_score(left: str, right: str) -> float | None:
    """Two common content words glued ("goodthing", "membersgathered"), or None.

    Rare compounds missing from the word list look the same ("smallcaps", "lockfile"), so
    both halves must be common words of four letters or more, and the left one must not be
    a prefix that English glues on to make new words ("overdrew", "hyperpersonalized").
    """
    if len(left) < 4 or len(right) < 4 or left in COMPOUND_PREFIXES:
        return None
    z = min(zipf(left), zipf(right))
    return z - 1.0 if z >= COMPOUND_ZIPF else None  # ranked below any function-word split
