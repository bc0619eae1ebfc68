"""Compiled patterns, kept between runs.

`regex` and `re` parse a pattern in Python before they hand a program to their C engines, and a
one-file pre-commit run used to spend about 60 ms of its 240 compiling the rules' 300-odd
patterns. This module keeps, for each pattern, the arguments of that C constructor (the program
as lists of ints, the group names, the required string) in one file beside copydesk's
bytecode, as Python keeps compiled modules in `__pycache__`, so the next run builds each pattern
from them in microseconds.

Every rule and the engine compile through `compile` (the `regex` module) and `compile_re` (the
standard library's `re`), never `regex.compile` or `re.compile` directly.

Why this is safe:
- The file is keyed by everything the programs depend on: the Python build, the `regex`
  version and its default version. A file with any other key, a damaged file (a checksum covers
  the payload) or a constructor that refuses the arguments means the pattern is compiled as usual.
- The arguments are captured from the library's own compile of the very same pattern and flags,
  so a stored pattern is the object `regex.compile` would have returned.
- It is written the way Python writes bytecode: only when `sys.dont_write_bytecode` is off,
  atomically (a temporary file renamed over the old one, so concurrent runs never see half a
  file), silently skipped where the folder is read-only, and only by the process that loaded
  it (never by forked workers).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import marshal
import os
import re
import sys
import threading
import zlib
from pathlib import Path
from typing import Any

import regex

_FORMAT = 1
_MAGIC = b"copydesk-patterns\n"
_LIMIT = 4000  # entries; beyond it a save keeps only what its run used

# The C constructors. Both are private APIs, which is why every use is guarded by a fallback.
_regex_c: Any = importlib.import_module("regex._regex")
_regex_main: Any = importlib.import_module("regex._main")
_sre_compiler: Any = importlib.import_module("re._compiler")

Key = tuple[str, str, int]  # ("x" for regex or "re", source, flags)


class _Store:
    """The arguments of every pattern compiled so far, loaded from and saved to one file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[Key, tuple[Any, ...]] = {}
        self.used: set[Key] = set()
        self.added = 0
        self.loaded = False
        self.owner = os.getpid()
        self.lock = threading.Lock()

    def load(self) -> None:
        self.loaded = True
        if self.path is None:
            return
        try:
            data = self.path.read_bytes()
        except OSError:
            return
        self.entries = _decode(data) or {}

    def save(self) -> None:
        """Merge this run's new entries into the file (a no-op when nothing was added)."""
        if not self.added or self.path is None or os.getpid() != self.owner:
            return
        if sys.dont_write_bytecode:
            return
        with self.lock:
            merged = dict(self.entries)
            with contextlib.suppress(OSError):
                merged = {**(_decode(self.path.read_bytes()) or {}), **self.entries}
            if len(merged) > _LIMIT:
                merged = {k: v for k, v in self.entries.items() if k in self.used}
            with contextlib.suppress(OSError, ValueError):
                _write_atomic(self.path, _encode(merged))
            self.added = 0


def _tag() -> bytes:
    """What the stored programs depend on; a file with another tag is ignored."""
    parts = (_FORMAT, sys.version, sys.implementation.cache_tag, regex.__version__)
    return repr((*parts, int(_regex_main.DEFAULT_VERSION))).encode()


def _encode(entries: dict[Key, tuple[Any, ...]]) -> bytes:
    payload = marshal.dumps(entries)
    tag = _tag()
    checksum = zlib.crc32(payload).to_bytes(4, "little")
    return _MAGIC + len(tag).to_bytes(4, "little") + tag + checksum + payload


def _decode(data: bytes) -> dict[Key, tuple[Any, ...]] | None:
    if not data.startswith(_MAGIC):
        return None
    at = len(_MAGIC)
    size = int.from_bytes(data[at : at + 4], "little")
    at += 4
    if data[at : at + size] != _tag():
        return None
    at += size
    checksum, payload = data[at : at + 4], data[at + 4 :]
    if zlib.crc32(payload).to_bytes(4, "little") != checksum:  # a truncated or damaged file
        return None
    try:
        entries = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    return entries if isinstance(entries, dict) else None


def _write_atomic(path: Path, data: bytes) -> None:
    import tempfile  # only a run that adds patterns writes

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".patterns-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide the file from other users, unlike a .pyc
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def default_path() -> Path:
    """Beside copydesk's own bytecode, where Python would put it (`sys.pycache_prefix` too)."""
    here = Path(__file__).resolve().parent
    name = f"patterns.{sys.implementation.cache_tag}.bin"
    if sys.pycache_prefix:
        return Path(sys.pycache_prefix) / here.relative_to(here.anchor) / name
    return here / "__pycache__" / name


_store = _Store(default_path())
atexit.register(_store.save)


def use_store(path: Path | None) -> None:
    """Keep patterns in `path` from now on (None: nowhere); for tests and embedders."""
    global _store
    _store.save()
    _store = _Store(path)


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


def _build(key: Key, store: _Store) -> Any | None:
    args = store.entries.get(key)
    if args is None:
        return None
    c_module = _regex_c if key[0] == "x" else _sre_compiler._sre
    try:
        return c_module.compile(key[1], *args)
    except Exception:  # arguments from a damaged or foreign file: compile as usual
        return None


def _remember(key: Key, store: _Store, args: tuple[Any, ...] | None, source: str) -> None:
    if not args or args[0] != source:
        return
    try:
        plain = _plain(args[1:])
        marshal.dumps(plain)
    except (TypeError, ValueError):
        return
    store.entries[key] = plain
    store.added += 1


def compile(source: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile(source, flags)`, built from the stored program when there is one."""
    store = _store
    if not store.loaded:
        store.load()
    key: Key = ("x", source, int(flags))
    store.used.add(key)
    built = _build(key, store)
    if built is not None:
        return built
    try:
        pattern, args = _captured(
            _regex_main, "_regex", lambda: regex.compile(source, flags, cache_pattern=False)
        )
    except regex.error:
        raise
    except Exception:  # the library changed inside: compile the ordinary way
        return regex.compile(source, flags)
    _remember(key, store, args, source)
    return pattern


def compile_re(source: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(source, flags)`, built from the stored program when there is one."""
    store = _store
    if not store.loaded:
        store.load()
    key: Key = ("re", source, int(flags))
    store.used.add(key)
    built = _build(key, store)
    if built is not None:
        return built  # type: ignore[no-any-return]
    try:
        pattern, args = _captured(
            _sre_compiler, "_sre", lambda: _sre_compiler.compile(source, int(flags))
        )
    except re.error:
        raise
    except Exception:
        return re.compile(source, flags)
    _remember(key, store, args, source)
    return pattern  # type: ignore[no-any-return]
