"""One entry point: text in, summary + figures + quotes out, every piece traceable."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from summarizer import guard
from summarizer.abstractive import DEFAULT_MODEL, AbstractiveSummarizer, ModelUnavailable
from summarizer.encoder import SentenceEncoder
from summarizer.extractive import ExtractiveSummarizer
from summarizer.figures import extract_figures
from summarizer.quotes import extract_quotes
from summarizer.types import Document, Figure, Quote, Summary

logger = logging.getLogger(__name__)

Backend = Literal["extractive", "abstractive"]


@dataclass(frozen=True)
class Analysis:
    title: str
    summary: Summary
    figures: tuple[Figure, ...]
    quotes: tuple[Quote, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "summary": self.summary.text,
            "summary_backend": self.summary.backend,
            "figures": [f.to_dict() for f in self.figures],
            "quotes": [q.to_dict() for q in self.quotes],
        }


@dataclass
class GuardStats:
    """Counts how often the faithfulness guard replaced an abstractive summary."""

    checked: int = 0
    rejected: int = 0
    unavailable: int = 0
    last_rejection: tuple[str, ...] = field(default_factory=tuple)


class Analyzer:
    """Summarizes stories with the configured backend behind one interface.

    The abstractive backend is used when its model loads; its output must pass the
    faithfulness guard, otherwise the extractive summary replaces it.
    """

    def __init__(
        self,
        backend: Backend = "extractive",
        encoder: SentenceEncoder | None = None,
        abstractive_model: str = DEFAULT_MODEL,
        threads: int | None = None,
        max_sentences: int = 3,
        abstractive: AbstractiveSummarizer | None = None,
    ) -> None:
        self.backend = backend
        self.encoder = encoder or SentenceEncoder(threads=threads)
        self.extractive = ExtractiveSummarizer(self.encoder, max_sentences=max_sentences)
        self.abstractive = abstractive
        if backend == "abstractive" and abstractive is None:
            self.abstractive = AbstractiveSummarizer(abstractive_model, threads=threads)
        self.guard_stats = GuardStats()

    def summarize_story(
        self, documents: Sequence[Document], figure_sentences: Sequence[str] = ()
    ) -> Summary:
        extractive = self.extractive.summarize(documents, figure_sentences)
        if self.backend != "abstractive" or self.abstractive is None:
            return extractive
        try:
            candidate = self.abstractive.summarize(documents, figure_sentences)
        except ModelUnavailable as exc:
            self.guard_stats.unavailable += 1
            logger.warning("%s; using the extractive summary", exc)
            return _replace(extractive, f"abstractive unavailable: {exc}")
        source = "\n".join(d.text for d in documents)
        verdict = guard.check(candidate.text, source)
        self.guard_stats.checked += 1
        if verdict.faithful and candidate.text.strip():
            return candidate
        self.guard_stats.rejected += 1
        self.guard_stats.last_rejection = verdict.unsupported
        logger.warning(
            "faithfulness guard rejected an abstractive summary (unsupported: %s); "
            "using the extractive one",
            ", ".join(verdict.unsupported) or "empty output",
        )
        return _replace(extractive, "guard rejected abstractive summary")

    def analyze(self, document: Document) -> Analysis:
        figures = tuple(extract_figures(document.text))
        quotes = tuple(extract_quotes(document.text))
        summary = self.summarize_story([document], [f.sentence for f in figures])
        return Analysis(document.title, summary, figures, quotes)

    def extract(self, document: Document) -> tuple[tuple[Figure, ...], tuple[Quote, ...]]:
        """Figures and quotes only: cheap, no model."""
        return tuple(extract_figures(document.text)), tuple(extract_quotes(document.text))


def _replace(summary: Summary, note: str) -> Summary:
    return Summary(summary.text, summary.sentences, summary.backend, True, (*summary.notes, note))
