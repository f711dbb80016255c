"""The dispatcher: claims due outbox rows, paces them per platform and chat, sends them
through the platform's Sender and records what happened.

Crash bound: a row is claimed ('sending', committed) before it is sent and marked 'sent'
right after. A SIGKILL between the two leaves it claimed; when the claim expires
(``claim_for``) it is sent again. So a crash repeats at most the messages in flight at
that moment: at most ``max_in_flight`` messages, and never more than one per chat (a chat
has at most one send in flight). Nothing claimed-but-unsent is lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import logging
import random
import time
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from bot.core.models import ChatRef
from bot.core.outbound import Sender, SendResult
from bot.core.ports import Clock
from bot.delivery_log import DeliveryCounters, log
from bot.delivery_ratelimit import TELEGRAM_POLICY, PlatformLimiter, RatePolicy
from bot.store.leases import LeaseRepository
from bot.store.outbox import Delivery, OutboxRepository

logger = logging.getLogger(__name__)

_GONE_MEMORY_S = 300.0

LEASE_NAME = "delivery"


class ChatEvents(Protocol):
    """What delivery tells the chat store (bot.store.chats.ChatRepository)."""

    def deactivate(self, chat: ChatRef, reason: str) -> None: ...

    def migrate_chat(self, old: ChatRef, new_chat_id: str) -> None: ...


@dataclass(frozen=True)
class DeliveryConfig:
    policies: Mapping[str, RatePolicy] = field(
        default_factory=lambda: {"telegram": TELEGRAM_POLICY}
    )
    # Sends in flight at once; also the most messages a crash can repeat.
    max_in_flight: int = 4
    # A claimed row not marked within this is due again (its worker died).
    claim_for: timedelta = timedelta(seconds=120)
    # Rows whose chat cannot send within this long go back to the table.
    hold_horizon_s: float = 10.0
    claim_batch: int = 100
    idle_poll_s: float = 0.5
    send_timeout_s: float = 30.0
    max_attempts: int = 8
    backoff_base_s: float = 2.0
    backoff_cap_s: float = 900.0
    lease_ttl: timedelta = timedelta(seconds=30)
    stats_every_s: float = 60.0

    def policy(self, platform: str) -> RatePolicy:
        return self.policies.get(platform, TELEGRAM_POLICY)


def backoff_s(attempt: int, config: DeliveryConfig, rng: random.Random) -> float:
    """Exponential with jitter (half fixed, half random) so retries after an outage spread."""
    ceiling = min(config.backoff_cap_s, config.backoff_base_s * 2.0 ** max(attempt - 1, 0))
    return ceiling * (0.5 + 0.5 * rng.random())


@dataclass
class _Held:
    delivery: Delivery
    deadline: float  # monotonic: past this our claim may have expired


ChatKey = tuple[str, str]  # (platform, chat_id)


class Dispatcher:
    def __init__(
        self,
        outbox: OutboxRepository,
        senders: Mapping[str, Sender],
        chats: ChatEvents,
        clock: Clock,
        config: DeliveryConfig | None = None,
        leases: LeaseRepository | None = None,
        holder: str = "dispatcher",
        rng: random.Random | None = None,
    ) -> None:
        self.outbox = outbox
        self.senders = dict(senders)
        self.chats = chats
        self.clock = clock
        self.config = config or DeliveryConfig()
        self.leases = leases
        self.holder = holder
        self.counters = DeliveryCounters()
        self._rng = rng or random.Random()
        self._limiters = {p: PlatformLimiter(self.config.policy(p)) for p in self.senders}
        self._queues: dict[ChatKey, deque[_Held]] = {}
        self._heaps: dict[str, list[tuple[float, int, str]]] = {p: [] for p in self.senders}
        self._seq = 0
        self._busy: set[ChatKey] = set()
        # Chats found gone (blocked, not found) lately: rows of theirs already claimed in
        # a batch are failed, not sent. Forgotten after a while: a chat may come back.
        self._gone: dict[ChatKey, float] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self._stopping = False
        self._next_claim = 0.0
        self._leader_until = 0.0
        self._renew_at = 0.0
        self._last_claim_empty = False

    # --- control --------------------------------------------------------------------
    def wake(self) -> None:
        """New rows were enqueued in this process: look now instead of at the next poll."""
        self._next_claim = 0.0
        self._wake.set()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    @property
    def held(self) -> int:
        return sum(len(q) for q in self._queues.values())

    async def run(self, stop: asyncio.Event | None = None, until_empty: bool = False) -> None:
        """Dispatches until stopped (or, with ``until_empty``, until no row is open)."""
        watcher = asyncio.create_task(self._watch(stop)) if stop is not None else None
        stats_at = time.monotonic() + self.config.stats_every_s
        try:
            while not self._stopping:
                self._wake.clear()
                now = time.monotonic()
                if now >= stats_at:
                    log(logger, logging.INFO, "delivery.stats", **self.counters.as_fields())
                    stats_at = now + self.config.stats_every_s
                    for limiter in self._limiters.values():
                        limiter.chats.forget_idle(now)
                if not await self._lead():
                    await self._release_all()
                    await self._sleep(self.config.lease_ttl.total_seconds() / 3)
                    continue
                await self._refill()
                if until_empty and await self._finished():
                    return
                await self._sleep(self._dispatch_ready())
        finally:
            if watcher is not None:
                watcher.cancel()
            await self._shutdown()

    async def _watch(self, stop: asyncio.Event) -> None:
        await stop.wait()
        self.stop()

    async def _sleep(self, seconds: float) -> None:
        if seconds <= 0 or self._stopping:
            await asyncio.sleep(0)  # always yield: the loop must not starve the sends
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=seconds)

    async def _finished(self) -> bool:
        if self._tasks or self.held or not self._last_claim_empty:
            return False
        return await asyncio.to_thread(self.outbox.open_count) == 0

    async def _shutdown(self) -> None:
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=self.config.send_timeout_s + 5)
        await self._release_all()
        if self.leases is not None and self._leader_until:
            await asyncio.to_thread(self.leases.release, LEASE_NAME, self.holder)
        log(logger, logging.INFO, "delivery.stopped", **self.counters.as_fields())

    # --- leadership: one dispatcher per deployment keeps the rate limits true -----------
    async def _lead(self) -> bool:
        if self.leases is None:
            return True
        now = time.monotonic()
        if now >= self._renew_at:
            ttl = self.config.lease_ttl
            held = await asyncio.to_thread(
                self.leases.acquire, LEASE_NAME, self.holder, self.clock.now(), ttl
            )
            self._renew_at = now + ttl.total_seconds() / 3
            was = self._leader_until > now
            self._leader_until = now + ttl.total_seconds() * 0.9 if held else 0.0
            if held != was:
                log(logger, logging.INFO, "delivery.lease", holder=self.holder, leader=held)
        return self._leader_until > now

    # --- claiming -------------------------------------------------------------------
    async def _refill(self) -> None:
        now = time.monotonic()
        low_water = max(self.config.claim_batch // 2, 1)
        if now < self._next_claim or self.held >= low_water:
            return
        want = self.config.claim_batch - self.held
        claim_for = self.config.claim_for
        rows = await asyncio.to_thread(self.outbox.claim, self.clock.now(), want, claim_for)
        self._last_claim_empty = not rows
        self._next_claim = now + self.config.idle_poll_s if len(rows) < want else now
        deadline = time.monotonic() + claim_for.total_seconds() * 0.8
        late: list[tuple[Delivery, float]] = []
        gone: list[Delivery] = []
        for row in rows:
            if self._gone.get((row.platform, row.chat_id), 0.0) > now:
                gone.append(row)  # claimed in a batch taken before the chat was found gone
                continue
            if row.platform not in self.senders:
                late.append((row, self.config.idle_poll_s * 120))  # no adapter running here
                continue
            key = (row.platform, row.chat_id)
            queue = self._queues.setdefault(key, deque())
            limiter = self._limiters[row.platform]
            interval = limiter.chats.policy.interval_for(row.chat_id)
            wait = limiter.chats.ready_at(row.chat_id, now) - now + len(queue) * interval
            if wait > self.config.hold_horizon_s:
                late.append((row, wait))  # a flood to one chat must not fill our buffer
                continue
            queue.append(_Held(row, deadline))
            if len(queue) == 1 and key not in self._busy:
                self._push(key, limiter.chats.ready_at(row.chat_id, now))
        for key in [k for k, q in self._queues.items() if not q and k not in self._busy]:
            del self._queues[key]
        if late:
            await asyncio.to_thread(self._release_rows, late)
        for row in gone:
            await asyncio.to_thread(self.outbox.give_up, row, "failed", "chat is gone")

    def _release_rows(self, rows: Sequence[tuple[Delivery, float]]) -> None:
        wall = self.clock.now()
        for row, wait in rows:
            self.outbox.release(row, wall + timedelta(seconds=wait))

    async def _release_all(self) -> None:
        rows = [(h.delivery, 0.0) for q in self._queues.values() for h in q]
        self._queues = {k: deque() for k in self._busy}
        for heap in self._heaps.values():
            heap.clear()
        if rows:
            await asyncio.to_thread(self._release_rows, rows)

    def _push(self, key: ChatKey, ready: float) -> None:
        self._seq += 1
        heapq.heappush(self._heaps[key[0]], (ready, self._seq, key[1]))

    # --- sending --------------------------------------------------------------------
    def _dispatch_ready(self) -> float:
        """Starts every send allowed now; returns how long until the next one may be."""
        now = time.monotonic()
        next_in = self.config.idle_poll_s
        if self.held < max(self.config.claim_batch // 2, 1):
            next_in = min(next_in, max(self._next_claim - now, 0.0))
        for platform, heap in self._heaps.items():
            limiter = self._limiters[platform]
            while heap and len(self._tasks) < self.config.max_in_flight:
                window_at = limiter.window.ready_at(now)
                if window_at > now:
                    next_in = min(next_in, window_at - now)
                    break
                ready, _, chat_id = heap[0]
                key = (platform, chat_id)
                queue = self._queues.get(key)
                if not queue or key in self._busy:
                    heapq.heappop(heap)  # stale: sent, released or in flight
                    continue
                actual = limiter.chats.ready_at(chat_id, now)
                if actual > ready:
                    heapq.heapreplace(heap, (actual, self._next_seq(), chat_id))
                    continue
                if actual > now:
                    next_in = min(next_in, actual - now)
                    break
                heapq.heappop(heap)
                held = queue.popleft()
                if now > held.deadline:
                    # Held too long (a stalled loop): our claim may be gone; let it expire.
                    if queue:
                        self._push(key, now)
                    continue
                stamp = limiter.take(chat_id, now)
                self._busy.add(key)
                task = asyncio.create_task(self._send(key, held.delivery, stamp))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
        return next_in

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    async def _send(self, key: ChatKey, row: Delivery, stamp: list[float]) -> None:
        chat = ChatRef(row.platform, row.chat_id, row.thread_id)  # type: ignore[arg-type]
        sender = self.senders[row.platform]
        try:
            try:
                result = await asyncio.wait_for(
                    sender.send(chat, row.payload), self.config.send_timeout_s
                )
            except Exception as exc:  # a sender bug or timeout is a transient failure
                result = SendResult(ok=False, error=f"{type(exc).__name__}: {exc}")
            self._limiters[row.platform].window.arrived(stamp, time.monotonic())
            await self._record(key, row, result)
        except Exception:
            logger.exception("delivery %s: recording the outcome failed", row.id)
        finally:
            self._busy.discard(key)
            queue = self._queues.get(key)
            if queue:
                pacer = self._limiters[row.platform].chats
                self._push(key, pacer.ready_at(key[1], time.monotonic()))
            elif queue is not None:
                del self._queues[key]
            if not self.held:
                self._next_claim = 0.0  # buffer drained: look for more now, not at next poll
            self._wake.set()

    async def _record(self, key: ChatKey, row: Delivery, result: SendResult) -> None:
        chat = ChatRef(row.platform, row.chat_id, row.thread_id)  # type: ignore[arg-type]
        if result.ok:
            self.counters.sent += 1
            await asyncio.to_thread(self._mark_sent, chat, row, result)
            return
        self.counters.failed += 1
        now_m = time.monotonic()
        fields = {"id": row.id, "chat": row.chat_id, "key": row.content_key}
        if result.retry_after is not None and not result.permanent and not result.migrated_to:
            self.counters.rate_limited += 1
            wait = max(float(result.retry_after), 0.0)
            self._limiters[row.platform].chats.block(row.chat_id, now_m + wait)
            held = self._take_queue(key)
            log(logger, logging.WARNING, "delivery.rate_limited", retry_after=wait, **fields)
            await asyncio.to_thread(self._wait_chat, row, held, wait, result.error or "429")
            return
        if result.migrated_to:
            self.counters.migrated += 1
            held = self._take_queue(key)
            log(logger, logging.INFO, "delivery.migrated", to=result.migrated_to, **fields)
            await asyncio.to_thread(self._migrate, chat, row, held, result.migrated_to)
            self.wake()  # the copy for the new chat id is due now
            return
        if result.permanent:
            self.counters.deactivated += 1
            self._gone[key] = time.monotonic() + _GONE_MEMORY_S
            held = self._take_queue(key)
            log(logger, logging.WARNING, "delivery.chat_gone", error=result.error, **fields)
            await asyncio.to_thread(self._chat_gone, chat, row, held, result.error or "permanent")
            return
        error = result.error or "send failed"
        if row.attempts + 1 >= self.config.max_attempts:
            self.counters.dead += 1
            log(
                logger,
                logging.ERROR,
                "delivery.dead",
                attempts=row.attempts + 1,
                error=error,
                **fields,
            )
            await asyncio.to_thread(self.outbox.give_up, row, "dead", error)
            return
        self.counters.retried += 1
        delay = backoff_s(row.attempts + 1, self.config, self._rng)
        held = self._take_queue(key)  # the chat's later parts wait too, keeping their order
        log(
            logger,
            logging.WARNING,
            "delivery.retry",
            delay_s=round(delay, 2),
            error=error,
            **fields,
        )
        await asyncio.to_thread(self._retry, row, held, delay, error)

    def _take_queue(self, key: ChatKey) -> list[Delivery]:
        queue = self._queues.get(key)
        if not queue:
            return []
        rows = [h.delivery for h in queue]
        queue.clear()
        return rows

    # --- outcome bookkeeping (worker threads: blocking database calls) ------------
    def _mark_sent(self, chat: ChatRef, row: Delivery, result: SendResult) -> None:
        # The platform's Sender remembers which stories a brief message showed.
        if not self.outbox.mark_sent(row, self.clock.now(), result.message_id):
            self.counters.lost_claims += 1
            log(logger, logging.WARNING, "delivery.claim_lost", id=row.id, chat=row.chat_id)

    def _wait_chat(self, row: Delivery, held: list[Delivery], wait: float, error: str) -> None:
        until = self.clock.now() + timedelta(seconds=wait)
        self.outbox.retry_at(row, until, error, count=False)
        for other in held:
            self.outbox.release(other, until)
        self.outbox.defer_chat(row.platform, row.chat_id, until)

    def _retry(self, row: Delivery, held: list[Delivery], delay: float, error: str) -> None:
        at = self.clock.now() + timedelta(seconds=delay)
        self.outbox.retry_at(row, at, error)
        for other in held:
            self.outbox.release(other, at)

    def _chat_gone(self, chat: ChatRef, row: Delivery, held: list[Delivery], error: str) -> None:
        # Held rows are failed directly, never released first: a released row could be
        # claimed again (and sent) before fail_chat stops it.
        for item in (row, *held):
            self.outbox.give_up(item, "failed", error)
        self.outbox.fail_chat(row.platform, row.chat_id, error)
        self.chats.deactivate(chat, error)

    def _migrate(self, chat: ChatRef, row: Delivery, held: list[Delivery], new_id: str) -> None:
        now = self.clock.now()
        self.chats.migrate_chat(chat, new_id)
        # Held rows are readdressed while still claimed, never released at the old id
        # first: a released row could be claimed (and sent to the dead id) before the move.
        for item in (row, *held):
            self.outbox.readdress(item, new_id, now)
        self.outbox.move_chat(row.platform, row.chat_id, new_id, now)
