"""Declarative rules: checks written as data in the configuration instead of Python (Vale's idea,
with copydesk's exact spans and real fixes).

A declarative rule is a TOML table (`[[tool.copydesk.rule]]` in pyproject.toml, `[[rule]]` in
copydesk.toml or in a rule file the configuration names in `rule-files`). `build_rule` validates
it and turns it into an ordinary `Rule` subclass, so the engine has no special case: selection,
per-file ignores, output, fixes and `copydesk rule CODE` treat it like a built-in rule.

Common keys: `code` (user range: `X` + 1-3 capital letters + 3 digits, like `XH101`), `name`
(kebab-case), `kind`, `message`, `severity`, `default-enabled`, `languages`, `description`,
`why`, `source`, `link`, `examples` (at least one bad and one good; they run when the rule loads
and a rule whose examples fail does not load). Kinds and their keys:

- `existence`: `words` (literal phrases), `patterns` (regexes), `whole-line`, `case`,
  `exceptions`, `fix` (whole lines only: the line is removed);
- `substitution`: `swap` (a table written = wanted) and/or `entries` (`from`, `to`, `source`,
  `exceptions` each), `regex`, `case`, `exceptions`, `skip-after` (phrases that make the old
  form deliberate: "formerly"), `fix`;
- `consistency`: `groups` (lists of variants; the minority variant is flagged and its fix gives
  the majority one, a tie goes to the variant listed first), `case`, `fix`;
- `acronym`: `allow`, `common`, `min-length`, `max-length` (an acronym must be defined on its
  first use; no fix).

`case` is "exact" (as written), "any" (any case; a replacement takes the text's case: Kiev ->
Kyiv, kiev -> kyiv, KIEV -> KYIV) or "proper" (as written or in capitals); substitution defaults
to "any", the others to "exact". `fix` is "safe", "unsafe", "display-only" or "none"
(substitution and consistency default to "unsafe", existence to "none"). `message` may use
`{match}`, and `{replacement}` (substitution) or `{majority}` (consistency).

Patterns are `regex` regexes, compiled once when the rule loads and matched with a timeout.
Configuration is data: nothing in it is ever executed.
"""

from __future__ import annotations

import copyreg
import functools
import json
import string
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import regex

from copydesk import artifacts, patterns
from copydesk.diagnostics import Diagnostic, Edit, Fix, Severity
from copydesk.digest import blake2b
from copydesk.document import Block, Document
from copydesk.joined import joined
from copydesk.lazy import LazyRegex
from copydesk.rule import Example, Rule, RuleError

