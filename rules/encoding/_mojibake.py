"""Mojibake repairs with ftfy, shared by EN001 and by the rules that must not report its spans.

The repairs of a document are computed once and kept in `doc.cache`: EN001 reports them, EN003
(control characters) and EN007 (mixed-script words) skip characters that are part of one, so a
cp1252 quote read as Latin-1 (`â\\x80\\x9c`) is one finding with one fix, not three.

ftfy is imported on first use, never at module import, and only for a line that could be
mojibake at all (see `_MAYBE_BAD`): most documents, even with curly quotes and accented
letters, never load it, and ftfy's badness regex (slow on long lines) runs on few lines.
"""

from __future__ import annotations

import builtins
import importlib.util
import re
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from copydesk import patterns, rx
from copydesk.rules.translation._lexicon import DocumentLexicon, document_lexicon, lexicon

if TYPE_CHECKING:
    from copydesk.document import Block, Document
    from copydesk.rules.translation._lexicon import Lexicon

CACHE_KEY = "encoding:mojibake"

# Above this many characters a changed stretch is not diffed character by character (difflib is
# quadratic on repetitive text); it becomes one repair, which is still exact.
_CHAR_DIFF_LIMIT = 300

# Words with their trailing whitespace: the line is first aligned word by word (fast, almost
# every word is unchanged), then only the changed words are aligned character by character.
# Coarse alignment: after a mismatch, the next place where this many characters agree again.
_ANCHOR = 4
# A changed stretch longer than this is one repair without a search for a resync point.
_RESYNC_LIMIT = 5000
# Marks the end of both strings, so an anchor at the end matches only at the end.
_END = "\uffff"

# ftfy's names for the encodings it tries (ftfy/chardata.py CHARMAP_ENCODINGS) as people say them.
_ENCODING_NAMES = {
    "latin-1": "Latin-1",
    "sloppy-windows-1252": "Windows-1252",
    "sloppy-windows-1251": "Windows-1251",
    "sloppy-windows-1250": "Windows-1250",
    "sloppy-windows-1253": "Windows-1253",
    "sloppy-windows-1254": "Windows-1254",
    "sloppy-windows-1257": "Windows-1257",
    "windows-1252": "Windows-1252",
    "iso-8859-2": "ISO-8859-2",
    "macroman": "Mac OS Roman",
    "cp437": "IBM code page 437",
    "utf-8": "UTF-8",
    "utf-8-variants": "UTF-8",
}


class Repair(NamedTuple):
    """One repaired sequence: prose `[start, end)` of `block` becomes `replacement`."""

    block: Block
    start: int
    end: int
    replacement: str
    plan: str  # "UTF-8 read as Windows-1252"
    lossy: bool  # the repair puts U+FFFD where ftfy could not recover a character


@cache
def _config() -> Any:
    from ftfy import TextFixerConfig

    # Only the encoding repair: ftfy's typographic "fixes" would report every curly quote,
    # ligature and full-width form in clean text (anchors-cleanup.md §1.6).
    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )


def _name(encoding: str) -> str:
    return _ENCODING_NAMES.get(encoding, encoding)


def describe_plan(steps: list[tuple[str, str]]) -> str:
    """ftfy's plan as words: `[encode latin-1, decode utf-8]` -> "UTF-8 read as Latin-1"."""
    parts: list[str] = []
    lost_a0 = False
    encoding: str | None = None
    for kind, arg in steps:
        if kind == "encode":
            encoding = arg
        elif kind == "decode" and encoding is not None:
            parts.append(f"{_name(arg)} read as {_name(encoding)}")
            encoding = None
        elif kind == "transcode" and arg == "restore_byte_a0":
            lost_a0 = True
        elif kind == "transcode" and arg == "fix_c1_controls":
            parts.append("Windows-1252 punctuation stored as C1 control codes")
        elif kind == "apply" and arg == "decode_inconsistent_utf8":
            parts.append("fragments of UTF-8 read as Windows-1252")
    # Collapse "X, then X" into "X twice" (double and triple mojibake).
    out: list[str] = []
    counts: list[int] = []
    for p in parts:
        if out and out[-1] == p:
            counts[-1] += 1
        else:
            out.append(p)
            counts.append(1)
    words = {2: " twice", 3: " three times"}
    text = ", then ".join(
        p + words.get(n, f" {n} times" if n > 3 else "") for p, n in zip(out, counts, strict=True)
    )
    if lost_a0:
        text += " (no-break spaces turned into spaces)"
    return text or "mis-decoded text"


