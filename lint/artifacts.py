"""What copydesk derives from its sources at start-up, kept between runs.

A one-file pre-commit run used to spend about half its time deriving the same things every
time: compiling the rules' 300-odd patterns (`regex` and `re` parse a pattern in Python before
their C engines get it) and parsing the data files the rules ship (phrase tables, word lists in
TOML, parsed in Python too). This module keeps those results in one file beside copydesk's
bytecode, as Python keeps compiled modules in `__pycache__`, and the next run reads them back in
about a millisecond. `copydesk.patterns` stores the programs patterns compile to; `load_toml`
stores parsed data files.

Why this is safe:
- The file is tagged with everything the entries depend on: its own format, the Python build
  and the `regex` version. A file with any other tag, or a damaged one (a checksum covers the
  payload), is ignored: everything is derived afresh, as on a first run.
- Entries are keyed by their whole input (a pattern's source and flags; a data file's path, size
  and modification time), so a changed input is a new entry, never a stale hit.
- It is written the way Python writes bytecode: only when `sys.dont_write_bytecode` is off,
  atomically (a temporary file renamed over the old one, so concurrent runs never read half a
  file; entries another run saved meanwhile are merged, not lost), silently skipped where the
  folder is read-only, and only by the process that loaded it (never by forked workers).
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import sys
import threading
import zlib
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

_FORMAT = 1
_MAGIC = b"copydesk-artifacts\n"
_LIMIT = 4000  # entries; beyond it a save keeps only what its own run used


class Store:
    """Entries loaded from one file on first use and merged back into it at exit."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[Hashable, Any] = {}
        self.used: set[Hashable] = set()
        self.added = 0
        self.loaded = False
        self.owner = os.getpid()
        self.lock = threading.Lock()

    def get(self, key: Hashable) -> Any | None:
        if not self.loaded:
            self.load()
        self.used.add(key)
        return self.entries.get(key)

    def put(self, key: Hashable, value: Any) -> None:
        """Keep `value` (plain data that marshal takes) for the next run."""
        try:
            marshal.dumps(value)
        except ValueError:
            return
        self.entries[key] = value
        self.used.add(key)
        self.added += 1

    def load(self) -> None:
        self.loaded = True
        if self.path is None:
            return
        try:
            data = self.path.read_bytes()
        except OSError:
            return
        self.entries = decode(data) or {}

    def save(self) -> None:
        """Merge this run's new entries into the file (nothing to do when none were added)."""
        if not self.added or self.path is None or os.getpid() != self.owner:
            return
        if sys.dont_write_bytecode:
            return
        with self.lock:
            merged = dict(self.entries)
            with contextlib.suppress(OSError):
                merged = {**(decode(self.path.read_bytes()) or {}), **self.entries}
            if len(merged) > _LIMIT:
                merged = {k: v for k, v in self.entries.items() if k in self.used}
            with contextlib.suppress(OSError, ValueError):
                _write_atomic(self.path, encode(merged))
            self.added = 0


_REGEX_DEFAULT_VERSION = 0x2000  # regex.V0, what `regex.DEFAULT_VERSION` is unless changed


def _tag() -> bytes:
    """What the entries depend on; a file with another tag is ignored."""
    # regex's version without importing it (see copydesk.rx): its installed files.
    regex = sys.modules.get("regex")
    version = int(getattr(regex, "DEFAULT_VERSION", _REGEX_DEFAULT_VERSION))
    parts = (_FORMAT, sys.version, sys.implementation.cache_tag, _regex_files(), version)
    return repr(parts).encode()


_REGEX_FILES: tuple[tuple[str, int, int], ...] | None = None


def _regex_files() -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of regex's compiler and engine: any upgrade or
    reinstall changes them."""
    global _REGEX_FILES
    if _REGEX_FILES is None:
        out = []
        folder = regex_folder()
        if folder is not None:
            with contextlib.suppress(OSError):
                for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                    if entry.name.startswith("_") and entry.is_file():
                        st = entry.stat()
                        out.append((entry.name, st.st_size, st.st_mtime_ns))
        _REGEX_FILES = tuple(out)
    return _REGEX_FILES


def regex_folder() -> str | None:
    """Where the `regex` package is installed, found without importing it."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("regex")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return str(spec.submodule_search_locations[0])


