"""One poll cycle: fetch -> parse -> extract -> clean -> tag -> analyze -> cluster -> store.

Each source is polled independently: one failing source is reported and recorded,
never stops the others. Every article is processed once; a brief is later assembled
from what is stored here. A source's new articles are embedded in one batch (title + lead,
for the hybrid same-story rule) after they are stored, then clustered oldest first.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.core.models import Article, PollReport, SourceConfig
from bot.core.ports import Clock
from bot.ingest.clean import CleanedText, clean_body, clean_title
from bot.ingest.cluster import (
    Fingerprint,
    StoryCandidate,
    fingerprint,
    lead_text,
    match_story,
    round_vector,
)
from bot.ingest.demo_source import demo_feed_bytes
from bot.ingest.extract import extract_page
from bot.ingest.feeds import FeedEntry, FeedError, parse_feed
from bot.ingest.fetch import Fetcher, FetchResult
from bot.ingest.summaries import StorySummaries
from bot.ingest.tagging import Tagger
from bot.settings import DEMO_SOURCE_URL
from bot.store.sources import SourceRepository
from bot.store.stories import StoryRepository
from summarizer.analysis import Analyzer
from summarizer.types import Document

logger = logging.getLogger(__name__)

# Feed content shorter than this is a teaser: fetch the article page instead.
_FULL_TEXT_CHARS = 500
# An HTML page given as a source is read as one article only when it has some text: a bare
# index or consent page extracts to a few words ("Home"), which is not an article.
_MIN_PAGE_CHARS = 200


@dataclass(frozen=True)
class SourceOutcome:
    source: str
    new_articles: int
    stories: frozenset[int]
    error: str | None = None
    skipped: str | None = None
    warnings: tuple[str, ...] = ()  # the source worked, with something a user should know


def drop_repeated_title(cleaned: CleanedText, title: str) -> CleanedText:
    """Pages often repeat the headline (or a longer one) as the body's first line."""
    first, _, rest = cleaned.body.partition("\n")
    head = first.strip().lower()
    if (
        rest
        and title
        and (
            head == title.lower()
            or (len(head) < 200 and head.startswith(title.lower()[:30]) and not head.endswith("."))
        )
    ):
        return CleanedText(body=rest, appendix=cleaned.appendix)
    return cleaned


