"""The seam between delivery and the chat platforms.

A delivery is one platform message, rendered once and stored in the outbox as a
JSON payload; a Sender sends it and says what happened, so the outbox can retry,
wait (429 retry_after) or stop (403 blocked) without knowing the platform.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from bot.core.models import ChatRef, Platform

Payload = dict[str, Any]


@dataclass(frozen=True)
class SendResult:
    ok: bool
    message_id: str | None = None
    # Seconds the platform asked us to wait (Telegram 429 retry_after, Slack Retry-After).
    retry_after: float | None = None
    # The chat is gone for good (blocked, kicked, not found): stop and deactivate.
    permanent: bool = False
    # A new chat id (Telegram group migrated to a supergroup): resend there.
    migrated_to: str | None = None
    error: str | None = None


class Sender(Protocol):
    platform: Platform

    async def send(self, chat: ChatRef, payload: Payload) -> SendResult: ...


class ChatAdapter(Protocol):
    """A running chat platform integration (Telegram, Slack)."""

    platform: Platform

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    def sender(self) -> Sender: ...

    def render_payloads(self, reply: Any) -> list[Payload]:
        """A core Reply as one payload per platform message (brief split as needed)."""
        ...
