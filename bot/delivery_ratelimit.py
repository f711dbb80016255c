"""Send pacing: a global token bucket per platform plus a next-allowed time per chat.

Pure and clock-free (callers pass monotonic seconds), so it is unit tested without
sleeping. The dispatcher asks ``ready_at`` for every chat it could serve and sends to
whichever is ready first: a chat that must wait never holds up the others.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RatePolicy:
    """Limits for one platform. Defaults sit just under Telegram's documented limits
    (30 messages/s overall, ~1/s per chat, 20/min per group). A bucket of rate r and
    capacity b allows at most b + r sends in any one-second window: 1.2 + 29.0 = 30.2,
    so never a 31st, with ~27 ms to spare for network jitter (the first request, which
    also opens the connection, arrives late: a 17 ms margin measured one 429). The
    capacity above 1 keeps a late timer wake-up from costing throughput (with b = 1
    every late wake is lost)."""

    global_per_s: float = 29.0
    burst: float = 1.2
    chat_interval_s: float = 1.05
    group_interval_s: float = 3.1

    def interval_for(self, chat_id: str) -> float:
        # Telegram groups and channels have negative ids and a 20/min limit.
        return self.group_interval_s if chat_id.startswith("-") else self.chat_interval_s


TELEGRAM_POLICY = RatePolicy()
# Slack: ~1 message/s per channel; the workspace-wide limit is far above that.
SLACK_POLICY = RatePolicy(global_per_s=20.0, chat_interval_s=1.05, group_interval_s=1.05)


class TokenBucket:
    def __init__(self, rate_per_s: float, burst: float) -> None:
        self.rate = rate_per_s
        self.burst = max(burst, 1.0)
        self._tokens = 1.0  # start with one token, not a burst: no early flood
        self._stamp: float | None = None

    def _refill(self, now: float) -> None:
        if self._stamp is not None:
            self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    def ready_at(self, now: float) -> float:
        """The earliest time a token is available (``now`` when one is)."""
        self._refill(now)
        if self._tokens >= 1.0:
            return now
        return now + (1.0 - self._tokens) / self.rate

    def take(self, now: float) -> None:
        self._refill(now)
        self._tokens -= 1.0


class ChatPacer:
    """Next-allowed send time per chat: the per-chat interval and any 429 block."""

    def __init__(self, policy: RatePolicy) -> None:
        self.policy = policy
        self._next: dict[str, float] = {}

    def ready_at(self, chat_id: str, now: float) -> float:
        return max(now, self._next.get(chat_id, now))

    def sent(self, chat_id: str, now: float) -> None:
        after = now + self.policy.interval_for(chat_id)
        self._next[chat_id] = max(self._next.get(chat_id, 0.0), after)

    def block(self, chat_id: str, until: float) -> None:
        self._next[chat_id] = max(self._next.get(chat_id, 0.0), until)

    def forget_idle(self, now: float) -> None:
        """Drops chats whose wait is over, so memory tracks active chats only."""
        self._next = {k: v for k, v in self._next.items() if v > now}


class PlatformLimiter:
    def __init__(self, policy: RatePolicy) -> None:
        self.bucket = TokenBucket(policy.global_per_s, policy.burst)
        self.chats = ChatPacer(policy)

    def ready_at(self, chat_id: str, now: float) -> float:
        return max(self.chats.ready_at(chat_id, now), self.bucket.ready_at(now))

    def take(self, chat_id: str, now: float) -> None:
        self.bucket.take(now)
        self.chats.sent(chat_id, now)
