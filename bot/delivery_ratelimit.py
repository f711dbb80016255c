"""Send pacing: a global sliding window per platform plus a next-allowed time per chat.

Pure and clock-free (callers pass monotonic seconds), so it is unit tested without
sleeping. The dispatcher asks ``ready_at`` for every chat it could serve and sends to
whichever is ready first: a chat that must wait never holds up the others.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class RatePolicy:
    """Limits for one platform. Telegram documents 30 messages/s overall, ~1/s per chat
    and 20/min per group. The global limit is kept as Telegram states it, a count per
    window, with the window a little longer than a second: arrivals at the server are
    squeezed by network jitter, and 40 ms of slack keeps a 31st out of any second while
    still allowing 30 / 1.04 = 28.8 msg/s (96 % of the limit)."""

    global_limit: int = 30
    global_window_s: float = 1.04
    chat_interval_s: float = 1.05
    group_interval_s: float = 3.1

    def interval_for(self, chat_id: str) -> float:
        # Telegram groups and channels have negative ids and a 20/min limit.
        return self.group_interval_s if chat_id.startswith("-") else self.chat_interval_s


TELEGRAM_POLICY = RatePolicy()
# Slack: ~1 message/s per channel; the workspace-wide limit is far above that.
SLACK_POLICY = RatePolicy(global_limit=20, global_window_s=1.0, group_interval_s=1.05)


class SlidingWindow:
    """At most ``limit`` sends in any ``window_s`` seconds.

    Unlike a token bucket with a small capacity, a late timer wake-up costs nothing:
    the window only counts what was really sent, so the next send may go at once.
    ``take`` stamps a send when it starts; ``arrived`` moves the stamp to the estimated
    arrival at the server (the middle of the round trip) once the answer is in, so a
    request held up on our side (a busy event loop) cannot squeeze a 31st into a second.
    """

    def __init__(self, limit: int, window_s: float) -> None:
        self.limit = max(limit, 1)
        self.window_s = window_s
        self._stamps: deque[list[float]] = deque()

    def _expire(self, now: float) -> None:
        # The same expression as ready_at's answer, so a send at that time always fits
        # (``now - t >= w`` can be false at ``now == t + w`` in floating point).
        while self._stamps and self._stamps[0][0] + self.window_s <= now:
            self._stamps.popleft()

    def ready_at(self, now: float) -> float:
        """The earliest time a send fits in the window (``now`` when one does)."""
        self._expire(now)
        if len(self._stamps) < self.limit:
            return now
        return self._stamps[0][0] + self.window_s

    def take(self, now: float) -> list[float]:
        """Counts a send starting at ``now``; returns its stamp for ``arrived``."""
        self._expire(now)
        stamp = [now]
        self._stamps.append(stamp)
        return stamp

    def arrived(self, stamp: list[float], answered_at: float) -> None:
        # Only ever later: the window stays conservative (the oldest stamp may now be
        # later than the next one, which only delays expiry).
        stamp[0] = max(stamp[0], (stamp[0] + answered_at) / 2)


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
        self.window = SlidingWindow(policy.global_limit, policy.global_window_s)
        self.chats = ChatPacer(policy)

    def ready_at(self, chat_id: str, now: float) -> float:
        return max(self.chats.ready_at(chat_id, now), self.window.ready_at(now))

    def take(self, chat_id: str, now: float) -> list[float]:
        self.chats.sent(chat_id, now)
        return self.window.take(now)
