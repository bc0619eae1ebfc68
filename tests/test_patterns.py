"""copydesk.patterns: patterns built from the stored programs are the patterns compile returns."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import regex

from copydesk import artifacts, patterns

ROOT = Path(__file__).resolve().parent.parent

REGEX_CASES = [
    (r"(?<=\w)\.(?=[A-Z])", 0),
    (r"(?P<word>\p{Lu}\p{Ll}+)\s+(?P=word)", 0),
    (r"\b(?:leave a reply|skip to content)\b", regex.IGNORECASE),
    (r"(?x) \d{1,3} (?: [.,] \d{3} )+ # thousands", 0),
    (r"[\p{Cyrillic}\p{Greek}]+", regex.V1),
    (r"^\s*(?:•|\*|-)\s+$", regex.MULTILINE),
    (r"\L<names>", 0),  # a named list: stored programs must not drop the list
]
RE_CASES = [
    (r"(?<!\w)(\w+) \1\b", 0),
    (r"(?P<open>[(\[{])[^)\]}]*$", 0),
    (r"ﬁ|ﬂ|\u00a0", 0),
    (r"^#+ ", re.MULTILINE),
    (r"[a-z]+", re.IGNORECASE | re.ASCII),
]
TEXTS = [
    "Skip to content. Leave a Reply\nThe the cat sat. Putin Putin said",
    "1.234.567 and 12,345 (open [bracket {x}\n  •  \n- \n## Title",
    "Москва and Αθήνα, ﬁne\u00a0text, ÀÉÎ àéî, Dr.Smith and J.R.R. Tolkien",
    "",
]


def _behaviour(pattern: Any, texts: list[str]) -> list[Any]:
    seen: list[Any] = [pattern.pattern, pattern.flags, pattern.groups, dict(pattern.groupindex)]
    for text in texts:
        seen.append([(m.span(), m.groups()) for m in pattern.finditer(text)])
        seen.append(pattern.sub("<\\g<0>>", text))
    return seen


def _compile_regex(source: str, flags: int) -> Any:
    if "\\L<" in source:
        return regex.compile(source, flags, names=["Putin", "Tolkien"])
    return regex.compile(source, flags)


@pytest.mark.parametrize(("source", "flags"), REGEX_CASES)
def test_regex_from_store_behaves_as_compiled(store: Path, source: str, flags: int) -> None:
    if "\\L<" in source:
        # Named lists are keyword arguments compile does not take: such patterns go straight
        # to regex and are never stored.
        with pytest.raises(regex.error):
            patterns.compile(source, flags)
        return
    first = patterns.compile(source, flags)
    artifacts.use_store(store)  # saves, then starts over from the file
    assert store.exists()
    second = patterns.compile(source, flags)
    assert artifacts.store().added == 0, "the second run must build from the file, not compile"
    expected = _behaviour(_compile_regex(source, flags), TEXTS)
    assert _behaviour(first, TEXTS) == expected
    assert _behaviour(second, TEXTS) == expected


@pytest.mark.parametrize(("source", "flags"), RE_CASES)
def test_re_from_store_behaves_as_compiled(store: Path, source: str, flags: int) -> None:
    first = patterns.compile_re(source, flags)
    artifacts.use_store(store)
    second = patterns.compile_re(source, flags)
    assert artifacts.store().added == 0
    expected = _behaviour(re.compile(source, flags), TEXTS)
    assert _behaviour(first, TEXTS) == expected
    assert _behaviour(second, TEXTS) == expected


def test_bytes_re_from_store_behaves_as_compiled(store: Path) -> None:
    source = rb"\xe2\x80[\x80-\xbf]|(a)b"
    first = patterns.compile_re(source)
    artifacts.use_store(store)
    second = patterns.compile_re(source)
    assert artifacts.store().added == 0
    texts = [t.encode() for t in ("a\u2019b ab \u2014", "", "x\u20acy")]

    def behaviour(pattern: re.Pattern[bytes]) -> list[Any]:
        hits = [[(m.span(), m.groups()) for m in pattern.finditer(t)] for t in texts]
        return [pattern.pattern, pattern.flags, pattern.groups, hits]

    assert behaviour(first) == behaviour(second) == behaviour(re.compile(source))
    assert behaviour(first)[3][0] == [((1, 4), (None,)), ((6, 8), (b"a",)), ((9, 12), (None,))]


def test_store_is_used_without_compiling(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    patterns.compile(r"\bfoo\b", regex.IGNORECASE)
    patterns.compile_re(r"bar+")
    artifacts.use_store(store)

    def refuse(*args: Any) -> Any:
        raise AssertionError("compiled although the program was stored")

    monkeypatch.setattr(patterns, "_captured", refuse)
    assert patterns.compile(r"\bfoo\b", regex.IGNORECASE).search("a FOO b") is not None
    assert patterns.compile_re(r"bar+").fullmatch("barrr") is not None


def test_foreign_arguments_fall_back(store: Path) -> None:
    patterns.compile(r"abc", 0)
    artifacts.store().entries[("x", "abc", 0)] = ("nonsense",)
    assert patterns.compile(r"abc", 0).search("xabc") is not None


def test_invalid_patterns_raise_as_the_libraries_do(store: Path) -> None:
    with pytest.raises(regex.error):
        patterns.compile(r"(unclosed")
    with pytest.raises(re.error):
        patterns.compile_re(r"(unclosed")


def test_a_run_with_the_store_reports_exactly_what_a_run_without_does(tmp_path: Path) -> None:
    """The whole rule set over the seed: compiled from scratch, then built from the stored file."""
    seed = next((ROOT / "seeds").glob("*.txt"))
    prefix = tmp_path / "pycache"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(prefix)  # a store of this test's own, not the tree's

    def run() -> str:
        args = [sys.executable, "-m", "copydesk", "check", "--no-cache", "--output-format"]
        done = subprocess.run(
            [*args, "json-lines", str(seed)], capture_output=True, text=True, env=env, check=False
        )
        assert done.returncode == 1, done.stderr
        return done.stdout

    without = run()
    stores = list(prefix.rglob("artifacts.*.bin"))
    assert len(stores) == 1
    assert stores[0].stat().st_size > 10_000  # the rules' patterns, not only the engine's
    assert run() == without


def test_rx_flags_and_escape_are_regexs_own() -> None:
    from copydesk import rx

    for name in rx.FLAGS:
        assert getattr(rx, name) == int(getattr(regex, name)), name
    every = "".join(map(chr, range(0x3000))) + "\u3000\ufeff\U0001f600 a-b.c"
    assert rx.escape(every) == regex.escape(every)
    # Anything else is regex's own, imported on first use.
    assert rx.Pattern is regex.Pattern and rx.error is regex.error


def test_a_run_from_the_store_imports_no_pattern_compiler(tmp_path: Path) -> None:
    """A second one-file run builds every pattern with regex's C engine alone: the `regex`
    package (its compiler) is never imported, nor any heavy module only some runs need; and
    when regex is imported, patterns from both are alike."""
    seed = next((ROOT / "seeds").glob("*.txt"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pycache")
    probe = (
        "import sys; from copydesk import cli\n"
        "try:\n    cli.main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "heavy = ('regex._main', 'shutil', 'multiprocessing', 'hashlib', 'dataclasses',"
        " 'inspect', 'json', 'tempfile', 'difflib')\n"
        "print(not [m for m in heavy if m in sys.modules], file=sys.stderr)\n"
        "from copydesk import patterns; import regex\n"
        "p = patterns.compile(r'\\p{Lu}+', regex.V1)\n"
        "assert type(p) is type(regex.compile('x')) and p.findall('aBCd') == ['BC']\n"
    )
    args = [sys.executable, "-c", probe, "check", "--no-cache", str(seed)]
    runs = [subprocess.run(args, capture_output=True, text=True, env=env) for _ in range(2)]
    for done in runs:
        assert done.returncode == 0, done.stderr
    assert runs[0].stdout == runs[1].stdout
    assert runs[1].stderr.split()[-1] == "True", runs[1].stderr
