"""A fast rule-based sentence splitter with exact offsets, and the abbreviation tables it uses.

pysbd is the accuracy reference but runs at about 0.26 MB/s; one candidate regex plus a few
table look-ups per candidate runs at tens of MB/s and is what every rule shares.
`tests/test_sentences.py` measures it against the pySBD golden rules in
`../shared/corpus/sentences/` (English 47/48, multilingual 91/95 when written).

The tables are shared with the garbled-sentence rules (`copydesk.rules.garbled`): a lower-case
word after a period starts no sentence when the period closes an abbreviation
(`is_abbreviation`). Sources: the Pragmatic Segmenter / pySBD abbreviation lists (MIT) as the
idea, AP style for months, states and titles, and the false positives measured in
`../shared/research/anchors-cleanup.md` §4.7 and §7.4 (a.m., Co., Ltd., Bt., ft.).
"""

from __future__ import annotations

import re

from copydesk import patterns


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Titles and name parts that never end a sentence when a name or a number follows ("Dr. Meier").
# Includes the Spanish, Italian and German titles of the multilingual golden rules.
TITLES = _words(
    "mr mrs ms messrs mmes dr drs mt prof profs sr sra srta sres jr st ste sen sens rep reps gov "
    "govs gen lt col capt cpt cmdr cdr sgt maj adm rev hon pres supt det insp gens mme mlle fr vs "
    "v lic dott dottssa avv ing arch geom psicol dir amm med dipl ee"
)
# Abbreviations that usually precede a number ("No. 5", "Sept. 20", "p. 55", "S. 225").
BEFORE_NUMBER = _words(
    "no nos nr n° nº núm num p pp s vol vols fig figs art arts sec secs ch chap chaps para paras "
    "ed eds ref refs tel ext approx ca str op lun "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
# Abbreviations written inside a sentence that never end one by themselves ("e.g.", "cf.").
INNER = _words(
    "e.g i.e cf viz incl excl esp resp bzw evtl ggf vgl inkl zzgl sog es ibid et cit kath approx"
)
# Abbreviations that may end a sentence: a boundary only when a typical sentence start follows
# ("Apple Inc. The company" splits, "Apple Inc. CEO Tim Cook" does not).
MAY_END = _words(
    "etc inc ltd co cos corp bros llc plc llp jr sr al usw dept univ assn intl natl govt "
    "ave blvd hwy ft pt oz lb lbs hr hrs yr yrs mos wk wks sq cu mi km kg cm mm ml mg mph min mins "
    "max avg misc est mfg tsp tbsp tbs qt gal doz pkg "
    "ala ariz ark calif colo conn fla ill kan kans ky mich minn mont neb nev okla tenn tex wis "
    "wisc wyo ind ont alta sask nfld econ"
)
# Words of the tables that are also ordinary English words ending sentences: a period after
# them followed by a lower-case word is not excused by the table (`is_abbreviation`).
_ALSO_WORDS = _words("no art arts ill mass mar ref para es")
ABBREVIATIONS = (TITLES | BEFORE_NUMBER | INNER | MAY_END) - _ALSO_WORDS

# Words that typically start a sentence: after an abbreviation that may end one ("U.S.",
# "Inc.", a capital initial), a capitalised word from this list means a new sentence.
STARTERS = _words(
    "a an the this that these those there then thus hence however but and or nor so yet still "
    "if when whenever while although though after before since because as once until unless in "
    "on at for from by with of to into about over under during despite according among between "
    "it its he she they we you i me him her them us his hers their theirs our ours my mine your "
    "what who whom whose which where why how is are was were be been do does did has have had "
    "can could will would should shall may might must not no none nobody nothing some many most "
    "more much all both each every either neither such also even now today yesterday tomorrow "
    "here meanwhile instead indeed moreover furthermore nevertheless nonetheless later earlier "
    "last next other another one two three let please yes "
    "der die das es er sie wir ich du ihr ein eine el la los las lo le les il gli je nous vous "
    "elle ils elles on un una uno une"
)
# Month names that follow a German/Spanish/Italian ordinal date ("vom 12. Juni").
MONTHS = _words(
    "januar jänner februar märz april mai juni juli august september oktober november dezember "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre "
    "diciembre gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre"
)

# A terminator run (or a spaced run of periods, ". . ."), closing quotes and brackets, then space.
# Starts only at the first mark of a run (the lookbehind after the first mark: the mark before
# it is no terminator): a run of 50,000 periods is then tried once, not from each of its
# positions, which kept the search linear. The mark comes first so that the engine skips ahead
# to the next mark instead of trying the lookbehind at every position (4 times faster).
_CANDIDATE = patterns.compile_re(
    r"[.!?…‽](?<![.!?…‽][.!?…‽])(?:(?<=\.)(?:[ \u00a0]\.)+|[.!?…‽]*)[\"'”’“»)\]]*(?=(\s+))"
)
# What `one_sentence` searches for (public: the document's sentences search with it inline).
SPLIT_CHARS = patterns.compile_re(r"[.!?…‽)]")
_OPENERS = "\"'“‘«([¿¡„"
_CLOSERS = "»”)]"
_LIST_MARKER = patterns.compile_re(r"\s*[•⁃*-]?\s*(?:\d{1,3}|[A-Za-z])[.)]*")
_LIST_START = patterns.compile_re(r"\s*(?:[•⁃*-]\s?)?(\d{1,3}|[A-Za-z])(\.\)|[.)])\s")
_LIST_NEXT = patterns.compile_re(r"\s((?:[•⁃*-]\s?)?(\d{1,3}|[A-Za-z])(\.\)|[.)]))(?=\s)")
_NEXT_WORD = patterns.compile_re(r"[\"'“‘«(\[¿¡„]*([^\W\d_]+)")
_DOTTED = patterns.compile_re(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}")
# Where a token ends on its left: spaces, and inside a token apostrophes (l'Avv), hyphens,
# dashes and slashes.
_TOKEN_CUTS = "'’—–/-"


def token_before(text: str, i: int) -> str:
    """The word that ends at offset `i` (usually a period): back to the previous space,
    apostrophe, hyphen, dash or slash (within 40 characters), with opening quotes and brackets
    stripped."""
    # What a search for `[^\s'’—–/-]*\Z` in the window finds, with string methods (4x faster).
    window = text[max(0, i - 40) : i]
    if not window or window[-1].isspace():
        return ""
    token = window.rsplit(None, 1)[-1]
    for cut in _TOKEN_CUTS:
        if cut in token:
            token = token.rpartition(cut)[2]
    return token.lstrip(_OPENERS)


def is_abbreviation(token: str) -> bool:
    """True when a period after `token` closes an abbreviation or an initial ("a.m", "Co",
    "J", "e.g", "Sept"), so a lower-case word may follow it inside one sentence."""
    word = token.lower()
    if word in ABBREVIATIONS:
        return True
    if len(word) == 1:
        return word.isalpha()
    return _DOTTED.fullmatch(word) is not None


def _upper_at(text: str, i: int) -> bool:
    n = len(text)
    while i < n and text[i] in _OPENERS:
        i += 1
    return i < n and (text[i].isupper() or text[i].isdigit())


def _starter_at(text: str, i: int) -> bool:
    m = _NEXT_WORD.match(text, i)
    return m is not None and m.group(1).lower() in STARTERS


def _initial_at(text: str, i: int) -> bool:
    """A single letter and a period ("B." in "z. B.", "R." in "J. R. R. Tolkien") start at i."""
    return (
        i + 1 < len(text)
        and text[i].isalpha()
        and text[i + 1] == "."
        and (i + 2 == len(text) or text[i + 2].isspace())
    )


def _boundary(text: str, m: re.Match[str], nxt: int, start: int) -> int:
    """Where the sentence ends if candidate `m` is a boundary, else -1. `nxt` is the first
    non-space character after the candidate, `start` where the current sentence began."""
    end = m.end()
    n = len(text)
    if nxt >= n:
        return end
    following = text[nxt]
    if following.isupper() and end - m.start() == 1 and text[m.start()] == ".":
        # Two thirds of all candidates: "word. Next", a period after a word of two or more
        # letters (no list marker, no initial, no number, no dotted abbreviation) before a
        # capital. What the general path below decides for it, without its other checks.
        token = token_before(text, m.start())
        if len(token) > 1 and token.isalpha():
            word = token.lower()
            if word in TITLES or word in INNER:
                return -1
            if word in MAY_END:
                return end if _starter_at(text, nxt) else -1
            return end
    if following.islower() or following in ".…" or following in _CLOSERS:
        return -1  # "e.g. the", "3 p.m. on", a spaced ellipsis, "« LL.AA.II.RR. »"
    if following in "\"'" and nxt + 1 < n and text[nxt + 1] in ".,;:!?":
        return -1  # a closing straight quote after a space: `[...] ".`
    if _LIST_MARKER.fullmatch(text, start, end):
        return -1  # "1. The first item", "a) The first item"
    mark = m.group()
    upper = _upper_at(text, nxt)
    if " " in mark or "\u00a0" in mark:
        # A spaced run of periods. After a word, four periods are a period plus an ellipsis,
        # and the ellipsis opens the next sentence ("compounds. . . . The practice").
        # After a space, three are an ellipsis inside a sentence and four end one.
        if not upper:
            return -1
        dots = mark.count(".")
        if m.start() > 0 and not text[m.start() - 1].isspace():
            return m.start() + 1 if dots >= 4 else end
        return -1 if dots == 3 else end
    if mark[0] != "." or mark.startswith(".."):
        if mark[0] in ".…" and m.start() > 0 and text[m.start() - 1] in "[(":
            return -1  # an elision "[...]" inside a quotation
        return end  # ! ? and ellipses end a sentence when a non-lower-case word follows
    token = token_before(text, m.start())
    word = token.lower()
    if not word:
        return end
    digit = following.isdigit()
    if word in TITLES or word in INNER or (digit and word in BEFORE_NUMBER):
        return -1
    if len(word) == 1 and word.isalpha():
        if _initial_at(text, nxt):
            return -1  # "J. R. R. Tolkien", "z. B."
        if digit or not token.isupper():
            return end if upper else -1
        if word == "i":
            # "you and I. Did you see" ends a sentence; "Albert I. Jones" does not.
            prev = token_before(text, max(0, m.start() - 2))
            if prev[:1].islower():
                return end
        return end if _starter_at(text, nxt) else -1  # "George W. Bush", "Plan B. The"
    if word.isdigit() and len(word) <= 2:
        nw = _NEXT_WORD.match(text, nxt)
        if nw and nw.group(1).lower() in MONTHS:
            return -1  # a German, Spanish or Italian ordinal date: "vom 12. Juni"
    if word in MAY_END or _DOTTED.fullmatch(word):
        # "I live in the U.S. How about you?" splits; "the U.S. Government" does not.
        return end if _starter_at(text, nxt) else -1
    return end if upper else -1


def _successor(label: str) -> str | None:
    if label.isdigit():
        return str(int(label) + 1)
    return None if label in "zZ" else chr(ord(label) + 1)


def _list_breaks(text: str) -> list[tuple[int, int]]:
    """Inline numbered or lettered lists ("1. The first item 2. The second item"): the spans of
    the markers after the first, which start new sentences. Only when the text starts with one,
    and only markers that continue its sequence in the same style."""
    m = _LIST_START.match(text)
    if not m:
        return []
    label: str | None = m.group(1)
    style = m.group(2)
    out: list[tuple[int, int]] = []
    for nxt in _LIST_NEXT.finditer(text, m.end() - 1):
        expected = _successor(label) if label else None
        if expected is None:
            break
        if nxt.group(2) == expected and nxt.group(3) == style:
            out.append(nxt.span(1))
            label = expected
    return out


def one_sentence(text: str) -> bool:
    """True when `text` has no terminator (so no candidate) and no `)` or `.` (so no list
    marker): `split_sentences` then gives the whole text, less the space around it."""
    return SPLIT_CHARS.search(text) is None


def whole_span(text: str) -> tuple[int, int] | None:
    """The span of `text` less the white space around it (None when it is all white space);
    `str.strip` strips what `str.isspace` is, as `_add` does."""
    stripped = text.lstrip()
    if not stripped:
        return None
    a = len(text) - len(stripped)
    return a, a + len(stripped.rstrip())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return `(start, end)` offsets of the sentences of `text`, surrounding space trimmed."""
    if one_sentence(text):
        whole = whole_span(text)
        return [whole] if whole else []
    breaks = _list_breaks(text) if text[:1].isalnum() or text[:1] in " •⁃*-" else []
    if breaks:
        return _split_with_breaks(text, breaks)
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    isspace = str.isspace
    for m in _CANDIDATE.finditer(text):
        a, end = m.span()
        nxt = m.end(1)  # group 1: the space after the candidate
        ends = False  # decided here that the sentence ends at the mark
        if end - a == 1 and nxt < n:
            mark, following = text[a], text[nxt]
            if mark == "." and (following.isupper() or following in _OPENERS):
                # "word. Next" (`_boundary`'s first branch; 60 % of all candidates) and
                # 'word. "Next' (its general path for a word of letters), with the word found
                # without `token_before` when it is letters after a space (then it has no
                # cut, opener or white space, and is the word `token_before` finds).
                k = text.rfind(" ", max(0, a - 40), a)
                token = text[k + 1 : a] if k >= 0 else text[max(0, a - 40) : a]
                if token.isalpha() and len(token) > 1:
                    # (`_boundary`'s test for a straight quote before punctuation is left out:
                    # no capital and no starter can follow such a quote either.)
                    upper = following.isupper()
                    word = token.lower()
                    if word in _NOT_PLAIN:
                        if word in TITLES or word in INNER:
                            continue
                        if word in MAY_END and not _starter_at(text, nxt):
                            continue
                    elif not upper and not _upper_at(text, nxt):
                        continue  # an opening quote or bracket before no capital
                    ends = True
            elif (mark == "?" or mark == "!") and following.isupper():
                ends = True  # a question or exclamation before a capital always ends one
        if ends:
            # The sentence ends at the mark: spaces before it are only possible at its start
            # (`_add` strips them).
            if start < end and not isspace(text[start]):
                spans.append((start, end))
            else:
                _add(text, start, end, spans)
            start = nxt
            continue
        stop = _boundary(text, m, nxt, start)
        if stop >= 0:
            _add(text, start, stop, spans)
            start = stop if stop < end else nxt
    _add(text, start, n, spans)
    return spans


# The words of the tables `_boundary` looks a "word. Next" candidate's word up in.
_NOT_PLAIN = TITLES | INNER | MAY_END


def _split_with_breaks(text: str, breaks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`split_sentences` of a text with an inline list (`_list_breaks`)."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    bi = 0
    skip_until = -1
    for m in _CANDIDATE.finditer(text):
        while bi < len(breaks) and breaks[bi][0] < m.end():
            b0, skip_until = breaks[bi]
            bi += 1
            _add(text, start, b0, spans)
            start = max(start, b0)
        if m.start() < skip_until:
            continue  # the period of a list marker
        nxt = m.end(1)  # group 1: the space after the candidate
        end = _boundary(text, m, nxt, start)
        if end >= 0:
            _add(text, start, end, spans)
            start = end if end < m.end() else nxt
    for b0, _b1 in breaks[bi:]:
        _add(text, start, b0, spans)
        start = max(start, b0)
    _add(text, start, n, spans)
    return spans


def _add(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a < b:
        spans.append((a, b))
