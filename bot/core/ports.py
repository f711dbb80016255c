"""What the core needs from the outside world, as protocols (adapters implement them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.core.models import ChatRef, ChatSettings, Story, Subscription


class Clock(Protocol):
    def now(self) -> datetime: ...


class StoryReader(Protocol):
    def stories_for_topic(self, topic: str, since: datetime, limit: int = 20) -> list[Story]: ...

    def get_story(self, story_id: int) -> Story | None: ...


class ChatStore(Protocol):
    def subscribe(self, subscription: Subscription) -> bool: ...

    def unsubscribe(self, chat: ChatRef, topic: str | None) -> int: ...

    def subscriptions(self, chat: ChatRef) -> list[Subscription]: ...

    def set_filter(
        self, chat: ChatRef, topic: str, include: Sequence[str], exclude: Sequence[str]
    ) -> bool: ...

    def settings(self, chat: ChatRef) -> ChatSettings: ...

    def save_settings(self, settings: ChatSettings) -> None: ...

    def remember_brief(self, chat: ChatRef, message_id: str, story_ids: Sequence[int]) -> None: ...

    def stories_of_message(self, chat: ChatRef, message_id: str) -> list[int]: ...
