"""Per-source polling state: conditional-GET validators, backoff, failures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.core.models import SourceConfig, SourceStatus
from bot.store.db import as_utc
from bot.store.schema import sources


@dataclass(frozen=True)
class SourceState:
    etag: str | None
    last_modified: str | None
    failures: int
    next_poll_at: datetime | None
    disabled_reason: str | None


class SourceRepository:
    def __init__(self, engine: Engine, disable_after: int = 10) -> None:
        self._engine = engine
        self._disable_after = disable_after

    def state(self, source: SourceConfig) -> SourceState:
        self._ensure(source)
        with self._engine.connect() as conn:
            row = conn.execute(select(sources).where(sources.c.name == source.name)).one()
        return SourceState(
            etag=row.etag,
            last_modified=row.last_modified,
            failures=row.failures,
            next_poll_at=as_utc(row.next_poll_at),
            disabled_reason=row.disabled_reason,
        )

    def record_success(
        self,
        source: SourceConfig,
        when: datetime,
        etag: str | None,
        last_modified: str | None,
        new_items: int,
    ) -> None:
        self._ensure(source)
        with self._engine.begin() as conn:
            row = conn.execute(
                select(sources.c.items_seen).where(sources.c.name == source.name)
            ).one()
            conn.execute(
                update(sources)
                .where(sources.c.name == source.name)
                .values(
                    last_success=when,
                    etag=etag,
                    last_modified=last_modified,
                    failures=0,
                    items_seen=row.items_seen + new_items,
                    next_poll_at=when + timedelta(minutes=source.poll_minutes),
                    disabled_reason=None,
                )
            )

    def record_failure(self, source: SourceConfig, when: datetime, error: str) -> None:
        """Exponential backoff; after ``disable_after`` failures in a row the source is
        disabled with the reason kept, visible in `newsbrief sources`."""
        self._ensure(source)
        with self._engine.begin() as conn:
            row = conn.execute(
                select(sources.c.failures).where(sources.c.name == source.name)
            ).one()
            failures = row.failures + 1
            backoff = timedelta(minutes=min(source.poll_minutes * 2 ** (failures - 1), 24 * 60))
            disabled = (
                f"disabled after {failures} failures in a row; last: {error}"
                if failures >= self._disable_after
                else None
            )
            conn.execute(
                update(sources)
                .where(sources.c.name == source.name)
                .values(
                    failures=failures,
                    last_error=error,
                    last_error_at=when,
                    next_poll_at=when + backoff,
                    disabled_reason=disabled,
                )
            )

    def enable(self, name: str) -> bool:
        with self._engine.begin() as conn:
            result = conn.execute(
                update(sources)
                .where(sources.c.name == name)
                .values(failures=0, disabled_reason=None, next_poll_at=None)
            )
            return bool(result.rowcount)

    def source_statuses(self) -> list[SourceStatus]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(sources).order_by(sources.c.name)).all()
        return [
            SourceStatus(
                name=r.name,
                url=r.url,
                kind=r.kind,
                last_success=as_utc(r.last_success),
                last_error=r.last_error,
                failures=r.failures,
                items_seen=r.items_seen,
                disabled_reason=r.disabled_reason,
            )
            for r in rows
        ]

    def _ensure(self, source: SourceConfig) -> None:
        with self._engine.begin() as conn:
            row = conn.execute(select(sources.c.id).where(sources.c.name == source.name)).first()
            if row is not None:
                conn.execute(
                    update(sources)
                    .where(sources.c.name == source.name)
                    .values(url=source.url, kind=source.kind)
                )
                return
        try:
            with self._engine.begin() as conn:
                conn.execute(
                    insert(sources).values(
                        name=source.name,
                        url=source.url,
                        kind=source.kind,
                        failures=0,
                        items_seen=0,
                    )
                )
        except IntegrityError:
            pass
