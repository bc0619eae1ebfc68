"""Artifact injectors for bench/quality.py: one module per rule family.

bench/quality.py imports every `bench/injectors/*.py` (this file excepted) and reads its
`INJECTORS`, a `dict[str, Callable[[str, random.Random], str | None]]` that maps a rule code
to a function. The function gets one clean sentence and a seeded random generator, and
returns the sentence with one artifact of the kind that rule must find, or None when the
sentence offers no place for it. It must draw all randomness from the generator it is given
(so runs are reproducible) and must not return a corruption that is correct text.

A module may also define `TARGETS: dict[str, float]`, the recall each code must reach
(default 0.9), and `REPAIRS: frozenset[str]`, the codes whose fixes must give the clean
sentence back (the bench then reports how often they do).

A code is owned by one module; two modules naming the same code is an error.
"""
