"""Immutable records written out by hand instead of with `dataclasses`.

Importing `dataclasses` (with the `inspect` module it needs) and building one frozen dataclass
costs about 4 million instructions each, and a frozen dataclass's `__init__` is twice as slow
per instance: the twenty-odd records a one-file run touched were a sixth of its whole time. A
record lists its fields in `__slots__`, fills them in its own `__init__` through `fill` (plain
assignment is refused), and names them for the shared behaviour: equality and hash over
`_FIELDS`, repr over `_REPR`, pickling over `_ALL`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

fill = object.__setattr__  # how a record fills its slots in __init__


def slot_setters(cls: type, *names: str) -> tuple[Callable[[Any, Any], None], ...]:
    """The setters of `cls`'s slots `names`, in order, for the `__init__` of a record made
    once per finding, block or sentence: calling a slot's own setter skips the look-up by name
    that `fill` makes (0.92 -> 0.77 us a diagnostic, whose nine slots are most of its making)."""
    return tuple(vars(cls)[name].__set__ for name in names)


class Frozen:
    """Base of the immutable records: no assignment, value equality, hashing, repr, pickling."""

    __slots__ = ()
    _FIELDS: ClassVar[tuple[str, ...]] = ()  # what equality and the hash compare
    _REPR: ClassVar[tuple[str, ...]] = ()  # what repr shows
    _ALL: ClassVar[tuple[str, ...]] = ()  # what pickling keeps (every slot)

    def _key(self) -> tuple[Any, ...]:
        return tuple([getattr(self, f) for f in self._FIELDS])

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, Frozen):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        fields = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._REPR)
        return f"{self.__class__.__qualname__}({fields})"

    def __getstate__(self) -> tuple[Any, ...]:
        return tuple([getattr(self, f) for f in self._ALL])

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for f, v in zip(self._ALL, state, strict=True):
            fill(self, f, v)
