"""The dispatcher against the fake Bot API: 429 retry_after obeyed per chat (checked on
the fake's own arrival timestamps), 5xx/timeouts retried then dead, blocked chats
deactivated, migrated groups followed."""

from __future__ import annotations

import asyncio
import json
import time
from collections import defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from bot.adapters.telegram import TelegramAdapter
from bot.bootstrap import App
from bot.core.models import ChatRef
from bot.core.replies import Reply
from bot.delivery import DeliveryConfig, Dispatcher
from bot.delivery_ratelimit import RatePolicy
from bot.store.outbox import NewDelivery, OutboxRepository
from tests.support.delivery_worker import make_app
from tests.support.fake_telegram import FakeTelegram


@dataclass
class StampedRecord:
    """The fake's ``record`` sink: each sendMessage it receives, with its arrival time."""

    lines: list[tuple[float, dict[str, Any]]] = field(default_factory=list)

    def write(self, text: str) -> int:
        self.lines.append((time.monotonic(), json.loads(text)))
        return len(text)

    def flush(self) -> None:
        pass

    def per_chat(self) -> dict[int, list[tuple[float, str]]]:
        chats: dict[int, list[tuple[float, str]]] = defaultdict(list)
        for stamp, params in self.lines:
            chats[int(params["chat_id"])].append((stamp, str(params["text"])))
        return chats


@dataclass
class Rig:
    fake: FakeTelegram
    record: StampedRecord
    app: App
    adapter: TelegramAdapter
    outbox: OutboxRepository

    def enqueue(self, chat_id: str, *texts: str) -> None:
        rows = []
        for n, text in enumerate(texts, 1):
            (payload,) = self.adapter.render_payloads(Reply(text=text))
            rows.append(NewDelivery("telegram", chat_id, f"test:{chat_id}#{n}", "digest", payload))
        self.app.chats.save_settings(self.app.chats.settings(ChatRef("telegram", chat_id)))
        self.outbox.enqueue(rows, self.app.clock.now())

    async def drain(self, **config: Any) -> Dispatcher:
        defaults: dict[str, Any] = {
            "policies": {
                "telegram": RatePolicy(
                    global_limit=200,
                    global_window_s=1.0,
                    chat_interval_s=0.05,
                    group_interval_s=0.05,
                )
            },
            "idle_poll_s": 0.05,
            "backoff_base_s": 0.05,
        }
        dispatcher = Dispatcher(
            self.outbox,
            {"telegram": self.adapter.sender()},
            self.app.chats,
            self.app.clock,
            DeliveryConfig(**{**defaults, **config}),
        )
        await asyncio.wait_for(dispatcher.run(until_empty=True), timeout=30)
        return dispatcher


@pytest.fixture
async def rig(database_url: str) -> AsyncIterator[Rig]:
    record = StampedRecord()
    async with FakeTelegram(record=record) as fake:  # type: ignore[arg-type]
        app = make_app(database_url, fake.base_url)
        adapter = TelegramAdapter(app)
        try:
            yield Rig(fake, record, app, adapter, OutboxRepository(app.engine))
        finally:
            await adapter.stop()


async def test_429_retry_after_is_obeyed_per_chat_and_all_arrive(rig: Rig) -> None:
    for chat in ("101", "102", "103"):
        rig.enqueue(chat, f"{chat} part 1", f"{chat} part 2")
    rig.fake.fail_next("sendMessage", "429", retry_after=1, times=2, chat_id=101)
    rig.fake.fail_next("sendMessage", "429", retry_after=2, times=1, chat_id=102)

    dispatcher = await rig.drain()

    chats = rig.record.per_chat()
    # Every message arrived once, in order (the 429'd attempts come first in the record).
    for chat, refused in ((101, 2), (102, 1), (103, 0)):
        texts = [text for _, text in chats[chat][refused:]]
        assert texts == [f"{chat} part 1", f"{chat} part 2"]
    # No request to a chat before the retry_after it was given had passed.
    for chat, refused, wait in ((101, 2, 1.0), (102, 1, 2.0)):
        stamps = [stamp for stamp, _ in chats[chat]]
        for i in range(refused):
            assert stamps[i + 1] - stamps[i] >= wait, (chat, i, stamps)
    # The other chat was not held up by them.
    assert chats[103][-1][0] < chats[101][0][0] + 1.0
    assert dispatcher.counters.rate_limited == 3
    assert dispatcher.counters.sent == 6
    assert rig.outbox.counts_by_status() == {"sent": 6}


