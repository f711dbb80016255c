"""SIGKILL the delivery worker mid fan-out, restart it: every chat gets its digest, and
at most the one message in flight at the kill repeats (the stated bound: max_in_flight,
here 1). Real processes: the fake Bot API (recording every sendMessage it receives) and
the worker; the record file is the ground truth."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.core.clock import FixedClock
from bot.core.models import ChatRef, ChatSettings, Subscription
from bot.schedule_digests import DigestJob
from bot.store.outbox import OutboxRepository
from tests.support.delivery_worker import make_app

REPO = Path(__file__).resolve().parents[2]
CHATS = 200
KILL_AFTER = 60


def _spawn(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", *args],
        cwd=REPO,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _lines(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _enqueue_digests(database_url: str) -> int:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    app = make_app(database_url)
    due = (now - timedelta(minutes=1)).strftime("%H:%M")
    for i in range(CHATS):
        chat = ChatRef("telegram", str(1000 + i))
        app.chats.subscribe(Subscription(chat, "syria"))
        app.chats.save_settings(ChatSettings(chat, timezone="UTC", digest_time=due))
    from bot.adapters.telegram_send import render_payloads

    job = DigestJob(
        app.chats,
        app.briefs,
        app.topics,
        OutboxRepository(app.engine),
        {"telegram": render_payloads},
        FixedClock(now),
        grace=timedelta(hours=3),
    )
    return job.tick().enqueued


def test_sigkill_mid_fanout_loses_nothing_and_repeats_at_most_one(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'crash.db'}"
    assert _enqueue_digests(database_url) == CHATS
    record = tmp_path / "sent.jsonl"
    fake = _spawn("tests.support.fake_telegram", "--port", "0", "--record", str(record))
    try:
        assert fake.stdout is not None
        ready = fake.stdout.readline().split()
        assert ready and ready[0] == "READY", ready
        worker_args = (
            "tests.support.delivery_worker",
            "--database-url",
            database_url,
            "--telegram-base-url",
            ready[1],
            "--rate",
            "100",
            "--max-in-flight",
            "1",
            "--claim-for",
            "2",
            "--lease-ttl",
            "2",
        )
        first = _spawn(*worker_args)
        deadline = time.monotonic() + 30
        while len(_lines(record)) < KILL_AFTER:
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "worker sent too little"
            time.sleep(0.01)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        at_kill = len(_lines(record))
        assert at_kill < CHATS, "killed too late to test anything"

        second = _spawn(*worker_args)
        _out, err = second.communicate(timeout=60)
        assert second.returncode == 0, err
    finally:
        fake.kill()
        fake.wait(10)

    sends = Counter(int(str(p["chat_id"])) for p in _lines(record))
    missing = set(range(1000, 1000 + CHATS)) - set(sends)
    repeats = sum(n - 1 for n in sends.values())
    print(f"killed after {at_kill} sends; repeated after restart: {repeats}; missing: 0")
    assert not missing
    assert repeats <= 1  # the one message in flight at the kill
    assert max(sends.values()) <= 2
    assert all("Syria" in str(p["text"]) for p in _lines(record))
