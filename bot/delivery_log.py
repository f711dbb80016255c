"""key=value log lines and the delivery counters, shared by delivery and scheduling."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any


def kv(event: str, **fields: Any) -> str:
    """``event=digest.enqueued chat=42 key="digest:syria:2026-03-29"``: grep- and parse-able."""
    parts = [f"event={event}"]
    for key, value in fields.items():
        text = str(value)
        if not text or any(c in text for c in ' ="'):
            text = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
        parts.append(f"{key}={text}")
    return " ".join(parts)


def log(logger: logging.Logger, level: int, event: str, **fields: Any) -> None:
    if logger.isEnabledFor(level):
        logger.log(level, kv(event, **fields))


@dataclass
class DeliveryCounters:
    """What the dispatcher did since start; logged periodically and at shutdown."""

    sent: int = 0
    failed: int = 0  # every send that did not succeed, whatever happened next
    retried: int = 0  # transient errors (5xx, timeouts) rescheduled with backoff
    rate_limited: int = 0  # 429 answers; the chat waits retry_after
    dead: int = 0  # out of attempts; the row keeps the last error
    deactivated: int = 0  # permanent errors (blocked, not found)
    migrated: int = 0
    lost_claims: int = 0  # sent, but another worker had re-claimed the row meanwhile

    def as_fields(self) -> dict[str, int]:
        return asdict(self)
