"""Alerts: a story about a subscribed topic whose killed figure reaches a chat's threshold.

Enqueued once per chat per story (key ``alert:<story_id>``), whenever a poll makes the
story cross the threshold; during the chat's quiet hours the row waits until quiet_end.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping
from datetime import timedelta

from bot.core.briefs import brief_item, matches_filter, merge_figures
from bot.core.models import Brief, ChatSettings, Story, Subscription
from bot.core.outbound import Payload
from bot.core.ports import Clock, StoryReader
from bot.core.replies import Reply
from bot.core.topics import TopicRegistry
from bot.delivery_log import log
from bot.schedule_digests import ChatReader, Renderer
from bot.schedule_time import quiet_until
from bot.store.outbox import NewDelivery, OutboxRepository

logger = logging.getLogger(__name__)


def killed_count(story: Story) -> int | None:
    """The story's killed toll merged across sources (the highest reported)."""
    for figure in merge_figures(story):
        if figure.category == "killed":
            values = [v for v in (figure.high, figure.low) if v is not None]
            return max(values) if values else None
    return None


def alert_key(story_id: int) -> str:
    return f"alert:{story_id}"


class AlertJob:
    def __init__(
        self,
        chats: ChatReader,
        stories: StoryReader,
        topics: TopicRegistry,
        outbox: OutboxRepository,
        renderers: Mapping[str, Renderer],
        clock: Clock,
        lookback: timedelta = timedelta(hours=6),
    ) -> None:
        self._chats = chats
        self._stories = stories
        self._topics = topics
        self._outbox = outbox
        self._renderers = dict(renderers)
        self._clock = clock
        self._lookback = lookback

    def scan(self) -> int:
        """Enqueues due alerts; returns the number of rows inserted."""
        now = self._clock.now()
        wanting = {
            (s.chat.platform, s.chat.chat_id): s
            for s in self._chats.all_settings()
            if s.alerts and s.chat.platform in self._renderers
        }
        if not wanting:
            return 0
        by_topic: dict[str, list[Subscription]] = defaultdict(list)
        for sub in self._chats.subscribers():
            if (sub.chat.platform, sub.chat.chat_id) in wanting:
                by_topic[sub.topic].append(sub)
        candidates: list[tuple[Story, int, Subscription, ChatSettings]] = []
        for topic_key, subs in by_topic.items():
            for story in self._stories.stories_for_topic(topic_key, now - self._lookback, 50):
                killed = killed_count(story)
                if killed is None:
                    continue
                for sub in subs:
                    settings = wanting[(sub.chat.platform, sub.chat.chat_id)]
                    if killed >= settings.alert_threshold and matches_filter(
                        story, sub.include, sub.exclude
                    ):
                        candidates.append((story, killed, sub, settings))
        if not candidates:
            return 0
        existing = self._outbox.existing([alert_key(c[0].id) for c in candidates])
        rendered: dict[tuple[int, str], list[Payload]] = {}
        rows: list[NewDelivery] = []
        for story, killed, sub, settings in candidates:
            chat = settings.chat
            key = alert_key(story.id)
            if (chat.platform, chat.chat_id, key) in existing:
                continue
            existing.add((chat.platform, chat.chat_id, key))  # two topics, one story: once
            payloads = rendered.get((story.id, chat.platform))
            if payloads is None:
                payloads = self._render(story, killed, sub.topic, chat.platform)
                rendered[(story.id, chat.platform)] = payloads
            held = quiet_until(settings, now)
            thread = sub.chat.thread_id or chat.thread_id
            rows += [
                NewDelivery(chat.platform, chat.chat_id, f"{key}#{n}" if n > 1 else key,
                            "alert", p, thread, not_before=held)
                for n, p in enumerate(payloads, 1)
            ]
            log(logger, logging.INFO, "alert.enqueued", chat=chat.chat_id, story=story.id,
                killed=killed, threshold=settings.alert_threshold,
                held_until=held.isoformat() if held else "")
        return self._outbox.enqueue(rows, now) if rows else 0

    def _render(self, story: Story, killed: int, topic_key: str, platform: str) -> list[Payload]:
        try:
            label = self._topics.get(topic_key).label
        except KeyError:
            label = topic_key
        now = self._clock.now()
        brief = Brief(
            topic=topic_key,
            topic_label=f"Alert: {label}",
            since=min(story.first_seen, now - timedelta(hours=1)),
            generated_at=now,
            items=(brief_item(story),),
            notes=(f"Alert: {killed} killed reported in this story.",),
        )
        return self._renderers[platform](Reply(brief=brief))
