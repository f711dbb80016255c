"""Pacing without sleeping: token bucket, per-chat intervals, 429 blocks, backoff."""

from __future__ import annotations

import random

from bot.delivery import DeliveryConfig, backoff_s
from bot.delivery_ratelimit import ChatPacer, PlatformLimiter, RatePolicy, TokenBucket


def test_bucket_paces_to_its_rate() -> None:
    bucket = TokenBucket(rate_per_s=30, burst=1)
    now, sent = 0.0, 0
    while now < 10.0:
        now = bucket.ready_at(now)
        bucket.take(now)
        sent += 1
    assert 299 <= sent <= 301  # 30/s over 10 s, never a burst above the rate


def test_bucket_burst_then_rate() -> None:
    bucket = TokenBucket(rate_per_s=10, burst=5)
    bucket.take(0.0)  # it starts with one token, not a burst
    assert abs(bucket.ready_at(0.0) - 0.1) < 1e-9
    for _ in range(5):  # after an idle second: at most `burst` at once
        assert bucket.ready_at(1.0) == 1.0
        bucket.take(1.0)
    assert abs(bucket.ready_at(1.0) - 1.1) < 1e-9


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
    limiter = PlatformLimiter(RatePolicy(global_per_s=2, burst=1, chat_interval_s=1.0))
    limiter.take("1", 0.0)
    assert limiter.ready_at("2", 0.0) == 0.5  # the global bucket
    assert limiter.ready_at("1", 0.0) == 1.0  # the chat's interval


def test_backoff_grows_with_jitter_and_is_capped() -> None:
    config = DeliveryConfig(backoff_base_s=2.0, backoff_cap_s=60.0)
    rng = random.Random(1)
    for attempt, ceiling in ((1, 2.0), (2, 4.0), (3, 8.0), (10, 60.0)):
        delays = [backoff_s(attempt, config, rng) for _ in range(50)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(set(delays)) > 1
