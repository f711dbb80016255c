"""`newsbrief sources` and `newsbrief status`."""

from __future__ import annotations

from bot.settings import Settings
from bot.store.db import make_engine
from bot.store.sources import SourceRepository


def run_sources(settings: Settings, enable: str | None) -> int:
    repo = SourceRepository(make_engine(settings.database_url))
    if enable:
        if not repo.enable(enable):
            print(f"newsbrief: no source named {enable!r}")
            return 2
        print(f"Re-enabled {enable}.")
        return 0
    statuses = repo.source_statuses()
    if not statuses:
        print("No source polled yet. Run `newsbrief brief syria` or `newsbrief run`.")
        return 0
    for s in statuses:
        ok = f"{s.last_success:%Y-%m-%d %H:%M} UTC" if s.last_success else "never"
        state = f"DISABLED: {s.disabled_reason}" if s.disabled_reason else "enabled"
        print(f"{s.name} [{s.kind}] — {state}")
        print(f"    {s.url}")
        print(f"    last success: {ok}; items seen: {s.items_seen}")
        print(f"    failures in a row: {s.failures}")
        if s.last_error:
            print(f"    last error: {s.last_error}")
    return 0


def run_status(settings: Settings, limit: int = 50) -> int:
    """Deliveries by status, the leader, last poll per source, next digest per chat."""
    from datetime import UTC, datetime

    from bot.schedule_time import next_digest, zone
    from bot.store.chats import ChatRepository
    from bot.store.leases import LeaseRepository
    from bot.store.outbox import OutboxRepository

    engine = make_engine(settings.database_url)
    now = datetime.now(UTC)
    counts = OutboxRepository(engine).counts_by_status()
    order = ("pending", "sending", "sent", "failed", "dead")
    shown = ", ".join(f"{status} {counts.get(status, 0)}" for status in order)
    print(f"Deliveries: {shown}")
    leases = LeaseRepository(engine)
    for name in ("scheduler", "delivery"):
        lease = leases.current(name)
        if lease is None or lease.expires < now:
            print(f"{name.capitalize()} lease: none held")
        else:
            print(f"{name.capitalize()} lease: {lease.holder} until {lease.expires:%H:%M:%S} UTC")
    print()
    run_sources(settings, None)
    print()
    due = []
    for chat in ChatRepository(engine).all_settings(with_digest=True):
        at = next_digest(chat, now)
        if at is not None:
            due.append((at, chat))
    due.sort(key=lambda pair: pair[0])
    print(f"Next digests ({len(due)} chat(s) with a digest time):")
    for at, chat in due[:limit]:
        local = at.astimezone(zone(chat.timezone))
        print(
            f"  {chat.chat.platform}:{chat.chat.chat_id} — {local:%Y-%m-%d %H:%M} "
            f"{chat.timezone} ({at:%Y-%m-%d %H:%M} UTC)"
        )
    if len(due) > limit:
        print(f"  … and {len(due) - limit} more")
    return 0
