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


def run_status(settings: Settings) -> int:
    return run_sources(settings, None)
