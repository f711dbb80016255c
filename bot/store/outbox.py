"""The durable outbox (table ``deliveries``): one row per platform message to send.

Status flow: pending -> sending (claimed; ``next_attempt`` is then the claim's expiry and
doubles as its compare-and-set token) -> sent | pending (retry) | failed (permanent) |
dead (out of attempts). A claimed row whose claim expired (the worker died between send
and mark) is due again: that one message may repeat, nothing is lost.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from bot.core.outbound import Payload
from bot.store.db import utc
from bot.store.schema import deliveries

Status = Literal["pending", "sending", "sent", "failed", "dead"]
_OPEN = ("pending", "sending")
_CHUNK = 500


@dataclass(frozen=True)
class NewDelivery:
    platform: str
    chat_id: str
    content_key: str
    kind: str
    payload: Payload
    thread_id: str | None = None
    # Held until then (an alert during the chat's quiet hours).
    not_before: datetime | None = None


@dataclass(frozen=True)
class Delivery:
    id: int
    platform: str
    chat_id: str
    thread_id: str | None
    content_key: str
    kind: str
    payload: Payload
    status: str
    attempts: int
    next_attempt: datetime
    last_error: str | None


class OutboxRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._dialect = engine.dialect.name

    # --- writing --------------------------------------------------------------
    def enqueue(self, items: Iterable[NewDelivery], now: datetime) -> int:
        """Inserts the rows whose (platform, chat_id, content_key) is new; returns how many.
        Each chunk is one transaction, so a split brief's parts land together."""
        rows = [
            {
                "platform": d.platform,
                "chat_id": d.chat_id,
                "thread_id": d.thread_id,
                "content_key": d.content_key,
                "kind": d.kind,
                "payload": d.payload,
                "status": "pending",
                "attempts": 0,
                "next_attempt": d.not_before or now,
                "created": now,
            }
            for d in items
        ]
        inserted = 0
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            with self._engine.begin() as conn:
                # RETURNING counts inserted rows; executemany rowcount is unreliable.
                result = conn.execute(self._insert_ignoring_duplicates(), chunk)
                inserted += len(result.all())
        return inserted

    def _insert_ignoring_duplicates(self) -> Any:
        dialect = postgresql if self._dialect == "postgresql" else sqlite
        return (
            dialect.insert(deliveries)
            .on_conflict_do_nothing(index_elements=["platform", "chat_id", "content_key"])
            .returning(deliveries.c.id)
        )

    def claim(self, now: datetime, limit: int, claim_for: timedelta) -> list[Delivery]:
        """Atomically marks up to ``limit`` due rows 'sending' until ``now + claim_for``.

        One UPDATE ... WHERE id IN (due rows) RETURNING: racing dispatchers never claim
        the same row (PostgreSQL skips rows another claim has locked; SQLite serializes
        writers). Expired claims are due again.
        """
        due = (
            select(deliveries.c.id)
            .where(deliveries.c.status.in_(_OPEN), deliveries.c.next_attempt <= now)
            .order_by(deliveries.c.next_attempt, deliveries.c.id)
            .limit(limit)
        )
        if self._dialect == "postgresql":
            due = due.with_for_update(skip_locked=True)
        stmt = (
            update(deliveries)
            .where(deliveries.c.id.in_(due.scalar_subquery()))
            .values(status="sending", next_attempt=now + claim_for)
            .returning(*deliveries.c)
        )
        with self._engine.begin() as conn:
            rows = [_delivery(r._mapping) for r in conn.execute(stmt)]
        rows.sort(key=lambda d: d.id)
        return rows

    def mark_sent(self, item: Delivery, now: datetime, message_id: str | None) -> bool:
        """False when the claim was lost (expired and taken by another worker)."""
        return self._finish(item, status="sent", sent=now, message_id=message_id)

    def retry_at(self, item: Delivery, at: datetime, error: str, count: bool = True) -> bool:
        """Back to pending until ``at``; ``count`` False for waits the platform asked for."""
        attempts = item.attempts + 1 if count else item.attempts
        return self._finish(
            item, status="pending", next_attempt=at, last_error=error, attempts=attempts
        )

    def give_up(self, item: Delivery, status: Status, error: str) -> bool:
        return self._finish(item, status=status, last_error=error, attempts=item.attempts + 1)

    def release(self, item: Delivery, at: datetime) -> bool:
        """Unclaims a row this worker will not send soon (its chat is rate limited)."""
        return self._finish(item, status="pending", next_attempt=at)

    def _finish(self, item: Delivery, **values: Any) -> bool:
        stmt = (
            update(deliveries)
            .where(deliveries.c.id == item.id)
            .where(deliveries.c.status == "sending")
            .where(deliveries.c.next_attempt == item.next_attempt)
            .values(**values)
        )
        with self._engine.begin() as conn:
            return bool(conn.execute(stmt).rowcount)

    def defer_chat(self, platform: str, chat_id: str, until: datetime) -> int:
        """Holds a chat's pending rows until ``until`` (a 429 retry_after for that chat)."""
        stmt = (
            update(deliveries)
            .where(deliveries.c.platform == platform, deliveries.c.chat_id == chat_id)
            .where(deliveries.c.status == "pending", deliveries.c.next_attempt < until)
            .values(next_attempt=until)
        )
        with self._engine.begin() as conn:
            return conn.execute(stmt).rowcount or 0

    def fail_chat(self, platform: str, chat_id: str, error: str) -> int:
        """Stops every open row of a chat that is gone for good (blocked, not found)."""
        stmt = (
            update(deliveries)
            .where(deliveries.c.platform == platform, deliveries.c.chat_id == chat_id)
            .where(deliveries.c.status == "pending")
            .values(status="failed", last_error=error)
        )
        with self._engine.begin() as conn:
            return conn.execute(stmt).rowcount or 0

    def move_chat(self, platform: str, old_chat_id: str, new_chat_id: str, now: datetime) -> int:
        """Re-addresses a migrated chat's pending rows; a row whose key the new chat already
        has is marked failed rather than sent twice."""
        stmt = select(deliveries.c.id).where(
            deliveries.c.platform == platform,
            deliveries.c.chat_id == old_chat_id,
            deliveries.c.status == "pending",
        )
        moved = 0
        with self._engine.connect() as conn:
            ids = [row.id for row in conn.execute(stmt)]
        for row_id in ids:
            try:
                with self._engine.begin() as conn:
                    conn.execute(
                        update(deliveries)
                        .where(deliveries.c.id == row_id)
                        .values(chat_id=new_chat_id, next_attempt=now)
                    )
                moved += 1
            except IntegrityError:
                with self._engine.begin() as conn:
                    conn.execute(
                        update(deliveries)
                        .where(deliveries.c.id == row_id)
                        .values(status="failed", last_error=f"migrated to {new_chat_id}; duplicate")
                    )
        return moved

    def readdress(self, item: Delivery, new_chat_id: str, now: datetime) -> bool:
        """The claimed row that hit a migration, due now at the new chat id (same id, so
        a split brief keeps its order)."""
        try:
            return self._finish(item, chat_id=new_chat_id, status="pending", next_attempt=now)
        except IntegrityError:
            self._finish(item, status="failed", last_error=f"migrated to {new_chat_id}; duplicate")
            return False

    def purge_sent(self, before: datetime) -> int:
        stmt = delete(deliveries).where(deliveries.c.status == "sent", deliveries.c.sent < before)
        with self._engine.begin() as conn:
            return conn.execute(stmt).rowcount or 0

    # --- reading --------------------------------------------------------------
    def existing(self, content_keys: Sequence[str]) -> set[tuple[str, str, str]]:
        """(platform, chat_id, content_key) of the rows that have any of these keys."""
        found: set[tuple[str, str, str]] = set()
        keys = list(dict.fromkeys(content_keys))
        for start in range(0, len(keys), _CHUNK):
            stmt = select(
                deliveries.c.platform, deliveries.c.chat_id, deliveries.c.content_key
            ).where(deliveries.c.content_key.in_(keys[start : start + _CHUNK]))
            with self._engine.connect() as conn:
                found.update((r.platform, r.chat_id, r.content_key) for r in conn.execute(stmt))
        return found

    def counts_by_status(self) -> dict[str, int]:
        stmt = select(deliveries.c.status, func.count()).group_by(deliveries.c.status)
        with self._engine.connect() as conn:
            return dict(Counter({row[0]: int(row[1]) for row in conn.execute(stmt)}))

    def open_count(self) -> int:
        stmt = select(func.count()).where(deliveries.c.status.in_(_OPEN))
        with self._engine.connect() as conn:
            return int(conn.execute(stmt).scalar() or 0)

    def get(self, row_id: int) -> Delivery | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(deliveries).where(deliveries.c.id == row_id)).first()
        return _delivery(row._mapping) if row is not None else None

    def for_chat(self, platform: str, chat_id: str) -> list[Delivery]:
        stmt = (
            select(deliveries)
            .where(deliveries.c.platform == platform, deliveries.c.chat_id == chat_id)
            .order_by(deliveries.c.id)
        )
        with self._engine.connect() as conn:
            return [_delivery(r._mapping) for r in conn.execute(stmt)]


def _delivery(m: Any) -> Delivery:
    return Delivery(
        id=int(m["id"]),
        platform=m["platform"],
        chat_id=m["chat_id"],
        thread_id=m["thread_id"],
        content_key=m["content_key"],
        kind=m["kind"],
        payload=dict(m["payload"]),
        status=m["status"],
        attempts=int(m["attempts"]),
        next_attempt=utc(m["next_attempt"]),
        last_error=m["last_error"],
    )