async def test_5xx_and_timeouts_retry_with_backoff_then_succeed(rig: Rig) -> None:
    rig.enqueue("201", "hello")
    rig.enqueue("202", "slow")
    rig.fake.fail_next("sendMessage", "502", times=2, chat_id=201)
    rig.fake.fail_next("sendMessage", "timeout", delay=5.0, chat_id=202)
    dispatcher = await rig.drain(send_timeout_s=0.5)
    assert [m["text"] for m in rig.fake.sent_messages(201)] == ["hello"]
    assert [m["text"] for m in rig.fake.sent_messages(202)] == ["slow"]
    assert dispatcher.counters.retried == 3
    (row,) = rig.outbox.for_chat("telegram", "201")
    assert row.status == "sent" and row.attempts == 2


async def test_out_of_attempts_is_dead_with_the_error_kept(rig: Rig) -> None:
    rig.enqueue("301", "doomed")
    rig.fake.fail_next("sendMessage", "500", times=3, chat_id=301)
    dispatcher = await rig.drain(max_attempts=3)
    (row,) = rig.outbox.for_chat("telegram", "301")
    assert row.status == "dead" and row.attempts == 3
    assert row.last_error and "Internal Server Error" in row.last_error
    assert dispatcher.counters.dead == 1 and rig.fake.sent_messages(301) == []


async def test_blocked_chat_is_deactivated_and_its_rows_stop(rig: Rig) -> None:
    rig.enqueue("401", "one", "two", "three")
    rig.enqueue("402", "fine")
    rig.fake.fail_next("sendMessage", "403", chat_id=401)
    dispatcher = await rig.drain()
    assert not rig.app.chats.settings(ChatRef("telegram", "401")).active
    assert {r.status for r in rig.outbox.for_chat("telegram", "401")} == {"failed"}
    assert len(rig.record.per_chat()[401]) == 1  # no retries to a blocked chat
    assert [m["text"] for m in rig.fake.sent_messages(402)] == ["fine"]
    assert dispatcher.counters.deactivated == 1


async def test_migrated_group_gets_the_message_at_its_new_id(rig: Rig) -> None:
    rig.enqueue("-501", "for the group", "second part")
    rig.fake.fail_next("sendMessage", "migrate", migrate_to=-100501, chat_id=-501)
    dispatcher = await rig.drain(max_in_flight=1)
    assert [m["text"] for m in rig.fake.sent_messages(-100501)] == ["for the group", "second part"]
    assert rig.app.chats.settings(ChatRef("telegram", "-100501")).active
    assert dispatcher.counters.migrated == 1


class OutboxWatchingTheMove(OutboxRepository):
    """Notes, just before a migrated chat's rows are moved, which of them a racing claim
    could take at the old chat id (pending and due there)."""

    claimable_at_old_id: list[str]

    def move_chat(self, platform: str, old_chat_id: str, new_chat_id: str, now: Any) -> int:
        self.claimable_at_old_id = [
            row.content_key
            for row in self.for_chat(platform, old_chat_id)
            if row.status == "pending" and row.next_attempt <= now
        ]
        return super().move_chat(platform, old_chat_id, new_chat_id, now)


async def test_held_parts_of_a_migrated_chat_are_never_claimable_at_the_old_id(rig: Rig) -> None:
    # The dispatcher loop claims while the migration is recorded in a worker thread; a
    # held part released at the old id first could be claimed and sent to the dead id.
    rig.outbox = OutboxWatchingTheMove(rig.app.engine)
    rig.enqueue("-601", "first", "second", "third")
    rig.fake.fail_next("sendMessage", "migrate", migrate_to=-100601, chat_id=-601)
    await rig.drain(max_in_flight=1)
    assert rig.outbox.claimable_at_old_id == []
    assert [m["text"] for m in rig.fake.sent_messages(-100601)] == ["first", "second", "third"]
    assert rig.fake.sent_messages(-601) == []


def test_stamped_record_is_what_the_fake_needs() -> None:
    record = StampedRecord()
    record.write(json.dumps({"chat_id": 1, "text": "x"}) + "\n")
    assert record.per_chat()[1][0][1] == "x"
