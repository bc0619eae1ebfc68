"""MT301 foreign-script: a run of another writing system inside English prose."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from copydesk import patterns, rx
from copydesk.diagnostics import Diagnostic
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.translation._acronyms import foreign_forms
from copydesk.rules.translation._lexicon import document_lexicon, lexicon
from copydesk.rules.translation._words import word_set

# A letter of any script but Latin (marks follow their letter: Devanagari, Thai, Arabic).
_LETTER = r"[^\P{L}\p{Latin}]\p{M}*"
# Words of such letters separated by spaces, hyphens, apostrophes or CJK/Latin commas and stops.
RUN = patterns.compile(
    r"(?<![\p{L}\p{M}])" + _LETTER + r"(?:" + _LETTER + r")*"
    r"(?:[ \t\u3000'’\-·,、，。.]+" + _LETTER + r"(?:" + _LETTER + r")*)*(?![\p{L}\p{M}])"
)
SCRIPTS = (
    "Cyrillic",
    "Greek",
    "Arabic",
    "Hebrew",
    "Han",
    "Hiragana",
    "Katakana",
    "Hangul",
    "Devanagari",
    "Bengali",
    "Thai",
    "Georgian",
    "Armenian",
    "Ethiopic",
    "Tamil",
    "Gujarati",
    "Gurmukhi",
    "Telugu",
    "Kannada",
    "Malayalam",
    "Sinhala",
    "Khmer",
    "Lao",
    "Myanmar",
    "Tibetan",
    "Syriac",
    "Thaana",
)
_SCRIPT = {name: patterns.compile(r"\p{Script=" + name + "}") for name in SCRIPTS}
_GLOSS = patterns.compile(r"[(\[][\s\p{Cf}]*$")
_GLOSS_END = patterns.compile(r"^[\s\p{Cf}]*[)\]]")
# "中文 (Chinese)", "Россия (Русский)": a language or country switcher, glossed in brackets.
_GLOSSED = patterns.compile(r"^\s?[(\[][^()\[\]\n]{1,40}[)\]]")
MENU_WORDS = 6  # a line of at most this many short items, no sentence: a menu
MIN_GREEK = 4  # α, β, Δ, π, μ, Ω are symbols in English text; a Greek word is longer


_NON_LATIN_LETTER = patterns.compile(_LETTER)


@cache
def _non_latin_letter(c: str) -> bool:
    return _NON_LATIN_LETTER.match(c) is not None


@cache
def _script_of_char(c: str) -> str | None:
    """The one of `SCRIPTS` that is the character's script, or None (a character has one)."""
    for name, p in _SCRIPT.items():
        if p.match(c) is not None:
            return name
    return None


def script_of(text: str) -> str:
    # How many characters of each script (`len(_SCRIPT[name].findall(text))`, counted from
    # each character's script, kept per character: a run is a few characters, 27 scans each).
    counts = dict.fromkeys(SCRIPTS, 0)
    for c in text:
        name = _script_of_char(c)
        if name is not None:
            counts[name] += 1
    return script_by_count(counts)


def script_by_count(counts: dict[str, int]) -> str:
    """The name a run is given from how many of its characters are of each of `SCRIPTS`."""
    best = max(counts, key=lambda k: counts[k])
    if best in ("Hiragana", "Katakana") or (
        best == "Han" and counts["Hiragana"] + counts["Katakana"]
    ):
        return "Japanese"
    if best == "Han":
        return "Chinese"
    if best == "Hangul":
        return "Korean"
    return best if counts[best] else "non-Latin"


