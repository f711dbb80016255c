"""The composition root: the one place that builds newsbrief's object graph."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine

from bot.core.briefs import BriefBuilder
from bot.core.clock import SystemClock
from bot.core.commands import CommandHandler
from bot.core.ports import Clock
from bot.core.topics import TopicRegistry, topics_from_mapping
from bot.ingest.fetch import Fetcher, FetchLimits
from bot.ingest.gazetteer import Gazetteer
from bot.ingest.pipeline import Ingestor
from bot.ingest.relevance import CONFLICT_THRESHOLD
from bot.ingest.tagging import Tagger
from bot.settings import Settings, SettingsError
from bot.store.chats import ChatRepository
from bot.store.db import make_engine
from bot.store.sources import SourceRepository
from bot.store.stories import StoryRepository
from summarizer.analysis import Analyzer
from summarizer.encoder import SentenceEncoder


@dataclass
class App:
    settings: Settings
    engine: Engine
    clock: Clock
    stories: StoryRepository
    chats: ChatRepository
    sources: SourceRepository
    topics: TopicRegistry
    tagger: Tagger
    analyzer: Analyzer
    briefs: BriefBuilder
    commands: CommandHandler

    def fetcher(self) -> Fetcher:
        return Fetcher(
            FetchLimits(
                timeout_s=self.settings.fetch_timeout_s, max_bytes=self.settings.fetch_max_bytes
            )
        )

    def failing_sources_note(self) -> tuple[str, ...]:
        return failing_sources_note(self.sources)

    def ingestor(self, fetcher: Fetcher) -> Ingestor:
        return Ingestor(
            fetcher,
            self.stories,
            self.sources,
            self.tagger,
            self.analyzer,
            self.clock,
            story_window=timedelta(hours=self.settings.story_window_hours),
            inline_analysis=self.settings.analysis == "inline",
        )


def failing_sources_note(sources: SourceRepository) -> tuple[str, ...]:
    """A line for briefs: which sources are failing right now, and why."""
    failing = [s for s in sources.source_statuses() if s.last_error and s.failures]
    if not failing:
        return ()
    names = "; ".join(f"{s.name} ({s.last_error})" for s in failing[:5])
    more = f" and {len(failing) - 5} more" if len(failing) > 5 else ""
    return (f"{len(failing)} source(s) failing: {names}{more}",)


def build_analyzer(settings: Settings, show_progress: bool = True) -> Analyzer:
    """The summarizer as configured; the model itself loads lazily, on first use."""
    s = settings.summarizer
    return Analyzer(
        backend="abstractive" if s.backend == "abstractive" else "extractive",
        encoder=SentenceEncoder(
            model_path=s.encoder_path, threads=s.threads, show_progress=show_progress
        ),
        abstractive_model=s.abstractive_model,
        threads=s.threads,
        max_sentences=s.max_sentences,
    )


def build_tagger(settings: Settings) -> Tagger:
    gazetteer = Gazetteer()
    return Tagger(load_topics(settings, gazetteer), gazetteer)


def load_topics(settings: Settings, gazetteer: Gazetteer) -> TopicRegistry:
    try:
        data = tomllib.loads(settings.topics_file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SettingsError(f"topics file not found: {settings.topics_file}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"topics file {settings.topics_file}: {exc}") from exc
    return TopicRegistry(topics_from_mapping(data), place_country=gazetteer.country_of)


def bootstrap(
    settings: Settings, clock: Clock | None = None, analyzer: Analyzer | None = None
) -> App:
    clock = clock or SystemClock()
    engine = make_engine(settings.database_url)
    gazetteer = Gazetteer()
    topics = load_topics(settings, gazetteer)
    stories = StoryRepository(engine)
    chats = ChatRepository(engine)
    sources = SourceRepository(engine)
    analyzer = analyzer or build_analyzer(settings)
    briefs = BriefBuilder(stories, clock, min_conflict_score=CONFLICT_THRESHOLD)
    return App(
        settings=settings,
        engine=engine,
        clock=clock,
        stories=stories,
        chats=chats,
        sources=sources,
        topics=topics,
        tagger=Tagger(topics, gazetteer),
        analyzer=analyzer,
        briefs=briefs,
        commands=CommandHandler(
            chats, stories, briefs, topics, brief_notes=lambda: failing_sources_note(sources)
        ),
    )
