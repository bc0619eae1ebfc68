"""Bytes to text and back, keeping what the file had: BOM, line endings, final newline, mode.

The text a rule sees is the file's text exactly (line endings included, BOM stripped), so every
offset is an offset into what is on disk and a fix never has to translate line endings.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
from pathlib import Path
from typing import NamedTuple

# Files above this size are reported, not read: no article is 10 MB long, and a stray dump must
# not stall a commit hook. `--max-file-size` raises the limit.
DEFAULT_MAX_BYTES = 10_000_000  # 10 MB, as `--max-file-size` counts them (not MiB)


class SourceError(Exception):
    """A file that cannot be checked: a one-line message without the path (the caller adds it)."""


class Source(NamedTuple):
    """A file's text as read, with what writing it back must keep (BOM, line endings)."""

    path: str  # as given on the command line, or the --stdin-filename
    text: str
    bom: bool = False
    # Set when the text was read from disk; a write then first checks that the file still holds
    # this text, so that it never clobbers a concurrent change.
    mtime_ns: int | None = None
    size: int | None = None

    @property
    def newline(self) -> str:
        """The file's dominant line ending, for text a fix inserts."""
        crlf = self.text.count("\r\n")
        lf = self.text.count("\n") - crlf
        return "\r\n" if crlf > lf else "\n"


def decode(data: bytes) -> tuple[str, bool]:
    """Decode UTF-8 (with or without a BOM). Raise SourceError with a clear reason otherwise."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        raise SourceError(
            "file is UTF-16 (it starts with a UTF-16 byte-order mark); only UTF-8 is read"
        )
    if b"\x00" in data[:8192] or b"\x00" in data:
        raise SourceError("binary file (it contains NUL bytes); skipped")
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[3:] if bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if bom else 0)
        raise SourceError(
            f"invalid UTF-8 at byte {offset} (0x{data[offset]:02x}); only UTF-8 is read"
        ) from None
    return text, bom


def check_has_text(text: str) -> None:
    if not text:
        raise SourceError("file is empty")
    if text.isspace():
        raise SourceError("file has no text (whitespace only)")


def read_source(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise SourceError("no such file") from None
    except OSError as exc:
        raise SourceError(f"cannot stat: {exc.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        raise SourceError("not a regular file")
    if st.st_size > max_bytes:
        raise SourceError(
            f"file too large ({st.st_size / 1e6:.1f} MB, the limit is {max_bytes / 1e6:.1f} MB)"
        )
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise SourceError("file vanished before it could be read") from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror}") from None
    text, bom = decode(data)
    check_has_text(text)
    return Source(str(path), text, bom, st.st_mtime_ns, st.st_size)


def encode(source: Source, text: str) -> bytes:
    return (codecs.BOM_UTF8 if source.bom else b"") + text.encode("utf-8")


def write_source(source: Source, text: str) -> None:
    """Write `text` back atomically: a temporary file in the same folder, then a rename.

    The file keeps its mode and BOM. If the file changed on disk since it was read, nothing is
    written and SourceError says so; if it already holds `text` (a second copydesk run, which
    pre-commit may start in parallel, wrote the same fix first), there is nothing to do.
    """
    p = Path(source.path)
    try:
        st = p.stat()
    except OSError as exc:
        raise SourceError(f"cannot write: {exc.strerror}") from None
    if not os.access(p, os.W_OK):
        raise SourceError("file is read-only; not written")
    data = encode(source, text)
    # What the file held when it was read (decoding valid UTF-8 and encoding it again gives the
    # same bytes). Compared by content, not by (mtime, size): file times have the resolution of a
    # clock tick, so a same-size edit in the same tick would slip through and be overwritten.
    read = encode(source, source.text) if source.mtime_ns is not None else None
    import tempfile  # only writes need it: a check never imports it

    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".copydesk-tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        # Checked last, just before the rename, to keep the window in which someone else's
        # write could be lost as short as it can be without a lock.
        if read is not None:
            now = p.read_bytes()
            if now == data:
                os.unlink(tmp)  # another run wrote the same text: not an error
                return
            if now != read:
                raise SourceError("file changed on disk while it was checked; not written")
        os.replace(tmp, p)
    except BaseException as exc:
        # Whatever stops the write (an error, a full disk, Ctrl-C), leave no temporary file
        # behind in the user's folder.
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise SourceError(f"cannot write: {exc.strerror}") from None
        raise
