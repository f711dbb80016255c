"""The scheduler: APScheduler 3 (AsyncIOScheduler) on the service's event loop, running
the jobs only while this process holds the leader lease.

Every instance runs the lease job; only the holder runs poll, digests and housekeeping,
so two running instances never both enqueue the 08:00 digest (and if a lease ever
overlapped, the outbox's unique digest key would still keep it to one).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.core.ports import Clock
from bot.delivery_log import log
from bot.store.leases import LeaseRepository

logger = logging.getLogger(__name__)

LEASE_NAME = "scheduler"


class Jobs(Protocol):
    async def poll(self) -> None: ...

    async def digest_tick(self) -> None: ...

    async def housekeeping(self) -> None: ...


@dataclass(frozen=True)
class ScheduleConfig:
    poll_minutes: int = 15
    digest_tick_s: int = 60
    housekeeping_minutes: int = 60
    lease_ttl: timedelta = timedelta(seconds=60)


class Scheduler:
    def __init__(
        self,
        jobs: Jobs,
        leases: LeaseRepository,
        holder: str,
        clock: Clock,
        config: ScheduleConfig | None = None,
    ) -> None:
        self.jobs = jobs
        self.leases = leases
        self.holder = holder
        self.clock = clock
        self.config = config or ScheduleConfig()
        self._leader_until: datetime | None = None
        self._aps: AsyncIOScheduler | None = None
        self._running: set[asyncio.Task[Any]] = set()

    @property
    def is_leader(self) -> bool:
        return self._leader_until is not None and self.clock.now() < self._leader_until

    async def try_lead(self) -> bool:
        """Acquires or renews the lease. Leadership counts as lost a little before the
        lease expires, so a slow renewal never overlaps with the next holder."""
        now = self.clock.now()
        ttl = self.config.lease_ttl
        held = await asyncio.to_thread(self.leases.acquire, LEASE_NAME, self.holder, now, ttl)
        was = self.is_leader
        self._leader_until = now + ttl * 0.8 if held else None
        if held != was:
            log(logger, logging.INFO, "scheduler.leader", holder=self.holder, leader=held)
        return held

    def start(self) -> None:
        """Schedules the jobs on the running loop; the lease is tried at once."""
        aps = AsyncIOScheduler(timezone=UTC, event_loop=asyncio.get_running_loop())
        now = datetime.now(UTC)
        c = self.config
        common: dict[str, Any] = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 30}
        renew_s = max(c.lease_ttl.total_seconds() / 3, 1.0)
        aps.add_job(self.try_lead, "interval", seconds=renew_s, next_run_time=now,
                    id="lease", **common)
        # Digests first: a digest missed while down goes out right after start.
        aps.add_job(self._guarded("digest_tick", self.jobs.digest_tick), "interval",
                    seconds=c.digest_tick_s, next_run_time=now + timedelta(seconds=1),
                    id="digest_tick", **common)
        aps.add_job(self._guarded("poll", self.jobs.poll), "interval", minutes=c.poll_minutes,
                    next_run_time=now + timedelta(seconds=5), id="poll", **common)
        aps.add_job(self._guarded("housekeeping", self.jobs.housekeeping), "interval",
                    minutes=c.housekeeping_minutes, next_run_time=now + timedelta(minutes=1),
                    id="housekeeping", **common)
        aps.start()
        self._aps = aps

    def _guarded(self, name: str, job: Callable[[], Awaitable[None]]) -> Callable[[], Any]:
        async def run() -> None:
            if not self.is_leader:
                return
            task = asyncio.current_task()
            if task is not None:
                self._running.add(task)
            try:
                await job()
            except asyncio.CancelledError:
                log(logger, logging.INFO, "scheduler.job_cancelled", job=name)  # shutdown
            except Exception:  # one failing run must not unschedule the job
                logger.exception("job %s failed", name)
            finally:
                if task is not None:
                    self._running.discard(task)

        run.__name__ = name
        return run

    def next_runs(self) -> dict[str, datetime | None]:
        if self._aps is None:
            return {}
        return {job.id: job.next_run_time for job in self._aps.get_jobs()}

    async def shutdown(self) -> None:
        if self._aps is not None:
            self._aps.shutdown(wait=False)
            self._aps = None
        running = list(self._running)
        for task in running:  # a poll can take minutes: stop it rather than wait
            task.cancel()
        if running:
            await asyncio.gather(*running, return_exceptions=True)
        if self._leader_until is not None:
            await asyncio.to_thread(self.leases.release, LEASE_NAME, self.holder)
            self._leader_until = None
