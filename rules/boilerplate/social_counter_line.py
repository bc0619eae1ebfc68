"""BP102 social-counter-line: share bars, social-network button rows and counters."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress

from copydesk import patterns, rx
from copydesk.diagnostics import Diagnostic, Severity
from copydesk.document import Document
from copydesk.lazy import lazy_regex
from copydesk.rule import Example, Rule
from copydesk.rules.boilerplate._facts import SOCIAL, column, seen
from copydesk.rules.boilerplate._lines import (
    MEMO_SIZE,
    line_diagnostics,
    line_findings,
    line_texts,
    normalize,
)
from copydesk.rules.boilerplate._phrases import known_chrome_flags

NETWORKS = (
    "facebook twitter x linkedin whatsapp pinterest reddit tumblr instagram youtube tiktok "
    "snapchat telegram messenger flipboard pocket xing vk vkontakte weibo wechat qq line viber "
    "mastodon threads bluesky google+ digg stumbleupon mix"
).split()
# Words of a share bar besides the networks (English and the other table languages).
BUTTONS = (
    "share shares tweet email e-mail mail print sms copy link url pin save comment comments "
    "like likes reply subscribe follow rss feed more teilen drucken compartir imprimir partager "
    "imprimer condividi stampa compartilhar partilhar correo courriel"
).split()
_NET = "|".join(rx.escape(n) for n in NETWORKS if n != "x")
_TOKEN = patterns.compile(r"[\p{L}\d+.-]+")
_WORDS = frozenset(NETWORKS) | frozenset(BUTTONS)
# "1.2K shares", "12 comments · 3 likes" (RefinedWeb's counter line, widened to several counts).
_COUNT = (
    r"\d[\d,.]*\s?[kmb]?\+?\s+(?:likes?|shares?|comments?|retweets?|reposts?|quotes?|bookmarks?|"
    r"upvotes?|downvotes?|downloads?|views?|followers?|reactions?|replies|reads?|claps?|"
    r"kommentare|comentarios|commentaires|commenti|comentários|partages|condivisioni)"
)
COUNTER = patterns.compile(rf"{_COUNT}(?:\W{{1,3}}{_COUNT})*")
# "Share on Facebook", "Follow us on Instagram", "Teilen auf WhatsApp", "Compartir en Twitter".
VIA = lazy_regex(
    r"(?:share|post|send|pin|follow(?: us)?|like us|find us|join us|connect with us|"
    r"subscribe|teilen|folgen sie uns|compartir|síguenos|partager|suivez-nous|condividi|"
    r"seguici|compartilhar|siga-nos)"
    r"(?: (?:this|it|the|our))?(?: (?:article|story|post|page|video))?"
    rf" (?:on|via|to|with|auf|per|bei|en|por|sur|par|su|no|pelo) "
    rf"(?:{_NET}|x|e-?mail|mail)(?: \(.*\))?"
)


# First words of the VIA phrases: a cheap test before the pattern.
_VIA_FIRST = frozenset(
    "share post send pin follow like find join connect subscribe teilen folgen compartir "
    "síguenos partager suivez-nous condividi seguici compartilhar siga-nos".split()
)


# `social` of the lines BP106 asks about that the line facts do not hold (`_facts.seen`).
_KINDS: dict[str, int] = {}


def social(line: str) -> int:
    """2 for a share bar or counter line, 1 for a lone button label ("Twitter"), else 0."""
    kind = _KINDS.get(line)
    if kind is None and (facts := seen(line)) is not None:
        return int(facts[SOCIAL])  # (found for BP102 with the other line facts)
    if kind is None:
        if len(_KINDS) >= MEMO_SIZE:
            _KINDS.clear()
        kind = _KINDS[line] = _social(line)
    return kind


def _social(line: str) -> int:
    return _social_key(normalize(line))


def _socials_new(texts: list[str]) -> list[int]:
    """`[_social(t) for t in texts]`: the normalized lines through a C-level map (`normalize`
    is cached, and BP001 has mostly normalized them already), and `_social_key`'s first test,
    a first word of letters that is no button and no `VIA` opener (most lines), in one
    comprehension: only the lines that pass it reach `_social_key`."""
    keys = list(map(normalize, texts))
    out = [0] * len(keys)
    first = _FIRST_WORDS
    for i in [
        i
        for i, k in enumerate(keys)
        if k
        and len(k) <= 120
        and (k[0].isdigit() or not (w := k.partition(" ")[0]).isalpha() or w in first)
    ]:
        out[i] = _social_key(keys[i])
    return out


def _social_key(key: str) -> int:
    """`_social` of a line whose normalized text is `key`."""
    if not key or len(key) > 120:
        return 0
    if key[0].isdigit():
        if COUNTER.fullmatch(key):
            return 2
    else:
        space = key.find(" ")  # (split() would copy the rest of the line)
        word = key if space < 0 else key[:space]
        if word in _VIA_FIRST and VIA.fullmatch(key):
            return 2
        if word.isalpha() and word not in _WORDS:
            # A first word of letters only (`\p{L}`, what isalpha() tests) followed by a space
            # or nothing is the first `_TOKEN` itself: the test below, without the pattern.
            return 0
    first = _TOKEN.search(key)  # most lines fail on their first word: skip the rest
    if first is None or first.group() not in _WORDS:
        return 0
    tokens = _TOKEN.findall(key)
    if not tokens or len(tokens) > 12 or not all(t in _WORDS for t in tokens):
        return 0
    if len(tokens) == 1:
        return 1
    # A row of buttons: two or more labels, at least one of them a network.
    return 2 if any(t in NETWORKS for t in tokens) else 0


# A first word that `_social_key` looks at further: a button or network, or a `VIA` opener.
_FIRST_WORDS = _WORDS | _VIA_FIRST


class SocialCounterLine(Rule):
    """## What it does
    Finds lines that are share bars, rows of social-network buttons or counters:
    `1.2K shares`, `12 comments · 3 likes`, `Share on Facebook`, `Follow us on Instagram`,
    `Facebook Twitter WhatsApp Email`. Exact phrases such as `Share this:` are BP001's; this
    rule covers the combinations a phrase table cannot list.

    ## Why is this bad?
    The buttons and counters were part of the page, not of the article. In the text they are
    noise between paragraphs.

    ## Example
    ```text
    The plant closed in May.

    Facebook Twitter WhatsApp Email
    ```

    ## Use instead
    ```text
    The plant closed in May.
    ```

    ## Fix safety
    Unsafe: the fix removes the line. A line made only of network names is almost always a
    button row, but a list of platforms in an article about social media looks the same.
    """

    code = "BP102"
    name = "social-counter-line"
    message = "Share bar or counter line: `{text}`"
    severity = Severity.WARNING
    fix_availability = "always"
    examples = (
        Example(
            bad="The plant closed in May.\n\nFacebook Twitter WhatsApp Email\n",
            flagged="Facebook Twitter WhatsApp Email",
            fixed="The plant closed in May.\n",
            unsafe=True,
        ),
        Example(
            bad="1.2K shares · 45 comments\n\nThe plant closed in May.\n",
            flagged="1.2K shares · 45 comments",
            fixed="The plant closed in May.\n",
            unsafe=True,
        ),
        Example(
            bad="The plant closed.\n\nShare this story on Telegram\n\nIt reopened.\n",
            flagged="Share this story on Telegram",
            fixed="The plant closed.\n\nIt reopened.\n",
            unsafe=True,
        ),
        Example(good="Facebook and Twitter removed the posts on Monday."),
        Example(good="Twitter"),
        Example(good="Facebook\n\nThe company said on Monday it would cut jobs."),
        Example(
            bad="The plant closed.\n\nFacebook\nTwitter\nLinkedIn\n",
            flagged="Twitter",
            fixed="The plant closed.\n",
            unsafe=True,
        ),
        Example(good="12 comments were received before the deadline."),
        Example(good="Share prices fell on Facebook news."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        chrome = known_chrome_flags(doc)
        # Known chrome counts as a button too, for the neighbours of a lone label.
        texts = line_texts(doc)
        kinds: list[int] = column(doc, SOCIAL)  # `social` of each line
        for i in compress(range(len(kinds)), chrome):
            kinds[i] = 1
        found: list[int] = []
        for i in compress(range(len(kinds)), kinds):
            if chrome[i]:
                continue
            if kinds[i] == 1:
                # A lone "Twitter" is a button only in a column of buttons.
                near = kinds[max(i - 1, 0) : i] + kinds[i + 1 : i + 2]
                if not any(near) or texts[i].strip().lower() not in NETWORKS:
                    continue
            found.append(i)
        if not found:
            return
        yield from line_diagnostics(self, line_findings(doc, found, "Remove the line", safe=False))
