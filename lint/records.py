"""Immutable records written out by hand instead of with `dataclasses`.

Importing `dataclasses` (with the `inspect` module it needs) and building one frozen dataclass
costs about 4 million instructions each: the twenty-odd records a one-file run touched were a
sixth of its whole time. A record here lists its fields in `__slots__`, fills them in its own
`__init__` (through `fill`, as assignment is refused) and returns them from `_fields`, which
equality, hashing and pickling use.
"""

from __future__ import annotations

fill = object.__setattr__  # how a frozen record fills its slots in __init__


class Frozen:
    """Base of the immutable records: no assignment, value equality, hashing, pickling."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def _fields(self) -> tuple[object, ...]:
        """The values that make the record: compared, hashed and pickled."""
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __reduce__(self) -> tuple[object, ...]:
        return (self.__class__, self._fields())
