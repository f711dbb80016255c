"""Storage on SQLite and PostgreSQL through the same repositories."""

from __future__ import annotations

from datetime import timedelta

from bot.core.models import (
    Article,
    ChatRef,
    ChatSettings,
    ReportedFigure,
    SourceConfig,
    Subscription,
)
from bot.store.chats import ChatRepository
from bot.store.db import make_engine
from bot.store.sources import SourceRepository
from bot.store.stories import StoryRepository
from summarizer.types import Quote
from tests.support.stories import NOW, add_story, killed


def test_story_round_trip_keeps_figures_quotes_and_sources(database_url: str) -> None:
    repo = StoryRepository(make_engine(database_url))
    quote = Quote("Assad", "We are talking about crushing them", "“We are ...” Assad said.", True)
    story_id = add_story(
        repo, outlets=("Demo Wire", "Levant Monitor"), figures=(25, 31), quote=quote
    )
    story = repo.get_story(story_id)
    assert story is not None
    assert [s.outlet for s in story.sources] == ["Demo Wire", "Levant Monitor"]
    assert sorted(f.figure.value for f in story.figures) == [25, 31]
    assert story.quotes[0].quote.speaker == "Assad" and story.quotes[0].quote.reported
    assert story.updated.tzinfo is not None
    assert [s.id for s in repo.stories_for_topic("syria", NOW - timedelta(hours=1))] == [story_id]
    assert repo.stories_for_topic("sudan", NOW - timedelta(hours=1)) == []
    assert repo.stories_for_topic("syria", NOW + timedelta(hours=1)) == []


def test_previous_summary_kept_for_revisions(database_url: str) -> None:
    repo = StoryRepository(make_engine(database_url))
    story_id = add_story(repo, figures=(25,))
    later = NOW + timedelta(hours=20)
    first = repo.get_story(story_id)
    assert first is not None
    report = first.figures[0]
    updated = ReportedFigure(
        killed(41, "At least 41 were killed."), "Demo Wire", report.url, report.article_id, later
    )
    repo.record_summary(story_id, "At least 41 were killed.", "extractive", [updated], [], later)
    story = repo.get_story(story_id)
    assert story is not None
    assert story.figures[0].figure.value == 41
    assert story.previous_figures[0].figure.value == 25


def test_articles_are_deduplicated_by_guid_url_and_content(database_url: str) -> None:
    repo = StoryRepository(make_engine(database_url))
    article = Article(
        source="Wire",
        source_kind="wire",
        url="https://example.org/a",
        guid="g1",
        title="T",
        text="Body text",
        published=NOW,
        fetched=NOW,
        content_hash="h1",
    )
    assert repo.add_article(article, {}, "feed-a") is not None
    assert repo.seen_entry("feed-a", "g1", "https://example.org/other")
    assert repo.seen_entry("feed-b", "g2", "https://example.org/a")
    assert not repo.seen_entry("feed-b", "g1", "https://example.org/b")
    assert repo.seen_content("h1") and not repo.seen_content("h2")
    # The same GUID from the same feed is refused by the database, not stored twice.
    assert repo.add_article(article, {}, "feed-a") is None
    assert repo.article_count() == 1


def test_subscriptions_are_keyed_by_platform_and_chat(database_url: str) -> None:
    chats = ChatRepository(make_engine(database_url))
    telegram = ChatRef("telegram", "42")
    slack = ChatRef("slack", "42")
    assert chats.subscribe(Subscription(telegram, "syria"))
    assert not chats.subscribe(Subscription(telegram, "syria"))
    assert chats.subscribe(Subscription(slack, "sudan"))
    assert [s.topic for s in chats.subscriptions(telegram)] == ["syria"]
    assert [s.topic for s in chats.subscriptions(slack)] == ["sudan"]
    assert chats.set_filter(telegram, "syria", ["idlib"], ["football"])
    assert chats.subscriptions(telegram)[0].include == ("idlib",)
    assert chats.unsubscribe(telegram, None) == 1
    assert chats.subscriptions(telegram) == []
    assert len(chats.subscribers("sudan")) == 1


def test_settings_deactivation_and_migration(database_url: str) -> None:
    chats = ChatRepository(make_engine(database_url))
    group = ChatRef("telegram", "-100")
    chats.subscribe(Subscription(group, "syria"))
    chats.save_settings(ChatSettings(group, timezone="Asia/Damascus", digest_time="08:00"))
    chats.remember_brief(group, "77", [3, 4])
    chats.migrate_chat(group, "-1001")
    moved = ChatRef("telegram", "-1001")
    assert chats.settings(moved).timezone == "Asia/Damascus"
    assert [s.topic for s in chats.subscriptions(moved)] == ["syria"]
    assert chats.stories_of_message(moved, "77") == [3, 4]
    chats.deactivate(moved, "403 Forbidden: bot was blocked by the user")
    assert not chats.settings(moved).active
    assert chats.subscribers("syria") == []


def test_source_backoff_and_disable(database_url: str) -> None:
    repo = SourceRepository(make_engine(database_url), disable_after=3)
    source = SourceConfig("Flaky", "http://127.0.0.1:9/feed", "local", poll_minutes=10)
    for _ in range(2):
        repo.record_failure(source, NOW, "timed out after 20s")
    state = repo.state(source)
    assert state.failures == 2 and state.disabled_reason is None
    assert state.next_poll_at == NOW + timedelta(minutes=20)
    repo.record_failure(source, NOW, "HTTP 503")
    assert "disabled after 3 failures" in (repo.state(source).disabled_reason or "")
    status = repo.source_statuses()[0]
    assert status.last_error == "HTTP 503" and status.failures == 3
    assert repo.enable("Flaky")
    repo.record_success(source, NOW, '"v2"', None, 4)
    state = repo.state(source)
    assert state.failures == 0 and state.etag == '"v2"'
    assert repo.source_statuses()[0].items_seen == 4
