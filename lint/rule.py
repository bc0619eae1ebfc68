"""The Rule base class, rule examples, and the registry of built-in and plug-in rules.

A rule is one class in one file: its docstring is its documentation (`copydesk rule CODE`), its
`examples` are its specification and run as tests, and `check()` yields diagnostics. Third-party
packages add rules through the entry-point group `copydesk.rules`, with exactly this API.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Hashable, Iterable, Iterator, Mapping
from functools import cache
from importlib import import_module
from typing import Any, ClassVar, NamedTuple

from copydesk import patterns
from copydesk.diagnostics import Diagnostic, Fix, Severity
from copydesk.document import Block, Document
from copydesk.records import Frozen, fill

FAMILIES: dict[str, str] = {
    "EN": "encoding",
    "BP": "boilerplate",
    "MT": "translation",
    "PU": "punctuation",
    "GS": "garbled",
    "ST": "style",
    "CD": "copydesk",  # the engine's own checks, such as unused suppression comments
}
ALL_LANGUAGES: frozenset[str] | None = None
DOCS_URL = "https://copydesk.readthedocs.io/en/latest/rules/#{code}"
_CODE = patterns.compile_re(r"[A-Z]{2,4}[0-9]{3}")
_NAME = patterns.compile_re(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety")


class Example(Frozen):
    """A rule example that runs as a test (LanguageTool's discipline).

    - `bad`: text the rule must flag; `flagged` is the exact text of the expected span (the
      first occurrence in `bad`), and `fixed` what all the rule's fixes give (`None` when the
      rule has no fix for it). `unsafe=True` when reaching `fixed` needs `--unsafe-fixes`.
    - `good`: text the rule must leave alone.
    - `options`: rule options for this example; `language`: the document language to assume.
    """

    __slots__ = ("bad", "filename", "fixed", "flagged", "good", "language", "options", "unsafe")
    _FIELDS = _REPR = _ALL = (
        "bad",
        "flagged",
        "fixed",
        "good",
        "unsafe",
        "options",
        "language",
        "filename",
    )
    bad: str | None
    flagged: str | None
    fixed: str | None
    good: str | None
    unsafe: bool
    options: Mapping[str, Any]
    language: str | None
    filename: str | None

    def __init__(
        self,
        bad: str | None = None,
        flagged: str | None = None,
        fixed: str | None = None,
        good: str | None = None,
        unsafe: bool = False,
        options: Mapping[str, Any] | None = None,
        language: str | None = None,
        filename: str | None = None,
    ) -> None:
        if (bad is None) == (good is None):
            raise ValueError("an Example has exactly one of `bad` or `good`")
        if bad is not None and not flagged:
            raise ValueError("a bad Example names the `flagged` text")
        if bad is not None and flagged and flagged not in bad:
            raise ValueError(f"`flagged` {flagged!r} is not in `bad` {bad!r}")
        fill(self, "bad", bad)
        fill(self, "flagged", flagged)
        fill(self, "fixed", fixed)
        fill(self, "good", good)
        fill(self, "unsafe", unsafe)
        fill(self, "options", {} if options is None else options)
        fill(self, "language", language)
        fill(self, "filename", filename)


_URLS: dict[str, str] = {}  # rule code -> its documentation URL


def _url(code: str) -> str:
    """The rule's documentation URL, formatted once per rule: a corpus run makes a diagnostic
    per finding."""
    url = _URLS.get(code)
    if url is None:
        url = _URLS[code] = DOCS_URL.format(code=code)
    return url


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement `check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    message: ClassVar[str]  # summary; may hold `{...}` fields that `diagnostic()` fills
    severity: ClassVar[Severity] = Severity.ERROR
    default_enabled: ClassVar[bool] = True
    languages: ClassVar[frozenset[str] | None] = ALL_LANGUAGES  # None: every language
    # "always", "sometimes" or "none": what `rule --all` shows in its fix column.
    fix_availability: ClassVar[str] = "none"
    examples: ClassVar[tuple[Example, ...]] = ()
    # Option defaults; the configuration table `[tool.copydesk.<rule-name>]` overrides them and
    # must match their types.
    options: ClassVar[Mapping[str, Any]] = {}
    # Cross-file rules (text repeated across the files of one run): when True, the runner first
    # calls `collect(doc)` on every file of the run and counts the keys it yields; `check` then
    # reads `doc.run.count(self.code, key)` and `doc.run.files`. Without a run (the Python API,
    # stdin) `doc.run` holds only the document itself.
    collects: ClassVar[bool] = False

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        self.settings: dict[str, Any] = dict(self.options)
        if options:
            self.settings.update(options)

    # -- what subclasses write -----------------------------------------------------------------

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        raise NotImplementedError

    @classmethod
    def validate_options(cls, options: Mapping[str, Any]) -> list[str]:
        """Problems with configured option values beyond their types, one line each; the
        configuration loader turns them into an error (exit 2) before any file is checked."""
        return []

    def collect(self, doc: Document) -> Iterable[Hashable]:
        """Keys this file contributes to the run-wide counts (only when `collects`)."""
        return ()

    def warm_up(self) -> None:
        """Build what only pays over many files (a screen that costs more to make than one
        page gains from it). A corpus run calls this once, after checking its first file and
        before its workers fork, so that they share what it builds; a run over a few files
        never calls it."""

    # -- helpers -------------------------------------------------------------------------------

    def applies_to(self, doc: Document) -> bool:
        """English-only rules stay silent on a German article (an undecided language runs them)."""
        if self.languages is None:
            return True
        lang = doc.language
        return lang is None or lang in self.languages

    def diagnostic(
        self,
        start: int,
        end: int,
        *,
        message: str | None = None,
        fix: Fix | None = None,
        severity: Severity | None = None,
        **fields: Any,
    ) -> Diagnostic:
        """A diagnostic at source offsets `[start, end)`; `fields` fill the message template."""
        text = message if message is not None else self.message
        if fields:
            text = text.format(**fields)
        code = self.code
        return Diagnostic(
            code, self.name, text, start, end, severity or self.severity, fix, _url(code)
        )

    def diagnostics(self, rows: Iterable[tuple[int, int, str, Fix | None]]) -> Iterator[Diagnostic]:
        """`self.diagnostic(start, end, message=message, fix=fix)` for each `(start, end,
        message, fix)` of `rows`, with what they share looked up once: a rule can make
        hundreds of findings on a page, and the keyword call is much of the cost of each."""
        code, name, severity = self.code, self.name, self.severity
        url = _url(code)
        for start, end, message, fix in rows:
            yield Diagnostic(code, name, message, start, end, severity, fix, url)

    def block_diagnostic(
        self, block: Block, a: int, b: int, *, fix: Fix | None = None, **kw: Any
    ) -> Diagnostic:
        """A diagnostic at prose offsets `[a, b)` of `block`."""
        s, e = block.span(a, b)
        return self.diagnostic(s, e, fix=fix, **kw)

    # -- documentation -------------------------------------------------------------------------

    @classmethod
    def family(cls) -> str:
        return cls.code[:2]

    @classmethod
    def doc(cls) -> str:
        import inspect  # docs only: a check never imports it (it pulls in ast, dis, tokenize)

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.message.replace("{", "").replace("}", "")

    @classmethod
    def validate(cls) -> list[str]:
        """Problems with the rule's metadata (a test asserts there are none)."""
        errors = []
        if not _CODE.fullmatch(getattr(cls, "code", "")):
            errors.append("code must be family letters plus three digits")
        if not _NAME.fullmatch(getattr(cls, "name", "")):
            errors.append("name must be kebab-case")
        if not getattr(cls, "message", ""):
            errors.append("message is empty")
        doc = cls.__doc__ or ""  # the raw docstring holds the same headings as `doc()`
        for section in DOC_SECTIONS:
            if f"## {section}" not in doc:
                errors.append(f"docstring lacks '## {section}'")
        if not any(e.bad is not None for e in cls.examples):
            errors.append("no bad example")
        if not any(e.good is not None for e in cls.examples):
            errors.append("no good example")
        if cls.fix_availability not in ("always", "sometimes", "none"):
            errors.append("fix_availability must be always, sometimes or none")
        return errors


