"""The one hash behind every cache key and fingerprint: BLAKE2b.

Taken from `_blake2`, the module `hashlib.blake2b` itself comes from: importing `hashlib` first
loads OpenSSL, about 3 ms of every run, for a function it does not need.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b as blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b as blake2b

__all__ = ["blake2b"]
