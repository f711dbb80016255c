"""Digest timing across time zones and DST, the grace window after downtime, no repeat
on restart, the leader lease between two schedulers, alerts with thresholds and quiet
hours. A fixed clock everywhere: nothing here depends on the machine's speed."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import pytest

from bot.adapters.telegram_send import render_payloads
from bot.bootstrap import App
from bot.core.clock import FixedClock
from bot.core.models import ChatRef, ChatSettings, Subscription
from bot.schedule import ScheduleConfig, Scheduler
from bot.schedule_alerts import AlertJob
from bot.schedule_digests import DigestJob
from bot.schedule_jobs import purge_old
from bot.schedule_time import digest_slots, next_digest, quiet_until
from bot.store.leases import LeaseRepository
from bot.store.outbox import NewDelivery, OutboxRepository
from tests.support.delivery_worker import make_app
from tests.support.stories import NOW, add_story

RENDER = {"telegram": render_payloads}


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def chat(app: App, chat_id: str, tz: str, at: str | None = "08:00", **kw: object) -> ChatRef:
    ref = ChatRef("telegram", chat_id)
    app.chats.subscribe(Subscription(ref, "syria"))
    app.chats.save_settings(ChatSettings(ref, timezone=tz, digest_time=at, **kw))  # type: ignore[arg-type]
    return ref


def digests(app: App, clock: FixedClock, grace_h: float = 3) -> DigestJob:
    return DigestJob(
        app.chats,
        app.briefs,
        app.topics,
        OutboxRepository(app.engine),
        RENDER,
        clock,
        grace=timedelta(hours=grace_h),
    )


def keys(app: App, chat_id: str) -> list[str]:
    return [d.content_key for d in OutboxRepository(app.engine).for_chat("telegram", chat_id)]


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(utc(2026, 3, 29, 5, 59))


@pytest.fixture
def app(database_url: str, clock: FixedClock) -> App:
    return make_app(database_url, clock=clock)


def test_digest_time_is_local_and_dst_correct() -> None:
    berlin = ChatSettings(ChatRef("telegram", "1"), timezone="Europe/Berlin", digest_time="08:00")
    # 29 March 2026: Berlin springs forward; 08:00 is 06:00 UTC, the day before 07:00 UTC.
    assert next_digest(berlin, utc(2026, 3, 28, 0, 0)) == utc(2026, 3, 28, 7, 0)
    assert next_digest(berlin, utc(2026, 3, 28, 7, 0)) == utc(2026, 3, 29, 6, 0)
    assert next_digest(berlin, utc(2026, 10, 24, 12, 0)) == utc(2026, 10, 25, 7, 0)
    new_york = ChatSettings(
        ChatRef("telegram", "2"), timezone="America/New_York", digest_time="08:00"
    )
    assert next_digest(new_york, utc(2026, 3, 8, 0, 0)) == utc(2026, 3, 8, 12, 0)
    kolkata = ChatSettings(ChatRef("telegram", "3"), timezone="Asia/Kolkata", digest_time="08:00")
    assert next_digest(kolkata, utc(2026, 3, 8, 0, 0)) == utc(2026, 3, 8, 2, 30)
    # A wall time inside the spring-forward gap fires once, an hour later in wall time.
    gap = ChatSettings(ChatRef("telegram", "4"), timezone="Europe/Berlin", digest_time="02:30")
    assert next_digest(gap, utc(2026, 3, 28, 12, 0)) == utc(2026, 3, 29, 1, 30)
    slots = digest_slots(gap, utc(2026, 3, 29, 12, 0))
    assert [s.local_date.isoformat() for s in slots] == ["2026-03-28", "2026-03-29"]


def test_tick_enqueues_at_local_time_on_the_dst_day(app: App, clock: FixedClock) -> None:
    chat(app, "10", "Europe/Berlin")
    chat(app, "11", "Asia/Kolkata", "12:00")  # 06:30 UTC
    job = digests(app, clock, grace_h=0.5)
    assert job.tick().enqueued == 0
    clock.at = utc(2026, 3, 29, 6, 0)
    report = job.tick()
    assert report.enqueued == 1 and report.briefs_built == 1
    assert keys(app, "10") == ["digest:syria:2026-03-29#1"]
    assert keys(app, "11") == []
    clock.at = utc(2026, 3, 29, 6, 30)
    assert job.tick().enqueued == 1
    assert keys(app, "11") == ["digest:syria:2026-03-29#1"]
    assert job.tick().enqueued == 0  # every minute after: nothing new


def test_missed_digest_inside_grace_is_sent_once_outside_is_skipped(
    app: App, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    chat(app, "20", "UTC", "06:00")  # due 2 h before "now"
    chat(app, "21", "UTC", "03:00")  # due 5 h before "now"
    clock.at = utc(2026, 3, 29, 8, 0)
    with caplog.at_level(logging.INFO):
        report = digests(app, clock, grace_h=3).tick()
    assert report.enqueued == 1 and report.skipped == 1
    assert keys(app, "20") == ["digest:syria:2026-03-29#1"]
    assert keys(app, "21") == []
    assert "event=digest.skipped" in caplog.text and "chat=21" in caplog.text
    # A restart (a new job object, same database) repeats nothing.
    clock.at = utc(2026, 3, 29, 8, 5)
    assert digests(app, clock, grace_h=3).tick().enqueued == 0
    assert keys(app, "20") == ["digest:syria:2026-03-29#1"]


def test_downtime_across_local_midnight_still_sends_yesterdays(app: App, clock: FixedClock) -> None:
    chat(app, "30", "Europe/Berlin", "23:30")
    clock.at = utc(2026, 3, 29, 0, 10)  # 01:10 local, 40 min after the 28th's 23:30 slot
    assert digests(app, clock, grace_h=3).tick().enqueued == 1
    assert keys(app, "30") == ["digest:syria:2026-03-28#1"]


def test_brief_built_once_per_topic_for_many_chats(app: App, clock: FixedClock) -> None:
    for i in range(25):
        chat(app, str(100 + i), "UTC", "05:00")
    report = digests(app, clock).tick()
    assert report.enqueued == 25 and report.briefs_built == 1 and report.renders == 1


async def test_only_one_of_two_schedulers_leads_and_runs_jobs(database_url: str) -> None:
    class Jobs:
        def __init__(self) -> None:
            self.ticks = 0

        async def poll(self) -> None:
            pass

        async def digest_tick(self) -> None:
            self.ticks += 1

        async def housekeeping(self) -> None:
            pass

    leases = LeaseRepository(make_app(database_url).engine)
    clock = FixedClock(datetime.now(UTC))
    config = ScheduleConfig(poll_minutes=60, digest_tick_s=1, lease_ttl=timedelta(seconds=30))
    jobs_a, jobs_b = Jobs(), Jobs()
    a = Scheduler(jobs_a, leases, "host:a", clock, config)
    b = Scheduler(jobs_b, leases, "host:b", clock, config)
    assert await a.try_lead() is True
    assert await b.try_lead() is False
    a.start()
    b.start()
    try:
        await asyncio.sleep(1.6)
    finally:
        await a.shutdown()
    await b.shutdown()
    assert jobs_a.ticks >= 1 and jobs_b.ticks == 0
    assert await b.try_lead() is True  # a released its lease on shutdown


def test_alerts_threshold_quiet_hours_and_once_per_story(app: App, clock: FixedClock) -> None:
    clock.at = NOW  # 2026-11-27 12:00 UTC
    story = add_story(app.stories, figures=(25,), when=NOW - timedelta(minutes=5))
    loud = chat(app, "40", "UTC", None, alerts=True, alert_threshold=10)
    chat(app, "41", "UTC", None, alerts=True, alert_threshold=50)
    chat(app, "42", "UTC", None, alerts=False, alert_threshold=1)
    # 21:00 in Tokyo: inside 20:00-07:00 quiet hours, held until 07:00 local (22:00 UTC).
    chat(
        app,
        "43",
        "Asia/Tokyo",
        None,
        alerts=True,
        alert_threshold=10,
        quiet_start="20:00",
        quiet_end="07:00",
    )
    outbox = OutboxRepository(app.engine)
    job = AlertJob(app.chats, app.stories, app.topics, outbox, RENDER, clock)
    assert job.scan() == 2
    assert job.scan() == 0  # once per chat per story
    (alert,) = outbox.for_chat("telegram", loud.chat_id)
    assert alert.content_key == f"alert:{story}" and alert.next_attempt == NOW
    assert "25" in alert.payload["html"]
    (held,) = outbox.for_chat("telegram", "43")
    assert held.next_attempt == utc(2026, 11, 27, 22, 0)
    assert outbox.for_chat("telegram", "41") == outbox.for_chat("telegram", "42") == []


def test_quiet_hours_window() -> None:
    s = ChatSettings(
        ChatRef("telegram", "1"), timezone="UTC", quiet_start="22:00", quiet_end="07:00"
    )
    assert quiet_until(s, utc(2026, 1, 1, 23, 0)) == utc(2026, 1, 2, 7, 0)
    assert quiet_until(s, utc(2026, 1, 2, 3, 0)) == utc(2026, 1, 2, 7, 0)
    assert quiet_until(s, utc(2026, 1, 2, 7, 0)) is None
    day = ChatSettings(
        ChatRef("telegram", "1"), timezone="UTC", quiet_start="09:00", quiet_end="17:00"
    )
    assert quiet_until(day, utc(2026, 1, 2, 12, 0)) == utc(2026, 1, 2, 17, 0)
    assert quiet_until(day, utc(2026, 1, 2, 18, 0)) is None


def test_housekeeping_purges_old_sent_deliveries(app: App, clock: FixedClock) -> None:
    outbox = OutboxRepository(app.engine)
    old = clock.at - timedelta(days=40)
    outbox.enqueue([NewDelivery("telegram", "1", "k", "digest", {"html": "x"})], old)
    (row,) = outbox.claim(old, 1, timedelta(seconds=60))
    outbox.mark_sent(row, old, "1")
    outbox.enqueue([NewDelivery("telegram", "1", "k2", "digest", {"html": "x"})], clock.at)
    purged = purge_old(app.engine, outbox, clock.at, days=30)
    assert purged.deliveries == 1
    assert outbox.counts_by_status() == {"pending": 1}


def test_housekeeping_drops_old_article_text_but_remembers_the_item(
    app: App, clock: FixedClock
) -> None:
    from bot.core.models import Article

    old = clock.at - timedelta(days=40)
    article = Article(
        source="Wire",
        source_kind="wire",
        url="https://example.org/old",
        guid="old-1",
        title="Old",
        text="Old text",
        published=old,
        fetched=old,
        content_hash="h-old",
    )
    assert app.stories.add_article(article, {"figures": []}, "feed") is not None
    purged = purge_old(app.engine, OutboxRepository(app.engine), clock.at, days=30)
    assert purged.articles == 1
    # The text is gone; the item is still known, so a feed listing it is not re-ingested.
    assert app.stories.seen_entry("feed", "old-1", "https://example.org/none")
    assert app.stories.seen_content("h-old")
    assert purge_old(app.engine, OutboxRepository(app.engine), clock.at, days=30).articles == 0
