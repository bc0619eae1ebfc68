"""The encoding (EN) rules beyond their examples: spans, plans, lazy ftfy, markup, corpora."""

from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.api import check_text, fix_text
from copydesk.document import Document
from copydesk.rules.encoding._mojibake import describe_plan, diff_spans, repair_line

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
EN = ["EN001", "EN002", "EN003", "EN004", "EN005", "EN006", "EN007"]


def codes(text: str, filename: str | None = None, select: list[str] = EN) -> list[str]:
    return [d.code for d in check_text(text, filename=filename, select=select)]


def flagged(text: str, code: str, filename: str | None = None) -> list[str]:
    return [text[d.start : d.end] for d in check_text(text, filename=filename, select=[code])]


# -- EN001: spans, plans, ftfy ------------------------------------------------------------------


def apply_spans(a: str, b: str, spans: list[tuple[int, int, int, int]]) -> str:
    out = a
    for i1, i2, j1, j2 in reversed(spans):
        out = out[:i1] + b[j1:j2] + out[i2:]
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab Ãé©â€™\xa0 xyz", min_size=1, max_size=40),
    st.text(alphabet="ab é’ \xa0xyz", max_size=40),
)
def test_diff_spans_rebuild_the_repair(a: str, b: str) -> None:
    spans = diff_spans(a, b)
    assert apply_spans(a, b, spans) == b
    last = -1
    for i1, i2, _j1, _j2 in spans:
        assert i1 < i2, "every span marks at least one character"
        assert i1 >= last, "spans are in order and do not overlap"
        last = i2


def test_spans_are_the_repaired_sequences() -> None:
    line = "doesnÃ¢â‚¬â„¢t like CafÃ© but a naïve résumé is fine"
    found = repair_line(line)
    assert found is not None
    fixed, plan, spans = found
    assert fixed == "doesn’t like Café but a naïve résumé is fine"
    assert [line[i1:i2] for i1, i2, _, _ in spans] == ["Ã¢â‚¬â„¢", "Ã©"]
    assert "Windows-1252" in plan


def test_nbsp_mojibake_spans() -> None:
    line = "CÃ\xa0nan nan GÃ\xa0idheal"
    found = repair_line(line)
    assert found is not None
    fixed, _plan, spans = found
    assert fixed == "Cànan nan Gàidheal"
    assert [(line[i1:i2], fixed[j1:j2]) for i1, i2, j1, j2 in spans] == [("Ã\xa0", "à")] * 2


@pytest.mark.parametrize(
    ("steps", "words"),
    [
        ([("encode", "sloppy-windows-1252"), ("decode", "utf-8")], "UTF-8 read as Windows-1252"),
        ([("encode", "latin-1"), ("decode", "utf-8")], "UTF-8 read as Latin-1"),
        (
            [("encode", "sloppy-windows-1252"), ("decode", "utf-8")] * 3,
            "UTF-8 read as Windows-1252 three times",
        ),
        ([("encode", "macroman"), ("decode", "utf-8")], "UTF-8 read as Mac OS Roman"),
        (
            [("encode", "latin-1"), ("transcode", "restore_byte_a0"), ("decode", "utf-8")],
            "UTF-8 read as Latin-1 (no-break spaces turned into spaces)",
        ),
        ([("encode", "latin-1"), ("decode", "windows-1252")], "Windows-1252 read as Latin-1"),
    ],
)
def test_describe_plan(steps: list[tuple[str, str]], words: str) -> None:
    assert describe_plan(steps) == words


def test_message_names_the_plan() -> None:
    (d,) = check_text("Le Vigne di Zam√≤", select=["EN001"])
    assert "looks like UTF-8 read as Mac OS Roman" in d.message
    assert "`ò`" in d.message


def test_typography_is_not_mojibake() -> None:
    text = "“Curly” ‘quotes’, the ﬁ ligature, ＦＵＬＬ width, e\u0301 (not NFC) and 10 Å."
    assert codes(text) == []
    assert fix_text(text, select=EN, unsafe=True).text == text


