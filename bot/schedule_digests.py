"""The digest tick: enqueue each chat's digest once its local digest time has passed.

Runs every minute on the leader. A digest row's key is ``digest:<topic>:<local date>#<n>``,
unique per chat in the outbox, so re-running a tick, restarting, or a second instance
never enqueues a digest twice. After downtime a slot due within the grace window is sent
once; an older one is skipped and logged. A Brief is built once per topic per tick and
rendered once per (topic, filter, platform): fan-out costs rows, not brief builds.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Protocol

from bot.core.models import Brief, BriefItem, ChatSettings, Subscription
from bot.core.outbound import Payload
from bot.core.ports import Clock
from bot.core.replies import Reply
from bot.core.topics import Topic, TopicRegistry
from bot.delivery_log import log
from bot.schedule_time import digest_slots
from bot.store.outbox import NewDelivery, OutboxRepository

logger = logging.getLogger(__name__)

Renderer = Callable[[Reply], list[Payload]]


class ChatReader(Protocol):
    def all_settings(self, with_digest: bool = False) -> list[ChatSettings]: ...

    def subscribers(self, topic: str | None = None) -> list[Subscription]: ...


class BriefSource(Protocol):
    def build(
        self,
        topic: Topic,
        window: timedelta,
        include: Sequence[str] = (),
        exclude: Sequence[str] = (),
        notes: Sequence[str] = (),
    ) -> Brief: ...


@dataclass(frozen=True)
class DigestTickReport:
    due: int  # (chat, topic) digests due within the grace window and not yet enqueued
    enqueued: int  # outbox rows inserted (a split brief is several)
    briefs_built: int
    renders: int
    skipped: int  # due longer ago than the grace window and never enqueued


def digest_key(topic: str, local_date: str, part: int) -> str:
    return f"digest:{topic}:{local_date}#{part}"


def item_matches(item: BriefItem, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """A subscription's include/exclude words, applied to an item of the shared brief."""
    haystack = " ".join([item.headline, item.summary, *(s.title for s in item.sources)]).lower()
    if include and not all(word.lower() in haystack for word in include):
        return False
    return not any(word.lower() in haystack for word in exclude)


class DigestJob:
    def __init__(
        self,
        chats: ChatReader,
        briefs: BriefSource,
        topics: TopicRegistry,
        outbox: OutboxRepository,
        renderers: Mapping[str, Renderer],
        clock: Clock,
        grace: timedelta,
        window: timedelta = timedelta(hours=24),
        notes: Callable[[], tuple[str, ...]] | None = None,
    ) -> None:
        self._chats = chats
        self._briefs = briefs
        self._topics = topics
        self._outbox = outbox
        self._renderers = dict(renderers)
        self._clock = clock
        self._grace = grace
        self._window = window
        self._notes = notes
        self._logged_skips: set[tuple[str, str, str]] = set()

    def tick(self) -> DigestTickReport:
        now = self._clock.now()
        subs: dict[tuple[str, str], list[Subscription]] = defaultdict(list)
        for sub in self._chats.subscribers():
            subs[(sub.chat.platform, sub.chat.chat_id)].append(sub)
        due: list[tuple[ChatSettings, Subscription, str]] = []
        missed: list[tuple[ChatSettings, Subscription, str, str]] = []
        for settings in self._chats.all_settings(with_digest=True):
            chat = settings.chat
            if chat.platform not in self._renderers:
                continue
            slots = digest_slots(settings, now)
            for slot in slots:
                in_grace = now - slot.due <= self._grace
                if not in_grace and slot is not slots[-1]:
                    continue  # an older slot: sent or reported when it was the latest
                for sub in subs.get((chat.platform, chat.chat_id), ()):
                    first = digest_key(sub.topic, slot.local_date.isoformat(), 1)
                    if in_grace:
                        due.append((settings, sub, first))
                    else:
                        missed.append((settings, sub, first, slot.due.isoformat()))
        keys = [k for _, _, k in due] + [m[2] for m in missed]
        existing = self._outbox.existing(keys) if keys else set()
        skipped = self._log_skips(missed, existing)
        todo = [d for d in due if (d[0].chat.platform, d[0].chat.chat_id, d[2]) not in existing]
        rows, built, renders = self._rows(todo)
        enqueued = self._outbox.enqueue(rows, now) if rows else 0
        report = DigestTickReport(len(todo), enqueued, built, renders, skipped)
        if todo or skipped:
            log(logger, logging.INFO, "digest.tick", **vars(report))
        return report

    def _log_skips(
        self,
        missed: Sequence[tuple[ChatSettings, Subscription, str, str]],
        existing: set[tuple[str, str, str]],
    ) -> int:
        skipped = 0
        if len(self._logged_skips) > 100_000:
            self._logged_skips.clear()
        for settings, _sub, key, due in missed:
            ident = (settings.chat.platform, settings.chat.chat_id, key)
            if ident in existing:
                continue
            skipped += 1
            if ident not in self._logged_skips:
                self._logged_skips.add(ident)
                log(logger, logging.WARNING, "digest.skipped", chat=settings.chat.chat_id,
                    platform=settings.chat.platform, key=key.removesuffix("#1"), due=due,
                    reason="past grace window", grace_min=int(self._grace.total_seconds() // 60))
        return skipped

    def _rows(
        self, todo: Sequence[tuple[ChatSettings, Subscription, str]]
    ) -> tuple[list[NewDelivery], int, int]:
        briefs: dict[str, Brief | None] = {}
        rendered: dict[tuple[str, tuple[str, ...], tuple[str, ...], str], list[Payload]] = {}
        notes = self._notes() if self._notes and todo else ()
        rows: list[NewDelivery] = []
        for settings, sub, first in todo:
            if sub.topic not in briefs:
                briefs[sub.topic] = self._build(sub.topic, notes)
            brief = briefs[sub.topic]
            if brief is None:
                continue
            platform = settings.chat.platform
            cache_key = (sub.topic, sub.include, sub.exclude, platform)
            payloads = rendered.get(cache_key)
            if payloads is None:
                items = tuple(i for i in brief.items if item_matches(i, sub.include, sub.exclude))
                reply = Reply(brief=replace(brief, items=items))
                payloads = rendered[cache_key] = self._renderers[platform](reply)
            base = first.removesuffix("#1")
            thread = sub.chat.thread_id or settings.chat.thread_id
            rows += [
                NewDelivery(platform, settings.chat.chat_id, f"{base}#{n}", "digest", p, thread)
                for n, p in enumerate(payloads, 1)
            ]
        return rows, sum(b is not None for b in briefs.values()), len(rendered)

    def _build(self, topic_key: str, notes: tuple[str, ...]) -> Brief | None:
        try:
            topic = self._topics.get(topic_key)
        except KeyError:
            log(logger, logging.WARNING, "digest.unknown_topic", topic=topic_key)
            return None
        return self._briefs.build(topic, self._window, notes=notes)
