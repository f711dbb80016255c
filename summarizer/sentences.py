"""Sentence splitting that keeps every sentence a verbatim slice of its source.

Figures and quotes must be traceable to a source sentence, so sentences are
returned exactly as they appear (only surrounding whitespace trimmed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATION_WORDS = """
    mr mrs ms dr prof gen lt col maj capt sgt cpl adm gov sen rep del pres st mt ft det
    insp supt
    jr sr no vs etc inc ltd co corp dept est approx jan feb mar apr jun jul aug
    sep sept oct nov dec u.s u.n u.k e.g i.e a.m p.m
"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())

# A boundary: terminal punctuation, optional closing quotes/brackets, then space
# and something that can start a sentence.
_BOUNDARY = re.compile(r"""[.!?]+["'”’»)\]]*(?=\s+["'“‘«(\[]?[A-Z0-9])""")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int


def is_abbreviation(text: str, dot_index: int) -> bool:
    """True when the period at ``dot_index`` ends an abbreviation or an initial."""
    start = dot_index
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot_index].lower()
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    if re.fullmatch(r"[a-z](?:\.[a-z])+", word) and text[dot_index - 1].isupper():
        return True  # initials: "J.B. Pritzker"
    # Single capital initials ("J. Smith") but not a one-letter sentence end.
    return len(word) == 1 and text[dot_index - 1].isupper()


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of non-empty lines; a newline always ends a sentence in scraped text."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            spans.append((match.start(), match.end()))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for paragraph, (p_start, p_end) in enumerate(split_paragraphs(text)):
        cursor = p_start
        chunk = text[p_start:p_end]
        for match in _BOUNDARY.finditer(chunk):
            dot = p_start + match.start()
            if text[dot] == "." and is_abbreviation(text, dot):
                continue
            end = p_start + match.end()
            _append(sentences, text, cursor, end, paragraph)
            cursor = end
        _append(sentences, text, cursor, p_end, paragraph)
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    raw = text[start:end]
    stripped = raw.strip()
    if not stripped:
        return
    lead = len(raw) - len(raw.lstrip())
    s = start + lead
    out.append(Sentence(text=stripped, start=s, end=s + len(stripped), paragraph=paragraph))


def sentence_texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def ends_sentence(text: str) -> bool:
    """True when ``text`` holds a sentence end ("... said. Then"), abbreviations aside."""
    for match in re.finditer(r"[.!?;](?=\s)", text):
        if text[match.start()] != "." or not is_abbreviation(text, match.start()):
            return True
    return False