def test_ftfy_is_imported_lazily() -> None:
    script = (
        "import sys\n"
        "import copydesk.rules.encoding\n"
        "from copydesk.api import check_text\n"
        "check_text('Plain ASCII text. Nothing to see.', select=['EN'])\n"
        "print('ftfy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_long_mojibake_line_is_fast_and_exact() -> None:
    clean = "Le café d’été à Zürich — naïve ‘résumé’ " * 2500  # 100 k characters, one line
    bad = clean.encode("utf-8").decode("cp1252")
    start = time.perf_counter()
    found = check_text(bad, select=["EN001"])
    assert time.perf_counter() - start < 15
    assert len(found) == 10 * 2500
    # Fixing is checked on a shorter line: the fixer's cost grows with the number of fixes.
    short = clean[: len(clean) // 100]
    assert fix_text(short.encode("utf-8").decode("cp1252"), select=["EN001"]).text == short


def test_only_the_line_with_mojibake_is_touched() -> None:
    text = "A naïve line.\nA cafÃ© line.\n"
    assert fix_text(text, select=["EN001"]).text == "A naïve line.\nA café line.\n"


# -- the ftfy test cases ----------------------------------------------------------------------

FTFY = CORPUS / "encoding" / "ftfy-cases"
needs_ftfy_cases = pytest.mark.skipif(not FTFY.exists(), reason="no ../shared/corpus")


def ftfy_cases() -> list[dict[str, str]]:
    cases: list[dict[str, str]] = []
    for f in sorted(FTFY.glob("*.json")):
        cases.extend(json.loads(f.read_text(encoding="utf-8")))
    return cases


@needs_ftfy_cases
def test_ftfy_negative_cases_are_clean() -> None:
    noisy = [
        c["label"]
        for c in ftfy_cases()
        if c["original"] == c.get("fixed-encoding", c["fixed"])
        and codes(c["original"], None, ["EN001"])
    ]
    assert noisy == []


@needs_ftfy_cases
def test_ftfy_positive_cases_are_found_and_fixed() -> None:
    positives = [
        c
        for c in ftfy_cases()
        if c["expect"] == "pass" and c["original"] != c.get("fixed-encoding", c["fixed"])
    ]
    assert len(positives) > 90
    missed = [c["label"] for c in positives if not codes(c["original"], None, ["EN001"])]
    wrong = [
        c["label"]
        for c in positives
        if fix_text(c["original"], select=["EN001"], unsafe=True).text
        != c.get("fixed-encoding", c["fixed"])
    ]
    assert missed == []
    assert wrong == []


# -- the other rules on real shapes -----------------------------------------------------------


def test_c1_mojibake_is_one_finding() -> None:
    text = "ok \x93senza modifiche\x94 all'Italicum."
    assert codes(text) == ["EN001", "EN001"]
    assert fix_text(text, select=EN, unsafe=True).text == "ok “senza modifiche” all'Italicum."


def test_undecodable_c1_is_a_control_character() -> None:
    assert flagged("These are here \x81 and \x1a", "EN003") == ["\x81", "\x1a"]


def test_bom_at_start_only_is_fine() -> None:
    assert codes("\ufeffTitle\n\nBody.") == []
    assert flagged("Title\n\n\ufeffBody.", "EN006") == ["\ufeff"]
    # A second BOM right after the file's own one is stray.
    assert flagged("\ufeff\ufeffTitle", "EN006") == ["\ufeff"]


def test_invisible_characters_outside_words_are_left_alone() -> None:
    for text in (
        "\u200b",
        "end of line\u200b\nnext",
        "two\u200b words",
        "and/\u200bor",
        "emoji 👨\u200d👩\u200d👧 family",
        "हिन्\u200dदी",
        "日本\u200b語",
    ):
        assert codes(text, select=["EN005"]) == [], repr(text)


def test_mixed_script_decisions() -> None:
    assert flagged("Sputnik: \u0421omment and Add Comment", "EN007") == ["\u0421omment"]
    assert flagged("Россия (\u0420усский) and (Pусский)", "EN007") == ["Pусский"]
    for good in ("IκBα", "PPARγ", "ΔH", "Aβ", "μM", "Яndex", "ВІКІ", "κB"):
        assert flagged(f"The {good} level rose.", "EN007") == [], good


# -- Markdown and HTML ------------------------------------------------------------------------

MD = """---
title: "CafÃ© &amp;amp; co\u200boperation"
---

# The cafÃ© **doesnâ€™t** open

Barnes &amp;amp; Noble said it didn&amp;#8217;t. Also \\&amp; here.

```
CafÃ© &amp;amp; co\u200boperation \x0b \ufffd
```

- a co\u200boperation item with [\u0420aris](https://example.com/CafÃ©/&amp;amp;) link
- *\u0420aris* and \u0420*aris*
"""


def test_markdown_prose_only_and_exact_fixes() -> None:
    found = check_text(MD, filename="a.md", select=EN)
    spans = [(d.code, MD[d.start : d.end]) for d in found]
    assert ("EN001", "Ã©") in spans
    assert ("EN004", "&amp;#8217;") in spans
    # Nothing in the front matter, the code fence or the link destination.
    front_end = MD.index("# The")
    fence = (MD.index("```"), MD.rindex("```"))
    url = (MD.index("(https"), MD.index(") link"))
    for d in found:
        assert d.start >= front_end
        assert not fence[0] <= d.start < fence[1]
        assert not url[0] <= d.start < url[1]
    fixed = fix_text(MD, filename="a.md", select=EN, unsafe=True).text
    assert "# The café **doesn’t** open" in fixed
    assert "Barnes & Noble said it didn’t. Also & here." in fixed
    assert "- a cooperation item with [Paris](https://example.com/CafÃ©/&amp;amp;) link" in fixed
    assert "- *Paris* and P*aris*" in fixed
    assert fixed[: MD.index("# The")] == MD[: MD.index("# The")]
    assert fixed[fixed.index("```") : fixed.rindex("```")] == MD[fence[0] : fence[1]]


def test_markdown_keeps_its_own_entities() -> None:
    # CommonMark decodes `&amp;` and `&#8217;`: the rendered text is right.
    assert codes("Barnes &amp; Noble didn&#8217;t.", "a.md") == []


def test_html_entities_are_markup_in_html() -> None:
    assert codes("<p>Barnes &amp; Noble didn&#8217;t.</p>", "a.html") == []


def test_html_soft_hyphens_are_hints_but_text_ones_are_debris() -> None:
    assert codes("<p>Not\u00adfall\u00addaten</p>", "a.html") == []
    assert codes("Not\u00adfall\u00addaten", "a.txt") == ["EN005", "EN005"]


def test_html_mojibake_in_text_and_alt() -> None:
    page = '<p>The cafÃ© opened.</p><img alt="Bengals v¬†Oakland" src="x.jpg">'
    found = check_text(page, filename="a.html", select=["EN001"])
    assert [page[d.start : d.end] for d in found] == ["Ã©", "¬†"]
    fixed = fix_text(page, filename="a.html", select=["EN001"]).text
    assert fixed == '<p>The café opened.</p><img alt="Bengals v\xa0Oakland" src="x.jpg">'


def test_mojibake_written_as_entities_is_fixed_in_the_source() -> None:
    page = "<p>The caf&Atilde;&copy; &amp; the bar.</p>"
    found = check_text(page, filename="a.html", select=["EN001"])
    assert [page[d.start : d.end] for d in found] == ["&Atilde;&copy;"]
    fixed = fix_text(page, filename="a.html", select=["EN001"]).text
    assert fixed == "<p>The café &amp; the bar.</p>"
    md = "The caf&Atilde;&copy; opened."
    assert fix_text(md, filename="a.md", select=["EN001"]).text == "The café opened."


# -- clean text and injected damage -----------------------------------------------------------

ARTICLES = CORPUS / "boilerplate" / "articles"


@pytest.mark.skipif(not ARTICLES.exists(), reason="no ../shared/corpus")
def test_clean_articles_at_most_one_finding_per_1000_sentences() -> None:
    sentences = 0
    per_code: dict[str, int] = {}
    for f in sorted(ARTICLES.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        sentences += len(Document(text, path=f.name).sentences)
        for d in check_text(text, filename=f.name, select=EN):
            per_code[d.code] = per_code.get(d.code, 0) + 1
    assert sentences > 5000
    assert {c: n for c, n in per_code.items() if 1000 * n / sentences > 1} == {}


def load_injectors() -> dict[str, object]:
    path = ROOT / "bench" / "injectors" / "encoding.py"
    spec = importlib.util.spec_from_file_location("bench_injectors_encoding_test", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.INJECTORS)


SENTENCES = [
    "The minister said on Tuesday that the talks would resume in Geneva next week.",
    "“We’re not there yet,” she said — and the crowd laughed.",
    "Prices rose 3.5% in March, the fastest pace since 1990–2000 ended.",
]


@pytest.mark.parametrize("code", EN)
def test_injected_damage_is_found(code: str) -> None:
    inject = load_injectors()[code]
    rng = random.Random(7)
    tried = found = 0
    for _ in range(20):
        for clean in SENTENCES:
            assert codes(clean, select=[code]) == []
            bad = inject(clean, rng)  # type: ignore[operator]
            if bad is None:
                continue
            tried += 1
            found += bool(codes(bad, select=[code]))
    assert tried >= 20
    assert found / tried >= 0.9
