"""Delivery benchmark: N subscribed chats due at the same minute, delivered through the
local fake Bot API with its rate limits on (30/s overall, 1/s per chat).

    python bench/bench_delivery.py --chats 10000 --database sqlite
    python bench/bench_delivery.py --chats 1000 --database both

Prints: enqueue time (one digest tick), time to deliver all, achieved messages/s
(target >= 95% of 30/s), 429s received, peak RSS of this process (the fake runs apart).
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

from sqlalchemy import create_engine, insert, text

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.adapters.telegram import TelegramAdapter  # noqa: E402
from bot.core.clock import FixedClock  # noqa: E402
from bot.delivery import DeliveryConfig, Dispatcher  # noqa: E402
from bot.delivery_ratelimit import TELEGRAM_POLICY  # noqa: E402
from bot.schedule_digests import DigestJob  # noqa: E402
from bot.store.outbox import OutboxRepository  # noqa: E402
from bot.store.schema import chats, subscriptions  # noqa: E402
from tests.support.delivery_worker import make_app  # noqa: E402

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def seed(app_engine: object, count: int, digest_time: str, now: datetime) -> None:
    chat_rows = [
        {
            "platform": "telegram",
            "chat_id": str(10_000_000 + i),
            "timezone": "UTC",
            "digest_time": digest_time,
            "alerts": False,
            "alert_threshold": 10,
            "active": True,
        }
        for i in range(count)
    ]
    sub_rows = [
        {
            "platform": "telegram",
            "chat_id": r["chat_id"],
            "topic": "syria",
            "include_words": [],
            "exclude_words": [],
            "created": now,
        }
        for r in chat_rows
    ]
    with app_engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(insert(chats), chat_rows)
        conn.execute(insert(subscriptions), sub_rows)


async def run_one(label: str, database_url: str, count: int, workdir: Path, in_flight: int) -> None:
    record = workdir / f"{label}-sent.jsonl"
    fake = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.support.fake_telegram",
            "--port",
            "0",
            "--record",
            str(record),
            "--global-limit",
            "30",
            "--per-chat-limit",
            "1",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert fake.stdout is not None
        base_url = fake.stdout.readline().split()[1]
        now = datetime.now(UTC).replace(second=0, microsecond=0)
        app = make_app(database_url, base_url, clock=FixedClock(now))
        seed(app.engine, count, (now - timedelta(minutes=1)).strftime("%H:%M"), now)
        adapter = TelegramAdapter(app)
        outbox = OutboxRepository(app.engine)
        job = DigestJob(
            app.chats,
            app.briefs,
            app.topics,
            outbox,
            {"telegram": adapter.render_payloads},
            app.clock,
            grace=timedelta(hours=3),
        )
        started = time.perf_counter()
        report = job.tick()
        enqueue_s = time.perf_counter() - started
        # The dispatcher runs on real time; the fixed clock only pinned the digest slot.
        from bot.core.clock import SystemClock

        dispatcher = Dispatcher(
            outbox,
            {"telegram": adapter.sender()},
            app.chats,
            SystemClock(),
            DeliveryConfig(policies={"telegram": TELEGRAM_POLICY}, max_in_flight=in_flight),
        )
        started = time.perf_counter()
        await dispatcher.run(until_empty=True)
        deliver_s = time.perf_counter() - started
        await adapter.stop()
    finally:
        fake.terminate()
        fake.wait(10)
    requests = sum(1 for _ in record.open())
    c = dispatcher.counters
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"[{label}] chats={count} rows={report.enqueued} briefs_built={report.briefs_built} "
        f"renders={report.renders} enqueue_s={enqueue_s:.2f} deliver_s={deliver_s:.1f} "
        f"msgs_per_s={c.sent / deliver_s:.2f} ({c.sent / deliver_s / 30:.1%} of 30/s) "
        f"sent={c.sent} requests={requests} http_429={c.rate_limited} failed={c.failed} "
        f"peak_rss_mb={rss_mb:.0f}",
        flush=True,
    )


def postgres_url() -> tuple[str, str]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with create_engine(POSTGRES).begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    return f"{POSTGRES}?options=-csearch_path%3D{schema}", schema


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chats", type=int, default=10_000)
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--max-in-flight", type=int, default=4)
    args = parser.parse_args()
    with TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.database in ("sqlite", "both"):
            url = f"sqlite:///{work / 'bench.db'}"
            asyncio.run(run_one("sqlite", url, args.chats, work, args.max_in_flight))
        if args.database in ("postgresql", "both"):
            url, schema = postgres_url()
            try:
                asyncio.run(run_one("postgresql", url, args.chats, work, args.max_in_flight))
            finally:
                with create_engine(POSTGRES).begin() as conn:
                    conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))


if __name__ == "__main__":
    main()
