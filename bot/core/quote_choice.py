"""Which of a story's quotes a brief shows.

A brief has room for two quotes, and a quote shown under the wrong name is worse than none.
Speakers named at the quote ('..." Assad said') are right far more often than speakers the
extractor followed back through the text ('"..." he said', no tag at all; shown "from
context"), so a brief prefers them; a quote with no speaker never opens a brief, since it
tells the reader nothing about who said it (``/quotes`` still lists every quote).  Among
equals the story's own order stands: leads carry the quotes the reporters chose first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.models import ReportedQuote

# Fewer words than this is a fragment ('said the coup had "failed"'): a last resort.
MIN_WORDS = 5


def choose_brief_quotes(
    quotes: Sequence[ReportedQuote], limit: int = 2
) -> tuple[ReportedQuote, ...]:
    """Up to ``limit`` quotes, the best attributed first; within a rank a speaker not yet
    shown first; never a quote without a speaker, never the same words twice."""
    left = [(i, q) for i, q in enumerate(quotes) if q.quote.speaker]
    chosen: list[ReportedQuote] = []
    while left and len(chosen) < limit:
        # A second quote of someone already shown waits for others of its rank, but a
        # surer attribution still beats a new voice.
        i, best = min(
            left,
            key=lambda item: (
                _rank(item[1]),
                any(_same_speaker(item[1], c) for c in chosen),
                item[0],
            ),
        )
        left = [(j, q) for j, q in left if j != i and not _same_words(q, best)]
        chosen.append(best)
    return tuple(chosen)


def _rank(q: ReportedQuote) -> int:
    """0 best: named at the quote, then anonymous sources, then speakers from context;
    fragments after every whole sentence."""
    quote = q.quote
    tier = 2 if quote.speaker_inferred else 1 if quote.anonymous else 0
    return tier + (3 if len(quote.text.split()) < MIN_WORDS else 0)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _same_words(a: ReportedQuote, b: ReportedQuote) -> bool:
    """The same quote as two outlets carried it."""
    x, y = _words(a.quote.text), _words(b.quote.text)
    if x == y:
        return bool(x)
    # One outlet's quote inside another's longer one; a fragment ("failed") is no match.
    short, long = sorted((x, y), key=len)
    return len(short.split()) >= MIN_WORDS and f" {short} " in f" {long} "


def _same_speaker(a: ReportedQuote, b: ReportedQuote) -> bool:
    """ "Assad" and "Bashar al-Assad": every word of one is a word of the other."""
    x = set(_words(a.quote.speaker or "").split())
    y = set(_words(b.quote.speaker or "").split())
    return bool(x) and bool(y) and (x <= y or y <= x)
