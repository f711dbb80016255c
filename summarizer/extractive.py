"""Extractive summary: rank a story's sentences with a transformer sentence encoder.

Score = centrality (similarity to the story's centroid) + lead position + coverage
of the story's key figures; redundancy is removed (maximal marginal relevance) and
the chosen sentences are put back in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.encoder import SentenceEncoder
from summarizer.sentences import split_sentences
from summarizer.types import Document, Summary

_MIN_WORDS = 6
_MAX_WORDS = 60
_MAX_SENTENCES_PER_DOC = 30
_OPEN_QUOTE = re.compile(r"[“\"]")
_CLOSE_QUOTE = re.compile(r"[”\"]")
# "IDLIB, Syria — ", "BEIRUT (Reuters) - ": a wire dateline, not part of the sentence.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][\w.'’ -]{1,40})?(?:\s*\([\w .'’-]{1,40}\))?"
    r"\s*[—–-]{1,2}\s+(?=[A-Z“\"])"
)


def strip_dateline(text: str) -> str:
    """The sentence without a leading dateline; still a verbatim slice of the source."""
    match = _DATELINE.match(text)
    return text[match.end() :] if match else text


@dataclass(frozen=True)
class Candidate:
    text: str
    doc: int
    position: int


def _readable(text: str) -> bool:
    words = text.split()
    if not (_MIN_WORDS <= len(words) <= _MAX_WORDS):
        return False
    if text.endswith("?") or (not text[0].isupper() and text[0] not in '“"'):
        return False
    if text.endswith(":"):
        return False
    # An unbalanced quote mark means the sentence is half of a quotation.
    straight = text.count('"')
    return not (straight % 2 or len(_OPEN_QUOTE.findall(text)) != len(_CLOSE_QUOTE.findall(text)))


def candidates(documents: Sequence[Document]) -> list[Candidate]:
    found = []
    for doc_index, doc in enumerate(documents):
        for position, sentence in enumerate(split_sentences(doc.text)):
            if position >= _MAX_SENTENCES_PER_DOC:
                break
            text = strip_dateline(sentence.text)
            if _readable(text):
                found.append(Candidate(text, doc_index, position))
    return found


class ExtractiveSummarizer:
    name = "extractive"

    def __init__(
        self,
        encoder: SentenceEncoder,
        max_sentences: int = 3,
        max_chars: int = 600,
        position_weight: float = 0.35,
        figure_weight: float = 0.1,
        redundancy: float = 0.85,
    ) -> None:
        self._encoder = encoder
        self._max_sentences = max_sentences
        self._max_chars = max_chars
        self._position_weight = position_weight
        self._figure_weight = figure_weight
        self._redundancy = redundancy

    def summarize(
        self, documents: Sequence[Document], figure_sentences: Sequence[str] = ()
    ) -> Summary:
        pool = candidates(documents)
        if not pool:
            return self._fallback(documents)
        vectors = self._encoder.encode([c.text for c in pool])
        centroid = vectors.mean(dim=0)
        centroid = centroid / centroid.norm().clamp(min=1e-9)
        centrality = (vectors @ centroid).tolist()
        figure_set = set(figure_sentences)
        scores = []
        for cand, central in zip(pool, centrality, strict=True):
            lead = 1.0 / (1.0 + cand.position)
            covers = 1.0 if any(cand.text in f or f in cand.text for f in figure_set) else 0.0
            scores.append(central + self._position_weight * lead + self._figure_weight * covers)
        similarity = (vectors @ vectors.T).tolist()
        chosen: list[int] = []
        total = 0
        for index in sorted(range(len(pool)), key=lambda i: -scores[i]):
            if len(chosen) >= self._max_sentences:
                break
            if any(similarity[index][j] > self._redundancy for j in chosen):
                continue
            length = len(pool[index].text)
            if chosen and total + length > self._max_chars:
                continue
            chosen.append(index)
            total += length
        ordered = sorted(chosen, key=lambda i: (pool[i].doc, pool[i].position))
        sentences = tuple(pool[i].text for i in ordered)
        return Summary(text=" ".join(sentences), sentences=sentences, backend=self.name)

    def _fallback(self, documents: Sequence[Document]) -> Summary:
        """No sentence reads well alone (very short text): use the first sentences."""
        for doc in documents:
            sentences = tuple(s.text for s in split_sentences(doc.text)[: self._max_sentences])
            if sentences:
                return Summary(" ".join(sentences), sentences, self.name, notes=("lead fallback",))
        return Summary("", (), self.name, notes=("no text",))


def lead_summary(document: Document, count: int = 3) -> Summary:
    """The Lead-N baseline: the first N sentences."""
    sentences = tuple(s.text for s in split_sentences(document.text)[:count])
    return Summary(" ".join(sentences), sentences, "lead")
