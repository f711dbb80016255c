"""Story summaries: the model's share of ingestion, made once per story change.

Run inline by the poller (one process), or by `newsbrief summarize` in a process of its
own so that pollers and chat adapters never load the model.
"""

from __future__ import annotations

from bot.core.models import ReportedFigure, ReportedQuote
from bot.core.ports import Clock
from bot.store.stories import StoryRepository
from summarizer.analysis import Analyzer
from summarizer.types import Document, Figure, Quote


class StorySummaries:
    def __init__(self, stories: StoryRepository, analyzer: Analyzer, clock: Clock) -> None:
        self._stories = stories
        self._analyzer = analyzer
        self._clock = clock

    def summarize_pending(self, limit: int = 100) -> int:
        """Summaries for stories changed since their last one; returns how many."""
        pending = self._stories.stories_needing_summary(limit)
        for story_id in pending:
            self.summarize_story(story_id)
        return len(pending)

    def summarize_story(self, story_id: int) -> None:
        """Summarize the story, not just its first article; figures keep their outlet."""
        members = self._stories.story_articles(story_id)
        if not any(m["topics"] for m in members):
            # No topic means no brief can show it: spare the model.
            return
        documents = [
            Document(text=m["text"], title=m["title"], source=m["source"], url=m["url"])
            for m in members
        ]
        figures: list[ReportedFigure] = []
        quotes: list[ReportedQuote] = []
        for m in members:
            analysis = m["analysis"] or {}
            for f in analysis.get("figures", []):
                figures.append(
                    ReportedFigure(Figure(**f), m["source"], m["url"], m["id"], m["published"])
                )
            for q in analysis.get("quotes", []):
                quotes.append(ReportedQuote(Quote(**q), m["source"], m["url"], m["id"]))
        summary = self._analyzer.summarize_story(documents, [f.figure.sentence for f in figures])
        self._stories.record_summary(
            story_id, summary.text, summary.backend, figures, quotes, self._clock.now()
        )
