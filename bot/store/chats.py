"""Chats, their settings, subscriptions and the brief messages sent to them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Engine, and_, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.core.models import ChatRef, ChatSettings, Platform, Subscription
from bot.store.schema import brief_messages, chats, subscriptions


def _chat_where(table: object, chat: ChatRef) -> object:
    return and_(table.c.platform == chat.platform, table.c.chat_id == chat.chat_id)  # type: ignore[attr-defined]


class ChatRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # --- subscriptions -------------------------------------------------
    def subscribe(self, subscription: Subscription) -> bool:
        """Adds the subscription; False when the chat already had it."""
        chat = subscription.chat
        row = {
            "platform": chat.platform,
            "chat_id": chat.chat_id,
            "thread_id": chat.thread_id,
            "topic": subscription.topic,
            "include_words": list(subscription.include),
            "exclude_words": list(subscription.exclude),
            "created": datetime.now(UTC),
        }
        self._ensure_chat(chat)
        try:
            with self._engine.begin() as conn:
                conn.execute(insert(subscriptions).values(**row))
        except IntegrityError:
            return False
        return True

    def unsubscribe(self, chat: ChatRef, topic: str | None) -> int:
        stmt = delete(subscriptions).where(_chat_where(subscriptions, chat))  # type: ignore[arg-type]
        if topic is not None:
            stmt = stmt.where(subscriptions.c.topic == topic)
        with self._engine.begin() as conn:
            return conn.execute(stmt).rowcount or 0

    def subscriptions(self, chat: ChatRef) -> list[Subscription]:
        stmt = (
            select(subscriptions)
            .where(_chat_where(subscriptions, chat))  # type: ignore[arg-type]
            .order_by(subscriptions.c.topic)
        )
        with self._engine.connect() as conn:
            return [_subscription(row._mapping) for row in conn.execute(stmt)]

    def subscribers(self, topic: str | None = None) -> list[Subscription]:
        """Subscriptions of active chats, optionally for one topic."""
        stmt = (
            select(subscriptions)
            .join(
                chats,
                and_(
                    chats.c.platform == subscriptions.c.platform,
                    chats.c.chat_id == subscriptions.c.chat_id,
                ),
            )
            .where(chats.c.active.is_(True))
        )
        if topic is not None:
            stmt = stmt.where(subscriptions.c.topic == topic)
        with self._engine.connect() as conn:
            return [_subscription(row._mapping) for row in conn.execute(stmt)]

    def set_filter(
        self, chat: ChatRef, topic: str, include: Sequence[str], exclude: Sequence[str]
    ) -> bool:
        stmt = (
            update(subscriptions)
            .where(_chat_where(subscriptions, chat))  # type: ignore[arg-type]
            .where(subscriptions.c.topic == topic)
            .values(include_words=list(include), exclude_words=list(exclude))
        )
        with self._engine.begin() as conn:
            return bool(conn.execute(stmt).rowcount)

    # --- settings --------------------------------------------------------
    def settings(self, chat: ChatRef) -> ChatSettings:
        stmt = select(chats).where(_chat_where(chats, chat))  # type: ignore[arg-type]
        with self._engine.connect() as conn:
            row = conn.execute(stmt).first()
        if row is None:
            return ChatSettings(chat=chat)
        return _settings(row._mapping)

    def save_settings(self, settings: ChatSettings) -> None:
        self._ensure_chat(settings.chat)
        values = {
            "timezone": settings.timezone,
            "digest_time": settings.digest_time,
            "alerts": settings.alerts,
            "alert_threshold": settings.alert_threshold,
            "quiet_start": settings.quiet_start,
            "quiet_end": settings.quiet_end,
            "active": settings.active,
            "thread_id": settings.chat.thread_id,
        }
        stmt = update(chats).where(_chat_where(chats, settings.chat)).values(**values)  # type: ignore[arg-type]
        with self._engine.begin() as conn:
            conn.execute(stmt)

    def all_settings(self, with_digest: bool = False) -> list[ChatSettings]:
        stmt = select(chats).where(chats.c.active.is_(True))
        if with_digest:
            stmt = stmt.where(chats.c.digest_time.is_not(None))
        with self._engine.connect() as conn:
            return [_settings(row._mapping) for row in conn.execute(stmt)]

    def deactivate(self, chat: ChatRef, reason: str) -> None:
        self._ensure_chat(chat)
        stmt = (
            update(chats)
            .where(_chat_where(chats, chat))  # type: ignore[arg-type]
            .values(active=False, inactive_reason=reason)
        )
        with self._engine.begin() as conn:
            conn.execute(stmt)

    def migrate_chat(self, old: ChatRef, new_chat_id: str) -> None:
        """A Telegram group became a supergroup: keep its settings and subscriptions."""
        with self._engine.begin() as conn:
            for table in (chats, subscriptions, brief_messages):
                conn.execute(
                    update(table)
                    .where(_chat_where(table, old))  # type: ignore[arg-type]
                    .values(chat_id=new_chat_id)
                )

    # --- brief messages ----------------------------------------------------
    def remember_brief(self, chat: ChatRef, message_id: str, story_ids: Sequence[int]) -> None:
        row = {
            "platform": chat.platform,
            "chat_id": chat.chat_id,
            "message_id": message_id,
            "story_ids": list(story_ids),
            "created": datetime.now(UTC),
        }
        try:
            with self._engine.begin() as conn:
                conn.execute(insert(brief_messages).values(**row))
        except IntegrityError:
            pass  # already remembered; a resend of the same message

    def stories_of_message(self, chat: ChatRef, message_id: str) -> list[int]:
        stmt = (
            select(brief_messages.c.story_ids)
            .where(_chat_where(brief_messages, chat))  # type: ignore[arg-type]
            .where(brief_messages.c.message_id == message_id)
        )
        with self._engine.connect() as conn:
            value = conn.execute(stmt).scalar()
        return [int(v) for v in value] if value else []

    def _ensure_chat(self, chat: ChatRef) -> None:
        try:
            with self._engine.begin() as conn:
                exists = conn.execute(
                    select(chats.c.id).where(_chat_where(chats, chat))  # type: ignore[arg-type]
                ).first()
                if exists is None:
                    conn.execute(
                        insert(chats).values(
                            platform=chat.platform,
                            chat_id=chat.chat_id,
                            thread_id=chat.thread_id,
                            timezone="UTC",
                            alerts=False,
                            alert_threshold=10,
                            active=True,
                        )
                    )
        except IntegrityError:
            pass  # created concurrently


def _subscription(row: object) -> Subscription:
    m = dict(row)  # type: ignore[call-overload]
    platform: Platform = m["platform"]
    return Subscription(
        chat=ChatRef(platform, m["chat_id"], m["thread_id"]),
        topic=m["topic"],
        include=tuple(m["include_words"] or ()),
        exclude=tuple(m["exclude_words"] or ()),
    )


def _settings(row: object) -> ChatSettings:
    m = dict(row)  # type: ignore[call-overload]
    platform: Platform = m["platform"]
    return ChatSettings(
        chat=ChatRef(platform, m["chat_id"], m["thread_id"]),
        timezone=m["timezone"],
        digest_time=m["digest_time"],
        alerts=bool(m["alerts"]),
        alert_threshold=int(m["alert_threshold"]),
        active=bool(m["active"]),
        quiet_start=m["quiet_start"],
        quiet_end=m["quiet_end"],
    )