def check_choice(options: Mapping[str, Any], key: str, choices: Iterable[str]) -> list[str]:
    """A `validate_options` helper: the option `key` must be one of `choices`."""
    allowed = tuple(choices)
    if key in options and options[key] not in allowed:
        return [f"`{key}` must be one of {', '.join(map(repr, allowed))}"]
    return []


class RuleLoadError(Exception):
    pass


class RuleError(RuntimeError):
    """A failure a rule reports in words meant for the user (a pattern that timed out): the
    run stops with the message as it is, not as a crash."""


def _rules_from(obj: Any) -> list[type[Rule]]:
    """Rules from an entry point's object: a Rule class, a module with RULES, or an iterable."""
    if isinstance(obj, type) and issubclass(obj, Rule):
        return [obj]
    if hasattr(obj, "RULES"):
        obj = obj.RULES
    if isinstance(obj, Iterable):
        out = []
        for item in obj:
            if not (isinstance(item, type) and issubclass(item, Rule)):
                raise RuleLoadError(f"{item!r} is not a copydesk Rule subclass")
            out.append(item)
        return out
    raise RuleLoadError(f"{obj!r} is neither a Rule, a module with RULES, nor a list of rules")


def _plugin_rules() -> list[type[Rule]]:
    if not _plugins_declared():
        return []
    from importlib.metadata import entry_points

    out: list[type[Rule]] = []
    for ep in entry_points(group="copydesk.rules"):
        try:
            out.extend(_rules_from(ep.load()))
        except RuleLoadError as exc:
            raise RuleLoadError(f"plugin {ep.name} ({ep.value}): {exc}") from None
        except Exception as exc:
            raise RuleLoadError(f"plugin {ep.name} ({ep.value}) failed to load: {exc}") from None
    return out


