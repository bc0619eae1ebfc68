"""Artifact injectors for the encoding (EN) rules, for bench/quality.py and bench/encoding.py.

`INJECTORS` maps a rule code to a function that corrupts one clean sentence the way real
encoding damage does, or returns None when it does not apply. Mojibake is made with Python's
own codecs (UTF-8 bytes decoded with the wrong single-byte encoding), never with ftfy, so the
rule is not graded by the library it uses.
"""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable

Injector = Callable[[str, random.Random], str | None]


def _sloppy(err: UnicodeError) -> tuple[str, int]:
    """Decode bytes a code page leaves undefined as the same code point (what browsers do)."""
    assert isinstance(err, UnicodeDecodeError)
    return "".join(chr(b) for b in err.object[err.start : err.end]), err.end


codecs.register_error("copydesk-bench-sloppy", _sloppy)

# Words with non-ASCII letters, put into an all-ASCII sentence so it has something to break.
WORDS = (
    "café",
    "naïve",
    "résumé",
    "São Paulo",
    "Zürich",
    "Gdańsk",
    "Dvořák",
    "jalapeño",
    "Brontë",
    "façade",
    "Malmö",
    "Kraków",
    "Bogotá",
    "Curaçao",
    "€50",
    "“quoted”",
    "it’s",
    "1990–2000",
    "—",
)

# (how the UTF-8 bytes were wrongly decoded, weight). Windows-1252 dominates real mojibake.
CODECS: tuple[tuple[str, str, int], ...] = (
    ("cp1252", "copydesk-bench-sloppy", 40),
    ("cp1252", "replace", 6),
    ("latin-1", "strict", 14),
    ("cp1251", "copydesk-bench-sloppy", 8),
    ("mac_roman", "strict", 8),
    ("cp1250", "copydesk-bench-sloppy", 6),
    ("iso-8859-2", "strict", 4),
    ("cp1257", "copydesk-bench-sloppy", 3),
    ("cp437", "strict", 3),
)


def _words(s: str) -> list[tuple[int, int]]:
    out = []
    i = 0
    n = len(s)
    while i < n:
        if s[i].isalpha():
            j = i
            while j < n and s[j].isalpha():
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def _garble(text: str, rng: random.Random) -> str:
    encodings = [(c, e) for c, e, _ in CODECS]
    weights = [w for _, _, w in CODECS]
    codec, errors = rng.choices(encodings, weights)[0]
    out = text.encode("utf-8").decode(codec, errors=errors)
    if rng.random() < 0.06 and codec == "cp1252":
        # Double mojibake: the damaged text went through the same mistake again.
        out = out.encode("utf-8").decode(codec, errors=errors)
    return out


def mojibake(s: str, rng: random.Random) -> str | None:
    """The sentence (70 %) or one non-ASCII word of it (30 %) as UTF-8 read as another code page."""
    if s.isascii():
        spaces = [i for i, c in enumerate(s) if c == " "]
        if not spaces:
            return None
        at = rng.choice(spaces)
        s = s[: at + 1] + rng.choice(WORDS) + s[at:]
    if rng.random() < 0.7:
        out = _garble(s, rng)
    else:
        # Only one word is damaged (strings from two sources joined): Windows-1252 or Latin-1.
        tokens = s.split(" ")
        idx = [i for i, t in enumerate(tokens) if not t.isascii()]
        k = rng.choice(idx)
        codec = "cp1252" if rng.random() < 0.75 else "latin-1"
        errors = "copydesk-bench-sloppy" if codec == "cp1252" else "strict"
        tokens[k] = tokens[k].encode("utf-8").decode(codec, errors=errors)
        out = " ".join(tokens)
    return out if out != s else None


def replacement_character(s: str, rng: random.Random) -> str | None:
    """A non-ASCII character (or, in ASCII text, a letter) lost to U+FFFD."""
    spots = [i for i, c in enumerate(s) if not c.isascii() and not c.isspace()]
    if not spots:
        spots = [i for a, b in _words(s) if b - a >= 4 for i in range(a + 1, b - 1)]
    if not spots:
        return None
    i = rng.choice(spots)
    return s[:i] + "\ufffd" * rng.choice((1, 1, 1, 2, 3)) + s[i + 1 :]


