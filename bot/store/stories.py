"""Articles, stories and their summaries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from bot.core.models import (
    Article,
    ReportedFigure,
    ReportedQuote,
    SourceKind,
    SourceRef,
    Story,
)
from bot.store.db import utc
from bot.store.schema import articles, stories, summaries
from summarizer.types import Figure, Quote


class StoryRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # --- write path (ingest) -------------------------------------------
    def seen_entry(self, feed: str, guid: str, url: str) -> bool:
        """A feed item seen before, by its GUID in that feed or by its URL anywhere."""
        stmt = select(articles.c.id).where(
            or_((articles.c.feed == feed) & (articles.c.guid == guid), articles.c.url == url)
        )
        with self._engine.connect() as conn:
            return conn.execute(stmt.limit(1)).first() is not None

    def seen_content(self, content_hash: str) -> bool:
        """The same text stored before, from any source (re-dated or re-posted items)."""
        stmt = select(articles.c.id).where(articles.c.content_hash == content_hash)
        with self._engine.connect() as conn:
            return conn.execute(stmt.limit(1)).first() is not None

    def add_article(self, article: Article, analysis: Mapping[str, Any], feed: str) -> int | None:
        """Stores the article; None when a concurrent poll stored it first."""
        row = {
            "feed": feed,
            "source": article.source,
            "source_kind": article.source_kind,
            "guid": article.guid,
            "url": article.url,
            "content_hash": article.content_hash,
            "title": article.title,
            "text": article.text,
            "appendix": article.appendix,
            "from_feed_summary": article.from_feed_summary,
            "published": article.published,
            "fetched": article.fetched,
            "topics": list(article.topics),
            "places": list(article.places),
            "conflict_score": article.conflict_score,
            "analysis": dict(analysis),
        }
        try:
            with self._engine.begin() as conn:
                result = conn.execute(insert(articles).values(**row))
                key = result.inserted_primary_key
                return int(key[0]) if key else None
        except IntegrityError:
            return None

    def story_candidates(self, since: datetime) -> list[dict[str, Any]]:
        stmt = select(
            stories.c.id,
            stories.c.fingerprint,
            stories.c.lead_vector,
            stories.c.topics,
            stories.c.updated,
        ).where(stories.c.updated >= since)
        with self._engine.connect() as conn:
            return [{**row._mapping, "updated": utc(row.updated)} for row in conn.execute(stmt)]

    def create_story(
        self,
        headline: str,
        topics: Sequence[str],
        places: Sequence[str],
        fingerprint: Any,
        conflict_score: float,
        when: datetime,
        lead_vector: Sequence[float] | None = None,
    ) -> int:
        with self._engine.begin() as conn:
            result = conn.execute(
                insert(stories).values(
                    headline=headline,
                    topics=list(topics),
                    places=list(places),
                    fingerprint=fingerprint,
                    lead_vector=None if lead_vector is None else list(lead_vector),
                    conflict_score=conflict_score,
                    first_seen=when,
                    updated=when,
                )
            )
            return int(result.inserted_primary_key[0])  # type: ignore[index]

    def attach(self, article_id: int, story_id: int, article: Article, when: datetime) -> None:
        """Adds an article to a story; the story's topics and places grow with it."""
        with self._engine.begin() as conn:
            conn.execute(
                update(articles).where(articles.c.id == article_id).values(story_id=story_id)
            )
            row = conn.execute(
                select(stories.c.topics, stories.c.places, stories.c.conflict_score).where(
                    stories.c.id == story_id
                )
            ).one()
            topics = list(dict.fromkeys([*row.topics, *article.topics]))
            places = list(dict.fromkeys([*row.places, *article.places]))
            conn.execute(
                update(stories)
                .where(stories.c.id == story_id)
                .values(
                    topics=topics,
                    places=places,
                    updated=when,
                    conflict_score=max(row.conflict_score, article.conflict_score),
                )
            )

    def story_articles(self, story_id: int) -> list[dict[str, Any]]:
        stmt = (
            select(articles)
            .where(articles.c.story_id == story_id)
            .order_by(articles.c.published, articles.c.id)
        )
        with self._engine.connect() as conn:
            return [{**row._mapping, "published": utc(row.published)} for row in conn.execute(stmt)]

    def record_summary(
        self,
        story_id: int,
        summary: str,
        backend: str,
        figures: Sequence[ReportedFigure],
        quotes: Sequence[ReportedQuote],
        when: datetime,
    ) -> None:
        with self._engine.begin() as conn:
            conn.execute(
                insert(summaries).values(
                    story_id=story_id,
                    summary=summary,
                    backend=backend,
                    figures=[_figure_json(f) for f in figures],
                    quotes=[_quote_json(q) for q in quotes],
                    created=when,
                )
            )

    def stories_needing_summary(self, limit: int = 100) -> list[int]:
        """Stories with a topic whose newest summary is older than their last change."""
        latest = (
            select(summaries.c.story_id, func.max(summaries.c.created).label("created"))
            .group_by(summaries.c.story_id)
            .subquery()
        )
        stmt = (
            select(stories.c.id, stories.c.topics)
            .select_from(stories.outerjoin(latest, latest.c.story_id == stories.c.id))
            .where(or_(latest.c.created.is_(None), latest.c.created < stories.c.updated))
            .order_by(stories.c.updated)
        )
        with self._engine.connect() as conn:
            rows = conn.execute(stmt).all()
        # Topic-less stories never reach a brief: they are not worth the model's time.
        return [row.id for row in rows if row.topics][:limit]

    def article_count(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar() or 0)

    # --- read path (briefs) ----------------------------------------------
    def stories_for_topic(self, topic: str, since: datetime, limit: int = 20) -> list[Story]:
        stmt = (
            select(stories.c.id, stories.c.topics)
            .where(stories.c.updated >= since)
            .order_by(stories.c.updated.desc())
        )
        with self._engine.connect() as conn:
            ids = [row.id for row in conn.execute(stmt) if topic in (row.topics or ())]
        found = [self.get_story(story_id) for story_id in ids[:limit]]
        return [story for story in found if story is not None]

    def get_story(self, story_id: int) -> Story | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(stories).where(stories.c.id == story_id)).first()
            if row is None:
                return None
            versions = conn.execute(
                select(summaries)
                .where(summaries.c.story_id == story_id)
                .order_by(summaries.c.id.desc())
                .limit(2)
            ).all()
        members = self.story_articles(story_id)
        sources = tuple(
            SourceRef(
                outlet=a["source"],
                url=a["url"],
                kind=_kind(a["source_kind"]),
                title=a["title"],
                summary_only=bool(a["from_feed_summary"]),
            )
            for a in members
        )
        latest = versions[0]._mapping if versions else None
        previous = versions[1]._mapping if len(versions) > 1 else None
        return Story(
            id=row.id,
            headline=row.headline,
            topics=tuple(row.topics),
            places=tuple(row.places),
            summary=latest["summary"] if latest else "",
            figures=tuple(_figure_from(f) for f in (latest["figures"] if latest else ())),
            quotes=tuple(_quote_from(q) for q in (latest["quotes"] if latest else ())),
            sources=sources,
            first_seen=utc(row.first_seen),
            updated=utc(row.updated),
            conflict_score=row.conflict_score,
            previous_figures=tuple(
                _figure_from(f) for f in (previous["figures"] if previous else ())
            ),
        )


def _kind(value: str) -> SourceKind:
    return value  # type: ignore[return-value]


def _figure_json(f: ReportedFigure) -> dict[str, Any]:
    return {
        "figure": f.figure.to_dict(),
        "outlet": f.outlet,
        "url": f.url,
        "article_id": f.article_id,
        "reported_at": f.reported_at.isoformat(),
    }


def _figure_from(data: Mapping[str, Any]) -> ReportedFigure:
    return ReportedFigure(
        figure=Figure(**data["figure"]),
        outlet=data["outlet"],
        url=data["url"],
        article_id=int(data["article_id"]),
        reported_at=datetime.fromisoformat(data["reported_at"]),
    )


def _quote_json(q: ReportedQuote) -> dict[str, Any]:
    return {
        "quote": q.quote.to_dict(),
        "outlet": q.outlet,
        "url": q.url,
        "article_id": q.article_id,
    }


def _quote_from(data: Mapping[str, Any]) -> ReportedQuote:
    return ReportedQuote(
        quote=Quote(**data["quote"]),
        outlet=data["outlet"],
        url=data["url"],
        article_id=int(data["article_id"]),
    )