# User rules live in their own code range so a built-in or plug-in family can never collide
# with them: `X` and one to three capital letters, then three digits (`XH101`, `XNEWS` is too
# long). `--select X` selects every user rule.
USER_CODE = patterns.compile_re(r"X[A-Z]{1,3}[0-9]{3}")
ANY_CODE = patterns.compile_re(r"[A-Z]{2,4}[0-9]{3}")
NAME = patterns.compile_re(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
KINDS = ("existence", "substitution", "consistency", "acronym")
FIX_MODES = ("none", "safe", "unsafe", "display-only")
CASE_MODES = ("exact", "any", "proper")
# Seconds one search of one block may take before the rule gives up with a clear error.
PATTERN_TIMEOUT = 1.0
# How many entries the generated documentation lists before it says "and N more".
DOC_LIMIT = 40

COMMON_KEYS = (
    "code",
    "name",
    "kind",
    "message",
    "severity",
    "default-enabled",
    "languages",
    "description",
    "why",
    "source",
    "link",
    "examples",
)


class DefinitionError(ValueError):
    """A declarative rule that cannot load; the message names the rule and the key."""


class PatternTimeout(RuleError):
    """A rule's regular expression ran longer than PATTERN_TIMEOUT on one block."""


# -- reading a table -------------------------------------------------------------------------

_MISSING: Any = object()


class _Table:
    """Typed access to one TOML table, remembering which keys were read (the rest are errors)."""

    def __init__(self, data: Mapping[str, Any], where: str) -> None:
        self.data = data
        self.where = where
        self.used: set[str] = set()

    def error(self, key: str, problem: str) -> DefinitionError:
        return DefinitionError(f"{self.where}: `{key}` {problem}")

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str, default: Any = _MISSING) -> Any:
        self.used.add(key)
        if key not in self.data:
            if default is _MISSING:
                raise DefinitionError(f"{self.where}: missing required key `{key}`")
            return default
        return self.data[key]

    def text(self, key: str, default: Any = _MISSING) -> Any:
        value = self.raw(key, default)
        if value is default and default is not _MISSING:
            return value
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, "must be a non-empty string")
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self.raw(key, default)
        if not isinstance(value, bool):
            raise self.error(key, "must be true or false")
        return value

    def integer(self, key: str, default: int, minimum: int) -> int:
        value = self.raw(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.error(key, f"must be a whole number of at least {minimum}")
        return value

    def choice(self, key: str, choices: Sequence[str], default: str) -> str:
        value = self.raw(key, default)
        if value not in choices:
            raise self.error(key, f"must be one of {', '.join(map(repr, choices))}, not {value!r}")
        return str(value)

    def strings(self, key: str, default: Sequence[str] = ()) -> tuple[str, ...]:
        value = self.raw(key, list(default))
        return _strings(value, lambda problem: self.error(key, problem))

    def finish(self, known: Iterable[str]) -> None:
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            names = ", ".join(f"`{k}`" for k in unknown)
            raise DefinitionError(
                f"{self.where}: unknown key {names} (known: {', '.join(sorted(known))})"
            )


def _keyed_error(t: _Table, key: str, prefix: str) -> Any:
    """An error factory for one key, bound now (not to a loop variable)."""

    def error(problem: str) -> DefinitionError:
        return t.error(key, prefix + problem)

    return error


def _strings(value: Any, error: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise error("must be a list of strings")
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise error("must be a list of non-empty strings")
    return tuple(value)


# -- matching --------------------------------------------------------------------------------


def normalize(text: str) -> str:
    return " ".join(text.split())


def literal_regex(phrase: str) -> str:
    """A phrase as a regex: spaces match any run of whitespace (a line break inside a
    paragraph too), and a phrase that starts or ends with a letter or digit only matches whole
    words ("Kiev" is not found in "Kievan")."""
    body = r"\s+".join(regex.escape(part) for part in phrase.split())
    if regex.match(r"\w", phrase.strip()):
        body = r"(?<!\w)" + body
    if regex.search(r"\w$", phrase.strip()):
        body += r"(?!\w)"
    return body


CASE_WORDS = {
    "exact": "as written",
    "any": "in any case, and the replacement follows the case of the text",
    "proper": "as written or in capitals",
}


def _shape_upper(text: str) -> bool:
    """ALL CAPS, as opposed to a capitalised word or a single capital letter."""
    return text.isupper() and text != text.capitalize()


def apply_case(matched: str, written: str, replacement: str, case: str) -> str:
    """The replacement in the case the text was written in (case-aware substitution).

    The text as the rule writes it gets the replacement as written ("Kiev" -> "Kyiv"); a text
    that differs only in case passes its shape on: all lower ("kiev" -> "kyiv"), ALL CAPS
    ("KIEV" -> "KYIV"), capitalised ("Web site" -> "Website" for "web site" -> "website").
    """
    if case == "exact" or normalize(matched) == normalize(written):
        return replacement
    if _shape_upper(matched):
        return replacement.upper()
    if case == "any":
        if matched.islower():
            return replacement.lower()
        if matched[:1].isupper() and not written[:1].isupper():
            return replacement[:1].upper() + replacement[1:]
    return replacement


@dataclass(frozen=True)
class Phrases:
    """Literal phrases compiled into one alternation; each match reports its payload index.

    `case`: "exact" matches the phrase as written; "any" in any case; "proper" as written or
    in ALL CAPS (for proper nouns: "KIEV" in a headline, but never the word "turkey").
    """

    source: str
    flags: int
    lookup: Mapping[str, int]
    case: str

    @functools.cached_property
    def pattern(self) -> Any:
        return patterns.compile(self.source, self.flags)

    @classmethod
    def build(cls, items: Sequence[tuple[str, int]], case: str, error: Any) -> Phrases:
        lookup: dict[str, int] = {}
        written: dict[str, str] = {}
        forms: list[str] = []
        for phrase, payload in items:
            variants = [phrase]
            if case == "proper" and phrase.upper() != phrase:
                variants.append(phrase.upper())
            for form in variants:
                key = cls.key_for(form, case)
                if key in lookup and lookup[key] != payload:
                    raise error(f"lists {written[key]!r} and {form!r}, which match the same text")
                lookup[key] = payload
                written[key] = form
                forms.append(form)
        forms = sorted(set(forms), key=lambda f: (-len(f), f))
        source = "|".join(f"(?:{literal_regex(f)})" for f in forms)
        flags = regex.IGNORECASE if case == "any" else 0
        return cls(source, flags, lookup, case)

    @staticmethod
    def key_for(text: str, case: str) -> str:
        return normalize(text).casefold() if case == "any" else normalize(text)

    def find(self, text: str, where: str) -> Iterator[tuple[int, int, int]]:
        for m in search(self.pattern, text, where):
            payload = self.lookup.get(self.key_for(m.group(), self.case))
            if payload is not None:
                yield m.start(), m.end(), payload

    def fullmatch(self, text: str) -> int | None:
        m = self.pattern.fullmatch(text, timeout=PATTERN_TIMEOUT)
        return None if m is None else self.lookup.get(self.key_for(m.group(), self.case))


def search(pattern: Any, text: str, where: str) -> Iterator[Any]:
    """Non-empty matches of a compiled regex, with the timeout every user pattern runs under."""
    try:
        for m in pattern.finditer(text, timeout=PATTERN_TIMEOUT):
            if m.end() > m.start():
                yield m
    except TimeoutError:
        raise PatternTimeout(
            f"{where}: a pattern ran longer than {PATTERN_TIMEOUT:g}s on one block; "
            "simplify it (nested quantifiers backtrack)"
        ) from None


def compile_pattern(source: str, flags: int, error: Any) -> Any:
    try:
        pattern = patterns.compile(source, flags)
    except (regex.error, ValueError, TypeError) as exc:
        raise error(f"is not a valid regular expression: {source!r}: {exc}") from None
    if pattern.fullmatch("") is not None:
        raise error(f"matches the empty string: {source!r}")
    return pattern


def _spans(pattern: Phrases | None, text: str, where: str) -> list[tuple[int, int]]:
    return [] if pattern is None else [(a, b) for a, b, _ in pattern.find(text, where)]


def _blocks_to_search(
    doc: Document, phrases: Phrases | None, patterns: Sequence[Any]
) -> Sequence[int]:
    """The indexes of the blocks a rule of `phrases` (and `patterns`) must search: with
    phrases alone, only the blocks where they have a hit in the blocks joined (one scan: a
    Markdown page has hundreds of blocks; see `copydesk.joined`), since a phrase's match in
    a block is one in the joined text too. A user's pattern may anchor at a block's start or
    end, which the joined text does not keep: then every block."""
    count = len(doc.blocks)
    if patterns or phrases is None or count < 2:
        return range(count)
    return joined(doc).searched(phrases.pattern)


def _overlaps(a: int, b: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < b and a < e for s, e in spans)


# -- the base of every declarative rule -------------------------------------------------------


class _DeclarativeMeta(type):
    """The metaclass of declarative rules, registered with copyreg so that a rule built from a
    configuration pickles (for parallel runs) by its definition instead of by a module name."""


class DeclarativeRule(Rule, metaclass=_DeclarativeMeta):
    """A rule whose behaviour is data. Subclasses implement one kind; `build_rule` makes one
    subclass per definition."""

    kind: ClassVar[str] = ""
    origin: ClassVar[str] = ""  # the file that defined it
    definition: ClassVar[Mapping[str, Any]] = {}  # the raw table, for rebuilding and docs
    user: ClassVar[bool] = True
    cache_fingerprint: ClassVar[str] = ""  # changes with the definition (lint/batch.py's cache)
    fix_mode: ClassVar[str] = "none"
    data: ClassVar[Any] = None  # the compiled kind-specific data
    # Keys this kind reads, defaults of its message and `fix`, and the message's fields.
    kind_keys: ClassVar[tuple[str, ...]] = ()
    default_message: ClassVar[str] = ""
    default_fix: ClassVar[str] = "none"
    message_fields: ClassVar[tuple[str, ...]] = ("match",)

    @classmethod
    def parse(cls, t: _Table, fix: str) -> Any:
        raise NotImplementedError

    @classmethod
    def describe(cls) -> str:
        """The generated `## What it does` text."""
        raise NotImplementedError

    @classmethod
    def fix_text(cls) -> str:
        text = {
            "none": "There is no fix: the text needs a writer's judgement.",
            "safe": "Safe: the rule's definition marks the fix as always right (`--fix`).",
            "unsafe": "Unsafe: the fix is probably right but needs a look (`--unsafe-fixes`).",
            "display-only": "Display-only: the fix is shown as a suggestion, never applied.",
        }[cls.fix_mode]
        note = cls.fix_note()
        return f"{text} {note}" if note and cls.fix_mode != "none" else text

    @classmethod
    def fix_note(cls) -> str:
        return ""

    def where(self) -> str:
        return f"rule {self.code} ({self.name})"

    def make_fix(self, message: str, edit: Edit | None) -> Fix | None:
        if edit is None or self.fix_mode == "none":
            return None
        factory = {"safe": Fix.safe, "unsafe": Fix.unsafe, "display-only": Fix.display_only}
        return factory[self.fix_mode](message, edit)


# -- existence ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExistenceData:
    """An existence rule's compiled definition."""

    words: Phrases | None
    patterns: tuple[Any, ...]
    whole_line: bool
    exceptions: Phrases | None


class ExistenceRule(DeclarativeRule):
    kind = "existence"
    kind_keys = ("words", "patterns", "whole-line", "case", "exceptions", "fix")
    default_message = "Avoid `{match}`"

    @classmethod
    def parse(cls, t: _Table, fix: str) -> ExistenceData:
        case = t.choice("case", CASE_MODES, "exact")
        words = t.strings("words")
        sources = t.strings("patterns")
        whole = t.flag("whole-line", False)
        if not words and not sources:
            raise DefinitionError(f"{t.where}: an existence rule needs `words` or `patterns`")
        if fix != "none" and not whole:
            raise t.error("fix", "needs `whole-line = true`: an existence fix removes the line")
        flags = regex.IGNORECASE if case == "any" else 0
        return ExistenceData(
            Phrases.build(
                [(w, i) for i, w in enumerate(words)], case, lambda p: t.error("words", p)
            )
            if words
            else None,
            tuple(
                compile_pattern(s, flags, lambda p, i=i: t.error(f"patterns[{i}]", p))
                for i, s in enumerate(sources)
            ),
            whole,
            _exceptions(t),
        )

    @classmethod
    def fix_note(cls) -> str:
        return "The fix removes the whole line, and only when the line holds nothing else."

    @classmethod
    def describe(cls) -> str:
        d = cls.definition
        where = "a whole line that is exactly" if cls.data.whole_line else "text that matches"
        case = CASE_WORDS[d.get("case", "exact")]
        lines = [f"Flags {where} one of these, matched {case}:", ""]
        lines += _bullets([f"`{w}`" for w in d.get("words", [])])
        lines += _bullets([f"pattern `{p}`" for p in d.get("patterns", [])])
        lines += _exception_lines(d, [])
        return "\n".join(lines)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        data: ExistenceData = self.data
        where = self.where()
        blocks = doc.blocks
        for k in _blocks_to_search(doc, data.words, data.patterns):
            block = blocks[k]
            if data.whole_line:
                found = list(self._lines(block, data))
            else:
                found = list(self._matches(block, data, where))
            if not found:
                continue
            excluded = _spans(data.exceptions, block.text, where)
            for a, b in found:
                if _overlaps(a, b, excluded):
                    continue
                fix = self._removal(doc, block, a, b) if data.whole_line else None
                yield self.block_diagnostic(block, a, b, fix=fix, match=block.text[a:b])

    def _matches(self, block: Block, data: ExistenceData, where: str) -> Iterator[tuple[int, int]]:
        seen: set[tuple[int, int]] = set()
        if data.words is not None:
            for a, b, _ in data.words.find(block.text, where):
                seen.add((a, b))
        for pattern in data.patterns:
            for m in search(pattern, block.text, where):
                seen.add(m.span())
        # Overlapping hits of several patterns are reported once, at the first and longest.
        last = -1
        for a, b in sorted(seen, key=lambda s: (s[0], -s[1])):
            if a >= last:
                last = b
                yield a, b

    def _lines(self, block: Block, data: ExistenceData) -> Iterator[tuple[int, int]]:
        for a, b in block.lines():
            line = block.text[a:b]
            stripped = line.strip()
            if not stripped:
                continue
            a += len(line) - len(line.lstrip())
            b = a + len(stripped)
            try:
                hit = data.words is not None and data.words.fullmatch(stripped) is not None
                hit = hit or any(
                    p.fullmatch(stripped, timeout=PATTERN_TIMEOUT) for p in data.patterns
                )
            except TimeoutError:
                raise PatternTimeout(
                    f"{self.where()}: a pattern ran longer than {PATTERN_TIMEOUT:g}s on one line"
                ) from None
            if hit:
                yield a, b

    def _removal(self, doc: Document, block: Block, a: int, b: int) -> Fix | None:
        """Remove the source lines holding the match, when they hold nothing else but markup."""
        s, e = block.span(a, b)
        first = doc.line_at(s)
        last = doc.line_at(max(s, e - 1))
        around = doc.text[first.start : s] + doc.text[e : last.end]
        if any(ch.isalnum() for ch in around):
            return None
        rs, re_ = doc.removal_span(s, e)
        return self.make_fix("Remove the line", Edit(rs, re_, ""))


def _exceptions(t: _Table, key: str = "exceptions") -> Phrases | None:
    items = t.strings(key)
    if not items:
        return None
    return Phrases.build([(x, 0) for x in items], "any", lambda p: t.error(key, p))


# -- substitution ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SwapEntry:
    """One `swap` entry of a substitution rule."""

    froms: tuple[str, ...]
    to: str
    source: str | None
    exceptions: Phrases | None


@dataclass(frozen=True)
class SubstitutionData:
    """A substitution rule's compiled definition."""

    entries: tuple[SwapEntry, ...]
    literal: Phrases | None  # payload: index into `targets`
    targets: tuple[tuple[int, str], ...]  # (entry, the `from` form as written)
    patterns: tuple[tuple[Any, int], ...]  # regex mode: (compiled `from`, entry)
    case: str
    exceptions: Phrases | None
    skip_after: Any  # compiled: a phrase right before the match that makes it deliberate


_GROUP_REF = patterns.compile_re(r"\\(?:g<([^>]*)>|([0-9]+))")


class SubstitutionRule(DeclarativeRule):
    kind = "substitution"
    kind_keys = ("swap", "entries", "regex", "case", "exceptions", "skip-after", "fix")
    default_message = "Use `{replacement}` instead of `{match}`"
    default_fix = "unsafe"
    message_fields = ("match", "replacement")

    @classmethod
    def parse(cls, t: _Table, fix: str) -> SubstitutionData:
        case = t.choice("case", CASE_MODES, "any")
        use_regex = t.flag("regex", False)
        if use_regex and case == "proper":
            raise t.error("case", "cannot be 'proper' with `regex = true`")
        entries = cls._entries(t)
        if not entries:
            raise DefinitionError(f"{t.where}: a substitution rule needs `swap` or `entries`")
        flags = regex.IGNORECASE if case == "any" else 0
        literal = None
        targets: list[tuple[int, str]] = []
        patterns: list[tuple[Any, int]] = []
        for i, entry in enumerate(entries):
            for src in entry.froms:
                if use_regex:
                    err = _keyed_error(t, "swap", f"key {src!r}: ")
                    pattern = compile_pattern(src, flags, err)
                    _check_template(pattern, entry.to, err)
                    patterns.append((pattern, i))
                else:
                    if normalize(src) == normalize(entry.to):
                        raise t.error("swap", f"maps {src!r} to itself")
                    targets.append((i, src))
        if targets:
            items = [(src, k) for k, (_, src) in enumerate(targets)]
            literal = Phrases.build(items, case, lambda p: t.error("swap", p))
        skip = t.strings("skip-after")
        skip_after = None
        if skip:
            # "Kyiv (formerly Kiev)", "Myanmar, also known as Burma": the old name on purpose.
            alts = "|".join(literal_regex(x) for x in sorted(skip, key=len, reverse=True))
            skip_after = LazyRegex(rf"(?:{alts})[\s(\[“‘\"']*$", regex.IGNORECASE)
        return SubstitutionData(
            tuple(entries),
            literal,
            tuple(targets),
            tuple(patterns),
            case,
            _exceptions(t),
            skip_after,
        )

    @staticmethod
    def _entries(t: _Table) -> list[SwapEntry]:
        out: list[SwapEntry] = []
        swap = t.raw("swap", {})
        if not isinstance(swap, dict):
            raise t.error("swap", 'must be a table of "written" = "wanted"')
        for src, dst in swap.items():
            if not isinstance(dst, str) or not src.strip():
                raise t.error("swap", f"key {src!r} must map to a string")
            out.append(SwapEntry((src,), dst, None, None))
        raw = t.raw("entries", [])
        if not isinstance(raw, list):
            raise t.error("entries", "must be a list of tables ([[...entries]])")
        for k, item in enumerate(raw):
            if not isinstance(item, dict):
                raise t.error(f"entries[{k}]", "must be a table with `from` and `to`")
            e = _Table(item, f"{t.where}: entries[{k}]")
            froms = e.raw("from")
            froms = [froms] if isinstance(froms, str) else froms
            froms = _strings(froms, _keyed_error(e, "from", ""))
            if not froms:
                raise e.error("from", "must name at least one spelling")
            to = e.raw("to")
            if not isinstance(to, str):
                raise e.error("to", "must be a string")
            source = e.text("source", None)
            out.append(SwapEntry(froms, to, source, _exceptions(e)))
            e.finish(("from", "to", "source", "exceptions"))
        return out

    @classmethod
    def fix_note(cls) -> str:
        return (
            "An old spelling can be deliberate (a quotation, a historical or institutional "
            "name): list those in `exceptions`."
        )

    @classmethod
    def describe(cls) -> str:
        data: SubstitutionData = cls.data
        d = cls.definition
        head = "pattern" if d.get("regex") else "written"
        lines = [
            "Flags a spelling the house style replaces and gives the wanted one. Spellings are",
            f"matched {CASE_WORDS[data.case]}.",
            "",
        ]
        has_source = any(e.source for e in data.entries)
        lines.append(f"| {head} | use instead |" + (" source |" if has_source else ""))
        lines.append("|---|---|" + ("---|" if has_source else ""))
        for e in data.entries[:DOC_LIMIT]:
            row = f"| {', '.join(f'`{f}`' for f in e.froms)} | `{e.to}` |"
            lines.append(row + (f" {e.source or ''} |" if has_source else ""))
        if len(data.entries) > DOC_LIMIT:
            lines += ["", f"…and {len(data.entries) - DOC_LIMIT} more."]
        lines += _exception_lines(
            d, [x for e in d.get("entries", []) for x in e.get("exceptions", [])]
        )
        if d.get("skip-after"):
            said = ", ".join(f"`{x}`" for x in d["skip-after"])
            lines += [
                "",
                f"A spelling right after {said} is a deliberate mention and is left alone.",
            ]
        return "\n".join(lines)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        data: SubstitutionData = self.data
        where = self.where()
        blocks = doc.blocks
        for k in _blocks_to_search(doc, data.literal, [p for p, _ in data.patterns]):
            block = blocks[k]
            text = block.text
            hits: list[tuple[int, int, int, str]] = []  # a, b, entry, replacement
            if data.literal is not None:
                for a, b, target in data.literal.find(text, where):
                    entry, written = data.targets[target]
                    to = data.entries[entry].to
                    hits.append((a, b, entry, apply_case(text[a:b], written, to, data.case)))
            for pattern, entry in data.patterns:
                for m in search(pattern, text, where):
                    to = m.expand(data.entries[entry].to)
                    hits.append(
                        (m.start(), m.end(), entry, apply_case(m.group(), "", to, data.case))
                    )
            if not hits:
                continue
            excluded = _spans(data.exceptions, text, where)
            own: dict[int, list[tuple[int, int]]] = {}  # per-entry exceptions, found on demand
            last = -1
            for a, b, entry, replacement in sorted(hits, key=lambda h: (h[0], -h[1])):
                if a < last or text[a:b] == replacement:
                    continue
                if entry not in own:
                    own[entry] = _spans(data.entries[entry].exceptions, text, where)
                if _overlaps(a, b, excluded) or _overlaps(a, b, own[entry]):
                    continue
                if data.skip_after is not None and data.skip_after.search(text, max(0, a - 80), a):
                    continue
                last = b
                fix = self.make_fix(f"Replace with `{replacement}`", block.edit(a, b, replacement))
                yield self.block_diagnostic(
                    block, a, b, fix=fix, match=text[a:b], replacement=replacement
                )


def _check_template(pattern: Any, template: str, error: Any) -> None:
    """A regex replacement may only name groups its pattern has."""
    for m in _GROUP_REF.finditer(template):
        name, number = m.group(1), m.group(2)
        ok = (
            (int(number) <= pattern.groups)
            if number is not None
            else (name in pattern.groupindex or (name.isdigit() and int(name) <= pattern.groups))
        )
        if not ok:
            raise error(f"the replacement {template!r} refers to a group the pattern lacks")


# -- consistency -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsistencyData:
    """A consistency rule's compiled definition."""

    groups: tuple[tuple[str, ...], ...]
    phrases: Phrases  # payload: index into `variants`
    variants: tuple[tuple[int, int], ...]  # (group, variant)
    case: str


class ConsistencyRule(DeclarativeRule):
    kind = "consistency"
    kind_keys = ("groups", "case", "fix")
    default_message = "`{match}` here, but this document mostly writes `{majority}`"
    default_fix = "unsafe"
    message_fields = ("match", "majority")

    @classmethod
    def parse(cls, t: _Table, fix: str) -> ConsistencyData:
        case = t.choice("case", CASE_MODES, "exact")
        raw = t.raw("groups")
        if not isinstance(raw, list) or not raw:
            raise t.error("groups", 'must be a list of variant lists, like [["e-mail", "email"]]')
        groups: list[tuple[str, ...]] = []
        items: list[tuple[str, int]] = []
        variants: list[tuple[int, int]] = []
        for g, group in enumerate(raw):
            names = _strings(group, lambda p, g=g: t.error(f"groups[{g}]", p))
            if len({Phrases.key_for(n, case) for n in names}) < 2:
                raise t.error(f"groups[{g}]", "needs at least two different variants")
            groups.append(names)
            for v, name in enumerate(names):
                items.append((name, len(variants)))
                variants.append((g, v))
        phrases = Phrases.build(items, case, lambda p: t.error("groups", p))
        return ConsistencyData(tuple(groups), phrases, tuple(variants), case)

    @classmethod
    def fix_note(cls) -> str:
        return "The majority is a count, not a judgement: a short document may count wrong."

    @classmethod
    def describe(cls) -> str:
        data: ConsistencyData = cls.data
        lines = [
            "Flags the less used variant when a document mixes variants of one term; the fix",
            "gives the variant the document uses most (on a tie, the one listed first).",
            f"Variants are matched {CASE_WORDS[data.case]}. Groups:",
            "",
        ]
        lines += _bullets([" / ".join(f"`{v}`" for v in g) for g in data.groups])
        return "\n".join(lines)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        data: ConsistencyData = self.data
        where = self.where()
        hits: list[tuple[Block, int, int, int, int]] = []
        for block in doc.blocks:
            for a, b, k in data.phrases.find(block.text, where):
                g, v = data.variants[k]
                hits.append((block, a, b, g, v))
        counts: dict[int, dict[int, int]] = {}
        for _, _, _, g, v in hits:
            counts.setdefault(g, {}).setdefault(v, 0)
            counts[g][v] += 1
        majority: dict[int, int] = {}
        for g, per in counts.items():
            if len(per) > 1:
                majority[g] = max(per, key=lambda v: (per[v], -v))
        for block, a, b, g, v in hits:
            if g not in majority or v == majority[g]:
                continue
            written = data.groups[g][v]
            wanted = apply_case(block.text[a:b], written, data.groups[g][majority[g]], data.case)
            fix = self.make_fix(f"Replace with `{wanted}`", block.edit(a, b, wanted))
            yield self.block_diagnostic(
                block, a, b, fix=fix, match=block.text[a:b], majority=wanted
            )


# -- acronym -----------------------------------------------------------------------------------

# Acronyms readers know without a definition. Source: the AP Stylebook's "abbreviations and
# acronyms" guidance (terms such as CIA, FBI, GOP, NATO are acceptable in all references),
# plus broadcasters, sports bodies and technology terms news copy uses undefined; curated for
# copydesk. `common = false` turns the list off.
COMMON_ACRONYMS = frozenset(
    """
    AD BC AM PM US USA UK UN EU TV DC OK ID IQ PC PR AI CD IT MP MPs VIP
    CEO CFO COO CTO GDP GOP IPO ATM SUV DNA RNA HIV AIDS COVID SARS CPR MRI
    FBI CIA NSA NASA NATO OPEC UNESCO UNICEF WHO IMF WTO OECD KGB USSR
    BBC CNN NBC CBS ABC NPR PBS ESPN HBO AP
    NFL NBA MLB NHL NCAA FIFA UEFA NASCAR
    PDF URL USB GPS LED LCD DVD FAQ PIN SMS ASAP RSVP UFO SWAT AWOL LGBT LGBTQ
    CPU GPU RAM HDMI HDR HDTV LAN SIM GSM VPN ICU NYC AFP MSNBC
    GMT UTC EST EDT PST PDT
    """.split()
)
ACRONYM = LazyRegex(r"(?<![\w&.\-’'])([A-Z][A-Z0-9&]*[A-Z0-9])(s)?(?![\w&\-]|\.\w)")
ROMAN = LazyRegex(r"[IVXLCDM]+")
# "(CSTO)" or "[CSTO]" define; so does an expansion right after: "OTS [the Organization of
# Turkic States]", "CEPA (Comprehensive and Enhanced Partnership Agreement)"; and ", or CSTO,".
_EXPANSION_AFTER = LazyRegex(r"\s*[(\[]\s*(?:the\s+)?\w[\w’'.&-]*(?:\s+[\w’'.&-]+)+")
_INTRO_BEFORE = LazyRegex(r"(?:,\s*or|\b(?:also\s+)?known\s+as|\bcalled)\s+(?:the\s+)?$")


@dataclass(frozen=True)
class AcronymData:
    """An acronym rule's settings."""

    allow: frozenset[str]
    common: bool
    min_length: int
    max_length: int


class AcronymRule(DeclarativeRule):
    kind = "acronym"
    kind_keys = ("allow", "common", "min-length", "max-length")
    default_message = "Acronym `{match}` is not defined on first use"

    @classmethod
    def parse(cls, t: _Table, fix: str) -> AcronymData:
        allow = frozenset(t.strings("allow"))
        common = t.flag("common", True)
        lo = t.integer("min-length", 3, 2)
        hi = t.integer("max-length", 6, lo)
        return AcronymData(allow, common, lo, hi)

    @classmethod
    def describe(cls) -> str:
        data: AcronymData = cls.data
        lines = [
            f"Flags an acronym of {data.min_length} to {data.max_length} capitals the first time",
            "a document uses it, unless that first use defines it: `Collective Security Treaty",
            "Organization (CSTO)`, `CEPA (Comprehensive and Enhanced Partnership Agreement)`,",
            "`OTS [the Organization of Turkic States]` or `…, or CSTO,`. Lines in capitals and",
            "Roman numerals are skipped.",
        ]
        if data.allow:
            lines += ["", "Allowed without a definition: " + ", ".join(sorted(data.allow)) + "."]
        if data.common:
            lines += ["", "Common acronyms are allowed too: " + ", ".join(sorted(COMMON_ACRONYMS))]
        return "\n".join(lines)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        data: AcronymData = self.data
        seen: set[str] = set()
        for block in doc.blocks:
            text = block.text
            for la, lb in block.lines():
                if _shouting(text[la:lb]):
                    continue
                for m in ACRONYM.finditer(text, la, lb):
                    word = m.group(1)
                    letters = sum(ch.isalpha() for ch in word)
                    if not (data.min_length <= letters and len(word) <= data.max_length):
                        continue
                    if ROMAN.fullmatch(word) or word in seen:
                        continue
                    seen.add(word)
                    if word in data.allow or (data.common and word in COMMON_ACRONYMS):
                        continue
                    if _defines(text, m.start(1), m.end()):
                        continue
                    if _not_an_acronym(text, m.start(1), m.end(1), la):
                        seen.discard(word)  # an acronym use may still come
                        continue
                    yield self.block_diagnostic(block, m.start(1), m.end(1), match=word)


_WORD = LazyRegex(r"\p{L}[\p{L}’'-]*")
# Capitals that are not acronyms: a run of capitalised words ("GET OUT and VOTE", "NEW YORK"),
# a dateline at the start of a line ("MADRID —", "DUBAI, United Arab Emirates").
_CAPS_BEFORE = LazyRegex(r"\p{Lu}{2,}[ \t]+$")
_CAPS_AFTER = LazyRegex(r"[ \t]+\p{Lu}{2,}\b")
_DATELINE_AFTER = LazyRegex(r"\s*(?:,|:|\(|[—–-]\s)")
# A common English word in capitals is emphasis ("it is SUPER easy"), not an acronym. Zipf
# frequency from wordfreq: 4.5 is about one use in 30,000 words ("wins", "falls"); acronyms
# readers do not know are rarer ("cnbc" 3.1, "hvac" 3.0, "otc" 3.2), and the known ones above
# it ("fbi" 4.4, "ceo" 4.5) are in COMMON_ACRONYMS anyway.
COMMON_WORD_ZIPF = 4.5


def _shouting(line: str) -> bool:
    """A line in capitals (a headline, a label): every word would look like an acronym."""
    words = _WORD.findall(line)
    return bool(words) and sum(w.isupper() for w in words) >= 0.75 * len(words)


@functools.lru_cache(maxsize=4096)
def _is_common_word(word: str) -> bool:
    # The shipped English frequency table (wordfreq's list, searched in place).
    from copydesk.rules.garbled._lexicon import zipf

    return zipf(word) >= COMMON_WORD_ZIPF


def _not_an_acronym(text: str, a: int, b: int, line_start: int) -> bool:
    if _CAPS_BEFORE.search(text, max(line_start, a - 40), a) or _CAPS_AFTER.match(text, b):
        return True
    if not text[line_start:a].strip(" \t\"“‘'") and _DATELINE_AFTER.match(text, b):
        return True
    # Two-letter words are left to the allow-list: "EU" and "IT" are as common as "no".
    return b - a >= 3 and _is_common_word(text[a:b])


def _defines(text: str, a: int, b: int) -> bool:
    if a > 0 and text[a - 1] in "([":
        return True
    if _EXPANSION_AFTER.match(text, b):
        return True
    return _INTRO_BEFORE.search(text[max(0, a - 30) : a]) is not None


# -- building a rule ---------------------------------------------------------------------------

KIND_CLASSES: dict[str, type[DeclarativeRule]] = {
    "existence": ExistenceRule,
    "substitution": SubstitutionRule,
    "consistency": ConsistencyRule,
    "acronym": AcronymRule,
}


def _exception_lines(d: Mapping[str, Any], more: Sequence[str]) -> list[str]:
    items = [*d.get("exceptions", []), *more]
    if not items:
        return []
    shown = ", ".join(f"`{x}`" for x in items[:DOC_LIMIT])
    rest = f" and {len(items) - DOC_LIMIT} more" if len(items) > DOC_LIMIT else ""
    return ["", f"Never flagged inside: {shown}{rest}."]


def _bullets(items: Sequence[str]) -> list[str]:
    out = [f"- {x}" for x in items[:DOC_LIMIT]]
    if len(items) > DOC_LIMIT:
        out.append(f"- …and {len(items) - DOC_LIMIT} more")
    return out


def _check_message(t: _Table, message: str, fields: Sequence[str]) -> None:
    known = ", ".join(f"{{{f}}}" for f in fields)
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(message) if f is not None]
        for name in names:
            if name not in fields:
                raise t.error("message", f"uses {{{name}}}; it may use {known}")
        message.format(**{f: "x" for f in fields})
    except (ValueError, IndexError, KeyError) as exc:
        if isinstance(exc, DefinitionError):
            raise
        raise t.error("message", f"is not a valid template ({exc}); it may use {known}") from None


def _examples(t: _Table, fix_mode: str) -> tuple[Example, ...]:
    raw = t.raw("examples")
    if not isinstance(raw, list):
        raise t.error("examples", "must be a list of tables like {bad = ..., flagged = ...}")
    out = []
    for i, item in enumerate(raw):
        key = f"examples[{i}]"
        if not isinstance(item, dict):
            raise t.error(key, "must be a table like {bad = ..., flagged = ...} or {good = ...}")
        e = _Table(item, f"{t.where}: {key}")
        kw: dict[str, Any] = {}
        for k in ("bad", "flagged", "fixed", "good", "language", "filename"):
            if e.has(k):
                kw[k] = e.raw(k)
                if not isinstance(kw[k], str):
                    raise e.error(k, "must be a string")
        kw["unsafe"] = e.flag("unsafe", fix_mode == "unsafe")
        e.finish(("bad", "flagged", "fixed", "good", "unsafe", "language", "filename"))
        try:
            out.append(Example(**kw))
        except ValueError as exc:
            raise t.error(key, str(exc)) from None
    if not any(x.bad is not None for x in out) or not any(x.good is not None for x in out):
        raise t.error("examples", "needs at least one `bad` and one `good` example")
    return tuple(out)


def _class_name(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-")) or "Rule"


def build_rule(
    table: Mapping[str, Any],
    origin: str,
    *,
    index: int = 0,
    user: bool = True,
    module: str | None = None,
    qualname: str | None = None,
    run_examples: bool = True,
) -> type[DeclarativeRule]:
    """A Rule subclass from one definition table; DefinitionError names the rule and the key.

    `user=False` is for built-in packs written as data (their codes are family codes); their
    examples run in the test suite instead of at every start.
    """
    if not isinstance(table, Mapping):
        raise DefinitionError(f"rule #{index + 1}: must be a table")
    t = _Table(table, f"rule #{index + 1}")
    code = t.text("code")
    name = t.text("name")
    t.where = f"rule {code} ({name})"
    if user and not USER_CODE.fullmatch(code):
        raise t.error(
            "code",
            f"{code!r} is not in the user range: X, one to three capital letters and three "
            "digits, like XH101",
        )
    if not ANY_CODE.fullmatch(code):
        raise t.error("code", f"{code!r} must be family letters plus three digits")
    if not NAME.fullmatch(name):
        raise t.error("name", f"{name!r} must be kebab-case, like house-spelling")
    kind = t.choice("kind", KINDS, _MISSING)
    base = KIND_CLASSES[kind]
    known = (*COMMON_KEYS, *base.kind_keys)
    t.used |= set(table) & set(known)
    t.finish(known)  # a misspelt key first: it explains the errors it would cause below
    fix_mode = t.choice("fix", FIX_MODES, base.default_fix) if "fix" in base.kind_keys else "none"
    message = t.text("message", base.default_message)
    _check_message(t, message, base.message_fields)
    severity = Severity(t.choice("severity", [s.value for s in Severity], Severity.ERROR.value))
    langs = t.strings("languages")
    for lang in langs:
        if not (2 <= len(lang) <= 3 and lang.isalpha()):
            raise t.error("languages", f'holds {lang!r}: use ISO 639-1 codes like "en"')
    examples = _examples(t, fix_mode)
    data = base.parse(t, fix_mode)
    texts = {k: t.text(k, None) for k in ("description", "why", "source", "link")}
    enabled = t.flag("default-enabled", True)
    t.finish((*COMMON_KEYS, *base.kind_keys))

    available = "none"
    if fix_mode != "none":
        available = "sometimes" if kind == "existence" else "always"
    attrs: dict[str, Any] = {
        "__module__": module or __name__,
        "__qualname__": qualname or _class_name(name),
        "code": code,
        "name": name,
        "message": message,
        "severity": severity,
        "default_enabled": enabled,
        "languages": frozenset(x.lower() for x in langs) or None,
        "fix_availability": available,
        "examples": examples,
        "options": {},
        "origin": origin,
        "definition": dict(table),
        # The result cache keys on this: editing a shared rule file invalidates cached findings.
        "cache_fingerprint": blake2b(
            json.dumps([origin, table], sort_keys=True, default=str).encode(), digest_size=8
        ).hexdigest(),
        "user": user,
        "fix_mode": fix_mode,
        "data": data,
    }
    cls = _DeclarativeMeta(attrs["__qualname__"], (base,), attrs)
    assert issubclass(cls, DeclarativeRule)
    cls.__doc__ = _docstring(cls, texts)
    problems = cls.validate()
    if problems:  # pragma: no cover - build_rule checks each of these itself
        raise DefinitionError(f"{t.where}: {'; '.join(problems)}")
    if run_examples:
        failures = example_failures(cls)
        if failures:
            raise DefinitionError(
                f"{t.where}: its examples fail, so it does not load: {'; '.join(failures)}"
            )
    return cls


def _docstring(cls: type[DeclarativeRule], texts: Mapping[str, str | None]) -> str:
    bad = next(e for e in cls.examples if e.bad is not None)
    good = next(e for e in cls.examples if e.good is not None)
    instead = bad.fixed if bad.fixed is not None else good.good
    what = cls.describe()
    if texts.get("description"):
        what = f"{texts['description']}\n\n{what}"
    why = texts.get("why") or "It breaks the house style this configuration defines."
    parts = [
        f"## What it does\n{what}",
        f"## Why is this bad?\n{why}",
        f"## Example\n```text\n{bad.bad}\n```",
        f"## Use instead\n```text\n{instead}\n```",
        f"## Fix safety\n{cls.fix_text()}",
    ]
    refs = [x for x in (texts.get("source"), texts.get("link")) if x]
    if refs:
        parts.append("## References\n" + "\n".join(f"- {r}" for r in refs))
    parts.append(
        f"## Definition\nA declarative `{cls.kind}` rule defined in `{cls.origin}`."
        if cls.user
        else f"## Definition\nA built-in `{cls.kind}` rule written as data in `{cls.origin}`."
    )
    return "\n\n".join(parts)


def example_failures(cls: type[Rule]) -> list[str]:
    """What is wrong with a rule's examples, run exactly as tests/test_examples.py runs them."""
    from copydesk.checker import Checker
    from copydesk.diagnostics import Applicability

    out: list[str] = []
    for i, ex in enumerate(cls.examples):
        lang = ex.language or (min(cls.languages) if cls.languages else None)
        c = Checker([cls(ex.options)], language=lang)
        where = f"examples[{i}]"
        if ex.good is not None:
            found = c.check(ex.good, ex.filename)
            if found:
                spans = [ex.good[d.start : d.end] for d in found]
                out.append(f"{where}: the good example {ex.good!r} is flagged at {spans}")
            continue
        assert ex.bad is not None
        found = c.check(ex.bad, ex.filename)
        spans = [ex.bad[d.start : d.end] for d in found]
        if ex.flagged not in spans:
            got = f"flagged {spans}" if spans else "not flagged"
            out.append(f"{where}: {ex.bad!r} is {got}, expected {ex.flagged!r}")
            continue
        if ex.fixed is None:
            continue
        result = c.fix(ex.bad, ex.filename, unsafe=ex.unsafe)
        if result.text != ex.fixed:
            out.append(f"{where}: the fix gives {result.text!r}, expected {ex.fixed!r}")
            continue
        if not ex.unsafe and any(
            d.fix is None or d.fix.applicability is not Applicability.SAFE for d in result.applied
        ):
            out.append(f"{where}: reaching `fixed` needs unsafe fixes; add `unsafe = true`")
        if c.check(result.text, ex.filename):
            out.append(f"{where}: the fixed text {result.text!r} is flagged again")
    return out


# -- rule files --------------------------------------------------------------------------------


def load_rule_file(path: Path, *, user: bool = True) -> list[type[DeclarativeRule]]:
    """The rules of one rule file: top-level `[[rule]]` tables and nothing else."""
    try:
        data = artifacts.load_toml(path)
    except ValueError as exc:  # tomllib.TOMLDecodeError
        raise DefinitionError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise DefinitionError(f"{path}: cannot read rule file: {exc.strerror}") from None
    unknown = sorted(set(data) - {"rule"})
    if unknown:
        raise DefinitionError(f"{path}: unknown key `{unknown[0]}` (a rule file holds [[rule]])")
    try:
        return build_rules(data.get("rule", []), str(path), user=user)
    except DefinitionError as exc:
        raise DefinitionError(f"{path}: {exc}") from None


def build_rules(
    tables: Any, origin: str, *, user: bool = True, run_examples: bool = True
) -> list[type[DeclarativeRule]]:
    """The rules of a `rule` array; errors name the rule and key (the caller adds the file)."""
    if not isinstance(tables, list):
        raise DefinitionError(
            "`rule` must be an array of tables: write [[rule]] (or [[tool.copydesk.rule]]), "
            "with two brackets"
        )
    out = [
        build_rule(t, origin, index=i, user=user, run_examples=run_examples)
        for i, t in enumerate(tables)
    ]
    check_unique(out, {})
    return out


def check_unique(rules: Sequence[type[Rule]], taken: Mapping[str, type[Rule]]) -> None:
    """Codes and names must be unique among `rules` and not clash with `taken` (by code)."""
    codes: dict[str, type[Rule]] = {}
    names: dict[str, type[Rule]] = {c.name: c for c in taken.values()}
    for cls in rules:
        if cls.code in taken:
            owner = taken[cls.code].name
            raise DefinitionError(f"rule {cls.code} ({cls.name}): the code is taken by {owner}")
        if cls.code in codes:
            first, second = _origin(codes[cls.code]), _origin(cls)
            raise DefinitionError(f"two rules share the code {cls.code}: {first} and {second}")
        if cls.name in names:
            other = names[cls.name]
            raise DefinitionError(
                f"two rules share the name {cls.name}: {other.code} and {cls.code} ({_origin(cls)})"
            )
        codes[cls.code] = cls
        names[cls.name] = cls


def _origin(cls: type[Rule]) -> str:
    return str(getattr(cls, "origin", "") or cls.__module__)


# -- pickling ----------------------------------------------------------------------------------

_REBUILT: dict[tuple[str, str, bool], type[DeclarativeRule]] = {}


def _rebuild(definition: dict[str, Any], origin: str, user: bool) -> type[DeclarativeRule]:
    key = (origin, json.dumps(definition, sort_keys=True, default=str), user)
    if key not in _REBUILT:
        _REBUILT[key] = build_rule(definition, origin, user=user, run_examples=False)
    return _REBUILT[key]


def _reduce(cls: Any) -> Any:
    module = sys.modules.get(cls.__module__)
    qualname: str = cls.__qualname__
    if module is not None and getattr(module, qualname, None) is cls:
        return qualname  # importable (a built-in pack): pickled by name as usual
    return _rebuild, (dict(cls.definition), cls.origin, cls.user)


copyreg.pickle(_DeclarativeMeta, _reduce)


def builtin_rule(path: Path, *, module: str, qualname: str, origin: str) -> type[DeclarativeRule]:
    """A built-in rule written as data: the one `[[rule]]` of a data file beside its module.

    Its examples run in tests/test_examples.py like every built-in rule's, not at each start.
    """
    data = artifacts.load_toml(path)
    tables = data.get("rule")
    if set(data) != {"rule"} or not isinstance(tables, list) or len(tables) != 1:
        raise DefinitionError(f"{origin}: a built-in rule file holds exactly one [[rule]]")
    try:
        return build_rule(
            tables[0], origin, user=False, module=module, qualname=qualname, run_examples=False
        )
    except DefinitionError as exc:
        raise DefinitionError(f"{origin}: {exc}") from None
