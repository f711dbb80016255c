"""Named leases with expiry: one holder at a time (the scheduler leader, the dispatcher).

Acquire is a compare-and-set that works the same on SQLite and PostgreSQL: renew or take
over an expired row with one conditional UPDATE; if no row matched, try to INSERT and let
the primary key decide between racing processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.store.db import utc
from bot.store.schema import leases


@dataclass(frozen=True)
class Lease:
    name: str
    holder: str
    expires: datetime


class LeaseRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def acquire(self, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
        """Takes or renews ``name`` for ``holder`` until ``now + ttl``; False when another
        holder's lease has not expired yet."""
        expires = now + ttl
        with self._engine.begin() as conn:
            taken = conn.execute(
                update(leases)
                .where(leases.c.name == name)
                .where((leases.c.holder == holder) | (leases.c.expires < now))
                .values(holder=holder, expires=expires)
            ).rowcount
        if taken:
            return True
        try:
            # A separate transaction: a failed INSERT aborts a PostgreSQL transaction.
            with self._engine.begin() as conn:
                conn.execute(insert(leases).values(name=name, holder=holder, expires=expires))
        except IntegrityError:
            return False  # the row exists and someone else holds it
        return True

    def release(self, name: str, holder: str) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(leases).where(leases.c.name == name, leases.c.holder == holder))

    def current(self, name: str) -> Lease | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(leases).where(leases.c.name == name)).first()
        if row is None:
            return None
        return Lease(row.name, row.holder, utc(row.expires))
