"""Builds stored articles and stories for tests through the real repositories."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.models import Article, ReportedFigure, ReportedQuote
from bot.ingest.pipeline import content_hash
from bot.store.stories import StoryRepository
from summarizer.types import Figure, Quote

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def killed(value: int, sentence: str, source: str | None = None) -> Figure:
    return Figure(
        value=value,
        low=value,
        high=None,
        approx=False,
        qualifier="at least",
        category="killed",
        sentence=sentence,
        text=f"at least {value}",
        affected="people",
        source=source,
    )


def add_story(
    repo: StoryRepository,
    headline: str = "Air strikes on Idlib kill at least 25",
    outlets: tuple[str, ...] = ("Demo Wire",),
    topics: tuple[str, ...] = ("syria",),
    figures: tuple[int, ...] = (25,),
    quote: Quote | None = None,
    when: datetime = NOW,
    summary: str = "At least 25 people were killed in air strikes on Idlib.",
) -> int:
    story_id = repo.create_story(headline, topics, ("Idlib",), None, 0.9, when)
    reported: list[ReportedFigure] = []
    quotes: list[ReportedQuote] = []
    for index, outlet in enumerate(outlets):
        value = figures[min(index, len(figures) - 1)]
        text = f"At least {value} people were killed in Idlib, {outlet} reported. Item {index}."
        url = f"https://example.org/{story_id}/{index}"
        article = Article(
            source=outlet,
            source_kind="wire",
            url=url,
            guid=url,
            title=f"{headline} ({outlet})",
            text=text,
            published=when,
            fetched=when,
            topics=topics,
            places=("Idlib",),
            conflict_score=0.9,
            content_hash=content_hash(text),
        )
        article_id = repo.add_article(article, {"figures": [], "quotes": []}, outlet)
        assert article_id is not None
        repo.attach(article_id, story_id, article, when)
        reported.append(
            ReportedFigure(killed(value, text, "rescuers"), outlet, url, article_id, when)
        )
        if quote is not None and index == 0:
            quotes.append(ReportedQuote(quote, outlet, url, article_id))
    repo.record_summary(story_id, summary, "extractive", reported, quotes, when)
    return story_id
