"""The long-running service: chat adapters, scheduler and dispatcher in one event loop."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
from collections.abc import Sequence
from datetime import timedelta

from bot.bootstrap import App, bootstrap
from bot.core.outbound import ChatAdapter
from bot.delivery import DeliveryConfig, Dispatcher
from bot.delivery_log import log
from bot.delivery_ratelimit import SLACK_POLICY, TELEGRAM_POLICY
from bot.schedule import ScheduleConfig, Scheduler
from bot.schedule_alerts import AlertJob
from bot.schedule_digests import DigestJob, Renderer
from bot.schedule_jobs import ServiceJobs
from bot.settings import Settings
from bot.store.leases import LeaseRepository
from bot.store.outbox import OutboxRepository

logger = logging.getLogger(__name__)


def adapters_for(app: App) -> list[ChatAdapter]:
    """The adapters whose credentials are present."""
    found: list[ChatAdapter] = []
    settings = app.settings
    if settings.telegram.token:
        from bot.adapters.telegram import TelegramAdapter

        found.append(TelegramAdapter(app))
    slack = settings.slack
    if slack.bot_token and (slack.signing_secret or slack.app_token):
        from bot.adapters.slack import SlackAdapter

        found.append(SlackAdapter(app))
    return found


def holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Service:
    def __init__(self, app: App, adapters: Sequence[ChatAdapter]) -> None:
        self.app = app
        self.adapters = list(adapters)
        holder = holder_id()
        self.outbox = OutboxRepository(app.engine)
        leases = LeaseRepository(app.engine)
        self.dispatcher = Dispatcher(
            self.outbox,
            {a.platform: a.sender() for a in self.adapters},
            app.chats,
            app.clock,
            DeliveryConfig(policies={"telegram": TELEGRAM_POLICY, "slack": SLACK_POLICY}),
            leases=leases,
            holder=holder,
        )
        renderers: dict[str, Renderer] = {a.platform: a.render_payloads for a in self.adapters}
        s = app.settings
        digests = DigestJob(
            app.chats, app.briefs, app.topics, self.outbox, renderers, app.clock,
            grace=timedelta(minutes=s.digest_grace_minutes),
            notes=app.failing_sources_note,
        )
        alerts = AlertJob(app.chats, app.stories, app.topics, self.outbox, renderers, app.clock)
        self.jobs = ServiceJobs(app, self.outbox, digests, alerts, self.dispatcher.wake)
        poll_minutes = min([s.poll_minutes, *(src.poll_minutes for src in s.sources)])
        self.scheduler = Scheduler(
            self.jobs, leases, holder, app.clock, ScheduleConfig(poll_minutes=max(poll_minutes, 1))
        )
        self._stop = asyncio.Event()

    @classmethod
    def from_settings(cls, settings: Settings) -> Service:
        app = bootstrap(settings)
        return cls(app, adapters_for(app))

    def request_stop(self) -> None:
        self._stop.set()

    async def run_forever(self) -> int:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.request_stop)
        started: list[ChatAdapter] = []
        dispatcher: asyncio.Task[None] | None = None
        try:
            for adapter in self.adapters:
                await adapter.start()
                started.append(adapter)
                log(logger, logging.INFO, "service.adapter_started", platform=adapter.platform)
            await self.scheduler.try_lead()
            self.scheduler.start()
            dispatcher = asyncio.create_task(self.dispatcher.run(self._stop))
            log(logger, logging.INFO, "service.started", holder=self.scheduler.holder,
                leader=self.scheduler.is_leader)
            await self._stop.wait()
        finally:
            log(logger, logging.INFO, "service.stopping")
            await self.scheduler.shutdown()
            self.dispatcher.stop()
            if dispatcher is not None:
                await dispatcher
            await self.jobs.close()
            for adapter in reversed(started):
                try:
                    await adapter.stop()
                except Exception:
                    logger.exception("stopping %s failed", adapter.platform)
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(sig)
            log(logger, logging.INFO, "service.stopped", **self.dispatcher.counters.as_fields())
        return 0
