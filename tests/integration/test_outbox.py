"""The outbox and leases on SQLite and PostgreSQL: idempotent enqueue, exclusive claims,
expired claims retried, compare-and-set marks, the leader lease."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.store.db import make_engine
from bot.store.leases import LeaseRepository
from bot.store.outbox import NewDelivery, OutboxRepository

T0 = datetime(2026, 3, 29, 8, 0, tzinfo=UTC)


@pytest.fixture
def outbox(database_url: str) -> OutboxRepository:
    return OutboxRepository(make_engine(database_url))


def row(chat: str, key: str = "digest:syria:2026-03-29#1", **kw: object) -> NewDelivery:
    return NewDelivery("telegram", chat, key, "digest", {"html": f"hi {chat}"}, **kw)  # type: ignore[arg-type]


def test_enqueue_is_idempotent_per_chat_and_key(outbox: OutboxRepository) -> None:
    assert outbox.enqueue([row("1"), row("2"), row("1", "digest:syria:2026-03-29#2")], T0) == 3
    assert outbox.enqueue([row("1"), row("2"), row("3")], T0) == 1
    assert outbox.counts_by_status() == {"pending": 4}
    assert outbox.existing(["digest:syria:2026-03-29#1"]) == {
        ("telegram", c, "digest:syria:2026-03-29#1") for c in ("1", "2", "3")
    }


def test_claim_is_exclusive_and_expired_claims_come_back(outbox: OutboxRepository) -> None:
    outbox.enqueue([row(str(i)) for i in range(10)], T0)
    first = outbox.claim(T0, 6, timedelta(seconds=60))
    second = outbox.claim(T0, 6, timedelta(seconds=60))
    assert len(first) == 6 and len(second) == 4
    assert not {d.id for d in first} & {d.id for d in second}
    assert outbox.claim(T0 + timedelta(seconds=59), 10, timedelta(seconds=60)) == []
    # The worker holding `first` died: after the claim expires the rows are due again.
    again = outbox.claim(T0 + timedelta(seconds=61), 10, timedelta(seconds=60))
    assert {d.id for d in again} == {d.id for d in first} | {d.id for d in second}
    # The dead worker's late mark loses: the claim token (next_attempt) changed.
    assert not outbox.mark_sent(first[0], T0, "m1")
    fresh = next(d for d in again if d.id == first[0].id)
    assert outbox.mark_sent(fresh, T0, "m1")
    assert outbox.counts_by_status() == {"sending": 9, "sent": 1}


def test_not_before_and_defer_hold_rows(outbox: OutboxRepository) -> None:
    outbox.enqueue([row("1", not_before=T0 + timedelta(hours=7)), row("2")], T0)
    assert [d.chat_id for d in outbox.claim(T0, 10, timedelta(seconds=60))] == ["2"]
    outbox.enqueue([row("2", "alert:5")], T0)
    assert outbox.defer_chat("telegram", "2", T0 + timedelta(seconds=30)) == 1
    assert outbox.claim(T0 + timedelta(seconds=29), 10, timedelta(seconds=60)) == []
    assert len(outbox.claim(T0 + timedelta(seconds=30), 10, timedelta(seconds=60))) == 1


def test_retry_give_up_and_migration(outbox: OutboxRepository) -> None:
    outbox.enqueue([row("-1"), row("-1", "alert:1")], T0)
    a, b = outbox.claim(T0, 10, timedelta(seconds=60))
    assert outbox.retry_at(a, T0 + timedelta(seconds=5), "500")
    retried = outbox.get(a.id)
    assert retried is not None and retried.attempts == 1 and retried.status == "pending"
    assert outbox.release(b, T0)
    assert outbox.move_chat("telegram", "-1", "-100", T0) == 2
    assert [d.chat_id for d in outbox.for_chat("telegram", "-100")] == ["-100", "-100"]
    (c,) = outbox.claim(T0, 1, timedelta(seconds=60))
    assert outbox.give_up(c, "dead", "boom")
    dead = outbox.get(c.id)
    assert dead is not None and dead.status == "dead" and dead.last_error == "boom"


def test_purge_sent(outbox: OutboxRepository) -> None:
    outbox.enqueue([row("1"), row("2")], T0)
    first, _ = outbox.claim(T0, 10, timedelta(seconds=60))
    outbox.mark_sent(first, T0, "1")
    assert outbox.purge_sent(T0 + timedelta(days=1)) == 1
    assert outbox.counts_by_status() == {"sending": 1}


def test_leader_lease_compare_and_set(database_url: str) -> None:
    leases = LeaseRepository(make_engine(database_url))
    ttl = timedelta(seconds=60)
    assert leases.acquire("scheduler", "a", T0, ttl)
    assert not leases.acquire("scheduler", "b", T0 + timedelta(seconds=30), ttl)
    assert leases.acquire("scheduler", "a", T0 + timedelta(seconds=30), ttl)  # renew
    assert not leases.acquire("scheduler", "b", T0 + timedelta(seconds=89), ttl)
    assert leases.acquire("scheduler", "b", T0 + timedelta(seconds=91), ttl)  # a expired
    current = leases.current("scheduler")
    assert current is not None and current.holder == "b"
    leases.release("scheduler", "a")  # not a's any more: no effect
    assert not leases.acquire("scheduler", "a", T0 + timedelta(seconds=92), ttl)
    leases.release("scheduler", "b")
    assert leases.acquire("scheduler", "a", T0 + timedelta(seconds=92), ttl)