def encode(entries: dict[Hashable, Any]) -> bytes:
    return _framed(_tag(), marshal.dumps(entries))


def decode(data: bytes) -> dict[Hashable, Any] | None:
    payload = _unframed(data, _tag())
    if payload is None:
        return None
    try:
        entries = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    return entries if isinstance(entries, dict) else None


def _framed(tag: bytes, payload: bytes) -> bytes:
    checksum = zlib.crc32(payload).to_bytes(4, "little")
    return _MAGIC + len(tag).to_bytes(4, "little") + tag + checksum + payload


def _unframed(data: bytes, tag: bytes) -> memoryview | None:
    """The payload of a file `_framed` with `tag`, or None for another tag or a damaged file."""
    if not data.startswith(_MAGIC):
        return None
    at = len(_MAGIC)
    size = int.from_bytes(data[at : at + 4], "little")
    at += 4
    if data[at : at + size] != tag:
        return None
    at += size
    view = memoryview(data)
    checksum, payload = data[at : at + 4], view[at + 4 :]
    if zlib.crc32(payload).to_bytes(4, "little") != checksum:  # a truncated or damaged file
        return None
    return payload


def blob(name: str, key: Hashable, build: Callable[[], bytes]) -> memoryview | None:
    """Bytes derived from installed data and too large for the store (which every run reads),
    in a file of their own beside it, read back while `key` (what they are derived from) is
    the same; otherwise `build()` makes them and they are written at once, atomically (by any
    process: a forked worker may be the first to need them). None, without building, where
    they could not be kept (Python writes no bytecode, or the folder is read-only): the caller
    then does without them rather than build them again on every run."""
    path = _store.path
    if path is None:
        return None
    path = path.with_name(f"{name}.{sys.implementation.cache_tag}.bin")
    tag = _tag() + repr(key).encode()
    with contextlib.suppress(OSError):
        found = _unframed(path.read_bytes(), tag)
        if found is not None:
            return found
    if sys.dont_write_bytecode or not _writable(path.parent):
        return None
    data = build()
    try:
        _write_atomic(path, _framed(tag, data))
    except OSError:
        return None
    return memoryview(data)


def _writable(folder: Path) -> bool:
    """Whether files can be made in `folder`, or in the nearest folder above it that exists."""
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return os.access(folder, os.W_OK)


def _write_atomic(path: Path, data: bytes) -> None:
    import tempfile  # only a run that adds entries writes

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".artifacts-", suffix=".tmp")
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
    name = f"artifacts.{sys.implementation.cache_tag}.bin"
    if sys.pycache_prefix:
        return Path(sys.pycache_prefix) / here.relative_to(here.anchor) / name
    return here / "__pycache__" / name


_store = Store(default_path())
atexit.register(lambda: _store.save())


def store() -> Store:
    return _store


def use_store(path: Path | None) -> Store:
    """Keep artifacts in `path` from now on (None: nowhere), after saving the current ones; for
    tests and embedders."""
    global _store
    _store.save()
    _store = Store(path)
    return _store


def load_toml(path: Path) -> dict[str, Any]:
    """`tomllib.load` of a data file, read back from the store while the file is unchanged.
    Raises OSError, or ValueError (tomllib's TOMLDecodeError) for invalid TOML."""
    st = path.stat()
    key = ("toml", str(path), st.st_size, st.st_mtime_ns)
    store = _store
    found = store.get(key)
    if isinstance(found, bytes):
        # Kept marshalled: every caller gets its own copy, free to change, as from tomllib.
        kept = marshal.loads(found)
        if isinstance(kept, dict):
            return kept
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    with open(path, "rb") as fh:
        data: dict[str, Any] = tomllib.load(fh)
    with contextlib.suppress(ValueError):  # dates, which marshal does not take: not kept
        store.put(key, marshal.dumps(data))
    return data
