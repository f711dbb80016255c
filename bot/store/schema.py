"""Database schema (SQLAlchemy Core). One schema for SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("url", Text, nullable=False),
    Column("kind", String(40), nullable=False, default="unknown"),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_success", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("last_error_at", DateTime(timezone=True)),
    Column("failures", Integer, nullable=False, default=0),
    Column("items_seen", Integer, nullable=False, default=0),
    Column("next_poll_at", DateTime(timezone=True)),
    Column("disabled_reason", Text),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("headline", Text, nullable=False),
    Column("topics", JSON, nullable=False),
    Column("places", JSON, nullable=False),
    Column("fingerprint", JSON),
    # Sentence embedding of the first report's title + lead (384 floats, 4 decimals) for
    # the hybrid same-story rule (bot/ingest/cluster.py); NULL where none was computed.
    Column("lead_vector", JSON),
    Column("conflict_score", Float, nullable=False, default=0.0),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("feed", String(200), nullable=False),
    Column("source", String(200), nullable=False),
    Column("source_kind", String(40), nullable=False),
    Column("guid", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("appendix", Text, nullable=False, default=""),
    Column("from_feed_summary", Boolean, nullable=False, default=False),
    Column("published", DateTime(timezone=True), nullable=False),
    Column("fetched", DateTime(timezone=True), nullable=False),
    Column("topics", JSON, nullable=False),
    Column("places", JSON, nullable=False),
    Column("conflict_score", Float, nullable=False, default=0.0),
    Column("analysis", JSON),
    Column("story_id", Integer, ForeignKey("stories.id"), index=True),
    UniqueConstraint("feed", "guid", name="uq_articles_feed_guid"),
    Index("ix_articles_content_hash", "content_hash"),
    Index("ix_articles_url", "url"),
)

# Every summary a story ever had: the latest is current, older ones let a brief
# say "up from 25 reported yesterday".
summaries = Table(
    "summaries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id"), nullable=False, index=True),
    Column("summary", Text, nullable=False),
    Column("backend", String(40), nullable=False),
    Column("figures", JSON, nullable=False),
    Column("quotes", JSON, nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
)

chats = Table(
    "chats",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("platform", String(20), nullable=False),
    Column("chat_id", String(100), nullable=False),
    Column("thread_id", String(100)),
    Column("timezone", String(64), nullable=False, default="UTC"),
    Column("digest_time", String(5)),
    Column("alerts", Boolean, nullable=False, default=False),
    Column("alert_threshold", Integer, nullable=False, default=10),
    Column("quiet_start", String(5)),
    Column("quiet_end", String(5)),
    Column("active", Boolean, nullable=False, default=True),
    Column("inactive_reason", Text),
    UniqueConstraint("platform", "chat_id", name="uq_chats_platform_chat"),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("platform", String(20), nullable=False),
    Column("chat_id", String(100), nullable=False),
    Column("thread_id", String(100)),
    Column("topic", String(64), nullable=False),
    Column("include_words", JSON, nullable=False),
    Column("exclude_words", JSON, nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    UniqueConstraint("platform", "chat_id", "topic", name="uq_subscriptions_chat_topic"),
)

# The durable outbox: one row per message to send (see bot/delivery.py).
deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("platform", String(20), nullable=False),
    Column("chat_id", String(100), nullable=False),
    Column("thread_id", String(100)),
    Column("content_key", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("status", String(20), nullable=False, default="pending"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt", DateTime(timezone=True), nullable=False),
    Column("last_error", Text),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("sent", DateTime(timezone=True)),
    Column("message_id", String(100)),
    UniqueConstraint("platform", "chat_id", "content_key", name="uq_deliveries_key"),
    Index("ix_deliveries_due", "status", "next_attempt"),
)

# Which stories a sent brief message showed, so buttons and replies to it work
# after a restart (callback data refers to stored ids).
brief_messages = Table(
    "brief_messages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("platform", String(20), nullable=False),
    Column("chat_id", String(100), nullable=False),
    Column("message_id", String(100), nullable=False),
    Column("story_ids", JSON, nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    UniqueConstraint("platform", "chat_id", "message_id", name="uq_brief_messages"),
)

# Leader lease: one scheduler per deployment.
leases = Table(
    "leases",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("holder", String(200), nullable=False),
    Column("expires", DateTime(timezone=True), nullable=False),
)
