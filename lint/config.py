"""Configuration: discovery, validation and rule selection (ruff's conventions).

A configuration is `[tool.copydesk]` in `pyproject.toml`, or the top level of `copydesk.toml` /
`.copydesk.toml`. The closest one above a checked file applies to it; `--config` overrides.
Unknown keys and bad values are errors (exit 2), never silently ignored.

Declarative rules (`[[tool.copydesk.rule]]` / `[[rule]]` tables, and the `rule-files` the
configuration names, relative to it) join the selection through `Settings.extra_rules`: the
global `registry()` stays the built-ins and plug-ins, and every selection function takes the
extra rules of the configuration at hand into account.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from copydesk import artifacts, patterns
from copydesk.records import Frozen, fill
from copydesk.rule import Rule, load_rule, registry, rule_index

CONFIG_FILES = (".copydesk.toml", "copydesk.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".bzr",
    ".tox",
    ".nox",
    ".venv",
    "venv",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".copydesk_cache",
    "__pycache__",
    "node_modules",
    "site-packages",
    "build",
    "dist",
    "_build",
)


class ConfigError(Exception):
    """A configuration problem, with the file and key in its one-line message."""


class Settings(Frozen):
    """One configuration: rule selection, options, file globs, language."""

    _FIELDS = _REPR = _ALL = (
        "select",
        "extend_select",
        "ignore",
        "per_file_ignores",
        "exclude",
        "extend_exclude",
        "include",
        "language",
        "rule_options",
        "root",
        "path",
        "extra_rules",
        "lenient_selectors",
    )
    # The rule instances, made on first use: every file of a run asks for them (twice with a
    # cross-file rule), and making them took 36 microseconds each time. Rules keep no state
    # between documents (the fix loop already reuses them on every pass).
    __slots__ = (*_FIELDS, "_rules")
    select: tuple[str, ...] | None  # None: the default rule set
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...]
    exclude: tuple[str, ...]
    extend_exclude: tuple[str, ...]
    include: tuple[str, ...]
    language: str | None
    rule_options: Mapping[str, Mapping[str, Any]]
    root: Path  # the folder globs are relative to
    path: Path | None  # the configuration file, if any
    # Declarative rules this configuration defines (copydesk.declarative); Rule subclasses.
    extra_rules: tuple[type[Rule], ...]
    # Command-line selectors of declarative rules (`XH101`, `house-kyiv`): a run may span several
    # configurations, so one that does not define such a rule ignores the selector
    # (ConfigFinder.validate_overrides then checks that some configuration did).
    lenient_selectors: frozenset[str]

    def __init__(
        self,
        select: tuple[str, ...] | None = None,
        extend_select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = (),
        exclude: tuple[str, ...] = DEFAULT_EXCLUDE,
        extend_exclude: tuple[str, ...] = (),
        include: tuple[str, ...] = DEFAULT_INCLUDE,
        language: str | None = None,
        rule_options: Mapping[str, Mapping[str, Any]] | None = None,
        root: Path | None = None,
        path: Path | None = None,
        extra_rules: tuple[type[Rule], ...] = (),
        lenient_selectors: frozenset[str] = frozenset(),
    ) -> None:
        fill(self, "select", select)
        fill(self, "extend_select", extend_select)
        fill(self, "ignore", ignore)
        fill(self, "per_file_ignores", per_file_ignores)
        fill(self, "exclude", exclude)
        fill(self, "extend_exclude", extend_exclude)
        fill(self, "include", include)
        fill(self, "language", language)
        fill(self, "rule_options", {} if rule_options is None else rule_options)
        fill(self, "root", Path.cwd() if root is None else root)
        fill(self, "path", path)
        fill(self, "extra_rules", extra_rules)
        fill(self, "lenient_selectors", lenient_selectors)

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed (`dataclasses.replace`)."""
        values = {name: getattr(self, name) for name in self._FIELDS}
        unknown = set(changes) - set(values)
        if unknown:
            raise TypeError(f"Settings has no field {sorted(unknown)[0]!r}")
        return self.__class__(**{**values, **changes})

    def all_rules(self) -> dict[str, type[Rule]]:
        """Every rule this configuration can select: the registry plus its declarative rules."""
        return all_rules(self.extra_rules)

    def rule(self, key: str) -> type[Rule] | None:
        """A rule by code or name, declarative ones included (for `copydesk rule CODE`)."""
        rules = self.all_rules()
        if key.upper() in rules:
            return rules[key.upper()]
        return next((cls for cls in rules.values() if cls.name == key), None)

    def enabled_codes(self) -> frozenset[str]:
        return resolve_selection(
            self.select,
            self.extend_select,
            self.ignore,
            extra=self.extra_rules,
            lenient=self.lenient_selectors,
        )

    def ignored_for(self, filename: str) -> frozenset[str]:
        """Codes switched off for one file by `per-file-ignores`."""
        if not self.per_file_ignores:
            return frozenset()
        rel = relative(Path(filename), self.root)
        out: set[str] = set()
        for pattern, selectors in self.per_file_ignores:
            if match_glob(rel, pattern):
                out |= expand(
                    selectors, where=f"per-file-ignores[{pattern!r}]", extra=self.extra_rules
                )
        return frozenset(out)

    def is_excluded(self, path: Path, rel: str | None = None) -> bool:
        """Whether `path` (`rel`: its path relative to the root, when the caller knows it)
        matches an exclusion glob."""
        if rel is None:
            rel = relative(path, self.root)
        return match_any(rel, (*self.exclude, *self.extend_exclude))

    def is_included(self, path: Path) -> bool:
        # (normcase: on Windows the globs are matched without regard to case, as by fnmatch)
        globs = tuple(map(os.path.normcase, self.include))
        return _names(globs).match(path.name.lower()) is not None

    def rules(self) -> list[Rule]:
        """Instances of the selected rules, with their configured options. Only these rules'
        modules are imported."""
        made: tuple[Rule, ...] | None = getattr(self, "_rules", None)
        if made is None:
            extra = {cls.code: cls for cls in self.extra_rules}
            out = []
            for code in sorted(self.enabled_codes()):
                cls = extra.get(code) or load_rule(code)
                opts = {**self.rule_options.get(cls.name, {}), **self.rule_options.get(code, {})}
                out.append(cls(opts))
            made = tuple(out)
            fill(self, "_rules", made)
        return list(made)


def relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(_resolved(root)).as_posix()
    except ValueError:
        return path.as_posix()


@functools.cache
def _resolved(root: Path) -> Path:
    return root.resolve()


def match_glob(rel: str, pattern: str) -> bool:
    """ruff-style: a pattern matches the relative path, or any one of its path components."""
    return match_any(rel, (pattern,))


def match_any(rel: str, globs: tuple[str, ...]) -> bool:
    """Whether any of `globs` matches the relative path or one of its components (one pattern
    for them all: every file of a run is matched against the same eighteen default globs)."""
    whole, part = _globs(globs)
    if whole is not None and whole.match(rel):
        return True
    return part is not None and any(part.match(p) for p in rel.split("/"))


@functools.cache
def _globs(globs: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """`globs` compiled once into two alternations: the path itself or anything under it, and,
    for the globs without a slash, one component."""
    whole, part = [], []
    for pattern in globs:
        pattern = pattern.rstrip("/")
        whole += [fnmatch.translate(pattern), fnmatch.translate(pattern + "/*")]
        if "/" not in pattern:
            part.append(fnmatch.translate(pattern))
    return _alternation(whole), _alternation(part)


@functools.cache
def _names(globs: tuple[str, ...]) -> re.Pattern[str]:
    """File-name globs (`include`) as one pattern; an empty list matches nothing."""
    return _alternation([fnmatch.translate(g) for g in globs]) or patterns.compile_re(r"(?!)")


def _alternation(sources: list[str]) -> re.Pattern[str] | None:
    return patterns.compile_re("|".join(f"(?:{s})" for s in sources)) if sources else None


# -- selection -----------------------------------------------------------------------------------


def all_rules(extra: Iterable[type[Rule]] = ()) -> dict[str, type[Rule]]:
    """The registry plus declarative rules (which never share a code with it: config checks)."""
    extra = tuple(extra)
    if not extra:
        return registry()
    return dict(sorted({**registry(), **{cls.code: cls for cls in extra}}.items()))


def _choices(extra: Iterable[type[Rule]]) -> dict[str, tuple[str, bool]]:
    """Code: (name, on by default) of every rule selectable, none of them imported but `extra`."""
    out = {code: (info.name, info.default_enabled) for code, info in rule_index().items()}
    out.update({cls.code: (cls.name, cls.default_enabled) for cls in extra})
    return out


def expand(
    selectors: Iterable[str],
    *,
    where: str = "select",
    extra: Iterable[type[Rule]] = (),
    lenient: frozenset[str] = frozenset(),
) -> frozenset[str]:
    """Codes matched by selectors: `ALL`, a family or code prefix (`BP`, `PU1`), a code, a name.

    `extra` are declarative rules that join the registry; a selector in `lenient` that matches
    nothing is skipped instead of being an error.
    """
    reg = _choices(extra)
    out: set[str] = set()
    for sel in selectors:
        s = sel.strip()
        if s.upper() == "ALL":
            out |= set(reg)
            continue
        hits = {c for c in reg if c.startswith(s.upper())} if s[:1].isupper() else set()
        hits |= {c for c, (name, _on) in reg.items() if name == s}
        if not hits:
            if sel in lenient:
                continue
            raise ConfigError(f"{where}: unknown rule selector {sel!r}")
        out |= hits
    return frozenset(out)


def resolve_selection(
    select: Iterable[str] | None,
    extend_select: Iterable[str],
    ignore: Iterable[str],
    *,
    extra: Iterable[type[Rule]] = (),
    lenient: frozenset[str] = frozenset(),
) -> frozenset[str]:
    extra = tuple(extra)
    if select is None:
        base = {c for c, (_name, on) in _choices(extra).items() if on}
    else:
        base = set(expand(select, extra=extra, lenient=lenient))
    base |= expand(extend_select, where="extend-select", extra=extra, lenient=lenient)
    base -= expand(ignore, where="ignore", extra=extra, lenient=lenient)
    return frozenset(base)


def is_user_selector(selector: str) -> bool:
    """A selector that can only mean declarative rules: one in their code range (`X`, `XH`,
    `XH101`), or a rule name the registry does not know (`house-kyiv`)."""
    s = selector.strip()
    if s[:1] == "X":
        return True
    return s[:1].islower() and not any(info.name == s for info in rule_index().values())


# -- files ---------------------------------------------------------------------------------------


def _str_list(value: Any, key: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: `{key}` must be a list of strings")
    return tuple(value)


def _rule_table(value: Any, key: str, where: str) -> dict[str, Any]:
    from copydesk.rule import rule_by_name_or_code

    cls = rule_by_name_or_code(key)
    assert cls is not None
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: `{key}` must be a table of options")
    for opt, v in value.items():
        if opt not in cls.options:
            known = ", ".join(sorted(cls.options)) or "none"
            raise ConfigError(f"{where}: unknown option `{key}.{opt}` (known: {known})")
        default = cls.options[opt]
        if default is not None and not _same_type(default, v):
            raise ConfigError(
                f"{where}: `{key}.{opt}` must be {type(default).__name__}, not {type(v).__name__}"
            )
    # Values beyond their types (a choice among names, a range) are the rule's to judge.
    problems = cls.validate_options({**cls.options, **value})
    if problems:
        raise ConfigError(f"{where}: `{key}`: {'; '.join(problems)}")
    return dict(value)


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def settings_from_table(table: Mapping[str, Any], root: Path, path: Path | None) -> Settings:
    """Validate a `[tool.copydesk]` table into Settings."""
    where = str(path) if path else "configuration"
    extra = declarative_rules(table, root, where)
    kw: dict[str, Any] = {"root": root, "path": path, "extra_rules": extra}
    options: dict[str, dict[str, Any]] = {}
    from copydesk.rule import rule_by_name_or_code

    for key, value in table.items():
        if key in ("rule", "rule-files"):
            continue  # read first, by declarative_rules
        if key in ("select", "extend-select", "ignore"):
            items = _str_list(value, key, where)
            expand(items, where=f"{where}: {key}", extra=extra)
            kw[key.replace("-", "_")] = items
        elif key in ("exclude", "extend-exclude", "include"):
            kw[key.replace("-", "_")] = _str_list(value, key, where)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: `per-file-ignores` must be a table of glob = [codes]")
            pairs = []
            for glob, codes in value.items():
                items = _str_list(codes, f"per-file-ignores.{glob}", where)
                expand(items, where=f"{where}: per-file-ignores", extra=extra)
                pairs.append((glob, items))
            kw["per_file_ignores"] = tuple(pairs)
        elif key == "language":
            if not isinstance(value, str) or not (2 <= len(value) <= 3) or not value.isalpha():
                raise ConfigError(f'{where}: `language` must be an ISO 639-1 code like "en"')
            kw["language"] = value.lower()
        elif rule_by_name_or_code(key) is not None:
            options[key] = _rule_table(value, key, where)
        elif any(key in (cls.code, cls.name) for cls in extra):
            raise ConfigError(
                f"{where}: `{key}` is a declarative rule: it has no options table; "
                "change its definition instead"
            )
        else:
            raise ConfigError(f"{where}: unknown key `{key}`")
    return Settings(**kw, rule_options=options)


# -- declarative rules -----------------------------------------------------------------------

# Rule files shared by several configurations are built once: (path, mtime, size) -> rules.
_RULE_FILES: dict[tuple[Path, int, int], tuple[type[Rule], ...]] = {}


def declarative_rules(table: Mapping[str, Any], root: Path, where: str) -> tuple[type[Rule], ...]:
    """The rules of `rule-files` (relative to the configuration's folder) and `rule` tables."""
    if "rule" not in table and "rule-files" not in table:
        return ()
    from copydesk import declarative

    rules: list[type[Rule]] = []
    try:
        if "rule-files" in table:
            for name in _str_list(table["rule-files"], "rule-files", where):
                rules.extend(_rule_file(root / Path(name).expanduser()))
        if "rule" in table:
            rules.extend(declarative.build_rules(table["rule"], where))
        declarative.check_unique(rules, registry())
    except declarative.DefinitionError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    return tuple(rules)


def _rule_file(path: Path) -> tuple[type[Rule], ...]:
    from copydesk import declarative

    try:
        st = path.stat()
    except OSError as exc:
        raise declarative.DefinitionError(
            f"rule-files: {path}: {exc.strerror or 'cannot read'}"
        ) from None
    key = (path.resolve(), st.st_mtime_ns, st.st_size)
    if key not in _RULE_FILES:
        _RULE_FILES[key] = tuple(declarative.load_rule_file(path))
    return _RULE_FILES[key]


def load_file(path: Path) -> Settings | None:
    """Settings from one configuration file; None for a pyproject.toml without [tool.copydesk]."""
    try:
        data = artifacts.load_toml(path)
    except ValueError as exc:  # tomllib.TOMLDecodeError
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if "copydesk" not in tool:
            return None
        table = tool["copydesk"]
    else:
        table = data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: the copydesk configuration must be a table")
    return settings_from_table(table, path.parent, path)


def _selects(selector: str, extra: Iterable[type[Rule]]) -> bool:
    try:
        expand([selector], extra=extra)
    except ConfigError:
        return False
    return True


class ConfigFinder:
    """The closest configuration above each file, cached per folder."""

    def __init__(self, forced: Path | None = None, overrides: Mapping[str, Any] | None = None):
        self.overrides = dict(overrides or {})
        self._cache: dict[Path, Settings] = {}
        self._forced: Settings | None = None
        if forced is not None:
            loaded = load_file(forced) or Settings(root=forced.parent, path=forced)
            self._forced = self._apply(loaded)

    def _apply(self, s: Settings) -> Settings:
        """Command-line flags over file settings (ruff: --select replaces, the rest extend)."""
        o = self.overrides
        if not o:
            return s
        return s.replace(
            lenient_selectors=s.lenient_selectors | self._user_selectors(),
            select=o["select"] if o.get("select") is not None else s.select,
            extend_select=s.extend_select + tuple(o.get("extend_select") or ()),
            ignore=s.ignore + tuple(o.get("ignore") or ()),
            extend_exclude=s.extend_exclude + tuple(o.get("extend_exclude") or ()),
            language=o.get("language") or s.language,
        )

    def _user_selectors(self) -> frozenset[str]:
        o = self.overrides
        return frozenset(
            sel
            for key in ("select", "extend_select", "ignore")
            for sel in (o.get(key) or ())
            if is_user_selector(sel)
        )

    def validate_overrides(self) -> None:
        """Command-line selectors of declarative rules (`--select XH101`) must match a rule of
        some configuration this run loaded; a typo is an error, as for built-in codes."""
        pending = self._user_selectors()
        if not pending:
            return
        loaded = list(self._cache.values())
        if self._forced is not None:
            loaded.append(self._forced)
        if not loaded:
            loaded.append(self.for_dir(Path.cwd()))
        for sel in sorted(pending):
            if not any(_selects(sel, s.extra_rules) for s in loaded):
                raise ConfigError(
                    f"unknown rule selector {sel!r}: no configuration of this run defines it"
                )

    def for_dir(self, folder: Path) -> Settings:
        if self._forced is not None:
            return self._forced
        folder = folder.resolve()
        if folder in self._cache:
            return self._cache[folder]
        found: Settings | None = None
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                found = load_file(candidate)
                if found is not None:
                    break
        if found is None:
            parent = folder.parent
            found = self.for_dir(parent) if parent != folder else self._apply(Settings())
            self._cache[folder] = found
            return found
        found = self._apply(found)
        self._cache[folder] = found
        return found

    def for_path(self, path: Path) -> Settings:
        return self.for_dir(path if path.is_dir() else path.parent)