def _char_opcodes(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Changed ranges `(i1, i2, j1, j2)` between `a` and `b`, character by character."""
    if len(a) > _CHAR_DIFF_LIMIT or len(b) > _CHAR_DIFF_LIMIT or not set(a) & set(b):
        return [(0, len(a), 0, len(b))]  # nothing in common (`Ã©` -> `é`): one replacement
    from difflib import SequenceMatcher  # only a repair with something in common needs it

    sm = SequenceMatcher(None, a, b, autojunk=False)
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]


def _chunks(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Changed stretches `(i1, i2, j1, j2)` between `a` and its repair `b`, in linear time.

    A repair only ever shrinks text (several mojibake characters become one, `Â ` becomes a
    no-break space), so after a mismatch the resync point in `b` is never further than the one
    in `a`: the search looks for the next `_ANCHOR` characters of `a` that occur in `b` within
    that distance. difflib on the whole line would be quadratic on long, repetitive lines.
    """
    a += _END
    b += _END
    n, m = len(a), len(b)
    out: list[tuple[int, int, int, int]] = []
    i = j = 0
    while i < n and j < m:
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        found: tuple[int, int] | None = None
        for di in range(min(n - i, _RESYNC_LIMIT)):
            anchor = a[i + di : i + di + _ANCHOR]
            dj = b.find(anchor, j, min(m, j + di + len(anchor) + _ANCHOR))
            if dj >= 0 and (di or dj > j):
                found = (i + di, dj)
                break
        if found is None:
            out.append((i, n - 1, j, m - 1))
            break
        out.append((i, found[0], j, found[1]))
        i, j = found
    return out


def diff_spans(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Changed ranges between line `a` and its repair `b`: `(i1, i2, j1, j2)`, in order.

    Every range is non-empty in `a` (an insertion takes the character before or after it, so
    a diagnostic always marks something), and applying all of them turns `a` into `b`.
    """
    out: list[tuple[int, int, int, int]] = []
    for sa, ea, sb, eb in _chunks(a, b):
        for x1, x2, y1, y2 in _char_opcodes(a[sa:ea], b[sb:eb]):
            out.append((sa + x1, sa + x2, sb + y1, sb + y2))
    widened: list[tuple[int, int, int, int]] = []
    for i1, i2, j1, j2 in out:
        if i1 == i2:
            # A pure insertion marks nothing: take in the unchanged character after it (or
            # before it, at the end of the line) and rewrite that character too.
            if i1 < len(a):
                i2, j2 = i2 + 1, j2 + 1
            else:
                i1, j1 = i1 - 1, j1 - 1
        if widened and i1 < widened[-1][1]:
            p1, p2, q1, q2 = widened.pop()
            widened.append((min(p1, i1), max(p2, i2), min(q1, j1), max(q2, j2)))
        else:
            widened.append((i1, i2, j1, j2))
    return widened


def _ambiguous(line: str, spans: list[tuple[int, int, int, int]], fixed: str) -> bool:
    """True for the one shape where a real letter and mojibake look alike: `Â` + no-break space
    right after a capital letter ("MISUTÂ\\xa0AJIKKO", a romanized Japanese title), with no
    other mojibake on the line. `Â` is a letter in Portuguese, Romanian, French, Vietnamese and
    Japanese romanization; ftfy lists this exact case as its known false positive.
    """
    for i1, i2, j1, j2 in spans:
        if not (
            line[i1:i2] == "Â"
            and fixed[j1:j2] == ""
            and i1 > 0
            and line[i1 - 1].isupper()
            and line[i2 : i2 + 1] == "\xa0"
        ):
            return False
    return True


# Mojibake shapes ftfy's badness test has no pattern for, each specific enough that real text
# never has it. A match is decoded on its own (its characters back to bytes in that code page,
# the bytes as UTF-8) and kept only when that gives valid UTF-8.
_CONT_437 = rx.escape(bytes(range(0x80, 0xC0)).decode("cp437"))
_CONT_MAC = rx.escape(bytes(range(0x80, 0xC0)).decode("mac_roman"))
# Continuation bytes whose MacRoman characters are also mathematics after a root sign (`√π`).
# (`√∂`, `√±`, `√µ`, `√≠` are in ftfy's own test.)
_MATH_MAC = "π∞Ω∑∏"
_CONT_MAC_TEXT = rx.escape(
    "".join(c for c in bytes(range(0x80, 0xC0)).decode("mac_roman") if c not in _MATH_MAC)
)
_EXTRA: tuple[tuple[rx.Pattern[str], str, str], ...] = (
    # DOS code page 437, punctuation U+2000-U+2FFF: lead byte 0xE2 is `Γ`, so `’` is `ΓÇÖ` and
    # `—` is `ΓÇö`. (ftfy does catch the box-drawing mojibake of letters, `├⌐` for `é`.)
    (patterns.compile(f"Γ[{_CONT_437}]{{2}}"), "cp437", "IBM code page 437"),
    # MacRoman, Cyrillic: lead bytes 0xD0/0xD1 are an en or em dash, so `Пе` is `–ü–µ`. Two
    # letters in a row at least: a dash before one accented letter (`—Émile`) is real text.
    (patterns.compile(f"(?:[–—][{_CONT_MAC}]){{2,}}"), "mac_roman", "Mac OS Roman"),
    # MacRoman, punctuation: lead byte 0xE2 is `‚`, so `−` is `‚àí` and `’` is `‚Äô`; the
    # second byte picks the block: 0x80 `Ä` punctuation, 0x82 `Ç` currency (`€`), 0x84 `Ñ`
    # letterlike (`™`), 0x88 `à` mathematical operators. A German single quote before a word
    # (`‚Äpfel‘`) has an ASCII letter third; `‚` in Windows-1252 mojibake (`â‚¬`) is followed
    # by other characters.
    (patterns.compile(f"‚[ÄÇÑà][{_CONT_MAC}]"), "mac_roman", "Mac OS Roman"),
    # MacRoman, accented Latin letters: lead byte 0xC3 is `√`, so `á` is `√°` (`Calend√°rio`).
    # Only right after a letter, and not before characters that follow a root sign in maths.
    (patterns.compile(f"(?<=\\p{{L}})√[{_CONT_MAC_TEXT}]"), "mac_roman", "Mac OS Roman"),
)


# The characters each `_EXTRA` shape starts with (all of them together are `_EXTRA_START`).
_EXTRA_LEADS = (("Γ",), ("–", "—"), ("‚",), ("√",))
_MAC_CYRILLIC = _EXTRA[1][0]
# One Cyrillic letter (`–≤` for `в`): decoded only on a line where `_MAC_CYRILLIC` matched.
_MAC_CYRILLIC_ONE = patterns.compile(f"[–—][{_CONT_MAC}]")


def _decode(found: str, codec: str) -> str | None:
    try:
        return found.encode(codec).decode("utf-8")
    except UnicodeError:
        return None


def _extra_repairs(line: str) -> tuple[str, list[str]]:
    """`line` with the `_EXTRA` shapes decoded, and the code pages that were involved."""
    used: list[str] = []
    for (pattern, codec, name), leads in zip(_EXTRA, _EXTRA_LEADS, strict=True):
        if not any(c in line for c in leads):
            continue  # the shape starts with one of these: no match, nothing to substitute
        hits = 0

        def decode(m: rx.Match[str], codec: str = codec) -> str:
            nonlocal hits
            found = str(m.group())
            out = _decode(found, codec)
            if out is None:
                return found
            hits += 1
            return out

        line = str(pattern.sub(decode, line))
        if hits and name not in used:
            used.append(name)
        if hits and pattern is _MAC_CYRILLIC:
            line = str(
                _MAC_CYRILLIC_ONE.sub(lambda m: _decode(m.group(), "mac_roman") or m.group(), line)
            )
    return line, used


# A necessary condition for ftfy's badness test (`ftfy.badness.BADNESS_RE`, ftfy 6): every one
# of its patterns needs two non-ASCII characters in a row, or one of these characters (a C1
# control, `Œ`/`œ` before a non-letter, `Ã`/`Â` before a space). tests/test_encoding_screens.py
# checks this against the installed ftfy's pattern, branch by branch.
_BAD_ALONE = "\\x80-\\x9fŒœÂÃ"
# The characters that start the `_EXTRA` shapes.
_EXTRA_START = "Γ√–—‚"


def _screen(alone: str) -> re.Pattern[str]:
    """A non-ASCII character that is one of `alone` or is followed by another non-ASCII one.

    (Written to start with one character class, which `re` scans for quickly, rather than as
    the equivalent `[^\\x00-\\x7f]{2}|[alone]`, which is six times slower.)
    """
    return patterns.compile_re(rf"[^\x00-\x7f](?:(?<=[{alone}])|(?=[^\x00-\x7f]))")


_MAYBE_BAD = _screen(_BAD_ALONE)
# A line without a match of `_screen(_BAD_ALONE + _EXTRA_START)` (the candidate screen) has no
# repair (`repair_line` returns None for it); `_candidate` and the functions after it find
# that screen's hits without the pattern (the tests compare them with it).


def repair_line(line: str) -> tuple[str, str, list[tuple[int, int, int, int]]] | None:
    """ftfy's repair of one line: `(fixed, plan, spans)`, or None when there is none."""
    if line.isascii():
        return None
    fixed = line
    plan = ""
    if _MAYBE_BAD.search(line) and _is_bad(line):
        from ftfy import fix_encoding_and_explain

        result = fix_encoding_and_explain(line, _config())
        fixed = result.text
        steps = [(str(k), str(v)) for k, v in (result.explanation or [])]
        if fixed != line:
            plan = describe_plan(steps)
    if any(c in fixed for c in _EXTRA_START):
        fixed, used = _extra_repairs(fixed)
        plan = ", then ".join([p for p in (plan,) if p] + [f"UTF-8 read as {u}" for u in used])
    if fixed == line:
        return None
    spans = diff_spans(line, fixed)
    if not spans or _ambiguous(line, spans, fixed):
        return None
    return fixed, plan, spans


# `_MAYBE_BAD`'s characters that match alone, and the continuation characters of the MacRoman
# Cyrillic shape, as sets: tested against the block's set of non-ASCII characters.
_ALONE_CHARS = frozenset(map(chr, range(0x80, 0xA0))) | frozenset("ŒœÂÃ")
_CONT_MAC_CHARS = frozenset(bytes(range(0x80, 0xC0)).decode("mac_roman"))


def _may_repair(text: str, lex: Lexicon) -> bool:
    """Whether a line of `text` (whose `Lexicon` is `lex`) may have a repair: ftfy's badness
    screen or one of the extra shapes matches somewhere in it (what matches in a line matches
    in the whole text: neither reaches over a line break, and a line's edges look like the
    line breaks around it). Most paragraphs with dashes (which start extra shapes) have
    neither.

    `_MAYBE_BAD` matches a non-ASCII character that matches alone or has another after it:
    so where a run of non-ASCII characters is longer than one, or holds one of those."""
    chars = lex.non_ascii_chars
    if not _ALONE_CHARS.isdisjoint(chars) or any(b - a > 1 for a, b in lex.non_ascii):
        return True
    for (pattern, _codec, _name), leads in zip(_EXTRA, _EXTRA_LEADS, strict=True):
        if chars.isdisjoint(leads):
            continue
        if pattern is _MAC_CYRILLIC:
            if _mac_cyrillic_may_occur(text, chars):
                return True
        elif pattern.search(text):
            return True
    return False


def _mac_cyrillic_may_occur(text: str, chars: frozenset[str]) -> bool:
    """Whether `_MAC_CYRILLIC` (two dashes, each before a continuation character) may match:
    looked for from the dashes (found in C), not by the pattern over the whole text."""
    if _CONT_MAC_CHARS.isdisjoint(chars):
        return False  # a dash, but no character its shape needs after one
    n = len(text)
    for dash in "–—":
        at = text.find(dash)
        while 0 <= at < n - 3:
            if (
                text[at + 1] in _CONT_MAC_CHARS
                and text[at + 2] in "–—"
                and text[at + 3] in _CONT_MAC_CHARS
            ):
                return True
            at = text.find(dash, at + 1)
    return False


def mojibake_repairs(doc: Document) -> list[Repair]:
    """Every mojibake repair in the document's prose, computed once per document."""
    cached = doc.cache.get(CACHE_KEY)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    out: list[Repair] = []
    blocks = doc.blocks
    # The blocks with a candidate (a non-ASCII character, so none where the text is ASCII),
    # from the runs of non-ASCII characters of the blocks joined (`_candidate_blocks`).
    for k in _candidate_blocks(document_lexicon(doc)):
        block = blocks[k]
        text = block.text
        lex = lexicon(doc, block)
        if not _may_repair(text, lex):
            continue
        for a, b in _candidate_lines(text, lex.non_ascii):
            found = repair_line(text[a:b])
            if found is None:
                continue
            fixed, plan, spans = found
            for i1, i2, j1, j2 in spans:
                rep = fixed[j1:j2]
                # ftfy puts U+FFFD where bytes were lost; next to one, the repair is a guess.
                near = text[max(a, a + i1 - 1) : a + i2 + 1]
                lossy = "\ufffd" in rep or "\ufffd" in near
                out.append(Repair(block, a + i1, a + i2, rep, plan, lossy))
    doc.cache[CACHE_KEY] = out
    return out


# The characters the candidate screen matches alone (its other matches are a non-ASCII
# character before another one).
_CANDIDATE_ALONE = _ALONE_CHARS | frozenset(_EXTRA_START)


def _candidate(text: str, a: int, b: int) -> bool:
    """Whether the run of non-ASCII characters `text[a:b]` (a whole run) holds a match of
    the candidate screen: it is longer than one, or its one character matches alone."""
    return b - a > 1 or text[a] in _CANDIDATE_ALONE


def _candidate_blocks(lex: DocumentLexicon) -> list[int]:
    """The blocks where the candidate screen has a hit, in order, from the runs of non-ASCII
    characters of the blocks joined (which no run crosses: a newline is ASCII), not by a scan
    of the text (`re` tries its class a character at a time)."""
    text = lex.text
    if len(lex.starts) == 1:
        return [0] if any(_candidate(text, a, b) for a, b in lex.non_ascii) else []
    out: list[int] = []
    following = 0  # where the block after the last one found starts
    for a, b in lex.non_ascii:
        if a >= following and _candidate(text, a, b):
            k = lex.block_at(a)
            out.append(k)
            following = lex.starts[k + 1] if k + 1 < len(lex.starts) else len(text) + 1
    return out


def _is_bad(line: str) -> bool:
    """ftfy's badness test (`ftfy.badness.is_bad`)."""
    return bool(_badness().is_bad(line))


@cache
def _badness() -> Any:
    """The module `ftfy.badness`, loaded without the rest of ftfy when ftfy is not imported yet.

    Importing the ftfy package takes about 35 ms (its character tables, codecs and wcwidth);
    its badness test is one file that needs only `re`, and loads in about 6 ms. The full
    package is imported only when a line is bad and must be repaired. Should the file not load
    on its own (another ftfy layout), the package import gives the same module.

    Most of those 6 ms are `re` compiling its one large pattern; the file is run with its
    `import re` answered by `_StoredRe`, whose `compile` is `copydesk.patterns.compile_re`, so
    the pattern is built from its stored program like every pattern of copydesk's own.
    """
    module = sys.modules.get("ftfy.badness")
    if module is not None:
        return module
    try:
        spec = importlib.util.find_spec("ftfy")  # locates the package without importing it
        origin = spec.submodule_search_locations if spec else None
        path = Path(next(iter(origin or ())), "badness.py")
        own = importlib.util.spec_from_file_location("copydesk_ftfy_badness", path)
        if own is None or own.loader is None:
            raise ImportError(path)
        module = importlib.util.module_from_spec(own)
        code = own.loader.get_code(own.name)  # type: ignore[attr-defined]  # ftfy's own .pyc
        module.__dict__["__builtins__"] = {**vars(builtins), "__import__": _import_stored_re}
        exec(code, module.__dict__)
        if callable(getattr(module, "is_bad", None)):
            return module
    except Exception:  # any failure: fall back to the regular import
        pass
    from ftfy import badness

    return badness


class _StoredRe:
    """`re` as ftfy's badness file sees it: the module, with compile going through the store."""

    compile = staticmethod(patterns.compile_re)

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)


def _import_stored_re(name: str, *args: Any, **kwargs: Any) -> Any:
    if name == "re":
        return _StoredRe()
    return builtins.__import__(name, *args, **kwargs)


def _candidate_lines(text: str, runs: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The lines of `Block.lines()` that hold a character of the candidate screen, in order,
    from the text's runs of non-ASCII characters (its `Lexicon.non_ascii`; no run crosses a
    line)."""
    pos = 0  # where the line after the last one given starts
    for a, b in runs:
        if a < pos or not _candidate(text, a, b):
            continue
        start = text.rfind("\n", 0, a) + 1
        nl = text.find("\n", b)
        end = len(text) if nl < 0 else nl
        yield start, end - 1 if end > start and text[end - 1] == "\r" else end
        if nl < 0:
            return
        pos = nl + 1


def repaired_positions(doc: Document, block: Block) -> list[tuple[int, int]]:
    """Prose ranges of `block` that a mojibake repair covers (sorted)."""
    return sorted((r.start, r.end) for r in mojibake_repairs(doc) if r.block is block)


def inside(ranges: list[tuple[int, int]], a: int, b: int) -> bool:
    """True when `[a, b)` overlaps one of `ranges`."""
    return any(s < b and a < e for s, e in ranges)
