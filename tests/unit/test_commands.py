"""The platform-neutral command layer, on a real SQLite store."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.core.briefs import BriefBuilder
from bot.core.clock import FixedClock
from bot.core.commands import COMMANDS, CommandContext, CommandHandler, parse
from bot.core.models import ChatRef
from bot.core.topics import Topic, TopicRegistry
from bot.store.chats import ChatRepository
from bot.store.db import make_engine
from bot.store.stories import StoryRepository
from summarizer.types import Quote
from tests.support.stories import NOW, add_story

TOPICS = (
    Topic("syria", "Syria", ("SY",), ("idlib", "aleppo")),
    Topic("sudan", "Sudan", ("SD",), ("darfur",)),
)
PRIVATE = CommandContext(chat=ChatRef("console", "me"))


@pytest.fixture
def setup(tmp_path: Path) -> tuple[CommandHandler, StoryRepository, ChatRepository]:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    stories, chats = StoryRepository(engine), ChatRepository(engine)
    places = {"khartoum": "SD", "homs": "SY"}
    registry = TopicRegistry(TOPICS, place_country=places.get)
    clock = FixedClock(NOW + timedelta(hours=1))
    briefs = BriefBuilder(stories, clock, min_conflict_score=0.5)
    return CommandHandler(chats, stories, briefs, registry), stories, chats


def test_parse_strips_slash_and_bot_name() -> None:
    assert parse("/brief@newsbrief_bot syria 3d") == ("brief", ["syria", "3d"])
    assert parse("  ") == ("", [])


def test_subscribe_resolves_aliases_and_places(setup) -> None:  # type: ignore[no-untyped-def]
    handler, _, chats = setup
    assert "Subscribed to Syria" in handler.handle("/subscribe idlib", PRIVATE).text
    assert "already follows Syria" in handler.handle("/subscribe Syria", PRIVATE).text
    # A place from the gazetteer (not an alias) resolves through its country.
    assert "Subscribed to Sudan" in handler.handle("/subscribe Khartoum", PRIVATE).text
    assert [s.topic for s in chats.subscriptions(PRIVATE.chat)] == ["sudan", "syria"]
    listing = handler.handle("/list", PRIVATE).text
    assert "Syria" in listing and "Sudan" in listing
    assert "Unsubscribed from Syria" in handler.handle("/unsubscribe syria", PRIVATE).text
    assert "2" not in handler.handle("/unsubscribe all", PRIVATE).text
    assert chats.subscriptions(PRIVATE.chat) == []


def test_errors_are_short_and_helpful(setup) -> None:  # type: ignore[no-untyped-def]
    handler, _, _ = setup
    unknown = handler.handle("/frobnicate", PRIVATE)
    assert not unknown.ok and "/help" in unknown.text and "Traceback" not in unknown.text
    bad_topic = handler.handle("/subscribe atlantis", PRIVATE)
    assert not bad_topic.ok and "syria" in bad_topic.text
    assert "Example" in handler.handle("/subscribe", PRIVATE).text
    assert "not a time" in handler.handle("/digest 25:00", PRIVATE).text
    assert "Unknown timezone" in handler.handle("/digest 08:00 Mars/Olympus", PRIVATE).text
    assert "not a threshold" in handler.handle("/alerts on lots", PRIVATE).text
    assert "Usage" in handler.handle("/filter syria idlib", PRIVATE).text
    assert "not an item number" in handler.handle("/sources abc", PRIVATE).text
    assert "No item #999" in handler.handle("/figures 999", PRIVATE).text


def test_settings_commands_are_stored(setup) -> None:  # type: ignore[no-untyped-def]
    handler, _, chats = setup
    assert "08:00 (Europe/Berlin)" in handler.handle("/digest 8:00 Europe/Berlin", PRIVATE).text
    assert "Asia/Damascus" in handler.handle("/timezone Asia/Damascus", PRIVATE).text
    handler.handle("/alerts on 20", PRIVATE)
    settings = chats.settings(PRIVATE.chat)
    assert (settings.digest_time, settings.timezone) == ("08:00", "Asia/Damascus")
    assert settings.alerts and settings.alert_threshold == 20
    text = handler.handle("/settings", PRIVATE).text
    assert "daily at 08:00" in text and "threshold 20" in text
    assert "Usage" in handler.handle("/quiet late", PRIVATE).text
    assert "22:00–07:00" in handler.handle("/quiet 22:00-7:00", PRIVATE).text
    quiet = chats.settings(PRIVATE.chat)
    assert (quiet.quiet_start, quiet.quiet_end) == ("22:00", "07:00")
    assert "Quiet hours: 22:00–07:00" in handler.handle("/settings", PRIVATE).text
    handler.handle("/quiet off", PRIVATE)
    assert chats.settings(PRIVATE.chat).quiet_start is None
    handler.handle("/digest off", PRIVATE)
    assert chats.settings(PRIVATE.chat).digest_time is None


def test_non_admins_cannot_configure(setup) -> None:  # type: ignore[no-untyped-def]
    handler, _, chats = setup
    member = CommandContext(chat=ChatRef("telegram", "-100"), user_id="7", may_configure=False)
    reply = handler.handle("/subscribe syria", member)
    assert not reply.ok and "admins" in reply.text
    assert chats.subscriptions(member.chat) == []
    # Reading is open to everyone.
    assert handler.handle("/brief syria", member).brief is not None


def test_brief_and_follow_ups(setup) -> None:  # type: ignore[no-untyped-def]
    handler, stories, _ = setup
    quote = Quote("Assad", "We are talking about crushing them", "s", reported=True)
    story_id = add_story(
        stories, outlets=("Demo Wire", "Levant Monitor"), figures=(25, 31), quote=quote
    )
    add_story(stories, headline="Sudan story", topics=("sudan",))
    brief = handler.handle("/brief syria", PRIVATE).brief
    assert brief is not None and [i.story_id for i in brief.items] == [story_id]
    killed = brief.items[0].figures[0]
    assert (killed.low, killed.high, killed.corroborated) == (25, 31, True)
    assert "Levant Monitor" in str(handler.handle(f"/sources {story_id}", PRIVATE).detail)
    figures = handler.handle(f"/figures #{story_id}", PRIVATE).detail
    assert figures is not None and "31" in figures.lines[0].text
    quotes = handler.handle(f"/quotes {story_id}", PRIVATE).detail
    assert quotes is not None and "Assad" in quotes.lines[0].text
    why = handler.handle(f"/why {story_id} killed", PRIVATE).detail
    assert why is not None and all(line.url for line in why.lines)
    assert "Idlib" in why.lines[0].text  # the source sentence itself
    # A reply to a brief message carries its story ids.
    replied = CommandContext(chat=PRIVATE.chat, replied_story_ids=(story_id,))
    assert handler.handle("/sources", replied).detail is not None


def test_brief_window_and_filters(setup) -> None:  # type: ignore[no-untyped-def]
    handler, stories, _ = setup
    add_story(stories, headline="Old strike on Homs", when=NOW - timedelta(days=2))
    add_story(stories, headline="Idlib football final", when=NOW)
    assert len(handler.handle("/brief syria", PRIVATE).brief.items) == 1  # type: ignore[union-attr]
    assert len(handler.handle("/brief syria 3d", PRIVATE).brief.items) == 2  # type: ignore[union-attr]
    handler.handle("/subscribe syria", PRIVATE)
    handler.handle("/filter syria -football", PRIVATE)
    brief = handler.handle("/brief syria 7d", PRIVATE).brief
    assert brief is not None and [i.headline for i in brief.items] == ["Old strike on Homs"]


def test_help_lists_every_command(setup) -> None:  # type: ignore[no-untyped-def]
    handler, _, _ = setup
    text = handler.handle("/help", PRIVATE).text
    assert all(spec.usage in text for spec in COMMANDS)


def test_a_chat_that_talks_again_is_reactivated(setup) -> None:  # type: ignore[no-untyped-def]
    handler, _, chats = setup
    handler.handle("/subscribe syria", PRIVATE)
    chats.deactivate(PRIVATE.chat, "403 Forbidden: bot was blocked by the user")
    assert chats.subscribers("syria") == []
    handler.handle("/list", PRIVATE)
    assert chats.settings(PRIVATE.chat).active
    assert [s.topic for s in chats.subscribers("syria")] == ["syria"]
