"""Pacing without sleeping: token bucket, per-chat intervals, 429 blocks, backoff."""

from __future__ import annotations

import random

from bot.delivery import DeliveryConfig, backoff_s
from bot.delivery_ratelimit import ChatPacer, PlatformLimiter, RatePolicy, SlidingWindow


def test_window_paces_to_its_limit() -> None:
    window = SlidingWindow(limit=30, window_s=1.25)  # exact in binary floating point
    now, sent = 0.0, 0
    while True:
        now = window.ready_at(now)
        if now >= 12.5:
            break
        window.take(now)
        sent += 1
    assert sent == 300  # 30 per 1.25 s, ten windows


def test_no_window_ever_holds_more_than_the_limit() -> None:
    window = SlidingWindow(limit=30, window_s=1.04)
    stamps: list[float] = []
    now = 0.0
    rng = random.Random(7)
    for _ in range(2000):
        now = window.ready_at(now + rng.choice((0.0, 0.0, 0.01, 0.2)))  # late wakes too
        window.take(now)
        stamps.append(now)
    for i, start in enumerate(stamps):
        inside = sum(1 for t in stamps[i : i + 40] if start + 1.04 > t)
        assert inside <= 30


def test_late_wake_up_costs_no_throughput() -> None:
    window = SlidingWindow(limit=10, window_s=1.0)
    for i in range(10):
        window.take(i * 0.1)
    # A wake-up 50 ms late: the next send goes at once, not a full interval later.
    assert window.ready_at(1.05) == 1.05


def test_arrival_moves_the_stamp_later_only() -> None:
    window = SlidingWindow(limit=1, window_s=1.0)
    stamp = window.take(0.0)
    window.arrived(stamp, 0.4)  # answered after 0.4 s: it reached the server at ~0.2 s
    assert window.ready_at(0.5) == 1.2
    window.arrived(stamp, 0.1)  # never earlier
    assert window.ready_at(0.5) == 1.2


def test_private_chats_1_per_s_groups_20_per_min() -> None:
    pacer = ChatPacer(RatePolicy(chat_interval_s=1.0, group_interval_s=3.0))
    pacer.sent("42", 10.0)
    pacer.sent("-100", 10.0)
    assert pacer.ready_at("42", 10.5) == 11.0
    assert pacer.ready_at("-100", 10.5) == 13.0
    assert pacer.ready_at("7", 10.5) == 10.5  # other chats are not held up


def test_retry_after_block_outlasts_the_interval() -> None:
    pacer = ChatPacer(RatePolicy(chat_interval_s=1.0))
    pacer.sent("42", 0.0)
    pacer.block("42", 5.0)
    assert pacer.ready_at("42", 1.0) == 5.0
    pacer.block("42", 2.0)  # a shorter block never shortens a longer one
    assert pacer.ready_at("42", 1.0) == 5.0
    pacer.forget_idle(6.0)
    assert pacer.ready_at("42", 6.0) == 6.0


def test_platform_limiter_takes_both() -> None:
    limiter = PlatformLimiter(RatePolicy(global_limit=1, global_window_s=0.5, chat_interval_s=1.0))
    limiter.take("1", 0.0)
    assert limiter.ready_at("2", 0.0) == 0.5  # the global window
    assert limiter.ready_at("1", 0.0) == 1.0  # the chat's interval


def test_backoff_grows_with_jitter_and_is_capped() -> None:
    config = DeliveryConfig(backoff_base_s=2.0, backoff_cap_s=60.0)
    rng = random.Random(1)
    for attempt, ceiling in ((1, 2.0), (2, 4.0), (3, 8.0), (10, 60.0)):
        delays = [backoff_s(attempt, config, rng) for _ in range(50)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(set(delays)) > 1