def _plugins_declared() -> bool:
    """Whether any installed distribution may declare `copydesk.rules` entry points.

    `importlib.metadata` parses every distribution's metadata, about 15 ms in a typical
    environment: a tenth of a one-file run. Reading the `entry_points.txt` files directly and
    looking for the group name is a few milliseconds, and an environment without plugins (the
    usual case) stops there. Anything this scan cannot see (a zip on `sys.path`) takes the
    full path.
    """
    for entry in sys.path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return True  # a zip file or another importer: ask importlib.metadata
            continue
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                try:
                    with open(os.path.join(folder, name, "entry_points.txt"), "rb") as fh:
                        if b"copydesk.rules" in fh.read():
                            return True
                except OSError:
                    continue
    return False


class RuleInfo(NamedTuple):
    """What choosing rules needs to know of one, without importing it."""

    code: str
    name: str
    default_enabled: bool
    collects: bool
    module: str
    qualname: str

    @classmethod
    def of(cls, rule: type[Rule]) -> RuleInfo:
        return cls(
            rule.code,
            rule.name,
            rule.default_enabled,
            rule.collects,
            rule.__module__,
            rule.__qualname__,
        )


@cache
def rule_index() -> dict[str, RuleInfo]:
    """Every known rule by code, built-ins from the generated index (`copydesk.rules._index`),
    so that a run imports only the rules it selects: a one-file run with the default rules skips
    the opt-in ones, and a run served by the cache imports none. Plug-ins are imported, as
    their metadata lives in their classes."""
    from copydesk.rules._index import INDEX

    out = {code: RuleInfo(code, *entry) for code, entry in INDEX.items()}
    names = {info.name: code for code, info in out.items()}
    for cls in _plugin_rules():
        _check(cls)
        _claim(cls, names, clash=cls.code in out and out[cls.code].module != cls.__module__)
        out[cls.code] = RuleInfo.of(cls)
    return dict(sorted(out.items()))


def _check(cls: type[Rule]) -> None:
    """RuleLoadError when the rule's metadata has problems (`Rule.validate`)."""
    problems = cls.validate()
    if problems:
        raise RuleLoadError(f"rule {cls.__module__}.{cls.__name__}: {'; '.join(problems)}")


def _claim(cls: type[Rule], names: dict[str, str], *, clash: bool) -> None:
    """Record the rule's name in `names` (name -> code); RuleLoadError when another rule has
    its code (`clash`) or its name."""
    if clash:
        raise RuleLoadError(f"two rules share the code {cls.code}")
    if cls.name in names and names[cls.name] != cls.code:
        raise RuleLoadError(f"two rules share the name {cls.name}")
    names[cls.name] = cls.code


@cache
def load_rule(code: str) -> type[Rule]:
    """The class of one rule of `rule_index()`, imported (and checked) on first use."""
    info = rule_index()[code]
    try:
        module = import_module(info.module)
        cls: type[Rule] = getattr(module, info.qualname)
    except (ImportError, AttributeError) as exc:
        raise RuleLoadError(
            f"rule {code}: {info.module}.{info.qualname} failed to load: {exc} "
            "(for a built-in rule: regenerate the index, python -m copydesk.rules.index)"
        ) from None
    if RuleInfo.of(cls) != info:
        raise RuleLoadError(
            f"rule {code}: {info.module}.{info.qualname} does not match the rule index "
            "(regenerate it: python -m copydesk.rules.index)"
        )
    _check(cls)
    return cls


@cache
def registry() -> dict[str, type[Rule]]:
    """Every known rule by code: the built-ins, then installed plugins."""
    from copydesk.rules import builtin_rules

    rules: dict[str, type[Rule]] = {}
    names: dict[str, str] = {}
    for cls in [*builtin_rules(), *_plugin_rules()]:
        _check(cls)
        _claim(cls, names, clash=cls.code in rules and rules[cls.code] is not cls)
        rules[cls.code] = cls
    return dict(sorted(rules.items()))


def rule_by_name_or_code(key: str) -> type[Rule] | None:
    index = rule_index()
    if key.upper() in index:
        return load_rule(key.upper())
    for info in index.values():
        if info.name == key:
            return load_rule(info.code)
    return None
