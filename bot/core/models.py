"""Domain types of newsbrief. Plain frozen dataclasses, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from summarizer.types import Figure, FigureCategory, Quote

SourceKind = Literal[
    "wire",
    "international",
    "local",
    "state_media",
    "party_outlet",
    "aggregator",
    "humanitarian",
    "demo",
    "unknown",
]

SOURCE_KIND_LABELS: dict[str, str] = {
    "wire": "wire service",
    "international": "international outlet",
    "local": "local outlet",
    "state_media": "state media",
    "party_outlet": "outlet of a party to the conflict",
    "aggregator": "aggregator",
    "humanitarian": "humanitarian agency",
    "demo": "bundled demo source",
    "unknown": "unclassified source",
}

Platform = Literal["telegram", "slack", "console"]


@dataclass(frozen=True)
class SourceConfig:
    """One configured news source: a feed URL, a page URL or a local file path."""

    name: str
    url: str
    kind: SourceKind = "unknown"
    poll_minutes: int = 15
    fetch_pages: bool = True


@dataclass(frozen=True)
class SourceRef:
    """Where a story's report came from, as shown under a brief item."""

    outlet: str
    url: str
    kind: SourceKind = "unknown"
    title: str = ""
    # Only the feed's summary could be read (page unreachable or not extractable).
    summary_only: bool = False


@dataclass(frozen=True)
class Article:
    source: str
    source_kind: SourceKind
    url: str
    guid: str
    title: str
    text: str
    published: datetime
    fetched: datetime
    appendix: str = ""
    from_feed_summary: bool = False
    topics: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    conflict_score: float = 0.0
    content_hash: str = ""
    id: int | None = None


@dataclass(frozen=True)
class ReportedFigure:
    """A figure as one outlet reported it in one article."""

    figure: Figure
    outlet: str
    url: str
    article_id: int
    reported_at: datetime


@dataclass(frozen=True)
class ReportedQuote:
    quote: Quote
    outlet: str
    url: str
    article_id: int


@dataclass(frozen=True)
class Story:
    """One real-world event, however many outlets reported it."""

    id: int
    headline: str
    topics: tuple[str, ...]
    places: tuple[str, ...]
    summary: str
    figures: tuple[ReportedFigure, ...]
    quotes: tuple[ReportedQuote, ...]
    sources: tuple[SourceRef, ...]
    first_seen: datetime
    updated: datetime
    conflict_score: float = 0.0
    previous_figures: tuple[ReportedFigure, ...] = ()


@dataclass(frozen=True)
class KeyFigure:
    """Figures of one category merged across a story's sources."""

    category: FigureCategory
    low: int | None
    high: int | None
    qualifier: str | None
    approx: bool
    affected: str | None
    reports: tuple[ReportedFigure, ...]
    corroborated: bool
    revision: str | None = None

    @property
    def label(self) -> str:
        return self.category.replace("_", " ")


@dataclass(frozen=True)
class BriefItem:
    story_id: int
    headline: str
    summary: str
    figures: tuple[KeyFigure, ...]
    quotes: tuple[ReportedQuote, ...]
    sources: tuple[SourceRef, ...]
    updated: datetime
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class Brief:
    topic: str
    topic_label: str
    since: datetime
    generated_at: datetime
    items: tuple[BriefItem, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChatRef:
    """A chat on one platform. Subscriptions are keyed by platform + chat, never by user."""

    platform: Platform
    chat_id: str
    thread_id: str | None = None


@dataclass(frozen=True)
class Subscription:
    chat: ChatRef
    topic: str
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChatSettings:
    chat: ChatRef
    timezone: str = "UTC"
    digest_time: str | None = None
    alerts: bool = False
    alert_threshold: int = 10
    active: bool = True
    quiet_start: str | None = None
    quiet_end: str | None = None


@dataclass(frozen=True)
class SourceStatus:
    name: str
    url: str
    kind: SourceKind
    last_success: datetime | None
    last_error: str | None
    failures: int
    items_seen: int
    disabled_reason: str | None


@dataclass(frozen=True)
class PollReport:
    """What one poll cycle did, per source; failures are never silent."""

    new_articles: int = 0
    failed: tuple[tuple[str, str], ...] = ()
    ok: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
