"""markdown-it-py, instrumented: the parser `copydesk.formats.markdown` hands what it does not
read itself. Imported only then (markdown-it-py takes 15 ms to import): a document of simple
chunks never needs it.

`_TrackedInline` is a ParserInline whose tokens carry `token.meta["span"]`, their offsets in
the inline source.
"""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token


class _TrackedState(StateInline):
    """Remembers where the pending (plain) text began, to give text tokens their span."""

    pending_start = 0

    def pushPending(self) -> Token:
        token = super().pushPending()
        token.meta["span"] = (self.pending_start, self.pending_start + len(token.content))
        return token


class _TrackedInline(ParserInline):
    """ParserInline that records `token.meta["span"]` (offsets in the inline source)."""

    def tokenize(self, state: StateInline) -> None:
        rules = self.ruler.getRules("")
        end = state.posMax
        max_nesting = state.md.options["maxNesting"]
        tokens = state.tokens
        while state.pos < end:
            pos = state.pos
            if not state.pending and isinstance(state, _TrackedState):
                state.pending_start = pos
            ok = False
            if state.level < max_nesting:
                for rule in rules:
                    before = len(tokens)
                    ok = rule(state, False)
                    if ok:
                        if state.pos <= pos:
                            raise RuntimeError("inline rule didn't increment state.pos")
                        _mark(state.src, tokens, before, pos, state.pos)
                        break
            if ok:
                if state.pos >= end:
                    break
                continue
            if hasattr(state, "append_pending"):  # markdown-it-py 4: an O(1) append
                state.append_pending(state.src[state.pos])
            else:
                state.pending += state.src[state.pos]
            state.pos += 1
        if state.pending:
            state.pushPending()

    def parse(self, src: str, md: MarkdownIt, env: Any, tokens: list[Token]) -> list[Token]:
        state = _TrackedState(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens


def _mark(src: str, tokens: list[Token], first: int, start: int, end: int) -> None:
    """Give the tokens one rule call pushed its span; plain text pieces (emphasis delimiters
    left as text) get their own exact spans, in order."""
    cursor = start
    for token in tokens[first:]:
        if "span" in token.meta:
            continue  # pending text, or a token from a nested tokenize: already marked
        if token.type == "text" and token.content and src.startswith(token.content, cursor):
            token.meta["span"] = (cursor, cursor + len(token.content))
            cursor += len(token.content)
        else:
            token.meta["span"] = (start, end)


def markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True})
    md.inline.__class__ = _TrackedInline
    md.enable(["table", "strikethrough"])
    # The inline pass runs in `analyze`, block by block, and only where markup may be: most
    # blocks of a scraped article are plain prose or a single link (`_simple_pieces`).
    md.core.ruler.disable("inline")
    # Keep escapes and entities as separate tokens (their source differs from their text),
    # and keep leftover delimiter pieces apart (each has its own exact span).
    md.disable("text_join")
    md.inline.ruler2.disable("fragments_join")
    try:
        from mdit_py_plugins.footnote import footnote_plugin
    except ImportError:  # pragma: no cover - footnotes then read as reference definitions
        pass
    else:
        md.use(footnote_plugin, inline=False, move_to_end=False)
    return md
