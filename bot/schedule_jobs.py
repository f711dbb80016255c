"""What the leader runs: poll (then alerts), the digest tick, housekeeping."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, update

from bot.bootstrap import App
from bot.delivery_log import log
from bot.ingest.fetch import Fetcher
from bot.schedule_alerts import AlertJob
from bot.schedule_digests import DigestJob
from bot.store.outbox import OutboxRepository
from bot.store.schema import articles

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Purged:
    deliveries: int
    articles: int


def purge_old(engine: Engine, outbox: OutboxRepository, now: datetime, days: int) -> Purged:
    """Retention: sent deliveries and the text of articles older than ``days``. Failed and
    dead rows stay, so `newsbrief status` can show what never arrived. An article's row
    (GUID, URL, content hash) stays too: an old item still listed in a feed must not be
    ingested again."""
    cutoff = now - timedelta(days=days)
    sent = outbox.purge_sent(cutoff)
    with engine.begin() as conn:
        gone = (
            conn.execute(
                update(articles)
                .where(articles.c.fetched < cutoff, articles.c.text != "")
                .values(text="", appendix="", analysis=None)
            ).rowcount
            or 0
        )
    return Purged(sent, gone)


class ServiceJobs:
    def __init__(
        self,
        app: App,
        outbox: OutboxRepository,
        digests: DigestJob,
        alerts: AlertJob,
        on_enqueued: Callable[[], None] = lambda: None,
    ) -> None:
        self._app = app
        self._outbox = outbox
        self._digests = digests
        self._alerts = alerts
        self._on_enqueued = on_enqueued
        self._fetcher: Fetcher | None = None

    async def poll(self) -> None:
        if self._fetcher is None:
            self._fetcher = self._app.fetcher()
        report = await self._app.ingestor(self._fetcher).poll(self._app.settings.sources)
        log(logger, logging.INFO, "poll.done", new_articles=report.new_articles,
            ok=len(report.ok), failed=len(report.failed))
        await self.alerts()

    async def alerts(self) -> None:
        if await asyncio.to_thread(self._alerts.scan):
            self._on_enqueued()

    async def digest_tick(self) -> None:
        report = await asyncio.to_thread(self._digests.tick)
        if report.enqueued:
            self._on_enqueued()

    async def housekeeping(self) -> None:
        s = self._app.settings
        purged = await asyncio.to_thread(
            purge_old, self._app.engine, self._outbox, self._app.clock.now(), s.retention_days
        )
        log(logger, logging.INFO, "housekeeping.done", deliveries=purged.deliveries,
            articles=purged.articles, retention_days=s.retention_days)

    async def close(self) -> None:
        if self._fetcher is not None:
            await self._fetcher.aclose()
            self._fetcher = None