def content_hash(body: str) -> str:
    normal = " ".join(body.lower().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


class Ingestor:
    def __init__(
        self,
        fetcher: Fetcher,
        stories: StoryRepository,
        sources: SourceRepository,
        tagger: Tagger,
        analyzer: Analyzer,
        clock: Clock,
        story_window: timedelta = timedelta(hours=72),
        max_entries: int = 200,
        inline_analysis: bool = True,
    ) -> None:
        self._fetcher = fetcher
        # False: the poller never loads the model (lexical clustering only); summaries are
        # made by `newsbrief summarize`, a separate process that holds the model.
        self._inline_analysis = inline_analysis
        self._summaries = StorySummaries(stories, analyzer, clock)
        self._stories = stories
        self._sources = sources
        self._tagger = tagger
        self._analyzer = analyzer
        self._clock = clock
        self._story_window = story_window
        self._max_entries = max_entries
        self._lock = asyncio.Lock()
        # Sources are polled concurrently; assigning articles to stories must not be, or
        # two feeds' reports of one event could each found a new story.
        self._cluster_lock = asyncio.Lock()
        # Texts taken up in the current poll: sources are polled concurrently, and two feeds
        # carrying one wire story would both pass the stored-content check before either
        # stored it.
        self._claimed: set[str] = set()

    async def poll(self, sources: Sequence[SourceConfig], force: bool = False) -> PollReport:
        """Polls every source concurrently (the fetcher bounds concurrency), then
        re-summarizes the stories that changed."""
        async with self._lock:  # one poll at a time per process
            self._claimed = set()
            outcomes = await asyncio.gather(*(self._poll_one(s, force) for s in sources))
            touched: set[int] = set()
            for outcome in outcomes:
                touched |= outcome.stories
            if self._inline_analysis:
                for story_id in sorted(touched):
                    await asyncio.to_thread(self._summaries.summarize_story, story_id)
        return PollReport(
            new_articles=sum(o.new_articles for o in outcomes),
            failed=tuple((o.source, o.error) for o in outcomes if o.error),
            ok=tuple(o.source for o in outcomes if not o.error and not o.skipped),
            notes=tuple(f"{o.source}: {o.skipped}" for o in outcomes if o.skipped)
            + tuple(f"{o.source}: {w}" for o in outcomes for w in o.warnings),
        )

    async def _poll_one(self, source: SourceConfig, force: bool) -> SourceOutcome:
        try:
            return await self._poll_source(source, force)
        except Exception as exc:  # a bug or odd input in one source must not stop the poll
            logger.exception("poll of %s failed", source.name)
            message = f"{type(exc).__name__}: {exc}"
            await asyncio.to_thread(
                self._sources.record_failure, source, self._clock.now(), message
            )
            return SourceOutcome(source.name, 0, frozenset(), error=message)

    async def _poll_source(self, source: SourceConfig, force: bool) -> SourceOutcome:
        now = self._clock.now()
        state = await asyncio.to_thread(self._sources.state, source)
        if state.disabled_reason:
            return SourceOutcome(source.name, 0, frozenset(), error=state.disabled_reason)
        if not force and state.next_poll_at and state.next_poll_at > now:
            return SourceOutcome(source.name, 0, frozenset(), skipped="not due yet")
        if source.url == DEMO_SOURCE_URL:
            result = FetchResult(
                url=source.url,
                final_url=source.url,
                status=200,
                body=demo_feed_bytes(),
                text="",
                content_type="application/rss+xml",
                etag=None,
                last_modified=None,
                not_modified=False,
                error=None,
            )
        else:
            result = await self._fetcher.fetch(source.url, state.etag, state.last_modified)
        if result.error:
            logger.warning("source %s failed: %s", source.name, result.error)
            await asyncio.to_thread(self._sources.record_failure, source, now, result.error)
            return SourceOutcome(source.name, 0, frozenset(), error=result.error)
        if result.not_modified:
            await asyncio.to_thread(
                self._sources.record_success, source, now, result.etag, result.last_modified, 0
            )
            return SourceOutcome(source.name, 0, frozenset())
        warnings: tuple[str, ...] = ()
        entry_source = source
        try:
            # Parsing and extraction are CPU work: off the event loop, which also serves
            # the other sources' fetches (and, in the bot, the chat handlers).
            feed = await asyncio.to_thread(
                parse_feed, result.body, url=result.final_url, max_entries=self._max_entries
            )
            entries = list(feed.entries)
            warnings = feed.warnings
            for warning in warnings:
                logger.warning("source %s: %s", source.name, warning)
        except FeedError as exc:
            is_html = "HTML" in str(exc)
            page = (
                await asyncio.to_thread(extract_page, result.text, result.final_url)
                if is_html
                else None
            )
            if page is None or len(page.text) < _MIN_PAGE_CHARS:
                message = f"{exc}, without article text" if is_html else str(exc)
                await asyncio.to_thread(self._sources.record_failure, source, now, message)
                return SourceOutcome(source.name, 0, frozenset(), error=message)
            # An article page configured as a source (a supported kind): one entry, whose
            # page is the one just read, so it is not fetched again.
            entry_source = replace(source, fetch_pages=False)
            entries = [
                FeedEntry(
                    guid=page.canonical_url or result.final_url,
                    url=page.canonical_url or result.final_url,
                    title=page.title or "",
                    summary="",
                    content=page.text,
                    published=page.date,
                    author=page.author,
                )
            ]
        stored: list[tuple[int, Article]] = []
        try:
            # Oldest first, so a story's first article is its earliest report.
            for entry in sorted(entries, key=lambda e: e.published or now):
                added = await self._ingest_entry(entry_source, entry, now)
                if added is not None:
                    stored.append(added)
        finally:
            # Even when a later item failed: a stored article left without a story would
            # never reach a brief (its GUID counts as seen, so it is not retried).
            stories = await self._cluster(stored)
        new = len(stored)
        await asyncio.to_thread(
            self._sources.record_success, source, now, result.etag, result.last_modified, new
        )
        return SourceOutcome(source.name, new, frozenset(stories), warnings=warnings)

    async def _cluster(self, stored: Sequence[tuple[int, Article]]) -> set[int]:
        """Assigns stored articles to stories, in order; the model loads only if any is new."""
        if not stored:
            return set()
        articles = [a for _, a in stored]
        vectors = (
            await asyncio.to_thread(self.lead_vectors, articles)
            if self._inline_analysis
            else [None] * len(articles)
        )
        story_ids: set[int] = set()
        async with self._cluster_lock:
            for (article_id, article), vector in zip(stored, vectors, strict=True):
                story_ids.add(
                    await asyncio.to_thread(self._assign_story, article_id, article, vector)
                )
        return story_ids

    def lead_vectors(self, articles: Sequence[Article]) -> list[tuple[float, ...] | None]:
        """One embedding per article (title + lead), in one encoder batch."""
        try:
            matrix = self._analyzer.encoder.encode([lead_text(a.title, a.text) for a in articles])
            rows: list[list[float]] = matrix.tolist()
        except Exception:  # a missing or broken model must not keep articles out of stories
            logger.warning("lead embeddings unavailable; clustering on words only", exc_info=True)
            return [None] * len(articles)
        return [round_vector(row) for row in rows]

    async def _ingest_entry(
        self, source: SourceConfig, entry: FeedEntry, now: datetime
    ) -> tuple[int, Article] | None:
        """Stores a new item; (article id, article), or None when seen before or empty."""
        url = entry.url or entry.guid
        if await asyncio.to_thread(self._stories.seen_entry, source.name, entry.guid, url):
            return None
        text, from_summary, canonical = entry.content, False, None
        cleaned = clean_body(text)
        if (
            len(cleaned.body) < _FULL_TEXT_CHARS
            and source.fetch_pages
            and url.startswith(("http://", "https://"))
        ):
            page_result = await self._fetcher.fetch(url)
            page = (
                await asyncio.to_thread(extract_page, page_result.text, page_result.final_url)
                if page_result.ok
                else None
            )
            if page is not None and len(page.text) > len(cleaned.body):
                canonical = page.canonical_url
                cleaned = clean_body(page.text)
            elif not text:
                from_summary = True
                cleaned = clean_body(entry.summary)
                logger.info(
                    "%s: using the feed summary (%s)", url, page_result.error or "no text extracted"
                )
        elif not text:
            from_summary = True
            cleaned = clean_body(entry.summary)
        if not cleaned.body.strip():
            logger.warning("source %s: item %s has no text; skipped", source.name, url)
            return None
        title = clean_title(entry.title) or cleaned.body[:80]
        cleaned = drop_repeated_title(cleaned, title)
        digest = content_hash(cleaned.body)
        if digest in self._claimed:
            return None
        self._claimed.add(digest)  # no await since the check: no other task got in between
        if await asyncio.to_thread(self._stories.seen_content, digest):
            return None
        tags = await asyncio.to_thread(self._tagger.tag, title, cleaned.body)
        figures, quotes = await asyncio.to_thread(
            self._analyzer.extract, Document(text=cleaned.body, title=title)
        )
        article = Article(
            source=entry.outlet or source.name,
            source_kind=source.kind,
            url=canonical or url,
            guid=entry.guid,
            title=title,
            text=cleaned.body,
            appendix=cleaned.appendix,
            published=entry.published or now,
            fetched=now,
            from_feed_summary=from_summary,
            topics=tags.topics,
            places=tags.places,
            conflict_score=tags.conflict_score,
            content_hash=digest,
        )
        analysis = {
            "figures": [f.to_dict() for f in figures],
            "quotes": [q.to_dict() for q in quotes],
        }
        article_id = await asyncio.to_thread(
            self._stories.add_article, article, analysis, source.name
        )
        if article_id is None:
            return None
        return article_id, article

    def _assign_story(
        self, article_id: int, article: Article, lead_vector: tuple[float, ...] | None
    ) -> int:
        fp = fingerprint(article.title, article.text)
        since = article.published - self._story_window
        candidates = [
            StoryCandidate(
                story_id=row["id"],
                fingerprint=Fingerprint.from_json(row["fingerprint"]),
                topics=tuple(row["topics"]),
                updated=row["updated"],
                lead_vector=tuple(row["lead_vector"]) if row["lead_vector"] else None,
            )
            for row in self._stories.story_candidates(since)
            if row["fingerprint"] is not None
        ]
        story_id = match_story(
            fp, article.topics, article.published, candidates, self._story_window, lead_vector
        )
        if story_id is None:
            story_id = self._stories.create_story(
                article.title,
                article.topics,
                article.places,
                fp.to_json(),
                article.conflict_score,
                article.published,
                lead_vector,
            )
        self._stories.attach(
            article_id, story_id, article, max(article.published, self._clock.now())
        )
        return story_id