C0 = [chr(c) for c in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)]
# C1 bytes that Windows-1252 leaves undefined: no encoding repair turns them into text.
C1 = ["\x81", "\x8d", "\x8f", "\x90", "\x9d"]


def control_character(s: str, rng: random.Random) -> str | None:
    """A control character in place of a space, or next to one, or a terminal colour code."""
    spaces = [i for i, c in enumerate(s) if c == " "]
    if not spaces:
        return None
    i = rng.choice(spaces)
    r = rng.random()
    ch = rng.choice(C1) if r < 0.15 else "\x1b[0m" if r < 0.25 else rng.choice(C0)
    if rng.random() < 0.5 and len(ch) == 1:
        return s[:i] + ch + s[i + 1 :]
    return s[: i + 1] + ch + s[i + 1 :]


ENTITIES = {
    "&": ("&amp;",),
    "’": ("&#8217;", "&rsquo;", "&#x2019;"),
    "‘": ("&#8216;", "&lsquo;"),
    "“": ("&#8220;", "&ldquo;"),
    "”": ("&#8221;", "&rdquo;"),
    "—": ("&mdash;", "&#8212;"),
    "–": ("&ndash;", "&#8211;"),
    "'": ("&#39;", "&#039;"),
    '"': ("&quot;",),
    "é": ("&eacute;", "&#233;"),
    " ": ("&nbsp;",),
}


def html_entity(s: str, rng: random.Random) -> str | None:
    """One character written as an HTML character reference (sometimes escaped twice)."""
    spots = [i for i, c in enumerate(s) if c in ENTITIES and c != " "]
    if not spots or rng.random() < 0.2:
        spots = [i for i, c in enumerate(s) if c == " "]
    if not spots:
        return None
    i = rng.choice(spots)
    ref = rng.choice(ENTITIES[s[i]])
    if rng.random() < 0.1:
        ref = "&amp;" + ref[1:]
    return s[:i] + ref + s[i + 1 :]


INVISIBLE = ("\u200b", "\u200b", "\u200b", "\u00ad", "\u00ad", "\u2060", "\u200c")


def invisible_in_word(s: str, rng: random.Random) -> str | None:
    """A zero-width space, soft hyphen, word joiner or non-joiner inside a word of 4+ letters."""
    words = [(a, b) for a, b in _words(s) if b - a >= 4 and s[a:b].isascii()]
    if not words:
        return None
    a, b = rng.choice(words)
    i = rng.randrange(a + 1, b)
    return s[:i] + rng.choice(INVISIBLE) + s[i:]


def stray_bom(s: str, rng: random.Random) -> str | None:
    """A byte-order mark before a word other than the first (text pasted from another file)."""
    starts = [a for a, _ in _words(s) if a > 0]
    if not starts:
        return None
    i = rng.choice(starts)
    return s[:i] + "\ufeff" + s[i:]


TO_CYRILLIC = dict(zip("aeopcyxijsABEKMHOPCTXYIJS", "аеорсухіјѕАВЕКМНОРСТХУІЈЅ", strict=True))
TO_GREEK = dict(zip("ABEZHIKMNOPTYXo", "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧο", strict=True))


def mixed_script(s: str, rng: random.Random) -> str | None:
    """One letter of a word of 3+ letters swapped for a Cyrillic (80 %) or Greek look-alike."""
    table = TO_GREEK if rng.random() < 0.2 else TO_CYRILLIC
    spots = [
        i
        for a, b in _words(s)
        if b - a >= 3 and s[a:b].isascii()
        for i in range(a, b)
        if s[i] in table
    ]
    if not spots:
        return None
    i = rng.choice(spots)
    return s[:i] + table[s[i]] + s[i + 1 :]


INJECTORS: dict[str, Injector] = {
    "EN001": mojibake,
    "EN002": replacement_character,
    "EN003": control_character,
    "EN004": html_entity,
    "EN005": invisible_in_word,
    "EN006": stray_bom,
    "EN007": mixed_script,
}
