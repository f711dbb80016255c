"""A delivery worker as its own process, for crash tests: drains the outbox to a Telegram
Bot API (the fake), then exits 0.

    python -m tests.support.delivery_worker --database-url URL --telegram-base-url URL

Also the helpers tests use to build a real App pointed at local servers.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
from datetime import timedelta

from bot.bootstrap import App, bootstrap
from bot.core.ports import Clock
from bot.delivery import DeliveryConfig, Dispatcher
from bot.delivery_ratelimit import RatePolicy
from bot.settings import load_settings
from bot.store.leases import LeaseRepository
from bot.store.outbox import OutboxRepository

TOKEN = "123456:TEST-TOKEN"


def make_app(
    database_url: str, telegram_base_url: str | None = None, clock: Clock | None = None
) -> App:
    env = {
        "DATABASE_URL": database_url,
        "NEWSBRIEF_SOURCES": "demo:",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "HOME": os.environ.get("HOME", "/tmp"),
    }
    if telegram_base_url:
        env["TELEGRAM_API_BASE_URL"] = telegram_base_url
    return bootstrap(load_settings(env), clock=clock)


async def drain(args: argparse.Namespace) -> int:
    from bot.adapters.telegram import TelegramAdapter

    app = make_app(args.database_url, args.telegram_base_url)
    adapter = TelegramAdapter(app)
    policy = RatePolicy(
        global_limit=max(int(args.rate), 1), chat_interval_s=1.05, group_interval_s=3.1
    )
    config = DeliveryConfig(
        policies={"telegram": policy},
        max_in_flight=args.max_in_flight,
        claim_for=timedelta(seconds=args.claim_for),
        lease_ttl=timedelta(seconds=args.lease_ttl),
        idle_poll_s=0.2,
    )
    dispatcher = Dispatcher(
        OutboxRepository(app.engine),
        {"telegram": adapter.sender()},
        app.chats,
        app.clock,
        config,
        leases=LeaseRepository(app.engine),
        holder=f"worker:{os.getpid()}",
    )
    try:
        await dispatcher.run(until_empty=True)
    finally:
        await adapter.stop()
    print("DONE", dispatcher.counters.as_fields(), flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--telegram-base-url", required=True)
    parser.add_argument("--rate", type=float, default=200.0, help="messages/s overall")
    parser.add_argument("--max-in-flight", type=int, default=1)
    parser.add_argument("--claim-for", type=float, default=3.0, help="claim expiry, seconds")
    parser.add_argument("--lease-ttl", type=float, default=3.0)
    args = parser.parse_args(argv)
    if not args.telegram_base_url.startswith(("http://127.", "http://localhost")):
        parser.error("tests only talk to 127.0.0.0/8")
    logging.basicConfig(level=logging.WARNING)
    return asyncio.run(drain(args))


if __name__ == "__main__":
    raise SystemExit(main())
