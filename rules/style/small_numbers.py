"""ST104 small-number-as-figure."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

from copydesk import patterns, rx
from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Block, Document
from copydesk.lazy import LazyRegex
from copydesk.rule import Example, Rule
from copydesk.rules.punctuation._common import screened_matches

WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

# A lone digit 1-9 that is not part of a larger number, a decimal, a time, a score, a ratio, a
# range, an age (`5-year-old`), a list marker (`1.`, `(2)`), a measure with a symbol (`5%`,
# `$5`, `5°`) or an ordinal, followed by a lower-case word: "3 soldiers", "5 times".
FIGURE = LazyRegex(
    r"(?<![\w$€£¥#@%&*+\-−–—/.,:'’])([1-9])(?![\w%°′″'’.,:/\-–)\]])[ \u00a0]+([a-z][a-z’'-]*)"
)
# Words after the figure where AP and most news styles keep figures: units and measures,
# money, times, ratios and ranges, large-number words, and "a.m."/"p.m.".
KEEP_BEFORE = frozenset(
    """
    percent per cent pct point points million billion trillion thousand hundred dozen
    a p am pm o'clock o’clock
    to or and in out of by x
    km kms kg kgs g mg m cm mm mi ft in lb lbs oz mph kph kmh mps gb mb tb kb ghz mhz kw mw gw
    kwh mwh hp cc ml l ha sq
    feet foot inch inches yard yards meter meters metre metres kilometer kilometers kilometre
    kilometres centimeter centimeters millimeter millimeters mile miles pound pounds ounce
    ounces gram grams kilogram kilograms ton tons tonne tonnes gallon gallons liter liters
    litre litres acre acres hectare hectares degree degrees cents cent dollars dollar euros
    euro bits bytes megabytes gigabytes terabytes megapixel megapixels star stars
    cup cups tsp tbsp teaspoon teaspoons tablespoon tablespoons scoop scoops pinch clove cloves
    pint pints quart quarts
    """.split()
)
# Words before the figure that make it a label, a name or a quantity with a unit.
LABELS_BEFORE = frozenset(
    """
    no no. nos number numbers article articles chapter chapters section sections part parts
    page pages p. pp. room rooms route highway gate platform level grade phase stage round
    game week day act scene volume vol. episode season series category type model version
    step steps item items figure fig. table tier class division league row seat floor exit
    aged age ages size sizes rank ranked seed seeded channel line lines option box unit
    apartment flat suite lane pier terminal hall zone ward district precinct bus flight
    group groups
    """.split()
)
# A sentence with this many other figures is statistics, a recipe or a list, where news style
# keeps figures ("1 sack, 1 TFL, 2 QH").
DENSE = 3
# A line with more than STATS_MIN figures, more than STATS_RATIO of its words, is a table of
# statistics ("O'Hara 2 goals, 2 assists. Watts 1 goal. Bryan 1 goal, 1 assist.").
STATS_MIN = 4
STATS_RATIO = 0.2
_NUMBER = LazyRegex(r"[0-9]+")
# "5 years old", "3 months old": ages stay in figures.
AGE = LazyRegex(r"(?:years?|months?|weeks?|days?)[ \u00a0]+old\b")
# "1 in 5 voters", "3 to 5 days", "9 out of 10": the second figure of a ratio or a range.
RATIO_BEFORE = LazyRegex(r"[0-9][ \u00a0]+(?:in|of|out[ \u00a0]+of|to|or|and|by|x)[ \u00a0]+$")
_SENTENCE_END = frozenset(".!?")
# Words that open a sentence before a count ("The 3 men", "Only 2 votes"): capitalised because
# they start the sentence, not because the figure is part of a name.
OPENERS = frozenset(
    """
    the a an in on at by for with about only all some these those its his her their our my
    your nearly almost over under after before just another every each both all just more less
    fewer than at least most
    """.split()
)
# "Nov.", "Gen.", "St.": a capitalised abbreviation does not end the sentence before a figure.
ABBREVIATION = LazyRegex(r"\p{Lu}[\p{L}]{0,4}\.")


# Where `FIGURE` may match: a digit, spaces and a lower-case letter (found far faster than
# `regex` tries `FIGURE`'s look-behind at every character; by `regex` too, which scans for the
# digits four times faster than `re` does: 2 ms instead of 9 on tier M).
_FIGURE_SCREEN = patterns.compile(r"[1-9][ \u00a0]+[a-z]")


def figures(text: str, starts: Iterable[int] | None = None) -> Iterator[rx.Match[str]]:
    """`FIGURE.finditer(text)`. A match starts at its digit, and holds no other digit, so the
    matches are those of `FIGURE.match` where the screen finds a digit (`starts`: where the
    screen's hits start, when the caller has them)."""
    return screened_matches(FIGURE, _FIGURE_SCREEN, text, starts)


def _prose_line(line: str) -> bool:
    """A line that ends like a sentence and is not a table of statistics ("Aden O'Hara 2
    goals, 2 assists. Bryan 1 goal."): a headline or a label keeps its figures."""
    if not line or line[-1] not in '.!?:;"”’)':
        return False
    n = len(_NUMBER.findall(line))
    return not (n > STATS_MIN and n > STATS_RATIO * len(line.split()))


_LAST_WORD = patterns.compile(r"(\S+)\s*$")


def _previous_word(text: str, i: int) -> str:
    m = _LAST_WORD.search(text[max(0, i - 40) : i])
    return m.group(1).lstrip("([{\"“‘'") if m else ""


class SmallNumberAsFigure(Rule):
    """## What it does
    Finds a number from one to nine written as a figure before a counted word ("3 soldiers"),
    where news style (AP, Reuters, most newspapers) spells it out and keeps figures for 10 and
    above.

    ## Why is this bad?
    House style spells out small numbers in running text; a stray figure is a sign of unedited
    or machine-translated copy.

    ## Example
    ```text
    The attack killed 3 soldiers.
    ```

    ## Use instead
    ```text
    The attack killed three soldiers.
    ```

    ## Fix safety
    Unsafe: numbers have many exceptions. Figures stay for ages (`5 years old`, `5-year-old`),
    percentages, money, measures and units, times, scores and ratios (`3-1`, `1 in 5`), large
    numbers (`3 million`), decimals, list markers, labels (`Article 4`, `No. 5`, `Category 3`,
    any capitalised word before the figure), and in headings and lines without a final
    punctuation mark (headlines use figures). A figure at the start of a sentence becomes a
    capitalised word.
    """

    code = "ST104"
    name = "small-number-as-figure"
    message = "Spell out `{match}` as `{word}` (news style writes one to nine in words)"
    default_enabled = False
    languages = frozenset({"en"})
    fix_availability = "always"
    examples = (
        Example(
            bad="The attack killed 3 soldiers.",
            flagged="3",
            fixed="The attack killed three soldiers.",
            unsafe=True,
        ),
        Example(
            bad="He said it. 4 people were hurt.",
            flagged="4",
            fixed="He said it. Four people were hurt.",
            unsafe=True,
        ),
        Example(
            bad="The 3 men met on Monday.",
            flagged="3",
            fixed="The three men met on Monday.",
            unsafe=True,
        ),
        Example(
            bad="They met 2 times in 12 days.",
            flagged="2",
            fixed="They met two times in 12 days.",
            unsafe=True,
        ),
        Example(good="The boy is 5 years old and his sister is a 7-year-old."),
        Example(good="Prices rose 3 percent, or 4% in May, and cost $5 each."),
        Example(good="Article 4 of the treaty; No. 3 seed; a Category 5 storm."),
        Example(good="It won 3-1 at 7 p.m., and 1 in 5 voters agreed."),
        Example(good="It costs 3 million dollars and weighs 2 kg, 3.5 tons in all."),
        Example(good="Top 5 things to see"),
        Example(good="The 19th month ended, and 2 000 people left."),
        Example(good="After the Nov. 9 loss at home, fans left."),
        Example(good="He had 1 sack, 1 tackle, 2 hurries and 1 pass defended."),
        Example(good="O'Hara 2 goals, 2 assists. Watts 1 goal. Bryan 1 goal, 1 assist."),
        Example(good="The sale covers games (Destiny 2 is free) and cells of group 2 kinds."),
        Example(good="Mix 1 cup flour with 2 tbsp. butter."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        search = _FIGURE_SCREEN.search
        finditer = _FIGURE_SCREEN.finditer
        for block in doc.blocks:
            if block.kind == "heading":
                continue
            text = block.text
            first = search(text)
            if first is None:
                continue  # no figure (most blocks)
            # The screen's hits: the first, and the others after it (one scan in all).
            starts = [first.start(), *(c.start() for c in finditer(text, first.end()))]
            lines: dict[int, bool] = {}  # line start: whether it is prose to check
            for m in figures(text, starts):
                # A match never spans a line break: its line (as `block.lines()` gives it) is
                # the one it starts on, judged once.
                la = text.rfind("\n", 0, m.start()) + 1
                ok = lines.get(la)
                if ok is None:
                    lb = text.find("\n", la)
                    if lb < 0:
                        lb = len(text)
                    if text[lb - 1 : lb] == "\r" and lb > la:
                        lb -= 1
                    ok = lines[la] = _prose_line(text[la:lb].rstrip())
                if not ok or self._dense(doc, block, m.start(1)):
                    continue
                yield from self._check_one(block, m)

    @staticmethod
    def _dense(doc: Document, block: Block, i: int) -> bool:
        """True when the sentence holding prose offset `i` has more than DENSE figures."""
        table = doc.cache.get("small-number-as-figure:sentences")
        if table is None:
            table = {}
            for s in doc.sentences:
                entry = table.setdefault(id(s.block), ([], [], {}))
                entry[0].append(s.start)
                entry[1].append(s.end)
            doc.cache["small-number-as-figure:sentences"] = table
        starts, ends, counts = table.get(id(block), ([], [], {}))
        k = bisect.bisect_right(starts, i) - 1
        if k < 0 or i >= ends[k]:
            return False
        n = counts.get(k)
        if n is None:  # counted for the sentences that hold a candidate only
            n = counts[k] = len(_NUMBER.findall(block.text, starts[k], ends[k]))
        return bool(n > DENSE)

    def _check_one(self, block: Block, m: rx.Match[str]) -> Iterator[Diagnostic]:
        text = block.text
        i = m.start(1)
        following = m.group(2).lower().rstrip("’'")
        if following in KEEP_BEFORE or AGE.match(text, m.start(2)):
            return
        before = _previous_word(text, i)
        if before.lower() in LABELS_BEFORE or RATIO_BEFORE.search(text, max(0, i - 30), i):
            return
        start = self._sentence_start(text, i)
        opener = before.lower() in OPENERS and self._sentence_start(text, i - len(before) - 1)
        if before[:1].isupper() and not opener and (not start or ABBREVIATION.fullmatch(before)):
            return  # a label, a name or a date: "Windows 7 users", "Apollo 8 crew", "Nov. 9 loss"
        word = WORDS[int(m.group(1)) - 1]
        if start:
            word = word.capitalize()
        edit = block.edit(i, i + 1, word)
        fix = Fix.unsafe(f"Write `{word}`", edit) if edit else None
        yield self.block_diagnostic(block, i, i + 1, fix=fix, match=m.group(1), word=word)

    @staticmethod
    def _sentence_start(text: str, i: int) -> bool:
        j = i
        while j > 0 and text[j - 1] in " \u00a0\t\"“‘'([":
            j -= 1
        return j == 0 or text[j - 1] in _SENTENCE_END or text[j - 1] == "\n"