class ForeignScript(Rule):
    """## What it does
    Finds words in another writing system (Cyrillic, Arabic, Hebrew, Chinese, Japanese, Korean,
    Devanagari, Thai, Greek words...) inside English text.

    Left alone: a gloss in brackets right after an English name ("Volodymyr Zelensky
    (Володимир Зеленський)"), single Greek letters used as symbols (α, β, Δ), letters glued to
    Latin letters in one word (the look-alike letters the encoding rules report), and the
    foreign acronyms of international organizations, which MT102 reports with their English
    form.

    ## Why is this bad?
    A machine translation system leaves words it could not translate in the source script, and
    copy pasted from a source document carries them along. English readers cannot read them.

    ## Example
    ```text
    The minister said the talks were продуктивными and would continue.
    ```

    ## Use instead
    ```text
    The minister said the talks were productive and would continue.
    ```

    ## Fix safety
    No fix: the words need translating.
    """

    code = "MT301"
    name = "foreign-script"
    message = "Untranslated {script} text `{text}`"
    languages = frozenset({"en"})
    examples = (
        Example(
            bad="The minister said the talks were продуктивными and would continue.",
            flagged="продуктивными",
        ),
        Example(bad="Officials said 会谈很有成效 after the meeting.", flagged="会谈很有成效"),
        Example(
            bad="He told reporters: Мы не отступим, and left the room.", flagged="Мы не отступим"
        ),
        Example(bad="Crowds chanted السلام عليكم in the square.", flagged="السلام عليكم"),
        Example(good="Volodymyr Zelensky (Володимир Зеленський) spoke on Monday."),
        Example(good="The α and β variants spread faster than Δ."),
        Example(good="Talks at the ООН went on."),
        Example(good="The café served crème brûlée and smørrebrød."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        # (No block has a letter of another script when the document has none: one test.)
        if not any(map(_non_latin_letter, document_lexicon(doc).non_ascii_chars)):
            return
        table = foreign_forms()
        for block in doc.blocks:
            text = block.text
            # A run starts with a letter of a script other than Latin, which is not ASCII: the
            # block's non-ASCII characters tell whether it has one before the pattern runs.
            if text.isascii():
                continue
            lex = lexicon(doc, block)
            if not any(_non_latin_letter(c) for c in lex.non_ascii_chars):
                continue
            for m in _runs(text, lex.non_ascii):
                a, b = m.span()
                run = m.group().rstrip(" '’-·,.、，。")
                b = a + len(run)
                if not run or run in table:
                    continue
                script = script_of(run)
                if script == "Greek" and sum(c.isalpha() for c in run) < MIN_GREEK:
                    continue
                if _GLOSS.search(text, max(0, a - 3), a) and _GLOSS_END.match(text[b : b + 3]):
                    continue  # "Zelensky (Зеленський)": the original name as a gloss
                if _GLOSSED.match(text[b : b + 45]) or _menu_item(text, a, b):
                    continue
                yield self.block_diagnostic(block, a, b, script=script, text=_short(run))


def _runs(text: str, non_ascii: list[tuple[int, int]]) -> Iterator[rx.Match[str]]:
    """`RUN.finditer(text)`, from the text's runs of non-ASCII characters (`non_ascii`): a
    match starts with a letter of a script other than Latin, so it is matched at each such
    letter after the last match, in order, not looked for at every character."""
    pos = 0
    for a, b in non_ascii:
        i = max(a, pos)
        while i < b:
            if _non_latin_letter(text[i]):
                m = RUN.match(text, i)
                if m is not None:
                    yield m
                    pos = i = m.end()
                    continue
            i += 1


_SEPARATORS = patterns.compile(r"[\s/|•·]+")


def _menu_item(text: str, a: int, b: int) -> bool:
    """The run sits on a short line that is no sentence ("Русский", "中国/中华", "العربية esp
    рус de fr"): a language menu, page chrome for the boilerplate rules, not a translation
    left undone."""
    start = text.rfind("\n", 0, a) + 1
    end = text.find("\n", b)
    line = text[start : end if end >= 0 else len(text)].strip()
    # (Split no further than what decides: a page that is one long line has many runs.)
    tokens = _SEPARATORS.split(line, maxsplit=MENU_WORDS)
    if len(tokens) > MENU_WORDS or line[-1:] in ".!?:;…":
        return False
    english = word_set("english_function")
    return not any(t.lower() in english for t in tokens)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
