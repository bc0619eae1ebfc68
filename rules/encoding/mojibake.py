"""EN001 mojibake."""

from __future__ import annotations

from collections.abc import Iterator

from copydesk.diagnostics import Diagnostic, Fix
from copydesk.document import Document
from copydesk.rule import Example, Rule
from copydesk.rules.encoding._edit import locate, prose_edit
from copydesk.rules.encoding._mojibake import mojibake_repairs


class Mojibake(Rule):
    """## What it does
    Finds mojibake: text whose UTF-8 bytes were decoded with the wrong encoding, like `CafÃ©`
    for `Café` or `donâ€™t` for `don’t`, and repairs it with
    [ftfy](https://github.com/rspeer/python-ftfy) (Robyn Speer, Apache-2.0).

    Each line is screened with ftfy's own badness test (`ftfy.badness.is_bad`; pure-ASCII lines
    are skipped), then repaired with ftfy's encoding fix alone. Each repaired sequence is
    reported at its exact span (a character diff of the line against its repair), with the
    decoding ftfy found in the message ("looks like UTF-8 read as Windows-1252").

    A few shapes ftfy's test misses are added, each one that real text never has: punctuation
    read as DOS code page 437 (`ΓÇÖ` for `’`, a capital gamma followed by two characters that
    stand for UTF-8 continuation bytes), and UTF-8 read as Mac OS Roman: Cyrillic (`–ü—Ä` for
    `Пр`, two dash-led pairs in a row), punctuation (`‚àí` for `−`) and accented letters right
    after a letter (`conte√∫do`; `√π` and other square roots in formulas are left alone).

    ftfy is configured to repair encodings only: curly quotes, ligatures, full-width forms and
    Unicode normalization are never reported or changed.

    ## Why is this bad?
    Readers see garbage where a letter or a quotation mark belongs, and the damage spreads
    when the text is copied on.

    ## Example
    ```text
    The cafÃ© doesnâ€™t open on Mondays.
    ```

    ## Use instead
    ```text
    The café doesn’t open on Mondays.
    ```

    ## Fix safety
    Safe: ftfy reverses the exact byte-level mistake, and its test suite has no false positive
    in real text. Where the mojibake already lost bytes, ftfy can only put a replacement
    character U+FFFD in their place; that repair is unsafe. One shape is left alone because a
    real letter looks the same: a lone `Â` plus a no-break space right after a capital letter
    (`MISUTÂ AJIKKO`, a romanized Japanese title; ftfy's one known false positive).
    """

    code = "EN001"
    name = "mojibake"
    message = "Mojibake `{text}` (looks like {plan}); should be `{replacement}`"
    fix_availability = "always"
    examples = (
        Example(
            bad="The cafÃ© doesnâ€™t open on Mondays.",
            flagged="Ã©",
            fixed="The café doesn’t open on Mondays.",
        ),
        Example(bad="He said â€œnoâ€\x9d twice.", flagged="â€œ", fixed="He said “no” twice."),
        Example(
            bad="Iggy Pop (nÃƒÂ© Jim Osterberg)",
            flagged="ÃƒÂ©",
            fixed="Iggy Pop (né Jim Osterberg)",
        ),
        Example(bad="ЗвЂ™явились", flagged="вЂ™", fixed="З’явились"),
        Example(bad="Le Vigne di Zam√≤", flagged="√≤", fixed="Le Vigne di Zamò"),
        Example(bad="itΓÇÖs not ΓÇö yet", flagged="ΓÇÖ", fixed="it’s not — yet"),
        Example(bad="Obrigado pelo conte√∫do!", flagged="√∫", fixed="Obrigado pelo conteúdo!"),
        Example(
            bad="–ü—Ä–∏–≤–µ—Ç –≤ –ú–æ—Å–∫–≤–µ", flagged="–ü—Ä–∏–≤–µ—Ç", fixed="Привет в Москве"
        ),
        Example(bad="охладите 8‚àí10 минут", flagged="‚àí", fixed="охладите 8−10 минут"),
        Example(bad="tant pis\x85 Tu sais", flagged="\x85", fixed="tant pis… Tu sais"),
        Example(
            bad="â€œlossy decodingâ€\ufffd",
            flagged="â€",
            fixed="“lossy decoding\ufffd",
            unsafe=True,
        ),
        Example(good="Curly “quotes”, the ﬁne ligature and ＦＵＬＬ width stay as they are."),
        Example(good="A naïve résumé from São Paulo, Zürich and Łódź."),
        Example(good="Η ¨ανατροφή¨ δυστυχώς από τους προπονητές"),
        Example(good="MISUTÂ\xa0AJIKKO"),
        Example(good="Offering 5×£35 pin ups"),
        Example(good="a radius of 10 Å—"),
        Example(good="Η Γένος, ΓΑΜΜΑ and Γάμμα are Greek."),
        Example(good="x = √π, √2 and √∞; in 1990—Émile said: die ‚Äpfel‘ sind rot."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for r in mojibake_repairs(doc):
            block = r.block
            edit = prose_edit(doc, block, r.start, r.end, r.replacement)
            fix = None
            if edit is not None:
                what = f"Replace with `{r.replacement}`" if r.replacement else "Remove it"
                fix = Fix.unsafe(what, edit) if r.lossy else Fix.safe(what, edit)
            s, e, _ = locate(doc, block, r.start, r.end)
            yield self.diagnostic(
                s,
                e,
                fix=fix,
                text=_show(block.text[r.start : r.end]),
                plan=r.plan,
                replacement=_show(r.replacement),
            )


def _show(s: str) -> str:
    """Invisible and control characters written as escapes, so the message shows them."""
    out = []
    for ch in s:
        cp = ord(ch)
        if cp < 0x20 or 0x7F <= cp <= 0xA0 or cp == 0xAD:
            out.append(f"\\x{cp:02x}")
        else:
            out.append(ch)
    return "".join(out)
