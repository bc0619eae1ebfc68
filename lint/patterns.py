"""Patterns compiled once, then built from their stored programs.

`regex` and `re` parse a pattern in Python before they hand a program to their C engines; a
one-file pre-commit run used to spend about 60 ms of its 240 compiling the rules' 300-odd
patterns. For each pattern this module keeps (in `copydesk.artifacts`, beside copydesk's
bytecode) the arguments of that C constructor: the program as lists of ints, the group names,
the required string. The next run builds the pattern from them in microseconds.

Every rule and the engine compile through `compile` (the `regex` module) and `compile_re` (the
standard library's `re`), never `regex.compile` or `re.compile` directly.

The arguments are captured from the library's own compile of the very same pattern and flags, so
a pattern built from them is the object `regex.compile` would have returned; the store is tagged
with the Python build and the `regex` version that produced them. The constructors are private
APIs: if one refuses stored arguments, or capturing fails, the pattern is compiled as usual.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import re
import sys
import threading
from typing import TYPE_CHECKING, Any, overload

from copydesk import artifacts

if TYPE_CHECKING:
    import regex


def _regex_engine() -> Any:
    """regex's C engine, `regex._regex`, loaded without running the `regex` package, which
    imports its pattern compiler (about a tenth of a one-file run; see `copydesk.rx`). When
    the package is imported later it finds the engine in `sys.modules`."""
    engine = sys.modules.get("regex._regex")
    if engine is not None:
        return engine
    try:
        folder = artifacts.regex_folder()
        assert folder is not None
        finder = importlib.machinery.FileFinder(
            folder,
            (importlib.machinery.ExtensionFileLoader, importlib.machinery.EXTENSION_SUFFIXES),
        )
        spec = finder.find_spec("regex._regex")
        assert spec is not None and spec.loader is not None
        engine = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(engine)
    except Exception:  # an unusual installation: the ordinary import
        return importlib.import_module("regex._regex")
    sys.modules["regex._regex"] = engine
    return engine


# The C constructors. Both are private APIs, which is why every use is guarded by a fallback.
_regex_c: Any = _regex_engine()
_sre_compiler: Any = importlib.import_module("re._compiler")

Key = tuple[str, str | bytes, int]  # ("x" for regex or "re", source (bytes: an re pattern), flags)


def _plain(value: Any) -> Any:
    """The value with int subclasses (flags, opcodes) made plain ints, so marshal takes it."""
    if value is None or isinstance(value, (bool, str, bytes, float)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    raise TypeError(f"cannot store {type(value).__name__}")


class _Capture:
    """Stands in for a C module during one compile and records its constructor's arguments."""

    def __init__(self, module: Any) -> None:
        self.module = module
        self.args: tuple[Any, ...] | None = None

    def compile(self, *args: Any) -> Any:
        self.args = args
        return self.module.compile(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.module, name)


_capture_lock = threading.Lock()


def _captured(owner: Any, attribute: str, make: Any) -> tuple[Any, tuple[Any, ...] | None]:
    """`make()` with `owner.attribute` (a C module) swapped for a recorder: (result, its args)."""
    with _capture_lock:
        real = getattr(owner, attribute)
        capture = _Capture(real)
        setattr(owner, attribute, capture)
        try:
            result = make()
        finally:
            setattr(owner, attribute, real)
    return result, capture.args


def _build(key: Key, store: artifacts.Store) -> Any | None:
    args = store.get(key)
    if not isinstance(args, tuple):
        return None
    c_module = _regex_c if key[0] == "x" else _sre_compiler._sre
    try:
        return c_module.compile(key[1], *args)
    except Exception:  # arguments from a damaged or foreign file: compile as usual
        return None


def _remember(
    key: Key, store: artifacts.Store, args: tuple[Any, ...] | None, source: str | bytes
) -> None:
    if not args or args[0] != source:
        return
    try:
        plain = _plain(args[1:])
    except TypeError:
        return
    store.put(key, plain)


def _compiled(
    key: Key,
    owner: Any,
    attribute: str,
    capturing: Any,
    plain: Any,
    error: type[Exception],
) -> Any:
    """The pattern of `key`: built from the store, or compiled by `capturing` (with the C
    module at `owner.attribute` recorded) and stored; `plain` compiles it the ordinary way
    when capturing fails for any reason but the pattern's own `error`."""
    store = artifacts.store()
    built = _build(key, store)
    if built is not None:
        return built
    try:
        pattern, args = _captured(owner, attribute, capturing)
    except error:
        raise
    except Exception:  # the library changed inside: compile the ordinary way
        return plain()
    _remember(key, store, args, key[1])
    return pattern


def compile(source: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile(source, flags)`, built from the stored program when there is one."""
    key = ("x", source, int(flags))
    built = _build(key, artifacts.store())
    if built is not None:
        return built
    import regex  # its compiler: only for a pattern the store does not hold yet

    return _compiled(
        key,
        importlib.import_module("regex._main"),
        "_regex",
        lambda: regex.compile(source, flags, cache_pattern=False),
        lambda: regex.compile(source, flags),
        regex.error,
    )


@overload
def compile_re(source: str, flags: int = 0) -> re.Pattern[str]: ...
@overload
def compile_re(source: bytes, flags: int = 0) -> re.Pattern[bytes]: ...
def compile_re(source: str | bytes, flags: int = 0) -> re.Pattern[Any]:
    """`re.compile(source, flags)`, built from the stored program when there is one (a bytes
    pattern too)."""
    return _compiled(  # type: ignore[no-any-return]
        ("re", source, int(flags)),
        _sre_compiler,
        "_sre",
        lambda: _sre_compiler.compile(source, int(flags)),
        lambda: re.compile(source, flags),
        re.error,
    )
